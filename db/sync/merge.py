"""Applying received changes (SYNC.md 9.6, 9.7 and 9.11 steps 6 and 9), without Qt.

``apply_changes(db, changes)`` takes changes as packages carry them (12 values in
``sync_change`` order: site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256,
format, wall_time, user_name) and, in ONE transaction:

1. checks every change before anything is written: a registered table, the right kind for its
   class (``patch`` for lww, ``insert`` for append), JSON objects, groups and columns this
   database has (a newer Menshen's others are kept for the upgrade that adds them, SYNC.md 9.16:
   ``_kept_columns``, ``apply_kept``; an unknown table or kind is refused), the content hash
   recomputed; a change we already hold under the same ``(site_id, seq)`` with a different
   hash refuses the whole package (``MergeRefused``: sequence reuse or tampering); so does an
   append row whose id we hold from another change with a different body;
2. stores each change not yet held (through the ``sync_change`` view, with its full body);
3. with the capture triggers silenced (``recorder.applying``): for lww tables writes into the
   data table only the field groups whose winner, max (hlc, site_id) over every change held for
   the row (db/sync/versions.py), is a change that just arrived; a row that does not exist yet is
   made with every group's winner and NULL (or the column's default) for the rest (a partial
   row; SYNC.md 9.4); within a group, a column an older Menshen's edit leaves out keeps the
   value of the change that last carried it (``versions.says``, docs/sync.md). The freeze
   trigger still fires, so a local change that refers to its row keeps its body. Append changes
   are ``INSERT OR IGNORE`` by id;
4. advances knowledge over contiguous numbers per origin (db/sync/knowledge.py) and the HLC
   (``recv`` of the highest stamp received), stored as the site's ``hlc_last``.

Applying changes already held changes nothing, and the order of arrival does not matter: the
data is a function of the set of changes held.

**Open conflicts** (SYNC.md 9.7) are worked out from heads, never at arrival: a group with two
or more heads (versions no held change names as its base) whose values differ. Values are
compared column by column over the columns this database has, with NULLs left out, since a new
row's change leaves out its NULL columns while an edit sends them (``_differ``).
"""
import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from db import driver
from db.bulk import DERIVED, BulkLoad
from db.sync import incoming
from db.sync import knowledge as kn
from db.sync import log
from db.sync.duty_merge import REFS as DUTY_REFS, settle_duty_merges
from db.sync.log import canonical_json, change_body, change_hash, content_hash, q, row_key, row_text
from db.sync.person_merge import settle_merges
from db.sync.registry import APPEND, SYNC_TABLES
from db.sync.versions import _patches, current_sources, row_versions, says

Row = tuple[str, str]                   # (table, row id)
Conflict = tuple[str, str, str, tuple]  # (table, row id, group, sorted heads ((site_id, seq), ...))


