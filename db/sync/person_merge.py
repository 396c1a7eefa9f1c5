"""Merged duplicate persons on every machine (SYNC.md 9.13; issue 15), without Qt.

A merge is one replicated ``person_merge`` row per pair of persons (id =
``natural_id("person_merge", *sorted pair)``; ``loser_id`` and ``survivor_id`` one field group,
last writer wins). ``settle_merges(conn, recorder)`` makes the data tables agree with the set of
merges held, and is run after every import that brought changes (db/sync/merge.py) and after
every local merge (desktop/sync/duplicates.py). It is a function of the changes held, so it does
not matter in which order the merge and the rows naming the loser arrive, nor how often it runs:

* **Who a merged person now is** (``canonical_map``): the merges join persons into groups; in a
  group the person no merge names as loser survives (the smallest id when there are none or
  several: two machines merging A→B and B→C→A make no cycle). Groups only grow (a merge is not
  undone), so mapping a value already mapped gives the same answer.
* **Editable records** naming a merged-away person (a household's landlord, passes, vehicles, a
  helper, isolation episodes) are pointed at the survivor in the data table, written as the
  importer writes (no change recorded: every machine derives the same from the same merges).
  Where a person has one row per household (membership) or one row at all (care_subject), the
  loser's row is pointed at the survivor only when the survivor has no live row of its own there;
  otherwise it keeps naming the loser and is hidden with it. Which row keeps is worked out from
  the rows' own winning values, so it does not depend on what was written before.
* **The loser** is hidden: ``is_deleted = 1``, ``merged_into`` = the survivor.
* **Append-only logs** (gate passages, care visits, follow-ups, status history, travel, canvass
  steps) are never rewritten: they are immutable and their change bodies are read from the row.
  ``person_alias(id, canonical_id)`` (local) lists every merged-away person; a person's history
  is read through it (``PERSON_AND_ALIASES``), so a gate row for the loser that arrives after
  the merge is read as the survivor's.
"""
import json
import sqlite3

from db.sync.log import change_body, q
from db.sync.versions import current_cells

# Editable (lww) records that name a person: pointed at the survivor.
REFS = (("household", "landlord_person_id"), ("gate_pass", "person_id"), ("vehicle", "person_id"),
        ("care_helper", "person_id"), ("isolation_episode", "person_id"))
# One row per (these columns, person): the loser's row moves to the survivor only if the survivor
# has no live row of its own; its group holding the person column.
ONE_PER = {"membership": (("household_id",), "link"), "care_subject": ((), "person_id")}
# Append-only logs that name a person: read through person_alias, never rewritten.
APPEND_REFS = (("gate_log", "person_id"), ("care_visit", "person_id"), ("isolation_followup", "person_id"),
               ("status_change", "person_id"), ("travel_record", "person_id"), ("canvass_step", "person_id"))

# "person_id IN (...)" for a person's history: the person and everyone merged into it. Bind the
# person's id twice.
PERSON_AND_ALIASES = "(SELECT ? UNION ALL SELECT id FROM person_alias WHERE canonical_id = ?)"


def canonical_map(conn: sqlite3.Connection, merges: str = "person_merge") -> dict[str, str]:
    """Every merged-away person -> the person it now is (see the module's docstring). ``merges``:
    the table of merges read (``duty_merge`` for the people on duty, db/sync/duty_merge.py)."""
    edges = [(a, b) for a, b in conn.execute(
        f"SELECT loser_id, survivor_id FROM {q(merges)} WHERE loser_id IS NOT NULL AND survivor_id IS NOT NULL"
        " AND loser_id <> survivor_id")]
    if not edges:
        return {}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    losers = {a for a, _ in edges}
    out = {}
    for members in groups.values():
        sinks = sorted(members - losers)
        canon = sinks[0] if sinks else min(members)
        out.update({x: canon for x in members if x != canon})
    return out


