"""The gate page's other tabs: the day's log with corrections and the handover note, passes,
settings; the log model; the full-window gate screen; a returning visitor, masked for the gate."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton

from desktop.gate import passes
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint, this_checkpoint
from desktop.gate.rule import household_rule
from desktop.gate.visitors import VisitorForm, save_visitor
from tests.conftest import type_text
from ui.events import DataEvents
from ui.gate.dialogs import CorrectionDialog, VisitorDialog
from ui.gate.screen import SCAN_PAUSE_MS
from ui.pages.gate_page import GatePage

pytestmark = pytest.mark.gui


def _searched(qtbot, view) -> None:
    """Wait for the passes' search as you type (its timer runs once the box has not changed for
    150 ms) to have run: what it shows is then what the clerk sees."""
    qtbot.waitUntil(lambda: not view._find_soon.isActive(), timeout=2000)


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community):
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    p = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(p)
    p.resize(1200, 760)
    with qtbot.waitExposed(p):
        p.show()
    return p


def pass_through(qtbot, page, name, *keys):
    type_text(page.screen.entry, name)
    qtbot.keyClick(page.screen.entry, Qt.Key_Return)
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(page.screen.entry, key)
            qtbot.keyClick(page.screen.entry, Qt.Key_Return)
        else:
            qtbot.keyClick(page.screen.entry, key)


def test_day_view_counts_and_correction(qtbot, page, app_ctx, qtmodeltester):
    pass_through(qtbot, page, "张三", Qt.Key_Return)
    pass_through(qtbot, page, "李梅", Qt.Key_F2, "38.5", "2")
    view = page.day_view
    assert view.model.rowCount() == 0              # hidden behind the screen: not reloaded per scan
    page.tabs.setCurrentIndex(1)
    assert view.model.rowCount() == 2 and "进：0   出：1   劝返：1" in view.counts.text()
    assert "李梅" in view.lists.toPlainText() and "发热" in view.lists.toPlainText()
    qtmodeltester.check(view.model)
    view.table.selectRow(1)                        # 张三, the older row
    dialog = CorrectionDialog(app_ctx.db, view.selected())
    dialog.action.setCurrentIndex(dialog.action.findData("flip"))
    dialog.save()
    assert "原因" in dialog.form.error_text("reason")
    dialog.reason.setText("方向点错了")
    twice = CorrectionDialog(app_ctx.db, view.selected())    # a second clerk on the same row
    dialog.save()
    assert dialog.result()
    twice.reason.setText("也点错了")
    twice.save()
    assert not twice.result() and "已经更正" in twice.form.error_text("reason")
    page.events.notify("gate")
    rows = [view.model.entry(r) for r in range(view.model.rowCount())]
    assert sorted((e.holder_name, e.direction, bool(e.void_reason)) for e in rows) == [
        ("张三", "in", False), ("张三", "out", True), ("李梅", "in", False)]
    voided = next(r for r, e in enumerate(rows) if e.void_reason)
    assert "已作废：方向点错了" in view.model.index(voided, 7).data()


def test_handover_note(qtbot, page, app_ctx):
    pass_through(qtbot, page, "张三", Qt.Key_Return)
    from ui.gate.day_view import HandoverDialog
    from PySide6.QtCore import QTime
    dialog = HandoverDialog(app_ctx.db)
    qtbot.addWidget(dialog)
    dialog.since.setTime(QTime(0, 0))
    assert "外出未归 1 人：张三" in dialog.text.toPlainText()


def test_a_night_shift_handed_over_after_midnight_counts_from_last_night(qtbot, app_ctx, small_community, monkeypatch):
    """The night guard (22:00 to 06:00) opens 交接班 at 06:00 and sets when the shift started,
    22:00: the note counted from tonight's 22:00, still to come, and said nobody had passed.
    22:00 read after midnight is last night's: both passages of the night are in the note."""
    from datetime import datetime, timedelta
    from PySide6.QtCore import QTime
    from desktop.gate import log as gate_log
    from desktop.gate.subjects import person_subject
    from ui.gate import day_view
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    started = datetime(2026, 3, 9, 22, 0)
    for minutes, name in ((30, "张三"), (180, "李梅")):                    # 22:30, and 01:00 after midnight
        subject = person_subject(app_ctx.register.person(small_community["people"][name].id))
        gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out"), cp, started + timedelta(minutes=minutes))

    class SixInTheMorning(datetime):                # the dialog reads the computer's clock
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 3, 10, 6, 0)
    monkeypatch.setattr(day_view, "datetime", SixInTheMorning)
    dialog = day_view.HandoverDialog(app_ctx.db)
    qtbot.addWidget(dialog)
    dialog.since.setTime(QTime(22, 0))
    note = dialog.text.toPlainText()
    assert note.splitlines()[0].endswith("2026-03-09 22:00 至 06:00")
    assert "放行外出 2 人次" in note and "外出未归 2 人：李梅" in note


