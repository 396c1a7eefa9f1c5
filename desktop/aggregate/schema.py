"""The PostgreSQL schema of the aggregate, generated from ONE source: the table registry
(db/sync/registry.py: which tables replicate, lww or append, their field groups) and the
columns the migrations give those tables (read from a migrated in-memory SQLite database, so
a column added by a migration reaches PostgreSQL without anyone editing SQL here).

Every table is keyed by ``(community, id)``: ``community`` is the authenticated
``community_id`` of the package a row came in, so two communities' rows never meet even when
their deterministic ids (places) coincide. An lww table has two columns per field group,
``"_h:<group>"`` (HLC) and ``"_s:<group>"`` (site id, ``COLLATE "C"`` so that text compares
byte-wise as in SQLite and Python): the version of the group the row holds. The merge compares
``(hlc, site)`` exactly as db/sync/versions.py does. ``"_src:<group>"`` (jsonb, NULL for nearly
every row) says where a column's value comes from when that is not the group's version: an
older Menshen's winning edit said nothing of it (db/sync/versions.py ``says``), so it keeps the
value of the latest change that did, ``{column: [hlc, site]}``, ``[-1, ""]`` when none did yet.
Append tables have no version columns.

Column types follow SQLite's declared types: INTEGER -> bigint, REAL -> double precision,
anything else -> text. Nothing is NOT NULL beyond the key (a patch may arrive before its row);
defaults are SQLite's (simple literals).
"""
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from db.sync.registry import APPEND, SYNC_TABLES
from desktop.aggregate import pg_merges

SCHEMA_NAME = "menshen"           # every object lives in this PostgreSQL schema


