"""District and city: packages ingested into PostgreSQL with the same merge rules as SQLite
(issue 19, point 2; SYNC.md 9.6).

``ingest(conn, folder, passphrase_for)`` opens every package in ``folder`` through the sync
layer (desktop/sync: envelope + payload, nothing parsed here by hand), checks each change as
db/sync/merge.py does (a registered table, the kind its class takes, the content hash
recomputed, field groups and columns that exist), and loads the changes of many packages at a
time with ``COPY``. Opening is most of the work (Argon2id alone is 0.16 s of CPU a package), so
a large folder is opened in worker processes, a few packages ahead, while PostgreSQL merges
the batch before. Then, per table, ONE set-based statement:

* **a row with one change in its package** (nearly every row of a snapshot, every new gate
  row): the worker has already made the row that change writes (``_typed_line``: the groups it
  names, NULL where it leaves a column out; the columns' defaults for the groups it does not
  name), staged in a typed table of the table's own shape, so PostgreSQL parses no JSON:
  ``INSERT … SELECT`` with the ON CONFLICT below. A community with no row in the table yet
  (its first package) has nothing to conflict with: its rows are copied straight into the
  table, and one ingest merges at a time (an advisory lock) so that this stays true.
* **lww tables, rows with more changes**: the worker makes the one row they give
  (``_merged_line``: each group's latest change by db/sync/versions.py's ``lww_order``), typed
  like the others. Both then ``INSERT … ON CONFLICT (community, id) DO UPDATE SET`` each group's
  version only where the incoming ``(hlc, site)`` is greater than the one the row holds
  (``_lww_key``), ``WHERE`` something wins. A new row's groups that no change names get the
  column's default (as the SQLite merge writes a partial row). A batch holds one package per
  community, so "one change in its package" is one in the batch.
* **a column a change leaves out** (docs/sync.md, "An older Menshen's edit"; the one rule is
  ``versions.says``): a new row's change (no base) leaves out its NULLs, so it writes NULL
  there; an edit (a base) carries every column its machine has, so it says nothing of one it
  leaves out (an older laptop's): the column keeps the value of the latest change of its group
  that says it. A row holds, beside each group's version, the version each column comes from
  where that differs (``"_src:<group>"``, NULL for nearly every row), and the upsert writes a
  column only where its incoming source is later than the held one, so the office's change
  that loses the name to the laptop's later rename still gives the column it carries, in
  whatever order the packages come.
* **append tables**: ``INSERT … ON CONFLICT (community, id) DO NOTHING`` (grow-only set).

Then the batch's communities' merged duplicates (``person_merge``, ``duty_merge``: settled on
the community's machines without a change recorded) are settled here too
(desktop/aggregate/pg_merges.py), and their figures counted again.

Every row's state is the maximum over the versions seen, so ingesting is idempotent and the
order of packages does not matter; a package already ingested (``agg_package``) is skipped
unless ``again``. Each batch is one transaction; a package that cannot be opened or whose
changes are wrong is refused with a Chinese message and nothing of it is written.

What the PostgreSQL side does not keep: the change log itself (only each group's winning
version), so it cannot list conflicts or detect a sequence number reused with another content
across packages; the communities' own machines do that (db/sync/merge.py).
"""
import functools
import gc
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from db.sync.log import CHANGE_FORMAT, NotFinite, content_hash, read_body
from db.sync.registry import APPEND, SYNC_TABLES
from db.sync.versions import lww_order, says
from desktop.aggregate import pg_merges, schema as sc
from desktop.aggregate.schema import qi
from desktop.sync import errors as e
from desktop.sync.envelope import open_package
from desktop.sync.mailbox import list_packages

BATCH_ROWS = 50_000             # changes staged before one merge and commit


class IngestError(Exception):
    """A package's changes cannot be merged; ``message`` is Chinese, ``then`` what follows it
    when the package is refused."""

    def __init__(self, message: str, then: str = "这个包没有导入。"):
        super().__init__(message)
        self.message, self.then = message, then


@dataclass
class IngestResult:
    packages: int = 0                 # packages ingested now
    already: int = 0                  # ingested before (skipped)
    n_changes: int = 0                # changes in the packages ingested now
    refused: list = field(default_factory=list)      # (file name, Chinese message)
    seconds_open: float = 0.0         # opening packages: key derivation, decryption, checks
    seconds_merge: float = 0.0        # COPY and the set-based merge in PostgreSQL


