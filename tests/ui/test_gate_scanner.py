"""The gate screen as a real barcode scanner drives it: a few milliseconds a key, ended with
Return, Tab, the keypad's Enter or nothing at all, sometimes with the AIM identifier (']Q1')
the scanner is set to send before the code; and what it reads may be a 2,000-character string.
Each scan ends in a result the guard can read, never lost, never in the wrong person's row."""
import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.gate import log as gate_log
from tests.conftest import type_text
from tests.ui.test_gate_keys import log, qr_of, screen  # noqa: F401  (screen: the fixture)
from ui.gate.screen import SCAN_PAUSE_MS

pytestmark = pytest.mark.gui


def keys(widget, text: str) -> None:
    """What a scanner types: one key event per character, into whatever has the keyboard."""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))


def end(widget, key=Qt.Key_Return) -> None:
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, "\r" if key != Qt.Key_Tab else "\t"))


def test_a_scanner_sending_its_aim_identifier_finds_the_pass_and_the_id_number(qtbot, screen, app_ctx,
                                                                               small_community):
    """']Q1' before a pass QR and ']C0' before an ID number's barcode: the pass was 'not found'."""
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, "]Q1" + qr_of(app_ctx, person=zhang))
    end(screen.entry)
    keys(screen.entry, " ]C0" + li.id_number.lower() + " ")
    end(screen.entry)
    assert log(app_ctx) == [("张三", "out", None), ("李梅", "out", None)]
    assert "已保存" in screen.prompt.text() and "李梅" in screen.prompt.text()


def test_a_scanner_ending_its_codes_with_tab_saves_each_person(qtbot, screen, app_ctx, small_community):
    """Tab after the code: it stayed in the field, the next scan ran into it and both residents
    were refused as 'not a pass of this system'."""
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, qr_of(app_ctx, person=zhang))
    end(screen.entry, Qt.Key_Tab)
    keys(screen.entry, qr_of(app_ctx, person=li))
    end(screen.entry, Qt.Key_Tab)
    assert log(app_ctx) == [("张三", "out", None), ("李梅", "out", None)]
    assert screen.entry.hasFocus() and screen.entry.text() == "" and "李梅" in screen.prompt.text()
    end(screen.entry, Qt.Key_Tab)                       # Tab alone: nothing happens, the keys stay here
    assert screen.entry.hasFocus() and len(log(app_ctx)) == 2


def test_a_scanner_sending_nothing_after_the_code_is_taken_once_its_keys_stop(qtbot, screen, app_ctx,
                                                                              small_community):
    """No Enter, no Tab: the pass sat in the field; the next one ran into it. A guard typing a name
    slowly is not searched before Enter."""
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, qr_of(app_ctx, person=zhang))
    qtbot.waitUntil(lambda: len(log(app_ctx)) == 1, timeout=2000)
    assert screen.entry.text() == "" and "张三" in screen.prompt.text()
    keys(screen.entry, li.id_number)
    qtbot.waitUntil(lambda: len(log(app_ctx)) == 2, timeout=2000)
    assert log(app_ctx) == [("张三", "out", None), ("李梅", "out", None)]
    for ch in li.id_number:                             # a guard, typing it: Enter is theirs to press
        keys(screen.entry, ch)
        qtbot.wait(60)                                  # slower than a scanner's 40 ms a key
    qtbot.wait(SCAN_PAUSE_MS + 100)                     # past the 300 ms a scan's end is waited for
    assert screen.entry.text() == li.id_number and len(log(app_ctx)) == 2
    # The guard's reading typed within moments of such a scan, before the gate took it: the
    # field held '4201…365' and Enter said 'not found', the whole ID number on the card.
    qtbot.keyClick(screen.entry, Qt.Key_Escape)
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    typed_by_scanner(screen.entry, zhang.id_number)
    qtbot.wait(80)
    typed_by_hand(qtbot, screen.entry, "365", 80)
    end(screen.entry)
    assert log(app_ctx)[2:] == [("张三", "in", 36.5)]
    # The same with a pass, the guard's first key within moments of the scanner's last: the 3
    # of 365 was read as part of the pass's code, and the pass refused as forged (伪造).
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    typed_by_scanner(screen.entry, qr_of(app_ctx, person=li))
    typed_by_scanner(screen.entry, "3")
    qtbot.wait(80)
    typed_by_hand(qtbot, screen.entry, "65", 80)
    end(screen.entry)
    assert log(app_ctx)[3:] == [("李梅", "in", 36.5)]
    # ... and that one key then Enter, no pause between them: refused (格式不对, the 3 read into
    # the code). The code's fixed length ends it: the card is the pass's, the 3 a reading to redo.
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    typed_by_scanner(screen.entry, qr_of(app_ctx, household=small_community["households"][0]) + "3")
    end(screen.entry)
    assert screen.subject.name == "张三" and "体温3不可能" in screen.prompt.text() and len(log(app_ctx)) == 4
    keys(screen.entry, "365")
    end(screen.entry)
    assert log(app_ctx)[4:] == [("张三", "in", 36.5)]
    # An ID number's length is fixed too ('4201…' '3', Enter): it was 'not found' (查无此人).
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    typed_by_scanner(screen.entry, li.id_number + "3")
    end(screen.entry)
    assert screen.subject.name == "李梅" and "体温3不可能" in screen.prompt.text() and len(log(app_ctx)) == 5
    keys(screen.entry, "365")
    end(screen.entry)
    assert log(app_ctx)[5:] == [("李梅", "in", 36.5)]


