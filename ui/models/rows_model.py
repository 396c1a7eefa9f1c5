"""A table of plain rows: the lists of the audit, duty, street, sync and canvass pages, their rows
numbered as the care and register lists number theirs (list_table's RowNumbers header)."""
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor


class RowsModel(QAbstractTableModel):
    """Plain rows under a header: each row a tuple of texts, with an optional colour per row."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers, self.rows, self.colours, self.items = headers, [], [], []

    def set_rows(self, rows: list[tuple], items: list | None = None, colours: list | None = None) -> None:
        self.beginResetModel()
        self.rows, self.items = rows, items or [None] * len(rows)
        self.colours = colours or [None] * len(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        if role == Qt.ToolTipRole:          # whole on hover, where a narrow column cuts it ("删除这一户（…", "新…")
            value = self.rows[index.row()][index.column()]
            return str(value) if value is not None and len(str(value)) > 2 else None
        if role == Qt.ForegroundRole and self.colours[index.row()]:
            return QColor(self.colours[index.row()])
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if role == Qt.DisplayRole and orientation == Qt.Vertical:      # 1, 2, 3 … in the row header
            return str(section + 1)
        return None

    def item(self, row: int):
        return self.items[row] if 0 <= row < len(self.items) else None
