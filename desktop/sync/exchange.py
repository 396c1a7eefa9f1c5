"""Export and import of sync packages (SYNC.md 9.8, 9.11): the change log and the merge
(db/sync/) put into and taken out of the package layer (envelope, payload, mailbox).

* ``export_package(db, folder, passphrase, peer=None)`` writes one package into ``folder``:
  for ``peer`` (a site id), every change above what that peer told us it holds; without a
  peer, every change above the pointwise minimum of what every machine we have heard from
  holds ("for everyone I know"); a **snapshot** (every change) when we know nothing of them.
  Exporting never changes what we believe a peer holds (the stick may be lost).
* ``import_packages(db, folder, passphrase)`` imports every package of our community in the
  folder that this database has not imported yet, oldest first, each in ONE transaction:
  its changes merged (db/sync/merge.py), the sender's knowledge recorded as its ack, the
  sender and the machines it knows added to ``sync_peer``, a row in ``sync_package_log``.
  A package already imported is skipped. A refused package (wrong passphrase, damaged,
  another community, tampered changes …) writes nothing at all: the database file stays byte
  for byte as it was; the refusal is returned (and the command line prints it), the other
  packages are still imported. A package whose stamps are more than a day ahead of this PC's
  clock is held back the same way unless ``accept_clock_ahead`` (desktop/sync/clock.py).
  Before the first package that will be written and is large for the file (or the file is
  small, or has no copy from the last day: ``backup.sync_backup_needed``), the database is
  copied with SQLite's online backup (desktop/backup.py: ``backups/`` beside it, ten kept).
* ``tidy_mailbox(db, folder)`` after a sync: removes the packages every known machine holds
  (desktop/sync/mailbox.py ``tidy_plan``), never the newest of each machine, never one this
  machine has not imported (or written), and ``.part`` files of writes cut off over an hour ago.

**The community** a package belongs to (the envelope's ``community_id``) is the local setting
``sync_community_id``. When unset it is decided once and stored: the smallest id of the
``community`` table (places have deterministic ids, so every machine of one community, or one
street office's group of communities, finds the same); a new empty database takes the
community of the packages it is given (it joins; there must be exactly one community's
packages in the folder); a database without any community row mints one at its first export, unless its log is
empty (a new machine facing an empty stick: ``NothingToJoinError``, nothing written).
"""
import hashlib
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from db import driver
from db.errors import os_reason
from db.sync import incoming, knowledge as kn
from desktop.backup import backup_before, sync_backup_needed
from desktop.sync.clock import ClockWarning, local_clock_warning
from db.sync.ids import uuid7
from db.sync.log import CHANGE_FORMAT, covers as log_covers, iter_changes_in_order
from db.sync.merge import MergeRefused, apply_parts_in, open_conflicts
from db.sync.registry import SYNC_TABLES
from db.sync.site import machine_name, site_words
from desktop.sync import errors as e
from desktop.sync import reading
from desktop.sync.drives import place_of
from desktop.sync.envelope import gone_after_all, open_package_reader
from desktop.sync.mailbox import (TidyPlan, list_packages, packages_to_import, post_package, read_join_files,
                                  remove_files, stale_parts, tidy_plan)
from desktop.sync.payload import iter_payload
from desktop.first_run import keep_proven_passphrase_check, keep_used_passphrase_check, passphrase_matches
from desktop.accounts.roles import Permission, require

APP_VERSION = "0.1.0"
COMMUNITY_SETTING = "sync_community_id"


class ImportRefusedError(e.PackageError):
    """The package opened, but its changes cannot be merged (tampering, sequence reuse …)."""


@dataclass
class ExportResult:
    path: Path
    package_id: str
    kind: str
    n_changes: int


@dataclass
class ImportResult:
    packages: int = 0                 # packages applied
    n_changes: int = 0                # changes in them
    n_new: int = 0                    # changes this database did not hold
    n_applied: int = 0                # changes that won a field group or added a row
    n_kept: int = 0                   # new changes with fields of a newer Menshen, kept for an upgrade
    conflicts: set = field(default_factory=set)      # open conflicts among the rows touched
    refused: list = field(default_factory=list)      # (file name, SyncError)
    already: int = 0                  # packages in the folder imported before
    foreign: int = 0                  # package files in the folder when NONE is of our community
    foreign_names: list = field(default_factory=list)   # their communities' names, where known
    foreign_unnamed: bool = False                       # some of them of a community not named
    community_name: str | None = None                   # ours, where known (for the messages)
    held: list = field(default_factory=list)         # ClockWarning of packages from the future, not imported
    clock: ClockWarning | None = None                # this PC's clock is behind what it has seen
    backup: Path | None = None                       # the copy taken before the first write


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- the community ---------------------------------------------------------------------------------