class MergeRefused(Exception):
    """The changes cannot be applied; nothing was written. ``message`` is Chinese."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message, self.detail = message, detail


@dataclass
class MergeResult:
    n_changes: int = 0          # changes offered
    n_new: int = 0              # not held before: stored
    n_applied: int = 0          # of those, the ones that won a group or added a row
    rows: set = field(default_factory=set)           # (table, row id) of lww rows touched
    conflicts: set = field(default_factory=set)      # open conflicts among the touched rows
    sites: dict = field(default_factory=dict)        # knowledge of the origins touched, after
    max_hlc: int = 0
    n_kept: int = 0             # of the new ones, those with columns kept for an upgrade (SYNC.md 9.16)


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({q(table)})")]


_ASK_AGAIN = "请让对方重新导出，若再次出现请联系技术人员。"
# A table or column this machine does not have comes from a newer Menshen (the package itself was
# authenticated and its hashes hold): exporting again would bring the same, upgrading reads it.
_UPGRADE = "多半是对方的门神比这台电脑的新：请把这台电脑的门神升级到与对方相同的版本，再导入这个同步包（不用重新导出）。"


def _refuse(detail: str, change=None, advice: str = _ASK_AGAIN) -> MergeRefused:
    where = f"（{change[0][:8]}… 第 {change[1]} 条，表 {change[3]}）" if change is not None else ""
    return MergeRefused(f"同步包里有一条更改不对{where}：{detail}。整个同步包没有导入，数据库没有任何改动；"
                        + advice, detail)


def _check(changes: list[tuple], groups_of: dict, kept: dict | None = None) -> list[tuple]:
    """SYNC.md 9.11 step 6 for each change; returns (change, parsed cols) pairs, the parsed cols
    holding only the groups and columns this database has.

    A change that carries its ``content_sha256`` has it recomputed; a package of payload format
    2 carries none (the package's AEAD tags and its payload digest authenticate every byte of
    it once, docs/sync.md), and the receiver makes the hash from the body when it is read.

    A column or group this database lacks (a newer Menshen's, of a table we have) does not
    refuse the change (SYNC.md 9.16, ``_kept_columns``): its ``(site_id, seq)`` goes into
    ``kept`` with its table, what we know of it is applied as usual, and its body is stored whole."""
    out = []
    rules: dict = {}                    # table -> (the kind its changes have, {group: its columns})
    for c in changes:
        site_id, seq, hlc, tbl, row_id, kind, cols, base, sha, version = c[:10]
        rule = rules.get(tbl)
        if rule is None:
            table = SYNC_TABLES.get(tbl)
            if table is None:
                raise _refuse(f"不认识的表 {tbl}", c, _UPGRADE)
            rule = rules[tbl] = ("insert" if table.kind == APPEND else "patch",
                                 {g: frozenset(cs) for g, cs in groups_of[tbl].items()})
        if kind != rule[0]:
            # A kind no Menshen of this version writes is a newer one's (the package is authenticated).
            raise _refuse(f"表 {tbl} 不接受 {kind} 类的更改", c, _ASK_AGAIN if kind in log.KINDS else _UPGRADE)
        if not isinstance(row_id, str) or not row_id or not isinstance(seq, int) or seq < 1 \
                or not isinstance(hlc, int) or hlc < 0 or not isinstance(site_id, str) \
                or not isinstance(version, int):
            raise _refuse("编号不对", c)
        try:
            # A NaN is damage in a column known here or kept for an upgrade alike.
            parsed, parsed_base = log.read_body(cols), ({} if base == "{}" else log.read_body(base))
        except log.NotFinite:
            raise _refuse("内容里有一个数不是正常的数字（NaN 或无穷大），可能已损坏", c) from None
        except (TypeError, ValueError):
            raise _refuse("内容不是有效的 JSON", c) from None
        if not isinstance(parsed, dict) or not isinstance(parsed_base, dict):
            raise _refuse("内容格式不对", c)
        if sha is not None and change_hash(c) != sha:
            raise _refuse("内容校验值不符（可能被改动或损坏）", c)
        groups = rule[1]
        if not groups:
            raise _refuse(f"这台电脑的数据库还没有表 {tbl}", c, _UPGRADE)
        for g, values in parsed.items():
            if not isinstance(values, dict):
                raise _refuse(f"表 {tbl} 的字段组 {g} 格式不对", c)
            if g not in groups or not values.keys() <= groups[g]:
                parsed = _kept_columns(c, parsed, groups)
                if kept is not None:
                    kept[(site_id, seq)] = tbl
                break
        out.append((c, parsed))
    return out


#: A name of a group or column a newer Menshen may send that this one keeps (SYNC.md 9.16): what
#: the registry's and migrations' names look like, so it can be named in SQL after the upgrade.
_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _kept_columns(c, parsed: dict, groups: dict) -> dict:
    """A change of a newer Menshen with groups or columns this database lacks: its body is kept
    whole (stored, passed on, applied after the upgrade that adds them: ``apply_kept``); the
    groups and columns we have are returned, to be applied now exactly as any change's. Refused
    (the package is then hostile or broken, not newer): a change of a format above ours, a name
    that is not a plain identifier, a value no column can take."""
    tbl, version = c[3], c[9]
    if version > log.CHANGE_FORMAT:
        raise _refuse(f"更改的格式（{version}）比这台电脑能读的新", c, _UPGRADE)
    known: dict = {}
    for g, values in parsed.items():
        cols = groups.get(g, frozenset())
        if not (cols or _PLAIN_NAME.fullmatch(g)):
            raise _refuse(f"表 {tbl} 里有不合规的字段名", c)
        for col, value in values.items():
            if col in cols:
                continue
            if not _PLAIN_NAME.fullmatch(col):
                raise _refuse(f"表 {tbl} 里有不合规的字段名", c)
            if not (value is None or isinstance(value, (str, float))
                    or (isinstance(value, int) and -2 ** 63 <= value < 2 ** 63)):
                raise _refuse(f"表 {tbl} 的字段 {col} 的值不是文字或数字", c)
        if g in groups:
            known[g] = {col: v for col, v in values.items() if col in cols}
    return known


class _Numbers:
    """The local numbers of sites, tables and user names (db/sync/log.py) and each append
    table's current shape, looked up once per import."""

    def __init__(self, conn):
        self.conn = conn
        self.sites = dict(conn.execute("SELECT site_id, no FROM sync_site_no"))
        self.tables = dict(conn.execute("SELECT name, no FROM sync_table_no"))
        self.users = dict(conn.execute("SELECT name, no FROM sync_user_no"))
        self.shapes: dict[str, log.Shape | None] = {}

    def _number(self, table: str, column: str, cache: dict, key):
        no = cache.get(key)
        if no is None:
            self.conn.execute(f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)", (key,))
            no = cache[key] = self.conn.execute(f"SELECT no FROM {table} WHERE {column} = ?", (key,)).fetchone()[0]
        return no

    def site(self, site_id: str) -> int:
        return self._number("sync_site_no", "site_id", self.sites, site_id)

    def table(self, name: str) -> int:
        return self._number("sync_table_no", "name", self.tables, name)

    def user(self, name: str | None) -> int | None:
        return None if name is None else self._number("sync_user_no", "name", self.users, name)

    def shape(self, tbl: str) -> "log.Shape | None":
        """The shape the capture triggers give a new row of ``tbl`` now (db/sync/capture.py)."""
        if tbl not in self.shapes:
            info = self.conn.execute(f"PRAGMA table_info({q(tbl)})").fetchall()
            groups, keep_nulls = incoming.table_shape(tbl, info)
            tno = self.table(tbl)
            text = log.shape_text(groups, keep_nulls)
            row = self.conn.execute("SELECT no FROM sync_shape WHERE tbl = ? AND groups = ?", (tno, text)).fetchone()
            self.shapes[tbl] = log.Shape(row[0], tno, tbl, groups, keep_nulls) if row else None
        return self.shapes[tbl]


def _held(conn, numbers: _Numbers, site_id: str, seqs: list[int]) -> set[int]:
    no = numbers.sites.get(site_id)
    if no is None:
        return set()
    return {r[0] for r in conn.execute(
        "SELECT l.seq FROM json_each(?) j CROSS JOIN sync_log l ON l.site = ? AND l.seq = j.value",
        (json.dumps(seqs), no))}


def _new_only(conn, checked: list, numbers: _Numbers) -> list:
    """The changes not held yet; a held (site, seq) with another body refuses everything."""
    out, here = [], {}
    by_site: dict[str, list[int]] = {}
    for c, _ in checked:
        by_site.setdefault(c[0], []).append(c[1])
    held = {site: _held(conn, numbers, site, seqs) for site, seqs in by_site.items()}
    for c, parsed in checked:
        site_id, seq = c[0], c[1]
        first = here.setdefault((site_id, seq), c)
        if first is not c:                  # twice in one batch: the same change, or a forgery
            if _content_key(first) != _content_key(c):
                raise _refuse("同一编号出现两次，内容不同", c)
            continue
        if seq in held[site_id]:
            if change_body(conn, site_id, seq)[2] != _hash_of(c):
                raise MergeRefused(
                    f"同步包里的第 {seq} 条更改（来自 {site_id[:8]}…）与本机已有的同一编号的更改内容不同："
                    "可能是数据被篡改，或两台电脑用了同一个身份（复制了数据文件）。整个同步包没有导入，"
                    "数据库没有任何改动；请联系技术人员。", f"sequence reuse {site_id}:{seq}")
            continue
        out.append((c, parsed))
    return out


def _content_key(c) -> tuple:
    return (c[2], c[3], c[4], c[5], c[6], c[7], c[9])


def _hash_of(c) -> str:
    return c[8] or change_hash(c)


_LOG = ("INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format, wall,"
        f" user_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, {log.stored_wall_sql('?3', '?12')}, ?13)")


def _log_rows(numbers: _Numbers, changes) -> list[tuple]:
    """sync_log rows with full bodies for these received changes (what the view's insert did)."""
    out = []
    for c in changes:
        base = c[7]
        out.append((numbers.site(c[0]), c[1], c[2], numbers.table(c[3]), row_key(c[4]), 1 if c[5] == "insert" else 0, None,
                    c[6], None if base == "{}" else base, c[8], c[9], c[10], numbers.user(c[11])))
    return out


def _single_change_values(groups: dict, body: dict) -> dict:
    """Column -> value for a row whose one change is ``body``: every group it carries wins, a
    column it leaves out NULL (no other change can have carried it; a group this database
    lacks is left out)."""
    out: dict = {}
    for g, values in body.items():
        cols = groups.get(g)
        if cols is None:
            continue
        if len(values) == len(cols):    # its columns are the group's (checked on arrival)
            out.update(values)
        else:
            for col in cols:
                out[col] = values.get(col)
    return out


def _write_row(conn, tbl: str, cols: tuple, rows: list[list], exists: bool) -> None:
    """Write these rows (each the values of ``cols`` then the id) into ``tbl``: UPDATE when
    they exist, INSERT when not; one statement for the lot."""
    if exists:
        conn.executemany(f"UPDATE {q(tbl)} SET {', '.join(f'{q(c)} = ?' for c in cols)} WHERE id = ?", rows)
    else:
        conn.executemany(f"INSERT INTO {q(tbl)} ({''.join(q(c) + ', ' for c in cols)}id)"
                         f" VALUES ({'?, ' * len(cols)}?)", rows)


def _append_tamper(conn, c, numbers: _Numbers) -> None:
    """The append row's id is taken: by the same row from another change of identical content
    (fine), or by tampering (refused)."""
    tbl, row_id = c[3], c[4]
    others = conn.execute("SELECT s.site_id, l.seq FROM sync_log l JOIN sync_site_no s ON s.no = l.site"
                          " WHERE l.tbl = ? AND l.row_id = ? AND l.kind = 1 AND NOT (s.site_id = ? AND l.seq = ?)",
                          (numbers.table(tbl), row_key(row_id), c[0], c[1])).fetchall()
    for site, seq in others:
        if change_body(conn, site, seq)[0] != c[6]:
            raise MergeRefused(f"同步包里的记录 {row_id} 与本机已有的同一条记录内容不同（{tbl} 只能追加、不能修改）："
                               "可能是数据被篡改或损坏。整个同步包没有导入，数据库没有任何改动；请联系技术人员。",
                               f"append row reused {tbl}:{row_id}")


def _existing(conn, tbl: str, ids: list[str]) -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT t.id FROM json_each(?) j CROSS JOIN {q(tbl)} t ON t.id = j.value",
                                       (json.dumps(ids),))}


