"""The first run (首次使用): set up the community, optionally the sync passphrase, and say how
the office begins (import its Excel ledger, join a community from a stick, start empty, or try
the demo). The window's wizard (ui/first_run.py) asks; this module checks and writes.

Places are made through ``desktop.register.places`` with the ids a clerk's entry gives them, so
a compound typed here and the same compound typed on the gate laptop are one row after sync.
"""
import base64
import json
import re
from dataclasses import dataclass, field

from db.connection import Database
from desktop import vocab
from desktop.errors import InputError, InputErrors
from desktop.register import places
from desktop.register.rows import insert_row
from desktop.settings import get_setting, set_setting
from desktop.textnorm import clean

# How an office begins, chosen on the wizard's first page.
START_IMPORT, START_JOIN, START_EMPTY, START_DEMO = "import", "join", "empty", "demo"
#: A new computer after a disk failure: the office's backup from its USB stick restored in place
#: of the empty register (desktop/backup.bring_in, then backup.restore).
START_RESTORE = "restore"
STARTS = (START_IMPORT, START_JOIN, START_EMPTY, START_DEMO, START_RESTORE)
#: The starts that set up a community of their own (joining takes the stick's, the demo its own).
STARTS_WITH_SETUP = (START_IMPORT, START_EMPTY)

FIRST_RUN_DONE = "first_run_done"
STREET_OFFICE = "street_office"
OFFICE_PHONE = "office_phone"                 # the paper page's setting (printed contact line)
PASSPHRASE_CHECK = "sync_passphrase_check"

MAX_BUILDINGS_IN_RANGE = 300
_BUILDING_SUFFIX = re.compile(r"(栋|幢|号楼|楼)$")
_RANGE = re.compile(r"^(\d+)\s*[-－~～至到]\s*(\d+)$")
# A range as a clerk types it: "1栋-12栋", "1 - 12", "1—12" or "1——12" (the Chinese input
# method's dash), made "1-12" before the buildings are split at spaces and commas.
_TYPED_RANGE = re.compile(r"(\d+)\s*(?:栋|幢|号楼|楼)?\s*(?:[-－~～至到]|[—–―]+)\s*(\d+)")
_NAME_AND_REST = re.compile(r"^(.+?)(?:[:：]\s*|\s+)(.*)$")
# The end of a place's name typed after a space ("王家湾 组", "幸福里 小区"): part of the name,
# not a building called 组 or 小区.
_SPACED_NAME_END = re.compile(r"\s+(?=[^,，、;；\s]*(?:组|小区|院落|大院|院|花园|家园|新村|村|社区|苑|园|公寓|宿舍|片区)"
                              r"(?:[:：]|$))")


@dataclass(frozen=True)
class PlannedPlace:
    """A compound (小区/院落) with its buildings, or a village group (村民小组)."""
    name: str
    kind: str = "compound"                    # compound | village_group
    buildings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommunityPlan:
    """What the first page of the set-up asks: the community (社区) or village (村)."""
    name: str
    kind: str = "community"                   # community | village
    street_office: str = ""                   # 街道办事处 / 乡镇
    office_phone: str = ""
    places_text: str = ""                     # one compound or village group a line

    @property
    def saved_name(self) -> str:
        """The name as it will be kept (spaces tidied): what the wizard's last page shows."""
        return clean(self.name)


def kind_from_name(name: str) -> str | None:
    """The kind a community's name says: 李家坪村 or 李家坪村委会 a village, 新民社区 a
    community; None when the name does not say (the clerk chooses)."""
    name = clean(name)
    if name.endswith(("社区", "居委会", "居民委员会")):
        return "community"
    if name.endswith(("村", "村委会", "村民委员会")) and not name.endswith("新村"):   # 幸福新村: a compound's name
        return "village"
    return None


@dataclass(frozen=True)
class SetUpCommunity:
    community_id: str
    name: str
    places: tuple[PlannedPlace, ...] = field(default_factory=tuple)

    @property
    def buildings(self) -> int:
        return sum(len(p.buildings) for p in self.places)


def needs_first_run(app) -> bool:
    """An empty register that has not been through the first run (and can be written)."""
    return not (app.db.read_only or get_setting(app.db, FIRST_RUN_DONE)
                or app.register.totals()["people"] or app.register.compounds())


