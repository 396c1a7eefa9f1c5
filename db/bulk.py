"""Loading many rows into a table at once: its secondary indexes and the triggers that keep a
derived table set aside while the rows go in, then made again and the derived table rebuilt whole.

A snapshot brings a new laptop a million gate passages in one transaction. Inserted one by one,
each passage updates eight indexes of gate_log and runs the trigger that keeps each person's last
passage (gate_person_last), 37 µs a row; with them set aside the rows go in at a seventh of that,
and building the indexes by sorting afterwards costs 2-3 s (bench/sync.py). Everything happens
inside the caller's transaction: a refusal or a crash leaves the schema as it was.

Only triggers that keep a derived table are set aside (``DERIVED``, with the rebuild that makes
that table right again); every other trigger (sync capture, the append-only guard) stays.

``inserts_without_triggers`` is the same for the new rows of a ledger import: a table's insert
triggers set aside while a batch of rows goes in, their work done for the whole batch by the caller.
"""
import re
import sqlite3
import threading
from contextlib import contextmanager
from typing import Callable, Collection, Iterator, Sequence

from db import driver
from db.errors import StorageError

# Each person's last passage that let them through (migration 0027 filled the table with the
# same SQL): the rule lives here once, for the rebuild after a bulk load and desktop/gate/day.py.
GATE_VALID = "g.kind = 'pass' AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)"


def last_passages(key: str = "person_id", hint: str = "", where: str = "") -> str:
    """SELECT (key, at, direction, id): each subject's last passage that let them through, of
    the rows that also match ``where`` (" AND ..."; ``hint``: an INDEXED BY clause or the like).

    Last by (at, id): of two passages in one second (out at one gate, in at another), the one
    with the greater id, the same on every machine whatever order the rows reached it in (the
    row read first was kept before: two machines disagreed). A machine's own ids only grow
    (db/sync/ids.py), so its two scans in one second keep the later one, as the gate screen's
    last_passage does. The triggers of migration 0027 compare the same pair; max() of
    ``at || ' ' || id`` sorts as it (a space is below every character of a time) and its row
    gives the bare columns."""
    return (f"SELECT {key}, at, direction, id FROM (SELECT g.{key}, g.at, g.direction, g.id,"
            f" max(g.at || ' ' || g.id) FROM gate_log g{hint}"
            f" WHERE g.{key} IS NOT NULL AND g.outcome = 'allowed' AND {GATE_VALID}{where} GROUP BY g.{key})")


def rebuild_gate_person_last(conn: sqlite3.Connection) -> None:
    """gate_person_last made again from the log (it is derived: nothing is lost). Reading the
    whole log in order and sorting is 4 times quicker than a million lookups through the
    (person_id, at) index (1.1 s against 4.3 s at 1,000,000 passages)."""
    conn.execute("DELETE FROM gate_person_last")
    conn.execute("INSERT INTO gate_person_last (person_id, at, direction, log_id) "
                 + last_passages(hint=" NOT INDEXED"))


# table -> (the triggers on it that keep a derived table, the rebuild of that table)
DERIVED: dict[str, tuple[tuple[str, ...], Callable[[sqlite3.Connection], None]]] = {
    "gate_log": (("gate_person_last_ins", "gate_person_last_void"), rebuild_gate_person_last),
}


