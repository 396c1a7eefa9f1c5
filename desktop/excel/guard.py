"""Refusing a workbook no ledger could be, before reading it (a "zip bomb": a 3 MB file that
unpacks to gigabytes ran 15 minutes and took 7.8 GB of memory).

An .xlsx is a zip of XML files. Before any reading, the sizes the zip declares for its parts
must add up to at most ``MAX_UNPACKED_BYTES`` and no sheet may declare (``<dimension>``) more
rows than Excel itself allows. A zip whose declared sizes lie is stopped while reading: the
reader (calamine's zip) refuses a part that inflates beyond its declared size at once, and the
rows read are counted against ``MAX_ROWS`` again.
"""
import re
import zipfile
from pathlib import Path

from desktop.errors import InputError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_048_576            # Excel's own limit; no ledger comes near it
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension[^>]*\bref="[A-Z]*\d*:?[A-Z]*(\d+)"')


def too_big(what: str) -> InputError:
    return InputError("file", f"这个文件{what}，比任何台账都大得多，可能已损坏或不是正常的台账，没有导入。"
                              "请检查文件；如果确实是台账，请分成几个较小的文件再导入。")


def check_package(path: Path) -> None:
    """Raise InputError if the file declares more than a ledger could hold."""
    if not zipfile.is_zipfile(path):
        if path.stat().st_size > MAX_UNPACKED_BYTES:       # .xls, .csv: not packed at all
            raise too_big(f"有 {path.stat().st_size // (1024 * 1024)} MB")
        return
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise too_big(f"解压后有 {unpacked // (1024 * 1024)} MB（上限 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB）")
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    with z.open(part) as f:
                        head = f.read(4096)         # the dimension comes first; inflating stops here
                    m = _DIMENSION.search(head)
                    if m and int(m.group(1)) > MAX_ROWS:
                        raise too_big(f"声明有 {int(m.group(1)):,} 行（上限 {MAX_ROWS:,} 行）")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError("file", "无法打开这个Excel文件（文件已损坏）。请在Excel中打开并另存为.xlsx后再试。") from exc


def check_rows(count: int) -> None:
    if count > MAX_ROWS:
        raise too_big(f"有 {count:,} 行（上限 {MAX_ROWS:,} 行）")
