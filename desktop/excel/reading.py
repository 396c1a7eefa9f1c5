"""Reading a ledger file into plain rows of cells, whatever it was saved as.

.xlsx and .xls go through python-calamine (about ten times faster than openpyxl's read-only
mode); .csv is decoded as UTF-8 when it is valid UTF-8 and as GB18030 (a superset of GBK,
what Excel on Chinese Windows writes) otherwise. Cells keep their type: str, float, int, bool,
date, datetime, time; an empty cell is ''.
"""
import csv
import errno
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.errors import InputError
from desktop.excel import guard
from desktop.excel.plan import Notice
from desktop.files import describe_os_error

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
# WPS 表格's own names (its default on many office PCs): read by content when the file is a
# workbook inside (WPS writes the .xls or .xlsx layout), else the clerk is told how to re-save it.
WPS_SUFFIXES = {".et", ".ett"}
SUFFIXES = EXCEL_SUFFIXES | WPS_SUFFIXES | {".csv", ".txt"}


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, its rows of cells, and merged ranges ((r0, c0), (r1, c1)), 0-based.
    ``hidden``: the clerk hid it in Excel (moved-out residents, an old copy, a template).
    ``hidden_rows``, ``errors`` ({row: {column: '#REF!'}}) and ``hidden_columns``: what a web
    page's or an Excel 2003 XML's reader saw of ``Unseen`` (an .xlsx's are found by ``unseen``)."""
    name: str
    rows: list[list] = field(repr=False)
    merged: tuple = ()
    hidden: bool = False
    hidden_rows: frozenset = frozenset()
    errors: dict = field(default_factory=dict, repr=False)
    hidden_columns: frozenset = frozenset()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes cleanly, otherwise GB18030 (GBK's superset).
    UTF-16 as well: Excel's 另存为 → "Unicode 文本 (*.txt)" writes UTF-16 with a byte-order mark
    (and tabs between cells); one without the mark is told by its zero bytes (digits, commas)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError("file", "无法识别这个CSV文件的编码（既不是UTF-8也不是GBK）。"
                         "请在Excel中打开后另存为“Excel工作簿(.xlsx)”再导入。") from None


def _utf16(data: bytes) -> str:
    """The UTF-16 codec that reads ``data``, or '' when it is not UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"                           # the mark says which byte order
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return ""
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > len(head) // 8 and even == 0:
        return "utf-16-le"
    if even > len(head) // 8 and odd == 0:
        return "utf-16-be"
    return ""


def _is_text(path: Path) -> bool:
    """Text a CSV reader can take: it decodes, and its first line has a separator."""
    with open(path, "rb") as f:
        head = f.read(4096)
    try:
        text = decode_text(head)
    except (InputError, UnicodeDecodeError):
        try:
            text = decode_text(head[:-3])         # the sample may cut a character in two
        except (InputError, UnicodeDecodeError):
            return False
    first = text.splitlines()[0] if text else ""
    return "\x00" not in text and any(sep in first for sep in ",\t;")


# Excel's own hint on a CSV's first line, 'sep=;': the separator, whatever the region's list
# separator is. Excel honours it and does not show the line; so do we.
_SEP_LINE = re.compile(r"sep=(.)\r?(?:\n|$)", re.IGNORECASE)


def read_csv(path: Path) -> list[Sheet]:
    text = decode_text(path.read_bytes())
    if m := _SEP_LINE.match(text):
        text = text[m.end():]

        class dialect(csv.excel):
            delimiter = m.group(1)
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return [Sheet(path.stem, rows)]


_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"       # .xlsx/.ods, and the old .xls


def _content_kind(path: Path) -> str:
    """'zip', 'ole' or 'other', from the file's first bytes: a file's name may lie (a workbook
    saved as .xls by a web system, a CSV named .xlsx)."""
    with open(path, "rb") as f:
        head = f.read(8)
    return "zip" if head.startswith(_ZIP) else "ole" if head.startswith(_OLE) else "other"


def _program_file(path: Path) -> str:
    """What a file that is no ledger is: the program's own (a register or its backup, a sync
    package) or another program's (a PDF, a .rar or .7z, named like a workbook), renamed or
    picked by mistake, so the clerk is not told to re-save it in Excel. A sync package says
    where it is imported instead: the window's page, or the command (a ``Notice``)."""
    from desktop.sync.payload import SQLITE_MAGIC
    with open(path, "rb") as f:
        head = f.read(16)
    if head == SQLITE_MAGIC:
        return "一个数据库文件（可能是门神的数据文件或它的备份）"
    if head[:2] == b"CS":                        # only then: the sync module loads the crypto library
        from desktop.sync.envelope import MAGIC
        if head.startswith(MAGIC[:-1]):
            return Notice("一个U盘同步用的同步包（在“同步”页导入）",
                          "一个U盘同步用的同步包（用 menshen sync import --from 它所在的文件夹 导入）")
    if _content_kind(path) == "other":           # not a workbook, new or old: what else it is
        from db.driver import other_kind
        if (kind := other_kind(path)) and kind != "一个文本文件":
            return kind
    return ""


def check_not_program_file(path: Path, *, template: bool = False) -> None:
    """InputError naming what the file is when it is the program's own or another program's
    (``_program_file``): never "damaged, re-save it in Excel". With ``template``, said of a
    report form chosen to fill."""
    if what := _program_file(path):
        what = Notice(what)
        error = InputError("file", f"“{path.name}”是{what}，不是台账，没有导入。{guard.CHOOSE}",
                           command=f"“{path.name}”是{what.command}，不是台账，没有导入。{guard.CHOOSE}")
        raise guard.as_template(error) if template else error


def _open_book(path: Path):
    import python_calamine
    suffix = path.suffix.lower()
    kind = _content_kind(path)
    if suffix in WPS_SUFFIXES or (kind == "zip" and suffix in {".xls", ".csv", ".txt"}) or (
            kind == "ole" and suffix in {".xlsx", ".xlsm", ".xlsb", ".ods", ".csv", ".txt"}):
        with open(path, "rb") as f:               # named as the other kind: read by content
            return python_calamine.CalamineWorkbook.from_filelike(f)
    return python_calamine.CalamineWorkbook.from_path(str(path))


_WPS_RESAVE = ("请在WPS中打开它，点“文件→另存为”，文件类型选“Excel 工作簿(*.xlsx)”，"
               "再导入另存的文件。")


# The stream of a workbook with a password to open, in its compound file's directory.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS, _RESAVE = guard.SAVE_AS, guard.RESAVE


def _has_password(path: Path, exc: Exception | None) -> bool:
    """Whether the workbook has a password to open. Excel and WPS then save it, whatever its name
    (.xlsx, .et), as a compound file holding the encrypted package; an old .xls keeps its
    layout, and calamine says so (PasswordError)."""
    if type(exc).__name__ == "PasswordError":
        return True
    if _content_kind(path) != "ole":
        return False
    with open(path, "rb") as f:
        tail = b""
        while chunk := f.read(1 << 20):
            if _ENCRYPTED in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED):]
    return False