def test_a_2000_character_code_is_quoted_short_and_the_screen_keeps_its_width(qtbot, screen, app_ctx,
                                                                              small_community):
    """A 2,000-character code: 'not found' quoted it whole, and the window grew past the screen, the
    in/out button out of sight for the rest of the shift."""
    width = screen.width()
    keys(screen.entry, "A1b2C3d4" * 250)
    end(screen.entry)
    qtbot.wait(50)
    assert screen.name_label.text() == "查无此人" and "没有找到" in screen.prompt.text()
    assert "A1b2C3d4A1b2" in screen.message_label.text() and "2000 个字符" in screen.message_label.text()
    assert len(screen.message_label.text()) < 120
    assert screen.width() == width and screen.minimumSizeHint().width() <= 1024
    assert screen.direction_button.geometry().right() <= screen.width()
    qtbot.keyClick(screen.entry, Qt.Key_F2)            # the next one, coming in: the card waits for the guard
    keys(screen.entry, small_community["people"]["张三"].id_number)
    end(screen.entry)
    qtbot.wait(50)                                      # the card laid out again
    assert screen.name_label.text() == "张三" and screen.status_label.text() == "健康"
    for label in (screen.name_label, screen.status_label, screen.address_label):
        assert label.width() >= label.sizeHint().width()   # read whole, not squeezed to nothing


def test_an_id_number_scanned_into_the_visitor_form_goes_where_it_belongs(qtbot, screen, app_ctx, small_community):
    """F3, the guard types the visitor's name and scans the visitor's ID card with the name field
    still holding the keyboard: it was left in the name ('wang420106…') and the scanner's Enter
    tried to save the form. It goes to the ID number field; a resident's ID number scanned into
    the form is the next person at the gate, shown once the visitor is settled."""
    from datetime import date
    from PySide6.QtCore import QTimer
    from desktop.idnumber import make_resident_id
    visitor_number = make_resident_id("110105", date(1990, 7, 1), 9, True)
    li = small_community["people"]["李梅"]
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, fill)
            return
        try:
            keys(dialog.name, "wang" + "]C0" + visitor_number.lower())
            end(dialog.name)
            seen["first"] = (dialog.isVisible(), dialog.name.text(), dialog.id_number.text().upper(),
                             "证件号码" in dialog.scan_label.text())
            keys(dialog.reason, "送药" + li.id_number)
            end(dialog.reason, Qt.Key_Tab)
            seen["second"] = (dialog.isVisible(), dialog.reason.text(), dialog.id_number.text().upper(),
                              "下一位" in dialog.scan_label.text())
        finally:
            dialog.reject()
    QTimer.singleShot(0, fill)
    qtbot.keyClick(screen.entry, Qt.Key_F3)
    assert seen == {"first": (True, "wang", visitor_number, True), "second": (True, "送药", visitor_number, True)}
    qtbot.waitUntil(lambda: log(app_ctx) == [("李梅", "out", None)], timeout=2000)


@pytest.mark.parametrize("line_end", [(Qt.Key_Return, Qt.Key_Return), (Qt.Key_Return, Qt.Key_Enter)])
def test_a_scanner_ending_with_cr_lf_does_not_answer_the_household_rule(qtbot, screen, app_ctx, small_community,
                                                                       line_end):
    """A scanner set to CR+LF presses Enter twice: the second Enter, on the card asking about the
    household rule, let 李梅 out against it before the guard had read the card."""
    from desktop.gate.rule import set_household_rule
    set_household_rule(app_ctx.db, 1, 1)
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, zhang.id_number)
    end(screen.entry)
    keys(screen.entry, li.id_number)
    for key in line_end:
        end(screen.entry, key)
    assert log(app_ctx) == [("张三", "out", None)]
    assert screen.subject.name == "李梅" and "户" in screen.prompt.text()
    qtbot.wait(300)
    end(screen.entry)                                   # the guard, having read it, lets her out anyway
    assert log(app_ctx) == [("张三", "out", None), ("李梅", "out", None)]


