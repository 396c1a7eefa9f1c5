"""The duty page: a shift overlapping another of the same person is refused beside the field,
in Chinese; the gate screen names who the roster has on duty now."""
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.test_care_pages import run_dialog_with
from tests.ui.test_window_fits import wrapped_lines
from ui.dialogs.duty_dialogs import ShiftDialog
from ui.events import DataEvents
from ui.pages import duty_page
from ui.pages.duty_page import DutyPage
from ui.widgets.unbroken import WORD_JOINER

pytestmark = pytest.mark.gui


def as_read(text: str) -> str:
    """A line's text as the eye reads it: without the marks that keep an entry on one line."""
    return text.replace(WORD_JOINER, "").replace("\u00a0", " ")


def test_overlapping_shift_is_refused_in_the_dialog(qtbot, qt_zh, app_ctx, crew, gate, roster, monkeypatch):
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 10), "22:00", "06:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 23, 0))
    assert "幸福里小区大门 张志愿（22:00–次日06:00）" in as_read(page.now_label.text())
    assert page.shifts.rowCount() == 1 and page.hours.rows[0][:2] == ("张志愿", "志愿者")

    def fill(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(crew["张志愿"].id))
        dialog.day.setDate(dialog.day.date().fromString("2020-02-11", "yyyy-MM-dd"))
        dialog.start.clear()
        qtbot.keyClicks(dialog.start, "05:00")
        dialog.end.clear()
        qtbot.keyClicks(dialog.end, "09:00")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        assert "时间重叠" in dialog.form.error_text("start") and dialog.isVisible()
        dialog.start.clear()
        qtbot.keyClicks(dialog.start, "06:00")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    opened = run_dialog_with(monkeypatch, duty_page, ShiftDialog, fill)
    qtbot.mouseClick(page.buttons["add_shift"], Qt.LeftButton)
    assert opened and opened[0].saved is not None
    assert page.shifts.rowCount() == 2


def test_gate_screen_names_who_is_on_duty(qtbot, qt_zh, app_ctx, crew, gate, roster):
    from desktop.gate.checkpoints import serve_checkpoint
    from ui.gate.screen import GateScreen
    serve_checkpoint(app_ctx.db, gate.id)
    now = datetime.now()
    start = now - timedelta(hours=1)              # the gate screen reads the computer's clock
    roster.add_shift(crew["李干部"].id, "gate", start.date(), start.strftime("%H:%M"),
                     (now + timedelta(hours=2)).strftime("%H:%M"), checkpoint_id=gate.id)
    screen = GateScreen(app_ctx, DataEvents())
    qtbot.addWidget(screen)
    assert as_read(screen.roster_label.text()).startswith("值班：李干部（至")


def test_a_volunteer_who_left_is_removed_with_the_shifts_still_to_come(qtbot, qt_zh, app_ctx, crew, gate, roster,
                                                                         monkeypatch):
    # There was no way to take someone off the list; the shifts of a volunteer who had left
    # stayed on the roster, the printed sheet and the gate's "on duty" line.
    from PySide6.QtWidgets import QMessageBox
    zhang = crew["张志愿"]
    roster.add_shift(zhang.id, "gate", date(2020, 2, 10), "08:00", "16:00", checkpoint_id=gate.id)   # served
    roster.add_shift(zhang.id, "gate", date(2020, 2, 11), "08:00", "16:00", checkpoint_id=gate.id)   # now
    roster.add_shift(zhang.id, "gate", date(2020, 2, 12), "22:00", "06:00", checkpoint_id=gate.id)   # to come
    roster.add_shift(zhang.id, "gate", date(2020, 2, 14), "08:00", "16:00", checkpoint_id=gate.id)   # to come
    roster.add_shift(crew["李干部"].id, "gate", date(2020, 2, 14), "16:00", "22:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 11, 9, 30))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.Yes)
    row = next(r for r in range(page.people.rowCount()) if page.people.item(r).id == zhang.id)
    page.people_table.setCurrentIndex(page.people.index(row, 0))
    qtbot.mouseClick(page.buttons["remove_person"], Qt.LeftButton)
    assert "张志愿" in asked[0] and "2" in asked[0]
    assert "张志愿" not in [page.people.item(r).full_name for r in range(page.people.rowCount())]
    assert [(r[0][:5], r[3]) for r in page.shifts.rows] == [("02-10", "张志愿"), ("02-11", "张志愿"), ("02-14", "李干部")]
    assert ("张志愿", 16.0) in [(h.label, h.hours) for h in roster.hours(datetime(2020, 2, 10), datetime(2020, 2, 17))]
    assert "张志愿" in as_read(page.now_label.text()) and "2" in page.message.text()


def test_removing_a_shift_asks_first(qtbot, qt_zh, app_ctx, crew, gate, roster, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 10), "22:00", "06:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 12, 0))
    page.shift_table.setCurrentIndex(page.shifts.index(0, 0))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.No)
    qtbot.mouseClick(page.buttons["remove_shift"], Qt.LeftButton)
    assert asked and "张志愿" in asked[0] and page.shifts.rowCount() == 1


