"""The LANDED versions module (commit 42b92af), used by tests/db/landed/capture.py. Do not change it.

The versions of a row's field groups, worked out from its changes (SYNC.md 9.4, 9.6).

SYNC.md keeps three tables derived from ``sync_change``: the winning version of every field
group (``sync_cell``), the versions nothing supersedes (``sync_head``) and which version was a
base of which (``sync_base_ref``). Menshen derives them from the row's own changes when they
are needed (a local edit needs its base; a merge needs the winner and the heads) instead of
writing them: a row has a handful of changes, found through ``sync_change_row``, while the
tables cost eleven index rows for every new person (2.2 million rows and about 7 s for a
100,000-person import, measured in bench/excel.py). Nothing derived can then drift from the log.
"""
import json
import sqlite3

Version = tuple[int, str, int]          # (hlc, site_id, seq): LWW order is (hlc, site_id)


def _winners(changes) -> dict[str, Version]:
    """The last-writer-wins version of each group among (hlc, site, seq, cols) changes."""
    cells: dict[str, Version] = {}
    for hlc, site, seq, cols in sorted(changes, key=lambda c: (c[0], c[1])):
        for group in json.loads(cols):
            cells[group] = (hlc, site, seq)
    return cells


def current_cells(cur: sqlite3.Cursor, rows: set[tuple[str, str]]
                  ) -> dict[tuple[str, str], dict[str, Version]]:
    """The winning version of each group of these (table, row id) rows, from the change log."""
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in rows:
        by_table.setdefault(tbl, []).append(row_id)
    found: dict[tuple[str, str], list] = {}
    for tbl, ids in by_table.items():
        # CROSS JOIN walks the ids into the change log's row index, one lookup each.
        for row_id, hlc, site, seq, cols in cur.execute(
                "SELECT c.row_id, c.hlc, c.site_id, c.seq, c.cols FROM json_each(?) j"
                " CROSS JOIN sync_change c ON c.tbl = ? AND c.row_id = j.value WHERE c.kind = 'patch'",
                (json.dumps(ids), tbl)):
            found.setdefault((tbl, row_id), []).append((hlc, site, seq, cols))
    return {key: _winners(changes) for key, changes in found.items()}


def row_versions(conn: sqlite3.Connection, tbl: str, row_id: str
                 ) -> tuple[dict[str, Version], dict[str, set[tuple[str, int]]]]:
    """(winner of each group, heads of each group) of one row: a head is a version of the group
    that no known change of the row names as its base; two heads of a group are a conflict."""
    rows = conn.execute("SELECT hlc, site_id, seq, cols, base FROM sync_change WHERE tbl = ? AND row_id = ?"
                        " AND kind = 'patch'", (tbl, row_id)).fetchall()
    superseded = {(group, site, seq) for *_, base in rows
                  for group, bases in json.loads(base).items() for site, seq in bases}
    heads: dict[str, set[tuple[str, int]]] = {}
    for _, site, seq, cols, _ in rows:
        for group in json.loads(cols):
            if (group, site, seq) not in superseded:
                heads.setdefault(group, set()).add((site, seq))
    return _winners([r[:4] for r in rows]), heads