def test_a_fever_earlier_today_is_shown_at_the_next_scan_and_needs_the_guards_key(qtbot, screen, app_ctx,
                                                                                   small_community):
    """李梅 measured 37.8 coming in, let through; her pass scanned 出 minutes later saved at once
    with no word of it. Her fever's outcome chosen, the household rule asked next: Enter asked
    the fever again, and 1 the rule again, round and round."""
    from desktop.gate.rule import set_household_rule
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    qr = qr_of(app_ctx, person=li)
    qtbot.keyClick(screen.entry, Qt.Key_F2)            # 进
    for typed in (qr, "37.8", "1"):
        keys(screen.entry, typed)
        end(screen.entry)
    assert log(app_ctx) == [("李梅", "in", 37.8)]
    set_household_rule(app_ctx.db, 1, 1)
    keys(screen.entry, zhang.id_number)                 # her husband goes out: saved at once
    end(screen.entry)
    keys(screen.entry, qr)                              # 出, a few minutes later
    end(screen.entry)
    assert log(app_ctx) == [("李梅", "in", 37.8), ("张三", "out", None)]
    at = gate_log.day_entries(app_ctx.db, date.today().isoformat())[-1].at[11:16]
    assert f"今天 {at} 在幸福里东门测得 37.8°C，请按发热流程处理" in screen.message_label.text()
    assert screen.card_style == "fever" and "1 放行" in screen.prompt.text() and "今日发热" in screen.status_label.text()
    qtbot.wait(160)                                     # past a CR+LF scanner's second Enter
    end(screen.entry)                                   # Enter alone lets nobody with a fever through
    assert len(log(app_ctx)) == 2 and "1、2 或 3" in screen.prompt.text()
    keys(screen.entry, "1")                             # 放行: then the household rule
    end(screen.entry)
    assert len(log(app_ctx)) == 2 and screen.prompt_kind == "rule"
    end(screen.entry)
    assert log(app_ctx)[2:] == [("李梅", "out", None)] and screen.prompt_kind == "saved_alert"
    # The row says the guard saw the fever and let her through (the day log, the sheet, the export).
    assert gate_log.day_entries(app_ctx.db, date.today().isoformat())[0].note == f"今日发热（{at} 37.8°C）后放行"


def test_a_fever_on_the_household_pass_is_asked_about_at_a_members_own_scan_and_handed_over(
        qtbot, screen, app_ctx, small_community):
    """Someone of 张三's household came in on the household's pass at 37.8 (1 放行). 李梅's own ID
    card scanned 出 saved at once with no word of it (the fever was filed under the pass), and the
    handover's 发热 line listed the fever but not who went through after it. Now her card says
    the household pass's fever and asks who it was; the guard asks, Enter lets her out; the pass
    itself scanned again is asked about too, 2 turns them back; the handover lists her passage."""
    from ui.gate.day_view import HandoverDialog
    li = small_community["people"]["李梅"]
    home = qr_of(app_ctx, household=small_community["households"][0])
    qtbot.keyClick(screen.entry, Qt.Key_F2)            # 进
    for typed in (home, "37.8", "1"):
        keys(screen.entry, typed)
        end(screen.entry)
    assert log(app_ctx) == [("张三", "in", 37.8)]      # the pass's holder's name, any member
    at = gate_log.day_entries(app_ctx.db, date.today().isoformat())[0].at[11:16]
    # Named as the household's pass wherever the log is read, not as 张三's own fever: the recent
    # lines, the day's table, the printed sheet and the export (each said 张三 37.8).
    _named_as_the_household_pass(screen, app_ctx, "张三户（户出入证）")
    keys(screen.entry, li.id_number)                    # 李梅 goes out, her own ID card
    end(screen.entry)
    assert len(log(app_ctx)) == 1 and screen.subject.name == "李梅" and screen.card_style == "rule"
    assert (f"本户出入证今天 {at} 在幸福里东门测得 37.8°C，没有登记是本户哪一位：请问清是不是此人"
            in screen.message_label.text()) and "本户今日有人发热" in screen.prompt.text()
    qtbot.wait(160)                                     # the guard asks her: not her
    end(screen.entry)
    assert log(app_ctx)[1:] == [("李梅", "out", None)] and "已问清本户发热" in screen.prompt.text()
    li_at = gate_log.day_entries(app_ctx.db, date.today().isoformat())[0].at[11:16]
    keys(screen.entry, home)                            # the pass again: not taken for the same one
    end(screen.entry)
    assert "没有登记是本户哪一位" in screen.message_label.text() and screen.card_style == "rule"
    keys(screen.entry, "2")                             # it was: turned back
    end(screen.entry)
    assert len(log(app_ctx)) == 3 and gate_log.day_entries(app_ctx.db, date.today().isoformat())[0].outcome == "turned_back"
    handover = HandoverDialog(app_ctx.db)
    qtbot.addWidget(handover)
    # The fever was on the household's pass: any member's, not 张三's (the pass's holder).
    assert (f"发热：{at} 张三户（户出入证） 37.8°C 放行；{li_at} 李梅 出 本户出入证今日发热（{at} 37.8°C）后放行"
            in handover.text.toPlainText())



