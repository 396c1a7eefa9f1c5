"""The paper page: preview in the window, save the PDF, print to a printer, cancel a batch,
clear messages when there is nothing to print."""
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox

from desktop.printing.catalogue import FORMS, PrintRequest
from tests.conftest import type_text
from tests.printing.conftest import page_texts, squeeze
from ui.events import DataEvents
from ui.pages.paper_page import PaperPage
from ui.print_task import PrintTask
from ui.workers.task import InlineRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    page = PaperPage(app_ctx, DataEvents())
    page.warnings = warnings
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    yield page
    page.stop_task()


def wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)


def choose_template(page, name: str) -> None:
    page.template.setCurrentIndex(page.template.findText(name))


def test_letters_preview_in_the_window_one_page_per_household(qtbot, page):
    page.select_form("notice")
    choose_template(page, "致住户的一封信（每户一封）")
    page.compound.setCurrentIndex(page.compound.findText("幸福里小区"))
    page.preview()
    wait_idle(qtbot, page)
    assert page.document.pageCount() == 2
    assert page.stack.currentWidget() is page.view
    assert "2" in page.status.text()
    assert "张三" in squeeze("".join(page_texts(page.preview_path)))
    # The letter tells people to call: without the office phone, the page says so and where.
    assert "没有填写社区电话" in page.status.text() and "请填写“社区电话”" in page.status.text()
    type_text(page.office_phone, "027-88886666")
    qtbot.keyClick(page.office_phone, Qt.Key_Return)
    page.preview_button.click()
    wait_idle(qtbot, page)
    assert "电话" not in page.status.text()
    assert "拨打社区电话027-88886666" in squeeze("".join(page_texts(page.preview_path)))


def test_every_form_in_the_list_has_its_chinese_title(page):
    """A form's command-line name (battle-map) never shows in the list of a Chinese window."""
    shown = {page.forms.item(i).data(Qt.UserRole): page.forms.item(i).text() for i in range(page.forms.count())}
    assert set(shown) == set(FORMS)
    for name, title in shown.items():
        assert title != name and re.search(r"[\u4e00-\u9fff]", title), (name, title)
    assert shown["battle-map"] == "疫情防控作战图（A3）"


def test_the_isolation_notice_and_door_sign_say_they_serve_a_medical_observation_too(page):
    """Someone under 医学观察 gets the same notice (saying 观察期间) and door sign: the list must not
    make the clerk think there is none for them."""
    shown = {page.forms.item(i).data(Qt.UserRole): page.forms.item(i).text() for i in range(page.forms.count())}
    assert shown["isolation-notice"] == "居家隔离/医学观察告知书"
    assert shown["door-sign"] == "居家隔离/医学观察门贴"
    assert shown["health-sheet"] == "健康监测记录表"            # 14 days or 28: not named by one length


def test_options_follow_the_form(page):
    page.select_form("gate-sheet")
    assert page.gate.isVisibleTo(page) and page.pages.isVisibleTo(page)
    assert not page.template.isVisibleTo(page) and not page.compound.isVisibleTo(page)
    page.select_form("notice")
    assert page.template.isVisibleTo(page) and not page.gate.isVisibleTo(page)
    # The visit sheet's helper field says that, left empty, a last sheet lists those no helper is assigned to.
    page.select_form("visit-sheet")
    assert page.helper.isVisibleTo(page) and "未安排" in page.helper.placeholderText()
    assert "帮扶人：未安排" in page.helper.toolTip()


def test_the_battle_map_for_the_notice_board_prints_no_names(qtbot, page):
    """The map printed from this page named every household's head, the isolated ones in red:
    there was no public version here (only on the battle-map page)."""
    page.select_form("battle-map")
    page.compound.setCurrentIndex(page.compound.findText("幸福里小区"))
    assert page.public_map.isVisibleTo(page) and not page.masked.isVisibleTo(page)
    qtbot.mouseClick(page.public_map, Qt.LeftButton)
    page.preview()
    wait_idle(qtbot, page)
    [text] = [squeeze(t) for t in page_texts(page.preview_path)]
    assert "公示版" in text and "501" in text
    assert not any(name in text for name in ("张三", "李梅", "王租客"))


