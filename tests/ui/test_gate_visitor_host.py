"""Whom a visitor came to see, typed as a guard types it in the visitor form's 被访人/住址 box: the
households found are listed under it, Up/Down and Enter/Tab choose, and the one chosen is linked
to the passage; words the register does not know are kept as typed, and never stop the form."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.gate import log as gate_log
from tests.conftest import type_text
from tests.ui.test_gate_forms import on_the_form
from tests.ui.test_gate_keys import screen  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui


def visitor_keys(qtbot, dialog, host_keys, phone):
    """The guard's keys: name, phone, reason, then ``host_keys(box)`` in 被访人/住址."""
    type_text(dialog.name, "刘师傅")
    type_text(dialog.phone, phone)
    type_text(dialog.reason, "送药")
    qtbot.keyClick(dialog.reason, Qt.Key_Tab)
    assert dialog.focusWidget() is dialog.visiting
    return host_keys(dialog.visiting)


def passage_in(qtbot, screen, app_ctx):
    """The card the form left on the screen, let in with a reading; the passage's row."""
    type_text(screen.entry, "365")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    with app_ctx.db.reading() as conn:
        row = conn.execute("SELECT id, visiting, visiting_household_id FROM gate_log"
                           " ORDER BY created_wall DESC, id DESC LIMIT 1").fetchone()
    return row[0], row[1:]


def test_the_guard_finds_the_household_visited_by_its_initials_and_enter_links_it(
        qtbot, screen, app_ctx, small_community):
    """'zs' and Enter at once: the one household found (3栋2单元501, 张三) is highlighted and
    taken, the form saved; the card says which household before the passage is saved, and the
    passage's 住址 in the log is that household's address."""
    h501 = small_community["households"][0].id

    def keys(box):
        type_text(box, "zs")
        qtbot.keyClick(box, Qt.Key_Return)             # before the search's pause: still found
    on_the_form(qtbot, screen, lambda d: visitor_keys(qtbot, d, keys, "13900001234"))
    assert "拜访 幸福里小区 3栋2单元501 张三：送药" in screen.message_label.text()   # seen before it is saved
    row, stored = passage_in(qtbot, screen, app_ctx)
    assert stored == ("张三", h501)
    assert gate_log.entry(app_ctx.db, row).address == "访：幸福里小区 3栋2单元501 张三"


def test_among_several_households_nothing_is_guessed_down_chooses_and_a_shop_is_kept_as_typed(
        qtbot, screen, app_ctx, small_community):
    """'王' finds two households (王大爷's, 王租客's; the gate's own compound's first): the
    highlighted row is the words as typed; Down, Down and Tab take the second, its address in the box. Then a visitor to the shop
    downstairs: nothing found, the form says so and saves the words, linked to nobody. The
    household's card on the register page lists its visitor (nobody could say who had come), as
    soon as the gate saves the passage."""
    from ui.pages.register_page import RegisterPage
    house12 = small_community["households"][2].id
    # The clerk has 王大爷's household open on the register page of the same window.
    page = RegisterPage(app_ctx, screen.events)
    qtbot.addWidget(page)
    page.show_household(house12)
    assert "本户来访" not in page.detail.toPlainText()

    def several(box):
        dialog = box.window()
        type_text(box, "王")
        qtbot.waitUntil(dialog.hosts.isVisible)
        listed = [dialog.hosts.item(i).text() for i in range(dialog.hosts.count())]
        highlighted = dialog.hosts.currentItem().text()
        qtbot.keyClick(box, Qt.Key_Escape)              # the list goes, the form stays
        escaped = (dialog.hosts.isVisible(), dialog.isVisible(), dialog.host_line.text())
        qtbot.keyClick(box, Qt.Key_Backspace)
        type_text(box, "王")
        qtbot.keyClick(box, Qt.Key_Down)                # at once: the list of what is typed, its first household
        qtbot.keyClick(box, Qt.Key_Down)
        qtbot.keyClick(box, Qt.Key_Tab)
        taken = (box.text(), dialog.focusWidget() is dialog.plate, dialog.host_line.text())
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        return listed, highlighted, escaped, taken
    listed, highlighted, escaped, taken = on_the_form(qtbot, screen,
                                                      lambda d: visitor_keys(qtbot, d, several, "13900001234"))
    assert len(listed) == 3 and "不关联" in listed[0] and highlighted == listed[0]
    assert escaped == (False, True, "不关联住户：按所填文字登记")
    assert listed[1] == "幸福里小区 3栋1单元101 王租客"          # at 幸福里's gate, 幸福里's first
    assert taken[0] == listed[2] == "王家湾组 12号 王大爷" and taken[1] and "已关联" in taken[2]
    assert passage_in(qtbot, screen, app_ctx)[1] == ("王大爷", house12)

    def shop(box):
        dialog = box.window()
        type_text(box, "楼下超市")
        qtbot.keyClick(box, Qt.Key_Tab)                 # at once: searched, nothing found, said
        said = dialog.host_line.text()
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        return said, dialog.isVisible()
    assert on_the_form(qtbot, screen, lambda d: visitor_keys(qtbot, d, shop, "13900005678")) == (
        "登记里没有这一户：按所填文字登记", False)
    row, stored = passage_in(qtbot, screen, app_ctx)
    assert stored == ("楼下超市", None) and gate_log.entry(app_ctx.db, row).address == "访：楼下超市"
    card = page.detail.toPlainText()
    assert "本户来访（近14天" in card and "刘师傅 13900001234 送药 幸福里东门" in card


