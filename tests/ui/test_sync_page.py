"""The sync page: syncing with a folder brings the gate's concurrent edit in, the conflict is
listed in a clerk's words, and "use this value" closes it."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from db.connection import Database
from db.sync.merge import open_conflicts
from desktop.first_run import set_sync_passphrase
from desktop.sync.drives import Drive
from desktop.sync.exchange import export_package, import_packages
from tests.conftest import as_usb_stick, new_database_file, type_text
from ui.events import DataEvents
from ui.pages import sync_page
from ui.pages.sync_page import SyncPage

PASS = "幸福里 门岗 同步 口令"


@pytest.fixture
def office_and_gate(quick_kdf, app_ctx, tmp_path, empty_register):
    """The office (the window's database) registers 王芳; the gate takes a copy; both change her
    phone; the gate's package waits in the shared folder. (Keys at the lowest cost: their
    strength is tested in tests/sync.)"""
    stick = tmp_path / "share"
    stick.mkdir()
    gate = Database(new_database_file(empty_register, tmp_path / "gate.db"), config_file=tmp_path / "gate.json",
                    user_name="门岗")
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO person (id, full_name, phone) VALUES ('p1', '王芳', '13800000001')")
    set_sync_passphrase(app_ctx.db, PASS, PASS)         # at the first run
    export_package(app_ctx.db, stick, PASS)
    import_packages(gate, stick, PASS)
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13911112222' WHERE id = 'p1'")
    with gate.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13733334444' WHERE id = 'p1'")
    export_package(gate, stick, PASS)
    yield app_ctx, gate, stick
    gate.close()


def shown(model):
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_syncing_lists_the_conflict_and_use_this_value_closes_it(qtbot, qt_zh, office_and_gate):
    app, gate, stick = office_and_gate
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    page.resize(880, 660)                          # beside the page list of a 1024×768 window
    page.show()
    assert page.conflict_model.rowCount() == 0
    # The first day's blank panes say what they are for and what to press.
    assert page.machine_hint.shown() and "与此文件夹同步" in page.machine_hint.text()
    assert page.conflict_hint.shown() and not page.log_hint.shown()     # the office's own package is logged
    page.add_folder(str(stick))             # what "choose folder..." does with the folder picked
    type_text(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key_Return)
    # The package came in: the gate is a machine heard of, the log has both directions.
    assert "收到 1 个同步包，其中新的更改 1 条" in page.status.text()
    # The office's own phone was replaced by the gate's later one: the line says there is a
    # conflict to decide (the command line's 冲突1处), not only the list on the right.
    assert "有1处冲突" in page.status.text() and "待处理的冲突" in page.status.text()
    assert [row[0] for row in shown(page.machine_model)] == [gate.site.site_name]
    assert not page.machine_hint.shown() and not page.log_hint.shown()
    assert sorted(row[1] for row in shown(page.log_model)) == ["发出", "发出", "收到"]
    rows = shown(page.conflict_model)
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [("王芳", "电话", "13733334444", "是"),
                                                        ("王芳", "电话", "13911112222", "")] or \
        [(r[0], r[1], r[2], r[6]) for r in rows] == [("王芳", "电话", "13911112222", "是"),
                                                     ("王芳", "电话", "13733334444", "")]
    # The value typed on this machine says so: two bare codes left the clerk guessing.
    assert {r[3] for r in rows} == {"本机", gate.site.site_name}
    # At 1024×768 the machines' 对方还缺 and the conflicts' 当前显示 (the value a clerk keeps or
    # replaces) had scrolled out of sight to the right of their narrow lists.
    for table in (page.machine_table, page.conflict_table):
        header, last = table.horizontalHeader(), table.model().columnCount() - 1
        assert table.horizontalScrollBar().maximum() == 0, table.objectName()
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert page.conflict_table.columnWidth(6) >= page.conflict_table.fontMetrics().horizontalAdvance("是") + 6
    # A narrow column cuts a long value ("删除这一户（王五将不再…"): the whole of it on hover.
    value = page.conflict_model.index(0, 2)
    assert value.data(Qt.ToolTipRole) == value.data()
    other = rows[1][2]
    assert not page.use.isEnabled()
    qtbot.mouseClick(page.conflict_table.viewport(), Qt.LeftButton,
                     pos=page.conflict_table.visualRect(page.conflict_model.index(1, 0)).center())
    assert page.use.isEnabled()
    qtbot.mouseClick(page.use, Qt.LeftButton)
    assert page.conflict_model.rowCount() == 0
    assert open_conflicts(app.db.conn) == set()
    assert app.db.conn.execute("SELECT phone FROM person WHERE id = 'p1'").fetchone()[0] == other


def test_syncing_without_a_passphrase_says_so_and_writes_nothing(qtbot, qt_zh, office_and_gate):
    app, _gate, stick = office_and_gate
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    page.add_folder(str(stick))
    before = len(list(stick.iterdir()))
    qtbot.mouseClick(page.sync, Qt.LeftButton)
    assert "请先输入本社区的同步口令" in page.status.text()
    assert len(list(stick.iterdir())) == before
    assert page.conflict_model.rowCount() == 0


def test_syncing_with_another_communitys_stick_says_so(qtbot, qt_zh, app_ctx, tmp_path, quick_kdf):
    """A stick with only 和平里's packages: "received 0 packages" and nothing else, and our
    package went onto it unsaid. Their packages are still skipped (one stick may carry several
    communities) and ours is still written, but the clerk is told both."""
    from desktop.sync.mailbox import write_join_file
    stick = tmp_path / "heping-stick"
    stick.mkdir()
    other = Database(tmp_path / "heping.db", config_file=tmp_path / "heping.json", user_name="和平里")
    with other.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-heping', '和平里社区')")
    export_package(other, stick, "和平里 社区 自己的 口令")
    other.close()
    write_join_file(stick, community_id="c-heping", community_name="和平里社区", passphrase="和平里 社区 自己的 口令")
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.add_folder(str(stick))
    type_text(page.passphrase, PASS)
    type_text(page.repeat, PASS)            # its first exchange: the passphrase is set, typed twice
    qtbot.mouseClick(page.sync, Qt.LeftButton)
    text = page.status.text()
    # A folder chosen on this disk (or a shared one) was spoken of as a USB stick: named now.
    assert f"这个文件夹（{stick}）里的1个同步包都不是本社区（幸福里社区）的，而是和平里社区的，没有导入" in text
    assert "请确认选的是本社区的同步文件夹" in text and "本机的更改已写到这个文件夹里" in text and "U盘" not in text
    assert "收到 0 个同步包" in text and "#b00020" in page.status.styleSheet()
    assert len(list(stick.glob("*.cspkg"))) == 2            # ours written, theirs untouched
    assert page.log_model.rowCount() == 1

    # The same stick again: now it holds our package, so it is this community's stick too.
    qtbot.mouseClick(page.sync, Qt.LeftButton)
    assert "不是本社区" not in page.status.text()


def synced_by_click(qtbot, app, stick) -> SyncPage:
    """The sync page, the stick's folder chosen, the passphrase typed and 同步 clicked, done."""
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    page.show()
    page.add_folder(str(stick))
    type_text(page.passphrase, PASS)
    qtbot.mouseClick(page.sync, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.sync.isEnabled())
    return page


