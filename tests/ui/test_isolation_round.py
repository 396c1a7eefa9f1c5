"""The isolation clerk's round by keyboard: a family isolated in one save, a paper sheet of
readings typed in one after another, an extension and an early release."""
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.care.isolation import IsolationBook
from tests.care.conftest import TODAY
from tests.conftest import type_text
from tests.ui.test_care_pages import names, run_dialog_with as run_until_saved
from ui.dialogs.isolation_dialog import StartIsolationDialog
from ui.events import DataEvents
from ui.pages import isolation_page
from ui.pages.isolation_page import IsolationPage

pytestmark = pytest.mark.gui


def run_dialog_with(monkeypatch, module, cls, fill):
    """As in test_care_pages, and a ``fill`` that fails closes its dialog (the test fails
    instead of waiting for ever on a modal dialog)."""
    def closing(dialog):
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
    return run_until_saved(monkeypatch, module, cls, closing)


@pytest.fixture
def page(qtbot, qt_zh, app_ctx):
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    return page


def test_a_family_of_three_is_isolated_in_one_save(qtbot, page, app_ctx, small_community, monkeypatch):
    """One close contact and the two who live with them: the clerk ticks them in the same form
    (there was one form per person, three times the typing), and sees the last day first."""
    def fill(dialog):
        type_text(dialog.picker.search, "张三")
        qtbot.waitUntil(lambda: dialog.picker.person() is not None)
        seen["last day"] = dialog.last_day.text()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)            # the search list
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)            # the first housemate
        seen["after the list"] = dialog.focusWidget().text()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)            # the kind
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)            # the reason
        type_text(dialog.focusWidget(), "密切接触者，疾控通知")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)
    seen = {}
    opened = run_dialog_with(monkeypatch, isolation_page, StartIsolationDialog, fill)
    page.buttons["start"].click()
    assert seen["last day"] == f"{(TODAY + timedelta(days=13)).isoformat()}（第14天，当天期满）"
    assert seen["after the list"] in ("李梅", "张小明")
    assert opened and opened[0].result() == QDialog.Accepted
    assert sorted(names(page.model)) == ["张三", "张小明", "李梅"]
    for name in ("张三", "李梅", "张小明"):
        person = app_ctx.register.person(small_community["people"][name].id)
        assert person.status == "home_isolation"
    assert {page.model.item(r).episode.planned_end_on for r in range(3)} == {(TODAY + timedelta(days=13)).isoformat()}


def test_a_housemate_already_isolated_cannot_be_ticked_again(qtbot, page, app_ctx, small_community, monkeypatch):
    IsolationBook(app_ctx.db, app_ctx.register).start(
        small_community["people"]["李梅"].id, "observation", "发热门诊排除", TODAY, TODAY)

    def fill(dialog):
        type_text(dialog.picker.search, "张三")
        qtbot.waitUntil(lambda: dialog.picker.person() is not None)
        boxes = {box.objectName(): box for box, _ in dialog.together}
        seen.update({name: (box.isEnabled(), box.text()) for name, box in boxes.items()})
    seen = {}
    opened = run_dialog_with(monkeypatch, isolation_page, StartIsolationDialog, fill)
    page.buttons["start"].click()
    assert opened
    assert seen == {"together_李梅": (False, "李梅（已在医学观察）"), "together_张小明": (True, "张小明")}