def test_save_pdf_copies_the_preview_or_draws_it(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    page.select_form("gate-sheet")
    page.pages.setValue(3)
    target = tmp_path / "blank.pdf"
    # Pressed, as the clerk does: the button's clicked(False) was taken for the path (a
    # traceback, 门神遇到了意外的问题, nothing saved).
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, suggested, *a, **k: (offered.append(suggested), str(target), "PDF (*.pdf)")[1:])
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    wait_idle(qtbot, page)
    assert len(page_texts(target)) == 3 and "blank.pdf" in page.status.text()
    # The name offered is the form's as the list says it, and the day (it was gate-sheet.pdf).
    assert Path(offered[0]).name == f"出入登记表（空白）-{date.today().isoformat()}.pdf"
    page.preview()
    wait_idle(qtbot, page)
    again = tmp_path / "again.pdf"
    page.save_pdf(str(again))
    assert again.read_bytes() == page.preview_path.read_bytes()


def test_a_name_typed_without_pdf_is_saved_as_pdf_and_a_wrong_one_is_refused(qtbot, page, tmp_path, monkeypatch):
    """The clerk types 出入登记表 in the save dialog: the file is 出入登记表.pdf, which opens on
    the office PC. A name ending .xlsx is refused with the reason; the saved preview is kept."""
    from PySide6.QtWidgets import QFileDialog
    typed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(typed[-1]), "PDF (*.pdf)"))
    page.select_form("gate-sheet")
    page.preview()
    wait_idle(qtbot, page)
    typed.append(tmp_path / "出入登记表")
    page.save_pdf()
    assert (tmp_path / "出入登记表.pdf").read_bytes() == page.preview_path.read_bytes()
    assert not (tmp_path / "出入登记表").exists()
    typed.append(tmp_path / "出入登记表.xlsx")
    page.save_pdf()
    assert not (tmp_path / "出入登记表.xlsx").exists() and not list(tmp_path.glob(".~*"))
    assert "不能保存为“.xlsx”文件" in page.warnings[-1] and "出入登记表.pdf" in page.warnings[-1]


def test_print_sends_every_page_to_the_printer(qtbot, page, tmp_path):
    page.select_form("household-sheet")
    page.preview()
    wait_idle(qtbot, page)
    printer = QPrinter(QPrinter.ScreenResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.send_to_printer(printer) == page.document.pageCount() == 3
    assert len(page_texts(tmp_path / "printed.pdf")) == 3


def test_print_on_a_computer_without_a_printer_says_so_and_offers_the_pdf(qtbot, page, monkeypatch):
    """An office PC whose printer was never installed: 打印… opened a dialog with nothing to
    choose (or nothing at all), and the clerk did not know why nothing came out."""
    from PySide6.QtPrintSupport import QPrinterInfo
    opened = []
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: opened.append(self) or 0)
    page.select_form("household-sheet")
    page.preview()
    wait_idle(qtbot, page)
    page.print_()
    assert opened == [] and "没有安装打印机" in page.warnings[-1] and "保存PDF" in page.warnings[-1]


@pytest.mark.qt_log_ignore("QPainter::begin")        # what Qt logs for the printer that failed
def test_a_printer_that_takes_no_page_is_said_not_counted_as_zero_pages_sent(qtbot, page, tmp_path):
    page.select_form("household-sheet")
    page.preview()
    wait_idle(qtbot, page)
    printer = QPrinter(QPrinter.ScreenResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "no such folder" / "printed.pdf"))   # begin() fails
    assert page.send_to_printer(printer) == 0
    assert "打印机没有接收" in page.warnings[-1] and "0" not in page.status.text()

