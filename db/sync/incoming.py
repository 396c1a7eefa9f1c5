"""Received changes staged where SQL can read them, and rows written from there set-wise.

A package's part is a small SQLite image (desktop/sync/payload.py: a table ``change``). On a
plain connection it is deserialized into the schema ``incoming`` that every writer connection
attaches at open (``attach``); changes given as Python tuples (tests, an encrypted register,
whose SQLCipher connection cannot deserialize) are put into ``temp.incoming_change`` instead.
Either way the merge (db/sync/merge.py) reads one ``Source``.

``write_set_wise`` is the quick way for append tables (a million gate passages in a snapshot)
and for the new rows of the others (a snapshot's register): one ``INSERT … SELECT`` takes each
row's values out of its change's JSON body, a second stores the changes, each referring to its
row (the compact record of db/sync/log.py, as a change made here does), all inside a
SAVEPOINT. It is optimistic: anything unusual (a change we hold, a row id we have, a body that
is not exactly the row it makes, a column this database lacks, a hash to verify, a bad type)
rolls the savepoint back and leaves that table's changes to the merge's checked path, which
refuses or handles them with its own messages. A body that reads back through the table's shape
as the very text received has only columns this database has, so the checks of ``_check`` hold
for every row written here.

A part read ahead of the writer in a second process (desktop/sync/reading.py) comes typed (``type_part``): its
rows' values already taken out of their JSON, by the same SQL, into columns of the table's own
types; the first statement then copies them. The checks are the same either way.
"""
import itertools
import json
import sqlite3
from dataclasses import dataclass
from typing import Callable

from db import driver
from db.sync.log import canonical_json, change_hash, q, stored_wall_sql
from db.sync.registry import APPEND, SYNC_TABLES

SCHEMA = "incoming"
PART_TABLE = f"{SCHEMA}.change"
TEMP_TABLE = "temp.incoming_change"
DONE_TABLE = "temp.incoming_done"       # the source's rowids written set-wise in this unit
#: The change's 12 values in merge order, as each source gives them.
_VALUES = ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base", "content_sha256",
           "format_version", "wall_time", "user_name")
_EMPTY_IMAGE: bytes | None = None


def attach(conn) -> None:
    """Attach the in-memory schema parts are deserialized into (outside any transaction, at
    open). A connection that cannot deserialize (SQLCipher's) goes without: its changes are
    staged in a TEMP table."""
    if hasattr(conn, "deserialize"):
        conn.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")


def _attached(conn) -> bool:
    return hasattr(conn, "deserialize") and any(
        r[1] == SCHEMA for r in conn.execute("PRAGMA database_list"))


@dataclass(frozen=True)
class Source:
    """Where one unit of received changes is: ``table`` and the SQL of its 12 values."""
    table: str
    sha: str            # the content_sha256 column's SQL ("NULL": a part carries none)
    sha_ok: str         # SQL (the source as ``s``) true when the change's hash needs no check here
    typed: frozenset = frozenset()      # the part's tables of typed rows (``type_part``)

    def select(self, where: str = "1") -> str:
        values = ", ".join(self.sha if v == "content_sha256" else v for v in _VALUES)
        return f"SELECT {values} FROM {self.table} WHERE {where} ORDER BY rowid"


_PART = Source(PART_TABLE, "NULL", "1")
_TEMP = Source(TEMP_TABLE, "content_sha256", "s.sha_ok")


def stage_part(conn, image: bytes) -> Source:
    """Make one payload part readable from ``conn``: ``image`` is the part as a SQLite database
    (its table ``change``, checked by desktop/sync/payload.py), deserialized into ``incoming``
    when ``conn`` can, else its changes copied row by row into the TEMP table."""
    if _attached(conn):
        conn.deserialize(image, name=SCHEMA)
        typed = frozenset(r[0] for r in conn.execute(
            f"SELECT name FROM {SCHEMA}.sqlite_master WHERE type = 'table' AND name LIKE 'typed%'"))
        return Source(PART_TABLE, "NULL", "1", typed) if typed else _PART
    part = sqlite3.connect(":memory:")
    try:
        part.deserialize(image)
        rows = part.execute("SELECT site_id, seq, hlc, tbl, row_id, kind, cols, base, NULL, format_version,"
                            " wall_time, user_name FROM change ORDER BY rowid").fetchall()
    finally:
        part.close()
    return stage_rows(conn, rows)