def _named_as_the_household_pass(screen, app_ctx, named: str) -> None:
    from desktop.excel.lists import _gate_rows
    from desktop.printing.feeds import gate_log as gate_sheet
    from ui.gate.log_model import GateLogModel
    day = date.today().isoformat()
    assert named in screen.recent.item(0).text()
    model = GateLogModel()
    model.set_source(lambda offset, limit: gate_log.day_entries(app_ctx.db, day, None, limit, offset), 1)
    assert model.data(model.index(0, GateLogModel.COLUMNS.index("name"))) == named
    assert gate_sheet(app_ctx.register)[1][0].name == named
    assert next(_gate_rows(app_ctx, date.today()))[3] == named

def test_a_fever_dated_after_the_scan_is_no_fever_earlier_today(qtbot, screen, app_ctx, small_community):
    """李梅's fever row came by sync from a gate laptop whose clock runs ahead (37.8 at ten minutes
    from now): her own scan now was stopped as for a fever "earlier today" measured later than
    it. The lookups end at the scan's time: her ID card scanned 出 saves at once."""
    from desktop.gate.checkpoints import this_checkpoint
    from desktop.gate.subjects import person_subject
    li = small_community["people"]["李梅"]
    ahead = min(datetime.now() + timedelta(minutes=10), datetime.combine(date.today(), datetime.max.time()))
    gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(app_ctx.register.person(li.id)), "in",
                                                         37.8, "allowed"), this_checkpoint(app_ctx.db), ahead)
    keys(screen.entry, li.id_number)
    end(screen.entry)
    assert log(app_ctx) == [("李梅", "out", None), ("李梅", "in", 37.8)]   # oldest first: the row from ahead is later
    assert "已保存" in screen.prompt.text() and "发热" not in screen.message_label.text()

def typed_by_hand(qtbot, widget, text: str, every_ms: int = 150) -> None:
    for ch in text:
        keys(widget, ch)
        qtbot.wait(every_ms)


def typed_by_scanner(widget, text: str) -> None:
    for ch in text:
        keys(widget, ch)
        time.sleep(0.004)


@pytest.mark.parametrize("line_end", [None, Qt.Key_Return])
def test_a_scan_running_into_what_the_guard_had_half_typed(qtbot, screen, app_ctx, small_community, line_end):
    """The guard had typed 'zh' of a name when 张三 scanned his pass: with nothing after the code it
    waited for an Enter that never came, and with Enter it was 'not found'. The half-typed name
    is dropped (said on the last line) and 张三 saved; a reading typed before a scan ('365', then the ID number a moment
    later) is still that person's."""
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    typed_by_hand(qtbot, screen.entry, "zh", 80)
    typed_by_scanner(screen.entry, qr_of(app_ctx, person=zhang))
    if line_end is not None:
        end(screen.entry, line_end)
    qtbot.waitUntil(lambda: len(log(app_ctx)) == 1, timeout=2000)
    assert log(app_ctx) == [("张三", "out", None)] and "张三" in screen.prompt.text()
    assert screen.entry.text() == "" and "未使用：“zh”" in screen.last_label.text()   # not without a word
    qtbot.keyClick(screen.entry, Qt.Key_F2)             # 李梅 comes in, measured first
    typed_by_hand(qtbot, screen.entry, "365", 80)
    qtbot.wait(SCAN_PAUSE_MS + 100)                     # the keys have stopped; then the scan
    typed_by_scanner(screen.entry, li.id_number)
    if line_end is not None:
        end(screen.entry, line_end)
    qtbot.waitUntil(lambda: len(log(app_ctx)) == 2, timeout=2000)
    assert log(app_ctx)[1] == ("李梅", "in", 36.5) and screen.entry.text() == ""


