"""A canvass of the demo community (6,514 households) typed from the printed sheets.

    .venv/bin/python bench/canvass.py [--households 6514] [--db PATH] [--seed 5]

Makes the demo community, starts a round over all of it (its roll: one coded row per
household), then types every household's line through the same KeyEntry the canvass page
uses, in code order, from a made-up set of sheets: most households visited with nothing to
report (``1``), some nobody home (``2``), refused (``3``), moved out (``4``), and some visited
with one person answering yes (``1 2f``); a few lines start with a code to jump back and
correct a household. Prints keys per household (Enter included), the time per line (median,
p95) and the lists the page reloads once typing pauses (roll, progress, answers that matter).
Beside it, the bare floor: the same results written as one UPDATE per household. Prints
figures; never imported by tests. Timings on a shared machine vary.
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.app import open_app  # noqa: E402
from desktop.canvass.entry import KeyEntry  # noqa: E402
from desktop.canvass.rounds import CanvassBook  # noqa: E402
from desktop.demo import make_demo_database  # noqa: E402

TODAY = date.today()
LETTERS = "fcakn"


def sheet_lines(book: CanvassBook, round_id: str, rng: random.Random) -> list[str]:
    """What the canvassers wrote, as the clerk types it, household by household."""
    lines = []
    for row in book.roll(round_id):
        p = rng.random()
        if p < 0.75:
            line = "1"
        elif p < 0.87:
            line = "2"
        elif p < 0.90:
            line = "3"
        elif p < 0.91:
            line = "4"
        else:
            members = max(row.member_count, 1)
            who = rng.randint(1, members)
            flags = "".join(rng.sample(LETTERS, rng.choice((1, 1, 1, 2))))
            line = f"1 {flags}" if members == 1 else f"1 {who}{flags}"
        lines.append(line)
        if rng.random() < 0.01:                 # the clerk notices a slip and goes back to it
            lines.append(f"{row.code:03d} {line}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=6514)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="menshen-canvass-")) / "demo.db"
    if not path.exists():
        start = time.perf_counter()
        make_demo_database(path, households=args.households, seed=7, days=1)
        print(f"demo community made in {time.perf_counter() - start:.1f} s -> {path}")
    app = open_app(path, user_name="bench")
    book = CanvassBook(app.db, app.register)
    start = time.perf_counter()
    rnd = book.create_round(f"摸排{time.strftime('%H%M%S')}", TODAY)
    print(f"round made: {rnd.households} households coded in {time.perf_counter() - start:.2f} s")
    lines = sheet_lines(book, rnd.id, random.Random(args.seed))
    entry = KeyEntry(book, rnd.id, TODAY, canvasser_name="刘网格")
    times = []
    for line in lines:
        t0 = time.perf_counter()
        entry.type_line(line)
        times.append((time.perf_counter() - t0) * 1000)
    overall = book.overall(rnd.id, TODAY)
    keys_per = entry.keys / rnd.households
    print(f"typed {len(lines)} lines for {rnd.households} households: {entry.keys} keys, "
          f"{keys_per:.2f} keys per household (Enter included)")
    print(f"  results: visited {overall.visited}, nobody home {overall.nobody_home}, refused {overall.refused}, "
          f"moved out {overall.moved_out}, not yet {overall.not_reached}")
    times.sort()
    print(f"  per line: median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms, "
          f"total {sum(times) / 1000:.1f} s")
    print(f"  at 1 s per key a clerk types the community in {entry.keys / 3600:.1f} h "
          f"(the program's share: {sum(times) / 1000 / 60:.1f} min)")
    for name, fn in (("roll, not reached first", lambda: book.roll(rnd.id, unreached_first=True)),
                     ("progress by building", lambda: book.progress(rnd.id, "building", TODAY)),
                     ("progress by grid", lambda: book.progress(rnd.id, "grid", TODAY)),
                     ("answers that matter", lambda: book.flagged(rnd.id))):
        t0 = time.perf_counter()
        fn()
        print(f"  page list {name}: {(time.perf_counter() - t0) * 1000:.0f} ms")
    # The floor: the same number of results as bare UPDATEs, one transaction each.
    conn = app.db.conn
    rows = [r[0] for r in conn.execute("SELECT id FROM canvass_result WHERE round_id = ?", (rnd.id,))]
    t0 = time.perf_counter()
    for rid in rows:
        with app.db.transaction():
            conn.execute("UPDATE canvass_result SET note = 'x' WHERE id = ?", (rid,))
    floor = (time.perf_counter() - t0) * 1000 / len(rows)
    print(f"  bare floor: one UPDATE per household in its own transaction (with change capture) {floor:.1f} ms")
    app.close()


if __name__ == "__main__":
    main()
