"""忘记密码？ at the login: an admin's password set again with the community's sync passphrase,
the admin's secret written on paper, as ``menshen account reset-admin`` does (one function:
desktop.accounts.store.reset_admin_by_sync_passphrase; on an encrypted register not open yet,
desktop.accounts.unlock.reset_admin_in_file, which asks the data file's passphrase first).

A register that keeps no check of the sync passphrase cannot tell a right one: the dialog then
says only what to do instead (store.no_way_back) and asks nothing. Wrong passphrases (the sync
one, the data file's) slow down as wrong passwords do; the dialog shows what desktop/ says, and
its button counts the wait down (a timer: the window stays alive) before it takes a try again."""
import time

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit

from desktop.accounts.store import SecretRefused, no_way_back, reset_admin_by_sync_passphrase
from desktop.accounts.unlock import reset_admin_in_file
from desktop.failures import user_message
from ui.dialogs.password_dialog import password_rule
from ui.widgets.button_wait import ButtonWait
from ui.widgets.form_dialog import FormDialog

# The fields cleared after a refusal of one of them: hidden text cannot be corrected, only typed again.
_TYPED_AGAIN = {"passphrase": ("passphrase",), "file_passphrase": ("file_passphrase",),
                "password": ("password", "repeated"), "repeated": ("password", "repeated")}


class ResetAdminDialog(FormDialog):
    def __init__(self, db, parent=None, *, path=None, name: str = ""):
        super().__init__(parent, min_width=460, accept_button=QDialogButtonBox.Ok)
        self.setObjectName("reset_admin_dialog")
        self.setWindowTitle(self.tr("Forgot the administrator's password"))
        self.db, self.path = db, path
        self.clock = time.time          # the wait's clock, desktop's and the button's alike
        self.wait = ButtonWait(self.buttons.button(QDialogButtonBox.Ok), lambda: self.clock())
        self.refused = no_way_back(db) if db is not None else ""
        note = QLabel(self)
        note.setObjectName("reset_admin_note")
        note.setWordWrap(True)
        self.note = note
        self.fields: dict[str, QLineEdit] = {}
        if self.refused:
            note.setText(self.refused)
            self.buttons.button(QDialogButtonBox.Ok).hide()
            self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
            self.lay_out(note)
            return
        note.setText(self.tr("The administrator's password can be set again with the community's sync "
                             "passphrase (the one written on paper). Other accounts: the administrator "
                             "sets their passwords under Accounts after logging in."))
        self.name = self._field("name", self.tr("Administrator account"), hidden=False)
        self.name.setText(name.strip())
        if path is not None:        # encrypted, not open yet: its own passphrase opens it first
            self._field("file_passphrase", self.tr("Data file passphrase"))
        self._field("passphrase", self.tr("Sync passphrase"))
        self._field("password", self.tr("New password")).setPlaceholderText(password_rule())
        self._field("repeated", self.tr("Type it again"))
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Set the new password"))
        self.lay_out(note)

    def _field(self, key: str, caption: str, hidden: bool = True) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(f"reset_{key}")
        if hidden:
            field.setEchoMode(QLineEdit.Password)
        self.fields[key] = self.form.add(key, caption, field)
        return field

    def first_field(self):
        """The name as the login had it: the cursor starts at the first field still empty."""
        empty = [f for f in self.fields.values() if not f.text()]
        return empty[0] if empty else super().first_field()

    def _text(self, key: str) -> str:
        return self.fields[key].text()

    def save(self) -> None:
        if self.refused:
            return

        def write():
            said = (self._text("name"), self._text("passphrase"), self._text("password"), self._text("repeated"))
            try:
                if self.path is not None:
                    return reset_admin_in_file(self.path, self._text("file_passphrase"), *said, clock=self.clock)
                return reset_admin_by_sync_passphrase(self.db, *said, clock=self.clock)
            except SecretRefused as refused:
                self.wait.hold(refused.wait)
                raise

        def other(exc):             # a damaged file, a locked one: said above the fields
            message = user_message(exc)
            return None if message is None else {"": message}

        if not self.attempt(write, other):
            wrong = [key for key in self.fields if self.form.error_text(key)]
            for key in wrong:
                for cleared in _TYPED_AGAIN.get(key, ()):
                    self.fields[cleared].clear()
            if wrong:
                self.fields[wrong[0]].setFocus()

    @property
    def re_enabled(self) -> bool:
        """The admin was disabled and is enabled again (what the login then says)."""
        return bool(self.saved)