def connect(url: str):
    """A psycopg 3 connection to ``url`` (a libpq URL or key=value string) with our schema
    first on the search path. Refusals become a Chinese IngestError."""
    try:
        import psycopg
    except ImportError:
        raise IngestError("这个门神程序没有带 PostgreSQL 的连接库（psycopg），不能汇总到 PostgreSQL；"
                          "请用装有它的版本（pip install \"psycopg[binary]\"），或用 --street 汇总到街道的社区副本。") from None
    try:
        conn = psycopg.connect(url, autocommit=False)
    except psycopg.Error as exc:
        raise IngestError(f"连不上 PostgreSQL 数据库（{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}）。"
                          "请检查 --pg 地址、用户名、口令和服务器是否在运行。") from None
    conn.execute(f"SET search_path TO {sc.SCHEMA_NAME}, public")
    return conn


def ensure_schema(conn) -> None:
    """Create (or bring up to date) the tables, indexes and views; one transaction."""
    with conn.transaction():
        held = {tuple(r) for r in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s",
            (sc.SCHEMA_NAME,))}
        for stmt in sc.schema_statements():
            conn.execute(stmt)
        for stmt in sc.unsaid_columns_sql(held):
            conn.execute(stmt)
        conn.execute("TRUNCATE agg_column")
        with conn.cursor().copy("COPY agg_column (tbl, grp, col) FROM STDIN") as copy:
            for t in sc.tables():
                for g, cols in t.groups:
                    for c in cols:
                        copy.write_row((t.name, g, c))
    conn.execute(f"SET search_path TO {sc.SCHEMA_NAME}, public")
    # A database from before the figures were kept, or before merges were settled here (merges
    # held, none settled): count them once from what it holds.
    empty = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM agg_community_figures)"
                         " AND EXISTS (SELECT 1 FROM agg_package)").fetchone()[0] or conn.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM agg_person_alias) AND EXISTS (SELECT 1 FROM person_merge"
        " WHERE loser_id IS NOT NULL AND survivor_id IS NOT NULL AND loser_id <> survivor_id)").fetchone()[0]
    conn.commit()
    if empty:
        refresh_all_figures(conn)


# -- checking one change (db/sync/merge.py _check, the same rules) ---------------------------------

_GROUPS = None


def _groups() -> dict[str, dict[str, frozenset]]:
    global _GROUPS
    if _GROUPS is None:
        _GROUPS = {t.name: {g: frozenset(cols) for g, cols in t.groups} for t in sc.tables()}
    return _GROUPS


@dataclass(frozen=True)
class _Where:
    """Where a change is, said in a refusal (made into text only then)."""
    site_id: object
    seq: object
    tbl: object

    def __str__(self) -> str:
        return f"（{str(self.site_id)[:8]}… 第 {self.seq} 条，表 {self.tbl}）"


def _check(c) -> dict:
    """The change's groups (parsed), or IngestError (Chinese) for a change that is not right."""
    site_id, seq, hlc, tbl, row_id, kind, cols, base, sha, version = c[:10]
    where = _Where(site_id, seq, tbl)
    spec = SYNC_TABLES.get(tbl)
    groups = _groups().get(tbl)
    if spec is None or groups is None:
        raise IngestError(f"同步包里有一条更改不对{where}：不认识的表 {tbl}。")
    if kind != ("insert" if spec.kind == APPEND else "patch"):
        raise IngestError(f"同步包里有一条更改不对{where}：表 {tbl} 不接受 {kind} 类的更改。")
    if not isinstance(row_id, str) or not row_id or not isinstance(seq, int) or seq < 1 \
            or not isinstance(hlc, int) or hlc < 0:
        raise IngestError(f"同步包里有一条更改不对{where}：编号不对。")
    if sha is not None and content_hash(base, cols, hlc, kind, row_id, version, seq, site_id, tbl) != sha:
        raise IngestError(f"同步包里有一条更改不对{where}：内容校验值不符（可能被改动或损坏）。")
    try:
        parsed = read_body(cols)        # the communities' merge reads a body with the same reader
    except NotFinite:
        raise IngestError(f"同步包里有一条更改不对{where}：内容里有一个数不是正常的数字（NaN 或无穷大），"
                          "可能已损坏，请让这个社区重新导出。") from None
    except (TypeError, ValueError):
        raise IngestError(f"同步包里有一条更改不对{where}：内容不是有效的 JSON。") from None
    if not isinstance(parsed, dict):
        raise IngestError(f"同步包里有一条更改不对{where}：内容格式不对。")
    for g, values in parsed.items():
        if not isinstance(values, dict):
            raise IngestError(f"同步包里有一条更改不对{where}：内容格式不对。")
        known = groups.get(g)
        lacking = (sorted(values) or [g]) if known is None else sorted(set(values) - known)
        if lacking:
            # A newer release's column: refused whole and not recorded, so the package is read
            # again after the upgrade (docs/aggregate.md, "A package from a newer Menshen").
            raise IngestError(f"这个同步包来自较新版本的门神{where}：汇总程序还没有表 {tbl} 的字段"
                              f" {'、'.join(lacking)}。", then="这个包没有导入，仍留在文件夹里：请先升级汇总程序，"
                              "再运行一次汇总，它就会导入。")
    return parsed


