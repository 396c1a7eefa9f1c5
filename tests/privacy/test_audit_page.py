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
    with qtbot.waitExposed(page):
        page.show()
    rows = texts(page)
    assert len(rows) == 1 and rows[0][2] == "导出" and rows[0][3] == "居民台账" and rows[0][9] == "名单.xlsx"
    assert rows[0][8] == "号码已隐去" and page.status.text() == "共 1 条。"
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key_Down)                       # Changes
    rows = texts(page)
    from desktop.masking import mask_phone
    assert ["修改", "居民·联系电话", mask_phone(p.phone), "137****7777"] in [[r[2], r[3], r[5], r[6]] for r in rows]
    assert not [r for r in rows if p.id_number in (r[5] or "") + (r[6] or "")]     # no whole ID number
    assert not (page.table.editTriggers() & page.table.EditTrigger.AllEditTriggers)
    page.grab().save(str(tmp_path / "audit_page.png"))


def test_a_restore_shows_on_the_page_with_the_exports_and_prints(inline_runner, qt_zh, qtbot, tmp_path):
    """A backup restored (the whole register put back to an older day) shows on the page the
    audit opens on, in Chinese: 恢复备份, who, the whole data file, the backup's file."""
    from desktop import backup
    from desktop.app import open_app
    from tests.backup.conftest import add_people
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    path = tmp_path / "register.db"
    app = open_app(path)
    try:
        add_people(app, ["张三"])
        made = backup.backup_before(app.db, "manual")
    finally:
        app.close()
    backup.restore(path, backup.list_backups(path)[0], by="书记")
    app = open_app(path)
    try:
        page = AuditPage(app, DataEvents(), today=date.today())
        qtbot.addWidget(page)
        with qtbot.waitExposed(page):
            page.show()
        assert page.kind.currentText() == "导出、打印和恢复备份"
        [row] = texts(page)
        assert row[1:4] == ["书记", "恢复备份", "整个数据文件"] and row[9] == made.name and row[8] in (None, "")
        assert "手动备份" in row[10] and "before-restore-" in row[10]
    finally:
        app.close()


