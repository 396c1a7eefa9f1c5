"""The import wizard as a clerk uses it: check a ledger, see errors in red, import, cancel."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.idnumber import make_resident_id
from tests.conftest import type_text
from tests.excel.conftest import sample, write_book  # noqa: F401 (fixture)
from ui.dialogs.import_wizard import ImportWizard
from ui.events import DataEvents
from ui.models.import_preview_model import ERROR_CELL, ERROR_TEXT
from ui.workers.task import InlineRunner, Task, ThreadRunner

pytestmark = pytest.mark.gui


def _ledger(tmp_path, n=3, bad=True):
    rows = [["居民台账"], ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系"]]
    for i in range(n):
        rows.append([f"居民{i}", make_resident_id("420106", date(1980, 1, 1) + timedelta(days=i), i % 499, True), "13800138000",
                     "1", "1", f"{101 + i}", "户主"])
    if bad:
        rows.append(["坏号码", 4.20106198001e17, "1380013800", "1", "1", "201", "户主"])
    return write_book(tmp_path / "ledger.xlsx", {"台账": rows})


@pytest.fixture
def wizard(qtbot, qt_zh, small_community, app_ctx, tmp_path):
    events = DataEvents()
    w = ImportWizard(app_ctx, events, None, path=_ledger(tmp_path))
    w.runner = InlineRunner()
    w.compound_combo.setEditText("幸福里小区")
    qtbot.addWidget(w)
    w.events_seen = []
    events.changed.connect(w.events_seen.append)
    return w


def test_the_preview_shows_errors_in_red_with_the_reason(wizard, qtmodeltester):
    wizard.check()
    model = wizard.model
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert "共检查4行：新增3行" in wizard.summary.text() and "1行有错误" in wizard.summary.text()
    bad = model.rowCount() - 1
    assert model.data(model.index(bad, 1)) == "有错误，不导入"
    assert model.data(model.index(bad, 0, ), Qt.ForegroundRole).color() == ERROR_TEXT
    reason = model.data(model.index(bad, 2))
    assert "Excel" in reason and "手机号码应为11位" in reason
    assert "。；" not in reason                  # two messages: one full stop, at the end
    id_col = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("身份证号码")
    assert model.data(model.index(bad, id_col)) == "4.20106E+17"          # as Excel shows it
    assert model.data(model.index(bad, id_col), Qt.BackgroundRole).color() == ERROR_CELL
    assert model.data(model.index(0, 1)) == "新增"
    wizard.only_errors.setChecked(True)
    assert model.rowCount() == 1
    assert wizard.import_button.text() == "导入3行正确数据"


def test_importing_writes_the_good_rows_and_tells_the_window(wizard, app_ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    before = app_ctx.register.totals()["people"]
    wizard.check()
    wizard.start_import()
    assert app_ctx.register.totals()["people"] == before + 3
    assert wizard.events_seen == [frozenset({"register"})]
    assert "已导入3行" in wizard.summary.text() and "1行有错误，未导入" in wizard.summary.text()


def test_a_ledger_without_errors_is_never_said_to_have_0_rows_with_errors(qtbot, qt_zh, small_community, app_ctx,
                                                                          tmp_path, monkeypatch):
    """The preview said "0行有错误" in bold red, and the done message "；0行有错误，未导入。", of a
    ledger that had none; a clerk looked for errors that were not there."""
    from PySide6.QtWidgets import QMessageBox
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    w = ImportWizard(app_ctx, DataEvents(), None, path=_ledger(tmp_path, bad=False))
    w.runner = InlineRunner()
    w.compound_combo.setEditText("幸福里小区")
    qtbot.addWidget(w)
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    assert "共检查3行：新增3行" in w.summary.text() and "错误" not in w.summary.text()
    qtbot.mouseClick(w.import_button, Qt.LeftButton)
    assert told == [w.summary.text()] and told[0].startswith("已导入3行（新增3行") and "错误" not in told[0]


def test_rows_with_errors_are_saved_to_fix(wizard, tmp_path):
    from openpyxl import load_workbook
    wizard.check()
    out = tmp_path / "errors.xlsx"
    wizard.write_rejects_to(out)
    ws = load_workbook(out).active
    assert ws.max_row == 3 and ws["A1"].value == "居民台账" and ws["A3"].value == "坏号码"


def test_rows_with_errors_can_still_be_saved_after_the_import(wizard, tmp_path, monkeypatch):
    """The clerk imports first and then wants the bad rows to fix: the button stays, and the
    file holds them (it was greyed out once the import ran)."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    wizard.check()
    wizard.start_import()
    assert "已导入3行" in wizard.summary.text() and "1行有错误，未导入" in wizard.summary.text()
    assert wizard.rejects_button.isEnabled() and not wizard.import_button.isEnabled()
    out = tmp_path / "errors.xlsx"
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    wizard.rejects_button.click()                  # the button did nothing once the import ran
    assert out.exists()
    ws = load_workbook(out).active
    assert ws.max_row == 3 and ws["A3"].value == "坏号码"