def _buildings(text: str, line: int) -> tuple[str, ...]:
    out: list[str] = []
    for token in re.split(r"[,，、;；\s]+", _TYPED_RANGE.sub(r"\1-\2", text.strip())):
        token = _BUILDING_SUFFIX.sub("", token.strip())
        if not token:
            continue
        span = _RANGE.match(token)
        if span:
            first, last = int(span[1]), int(span[2])
            if first > last or last - first >= MAX_BUILDINGS_IN_RANGE:
                raise InputError("places", f"“{token}”不是楼栋范围：请写成从小到大，例如 1-12。", row=line)
            out += [str(n) for n in range(first, last + 1)]
        elif re.fullmatch(r"[0-9A-Za-z一-龥]{1,8}", token):
            out.append(token)
        else:
            raise InputError("places", f"“{token}”不是楼栋号：楼栋写成 1-12 或 1、3、5。", row=line)
    seen = set()
    return tuple(b for b in out if not (b in seen or seen.add(b)))


def parse_places(text: str, kind: str = "community") -> list[PlannedPlace]:
    """One place a line: ``幸福里小区：1-6栋``, ``建设院 1、3、5``, ``老街院落`` (no buildings),
    ``王家湾组`` (a village group: a village's lines, or a name ending in 组)."""
    out: list[PlannedPlace] = []
    names: set[str] = set()
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = clean(raw).strip()
        if not line:
            continue
        line = _SPACED_NAME_END.sub("", line, count=1)
        found = _NAME_AND_REST.match(line)
        name, rest = (found[1].strip(), found[2]) if found else (line, "")
        village = kind == "village" or name.endswith("组")
        if village and rest.strip():
            raise InputError("places", f"村民小组“{name}”后面不写楼栋：每行写一个村民小组的名称。", row=n)
        if places.place_name(name) in names:
            raise InputError("places", f"“{name}”写了两次。", row=n)
        names.add(places.place_name(name))
        out.append(PlannedPlace(name, "village_group" if village else "compound",
                                () if village else _buildings(rest, n)))
    return out


def check_plan(plan: CommunityPlan) -> list[PlannedPlace]:
    """The places of a plan, or InputErrors naming each field that is wrong."""
    errors = []
    if not clean(plan.name):
        errors.append(InputError("name", "请填写社区（村）的名称，例如“新民社区”或“王家湾村”。"))
    if plan.kind not in vocab.COMMUNITY_KIND:
        errors.append(InputError("kind", "请选择：社区 或 村。"))
    planned: list[PlannedPlace] = []
    try:
        planned = parse_places(plan.places_text, plan.kind)
    except InputError as e:
        errors.append(InputError("places", str(e)))
    if errors:
        raise InputErrors(errors)
    return planned


def set_up_community(app, plan: CommunityPlan) -> SetUpCommunity:
    """Make the community, its compounds and buildings (or village groups) in one transaction,
    and keep the street office and phone for the paper's headings and contact lines."""
    planned = check_plan(plan)
    name = plan.saved_name
    db: Database = app.db
    site = db.site.site_id
    with db.transaction() as conn:
        cid = places.community_id(name)
        if not conn.execute("SELECT 1 FROM community WHERE id = ?", (cid,)).fetchone():
            insert_row(conn, site, "community", {"name": name, "kind": plan.kind}, row_id=cid)
        for place in planned:
            compound = places.ensure(conn, site, "compound", places.compound_id(cid, place.name),
                                     {"name": place.name, "kind": place.kind, "community_id": cid})
            for number in place.buildings:
                places.ensure_building(conn, site, compound, number)
        for key, value in ((STREET_OFFICE, clean(plan.street_office)), (OFFICE_PHONE, clean(plan.office_phone))):
            if value:
                conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key)"
                             " DO UPDATE SET value = excluded.value", (key, value))
    return SetUpCommunity(cid, name, tuple(planned))


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    """The same rule as the sync page's join file (desktop/sync/mailbox.py), and typed twice."""
    from desktop.sync.mailbox import check_new_passphrase as checked
    checked(passphrase, repeated, "同步口令", "口令只需设一次，各台电脑输入同一个口令。")


