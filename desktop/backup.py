"""Backups of the register (issue 16, point 6), and restoring one.

- **What**: SQLite's online backup (``db.driver.online_backup``: the program carries on, a
  temporary name then a rename, owner-only) into the ``backups`` folder beside the database:
  ``<db name>.<YYYYMMDD-HHMMSS>.<reason>.bak``. An encrypted register's copy is encrypted with
  the same key (SQLCipher). A plain register's copy is sealed like a sync package
  (desktop/sync/envelope.py: Argon2id or scrypt, AES-256-GCM in chunks, written to ``.part``,
  read back and verified) when a backup passphrase is set (``MENSHEN_BACKUP_PASSPHRASE`` until the
  accounts' settings give one), as ``… .mbak``; sealed a mebibyte at a time from a temporary
  plain copy beside it, removed at once (``_seal``: memory stays small at any size). Without
  either, the copy is plain and readable by the owner only.
- **To a USB stick** (``copy_to_folder``, the admin's, audited): a backup now, copied away from
  this computer's disk. Nothing plain leaves: a plain backup is sealed on its way to the stick
  with a passphrase the admin types for that copy (``check_new_copy_passphrase``), kept nowhere;
  the new computer's restore asks for it. The way back (``bring_in``): the file chosen on the
  stick (File ▸ Backups ▸ 从U盘恢复…, or the first-run wizard's choice on a new computer) is
  checked to be a Menshen backup and copied into this register's backups folder under its name,
  then restored as any other backup.
- **When**: once a day (``daily_backup`` at the window's start when the newest daily one is
  older than a day) and before every import, migration and merge (``backup_before(db,
  reason)``); before a sync import when ``sync_backup_needed`` says so (a large package, a
  small file, or no copy in a day). The newest ``keep_daily`` daily copies (14) and
  ``keep_before`` others (10) are kept (settings ``backup_keep_daily``/``backup_keep_before``),
  a copy brought in from a stick counted from when it was brought in (``_arrived``). A copy of
  a register that holds nothing yet is named so (``.empty``, "空的数据文件") and removed once a
  register with data is restored (``_drop_empty_backups``).
- **A full disk**: a Chinese message (StorageError); the database is never touched. A backup
  that cannot be made does not stop the work it comes before unless the caller says so: the
  import, the sync import, the merge refuse to run without it (``backup_before`` raises).
- **Restore** (``restore``): the chosen copy is opened and passes ``PRAGMA integrity_check``
  first, in a temporary file beside the database; then the current file (with its -wal/-shm) is
  renamed aside (``<name>.before-restore-<time>``, or ``.damaged-<time>`` for a damaged one),
  never deleted, and the copy takes its place. Nothing is lost: what was there is kept.
  A check before a restore (``check_backup``: the start-up's offer, File ▸ Backups) checks a
  backup whole once and notes what it found, sound or damaged (``SOUND_FILE``); the restore
  itself always checks whole. A
  register gone with its -wal left has that -wal kept alone under the aside's name; the audit
  line and the message after the restore say where (``lone_wal_note``): the last entries may be in it.
  A restore *from* such an aside leaves it where it is, marked ``.restored`` ("已恢复"): see
  ``mark_restored``. Every restore is noted in the restored register's audit
  (``desktop.audit.record_restore``: who, from which backup, where the replaced file went).
  A restore cut off (killed, power cut) leaves its ``<name>.restore.part`` beside the database:
  the next ``prune`` removes it once a day old, never while a restore runs (``_tidy_restore_part``).
"""
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db import driver
from db.errors import (DamagedDatabaseError, EmptyDatabaseFileError, NotADatabaseError, ReadOnlyDatabaseError,
                       StorageError, classify, os_reason, sqlite_message)
from db.filelock import FileLock

BACKUP_PASSPHRASE_ENV = "MENSHEN_BACKUP_PASSPHRASE"
#: The failures at open for which a backup is offered instead (a damaged or a 0-byte file).
DAMAGED = (DamagedDatabaseError, EmptyDatabaseFileError)
FOLDER = "backups"
KEEP_DAILY, KEEP_BEFORE = 14, 10
DAILY = "daily"
#: What a backup came before, and how the window and the command line name it.
REASONS = {
    DAILY: "每日自动备份",
    "import": "导入台账前",
    "migration": "升级数据版本前",
    "merge": "合并重复人员前",
    "sync-import": "导入同步包前",
    "restore": "恢复备份前",
    "manual": "手动备份",
    "encrypt": "加密数据文件前",
}
PLAIN_SUFFIX, SEALED_SUFFIX = ".bak", ".mbak"
#: The sealed payload starts with this line, so it is never taken for a sync payload.
_SEAL_PREFIX = b"MENSHEN-BACKUP 1\n"
_SEAL_COMMUNITY = "menshen-backup"
#: Two marks may follow the reason: ``.empty``, a copy of a register that held nothing
#: (``_holds_data``; dropped once a register with data is restored: ``_drop_empty_backups``), and
#: ``.stick``, a copy brought in from a USB stick (``bring_in``; its place in the kept window
#: counts from when it was brought in: ``_arrived``).
EMPTY_MARK, STICK_MARK = ".empty", ".stick"
EMPTY_LABEL = "空的数据文件（没有住户和人员）"
STICK_LABEL = "从U盘带入"
_NAME = re.compile(r"^(?P<db>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[a-z-]+)"
                   rf"(?P<empty>{re.escape(EMPTY_MARK)})?(?P<stick>{re.escape(STICK_MARK)})?"
                   r"(?P<suffix>\.bak|\.mbak)$")
#: The file a restore put aside (``set_aside``), beside the database, not in the backups folder.
#: Listed with the backups so a wrong restore can be undone the same way; never pruned.
#: A damaged register is set aside as ``DAMAGED_ASIDE`` and not listed: it does not open.
ASIDE, DAMAGED_ASIDE = "before-restore", "damaged"
ASIDE_LABEL = "恢复前的副本"
#: An aside a restore has put back in place (``mark_restored``): ``<aside name>.restored``.
RESTORED = ".restored"
RESTORED_LABEL = "已恢复"
#: What SQLite keeps beside a database file and lays over the file of that name when it opens
#: (a WAL names no database): moved with its file, never left where another file may take the name.
SIDES = ("-wal", "-shm", "-journal")


def _aside_name(db_name: str, why: str, stamp: str, n: int = 1, marks: str = "") -> str:
    """An aside's name, ``<db>.<why>-<stamp>[-n][.empty]``: made here only, read by ``_ASIDE_NAME``."""
    return f"{db_name}.{why}-{stamp}{f'-{n}' if n > 1 else ''}{marks}"


_ASIDE_NAME = re.compile(rf"^(?P<db>.+)\.{ASIDE}-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<n>\d+))?"
                         rf"(?P<empty>{re.escape(EMPTY_MARK)})?(?P<restored>{re.escape(RESTORED)})?$")


@dataclass(frozen=True)
class Backup:
    path: Path
    when: datetime
    reason: str
    restored: bool = False      # an aside already put back once (``mark_restored``)
    empty: bool = False         # a copy of a register that held nothing (``EMPTY_MARK``)
    brought: bool = False       # brought in from a USB stick (``STICK_MARK``)

    @property
    def sealed(self) -> bool:
        """Sealed with the backup passphrase (like a sync package)."""
        return self.path.suffix == SEALED_SUFFIX

    @property
    def aside(self) -> bool:
        """The register as it was before a restore (kept beside it), not a copy in the folder."""
        return self.reason == ASIDE

    @property
    def label(self) -> str:
        if self.aside:
            said = f"{ASIDE_LABEL}，{RESTORED_LABEL}" if self.restored else ASIDE_LABEL
        else:
            said = REASONS.get(self.reason, self.reason)
        if self.brought:
            said += f"，{STICK_LABEL}"
        return f"{said}，{EMPTY_LABEL}" if self.empty else said

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def folder_of(db_path: Path | str) -> Path:
    return Path(db_path).parent / FOLDER


def _passphrase(passphrase) -> str | None:
    if passphrase is None:
        return os.environ.get(BACKUP_PASSPHRASE_ENV) or None
    return passphrase or None


def _target(db_path: Path, reason: str, now: datetime, suffix: str, marks: str = "") -> Path:
    folder = folder_of(db_path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)     # copies of the register: the owner's only
    except OSError as exc:
        raise driver.copy_failure(exc, folder / "x") from exc
    return _unused_name(folder, db_path.name, now.strftime("%Y%m%d-%H%M%S"), reason, suffix, marks=marks)


def _unused_name(folder: Path, db_name: str, stamp: str, reason: str, suffix: str, n: int = 1,
                 same=None, marks: str = "") -> Path:
    """A backup's name in ``folder`` that is not there yet: ``-2``, ``-3`` … after the time when
    one of that second is (the form ``list_backups`` reads back); or, with ``same``, the name of
    a file already there that ``same(path)`` says is this very backup (brought in twice).
    ``marks``: ``EMPTY_MARK`` and/or ``STICK_MARK``, after the reason."""
    while True:
        tail = f"-{n}" if n > 1 else ""
        target = folder / f"{db_name}.{stamp}{tail}.{reason}{marks}{suffix}"
        if not target.exists() or (same is not None and same(target)):
            return target
        n += 1


def list_backups(db_path: Path | str, *, asides: bool = False) -> list[Backup]:
    """The backups of this database file, newest first (unfinished ``.part`` files left out).
    ``asides``: with the files earlier restores put aside ("恢复前的副本"), for the lists a
    person chooses from; pruning and "the newest good backup" leave them out."""
    db_path = Path(db_path)
    found = []
    try:
        entries = [(p, _NAME.match(p.name)) for p in folder_of(db_path).iterdir()]
    except OSError:
        entries = []
    if asides:
        try:
            entries += [(p, _ASIDE_NAME.match(p.name)) for p in db_path.parent.iterdir()]
        except OSError:
            pass
    for p, m in entries:
        if not m or m.group("db") != db_path.name:
            continue
        when = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
        try:
            made = p.stat().st_mtime_ns         # two backups in one second: the later first
        except OSError:
            continue
        marks = m.groupdict()
        reason = ASIDE if "reason" not in marks else m.group("reason")
        restored = reason == ASIDE and bool(m.group("restored"))
        found.append((when, made, Backup(p, when, reason, restored, bool(marks.get("empty")),
                                         bool(marks.get("stick")))))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [b for _, _, b in found]


