"""A new office and its gate laptop, walked end to end: the office's day log (出入记录) and the
gate's paper on the 打印 page say what they show, wherever the office's first checkpoint was added."""
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QPushButton

from desktop.accounts.roles import Actor
from desktop.accounts.session import start_session
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import checkpoint_named
from desktop.gate.subjects import person_subject
from tests.conftest import type_text
from ui.events import DataEvents

pytestmark = pytest.mark.gui


def _passage(app_ctx, people, name: str, gate: str, hour: int) -> None:
    subject = person_subject(app_ctx.register.person(people[name].id))
    gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out"), checkpoint_named(app_ctx.db, gate),
                            datetime.now().replace(hour=hour, minute=0, second=0, microsecond=0))


def test_the_offices_day_log_shows_every_gate_and_the_gate_laptops_its_own(qtbot, qt_zh, app_ctx, small_community):
    """The office added its two gates in 卡口设置 (the first made the office PC "serve" it): its
    出入记录 opened with 只看本卡口 ticked and listed the first gate's passages alone, while Today
    counted both; its gate screen saved passages at 幸福里东门 unasked. The office starts at every
    gate and serves none (serve_checkpoint: chosen on the machine); the gate laptop's guard
    answers 这是哪个卡口？ once and its log is then its own gate's."""
    from ui.pages.gate_page import GatePage
    start_session(app_ctx.db, Actor("书记", "admin"))
    page = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.settings_view)
    for name in ("幸福里东门", "幸福里西门"):
        type_text(page.settings_view.name, name)
        page.settings_view.findChild(QPushButton, "checkpoint_add").click()
    settings = page.settings_view
    assert settings.serving.currentText() == "（不在卡口使用）"     # adding a gate is not serving it
    assert page.screen.checkpoint is None and "幸福里东门" not in page.screen.gate_label.text()
    assert page.screen.name_label.text() == "这台电脑在哪个卡口？"           # it asks, saves nothing unasked
    people = small_community["people"]
    _passage(app_ctx, people, "张三", "幸福里东门", 0)
    _passage(app_ctx, people, "李梅", "幸福里西门", 0)
    page.events.notify("gate")
    page.tabs.setCurrentWidget(page.day_view)
    day = page.day_view
    assert not day.this_gate_only.isChecked()
    assert day.model.rowCount() == 2 and "出：2" in day.counts.text()
    assert not day.table.isColumnHidden(day.model.COLUMNS.index("checkpoint"))      # which gate, per row
    # One gate's day: its 只看本卡口 changed nothing (it serves none), and there was no choice.
    assert not day.this_gate_only.isVisible() and day.gates.isVisible()
    assert [day.gates.itemText(i) for i in range(day.gates.count())] == ["全部卡口", "幸福里东门", "幸福里西门"]
    day.gates.setFocus()
    qtbot.keyClick(day.gates, Qt.Key_Down)
    qtbot.keyClick(day.gates, Qt.Key_Down)                    # 幸福里西门
    assert day.gates.currentText() == "幸福里西门"
    assert day.model.rowCount() == 1 and "出：1" in day.counts.text()
    assert day.model.entry(0).checkpoint == "幸福里西门"
    assert day.table.isColumnHidden(day.model.COLUMNS.index("checkpoint"))
    qtbot.keyClick(day.gates, Qt.Key_Home)                    # every gate again
    assert day.model.rowCount() == 2

    start_session(app_ctx.db, Actor("老李", "gate"))           # the gate laptop at 幸福里东门
    gate = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(gate)
    gate.show()
    log = gate.day_view                                       # which gate is it? not known yet
    assert not log.this_gate_only.isVisibleTo(log) and log.gates.isVisibleTo(log)
    assert log.gates.currentText() == "全部卡口"
    qtbot.keyClicks(gate.screen.entry, "1")                   # 1  幸福里东门
    qtbot.keyClick(gate.screen.entry, Qt.Key_Return)
    assert "幸福里东门" in gate.screen.gate_label.text()
    gate.tabs.setCurrentWidget(gate.day_view)
    assert gate.day_view.this_gate_only.isChecked() and gate.day_view.model.rowCount() == 1
    assert gate.day_view.this_gate_only.isVisible() and not gate.day_view.gates.isVisible()
    qtbot.mouseClick(gate.day_view.this_gate_only, Qt.LeftButton)      # every gate, when asked
    assert gate.day_view.model.rowCount() == 2


def test_the_print_pages_gate_paper_says_what_it_prints_and_offers_the_gates(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """打印: the one form for blank sheets and a gate's day was called 出入登记表（空白）, its 卡口
    an empty box to type a name into though the office had two gates; the day's log was saved as
    出入登记表（空白）-….pdf. The name says both; the box offers the gates, this machine's first."""
    from datetime import date
    from PySide6.QtWidgets import QFileDialog, QListWidget, QMessageBox
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
    from ui.pages.paper_page import PaperPage
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warned: {a[2]}"))
    add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里西门", small_community["compound"].id).id)
    page = PaperPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    forms = page.findChild(QListWidget, "form_list")
    [item] = [forms.item(i) for i in range(forms.count()) if forms.item(i).data(Qt.UserRole) == "gate-sheet"]
    assert item.text() == "出入登记表（空白表或当天记录）"
    forms.setCurrentItem(item)
    assert [page.gate.itemText(i) for i in range(page.gate.count())] == ["幸福里西门", "幸福里东门"]
    assert page.gate.currentText() == "幸福里西门"              # this machine's gate, ready
    qtbot.mouseClick(page.day_log, Qt.LeftButton)
    assert page.day_log.text() == "打印这个卡口某一天的出入记录（不是空白表）"
    assert page.options_form.labelForField(page.day).text() == "日期" and page.day.isVisible()
    request = page.request()
    assert (request.gate, request.gate_log, request.day) == ("幸福里西门", True, date.today())
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",         # the clerk looks at the name, cancels
                        lambda _p, _t, suggested, *a, **k: (offered.append(suggested), "", "")[1:])
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert Path(offered[0]).name == f"幸福里西门出入记录-{date.today().isoformat()}.pdf"


