"""Opening the database: checks, pragmas, migrations, site identity and change capture.

One ``Database`` per file and process: one **writer** connection, and **reader** connections
of their own (WAL lets them read the last commit while a write is under way), so the gate
screen and search never wait on an import.

- Every write goes through ``transaction()``. Threads of this process take turns on the writer
  (a lock here); processes take turns through an operating-system lock on a file beside the
  database (``<name>-writer``, db/filelock.py), held from BEGIN to COMMIT. So one transaction
  at a time writes a file, whatever runs: the window, a ``menshen import``, a second window.
  A command waits for its turn; the window's UI thread waits at most ``ui_write_timeout``
  seconds and then says plainly that another Menshen program is writing (``WriterBusyError``);
  ``transaction(wait=0)`` does not wait at all (the gate keeps a passage in its journal instead).
- A second *window* on one file is refused at start with a Chinese message
  (``hold_window_lock``, lock file ``<name>-window``); commands never take that lock.
- Reads go through ``reading()``: the thread's own reader (``query_only``), or the writer when
  the thread is inside its own transaction (it must see what it has written).
- At open: a 0-byte file is refused (never turned into a new empty database); a bounded
  ``PRAGMA quick_check`` runs before anything is written, and a damaged file is refused. A file
  that cannot be written (read-only stick or folder, full disk) is opened read-only, so its
  data can still be read and exported; ``read_only`` says so and writes raise a message.
- Known SQLite failures (disk full, locked by another program, a pulled stick) come out as
  ``StorageError`` with a Chinese message; the transaction is rolled back and the data is as it
  was. ``close()`` checkpoints the WAL into the file (``wal_checkpoint(TRUNCATE)``).
"""
import errno
import math
import os
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from db import driver, migrations, search_index, search_tokens
from db.errors import (AlreadyOpenError, DamagedDatabaseError, EmptyDatabaseFileError, NewFileError, NotADatabaseError,
                       ReadOnlyDatabaseError, StorageError, WriterBusyError, classify, os_reason,
                       read_only_kind, sqlite_message)
from db.filelock import FileLock
from db.sync.capture import ChangeRecorder
from db.sync import incoming, merge
from db.sync import log as sync_log
from db.sync.hlc import HybridClock
from db.sync.site import Site, current_site, ensure_site

#: How long the integrity check may hold up the open; a bigger file (a full check of 1 GB takes
#: many seconds on an old PC) is checked to its end in the background, on a reader of its own,
#: and writes are refused from the moment damage is found.
QUICK_CHECK_SECONDS = 0.5
_BUSY_MS = 5000
# How long close() waits for a reader another thread is still using (a background figure, a
# search) before writing the WAL back without it; the reader closes itself when done.
READERS_WAIT_S = 2.0
# How long close() waits to write the WAL back while another process writes: that process writes
# it back when it closes. With _BUSY_MS the window froze 5 s on exit while an import ran.
_CLOSE_BUSY_MS = 500
_UNSET = object()


def lock_file(db_path: Path | str, kind: str) -> Path:
    """The lock file of ``kind`` ('writer' or 'window') beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}-{kind}")


def _functions(conn: sqlite3.Connection) -> None:
    conn.create_function("menshen_spaced", 1, search_tokens.spaced, deterministic=True)
    # Four arguments in the migrations before 0025 (no address text), five after.
    for n in (4, 5):
        conn.create_function("menshen_place", n, search_tokens.place, deterministic=True)
    sync_log.register_functions(conn)      # sync_row_key: row ids as the change log stores them


def _check_file(path: Path, key: "driver.DatabaseKey | None" = None) -> None:
    """Refuse what must never be opened as a database: a 0-byte file, a file of another kind."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(f"无法打开数据文件 {path}（{os_reason(exc)}）。请检查U盘或文件夹是否可以访问。",
                           str(exc)) from exc
    if size == 0:
        raise EmptyDatabaseFileError(str(path))
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise classify(OSError("disk I/O error"), str(path)) from exc
    kind = driver.other_kind(path)
    if kind is not None:                # a workbook renamed .db: never a passphrase to look for
        raise NotADatabaseError(str(path), kind)
    if head != driver.SQLITE_MAGIC and key is None:
        raise driver.KeyRequiredError(str(path))


