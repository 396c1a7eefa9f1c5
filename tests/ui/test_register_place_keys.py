"""The register page by keys on a tiny hand-built register: Enter on a place in the tree goes to
its people."""
import pytest
from PySide6.QtCore import Qt

from tests.conftest import type_text
from tests.ui.test_register_page import table_names
from ui.events import DataEvents
from ui.pages.register_page import RegisterPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community):
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    return page


def keys(qtbot, widget, *pressed) -> None:
    for key in pressed:
        qtbot.keyClick(widget, key)


def test_enter_on_a_place_in_the_tree_puts_the_cursor_on_its_first_person(page, qtbot, app_ctx):
    """Arrows to 幸福里小区 ▸ 3栋 ▸ 2单元, Enter: the cursor is on 张三 in the list of that unit,
    where Down goes on to 李梅. Back in the tree after a search, Enter shows the place's people
    again, not what was searched for."""
    tree = page.tree
    tree.setFocus(Qt.OtherFocusReason)
    # The whole community, then 幸福里小区 (opened with Right), 3栋, its 1单元 and 2单元.
    keys(qtbot, tree, Qt.Key_Down, Qt.Key_Right, Qt.Key_Down, Qt.Key_Right, Qt.Key_Down, Qt.Key_Down)
    assert tree.currentIndex().data() == "2单元"
    qtbot.keyClick(tree, Qt.Key_Return)
    assert page.table.hasFocus() and page.current_person().full_name == "张三"
    assert table_names(page) == ["张三", "李梅", "张小明"]
    qtbot.keyClick(page.table, Qt.Key_Down)
    assert page.current_person().full_name == "李梅"

    type_text(page.search, "王大爷")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert table_names(page) == ["王大爷"]
    tree.setFocus(Qt.OtherFocusReason)
    qtbot.keyClick(tree, Qt.Key_Enter)                  # the keypad's Enter too
    assert page.search.text() == "" and table_names(page) == ["张三", "李梅", "张小明"]
    assert page.table.hasFocus() and page.current_person().full_name == "张三"


def test_enter_on_a_place_with_nobody_leaves_the_cursor_in_the_tree_beside_the_hint(page, qtbot, app_ctx):
    app_ctx.register.add_compound("新建小区")
    page.reload_tree()
    tree = page.tree
    tree.setFocus(Qt.OtherFocusReason)
    for _ in range(4):                                  # down the compounds to the new one
        if tree.currentIndex().data() == "新建小区":
            break
        qtbot.keyClick(tree, Qt.Key_Down)
    assert tree.currentIndex().data() == "新建小区"
    qtbot.keyClick(tree, Qt.Key_Return)
    assert tree.hasFocus() and table_names(page) == [] and page.table_hint.shown()
