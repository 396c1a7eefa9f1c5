"""The versions of a row's field groups, worked out from its changes (SYNC.md 9.4, 9.6).

SYNC.md keeps three tables derived from the change log: the winning version of every field
group (``sync_cell``), the versions nothing supersedes (``sync_head``) and which version was a
base of which (``sync_base_ref``). Menshen derives them from the row's own changes when they
are needed (a local edit needs its base; a merge needs the winner and the heads) instead of
writing them: a row has a handful of changes, found through the log's ``(tbl, row_id)`` index,
while the tables cost eleven index rows for every new person (2.2 million rows and about 7 s
for a 100,000-person import, measured in bench/excel.py). Nothing derived can then drift.

The log is the compact ``sync_log`` (db/sync/log.py): a change that refers to its row has no
stored cols; its groups are the row's non-empty groups, read through the view.
"""
import json
import sqlite3

Version = tuple[int, str, int]          # (hlc, site_id, seq): LWW order is lww_order(hlc, site_id)


def lww_order(hlc: int, site_id: str) -> tuple[int, str]:
    """Which of two versions is the later (SYNC.md 9.3, 11): the greater HLC stamp, a tie of
    stamps (two PCs in one millisecond) going to the greater site id. Never arrival, sequence
    number or value: those differ between machines, which would then disagree for good.
    The district's PostgreSQL copy is desktop/aggregate/pg.py's ``_lww_key``."""
    return hlc, site_id


def _winners(changes) -> dict[str, Version]:
    """The last-writer-wins version of each group among (hlc, site, seq, cols) changes."""
    cells: dict[str, Version] = {}
    for hlc, site, seq, cols in sorted(changes, key=lambda c: lww_order(c[0], c[1])):
        for group in json.loads(cols):
            cells[group] = (hlc, site, seq)
    return cells


#: Where a column's value comes from when its group's winner is an edit that leaves the column out
#: (an older Menshen's, SYNC.md 9.16): {group: {column: the version carrying its value}}.
Fills = dict[str, dict[str, Version]]


def says(values: dict, column: str, base) -> bool:
    """Whether a version of a field group (its ``values``, the change's ``base``) says what
    ``column`` holds: the one rule for a column a version leaves out (docs/sync.md, "An older
    Menshen's edit"). An edit (a change naming a base) sends every column of the group its
    machine has, so one it leaves out is a column its machine did not have yet (SYNC.md 9.16):
    it says nothing about it. A new row's change never names a base and leaves out its NULLs:
    there a column left out says NULL, as before."""
    return column in values or not base or base == "{}"


def _cells(changes) -> tuple[dict[str, Version], Fills]:
    """(the winner of each group, ``Fills``) among (hlc, site, seq, cols, base) changes: a column
    takes its value from the latest change of its group that ``says`` what it holds, listed in
    ``Fills`` only where that is not the group's winner. A function of the set of changes, so
    every replica holding them reaches the same values whatever the order of arrival."""
    ordered = [((hlc, site, seq), json.loads(cols), base)
               for hlc, site, seq, cols, base in sorted(changes, key=lambda c: lww_order(c[0], c[1]))]
    columns: dict[str, set] = {}
    for _, body, _ in ordered:
        for group, values in body.items():
            columns.setdefault(group, set()).update(values)
    winners: dict[str, Version] = {}
    source: dict[tuple[str, str], tuple[Version, bool]] = {}   # -> (version, whether it carries it)
    for v, body, base in ordered:
        for group, values in body.items():
            winners[group] = v
            for col in columns[group]:
                if says(values, col, base):
                    source[(group, col)] = (v, col in values)
    fills: Fills = {}
    for (group, col), (v, carries) in source.items():
        if v != winners[group] and carries:
            fills.setdefault(group, {})[col] = v
    return winners, fills


