"""The Today page and the battle map page on the hand-built community (tests/overview): the
window opens on Today, each figure opens its list filtered, the map colours, filters, hover,
click, and the charts saved as PNG. Computation goes through the runner; tests run it inline."""
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.care.records import FollowUpForm
from desktop.gate.log import Passage, record_passage
from desktop.gate.subjects import person_subject
from tests.overview.conftest import NOW, TODAY, clock, community  # noqa: F401  (fixtures)
from ui.events import DataEvents
from ui.main_window import MainWindow
from ui.pages.battle_map_page import BattleMapPage
from ui.pages.today_page import TodayPage
from ui.workers.task import InlineRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def day(app_ctx, community, clock):
    """张三 isolated yesterday, 李梅 away this morning, 王租客 under observation ending tomorrow;
    at the gate, a passage at 23:59 yesterday and one at 00:01 today."""
    r, p, iso = app_ctx.register, community["people"], community["iso"]
    clock.at = "2020-02-19T10:00:00"
    iso.start(p["张三"].id, "home_isolation", "密接", "2020-02-07", TODAY)
    clock.at = "2020-02-20T07:00:00"
    r.set_status(p["李梅"].id, "away", "回老家")
    ep = iso.start(p["王租客"].id, "observation", "返汉", "2020-02-08", TODAY)
    iso.record_followup(ep.id, TODAY, FollowUpForm("morning", "36.6"), TODAY)
    iso.record_followup(ep.id, TODAY, FollowUpForm("evening", "36.6"), TODAY)
    s = person_subject(r.person(p["张小明"].id))
    cp = community["checkpoint"]
    record_passage(app_ctx.db, Passage(s, "out"), cp, datetime(2020, 2, 19, 23, 59))
    record_passage(app_ctx.db, Passage(s, "in", 36.5), cp, datetime(2020, 2, 20, 0, 1))
    return community


@pytest.fixture
def window(qtbot, app_ctx, day):
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    w.show()
    w.today_page.wait()
    w.today_page.runner = InlineRunner()
    w.today_page.set_now(NOW)
    return w


def test_the_window_opens_on_today_with_the_figures_of_the_day(window):
    assert window.page_names[:3] == ["today", "register", "battle_map"]
    assert window.pages.currentWidget() is window.today_page and window.nav.currentRow() == 0
    b = window.today_page.buttons
    assert b["status_home_isolation"].text().startswith("1  (±0)")
    assert b["status_away"].text().startswith("1  (+1)")
    assert b["status_observation"].text().startswith("1  (+1)")
    assert b["isolation_ending_today"].value == 1 and b["isolation_ending_tomorrow"].value == 1
    assert b["followups_not_done"].value == 1             # 张三 not checked yet, 王租客 checked
    assert b["gate_in"].value == 1 and b["gate_out"].value == 0   # 23:59 was yesterday
    assert b["care_overdue"].value == 1
    [line] = window.today_page.gate_lines                  # in the window's language
    assert line.startswith("幸福里东门") and "1" in line
    # Sync has landed: nothing waits for review here (no conflict, no duplicate ID number).
    assert window.today_page.sync_label.isVisible() and window.today_page.sync_label.text().endswith("0")


def test_a_status_figure_opens_the_register_on_those_people(qtbot, window):
    qtbot.mouseClick(window.today_page.buttons["status_away"], Qt.LeftButton)
    page = window.pages.currentWidget()
    assert page is window.register_page
    model = page.people_model
    assert [model.person(r).full_name for r in range(model.rowCount())] == ["李梅"]
    # A click on the place chosen in the tree shows everyone there again.
    tree = page.tree
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualRect(tree.model().index(0, 0)).center())
    assert page.people_model.rowCount() == 6


