"""Capturing local writes into the change log (SYNC.md 9.5; the compact record of db/sync/log.py).

Triggers generated from the registry hand every local write to Python, which only keeps it in
memory: a new row as a reference (table, id, shape: no JSON is built), an edit as the canonical
JSON of its changed field groups built by SQLite itself. ``flush`` turns the kept writes into
numbered, stamped ``sync_log`` rows with one ``executemany`` per few thousand, inside the same
transaction: just before COMMIT, and along the way when many are waiting (a 100,000-row import).
A write outside ``Database.transaction()`` is flushed at once. Either way the write and its
change commit or roll back together, and a rollback leaves no gap in the numbers (``forget``).

Before an UPDATE of a replicated row, the ``sync_<table>_freeze`` trigger writes the body of a
change still referring to the row from the row as it was (OLD), in the log or in memory, so the
body exported later is the row as inserted. It fires for the sync importer's writes as well.

**Stamps never repeat**, whatever else writes to the file: the site's next number and last HLC
are read again from the database at the first write of every transaction, under SQLite's write
lock, and the last HLC is stored in the same transaction. Two processes (or two ``Database``
objects) on one file take turns at the lock and so never issue the same (HLC, site) or seq.

Opening the database without Menshen (the sqlite3 shell) makes every write to a replicated
table fail with "no such function", which guards against unrecorded edits.

The current version of each field group (SYNC.md's ``sync_cell``) is not kept in a table of its
own: it is worked out from the row's changes when an edit needs its base (db/sync/versions.py).
"""
import json
import sqlite3
import time
from dataclasses import dataclass, field

from db import bulk
from db.sync import log
from db.sync.hlc import HybridClock
from db.sync.log import CHANGE_FORMAT, canonical_json, content_hash, q as _q  # noqa: F401 (re-exported)
from db.sync.registry import APPEND, SYNC_TABLES, SyncTable
from db.sync.versions import current_cells

FLUSH_CHUNK = 5000                   # kept writes turned into changes at a time
_LOG_COLUMNS = ("site", "seq", "hlc", "tbl", "row_id", "kind", "shape", "cols", "base", "content_sha256", "format",
                "wall", "user_no")
_NARROW_FROM = 100                   # changes written at once from which their all-NULL columns are left out


