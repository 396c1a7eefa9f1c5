"""A new password is typed twice and may not be one anyone guesses first; every account can
change its own password (File ▸ Change my password), the gate volunteer's too."""
import pytest
from PySide6.QtCore import Qt

from desktop.accounts import change_own_password, create_account, login, reset_password, verify
from desktop.errors import InputError
from tests.conftest import type_text


@pytest.mark.parametrize("weak", ["123456", "111111", "abcdefg", "654321", "password", "Qwerty"])
def test_a_password_anyone_guesses_first_is_refused(accounts, weak):
    with pytest.raises(InputError, match="太容易被猜到"):
        create_account(accounts.db, "新人", "staff", weak)
    with pytest.raises(InputError, match="太容易被猜到"):
        reset_password(accounts.db, "老李", weak)
    with pytest.raises(InputError, match="太容易被猜到"):
        create_account(accounts.db, "zhangsan", "gate", "ZhangSan")      # the name itself
    assert verify(accounts.db, "老李", "gate-pass").name == "老李"       # nothing was changed


def test_a_password_typed_differently_the_second_time_changes_nothing(accounts):
    with pytest.raises(InputError, match="两次输入的密码不一样") as info:
        reset_password(accounts.db, "老李", "new-gate-pass", "new-gate-pas")
    assert info.value.field == "repeated"
    assert verify(accounts.db, "老李", "gate-pass").name == "老李"


def test_an_account_changes_its_own_password_after_the_current_one(accounts):
    login(accounts.db, "老李", "gate-pass")
    with pytest.raises(InputError, match="当前密码不对") as info:
        change_own_password(accounts.db, "guess-pass", "laoli-2026", "laoli-2026")
    assert info.value.field == "current_password"
    with pytest.raises(InputError, match="两次输入的密码不一样"):
        change_own_password(accounts.db, "gate-pass", "laoli-2026", "laoli-2062")
    change_own_password(accounts.db, "gate-pass", "laoli-2026", "laoli-2026")
    assert verify(accounts.db, "老李", "laoli-2026").role == "gate"
    with pytest.raises(InputError):
        verify(accounts.db, "老李", "gate-pass")


def _drive(monkeypatch, steps):
    """Replace the password dialog's exec: the person types into its fields and presses Enter."""
    from ui.dialogs.password_dialog import PasswordDialog
    seen = []

    def exec_(dialog):
        dialog.show()
        for fields in steps:
            for name, text in fields.items():
                field = getattr(dialog, name)
                field.clear()
                type_text(field, text)
            from PySide6.QtTest import QTest
            QTest.keyClick(dialog.repeated, Qt.Key_Return)
            seen.append({n: dialog.form.error_text(n) for n in dialog.form.fields()} | {"open": dialog.isVisible()})
            if not dialog.isVisible():
                break
        if dialog.isVisible():
            dialog.reject()
        return dialog.result()
    monkeypatch.setattr(PasswordDialog, "exec", exec_)
    return seen


def test_the_admin_resets_a_password_typed_twice_on_the_accounts_page(qtbot, qt_zh, accounts, monkeypatch):
    """The reset asked once, hidden: a slip left an account whose password nobody knew."""
    from ui.events import DataEvents
    from ui.pages.accounts_page import AccountsPage
    page = AccountsPage(accounts, DataEvents())
    qtbot.addWidget(page)
    page.show()
    row = [page.table.item(i, 0).text() for i in range(page.table.rowCount())].index("老李")
    page.table.setCurrentCell(row, 0)
    seen = _drive(monkeypatch, [{"password": "laoli-2026", "repeated": "laoli-2062"},
                                {"password": "123456", "repeated": "123456"},
                                {"password": "laoli-2026", "repeated": "laoli-2026"}])
    from PySide6.QtWidgets import QPushButton
    qtbot.mouseClick(page.findChild(QPushButton, "reset_password"), Qt.LeftButton)
    assert seen[0]["repeated"] == "两次输入的密码不一样，请重新输入。" and seen[0]["open"]
    assert "太容易被猜到" in seen[1]["password"] and seen[1]["open"]
    assert not seen[2]["open"]
    assert verify(accounts.db, "老李", "laoli-2026").name == "老李"


def test_a_gate_volunteer_changes_their_own_password_from_the_file_menu(qtbot, qt_zh, accounts, monkeypatch):
    from ui.main_window import MainWindow
    from PySide6.QtWidgets import QMessageBox
    login(accounts.db, "老李", "gate-pass")
    window = MainWindow(accounts)
    qtbot.addWidget(window)
    action = window.findChild(type(window.menuBar().actions()[0]), "change_password_action")
    assert action is not None and action.text() == "修改我的密码(&P)…"
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    seen = _drive(monkeypatch, [{"current": "gate-pas", "password": "laoli-2026", "repeated": "laoli-2026"},
                                {"current": "gate-pass", "password": "laoli-2026", "repeated": "laoli-2026"}])
    action.trigger()
    assert seen[0]["current_password"] == "当前密码不对，请重新输入。" and seen[0]["open"]
    assert not seen[1]["open"] and said == ["密码已修改，下次登录请用新密码。"]
    assert verify(accounts.db, "老李", "laoli-2026").role == "gate"


def test_the_accounts_page_changes_a_role_and_keeps_the_admin_from_removing_itself(qtbot, qt_zh, accounts,
                                                                                    monkeypatch):
    """A volunteer made a clerk had no way in the window (only a new account); the admin's own
    row can be neither disabled nor demoted from it, and says why."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton
    from ui.events import DataEvents
    from ui.pages.accounts_page import AccountsPage
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("工作人员", True))
    page = AccountsPage(accounts, DataEvents())
    qtbot.addWidget(page)
    page.show()

    def choose(name):
        names = [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
        page.table.setCurrentCell(names.index(name), 0)
    choose("老李")
    qtbot.mouseClick(page.findChild(QPushButton, "change_role"), Qt.LeftButton)
    shown = {page.table.item(i, 0).text(): page.table.item(i, 1).text() for i in range(page.table.rowCount())}
    assert not warned and shown["老李"] == "工作人员"
    assert verify(accounts.db, "老李", "gate-pass").role == "staff"
    choose("书记")
    qtbot.mouseClick(page.findChild(QPushButton, "change_role"), Qt.LeftButton)
    qtbot.mouseClick(page.findChild(QPushButton, "disable_account"), Qt.LeftButton)
    assert warned == ["不能修改自己正在使用的账号的角色，请另一位管理员来改。", "不能停用自己正在使用的账号。"]
    assert verify(accounts.db, "书记", "admin-pass").role == "admin"