def _ticking(*readings):
    """A module's clock (its ``datetime`` and ``date``) giving these readings in turn, the last
    from then on: a second reading of the clock in one action reads a moment later."""
    from datetime import date, datetime
    left = list(readings)

    def reading():
        return left.pop(0) if len(left) > 1 else left[0]

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return reading()

    class Today(date):
        @classmethod
        def today(cls):
            return reading().date()
    return Clock, Today


def _gone_out(app_ctx, small_community, cp, *passages):
    from desktop.gate import log as gate_log
    from desktop.gate.subjects import person_subject
    for name, at in passages:
        subject = person_subject(app_ctx.register.person(small_community["people"][name].id))
        gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out"), cp, at)


def test_the_handover_note_opened_as_the_shift_ends_is_that_shift_s(qtbot, app_ctx, small_community, monkeypatch):
    """Opened at 07:59:59.9, the note's default start (00:00, the night shift) and its end were
    two readings of the clock: it ran to 08:00:00.1 and counted the day shift's first passage
    (李梅 at 08:00:00) in the night's note too. One reading: the night shift, up to 07:59."""
    from datetime import datetime, timedelta
    from PySide6.QtCore import QTime
    from ui.gate import day_view
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    eight = datetime(2026, 3, 10, 8, 0)
    _gone_out(app_ctx, small_community, cp, ("张三", eight - timedelta(minutes=30)), ("李梅", eight))
    clock, _ = _ticking(eight - timedelta(milliseconds=100), eight + timedelta(milliseconds=100))
    monkeypatch.setattr(day_view, "datetime", clock)
    dialog = day_view.HandoverDialog(app_ctx.db)
    qtbot.addWidget(dialog)
    note = dialog.text.toPlainText()
    assert dialog.since.time() == QTime(0, 0) and note.splitlines()[0].endswith("2026-03-10 00:00 至 07:59")
    assert "放行外出 1 人次" in note and "外出未归 1 人：张三" in note


