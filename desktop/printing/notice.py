"""Notices and letters laid out after GB/T 9704-2012 (党政机关公文格式), and their mail merge.

The standard's measures on A4: text block 156 × 225 mm; title in 2号 (22 pt), centred, two
lines under the red separator; body in 3号 (16 pt), 22 lines a page of 28 characters,
paragraphs indented two characters; the issuer's name and the date at the bottom right, the
date four characters in from the right edge; page numbers ``— 1 —`` in 4号 (14 pt), odd pages
right, even pages left, shown when a document runs to more than one page. We have no 小标宋 or
仿宋 to ship, so titles are set in the Hei face and the body in the Song face.

A letter (``kind = 'letter'``) is printed once per household with its merge fields filled:
{户主} {地址} {小区} {楼栋} {单元} {房号} {人数} {日期}, and {电话} (the office's phone, as typed on
the paper page) in notices and letters alike.
"""
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Sequence

from reportlab.lib.units import mm

from desktop.errors import InputError, InputErrors
from desktop.printing.fonts import HEI, SONG, unprintable
from desktop.printing.layout import NO_LINE_END, NO_LINE_START, Line, break_text, draw_lines, text_width
from desktop.printing.pages import NOTICE_A3, NOTICE_A4, PageTemplate, PdfDocument, Printed, Progress
from desktop.printing.records import MergeRecord, NoticeTemplate, Office

MERGE_FIELDS = ("户主", "地址", "小区", "楼栋", "单元", "房号", "人数", "日期", "电话")
_FIELD = re.compile(r"[{｛]([^{}｛｝]*)[}｝]")
RED = (0.90, 0.0, 0.07)


def chinese_date(day: date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def fields_used(text: str) -> list[str]:
    return [m.group(1).strip() for m in _FIELD.finditer(text)]


def check_template(t: NoticeTemplate) -> None:
    """Everything wrong with a template, at once, in words an office worker reads."""
    errors = []
    if not t.name.strip():
        errors.append(InputError("name", "请给模板起个名字。"))
    if not t.title.strip():
        errors.append(InputError("title", "请填写标题。"))
    if not t.body.strip():
        errors.append(InputError("body", "正文是空的。"))
    for field_name, text in (("title", t.title), ("salutation", t.salutation), ("body", t.body)):
        unknown = [f for f in fields_used(text) if f not in MERGE_FIELDS]
        if unknown:
            errors.append(InputError(field_name, f"不认识的字段“{{{unknown[0]}}}”。可以用的字段："
                                     + "、".join("{" + f + "}" for f in MERGE_FIELDS)))
    for field_name, label, text, font in (("issuer_mark", "红头", t.issuer_mark, HEI), ("title", "标题", t.title, HEI),
                                          ("salutation", "称呼", t.salutation, SONG), ("body", "正文", t.body, SONG),
                                          ("signature", "署名", t.signature, SONG)):
        problem = unprintable(label, text, font)
        if problem:
            errors.append(InputError(field_name, problem))
    if errors:
        raise InputErrors(errors)


def merge_values(record: MergeRecord | None, day: date, phone: str = "") -> dict[str, str]:
    values = {f: "" for f in MERGE_FIELDS}
    values["日期"] = chinese_date(day)
    values["电话"] = phone
    if record:
        values.update({"户主": record.head_name or "住户", "地址": record.address, "小区": record.compound,
                       "楼栋": record.building, "单元": record.unit, "房号": record.room,
                       "人数": str(record.member_count)})
    return values


def fill(text: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), text)


@dataclass(frozen=True)
class _Measures:
    """The standard's measures scaled to the page (A3 posters scale everything up)."""
    title: float
    body: float
    leading: float
    number: float
    closing_space: float             # 署名 under the body, after one empty line


# Lines a page: the standard's 22, then the tightenings tried so that a page never holds only
# the closing (署名 and 成文日期): one line less before the signature, then 23 and 24 lines a
# page (GB/T 9704 5.2.2: 一般每面排22行, adjustable in particular cases; the 3号 body size stays).
FITS = ((22, 2.0), (22, 1.0), (23, 1.0), (24, 1.0))
CARRIED_LINES = 2                    # body lines carried to the closing's page when nothing fits


def _measures(template: PageTemplate, lines: int = 22, closing_lines: float = 2.0) -> _Measures:
    k = template.measure / (156 * mm)
    leading = 225 * mm / lines * k
    return _Measures(title=22 * k, body=16 * k, leading=leading, number=14 * k,
                     closing_space=leading * closing_lines)


