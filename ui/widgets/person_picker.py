"""Find a person in the register as one types (name, pinyin initials, ID or phone fragment, address)."""
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.records import Person
from desktop.search import search_people
from ui.widgets.empty_hint import EmptyHint


class PersonPicker(QWidget):
    picked = Signal(object)           # the Person chosen, or None

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.search = QLineEdit(self)
        self.search.setObjectName("person_search")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, part of ID or phone, address"))
        self.results = QListWidget(self)
        self.results.setObjectName("person_results")
        self.results.setMaximumHeight(120)
        # Only people of the register can be chosen: an empty list says so (on the first day the
        # register has nobody yet, and a name typed here finds no one).
        self.hint = EmptyHint(self.results, self._hint_text())
        self.hint.label.setStyleSheet("color: #607d8b; padding: 4px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentItemChanged.connect(lambda item, _old: self.picked.emit(self.person()))

    def refresh(self) -> None:
        self.results.clear()
        for person in search_people(self.db, self.search.text(), limit=30):
            item = QListWidgetItem(f"{person.full_name}  {person.address or ''}", self.results)
            item.setData(Qt.UserRole, person)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.picked.emit(None)
        self.hint.set_text(self._hint_text())

    def _hint_text(self) -> str:
        typed = self.search.text().strip()
        if typed:
            return self.tr("Nobody registered matches “%1”. Check what you typed; someone not registered yet "
                           "must first be added on the Register page (Add person).").replace("%1", typed)
        return self.tr("Type a name, pinyin initials or part of an ID number, then choose the person here. "
                       "Only people already registered on the Register page can be chosen.")

    def person(self) -> Person | None:
        item = self.results.currentItem()
        return item.data(Qt.UserRole) if item else None
