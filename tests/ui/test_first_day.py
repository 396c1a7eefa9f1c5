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
    from tests.conftest import logged_in_as
    from ui.pages.gate_page import GatePage
    logged_in_as(app_ctx.db, "李门岗", "gate", "lmg2026abc", admin=("王书记", "wjw2026men"))
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


# -- the other pages of the first day: an empty list says why and what to press -----------------
DAY_ONE = date(2026, 12, 7)


@pytest.fixture
def first_day(app_ctx):
    """The office as the first-run wizard leaves it ("start empty"): a compound, its buildings, no one."""
    fr.set_up_community(app_ctx, fr.CommunityPlan("幸福社区", "community", places_text="幸福里小区：1-3栋"))
    fr.finish_first_run(app_ctx.db)
    return app_ctx


def _shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def test_empty_care_list_says_to_add_people_from_the_register_and_a_subject_hides_it(qtbot, qt_zh, first_day):
    from desktop.care.records import SubjectForm
    from desktop.register import HouseholdForm, PersonForm
    from ui.pages.care_page import CarePage
    page = _shown(qtbot, CarePage(first_day, DataEvents()))
    page.set_today(DAY_ONE)
    assert page.table_hint.shown()
    # Nobody in the register: 加入关爱名单 would find nobody, a care ledger's every row is refused.
    assert "户籍登记里也还没有人：请先在“导入导出”页导入户籍台账" in page.table_hint.text()
    r = first_day.register
    house = r.add_household(HouseholdForm(compound_id=r.compounds()[0].id, building="1", unit="1", room="101"))
    person = r.add_person(PersonForm(full_name="王大爷"), house.id, "head")
    page.events.changed.emit({"register"})
    assert "还没有关爱对象" in page.table_hint.text() and "“加入关爱名单”" in page.table_hint.text()
    assert "导入户籍台账" not in page.table_hint.text()
    CareBook(first_day.db, r).add_subject(person.id, SubjectForm(categories=("elder_alone",)), DAY_ONE)
    page.events.changed.emit({"care"})
    assert page.model.rowCount() == 1 and not page.table_hint.shown()
    type_text(page.search, "赵六")                     # a filter that hides everyone says so
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.table_hint.shown() and "没有符合条件的关爱对象" in page.table_hint.text()


def test_empty_isolation_list_says_to_press_start_isolation_and_an_episode_hides_it(qtbot, qt_zh, first_day):
    from desktop.register import HouseholdForm, PersonForm
    from ui.pages.isolation_page import IsolationPage
    page = _shown(qtbot, IsolationPage(first_day, DataEvents()))
    page.set_today(DAY_ONE)
    assert page.table_hint.shown()
    assert "现在没有人在隔离" in page.table_hint.text() and "“开始隔离”" in page.table_hint.text()
    r = first_day.register
    house = r.add_household(HouseholdForm(compound_id=r.compounds()[0].id, building="2", unit="1", room="301"))
    person = r.add_person(PersonForm(full_name="张三"), house.id, "head")
    IsolationBook(first_day.db, r).start(person.id, "home_isolation", "外地返回", DAY_ONE, DAY_ONE)
    page.events.changed.emit({"isolation"})
    assert page.model.rowCount() == 1 and not page.table_hint.shown()
    type_text(page.search, "赵六")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.table_hint.shown() and "没有符合条件的隔离人员" in page.table_hint.text()


def test_empty_duty_lists_say_to_add_people_then_shifts_and_a_person_hides_it(qtbot, qt_zh, first_day):
    from desktop.duty.people import DutyBook
    from ui.pages.duty_page import DutyPage
    page = _shown(qtbot, DutyPage(first_day, DataEvents()))
    assert page.people_hint.shown() and "还没有值守人员" in page.people_hint.text()
    assert "“登记人员…”" in page.people_hint.text()
    assert page.shifts_hint.shown() and "“登记人员…”" in page.shifts_hint.text()
    for hint in (page.hours_hint, page.unit_hours_hint):
        assert hint.shown() and "没有时长可算" in hint.text() and "“登记人员…”" in hint.text()
    DutyBook(first_day.db).add_person("李志愿", "13800138000")
    page.events.changed.emit({"duty"})
    assert page.people.rowCount() == 1 and not page.people_hint.shown()
    assert page.shifts_hint.shown() and "“排班…”" in page.shifts_hint.text()
    assert "登记人员" not in page.shifts_hint.text()
    assert page.hours_hint.shown() and "先按“排班…”安排值守" in page.hours_hint.text()
    assert "登记人员" not in page.unit_hours_hint.text()


def test_empty_battle_map_says_where_households_are_registered_and_one_hides_it(qtbot, qt_zh, first_day):
    from desktop.register import HouseholdForm
    from ui.pages.battle_map_page import BattleMapPage
    from ui.workers.task import InlineRunner
    page = _shown(qtbot, BattleMapPage(first_day, DataEvents(), runner=InlineRunner()))
    page.set_today(DAY_ONE)
    page.wait()
    assert page.map_hint.shown()
    assert "幸福里小区还没有住户" in page.map_hint.text() and "“户籍登记”" in page.map_hint.text()
    assert "“新增户”" in page.map_hint.text()
    r = first_day.register
    r.add_household(HouseholdForm(compound_id=r.compounds()[0].id, building="1", unit="1", room="101"))
    page.events.changed.emit({"register"})
    page.wait()
    assert not page.map_hint.shown()


def test_a_battle_map_without_any_compound_says_to_add_one(qtbot, qt_zh, app_ctx):
    from ui.pages.battle_map_page import BattleMapPage
    from ui.workers.task import InlineRunner
    page = _shown(qtbot, BattleMapPage(app_ctx, DataEvents(), runner=InlineRunner()))
    assert page.map_hint.shown() and "还没有小区或村组" in page.map_hint.text()
    assert "“新增小区”" in page.map_hint.text()


def test_empty_audit_says_nothing_is_recorded_since_the_day_and_an_export_hides_it(
        qtbot, qt_zh, first_day, tmp_path):
    from ui.workers.task import InlineRunner, use_runner
    from desktop.audit import record_output
    from ui.pages.audit_page import AuditPage
    old = use_runner(InlineRunner())
    try:
        page = _shown(qtbot, AuditPage(first_day, DataEvents(), today=DAY_ONE))
        assert page.model.rowCount() == 0 and page.table_hint.shown()
        assert "2026-11-30以来没有导出、打印或恢复备份的记录" in page.table_hint.text()
        assert "“起始日期”" in page.table_hint.text()
        record_output(first_day.db, "export", "register", 3, True, tmp_path / "名单.xlsx")
        page.reload()
        assert page.model.rowCount() == 1 and not page.table_hint.shown()
    finally:
        use_runner(old)