def set_sync_passphrase(db: Database, passphrase: str, repeated: str | None, folder=None, progress=None) -> None:
    """Keep a check of the passphrase (never the passphrase): the same 8-byte key check a join
    file and every package header carry, so a later typing can be told right or wrong here.

    ``folder``: the sync page's folder, when the register may have sent packages before (it is
    asked there whenever no check is kept: ``typings_asked``). A passphrase misremembered the
    same way twice would be locked in against the one the other machines use: refused when
    another machine's package there does not open with it (and kept as proven when one does).
    ``repeated`` None: typed once, by a register that synced before; kept only when a package
    there proves it, another machine's or one this machine sealed before (the same words typed
    then and now: typed twice). With nothing there to prove it, or this machine's own package
    sealed with other words, InputError on ``repeated``: the page asks it a second time.
    ``progress(done, total)``: one report per key derivation (a job's, which may stop there)."""
    check_new_passphrase(passphrase, passphrase if repeated is None else repeated)
    opened, there = None, ""
    if folder is not None:
        from desktop.sync.drives import place_of
        from desktop.sync.exchange import community_id
        there = place_of(folder).on             # U盘上, or the folder chosen named
        opened = _opens_packages(db, folder, community_id(db), passphrase, progress, own=repeated is None)
        if opened is False:
            raise InputError("passphrase", f"{there}别的电脑的同步包不是用这个口令做的，这次没有同步。"
                                           "请核对写在纸上的同步口令（区分大小写和空格）再输入。")
        if opened is True:
            return
    if repeated is None:
        raise InputError("repeated", ("这台电脑以前做的同步包不是用这个口令做的" if opened == _OWN_DIFFERS else
                                      f"{there}没有能核对这个口令的同步包") + "，这次没有同步。请核对写在纸上的"
                         "同步口令，在“再输入一次”里再输入一遍（只这一次），以免输错的口令被保存下来。")
    set_setting(db, PASSPHRASE_CHECK, _check_text(*_fresh_check(passphrase)))


def _fresh_check(passphrase: str) -> tuple[dict, bytes]:
    from desktop.sync.envelope import default_kdf, derive_master_key, key_check_of
    kdf = default_kdf()
    return kdf, key_check_of(derive_master_key(passphrase, kdf))


def passphrase_to_set(db: Database) -> bool:
    """No check of the community's passphrase is kept here (the first run's 留空则以后在“同步”页设,
    or a register that synced before checks were kept): the sync page asks it (``typings_asked``
    says how many times) and keeps its check (``set_sync_passphrase``). Typed once, a slip sealed
    packages every other machine refused as the wrong passphrase, no later typing was checked,
    and the login's 忘记密码？ had nothing to check the passphrase against. A machine that joins from a stick has
    no community yet: its first import proves the passphrase instead. Asked of whoever may set
    it (the admin, as the first run's page says; only an admin may sync)."""
    from desktop.accounts.roles import Permission, can
    from desktop.sync.exchange import community_id
    return not get_setting(db, PASSPHRASE_CHECK) and can(db, Permission.SETTINGS) and community_id(db) is not None


def typings_asked(db: Database) -> int:
    """How many times the sync page asks the passphrase before it is kept: 0 when it is not
    asked to be set (``passphrase_to_set``); 2 before this register's first exchange, when
    nothing can prove the words (the first run's own rule); 1 for a register that synced
    before (upgraded from before checks were kept, or synced typed once): a package on the stick
    proves the words, another machine's or its own, and only without one is it asked again
    (``set_sync_passphrase`` with ``repeated`` None)."""
    if not passphrase_to_set(db):
        return 0
    with db.reading() as conn:
        synced = conn.execute("SELECT 1 FROM sync_package_log LIMIT 1").fetchone() is not None
    return 1 if synced else 2


def _check_text(kdf: dict, key_check: bytes) -> str:
    """The passphrase check as kept in ``local_setting``: KDF parameters and the 8-byte check."""
    return json.dumps({"kdf": kdf, "key_check": base64.b64encode(key_check).decode("ascii")})


