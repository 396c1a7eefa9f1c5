"""A new laptop joins from the stick: it opened without a login (its register had no account).
Once the sync brings the community's accounts, whoever sits at it must log in."""
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.accounts import PermissionDenied, create_first_admin, reset_password
from desktop.accounts.session import initial_actor, start_session

pytestmark = pytest.mark.gui


def test_accounts_arriving_by_sync_end_the_window_without_a_login(qtbot, qt_zh, app_ctx, monkeypatch):
    """The gate laptop's window stayed open as an admin nobody had logged in as: a volunteer
    could reset the office admin's password there, and the next sync took it to the office.
    The message then names the register the sync brought: a village read 本社区（村）的账号."""
    from desktop import first_run as fr
    from ui.main_window import MainWindow
    start_session(app_ctx.db, initial_actor(app_ctx.db))      # as ui/startup opens a register without accounts
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: said.append(text))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    fr.set_up_community(app_ctx, fr.CommunityPlan("李家坪村", "village", places_text="一组"))   # what the
    create_first_admin(app_ctx.db, "admin", "hq2026admin")                                    # package brings
    window.events.notify("register", "gate", "care", "sync")  # the sync page, after its round
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert getattr(window, "switch_request", False)           # ui/startup opens the login next
    assert said and "登录" in said[0] and said[0].startswith("李家坪村的账号") and "社区" not in said[0]
    with pytest.raises(PermissionDenied):
        reset_password(app_ctx.db, "admin", "hacked123x", "hacked123x")


def test_a_register_without_accounts_keeps_its_window_after_a_sync(qtbot, qt_zh, app_ctx):
    from ui.main_window import MainWindow
    start_session(app_ctx.db, initial_actor(app_ctx.db))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.events.notify("register", "sync")
    qtbot.wait(50)
    assert window.isVisible() and not getattr(window, "switch_request", False)
