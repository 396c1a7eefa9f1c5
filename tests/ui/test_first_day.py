"""Day one of a new office: the register is empty, and every empty list says what to press."""
from datetime import date

import pytest

from desktop import first_run as fr
from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from tests.conftest import type_text
from ui.dialogs.care_subject_dialog import CareSubjectDialog
from ui.dialogs.isolation_dialog import StartIsolationDialog
from ui.events import DataEvents
from ui.pages.register_page import RegisterPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx):
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    return page


def test_the_empty_register_says_to_add_a_compound_first(page):
    assert page.table_hint.shown()
    assert "新增小区" in page.table_hint.text()


def test_with_a_village_group_and_no_household_it_says_add_household(page, app_ctx):
    fr.set_up_community(app_ctx, fr.CommunityPlan("王家湾村", "village", places_text="王家湾组"))
    page.events.changed.emit({"register"})
    page.reload_people()
    assert page.table_hint.shown()
    assert "新增户" in page.table_hint.text() and "新增小区" not in page.table_hint.text()


def test_a_search_that_finds_nobody_says_so_and_people_hide_the_hint(qtbot, small_community, page):
    assert not page.table_hint.shown()               # people are listed: no hint over them
    type_text(page.search, "赵六")
    qtbot.waitUntil(lambda: page.people_model.rowCount() == 0)
    assert page.table_hint.shown() and "没有找到" in page.table_hint.text()


def _pick(qtbot, picker, text):
    type_text(picker.search, text)
    qtbot.waitUntil(lambda: "没有找到" in picker.hint.text() or picker.results.count() > 0)


def test_care_dialog_on_an_empty_register_says_people_come_from_the_register(qtbot, qt_zh, app_ctx):
    dialog = CareSubjectDialog(CareBook(app_ctx.db, app_ctx.register), date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.picker.hint.shown() and "户籍登记" in dialog.picker.hint.text()
    _pick(qtbot, dialog.picker, "张三")
    assert dialog.picker.hint.shown()
    assert "没有找到“张三”" in dialog.picker.hint.text() and "新增人员" in dialog.picker.hint.text()


def test_isolation_dialog_finds_a_registered_person_without_a_hint(qtbot, qt_zh, app_ctx, small_community):
    dialog = StartIsolationDialog(IsolationBook(app_ctx.db, app_ctx.register),
                                  CareBook(app_ctx.db, app_ctx.register), date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    _pick(qtbot, dialog.picker, "张三")
    assert dialog.picker.results.count() == 1 and not dialog.picker.hint.shown()


def test_a_guard_on_a_computer_without_a_gate_is_told_to_ask_the_office(qtbot, qt_zh, app_ctx):
    """The guard's account has no Gate settings tab: it must not be sent there."""
    from desktop.accounts import create_account, create_first_admin, login
    from ui.pages.gate_page import GatePage
    create_first_admin(app_ctx.db, "王书记", "wjw2026men")
    login(app_ctx.db, "王书记", "wjw2026men")
    create_account(app_ctx.db, "李门岗", "gate", "lmg2026abc")
    login(app_ctx.db, "李门岗", "lmg2026abc")
    page = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "卡口设置" not in tabs
    message = page.screen.message_label.text()
    assert "还没有卡口" in message and "登录" in message


def test_the_office_is_sent_to_gate_settings(qtbot, qt_zh, app_ctx):
    from ui.pages.gate_page import GatePage
    page = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "卡口设置" in tabs and "“卡口设置”里添加" in page.screen.message_label.text()
