"""Register figures at the scale DESIGN.md names (prints; asserts nothing).

    .venv/bin/python bench/register.py            # 14,411 and 200,000 people (about 4 minutes)
    .venv/bin/python bench/register.py --quick    # the demo community only

Prints: demo generation time for 6,514 households; search latency (median, p95, max over 200
varied queries: names, name fragments, pinyin initials, ID and phone fragments, addresses) at
the demo community (≈14,400 people) and at a street office (≈200,000 people); start-up time
from launching `menshen` to a shown window on the demo community; peak memory.
"""
import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app import open_app                      # noqa: E402
from desktop.demo import make_demo_database          # noqa: E402
from desktop.search import search_people             # noqa: E402

STREET_OFFICE_HOUSEHOLDS = 90_000                    # ≈ 200,000 people: 14 communities


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def queries(db, count: int = 200, seed: int = 1) -> list[str]:
    """What clerks type, drawn from the register itself so every kind of query has answers."""
    rng = random.Random(seed)
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT p.full_name, p.name_initials, p.id_number, p.phone, b.number, u.number, h.room, c.name"
            " FROM person p JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
            " JOIN household h ON h.id = m.household_id JOIN compound c ON c.id = h.compound_id"
            " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
            " WHERE p.is_deleted = 0 ORDER BY p.rowid").fetchall()
    picks = [rows[rng.randrange(len(rows))] for _ in range(count)]
    out = []
    for i, (name, initials, number, phone, building, unit, room, compound) in enumerate(picks):
        kind = i % 10
        if kind == 0:
            out.append(name)                                  # 张秀英
        elif kind == 1:
            out.append(name[:2])                              # 张秀: the two-character case
        elif kind == 2:
            out.append(name[-2:])                             # 秀英
        elif kind == 3:
            out.append(initials.split()[0])                   # zxy
        elif kind == 4:
            out.append(number[-6:])                           # ID tail
        elif kind == 5:
            out.append(number[6:14])                          # a birth date inside the ID
        elif kind == 6:
            out.append((phone or number)[-4:])                # last four of a phone
        elif kind == 7 and building and unit and room:
            out.append(f"{building}-{unit}-{room}")           # 3-2-501
        elif kind == 8 and building and room:
            out.append(f"{building}栋{unit + '单元' if unit else ''}{room}")
        else:
            out.append(f"{compound[:3]} {name[0]}")               # 幸福里 张
    return out


def measure_search(db, label: str) -> None:
    qs = queries(db)
    search_people(db, qs[0])                                 # warm the page cache
    times, hits = [], 0
    for q in qs:
        t = time.perf_counter()
        found = search_people(db, q)
        times.append((time.perf_counter() - t) * 1000)
        hits += bool(found)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"search at {label}: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
          f"max {times[-1]:.2f} ms over {len(qs)} queries ({hits} with answers)")


def measure_startup(db_path: Path, runs: int = 3) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MENSHEN_REPORT_SHOWN="1",
               MENSHEN_HOME=str(db_path.parent / "home"))
    figures = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db_path)], cwd=ROOT,
                             env=env, capture_output=True, text=True, check=True).stdout
        shown = float(out.split("shown at ")[1].split()[0])
        figures.append(shown - start)
    print(f"start-up to a shown window (demo community): median {statistics.median(figures):.2f} s "
          f"over {runs} runs (min {min(figures):.2f} s); window process peak memory "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 200,000-people street office")
    parser.add_argument("--street", type=Path, help="an existing street-office database to search "
                        "(made before with `menshen demo --households 90000`) instead of making one")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="menshen-bench-"))
    os.environ["MENSHEN_HOME"] = str(folder / "home")

    start = time.perf_counter()
    summary = make_demo_database(folder / "demo.db")
    print(f"demo generation: {summary.households} households, {summary.people} people in "
          f"{time.perf_counter() - start:.1f} s (peak memory so far {peak_mb():.0f} MB)")
    app = open_app(folder / "demo.db")
    measure_search(app.db, f"{summary.people:,} people")
    app.close()
    measure_startup(folder / "demo.db")

    if not args.quick:
        street = args.street or folder / "street.db"
        if not args.street:
            start = time.perf_counter()
            big = make_demo_database(street, households=STREET_OFFICE_HOUSEHOLDS)
            print(f"street office generation: {big.households} households, {big.people} people in "
                  f"{time.perf_counter() - start:.1f} s")
        app = open_app(street)
        people = app.register.totals()["people"]
        measure_search(app.db, f"{people:,} people")
        app.close()
    print(f"peak memory of this process: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
