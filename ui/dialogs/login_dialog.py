"""The login (登录) at start, and the same dialog to unlock a window that was idle.

Only desktop/ decides: ``desktop.accounts.login`` (start) or ``verify`` (unlock: the same
account's password again; the session and everything typed in the window stay as they were).
The demo community's accounts and passwords are shown here, and only for the demo.

An encrypted register is logged into before it is open (``path`` instead of ``db``):
``desktop.accounts.unlock.open_with_login`` opens it with the account's key, and the dialog
keeps the App it gives (``app``). Two fields appear only when it asks for them: the data file's
passphrase (this account has no key here yet) and the new password (changed on another
machine). A storage failure (a damaged file) ends the dialog with ``failure`` set, for the
start-up to offer a backup.

After wrong tries desktop/ makes the next one wait: the 登录 button, greyed, counts it down as
忘记密码？'s does (ui/widgets/button_wait.py), and Enter meanwhile tries nothing."""
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

from desktop import place_words, vocab
from desktop.accounts import ROLES, LoginRefused, has_accounts, login, verify
from desktop.accounts.session import demo_accounts_shown
from desktop.accounts.unlock import PassphraseNeeded, PasswordChangedElsewhere, login_wait, open_with_login
from desktop.failures import user_message
from desktop.gate.subjects import looks_scanned
from ui import i18n
from ui.widgets.button_wait import ButtonWait
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.screen_fit import grow_on_screen