def stage_rows(conn, changes: list[tuple]) -> Source:
    """Put these change tuples (12 values) into the TEMP table, each with whether its hash, if
    it carries one, is right (a wrong one is left to the checked path, which refuses it)."""
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS incoming_change ({', '.join(_VALUES)}, sha_ok)")
    conn.execute(f"DELETE FROM {TEMP_TABLE}")
    conn.executemany(f"INSERT INTO {TEMP_TABLE} VALUES ({', '.join('?' * (len(_VALUES) + 1))})",
                     [(*c, _hash_right(c)) for c in changes])
    return _TEMP


def _hash_right(c) -> int:
    if c[8] is None:
        return 1
    try:
        return int(change_hash(c) == c[8])
    except (TypeError, ValueError, AttributeError):
        return 0


def release(conn) -> None:
    """Give back the memory of the last unit: an empty image in place of the part, the TEMP
    tables emptied. Never raises (it runs while an error may be on its way out)."""
    global _EMPTY_IMAGE
    try:
        for table in (TEMP_TABLE, DONE_TABLE):
            if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = ?", (table.split(".")[1],)).fetchone():
                conn.execute(f"DELETE FROM {table}")
        if not _attached(conn):
            return
        if _EMPTY_IMAGE is None:
            empty = sqlite3.connect(":memory:")
            empty.execute("CREATE TABLE unused (x)")       # a database of one page, no part
            _EMPTY_IMAGE = empty.serialize()
            empty.close()
        conn.deserialize(_EMPTY_IMAGE, name=SCHEMA)
    except driver.ERRORS:
        pass


# -- rows written set-wise ----------------------------------------------------------------------

def _usual_sql(source: Source, kind: str) -> str:
    """SQL true for a change of the usual form for ``kind``: the types ``_check`` asks for, a
    new row's empty base, a body, and a hash that needs no check."""
    return (f"s.kind = '{kind}' AND typeof(s.site_id) = 'text' AND typeof(s.seq) = 'integer' AND s.seq >= 1"
            " AND typeof(s.hlc) = 'integer' AND s.hlc >= 0 AND typeof(s.row_id) = 'text' AND s.row_id != ''"
            " AND s.base = '{}' AND typeof(s.cols) = 'text' AND s.cols != '{}'"
            f" AND typeof(s.format_version) = 'integer' AND {source.sha_ok}")


def _value_sql(group: str, col: str, default: str | None, append: bool) -> str:
    """The column's value from the body, as the checked path writes it: an append row's column
    the body leaves out gets its default (the INSERT names only the body's columns); a new lww
    row gets its default for a group the body leaves out, NULL for a column missing from a
    group it carries (merge._single_change_values)."""
    path = f'$."{group}"."{col}"'
    got = f"json_extract(s.cols, '{path}')"
    if default is None or default.upper() == "NULL":
        return got
    absent = path if append else f'$."{group}"'
    return f"CASE WHEN json_type(s.cols, '{absent}') IS NULL THEN ({default}) ELSE {got} END"


def table_shape(tbl: str, info: list) -> tuple[list, list]:
    """(groups, keep_nulls) of the shape the capture triggers give a new row of ``tbl`` with
    these columns (``PRAGMA table_info`` rows): what a change referring to its row reads through."""
    keep_nulls = sorted(r[1] for r in info if not r[3] and r[4] is not None and r[4].upper() != "NULL")
    groups = [(g, sorted(cols)) for g, cols in sorted(SYNC_TABLES[tbl].column_groups([r[1] for r in info]).items())]
    return groups, keep_nulls


