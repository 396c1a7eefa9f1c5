"""Add a compound (小区/院落) or a village group (村民小组)."""
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

from desktop import vocab
from desktop.errors import InputError
from desktop.register import Register
from ui.dialogs.person_dialog import fill_combo
from ui.widgets.form import FieldForm


class CompoundDialog(QDialog):
    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self.register = register
        self.saved = None
        self.setWindowTitle(self.tr("Add compound or village group"))
        self.setMinimumWidth(400)
        form = self.form = FieldForm(self)
        self.name = form.add("name", self.tr("Name *"), QLineEdit())
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        fill_combo(self.kind, vocab.COMPOUND_KIND, "compound")
        self.address = form.add("address", self.tr("Address"), QLineEdit())
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.saved = self.register.add_compound(self.name.text(), self.kind.currentData(),
                                                    self.address.text())
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return
        self.accept()
