"""Accounts (账号): the first admin, new accounts, an admin's reset of another's password,
disabling, and the check of a password at login, which slows down after repeated failures.

The slow-down: failures in a row for one name on this machine (table ``login_failure``, local,
never synced) make the next try wait ``delay_after(failures)`` seconds; a try made sooner is
refused without looking at the password (it does not count either). A name that does not exist
slows down the same way, so the login never tells which names exist. The clock is a parameter
(``clock=time.time``), so tests move it instead of sleeping.
"""
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from db.sync.ids import uuid7
from desktop.accounts import keyring
from desktop.accounts.passwords import check_nobody, check_password, hash_password, too_weak
from desktop.accounts.roles import ADMIN, GATE, ROLE_NAMES, ROLES, Actor, Permission, actor_of, require
from desktop.errors import InputError

MIN_PASSWORD = 6
FREE_FAILURES = 3            # typing slips: no wait for the first three failures in a row
MAX_DELAY = 300.0            # five minutes at most: a gate must not be locked out for long


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: str
    disabled: bool = False
    password_set_by: str = ""
    password_set_wall: str = ""

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role or "")


class SecretRefused(InputError):
    """A wrong secret (a password, a passphrase) in ``field``; ``wait`` seconds before the next
    try is looked at (``delay_after``), for a form to say on its button."""

    def __init__(self, field: str, message: str, wait: float = 0.0):
        super().__init__(field, message)
        self.wait = wait


class LoginRefused(SecretRefused):
    """Wrong name or password, or a disabled account; ``wait`` seconds before the next try."""

    def __init__(self, message: str, wait: float = 0.0):
        super().__init__("password", message, wait)


class AccountDisabled(LoginRefused):
    """The password is right but the account is disabled."""


class WeakHash(LoginRefused):
    """The account's stored hash is below the floor (passwords.MIN_N): never tried, whatever was
    typed; only an admin's reset (a hash at full strength) lets the account log in again."""


def delay_after(failures: int) -> float:
    """Seconds the next try waits after ``failures`` failures in a row: 0, 0, 0, then 2, 4, 8 …
    up to five minutes."""
    if failures <= FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY, 2.0 ** (failures - FREE_FAILURES))


def normalise_name(name: str) -> str:
    """A login name as kept and compared: full-width letters made half-width, spaces trimmed."""
    return unicodedata.normalize("NFKC", name or "").strip()


def _check_name(name: str) -> str:
    name = normalise_name(name)
    if not name:
        raise InputError("name", "请填写账号名。")
    if len(name) > 32:
        raise InputError("name", "账号名太长（最多32个字）。")
    return name


def check_account_name(db, name: str) -> str:
    """The name a new account would get, checked before its password is asked: not empty, not
    too long, not taken (full-width letters and spaces at the ends do not make it another)."""
    name = _check_name(name)
    with db.reading() as conn:
        if _find(conn, name):
            raise InputError("name", f"已经有叫“{name}”的账号了，请换一个名字。")
    return name


def _check_new(name: str, role: str, password: str, repeated: str | None = None) -> str:
    name = _check_name(name)
    if role not in ROLES:
        raise InputError("role", f"没有“{role}”这个角色。可以用：管理员 admin、工作人员 staff、卡口值守 gate。")
    check_new_password(password, repeated, name=name)
    return name


# Passwords anyone tries first (besides runs such as 123456 or abcdef and one key held down).
_GUESSED_FIRST = {"password", "password1", "passw0rd", "qwerty", "qwerty123", "qwertyuiop", "asdfgh", "zxcvbn",
                  "abc123", "abc123456", "a123456", "123123", "123321", "112233", "1q2w3e4r", "5201314",
                  "woaini", "woaini1314", "iloveyou"}


def _guessable(password: str, name: str) -> bool:
    text = password.lower()
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    return (len(set(text)) == 1 or steps in ({1}, {-1}) or text in _GUESSED_FIRST
            or text == normalise_name(name).lower())


