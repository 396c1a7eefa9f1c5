"""The compact change log and how its changes read as SYNC.md's rows (SYNC.md 9.4 as amended).

``sync_log`` holds one row per change, in a few dozen bytes: the origin site and the table as
small local numbers (``sync_site_no``, ``sync_table_no``; they never change and never travel),
the sequence number and HLC, the row id, and the kind as 0 (patch) or 1 (insert).

**Row ids are stored as 16 bytes** (migration 0021): an id that is a canonical UUID (lowercase,
hyphenated: every id Menshen makes, UUIDv7 or uuid5) is kept in ``sync_log.row_id`` as the
UUID's 16 bytes, any other id as its text. That is 20 bytes less in the table and 20 in the
``(tbl, row_id)`` index for each change (67 MB of 1.7 million changes at a street office). The
conversion lives here only: ``row_key`` (text to stored) and ``row_text`` (back), the SQL
function ``sync_row_key`` (registered on every connection by db/connection.py) and
``row_text_sql`` for SQL that must run anywhere (the view, even in the sqlite3 shell). What
leaves the log (the view, ``iter_changes``, packages) always has the text id of SYNC.md.

* **A new row's change refers to the row** (``cols`` NULL, ``shape`` set): its body is the row
  as it is, read through the table's *shape* (``sync_shape``: the field groups and columns the
  table had when the change was written, so a column added by a later migration never enters
  an older change). Its canonical ``cols`` and ``content_sha256`` are made when it is read for
  export (``iter_changes``, ``change_body``), exactly as the capture of a new row always made
  them: NULL values and all-NULL groups left out, columns whose default is not NULL always sent.
* **Frozen at the row's first later edit.** Every UPDATE of a replicated row (a local edit or a
  merge by the sync importer alike) first writes the referring change's body from the row as
  it was (the ``sync_<table>_freeze`` trigger), so an export never shows a later edit in it.
  Append-only rows are never edited, so their insert change always refers to the row. A new
  row's change has no base (``{}``): nobody saw a version of a row that was not there.
* **Edits** store their changed groups (``cols``), ``base`` (NULL means ``{}``) and
  ``content_sha256`` as before. Changes received from other sites arrive with full bodies.
* ``wall`` is the wall time in ms minus the HLC's ms (usually 0 or a few ms: one byte);
  ``user_no`` numbers the user names. A received change's wall time is kept the same way
  (``stored_wall_sql``, migration 0029 for those received before): 29 bytes of text a change
  were 29 MB a million received passages. Only a text in another form than the view gives back
  (an earlier log's, another program's) is kept as text, so every change exports as it came.

The view ``sync_change`` shows the log with SYNC.md's columns (site uuid, table name, canonical
``cols``/``base``, ``schema_version``, wall time text, user name) on any connection, even the
sqlite3 shell's; its ``content_sha256`` is NULL where the hash is made on reading (a change
that refers or referred to its row): ``iter_changes`` and ``change_body`` give every field.
Inserting into the view stores a change with its full body (a received change).

**Change format version** (``schema_version`` of every change, ``CHANGE_FORMAT``): it names the
rules that make a change's canonical body and hash, and changes only when those rules change,
never with a migration. Changes written before it existed carry the migration count of their
day (1..14) under the same rules; 15 is the first number that means a format.

Rows of replicated tables are never replaced: ``INSERT OR REPLACE`` deletes without the delete
triggers (unless ``recursive_triggers`` is on), and a change referring to the row would then
read the new row. SYNC.md 9.5 already forbids it; nothing in Menshen does it.

A migration that drops or renames a column of a replicated table must not leave a referring
change that needs the old column: ``migrate`` finds such changes (``shapes_losing_columns``),
undoes the migration, freezes them and runs it again. A migration that rewrites or removes rows
of a replicated table, or changes how their values are stored, calls ``freeze_table`` first
(the capture triggers cannot run inside a migration).
"""
import hashlib
import heapq
import json
import json.scanner
import math
import re
import sqlite3
from json.encoder import encode_basestring
from typing import Iterator, Mapping, NamedTuple

CHANGE_FORMAT = 15
KINDS = ("patch", "insert")            # the kind column of sync_log: 0 or 1


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class NotFinite(ValueError):
    """NaN, ±Infinity or a number past a float's range in a body."""


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotFinite(text)
    return value


def _not_a_number(text: str):
    raise NotFinite(text)