# -- the set-based merge -----------------------------------------------------------------------

_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS agg_stage (community text, tbl text, row_id text,"
          ' hlc bigint, site_id text COLLATE "C", seq bigint, cols jsonb)')


def _cast(expr: str, col: sc.Column) -> str:
    return expr if col.pg_type == "text" else f"({expr})::{col.pg_type}"


def _lww_key(hlc: str, site: str) -> tuple[str, str]:
    """The SQL of a version's last-writer-wins order, db/sync/versions.py's ``lww_order``: the
    HLC stamp, a tie going to the greater site id (text ``COLLATE "C"``: byte-wise, as Python
    compares). The upsert reads it from here; a row's changes within one package are ordered by
    ``lww_order`` itself (``_merged_line``)."""
    return hlc, site


def _source(side: str, g: str, c: str) -> tuple[str, str]:
    """The SQL of the version that column ``c`` of group ``g`` takes its value from, on ``side`` (t:
    the row held, excluded: the incoming): its entry in the group's sources, else the group's
    version; (-1, '') when nothing gave it one."""
    h, s = sc.version_columns(g)
    src = f"{side}.{qi(sc.sources_column(g))} -> {_lit(c)}"
    return (f"coalesce(({src} ->> 0)::bigint, {side}.{qi(h)}, -1)",
            f"coalesce({src} ->> 1, {side}.{qi(s)}, '') COLLATE \"C\"")


def _upsert_tail(t: sc.Table) -> str:
    """ON CONFLICT: each group's version replaced only where the incoming (hlc, site) is greater
    than the row's; each column only where the version it comes from is (``_source``: the group's,
    unless an older Menshen's edit said nothing of it, db/sync/versions.py ``says``), and the
    group's sources kept where they are not its version; the row untouched when nothing wins."""
    sets, wins = [], []
    for g, cols in t.groups:
        h, s = sc.version_columns(g)
        f = sc.sources_column(g)
        incoming = _lww_key(f"excluded.{qi(h)}", f"excluded.{qi(s)}")
        held = _lww_key(f"coalesce(t.{qi(h)}, -1)", f"coalesce(t.{qi(s)}, ''::text COLLATE \"C\")")
        win = f"(({', '.join(incoming)}) > ({', '.join(held)}))"
        wins.append(win)
        new_h, new_s = (f"CASE WHEN {win} THEN {x} ELSE {y} END" for x, y in zip(incoming, held))
        sources = []
        for c in cols:
            inc, old = _source("excluded", g, c), _source("t", g, c)
            later = f"(({', '.join(_lww_key(*inc))}) > ({', '.join(_lww_key(*old))}))"
            wins.append(later)
            sets.append(f"{qi(c)} = CASE WHEN {later} THEN excluded.{qi(c)} ELSE t.{qi(c)} END")
            src_h, src_s = (f"CASE WHEN {later} THEN {x} ELSE {y} END" for x, y in zip(inc, old))
            sources += [_lit(c), f"CASE WHEN ({src_h}, {src_s}) IS DISTINCT FROM ({new_h}, {new_s})"
                                 f" THEN jsonb_build_array({src_h}, {src_s}) END"]
        for c in (h, s):
            sets.append(f"{qi(c)} = CASE WHEN {win} THEN excluded.{qi(c)} ELSE t.{qi(c)} END")
        # Nearly always both NULL: every column from the group's version, on both sides.
        sets.append(f"{qi(f)} = CASE WHEN excluded.{qi(f)} IS NULL AND t.{qi(f)} IS NULL THEN NULL"
                    f" ELSE nullif(jsonb_strip_nulls(jsonb_build_object({', '.join(sources)})), '{{}}') END")
    return f" ON CONFLICT (community, id) DO UPDATE SET {', '.join(sets)} WHERE {' OR '.join(wins)}"


