"""The tree of places beside a list (户籍登记): a place's name is read whole however narrow the
tree is. At 1024 pixels the button bar beside it leaves the tree about 70 pixels and cut
粮食局家属院 to 粮食局家: a name too long for its line goes on to the next (粮食局/家属院), in a
column as wide as the tree (never the 100 pixels Qt gives it, scrolled sideways)."""
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class _WrappedNames(QStyledItemDelegate):
    """Rows as tall as their name wrapped in the width the tree leaves it (QTreeView asks its
    delegate for a row's height without the column's width: a wrapped name had one line)."""

    # Pixels between two places: 幸福里/小区 above 机床厂/家属区 read as four places without it.
    GAP = 6

    def sizeHint(self, option, index) -> QSize:
        tree = self.parent()
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = (depth + (1 if tree.rootIsDecorated() else 0)) * tree.indentation()
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        shown.rect = QRect(0, 0, max(1, tree.header().sectionSize(0) - indent), 1)
        size = tree.style().sizeFromContents(QStyle.CT_ItemViewItem, shown, QSize(), tree)
        return size + QSize(0, self.GAP)


class PlaceTree(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.header().setStretchLastSection(False)
        self.setItemDelegate(_WrappedNames(self))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # The hidden header is never told of a resize: the column follows the viewport here,
        # and the rows are laid out again for their new heights.
        width = self.viewport().width()
        if self.header().sectionSize(0) != width:
            self.header().resizeSection(0, width)
            self.scheduleDelayedItemsLayout()
