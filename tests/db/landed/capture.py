"""The LANDED change capture (commit 42b92af), kept verbatim as the reference for the old
canonical body: tests/db/test_compact_log.py writes the same things through it and through the
compact log and compares the exported bodies and hashes. Do not change it.

Capturing local writes into the change log (SYNC.md 9.5).

Triggers generated from the registry hand every local write, as canonical JSON of its changed
field groups built by SQLite itself, to ``sync_capture``, which only keeps it in memory.
``flush`` turns the kept writes into numbered, stamped and hashed ``sync_change`` rows with one
``executemany`` per few thousand, inside the same transaction: just before COMMIT, and along the
way when many are waiting (a 100,000-row import). A Python call that ran its own statements for
every row took 240 µs a change. A write outside ``Database.transaction()`` is flushed at once.
Either way the write and its change commit or roll back together, and a rollback leaves no gap
in the numbers (``forget``).

Opening the database without Menshen (the sqlite3 shell) makes every write to a replicated
table fail with "no such function", which guards against unrecorded edits.

The current version of each field group (SYNC.md's ``sync_cell``) is not kept in a table of its
own: it is worked out from the row's changes when an edit needs its base (db/sync/versions.py).
Keeping it per group would write eleven index rows for every new person.
"""
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from json.encoder import encode_basestring

from db.sync.hlc import HybridClock
from db.sync.registry import APPEND, SYNC_TABLES, SyncTable
from tests.db.landed.versions import current_cells