def test_hours_tabs_of_a_week_without_shifts_say_why_and_one_shift_hides_it(qtbot, qt_zh, app_ctx, crew, gate,
                                                                               roster):
    # 个人时长 and 单位时长 were bare tables on a week with no shift, the only tabs that said nothing.
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.set_now(datetime(2020, 2, 10, 12, 0))
    for hint in (page.hours_hint, page.unit_hours_hint):
        assert hint.shown() and "本周还没有值班，没有时长可算" in hint.text() and "“排班…”" in hint.text()
    roster.add_shift(crew["李干部"].id, "gate", date(2020, 2, 10), "08:00", "16:00", checkpoint_id=gate.id)
    page.events.changed.emit({"duty"})
    assert page.hours.rowCount() == 1 and page.unit_hours.rowCount() == 1
    assert not page.hours_hint.shown() and not page.unit_hours_hint.shown()
    page.shift_table.setCurrentIndex(page.shifts.index(0, 0))
    qtbot.mouseClick(page.buttons["absent"], Qt.LeftButton)             # a missed shift counts no hours
    assert page.hours.rowCount() == 0
    for hint in (page.hours_hint, page.unit_hours_hint):
        assert hint.shown() and "“未到岗”" in hint.text() and "排班" not in hint.text()


def test_the_page_fits_a_1024_screen_beside_the_page_list(qtbot, qt_zh, app_ctx, crew):
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    assert page.minimumSizeHint().width() <= 1024 - 140     # the main window's page list is ~120 px


def test_the_hours_column_shows_its_header_whole_at_1024(qtbot, qt_zh, app_ctx, crew, gate, roster):
    """时长（小时） was cut to "长（小时" in a 60-pixel column on both hours tabs."""
    from PySide6.QtGui import QFontMetrics
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 10), "08:00", "16:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 9, 0))
    page.resize(880, 600)                          # beside the page list of a 1024 window
    with qtbot.waitExposed(page):
        page.show()
    from PySide6.QtWidgets import QTabWidget
    tabs = page.findChild(QTabWidget)
    for table in (page.hours_table, page.unit_hours_table):
        tabs.setCurrentWidget(table)                   # the tab the clerk opens
        qtbot.waitUntil(table.isVisible)
        header = table.horizontalHeader()
        last = table.model().columnCount() - 1
        text = table.model().headerData(last, Qt.Horizontal)
        assert "时长" in text
        assert header.sectionSize(last) >= QFontMetrics(header.font()).horizontalAdvance(text) + 8, text


