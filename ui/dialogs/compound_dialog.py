"""Add a compound (小区/院落) or a village group (村民小组)."""
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop import vocab
from desktop.register import Register
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form_dialog import FormDialog


class CompoundDialog(FormDialog):
    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.setWindowTitle(self.tr("Add compound or village group"))
        form = self.form
        # Its own string: "Name *" is a person's name (姓名) in the person dialogs.
        self.name = form.add("name", self.tr("Compound or group name *"), QLineEdit())
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        fill_combo(self.kind, vocab.COMPOUND_KIND, "compound")
        self.address = form.add("address", self.tr("Address"), QLineEdit())
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: self.register.add_compound(self.name.text(), self.kind.currentData(),
                                                        self.address.text()))