def test_a_reading_typed_before_an_id_number_is_that_persons(qtbot, screen, app_ctx, small_community):
    """'365' then 李梅's ID card scanned before Enter: the card asked for her temperature again (the
    reading was kept only before a pass QR)."""
    qtbot.keyClick(screen.entry, Qt.Key_F2)
    keys(screen.entry, "365" + small_community["people"]["李梅"].id_number)
    end(screen.entry)
    assert log(app_ctx) == [("李梅", "in", 36.5)] and "已保存" in screen.prompt.text()


def test_a_digit_the_guard_typed_just_before_a_scan_is_their_answer(qtbot, screen, app_ctx, small_community):
    """Found under real keys: on a fever card the guard typed '2' (turned back) and the next
    person scanned before the Enter: the '2' was dropped, the fever question asked again and the
    scanned ID number (all digits) lost without a word. On a pick list the guard's '2' was
    dropped and the list replaced by the scanned person. A reading cut short ('36' of 365) was
    saved as 36.0. A number at a scanner's pace beside a scan chose from the list."""
    from desktop.gate import log as gate_log
    people = small_community["people"]
    zhang, li, ming = people["张三"], people["李梅"], people["王大爷"]
    qtbot.keyClick(screen.entry, Qt.Key_F2)             # 张三 comes in with a fever
    keys(screen.entry, zhang.id_number)
    end(screen.entry)
    keys(screen.entry, "37.8")
    end(screen.entry)
    keys(screen.entry, ming.id_number)                  # the next one scans while the question waits
    end(screen.entry)
    assert "发热" in screen.prompt.text() and screen.queue_label.isVisible()
    typed_by_hand(qtbot, screen.entry, "2", 80)             # turned back ...
    typed_by_scanner(screen.entry, li.id_number)        # ... and 李梅 scans before the guard's Enter
    end(screen.entry)
    rows = [(e.holder_name, e.direction, e.temperature, e.outcome)
            for e in reversed(gate_log.day_entries(app_ctx.db, date.today().isoformat()))]
    assert rows == [("张三", "in", 37.8, "turned_back"), ("王大爷", "out", None, "allowed"),
                    ("李梅", "out", None, "allowed")]
    # A pick list of nine, in a gate page at 1024×768: four names and half a fifth were in sight
    # under the card, and the guard, on the keyboard, could not scroll to the others.
    from desktop.register import PersonForm
    for given in "一二三四五六七":
        app_ctx.register.add_person(PersonForm(full_name=f"张{given}"), small_community["households"][1].id, "tenant")
    screen.resize(876, 640)
    type_text(screen.entry, "张")
    end(screen.entry)
    qtbot.wait(20)                                      # laid out
    view = screen.choices
    assert view.count() == 9 and "序号" in screen.prompt.text()
    assert all(view.viewport().rect().contains(view.visualItemRect(view.item(n))) for n in range(9))
    second = screen.candidates[1].name
    typed_by_hand(qtbot, screen.entry, "2", 80)
    typed_by_scanner(screen.entry, li.id_number)
    end(screen.entry)
    assert screen.subject.name == second and "下一位" in screen.queue_label.text()
    assert screen.card.isVisible() and not view.isVisible()     # the card is back, with the one chosen
    qtbot.wait(200)                                     # the guard reads the card
    end(screen.entry)
    assert [row[0] for row in log(app_ctx)[3:]] == [second] and screen.subject.name == "李梅"
    # 李梅, back in, waits for her reading; the guard has typed '36' of 365 when 王大爷 scans: it
    # was saved as 36.0. The card shows it and waits; 王大爷 waits behind her.
    typed_by_hand(qtbot, screen.entry, "36", 80)
    typed_by_scanner(screen.entry, ming.id_number)
    end(screen.entry)
    assert len(log(app_ctx)) == 4 and "36.0" in screen.message_label.text() and screen.queue_label.isVisible()
    keys(screen.entry, "365")
    end(screen.entry)
    assert log(app_ctx)[4] == ("李梅", "in", 36.5) and screen.subject.name == "王大爷"
    qtbot.keyClick(screen.entry, Qt.Key_Escape)
    # No card: '36' then a scan was saved at once with 36.0 for the scanned person.
    typed_by_hand(qtbot, screen.entry, "36", 80)
    typed_by_scanner(screen.entry, people["张小明"].id_number)
    end(screen.entry)
    assert len(log(app_ctx)) == 5 and screen.subject.name == "张小明" and "36.0" in screen.message_label.text()
    # A '3' within a scanner's key gap of 李梅's pass scan (just before it, or just after it)
    # chose the third 张 from the list, and her scan waited behind a stranger nobody had picked.
    # A key at a scanner's pace may be the scan's own: never a choice; the scan is taken and the
    # 3 said unused. (Typed apart from the scan, the '2' above is still the guard's choice.)
    qtbot.keyClick(screen.entry, Qt.Key_Escape)
    qr = qr_of(app_ctx, person=li)
    for before, after in (("3", ""), ("", "3")):
        type_text(screen.entry, "张")
        end(screen.entry)
        assert len(screen.candidates) == 9
        qtbot.keyClicks(screen.entry, before)           # the guard's key, at the scan's pace
        typed_by_scanner(screen.entry, qr)
        qtbot.keyClicks(screen.entry, after)
        end(screen.entry)
        assert "未使用：“3”" in screen.last_label.text() and not screen.held and not screen.candidates
        if before:                                      # she goes out: saved at once
            assert log(app_ctx)[5:] == [("李梅", "out", None)] and screen.subject is None
            qtbot.wait(160)                             # past a CR+LF scanner's second Enter
        else:                                           # back in: her card asks for the reading
            assert screen.subject.name == "李梅" and "体温" in screen.prompt.text() and len(log(app_ctx)) == 6



