"""The canvass page typed from the printed sheet: keys in the order a clerk presses them."""
import pytest
from PySide6.QtCore import Qt

from tests.canvass.conftest import TODAY
from tests.conftest import type_text
from ui.events import DataEvents
from ui.pages.canvass_page import CanvassPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, canvass, community):
    canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    w = CanvassPage(app_ctx, DataEvents())
    qtbot.addWidget(w)
    w.set_today(TODAY)
    w.resize(1366, 768)
    with qtbot.waitExposed(w):
        w.show()
    return w


def press(qtbot, widget, keys: str) -> None:
    """Type ASCII keys then Enter, as on the keyboard."""
    qtbot.keyClicks(widget, keys)
    qtbot.keyClick(widget, Qt.Key_Return)


def test_results_typed_in_building_order_with_the_keyboard_alone(qtbot, page, canvass, app_ctx):
    rid = page.round_id()
    assert "001" in page.current.text() and "3栋1单元101" in page.current.text()
    # No canvasser yet: told so, nothing saved, the focus goes to the canvasser field.
    press(qtbot, page.line, "2")
    assert "请填写摸排人" in page.message.text()
    assert canvass.result_by_code(rid, 1).outcome is None
    assert page.canvasser.hasFocus() and page.line.text() == "2"
    type_text(page.canvasser, "刘网格")
    qtbot.keyClick(page.canvasser, Qt.Key_Tab)        # back to the line, still holding "2"
    qtbot.keyClick(page.line, Qt.Key_Return)          # 001 nobody home
    assert "002" in page.current.text() and "1.张三" in page.current.text() and "3.张小明" in page.current.text()
    press(qtbot, page.line, "1 3f")                    # 002 visited, member 3 has a fever
    press(qtbot, page.line, "3")                       # 003 refused
    press(qtbot, page.line, "1 9n")                    # 004 has one member: refused with the reason
    assert "只登记了1人" in page.message.text() and page.line.text() == "1 9n"
    qtbot.keyClick(page.line, Qt.Key_Escape)          # Esc empties the line to retype it
    assert page.line.text() == "" and page.message.text() == ""
    press(qtbot, page.line, "1n")                      # 004 visited, needs help
    assert page.line.text() == ""
    press(qtbot, page.line, "003 4")                   # back to 003: it moved out after all
    assert [canvass.result_by_code(rid, c).outcome for c in (1, 2, 3, 4)] == [
        "nobody_home", "visited", "moved_out", "visited"]
    assert canvass.result_by_code(rid, 2).canvasser_name == "刘网格"
    assert canvass.result_by_code(rid, 2).visited_on == TODAY.isoformat()
    # The lists follow once typing pauses.
    qtbot.waitUntil(lambda: page.flagged.rowCount() == 2, timeout=2000)
    assert [page.flagged.rows[r][0] for r in range(2)] == ["张小明", "王大爷"]
    assert page.households.rows[0][0] == "001"          # nobody home: first in the list to visit again


def test_the_result_keys_are_said_beside_the_line_at_1024_once_typing_begins(qtbot, page):
    """The line's hint (1 已访 2 无人在家 …) is cut at 1024 and gone at the first key: the
    legend under it says the four results, then the question letters."""
    page.resize(1008, 688)
    qtbot.keyClicks(page.line, "1")
    legend = page.legend.text()
    assert page.legend.isVisible() and page.line.text() == "1"
    for said in ("1 已访", "2 无人在家", "3 拒绝", "4 已搬离", "f 发热"):
        assert said in legend, legend

def test_models_pass_the_qt_model_tester(qtmodeltester, page):
    for model in (page.households, page.flagged, *page.progress_models.values()):
        qtmodeltester.check(model)


