"""The import wizard on a workbook of several sheets (one per 小区, a note) and on a web
system's "xls" that is a page: the clerk sees every sheet with its rows and what it looks like,
chooses by keyboard which to import, and each sheet's rows go to its own compound."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book
from ui.dialogs.import_wizard import ImportWizard
from ui.events import DataEvents
from ui.workers.task import InlineRunner

pytestmark = pytest.mark.gui
HEAD = ["姓名", "身份证号码", "与户主关系", "楼栋", "单元", "房号"]


def _wizard(qtbot, app_ctx, path):
    w = ImportWizard(app_ctx, DataEvents(), None, path=path)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    return w


def _people(app_ctx) -> set:
    with app_ctx.db.reading() as conn:
        return set(conn.execute("SELECT p.full_name, c.name FROM person p JOIN membership m ON m.person_id = p.id "
                                "AND m.is_deleted = 0 JOIN household h ON h.id = m.household_id "
                                "JOIN compound c ON c.id = h.compound_id WHERE p.is_deleted = 0").fetchall())


def test_the_sheets_are_chosen_by_keyboard_and_each_goes_to_its_own_compound(qtbot, qt_zh, app_ctx, tmp_path,
                                                                            monkeypatch):
    """Every sheet's rows went into the first sheet's compound (和平里's people registered in
    幸福里小区), and there was no way to leave a sheet out."""
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    path = write_book(tmp_path / "两个小区.xlsx", {
        "幸福里小区": [["幸福里小区居民台账"], HEAD, ["王一", make_resident_id("420106", date(1980, 1, 1), 1, True),
                                                   "户主", "3", "1", "101"]],
        "和平里小区": [["和平里小区居民台账"], HEAD, ["赵二", make_resident_id("420106", date(1981, 1, 1), 2, True),
                                                   "户主", "5", "1", "201"]],
        "说明": [["填表说明：身份证号码填18位"]],
        "已迁出": [HEAD, ["钱三", make_resident_id("420106", date(1982, 1, 1), 3, True), "户主", "3", "1", "102"]]})
    from openpyxl import load_workbook
    book = load_workbook(path)
    book["已迁出"].sheet_state = "hidden"
    book.save(path)
    w = _wizard(qtbot, app_ctx, path)
    w.check()
    assert w.sheet_box.isVisibleTo(w) and w.sheet_list.count() == 4
    first, second, note, moved = (w.sheet_list.item(i) for i in range(4))
    assert "在Excel里是隐藏的" in moved.text() and moved.checkState() == Qt.Unchecked
    assert "隐藏的工作表没有导入（如需导入，请在左边的工作表列表里勾选）：已迁出" in w.summary.text()
    assert "幸福里小区 — 1行 — 户籍台账（幸福里小区）" in first.text() and first.checkState() == Qt.Checked
    assert "户籍台账（和平里小区）" in second.text() and second.checkState() == Qt.Checked
    assert "不是台账" in note.text() and "没有找到表头" in note.text() and not note.flags() & Qt.ItemIsEnabled
    w.sheet_list.setFocus()
    qtbot.keyClick(w.sheet_list, Qt.Key_Down)                 # to 和平里小区
    qtbot.keyClick(w.sheet_list, Qt.Key_Space)                # unchecked
    assert second.checkState() == Qt.Unchecked
    apply = w.findChild(type(w.check_button), "apply_sheets")
    apply.setFocus()
    qtbot.keyClick(apply, Qt.Key_Space)
    assert [w.model.data(w.model.index(r, 3)) for r in range(w.model.rowCount())] == ["王一"]
    assert "没有勾选" in w.sheet_list.item(1).text()
    w.start_import()
    assert _people(app_ctx) == {("王一", "幸福里小区")}
    w.sheets = None                                          # every register sheet again: each its own compound
    w.check()
    w.start_import()
    assert _people(app_ctx) == {("王一", "幸福里小区"), ("赵二", "和平里小区")}


def test_a_web_page_saved_as_xls_is_previewed_and_imported_in_the_window(qtbot, qt_zh, app_ctx, tmp_path,
                                                                         monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from tests.excel.test_web_exports import PAGE
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    path = tmp_path / "系统导出.xls"
    path.write_bytes(PAGE.encode("gbk"))
    w = _wizard(qtbot, app_ctx, path)
    w.check()
    assert w.model.rowCount() == 2 and not w.sheet_box.isVisibleTo(w) and "网页" not in w.summary.text()
    w.start_import()
    assert _people(app_ctx) == {("张建国", "幸福里小区"), ("李秀梅", "幸福里小区")}


def test_a_register_only_on_a_hidden_sheet_is_chosen_in_the_list_after_the_refusal(qtbot, qt_zh, app_ctx, tmp_path):
    """The file was refused ('只在隐藏的工作表里找到内容… 在Excel中取消隐藏') and the window
    offered no way to take the hidden sheet; the list now comes with the refusal."""
    path = write_book(tmp_path / "隐藏.xlsx", {
        "说明": [["填表说明"]],
        "居民": [["幸福里小区居民台账"], HEAD, ["王一", make_resident_id("420106", date(1980, 1, 1), 1, True),
                                            "户主", "3", "1", "101"]]})
    from openpyxl import load_workbook
    book = load_workbook(path)
    book["居民"].sheet_state = "hidden"
    book.save(path)
    w = _wizard(qtbot, app_ctx, path)
    w.check()
    assert "只在隐藏的工作表（居民）里找到内容" in w.summary.text() and w.plan is None
    assert "按勾选的工作表重新检查" in w.summary.text() and "命令行" not in w.summary.text()   # the window's own words
    assert w.sheet_box.isVisibleTo(w) and "在Excel里是隐藏的" in w.sheet_list.item(1).text()
    w.sheet_list.setFocus()
    qtbot.keyClick(w.sheet_list, Qt.Key_Down)
    qtbot.keyClick(w.sheet_list, Qt.Key_Space)
    w.findChild(type(w.check_button), "apply_sheets").click()
    assert w.model.rowCount() == 1 and w.import_button.isEnabled()
    from desktop.errors import InputError
    from desktop.excel.importer import plan_import
    with pytest.raises(InputError) as refused:        # the command line names its option instead
        plan_import(app_ctx, path)
    assert "--sheet 居民" in refused.value.command


def test_a_file_whose_one_sheet_is_a_staff_list_offers_it_in_the_list_the_refusal_names(qtbot, qt_zh, app_ctx,
                                                                                         tmp_path):
    """A phone list on Sheet1 (姓名/电话/职务) was refused with "请在左边的工作表列表里勾选它", and no
    list was there: it showed only for a file of two sheets or more, so the clerk could not
    import it. The list shows its one sheet, unchecked, to check."""
    path = write_book(tmp_path / "通讯录.xlsx", {"Sheet1": [["姓名", "电话", "职务"], ["周书记", "13800138001", "书记"]]})
    w = _wizard(qtbot, app_ctx, path)
    w.compound_combo.setEditText("幸福里小区")
    w.check()
    assert "请在左边的工作表列表里勾选它" in w.summary.text() and w.plan is None
    assert w.sheet_box.isVisibleTo(w) and w.sheet_list.item(0).checkState() == Qt.Unchecked
    w.sheet_list.setFocus()
    qtbot.keyClick(w.sheet_list, Qt.Key_Space)
    w.findChild(type(w.check_button), "apply_sheets").click()
    assert w.model.rowCount() == 1 and w.import_button.isEnabled()
