"""Add a compound (小区/院落) or a village group (村民小组)."""
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop import place_words, vocab
from desktop.register import Register
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form_dialog import FormDialog
from ui.place_labels import community_labels


class CompoundDialog(FormDialog):
    ask_before_discarding = True        # a half-typed register form is asked about on Esc

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.setWindowTitle(self.tr("Add compound or village group") if place_words.community_words(register.db).has_buildings
                            else community_labels(register.db).add_compound)
        form = self.form
        # Its own string: "Name *" is a person's name (姓名) in the person dialogs.
        self.name = form.add("name", self.tr("Compound or group name *"), QLineEdit())
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        # A village's new place is a group (村民小组) unless the clerk says otherwise.
        fill_combo(self.kind, vocab.COMPOUND_KIND,
                   "village_group" if place_words.community_kind(register.db) == "village" else "compound")
        self.address = form.add("address", self.tr("Address"), QLineEdit())
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: self.register.add_compound(self.name.text(), self.kind.currentData(),
                                                        self.address.text()))