def test_the_days_gate_log_previews_with_its_passages(qtbot, page, app_ctx, small_community):
    from datetime import date, datetime, time
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    gate = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    person = app_ctx.register.person(small_community["people"]["张三"].id)
    day = date(2026, 12, 4)
    record_passage(app_ctx.db, Passage(person_subject(person), "out"), gate, when=datetime.combine(day, time(9, 0)))
    page.select_form("gate-sheet")
    assert page.options_form.isRowVisible(page.pages) and not page.options_form.isRowVisible(page.day)
    page.day_log.setChecked(True)
    assert not page.options_form.isRowVisible(page.pages)
    page.day.setDate(day)                       # the day of the log printed: its own field
    page.gate.setEditText("幸福里东门")
    page.preview()
    wait_idle(qtbot, page)
    assert not page.warnings and page.preview_path is not None
    assert "张三" in squeeze(page_texts(page.preview_path)[0])


def test_a_form_with_nothing_to_print_says_so(qtbot, page):
    page.select_form("passes")
    page.preview()
    wait_idle(qtbot, page)
    assert page.warnings and "没有有效的出入证" in page.warnings[0]
    assert page.preview_path is None


def test_cancel_stops_the_batch_and_shows_nothing(qtbot, page, monkeypatch):
    start = PrintTask.start
    monkeypatch.setattr(PrintTask, "start", lambda self: (self.cancel(), start(self)))
    page.select_form("household-sheet")
    page.preview()
    wait_idle(qtbot, page)
    assert page.preview_path is None
    assert page.status.text() == page.tr("Cancelled. Nothing was printed.")
    assert page.preview_button.isEnabled()


def test_worker_cancelled_leaves_no_file(app_ctx, small_community, tmp_path):
    path = tmp_path / "x.pdf"
    task = PrintTask(app_ctx.register, PrintRequest("household-sheet"), path, runner=InlineRunner())
    seen = []
    task.cancelled.connect(lambda: seen.append("cancelled"))
    task.cancel()
    task.start()
    assert seen == ["cancelled"] and not path.exists() and not list(tmp_path.glob(".~*"))


def test_a_notice_edited_after_its_preview_is_saved_and_printed_as_edited(qtbot, page, tmp_path, monkeypatch):
    """Found by hand: the clerk previews the office's notice, opens 编辑模板, corrects the
    hotline and saves, closes the editor and saves the PDF (or prints): the file held the old
    text, copied from the preview made before the edit."""
    from desktop.printing.records import NoticeTemplate
    from ui.dialogs.notice_editor_dialog import NoticeEditorDialog
    page.library.save(NoticeTemplate("", "门岗通知", "门岗通知", "值班电话：88880000。"))
    page.events.notify("paper")
    page.select_form("notice")
    choose_template(page, "门岗通知")
    page.preview()
    wait_idle(qtbot, page)
    assert "88880000" in squeeze(page_texts(page.preview_path)[0])

    def edit_and_close(dialog):
        dialog.body.setPlainText("值班电话：66660000。")
        assert dialog.save() is not None
        return 0
    monkeypatch.setattr(NoticeEditorDialog, "exec", edit_and_close)
    page.open_editor()
    assert "Preview" in page.status.text() or "预览" in page.status.text()
    target = tmp_path / "通知.pdf"
    page.save_pdf(str(target))
    wait_idle(qtbot, page)
    text = squeeze(page_texts(target)[0])
    assert "66660000" in text and "88880000" not in text


def test_a_clerk_sees_the_office_phone_as_the_admins_and_meets_no_error(qtbot, qt_zh, app_ctx, small_community):
    """The office's phone and red header are the admin's settings: a clerk who typed the phone
    met "没有“修改设置”的权限" on leaving the field, and the notice went without it."""
    from desktop.settings import get_setting
    from desktop.accounts import login
    from tests.conftest import logged_in_as, type_text
    logged_in_as(app_ctx.db, "小王", "staff", "staff-pass")
    clerk = PaperPage(app_ctx, DataEvents())
    qtbot.addWidget(clerk)
    clerk.show()
    type_text(clerk.office_phone, "027-88886666")
    qtbot.keyClick(clerk.office_phone, Qt.Key_Return)        # an exception here fails the test
    assert clerk.office_phone.isReadOnly() and clerk.office_masthead.isReadOnly()
    assert clerk.office_phone.placeholderText() == "还没有填写：请管理员填写"
    assert "只有管理员可以修改" in clerk.office_phone.toolTip() and get_setting(app_ctx.db, "office_phone") == ""
    login(app_ctx.db, "书记", "admin-pass")
    admin = PaperPage(app_ctx, DataEvents())
    qtbot.addWidget(admin)
    admin.show()
    type_text(admin.office_phone, "027-88886666")
    qtbot.keyClick(admin.office_phone, Qt.Key_Return)
    assert get_setting(app_ctx.db, "office_phone") == "027-88886666"


