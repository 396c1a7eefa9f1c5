"""The Today page (今日概况), the first page a secretary opens in the morning: people by status
and the change since yesterday, isolations ending, follow-ups and care visits still to do,
the gates' traffic, fevers and who is out, passes expiring; each figure opens its list,
filtered. A second tab holds the charts. The figures are desktop/overview's, computed off
the UI thread; this page only draws them."""
import html
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget)

from desktop import vocab
from desktop.app import App
from desktop.overview.charts import all_charts
from desktop.overview.today import TodayFigures, today_figures
from ui import i18n
from ui.duty_words import overlap_text
from ui.events import DataEvents
from ui.failures import show_failure
from ui.widgets.chart_view import ChartView
from ui.workers.task import Task, shared_runner, wait_for

# Where each figure leads: (page name, method of that page, arguments from the day).
LINKS = {
    **{f"status_{s}": ("register", "show_status", lambda d, s=s: (s,)) for s in vocab.STATUS},
    "isolation_ending_today": ("isolation", "show_filtered", lambda d: {"ending_on": d}),
    "isolation_ending_tomorrow": ("isolation", "show_filtered", lambda d: {"ending_on": d + timedelta(days=1)}),
    "followups_not_done": ("isolation", "show_filtered", lambda d: {"unchecked_only": True}),
    "isolation_fevers": ("isolation", "show_filtered", lambda d: {}),
    "care_due": ("care", "show_due", lambda d: ("due",)),
    "care_overdue": ("care", "show_due", lambda d: ("overdue",)),
    "care_neglected": ("care", "show_due", lambda d: ("neglected",)),
    "gate_in": ("gate", "show_day_log", lambda d: (d,)),
    "gate_out": ("gate", "show_day_log", lambda d: (d,)),
    "gate_fevers": ("gate", "show_day_log", lambda d: (d,)),
    "out_not_back": ("gate", "show_day_log", lambda d: (d,)),
    "passes_expiring": ("gate", "show_passes", lambda d: (d,)),
}
REFRESH_DELAY_MS = 2000          # a burst of gate scans refreshes the figures once


class FigureButton(QPushButton):
    """A figure: the number large, what it counts below; a click opens its list."""

    def __init__(self, key: str, colour: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"figure_{key}")
        self.setCursor(Qt.PointingHandCursor)
        self.setMinimumSize(92, 58)
        self.setStyleSheet(
            f"QPushButton {{ text-align: left; padding: 4px 8px; border: 1px solid #d0d0d0;"
            f" border-left: 5px solid {colour}; background: #fafafa; }}"
            " QPushButton:hover { background: #eef3fb; }")

    def show_figure(self, value: int, caption: str, change: str = "") -> None:
        self.value = value
        self.setText(f"{value}{'  ' + change if change else ''}\n{caption}")
        font = self.font()
        font.setPointSize(12)
        self.setFont(font)