def _names(t: sc.Table) -> str:
    """The table's columns group by group (an lww group's version and sources columns after its
    own), the order of _typed_line."""
    names = []
    for g, cols in t.groups:
        names += [qi(c) for c in cols]
        if not t.is_append:
            names += [qi(x) for x in (*sc.version_columns(g), sc.sources_column(g))]
    return ", ".join(names)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _defaults(t: sc.Table) -> dict:
    """The columns whose default is not NULL, as Python values (what a column nothing names
    holds), evaluated by SQLite whose literals they are."""
    import sqlite3
    out = {}
    conn = sqlite3.connect(":memory:")
    try:
        for c in t.columns:
            if c.default is not None:
                out[c.name] = conn.execute(f"SELECT {c.default}").fetchone()[0]
    finally:
        conn.close()
    return out


def typed_sql(t: sc.Table) -> str:
    """The statement inserting a table's typed stage (rows with one change in their package,
    their values made by _typed_line): an lww row upserted group by group, an append row added
    once."""
    names = _names(t)
    head = (f"INSERT INTO {qi(t.name)} AS t (community, id, {names})"
            f" SELECT community, id, {names} FROM {_stage_name(t.name)}")
    if t.is_append:
        return head + " ON CONFLICT (community, id) DO NOTHING"
    return head + _upsert_tail(t)


def append_sql(t: sc.Table) -> str:
    """Append rows: a grow-only set. A column the row leaves out gets its default. ON CONFLICT
    DO NOTHING also takes the same row twice in one statement (the second insert finds the first)."""
    names, values = [], []
    for g, cols in t.groups:
        names += [qi(c) for c in cols]
        for c in cols:
            got = _cast(f"s.cols -> {_lit(g)} ->> {_lit(c)}", t.column(c))
            if t.column(c).default is not None:     # left out, not written as null
                got = f"CASE WHEN s.cols -> {_lit(g)} ? {_lit(c)} THEN {got} ELSE {t.column(c).default_sql} END"
            values.append(got)
    return (f"INSERT INTO {qi(t.name)} (community, id, {', '.join(names)})"
            f" SELECT s.community, s.row_id, {', '.join(values)}"
            " FROM agg_stage s WHERE s.tbl = %(tbl)s ON CONFLICT (community, id) DO NOTHING")


@dataclass
class _Opened:
    """One package opened and checked, its changes as COPY text: ``typed`` per table, a line a
    row (its columns' values, ready to insert), ``staged`` for append rows with two or more
    changes in the package (JSON, inserted once in PostgreSQL)."""
    name: str
    header: object
    typed: dict                 # table -> bytes (its stage's lines)
    staged: bytes
    multi: frozenset            # append tables with rows that have two or more changes
    n_rows: int
    seconds: float
    gate_days: frozenset        # the days of its typed gate rows (the figures to count again)
    voided: frozenset           # the gate rows its typed gate rows void (their days too)


def _copy_text(value: str) -> str:
    """A value in COPY's text format (backslash, tab and line ends escaped)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _as_text(value) -> str:
    """A JSON value (not null) as PostgreSQL's ``->>`` would give it: booleans as words,
    objects as JSON, so that a value a column cannot take fails the same way."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _copy_value(value) -> str:
    """A JSON value as COPY text."""
    return "\\N" if value is None else _copy_text(_as_text(value))


@functools.cache
def _layout(tbl: str) -> tuple:
    """(group, its columns, their defaults as COPY text) for each group of the table."""
    t = sc.table(tbl)
    defaults = _defaults(t)
    return tuple((g, cols, tuple(_copy_value(defaults.get(c)) for c in cols)) for g, cols in t.groups)


_NO_SOURCE = sc.NO_SOURCE       # a column no change has said anything of yet
_NO_VERSION = ("\\N", "\\N", "\\N")    # an lww group no change names: version, sources


def _sources_text(sources: dict) -> str:
    """A group's sources column as COPY text: NULL when every column comes from its version."""
    return _copy_text(json.dumps(sources, separators=(",", ":"))) if sources else "\\N"