@pytest.fixture
def printing_roster(qtbot, app_ctx, crew, gate, roster, monkeypatch, tmp_path):
    """The duty page of the week of 2020-02-10 with a shift of 张志愿 (13800000001), accounts for
    an admin and a staff member, and the save and reason questions answered: returns
    ``page_as(name, password)``; the page's ``asked`` holds the reason questions put, its
    ``answers`` the clerk's replies (none queued: Cancel)."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox
    from desktop.accounts import create_account, create_first_admin, login
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "小王", "staff", "staff-pass")
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 10), "08:00", "16:00", checkpoint_id=gate.id)
    monkeypatch.setattr(duty_page, "ask_save_path", lambda *a: str(tmp_path / "值班表.pdf"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: pytest.fail(text))
    asked, answers = [], []
    monkeypatch.setattr(QInputDialog, "getText", lambda _p, _t, label, *a: asked.append(label)
                        or (answers.pop(0) if answers else ("", False)))

    def page_as(name: str, password: str) -> DutyPage:
        login(app_ctx.db, name, password)
        page = DutyPage(app_ctx, DataEvents())
        qtbot.addWidget(page)
        page.show()
        page.set_now(datetime(2020, 2, 10, 9, 0))
        page.asked, page.answers, page.pdf = asked, answers, tmp_path / "值班表.pdf"
        return page
    return page_as


def roster_outputs(app) -> list[tuple]:
    with app.db.reading() as conn:
        return conn.execute("SELECT user_name, target, masked, reason FROM audit_event WHERE action = 'print'"
                            " ORDER BY rowid").fetchall()


def test_an_admin_prints_the_roster_with_whole_phones_after_saying_why(qtbot, qt_zh, app_ctx, printing_roster):
    # The page's 打印值班表 printed 138****0001 whatever the admin wanted; the paper page and
    # `menshen print roster --full --reason` could print the phone whole.
    from tests.printing.conftest import page_texts, squeeze
    page = printing_roster("书记", "admin-pass")
    assert page.masked.isChecked() and page.masked.isEnabled()
    assert page.masked.text() == "隐去身份证号和电话中间几位"
    page.masked.setChecked(False)
    page.answers.append(("联系志愿者调班", True))
    qtbot.mouseClick(page.buttons["print_roster"], Qt.LeftButton)
    assert len(page.asked) == 1 and "审计" in page.asked[0]
    assert "13800000001" in squeeze("".join(page_texts(page.pdf)))
    assert roster_outputs(app_ctx)[-1] == ("书记", "roster", 0, "联系志愿者调班")
    assert "完整" in page.message.text()


def test_cancelling_the_reason_prints_no_roster(qtbot, qt_zh, app_ctx, printing_roster):
    page = printing_roster("书记", "admin-pass")
    page.masked.setChecked(False)
    qtbot.mouseClick(page.buttons["print_roster"], Qt.LeftButton)       # no answer queued: Cancel
    assert len(page.asked) == 1 and not page.pdf.exists()
    assert roster_outputs(app_ctx) == [] and "取消" in page.message.text()


def test_a_staff_account_prints_the_roster_masked_without_a_question(qtbot, qt_zh, app_ctx, printing_roster):
    from tests.printing.conftest import page_texts, squeeze
    page = printing_roster("小王", "staff-pass")
    assert page.masked.isChecked() and not page.masked.isEnabled() and "管理员" in page.masked.toolTip()
    qtbot.mouseClick(page.buttons["print_roster"], Qt.LeftButton)
    text = squeeze("".join(page_texts(page.pdf)))
    assert "张志愿" in text and "13800000001" not in text and "138****0001" in text
    assert page.asked == [] and roster_outputs(app_ctx)[-1] == ("小王", "roster", 1, None)
    assert "隐去" in page.message.text()


def _hours_sheet(page, monkeypatch, tmp_path) -> tuple[str, str]:
    """Press 导出值守时长 (saved to 值守时长.xlsx); the sheet's cells as one text and the page's message."""
    import openpyxl
    out = tmp_path / "值守时长.xlsx"
    monkeypatch.setattr(duty_page, "ask_save_path", lambda *a: str(out))
    page.buttons["export_hours"].click()
    if not out.exists():
        return "", page.message.text()
    cells = [str(c) for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    return " ".join(cells), page.message.text()


def hours_outputs(app) -> list[tuple]:
    with app.db.reading() as conn:
        return conn.execute("SELECT user_name, target, masked, reason FROM audit_event WHERE action = 'export'"
                            " ORDER BY rowid").fetchall()


def test_an_admin_exports_the_hours_with_whole_phones_after_saying_why(qtbot, qt_zh, app_ctx, printing_roster,
                                                                      monkeypatch, tmp_path):
    # 导出值守时长 ignored the box beside the week: a logged-in admin always got 138****0001.
    page = printing_roster("书记", "admin-pass")
    assert "导出" in " ".join(w.text() for w in page.findChildren(duty_page.QLabel) if w.text().endswith("："))
    page.masked.setChecked(False)
    page.answers.append(("报街道核对下沉干部", True))
    text, message = _hours_sheet(page, monkeypatch, tmp_path)
    assert len(page.asked) == 1 and "审计" in page.asked[0]
    assert "张志愿" in text and "13800000001" in text
    assert hours_outputs(app_ctx)[-1] == ("书记", "duty-hours", 0, "报街道核对下沉干部")
    assert "完整" in message


def test_cancelling_the_reason_exports_no_hours(qtbot, qt_zh, app_ctx, printing_roster, monkeypatch, tmp_path):
    page = printing_roster("书记", "admin-pass")
    page.masked.setChecked(False)
    text, message = _hours_sheet(page, monkeypatch, tmp_path)       # no answer queued: Cancel
    assert text == "" and hours_outputs(app_ctx) == [] and "取消" in message and "导出" in message


def test_without_a_login_the_hours_follow_the_box_masked_first(qtbot, qt_zh, app_ctx, crew, gate, roster,
                                                               monkeypatch, tmp_path):
    # The demo (no login) exported the phones whole, whatever the box beside the week said.
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 10), "08:00", "16:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 9, 0))
    assert page.masked.isChecked()
    text, message = _hours_sheet(page, monkeypatch, tmp_path)
    assert "张志愿" in text and "13800000001" not in text and "138****0001" in text
    assert hours_outputs(app_ctx)[-1][1:] == ("duty-hours", 1, None) and "隐去" in message


def whole_in_sight(table, column: int) -> bool:
    """The column starts and ends inside the table's viewport and its widest text is whole."""
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(column) + header.sectionSize(column)
    texts = [table.model().index(row, column).data() for row in range(table.model().rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(text) for text in texts)
    return 0 <= header.sectionViewportPosition(column) and right <= table.viewport().width() \
        and header.sectionSize(column) >= widest + 6


def test_at_1024_the_people_and_the_roster_are_whole_without_a_sideways_scroll(qtbot, qt_zh, app_ctx, crew,
                                                                              gate, roster):
    """At 1024×768 the people list had 333 pixels: the phone was cut to 1397117449 and the roster
    needed a scroll to the right for the name. Then, beside the roster, the people's 特长, 小区 and
    可值守时间 still needed a scroll to the right, and the roster's 备注 too: the two lists do not
    both fit whole side by side there. Now the people list is above the roster at that width,
    every column of both whole and in sight; on a 1366 screen they are side by side, nothing
    scrolled away."""
    roster.add_shift(crew["李干部"].id, "gate", date(2020, 2, 10), "22:00", "06:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 9, 0))
    page.resize(880, 660)                          # beside the page list of a 1024×768 window
    with qtbot.waitExposed(page):
        page.show()
    people, shifts = page.people_table, page.shift_table
    assert page.people.rows[0][3].startswith("1380000000")
    assert ("驾驶", "幸福里小区", "工作日晚上") in [tuple(r[4:]) for r in page.people.rows]
    assert [page.people.headers[c] for c in range(7) if not whole_in_sight(people, c)] == []
    assert [page.shifts.headers[c] for c in range(6) if not whole_in_sight(shifts, c)] == []
    assert people.horizontalScrollBar().maximum() == 0 and shifts.horizontalScrollBar().maximum() == 0
    page.resize(1230, 660)                         # 1366×768
    qtbot.wait(1)
    assert people.geometry().right() < shifts.mapTo(page, shifts.rect().topLeft()).x()
    assert people.horizontalScrollBar().maximum() == 0 and shifts.horizontalScrollBar().maximum() == 0
    unit = page.shifts.index(0, 4)                 # what gives way is read whole on hover
    assert unit.data() == "区财政局" and unit.data(Qt.ToolTipRole) == "区财政局"


def test_at_1024_who_is_on_duty_now_is_never_broken_inside_an_entry(qtbot, qt_zh, app_ctx, crew, gate, roster):
    """现在值班 with four people on duty, beside the page list of a 1024×768 window: the line broke
    inside entries (「…张志愿 / （00:00–16:00）」, 「李 / 干部」) and read as other people and times."""
    for hour, name in enumerate(("张志愿", "李干部", "王干部", "赵网格")):
        roster.add_shift(crew[name].id, "gate", date(2020, 2, 10), f"0{hour}:00", "16:00", checkpoint_id=gate.id)
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 9, 0))
    page.resize(880, 660)
    with qtbot.waitExposed(page):
        page.show()
    lines = wrapped_lines(page.now_label)
    entries = [f"幸福里小区大门 {name}（0{hour}:00–16:00）" for hour, name in
               enumerate(("张志愿", "李干部", "王干部", "赵网格"))]
    assert len(lines) > 1                                       # it does wrap at this width
    assert [e for e in entries if not any(e in line for line in lines)] == []