def check_new_password(password: str, repeated: str | None = None, *, name: str = "") -> None:
    """The one rule for a new password (the first admin, a new account, an admin's reset, a
    change of one's own): long enough, not one of the first few anyone guesses (123456, 111111,
    the account's own name), not what a scanner types (an ID number, a pass QR: the locked
    window takes that for a resident's scan, ui/dialogs/login_dialog.py), and, when typed twice
    (``repeated``), the same both times: a slip in a hidden field would leave an account whose
    password nobody knows."""
    if len(password or "") < MIN_PASSWORD:
        raise InputError("password", f"密码至少要{MIN_PASSWORD}位。")
    if _guessable(password, name):
        raise InputError("password", "这个密码太容易被猜到（例如 123456、111111、abcdef 或账号名本身），请换一个。")
    from desktop.gate.subjects import looks_scanned      # (the gate imports the accounts)
    if looks_scanned(password):     # the lock takes it for a resident's scan, not a password
        raise InputError("password", "密码不能用身份证号或通行证码（门岗锁屏时扫码枪扫进来的就是这些），请换一个。")
    if repeated is not None and repeated != password:
        raise InputError("repeated", "两次输入的密码不一样，请重新输入。")


def _row_to_account(r) -> Account:
    return Account(r[0], r[1] or "", r[2] or "", bool(r[3]), r[4] or "", r[5] or "")


_SELECT = ("SELECT id, name, role, disabled, password_set_by, password_set_wall FROM account"
           " WHERE is_deleted = 0")


def has_accounts(db) -> bool:
    """Whether any account exists (disabled ones too): with none, no login is asked."""
    import sqlite3
    try:
        with db.reading() as conn:
            return conn.execute("SELECT 1 FROM account WHERE is_deleted = 0 AND name IS NOT NULL LIMIT 1"
                                ).fetchone() is not None
    except sqlite3.OperationalError:        # a read-only file of a version before accounts
        return False


def list_accounts(db) -> list[Account]:
    """Every account, by name (admin only)."""
    require(db, Permission.ACCOUNTS)
    with db.reading() as conn:
        return [_row_to_account(r) for r in conn.execute(_SELECT + " ORDER BY name, id")]


def _find(conn, name: str) -> list:
    return conn.execute(_SELECT + " AND name = ? ORDER BY id", (normalise_name(name),)).fetchall()


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _insert(db, conn, name: str, role: str, password: str, by: str) -> Account:
    if _find(conn, name):
        raise InputError("name", f"已经有叫“{name}”的账号了，请换一个名字。")
    account_id, now = uuid7(), _now()
    conn.execute("INSERT INTO account (id, name, role, password_hash, password_set_by, password_set_wall,"
                 " disabled, created_site, created_wall) VALUES (?,?,?,?,?,?,0,?,?)",
                 (account_id, name, role, hash_password(password), by, now, db.site.site_id, now))
    return Account(account_id, name, role, False, by, now)


def create_first_admin(db, name: str, password: str, repeated: str | None = None) -> Account:
    """The first run: the register has no account yet, whoever sits at it makes the admin."""
    name = _check_new(name, ADMIN, password, repeated)
    with db.transaction() as conn:
        if conn.execute("SELECT 1 FROM account WHERE is_deleted = 0 AND name IS NOT NULL LIMIT 1").fetchone():
            raise InputError("name", "这个数据库已经有账号了，请用管理员账号登录后再添加账号。")
        account = _insert(db, conn, name, ADMIN, password, name)
    keyring.remember(db, name, password)
    return account


def create_account(db, name: str, role: str, password: str, repeated: str | None = None) -> Account:
    """A new account (admin only); ``repeated``: the password as typed the second time."""
    actor = require(db, Permission.ACCOUNTS)
    name = _check_new(name, role, password, repeated)
    with db.transaction() as conn:
        account = _insert(db, conn, name, role, password, actor.name)
    keyring.remember(db, name, password)
    return account


def _one(conn, name: str):
    rows = _find(conn, name)
    if not rows:
        raise InputError("name", f"没有叫“{normalise_name(name)}”的账号。")
    return rows[0]