def _group_cells(out: list, cols: tuple, defaults: tuple, got: dict, is_append: bool) -> None:
    """The COPY text of one named group's columns: their values, NULL where left out (an
    append row's left-out column gets its default). Written out by hand: this runs for every
    column of every row of a snapshot."""
    add = out.append
    for c, default in zip(cols, defaults):
        if c not in got:
            add(default if is_append else "\\N")
            continue
        v = got[c]
        kind = type(v)
        if v is None:
            add("\\N")
        elif kind is str:
            add(v if ("\\" not in v and "\t" not in v and "\n" not in v and "\r" not in v) else _copy_text(v))
        elif kind is int:
            add(str(v))
        else:
            add(_copy_value(v))


def _typed_line(tbl: str, is_append: bool, community: str, row_id: str, hlc: int, site: str,
                groups: dict, base) -> str:
    """The row a change with no other change in its package makes (append_sql's rules, done
    here): a group it names writes its columns (NULL where left out; an append row's left-out
    column gets its default), a group it does not name the columns' defaults; an lww group's
    version is the change's when named, else none. A column an edit (``base``) leaves out is one
    its older machine lacked: it says nothing of it (db/sync/versions.py ``says``), so its
    source is none (_NO_SOURCE) and the upsert keeps what the row holds there."""
    out = [community, _copy_text(row_id)]
    for g, cols, defaults in _layout(tbl):
        got = groups.get(g)
        if got is None:
            out += defaults
            if not is_append:
                out += _NO_VERSION
            continue
        _group_cells(out, cols, defaults, got, is_append)
        if not is_append:
            silent = {} if len(got) == len(cols) else {c: _NO_SOURCE for c in cols if not says(got, c, base)}
            out += (str(hlc), site, _sources_text(silent))
    return "\t".join(out) + "\n"


def _merged_line(tbl: str, community: str, row_id: str, changes: list) -> str:
    """The row an lww row's (hlc, site id, groups, base) changes in one package make, as
    db/sync/versions.py ``_cells`` works it out: each group's version is its latest change
    (``lww_order``); each column's value comes from the latest change of its group that ``says``
    what it holds, noted in the group's sources where that is not the group's version. The
    upsert then merges this row with the one held as it merges a single change's."""
    ordered = sorted(changes, key=lambda x: lww_order(x[0], x[1]))
    out = [community, _copy_text(row_id)]
    for g, cols, defaults in _layout(tbl):
        named = [(hlc, site, groups[g], base) for hlc, site, groups, base in ordered if g in groups]
        if not named:
            out += defaults
            out += _NO_VERSION
            continue
        hlc, site = named[-1][:2]
        values, sources = {}, {}
        for c in cols:
            said = next((x for x in reversed(named) if says(x[2], c, x[3])), None)
            if said is None:
                sources[c] = _NO_SOURCE
                continue
            if c in said[2]:
                values[c] = said[2][c]
            if said[:2] != (hlc, site):
                sources[c] = [said[0], said[1]]
        _group_cells(out, cols, defaults, values, False)
        out += (str(hlc), _copy_text(site), _sources_text(sources))
    return "\t".join(out) + "\n"


def _open_one(path: str, secret: str, community: str):
    """Open and check one package: an _Opened, or (file name, Chinese message) when refused.
    Runs in a worker process for a large folder (``ingest``): key derivation, decryption, the
    checks and the rows of one package while PostgreSQL merges the packages before it."""
    start = time.perf_counter()
    name = Path(path).name
    collecting = gc.isenabled()
    gc.disable()        # a snapshot's many small objects all live to the end: nothing to collect
    try:
        return _open_and_stage(path, secret, community, name, start)
    finally:
        if collecting:
            gc.enable()