def test_a_new_machine_with_an_empty_stick_is_told_to_sync_the_office_first(qtbot, qt_zh, app_ctx, tmp_path):
    """The first run's "join from a stick" before the office has written to the stick: the page
    says in Chinese what to do, in red, and nothing is put on the stick."""
    stick = tmp_path / "empty"
    stick.mkdir()
    page = synced_by_click(qtbot, app_ctx, stick)
    assert "还没有加入社区" in page.status.text() and "办公室的电脑上同步" in page.status.text()
    assert "b00020" in page.status.styleSheet()
    assert list(stick.iterdir()) == []


def test_a_stick_that_fills_up_after_the_import_still_says_what_was_received(qtbot, qt_zh, office_and_gate,
                                                                            monkeypatch):
    """The gate's package is imported, then the stick is full when the office's own package is
    written: the page says both, in red: what came in (it stays imported) and that nothing of
    this machine reached the stick, and why."""
    import errno
    from desktop.files import os_reason
    from desktop.sync import exchange
    from desktop.sync.errors import StickWriteError
    app, gate, stick = office_and_gate

    def full(folder, **_kw):                 # what the envelope raises on ENOSPC
        raise StickWriteError(os_reason(OSError(errno.ENOSPC, "No space left on device")), file="S0001_x.cspkg")
    monkeypatch.setattr(exchange, "post_package", full)
    page = synced_by_click(qtbot, app, stick)
    text = page.status.text()
    assert "收到 1 个同步包，其中新的更改 1 条，已经导入" in text
    assert "本机的更改没有写进这个文件夹" in text and "写入U盘时出错" in text
    assert "b00020" in page.status.styleSheet()
    assert page.conflict_model.rowCount() == 2          # the gate's edit came in: the conflict is shown


