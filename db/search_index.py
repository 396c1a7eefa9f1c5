"""Bringing the search indexes up to date for the people a transaction touched.

Triggers note each person whose name, numbers or place changed in ``search_dirty``
(db/schema/0011). ``settle`` re-indexes all of them in four set-wise statements just before
COMMIT, so an import of 100,000 people writes each index entry once, not once per row that
touched the person; an import commits first and settles in a transaction of its own
(``after_commit``). Outside a transaction the trigger ``search_dirty_now`` does it at once.
"""
import sqlite3
import threading
from contextlib import contextmanager

# The people to re-index, by rowid. SQLite walks a "rowid IN (…)" list in ascending order, so
# the entries reach FTS5 in rowid order: it appends to its lists instead of inserting into them
# (5x faster for an import), without sorting the entries' text (memory for 200,000 people).
_DIRTY = "(SELECT p.rowid FROM search_dirty d JOIN person p ON p.id = d.person_id)"


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
    ``search_dirty``, committed with them, and the next transaction settles them, so a crash in
    between loses nothing. The caller runs that transaction right after (an empty ``Database.transaction()``)."""
    key = (id(conn), threading.get_ident())
    _AFTER_COMMIT.add(key)
    try:
        yield
    finally:
        _AFTER_COMMIT.discard(key)


def settle(conn: sqlite3.Connection) -> None:
    if (id(conn), threading.get_ident()) in _AFTER_COMMIT:
        return
    if conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone() is None:
        return
    conn.execute(f"DELETE FROM person_name_fts WHERE rowid IN {_DIRTY}")
    conn.execute(f"DELETE FROM person_digits_fts WHERE rowid IN {_DIRTY}")
    conn.execute("INSERT INTO person_name_fts(rowid, chars, pinyin, place)"
                 f" SELECT person_rowid, chars, pinyin, place FROM person_search_entry WHERE person_rowid IN {_DIRTY}")
    conn.execute("INSERT INTO person_digits_fts(rowid, digits)"
                 f" SELECT person_rowid, digits FROM person_search_entry WHERE person_rowid IN {_DIRTY}")
    conn.execute("DELETE FROM search_dirty")