def _open_and_stage(path: str, secret: str, community: str, name: str, start: float):
    try:
        header, payload = open_package(path, secret, community, max_change_format=CHANGE_FORMAT)
    except e.SyncError as err:
        return name, err.message
    try:
        rows = []
        for c in payload.changes():
            rows.append((c, _check(c)))
    except IngestError as err:
        return name, err.message + err.then
    finally:
        payload.close()
    changes_of: dict = {}
    for c, _ in rows:
        key = (c[3], c[4])
        changes_of[key] = changes_of.get(key, 0) + 1
    community = _copy_text(header.community_id)
    typed: dict[str, list] = {}
    staged, multi = [], set()
    several: dict[tuple, list] = {}     # an lww row's changes, when it has more than one here
    gate_days, voided = set(), set()
    for (site_id, seq, hlc, tbl, row_id, _kind, cols, base, *_), groups in rows:
        if changes_of[(tbl, row_id)] > 1:
            if SYNC_TABLES[tbl].kind != APPEND:
                several.setdefault((tbl, row_id), []).append((hlc, site_id, groups, base))
                continue
            multi.add(tbl)
            staged.append(f"{community}\t{tbl}\t{_copy_text(row_id)}\t{hlc}\t{_copy_text(site_id)}\t{seq}\t"
                          f"{_copy_text(cols)}\n")
            continue
        lines = typed.get(tbl)
        if lines is None:
            lines = typed[tbl] = []
        if tbl == "gate_log":
            for values in groups.values():
                if values.get("at") is not None:
                    gate_days.add(_as_text(values["at"])[:10])
                if values.get("voids_id") is not None:
                    voided.add(_as_text(values["voids_id"]))
        lines.append(_typed_line(tbl, SYNC_TABLES[tbl].kind == APPEND, community, row_id, hlc,
                                 _copy_text(site_id), groups, base))
    for (tbl, row_id), changes in several.items():
        typed.setdefault(tbl, []).append(_merged_line(tbl, community, row_id, changes))
    return _Opened(name, header, {t: "".join(v).encode() for t, v in typed.items()}, "".join(staged).encode(),
                   frozenset(multi), len(rows), time.perf_counter() - start, frozenset(gate_days),
                   frozenset(voided))


def _stage_name(tbl: str) -> str:
    return qi("stage:" + tbl)


def _merge(conn, opened: list[_Opened]) -> None:
    """Stage these packages' changes and merge them, in one transaction. No two packages of
    one community are in a batch (``ingest``), so "a row with two or more changes" is known
    within each package."""
    with conn.transaction():
        # One ingest merges at a time: what a community has (below) stays true to the commit.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MERGE_LOCK,))
        # A batch's sorts (the upserts' and the figures') fit in memory rather than in files.
        conn.execute("SET LOCAL work_mem = '64MB'")
        for tbl in sorted(set().union(*(o.typed for o in opened))):
            t = sc.table(tbl)
            having = [o for o in opened if tbl in o.typed]
            # A community with no row in the table yet (its first package, usually a
            # snapshot): its typed rows are exactly what the merge would insert, and no two
            # are one row (one package a community a batch), so they are copied straight in.
            empty = _without_rows(conn, tbl, [o.header.community_id for o in having])
            first = [o for o in having if o.header.community_id in empty]
            if first:
                with conn.cursor().copy(f"COPY {qi(tbl)} (community, id, {_names(t)}) FROM STDIN") as copy:
                    for o in first:
                        copy.write(o.typed[tbl])
            more = [o for o in having if o.header.community_id not in empty]
            if not more:
                continue
            stage = _stage_name(tbl)
            conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {qi(tbl)})")
            conn.execute(f"TRUNCATE {stage}")
            with conn.cursor().copy(f"COPY {stage} (community, id, {_names(t)}) FROM STDIN") as copy:
                for o in more:
                    copy.write(o.typed[tbl])
            conn.execute(typed_sql(t))
        multi = frozenset().union(*(o.multi for o in opened))
        if multi:
            conn.execute(_STAGE)
            conn.execute("TRUNCATE agg_stage")
            with conn.cursor().copy("COPY agg_stage (community, tbl, row_id, hlc, site_id, seq, cols)"
                                    " FROM STDIN") as copy:
                for o in opened:
                    copy.write(o.staged)
            for tbl in sorted(multi):
                t = sc.table(tbl)
                conn.execute(append_sql(t), {"tbl": tbl})
        # Merged duplicates (persons, people on duty) settled before the figures count them.
        pg_merges.settle(conn, sorted({o.header.community_id for o in opened}))
        refresh_figures(conn, sorted({o.header.community_id for o in opened}),
                        gate_days=[(o.header.community_id, d) for o in opened for d in o.gate_days],
                        voided=[(o.header.community_id, v) for o in opened for v in o.voided],
                        staged_gate="gate_log" in multi)
        for o in opened:
            h = o.header
            conn.execute("INSERT INTO agg_package (package_id, community, sender_site_id, sender_code, kind,"
                         " file_name, created_wall, n_changes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                         " ON CONFLICT (package_id) DO NOTHING",
                         (h.package_id, h.community_id, h.sender_site_id, h.sender_code, h.kind, o.name,
                          h.created_wall, o.n_rows))


