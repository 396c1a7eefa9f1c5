"""已删除的人员… on the register page: a clerk who removed the wrong person finds them by name
and puts them back with Enter or 恢复; the register shows them again, chosen, and its search
finds them."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import type_text
from tests.ui.test_register_page import in_next_dialog, table_names
from ui.dialogs.removed_people_dialog import RemovedPeopleDialog
from ui.events import DataEvents
from ui.pages.register_page import RegisterPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community):
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def rows(dialog) -> list[tuple]:
    model = dialog.model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount())) for r in range(model.rowCount())]


@pytest.fixture
def told(monkeypatch):
    said = {"info": [], "warning": []}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: said["info"].append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said["warning"].append(text))
    return said


def test_a_person_removed_by_mistake_is_found_and_restored_by_keys(page, qtbot, app_ctx, small_community, told):
    """李梅 is removed by mistake. 已删除的人员…: type lm, Enter goes to her row (nothing restored
    yet), Enter restores her: the clerk is told she is back at 3栋2单元501 as 配偶; the list then
    says nobody is removed; the register shows her chosen and its search finds her."""
    type_text(page.search, "李梅")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert page.current_person().full_name == "李梅"
    page.buttons["remove_person"].click()
    assert "李梅" not in table_names(page)
    number = small_community["people"]["李梅"].id_number
    seen = {}

    def in_dialog(dialog):
        assert isinstance(dialog, RemovedPeopleDialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        seen["rows"] = rows(dialog)
        type_text(dialog.search, "lm")
        qtbot.keyClick(dialog.search, Qt.Key_Return)
        seen["focus"] = dialog.table.hasFocus()
        seen["still removed"] = [r.full_name for r in app_ctx.register.removed_people()]
        qtbot.keyClick(dialog.table, Qt.Key_Return)
        seen["after restore"] = (dialog.search.hasFocus(), dialog.restore_button.isEnabled())
        dialog.search.clear()
        dialog.reload()
        seen["after"], seen["hint"] = rows(dialog), dialog.hint.text() if dialog.hint.shown() else ""
    in_next_dialog(in_dialog)
    page.buttons["removed_people"].click()
    [(name, masked, address, relation, when, by)] = seen["rows"]
    assert (name, address, relation, by) == ("李梅", "幸福里小区 3栋2单元501", "配偶", "测试员")
    assert masked == number[:4] + "*" * 10 + number[-4:] and when.startswith("20")
    assert seen["focus"] and seen["still removed"] == ["李梅"]
    assert told["info"] == ["已恢复李梅，回到幸福里小区 3栋2单元501，与户主关系：配偶。"]
    assert seen["after restore"] == (True, False)        # a second Enter restores nobody else
    assert seen["after"] == [] and "没有已删除的人员" in seen["hint"]
    assert page.current_person().full_name == "李梅" and page.current_person().relation == "spouse"
    page.search.clear()
    type_text(page.search, "李梅")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert table_names(page) == ["李梅"]


def test_restore_by_click_back_to_no_household_and_a_refused_duplicate_are_said(
        page, qtbot, app_ctx, small_community, told):
    """王大爷's village house is removed after him: 恢复 says it is gone and he is back in no
    household, found by his name. 王租客 cannot come back while 王二 has his ID number: the
    refusal names 王二 and his door, and he stays in the list."""
    from desktop.register import PersonForm
    register, people = app_ctx.register, small_community["people"]
    register.remove_person(people["王大爷"].id)
    register.remove_household(small_community["households"][2].id)
    register.remove_person(people["王租客"].id)
    register.add_person(PersonForm(full_name="王二", id_number=people["王租客"].id_number),
                        small_community["households"][0].id, "other")
    seen = {}

    def in_dialog(dialog):
        seen["first"] = [r[0] for r in rows(dialog)]
        seen["gone"] = rows(dialog)[seen["first"].index("王大爷")][2]
        dialog.table.selectRow(seen["first"].index("王租客"))
        dialog.restore_button.click()
        dialog.table.selectRow([r[0] for r in rows(dialog)].index("王大爷"))
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
        seen["left"] = [r[0] for r in rows(dialog)]
        seen["chosen"] = dialog.current()
    in_next_dialog(in_dialog)
    page.buttons["removed_people"].click()
    assert seen["first"] == ["王租客", "王大爷"]                       # the last removed first
    assert seen["gone"] == "王家湾组 12号（这一户已删除）"
    assert "不能恢复王租客" in told["warning"][0] and "王二" in told["warning"][0]
    assert "幸福里小区 3栋2单元501" in told["warning"][0]
    assert "已恢复王大爷" in told["info"][0] and "已经删除" in told["info"][0] and "迁户" in told["info"][0]
    assert seen["left"] == ["王租客"] and seen["chosen"] is None
    assert page.current_person().full_name == "王大爷" and page.current_person().household_id is None


def test_an_empty_list_says_nobody_is_removed(qtbot, qt_zh, app_ctx, small_community):
    dialog = RemovedPeopleDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and dialog.hint.shown()
    assert dialog.hint.text().startswith("目前没有已删除的人员") and not dialog.restore_button.isEnabled()
    assert dialog.width() <= 1008 and dialog.height() <= 688            # inside a 1024×768 screen
    type_text(dialog.search, "张三")
    qtbot.keyClick(dialog.search, Qt.Key_Return)
    assert "没有找到" in dialog.hint.text() and dialog.hint.shown()


def test_down_goes_from_the_search_to_the_list_and_then_along_it(qtbot, qt_zh, app_ctx, small_community):
    people = small_community["people"]
    for name in ("李梅", "张小明"):
        app_ctx.register.remove_person(people[name].id)
    dialog = RemovedPeopleDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.search.setFocus()
    qtbot.keyClick(dialog.search, Qt.Key_Down)
    assert dialog.table.hasFocus() and dialog.table.currentIndex().row() == 0
    qtbot.keyClick(dialog.table, Qt.Key_Down)            # took the whole window's Down: back to row 0
    assert dialog.table.currentIndex().row() == 1
    dialog.reject()


def test_the_old_door_typed_in_the_dialog_finds_who_was_taken_out_of_it(qtbot, qt_zh, app_ctx, small_community,
                                                                       told):
    """The clerk remembers 3栋2单元, not how 李梅 is written: typed in the search, Enter goes to
    her row (王租客 of 3栋1单元 is not listed), a second Enter puts her back."""
    people = small_community["people"]
    for name in ("李梅", "王租客"):
        app_ctx.register.remove_person(people[name].id)
    dialog = RemovedPeopleDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert "门牌" in dialog.search.placeholderText()
    type_text(dialog.search, "3栋2单元")
    qtbot.keyClick(dialog.search, Qt.Key_Return)
    assert [r[:3] for r in rows(dialog)] == [("李梅", rows(dialog)[0][1], "幸福里小区 3栋2单元501")]
    assert dialog.table.hasFocus()
    qtbot.keyClick(dialog.table, Qt.Key_Return)
    assert told["info"] == ["已恢复李梅，回到幸福里小区 3栋2单元501，与户主关系：配偶。"]
    dialog.search.clear()
    type_text(dialog.search, "5栋")
    qtbot.keyClick(dialog.search, Qt.Key_Return)
    assert rows(dialog) == [] and "门牌" in dialog.hint.text()
