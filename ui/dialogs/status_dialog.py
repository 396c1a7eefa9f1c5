"""Change a person's four-colour status, always with a reason (who and when are recorded)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QWidget

from desktop import vocab
from desktop.records import Person
from desktop.register import Register
from ui import i18n
from ui.widgets.form_dialog import FormDialog


class StatusRadio(QRadioButton):
    """A status chosen by the arrows that move to it, as option buttons do in Windows programs:
    moved onto and not chosen, a status looked chosen, and Save was refused (选择新状态)."""

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        moved_to = self.window().focusWidget()
        if (event.key() in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down)
                and isinstance(moved_to, StatusRadio) and moved_to is not self):
            moved_to.setChecked(True)


class StatusDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent, min_width=420)
        self.register, self.person = register, person
        self.setWindowTitle(self.tr("Change status"))
        current = QLabel(self.tr("%1 is now: %2").replace("%1", person.full_name)
                         .replace("%2", i18n.label(vocab.STATUS, person.status)), self)
        form = self.form
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.choices = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code in vocab.STATUS:
            radio = StatusRadio(i18n.label(vocab.STATUS, code), box)
            radio.setStyleSheet(f"color: {vocab.STATUS_COLOURS[code]}; font-weight: bold;")
            radio.setEnabled(code != person.status)
            self.choices.addButton(radio)
            self.radios[code] = radio
            row.addWidget(radio)
        # "Choose the new status" puts the cursor on the statuses, where the arrows choose one
        # (it went to the row around them, and no key did anything there).
        box.setFocusProxy(next(r for r in self.radios.values() if r.isEnabled()))
        form.add("status", self.tr("&New status"), box)
        self.reason = form.add("reason", self.tr("&Reason *"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. close contact, notified by the street office"))
        self.lay_out(current)

    def chosen(self) -> str:
        return next((code for code, r in self.radios.items() if r.isChecked()), "")

    def save(self) -> None:
        if not self.chosen():
            self.form.set_errors({"status": self.tr("Choose the new status.")})
            return
        self.attempt(lambda: self.register.set_status(self.person.id, self.chosen(), self.reason.text()))