MERGE_LOCK = 0x6d656e7368656e      # pg_advisory_xact_lock's key for a batch's merge ("menshen")


def _without_rows(conn, tbl: str, communities: list[str]) -> set[str]:
    """Those of ``communities`` that have no row in ``tbl``."""
    return {r[0] for r in conn.execute(
        f'SELECT c FROM unnest(%s::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM {qi(tbl)} t'
        ' WHERE t.community = c COLLATE "C")', (communities,))}


_TOUCHED = 'CREATE TEMP TABLE IF NOT EXISTS agg_touched_days (community text COLLATE "C", day text)'


def refresh_figures(conn, communities: list[str] | None, *, gate_days=(), voided=(),
                    staged_gate: bool = False) -> None:
    """Bring the kept figures (schema.ROLLUPS) up to date, in the caller's transaction: the
    register figures of ``communities`` (None: every community), and the gate figures of the
    days ``gate_days`` ((community, day) pairs), of the days of the rows ``voided``
    ((community, gate row id) pairs) and, with ``staged_gate``, of the days the gate rows of
    the JSON stage fall on or void a row of."""
    if communities is None:
        communities = [r[0] for r in conn.execute(
            "SELECT community FROM community UNION SELECT community FROM household"
            " UNION SELECT community FROM person")]
    for sql in sc.REFRESH_COMMUNITY_FIGURES:
        conn.execute(sql, {"communities": communities})
    days, params = [], {}
    if gate_days:
        days.append("SELECT * FROM unnest(%(day_of)s::text[], %(day)s::text[])")
        params["day_of"], params["day"] = map(list, zip(*gate_days))
    if voided:
        days.append('SELECT v.community, left(v.at, 10) FROM unnest(%(void_of)s::text[], %(void)s::text[])'
                    ' AS x (community, id) JOIN gate_log v ON v.community = x.community COLLATE "C"'
                    ' AND v.id = x.id COLLATE "C"')
        params["void_of"], params["void"] = map(list, zip(*voided))
    if staged_gate:
        merged = "agg_stage s JOIN gate_log g ON g.community = s.community AND g.id = s.row_id"
        days += [f"SELECT g.community, left(g.at, 10) FROM {merged} WHERE s.tbl = 'gate_log'",
                 f"SELECT v.community, left(v.at, 10) FROM {merged} JOIN gate_log v"
                 ' ON v.community = g.community AND v.id = g.voids_id COLLATE "C" WHERE s.tbl = \'gate_log\'']
    conn.execute(_TOUCHED)
    conn.execute("TRUNCATE agg_touched_days")
    if days:
        conn.execute("INSERT INTO agg_touched_days SELECT DISTINCT * FROM ("
                     + " UNION ALL ".join(days) + ") d (community, day) WHERE day IS NOT NULL", params)
        conn.execute("ANALYZE agg_touched_days")
        for sql in sc.REFRESH_GATE_DAILY:
            conn.execute(sql)


def refresh_all_figures(conn) -> None:
    """Every kept figure counted again from the merged tables (one transaction): a database
    made before they were kept, or one changed by hand."""
    with conn.transaction():
        conn.execute("TRUNCATE agg_community_figures, agg_gate_daily")
        pg_merges.settle(conn, [r[0] for r in conn.execute(
            "SELECT community FROM person_merge UNION SELECT community FROM duty_merge")])
        refresh_figures(conn, None)
        conn.execute(_TOUCHED)
        conn.execute("TRUNCATE agg_touched_days")
        conn.execute("INSERT INTO agg_touched_days SELECT DISTINCT community, left(at, 10) FROM gate_log"
                     " WHERE at IS NOT NULL")
        conn.execute("ANALYZE agg_touched_days")
        for sql in sc.REFRESH_GATE_DAILY:
            conn.execute(sql)


def _flush(conn, batch: list[_Opened], result: IngestResult) -> None:
    import psycopg
    if not batch:
        return
    start = time.perf_counter()
    try:
        _merge(conn, batch)
        done = batch
    except psycopg.Error:
        # One package's values do not fit (a value the column cannot take): find it alone.
        done = []
        for o in batch:
            try:
                _merge(conn, [o])
                done.append(o)
            except psycopg.Error as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                result.refused.append((o.name, f"同步包里的数据放不进汇总库（{first}），这个包没有导入。"))
    result.packages += len(done)
    result.n_changes += sum(o.n_rows for o in done)
    result.seconds_merge += time.perf_counter() - start


