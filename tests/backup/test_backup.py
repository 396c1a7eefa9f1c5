"""Backups and restore at the desktop layer (issue 16, point 6): a damaged database at start-up
is detected and restored from a backup with nothing lost up to it."""
import os
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db import driver
from db.errors import DamagedDatabaseError, EmptyDatabaseFileError, StorageError
from desktop import backup
from desktop.app import open_app
from tests.backup.conftest import add_people, backed_up, damage, names_in, restore_lines

BEFORE = ["张三", "李梅", "王大爷"]
AFTER = ["赵后来"]


def _made_backed_up_then_more(path, reason="daily", **kw):
    return backed_up(path, BEFORE, reason, later=AFTER, **kw)


def test_a_damaged_database_is_detected_and_restored_with_nothing_lost_up_to_the_backup(register_path):
    kept = _made_backed_up_then_more(register_path)
    damaged_bytes = damage(register_path)

    with pytest.raises(DamagedDatabaseError) as info:
        open_app(register_path)
    assert "已损坏" in info.value.message

    good = backup.newest_good(register_path)
    assert good is not None and good.path == kept and good.reason == "daily"
    done = backup.restore(register_path, good, damaged=True)

    assert names_in(register_path) == set(BEFORE)          # everything up to the backup
    # The damaged file is kept aside, byte for byte, never deleted.
    assert done.aside is not None and ".damaged-" in done.aside.name
    assert done.aside.read_bytes() == damaged_bytes
    assert kept.exists()                                    # the backup itself stays too


def test_an_empty_file_is_restored_from_the_newest_good_backup(register_path):
    _made_backed_up_then_more(register_path)
    register_path.write_bytes(b"")
    with pytest.raises(EmptyDatabaseFileError):
        open_app(register_path)
    done = backup.restore(register_path, backup.newest_good(register_path), damaged=True)
    assert names_in(register_path) == set(BEFORE)
    assert done.aside.stat().st_size == 0


def test_a_full_disk_is_not_taken_for_damaged_backups(register_path, monkeypatch):
    """Checking a backup copies it first: on a full disk that copy fails, which says nothing
    about the backup. The clerk is told the disk is full, not that every backup is damaged."""
    backed_up(register_path, BEFORE, now=datetime(2026, 12, 1, 9))
    real_open = open

    def no_room(path, mode="r", *a, **k):
        if str(path).endswith(".restore.part") and "w" in mode:
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *a, **k)
    monkeypatch.setattr("builtins.open", no_room)
    with pytest.raises(StorageError) as e:
        backup.newest_good(register_path)
    assert "磁盘空间不够" in e.value.message and "备份本身没有问题" in e.value.message
    monkeypatch.setattr("builtins.open", real_open)
    assert backup.newest_good(register_path) is not None


def test_a_restore_that_cannot_write_its_copy_says_the_restore_did_not_happen(register_path, monkeypatch):
    """Closing note: a restore whose copy of the backup beside the register could not be written
    (the disk full, the folder read-only) said 备份没有做成 — a backup's words, of a restore. It
    now says the restore did not happen, the register is as it was, why, and what to do. The copy
    made but refused the register's place (held by an antivirus): the register, already renamed
    aside, stayed aside (the next start found none); it is put back, and said so. The check before
    a restore whose copy failed otherwise (a failing disk) gave that as the backup's flaw."""
    import errno
    item = _made_backed_up_then_more(register_path, "manual")
    [item] = [b for b in backup.list_backups(register_path) if b.path == item]
    real_open = open
    failing = {}

    def part_unwritable(path, mode="r", *a, **k):
        if str(path).endswith(".restore.part") and "w" in mode:
            raise OSError(failing["code"], os.strerror(failing["code"]))
        return real_open(path, mode, *a, **k)
    monkeypatch.setattr("builtins.open", part_unwritable)
    said = {}
    for code in (errno.ENOSPC, errno.EROFS):
        failing["code"] = code
        with pytest.raises(StorageError) as e:
            backup.restore(register_path, item)
        said[code] = e.value.message
    failing["code"] = errno.EIO          # the check before a restore: its own copy failing is not the backup's
    with pytest.raises(StorageError) as e:
        backup.check_backup(item)
    assert "备份本身没有问题" in e.value.message and "没有恢复" not in e.value.message
    monkeypatch.setattr("builtins.open", real_open)
    real_replace = os.replace

    def held_by_an_antivirus(src, dst):
        if str(src).endswith(".restore.part") and Path(dst) == register_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(src, dst)
    monkeypatch.setattr(backup.os, "replace", held_by_an_antivirus)
    with pytest.raises(StorageError) as e:
        backup.restore(register_path, item)
    said["replace"] = e.value.message
    monkeypatch.setattr(backup.os, "replace", real_replace)
    for message in said.values():
        assert message.startswith("没有恢复") and "数据文件和原来一样，没有改动" in message, message
        assert "备份没有做成" not in message and str(register_path.parent) in message
    assert "磁盘空间不够" in said[errno.ENOSPC] and "删除不需要的文件" in said[errno.ENOSPC]
    assert "只读" in said[errno.EROFS] and "写保护" in said[errno.EROFS]
    assert "正被其他程序打开" in said["replace"]
    assert names_in(register_path) == set(BEFORE + AFTER)
    assert list(register_path.parent.glob("*.restore.part*")) == [] and not list(register_path.parent.glob("*before-*"))


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(register_path):
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        older = backup.backup_before(app.db, "import", now=datetime(2026, 12, 1, 9))
        add_people(app, AFTER, start=10)
        newer = backup.backup_before(app.db, "import", now=datetime(2026, 12, 2, 9))
    finally:
        app.close()
    damage(newer)
    assert backup.check_backup(backup.list_backups(register_path)[0])       # says why not
    assert backup.newest_good(register_path).path == older
    register_path.write_bytes(b"")
    backup.restore(register_path, backup.newest_good(register_path), damaged=True)
    assert names_in(register_path) == set(BEFORE)


