"""The gate screen: large type, keyboard only, the entry field always has the focus.

A USB scanner types the pass QR and presses Enter; a guard types a name, pinyin initials, the
last digits of an ID number, a pass number or a plate and presses Enter. The card shows who it
is at once, in the colour of their status, and a line in large type says what the guard must do
now. When a card is shown, typing a temperature (365 or 36.5) and Enter saves; Enter alone saves
without one. A scan (or a whole ID number) saves at once when nothing needs the guard (going
out, or '365' typed before the scan). F2 before a scan chooses the direction for that person.

A passage waiting for the guard (a temperature, a fever outcome, the household rule, a red card)
is never dropped by the next scan: the next scan is held, the card says so, and it is shown once
the guard saves the first (Enter, a temperature, F4, F9) or drops it with Esc. Saving it without
the reading instead would put a row without a temperature in the log of a gate that requires
one, and the guard would not see that it happened. Keys are shown on screen.
"""
import time
from datetime import datetime
from html import escape

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from desktop import vocab
from desktop.accounts import Permission, can
from desktop.app import App
from desktop.duty.roster import on_duty_at
from desktop.errors import InputError
from desktop.failures import user_message
from desktop.gate import journal, log as gate_log
from desktop.gate.checkpoints import checkpoints, serve_checkpoint, this_checkpoint
from desktop.gate.plates import format_plate, looks_like_plate, normalise_plate
from desktop.gate.scanned import KeyTimes, without_symbology
from desktop.masking import mask_text
from desktop.gate.subjects import (Subject, going_out_choices, lookup, reading_cut_short, reading_then_scan,
                                  scan_in, scan_kind, scan_then_reading, whole_scan)
from desktop.temperature import is_fever, typed_temperature
from ui import i18n
from ui.duty_words import on_duty_line
from ui.gate.colours import colours, line_colour, logged_colours, saved_kind
from ui.events import DataEvents
from ui.widgets.dates import EachMinute
from ui.widgets.field_hint import hint_points
from ui.widgets.unbroken import unbroken

FLIP_KEY = Qt.Key_F2
VISITOR_KEY = Qt.Key_F3
TURN_BACK_KEY = Qt.Key_F4
OVERRIDE_KEY = Qt.Key_F9
RECENT = 8
# Typed text is large (a guard reads it at arm's length); the hint shrinks to fit the field
# (a 1024-pixel screen), never below the smaller size.
ENTRY_POINTS, HINT_MIN_POINTS = 24, 12
# The field's padding (4px each side), frame and text margins around the hint.
ENTRY_TEXT_MARGIN = 20
# A scanner set to end its code with nothing: a whole pass QR or ID number typed at a scanner's
# pace (desktop.gate.scanned.SCANNER_KEY_SECONDS) is taken once the keys have stopped this long.
SCAN_PAUSE_MS = 300
# A scanner set to end with CR+LF presses Enter twice: an empty Enter this soon after a scanned
# code (a pass QR, a whole ID number) is the second half of that line end, never the guard's
# answer to the card (no one reads a card so fast).
LINE_END_SECONDS = 0.15
# Keys typed while a gate form closes are lost (Qt): keys at a scanner's pace that began this soon
# after a form closed, and are no whole code, are the end of a scan begun as it closed (a scan
# takes well under a second).
FORM_CLOSED_SECONDS = 1.0
# What was typed or scanned, quoted back to the guard, is cut to this (a 2,000-character code).
QUOTED_CHARS = 40


# Words guards write instead of a number; answered with the temperature's own message.
_TEMPERATURE_WORDS = ("正常", "无", "不烧", "没发烧", "无发热", "体温正常")


def _looks_like_temperature(text: str) -> bool:
    """With a card shown: '365', '36.5', '3.65', '37.8℃', '正常' are temperatures (valid or not);
    four or more digits are the end of an ID number, so a new search."""
    compact = text.replace("．", ".").rstrip("℃度")
    return (compact in _TEMPERATURE_WORDS or (compact.isdigit() and len(compact) <= 3)
            or ("." in compact and len(compact) <= 5 and compact.replace(".", "", 1).isdigit()))


class _JournalWritten(QObject):
    """Hears the gate journal write its kept passages (on the journal's own thread, a quarter
    second after an import frees the register) and says it on the UI thread as the one data
    event: the recent list's 暂存 marks went only at the next scan, as if still kept."""
    _written = Signal()

    def __init__(self, db, events: DataEvents):
        super().__init__(events)            # one per window's events, however many gate screens
        self.events = events
        self._written.connect(self._notify)     # queued: emitted on the journal's thread
        journal.when_written(db, lambda _added: self._written.emit() if shiboken6.isValid(self) else None)

    @Slot()
    def _notify(self) -> None:
        self.events.notify("gate")


def _hear_the_journal(db, events: DataEvents) -> None:
    if events.findChild(_JournalWritten) is None:
        _JournalWritten(db, events)