class _Bulk:
    """Which append tables of this import are loaded in bulk (db/bulk.py): those with fewer
    rows than the changes the package brings that this database lacks (a snapshot into a new or
    small file).
    Rebuilding their indexes afterwards costs a sort of the whole table, so a package smaller
    than the table, or than BULK_MIN, inserts row by row as usual."""

    def __init__(self, conn, expected: int):
        self.load = BulkLoad(conn)
        self.expected = expected
        self.decided: set[str] = set()
        if expected >= BULK_MIN:
            # Each asks Python (sync_applying(), menshen_deferred()) about every row written,
            # and each does nothing while a package is applied in a transaction: a snapshot's
            # 1.7 million calls into Python.
            self.load.quiet([f"sync_{name}_ins" for name in SYNC_TABLES] + ["search_dirty_now"])

    def consider(self, conn, tbl: str) -> None:
        if tbl in self.decided or self.expected < BULK_MIN:
            return
        self.decided.add(tbl)
        if conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {q(tbl)}").fetchone()[0] < self.expected:
            self.load.begin(tbl)


BULK_MIN = 50_000               # changes in a package before its append tables may load in bulk


def _apply_appends(conn, inserts: list, numbers: _Numbers, bulk: _Bulk) -> set:
    """Append rows, set-wise (SYNC.md 9.6: a grow-only set by id): each table's new rows in
    one INSERT per set of columns; an id already present is checked, not written. The changes
    are then stored, a change whose body is the row as stored referring to it like a local one
    (db/sync/log.py), so a received gate passage costs the log as little as one made here."""
    won = set()
    by_table: dict[str, list] = {}
    for cp in inserts:
        by_table.setdefault(cp[0][3], []).append(cp)
    for tbl, items in sorted(by_table.items()):
        bulk.consider(conn, tbl)
        present = _existing(conn, tbl, [c[4] for c, _ in items])
        made: dict[str, str] = {}
        plans: dict[tuple, list] = {}
        for c, parsed in items:
            row_id = c[4]
            if row_id in present:
                _append_tamper(conn, c, numbers)
                continue
            if row_id in made:              # two changes of one batch make the same row
                if made[row_id] != c[6]:
                    raise _refuse(f"记录 {row_id} 出现两次，内容不同", c)
                continue
            made[row_id] = c[6]
            if not parsed:
                # Nothing but a newer Menshen's group (SYNC.md 9.16): the row would be its id
                # alone; the change is kept and the upgrade makes the row (``apply_kept_in``),
                # as for a new lww row (docs/sync.md, "A record with nothing this machine can show").
                continue
            # An append row is one group: its values as they are (rows whose columns come in
            # another order are another INSERT, which is as right).
            values = next(iter(parsed.values())) if len(parsed) == 1 else \
                {col: v for g in parsed.values() for col, v in g.items()}
            plans.setdefault(tuple(values), []).append([*values.values(), row_id])
            won.add((c[0], c[1]))
        for cols, rows in plans.items():
            conn.executemany(f"INSERT INTO {q(tbl)} ({''.join(q(x) + ', ' for x in cols)}id)"
                             f" VALUES ({'?, ' * len(cols)}?)", rows)
        shape = numbers.shape(tbl)
        rows = _log_rows(numbers, [c for c, _ in items])
        if shape is None:
            conn.executemany(_LOG, rows)
            continue
        # Refers to the row when the row, read through the table's shape, is the change's body.
        # Numbered parameters: a _LOG row as it is, then the row's id and the shape (binding a
        # tuple costs a million gate rows 2 s less than binding by name).
        conn.executemany(
            "INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format,"
            " wall, user_no) SELECT ?1, ?2, ?3, ?4, ?5, 1, CASE WHEN same THEN ?15 END,"
            " CASE WHEN same THEN NULL ELSE ?8 END, ?9, CASE WHEN same THEN NULL ELSE ?10 END, ?11,"
            f" {log.stored_wall_sql('?3', '?12')}, ?13 FROM (SELECT coalesce((SELECT {shape.body_sql('r')}"
            f" FROM {q(tbl)} r WHERE r.id = ?14) = ?8, 0) AS same)",
            [(*r, c[4], shape.no) for r, (c, _) in zip(rows, items)])
    return won


