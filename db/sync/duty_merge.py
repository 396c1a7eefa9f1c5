"""Merged people on duty on every machine, without Qt: db/sync/person_merge.py for the duty list.

The office and the gate laptop each registered 张志愿; the office merges the two entries
(desktop/duty/duplicates.py). The merge is one replicated ``duty_merge`` row per pair (id =
``natural_id("duty_merge", *sorted pair)``; the older entry, the smaller id, always survives, so
the pair is the same whoever merges it). ``settle_duty_merges(conn, recorder)`` makes the data
tables agree with the merges held and runs where ``settle_merges`` runs: after every import that
brought changes (db/sync/merge.py) and after every local merge. Like it, it is a function of
the changes held, so a shift the laptop rosters on the merged-away entry before the merge
reaches it, or a canvass result by it, counts for the survivor whichever arrives first:

* **Who an entry now is**: ``canonical_map(conn, "duty_merge")``, the same rule as for residents.
* **Editable records** naming a merged-away entry (a shift's person, a canvass result's
  canvasser) are pointed at the survivor in the data table, written as the importer writes (no
  change recorded: every machine derives the same from the same merges).
* **The loser** is hidden (``is_deleted = 1``).

No append-only log names a person on duty, so there is no alias table; and since the older entry
always survives, a merged-away entry never comes back as a survivor.
"""
import sqlite3

from db.sync.person_merge import canonical_map, exists, in_ids, point_refs

# Editable (lww) records that name a person on duty: pointed at the survivor.
REFS = (("duty_shift", "person_id"), ("canvass_result", "canvasser_id"))


def settle_duty_merges(conn: sqlite3.Connection, recorder) -> int:
    """Make the duty tables agree with the duty merges held (see the module's docstring), inside
    the caller's transaction; returns how many rows it wrote. Cheap when nothing was merged."""
    if not exists(conn, "duty_merge"):
        return 0
    mapping = canonical_map(conn, "duty_merge")
    if not mapping:
        return 0
    sub, arg = in_ids(mapping)
    saved = recorder.applying
    recorder.applying = 1               # derived from the merges held: no change is recorded
    try:
        written = point_refs(conn, REFS, mapping, sub, arg)
        written += conn.execute(f"UPDATE duty_person SET is_deleted = 1 WHERE id IN {sub} AND is_deleted = 0",
                                (arg,)).rowcount
    finally:
        recorder.applying = saved
    return written
