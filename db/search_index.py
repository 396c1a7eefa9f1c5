"""Bringing the search indexes up to date for the people a transaction touched.

Triggers note each person whose name, numbers or place changed in ``search_dirty``
(db/schema/0011). ``settle`` re-indexes all of them in four set-wise statements just before
COMMIT, so an import of 100,000 people writes each index entry once, not once per row that
touched the person. Outside a transaction the trigger ``search_dirty_now`` does it at once.
"""
import sqlite3

_DIRTY_ROWIDS = "SELECT p.rowid FROM search_dirty d JOIN person p ON p.id = d.person_id"
_DIRTY_ENTRIES = "FROM search_dirty d JOIN person_search_entry e ON e.person_id = d.person_id"


def settle(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone() is None:
        return
    conn.execute(f"DELETE FROM person_name_fts WHERE rowid IN ({_DIRTY_ROWIDS})")
    conn.execute(f"DELETE FROM person_digits_fts WHERE rowid IN ({_DIRTY_ROWIDS})")
    # In rowid order: FTS5 appends to its lists instead of inserting into them (5x faster).
    conn.execute("INSERT INTO person_name_fts(rowid, chars, pinyin, place)"
                 f" SELECT e.person_rowid, e.chars, e.pinyin, e.place {_DIRTY_ENTRIES} ORDER BY 1")
    conn.execute("INSERT INTO person_digits_fts(rowid, digits)"
                 f" SELECT e.person_rowid, e.digits {_DIRTY_ENTRIES} ORDER BY 1")
    conn.execute("DELETE FROM search_dirty")