def _keep_counts(db) -> tuple[int, int]:
    from desktop.settings import get_setting
    try:
        daily = int(get_setting(db, "backup_keep_daily", str(KEEP_DAILY)))
        before = int(get_setting(db, "backup_keep_before", str(KEEP_BEFORE)))
    except (ValueError, StorageError):
        return KEEP_DAILY, KEEP_BEFORE
    return max(daily, 1), max(before, 1)


def _arrived(item: Backup) -> datetime:
    """When ``item`` came into the backups folder, which its place in the kept window counts
    from: its own time for a backup made here; for a copy brought in from a USB stick
    (``bring_in``, ``STICK_MARK``) the time it was brought in (its file's time: written then).

    Why: counted by its own (old) time, the office's copy from the stick, brought in to be
    restored, was the oldest in the folder and the next backup removed it when ten newer ones
    were there, before or after the clerk restored from it. Counted from its coming in, it stays
    until as many backups as are kept have been made after it, like any backup made that day.
    A file time moved later (the folder copied, the backups encrypted) only keeps it longer."""
    if not item.brought:
        return item.when
    try:
        return max(item.when, datetime.fromtimestamp(item.path.stat().st_mtime))
    except OSError:
        return item.when


def prune(db_path: Path | str, keep_daily: int = KEEP_DAILY, keep_before: int = KEEP_BEFORE) -> list[Path]:
    """Remove all but the newest ``keep_daily`` daily and ``keep_before`` other backups, newest
    by when they came into the folder (``_arrived``)."""
    removed = []
    import time
    try:            # a backup cut off (power cut, killed): its .part (with the -journal SQLite
        # left beside it) is removed once a day old
        for part in folder_of(db_path).glob(f"{Path(db_path).name}.*.part"):
            if time.time() - part.stat().st_mtime > 86400:
                driver._remove(part)
    except OSError:
        pass
    _tidy_restore_part(Path(db_path))
    listed = sorted(list_backups(db_path), key=_arrived, reverse=True)     # stable: ties stay newest first
    daily = [b for b in listed if b.reason == DAILY]
    other = [b for b in listed if b.reason != DAILY]
    for b in daily[keep_daily:] + other[keep_before:]:
        try:
            b.path.unlink()
            removed.append(b.path)
        except OSError:
            pass
    return removed


def _write_sealed(target: Path, payload, passphrase: str, cancelled=lambda: False,
                  read_back=lambda done: None) -> None:
    """``payload`` (``_SEAL_PREFIX`` and a database file's bytes, as bytes or as an iterable of
    pieces, read as they are written) sealed like a sync package at
    ``target``: written to ``.part``, renamed, read back and verified (``envelope.write_package``),
    owner-only. Raises the package's SyncError (its OSError as the cause) or OSError;
    ``envelope.WriteCancelled`` when ``cancelled()`` during the read-back (the file removed);
    ``read_back(bytes so far)`` during it."""
    from db.sync.ids import uuid7
    from db.sync.log import CHANGE_FORMAT
    from desktop.sync import envelope
    target.parent.mkdir(parents=True, exist_ok=True)
    envelope.write_package(
        target, package_id=uuid7(), kind="snapshot", community_id=_SEAL_COMMUNITY,
        sender_site_id="backup", sender_code="BACKUP", sender_name="backup", app_version="backup",
        change_format=CHANGE_FORMAT, payload=payload, passphrase=passphrase, covers={}, cancelled=cancelled,
        read_back=read_back)
    if os.name != "nt":
        try:
            os.chmod(target, 0o600)
        except OSError:
            pass


def _seal(conn, target: Path, passphrase: str, cancelled=lambda: False,
          progress=lambda done, total: None) -> Path | None:
    """A plain register's backup sealed like a sync package, in a bounded amount of memory:
    SQLite's online copy to a temporary file beside ``target`` (``<name>.plain.part``,
    owner-only, not flushed: it is removed as soon as it is sealed), then sealed from that file a
    ``COPY_CHUNK`` at a time (the package's chunks, unchanged: any Menshen restores it).

    Why not in memory, as it was: SQLite's in-memory copy, then its bytes (and Python's copy of
    those) were three times the register in memory at once (949 MB for 324 MB, measured by
    bench/backup_memory.py): about 3 GB for a street office's 1 GB register on an old 4 GB PC.
    The plain copy on the disk lies beside the plain register itself, in the owner-only backups
    folder; one left by a power cut is removed by the next ``prune`` a day later, as every
    ``.part``. It needs the register's size free there for a moment (a full disk is said so).

    ``progress``: the sealing then its read-back, each half of the bar (``_copied_then_read_back``;
    ``backup_step`` tells them apart). ``cancelled()`` is heard between two
    chunks of either and once the copy is made: None, the half-made files removed (a sealed
    backup of 324 MB took 27–45 s, and Cancel did nothing once the copy had begun)."""
    from itertools import chain
    from desktop.sync import errors as sync_errors
    from desktop.sync.envelope import WriteCancelled
    plain = target.with_name(target.name + ".plain.part")
    pieces = None
    try:
        driver.online_backup(conn, plain, durable=False)
        if cancelled():
            return None
        sealing, reading_back = _copied_then_read_back(progress)
        pieces = _chunks_of(plain, cancelled, sealing)
        # The trailing empty piece: see copy_to_folder.
        _write_sealed(target, chain([_SEAL_PREFIX], pieces, [b""]), passphrase, cancelled,
                      lambda done: reading_back(done >> 10))
    except (_CopyCancelled, WriteCancelled):        # the package removed its .part, or its file
        return None
    except sync_errors.SyncError as exc:
        # The package's words speak of a sync and its stick ("请检查U盘后重新同步"): a backup says its own.
        if isinstance(exc, sync_errors.WriteVerifyError):       # a read-back failed (its OSError too): not a write
            raise StorageError(f"备份写好后读回校验没有通过，这个备份已删除（{target.parent} 所在的磁盘可能有坏块）。"
                               "数据文件本身没有改动。请换一个磁盘或稍后再备份。", exc.message) from exc
        if isinstance(exc.__cause__, OSError):
            raise driver.copy_failure(exc.__cause__, target) from exc
        if "full" in str(exc).lower() or "空间" in exc.message:
            raise StorageError(driver.full_disk_message(target.parent), exc.message) from exc
        raise StorageError("备份没有做成。数据文件本身没有改动。", exc.message) from exc
    except OSError as exc:
        raise driver.copy_failure(exc, target) from exc
    finally:
        if pieces is not None:      # a failed write left it open on its file: Windows removes no open file
            pieces.close()
        driver._remove(plain)
    return target


def _sealing_secret(key, passphrase) -> str | None:
    """The passphrase a register's backups are sealed with: none for an encrypted register
    (its copies carry its own key), else the backup passphrase given or set (None: plain copies)."""
    return None if key is not None else _passphrase(passphrase)


def _holds_data(conn, *, unknown: bool = True) -> bool:
    """Whether the register on ``conn`` holds anything of a community: a household or a person,
    even a removed one (removing keeps the row). A new computer's register before its first run
    or its restore holds neither. ``unknown`` when it cannot be read (a register older than the
    household table, a wrong key): chosen so that nothing is ever dropped by mistake."""
    try:
        return bool(conn.execute("SELECT EXISTS(SELECT 1 FROM household) OR EXISTS(SELECT 1 FROM person)")
                    .fetchone()[0])
    except (OSError, *driver.FAILURES):
        return unknown


def _take(conn, db_path: Path, reason: str, key, passphrase, now: datetime | None,
          cancelled=lambda: False, progress=lambda done, total: None) -> Path | None:
    """The backup made (None: cancelled while it was sealed, nothing left of it)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    now = now or datetime.now()
    secret = _sealing_secret(key, passphrase)
    marks = "" if _holds_data(conn) else EMPTY_MARK
    # SQLite's copy goes in one step: in steps, it starts over at every write of the register
    # (a gate's scan), and a busy gate would keep it from ever ending. So the bar cannot
    # measure it: said as its own step (``backup_step``), Cancel heard after it.
    progress(*COPY_STEP)
    if secret:
        return _seal(conn, _target(db_path, reason, now, SEALED_SUFFIX, marks), secret, cancelled, progress)
    return driver.online_backup(conn, _target(db_path, reason, now, PLAIN_SUFFIX, marks), key)


#: ``backup_before``'s report as SQLite's copy begins: no measure (a busy bar), told apart from
#: the wait for the integrity check (nothing reported yet).
COPY_STEP = (1, 0)


def backup_step(done: int, total: int) -> str:
    """Which step of ``backup_before`` its progress (``done``, ``total``) is in, for the words
    beside the bar: 'wait' (for the integrity check a big register runs after its opening:
    nothing reported yet), 'copy' (SQLite's copy of the file, ``COPY_STEP``), 'seal' (the copy
    sealed with the backup passphrase, a chunk at a time: the bar's first half), 'check' (the
    sealed file read back and verified: its second half)."""
    return _step(done, total, STEPS[:2])


def copy_step(done: int, total: int) -> str:
    """Which step of ``copy_to_folder`` its progress is in: ``backup_step``'s while the backup is
    made here (its 'seal' and 'check' only when it is sealed here), then 'stick' (the copy to the
    stick) and 'stick-check' (its read-back off the stick). One bar for all: each step an equal
    part of it (``_copied_then_read_back``)."""
    return _step(done, total, STEPS)


#: The measured steps of a backup, in their order, each an equal part of the bar (``_SPAN``):
#: sealed here, read back here (``backup_before``), copied to a stick, read back off it
#: (``copy_to_folder``). A bar holds the last of them: (total // _SPAN) steps.
STEPS = ("seal", "check", "stick", "stick-check")
_SPAN = 1 << 16


def _step(done: int, total: int, steps: tuple) -> str:
    if not total:
        return "copy" if done else "wait"
    parts = total // _SPAN
    return steps[len(steps) - parts + min(done // _SPAN, parts - 1)]


def _disk_full(exc: Exception) -> bool:
    return "full" in str(exc).lower() or getattr(exc, "errno", None) == 28


def _restore_copy_error(exc: OSError, part: Path) -> StorageError:
    """A restore's copy of the backup (``part``, beside the register) could not be written, or
    put in the register's place (which is then back as it was): said as a restore that did not
    happen, not as a backup not made (``driver.copy_failure``'s words)."""
    import errno
    folder = part.parent
    if _disk_full(exc):
        said = (f"{folder} 所在的磁盘空间不够：恢复要先在数据文件旁边放一份和备份一样大的副本。"
                "数据文件和原来一样，没有改动。请删除不需要的文件，或把旧的备份移到别的磁盘，然后重试。")
    elif getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES, errno.EPERM):
        said = (f"{folder} 不能写入（{os_reason(exc)}）：恢复要在数据文件旁边写一份备份的副本，再换上它。数据文件和原来一样，"
                "没有改动。请关闭U盘写保护，或把数据文件和它旁边的 backups 文件夹复制到电脑上能写入的文件夹，再恢复。")
    else:
        said = (f"无法在 {folder} 写入（{os_reason(exc)}）。数据文件和原来一样，没有改动。"
                "请检查磁盘（U盘是否插好），然后重试。")
    return StorageError("没有恢复：" + said, str(exc))