def test_the_rosters_day_is_in_the_windows_language(qtbot, qt_zh, app_ctx, crew, gate, roster):
    """In English the roster's Day column said 02-16 周日, its Time column 22:00–次日06:00, the
    line of who is on duty now 「…（22:00–次日06:00）」 with Chinese brackets and 「；」 between
    people, and at 1024 the people's Kind column "Grid …" and "Cadre …" (sized for 下沉干部): the
    day's name, the next day, the brackets and the kinds are the window's language."""
    from ui import i18n
    roster.add_shift(crew["张志愿"].id, "gate", date(2020, 2, 16), "22:00", "06:00", checkpoint_id=gate.id)
    roster.add_shift(crew["李干部"].id, "gate", date(2020, 2, 16), "20:00", "23:30", checkpoint_id=gate.id)
    for lang, day, time_, now in (
            ("zh_CN", "02-16 周日", "22:00–次日06:00",
             "李干部（20:00–23:30）；幸福里小区大门 张志愿（22:00–次日06:00）"),
            ("en", "02-16 Sun", "22:00–06:00 next day",
             "李干部 (20:00–23:30); 幸福里小区大门 张志愿 (22:00–06:00 next day)")):
        i18n.install_language(qt_zh, lang)
        page = DutyPage(app_ctx, DataEvents())
        qtbot.addWidget(page)
        page.set_now(datetime(2020, 2, 16, 23, 0))
        assert page.shifts.rows[0][0] == day
        assert time_ in [row[1] for row in page.shifts.rows]
        assert now in as_read(page.now_label.text())
        page.resize(880, 660)                      # beside the page list of a 1024×768 window
        with qtbot.waitExposed(page):
            page.show()
        assert whole_in_sight(page.people_table, 1), [row[1] for row in page.people.rows]
        assert whole_in_sight(page.shift_table, 1)
