"""Received changes staged where SQL can read them, and append rows written from there set-wise.

A package's part is a small SQLite image (desktop/sync/payload.py: a table ``change``). On a
plain connection it is deserialized into the schema ``incoming`` that every writer connection
attaches at open (``attach``); changes given as Python tuples (tests, an encrypted register,
whose SQLCipher connection cannot deserialize) are put into ``temp.incoming_change`` instead.
Either way the merge (db/sync/merge.py) reads one ``Source``.

``write_appends`` is the quick way for append tables (a million gate passages in a snapshot):
one ``INSERT … SELECT`` takes each row's values out of its change's JSON body, a second stores
the changes, each referring to its row (the compact record of db/sync/log.py), all inside a
SAVEPOINT. It is optimistic: anything unusual (a change we hold, a row id we have, a body that
is not exactly the row it makes, a column this database lacks, a hash to verify, a bad type)
rolls the savepoint back and leaves that table's changes to the merge's checked path, which
refuses or handles them with its own messages. A body that reads back through the table's shape
as the very text received has only columns this database has, so the checks of ``_check`` hold
for every row written here.
"""
import json
import sqlite3
from dataclasses import dataclass

from db import driver
from db.sync.log import content_hash, q
from db.sync.registry import APPEND, SYNC_TABLES

SCHEMA = "incoming"
PART_TABLE = f"{SCHEMA}.change"
TEMP_TABLE = "temp.incoming_change"
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
    sha_ok: str         # SQL true when the change's hash needs no check here

    def select(self, where: str = "1") -> str:
        values = ", ".join(self.sha if v == "content_sha256" else v for v in _VALUES)
        return f"SELECT {values} FROM {self.table} WHERE {where} ORDER BY rowid"


_PART = Source(PART_TABLE, "NULL", "1")
_TEMP = Source(TEMP_TABLE, "content_sha256", "sha_ok")


def stage_part(conn, part) -> Source:
    """Make one payload part (an open sqlite3 connection holding its ``change`` table) readable
    from ``conn``: deserialized into ``incoming`` when it can be, else copied row by row."""
    if _attached(conn) and hasattr(part, "serialize"):
        conn.deserialize(part.serialize(), name=SCHEMA)
        return _PART
    rows = part.execute("SELECT site_id, seq, hlc, tbl, row_id, kind, cols, base, NULL, format_version,"
                        " wall_time, user_name FROM change ORDER BY rowid").fetchall()
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
        return int(content_hash(c[7], c[6], c[2], c[5], c[4], c[9], c[1], c[0], c[3]) == c[8])
    except (TypeError, ValueError, AttributeError):
        return 0


def release(conn) -> None:
    """Give back the memory of the last part (an empty image in its place)."""
    global _EMPTY_IMAGE
    if not _attached(conn):
        return
    if _EMPTY_IMAGE is None:
        empty = sqlite3.connect(":memory:")
        empty.execute("CREATE TABLE unused (x)")       # a database of one page, no part
        _EMPTY_IMAGE = empty.serialize()
        empty.close()
    conn.deserialize(_EMPTY_IMAGE, name=SCHEMA)


# -- append rows, set-wise --------------------------------------------------------------------------

def _value_sql(path: str, default: str | None) -> str:
    """The column's value from the body; a column the body leaves out gets its default, as an
    INSERT naming only the body's columns would give it."""
    got = f"json_extract(s.cols, '{path}')"
    if default is None or default.upper() == "NULL":
        return got
    return f"CASE WHEN json_type(s.cols, '{path}') IS NULL THEN ({default}) ELSE {got} END"


def write_appends(conn, source: Source, groups_of: dict, numbers, bulk) -> dict[str, tuple[int, int, set]]:
    """Write the append tables' rows of this unit set-wise where nothing is unusual; returns
    {table: (changes, highest stamp, origin sites)} for the tables written (the others are left
    to the checked path)."""
    counts = dict(conn.execute(f"SELECT tbl, count(*) FROM {source.table} GROUP BY tbl"))
    done = {}
    for tbl, n in sorted(counts.items()):
        table = SYNC_TABLES.get(tbl) if isinstance(tbl, str) else None
        if table is None or table.kind != APPEND or not groups_of.get(tbl):
            continue
        got = _write_table(conn, source, tbl, n, groups_of[tbl], numbers, bulk)
        if got is not None:
            done[tbl] = got
    return done


