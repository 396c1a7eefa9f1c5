"""The gate's day log at 1024×768 (出入记录): row numbers with room either side (the log had a
two-pixel strip and no numbers), names whole (they had become 「喻…」), and what gives way (the
note, a long line of the gate screen's recent passages) read whole on hover."""
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.gate import log as gate_log
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint, this_checkpoint
from desktop.gate.subjects import person_subject
from ui.widgets.screen_fit import show_at
from ui.widgets.unbroken import plain

pytestmark = pytest.mark.gui
NOTE = "去菜场买菜，下午两点前回来"


@pytest.fixture
def log_tab(qtbot, qt_zh, app_ctx, small_community):
    from PySide6.QtWidgets import QTabWidget
    from ui.main_window import MainWindow
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)         # an office that serves a gate, as the first one added did
    add_checkpoint(app_ctx.db, "王家湾组村道路口", small_community["village"].id)
    now = datetime.now().replace(microsecond=0)
    people = small_community["people"]
    for minutes, name in ((30, "张小明"), (20, "王租客")):
        subject = person_subject(app_ctx.register.person(people[name].id))
        gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out", note=NOTE), cp,
                                max(now - timedelta(minutes=minutes), now.replace(hour=0, minute=0, second=0)))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    show_at(window, 1024, 768)
    window.show_page("gate")
    tabs = window.findChild(QTabWidget, "gate_tabs")
    return window, tabs


def test_the_log_has_row_numbers_with_room_and_whole_names(qtbot, log_tab):
    from PySide6.QtWidgets import QComboBox, QTableView, QTextBrowser
    window, tabs = log_tab
    tabs.setCurrentIndex(1)
    pane = window.findChild(QTextBrowser, "gate_lists")
    assert "外出未归 (2)" in pane.toPlainText() and "全社区" not in pane.toPlainText()
    # The office's log starts at every gate; one gate chosen, its passages alone.
    gates = window.findChild(QComboBox, "gate_chooser")
    gates.setCurrentIndex(gates.findText("幸福里东门"))
    table = window.findChild(QTableView, "gate_log_table")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2 and table.verticalHeader().width() > 2)
    # Who is out and not back, and the visitors inside, are the whole community's still (people
    # come back by any gate): beside one gate's log that looked like a wrong count, so it says so.
    assert "外出未归（全社区） (2)" in pane.toPlainText() and "访客尚未离开（全社区） (0)" in pane.toPlainText()
    numbers = table.verticalHeader()
    assert table.model().headerData(1, Qt.Vertical) == "2"
    text = numbers.fontMetrics().horizontalAdvance("2")
    assert numbers.width() - text >= 2 * 6                     # six pixels a side, not none
    model = table.model()
    name = model.COLUMNS.index("name")
    for row in range(2):
        shown = model.data(model.index(row, name))
        assert table.columnWidth(name) >= table.fontMetrics().horizontalAdvance(shown) + 6   # 王租客, not 王…
    note = model.COLUMNS.index("note")
    index = model.index(0, note)
    assert table.columnWidth(note) < table.fontMetrics().horizontalAdvance(NOTE)        # cut: 去…
    assert model.data(index, Qt.ToolTipRole) == NOTE                                     # hover: whole
    assert table.isColumnHidden(model.COLUMNS.index("checkpoint"))     # one gate: its name says nothing
    assert table.horizontalScrollBar().maximum() == 0                  # nothing scrolled away
    # The side pane (外出未归): the door had gone on a line of its own, 「…3栋1单元 / 101」.
    address = model.COLUMNS.index("address")
    addresses = {model.data(model.index(row, address)) for row in range(2)}
    assert addresses and all("单元" in a for a in addresses)
    lines = pane_lines(window)
    assert [a for a in addresses if not any(a in line for line in lines)] == []


def pane_lines(window) -> list[str]:
    """The side pane's text line by line as laid out, without the marks that keep words whole."""
    from PySide6.QtWidgets import QTextBrowser
    pane = window.findChild(QTextBrowser, "gate_lists")
    lines, block = [], pane.document().begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            words = text[line.textStart():line.textStart() + line.textLength()]
            lines.append(plain(words))
        block = block.next()
    return lines


