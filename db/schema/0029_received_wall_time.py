"""Received changes keep their wall time as the changes made here do (db/sync/log.py): an
integer, the ms after the HLC's ms, instead of 29 bytes of text ("2026-12-07T08:00:00.123+00:00").
A street office that received a million gate passages kept 29 MB of such text in ``sync_log``.

Only a text the view ``sync_change`` gives back byte for byte from the integer is converted
(``log.stored_wall_sql``, the rule the importer now stores by); any other text (the earlier
log's, another form, NULL) stays as it is. So every change exports exactly as before: its
wall time, body and hash alike (tests/sync/test_wall_time.py exports before and after).

In Python only to use that one rule: the view this migration is followed by reads the column
with its twin (``log.wall_text_sql``), so the two cannot part. Nothing in a replicated row
changes, so no change needs freezing.
"""
import sqlite3

from db.sync.log import stored_wall_sql


def migrate(conn: sqlite3.Connection) -> None:
    conn.execute(f"UPDATE sync_log SET wall = {stored_wall_sql('hlc', 'wall')} WHERE typeof(wall) = 'text'")
