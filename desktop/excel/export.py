"""Any list as a workbook a clerk can print: one function, columns + rows in, .xlsx out.

Bold frozen header with an autofilter, sensible widths, ID numbers and phones stored as text
(never 1.2E+17), A4 with the header repeated on every page, and a title row naming the
community and the date. Written in openpyxl's write-only mode: rows stream to the file, so a
season of gate logs does not have to fit in memory.
"""
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from desktop.excel.cells import put, safe_row
from desktop.masking import mask_birth_date, mask_id_number, mask_phone, mask_text
from desktop.files import (FileWriteError, atomic_write, describe_scratch_error, discard_openpyxl_temporaries,
                           require_room, require_suffix, scratch_folder, start_private_sheet)

# What a list may be written as.
LIST_KINDS = {".xlsx": "Excel工作簿，可直接打印", ".csv": "Excel、WPS都能打开"}

A4 = 9                                    # openpyxl's paperSize code for A4


@dataclass(frozen=True)
class Column:
    """A column of an exported list. ``mask`` hides what a role may not see (ID, phone)."""
    header: str
    width: float = 10
    mask: Callable[[str], str] | None = None


def id_column(header: str = "身份证号码") -> Column:
    return Column(header, 21, mask_id_number)


def birth_date_column(header: str = "出生日期") -> Column:
    """Masked to the year beside a masked ID number (``mask_birth_date``)."""
    return Column(header, 11, mask_birth_date)


def phone_column(header: str = "联系电话") -> Column:
    return Column(header, 14, mask_phone)


def _cell_text(value) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else ""
    return value


def _values(columns: Sequence[Column], masked: bool) -> Callable[[Sequence], list]:
    """A row's values as written: booleans as 是, ID numbers and phones masked when asked."""
    masks = [(i, c.mask) for i, c in enumerate(columns) if c.mask] if masked else []

    def values_of(row: Sequence) -> list:
        values = [_cell_text(v) for v in row]
        for i, mask in masks:
            if values[i]:
                values[i] = mask(str(values[i]))
        if masked:              # numbers inside notes and any other text, too
            values = [mask_text(v) for v in values]
        return values
    return values_of


def write_csv(path: Path | str, columns: Sequence[Column], rows: Iterable[Sequence], *, masked: bool = False,
              progress: Callable[[int, int], None] | None = None) -> int:
    """The list as a CSV file that Excel on Chinese Windows opens as it is: UTF-8 with a byte-
    order mark (without it Excel reads the Chinese as GBK, garbled), the header row, then the rows.
    An ID number or phone (the masked columns) ends with a tab, so Excel keeps it as text instead
    of 4.20106E+17 with its last digits lost. Text Excel would run as a formula ('=', '+', '-',
    '@' first) gets a leading apostrophe: a CSV cell has no "text" style to keep it inert.
    Written under a temporary name and renamed, like a workbook."""
    import csv
    from desktop.excel.cells import looks_like_formula
    text_columns = [i for i, c in enumerate(columns) if c.mask]
    values_of = _values(columns, masked)
    count = 0
    with atomic_write(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow([c.header for c in columns])
            for row in rows:
                values = ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in values_of(row)]
                for i in text_columns:
                    if values[i] != "":
                        values[i] = f"{values[i]}\t"
                out.writerow(["'" + v if looks_like_formula(v) else v for v in values])
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count, 0)
    return count


#: The least a workbook takes on disk (an empty list: about 5 KB), and the least a row of a list
#: adds to it, compressed (the demo's lists: 29 bytes a row for the audit, 43 for the gate log,
#: 86 for the register): a stick with less room than that for the rows so far is full.
BOOK_BYTES, ROW_BYTES = 8 << 10, 16


def write_list(path: Path | str, title: str, columns: Sequence[Column], rows: Iterable[Sequence], *,
               community: str = "", on: date | None = None, until: date | None = None, masked: bool = False,
               sheet_name: str = "名单", progress: Callable[[int, int], None] | None = None,
               at_least: int = 0) -> int:
    """Write one list; returns the number of data rows. ``masked`` masks ID numbers and phones,
    in their columns and wherever else they are written (notes). No cell is ever a formula.
    ``progress(rows, 0)`` is called every 1,000 rows (it may raise to stop: nothing is written).
    A ``path`` ending in .csv gets a CSV file Excel opens (``write_csv``), not a workbook.

    The workbook is written out at its end: a disk too full for it is said at the start, or as
    soon as the rows so far cannot fit (``require_room``), not after the whole list (the demo's
    audit: 855,000 rows, minutes). ``at_least``: rows the list is known to hold, counted before
    (the audit's ``lines_at_least``): a stick without room for that many is said before the first
    row, with the sizes; a count that is not sure is 0, and never refuses a stick that may do."""
    require_suffix(path, LIST_KINDS, "导出为")
    require_room(path, BOOK_BYTES)
    if at_least:
        require_room(path, BOOK_BYTES + at_least * ROW_BYTES, ahead=True)
    if Path(path).suffix.lower() == ".csv":
        return write_csv(path, columns, rows, masked=masked, progress=progress)
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet_name[:31])
    for i, col in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A3"
    last = get_column_letter(len(columns))
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if sum(c.width for c in columns) > 110 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    on = on or date.today()
    # A list of several days says so: the week's duty hours were headed with their first day alone.
    days = f"{on.year}年{on.month}月{on.day}日" + (f"至{until.year}年{until.month}月{until.day}日"
                                                if until and until != on else "")
    heading = put(WriteOnlyCell(ws), f"{community}{title}（{days}）"
                            + ("（已隐去证件号码和电话）" if masked else ""))
    heading.font = Font(bold=True, size=14)
    start_private_sheet(ws)
    ws.append([heading])
    thin = Side(style="thin", color="808080")
    header_cells = []
    for col in columns:
        c = put(WriteOnlyCell(ws), col.header)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header_cells.append(c)
    ws.append(header_cells)
    values_of = _values(columns, masked)
    count = 0
    try:
        for row in rows:
            try:
                ws.append(safe_row(ws, values_of(row)))
            except OSError as exc:      # the sheet's scratch file (files.scratch_folder), not the target
                raise FileWriteError(describe_scratch_error(exc, scratch_folder(), Path(path)), Path(path), exc) from exc
            count += 1
            if count % 1000 == 0:
                require_room(path, BOOK_BYTES + count * ROW_BYTES)
                if progress is not None:
                    progress(count, 0)
        ws.auto_filter.ref = f"A2:{last}{count + 2}"
        with atomic_write(path) as tmp:
            book.save(tmp)
    finally:
        discard_openpyxl_temporaries(book)
    return count