def _table_no(conn, tbl: str) -> int | None:
    row = conn.execute("SELECT no FROM sync_table_no WHERE name = ?", (tbl,)).fetchone()
    return row[0] if row else None


def _body_cols(conn, site: str, seq: int) -> str:
    return conn.execute("SELECT cols FROM sync_change WHERE site_id = ? AND seq = ?", (site, seq)).fetchone()[0]


def _patches(conn, tbl: str, ids: list[str]) -> list[tuple]:
    """(row_id, hlc, site_id, seq, cols, base) of the patch changes of these rows."""
    tno = _table_no(conn, tbl)
    if tno is None:
        return []
    # CROSS JOIN walks the ids into the change log's row index, one lookup each.
    rows = conn.execute(
        "SELECT j.value, c.hlc, s.site_id, c.seq, c.cols, coalesce(c.base, '{}') FROM json_each(?) j"
        " CROSS JOIN sync_log c ON c.tbl = ? AND c.row_id = sync_row_key(j.value) JOIN sync_site_no s ON s.no = c.site"
        " WHERE c.kind = 0", (json.dumps(ids), tno)).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4] if r[4] is not None else _body_cols(conn, r[2], r[3]), r[5])
            for r in rows]


def current_cells(cur: sqlite3.Cursor, rows: set[tuple[str, str]]
                  ) -> dict[tuple[str, str], dict[str, Version]]:
    """The winning version of each group of these (table, row id) rows, from the change log."""
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in rows:
        by_table.setdefault(tbl, []).append(row_id)
    found: dict[tuple[str, str], list] = {}
    for tbl, ids in by_table.items():
        for row_id, hlc, site, seq, cols, _ in _patches(cur, tbl, ids):
            found.setdefault((tbl, row_id), []).append((hlc, site, seq, cols))
    return {key: _winners(changes) for key, changes in found.items()}


def current_sources(cur: sqlite3.Cursor, rows: set[tuple[str, str]]
                    ) -> dict[tuple[str, str], tuple[dict[str, Version], Fills]]:
    """(winner of each group, ``Fills``) of these (table, row id) rows, from the change log:
    where each column's value comes from (``_cells``)."""
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in rows:
        by_table.setdefault(tbl, []).append(row_id)
    found: dict[tuple[str, str], list] = {}
    for tbl, ids in by_table.items():
        for row_id, *change in _patches(cur, tbl, ids):
            found.setdefault((tbl, row_id), []).append(change)
    return {key: _cells(changes) for key, changes in found.items()}


def row_versions(conn: sqlite3.Connection, tbl: str, row_id: str
                 ) -> tuple[dict[str, Version], dict[str, set[tuple[str, int]]]]:
    """(winner of each group, heads of each group) of one row: a head is a version of the group
    that no known change of the row names as its base; two heads of a group are a conflict."""
    rows = [r[1:] for r in _patches(conn, tbl, [row_id])]
    superseded = {(group, site, seq) for *_, base in rows
                  for group, bases in json.loads(base).items() for site, seq in bases}
    heads: dict[str, set[tuple[str, int]]] = {}
    for _, site, seq, cols, _ in rows:
        for group in json.loads(cols):
            if (group, site, seq) not in superseded:
                heads.setdefault(group, set()).add((site, seq))
    return _winners([r[:4] for r in rows]), heads


def insert_hlcs(conn: sqlite3.Connection, table: str, row_ids: list[str]) -> dict[str, int]:
    """The HLC of each row's insert change (its first change: rows are made once), for the rows
    that have one; orders rows as they were made across machines (status history)."""
    tno = _table_no(conn, table)
    if tno is None or not row_ids:
        return {}
    return dict(conn.execute(
        "SELECT j.value, min(c.hlc) FROM json_each(?) j CROSS JOIN sync_log c"
        " ON c.tbl = ? AND c.row_id = sync_row_key(j.value) GROUP BY j.value", (json.dumps(list(row_ids)), tno)).fetchall())