def backup_before(db, reason: str, *, passphrase: str | None = None, now: datetime | None = None,
                  cancelled=lambda: False, progress=lambda done, total: None) -> Path | None:
    """Back the open database up before ``reason`` ('import', 'migration', 'merge',
    'sync-import', 'daily', 'manual' …) and prune the old ones; returns the new file. Raises
    StorageError (a Chinese message: a full disk, a folder that cannot be written), or the
    DamagedDatabaseError the integrity check found.

    It waits for the check a big register finishes in the background (``db.checked``, read-only
    too): taken before, the copy of a damaged file was kept and the good ones pruned, before an
    import, a merge or a sync import as every day. ``cancelled()`` (the window closing, Cancel)
    ends the wait, or a sealed backup's sealing or read-back (``_seal``): None, nothing left of
    it and nothing pruned. A plain copy, one step, is made whole once begun and kept.
    ``progress``: see ``backup_step``."""
    if db.read_only and reason not in (DAILY, "manual"):
        # The write it comes before cannot happen: say that, not that the backup folder is
        # read-only (a clerk would take it for a problem with the backups).
        raise ReadOnlyDatabaseError(str(db.path), db.read_only_why)
    if not db.wait_for_check(cancelled):
        return None
    # A register found damaged is not copied: copied every day, its copies pushed the good ones
    # out of the kept window within 14 days.
    if db.damage is not None:
        raise db.damage
    with db.reading() as conn:      # a reader: the writer and the window carry on (WAL)
        target = _take(conn, db.path, reason, db.key, passphrase, now, cancelled, progress)
    if target is None:
        return None
    prune(db.path, *_keep_counts(db))
    return target



def copy_needs_passphrase(db) -> bool:
    """Whether a copy of this register for a USB stick needs a passphrase typed for it: its
    backups are plain (a plain register, no backup passphrase set), and nothing plain leaves the
    machine (``copy_to_folder``)."""
    return _sealing_secret(db.key, None) is None


def check_new_copy_passphrase(passphrase: str | None, repeated: str | None) -> None:
    """The passphrase an admin sets for a plain register's copy on a USB stick: as strong as the
    data file's and the sync's (``desktop.sync.mailbox.check_passphrase_strength``: each guards
    every resident's numbers) and typed twice, since nothing keeps it and a slip in a hidden field
    would leave a copy nobody can open. InputError (Chinese) naming the field."""
    from desktop.errors import InputError
    from desktop.sync.mailbox import check_new_passphrase
    if not passphrase:
        raise InputError("passphrase", "请给U盘上的副本设一个口令：在别的电脑上恢复这份副本时要输入它。")
    check_new_passphrase(passphrase, repeated, "口令")


def _free_name(folder: Path, made: Path, suffix: str) -> Path:
    """The copy's name in ``folder``: the backup's own name with ``suffix``, one that is not
    there yet (``-2``, ``-3`` … after the time, as in the backups folder), so the copy is listed
    as that backup where it is put back and never takes the place of another file."""
    m = _NAME.match(made.name)
    return _unused_name(folder, m.group("db"), m.group("stamp"), m.group("reason"), suffix, int(m.group("n") or 1),
                        marks=m.group("empty") or "")


#: A copy to a stick goes this much at a time, Cancel asked between two (a second at most on a slow stick).
COPY_CHUNK = 1 << 20


class _CopyCancelled(Exception):
    """Cancel pressed while a backup was being copied to a stick (``_chunks_of``)."""


def _chunks_of(path: Path, cancelled, progress):
    """``path``'s bytes a ``COPY_CHUNK`` at a time, ``progress(KiB done, KiB in all)`` after each;
    raises _CopyCancelled before the next one once ``cancelled()``: a copy of a big register to a
    slow stick took minutes that Cancel could not end."""
    total, done = path.stat().st_size >> 10, 0
    with open(path, "rb") as f:
        while chunk := f.read(COPY_CHUNK):
            if cancelled():
                raise _CopyCancelled()
            yield chunk
            done += len(chunk)
            progress(done >> 10, total)


class _ReadHereFailed(Exception):
    """This computer's backup failed as it was read for a copy to a stick (``_read_here``)."""


def _read_here(chunks):
    """The chunks of this computer's own backup on their way to a stick: a failure to read them
    is this disk's (a bad sector), raised so that no handler of the stick's failures takes it
    for a write to the stick (an OSError inside the sealed package's write is one)."""
    try:
        yield from chunks
    except OSError as exc:
        raise _ReadHereFailed() from exc


