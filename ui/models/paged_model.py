"""A table that fetches its rows a page at a time from a ``fetch(offset, limit)`` function, so
a street office's 200,000 people or a season's million gate passages scroll without being
loaded. Sorting and filtering happen in SQL (desktop/), never in a proxy model over every row."""
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex

PAGE = 200


class PagedTableModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._total = 0
        self._fetch: Callable[[int, int], list] = lambda offset, limit: []

    def set_source(self, fetch: Callable[[int, int], list], total: int) -> None:
        """Show a new list: ``fetch(offset, limit)`` gives a page, ``total`` its full length."""
        self.beginResetModel()
        self._source_changed()
        self._fetch, self._total = fetch, total
        self._rows = fetch(0, PAGE) if total else []
        self.endResetModel()

    def _source_changed(self) -> None:
        """Subclasses drop what they cached about the old rows."""

    def row_item(self, row: int) -> object | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def total(self) -> int:
        return self._total

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