def _write_table(conn, source: Source, tbl: str, n: int, groups: dict, numbers, bulk):
    shape = numbers.shape(tbl)
    if shape is None:
        return None
    usual = conn.execute(
        f"SELECT count(*) FROM {source.table} WHERE tbl = ? AND kind = 'insert' AND typeof(site_id) = 'text'"
        " AND typeof(seq) = 'integer' AND seq >= 1 AND typeof(hlc) = 'integer' AND hlc >= 0"
        " AND typeof(row_id) = 'text' AND row_id != '' AND base = '{}' AND typeof(cols) = 'text'"
        f" AND typeof(format_version) = 'integer' AND {source.sha_ok}", (tbl,)).fetchone()[0]
    if usual != n:
        return None
    # Numbers of the sites and user names first, outside the savepoint: the cache keeps them.
    for (site,) in conn.execute(f"SELECT DISTINCT site_id FROM {source.table} WHERE tbl = ?", (tbl,)).fetchall():
        numbers.site(site)
    for (user,) in conn.execute(f"SELECT DISTINCT user_name FROM {source.table} WHERE tbl = ?"
                                " AND user_name IS NOT NULL", (tbl,)).fetchall():
        numbers.user(user)
    tno = numbers.table(tbl)
    bulk.consider(conn, tbl)
    info = conn.execute(f"PRAGMA table_info({q(tbl)})").fetchall()
    group_of = {col: g for g, cols in groups.items() for col in cols}
    columns = [(r[1], r[4]) for r in info if r[1] in group_of and r[1] != "id"]
    values = ", ".join(_value_sql(f'$."{group_of[c]}"."{c}"', d) for c, d in columns)
    # The order the checked path writes in (stamp, site, number): a tie in a derived table
    # (the last passage) keeps the first.
    order = "ORDER BY s.hlc, s.site_id, s.seq"
    conn.execute("SAVEPOINT incoming_appends")
    try:
        conn.execute(f"INSERT INTO {q(tbl)} ({''.join(q(c) + ', ' for c, _ in columns)}id)"
                     f" SELECT {values}{', ' if columns else ''}s.row_id FROM {source.table} s WHERE s.tbl = ? {order}",
                     (tbl,))
        stored = conn.execute(
            "INSERT INTO sync_log (site, seq, hlc, tbl, row_id, kind, shape, cols, base, content_sha256, format,"
            " wall, user_no) SELECT n.no, s.seq, s.hlc, ?, sync_row_key(s.row_id), 1, ?, NULL, NULL, NULL,"
            " s.format_version, s.wall_time, u.no"
            f" FROM {source.table} s JOIN sync_site_no n ON n.site_id = s.site_id"
            " LEFT JOIN sync_user_no u ON u.name = s.user_name"
            f" WHERE s.tbl = ? AND (SELECT {shape.body_sql('r')} FROM {q(tbl)} r WHERE r.id = s.row_id) = s.cols"
            f" {order}", (tno, shape.no, tbl)).rowcount
        if stored != n:
            raise _Unusual
    except (_Unusual, *driver.ERRORS) as exc:
        if not isinstance(exc, _Unusual) and not _row_level(exc):
            raise
        conn.execute("ROLLBACK TO incoming_appends")
        conn.execute("RELEASE incoming_appends")
        return None
    conn.execute("RELEASE incoming_appends")
    high, sites = conn.execute(f"SELECT max(hlc), json_group_array(DISTINCT site_id) FROM {source.table}"
                               " WHERE tbl = ?", (tbl,)).fetchone()
    return n, high, set(json.loads(sites))


class _Unusual(Exception):
    """A change the set-wise way does not write as the checked path would: left to it."""


def _row_level(exc: Exception) -> bool:
    """An error one of the rows caused (a constraint, malformed JSON, a value out of range),
    not the disk or the database: the checked path will say which row and why."""
    if isinstance(exc, driver.INTEGRITY_ERRORS):
        return True
    text = str(exc).lower()
    return any(w in text for w in ("json", "constraint", "datatype", "too big", "overflow"))
