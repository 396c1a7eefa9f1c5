"""The Excel page: opens the wizard, exports lists (masked on request)."""
import pytest
from openpyxl import load_workbook

from ui.events import DataEvents
from ui.pages.excel_page import ExcelPage

pytestmark = pytest.mark.gui


def test_export_from_the_page(qtbot, qt_zh, small_community, app_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    page = ExcelPage(app_ctx, DataEvents(), None)
    qtbot.addWidget(page)
    page.masked.setChecked(True)
    assert page.export_to("register", str(tmp_path / "r.xlsx")).result == 5
    ws = load_workbook(tmp_path / "r.xlsx").active
    assert "已隐去" in ws["A1"].value


def test_the_page_is_in_the_main_window(qtbot, qt_zh, app_ctx):
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show_page("excel")
    assert isinstance(window.pages.currentWidget(), ExcelPage)


def test_the_template_dialog_keeps_the_mapping_and_refuses_an_empty_one(qtbot, qt_zh, app_ctx, tmp_path):
    from desktop.excel.template import inspect_template, saved_plan
    from tests.excel.test_template import _figures_form
    from ui.dialogs.template_dialog import TemplateDialog
    plan = inspect_template(_figures_form(tmp_path / "t.xlsx", named=False))
    dialog = TemplateDialog(app_ctx, plan, "t")
    qtbot.addWidget(dialog)
    assert dialog.mapped_plan().mapping == plan.mapping and dialog.name.text() == "t"
    for r in range(dialog.table.rowCount()):                          # nothing chosen at all
        dialog.table.cellWidget(r, 1).setCurrentIndex(0)
    dialog.save()
    assert not dialog.result() and "至少选一项" in dialog.form.error_text("")
    assert saved_plan(app_ctx, plan) is None
    dialog.table.cellWidget(2, 1).setCurrentIndex(dialog.table.cellWidget(2, 1).findData("households"))
    dialog.name.setText("每日报表")
    dialog.save()
    assert dialog.result() and dialog.mapped.mapping == {"B4": "households"}
    kept = saved_plan(app_ctx, plan)
    assert kept.mapping == {"B4": "households"} and kept.name == "每日报表"


def test_a_forms_surname_and_given_name_columns_are_shown_as_such_and_kept(qtbot, qt_zh, app_ctx, tmp_path):
    """A form's 姓 | 名 columns showed as filled with 姓名 and left empty, and choosing 名 was
    refused on saving (不认识的填报项：given_name)."""
    from desktop.excel.template import inspect_template, saved_plan
    from tests.excel.test_template import _split_name_form
    from ui.dialogs.template_dialog import TemplateDialog
    plan = inspect_template(_split_name_form(tmp_path / "s.xlsx"))
    dialog = TemplateDialog(app_ctx, plan, "排查名单")
    qtbot.addWidget(dialog)
    shown = {dialog.table.cellWidget(r, 0).text(): dialog.table.cellWidget(r, 1).currentText()
             for r in range(dialog.table.rowCount())}
    assert (shown["姓"], shown["名"]) == ("姓", "名")
    dialog.save()
    assert dialog.result() and saved_plan(app_ctx, plan).mapping == plan.mapping


def test_every_choice_the_template_dialog_offers_for_a_column_is_kept(qtbot, qt_zh, app_ctx, tmp_path):
    """A form's 户号 column showed (不填), and choosing 户号 (or 其他电话) for it was refused on
    saving with an English key: 不认识的填报项：household_no. The dialog now offers only what a
    filling can do, and each is kept."""
    from desktop.excel.template import inspect_template, saved_plan
    from tests.excel.test_template import _household_form
    from ui.dialogs.template_dialog import TemplateDialog
    plan = inspect_template(_household_form(tmp_path / "f.xlsx"))
    dialog = TemplateDialog(app_ctx, plan, "排查名单")
    qtbot.addWidget(dialog)
    shown = {dialog.table.cellWidget(r, 0).text(): dialog.table.cellWidget(r, 1).currentText()
             for r in range(dialog.table.rowCount())}
    assert (shown["户号"], shown["其他电话"]) == ("户号", "其他电话")
    combo = dialog.table.cellWidget(1, 1)                             # the 户号 column
    for i in range(1, combo.count()):
        combo.setCurrentIndex(i)
        dialog.save()
        assert dialog.form.error_text("") == "", combo.currentText()
        assert saved_plan(app_ctx, plan).mapping[1] == combo.currentData()


def test_a_kept_mapping_fills_in_one_click_and_can_be_corrected(qtbot, qt_zh, small_community, app_ctx,
                                                                 tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from tests.excel.test_template import _figures_form
    from ui.dialogs.template_dialog import TemplateDialog
    template = _figures_form(tmp_path / "t.xlsx", named=False)
    out = tmp_path / "filled.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(template), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    shown = []

    def answer(dialog):                     # the clerk keeps only the number of households
        shown.append({t: dialog.table.cellWidget(r, 1).currentData() for r, t in enumerate(dialog.targets)})
        for r, target in enumerate(dialog.targets):
            if target != "B4":
                dialog.table.cellWidget(r, 1).setCurrentIndex(0)
        dialog.save()
        return dialog.result()
    monkeypatch.setattr(TemplateDialog, "exec", answer)
    page = ExcelPage(app_ctx, DataEvents(), None)
    qtbot.addWidget(page)
    page.fill_template()
    assert len(shown) == 1 and shown[0]["B5"] == "people"             # the first time: asked
    ws = load_workbook(out)["日报"]
    assert ws["B4"].value == 3 and ws["B5"].value is None
    out.unlink()
    page.fill_template()
    assert len(shown) == 1 and load_workbook(out)["日报"]["B4"].value == 3    # then: one click
    page.remap_template()
    assert len(shown) == 2 and shown[1]["B4"] == "households" and shown[1]["B5"] is None  # the kept one