def _not_a_workbook(path: Path) -> str:
    """What a file the reader cannot open is, when it plainly is no workbook: another Office
    file or a zip, a web page or text saved under a workbook's name; '' when it may be a
    damaged workbook."""
    kind = _content_kind(path)
    if kind == "zip":
        import zipfile
        try:
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
        except (zipfile.BadZipFile, OSError):
            return ""                              # cut short: a damaged workbook, maybe
        if any(n.startswith("xl/") for n in names) or "content.xml" in names:
            return ""                              # a workbook (or .ods) the reader cannot take
        return ("一个Word文档" if any(n.startswith("word/") for n in names) else
                "一个PowerPoint演示文稿" if any(n.startswith("ppt/") for n in names) else "一个压缩包（.zip）")
    if kind == "other":
        with open(path, "rb") as f:
            head = f.read(4096)
        low = head.lower()
        if utf16 := _utf16(head):                  # a page saved as "Unicode" (UTF-16)
            low = head.decode(utf16, "ignore").encode("utf-8").lower()
        # Before the page: the XML workbook has <Table> elements too.
        if b"urn:schemas-microsoft-com:office:spreadsheet" in low and b"<workbook" in low:
            return "xml"
        if b"<html" in low or b"<table" in low or low.startswith(b"mime-version"):     # .mht: a page in one file
            return "web"
        if _is_text(path) or not any(b < 9 for b in head):
            return "一个文本文件"
    return ""


