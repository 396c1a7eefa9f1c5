"""The day at the gate: counts, the log table (paged), who is out and not back, fevers, the
shift handover note and corrections."""
from datetime import date, datetime, time
from html import escape

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter,
                               QTimeEdit, QVBoxLayout, QWidget)

from desktop.app import App
from desktop.gate import day as gate_day
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import checkpoint, checkpoints, log_of_this_gate_only, this_checkpoint
from desktop.gate.plates import format_plate
from ui.events import DataEvents
from ui.widgets.dates import TodayFollower, date_edit, shown_date
from ui.widgets.list_table import ColumnFitter, list_table
from ui.widgets.unbroken import UnbrokenBrowser, unbroken
from ui.gate.colours import LOGGED_FEVER
from ui.gate import day_words
from ui.gate.dialogs import CorrectionDialog
from ui.gate.log_model import GateLogModel
from ui.place_labels import community_labels


# A gate's name whole in every gate's log up to this many characters (幸福里小区大门); a longer
# one (李家墩村民小组路口) gives way, read whole on hover, rather than the side lists.
GATE_WHOLE = 7
# The side lists' least width beside the table (外出未归's 教育局宿舍 19栋1单元101 on one line).
PANE_LEAST = 180


class DayView(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        # The one date field (ui/widgets/dates.py): Down is yesterday, not a year back (the
        # QDateEdit here stepped its year section, which the click had selected).
        today = date.today()                    # one reading for the field and its follower
        self.day = date_edit(today, self)
        self.today_follower = TodayFollower(self.day, self, today)
        self.day.setObjectName("gate_day")
        self.day.dateChanged.connect(lambda _d: self.reload())
        # Which gate(s) the log shows: on a gate machine 只看本卡口, ticked at first (the rule:
        # checkpoints.log_of_this_gate_only); elsewhere, with several gates, a choice of every gate
        # or one: the office's box meant nothing there (it serves no gate) and it could not look
        # at one gate's day. gate() reads them, for the table, the figures and the handover note.
        self.this_gate_only = QCheckBox(self.tr("This checkpoint only"), self)
        self._gate_rule = log_of_this_gate_only(self.db)
        self.this_gate_only.setChecked(self._gate_rule is not None)
        self.this_gate_only.toggled.connect(lambda _c: self.reload())
        self.gates = QComboBox(self)
        self.gates.setObjectName("gate_chooser")
        self.gates.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.counts = QLabel(self)
        self.counts.setObjectName("gate_counts")
        self.counts.setStyleSheet("font-size: 13pt; font-weight: bold;")
        correct = QPushButton(self.tr("Correct the selected passage…"), self)
        correct.setObjectName("gate_correct")
        correct.clicked.connect(self.correct)
        handover = QPushButton(self.tr("Shift handover…"), self)
        handover.setObjectName("gate_handover")
        handover.clicked.connect(self.handover)
        # The gate's day as the log shows it, on paper (the 打印 page's 出入登记表, that gate, that day).
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("gate_print")
        self.print_button.clicked.connect(self.print_log)
        # …and as a workbook (the 导入导出 page's export, of that gate or every gate, that day).
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("gate_export")
        self.export_button.clicked.connect(self.export_log)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Day"), self))
        bar.addWidget(self.day)
        bar.addWidget(self.this_gate_only)
        bar.addWidget(self.gates)
        bar.addWidget(correct)
        bar.addWidget(handover)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)

        self.model = GateLogModel(self)
        # The lists' own table (ui/widgets/list_table.py): row numbers with room either side. The
        # log's own table had none at all (a two-pixel strip): "the 12th passage" could not be said.
        self.table = list_table(self, self.model, "gate_log_table")
        # Who, where from, temperature, outcome and gate first; the plate, the note and the gate
        # give way first, the plate never past a whole new-energy plate (a visitor's car is found
        # by it: "鄂…"), the name never past a four-character one (at 1024×768 it had become
        # "喻…"), the gate (every gate's log) never past GATE_WHOLE characters and whole where
        # there is room (it had become "大…", the note beside it wide and empty: _fill_gates), what
        # was done never past its words (未记录 was 未…).
        self.columns = ColumnFitter(self.table, (70, 44, 80, 200, 90, 60, 70, 180, 110), stretch=3,
                                    stretch_min=160, order=(0, 1, 2, 3, 5, 6, 8, 7, 4),
                                    whole={0: "23:59:59", 2: "欧阳明月", 4: format_plate("鄂AD12345"),
                                           6: tuple(self.model.outcome_words().values())})
        self.lists = UnbrokenBrowser(self)
        self.lists.setObjectName("gate_lists")
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.lists)
        self.splitter.setSizes([800, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.splitter, 1)
        self._fill_gates()
        self.gates.currentIndexChanged.connect(lambda _i: self.reload())
        self._stale = False
        events.changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self, areas) -> None:
        # Hidden behind the gate screen, the view waits: a scan must not pay for its summary.
        if "gate_settings" in areas:
            self._follow_gate_rule()
            self._fill_gates()
        if areas & {"gate", "gate_settings"}:
            if self.isVisible():
                self.today_follower.follow()
                self.reload()
            else:
                self._stale = True

    def _follow_gate_rule(self) -> None:
        """The tick follows the rule when its answer changes (the guard has just answered the gate
        screen's 这是哪个卡口？); a click of the guard's own stands until then."""
        rule = log_of_this_gate_only(self.db)
        if rule != self._gate_rule:
            self._gate_rule = rule
            self.this_gate_only.blockSignals(True)       # the reload that follows is the one
            self.this_gate_only.setChecked(rule is not None)
            self.this_gate_only.blockSignals(False)

    def _fill_gates(self) -> None:
        """The office's choice: 全部卡口, then each gate as the gate list names and orders them
        (checkpoints); the gate chosen stays chosen (renamed too), a removed one gives every gate.
        The box where there are several gates to choose from and 只看本卡口 is not shown."""
        chosen = self.gates.currentData()
        every = checkpoints(self.db)
        self.gates.blockSignals(True)           # the reload that follows is the one
        self.gates.clear()
        self.gates.addItem(self.tr("All checkpoints"), None)
        for c in every:
            self.gates.addItem(c.name, c.id)
        self.gates.setCurrentIndex(max(0, self.gates.findData(chosen)) if chosen else 0)
        self.gates.blockSignals(False)
        self.this_gate_only.setVisible(self._gate_rule is not None)
        self.gates.setVisible(self._gate_rule is None and len(every) > 1)
        self.print_button.setEnabled(bool(every))       # no gate set up: no sheet to print
        gate = GateLogModel.COLUMNS.index("checkpoint")
        self.columns.whole[gate] = tuple(c.name[:GATE_WHOLE] for c in every)
        self.columns.room_for[gate] = tuple(c.name for c in every)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._room_for_the_table()

    def _room_for_the_table(self) -> None:
        """The table as wide as its columns whole (ColumnFitter.narrowest: every gate's names
        too), the side lists giving way to it down to PANE_LEAST: at 1024×768 the table's columns
        were all at their least and the gate's name was 大…"""
        room = self.splitter.width() - self.splitter.handleWidth() - PANE_LEAST
        self.table.setMinimumWidth(max(0, min(self.columns.narrowest(), room)))

    def show_every_gate(self) -> None:
        """Every gate's passages (the Today page's figures count them all)."""
        self.this_gate_only.setChecked(False)
        self.gates.setCurrentIndex(0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        pages = getattr(self.window(), "page_names", ())            # a gate account's window has neither
        self.print_button.setVisible("paper" in pages)
        self.export_button.setVisible("excel" in pages)
        # A gate's laptop runs day and night: after midnight the log is the new day's, its
        # passages listed and counted (it stayed on yesterday's, the night's scans nowhere).
        self.today_follower.start()             # and each minute while shown
        if self._stale:
            self.reload()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.today_follower.stop()

    def gate(self):
        """The gate the log shows, or None: every gate. The one choice the table, the figures, the
        side lists and the handover note follow: a gate machine's 只看本卡口 ticked, its gate;
        elsewhere the gate chosen in the box."""
        if self._gate_rule is not None:
            return this_checkpoint(self.db) if self.this_gate_only.isChecked() else None
        chosen = self.gates.currentData() if self.gates.isVisibleTo(self) else None
        return checkpoint(self.db, chosen) if chosen else None

    def _range(self) -> tuple[datetime, datetime, str | None]:
        day = shown_date(self.day)
        gate = self.gate()
        # One reading: today's and until now (read apart at 23:59:59.9, the day counted the next
        # day's first passages, which its table does not list).
        now = datetime.now()
        until = now if day == now.date() else datetime.combine(day, time(23, 59, 59))
        return datetime.combine(day, time()), until, gate.id if gate else None

    def reload(self) -> None:
        self._stale = False
        since, until, gate_id = self._range()
        # This gate's passages only: its name in every row says nothing, and its room goes to the note.
        self.table.setColumnHidden(self.model.COLUMNS.index("checkpoint"), gate_id is not None)
        self._room_for_the_table()
        self.columns.fit()
        day = since.date().isoformat()
        self.model.set_source(lambda offset, limit: gate_log.day_log(self.db, day, gate_id, limit, offset),
                              gate_log.count_day_log(self.db, day, gate_id))
        s = self.summary = gate_day.day_summary(self.db, since, until, gate_id)
        self.counts.setText(self.tr("In: %1   Out: %2   Turned back: %3   Referred: %4   Fevers: %5   Corrections: %6")
                            .replace("%1", str(s.went_in)).replace("%2", str(s.went_out))
                            .replace("%3", str(s.turned_back)).replace("%4", str(s.referred))
                            .replace("%5", str(len(s.fevers))).replace("%6", str(s.corrections))
                            + (self.tr("   Of them kept, not yet written: %1").replace("%1", str(s.kept)) if s.kept else ""))
        fevers, out, visitors = self.tr("Fevers"), self.tr("Out and not back"), self.tr("Visitors still inside")
        if gate_id:         # these two count every gate (back by any gate): said so beside one gate's log
            whole = community_labels(self.db).whole.lower()      # "(whole community)" mid-line
            out, visitors = (self.tr("%1 (%2)").replace("%1", heading).replace("%2", whole)
                             for heading in (out, visitors))
        kept = " " + escape(unbroken(self.tr("[kept]")))     # whole at a line's end ([暂 / 存])

        def mark(e) -> str:                 # still in the gate journal: counted, said so
            return kept if e.kept else ""
        parts = [f"<h3 style='color:{LOGGED_FEVER[1]}'>{escape(fevers)} ({len(s.fevers)})</h3>"]
        # What was done whole at a line's end (送发热 / 门诊 beside a narrow table).
        parts += [f"<div>{e.at[11:16]} {escape(gate_log.passage_name(e))} <b>{e.temperature:.1f}°C</b> "
                  f"{escape(unbroken(day_words.done(e.outcome)))}{mark(e)}</div>"
                  for e in s.fevers]
        # Let through after a fever earlier today: who is inside (or out) after one.
        parts += [f"<div>{escape(day_words.after_fever(e))}{mark(e)}</div>" for e in s.after_fever]
        parts.append(f"<h3>{escape(out)} ({s.out_not_back_count})</h3>")
        # An address whole on its line: at 1024 the door went on alone (「…3栋1单元 / 101」).
        parts += [f"<div>{e.at[5:16].replace('T', ' ')} {escape(gate_log.passage_name(e))} {escape(unbroken(e.address))}"
                  f"{mark(e)}</div>"
                  for e in reversed(s.out_not_back)]
        parts.append(f"<h3>{escape(visitors)} ({s.visitors_inside_count})</h3>")
        parts += [f"<div>{e.at[11:16]} {escape(gate_log.passage_name(e))} {escape(unbroken(e.address))} "
                  f"{escape(format_plate(e.plate))}{mark(e)}</div>"
                  for e in s.visitors_inside]          # a car still inside is a visitor's: its plate
        self.lists.setHtml("".join(parts))

    def selected(self):
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def correct(self) -> None:
        e = self.selected()
        if e is None:
            QMessageBox.information(self, self.tr("Correct a passage"), self.tr("Select a passage in the table first."))
            return
        if e.void_reason:
            QMessageBox.information(self, self.tr("Correct a passage"), self.tr("This passage was already corrected."))
            return
        if e.kept:
            QMessageBox.information(self, self.tr("Correct a passage"),
                                    self.tr("This passage is kept beside the data file (the data file is busy or "
                                            "cannot be written now). Correct it once it has been written."))
            return
        if CorrectionDialog(self.db, e, self).exec():
            self.events.notify("gate")

    def handover(self) -> None:
        # The gate(s) the log shows: on the office, every gate (this_checkpoint was whichever gate
        # the office happened to serve, and the note covered it alone).
        dialog = HandoverDialog(self.db, self.gate(), self)
        dialog.exec()

    def print_log(self) -> None:
        """The chosen gate's day on the 打印 page, previewed there; a sheet is one gate's, so with
        every gate shown it says to choose one (the only gate is the one printed)."""
        window = self.window()
        if "paper" not in getattr(window, "page_names", ()):
            return
        every = checkpoints(self.db)
        gate = self.gate() or (every[0] if len(every) == 1 else None)
        if gate is None:        # the office's every gate (a gate account's window has no 打印 page)
            QMessageBox.information(self, self.tr("Print the log"),
                                    self.tr("A log sheet is one checkpoint's: first %1.")
                                    .replace("%1", self.tr("choose a checkpoint above the table")))
            return
        window.show_page("paper")
        window.pages.currentWidget().print_gate_log(gate.name, shown_date(self.day))


    def export_log(self) -> None:
        """The day's passages as the log shows them (the chosen gate's, or every gate's) saved as
        a workbook by the 导入导出 page: its box for hiding ID numbers, its reason for a whole copy."""
        window = self.window()
        if "excel" not in getattr(window, "page_names", ()):
            return
        gate = self.gate()
        title = self.tr("Gate log of %1").replace("%1", gate.name) if gate else self.tr("Gate log")
        window.show_page("excel")
        window.pages.currentWidget().export("gate-log", title, shown_date(self.day), gate.id if gate else None)


class HandoverDialog(QDialog):
    """The shift handover note since a time, to read out or copy into the chat group: of one
    gate, or of every gate (``gate`` None), as the day's log shows them."""

    def __init__(self, db, gate=None, parent=None):
        super().__init__(parent)
        self.db, self.gate = db, gate
        self.setWindowTitle(self.tr("Shift handover"))
        self.resize(560, 420)
        self.since = QTimeEdit(self)
        self.since.setObjectName("handover_since")
        self.since.setDisplayFormat("HH:mm")
        # One reading for the default shift and the note's end: read apart at 07:59:59.9 and
        # 08:00:00.1, the night shift's note (from 00:00) ran into the day shift's.
        now = datetime.now()
        self.since.setTime(QTime(now.hour // 8 * 8, 0))     # shifts of eight hours
        self.since.timeChanged.connect(lambda _t: self.refresh())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("handover_text")
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: (self.text.selectAll(), self.text.copy()))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Shift started at"), self))
        row.addWidget(self.since)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.refresh(now)

    def refresh(self, now: datetime | None = None) -> None:
        """The note since the shift's start until ``now`` (the dialog's opening), else the clock."""
        now = now or datetime.now()             # one reading of the clock: since and until agree on the day
        since = gate_day.shift_start(self.since.time().toPython(), now)
        gate_id = self.gate.id if self.gate else None
        summary = gate_day.day_summary(self.db, since, now, gate_id)
        # One gate's note: who is out, the visitors inside, are every gate's (as the side list says).
        whole = community_labels(self.db).whole.lower() if gate_id else ""      # "(whole community)"
        gates = day_words.gates_words(*gate_day.gates_covered(self.db, gate_id))
        self.text.setPlainText(day_words.handover_text(summary, gates, whole))
