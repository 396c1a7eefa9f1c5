"""The import preview: every row as it will be imported, rows with errors in red with the reason,
rows kept with a warning in yellow with what to check."""
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.excel.importer import ImportPlan, display_fields, display_values
from desktop.excel.plan import PlanRow, one_after_another
from ui import i18n
from ui.import_fields import change_caption, field_caption

ERROR_TEXT = QColor("#b71c1c")
ERROR_CELL = QColor("#ffcdd2")
WARNING_CELL = QColor("#fff3c4")
UPDATE_TEXT = QColor("#0d47a1")


class ImportPreviewModel(QAbstractTableModel):
    """Rows of an ImportPlan; ``only_errors`` shows just the rows that will not be imported."""

    REASON_COLUMN = 2

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.rows = []
        self.fields: list[tuple[str, str]] = []
        self._cache: dict[int, list[str]] = {}

    def set_plan(self, plan: ImportPlan | None, only_errors: bool = False) -> None:
        self.beginResetModel()
        self.plan = plan
        self.rows = [] if plan is None else (plan.bad if only_errors else plan.rows)
        self.fields = [] if plan is None else display_fields(plan)
        self._cache = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.plan is None else len(self.fields) + 3

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole or orientation != Qt.Horizontal or self.plan is None:
            return None
        if section == 0:
            return self.tr("Row")
        if section == 1:
            return self.tr("Result")
        if section == 2:
            return self.tr("Reason")
        return field_caption(self.plan.kind, self.fields[section - 3][0], self.plan.village)

    def result_text(self, row: PlanRow) -> str:
        """What a row will do, in the window's language: new, update (and what), no change, or
        not imported. The reasons beside it are the importer's, in Chinese."""
        if not row.ok:
            return self.tr("Not imported")
        if row.action == "update" and row.changes:      # the fields changed, named as the columns are
            return self.tr("Update: %1").replace("%1", self.tr(", ").join(
                change_caption(self.plan.kind, key, self.plan.village) for key in row.changes))
        if row.action == "update":      # a care list's writer says that, not what: never "更新：" and nothing
            return self.tr("Update")
        return {"new": self.tr("New"), "same": self.tr("No change")}.get(row.action, self.tr("Import"))

    def _values(self, r: int) -> list[str]:
        if r not in self._cache:
            if len(self._cache) > 2000:
                self._cache.clear()
            # coded values (男, 户主, 已访) in the window's language, as the headers are
            self._cache[r] = display_values(self.plan, self.rows[r], self.fields, i18n.label)
        return self._cache[r]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.plan is None:
            return None
        row = self.rows[index.row()]
        col = index.column()
        last = 2                                   # the reason, beside the result: always in view
        field = self.fields[col - 3][0] if col > last else None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            if col == 0:
                sheet = f"{row.sheet} " if len(self.plan.sheets) > 1 else ""
                return f"{sheet}{row.row}"
            if col == 1:
                return self.result_text(row)
            if col == last:                        # whole: the view elides it, the pane shows it whole
                return one_after_another(e.message for e in row.errors + row.warnings)
            value = self._values(index.row())[col - 3]
            if role == Qt.ToolTipRole:             # the cell whole (a row is one line), then its problems
                messages = [e.message for e in row.errors + row.warnings if e.field == field]
                return "\n".join(([value] if value else []) + messages) or None
            return value
        if role == Qt.ForegroundRole:
            if not row.ok:
                return QBrush(ERROR_TEXT)
            if row.action == "update" and col == 1:
                return QBrush(UPDATE_TEXT)
        if role == Qt.BackgroundRole:
            if any(e.field == field for e in row.errors) or (col == last and not row.ok):
                return QBrush(ERROR_CELL)
            if any(w.field == field for w in row.warnings) or (col == last and row.warnings):
                return QBrush(WARNING_CELL)
        return None