def _row_columns(info: list, groups: dict, append: bool) -> list[tuple[str, str, str]]:
    """(column, declared type, its value's SQL from the body ``s.cols``) for each column a
    received body may set, in the table's order."""
    group_of = {col: g for g, cols in groups.items() for col in cols}
    return [(r[1], r[2], _value_sql(group_of[r[1]], r[1], r[4], append))
            for r in info if r[1] in group_of and r[1] != "id"]


def write_set_wise(conn, source: Source, groups_of: dict, numbers, bulk,
                   typing: "dict[str, Typed] | None" = None,
                   keep: "Callable[[list[tuple]], list[dict] | None] | None" = None) -> dict[str, tuple[int, int, set, int]]:
    """Write what this unit can have set-wise: every row of an append table when nothing in it
    is unusual, and the new rows of lww tables (a row's only change, its first, for a row this
    database has never seen). Returns {table: (changes, highest stamp, origin sites, kept)}; the
    changes written are in DONE_TABLE (``new_unit`` emptied it), and the rest are left to the
    checked path. ``typing``: the tables the reading process typed in each part (``type_part``).
    ``keep`` (the merge's ``_check`` for a newer Menshen's changes, SYNC.md 9.16): given changes,
    what this database has of each body when every one is kept for an upgrade, else None; such
    changes are written here too, their bodies stored whole (``_store_kept``)."""
    counts = dict(conn.execute(f"SELECT tbl, count(*) FROM {source.table} GROUP BY tbl"))
    done = {}
    for tbl, n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        table = SYNC_TABLES.get(tbl) if isinstance(tbl, str) else None
        if table is None or not groups_of.get(tbl):
            continue
        typed = (typing or {}).get(tbl)
        got = _write_table(conn, source, tbl, n, groups_of[tbl], numbers, bulk, table.kind == APPEND,
                           typed if typed is not None and typed.part_table in source.typed else None, keep)
        if got is not None:
            done[tbl] = got
    return done


def new_unit(conn) -> None:
    """Nothing of the unit about to be staged is written yet."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_done (n INTEGER PRIMARY KEY)")
    conn.execute(f"DELETE FROM {DONE_TABLE}")


def rest_sql(source: Source) -> str:
    """The changes of the unit left to the checked path, in the sender's order."""
    return source.select(f"rowid NOT IN (SELECT n FROM {DONE_TABLE})")