def _several(conn, numbers: _Numbers, tbl: str, ids: list[str]) -> set[str]:
    """The rows among these with two or more patch changes in the log."""
    return {r[0] for r in conn.execute(
        "SELECT j.value FROM json_each(?) j CROSS JOIN sync_log c ON c.tbl = ? AND c.row_id = sync_row_key(j.value)"
        " WHERE c.kind = 0 GROUP BY j.value HAVING count(*) > 1", (json.dumps(ids), numbers.table(tbl)))}


def _apply_batch(conn, new: list, groups_of: dict, numbers: _Numbers, bulk: _Bulk) -> int:
    """Store these changes (none held yet) and write what they win; returns how many won."""
    new.sort(key=lambda cp: (cp[0][2], cp[0][0], cp[0][1]))
    patches = [cp for cp in new if cp[0][5] == "patch"]
    won = _apply_appends(conn, [cp for cp in new if cp[0][5] == "insert"], numbers, bulk)
    if not patches:
        return len(won)
    conn.executemany(_LOG, _log_rows(numbers, [c for c, _ in patches]))
    new_ids = {(c[0], c[1]): parsed for c, parsed in patches}
    held: dict = {}                     # bodies of changes held before, read from the log

    def body_of(key: tuple[str, int]) -> dict:
        body = new_ids.get(key)
        if body is None:
            body = held.get(key)
            if body is None:
                body = held[key] = json.loads(change_body(conn, *key)[0])
        return body

    by_table: dict[str, dict[str, list]] = {}
    for c, parsed in patches:
        by_table.setdefault(c[3], {}).setdefault(c[4], []).append(c)
    for tbl, rows in sorted(by_table.items()):
        ids = sorted(rows)
        groups, present = groups_of[tbl], _existing(conn, tbl, ids)
        # A row whose only change is the one just arrived wins with all its groups; the others
        # are worked out from all their changes (db/sync/versions.py).
        several = _several(conn, numbers, tbl, ids)
        cells = current_sources(conn.cursor(), {(tbl, r) for r in several})
        plans: dict[tuple, list] = {}
        for row_id in ids:
            exists = row_id in present
            if row_id not in several:
                c = rows[row_id][0]
                values = _single_change_values(groups, new_ids[(c[0], c[1])])
                if values:
                    won.add((c[0], c[1]))
                    plans.setdefault((exists, tuple(values)), []).append([*values.values(), row_id])
                continue
            winners, fills = cells.get((tbl, row_id), ({}, {}))
            values: dict = {}
            for g, winner in sorted(winners.items()):
                if g not in groups:
                    continue            # a group of a column this database no longer has
                # The winner's columns, written when it just arrived or the row is new; a column an
                # older machine's winning edit left out comes from the change that last carried it
                # (versions._cells), written when that one just arrived.
                whole = winner[1:] in new_ids or not exists
                for col in groups[g]:
                    src = fills.get(g, {}).get(col, winner)[1:]
                    if whole or src in new_ids:
                        values[col] = body_of(src).get(g, {}).get(col)
                        if src in new_ids:
                            won.add(src)
            if values:
                cols = tuple(sorted(values))
                plans.setdefault((exists, cols), []).append([values[x] for x in cols] + [row_id])
        for (exists, cols), params in sorted(plans.items()):
            _write_row(conn, tbl, cols, params, exists)
    return len(won)