def test_every_gates_log_shows_the_time_whole_without_a_scroll(qtbot, log_tab, app_ctx, small_community):
    """All gates' passages (the office's log as it opens, or none chosen yet) at 1024×768: the time
    was cut to 「12:4…」 while the gate's name took its room, and then the gate's name was 「幸…」."""
    from PySide6.QtWidgets import QComboBox, QTableView, QTextBrowser
    window, tabs = log_tab
    # A gate's morning: three-digit row numbers and a scroll bar take their share of the width.
    people = [app_ctx.register.person(p.id) for p in small_community["people"].values()]
    gate = this_checkpoint(app_ctx.db)
    start = datetime.now().replace(hour=0, minute=0, second=1, microsecond=0)
    for n in range(100):
        gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(people[n % len(people)]), "out"),
                                gate, start + timedelta(seconds=n))
    tabs.parentWidget().events.notify("gate")        # as the gate screen says of its passages
    tabs.setCurrentIndex(1)
    table = window.findChild(QTableView, "gate_log_table")
    assert window.findChild(QComboBox, "gate_chooser").currentText() == "全部卡口"   # the office's log starts so
    model = table.model()
    at, checkpoint = model.COLUMNS.index("at"), model.COLUMNS.index("checkpoint")
    qtbot.waitUntil(lambda: model.rowCount() > 100 and not table.isColumnHidden(checkpoint))
    shown = model.data(model.index(0, at))
    assert len(shown) == 8                                                   # 12:46:13
    assert table.columnWidth(at) >= table.fontMetrics().horizontalAdvance(shown) + 6
    # The gate's name whole (it was 「幸…」, 「大…」), the side lists giving the room.
    assert table.columnWidth(checkpoint) >= table.fontMetrics().horizontalAdvance("幸福里东门") + 6
    assert table.horizontalScrollBar().maximum() == 0                        # nothing scrolled away
    pane = window.findChild(QTextBrowser, "gate_lists")
    assert pane.isVisible() and pane.width() >= 180                   # the side lists still read

def test_the_log_prints_and_exports_the_gate_and_day_it_shows(qtbot, log_tab, monkeypatch, app_ctx,
                                                               small_community, tmp_path):
    """出入记录 could not be printed or exported as it was read: the 打印 page printed a gate's
    passages of today only, its gate chosen again, and 导入导出 exported today's at every gate.
    打印… takes the gate and day the log shows there, previewed (with every gate shown it says
    to choose one: a sheet is one gate's); 导出… saves that gate's passages of that day."""
    from datetime import date
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton
    from desktop.gate.checkpoints import checkpoint_named
    from ui.pages.paper_page import PaperPage
    window, tabs = log_tab
    person = app_ctx.register.person(small_community["people"]["王大爷"].id)     # at the other gate
    gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(person), "out"),
                            checkpoint_named(app_ctx.db, "王家湾组村道路口"),
                            datetime.now().replace(hour=0, minute=0, second=1, microsecond=0))
    tabs.setCurrentIndex(1)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    printing = window.findChild(QPushButton, "gate_print")
    assert printing is not None and printing.isVisible()
    qtbot.mouseClick(printing, Qt.LeftButton)
    assert told == ["出入登记表一份只印一个卡口：请先在表格上方选一个卡口。"]
    gates = window.findChild(QComboBox, "gate_chooser")
    gates.setCurrentIndex(gates.findText("幸福里东门"))
    qtbot.mouseClick(printing, Qt.LeftButton)
    paper = window.pages.currentWidget()
    assert isinstance(paper, PaperPage) and paper.form_name() == "gate-sheet"
    request = paper.request()
    assert (request.gate, request.gate_log, request.day) == ("幸福里东门", True, date.today())
    assert paper.day.isVisible() and paper.options_form.labelForField(paper.day).text() == "日期"
    qtbot.waitUntil(lambda: paper.status.text() == "共1页。", timeout=5000)      # previewed: its two passages
    window.show_page("gate")
    offered = []
    monkeypatch.setattr("ui.pages.excel_page.ask_save_path",
                        lambda _p, _t, default, _f: (offered.append(default), str(tmp_path / "log.xlsx"))[1])
    monkeypatch.setattr("ui.pages.excel_page.full_output_reason", lambda *a: "")
    exporting = window.findChild(QPushButton, "gate_export")
    assert exporting is not None and exporting.isVisible()
    qtbot.mouseClick(exporting, Qt.LeftButton)
    assert offered == [f"幸福里东门出入记录_{date.today().isoformat()}.xlsx"]
    qtbot.waitUntil(lambda: len(told) == 2, timeout=5000)                  # 已写入 2 行
    sheet = load_workbook(tmp_path / "log.xlsx").active
    names = [row[3] for row in sheet.iter_rows(values_only=True)]
    assert "出入登记（幸福里东门）" in str(sheet["A1"].value)
    assert {"张小明", "王租客"} <= set(names) and "王大爷" not in names


def test_recent_passages_on_the_gate_screen_are_whole_on_hover(qtbot, log_tab):
    from PySide6.QtWidgets import QListWidget
    window, tabs = log_tab
    recent = window.findChild(QListWidget, "gate_recent")
    qtbot.waitUntil(lambda: recent.count() == 2)
    for row in range(2):
        item = recent.item(row)
        assert item.toolTip() == item.text() and "王租客" in recent.item(0).text()


