"""The care and isolation lists at 1024×768. The row numbers have room either side: 「1」 sat
squeezed against the frame and the first column's grid line (Qt's own row header is the
number's width plus two pixels a side). What gives way on the narrow screen is read on hover."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from ui.widgets.screen_fit import show_at

pytestmark = pytest.mark.gui
TODAY = date.today()


@pytest.mark.parametrize("page_name, table_name", [("care", "care_table"), ("isolation", "isolation_table")])
def test_row_numbers_have_room_either_side(qtbot, qt_zh, app_ctx, small_community, page_name, table_name):
    from PySide6.QtWidgets import QTableView
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    from ui.main_window import MainWindow
    people = small_community["people"]
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        people["王大爷"].id, SubjectForm(categories=("elder_alone",), listed_on=TODAY.isoformat()), TODAY)
    IsolationBook(app_ctx.db, app_ctx.register).start(people["张小明"].id, "home_isolation", "密接",
                                                      TODAY - timedelta(days=2), TODAY)
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    show_at(window, 1024, 768)
    window.show_page(page_name)
    table = window.findChild(QTableView, table_name)
    qtbot.waitUntil(lambda: table.model().rowCount() >= 1 and table.verticalHeader().isVisible())
    numbers = table.verticalHeader()
    text = numbers.fontMetrics().horizontalAdvance(str(table.model().rowCount()))
    assert numbers.width() - text >= 2 * 6                     # six pixels a side, not two
    assert numbers.defaultAlignment() & Qt.AlignHCenter        # 「1」 in the middle, not at the edge


def test_categories_and_needs_cut_at_1024_are_read_whole_on_hover(qtbot, qt_zh, app_ctx, small_community):
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    from ui.events import DataEvents
    from ui.pages.care_page import CarePage
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        small_community["people"]["王大爷"].id,
        SubjectForm(categories=("elder_alone", "disabled"), needs=("groceries", "medicine"),
                    listed_on=TODAY.isoformat()), TODAY)
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(880, 600)                       # the care page's share of a 1024-pixel window
    page.show()
    page.set_today(TODAY)
    model, table = page.model, page.table
    for column in (model.COLUMNS.index("categories"), model.COLUMNS.index("needs")):
        index = model.index(0, column)
        shown = model.data(index)
        assert table.columnWidth(column) < table.fontMetrics().horizontalAdvance(shown)   # cut: 独…
        assert model.data(index, Qt.ToolTipRole) == shown                                 # hover: whole


def test_the_audit_and_duty_lists_number_their_rows(qtbot, qt_zh, app_ctx, tmp_path):
    """The lists of plain rows (audit, duty, street, sync, canvass) showed an empty two-pixel
    strip where the care and register lists number their rows: 「第3条」 could not be said."""
    from desktop.audit import record_output
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    for n in range(3):
        record_output(app_ctx.db, "export", "register", n + 1, True, tmp_path / f"{n}.xlsx")
    page = AuditPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(880, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    numbers = page.table.verticalHeader()
    assert [page.model.headerData(row, Qt.Vertical) for row in range(3)] == ["1", "2", "3"]
    qtbot.waitUntil(lambda: numbers.isVisible() and numbers.width() > 0)
    assert numbers.width() - numbers.fontMetrics().horizontalAdvance("3") >= 2 * 6


def test_the_accounts_list_numbers_its_rows_with_room(qtbot, qt_zh, app_ctx):
    """「1」 sat squeezed against the frame and the first column's grid line of the accounts list."""
    from desktop.accounts import create_account, create_first_admin, login
    from ui.events import DataEvents
    from ui.pages.accounts_page import AccountsPage
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    login(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "小王", "staff", "staff-pass")
    page = AccountsPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(880, 600)
    page.show()
    numbers = page.table.verticalHeader()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2 and numbers.isVisible() and numbers.width() > 0)
    assert numbers.width() - numbers.fontMetrics().horizontalAdvance("2") >= 2 * 6
    assert numbers.defaultAlignment() & Qt.AlignHCenter


def test_an_exports_file_and_purpose_are_in_sight_at_1024(qtbot, qt_zh, app_ctx, tmp_path):
    """The audit at 1024×768: the file and purpose of an export, what the list is read for, had
    scrolled out of sight to the right of the (empty) old and new values."""
    from desktop.audit import record_output
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    record_output(app_ctx.db, "export", "register", 12, True, tmp_path / "幸福里花名册.xlsx", reason="街道核对名单")
    page = AuditPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(880, 600)                          # the audit page's share of a 1024-pixel window
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    table, header = page.table, page.table.horizontalHeader()
    for kind in ("all", "outputs"):                # everything, then the exports: as the clerk picks them
        page.kind.setCurrentIndex(page.kind.findData(kind))
        qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and not page.status.text().startswith("正在"))
        assert table.horizontalScrollBar().maximum() == 0, page.kind.currentText()
        shown = [c for c in range(page.model.columnCount()) if not table.isColumnHidden(c)]
        assert header.sectionViewportPosition(shown[-1]) + header.sectionSize(shown[-1]) <= table.viewport().width()
        day = table.fontMetrics().horizontalAdvance("2020-02-20") + 6
        assert all(table.columnWidth(c) >= day for c in (5, 6) if c in shown)    # old, new: a date whole
    purpose = page.model.index(0, 10)
    assert purpose.data() == "街道核对名单"
    assert table.columnWidth(10) >= table.fontMetrics().horizontalAdvance(purpose.data()) + 6     # whole