def _write_table(conn, source: Source, tbl: str, n: int, groups: dict, numbers, bulk, append: bool,
                 typed: "Typed | None", keep=None):
    shape = numbers.shape(tbl)
    if shape is None:
        return None
    tno = numbers.table(tbl)
    columns = _row_columns(conn.execute(f"PRAGMA table_info({q(tbl)})").fetchall(), groups, append)
    names = "".join(q(c) + ", " for c, _, _ in columns)
    if typed is not None and list(typed.columns) != columns:
        typed = None        # typed for other columns than the table has now: from the JSON, then
    if append:      # all of the table's changes, or none
        which = _usual_sql(source, "insert")
        if conn.execute(f"SELECT count(*) FROM {source.table} s WHERE s.tbl = ? AND {which}", (tbl,)).fetchone()[0] != n:
            return None
    else:           # a new row's first change, alone in the unit, of a row never seen here
        which = (f"{_usual_sql(source, 'patch')}"
                 f" AND s.row_id IN (SELECT row_id FROM {source.table} WHERE tbl = '{tbl}' GROUP BY row_id"
                 " HAVING count(*) = 1)"
                 f" AND NOT EXISTS (SELECT 1 FROM {q(tbl)} t WHERE t.id = s.row_id)"
                 f" AND NOT EXISTS (SELECT 1 FROM sync_log l WHERE l.tbl = {tno} AND l.row_id = sync_row_key(s.row_id))")
    # Numbers of the sites and user names first, outside the savepoint: the cache keeps them.
    for (site,) in conn.execute(f"SELECT DISTINCT site_id FROM {source.table} WHERE tbl = ?", (tbl,)).fetchall():
        if isinstance(site, str):
            numbers.site(site)
    for (user,) in conn.execute(f"SELECT DISTINCT user_name FROM {source.table} WHERE tbl = ?"
                                " AND typeof(user_name) = 'text'", (tbl,)).fetchall():
        numbers.user(user)
    if append:
        bulk.consider(conn, tbl)
    # The order the checked path writes in (stamp, site, number): a tie in a derived table
    # (the last passage) keeps the first.
    rows = (f" FROM {source.table} s JOIN {DONE_TABLE} d ON d.n = s.rowid WHERE s.tbl = ?"
            " ORDER BY s.hlc, s.site_id, s.seq")
    conn.execute("SAVEPOINT incoming_rows")
    try:
        marked = conn.execute(f"INSERT INTO {DONE_TABLE} (n) SELECT s.rowid FROM {source.table} s"
                              f" WHERE s.tbl = ? AND {which}", (tbl,)).rowcount
        if not marked:
            raise _Unusual
        values = "".join(v + ", " for _, _, v in columns)
        source_rows = rows
        if typed is not None:
            # Every row marked has its values typed ahead in the part (``type_part``): copied.
            part = f"{SCHEMA}.{typed.part_table}"
            if conn.execute(f"SELECT count(*) FROM {DONE_TABLE} d JOIN {part} t ON t.n = d.n").fetchone()[0] == marked:
                values = "".join(f"t.{q(c)}, " for c, _, _ in columns)
                source_rows = (f" FROM {source.table} s JOIN {DONE_TABLE} d ON d.n = s.rowid JOIN {part} t"
                               " ON t.n = s.rowid WHERE s.tbl = ? ORDER BY s.hlc, s.site_id, s.seq")
        conn.execute(f"INSERT INTO {q(tbl)} ({names}id) SELECT {values}s.row_id{source_rows}", (tbl,))
        # Each change refers to its row (db/sync/log.py) when the row, read through the table's
        # shape, is the very body received: then the body had no column we lack, nothing else.
        stored = conn.execute(
            "INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format,"
            " wall, user_no) SELECT n.no, s.seq, s.hlc, ?, sync_row_key(s.row_id), ?, ?, NULL, NULL, NULL,"
            f" s.format_version, {stored_wall_sql('s.hlc', 's.wall_time')}, u.no FROM (SELECT s.*{rows}) s"
            " JOIN sync_site_no n ON n.site_id = s.site_id LEFT JOIN sync_user_no u ON u.name = s.user_name"
            f" WHERE (SELECT {shape.body_sql('r')} FROM {q(tbl)} r WHERE r.id = s.row_id) = s.cols",
            (tno, 1 if append else 0, shape.no, tbl)).rowcount
        kept = _store_kept(conn, source, tbl, shape, rows, tno, append, keep) if stored != marked else 0
        if stored + kept != marked:
            raise _Unusual
    except (_Unusual, *driver.ERRORS) as exc:
        if not isinstance(exc, _Unusual) and not _row_level(exc):
            raise
        conn.execute("ROLLBACK TO incoming_rows")
        conn.execute("RELEASE incoming_rows")
        return None
    conn.execute("RELEASE incoming_rows")
    high, sites = conn.execute(f"SELECT max(s.hlc), json_group_array(DISTINCT s.site_id){rows}", (tbl,)).fetchone()
    return marked, high, set(json.loads(sites)), kept


def _store_kept(conn, source: Source, tbl: str, shape, rows: str, tno: int, append: bool, keep) -> int:
    """The changes just written whose body is not the row they made, when each is a newer
    Menshen's (SYNC.md 9.16: ``keep``) and what this database has of its body is that row:
    stored with the whole body, as the checked path stores them, so one newer column does not
    send a snapshot's passages row by row. Returns how many; 0 when any is something else (the
    unit's table then goes the checked way)."""
    if keep is None:
        return 0
    values = ", ".join(source.sha if v == "content_sha256" else f"s.{v}" for v in _VALUES)
    left = conn.execute(
        f"SELECT * FROM (SELECT s.rowid, (SELECT {shape.body_sql('r')} FROM {q(tbl)} r WHERE r.id = s.row_id)"
        f" AS made, {values}{rows}) WHERE made IS NOT cols", (tbl,)).fetchall()
    known = keep([tuple(r[2:]) for r in left])
    # A body with nothing this database has (only a newer group) makes no row the checked way.
    if known is None or any(not k or canonical_json(k) != r[1] for k, r in zip(known, left)):
        return 0
    return conn.execute(
        "INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format,"
        f" wall, user_no) SELECT n.no, s.seq, s.hlc, ?, sync_row_key(s.row_id), ?, NULL, s.cols, NULL, {source.sha},"
        f" s.format_version, {stored_wall_sql('s.hlc', 's.wall_time')}, u.no FROM {source.table} s"
        " JOIN sync_site_no n ON n.site_id = s.site_id"
        " LEFT JOIN sync_user_no u ON u.name = s.user_name WHERE s.rowid IN (SELECT value FROM json_each(?))",
        (tno, 1 if append else 0, json.dumps([r[0] for r in left]))).rowcount