BATCH = 5000                    # changes checked, stored and applied at a time
UNIT = 20_000                   # changes staged at a time when they come as tuples


def apply_in(conn: sqlite3.Connection, recorder, changes: Iterable, expected: int = 0) -> MergeResult:
    """``apply_changes`` inside a transaction the caller holds on ``recorder``'s connection.

    The changes are staged (db/sync/incoming.py) a few thousand at a time (a snapshot need not
    be in memory whole); a refusal in a later unit raises, and the caller's transaction rolls
    back what earlier ones wrote, so the whole set is still applied or refused as one. The
    winner of a group is worked out from everything held after each unit, so a later unit
    overwrites a group only with a later winner: the end state is the same as in one pass.

    ``expected``: how many changes the package may bring that this database lacks (from its
    authenticated header); many, into a smaller table, load that table in bulk (``_Bulk``)."""
    return _apply_units(conn, recorder, _tuple_units(conn, changes), expected)


def apply_parts_in(conn: sqlite3.Connection, recorder, parts: Iterable, expected: int = 0,
                   typing: "dict[str, incoming.Typed] | None" = None) -> MergeResult:
    """``apply_in`` for a package's parts as desktop/sync/payload.py reads them, each given as
    its SQLite image (a table ``change`` of changes without their hash). Each is staged whole,
    so its append rows go in set-wise without passing through Python one by one. ``typing``:
    what the parts were given by ``incoming.type_part`` (``incoming.typing_of(conn)``)."""
    return _apply_units(conn, recorder, (incoming.stage_part(conn, part) for part in parts), expected, typing)


def _tuple_units(conn, changes: Iterable) -> Iterator[incoming.Source]:
    unit: list = []
    for change in changes:
        unit.append(change if isinstance(change, tuple) else tuple(change))   # a Change is a tuple
        if len(unit) >= UNIT:
            yield incoming.stage_rows(conn, unit)
            unit = []
    yield incoming.stage_rows(conn, unit)


def _apply_units(conn, recorder, units: Iterable, expected: int, typing: dict | None = None) -> MergeResult:
    result = MergeResult()
    # Every registered table's groups as this database has them (none: a table it lacks).
    groups_of = {name: t.column_groups(_columns(conn, name)) for name, t in SYNC_TABLES.items()}
    lww_rows: set = set()
    sites: set = set()
    numbers = _Numbers(conn)
    bulk = _Bulk(conn, expected)
    before = recorder.applying
    recorder.applying = 1
    try:
        for source in units:
            try:
                _apply_unit(conn, source, groups_of, result, lww_rows, sites, numbers, bulk, typing)
            except (OverflowError, *driver.BINDING_ERRORS) as exc:
                # A value no column can take (a JSON object, an integer past 64 bits): the
                # package is refused (the caller's transaction rolls back), not a traceback.
                raise _refuse(f"有一个值不是文字或数字（{type(exc).__name__}）") from exc
        bulk.load.finish()
    finally:
        recorder.applying = before
        incoming.release(conn)
    result.rows = lww_rows
    if not result.n_new:
        return result
    result.sites = kn.advance(conn, sites)
    settle_merges(conn, recorder)       # merged duplicate persons (SYNC.md 9.13), whatever came first
    settle_duty_merges(conn, recorder)  # and people on duty registered twice, the same way
    recorder.clock.recv(result.max_hlc)
    conn.execute("UPDATE sync_site SET hlc_last = max(hlc_last, ?) WHERE site_id = ?",
                 (recorder.clock.last, recorder.site_id))
    result.conflicts = open_conflicts(conn, lww_rows)
    return result


