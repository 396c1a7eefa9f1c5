"""The isolation clerk's round by keyboard: a family isolated in one save, a paper sheet of
readings typed in one after another, an extension and an early release."""
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.care.isolation import IsolationBook
from tests.care.conftest import TODAY
from tests.conftest import type_text
from tests.ui.test_care_pages import names, run_dialog_with as run_until_saved
from ui.dialogs.followup_dialog import FollowUpDialog
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
        # The arrows in the search choose among those found: Tab goes straight on.
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


def test_readings_from_a_paper_sheet_go_in_one_after_another_by_keyboard(qtbot, page, app_ctx, small_community,
                                                                         monkeypatch):
    """Enter, the reading, Enter, and the cursor is on the next person of the list. It stayed on
    the person just checked, who moved down among those done: the next Enter opened nothing
    and the clerk's next reading went to nobody."""
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    for name in ("张三", "李梅", "张小明", "王租客"):
        iso.start(small_community["people"][name].id, "home_isolation", "密切接触者", TODAY, TODAY)
    page.set_today(TODAY)
    before = names(page.model)
    readings = iter(("36.5", "36,5", "36.6"))
    typed_for = []

    def fill(dialog):
        typed_for.append(dialog.item.episode.full_name)
        type_text(dialog.temperature, next(readings))
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
    run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.table.setFocus()
    page.table.selectRow(0)
    for _ in range(3):
        qtbot.keyClick(page.table, Qt.Key_Return)
    assert typed_for == before[:3]                                  # each on the next person
    assert page.current().episode.full_name == before[3]            # and the fourth is next
    temperatures = {i.episode.full_name: i.morning.temperature for i in map(page.model.item, range(page.model.rowCount())) if i.morning}
    assert temperatures == dict(zip(before[:3], (36.5, 36.5, 36.6)))


def test_a_missed_reading_is_written_in_the_note_reached_by_alt_n(qtbot, page, app_ctx, small_community,
                                                                  monkeypatch):
    """Not at home: no temperature, the reason in the note. The note was a dozen Tabs away."""
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["王租客"].id, "home_isolation", "密切接触者", TODAY, TODAY)
    page.set_today(TODAY)

    def fill(dialog):
        dialog.activateWindow()                                     # off screen: not by itself
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)           # nothing typed: said why
        seen["error"] = dialog.form.error_text("temperature")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_N, Qt.AltModifier)
        seen["focus"] = dialog.focusWidget().objectName()
        type_text(dialog.focusWidget(), "不在家，电话未接")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)
    seen = {}
    run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert "备注" in seen["error"] and seen["focus"] == "note"
    [check] = iso.followups(episode.id)
    assert check.temperature is None and check.note == "不在家，电话未接"


def test_extending_shows_how_long_the_isolation_becomes(qtbot, page, app_ctx, small_community, monkeypatch):
    """Up three times on the new planned end: 17 days, as the notice will say (共17天)."""
    from ui.dialogs.isolation_dialog import ChangePlanDialog
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["王租客"].id, "home_isolation", "密切接触者", TODAY, TODAY)
    page.set_today(TODAY)

    def fill(dialog):
        seen["before"] = dialog.length.text()
        for _ in range(3):
            qtbot.keyClick(dialog.planned_end_on, Qt.Key_Up)
        seen["after"] = dialog.length.text()
        qtbot.keyClick(dialog.planned_end_on, Qt.Key_Return)
    seen = {}
    run_dialog_with(monkeypatch, isolation_page, ChangePlanDialog, fill)
    page.buttons["change_plan"].click()
    assert seen == {"before": "14天（原为14天）", "after": "17天（原为14天）"}
    assert iso.episode(episode.id).planned_end_on == (TODAY + timedelta(days=16)).isoformat()