def test_isolation_and_care_figures_open_their_lists_filtered(qtbot, window):
    qtbot.mouseClick(window.today_page.buttons["isolation_ending_tomorrow"], Qt.LeftButton)
    page = window.pages.currentWidget()
    assert [page.model.item(r).episode.full_name for r in range(page.model.rowCount())] == ["王租客"]
    window.show_page("today")
    qtbot.mouseClick(window.today_page.buttons["followups_not_done"], Qt.LeftButton)
    assert page.unchecked_only.isChecked()
    assert [page.model.item(r).episode.full_name for r in range(page.model.rowCount())] == ["张三"]
    window.show_page("today")
    qtbot.mouseClick(window.today_page.buttons["care_overdue"], Qt.LeftButton)
    care = window.pages.currentWidget()
    assert care.due_filter.currentData() == "overdue"
    assert [care.model.item(r).subject.full_name for r in range(care.model.rowCount())] == ["刘奶奶"]


def test_gate_figures_open_the_days_log_at_every_gate(qtbot, window):
    qtbot.mouseClick(window.today_page.buttons["gate_in"], Qt.LeftButton)
    gate = window.pages.currentWidget()
    assert gate.tabs.currentWidget() is gate.day_view
    assert gate.day_view.day.date().toPython() == TODAY and not gate.day_view.this_gate_only.isChecked()
    assert gate.day_view.model.rowCount() == 1


def test_a_change_is_counted_again(qtbot, app_ctx, day, clock):
    page = TodayPage(app_ctx, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(page)
    page.set_now(NOW)
    assert page.buttons["status_healthy"].value == 3
    clock.at = "2020-02-20T09:00:00"
    app_ctx.register.set_status(day["people"]["王大爷"].id, "away", "走亲戚")
    page.events.notify("register")
    page.show()
    qtbot.waitUntil(lambda: page.buttons["status_away"].value == 2, timeout=5000)
    assert page.buttons["status_healthy"].text().startswith("2  (-3)")     # 李梅, 王租客 and 王大爷 today


def test_charts_are_drawn_and_saved_as_png(qtbot, tmp_path, app_ctx, day):
    page = TodayPage(app_ctx, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(page)
    page.set_now(NOW)
    page.tabs.setCurrentIndex(1)
    assert page.charts_data["hours"].series["in"][0] == 1
    assert page.charts_data["status"].series["home_isolation"][-2:] == (1, 1)
    saved = page.save_charts(tmp_path)
    assert len(saved) == 5 and all(p.stat().st_size > 1000 for p in saved)
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".~*"))
    from PySide6.QtGui import QImage
    assert QImage(str(saved[0])).width() == 900