def _unopened(path: Path, exc: Exception | None, *, template: bool = False) -> InputError:
    """What to tell the clerk when the reader cannot open a file: a password to open, a web page
    named .xls, another kind of file, WPS's own format, or a damaged workbook; never the
    reader's error class (CalamineError, ZipError), which sent clerks looking for a password.
    With ``template``, said of a report form chosen to fill rather than a ledger to import."""
    error = _unopened_ledger(path, exc)
    return guard.as_template(error) if template else error


def _unopened_ledger(path: Path, exc: Exception | None) -> InputError:
    name = path.name
    if _has_password(path, exc):
        return InputError("file", f"“{name}”设置了打开密码，门神打不开加了密码的文件，没有导入。请在Excel中打开它"
                                  "（输入密码），点“文件→信息→保护工作簿→用密码进行加密”，把密码删掉后保存；WPS里是"
                                  "“文件→文档加密→密码加密”，清空打开密码后保存。然后再导入这个文件。")
    what = _not_a_workbook(path)
    if what == "web":
        return InputError("file", f"“{name}”其实是网页（HTML）格式的表格，只是文件名是{path.suffix}"
                                  f"（有的系统导出的“Excel”就是这样），门神读不了。{_RESAVE}")
    if what == "xml":
        return InputError("file", f"“{name}”是Excel 2003的XML表格格式，门神读不了。{_RESAVE}")
    if what:
        return InputError("file", f"“{name}”里面是{what}，不是Excel工作簿（可能是别的文件改了扩展名），没有导入。{guard.CHOOSE}")
    if path.suffix.lower() in WPS_SUFFIXES:
        return InputError("file", f"“{name}”是WPS表格自己的格式，门神读不了。{_WPS_RESAVE}")
    return InputError("file", f"打不开“{name}”：文件已损坏，或者不是Excel文件，没有导入。如果它在Excel或WPS里"
                              f"能打开，请在那里{_SAVE_AS}")


def read_excel(path: Path) -> list[Sheet]:
    import python_calamine
    try:
        book = _open_book(path)
    except Exception as exc:                      # calamine raises its own error kinds
        if _is_locked(exc):
            raise locked(path) from exc
        if isinstance(exc, OSError) and exc.errno in NOT_READ:
            raise unread(exc, path) from exc      # a stick pulled: not a damaged file
        raise _unopened(path, exc) from exc
    sheets = []
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue                               # a chart sheet has no cells
        try:
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:                  # e.g. a part larger than the zip declared
            raise InputError("file", f"无法读取工作表“{meta.name}”：文件可能已损坏，没有导入。如果它在Excel或WPS里"
                                     f"能打开，请在那里{_SAVE_AS}") from exc
        guard.check_rows(len(rows), path.name, meta.name)
        merged = tuple(getattr(sheet, "merged_cell_ranges", None) or ())
        sheets.append(Sheet(meta.name, rows, merged, meta.visible != python_calamine.SheetVisibleEnum.Visible))
    return sheets


