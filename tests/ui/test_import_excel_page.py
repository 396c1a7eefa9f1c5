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
    assert page.export_to("register", str(tmp_path / "r.xlsx")) == 5
    ws = load_workbook(tmp_path / "r.xlsx").active
    assert "已隐去" in ws["A1"].value


def test_the_page_is_in_the_main_window(qtbot, qt_zh, app_ctx):
    from ui.main_window import MainWindow
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show_page("excel")
    assert isinstance(window.pages.currentWidget(), ExcelPage)


def test_the_template_dialog_shows_and_returns_the_mapping(qtbot, qt_zh, tmp_path):
    from desktop.excel.template import inspect_template
    from tests.excel.test_template import _figures_form
    from ui.dialogs.template_dialog import TemplateDialog
    plan = inspect_template(_figures_form(tmp_path / "t.xlsx", named=False))
    dialog = TemplateDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.mapped_plan().mapping == plan.mapping
    dialog.table.cellWidget(0, 1).setCurrentIndex(0)                 # leave the date empty
    assert "B2" not in dialog.mapped_plan().mapping