def test_a_fever_typed_in_becomes_an_isolation_episode_from_the_page(qtbot, page, canvass, app_ctx, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox
    from desktop.care.isolation import IsolationBook
    from tests.ui.test_care_pages import run_dialog_with
    from ui.dialogs.canvass_step_dialog import CanvassStepDialog
    from ui.pages import canvass_page
    type_text(page.canvasser, "刘网格")
    page.line.setFocus()
    press(qtbot, page.line, "2")
    press(qtbot, page.line, "1 3f")                       # 张小明 has a fever
    qtbot.waitUntil(lambda: page.flagged.rowCount() == 1, timeout=2000)
    page.tabs.setCurrentIndex(4)
    page.flagged_table.selectRow(0)

    def fill(dialog):
        assert dialog.step.currentData() == "isolation"    # proposed first for a fever
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    opened = run_dialog_with(monkeypatch, canvass_page, CanvassStepDialog, fill)
    qtbot.mouseClick(page.buttons["take_step"], Qt.LeftButton)
    assert opened and opened[0].saved
    zhang = next(m for m in canvass.members(canvass.result_by_code(page.round_id(), 2).household_id)
                 if m.full_name == "张小明")
    episode = IsolationBook(app_ctx.db, app_ctx.register).open_episode_of(zhang.person_id)
    assert episode.reason.startswith("滚动摸排（第一轮摸排") and "发热" in episode.reason
    qtbot.waitUntil(lambda: page.flagged.rows and page.flagged.rows[0][4] == "居家隔离/医学观察", timeout=2000)


def test_a_second_round_from_the_first_rounds_nobody_home_made_in_the_dialog(qtbot, page, canvass, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox
    from tests.ui.test_care_pages import run_dialog_with
    from ui.dialogs.canvass_round_dialog import CanvassRoundDialog
    from ui.pages import canvass_page
    type_text(page.canvasser, "刘网格")
    page.line.setFocus()
    for keys in ("2", "1", "2", "3"):
        press(qtbot, page.line, keys)
    first = page.round_id()

    def fill(dialog):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        assert "请填写这一轮摸排的名称" in dialog.form.error_text("name")
        type_text(dialog.name, "第二轮再访")
        dialog.follows.setCurrentIndex(dialog.follows.findData(first))
        dialog.again.setChecked(False)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    opened = run_dialog_with(monkeypatch, canvass_page, CanvassRoundDialog, fill)
    qtbot.mouseClick(page.buttons["new_round"], Qt.LeftButton)
    assert opened and opened[0].saved
    assert page.round_id() == opened[0].saved.id
    assert [(r[0], r[1]) for r in page.households.rows] == [("001", "幸福里小区 3栋1单元101"),
                                                            ("002", "幸福里小区 4栋102")]
    assert "001" in page.current.text() and "3栋1单元101" in page.current.text()


def test_at_1024_every_list_beside_the_entry_shows_its_last_column_without_a_scroll(qtbot, page):
    """At 1024×768 the lists beside the entry box are about 520 pixels wide: the visit date, the
    progress's 今天 and 完成率, and the answers' 下一步 had scrolled out of sight to the right; in
    English the households' Result read "Not …"."""
    from PySide6.QtWidgets import QApplication, QTableView
    type_text(page.canvasser, "刘网格")
    press(qtbot, page.line, "1")                       # 001 visited today: its date is in the list
    page.reload()
    page.resize(880, 660)                              # beside the page list of a 1024×768 window
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)               # the tab the clerk opens
        tab = page.tabs.currentWidget()
        table = tab if isinstance(tab, QTableView) else tab.findChild(QTableView)
        qtbot.waitUntil(table.isVisible)
        header, last = table.horizontalHeader(), table.model().columnCount() - 1
        right = header.sectionViewportPosition(last) + header.sectionSize(last)
        assert table.horizontalScrollBar().maximum() == 0, page.tabs.tabText(index)
        assert right <= table.viewport().width(), page.tabs.tabText(index)
    visited = next(row for row, values in enumerate(page.households.rows) if values[0] == "001")
    dates = page.households.index(visited, 6)
    assert dates.data() == TODAY.isoformat()
    width = page.household_table.columnWidth(6)
    assert width >= page.household_table.fontMetrics().horizontalAdvance(dates.data()) + 6      # whole
    # The name to address (the head, else the first member of tenants) is not headed 户主 alone.
    assert page.households.headers[2] == "户主/住户"
    # In the English window the Result column read "Not …" and "Nobo…" (sized for 未访, 无人在家):
    # every result is whole, nothing scrolled away.
    from ui import i18n
    i18n.install_language(QApplication.instance(), "en")
    type_text(page.canvasser, "刘网格")
    press(qtbot, page.line, "2")                       # the next door: nobody home
    english = CanvassPage(page.app, DataEvents())
    qtbot.addWidget(english)
    english.set_today(TODAY)
    english.resize(880, 660)
    with qtbot.waitExposed(english):
        english.show()
    table = english.household_table
    assert {row[4] for row in english.households.rows} >= {"Not yet", "Nobody home"}
    widest = max(table.fontMetrics().horizontalAdvance(english._outcome(o)) for o in ("nobody_home", "moved_out", None))
    assert table.columnWidth(4) >= widest + 6
    assert table.horizontalScrollBar().maximum() == 0


def hint_is_whole(field) -> bool:
    """Whether ``field``'s hint (its placeholder) is drawn whole: within its text's room."""
    from PySide6.QtGui import QFontMetrics
    from ui.pages.canvass_page import LINE_TEXT_MARGIN
    return QFontMetrics(field.font()).horizontalAdvance(field.placeholderText()) + LINE_TEXT_MARGIN <= \
        field.contentsRect().width()


def test_in_english_at_1024_the_progress_tabs_show_today_and_done_and_every_tab_title(qtbot, page):
    """In English at 1024 the By building / By grid / By canvasser lists needed 615 pixels of
    columns in a 524-pixel view: "Today" and "Done %" scrolled away, and the tab bar needed scroll
    arrows ("Answers t…"). Shorter English words, the entry box gives the lists room; the
    Chinese page reads as before. The entry box's hints are read whole in both."""
    from PySide6.QtWidgets import QApplication, QToolButton
    from ui import i18n

    def shown(lang):
        i18n.install_language(QApplication.instance(), lang)
        w = CanvassPage(page.app, DataEvents())
        qtbot.addWidget(w)
        w.set_today(TODAY)
        w.resize(880, 660)                             # beside the page list of a 1024×768 window
        with qtbot.waitExposed(w):
            w.show()
        return w
    chinese = shown("zh_CN")
    assert [chinese.tabs.tabText(i) for i in range(chinese.tabs.count())] == [
        "住户（未访在前）", "按楼栋", "按网格", "按摸排人", "需处理的回答"]
    assert chinese.progress_models["building"].headers == [
        "楼栋", "户数", "已入户", "已访", "无人在家", "拒绝", "已搬离", "未访", "今天", "完成率"]
    assert chinese.tabs.tabToolTip(0) == ""
    english = shown("en")
    assert english.tabs.tabToolTip(0) == "Households, not reached first"
    bar = english.tabs.tabBar()
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))       # no scroll arrows
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) <= bar.width()
    for index in (1, 2, 3):
        english.tabs.setCurrentIndex(index)
        table = english.tabs.currentWidget()
        qtbot.waitUntil(table.isVisible)
        header, last = table.horizontalHeader(), table.model().columnCount() - 1
        assert table.model().headerData(last, Qt.Horizontal) == "Done %"
        assert table.horizontalScrollBar().maximum() == 0, english.tabs.tabText(index)
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    # The entry's hints were cut there: "1 visited  2 nobody home  3 r…", "Canvasser's name, as on t…".
    # The four results give way to a shorter hint (the legend under the line says them), whole
    # again where they fit; the Chinese says them all at 1024.
    assert english.line.placeholderText() == "Result 1-4 (see below) or a code" and hint_is_whole(english.line)
    assert hint_is_whole(english.canvasser)
    assert chinese.line.placeholderText() == "1 已访  2 无人在家  3 拒绝  4 已搬离" and hint_is_whole(chinese.line)
    english.resize(1240, 660)                          # beside the page list of a 1366×768 window
    qtbot.waitUntil(lambda: english.line.placeholderText() == "1 visited  2 nobody home  3 refused  4 moved out")
    assert hint_is_whole(english.line)


