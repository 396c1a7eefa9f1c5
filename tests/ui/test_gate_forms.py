"""The gate's forms as a guard and a scanner drive them: what the form says about the next
person's scan, a visitor's car plate, and the scanner's Enter in the visitor's ID number field."""
import pytest

from tests.conftest import type_text
from tests.ui.test_gate_keys import log, qr_of, screen  # noqa: F401  (screen: the fixture)
from tests.ui.test_gate_scanner import end, keys
from ui.gate.dialogs import VisitorDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def visitor_form(qtbot, app_ctx, screen):
    """The visitor form, open on the gate screen; gone before the data file is closed (its ID
    number box, leaving the focus, looks the visitor up)."""
    import shiboken6
    dialog = VisitorDialog(app_ctx.db, None, screen)
    with qtbot.waitExposed(dialog):
        dialog.show()
    yield dialog
    shiboken6.delete(dialog)


def test_the_form_says_whether_the_next_person_showed_a_pass_or_an_id_card(qtbot, app_ctx, small_community,
                                                                         visitor_form):
    """李梅's ID card scanned while the visitor form had the keyboard: the form said 「下一位的出入证
    已扫到」, and the guard looked for a pass nobody had shown. It says what was scanned."""
    li, zhang = small_community["people"]["李梅"], small_community["people"]["张三"]
    qr = qr_of(app_ctx, person=zhang)
    dialog = visitor_form
    held = []
    dialog.scanned.connect(held.append)
    type_text(dialog.reason, "送药")
    keys(dialog.reason, li.id_number)
    end(dialog.reason)
    said = dialog.scan_label.text()
    assert dialog.scan_label.isVisible() and "身份证号" in said and "出入证" not in said and "1" in said
    keys(dialog.reason, qr)
    end(dialog.reason)
    said = dialog.scan_label.text()
    assert "出入证" in said and "身份证号" not in said and "2" in said
    assert dialog.isVisible() and dialog.reason.text() == "送药" and held == [li.id_number, qr]


def on_the_form(qtbot, screen, fill, key=None):
    """F3 on the gate screen (or ``key``: Enter after something typed), then ``fill(dialog)`` once
    the visitor form is up; whatever ``fill`` returns. The form is cancelled if ``fill`` left it
    open."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication
    seen = {}

    def run():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, run)
            return
        try:
            seen["result"] = fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
    QTimer.singleShot(0, run)
    qtbot.keyClick(screen.entry, key or Qt.Key_F3)
    return seen.get("result")


def visitor_number():
    from datetime import date
    from desktop.idnumber import make_resident_id
    return make_resident_id("110105", date(1990, 7, 1), 9, True)


def test_a_visitor_who_came_by_car_has_the_plate_on_the_card_the_log_and_the_next_visit(
        qtbot, screen, app_ctx, small_community):
    """A visitor arriving by car: the form had no 车牌 box, the guard wrote the plate in the
    reason or nowhere. It is asked (optional), read as the gate reads plates (鄂a 12345 is
    鄂A12345; a wrong one is said under the box), shown on the card, saved on the passage, listed
    in the day's log and offered again when the visitor comes back."""
    from PySide6.QtCore import Qt
    from ui.events import DataEvents
    from ui.gate.day_view import DayView
    number = visitor_number()

    def first_visit(dialog):
        for field, text in ((dialog.name, "刘师傅"), (dialog.id_number, number), (dialog.reason, "送药"),
                            (dialog.visiting, "3-2-501 张三"), (dialog.plate, "鄂12345")):
            type_text(field, text)
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        wrong = (dialog.isVisible(), dialog.form.error_text("plate"))
        dialog.plate.clear()
        type_text(dialog.plate, "鄂a 12345")
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        return wrong, dialog.isVisible()
    (still_open, said), closed_open = on_the_form(qtbot, screen, first_visit)
    assert still_open and "车牌号不对" in said and "鄂A12345" in said and not closed_open
    assert screen.subject.name == "刘师傅" and "车牌 鄂A·12345" in screen.message_label.text()
    type_text(screen.entry, "365")                      # coming in, measured
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert log(app_ctx) == [("刘师傅", "in", 36.5)]
    assert "鄂A·12345" in screen.recent.item(0).text()
    day = DayView(app_ctx, DataEvents())
    qtbot.addWidget(day)
    day.this_gate_only.setChecked(False)
    day.resize(1000, 500)                               # the log tab on a 1024-pixel screen
    with qtbot.waitExposed(day):
        day.show()
    plate = day.model.COLUMNS.index("plate")
    assert day.model.data(day.model.index(0, plate)) == "鄂A·12345"
    assert day.table.columnWidth(plate) >= day.table.fontMetrics().horizontalAdvance("鄂A·12345") + 10  # not "鄂…"
    assert "刘师傅" in day.lists.toPlainText() and "鄂A·12345" in day.lists.toPlainText()   # still inside
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT plate FROM gate_log").fetchall() == [("鄂A12345",)]
        assert conn.execute("SELECT count(*) FROM vehicle").fetchone()[0] == 0    # no household's car

    def second_visit(dialog):
        type_text(dialog.id_number, number)
        qtbot.keyClick(dialog.id_number, Qt.Key_Tab)    # recognised as they leave the box
        return dialog.name.text(), dialog.plate.text()
    assert on_the_form(qtbot, screen, second_visit) == ("刘师傅", "鄂A·12345")