def test_a_merge_on_the_page_names_both_people_and_no_record_id(inline_runner, qt_zh, qtbot, app_ctx, small_community,
                                                               tmp_path):
    """The page's changes: 李四 and 张志愿 each merged from two records read as who was kept and
    who merged into him, in the record column too, not 0193ab… ids."""
    import re
    from tests.privacy.test_audit import merged_twice
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    merged_twice(app_ctx)
    page = AuditPage(app_ctx, DataEvents(), today=date.today())
    qtbot.addWidget(page)
    page.resize(1024, 600)
    with qtbot.waitExposed(page):
        page.show()
    page.kind.setCurrentIndex(page.kind.findData("changes"))
    merges = [r for r in texts(page) if "合并" in r[3]]
    assert [(r[4], r[6]) for r in merges] == [
        ("张志愿（值守人员，重复登记）", "合并：张志愿（保留，电话尾号0001，区财政局）← 张志愿（另一条，电话尾号0001）"),
        ("李四（重复登记）", "合并：李四（保留，证件尾号1239，电话尾号0001）← 李四（另一条，证件尾号1239，电话尾号0002）")]
    assert not [r for r in merges if re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", "".join(str(c) for c in r))]
    page.table.scrollTo(page.model.index(texts(page).index(merges[0]), 0))
    page.grab().save(str(tmp_path / "audit_merges.png"))


def test_the_page_names_places_gates_passes_and_episodes_in_words(inline_runner, qt_zh, qtbot, app_ctx,
                                                                 small_community, tmp_path):
    """The page's changes: the checkpoint, the pass, the isolation and the shift's person read as
    words (幸福里东门, 王租客（出入证 …）, 王租客（居家隔离，2020-02-20起）, 值班·值守人员), the
    columns 记录 and 个人信息 say what their cells hold; no record id."""
    import re
    from tests.privacy.test_audit import RECORDS, UUID, WORDS, first_lines, places_gates_passes_and_episodes
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    no = places_gates_passes_and_episodes(app_ctx, small_community).pass_no
    page = AuditPage(app_ctx, DataEvents(), today=date(2020, 2, 20))
    qtbot.addWidget(page)
    page.resize(1024, 600)
    with qtbot.waitExposed(page):
        page.show()
    page.kind.setCurrentIndex(page.kind.findData("changes"))
    headers = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
    assert headers[4] == "记录" and headers[8] == "个人信息"
    rows = texts(page)[::-1]                                     # the page shows the newest first
    assert first_lines(rows, 6, WORDS) == {k: v.format(no=no) for k, v in WORDS.items()}
    assert first_lines(rows, 4, RECORDS) == {k: v.format(no=no) for k, v in RECORDS.items()}
    assert not [r for r in rows if re.search(UUID, " ".join(str(c) for c in r))]
    page.grab().save(str(tmp_path / "audit_words.png"))


def test_the_page_and_the_workbook_head_their_columns_alike(inline_runner, qt_zh, qtbot, app_ctx, tmp_path):
    """The page headed a list's or a field's column 名单、表格或字段, the audit workbook
    名单/表格或改动的字段: an inspector comparing them asked whether they were two things. Every
    column reads the same on both (the page's words: the workbook's did not fit its column)."""
    from openpyxl import load_workbook
    from desktop.audit import export_audit
    from ui.events import DataEvents
    from ui.pages.audit_page import AuditPage
    page = AuditPage(app_ctx, DataEvents(), today=date.today())
    qtbot.addWidget(page)
    shown = [page.model.headerData(c, Qt.Horizontal) for c in range(page.model.columnCount())]
    export_audit(app_ctx.db, tmp_path / "审计.xlsx")
    sheet = [c.value for c in next(load_workbook(tmp_path / "审计.xlsx").active.iter_rows(min_row=2, max_row=2))]
    assert shown[3] == "名单、表格或字段" and shown == sheet


def test_an_audit_that_cannot_be_read_is_said_on_the_ui_thread(qt_zh, qtbot, app_ctx, monkeypatch):
    """The page reads on the program's real runner (a worker thread); its failure line was set
    from that thread (a widget touched off the UI thread: a crash on Windows)."""
    import threading

    from ui.events import DataEvents
    from ui.pages import audit_page
    from ui.workers.task import ThreadRunner, use_runner

    def unreadable(*_a, **_kw):
        raise OSError("the register's disk is gone")
    monkeypatch.setattr(audit_page, "newest_entries", unreadable)
    page = audit_page.AuditPage(app_ctx, DataEvents(), today=date.today())
    qtbot.addWidget(page)
    said, real = [], page.status.setText

    def set_text(text: str) -> None:
        on_ui = threading.current_thread() is threading.main_thread()
        said.append((text, on_ui))
        if on_ui:                                   # never the widget itself from a worker
            real(text)
    page.status.setText = set_text
    old = use_runner(ThreadRunner())
    try:
        page.reload()
        qtbot.waitUntil(lambda: len(said) == 2, timeout=10_000)
    finally:
        use_runner(old).wait()
    assert said == [("正在读取审计记录……", True), ("无法读取审计记录。", True)]


def test_a_slow_read_of_the_changes_ended_after_a_switch_back_is_not_shown(qt_zh, qtbot, app_ctx, monkeypatch):
    """Changes (the whole log, slow) then at once back to exports: the changes' read ended last and
    its rows filled the exports' table."""
    import threading

    from ui.events import DataEvents
    from ui.pages import audit_page
    from ui.workers.task import ThreadRunner, use_runner
    release = threading.Event()

    def newest(db, since, shown, *, changes, outputs):
        if changes:
            assert release.wait(10)             # the changes: ends only after the exports
            return 1, ["a change"]
        return 0, []
    monkeypatch.setattr(audit_page, "newest_entries", newest)
    monkeypatch.setattr(audit_page, "audit_rows", lambda db, newest: [[n] + [""] * 10 for n in newest])
    page = audit_page.AuditPage(app_ctx, DataEvents(), today=date.today())
    qtbot.addWidget(page)
    old = use_runner(ThreadRunner())
    try:
        page.kind.setCurrentIndex(1)            # Changes
        page.kind.setCurrentIndex(0)            # back to exports, prints and restores
        qtbot.waitUntil(lambda: page.status.text() == "共 0 条。", timeout=10_000)
        release.set()
        use_runner(old).wait()
        qtbot.wait(50)                          # the changes' end delivered, if it were shown
    finally:
        release.set()
        use_runner(old)
    assert page.model.rowCount() == 0 and page.status.text() == "共 0 条。"
