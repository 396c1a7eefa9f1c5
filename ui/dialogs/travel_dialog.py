"""Record where a person arrived from and when (行程), e.g. a returnee from another city."""
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from desktop.errors import InputError
from desktop.records import Person
from desktop.register import Register
from ui.widgets.form import FieldForm


class TravelDialog(QDialog):
    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent)
        self.register, self.person = register, person
        self.saved = None
        self.setWindowTitle(self.tr("Record travel"))
        self.setMinimumWidth(420)
        form = self.form = FieldForm(self)
        self.from_place = form.add("from_place", self.tr("Arrived from *"), QLineEdit())
        self.from_place.setPlaceholderText(self.tr("e.g. Xiaogan, Hubei"))
        self.arrived_on = form.add("arrived_on", self.tr("Arrived on"), QLineEdit(date.today().isoformat()))
        self.transport = form.add("transport", self.tr("Transport"), QLineEdit())
        self.transport.setPlaceholderText(self.tr("train G1234, own car …"))
        self.note = form.add("note", self.tr("Note"), QLineEdit())
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(person.full_name, self))
        layout.addWidget(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.saved = self.register.add_travel(self.person.id, self.from_place.text(),
                                                  self.arrived_on.text(), self.transport.text(),
                                                  self.note.text())
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return
        self.accept()
