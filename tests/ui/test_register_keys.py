"""The register's daily work with the keyboard alone, on the demo community: a clerk who types
well and never reaches for the mouse finds a person, moves in the list, opens, edits and saves,
and every dialog of the page answers the keys such a clerk presses."""
import shutil

import pytest
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
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    w.close()
    qtbot.wait(200)          # a search typed last runs after its pause, before the file closes
    app.close()


def found(page) -> list[str]:
    model = page.people_model
    return [model.person(r).full_name for r in range(model.rowCount())]


def focused(window):
    return window.focusWidget()


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
