"""What the care and isolation pages share: a list for a day above the card of the chosen row,
the day itself (the computer's date, or one fixed by tests), and the helper filter."""
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QTableView, QTextBrowser, QWidget


# The width a helper filter keeps: a three-character name and its kind (longer ones elide).
TYPICAL_HELPER = "王新民（楼栋长）"


class DatedListPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._today: date | None = None      # None: the computer's date at each reload

    @property
    def today(self) -> date:
        """The day the lists are for: fixed by ``set_today`` (tests), else the computer's date,
        so a window left open overnight shows the new day's work."""
        return self._today or date.today()

    def set_today(self, today: date | None) -> None:
        self._today = today
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def table_over_card(self, table: QTableView, card: QTextBrowser) -> QSplitter:
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(table)
        splitter.addWidget(card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return splitter

    @staticmethod
    def fill_helpers(combo: QComboBox, fixed: list[tuple[str, object]], helpers: list[tuple[str, str]]) -> None:
        """Refill a helper filter (fixed choices first, then each helper), keeping the choice.

        The filter is as wide as its fixed choices, never as its longest helper: one volunteer
        named 欧阳娜娜·古丽米热·阿不都热西提 made the page wider than a 1024-pixel screen. The
        list that drops down is wide enough to read every name whole."""
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for label, data in fixed + helpers:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)
        metrics = combo.fontMetrics()
        typical = max(metrics.horizontalAdvance(text) for text in [label for label, _ in fixed] + [TYPICAL_HELPER])
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(-(-typical // max(metrics.horizontalAdvance("x"), 1)))
        longest = max(metrics.horizontalAdvance(label) for label, _ in fixed + helpers)
        combo.view().setMinimumWidth(longest + 32)