def test_a_paper_sheets_365_is_shown_as_36_5_and_saved(qtbot, page, app_ctx, small_community, monkeypatch):
    """Guards write 365 for 36.5 and so do the sheets the clerk types in: the form refused it
    (“是不是少了小数点”) where the gate took it. It is read back under the field before Enter saves
    it; a fever still needs its point (373 for 363 is one slip)."""
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["王租客"].id, "home_isolation", "密切接触者", TODAY, TODAY)
    page.set_today(TODAY)
    seen = {}

    def fill(dialog):
        type_text(dialog.temperature, "373")
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
        seen["373"] = (dialog.isVisible(), dialog.form.error_text("temperature"), dialog.read_back.isVisibleTo(dialog))
        qtbot.keyClick(dialog.temperature, Qt.Key_A, Qt.ControlModifier)
        type_text(dialog.temperature, "365")
        seen["365"] = dialog.read_back.text() if dialog.read_back.isVisibleTo(dialog) else ""
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
    run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert seen["373"][0] and "小数点" in seen["373"][1] and "37.3" in seen["373"][1] and not seen["373"][2]
    assert seen["365"] == "将记为 36.5 °C"
    [check] = iso.followups(episode.id)
    assert check.temperature == 36.5


def test_a_refused_reading_typed_again_loses_its_red_line_and_only_its_own(
        qtbot, page, app_ctx, small_community, monkeypatch):
    """373 typed, a need ticked with nobody to take it on, Enter: two red lines. The clerk typed
    the reading again and its 请带小数点 stayed under the new 37.3 until the next save, as if that
    were refused too. Now the reading's line goes at the first key, the helper's stays until a
    helper is chosen, and Enter saves."""
    import os

    from desktop.care import vocab as cv
    from desktop.care.care_book import CareBook
    CareBook(app_ctx.db, app_ctx.register).add_helper("刘楼长", "13912340000", "building_head")
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    episode = iso.start(small_community["people"]["王租客"].id, "home_isolation", "密切接触者", TODAY, TODAY)
    page.set_today(TODAY)
    need = next(iter(cv.NEED))
    seen, warned = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))   # the fever

    def lines(dialog):
        return dialog.form.error_text("temperature"), dialog.form.error_text("helper_id")

    def fill(dialog):
        type_text(dialog.temperature, "373")
        dialog.needs.boxes[need].setFocus()
        qtbot.keyClick(dialog.needs.boxes[need], Qt.Key_Space)
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
        seen.append(lines(dialog))
        qtbot.keyClick(dialog.temperature, Qt.Key_A, Qt.ControlModifier)
        type_text(dialog.temperature, "3")
        seen.append(lines(dialog))
        type_text(dialog.temperature, "7.3")
        if os.environ.get("MENSHEN_SHOTS"):
            dialog.grab().save(os.path.join(os.environ["MENSHEN_SHOTS"], "followup_retyped.png"))
        dialog.helper.setFocus()
        qtbot.keyClick(dialog.helper, Qt.Key_Down)
        seen.append(lines(dialog))
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)
    run_dialog_with(monkeypatch, isolation_page, FollowUpDialog, fill)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    (temperature, helper), after_retyping, after_choosing = seen
    assert "小数点" in temperature and "帮扶人" in helper
    assert after_retyping == ("", helper)
    assert after_choosing == ("", "")
    [check] = iso.followups(episode.id)
    assert check.temperature == 37.3 and tuple(check.needs) == (need,) and len(warned) == 1


def test_the_page_buttons_have_alt_keys_and_alt_i_starts_an_isolation(qtbot, page, monkeypatch):
    """The care page's buttons have Alt keys; the isolation page's had none, so starting an
    isolation from the keyboard needed the mouse. Every button has its own, none a menu's."""
    keys = [b.text().split("(&")[-1][:1] for b in page.buttons.values()]
    assert all(keys) and len(set(keys)) == len(keys) and not {"F", "V", "H"} & set(keys)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    opened = run_dialog_with(monkeypatch, isolation_page, StartIsolationDialog, lambda dialog: None)
    qtbot.keyClick(page, Qt.Key_I, Qt.AltModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)       # a mnemonic clicks after a moment