def test_a_corrected_mapping_is_checked_again(wizard):
    wizard.check()
    combo = wizard.mapping_table.cellWidget(2, 1)             # 联系电话 -> not imported
    combo.setCurrentIndex(0)
    wizard.check_with_mapping()
    assert "phone" not in wizard.plan.sheets[0].mapping.values()
    assert wizard.plan.bad[0].reason.count("手机") == 0


def test_cancel_in_a_background_import_changes_nothing(qtbot, qt_zh, small_community, app_ctx, tmp_path):
    w = ImportWizard(app_ctx, DataEvents(), None, path=_ledger(tmp_path, 1500))
    qtbot.addWidget(w)
    w.compound_combo.setEditText("幸福里小区")
    w.runner = InlineRunner()
    w.check()
    before = app_ctx.register.totals()
    w.runner = ThreadRunner()
    w.start_import()
    w.cancel()                                  # pressed at once: the transaction rolls back
    qtbot.waitUntil(lambda: w.cancel_button.isHidden(), timeout=30_000)
    w.runner.wait()
    if "取消" in w.summary.text():
        assert app_ctx.register.totals() == before
    else:                                        # the import had finished before the press
        assert app_ctx.register.totals()["people"] == before["people"] + 1500


def test_a_task_reports_failure_on_the_ui_thread(qtbot):
    got = []
    task = Task(lambda progress, cancelled: 1 / 0)
    task.failed.connect(got.append)
    InlineRunner().start(task)
    assert isinstance(got[0], ZeroDivisionError)


