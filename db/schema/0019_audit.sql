-- The audit of what left the program (issue 16): every export and every print of personal
-- data, one row each. Replicated, append-only (the capture triggers refuse UPDATE and DELETE),
-- so it syncs and nobody edits it from the program. Changes to the register are not copied
-- here: the change log already holds who, when and what (desktop/audit.py reads both).
CREATE TABLE audit_event (
  id TEXT PRIMARY KEY,
  at TEXT,                                        -- ISO local time, seconds
  user_name TEXT,                                 -- db.user_name of whoever did it
  action TEXT,                                    -- export | print
  target TEXT,                                    -- the list or form ('register', 'household-sheet')
  people INTEGER,                                 -- rows or items it held
  masked INTEGER NOT NULL DEFAULT 0,              -- 1: ID numbers and phones were masked
  file_name TEXT,                                 -- the file's name, without its folder
  reason TEXT,                                    -- why a full export was made, when asked
  created_site TEXT
);
CREATE INDEX audit_event_at ON audit_event(at);
