"""Storage that fails, tried on purpose: each ends in a Chinese message, the data as it was, and
a database that still works; damaged and empty files are never written to; readers never wait
for the writer; processes take turns writing one file."""
import hashlib
from contextlib import contextmanager
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from db import connection
from db.connection import Database
from db.errors import (DamagedDatabaseError, EmptyDatabaseFileError, ReadOnlyDatabaseError, StorageError,
                       WriterBusyError)
from tests.db.other_process import ROOT, WriterElsewhere


def _open(tmp_path, name="t.db", **kw):
    return Database(tmp_path / name, config_file=tmp_path / "site.json", user_name="tester", **kw)


def _fill(db, n=3000):
    with db.transaction() as conn:
        conn.executemany("INSERT INTO local_meta VALUES (?, ?)", [(f"k{i:05d}", "v" * 50) for i in range(n)])


def _count(db):
    with db.reading() as conn:
        return conn.execute("SELECT count(*) FROM local_meta WHERE key LIKE 'k%'").fetchone()[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_zero_byte_file_is_refused_and_stays_empty(tmp_path):
    (tmp_path / "t.db").write_bytes(b"")
    with pytest.raises(EmptyDatabaseFileError) as e:
        _open(tmp_path)
    assert "0 字节" in e.value.message and "备份" in e.value.message
    assert (tmp_path / "t.db").stat().st_size == 0


def test_a_damaged_file_is_refused_and_never_written(tmp_path):
    db = _open(tmp_path)
    _fill(db)
    db.close()
    path = tmp_path / "t.db"
    _damage(path)
    before = _digest(path)
    with pytest.raises(DamagedDatabaseError) as e:
        _open(tmp_path)
    assert "已损坏" in e.value.message and ".bak" in e.value.message
    assert _digest(path) == before


def test_a_wal_left_from_another_copy_never_destroys_a_good_file(tmp_path):
    """A -wal that is not the file's own (an older copy's, left when a backup was copied over
    the register by hand) reads as damage. The refusal must leave both files as they were: a
    connection that may write would copy that log into the good file as it closed."""
    good = _open(tmp_path, "good.db")
    _fill(good, 500)
    good.close()
    (tmp_path / "o").mkdir()
    _open(tmp_path / "o", "other.db").close()        # another register: its log overlays ours
    other = tmp_path / "o" / "other.db"
    raw = sqlite3.connect(other)
    raw.execute("PRAGMA wal_autocheckpoint = 0")
    raw.execute("CREATE TABLE junk (x)")
    raw.execute("INSERT INTO junk VALUES (randomblob(20000))")
    raw.commit()
    raw.execute("CREATE INDEX junk_x ON junk (x)")
    raw.commit()
    stray = tmp_path / "good.db-wal"
    shutil.copy(tmp_path / "o" / "other.db-wal", stray)
    raw.close()
    before = (_digest(tmp_path / "good.db"), _digest(stray))
    with pytest.raises(DamagedDatabaseError) as e:
        _open(tmp_path, "good.db")
    assert stray.exists() and (_digest(tmp_path / "good.db"), _digest(stray)) == before
    assert "good.db-wal" in e.value.message and "没有改动这两个文件" in e.value.message
    stray.unlink()                          # what the technician does: the file itself is whole
    again = _open(tmp_path, "good.db")
    try:
        assert _count(again) == 500
    finally:
        again.close()


def _damage(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        leaf = raw.execute("SELECT pageno FROM dbstat WHERE name = 'local_meta' AND pagetype = 'leaf'"
                           " LIMIT 1 OFFSET 1").fetchone()[0]
        size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    data = bytearray(path.read_bytes())
    for i in range(8, 24):                      # the cell pointers of one page of rows
        data[(leaf - 1) * size + i] ^= 0xFF
    path.write_bytes(data)


def test_a_big_file_checked_to_its_end_in_the_background_refuses_writes_once_damage_is_found(
        tmp_path, monkeypatch):
    db = _open(tmp_path)
    _fill(db)
    db.close()
    _damage(tmp_path / "t.db")
    monkeypatch.setattr(connection, "quick_check", lambda *a, **kw: False)    # as if the time ran out
    again = _open(tmp_path)
    for _ in range(3000):                       # the background check reads the whole file
        if again.damage is not None:
            break
        threading.Event().wait(0.01)
    with pytest.raises(DamagedDatabaseError):
        with again.transaction():
            pass
    again.close()


def test_a_full_disk_during_a_write_keeps_the_data_and_the_database_usable(tmp_path):
    db = _open(tmp_path)
    _fill(db, 10)
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")        # the disk is full after 2 pages
    with pytest.raises(StorageError) as e:
        with db.transaction() as conn:
            conn.executemany("INSERT INTO local_meta VALUES (?, ?)",
                             [(f"x{i:05d}", "v" * 500) for i in range(5000)])
    assert "磁盘空间已满" in e.value.message and "没有改动" in e.value.message
    assert not db.conn.in_transaction
    assert _count(db) == 10
    db.conn.execute("PRAGMA max_page_count = 1073741823")           # space was freed
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_meta VALUES ('after', 'ok')")
    assert _count(db) == 10


def test_a_database_locked_by_another_program_says_so_and_keeps_the_data(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "_BUSY_MS", 50)
    db = _open(tmp_path)
    db.conn.execute(f"PRAGMA busy_timeout = {connection._BUSY_MS}")
    _fill(db, 10)
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)     # e.g. a database tool
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StorageError) as e:
        with db.transaction() as conn:
            conn.execute("DELETE FROM local_meta")
    assert "另一个程序" in e.value.message
    other.execute("ROLLBACK")
    other.close()
    assert _count(db) == 10
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_meta VALUES ('after', 'ok')")


