"""The audit page: read only, exports and prints first, changes with old and new values."""
from datetime import date

from PySide6.QtCore import Qt

from desktop.excel.lists import export_list


def texts(page) -> list[list[str]]:
    m = page.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_the_page_shows_exports_then_changes_and_edits_nothing(inline_runner, qt_zh, qtbot, app_ctx, small_community, tmp_path):
    from desktop.register import PersonForm
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    export_list(app_ctx, "register", tmp_path / "名单.xlsx", masked=True)
    p = small_community["people"]["王租客"]
    app_ctx.register.update_person(p.id, PersonForm(full_name=p.full_name, id_number=p.id_number, phone="13700007777"))
    page = AuditPage(app_ctx, DataEvents(), today=date.today())
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    qtbot.waitExposed(page)
    rows = texts(page)
    assert len(rows) == 1 and rows[0][2] == "导出" and rows[0][3] == "居民台账" and rows[0][9] == "名单.xlsx"
    assert rows[0][8] == "是" and page.status.text() == "共 1 条。"
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key_Down)                       # Changes
    rows = texts(page)
    from desktop.masking import mask_phone
    assert ["修改", "居民·联系电话", mask_phone(p.phone), "137****7777"] in [[r[2], r[3], r[5], r[6]] for r in rows]
    assert not [r for r in rows if p.id_number in (r[5] or "") + (r[6] or "")]     # no whole ID number
    assert not (page.table.editTriggers() & page.table.EditTrigger.AllEditTriggers)
    page.grab().save(str(tmp_path / "audit_page.png"))
