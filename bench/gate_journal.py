"""Gate journal benchmark: what the screens pay to read passages kept in the gate journal (门岗暂存)
while an import holds the register. Every reader of a day's passages reads the journal too
(log.kept_between): the gate screen's recent list after each scan, the day's log tab (its first
page, its count, its figures), the Today page's gate figures, the printed sheet; and each scan's
card (log.assess: the in/out guess, a fever today) and the visitor form's returning visitor (the
plate and host of his last passage) read the kept passages of their subject.

    .venv/bin/python bench/gate_journal.py [--kept 2000 50000] [--households 2000] [--keep DIR]

A demo community, today's gate log as the demo makes it, then ``--kept`` passages of today
appended to the journal as the gate's save keeps them (the same INSERT, one JSON line each).
Times each reader: its first run as just after opening (what was read of the journal
forgotten: the guard's first screen waits for it), then the median of five (wall). Target: the recent list
and a card under 50 ms together (they run at every scan), the day tab's reads under 0.5 s together.
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
from desktop.gate.visitors import save_visitor  # noqa: E402
from desktop.overview.charts import gate_by_hour  # noqa: E402
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


def keep_visits(db, visitor, n: int = 3) -> None:
    """``n`` passages of a returning visitor (by car, to a household) kept in the journal."""
    with db.reading() as conn:
        household = conn.execute("SELECT household_id FROM membership WHERE is_deleted = 0 LIMIT 1").fetchone()[0]
    start = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=9)
    lines = []
    for i in range(n):
        recorder = journal._Recorder()
        s = Subject("visitor", visitor.full_name, visitor_id=visitor.id, plate="鄂A12345", visiting="张三",
                    visiting_household_id=household)
        row = gate_log._insert(db, recorder, gate_log.Passage(s, ("in", "out")[i % 2], 36.5), "allowed",
                               checkpoints(db)[0].id, (start + timedelta(minutes=i)).isoformat(timespec="seconds"))
        lines.append(json.dumps({"v": 1, "id": row, "statements": recorder.statements}, ensure_ascii=False))
    with open(journal.journal_path(db), "ab") as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))


def kept_scans(db, cards: list, gate_id: str, n: int = 40) -> list[float]:
    """``n`` scans while the register is busy, as the gate screen makes them: the card (assess),
    the save (kept in the journal, fsync'ed), the recent list; ms each."""
    from db.errors import WriterBusyError
    from desktop.gate.checkpoints import checkpoint

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    db.transaction = busy                           # an import holds the register
    gate, today, times = checkpoint(db, gate_id), date.today().isoformat(), []
    try:
        for i in range(n):
            s = cards[i % len(cards)]
            t = time.perf_counter()
            card = gate_log.assess(db, s)
            gate_log.record_passage(db, gate_log.Passage(s, card.direction, 36.5), gate)
            gate_log.recent_entries(db, today, gate_id)
            times.append((time.perf_counter() - t) * 1000)
    finally:
        del db.transaction
    return times


def cold() -> None:
    """Forget what this process read of the journal, as a program just opened does."""
    journal._seen.clear()
    gate_log._kept_read.clear()


def timed(fn, runs: int = 5, first_cold: bool = False) -> tuple[float, float]:
    """(first run ms, median of the next ``runs`` ms); ``first_cold``: the first after cold()."""
    if first_cold:
        cold()
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
            # Two days: the demo log stops at the clock, so one day run before the morning shift had no rows.
            make_gate_demo(db, days=2, seed=7)
        journal._start_flusher = lambda db: None       # the import holds the register all along
        today = date.today().isoformat()
        now = datetime.now().replace(hour=23, minute=59, second=59, microsecond=0)
        gate = checkpoints(db)[0].id
        with db.reading() as conn:
            saved = conn.execute("SELECT count(*) FROM gate_log WHERE at >= ?", (today,)).fetchone()[0]
            cards = [Subject("person", name, person_id=pid, household_id=household) for pid, name, household in
                     conn.execute("SELECT p.id, p.full_name, m.household_id FROM person p JOIN membership m"
                                  " ON m.person_id = p.id AND m.is_deleted = 0 ORDER BY p.id LIMIT 20")]
        visitor = save_visitor(db, {"full_name": "刘师傅", "id_number": ""})
        keep_visits(db, visitor)
        readers = {
            "recent list (8 lines, after each scan)": lambda: gate_log.recent_entries(db, today, gate),
            "day tab: first page (200 rows)": lambda: gate_log.day_log(db, today, gate),
            "day tab: row count": lambda: gate_log.count_day_log(db, today, gate),
            "day tab: figures (day_summary)": lambda: day_summary(db, datetime.fromisoformat(today), now, gate),
            "Today page: gate figures": lambda: gates_today(db, now),
            "Today page: chart of the day's hours": lambda: gate_by_hour(db, now.date()),
            "scan's card (assess), each of 20 people": lambda: [gate_log.assess(db, s, when=now) for s in cards],
            "visitor form: a returning visitor's plate and host": lambda: (gate_log.last_plate(db, visitor.id),
                                                                          gate_log.last_host(db, visitor.id)),
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
                first, median = timed(fn, first_cold=True)
                each = len(cards) if name.startswith("scan's card") else 1
                print(f"   {name}: first {first / each:.1f} ms, then {median / each:.1f} ms")
            keep_passages(db, 1, seed=n + 1)        # the next scan, kept: its line is the only new one
            done += 1
            first, _ = timed(readers["recent list (8 lines, after each scan)"], runs=0)
            card, _ = timed(lambda: gate_log.assess(db, cards[0], when=now), runs=0)
            print(f"   after one more kept scan: recent list {first:.1f} ms, then a card {card:.1f} ms")
            scans = kept_scans(db, cards, gate)
            done += len(scans)
            print(f"   {len(scans)} scans kept (the card, the save to the journal, the recent list): median"
                  f" {statistics.median(scans):.1f} ms, p95 {sorted(scans)[int(len(scans) * 0.95)]:.1f} ms"
                  f" (target p95 < 50 ms)")
    finally:
        journal.journal_path(db).unlink(missing_ok=True)    # the bench's passages are no one's
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
