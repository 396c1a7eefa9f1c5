"""Find a person in the register as one types (name, pinyin initials, ID or phone fragment, address)."""
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.records import Person
from desktop.search import search_people
from ui.widgets.empty_hint import EmptyHint


# Keys in the search box that move through what it found (the cursor stays in the box).
_STEPS = {Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_PageDown: 5, Qt.Key_PageUp: -5}


class _SearchBox(QLineEdit):
    """The search box: Up and Down choose among the people found, so a clerk types a name and
    picks the second 张 with the arrows, never reaching for the mouse (Down did nothing)."""

    def __init__(self, picker: "PersonPicker"):
        super().__init__(picker)
        self.picker = picker

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _STEPS.get(event.key())
        if step is None or event.modifiers() & ~Qt.KeypadModifier:
            super().keyPressEvent(event)
            return
        self.picker.step(step)


class PersonPicker(QWidget):
    picked = Signal(object)           # the Person chosen, or None

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.search = _SearchBox(self)
        self.search.setObjectName("person_search")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials, part of ID or phone, address"))
        self.results = QListWidget(self)
        self.results.setObjectName("person_results")
        self.results.setMaximumHeight(120)
        # The arrows in the search box choose here: Tab goes on to the dialog's next field.
        self.results.setFocusPolicy(Qt.ClickFocus)
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

    def step(self, rows: int) -> None:
        """Move the choice ``rows`` down (up when negative) among the people found."""
        self._catch_up()
        if self.results.count():
            row = min(max(self.results.currentRow() + rows, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)

    def _catch_up(self) -> None:
        """Search now for what was typed, if the search is still waiting for the typing to stop:
        an arrow or Enter pressed at once acts on the name typed, not on the one before."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()

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
        """The person chosen among those found for what is typed now."""
        self._catch_up()
        item = self.results.currentItem()
        return item.data(Qt.UserRole) if item else None
