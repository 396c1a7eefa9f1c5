"""Reading the "Excel" files that web systems export and that are no workbook inside: an HTML
table saved with an .xls name (many government and street-office systems), and Excel 2003's
XML spreadsheet (SpreadsheetML, ``<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">``).

Both give what the workbook reader gives, one ``(name, rows, merged, hidden, hidden_rows,
errors, hidden_columns)`` per sheet (``hidden_rows`` and ``hidden_columns``: row and column
indexes the page or the clerk hid, ``errors``: {row: {column: '#REF!'}} of error values read as
blank, as ``reading.unseen`` finds in an .xlsx), so
the preview, the errors workbook and the write are the same for every file. An HTML cell is
text, as the page shows it (an ID number keeps its 18 digits, like a CSV's). Both are read as
a stream, with the workbook's limits (guard: rows, columns, cells) checked as the rows come:
a huge colspan or an ``ss:Index`` far to the right is refused before it is held; an XML with a
DTD (an entity bomb, an external entity) is refused before any entity is expanded.
"""
import codecs
import re
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers import expat

from desktop.errors import InputError
from desktop.excel import guard
from desktop.excel.plan import ImportCancelled, Progress

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
# Tables inside tables: a page lays out its one data table in a frame table or two; hundreds
# of levels are no export but a file built to exhaust the reader.
MAX_NESTING = 32
MAX_SHEETS = 1000               # tables (or worksheets) with text in one file
_CHUNK = 1 << 20


def _too_deep(name: str) -> InputError:
    return InputError("file", f"“{name}”里的表格一层套一层（超过{MAX_NESTING}层），不是系统导出的正常台账，"
                              f"可能已损坏，没有导入。{guard.RESAVE}")


# -- the text's encoding: a byte-order mark, else what the page declares, else UTF-8 or GBK ------

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# GB2312 and GBK pages often hold characters only GB18030 has (a rare name's character):
# GB18030 reads every GBK byte the same way and more.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "hz-gb-2312": "gb18030"}


def _encoding(head: bytes, declared: re.Pattern) -> tuple[str, int]:
    """(codec, bytes of the mark to skip) of a page whose first bytes are ``head``."""
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return codec, len(mark)
    if m := declared.search(head):
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(_WIDER.get(name, name)).name
        except LookupError:
            codec = ""
        # A page saved in UTF-8 that still declares gb2312 (copied from an old template): the
        # declaration is believed only when the bytes agree with it.
        if codec and _decodes(head, codec):
            return codec, 0
    return ("utf-8" if _decodes(head, "utf-8") else "gb18030"), 0


def _decodes(head: bytes, codec: str) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(head, final=False)
        return True
    except UnicodeDecodeError:
        return False


