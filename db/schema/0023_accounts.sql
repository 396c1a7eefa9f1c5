-- Accounts and roles (issue 16). ``account`` is replicated (SYNC.md 9.4: a TEXT key, a
-- tombstone, no UNIQUE beyond the key, no NOT NULL without a default beyond the key), so an
-- admin's reset or a new account reaches every machine by the next sync. The password is an
-- scrypt hash with its own salt and parameters in one text (desktop/accounts/passwords.py).
CREATE TABLE account (
  id TEXT PRIMARY KEY,
  name TEXT,                                      -- login name, as typed at the login ('anna', '张明')
  role TEXT,                                      -- admin | staff | gate (NULL: no rights)
  password_hash TEXT,                             -- 'scrypt$n$r$p$salt$hash' (base64)
  password_set_by TEXT,                           -- who set the password last (an admin's reset: their name)
  password_set_wall TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,            -- 1: cannot log in (kept for the audit's names)
  demo INTEGER NOT NULL DEFAULT 0,                -- 1: the demo community's (its password is on its login screen)
  is_deleted INTEGER NOT NULL DEFAULT 0, created_site TEXT, created_wall TEXT
);
CREATE INDEX account_name ON account(name);
-- Failed logins on this machine (local, never synced): each failure in a row makes the next
-- try wait longer (desktop/accounts/store.py). Keyed by the name typed, so a name that does not
-- exist slows down the same way and tells nothing.
CREATE TABLE login_failure (
  name TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  last_failed REAL,                               -- time.time() of the last failure
  wait_until REAL                                 -- no try is checked before this time
);