def _sorted_groups(groups: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Groups and their columns in canonical (sorted) order: the JSON SQLite builds is canonical."""
    return [(g, sorted(cols)) for g, cols in sorted(groups.items())]


def _changed(cols: list[str]) -> str:
    return "(" + " OR ".join(f"OLD.{_q(c)} IS NOT NEW.{_q(c)}" for c in cols) + ")"


def new_row_sql(groups, keep_nulls, prefix: str = "NEW") -> str:
    """The canonical cols of a new row (see log.row_body_sql)."""
    return log.row_body_sql(groups, keep_nulls, prefix)


def insert_trigger(table: str) -> str:
    """The name of the trigger that refers a new row of ``table`` to the log (``sync_refer``):
    ``ChangeRecorder.insert_referred`` does its work itself, so a bulk insert may set it aside."""
    return f"sync_{table}_ins"


def trigger_sql(table: SyncTable, columns: list[str], keep_nulls: frozenset[str] = frozenset(),
                shape: int = 0, tbl_no: int | None = None, shapes: list[log.Shape] = ()) -> list[str]:
    """CREATE TRIGGER statements for one replicated table, given its current columns, the
    number of its current shape, and (for the freeze trigger) its number and readable shapes."""
    t, groups = table.name, _sorted_groups(table.column_groups(columns))
    name = f"sync_{t}"
    kind = "insert" if table.kind == APPEND else "patch"
    stmts = [f"CREATE TRIGGER {insert_trigger(t)} AFTER INSERT ON {_q(t)} WHEN sync_applying() = 0 BEGIN "
             f"SELECT sync_refer('{t}', NEW.id, '{kind}', {shape}); END"]
    if table.kind == APPEND:
        return stmts + [
            f"CREATE TRIGGER {name}_upd BEFORE UPDATE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
            f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
        ]
    # Only the groups whose columns changed: an edit never re-sends what it did not touch.
    changed_grps, changed_cols = log.some_groups_sql(
        [(g, _changed(cols), log.object_sql("NEW", cols)) for g, cols in groups])
    any_change = " OR ".join(_changed(cols) for _, cols in groups)
    stmts += [
        f"CREATE TRIGGER {name}_upd AFTER UPDATE ON {_q(t)} WHEN sync_applying() = 0 AND ({any_change}) "
        f"BEGIN SELECT sync_capture('{t}', NEW.id, 'patch', {changed_grps}, {changed_cols}); END",
        f"CREATE TRIGGER {name}_key BEFORE UPDATE OF id ON {_q(t)} BEGIN "
        f"SELECT RAISE(ABORT, 'the id of a {t} row never changes'); END",
        f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
        f"SELECT RAISE(ABORT, 'rows of {t} are never deleted: set is_deleted = 1'); END",
    ]
    if tbl_no is not None:
        # The change that still refers to this row gets its body from the row as it was.
        freeze = (f"SELECT sync_freeze_kept('{t}', OLD.id, {new_row_sql(groups, keep_nulls, 'OLD')})"
                  f" WHERE sync_is_kept('{t}', OLD.id);")
        mine = [s for s in shapes if s.tbl_no == tbl_no]
        if mine:
            cases = " ".join(f"WHEN {s.no} THEN {s.body_sql('OLD')}" for s in mine)
            freeze += (f" UPDATE sync_log SET cols = CASE shape {cases} END, shape = NULL"
                       f" WHERE tbl = {tbl_no} AND row_id = sync_row_key(OLD.id) AND cols IS NULL;")
        stmts.append(f"CREATE TRIGGER {name}_freeze BEFORE UPDATE ON {_q(t)} BEGIN {freeze} END")
    return stmts


def _table_shape(conn: sqlite3.Connection, table: SyncTable, compact: bool):
    """(columns, keep_nulls, shape, tbl_no) of a table as its triggers are made now; None for a
    table not in the file yet. ``shape`` and ``tbl_no`` are None without the compact log."""
    info = conn.execute(f"PRAGMA table_info({_q(table.name)})").fetchall()
    if not info:
        return None
    columns = [r[1] for r in info]
    keep_nulls = frozenset(r[1] for r in info if not r[3] and r[4] is not None and r[4].upper() != "NULL")
    tbl_no = shape = None
    if compact:
        tbl_no = log.table_no(conn, table.name)
        shape = log.shape_no(conn, tbl_no, _sorted_groups(table.column_groups(columns)), keep_nulls)
    return columns, keep_nulls, shape, tbl_no


def install_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create the capture triggers of every registered table and the view of the log; run
    after each migration. A table whose columns changed gets a new shape."""
    existing = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")}
    for trig in existing:
        conn.execute(f"DROP TRIGGER {_q(trig)}")
    compact = log.has_compact_log(conn)
    plan = []
    for table in SYNC_TABLES.values():
        found = _table_shape(conn, table, compact)
        if found is not None:             # None: declared for a later migration
            plan.append((table, *found))
    readable = log.readable_shapes(conn) if compact else []
    for table, columns, keep_nulls, shape, tbl_no in plan:
        for stmt in trigger_sql(table, columns, keep_nulls, shape or 0, tbl_no, readable):
            conn.execute(stmt)
    if compact:
        log.install_view(conn)


class CaptureFailed(sqlite3.DatabaseError):
    """Writing captured changes failed earlier in this transaction; it cannot commit."""


@dataclass
class ChangeRecorder:
    """Per-connection state of capture: which site writes, its clock, who is acting.

    ``deferred`` is True inside ``Database.transaction()``, which calls ``flush`` before COMMIT
    and ``forget`` after a rollback; outside one, each captured write is flushed at once.
    ``schema_version`` is accepted for the callers' sake and not used: every change carries the
    change format version (``CHANGE_FORMAT``), which does not follow the migrations.
    """
    conn: sqlite3.Connection
    site_id: str
    clock: HybridClock
    schema_version: int = 0
    user_name: str = ""
    applying: int = 0               # 1 while the sync importer writes merged rows
    deferred: bool = False
    _kept: list = field(default_factory=list, repr=False)
    _refs: dict = field(default_factory=dict, repr=False)      # (tbl, id) -> index of its new row in _kept
    _next_seq: int | None = field(default=None, repr=False)
    _broken: bool = field(default=False, repr=False)
    _site_no: int | None = field(default=None, repr=False)
    _tables: dict = field(default_factory=dict, repr=False)
    _users: dict = field(default_factory=dict, repr=False)
    _shapes: dict = field(default_factory=dict, repr=False)    # table -> shape its insert trigger records
    _log_null_by_default: frozenset | None = field(default=None, repr=False)

    def register(self) -> None:
        self.conn.create_function("sync_applying", 0, lambda: self.applying, deterministic=False)
        self.conn.create_function("sync_capture", 5, self._capture, deterministic=False)
        self.conn.create_function("sync_refer", 4, self._refer, deterministic=False)
        self.conn.create_function("sync_is_kept", 2, lambda t, r: (t, r) in self._refs, deterministic=False)
        self.conn.create_function("sync_freeze_kept", 3, self._freeze_kept, deterministic=False)

    def _refer(self, tbl: str, row_id: str, kind: str, shape: int) -> None:
        self._refs[(tbl, row_id)] = len(self._kept)
        self._kept.append((tbl, row_id, kind, None, None, shape))
        self._kept_one()

    def insert_referred(self, tbl: str, sql: str, rows: list[tuple], ids: list[str]) -> None:
        """``executemany(sql, rows)``: new rows of the replicated table ``tbl`` whose ids are
        ``ids``, in order. Their changes are the ones the insert trigger makes (a reference to
        each row, in the same order), kept here at once instead of the trigger asking Python
        about every row (238,000 calls in a 100,000-row import, about a second). Nothing else
        may write in ``sql``: the trigger is silent while it runs."""
        before = self.applying
        if before:                      # the sync importer's write: the trigger would record nothing
            self.conn.executemany(sql, rows)
            return
        shape = self._shapes.get(tbl)
        if shape is None:
            found = _table_shape(self.conn, SYNC_TABLES[tbl], log.has_compact_log(self.conn))
            shape = self._shapes[tbl] = (found[2] or 0, "insert" if SYNC_TABLES[tbl].kind == APPEND else "patch")
        self.applying = 1
        try:
            self.conn.executemany(sql, rows)
        except BaseException:
            # The rows before the failing one stay in the transaction without their changes:
            # it must not commit, even if its caller carries on after the error.
            self._broken = True
            raise
        finally:
            self.applying = before
        shape_no, kind = shape
        refs, kept = self._refs, self._kept
        refs.update(zip([(tbl, row_id) for row_id in ids], range(len(kept), len(kept) + len(ids))))
        kept.extend([(tbl, row_id, kind, None, None, shape_no) for row_id in ids])
        if ids:
            self._kept_one()

    def _capture(self, tbl: str, row_id: str, kind: str, grps: str, cols: str) -> None:
        self._kept.append((tbl, row_id, kind, grps, cols, None))
        self._kept_one()

    def _freeze_kept(self, tbl: str, row_id: str, cols: str) -> None:
        """A row inserted earlier in this round is being edited: its change keeps the row as it was."""
        at = self._refs.pop((tbl, row_id), None)
        if at is not None:
            t, r, kind, _, _, _ = self._kept[at]
            self._kept[at] = (t, r, kind, ",".join(json.loads(cols)), cols, self._kept[at][5])

    def _kept_one(self) -> None:
        if not self.deferred:
            self.flush()
        elif len(self._kept) >= FLUSH_CHUNK:
            try:
                self._write_kept()
            except BaseException:
                # Some changes of this transaction are lost with the failed write: the
                # transaction must not commit, even if its caller carries on after the error.
                self._broken = True
                raise

    def forget(self) -> None:
        """After a rollback: the kept writes and the numbers they would have had are gone."""
        self._kept.clear()
        self._refs.clear()
        self._next_seq = None
        self._broken = False
        # Numbers given to a site or user name in the undone transaction are gone too.
        self._site_no, self._users = None, {}
        self._shapes = {}

    def flush(self) -> int:
        """Write every kept write as a change and the site's next number; returns how many."""
        if self._broken:
            raise CaptureFailed("保存失败：有一部分修改没能记入同步日志，本次的全部修改已撤销，请重试。")
        if not self._kept and self._next_seq is None:
            return 0
        written = self._write_kept()
        cur = self.conn.cursor()
        seq = self._next_seq
        cur.execute("UPDATE sync_site SET next_seq = ?, hlc_last = max(hlc_last, ?) WHERE site_id = ?",
                    (seq, self.clock.last, self.site_id))
        cur.execute("INSERT INTO sync_knowledge VALUES (?, ?) ON CONFLICT(site_id)"
                    " DO UPDATE SET max_seq = excluded.max_seq", (self.site_id, seq - 1))
        self._next_seq = None
        return written

    def _begin(self, cur: sqlite3.Cursor) -> None:
        """The first write of a transaction, under SQLite's write lock: the site's next number
        and last stamp as the database has them now, whoever wrote last (another process, or
        another Database on this file), so no number or stamp is ever issued twice."""
        if self._site_no is None:
            cur.execute("INSERT OR IGNORE INTO sync_site_no (site_id) VALUES (?)", (self.site_id,))
            self._site_no = cur.execute("SELECT no FROM sync_site_no WHERE site_id = ?", (self.site_id,)).fetchone()[0]
            self._tables = dict(cur.execute("SELECT name, no FROM sync_table_no"))
        next_seq, hlc_last = cur.execute("SELECT next_seq, hlc_last FROM sync_site WHERE site_id = ?",
                                         (self.site_id,)).fetchone()
        last = cur.execute("SELECT seq, hlc FROM sync_log WHERE site = ? ORDER BY seq DESC LIMIT 1",
                           (self._site_no,)).fetchone()
        if last:
            next_seq, hlc_last = max(next_seq, last[0] + 1), max(hlc_last, last[1])
        self._next_seq = next_seq
        self.clock.catch_up(hlc_last)

    def _user_no(self, cur: sqlite3.Cursor, name: str | None) -> int | None:
        if name is None:
            return None
        no = self._users.get(name)
        if no is None:
            cur.execute("INSERT OR IGNORE INTO sync_user_no (name) VALUES (?)", (name,))
            no = self._users[name] = cur.execute("SELECT no FROM sync_user_no WHERE name = ?", (name,)).fetchone()[0]
        return no

    def _write_kept(self) -> int:
        """The kept writes as numbered, stamped rows of sync_log."""
        kept, self._kept = self._kept, []
        self._refs.clear()
        cur = self.conn.cursor()
        if self._next_seq is None:
            self._begin(cur)
        if not kept:
            return 0
        # The versions already in the log (before this transaction or earlier in it) of the
        # rows these edits touch; later writes to the same row in this batch chain in memory.
        # A new row's change has no base: the clerk saw no version of a row that was not there.
        cells = current_cells(cur, {(k[0], k[1]) for k in kept if k[2] == "patch" and k[5] is None})
        chained: dict[tuple[str, str], list] = {}    # row -> [(seq, groups)] written in this batch
        seq = first = self._next_seq
        hlc = self.clock.take(len(kept))
        site, site_no, version, tables = self.site_id, self._site_no, CHANGE_FORMAT, self._tables
        user = self._user_no(cur, self.user_name)
        wall_ms = int(time.time() * 1000)
        out = []
        row_key = log.row_key           # the id as sync_log stores it (16 bytes for a UUID)
        for tbl, row_id, kind, grps, cols, shape in kept:
            kind_no = 1 if kind == "insert" else 0
            wall = wall_ms - (hlc >> 16)
            if cols is None:            # a new row: its change refers to it
                out.append((site_no, seq, hlc, tables[tbl], row_key(row_id), kind_no, shape, None, None, None,
                            version, wall, user))
                seq += 1
                hlc += 1
                continue
            # The base names, for each changed group that had a version, the version it replaces;
            # a group seen for the first time (every group of a new row) has none and is left out.
            # Append-only rows have no field-group versions at all (SYNC 9.6).
            base = "{}"
            if shape is not None:       # a new row edited in this batch: its body was kept
                if kind == "patch":
                    chained.setdefault((tbl, row_id), []).append((seq, grps))
            elif kind == "patch":
                key = (tbl, row_id)
                before, mine = cells.get(key), chained.get(key)
                if before is not None or mine is not None:
                    known = {g: [v[1], v[2]] for g, v in (before or {}).items()}
                    for earlier_seq, earlier_grps in mine or ():
                        for g in earlier_grps.split(","):
                            known[g] = [site, earlier_seq]
                    base = canonical_json({g: [known[g]] for g in grps.split(",") if g in known})
                chained.setdefault(key, []).append((seq, grps))
            out.append((site_no, seq, hlc, tables[tbl], row_key(row_id), kind_no, None, cols,
                        None if base == "{}" else base,
                        content_hash(base, cols, hlc, kind, row_id, version, seq, site, tbl), version, wall, user))
            seq += 1
            hlc += 1
        names = _LOG_COLUMNS
        if len(out) >= _NARROW_FROM:    # a run of new rows' references: no body, base or hash to bind
            if self._log_null_by_default is None:
                self._log_null_by_default = bulk.null_when_left_out(self.conn, "sync_log")
            names, out = bulk.without_null_columns(names, out, self._log_null_by_default)
        cur.executemany(f"INSERT INTO sync_log ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", out)
        self._next_seq = seq
        return seq - first