# A cell holding a formula, with what follows it: its saved result, if any. The formula text has
# no '<' (XML escapes it); a namespace prefix ('x:c') is allowed, as some writers use one.
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*'
                           rb'(<(?:\w+:)?v\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?v>))?')
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
# A row the clerk hid in Excel: <row r="7" hidden="1" …>.
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b(?=[^>]*\bhidden="(?:1|true)")[^>]*?\br="([0-9]+)"')
# A column range the clerk hid: <col min="6" max="6" width="9" hidden="1"/> (in any order).
_HIDDEN_COLS = re.compile(rb'<(?:\w+:)?col\b(?=[^>]*\bhidden="(?:1|true)")(?=[^>]*\bmin="([0-9]+)")'
                          rb'(?=[^>]*\bmax="([0-9]+)")')
# A cell holding an Excel error value (t="e"): its attributes and the error ('#REF!').
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>\s*(?:<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*)?'
                         rb'<(?:\w+:)?v\b[^>]*>([^<]*)</(?:\w+:)?v>')


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _scan_sheet(f) -> tuple[dict[int, dict[int, str]], set[int], set[int]]:
    """What a reader does not see in one sheet part, 0-based as ``Sheet.rows``:
    {row index: {column index: what}} of the cells every reader takes for empty (a formula with
    no saved result, what: ''; an Excel error value such as #REF! or #N/A, what: the error),
    the rows and the columns the clerk hid. Streamed in pieces: a sheet with none of these (nearly every
    ledger) costs one inflate and a few byte searches per megabyte, no Python per cell."""
    found: dict[int, dict[int, str]] = {}
    hidden: set[int] = set()
    hidden_cols: set[int] = set()
    rest = b""
    while True:
        chunk = f.read(1 << 20)
        data = rest + chunk
        cut = data.rfind(b"</c>") + 4 if chunk else len(data)    # cut after a whole cell
        if cut < 4 and chunk:
            rest = data
            continue
        part, rest = data[:cut], data[cut:]
        # 'f' is rare in a sheet's XML ('<c r="A1" t="s"><v>3</v></c>'): one memchr-fast test
        # rules out nearly every piece; '<' is everywhere, so '<f' alone is a slow search.
        if b"f" in part and (b"<f" in part or b":f" in part):
            for m in _FORMULA_CELL.finditer(part):
                attrs, value_el, value = m.group(1), m.group(2), m.group(3)
                kind = _CELL_TYPE.search(attrs)
                # Excel saves a formula whose result is '' as t="str" with an empty <v>: a result.
                if value_el is not None and (value or (kind and kind.group(1) == b"str")):
                    continue
                ref = _CELL_REF.search(attrs)
                if ref:
                    found.setdefault(int(ref.group(2)) - 1, {})[_column_index(ref.group(1))] = ""
        # An error value (a formula whose reference was deleted, a lookup that found nothing)
        # is saved as t="e", with or without its formula.
        if b'"e"' in part:
            for m in _ERROR_CELL.finditer(part):
                ref = _CELL_REF.search(m.group(1))
                if ref and m.group(2):
                    found.setdefault(int(ref.group(2)) - 1, {})[_column_index(ref.group(1))] = \
                        m.group(2).decode("utf-8", "replace")
        if b'hidden="' in part:
            for m in _HIDDEN_ROW.finditer(part):
                hidden.add(int(m.group(1)) - 1)
            for m in _HIDDEN_COLS.finditer(part):     # <cols> comes before the cells: few, small ranges
                hidden_cols.update(range(int(m.group(1)) - 1, min(int(m.group(2)), 16384)))
        if not chunk:
            return found, hidden, hidden_cols


