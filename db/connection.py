"""Opening the database: pragmas, migrations, site identity and change capture.

One ``Database`` per file. Every write goes through ``transaction()``; SQLite runs one writer
at a time, and the lock here makes threads of this process take turns as well.
"""
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from db import migrations, search_index, search_tokens
from db.errors import NotADatabaseError, classify
from db.sync.capture import ChangeRecorder
from db.sync.hlc import HybridClock
from db.sync.site import Site, ensure_site


def _open(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.create_function("menshen_spaced", 1, search_tokens.spaced, deterministic=True)
    conn.create_function("menshen_place", 4, search_tokens.place, deterministic=True)
    try:
        # Reading the version first finds a file that is not a database, and lets a newer
        # database be refused before anything (even the journal mode) is written to it.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        migrations.refuse_newer(version, path)
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise (classify(exc, str(path)) or NotADatabaseError(str(path))) from exc
    except BaseException:
        conn.close()
        raise
    # FULL: a commit survives a power cut (a gate laptop whose battery dies a second later).
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -32000")
    return conn


class Database:
    def __init__(self, path: Path | str, *, config_file: Path, user_name: str = "",
                 role: str = "office"):
        self.path = Path(path)
        self.conn = _open(self.path)
        self._lock = threading.RLock()
        self._depth = 0
        try:
            migrations.migrate(self.conn, self.path)
            self.site: Site = ensure_site(self.conn, config_file, role=role)
        except BaseException:
            self.conn.close()
            raise
        last = self.conn.execute(
            "SELECT max(coalesce((SELECT max(hlc_last) FROM sync_site), 0),"
            " coalesce((SELECT max(hlc) FROM sync_change), 0))").fetchone()[0]
        self.clock = HybridClock(last)
        self.recorder = ChangeRecorder(self.conn, self.site.site_id, self.clock,
                                       migrations.latest_version(), user_name)
        self.recorder.register()
        # Inside transaction(), search entries and changes are settled just before COMMIT.
        self.conn.create_function("menshen_deferred", 0, lambda: self.recorder.deferred,
                                  deterministic=False)

    @property
    def user_name(self) -> str:
        return self.recorder.user_name

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.recorder.user_name = value

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested uses join the outer transaction. The search entries
        and the captured changes of everything it wrote are settled just before COMMIT."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self.recorder.deferred = True
            try:
                yield self.conn
                search_index.settle(self.conn)
                self.recorder.flush()
            except BaseException:
                self._depth = 0
                self.recorder.deferred = False
                self.recorder.forget()
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.recorder.deferred = False
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.recorder.forget()
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self.conn

    def close(self) -> None:
        with self._lock:
            self.conn.close()
