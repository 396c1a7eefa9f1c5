"""Two machines (the office and the gate laptop) that each roster 张志愿 for the same hours: the
dialog refuses the second shift on one machine, but USB sync merged both without anyone noticing.
The overlap is found by the same rule that refuses it, marked on the duty page and the printed
sheet in Chinese, and goes away when one shift is changed or removed."""
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from db.connection import Database
from desktop.duty.people import DutyBook
from desktop.duty.roster import Roster
from desktop.errors import InputErrors
from desktop.sync.exchange import export_package, import_packages
from tests.conftest import new_database_file, type_text
from tests.ui.test_care_pages import run_dialog_with
from ui.events import DataEvents
from ui.pages import duty_page
from ui.pages.duty_page import DutyPage

PASS = "幸福里 门岗 同步 口令"
DAY = date(2020, 2, 10)
OVERLAP = "张志愿 2月10日 08:00–16:00（幸福里小区大门 卡口值守）与 12:00–20:00（幸福里小区 关爱走访）重叠"


pytestmark = pytest.mark.usefixtures("quick_kdf")     # the overlap, not the key's strength


@pytest.fixture
def laptop(tmp_path, empty_register):
    db = Database(new_database_file(empty_register, tmp_path / "laptop.db"), config_file=tmp_path / "laptop.json",
                  user_name="门岗")
    yield db
    db.close()


def exchange(src, dst, stick):
    export_package(src, stick, PASS)
    import_packages(dst, stick, PASS)


