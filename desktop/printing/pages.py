"""Page templates and the PDF document every form draws on.

A ``PdfDocument`` writes to a temporary name beside NAME.pdf (desktop/files.py) and renames
it only when the whole file is written, so a cancelled or failed batch never leaves half a PDF where the last good one was.
Page numbers: forms carry ``第 1 页 共 3 页`` (notices number their own, notice.py),
whose total is only known at the end, so every page shows the same small form XObject
(``共 N 页``) filled in when the document is finished, beside its own ``第 n 页``. One shared
form, not one a page: 6,514 household sheets wrote 6,514 forms, a fifth of the file's objects.
A file of sheets each handed to someone else (one person's health sheet) numbers each sheet on
its own (``begin_part``): 第1页 共2页 for each person, not 第3页 共18页 across the batch; one
form a part then.
"""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from desktop.masking import mask_if_masked

from desktop.files import FileWriteError, describe_os_error, remove_quietly, replace_with, temporary_name
from desktop.printing.fonts import HEI, SONG, printable, register_fonts
from desktop.printing.layout import break_text, text_width

Progress = Callable[[int, int], None]

# Page streams are compressed binary, not also ASCII85-encoded (reportlab's default, meant for
# 7-bit mail): a quarter smaller, and without its pure-Python encoder a batch is 10% faster.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Printed:
    """What a print job made: the file, its pages and how many items (letters, passes …);
    ``title``: what it printed when the catalogue's title does not say (a notice: its template);
    ``unit``: what an item is (份 a copy; a day's gate log counts 条记录, passages, not copies;
    '' for blank sheets, counted in pages only)."""
    path: Path
    pages: int
    items: int = 0
    title: str = ""
    unit: str = "份"


class Cancelled(Exception):
    """Raised by a progress callback to stop a batch; the partial file is removed."""


@dataclass(frozen=True)
class PageTemplate:
    """Paper size and margins in points; the text block is what lies inside the margins."""
    size: tuple[float, float]
    top: float
    right: float
    bottom: float
    left: float
    numbering: str = "of_total"          # of_total: 第 n 页 共 N 页 | none

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]

    @property
    def measure(self) -> float:
        """Width of the text block."""
        return self.size[0] - self.left - self.right

    @property
    def block_top(self) -> float:
        return self.size[1] - self.top


# GB/T 9704-2012: A4, top margin 37 mm, binding margin 28 mm, text block 156 × 225 mm.
NOTICE_A4 = PageTemplate(A4, 37 * mm, 210 * mm - 28 * mm - 156 * mm, 297 * mm - 37 * mm - 225 * mm,
                         28 * mm, numbering="none")     # notice.py numbers its own pages
# A poster for the bulletin board: the same proportions on A3.
NOTICE_A3 = PageTemplate(A3, 52 * mm, 37 * mm, 49 * mm, 40 * mm, numbering="none")
FORM_A4 = PageTemplate(A4, 15 * mm, 12 * mm, 18 * mm, 12 * mm)
FORM_A4_LANDSCAPE = PageTemplate(landscape(A4), 12 * mm, 12 * mm, 16 * mm, 12 * mm)
SIGN_A4 = PageTemplate(landscape(A4), 15 * mm, 15 * mm, 15 * mm, 15 * mm, numbering="none")
CARDS_A4 = PageTemplate(A4, 10 * mm, 10 * mm, 10 * mm, 10 * mm, numbering="none")


class _MaskingText(PDFTextObject):
    def textOut(self, text):
        return super().textOut(mask_if_masked(text))

    def textLine(self, text=""):
        return super().textLine(mask_if_masked(text))