def _winner(conn, tbl: str, row_id: str, group: str) -> dict | None:
    """The winning values of one field group of a row, from the change log (None: no version)."""
    cell = current_cells(conn.cursor(), {(tbl, row_id)}).get((tbl, row_id), {}).get(group)
    if cell is None:
        return None
    return json.loads(change_body(conn, cell[1], cell[2])[0]).get(group, {})


def exists(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def in_ids(ids) -> tuple[str, str]:
    return "(SELECT value FROM json_each(?))", json.dumps(sorted(ids))


def settle_merges(conn: sqlite3.Connection, recorder) -> int:
    """Make the data tables agree with the merges held (see the module's docstring), inside the
    caller's transaction; returns how many rows it wrote. Cheap when nothing was ever merged."""
    if not exists(conn, "person_merge"):
        return 0
    mapping = canonical_map(conn)
    before = dict(conn.execute("SELECT id, canonical_id FROM person_alias"))
    if not mapping and not before:
        return 0
    touched = set(mapping) | set(mapping.values()) | set(before) | set(before.values())
    sub, arg = in_ids(touched)
    written = 0
    saved = recorder.applying
    recorder.applying = 1               # derived from the merges held: no change is recorded
    try:
        written += point_refs(conn, REFS, mapping, sub, arg)
        for table, (keys, group) in ONE_PER.items():
            written += _settle_one_per(conn, table, keys, group, mapping, sub, arg)
        for loser, canon in mapping.items():
            written += conn.execute(
                "UPDATE person SET is_deleted = max(is_deleted, 1), merged_into = ? WHERE id = ?"
                " AND (is_deleted = 0 OR merged_into IS NOT ?)", (canon, loser, canon)).rowcount
        for was in set(before) - set(mapping):          # survives now (the merge's direction changed)
            raw = (_winner(conn, "person", was, "is_deleted") or {}).get("is_deleted", 0)
            merged = (_winner(conn, "person", was, "merged_into") or {}).get("merged_into")
            written += conn.execute("UPDATE person SET is_deleted = ?, merged_into = ? WHERE id = ?",
                                    (raw or 0, merged, was)).rowcount
    finally:
        recorder.applying = saved
    if before != mapping:
        conn.execute("DELETE FROM person_alias")
        conn.executemany("INSERT INTO person_alias (id, canonical_id) VALUES (?, ?)", sorted(mapping.items()))
    return written


def point_refs(conn, refs, mapping: dict, sub: str, arg: str) -> int:
    """Point every (table, column) of ``refs`` naming a merged-away id (among ``sub``) at the id
    it now is; the caller has silenced the capture. Returns how many rows it wrote."""
    written = 0
    for table, col in refs:
        for row_id, value in conn.execute(f"SELECT id, {q(col)} FROM {q(table)} WHERE {q(col)} IN {sub}",
                                          (arg,)).fetchall():
            target = mapping.get(value, value)
            if target != value:
                conn.execute(f"UPDATE {q(table)} SET {q(col)} = ? WHERE id = ?", (target, row_id))
                written += 1
    return written


def _settle_one_per(conn, table: str, keys: tuple, group: str, mapping: dict, sub: str, arg: str) -> int:
    rows = conn.execute(f"SELECT id, person_id, is_deleted{''.join(', ' + q(k) for k in keys)} FROM {q(table)}"
                        f" WHERE person_id IN {sub}", (arg,)).fetchall()
    by_key: dict[tuple, list] = {}
    for row_id, current, deleted, *key in rows:
        raw = (_winner(conn, table, row_id, group) or {}).get("person_id") or current
        canon = mapping.get(raw, raw)
        by_key.setdefault((*key, canon), []).append((row_id, raw, current, deleted))
    written = 0
    for (*_, canon), members in by_key.items():
        live = [m for m in members if not m[3]] or members
        own = sorted(m[0] for m in live if m[1] == canon)
        keeper = own[0] if own else min(m[0] for m in live)
        for row_id, raw, current, _ in members:
            target = canon if row_id == keeper else raw
            if target != current:
                conn.execute(f"UPDATE {q(table)} SET person_id = ? WHERE id = ?", (target, row_id))
                written += 1
    return written