def _text_chunks(path: Path, declared: re.Pattern, progress: Progress | None = None,
                 cancelled=None):
    """The file's text, a piece at a time (a 200 MB page is never held twice). Before each
    piece after the first, ``progress(bytes read, file size)`` (never the whole: the rows are
    still to be checked, and the window takes done == total for "cannot be cancelled now"),
    and ``cancelled()`` raises ImportCancelled."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(_CHUNK)
        codec, skip = _encoding(head, declared)
        decoder = codecs.getincrementaldecoder(codec)("replace")
        chunk = head[skip:]
        while chunk:
            yield decoder.decode(chunk)
            if progress:
                progress(min(f.tell(), size - 1), size)
            if cancelled and cancelled():
                raise ImportCancelled()
            chunk = f.read(_CHUNK)
        yield decoder.decode(b"", final=True)


class _Grid:
    """One sheet being filled row by row: cells placed at their columns, merged ranges noted,
    the limits checked as it grows."""

    def __init__(self, name: str, file: str, sheet: str = ""):
        self.name, self.rows, self.merged, self.hidden = name, [], [], False
        self.place = (file, sheet)                  # what a refusal names (guard.where)
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()       # <col style="display:none">, <Column ss:Hidden="1">
        self.hidden_cells: dict[int, int] = {}      # column -> its cells the page does not show
        self.errors: dict[int, dict[int, str]] = {}
        self.width = 0

    def put(self, r: int, c: int, value, across: int = 0, down: int = 0) -> None:
        if r >= guard.MAX_ROWS:
            guard.check_rows(r + 1, *self.place)
        if c + across >= guard.MAX_COLUMNS:
            guard.check_reach(r + 1, c + across + 1, *self.place)
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        if len(row) <= c + across:
            row.extend([""] * (c + across + 1 - len(row)))
        # The sheet is handed on as a rectangle: its size is rows by its widest row.
        self.width = max(self.width, len(row))
        if len(self.rows) * self.width > guard.MAX_CELLS:
            guard.check_reach(len(self.rows), self.width, *self.place)
        row[c] = value
        if across or down:
            self.merged.append(((r, c), (r + down, c + across)))

    def sheet(self) -> tuple:
        width = max((len(r) for r in self.rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in self.rows]      # a rectangle, as the workbook reader gives
        # A page hides a column by hiding its cells (<td style="display:none">) down the table:
        # hidden in at least half of the rows (a title row across the columns has no cell there).
        hidden_columns = self.hidden_columns | {c for c, k in self.hidden_cells.items() if 2 * k >= len(rows)}
        return (self.name, rows, tuple(self.merged), self.hidden, frozenset(self.hidden_rows), self.errors,
                frozenset(hidden_columns))


# -- HTML -----------------------------------------------------------------------------------------

MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534          # what browsers honour (the HTML standard's limits)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_NUMBER = re.compile(r"\s*(\d+)")
_SHEET_NAME = re.compile(r"<x:Name>([^<]{1,31})</x:Name>", re.IGNORECASE)


def _span(value: str | None, most: int, name: str) -> int:
    """A colspan/rowspan as a browser reads it ('3', '3px', '' -> 1); beyond what browsers
    honour, the file is refused."""
    if not value:
        return 1                          # nearly every cell
    m = _NUMBER.match(value)
    span = int(m.group(1)) if m else 1
    if span > most:
        raise InputError("file", f"“{name}”里有一个格子合并了{span:,}{'列' if most == MAX_COLSPAN else '行'}，"
                                 "比任何台账都大得多，可能已损坏或不是正常的台账，没有导入。"
                                 f"{guard.RESAVE}")
    return max(span, 1)


class _Table:
    def __init__(self, name: str, file: str):
        # A table's sheet name is known only once the page is read (read_html): a refusal names the file.
        self.grid = _Grid(name, file)
        self.r = -1                       # the row being filled
        self.below: dict[int, int] = {}   # column -> last row a rowspan above still covers
        self.cell: list[str] | None = None
        self.cell_hidden = False
        self.spans = (1, 1)
        self.col = 0
        self.col_tags = 0                 # columns named by <col> tags so far
        self.caption: list[str] | None = None
        self.title = ""
        self.order = 0

    def start_row(self) -> None:
        self.end_cell()
        self.r += 1
        self.col = 0

    def start_cell(self, attrs: dict, name: str) -> None:
        self.end_cell()
        if self.r < 0:
            self.start_row()              # a <td> with no <tr> before it: browsers open the row
        self.cell = []
        self.spans = (_span(attrs.get("colspan"), MAX_COLSPAN, name), _span(attrs.get("rowspan"), MAX_ROWSPAN, name)
                      ) if attrs else (1, 1)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        text = "".join(self.cell).replace("\xa0", " ")
        value = "\n".join(line.strip() for line in text.split("\n")).strip() if "\n" in text else text.strip()
        across, down = self.spans
        below = self.below
        if below:
            while below.get(self.col, -1) >= self.r:    # under a cell merged down from above
                self.col += 1
        self.grid.put(self.r, self.col, value, across - 1, down - 1)
        if self.cell_hidden:
            self.cell_hidden = False
            if across == 1:
                self.grid.hidden_cells[self.col] = self.grid.hidden_cells.get(self.col, 0) + 1
        if down > 1:                      # the rows below keep these columns free
            for c in range(self.col, self.col + across):
                below[c] = self.r + down - 1
        self.col += across
        self.cell = None

    def sheet(self) -> tuple:
        self.end_cell()
        name, rows, merged, hidden, hidden_rows, errors, hidden_columns = self.grid.sheet()
        # A rowspan is clipped at the table's last row, as a browser draws it.
        last = len(rows) - 1
        merged = tuple(((r0, c0), (min(r1, last), c1)) for (r0, c0), (r1, c1) in merged)
        if self.title:
            # The caption is the table's title ('幸福里小区居民信息台账'): a row above the
            # header, as a workbook's title row.
            rows = [[self.title] + [""] * (len(rows[0]) - 1 if rows else 0)] + rows
            merged = tuple(((r0 + 1, c0), (r1 + 1, c1)) for (r0, c0), (r1, c1) in merged)
            hidden_rows = frozenset(r + 1 for r in hidden_rows)
        return name, rows, merged, hidden, hidden_rows, errors, hidden_columns

    def has_text(self) -> bool:
        return bool(self.title) or any(cell for row in self.grid.rows for cell in row)


_NO_DISPLAY = re.compile(r"display\s*:\s*none", re.IGNORECASE)


def _is_hidden(attrs: list) -> bool:
    """A row, cell or column the page does not show (<tr style="display:none">, <tr hidden>): the
    rows and columns a system hides are the ones an Excel user hid before saving as a web page."""
    return any(name == "hidden" or (name == "style" and value and _NO_DISPLAY.search(value)) for name, value in attrs)


class _PageReader(HTMLParser):
    """Every table of a page, in the order they open; a table inside a cell is a sheet of its own."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.open: list[_Table] = []
        self.done: list[tuple[int, tuple]] = []
        self.opened = 0
        self.sheet_names: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            if len(self.open) >= MAX_NESTING:
                raise _too_deep(self.name)
            self.opened += 1
            self.open.append(_Table(str(self.opened), self.name))
            self.open[-1].order = self.opened
            return
        if not self.open:
            return
        table = self.open[-1]
        if tag == "tr":
            table.start_row()
            if attrs and _is_hidden(attrs):
                table.grid.hidden_rows.add(table.r)
        elif tag in ("td", "th"):
            table.start_cell(dict(attrs), self.name)
            table.cell_hidden = bool(attrs) and _is_hidden(attrs)
        elif tag == "col":
            span = _span(dict(attrs).get("span"), MAX_COLSPAN, self.name)
            if _is_hidden(attrs):
                table.grid.hidden_columns.update(range(table.col_tags, table.col_tags + span))
            table.col_tags += span
        elif tag == "br" and table.cell is not None:
            table.cell.append("\n")
        elif tag == "caption":
            table.caption = []
        elif tag in ("p", "div", "li") and table.cell:
            table.cell.append("\n")       # a paragraph inside a cell starts a new line, as shown

    def handle_endtag(self, tag):
        if not self.open:
            return
        table = self.open[-1]
        if tag == "table":
            self.open.pop()
            self._finish(table)
        elif tag in ("td", "th"):
            table.end_cell()
        elif tag == "tr":
            table.end_cell()
        elif tag == "caption" and table.caption is not None:
            table.title = " ".join(_SPACES.sub(" ", "".join(table.caption)).split())
            table.caption = None

    def handle_data(self, data):
        if not self.open:
            return
        table = self.open[-1]
        if table.caption is not None:
            table.caption.append(data)
        elif table.cell is not None:
            table.cell.append(_SPACES.sub(" ", data))

    def plain_cell(self, tag: str, end: str, words: str) -> None:
        """<td>words</td>: what its three events do, in one call where nothing else is open."""
        table = self.open[-1] if self.open else None
        if table is None or table.caption is not None:
            self.handle_starttag(tag, [])
            if words:
                self.handle_data(words)
            self.handle_endtag(end)
            return
        table.start_cell({}, self.name)
        if words:
            table.cell.append(_SPACES.sub(" ", words))
        table.end_cell()

    def handle_comment(self, data):
        # Pages written for Excel name their sheets in a comment: <x:Name>幸福里小区</x:Name>.
        self.sheet_names += _SHEET_NAME.findall(data)

    def _finish(self, table: _Table) -> None:
        table.end_cell()
        if table.has_text():              # a frame table around the data table holds none
            if len(self.done) >= MAX_SHEETS:
                raise guard.too_big(f"有 {len(self.done) + 1:,} 张以上的表格（上限 {MAX_SHEETS:,} 张）", self.name)
            self.done.append((table.order, table.sheet()))

    def close(self):
        super().close()
        while self.open:                  # a page cut short: what was read of its tables
            self._finish(self.open.pop())


