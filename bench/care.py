"""Time to build the "today" lists of care and isolation on a street-office-sized register.

    .venv/bin/python bench/care.py [--households 90000] [--subjects 10000] [--days 90] [--db PATH]

Makes the demo register scaled to ≈200,000 people (90,000 households), then adds 10,000 care
subjects with ≈600 helpers and a season (90 days) of visits, and the isolation episodes of the
demo's key persons with their morning and evening checks, all with executemany in one
transaction. Then times: visits due today grouped by helper (CareBook.today_by_helper), the
whole list with every state (counts), and today's isolation follow-up list. Target < 200 ms.
Prints figures; never imported by tests.
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.sync.ids import natural_id, uuid7  # noqa: E402
from desktop.app import open_app  # noqa: E402
from desktop.care.care_book import CareBook  # noqa: E402
from desktop.care.demo import INSERT, make_care_demo  # noqa: E402
from desktop.care.isolation import IsolationBook  # noqa: E402
from desktop.care.vocab import CATEGORY, FREQUENCY, INTERVAL_DAYS  # noqa: E402
from desktop.demo import make_demo  # noqa: E402


def fill_season(app, subjects: int, days: int, today: date, seed: int = 11) -> tuple[int, int, int]:
    """Top the demo's care list up to ``subjects`` people, each with ``days`` days of visits."""
    rng = random.Random(seed)
    db = app.db
    site, wall = db.site.site_id, today.isoformat()
    with db.transaction() as conn:
        listed = {r[0] for r in conn.execute("SELECT person_id FROM care_subject WHERE is_deleted = 0")}
        people = [r[0] for r in conn.execute("SELECT id FROM person WHERE is_deleted = 0 AND birth_date < ?",
                                             (f"{today.year - 55}-01-01",))]
        helpers = [(uuid7(), f"帮扶人{i:03d}", f"139{i:08d}") for i in range(600)]
        conn.executemany(INSERT["care_helper"], [(h, n, p, "volunteer", None, None, 0, site, wall)
                                                 for h, n, p in helpers])
        pool = [p for p in people if p not in listed]
        chosen = rng.sample(pool, max(0, min(len(pool), subjects - len(listed))))
        freqs, cats = list(FREQUENCY), list(CATEGORY)
        subject_rows, visit_rows = [], []
        for pid in chosen:
            sid = natural_id("care_subject", pid)
            frequency = rng.choices(freqs, (2, 1, 3, 2, 4, 1, 1))[0]
            interval = INTERVAL_DAYS[frequency]
            helper_id, helper_name, _ = rng.choice(helpers)
            start = today - timedelta(days=days)
            subject_rows.append((sid, pid, rng.choice(cats), "groceries,talk", frequency, helper_id,
                                 start.isoformat(), None, None, 0, site, wall))
            day = start
            while day <= today:
                if rng.random() > 0.05:
                    visit_rows.append((uuid7(), sid, pid, day.isoformat(), helper_id, helper_name, "in_person",
                                       "一切正常", "", None, helper_name, f"{day.isoformat()}T10:00:00", site))
                day += timedelta(days=max(1, interval + rng.choice((-1, 0, 0, 1, 2)) if interval > 2 else interval))
        conn.executemany(INSERT["care_subject"], subject_rows)
        conn.executemany(INSERT["care_visit"], visit_rows)
        total = conn.execute("SELECT count(*) FROM care_subject WHERE is_deleted = 0").fetchone()[0]
        visits = conn.execute("SELECT count(*) FROM care_visit").fetchone()[0]
    return total, visits, len(helpers)


def timed(fn, runs: int = 7) -> tuple[float, float, float, object]:
    """(first run ms, median of the rest ms, median CPU ms of the rest, last result). CPU time is
    printed too: on a shared machine the wall clock also counts other people's work."""
    start = time.perf_counter()
    result = fn()
    first = (time.perf_counter() - start) * 1000
    rest, cpu = [], []
    for _ in range(runs - 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        rest.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return first, statistics.median(rest), statistics.median(cpu), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=90_000)
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--db", type=Path, help="reuse (or keep) this database")
    args = parser.parse_args()
    os.environ.setdefault("MENSHEN_HOME", tempfile.mkdtemp(prefix="menshen-bench-home-"))
    path = args.db or Path(tempfile.mkdtemp(prefix="menshen-bench-")) / "care.db"
    today = date.today()
    fresh = not path.exists()
    app = open_app(path)
    if fresh:
        start = time.perf_counter()
        summary = make_demo(app.db, args.households, today=today)
        print(f"register: {summary.households} households, {summary.people} people "
              f"in {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        care_summary = make_care_demo(app.db, today=today)
        subjects, visits, helpers = fill_season(app, args.subjects, args.days, today)
        print(f"care: {subjects} subjects, {visits} visits, {helpers + care_summary.helpers} helpers, "
              f"{care_summary.open_episodes} open isolation episodes, {care_summary.followups} checks "
              f"in {time.perf_counter() - start:.1f} s")
    care, iso = CareBook(app.db, app.register), IsolationBook(app.db, app.register)
    for label, fn in (("visits due today by helper", lambda: care.today_by_helper(today)),
                      ("whole care list with states", lambda: care.counts(today)),
                      ("isolation follow-ups today", lambda: iso.today_list(today)),
                      ("isolation not yet checked", lambda: iso.today_list(today, unchecked_only=True))):
        first, median, cpu, result = timed(fn)
        size = sum(len(v) for v in result.values()) if isinstance(result, dict) and label.startswith("visits") \
            else (sum(result.values()) if isinstance(result, dict) else len(result))
        print(f"{label}: {size} rows, first {first:.0f} ms, median {median:.0f} ms (CPU {cpu:.0f} ms)")
    with app.db.reading() as conn:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.1f} on {os.cpu_count()} cores")
    app.close()
    print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
