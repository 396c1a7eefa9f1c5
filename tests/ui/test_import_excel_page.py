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