def test_scans_on_a_register_that_cannot_be_written_are_kept_said_quietly_and_written_once_it_can(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """A read-only register, or one the integrity check found damaged: each scan raised out of
    the gate screen into a message box (which took the scanner's keys) and the passage was kept
    nowhere. Now it is kept in the gate journal beside the register, said on the last line as
    kept, and written into the register by the first open that can: the restored one. Where not
    even the journal can be written (a write-protected stick), the paper sheet is said once, in a
    line that stays, and each passage named. The lone (F11) screen has the red damage line too."""
    import errno
    import ui.failures
    from PySide6.QtWidgets import QMessageBox
    from db.errors import DamagedDatabaseError
    from desktop import backup
    from desktop.app import open_app
    from desktop.gate import journal
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
    from tests.ui.test_gate_keys import make_screen
    boxes = []
    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, kind=kind: boxes.append(kind))
    monkeypatch.setattr(ui.failures, "show_failure", lambda exc, *a: boxes.append(exc))
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id).id)
    qr, path = qr_of(app_ctx, person=zhang), app_ctx.db.path
    good = backup.backup_before(app_ctx.db, "manual")
    viewer = open_app(path, read_only=True)             # a write-protected stick, say
    try:
        screen = make_screen(qtbot, viewer)
        qtbot.waitUntil(screen.entry.hasFocus)
        keys(screen.entry, qr)
        end(screen.entry)
        assert "已暂存" in screen.prompt.text() and "能写入后" in screen.last_label.text()
        assert log(app_ctx) == [] and journal.pending(viewer.db) == 1
        def write_protected(file, mode="r", *args, **kw):       # the journal's folder too
            if mode.startswith("r"):
                return open(file, mode, *args, **kw)
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        with monkeypatch.context() as m:
            m.setattr(journal, "open", write_protected, raising=False)
            for _ in range(2):
                keys(screen.entry, li.id_number)
                end(screen.entry)
        assert "请改用纸质登记表" in screen.paper_label.text() and screen.paper_label.isVisible()
        assert "没有保存" in screen.prompt.text() and screen.last_label.text().count("没有保存") == 2
        assert screen.subject is None and journal.pending(viewer.db) == 1 and screen.entry.hasFocus()
    finally:
        viewer.close()
    app_ctx.db.damage = DamagedDatabaseError(str(path))    # the background check found it
    screen = make_screen(qtbot, app_ctx)                # F11: the lone screen
    qtbot.waitUntil(screen.entry.hasFocus)
    assert screen.damage_banner.isVisible() and "已损坏" in screen.damage_banner.text.text()
    keys(screen.entry, li.id_number)
    end(screen.entry)
    assert "已暂存" in screen.prompt.text() and "恢复备份后" in screen.last_label.text() and boxes == []
    assert journal.pending(app_ctx.db) == 2 and screen.entry.hasFocus()

    def unreadable(*args):                              # a damaged page, read to check a passage
        raise DamagedDatabaseError(str(path))
    with monkeypatch.context() as m:
        m.setattr(gate_log, "_check", unreadable)
        keys(screen.entry, zhang.id_number)
        end(screen.entry)
    assert "已损坏" in screen.message_label.text() and "没有保存" in screen.prompt.text()
    assert screen.subject.name == "张三" and boxes == []
    app_ctx.close()
    backup.restore(path, next(b for b in backup.list_backups(path) if b.path == good), damaged=True)
    again = open_app(path)
    try:
        assert log(again) == [("张三", "out", None), ("李梅", "out", None)] and journal.pending(again.db) == 0
    finally:
        again.close()