def test_a_stored_template_with_an_emoji_previews_to_a_chinese_message_naming_it(qtbot, page, app_ctx):
    """A template saved before the editor checked its characters (or by an older copy, synced):
    its 😷 printed as an empty box. Now the page says which template, what and where."""
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO notice_template (id, name, kind, title, body, created_site, created_wall,"
                     " updated_wall) VALUES ('t-emoji', '戴口罩通知', 'notice', '关于戴口罩的通知',"
                     " '请配合。\n出门请戴口罩😷。', ?, '2020-02-10T08:00:00', '2020-02-10T08:00:00')",
                     (app_ctx.db.site.site_id,))
    page.refresh()
    page.select_form("notice")
    choose_template(page, "戴口罩通知")
    page.preview()
    wait_idle(qtbot, page)
    assert page.preview_path is None and page.stack.currentWidget() is page.hint
    assert len(page.warnings) == 1
    assert "通知模板“戴口罩通知”印不成：正文第2段里的“😷”印不出来" in page.warnings[0]
    assert page.status.text() == page.warnings[0]
    assert page.preview_button.isEnabled()


def test_a_gate_typed_with_an_emoji_is_said_and_the_page_goes_on(qtbot, page):
    page.select_form("gate-sheet")
    type_text(page.gate, "南门😷")
    page.preview()
    wait_idle(qtbot, page)
    assert page.preview_path is None
    assert page.warnings and "卡口名称里的“😷”印不出来" in page.warnings[0]
    page.gate.setEditText("南门")
    page.preview()
    wait_idle(qtbot, page)
    assert page.preview_path is not None and "南门" in page_texts(page.preview_path)[0]


def test_the_visit_sheet_of_tomorrow_lists_who_falls_due_then(qtbot, page, app_ctx, small_community):
    """Tomorrow's round printed the evening before: the page had no day, so the sheet was
    always today's and 李梅 (visited today, daily) was not on it. The day typed into the field
    heads the sheet, its due say 当天应访, and a day that does not exist is said, not printed."""
    from datetime import date, timedelta

    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm, VisitForm
    today = date.today()
    tomorrow = today + timedelta(days=1)
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    daily = care.add_subject(small_community["people"]["李梅"].id, SubjectForm(
        categories=("treatment",), frequency="daily", helper_id=helper.id), today)
    care.record_visit(daily.id, VisitForm(visited_on=today.isoformat(), found="透析按时去了"), today)
    page.select_form("visit-sheet")
    assert page.day.isVisibleTo(page) and page.day.text() == today.isoformat()
    page.select_form("gate-sheet")
    assert not page.day.isVisibleTo(page)
    page.select_form("visit-sheet")
    page.day.clear()
    type_text(page.day, tomorrow.isoformat())
    page.preview()
    wait_idle(qtbot, page)
    text = squeeze(" ".join(page_texts(page.preview_path)))
    assert f"日期：{tomorrow.isoformat()}" in text and "李梅" in text and "当天应访" in text
    page.day.clear()
    type_text(page.day, f"{today.year}-02-30")
    page.day.editingFinished.emit()
    shown = page.preview_path
    page.preview()
    assert page.task is None and page.preview_path == shown
    assert page.warnings[-1].startswith("日期不存在") and f"{today.year}-02-30" in page.status.text()
