"""The office and the gate laptop each registered 张志愿 (same name, same phone): after USB sync
the duty page listed him twice and counted his hours under two entries. The page now says he
is registered twice; merging leaves one entry with all his shifts and hours, and the next sync
brings the merge to the laptop. A merge that would put him at two posts at once is refused."""
from datetime import date, datetime, time, timedelta

import pytest

from desktop.duty.duplicates import duplicate_people, is_twin, merge_people
from desktop.duty.people import DutyBook
from desktop.duty.roster import Roster
from desktop.errors import InputError
from tests.duty.test_overlaps_after_sync import exchange, laptop  # noqa: F401 (a fixture)

DAY = date(2020, 2, 10)
WEEK = (datetime.combine(DAY, time()), datetime.combine(DAY, time()) + timedelta(days=7))


def _zhangs(db):
    return [p for p in DutyBook(db).people() if p.full_name == "张志愿"]


@pytest.fixture
def twice(app_ctx, laptop, tmp_path, crew, gate, small_community):  # noqa: F811
    """The laptop registers 张志愿 itself (a unit and other skills) and rosters him twice; the
    office rosters its own entry once; the laptop's package comes to the office."""
    stick = tmp_path / "stick"
    stick.mkdir()
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer", unit_name="幸福里志愿队", skills="医护")
    Roster(laptop).add_shift(own.id, "care_round", date(2020, 2, 11), "08:00", "16:00",
                             compound_id=small_community["compound"].id)
    Roster(laptop).add_shift(own.id, "gate", date(2020, 2, 12), "08:00", "12:00", checkpoint_id=gate.id)
    Roster(app_ctx.db).add_shift(crew["张志愿"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    exchange(laptop, app_ctx.db, stick)
    return crew["张志愿"], own, stick


def test_the_volunteer_registered_on_both_machines_is_listed_once_as_a_duplicate(app_ctx, twice):
    office, own, _stick = twice
    (twin,) = duplicate_people(app_ctx.db)
    assert (twin.first.id, twin.second.id) == (office.id, own.id)      # the office's, older, first
    assert (twin.first_shifts, twin.second_shifts, twin.same_phone) == (1, 2, True)
    # Before the merge his hours are split over two lines.
    assert sorted(h.hours for h in Roster(app_ctx.db).hours(*WEEK) if h.label == "张志愿") == [8, 12]


def test_merging_leaves_one_entry_with_all_shifts_and_the_laptop_takes_it_at_the_next_sync(
        app_ctx, laptop, twice):  # noqa: F811
    office, own, stick = twice
    assert merge_people(app_ctx.db, office.id, own.id) == 2
    (kept,) = _zhangs(app_ctx.db)
    assert kept.id == office.id
    assert kept.skills == "驾驶" and kept.unit_name == "幸福里志愿队"    # filled, never overwritten
    assert kept.available == "工作日晚上"
    (hours,) = [h for h in Roster(app_ctx.db).hours(*WEEK) if h.label == "张志愿"]
    assert (hours.shifts, hours.hours) == (3, 20)
    assert duplicate_people(app_ctx.db) == []
    exchange(app_ctx.db, laptop, stick)
    (there,) = _zhangs(laptop)
    assert there.id == office.id and there.unit_name == "幸福里志愿队"
    (hours,) = [h for h in Roster(laptop).hours(*WEEK) if h.label == "张志愿"]
    assert (hours.shifts, hours.hours) == (3, 20)
    assert duplicate_people(laptop) == []


def test_a_merge_is_refused_when_both_entries_have_a_shift_at_the_same_time(app_ctx, laptop, tmp_path,  # noqa: F811
                                                                            crew, gate, small_community):
    stick = tmp_path / "stick"
    stick.mkdir()
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    Roster(laptop).add_shift(own.id, "care_round", DAY, "12:00", "20:00", compound_id=small_community["compound"].id)
    Roster(app_ctx.db).add_shift(crew["张志愿"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    exchange(laptop, app_ctx.db, stick)
    with pytest.raises(InputError) as e:
        merge_people(app_ctx.db, crew["张志愿"].id, own.id)
    assert ("张志愿 2月10日 08:00–16:00（幸福里小区大门 卡口值守）与 12:00–20:00（幸福里小区 关爱走访）重叠"
            in e.value.message)
    assert len(_zhangs(app_ctx.db)) == 2 and len(Roster(app_ctx.db).week(DAY)) == 2


def test_the_rule_of_a_duplicate():
    assert is_twin("张志愿", "13800000001", "张志愿", "13800000001")
    assert is_twin("张志愿", "", "张志愿", "13800000001") and is_twin("张志愿", "13800000001", "张志愿", "")
    assert not is_twin("张志愿", "13800000001", "张志愿", "13900000009")     # two people of one name
    assert not is_twin("张志愿", "13800000001", "李干部", "13800000001")


def test_two_people_of_one_name_are_not_merged(app_ctx, duty, crew):
    other = duty.add_person("张志愿", "13900000009", "volunteer")
    assert duplicate_people(app_ctx.db) == []
    with pytest.raises(InputError) as e:
        merge_people(app_ctx.db, crew["张志愿"].id, other.id)
    assert "不是同一个人" in e.value.message


def _page(qtbot, app_ctx):
    from ui.events import DataEvents
    from ui.pages.duty_page import DutyPage
    page = DutyPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_now(datetime(2020, 2, 10, 7, 0))
    return page


def test_the_page_says_he_is_registered_twice_and_merges_the_entry_chosen(qtbot, qt_zh, app_ctx, twice,
                                                                         monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.test_care_pages import run_dialog_with
    from ui.dialogs import duty_dialogs
    from ui.dialogs.duty_dialogs import MergeDutyPeopleDialog
    office, own, _stick = twice
    page = _page(qtbot, app_ctx)
    assert [r[0] for r in page.people.rows].count("张志愿") == 2
    assert not page.twin_box.isHidden()
    assert "张志愿 登记了两次（电话相同）" in page.twin_label.text() and "合并" in page.twin_label.text()
    assert [r[0] for r in page.hours.rows].count("张志愿") == 2

    def fill(dialog):
        assert dialog.keep_first.isChecked()
        # Each entry with its unit, skills and shifts, so the clerk can tell which to keep.
        assert "单位：无" in dialog.keep_first.text() and "技能：驾驶" in dialog.keep_first.text()
        assert "1个班次" in dialog.keep_first.text()
        assert "单位：幸福里志愿队" in dialog.keep_second.text() and "2个班次" in dialog.keep_second.text()
        dialog.keep_second.setChecked(True)                   # keep the laptop's entry
        dialog.buttons.button(QDialogButtonBox.Ok).click()
    opened = run_dialog_with(monkeypatch, duty_dialogs, MergeDutyPeopleDialog, fill)
    qtbot.mouseClick(page.buttons["merge_people"], Qt.LeftButton)
    assert opened and opened[0].saved == 2          # the rows joined on the older one, whichever was chosen
    assert [r[0] for r in page.people.rows].count("张志愿") == 1
    assert page.twin_box.isHidden()
    assert [(r[3], r[4]) for r in page.hours.rows if r[0] == "张志愿"] == [(3, "20")]
    assert "已合并" in page.message.text()
    (kept,) = _zhangs(app_ctx.db)
    # The laptop's entry chosen: its details, on the older row (the same on every machine).
    assert kept.id == office.id and kept.skills == "医护" and kept.available == "工作日晚上"


def test_the_merge_dialog_says_which_shifts_overlap(qtbot, qt_zh, app_ctx, laptop, tmp_path, crew, gate,  # noqa: F811
                                                    small_community, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.test_care_pages import run_dialog_with
    from ui.dialogs import duty_dialogs
    from ui.dialogs.duty_dialogs import MergeDutyPeopleDialog
    stick = tmp_path / "stick"
    stick.mkdir()
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    Roster(laptop).add_shift(own.id, "care_round", DAY, "12:00", "20:00", compound_id=small_community["compound"].id)
    Roster(app_ctx.db).add_shift(crew["张志愿"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    exchange(laptop, app_ctx.db, stick)
    page = _page(qtbot, app_ctx)

    shown = []

    def fill(dialog):
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        shown.append((dialog.form.error_text("person"), dialog.isVisible()))
    opened = run_dialog_with(monkeypatch, duty_dialogs, MergeDutyPeopleDialog, fill)
    qtbot.mouseClick(page.buttons["merge_people"], Qt.LeftButton)
    assert opened and opened[0].saved is None
    ((error, still_open),) = shown
    assert still_open and "不能合并" in error and "08:00–16:00" in error and "12:00–20:00" in error
    assert [r[0] for r in page.people.rows].count("张志愿") == 2 and not page.twin_box.isHidden()


def test_two_machines_merging_the_pair_each_way_keep_one_entry(app_ctx, laptop, twice):  # noqa: F811
    office, own, stick = twice
    exchange(app_ctx.db, laptop, stick)                       # both machines now have both entries
    merge_people(app_ctx.db, office.id, own.id)               # the office keeps its own
    merge_people(laptop, own.id, office.id)                   # the laptop keeps the one it typed
    exchange(laptop, app_ctx.db, stick)
    exchange(app_ctx.db, laptop, stick)
    for db in (app_ctx.db, laptop):                           # he did not vanish from either list
        (kept,) = _zhangs(db)
        assert kept.id == office.id
        (hours,) = [h for h in Roster(db).hours(*WEEK) if h.label == "张志愿"]
        assert (hours.shifts, hours.hours) == (3, 20)