def test_the_day_s_figures_read_at_midnight_are_its_table_s(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """The day's log read at 23:59:59.9 took 'today' from one reading of the clock and 'up to
    now' from another, 00:00:00.1: its figures counted the next day's first passage (李梅 at
    00:00:00), which its table does not list. One reading: the figures count the table's."""
    from datetime import datetime, timedelta
    from PySide6.QtCore import QDate
    from ui.gate import day_view
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    midnight = datetime(2026, 3, 11)
    _gone_out(app_ctx, small_community, cp, ("张三", midnight - timedelta(hours=12)), ("李梅", midnight))
    view = day_view.DayView(app_ctx, DataEvents())
    qtbot.addWidget(view)
    clock, today = _ticking(midnight - timedelta(milliseconds=100), midnight + timedelta(milliseconds=100))
    monkeypatch.setattr(day_view, "datetime", clock)
    monkeypatch.setattr(day_view, "date", today)
    view.day.setDate(QDate(2026, 3, 10))            # the clerk looks at the day ending now
    assert view.model.rowCount() == 1 and "出：1 " in view.counts.text()
    assert "外出未归 (1)" in view.lists.toPlainText()         # 张三; 李梅 went out the next day


def test_the_day_s_log_opened_as_midnight_passes_follows_the_new_day(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """出入记录 opened at 23:59:59.9 set its day field by one reading of the clock and told the
    field's follower 'today' by another, 00:00:00.1: the field's 03-10 looked a day the guard
    had chosen, and the log stayed on it all night, the night's passages in no list. It is
    the new day's."""
    from datetime import datetime, timedelta
    from ui.gate import day_view
    from ui.widgets import dates
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    midnight = datetime(2026, 3, 11)
    _gone_out(app_ctx, small_community, cp, ("张三", midnight + timedelta(minutes=30)))
    clock, today = _ticking(midnight - timedelta(milliseconds=100), midnight + timedelta(milliseconds=100))
    monkeypatch.setattr(day_view, "datetime", clock)
    monkeypatch.setattr(day_view, "date", today)
    monkeypatch.setattr(dates, "date", today)
    view = day_view.DayView(app_ctx, DataEvents())
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()                                 # it looks at the date when shown, then each minute
    assert view.day.text() == "2026-03-11" and view.model.rowCount() == 1


def test_the_day_s_log_left_open_overnight_is_the_new_day_s(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """A gate laptop runs day and night. Back on 出入记录 after midnight, the log was still
    yesterday's: the night's passages in no list and no count. It is the new day's."""
    from datetime import date, datetime, timedelta
    from desktop.gate import log as gate_log
    from desktop.gate.subjects import person_subject
    from ui.gate.day_view import DayView
    from ui.widgets import dates
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    view, today = DayView(app_ctx, DataEvents()), date.today()
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    assert view.day.text() == today.isoformat()
    view.hide()                                     # the guard goes back to the gate screen
    tomorrow = today + timedelta(days=1)

    class AfterMidnight(date):                      # the clock the day field follows
        @classmethod
        def today(cls):
            return tomorrow
    monkeypatch.setattr(dates, "date", AfterMidnight)
    subject = person_subject(app_ctx.register.person(small_community["people"]["张三"].id))
    gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out"), cp,
                            datetime.combine(tomorrow, datetime.min.time()) + timedelta(minutes=30))
    view.show()
    assert view.day.text() == tomorrow.isoformat() and view.model.rowCount() == 1
    assert "出：1" in view.counts.text()
    view.day.setDate(today)                         # a day the guard chose stays chosen
    view.hide()
    view.show()
    assert view.day.text() == today.isoformat() and view.model.rowCount() == 0


def test_the_day_s_log_left_in_sight_overnight_moves_to_the_new_day_on_its_own(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """出入记录 left on screen past midnight with no scan kept yesterday's log (it followed the
    day on show and on a passage only). Each minute in sight it looks at the date: past
    midnight it is the new day's; a minute when nothing changed reloads nothing."""
    from datetime import date, timedelta
    from ui.gate.day_view import DayView
    from ui.widgets import dates
    view, today = DayView(app_ctx, DataEvents()), date.today()
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    timer = view.today_follower.timer
    assert timer.isActive() and timer.interval() == 60_000
    reloads = []
    monkeypatch.setattr(view, "reload", lambda: reloads.append(1))
    timer.timeout.emit()                            # a minute, the same day: nothing read again
    assert reloads == [] and view.day.text() == today.isoformat()
    tomorrow = today + timedelta(days=1)

    class AfterMidnight(date):
        @classmethod
        def today(cls):
            return tomorrow
    monkeypatch.setattr(dates, "date", AfterMidnight)
    timer.timeout.emit()                            # the first minute after midnight
    assert view.day.text() == tomorrow.isoformat() and reloads
    view.hide()                                     # behind the gate screen: no minute timer
    assert not timer.isActive()


def test_passes_tab_issues_and_revokes(qtbot, page, app_ctx, monkeypatch):
    view = page.passes_view
    type_text(view.search, "张三")
    qtbot.waitUntil(lambda: view.people.count() == 1)       # search as you type
    view.buttons["household"].click()
    assert "已发出入证" in view.message.text() and view.passes.count() == 1
    view.buttons["household"].click()
    assert "已经有有效的出入证" in view.message.text()
    view.passes.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("遗失补办", True))
    view.buttons["revoke"].click()
    assert "已作废" in view.passes.item(0).text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("鄂a 12345", True))
    view.buttons["plate"].click()
    assert "鄂A12345" in view.message.text()
    page.findChild(QPushButton, "passes_bulk").click()
    assert len(passes.passes_to_print(app_ctx.db)) == 3       # the other households, and 张三's again


def test_a_refused_pass_is_said_in_red_after_a_success(qtbot, page, app_ctx):
    """A green "issued" line, then issuing to every household with a day that does not exist:
    the refusal must not stay green (it read as done)."""
    view = page.passes_view
    type_text(view.search, "张三")
    qtbot.waitUntil(lambda: view.people.count() == 1)
    view.buttons["household"].click()
    assert "#2e7d32" in view.message.styleSheet()
    view.valid_to.setText("2026-02-30")
    page.findChild(QPushButton, "passes_bulk").click()
    assert "日期不存在" in view.message.text() and "#c62828" in view.message.styleSheet()
    assert len(passes.passes_to_print(app_ctx.db)) == 1       # nothing issued


def test_settings_tab(qtbot, page, app_ctx):
    view = page.settings_view
    type_text(view.name, "王家湾路口")
    view.kind.setCurrentIndex(1)
    view.findChild(QPushButton, "checkpoint_add").click()
    assert "已添加" in view.message.text() and view.serving.count() == 3
    view.serving.setCurrentIndex(view.serving.findText("王家湾路口"))
    view.serve(view.serving.currentIndex())
    assert this_checkpoint(app_ctx.db).name == "王家湾路口"
    assert "王家湾路口" in page.screen.gate_label.text()
    view.people.setValue(1)
    view.days.setValue(2)
    view.save_rule()
    assert household_rule(app_ctx.db).people_per_household == 1 and "每户每2天1人外出" in view.message.text()


def test_full_window_gate_screen_keeps_the_focus(qtbot, page, app_ctx):
    page.full_window()
    full = page.full
    assert full is not None and full.isFullScreen()
    qtbot.waitUntil(lambda: full.windowHandle().isExposed())       # shown by full_window(), not here
    full.activateWindow()
    full.entry.setFocus()
    full.direction_button.click()                 # a click elsewhere does not steal the scanner's keys
    qtbot.wait(10)
    assert QApplication.focusWidget() is full.entry
    page.full_window()
    qtbot.waitUntil(lambda: page.full is None)


def test_returning_visitor_is_filled_in_and_masked_for_the_gate(qtbot, app_ctx, qt_zh):
    first = save_visitor(app_ctx.db, VisitorForm("刘师傅", "13900001234", "420106195803070016", "青山区",
                                                 "维修", "3-2-501").validate())
    from desktop.accounts import login
    from desktop.gate.subjects import lookup
    from tests.conftest import logged_in_as
    logged_in_as(app_ctx.db, "老李", "gate", "gate-pass")  # the gate account: numbers masked
    [known] = lookup(app_ctx.db, "刘师傅").subjects
    dialog = VisitorDialog(app_ctx.db, known)
    qtbot.addWidget(dialog)
    assert dialog.phone.text() == "139****1234" and "1958" not in dialog.id_number.text()
    assert dialog.known_label.text()
    dialog.reason.setText("送药")
    dialog.visiting.setText("3-1-101")
    dialog.save()
    assert dialog.subject.visitor_id == first.id
    from desktop.gate.visitors import visitor
    assert visitor(app_ctx.db, first.id).phone == "139****1234"     # still masked for the gate …
    login(app_ctx.db, "书记", "admin-pass")
    assert visitor(app_ctx.db, first.id).phone == "13900001234"     # … and the stored number kept


def test_window_counts_follow_the_register_not_each_passage(qtbot, qt_zh, app_ctx, small_community):
    from desktop.register import HouseholdForm
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    calls = []
    original = window.refresh_summary
    window.refresh_summary = lambda: (calls.append(1), original())
    window.events.notify("gate")                  # a passage: no register count changed
    assert calls == []
    app_ctx.register.add_household(HouseholdForm(compound_id=small_community["compound"].id, room="9"))
    window.events.notify("register")
    assert calls == [1] and "户数：4" in window.summary.text()


def test_a_visitor_with_a_wrong_phone_is_told_at_the_phone_box(qtbot, app_ctx, qt_zh):
    """F3, a visitor whose phone has a digit too few: the phone box says so; nothing saved,
    the dialog stays open (it crashed with KeyError 'phone')."""
    dialog = VisitorDialog(app_ctx.db, None)
    qtbot.addWidget(dialog)
    dialog.name.setText("刘师傅")
    dialog.phone.setText("1390000123")
    dialog.reason.setText("送药")
    dialog.visiting.setText("3-1-101")
    dialog.save()
    assert "电话" in dialog.form.error_text("phone") or "手机" in dialog.form.error_text("phone")
    assert dialog.subject is None
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM visitor").fetchone()[0] == 0

    dialog.phone.setText("")                      # neither phone nor ID: asked for one of them
    dialog.save()
    assert "至少" in dialog.form.error_text("phone")


def test_the_log_day_steps_a_day_and_keeps_a_wrong_day_to_correct(qtbot, page):
    """The log's day is the program's one date field: a guard who clicks into it and presses
    Down sees yesterday (the old date box stepped its selected year: a year back, an empty
    log); a day the calendar lacks is marked and the log stays on the last real day."""
    from datetime import date, timedelta
    from ui.widgets.dates import DateEdit
    pass_through(qtbot, page, "张三", Qt.Key_Return)
    page.tabs.setCurrentIndex(1)
    view = page.day_view
    assert isinstance(view.day, DateEdit)
    qtbot.mouseClick(view.day, Qt.LeftButton)
    qtbot.keyClick(view.day, Qt.Key_Down)
    assert view.day.text() == (date.today() - timedelta(days=1)).isoformat()
    assert view.model.rowCount() == 0
    qtbot.keyClick(view.day, Qt.Key_Up)
    assert view.day.text() == date.today().isoformat() and view.model.rowCount() == 1
    qtbot.keyClick(view.day, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(view.day, "2026-02-30")
    qtbot.keyClick(view.day, Qt.Key_Tab)
    assert view.day.text() == "2026-02-30" and "日期不存在" in view.day.toolTip()
    assert view.model.rowCount() == 1                       # still today's log


def test_a_pass_scanned_while_the_log_is_open_goes_to_the_gate(qtbot, page, app_ctx, small_community):
    """Found by hand: with 出入记录 open, a scan typed itself into the log's date field (a red
    border, a wrong date) and the person was lost. The gate takes it and shows it; the log keeps
    its day."""
    from datetime import date
    from desktop.gate import log as gate_log
    page.tabs.setCurrentWidget(page.day_view)
    field = page.day_view.day
    field.setFocus()
    shown_before = field.text()
    number = small_community["people"]["张三"].id_number
    qtbot.keyClicks(field, number)                       # as the scanner types, then its Enter
    qtbot.keyClick(field, Qt.Key_Return)
    assert page.tabs.currentWidget() is page.screen
    assert field.text() == shown_before and not field.toolTip()
    saved = gate_log.day_entries(app_ctx.db, date.today().isoformat())
    assert [e.holder_name for e in saved] == ["张三"]
    field.selectAll()
    qtbot.keyClicks(field, "2020-02-10")                 # a day typed there is still a day
    qtbot.keyClick(field, Qt.Key_Return)
    assert field.date().toString("yyyy-MM-dd") == "2020-02-10"


@pytest.mark.parametrize("where", ["table", "button"])
def test_a_pass_scanned_while_the_logs_table_or_a_button_has_the_keyboard_goes_to_the_gate(
        qtbot, page, app_ctx, small_community, where):
    """Found at the gate: the guard clicked a row of 出入记录 (or a button there) and a resident
    scanned: the keys went into the table's search (or nowhere) and the person was lost, the gate
    screen none the wiser. The gate is shown with the person saved; the second scan ends with Tab
    and a third with nothing, as scanners may be set."""
    from datetime import date
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from desktop.gate import log as gate_log
    people = small_community["people"]

    def scanned(widget, text, end=Qt.Key_Return):
        for ch in text:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        if end is not None:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.KeyPress, end, Qt.NoModifier))

    def names():
        return [e.holder_name for e in reversed(gate_log.day_entries(app_ctx.db, date.today().isoformat()))]
    for n, (name, end) in enumerate((("张三", Qt.Key_Return), ("李梅", Qt.Key_Tab), ("张小明", None)), 1):
        page.tabs.setCurrentWidget(page.day_view)
        widget = (page.day_view.table if where == "table"
                  else page.day_view.findChild(QPushButton, "gate_handover"))
        widget.setFocus()
        scanned(widget, people[name].id_number.lower(), end)
        qtbot.waitUntil(lambda: len(names()) == n, timeout=2000)
        assert page.tabs.currentWidget() is page.screen and name in page.screen.prompt.text()
    assert names() == ["张三", "李梅", "张小明"] and QApplication.activeModalWidget() is None


