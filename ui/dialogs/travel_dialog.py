"""Record where a person arrived from and when (行程), e.g. a returnee from another city."""
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.records import Person
from desktop.register import Register
from ui.widgets.form_dialog import FormDialog


class TravelDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent, min_width=420)
        self.register, self.person = register, person
        self.setWindowTitle(self.tr("Record travel"))
        form = self.form
        self.from_place = form.add("from_place", self.tr("Arrived from *"), QLineEdit())
        self.from_place.setPlaceholderText(self.tr("e.g. Xiaogan, Hubei"))
        self.arrived_on = form.add("arrived_on", self.tr("Arrived on"), QLineEdit(date.today().isoformat()))
        self.transport = form.add("transport", self.tr("Transport"), QLineEdit())
        self.transport.setPlaceholderText(self.tr("train G1234, own car …"))
        self.note = form.add("note", self.tr("Note"), QLineEdit())
        self.lay_out(QLabel(person.full_name, self))

    def save(self) -> None:
        self.attempt(lambda: self.register.add_travel(self.person.id, self.from_place.text(),
                                                      self.arrived_on.text(), self.transport.text(),
                                                      self.note.text()))