WORKERS_FROM = 8                # packages to open before worker processes pay for their start


def _opened_in_order(jobs: list[tuple], workers: int):
    """``_open_one(*job)`` for each job, in order. With ``workers`` > 0, in that many worker
    processes (spawned, as on Windows), a few packages ahead of the consumer."""
    if workers <= 0:
        for job in jobs:
            yield _open_one(*job)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    ahead = workers + 2
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque = deque()
        todo = iter(jobs)
        try:
            for job in todo:
                pending.append(pool.submit(_open_one, *job))
                if len(pending) >= ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def ingest(conn, folder, passphrase_for: Callable[[str], str | None], *, again: bool = False,
           progress: Callable[[int], None] | None = None, workers: int | None = None) -> IngestResult:
    """Ingest every package in ``folder`` (see the module docstring). ``passphrase_for(community
    id)`` gives the community's passphrase, or None when it is not known (the package is then
    refused with a message saying so). ``again``: also packages ingested before. Packages are
    opened in ``workers`` processes (default: one per core when there are many) while the batch
    before is merged."""
    result = IngestResult()
    found, unreadable = list_packages(Path(folder))
    for bad in unreadable:
        result.refused.append((bad.path.name, bad.error.message))
    seen = {r[0] for r in conn.execute("SELECT package_id FROM agg_package")}
    conn.commit()
    jobs, taken = [], set()
    for package in found:
        pid, name = package.package_id, package.path.name
        if pid in taken:
            continue                    # the same package twice in the folder
        taken.add(pid)
        if pid in seen and not again:
            result.already += 1
            continue
        community = package.header.community_id
        secret = passphrase_for(community)
        if not secret:
            result.refused.append((name, f"没有社区 {community} 的同步口令，这个包没有导入（见 --passphrase-file）。"))
            continue
        jobs.append((str(package.path), secret, community))
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(jobs) >= WORKERS_FROM else 0
    batch: list[_Opened] = []
    communities: set[str] = set()
    staged = 0
    for item in _opened_in_order(jobs, workers):
        if not isinstance(item, _Opened):
            result.refused.append(item)
            continue
        result.seconds_open += item.seconds
        if item.header.community_id in communities:     # one package of a community a batch
            _flush(conn, batch, result)
            batch, communities, staged = [], set(), 0
        batch.append(item)
        communities.add(item.header.community_id)
        staged += item.n_rows
        if staged >= BATCH_ROWS:
            _flush(conn, batch, result)
            if progress:
                progress(result.n_changes)
            batch, communities, staged = [], set(), 0
    _flush(conn, batch, result)
    return result


# -- the figures ---------------------------------------------------------------------------------

def community_figures(conn) -> dict[str, dict]:
    """community id -> its figures now (the view community_figures)."""
    cur = conn.execute("SELECT * FROM community_figures ORDER BY community")
    names = [d.name for d in cur.description]
    out = {r[0]: dict(zip(names, r)) for r in cur.fetchall()}
    conn.commit()
    return out


def gate_day(conn, day: str) -> dict[str, dict]:
    """community id -> its gate figures of ``day`` (YYYY-MM-DD; the view community_gate_daily)."""
    cur = conn.execute("SELECT * FROM community_gate_daily WHERE day = %s", (day,))
    names = [d.name for d in cur.description]
    out = {r[0]: dict(zip(names, r)) for r in cur.fetchall()}
    conn.commit()
    return out


def city_daily(conn, day: str) -> dict:
    """The city's figures of ``day``: the register now and the day's gate counts, summed.
    Without JIT: compiling these two scans costs more than it saves (50-70 ms each)."""
    conn.execute("SET LOCAL jit = off")
    cur = conn.execute("SELECT * FROM city_figures")
    out = dict(zip([d.name for d in cur.description], cur.fetchone()))
    cur = conn.execute("SELECT gate_in, gate_out, gate_turned_back, gate_fevers FROM city_gate_daily WHERE day = %s",
                       (day,))
    row = cur.fetchone() or (0, 0, 0, 0)
    out.update(zip(("gate_in", "gate_out", "gate_turned_back", "gate_fevers"), (int(x or 0) for x in row)))
    conn.commit()
    return out