def test_a_first_days_sync_page_says_what_each_blank_pane_is_for(qtbot, qt_zh, app_ctx):
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    said = [(h.shown(), h.text()) for h in (page.machine_hint, page.conflict_hint, page.log_hint)]
    assert [shown for shown, _ in said] == [True, True, True]
    assert "插入U盘" in said[0][1] and said[1][1] == "没有待处理的冲突。" and said[2][1] == "还没有同步记录。"


def test_merges_in_conflict_are_listed_by_the_people_not_record_ids(qtbot, qt_zh, app_ctx, tmp_path, quick_kdf):
    """The office and the gate each merged 李四's two records the other way round, and each
    wrote 张志愿's two duty entries' merge the other way round: the conflict list names them,
    which record each machine kept, told apart by the last four digits, never a 0193ab… id."""
    import re
    from db.sync.ids import uuid7
    from desktop.sync.duplicates import merge_persons
    stick = tmp_path / "share"
    stick.mkdir()
    gate = Database(tmp_path / "gate.db", config_file=tmp_path / "gate.json", user_name="门岗")
    p1, p2, d1, d2, merge = uuid7(), uuid7(), uuid7(), uuid7(), uuid7()
    try:
        with app_ctx.db.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.execute("INSERT INTO person (id, full_name, id_number, phone) VALUES (?, '李四', '420106199002021239',"
                         " '13700000001'), (?, '李四', '420106199002021239', '13700000002')", (p1, p2))
            conn.execute("INSERT INTO duty_person (id, full_name, phone, kind, unit_name) VALUES"
                         " (?, '张志愿', '13800000001', 'volunteer', NULL),"
                         " (?, '张志愿', '13800000001', 'sunk_cadre', '区财政局')", (d1, d2))
        set_sync_passphrase(app_ctx.db, PASS, PASS)         # at the first run
        export_package(app_ctx.db, stick, PASS)
        import_packages(gate, stick, PASS)
        merge_persons(app_ctx.db, p1, p2)
        merge_persons(gate, p2, p1)
        for db, kept, gone in ((app_ctx.db, d1, d2), (gate, d2, d1)):
            with db.transaction() as conn:
                conn.execute("INSERT INTO duty_merge (id, loser_id, survivor_id) VALUES (?, ?, ?)", (merge, gone, kept))
        export_package(gate, stick, PASS)
        page = SyncPage(app_ctx, DataEvents())
        qtbot.addWidget(page)
        page.resize(1024, 700)
        page.show()
        page.add_folder(str(stick))
        type_text(page.passphrase, PASS)
        qtbot.keyClick(page.passphrase, Qt.Key_Return)
        rows = shown(page.conflict_model)
        assert sorted((r[0], r[1], r[2]) for r in rows) == [
            ("张志愿（值守人员，重复登记）", "合并", "合并：张志愿（保留，电话尾号0001）← 张志愿（另一条，电话尾号0001，区财政局）"),
            ("张志愿（值守人员，重复登记）", "合并", "合并：张志愿（保留，电话尾号0001，区财政局）← 张志愿（另一条，电话尾号0001）"),
            ("李四（重复登记）", "合并", "合并：李四（保留，证件尾号1239，电话尾号0001）← 李四（另一条，证件尾号1239，电话尾号0002）"),
            ("李四（重复登记）", "合并", "合并：李四（保留，证件尾号1239，电话尾号0002）← 李四（另一条，证件尾号1239，电话尾号0001）")]
        assert not [r for r in rows if re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", "".join(str(c) for c in r))]
        page.grab().save(str(tmp_path / "sync_merges.png"))
    finally:
        gate.close()



def test_the_folder_chosen_is_offered_again_at_the_next_start_or_said_gone(qtbot, qt_zh, app_ctx, tmp_path,
                                                                           monkeypatch):
    """The shared folder (or stick) had to be chosen again after every restart or change of
    user. Now this machine keeps the last one: offered when the page opens again; gone (a stick
    out, or under another drive letter today), said plainly, and nothing stale offered."""
    share = tmp_path / "共享" / "门神同步"
    share.mkdir(parents=True)
    monkeypatch.setattr(sync_page, "removable_drives", list)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(share))

    def opened():
        page = SyncPage(app_ctx, DataEvents())
        qtbot.addWidget(page)
        return page
    first = opened()
    qtbot.mouseClick(first.choose, Qt.LeftButton)
    first.close()
    assert opened().folder.currentData() == ("folder", str(share))
    # A stick chosen in the list is kept the same way; today it has another letter.
    stick = tmp_path / "E盘"
    stick.mkdir()
    monkeypatch.setattr(sync_page, "removable_drives", lambda: [Drive(stick, "E:", False)])
    page = opened()
    page.folder.setFocus()
    qtbot.keyClick(page.folder, Qt.Key_Up)          # from the folder (last) up to the drive
    assert page.folder.currentData() == ("drive", str(stick))
    stick.rmdir()
    monkeypatch.setattr(sync_page, "removable_drives", list)
    again = opened()
    assert again.folder.count() == 0
    assert f"上次用的同步文件夹（{stick}）现在找不到" in again.status.text()
    assert "b00020" in again.status.styleSheet()
    # Plugged in again, Look for drives: chosen, and the warning gone.
    stick.mkdir()
    monkeypatch.setattr(sync_page, "removable_drives", lambda: [Drive(stick, "E:", False)])
    qtbot.mouseClick(again.rescan, Qt.LeftButton)
    assert again.folder.currentData() == ("drive", str(stick)) and again.status.text() == ""


