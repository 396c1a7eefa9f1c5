"""Move a person to another household (a tenant moving flats, a child moving in with parents):
the clerk types the door of the household they join, and their relation to its head."""
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop import vocab
from desktop.records import Person
from desktop.register import HouseholdForm, Register
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form_dialog import FormDialog


class MoveDialog(FormDialog):
    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent, min_width=440)
        self.register, self.person = register, person
        self.setWindowTitle(self.tr("Move to another household"))
        now = QLabel(self.tr("%1 now lives at: %2").replace("%1", person.full_name)
                     .replace("%2", person.address or self.tr("no household")), self)
        now.setWordWrap(True)
        form = self.form
        self.compound = form.add("compound_id", self.tr("Compound or village group *"), QComboBox())
        for c in register.compounds():
            self.compound.addItem(c.name, c.id)
        self.building = form.add("building", self.tr("Building"), QLineEdit())
        self.unit = form.add("unit", self.tr("Unit"), QLineEdit())
        self.room = form.add("room", self.tr("Room"), QLineEdit())
        self.room.setPlaceholderText("501")
        self.address_text = form.add("address_text", self.tr("House address (village)"), QLineEdit())
        self.address_text.setPlaceholderText(self.tr("for houses without building and unit"))
        self.relation = form.add("relation", self.tr("Relation to head"), QComboBox())
        fill_combo(self.relation, vocab.RELATION, "other")
        self.lay_out(now)
        if person.household_id:                      # most moves stay in the same compound
            here = register.household(person.household_id)
            self.compound.setCurrentIndex(max(0, self.compound.findData(here.compound_id)))

    def door(self) -> HouseholdForm:
        return HouseholdForm(compound_id=self.compound.currentData() or "", building=self.building.text(),
                             unit=self.unit.text(), room=self.room.text(), address_text=self.address_text.text())

    def save(self) -> None:
        def write():
            target = self.register.household_at_door(self.door())
            return self.register.move_person(self.person.id, target.id, self.relation.currentData())
        self.attempt(write)