#: json.loads takes NaN and Infinity (no JSON has them, no Menshen writes them), SQLite stores NaN
#: as NULL and PostgreSQL keeps it as a number: a body with one is damaged.
_BODY = json.JSONDecoder(parse_constant=_not_a_number, parse_float=_finite)
_SCAN = json.scanner.make_scanner(_BODY)


def read_body(text: str):
    """A change's ``cols`` or ``base`` read: the one reader of a received body (the merge's
    check, the district's aggregate). Raises ``NotFinite`` (NaN, Infinity), ``ValueError`` (not
    JSON) or ``TypeError`` (not text). A bare document is scanned without json.loads' wrappers
    (a snapshot reads a few hundred thousand); anything else goes to the decoder itself."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        return _BODY.decode(text)
    return value if end == len(text) else _BODY.decode(text)


def content_hash(base: str, cols: str, hlc: int, kind: str, row_id: str, version: int, seq: int,
                 site_id: str, tbl: str) -> str | None:
    """sha256 of the canonical JSON of a change (SYNC.md 9.4), from its canonical cols and base;
    written out key by key so that nothing is parsed again."""
    if cols is None:
        return None
    body = (f'{{"base":{base},"cols":{cols},"hlc":{hlc},"kind":"{kind}","row_id":{encode_basestring(row_id)},'
            f'"schema_version":{version},"seq":{seq},"site_id":"{site_id}","tbl":"{tbl}"}}')
    return hashlib.sha256(body.encode()).hexdigest()


def change_hash(c) -> str | None:
    """``content_hash`` of a change given as its 12 values (``sync_change`` order), worked out
    from its body whatever ``content_sha256`` it carries."""
    return content_hash(c[7], c[6], c[2], c[5], c[4], c[9], c[1], c[0], c[3])


# -- row ids as stored: 16 bytes for a canonical UUID ------------------------------------------

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def row_key(row_id):
    """How ``sync_log.row_id`` stores a row id: a canonical UUID as its 16 bytes, else as is.

    Canonical is what ``_UUID`` matches (lowercase hex, hyphens at 8-4-4-4-12), checked here
    without the regular expression: the hyphens in place, and the 32 characters left the very
    hex of the bytes they make (``fromhex`` alone would take upper case and spaces). Called by
    SQL for every change a snapshot brings (2.5 million times): 0.56 -> 0.34 µs a call."""
    if row_id.__class__ is str or isinstance(row_id, str):
        if len(row_id) == 36 and row_id[8] == row_id[13] == row_id[18] == row_id[23] == "-":
            h = row_id.replace("-", "")
            if len(h) == 32:
                try:
                    key = bytes.fromhex(h)
                except ValueError:
                    return row_id
                if key.hex() == h:
                    return key
    return row_id


def row_text(key):
    """The row id a stored ``sync_log.row_id`` stands for (the inverse of ``row_key``)."""
    if isinstance(key, bytes) and len(key) == 16:
        h = key.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return key


def row_text_sql(expr: str) -> str:
    """``row_text`` in plain SQL (no Python function: the view works in any SQLite)."""
    h = f"lower(hex({expr}))"
    return (f"CASE WHEN typeof({expr}) = 'blob' THEN substr({h}, 1, 8) || '-' || substr({h}, 9, 4) || '-' ||"
            f" substr({h}, 13, 4) || '-' || substr({h}, 17, 4) || '-' || substr({h}, 21) ELSE {expr} END")


def register_functions(conn: sqlite3.Connection) -> None:
    """``sync_row_key(id)``: ``row_key`` for SQL (triggers, lookups by row id)."""
    conn.create_function("sync_row_key", 1, row_key, deterministic=True)


# -- the body of a new row, built by SQLite ----------------------------------------------------

def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


Groups = list[tuple[str, list[str]]]


def object_sql(prefix: str, cols: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.{q(c)}" for c in cols) + ")"


def some_groups_sql(parts: list[tuple[str, str | None, str]]) -> tuple[str, str]:
    """(groups, cols) SQL naming only the groups whose condition holds: each part is
    (group, condition or None for always, the group's JSON object). Pieces start with a comma
    that the outer substr drops, so the JSON stays canonical whichever groups are in."""
    def piece(condition, text):
        return text if condition is None else f"CASE WHEN {condition} THEN {text} ELSE '' END"
    grps = " || ".join(piece(cond, f"',{g}'") for g, cond, _ in parts)
    cols = " || ".join(piece(cond, f"',\"{g}\":' || {obj}") for g, cond, obj in parts)
    return f"substr({grps}, 2)", f"'{{' || substr({cols}, 2) || '}}'"


def row_body_sql(groups: Groups, keep_nulls, prefix: str) -> str:
    """The canonical cols of a new row read through ``prefix`` (NEW, OLD or a table alias).
    A new row leaves out NULL values: a column missing from a new row's change is NULL (its
    default), and a group with nothing but NULLs is left out whole. Columns in ``keep_nulls``
    (nullable with a default other than NULL) are always sent: absent, they would mean the default."""
    parts = []
    for g, cols in groups:
        if set(keep_nulls) & set(cols):
            parts.append((g, None, object_sql(prefix, cols)))
        else:
            present = "(" + " OR ".join(f"{prefix}.{q(c)} IS NOT NULL" for c in cols) + ")"
            # json_patch onto {} drops the members whose value is NULL (RFC 7396), keeping the order.
            parts.append((g, present, f"json_patch('{{}}', {object_sql(prefix, cols)})"))
    return some_groups_sql(parts)[1]


# -- shapes: the columns a table had when a referring change was written ----------------------

class Shape(NamedTuple):
    no: int
    tbl_no: int
    table: str
    groups: Groups
    keep_nulls: list[str]

    def columns(self) -> set[str]:
        return {c for _, cols in self.groups for c in cols}

    def body_sql(self, prefix: str) -> str:
        return row_body_sql(self.groups, self.keep_nulls, prefix)


def shape_text(groups: Groups, keep_nulls) -> str:
    return canonical_json({"groups": [[g, list(cols)] for g, cols in groups], "keep_nulls": sorted(keep_nulls)})


def has_compact_log(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_log'").fetchone() is not None


def table_no(conn: sqlite3.Connection, name: str) -> int:
    conn.execute("INSERT OR IGNORE INTO sync_table_no (name) VALUES (?)", (name,))
    return conn.execute("SELECT no FROM sync_table_no WHERE name = ?", (name,)).fetchone()[0]


def shape_no(conn: sqlite3.Connection, tbl_no: int, groups: Groups, keep_nulls) -> int:
    text = shape_text(groups, keep_nulls)
    row = conn.execute("SELECT no FROM sync_shape WHERE tbl = ? AND groups = ?", (tbl_no, text)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO sync_shape (tbl, groups) VALUES (?, ?)", (tbl_no, text)).lastrowid


def shapes(conn: sqlite3.Connection) -> list[Shape]:
    out = []
    for no, tbl_no, name, text in conn.execute(
            "SELECT s.no, s.tbl, t.name, s.groups FROM sync_shape s JOIN sync_table_no t ON t.no = s.tbl ORDER BY s.no"):
        d = json.loads(text)
        out.append(Shape(no, tbl_no, name, [(g, cols) for g, cols in d["groups"]], d["keep_nulls"]))
    return out


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({q(table)})")}


def readable_shapes(conn: sqlite3.Connection) -> list[Shape]:
    """The shapes whose columns all still exist: a referring change can be read through them."""
    return [s for s in shapes(conn) if s.columns() <= _table_columns(conn, s.table)]


def shapes_losing_columns(conn: sqlite3.Connection) -> list[int]:
    """Shapes that referring changes still use but whose table lost a column (a migration
    dropped or renamed it): those changes must be frozen before such a migration."""
    if not has_compact_log(conn):
        return []
    lost = [s.no for s in shapes(conn) if not s.columns() <= _table_columns(conn, s.table)]
    return [n for n in lost
            if conn.execute("SELECT 1 FROM sync_log WHERE shape = ? AND cols IS NULL LIMIT 1", (n,)).fetchone()]


def freeze_shapes(conn: sqlite3.Connection, numbers: list[int]) -> int:
    """Write the body of every change referring to its row through these shapes."""
    done = 0
    for s in shapes(conn):
        if s.no in numbers:
            done += conn.execute(
                f"UPDATE sync_log SET cols = (SELECT {s.body_sql('r')} FROM {q(s.table)} r"
                f" WHERE r.id = {row_text_sql('sync_log.row_id')}),"
                " shape = NULL WHERE shape = ? AND cols IS NULL", (s.no,)).rowcount
    return done


def freeze_table(conn: sqlite3.Connection, table: str) -> int:
    """Write the body of every change still referring to a row of ``table``: for a migration
    that rewrites or removes rows of a replicated table (its triggers cannot run there)."""
    return freeze_shapes(conn, [s.no for s in shapes(conn) if s.table == table])


# -- the wall time -----------------------------------------------------------------------------

_SECONDS = "%Y-%m-%dT%H:%M:%S"


def wall_text_sql(hlc: str, wall: str) -> str:
    """The wall time text of a change (SYNC.md's ``wall_time``) from SQL of its ``hlc`` and its
    stored ``wall``: ms after the HLC's ms (an integer), else the text as it was kept."""
    ms = f"(({hlc} >> 16) + {wall})"
    return (f"CASE typeof({wall}) WHEN 'integer' THEN strftime('{_SECONDS}', {ms} / 1000, 'unixepoch')"
            f" || printf('.%03d+00:00', {ms} % 1000) ELSE {wall} END")


def stored_wall_sql(hlc: str, text: str) -> str:
    """How ``sync_log.wall`` keeps a received change's wall time ``text`` (SQL of its ``hlc`` and
    text): as a change made here keeps it (an integer: ms after the HLC's ms) when
    ``wall_text_sql`` gives back that very text ("YYYY-MM-DDTHH:MM:SS.mmm+00:00" of 1970 or
    later whose seconds read back as written: not 24:00:00 or 30 February); anything else (NULL,
    another form) as it came."""
    day = f"substr({text}, 1, 19)"
    return (f"CASE WHEN typeof({text}) = 'text' AND length({text}) = 29"
            f" AND substr({text}, 20) GLOB '.[0-9][0-9][0-9]+00:00' AND {text} >= '1970'"
            f" AND strftime('{_SECONDS}', unixepoch({day}), 'unixepoch') = {day}"
            f" THEN unixepoch({day}) * 1000 + CAST(substr({text}, 21, 3) AS INTEGER) - ({hlc} >> 16)"
            f" ELSE {text} END")


# -- the view ----------------------------------------------------------------------------------

def _cols_sql(readable: list[Shape]) -> str:
    row_id = row_text_sql("l.row_id")
    cases = " ".join(f"WHEN {s.no} THEN (SELECT {s.body_sql('r')} FROM {q(s.table)} r WHERE r.id = {row_id})"
                     for s in readable)
    return f"coalesce(l.cols, CASE l.shape {cases} END)" if cases else "l.cols"


def install_view(conn: sqlite3.Connection) -> None:
    """(Re)create the view ``sync_change`` and its insert trigger; run after each migration."""
    conn.execute("DROP VIEW IF EXISTS sync_change")
    cols = _cols_sql(readable_shapes(conn))
    kind = "CASE l.kind WHEN 1 THEN 'insert' ELSE 'patch' END"
    base = "coalesce(l.base, '{}')"
    wall = wall_text_sql("l.hlc", "l.wall")
    conn.execute(
        "CREATE VIEW sync_change (site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256, schema_version,"
        f" wall_time, user_name) AS SELECT s.site_id, l.seq, l.hlc, t.name, {row_text_sql('l.row_id')}, {kind},"
        f" {cols}, {base},"
        f" l.content_sha256, l.format, {wall}, u.name"
        " FROM sync_log l JOIN sync_site_no s ON s.no = l.site JOIN sync_table_no t ON t.no = l.tbl"
        " LEFT JOIN sync_user_no u ON u.no = l.user_no")
    # A change with its whole body (one received from another site, or written by hand in a test).
    conn.execute(
        "CREATE TRIGGER sync_change_insert INSTEAD OF INSERT ON sync_change BEGIN"
        " SELECT RAISE(ABORT, 'a change needs its cols, base and kind') WHERE NEW.cols IS NULL OR NEW.base IS NULL"
        "  OR NEW.kind NOT IN ('patch', 'insert');"
        " INSERT OR IGNORE INTO sync_site_no (site_id) VALUES (NEW.site_id);"
        " INSERT OR IGNORE INTO sync_table_no (name) VALUES (NEW.tbl);"
        " INSERT OR IGNORE INTO sync_user_no (name) SELECT NEW.user_name WHERE NEW.user_name IS NOT NULL;"
        " INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format, wall,"
        "  user_no) VALUES ((SELECT no FROM sync_site_no WHERE site_id = NEW.site_id), NEW.seq, NEW.hlc,"
        "  (SELECT no FROM sync_table_no WHERE name = NEW.tbl), sync_row_key(NEW.row_id), NEW.kind = 'insert', NULL, NEW.cols,"
        f"  NEW.base, NEW.content_sha256, NEW.schema_version, {stored_wall_sql('NEW.hlc', 'NEW.wall_time')},"
        "  (SELECT no FROM sync_user_no WHERE name = NEW.user_name));"
        " END")


# -- reading changes for export ------------------------------------------------------------------

class Change(NamedTuple):
    """A change as SYNC.md's sync_change row, as a package carries it."""
    site_id: str
    seq: int
    hlc: int
    tbl: str
    row_id: str
    kind: str
    cols: str
    base: str
    content_sha256: str
    schema_version: int
    wall_time: str | None
    user_name: str | None


_COLUMNS = ("site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256, schema_version, wall_time,"
            " user_name")


def _checked(row, with_hash: bool = True) -> Change:
    change = Change(*row)
    if change.cols is None:
        raise LookupError(f"change {change.site_id}:{change.seq} refers to {change.tbl} row {change.row_id},"
                          " which is missing")
    if with_hash and change.content_sha256 is None:
        change = change._replace(content_sha256=content_hash(
            change.base, change.cols, change.hlc, change.kind, change.row_id, change.schema_version, change.seq,
            change.site_id, change.tbl))
    return change


def change_body(conn: sqlite3.Connection, site_id: str, seq: int) -> tuple[str, str, str]:
    """(cols, base, content_sha256) of one change, canonical JSON, as a package carries them."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM sync_change WHERE site_id = ? AND seq = ?", (site_id, seq)).fetchone()
    if row is None:
        raise KeyError((site_id, seq))
    change = _checked(row)
    return change.cols, change.base, change.content_sha256


def iter_changes(conn: sqlite3.Connection, after: Mapping[str, int] | None = None) -> Iterator[Change]:
    """Every change above ``after[site_id]`` (all when absent), site by site in seq order, with
    its canonical body and hash (the package sorts them by (hlc, site_id, seq) itself)."""
    after = after or {}
    sites = [r[0] for r in conn.execute("SELECT site_id FROM sync_site_no ORDER BY no")]
    for site_id in sites:
        for row in conn.execute(f"SELECT {_COLUMNS} FROM sync_change WHERE site_id = ? AND seq > ? ORDER BY seq",
                                (site_id, after.get(site_id, 0))):
            yield _checked(row)


def covers(conn: sqlite3.Connection, after: Mapping[str, int] | None = None) -> dict[str, tuple[int, int]]:
    """{origin site_id: (lowest, highest seq)} of the changes ``iter_changes(conn, after)``
    gives, from the log's (site, seq) index alone (a package's header names them first)."""
    after = after or {}
    out = {}
    for no, site_id in conn.execute("SELECT no, site_id FROM sync_site_no ORDER BY no").fetchall():
        lo, hi = conn.execute("SELECT min(seq), max(seq) FROM sync_log WHERE site = ? AND seq > ?",
                              (no, after.get(site_id, 0))).fetchone()
        if lo is not None:
            out[site_id] = (lo, hi)
    return out


def iter_changes_in_order(conn: sqlite3.Connection, after: Mapping[str, int] | None = None,
                          with_hash: bool = False) -> Iterator[Change]:
    """``iter_changes`` in (hlc, site_id, seq) order, streamed: each origin's changes come in
    seq order, which is its HLC order (a site stamps its changes in the order it numbers them),
    so the origins are merged as they are read, never sorted in memory. Without ``with_hash``
    the hash of a change that has none stored is left None (a package no longer carries it)."""
    after = after or {}
    sites = [r[0] for r in conn.execute("SELECT site_id FROM sync_site_no ORDER BY no").fetchall()]

    def one(site_id: str) -> Iterator[Change]:
        cursor = conn.execute(f"SELECT {_COLUMNS} FROM sync_change WHERE site_id = ? AND seq > ? ORDER BY seq",
                              (site_id, after.get(site_id, 0)))
        while rows := cursor.fetchmany(2000):
            for row in rows:
                yield _checked(row, with_hash)

    streams = [one(s) for s in sites]
    if len(streams) == 1:
        return streams[0]
    return heapq.merge(*streams, key=lambda c: (c.hlc, c.site_id, c.seq))


def iter_row_changes(conn: sqlite3.Connection, tbl: str, row_id: str) -> Iterator[Change]:
    """Every change of one row, with its canonical body (the audit of one person reads these).
    Found through the log's ``(tbl, row_id)`` index: the view's row_id is worked out, not indexed."""
    found = conn.execute("SELECT s.site_id, l.seq FROM sync_log l JOIN sync_table_no t ON t.no = l.tbl"
                         " JOIN sync_site_no s ON s.no = l.site WHERE t.name = ? AND l.row_id = ? ORDER BY l.rowid",
                         (tbl, row_key(row_id))).fetchall()
    for site_id, seq in found:
        row = conn.execute(f"SELECT {_COLUMNS} FROM sync_change WHERE site_id = ? AND seq = ?", (site_id, seq)).fetchone()
        yield _checked(row)
