"""The window under load and failure: a long job runs in the background while the window keeps
processing events; an unexpected error shows a copyable report without personal data and the
window lives on; a second window on one file, or a read-only file, is told plainly; the
database is closed (checkpointed) when the window closes."""
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.app import open_app
from ui import failures, startup
from ui.events import DataEvents
from ui.workers.task import ThreadRunner, use_runner

pytestmark = pytest.mark.gui


def test_an_export_runs_in_the_background_while_the_window_processes_events(qtbot, qt_zh, app_ctx,
                                                                             small_community, tmp_path,
                                                                             monkeypatch):
    from ui.pages import excel_page
    runner = ThreadRunner()
    use_runner(runner)                          # the real one, not the tests' inline runner
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    release = threading.Event()
    real = excel_page.export_list

    def long_export(*args, **kw):               # a big list: it ends only when the UI thread has
        assert release.wait(30)                 # handled the timer below, i.e. while it runs
        return real(*args, **kw)
    monkeypatch.setattr(excel_page, "export_list", long_export)
    page = excel_page.ExcelPage(app_ctx, DataEvents(), None)
    qtbot.addWidget(page)
    seen = []
    task = page.export_to("register", str(tmp_path / "名单.xlsx"))
    QTimer.singleShot(0, lambda: (seen.append(task.state), release.set()))
    qtbot.waitUntil(lambda: task.state == "done" and bool(shown), timeout=30_000)
    runner.wait()
    assert seen and seen[0] in ("waiting", "running")          # the event came while the job ran
    assert "5" in shown[0] and (tmp_path / "名单.xlsx").exists()