def _copied_then_read_back(progress, before: int = 0):
    """``progress`` for a copy that is then read back (sealed here, or copied to a stick): (the
    copy's reporter(done, total), in KiB, the read-back's reporter(done), in the same KiB), each
    a step (``STEPS``) on a bar of ``before`` steps already done and these two. The read-back of
    a big register on a slow stick takes as long as the copy: with the bar full and still, it
    looked hung. The read-back is told begun before its first read (``reading_back(0)``): a small
    register's copy is read back in one piece, so the bar went from half to full at once as the
    check ended and the window said 复制 while the stick was read. The copy's end stays short of
    its step's end, so the words change only when the read-back begins."""
    size, total = [0], (before + 2) * _SPAN

    def copying(done: int, whole: int) -> None:
        size[0] = whole
        progress(before * _SPAN + min(done * _SPAN // max(whole, 1), _SPAN - 1), total)

    def reading_back(done: int) -> None:
        progress((before + 1) * _SPAN + min(done * _SPAN // max(size[0], 1), _SPAN), total)
    return copying, reading_back


def copy_to_folder(db, folder: Path | str, *, passphrase: str | None = None, repeated: str | None = None,
                   now: datetime | None = None, cancelled=lambda: False,
                   progress=lambda done, total: None) -> Path | None:
    """Back up now and copy the backup to ``folder`` (a USB stick): a copy away from this
    computer's disk, which a dead disk takes with its own backups. An admin's, audited, and only
    an encrypted copy leaves the machine: an encrypted register's backup, or one sealed with the
    backup passphrase, is copied as it is; a plain register's is sealed on the stick with
    ``passphrase`` (typed twice: ``repeated``; ``check_new_copy_passphrase``; asked for when
    ``copy_needs_passphrase``), kept nowhere, the one way to open the copy on another computer
    (the start-up's offer and File ▸ Backups ▸ Restore ask for it). Every copy is written under
    a temporary name, flushed, read back and checked before it gets its name, so a stick pulled
    out too early leaves no file that looks whole. Returns the copy, None when ``cancelled()``
    ended the backup's wait (nothing made) or the copy (the backup stays in this computer's
    folder; the half copy is removed, what was on the stick before is untouched); ``progress``
    reports the backup's steps, then the copy's to the stick and its read-back (``copy_step``).
    Raises InputError (the passphrase, before anything is done) or StorageError, whose words
    call the folder a U盘 only when it is on one (``desktop.sync.drives.place_of``)."""
    import hashlib
    from itertools import chain
    from desktop.accounts import Permission, require
    from desktop.audit import record_output
    from desktop.sync import errors as sync_errors
    from desktop.files import remove_quietly
    from desktop.sync.drives import place_of
    from desktop.sync.envelope import WriteCancelled, gone_after_all
    # The whole register, every number whole, leaves the machine (DESIGN.md: backups that
    # leave are encrypted; a full export is the admin's and audited).
    require(db, Permission.EXPORT_FULL)
    if copy_needs_passphrase(db):
        check_new_copy_passphrase(passphrase, repeated)
    folder = Path(folder)
    # The words for the folder (a stick, or a folder on a disk or shared: place_of), judged now
    # while a stick is in: once pulled out, its drive is no removable one any more.
    place = place_of(folder)
    # The backup's own steps (a sealed one's sealing and read-back: most of the time for a big
    # register) on the first parts of the bar, the stick's after them (``copy_step``).
    sealed_here = [False]

    def here(done: int, total: int) -> None:
        sealed_here[0] = sealed_here[0] or total > 0
        # Its end (the read-back done) is not yet the stick's step: the words change when that begins.
        progress(min(done, total - 1) if total else done, total and total + 2 * _SPAN)
    made = backup_before(db, "manual", now=now, cancelled=cancelled, progress=here)
    if made is None:
        return None
    before = 2 if sealed_here[0] else 0
    encrypted = made.name.endswith(SEALED_SUFFIX) or driver.is_encrypted(made)
    if not encrypted and not passphrase:     # the backup passphrase went away meanwhile: never plain
        raise StorageError(f"备份已在本机做好，但没有复制到{place.kind}：这台电脑的数据文件没有加密，{place.on}的副本"
                           "要用口令加密。请再点一次“复制到U盘”，按提示设一个口令。", "plain backup, no passphrase")
    target = folder / made.name
    part = folder / (made.name + ".part")
    # A copy that does not read back as written: a stick's bad blocks, or a disk's.
    damaged, again = (("U盘可能有坏块或被拔出", "请换一个U盘再试。") if place.stick else
                      ("它所在的磁盘可能有坏块", "请再复制一次；再不成功，请换一个文件夹或用U盘。"))

    def stick_error(exc: OSError) -> StorageError:
        if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28:
            full = "已满" if place.stick else "所在的磁盘已满"
            return StorageError(f"备份已在本机做好，但{place.kind} {folder} {full}，没有复制成。"
                                f"请腾出空间或换一个{place.kind}再试。", str(exc))
        check = ("请检查U盘是否插好、是否写保护，再试一次。" if place.stick else
                 f"{place.write_trouble}：请检查后再试一次。")
        return StorageError(f"备份已在本机做好，但没有复制到 {folder}（{os_reason(exc)}）。{check}", str(exc))
    try:
        if not folder.is_dir():
            gone = "U盘是否已拔出？请插好后再复制一次。" if place.stick else f"{place.gone}。请选好文件夹后再复制一次。"
            raise StorageError(f"备份已在本机做好，但文件夹 {folder} 不存在：{gone}")
        if encrypted:
            copied = hashlib.sha256()
            copying, reading_back = _copied_then_read_back(progress, before)
            with open(part, "wb") as f:
                for chunk in _read_here(_chunks_of(made, cancelled, copying)):
                    copied.update(chunk)
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            read_hash = hashlib.sha256()            # read back off the stick, Cancel heard there too
            chunks = _chunks_of(part, cancelled, lambda done, total: reading_back(done))
            reading_back(0)
            for chunk in chunks:
                read_hash.update(chunk)
            if read_hash.digest() != copied.digest():
                raise StorageError(f"复制到 {folder} 的备份与原件不一致（{damaged}），已删除这份不完整的副本。"
                                   f"{again}本机的备份完好。")
            if cancelled():
                raise _CopyCancelled()
            os.replace(part, target)
        else:           # the plain backup's bytes, sealed on their way: nothing plain reaches the stick
            target = _free_name(folder, made, SEALED_SUFFIX)
            # The trailing empty piece: the package takes a last piece that looks like a sync
            # payload for one, and a page of the register could.
            copying, reading_back = _copied_then_read_back(progress, before)
            _write_sealed(target, chain([_SEAL_PREFIX], _read_here(_chunks_of(made, cancelled, copying)), [b""]),
                          passphrase, cancelled, lambda done: reading_back(done >> 10))
    except (_CopyCancelled, WriteCancelled):      # the sealed package removes its own .part and file
        remove_quietly(part)    # a dying stick may refuse the removal too
        return None
    except _ReadHereFailed as exc:                # the sealed package removes its own .part
        remove_quietly(part)    # a dying stick may refuse the removal too
        raise StorageError(f"读这台电脑上的备份 {made} 时出错（{os_reason(exc.__cause__)}），没有复制到{place.kind}，"
                           f"{place.on}没有留下这份副本；这不是{place.kind}的问题，是这台电脑的磁盘读不出这个文件。"
                           "请再点一次“复制到U盘”（会重新备份一次）；如果还是出错，请把电脑交给技术人员检查磁盘。"
                           "数据文件没有改动。", str(exc.__cause__)) from None
    except OSError as exc:
        remove_quietly(part)    # a dying stick may refuse the removal too
        raise stick_error(exc) from None
    except StorageError:
        remove_quietly(part)    # a dying stick may refuse the removal too
        raise
    except sync_errors.SyncError as exc:        # the package's words speak of a sync: the copy says its own
        if isinstance(exc, sync_errors.WriteVerifyError) and isinstance(exc.__cause__, OSError) \
                and not gone_after_all(target):     # the stick went away as the copy was read back off it
            then = "请插好U盘，" if place.stick else "请检查后"
            raise StorageError(f"备份已在本机做好，但复制到 {folder} 后读回检查时{place.kind}读不出来了"
                               f"（{os_reason(exc.__cause__)}），没有检查完：{place.gone}。{place.on}可能还留着这份"
                               f"没有检查过的副本 {target.name}：{then}删掉它，再复制一次。", exc.message) from None
        if isinstance(exc.__cause__, OSError):
            raise stick_error(exc.__cause__) from None
        if isinstance(exc, sync_errors.WriteVerifyError):
            raise StorageError(f"复制到 {folder} 的备份读回校验没有通过（{damaged}），已删除这份副本。"
                               f"{again}本机的备份完好。", exc.message) from None
        raise StorageError(f"备份已在本机做好，但没有复制到 {folder}：{exc.message}", exc.message) from None
    with db.reading() as conn:
        people = conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0").fetchone()[0]
    # Where the copy went, as the clerk chose it: a folder is named (a stick's letter changes).
    where = place.kind if place.stick else f"{place.kind} {folder}"
    record_output(db, "export", "backup-copy", people, False, target, reason=f"备份复制到{where}（加密）")
    return target

#: A file this small is copied in about a second even on an old disk: always backed up.
CHEAP_COPY_BYTES = 64 << 20
#: A sync package that brings at least 1/SYNC_SHARE of the changes the file holds is backed up
#: before, whatever the file's size (a snapshot, a week of another gate, a mass edit).
SYNC_SHARE = 100
#: With no backup of any kind this recent, a sync import takes one anyway.
SYNC_STALE = timedelta(hours=24)


def sync_backup_needed(db_path: Path | str, held: int, new: int, now: datetime | None = None) -> bool:
    """Whether a sync import that brings ``new`` changes into a file holding ``held`` takes a
    backup first (SYNC.md 9.11 step 8, "cheap insurance").

    Why not always: at 200,000 people the file is 1.4 GB; a copy before each small package
    (a gate-day, a hundred edits) took 3–5 s of a 0.5 s import and, ten kept, 14 GB of an old
    PC's disk. What a small package can do is undone without it: the import is one transaction,
    and every value it overwrites stays in the change log (a compact insert is given its body
    by the update trigger first), a concurrent edit that lost is an open conflict with both
    values, a delete is a tombstone. A large package, a small file or a stale last copy: the
    copy is taken."""
    if new <= 0:
        return False
    if new * SYNC_SHARE >= held:
        return True
    try:
        if Path(db_path).stat().st_size <= CHEAP_COPY_BYTES:
            return True
    except OSError:
        return True
    newest = list_backups(db_path)
    return not newest or (now or datetime.now()) - newest[0].when >= SYNC_STALE


def migration_backup(conn, db_path: Path, version: int, key=None) -> Path:
    """The backup a Database takes before it migrates (its ``before_migrate``): into the
    backups folder like every other one, through the same function. The Database has checked
    the file to its end before (a damaged one is not copied, pruned over nor migrated)."""
    target = _take(conn, Path(db_path), "migration", key, None, None)
    prune(db_path)
    return target


def daily_due(db_path: Path | str, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    daily = [b for b in list_backups(db_path) if b.reason == DAILY]
    return not daily or now - daily[0].when >= timedelta(days=1)


def daily_backup(db, *, now: datetime | None = None, passphrase: str | None = None,
                 cancelled=lambda: False) -> Path | None:
    """The day's backup when the newest daily one is a day old or there is none; else None.
    A read-only database is not backed up here (nothing changes in it). ``cancelled()``: see
    ``backup_before`` (it waits for the integrity check)."""
    if db.read_only or not daily_due(db.path, now):
        return None
    return backup_before(db, DAILY, passphrase=passphrase, now=now, cancelled=cancelled)


# -- restoring ------------------------------------------------------------------------------------

class BackupUnusableError(StorageError):
    pass


class BackupDamagedError(BackupUnusableError):
    """What the whole check found in the backup's own bytes (damage, no register in it), whatever
    passphrase or key it is tried with next and however well the disk or stick reads it: noted
    (``_note``), so an unchanged backup is not checked whole again to find the same."""


def _unseal(item: Backup, part: Path | None, passphrase: str | None) -> None:
    """The sealed ``item`` unsealed into ``part``; with None, only opened: its passphrase tried
    and its first chunk read (``_opens``)."""
    from contextlib import closing, nullcontext
    from desktop.sync import envelope
    from desktop.sync import errors as sync_errors
    secret = _passphrase(passphrase)
    if not secret:
        raise BackupUnusableError(f"备份 {item.path.name} 是用备份口令加密的，请提供口令"
                                  f"（环境变量 {BACKUP_PASSPHRASE_ENV}）。", "sealed, no passphrase")
    # Streamed into ``part`` as each chunk is authenticated (the caller removes ``part`` when
    # anything fails): read whole, a 1 GB register's backup was all in memory before a byte was written.
    try:
        with open(part, "wb") if part is not None else nullcontext() as f, \
                closing(envelope.package_stream(item.path, secret, _SEAL_COMMUNITY, max_file_bytes=64 << 30,
                                                max_payload_bytes=64 << 30)) as pieces:
            if f is not None and os.name != "nt":
                os.chmod(part, 0o600)
            head = b""
            for piece in pieces:
                if len(head) < len(_SEAL_PREFIX):
                    taken = len(_SEAL_PREFIX) - len(head)
                    head, piece = head + piece[:taken], piece[taken:]
                    if not _SEAL_PREFIX.startswith(head):
                        break
                if f is None:
                    if len(head) == len(_SEAL_PREFIX):
                        break
                    continue
                f.write(piece)
            if f is not None:
                f.flush()
                os.fsync(f.fileno())
    except sync_errors.WrongPassphraseError as exc:
        # The package's own words speak of the sync passphrase, which is not what opens a backup.
        raise BackupUnusableError(f"口令不对，打不开备份 {item.path.name}。请核对给这份备份设的口令"
                                  "（区分大小写；U盘上的副本是复制时设的口令）。数据文件没有改动。", exc.message) from exc
    except sync_errors.StickReadError as exc:
        raise _backup_read_error(item, exc.__cause__ or exc) from exc
    except sync_errors.NewerPackageError as exc:
        raise BackupUnusableError(f"备份 {item.path.name} 是更新版本的门神做的，本程序打不开。请先安装最新版本的门神，"
                                  "再恢复这个备份。数据文件没有改动。", exc.message) from exc
    except sync_errors.SyncError as exc:
        # The package's own words speak of a sync package, its import and its re-export: a
        # clerk restoring a backup was told to export a sync package again.
        raise BackupDamagedError(f"备份 {item.path.name} 已损坏或不完整（可能没有复制完，或磁盘、U盘出了错），打不开，"
                                  "不能用来恢复。数据文件没有改动。请选另一个备份。", exc.message) from exc
    if head != _SEAL_PREFIX:
        raise BackupDamagedError(f"备份 {item.path.name} 不是门神的备份。", "prefix")


def _backup_read_error(item: Backup, exc: BaseException) -> BackupUnusableError:
    """The backup itself could not be read (a stick pulled or loose, a bad block): said as a read,
    not as a backup that was not made nor a folder that cannot be written."""
    return BackupUnusableError(f"读备份 {item.path.name} 时出错（{os_reason(exc)}，可能U盘被拔出或接触不良）。"
                               "请插好后再试一次。数据文件没有改动。", str(exc))


def _integrity(path: Path, key, name: str) -> int:
    """The data version of ``path`` (the backup ``name``, copied); BackupUnusableError unless it
    opens with its key, passes integrity_check and is a register this program can open: a 0-byte
    or foreign file (data version 0) or one a newer Menshen made would pass the check, be put in
    place of the register and then not open, the register before it only kept aside."""
    from db.migrations import latest_version
    try:
        conn = driver.connect(str(path), key, isolation_level=None)
    except driver.FAILURES as exc:
        raise _unusable(exc, key)(_cannot_open(name, exc, key), sqlite_message(exc)) from exc
    try:
        rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except driver.FAILURES as exc:
        raise _unusable(exc, key)(f"备份 {name} 已损坏{'或口令不对' if key is not None else ''}。", str(exc)) from exc
    finally:
        conn.close()
    if rows != [("ok",)]:       # the check ran: the key (if any) is right, the pages are not
        raise BackupDamagedError(f"备份 {name} 已损坏（完整性检查没有通过）。",
                                 "; ".join(r[0] for r in rows[:5]))
    if version <= 0:
        raise BackupDamagedError(f"备份 {name} 是空的，或者不是门神的数据文件，不能用来恢复。", "user_version 0")
    if version > latest_version():
        raise BackupUnusableError(
            f"备份 {name} 是更新版本的门神做的（数据版本 {version}，本程序只支持到 {latest_version()}），"
            "恢复后本程序打不开它。请先安装最新版本的门神，再恢复这个备份。", f"user_version {version}")
    return version


def _unusable(exc: BaseException, key) -> type:
    """The error for SQLite's ``exc`` on the backup's copy: BackupDamagedError for a plain copy
    SQLite finds malformed or no database; with a key that may be the key's fault, and any other
    failure (a read, a lock) may not be there next time: BackupUnusableError, not noted."""
    damaged = isinstance(classify(exc), (DamagedDatabaseError, NotADatabaseError))
    return BackupDamagedError if damaged and key is None else BackupUnusableError


def _cannot_open(name: str, exc: BaseException, key) -> str:
    """Why the backup ``name`` does not open, in Chinese: SQLite's own words are English (the
    message read 「备份 … 打不开（unable to open database file）」). classify is the one rule."""
    known = classify(exc, name)
    if known is None or isinstance(known, (DamagedDatabaseError, NotADatabaseError)):
        return f"备份 {name} 打不开：它已损坏{'或口令不对' if key is not None else ''}。"
    return f"备份 {name} 打不开：{known.message}"


def _key_of(item: Backup, key):
    if isinstance(key, driver.DatabaseKey):
        return key if driver.is_encrypted(item.path) and not item.sealed else None
    if key is None:
        key = os.environ.get(driver.KEY_ENV) or None
    if not driver.is_encrypted(item.path) or item.sealed:
        return None
    if not key:
        raise BackupUnusableError(f"备份 {item.path.name} 是加密的，需要数据文件的口令"
                                  f"（登录，或环境变量 {driver.KEY_ENV}）。", "encrypted, no key")
    return driver.derive_key(str(key), driver.file_salt(item.path))


def _restore_part(db_path: Path) -> Path:
    """The temporary name a restore copies its backup to, beside the database."""
    return db_path.with_name(db_path.name + ".restore.part")


def _tidy_restore_part(db_path: Path) -> None:
    """A restore cut off (killed, power cut) left its copy of the backup, as big as the register,
    beside it until the next restore: removed once a day old, as a backup's own ``.part``. A
    restore running now holds the writer lock from its first byte to its last rename
    (``_in_use``): while anyone holds it, nothing is touched."""
    import time
    from db.connection import lock_file
    part = _restore_part(db_path)
    left = [p for p in (part, *(Path(f"{part}{side}") for side in ("-journal", "-wal", "-shm"))) if p.exists()]
    try:
        if not left or any(time.time() - p.stat().st_mtime <= 86400 for p in left):
            return
        lock = FileLock(lock_file(db_path, "writer"))
        if not lock.acquire(0):
            return
    except OSError:
        return
    try:
        driver._remove(part)
    finally:
        lock.release()


class _reading:
    """The backup's file opened for its copy, each failure to read it a ``_backup_read_error``
    (the copy's own writes fail as writes)."""

    def __init__(self, item: Backup):
        self.item = item
        try:
            self.f = open(item.path, "rb")
        except OSError as exc:
            raise _backup_read_error(item, exc) from exc

    def read(self, n: int) -> bytes:
        try:
            return self.f.read(n)
        except OSError as exc:
            raise _backup_read_error(self.item, exc) from exc

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.f.close()


def _prepared(db_path: Path, item: Backup, passphrase, key) -> Path:
    """The backup as a database file beside ``db_path`` (a temporary name), checked."""
    part = _restore_part(db_path)
    driver._remove(part)
    kind = None if item.sealed else driver.other_kind(item.path)
    if kind:            # a workbook or a zip renamed: said as what it is, not as "damaged or wrong passphrase"
        raise BackupUnusableError(f"备份 {item.path.name} 是{kind}，不是门神的备份，不能用来恢复。", f"not a database: {kind}")
    try:
        if item.sealed:
            _unseal(item, part, passphrase)
            k = None
        else:
            k = _key_of(item, key)
            with _reading(item) as src, open(part, "wb") as dst:
                if os.name != "nt":
                    os.chmod(part, 0o600)
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            wal = Path(f"{item.path}-wal")
            if item.aside and wal.exists():     # an aside may keep its last writes in its WAL;
                # the integrity check's connection folds it into the copy as it closes
                with open(wal, "rb") as src, open(f"{part}-wal", "wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
        _note(item, [_integrity(part, k, item.path.name)])
        return part
    except OSError as exc:
        driver._remove(part)
        raise _restore_copy_error(exc, part) from exc
    except BackupUnusableError as exc:
        # Found wanting now, whatever was noted before: noted so when it is the backup's own
        # (damage), forgotten when it may pass next time (a passphrase, a loose stick).
        _note(item, [0, exc.message] if isinstance(exc, BackupDamagedError) else None)
        driver._remove(part)
        raise
    except BaseException:
        driver._remove(part)
        raise


#: What the whole check found of each backup (``check_backup``), in the backups folder beside
#: them: JSON, a backup's name to [its size, its file time in ns, then its data version when it
#: passed, or 0 and the reason when it was found damaged (``BackupDamagedError``)].
SOUND_FILE = "{db}.sound.json"


def _sound_file(item: Backup) -> Path:
    m = _NAME.match(item.path.name)
    return item.path.with_name(SOUND_FILE.format(db=m.group("db") if m else item.path.name))


def _sound_read(item: Backup) -> dict:
    import json
    try:
        found = json.loads(_sound_file(item).read_text("utf-8"))
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError):
        return {}


def _note(item: Backup, found: list | None) -> None:
    """Note what the whole check ``found`` of ``item`` ([its data version] or [0, the reason]),
    or forget it (None). Kept to the backups still there; written to a temporary name, then
    renamed; a failure to write it only costs the next check its time."""
    import json
    if item.aside:          # beside the register, not in the folder (and it may keep a WAL)
        return
    noted = _sound_read(item)
    if found is None and item.path.name not in noted:
        return
    kept = {name: v for name, v in noted.items()
            if name != item.path.name and (item.path.parent / name).exists()}
    target = _sound_file(item)
    try:
        if found is not None:
            st = item.path.stat()
            kept[item.path.name] = [st.st_size, st.st_mtime_ns, *found]
        if not kept:
            target.unlink(missing_ok=True)
            return
        part = target.with_name(target.name + ".part")
        part.write_text(json.dumps(kept, ensure_ascii=False), "utf-8")
        if os.name != "nt":
            os.chmod(part, 0o600)
        os.replace(part, target)
    except OSError:
        pass


def _noted(item: Backup) -> str | None:
    """What a whole check found of ``item`` before, when it is unchanged since (its size and file
    time): '' when it passed (and is of a data version this program opens), the reason when it was
    found damaged; None when it is to be checked whole."""
    from db.migrations import latest_version
    seen = _sound_read(item).get(item.path.name)
    try:
        st = item.path.stat()
        if not (isinstance(seen, list) and seen[:2] == [st.st_size, st.st_mtime_ns]):
            return None
        if len(seen) == 3 and 0 < int(seen[2]) <= latest_version():
            return ""
        if len(seen) == 4 and seen[2] == 0 and isinstance(seen[3], str) and seen[3]:
            return seen[3]
    except (OSError, TypeError, ValueError):
        pass
    return None


def _found_sound(item: Backup) -> bool:
    """Whether ``item`` passed a whole check before, unchanged since (``_noted``)."""
    return _noted(item) == ""


def _opens(item: Backup, passphrase, key) -> bool:
    """For a backup checked whole before (``_noted``): True when what the whole check depends on
    that may differ from the last time is as it was: a sealed backup's passphrase (its header and
    first chunk: BackupUnusableError as the whole check says it); an encrypted one's key
    (``_key_opens``; False: the whole check says why); a plain backup has none."""
    if item.sealed:
        _unseal(item, None, passphrase)
        return True
    return not driver.is_encrypted(item.path) or _key_opens(item, _key_of(item, key))


def _key_opens(item: Backup, key) -> bool:
    """Whether the encrypted backup ``item`` opens in place with ``key``, its first page read:
    SQLCipher checks each page it reads against the key. False for a wrong key and for any other
    failure (a path SQLite takes no URI of, a network share's): the whole check then says why.
    Why in place, not a copy of its head as a sealed one's: SQLite finds a part of the file
    "malformed". Opened immutable and read-only: no -wal, -shm nor lock left beside it, nothing
    written (the backups folder's files have no WAL beside them; an aside, which may, is never
    noted: ``_note``)."""
    try:
        uri = f"{item.path.absolute().as_uri()}?mode=ro&immutable=1"
        conn = driver.connect(uri, key, uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA user_version").fetchone()
        finally:
            conn.close()
        return True
    except (ValueError, *driver.FAILURES):
        return False


def check_backup(item: Backup, *, passphrase: str | None = None, key=None) -> str:
    """'' when ``item`` opens and passes the integrity check; else the Chinese reason why not.

    Each backup is checked whole once (a copy of it beside it, integrity_check to its end:
    2.2–5.9 s for a 345 MB register's plain or sealed backup on this project's machine,
    bench/backup_steps.py; an old PC's disk is slower), then noted as sound (``SOUND_FILE``: its
    name, size, file time). Asked again, unchanged, only its passphrase or key is tried (``_opens``):
    the start-up's offer of a damaged register checked the newest good backup whole at every
    start, before the window, and File ▸ Backups ▸ Restore checked its choice whole up to twice
    before the restore's own check. What the note cannot see, a bad block that came later with
    the size and time as they were, the restore still finds: ``restore`` checks its own copy
    whole before it puts it in place (nothing changed when it refuses) and forgets the note, so
    the next offer passes the backup over. A backup found damaged is noted too (``BackupDamagedError``):
    the offer checked a damaged newest backup whole at every start (3.7–5.1 s at 345 MB) before
    the good one; unchanged, it is passed over at once with the reason found (its passphrase
    tried first, as a wrong one is said as such); changed (brought in again, copied over), it is
    checked whole again. A failure that may not be there next time (a wrong passphrase or key, a
    loose stick, a newer Menshen's) is not noted. An encrypted register's backups likewise: once
    checked whole, only their key is tried on their first page (``_key_opens``)."""
    tmp = item.path.with_name(item.path.name + ".check.part")
    try:
        found = _noted(item)
        if found is not None and _opens(item, passphrase, key):
            return found
        _prepared(tmp, item, passphrase, key)
        return ""
    except StorageError as exc:
        if _no_room(exc):
            # The check copies the backup first: a full disk says nothing about the backup, and
            # "every backup is damaged" would make a clerk give up on good ones.
            raise StorageError(f"磁盘空间不够（{tmp.parent}），无法检查和恢复备份；备份本身没有问题，"
                               "数据文件也没有改动。请删除不需要的文件，或把旧的备份移到别的磁盘，然后重试。",
                               exc.detail) from exc
        if _cannot_write(exc):
            # Likewise a folder that takes no file (a write-protected stick): every backup was
            # said to fail its integrity check, and the clerk to give them to a technician.
            raise StorageError(f"{tmp.parent} 不能写入（{os_reason(exc.__cause__)}），无法检查和恢复备份；备份本身没有问题，"
                               "数据文件也没有改动。请关闭U盘写保护，或把数据文件和它旁边的 backups 文件夹"
                               "复制到电脑上能写入的文件夹，再恢复。", exc.detail) from exc
        if _own_copy_failed(exc):       # any other failure to write the copy (a failing disk): not the backup's
            raise StorageError(f"在 {tmp.parent} 写入时出错（{os_reason(exc.__cause__)}），无法检查和恢复备份；"
                               "备份本身没有问题，数据文件也没有改动。请检查磁盘（U盘是否插好），然后重试。",
                               exc.detail) from exc
        return exc.message
    finally:
        driver._remove(_restore_part(tmp))


def _own_copy_failed(exc: StorageError) -> bool:
    """The check's own copy could not be written (``_restore_copy_error``): the backup was read,
    or not yet, and nothing is known against it (a backup that cannot be read is
    BackupUnusableError, with its OSError too)."""
    return isinstance(exc.__cause__, OSError) and not isinstance(exc, BackupUnusableError)


def _cannot_write(exc: StorageError) -> bool:
    """The check's own copy could not be written: a read-only disk or folder, no permission."""
    import errno
    return _own_copy_failed(exc) and exc.__cause__.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def _no_room(exc: StorageError) -> bool:
    cause = exc.__cause__
    return (isinstance(cause, OSError) and cause.errno == 28) or "full" in (exc.detail or "").lower() \
        or "no space" in (exc.detail or "").lower()


def locked_backups(db_path: Path | str, *, key=None) -> list[Backup]:
    """The backups that open only with a passphrase: an encrypted register's (the data file's
    passphrase) or sealed ones (the backup passphrase). On a new computer after a disk failure
    nothing here knows it: the clerk types it (ui/startup.py). With ``key``, the register's own
    (the login found it), its own backups are left out: encrypted with its key and salt, they
    open with it, and one that does not is damaged, not locked with another passphrase."""
    own = None
    if isinstance(key, driver.DatabaseKey):
        own = key.salt
    elif key is not None:
        own = driver.file_salt(Path(db_path))
    return [item for item in list_backups(db_path)
            if item.sealed or (driver.is_encrypted(item.path) and (own is None or driver.file_salt(item.path) != own))]


def newest_good(db_path: Path | str, *, passphrase: str | None = None, key=None) -> Backup | None:
    """The newest backup of ``db_path`` that opens and passes the integrity check."""
    for item in list_backups(db_path):
        if not check_backup(item, passphrase=passphrase, key=key):
            return item
    return None


def _in_use(db_path: Path) -> list[FileLock]:
    """Hold the window and writer locks of ``db_path`` (no window or command is using it)."""
    from db.connection import lock_file
    held = []
    for kind in ("window", "writer"):
        lock = FileLock(lock_file(db_path, kind))
        try:
            got = lock.acquire(0)
        except OSError:
            continue
        if not got:
            for h in held:
                h.release()
            raise StorageError(f"数据文件 {db_path} 正在被门神的窗口或命令使用，请先关闭它再恢复备份。", kind)
        held.append(lock)
    return held


def _taken(path: Path) -> bool:
    """Whether ``path`` is taken: the file, or a -wal/-shm/-journal left there (``SIDES``) that
    SQLite would lay over a file given the name."""
    return any(Path(f"{path}{side}").exists() for side in ("", *SIDES))


def _move_with_sides(path: Path, to: Path) -> None:
    """Rename a database file and its -wal/-shm together, so a WAL still pairs with its file;
    when the file itself cannot be renamed, its -wal/-shm go back to it before the error is raised.
    Refused (FileExistsError) when ``to`` is taken (``_taken``): never over a file, nor beside
    another file's WAL."""
    if _taken(to):
        raise FileExistsError(f"{to} is taken")
    moved = []
    try:
        for side in SIDES:
            p = Path(f"{path}{side}")
            if p.exists():
                os.replace(p, Path(f"{to}{side}"))
                moved.append(side)
        os.replace(path, to)
    except OSError:
        for side in moved:
            try:
                os.replace(Path(f"{to}{side}"), Path(f"{path}{side}"))
            except OSError:
                pass            # the first error is the one to tell
        raise


def set_aside(db_path: Path | str, why: str, now: datetime | None = None, marks: str = "") -> Path | None:
    """Rename the database file (and its -wal/-shm, so a WAL still pairs with its file) to
    ``<name>.<why>-<time><marks>`` (``_aside_name``; ``EMPTY_MARK``: it held nothing), a name not
    taken (``_taken``); never deleted. Returns that name; None when nothing was there.

    The file gone (deleted, quarantined by an antivirus after a power cut) with its -wal left:
    the -wal goes to the aside's name all the same, beside no file (the name returned is then no
    file: see ``lone_wal``). Left, the next open laid its pages over the backup the restore put in
    the register's place."""
    db_path = Path(db_path)
    there = db_path.exists()
    sides = [side for side in SIDES if Path(f"{db_path}{side}").exists()]
    if not there and not sides:
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    n = 1
    while _taken(aside := db_path.with_name(_aside_name(db_path.name, why, stamp, n, marks))):
        n += 1
    if there:
        _move_with_sides(db_path, aside)
        return aside
    for side in sides:
        os.replace(Path(f"{db_path}{side}"), Path(f"{aside}{side}"))
    return aside


def lone_wal(aside: Path | None) -> Path | None:
    """The -wal ``set_aside`` kept under ``aside`` beside no file (the register itself was gone):
    it may hold the last entries made before the failure. None when the file was kept with it, or
    no -wal was left."""
    if aside is None or aside.exists():
        return None
    wal = Path(f"{aside}-wal")
    return wal if wal.exists() else None


def lone_wal_note(restored: "Restored") -> str:
    """The sentence the restore's audit line and the message after it add when the register was
    gone but its -wal was kept aside (``Restored.kept_wal``); "" otherwise.

    Why said: the restored backup lacks what was entered after it, and the last of that may be
    only in this file. Unsaid, nobody knew it was there to recover, and a clerk tidying the folder
    would delete an odd file with no data file beside it."""
    if restored.kept_wal is None:
        return ""
    return (f"出事前最后录入的内容可能在保留下来的文件 {restored.kept_wal.name} 里（在数据文件旁边，"
            f"{restored.kept_wal.parent}）；"
            "如果发现缺了内容，请把这个文件交给技术人员。")


def left_wal(db_path: Path | str) -> Path | None:
    """The -wal beside the register file with something in it (what was not yet written into
    the file: after a power cut, the last entries); None when there is none or it is empty (a
    clean close leaves nothing in it)."""
    wal = Path(f"{db_path}-wal")
    try:
        return wal if wal.stat().st_size > 0 else None
    except OSError:
        return None


def left_wal_note(db_path: Path | str) -> str:
    """Before a restore in place of a damaged or gone register: the sentence the offer (the
    window's at start-up, the command line's advice) adds when a -wal with something in it was
    left beside it, naming where the restore will keep it (``set_aside``, as a damaged one);
    "" otherwise.

    Why said before, not only after (``lone_wal_note``): the clerk chooses to restore not knowing
    that the last entries may be in that file, and nothing said where it would go, so a file
    renamed to a name nobody was told of looked like the restore had thrown them away."""
    db_path = Path(db_path)
    wal = left_wal(db_path)
    if wal is None:
        return ""
    kept = _aside_name(db_path.name, DAMAGED_ASIDE, "恢复时间") + "-wal"
    return (f"数据文件旁边留着一个 {wal.name} 文件（还没写进数据文件的修改，出事前最后录入的内容可能在里面）。"
            f"恢复备份时门神不会删除它，而是改名保留在数据文件旁边（{db_path.parent}，文件名 {kept}）；"
            "恢复后如果发现缺了内容，请把这个文件交给技术人员。")


def mark_restored(item: Backup) -> Path | None:
    """Mark an aside that a restore has just put back: ``<its name>.restored``, listed as
    "恢复前的副本，已恢复". None when it is not an unmarked aside or cannot be renamed.

    Why marked, not deleted and not left as it was: left as it was, the list offered it again
    as if it were still a way back, beside the new aside, and clerks could not tell which one
    undoes what. Deleted, the exact register it held would be gone the moment the first new
    entry is typed, without anyone having said so (it may be the only copy of that state). Marked,
    the list says what happened to it, it can still be restored, and nothing is lost."""
    if not item.aside or item.restored:
        return None
    marked = item.path.with_name(item.path.name + RESTORED)
    try:
        _move_with_sides(item.path, marked)
    except OSError:             # the restore is done; an unmarked aside is only listed as before
        return None
    return marked


def _read_only(path: Path, key):
    """A read-only connection to the register at ``path`` (``key``: a DatabaseKey or the
    passphrase typed, for an encrypted file; None: the environment's, as ``Database``); None when
    it cannot be opened."""
    encrypted = driver.is_encrypted(path)
    try:            # a plain file (or none) is opened without a key: no derivation for it
        key = driver.key_for(path, key or os.environ.get(driver.KEY_ENV)) if encrypted else None
    except Exception:
        key = None
    # A read-only connection cannot tidy up: the -wal and -shm it makes stay after it closes, and
    # would go with the file when a restore sets it aside. A file closed cleanly has none; it is
    # read as it is ("immutable": nothing else to read; a restore holds the writer lock while it
    # looks). With a -wal or -journal there, they are read too, and stay with the file as they were.
    clean = not any(Path(f"{path}{side}").exists() for side in ("-wal", "-journal"))
    try:
        return driver.connect(f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if clean else ''}",
                              key, uri=True, isolation_level=None)
    except (OSError, *driver.FAILURES):
        return None


def _file_holds_data(path: Path, key, *, unknown: bool = True) -> bool:
    """``_holds_data`` of the register file at ``path``; ``unknown`` when it cannot be opened."""
    conn = _read_only(path, key)
    if conn is None:
        return unknown
    try:
        return _holds_data(conn, unknown=unknown)
    finally:
        conn.close()


def _community(path: Path, key) -> tuple[str, str] | None:
    """(id, name) of the community the register at ``path`` belongs to; None when it has none
    yet or cannot be read (damaged, locked, another program's): nothing then to compare."""
    from desktop.sync.exchange import community_of
    conn = _read_only(path, key)
    if conn is None:
        return None
    try:
        found = community_of(conn)
        if found is None:
            return None
        row = conn.execute("SELECT name FROM community WHERE id = ?", (found,)).fetchone()
        return found, (row[0] if row and row[0] else "")
    except (OSError, *driver.FAILURES):
        return None
    finally:
        conn.close()


def _same_community(db_path: Path, key, part: Path, part_key, item: Backup) -> None:
    """Refuse a backup of another community (a backups folder copied from another office's
    PC): restored, it would put that community's people in place of this one's, and this
    office's sync packages would no longer be taken by its other machines."""
    ours = _community(db_path, key)
    theirs = _community(part, part_key)
    if ours is None or theirs is None or ours[0] == theirs[0]:
        return
    raise BackupUnusableError(
        f"备份 {item.path.name} 是另一个社区（{theirs[1] or theirs[0]}）的数据，不是这个数据文件"
        f"（{ours[1] or ours[0]}）的备份。恢复它会用别的社区的数据替换本社区的数据，所以没有恢复，数据文件没有改动。"
        "请检查备份文件夹里的文件是不是从别的电脑复制来的。", f"community {theirs[0]} != {ours[0]}")


# -- a backup brought from a USB stick ------------------------------------------------------------

def _kind_of_backup(source: Path) -> tuple[str | None, str]:
    """(the suffix a Menshen backup with these contents has, what the file is in Chinese when
    it is none): sealed (a sync package's envelope, sealed for backups) is ``.mbak``; a database
    file, plain or encrypted (no other kind known: ``driver.other_kind``), is ``.bak``."""
    from desktop.sync.envelope import MAGIC
    try:
        size = source.stat().st_size
        with open(source, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise _source_read_error(exc, source, _place(source)) from exc
    if size == 0:
        return None, "一个空文件（0 字节，可能没有复制完）"
    if head.startswith(MAGIC[:-1]):
        from desktop.sync.envelope import peek_header
        from desktop.sync.errors import SyncError
        try:
            community = peek_header(source).community_id
        except SyncError:
            return None, "一个损坏或不完整的加密文件"
        if community != _SEAL_COMMUNITY:
            return None, "一个U盘同步用的同步包（在“同步”页导入）"
        return SEALED_SUFFIX, ""
    kind = driver.other_kind(source)
    if kind is None:
        return PLAIN_SUFFIX, ""
    return None, kind


def check_backup_file(source: Path | str) -> str:
    """The suffix (``.bak``/``.mbak``) of a file chosen anywhere (a USB stick) to restore from,
    when it is a Menshen backup: named ``….bak`` or ``….mbak`` and holding a backup by its first
    bytes (a sealed one by its header). BackupUnusableError naming the file, and saying what it
    is when it is something else (a PDF, a workbook renamed, a sync package); nothing is changed.
    Whether it opens (its passphrase, damage, another community, a newer version) is
    ``restore``'s to check, as for every backup."""
    source = Path(source)
    if not source.is_file():
        raise BackupUnusableError(f"找不到文件 {source}：U盘是否已拔出？请插好后重新选择。数据文件没有改动。", "missing")
    suffix, what = _kind_of_backup(source)
    if suffix is not None and source.suffix.lower() in (PLAIN_SUFFIX, SEALED_SUFFIX):
        return suffix
    said = f"是{what}，" if what else ""
    raise BackupUnusableError(
        f"所选的文件 {source} {said}不是门神的备份，不能用来恢复。请选择“复制到U盘”时做的备份"
        f"（文件名以 {SEALED_SUFFIX} 或 {PLAIN_SUFFIX} 结尾）。数据文件没有改动。", f"not a backup: {what or source.suffix}")


def bring_in(db_path: Path | str, source: Path | str) -> Backup:
    """Bring a backup chosen anywhere (the office's copy on a USB stick, after the old computer's
    disk died) into this register's backups folder, so it is listed and restored as every other
    backup (``restore``, with its checks). Refused when it is no Menshen backup
    (``check_backup_file``). The copy is named for THIS register, keeping the backup's time and
    reason (the stick copy's name starts with the old computer's register file name, which may be
    another); a file renamed by hand is taken as a manual backup of its modification time.
    Written to a ``.part`` name, flushed, compared with the original, then renamed to a name not
    taken (``-2`` …) marked ``.stick`` (kept by ``prune`` as if made now: ``_arrived``); the same
    file already there is reused, a different one never replaced.
    Returns the listed Backup; raises BackupUnusableError or StorageError (Chinese)."""
    import hashlib
    db_path, source = Path(db_path), Path(source)
    place = _place(source)          # judged while the file is there: a stick pulled out is no stick
    suffix = check_backup_file(source)
    folder = folder_of(db_path)
    listed = {b.path.name: b for b in list_backups(db_path)}
    try:
        if source.parent.resolve() == folder.resolve() and source.name in listed:
            return listed[source.name]          # chosen in the backups folder itself: there already
    except OSError:
        pass
    m = _NAME.match(source.name)
    if m:
        stamp, reason, marks = m.group("stamp"), m.group("reason"), (m.group("empty") or "") + STICK_MARK
    else:
        try:
            stamp = datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
        except OSError as exc:
            raise _source_read_error(exc, source, place) from exc
        reason, marks = "manual", STICK_MARK
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise _bring_error(exc, folder, place) from exc
    part = folder / f"{db_path.name}.{stamp}.{reason}{suffix}.part"

    def digest(path: Path) -> str:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    try:
        wanted = hashlib.sha256()
        try:
            src = open(source, "rb")
        except OSError as exc:
            raise _source_read_error(exc, source, place) from exc
        with src:
            with open(part, "wb") as dst:
                if os.name != "nt":
                    os.chmod(part, 0o600)           # a copy of the register: the owner's only
                while True:
                    try:
                        chunk = src.read(1 << 20)
                    except OSError as exc:
                        raise _source_read_error(exc, source, place) from exc
                    if not chunk:
                        break
                    wanted.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        if digest(part) != wanted.hexdigest():
            raise StorageError(f"复制到 {folder} 的备份与{place.on}的不一致（磁盘可能有坏块），已删除这份副本。"
                               "数据文件没有改动。请再试一次。", "digest")
        size = part.stat().st_size
        target = _unused_name(folder, db_path.name, stamp, reason, suffix, marks=marks,
                              same=lambda t: t.stat().st_size == size and digest(t) == wanted.hexdigest())
        if target.exists():
            driver._remove(part)                # brought in before: the same file, kept once,
            os.utime(target)                    # and its place in the kept window counts from now
        else:
            os.replace(part, target)
    except OSError as exc:
        driver._remove(part)
        raise _bring_error(exc, folder, place) from exc
    except BaseException:
        driver._remove(part)
        raise
    return next(b for b in list_backups(db_path) if b.path.name == target.name)


def _place(source: Path):
    """The words for the folder a backup to bring in was chosen in (``drives.place_of``): a
    stick's only when it is on one."""
    from desktop.sync.drives import place_of
    return place_of(source.parent)


def _source_read_error(exc: OSError, source: Path, place) -> BackupUnusableError:
    """The file chosen could not be read (a stick pulled or loose, a folder gone): said as a read
    of the stick or the folder, not as this computer's backups folder refusing a write."""
    if place.stick:
        return BackupUnusableError(f"读U盘上的文件 {source} 时出错（{os_reason(exc)}）：U盘是否被拔出？"
                                   "请插好后重新选择。数据文件没有改动。", str(exc))
    return BackupUnusableError(f"读文件 {source} 时出错（{os_reason(exc)}）：{place.gone}。"
                               "请检查后重新选择。数据文件没有改动。", str(exc))


def _bring_error(exc: OSError, folder: Path, place) -> StorageError:
    if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28:
        return StorageError(f"磁盘空间不够，{place.on}的备份没有复制进来（{folder}）。数据文件没有改动。"
                            "请删除不需要的文件，然后重试。", str(exc))
    return StorageError(f"{place.on}的备份没有复制进来：无法写入 {folder}（{os_reason(exc)}）。数据文件没有改动。", str(exc))


def missing_register(db_path: Path | str) -> StorageError | None:
    """What to say when the register file is gone (deleted by mistake, moved, quarantined by an
    antivirus, a restore cut off between its two renames) while its backups or a 恢复前的副本
    are still beside it, or its -wal with something in it (``left_wal``); None when the file is
    there or nothing of it is kept.

    Why not simply make a new one, as at a first start: the window then greeted the clerk with
    the first-run wizard and an empty register, said nothing of the backups, and from the next
    day its own daily copies of the empty register pushed the good ones out of the folder."""
    path = Path(db_path)
    if path.exists():
        return None
    if not list_backups(path, asides=True):
        wal = left_wal(path)
        if wal is None:
            return None
        # A new register made here would take the -wal's name: SQLite empties it, and with it
        # what may be the only copy left of the office's last entries.
        return StorageError(f"数据文件 {path} 不见了（可能被误删、移走，或被杀毒软件隔离），但旁边还留着 {wal.name} 文件"
                            "（还没写进数据文件的修改，可能有最后录入的内容）。门神没有新建空的数据文件：那样会把这个文件清空。"
                            "请先找回数据文件（回收站、杀毒软件的隔离区），放回原处后再打开门神；找不回来时，请把"
                            f" {wal.name} 交给技术人员。如果确实要从头开始，请先把 {wal.name} 移到别的文件夹。",
                            "missing, its -wal left")
    return StorageError(f"数据文件 {path} 不见了（可能被误删、移走，或被杀毒软件隔离），但它的备份还在"
                        f"（{folder_of(path)}）。门神没有新建空的数据文件。请恢复最新的完好备份；"
                        f"如果确实要从头开始，请先把 {folder_of(path)} 文件夹改名或移走。", "missing, backups kept")


@dataclass
class Restored:
    backup: Backup
    aside: Path | None          # where the file that was there is kept
    marked: Path | None = None  # the aside restored from, now marked "已恢复" (``mark_restored``)
    kept_wal: Path | None = None    # the gone register's -wal, kept aside alone (``lone_wal``)


_SAME = object()


def restore(db_path: Path | str, item: Backup, *, damaged: bool = False, passphrase: str | None = None,
            key=None, register_key=_SAME, now: datetime | None = None, by: str | None = None) -> Restored:
    """Put ``item`` in place of the database file (closed by every program). The copy is
    checked before anything is moved; the current file is kept aside, never deleted. The
    restore is noted in the restored register's audit as done by ``by`` (the account that asked;
    None when nobody could log in): ``_note_restore``.

    ``key`` opens the backup and the register it becomes; ``register_key`` the register in place
    now, when that is another (a passphrase typed for a backup from another computer): ``key`` by
    default, None the environment's ``MENSHEN_DB_KEY`` (``_read_only``). Read with the typed key,
    an encrypted register did not open and another community's backup was put in its place."""
    db_path = Path(db_path)
    ours = key if register_key is _SAME else register_key
    held = _in_use(db_path)
    try:
        part = _prepared(db_path, item, passphrase, key)
        try:
            _same_community(db_path, ours, part, _key_of(item, key) if not item.sealed else None, item)
        except BaseException:
            driver._remove(part)
            raise
        # A register that holds nothing (a new computer's, before the office's copy) is kept
        # aside as every one, named as empty in the list: the newest there, it is not "the
        # latest data" to go back to (``_drop_empty_backups``).
        marks = "" if damaged or _file_holds_data(db_path, ours) else EMPTY_MARK
        try:
            kept = set_aside(db_path, DAMAGED_ASIDE if damaged else ASIDE, now, marks)
        except OSError as exc:                  # set_aside moves all or nothing
            driver._remove(part)
            raise _restore_copy_error(exc, part) from exc
        try:
            os.replace(part, db_path)
        except OSError as exc:
            driver._remove(part)
            if not _put_back(kept, db_path):
                raise StorageError(f"没有恢复：备份换不上去（{os_reason(exc)}），原来的数据文件已改名为 {kept.name}，"
                                   f"也没能改回来。请在 {db_path.parent} 里把它改名为 {db_path.name}，再打开门神；"
                                   "不要删除它。", str(exc)) from exc
            raise _restore_copy_error(exc, part) from exc
        # The community check's read-only look left the copy's (empty) -wal and -shm behind.
        driver._remove(part)
    finally:
        for h in held:
            h.release()
    aside = kept if kept is not None and kept.exists() else None      # no file: only its sides were
    done = Restored(item, aside, mark_restored(item), lone_wal(kept))
    _drop_empty_backups(db_path, key)
    _note_restore(db_path, done, key, by)
    return done


def _put_back(kept: Path | None, db_path: Path) -> bool:
    """Undo ``set_aside`` (the backup could not take the register's place): the register, or
    only its -wal and -shm when it was gone, back under its name; True when done. Left aside,
    the next start found no register and offered a new one."""
    if kept is None:
        return True
    try:
        if kept.exists():
            _move_with_sides(kept, db_path)
        else:
            for side in SIDES:
                if Path(f"{kept}{side}").exists():
                    os.replace(Path(f"{kept}{side}"), Path(f"{db_path}{side}"))
        return True
    except OSError:
        return False


def _drop_empty_backups(db_path: Path, key) -> list[Path]:
    """Once a restore has put a register with data in place, remove the copies of a register
    that held nothing (``EMPTY_MARK``): on a new computer, the daily backup its empty register
    took at the first start, before the office's copy from the USB stick was restored.

    Why removed, not only named as empty in the list: left there, it is the newest backup, so the
    one a clerk picking "the newest" takes, the one the start-up offers when the register is
    damaged ("最新的完好备份"), and the day's daily backup (none of the restored register is taken
    until tomorrow). It holds no household and no person, and the register it copied is kept
    anyway: the restore set it aside ("恢复前的副本"). Nothing is lost. Until a restore (a new
    register still empty) such copies are listed, named as empty (``Backup.label``)."""
    if not _file_holds_data(db_path, key, unknown=False):     # unreadable: nothing removed
        return []
    removed = []
    for b in list_backups(db_path):
        if b.empty:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:     # left listed, named as empty
                pass
    return removed


def _note_restore(db_path: Path, done: Restored, key, by: str | None) -> None:
    """The restore in the audit of the register it put in place (``desktop.audit.record_restore``),
    whichever way it was asked for. The restore stands when the note cannot be written (the
    register then does not open either, and the one opening it next is told why): logged."""
    import logging
    from desktop.app import open_app
    from desktop.audit import record_restore
    try:
        app = open_app(db_path, key=key)
    except (StorageError, OSError) as exc:
        logging.getLogger(__name__).warning("restore of %s not noted in the audit: %s", db_path, exc)
        return
    try:
        record_restore(app.db, done, by)
    except (StorageError, OSError) as exc:
        logging.getLogger(__name__).warning("restore of %s not noted in the audit: %s", db_path, exc)
    finally:
        app.close()


def describe(item: Backup) -> str:
    """One line for a list: time, reason, size."""
    mb = item.size / (1 << 20)
    lock = "，已加密" if item.sealed or driver.is_encrypted(item.path) else ""
    return f"{item.when:%Y-%m-%d %H:%M:%S}  {item.label}（{mb:.1f} MB{lock}）"


def offer_text(db_path: Path | str) -> str:
    """What to tell the user of a damaged or empty database file: the newest good backup and
    the command that puts it back (the damaged file is kept aside)."""
    db_path = Path(db_path)
    try:
        good = newest_good(db_path)
    except StorageError as exc:     # no room or no write here to check a copy: said, never a traceback
        return exc.message
    if good is None:
        try:
            empty = db_path.stat().st_size == 0
        except OSError:
            empty = False
        if empty:           # nothing in it to keep: its own message says to find the original
            return f"没有找到 {db_path.name} 的完好备份（{folder_of(db_path)}）。"
        return (f"没有找到 {db_path.name} 的完好备份（{folder_of(db_path)}）。请不要删除这个文件，"
                "把它交给技术人员。")
    return (f"最新的完好备份：{describe(good)}。恢复它：menshen backup restore --db {db_path}"
            "（损坏的文件会改名保留，不会删除；备份之后录入的内容需要重新录入）。" + left_wal_note(db_path))