def test_a_stick_pulled_after_the_exchange_is_said_as_a_read_and_the_sync_as_done(qtbot, qt_zh, office_and_gate,
                                                                                 monkeypatch):
    """The stick went away once the packages were exchanged, while its old packages were looked
    through to tidy them: the page opened an error report (or said a file was not saved); it says
    what was sent and received, and that the stick could not be read to tidy it."""
    import errno
    import ui.failures
    from desktop.sync import exchange, mailbox
    app, gate, stick = office_and_gate
    reports, sent = [], []
    monkeypatch.setattr(ui.failures, "_show_report", lambda report, parent: reports.append(report))
    monkeypatch.setattr(ui.failures.QMessageBox, "warning", lambda *a: reports.append(a[2]))
    real_post, real_scandir = exchange.post_package, mailbox.os.scandir

    def post(*a, **kw):
        sent.append(1)
        return real_post(*a, **kw)

    def scandir(folder):
        if sent:
            raise OSError(errno.EIO, "Input/output error")
        return real_scandir(folder)
    monkeypatch.setattr(exchange, "post_package", post)
    monkeypatch.setattr(mailbox.os, "scandir", scandir)
    as_usb_stick(monkeypatch, stick)
    page = synced_by_click(qtbot, app, stick)
    text = page.status.text()
    assert reports == []
    assert "收到 1 个同步包" in text and "没有保存" not in text
    assert "之后读取U盘时出错（U盘可能被拔出或接触不良），U盘上旧的同步包这次没有清理" in text


def test_a_newer_gates_new_field_is_imported_and_said_calmly(qtbot, qt_zh, app_ctx, tmp_path, empty_register,
                                                            quick_kdf):
    """The gate runs a newer Menshen with a field the office lacks (SYNC.md 9.16): the office
    imports its package anyway and says, not in red, that the field waits for the upgrade."""
    from db.sync.capture import install_triggers
    from tests.conftest import new_database_file
    stick = tmp_path / "share"
    stick.mkdir()
    gate = Database(new_database_file(empty_register, tmp_path / "gate.db"), config_file=tmp_path / "gate.json",
                    user_name="门岗")
    try:
        with gate.transaction() as conn:        # the newer version's migration
            conn.execute("ALTER TABLE person ADD COLUMN nickname TEXT")
            install_triggers(conn)
        with gate.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.execute("INSERT INTO person (id, full_name, nickname) VALUES ('p1', '王芳', '小芳')")
        export_package(gate, stick, PASS)
    finally:
        gate.close()
    page = synced_by_click(qtbot, app_ctx, stick)
    text = page.status.text()
    assert "收到 1 个同步包，其中新的更改 2 条" in text
    assert "对方的门神较新，有1条更改里的新字段这台电脑还用不上，已保留，升级后自动生效" in text
    assert "没有导入" not in text and "升级到" not in text
    assert "b00020" not in page.status.styleSheet()


