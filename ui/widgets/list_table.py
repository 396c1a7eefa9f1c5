"""The read-only list every page shows: whole rows selected one at a time, alternating colours,
rows the height the bundled font needs; editing happens in dialogs, never in the cells."""
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QWidget)

# The widest a person's name is drawn in a list (ColumnFitter's ``whole``): a two-character
# surname and given name.
NAME_SAMPLE = "欧阳小明"


class RowNumbers(QHeaderView):
    """The row numbers at the left of a list, centred with room either side. Qt's own header
    is as wide as the widest number plus two pixels a side: on a short list 「1」 sat squeezed
    against the frame and the first cell's grid line."""

    PADDING = 6                         # pixels each side of the widest number

    def __init__(self, parent: QWidget):
        super().__init__(Qt.Vertical, parent)
        self.setDefaultAlignment(Qt.AlignCenter)

    def sectionSizeFromContents(self, logical: int) -> QSize:
        size = super().sectionSizeFromContents(logical)
        return QSize(size.width() + 2 * self.PADDING, size.height())


def list_table(parent: QWidget, model: QAbstractItemModel, name: str,
               widths: tuple[int, ...] = ()) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setVerticalHeader(RowNumbers(table))
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


class ElideLeft(QStyledItemDelegate):
    """A column whose text gives way from its start (an address: "…1栋1单元101" keeps the door)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.ElideLeft
        option.features &= ~QStyleOptionViewItem.WrapText     # one line, cut at its start only


def open_row_with(table: QTableView, slot) -> None:
    """The row under the cursor opens (``slot``) with a double click or with Enter (the view's
    ``activated``): a clerk typing a round of visits from paper never needs the mouse. No event
    filter on the table: a Python filter on a busy widget's every event made the window crash
    now and then (see ColumnFitter)."""
    table.activated.connect(lambda _index: slot())


def down_goes_to(search: QWidget, slot) -> None:
    """Down in a search box goes to what it found (``slot``), as Enter does. The context is set
    apart: given as a keyword to QShortcut it was dropped, and the shortcut took Down in the
    whole window (the arrows never moved in the table or the tree)."""
    from PySide6.QtGui import QKeySequence, QShortcut
    shortcut = QShortcut(QKeySequence(Qt.Key_Down), search, slot)
    shortcut.setContext(Qt.WidgetShortcut)


class ColumnFitter(QObject):
    """Columns fitted to the table's width, the columns that matter first.

    Each column keeps its width; ``stretch`` (the address, usually) takes what is left, at least
    ``stretch_min``. When the table is too narrow for that (a 1024-pixel screen), the columns at
    the right (in the order shown) give way first and elide their text ("…"), down to
    ``min_width``: the name, the status colour and the address stay in sight, never scrolled away.
    No column gives way past its header's text, nor past the sample text of ``whole`` (column →
    text, e.g. an 18-character ID, or texts: the widest of them, a status in the window's
    language; in ``bold`` columns, as a bold row draws it). ``room_for`` (column → texts: a
    relation's labels in the window's language) makes a column as wide as the widest of its
    texts while there is room; at 1024 pixels it gives way like the rest. ``stretch_least``: once
    every other column is at its least, the stretch column too gives way, down to that (an
    address from its start, to its door), before the last columns scroll. When the headers on
    one line are too wide for that (1024
    pixels, and the row numbers of a thousand people take their share), the headers break onto
    two lines ("与户主/关系", "重点/人员", as paper registers print them) and those columns give way
    down to the wider line; only when even that is too wide do the last columns scroll.
    ``order`` shows the model's columns in another order (the model's indexes do not change).
    """

    # Beyond the style's own header margins: a header read in full, never "证件号…".
    HEADER_SLACK = 6
    # A cell's margins and the focus frame around a sample text (7 pixels in Fusion).
    CELL_SLACK = 10
    # Header lines, at most: a third line would make the header taller than a row is worth.
    HEADER_LINES = 2

    def __init__(self, table: QTableView, widths: tuple[int, ...], stretch: int, stretch_min: int = 200,
                 stretch_least: int | None = None,
                 min_width: int = 40, order: tuple[int, ...] = (),
                 whole: dict[int, str | tuple[str, ...]] | None = None, bold: tuple[int, ...] = (),
                 room_for: dict[int, tuple[str, ...]] | None = None):
        super().__init__(table)
        self.table, self.widths, self.stretch = table, widths, stretch
        self.stretch_min, self.min_width, self.whole, self.bold = stretch_min, min_width, whole or {}, bold
        self.room_for = room_for or {}
        self.stretch_least = stretch_min if stretch_least is None else min(stretch_least, stretch_min)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        # Headers wrap (between characters in Chinese, at spaces in English) rather than elide:
        # a section is never narrower than its header on two lines, so nothing is cut.
        header.setDefaultAlignment(Qt.AlignCenter | Qt.TextWordWrap)
        header.setTextElideMode(Qt.ElideNone)
        self.lines = 1                # how many lines the headers are drawn on now
        self._wrapped: dict[tuple[str, int], int] = {}
        for visual, logical in enumerate(order):
            header.moveSection(header.visualIndex(logical), visual)
        # A hidden page's viewport is resized without telling (the row numbers' width arrives
        # when the rows are first shown): fit again when it is shown, too. The viewport's events
        # only: a Python filter on the table itself (every event of a busy widget) made PySide
        # build event wrappers inside the filter, and the window crashed now and then at start.
        table.viewport().installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [c for c in shown if not header.isSectionHidden(c)]
        room = self.table.viewport().width()
        for lines in range(1, self.HEADER_LINES + 1):
            floors = {c: self.floor(c, lines) for c in shown}
            if sum(w for c, w in floors.items() if c != self.stretch) + self.stretch_min <= room:
                break
        self._set_lines(lines)
        widths = {c: max(floors[c], self.wanted(c)) for c in shown}
        short = sum(w for c, w in widths.items() if c != self.stretch) + self.stretch_min - room
        for column in reversed(shown):
            if short <= 0:
                break
            if column == self.stretch:
                continue
            give = min(short, max(0, widths[column] - floors[column]))
            widths[column] -= give
            short -= give
        if self.stretch in widths:
            # Less than stretch_min only when every other column is at its least (``short`` left).
            widths[self.stretch] = max(self.stretch_least,
                                       room - sum(w for c, w in widths.items() if c != self.stretch))
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                self.table.setColumnWidth(column, width)

    def wanted(self, column: int) -> int:
        """The column's width when there is room: its own, or its ``room_for`` texts whole."""
        own = self.widths[column] if column < len(self.widths) else self.table.horizontalHeader().sectionSize(column)
        return max(own, self.cell_width(column, self.room_for.get(column, ())))

    def narrowest(self) -> int:
        """The table's width with every shown column whole: each at its floor (headers on up to
        two lines), the stretch column at its least, the row numbers, the frame and room for a
        vertical scroll bar. Narrower, the last columns scroll."""
        header = self.table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        columns = sum(self.floor(c, self.HEADER_LINES) for c in shown if c != self.stretch)
        columns += self.stretch_least if self.stretch in shown else 0
        bar = self.table.style().pixelMetric(QStyle.PM_ScrollBarExtent, None, self.table)
        return columns + self.table.verticalHeader().sizeHint().width() + 2 * self.table.frameWidth() + bar

    def floor(self, column: int, lines: int = 1) -> int:
        """The narrowest the column may be: its header whole on ``lines`` lines, and its sample
        text if it has one."""
        header = self.table.horizontalHeader()
        text = str(self.table.model().headerData(column, Qt.Horizontal) or "")
        metrics = QFontMetrics(header.font())
        one_line = metrics.horizontalAdvance(text)
        margins = header.sectionSizeHint(column) - one_line     # the style's, around the text
        floor = max(self.min_width, margins + self.text_width(metrics, text, lines) + self.HEADER_SLACK)
        if column in self.whole:
            sample = self.whole[column]
            floor = max(floor, self.cell_width(column, (sample,) if isinstance(sample, str) else sample))
        return floor

    def cell_width(self, column: int, texts) -> int:
        """The width that draws the widest of ``texts`` whole in the column's cells (0: none)."""
        font = QFont(self.table.font())
        font.setBold(column in self.bold)
        metrics = QFontMetrics(font)
        return max((metrics.horizontalAdvance(text) + self.CELL_SLACK for text in texts), default=0)

    def text_width(self, metrics: QFontMetrics, text: str, lines: int) -> int:
        """The narrowest width that draws ``text`` on at most ``lines`` lines, wrapped as the
        header wraps it."""
        key = (text, lines)
        if key not in self._wrapped:
            width = metrics.horizontalAdvance(text)
            if lines > 1:
                def fits(at: int, tallest: int) -> bool:
                    # A word that cannot break (English "Relation") is drawn wider than ``at``,
                    # not taller: the header showed "elatio" in a column half its width.
                    drawn = metrics.boundingRect(QRect(0, 0, at, 1000), Qt.AlignCenter | Qt.TextWordWrap, text)
                    return drawn.height() <= tallest and drawn.width() <= at
                tallest = lines * metrics.boundingRect(QRect(0, 0, width, 1000),
                                                       Qt.AlignCenter | Qt.TextWordWrap, text).height()
                narrower = width // lines
                while narrower < width and not fits(narrower, tallest):
                    narrower += 1
                width = narrower
            self._wrapped[key] = width
        return self._wrapped[key]

    def _set_lines(self, lines: int) -> None:
        """Make the header as tall as ``lines`` lines of its text (one line: its own height)."""
        if lines == self.lines:
            return
        self.lines = lines
        header = self.table.horizontalHeader()
        line = QFontMetrics(header.font()).boundingRect("重").height()
        header.setMinimumHeight(0 if lines == 1 else header.sizeHint().height() + (lines - 1) * line)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Resize, QEvent.Show):
            self.fit()
        return False
