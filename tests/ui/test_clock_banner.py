"""A PC whose date is wrong (a dead battery reset it to 2000) says so across the top of the
window, to every role, and stops saying it once the date is put right."""
from datetime import datetime

import pytest

import ui.widgets.clock_banner as clock_banner
from tests.conftest import logged_in_as

pytestmark = pytest.mark.gui
YEAR_2000 = int(datetime(2000, 1, 1, 8, 0).timestamp() * 1000)


def open_window(qtbot, app):
    from ui.main_window import MainWindow
    window = MainWindow(app)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_a_clock_reset_to_2000_is_said_until_it_is_put_right(qtbot, qt_zh, app_ctx, monkeypatch):
    monkeypatch.setattr(clock_banner, "CHECK_MS", 50)
    real_wall = app_ctx.db.clock._wall
    app_ctx.db.clock._wall = lambda: YEAR_2000
    window = open_window(qtbot, app_ctx)
    banner = window.clock_banner
    assert banner.isVisible() and "2000年01月01日" in banner.text() and "日期不对" in banner.text()
    assert banner.geometry().top() < window.summary.geometry().top()          # above everything
    app_ctx.db.clock._wall = real_wall            # the clerk sets the date in Windows
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=2000)


def test_a_right_clock_shows_no_line(qtbot, qt_zh, app_ctx):
    window = open_window(qtbot, app_ctx)
    assert not window.clock_banner.isVisible()


def test_the_gate_account_sees_it_too(qtbot, qt_zh, app_ctx):
    logged_in_as(app_ctx.db, "老李", "gate", "gate-pass")      # the gate alone: every passage takes this date
    app_ctx.db.clock._wall = lambda: YEAR_2000
    window = open_window(qtbot, app_ctx)
    assert window.page_names == ["gate"] and window.clock_banner.isVisible()


def test_the_gate_screen_alone_says_it_too(qtbot, qt_zh, app_ctx):
    from ui.events import DataEvents
    from ui.gate.screen import GateScreen
    app_ctx.db.clock._wall = lambda: YEAR_2000
    screen = GateScreen(app_ctx, DataEvents())        # F11: the gate laptop's whole screen
    qtbot.addWidget(screen)
    screen.show()
    assert screen.clock_banner.isVisible() and "2000年01月01日" in screen.clock_banner.text()
