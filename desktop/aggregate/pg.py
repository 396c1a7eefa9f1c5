"""District and city: packages ingested into PostgreSQL with the same merge rules as SQLite
(issue 19, point 2; SYNC.md 9.6).

``ingest(conn, folder, passphrase_for)`` opens every package in ``folder`` through the sync
layer (desktop/sync: envelope + payload, nothing parsed here by hand), checks each change as
db/sync/merge.py does (a registered table, the kind its class takes, the content hash
recomputed, field groups and columns that exist), and loads the changes of many packages at a
time with ``COPY`` into a temporary staging table. Then, per table, ONE set-based statement:

* **lww tables**: the winner of each (community, row, field group) among the staged changes
  (``DISTINCT ON`` ordered by ``hlc DESC, site_id DESC``, the order of db/sync/versions.py),
  pivoted into one row, then ``INSERT … ON CONFLICT (community, id) DO UPDATE SET`` each group's
  columns and version only where the incoming ``(hlc, site)`` is greater than the one the row
  holds, ``WHERE`` at least one group wins. A group a change names but leaves a column out of
  writes NULL there; a new row's groups that no change names get the column's default (as the
  SQLite merge writes a partial row).
* **append tables**: ``INSERT … ON CONFLICT (community, id) DO NOTHING`` (grow-only set).

Every row's state is the maximum over the versions seen, so ingesting is idempotent and the
order of packages does not matter; a package already ingested (``agg_package``) is skipped
unless ``again``. Each batch is one transaction; a package that cannot be opened or whose
changes are wrong is refused with a Chinese message and nothing of it is written.

What the PostgreSQL side does not keep: the change log itself (only each group's winning
version), so it cannot list conflicts or detect a sequence number reused with another content
across packages; the communities' own machines do that (db/sync/merge.py).
"""
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from db.sync.log import CHANGE_FORMAT, content_hash
from db.sync.registry import APPEND, SYNC_TABLES
from desktop.aggregate import schema as sc
from desktop.aggregate.schema import qi
from desktop.sync import errors as e
from desktop.sync.envelope import open_package
from desktop.sync.mailbox import list_packages

BATCH_ROWS = 50_000             # changes staged before one merge and commit


class IngestError(Exception):
    """A package's changes cannot be merged; ``message`` is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
        for stmt in sc.schema_statements():
            conn.execute(stmt)
        conn.execute("TRUNCATE agg_column")
        with conn.cursor().copy("COPY agg_column (tbl, grp, col) FROM STDIN") as copy:
            for t in sc.tables():
                for g, cols in t.groups:
                    for c in cols:
                        copy.write_row((t.name, g, c))
    conn.execute(f"SET search_path TO {sc.SCHEMA_NAME}, public")


# -- checking one change (db/sync/merge.py _check, the same rules) ---------------------------------

_GROUPS = None


def _groups() -> dict[str, dict[str, frozenset]]:
    global _GROUPS
    if _GROUPS is None:
        _GROUPS = {t.name: {g: frozenset(cols) for g, cols in t.groups} for t in sc.tables()}
    return _GROUPS


def _check(c) -> None:
    site_id, seq, hlc, tbl, row_id, kind, cols, base, sha, version = c[:10]
    where = f"（{str(site_id)[:8]}… 第 {seq} 条，表 {tbl}）"
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
        parsed = json.loads(cols)
    except (TypeError, ValueError):
        raise IngestError(f"同步包里有一条更改不对{where}：内容不是有效的 JSON。") from None
    if not isinstance(parsed, dict):
        raise IngestError(f"同步包里有一条更改不对{where}：内容格式不对。")
    for g, values in parsed.items():
        known = groups.get(g)
        if known is None or not isinstance(values, dict) or not known.issuperset(values):
            raise IngestError(f"同步包里有一条更改不对{where}：表 {tbl} 没有这些字段：{g}。请先升级汇总程序。")


# -- the set-based merge -----------------------------------------------------------------------

_STAGE = ("CREATE TEMP TABLE IF NOT EXISTS agg_stage (pkg int, community text, tbl text, row_id text,"
          ' hlc bigint, site_id text COLLATE "C", seq bigint, cols jsonb, multi boolean)')


def _cast(expr: str, col: sc.Column) -> str:
    return expr if col.pg_type == "text" else f"({expr})::{col.pg_type}"


def _upsert_tail(t: sc.Table) -> str:
    """ON CONFLICT: each group's columns and version replaced only where the incoming (hlc,
    site) is greater than the row's; the row untouched when no group wins."""
    sets, wins = [], []
    for g, cols in t.groups:
        h, s = sc.version_columns(g)
        win = (f"((excluded.{qi(h)}, excluded.{qi(s)}) > (coalesce(t.{qi(h)}, -1),"
               f" coalesce(t.{qi(s)}, ''::text COLLATE \"C\")))")
        wins.append(win)
        for c in (*cols, h, s):
            sets.append(f"{qi(c)} = CASE WHEN {win} THEN excluded.{qi(c)} ELSE t.{qi(c)} END")
    return f" ON CONFLICT (community, id) DO UPDATE SET {', '.join(sets)} WHERE {' OR '.join(wins)}"


