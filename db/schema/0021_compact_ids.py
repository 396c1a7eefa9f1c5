"""Storage fit to travel (issue 14, the 500 MB target): the change log keeps row ids as 16 bytes,
and the gate log's household index holds only what the household rule reads.

* ``sync_log.row_id``: an id that is a canonical UUID (lowercase, hyphenated: every id Menshen
  makes) is stored as the UUID's 16 bytes instead of 36 characters of text, any other id stays
  text (db/sync/log.py ``row_key``/``row_text``; the view ``sync_change``, exports and packages
  still show the text id). 40 bytes less per change, table and ``(tbl, row_id)`` index together.
  The column keeps its TEXT affinity: SQLite stores a BLOB in it as it is.
* ``gate_log_household``: read by one query only, the household rule (desktop/gate/rule.py
  ``others_out``: who of this household went out, allowed, within the rule's window). It becomes
  a partial index over those rows (passages out that were allowed, about half of the log), so it
  is half its size and the rule's query reads the same range.

Nothing stored in a replicated row changes, so no change needs freezing and every change
exports byte for byte as before. Self-contained: it looks at whichever of sync_log and gate_log
exist, and converts ids with its own copy of the rule.
"""
import re
import sqlite3

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _key(row_id):
    if isinstance(row_id, str) and len(row_id) == 36 and _UUID.fullmatch(row_id):
        return bytes.fromhex(row_id.replace("-", ""))
    return row_id


def _exists(conn: sqlite3.Connection, kind: str, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (kind, name)).fetchone() is not None


def migrate(conn: sqlite3.Connection) -> None:
    if _exists(conn, "table", "sync_log"):
        conn.create_function("m0021_row_key", 1, _key, deterministic=True)
        # The index is made again once, rather than moved entry by entry.
        conn.execute("DROP INDEX IF EXISTS sync_log_row")
        conn.execute("UPDATE sync_log SET row_id = m0021_row_key(row_id) WHERE typeof(row_id) = 'text'"
                     " AND length(row_id) = 36")
        conn.execute("CREATE INDEX sync_log_row ON sync_log(tbl, row_id)")
    if _exists(conn, "table", "gate_log"):
        conn.execute("DROP INDEX IF EXISTS gate_log_household")
        conn.execute("CREATE INDEX gate_log_household ON gate_log(household_id, at) WHERE household_id IS NOT NULL"
                     " AND kind = 'pass' AND direction = 'out' AND outcome = 'allowed'")
