"""Printing and exporting from the window with a login: a staff account prints every form
(masked, as its role allows) instead of being refused; an admin who wants full numbers is asked
why, and the reason is in the audit; cancelling the question makes nothing."""
import pytest
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from tests.conftest import type_text
from tests.printing.conftest import page_texts, squeeze
from ui.events import DataEvents
from ui.pages.excel_page import ExcelPage
from ui.pages.paper_page import PaperPage

pytestmark = pytest.mark.gui


@pytest.fixture
def logged_in(app_ctx, small_community):
    from desktop.accounts import create_account, create_first_admin, login
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "小王", "staff", "staff-pass")

    def as_(name: str, password: str):
        login(app_ctx.db, name, password)
        return app_ctx
    return as_


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    return shown


@pytest.fixture
def asked(monkeypatch):
    """Answers the reason question with the next queued answer, and notes each question."""
    questions, answers = [], []

    def get_text(_parent, _title, label, *a):
        questions.append(label)
        return answers.pop(0) if answers else ("", False)
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return questions, answers


def paper_page(qtbot, app) -> PaperPage:
    page = PaperPage(app, DataEvents())
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def preview(qtbot, page: PaperPage) -> None:
    page.preview()
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)


def outputs(app) -> list[tuple]:
    with app.db.reading() as conn:
        return conn.execute("SELECT user_name, target, masked, reason FROM audit_event ORDER BY rowid").fetchall()


@pytest.mark.parametrize("form", ["notice", "gate-sheet", "daily-report", "household-sheet"])
def test_a_staff_account_prints_every_form_masked(qtbot, qt_zh, logged_in, warnings, asked, form):
    app = logged_in("小王", "staff-pass")
    page = paper_page(qtbot, app)
    page.select_form(form)
    preview(qtbot, page)
    assert warnings == [] and asked[0] == []
    assert page.document.pageCount() >= 1
    assert outputs(app)[-1][:3] == ("小王", form, 1)


def test_a_staff_account_finds_the_mask_box_ticked_and_locked(qtbot, qt_zh, logged_in, warnings):
    app = logged_in("小王", "staff-pass")
    page = paper_page(qtbot, app)
    page.select_form("household-sheet")
    assert page.masked.isChecked() and not page.masked.isEnabled()
    assert "管理员" in page.masked.toolTip()
    preview(qtbot, page)
    assert "张三" in squeeze("".join(page_texts(page.preview_path)))
    assert warnings == []


def test_an_admin_printing_full_numbers_is_asked_why(qtbot, qt_zh, logged_in, warnings, asked):
    app = logged_in("书记", "admin-pass")
    questions, answers = asked
    page = paper_page(qtbot, app)
    page.select_form("household-sheet")
    assert page.masked.isEnabled()
    page.masked.setChecked(False)
    answers.append(("入户核对", True))
    preview(qtbot, page)
    assert len(questions) == 1 and "审计" in questions[0]
    assert warnings == [] and page.document.pageCount() >= 1
    assert outputs(app)[-1] == ("书记", "household-sheet", 0, "入户核对")

    # the previewed copy goes to the printer without asking again
    page.print_ = lambda: None
    assert page._preview_is_current()


def test_cancelling_the_question_prints_nothing(qtbot, qt_zh, logged_in, warnings, asked):
    app = logged_in("书记", "admin-pass")
    page = paper_page(qtbot, app)
    page.select_form("household-sheet")
    page.masked.setChecked(False)
    before = outputs(app)
    preview(qtbot, page)                    # no answer queued: the clerk pressed Cancel
    assert outputs(app) == before and page.preview_path is None
    assert "取消" in page.status.text() and warnings == []


def test_an_admin_exports_full_numbers_with_a_reason(qtbot, qt_zh, logged_in, warnings, asked, tmp_path):
    from openpyxl import load_workbook
    app = logged_in("书记", "admin-pass")
    questions, answers = asked
    page = ExcelPage(app, DataEvents(), None)
    qtbot.addWidget(page)
    page.show()
    page.masked.setChecked(False)
    answers.append(("报街道核对", True))
    task = page.export_to("register", str(tmp_path / "r.xlsx"))
    assert task.error is None and task.result == 5, task.error
    assert len(questions) == 1
    assert outputs(app)[-1] == ("书记", "register", 0, "报街道核对")
    assert "已隐去" not in str(load_workbook(tmp_path / "r.xlsx").active["A1"].value)

    page.masked.setChecked(False)           # cancelled: no file, nothing audited
    assert page.export_to("register", str(tmp_path / "cancelled.xlsx")) is None
    assert not (tmp_path / "cancelled.xlsx").exists()


def test_a_staff_export_is_masked_without_a_question(qtbot, qt_zh, logged_in, warnings, asked, tmp_path):
    from openpyxl import load_workbook
    app = logged_in("小王", "staff-pass")
    page = ExcelPage(app, DataEvents(), None)
    qtbot.addWidget(page)
    page.show()
    assert page.masked.isChecked() and not page.masked.isEnabled()
    task = page.export_to("register", str(tmp_path / "r.xlsx"))
    assert task.error is None and task.result == 5, task.error
    assert asked[0] == []
    assert "已隐去" in load_workbook(tmp_path / "r.xlsx").active["A1"].value