def _shown(widget):
    """What a widget shows a clerk: its text, its choice, its number or its current row."""
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractItemView):
        return widget.currentIndex().row()
    return None


@pytest.mark.parametrize("where", ["passes_search", "passes_people", "passes_valid_to", "passes_revoke",
                                   "gate_serving", "checkpoint_name", "rule_people"])
def test_a_scan_into_the_passes_or_settings_tab_goes_to_the_gate(qtbot, page, app_ctx, small_community, where):
    """Found at the office gate: the clerk had 出入证 or 卡口设置 open and a resident scanned. The ID
    number went into the search box (查无此人), the valid-until date, the household rule's number
    (12), or chose the checkpoint “4号门” for this computer (a key typed into a list picks the row
    starting with it), and the resident was lost. The gate is shown with the resident saved at
    this computer's gate, and the tab shows what it showed before."""
    import time
    from datetime import date
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QWidget
    from desktop.gate import log as gate_log
    add_checkpoint(app_ctx.db, "4号门", small_community["compound"].id)
    page.events.notify("gate_settings")
    tab = page.passes_view if where.startswith("passes") else page.settings_view
    page.tabs.setCurrentWidget(tab)
    type_text(page.passes_view.search, "张")                 # people listed: a row is chosen
    typed = time.monotonic()
    qtbot.waitUntil(lambda: page.passes_view.people.count() > 0, timeout=2000)
    # The clerk's keys, then a while later (past the scan catcher's pause) the scan.
    qtbot.wait(max(0, round((typed + SCAN_PAUSE_MS / 1000 + 0.05 - time.monotonic()) * 1000)))
    widget = page.findChild(QWidget, where)
    widget.setFocus()
    before = _shown(widget)
    zhang = small_community["people"]["张三"]
    for ch in zhang.id_number:                               # the scanner: a few ms a key, then Enter
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.KeyPress, Qt.Key_Return, Qt.NoModifier))
    _searched(qtbot, page.passes_view)
    saved = gate_log.day_entries(app_ctx.db, date.today().isoformat())
    assert page.tabs.currentWidget() is page.screen and "张三" in page.screen.prompt.text()
    assert [(e.holder_name, e.checkpoint) for e in saved] == [("张三", "幸福里东门")]
    assert this_checkpoint(app_ctx.db).name == "幸福里东门" and _shown(widget) == before
    assert QApplication.activeModalWidget() is None          # no "why revoke?" question either


