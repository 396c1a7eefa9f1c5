"""The import wizard on hostile ledgers (see tests/excel/test_hostile_ledgers.py): each is
checked without a traceback, and a file that is refused leaves nothing of the last file to import."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.idnumber import make_resident_id
from tests.conftest import type_text
from tests.excel.conftest import write_book
from ui.dialogs.import_wizard import ImportWizard
from ui.events import DataEvents
from ui.workers.task import InlineRunner

pytestmark = pytest.mark.gui


def _id(i: int) -> str:
    return make_resident_id("420106", date(1980, 1 + i % 12, 1 + i), 100 + i, True)


@pytest.fixture
def wizard(qtbot, qt_zh, app_ctx):
    w = ImportWizard(app_ctx, DataEvents(), None)
    w.runner = InlineRunner()
    w.compound_combo.setEditText("幸福里小区")
    qtbot.addWidget(w)
    return w


def _check(wizard, path):
    wizard.file_edit.setText(str(path))
    wizard.check()


def test_a_refused_file_leaves_nothing_of_the_file_checked_before_it_to_import(wizard, app_ctx, tmp_path):
    """The clerk checks one ledger, then chooses another that is refused (only its header):
    the red message said so, but the first file's rows stayed in the preview and 导入 imported
    them, as if they were the second file's."""
    good = write_book(tmp_path / "一号楼.xlsx", {"Sheet1": [["姓名", "身份证号", "楼栋", "房号"],
                                                         ["李华", _id(1), 1, 101]]})
    empty = write_book(tmp_path / "二号楼.xlsx", {"Sheet1": [["姓名", "身份证号", "楼栋", "房号"]]})
    _check(wizard, good)
    assert wizard.import_button.isEnabled()
    _check(wizard, empty)
    assert "只有表头" in wizard.summary.text()
    assert not wizard.import_button.isEnabled()
    assert wizard.import_button.text() == "导入"            # not '导入1行正确数据', the first file's
    assert wizard.model.rowCount() == 0


def test_a_cell_of_thousands_of_characters_does_not_hide_the_other_rows(wizard, tmp_path):
    """A note pasted whole (5,000 characters) made its row taller than the preview: the clerk
    saw one row of text and none of the others, nor the row in red below it."""
    path = write_book(tmp_path / "台账.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "楼栋", "房号", "备注"],
        ["𠮷野家", _id(1), 7, 101, "长" * 5000],
        ["王䶮", _id(2), 7, 102, "😀"],
        ["名" * 5000, _id(3), 7, 103, ""]]})
    wizard.resize(1200, 700)
    wizard.show()
    _check(wizard, path)
    table = wizard.table
    assert wizard.model.rowCount() == 3
    last = wizard.model.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


