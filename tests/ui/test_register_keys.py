"""The register's daily work with the keyboard alone, on the demo community: a clerk who types
well and never reaches for the mouse finds a person, moves in the list, opens, edits and saves,
and every dialog of the page answers the keys such a clerk presses."""
import shutil

import pytest
import shiboken6
from PySide6.QtCore import Qt

from tests.conftest import type_text

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo community of 200 households, built once for the module."""
    from desktop.demo import make_demo_database
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MENSHEN_HOME", str(folder / "home"))
        make_demo_database(folder / "demo.db", households=200)
    return folder / "demo.db"


@pytest.fixture
def window(qtbot, qt_zh, demo_file, tmp_path):
    from desktop.app import open_app
    from ui.main_window import MainWindow
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    app = open_app(path)
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    with qtbot.waitExposed(w):
        w.show()
        w.activateWindow()
    yield w
    # A search typed last runs after its pause, before the file closes. pytest-qt has closed the
    # window by now (addWidget) and queued its deletion: a page deleted meanwhile runs no search.
    page = w.register_page
    qtbot.waitUntil(lambda: not shiboken6.isValid(page) or not page.search_pending(), timeout=1000)
    app.close()


def found(page) -> list[str]:
    model = page.people_model
    return [model.person(r).full_name for r in range(model.rowCount())]


def focused(window):
    return window.focusWidget()


def in_dialog(steps, tries: int = 100) -> dict:
    """Run ``steps(dialog)`` in the next dialog once it is open (a button's Alt key clicks it a
    moment later); a failing step still closes it, and nothing opening gives up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    seen = {}

    def poll(left=tries):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if left:
                QTimer.singleShot(20, lambda: poll(left - 1))
            return
        seen["dialog"] = dialog
        dialog.activateWindow()          # off screen a dialog is not made active by itself
        try:
            steps(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
            seen["closed"] = True
    QTimer.singleShot(0, poll)
    return seen


def closed(qtbot, window, seen: dict) -> None:
    """Wait for the dialog to close; the window has the keys again, as on the desktop (off
    screen no window is made active by itself)."""
    qtbot.waitUntil(lambda: "closed" in seen, timeout=3000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def search(window, qtbot, text: str) -> None:
    """Ctrl+2, the text, Enter: the cursor on the first one found."""
    qtbot.keyClick(window.focusWidget() or window, Qt.Key_2, Qt.ControlModifier)
    type_text(window.register_page.search, text)
    qtbot.keyClick(window.register_page.search, Qt.Key_Return)


def test_arrows_move_in_the_people_found_and_tab_leaves_the_list(window, qtbot):
    """Search 张, Enter: the first one found is chosen; Down chooses the next one (the Down of the
    search box took the key in the whole window, so the arrows never moved in the list or the
    tree); Tab goes on to the next widget (it walked the cells and never left the table), and
    the card below the list is no stop on the way."""
    page = window.register_page
    window.show_page("register")
    type_text(page.search, "张")
    qtbot.keyClick(page.search, Qt.Key_Return)
    names = found(page)
    assert len(names) > 2 and focused(window) is page.table and page.current_person().full_name == names[0]
    qtbot.keyClick(page.table, Qt.Key_Down)
    qtbot.keyClick(page.table, Qt.Key_Down)
    assert page.current_person().full_name == names[2]
    qtbot.keyClick(page.table, Qt.Key_Up)
    assert page.current_person().full_name == names[1]
    qtbot.keyClick(page.table, Qt.Key_Tab)
    assert focused(window) is not page.table and focused(window) is not page.detail
    page.tree.setFocus()
    first = page.tree.currentIndex()
    qtbot.keyClick(page.tree, Qt.Key_Down)
    assert page.tree.currentIndex() != first


def test_ctrl_2_opens_the_register_in_its_search_and_ctrl_f_comes_back_to_it(window, qtbot):
    """The window opens on Today. Ctrl+2: the register, the cursor in its search (no key led
    there: Tab to the page list, Down, Tab, Tab); a name, Enter, the list; Ctrl+F: back in the
    search with the name selected, so the next name typed replaces it."""
    page = window.register_page
    assert window.pages.currentWidget() is not page
    qtbot.keyClick(window.nav, Qt.Key_2, Qt.ControlModifier)
    assert window.pages.currentWidget() is page and focused(window) is page.search
    type_text(page.search, "张")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert focused(window) is page.table
    qtbot.keyClick(page.table, Qt.Key_F, Qt.ControlModifier)
    assert focused(window) is page.search and page.search.selectedText() == "张"
    assert window.nav.item(1).toolTip() == "Ctrl+2"
    qtbot.keyClick(page.search, Qt.Key_1, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.today_page


def test_a_phone_is_changed_with_alt_e_tab_and_enter_and_down_goes_on_to_the_next(window, qtbot):
    """Find 张, Down to the second, Alt+E (修改人员(&E)): the form opens in the name; Tab to the phone,
    type it, Enter saves; Down goes on to the next one. Every button of the page has its Alt key
    (none had one: the buttons were reached by Tab alone)."""
    page = window.register_page
    search(window, qtbot, "张")
    qtbot.keyClick(page.table, Qt.Key_Down)
    person, names = page.current_person(), found(page)
    texts = {key: button.text() for key, button in page.buttons.items()}
    assert texts["edit_person"] == "修改人员(&E)" and texts["add_person"] == "新增人员(&P)"
    assert all("(&" in texts[key] for key in ("add_household", "edit_household", "move_person",
                                               "change_status", "add_travel", "remove_person"))

    def change_phone(dialog):
        assert dialog.focusWidget() is dialog.full_name
        while dialog.focusWidget() is not dialog.phone:
            qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        qtbot.keyClick(dialog.phone, Qt.Key_A, Qt.ControlModifier)
        type_text(dialog.phone, "13912345678")
        qtbot.keyClick(dialog.phone, Qt.Key_Return)
    seen = in_dialog(change_phone)
    qtbot.keyClick(page.table, Qt.Key_E, Qt.AltModifier)
    closed(qtbot, window, seen)
    assert window.app.register.person(person.id).phone == "13912345678"
    assert focused(window) is page.table and page.current_person().id == person.id
    qtbot.keyClick(page.table, Qt.Key_Down)
    assert page.current_person().full_name == names[2]
    # Alt+I (打印本户登记表): the register sheet of this person's household alone, previewed on the
    # paper page (there was no way to one household's sheet from the window).
    from tests.printing.conftest import page_texts, squeeze
    assert texts["household_sheet"] == "打印本户登记表(&I)…"
    household = window.app.register.household(page.current_person().household_id)
    qtbot.keyClick(page.table, Qt.Key_I, Qt.AltModifier)          # a mnemonic clicks a moment later
    qtbot.waitUntil(lambda: window.pages.currentWidget() is not page, timeout=5000)
    paper = window.pages.currentWidget()
    qtbot.waitUntil(lambda: paper.preview_path is not None and paper.task is None, timeout=20000)
    assert paper.form_name() == "household-sheet" and paper.household_label.text() == household.address
    text = squeeze("".join(page_texts(paper.preview_path)))
    assert paper.document.pageCount() == 1 and squeeze(household.address) in text and names[2] in text


def test_a_status_is_changed_from_the_keyboard_and_the_cursor_comes_back_to_the_row(window, qtbot):
    """Tab to 变更状态 and Space (or Alt+S): the first status not held has the cursor; Space
    chooses 居家隔离, Tab to the reason, Enter. The row shows 居家隔离 and the cursor is on it again,
    not on the button (Down then went nowhere); Ctrl+F and the name find the person again."""
    page = window.register_page
    search(window, qtbot, "张")
    person = next(p for p in (page.people_model.person(r) for r in range(page.people_model.rowCount()))
                  if p.status == "healthy")
    page.table.selectRow(page.people_model.row_of(person.id))
    assert page.buttons["change_status"].text() == "变更状态(&S)"

    def isolate(dialog):
        assert dialog.focusWidget() is dialog.radios["home_isolation"]
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        assert dialog.focusWidget() is dialog.reason
        type_text(dialog.reason, "密接，街道通知")
        qtbot.keyClick(dialog.reason, Qt.Key_Return)
    seen = in_dialog(isolate)
    page.buttons["change_status"].setFocus()
    qtbot.keyClick(page.buttons["change_status"], Qt.Key_Space)
    closed(qtbot, window, seen)
    assert window.app.register.person(person.id).status == "home_isolation"
    assert focused(window) is page.table and page.current_person().id == person.id
    qtbot.keyClick(page.table, Qt.Key_F, Qt.ControlModifier)
    type_text(page.search, person.full_name)
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert person.id in [page.people_model.person(r).id for r in range(page.people_model.rowCount())]
    assert page.current_person().status == "home_isolation" and focused(window) is page.table


def answer_question(qtbot, key, seen: dict, modifier=Qt.NoModifier, tries: int = 100) -> None:
    """Press ``key`` in the question about to open over the form, once it is open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def poll(left=tries):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(20, lambda: poll(left - 1))
            return
        seen.setdefault("asked", []).append(box.text() + box.informativeText())
        seen.setdefault("buttons", []).append([b.text() for b in box.buttons()])
        seen.setdefault("default", []).append(box.defaultButton().text())
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
        qtbot.keyClick(box, key, modifier)
        qtbot.wait(200)                      # an Alt key clicks its button a moment later
        if box.isVisible():
            box.reject()
    QTimer.singleShot(0, poll)


def test_esc_on_a_half_typed_form_asks_before_losing_it_and_ctrl_s_saves(window, qtbot):
    """A new phone half typed, Esc by mistake: the form asks (it closed, and the typing was lost
    without a word); Esc again, or Enter, keeps typing, the phone as it was typed. Ctrl+S saves
    (the Save button had no key but Enter, and it read 保存 with no Alt key). A form opened and
    left untouched closes at Esc without a question; Alt+D on the question throws the typing away."""
    page = window.register_page
    search(window, qtbot, "张")
    person = page.current_person()
    seen = {}

    def half_typed(dialog):
        seen["save"] = dialog.buttons.button(dialog.buttons.StandardButton.Save).text()
        dialog.phone.clear()
        type_text(dialog.phone, "1391234")
        answer_question(qtbot, Qt.Key_Escape, seen)
        qtbot.keyClick(dialog.phone, Qt.Key_Escape)
        seen["open after esc"] = dialog.isVisible() and dialog.phone.text() == "1391234"
        answer_question(qtbot, Qt.Key_Return, seen)
        qtbot.keyClick(dialog.phone, Qt.Key_Escape)
        seen["open after enter"] = dialog.isVisible() and dialog.focusWidget() is dialog.phone
        type_text(dialog.phone, "5678")
        dialog.activateWindow()              # as the desktop does when the question closes
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.phone, Qt.Key_S, Qt.ControlModifier)
        seen["saved"] = not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    done = in_dialog(half_typed)
    qtbot.keyClick(page.table, Qt.Key_Return)
    closed(qtbot, window, done)
    assert seen["save"] == "保存(&S)"
    assert seen["open after esc"] and seen["open after enter"] and seen["saved"], seen
    assert seen["asked"][0] == "这张表里填写的内容还没有保存。关闭后，填写的内容就没有了。要关闭吗？"
    assert seen["default"] == ["继续填写", "继续填写"]
    assert window.app.register.person(person.id).phone == "13912345678"

    def untouched(dialog):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Escape)
        seen["untouched closed"] = not dialog.isVisible()
    done = in_dialog(untouched)
    qtbot.keyClick(page.table, Qt.Key_Return)
    closed(qtbot, window, done)
    assert seen["untouched closed"] and len(seen["asked"]) == 2

    def thrown_away(dialog):
        type_text(dialog.reason, "密接")
        answer_question(qtbot, Qt.Key_D, seen, Qt.AltModifier)
        qtbot.keyClick(dialog.reason, Qt.Key_Escape)
        seen["discarded"] = not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    done = in_dialog(thrown_away)
    qtbot.keyClick(page.table, Qt.Key_S, Qt.AltModifier)
    closed(qtbot, window, done)
    assert seen["discarded"] and seen["buttons"][-1] == ["继续填写", "不保存，关闭(&D)"], seen
    assert window.app.register.person(person.id).status == person.status


def test_a_household_and_its_first_person_are_added_by_keys_and_enter_removes_nobody(window, qtbot):
    """From a person at 1栋1单元, Alt+A: the form opens at 门牌号 (小区, 楼栋, 单元 filled); 909,
    Enter. Alt+P: the person joins 1栋1单元909; name, Tab to 与户主关系, 户 chooses 户主, Enter: the
    row is chosen with the cursor on it. Alt+R, Enter out of habit: nobody is removed (是 was the
    default)."""
    page = window.register_page
    search(window, qtbot, "1-1-201")
    assert "1栋1单元201" in page.current_person().address
    seen = {}

    def household(dialog):
        seen["first"] = dialog.focusWidget() is dialog.room
        type_text(dialog.room, "909")
        qtbot.keyClick(dialog.room, Qt.Key_Return)
    done = in_dialog(household)
    qtbot.keyClick(page.table, Qt.Key_A, Qt.AltModifier)
    closed(qtbot, window, done)
    assert seen["first"] and page.scope.kind == "household" and "1栋1单元909" in page.scope.label

    def person(dialog):
        seen["joins"] = dialog.joins.text()
        type_text(dialog.full_name, "赵小六")
        while dialog.focusWidget() is not dialog.relation:
            qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        type_text(dialog.relation, "户")
        qtbot.keyClick(dialog.relation, Qt.Key_Return)
    done = in_dialog(person)
    qtbot.keyClick(window.focusWidget(), Qt.Key_P, Qt.AltModifier)
    closed(qtbot, window, done)
    added = page.current_person()
    assert "1栋1单元909" in seen["joins"] and (added.full_name, added.relation) == ("赵小六", "head")
    assert focused(window) is page.table

    def enter(box):
        seen["default"] = box.defaultButton().text() if box.defaultButton() else "(none)"
        qtbot.keyClick(box, Qt.Key_Return)
    done = in_dialog(enter)
    qtbot.keyClick(page.table, Qt.Key_R, Qt.AltModifier)
    closed(qtbot, window, done)
    assert window.app.register.person(added.id).full_name == "赵小六" and page.current_person().id == added.id
    assert seen["default"].startswith("否")


def test_the_arrows_choose_a_status_and_a_refusal_leaves_the_cursor_on_the_statuses(window, qtbot):
    """变更状态 for someone healthy: the cursor is on 居家隔离. Right moves to 医学观察 and chooses it
    (moved onto, it was not chosen, and Save said 请选择新状态); Left chooses 居家隔离 again. With none
    chosen, Save's refusal puts the cursor on the statuses, where Space chooses one (it was put on
    the row around them, where no key did anything)."""
    from ui.dialogs.status_dialog import StatusDialog
    register = window.app.register
    page = window.register_page
    person = next(p for p in (page.people_model.person(r) for r in range(page.people_model.rowCount()))
                  if p.status == "healthy")
    dialog = StatusDialog(register, person)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.reject())   # typed in: closed unasked
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is dialog.radios["home_isolation"] and dialog.chosen() == ""
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
    type_text(dialog.reason, "街道通知")
    qtbot.keyClick(dialog.reason, Qt.Key_Return)
    assert dialog.isVisible() and dialog.form.error_text("status") == "请选择新状态。"
    assert dialog.focusWidget() is dialog.radios["home_isolation"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Right)
    assert dialog.focusWidget() is dialog.radios["observation"] and dialog.chosen() == "observation"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Left)
    assert dialog.chosen() == "home_isolation"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)
    assert not dialog.isVisible() and register.person(person.id).status == "home_isolation"


def test_the_care_and_isolation_pages_open_by_key_in_their_lists(window, qtbot):
    """Ctrl+5 / Ctrl+6: the cursor in the list, where Enter records a visit or a check (it landed
    on the care page's date field: a round typed from paper began with Tab, Tab, Tab)."""
    for name in ("care", "isolation"):
        row = window.page_names.index(name)
        qtbot.keyClick(window.nav, Qt.Key_1 + row, Qt.ControlModifier)
        page = window.pages.currentWidget()
        assert window.page_names[window.nav.currentRow()] == name and focused(window) is page.table
