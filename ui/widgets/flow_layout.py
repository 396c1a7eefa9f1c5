"""A row of buttons or filters that goes on to a second line where the width runs out.

A page's row of nine buttons was the window's minimum width (1005 of the 1008 pixels a 1024×768
screen leaves in Chinese, 1139 in English, so the English window was wider than the screen).
Wrapped, the row needs only its widest item, and is one line wherever the width allows.
"""
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem

SPACING = 6              # a QHBoxLayout's between buttons, across and down


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, each line as tall as its tallest item,
    items centred on it; a line too narrow for an item's preferred width gives it the line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # -- the items -------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        if item.spacerItem() is None:       # a stretch means nothing in a flow: left-aligned
            self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """As QBoxLayout.insertWidget (a label and a box put before a bar's buttons)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- the sizes -------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._lay_out(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """All on one line."""
        shown = [i.sizeHint() for i in self._shown()]
        width = sum(s.width() for s in shown) + SPACING * max(len(shown) - 1, 0)
        return QSize(width, max((s.height() for s in shown), default=0)) + self._margin_size()

    def minimumSize(self) -> QSize:
        """The widest item alone on its line."""
        shown = [i.minimumSize() for i in self._shown()]
        size = QSize(max((s.width() for s in shown), default=0), max((s.height() for s in shown), default=0))
        return size + self._margin_size()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._lay_out(rect, move=True)

    def _margin_size(self) -> QSize:
        m: QMargins = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]       # a hidden button takes no room

    def _lay_out(self, rect: QRect, move: bool) -> int:
        """Place the items in ``rect`` (``move``) or only measure: the height the lines take."""
        area = rect.marginsRemoved(self.contentsMargins())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(area.width(), item.maximumSize().height()))
            size = size.expandedTo(item.minimumSize())
            if lines[-1] and x + size.width() > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, size))
            x += size.width() + SPACING
        y = area.y()
        for line in lines:
            height = max((s.height() for _, s in line), default=0)
            left = area.x()
            for item, size in line:
                if move:
                    item.setGeometry(QRect(QPoint(left, y + (height - size.height()) // 2), size))
                left += size.width() + SPACING
            y += height + SPACING
        m = self.contentsMargins()
        return max(y - SPACING - area.y(), 0) + m.top() + m.bottom()