def test_a_read_only_database_still_reads_and_refuses_writes_plainly(tmp_path):
    folder = tmp_path / "门神 数据"                 # the URI of a read-only open quotes the path
    folder.mkdir()
    db = _open(folder)
    _fill(db, 10)
    db.close()
    ro = _open(folder, read_only=True)
    assert ro.read_only and _count(ro) == 10
    with pytest.raises(ReadOnlyDatabaseError) as e:
        with ro.transaction():
            pass
    assert "只能查看和导出" in e.value.message
    ro.close()


def test_a_file_that_cannot_be_written_at_open_is_opened_for_reading(tmp_path, monkeypatch):
    db = _open(tmp_path)
    _fill(db, 10)
    db.close()

    def full(*a, **kw):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(connection, "ensure_site", full)            # the token write fails
    again = _open(tmp_path)
    assert again.read_only_why == "full" and _count(again) == 10
    assert "磁盘空间已满" in again.read_only_message
    again.close()


def test_a_database_on_a_full_disk_opens_for_reading_not_as_a_pulled_stick(tmp_path, monkeypatch):
    """SQLite says "disk I/O error" when a full disk cannot take the -shm file: with almost no
    free space that is a full disk (read and export still work), not a pulled stick."""
    db = _open(tmp_path)
    _fill(db, 10)
    db.close()

    def io_error(*a, **kw):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(connection, "ensure_site", io_error)
    with pytest.raises(StorageError) as e:                          # room on the disk: a stick problem
        _open(tmp_path)
    assert "U盘" in e.value.message
    monkeypatch.setattr(connection.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9, 1000))
    again = _open(tmp_path)
    assert again.read_only_why == "full" and _count(again) == 10
    assert "磁盘空间已满" in again.read_only_message
    again.close()


def _mount_read_only_copy(tmp_path, source: Path) -> Path | None:
    """A real read-only disk: a small tmpfs remounted read-only (root only; None if refused)."""
    mnt = tmp_path / "stick"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        return None
    shutil.copy(source, mnt / source.name)
    if subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode != 0:
        subprocess.run(["umount", str(mnt)])
        return None
    return mnt


def test_a_database_on_a_read_only_stick_opens_for_reading_and_export(tmp_path):
    db = _open(tmp_path)
    _fill(db, 10)
    db.close()
    mnt = _mount_read_only_copy(tmp_path, tmp_path / "t.db")
    if mnt is None:
        pytest.skip("no read-only mount here (needs root and mount rights)")
    try:
        from desktop.app import open_app
        from desktop.excel.lists import export_list
        app = open_app(mnt / "t.db")
        try:
            assert app.db.read_only_why == "read-only"
            assert _count(app.db) == 10
            assert export_list(app, "register", tmp_path / "out.xlsx") == 0      # exports elsewhere
            with pytest.raises(ReadOnlyDatabaseError):
                with app.db.transaction():
                    pass
        finally:
            app.close()
    finally:
        subprocess.run(["umount", str(mnt)])


