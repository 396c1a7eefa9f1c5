"""The day at the gate: counts, the log table (paged), who is out and not back, fevers, the
shift handover note and corrections."""
from datetime import date, datetime, time
from html import escape

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout,
                               QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter,
                               QTimeEdit, QVBoxLayout, QWidget)

from desktop.app import App
from desktop.gate import day as gate_day
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import log_of_this_gate_only, this_checkpoint
from desktop.gate.plates import format_plate
from ui.events import DataEvents
from ui.widgets.dates import date_edit, follow_today, shown_date
from ui.widgets.list_table import ColumnFitter, list_table
from ui.widgets.unbroken import UnbrokenBrowser, unbroken
from ui.gate.colours import LOGGED_FEVER
from ui.gate.dialogs import CorrectionDialog
from ui.gate.log_model import GateLogModel


class DayView(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        # The one date field (ui/widgets/dates.py): Down is yesterday, not a year back (the
        # QDateEdit here stepped its year section, which the click had selected).
        self._today = date.today()
        self.day = date_edit(self._today, self)
        self.day.setObjectName("gate_day")
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.this_gate_only = QCheckBox(self.tr("This checkpoint only"), self)
        # Ticked on a gate machine only; the office starts with every gate (the rule: checkpoints.py).
        self._gate_rule = log_of_this_gate_only(self.db)
        self.this_gate_only.setChecked(self._gate_rule is not None)
        self.this_gate_only.toggled.connect(lambda _c: self.reload())
        self.counts = QLabel(self)
        self.counts.setObjectName("gate_counts")
        self.counts.setStyleSheet("font-size: 13pt; font-weight: bold;")
        correct = QPushButton(self.tr("Correct the selected passage…"), self)
        correct.setObjectName("gate_correct")
        correct.clicked.connect(self.correct)
        handover = QPushButton(self.tr("Shift handover…"), self)
        handover.setObjectName("gate_handover")
        handover.clicked.connect(self.handover)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Day"), self))
        bar.addWidget(self.day)
        bar.addWidget(self.this_gate_only)
        bar.addWidget(correct)
        bar.addWidget(handover)
        bar.addStretch(1)

        self.model = GateLogModel(self)
        # The lists' own table (ui/widgets/list_table.py): row numbers with room either side. The
        # log's own table had none at all (a two-pixel strip): "the 12th passage" could not be said.
        self.table = list_table(self, self.model, "gate_log_table")
        # Who, where from, temperature and outcome first; the note, plate and gate give way first,
        # the plate never past a whole new-energy plate (a visitor's car is found by it: "鄂…"),
        # the name never past a four-character one (at 1024×768 it had become "喻…").
        self.columns = ColumnFitter(self.table, (70, 44, 80, 200, 90, 60, 70, 180, 110), stretch=3,
                                    stretch_min=160, order=(0, 1, 2, 3, 5, 6, 7, 4, 8),
                                    whole={0: "23:59:59", 2: "欧阳明月", 4: format_plate("鄂AD12345")})
        self.lists = UnbrokenBrowser(self)
        self.lists.setObjectName("gate_lists")
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.lists)
        splitter.setSizes([800, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)
        self._stale = False
        events.changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self, areas) -> None:
        # Hidden behind the gate screen, the view waits: a scan must not pay for its summary.
        if "gate_settings" in areas:
            self._follow_gate_rule()
        if areas & {"gate", "gate_settings"}:
            if self.isVisible():
                self._today = follow_today(self.day, self._today)
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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # A gate's laptop runs day and night: after midnight the log is the new day's, its
        # passages listed and counted (it stayed on yesterday's, the night's scans nowhere).
        self._today = follow_today(self.day, self._today)
        if self._stale:
            self.reload()

    def gate(self):
        """The gate the log shows (只看本卡口 ticked, on a machine that serves one), or None: every gate."""
        return this_checkpoint(self.db) if self.this_gate_only.isChecked() else None

    def _range(self) -> tuple[datetime, datetime, str | None]:
        day = shown_date(self.day)
        gate = self.gate()
        until = datetime.now() if day == date.today() else datetime.combine(day, time(23, 59, 59))
        return datetime.combine(day, time()), until, gate.id if gate else None

    def reload(self) -> None:
        self._stale = False
        since, until, gate_id = self._range()
        # This gate's passages only: its name in every row says nothing, and its room goes to the note.
        self.table.setColumnHidden(self.model.COLUMNS.index("checkpoint"), gate_id is not None)
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
        kept = " " + escape(unbroken(self.tr("[kept]")))     # whole at a line's end ([暂 / 存])

        def mark(e) -> str:                 # still in the gate journal: counted, said so
            return kept if e.kept else ""
        parts = [f"<h3 style='color:{LOGGED_FEVER[1]}'>{escape(fevers)} ({len(s.fevers)})</h3>"]
        parts += [f"<div>{e.at[11:16]} {escape(gate_log.passage_name(e))} <b>{e.temperature:.1f}°C</b> "
                  f"{escape(gate_log.OUTCOMES.get(e.outcome, '处理结果未记录'))}{mark(e)}</div>" for e in s.fevers]
        # Let through after a fever earlier today: who is inside (or out) after one.
        parts += [f"<div>{escape(gate_day.fever_words(e))}{mark(e)}</div>" for e in s.after_fever]
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
        self.since.setTime(QTime(datetime.now().hour // 8 * 8, 0))     # shifts of eight hours
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
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now()                    # one reading of the clock: since and until agree on the day
        since = gate_day.shift_start(self.since.time().toPython(), now)
        gate_id = self.gate.id if self.gate else None
        summary = gate_day.day_summary(self.db, since, now, gate_id)
        self.text.setPlainText(gate_day.handover_text(summary, gate_day.gates_said(self.db, gate_id)))