@pytest.mark.parametrize("line_end", [("Return",), ("Return", "Return"), ("Enter",)])
def test_the_scanners_enter_in_the_id_number_box_goes_on_to_the_next_empty_box(qtbot, visitor_form, line_end):
    """The guard types the visitor's name, puts the cursor in 证件号码 and scans the ID card: the
    scanner's Enter tried to save the form, and every empty box turned red (原因, 拜访哪一户, …)
    before the guard had typed them. The cursor goes on to the next empty box (a CR+LF scanner's
    second Enter is not taken there); on a form with nothing it needs left empty, Enter saves."""
    from PySide6.QtCore import Qt
    ends = [getattr(Qt, f"Key_{key}") for key in line_end]
    number = visitor_number()
    dialog = visitor_form
    type_text(dialog.name, "刘师傅")
    dialog.id_number.setFocus()
    keys(dialog.id_number, number)
    for key in ends:
        end(dialog.id_number if key is ends[0] else dialog.focusWidget(), key)
    errors = [dialog.form.error_text(f) for f in ("full_name", "phone", "reason", "visiting")]
    assert dialog.isVisible() and dialog.subject is None and errors == ["", "", "", ""]
    assert dialog.id_number.text() == number and dialog.focusWidget() is dialog.phone
    type_text(dialog.focusWidget(), "13900001234")
    type_text(dialog.from_place, "武昌")
    type_text(dialog.reason, "送药")
    dialog.id_number.clear()
    dialog.id_number.setFocus()
    keys(dialog.id_number, number)                      # 拜访哪一户 still empty: it is next
    end(dialog.id_number, ends[0])
    assert dialog.isVisible() and dialog.focusWidget() is dialog.visiting and not dialog.form.error_text("reason")
    type_text(dialog.visiting, "3-2-501 张三")
    dialog.id_number.clear()
    dialog.id_number.setFocus()
    keys(dialog.id_number, number)                      # the form is whole: Enter saves it
    end(dialog.id_number, ends[0])
    assert not dialog.isVisible() and dialog.subject is not None and dialog.subject.name == "刘师傅"