# -- typed ahead of the writer ----------------------------------------------------------------

@dataclass(frozen=True)
class Typed:
    """How one table's received rows are prepared in a part ahead of the writer (``type_part``,
    desktop/sync/reading.py): each change's values taken out of its JSON body as the writer's
    INSERT would take them, and typed as the table types them (the same declared types, so the
    same affinity). The writer then copies them; the checks stay the writer's."""
    table: str
    part_table: str                 # its table in the part: typed_<n>
    columns: tuple                  # ``_row_columns``: (column, declared type, value SQL)


def typing_of(conn) -> dict[str, Typed]:
    """In the writer, before the parts are read: every registered table this database has, as
    it is now (the import holds the write lock, so it stays so)."""
    out = {}
    for n, (name, table) in enumerate(sorted(SYNC_TABLES.items())):
        info = conn.execute(f"PRAGMA table_info({q(name)})").fetchall()
        groups = table.column_groups([r[1] for r in info]) if info else {}
        if groups:
            out[name] = Typed(name, f"typed_{n}", tuple(_row_columns(info, groups, table.kind == APPEND)))
    return out


_SCHEMA_COOKIES = itertools.count(1 << 20)


def type_part(part: sqlite3.Connection, typing: dict[str, Typed]) -> None:
    """On a checked part's own connection, before its image is taken (the reading thread or
    process): a table of typed rows for each table its changes are for. A body that is not JSON
    leaves its row out; the writer then takes that table's changes from their JSON itself, as
    without this, and its checks say what is wrong."""
    part.execute("PRAGMA query_only = OFF")
    for (tbl,) in part.execute("SELECT DISTINCT tbl FROM change").fetchall():
        typed = typing.get(tbl) if isinstance(tbl, str) else None
        if typed is None:
            continue
        target = typed.part_table
        try:
            part.execute(f"CREATE TABLE {target} (n INTEGER PRIMARY KEY, "
                         + ", ".join(f"{q(c)} {decl}" for c, decl, _ in typed.columns) + ")")
            part.execute(f"INSERT INTO {target} (n, {', '.join(q(c) for c, _, _ in typed.columns)})"
                         f" SELECT s.rowid, {', '.join(v for _, _, v in typed.columns)}"
                         " FROM change s WHERE s.tbl = ? AND typeof(s.cols) = 'text' AND json_valid(s.cols)", (tbl,))
        except sqlite3.Error:
            part.execute(f"DROP TABLE IF EXISTS {target}")
    # Parts differ in where their typed tables are, not in their schema cookie: a statement the
    # writer prepared for the part before would read the pages of another table (SQLite checks
    # the cookie, not the schema). A cookie no other part has makes it prepare them again.
    part.execute(f"PRAGMA schema_version = {next(_SCHEMA_COOKIES)}")


class _Unusual(Exception):
    """A change the set-wise way does not write as the checked path would: left to it."""


def _row_level(exc: Exception) -> bool:
    """An error one of the rows caused (a constraint, malformed JSON, a value out of range),
    not the disk or the database: the checked path will say which row and why."""
    if isinstance(exc, driver.INTEGRITY_ERRORS):
        return True
    text = str(exc).lower()
    return any(w in text for w in ("json", "constraint", "datatype", "too big", "overflow"))
