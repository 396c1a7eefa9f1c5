"""Sync benchmark: snapshot and incremental packages on the demo street office (issue 15).

    .venv/bin/python bench/sync.py [--households 90000] [--gate-rows 1000000] [--keep DIR]
    .venv/bin/python bench/sync.py --households 5000 --gate-rows 100000      # a small run
    .venv/bin/python bench/sync.py --households 5000 --gate-rows 100000 --newer-column 10

Builds the demo street office once as bench/storage.py does (``make_demo_database`` with
``--households``: 90,000 make about 200,000 people; then ``--gate-rows`` gate passages added
with change capture on by bench/gate.py's ``fill_log``) into ``--keep DIR`` (reused when it is
there), copies it, and exchanges packages between that "office" and a new empty "gate laptop"
database through folders, with desktop/sync/exchange.py:
  1. snapshot export (the office knows no one: every change) and its import into the empty file;
  2. the laptop's answer (an incremental package with its knowledge), imported by the office;
  3. one gate-day (5,000 passages) recorded at the office, exported for the laptop, imported;
  4. the laptop's answer again (so the office knows it holds the gate-day);
  5. 100 edits of people's phones at the office, exported for the laptop, imported.
The gate-day's passages are spread over the 90 days fill_log covers: the count is what matters.
Each step runs in its own process, so the peak memory (max RSS) printed is that step's own.
Every export and import derives the key from the passphrase (a memory-hard KDF): that fixed
cost is part of each time printed.
``--newer-column N``: the office copy is made a newer Menshen's (``newer_office``): gate_log gets a
column this version lacks, set on every N-th passage, which its snapshot then carries and the
laptop keeps (SYNC.md 9.16); only the snapshot is exchanged.
Targets (issue 15): snapshot import under 60 s, snapshot under 150 MB; an incremental package
under 1 s and under 1 MB. Sizes do not depend on the machine; times do (shared machine: rough).
"""
import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASS = "幸福里 门岗 同步 口令"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _open(folder: Path, name: str):
    from db.connection import Database
    (folder / f"{name}-home").mkdir(exist_ok=True)
    return Database(folder / f"{name}.db", config_file=folder / f"{name}-home" / "site.json", user_name=name)


def _package_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def phase(name: str, work: Path, arg: str) -> dict:
    """One step, in this process; returns its figures."""
    from desktop.sync.exchange import export_package, import_packages
    out: dict = {}
    if name == "build":
        from desktop.demo import make_demo_database
        from gate import fill_log                     # bench/gate.py
        households, gate_rows = (int(x) for x in arg.split(","))
        os.environ["MENSHEN_HOME"] = str(work / "office-home")   # the demo's site file, as _open finds it
        start = time.perf_counter()
        summary = make_demo_database(work / "office.db", households=households, days=1)
        out["demo_s"] = time.perf_counter() - start
        out["people"] = summary.people
        db = _open(work, "office")
        try:
            out["fill_s"] = fill_log(db, gate_rows)
            with db.reading() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                out["gate_rows"] = conn.execute("SELECT count(*) FROM gate_log").fetchone()[0]
                out["changes"] = conn.execute("SELECT count(*) FROM sync_change").fetchone()[0]
        finally:
            db.close()
        out["file_mb"] = (work / "office.db").stat().st_size / 1e6
    elif name == "export":                            # arg: "office" or "office>laptop" (for that peer)
        who, _, peer_name = arg.partition(">")
        db = _open(work, who)
        stick = work / f"stick-{len(list(work.glob('stick-*')))}"
        stick.mkdir()
        try:
            peer = None
            if peer_name:
                peer = _open(work, peer_name)
                peer_id = peer.site.site_id
                peer.close()
            start = time.perf_counter()
            got = export_package(db, stick, PASS, peer=peer_id if peer_name else None)
            out["s"] = time.perf_counter() - start
        finally:
            db.close()
        out.update(kind=got.kind, changes=got.n_changes, bytes=_package_size(stick), stick=str(stick))
    elif name == "import":                            # arg: "laptop<stick-N"
        who, _, stick = arg.partition("<")
        db = _open(work, who)
        try:
            start = time.perf_counter()
            got = import_packages(db, work / stick, PASS)
            out["s"] = time.perf_counter() - start
        finally:
            db.close()
        out.update(packages=got.packages, changes=got.n_changes, new=got.n_new, applied=got.n_applied,
                   refused=[f"{n}: {err}" for n, err in got.refused])
    elif name == "gate-day":
        from gate import fill_log
        db = _open(work, "office")
        try:
            out["s"] = fill_log(db, int(arg), seed=2)
        finally:
            db.close()
    elif name == "edits":
        db = _open(work, "office")
        try:
            with db.reading() as conn:
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM person WHERE is_deleted = 0 ORDER BY id LIMIT ?", (int(arg),))]
            start = time.perf_counter()
            for n, person in enumerate(ids):          # one transaction each, as staff save them
                with db.transaction() as conn:
                    conn.execute("UPDATE person SET phone = ? WHERE id = ?", (f"1390000{n:04d}", person))
            out["s"] = time.perf_counter() - start
        finally:
            db.close()
    out["rss_mb"] = _peak_mb()
    return out


