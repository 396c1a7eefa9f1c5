"""A label of one line that gives way in its middle ("D:/街道/…/第三网格") rather than widen its
page: a folder's path can be longer than a 1024-pixel screen. Whole on hover."""
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget

# The least the label keeps when its row is short of room: its first words and the end.
LEAST_CHARACTERS = 12


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._whole = ""

    def setText(self, text: str) -> None:
        self._whole = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def whole(self) -> str:
        return self._whole

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._whole) + 2 * self.margin() + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("重" * LEAST_CHARACTERS), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._elide()

    def _elide(self) -> None:
        if not self.isVisible():            # not laid out yet: its width is no one's
            super().setText(self._whole)
            return
        room = self.contentsRect().width() - 2 * self.margin()
        super().setText(self.fontMetrics().elidedText(self._whole, Qt.ElideMiddle, max(room, 0)))