def test_no_drive_found_is_not_said_beside_a_folder_remembered_or_chosen(qtbot, qt_zh, app_ctx, tmp_path,
                                                                        monkeypatch):
    """A machine without a stick plugged in, syncing through a folder: the page opened with the
    folder it used last time in the box and, under it, 没有找到U盘：请插入U盘… ; choosing the folder
    by hand left the same line too. A folder in the box is all the page needs: nothing is said."""
    share = tmp_path / "共享"
    share.mkdir()
    monkeypatch.setattr(sync_page, "removable_drives", list)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(share))
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    assert "没有找到U盘" in page.status.text()                 # nothing to sync with yet: said
    qtbot.mouseClick(page.choose, Qt.LeftButton)
    assert page.folder.currentData() == ("folder", str(share)) and page.status.text() == ""
    again = SyncPage(app_ctx, DataEvents())                    # the next start: the folder offered
    qtbot.addWidget(again)
    assert again.folder.currentData() == ("folder", str(share)) and again.status.text() == ""


def test_a_passphrase_left_for_later_is_typed_twice_at_the_first_sync_and_checked_after(
        qtbot, qt_zh, app_ctx, tmp_path, quick_kdf):
    """The first run's passphrase left for later (留空则以后在“同步”页设): the sync page took it
    typed once and kept nothing, so a slip sealed a package every other machine refused as the
    wrong passphrase, and no later typing was checked. Now the first sync asks it twice, as the
    first run would have, and a later slip is refused before anything is written."""
    from desktop import first_run as fr
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", places_text="王家湾组"))
    stick = tmp_path / "stick"
    stick.mkdir()
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    assert page.repeat.isVisible()
    page.add_folder(str(stick))
    type_text(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key_Tab)
    type_text(page.focusWidget(), PASS[:-1])                 # a slip in the second typing
    qtbot.keyClick(page.repeat, Qt.Key_Return)
    assert "两次输入的同步口令不一样" in page.status.text() and list(stick.iterdir()) == []
    page.repeat.clear()
    type_text(page.repeat, PASS)
    qtbot.keyClick(page.repeat, Qt.Key_Return)
    assert "已发出" in page.status.text() and len(list(stick.glob("*.cspkg"))) == 1
    assert not page.repeat.isVisible()                       # set once: not asked again
    page.passphrase.clear()
    type_text(page.passphrase, PASS[:-1])                    # a later slip
    qtbot.keyClick(page.passphrase, Qt.Key_Return)
    assert "这不是本村设定的同步口令" in page.status.text() or "这不是本社区设定的同步口令" in page.status.text()
    assert len(list(stick.glob("*.cspkg"))) == 1


