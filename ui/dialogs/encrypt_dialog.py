"""File ▸ Encrypt the data file… (admin): the data file's passphrase, typed twice, and the
admin's own password. Only desktop/ decides (desktop/at_rest.py); the window then closes and
the start-up encrypts the closed file and opens it again with the admin's login."""
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.accounts import LoginRefused, actor_of, verify
from desktop.at_rest import check_new_file_passphrase
from desktop.errors import InputError


class EncryptDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.request = None             # (account, passphrase, password) once accepted
        self.setObjectName("encrypt_dialog")
        self.setWindowTitle(self.tr("Encrypt the data file"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr(
            "After this the data file can only be opened by logging in: nobody who copies it can read it. "
            "Choose a data file passphrase, write it on paper and lock it away: it opens the file when the "
            "key file beside it is lost, and lets each account open it on this computer the first time. "
            "The window closes, the file and its backups are encrypted, and the window opens again."), self)
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("file_passphrase")
        self.repeated = QLineEdit(self)
        self.repeated.setObjectName("file_passphrase_again")
        self.password = QLineEdit(self)
        self.password.setObjectName("admin_password")
        for field in (self.passphrase, self.repeated, self.password):
            field.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Data file passphrase"), self.passphrase)
        form.addRow(self.tr("The passphrase again"), self.repeated)
        form.addRow(self.tr("Your password"), self.password)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("encrypt_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Encrypt"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def try_accept(self) -> None:
        name = actor_of(self.db).name
        try:
            check_new_file_passphrase(self.passphrase.text(), self.repeated.text())
            verify(self.db, name, self.password.text())
        except (InputError, LoginRefused) as e:
            self.message.setText(e.message)
            return
        self.request = (name, self.passphrase.text(), self.password.text())
        self.accept()
