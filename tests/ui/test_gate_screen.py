"""The gate screen driven the way a USB scanner drives it: keystrokes, then Enter."""
import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.gate import log as gate_log
from desktop.gate import passes
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
from desktop.gate.rule import set_household_rule
from tests.conftest import type_text
from tests.ui.test_window_fits import wrapped_lines
from ui.events import DataEvents
from ui.gate.screen import GateScreen
from ui.widgets.unbroken import plain

pytestmark = pytest.mark.gui
DAY = date.today()          # the screen's day for the whole test, even one that runs past midnight


class _ScreenClock(datetime):
    """The gate screen's clock (its patch point, ``ui.gate.screen.datetime``): DAY from one
    second past midnight, advancing with the real one, so the day never changes under a test
    and the clock is never ahead of the real one (a passage is never in the future)."""
    started = time.monotonic()

    @classmethod
    def now(cls, tz=None):
        return datetime.combine(DAY, datetime.min.time()) + timedelta(seconds=1 + time.monotonic() - cls.started)


@pytest.fixture(autouse=True)
def screen_clock(monkeypatch):
    _ScreenClock.started = time.monotonic()
    monkeypatch.setattr("ui.gate.screen.datetime", _ScreenClock)


@pytest.fixture
def screen(qtbot, qt_zh, app_ctx, small_community):
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    w = GateScreen(app_ctx, DataEvents())
    qtbot.addWidget(w)
    w.resize(1200, 760)
    with qtbot.waitExposed(w):
        w.show()
    w.activateWindow()
    w.entry.setFocus()
    return w


def qr_of(app_ctx, person):
    p = passes.issue_pass(app_ctx.db, person_id=person.id)
    return next(x.qr_text for x in passes.passes_to_print(app_ctx.db) if x.pass_no == p.pass_no)


def scan(qtbot, screen, text):
    qtbot.keyClicks(screen.entry, text)
    qtbot.keyClick(screen.entry, Qt.Key_Return)


def today_log(app_ctx):
    return gate_log.day_entries(app_ctx.db, DAY.isoformat())


def test_resident_goes_out_and_comes_back_in(qtbot, screen, app_ctx, small_community):
    qr = qr_of(app_ctx, small_community["people"]["张三"])
    scan(qtbot, screen, qr)                       # out: saved by the scan itself
    [out] = today_log(app_ctx)
    assert (out.holder_name, out.direction, out.source) == ("张三", "out", "scan")
    assert screen.card_style == "saved" and screen.entry.text() == ""
    assert QApplication.focusWidget() is screen.entry
    scan(qtbot, screen, qr)                       # back in: the temperature is asked for
    assert screen.direction == "in" and len(today_log(app_ctx)) == 1
    assert "体温" in screen.prompt.text()
    scan(qtbot, screen, "365")
    back = today_log(app_ctx)[0]
    assert (back.direction, back.temperature) == ("in", 36.5)
    # Temperature typed first, then the scan: one Enter for the whole passage.
    scan(qtbot, screen, qr)
    assert today_log(app_ctx)[0].direction == "out"
    scan(qtbot, screen, "364" + qr)
    assert (today_log(app_ctx)[0].direction, today_log(app_ctx)[0].temperature) == ("in", 36.4)


def test_isolated_person_refused_without_override(qtbot, screen, app_ctx, small_community, monkeypatch):
    ming = small_community["people"]["张小明"]
    app_ctx.register.set_status(ming.id, "home_isolation", "密接，社区通知居家隔离")
    scan(qtbot, screen, qr_of(app_ctx, ming))
    assert screen.card_style == "stay_in" and "不得外出" in screen.status_label.text()
    assert today_log(app_ctx) == []
    qtbot.keyClick(screen.entry, Qt.Key_Return)   # Enter alone does not let him out
    assert today_log(app_ctx) == []
    from ui.gate.dialogs import OverrideDialog
    monkeypatch.setattr(OverrideDialog, "exec", lambda d: (d.detail.setText("区人民医院透析"), 1)[1])
    qtbot.keyClick(screen.entry, Qt.Key_F9)
    [row] = today_log(app_ctx)
    assert row.override_reason.endswith("区人民医院透析") and row.direction == "out"
    assert QApplication.focusWidget() is screen.entry


