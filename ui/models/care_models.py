"""Today's care list and isolation list as table models. The lists are built (filtered and
ordered) in desktop/care; they are bounded by the number of care subjects, not of people,
so each model holds its list and never sorts or filters it."""
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.care import vocab as cv
from desktop.care.due import Due, period_length, state_words
from desktop.care.records import CareListItem, FollowUpListItem
from ui import i18n
from ui.models.people_model import age_of

STATE_COLOURS = {"neglected": "#b71c1c", "overdue": "#e65100", "due": "#1565c0", "not_due": "#2e7d32"}
STATE_BACKGROUND = {"neglected": "#ffcdd2", "overdue": "#ffe0b2"}
FEVER_BACKGROUND = "#ffcdd2"


def labels(vocabulary: dict, codes) -> str:
    return "、".join(i18n.label(vocabulary, c) for c in codes) if i18n.language().startswith("zh") \
        else ", ".join(i18n.label(vocabulary, c) for c in codes)


class _ListModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self.today = date.today()
        self.another_day = False

    def set_items(self, items: list, today: date, another_day: bool = False) -> None:
        """``today``: the day the list is for; ``another_day`` when that day is not today (the
        due are 当天应访 then: 今天应访 on tomorrow's list said the wrong day)."""
        self.beginResetModel()
        self._rows, self.today, self.another_day = list(items), today, another_day
        self.endResetModel()

    def item(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def headers(self) -> list[str]:
        raise NotImplementedError


class CareListModel(_ListModel):
    COLUMNS = ("state", "name", "age", "address", "categories", "needs", "frequency", "helper", "last_visit",
               "due_on")

    def headers(self) -> list[str]:
        return [self.tr("State"), self.tr("Name"), self.tr("Age"), self.tr("Address"), self.tr("Categories"),
                self.tr("Needs"), self.tr("Visit"), self.tr("Helper"), self.tr("Last visit"), self.tr("Due on")]

    def state_text(self, item: CareListItem) -> str:
        """The state in the words paper and exports use (desktop/care/due.py state_words):
        21天未走访（上次未见到）."""
        return state_words(item.due, self.another_day, english=not i18n.language().startswith("zh"))

    def widest_state(self) -> str:
        """The longest state a row says (100 days unvisited, not seen last time): the state column
        is never narrower, so it is read whole, not 已21天未走访，上…"""
        day = date(2020, 2, 20)
        return state_words(Due("neglected", day, None, 0, 100, day), english=not i18n.language().startswith("zh"))

    def data(self, index, role=Qt.DisplayRole):
        item: CareListItem = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        s, d, column = item.subject, item.due, self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return {
                "state": self.state_text(item), "name": s.full_name, "age": age_of(s.birth_date, self.today),
                "address": s.address, "categories": labels(cv.CATEGORY, s.categories),
                "needs": labels(cv.NEED, s.needs), "frequency": i18n.label(cv.FREQUENCY, s.frequency),
                "helper": s.helper_name or self.tr("(nobody)"),
                "last_visit": d.last_visit.isoformat() if d.last_visit else self.tr("never"),
                "due_on": d.due_on.isoformat(),
            }[column]
        if role == Qt.ForegroundRole and column == "state":
            return QBrush(QColor(STATE_COLOURS[d.state]))
        if role == Qt.BackgroundRole and column == "state" and d.state in STATE_BACKGROUND:
            return QBrush(QColor(STATE_BACKGROUND[d.state]))
        if role == Qt.FontRole and column in ("state", "name") and d.state == "neglected":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and column == "state":      # what the state means: 超过两个周期未走访
            return i18n.label(cv.DUE_STATE, d.state)
        if role == Qt.ToolTipRole and column in ("address", "categories", "needs", "frequency"):
            return self.data(index) or None     # at 1024×768 these give way first (独…): read whole on hover
        if role == Qt.UserRole:
            return s.id
        return None


class FollowUpListModel(_ListModel):
    COLUMNS = ("flag", "name", "address", "kind", "day", "morning", "evening", "helper", "planned_end")

    def headers(self) -> list[str]:
        return [self.tr("Flag"), self.tr("Name"), self.tr("Address"), self.tr("Kind"), self.tr("Day"),
                self.tr("Morning"), self.tr("Evening"), self.tr("Groceries by"), self.tr("Planned end")]

    def flag_text(self, item: FollowUpListItem) -> str:
        flags = []
        if item.fever_days:
            flags.append(self.tr("Fever"))
        if item.unchecked_slots:
            flags.append(self.tr("Not checked"))
        if item.ends_today_or_past:
            flags.append(self.tr("Release due"))
        return " · ".join(flags)

    @staticmethod
    def _check(f) -> str:
        if f is None:
            return ""
        # °C, not ℃: the window's face (WenQuanYi Micro Hei) draws ℃ blank.
        text = f"{f.temperature:.1f} °C" if f.temperature is not None else "—"
        return text + (" " + labels(cv.SYMPTOM, f.symptoms) if f.symptoms else "")

    def data(self, index, role=Qt.DisplayRole):
        item: FollowUpListItem = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        e, column = item.episode, self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            days = period_length(e.start_on, e.planned_end_on)
            return {
                "flag": self.flag_text(item), "name": e.full_name, "address": e.address,
                "kind": i18n.label(cv.ISOLATION_KIND, e.kind), "day": f"{item.day_number}/{days}",
                "morning": self._check(item.morning) or self.tr("not yet"),
                "evening": self._check(item.evening) or self.tr("not yet"),
                "helper": e.helper_name, "planned_end": e.planned_end_on,
            }[column]
        if role == Qt.BackgroundRole:
            if item.fever_days and column in ("flag", "name"):
                return QBrush(QColor(FEVER_BACKGROUND))
            f = item.morning if column == "morning" else item.evening if column == "evening" else None
            if f is not None and f.has_fever:
                return QBrush(QColor(FEVER_BACKGROUND))
        if role == Qt.ForegroundRole:
            if column in ("morning", "evening") and (item.morning if column == "morning" else item.evening) is None:
                return QBrush(QColor("#9e9e9e"))
            if column == "flag" and item.fever_days:
                return QBrush(QColor("#b71c1c"))
        if role == Qt.ToolTipRole and column == "flag" and item.fever_days:
            return self.tr("Fever on: %1").replace("%1", ", ".join(item.fever_days))
        if role == Qt.UserRole:
            return e.id
        return None
