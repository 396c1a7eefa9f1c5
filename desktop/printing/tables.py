"""Ruled tables that split across pages, the header row repeated at the top of every page.

Cell text is set with the Chinese line breaker, so a long address wraps inside its cell; a row
is never split between pages unless it is taller than a whole page (a week's roster with a
crowded gate): then it goes on over the next pages, its first cell repeated with '（续）'. Blank
rows (to be filled in by hand) keep a minimum height.
"""
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from desktop.masking import mask_if_masked
from desktop.printing.fonts import HEI, SONG
from desktop.printing.layout import break_text, draw_lines
from desktop.printing.pages import PdfDocument


@dataclass(frozen=True)
class Column:
    """A column: its header, its share of the table width, and how its cells are aligned."""
    title: str
    weight: float = 1.0
    align: str = "left"                  # left | center | right


@dataclass(frozen=True)
class TableStyle:
    size: float = 10.0                   # body text, pt
    header_size: float = 10.0
    padding: float = 3.0
    min_row_height: float = 20.0         # room to write by hand in a blank row
    line_width: float = 0.6


class Table:
    """Draws rows of one table into a ``PdfDocument``, starting a page when one is full.

    ``heading(doc) -> y`` draws whatever goes above the table on each page (a title, the
    building, the date) and returns the y where the table starts.
    """

    def __init__(self, doc: PdfDocument, columns: Sequence[Column],
                 heading: Callable[[PdfDocument], float], style: TableStyle = TableStyle()):
        self.doc, self.columns, self.heading, self.style = doc, list(columns), heading, style
        t = doc.template
        total = sum(c.weight for c in self.columns)
        self.widths = [t.measure * c.weight / total for c in self.columns]
        self.x = [t.left]
        for w in self.widths:
            self.x.append(self.x[-1] + w)
        self.y = None                    # where the next row starts; None: no page yet
        self.rows_on_page = 0

    def _cells(self, values: Sequence[str], font: str, size: float) -> tuple[list, float]:
        s = self.style
        leading = size * 1.3
        cells = [break_text(str(v or ""), font, size, w - 2 * s.padding)
                 for v, w in zip(values, self.widths)]
        lines = max((len(c) for c in cells), default=1)
        height = max(s.min_row_height, lines * leading + 2 * s.padding)
        return cells, height

    def _draw_row(self, cells, height: float, font: str, size: float, shade: float = 0.0) -> None:
        """One row; ``shade`` fills it grey (0.1: the header's light grey, more: darker)."""
        c, s = self.doc.canvas, self.style
        top, bottom = self.y, self.y - height
        if shade:
            c.setFillGray(1 - shade)
            c.rect(self.x[0], bottom, self.x[-1] - self.x[0], height, stroke=0, fill=1)
            c.setFillGray(0)
        leading = size * 1.3
        text = None                      # every cell of the row in one text object
        for cell, col, x, w in zip(cells, self.columns, self.x, self.widths):
            if not cell or (len(cell) == 1 and not cell[0].text):
                continue
            if text is None:
                text = c.beginText()
            text_height = len(cell) * leading
            baseline = top - (height - text_height) / 2 - size * 0.95
            draw_lines(c, cell, x + s.padding, baseline, font, size, leading,
                       measure=w - 2 * s.padding, align=col.align, text=text)
        if text is not None:
            c.drawText(text)
        c.setLineWidth(s.line_width)
        c.line(self.x[0], bottom, self.x[-1], bottom)
        self.y = bottom

    def _rule_columns(self) -> None:
        """The column rules of this page's part of the table, top to bottom in one stroke each
        (drawn once when the page ends, not once a row: every coordinate written costs)."""
        if self.y is not None and self.y < self.page_top:
            c = self.doc.canvas
            c.setLineWidth(self.style.line_width)
            c.lines([(x, self.page_top, x, self.y) for x in self.x])

    def _start_page(self) -> None:
        self.doc.new_page()
        top = self.heading(self.doc)
        c = self.doc.canvas
        self.y = self.page_top = top
        self.doc.at_page_end(self._rule_columns)
        c.setLineWidth(self.style.line_width)
        c.line(self.x[0], top, self.x[-1], top)
        cells, height = self._cells([col.title for col in self.columns], HEI, self.style.header_size)
        self._draw_row(cells, max(height, self.style.header_size * 2.2), HEI, self.style.header_size, shade=0.1)
        self.rows_on_page = 0

    def add_row(self, values: Sequence[str], marked: bool = False, keep_below: float = 0.0) -> None:
        """A row; ``marked`` shades it (a fever on the gate log) so it stands out in print.
        ``keep_below``: room the row needs under it on its page (the signature line under the
        table), else it starts the next page."""
        values = [mask_if_masked(v) for v in values]     # before wrapping splits a number
        s, bottom = self.style, self.doc.template.bottom
        cells, height = self._cells(values, SONG, s.size)
        if self.y is None or self.y - height - keep_below < bottom:
            self._start_page()
        leading = s.size * 1.3
        # Taller than an empty page: before, the row ran over the page's foot and off the paper.
        while self.y - height < bottom and self.rows_on_page == 0:
            fit = max(1, int((self.y - bottom - 2 * s.padding) / leading))
            if max(len(c) for c in cells) <= fit:
                break
            self._draw_row([c[:fit] for c in cells], fit * leading + 2 * s.padding, SONG, s.size,
                           shade=0.25 if marked else 0.0)
            rest = [c[fit:] for c in cells]
            if values and not rest[0]:
                rest[0] = break_text(f"{values[0] or ''}（续）", SONG, s.size, self.widths[0] - 2 * s.padding)
            cells = rest
            height = max(s.min_row_height, max(len(c) for c in cells) * leading + 2 * s.padding)
            self._start_page()
        self._draw_row(cells, height, SONG, s.size, shade=0.25 if marked else 0.0)
        self.rows_on_page += 1

    def add_rows(self, rows: Iterable[Sequence[str]]) -> None:
        for row in rows:
            self.add_row(row)

    def fill_page(self) -> None:
        """Blank rows to the foot of the current page (a sheet to fill in by hand)."""
        if self.y is None:
            self._start_page()
        while self.y - self.style.min_row_height >= self.doc.template.bottom:
            self._draw_row([[] for _ in self.columns], self.style.min_row_height, SONG, self.style.size)
