"""Entering a visit and a follow-up check from today's lists, as a care worker does."""
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.care.records import FollowUpForm, SubjectForm, VisitForm
from tests.care.conftest import TODAY
from tests.conftest import type_text
from ui.dialogs.followup_dialog import FollowUpDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.events import DataEvents
from ui.pages import care_page, isolation_page
from ui.pages.care_page import CarePage
from ui.pages.isolation_page import IsolationPage

pytestmark = pytest.mark.gui


def names(model) -> list[str]:
    return [model.item(r).subject.full_name if hasattr(model.item(r), "subject") else model.item(r).episode.full_name
            for r in range(model.rowCount())]


def click_save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


def run_dialog_with(monkeypatch, module, cls, fill):
    """When the page opens its ``cls`` dialog (modal), ``fill`` types into it and saves."""
    opened = []

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            QTimer.singleShot(10, act)
            return
        opened.append(dialog)
        fill(dialog)
        if dialog.isVisible():
            dialog.reject()
    original = cls.exec

    def exec_(self):
        QTimer.singleShot(0, act)
        return original(self)
    monkeypatch.setattr(cls, "exec", exec_)
    return opened


@pytest.fixture
def care_setup(app_ctx, small_community):
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    people = small_community["people"]
    care.add_subject(people["王大爷"].id, SubjectForm(categories=("elder_alone",), needs=("groceries",),
                                                     frequency="weekly", helper_id=helper.id,
                                                     listed_on=(TODAY - timedelta(days=30)).isoformat()), TODAY)
    sub = care.add_subject(people["李梅"].id, SubjectForm(categories=("treatment",), frequency="twice_weekly",
                                                          helper_id=helper.id, listed_on=TODAY.isoformat()), TODAY)
    care.record_visit(sub.id, VisitForm(visited_on=TODAY.isoformat(), found="透析按时去了"), TODAY)
    return care


def test_visit_entered_from_the_list_takes_the_person_off_today(qtbot, qt_zh, app_ctx, care_setup, monkeypatch):
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert names(page.model) == ["王大爷"]                 # 李梅 was visited today
    assert "30" in page.model.data(page.model.index(0, 0))   # 30 days without a visit: neglected
    assert "王大爷" in page.card.toPlainText()

    def fill(dialog):
        click_save(qtbot, dialog)                            # nothing typed: told what is missing
        assert "走访情况" in dialog.form.error_text("found")
        type_text(dialog.found, "身体好，菜够吃三天")
        dialog.needs.boxes["medicine"].setChecked(True)
        dialog.modes["phone"].setChecked(True)
        click_save(qtbot, dialog)
    opened = run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    page.show()
    cell = page.table.visualRect(page.model.index(0, 1)).center()
    # Double-click the row: quick entry (Qt's test double click needs the first click before it).
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=cell)
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=cell)
    assert len(opened) == 1 and opened[0].result() == QDialog.Accepted
    assert names(page.model) == []
    [visit] = care_setup.visits(opened[0].subject.id)
    assert (visit.visited_on, visit.mode, visit.needs_raised, visit.helper_name) == (
        TODAY.isoformat(), "phone", ("medicine",), "刘楼长")
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    assert sorted(names(page.model)) == ["李梅", "王大爷"]


def test_followup_entered_from_the_list_and_a_fever_goes_to_the_top(qtbot, qt_zh, app_ctx, small_community,
                                                                    monkeypatch):
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    people = small_community["people"]
    first = iso.start(people["张三"].id, "home_isolation", "外地返回", TODAY - timedelta(days=2), TODAY)
    iso.start(people["王租客"].id, "observation", "次密接", TODAY - timedelta(days=1), TODAY)
    iso.record_followup(first.id, TODAY, FollowUpForm("morning", "36.5"), TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.unchecked_only.setChecked(True)
    assert sorted(names(page.model)) == ["张三", "王租客"]   # evening not yet checked for 张三
    row = names(page.model).index("王租客")
    page.table.selectRow(row)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)

    def fill(dialog):
        assert dialog.slots["morning"].isChecked()           # the first slot still open
        type_text(dialog.temperature, "373")
        click_save(qtbot, dialog)
        assert "小数点" in dialog.form.error_text("temperature")
        dialog.temperature.clear()
        type_text(dialog.temperature, "37.8")
        dialog.symptoms.boxes["cough"].setChecked(True)
        click_save(qtbot, dialog)
    opened = run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.buttons["record_check"].click()
    assert opened and opened[0].result() == QDialog.Accepted
    assert names(page.model)[0] == "王租客"                  # the fever is first
    assert "发热" in page.model.data(page.model.index(0, 0))
    assert "发热：1" in page.title.text()