def quick_check(conn: sqlite3.Connection, path: str, seconds: float = QUICK_CHECK_SECONDS) -> bool:
    """Raise DamagedDatabaseError if ``PRAGMA quick_check`` finds damage; False if the time ran
    out before it finished (nothing found so far)."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10000)
    try:
        rows = conn.execute("PRAGMA quick_check(20)").fetchall()
    except driver.OPERATIONAL_ERRORS as exc:
        if "interrupt" in str(exc).lower():
            return False
        raise DamagedDatabaseError(path, str(exc)) from exc
    except (*driver.DATABASE_ERRORS, UnicodeDecodeError) as exc:     # a damaged table definition too
        raise DamagedDatabaseError(path, sqlite_message(exc)) from exc
    finally:
        conn.set_progress_handler(None, 0)
    if rows != [("ok",)]:
        raise DamagedDatabaseError(path, "; ".join(r[0] for r in rows[:5]))
    return True


def _owner_only(path: Path) -> None:
    """The register and its -wal/-shm readable by the owner only (issue 16). SQLite gives the
    -wal and -shm files the database file's permissions when it makes them."""
    if os.name == "nt":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            os.chmod(p, 0o600)
        except OSError:
            pass            # not there yet, or a stick without owners


def _check_beside_wal(path: Path, key: "driver.DatabaseKey | None") -> bool | None:
    """The integrity check of a file with a -wal beside it, through a read-only connection;
    None when it cannot be opened so (the writer then checks as for any file).

    A connection that may write copies the -wal into the file when it closes (a checkpoint).
    A -wal that is not this file's (an old copy's, left when a backup was copied over the
    register by hand) reads as damage, and the writer's close after the failed check would
    then write it into a good file and delete it: the file lost for good. A read-only
    connection never checkpoints, so a refusal leaves both files as they were."""
    conn = None
    try:
        conn = _open_read_only(path, False, key)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return quick_check(conn, str(path)) if version else True
    except driver.FAILURES as exc:
        if not isinstance(classify(exc, str(path)), DamagedDatabaseError):
            return None             # not readable so: the writer's own checks say what it is
        raise DamagedDatabaseError(str(path), sqlite_message(exc), wal=True) from exc
    except DamagedDatabaseError as exc:
        raise DamagedDatabaseError(str(path), exc.detail, wal=True) from exc
    finally:
        if conn is not None:
            conn.close()


def _open_writer(path: Path, key: "driver.DatabaseKey | None" = None) -> tuple[sqlite3.Connection, bool]:
    """The writer connection, and whether the integrity check got to the end in its time."""
    checked = None
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        checked = _check_beside_wal(path, key)
    try:
        conn = driver.connect(str(path), key, isolation_level=None, check_same_thread=False)
    except driver.ERRORS as exc:        # a new file in a folder that cannot be written
        raise (classify(exc, str(path)) or StorageError(str(exc), str(exc))) from exc
    _owner_only(path)
    _functions(conn)
    try:
        # Reading the version first finds a file that is not a database, and lets a newer
        # database be refused before anything (even the journal mode) is written to it.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        migrations.refuse_newer(version, path)
        if checked is None:
            checked = quick_check(conn, str(path)) if version else True
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives a power cut (a gate laptop whose battery dies a second later).
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")
        incoming.attach(conn)           # where a sync package's parts are read from (SQL)
    except driver.DATABASE_ERRORS as exc:
        conn.close()
        if key is not None and "not a database" in str(exc).lower():
            raise driver.WrongKeyError(str(path)) from exc
        raise (classify(exc, str(path)) or NotADatabaseError(str(path))) from exc
    except BaseException:
        conn.close()
        raise
    return conn, checked


def _read_only_uri(path: Path, immutable: bool) -> str:
    name = str(path.resolve()).replace("\\", "/")
    if not name.startswith("/"):            # C:/… on Windows: file:///C:/…
        name = "/" + name
    uri = "file://" + quote(name, safe="/:") + "?mode=ro"
    return uri + ("&immutable=1" if immutable else "")


def _open_read_only(path: Path, immutable: bool, key: "driver.DatabaseKey | None" = None) -> sqlite3.Connection:
    conn = driver.connect(_read_only_uri(path, immutable), key, uri=True, isolation_level=None,
                          check_same_thread=False)
    try:
        _functions(conn)
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA query_only = 1")
    except BaseException:       # never left open: a -shm held, a file a restore cannot move
        conn.close()
        raise
    return conn


