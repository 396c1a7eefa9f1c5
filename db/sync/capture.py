"""Capturing local writes into the change log (SYNC.md 9.5).

Triggers generated from the registry call ``sync_record`` (a Python function registered on
every connection) in the same transaction as the write, so a write and its change commit or
roll back together. Opening the database without Menshen (the sqlite3 shell) makes every write
to a replicated table fail with "no such function", which guards against unrecorded edits.
"""
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone

from db.sync.hlc import HybridClock
from db.sync.registry import APPEND, SYNC_TABLES, SyncTable

SCHEMA_VERSION_KEY = "schema_version"


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _group_json(prefix: str, groups: dict[str, list[str]], only_changed: bool) -> str:
    parts = []
    for group, cols in groups.items():
        obj = "json_object(" + ", ".join(f"'{c}', {prefix}.{_q(c)}" for c in cols) + ")"
        if only_changed:
            changed = " OR ".join(f"OLD.{_q(c)} IS NOT NEW.{_q(c)}" for c in cols)
            obj = f"CASE WHEN {changed} THEN {obj} END"
        parts.append(f"'{group}', {obj}")
    return "json_object(" + ", ".join(parts) + ")"


def trigger_sql(table: SyncTable, columns: list[str]) -> list[str]:
    """CREATE TRIGGER statements for one replicated table, given its current columns."""
    t, groups = table.name, table.column_groups(columns)
    name = f"sync_{t}"
    stmts = [
        f"CREATE TRIGGER {name}_ins AFTER INSERT ON {_q(t)} WHEN sync_applying() = 0 BEGIN "
        f"SELECT sync_record('{t}', NEW.id, '{'insert' if table.kind == APPEND else 'patch'}', "
        f"{_group_json('NEW', groups, False)}); END",
    ]
    if table.kind == APPEND:
        stmts += [
            f"CREATE TRIGGER {name}_upd BEFORE UPDATE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
            f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
        ]
    else:
        stmts += [
            f"CREATE TRIGGER {name}_upd AFTER UPDATE ON {_q(t)} WHEN sync_applying() = 0 BEGIN "
            f"SELECT sync_record('{t}', NEW.id, 'patch', {_group_json('NEW', groups, True)}); END",
            f"CREATE TRIGGER {name}_key BEFORE UPDATE OF id ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, 'the id of a {t} row never changes'); END",
            f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, 'rows of {t} are never deleted: set is_deleted = 1'); END",
        ]
    return stmts


def install_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create the capture triggers of every registered table; run after each migration."""
    existing = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")}
    for trig in existing:
        conn.execute(f"DROP TRIGGER {_q(trig)}")
    for table in SYNC_TABLES.values():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_q(table.name)})")]
        if not columns:
            continue                      # declared for a later migration
        for stmt in trigger_sql(table, columns):
            conn.execute(stmt)


@dataclass
class ChangeRecorder:
    """Per-connection state behind ``sync_record``: which site writes, its clock, who is acting.

    Inside ``Database.transaction()`` the site's next sequence number is kept in memory and
    written once, just before COMMIT (``flush``); a rollback forgets it (``forget``), so the
    numbers stay gap-free. A write outside a transaction writes it at once.
    """
    conn: sqlite3.Connection
    site_id: str
    clock: HybridClock
    schema_version: int
    user_name: str = ""
    applying: int = 0               # 1 while the sync importer writes merged rows
    deferred: bool = False          # True inside Database.transaction()
    _cur: sqlite3.Cursor | None = field(default=None, repr=False)
    _next_seq: int | None = field(default=None, repr=False)
    _hlc_last: int = field(default=0, repr=False)

    def register(self) -> None:
        self.conn.create_function("sync_applying", 0, lambda: self.applying, deterministic=False)
        self.conn.create_function("sync_record", 4, self.record)

    def forget(self) -> None:
        """Drop the in-memory sequence number (after a rollback, or before a transaction)."""
        self._next_seq = None

    def flush(self) -> None:
        """Write the site's sequence number and knowledge; called just before COMMIT."""
        if self._next_seq is None:
            return
        seq = self._next_seq
        self._cur.execute("UPDATE sync_site SET next_seq = ?, hlc_last = max(hlc_last, ?)"
                          " WHERE site_id = ?", (seq, self._hlc_last, self.site_id))
        if seq > 1:
            self._cur.execute("INSERT INTO sync_knowledge VALUES (?, ?) ON CONFLICT(site_id)"
                              " DO UPDATE SET max_seq = excluded.max_seq", (self.site_id, seq - 1))
        self._next_seq = None

    def record(self, tbl: str, row_id: str, kind: str, cols_json: str) -> int:
        cols = {g: v for g, v in json.loads(cols_json).items() if v is not None}
        if not cols:
            return 0                    # an UPDATE that changed nothing is not a change
        cur = self._cur or self.conn.cursor()
        self._cur = cur
        if self._next_seq is None:
            self._next_seq = cur.execute("SELECT next_seq FROM sync_site WHERE site_id = ?",
                                         (self.site_id,)).fetchone()[0]
        seq = self._next_seq
        hlc = self.clock.now()
        append = kind == "insert"       # append-only rows have no field-group versions (SYNC 9.6)
        base: dict[str, list] = {group: [] for group in cols}
        if not append:
            for group, b_site, b_seq in cur.execute(
                    "SELECT grp, site_id, seq FROM sync_cell WHERE tbl = ? AND row_id = ?",
                    (tbl, row_id)):
                if group in base:
                    base[group] = [[b_site, b_seq]]
        body = dict(site_id=self.site_id, seq=seq, hlc=hlc, tbl=tbl, row_id=row_id, kind=kind,
                    cols=cols, base=base, schema_version=self.schema_version)
        digest = hashlib.sha256(canonical_json(body).encode()).hexdigest()
        wall = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        cur.execute(
            "INSERT INTO sync_change (site_id, seq, hlc, tbl, row_id, kind, cols, base,"
            " content_sha256, schema_version, wall_time, user_name)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (self.site_id, seq, hlc, tbl, row_id, kind, canonical_json(cols),
             canonical_json(base), digest, self.schema_version, wall, self.user_name))
        if not append:
            superseded = [(tbl, row_id, g, s, q) for g, bases in base.items() for s, q in bases]
            if superseded:
                cur.executemany("DELETE FROM sync_head WHERE tbl=? AND row_id=? AND grp=?"
                                " AND site_id=? AND seq=?", superseded)
                cur.executemany("INSERT OR IGNORE INTO sync_base_ref VALUES (?,?,?,?,?)", superseded)
            cur.executemany("INSERT INTO sync_head VALUES (?,?,?,?,?)",
                            [(tbl, row_id, g, self.site_id, seq) for g in cols])
            # A local stamp is newer than every stamp this clock has seen, so it wins.
            cur.executemany("INSERT OR REPLACE INTO sync_cell VALUES (?,?,?,?,?,?)",
                            [(tbl, row_id, g, hlc, self.site_id, seq) for g in cols])
        self._next_seq, self._hlc_last = seq + 1, hlc
        if not self.deferred:
            self.flush()
        return 1
