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
from desktop.files import describe_os_error

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_048_576            # Excel's own limit; no ledger comes near it
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension[^>]*\bref="\$?([A-Z]*)\$?(\d*):?\$?([A-Z]*)\$?(\d*)"')
# The reader holds a sheet as the full rectangle from A1 to its last cell: one stray cell at
# XFD1048576 (Excel's last) is 17 billion cells, and the reader aborts the process asking for
# 550 GB. A ledger of a million rows by 20 columns is 20 million.
MAX_CELLS = 20_000_000


def where(name: str = "", sheet: str = "") -> str:
    """What a refusal is about: the file by ``name`` and its ``sheet`` where they are known, so a
    clerk importing several files (or a workbook of many sheets) knows which was refused."""
    place = f"文件“{name}”" if name else "这个文件"
    return f"{place}的工作表“{sheet}”" if sheet else place


def too_big(what: str, name: str = "", sheet: str = "") -> InputError:
    return InputError("file", f"{where(name, sheet)}{what}，比任何台账都大得多，可能已损坏或不是正常的台账，没有导入。"
                              "请检查文件；如果确实是台账，请分成几个较小的文件再导入。")


def check_not_empty(path: Path) -> None:
    """A file of 0 bytes was never written whole (saved while the disk was full, a copy cut
    short, a stick pulled out too early): say that, not "cannot open, damaged", which sends the
    clerk to re-save in Excel a file that holds nothing."""
    if path.is_file() and path.stat().st_size == 0:
        raise InputError("file", f"文件“{path.name}”是空的（0字节），里面什么也没有，没有导入。可能是保存时没有保存完，"
                                 "或者复制时没有复制完整（例如U盘拔得太早）。请在原来的电脑上重新保存或重新复制这个文件，"
                                 "然后再导入。")


CHOOSE = "请选择Excel台账（.xlsx、.xls）或CSV文件。"
SAVE_AS = "点“文件→另存为”，文件类型选“Excel 工作簿(*.xlsx)”，再导入另存的文件。"
RESAVE = f"请用Excel（或WPS）打开它，{SAVE_AS}"
# The same messages for a street report's form (desktop/excel/template.py): the file is chosen
# again as the form, not imported; a form is an .xlsx only.
# The longer pieces first: guard's sizes and the program's own files speak of a ledger.
_AS_TEMPLATE = (("不是台账，没有导入", "不能用作报表模板"),
                ("比任何台账都大得多，可能已损坏或不是正常的台账，没有导入", "比任何报表模板都大得多，可能已损坏，不能用作报表模板"),
                ("如果确实是台账，请分成几个较小的文件再导入", "如果它确实是街道下发的模板，请向街道要一份新的"),
                ("没有导入", "不能用作报表模板"), ("再导入", "再选"), (CHOOSE, "请选择街道下发的报表模板（.xlsx）。"))


def as_template(error: InputError) -> InputError:
    """``error`` said of a report form chosen to fill (desktop/excel/template.py), not of a
    ledger to import: the form is chosen again, nothing is imported."""
    for ledger, form in _AS_TEMPLATE:
        error.message = error.message.replace(ledger, form)
        error.command = error.command.replace(ledger, form)
    error.field = "template"
    return error


def check_package(path: Path, *, template: bool = False) -> None:
    """Raise InputError if the file is empty or declares more than a ledger could hold; with
    ``template``, said of a report form chosen to fill (desktop/excel/template.py)."""
    try:
        _check_package(path)
    except InputError as error:
        if not template:
            raise
        raise as_template(error) from error.__cause__


def _check_package(path: Path) -> None:
    """``check_package`` in a ledger's words."""
    check_not_empty(path)
    if not zipfile.is_zipfile(path):
        if path.stat().st_size > MAX_UNPACKED_BYTES:       # .xls, .csv: not packed at all
            raise too_big(f"有 {path.stat().st_size // (1024 * 1024)} MB", path.name)
        return
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
            unpacked = sum(p.file_size for p in parts)
            if unpacked > MAX_UNPACKED_BYTES:
                raise too_big(f"解压后有 {unpacked // (1024 * 1024)} MB（上限 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB）", path.name)
            sheets = None
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    if sheets is None:              # a refusal names the sheet as Excel shows it
                        sheets = {p: s for s, p in sheet_parts(z, most=_MOST_BOOK_BYTES).items()}
                    sheet = sheets.get(part.filename, "")
                    with z.open(part) as f:
                        head = f.read(4096)         # the dimension comes first
                        m = _DIMENSION.search(head)
                        if m:
                            _check_extent(*(g.decode("ascii") for g in m.groups()), name=path.name, sheet=sheet)
                        # A sheet may declare no extent (openpyxl's write-only mode, some web
                        # systems) or a false one: the cells say how far it really reaches.
                        _check_cells_reach(f, head, path.name, sheet)
    except OSError as exc:
        if exc.errno is None:
            raise _damaged() from exc
        # A stick pulled while the file is looked through, or Excel holding it: no damaged file.
        raise InputError("file", describe_os_error(exc, path, reading=True)) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _damaged() from exc