def reset_password(db, name: str, new_password: str, repeated: str | None = None) -> None:
    """An admin sets another account's password (a forgotten one, or a volunteer leaving);
    the account's failures on this machine are forgotten too."""
    actor = require(db, Permission.ACCOUNTS)
    with db.transaction() as conn:
        row = _one(conn, name)
        check_new_password(new_password, repeated, name=row[1])
        conn.execute("UPDATE account SET password_hash = ?, password_set_by = ?, password_set_wall = ? WHERE id = ?",
                     (hash_password(new_password), actor.name, _now(), row[0]))
        conn.execute("DELETE FROM login_failure WHERE name = ?", (row[1],))
    keyring.remember(db, row[1], new_password)


#: The wrong sync passphrases typed to reset an admin slow down like a login's failures, kept
#: in the same table under a key no account has (names are trimmed: none begins with a space).
_PASSPHRASE_TRIES = " sync passphrase"


def no_way_back(db) -> str:
    """Why no admin's password can be set here with the sync passphrase ("" when it can): the
    register keeps no check of the passphrase (never set here, never used to sync here), so a
    right one cannot be told from a wrong one. Says what to do instead."""
    from desktop.first_run import PASSPHRASE_CHECK
    from desktop.settings import get_setting
    if get_setting(db, PASSPHRASE_CHECK):
        return ""
    # Writing packages leaves no check: only setting the passphrase here or taking in another
    # machine's package does, so "never synced" would be untrue for a register that only sent.
    return ("这台电脑没有保存同步口令的校验（同步口令没有在这里设过，也没有收到过别的电脑用这个口令做的同步包），"
            "不能用同步口令重设管理员密码。请在另一台同步过的电脑上用管理员账号登录，在“账号管理”里"
            "重设这个账号的密码，再同步到这台电脑；没有这样的电脑时，请技术人员恢复一份还记得管理员"
            "密码时的备份。")


def reset_admin_by_sync_passphrase(db, name: str, sync_passphrase: str, new_password: str,
                                   repeated: str | None = None, clock: Callable[[], float] = time.time) -> bool:
    """The way back in when no admin can log in (the only admin's password forgotten, or every
    admin's hash refused as below the floor, WeakHash): the community's sync passphrase, the
    admin's secret kept on paper and never stored here (only its check, desktop/first_run.py),
    proves the right to set an admin account's password. Nothing a login could not do is
    opened: only an admin account, at full strength, noted in the change log as that admin's.
    A register that keeps no check of the passphrase has no such way (``no_way_back`` says so).
    Wrong passphrases slow down as a login's wrong passwords do (``delay_after``).

    A disabled admin is enabled again (an only admin disabled in a sync from another machine
    could otherwise never come back): returns True when it was, for the caller to say so."""
    from desktop.first_run import passphrase_matches
    from desktop.accounts.session import start_session
    name = normalise_name(name)
    refused = no_way_back(db)
    if refused:
        raise InputError("passphrase", refused)
    if not (sync_passphrase or "").strip():      # Enter pressed too soon: no try, none counted
        raise InputError("passphrase", "请输入同步口令（写在纸上、各台电脑同步用的那个）。")
    now = clock()
    wait_until = _failures_of(db, _PASSPHRASE_TRIES)[1]
    if now < wait_until:
        raise SecretRefused("passphrase", f"同步口令输错的次数太多，请{wait_text(wait_until - now)}后再试。",
                            wait_until - now)
    if not passphrase_matches(db, sync_passphrase or ""):
        wait = _note_failure(db, _PASSPHRASE_TRIES, now)
        later = f"，{wait_text(wait)}后再试" if wait else ""
        raise SecretRefused("passphrase", f"同步口令不对，管理员密码没有改。请核对写在纸上的口令（区分大小写、空格）{later}。",
                            wait)
    if not name:
        raise InputError("name", "请填写要重设密码的管理员账号名。")
    with db.reading() as conn:
        admins = sorted((r for r in _find(conn, name) if r[2] == ADMIN), key=lambda r: r[3])    # enabled first
    if not admins:
        raise InputError("name", f"“{name}”不是管理员账号。用同步口令只能重设管理员的密码；"
                         "其他账号请管理员登录后在“账号管理”里重设。")
    check_new_password(new_password, repeated, name=name)
    row = admins[0]
    before = (getattr(db, "actor", None), getattr(db, "user_name", None))
    start_session(db, Actor(name, ADMIN, account_id=row[0]))    # the change log names this admin
    try:
        with db.transaction() as conn:      # the audit's 密码设置人 says how: an admin who did not do it sees it
            conn.execute("UPDATE account SET password_hash = ?, password_set_by = ?, password_set_wall = ?,"
                         " disabled = 0 WHERE id = ?",
                         (hash_password(new_password), f"{name}（用同步口令）", _now(), row[0]))
            conn.execute("DELETE FROM login_failure WHERE name IN (?, ?)", (name, _PASSPHRASE_TRIES))
    finally:
        # Not a login: the login dialog it is made from still asks for the new password.
        db.actor, db.user_name = before
    keyring.remember(db, name, new_password)
    return bool(row[3])