def test_a_stray_cell_far_to_the_right_does_not_make_16384_columns_to_map(wizard, tmp_path):
    """One cell typed by mistake in column XFD made every row 16,384 cells wide: the wizard
    built a choice for each column and froze for about two minutes."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号", "楼栋", "房号", None])
    ws.append(["李华", _id(1), 1, 101, "没有表头的一列"])
    ws["XFD2"] = "x"
    book.save(tmp_path / "台账.xlsx")
    _check(wizard, tmp_path / "台账.xlsx")
    assert wizard.model.rowCount() == 1
    assert wizard.mapping_table.rowCount() == 5          # the four columns, and the unlabelled one beside them


def test_the_summary_counts_the_rows_kept_with_something_to_check(wizard, tmp_path):
    """A row kept with a flag (a hidden row, a remark after a name) is yellow; among thousands
    of rows the clerk saw only '0行有错误' and imported without looking (the command line
    said '1 to check')."""
    path = write_book(tmp_path / "台账.xlsx", {"Sheet1": [
        ["姓名", "身份证号", "楼栋", "房号"], ["张三（已故）", _id(1), 1, 101], ["李华", _id(2), 1, 102]]})
    _check(wizard, path)
    assert "其中1行要导入的数据有需要核对的地方（黄色）" in wizard.summary.text()


def _shown(label) -> str:
    """What the clerk reads in a rich-text label."""
    from PySide6.QtGui import QTextDocument
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_a_file_name_with_angle_brackets_and_ampersand_is_shown_as_named(wizard, tmp_path):
    """A file called 'a<b&c.xlsx' that cannot be opened: the red message took '<b&c…' for a
    tag and showed 打不开“a and nothing after it, the name the clerk had to find."""
    path = tmp_path / "a<b&c.xlsx"
    path.write_bytes(b"\x00\x01 not a workbook \x02" * 10)
    _check(wizard, path)
    assert "“a<b&c.xlsx”" in _shown(wizard.summary)


def _small_ledger(path):
    return write_book(path, {"Sheet1": [["姓名", "身份证号", "楼栋", "房号"], ["李华", _id(1), 1, 101]]})


def test_a_ledger_open_in_excel_is_said_to_be_read_as_it_was_last_saved(wizard, tmp_path):
    """The clerk typed corrections in Excel and checked the file without saving it: the window
    showed the old rows as if they were all there (Excel's '~$台账.xlsx' lay beside it)."""
    path = _small_ledger(tmp_path / "台账.xlsx")
    (tmp_path / "~$台账.xlsx").write_bytes(b"\x04Wang" + b" " * 50)
    _check(wizard, path)
    shown = _shown(wizard.summary)
    assert "可能正在Excel或WPS里打开" in shown and "还没保存的修改不会导入" in shown
    assert "先在Excel或WPS里保存并关闭它，再点“检查文件”" in shown
    assert wizard.model.rowCount() == 1                      # the saved rows are still shown


def test_excel_s_own_lock_file_chosen_by_mistake_names_the_ledger_beside_it(wizard, tmp_path):
    """'~$台账.xlsx' (Excel's note of who has 台账.xlsx open) chosen in the file dialog: the window
    said the file was damaged and to re-save it in Excel, which cannot open it."""
    _small_ledger(tmp_path / "台账.xlsx")
    lock = tmp_path / "~$台账.xlsx"
    lock.write_bytes(b"\x04Wang" + b" " * 50)
    _check(wizard, lock)
    shown = _shown(wizard.summary)
    assert "临时文件" in shown and "请选择旁边的“台账.xlsx”本身" in shown
    assert "损坏" not in shown


def test_a_ledger_moved_after_it_was_chosen_is_said_with_its_folder_and_what_to_do(wizard, tmp_path):
    """The stick was pulled (or the file moved) between choosing and checking: the window said
    only '找不到文件：E:\\…' and not what to do."""
    path = _small_ledger(tmp_path / "台账.xlsx")
    wizard.file_edit.setText(str(path))
    path.unlink()
    wizard.check()
    shown = _shown(wizard.summary)
    assert f"找不到文件“台账.xlsx”（在 {tmp_path} 文件夹里）" in shown
    assert "重新选择这个文件" in shown
    assert not wizard.import_button.isEnabled()


def test_a_name_merged_over_two_columns_keeps_the_second_header_row_out_of_the_residents(wizard, tmp_path):
    """姓名 merged over 现用名 | 曾用名 and 住址 over 楼栋 | 单元 | 房号: the second header row was
    a new resident named 现用名 living at '楼栋', and each resident's address was the compound
    alone (an update that dropped the building and room already registered)."""
    path = write_book(tmp_path / "台账.xlsx", {"台账": [
        ["姓名", None, "身份证号码", "住址", None, None],
        ["现用名", "曾用名", None, "楼栋", "单元", "房号"],
        ["李华", "李花", _id(1), 3, 2, 501], ["王芳", "", _id(2), 3, 2, 502]]},
        merged={"台账": ["A1:B1", "C1:C2", "D1:F1"]})
    _check(wizard, path)
    model = wizard.model
    columns = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert model.rowCount() == 2
    assert [model.data(model.index(r, columns.index("姓名"))) for r in range(2)] == ["李华", "王芳"]
    assert [model.data(model.index(r, columns.index("门牌号"))) for r in range(2)] == ["501", "502"]
    assert "曾用名" in _shown(wizard.summary)             # the second name column: said, not imported


def test_a_name_kept_as_surname_and_given_name_under_a_merged_name_is_imported_whole(wizard, app_ctx, tmp_path,
                                                                                       monkeypatch):
    """姓名 merged over 姓 | 名: the row 姓 | 名 was a resident named 姓, every resident was
    imported as 张 or 欧阳 alone, and a notice said the 名 column was not imported. Now the two
    are one name; a row with one part is kept, yellow, saying which part is missing."""
    from PySide6.QtWidgets import QMessageBox
    from ui.models.import_preview_model import WARNING_CELL
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    path = write_book(tmp_path / "台账.xlsx", {"台账": [
        ["姓名", None, "身份证号码", "楼栋", "单元", "房号"],
        ["姓", "名", None, None, None, None],
        ["张", "三", _id(1), 3, 2, 501], ["欧阳", "", _id(2), 3, 2, 502], [None, "小明", _id(3), 3, 2, 503],
        [None, None, _id(4), 3, 2, 504], ["李", "四", "42010619800101123", 3, 2, 505], [None, "王小红", _id(6), 3, 2, 506],
        ["赵大宝", None, _id(7), 3, 2, 507]]},             # 姓 and 名 merged into one cell for the whole name
        merged={"台账": ["A1:B1", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "A9:B9"]})
    _check(wizard, path)
    model = wizard.model
    columns = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    name = columns.index("姓名")
    assert [model.data(model.index(r, name)) for r in range(model.rowCount())] == [
        "张三", "欧阳", "小明", "", "李四", "王小红", "赵大宝"]
    reasons = [model.data(model.index(r, model.REASON_COLUMN)) for r in range(model.rowCount())]
    assert "名（B4格是空的），按“欧阳”导入，请核对并补上名" in reasons[1]
    assert "没有姓（A5格是空的），按“小明”导入，请核对并补上姓" in reasons[2]
    assert reasons[3] == "请填写姓名。" and "校验位" not in reasons[4] and "18位" in reasons[4]
    assert reasons[5] == "姓名“王小红”整个写在了名一格（B8格）里，姓（A8格）是空的，按“王小红”导入，请核对。"
    assert not reasons[6]
    assert [model.data(model.index(r, name), Qt.BackgroundRole) is not None and
            model.data(model.index(r, name), Qt.BackgroundRole).color() == WARNING_CELL for r in range(3)
            ] == [False, True, True]
    assert "没有导入" not in _shown(wizard.summary)        # no column left out
    means = wizard.mapping_table.cellWidget(1, 1)
    assert means.currentText() == "名"
    wizard.start_import()
    with app_ctx.db.reading() as conn:
        names = [row[0] for row in conn.execute("SELECT full_name FROM person WHERE is_deleted = 0 ORDER BY full_name")]
    assert sorted(names) == sorted(["张三", "欧阳", "小明", "王小红", "赵大宝"])


def test_ten_sheets_of_the_same_troubles_leave_the_rows_and_import_button_on_a_768_pixel_screen(wizard, qtbot, tmp_path):
    """一组 … 十组, each with an ID number Excel kept as a number and a second address column:
    the same notices twenty times made the summary a page of red, the window 1,030 pixels tall,
    the counts and the Import button below the screen. Each notice is said once for the file,
    naming the sheets, and the summary scrolls past seven lines."""
    sheets = {f"{k}组": [["姓名", "身份证号码", "楼栋", "房号", "住址", "现住址"],
                        [f"甲{k}", 4.20106198001011E+17, 1, 101, "幸福里", "幸福里1栋"],
                        [f"乙{k}", _id(k), 1, 102, "幸福里", "幸福里1栋"]] for k in range(1, 11)}
    path = write_book(tmp_path / "十个组.xlsx", sheets)
    wizard.resize(1024, 768)
    wizard.show()
    _check(wizard, path)
    qtbot.wait(1)                                              # the layout takes the new summary
    shown = _shown(wizard.summary)
    assert shown.count("被存成了数字") == 1 and "、“10组”的“身份证号码”（B列）有10个身份证号码" in shown
    assert shown.count("也像是“住址”") == 1 and "、“10组”的F列“现住址”" in shown
    assert "共检查20行" in shown
    assert wizard.layout().minimumSize().height() <= 700
    assert wizard.table.height() >= 200


def test_a_new_compound_typed_then_enter_checks_again_and_imports_nothing(wizard, qtbot, app_ctx, tmp_path, monkeypatch):
    """Checked for 幸福里小区, the clerk typed 阳光花园 in the 小区 box and pressed Enter to check
    again: Enter pressed the default button, Import, and the rows went to 幸福里小区."""
    from PySide6.QtWidgets import QMessageBox
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    _check(wizard, _small_ledger(tmp_path / "台账.xlsx"))
    wizard.show()
    edit = wizard.compound_combo.lineEdit()
    edit.selectAll()
    type_text(edit, "阳光花园")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert app_ctx.register.totals()["people"] == 0 and told == []
    assert "阳光花园" in _shown(wizard.summary) and wizard.model.rowCount() == 1     # its rows, checked for it
