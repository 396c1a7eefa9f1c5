"""Add or edit a household: where it is, and who owns or rents it (房东、租客两清楚).

A door that already has a household is asked about (the register's rule, ``rules.shared_door_
question``): Save again with the same door and the household is registered as another one
behind it (群租、合租), flagged for review, as a ledger import does."""
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop import vocab
from desktop.errors import InputErrors
from desktop.records import Household
from desktop.register import HouseholdForm, Register, rules
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form_dialog import FormDialog
from ui.place_labels import fit_door_rows, place_field


class HouseholdDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, household: Household | None = None,
                 compound_id: str | None = None, building: str = "", unit: str = "", parent=None):
        super().__init__(parent, min_width=440)
        self.register, self.household = register, household
        self._asked_door = None            # the door the clerk was asked about (Save again: another household)
        self.setWindowTitle(self.tr("Edit household") if household else self.tr("Add household"))
        form = self.form
        self.compound = form.add("compound_id", place_field(register.db, required=True), QComboBox())
        self._kinds = {}
        for c in register.compounds():
            self.compound.addItem(c.name, c.id)
            self._kinds[c.id] = c.kind
        self.building = form.add("building", self.tr("&Building"), QLineEdit())
        self.building.setPlaceholderText(self.tr("e.g. 3 or 3号楼"))
        self.unit = form.add("unit", self.tr("&Unit"), QLineEdit())
        self.room = form.add("room", self.tr("&Room"), QLineEdit())
        self.room.setPlaceholderText("501")
        self.address_text = form.add("address_text", self.tr("House &address (village)"), QLineEdit())
        self.address_text.setPlaceholderText(self.tr("for houses without building and unit"))
        self.tenure = form.add("tenure", self.tr("&Tenure"), QComboBox())
        fill_combo(self.tenure, vocab.TENURE, "owned")
        self.landlord_name = form.add("landlord_name", self.tr("&Landlord"), QLineEdit())
        self.landlord_phone = form.add("landlord_phone", self.tr("Landlord's p&hone"), QLineEdit())
        self.note = form.add("note", self.tr("N&ote"), QLineEdit())
        self.lay_out()
        self.tenure.currentIndexChanged.connect(self._tenure_changed)
        if household:
            compound_id = household.compound_id
            building, unit = household.building, household.unit
            self.room.setText(household.room)
            self.address_text.setText(household.address_text)
            self.tenure.setCurrentIndex(max(0, self.tenure.findData(household.tenure)))
            self.landlord_name.setText(household.landlord_name)
            self.landlord_phone.setText(household.landlord_phone)
            self.note.setText(household.note)
        if compound_id:
            self.compound.setCurrentIndex(max(0, self.compound.findData(compound_id)))
        self.building.setText(building)
        self.unit.setText(unit)
        self._tenure_changed()
        self.compound.currentIndexChanged.connect(self._place_changed)
        self._place_changed()

    def first_field(self):
        """A new household opened from a building or unit in the tree starts at the first place
        field still empty (门牌号 under 3栋2单元), not at the compound already chosen."""
        if self.household is None and self.building.text():
            return self.room if self.unit.text() else self.unit
        return super().first_field()

    def _place_changed(self) -> None:
        """A village group's houses have no building or unit: those boxes are hidden for it
        (unless this household already has one, which the clerk must still see)."""
        fit_door_rows(self.form, self._kinds.get(self.compound.currentData()), self.building, self.unit,
                      self.room, self.address_text)

    def _tenure_changed(self) -> None:
        rented = self.tenure.currentData() == "rented"
        self.landlord_name.setEnabled(rented)
        self.landlord_phone.setEnabled(rented)

    def form_value(self) -> HouseholdForm:
        rented = self.tenure.currentData() == "rented"
        return HouseholdForm(
            compound_id=self.compound.currentData() or "", building=self.building.text(),
            unit=self.unit.text(), room=self.room.text(), address_text=self.address_text.text(),
            tenure=self.tenure.currentData(), landlord_name=self.landlord_name.text() if rented else "",
            landlord_phone=self.landlord_phone.text() if rented else "", note=self.note.text())

    def _door(self, form: HouseholdForm) -> tuple:
        return (form.compound_id, form.building, form.unit, form.room, form.address_text)

    def save(self) -> None:
        form = self.form_value()
        shared, self._asked_door = self._asked_door == self._door(form), None

        def write():
            try:
                if self.household:
                    return self.register.update_household(self.household.id, form, shared)
                return self.register.add_household(form, shared)
            except InputErrors as e:
                if any(isinstance(x, rules.SharedDoorQuestion) for x in e.errors):
                    self._asked_door = self._door(form)
                raise
        self.attempt(write)