# The fast way through a page (html.parser's own scanning took most of a big page's time): the
# tags, text and comments of a plain export, matched by one expression and handed to the same
# _PageReader as html.parser would hand them. Only what both read alike is matched (a tag name
# such as td or o:p, attributes quoted or plain, a comment, <!DOCTYPE …>, <?xml …?>); anything
# else (a script or style inside a table, whose text html.parser reads raw; a stray '<'; <![CDATA[) sends the whole
# page through html.parser from its start.
_TOKEN = re.compile(r"""<([tT][dhDH])>([^<]*)</([tT][dhDH])\s*>"""       # a plain cell, most of a page
                    r"""|([^<]+)"""
                    r"""|<([a-zA-Z][-.a-zA-Z0-9:_]*)((?:\s+[a-zA-Z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+(?!/)))?)*)"""
                    r"""\s*(/?)>"""
                    r"""|</([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>"""
                    r"""|<!--(.*?)--\s*>"""
                    r"""|<![dD][oO][cC][tT][yY][pP][eE][^>]*>|<\?[^>]*>""", re.DOTALL)  # neither read
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`/]+))?""")
# html.parser reads their text raw, tags and all, up to their end tag: Excel's own pages have a
# <style> in their head.
_RAW_TEXT = {tag: re.compile(rf"</\s*{tag}\s*>", re.IGNORECASE) for tag in ("script", "style")}


class _Unusual(Exception):
    """Something the fast way does not read as html.parser does."""


def _attrs(text: str) -> list:
    """A start tag's attributes as html.parser gives them: (name, value or None)."""
    out = []
    for name, value in _ATTR.findall(text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        elif not value:
            value = None                  # <td nowrap>
        out.append((name.lower(), unescape(value) if value and "&" in value else value))
    return out


def _scan(reader: "_PageReader", text: str, end: int) -> int:
    """Hands ``reader`` the tokens of ``text[:end]``; where it stopped (a comment cut off by the
    end is left for the next piece). Raises _Unusual for what html.parser must read."""
    pos, match = 0, _TOKEN.match
    start, finish, data, comment = reader.handle_starttag, reader.handle_endtag, reader.handle_data, reader.handle_comment
    while pos < end:
        m = match(text, pos, end)
        if m is None:
            if text.startswith("<!--", pos):
                return pos                # its end is in the next piece
            raise _Unusual()
        pos = m.end()
        if (tag := m.group(1)) is not None:
            words = m.group(2)
            reader.plain_cell(tag.lower(), m.group(3).lower(), unescape(words) if "&" in words else words)
        elif (words := m.group(4)) is not None:
            data(unescape(words) if "&" in words else words)
        elif (tag := m.group(5)) is not None:
            tag = tag.lower()
            if tag in _RAW_TEXT and not m.group(7):
                if reader.open:
                    raise _Unusual()      # html.parser puts its text in the cell
                close = _RAW_TEXT[tag].search(text, pos, end)
                if close is None:
                    return m.start()      # its end is in the next piece
                start(tag, _attrs(m.group(6)) if m.group(6) else [])
                data(text[pos:close.start()])
                finish(tag)
                pos = close.end()
                continue
            start(tag, _attrs(m.group(6)) if m.group(6) else [])
            if m.group(7):                # <br/>: opened and closed, as html.parser hands it
                finish(tag)
        elif (tag := m.group(8)) is not None:
            finish(tag.lower())
        elif (words := m.group(9)) is not None:
            comment(words)
    return pos


def _read_page_fast(path: Path, progress, cancelled) -> "_PageReader":
    reader = _PageReader(path.name)
    rest = ""
    for text in _text_chunks(path, _CHARSET, progress, cancelled):
        text = rest + text
        # Up to the last '<': every token before it is whole (a text run ends at a '<').
        end = text.rfind("<") if text else 0
        rest = text[_scan(reader, text, max(end, 0)):]
        if len(rest) > 1 << 22:           # 4 M characters without a '<' or a comment's end
            raise _Unusual()
    if rest and _scan(reader, rest, len(rest)) < len(rest):
        raise _Unusual()
    reader.close()
    return reader


def _read_page_slow(path: Path, progress, cancelled) -> "_PageReader":
    reader = _PageReader(path.name)
    for text in _text_chunks(path, _CHARSET, progress, cancelled):
        reader.feed(text)
    reader.close()
    return reader


def read_html(path: Path, progress: Progress | None = None, cancelled=None, *, fast: bool = True) -> list[tuple]:
    """The tables of a page saved as .xls: one sheet each, those with any text only.
    ``fast=False``: html.parser only (the tests compare the two)."""
    try:
        if not fast:
            raise _Unusual()
        reader = _read_page_fast(path, progress, cancelled)
    except _Unusual:
        reader = _read_page_slow(path, progress, cancelled)
    tables = [sheet for _, sheet in sorted(reader.done, key=lambda t: t[0])]
    names = reader.sheet_names if len(reader.sheet_names) == len(tables) else []
    out = []
    for i, (_, *sheet) in enumerate(tables):
        name = names[i] if names else path.stem if len(tables) == 1 else f"表{i + 1}"
        out.append((name, *sheet))
    return out


# -- Excel 2003 XML (SpreadsheetML) ------------------------------------------------------------------

def _refuse_dtd(name: str):
    def refuse(*_):
        raise InputError("file", f"“{name}”里带有文档类型定义（DTD），系统导出的Excel 2003表格不会有它，"
                                 "它可以让一个小文件在读取时膨胀到耗尽内存，所以没有导入。"
                                 f"{guard.RESAVE}")
    return refuse


def _number(text: str):
    """A Number cell as the workbook reader gives it (a float), but for a whole number of more
    than 15 digits (an ID number written by a program): the file holds every digit, kept as text."""
    text = text.strip()
    digits = text.lstrip("-")
    if digits.isdigit() and len(digits) > 15:
        return text
    try:
        return float(text)
    except ValueError:
        return text


def _datetime(text: str):
    try:
        value = datetime.fromisoformat(text.strip().rstrip("Z")[:26])
    except ValueError:
        return text
    return value.date() if value.time() == datetime.min.time() else value


def _value(kind: str, text: str):
    if kind == "Number":
        return _number(text)
    if kind == "DateTime":
        return _datetime(text)
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "Error":
        return ""                         # as the workbook reader gives an error value
    return text


class _XmlReader:
    def __init__(self, name: str):
        self.name = name
        self.sheets: list[_Grid] = []
        self.grid: _Grid | None = None
        self.r = self.c = self.column = -1
        self.depth = 0
        self.cell: dict | None = None
        self.data: list[str] | None = None
        self.in_visible = False
        self.visible: list[str] = []

    def start(self, tag, attrs):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _too_deep(self.name)
        local = tag.rsplit("}", 1)[-1]
        a = {k.rsplit("}", 1)[-1]: v for k, v in attrs.items()}
        if local == "Worksheet":
            if len(self.sheets) >= MAX_SHEETS:
                raise guard.too_big(f"有 {len(self.sheets) + 1:,} 张以上的工作表（上限 {MAX_SHEETS:,} 张）", self.name)
            sheet = a.get("Name") or f"Sheet{len(self.sheets) + 1}"
            self.grid = _Grid(sheet, self.name, sheet)
            self.sheets.append(self.grid)
            self.r = self.column = -1
        elif self.grid is None:
            return
        elif local == "Column":           # <Column ss:Index="3" ss:Span="1" ss:Hidden="1"/>
            first = _index(a, self.column + 1, guard.MAX_COLUMNS, self.grid)
            self.column = first + _count(a.get("Span"))
            if a.get("Hidden", "").strip() in ("1", "true"):
                self.grid.hidden_columns.update(range(first, self.column + 1))
        elif local == "Row":
            self.r = _index(a, self.r + 1, guard.MAX_ROWS, self.grid)
            self.c = -1
            if self.r >= guard.MAX_ROWS:
                guard.check_rows(self.r + 1, *self.grid.place)
            if a.get("Hidden", "").strip() in ("1", "true"):
                self.grid.hidden_rows.add(self.r)
        elif local == "Cell":
            if self.r < 0:
                self.r = 0
            self.c = _index(a, self.c + 1, guard.MAX_COLUMNS, self.grid)
            self.cell = {"across": _count(a.get("MergeAcross")), "down": _count(a.get("MergeDown"))}
            self.grid.put(self.r, self.c, "", self.cell["across"], self.cell["down"])
        elif local == "Data" and self.cell is not None:
            self.data, self.cell["type"] = [], a.get("Type", "String")
        elif local == "Visible":
            self.in_visible, self.visible = True, []

    def end(self, tag):
        self.depth -= 1
        local = tag.rsplit("}", 1)[-1]
        if local == "Data" and self.cell is not None and self.data is not None:
            text = "".join(self.data)
            self.grid.rows[self.r][self.c] = _value(self.cell["type"], text)
            if self.cell["type"] == "Error" and text.strip():     # '#REF!': read as blank, said so
                self.grid.errors.setdefault(self.r, {})[self.c] = text.strip()
            self.data = None
        elif local == "Cell" and self.cell is not None:
            self.c += self.cell["across"]         # the next cell starts after the merged ones
            self.cell = None
        elif local == "Visible" and self.in_visible:
            self.in_visible = False
            if self.grid is not None and "".join(self.visible).strip() in ("SheetHidden", "SheetVeryHidden"):
                self.grid.hidden = True
        elif local == "Worksheet":
            self.grid = None

    def text(self, data):
        if self.data is not None:
            self.data.append(data)
        elif self.in_visible:
            self.visible.append(data)


def _count(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() else 0


def _index(attrs: dict, default: int, most: int, grid: _Grid) -> int:
    """A Row's or Cell's ss:Index (1-based), 0-based; beyond Excel's limits, refused (naming
    ``grid``'s file and sheet)."""
    value = attrs.get("Index")
    if not value or not value.strip().isdigit():
        return default
    index = int(value) - 1
    if index >= most:
        if most == guard.MAX_ROWS:
            guard.check_rows(index + 1, *grid.place)
        guard.check_reach(1, index + 1, *grid.place)
    return max(index, 0)


def read_xml(path: Path, progress: Progress | None = None, cancelled=None) -> list[tuple]:
    """The worksheets of an Excel 2003 XML workbook."""
    reader = _XmlReader(path.name)
    # Decoded here and handed to the parser as UTF-8: expat itself knows no GBK, which Chinese
    # systems declare (encoding="GB2312").
    parser = expat.ParserCreate("utf-8", "}")
    parser.StartElementHandler, parser.EndElementHandler = reader.start, reader.end
    parser.CharacterDataHandler = reader.text
    parser.buffer_text = True
    refuse = _refuse_dtd(path.name)
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    first = True
    try:
        for text in _text_chunks(path, _XML_ENCODING, progress, cancelled):
            if first:                     # the declaration names the encoding the text no longer has
                text, first = re.sub(r'^\s*<\?xml[^>]*\?>', "", text, count=1), False
            parser.Parse(text.encode("utf-8"), False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        # Cut short (a download that stopped) or broken: never half a register imported as if whole.
        raise InputError("file", f"打不开“{path.name}”：它是Excel 2003的XML表格，但内容不完整或已损坏"
                                 f"（第{exc.lineno}行），没有导入。如果它在Excel或WPS里能打开，请在那里{guard.SAVE_AS}") from None
    return [grid.sheet() for grid in reader.sheets]