class TodayPage(QWidget):
    figures_shown = Signal(object)          # TodayFigures, once drawn (tests wait on it)

    def __init__(self, app: App, events: DataEvents, parent=None, runner=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.runner = runner or shared_runner()
        self.figures: TodayFigures | None = None
        self.charts_data: dict | None = None
        self._now: datetime | None = None     # None: the computer's clock at each refresh
        self._running: set = set()
        self._generation: dict[str, int] = {}
        self._stale = False

        self.heading = QLabel(self)
        self.heading.setObjectName("today_heading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold; padding: 2px;")
        self.heading.setWordWrap(True)      # in English one line was 691 pixels: wider than 1024×768 left
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.setObjectName("today_refresh")
        refresh.clicked.connect(self.refresh)
        report = QPushButton(self.tr("Daily report…"), self)
        report.setObjectName("today_report")
        report.clicked.connect(self.open_daily_report)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(report)
        top.addWidget(refresh)

        self.buttons: dict[str, FigureButton] = {}
        self._grids: list[tuple[QGridLayout, list, int]] = []
        groups = QGridLayout()
        groups.setSpacing(8)
        people = self._group(self.tr("People by status (change since yesterday)"),
                             [(f"status_{s}", vocab.STATUS_COLOURS[s]) for s in vocab.STATUS])
        isolation = self._group(self.tr("Isolation follow-up"), [
            ("isolation_ending_today", "#c62828"), ("isolation_ending_tomorrow", "#ef8f00"),
            ("followups_not_done", "#6a1b9a"), ("isolation_fevers", "#b71c1c")])
        care = self._group(self.tr("Care visits"), [
            ("care_due", "#2e7d32"), ("care_overdue", "#ef8f00"), ("care_neglected", "#c62828")])
        gate = self._group(self.tr("Gates today"), [
            ("gate_in", "#1565c0"), ("gate_out", "#1565c0"), ("gate_fevers", "#b71c1c"),
            ("out_not_back", "#ef8f00"), ("passes_expiring", "#607d8b")], columns=3)
        by_gate = QGroupBox(self.tr("By gate, today"), self)
        by_gate.setObjectName("today_by_gate")
        self.by_gate = QGridLayout(by_gate)
        self.by_gate.setHorizontalSpacing(24)
        self.gate_lines: list[str] = []
        groups.addWidget(people, 0, 0)
        groups.addWidget(isolation, 0, 1)
        groups.addWidget(gate, 1, 0)
        groups.addWidget(care, 1, 1)
        groups.addWidget(by_gate, 2, 0, 1, 2)
        # Open sync conflicts and duplicates: shown once sync reports them (today.py's hook).
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("today_sync")
        self.sync_label.setVisible(False)
        groups.addWidget(self.sync_label, 3, 0, 1, 2)
        # Shifts of one person at once (brought together by sync): said here, fixed on the duty page.
        self.duty_label = QLabel(self)
        self.duty_label.setObjectName("today_duty_overlaps")
        self.duty_label.setWordWrap(True)
        self.duty_label.setStyleSheet("color: #b71c1c;")
        self.duty_label.setTextFormat(Qt.RichText)
        self.duty_label.linkActivated.connect(lambda _link: self.open_duty())
        self.duty_label.setVisible(False)
        groups.addWidget(self.duty_label, 4, 0, 1, 2)
        groups.setColumnStretch(0, 1)
        groups.setColumnStretch(1, 1)

        figures_page = QWidget(self)
        inner = QVBoxLayout(figures_page)
        inner.addLayout(groups)
        inner.addStretch(1)
        scroll = self.figures_scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(figures_page)

        self.charts: dict[str, ChartView] = {}
        charts_page = QWidget(self)
        grid = QGridLayout(charts_page)
        for i, key in enumerate(("status", "days", "hours", "fevers", "visits")):
            view = ChartView(charts_page)
            view.setObjectName(f"chart_{key}")
            self.charts[key] = view
            grid.addWidget(view, i // 2, i % 2)
        save = QPushButton(self.tr("Save charts as PNG…"), charts_page)
        save.setObjectName("charts_save")
        save.clicked.connect(self.ask_save_charts)
        grid.addWidget(save, 2, 1, Qt.AlignRight | Qt.AlignBottom)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("today_tabs")
        self.tabs.addTab(scroll, self.tr("Today"))
        # The charts scroll too: at 1024×768 their grid is taller than the window.
        charts_scroll = QScrollArea(self)
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setFrameShape(QScrollArea.NoFrame)
        charts_scroll.setWidget(charts_page)
        self.tabs.addTab(charts_scroll, self.tr("Charts"))
        self.tabs.currentChanged.connect(lambda i: self.refresh_charts() if i == 1 else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        events.changed.connect(self._data_changed)
        self.heading.setText(self.tr("Counting…"))
        # The first count starts once the window is built, not while it is: a worker thread
        # running beside the window's construction (PySide making its types as they are first
        # used) crashed the program now and then at start.
        QTimer.singleShot(0, self.refresh)

    def _group(self, title: str, figures: list[tuple[str, str]], columns: int = 4) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.setSpacing(6)
        buttons = []
        for key, colour in figures:
            button = FigureButton(key, colour, box)
            button.clicked.connect(lambda _c=False, k=key: self.open_list(k))
            self.buttons[key] = button
            buttons.append(button)
        self._grids.append((grid, buttons, columns))
        self._place(grid, buttons, columns)
        return box

    @staticmethod
    def _place(grid: QGridLayout, buttons: list, columns: int) -> None:
        for button in buttons:
            grid.removeWidget(button)
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // columns, i % columns)

    def _fit_groups(self) -> None:
        """Four figures a row where they fit whole, else two: at 1024 (or a street office's
        200,325 people) '14407  (-2)' and '今日未随访' were cut at the tile's edge."""
        half = (self.width() - 60) // 2            # two groups side by side, in a scroll area
        for grid, buttons, wide in self._grids:
            across = min(wide, len(buttons))
            widest = sorted((b.sizeHint().width() + 12 for b in buttons), reverse=True)[:across]   # + the coloured edge
            fits = sum(widest) + (across - 1) * grid.spacing() + 24 <= half
            columns = wide if fits or wide <= 2 else 2
            if grid.itemAtPosition(0, columns - 1) is None or grid.itemAtPosition(0, columns) is not None:
                self._place(grid, buttons, columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_groups()

    # -- the clock -------------------------------------------------------------------------
    @property
    def now(self) -> datetime:
        return self._now or datetime.now().replace(microsecond=0)

    def set_now(self, now: datetime | None) -> None:
        """Fix the page's clock (tests); None: the computer's clock."""
        self._now = now
        self.refresh()

    # -- computing off the UI thread -------------------------------------------------------
    def _data_changed(self, _areas) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _start(self, kind: str, fn, show) -> None:
        """Run ``fn`` off the UI thread; only the newest run of each kind is drawn (on the UI
        thread, where the task's signals arrive)."""
        self._generation[kind] = generation = self._generation.get(kind, 0) + 1
        task = Task(lambda _progress, _cancelled: fn(), owner=self)
        task.done.connect(lambda result: self._finished(kind, generation, show, result))
        task.failed.connect(lambda exc: self._finished(kind, generation, self._failed, exc))
        task.finished.connect(lambda: self._running.discard(task))
        self._running.add(task)
        self.runner.start(task)

    def _finished(self, kind: str, generation: int, draw, outcome) -> None:
        if self._generation.get(kind) == generation:
            draw(outcome)

    def refresh(self) -> None:
        now, app = self.now, self.app
        self._start("figures", lambda: today_figures(app, now), self.show_figures)
        if self.tabs.currentIndex() == 1:
            self.refresh_charts()

    def refresh_charts(self) -> None:
        now, app = self.now, self.app
        self._start("charts", lambda: all_charts(app, now), self.show_charts)

    def wait(self, seconds: float = 30) -> None:
        """Let running computations end and their results be drawn (closing the window, tests).
        Events are processed meanwhile: a worker's result comes back through the event loop,
        and QThread.wait would hold the interpreter lock the worker needs."""
        wait_for(lambda: not self._running, seconds)

    def _failed(self, exc) -> None:
        message = getattr(exc, "message", None) or str(exc)
        self.heading.setText(self.tr("The figures could not be counted: %1").replace("%1", message))

    # -- drawing ---------------------------------------------------------------------------
    def show_figures(self, f: TodayFigures) -> None:
        self.figures = f
        self.heading.setText(self.tr("Today, %1 at %2 — %3 households, %4 people, %5 key persons")
                             .replace("%1", f.day.isoformat()).replace("%2", f.now.strftime("%H:%M"))
                             .replace("%3", str(f.households)).replace("%4", str(f.people))
                             .replace("%5", str(f.key_persons)))
        for s in vocab.STATUS:
            change = f.status_change[s]
            self.buttons[f"status_{s}"].show_figure(f.status[s], i18n.label(vocab.STATUS, s),
                                                     f"({change:+d})" if change else "(±0)")
        captions = {
            "isolation_ending_today": (f.isolation_ending_today, self.tr("Ending today")),
            "isolation_ending_tomorrow": (f.isolation_ending_tomorrow, self.tr("Ending tomorrow")),
            "followups_not_done": (f.followups_not_done, self.tr("Checks not done today")),
            "isolation_fevers": (f.isolation_fevers, self.tr("With a fever")),
            "care_due": (f.care_due, self.tr("Due today")),
            "care_overdue": (f.care_overdue, self.tr("Overdue")),
            "care_neglected": (f.care_neglected, self.tr("Twice the interval")),
            "gate_in": (f.gate_in, self.tr("In")),
            "gate_out": (f.gate_out, self.tr("Out")),
            "gate_fevers": (f.gate_fevers, self.tr("Fevers")),
            "out_not_back": (f.out_not_back, self.tr("Out, not back")),
            "passes_expiring": (f.passes_expiring, self.tr("Passes expiring in 3 days")),
        }
        for key, (value, caption) in captions.items():
            self.buttons[key].show_figure(value, caption)
        gates = [self.tr("%1: in %2, out %3, turned back %4, fevers %5").replace("%1", g.name or self.tr("other"))
                 .replace("%2", str(g.went_in)).replace("%3", str(g.went_out)).replace("%4", str(g.turned_back))
                 .replace("%5", str(g.fevers))
                 # Passages kept while the register was busy or damaged count all the same; said so.
                 + (self.tr(" (%1 kept on this computer, not yet in the data file)").replace("%1", str(g.kept))
                    if g.kept else "")
                 for g in f.by_gate]
        # Two gates a line: a street office's dozen gates stay on one screen.
        self.gate_lines = gates or [self.tr("No checkpoint yet.")]
        while self.by_gate.count():
            item = self.by_gate.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, text in enumerate(self.gate_lines):
            label = QLabel(text, self)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.by_gate.addWidget(label, i // 2, i % 2)
        self.duty_label.setVisible(bool(f.duty_overlaps))
        if f.duty_overlaps:
            shown = "<br>".join(html.escape(overlap_text(o)) for o in f.duty_overlaps[:3])
            more = self.tr("and %1 more").replace("%1", str(len(f.duty_overlaps) - 3)) if len(f.duty_overlaps) > 3 else ""
            self.duty_label.setText(self.tr("Duty shifts at the same time (%1):").replace("%1", str(len(f.duty_overlaps)))
                                    + f"<br>{shown}{'<br>' + more if more else ''}<br><a href='duty'>"
                                    + self.tr("Fix on the duty page") + "</a>")
        self.sync_label.setVisible(f.sync_open is not None)
        if f.sync_open is not None:
            self.sync_label.setText(self.tr("Open sync conflicts and duplicates: %1").replace("%1", str(f.sync_open)))
        self._fit_groups()
        self.figures_shown.emit(f)

    def show_charts(self, charts: dict) -> None:
        self.charts_data = charts
        status = {s: (i18n.label(vocab.STATUS, s), vocab.STATUS_COLOURS[s]) for s in vocab.STATUS}
        in_out = {"in": (self.tr("In"), "#1565c0"), "out": (self.tr("Out"), "#ef8f00")}
        titles = {
            "status": (self.tr("People by status, last 14 days"), status),
            "days": (self.tr("Gate traffic by day"), in_out),
            "hours": (self.tr("Gate traffic by hour, today"), in_out),
            "fevers": (self.tr("Fevers by day"), {"gate": (self.tr("At the gates"), "#b71c1c"),
                                                  "isolation": (self.tr("In isolation checks"), "#ef8f00")}),
            "visits": (self.tr("Care visits made against due"), {"due": (self.tr("Due"), "#9e9e9e"),
                                                                  "made": (self.tr("Made"), "#2e7d32")}),
        }
        for key, (title, legend) in titles.items():
            self.charts[key].set_series(charts[key], title, legend)

    # -- links -----------------------------------------------------------------------------
    def open_duty(self) -> None:
        window = self.window()
        if hasattr(window, "show_page") and "duty" in getattr(window, "page_names", ()):
            window.show_page("duty")

    def open_list(self, key: str) -> None:
        """Open the list behind a figure on its own page, filtered."""
        page_name, method, arguments = LINKS[key]
        window = self.window()
        if not hasattr(window, "show_page") or page_name not in getattr(window, "page_names", ()):
            return
        window.show_page(page_name)
        page = window.pages.currentWidget()
        if self._now is not None and hasattr(page, "set_today"):
            page.set_today(self._now.date())          # a fixed clock (tests): the list of the same day
        args = arguments(self.now.date())
        if isinstance(args, dict):
            getattr(page, method)(**args)
        else:
            getattr(page, method)(*args)

    def open_daily_report(self) -> None:
        window = self.window()
        if hasattr(window, "show_page") and "paper" in getattr(window, "page_names", ()):
            window.show_page("paper")
            window.pages.currentWidget().select_form("daily-report")

    def save_charts(self, folder: str | Path) -> list[Path]:
        """Each chart as a PNG in ``folder`` (名字_日期.png)."""
        folder = Path(folder)
        day = self.now.date().isoformat()
        names = {"status": "人员状态", "days": "每日出入", "hours": "分时段出入", "fevers": "发热", "visits": "关爱走访"}
        return [self.charts[k].save_png(folder / f"{names[k]}_{day}.png") for k in names]

    def ask_save_charts(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save charts as PNG"))
        if not folder:
            return
        try:
            saved = self.save_charts(folder)
        except Exception as e:              # a full or read-only stick: said in Chinese, what to do
            show_failure(e, self, self.tr("Save charts as PNG"))      # each chart's file is named
            return
        QMessageBox.information(self, self.tr("Save charts as PNG"),
                                self.tr("%1 charts saved in %2").replace("%1", str(len(saved))).replace("%2", folder))

    def today(self) -> date:
        return self.now.date()
