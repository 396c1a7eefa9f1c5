"""Kept changes benchmark (SYNC.md 9.16): what a newer Menshen's fields cost a laptop one
version behind, at the sync (import) and at its upgrade (``merge.apply_kept`` at open).

    .venv/bin/python bench/kept.py [--people 14400] [--edits 5000] [--passages 15000] [--keep-rate 4]

A community office on the newer version (tests/sync/test_newer_fields.py's "newer" release:
``gate_log.visit_floor``, ``person.nickname`` in the name group, ``person.shoe_size`` a group of
its own) and two gate laptops that hold its snapshot of ``--people`` persons: "old" (this
version) and "new" (the newer one). Then two packages of 20,000 changes by default, each
imported by both laptops (the same package, so the difference is what keeping costs):

  1. ``--edits`` renames (the name group: a newer machine's edit always carries nickname, so
     each is kept on the old laptop and goes the checked way) and ``--passages`` plain passages;
  2. ``--edits + --passages`` passages, every ``--keep-rate``-th with a visit floor (kept,
     written set-wise, ``incoming._store_kept``);
  3. as many plain passages, with the kept changes of 1 and 2 held (are they looked at again?).
Each laptop answers the office after each package, so the next carries only what they lack.

Then the old laptop is upgraded (closed, opened with the newer migration): the open's
``apply_kept`` time is printed, and its tables are compared with the new laptop's.
Sync keys are derived at the lowest cost (tests/conftest.py's quick_keys): the times are the
imports' own. Prints figures; asserts nothing. Shared machine: times are rough.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASS = "幸福里 门岗 同步 口令"
NEWER = ("ALTER TABLE gate_log ADD COLUMN visit_floor TEXT;\n"
         "ALTER TABLE person ADD COLUMN nickname TEXT;\n"
         "ALTER TABLE person ADD COLUMN shoe_size INTEGER;\n")


def newer_release(folder: Path) -> None:
    """From now on the program is the newer one (as the test's ``newer`` fixture does)."""
    from db import migrations
    from db.sync import registry
    step = folder / f"{migrations.latest_version() + 1:04d}_newer_fields.sql"
    step.write_text(NEWER, "utf-8")
    known = migrations.available()
    migrations.available = lambda: known + [(len(known) + 1, step)]
    gate, person = registry.SYNC_TABLES["gate_log"], registry.SYNC_TABLES["person"]
    registry.SYNC_TABLES["gate_log"] = registry.SyncTable(
        "gate_log", gate.kind, {"entry": gate.groups["entry"] + ("visit_floor",)})
    registry.SYNC_TABLES["person"] = registry.SyncTable(
        "person", person.kind, {**person.groups, "name": person.groups["name"] + ("nickname",)})


def open_db(folder: Path, name: str):
    from db.connection import Database
    return Database(folder / f"{name}.db", config_file=folder / f"{name}.json", user_name=name)


def stick(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    return path


def timed_import(db, folder: Path) -> tuple[float, object]:
    from desktop.sync.exchange import import_packages
    start = time.perf_counter()
    got = import_packages(db, folder, PASS, backup=False)
    return time.perf_counter() - start, got


def answer(db, office, work: Path, after: str) -> None:
    """The laptop's answer, imported by the office: its next package carries only what the
    laptops lack (``export_package``'s assumed base)."""
    from desktop.sync.exchange import export_package
    folder = stick(work, f"answer-{db.site.site_id[:8]}-{after}")
    export_package(db, folder, PASS)
    timed_import(office, folder)


def passages(conn, start: int, n: int, people: int, keep_rate: int, rnd: random.Random) -> None:
    rows = []
    for i in range(start, start + n):
        floor = str(rnd.randrange(1, 30)) if keep_rate and i % keep_rate == 0 else None
        rows.append((f"g{i:07d}", f"2026-12-0{1 + i % 7}T{8 + i % 12:02d}:{i % 60:02d}:00",
                     f"p{rnd.randrange(people):06d}", "in" if i % 2 else "out", 36.5, floor))
    conn.executemany("INSERT INTO gate_log (id, at, person_id, direction, outcome, temperature, visit_floor)"
                     " VALUES (?, ?, ?, ?, 'allowed', ?, ?)", rows)


def tables(db) -> dict:
    conn = db.conn
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
           for t in ("person", "gate_log", "gate_person_last")}
    out["changes"] = conn.execute("SELECT site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256"
                                  " FROM sync_change ORDER BY site_id, seq").fetchall()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=14_400)
    ap.add_argument("--edits", type=int, default=5_000)
    ap.add_argument("--passages", type=int, default=15_000)
    ap.add_argument("--keep-rate", type=int, default=4)
    args = ap.parse_args()
    from tests.conftest import quick_keys
    from db.sync import merge
    from desktop.sync.exchange import export_package

    work = Path(tempfile.mkdtemp(prefix="kept-", dir=os.environ.get("BENCH_TMP")))
    rnd = random.Random(5)
    with quick_keys():
        old = open_db(work, "old")
        newer_release(work)
        office, new = open_db(work, "office"), open_db(work, "new")
        with office.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.executemany("INSERT INTO person (id, full_name, phone) VALUES (?, ?, ?)",
                             [(f"p{i:06d}", f"居民{i}", f"138{i:08d}") for i in range(args.people)])
        snap = stick(work, "snapshot")
        export_package(office, snap, PASS)
        for name, db in (("old", old), ("new", new)):
            took, got = timed_import(db, snap)
            print(f"snapshot of {args.people:,} people into {name}: {took:.2f} s, {got.n_new:,} new, {got.n_kept} kept")
            answer(db, office, work, "snapshot")

        # Package 1: renames (kept on the old laptop, the checked way) and plain passages.
        with office.transaction() as conn:
            ids = rnd.sample(range(args.people), args.edits)
            conn.executemany("UPDATE person SET full_name = ? WHERE id = ?",
                             [(f"居民{i}改", f"p{i:06d}") for i in ids])
            passages(conn, 0, args.passages, args.people, 0, rnd)
        one = stick(work, "one")
        export_package(office, one, PASS, peer=old.site.site_id)
        for name, db in (("new", new), ("old", old)):
            took, got = timed_import(db, one)
            print(f"package 1 ({args.edits:,} renames + {args.passages:,} passages) into {name}: {took:.2f} s,"
                  f" {got.n_changes:,} received, {got.n_new:,} new, {got.n_kept:,} kept")
            answer(db, office, work, "one")

        # Package 2: passages only, every keep_rate-th with a visit floor (kept, set-wise).
        with office.transaction() as conn:
            passages(conn, args.passages, args.edits + args.passages, args.people, args.keep_rate, rnd)
        two = stick(work, "two")
        export_package(office, two, PASS, peer=old.site.site_id)
        for name, db in (("new", new), ("old", old)):
            took, got = timed_import(db, two)
            print(f"package 2 ({args.edits + args.passages:,} passages) into {name}: {took:.2f} s,"
                  f" {got.n_changes:,} received, {got.n_new:,} new, {got.n_kept:,} kept")

        # Package 3: plain passages, with the kept changes held: are they looked at again?
        answer(new, office, work, "two")
        answer(old, office, work, "two")
        with office.transaction() as conn:
            passages(conn, 2 * (args.edits + args.passages), args.edits + args.passages, args.people, 0, rnd)
        three = stick(work, "three")
        export_package(office, three, PASS, peer=old.site.site_id)
        for name, db in (("new", new), ("old", old)):
            took, got = timed_import(db, three)
            print(f"package 3 ({args.edits + args.passages:,} plain passages) into {name}: {took:.2f} s,"
                  f" {got.n_changes:,} received, {got.n_new:,} new, {got.n_kept:,} kept")

        held = old.conn.execute("SELECT count(*) FROM sync_log WHERE cols IS NOT NULL").fetchone()[0]
        old.close()
        real, spent = merge.apply_kept, {}

        def timing(db):
            start = time.perf_counter()
            try:
                spent["rows"] = real(db)
                return spent["rows"]
            finally:
                spent["s"] = time.perf_counter() - start
        merge.apply_kept = timing
        start = time.perf_counter()
        old = open_db(work, "old")
        opened = time.perf_counter() - start
        print(f"upgrade of old ({held:,} changes stored with a body): open {opened:.2f} s,"
              f" of which apply_kept {spent.get('s', 0):.2f} s for {spent.get('rows', 0):,} rows")
        print("old upgraded == new:", tables(old) == tables(new))
        for db in (old, new, office):
            db.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