def _an_import_holds_the_register(monkeypatch, db, *, all_along: bool = True) -> None:
    """An import holds the register's lock: a scan cannot be written and is kept in the gate
    journal. ``all_along``: it stays kept (the journal's own thread, which writes it once the
    lock is free, never starts)."""
    from db.errors import WriterBusyError
    from desktop.gate import journal

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    monkeypatch.setattr(db, "transaction", busy)
    if all_along:
        monkeypatch.setattr(journal, "_start_flusher", lambda _db: None)


def test_a_passage_kept_in_the_journal_is_in_the_recent_list_marked_kept(qtbot, screen, app_ctx, small_community,
                                                                       monkeypatch):
    """An import holds the register: 李梅's scan was kept in the gate journal and said on the last
    line, but the recent list read the register alone: at the next scan she was out of sight, as
    if never scanned. She is listed with the saved ones, in their order, marked 暂存."""
    from desktop.gate import journal
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, zhang.id_number)
    end(screen.entry)
    _an_import_holds_the_register(monkeypatch, app_ctx.db)
    keys(screen.entry, li.id_number)
    end(screen.entry)
    assert journal.pending(app_ctx.db) == 1 and screen.subject is None
    lines = [screen.recent.item(i).text() for i in range(screen.recent.count())]
    assert len(lines) == 2 and "李梅" in lines[0] and "暂存" in lines[0] and "3栋" in lines[0]
    assert "张三" in lines[1] and "暂存" not in lines[1]


def test_the_kept_mark_goes_once_the_journal_is_written_without_another_scan(qtbot, screen, app_ctx, small_community,
                                                                            monkeypatch):
    """李梅's scan was kept while an import held the register; a quarter second after it ended the
    journal wrote her passage, but the recent list said 暂存 until someone else was scanned
    (nothing told the screen). The journal's writing is a data event: the mark goes by itself."""
    from desktop.gate import journal
    li = small_community["people"]["李梅"]
    with monkeypatch.context() as m:
        _an_import_holds_the_register(m, app_ctx.db, all_along=False)
        keys(screen.entry, li.id_number)
        end(screen.entry)
        assert "暂存" in screen.recent.item(0).text() and journal.pending(app_ctx.db) == 1
    # The import ended: the journal's own thread writes it; the guard presses nothing.
    qtbot.waitUntil(lambda: journal.pending(app_ctx.db) == 0 and "暂存" not in screen.recent.item(0).text(),
                    timeout=3000)
    assert "李梅" in screen.recent.item(0).text() and log(app_ctx) == [("李梅", "out", None)]


def test_a_car_registered_to_a_person_is_the_household_s_car_not_the_person_at_the_gate(
        qtbot, screen, app_ctx, small_community):
    """鄂A66666 was registered to 张三 on the passes tab. He came in at 38.2 (1 放行). His car, its
    plate typed, was stopped as a fever of its own (1/2/3, Enter refused) and guessed 进 from
    his passage; after it went out, his own scan was guessed 进 too, as if he had driven it. A
    car's passages are the car's and the household's: asked who is in it, its guess its own,
    his left as he made it."""
    from desktop.gate.vehicles import add_vehicle
    zhang = small_community["people"]["张三"]
    add_vehicle(app_ctx.db, "鄂A66666", zhang.household_id, zhang.id)
    qtbot.keyClick(screen.entry, Qt.Key_F2)            # 进
    for typed in (zhang.id_number, "38.2", "1"):
        keys(screen.entry, typed)
        end(screen.entry)
    type_text(screen.entry, "鄂A66666")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.direction == "out" and screen.card_style == "rule"
    assert "请问清车上有没有张三" in screen.message_label.text()
    qtbot.keyClick(screen.entry, Qt.Key_Return)        # asked: his wife drives it
    keys(screen.entry, zhang.id_number)                # he goes out on foot, guessed from his own passage
    end(screen.entry)
    assert screen.direction == "out" and screen.card_style == "fever"   # his own fever today: 1/2/3
    keys(screen.entry, "1")
    end(screen.entry)
    assert log(app_ctx) == [("张三", "in", 38.2), ("鄂A·66666", "out", None), ("张三", "out", None)]
    car = gate_log.day_entries(app_ctx.db, date.today().isoformat())[1]
    assert car.person_id is None and car.address == "幸福里小区 3栋2单元501"