def _setting(conn, key: str) -> str | None:
    row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] else None


def _store_community(conn, community_id: str) -> None:
    conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (COMMUNITY_SETTING, community_id))


def community_id(db) -> str | None:
    """This database's sync community: the setting, else the smallest community row id (not
    stored by this call), else None (a new empty database, which joins on its first import)."""
    with db.reading() as conn:
        return community_of(conn)


def community_of(conn) -> str | None:
    """``community_id`` read through a connection (a backup's, which is no Database)."""
    found = _setting(conn, COMMUNITY_SETTING)
    if found is None:
        row = conn.execute("SELECT min(id) FROM community WHERE is_deleted = 0").fetchone()
        found = row[0] if row else None
    return found


# -- export ----------------------------------------------------------------------------------------

def _assumed_base(conn, peer: str | None) -> dict[str, int] | None:
    """What the receiver is believed to hold; None for a snapshot (nothing known)."""
    if peer is not None:
        known = kn.peer_knowledge(conn, peer)
        return known or None
    peers = [r[0] for r in conn.execute("SELECT DISTINCT peer_site FROM sync_peer_knowledge")]
    if not peers:
        return None
    views = [kn.peer_knowledge(conn, p) for p in peers]
    sites = set().union(*views)
    return {s: min(v.get(s, 0) for v in views) for s in sites if min(v.get(s, 0) for v in views) > 0}


def _peers(conn, site) -> list[tuple]:
    rows = {r[0]: r for r in conn.execute("SELECT site_id, site_code, site_name, role FROM sync_peer")}
    rows[site.site_id] = (site.site_id, site.site_code, site.site_name, site.role)
    return list(rows.values())


def check_passphrase(db, passphrase: str) -> None:
    """Raise PassphraseNotOursError when the community's passphrase was set here (the first
    run keeps a check of it, desktop/first_run.py) and ``passphrase`` is not it. Without this a
    typing mistake seals a package that every other machine refuses as "wrong passphrase"."""
    if passphrase_matches(db, passphrase) is False:
        raise e.PassphraseNotOursError()


