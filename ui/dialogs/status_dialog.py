"""Change a person's four-colour status, always with a reason (who and when are recorded)."""
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout, QWidget, QHBoxLayout)

from desktop import vocab
from desktop.errors import InputError
from desktop.records import Person
from desktop.register import Register
from ui import i18n
from ui.widgets.form import FieldForm


class StatusDialog(QDialog):
    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent)
        self.register, self.person = register, person
        self.saved: Person | None = None
        self.setWindowTitle(self.tr("Change status"))
        self.setMinimumWidth(420)
        current = QLabel(self.tr("%1 is now: %2").replace("%1", person.full_name)
                         .replace("%2", i18n.label(vocab.STATUS, person.status)), self)
        form = self.form = FieldForm(self)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.choices = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        for code in vocab.STATUS:
            radio = QRadioButton(i18n.label(vocab.STATUS, code), box)
            radio.setStyleSheet(f"color: {vocab.STATUS_COLOURS[code]}; font-weight: bold;")
            radio.setEnabled(code != person.status)
            self.choices.addButton(radio)
            self.radios[code] = radio
            row.addWidget(radio)
        form.add("status", self.tr("New status"), box)
        self.reason = form.add("reason", self.tr("Reason *"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. close contact, notified by the street office"))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addWidget(form)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return next((code for code, r in self.radios.items() if r.isChecked()), "")

    def save(self) -> None:
        if not self.chosen():
            self.form.set_errors({"status": self.tr("Choose the new status.")})
            return
        try:
            self.saved = self.register.set_status(self.person.id, self.chosen(), self.reason.text())
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return
        self.accept()