@contextmanager
def _read_only_file(path: Path):
    """The file itself read-only in a folder that can be written (Windows's 只读 attribute): its
    mode for an ordinary user; for root, whom modes do not stop, a read-only bind mount of it."""
    import os
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        return
    if subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode != 0:
        pytest.skip("no bind mount here (needs mount rights)")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True).returncode != 0:
            pytest.skip("no read-only bind mount here")
        yield
    finally:
        subprocess.run(["umount", str(path)])


def test_a_read_only_file_in_a_writable_folder_is_said_as_the_files_own_attribute(tmp_path):
    """A register copied with Windows's 只读 attribute on: it opened for reading (right) and said
    the disk or folder was write-protected, to switch the stick's protection off or copy the file
    to the computer: neither helps. Now it names the file's attribute and where to untick it."""
    db = _open(tmp_path)
    _fill(db, 10)
    db.close()
    with _read_only_file(tmp_path / "t.db"):
        again = _open(tmp_path)
        try:
            assert again.read_only and _count(again) == 10
            said = again.read_only_message
            assert "本身是只读的" in said and "去掉“只读”前面的勾" in said and "U盘" not in said
            with pytest.raises(ReadOnlyDatabaseError) as e:
                with again.transaction():
                    pass
            assert e.value.message == said
        finally:
            again.close()


def test_a_write_refused_during_work_by_the_files_own_read_only_attribute_names_the_attribute(tmp_path):
    """The file turned read-only while the window was open (its 只读 attribute ticked, a sync tool
    putting it back): the refused write was said as a write-protected stick, to switch the stick's
    protection off or copy the file to the computer. Now it names the file's attribute, as at open."""
    db = _open(tmp_path)
    _fill(db, 10)
    try:
        with _read_only_file(tmp_path / "t.db"):
            with pytest.raises(StorageError) as e:
                with db.transaction() as conn:
                    conn.execute("INSERT INTO local_meta VALUES ('after', 'no')")
                    raise sqlite3.OperationalError("attempt to write a readonly database")     # SQLite's words
        said = e.value.message
        assert "本身是只读的" in said and "去掉“只读”前面的勾" in said and "没有保存" in said and "U盘" not in said
        assert _count(db) == 10
    finally:
        db.close()


def test_close_writes_everything_into_the_file_itself(tmp_path):
    db = _open(tmp_path)
    _fill(db, 10)
    db.close()
    wal = tmp_path / "t.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    # The file alone (copied to a stick without its -wal) holds every committed row.
    copy = tmp_path / "copy.db"
    shutil.copy(tmp_path / "t.db", copy)
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT count(*) FROM local_meta WHERE key LIKE 'k%'").fetchone()[0] == 10


def test_a_reader_never_waits_for_a_long_write(tmp_path):
    db = _open(tmp_path)
    _fill(db, 10)
    writing, finish = threading.Event(), threading.Event()

    def long_import():
        with db.transaction() as conn:
            conn.execute("INSERT INTO local_meta VALUES ('k99999', 'not yet committed')")
            writing.set()
            finish.wait(30)
    worker = threading.Thread(target=long_import)
    worker.start()
    assert writing.wait(30)
    assert _count(db) == 10                     # read at once, the last commit, on this thread
    with pytest.raises(WriterBusyError):        # and a write that may not wait is told so
        with db.transaction(wait=0):
            pass
    finish.set()
    worker.join()
    assert _count(db) == 11


def test_another_process_writing_makes_this_one_wait_its_turn(tmp_path, menshen_home):
    db = _open(tmp_path)
    with WriterElsewhere(tmp_path / "t.db", tmp_path) as other:
        with pytest.raises(WriterBusyError) as e:
            with db.transaction(wait=0):
                pass
        assert "另一个门神程序" in e.value.message
        with db.reading() as conn:                # reading goes on meanwhile
            assert conn.execute("SELECT value FROM local_meta WHERE key = 'other process'").fetchone() is None
        done = []
        waiter = threading.Thread(target=lambda: done.append(_fill(db, 5)))
        waiter.start()                          # a command waits for its turn …
        other.release()
        waiter.join(60)
    assert done and _count(db) == 5             # … and then writes
    with db.reading() as conn:
        assert conn.execute("SELECT value FROM local_meta WHERE key = 'other process'").fetchone() == ("was here",)
    db.close()


