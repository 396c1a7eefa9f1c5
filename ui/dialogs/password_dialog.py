"""A new password, typed twice (密码): an admin's new account or reset (Accounts page), and
File ▸ Change my password (any logged-in account, which types its current one first).

The dialog only collects; ``write(current, password, repeated)`` is a desktop.accounts function,
which checks the password (desktop.accounts.store.check_new_password) and says what is wrong
beside the field; the dialog stays open until the write succeeds."""
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from desktop.accounts.store import MIN_PASSWORD
from ui.widgets.form_dialog import FormDialog


def password_rule() -> str:
    """A new password's rule, shown in its field before anything is typed (here and in the
    first-run wizard's admin page), from the constant the check itself uses."""
    return QCoreApplication.translate("PasswordDialog", "at least %1 characters").replace("%1", str(MIN_PASSWORD))


class PasswordDialog(FormDialog):
    def __init__(self, title: str, write: Callable[[str, str, str], object], parent=None, *,
                 ask_current: bool = False, note: str = ""):
        super().__init__(parent, accept_button=QDialogButtonBox.Ok)
        self.setWindowTitle(title)
        self._write = write
        self.current = None
        if ask_current:
            self.current = self.form.add("current_password", self.tr("Current password"), self._hidden())
        self.password = self.form.add("password", self.tr("New password"), self._hidden())
        self.repeated = self.form.add("repeated", self.tr("Type it again"), self._hidden())
        self.password.setPlaceholderText(password_rule())
        above = []
        if note:
            label = QLabel(note, self)
            label.setWordWrap(True)
            above.append(label)
        self.lay_out(*above)

    def _hidden(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.Password)
        return field

    def save(self) -> None:
        current = self.current.text() if self.current is not None else ""
        if not self.attempt(lambda: self._write(current, self.password.text(), self.repeated.text())):
            # A refused password is typed again from scratch: hidden text cannot be corrected.
            # Both new fields are cleared, so the typing starts again at the first of them.
            self.password.clear()
            self.repeated.clear()
            if self.current is not None and self.form.error_text("current_password"):
                self.current.clear()
            else:
                self.password.setFocus()
