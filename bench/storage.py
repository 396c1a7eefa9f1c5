"""Storage benchmark: how big a street office's file is, and how much of it is the change log.

    .venv/bin/python bench/storage.py [--households 90000] [--gate-rows 1000000] [--keep DIR]
    .venv/bin/python bench/storage.py --db street.db      # only measure an existing file

Builds the demo street office (``menshen demo --households 90000``: about 200,000 people, their
gate passes and care lists), adds ``--gate-rows`` gate passages in one transaction with change
capture on (as bench/gate.py does), checkpoints the write-ahead log and prints the file size and
every table's and index's share of it from SQLite's ``dbstat``, with the change log's share.

Target (issue 14): change log under 25 % of the file, file under 500 MB, at 200,000 people and
1,000,000 gate rows. Sizes do not depend on the machine; the times printed do (shared machine).

It then prints what the gate log would take stored as small as SYNC.md allows (``gate_floor``):
each passage keeps its UUIDv7 text key, every reference (checkpoint, person, household) and
every time and code becomes a local integer, with the three indexes the gate's queries need.
That figure, against the file's, says how far a storage rewrite of the gate log would go.
"""
import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from desktop.app import open_app                      # noqa: E402
from desktop.demo import make_demo_database           # noqa: E402
from gate import fill_log                             # noqa: E402  bench/gate.py

# The change log and what exists only to serve it (local numbering of sites, tables, shapes).
LOG_TABLES = {"sync_change", "sync_log", "sync_site_no", "sync_table_no", "sync_shape", "sync_user_no"}


def shares(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        owner = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"))
        sizes = conn.execute("SELECT name, sum(pgsize), count(*) FROM dbstat GROUP BY name"
                             " ORDER BY sum(pgsize) DESC").fetchall()
        counts = {}
        for name in ("sync_change", "sync_log", "person", "gate_log", "household", "membership"):
            try:
                counts[name] = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            except sqlite3.Error:
                pass
    finally:
        conn.close()
    total = sum(s for _, s, _ in sizes)
    file_size = path.stat().st_size
    print(f"file {file_size / 1e6:.0f} MB ({total / 1e6:.0f} MB in pages dbstat counts); rows: "
          + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    log = 0
    print(f"{'table or index':<40} {'of table':<18} {'MB':>8} {'share':>7}")
    for name, size, _ in sizes:
        table = owner.get(name, name)
        if table in LOG_TABLES or name in LOG_TABLES:
            log += size
        if size / total >= 0.002:
            print(f"{name:<40} {table:<18} {size / 1e6:8.1f} {size / total:7.1%}")
    print(f"change log (its tables and indexes): {log / 1e6:.0f} MB, {log / total:.1%} of the file"
          f" (target under 25 %); file {file_size / 1e6:.0f} MB (target under 500 MB)")


# The gate log as small as the design allows: the UUIDv7 text key stays (SYNC.md: every
# replicated row), references, times and codes become local integers.
_GATE_FLOOR = """
CREATE TEMP TABLE person_no AS SELECT id, rowid AS n FROM s.person;
CREATE INDEX temp.person_no_id ON person_no(id);
CREATE TEMP TABLE household_no AS SELECT id, rowid AS n FROM s.household;
CREATE INDEX temp.household_no_id ON household_no(id);
CREATE TABLE gate_floor(id TEXT PRIMARY KEY, kind INT, checkpoint INT, at INT, direction INT, person INT,
  household INT, visitor INT, pass INT, holder_name TEXT, plate TEXT, temperature REAL, fever INT, outcome INT,
  override_reason TEXT, rule_exceeded INT, visit_reason TEXT, visiting TEXT, note TEXT, source INT, voids INT,
  void_reason TEXT, recorded_by INT, created_site INT, created_wall INT);
INSERT INTO gate_floor SELECT g.id, g.kind = 'void', (SELECT rowid FROM s.checkpoint c WHERE c.id = g.checkpoint_id),
  unixepoch(g.at), g.direction = 'out', (SELECT n FROM person_no WHERE person_no.id = g.person_id),
  (SELECT n FROM household_no WHERE household_no.id = g.household_id),
  (SELECT rowid FROM s.visitor v WHERE v.id = g.visitor_id), (SELECT rowid FROM s.gate_pass p WHERE p.id = g.pass_id),
  g.holder_name, g.plate, g.temperature, g.fever,
  CASE g.outcome WHEN 'allowed' THEN 0 WHEN 'turned_back' THEN 1 ELSE 2 END, g.override_reason, g.rule_exceeded,
  g.visit_reason, g.visiting, g.note, CASE g.source WHEN 'scan' THEN 0 WHEN 'screen' THEN 1 ELSE 2 END,
  (SELECT rowid FROM s.gate_log v WHERE v.id = g.voids_id), g.void_reason, 1, 1, unixepoch(g.created_wall)
  FROM s.gate_log g ORDER BY g.rowid;
CREATE INDEX gate_floor_at ON gate_floor(at);
CREATE INDEX gate_floor_person ON gate_floor(person, at) WHERE person IS NOT NULL;
CREATE INDEX gate_floor_household ON gate_floor(household, at) WHERE household IS NOT NULL;
"""


def gate_floor(path: Path) -> None:
    """The gate log copied into a scratch file as small as the design allows, measured."""
    with tempfile.TemporaryDirectory(prefix="menshen-gate-floor-") as scratch:
        conn = sqlite3.connect(f"file:{Path(scratch) / 'floor.db'}", uri=True)   # so ATTACH takes ?mode=ro
        try:
            conn.execute("ATTACH ? AS s", (f"file:{path}?mode=ro",))
            conn.executescript(_GATE_FLOOR)
            floor = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'gate_floor%'"
                                 " OR name = 'sqlite_autoindex_gate_floor_1'").fetchone()[0]
            gate = conn.execute("SELECT sum(pgsize) FROM dbstat('s') WHERE name IN"
                                " (SELECT name FROM s.sqlite_master WHERE tbl_name = 'gate_log')").fetchone()[0]
        finally:
            conn.close()
    size = path.stat().st_size
    print(f"gate log as small as the design allows (UUIDv7 text key kept; references, times and codes as local"
          f" integers; three indexes): {floor / 1e6:.0f} MB, now {gate / 1e6:.0f} MB; the file would be"
          f" {(size - gate + floor) / 1e6:.0f} MB (target under 500 MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=90_000)
    parser.add_argument("--gate-rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    parser.add_argument("--db", type=Path, help="measure this existing database only")
    args = parser.parse_args()
    if args.db:
        shares(args.db)
        gate_floor(args.db)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="menshen-storage-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MENSHEN_HOME"] = str(folder / "home")
    path = folder / "street.db"
    if path.exists():
        print(f"{path} exists: measuring it as it is")
    else:
        t = time.perf_counter()
        # One day of the demo gate log (about 36,000 passages), so the gate log is about --gate-rows.
        summary = make_demo_database(path, households=args.households, days=1)
        print(f"demo street office: {summary.households:,} households, {summary.people:,} people in "
              f"{time.perf_counter() - t:.0f} s (shared machine: times are rough)", flush=True)
        app = open_app(path, user_name="值守员")
        try:
            print(f"gate log: {args.gate_rows:,} rows in {fill_log(app.db, args.gate_rows):.0f} s", flush=True)
            with app.db.reading() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            app.close()
    shares(path)
    gate_floor(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