def change_own_password(db, current: str, new_password: str, repeated: str | None = None) -> None:
    """The logged-in account changes its own password (any role): the current one first, so a
    window left open cannot be taken over. The data file's key is sealed under the new one."""
    actor = actor_of(db)
    if not actor.account_id or actor.implicit:
        raise InputError("current_password", "没有登录账号，不能修改密码。请先用自己的账号登录。")
    with db.reading() as conn:
        row = conn.execute("SELECT name, password_hash FROM account WHERE id = ? AND is_deleted = 0",
                           (actor.account_id,)).fetchone()
    if row is None or not check_password(current or "", row[1]):
        raise InputError("current_password", "当前密码不对，请重新输入。")
    check_new_password(new_password, repeated, name=row[0])
    if new_password == current:
        raise InputError("password", "新密码和当前密码一样，请换一个。")
    with db.transaction() as conn:
        conn.execute("UPDATE account SET password_hash = ?, password_set_by = ?, password_set_wall = ? WHERE id = ?",
                     (hash_password(new_password), actor.name, _now(), actor.account_id))
    keyring.remember(db, row[0], new_password)


def _enabled_admins(conn, but: str = "") -> int:
    return conn.execute("SELECT count(*) FROM account WHERE is_deleted = 0 AND disabled = 0 AND role = ?"
                        " AND id <> ?", (ADMIN, but)).fetchone()[0]


def set_disabled(db, name: str, disabled: bool) -> None:
    """Disable an account (it can no longer log in; its name stays in the audit) or enable it
    again. The last admin who can log in cannot be disabled, nor can an admin disable themself."""
    actor = require(db, Permission.ACCOUNTS)
    with db.transaction() as conn:
        row = _one(conn, name)
        if disabled and row[1] == actor.name:
            raise InputError("name", "不能停用自己正在使用的账号。")
        if disabled and row[2] == ADMIN and not _enabled_admins(conn, but=row[0]):
            raise InputError("name", "这是唯一能登录的管理员账号，不能停用。")
        conn.execute("UPDATE account SET disabled = ? WHERE id = ?", (1 if disabled else 0, row[0]))
    if disabled:
        keyring.drop(db, row[1])


def set_role(db, name: str, role: str) -> None:
    """Give an account another role (admin only); the last admin stays an admin, and an admin
    does not change their own role (the open window and session would still hold the old one)."""
    actor = require(db, Permission.ACCOUNTS)
    if role not in ROLES:
        raise InputError("role", f"没有“{role}”这个角色。")
    with db.transaction() as conn:
        row = _one(conn, name)
        if row[1] == actor.name and role != row[2] and not actor.implicit:
            raise InputError("role", "不能修改自己正在使用的账号的角色，请另一位管理员来改。")
        if row[2] == ADMIN and role != ADMIN and not _enabled_admins(conn, but=row[0]):
            raise InputError("role", "这是唯一的管理员账号，不能改成别的角色。")
        conn.execute("UPDATE account SET role = ? WHERE id = ?", (role, row[0]))


# -- login -----------------------------------------------------------------------------------
def failures(db, name: str) -> tuple[int, float]:
    """(failures in a row, the time before which no try is checked) for ``name`` on this machine."""
    return _failures_of(db, normalise_name(name))