def test_release_asks_first_and_sets_the_status_back(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    person = small_community["people"]["张三"]
    iso.start(person.id, "home_isolation", "外地返回", TODAY - timedelta(days=13), TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    page.buttons["release"].click()
    assert app_ctx.register.person(person.id).status == "home_isolation"     # "no" changes nothing
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    from ui.dialogs.isolation_dialog import ReleaseDialog
    run_dialog_with(monkeypatch, isolation_page, ReleaseDialog, lambda d: click_save(qtbot, d))
    page.buttons["release"].click()
    assert app_ctx.register.person(person.id).status == "healthy"
    assert names(page.model) == []


def test_models_pass_the_qt_model_tester(qtbot, qtmodeltester, qt_zh, app_ctx, care_setup, small_community):
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    qtmodeltester.check(page.model)
    IsolationBook(app_ctx.db, app_ctx.register).start(
        small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    iso_page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(iso_page)
    iso_page.set_today(TODAY)
    qtmodeltester.check(iso_page.model)


def test_planned_end_is_changed_from_the_page(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    from PySide6.QtCore import QDate
    from ui.dialogs.isolation_dialog import ChangePlanDialog
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)

    def fill(dialog):
        later = TODAY + timedelta(days=20)
        dialog.planned_end_on.setDate(QDate(later.year, later.month, later.day))
        click_save(qtbot, dialog)
    run_dialog_with(monkeypatch, isolation_page, ChangePlanDialog, fill)
    page.buttons["change_plan"].click()
    assert iso.episode(episode.id).planned_end_on == (TODAY + timedelta(days=20)).isoformat()
    assert "状态变更记录" in page.card.toPlainText()


def test_isolated_on_the_register_without_follow_up_are_shown_and_started(qtbot, qt_zh, app_ctx, small_community,
                                                                        monkeypatch):
    person = small_community["people"]["李梅"]
    app_ctx.register.set_status(person.id, "home_isolation", "密接，街道通知")
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert page.untracked_label.isVisibleTo(page) and "李梅" in page.untracked_label.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    page.untracked_button.click()
    assert names(page.model) == ["李梅"] and not page.untracked_label.isVisibleTo(page)


def test_a_visit_typed_wrong_is_voided_and_the_person_is_due_again(qtbot, qt_zh, app_ctx, care_setup, monkeypatch):
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    page.table.selectRow(names(page.model).index("李梅"))
    assert page.buttons["correct_visit"].isEnabled()

    def fill(dialog):
        assert dialog.found.toPlainText() == "透析按时去了"      # the visit being corrected
        dialog.void.setChecked(True)
        click_save(qtbot, dialog)
    run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    page.buttons["correct_visit"].click()
    page.due_filter.setCurrentIndex(page.due_filter.findData("due"))
    assert "李梅" in names(page.model)
    subject = next(page.model.item(r).subject for r in range(page.model.rowCount())
                   if page.model.item(r).subject.full_name == "李梅")
    assert care_setup.visits(subject.id) == []


def test_a_fever_typed_by_mistake_is_corrected_from_the_list(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "38.6"), TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert "发热" in page.model.data(page.model.index(0, 0))

    def fill(dialog):
        assert dialog.temperature.text() == "38.6" and not dialog.slots["evening"].isEnabled()
        dialog.temperature.clear()
        type_text(dialog.temperature, "36.8")
        click_save(qtbot, dialog)
    run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.buttons["correct_check"].click()
    assert "发热" not in page.model.data(page.model.index(0, 0))
    assert [f.temperature for f in iso.followups(episode.id)] == [36.8]


def test_a_frequency_and_a_need_this_version_does_not_know_still_list_the_person(qtbot, qt_zh, app_ctx, care_setup):
    """Codes a newer machine wrote (come by sync): the care list still opens, the person due
    (an unknown frequency counts as daily), the unknown need shown as it is."""
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE care_subject SET frequency = 'hourly', needs = 'groceries,drone_drop'")
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert names(page.model) == ["王大爷"]
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    assert sorted(names(page.model)) == ["李梅", "王大爷"]
    page.table.selectRow(names(page.model).index("王大爷"))
    assert "drone_drop" in page.card.toPlainText()


def test_visits_entered_one_after_another_by_keyboard(qtbot, qt_zh, app_ctx, care_setup, small_community,
                                                     monkeypatch):
    """A clerk with the paper round in hand: Enter on the list opens the visit (only a double
    click did), the found text, Enter in the last field saves, and the list is back under the keys
    on the next person due, Enter again (the list keeps the keyboard when a dialog closes)."""
    people = small_community["people"]
    helper = care_setup.helpers()[0]
    for name in ("张三", "张小明", "王租客"):
        care_setup.add_subject(people[name].id, SubjectForm(categories=("elder_alone",), frequency="weekly",
                                                            helper_id=helper.id,
                                                            listed_on=(TODAY - timedelta(days=30)).isoformat()),
                               TODAY)
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    page.table.setFocus()
    due = sorted(names(page.model))
    assert due == sorted(["王大爷", "张三", "张小明", "王租客"])

    def fill(dialog):
        type_text(dialog.found, "身体好")
        dialog.done_text.setFocus()
        qtbot.keyClick(dialog.done_text, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    visited = []
    for n in range(4):
        visited.append(page.current().subject.full_name)
        qtbot.keyClick(page.table, Qt.Key_Return)         # the list keeps the keys between visits
        assert len(opened) == n + 1 and opened[n].result() == QDialog.Accepted
        assert opened[n].subject.full_name == visited[n]      # the person chosen, not another
    assert sorted(visited) == due and names(page.model) == []
    assert all(len(care_setup.visits(d.subject.id)) == 1 for d in opened)


def test_a_followup_opens_with_enter_on_the_isolation_list(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """The evening round by keyboard: the arrow to the person, Enter, the reading, Enter."""
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    iso.start(small_community["people"]["王租客"].id, "observation", "次密接", TODAY - timedelta(days=1), TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.table.selectRow(names(page.model).index("王租客"))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)

    def fill(dialog):
        type_text(dialog.temperature, "37.8")
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert len(opened) == 1 and opened[0].result() == QDialog.Accepted
    assert "发热" in page.model.data(page.model.index(0, 0))


def test_correct_last_visit_is_offered_only_when_a_visit_was_recorded_here(qtbot, qt_zh, app_ctx, small_community):
    """Someone imported with the old ledger's last visit and no visit recorded yet: 'correct
    last visit' was enabled and a click did nothing at all."""
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(
        categories=("elder_alone",), frequency="daily", helper_id=helper.id,
        listed_on=(TODAY - timedelta(days=5)).isoformat(), last_visit_on=(TODAY - timedelta(days=3)).isoformat()), TODAY)
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert names(page.model) == ["王大爷"] and page.current().due.last_visit is not None
    assert not page.buttons["correct_visit"].isEnabled()
    care.record_visit(subject.id, VisitForm(visited_on=(TODAY - timedelta(days=1)).isoformat(), found="身体好"), TODAY)
    page.reload()
    assert page.buttons["correct_visit"].isEnabled()


def test_a_round_typed_from_paper_enter_in_what_was_found_saves_and_the_next_person_comes_up(
        qtbot, qt_zh, app_ctx, care_setup, small_community, monkeypatch):
    """The helper's paper in hand, the list showing everyone: Enter on the person, what was
    found, Enter saves it (it began a new line, and the clerk had to Tab past seven boxes), and
    the next person on the list is chosen (the one just visited stayed, and got a second visit)."""
    people = small_community["people"]
    helper = care_setup.helpers()[0]
    for name in ("张三", "张小明"):
        care_setup.add_subject(people[name].id, SubjectForm(categories=("elder_alone",), frequency="weekly",
                                                            helper_id=helper.id,
                                                            listed_on=(TODAY - timedelta(days=30)).isoformat()),
                               TODAY)
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.due_filter.setCurrentIndex(page.due_filter.findData("all"))
    page.resize(1024, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    page.table.setFocus()
    order = names(page.model)
    assert len(order) == 4

    starts = []

    def fill(dialog):
        starts.append(dialog.focusWidget() is dialog.found)      # the cursor where the typing starts
        type_text(dialog.found, "未见到本人")
        qtbot.keyClick(dialog.found, Qt.Key_Return, Qt.ShiftModifier)     # Shift+Enter: a second line
        type_text(dialog.found, "邻居说去女儿家了")
        qtbot.keyClick(dialog.found, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    for n in range(3):
        assert page.current().subject.full_name == order[n]
        qtbot.keyClick(page.table, Qt.Key_Return)
        assert opened[n].result() == QDialog.Accepted
    assert [d.subject.full_name for d in opened] == order[:3] and all(starts)
    found = care_setup.visits(opened[0].subject.id)[0].found
    assert "未见到本人" in found and "邻居说去女儿家了" in found
    assert page.current().subject.full_name == order[3]


def test_the_list_for_another_day_shows_who_falls_due_then_and_a_visit_is_still_today(
        qtbot, qt_zh, app_ctx, care_setup, monkeypatch):
    """Planning the round the evening before: the page's day set four days on shows 李梅 (visited
    today, twice a week) due then, said as 当天应访 (not 今天应访); a visit recorded from that list
    is dated today, and 回到今天 brings today's list back. The page had no day to change."""
    from PySide6.QtCore import QDate
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert names(page.model) == ["王大爷"] and not page.back_to_today.isEnabled()
    later = TODAY + timedelta(days=4)
    page.day_edit.setDate(QDate(later.year, later.month, later.day))
    assert sorted(names(page.model)) == ["李梅", "王大爷"]
    row = names(page.model).index("李梅")
    assert page.model.data(page.model.index(row, 0)) == "当天应访"
    assert later.isoformat() in page.title.text() and "当天应访 1" in page.title.text()
    assert page.back_to_today.isEnabled()

    def fill(dialog):
        assert dialog.visited_on.date().toPython() == TODAY
        type_text(dialog.found, "身体好")
        click_save(qtbot, dialog)
    page.table.selectRow(row)
    opened = run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    page.record_visit()
    assert opened[0].result() == QDialog.Accepted
    assert care_setup.visits(opened[0].subject.id)[0].visited_on == TODAY.isoformat()
    qtbot.mouseClick(page.back_to_today, Qt.LeftButton)
    assert page.day == TODAY and names(page.model) == ["王大爷"] and "今天应访" in page.title.text()


def test_a_visit_where_nobody_answered_picked_by_keys_keeps_the_person_on_today(
        qtbot, qt_zh, app_ctx, care_setup, small_community, monkeypatch):
    """A helper knocked and nobody answered: the clerk presses Enter on the person, Alt+N
    (未见到本人), types what was tried, Enter. The visit is kept, but the old man living alone
    stays on today's list (maybe he fell), and his state says when he was not seen."""
    helper = care_setup.helpers()[0]
    alone = care_setup.add_subject(small_community["people"]["张三"].id, SubjectForm(
        categories=("elder_alone",), frequency="weekly", helper_id=helper.id,
        listed_on=(TODAY - timedelta(days=30)).isoformat()), TODAY)
    care_setup.record_visit(alone.id, VisitForm(visited_on=(TODAY - timedelta(days=7)).isoformat(), found="身体好"),
                            TODAY)
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    page.table.setFocus()
    page.table.selectRow(names(page.model).index("张三"))

    def fill(dialog):
        try:
            keys(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    def keys(dialog):
        assert dialog.modes["not_seen"].text() == "未见到本人(&N)"
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.found, Qt.Key_N, Qt.AltModifier)
        qtbot.waitUntil(dialog.modes["not_seen"].isChecked)
        qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.found)
        assert "敲门没人应" in dialog.found.placeholderText()
        type_text(dialog.found, "敲门没人应，电话没人接")
        qtbot.keyClick(dialog.found, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, care_page, VisitDialog, fill)
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert len(opened) == 1 and opened[0].result() == QDialog.Accepted
    assert [(v.mode, v.found) for v in care_setup.visits(alone.id)][0] == ("not_seen", "敲门没人应，电话没人接")
    row = names(page.model).index("张三")
    assert page.model.data(page.model.index(row, 0)) == "今天应访（上次未见到）"
    assert page.model.data(page.model.index(row, page.model.COLUMNS.index("last_visit"))) == "2020-02-13"
    page.table.selectRow(row)
    assert "未见到本人" in page.card.toPlainText()
    assert page.model.data(page.model.index(row, 0), Qt.ToolTipRole) == "今天应访"


def test_a_person_is_put_on_the_care_list_by_keys_alone(qtbot, qt_zh, app_ctx, care_setup, small_community,
                                                        monkeypatch):
    """Alt+A on the care page opens 加入关爱名单 with the cursor in the search; the clerk types 张,
    Down moves from the first found (张三) to 张小明, Tab reaches the categories, Space ticks
    the first, Enter saves. Every key goes where the cursor is, as on a keyboard."""
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    from ui.dialogs.care_subject_dialog import CareSubjectDialog

    def press(dialog, key, modifier=Qt.NoModifier):
        qtbot.keyClick(dialog.focusWidget(), key, modifier)

    def fill(dialog):
        try:
            keys(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    def keys(dialog):
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.focusWidget() is dialog.picker.search
        type_text(dialog.picker.search, "张")
        press(dialog, Qt.Key_Down)            # at once, before the list has caught up with the typing
        qtbot.waitUntil(lambda: dialog.picker.person() is not None
                        and dialog.picker.person().full_name == "张小明")
        assert dialog.focusWidget() is dialog.picker.search       # still typing: the name can be changed
        press(dialog, Qt.Key_Tab)
        first = next(iter(dialog.categories.boxes.values()))
        assert dialog.focusWidget() is first
        press(dialog, Qt.Key_Space)
        assert first.isChecked()
        press(dialog, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, care_page, CareSubjectDialog, fill)
    qtbot.keyClick(page, Qt.Key_A, Qt.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 1 and not opened[0].isVisible())     # a mnemonic clicks after a moment
    assert opened[0].result() == QDialog.Accepted
    saved = opened[0].saved
    assert saved.full_name == "张小明" and saved.categories == (next(iter(opened[0].categories.boxes)),)
    assert page.current().subject.full_name == "张小明"


def test_a_person_put_on_the_list_who_is_not_due_today_is_shown_chosen(qtbot, qt_zh, app_ctx, care_setup,
                                                                       monkeypatch):
    """张三 is added with the old ledger's visit of yesterday (weekly: not due today). The list of
    who is due today hid him and chose its first row (王大爷): saved, but the clerk saw nobody
    new. Now the list shows everyone, with 张三 chosen and his card below."""
    from ui.dialogs.care_subject_dialog import CareSubjectDialog
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    assert page.due_filter.currentData() == "due" and names(page.model) == ["王大爷"]

    def fill(dialog):
        type_text(dialog.picker.search, "张三")
        qtbot.waitUntil(lambda: dialog.picker.person() is not None and dialog.picker.person().full_name == "张三")
        dialog.categories.boxes["elder_alone"].setChecked(True)
        type_text(dialog.last_visit, (TODAY - timedelta(days=1)).isoformat())
        qtbot.keyClick(dialog.last_visit, Qt.Key_Return)
    opened = run_dialog_with(monkeypatch, care_page, CareSubjectDialog, fill)
    page.add_subject()
    assert opened[0].result() == QDialog.Accepted
    assert page.current().subject.full_name == "张三" and page.current().due.state == "not_due"
    assert page.due_filter.currentData() == "all" and "张三" in page.card.toPlainText()


def test_a_name_searched_who_is_on_the_list_but_not_due_is_said_to_be_there(qtbot, qt_zh, app_ctx, care_setup):
    """李梅 rang in; she was visited today, so not due. Her name typed in the search showed an empty
    list that said 没有符合条件的关爱对象: as if she were not on the list. It says she is, and how to see her."""
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    type_text(page.search, "李梅")
    qtbot.waitUntil(lambda: page.table_hint.shown() and "李梅" in page.table_hint.text())
    assert page.table_hint.text() == "关爱名单上有1人符合“李梅”，但不在“今天应访和逾期”里。在上面选“名单上所有人”即可看到。"
