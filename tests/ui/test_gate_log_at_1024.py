"""The gate's day log at 1024×768 (出入记录): row numbers with room either side (the log had a
two-pixel strip and no numbers), names whole (they had become 「喻…」), and what gives way (the
note, a long line of the gate screen's recent passages) read whole on hover."""
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.gate import log as gate_log
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
from desktop.gate.subjects import person_subject
from ui.widgets.screen_fit import show_at

pytestmark = pytest.mark.gui
NOTE = "去菜场买菜，下午两点前回来"


@pytest.fixture
def log_tab(qtbot, qt_zh, app_ctx, small_community):
    from PySide6.QtWidgets import QTabWidget
    from ui.main_window import MainWindow
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    now = datetime.now().replace(microsecond=0)
    people = small_community["people"]
    for minutes, name in ((30, "张小明"), (20, "王租客")):
        subject = person_subject(app_ctx.register.person(people[name].id))
        gate_log.record_passage(app_ctx.db, gate_log.Passage(subject, "out", note=NOTE), cp,
                                max(now - timedelta(minutes=minutes), now.replace(hour=0, minute=0, second=0)))
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    show_at(window, 1024, 768)
    window.show_page("gate")
    tabs = window.findChild(QTabWidget, "gate_tabs")
    return window, tabs


def test_the_log_has_row_numbers_with_room_and_whole_names(qtbot, log_tab):
    from PySide6.QtWidgets import QTableView
    window, tabs = log_tab
    tabs.setCurrentIndex(1)
    table = window.findChild(QTableView, "gate_log_table")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2 and table.verticalHeader().width() > 2)
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
    assert table.isColumnHidden(model.COLUMNS.index("checkpoint"))     # this gate only: its name says nothing
    assert table.horizontalScrollBar().maximum() == 0                  # nothing scrolled away


def test_recent_passages_on_the_gate_screen_are_whole_on_hover(qtbot, log_tab):
    from PySide6.QtWidgets import QListWidget
    window, tabs = log_tab
    recent = window.findChild(QListWidget, "gate_recent")
    qtbot.waitUntil(lambda: recent.count() == 2)
    for row in range(2):
        item = recent.item(row)
        assert item.toolTip() == item.text() and "王租客" in recent.item(0).text()