def export_package(db, folder, passphrase: str, peer: str | None = None, level: str | None = None) -> ExportResult:
    """Write one package into ``folder`` (see the module's docstring). Raises SyncError
    (StickWriteError, WriteVerifyError) when the folder cannot take it, PassphraseNotOursError
    when ``passphrase`` is not the one set here, NothingToJoinError (nothing written) from a
    machine with no community and an empty change log. ``level`` (a package going upward,
    desktop/aggregate/privacy.py): the changes are cut down to what that level may see while
    the package is made, and the export is noted in the audit."""
    require(db, Permission.SYNC)
    check_passphrase(db, passphrase)
    folder = Path(folder)
    site = db.site
    package_id = uuid7()
    community = community_id(db)
    if community is None:
        with db.reading() as conn:
            if not kn.knowledge(conn):
                # A new machine with nothing at all (the first run's "join from a stick" with an
                # empty stick): a community minted here would part it from the office for good.
                raise e.NothingToJoinError()
        community = uuid7()
    if not db.read_only:            # a read-only file can still be exported, just not noted
        with db.transaction() as conn:
            _store_community(conn, community)
    counted = [0]

    def counting(changes):
        for c in changes:
            counted[0] += 1
            yield c

    with db.reading() as conn:
        # One read transaction: the header's covers, the changes streamed into the package and
        # the knowledge are one state of the log, however long the writing takes.
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            base = _assumed_base(conn, peer)
            kind = "snapshot" if base is None else "incremental"
            changes = counting(iter_changes_in_order(conn, base))
            if level is None:
                covers = log_covers(conn, base)
            else:
                # Cut down while the package is made (never sent and filtered later); a cut may
                # drop whole changes, so the covers are those of what is left.
                from desktop.aggregate.privacy import redact_changes
                changes = redact_changes(changes, level)
                covers = _covers_of(changes)
                people = len({c[4] for c in changes if c[3] == "person"})
            known = kn.knowledge(conn)
            peers = _peers(conn, site)
            parts = iter_payload({"package_id": package_id, "kind": kind, "community_id": community,
                                  "sender_site_id": site.site_id, "sender_wall_at_export": _now(),
                                  "sender_hlc_at_export": db.clock.last if db.clock else 0,
                                  **({"privacy_level": level} if level is not None else {})},
                                 changes, known, base or {}, peers)
            # The words for the folder, judged while a stick is still in (pulled, its drive is
            # no removable one any more and would be told as a folder moved).
            place = place_of(folder)
            try:
                path = post_package(folder, sender_code=site.site_code, kind=kind, package_id=package_id,
                                    community_id=community, sender_site_id=site.site_id, sender_name=site.site_name,
                                    app_version=APP_VERSION, change_format=CHANGE_FORMAT, payload=parts,
                                    passphrase=passphrase, recipient_hint=peer, covers=covers, where=place)
            except e.WriteVerifyError as err:
                if isinstance(err.__cause__, OSError):        # the stick, not what it stored
                    raise _read_back_cut(folder / err.file, err.__cause__, place) from err
                raise
        finally:
            if own:
                conn.execute("COMMIT")
    n = counted[0] if level is None else len(changes)
    if db.read_only:
        return ExportResult(path, package_id, kind, n)
    with db.transaction() as conn:
        conn.execute("INSERT INTO sync_package_log (package_id, direction, peer_site, kind, file_name, file_sha256,"
                     " at, status, n_changes) VALUES (?, 'export', ?, ?, ?, ?, ?, 'written', ?)",
                     (package_id, peer, kind, path.name, _file_sha256(path), _now(), n))
    keep_used_passphrase_check(db, passphrase, path)      # another machine's package beside it proves it
    if level is not None:
        from desktop.aggregate.privacy import audit_upward
        audit_upward(db, level, people, path)
    return ExportResult(path, package_id, kind, n)


def _read_back_cut(path: Path, cause: OSError, place) -> e.SyncError:
    """The stick failed while the package just written was read back (pulled out, a loose
    contact): the words say whether the unchecked package is gone or may still be on the stick
    (``gone_after_all``; another machine checks it before it imports anything of it, but nobody
    here knows it good). ``place``: the folder's words judged before the write."""
    reason = os_reason(cause)
    why, again = place.gone, ("请重新插好U盘，" if place.stick else "请检查后")
    if gone_after_all(path):
        return e.SyncError(f"同步包写到{place.on}后，读回检查时{place.noun}读不出来了（{reason}），没有检查完，"
                           f"这个文件已删除。{why}：{again}再同步一次。", file=path.name)
    return e.SyncError(f"同步包写到{place.on}后，读回检查时{place.noun}读不出来了（{reason}）：{why}。"
                       f"{place.on}可能还留着这个没有检查完的文件：{again}删掉这个文件，再同步一次。",
                       file=path.name)


def _covers_of(changes) -> dict:
    """{origin site: (lowest seq, highest seq)} of these changes (a cut-down package's header)."""
    covers: dict[str, tuple[int, int]] = {}
    for c in changes:
        lo, hi = covers.get(c[0], (c[1], c[1]))
        covers[c[0]] = (min(lo, c[1]), max(hi, c[1]))
    return covers