def test_fever_requires_an_outcome(qtbot, screen, app_ctx, small_community):
    type_text(screen.entry, "李梅")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.subject.name == "李梅"
    qtbot.keyClick(screen.entry, Qt.Key_F2)       # flip to 'in'
    assert screen.direction == "in" and "进" in screen.direction_button.text()
    scan(qtbot, screen, "37.8")
    assert screen.card_style == "fever" and "发热 37.8" in screen.status_label.text()
    assert "1 放行" in screen.prompt.text()
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    scan(qtbot, screen, "9")
    assert today_log(app_ctx) == []
    scan(qtbot, screen, "3")
    [row] = today_log(app_ctx)
    assert row.fever and row.outcome == "referred" and row.temperature == 37.8
    assert screen.card_style == "saved_alert" and QApplication.focusWidget() is screen.entry


def test_remeasured_temperature_replaces_a_fever(qtbot, screen, app_ctx):
    type_text(screen.entry, "王大爷")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    scan(qtbot, screen, "37.5")
    assert screen.card_style == "fever" and "37.5" in screen.status_label.text()
    scan(qtbot, screen, "366")                   # measured again: normal, saved
    [row] = today_log(app_ctx)
    assert (row.temperature, row.fever, row.outcome) == (36.6, False, "allowed")


def test_bad_temperatures_get_a_chinese_message(qtbot, screen, app_ctx):
    type_text(screen.entry, "王大爷")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    for typed, words in (("3.65", "不可能"), ("373", "小数点")):
        scan(qtbot, screen, typed)
        assert words in screen.prompt.text()
    type_text(screen.entry, "正常")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert "数字" in screen.prompt.text() and today_log(app_ctx) == []


def test_forged_qr_refused(qtbot, screen, app_ctx, small_community):
    real = qr_of(app_ctx, small_community["people"]["张三"])
    scan(qtbot, screen, real[:-4] + "AAAA")
    assert screen.card_style == "refused" and "伪造" in screen.message_label.text()
    assert screen.subject is None and today_log(app_ctx) == []
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert today_log(app_ctx) == []


def test_revoked_pass_refused(qtbot, screen, app_ctx, small_community):
    qr = qr_of(app_ctx, small_community["people"]["王租客"])
    p = passes.passes(app_ctx.db, person_id=small_community["people"]["王租客"].id)[0]
    passes.revoke_pass(app_ctx.db, p.id, "租客已搬离")
    scan(qtbot, screen, qr)
    assert screen.card_style == "refused" and "已作废" in screen.message_label.text()
    assert "王租客" in screen.status_label.text() and today_log(app_ctx) == []


def test_household_rule_warns_before_a_second_person_goes_out(qtbot, screen, app_ctx, small_community):
    set_household_rule(app_ctx.db, 1, 2)
    scan(qtbot, screen, qr_of(app_ctx, small_community["people"]["张三"]))
    scan(qtbot, screen, qr_of(app_ctx, small_community["people"]["李梅"]))
    assert screen.card_style == "rule" and "张三" in screen.message_label.text()
    assert len(today_log(app_ctx)) == 1
    qtbot.wait(200)                               # the guard reads the card (not a scanner's CR+LF)
    qtbot.keyClick(screen.entry, Qt.Key_Return)   # the guard confirms
    latest = today_log(app_ctx)[0]
    assert latest.holder_name == "李梅" and latest.rule_exceeded


def test_choose_among_several_and_turn_back(qtbot, screen, app_ctx):
    scan(qtbot, screen, "zs")                     # pinyin initials: only 张三 (张小明 is zxm)
    assert screen.subject.name == "张三"
    qtbot.keyClick(screen.entry, Qt.Key_Escape)
    type_text(screen.entry, "张")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.choices.isVisible() and len(screen.candidates) == 2
    second = screen.candidates[1].name
    scan(qtbot, screen, "2")
    assert screen.subject.name == second and not screen.choices.isVisible()
    qtbot.keyClick(screen.entry, Qt.Key_F4)
    [row] = today_log(app_ctx)
    assert row.outcome == "turned_back"


def test_plate_and_visitor(qtbot, screen, app_ctx, monkeypatch):
    type_text(screen.entry, "鄂a 12345")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.subject.kind == "vehicle" and screen.direction == "in"
    scan(qtbot, screen, "366")
    assert today_log(app_ctx)[0].plate == "鄂A12345"
    from ui.gate.dialogs import VisitorDialog

    def fill(d):
        d.name.setText("刘师傅")
        d.phone.setText("13900001234")
        d.reason.setText("维修水电")
        d.visiting.setText("3-2-501 张三")
        d.save()
        return d.result()
    monkeypatch.setattr(VisitorDialog, "exec", fill)
    qtbot.keyClick(screen.entry, Qt.Key_F3)
    assert screen.subject.kind == "visitor" and screen.direction == "in"
    scan(qtbot, screen, "365")
    row = today_log(app_ctx)[0]
    assert (row.holder_name, row.address) == ("刘师傅", "访：3-2-501 张三")


