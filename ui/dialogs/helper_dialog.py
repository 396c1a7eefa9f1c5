"""Add a helper (帮扶人): staff, building head or volunteer, always with a phone."""
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.records import Helper
from desktop.errors import InputError, InputErrors
from ui import i18n
from ui.widgets.form import FieldForm


class HelperDialog(QDialog):
    """Add a helper, or with ``helper`` change one (a new phone number, another kind)."""

    def __init__(self, care: CareBook, parent=None, helper: Helper | None = None):
        super().__init__(parent)
        self.care, self.helper, self.saved = care, helper, None
        self.setWindowTitle(self.tr("Edit helper") if helper else self.tr("Add helper"))
        self.setMinimumWidth(380)
        form = self.form = FieldForm(self)
        self.full_name = form.add("full_name", self.tr("Name *"), QLineEdit())
        self.phone = form.add("phone", self.tr("Phone *"), QLineEdit())
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        for code in cv.HELPER_KIND:
            self.kind.addItem(i18n.label(cv.HELPER_KIND, code), code)
        self.kind.setCurrentIndex(self.kind.findData("volunteer"))
        self.note = form.add("note", self.tr("Note"), QLineEdit())
        if helper is not None:
            self.full_name.setText(helper.full_name)
            self.phone.setText(helper.phone)
            self.kind.setCurrentIndex(self.kind.findData(helper.kind))
            self.note.setText(helper.note)
        # A ledger's 责任人 without a phone waits in the notes of the people named for them: said
        # as the name is typed (a new helper's, or a helper's name put right), under the form
        # (nothing the clerk types into moves), before Save assigns them.
        self.waiting = QLabel(self)
        self.waiting.setObjectName("waiting_for_helper")
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("color: #607d8b;")
        self.waiting.hide()
        self.full_name.textEdited.connect(self._say_waiting)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.waiting)
        layout.addWidget(self.buttons)

    def _say_waiting(self, name: str) -> None:
        count = self.care.waiting_for_helper(name)
        self.waiting.setText(self.tr("The care ledger named %1 helper of %2 people, without a phone: saved "
                                     "with one, %1 is their helper.").replace("%1", name.strip())
                             .replace("%2", str(count)) if count else "")
        self.waiting.setVisible(bool(count))

    def save(self) -> None:
        try:
            values = (self.full_name.text(), self.phone.text(), self.kind.currentData(), self.note.text())
            self.saved = (self.care.update_helper(self.helper.id, *values) if self.helper
                          else self.care.add_helper(*values))
        except InputErrors as e:
            self.form.set_errors(e.by_field())
            return
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return
        self.accept()
