"""Numbered schema migrations tracked with ``PRAGMA user_version``.

Each ``db/schema/NNNN_name.sql`` (or ``NNNN_name.py`` with a ``migrate(conn)`` function, for a
step that must read the schema it changes) runs in one transaction together with the
regeneration of the sync capture triggers and the bump of ``user_version``: a failed migration
leaves the file as it was. A migration that takes away a column a change still refers to its
row through is undone, those changes get their bodies written, and it runs again
(db/sync/log.py). A backup copy is taken before a database that already holds data is
migrated, and a database written by a newer Menshen is refused rather than half-understood.
Changes a newer Menshen sent with columns this file lacked (db/sync/merge.py, SYNC.md 9.16) get
the columns a migration adds applied at the open that follows (``merge.apply_kept``).
"""
import importlib.util
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from db import driver
from db.errors import MigrationError, NewerDatabaseError, classify
from db.sync import log, merge
from db.sync.capture import install_triggers

SCHEMA_DIR = Path(__file__).parent / "schema"


def available() -> list[tuple[int, Path]]:
    found = []
    for path in SCHEMA_DIR.iterdir():
        m = re.match(r"(\d{4})_", path.name)
        if m and path.suffix in (".sql", ".py"):
            found.append((int(m.group(1)), path))
    found.sort()
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps: {numbers}")
    return found


def latest_version() -> int:
    return len(available())


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def backup(conn: sqlite3.Connection, db_path: Path, version: int, key=None) -> Path:
    """The copy before a migration when no backup function is given (a bare ``migrate`` call):
    ``<name>.v<version>-<time>.bak`` beside the file. The program passes desktop/backup.py's,
    which keeps it in the backups folder with the others; both go through driver.online_backup.
    ``key``: the SQLCipher key of an encrypted file (its copy is encrypted the same)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return driver.online_backup(conn, db_path.with_name(f"{db_path.name}.v{version}-{stamp}.bak"), key)


def refuse_newer(version: int, db_path) -> None:
    """A database made by a newer Menshen is never touched: its tables mean what we cannot know."""
    if version > latest_version():
        raise NewerDatabaseError(version, latest_version(), str(db_path or ":memory:"))


def _statements(sql: str):
    """The statements of a script, one at a time (a ';' inside a string, comment or trigger
    body does not end one: sqlite3.complete_statement knows)."""
    buf = ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            yield buf
            buf = ""
    if buf[:-1].strip():
        yield buf[:-1]


def _run(conn: sqlite3.Connection, path: Path) -> None:
    if path.suffix == ".py":
        spec = importlib.util.spec_from_file_location(f"menshen_migration_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(conn)
        return
    # Statement by statement: executescript would COMMIT the open transaction first.
    for stmt in _statements(path.read_text("utf-8")):
        conn.execute(stmt)


def migrate(conn: sqlite3.Connection, db_path: Path | None, backup=None) -> list[int]:
    """Bring the schema up to date; returns the migration numbers applied. ``backup(conn,
    db_path, version) -> Path`` takes the copy first (by default the module's ``backup``)."""
    have, steps = current_version(conn), available()
    refuse_newer(have, db_path)
    pending = [(n, p) for n, p in steps if n > have]
    if not pending:
        return []
    kept = (backup or globals()["backup"])(conn, db_path, have) if have > 0 and db_path is not None else None
    if conn.in_transaction:
        raise RuntimeError("migrate() needs a connection with no open transaction")
    try:
        for attempt in (1, 2):
            conn.execute("BEGIN IMMEDIATE")
            had = merge.kept_table_columns(conn)
            for _, path in pending:
                _run(conn, path)
            lost = log.shapes_losing_columns(conn)
            if lost and attempt == 1:
                # Changes still refer to their rows through columns this migration takes away:
                # undo it, write those changes' bodies from the rows as they are, then migrate.
                conn.execute("ROLLBACK")
                conn.execute("BEGIN IMMEDIATE")
                log.freeze_shapes(conn, lost)
                conn.execute("COMMIT")
                continue
            # Columns a newer Menshen sent before this upgrade are applied at the open that follows.
            merge.note_new_columns(conn, had)
            install_triggers(conn)
            conn.execute(f"PRAGMA user_version = {pending[-1][0]}")
            conn.execute("COMMIT")
            break
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, driver.ERRORS) and not classify(exc):
            # A step that cannot run on this file (it was made by a build whose schema differs):
            # say so plainly; the transaction is undone and the backup kept.
            raise MigrationError(str(db_path or ":memory:"), have, pending[-1][0], str(kept or ""),
                                 str(exc)) from exc
        raise
    return [n for n, _ in pending]