def test_a_search_and_a_scan_do_not_wait_for_an_import_in_this_process(qt_zh, app_ctx, small_community):
    from desktop.gate import journal
    from desktop.gate import log as gate_log
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.subjects import person_subject
    from desktop.search import search_people
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    subject = person_subject(app_ctx.register.person(small_community["people"]["张三"].id))
    writing, finish = threading.Event(), threading.Event()

    def long_import():
        with app_ctx.db.transaction():
            writing.set()
            finish.wait(30)
    worker = threading.Thread(target=long_import)
    worker.start()
    try:
        assert writing.wait(30)
        assert [p.full_name for p in search_people(app_ctx.db, "张三")][:1] == ["张三"]
        row = gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out"), cp)
        assert journal.pending(app_ctx.db) == 1
    finally:
        finish.set()
        worker.join()
    assert journal.wait_until_written(app_ctx.db, 30)
    assert gate_log.entry(app_ctx.db, row).holder_name == "张三"


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_button_shows_a_report_without_personal_data(qtbot, qt_zh, menshen_home,
                                                                             monkeypatch):
    from desktop.failures import setup_logging
    reports = []
    monkeypatch.setattr(failures.ReportDialog, "exec", lambda self: reports.append(self.text.toPlainText()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)          # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    setup_logging(menshen_home)
    failures.install_handlers()
    button = QPushButton()
    qtbot.addWidget(button)

    def bug():
        raise ValueError("张三 420106195803070011 13800130001 不对")
    button.clicked.connect(bug)
    button.click()                              # the slot raises: PySide6 hands it to sys.excepthook
    assert len(reports) == 1
    report = reports[0]
    assert "ValueError" in report and "in bug" in report
    for secret in ("张三", "420106195803070011", "13800130001"):
        assert secret not in report
    logged = (menshen_home / "logs" / "errors.log").read_text("utf-8")
    assert "ValueError" in logged and "420106195803070011" not in logged
    assert button.isVisible() or True           # the window (the program) is still there


@pytest.mark.qt_no_exception_capture
def test_a_failure_escaping_a_worker_thread_is_shown_from_the_ui_thread(qtbot, monkeypatch):
    """PySide hands what escapes a QThread's run to sys.excepthook on that thread: the report
    (a dialog) was built there, off the UI thread (a crash on Windows)."""
    from PySide6.QtCore import QThread
    shown = []
    monkeypatch.setattr(failures, "show_failure", lambda exc, *a: shown.append(
        (type(exc).__name__, threading.current_thread() is threading.main_thread())))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    failures.install_handlers()

    class Buggy(QThread):
        def run(self):
            raise ValueError("a bug in a background job")
    worker = Buggy()
    worker.start()
    worker.wait()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert shown == [("ValueError", True)]


@pytest.mark.qt_no_exception_capture
def test_a_known_failure_escaping_a_page_is_its_chinese_message(qtbot, qt_zh, monkeypatch):
    from db.errors import StorageError
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(failures.ReportDialog, "exec", lambda self: pytest.fail("not a bug"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    failures.install_handlers()
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: (_ for _ in ()).throw(StorageError("磁盘空间已满，刚才的操作没有保存。")))
    button.click()
    assert warnings == ["磁盘空间已满，刚才的操作没有保存。"]


def test_a_second_window_on_the_same_file_is_told_and_closes(qtbot, qt_zh, app_ctx, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(startup, "_run_window", lambda *a: 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)
    app_ctx.claim_window()                      # the first window
    second = open_app(app_ctx.db.path)
    assert startup.show_window(second) == 2
    assert "另一个门神窗口" in warnings[0] and second.db.closed


def test_a_read_only_file_opens_with_a_message_and_closes_cleanly(qtbot, qt_zh, small_community, app_ctx,
                                                                  monkeypatch):
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: infos.append(text))
    monkeypatch.setattr(startup, "_run_window", lambda *a: 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)
    path = app_ctx.db.path
    app_ctx.close()
    ro = open_app(path, read_only=True)
    assert startup.show_window(ro) == 0
    assert infos and "只能查看和导出" in infos[0] and ro.db.closed


def test_the_first_run_demo_is_made_as_a_job_and_opened(qtbot, qt_zh, tmp_path, monkeypatch):
    import desktop.demo
    real = desktop.demo.make_demo_database
    progressed = []

    def small_demo(path, progress=None):
        def seen(done, total):
            progressed.append(done)
            if progress:
                progress(done, total)
        return real(path, households=20, days=1, progress=seen)
    monkeypatch.setattr(desktop.demo, "make_demo_database", small_demo)
    from PySide6.QtWidgets import QDialog, QRadioButton
    from ui.first_run import FirstRunWizard

    def choose_demo(wizard):                    # the first-run wizard's "try the demo" (its own test drives keys)
        wizard.findChild(QRadioButton, "start_demo").setChecked(True)
        return QDialog.Accepted
    monkeypatch.setattr(FirstRunWizard, "exec", choose_demo)
    own = open_app(tmp_path / "own.db")
    demo, page = startup._first_run(own)
    try:
        assert demo.db.path.name == "demo.db" and demo.register.totals()["people"] > 0
        assert own.db.closed and progressed
    finally:
        demo.close()


def test_the_window_closing_leaves_everything_in_the_database_file(qtbot, qt_zh, small_community, app_ctx,
                                                                   monkeypatch):
    monkeypatch.setattr(startup, "_run_window", lambda *a: 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)
    path = app_ctx.db.path
    assert startup.show_window(app_ctx) == 0
    assert app_ctx.db.closed
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0        # checkpointed into the file itself


def test_a_workbook_renamed_as_the_data_file_is_said_at_start_without_a_login(qtbot, qt_zh, tmp_path, monkeypatch):
    from openpyxl import Workbook
    from db import driver
    from db.errors import NotADatabaseError
    monkeypatch.delenv(driver.KEY_ENV, raising=False)
    path = tmp_path / "menshen.db"
    Workbook().save(path)
    before = path.read_bytes()
    logins = []
    with pytest.raises(NotADatabaseError) as info:
        startup.open_for_window(path, exec_login=lambda dialog: logins.append(dialog) or 0)
    assert logins == []                             # no login for a file no password opens
    assert "Excel 工作簿" in info.value.message and "口令" not in info.value.message
    assert path.read_bytes() == before



def test_giving_up_the_first_run_ends_the_program_and_the_next_start_asks_again(qtbot, qt_zh, menshen_home,
                                                                                tmp_path, monkeypatch):
    """Esc on the first-run wizard asks whether to quit; 退出 ends with 0 and no window (the
    window opened with no administrator), and the register is still waiting for its set-up."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton
    from desktop.first_run import needs_first_run
    from ui.first_run import FirstRunWizard
    windows, seen = [], []
    monkeypatch.setattr(startup, "_run_window", lambda qt_app, window, *a: windows.append(window) or 0)
    monkeypatch.setattr(failures, "install_handlers", lambda: None)

    def on_wizard():
        wizard = QApplication.activeModalWidget()
        seen.append(type(wizard).__name__)
        QTimer.singleShot(0, on_question)
        qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key_Escape)

    def on_question():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, "quit"), Qt.LeftButton)
    QTimer.singleShot(0, on_wizard)
    own = open_app(tmp_path / "menshen.db")
    assert startup.show_window(own, offer_demo=True) == 0
    assert seen == [FirstRunWizard.__name__, "还没有设置完成。退出程序吗？下次启动会重新开始设置。"]
    assert own.db.closed and windows == []
    again = open_app(tmp_path / "menshen.db")
    try:
        assert needs_first_run(again) and again.register.compounds() == []    # the wizard again
    finally:
        again.close()
