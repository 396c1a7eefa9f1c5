"""The login (登录) at start, and the same dialog to unlock a window that was idle.

Only desktop/ decides: ``desktop.accounts.login`` (start) or ``verify`` (unlock: the same
account's password again; the session and everything typed in the window stay as they were).
The demo community's accounts and passwords are shown here, and only for the demo."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

from desktop.accounts import ROLES, LoginRefused, login, verify
from desktop.accounts.roles import ROLE_NAMES
from desktop.accounts.session import demo_accounts_shown


class LoginDialog(QDialog):
    def __init__(self, db, parent=None, *, unlock_name: str = ""):
        super().__init__(parent)
        self.db, self.unlock_name = db, unlock_name
        self.actor = None
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Menshen - unlock") if unlock_name else self.tr("Menshen - log in"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("The window was locked after a while without use. Type your password to go on.")
                         if unlock_name else self.tr("Log in to the community register."), self)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 13pt;")
        layout.addWidget(heading)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("login_name")
        if unlock_name:
            self.name.setText(unlock_name)
            self.name.setReadOnly(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Account"), self.name)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-size: 11pt;")
        layout.addWidget(self.message)
        shown = () if unlock_name else demo_accounts_shown(db)
        if shown:
            role_order = {r: i for i, r in enumerate(ROLES)}
            lines = [f"{ROLE_NAMES[r]}：{n} / {p}" for n, r, p in sorted(shown, key=lambda a: role_order[a[1]])]
            demo = QLabel(self.tr("Demo community accounts (account / password):") + "\n" + "\n".join(lines), self)
            demo.setObjectName("demo_accounts")
            demo.setTextInteractionFlags(Qt.TextSelectableByMouse)
            demo.setStyleSheet("background: #fff8e1; padding: 8px; font-size: 11pt;")
            layout.addWidget(demo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | (QDialogButtonBox.NoButton if unlock_name
                                                          else QDialogButtonBox.Cancel), self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Unlock") if unlock_name else self.tr("Log in"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())
        (self.password if unlock_name else self.name).setFocus()
        self.name.returnPressed.connect(self.password.setFocus)

    def try_login(self) -> None:
        try:
            if self.unlock_name:
                self.actor = verify(self.db, self.unlock_name, self.password.text())
            else:
                self.actor = login(self.db, self.name.text(), self.password.text())
        except LoginRefused as e:
            self.message.setText(e.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        if not self.unlock_name:        # a locked window cannot be dismissed, only unlocked
            super().reject()

    def keyPressEvent(self, event) -> None:
        if self.unlock_name and event.key() == Qt.Key_Escape:
            return
        super().keyPressEvent(event)