class LoginDialog(QDialog):
    SWITCH = 2                      # the result of 换人登录 at the lock

    def __init__(self, db, parent=None, *, unlock_name: str = "", path=None, by_hand: bool = False):
        super().__init__(parent)
        self.db, self.unlock_name, self.path = db, unlock_name, path
        self.actor = None
        self.app = None             # the register opened by the login (``path`` given)
        self.failure = None         # a storage failure met while opening it
        self.setObjectName("login_dialog")
        self.setWindowTitle(self.tr("Menshen - unlock") if unlock_name else self.tr("Menshen - log in"))
        layout = QVBoxLayout(self)
        if by_hand:                  # 文件 ▸ 锁定窗口: not "after a while without use"
            said = self.tr("The window is locked. Type your password to go on; at a shift change, "
                           "the next person presses “Another person logs in”.")
        elif unlock_name:
            said = self.tr("The window was locked after a while without use. Type your password to go on.")
        else:
            name, village = place_words.office_register(db) if db is not None else ("", False)
            if name:
                # Named: an office with two registers (its own and the demo), a gate laptop
                # joined to one community, must see which one it logs into.
                said = self.tr("Log in to the register of %1.").replace("%1", name)
            elif village:
                said = self.tr("Log in to the village register.")
            else:                    # none set up yet, or an encrypted one not open yet
                said = self.tr("Log in to the community register.")
        heading = QLabel(said, self)
        heading.setObjectName("login_heading")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 13pt;")
        layout.addWidget(heading)
        where = path if path is not None else getattr(db, "path", None)
        if where is not None and not unlock_name:
            # The data file too (an encrypted one says nothing more before it is open): the
            # middle of a long folder gives way to the room the dialog has, whole on hover.
            self.data_file = ElidedLabel(self)
            self.data_file.setText(self.tr("Data file: %1").replace("%1", str(where)))
            self.data_file.setObjectName("login_data_file")
            self.data_file.setToolTip(str(where))
            self.data_file.setStyleSheet("color: #555;")
            layout.addWidget(self.data_file)
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
        # Shown only when the opening asks for them (see the module's text).
        self.new_password = QLineEdit(self)
        self.new_password.setObjectName("login_new_password")
        self.new_password.setEchoMode(QLineEdit.Password)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("login_file_passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("New password"), self.new_password)
        form.addRow(self.tr("Data file passphrase"), self.passphrase)
        self._form = form
        for field in (self.new_password, self.passphrase):
            form.setRowVisible(field, False)           # Enter in them presses 登录 (the default)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-size: 11pt;")
        layout.addWidget(self.message)
        shown = () if unlock_name or db is None else demo_accounts_shown(db)
        if shown:
            role_order = {r: i for i, r in enumerate(ROLES)}
            lines = [self.tr("%1: %2 / %3").replace("%1", i18n.label(vocab.ROLE, r)).replace("%2", n).replace("%3", p)
                     for n, r, p in sorted(shown, key=lambda a: role_order[a[1]])]
            demo = QLabel(self.tr("Demo community accounts (account / password):") + "\n" + "\n".join(lines), self)
            demo.setObjectName("demo_accounts")
            demo.setTextInteractionFlags(Qt.TextSelectableByMouse)
            demo.setStyleSheet("background: #fff8e1; padding: 8px; font-size: 11pt;")
            layout.addWidget(demo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | (QDialogButtonBox.NoButton if unlock_name
                                                          else QDialogButtonBox.Cancel), self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Unlock") if unlock_name else self.tr("Log in"))
        if unlock_name:
            # A shift change at the gate: the next guard logs in with their own account; what
            # the last one left half-typed is not saved (the window closes and opens again).
            switch = buttons.addButton(self.tr("Another person logs in"), QDialogButtonBox.ActionRole)
            switch.setObjectName("switch_account")
            switch.setAutoDefault(False)
            switch.clicked.connect(lambda: QDialog.done(self, self.SWITCH))
        if not unlock_name and not shown and (path is not None or has_accounts(db)):
            # The only admin's password forgotten: the way back without a command line.
            forgot = buttons.addButton(self.tr("Forgot password?"), QDialogButtonBox.HelpRole)
            forgot.setObjectName("forgot_password")
            forgot.setAutoDefault(False)
            forgot.clicked.connect(self.forgot_password)
        self.clock = time.time          # the wait's clock, desktop's and the button's alike
        self.wait = ButtonWait(buttons.button(QDialogButtonBox.Ok), lambda: self.clock())
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # As tall as the heading wrapped at this width: sized from the one-line hint, the English
        # lock's three lines were clipped at top and bottom.
        self.resize(420, max(self.sizeHint().height(), self.heightForWidth(420)))
        (self.password if unlock_name else self.name).setFocus()
        self.name.returnPressed.connect(self.password.setFocus)
        self.name.textEdited.connect(self._name_edited)

    def try_login(self) -> None:
        # Enter in the name field also presses the dialog's default button: with no password
        # yet it only moves on (an empty try would count as a failure).
        if not self.password.text():
            self.password.setFocus()
            return
        if self.unlock_name and looks_scanned(self.password.text()):
            # A resident scanned a pass (or an ID card) at the locked gate: not a password, not a
            # failed try that slows the guard down; the scan is dropped, kept nowhere.
            self.password.clear()
            self.password.setFocus()
            self._say(self.tr("The window is locked: the guard on duty first types the password "
                              "to unlock, then scan again (the pass just scanned was not recorded)."))
            return
        if self.path is not None:
            self._open_and_log_in()
            return
        try:
            if self.unlock_name:
                self.actor = verify(self.db, self.unlock_name, self.password.text(), clock=self.clock)
            else:
                self.actor = login(self.db, self.name.text(), self.password.text(), clock=self.clock)
        except LoginRefused as e:
            self._say(e.message)
            self.wait.hold(e.wait)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def _name_edited(self, name: str) -> None:
        # The wait after wrong passwords is the account name's (desktop counts them per name):
        # a colleague typing their own name is not held by another's mistakes, and a name
        # still in its own wait is held again.
        encrypted = self.path is not None
        left = login_wait(name, db=None if encrypted else self.db, clock=self.clock,
                          file_passphrase=encrypted and self._form.isRowVisible(self.passphrase))
        if left > 0:
            self.wait.hold(left)
        else:
            self.wait.release()

    def _open_and_log_in(self) -> None:
        shown = {f: self._form.isRowVisible(f) for f in (self.new_password, self.passphrase)}
        try:
            self.app = open_with_login(
                self.path, self.name.text(), self.password.text(),
                new_password=self.new_password.text() if shown[self.new_password] else None,
                file_passphrase=self.passphrase.text() if shown[self.passphrase] else None, clock=self.clock)
        except LoginRefused as e:
            self._say(e.message)
            self.wait.hold(e.wait)
            ask = {PasswordChangedElsewhere: self.new_password, PassphraseNeeded: self.passphrase}.get(type(e))
            if ask is not None and not shown[ask]:
                self._form.setRowVisible(ask, True)
                self._fit()
                ask.setFocus()
            else:
                for field in (self.password, self.new_password, self.passphrase):
                    field.clear()
                self.password.setFocus()
            return
        except Exception as exc:         # damaged, in use, unreadable: the start-up says what to do
            if user_message(exc) is None:
                raise
            self.failure = exc
            self.done(QDialog.Rejected)
            return
        self.db, self.actor = self.app.db, self.app.db.actor
        self.accept()

    def forgot_password(self) -> None:
        """忘记密码？: the admin's password set with the sync passphrase (ui/dialogs/
        login_reset_dialog.py); then the login asks for the new one, as always."""
        from ui.dialogs.login_reset_dialog import ResetAdminDialog
        dialog = ResetAdminDialog(self.db, self, path=self.path, name=self.name.text())
        if dialog.exec() != QDialog.Accepted:
            return
        name = dialog.name.text().strip()
        said = (self.tr("The password of administrator %1 is set and the account, which had been disabled, is "
                        "enabled again. Log in with the new password.") if dialog.re_enabled
                else self.tr("The password of administrator %1 is set. Log in with the new password.")).replace("%1", name)
        self.name.setText(name)
        self.password.clear()
        self._say(said, ok=True)
        self.password.setFocus()

    def _say(self, message: str, ok: bool = False) -> None:
        self.message.setText(message)
        self.message.setStyleSheet(f"color: {'#1b5e20' if ok else '#b00020'}; font-size: 11pt;")
        self._fit()

    def _fit(self) -> None:
        """As tall as what it now shows: a dialog does not grow by itself for a wrapped label, and
        a message of four lines (a password changed on another machine) was cut at the bottom,
        the demo accounts under it too. Never taller than the screen (1024×768)."""
        layout = self.layout()
        layout.activate()
        grow_on_screen(self, layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                       else layout.totalSizeHint().height())

    def reject(self) -> None:
        if not self.unlock_name:        # a locked window cannot be dismissed, only unlocked
            super().reject()

    def keyPressEvent(self, event) -> None:
        if self.unlock_name and event.key() == Qt.Key_Escape:
            return
        super().keyPressEvent(event)