SCHEMA_VERSION_KEY = "schema_version"
FLUSH_CHUNK = 5000                   # kept writes turned into changes at a time


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sorted_groups(groups: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Groups and their columns in canonical (sorted) order: the JSON SQLite builds is canonical."""
    return [(g, sorted(cols)) for g, cols in sorted(groups.items())]


def _object(prefix: str, cols: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', {prefix}.{_q(c)}" for c in cols) + ")"


def _changed(cols: list[str]) -> str:
    return "(" + " OR ".join(f"OLD.{_q(c)} IS NOT NEW.{_q(c)}" for c in cols) + ")"


def _capture(t: str, kind: str, grps: str, cols: str) -> str:
    return f"SELECT sync_capture('{t}', NEW.id, '{kind}', {grps}, {cols});"


def _some_groups(parts: list[tuple[str, str | None, str]]) -> tuple[str, str]:
    """(groups, cols) SQL naming only the groups whose condition holds: each part is
    (group, condition or None for always, the group's JSON object). Pieces start with a comma
    that the outer substr drops, so the JSON stays canonical whichever groups are in."""
    def piece(condition, text):
        return text if condition is None else f"CASE WHEN {condition} THEN {text} ELSE '' END"
    grps = " || ".join(piece(cond, f"',{g}'") for g, cond, _ in parts)
    cols = " || ".join(piece(cond, f"',\"{g}\":' || {obj}") for g, cond, obj in parts)
    return f"substr({grps}, 2)", f"'{{' || substr({cols}, 2) || '}}'"


def _new_row_parts(groups: list[tuple[str, list[str]]], keep_nulls: frozenset[str]) -> list[tuple]:
    """A new row leaves out NULL values: a column missing from a new row's change is NULL (its
    default), so person inserts are a quarter shorter; a group with nothing but NULLs is left
    out whole. Columns in ``keep_nulls`` (nullable with a default other than NULL) are always
    sent, since their absence would mean the default."""
    parts = []
    for g, cols in groups:
        if keep_nulls & set(cols):
            parts.append((g, None, _object("NEW", cols)))
        else:
            present = "(" + " OR ".join(f"NEW.{_q(c)} IS NOT NULL" for c in cols) + ")"
            # json_patch onto {} drops the members whose value is NULL (RFC 7396), keeping the order.
            parts.append((g, present, f"json_patch('{{}}', {_object('NEW', cols)})"))
    return parts


def trigger_sql(table: SyncTable, columns: list[str], keep_nulls: frozenset[str] = frozenset()) -> list[str]:
    """CREATE TRIGGER statements for one replicated table, given its current columns."""
    t, groups = table.name, _sorted_groups(table.column_groups(columns))
    name = f"sync_{t}"
    new_grps, new_cols = _some_groups(_new_row_parts(groups, keep_nulls))
    kind = "insert" if table.kind == APPEND else "patch"
    stmts = [f"CREATE TRIGGER {name}_ins AFTER INSERT ON {_q(t)} WHEN sync_applying() = 0 BEGIN "
             f"{_capture(t, kind, new_grps, new_cols)} END"]
    if table.kind == APPEND:
        return stmts + [
            f"CREATE TRIGGER {name}_upd BEFORE UPDATE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
            f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
            f"SELECT RAISE(ABORT, '{t} is append-only: add a correcting row instead'); END",
        ]
    # Only the groups whose columns changed: an edit never re-sends what it did not touch.
    changed_grps, changed_cols = _some_groups([(g, _changed(cols), _object("NEW", cols)) for g, cols in groups])
    any_change = " OR ".join(_changed(cols) for _, cols in groups)
    return stmts + [
        f"CREATE TRIGGER {name}_upd AFTER UPDATE ON {_q(t)} WHEN sync_applying() = 0 AND ({any_change}) "
        f"BEGIN {_capture(t, 'patch', changed_grps, changed_cols)} END",
        f"CREATE TRIGGER {name}_key BEFORE UPDATE OF id ON {_q(t)} BEGIN "
        f"SELECT RAISE(ABORT, 'the id of a {t} row never changes'); END",
        f"CREATE TRIGGER {name}_del BEFORE DELETE ON {_q(t)} BEGIN "
        f"SELECT RAISE(ABORT, 'rows of {t} are never deleted: set is_deleted = 1'); END",
    ]


def install_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create the capture triggers of every registered table; run after each migration."""
    existing = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")}
    for trig in existing:
        conn.execute(f"DROP TRIGGER {_q(trig)}")
    for table in SYNC_TABLES.values():
        info = conn.execute(f"PRAGMA table_info({_q(table.name)})").fetchall()
        if not info:
            continue                      # declared for a later migration
        columns = [r[1] for r in info]
        keep_nulls = frozenset(r[1] for r in info if not r[3] and r[4] is not None and r[4].upper() != "NULL")
        for stmt in trigger_sql(table, columns, keep_nulls):
            conn.execute(stmt)


class CaptureFailed(sqlite3.DatabaseError):
    """Writing captured changes failed earlier in this transaction; it cannot commit."""


@dataclass
class ChangeRecorder:
    """Per-connection state of capture: which site writes, its clock, who is acting.

    ``deferred`` is True inside ``Database.transaction()``, which calls ``flush`` before COMMIT
    and ``forget`` after a rollback; outside one, each captured write is flushed at once.
    """
    conn: sqlite3.Connection
    site_id: str
    clock: HybridClock
    schema_version: int
    user_name: str = ""
    applying: int = 0               # 1 while the sync importer writes merged rows
    deferred: bool = False
    _kept: list = field(default_factory=list, repr=False)
    _next_seq: int | None = field(default=None, repr=False)
    _broken: bool = field(default=False, repr=False)

    def register(self) -> None:
        self.conn.create_function("sync_applying", 0, lambda: self.applying, deterministic=False)
        self.conn.create_function("sync_capture", 5, self._capture, deterministic=False)

    def _capture(self, tbl: str, row_id: str, kind: str, grps: str, cols: str) -> None:
        self._kept.append((tbl, row_id, kind, grps, cols))
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
        self._next_seq = None
        self._broken = False

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

    def _write_kept(self) -> int:
        """The kept writes as numbered, stamped and hashed rows of sync_change."""
        kept, self._kept = self._kept, []
        cur = self.conn.cursor()
        if self._next_seq is None:
            self._next_seq = cur.execute("SELECT next_seq FROM sync_site WHERE site_id = ?",
                                         (self.site_id,)).fetchone()[0]
        if not kept:
            return 0
        # The versions already in the log (before this transaction or earlier in it) of the
        # rows these writes touch; later writes to the same row in this batch chain in memory.
        cells = current_cells(cur, {(k[0], k[1]) for k in kept if k[2] == "patch"})
        chained: dict[tuple[str, str], list] = {}    # row -> [(seq, groups)] written in this batch
        seq = first = self._next_seq
        hlc = self.clock.take(len(kept))
        site, version, user = self.site_id, self.schema_version, self.user_name
        wall = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        head = f',"schema_version":{version},"seq":'
        tail = f',"site_id":"{site}","tbl":"'
        out = []
        for tbl, row_id, kind, grps, cols in kept:
            # The base names, for each changed group that had a version, the version it replaces;
            # a group seen for the first time (every group of a new row) has none and is left out.
            # Append-only rows have no field-group versions at all (SYNC 9.6).
            base = "{}"
            if kind == "patch":
                key = (tbl, row_id)
                before, mine = cells.get(key), chained.get(key)
                if before is not None or mine is not None:
                    known = {g: [v[1], v[2]] for g, v in (before or {}).items()}
                    for earlier_seq, earlier_grps in mine or ():
                        for g in earlier_grps.split(","):
                            known[g] = [site, earlier_seq]
                    base = canonical_json({g: [known[g]] for g in grps.split(",") if g in known})
                chained.setdefault(key, []).append((seq, grps))
            # The body as canonical_json would write it, keys in order, without re-parsing.
            body = (f'{{"base":{base},"cols":{cols},"hlc":{hlc},"kind":"{kind}","row_id":'
                    f'{encode_basestring(row_id)}{head}{seq}{tail}{tbl}"}}')
            out.append((site, seq, hlc, tbl, row_id, kind, cols, base,
                        hashlib.sha256(body.encode()).hexdigest(), version, wall, user))
            seq += 1
            hlc += 1
        cur.executemany(
            "INSERT INTO sync_change (site_id, seq, hlc, tbl, row_id, kind, cols, base,"
            " content_sha256, schema_version, wall_time, user_name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", out)
        self._next_seq = seq
        return seq - first