def test_a_long_pass_line_wraps_with_its_end_date_and_reason_in_sight(qtbot, log_tab, app_ctx, small_community):
    from datetime import date
    from desktop.gate import passes as gate_passes
    from ui.gate.passes_view import PassesView
    window, tabs = log_tab
    people = small_community["people"]
    today = date.today()
    reason = "证件遗失，已补办新证，旧证作废请门岗注意核对"
    revoked = gate_passes.issue_pass(app_ctx.db, person_id=people["李梅"].id, valid_to=(today + timedelta(days=20)).isoformat())
    gate_passes.revoke_pass(app_ctx.db, revoked.id, reason)
    ending = gate_passes.issue_pass(app_ctx.db, person_id=people["张三"].id, valid_to=(today + timedelta(days=2)).isoformat())
    view = window.findChild(PassesView)
    tabs.setCurrentWidget(view)
    view.show_expiring(today)                   # from the Today page: passes that end within three days
    lines = view.passes
    qtbot.waitUntil(lambda: lines.count() == 1)
    assert ending.valid_to in lines.item(0).text()
    assert lines.horizontalScrollBar().maximum() == 0                 # nothing off the right edge: 至 2026-…
    assert lines.visualItemRect(lines.item(0)).height() >= 2 * lines.fontMetrics().lineSpacing()   # wrapped
    view.search.setText("李梅")                 # found after the search box's pause, as typed
    qtbot.waitUntil(lambda: any(reason in lines.item(i).text() for i in range(lines.count())))
    line = next(lines.item(i) for i in range(lines.count()) if reason in lines.item(i).text())
    assert lines.visualItemRect(line).height() >= 2 * lines.fontMetrics().lineSpacing()   # whole, not 旧证作废请门…
    assert lines.horizontalScrollBar().maximum() == 0