def test_a_phone_typed_into_a_visitor_s_name_is_masked_for_the_gate_and_kept_as_stored(
        qtbot, screen, app_ctx, small_community):
    """A hurried guard had typed 张三13812345678 as a visitor's name. When the visitor came back,
    the gate account was shown the whole number in the form's name box and on the card (the
    log masked it, the form did not). It is masked as phones are; saved untouched, the visitor
    record and the new passage keep the name as it was written."""
    from desktop.accounts.roles import Actor
    from desktop.gate.visitors import VisitorForm, save_visitor
    db = app_ctx.db
    save_visitor(db, VisitorForm("张三13812345678", "13900001234", "", "汉口", "送药", "楼下超市").validate())
    db.actor = Actor("老李", "gate")                    # the gate account at the screen

    def came_back(dialog):
        type_text(dialog.phone, "1390000")
        qtbot.wait(50)                                      # a person's keys, not a scanner's burst
        type_text(dialog.phone, "1234")
        qtbot.keyClick(dialog.phone, Qt.Key_Tab)           # recognised as the guard leaves the box
        shown = dialog.name.text()
        type_text(dialog.reason, "送药")
        type_text(dialog.visiting, "楼下超市")
        qtbot.keyClick(dialog.visiting, Qt.Key_Return)
        return shown
    assert on_the_form(qtbot, screen, came_back) == "张三138****5678"
    assert "张三138****5678" in screen.name_label.text() and "13812345678" not in screen.name_label.text()
    type_text(screen.entry, "365")
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    with db.reading() as conn:
        assert conn.execute("SELECT full_name FROM visitor").fetchall() == [("张三13812345678",)]
        assert conn.execute("SELECT holder_name FROM gate_log").fetchall() == [("张三13812345678",)]
    assert [e.holder_name for e in gate_log.day_entries(db, date.today().isoformat())] == ["张三138****5678"]


def test_more_households_than_the_list_shows_are_said_with_what_to_do(qtbot, screen, app_ctx, small_community):
    """'张' in a compound of eight 张 households: six were listed and nothing said there were
    more; the guard looked down the six for a seventh that was not there. The list's last row
    says how many more, and to type more; the household's name typed whole lists it alone."""
    from desktop.register import HouseholdForm, PersonForm
    reg, compound = app_ctx.register, small_community["compound"]
    with app_ctx.db.transaction():                      # one commit: the test's own time
        for room in range(1, 8):
            home = reg.add_household(HouseholdForm(compound_id=compound.id, building="5", room=f"{room}01"))
            reg.add_person(PersonForm(full_name=f"张{'一二三四五六七'[room - 1]}平"), home.id, "head")

    def typed(box):
        dialog = box.window()
        type_text(box, "张")
        for _ in range(9):                              # at once: listed; past the last household it stays
            qtbot.keyClick(box, Qt.Key_Down)
        rows = [dialog.hosts.item(i).text() for i in range(dialog.hosts.count())]
        last = dialog.hosts.currentItem().text()
        type_text(box, "七平")
        qtbot.keyClick(box, Qt.Key_Down)
        return rows, last, [dialog.hosts.item(i).text() for i in range(1, dialog.hosts.count())]
    rows, last, narrowed = on_the_form(qtbot, screen, lambda d: visitor_keys(qtbot, d, typed, "13900001234"))
    assert len(rows) == 8 and rows[-1] == "还有2户，请多输几个字" and last == rows[-2]
    assert narrowed == ["幸福里小区 5栋701 张七平"]


def test_a_visitor_s_way_out_card_names_the_household_of_today_s_way_in(qtbot, screen, app_ctx, small_community):
    """刘师傅 came in to 3栋2单元501 (chosen in the form). Leaving, found by his phone's digits, the
    form's 被访人 typed as words the register does not know: the card said 拜访 张三家 alone, though
    the passage out would be linked to 3栋2单元501 on saving. The card names it before the Enter."""
    h501 = small_community["households"][0].id

    def came(box):
        type_text(box, "zs")
        qtbot.keyClick(box, Qt.Key_Return)
    on_the_form(qtbot, screen, lambda d: visitor_keys(qtbot, d, came, "13900001234"))
    passage_in(qtbot, screen, app_ctx)

    def leaving(dialog):
        assert dialog.focusWidget() is dialog.reason            # a returning visitor, filled in
        type_text(dialog.reason, "送完药")
        qtbot.keyClick(dialog.reason, Qt.Key_Tab)
        type_text(dialog.visiting, "张三家")
        qtbot.keyClick(dialog.visiting, Qt.Key_Return)
        qtbot.keyClick(dialog.visiting, Qt.Key_Return)           # Enter saves the form
    type_text(screen.entry, "1234")
    on_the_form(qtbot, screen, leaving, key=Qt.Key_Return)
    assert screen.subject.name == "刘师傅" and screen.direction == "out"
    assert "拜访 幸福里小区 3栋2单元501 张三家：送完药" in screen.message_label.text()   # before saving
    qtbot.keyClick(screen.entry, Qt.Key_Return)
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT direction, visiting_household_id FROM gate_log ORDER BY at DESC, id DESC"
                            " LIMIT 1").fetchone() == ("out", h501)