def test_restoring_a_healthy_file_keeps_it_aside_so_nothing_is_lost(register_path):
    _made_backed_up_then_more(register_path)
    done = backup.restore(register_path, backup.list_backups(register_path)[0])
    assert names_in(register_path) == set(BEFORE)
    assert ".before-restore-" in done.aside.name
    assert names_in(done.aside) == set(BEFORE + AFTER)      # what was there opens as it was


def test_restore_refuses_while_the_window_or_a_command_has_the_file(register_path):
    _made_backed_up_then_more(register_path)
    app = open_app(register_path)
    app.claim_window()
    try:
        with pytest.raises(StorageError) as info:
            backup.restore(register_path, backup.list_backups(register_path)[0])
        assert "正在被门神" in info.value.message
    finally:
        app.close()
    assert names_in(register_path) == set(BEFORE + AFTER)


def test_backups_are_owner_only_and_listed_with_time_and_reason(register_path):
    kept = _made_backed_up_then_more(register_path, reason="sync-import")
    item = backup.list_backups(register_path)[0]
    assert item.path == kept and item.reason == "sync-import" and item.label == "导入同步包前"
    assert "导入同步包前" in backup.describe(item)
    assert kept.parent == register_path.parent / "backups"
    assert not list(kept.parent.glob("*.part"))
    if os.name != "nt":
        assert kept.stat().st_mode & 0o777 == 0o600


def test_a_backup_passphrase_seals_the_copy_like_a_sync_package(register_path, monkeypatch):
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    kept = _made_backed_up_then_more(register_path)
    assert kept.suffix == ".mbak"
    raw = kept.read_bytes()
    assert "张三".encode() not in raw and b"SQLite format 3" not in raw
    assert "420106".encode() not in raw

    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "别的口令")
    assert "口令" in backup.check_backup(backup.list_backups(register_path)[0])
    monkeypatch.delenv(backup.BACKUP_PASSPHRASE_ENV)
    assert backup.newest_good(register_path) is None
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    damage(register_path)
    backup.restore(register_path, backup.newest_good(register_path), damaged=True)
    assert names_in(register_path) == set(BEFORE)


def test_a_sealed_backup_and_its_restore_hold_a_little_of_the_register_in_memory_not_all_of_it(
        register_path, monkeypatch):
    """Closing note: a sealed backup copied the register into memory and sealed its bytes: SQLite's
    copy, its bytes and Python's copy of them, three times the file at once (949 MB for a 324 MB
    register: bench/backup_memory.py), about 3 GB for a street office's 1 GB register on an old 4 GB PC.
    Its restore (and its check) read the whole backup into memory too. Both now go piece by
    piece: the most Python holds during either stays far below the register's size."""
    import tracemalloc
    from desktop.sync import envelope
    # What is held goes with the pieces (a copy's and the package's chunks, a mebibyte each:
    # about 12 MB at the most), not with the file: a register of a few MB shows it with pieces
    # of 64 KiB. Compressed quickly: the memory, not the compression.
    monkeypatch.setattr(backup, "COPY_CHUNK", 1 << 16)
    monkeypatch.setitem(envelope.write_package.__kwdefaults__, "chunk_size", 1 << 16)
    monkeypatch.setattr(envelope, "COMPRESSION_LEVEL", 1)
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    app = open_app(register_path)
    try:
        add_people(app, BEFORE[:1])
        filler = sqlite3.connect(register_path)     # 7 MB of text about as compressible as a register's
        with filler:
            filler.execute("CREATE TABLE test_filler (t TEXT)")
            filler.executemany("INSERT INTO test_filler VALUES (?)", [(os.urandom(2000).hex(),) for _ in range(7 * 256)])
        filler.close()
        with app.db.reading() as conn:
            size = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        tracemalloc.start()
        try:
            made = backup.backup_before(app.db, "manual")
            backing_up = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        app.close()
    assert made.name.endswith(".mbak") and not list(made.parent.glob("*.part"))
    tracemalloc.start()
    try:
        assert backup.check_backup(backup.list_backups(register_path)[0]) == ""    # unsealed and checked
        restoring = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert size > 7e6 and backing_up < size / 2 and restoring < size / 2, (size, backing_up, restoring)


