"""A day of the gate log as a table fetched in pages (a season holds a million rows)."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.gate.log import SHEET_GUARD, note_part, passage_name
from desktop.gate.plates import format_plate
from desktop.gate.records import LogEntry
from ui.gate.colours import logged_colours
from ui.models.paged_model import PagedTableModel


class GateLogModel(PagedTableModel):
    COLUMNS = ("at", "direction", "name", "address", "plate", "temperature", "outcome", "note", "checkpoint")
    # Whole on hover: at 1024×768 the note and the gate give way to "去…", "幸…" (ui/gate/day_view.py).
    READ_ON_HOVER = ("name", "address", "plate", "outcome", "note", "checkpoint")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headers = self.headers()
        self._shown: dict[int, tuple[str, ...]] = {}      # display texts, made once per row

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("In/out"), self.tr("Name"), self.tr("Address / visiting"),
                self.tr("Plate"), self.tr("°C"), self.tr("Result"), self.tr("Note"), self.tr("Checkpoint")]

    def _source_changed(self) -> None:
        self._shown.clear()

    def entry(self, row: int) -> LogEntry | None:
        return self.row_item(row)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self._headers[section]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:
            return str(section + 1)
        return None

    def outcome_words(self) -> dict[str, str]:
        """What was done, by its code, in words as short as the column's header: at 1024 the
        English column read "Allo…", "Turn…" (放行, 劝返, 送医, 未记录 in Chinese)."""
        return {"allowed": self.tr("OK"), "turned_back": self.tr("Back"),
                "referred": self.tr("Clinic"), "": self.tr("None")}

    def _outcome(self, e: LogEntry) -> str:
        return self.outcome_words().get(e.outcome, e.outcome)

    def _texts(self, e: LogEntry) -> tuple[str, ...]:
        written, note = note_part(e.note, SHEET_GUARD, e.source)
        if written:     # a typed-up sheet's guard, first: no room at 1024×768 for a column of its own
            note = self.tr("Guard: %1").replace("%1", e.guard) + (" " + note if note else "")
        if e.override_reason:
            note = self.tr("Let out: %1").replace("%1", e.override_reason) + (" " + note if note else "")
        if e.rule_exceeded:
            note = self.tr("Beyond the household rule") + (" " + note if note else "")
        if e.void_reason:
            note = self.tr("VOIDED: %1").replace("%1", e.void_reason)
        if e.kept:      # still in the gate journal: written once the register can take it
            note = self.tr("[kept]") + (" " + note if note else "")
        return (e.at[11:19], self.tr("In") if e.direction == "in" else self.tr("Out"), passage_name(e), e.address,
                format_plate(e.plate), f"{e.temperature:.1f}" if e.temperature is not None else "", self._outcome(e), note,
                e.checkpoint)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e, column = self._rows[index.row()], self.COLUMNS[index.column()]
        if role == Qt.DisplayRole or (role == Qt.ToolTipRole and column in self.READ_ON_HOVER):
            shown = self._shown.get(index.row())
            if shown is None:
                shown = self._shown[index.row()] = self._texts(e)
            text = shown[index.column()]
            return text if role == Qt.DisplayRole or text else None     # no empty tooltip box
        if role == Qt.ForegroundRole:
            text = logged_colours(e)[1]
            # A voided row is grey throughout; a fever is red where the reading and what was done are.
            if text and (e.void_reason or column in ("temperature", "outcome")):
                return QBrush(QColor(text))
        if role == Qt.FontRole and e.void_reason:
            font = QFont()
            font.setStrikeOut(column != "note")
            return font
        if role == Qt.BackgroundRole:
            background = logged_colours(e)[0]
            return QBrush(QColor(background)) if background else None
        if role == Qt.UserRole:
            return e.id
        return None