@dataclass(frozen=True)
class _Block:
    """A run of set lines in one font; drawn in order, breaking pages between lines."""
    lines: Sequence[Line]
    font: str
    size: float
    leading: float
    align: str
    space_before: float = 0.0
    right_indent: float = 0.0
    closing: bool = False            # 署名 or 成文日期: never alone on a page


def _blocks(t: NoticeTemplate, values: dict[str, str], office: Office, m: _Measures,
            measure: float) -> list[_Block]:
    title = fill(t.title, values)
    blocks = [_Block(break_text(title, HEI, m.title, measure), HEI, m.title, m.title * 1.45, "center")]
    first_space = m.leading
    if t.salutation.strip():
        blocks.append(_Block(break_text(fill(t.salutation, values), SONG, m.body, measure),
                             SONG, m.body, m.leading, "justify", space_before=first_space))
        first_space = 0.0
    blocks.append(_Block(break_text(fill(t.body, values), SONG, m.body, measure, indent_chars=2),
                         SONG, m.body, m.leading, "justify", space_before=first_space))
    signature = fill(t.signature, values).strip() or office.name
    day = values["日期"]
    # 署名 centred over 成文日期; the date ends four characters in from the right.
    date_right = 4 * m.body
    sig_w, date_w = text_width(signature, SONG, m.body), text_width(day, SONG, m.body)
    sig_right = max(0.0, date_right - (sig_w - date_w) / 2)
    # A long name moves right rather than out past the left margin; longer than the line, it
    # is set in lines flush right.
    sig_right = min(sig_right, max(0.0, measure - sig_w))
    sig_lines = [Line(signature, sig_w, last=True)] if sig_w <= measure else \
        [Line(line.text, line.width, last=True) for line in break_text(signature, SONG, m.body, measure)]
    blocks.append(_Block(sig_lines, SONG, m.body, m.leading, "right",
                         space_before=m.closing_space, right_indent=sig_right, closing=True))
    blocks.append(_Block([Line(day, date_w, last=True)], SONG, m.body, m.leading, "right",
                         right_indent=date_right, closing=True))
    return blocks


def _paginate(blocks: list[_Block], first_top: float, top: float, bottom: float,
              carry: int = 0):
    """[(page index, block, lines, first baseline)] with lines never set below ``bottom``.
    ``carry``: the last ``carry`` lines of the body start a new page, with the closing."""
    placed, page, y = [], 0, first_top
    body = max((i for i, b in enumerate(blocks) if not b.closing), default=-1)
    for i, b in enumerate(blocks):
        y -= b.space_before
        run: list[Line] = []
        start = y - b.size
        carried_from = len(b.lines) - carry if i == body and carry else None
        for n, line in enumerate(b.lines):
            if y - b.size < bottom or (n == carried_from and n > 0):
                if run:
                    placed.append((page, b, run, start))
                page, y, run = page + 1, top, []
                start = y - b.size
            run.append(line)
            y -= b.leading
        if run:
            placed.append((page, b, run, start))
    return placed, page + 1


def closing_alone(placed) -> bool:
    """Whether some page holds nothing but the closing: the date alone, or the signature and
    the date without a line of the body above them."""
    pages: dict[int, bool] = {}
    for page, b, _lines, _ in placed:
        pages[page] = pages.get(page, True) and b.closing
    return any(pages.values())


def layout_notice(t: NoticeTemplate, values: dict[str, str], office: Office, tpl: PageTemplate,
                  first_top: float):
    """(measures, placed runs, pages) of one notice: the standard layout when no page is left
    holding only the closing; else tightened, then set 23 or 24 lines a page; else the last
    lines of the body are carried over to stand with the signature and date."""
    for lines, closing_lines in FITS:
        m = _measures(tpl, lines, closing_lines)
        placed, pages = _paginate(_blocks(t, values, office, m, tpl.measure), first_top, tpl.block_top,
                                  tpl.bottom)
        if not closing_alone(placed):
            return m, placed, pages
    m = _measures(tpl)
    blocks = _blocks(t, values, office, m, tpl.measure)
    placed, pages = _paginate(blocks, first_top, tpl.block_top, tpl.bottom, carry=CARRIED_LINES)
    return m, placed, pages


def masthead_lines(mark: str, full: float, smallest: float, measure: float) -> tuple[float, list[str]]:
    """(size, lines) of a red header: one line at ``full`` size, shrunk to fit the measure but
    not below ``smallest`` (smaller no longer reads as a 红头); a name still too long is set in
    two lines of about equal width, as large as they fit, then broken wherever it must."""
    mark = " ".join(mark.split())
    width = text_width(mark, HEI, 1.0)                 # width at 1 pt: scales with the size
    if width * smallest <= measure:
        return min(full, measure / width), [mark]
    best = None
    for i in range(1, len(mark)):                      # the most even cut, preferring a space
        a, b = mark[:i].strip(), mark[i:].strip()
        if not a or not b or b[0] in NO_LINE_START or a[-1] in NO_LINE_END:
            continue
        key = (not mark[i - 1].isspace() and not mark[i].isspace(),
               max(text_width(a, HEI, 1.0), text_width(b, HEI, 1.0)))
        if best is None or key < best[0]:
            best = (key, [a, b])
    if best is not None and best[0][1] * smallest <= measure:
        return min(full, measure / best[0][1]), best[1]
    return smallest, [line.text for line in break_text(mark, HEI, smallest, measure)]