def _failures_of(db, key: str) -> tuple[int, float]:
    with db.reading() as conn:
        row = conn.execute("SELECT failures, wait_until FROM login_failure WHERE name = ?", (key,)).fetchone()
    return (row[0], row[1] or 0.0) if row else (0, 0.0)


def _note_failure(db, name: str, now: float) -> float:
    if db.read_only:            # a locked stick: nothing can be noted (the scrypt cost still holds)
        return 0.0
    with db.transaction() as conn:
        row = conn.execute("SELECT failures FROM login_failure WHERE name = ?", (name,)).fetchone()
        count = (row[0] if row else 0) + 1
        wait = delay_after(count)
        conn.execute("INSERT INTO login_failure (name, failures, last_failed, wait_until) VALUES (?,?,?,?)"
                     " ON CONFLICT(name) DO UPDATE SET failures = excluded.failures,"
                     " last_failed = excluded.last_failed, wait_until = excluded.wait_until",
                     (name, count, now, now + wait))
    return wait


def wait_text(seconds: float) -> str:
    seconds = int(seconds + 0.999)
    return f"{seconds}秒" if seconds < 60 else f"{seconds // 60}分{seconds % 60:02d}秒"


#: Where a locked-out admin is sent: reset_admin_by_sync_passphrase, in the window or the command line.
_WAY_BACK = "用本社区的同步口令重设（登录窗口的“忘记密码？”，或命令 menshen account reset-admin）"


def _admins_enabled(db) -> int:
    with db.reading() as conn:
        return _enabled_admins(conn)


def verify(db, name: str, password: str, clock: Callable[[], float] = time.time) -> Actor:
    """The actor for ``name`` when ``password`` is right; else LoginRefused in Chinese (which
    never says whether the name exists). Repeated failures make the next try wait."""
    name = normalise_name(name)
    if not name:
        raise LoginRefused("请填写账号名。")
    now = clock()
    _, wait_until = failures(db, name)
    if now < wait_until:
        raise LoginRefused(f"密码错误次数太多，请{wait_text(wait_until - now)}后再试。", wait_until - now)
    with db.reading() as conn:
        rows = _find(conn, name)
        hashes = {r[0]: conn.execute("SELECT password_hash FROM account WHERE id = ?", (r[0],)).fetchone()[0]
                  for r in rows}
    weak = ""
    for r in rows:                  # two machines may have made the same name before a sync
        weak = weak or too_weak(hashes[r[0]])
        if check_password(password, hashes[r[0]]):
            if r[3]:
                # Two machines each disabling the other admin meet in a sync: no admin left.
                alone = r[2] == ADMIN and not _admins_enabled(db)
                raise AccountDisabled(f"账号“{name}”已被停用，" + (f"而且没有能登录的管理员了：请{_WAY_BACK}，"
                                      "这个账号会重新启用。" if alone else "请找管理员。"))
            if not db.read_only:
                with db.transaction() as conn:
                    conn.execute("DELETE FROM login_failure WHERE name = ?", (name,))
            return Actor(name, r[2] or "", account_id=r[0])
    if not rows or weak:
        check_nobody(password)      # as slow as a wrong password: names are not told by timing
    if weak:                        # not the typist's fault: no failure noted, no wait
        # An admin's may be the only admin's: then no one could reset it in the window.
        way_back = f"；没有别的管理员能登录时，{_WAY_BACK}" if any(r[2] == ADMIN for r in rows) else ""
        raise WeakHash(f"账号“{name}”保存的密码太弱（{weak}），可能被人改过，没有用它登录。"
                       f"请找管理员在“账号管理”里用“重设密码”给这个账号设一个新密码{way_back}。")
    wait = _note_failure(db, name, now)
    later = f"请{wait_text(wait)}后再试。" if wait else "请再试一次。"
    raise LoginRefused("账号名或密码不对，" + later, wait)


def current_actor(db) -> Actor:
    return actor_of(db)


__all__ = ["Account", "LoginRefused", "GATE", "change_own_password", "create_account", "create_first_admin", "delay_after",
           "has_accounts", "list_accounts", "reset_admin_by_sync_passphrase", "reset_password", "set_disabled", "set_role",
           "verify"]
