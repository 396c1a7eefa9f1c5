"""Accounts (账号管理, admin only): who may log in with which role; new accounts, password
resets, disabling; how long this machine's window waits before it locks. Every action is a
desktop.accounts function, which checks the role itself."""
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.accounts import (ROLES, create_account, create_first_admin, has_accounts, list_accounts,
                              reset_password, set_disabled, set_role)
from desktop.accounts.store import check_account_name
from desktop.accounts.session import MAX_IDLE_MINUTES, idle_lock_minutes, set_idle_lock_minutes
from desktop import vocab
from desktop.errors import InputError
from ui import i18n
from ui.widgets.list_table import RowNumbers


class AccountsPage(QWidget):
    def __init__(self, app, events, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Accounts that may log in on this register (they sync to the other "
                                        "machines). Gate accounts see only the gate screen."), self))
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("accounts_table")
        self.table.setVerticalHeader(RowNumbers(self.table))     # 「1」 with room, as every list numbers its rows
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Role"), self.tr("State")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for name, title, slot in (("new_account", self.tr("New account..."), self.new_account),
                                  ("reset_password", self.tr("Reset password..."), self.reset),
                                  ("change_role", self.tr("Change role..."), self.change_role),
                                  ("disable_account", self.tr("Disable / enable"), self.toggle)):
            button = QPushButton(title, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        idle = QHBoxLayout()
        idle.addWidget(QLabel(self.tr("Lock this machine's window after"), self))
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setSuffix(self.tr(" minutes without use"))
        self.idle_minutes.setValue(idle_lock_minutes(self.app.db))
        self.idle_minutes.editingFinished.connect(self.save_idle_minutes)
        idle.addWidget(self.idle_minutes)
        idle.addStretch(1)
        layout.addLayout(idle)
        self.refresh()

    def save_idle_minutes(self) -> None:
        """The admin's choice for this machine, applied to the open window at once."""
        try:
            minutes = set_idle_lock_minutes(self.app.db, self.idle_minutes.value())
        except InputError as e:
            QMessageBox.warning(self, self.tr("Accounts"), e.message)
            return
        apply = getattr(self.window(), "set_idle_minutes", None)
        if apply is not None:
            apply(minutes)

    def refresh(self) -> None:
        accounts = list_accounts(self.app.db)
        self.table.setRowCount(len(accounts))
        for i, a in enumerate(accounts):
            state = self.tr("disabled") if a.disabled else self.tr("active")
            for j, text in enumerate((a.name, i18n.label(vocab.ROLE, a.role), state)):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def _selected(self) -> str:
        row = self.table.currentRow()
        if row < 0:     # a button pressed with no row chosen did nothing, and said nothing
            QMessageBox.information(self, self.tr("Accounts"), self.tr("First click an account in the table."))
            return ""
        return self.table.item(row, 0).text()

    def _password(self, title: str, write) -> None:
        """The password typed twice; ``write(password, repeated)`` is the desktop.accounts call,
        whose refusal (too short, too easy, typed differently, a name taken) shows in the dialog."""
        from ui.dialogs.password_dialog import PasswordDialog
        dialog = PasswordDialog(title, lambda _current, password, repeated: write(password, repeated), self)
        dialog.setObjectName("password_dialog")
        dialog.exec()
        dialog.deleteLater()
        self.refresh()

    def _run(self, action) -> None:
        try:
            action()
        except InputError as e:
            QMessageBox.warning(self, self.tr("Accounts"), e.message)
        self.refresh()

    def new_account(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New account"), self.tr("Account name:"))
        if not ok:
            return
        try:
            name = check_account_name(self.app.db, name)
        except InputError as e:
            QMessageBox.warning(self, self.tr("Accounts"), e.message)
            return
        first = not has_accounts(self.app.db)
        role = "admin"
        if not first:
            labels = [i18n.label(vocab.ROLE, r) for r in ROLES]
            label, ok = QInputDialog.getItem(self, self.tr("New account"), self.tr("Role:"), labels, 1, False)
            if not ok:
                return
            role = ROLES[labels.index(label)]

        def write(password: str, repeated: str) -> None:
            if first:
                create_first_admin(self.app.db, name, password, repeated)
            else:
                create_account(self.app.db, name, role, password, repeated)
        self._password(self.tr("New account %1").replace("%1", name), write)

    def reset(self) -> None:
        name = self._selected()
        if not name:
            return
        self._password(self.tr("Reset password of %1").replace("%1", name),
                       lambda password, repeated: reset_password(self.app.db, name, password, repeated))

    def change_role(self) -> None:
        """A volunteer becomes a clerk, a second admin is named: the role only; the password stays."""
        name = self._selected()
        if not name:
            return
        labels = [i18n.label(vocab.ROLE, r) for r in ROLES]
        now = self.table.item(self.table.currentRow(), 1).text()
        label, ok = QInputDialog.getItem(self, self.tr("Change role of %1").replace("%1", name), self.tr("Role:"),
                                         labels, labels.index(now) if now in labels else 0, False)
        if ok:
            self._run(lambda: set_role(self.app.db, name, ROLES[labels.index(label)]))

    def toggle(self) -> None:
        name = self._selected()
        if name:
            disabled = self.table.item(self.table.currentRow(), 2).text() == self.tr("disabled")
            self._run(lambda: set_disabled(self.app.db, name, not disabled))
