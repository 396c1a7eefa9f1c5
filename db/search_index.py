"""Bringing the search indexes up to date for the people a transaction touched.

Triggers note each person whose name, numbers or place changed in ``search_dirty``
(db/schema/0011). ``settle`` re-indexes all of them in four set-wise statements just before
COMMIT, so an import of 100,000 people writes each index entry once, not once per row that
touched the person; an import commits first and settles in a transaction of its own
(``after_commit``). Outside a transaction the trigger ``search_dirty_now`` does it at once.
"""
import json
import sqlite3
import threading
from contextlib import contextmanager
from typing import Iterable, Mapping

# The people to re-index, by rowid. SQLite walks a "rowid IN (…)" list in ascending order, so
# the entries reach FTS5 in rowid order: it appends to its lists instead of inserting into them
# (5x faster for an import), without sorting the entries' text (memory for 200,000 people).
_DIRTY = "(SELECT p.rowid FROM search_dirty d JOIN person p ON p.id = d.person_id)"


# What the insert trigger of each table (search_<table>_ins, db/schema/0011) notes for a new
# row: the person it is or links (the column naming them), or the people a new place completes,
# found from the new rows' ids (a JSON array). ``note_inserted`` does it for many rows at once where
# a bulk insert set the triggers aside (db/bulk.py, desktop/register/batch.py).
_PERSON_OF_NEW_ROW = {"person": "id", "membership": "person_id"}
_MEMBERS_OF = ("SELECT m.person_id FROM household h JOIN membership m ON m.household_id = h.id"
               " AND m.is_deleted = 0 WHERE h.{} IN (SELECT value FROM json_each(?))")
_PEOPLE_OF_NEW_PLACE = {
    "household": "SELECT person_id FROM membership WHERE household_id IN (SELECT value FROM json_each(?))"
                 " AND is_deleted = 0",
    "unit": _MEMBERS_OF.format("unit_id"),
    "building": _MEMBERS_OF.format("building_id"),
    "compound": _MEMBERS_OF.format("compound_id"),
}


def insert_trigger(table: str) -> str | None:
    """The name of ``table``'s trigger that notes people for the index, if it has one."""
    return f"search_{table}_ins" if table in _PERSON_OF_NEW_ROW or table in _PEOPLE_OF_NEW_PLACE else None


def note_inserted(conn: sqlite3.Connection, table: str, rows: Iterable[Mapping]) -> None:
    """Note the people that the new ``rows`` of ``table`` (each with its columns) bring to the
    index, as its insert trigger would have for each of them."""
    if column := _PERSON_OF_NEW_ROW.get(table):
        conn.execute("INSERT OR IGNORE INTO search_dirty SELECT value FROM json_each(?)",
                     (json.dumps([row.get(column) for row in rows]),))
    elif table in _PEOPLE_OF_NEW_PLACE:
        conn.execute(f"INSERT OR IGNORE INTO search_dirty {_PEOPLE_OF_NEW_PLACE[table]}",
                     (json.dumps([row["id"] for row in rows]),))


# The two indexes as the schema makes them (db/schema/0009, 0002); a test holds them to it.
NAME_INDEX = "fts5(chars, pinyin, place, tokenize = 'unicode61')"
DIGITS_INDEX = "fts5(digits, tokenize = 'trigram')"


@contextmanager
def scratch_index(entries):
    """An in-memory pair of search indexes holding only ``entries`` (rowid, chars, pinyin,
    place, digits: a person's index entry), and a table ``person`` of their rowids, so the
    register's own search condition runs on people whose entry the real index holds otherwise
    (the removed, indexed without the household they were taken out of)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE person (rowid INTEGER PRIMARY KEY)")
        conn.execute(f"CREATE VIRTUAL TABLE person_name_fts USING {NAME_INDEX}")
        conn.execute(f"CREATE VIRTUAL TABLE person_digits_fts USING {DIGITS_INDEX}")
        for rowid, chars, pinyin, place, digits in entries:
            conn.execute("INSERT INTO person(rowid) VALUES (?)", (rowid,))
            conn.execute("INSERT INTO person_name_fts(rowid, chars, pinyin, place) VALUES (?, ?, ?, ?)",
                         (rowid, chars, pinyin, place))
            conn.execute("INSERT INTO person_digits_fts(rowid, digits) VALUES (?, ?)", (rowid, digits))
        yield conn
    finally:
        conn.close()


# (connection, thread) whose transactions leave the index to a transaction after their commit.
_AFTER_COMMIT: set[tuple[int, int]] = set()


@contextmanager
def after_commit(conn: sqlite3.Connection):
    """Transactions of this thread on ``conn`` commit without settling the search index (a
    100,000-row import commits its people 1-2 s sooner); the people stay noted in
    ``search_dirty``, committed with them, and the next transaction settles them (at the latest
    the next open's: Database._settle_left), so a crash in between loses nothing. The caller runs
    that transaction right after (an empty ``Database.transaction()``)."""
    key = (id(conn), threading.get_ident())
    _AFTER_COMMIT.add(key)
    try:
        yield
    finally:
        _AFTER_COMMIT.discard(key)


def noted(conn: sqlite3.Connection) -> bool:
    """Whether people are noted in ``search_dirty`` and not indexed yet."""
    return conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone() is not None


def settle(conn: sqlite3.Connection) -> None:
    if (id(conn), threading.get_ident()) in _AFTER_COMMIT or not noted(conn):
        return
    for index in ("person_name_fts", "person_digits_fts"):
        # Only people up to the last one indexed can have an entry to remove: an import's new
        # people (rowids after every other) are not looked up in the index one by one.
        last = conn.execute(f"SELECT rowid FROM {index} ORDER BY rowid DESC LIMIT 1").fetchone()
        if last is not None:
            conn.execute(f"DELETE FROM {index} WHERE rowid IN (SELECT p.rowid FROM search_dirty d"
                         " JOIN person p ON p.id = d.person_id WHERE p.rowid <= ?)", last)
    conn.execute("INSERT INTO person_name_fts(rowid, chars, pinyin, place)"
                 f" SELECT person_rowid, chars, pinyin, place FROM person_search_entry WHERE person_rowid IN {_DIRTY}")
    conn.execute("INSERT INTO person_digits_fts(rowid, digits)"
                 f" SELECT person_rowid, digits FROM person_search_entry WHERE person_rowid IN {_DIRTY}")
    conn.execute("DELETE FROM search_dirty")