def test_a_register_that_synced_without_a_kept_check_is_asked_once_and_its_admin_has_a_way_back(
        qtbot, qt_zh, app_ctx, tmp_path, quick_kdf, empty_register, monkeypatch):
    """A register that had sent a package with the passphrase typed once (before the sync page
    asked it twice, or from the command line) kept no check of it: the page never asked again,
    so the login's 忘记密码？ had nothing to check a passphrase against. The page now asks it
    whenever no check is kept; words misremembered are refused when the gate's package on the
    stick was made with other ones (they would be locked in), and the right ones are proven by
    it: typed once (a second typing proved nothing more; it was asked all the same).
    That proof, one key derivation per other machine (Argon2, 0.2 s each), ran on the UI thread
    before the sync: with several machines the window froze for seconds. It runs in the sync's
    job now: the window goes on (a timer fires while a derivation runs), Enter pressed again
    meanwhile starts no second sync (two ran at once), and the job's Cancel stops it before
    the sync."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from desktop import first_run as fr
    from desktop.accounts.store import no_way_back
    from desktop.sync import envelope
    from desktop.sync.exchange import sync_with_folder
    from ui.workers.task import ThreadRunner, use_runner
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", places_text="王家湾组"))
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(app_ctx.db, stick, PASS)                  # sent before, typed once: nothing kept
    gate = Database(new_database_file(empty_register, tmp_path / "gate.db"), config_file=tmp_path / "gate.json")
    try:
        import_packages(gate, stick, PASS)
        export_package(gate, stick, PASS)
    finally:
        gate.close()
    assert no_way_back(app_ctx.db)
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    assert not page.repeat.isVisible()                       # synced before: the stick proves the words
    page.add_folder(str(stick))

    def type_once(words):
        page.passphrase.clear()
        type_text(page.passphrase, words)
        qtbot.keyClick(page.passphrase, Qt.Key_Return)
    type_once("幸福里 门卫 同步 口令")
    assert f"这个文件夹（{stick}）里别的电脑的同步包不是用这个口令做的" in page.status.text()
    assert "U盘" not in page.status.text() and not page.repeat.isVisible()
    assert no_way_back(app_ctx.db) and len(list(stick.glob("*.cspkg"))) == 2
    real, deriving, release = envelope.derive_master_key, threading.Event(), threading.Event()

    def held_first(*args, **kwargs):                        # the proof's derivation, as long as it takes
        if not deriving.is_set():
            deriving.set()
            assert release.wait(3)
        return real(*args, **kwargs)
    monkeypatch.setattr(envelope, "derive_master_key", held_first)
    syncs = []
    monkeypatch.setattr(sync_page, "sync_with_folder", lambda *a, **k: syncs.append(a) or sync_with_folder(*a, **k))
    fired = []
    old = use_runner(ThreadRunner())
    try:
        type_once(PASS)
        qtbot.waitUntil(deriving.is_set, timeout=3000)
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired), timeout=1000)   # the window goes on during the derivation
        qtbot.keyClick(page.passphrase, Qt.Key_Return)      # pressed again while it runs: no second sync
        page.findChild(QProgressDialog).findChild(QPushButton).click()   # and the job's Cancel
        release.set()
        qtbot.waitUntil(page.sync.isEnabled, timeout=10_000)
        assert page.status.text() == "没有同步：已取消。" and syncs == []
        assert fr.passphrase_matches(app_ctx.db, PASS)     # the gate's package proved it: kept
        qtbot.keyClick(page.passphrase, Qt.Key_Return)
        qtbot.waitUntil(page.sync.isEnabled, timeout=10_000)
    finally:
        release.set()
        use_runner(old).wait()
    assert "收到 1 个同步包" in page.status.text() and len(syncs) == 1
    assert no_way_back(app_ctx.db) == "" and fr.passphrase_matches(app_ctx.db, PASS) is True


def test_a_register_that_synced_before_is_asked_again_only_when_no_package_proves_the_words(
        qtbot, qt_zh, app_ctx, tmp_path, quick_kdf, monkeypatch):
    """Upgraded from before checks were kept, a register that only sent packages: its own package
    on the stick, sealed with the words typed then, proves the words typed now (typed twice, then
    and now). A folder with no package to prove them asks for the second typing, as before, and
    so do other words than its package's (which typing slipped, then's or now's, nobody knows).
    While the proof runs the progress dialog says the passphrase is being checked (it said
    正在写入和读取同步包… from the start), then the sync's words."""
    from PySide6.QtWidgets import QProgressDialog

    from desktop import first_run as fr
    from desktop.errors import InputError
    from desktop.sync import envelope
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", places_text="王家湾组"))
    stick, other = tmp_path / "stick", tmp_path / "other"
    stick.mkdir()
    other.mkdir()
    export_package(app_ctx.db, stick, PASS)                  # sent before, typed once: nothing kept
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    page.add_folder(str(other))
    type_text(page.passphrase, PASS + "了")
    qtbot.keyClick(page.passphrase, Qt.Key_Return)
    assert f"这个文件夹（{other}）里没有能核对这个口令的同步包" in page.status.text() and list(other.iterdir()) == []
    assert page.repeat.isVisible() and page.focusWidget() is page.repeat
    with pytest.raises(InputError, match="这台电脑以前做的同步包不是用这个口令做的"):    # its own, other words
        fr.set_sync_passphrase(app_ctx.db, PASS + "了", None, folder=stick)
    assert fr.passphrase_matches(app_ctx.db, PASS) is None and len(list(stick.glob("*.cspkg"))) == 1
    page.add_folder(str(stick))                              # the stick it went to: its package proves them
    assert not page.repeat.isVisible()
    said = []

    def saying(step, real):                 # the dialog's words as each step starts (inline: this thread)
        def run(*args, **kwargs):
            said.append((step, page.findChildren(QProgressDialog)[-1].labelText()))
            return real(*args, **kwargs)
        return run
    monkeypatch.setattr(envelope, "derive_master_key", saying("key", envelope.derive_master_key))
    monkeypatch.setattr(sync_page, "sync_with_folder", saying("sync", sync_page.sync_with_folder))
    page.passphrase.clear()
    type_text(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key_Return)
    assert "已发出" in page.status.text() and not page.repeat.isVisible()
    assert said[:2] == [("key", "正在核对同步口令…"), ("sync", "正在写入和读取同步包…")], said
    assert fr.passphrase_matches(app_ctx.db, PASS) is True