class GateScreen(QWidget):
    """One passage at a time. ``saved`` carries the new log row id."""
    saved = Signal(str)

    def __init__(self, app: App, events: DataEvents, parent=None, open_backups=None):
        """``open_backups``: what the red line of a damaged register opens when the screen is
        alone (F11); by default it closes, back to the window's own line."""
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        self.setObjectName("gate_screen")
        self.subject: Subject | None = None
        # The card's moment: one reading of the clock per scan, the one its lookup, its
        # assessment and its save's checks all use (each read its own: the card said one thing,
        # the row was saved as at another moment, past midnight another day). A row saved by the
        # guard's key is dated at the key.
        self._moment: datetime | None = None
        # A save's moment while the data event it sends refreshes this screen: the roster and the
        # recent list read at it, as the saved line says it (read again a moment later, a passage
        # saved at 23:59:59 was missing from the new day's list under its own line).
        self._saved_at: datetime | None = None
        self.candidates: list[Subject] = []
        self.gates: list = []           # the checkpoints offered while this machine has none
        self.direction = "out"
        self.chosen_direction: str | None = None    # F2: the guard's choice wins over the guess
        self.temperature: float | None = None
        self.plate = ""
        self.scanned = False
        self.awaiting = ""              # '' | outcome | rule | override | temperature
        # The outcome the guard chose for a fever (1, 2, 3), kept while the card asks the rest
        # (the household rule, the green channel, a reading): asked again, 1 then Enter went round.
        self.outcome = ""
        self._fever_today = ""          # what gate_log.assess says of a fever earlier today
        self._fever_whose = ""          # whose it was when it may be another member's ('' own)
        self.held: list[str] = []       # scans that came while a passage waited for the guard
        self._card_text = ""            # what brought the subject on the card (a repeated scan)
        # The whole ID number just scanned or typed that found nobody: the card says "a visitor?
        # Press F3", and the visitor form (F3) starts with it instead of asking for it again.
        self._visitor_number = ""
        self._draining = False
        self._just_saved = False
        self.checkpoint = None
        self.card_style = self.prompt_kind = "idle"

        self.gate_label = QLabel(self)
        self.gate_label.setObjectName("gate_name")
        self.gate_label.setStyleSheet("font-size: 14pt; color: #37474f;")
        self.gate_label.setWordWrap(True)
        self.roster_label = QLabel(self)          # who the duty roster has at this gate now
        self.roster_label.setObjectName("gate_roster")
        # Read from arm's length as the gate's name above it (it was the default small type); a
        # long roster wraps rather than widening the screen.
        self.roster_label.setStyleSheet(self.gate_label.styleSheet())
        self.roster_label.setWordWrap(True)
        self.entry = QLineEdit(self)
        self.entry.setObjectName("gate_entry")
        self.entry.setPlaceholderText(self.tr("Scan a pass, or type a name, initials, ID digits or plate"))
        self._entry_points = 0
        self._set_entry_points(ENTRY_POINTS)
        # The field keeps its height when its hint is drawn smaller: nothing below it jumps.
        self.entry.setMinimumHeight(self.entry.sizeHint().height())
        self.entry.textChanged.connect(lambda _t: self._fit_hint())
        self.entry.returnPressed.connect(self.enter)
        self.entry.installEventFilter(self)
        self._keys = KeyTimes()                 # when the keys typed into the field came
        self._entered_at = -1.0                 # when Enter last took a scanned code from the field
        self._form_closed_at = float("-inf")    # when a gate form (visitor, green channel) last closed
        self._scan_pause = QTimer(self)
        self._scan_pause.setSingleShot(True)
        self._scan_pause.setInterval(SCAN_PAUSE_MS)
        self._scan_pause.timeout.connect(self._keys_stopped)
        self.entry.textEdited.connect(self._typed)
        self.direction_button = QPushButton(self)
        self.direction_button.setObjectName("gate_direction")
        self.direction_button.setFocusPolicy(Qt.NoFocus)
        self.direction_button.setMinimumWidth(230)
        self.direction_button.clicked.connect(self.flip_direction)

        self.card = QFrame(self)
        self.card.setObjectName("gate_card")
        self.card.setMinimumHeight(170)
        self.name_label = QLabel(self.card)
        self.name_label.setObjectName("card_name")
        self.status_label = QLabel(self.card)
        self.status_label.setObjectName("card_status")
        self.address_label = QLabel(self.card)
        self.address_label.setObjectName("card_address")
        self.message_label = QLabel(self.card)
        self.message_label.setObjectName("card_message")
        self.message_label.setWordWrap(True)
        for label, points in ((self.name_label, 36), (self.status_label, 28), (self.address_label, 20),
                              (self.message_label, 16)):
            label.setStyleSheet(f"font-size: {points}pt;" + (" font-weight: bold;" if label is not self.address_label else ""))
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(24, 10, 24, 10)
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        card_layout.addLayout(top)
        card_layout.addWidget(self.address_label)
        card_layout.addWidget(self.message_label, 1)
        # What the guard must do now, in large type, in the colour of its kind (ui/gate/colours.py).
        self.prompt = QLabel(self)
        self.prompt.setObjectName("gate_prompt")
        self.prompt.setWordWrap(True)
        self.queue_label = QLabel(self)
        self.queue_label.setObjectName("gate_queue")
        self.queue_label.setWordWrap(True)
        background, text = colours("ask")
        self.queue_label.setStyleSheet(f"font-size: 16pt; font-weight: bold; padding: 4px 12px;"
                                       f" background: {background}; color: {text};")
        self.queue_label.hide()
        self.choices = QListWidget(self)
        self.choices.setObjectName("gate_choices")
        self.choices.setFocusPolicy(Qt.NoFocus)
        self.choices.setStyleSheet("font-size: 16pt;")
        self.choices.itemClicked.connect(lambda item: self.choose(self.choices.row(item)))
        self.choices.hide()

        self.keys_label = QLabel(self)
        self.keys_label.setObjectName("gate_keys")
        self.keys_label.setWordWrap(True)
        self.keys_label.setStyleSheet("font-size: 12pt; color: #37474f;")
        self.keys_label.setText(self.tr("Enter: save    F2: in/out    F3: visitor    F4: turned back    "
                                        "F9: let out with a reason (green channel)    Esc: clear"))
        self.last_label = QLabel(self)
        self.last_label.setObjectName("gate_last")
        self.last_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.last_label.setTextFormat(Qt.RichText)
        self._last_lines: list[tuple[str, str]] = []
        self.recent = QListWidget(self)
        self.recent.setObjectName("gate_recent")
        self.recent.setFocusPolicy(Qt.NoFocus)
        self.recent.setStyleSheet("font-size: 12pt;")
        self.recent.setMinimumHeight(48)
        self.recent.setMaximumHeight(190)

        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.direction_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        if parent is None:                   # alone on the screen (F11): the window's red lines are hidden
            from ui.widgets.clock_banner import ClockBanner
            from ui.widgets.damage_banner import DamageBanner
            self.clock_banner = ClockBanner(app, self)
            layout.addWidget(self.clock_banner)
            self.damage_banner = DamageBanner(app, open_backups or self.close, self, events)
            layout.addWidget(self.damage_banner)
        # Said once, when not even the journal beside the register can keep a passage: paper.
        self.paper_label = QLabel(self)
        self.paper_label.setObjectName("gate_paper")
        self.paper_label.setWordWrap(True)
        self.paper_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.paper_label.setStyleSheet("background: #b71c1c; color: white; font-size: 14pt; padding: 6px 10px;")
        self.paper_label.hide()
        layout.addWidget(self.paper_label)
        layout.addWidget(self.gate_label)
        layout.addWidget(self.roster_label)
        layout.addLayout(row)
        layout.addWidget(self.card, 2)
        layout.addWidget(self.prompt)
        layout.addWidget(self.queue_label)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.last_label)
        layout.addWidget(self.recent, 1)
        # A text no wider than the screen never widens the window: a 2,000-character scan quoted
        # on the card had pushed the in/out button off the screen for the rest of the shift.
        for label in (self.name_label, self.status_label, self.address_label, self.message_label, self.prompt,
                      self.queue_label, self.keys_label, self.last_label, self.gate_label, self.roster_label):
            label.setMinimumWidth(1)        # its preferred width when there is room, never more
        self._flash = QTimer(self)
        self._flash.setInterval(450)
        self._flash.timeout.connect(self._blink)
        self._blink_on = False
        # The roster line and the recent list change with the clock alone (a shift ending at 08:00,
        # midnight): looked at each minute while shown, as the day's log follows the day.
        self._recent_day = None         # the day the recent list shows
        self.clock_watch = EachMinute(self, self._follow_the_clock)
        events.changed.connect(self._data_changed)
        _hear_the_journal(self.db, events)
        self.refresh_gate()
        self.clear()

    # -- focus: the entry field always has it --------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.entry.setFocus()
        self.clock_watch.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.clock_watch.stop()

    def focus_entry(self) -> None:
        self.entry.setFocus()
        self.entry.activateWindow()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.entry and event.type() == QEvent.KeyPress:
            key = event.key()
            if key == FLIP_KEY:
                self.flip_direction()
                return True
            if key == VISITOR_KEY:
                self.visitor()
                return True
            if key == TURN_BACK_KEY:
                self.turn_back()
                return True
            if key == OVERRIDE_KEY:
                self.override()
                return True
            if key == Qt.Key_Escape:
                self.escape()
                return True
            if key in (Qt.Key_Tab, Qt.Key_Backtab):
                # A scanner set to end its code with Tab: the code stayed in the field, and the
                # next one ran into it ('MS1:…MS1:…', refused as no pass of this system).
                if self.entry.text().strip():
                    self.enter()
                return True
            if event.text().isprintable() and event.text():
                self._keys.key(time.monotonic(), self.entry.text())
        if obj is self.entry and event.type() == QEvent.Resize:
            self._fit_hint()
        if obj is self.entry and event.type() == QEvent.FocusOut:
            # A click elsewhere on the screen must not leave the scanner typing into nothing.
            QTimer.singleShot(0, self._refocus)
        return super().eventFilter(obj, event)

    def _typed(self, _text: str) -> None:
        self._scan_pause.start()

    def _keys_stopped(self) -> None:
        """No Enter after a whole code typed at a scanner's pace, or after the end of one cut as a
        form closed: the scanner sends none (the cut end had waited in the field for the guard's
        Enter, and ran into what the guard typed next)."""
        text = self.entry.text()
        if scan_in(text, self._keys) is not None or self._cut_by_a_form(text):
            self.enter()

    def _set_entry_points(self, points: int) -> None:
        if points != self._entry_points:
            self._entry_points = points
            self.entry.setStyleSheet(f"font-size: {points}pt; padding: 4px;")

    def _fit_hint(self) -> None:
        """The placeholder read whole: while the field is empty its type is as large as fits."""
        self._set_entry_points(hint_points(self.entry, ENTRY_POINTS, HINT_MIN_POINTS, ENTRY_TEXT_MARGIN))

    def _refocus(self) -> None:
        if (self.isVisible() and QApplication.activeModalWidget() is None
                and QApplication.activePopupWidget() is None and self.window().isActiveWindow()):
            self.entry.setFocus()

    # -- the gate this machine stands at ---------------------------------------------------------
    def refresh_gate(self, at: datetime | None = None) -> None:
        had = self.checkpoint
        self.checkpoint = this_checkpoint(self.db)
        name = self.checkpoint.name if self.checkpoint else self.tr("none chosen")
        # The account's part whole (值守 / ：测试员 read apart); a gate's name of any length breaks
        # where it must: on one line, 30 characters and a long account name widened the screen.
        self.gate_label.setText(self.tr("Checkpoint: %1").replace("%1", name) + "    "
                                + unbroken(self.tr("On duty: %1").replace("%1", self.db.user_name or "-")))
        at = at or self._saved_at or datetime.now()     # one reading: the roster and the list agree
        self.roster_label.setText(self._roster_line(at))
        self.roster_label.setVisible(bool(self.roster_label.text()))
        self.refresh_recent(at)
        if self.checkpoint is None:
            if self.subject is None:
                self._ask_gate()
        elif had is None:                    # the first gate added, or one chosen: the screen is ready
            self.gates = []
            self._list_in_columns(False)
            self.recent.show()
            self.clear(keep_direction=True)  # F2 pressed before the gate was chosen is for the held scan
            self._next_held()

    def _roster_line(self, at: datetime) -> str:
        return on_duty_line(on_duty_at(self.db, self.checkpoint.id, at)) if self.checkpoint else ""

    def _ask_gate(self, message: str = "") -> None:
        """No gate: nothing is saved; the screen asks which gate this machine is (once, remembered)."""
        self.subject, self.candidates = None, []
        self._list_people(False)
        self.gates = checkpoints(self.db)
        self.choices.clear()
        if not self.gates:
            self.choices.hide()
            # A gate account has no Gate settings tab: it is told who can add the gate.
            self._show_card("ask", self.tr("Which gate is this?"), "", "",
                            self.tr("There is no checkpoint yet. Add this gate under Gate settings.")
                            if can(self.db, Permission.REGISTER_READ) else
                            self.tr("There is no checkpoint yet. Ask the community office to log in on this "
                                    "computer and add this gate (Gate ▸ Gate settings)."))
            self._show_prompt("ask", message or self.tr("No checkpoint: nothing can be saved yet."))
            return
        for n, c in enumerate(self.gates, 1):
            self.choices.addItem(f"{n}  {c.name}")
        self._list_in_columns(True)     # fourteen gates in sight at once, even at 1024×768
        self.recent.hide()              # every gate's passages: nothing to do with the question
        self.choices.show()
        self._show_card("ask", self.tr("Which gate is this?"), "", "",
                        self.tr("This computer has no checkpoint yet, so nothing is saved. "
                                "It is asked once; this computer remembers the answer."))
        self._show_prompt("ask", message or self.tr("Type the number of this gate and Enter."))

    def _list_people(self, shown: bool) -> None:
        """The people found take the card's place, and the recent passages', while the guard
        chooses: beside them four of nine were in sight at 1024×768, and the guard, on the
        keyboard, cannot scroll the list."""
        self.choices.setVisible(shown)
        self.card.setVisible(not shown)
        self.recent.setVisible(not shown and self.checkpoint is not None)

    def _list_in_columns(self, columns: bool) -> None:
        self.layout().setStretchFactor(self.card, 1 if columns else 2)
        self.layout().setStretchFactor(self.choices, 3 if columns else 1)
        if self.choices.isWrapping() != columns:
            self.choices.setFlow(QListView.TopToBottom)
            self.choices.setWrapping(columns)
            self.choices.setResizeMode(QListView.Adjust)
            self.choices.setSpacing(4 if columns else 0)

    def _gate_answer(self, text: str) -> None:
        if text.isdigit() and 1 <= int(text) <= len(self.gates):
            self.choose_gate(int(text) - 1)
            return
        if text and not _looks_like_temperature(text):     # a reading is nobody's scan
            self._hold(text)
        self._ask_gate(self.tr("First choose this gate: type its number and Enter."))

    def choose_gate(self, index: int) -> None:
        serve_checkpoint(self.db, self.gates[index].id)
        self.events.notify("gate_settings")       # refresh_gate shows the held scans
        if self.gates:                            # not connected to the events (a lone screen)
            self.refresh_gate()

    def _follow_the_clock(self) -> None:
        """On show and each minute (clock_watch): after an 08:00 shift change or midnight, with
        nobody scanning, the roster line named the last shift's guard and the list was
        yesterday's until the next passage. Both are read again when the day or the roster's
        line at this minute differs from the one shown."""
        if self.checkpoint is None:
            return
        at = datetime.now()
        try:
            if (at.date() != self._recent_day
                    or self._roster_line(at) != self.roster_label.text()):
                self.refresh_gate(at)
        except Exception as e:
            # A register that cannot be read now (closed, damaged) is said by the next scan and
            # the red line, not by a box each minute; the next minute looks again.
            if user_message(e) is None:
                raise

    # -- state -------------------------------------------------------------------------------
    def _data_changed(self, areas) -> None:
        if "gate" in areas or "gate_settings" in areas or "register" in areas or "duty" in areas:
            self.refresh_gate()

    def clear(self, keep_direction: bool = False) -> None:
        """An empty card; the F2 choice ends with it, unless ``keep_direction`` (no card had it
        yet: the gate was being chosen)."""
        self.subject, self.candidates, self.temperature, self.plate = None, [], None, ""
        self.scanned, self.awaiting, self._card_text = False, "", ""
        self._visitor_number = ""
        self.outcome = self._fever_today = self._fever_whose = ""
        if not keep_direction:
            self.chosen_direction = None
        self._list_people(False)
        self.entry.clear()
        if self.checkpoint is None:
            self._ask_gate()
        else:
            self._show_card("idle", self.tr("Ready"), "", "", self.tr("Waiting for the next person"))
            self._show_prompt("idle", self.tr("Scan a pass or type, then Enter"))
        self._show_direction()
        self._show_queue()
        self.entry.setFocus()

    def escape(self) -> None:
        """Esc: the guard drops the card (said on the last line), then the next held scan."""
        if self.subject is not None:
            self._last_line("error", self.tr("Not saved: %1 (Esc)").replace("%1", self.subject.name))
        self.clear()
        self._next_held()

    def _hold(self, text: str) -> None:
        if text != self._card_text:     # the same pass scanned twice is one person
            self.held.append(text)
        self._show_queue()

    def _next_held(self) -> None:
        """Show the held scans one by one; stop at the first that needs the guard."""
        if self._draining:
            return
        self._draining = True
        try:
            while self.held and self.subject is None and self.checkpoint is not None:
                self._just_saved = False
                self.find(self.held.pop(0))
                if not self._just_saved:
                    break
        finally:
            self._draining = False
        self._show_queue()

    def _show_queue(self) -> None:
        if not self.held:
            self.queue_label.hide()
            return
        if self.checkpoint is None:
            text = self.tr("Next person scanned, waiting (%1): shown once this gate is chosen.")
        elif self.subject is None:      # a pick list from a held name: the gate is chosen
            text = self.tr("Next person scanned, waiting (%1): shown once you type a number from the "
                           "list (or Esc).")
        else:
            text = self.tr("Next person scanned, waiting (%1). Settle %2 first: it is shown then.")
        self.queue_label.setText(text.replace("%1", str(len(self.held)))
                                 .replace("%2", self.subject.name if self.subject else ""))
        self.queue_label.show()

    def _show_direction(self) -> None:
        if self.subject is None and self.chosen_direction is None:
            text, colour = self.tr("IN/OUT: auto (F2)"), "#546e7a"
        else:
            chosen = self.chosen_direction is not None
            if self.direction == "out":
                text = self.tr("OUT (chosen)") if chosen else self.tr("OUT  (F2 flips)")
                colour = "#1565c0"
            else:
                text = self.tr("IN (chosen)") if chosen else self.tr("IN  (F2 flips)")
                colour = "#6a1b9a"
        self.direction_button.setText(text)
        sheet = f"font-size: 22pt; font-weight: bold; color: white; background: {colour}; padding: 8px;"
        if sheet != self.direction_button.styleSheet():
            self.direction_button.setStyleSheet(sheet)

    def _show_card(self, style: str, name: str, status: str, address: str, message: str) -> None:
        self._flash.stop()
        self.card_style = style
        self._paint_card(style, border=None)
        self.name_label.setText(name)
        self.status_label.setText(status)
        self.address_label.setText(address)
        self.message_label.setText(message)
        if style in ("fever", "refused", "stay_in"):
            self._flash.start()

    def _show_prompt(self, kind: str, text: str) -> None:
        self.prompt_kind = kind
        background, colour = colours(kind)
        sheet = (f"font-size: 24pt; font-weight: bold; padding: 6px 12px; border-radius: 6px;"
                 f" background: {background}; color: {colour};")
        if sheet != self.prompt.styleSheet():
            self.prompt.setStyleSheet(sheet)
        self.prompt.setText(text)

    def _paint_card(self, style: str, border: str | None) -> None:
        """Restyle only when the look changes: a style sheet costs milliseconds per scan."""
        background, colour = colours(style)
        sheet = (f"#gate_card {{ background: {background}; border-radius: 8px;"
                 f" border: 10px solid {border or background}; }} QLabel {{ color: {colour}; }}")
        if sheet != self.card.styleSheet():
            self.card.setStyleSheet(sheet)

    def _blink(self) -> None:
        self._blink_on = not self._blink_on
        self._paint_card(self.card_style, "#ffff00" if self._blink_on else None)

    def _status_text(self, s: Subject) -> str:
        if s.kind == "visitor":
            return self.tr("Visitor")
        if s.kind == "vehicle":
            return self.tr("Vehicle") if s.household_id else self.tr("Unregistered vehicle")
        if s.must_stay_in:
            return self.tr("MUST NOT GO OUT")
        return i18n.label(vocab.STATUS, s.status)

    def show_subject(self, s: Subject, direction: str | None = None, text: str = "",
                     when: datetime | None = None) -> None:
        """Put a subject on the card with the direction (the guard's F2 choice, else the guess)
        and what the guard must do, as at ``when`` (the scan's moment; a pick, now)."""
        self._moment = when or datetime.now()
        self.subject, self.candidates, self.awaiting, self._card_text = s, [], "", text
        self.outcome = ""
        self._list_people(False)
        a = gate_log.assess(self.db, s, direction or self.chosen_direction, self._moment)
        self.direction = a.direction
        self._show_direction()
        self._render(a)

    def _temperature_needed(self) -> bool:
        return (self.direction == "in" and self.temperature is None and self.checkpoint is not None
                and self.checkpoint.temperature_on_entry)

    def _render(self, a: gate_log.Assessment | None = None, error: str = "") -> None:
        s = self.subject
        a = a or gate_log.assess(self.db, s, self.direction, self._moment)
        lines = []
        if s.pass_no:
            lines.append(self.tr("Pass %1").replace("%1", s.pass_no)
                         + (self.tr(" (household pass)") if s.kind == "household" else ""))
        # The household chosen (on the way out: today's way in's, linked on saving), the host.
        visited = s.visited_address or a.visited
        if s.kind == "visitor" and (s.visit_reason or s.visiting or visited):
            whom = " ".join(x for x in (visited, s.visiting) if x)
            lines.append(self.tr("Visiting %1: %2").replace("%1", whom).replace("%2", s.visit_reason))
        if self.plate or s.plate:
            lines.append(self.tr("Plate %1").replace("%1", format_plate(self.plate or s.plate)))
        if self.temperature is not None:
            lines.append(self.tr("Temperature %1 °C").replace("%1", f"{self.temperature:.1f}"))
        if a.last_at:
            lines.append(self.tr("Last passage: %1").replace("%1", a.last_at[5:16].replace("T", " ")))
        style = "away" if s.status == "away" else "healthy"
        word = self.tr("IN") if self.direction == "in" else self.tr("OUT")
        prompt = ("confirm", self.tr("Enter saves: %1 %2").replace("%1", s.name).replace("%2", word))
        if self._temperature_needed():
            prompt = ("ask", self.tr("Temperature needed: type it (365 or 36.5) and Enter"))
        if s.must_stay_in:
            style = "stay_in"
            lines.insert(0, gate_log.stay_in_text(s))
            if self.direction == "out":
                prompt = ("stay_in", self.tr("Must not go out: F4 turned back, F9 green channel with a reason"))
        if a.rule_others and self.direction == "out":
            style = "rule" if style != "stay_in" else style
            lines.insert(0, self.tr("Household rule: already out: %1.").replace("%1", "、".join(a.rule_others)))
            if not s.must_stay_in:
                prompt = ("rule", self.tr("Household rule: Enter lets them out anyway, F4 turns them back"))
        status = self._status_text(s)
        self._fever_today, self._fever_whose = a.fever_today, a.fever_whose
        if a.fever_today and a.fever_whose and not self.outcome:
            # A household's fever that may be another member's (desktop.gate.log._fever_earlier):
            # the guard asks who it was; Enter (or 1) lets through, 2 and 3 as for a fever.
            style = "rule" if style != "stay_in" else style
            status = self.tr("HOUSEHOLD FEVER TODAY")
            lines.insert(0, a.fever_today)
            if not self._temperature_needed():
                prompt = ("rule", self.tr("Household fever today: ask who it was. Enter lets through, "
                                          "2 turned back, 3 fever clinic"))
                self.awaiting = self.awaiting or "fever_check"
        elif a.fever_today and not self.outcome:
            # As a fever now: 1, 2, 3 choose at once, Enter alone does not let them through
            # (desktop.gate.log._check says why); the reading first where one is needed.
            style = "fever"
            status = self.tr("FEVER TODAY")
            lines.insert(0, a.fever_today)
            if not self._temperature_needed():
                prompt = ("fever", self.tr("Fever: type 1 allow, 2 turned back, 3 fever clinic, then Enter"))
                self.awaiting = self.awaiting or "outcome"
        if is_fever(self.temperature):
            style = "fever"
            status = self.tr("FEVER %1 °C").replace("%1", f"{self.temperature:.1f}")
            prompt = ("fever", self.tr("Fever: type 1 allow, 2 turned back, 3 fever clinic, then Enter"))
        if error:
            prompt = ("error", error)
        self._show_card(style, s.name, status, "   ".join(t for t in (s.address, s.household_name, s.id_masked) if t),
                        "\n".join(lines))
        self._show_prompt(*prompt)
        self._show_queue()

    # -- the keys ----------------------------------------------------------------------------
    def flip_direction(self) -> None:
        """F2: before a scan it chooses (进 first), on a card it flips; the choice is kept until
        the card is cleared, so the next scan does not overrule it with a guess."""
        if self.subject is None and self.chosen_direction is None:
            self.chosen_direction = "in"
        else:
            self.chosen_direction = "in" if self.direction == "out" else "out"
        self.direction = self.chosen_direction
        self._show_direction()
        if self.subject:
            self.awaiting = self.outcome = ""
            self._render()
        self.entry.setFocus()

    def enter(self) -> None:
        """The Enter key (the scanner's, or the guard's). A code a scanner typed at the end of the
        field comes with what the guard had typed before it when that is a reading (whole or cut
        short: this passage's or the card's) or a number from the list on screen typed apart from
        the scan (a scan's keys, at a scanner's pace, never choose from the list). A half-typed
        name is dropped, and said on the last line: the person who scanned is the one at the gate
        now; left before the code it made the code 'not found' (or, with no Enter, waited
        forever), and left in the field after it, the guard's '365' would run into it. A reading
        typed after a scan the gate had not yet taken is taken as if typed before it."""
        typed = self.entry.text()
        if self._cut_by_a_form(typed):
            self.entry.clear()
            self._keys.clear()
            self._entered_at = time.monotonic()     # a CR+LF scanner's second Enter is not the guard's
            self._say_cut_scan()
            return
        found = scan_in(typed, self._keys)
        # A reading typed after a scan not yet taken: as if typed before it.
        after = scan_then_reading(typed, self._keys)
        paused = {without_symbology(before) for before in self._keys.paused_at()}
        typed = after or typed
        self.entry.clear()
        self._keys.clear()
        split = reading_then_scan(typed)
        if split and self._a_number_from_the_list(split[0]):
            # A number from the list on screen and the next person's scan before Enter. Typed
            # apart from the scan (a pause between the number and the scan's first key, or the
            # scan's last key and the number), it is the guard's: taken, then the scan (the
            # number was dropped, or read as a reading of the scanned person, and the list
            # forgotten). At a scanner's pace it may be the scan's own key, and a stranger would
            # be chosen from the list: never a choice, said on the last line, the scan taken.
            if (split[1] if after else split[0]) in paused:
                self._take(split[0])
            else:
                self._say_not_used(split[0])
            self._take(split[1])
            return
        if found is None or whole_scan(typed):
            self._take(typed)
            return
        if found[0].strip():
            self._say_not_used(found[0].strip())
        self._take(found[1])

    def _say_not_used(self, typed: str) -> None:
        """On the last line, so the guard knows to type it again if it was meant."""
        self._last_line("error", self.tr("Not used: \"%1\" (someone scanned while it was typed)")
                        .replace("%1", self._quoted(typed)))

    def _cut_by_a_form(self, typed: str) -> bool:
        """Whether ``typed`` is the end of a scan whose first keys were lost as a gate form closed:
        searched, a stranger's ID digits found whoever's number ends so, or held as the next person."""
        end = self._keys.scan_end(typed)
        return (end is not None and not end[0] and not whole_scan(typed)
                and self._keys.run_began() - self._form_closed_at < FORM_CLOSED_SECONDS)

    def _say_cut_scan(self) -> None:
        """Nobody is looked up: the card (or, with someone on it still to settle, the prompt) asks
        for the scan again."""
        said = self.tr("Scan incomplete: scan again")
        if self.subject is not None:
            self._render(error=said)
            return
        self._show_card("error", said, "", "", self.tr("Only the end of a scan arrived as a form closed; "
                                                       "nobody was looked up."))
        self._show_prompt("error", said)

    def _a_number_from_the_list(self, typed: str) -> bool:
        """Whether the guard's keys are a number chosen from the gates or people listed ('365'
        before a scan while the gate is asked stays the scanned person's reading)."""
        listed = self.gates if self.checkpoint is None else self.candidates if self.subject is None else []
        return typed.isdigit() and 1 <= int(typed) <= len(listed)

    def _take(self, typed: str) -> None:
        """What the field held at an Enter: a scan, a reading, a choice, a name."""
        text = without_symbology(typed)
        now = time.monotonic()
        if not text and now - self._entered_at < LINE_END_SECONDS:
            return
        if text:
            self._entered_at = now if whole_scan(text) else -1.0
        if self.checkpoint is None:
            self._gate_answer(text)
            return
        if self.candidates and text.isdigit() and 1 <= int(text) <= len(self.candidates):
            self.choose(int(text) - 1)
            return
        if self.candidates and self.subject is None and text.isdigit() and len(text) <= 2:
            # A number past the list is a slip choosing from it, not a name to look up
            # (that answered "not found").
            count = str(len(self.candidates))
            self._show_prompt("error", self.tr("Only %1 found: type a number from 1 to %1 and Enter.")
                              .replace("%1", count))
            return
        if self.subject is not None:
            split = reading_then_scan(text)
            cut_short = False
            if split and (self._temperature_needed() or self.awaiting in ("temperature", "outcome", "fever_check")):
                # The guard typed this card's reading (or outcome) and the next person's scan ran
                # into it before Enter: the reading is this person's, the scan waits for its turn
                # (left whole, the next person would have been saved with this one's temperature).
                self._hold(split[1])
                text = split[0]
                cut_short = reading_cut_short(text)
            if self.awaiting in ("outcome", "fever_check") and not (len(text) > 1 and _looks_like_temperature(text)):
                # A second temperature (a re-measure) replaces the first; 1, 2, 3 choose; asked
                # about a household's fever, the guard's Enter lets through too.
                outcome = {"1": "allowed", "2": "turned_back", "3": "referred"}.get(text)
                if not text and self.awaiting == "fever_check":
                    outcome = "allowed"
                if outcome:
                    self.save(outcome=outcome)
                elif text and not _looks_like_temperature(text):
                    self._hold(text)        # the next person (an ID number is all digits too)
                else:
                    self._render(error=self.tr("Choose the outcome: type 1, 2 or 3 and Enter."))
                return
            if not text:
                self.save(rule_confirmed=self.awaiting == "rule")
                return
            if _looks_like_temperature(text):
                try:
                    self.temperature = typed_temperature(text)
                except InputError as e:
                    self._render(error=e.message)
                    return
                self.outcome = ""       # a new reading: a fever's outcome is chosen again
                if cut_short:           # '36' of '365', maybe: shown, saved by the guard's Enter
                    self.awaiting = ""
                    self._render()
                    return
                self.save(rule_confirmed=self.awaiting == "rule")
                return
            if looks_like_plate(text):
                self.plate = normalise_plate(text)
                self._render()
                return
            # The next person while this one waits: held, never a silent replacement.
            self._hold(text)
            return
        if text:
            self.find(text)

    def find(self, text: str) -> None:
        self.subject, self.temperature, self.plate, self.awaiting = None, None, "", ""
        # A new search forgets the last pick list: left on screen under "not found", a "2" typed
        # next would have chosen a stranger from it.
        self.candidates = []
        self._visitor_number = ""
        self._list_people(False)
        moment = datetime.now()                 # the scan's moment (self._moment)
        result = lookup(self.db, text, moment.date())
        if result.refused:
            self.subject = None
            shown = result.subjects[0] if result.subjects else None
            self._show_card("refused", self.tr("REFUSED"), shown.name if shown else "",
                            shown.address if shown else "", result.refused)
            self._show_prompt("refused", self.tr("Refused: do not let through"))
            QApplication.beep()
            return
        if not result.subjects:
            if scan_kind(text) == "id_number":
                self._visitor_number = without_symbology(text).strip()
            self._show_card("idle", self.tr("Not found"), "", "",
                            self.tr("Nobody found for \"%1\". A visitor? Press F3.").replace("%1", self._quoted(text)))
            self._show_prompt("error", self.tr("Not found: type again, or F3 for a visitor"))
            return
        if len(result.subjects) > 1:
            self.candidates = list(result.subjects)
            self.choices.clear()
            for n, s in enumerate(self.candidates, 1):
                self.choices.addItem(f"{n}  {s.name}   {s.address}   {s.household_name + '   ' if s.household_name else ''}"
                                     f"{s.found_by or self._status_text(s)}")
            self._list_people(True)
            self._show_card("idle", self.tr("Which one?"), "", "",
                            self.tr("%1 found: type the number and Enter.").replace("%1", str(len(self.candidates))))
            self._show_prompt("ask", self.tr("Type the number and Enter"))
            return
        s = result.subjects[0]
        if s.kind == "visitor":
            self.visitor(s)
            return
        self.scanned = result.scanned
        if result.temperature_text:
            try:
                self.temperature = typed_temperature(result.temperature_text)
            except InputError as e:
                self.show_subject(s, text=text, when=moment)
                self._render(error=e.message)
                return
        self.show_subject(s, text=text, when=moment)
        if result.saves_at_once:
            self.save(when=moment)     # one scan saves at once when nothing needs the guard

    def choose(self, index: int) -> None:
        if self.gates and self.checkpoint is None:
            self.choose_gate(index)
            return
        s = self.candidates[index]
        if s.kind == "visitor":
            self.candidates = []
            self._list_people(False)
            self.visitor(s)
            return
        self.show_subject(s)
        self.entry.setFocus()

    def save(self, outcome: str = "", override_reason: str = "", rule_confirmed: bool = False,
             subject: Subject | None = None, when: datetime | None = None) -> str | None:
        """Save the passage on the card at ``when`` (the scan's moment when it saves at once; the
        guard's key, now), checked as the card was judged (``_moment``); on a question for the
        guard, show it and wait."""
        s = subject or self.subject
        if s is None:
            return None
        when = when or datetime.now()
        outcome = self.outcome = outcome or self.outcome
        passage = gate_log.Passage(s, self.direction, self.temperature, outcome, override_reason, rule_confirmed,
                                   plate=self.plate, source="scan" if self.scanned else "screen")
        try:
            # The save records the card the guard answered: a FEVER TODAY of 23:59:58 answered at
            # 00:00:03 is a passage after a fever (checked at the key, the fever was yesterday's
            # and the note went), and a question is re-drawn as that card. The pass is not checked
            # again either: the card said it valid at the scan, and a pass valid through a day
            # lets through a passage begun on that day. Re-checked at 00:00:03 it would turn the
            # card just answered into a refusal for the person already let through; the next
            # scan, a new passage, is refused.
            row_id = gate_log.record_passage(self.db, passage, self.checkpoint, when, judged_at=self._moment)
        except InputError as e:
            self.awaiting = e.field
            if e.field == "checkpoint":
                self.refresh_gate()
                return None
            # The card's prompt already says it for a temperature, a fever, a red card and the rule.
            self._render(error="" if e.field in ("temperature", "outcome", "fever_check", "override", "rule")
                         else e.message)
            return None
        except journal.JournalUnwritable as e:
            self._on_paper(s, e.message, when)
            return None
        except Exception as e:
            # A failure the guard can act on is said on the card, not in a box over the screen
            # (a box takes the scanner's keys): the card stays, so Enter tries again. A bug is
            # the global handler's.
            said = user_message(e)
            if said is None:
                raise
            self._render(error=self.tr("Not saved: Enter tries again, or use the paper sheet"))
            self.message_label.setText(said)        # whole on the card: the prompt's type is too large
            return None
        fever = is_fever(self.temperature) or bool(self._fever_today)
        word = self.tr("IN") if self.direction == "in" else self.tr("OUT")
        result = {"allowed": "", "turned_back": self.tr(" - turned back"),
                  "referred": self.tr(" - referred to the fever clinic")}[outcome or "allowed"]
        if fever and (outcome or "allowed") == "allowed":
            result = (self.tr(" - household fever asked, let through") if self._fever_whose
                      and not is_fever(self.temperature) else self.tr(" - fever, let through"))
        if override_reason:
            result = self.tr(" - green channel")
        kind = saved_kind(outcome, fever, bool(override_reason))
        waits = journal.waits_for(self.db)
        if waits:
            # Kept beside the register, written by the first open that can: said quietly.
            line = (self.tr("Kept %1  %2  %3%4: the data file is damaged; it is written once a backup is restored")
                    if waits == "damaged" else
                    self.tr("Kept %1  %2  %3%4: the data file cannot be written now; it is written once it can be"))
            saved, said = self.tr("Kept"), self.tr("Kept: %1 %2%3")
        else:
            line, saved, said = self.tr("Saved %1  %2  %3%4"), self.tr("Saved"), self.tr("Saved: %1 %2%3")
        self._last_line(kind, line.replace("%1", when.strftime("%H:%M:%S"))
                        .replace("%2", s.name).replace("%3", word).replace("%4", result))
        name = s.name
        self.clear()
        self._show_card(kind, saved, "", name, self.tr("Ready for the next person"))
        self._show_prompt(kind, said.replace("%1", name).replace("%2", word).replace("%3", result))
        self._just_saved = True
        self._saved_at = when
        try:
            self.events.notify("gate")
        finally:
            self._saved_at = None
        self.saved.emit(row_id)
        self._next_held()
        return row_id

    def _on_paper(self, s: Subject, message: str, when: datetime) -> None:
        """Nothing can keep the passage: the guard writes it on the paper sheet. Said plainly once
        (a line that stays); each passage is named on the last line at ``when``, the moment it
        was taken, and the card is freed for the next person (held on it, every scan would wait
        for Esc)."""
        if self.paper_label.isHidden():
            self.paper_label.setText(message)
            self.paper_label.show()
        word = self.tr("IN") if self.direction == "in" else self.tr("OUT")
        self._last_line("error", self.tr("Not saved %1  %2  %3: write it on the paper sheet")
                        .replace("%1", when.strftime("%H:%M:%S")).replace("%2", s.name).replace("%3", word))
        self.clear()
        self._show_card("error", self.tr("Not saved"), "", s.name, self.tr("Write it on the paper sheet"))
        self._show_prompt("error", self.tr("Not saved: use the paper sheet"))
        QApplication.beep()
        self._next_held()

    def _quoted(self, text: str) -> str:
        """What was typed or scanned, said back on a screen passers-by see: an ID number or a
        mobile number in it masked (an unknown ID number was quoted whole on the card)."""
        text = mask_text(text)
        if len(text) <= QUOTED_CHARS:
            return text
        return self.tr("%1… (%2 characters)").replace("%1", text[:QUOTED_CHARS]).replace("%2", str(len(text)))

    def _last_line(self, kind: str, text: str) -> None:
        """The last two things that happened, newest first: a passage dropped with Esc stays in
        sight when the next one is saved a second later."""
        self._last_lines = [(kind, text)] + self._last_lines[:1]
        self.last_label.setText("<br>".join(f"<span style='color:{line_colour(k)}'>{escape(t)}</span>"
                                            for k, t in self._last_lines))

    def turn_back(self) -> None:
        if self.subject is not None:
            self.save(outcome="turned_back")

    def override(self) -> None:
        """F9: let someone who must stay in go out, with a reason; the dialog names who is under
        isolation and who is going out (on a household pass, chosen among the members)."""
        if self.subject is None:
            return
        from ui.gate.dialogs import OverrideDialog
        dialog = OverrideDialog(self.subject, going_out_choices(self.db, self.subject), self)
        dialog.scanned.connect(self._hold)            # the next person, scanned meanwhile: held
        chosen = dialog.exec()
        self._form_closed_at = time.monotonic()
        if chosen:
            self.save(override_reason=dialog.reason(), rule_confirmed=True, subject=dialog.going_out())
        self.focus_entry()

    def visitor(self, known: Subject | None = None) -> None:
        if self.subject is not None:
            self._render(error=self.tr("First settle %1: Enter saves, Esc drops").replace("%1", self.subject.name))
            return
        from ui.gate.dialogs import VisitorDialog
        number, self._visitor_number = (self._visitor_number if known is None else ""), ""
        dialog = VisitorDialog(self.db, known, self, id_number=number)
        dialog.scanned.connect(self.held.append)      # the next person, scanned meanwhile
        saved = dialog.exec()
        self._form_closed_at = time.monotonic()
        if saved and dialog.subject is not None:
            self.show_subject(dialog.subject)
        else:
            if typed := dialog.name.text().strip():   # as Esc on a card says: nothing was kept
                self._last_line("error", self.tr("Not saved: visitor %1 (cancelled)").replace("%1", self._quoted(typed)))
            self._next_held()
        self.focus_entry()

    def refresh_recent(self, at: datetime | None = None) -> None:
        """The last passages of the day of ``at`` (refresh_gate's reading), else of today."""
        self.recent.clear()
        day = (at or datetime.now()).date()
        for e in gate_log.recent_entries(self.db, day.isoformat(),
                                         self.checkpoint.id if self.checkpoint else None, limit=RECENT):
            word = self.tr("IN") if e.direction == "in" else self.tr("OUT")
            temp = f"{e.temperature:.1f}°C" if e.temperature is not None else ""
            outcome = "" if e.outcome == "allowed" else {"turned_back": self.tr("turned back"),
                                                          "referred": self.tr("referred")}.get(e.outcome, "")
            plate = format_plate(e.plate)
            plate = "" if plate == e.holder_name else plate          # a car's own row is named by it
            line = (f"{e.at[11:19]}  {word}  {gate_log.passage_name(e)}  {e.address}  {plate}  {temp}  {outcome}"
                    + (self.tr("  [voided]") if e.void_reason else "") + (self.tr("  [kept]") if e.kept else ""))
            item = QListWidgetItem(line, self.recent)
            # Whole on hover: a visitor's line (address, whom visited, plate, fever) ran past the
            # list's right edge at 1024×768, 送医 and [已更正] out of sight.
            item.setToolTip(line)
            # Coloured as the day's log table colours the passage: a fever red, a voided one grey.
            background, text = logged_colours(e)
            if background:
                item.setBackground(QColor(background))
            if text:
                item.setForeground(QColor(text))
        self._recent_day = day