class _Canvas(Canvas):
    """A canvas whose text passes through ``mask_if_masked``: on masked paper (desktop.masking.
    masked_output) no ID or mobile number is drawn, whatever the form hands it."""

    def drawString(self, x, y, text, *args, **kwargs):
        return super().drawString(x, y, mask_if_masked(text), *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        return super().drawRightString(x, y, mask_if_masked(text), *args, **kwargs)

    def drawCentredString(self, x, y, text, *args, **kwargs):
        return super().drawCentredString(x, y, mask_if_masked(text), *args, **kwargs)

    def beginText(self, x=0, y=0, direction=None):
        return _MaskingText(self, x, y, direction=direction)


class PdfDocument:
    """One PDF being written: pages of one template, page numbers, progress and cancel.

    Use as a context manager; leaving it normally finishes the file, an exception (including
    ``Cancelled``) deletes the partial file.
    """

    def __init__(self, path: Path | str, template: PageTemplate, title: str = "",
                 progress: Progress | None = None, compress: bool = True):
        self.song, self.hei = register_fonts()
        self.path = Path(path)
        self.part = temporary_name(self.path)
        self.template = template
        self.progress = progress
        # initialFontName: otherwise reportlab names Helvetica in every page's preamble, a
        # font that is never embedded.
        self.canvas = _Canvas(str(self.part), pagesize=template.size, pageCompression=int(compress),
                             initialFontName=SONG, initialFontSize=12)
        self.canvas.setTitle(title)
        self.canvas.setCreator("社区门神 Menshen")
        self.pages = 0
        self._page_open = False
        # Runs of page numbers: (the form showing its total, its first page). One run unless
        # ``begin_part`` starts others.
        self._parts: list[tuple[str, int]] = [("pages_total", 1)]
        self._at_page_end: list[Callable[[], None]] = []

    # -- pages -----------------------------------------------------------------------------
    def at_page_end(self, finish: Callable[[], None]) -> None:
        """Call ``finish`` once, just before the current page is closed (a table's rules)."""
        self._at_page_end.append(finish)

    def _end_page(self) -> None:
        hooks, self._at_page_end = self._at_page_end, []
        for finish in hooks:
            finish()

    def new_page(self) -> None:
        """Start a page (closing the one before); its number is drawn now."""
        if self._page_open:
            self._end_page()
            self.canvas.showPage()
        self.pages += 1
        self._page_open = True
        self._draw_number()

    def begin_part(self) -> None:
        """Number the pages from the next one on as a sheet of their own (one household's):
        第 1 页 again, and 共 N 页 counting only them."""
        if self._parts[-1][1] > self.pages:          # the run before has no page yet: reuse it
            self._parts[-1] = (self._parts[-1][0], self.pages + 1)
        else:
            self._parts.append((f"pages_total_{len(self._parts)}", self.pages + 1))

    def ensure_page(self) -> None:
        if not self._page_open:
            self.new_page()

    def _draw_number(self) -> None:
        t, c = self.template, self.canvas
        form, first = self._parts[-1]
        n = self.pages - first + 1
        if t.numbering == "of_total":
            y = t.bottom / 2 - 4
            c.setFont(SONG, 9)
            c.drawRightString(t.width / 2 - 3, y, f"第 {n} 页")
            c.saveState()
            c.translate(t.width / 2 + 3, y)
            c.doForm(form)
            c.restoreState()

    # -- progress --------------------------------------------------------------------------
    def step(self, done: int, total: int) -> None:
        if self.progress:
            self.progress(done, total)

    # -- finishing -------------------------------------------------------------------------
    def finish(self) -> Path:
        self.ensure_page()
        self._end_page()
        if self.template.numbering == "of_total":
            ends = [first for _, first in self._parts[1:]] + [self.pages + 1]
            for (form, first), end in zip(self._parts, ends):
                if end > first:
                    self.canvas.beginForm(form, lowerx=-10, lowery=-10, upperx=150, uppery=20)
                    self.canvas.setFont(SONG, 9)
                    self.canvas.drawString(0, 0, f"共 {end - first} 页")
                    self.canvas.endForm()
        try:
            self.canvas.save()
            replace_with(self.part, self.path)
        except OSError as exc:
            self.abandon()
            raise FileWriteError(describe_os_error(exc, self.path), self.path, exc) from exc
        return self.path

    def printed(self, items: int = 0, title: str = "", unit: str = "份") -> Printed:
        return Printed(self.path, self.pages, items, title, unit)

    def abandon(self) -> None:
        remove_quietly(self.part)       # on a read-only stick even removing a missing file fails

    def __enter__(self) -> "PdfDocument":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.finish()
        else:
            self.abandon()


def draw_heading(doc: PdfDocument, title: str, left: str = "", right: str = "",
                 size: float = 16) -> float:
    """A form's title centred at the top of the block, an optional line under it with the
    scope on the left and the date on the right; returns the y where the content starts."""
    t, c = doc.template, doc.canvas
    y = t.block_top - size
    c.setFont(HEI, size)
    c.drawCentredString(t.left + t.measure / 2, y, printable(title, HEI))
    y -= size * 0.9
    if left or right:
        # A long committee or gate name wraps beside the date instead of running into it.
        gap = 20 if right else 0
        right_w = text_width(mask_if_masked(right), SONG, 10) if right else 0.0
        lines = [line.text for line in break_text(left, SONG, 10, t.measure - right_w - gap)] if left else [""]
        c.setFont(SONG, 10)
        y -= 10
        if right:
            c.drawRightString(t.left + t.measure, y, right)
        for n, line in enumerate(lines):
            if n:
                y -= 13
            if line:
                c.drawString(t.left, y, line)
        y -= 6
    return y - 4
