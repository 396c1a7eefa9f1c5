"""The read-only list every page shows: whole rows selected one at a time, alternating colours,
rows the height the bundled font needs; editing happens in dialogs, never in the cells."""
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def list_table(parent: QWidget, model: QAbstractItemModel, name: str,
               widths: tuple[int, ...] = ()) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


class ColumnFitter(QObject):
    """Columns fitted to the table's width, the columns that matter first.

    Each column keeps its width; ``stretch`` (the address, usually) takes what is left, at least
    ``stretch_min``. When the table is too narrow for that (a 1024-pixel screen), the columns at
    the right (in the order shown) give way first and elide their text ("…"), down to
    ``min_width``: the name, the status colour and the address stay in sight, never scrolled away.
    No column gives way past its header's text, nor past the sample text of ``whole`` (column →
    text, e.g. an 18-character ID): when even that is too wide, the last columns scroll instead.
    ``order`` shows the model's columns in another order (the model's indexes do not change).
    """

    # Beyond the style's own header margins: a header read in full, never "证件号…".
    HEADER_SLACK = 6
    # A cell's margins and the focus frame around a sample text (7 pixels in Fusion).
    CELL_SLACK = 10

    def __init__(self, table: QTableView, widths: tuple[int, ...], stretch: int, stretch_min: int = 200,
                 min_width: int = 40, order: tuple[int, ...] = (), whole: dict[int, str] | None = None):
        super().__init__(table)
        self.table, self.widths, self.stretch = table, widths, stretch
        self.stretch_min, self.min_width, self.whole = stretch_min, min_width, whole or {}
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
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
        floors = {c: self.floor(c) for c in shown}
        widths = {c: max(floors[c], self.widths[c] if c < len(self.widths) else header.sectionSize(c))
                  for c in shown}
        room = self.table.viewport().width()
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
            widths[self.stretch] = max(self.stretch_min,
                                       room - sum(w for c, w in widths.items() if c != self.stretch))
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                self.table.setColumnWidth(column, width)

    def floor(self, column: int) -> int:
        """The narrowest the column may be: its header whole, and its sample text if it has one."""
        header = self.table.horizontalHeader()
        floor = max(self.min_width, header.sectionSizeHint(column) + self.HEADER_SLACK)
        if column in self.whole:
            advance = QFontMetrics(self.table.font()).horizontalAdvance(self.whole[column])
            floor = max(floor, advance + self.CELL_SLACK)
        return floor

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Resize, QEvent.Show):
            self.fit()
        return False