def qi(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str
    default: str | None           # a SQL literal, or None

    @property
    def default_sql(self) -> str:
        return self.default if self.default is not None else "NULL"


@dataclass(frozen=True)
class Table:
    name: str
    kind: str                     # lww | append
    columns: tuple[Column, ...]   # without id
    groups: tuple[tuple[str, tuple[str, ...]], ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def is_append(self) -> bool:
        return self.kind == APPEND


def _pg_type(decl: str) -> str:
    decl = (decl or "").upper()
    if "INT" in decl:
        return "bigint"
    if "REAL" in decl or "FLOA" in decl or "DOUB" in decl:
        return "double precision"
    return "text"


@lru_cache(maxsize=1)
def tables() -> tuple[Table, ...]:
    """Every replicated table as PostgreSQL will hold it (registry order)."""
    from db import migrations
    from db.connection import _functions
    conn = sqlite3.connect(":memory:")
    try:
        _functions(conn)
        migrations.migrate(conn, None)
        out = []
        for name, spec in SYNC_TABLES.items():
            info = conn.execute(f"PRAGMA table_info({qi(name)})").fetchall()
            if not info:
                continue                # declared, but no migration made it yet
            cols = tuple(Column(r[1], _pg_type(r[2]), r[4]) for r in info if r[1] != "id")
            groups = spec.column_groups([c.name for c in cols])
            out.append(Table(name, spec.kind, cols, tuple((g, tuple(cs)) for g, cs in groups.items())))
        return tuple(out)
    finally:
        conn.close()


def table(name: str) -> Table:
    return next(t for t in tables() if t.name == name)


def version_columns(group: str) -> tuple[str, str]:
    return f"_h:{group}", f"_s:{group}"


def sources_column(group: str) -> str:
    """The lww group's column saying which version each of its columns comes from, where that
    is not the group's own (see the module docstring)."""
    return f"_src:{group}"


NO_SOURCE = [-1, ""]            # a column's source when no change merged here said it yet


def unsaid_columns_sql(held: set[tuple[str, str]]) -> list[str]:
    """A column an upgrade adds to an lww group of a table this database already had (``held``:
    its (table, column) pairs before): no change merged here said anything of it (a package
    carrying it was refused until now, to be read again), so its rows get NO_SOURCE for it,
    not their group's version. Else an older laptop's edit merged before the upgrade, the
    group's version, would keep the office's earlier value out when its package is read again."""
    out = []
    for t in tables():
        if t.is_append or not any(name == t.name for name, _ in held):
            continue
        for g, cols in t.groups:
            h = version_columns(g)[0]
            new = [c for c in cols if (t.name, c) not in held]
            if not new or (t.name, h) not in held:     # a new group: no row has a version of it
                continue
            marks = ", ".join(f"'{c}', '[{NO_SOURCE[0]}, \"{NO_SOURCE[1]}\"]'::jsonb" for c in new)
            f = qi(sources_column(g))
            out.append(f"UPDATE {qi(t.name)} SET {f} = coalesce({f}, '{{}}'::jsonb) || jsonb_build_object({marks})"
                       f" WHERE {qi(h)} IS NOT NULL")
    return out


def create_table_sql(t: Table) -> str:
    parts = ['community text COLLATE "C" NOT NULL', 'id text COLLATE "C" NOT NULL']
    for c in t.columns:
        parts.append(f"{qi(c.name)} {c.pg_type}" + (f" DEFAULT {c.default}" if c.default is not None else ""))
    if not t.is_append:
        for g, _ in t.groups:
            h, s = version_columns(g)
            parts.append(f"{qi(h)} bigint")
            parts.append(f'{qi(s)} text COLLATE "C"')
            parts.append(f"{qi(sources_column(g))} jsonb")
    parts.append("PRIMARY KEY (community, id)")
    return f"CREATE TABLE IF NOT EXISTS {qi(t.name)} (\n  " + ",\n  ".join(parts) + "\n)"


# The daily figures (the same definitions as desktop/overview where it can be: status.py's
# register_totals and status_counts, today.py's gates_today with gate/day.py's valid rows).
# They are kept per community (and per community and day for the gate) in two small tables,
# brought up to date by each ingest batch in its own transaction for the communities and days
# it touched (pg.py: refresh_figures); the views over them are what the city reads. Counted at
# query time over 2,000,000 people they took 1.5-3.7 s (a cold first query after an ingest the
# most); read from these tables, a few milliseconds, and the figures are ready when the
# ingest ends.
ROLLUPS = [
    """CREATE TABLE IF NOT EXISTS agg_community_figures (
      community text COLLATE "C" PRIMARY KEY, households bigint NOT NULL, people bigint NOT NULL,
      key_persons bigint NOT NULL, home_isolation bigint NOT NULL, observation bigint NOT NULL,
      away bigint NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS agg_gate_daily (
      community text COLLATE "C", day text, gate_in bigint NOT NULL, gate_out bigint NOT NULL,
      gate_turned_back bigint NOT NULL, gate_fevers bigint NOT NULL, PRIMARY KEY (community, day))""",
]

# Per community now: households, people, key persons and people per status (status.py:
# healthy is everyone not in one of the other three statuses; a merged-away person is not
# counted: person_now, desktop/aggregate/pg_merges.py), for the communities in the
# array %(communities)s; a community with a community row but nobody yet counts zeros.
REFRESH_COMMUNITY_FIGURES = [
    "DELETE FROM agg_community_figures WHERE community = ANY(%(communities)s)",
    """INSERT INTO agg_community_figures
    WITH k AS (SELECT DISTINCT unnest(%(communities)s::text[]) COLLATE "C" AS community),
         h AS (SELECT community, count(*) FILTER (WHERE is_deleted <> 1) AS households
               FROM household WHERE community = ANY(%(communities)s) GROUP BY community),
         p AS (SELECT community, count(*) FILTER (WHERE is_deleted <> 1) AS people,
                      count(*) FILTER (WHERE is_key_person = 1 AND is_deleted = 0) AS key_persons,
                      count(*) FILTER (WHERE status = 'home_isolation' AND is_deleted = 0) AS home_isolation,
                      count(*) FILTER (WHERE status = 'observation' AND is_deleted = 0) AS observation,
                      count(*) FILTER (WHERE status = 'away' AND is_deleted = 0) AS away
               FROM person_now WHERE community = ANY(%(communities)s) GROUP BY community)
    SELECT k.community, coalesce(h.households, 0), coalesce(p.people, 0), coalesce(p.key_persons, 0),
           coalesce(p.home_isolation, 0), coalesce(p.observation, 0), coalesce(p.away, 0)
    FROM k LEFT JOIN h ON h.community = k.community LEFT JOIN p ON p.community = k.community
    WHERE h.community IS NOT NULL OR p.community IS NOT NULL
       OR EXISTS (SELECT 1 FROM community c WHERE c.community = k.community)""",
]

# Per community and day: the gate page's counting of valid passages (a pass not voided by a
# row of the same community), for the (community, day) pairs in the temporary table
# agg_touched_days (analysed: with a guess of its size the planner reads every gate row of the
# community). ``COLLATE "default"``: ids are "C", voids_id is not, and a comparison of the two
# could not use the voids index (every void of the community was read for each passage).
REFRESH_GATE_DAILY = [
    "DELETE FROM agg_gate_daily d USING agg_touched_days t WHERE d.community = t.community AND d.day = t.day",
    """INSERT INTO agg_gate_daily
    SELECT g.community, left(g.at, 10) AS day,
           count(*) FILTER (WHERE g.outcome = 'allowed' AND g.direction = 'in'),
           count(*) FILTER (WHERE g.outcome = 'allowed' AND g.direction = 'out'),
           count(*) FILTER (WHERE g.outcome = 'turned_back'),
           coalesce(sum(g.fever), 0)::bigint
    FROM agg_touched_days t JOIN gate_log g ON g.community = t.community AND left(g.at, 10) = t.day
    WHERE g.kind = 'pass' AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.community = g.community
                                          AND v.voids_id = g.id COLLATE "default")
    GROUP BY g.community, left(g.at, 10)""",
]

VIEWS = [
    """CREATE OR REPLACE VIEW community_figures AS
    SELECT f.community,
           (SELECT name FROM community n WHERE n.community = f.community AND n.id = f.community) AS name,
           f.households, f.people, f.key_persons,
           f.people - f.home_isolation - f.observation - f.away AS healthy,
           f.home_isolation, f.observation, f.away
    FROM agg_community_figures f""",
    """CREATE OR REPLACE VIEW community_gate_daily AS
    SELECT community, day, gate_in, gate_out, gate_turned_back, gate_fevers FROM agg_gate_daily""",
    """CREATE OR REPLACE VIEW city_figures AS
    SELECT count(*) AS communities, coalesce(sum(households), 0)::bigint AS households,
           coalesce(sum(people), 0)::bigint AS people, coalesce(sum(key_persons), 0)::bigint AS key_persons,
           coalesce(sum(healthy), 0)::bigint AS healthy, coalesce(sum(home_isolation), 0)::bigint AS home_isolation,
           coalesce(sum(observation), 0)::bigint AS observation, coalesce(sum(away), 0)::bigint AS away
    FROM community_figures""",
    """CREATE OR REPLACE VIEW city_gate_daily AS
    SELECT day, count(*) AS communities, sum(gate_in)::bigint AS gate_in, sum(gate_out)::bigint AS gate_out,
           sum(gate_turned_back)::bigint AS gate_turned_back, sum(gate_fevers)::bigint AS gate_fevers
    FROM community_gate_daily GROUP BY day""",
]

META = [
    """CREATE TABLE IF NOT EXISTS agg_package (
      package_id text PRIMARY KEY, community text NOT NULL, sender_site_id text, sender_code text,
      kind text, file_name text, created_wall text, n_changes bigint, ingested_at timestamptz DEFAULT now())""",
    # The field groups and columns a change may name.
    """CREATE TABLE IF NOT EXISTS agg_column (tbl text, grp text, col text, PRIMARY KEY (tbl, grp, col))""",
]

INDEXES = [
    # A community's gate rows of one day (the gate figures' refresh); replaces an index on the
    # day alone, which the city's query read before the figures were kept.
    "DROP INDEX IF EXISTS gate_log_day",
    "CREATE INDEX IF NOT EXISTS gate_log_community_day ON gate_log (community, left(at, 10))",
    "CREATE INDEX IF NOT EXISTS gate_log_voids ON gate_log (community, voids_id) WHERE voids_id IS NOT NULL",
]


def schema_statements() -> list[str]:
    out = [f"CREATE SCHEMA IF NOT EXISTS {SCHEMA_NAME}", f"SET search_path TO {SCHEMA_NAME}"]
    out += [create_table_sql(t) for t in tables()]
    # A column a later migration adds reaches an existing database too.
    for t in tables():
        for c in t.columns:
            out.append(f"ALTER TABLE {qi(t.name)} ADD COLUMN IF NOT EXISTS {qi(c.name)} {c.pg_type}"
                       + (f" DEFAULT {c.default}" if c.default is not None else ""))
        if not t.is_append:
            for g, _ in t.groups:
                h, s = version_columns(g)
                out.append(f"ALTER TABLE {qi(t.name)} ADD COLUMN IF NOT EXISTS {qi(h)} bigint")
                out.append(f'ALTER TABLE {qi(t.name)} ADD COLUMN IF NOT EXISTS {qi(s)} text COLLATE "C"')
                # NULL in the rows merged before: every column from the group's version, as then.
                out.append(f"ALTER TABLE {qi(t.name)} ADD COLUMN IF NOT EXISTS {qi(sources_column(g))} jsonb")
    out += META + pg_merges.TABLES + ROLLUPS + INDEXES + pg_merges.VIEWS + VIEWS
    return out
