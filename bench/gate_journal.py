"""Gate journal benchmark: what the screens pay to read passages kept in the gate journal (门岗暂存)
while an import holds the register. Every reader of a day's passages reads the journal too
(log.kept_between): the gate screen's recent list after each scan, the day's log tab (its first
page, its count, its figures), the Today page's gate figures, the printed sheet.

    .venv/bin/python bench/gate_journal.py [--kept 2000 50000] [--households 2000] [--keep DIR]

A demo community, today's gate log as the demo makes it, then ``--kept`` passages of today
appended to the journal as the gate's save keeps them (the same INSERT, one JSON line each).
Times each reader: the first run, then the median of five (wall). Target: the recent list
under 50 ms (it runs after every scan), the day tab's reads under 0.5 s together.
Prints figures; never imported by tests.
"""
import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.app import open_app  # noqa: E402
from desktop.demo import make_demo  # noqa: E402
from desktop.gate import journal  # noqa: E402
from desktop.gate import log as gate_log  # noqa: E402
from desktop.gate.checkpoints import checkpoints  # noqa: E402
from desktop.gate.day import day_summary  # noqa: E402
from desktop.gate.demo import make_gate_demo  # noqa: E402
from desktop.gate.subjects import Subject  # noqa: E402
from desktop.overview.today import gates_today  # noqa: E402


def keep_passages(db, n: int, seed: int = 1) -> None:
    """``n`` passages of today in the journal, as journal.keep writes them (its recorder and line),
    written in one go (keep fsyncs each: a guard's pace, not a bench's)."""
    rng = random.Random(seed)
    with db.reading() as conn:
        people = conn.execute("SELECT p.id, p.full_name, m.household_id FROM person p JOIN membership m"
                              " ON m.person_id = p.id AND m.is_deleted = 0").fetchall()
    gates = checkpoints(db)
    start = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=6)
    lines = []
    for i in range(n):
        pid, name, household = rng.choice(people)
        recorder = journal._Recorder()
        at = (start + timedelta(seconds=i * 50_000 // n)).isoformat(timespec="seconds")
        direction = "in" if i % 2 else "out"
        p = gate_log.Passage(Subject("person", name, person_id=pid, household_id=household), direction,
                             36.5 if direction == "in" else None)
        row = gate_log._insert(db, recorder, p, "allowed", rng.choice(gates).id, at)
        lines.append(json.dumps({"v": 1, "id": row, "statements": recorder.statements}, ensure_ascii=False))
    with open(journal.journal_path(db), "ab") as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def timed(fn, runs: int = 5) -> tuple[float, float]:
    """(first run ms, median of the next ``runs`` ms)."""
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    rest = [first]
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        rest.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(rest[1:] or rest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kept", type=int, nargs="+", default=[2000, 50000])
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="menshen-journal-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["MENSHEN_HOME"] = str(folder)
    path = folder / "journal-bench.db"
    fresh = not path.exists()
    app = open_app(path, user_name="值守员")
    db = app.db
    try:
        if fresh:
            make_demo(db, args.households, seed=7)
            make_gate_demo(db, days=1, seed=7)
        journal._start_flusher = lambda db: None       # the import holds the register all along
        today = date.today().isoformat()
        now = datetime.now().replace(hour=23, minute=59, second=59, microsecond=0)
        gate = checkpoints(db)[0].id
        with db.reading() as conn:
            saved = conn.execute("SELECT count(*) FROM gate_log WHERE at >= ?", (today,)).fetchone()[0]
        readers = {
            "recent list (8 lines, after each scan)": lambda: gate_log.recent_entries(db, today, gate),
            "day tab: first page (200 rows)": lambda: gate_log.day_log(db, today, gate),
            "day tab: row count": lambda: gate_log.count_day_log(db, today, gate),
            "day tab: figures (day_summary)": lambda: day_summary(db, datetime.fromisoformat(today), now, gate),
            "Today page: gate figures": lambda: gates_today(db, now),
        }
        done = 0
        for n in sorted(args.kept):
            keep_passages(db, n - done, seed=n)
            done = n
            size = journal.journal_path(db).stat().st_size
            print(f"-- {journal.pending(db):,} kept passages ({size / 1e6:.1f} MB journal), "
                  f"{saved:,} saved today, {args.households:,} households")
            t = time.perf_counter()
            lines = [json.loads(raw) for raw in journal.journal_path(db).read_bytes().splitlines()]
            print(f"   bare: the file read and json.loads of its {len(lines):,} lines: "
                  f"{(time.perf_counter() - t) * 1000:.0f} ms (what each reader paid before the journal was read once)")
            for name, fn in readers.items():
                first, median = timed(fn)
                print(f"   {name}: first {first:.0f} ms, then {median:.0f} ms")
            keep_passages(db, 1, seed=n + 1)        # the next scan, kept: its line is the only new one
            done += 1
            first, _ = timed(readers["recent list (8 lines, after each scan)"], runs=0)
            print(f"   recent list after one more kept scan: {first:.0f} ms")
    finally:
        journal.journal_path(db).unlink(missing_ok=True)    # the bench's passages are no one's
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