def test_saved_means_committed(qtbot, screen, app_ctx, small_community):
    """What the screen calls saved is already in the file: another connection sees it at once
    (a laptop whose battery dies now keeps it; the database runs WAL with synchronous=FULL)."""
    import sqlite3
    scan(qtbot, screen, qr_of(app_ctx, small_community["people"]["张三"]))
    assert screen.card_style == "saved" and not app_ctx.db.conn.in_transaction
    other = sqlite3.connect(app_ctx.db.path)
    try:
        assert other.execute("SELECT holder_name, direction FROM gate_log").fetchall() == [("张三", "out")]
        assert app_ctx.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2      # FULL
    finally:
        other.close()


def test_the_gate_is_chosen_and_passages_saved_when_the_data_folder_cannot_be_written(
        qtbot, qt_zh, app_ctx, small_community, tmp_path, monkeypatch):
    """Which gate this laptop is lives in the data folder (machine.json). On a write-protected
    stick the guard's choice holds for this run (asked again at the next start): the gate is
    chosen and the next scan saved, not an error box and a screen stuck asking for the gate."""
    add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    add_checkpoint(app_ctx.db, "幸福里西门", small_community["compound"].id)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("MENSHEN_HOME", str(blocker / "home"))
    w = GateScreen(app_ctx, DataEvents())
    qtbot.addWidget(w)
    w.resize(1200, 760)
    with qtbot.waitExposed(w):
        w.show()
    w.entry.setFocus()
    assert w.checkpoint is None and w.gates
    scan(qtbot, w, "2")
    assert w.checkpoint is not None and w.checkpoint.name == "幸福里西门"
    scan(qtbot, w, qr_of(app_ctx, small_community["people"]["张三"]))
    [out] = today_log(app_ctx)
    assert (out.holder_name, out.direction) == ("张三", "out") and w.card_style == "saved"


def test_a_scan_is_judged_and_saved_at_one_moment(qtbot, screen, app_ctx, small_community):
    """The screen saved at its own clock but judged the card (and looked the scan up) at the
    real one: a passage dated between the two (a machine's clock ahead, the seconds around
    midnight) turned 张三's way out into 进 and asked a temperature, for a row then saved
    before that passage. One reading per scan: the card's 出 is the one saved, at that moment."""
    from desktop.gate.subjects import person_subject
    person = small_community["people"]["张三"]
    qr = qr_of(app_ctx, person)
    ahead = _ScreenClock.now().replace(microsecond=0) + timedelta(minutes=5)
    gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(app_ctx.register.person(person.id)), "out"),
                            screen.checkpoint, ahead)          # synced from a machine whose clock runs ahead
    scan(qtbot, screen, qr)
    assert screen.card_style == "saved"                     # out, saved by the scan: no temperature asked
    first = min(today_log(app_ctx), key=lambda e: e.at)
    assert (first.direction, first.source) == ("out", "scan") and first.at < ahead.isoformat()


@pytest.fixture
def midnight_at_the_save(monkeypatch):
    """The screen's clock at 23:59:59.8 the day before DAY until the passage is saved (or found
    unsavable), then 0.3 s later, past midnight: a second reading of the clock for that passage
    reads the new day. ``saved``: the passages the save was given; ``unsavable``: a save raises
    this instead (nothing can keep the passage)."""
    eve = datetime.combine(DAY - timedelta(days=1), datetime.min.time()) + timedelta(hours=24, milliseconds=-200)
    state = {"saved": [], "unsavable": None}
    record = gate_log.record_passage

    def recorded(db, passage, checkpoint, when=None, judged_at=None):
        state["saved"].append(when)
        if state["unsavable"]:
            raise state["unsavable"]
        return record(db, passage, checkpoint, when, judged_at)

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return eve + timedelta(milliseconds=300) * bool(state["saved"])
    monkeypatch.setattr(gate_log, "record_passage", recorded)
    monkeypatch.setattr("ui.gate.screen.datetime", Clock)
    return state


def test_a_passage_saved_as_midnight_passes_is_in_the_list_under_its_line(
        qtbot, screen, app_ctx, small_community, midnight_at_the_save):
    """张三's ID number at 23:59:59.8: saved at 23:59:59, said so on the last line, but the list
    under it read the clock again a moment later, listed the new day, and his passage was not
    in it. The list is the passage's day, as its line says."""
    scan(qtbot, screen, small_community["people"]["张三"].id_number)
    assert screen.card_style == "saved" and "已保存 23:59:59  张三  出" in screen.last_label.text()
    assert [screen.recent.item(i).text()[:15] for i in range(screen.recent.count())] == ["23:59:59  出  张三"]