def test_a_name_given_on_one_computer_shows_on_the_other_after_a_sync(qtbot, qt_zh, office_and_gate, tmp_path,
                                                                     empty_register):
    """Every machine was listed as 办公室 under a code (S8918, SD820): a clerk could not tell the
    village office from the gate laptop. Each names itself; the name travels with the sync."""
    from desktop.sync.status import machines, name_this_machine
    app, gate, stick = office_and_gate
    name_this_machine(gate, "村口卡口笔记本")
    export_package(gate, stick, PASS)
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    page.show()
    assert page.machine_name.text() == "" and "村委会办公室" in page.machine_name.placeholderText()
    assert "不填" in page.machine_name.toolTip()
    page.machine_name.setFocus()
    type_text(page.machine_name, "村委会办公室")
    page.add_folder(str(stick))
    type_text(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.sync.isEnabled())
    gate_words = f"村口卡口笔记本（{gate.site.site_code}）"     # the code kept for the technician
    assert [row[0] for row in shown(page.machine_model)] == [gate_words]
    assert page.machine_model.columnCount() == 3            # no 办公室 said of every machine
    assert {row[3] for row in shown(page.conflict_model)} == {"本机", gate_words}
    assert page.machine_name.text() == "村委会办公室"
    # The gate takes the office's package: the office is named there too.
    import_packages(gate, stick, PASS)
    assert [m.name for m in machines(gate)] == [f"村委会办公室（{app.db.site.site_code}）"]
    # A third machine hears the gate's new name from the gate, then the office's older word of
    # it relayed: the gate's own word stays.
    name_this_machine(gate, "卡口二号")
    direct = tmp_path / "direct"
    direct.mkdir()
    export_package(gate, direct, PASS)
    third = Database(new_database_file(empty_register, tmp_path / "third.db"), config_file=tmp_path / "third.json",
                     user_name="街道")
    try:
        import_packages(third, direct, PASS)
        import_packages(third, stick, PASS)
        named = {m.site_id: m.name for m in machines(third)}
        assert named[gate.site.site_id] == f"卡口二号（{gate.site.site_code}）"
        assert named[app.db.site.site_id] == f"村委会办公室（{app.db.site.site_code}）"
    finally:
        third.close()


def test_a_name_too_long_or_blank_is_said_and_not_kept(qtbot, qt_zh, app_ctx):
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    code = app_ctx.db.site.site_code
    page.machine_name.setFocus()
    type_text(page.machine_name, "村" * 21)
    qtbot.keyClick(page.machine_name, Qt.Key_Return)
    assert "最多20个字" in page.status.text() and app_ctx.db.site.site_name == code
    page.machine_name.clear()
    type_text(page.machine_name, "  村委会  办公室 ")
    qtbot.keyClick(page.machine_name, Qt.Key_Return)
    assert app_ctx.db.site.site_name == "村委会 办公室" and "村委会 办公室" in page.status.text()


def test_old_packages_kept_for_a_machine_that_has_not_received_them_are_said(qtbot, qt_zh, office_and_gate):
    """The office syncs twice before the gate does: its first package of the two stays on the
    stick (the gate lacks it) and the line says so, naming the gate, where nothing said why the
    stick was not tidied."""
    from db.sync.site import machine_name
    app, gate, stick = office_and_gate
    page = synced_by_click(qtbot, app, stick)
    assert "还没有收到" not in page.status.text()           # the gate holds all that is left
    with app.db.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '王芳芳' WHERE id = 'p1'")
    qtbot.mouseClick(page.sync, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.sync.isEnabled())
    assert (f"这个文件夹（{stick}）里还留着1个旧同步包，因为{machine_name(gate.site.site_name, gate.site.site_code)}"
            "还没有收到：在那台电脑上和这个文件夹同步一次，之后会自动清理。") in page.status.text()