def test_the_sheet_for_canvassers_on_a_full_stick_names_the_file_chosen(qtbot, page, tmp_path, monkeypatch):
    """摸排录入表 saved to a full USB stick said 「磁盘空间已满，文件 摸排录入表-第一轮摸排.xlsx.part.xlsx
    没有保存」: a name the clerk never chose (the sheet had a temporary file of its own). The one list
    writer's temporary name is never said, and the page says it through show_failure with the file."""
    import shutil
    from pathlib import Path
    from PySide6.QtWidgets import QMessageBox
    import ui.pages.canvass_page as canvass_page
    stick = tmp_path / "U盘"
    stick.mkdir()
    out = stick / "摸排录入表-第一轮摸排.xlsx"
    monkeypatch.setattr(canvass_page, "ask_save_path", lambda *a: str(out))
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=0) if Path(p) == stick else real(p))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: said.append((title, text)))
    qtbot.mouseClick(page.buttons["excel_sheet"], Qt.LeftButton)
    assert said == [("摸排录入表", "磁盘空间已满，文件 摸排录入表-第一轮摸排.xlsx 没有保存。请清理磁盘空间或换一个位置后重试。")]
    assert list(stick.iterdir()) == []


def test_a_failure_the_system_names_no_file_for_names_the_file_chosen(qtbot, qt_zh, monkeypatch):
    """show_failure takes the file the clerk chose: a full disk's error carries no file name."""
    import errno
    from PySide6.QtWidgets import QMessageBox
    from ui.failures import show_failure
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: said.append((title, text)))
    show_failure(OSError(errno.ENOSPC, "No space left on device"), None, "导出", "E:/值守时长.xlsx")
    assert said == [("导出", "磁盘空间已满，文件 值守时长.xlsx 没有保存。请清理磁盘空间或换一个位置后重试。")]


def test_an_imported_sheet_says_refused_rows_only_when_there_are_some(qtbot, page, canvass, app_ctx, tmp_path,
                                                                       monkeypatch):
    """A filled sheet whose every row went in was told "导入 2 行，退回 0 行。": the clerk looked
    for rows sent back that were not there. The refused part is said only when there is one."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from desktop.excel.canvass_kind import write_round_sheet
    from tests.canvass.test_excel import _fill
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, page.round_id(), sheet)
    _fill(sheet, {"张三": {"摸排结果": "已访", "摸排人": "刘网格"}, "王大爷": {"摸排结果": "无人", "摸排人": "王志愿"}})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a: told.append(text))
    qtbot.mouseClick(page.buttons["import_results"], Qt.LeftButton)
    assert told == ["导入 4 行。"]                                    # 张三's household of three, 王大爷
    _fill(sheet, {"张三": {"摸排结果": "开会"}})                      # a result no list knows: refused
    qtbot.mouseClick(page.buttons["import_results"], Qt.LeftButton)
    assert told[1].startswith("导入 1 行。 退回 1 行，原因如下：\n\n“") and "开会" in told[1]