def test_charts_on_a_read_only_folder_say_so_in_chinese(qtbot, tmp_path, app_ctx, day, monkeypatch):
    """A write-protected stick: the message says what happened and what to do, not an errno."""
    import errno
    import ui.widgets.chart_view as chart_view
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def refused(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))
    monkeypatch.setattr(chart_view, "atomic_write", lambda path: refused(path))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    page = TodayPage(app_ctx, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(page)
    page.set_now(NOW)
    page.ask_save_charts()
    assert len(said) == 1 and "只读" in said[0] and "Errno" not in said[0], said


@pytest.fixture
def map_page(qtbot, app_ctx, day):
    page = BattleMapPage(app_ctx, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.set_today(TODAY)
    return page


def _centre(view, household_id):
    rect = view.cell_rect(household_id)
    return QPointF(rect.center()).toPoint()


def test_the_map_colours_households_and_shows_the_counts(map_page, day):
    assert [map_page.compound.itemText(i) for i in range(map_page.compound.count())] == ["幸福里小区", "王家湾组"]
    h1 = day["households"][0]
    assert map_page.view.household_at(*_xy(map_page.view, h1.id)).status == "home_isolation"
    text = map_page.legend.text()
    from desktop import vocab
    from ui import i18n
    c = map_page.current_compound()
    assert c.households["home_isolation"] == 1 and c.households["empty"] == 1 and c.people["away"] == 1
    # The legend names each colour with its counts (in the window's language).
    assert i18n.label(vocab.STATUS, "home_isolation") in text and text.count("1") >= 3
    tip = map_page.view.describe(map_page.view.household_at(*_xy(map_page.view, h1.id)))
    assert "张三" in tip and "3栋2单元501" in tip
    map_page.public.setChecked(True)
    tip = map_page.view.describe(map_page.view.household_at(*_xy(map_page.view, h1.id)))
    assert "张三" not in tip and "3栋2单元501" in tip


def _xy(view, household_id):
    c = view.cell_rect(household_id).center()
    return c.x(), c.y()


def test_filters_pick_out_households_and_a_click_opens_one(qtbot, app_ctx, day):
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.today_page.wait()
    window.show_page("battle_map")
    page = window.pages.currentWidget()
    page.wait()
    qtbot.waitUntil(lambda: page.map is not None, timeout=5000)
    page.filters["tenant"].setChecked(True)
    assert page.view.filters == {"tenant"}
    h2 = day["households"][1]
    qtbot.mouseClick(page.view, Qt.LeftButton, pos=_centre(page.view, h2.id))
    assert window.pages.currentWidget() is window.register_page
    model = window.register_page.people_model
    assert [model.person(r).full_name for r in range(model.rowCount())] == ["王租客"]


def test_the_page_prints_the_a3_map_of_the_compound_shown(tmp_path, map_page):
    printed = map_page.print_to(str(tmp_path / "map.pdf"), public=True)
    assert printed.pages == 1
    from tests.printing.conftest import page_texts, squeeze
    text = squeeze(page_texts(tmp_path / "map.pdf")[0])
    assert "幸福里小区" in text and "张三" not in text


def test_passes_expiring_opens_the_passes_that_end_soon(qtbot, app_ctx, day):
    """The figure counts passes ending within three days, and its click lists exactly those,
    soonest first (one rule: desktop.gate.passes.expiring_passes)."""
    from desktop.gate import passes
    homes = [h.id for h in app_ctx.register.households_in("compound", app_ctx.register.compounds()[0].id)]
    today = NOW.date()
    soon = passes.issue_pass(app_ctx.db, household_id=homes[0], valid_from=today.isoformat(), today=today,
                             valid_to=(today + timedelta(days=2)).isoformat())
    passes.issue_pass(app_ctx.db, household_id=homes[1], valid_from=today.isoformat(), today=today,
                      valid_to=(today + timedelta(days=30)).isoformat())
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    w.show()
    w.today_page.wait()
    w.today_page.runner = InlineRunner()
    w.today_page.set_now(NOW)
    assert w.today_page.buttons["passes_expiring"].value == 1
    qtbot.mouseClick(w.today_page.buttons["passes_expiring"], Qt.LeftButton)
    view = w.pages.currentWidget().passes_view
    assert w.pages.currentWidget().tabs.currentWidget() is view
    shown = [view.passes.item(i).data(Qt.UserRole).pass_no for i in range(view.passes.count())]
    assert shown == [soon.pass_no]
    assert view.message.text().startswith("1")


def test_the_first_count_waits_for_the_window_to_be_built(qtbot, app_ctx, day):
    """No count runs beside the window's construction (a worker thread beside it crashed the
    program now and then at start): the page's first count starts from the event loop."""
    started = []

    class Recording(InlineRunner):
        def start(self, task):
            started.append(task)
            super().start(task)
    page = TodayPage(app_ctx, DataEvents(), runner=Recording())
    qtbot.addWidget(page)
    assert started == []
    qtbot.waitUntil(lambda: len(started) == 1, timeout=5000)
    assert page.buttons["status_healthy"].value > 0


def test_gates_are_listed_as_people_count_them_and_kept_passages_are_said(window, app_ctx, day, qt_zh):
    """Today listed 12号门 before 3号门 (by characters; the gate list counts 3 before 12), and a
    gate's figures counted passages still kept in the gate journal without saying so."""
    from dataclasses import replace

    from desktop.gate.checkpoints import add_checkpoint
    compound = day["checkpoint"].compound_id
    for name in ("12号门", "3号门"):
        add_checkpoint(app_ctx.db, name, compound)
    page = window.today_page
    page.set_now(NOW)
    names = [line.split("：")[0].split(":")[0] for line in page.gate_lines]
    assert names.index("3号门") < names.index("12号门")
    east = page.figures.by_gate[0]
    page.show_figures(replace(page.figures, by_gate=(replace(east, kept=2),)))
    [line] = page.gate_lines
    assert line.startswith("3号门") and "（其中2条暂存在本机，尚未写入数据文件）" in line