def test_a_second_window_on_the_same_file_is_refused(tmp_path):
    from db.errors import AlreadyOpenError
    first = _open(tmp_path)
    first.hold_window_lock()
    script = ("import sys; from pathlib import Path; from db.connection import Database\n"
              "from db.errors import AlreadyOpenError\n"
              "db = Database(Path(sys.argv[1]), config_file=Path(sys.argv[2]))\n"
              "try:\n    db.hold_window_lock()\nexcept AlreadyOpenError as e:\n"
              "    print(e.message); sys.exit(7)\n")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path / "t.db"), str(tmp_path / "site.json")],
                         cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert run.returncode == 7 and "另一个门神窗口" in run.stdout
    first.close()                               # closing the window frees the file
    second = _open(tmp_path)
    second.hold_window_lock()
    with pytest.raises(AlreadyOpenError):
        _open(tmp_path).hold_window_lock()
    second.close()


_WRITER = r"""
import sys
from pathlib import Path
from db.connection import Database
db = Database(Path(sys.argv[1]), config_file=Path(sys.argv[2]))
for i in range(200):
    with db.transaction() as conn:
        conn.execute("INSERT INTO compound (id, name) VALUES (?, ?)", (f"{sys.argv[3]}-{i}", f"c{i}"))
db.close()
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    _open(tmp_path).close()
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path / "t.db"), str(tmp_path / "site.json"),
                               name], cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, stderr=subprocess.PIPE)
             for name in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    with sqlite3.connect(tmp_path / "t.db") as raw:
        assert raw.execute("SELECT count(*) FROM compound").fetchone()[0] == 400
        changes = raw.execute("SELECT site_id, seq FROM sync_change WHERE tbl = 'compound'").fetchall()
        assert len(changes) == len(set(changes)) == 400
        stamps = raw.execute("SELECT site_id, hlc FROM sync_change WHERE tbl = 'compound'").fetchall()
    # (HLC, site) unique: the clock is re-read inside each write transaction (capture._begin).
    assert len(set(stamps)) == len(stamps) == 400


@pytest.mark.parametrize("sqlite_says, user_reads", [
    ("disk I/O error", "U盘被拔出"), ("unable to open database file", "U盘被拔出"),
    ("database or disk is full", "磁盘空间已满"), ("attempt to write a readonly database", "只读"),
    ("database is locked", "另一个程序"), ("database disk image is malformed", "已损坏")])
def test_each_known_sqlite_failure_has_a_message_that_says_what_to_do(sqlite_says, user_reads):
    from db.errors import classify
    known = classify(sqlite3.OperationalError(sqlite_says), "E:/menshen.db")
    assert known is not None and user_reads in known.message and sqlite_says not in known.message


@contextmanager
def tmpfs_stick(tmp_path, options: str):
    """A small tmpfs mounted at tmp_path/stick (root only: skipped where refused), unmounted after."""
    stick = tmp_path / "stick"
    stick.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(stick)],
                      capture_output=True).returncode != 0:
        pytest.skip("no tmpfs mount here (needs root and mount rights)")
    try:
        yield stick
    finally:
        subprocess.run(["umount", str(stick)])


def test_a_new_register_on_a_full_disk_leaves_no_empty_file_behind(tmp_path):
    """The first open of a new file on a full disk: a message that says the disk is full, and
    no 0-byte file left, which the next start would call a register cut short by a copy."""
    import os
    with tmpfs_stick(tmp_path, "size=8m") as stick:
        fd = os.open(stick / "fill", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, bytes(4096)):
                pass
        except OSError:
            pass                                # full
        finally:
            os.close(fd)
        with pytest.raises(StorageError) as e:
            _open(stick)
        assert "无法新建数据文件" in e.value.message and "磁盘空间已满" in e.value.message
        assert sorted(os.listdir(stick)) in (["fill"], ["fill", "t.db-writer"])
        (stick / "fill").unlink()
        again = _open(stick)                    # room again: a new register, not "an empty file"
        try:
            _fill(again, 3)
            assert _count(again) == 3
        finally:
            again.close()


def test_a_new_register_in_a_read_only_folder_is_a_message_not_a_bug(tmp_path):
    with tmpfs_stick(tmp_path, "size=1m,ro") as stick:
        done = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--db", str(stick / "new.db"),
                               "--households", "0"], cwd=ROOT, capture_output=True, text=True,
                              env={**__import__("os").environ, "MENSHEN_HOME": str(tmp_path / "home")})
    assert done.returncode == 2 and "Traceback" not in done.stderr and "意外" not in done.stderr
    assert "无法新建数据文件" in done.stderr and "写保护" in done.stderr