def _draw_red_header(canvas, template: PageTemplate, mark: str, size: float, smallest: float) -> float:
    """发文机关标志 in red, centred, and the red separator under it; returns the y under it."""
    size, lines = masthead_lines(mark, size, smallest, template.measure)
    y = template.block_top - size * 1.2
    canvas.setFillColorRGB(*RED)
    canvas.setStrokeColorRGB(*RED)
    canvas.setFont(HEI, size)
    for n, line in enumerate(lines):
        if n:
            y -= size * 1.2
        canvas.drawCentredString(template.left + template.measure / 2, y, line)
    y -= 8 * mm
    canvas.setLineWidth(1.2)
    canvas.line(template.left, y, template.left + template.measure, y)
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    return y - size * 1.2


def draw_notice(doc: PdfDocument, t: NoticeTemplate, values: dict[str, str], office: Office) -> int:
    """One notice or letter from a fresh page; returns the pages it took."""
    tpl = doc.template
    c = doc.canvas
    first_top = tpl.block_top
    doc.new_page()
    mark = issuer_mark(t, office)
    if mark:
        first_top = _draw_red_header(c, tpl, mark, _measures(tpl).title * 1.6, _measures(tpl).title)
    m, placed, pages = layout_notice(t, values, office, tpl, first_top)
    current = 0
    for page, b, lines, baseline in placed:
        while page > current:
            _dash_number(doc, current + 1, m.number, pages)
            doc.new_page()
            current += 1
        draw_lines(c, lines, tpl.left, baseline, b.font, b.size, b.leading,
                   measure=tpl.measure - b.right_indent, align=b.align)
    _dash_number(doc, current + 1, m.number, pages)
    return pages


def issuer_mark(t: NoticeTemplate, office: Office) -> str:
    """The red header (发文机关标志) a notice prints with: its own, or for a built-in template
    the office's masthead when one is set (an office's own template with none has none)."""
    if t.issuer_mark.strip():
        return t.issuer_mark.strip()
    return office.masthead.strip() if t.id.startswith("builtin:") else ""


def _dash_number(doc: PdfDocument, n: int, size: float, pages: int) -> None:
    if pages < 2:                  # a one-page letter needs no page number
        return
    t = doc.template
    label = f"— {n} —"
    y = t.bottom - 7 * mm - size
    x = t.width - t.right - size - text_width(label, SONG, size) if n % 2 else t.left + size
    doc.canvas.setFont(SONG, size)
    doc.canvas.drawString(x, y, label)


def print_notices(path: Path | str, t: NoticeTemplate, records: Iterable[MergeRecord] | None,
                  office: Office, day: date, poster: bool = False,
                  progress: Progress | None = None,
                  template_of: Callable[[MergeRecord], NoticeTemplate] | None = None) -> Printed:
    """A notice (``records`` None: one copy) or a letter per household (items: letters);
    ``template_of``: a record's own wording of ``t`` (its place's words), checked as ``t`` is."""
    try:
        check_template(t)
    except InputErrors as e:            # on the paper page: which template, and where to mend it
        raise InputError(e.errors[0].field, f"通知模板“{t.name}”印不成：" + "".join(x.message for x in e.errors)
                         + "请点“编辑模板…”修改后再打印。") from None
    if not t.issuer_mark.strip():       # the office's red header, typed on the paper page
        problem = unprintable("“红头”一栏", issuer_mark(t, office), HEI)
        if problem:
            raise InputError("office_masthead", problem)
    items = list(records) if records is not None else [None]
    if not items:
        raise InputError("scope", "所选范围里没有住户，没有可打印的信。")
    with PdfDocument(path, NOTICE_A3 if poster else NOTICE_A4, fill(t.title, merge_values(None, day, office.phone)),
                     progress) as doc:
        total = len(items)
        for i, record in enumerate(items):
            draw_notice(doc, template_of(record) if template_of and record else t, merge_values(record, day, office.phone), office)
            if i % 50 == 0 or i + 1 == total:
                doc.step(i + 1, total)
    return replace(doc.printed(len(items)), title=t.name)
