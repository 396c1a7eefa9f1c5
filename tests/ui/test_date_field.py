"""A date typed into a form is kept as typed: a day that does not exist (2026-13-45, 2026-02-30)
or one after today is said under the field and nothing is saved; it is never changed into
another day behind the clerk's back (a QDateEdit made 2026-13-45 into 2026-01-04)."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.care.care_book import CareBook
from desktop.care.records import SubjectForm
from tests.care.conftest import TODAY
from tests.conftest import type_text
from ui.dialogs.visit_dialog import VisitDialog
from ui.widgets.dates import date_edit

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, qt_zh, app_ctx, small_community):
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    subject = care.add_subject(small_community["people"]["王大爷"].id,
                               SubjectForm(categories=("elder_alone",), helper_id=helper.id,
                                           listed_on="2020-01-01"), TODAY)   # before every day typed below
    dialog = VisitDialog(care, subject, TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.care_, dialog.subject_ = care, subject
    return dialog


def type_date(qtbot, edit, text: str) -> None:
    """As a clerk does: click into the field, select what is there, type, leave with Tab."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(edit, Qt.Key_Delete)
    type_text(edit, text)                   # one key event a character, 年 and 月 too
    qtbot.keyClick(edit, Qt.Key_Tab)


def save(qtbot, dialog) -> None:
    dialog.found.setPlainText("身体好")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


@pytest.mark.parametrize("typed, said", [("2026-13-45", "日期不存在"), ("2026-02-30", "日期不存在"),
                                         ("2020-1x-05", "看不懂"), ("", "请填写日期")])
def test_a_day_that_does_not_exist_is_said_and_nothing_saved(qtbot, dialog, typed, said):
    type_date(qtbot, dialog.visited_on, typed)
    assert dialog.visited_on.text() == typed                 # what was typed stays to be corrected
    save(qtbot, dialog)
    assert said in dialog.form.error_text("visited_on")
    assert dialog.isVisible() and dialog.care_.visits(dialog.subject_.id) == []


def test_a_day_after_today_is_refused(qtbot, dialog):
    later = TODAY + timedelta(days=3)
    type_date(qtbot, dialog.visited_on, later.isoformat())
    save(qtbot, dialog)
    assert "晚于" in dialog.form.error_text("visited_on")
    assert dialog.care_.visits(dialog.subject_.id) == []


@pytest.mark.parametrize("typed", ["2020/2/5", "2020年2月5日", "20200205", "2020-02-05", "2020.2.5"])
def test_the_usual_ways_of_writing_a_day_are_saved_as_that_day(qtbot, dialog, typed):
    assert TODAY > date(2020, 2, 5)
    type_date(qtbot, dialog.visited_on, typed)
    assert dialog.visited_on.text() == "2020-02-05"          # shown as read, before saving
    save(qtbot, dialog)
    assert not dialog.isVisible(), [dialog.form.error_text(n) for n in ("", "visited_on", "found", "helper_id")]
    [visit] = dialog.care_.visits(dialog.subject_.id)
    assert visit.visited_on == "2020-02-05"


def test_a_wrong_text_is_marked_red_when_the_clerk_leaves_the_field(qtbot, dialog):
    type_date(qtbot, dialog.visited_on, "2026-02-30")
    assert "不存在" in dialog.visited_on.toolTip() and "c62828" in dialog.visited_on.styleSheet()
    type_date(qtbot, dialog.visited_on, TODAY.isoformat())
    assert dialog.visited_on.toolTip() == "" and dialog.visited_on.styleSheet() == ""


def test_a_day_picked_on_the_calendar_is_the_field_s_day(qtbot, qt_zh):
    edit = date_edit(date(2026, 3, 10), maximum=date(2026, 3, 31))
    qtbot.addWidget(edit)
    edit.show()
    changed = []
    edit.dateChanged.connect(changed.append)
    edit.show_calendar()
    assert edit.calendar.maximumDate() == QDate(2026, 3, 31)
    edit.calendar.clicked.emit(QDate(2026, 3, 2))
    assert edit.text() == "2026-03-02" and changed == [QDate(2026, 3, 2)]
    assert edit.calendar is None


def test_a_list_filter_follows_only_real_days(qtbot, qt_zh):
    """A page's day filter (the audit's 'since'): typing through 2026-0 … does not reload the
    list with half a date; the day shown stays the last real one."""
    edit = date_edit(date(2026, 3, 10))
    qtbot.addWidget(edit)
    edit.show()
    changed = []
    edit.dateChanged.connect(changed.append)
    type_date(qtbot, edit, "2026-02-30")
    assert changed == [] and edit.date() == QDate(2026, 3, 10)
    type_date(qtbot, edit, "2026-02-28")
    assert changed[-1] == QDate(2026, 2, 28) and edit.date() == QDate(2026, 2, 28)


def test_up_and_down_step_a_day_but_not_past_the_latest(qtbot, qt_zh):
    edit = date_edit(date(2026, 3, 1), maximum=date(2026, 3, 2))
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClick(edit, Qt.Key_Down)
    assert edit.text() == "2026-02-28"
    for _ in range(3):
        qtbot.keyClick(edit, Qt.Key_Up)
    assert edit.text() == "2026-03-02"


def test_the_calendar_takes_the_keys(qtbot, dialog):
    """Opened from its button, the calendar has the keyboard: Left is the day before, Enter picks
    it (the arrows and Enter did nothing: the calendar had no focus)."""
    from PySide6.QtWidgets import QApplication
    edit = dialog.visited_on
    edit.show_calendar()
    calendar = edit.calendar
    qtbot.waitUntil(lambda: calendar.windowHandle().isExposed())   # shown by show_calendar(), not here
    focused = QApplication.focusWidget()
    assert focused is not None and calendar.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key_Left)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert edit.text() == (TODAY - timedelta(days=1)).isoformat() and edit.calendar is None