def test_saving_the_preview_onto_a_full_disk_keeps_the_previous_pdf(qtbot, qt_zh, app_ctx, small_community,
                                                                   warnings, tmp_path, monkeypatch):
    """Save PDF after a preview copies the preview: a disk that fills up half-way must leave
    the previous PDF whole, as the message says ("原有的文件没有改动"), and no half file."""
    import shutil
    page = paper_page(qtbot, app_ctx)
    page.select_form("household-sheet")
    preview(qtbot, page)
    out = tmp_path / "户卡.pdf"
    out.write_bytes(b"%PDF-1.4 the good one")

    def half_then_full(source, target, *a, **kw):
        with open(source, "rb") as f, open(target, "wb") as g:
            g.write(f.read(4096))
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(shutil, "copyfile", half_then_full)
    page.save_pdf(str(out))
    assert warnings and "磁盘空间已满" in warnings[-1] and "原有的文件没有改动" in warnings[-1]
    assert out.read_bytes() == b"%PDF-1.4 the good one"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []


def test_a_preview_on_a_full_disk_says_so_without_a_file_the_clerk_never_named(
        qtbot, qt_zh, app_ctx, small_community, warnings, monkeypatch):
    """Found by hand: the preview's disk full said "文件 preview-1.pdf 没有保存……请换一个位置",
    a file the clerk never chose and a place they cannot change."""
    import desktop.printing.pages as pages

    def full(tmp, path):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(pages, "replace_with", full)
    page = paper_page(qtbot, app_ctx)
    page.select_form("household-sheet")
    preview(qtbot, page)
    assert warnings and "磁盘空间已满" in warnings[-1] and "预览没有做成" in warnings[-1]
    assert "preview-" not in warnings[-1] and "换一个位置" not in warnings[-1]
    assert page.preview_path is None


def _on_care_list_today(app, small_community) -> None:
    """张三 (13800130001) on 刘楼长's care list, due today."""
    from datetime import date
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    care = CareBook(app.db, app.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(small_community["people"]["张三"].id,
                     SubjectForm(categories=("elder_alone",), frequency="weekly", helper_id=helper.id), date.today())


def test_an_admin_prints_a_helpers_visit_sheet_with_whole_phones(qtbot, qt_zh, logged_in, small_community,
                                                                 warnings, asked):
    """The visit sheet could only be printed masked from the window: no box, and 138****0001
    on paper whatever the admin wanted. It starts masked; unticked, the phone prints whole."""
    app = logged_in("书记", "admin-pass")
    _on_care_list_today(app, small_community)
    questions, answers = asked
    page = paper_page(qtbot, app)
    page.select_form("visit-sheet")
    assert page.masked.isVisible() and page.masked.isChecked() and page.masked.isEnabled()
    preview(qtbot, page)
    assert "138****0001" in squeeze("".join(page_texts(page.preview_path))) and questions == []
    page.masked.setChecked(False)
    answers.append(("电话回访", True))
    preview(qtbot, page)
    assert "13800130001" in squeeze("".join(page_texts(page.preview_path)))
    assert outputs(app)[-1] == ("书记", "visit-sheet", 0, "电话回访") and warnings == []


def test_a_posted_paper_offers_no_full_numbers_and_staff_find_the_box_locked(qtbot, qt_zh, logged_in,
                                                                             small_community, warnings):
    app = logged_in("小王", "staff-pass")
    page = paper_page(qtbot, app)
    page.select_form("visit-sheet")
    assert page.masked.isVisible() and page.masked.isChecked() and not page.masked.isEnabled()
    page.select_form("door-sign")
    assert not page.masked.isVisible()
    page.select_form("household-sheet")
    assert page.masked.isChecked()          # a staff account's office copy stays masked too


def test_an_admin_printing_one_household_from_the_register_is_asked_once_which_household(qtbot, qt_zh, logged_in,
                                                                                        warnings, small_community):
    """打印本户登记表 (Alt+I on the register page) for an admin: the full-numbers reason is asked
    once, naming the household (the question said only 这份材料); Esc cancels it: no preview,
    nothing noted as printed. Asked again and answered, the household's sheet is previewed and
    its reason is in the audit."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication
    from ui.main_window import MainWindow
    app = logged_in("书记", "admin-pass")
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    with qtbot.waitExposed(window):
        window.show()
        window.activateWindow()
    page = window.register_page
    window.show_page("register")
    page.table.selectRow(page.people_model.row_of(small_community["people"]["张三"].id))
    page.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is window.windowHandle())
    questions = []

    def answer(keys: str):
        def poll():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QInputDialog):
                QTimer.singleShot(20, poll)
                return
            questions.append(dialog.labelText())
            if keys:
                type_text(dialog.findChild(QLineEdit), keys)
                qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key_Return)
            else:
                qtbot.keyClick(dialog, Qt.Key_Escape)
        QTimer.singleShot(20, poll)

    before = outputs(app)
    answer("")
    qtbot.keyClick(page.table, Qt.Key_I, Qt.AltModifier)        # a mnemonic clicks a moment later
    qtbot.waitUntil(lambda: len(questions) == 1, timeout=5000)
    paper = window.pages.currentWidget()
    qtbot.waitUntil(lambda: paper.status.text() != "")           # the question closed, the page said so
    assert questions == ["这一份（幸福里小区 3栋2单元501 的住户登记表）会显示完整的身份证号和电话。"
                         "请写明用途（会记入审计）："]
    assert paper.preview_path is None and paper.task is None and outputs(app) == before
    assert "取消" in paper.status.text() and warnings == []
    answer("入户核对")
    window.show_page("register")
    window.activateWindow()         # as the desktop does when a dialog closes (off screen it does not)
    page.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is window.windowHandle())
    qtbot.keyClick(page.table, Qt.Key_I, Qt.AltModifier)
    qtbot.waitUntil(lambda: paper.preview_path is not None and paper.task is None, timeout=20000)
    assert len(questions) == 2 and questions[1] == questions[0]
    assert outputs(app)[len(before):] == [("书记", "household-sheet", 0, "入户核对")]
    assert "张三" in squeeze("".join(page_texts(paper.preview_path)))