def test_a_returning_visitor_is_offered_last_times_household_and_the_guard_may_change_it(
        qtbot, screen, app_ctx, small_community):
    """刘师傅 came yesterday to see 张三's household (chosen in the form). Back today, his ID number
    filled the form in, but 拜访哪一户 was empty: the guard typed the door again. It offers last
    time's household, linked, and says so; typed over, the guard's own words."""
    from datetime import datetime, timedelta
    from desktop.gate.checkpoints import this_checkpoint
    from desktop.gate.subjects import visitor_subject
    from desktop.gate.visitors import Host, VisitorForm, save_visitor
    from tests.ui.test_gate_forms import visitor_number
    h501, number = small_community["households"][0].id, visitor_number()
    v = save_visitor(app_ctx.db, VisitorForm("刘师傅", "13900001234", number, "汉口", "送药", "张三").validate())
    gate_log.record_passage(app_ctx.db, gate_log.Passage(
        visitor_subject(v, "送药", "张三", host=Host(h501, "幸福里小区 3栋2单元501", "张三")), "in", 36.5),
        this_checkpoint(app_ctx.db), datetime.now() - timedelta(days=1))

    def came_back(dialog, change: bool):
        type_text(dialog.id_number, number)
        qtbot.keyClick(dialog.id_number, Qt.Key_Return)        # the scanner's Enter: on to 事由
        offered = (dialog.visiting.text(), dialog.host_line.text())
        assert dialog.focusWidget() is dialog.reason
        type_text(dialog.reason, "送药")
        if change:
            dialog.visiting.selectAll()
            type_text(dialog.visiting, "楼下超市")
            qtbot.keyClick(dialog.visiting, Qt.Key_Tab)
        qtbot.keyClick(dialog.plate, Qt.Key_Return)
        return offered, dialog.isVisible()
    assert on_the_form(qtbot, screen, lambda d: came_back(d, False)) == (
        ("幸福里小区 3栋2单元501 张三", "上次拜访的这一户；这次去别家请改掉"), False)
    assert passage_in(qtbot, screen, app_ctx)[1] == ("张三", h501)
    on_the_form(qtbot, screen, lambda d: came_back(d, True))
    assert passage_in(qtbot, screen, app_ctx)[1] == ("楼下超市", None)


def test_a_visitor_back_again_is_offered_the_household_and_car_of_a_visit_kept_in_the_journal(
        qtbot, screen, app_ctx, small_community, monkeypatch):
    """刘师傅 came yesterday to 张三's household; this morning, while an import held the register,
    he came by car to see 王租客 at 3栋1单元101 (kept in the gate journal). Back again, his form
    offered yesterday's household and no car: the visit waiting in the journal was not read."""
    from datetime import datetime, timedelta
    from db.errors import WriterBusyError
    from desktop.gate import journal
    from desktop.gate.checkpoints import this_checkpoint
    from desktop.gate.subjects import visitor_subject
    from desktop.gate.visitors import Host, VisitorForm, save_visitor
    from tests.ui.test_gate_forms import visitor_number
    (h501, h101, _), number = (h.id for h in small_community["households"]), visitor_number()
    db, gate = app_ctx.db, this_checkpoint(app_ctx.db)
    v = save_visitor(db, VisitorForm("刘师傅", "13900001234", number, "汉口", "送药", "张三").validate())
    gate_log.record_passage(db, gate_log.Passage(visitor_subject(
        v, "送药", "张三", host=Host(h501, "幸福里小区 3栋2单元501", "张三")), "in", 36.5),
        gate, datetime.now() - timedelta(days=1))
    free = db.transaction
    monkeypatch.setattr(journal, "_start_flusher", lambda db: None)          # the import runs on
    monkeypatch.setattr(db, "transaction", lambda *, wait=None: (_ for _ in ()).throw(WriterBusyError(str(db.path))))
    gate_log.record_passage(db, gate_log.Passage(visitor_subject(
        v, "修水管", "王租客", "鄂A12345", host=Host(h101, "幸福里小区 3栋1单元101", "王租客")), "in", 36.5),
        gate, datetime.now() - timedelta(minutes=30))
    monkeypatch.setattr(db, "transaction", free)
    assert journal.pending(db) == 1

    def came_back(dialog):
        type_text(dialog.id_number, number)
        qtbot.keyClick(dialog.id_number, Qt.Key_Return)        # the scanner's Enter: on to 事由
        return dialog.visiting.text(), dialog.host_line.text(), dialog.plate.text()
    assert on_the_form(qtbot, screen, came_back) == (
        "幸福里小区 3栋1单元101 王租客", "上次拜访的这一户；这次去别家请改掉", "鄂A·12345")