class Database:
    def __init__(self, path: Path | str, *, config_file: Path, user_name: str = "",
                 role: str = "office", read_only: bool = False, wait: float | None = None,
                 key=_UNSET, before_migrate=None):
        """Open ``path`` (made when missing). ``read_only`` opens it for reading only; a file
        that cannot be written is opened so anyway (``read_only_why`` says why). ``wait``: how
        long to wait at open for another Menshen process that is writing (None: as long as it
        takes). ``key``: the passphrase (or a ``driver.DatabaseKey``) of an encrypted file, or
        of a new file to be made encrypted; by default the environment's ``MENSHEN_DB_KEY``,
        none when unset (a plain file). ``before_migrate(conn, path, version, key) -> Path`` takes
        the backup before a migration (desktop/backup.py); by default ``migrations.backup``."""
        self.path = Path(path)
        if key is _UNSET:
            key = os.environ.get(driver.KEY_ENV) or None
        #: The SQLCipher key of this file; None for a plain file.
        self.key: driver.DatabaseKey | None = driver.key_for(self.path, key)
        self._before_migrate = before_migrate
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._local = threading.local()
        self._idle: list[sqlite3.Connection] = []
        self._readers: list[sqlite3.Connection] = []
        self._pool_lock = threading.Lock()
        self._busy: set[sqlite3.Connection] = set()     # readers in use by some thread now
        self._writer_lock = FileLock(lock_file(self.path, "writer"))
        self._window_lock: FileLock | None = None
        self._immutable = False
        self.closed = False
        #: Set when the integrity check finished in the background found damage: no more writes.
        self.damage: DamagedDatabaseError | None = None
        #: Set once the integrity check has ended, at open or in the background (``damage`` then
        #: says what it found), read-only too: a copy taken before it may be of a damaged file,
        #: and prune the good ones (every backup waits for it: desktop/backup.backup_before).
        self.checked = threading.Event()
        #: Why the check could not run at all (its reader did not open): ``checked`` stays unset.
        self.unchecked: StorageError | None = None
        #: Seconds the main (UI) thread waits for another process's write before giving up;
        #: None waits as long as it takes (commands). The window sets it.
        self.ui_write_timeout: float | None = None
        self.read_only_why = ""            # '' | 'read-only' | 'read-only-file' | 'full' | 'asked'
        _check_file(self.path, self.key)
        if read_only:
            self.read_only_why = "asked"
        else:
            new = not self.path.exists()
            try:
                self._open_for_writing(config_file, user_name, role, wait)
                return
            except StorageError as exc:
                why = _unwritable(exc, self.path)
                if new:
                    # Never leave an empty file behind (the next start would call it a register
                    # cut short by a copy): say the folder cannot take a new one.
                    _forget_new_file(self.path)
                    raise NewFileError(str(self.path), why, exc) from exc
                if not why or not self.path.exists() or self.path.stat().st_size == 0:
                    raise
                self.read_only_why = why
            except BaseException:
                if new:
                    _forget_new_file(self.path)
                raise
        self._open_for_reading(user_name)

    # -- opening -------------------------------------------------------------------------------
    def _open_for_writing(self, config_file: Path, user_name: str, role: str, wait: float | None) -> None:
        self.conn, checked = _open_writer(self.path, self.key) if self.key else _open_writer(self.path)
        try:
            if not self._take_writer_lock(wait):
                raise WriterBusyError(str(self.path))
            try:
                def backup(conn, path, version):
                    nonlocal checked
                    # The copy before a migration is pruned with the others, and a damaged file
                    # is not migrated: the check goes to its end first (once, at an upgrade).
                    if not checked:
                        checked = quick_check(conn, str(path), math.inf)
                    return (self._before_migrate or migrations.backup)(conn, path, version, self.key)
                migrations.migrate(self.conn, self.path, backup=backup)
                self.site: Site = ensure_site(self.conn, config_file, role=role)
            except driver.DATABASE_ERRORS as exc:
                raise (classify(exc, str(self.path)) or exc) from exc
            finally:
                self._writer_lock.release()
            # The clock starts from the stamps this file's sites saved; each transaction's first
            # write catches up under the write lock with what the log holds (capture._begin),
            # so no scan of the whole change log at start-up.
            last = self.conn.execute("SELECT coalesce(max(hlc_last), 0) FROM sync_site").fetchone()[0]
        except BaseException:
            self.conn.close()
            raise
        self.clock = HybridClock(last)
        self.recorder = ChangeRecorder(self.conn, self.site.site_id, self.clock,
                                       migrations.latest_version(), user_name)
        self.recorder.register()
        # Inside transaction(), search entries and changes are settled just before COMMIT.
        self.conn.create_function("menshen_deferred", 0, lambda: self.recorder.deferred,
                                  deterministic=False)
        try:                            # an upgrade's new columns, as changes a newer Menshen sent carry them
            merge.apply_kept(self)
        except (StorageError, *driver.DATABASE_ERRORS):
            pass                        # still noted: applied at a later open (busy, full disk…), never blocks this one
        self._settle_left()
        self._checked_or_check_on(checked)

    def _settle_left(self) -> None:
        """An import commits its people before their search entries (search_index.after_commit):
        a crash in between left them noted, not found by the search until some later write (days
        at a gate laptop). Indexed now, unless another program is writing: never waited for."""
        try:
            if search_index.noted(self.conn):
                with self.transaction(wait=0):
                    pass                # settles the noted people before its COMMIT
        except (StorageError, *driver.DATABASE_ERRORS):
            pass                        # still noted: the next transaction that can write settles them

    def _check_to_the_end(self) -> None:
        """The rest of the integrity check, on a reader of its own; stops when the file closes."""
        try:
            conn = self._new_reader()
        except (*driver.FAILURES, OSError, StorageError) as exc:
            # Nothing read, nothing known: not ``checked`` (a backup then would copy a file
            # that may be damaged over the good copies); who waits for the check is told.
            self.unchecked = StorageError(
                f"门神没能检查数据文件 {self.path} 是否完好（{os_reason(exc)}），所以没有做备份，"
                "已有的备份都没有改动。请关闭门神，检查U盘或磁盘后重新打开，再试一次。", sqlite_message(exc))
            return
        try:
            conn.set_progress_handler(lambda: int(self.closed), 10000)
            rows = conn.execute("PRAGMA quick_check(20)").fetchall()
            if rows != [("ok",)]:
                self.damage = DamagedDatabaseError(str(self.path), "; ".join(r[0] for r in rows[:5]))
        except driver.OPERATIONAL_ERRORS as exc:
            if "interrupt" not in str(exc).lower():
                self.damage = DamagedDatabaseError(str(self.path), str(exc))
        except (*driver.DATABASE_ERRORS, UnicodeDecodeError) as exc:     # a damaged table definition too
            self.damage = DamagedDatabaseError(str(self.path), sqlite_message(exc))
        finally:
            conn.close()
            self.checked.set()

    def wait_for_check(self, cancelled=lambda: False) -> bool:
        """Wait until the integrity check has ended (``damage`` then says what it found); False
        when ``cancelled()`` ends the wait first. Raises ``unchecked`` when the check could not run."""
        while not self.checked.wait(0.1):
            if self.unchecked is not None:
                raise self.unchecked
            if cancelled():
                return False
        return True

    def _open_for_reading(self, user_name: str) -> None:
        conn = None
        for immutable in (False, True):
            # Without write access to the folder, SQLite cannot make the -shm file a WAL reader
            # needs; "immutable" reads the file as it is (nobody can be writing it then).
            try:
                conn = _open_read_only(self.path, immutable, self.key)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                self._immutable = immutable
                break
            except (*driver.DATABASE_ERRORS, UnicodeDecodeError) as exc:
                if conn is not None:
                    conn.close()
                    conn = None
                if immutable:
                    if self.key is not None and "not a database" in str(exc).lower():
                        raise driver.WrongKeyError(str(self.path)) from exc
                    raise (classify(exc, str(self.path)) or NotADatabaseError(str(self.path))) from exc
        try:
            migrations.refuse_newer(version, self.path)
            if version < migrations.latest_version():
                raise StorageError(
                    f"数据文件 {self.path} 是旧版本门神的，需要升级后才能使用，但它现在只能读不能写"
                    "（只读的U盘或文件夹，或磁盘已满）。请把文件复制到电脑上可以写入的文件夹，再用门神打开。",
                    detail=f"user_version {version} < {migrations.latest_version()}, read-only")
            done = quick_check(conn, str(self.path))
            self.site = current_site(conn)
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        self.clock = None
        self.recorder = None
        self._read_only_user = user_name
        self._checked_or_check_on(done)

    def _checked_or_check_on(self, done: bool) -> None:
        """``checked`` when the open's check got to the end; else the rest of it in the background.
        A check cut short found nothing yet: that is not known, not intact."""
        if done:
            self.checked.set()
        else:
            threading.Thread(target=self._check_to_the_end, name="quick_check", daemon=True).start()

    @property
    def encrypted(self) -> bool:
        """The file is encrypted at rest (SQLCipher)."""
        return self.key is not None

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_why)

    @property
    def read_only_message(self) -> str:
        return ReadOnlyDatabaseError(str(self.path), self.read_only_why).message if self.read_only else ""

    @property
    def user_name(self) -> str:
        return self.recorder.user_name if self.recorder else self._read_only_user

    @user_name.setter
    def user_name(self, value: str) -> None:
        if self.recorder:
            self.recorder.user_name = value
        else:
            self._read_only_user = value

    # -- one window per file ---------------------------------------------------------------------
    def hold_window_lock(self) -> None:
        """Claim this file for the one window that may show it; AlreadyOpenError if another
        window holds it. Released by close() (or by the system when the process ends)."""
        if self._window_lock is None:
            lock = FileLock(lock_file(self.path, "window"))
            try:
                got = lock.acquire(0)
            except OSError:
                return          # a read-only folder: no lock file can be made, nobody writes either
            if not got:
                raise AlreadyOpenError(str(self.path))
            self._window_lock = lock

    # -- writing ---------------------------------------------------------------------------------
    def _wait_for(self, wait) -> float | None:
        if wait is not _UNSET:
            return wait
        if threading.current_thread() is threading.main_thread():
            return self.ui_write_timeout
        return None

    @contextmanager
    def transaction(self, *, wait=_UNSET) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested uses join the outer transaction. The search entries
        and the captured changes of everything it wrote are settled just before COMMIT.

        ``wait``: seconds to wait for another thread or process that is writing (None: as long
        as it takes; 0: not at all); then WriterBusyError. By default the UI thread waits
        ``ui_write_timeout`` and every other thread as long as it takes."""
        if self.read_only:
            raise ReadOnlyDatabaseError(str(self.path), self.read_only_why)
        if self.damage is not None:
            raise self.damage
        if self.closed:
            raise StorageError("数据文件已经关闭。", "closed")
        timeout = self._wait_for(wait)
        if not self._lock.acquire(timeout=-1 if timeout is None else timeout):
            raise WriterBusyError(str(self.path), here=True)
        try:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            if not self._take_writer_lock(timeout):
                raise WriterBusyError(str(self.path))
            try:
                yield from self._outermost(timeout)
            finally:
                self._writer_lock.release()
        finally:
            self._lock.release()

    def _take_writer_lock(self, timeout: float | None) -> bool:
        try:
            return self._writer_lock.acquire(timeout)
        except OSError as exc:      # the lock file cannot be made: a read-only folder, a pulled stick
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StorageError(ReadOnlyDatabaseError(str(self.path)).message,
                                   f"read-only folder: {exc}") from exc
            raise classify(sqlite3.OperationalError("disk I/O error"), str(self.path)) from exc

    def _outermost(self, timeout: float | None):
        conn = self.conn
        if timeout == 0:
            # Another program (not Menshen) holding SQLite's own lock: do not sit in the busy
            # handler either.
            conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except driver.ERRORS as exc:
            if timeout == 0 and "locked" in str(exc).lower():
                raise WriterBusyError(str(self.path)) from exc
            raise (classify(exc, str(self.path)) or exc) from exc
        finally:
            if timeout == 0:
                conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        self._depth, self._owner = 1, threading.get_ident()
        self.recorder.deferred = True
        try:
            try:
                yield conn
                search_index.settle(conn)
                self.recorder.flush()
            except BaseException as exc:
                self._end()
                self.recorder.forget()
                self._rollback()
                if isinstance(exc, driver.ERRORS):
                    known = classify(exc, str(self.path))
                    if known is not None:
                        raise known from exc
                raise
            self._end()
            try:
                conn.execute("COMMIT")
            except driver.ERRORS as exc:
                self.recorder.forget()
                self._rollback()
                raise (classify(exc, str(self.path)) or exc) from exc
        finally:
            self._end()

    def _end(self) -> None:
        self._depth, self._owner = 0, None
        if self.recorder:
            self.recorder.deferred = False

    def _rollback(self) -> None:
        # SQLite rolls back by itself after some failures (a full disk): a second ROLLBACK
        # would fail with "no transaction is active" and hide the real message.
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except driver.ERRORS:
                pass

    # -- reading ---------------------------------------------------------------------------------
    def _new_reader(self) -> sqlite3.Connection:
        if self.read_only:
            return _open_read_only(self.path, self._immutable, self.key)
        conn = driver.connect(str(self.path), self.key, isolation_level=None, check_same_thread=False)
        _functions(conn)
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -16000")
        conn.execute("PRAGMA query_only = 1")
        return conn

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection to read with: this thread's own reader (it sees the last commit and
        never waits on a write), or the writer inside this thread's own transaction."""
        if self._depth and self._owner == threading.get_ident():
            yield self.conn
            return
        held = getattr(self._local, "conn", None)
        if held is not None:             # nested: the same snapshot
            yield held
            return
        if self.closed:
            raise StorageError("数据文件已经关闭。", "closed")
        with self._pool_lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            try:
                conn = self._new_reader()
            except driver.FAILURES as exc:
                raise (classify(exc, str(self.path)) or exc) from exc
            with self._pool_lock:
                self._readers.append(conn)
        with self._pool_lock:
            self._busy.add(conn)
        self._local.conn = conn
        try:
            yield conn
        except driver.ERRORS as exc:
            known = classify(exc, str(self.path))
            if known is None:
                raise
            raise known from exc
        finally:
            self._local.conn = None
            with self._pool_lock:
                self._busy.discard(conn)
                if self.closed:
                    conn.close()            # closed after close(): by its own thread, when done
                else:
                    self._idle.append(conn)

    # -- closing -----------------------------------------------------------------------------------
    def close(self) -> None:
        """Write the WAL back into the file and close every connection; safe to call twice."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            with self._pool_lock:
                # Only idle readers: closing one another thread is using (the window closed
                # while the Today page's figures load) frees it under that thread's next
                # query, and the process dies. A busy reader is closed by its own thread
                # when it is done (``reading``), which is waited for here, briefly.
                for conn in self._idle:
                    try:
                        conn.close()
                    except driver.ERRORS:
                        pass
                self._readers.clear()
                self._idle.clear()
            deadline = time.monotonic() + READERS_WAIT_S
            while time.monotonic() < deadline:
                with self._pool_lock:
                    if not self._busy or self._busy == {getattr(self._local, "conn", None)}:
                        break
                time.sleep(0.005)
            if not self.read_only:
                try:
                    # So the file alone holds everything committed (copied to a stick, backed
                    # up); it needs no other reader, which the window's exit guarantees.
                    self.conn.execute(f"PRAGMA busy_timeout = {_CLOSE_BUSY_MS}")
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except driver.ERRORS:
                    pass
            self.conn.close()
            if self._window_lock is not None:
                self._window_lock.release()
                self._window_lock = None


def _forget_new_file(path: Path) -> None:
    """Remove what a failed first open of ``path`` made: the file while it is empty, with its
    -wal and -shm (a file with pages in it is a database the next open completes)."""
    try:
        if path.stat().st_size > 0:
            return
    except OSError:
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
        except OSError:
            pass


def _unwritable(exc: StorageError, path: Path) -> str:
    """'read-only' or 'full' when ``exc`` says the file cannot be written; '' otherwise."""
    text = f"{exc.detail} {exc.message}".lower()
    if "disk is full" in text or "磁盘空间已满" in text:
        return "full"
    if "readonly" in text or "read-only" in text or "只读" in text:
        return read_only_kind(path)
    if "unable to open database file" in text and not os.access(path.parent, os.W_OK):
        return "read-only"
    if "disk i/o error" in text and _nearly_full(path.parent):
        # SQLite says "disk I/O error" when it cannot grow the -shm file on a full disk: a
        # full disk, not a pulled stick, and the file can still be read.
        return "full"
    return ""


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _FULL_BELOW
    except OSError:
        return False


_FULL_BELOW = 4 * 1024 * 1024          # less than a WAL and its index need to start