# The workbook's list of sheets, read before the guard has looked at the sheets: a real one of
# a thousand sheets is about 100 KB; a bigger one is not read for names.
_MOST_BOOK_BYTES = 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_parts(z: zipfile.ZipFile, most: int | None = None) -> dict[str, str]:
    """Sheet name -> its part in the zip ('xl/worksheets/sheet1.xml'), from the workbook's own
    list; {} when there is none, or (``most``) it or its links declare more bytes than that."""
    import posixpath
    import xml.etree.ElementTree as ET
    book_part, rels_part = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
    try:
        if most is not None and max(z.getinfo(book_part).file_size, z.getinfo(rels_part).file_size) > most:
            return {}
        book = ET.fromstring(z.read(book_part))
        rels = ET.fromstring(z.read(rels_part))
    except (KeyError, ET.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    parts = {}
    for el in book.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        if target:
            parts[el.get("name", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
    return parts


def _damaged() -> InputError:
    return InputError("file", "无法打开这个Excel文件（文件已损坏）。请在Excel中打开并另存为.xlsx后再试。")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _check_extent(first_col: str, first_row: str, last_col: str, last_row: str, name: str = "",
                  sheet: str = "") -> None:
    """A sheet's declared extent ('A1:XFD1048576'): refused beyond MAX_ROWS rows or MAX_CELLS cells."""
    col, row = (last_col, last_row) if last_row else (first_col, first_row)
    rows, cols = int(row or 0), _column_number(col or "A")
    if rows > MAX_ROWS:
        raise too_big(f"声明有 {rows:,} 行（上限 {MAX_ROWS:,} 行）", name, sheet)
    check_reach(rows, cols, name, sheet)


MAX_COLUMNS = 16_384            # Excel's own limit (XFD)


def check_reach(rows: int, cols: int, name: str = "", sheet: str = "") -> None:
    """Refuse a sheet reaching ``cols`` columns and ``rows`` rows beyond MAX_COLUMNS or
    MAX_CELLS (the reader would hold the whole rectangle); ``name``, ``sheet``: as ``where``."""
    if cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        from openpyxl.utils import get_column_letter
        col = get_column_letter(cols) if cols <= MAX_COLUMNS else f"{cols:,}"
        which = f"{where(name, sheet)}的内容" if sheet else f"{f'文件“{name}”里' if name else ''}有一张工作表的内容"
        raise InputError("file", f"{which}一直延伸到第 {col} 列、第 {rows:,} 行（{rows * cols:,} 个格子），"
                                 "台账不会这么大：多半是表格外很远的地方有一个误输入的格子或格式。请在Excel中按 Ctrl+End "
                                 "找到最后一个格子，删除表格右边和下面多余的行和列，保存后再导入。")


# A row's number and a cell beyond column Z (AA1, XFD7) with its row. Both start with a literal,
# so a piece is searched at memchr speed.
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_WIDE_REF = re.compile(rb' r=["\']([A-Z]{2,3})([0-9]+)')


def _check_cells_reach(f, head: bytes, name: str = "", sheet: str = "") -> None:
    """Refuse a sheet whose cells reach beyond MAX_ROWS or MAX_CELLS, whatever its <dimension>
    says (``head``: the part's first bytes, already read; ``f``: the rest). The last row is
    that of the last numbered row of each piece (rows are written in order), or the count of
    rows when that is more; the last column is the furthest cell beyond column Z, rare in a
    ledger: a sheet within Z is at most 26 columns by MAX_ROWS rows, which the reader holds.
    One inflate of the part, two searches and a count a megabyte (0.2 s for the 68 MB sheet
    of a 100,000-row ledger)."""
    rows = cols = tags = 0
    tail, chunk = b"", head
    while chunk:
        # Rows need no number ('<row>'): then they are counted. A 443 KB file of 7 million tiny
        # rows took 21 s and 1.1 GB before the rows read were counted.
        seam = tail + chunk[:32]                          # a tag cut between two pieces too
        tags += chunk.count(b"<row") + seam.count(b"<row") - tail.count(b"<row") - chunk[:32].count(b"<row")
        rows = max(rows, tags)
        for piece in (seam, chunk):
            if (at := piece.rfind(b'<row r="')) >= 0 and (m := _ROW_NUMBER.match(piece, at)):
                rows = max(rows, int(m.group(1)))
            if _WIDE_REF.search(piece):
                for letters, row in _WIDE_REF.findall(piece):
                    cols = max(cols, _column_number(letters.decode("ascii")))
                    rows = max(rows, int(row))
        tail, chunk = chunk[-32:], f.read(1 << 20)
    check_rows(rows, name, sheet)                # refused before the reader holds a row of it
    if cols:
        from openpyxl.utils import get_column_letter
        _check_extent("", "", get_column_letter(cols), str(rows), name, sheet)


def check_rows(count: int, name: str = "", sheet: str = "") -> None:
    """Refuse a sheet of more than MAX_ROWS rows; ``name``, ``sheet``: as ``where``."""
    if count > MAX_ROWS:
        raise too_big(f"有 {count:,} 行（上限 {MAX_ROWS:,} 行）", name, sheet)