def keep_proven_passphrase_check(conn, kdf: dict, key_check: bytes) -> None:
    """Keep the check of a package's header that the passphrase has just opened (``conn``: the
    import's transaction), unless this machine keeps one already. A machine that joined from a
    stick never set the passphrase; opening a community's package proves it was typed right, so
    from then on it refuses a mistyped one before anything is written, as the founding machine
    does (``desktop.sync.exchange.check_passphrase``). No permission is asked: it is no one's
    choice of setting, only what the import has proved."""
    conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                 " WHERE coalesce(local_setting.value, '') = ''",
                 (PASSPHRASE_CHECK, _check_text(kdf, key_check)))


def keep_used_passphrase_check(db: Database, passphrase: str, package) -> None:
    """After ``package`` was sealed here with ``passphrase`` (``export_package``: the sync page's
    sync and ``menshen sync export`` alike), keep the passphrase's check once another machine has
    taken it, unless one is kept already.

    The rule for the check, wherever it is kept: a passphrase typed twice (the first run, the
    sync page: ``set_sync_passphrase``), or one another machine uses (its package opens with it:
    an import, ``keep_proven_passphrase_check``; or, here, its package in the folder ours went
    to). A passphrase given once is never kept on its own word: a slip would be locked in (the
    paper's words refused from then on) with no way to replace it. Replacing a kept check is not
    offered: it would be safe only while nothing sealed with it has left this machine or come
    into it (an empty sync log), and a kept check is typed twice or proven.

    The check is what lets a locked-out admin come back (忘记密码？,
    desktop.accounts.store.reset_admin_by_sync_passphrase). One key derivation per other
    machine, its newest package first (each header has its own salt)."""
    from desktop.sync.envelope import peek_header
    from desktop.sync.errors import SyncError
    if db.read_only or get_setting(db, PASSPHRASE_CHECK):
        return
    try:
        community = peek_header(package).community_id
    except (SyncError, OSError):        # the stick gone since: kept at the next sync
        return
    _opens_packages(db, package.parent, community, passphrase)


#: ``_opens_packages``: no other machine's package there, and this machine's own does not open.
_OWN_DIFFERS = "own differs"


def _opens_packages(db: Database, folder, community: str | None, passphrase: str, progress=None,
                    own: bool = False) -> bool | str | None:
    """Whether the passphrase opens a package another machine of ``community`` left in
    ``folder`` (its newest first, one key derivation each: every header has its own salt). True:
    that header's check is kept, as an import keeps it. False: there are such packages and none
    opens. None: there are none, or the folder cannot be read. ``own``: with no other machine's
    package there, this machine's newest one is tried too (True as above; else _OWN_DIFFERS).
    ``progress(done, total)`` before each key derivation."""
    from desktop.sync.envelope import check_kdf, derive_master_key, key_check_of
    from desktop.sync.errors import SyncError
    from desktop.sync.mailbox import list_packages
    try:
        found, _unreadable = list_packages(folder)
    except (SyncError, OSError):
        return None
    newest: dict = {}
    for p in sorted(found, key=lambda p: p.package_id, reverse=True):
        if p.header.community_id == community:
            newest.setdefault(p.header.sender_site_id, p.header)
    ours = newest.pop(db.site.site_id, None)
    headers = []
    for header in list(newest.values()) or ([ours] if own and ours is not None else []):
        try:
            check_kdf(header.kdf)
        except SyncError:
            continue
        headers.append(header)
    for done, header in enumerate(headers):
        if progress is not None:
            progress(done, len(headers))
        if key_check_of(derive_master_key(passphrase, header.kdf)) == header.key_check:
            with db.transaction() as conn:
                keep_proven_passphrase_check(conn, header.kdf, header.key_check)
            return True
    if not headers:
        return None
    return _OWN_DIFFERS if headers == [ours] else False


def passphrase_matches(db: Database, passphrase: str) -> bool | None:
    """Whether ``passphrase`` is the one set at the first run; None when none was set."""
    from desktop.sync.envelope import derive_master_key, key_check_of
    stored = get_setting(db, PASSPHRASE_CHECK)
    if not stored:
        return None
    fields = json.loads(stored)
    return key_check_of(derive_master_key(passphrase, fields["kdf"])) == base64.b64decode(fields["key_check"])


def finish_first_run(db: Database) -> None:
    set_setting(db, FIRST_RUN_DONE, "1")
