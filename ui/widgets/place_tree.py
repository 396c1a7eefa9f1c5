"""The tree of places beside a list (户籍登记): a place's name is read whole however narrow the
tree is. At 1024 pixels the button bar beside it leaves the tree about 70 pixels and cut
粮食局家属院 to 粮食局家: a name too long for its line goes on to the next (粮食局/家属院), in a
column as wide as the tree (never Qt's 100 pixels, scrolled sideways). A level so deep that it
leaves its names less than FLOOR (a household under its unit) is on one line and scrolls
sideways, as before."""
from PySide6.QtCore import QModelIndex, QRect, QSize
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

# The least a name is wrapped in: three characters a line (粮食局/家属院), never one.
FLOOR = "国国国"


class _WrappedNames(QStyledItemDelegate):
    """Rows as tall as their name wrapped in the width the tree leaves it (QTreeView asks its
    delegate for a row's height without the column's width: a wrapped name had one line)."""

    # Pixels between two places: 幸福里/小区 above 机床厂/家属区 read as four places without it.
    GAP = 6

    def _shown(self, option, index, rect: QRect) -> QStyleOptionViewItem:
        """The item drawn in ``rect``, wrapped in the room the tree leaves it (one line: none)."""
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        room = self.parent().room(index)
        shown.rect = QRect(rect)
        if room is None:
            shown.features &= ~QStyleOptionViewItem.WrapText
        else:
            shown.rect.setWidth(min(rect.width(), room))
        return shown

    def sizeHint(self, option, index) -> QSize:
        tree = self.parent()
        shown = self._shown(option, index, QRect(0, 0, 1 << 20, 1))
        size = tree.style().sizeFromContents(QStyle.CT_ItemViewItem, shown, QSize(), tree)
        return size + QSize(0, self.GAP)

    def paint(self, painter, option, index) -> None:
        # Wrapped in the visible width even when a deeper place made the column wider: a long
        # name is read without scrolling, not on one line running out of sight.
        super().paint(painter, self._shown(option, index, option.rect), index)


class PlaceTree(QTreeView):
    # A cell's text margins, either side (the style's focus frame margin and one pixel).
    MARGIN = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.header().setStretchLastSection(False)
        self.setItemDelegate(_WrappedNames(self))

    def _indent(self, index: QModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return (depth + (1 if self.rootIsDecorated() else 0)) * self.indentation()

    def room(self, index: QModelIndex) -> int | None:
        """The width a name wraps in: what the tree's visible width leaves it at its depth; None
        (one line) where that is less than FLOOR."""
        room = self.viewport().width() - self._indent(index)
        return room if room >= self.fontMetrics().horizontalAdvance(FLOOR) + 2 * self.MARGIN else None

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # The hidden header is never told of a resize: the column follows the viewport here (or
        # the widest deep place open, wider), and the rows are laid out again for their heights.
        # Not sizeHintForColumn: it lays the rows out, which comes back here.
        width = max([self.viewport().width()] + [
            self._indent(index) + self.fontMetrics().horizontalAdvance(str(index.data())) + 2 * self.MARGIN
            for index in self._shown_rows() if self.room(index) is None])
        if self.header().sectionSize(0) != width:
            self.header().resizeSection(0, width)
            self.scheduleDelayedItemsLayout()

    def _shown_rows(self) -> list[QModelIndex]:
        """Every row shown: the top level and the children of what is open."""
        model = self.model()
        if model is None:
            return []
        rows, stack = [], [model.index(row, 0) for row in range(model.rowCount())]
        while stack:
            index = stack.pop()
            rows.append(index)
            if self.isExpanded(index):
                stack += [model.index(row, 0, index) for row in range(model.rowCount(index))]
        return rows
