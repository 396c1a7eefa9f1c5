"""Move a person to another household (a tenant moving flats, a child moving in with parents):
the clerk types the door of the household they join, and their relation to its head. A door
with several households (群租) shows them by their heads, and the clerk picks one."""
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop import vocab
from desktop.errors import InputError, InputErrors
from desktop.records import Household, Person
from desktop.register import HouseholdForm, Register
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form_dialog import FormDialog
from ui.place_labels import fit_door_rows, place_field


class MoveDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, person: Person, parent=None):
        super().__init__(parent, min_width=440)
        self.register, self.person = register, person
        self.setWindowTitle(self.tr("Move to another household"))
        now = QLabel(self.tr("%1 now lives at: %2").replace("%1", person.full_name)
                     .replace("%2", person.address or self.tr("no household")), self)
        now.setWordWrap(True)
        form = self.form
        self.compound = form.add("compound_id", place_field(register.db, required=True), QComboBox())
        self._kinds = {}
        for c in register.compounds():
            self.compound.addItem(c.name, c.id)
            self._kinds[c.id] = c.kind
        self.building = form.add("building", self.tr("Building"), QLineEdit())
        self.unit = form.add("unit", self.tr("Unit"), QLineEdit())
        self.room = form.add("room", self.tr("Room"), QLineEdit())
        self.room.setPlaceholderText("501")
        self.address_text = form.add("address_text", self.tr("House address (village)"), QLineEdit())
        self.address_text.setPlaceholderText(self.tr("for houses without building and unit"))
        self.which = form.add("household_id", self.tr("Which household"), QComboBox())
        self._show_which(False)
        for field in (self.building, self.unit, self.room, self.address_text):
            field.textEdited.connect(lambda _text: self._show_which(False))
        self.compound.activated.connect(lambda _index: self._show_which(False))
        self.relation = form.add("relation", self.tr("Relation to head"), QComboBox())
        fill_combo(self.relation, vocab.RELATION, "other")
        self.lay_out(now)
        if person.household_id:                      # most moves stay in the same compound
            here = register.household(person.household_id)
            self.compound.setCurrentIndex(max(0, self.compound.findData(here.compound_id)))
        self.compound.currentIndexChanged.connect(lambda _index: self._place_changed())
        self._place_changed()

    def _place_changed(self) -> None:
        """A village group's houses have no building or unit: those boxes are hidden for it, as
        in the household dialog (a clerk moving a villager was asked 楼栋 and 单元)."""
        fit_door_rows(self.form, self._kinds.get(self.compound.currentData()), self.building, self.unit,
                      self.room, self.address_text)

    def door(self) -> HouseholdForm:
        return HouseholdForm(compound_id=self.compound.currentData() or "", building=self.building.text(),
                             unit=self.unit.text(), room=self.room.text(), address_text=self.address_text.text())

    def _show_which(self, shown: bool) -> None:
        """The household picker is shown only for a door with several households; a door typed
        anew hides it, so a choice is never carried to another door."""
        if not shown:
            self.which.clear()
        self.form.layout_.setRowVisible(self.which.parentWidget(), shown)

    def _offer(self, found: list[Household]) -> None:
        self.which.clear()
        for household in found:
            # By the head (户主); tenants with nobody marked head by one of them (two such at one
            # door both read 户主 无户主 and could not be told apart).
            if household.head_name or not household.name:
                said = self.tr("Head %1, %2 people").replace("%1", household.head_name or self.tr("no head"))
            else:
                said = self.tr("No head: %1 lives here, %2 people").replace("%1", household.name)
            self.which.addItem(said.replace("%2", str(household.member_count)), household.id)
        self._show_which(True)

    def save(self) -> None:
        def write():
            found = self.register.households_at_door(self.door())
            if len(found) == 1:
                target = found[0].id
            elif {h.id for h in found} == {self.which.itemData(i) for i in range(self.which.count())}:
                target = self.which.currentData()         # the clerk has seen the list and chosen
            else:
                self._offer(found)
                raise InputErrors([InputError("household_id", self.tr(
                    "%1 households live at this door: choose the one to join, then save again.")
                    .replace("%1", str(len(found))))])
            return self.register.move_person(self.person.id, target, self.relation.currentData())
        self.attempt(write)