def test_the_offices_handover_note_covers_the_gates_its_day_log_shows_and_names_them(
        qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """The office's 出入记录 showed both gates, but its 交接班 note covered 幸福里东门 alone (the
    gate this PC happened to serve) under that name: the next shift read one gate's figures as
    the day's. The note follows the log's choice: every gate, said so with their names; a gate
    chosen in the log's 卡口 box (not the one the office serves), that gate's."""
    from ui.gate.day_view import HandoverDialog
    from ui.pages.gate_page import GatePage
    start_session(app_ctx.db, Actor("书记", "admin"))
    page = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    settings = page.settings_view
    page.tabs.setCurrentWidget(settings)
    for name in ("幸福里东门", "幸福里西门"):
        type_text(settings.name, name)
        settings.findChild(QPushButton, "checkpoint_add").click()
    # An office that serves 东门 (chosen in 这台电脑服务于, as adding the first gate did before).
    settings.serving.setCurrentIndex(settings.serving.findText("幸福里东门"))
    settings.serving.activated.emit(settings.serving.currentIndex())
    people = small_community["people"]
    _passage(app_ctx, people, "张三", "幸福里东门", 0)
    _passage(app_ctx, people, "李梅", "幸福里西门", 0)
    page.tabs.setCurrentWidget(page.day_view)
    day = page.day_view
    assert day.model.rowCount() == 2                # every gate, as the office's log starts
    notes = []

    def read(dialog):                               # the shift began at midnight; the clerk reads the note
        qtbot.addWidget(dialog)
        dialog.since.setTime(QTime(0, 0))
        notes.append(dialog.text.toPlainText())
        return 0
    monkeypatch.setattr(HandoverDialog, "exec", read)
    handover = day.findChild(QPushButton, "gate_handover")
    qtbot.mouseClick(handover, Qt.LeftButton)
    first = notes[-1].splitlines()[0]
    assert first.startswith("交接班小结 全部卡口（幸福里东门、幸福里西门）")
    assert "放行外出 2 人次" in notes[-1] and "外出未归 2 人" in notes[-1]
    day.gates.setCurrentIndex(day.gates.findText("幸福里西门"))     # one gate, when asked
    assert day.model.rowCount() == 1
    qtbot.mouseClick(handover, Qt.LeftButton)
    assert notes[-1].startswith("交接班小结 幸福里西门 ") and "放行外出 1 人次" in notes[-1]
    # Who is out is counted at every gate (back by any gate): one gate's note says so, as the
    # log's side list does (it read 外出未归 2 人 beside 放行外出 1 人次, without a word).
    assert "外出未归（全社区） 2 人" in notes[-1] and "外出未归（全社区）" not in notes[0]


def test_an_office_that_served_its_first_gate_can_stop_serving_it(qtbot, qt_zh, app_ctx, small_community):
    """An office PC that served its first gate under the old rule (adding it served it) kept
    serving it: 这台电脑服务于 offered （请选择）, which did nothing, and its gate screen kept saving
    passages at 幸福里东门 unasked. The clerk chooses （不在卡口使用）: the screen asks which gate."""
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint, this_checkpoint
    from ui.pages.gate_page import GatePage
    start_session(app_ctx.db, Actor("书记", "admin"))
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id).id)
    add_checkpoint(app_ctx.db, "幸福里西门", small_community["compound"].id)
    page = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    assert "幸福里东门" in page.screen.gate_label.text()
    settings = page.settings_view
    page.tabs.setCurrentWidget(settings)
    assert settings.serving.currentText() == "幸福里东门"
    settings.serving.setFocus()
    qtbot.keyClick(settings.serving, Qt.Key_Home)                 # （不在卡口使用）, the first
    assert settings.serving.currentText() == "（不在卡口使用）"
    assert this_checkpoint(app_ctx.db) is None
    assert settings.message.text() == "这台电脑不再服务于卡口“幸福里东门”：在这台电脑上登记出入前，会先问是哪个卡口。"
    assert page.screen.name_label.text() == "这台电脑在哪个卡口？" and "幸福里东门" not in page.screen.gate_label.text()


def test_the_day_log_of_the_only_gate_prints_it(qtbot, qt_zh, app_ctx, small_community, monkeypatch):
    """With one gate set up there is no 卡口 box; 打印… said to choose one in it. It prints that gate."""
    from datetime import date
    from PySide6.QtWidgets import QMessageBox, QPushButton, QStackedWidget, QWidget
    from desktop.gate.checkpoints import add_checkpoint
    from ui.gate.day_view import DayView
    add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: pytest.fail(f"told: {a[2]}"))
    printed = []

    class Paper(QWidget):                   # the 打印 page as the window shows it
        def print_gate_log(self, gate, day):
            printed.append((gate, day))
    window = QWidget()
    window.page_names, window.pages = ["gate", "paper"], QStackedWidget(window)
    window.pages.addWidget(Paper())
    window.show_page = lambda name: window.pages.setCurrentIndex(0)
    qtbot.addWidget(window)
    view = DayView(app_ctx, DataEvents(), window)
    window.show()
    assert not view.gates.isVisible() and not view.this_gate_only.isVisible()
    qtbot.mouseClick(view.findChild(QPushButton, "gate_print"), Qt.LeftButton)
    assert printed == [("幸福里东门", date.today())]
