"""Benchmark of paper (打印): figures, not a test.

1. One letter per household for every household of the demo community (6,514), set with
   Chinese line breaking and justification after GB/T 9704, against a bare reportlab loop that
   draws the same text (same fonts, same pages, same compression) with one drawString per
   line and no layout: the ratio is what Menshen's layout costs. Target: under 30 s, within 1.5×.
2. Pass sheets for every person of the demo community (≈14,411), 8 a page, each with its QR
   drawn as one path. Target: under 30 s.
3. The household sheet (一户一档) of every household, one page each, through the same entry
   point as ``menshen print household-sheet``: its pages per second beside the letters'.
   The same engine should give about the same rate (issue 13: 6,514 sheets took 80 s where the
   letters took 10 s; the members were looked up one household at a time).

Run: .venv/bin/python bench/paper.py [--households N] [--parts letters,passes,households]
"""
import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.units import mm                                  # noqa: E402
from reportlab.pdfgen.canvas import Canvas                          # noqa: E402

from desktop.app import open_app                                    # noqa: E402
from desktop.demo import make_demo_database                         # noqa: E402
from desktop.printing import notice, passes, sources                # noqa: E402
from desktop.printing.catalogue import office_of                    # noqa: E402
from desktop.printing.fonts import HEI, SONG, register_fonts        # noqa: E402
from desktop.printing.pages import NOTICE_A4                        # noqa: E402
from desktop.printing.records import PassCard                       # noqa: E402
from desktop.printing.templates import BUILT_IN                     # noqa: E402


def bare_loop(path: Path, letters: list[list[str]], title_lines: list[str]) -> int:
    """The same text on one page per letter, one drawString per line, no layout at all."""
    t = NOTICE_A4
    c = Canvas(str(path), pagesize=t.size, pageCompression=1, initialFontName=SONG)
    for title, lines in zip(title_lines, letters):
        c.setFont(HEI, 22)
        c.drawCentredString(t.left + t.measure / 2, t.block_top - 22, title)
        y = t.block_top - 80
        c.setFont(SONG, 16)
        for line in lines:
            c.drawString(t.left, y, line)
            y -= 225 * mm / 22
        c.showPage()
    c.save()
    return len(letters)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=6514)
    parser.add_argument("--parts", default="letters,passes,households")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    register_fonts()
    work = Path(tempfile.mkdtemp(prefix="menshen-bench-paper-"))
    start = time.perf_counter()
    make_demo_database(work / "demo.db", households=args.households)
    print(f"demo community made in {time.perf_counter() - start:.1f} s")
    app = open_app(work / "demo.db")
    office = office_of(app.register)
    day = date(2020, 2, 10)
    letter = next(t for t in BUILT_IN if t.kind == "letter")

    start = time.perf_counter()
    records = sources.merge_records(app.register)
    t_records = time.perf_counter() - start

    # The text each letter carries, for the bare loop: Menshen's own lines (so both draw the
    # same characters), but drawn without justification or any layout work.
    texts, titles = [], []
    for r in records:
        values = notice.merge_values(r, day)
        titles.append(notice.fill(letter.title, values))
        body = notice.fill(letter.salutation + "\n" + letter.body, values)
        lines = [ln.text for ln in notice.break_text(body, SONG, 16, NOTICE_A4.measure)]
        texts.append(lines + ["", "", office.name, notice.chinese_date(day)])

    if "households" in parts:
        from desktop.printing.catalogue import PrintRequest, print_form
        start, cpu = time.perf_counter(), time.process_time()
        sheets = print_form(app.register, PrintRequest("household-sheet", day=day), work / "households.pdf")
        th, th_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"household sheets: {sheets.items} households, {sheets.pages} pages in {th:.2f} s "
              f"({sheets.pages / th:.0f} pages/s, {th_cpu:.1f} s of CPU; the letters' rate is below)")
    if "letters" not in parts and "passes" not in parts:
        app.close()
        return

    # Alternate the two runs so neither gets a warmer machine.
    t_menshen, t_bare = [], []
    for _ in range(2):
        start = time.perf_counter()
        printed = notice.print_notices(work / "letters.pdf", letter, records, office, day)
        t_menshen.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_pages = bare_loop(work / "bare.pdf", texts, titles)
        t_bare.append(time.perf_counter() - start)
    tm, tb = min(t_menshen), min(t_bare)
    size = (work / "letters.pdf").stat().st_size
    bare_size = (work / "bare.pdf").stat().st_size
    print(f"letters: {printed.items} households, {printed.pages} pages in {tm:.2f} s "
          f"({printed.pages / tm:.0f} pages/s); household query {t_records:.2f} s")
    print(f"bare reportlab loop, same text: {bare_pages} pages in {tb:.2f} s -> ratio {tm / tb:.2f}x "
          f"(target <= 1.5x, under 30 s)")
    print(f"PDF size: {size / 1e6:.1f} MB ({size / printed.pages / 1024:.1f} KB/page); "
          f"bare loop {bare_size / 1e6:.1f} MB")

    if "passes" not in parts:
        app.close()
        return
    people = app.register.people_in(None, limit=10 ** 6)
    cards = [PassCard(f"P{i:06d}", p.full_name, p.address, day.isoformat(),
                      (day + timedelta(days=30)).isoformat(), f"MS1:P{i:06d}:{p.id[-12:]}",
                      p.address.split(" ")[0]) for i, p in enumerate(people)]
    start, cpu = time.perf_counter(), time.process_time()
    printed = passes.print_passes(work / "passes.pdf", cards, office)
    tp, tp_cpu = time.perf_counter() - start, time.process_time() - cpu
    size = (work / "passes.pdf").stat().st_size
    print(f"passes: {printed.items} people, {printed.pages} pages (8 a page, QR each) in {tp:.2f} s "
          f"({printed.pages / tp:.0f} pages/s, target under 30 s; {tp_cpu:.1f} s of CPU); PDF {size / 1e6:.1f} MB")
    app.close()
    print(f"files in {work}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(other work on the machine slows every figure alike)")


if __name__ == "__main__":
    main()
