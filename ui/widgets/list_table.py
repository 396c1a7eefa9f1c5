"""The read-only list every page shows: whole rows selected one at a time, alternating colours,
rows the height the bundled font needs; editing happens in dialogs, never in the cells."""
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def list_table(parent: QWidget, model: QAbstractItemModel, name: str,
               widths: tuple[int, ...] = ()) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(26)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table