def _names(t: sc.Table) -> str:
    names = []
    for g, cols in t.groups:
        names += [qi(c) for c in cols] + [qi(x) for x in sc.version_columns(g)]
    return ", ".join(names)


def lww_sql(t: sc.Table) -> str:
    """The statement merging the staged changes of one lww table whose rows have two or more
    changes in the batch: the winner of each group first (see the module docstring)."""
    pivot, values = [], []
    for g, cols in t.groups:
        lit = "'" + g.replace("'", "''") + "'"
        pivot.append(f"max(hlc) FILTER (WHERE grp = {lit}) AS {qi('h:' + g)}, "
                     f"max(site_id) FILTER (WHERE grp = {lit}) AS {qi('s:' + g)}, "
                     f"(array_agg(v) FILTER (WHERE grp = {lit}))[1] AS {qi('v:' + g)}")
        for c in cols:
            col = t.column(c)
            got = _cast(f"{qi('v:' + g)} ->> '{c}'", col)
            values.append(f"CASE WHEN {qi('h:' + g)} IS NULL THEN {col.default_sql} ELSE {got} END")
        values += [qi("h:" + g), qi("s:" + g)]
    return (
        "WITH w AS (SELECT DISTINCT ON (s.community, s.row_id, e.key) s.community, s.row_id, e.key AS grp,"
        " s.hlc, s.site_id, e.value AS v FROM agg_stage s CROSS JOIN LATERAL jsonb_each(s.cols) e"
        " WHERE s.tbl = %(tbl)s AND s.multi ORDER BY s.community, s.row_id, e.key, s.hlc DESC, s.site_id DESC),"
        f" r AS (SELECT community, row_id, {', '.join(pivot)} FROM w GROUP BY community, row_id)"
        f" INSERT INTO {qi(t.name)} AS t (community, id, {_names(t)})"
        f" SELECT community, row_id, {', '.join(values)} FROM r" + _upsert_tail(t))


def _json_lit(value: dict) -> str:
    return "'" + json.dumps(value, ensure_ascii=False).replace("'", "''") + "'::jsonb"


def _defaults(t: sc.Table) -> dict:
    """The columns whose default is not NULL, as JSON (what a column nothing names holds)."""
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


def _record(t: sc.Table, flat: str) -> str:
    """Every column of the row from one flat JSON object, converted by PostgreSQL in one call."""
    return f"jsonb_populate_record(NULL::{qi(t.name)}, {flat})"


def lww_single_sql(t: sc.Table) -> str:
    """The same for rows with one change in the batch (most of a snapshot): that change is the
    winner of every group it names, no sorting needed. A group it names writes all its columns
    (NULL where left out); the others get their defaults."""
    parts, versions, cols = [_json_lit(_defaults(t))], [], []
    for g, names in t.groups:
        lit = "'" + g.replace("'", "''") + "'"
        nulls = _json_lit({c: None for c in names})
        parts.append(f"(CASE WHEN s.cols ? {lit} THEN {nulls} || (s.cols -> {lit}) ELSE '{{}}'::jsonb END)")
        cols += [f"r.{qi(c)}" for c in names]
        cols += [f"CASE WHEN s.cols ? {lit} THEN s.hlc END", f"CASE WHEN s.cols ? {lit} THEN s.site_id END"]
    return (f"INSERT INTO {qi(t.name)} AS t (community, id, {_names(t)})"
            f" SELECT s.community, s.row_id, {', '.join(cols)} FROM agg_stage s"
            f" CROSS JOIN LATERAL {_record(t, ' || '.join(parts))} r"
            " WHERE s.tbl = %(tbl)s AND NOT s.multi" + _upsert_tail(t))


def append_sql(t: sc.Table) -> str:
    """Append rows: a grow-only set. A column the row leaves out gets its default. ON CONFLICT
    DO NOTHING also takes the same row twice in one statement (the second insert finds the first)."""
    parts = [_json_lit(_defaults(t))]
    names = []
    for g, cols in t.groups:
        parts.append(f"coalesce(s.cols -> '{g}', '{{}}'::jsonb)")
        names += [qi(c) for c in cols]
    return (f"INSERT INTO {qi(t.name)} (community, id, {', '.join(names)})"
            f" SELECT s.community, s.row_id, {', '.join('r.' + n for n in names)}"
            f" FROM agg_stage s CROSS JOIN LATERAL {_record(t, ' || '.join(parts))} r"
            " WHERE s.tbl = %(tbl)s ON CONFLICT (community, id) DO NOTHING")