class BulkLoad:
    """Tables being loaded in bulk inside one transaction: ``begin(table)`` sets its indexes and
    derived triggers aside (once per table), ``finish()`` makes them again, in their stored
    SQL, and rebuilds the derived tables. Call ``finish`` before anything reads the tables by
    those indexes or the derived tables."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.set_aside: dict[str, list[tuple[str, str]]] = {}     # table -> [(type, sql)]
        self.quieted: list[str] = []                               # triggers' SQL

    def quiet(self, names: list[str]) -> None:
        """Set these triggers aside until ``finish``: the caller knows each does nothing in this
        transaction (its WHEN is false), but SQLite would still ask for every row."""
        for name, sql in self.conn.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({','.join('?' * len(names))})"
                " ORDER BY name", names).fetchall():
            self.conn.execute(f'DROP TRIGGER "{name}"')
            self.quieted.append(sql)

    def begin(self, table: str) -> None:
        if table in self.set_aside:
            return
        triggers = DERIVED.get(table, ((), None))[0]
        marks = ",".join("?" * len(triggers))
        rows = self.conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
            f" AND (type = 'index' OR (type = 'trigger' AND name IN ({marks or 'NULL'})))"
            " ORDER BY type, name", (table, *triggers)).fetchall()
        for kind, name, _ in rows:
            self.conn.execute(f'DROP {"INDEX" if kind == "index" else "TRIGGER"} "{name}"')
        self.set_aside[table] = [(kind, sql) for kind, _, sql in rows]

    def finish(self) -> None:
        for table, items in self.set_aside.items():
            # Indexes first: a derived table's rebuild reads the log through them.
            for kind, sql in sorted(items, key=lambda item: item[0] != "index"):
                self.conn.execute(sql)
            if table in DERIVED:
                DERIVED[table][1](self.conn)
        self.set_aside = {}
        for sql in self.quieted:
            self.conn.execute(sql)
        self.quieted = []


# Rows written in one import from which its WAL checkpoint is done after it, in the background.
CHECKPOINT_LATER_FROM = 5000


@contextmanager
def checkpoint_later(db, rows: int) -> Iterator[None]:
    """Transactions of a big import (``rows`` written) commit without copying the WAL into the
    file (SQLite's automatic checkpoint after COMMIT: 150 MB at 100,000 register rows, written
    and flushed before the import could return); the copy is made after the block, on a reader
    of a thread of its own (PASSIVE: it waits for nobody and nobody waits for it). Nothing
    committed depends on it: a commit is durable in the WAL, and closing the file checkpoints
    whatever is left."""
    if rows < CHECKPOINT_LATER_FROM:
        yield
        return
    conn = db.conn
    pages = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
    threading.Thread(target=_checkpoint, args=(db,), name="menshen-checkpoint", daemon=True).start()


def _checkpoint(db) -> None:
    try:
        with db.reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except (*driver.ERRORS, StorageError, OSError):
        pass                    # the file closed meanwhile, or a full disk: the next commit or close does it


def null_when_left_out(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    """The columns of ``table`` that an INSERT leaving them out fills with NULL (no default)."""
    return frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                     if r[4] is None or r[4].upper() == "NULL")


def without_null_columns(cols: Sequence[str], rows: list[tuple],
                         null_by_default: Collection[str]) -> tuple[tuple[str, ...], list[tuple]]:
    """The columns and rows of a many-row INSERT less the columns that are NULL in every row and
    NULL when left out (``null_when_left_out``): the same rows are stored, and the sqlite3 module
    binds no NULL (it asks a Python adapter for each one, db/driver.py: new register rows and
    the change log's references to them are full of them)."""
    if not rows:
        return tuple(cols), rows
    columns = list(zip(*rows))
    keep = [i for i, (name, values) in enumerate(zip(cols, columns))       # (a filled first row: kept at once)
            if name not in null_by_default or values[0] is not None or values.count(None) != len(values)]
    if not keep or len(keep) == len(cols):          # (no column left would lose the rows themselves)
        return tuple(cols), rows
    return tuple(cols[i] for i in keep), list(zip(*(columns[i] for i in keep)))


# The event of a trigger's CREATE statement: a row inserted into its table (BEFORE is the default).
_ON_INSERT = re.compile(r"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?\S+\s+(?:BEFORE\s+|AFTER\s+|INSTEAD\s+OF\s+)?"
                        r"INSERT\s+ON\s", re.IGNORECASE)


def insert_triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    """The names of the triggers that run when a row is inserted into ``table``."""
    return [name for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,))
        if _ON_INSERT.match(sql)]


@contextmanager
def inserts_without_triggers(conn: sqlite3.Connection, table: str, accounted: Collection[str]) -> Iterator[bool]:
    """Many new rows inserted into ``table`` with its insert triggers set aside (``BulkLoad.quiet``):
    each trigger is a sub-program SQLite runs for every row, with a statement journal of its own,
    a sixth of a 100,000-row import's write. Yields True when they are set aside; the caller
    then does each one's work for all the rows at once, and they are made again when the block
    ends, in the same transaction. Only inside a transaction, and only when every insert
    trigger of the table is one of ``accounted``: a trigger the caller does not know of (a
    later migration's) keeps them all in place, and it yields False: the rows go in as usual."""
    found = insert_triggers(conn, table) if conn.in_transaction else []
    if not found or not set(found) <= set(accounted):
        yield False
        return
    load = BulkLoad(conn)
    load.quiet(found)
    try:
        yield True
    except BaseException:
        # The transaction cannot commit now (its caller rolls it back, which brings the triggers
        # back too); making them again is only tidiness, and must not hide the failure.
        if conn.in_transaction:
            try:
                load.finish()
            except driver.ERRORS:
                pass
        raise
    load.finish()
