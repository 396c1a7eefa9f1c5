"""A date field with a calendar pop-up, in ISO order (2020-02-10) whatever the language."""
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def date_edit(value: date, parent=None, maximum: date | None = None) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if maximum:
        edit.setMaximumDate(QDate(maximum.year, maximum.month, maximum.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())
