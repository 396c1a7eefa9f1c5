"""Roles and what each may do (角色与权限): the ONE place a permission is decided.

Every desktop/ entry point that the window or the command line calls and that reads or writes
personal data calls ``require(who, Permission.X)`` first; ``who`` is an ``Actor``, or anything
holding the database (a ``Database``, an ``App``, a ``Register``): the session lives on the
database object (``db.actor``), so use cases that take a connection-holder need no new argument.

* **gate** (卡口值守): the gate screen and what a gate needs: a name, an address, a masked ID
  number, whether the person may go out. Never care categories, isolation details, phones, or
  any export or print of lists.
* **staff** (工作人员: the office's clerks and grid workers): the register and every list;
  exports and prints are masked.
* **admin** (管理员: usually the office's secretary, 书记): all of that, plus accounts, settings,
  sync (its passphrase), the audit, a restore of a backup (File ▸ Backups; a damaged file at
  start-up is offered its backup before any login), and a full (unmasked) export, which asks for
  a reason that goes into the audit.
"""
from dataclasses import dataclass
from enum import Enum

from desktop import vocab
from desktop.errors import InputError

ADMIN, STAFF, GATE = "admin", "staff", "gate"
ROLES = (ADMIN, STAFF, GATE)
ROLE_NAMES = {role: vocab.zh(vocab.ROLE, role) for role in ROLES}     # the window: i18n.label(vocab.ROLE, …)


class Permission(Enum):
    GATE = "使用卡口登记"                  # look up who is at the gate, log a passage
    REGISTER_READ = "查看户籍登记"          # people, households, phones, ID numbers
    REGISTER_EDIT = "修改户籍登记"
    CARE = "查看关爱和隔离名单"             # care categories, isolation details
    OVERVIEW = "查看今日概况和作战图"
    EXPORT = "导出或打印名单"               # masked: ID numbers and phones hidden
    EXPORT_FULL = "导出不隐去号码的名单"     # asks for a reason, audited
    IMPORT = "导入台账"
    SYNC = "同步（使用同步口令）"
    AUDIT = "查看审计记录"
    ACCOUNTS = "管理账号"
    SETTINGS = "修改设置"
    RESTORE = "恢复备份"                   # puts an older copy in place: what came after is gone


_STAFF = frozenset({Permission.GATE, Permission.REGISTER_READ, Permission.REGISTER_EDIT, Permission.CARE,
                    Permission.OVERVIEW, Permission.EXPORT, Permission.IMPORT})
GRANTS: dict[str, frozenset[Permission]] = {
    GATE: frozenset({Permission.GATE}),
    STAFF: _STAFF,
    ADMIN: frozenset(Permission),
}


@dataclass(frozen=True)
class Actor:
    """Who is logged in and with which role. ``implicit``: no login was asked (the demo
    community, or a register that has no account yet, or library code such as tests and
    benches that open a database themselves), see ``desktop.accounts.session``."""
    name: str
    role: str
    account_id: str = ""
    implicit: bool = False

    def may(self, permission: Permission) -> bool:
        return permission in GRANTS.get(self.role, frozenset())

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, "未登录")


#: A database opened by library code without a session (tests, benches, the demo's making).
PROGRAM = Actor("admin", ADMIN, implicit=True)
#: A window or command before its login: may do nothing with personal data.
NOBODY = Actor("", "")


class PermissionDenied(InputError):
    """The logged-in account's role may not do this; the message says who and what, in Chinese."""

    def __init__(self, actor: Actor, permission: Permission):
        who = f"账号“{actor.name}”（{actor.role_name}）" if actor.name else "还没有登录，"
        super().__init__("permission", f"{who}没有“{permission.value}”的权限。请用有权限的账号登录，或请管理员调整。")
        self.actor, self.permission = actor, permission


def actor_of(who) -> Actor:
    """The actor behind ``who``: an Actor itself, or the session held by its database."""
    if isinstance(who, Actor):
        return who
    db = getattr(who, "db", who)
    actor = getattr(db, "actor", None)
    return actor if isinstance(actor, Actor) else PROGRAM


def can(who, permission: Permission) -> bool:
    return actor_of(who).may(permission)


def sees_whole_numbers(who) -> bool:
    """ID numbers and phones are shown whole to an account that may read the register; the
    gate sees them masked (desktop.masking), wherever they are kept."""
    return can(who, Permission.REGISTER_READ)


def require(who, permission: Permission) -> Actor:
    """Raise PermissionDenied (Chinese) unless the actor behind ``who`` may do ``permission``."""
    actor = actor_of(who)
    if not actor.may(permission):
        raise PermissionDenied(actor, permission)
    return actor


#: The reason noted for a full output made without a login (the demo, or a register with no
#: account yet): nobody could be asked, and the audit says so.
IMPLICIT_REASON = "未登录（演示社区或尚未设置账号）"


def output_masking(who, masked: bool | None, reason: str = "", *, default_masked: bool = True) -> tuple[bool, str]:
    """(masked, reason) for an export or a print of personal data; the one rule for all of them.

    ``masked``: True or False as asked, None for the output's own default. A gate account may
    not export or print at all. A logged-in account gets a masked output unless it asks for a
    full one; only an admin may, and only with a reason (it goes into the audit). Without a
    login (``Actor.implicit``) the output's own default holds, as before accounts, and a full
    output is noted with IMPLICIT_REASON."""
    actor = require(who, Permission.EXPORT)
    reason = (reason or "").strip()
    if actor.implicit:
        full = masked is False or (masked is None and not default_masked)
        return (False, reason or IMPLICIT_REASON) if full else (True, reason)
    if masked is not False:
        return True, reason
    require(actor, Permission.EXPORT_FULL)
    if not reason:
        raise InputError("reason", "导出或打印完整的身份证号和电话，请写明用途（会记入审计）。")
    return False, reason