@dataclass(frozen=True)
class Unseen:
    """What the reader does not see in a workbook, sheet name -> …: ``cells`` {row index:
    {column index: what}} read as empty though something is there (a formula with no saved
    result, what: ''; Excel and WPS always save the result, a workbook written by a program
    such as openpyxl's ``ws["B2"] = "=A2"`` and never opened in Excel has none; or an Excel
    error value, what: '#REF!', '#N/A' …), ``hidden_rows`` {row indexes} and ``hidden_columns``
    {column indexes} the clerk hid."""
    cells: dict = field(default_factory=dict)
    hidden_rows: dict = field(default_factory=dict)
    hidden_columns: dict = field(default_factory=dict)


def unseen(path: Path | str, sheets: Iterable[Sheet] = ()) -> Unseen:
    """The workbook's ``Unseen``; .xlsx/.xlsm are looked into; a web page's or Excel 2003 XML's
    ``sheets`` bring their own; empty for anything else."""
    import zipfile
    path = Path(path)
    out = Unseen()
    for s in sheets:
        if s.errors:
            out.cells[s.name] = s.errors
        if s.hidden_rows:
            out.hidden_rows[s.name] = set(s.hidden_rows)
        if s.hidden_columns:
            out.hidden_columns[s.name] = set(s.hidden_columns)
    if _content_kind(path) != "zip":
        return out
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            for sheet, part in guard.sheet_parts(z).items():
                if part in names:
                    with z.open(part) as f:
                        found, hidden, hidden_cols = _scan_sheet(f)
                    if found:
                        out.cells[sheet] = found
                    if hidden:
                        out.hidden_rows[sheet] = hidden
                    if hidden_cols:
                        out.hidden_columns[sheet] = hidden_cols
    except (zipfile.BadZipFile, OSError, EOFError):
        return Unseen()                           # the reader has said what is wrong with the file
    return out


def unreadable_cells(path: Path | str) -> dict[str, dict[int, dict[int, str]]]:
    """Sheet name -> {row index: {column index: what}}: ``Unseen.cells``."""
    return unseen(path).cells


def formulas_without_values(path: Path | str) -> dict[str, dict[int, list[int]]]:
    """Sheet name -> {row index: [column indexes]} of the formulas without a saved result only
    (``unreadable_cells`` without the error values)."""
    out = {}
    for sheet, rows in unreadable_cells(path).items():
        found = {r: [c for c, what in cols.items() if not what] for r, cols in rows.items()}
        if found := {r: cols for r, cols in found.items() if cols}:
            out[sheet] = found
    return out


def _is_locked(exc: BaseException) -> bool:
    """Whether reading failed because another program holds the file (WPS or Excel has it open
    on Windows: a sharing violation, os error 32) or it may not be read (os error 13). Python
    raises PermissionError; calamine an OSError with the system's words."""
    return isinstance(exc, PermissionError) or (isinstance(exc, OSError) and (
        "os error 13)" in str(exc) or "os error 32)" in str(exc)))


def locked(path: Path) -> InputError:
    return unread(PermissionError(errno.EACCES, "locked"), path)


# What the system says of a file it could not read to the end (a stick pulled, a bad sector).
NOT_READ = frozenset({errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO})


def unread(exc: OSError, path: Path) -> InputError:
    """The file could not be read (held by Excel, no permission, a stick pulled mid-read)."""
    return InputError("file", describe_os_error(exc, path, reading=True))


# Excel and WPS put an owner file '~$台账.xlsx' beside a workbook while they have it open.
OWNER_PREFIX = "~$"


def open_elsewhere(path: Path | str) -> str:
    """The owner file beside ``path`` that says Excel or WPS has it open ('' when none): the
    import reads what was last saved, not what is on the screen there. A program that crashed
    leaves one behind too, so it is said as "may be open"."""
    path = Path(path)
    owner = path.with_name(OWNER_PREFIX + path.name)
    return owner.name if owner.is_file() else ""


def read_sheets(path: Path | str, progress=None, cancelled=None) -> list[Sheet]:
    """Every sheet of the file; raises InputError with a Chinese message for what cannot be read.
    A web page or Excel 2003 XML (read in Python, seconds for a big one) reports
    ``progress(bytes read, file size)`` and stops when ``cancelled()`` (ImportCancelled)."""
    path = Path(path)
    try:
        return _read_sheets(path, progress, cancelled)
    except OSError as exc:
        if _is_locked(exc):
            raise locked(path) from exc
        raise unread(exc, path) from exc