def test_a_gate_log_is_previewed_and_imported(qtbot, qt_zh, app_ctx, sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    w = ImportWizard(app_ctx, DataEvents(), None, path=sample("gate_log_village.xlsx"))
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    w.check()
    assert w.plan.kind == "gate" and len(w.plan.bad) == 22
    w.start_import()
    assert "528" in w.summary.text()


def test_when_every_row_is_through_the_bar_says_finishing_and_cancel_is_off(wizard):
    """The last seconds of a big import (saving in one go) cannot be cancelled halfway: the bar
    says so instead of sitting at 100 % with a cancel button that would do nothing."""
    wizard._set_busy(True)
    wizard._progress(500, 1000)
    assert wizard.cancel_button.isEnabled() and wizard.progress.format() == "%p%"
    wizard._progress(1000, 1000)
    assert wizard.progress.format() == "即将完成，请稍候…" and not wizard.cancel_button.isEnabled()
    wizard._set_busy(True)                      # the next run starts cancellable again
    assert wizard.cancel_button.isEnabled() and wizard.progress.format() == "%p%"


def _ledger_of_errors(tmp_path, n=24):
    """A ledger where every row has a wrong ID number and a short phone: long reasons."""
    rows = [["居民台账"], ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系"]]
    rows += [[f"居民{i}", f"42010619800101{i:03d}", "1380013800", "1", "1", f"{101 + i}", "户主"] for i in range(n)]
    return write_book(tmp_path / "errors.xlsx", {"台账": rows})


def _checked_at_1024(qtbot, app_ctx, path) -> ImportWizard:
    """The wizard shown 784 pixels wide (a 1024×768 screen), ``path`` checked for 幸福里小区."""
    w = ImportWizard(app_ctx, DataEvents(), None, path=path)
    w.runner = InlineRunner()
    w.compound_combo.setEditText("幸福里小区")
    qtbot.addWidget(w)
    w.resize(784, 720)
    with qtbot.waitExposed(w):
        w.show()
    w.check()
    return w


def test_a_ledger_full_of_errors_shows_many_rows_and_each_reason_whole(qtbot, qt_zh, small_community, app_ctx,
                                                                      tmp_path):
    """At 1024×768 a ledger full of errors showed about 9 rows: each reason wrapped over four
    lines. A row is one line, its reason ends in "…"; hovering shows it whole, and so does the
    pane under the rows for the row chosen with the arrow keys. The reason column followed the
    wizard's size only at the next check: it is refitted when the wizard is resized."""
    w = _checked_at_1024(qtbot, app_ctx, _ledger_of_errors(tmp_path))
    table, model = w.table, w.model
    assert model.rowCount() == 24 and "24行有错误" in w.summary.text()
    in_view = table.rowAt(table.viewport().height() - 1) - table.rowAt(0)
    assert in_view >= 18, in_view
    reason = model.data(model.index(1, 2))
    assert len(reason) > 30 and table.fontMetrics().horizontalAdvance(reason) > table.columnWidth(2)
    assert model.data(model.index(1, 2), Qt.ToolTipRole) == reason
    id_column = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("身份证号码")
    assert model.data(model.index(1, id_column), Qt.ToolTipRole).split("\n") == [
        "42010619800101001", "身份证号码应为18位，现在是17位：42010619800101001"]      # a cell whole, then why
    table.setFocus()                               # the first row is current as the keys come in
    assert table.currentIndex().row() == 0 and w.reason_pane.text().endswith(model.data(model.index(0, 2)))
    qtbot.keyClick(table, Qt.Key_Down)
    row = table.currentIndex().row()
    assert row == 1 and w.reason_pane.text().endswith(reason) and w.reason_pane.text().startswith("第 ")
    pane = w.reason_pane
    assert pane.heightForWidth(pane.width()) <= pane.height()             # read whole, not cut
    narrow = table.columnWidth(2)
    w.resize(1340, 720)
    qtbot.waitUntil(lambda: table.columnWidth(2) > narrow)
    assert table.columnWidth(2) <= table.fontMetrics().horizontalAdvance(reason) + 40    # no wider than its text
    wide = table.columnWidth(2)
    w.only_errors.setChecked(True)                 # the same rows, the columns as they were
    assert table.columnWidth(2) == wide and w.reason_pane.text().startswith("点一行")


def test_a_register_ledger_checked_as_a_care_list_says_so_once_above_the_rows(wizard, qtbot, app_ctx, capsys):
    """The clerk left the kind on 关爱名单 and chose the register ledger: one message names the
    kind the file is, instead of the same refusal on every row. It names the window's kind box
    (it said "（命令行用 --kind register）" to a clerk who has no command line); the command line
    names its option."""
    from desktop.cli import main
    wizard.kind_combo.setCurrentIndex(wizard.kind_combo.findData("care"))
    qtbot.mouseClick(wizard.check_button, Qt.LeftButton)
    text = wizard.summary.text()
    assert "看起来是户籍台账，不是关爱名单" in text and "没有“关爱类别”这一列" in text
    assert "请在上方“台账类型”里改选“户籍台账”，再点“检查文件”" in text
    assert "--kind" not in text and "命令行" not in text
    assert text.index("看起来是") < text.index("4")                    # above the counts
    wizard.kind_combo.setCurrentIndex(wizard.kind_combo.findData("register"))      # as it says
    qtbot.mouseClick(wizard.check_button, Qt.LeftButton)
    assert "看起来是" not in wizard.summary.text() and wizard.model.rowCount() == 4
    assert main(["import", wizard.file_edit.text(), "--db", str(app_ctx.db.path), "--kind", "care", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert "注意：这个文件看起来是户籍台账" in err and "请改用 --kind register；" in err and "台账类型”里" not in err


def test_a_contact_list_beside_the_register_is_named_above_the_rows_and_not_previewed(
        qtbot, qt_zh, small_community, app_ctx, tmp_path):
    """A 网格员 phone list on the first sheet was previewed (and imported) as residents, and its
    columns filled the columns pane instead of the register's."""
    path = write_book(tmp_path / "台账.xlsx", {
        "网格员通讯录": [["姓名", "电话", "楼栋"], ["周网格", "13800138001", "3"]],
        "居民": [["姓名", "身份证号码", "与户主关系", "楼栋", "单元", "房号"],
               ["王芳", make_resident_id("420106", date(1980, 1, 1), 1, False), "户主", "3", "2", "502"]]})
    w = ImportWizard(app_ctx, DataEvents(), None, path=path)
    w.runner = InlineRunner()
    w.compound_combo.setEditText("幸福里小区")
    qtbot.addWidget(w)
    w.check()
    assert w.model.rowCount() == 1 and "王芳" in [w.model.data(w.model.index(0, c)) for c in range(w.model.columnCount())]
    assert w.mapping_table.rowCount() == 6
    text = w.summary.text()
    assert "工作表“网格员通讯录”没有导入" in text and "户籍台账是工作表“居民”" in text
    # how to import it all the same, in the window's words (it said "（命令行用 --sheet 网格员通讯录，…）")
    assert "请在左边的工作表列表里勾选它，再点“按勾选的工作表重新检查”" in text
    assert "--sheet" not in text and "命令行" not in text
    w.sheet_list.setFocus()                             # as it says: the list's first sheet, Space, check again
    qtbot.keyClick(w.sheet_list, Qt.Key_Space)
    w.findChild(type(w.check_button), "apply_sheets").click()
    assert w.model.rowCount() == 2 and "没有导入" not in w.summary.text()


@pytest.mark.parametrize("name", ["台账.xlsx", "台账.xls"])
def test_an_empty_file_is_said_to_be_empty_not_damaged(qtbot, qt_zh, small_community, app_ctx, tmp_path,
                                                       monkeypatch, name):
    """A ledger of 0 bytes (a copy cut short) was "无法打开这个Excel文件……已损坏": the clerk re-saved
    in Excel a file that holds nothing. It is said to be empty, and why it may be."""
    from PySide6.QtWidgets import QFileDialog, QPushButton
    empty = tmp_path / name
    empty.write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(empty), ""))
    w = ImportWizard(app_ctx, DataEvents(), None)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    choose = next(b for b in w.findChildren(QPushButton) if b.text() == "选择文件…")
    qtbot.mouseClick(choose, Qt.LeftButton)
    shown = w.summary.text()
    assert f"文件“{name}”是空的（0字节）" in shown and "没有复制完整" in shown
    assert "无法打开" not in shown and "已损坏" not in shown
    assert w.model.rowCount() == 0 and not w.import_button.isEnabled()
    qtbot.wait(1)
    w.grab().save(str(tmp_path / "empty.png"))


def test_the_columns_pane_shows_each_column_and_its_meaning_whole(qtbot, qt_zh, app_ctx, sample):
    """The old compound's ledger checked in a wizard 784 pixels wide (a 1024×768 screen): every
    file column's name and what it is read as are shown whole, not cut to 身份证 / 联系电…"""
    w = ImportWizard(app_ctx, DataEvents(), None, path=sample("register_old_compound.xlsx"))
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    w.check()
    w.resize(784, 720)
    qtbot.wait(20)
    table = w.mapping_table
    assert table.rowCount() > 10
    for r in range(table.rowCount()):
        for c in (0, 1):
            cell = table.cellWidget(r, c)
            assert cell.width() >= cell.sizeHint().width(), (r, c, cell.width(), cell.sizeHint().width())
    assert table.viewport().width() >= table.columnWidth(0) + table.columnWidth(1)


def test_a_typed_gate_sheet_without_a_day_asks_for_it_in_the_preview(qtbot, qt_zh, small_community, app_ctx,
                                                                     tmp_path, monkeypatch):
    """The printed gate sheet has its day in the heading only: every typed row was red with
    "请填写日期" and nothing could be done in the window. Now a date field asks for the day
    (nothing is imported before), and the rows are checked and imported as of it."""
    from PySide6.QtWidgets import QMessageBox
    from desktop.gate.log import day_entries
    from tests.excel.test_printed_gate_sheet import BLANK_DAY, GUARD_ROWS, _typed_sheet
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    w = ImportWizard(app_ctx, DataEvents(), None, path=_typed_sheet(tmp_path / "g.xlsx", BLANK_DAY, GUARD_ROWS))
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    w.kind_combo.setCurrentIndex(w.kind_combo.findData("gate"))
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    assert w.day_edit.isVisible() and w.day_edit.text() == "" and not w.import_button.isEnabled()
    assert "没有日期列" in w.day_hint.text()
    type_text(w.day_edit, "2020-02-14")
    assert w.plan.day == date(2020, 2, 14) and len(w.plan.good) == 4 and w.import_button.isEnabled()
    assert "按这一天导入" in w.day_hint.text()
    qtbot.mouseClick(w.import_button, Qt.LeftButton)
    assert len(day_entries(app_ctx.db, "2020-02-14")) == 4


def test_a_long_warning_leaves_the_name_and_the_address_in_sight_at_1024(qtbot, qt_zh, small_community, app_ctx,
                                                                         tmp_path):
    """A ledger with nothing wrong but one cell of two phones, checked in a wizard 784 pixels wide
    (a 1024×768 screen): that row's warning made 原因 420 pixels wide, 姓名 was at the view's
    right edge and 住址 out of it. The reason now wraps in what the ledger's columns leave."""
    rows = [["居民台账"], ["姓名", "身份证号码", "联系电话", "住址"]]
    for i in range(3):
        rows.append([f"居民{i}", make_resident_id("420106", date(1980, 1, 1) + timedelta(days=i), i, True),
                     "13800138000" + (" 13900139000" if i == 1 else ""), f"1栋1单元{101 + i}"])
    w = _checked_at_1024(qtbot, app_ctx, write_book(tmp_path / "ledger.xlsx", {"台账": rows}))
    model, table = w.model, w.table
    assert "共检查3行" in w.summary.text() and "错误" not in w.summary.text()         # none: not said
    assert "多个电话" in model.data(model.index(1, 2))
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    name, address = headers.index("姓名"), headers.index("住址")
    room = table.viewport().width()
    assert table.columnViewportPosition(name) + table.columnWidth(name) <= room           # whole
    assert table.columnViewportPosition(address) + table.fontMetrics().horizontalAdvance("幸福里小区") <= room


def test_in_english_the_result_column_says_what_each_row_will_do(wizard, qtbot, qt_zh, tmp_path, monkeypatch):
    """In the English window the preview's Result column said 新增, 更新：联系电话, 无变化 and
    有错误，不导入 (desktop made the words), and the pane under the rows "Row 6, 有错误，不导入: …".
    The window says them in its language, the fields an update changes and the coded values
    (户主) too, as its headers; the reasons stay the importer's Chinese."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from ui import i18n
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    wizard.check()
    wizard.start_import()
    (tmp_path / "again").mkdir()
    again = _ledger(tmp_path / "again")             # the same ledger, the first resident's phone changed
    book = load_workbook(again)
    book.active["C3"] = "13900139000"
    book.save(again)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(again), ""))
    wizard.choose_file()
    model = wizard.model
    for lang, said, pane, head in (
            ("en", ["Update: Phone", "No change", "No change", "Not imported"], "Row 6, Not imported: 身份证号码",
             "Head of household"),
            ("zh_CN", ["更新：联系电话", "无变化", "无变化", "有错误，不导入"], "第 6 行，有错误，不导入：身份证号码", "户主")):
        i18n.install_language(qt_zh, lang)
        qtbot.mouseClick(wizard.check_button, Qt.LeftButton)
        bad = model.rowCount() - 1
        wizard.table.setCurrentIndex(model.index(bad, 0))
        assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == said
        assert wizard.reason_pane.text().startswith(pane)
        assert model.data(model.index(0, model.columnCount() - 1)) == head          # 与户主关系


def test_a_village_csv_naming_no_group_is_told_to_choose_it_in_the_window(qtbot, qt_zh, app_ctx, tmp_path, capsys):
    """A village's CSV that names no 村民小组: the window said "（命令行用 --compound 名称）", an
    option nobody at the window can give. It names its own box now; the command line keeps its
    option."""
    from desktop import first_run as fr
    from desktop.cli import main
    fr.set_up_community(app_ctx, fr.CommunityPlan("李家坪村", "village", places_text="一组\n二组"))
    path = tmp_path / "花名册.csv"
    path.write_text("姓名,身份证号码,门牌号,与户主关系\n"
                    f"李建国,{make_resident_id('420106', date(1960, 3, 1), 11, True)},10号,户主\n", encoding="utf-8")
    w = ImportWizard(app_ctx, DataEvents(), None, path=path)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    said = w.summary.text()
    assert "没有写是哪个村民小组" in said and "请在上方“村民小组”框里选择或填写，再点“检查文件”" in said
    assert "命令行" not in said and "--compound" not in said
    w.compound_combo.setCurrentText("一组")              # as the window says: choose it, check again
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    assert w.model.rowCount() == 1 and "一组" in w.summary.text()
    app_ctx.close()
    assert main(["import", str(path), "--db", str(app_ctx.db.path)]) == 1
    err = capsys.readouterr().err
    assert "没有写是哪个村民小组" in err and "--compound 名称" in err and "框里" not in err


def test_in_english_the_columns_means_and_the_previews_headers_are_english(wizard, qt_zh):
    """In the English window the columns pane's "Means" choices and the preview's headers were
    desktop's Chinese labels (姓名, 身份证号码, 与户主关系 …). They are the window's words now; the
    Chinese window reads as before."""
    import re
    from ui import i18n

    def shown():
        wizard.check()
        table, model = wizard.mapping_table, wizard.model
        combos = [table.cellWidget(r, 1) for r in range(table.rowCount())]
        choices = [c.itemText(i) for c in combos for i in range(c.count())]
        return ([c.currentText() for c in combos], [model.headerData(c, Qt.Horizontal)
                                                     for c in range(3, model.columnCount())], choices)
    i18n.install_language(qt_zh, "en")
    means, headers, choices = shown()
    english = ["Name", "ID number", "Phone", "Building", "Unit", "Room", "Relation to head"]
    assert means == english and headers == english
    assert not [c for c in choices if re.search(r"[\u4e00-\u9fff]", c)]            # no Chinese choice left
    i18n.install_language(qt_zh, "zh_CN")
    means, headers, _ = shown()
    chinese = ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系"]
    assert means == chinese and headers == chinese


def test_the_windows_chinese_field_names_are_desktops(qt_zh):
    """The window's Chinese for each import field is the header desktop gives it (the command
    line's, the errors workbook's), a village's 组别 its 村民小组: every field of every kind."""
    from desktop.excel.columns import FIELDS, field_label
    from ui.import_fields import field_caption
    for kind, fields in FIELDS.items():
        for f in fields:
            for village in (False, True):
                assert field_caption(kind, f.key, village) == field_label(f, village), (kind, f.key)


def test_checking_a_long_ledger_fits_the_columns_from_its_first_rows(qtbot, qt_zh, app_ctx, sample, monkeypatch):
    """Fitting the preview's columns asked the model for every role of every cell of 1,000 rows
    (137,000 calls for the old compound's ledger): the window froze 4–5 s after 检查文件."""
    from ui.models.import_preview_model import ImportPreviewModel
    w = ImportWizard(app_ctx, DataEvents(), None, path=sample("register_old_compound.xlsx"))
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    asked, data = [], ImportPreviewModel.data
    monkeypatch.setattr(ImportPreviewModel, "data", lambda self, *a: asked.append(1) or data(self, *a))
    w.check()
    assert w.model.rowCount() > 300
    assert len(asked) < 30_000


def test_a_mapping_without_the_name_says_what_to_do_in_the_window_and_doing_it_checks_again(wizard, qtbot):
    """The clerk set 姓名 to （不导入）: the refusal said "请在列对应中指定哪一列是姓名", and setting it
    back and pressing 按此对应重新检查 did nothing (the refused check had left no plan). It names
    the pane and the button as the window shows them, and doing so checks the ledger again."""
    from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton
    wizard.check()
    again = next(b for b in wizard.findChildren(QPushButton) if b.text() == "按此对应重新检查")
    name = wizard.mapping_table.cellWidget(0, 1)
    assert name.currentText() == "姓名"
    name.setCurrentIndex(name.findText("（不导入）"))
    qtbot.mouseClick(again, Qt.LeftButton)
    assert ("工作表“台账”中没有找到“姓名”列，请在左边“列对应”里指定哪一列是“姓名”，再点“按此对应重新检查”。"
            in wizard.summary.text()) and wizard.model.rowCount() == 0
    assert "列对应" in [box.title() for box in wizard.findChildren(QGroupBox)]          # the words are the window's
    assert "登记日期：" in [label.text() for label in wizard.findChildren(QLabel)]     # (a gate sheet's missing day)
    name.setCurrentIndex(name.findText("姓名"))                                        # as it says
    qtbot.mouseClick(again, Qt.LeftButton)
    assert wizard.model.rowCount() == 4 and "没有找到" not in wizard.summary.text()


def test_a_care_row_to_update_says_update_not_update_and_nothing(qtbot, qt_zh, small_community, app_ctx, tmp_path):
    """A care list imported again with 张三 visited daily now: his Result said "更新：" and
    nothing after it (the care list's writer tells that a row changes, not which fields)."""
    from desktop.excel.importer import apply_import, plan_import
    zhang = small_community["people"]["张三"].id_number
    weekly = write_book(tmp_path / "c.xlsx", {"关爱": [["姓名", "身份证号", "类别", "走访频次"],
                                                       ["张三", zhang, "独居老人", "每周"]]})
    apply_import(app_ctx, plan_import(app_ctx, weekly, "care"))
    daily = write_book(tmp_path / "d.xlsx", {"关爱": [["姓名", "身份证号", "类别", "走访频次"],
                                                      ["张三", zhang, "独居老人", "每天"]]})
    w = ImportWizard(app_ctx, DataEvents(), None, path=daily)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    assert w.model.data(w.model.index(0, 1)) == "更新"


def test_people_of_an_earlier_care_ledger_a_new_helper_takes_are_said_after_the_import(
        qtbot, qt_zh, small_community, app_ctx, tmp_path, monkeypatch):
    """This care ledger gives 刘楼长's phone (for 张三); an earlier one named him 责任人 of 王大爷
    without it. He took 王大爷 too, and the done message said only 新增1行: it says so."""
    from PySide6.QtWidgets import QMessageBox
    from desktop.care.care_book import CareBook
    from desktop.care.notes import helper_to_add
    from desktop.care.records import SubjectForm
    people = small_community["people"]
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        people["王大爷"].id, SubjectForm(categories=("elder_alone",), note=helper_to_add("刘楼长")), date.today())
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次", "责任人", "责任人电话"],
        ["张三", people["张三"].id_number, "独居老人", "每周", "刘楼长", "13912340000"]]})
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    w = ImportWizard(app_ctx, DataEvents(), None, path=path)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    w.kind_combo.setCurrentIndex(w.kind_combo.findData("care"))
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    qtbot.mouseClick(w.import_button, Qt.LeftButton)
    assert told == [w.summary.text()] and told[0] == ("已导入1行（新增1行，更新0行，无变化0行）。"
                                                      " 另有1人改由刘楼长帮扶（以前导入的台账写了刘楼长是责任人，当时没有电话）。")