def test_a_sealed_backup_made_in_memory_as_before_is_still_restored(register_path, monkeypatch):
    """A sealed backup made before the backups were streamed (the register's whole bytes sealed
    as one payload, as _seal did: built here as it did) restores as it did."""
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    backed_up(register_path, BEFORE, None)
    target = backup.folder_of(register_path) / f"{register_path.name}.20261201-090000.manual.mbak"
    src, mem = sqlite3.connect(register_path), sqlite3.connect(":memory:")
    try:
        src.backup(mem)
        backup._write_sealed(target, [backup._SEAL_PREFIX, mem.serialize(), b""], "备份 口令 2026")
    finally:
        src.close()
        mem.close()
    damage(register_path)
    old = backup.list_backups(register_path)[0]
    assert old.path == target and backup.check_backup(old) == ""
    backup.restore(register_path, old, damaged=True)
    assert names_in(register_path) == set(BEFORE)


def test_a_sealed_backup_damaged_or_cut_short_is_said_as_a_backup_not_a_sync_package(
        register_path, monkeypatch, capsys):
    """A sealed backup with bits flipped (a failing disk) or cut short (a copy pulled out): the
    restore said "同步包已损坏……请在导出它的电脑上重新导出" or "这不是门神的同步包…….cspkg",
    the words of a sync import, to a clerk restoring a backup. Now it says the backup is damaged
    or incomplete, that nothing was changed, and to choose another backup."""
    from desktop.cli import main
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    kept = _made_backed_up_then_more(register_path)
    raw = bytearray(kept.read_bytes())
    for at in range(len(raw) // 2, len(raw) // 2 + 64, 7):
        raw[at] ^= 0x10
    for broken in (bytes(raw), bytes(raw[:len(raw) // 3])):
        kept.write_bytes(broken)
        assert main(["backup", "restore", "--db", str(register_path), "--file", kept.name]) == 2
        err = capsys.readouterr().err
        assert f"备份 {kept.name} 已损坏或不完整" in err and "请选另一个备份" in err
        assert "同步" not in err and "Traceback" not in err


def test_the_last_n_daily_and_before_backups_are_kept(register_path):
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        start = datetime(2026, 11, 1, 8)
        for day in range(20):
            backup.backup_before(app.db, "daily", now=start + timedelta(days=day))
        for n in range(13):
            backup.backup_before(app.db, "import", now=start + timedelta(days=n, hours=2))
        from desktop.settings import set_setting
        set_setting(app.db, "backup_keep_before", "3")
        backup.backup_before(app.db, "merge", now=start + timedelta(days=30))
    finally:
        app.close()
    items = backup.list_backups(register_path)
    daily = [b for b in items if b.reason == "daily"]
    other = [b for b in items if b.reason != "daily"]
    assert len(daily) == 14 and daily[0].when == start + timedelta(days=19)
    assert len(other) == 3 and other[0].reason == "merge"


def test_the_daily_backup_is_taken_when_the_last_is_a_day_old(register_path):
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        monday = datetime(2026, 12, 7, 8, 30)
        assert backup.daily_backup(app.db, now=monday) is not None
        assert backup.daily_backup(app.db, now=monday + timedelta(hours=23)) is None
        assert backup.daily_backup(app.db, now=monday + timedelta(days=1)) is not None
    finally:
        app.close()
    assert [b.reason for b in backup.list_backups(register_path)] == ["daily", "daily"]


def _slow_background_check(monkeypatch):
    """The open's check runs out of time (a big register) and the background check waits for
    the returned event before it reads the file: a check that takes as long as the test says."""
    import threading
    from db import connection
    real_check, real_reader = connection.quick_check, connection.Database._new_reader
    gate = threading.Event()

    def new_reader(self):
        if threading.current_thread().name == "quick_check":
            gate.wait(10)
        return real_reader(self)
    monkeypatch.setattr(connection, "quick_check", lambda conn, path, seconds=0.5:
                        real_check(conn, path, seconds) if seconds > 1 else False)
    monkeypatch.setattr(connection.Database, "_new_reader", new_reader)
    return gate


def _damaged_with_a_backup(register_path, empty_register, reason="daily", table="person"):
    """A register with one good ``reason`` backup two days old (one of each kind kept), then
    damaged (in ``table``). Made from the session's migrated empty register (tests/conftest.py): quicker."""
    from desktop.settings import set_setting
    from tests.conftest import new_database_file
    app = open_app(new_database_file(empty_register, register_path))
    try:
        add_people(app, BEFORE)
        set_setting(app.db, "backup_keep_daily", "1")
        set_setting(app.db, "backup_keep_before", "1")
        good = backup.backup_before(app.db, reason, now=datetime.now() - timedelta(days=2))
    finally:
        app.close()
    damage(register_path, table)
    return good


class _CheckGoesOnOnceWaitedFor(threading.Event):
    """``Database.checked`` that lets the check held by ``_slow_background_check`` go on once
    someone waits for it: a backup that does not wait copies at once, the check still held."""

    def __init__(self, gate: threading.Event):
        super().__init__()
        self.gate = gate

    def wait(self, timeout=None):
        self.gate.set()
        return super().wait(timeout)


@pytest.mark.parametrize("reason, read_only", [("daily", False), ("merge", False), ("manual", True)])
def test_a_register_found_damaged_is_not_backed_up_and_its_good_copies_stay(register_path, empty_register,
                                                                             monkeypatch, reason, read_only):
    """A big register is checked to its end in the background. Damage found there stopped the
    writes but not the daily backup (a damaged copy every day, the good ones pruned within the
    kept days), and a daily backup started with the window before the check ended copied the
    damaged file and pruned the good copy (keep 1). So did the backup before a merge of two
    records (an import, a sync import, 立即备份), which did not wait, and a register opened
    read-only (a write-protected stick) counted as checked when its half second ran out. Now
    every backup waits for the check: the damage is said and nothing is copied or removed: the
    good copy is still the one offered to restore."""
    from desktop.sync.duplicates import merge_persons
    good = _damaged_with_a_backup(register_path, empty_register, reason)
    gate = _slow_background_check(monkeypatch)
    app = open_app(register_path, read_only=read_only)
    try:
        assert not app.db.checked.is_set()          # cut short: not known, read-only too
        app.db.checked = _CheckGoesOnOnceWaitedFor(gate)
        with pytest.raises(DamagedDatabaseError) as info:
            if reason == "merge":
                merge_persons(app.db, "survivor", "loser")
            elif reason == "daily":
                backup.daily_backup(app.db)
            else:
                backup.backup_before(app.db, reason)
    finally:
        gate.set()
        app.close()
    assert "已损坏" in info.value.message and "备份恢复" in info.value.message
    assert [b.path for b in backup.list_backups(register_path)] == [good]
    assert backup.newest_good(register_path).path == good


def test_closing_the_window_does_not_wait_for_the_check_the_daily_backup_waits_for(
        qtbot, register_path, empty_register, monkeypatch):
    """The window's end cancels the day's backup still waiting for the check (it ran on
    ``shared_runner().start``, out of reach of ``cancel_all``): the window closes at once,
    nothing half-copied, and the next start takes the day's backup."""
    import time
    import ui.startup as startup
    from ui.workers import task as tasks
    good = _damaged_with_a_backup(register_path, empty_register)
    gate = _slow_background_check(monkeypatch)
    old = tasks.use_runner(tasks.ThreadRunner())
    app = open_app(register_path)
    try:
        startup._daily_backup(app)
        time.sleep(0.1)
        started = time.monotonic()
        tasks.cancel_all()
        threads = [t for t in tasks.shared_runner()._threads]
        assert all(t.wait(3000) for t in threads)
        assert time.monotonic() - started < 1.0
    finally:
        gate.set()
        tasks.shared_runner().wait()
        tasks.use_runner(old)
        app.close()
    assert [b.path for b in backup.list_backups(register_path)] == [good]


def test_a_full_disk_gives_a_chinese_message_and_leaves_the_database_alone(register_path, monkeypatch):
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)

        def full(*args, **kwargs):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(driver.os, "replace", full)
        with pytest.raises(StorageError) as info:
            backup.backup_before(app.db, "import")
        monkeypatch.undo()
        assert "磁盘空间不够" in info.value.message and "没有改动" in info.value.message
        assert not list((register_path.parent / "backups").glob("*"))       # no half copy left
        add_people(app, AFTER, start=10)                                     # still writes
    finally:
        app.close()
    assert names_in(register_path) == set(BEFORE + AFTER)


@pytest.mark.parametrize("code, words", [(30, "写保护"), (13, "没有读写权限"), (5, "读写出错")])
def test_a_folder_that_cannot_be_written_is_named_in_chinese_without_the_systems_english(
        register_path, monkeypatch, code, words):
    app = open_app(register_path)
    try:
        def refused(*args, **kwargs):
            raise OSError(code, os.strerror(code))
        monkeypatch.setattr(driver.os, "replace", refused)
        with pytest.raises(StorageError) as info:
            backup.backup_before(app.db, "manual")
        monkeypatch.undo()
        assert words in info.value.message and "没有改动" in info.value.message
        assert "Errno" not in info.value.message and os.strerror(code) not in info.value.message
    finally:
        app.close()


class _Reader:
    """A reader of the register whose copy fails as SQLite fails it (``code``: SQLITE_IOERR_READ,
    a page of the register the disk cannot give; SQLITE_IOERR_WRITE, the copy's own file), or as
    SQLCipher's driver does, with SQLite's words and no code (``code`` None: a damaged page)."""

    def __init__(self, conn, code):
        self._conn, self._code = conn, code

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def backup(self, *args, **kwargs):
        if self._code is None:
            raise (driver.sqlcipher or sqlite3).DatabaseError("database disk image is malformed")
        failed = sqlite3.OperationalError("disk I/O error")
        failed.sqlite_errorcode = self._code
        raise failed


@pytest.mark.parametrize("sealed, code, words", [(False, 266, "无法读取"), (True, 266, "无法读取"),
                                                 (False, 778, "无法写入"), (True, 7, "内存不够"),
                                                 (False, None, "无法读取")])
def test_a_backup_says_whether_the_register_could_not_be_read_or_the_copy_not_written(
        register_path, monkeypatch, sealed, code, words):
    """Closing note: a backup whose register could not be read (a bad sector under the data file;
    a sealed backup's copy is made in memory, so a failure there is only ever a read, or memory)
    said 无法写入 <backups>: the clerk looked at the backups folder. It says which side failed and
    where, and what to do."""
    from db import connection
    if sealed:
        monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    real_reader = connection.Database._new_reader
    monkeypatch.setattr(connection.Database, "_new_reader", lambda db: _Reader(real_reader(db), code))
    app = open_app(register_path)
    try:
        with pytest.raises(StorageError) as info:
            backup.backup_before(app.db, "manual")
    finally:
        app.close()
    said = info.value.message
    assert words in said and "数据文件本身没有改动" in said and "Errno" not in said and "disk" not in said
    if words == "无法读取":
        assert f"无法读取数据文件 {register_path}" in said and "无法写入" not in said and "检查磁盘" in said
    assert list(backup.folder_of(register_path).glob("*")) == []


def test_an_import_is_refused_when_its_backup_cannot_be_made(register_path, tmp_path, monkeypatch):
    from desktop.excel.importer import apply_import, plan_import
    ledger = tmp_path / "台账.csv"
    ledger.write_text("姓名,身份证号,联系电话,楼栋,单元,门牌号\n"
                      "钱新来,11010519491231002X,13800138000,3,1,101\n", encoding="utf-8")
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        plan = plan_import(app, ledger, compound="幸福里小区")
        apply_import(app, plan)
        assert [b.reason for b in backup.list_backups(register_path)] == ["import"]
        assert "钱新来" not in _names_of(backup.list_backups(register_path)[0].path)

        # The ledger with one more person (imported again as it was, it changes nothing: no backup).
        with ledger.open("a", encoding="utf-8") as more:
            more.write("孙又来,110105194912310038,13800138001,3,1,102\n")
        monkeypatch.setattr(driver.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "full")))
        with pytest.raises(StorageError):
            apply_import(app, plan_import(app, ledger, compound="幸福里小区"))
    finally:
        app.close()


def _names_of(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT full_name FROM person")}
    finally:
        conn.close()


def test_a_migration_backs_up_into_the_backups_folder(register_path):
    import shutil
    from pathlib import Path
    landed = Path(__file__).resolve().parent.parent / "db" / "fixtures" / "landed.db"
    shutil.copy(landed, register_path)
    conn = sqlite3.connect(landed)
    landed_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    open_app(register_path).close()
    items = backup.list_backups(register_path)
    assert [b.reason for b in items] == ["migration"]
    assert items[0].label == "升级数据版本前"
    assert not list(register_path.parent.glob("*.bak"))     # no stray copy beside the file
    conn = sqlite3.connect(items[0].path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == landed_version    # as it was
    finally:
        conn.close()


def test_a_damaged_register_is_not_copied_over_the_good_backups_nor_migrated(register_path, monkeypatch):
    """An old register opened by a new Menshen is backed up, then migrated, before the check a
    big file finishes in the background: a damaged one was copied, the copy pruned the oldest
    good backup (ten kept), and the migration went on in the damaged file. Now the check goes
    to its end first: the damage is said (the start-up then offers the newest good backup) and
    the backups folder is as it was."""
    import shutil
    from pathlib import Path
    landed = Path(__file__).resolve().parent.parent / "db" / "fixtures" / "landed.db"
    folder = backup.folder_of(register_path)
    folder.mkdir()
    for day in range(1, 11):
        shutil.copy(landed, folder / f"register.db.202612{day:02d}-080000.import.bak")
    before = sorted(folder.iterdir())
    shutil.copy(landed, register_path)
    from db import connection

    def check(conn, path, seconds=0.5):
        if seconds <= 1:
            return False                        # a big file: the open's half second runs out
        raise DamagedDatabaseError(path, "page 40: btreeInitPage() returns error code 11")
    monkeypatch.setattr(connection, "quick_check", check)
    monkeypatch.setattr(connection.Database, "_check_to_the_end", lambda self: None)
    with pytest.raises(DamagedDatabaseError) as info:
        open_app(register_path).close()
    assert "已损坏" in info.value.message
    assert sorted(folder.iterdir()) == before
    assert sqlite3.connect(register_path).execute("PRAGMA user_version").fetchone()[0] == 14


def test_a_register_whose_schema_is_damaged_is_said_damaged_and_a_backup_offered(register_path):
    """Damage in the tables' definitions (the quick check's message quotes their bytes, which
    Python could not decode) went out of the open as a UnicodeDecodeError: an unexpected error,
    no backup offered; a backup so damaged made the search for a good one fail the same way.
    Now each is damage as any other: the register is said damaged, the older good copy offered."""
    import shutil
    from pathlib import Path
    landed = Path(__file__).resolve().parent.parent / "db" / "fixtures" / "landed.db"
    folder = backup.folder_of(register_path)
    folder.mkdir()
    good, bad = folder / "register.db.20261130-080000.import.bak", folder / "register.db.20261201-080000.import.bak"
    for path in (register_path, good, bad):
        shutil.copy(landed, path)
    for path in (register_path, bad):
        damage(path)                        # 1 KB pages: the next pages hold the person table's definition
    with pytest.raises(DamagedDatabaseError) as info:
        open_app(register_path).close()
    assert "已损坏" in info.value.message and isinstance(info.value, backup.DAMAGED)
    assert backup.newest_good(register_path).path == good


def test_an_import_into_a_register_on_a_write_protected_stick_says_the_register_is_read_only(register_path):
    """Not "the backup could not be made", which a clerk would take for a problem with backups."""
    from db.connection import Database
    from db.errors import ReadOnlyDatabaseError
    open_app(register_path).close()
    db = Database(register_path, config_file=register_path.with_suffix(".json"), read_only=True)
    try:
        with pytest.raises(ReadOnlyDatabaseError) as info:
            backup.backup_before(db, "import")
        assert "只能查看和导出" in info.value.message
        assert not (register_path.parent / "backups").exists() or not list((register_path.parent / "backups").iterdir())
    finally:
        db.close()


def test_a_backup_cut_off_leaves_nothing_behind_a_day_later(register_path):
    """Killed mid-copy, SQLite's backup leaves its .part and a .part-journal beside it: the
    .part went after a day, the journal stayed in the backups folder for good."""
    import time
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        folder = backup.folder_of(register_path)
        folder.mkdir(exist_ok=True)
        part = folder / f"{register_path.name}.20261201-090000.daily.bak.part"
        left = [part, part.with_name(part.name + "-journal")]
        for p in left:
            p.write_bytes(b"\0" * 1024)
            os.utime(p, (time.time() - 2 * 86400,) * 2)
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    assert [p for p in left if p.exists()] == []
    assert [b.reason for b in backup.list_backups(register_path)] == ["manual"]


def test_a_sealed_backup_whose_folder_vanishes_says_backup_not_sync(register_path, monkeypatch):
    """The backups folder gone mid-copy (the stick pulled, the folder deleted): a sealed backup
    said the sync package's words, "请检查U盘后重新同步；U盘上原有的同步包没有改动。。"."""
    monkeypatch.setenv(backup.BACKUP_PASSPHRASE_ENV, "备份 口令 2026")
    real_replace = os.replace

    def gone(src, dst, *a, **k):
        if str(dst).endswith(".mbak"):
            raise FileNotFoundError(2, "No such file or directory")
        return real_replace(src, dst, *a, **k)
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        monkeypatch.setattr(os, "replace", gone)
        with pytest.raises(StorageError) as info:
            backup.backup_before(app.db, "manual")
    finally:
        monkeypatch.setattr(os, "replace", real_replace)
        app.close()
    said = info.value.message
    assert "备份没有做成" in said and str(backup.folder_of(register_path)) in said and "数据文件本身没有改动" in said
    assert "同步" not in said and "。。" not in said
    assert not list(backup.folder_of(register_path).glob("*.part")) and backup.list_backups(register_path) == []
    assert names_in(register_path) == set(BEFORE)


def test_a_restore_is_in_the_audit_of_the_restored_register_with_who_which_backup_and_where_the_file_went(
        register_path):
    """A restore puts the whole register back to an older day: the audit of the register now in
    place says who did it, when, from which backup (its time and reason) and where the file it
    replaced was kept; it said nothing of it."""
    kept = _made_backed_up_then_more(register_path)
    done = backup.restore(register_path, backup.list_backups(register_path)[0], by="书记")
    [line] = restore_lines(register_path)
    at, who, action, what, _row, _old, _new, people, masked, file_name, said = line
    assert (who, action, what, people, masked, file_name) == ("书记", "恢复备份", "整个数据文件", 3, None, kept.name)
    assert at[:10] == datetime.now().strftime("%Y-%m-%d")
    item = backup.list_backups(register_path)[0]
    assert f"{item.when:%Y-%m-%d %H:%M:%S}" in said and "每日自动备份" in said
    assert f"被替换的数据文件改名保留为 {done.aside.name}" in said and done.aside.exists()


def test_a_restore_with_nobody_logged_in_says_so_in_the_audit(register_path):
    """The start-up offer for a damaged file comes before any login: the audit says nobody
    logged in, and which computer account it was, not a blank name."""
    _made_backed_up_then_more(register_path)
    damage(register_path)
    backup.restore(register_path, backup.newest_good(register_path), damaged=True)
    [line] = restore_lines(register_path)
    assert line[1].startswith("未登录") and ".damaged-" in line[10]


def test_a_restore_cut_off_leaves_no_copy_beside_the_register_a_day_later(register_path):
    """Killed or a power cut mid-restore, its .restore.part (as big as the register) stayed
    beside it until the next restore. A day later the next backup tidies it; a fresh one, or one
    whose restore is running now (it holds the writer lock), is left alone."""
    import time
    from db.connection import lock_file
    from db.filelock import FileLock
    app = open_app(register_path)
    try:
        add_people(app, BEFORE)
        part = register_path.with_name(register_path.name + ".restore.part")
        left = [part, part.with_name(part.name + "-wal")]
        for p in left:
            p.write_bytes(b"\0" * 1024)
        backup.backup_before(app.db, "manual")
        assert [p for p in left if p.exists()] == left            # fresh: maybe a restore now
        for p in left:
            os.utime(p, (time.time() - 2 * 86400,) * 2)
        running = FileLock(lock_file(register_path, "writer"))
        assert running.acquire(0)
        try:
            backup.backup_before(app.db, "manual")
        finally:
            running.release()
        assert [p for p in left if p.exists()] == left            # a restore holding the lock
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    assert [p for p in left if p.exists()] == []
    assert names_in(register_path) == set(BEFORE)


def test_a_restore_leaves_nothing_of_its_copy_beside_the_register(register_path):
    """A restore that went well left the copy's -wal and -shm (.restore.part-wal, -shm) beside
    the register for good; those an older version left go a day later."""
    import time
    _made_backed_up_then_more(register_path)
    backup.restore(register_path, backup.list_backups(register_path)[0])
    assert list(register_path.parent.glob("*.restore.part*")) == []
    sides = [register_path.with_name(register_path.name + ".restore.part" + s) for s in ("-wal", "-shm")]
    for p in sides:
        p.write_bytes(b"")
        os.utime(p, (time.time() - 2 * 86400,) * 2)
    app = open_app(register_path)
    try:
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    assert list(register_path.parent.glob("*.restore.part*")) == []


def test_an_import_cancelled_while_its_backup_waits_for_the_check_ends_at_once(
        register_path, empty_register, monkeypatch, tmp_path):
    """Cancel of an import did not end its backup's wait for a big register's integrity check
    (apply_import did not pass it on): the wizard stayed at 正在导入 until the check ended. Now
    the cancel ends the wait: nothing copied, nothing imported."""
    import time
    from desktop.excel.importer import ImportCancelled, apply_import, plan_import
    from tests.conftest import new_database_file
    from tests.excel.conftest import write_book
    gate = _slow_background_check(monkeypatch)
    app = open_app(new_database_file(empty_register, register_path))
    try:
        app.register.add_compound("幸福里小区")
        plan = plan_import(app, write_book(tmp_path / "c.xlsx", {"s": [
            ["姓名", "联系电话", "楼栋", "单元", "门牌号"], ["新来的", "13800138000", "7", "1", "101"]]}),
            compound="幸福里小区")
        started = time.monotonic()
        with pytest.raises(ImportCancelled):
            apply_import(app, plan, cancelled=lambda: True)
        assert time.monotonic() - started < 1.0
        assert "新来的" not in names_of(app)
    finally:
        gate.set()
        app.close()
    assert backup.list_backups(register_path) == []


def names_of(app) -> set[str]:
    with app.db.reading() as conn:
        return {r[0] for r in conn.execute("SELECT full_name FROM person WHERE is_deleted = 0")}


def test_a_check_that_could_not_read_the_register_is_not_taken_for_a_sound_one(
        register_path, empty_register, monkeypatch):
    """The background check's reader did not open (a stick that failed): the register counted
    as checked, nothing known, and a backup copied it over the good copies. Now it counts as not
    known: the backup is refused in Chinese, saying why and what to do, and nothing is copied."""
    from db import connection
    from tests.conftest import new_database_file
    real_reader = connection.Database._new_reader

    def no_reader(self):
        if threading.current_thread().name == "quick_check":
            raise sqlite3.OperationalError("disk I/O error")
        return real_reader(self)
    monkeypatch.setattr(connection, "quick_check", lambda conn, path, seconds=0.5: seconds > 1)
    monkeypatch.setattr(connection.Database, "_new_reader", no_reader)
    app = open_app(new_database_file(empty_register, register_path))
    try:
        threads = [t for t in threading.enumerate() if t.name == "quick_check"]
        assert all(t.join(5) is None and not t.is_alive() for t in threads)
        assert not app.db.checked.is_set()
        with pytest.raises(StorageError) as info:
            backup.backup_before(app.db, "manual")
    finally:
        app.close()
    assert "没能检查数据文件" in info.value.message and "没有做备份" in info.value.message
    assert "disk" not in info.value.message
    assert backup.list_backups(register_path) == []


def test_a_backup_that_does_not_open_is_said_in_chinese(register_path, empty_register, monkeypatch):
    """「备份 … 打不开（unable to open database file）」: SQLite's English inside the Chinese."""
    from tests.conftest import new_database_file
    app = open_app(new_database_file(empty_register, register_path))
    try:
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    item = backup.list_backups(register_path)[0]

    def refused(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")
    monkeypatch.setattr(driver, "connect", refused)
    said = backup.check_backup(item)
    assert item.path.name in said and "打不开" in said and "U盘" in said
    assert "unable" not in said and "database" not in said


@pytest.mark.parametrize("read_only", [True, False])
def test_damage_found_in_the_background_is_said_at_once_once_and_the_gate_screen_keeps_its_cursor(
        qtbot, qt_zh, register_path, empty_register, monkeypatch, read_only):
    """A big register is checked to its end in the background. Damage found there in a writable
    one was said only by the day's backup (a message box over the gate screen, when a backup was
    due) or by the first save; a read-only one's by a message box over whatever was open. Now a
    red line across the window says it when found, in the words of a damaged register at start-up
    (restore from a backup: 文件 → 备份), once (the day's backup, refused, says nothing more), no
    box: the gate screen keeps its cursor. Its button opens File ▸ Backups."""
    import ui.failures
    import ui.startup as startup
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.main_window import MainWindow
    from ui.workers import task as tasks
    # Where the window reads nothing at its start (damage in the people's table failed it at once).
    _damaged_with_a_backup(register_path, empty_register, table="canvass_step")
    gate = _slow_background_check(monkeypatch)
    boxes, opened = [], []
    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, kind=kind: boxes.append(kind))
    monkeypatch.setattr(ui.failures, "show_failure", lambda exc, *a: boxes.append(exc.message))
    monkeypatch.setattr(BackupsDialog, "exec", lambda dialog: opened.append(dialog.list.count()))
    app = open_app(register_path, read_only=read_only)
    try:
        startup._daily_backup(app)                  # due (two days old): it waits for the check too
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        window.show_page("gate")
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        cursor = QApplication.focusWidget()
        qtbot.wait(50)
        assert not window.damage_banner.isVisible()             # nothing known yet
        gate.set()
        qtbot.waitUntil(window.damage_banner.isVisible, timeout=5000)
        tasks.shared_runner().wait()                            # the day's backup has ended too
        qtbot.wait(20)
        said = window.damage_banner.text.text()
        assert said == DamagedDatabaseError(str(register_path)).message
        assert "已损坏" in said and "用最近的备份恢复" in said and "文件 → 备份" in said
        assert boxes == [] and QApplication.focusWidget() is cursor
        qtbot.mouseClick(window.damage_banner.restore_button, Qt.LeftButton)
        assert opened == [1]                                    # the good backup, in the list
    finally:
        gate.set()
        tasks.cancel_all()
        tasks.shared_runner().wait()
        app.close()


def test_back_up_now_leaves_the_window_alive_while_it_waits_and_cancel_makes_nothing(
        qtbot, qt_zh, register_path, empty_register, monkeypatch):
    """立即备份 on a big register waited for the background integrity check and copied the file
    on the UI thread: seconds of a dead window. It runs on the program's one runner now: while
    the held backup waits, a timer fires (the window answers); the progress dialog's Cancel ends
    the wait with nothing made; pressed again, it is made once the check ends."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton
    from tests.conftest import new_database_file
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.workers import task as tasks
    gate = _slow_background_check(monkeypatch)
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 20)
    app = open_app(new_database_file(empty_register, register_path))
    seen = []
    try:
        dialog = BackupsDialog(app.db)
        qtbot.addWidget(dialog)

        def cancel() -> None:
            progress = dialog.findChild(QProgressDialog)
            seen.append(("waiting", len(backup.list_backups(register_path)), dialog.now_button.isEnabled(),
                         progress.isVisible(), progress.labelText()))
            progress.findChild(QPushButton).click()
        QTimer.singleShot(100, cancel)
        qtbot.mouseClick(dialog.now_button, Qt.LeftButton)
        assert seen == [("waiting", 0, False, True, "正在备份数据文件……")]
        assert backup.list_backups(register_path) == [] and dialog.list.count() == 0
        assert dialog.now_button.isEnabled()

        def check_ends() -> None:
            seen.append("check ends")
            gate.set()
        QTimer.singleShot(100, check_ends)
        qtbot.mouseClick(dialog.now_button, Qt.LeftButton)
        assert seen[-1] == "check ends"
        assert [b.reason for b in backup.list_backups(register_path)] == ["manual"] and dialog.list.count() == 1

        # Restore…: the copy's integrity check (seconds on a big one) runs with the window alive too;
        # Cancel restores nothing, and without it the chosen copy is handed back.
        checking = threading.Event()
        real_check = backup.check_backup
        monkeypatch.setattr(backup, "check_backup", lambda item, **kw: checking.wait(5) and real_check(item, **kw))
        monkeypatch.setattr("ui.dialogs.backup_dialogs.QMessageBox.question", lambda *a: QMessageBox.Yes)
        # Finding the locked copies reads every backup's header: on a slow stick, a dead window too.
        on_ui_thread, real_locked = [], backup.locked_backups
        monkeypatch.setattr(backup, "locked_backups", lambda *a, **kw: (
            on_ui_thread.append(threading.current_thread() is threading.main_thread()), real_locked(*a, **kw))[1])

        def cancel_the_check() -> None:
            seen.append(("checking", dialog.findChild(QProgressDialog).labelText()))
            dialog.findChild(QProgressDialog).findChild(QPushButton).click()
            checking.set()
        QTimer.singleShot(50, cancel_the_check)
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
        assert seen[-1] == ("checking", "正在检查备份……") and dialog.to_restore is None
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
        assert dialog.to_restore == backup.list_backups(register_path)[0]
        assert on_ui_thread == [False, False]
    finally:
        gate.set()
        tasks.shared_runner().wait()
        app.close()


def test_a_merge_or_a_copy_to_a_stick_cancelled_while_its_backup_waits_changes_nothing(
        register_path, empty_register, monkeypatch, tmp_path):
    """The window's Cancel reaches the merges' and the stick copy's backup: None, nothing made.
    Pressed while the copy was being made (the check over), the merge is not made either."""
    from desktop.sync.duplicates import merge_persons
    from tests.conftest import new_database_file
    gate = _slow_background_check(monkeypatch)
    app = open_app(new_database_file(empty_register, register_path))
    try:
        assert merge_persons(app.db, "survivor", "loser", cancelled=lambda: True) is None
        passphrase = "幸福里 社区 备份 二〇二六"
        assert backup.copy_to_folder(app.db, tmp_path, passphrase=passphrase, repeated=passphrase,
                                     cancelled=lambda: True) is None
        assert backup.list_backups(register_path) == [] and list(tmp_path.glob("*.mbak")) == []
        gate.set()
        assert app.db.wait_for_check()
        assert merge_persons(app.db, "survivor", "loser", cancelled=lambda: True) is None
        assert [b.reason for b in backup.list_backups(register_path)] == ["merge"]     # the copy made stays
    finally:
        gate.set()
        app.close()