def test_a_clerks_own_keys_still_work_in_the_passes_and_settings_tabs(qtbot, page, app_ctx, small_community):
    """What a clerk types there at a person's pace is theirs: a checkpoint chosen by its first
    character, a row of the people list, a name in the search box."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    add_checkpoint(app_ctx.db, "4号门", small_community["compound"].id)
    page.events.notify("gate_settings")
    page.tabs.setCurrentWidget(page.settings_view)
    serving = page.settings_view.serving
    serving.setFocus()
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(serving, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, "4"))
    qtbot.waitUntil(lambda: this_checkpoint(app_ctx.db).name == "4号门", timeout=2000)
    assert serving.currentText() == "4号门" and page.tabs.currentWidget() is page.settings_view
    page.tabs.setCurrentWidget(page.passes_view)
    type_text(page.passes_view.search, "李")
    assert page.passes_view.search.text() == "李"
    qtbot.waitUntil(lambda: page.passes_view.people.count() == 1, timeout=2000)


@pytest.mark.parametrize("line_end", [Qt.Key_Return, None])
def test_a_scan_moments_after_the_clerks_own_keys_goes_to_the_gate(qtbot, page, app_ctx, small_community,
                                                                    line_end):
    """The clerk typed 张 into the passes' search box and a tenth of a second later a resident at
    the window scanned his ID card: the keys were taken for the clerk's (the search box said
    张420106…, nobody found) and the resident was lost. He is saved at the gate; the box keeps 张."""
    import time
    from datetime import date
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from desktop.gate import log as gate_log
    page.tabs.setCurrentWidget(page.passes_view)
    search = page.passes_view.search
    type_text(search, "张")
    qtbot.wait(100)
    for ch in small_community["people"]["张三"].id_number:      # the scanner: a few ms a key
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(search, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))
        time.sleep(0.004)
    if line_end is not None:
        QApplication.sendEvent(search, QKeyEvent(QEvent.KeyPress, line_end, Qt.NoModifier))
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is page.screen, timeout=2000)
    saved = gate_log.day_entries(app_ctx.db, date.today().isoformat())
    assert [e.holder_name for e in saved] == ["张三"] and "张三" in page.screen.prompt.text()
    assert search.text() == "张"
    qtbot.waitUntil(lambda: page.passes_view.people.count() > 0, timeout=2000)   # and found the clerk's 张


@pytest.mark.parametrize("typed_just_before", [False, True])
def test_the_expiring_passes_list_is_not_said_empty_by_a_search_left_in_the_box(
        qtbot, qt_zh, app_ctx, small_community, typed_just_before):
    """The clerk had typed 张 into the passes' search box, went to Today and clicked "passes
    expiring in 3 days": the people list said 没有找到“张” though 张三 is in the register. Opening
    that list empties the search box, and the list says how to start (a search still running
    from the last keys does not come back over it either)."""
    from datetime import date, timedelta
    from ui.main_window import MainWindow
    home = small_community["households"][0]
    soon = passes.issue_pass(app_ctx.db, household_id=home.id,
                             valid_to=(date.today() + timedelta(days=2)).isoformat())
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    w.show()
    w.show_page("gate")
    gate = w.pages.currentWidget()
    gate.tabs.setCurrentWidget(gate.passes_view)
    view = gate.passes_view
    type_text(view.search, "张")
    if not typed_just_before:
        qtbot.waitUntil(lambda: view.people.count() > 0, timeout=2000)
    w.show_page("today")
    w.today_page.refresh()
    qtbot.mouseClick(w.today_page.buttons["passes_expiring"], Qt.LeftButton)
    assert w.pages.currentWidget() is gate and gate.tabs.currentWidget() is view
    # No search is left to run over the list: emptying the box asked for one (of nothing, so
    # nothing a clerk could see changes; it only cost a query 150 ms later).
    assert not view._find_soon.isActive()
    _searched(qtbot, view)
    assert view.people_hint.shown() and "没有找到" not in view.people_hint.text()
    assert view.search.text() == ""
    assert [view.passes.item(i).data(Qt.UserRole).pass_no for i in range(view.passes.count())] == [soon.pass_no]
    assert view.message.text().startswith("1")


def test_a_fever_in_the_gate_screens_recent_lines_is_coloured_as_in_the_log_table(qtbot, page):
    """李梅 came in at 38.5 and was turned back: the 出入记录 table shows her reading red, but the
    gate screen's recent lines under the card showed her line in plain black beside 张三's."""
    pass_through(qtbot, page, "张三", Qt.Key_Return)
    pass_through(qtbot, page, "李梅", Qt.Key_F2, "38.5", "2")
    lines = {page.screen.recent.item(i).text().split()[2]: page.screen.recent.item(i)
             for i in range(page.screen.recent.count())}
    assert set(lines) == {"张三", "李梅"}
    page.tabs.setCurrentWidget(page.day_view)
    model = page.day_view.model
    row = next(r for r in range(model.rowCount()) if model.entry(r).holder_name == "李梅")
    temperature = model.index(row, model.COLUMNS.index("temperature"))
    table_red = temperature.data(Qt.ForegroundRole).color()
    assert lines["李梅"].foreground().color() == table_red
    assert lines["李梅"].background().color() == temperature.data(Qt.BackgroundRole).color()
    assert lines["张三"].foreground().color() != table_red      # an ordinary passage stays plain


def test_a_number_written_in_a_name_or_a_reason_is_masked_for_the_gate(qtbot, page, app_ctx, small_community):
    """A typed ledger's name cell 刘访客13912345678, a green-channel reason with the family's
    phone, a correction's reason quoting an ID number: the gate account saw them whole in the
    screen's recent lines, the log table and its side list, where it sees every other number
    masked (the note already was). Now masked there; the office still sees them whole."""
    from desktop.accounts.roles import Actor
    from desktop.accounts.session import start_session
    from desktop.gate import log as gate_log
    from desktop.gate.subjects import Subject
    cp = this_checkpoint(app_ctx.db)
    guest = save_visitor(app_ctx.db, {"full_name": "刘访客13912345678"})
    gate_log.record_passage(app_ctx.db, gate_log.Passage(
        Subject("visitor", guest.full_name, visitor_id=guest.id), "in", 36.5), cp)
    zhang = small_community["people"]["张三"]
    gate_log.record_passage(app_ctx.db, gate_log.Passage(
        Subject("person", "张三", person_id=zhang.id), "out", override_reason="透析，家属电话13800130001"), cp)
    wrong = gate_log.record_passage(app_ctx.db, gate_log.Passage(Subject("person", "李梅"), "out"), cp)
    gate_log.void_entry(app_ctx.db, wrong, "身份证420106196005010025看错了人")

    def seen() -> tuple[str, str, str]:
        """(the screen's recent lines, the log table, its side list of who is out or inside)."""
        page.screen.refresh_recent()
        page.tabs.setCurrentWidget(page.day_view)
        page.day_view.reload()
        model = page.day_view.model
        return ("\n".join(page.screen.recent.item(i).text() for i in range(page.screen.recent.count())),
                "\n".join(model.index(r, c).data() or "" for r in range(model.rowCount())
                          for c in range(model.columnCount())), page.day_view.lists.toPlainText())
    start_session(app_ctx.db, Actor("老李", "gate"))       # logged in as the gate account
    recent, table, side = seen()
    assert all("刘访客139****5678" in place and "13912345678" not in place for place in (recent, table, side))
    text = recent + table + side
    assert "家属电话138****0001" in text and "13800130001" not in text
    assert "身份证4201**********0025" in text and "196005010025" not in text
    start_session(app_ctx.db, Actor("书记", "admin"))
    text = "".join(seen())
    assert "刘访客13912345678" in text and "13800130001" in text and "420106196005010025" in text


def test_damage_a_gate_scan_meets_is_the_windows_red_line_and_f11s_restore_opens_the_backups(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """A register whose damage the first gate write met (not the background check): the gate
    kept the passage and said so on its own last line, but the window's red line, which opens the
    backups, stayed hidden. It shows (once, no box), and on the lone F11 screen its 恢复备份……
    closes that screen and opens the window's File ▸ Backups."""
    from db.errors import DamagedDatabaseError
    from ui.dialogs.backup_dialogs import BackupsDialog
    from ui.main_window import MainWindow
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id).id)
    opened = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda dialog: opened.append(dialog))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("gate")
    window.activateWindow()
    page = window.pages.currentWidget()
    qtbot.waitUntil(page.screen.entry.hasFocus)

    def damaged(*args, **kwargs):                       # a page of the file found bad by the write
        raise DamagedDatabaseError(str(app_ctx.db.path))
    monkeypatch.setattr(app_ctx.db, "transaction", damaged)
    assert not window.damage_banner.isVisible()
    pass_through(qtbot, page, "张三", Qt.Key_Return)
    assert "已暂存" in page.screen.prompt.text()
    assert window.damage_banner.isVisible() and "已损坏" in window.damage_banner.text.text()
    qtbot.keyClick(page.screen.entry, Qt.Key_F11)
    full = page.full
    assert full is not None and full.damage_banner.isVisible()
    qtbot.mouseClick(full.damage_banner.restore_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.full is None)
    assert len(opened) == 1