def test_a_passage_not_saved_as_midnight_passes_is_said_at_its_moment(
        qtbot, screen, app_ctx, small_community, midnight_at_the_save, monkeypatch):
    """Nothing can keep 张三's passage at 23:59:59.8 (not even the journal): the guard writes it on
    the paper sheet from the last line, which read the clock again and said 00:00:00, the next
    day. It says the passage's own moment."""
    from pathlib import Path
    from desktop.gate import journal
    midnight_at_the_save["unsavable"] = journal.JournalUnwritable(Path("gate.journal"), OSError(30, "Read-only"))
    scan(qtbot, screen, small_community["people"]["张三"].id_number)
    assert "没有保存 23:59:59  张三  出" in screen.last_label.text() and screen.paper_label.isVisible()


def test_a_fever_card_answered_after_midnight_is_saved_as_a_passage_after_a_fever(
        qtbot, screen, app_ctx, small_community, monkeypatch):
    """李梅 (37.8 at 23:50) scanned at 23:59:58: the card said FEVER TODAY and the guard typed 1
    (放行) at 00:00:03. The save judged her again at its own moment, when that fever was
    yesterday's: her row had no 今日发热…后放行 note, and the night shift's handover did not
    list her, although the saved line said 发热，已放行. The save records the card answered."""
    from desktop.gate.day import day_summary
    from ui.gate.day_words import handover_text
    from desktop.gate.subjects import person_subject
    eve = datetime.combine(DAY - timedelta(days=1), datetime.min.time())
    li = small_community["people"]["李梅"]
    gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(app_ctx.register.person(li.id)), "in", 37.8,
                                                         "allowed"), screen.checkpoint, eve + timedelta(hours=23, minutes=50))
    clock = {"now": eve + timedelta(hours=23, minutes=59, seconds=58)}

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock["now"]
    monkeypatch.setattr("ui.gate.screen.datetime", Clock)
    scan(qtbot, screen, li.id_number)
    assert screen.card_style == "fever" and "今天 23:50" in screen.message_label.text()
    clock["now"] = eve + timedelta(days=1, seconds=3)
    scan(qtbot, screen, "1")
    assert "已保存 00:00:03  李梅  出" in screen.last_label.text() and "发热，已放行" in screen.last_label.text()
    [row] = today_log(app_ctx)
    said = f"发热（{eve.month}月{eve.day}日23:50 37.8°C）后放行"       # her row is the next day's: not 今日
    assert row.note == said
    night = handover_text(day_summary(app_ctx.db, eve + timedelta(hours=16), eve + timedelta(hours=32)), "幸福里东门")
    assert f"00:00 李梅 出 {said}" in night


# The gate page's screen in the window at 1024×768 (measured: 870 pixels wide).
AT_1024 = (870, 640)


def test_the_roster_line_is_as_large_as_the_gates_name_and_a_long_one_fits_the_gate_page_at_1024(
        qtbot, screen, app_ctx):
    """The 值班 line was in the default small type under the gate's 14pt name: guards read the
    screen from arm's length. It is the gate line's size now; six guards on duty wrap it, the
    screen as the gate page has it at 1024×768 still whole (the card, the field, the button).
    The English window said 值班：…; and the line broke inside a guard's name or inside
    （至08:00）: it breaks only between guards, the last one's name with the time."""
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    from ui import i18n
    duty, roster = DutyBook(app_ctx.db), Roster(app_ctx.db)
    names = ("阿卜杜热合曼·买买提", "古丽娜尔·艾合买提", "欧阳晓明", "司马红英", "张志愿", "李干部")
    for n, name in enumerate(names):
        guard = duty.add_person(name, f"1380000000{n}", "volunteer")
        roster.add_shift(guard.id, "gate", DAY, "00:00", "08:00", checkpoint_id=screen.checkpoint.id)
    screen.resize(*AT_1024)
    label = screen.roster_label
    for lang, head, until in (("en", "On shift: ", " (until 08:00)"), ("zh_CN", "值班：", "（至08:00）")):
        i18n.install_language(QApplication.instance(), lang)
        screen.refresh_gate()
        qtbot.wait(20)                            # laid out
        shown, lines = plain(label.text()), wrapped_lines(label)
        last = max(names, key=shown.find)         # the roster's last guard: the time goes with them
        assert label.isVisible() and shown.startswith(head) and shown.endswith(last + until), shown
        assert lang == "en" or len(lines) > 1        # it wraps in Chinese at this width ("、" is wide)
        assert [e for e in (*names, last + until) if not any(e in line for line in lines)] == [], lines
        assert label.font().pointSize() == screen.gate_label.font().pointSize() == 14
        assert label.heightForWidth(label.width()) <= label.height()
        assert screen.minimumSizeHint().width() <= AT_1024[0] and screen.minimumSizeHint().height() <= AT_1024[1]
        for widget in (screen.entry, screen.direction_button, screen.card, screen.recent):
            assert widget.isVisible() and screen.rect().contains(widget.geometry()), widget.objectName()