def test_a_registered_car_s_card_says_whose_household_it_is(qtbot, screen, app_ctx, small_community):
    """鄂A66666 is registered to 李梅; its plate typed, the card said 车辆 and an address, no name: the
    guard could not tell whose car it was. The card names the household (张三家, its head); a
    car's passage stays the plate's and the household's, never a person's."""
    from desktop.accounts.roles import Actor
    from desktop.gate.vehicles import add_vehicle
    add_vehicle(app_ctx.db, "鄂A66666", None, small_community["people"]["李梅"].id)
    type_text(screen.entry, "鄂A66666")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.subject.kind == "vehicle" and screen.status_label.text() == "车辆"
    assert screen.address_label.text() == "幸福里小区 3栋2单元501   张三家"
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert log(app_ctx) == [("鄂A·66666", "out", None)]
    # A head's name holding a phone (typed into the name box) is masked for the gate account.
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '张三13912345678' WHERE id = ?",
                     (small_community["people"]["张三"].id,))
    app_ctx.db.actor = Actor("老李", "gate")
    type_text(screen.entry, "66666")                   # the plate's last digits
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.address_label.text() == "幸福里小区 3栋2单元501   张三139****5678家"


def test_the_day_s_log_and_figures_list_and_count_passages_kept_in_the_journal(qtbot, screen, app_ctx,
                                                                             small_community, monkeypatch):
    """An import holds the register: 李梅 went out and 刘师傅's 38.2 was turned back, both kept in the
    gate journal. The recent list showed them, but the Today's log tab read the register alone:
    no row, 出：0, no fever, 李梅 not out. They are listed there, marked 暂存, and counted."""
    from desktop.gate import journal
    from ui.gate.day_view import DayView
    zhang, li = small_community["people"]["张三"], small_community["people"]["李梅"]
    keys(screen.entry, zhang.id_number)                  # saved: the register is free
    end(screen.entry)
    _an_import_holds_the_register(monkeypatch, app_ctx.db)
    keys(screen.entry, li.id_number)
    end(screen.entry)
    qtbot.keyClick(screen.entry, Qt.Key_F2)                             # 张三 back in, with a fever
    for typed in (zhang.id_number, "38.2", "2"):
        keys(screen.entry, typed)
        end(screen.entry)
    assert journal.pending(app_ctx.db) == 2, (screen.prompt.text(), screen.last_label.text())
    view = DayView(app_ctx, screen.events)
    qtbot.addWidget(view)
    m = view.model
    rows = [[m.data(m.index(r, c)) or "" for c in range(len(m.COLUMNS))] for r in range(m.rowCount())]
    assert [(r[1], r[2]) for r in rows] == [("进", "张三"), ("出", "李梅"), ("出", "张三")]
    assert ["暂存" in r[7] for r in rows] == [True, True, False]
    counts = view.counts.text()
    assert "出：2" in counts and "劝返：1" in counts and "发热：1" in counts and "暂存（尚未写入）：2" in counts
    said = view.lists.toPlainText().replace("\u2060", "")          # the address kept whole (unbroken)
    assert "38.2°C 劝返 [暂存]" in said and "外出未归 (2)" in said and "李梅 幸福里小区 3栋2单元501 [暂存]" in said


def test_a_household_car_is_asked_about_the_household_s_fever_today_as_its_pass_is(
        qtbot, screen, app_ctx, small_community):
    """李梅 came in at 37.8 (1 放行). Her household's car, its plate typed, went out on Enter with no
    word of it: a car's own card looked at the car's own fevers alone, though anyone of the
    household may sit in it, as on the household pass (asked about every member's fever). The
    card asks who is in the car; Enter lets it out, the row says it was asked."""
    from desktop.gate.vehicles import add_vehicle
    li = small_community["people"]["李梅"]
    add_vehicle(app_ctx.db, "鄂A88888", small_community["households"][0].id)
    qtbot.keyClick(screen.entry, Qt.Key_F2)            # 进
    for typed in (li.id_number, "37.8", "1"):
        keys(screen.entry, typed)
        end(screen.entry)
    at = gate_log.day_entries(app_ctx.db, date.today().isoformat())[0].at[11:16]
    type_text(screen.entry, "鄂A88888")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert screen.subject.kind == "vehicle" and screen.card_style == "rule"
    assert f"本户李梅今天 {at} 在幸福里东门测得 37.8°C：请问清车上有没有李梅" in screen.message_label.text()
    qtbot.keyClick(screen.entry, Qt.Key_Return)        # asked: she is not in it
    saved = gate_log.day_entries(app_ctx.db, date.today().isoformat())[0]
    assert (saved.holder_name, saved.direction) == ("鄂A·88888", "out")
    assert saved.note == f"本户李梅今日发热（{at} 37.8°C）后放行"
