"""Replicated tables accept a partial row (issue 14 point 4; SYNC.md 9.4): no column beyond the
key is NOT NULL without a default, so the sync importer can write a patch that arrives before
its row's insert, and a privacy purge can write NULL to a personal-data column. What a user
must type is still required by desktop/ (forms and the import), where the rules live.

Taking NOT NULL away is one of the schema changes SQLite documents as safe to make by editing
the table's definition in sqlite_schema (lang_altertable.html, "Making Other Kinds Of Table
Schema Changes"): nothing stored changes, so it takes milliseconds even with a million gate
rows, and indexes, triggers, rowids and the change log stay as they are. Only the words
"NOT NULL" of those columns go; the result is checked against the table as it was (same
columns, types, defaults and key) and the schema cookie moves on so every connection reads it
again. Where the definition cannot be edited that way (SQLite in defensive mode, or a column
written in an unexpected form), the table is rebuilt with SQLite's twelve-step procedure
instead: a new table, the rows copied with their rowids, the old one dropped, the new one
renamed, its indexes and triggers made again. Either way the columns, their order, types and
defaults stay, so the change log's shapes and bodies do not change.

Written in Python because it reads the schema it changes: columns other migrations added are
kept wherever this one is numbered. Self-contained: it only needs the replicated tables (it
looks at whichever of them exist).
"""
import re
import sqlite3

# The replicated tables of db/sync/registry.py when this migration was written; a table added
# later is created without such columns in the first place.
TABLES = (
    "community", "grid", "compound", "building", "unit", "household", "person", "membership", "status_change",
    "travel_record", "checkpoint", "gate_secret", "gate_rule", "gate_pass", "visitor", "vehicle", "gate_log",
    "care_helper", "care_subject", "care_contact", "care_green_channel", "care_visit", "isolation_episode",
    "isolation_followup", "notice_template", "report_template",
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(name, decl_type, notnull, default, pk) -> str:
    out = _q(name) + (f" {decl_type}" if decl_type else "")
    if pk:
        out += " PRIMARY KEY"
    if notnull and (default is not None or pk):
        out += " NOT NULL"
    if default is not None:
        out += f" DEFAULT {default}"
    return out


def _xinfo(conn, table):
    return conn.execute(f"PRAGMA table_xinfo({_q(table)})").fetchall()


def _required(info) -> list[str]:
    return [name for _, name, _, notnull, default, pk, _ in info if notnull and default is None and not pk]


def relax(conn: sqlite3.Connection, table: str) -> bool:
    """Take NOT NULL off the columns without a default by editing the definition; False when
    that cannot be done safely (then the table is rebuilt)."""
    info = _xinfo(conn, table)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    for col in _required(info):
        sql, found = re.subn(rf'((?:^|[\s,(]){re.escape(col)}\s+[A-Za-z]+)\s+NOT\s+NULL\b(?!\s+DEFAULT)', r"\1",
                             sql, flags=re.IGNORECASE)
        if found != 1:
            return False
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    expected = [(cid, name, decl, 0 if name in _required(info) else notnull, default, pk, hidden)
                for cid, name, decl, notnull, default, pk, hidden in info]
    if _xinfo(conn, table) != expected:
        raise RuntimeError(f"{table}: its definition did not read back as expected")
    return True


def rebuild(conn: sqlite3.Connection, table: str) -> bool:
    info = _xinfo(conn, table)
    if not info or not _required(info):
        return False
    if sum(1 for r in info if r[5]) > 1 or any(r[6] for r in info):
        raise RuntimeError(f"{table}: a composite key or hidden columns; rebuild it by hand")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    keep = conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
                        " AND sql IS NOT NULL ORDER BY type, rowid", (table,)).fetchall()
    new = f"{table}__partial"
    columns = ", ".join(_column(r[1], r[2], r[3], r[4], r[5]) for r in info)
    tail = " WITHOUT ROWID" if "WITHOUT ROWID" in sql.upper() else ""
    names = ", ".join(_q(r[1]) for r in info)
    conn.execute(f"CREATE TABLE {_q(new)} ({columns}){tail}")
    rowid = "" if tail else "rowid, "        # rowids are kept: the search index refers to them
    conn.execute(f"INSERT INTO {_q(new)} ({rowid}{names}) SELECT {rowid}{names} FROM {_q(table)}")
    conn.execute(f"DROP TABLE {_q(table)}")
    conn.execute(f"ALTER TABLE {_q(new)} RENAME TO {_q(table)}")
    for (stmt,) in keep:
        conn.execute(stmt)
    return True


def migrate(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        info = _xinfo(conn, table)
        if not info or not _required(info) or relax(conn, table):
            continue
        # Renaming must not re-check views and other tables' triggers that name the dropped table.
        conn.execute("PRAGMA legacy_alter_table = ON")
        try:
            rebuild(conn, table)
        finally:
            conn.execute("PRAGMA legacy_alter_table = OFF")