def test_a_plate_typed_at_the_gate_opens_the_form_of_the_visitor_who_came_by_that_car(
        qtbot, screen, app_ctx, small_community):
    """王师傅 came by car two days ago (the plate on his passage, not in the vehicle table). When
    he came back the guard typed the plate: the card said 「未登记车辆」 and the form was typed
    again from nothing. The plate finds him: his form comes up filled, saying whose car it is."""
    from datetime import datetime, timedelta
    from PySide6.QtCore import Qt
    from desktop.gate import log as gate_log
    from desktop.gate.checkpoints import this_checkpoint
    from desktop.gate.subjects import visitor_subject
    from desktop.gate.visitors import VisitorForm, save_visitor
    db = app_ctx.db
    wang = save_visitor(db, VisitorForm("王师傅", "13900001234", "", "青山区", "维修", "3-2-501").validate())
    # 10:00 two days ago: the way out an hour later stays on that day whenever the test runs (after 23:00 it was the next).
    before = (datetime.now() - timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    for direction, at in (("in", before), ("out", before + timedelta(hours=1))):
        gate_log.record_passage(db, gate_log.Passage(visitor_subject(wang, "维修", "3-2-501"), direction, 36.5,
                                                     plate="鄂A88888"), this_checkpoint(db), at)
    type_text(screen.entry, "鄂a88888")

    def came_back(dialog):
        seen = (dialog.known_label.text(), dialog.name.text(), dialog.from_place.text(), dialog.plate.text())
        from PySide6.QtWidgets import QApplication
        type_text(QApplication.focusWidget(), "送药")       # the cursor is in 原因, not on the name
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        type_text(QApplication.focusWidget(), "3-2-501 张三")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        return seen
    said, name, place, plate = on_the_form(qtbot, screen, came_back, Qt.Key_Return)
    assert f"访客 王师傅 的车（上次 {before.month}月{before.day}日）" in said
    assert (name, place, plate) == ("王师傅", "青山区", "鄂A·88888")
    # The one household at that door with a 张三 was highlighted and Enter linked it.
    assert screen.subject.name == "王师傅" and screen.subject.visiting == "张三"
    assert screen.subject.visiting_household_id == small_community["households"][0].id
    assert screen.subject.visitor_id == wang.id and "未登记车辆" not in screen.status_label.text()
    assert "车牌 鄂A·88888" in screen.message_label.text()
    type_text(screen.entry, "365")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    today = gate_log.day_entries(db, datetime.now().date().isoformat())
    assert [(e.holder_name, e.visitor_id, e.direction, e.plate) for e in today] == [
        ("王师傅", wang.id, "in", "鄂A88888")]
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM vehicle").fetchone()[0] == 0    # no household's car


def test_a_visitor_with_no_phone_and_no_id_number_is_told_under_the_phone_box(qtbot, screen, app_ctx, monkeypatch):
    """F3, the name, Enter: the cursor went to 电话 and the guard must see why nothing was saved,
    at the first Enter and again once the other boxes are filled. At 1024×768 that second Enter
    (three red lines down to one) left the form tall and gave its room to the empty line above
    the fields: every box moved down about 96 pixels under the guard's eyes."""
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtGui import QScreen
    from tests.ui.test_gate_keys import keys as guard_keys
    monkeypatch.setattr(QScreen, "availableGeometry", lambda s: QRect(0, 0, 1024, 768 - 40))
    boxes = ("name", "id_number", "phone", "from_place", "reason", "visiting", "plate")

    def said_under_phone(dialog):
        qtbot.wait(20)                                  # the nested layouts settle
        line = dialog.form._errors["phone"]
        inside = dialog.rect().contains(QRect(line.mapTo(dialog, QPoint(0, 0)), line.size()))
        return (dialog.isVisible(), dialog.focusWidget() is dialog.phone, dialog.form.error_text("phone"),
                line.isVisible() and line.height() >= line.fontMetrics().height() and inside)

    def tops(dialog):
        return {box: getattr(dialog, box).mapTo(dialog, QPoint(0, 0)).y() for box in boxes}

    def fill(dialog):
        guard_keys("刘师傅")
        guard_keys(key=Qt.Key_Return)
        first = said_under_phone(dialog), tops(dialog)
        type_text(dialog.reason, "送药")
        type_text(dialog.visiting, "3-2-501 张三")
        qtbot.keyClick(dialog.visiting, Qt.Key_Return)
        return first, (said_under_phone(dialog), tops(dialog))
    needed = "请至少填写电话或证件号码，以便追踪。"
    (said, at_first), (said_again, at_second) = on_the_form(qtbot, screen, fill)
    assert said == said_again == (True, True, needed, True)
    assert [box for box in boxes if at_second[box] > at_first[box]] == []      # nothing moved down
    assert log(app_ctx) == [] and screen.subject is None


def test_the_end_of_a_scan_as_a_gate_form_closes_is_not_searched(qtbot, screen, app_ctx, small_community):
    """A visitor saved with Enter, and 李梅 scans her ID card at that moment: its first keys were
    lost as the form closed, and its end (ID digits) was held as the next person, then searched
    as the end of an ID number once the visitor was settled. The card says the scan was cut,
    with the scanner's Enter or, from a scanner that sends none, once its keys stop."""
    from PySide6.QtCore import Qt
    li = small_community["people"]["李梅"]

    def save_visitor(dialog):
        for field, text in ((dialog.name, "刘师傅"), (dialog.id_number, visitor_number()), (dialog.reason, "送药"),
                            (dialog.visiting, "3-2-501 张三")):
            type_text(field, text)
        qtbot.keyClick(dialog.visiting, Qt.Key_Return)
    on_the_form(qtbot, screen, save_visitor)
    keys(screen.entry, li.id_number[5:])                # the rest of her ID number, and its Enter
    end(screen.entry)
    assert screen.subject.name == "刘师傅" and "扫码不完整，请重新扫" in screen.prompt.text()
    assert not screen.queue_label.isVisible() and screen.entry.text() == ""
    type_text(screen.entry, "365")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    assert log(app_ctx) == [("刘师傅", "in", 36.5)] and screen.subject is None

    def cancel(dialog):
        qtbot.keyClick(dialog.name, Qt.Key_Escape)
    on_the_form(qtbot, screen, cancel)                  # nothing on the card: it says so there
    keys(screen.entry, li.id_number[5:])
    end(screen.entry)
    assert "扫码不完整，请重新扫" in screen.name_label.text() and screen.subject is None
    assert log(app_ctx) == [("刘师傅", "in", 36.5)] and not screen.choices.isVisible()
    # A scanner set to send nothing after its code: the cut end waited in the box for the guard's
    # Enter (and ran into what the guard typed next). It is said once its keys stop.
    qtbot.keyClick(screen.entry, Qt.Key_Escape)
    on_the_form(qtbot, screen, cancel)
    keys(screen.entry, li.id_number[5:])
    qtbot.waitUntil(lambda: "扫码不完整，请重新扫" in screen.name_label.text(), timeout=2000)
    assert screen.entry.text() == "" and screen.subject is None and len(log(app_ctx)) == 1


def test_the_visitor_form_starts_at_its_first_box_and_a_returning_visitor_moves_no_box(
        qtbot, app_ctx, visitor_form):
    """The empty line for a returning visitor took 28 pixels above 姓名 on every visitor form (at
    1024×768 every pixel counts). Now the form starts with 姓名; the line 回访访客… appears under
    the boxes once the ID number is known, and no box moves under the guard's eyes."""
    from PySide6.QtCore import QPoint, Qt
    from desktop.gate.visitors import VisitorForm, save_visitor
    save_visitor(app_ctx.db, VisitorForm("刘师傅", "13900001234", "420106195803070016", "青山区", "维修",
                                         "3-2-501").validate())
    dialog = visitor_form
    boxes = ("name", "id_number", "phone", "reason", "plate")

    def tops():
        return {box: getattr(dialog, box).mapTo(dialog, QPoint(0, 0)).y() for box in boxes}
    first = tops()
    assert dialog.form.y() == dialog.layout().contentsMargins().top()     # no empty line above 姓名
    type_text(dialog.id_number, "420106195803070016")
    qtbot.keyClick(dialog.id_number, Qt.Key_Tab)
    said = dialog.known_label
    assert dialog.name.text() == "刘师傅" and "回访访客" in said.text() and said.isVisible()
    assert tops() == first
    assert said.mapTo(dialog, QPoint(0, 0)).y() > first["plate"] and said.height() >= said.fontMetrics().height()


def test_a_visitors_id_card_scanned_then_f3_starts_the_form_with_its_number(qtbot, screen, app_ctx, small_community):
    """The guard scans a visitor's ID card: 查无此人 … 如果是访客，请按 F3 登记. F3 opened the form
    with 证件号码 empty, the 18 digits just scanned to be typed again by hand. The form now starts
    with them; the guard types the name, reason and household, and the passage has the number."""
    from PySide6.QtCore import Qt
    number = visitor_number()
    keys(screen.entry, number)
    end(screen.entry)
    qtbot.keyClick(screen.entry, Qt.Key_Escape)          # dropped: the next F3 is someone else
    assert on_the_form(qtbot, screen, lambda dialog: dialog.id_number.text()) == ""
    keys(screen.entry, number)
    end(screen.entry)
    assert "F3" in screen.message_label.text()

    def fill(dialog):
        seen = dialog.id_number.text()
        type_text(dialog.name, "赵访客")
        type_text(dialog.reason, "送药")
        type_text(dialog.visiting, "12号")
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        return seen
    assert on_the_form(qtbot, screen, fill) == number
    assert app_ctx.db.conn.execute("SELECT full_name, id_number FROM visitor").fetchall() == [("赵访客", number)]