def _file_sha256(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


# -- import ----------------------------------------------------------------------------------------

def imported_ids(conn) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT package_id FROM sync_package_log WHERE direction = 'import' AND status IN ('applied', 'already')")}


def _opens(header, passphrase: str) -> bool:
    """Whether the passphrase is this package's (its header's key check; the header is not yet
    authenticated, so this only chooses: the import authenticates the package as ever)."""
    from desktop.sync.envelope import derive_master_key, key_check_of
    try:
        return key_check_of(derive_master_key(passphrase, header.kdf)) == header.key_check
    except (ValueError, TypeError, KeyError, MemoryError):
        return False


def _join_community(found, own_site: str, passphrase: str) -> str:
    """The community a new machine joins: the one whose packages are in the folder; on a stick
    that carries several communities' packages (the street office's), the one the typed
    passphrase opens (one key derivation per community)."""
    communities = {p.header.community_id for p in found if p.header.sender_site_id != own_site}
    if len(communities) > 1:
        first = {}
        for p in found:
            if p.header.sender_site_id != own_site:
                first.setdefault(p.header.community_id, p.header)
        opened = {c for c, header in first.items() if _opens(header, passphrase)}
        if not opened:
            raise e.SyncError(f"这台电脑还没有加入任何社区。文件夹里有 {len(communities)} 个社区的同步包，"
                              "输入的同步口令打不开其中任何一个：请核对本社区的同步口令（区分大小写）。")
        communities = opened
    if len(communities) != 1:
        raise e.SyncError("这台电脑还没有加入任何社区，而文件夹里" +
                          ("没有同步包。" if not communities else f"有 {len(communities)} 个社区的同步包，不知道该加入哪一个。") +
                          "请用只放着本社区同步包的文件夹导入。")
    return communities.pop()


def _upsert_peer(conn, header, peers, at: str, own: str) -> None:
    for site_id, code, name, role in peers:
        if site_id == own:
            continue
        # A name relayed by a third machine may be older than the machine's own word (nothing
        # dates it): it is taken only while the machine itself has not sent us a package.
        conn.execute("INSERT INTO sync_peer (site_id, site_code, site_name, role, first_seen) VALUES (?, ?, ?, ?, ?)"
                     " ON CONFLICT(site_id) DO UPDATE SET site_code = coalesce(excluded.site_code, site_code),"
                     " site_name = CASE WHEN last_package_id IS NULL THEN coalesce(excluded.site_name, site_name)"
                     " ELSE site_name END, role = coalesce(excluded.role, role)",
                     (site_id, code, name, role, at))
    # The sender's own word, unless we already imported a later package of its (package ids are
    # UUIDv7 from its clock: an old package met on another stick does not undo a rename).
    conn.execute("INSERT INTO sync_peer (site_id, site_code, site_name, first_seen, last_package_id, last_package_at)"
                 " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(site_id) DO UPDATE SET"
                 " site_code = excluded.site_code, site_name = excluded.site_name,"
                 " last_package_id = excluded.last_package_id, last_package_at = excluded.last_package_at"
                 " WHERE last_package_id IS NULL OR excluded.last_package_id > last_package_id",
                 (header.sender_site_id, header.sender_code, header.sender_name, at, header.package_id,
                  header.created_wall))


#: The roles a table may be limited to (``writers`` in db/sync/registry.py), said as the refusal
#: names them. Only what a registry can declare: a machine itself is named, never its role
#: (docs/sync.md "Which computer is which": roles are no longer shown).
WRITER_WORDS = {"hub": "街道汇总电脑"}


def _wrong_writer(db, payload, writers: set) -> str | None:
    """SYNC.md 9.6 and 9.11 step 6: a change to a table only some roles may write (``writers`` in
    db/sync/registry.py, e.g. the hub's reference data) made by a machine of another role refuses
    the package (inside its transaction, which then rolls back). No table declares writers today.
    The refusal names the machine that made the change as the sync page does (machine_name)."""
    from desktop.sync.status import TABLE_LABELS          # (status imports this module)
    limited = {name: t.writers for name, t in SYNC_TABLES.items() if t.writers}
    if not limited or not writers:
        return None
    roles = {p.site_id: p.role for p in payload.peers if p.role}      # the sender's directory, then
    named = {p.site_id: machine_name(p.site_name, p.site_code, p.site_id) for p in payload.peers}
    with db.reading() as conn:                                          # what we knew before it
        roles.update(conn.execute("SELECT site_id, role FROM sync_peer WHERE role IS NOT NULL"))
        roles.update(conn.execute("SELECT site_id, role FROM sync_site"))
        for tbl, site in sorted(writers):
            allowed = limited[tbl]
            if roles.get(site) not in allowed:
                who = named.get(site) or site_words(conn, site) or "一台不认识的电脑"
                return (f"同步包里有电脑“{who}”对“{TABLE_LABELS.get(tbl, tbl)}”的修改；"
                        f"这类数据只能由{'、'.join(WRITER_WORDS.get(r, r) for r in sorted(allowed))}修改。"
                        "整个同步包没有导入，数据库没有任何改动。")
    return None


def lacking(db, header) -> tuple[int, int]:
    """How many of the numbers the package's authenticated header says it carries lie above
    what we hold without a gap (at most what it brings that is new), and how many we hold."""
    with db.reading() as conn:
        known = kn.knowledge(conn)
    new = sum(max(0, hi - max(lo - 1, known.get(site, 0))) for site, (lo, hi) in header.covers.items())
    return new, sum(known.values())


def import_packages(db, folder, passphrase: str, *, accept_clock_ahead: bool = False,
                    backup: bool = True) -> ImportResult:
    """Import every new package of our community in ``folder`` (see the module's docstring)."""
    require(db, Permission.SYNC)
    result = ImportResult()
    own = db.site.site_id
    found, unreadable = list_packages(folder)
    for bad in unreadable:
        result.refused.append((bad.path.name, bad.error))
    community = community_id(db)
    joining = community is None
    if joining:
        community = _join_community(found, own, passphrase)
    with db.reading() as conn:
        seen = imported_ids(conn)
    ours = [p for p in found if p.header.community_id == community and p.header.sender_site_id != own]
    result.already = sum(1 for p in ours if p.package_id in seen)
    if found and not any(p.header.community_id == community for p in found):
        _note_foreign(db, folder, found, community, result)
    for package in packages_to_import(found, seen, community, own):
        name = package.path.name
        try:
            header, payload = open_package_reader(package.path, passphrase, community,
                                                   max_change_format=CHANGE_FORMAT)
        except e.SyncError as err:
            result.refused.append((name, err))
            continue
        # Once, before the first package that brings something new and is large for the file
        # (sync_backup_needed says why not before every one; a package whose changes we all
        # hold, as most answers in a sync round, writes no data).
        new, held = lacking(db, header)
        if backup and result.backup is None and sync_backup_needed(db.path, held, new):
            try:
                result.backup = backup_before(db, "sync-import")
            except BaseException:       # a full disk: a Chinese StorageError, nothing imported
                payload.close()
                raise
        try:
            with db.transaction() as conn:
                # The changes come part by part from a second read of the file; anything wrong
                # in them (or the file changed since it was verified) raises here and the
                # transaction rolls back: nothing is written.
                writers: set = set()
                typing = incoming.typing_of(conn)
                watch = reading.Watch(name, machine_name(header.sender_name, header.sender_code), db.clock.wall(),
                                      accept_clock_ahead, typing)
                with closing(reading.parts(payload, watch, writers, new=new,
                                           source=(package.path, passphrase, community, CHANGE_FORMAT))) as parts:
                    merged = apply_parts_in(conn, db.recorder, parts, expected=new, typing=typing)
                wrong = _wrong_writer(db, payload, writers)
                if wrong is not None:
                    raise MergeRefused(wrong)
                at = _now()
                kn.learn_peer_knowledge(conn, header.sender_site_id, payload.knowledge, header.package_id, at)
                _upsert_peer(conn, header, payload.peers, at, own)
                if joining:
                    _store_community(conn, community)
                    joining = False
                # The package opened: the passphrase is the community's. A machine that joined
                # from a stick keeps its check too, so a later typo is refused before writing.
                keep_proven_passphrase_check(conn, header.kdf, header.key_check)
                conn.execute(
                    "INSERT INTO sync_package_log (package_id, direction, peer_site, kind, file_name, file_sha256, at,"
                    " status, n_changes, n_new, n_applied, n_conflicts) VALUES (?, 'import', ?, ?, ?, ?, ?, 'applied',"
                    " ?, ?, ?, ?)",
                    (header.package_id, header.sender_site_id, header.kind, name, _file_sha256(package.path), at,
                     merged.n_changes, merged.n_new, merged.n_applied, len(merged.conflicts)))
        except MergeRefused as err:
            result.refused.append((name, ImportRefusedError(err.message, file=name)))
            continue
        except reading.HeldBack as held:
            result.held.append(held.warning)
            continue
        except e.SyncError as err:
            result.refused.append((name, err))
            continue
        except driver.INTEGRITY_ERRORS as err:
            result.refused.append((name, ImportRefusedError(f"同步包里的数据与本机数据库冲突（{err}），没有导入。", file=name)))
            continue
        result.packages += 1
        result.n_changes += merged.n_changes
        result.n_new += merged.n_new
        result.n_applied += merged.n_applied
        result.n_kept += merged.n_kept
        result.conflicts |= merged.conflicts
    result.clock = local_clock_warning(db)
    return result


def _note_foreign(db, folder, found, community: str, result: ImportResult) -> None:
    """The folder holds packages, none of our community (the wrong stick, or a neighbour's):
    how many, and the communities' names where this database or the stick's join files (read
    without any key, like the headers) know them. A header carries only the community's id."""
    result.foreign = len(found)
    names: dict[str, str] = {}
    try:
        names.update((j.community_id, j.community_name) for j in read_join_files(folder))
    except OSError:
        pass
    with db.reading() as conn:
        names.update((r[0], r[1]) for r in conn.execute("SELECT id, name FROM community WHERE name <> ''"))
    result.community_name = names.get(community)
    result.foreign_names = sorted({names[p.header.community_id] for p in found if p.header.community_id in names})
    result.foreign_unnamed = any(p.header.community_id not in names for p in found)


def foreign_folder_note(got: ImportResult, folder: Path | str, written: Path | None = None) -> str | None:
    """What the clerk is told when the folder held packages and none was of this community
    (the command line prints it on stderr, the sync page shows it): those are skipped on purpose
    (one stick may carry several communities' packages, docs/sync.md), but a stick with nothing
    of ours is most often the wrong stick. ``written``: our own package, when the sync wrote it
    there all the same (the sync page does; docs/sync.md says why). None when there is nothing
    to say."""
    if not got.foreign:
        return None
    place = place_of(folder)
    ours = f"本社区（{got.community_name}）" if got.community_name else "本社区"
    if got.foreign_names:
        whose = f"都不是{ours}的，而是{'、'.join(got.foreign_names)}{'等' if got.foreign_unnamed else ''}的"
    else:
        whose = f"都不是{ours}的，属于别的社区"
    text = f"{place.on}的{got.foreign}个同步包{whose}，没有导入。{place.make_sure('本社区')}"
    if written is not None:
        text += (f"本机的更改已写到{place.into}（{written.name}）：如果这是别的社区的{place.noun}，"
                 "可以删掉这一个文件，别的文件请不要动。")
    return text


def kept_note(got: ImportResult) -> str | None:
    """What the clerk is told when a newer Menshen's changes carried fields this machine does not
    have yet (SYNC.md 9.16): nothing is wrong; the rest of each change is applied, the fields are
    kept and take effect after this machine is upgraded. None when there is nothing to say."""
    if not got.n_kept:
        return None
    return (f"对方的门神较新，有{got.n_kept:,}条更改里的新字段这台电脑还用不上，已保留，"
            "升级后自动生效（其余内容已导入）。")


@dataclass
class SyncRound:
    """What "sync with this folder" did: received, then sent, then tidied. ``sent`` is None and
    ``not_sent`` the refusal when the import brought or refused something and then our package
    could not be written (a stick that filled up): what was received stays imported and is said."""
    got: ImportResult
    sent: ExportResult | None
    tidied: TidyPlan
    not_sent: e.SyncError | None = None


def sync_with_folder(db, folder, passphrase: str, *, accept_clock_ahead: bool = False) -> SyncRound:
    """The sync page's one button: import what this machine lacks, then write its own package,
    then tidy the folder. Import comes first so that a new machine (first run: "join from a
    stick") joins the community whose packages are on the stick instead of minting its own,
    whose packages every other machine would then refuse; a first machine with an empty folder
    only writes. Our package then also tells the others what we have just received."""
    folder = Path(folder)
    check_passphrase(db, passphrase)
    got = ImportResult()
    if community_id(db) is not None or _others_packages(db, folder):
        got = import_packages(db, folder, passphrase, accept_clock_ahead=accept_clock_ahead)
    try:
        sent = export_package(db, folder, passphrase)
    except e.SyncError as err:
        if not (got.packages or got.refused or got.held):
            raise                       # nothing else happened: the refusal is the whole answer
        return SyncRound(got, None, tidy_mailbox(db, folder), not_sent=err)
    return SyncRound(got, sent, tidy_mailbox(db, folder))


def _others_packages(db, folder: Path) -> bool:
    found, _unreadable = list_packages(folder)
    return any(p.header.sender_site_id != db.site.site_id for p in found)


def _tidy_unread(place) -> str:
    # The exchange is done (our package, if written, was read back whole): a stick that went
    # away after it is said as a read, not as a failed sync ("本机数据没有改动" would be untrue).
    return f"之后读取{place.noun}时出错（{place.gone}），{place.on}旧的同步包这次没有清理，下次同步时会再清理。"


def tidy_mailbox(db, folder, now: datetime | None = None) -> TidyPlan:
    """After a sync: remove from ``folder`` the packages of our community that every machine we
    know holds (``tidy_plan``: never the newest of each machine), but only those this machine has
    imported or written itself, and ``.part`` files of writes cut off over an hour ago. Returns
    the plan carried out (``remove`` = the files removed)."""
    community = community_id(db)
    if community is None:
        return TidyPlan([], [])
    try:
        found, _ = list_packages(folder)
    except e.StickReadError:
        return TidyPlan([], [], failed=_tidy_unread(place_of(folder)))
    with db.reading() as conn:
        seen = imported_ids(conn) | {r[0] for r in conn.execute(
            "SELECT package_id FROM sync_package_log WHERE direction = 'export'")}
        known = {db.site.site_id: kn.knowledge(conn)}
        for (peer,) in conn.execute("SELECT site_id FROM sync_peer"):
            known[peer] = kn.peer_knowledge(conn, peer)
        names = {site: site_words(conn, site) for site in {*known, *(p.header.sender_site_id for p in found)}}
    plan = tidy_plan(found, community, known, names, me=db.site.site_id)
    by_path = {p.path: p for p in found}
    remove = [path for path in plan.remove if by_path[path].package_id in seen]
    keep = plan.keep + [(path, "这台电脑还没有导入过") for path in plan.remove if path not in remove]
    waiting = {"waiting": plan.waiting, "n_waiting": plan.n_waiting}
    try:
        remove_files(remove + stale_parts(folder, now or datetime.now()))
    except e.StickReadError:
        place = place_of(folder)
        return TidyPlan([], sorted(keep + [(path, f"{place.noun}读不出来，没有清理") for path in remove]),
                        failed=_tidy_unread(place), **waiting)
    except e.StickWriteError as err:
        # Tidying is housekeeping after the exchange, which is done: a stick that cannot be
        # written (write-protected) keeps its old packages, and the sync is not a failure.
        return TidyPlan([], sorted(keep + [(path, f"{place_of(folder).noun}不能写入，没有清理") for path in remove]),
                        failed=err.message, **waiting)
    return TidyPlan(sorted(remove), sorted(keep), **waiting)


def tidy_note(tidied: TidyPlan, folder: Path | str) -> str | None:
    """Why old packages stay on the stick when a machine has not received them yet: the kept
    reason a clerk can act on (take the stick to that machine). Every machine's newest package
    always stays and a package refused here is said already, so those are not repeated. The
    command line prints it after its summary, the sync page after what was received. None when
    there is nothing to say."""
    if not tidied.n_waiting:
        return None
    place = place_of(folder)
    where = "那台电脑" if len(tidied.waiting) == 1 else "这些电脑"
    return (f"{place.on}还留着{tidied.n_waiting}个旧同步包，因为{'、'.join(tidied.waiting)}还没有收到："
            f"{place.sync_at(where)}，之后会自动清理。")


# -- what waits for staff -------------------------------------------------------------------------

def duplicate_person_groups(conn) -> int:
    """ID numbers held by two or more live persons (SYNC.md 9.13: offered for merge)."""
    # Numbers held twice by any row first, from the id_number index alone (covering), then only
    # those rows read for whether they are live: a full pass over person rows is 7× slower.
    return conn.execute(
        "SELECT count(*) FROM (SELECT id_number FROM person WHERE id_number IN ("
        "  SELECT id_number FROM person WHERE id_number IS NOT NULL AND id_number <> ''"
        "  GROUP BY id_number HAVING count(*) > 1)"
        " AND is_deleted = 0 AND merged_into IS NULL GROUP BY id_number HAVING count(*) > 1)").fetchone()[0]


def open_conflicts_and_duplicates(db) -> int:
    """How many open sync conflicts (field groups), households deleted on one machine while
    another put someone in them, and suspected duplicate persons (ID numbers) wait for staff:
    the Today page's figure."""
    from desktop.register.rules import deleted_with_members
    with db.reading() as conn:
        found = open_conflicts(conn)
        decided = {row_id for tbl, row_id, group, _ in found if (tbl, group) == ("household", "is_deleted")}
        return (len(found) + duplicate_person_groups(conn)
                + len(set(deleted_with_members(conn)) - decided))