def test_text_copied_from_the_side_pane_is_plain(qtbot, qt_zh, app_ctx, small_community):
    """外出未归 copied (Ctrl+A, Ctrl+C) into a chat or Notepad showed a box between every two
    characters of each address: the word joiners that keep it whole on its line came along.
    The copy is the text as read: 3栋1单元 101, nothing between the characters."""
    from PySide6.QtWidgets import QApplication, QTextBrowser
    from ui.events import DataEvents
    from ui.gate.day_view import DayView
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    person = app_ctx.register.person(small_community["people"]["张小明"].id)
    gate_log.record_passage(app_ctx.db, gate_log.Passage(person_subject(person), "out"), cp,
                            datetime.now().replace(hour=0, minute=0, second=1, microsecond=0))
    view = DayView(app_ctx, DataEvents())
    qtbot.addWidget(view)
    pane = view.findChild(QTextBrowser, "gate_lists")
    assert "\u2060" in pane.toPlainText()                  # shown whole on its line
    QApplication.clipboard().clear()
    qtbot.keyClick(pane, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(pane, Qt.Key_C, Qt.ControlModifier)
    copied = QApplication.clipboard().text()
    # Nothing left on the clipboard: the process crashed at its exit (code 139, every test
    # passed) when the clipboard still held this copy as Qt went down.
    QApplication.clipboard().clear()
    assert "张小明" in copied and person.address.replace("\u00a0", " ") in copied.replace("\u00a0", " ")
    assert "\u2060" not in copied and "\u00a0" not in copied


def test_what_was_done_reads_whole_at_1024_in_english_and_chinese(qtbot, qt_zh, app_ctx, small_community):
    """In English at 1024 the day log's Result column read "Allo…", "Turn…" (the column is as
    wide as its header): the words are as short as the header now (OK, Back, Clinic, None), and
    the column never narrower than them (in Chinese 未记录 had become 未…). The side pane's
    fevers are the window's language, a passage after a fever whose note was corrected too."""
    from ui import i18n
    from ui.events import DataEvents
    from PySide6.QtCore import QTime
    from ui.gate.day_view import DayView, HandoverDialog
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    add_checkpoint(app_ctx.db, "王家湾组村道路口", small_community["village"].id)     # every gate's log
    # Yesterday's log (its whole day read): today's rows at 00:00-00:05 were after the clock in
    # the first minutes after midnight, and the figures read today up to now.
    start = (datetime.now() - timedelta(days=1)).replace(hour=0, minute=0, second=1, microsecond=0)
    people = small_community["people"]
    for minutes, (name, outcome) in enumerate((("张小明", "allowed"), ("王租客", "turned_back"), ("李梅", "referred"))):
        subject = person_subject(app_ctx.register.person(people[name].id))
        gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out", 38.2, outcome=outcome), cp,
                                start + timedelta(minutes=minutes))
    gate_log.record_historical_entry(app_ctx.db, gate_log.HistoricalEntry(     # a typed sheet's fever, nothing
        "张三", at=start + timedelta(minutes=5), direction="出", temperature="38.2"), cp.id)   # written beside it
    back = person_subject(app_ctx.register.person(people["张小明"].id))      # let in after his fever
    gate_log.record_passage(app_ctx.db, gate_log.Passage(back, "in", 36.5, outcome="allowed"), cp,
                            start + timedelta(minutes=3))
    old = person_subject(app_ctx.register.person(people["王大爷"].id))       # 38.2 at 23:50 the day before,
    eve = start - timedelta(minutes=10, seconds=1)                            # his card answered after midnight
    gate_log.record_passage(app_ctx.db, gate_log.Passage(old, "in", 38.2, outcome="allowed"), cp, eve)
    gate_log.record_passage(app_ctx.db, gate_log.Passage(old, "out", outcome="allowed"), cp,
                            start + timedelta(minutes=4), judged_at=start - timedelta(seconds=3))
    # Out after his fever, the note corrected since: the row still says it came after a fever.
    out = gate_log.record_passage(app_ctx.db, gate_log.Passage(back, "out", outcome="allowed"), cp,
                                  start + timedelta(minutes=6))
    gate_log.void_entry(app_ctx.db, out, "备注写错了", corrected={"note": "去医院"})
    for language in ("en", "zh_CN"):
        i18n.install_language(qt_zh, language)
        day = DayView(app_ctx, DataEvents())
        qtbot.addWidget(day)
        day.day.setDate(start.date())
        day.resize(886, 600)                      # the log tab in the window at 1024×768
        with qtbot.waitExposed(day):
            day.show()
        model, table = day.model, day.table
        outcome = model.COLUMNS.index("outcome")
        shown = {model.data(model.index(row, outcome)) for row in range(model.rowCount())}
        assert len(shown) == 4 and not table.isColumnHidden(outcome), shown
        for text in shown:
            assert table.columnWidth(outcome) >= table.fontMetrics().horizontalAdvance(text) + 10, (language, text)
        assert table.horizontalScrollBar().maximum() == 0
        fevers = plain(day.lists.toPlainText())         # the side pane's fevers: in the window's language
        said = ("Allowed", "Turned back", "Sent to the fever clinic", "Outcome not recorded") if language == "en" \
            else ("放行", "劝返", "送发热门诊", "处理结果未记录")
        assert all(f"38.2°C {words}" in fevers for words in said), fevers      # the English pane said 劝返
        after = ("00:03 张小明 in after a fever today (00:00 38.2°C): Allowed" if language == "en"
                 else "00:03 张小明 进 今日发热（00:00 38.2°C）后放行")            # English read 进 今日发热…
        assert after in fevers, fevers
        before = (f"00:04 王大爷 out after a fever ({eve.month}/{eve.day} 23:50 38.2°C): Allowed" if language == "en"
                  else f"00:04 王大爷 出 发热（{eve.month}月{eve.day}日23:50 38.2°C）后放行")    # not 今日 nor today
        assert before in fevers, fevers
        corrected = ("00:06 张小明 out after a fever today (00:00): Allowed" if language == "en"
                     else "00:06 张小明 出 今日发热（00:00）后放行")        # 发热后放行: the time the row keeps
        assert corrected in fevers, fevers
        day.gates.setCurrentIndex(day.gates.findText("幸福里东门"))     # one gate: the lists are every gate's
        heading = "Out and not back (whole community)" if language == "en" else "外出未归（全社区）"
        assert heading in plain(day.lists.toPlainText())                 # not "(Whole community)"
        # The gate's handover note, to read out: the window's language (it was Chinese only), the
        # passages after a fever as the pane says them, the corrected one with its fever's time.
        handover = HandoverDialog(app_ctx.db, day.gate(), day)
        qtbot.addWidget(handover)
        handover.since.setTime(QTime(0, 0))
        handover.refresh(start + timedelta(minutes=30))
        note = handover.text.toPlainText()
        said = ((f"Shift handover 幸福里东门 {start:%Y-%m-%d} 00:00 to 00:30", "Let in 1, let out 3; turned back 1,",
                 "Fevers: 00:00 张小明 38.2°C Allowed; 00:01 王租客 38.2°C Turned back;", after, before, corrected,
                 "Out and not back (whole community) (2): 张小明 (out ") if language == "en" else
                (f"交接班小结 幸福里东门 {start:%Y-%m-%d} 00:00 至 00:30", "放行进入 1 人次，放行外出 3 人次；劝返 1 人次，",
                 "发热：00:00 张小明 38.2°C 放行；00:01 王租客 38.2°C 劝返；", after, before, corrected,
                 "外出未归（全社区） 2 人：张小明（"))
        for words in said:
            assert words in note, (words, note)