def _web_export(path: Path, progress=None, cancelled=None) -> list[Sheet]:
    """The sheets of a web system's "Excel" that is an HTML table or Excel 2003 XML inside
    (desktop/excel/webbook.py); [] for any other file. A .mht page (Excel's "single file web
    page") is still refused, named for what it is."""
    from desktop.excel import webbook
    what = _not_a_workbook(path)
    if what == "web" and not _is_mime(path):
        sheets = webbook.read_html(path, progress, cancelled)
    elif what == "xml":
        sheets = webbook.read_xml(path, progress, cancelled)
    elif what == "web":
        raise _unopened(path, None)
    else:
        return []
    if not sheets:
        what = "网页（HTML）格式的文件，但里面没有表格" if what == "web" else "Excel 2003的XML表格，但里面没有工作表"
        raise InputError("file", f"“{path.name}”是{what}，没有导入。请确认选择了系统导出的台账文件。{guard.CHOOSE}")
    out, names = [], set()
    for name, rows, merged, hidden, hidden_rows, errors, hidden_columns in sheets:
        guard.check_rows(len(rows), path.name, name)
        base, n = name, 1
        while name in names:                      # two worksheets of one name: each kept apart
            n += 1
            name = f"{base}({n})"
        names.add(name)
        out.append(Sheet(name, rows, merged, hidden, hidden_rows, errors, hidden_columns))
    return out


def _is_mime(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(64).lstrip().lower().startswith(b"mime-version")


def _read_sheets(path: Path, progress=None, cancelled=None) -> list[Sheet]:
    suffix = path.suffix.lower()
    if not path.exists():
        # Moved, renamed or on a stick pulled out since it was chosen: said with where it was.
        raise InputError("file", f"找不到文件“{path.name}”（在 {path.parent} 文件夹里）：它可能被移动、改名或删除了，"
                                 "或者U盘已经拔出。请插好U盘，或者重新选择这个文件。")
    if path.name.startswith(OWNER_PREFIX):
        raise InputError("file", f"“{path.name}”是Excel或WPS打开“{path.name[2:]}”时自己生成的临时文件（记下谁在用它），"
                                 f"不是台账，没有导入。请选择旁边的“{path.name[2:]}”本身。")
    if suffix not in SUFFIXES:
        kind = f"“{path.suffix}”文件" if path.suffix else f"没有扩展名的文件“{path.name}”"
        raise InputError("file", f"不能导入{kind}：门神能读Excel工作簿（.xlsx、.xls）、WPS表格（.et）和CSV文件。"
                                 f"如果它是一张表格，{_RESAVE}")
    guard.check_package(path)                   # before reading: a 0-byte file or a "zip bomb" is refused at once
    check_not_program_file(path)
    if suffix in WPS_SUFFIXES and _content_kind(path) == "other":
        raise InputError("file", f"“{path.name}”是WPS表格自己的格式，门神读不了。{_WPS_RESAVE}")
    if suffix in EXCEL_SUFFIXES and path.is_file() and _content_kind(path) == "other":
        if what := _web_export(path, progress, cancelled):             # a page on one line ('text/html; charset') is no CSV
            return what
        if _is_text(path):
            suffix = ".csv"                       # a CSV named .xls(x), as some web systems save it
    if suffix in {".csv", ".txt"} and path.is_file() and _content_kind(path) != "other":
        suffix = ".xlsx"                          # a workbook saved (or renamed) with a .csv name
    if suffix in {".csv", ".txt"}:
        sheets = read_csv(path)
        guard.check_rows(len(sheets[0].rows), path.name)
        return sheets
    return read_excel(path)