@pytest.fixture
def merged(app_ctx, laptop, tmp_path, crew, gate, small_community):
    """The office rosters 张志愿 at the gate 08:00–16:00; the laptop, with a copy of the office's
    register, puts him on the care round 12:00–20:00 the same day; the laptop's package comes
    back to the office."""
    stick = tmp_path / "stick"
    stick.mkdir()
    zhang = crew["张志愿"]
    exchange(app_ctx.db, laptop, stick)
    Roster(app_ctx.db).add_shift(zhang.id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    Roster(laptop).add_shift(zhang.id, "care_round", DAY, "12:00", "20:00",
                             compound_id=small_community["compound"].id)
    exchange(laptop, app_ctx.db, stick)
    return zhang


def _twice_after_sync(laptop, app_ctx, small_community, roster, crew, gate, tmp_path):
    """The laptop registered 张志愿 itself (same name and phone) with a care round 12:00–20:00 before
    it had the office's copy, where he has the gate 08:00–16:00: after a sync, two entries."""
    stick = tmp_path / "stick"
    stick.mkdir()
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    Roster(laptop).add_shift(own.id, "care_round", DAY, "12:00", "20:00", compound_id=small_community["compound"].id)
    roster.add_shift(crew["张志愿"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    exchange(laptop, app_ctx.db, stick)
    return own                          # the laptop's entry


def test_shifts_merged_by_sync_are_listed_as_overlapping(app_ctx, merged, roster):
    from desktop.duty.roster import overlap_text
    assert len(roster.week(DAY)) == 2
    (overlap,) = roster.week_overlaps(DAY)
    assert overlap_text(overlap) == OVERLAP
    # Back to back is not an overlap: the office moves its shift to end at noon.
    roster.move_shift(overlap.first.id, DAY, "08:00", "12:00")
    assert roster.week_overlaps(DAY) == []


def test_the_same_volunteer_registered_on_both_machines_is_one_person(app_ctx, laptop, tmp_path, crew, gate,
                                                                       small_community, roster):
    from desktop.duty.roster import overlap_text
    # The laptop registered 张志愿 itself (same name and phone) before it had the office's copy:
    # after sync there are two entries, and his shifts must still not overlap.
    own = _twice_after_sync(laptop, app_ctx, small_community, roster, crew, gate, tmp_path)
    assert [overlap_text(o) for o in roster.week_overlaps(DAY)] == [OVERLAP]
    # And a new shift for either entry over those hours is refused, as for one entry.
    with pytest.raises(InputErrors) as e:
        roster.add_shift(own.id, "gate", DAY, "15:00", "18:00", checkpoint_id=gate.id)
    assert "时间重叠" in e.value.errors[0].message


def _page(qtbot, app_ctx):
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 7, 0))
    return page


def _choose(page, start: str):
    row = next(r for r in range(page.shifts.rowCount()) if page.shifts.rows[r][1].startswith(start))
    page.shift_table.setCurrentIndex(page.shifts.index(row, 0))


def test_the_page_marks_the_overlap_and_removing_one_shift_clears_it(qtbot, qt_zh, app_ctx, merged, monkeypatch):
    from ui.pages.duty_page import OVERLAP_COLOUR
    page = _page(qtbot, app_ctx)
    assert not page.overlap_box.isHidden()
    assert OVERLAP in page.overlap_label.text()
    assert "删除班次" in page.overlap_label.text()
    for r in range(2):        # both rows red, and their note says why
        assert page.shifts.data(page.shifts.index(r, 0), Qt.ForegroundRole).name() == OVERLAP_COLOUR
        assert "重叠" in page.shifts.rows[r][5]
    _choose(page, "12:00")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(page.findChild(type(page.buttons["change_shift"]), "remove_overlapping_shift"), Qt.LeftButton)
    assert page.shifts.rowCount() == 1 and "重叠" not in page.shifts.rows[0][5]
    assert page.overlap_box.isHidden()
    assert page.shifts.data(page.shifts.index(0, 0), Qt.ForegroundRole) is None


def test_changing_the_time_of_one_shift_clears_the_mark(qtbot, qt_zh, app_ctx, merged, monkeypatch):
    from ui.dialogs.duty_dialogs import ShiftTimeDialog
    page = _page(qtbot, app_ctx)
    _choose(page, "12:00")

    def fill(dialog):
        assert dialog.start.text() == "12:00" and dialog.end.text() == "20:00"
        dialog.start.clear()
        type_text(dialog.start, "15点")              # still inside 08:00–16:00: refused beside the field
        dialog.buttons.button(QDialogButtonBox.Save).click()
        assert "时间重叠" in dialog.form.error_text("start") and dialog.isVisible()
        dialog.start.clear()
        type_text(dialog.start, "16:00")
        dialog.buttons.button(QDialogButtonBox.Save).click()
    opened = run_dialog_with(monkeypatch, duty_page, ShiftTimeDialog, fill)
    qtbot.mouseClick(page.buttons["change_shift"], Qt.LeftButton)
    assert opened and opened[0].saved is not None
    assert page.overlap_box.isHidden()
    assert sorted(r[1] for r in page.shifts.rows) == ["08:00–16:00", "16:00–20:00"]
    assert all("重叠" not in r[5] for r in page.shifts.rows)


def test_the_printed_roster_marks_the_overlap(app_ctx, merged, tmp_path):
    from desktop.printing.roster import roster_cells, week_overlap_ids, week_shifts
    cells = roster_cells(week_shifts(app_ctx.db, DAY), DAY, week_overlap_ids(app_ctx.db, DAY))
    monday = [c[0] for _label, c in cells]
    assert all("时间重叠" in text for text in monday)


def test_the_add_shift_dialog_still_refuses_an_overlap_for_either_entry(qtbot, qt_zh, app_ctx, laptop, tmp_path,
                                                                        crew, gate, small_community, monkeypatch):
    # After sync 张志愿 is on the list twice (the laptop registered him too); a new shift for the
    # laptop's entry over the office's 08:00–16:00 is refused beside the field, as for one entry.
    from ui.dialogs.duty_dialogs import ShiftDialog
    stick = tmp_path / "stick"
    stick.mkdir()
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    exchange(laptop, app_ctx.db, stick)
    Roster(app_ctx.db).add_shift(crew["张志愿"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    page = _page(qtbot, app_ctx)

    def fill(dialog):
        dialog.person.setCurrentIndex(dialog.person.findData(own.id))
        dialog.day.setDate(dialog.day.date().fromString(DAY.isoformat(), "yyyy-MM-dd"))
        dialog.start.clear()
        type_text(dialog.start, "12:00")
        dialog.end.clear()
        type_text(dialog.end, "20:00")
        dialog.buttons.button(QDialogButtonBox.Save).click()
        assert "时间重叠" in dialog.form.error_text("start") and dialog.isVisible()
    opened = run_dialog_with(monkeypatch, duty_page, ShiftDialog, fill)
    qtbot.mouseClick(page.buttons["add_shift"], Qt.LeftButton)
    assert opened and opened[0].saved is None
    assert page.shifts.rowCount() == 1 and page.overlap_box.isHidden()


def test_an_overlap_in_another_week_is_named_by_its_day(qtbot, qt_zh, app_ctx, laptop, tmp_path, crew, gate,
                                                         small_community):
    # Sync brings next week's roster too: the clerk looking at this week is told the day.
    stick = tmp_path / "stick"
    stick.mkdir()
    zhang = crew["张志愿"]
    exchange(app_ctx.db, laptop, stick)
    later = date(2020, 2, 18)
    Roster(app_ctx.db).add_shift(zhang.id, "gate", later, "08:00", "16:00", checkpoint_id=gate.id)
    Roster(laptop).add_shift(zhang.id, "gate", later, "15:00", "18:00", checkpoint_id=gate.id)
    exchange(laptop, app_ctx.db, stick)
    page = _page(qtbot, app_ctx)
    assert page.shifts.rowCount() == 0 and not page.overlap_box.isHidden()
    assert "其他日子也有班次时间重叠：2月18日" in page.overlap_label.text()
    assert page.buttons["change_shift"].isHidden()
    page.week.setDate(page.week.date().fromString("2020-02-17", "yyyy-MM-dd"))
    assert "张志愿 2月18日 08:00–16:00（幸福里小区大门 卡口值守）与 15:00–18:00" in page.overlap_label.text()
    assert "其他日子" not in page.overlap_label.text() and not page.buttons["change_shift"].isHidden()


def test_the_today_page_says_the_overlap_and_opens_the_duty_page(qtbot, qt_zh, app_ctx, merged, roster):
    from ui.main_window import MainWindow
    from ui.workers.task import InlineRunner
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    window.today_page.wait()
    window.today_page.runner = InlineRunner()
    window.today_page.set_now(datetime(2020, 2, 9, 9, 0))         # the day before: it is ahead
    label = window.today_page.duty_label
    assert label.isVisible() and OVERLAP in label.text() and "值班" in label.text()
    label.linkActivated.emit("duty")                                # the clerk clicks 到值班排班页处理
    assert window.page_names[window.nav.currentRow()] == "duty"
    (overlap,) = roster.week_overlaps(DAY)
    roster.move_shift(overlap.first.id, DAY, "08:00", "12:00")
    window.today_page.set_now(datetime(2020, 2, 9, 9, 0))
    assert not label.isVisible()


def test_in_english_the_overlap_and_the_person_registered_twice_are_said_in_english(
        qtbot, qt_zh, app_ctx, laptop, tmp_path, crew, gate, small_community, roster):
    """In the English window the duty page said 「张志愿 2月10日 08:00–16:00（幸福里小区大门 卡口值守）与
    12:00–20:00（…）重叠」 and 「张志愿 登记了两次（电话相同）」, the shift dialog 「张志愿（Volunteer）」 and
    the merge dialog joined with 「，」: desktop made the sentences. The window phrases them now,
    and the Chinese window reads as before, word for word as desktop's refusal says it."""
    from desktop.duty.roster import overlap_text as said_in_chinese
    from ui import i18n
    from ui.dialogs.duty_dialogs import MergeDutyPeopleDialog, ShiftDialog
    from ui.duty_words import days_text, overlap_text
    _twice_after_sync(laptop, app_ctx, small_community, roster, crew, gate, tmp_path)
    (overlap,) = roster.week_overlaps(DAY)
    for lang, said, twice, dialog_says in (
            ("en", "张志愿 Feb 10 08:00–16:00 (幸福里小区大门 Gate) overlaps 12:00–20:00 (幸福里小区 Care round)",
             "张志愿 registered twice (same phone)", "张志愿 (Volunteer)"),
            ("zh_CN", OVERLAP, "张志愿 登记了两次（电话相同）", "张志愿（志愿者）")):
        i18n.install_language(qt_zh, lang)
        page = _page(qtbot, app_ctx)
        assert said in page.overlap_label.text().splitlines()
        assert twice in page.twin_label.text().splitlines()
        shift_dialog = ShiftDialog(page.duty, roster, app_ctx.register, DAY, page)
        assert shift_dialog.person.itemText(shift_dialog.person.findData(crew["张志愿"].id)) == dialog_says
        merge_dialog = MergeDutyPeopleDialog(app_ctx.db, page.twins, page)
        assert ("，" in merge_dialog.keep_first.text()) == (lang == "zh_CN")
    assert said_in_chinese(overlap) == overlap_text(overlap) == OVERLAP
    assert days_text([date(2020, 2, d) for d in range(18, 25)]) == "2月18日、2月19日、2月20日、2月21日、2月22日等"
    i18n.install_language(qt_zh, "en")
    assert days_text([date(2020, 2, 18), date(2020, 2, 20)]) == "Feb 18, Feb 20"
