"""People of the register as a table that fetches in pages, so a street office's 200,000
people scroll without loading them all. Sorting and filtering happen in SQL (desktop/), never
in a proxy model over every row."""
from datetime import date
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop import vocab
from desktop.records import Person
from ui import i18n

PAGE = 200
STATUS_BACKGROUND = {"home_isolation": "#ffcdd2", "observation": "#ffe0b2", "away": "#bbdefb"}


def age_of(birth_date: str, today: date | None = None) -> str:
    try:
        born = date.fromisoformat(birth_date)
    except ValueError:
        return ""
    today = today or date.today()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


class PeopleModel(QAbstractTableModel):
    # Column headers are translated at display time (QT_TRANSLATE_NOOP-like list below).
    COLUMNS = ("name", "sex", "age", "id_number", "phone", "address", "relation", "status", "key")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Person] = []
        self._total = 0
        self._fetch: Callable[[int, int], list[Person]] = lambda offset, limit: []

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("ID number"), self.tr("Phone"),
                self.tr("Address"), self.tr("Relation"), self.tr("Status"), self.tr("Key person")]

    def set_source(self, fetch: Callable[[int, int], list[Person]], total: int) -> None:
        """Show a new list: ``fetch(offset, limit)`` gives a page, ``total`` its full length."""
        self.beginResetModel()
        self._fetch, self._total = fetch, total
        self._rows = fetch(0, PAGE) if total else []
        self.endResetModel()

    def person(self, row: int) -> Person | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, person_id: str) -> int:
        for i, p in enumerate(self._rows):
            if p.id == person_id:
                return i
        return -1

    def total(self) -> int:
        return self._total

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self._fetch(len(self._rows), PAGE)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p, column = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return {
                "name": p.full_name,
                "sex": i18n.label(vocab.SEX, p.sex) if p.sex else "",
                "age": age_of(p.birth_date),
                "id_number": p.id_number,
                "phone": p.phone,
                "address": p.address,
                "relation": i18n.label(vocab.RELATION, p.relation) if p.relation else "",
                "status": i18n.label(vocab.STATUS, p.status),
                "key": self.tr("Yes") if p.is_key_person else "",
            }[column]
        if role == Qt.BackgroundRole and column == "status" and p.status in STATUS_BACKGROUND:
            return QBrush(QColor(STATUS_BACKGROUND[p.status]))
        if role == Qt.ForegroundRole and column == "status":
            return QBrush(QColor(vocab.STATUS_COLOURS[p.status]))
        if role == Qt.ToolTipRole and column == "status" and p.status_reason:
            return p.status_reason
        if role == Qt.UserRole:
            return p.id
        return None
