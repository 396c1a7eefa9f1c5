"""Breaking Chinese text into lines (避头尾): no line starts with closing punctuation and none
ends with opening punctuation, as a typesetter would set it.

Chinese breaks between any two characters, so text is cut into units: one unit per Chinese
character, and a run of Latin letters and digits (a phone number, a date, ``3-2-501``) as one
unit that is never split unless it is wider than the line. When the next unit may not start a
line, characters are pushed down from the end of the line (the line then runs a little short;
justification spreads it back to the full measure).
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from reportlab.pdfbase import pdfmetrics

from desktop.masking import mask_if_masked
from desktop.printing.fonts import printable

NO_LINE_START = frozenset("，。、；：？！）」』】》〉”’…—·～%‰℃,.;:?!)]}")
NO_LINE_END = frozenset("（「『【《〈“‘([{")

# Latin letters, digits and what binds them (2020-02-10, 3-2-501, 138****8000, 36.5); a tick
# box with its label (□咳嗽) stays together too.
_UNITS = re.compile(r"[A-Za-z0-9@._\-/:*+#%°]+|[□☑][^\s□☑]*| +|.", re.S)


@dataclass(frozen=True)
class Line:
    """One set line: its text, natural width, indent, and whether it ends its paragraph (the
    last line of a paragraph is not stretched to the full measure)."""
    text: str
    width: float
    indent: float = 0.0
    last: bool = False


class _Widths(dict):
    """Width of each character in one font and size, measured once."""

    def __init__(self, font: str, size: float):
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        w = self[ch] = pdfmetrics.stringWidth(ch, self.font, self.size)
        return w

    def of(self, text: str) -> float:
        return sum(self[ch] for ch in text)


@lru_cache(maxsize=64)
def _widths(font: str, size: float) -> _Widths:
    return _Widths(font, size)


def text_width(text: str, font: str, size: float) -> float:
    return _widths(font, size).of(text)


def _units(text: str, widths: _Widths, measure: float) -> list[tuple[str, float]]:
    out = []
    for u in _UNITS.findall(text):
        w = widths.of(u)
        if w > measure and len(u) > 1:        # a run wider than the line: split it anywhere
            out.extend((ch, widths[ch]) for ch in u)
        else:
            out.append((u, w))
    return out


def _legal_break(line: list, nxt: str) -> bool:
    return nxt[0] not in NO_LINE_START and line[-1][0][-1] not in NO_LINE_END


@lru_cache(maxsize=4096)
def break_paragraph(text: str, font: str, size: float, measure: float,
                    first_indent: float = 0.0) -> tuple[Line, ...]:
    """Lines of one paragraph set ``measure`` points wide, the first indented by ``first_indent``.

    Cached: a mail merge sets the same paragraphs for thousands of households.
    """
    widths = _widths(font, size)
    text = printable(text, font)
    lines: list[Line] = []
    line: list[tuple[str, float]] = []
    used, indent = 0.0, first_indent
    for unit in _units(text, widths, measure - first_indent):
        if line and used + unit[1] > measure - indent + 0.01:
            if unit[0].isspace():                 # a space at a break simply disappears
                continue
            carried: list[tuple[str, float]] = []
            while len(line) > 1 and not _legal_break(line, (carried[0] if carried else unit)[0]):
                carried.insert(0, line.pop())
            while line and line[-1][0].isspace():
                line.pop()
            lines.append(Line("".join(u for u, _ in line), sum(w for _, w in line), indent))
            line, indent = carried, 0.0
            used = sum(w for _, w in line)
        if not line and unit[0].isspace():
            continue
        line.append(unit)
        used += unit[1]
    lines.append(Line("".join(u for u, _ in line), sum(w for _, w in line), indent, last=True))
    return tuple(lines)


def break_text(text: str, font: str, size: float, measure: float,
               indent_chars: float = 0.0) -> list[Line]:
    """Every paragraph of ``text`` (one per line of input), each first line indented by
    ``indent_chars`` character widths (公文 body paragraphs indent two characters)."""
    indent = indent_chars * size
    out: list[Line] = []
    text = mask_if_masked(text)                         # before breaking splits a number
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            out.extend(break_paragraph(paragraph, font, size, measure, indent))
        else:
            out.append(Line("", 0.0, 0.0, last=True))
    return out


def break_fields(fields: Sequence[str], font: str, size: float, measure: float, gap: str = "    ") -> list[str]:
    """Labelled fields (姓名：…, 住址：…, 电话：…) set on lines, a field moved whole to the next line
    when it does not fit beside the ones before: an address is not cut in two at the line's end
    unless it is longer than a line by itself."""
    lines: list[str] = []
    for field in fields:
        field = mask_if_masked(field)
        joined = f"{lines[-1]}{gap}{field}" if lines else field
        if lines and text_width(joined, font, size) <= measure:
            lines[-1] = joined
        else:
            lines.extend(line.text for line in break_text(field, font, size, measure))
    return lines


def lines_at_most(text: str, font: str, size: float, measure: float, most: int) -> list[str]:
    """``text`` broken into lines of ``measure``, at most ``most`` of them, the last ending in "…"
    when more was cut: a place on the paper that holds only so much says it was shortened."""
    lines = [line.text for line in break_text(text.replace("\n", " "), font, size, measure)]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def draw_lines(canvas, lines, x: float, y: float, font: str, size: float, leading: float,
               measure: float | None = None, align: str = "left", text=None) -> float:
    """Draw set lines from baseline ``y`` downwards in one text object; returns the baseline
    after the last line. With ``measure``, full lines are justified to it (公文 are set flush).

    ``text``: a text object to add the lines to (a table row puts all its cells in one); the
    caller draws it. Font and letter spacing are only set when they change: a page of a
    table is hundreds of cells, and every operator written costs float formatting."""
    own = text is None
    if own:
        text = canvas.beginText()
    if (text._fontname, text._fontsize) != (font, size) or own:
        text.setFont(font, size)
    for line in lines:
        spacing = 0.0
        if measure and align == "justify" and not line.last and len(line.text) > 1:
            spacing = max(0.0, (measure - line.indent - line.width) / (len(line.text) - 1))
        if spacing != getattr(text, "_charSpace", 0.0):
            text.setCharSpace(spacing)
        if align == "center" and measure:
            lx = x + (measure - line.width) / 2
        elif align == "right" and measure:
            lx = x + measure - line.width
        else:
            lx = x + line.indent
        text.setTextOrigin(lx, y)
        text.textOut(line.text)
        y -= leading
    if getattr(text, "_charSpace", 0.0):
        text.setCharSpace(0)
    if own:
        canvas.drawText(text)
    return y


def fit_text(text: str, font: str, size: float, measure: float,
             smallest: float) -> tuple[float, list[str]]:
    """(size, lines) of a text that must stay within ``measure`` (a committee's long name on a
    pass, an address on a door sign): one line at ``size``, shrunk to fit but not below
    ``smallest``; a text still too wide is broken into lines at ``smallest``."""
    width = text_width(mask_if_masked(text), font, 1.0)      # as drawn: masking changes digits
    if width * smallest <= measure:
        return (min(size, measure / width) if width else size), [text]
    return smallest, [line.text for line in break_text(text, font, smallest, measure)]