_SQL: dict = {}


def merge_sql(tbl: str) -> list[str]:
    """The statements merging one table's staged changes."""
    if tbl not in _SQL:
        t = sc.table(tbl)
        _SQL[tbl] = [append_sql(t)] if t.is_append else [lww_single_sql(t), lww_sql(t)]
    return _SQL[tbl]


@dataclass
class _Opened:
    name: str
    header: object
    rows: list


def _merge(conn, opened: list[_Opened]) -> None:
    """Stage these packages' changes and merge them, in one transaction."""
    tables: set[str] = set()
    seen: dict = {}
    for o in opened:
        community = o.header.community_id
        for c in o.rows:
            key = (community, c[3], c[4])
            seen[key] = key in seen
    with conn.transaction():
        conn.execute(_STAGE)
        conn.execute("TRUNCATE agg_stage")
        with conn.cursor().copy("COPY agg_stage (pkg, community, tbl, row_id, hlc, site_id, seq, cols, multi)"
                                " FROM STDIN") as copy:
            for i, o in enumerate(opened):
                community = o.header.community_id
                for c in o.rows:
                    copy.write_row((i, community, c[3], c[4], c[2], c[0], c[1], c[6], seen[(community, c[3], c[4])]))
                    tables.add(c[3])
        for tbl in sorted(tables):
            for sql in merge_sql(tbl):
                conn.execute(sql, {"tbl": tbl})
        for o in opened:
            h = o.header
            conn.execute("INSERT INTO agg_package (package_id, community, sender_site_id, sender_code, kind,"
                         " file_name, created_wall, n_changes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                         " ON CONFLICT (package_id) DO NOTHING",
                         (h.package_id, h.community_id, h.sender_site_id, h.sender_code, h.kind, o.name,
                          h.created_wall, len(o.rows)))
        conn.execute("TRUNCATE agg_stage")


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
    result.n_changes += sum(len(o.rows) for o in done)
    result.seconds_merge += time.perf_counter() - start


def _open_all(found, skip, passphrase_for, result: IngestResult):
    """Open the packages not skipped, in order: yields _Opened, or (file name, Chinese message)
    for one refused. Run on a thread of its own (``ingest``) so that key derivation and
    decryption overlap PostgreSQL's merge of the batch before."""
    taken: set[str] = set()
    for package in found:
        pid, name = package.package_id, package.path.name
        if pid in taken:
            continue                    # the same package twice in the folder
        taken.add(pid)
        if skip(pid):
            result.already += 1
            continue
        community = package.header.community_id
        secret = passphrase_for(community)
        if not secret:
            yield name, f"没有社区 {community} 的同步口令，这个包没有导入（见 --passphrase-file）。"
            continue
        start = time.perf_counter()
        try:
            header, payload = open_package(package.path, secret, community, max_change_format=CHANGE_FORMAT)
        except e.SyncError as err:
            yield name, err.message
            continue
        try:
            rows = []
            for c in payload.changes():
                _check(c)
                rows.append(c)
        except IngestError as err:
            yield name, err.message + "这个包没有导入。"
            continue
        finally:
            payload.close()
            result.seconds_open += time.perf_counter() - start
        yield _Opened(name, header, rows)


def _read_ahead(items, depth: int = 3):
    """``items`` produced on a worker thread, at most ``depth`` ahead of the consumer; an
    exception there comes out here."""
    import queue
    import threading
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def work() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        q.put(("item", item), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(("end", done))
        except BaseException as exc:        # handed over, raised by the consumer
            q.put(("error", exc))
    worker = threading.Thread(target=work, name="menshen-open-packages", daemon=True)
    worker.start()
    try:
        while True:
            kind, item = q.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def ingest(conn, folder, passphrase_for: Callable[[str], str | None], *, again: bool = False,
           progress: Callable[[int], None] | None = None) -> IngestResult:
    """Ingest every package in ``folder`` (see the module docstring). ``passphrase_for(community
    id)`` gives the community's passphrase, or None when it is not known (the package is then
    refused with a message saying so). ``again``: also packages ingested before. Packages are
    opened on a second thread while the batch before is merged."""
    result = IngestResult()
    found, unreadable = list_packages(Path(folder))
    for bad in unreadable:
        result.refused.append((bad.path.name, bad.error.message))
    seen = {r[0] for r in conn.execute("SELECT package_id FROM agg_package")}
    conn.commit()
    batch: list[_Opened] = []
    staged = 0
    for item in _read_ahead(_open_all(found, lambda pid: pid in seen and not again, passphrase_for, result)):
        if not isinstance(item, _Opened):
            result.refused.append(item)
            continue
        batch.append(item)
        staged += len(item.rows)
        if staged >= BATCH_ROWS:
            _flush(conn, batch, result)
            if progress:
                progress(result.n_changes)
            batch, staged = [], 0
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