def newer_office(path: Path, every: int) -> int:
    """Give the office's passages a column of a newer Menshen (``visit_floor``, in the passage's
    group), set on every ``every``-th one, read through the shapes as a newer office's would be
    (its changes refer to their rows). Returns how many passages carry it."""
    from db.sync.log import canonical_json, install_view
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'gate_log'").fetchall()
        for name, _ in triggers:            # the append-only guard among them
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("ALTER TABLE gate_log ADD COLUMN visit_floor TEXT")
        n = conn.execute("UPDATE gate_log SET visit_floor = (rowid % 30) || '楼' WHERE rowid % ? = 0", (every,)).rowcount
        for _, sql in triggers:
            conn.execute(sql)
        for no, text in conn.execute("SELECT s.no, s.groups FROM sync_shape s JOIN sync_table_no t ON t.no = s.tbl"
                                     " WHERE t.name = 'gate_log'").fetchall():
            shape = json.loads(text)
            shape["groups"] = [[g, sorted(cols + ["visit_floor"])] for g, cols in shape["groups"]]
            conn.execute("UPDATE sync_shape SET groups = ? WHERE no = ?", (canonical_json(shape), no))
        install_view(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return n


def run(name: str, work: Path, arg: str, profile: str | None = None) -> dict:
    command = [sys.executable, __file__, "--phase", name, "--work", str(work), "--arg", arg]
    if profile:
        command += ["--profile", profile]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{name} {arg} failed:\n{done.stderr[-3000:]}")
    if done.stderr.strip():
        print(done.stderr.strip()[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mb(n: int) -> str:
    if n < 1e6:
        return f"{n / 1e3:.0f} KB"
    return f"{n / 1e6:.2f} MB" if n < 10e6 else f"{n / 1e6:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=90_000)
    parser.add_argument("--gate-rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the office database in this folder once and reuse it")
    parser.add_argument("--newer-column", type=int, metavar="N",
                        help="the office as a newer Menshen's: a gate-log column this one lacks on every N-th passage")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the snapshot export and import into FILE-export, FILE-import (pstats)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--arg", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        if args.profile:
            import cProfile
            profiler = cProfile.Profile()
            result = profiler.runcall(phase, args.phase, args.work, args.arg)
            profiler.dump_stats(args.profile)
        else:
            result = phase(args.phase, args.work, args.arg)
        print(json.dumps(result))
        return 0

    base = args.keep or Path(tempfile.mkdtemp(prefix="menshen-sync-bench-"))
    base = base / f"h{args.households}-g{args.gate_rows}"
    base.mkdir(parents=True, exist_ok=True)
    print(f"(figures from a shared 2-core machine: times are rough; sizes are not)", flush=True)
    if not (base / "office.db").exists():
        got = run("build", base, f"{args.households},{args.gate_rows}")
        print(f"build: demo {got['people']:,} people in {got['demo_s']:.0f} s, {got['gate_rows']:,} gate rows "
              f"({got['fill_s']:.0f} s to add), {got['changes']:,} changes, file {got['file_mb']:.0f} MB, "
              f"peak RSS {got['rss_mb']:.0f} MB", flush=True)
    else:
        print(f"reusing {base / 'office.db'}", flush=True)
    work = base / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copy(base / "office.db", work / "office.db")
    shutil.copytree(base / "office-home", work / "office-home")
    if args.newer_column:
        print(f"office made newer: {newer_office(work / 'office.db', args.newer_column):,} passages with a column"
              " this laptop lacks", flush=True)
    with sqlite3.connect(work / "office.db") as conn:
        people, rows = (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "gate_log"))
    print(f"office: {people:,} people, {rows:,} gate rows, file {(work / 'office.db').stat().st_size / 1e6:.0f} MB",
          flush=True)

    def exchange(label: str, sender: str, receiver: str, target: bool, peer: bool = True, profile=None) -> None:
        out = run("export", work, f"{sender}>{receiver}" if peer else sender)
        ok = f" (targets: under 1 s, under 1 MB)" if target else ""
        print(f"{label} export: {out['kind']}, {out['changes']:,} changes, {_mb(out['bytes'])}, {out['s']:.2f} s, "
              f"peak RSS {out['rss_mb']:.0f} MB{ok}", flush=True)
        stick = Path(out["stick"]).name
        got = run("import", work, f"{receiver}<{stick}", profile)
        refused = f", REFUSED: {got['refused']}" if got["refused"] else ""
        print(f"{label} import: {got['packages']} package, {got['new']:,} new changes, {got['s']:.2f} s, "
              f"peak RSS {got['rss_mb']:.0f} MB{refused}", flush=True)

    out = run("export", work, "office", args.profile and f"{args.profile}-export")
    print(f"snapshot export: {out['kind']}, {out['changes']:,} changes, {_mb(out['bytes'])} (target under 150 MB), "
          f"{out['s']:.1f} s, peak RSS {out['rss_mb']:.0f} MB", flush=True)
    got = run("import", work, f"laptop<{Path(out['stick']).name}",
              args.profile and f"{args.profile}-import")
    print(f"snapshot import into an empty file: {got['new']:,} new changes, {got['s']:.1f} s (target under 60 s), "
          f"peak RSS {got['rss_mb']:.0f} MB{', REFUSED: ' + str(got['refused']) if got['refused'] else ''}",
          flush=True)
    print(f"laptop file after the snapshot: {(work / 'laptop.db').stat().st_size / 1e6:.0f} MB", flush=True)
    if args.newer_column:
        with sqlite3.connect(work / "laptop.db") as conn:
            kept = conn.execute("SELECT count(*) FROM sync_log WHERE cols LIKE '%visit_floor%'").fetchone()[0]
        print(f"changes kept for the laptop's upgrade: {kept:,}", flush=True)
        return 0
    if args.profile:
        print(f"profiles of the snapshot export and import: {args.profile}-export, -import (python -m pstats)",
              flush=True)
    exchange("laptop's answer", "laptop", "office", target=False, peer=False)
    day = run("gate-day", work, "5000")
    print(f"gate-day: 5,000 passages recorded at the office in {day['s']:.1f} s", flush=True)
    exchange("gate-day (5,000 rows)", "office", "laptop", target=True)
    exchange("laptop's answer", "laptop", "office", target=False, peer=False)
    edits = run("edits", work, "100")
    print(f"edits: 100 phones changed at the office in {edits['s']:.1f} s (one transaction each)", flush=True)
    exchange("100 edits", "office", "laptop", target=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
