"""The session: who is logged in on an open database, and when no login is asked.

The session is held by the database object (``db.actor``), so every use case that takes a
database, an App or a Register reaches it through ``roles.require`` without a new argument.
``open_app`` starts every database it opens with ``initial_actor``:

* **the demo community** (marked when made) and **a register with no account yet** run as an
  implicit admin: the demo's commands and scripts keep working without a password (its
  passwords are printed on its login screen anyway: it holds no real person), and a fresh
  install must be usable to make its first admin or import its ledgers. The first account
  made ends that for the real register;
* **any other register** starts as NOBODY (no rights at all) until a login: the window's login
  dialog, or the command line's ``--user NAME`` with ``MENSHEN_PASSWORD`` or a prompt.

Library code that builds a ``Database`` itself (tests, benches) has no session and acts as the
program (``roles.PROGRAM``); every way in for a person goes through ``open_app``.
"""
from desktop.accounts.roles import ADMIN, GATE, NOBODY, STAFF, Actor
from desktop.accounts.store import has_accounts, verify

DEMO_MARK = "demo_community"
#: The demo community's accounts, shown on its login screen (and only there).
DEMO_ACCOUNTS = (("admin", ADMIN, "admin123"), ("staff", STAFF, "staff123"), ("gate", GATE, "gate1234"))
IMPLICIT_ADMIN = Actor("admin", ADMIN, implicit=True)


def start_session(db, actor: Actor) -> Actor:
    """``actor`` is logged in on ``db``: permissions and the audit's and change log's names follow."""
    db.actor = actor
    db.user_name = actor.name
    return actor


def is_demo(db) -> bool:
    """The demo community: marked where it was made, and by its accounts (which sync, so a
    laptop that received the demo by a sync knows it too)."""
    import sqlite3
    from desktop.settings import get_setting
    if get_setting(db, DEMO_MARK) == "1":
        return True
    try:
        with db.reading() as conn:
            return conn.execute("SELECT 1 FROM account WHERE demo = 1 AND is_deleted = 0 LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:        # a read-only file of a version before accounts
        return False


def demo_accounts_shown(db) -> tuple[tuple[str, str, str], ...]:
    """(name, role, password) to print on the login screen: the demo's accounts that still
    have the demo's password; nothing for any other register."""
    from desktop.accounts.passwords import check_password
    if not is_demo(db):
        return ()
    with db.reading() as conn:
        hashes = dict(conn.execute("SELECT name, password_hash FROM account WHERE demo = 1 AND is_deleted = 0"
                                   " AND disabled = 0").fetchall())
    return tuple((n, r, p) for n, r, p in DEMO_ACCOUNTS if n in hashes and check_password(p, hashes[n]))


def login_required(db) -> bool:
    """A register whose accounts are real: someone must log in."""
    return has_accounts(db) and not is_demo(db)


def initial_actor(db) -> Actor:
    """Who a freshly opened database acts as before any login (see the module's text)."""
    return NOBODY if login_required(db) else IMPLICIT_ADMIN


def login(db, name: str, password: str, *, seal: bool = True, **kw) -> Actor:
    """Check the password (desktop.accounts.store.verify) and start the session; on an
    encrypted register the key file takes up this password (desktop/accounts/keyring.py), unless
    ``seal`` is False: the caller opened the file with this very password's entry."""
    actor = verify(db, name, password, **kw)
    if seal:
        from desktop.accounts import keyring
        keyring.remember(db, actor.name, password)
    return start_session(db, actor)


def make_demo_accounts(db) -> None:
    """The demo's three accounts (one of each role) and its mark."""
    from desktop.accounts.store import create_first_admin, create_account
    from desktop.settings import set_setting
    (admin_name, _, admin_password), *others = DEMO_ACCOUNTS
    create_first_admin(db, admin_name, admin_password)
    previous = getattr(db, "actor", None)
    start_session(db, IMPLICIT_ADMIN)
    try:
        for name, role, password in others:
            create_account(db, name, role, password)
        with db.transaction() as conn:
            conn.execute("UPDATE account SET demo = 1 WHERE is_deleted = 0")
        set_setting(db, DEMO_MARK, "1")
    finally:
        db.actor = previous


# -- the idle lock ---------------------------------------------------------------------------
IDLE_SETTING = "idle_lock_minutes"
#: A shared office PC locks after this long without a key or a click (the window's default).
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240


def idle_lock_minutes(db) -> int:
    """Minutes without a key or a click before this machine's window locks; 0: never."""
    from desktop.settings import get_setting
    try:
        minutes = int(get_setting(db, IDLE_SETTING, str(DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return minutes if 0 <= minutes <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def set_idle_lock_minutes(db, minutes) -> int:
    """The admin sets this machine's idle lock (a setting of the machine, not synced: the gate
    laptop and the office PC may differ). 0 turns it off."""
    from desktop.errors import InputError
    from desktop.settings import set_setting
    try:
        value = int(str(minutes).strip())
    except ValueError:
        raise InputError("idle_lock_minutes", f"锁定时间要写整数分钟（0 表示不锁定），不能是“{minutes}”。") from None
    if not 0 <= value <= MAX_IDLE_MINUTES:
        raise InputError("idle_lock_minutes", f"锁定时间应在 0 到 {MAX_IDLE_MINUTES} 分钟之间（0 表示不锁定）。")
    set_setting(db, IDLE_SETTING, str(value))       # Permission.SETTINGS: the admin
    return value
