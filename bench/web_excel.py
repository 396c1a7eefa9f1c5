"""Reading a web system's "xls" that is an HTML table inside, beside the .xlsx of the same rows.

    .venv/bin/python bench/web_excel.py [--rows 100000]

Makes bench/excel.py's register ledger as .xlsx, writes its rows as the HTML table a web system
exports (a page named .xls), then prints: the bare calamine read of the .xlsx, Menshen's read of
the page (the regular-expression scanner, desktop/excel/webbook.py) and the same page through
html.parser only, and whether the two reads are identical. Figures from a shared machine: rough.
"""
import argparse
import html
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_page(rows: list, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
                '<body><table border="1">\n')
        for row in rows:
            cells = "".join(f"<td>{html.escape(str(v))}</td>" if v != "" else "<td></td>" for v in row)
            f.write(f"<tr>{cells}</tr>\n")
        f.write("</table></body></html>\n")


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    import python_calamine
    from bench.excel import make_ledger
    from desktop.excel import webbook
    with tempfile.TemporaryDirectory() as tmp:
        book, page = Path(tmp) / "ledger.xlsx", Path(tmp) / "系统导出.xls"
        make_ledger(book, args.rows)
        took, rows = timed(lambda: python_calamine.CalamineWorkbook.from_path(str(book))
                           .get_sheet_by_index(0).to_python(skip_empty_area=False))
        write_page(rows, page)
        print(f"{args.rows:,} rows; page {page.stat().st_size / 1e6:.1f} MB")
        print(f"xlsx, bare calamine read        {took:6.2f} s")
        fast_s, fast = timed(lambda: webbook.read_html(page))
        slow_s, slow = timed(lambda: webbook.read_html(page, fast=False))
        print(f"page, Menshen (scanner)         {fast_s:6.2f} s")
        print(f"page, html.parser only          {slow_s:6.2f} s")
        print(f"identical                       {fast == slow}")


if __name__ == "__main__":
    main()