def _keeper(groups_of: dict):
    """For ``incoming.write_set_wise``: what this database has of each of these changes' bodies
    when every one is a newer Menshen's that ``_check`` keeps (SYNC.md 9.16), else None (the
    checked path then says what is wrong, or applies what is merely unusual)."""
    def known(changes: list[tuple]) -> list[dict] | None:
        kept: dict = {}
        try:
            checked = _check(changes, groups_of, kept)
        except MergeRefused:
            return None
        return [parsed for _, parsed in checked] if len(kept) == len(checked) else None
    return known


def _apply_unit(conn, source: incoming.Source, groups_of: dict, result: MergeResult, lww_rows: set,
                sites: set, numbers: _Numbers, bulk: _Bulk, typing: dict | None = None) -> None:
    """What can be written set-wise (incoming.write_set_wise: append rows, new lww rows), then
    the rest checked (``_check``) and applied BATCH at a time."""
    incoming.new_unit(conn)
    done = incoming.write_set_wise(conn, source, groups_of, numbers, bulk, typing, _keeper(groups_of))
    for n, high, origins, kept in done.values():
        result.n_changes += n
        result.n_new += n
        result.n_applied += n
        result.n_kept += kept
        result.max_hlc = max(result.max_hlc, high)
        sites.update(origins)
    if any(got[3] for got in done.values()):
        remember_kept(conn, {tbl for tbl, got in done.items() if got[3]})
    rest = conn.execute(incoming.rest_sql(source)).fetchall()
    for start in range(0, len(rest), BATCH):
        batch = rest[start:start + BATCH]
        _one_batch(conn, batch, groups_of, result, lww_rows, sites, numbers, bulk)


def _one_batch(conn, batch: list, groups_of: dict, result: MergeResult, lww_rows: set,
               sites: set, numbers: _Numbers, bulk: _Bulk) -> None:
    result.n_changes += len(batch)
    kept: dict = {}
    new = _new_only(conn, _check(batch, groups_of, kept), numbers)
    if not new:
        return
    if kept:
        tables = {kept[(c[0], c[1])] for c, _ in new if (c[0], c[1]) in kept}
        result.n_kept += sum(1 for c, _ in new if (c[0], c[1]) in kept)
        remember_kept(conn, tables)
    result.n_new += len(new)
    result.max_hlc = max(result.max_hlc, max(c[2] for c, _ in new))
    lww_rows.update((c[3], c[4]) for c, _ in new if c[5] == "patch")
    sites.update(c[0] for c, _ in new)
    result.n_applied += _apply_batch(conn, new, groups_of, numbers, bulk)


def apply_changes(db, changes: Iterable) -> MergeResult:
    """Apply received changes to a ``db.connection.Database`` in one transaction (see above).
    Raises MergeRefused with nothing written."""
    with db.transaction() as conn:
        return apply_in(conn, db.recorder, changes)


# -- columns kept for an upgrade (SYNC.md 9.16) -------------------------------------------------

#: Local settings (never synced): the tables holding changes with columns kept for an upgrade
#: (a JSON list), and the columns an upgrade added to them, applied at the next open (a JSON object).
KEPT_TABLES = "sync_kept_tables"
KEPT_PENDING = "sync_kept_pending"


def _setting(conn, key: str, default):
    row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row and row[0] else default


def _store(conn, key: str, value) -> None:
    conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, canonical_json(value)))


def remember_kept(conn, tables: set[str]) -> None:
    """These tables now hold changes with columns kept for an upgrade: only a migration adding
    columns to one of them looks for such changes (``note_new_columns``)."""
    have = set(_setting(conn, KEPT_TABLES, []))
    if not tables <= have:
        _store(conn, KEPT_TABLES, sorted(have | tables))


