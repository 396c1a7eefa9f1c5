"""People of the register as a table that fetches in pages, so a street office's 200,000
people scroll without loading them all. Sorting and filtering happen in SQL (desktop/), never
in a proxy model over every row."""
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop import vocab
from desktop.records import Person
from ui import i18n
from ui.models.paged_model import PagedTableModel

STATUS_BACKGROUND = {"home_isolation": "#ffcdd2", "observation": "#ffe0b2", "away": "#bbdefb"}


def age_of(birth_date: str, today: date | None = None) -> str:
    try:
        born = date.fromisoformat(birth_date)
    except ValueError:
        return ""
    today = today or date.today()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


class PeopleModel(PagedTableModel):
    # Column headers are translated at display time (QT_TRANSLATE_NOOP-like list below).
    COLUMNS = ("name", "sex", "age", "id_number", "phone", "address", "relation", "status", "key")

    def __init__(self, parent=None):
        super().__init__(parent)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("ID number"), self.tr("Phone"),
                self.tr("Address"), self.tr("Relation"), self.tr("Status"), self.tr("Key person")]

    def person(self, row: int) -> Person | None:
        return self.row_item(row)

    def row_of(self, person_id: str) -> int:
        for i, p in enumerate(self._rows):
            if p.id == person_id:
                return i
        return -1

    # -- Qt model API ----------------------------------------------------------------------
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
            return QBrush(QColor(vocab.status_colour(p.status)))
        if role == Qt.ToolTipRole and column == "status" and p.status_reason:
            return p.status_reason
        if role == Qt.ToolTipRole and column == "address":    # whole, where the column cuts its start
            return p.address or None
        if role == Qt.UserRole:
            return p.id
        return None