def test_a_long_gate_and_account_name_fit_the_gate_page_at_1024(qtbot, screen, app_ctx, small_community):
    """The line of the gate and the account had no wrap: a 30-character gate's name and a long
    account name made the gate page wider than a 1024×768 screen (the in/out button off it). It
    wraps; the gate's name is read whole, the account's part is never broken (值守 / ：…)."""
    from ui import i18n
    gate = "幸福里小区东门临时卡口（靠近农贸市场一侧的第二道岗亭的北侧）"
    assert len(gate) == 30
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, gate, small_community["compound"].id).id)
    app_ctx.db.user_name = "幸福里社区网格员欧阳晓明"
    screen.resize(*AT_1024)
    label = screen.gate_label
    for lang, on_duty in (("en", "On duty: 幸福里社区网格员欧阳晓明"), ("zh_CN", "值守：幸福里社区网格员欧阳晓明")):
        i18n.install_language(QApplication.instance(), lang)
        screen.refresh_gate()
        qtbot.wait(20)
        lines = wrapped_lines(label)
        assert gate in "".join(lines) and any(on_duty in line for line in lines), lines
        assert label.heightForWidth(label.width()) <= label.height()
        assert screen.minimumSizeHint().width() <= AT_1024[0]
        for widget in (label, screen.entry, screen.direction_button, screen.card):
            assert widget.isVisible() and screen.rect().contains(widget.geometry()), widget.objectName()


def test_the_roster_line_and_the_list_follow_the_clock_with_nobody_scanning(
        qtbot, screen, app_ctx, small_community, monkeypatch):
    """Left in sight with nobody scanning, the screen kept yesterday's passages after midnight
    and the night guard's name after the 08:00 shift change, until the next passage. Each
    minute in sight it looks at the clock: the new day's list, the new shift's guard."""
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    from desktop.gate.subjects import person_subject
    eve, cp = DAY - timedelta(days=1), screen.checkpoint
    duty, roster = DutyBook(app_ctx.db), Roster(app_ctx.db)
    night = duty.add_person("张志愿", "13800000001", "volunteer")
    morning = duty.add_person("李干部", "13800000002", "sunk_cadre", unit_name="区财政局")
    roster.add_shift(night.id, "gate", eve, "22:00", "08:00", checkpoint_id=cp.id)
    roster.add_shift(morning.id, "gate", DAY, "08:00", "16:00", checkpoint_id=cp.id)
    zhang = person_subject(app_ctx.register.person(small_community["people"]["张三"].id))
    gate_log.record_passage(app_ctx.db, gate_log.Passage(zhang, "out"), cp, datetime.combine(eve, datetime.min.time())
                            + timedelta(hours=23, minutes=58))
    clock = {"now": datetime.combine(eve, datetime.min.time()) + timedelta(hours=23, minutes=59, seconds=30)}

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock["now"]
    monkeypatch.setattr("ui.gate.screen.datetime", Clock)
    timer = screen.clock_watch.timer
    assert timer.isActive() and timer.interval() == 60_000

    def a_minute_at(hours, minutes):
        clock["now"] = datetime.combine(DAY, datetime.min.time()) + timedelta(hours=hours, minutes=minutes)
        timer.timeout.emit()
        return plain(screen.roster_label.text()), [screen.recent.item(i).text()[:15]
                                                   for i in range(screen.recent.count())]

    assert a_minute_at(-1, 59) == ("值班：张志愿（至08:00）", ["23:58:00  出  张三"])
    assert a_minute_at(0, 0) == ("值班：张志愿（至08:00）", [])                # midnight: the new day's list
    assert a_minute_at(8, 0) == ("值班：李干部（至16:00）", [])                # the morning shift
    screen.hide()                                                         # out of sight: no minute timer
    assert not timer.isActive()