def kept_table_columns(conn) -> dict[str, set[str]]:
    """Before a migration: the columns of the tables holding kept changes (usually none)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_setting'").fetchone():
        return {}
    return {t: set(_columns(conn, t)) for t in _setting(conn, KEPT_TABLES, []) if t in SYNC_TABLES}


def note_new_columns(conn, before: dict[str, set[str]]) -> None:
    """After a migration, in its transaction: the columns it added to tables holding kept
    changes are noted for ``apply_kept`` at the open that follows (writing a replicated row needs
    the capture's functions, which a migration runs without)."""
    if not before:
        return
    pending = _setting(conn, KEPT_PENDING, {})
    for tbl, had in before.items():
        added = set(_columns(conn, tbl)) - had
        if added:
            pending[tbl] = sorted(added | set(pending.get(tbl, ())))
    if pending:
        _store(conn, KEPT_PENDING, pending)


def apply_kept(db) -> int:
    """At open, after an upgrade added columns that kept changes carry: their values are applied
    (``apply_kept_in``) in one transaction with the note's removal, so it is done whole once, or
    again at the next open. Returns how many rows got values."""
    if not db.conn.execute("SELECT 1 FROM local_setting WHERE key = ?", (KEPT_PENDING,)).fetchone():
        return 0
    with db.transaction() as conn:
        done = apply_kept_in(conn, db.recorder, _setting(conn, KEPT_PENDING, {}))
        conn.execute("DELETE FROM local_setting WHERE key = ?", (KEPT_PENDING,))
    return done


def apply_kept_in(conn, recorder, pending: dict[str, list[str]]) -> int:
    """The values of the newly known columns ``pending`` ({table: columns}) from the changes that
    carry them, by the merge's rule: in an lww row only where that change is still the column's
    source (``versions._cells``: the latest change of its group that carried it or made the row; a
    later edit made here before the upgrade, without the column, says nothing about it); in an
    append row always (one body), and an append row not made yet (its change carried nothing
    this machine had) is made from its whole body."""
    done = 0
    before = recorder.applying
    recorder.applying = 1               # the merge's writes: no change of ours is made
    load = BulkLoad(conn)
    try:
        for tbl, added in sorted(pending.items()):
            table, columns = SYNC_TABLES.get(tbl), _columns(conn, tbl)
            added = [col for col in added if col in columns]
            tno = conn.execute("SELECT no FROM sync_table_no WHERE name = ?", (tbl,)).fetchone()
            if table is None or not added or tno is None:
                continue
            group_of = {col: table.group_of(col) for col in added}
            # Only a change stored with its body can carry them (one referring to its row reads it
            # through the columns of its day).
            found = conn.execute(
                f"SELECT s.site_id, l.seq, {log.row_text_sql('l.row_id')}, l.cols FROM sync_log l"
                " JOIN sync_site_no s ON s.no = l.site WHERE l.tbl = ? AND l.cols IS NOT NULL AND ("
                + " OR ".join(f"""json_type(l.cols, '$."{g}"."{col}"') IS NOT NULL""" for col, g in group_of.items())
                + ")", (tno[0],)).fetchall()
            bodies = {(site, seq): (row_id, json.loads(cols)) for site, seq, row_id, cols in found}
            values: dict[str, dict] = {}
            if table.kind == APPEND:
                load.quiet([f"sync_{tbl}_upd"])     # the append-only guard: these columns were never written
                present = _existing(conn, tbl, sorted({row_id for row_id, _ in bodies.values()}))
                for row_id, body in bodies.values():
                    if row_id in present:
                        values[row_id] = {col: body[g][col] for col, g in group_of.items() if col in body.get(g, {})}
                    else:       # carried only groups this machine lacked: never made (_apply_appends)
                        values[row_id] = {col: v for g in body.values() for col, v in g.items() if col in columns}
            else:
                cells = current_sources(conn.cursor(), {(tbl, row_id) for row_id, _ in bodies.values()})
                for (_, row_id), (winners, fills) in cells.items():
                    for col, g in group_of.items():
                        winner = winners.get(g)
                        src = fills.get(g, {}).get(col, winner)
                        body = bodies.get(src[1:]) if src else None
                        if body is not None and col in body[1].get(g, {}):
                            values.setdefault(row_id, {})[col] = body[1][g][col]
            if table.kind != APPEND:
                present = _existing(conn, tbl, sorted(values))
            written = 0
            for row_id, got in sorted(values.items()):
                if got:
                    cols = tuple(sorted(got))
                    _write_row(conn, tbl, cols, [[got[x] for x in cols] + [row_id]], row_id in present)
                    written += 1
            if written and tbl in DERIVED:
                # Its triggers see inserts only; the release that added the column may count it
                # (the last passage): made again from the rows as they are now.
                DERIVED[tbl][1](conn)
            done += written
        load.finish()
    finally:
        recorder.applying = before
    return done


# -- open conflicts --------------------------------------------------------------------------------

#: Groups whose two heads are never a conflict for staff: ``created`` (which machine made the row,
#: when) differs whenever two machines make one row of a natural id (the same merge of a duplicate
#: pair, the same person put in the same household, the same building typed on two machines).
#: Both are true; the winner is kept as for any group, and no one has anything to decide.
NOT_CONFLICTS = frozenset({"created"})

_FEW_ROWS = 20_000              # rows looked up one by one; more: the whole log's index read once


def open_conflict_candidates(conn: sqlite3.Connection) -> set[Row]:
    """Rows with two or more changes, read from the (tbl, row_id) index alone, over the lww
    tables only: an append row has one change, and skipping their ranges (a million gate
    passages) keeps the Today page's count quick."""
    names = {no: name for no, name in conn.execute("SELECT no, name FROM sync_table_no")
             if name in SYNC_TABLES and SYNC_TABLES[name].kind != APPEND}
    if not names:
        return set()
    marks = ",".join("?" * len(names))
    return {(names[t], row_text(r)) for t, r in conn.execute(
        f"SELECT tbl, row_id FROM sync_log WHERE tbl IN ({marks}) GROUP BY tbl, row_id HAVING count(*) > 1",
        tuple(names))}


def open_conflicts(conn: sqlite3.Connection, rows: Iterable[Row] | None = None) -> set[Conflict]:
    """Open conflicts of these lww rows (all rows with two or more changes when None): groups
    with two or more heads whose values differ (SYNC.md 9.7), but never one of NOT_CONFLICTS."""
    if rows is None:
        rows = open_conflict_candidates(conn)
    elif len(rows) > _FEW_ROWS:
        # A snapshot's 700,000 rows: one pass over the lww tables' index (as above) costs less
        # than looking each row up.
        rows = set(rows) & open_conflict_candidates(conn)
    else:
        # Only rows with two or more changes can have two heads: found from the index alone,
        # so a snapshot's 200,000 new rows cost one pass over their index entries, not a parse.
        tables = dict(conn.execute("SELECT name, no FROM sync_table_no"))
        by_table_all: dict[str, list[str]] = {}
        for tbl, row_id in rows:
            by_table_all.setdefault(tbl, []).append(row_id)
        rows = {(tbl, r[0]) for tbl, ids in by_table_all.items() if tbl in tables for r in conn.execute(
            "SELECT j.value FROM json_each(?) j CROSS JOIN sync_log c ON c.tbl = ? AND c.row_id = sync_row_key(j.value)"
            " WHERE c.kind = 0 GROUP BY j.value HAVING count(*) > 1", (json.dumps(ids), tables[tbl]))}
    by_table: dict[str, list[str]] = {}
    for tbl, row_id in rows:
        by_table.setdefault(tbl, []).append(row_id)
    out = set()
    for tbl, ids in by_table.items():
        # A group only a newer Menshen has (its changes kept for an upgrade) cannot be decided here.
        known = SYNC_TABLES[tbl].column_groups(_columns(conn, tbl)) if tbl in SYNC_TABLES else {}
        found: dict[str, list] = {}
        for row_id, hlc, site, seq, cols, base in _patches(conn, tbl, ids):
            found.setdefault(row_id, []).append((site, seq, json.loads(cols), json.loads(base)))
        for row_id, versions in found.items():
            if len(versions) < 2:
                continue
            superseded = {(g, s, n) for *_, base in versions for g, bases in base.items() for s, n in bases}
            heads: dict[str, list] = {}
            for site, seq, body, base in versions:
                for g in body:
                    if (g, site, seq) not in superseded:
                        heads.setdefault(g, []).append((site, seq, body[g], base))
            for g, hs in heads.items():
                if len(hs) > 1 and g not in NOT_CONFLICTS and g in known and _differ(hs, known[g]):
                    out.add((tbl, row_id, g, tuple(sorted((s, n) for s, n, *_ in hs))))
    return out


def _differ(heads: list, columns: list[str]) -> bool:
    """Whether the heads of a group hold different values, column by column over the columns this
    database has (a newer Menshen's are not shown here, so nothing here can decide them), each
    among the heads that say what it holds (``versions.says``: an older machine's edit says
    nothing of a column it lacked); NULL and left out are the same value."""
    for col in columns:
        if len({json.dumps(values.get(col)) for *_, values, base in heads if says(values, col, base)}) > 1:
            return True
    return False


# -- closing a conflict --------------------------------------------------------------------------

def resolve_conflict(db, tbl: str, row_id: str, group: str, values: dict | None = None) -> int:
    """Close the open conflict of one field group (SYNC.md 9.7): write ``values`` (the group's
    columns; None keeps what the row shows now, the current winner) as a new local version whose
    base lists EVERY head, so it becomes the single head and the conflict closes on every
    machine the change reaches. Returns the new change's seq."""
    recorder = db.recorder
    with db.transaction() as conn:
        groups = SYNC_TABLES[tbl].column_groups(_columns(conn, tbl))
        cols = sorted(groups[group])
        if values is None:
            row = conn.execute(f"SELECT {', '.join(q(c) for c in cols)} FROM {q(tbl)} WHERE id = ?",
                               (row_id,)).fetchone()
            values = dict(zip(cols, row))
        full = {c: values.get(c) for c in cols}
        heads = sorted(row_versions(conn, tbl, row_id)[1].get(group, ()))
        before = recorder.applying
        recorder.applying = 1           # the row is written here; the change is made below
        try:
            conn.execute(f"UPDATE {q(tbl)} SET {', '.join(f'{q(c)} = ?' for c in cols)} WHERE id = ?",
                         [full[c] for c in cols] + [row_id])
        finally:
            recorder.applying = before
        conn.execute("SELECT sync_capture(?, ?, 'patch', ?, ?)",
                     (tbl, row_id, group, canonical_json({group: full})))
        recorder.flush()
        # The change just written names the current winner as its base; it names every head
        # instead (it is still inside this transaction: nothing has seen it).
        site = recorder.site_id
        seq, hlc, cols_text, version = conn.execute(
            "SELECT l.seq, l.hlc, l.cols, l.format FROM sync_log l JOIN sync_site_no s ON s.no = l.site"
            " WHERE s.site_id = ? ORDER BY l.seq DESC LIMIT 1", (site,)).fetchone()
        base = canonical_json({group: [[s, n] for s, n in heads]}) if heads else "{}"
        conn.execute("UPDATE sync_log SET base = ?, content_sha256 = ? WHERE site = (SELECT no FROM sync_site_no"
                     " WHERE site_id = ?) AND seq = ?",
                     (None if base == "{}" else base,
                      content_hash(base, cols_text, hlc, "patch", row_id, version, seq, site, tbl), site, seq))
        if tbl == "person_merge":
            settle_merges(conn, recorder)   # which of the two persons survives may have changed
        if tbl in ("duty_merge", *(t for t, _ in DUTY_REFS)):
            settle_duty_merges(conn, recorder)  # a value chosen may name a merged-away entry on duty
        return seq
