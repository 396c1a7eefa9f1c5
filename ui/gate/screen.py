"""The gate screen: large type, keyboard only, the entry field always has the focus.

A USB scanner types the pass QR and presses Enter; a guard types a name, pinyin initials, the
last digits of an ID number, a pass number or a plate and presses Enter. The card shows who it
is at once, in the colour of their status. When a card is shown, typing a temperature (365 or
36.5) and Enter saves; Enter alone saves without one. A scan saves at once when nothing needs
the guard (going out, or '365' typed before the scan). Keys are shown on screen (KEYS).
"""
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QPushButton, QVBoxLayout, QWidget)

from desktop import vocab
from desktop.app import App
from desktop.duty.roster import on_duty_text
from desktop.errors import InputError
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import this_checkpoint
from desktop.gate.plates import format_plate, looks_like_plate, normalise_plate
from desktop.gate.subjects import Subject, lookup
from desktop.temperature import is_fever, parse_temperature
from ui import i18n
from ui.events import DataEvents

FLIP_KEY = Qt.Key_F2
VISITOR_KEY = Qt.Key_F3
TURN_BACK_KEY = Qt.Key_F4
OVERRIDE_KEY = Qt.Key_F9
CARD_STYLES = {     # background, text
    "idle": ("#eceff1", "#263238"), "healthy": ("#e8f5e9", "#1b5e20"), "away": ("#e3f2fd", "#0d47a1"),
    "stay_in": ("#c62828", "#ffffff"), "fever": ("#b71c1c", "#ffff00"), "refused": ("#3e0000", "#ffffff"),
    "rule": ("#ef8f00", "#000000"), "saved": ("#2e7d32", "#ffffff"),
}
RECENT = 8


# Words guards write instead of a number; answered with the temperature's own message.
_TEMPERATURE_WORDS = ("正常", "无", "不烧", "没发烧", "无发热", "体温正常")


def _looks_like_temperature(text: str) -> bool:
    """With a card shown: '365', '36.5', '3.65', '37.8℃', '正常' are temperatures (valid or not);
    four or more digits are the end of an ID number, so a new search."""
    compact = text.replace("．", ".").rstrip("℃度")
    return (compact in _TEMPERATURE_WORDS or (compact.isdigit() and len(compact) <= 3)
            or ("." in compact and len(compact) <= 5 and compact.replace(".", "", 1).isdigit()))


class GateScreen(QWidget):
    """One passage at a time. ``saved`` carries the new log row id."""
    saved = Signal(str)

    def __init__(self, app: App, events: DataEvents, parent=None, masked: bool = False):
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        self.masked = masked        # the gate role (a later issue): visitors' numbers shown masked
        self.setObjectName("gate_screen")
        self.subject: Subject | None = None
        self.candidates: list[Subject] = []
        self.direction = "out"
        self.temperature: float | None = None
        self.plate = ""
        self.scanned = False
        self.awaiting = ""              # '' | outcome | rule | override | temperature

        self.gate_label = QLabel(self)
        self.gate_label.setObjectName("gate_name")
        self.gate_label.setStyleSheet("font-size: 14pt; color: #37474f;")
        self.roster_label = QLabel(self)          # who the duty roster has at this gate now
        self.roster_label.setObjectName("gate_roster")
        self.entry = QLineEdit(self)
        self.entry.setObjectName("gate_entry")
        self.entry.setPlaceholderText(self.tr("Scan a pass, or type a name, initials, ID digits or plate"))
        self.entry.setStyleSheet("font-size: 26pt; padding: 6px;")
        self.entry.returnPressed.connect(self.enter)
        self.entry.installEventFilter(self)
        self.direction_button = QPushButton(self)
        self.direction_button.setObjectName("gate_direction")
        self.direction_button.setFocusPolicy(Qt.NoFocus)
        self.direction_button.setMinimumWidth(230)
        self.direction_button.clicked.connect(self.flip_direction)

        self.card = QFrame(self)
        self.card.setObjectName("gate_card")
        self.card.setMinimumHeight(260)
        self.name_label = QLabel(self.card)
        self.name_label.setObjectName("card_name")
        self.status_label = QLabel(self.card)
        self.status_label.setObjectName("card_status")
        self.address_label = QLabel(self.card)
        self.address_label.setObjectName("card_address")
        self.message_label = QLabel(self.card)
        self.message_label.setObjectName("card_message")
        self.message_label.setWordWrap(True)
        for label, points in ((self.name_label, 40), (self.status_label, 30), (self.address_label, 22),
                              (self.message_label, 20)):
            label.setStyleSheet(f"font-size: {points}pt;" + (" font-weight: bold;" if label is not self.address_label else ""))
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        card_layout.addLayout(top)
        card_layout.addWidget(self.address_label)
        card_layout.addWidget(self.message_label, 1)
        self.choices = QListWidget(self)
        self.choices.setObjectName("gate_choices")
        self.choices.setFocusPolicy(Qt.NoFocus)
        self.choices.setStyleSheet("font-size: 16pt;")
        self.choices.itemClicked.connect(lambda item: self.choose(self.choices.row(item)))
        self.choices.hide()

        self.keys_label = QLabel(self)
        self.keys_label.setObjectName("gate_keys")
        self.keys_label.setWordWrap(True)
        self.keys_label.setStyleSheet("font-size: 13pt; color: #37474f;")
        self.keys_label.setText(self.tr("Enter: save    F2: flip in/out    F3: visitor    F4: turned back    "
                                        "F9: let out with a reason (green channel)    Esc: clear"))
        self.last_label = QLabel(self)
        self.last_label.setObjectName("gate_last")
        self.last_label.setStyleSheet("font-size: 15pt;")
        self.recent = QListWidget(self)
        self.recent.setObjectName("gate_recent")
        self.recent.setFocusPolicy(Qt.NoFocus)
        self.recent.setStyleSheet("font-size: 12pt;")
        self.recent.setMaximumHeight(190)

        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.direction_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.gate_label)
        layout.addWidget(self.roster_label)
        layout.addLayout(row)
        layout.addWidget(self.card, 1)
        layout.addWidget(self.choices)
        layout.addWidget(self.keys_label)
        layout.addWidget(self.last_label)
        layout.addWidget(self.recent)
        self._flash = QTimer(self)
        self._flash.setInterval(450)
        self._flash.timeout.connect(self._blink)
        self._blink_on = False
        events.changed.connect(self._data_changed)
        self.refresh_gate()
        self.clear()

    # -- focus: the entry field always has it --------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.entry.setFocus()

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
                self.clear()
                return True
        if obj is self.entry and event.type() == QEvent.FocusOut:
            # A click elsewhere on the screen must not leave the scanner typing into nothing.
            QTimer.singleShot(0, self._refocus)
        return super().eventFilter(obj, event)

    def _refocus(self) -> None:
        if (self.isVisible() and QApplication.activeModalWidget() is None
                and QApplication.activePopupWidget() is None and self.window().isActiveWindow()):
            self.entry.setFocus()

    # -- state -------------------------------------------------------------------------------
    def refresh_gate(self) -> None:
        self.checkpoint = this_checkpoint(self.db)
        name = self.checkpoint.name if self.checkpoint else self.tr("no checkpoint chosen (Gate settings)")
        self.gate_label.setText(self.tr("Checkpoint: %1    On duty: %2").replace("%1", name)
                                .replace("%2", self.db.user_name or "-"))
        self.roster_label.setText(on_duty_text(self.db, self.checkpoint.id) if self.checkpoint else "")
        self.roster_label.setVisible(bool(self.roster_label.text()))
        self.refresh_recent()

    def _data_changed(self, areas) -> None:
        if "gate" in areas or "gate_settings" in areas or "register" in areas or "duty" in areas:
            self.refresh_gate()

    def clear(self) -> None:
        self.subject, self.candidates, self.temperature, self.plate = None, [], None, ""
        self.scanned, self.awaiting = False, ""
        self.choices.hide()
        self.entry.clear()
        self._show_card("idle", self.tr("Ready"), "", "", self.tr("Waiting for the next person"))
        self._show_direction()
        self.entry.setFocus()

    def _show_direction(self) -> None:
        if self.direction == "out":
            text, colour = self.tr("OUT  (F2 flips)"), "#1565c0"
        else:
            text, colour = self.tr("IN  (F2 flips)"), "#6a1b9a"
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

    def _paint_card(self, style: str, border: str | None) -> None:
        """Restyle only when the look changes: a style sheet costs milliseconds per scan."""
        background, colour = CARD_STYLES[style]
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

    def show_subject(self, s: Subject, direction: str | None = None) -> None:
        """Put a subject on the card with the guessed direction and what the guard must do."""
        self.subject, self.candidates, self.awaiting = s, [], ""
        self.choices.hide()
        a = gate_log.assess(self.db, s, direction)
        self.direction = a.direction
        self._show_direction()
        self._render(a)

    def _render(self, a: gate_log.Assessment | None = None, message: str = "") -> None:
        s = self.subject
        a = a or gate_log.assess(self.db, s, self.direction)
        lines = []
        if s.pass_no:
            lines.append(self.tr("Pass %1").replace("%1", s.pass_no)
                         + (self.tr(" (household pass)") if s.kind == "household" else ""))
        if s.kind == "visitor" and (s.visit_reason or s.visiting):
            lines.append(self.tr("Visiting %1: %2").replace("%1", s.visiting).replace("%2", s.visit_reason))
        if self.plate or s.plate:
            lines.append(self.tr("Plate %1").replace("%1", format_plate(self.plate or s.plate)))
        if self.temperature is not None:
            lines.append(self.tr("Temperature %1 °C").replace("%1", f"{self.temperature:.1f}"))
        if a.last_at:
            lines.append(self.tr("Last passage: %1").replace("%1", a.last_at[5:16].replace("T", " ")))
        style = "healthy" if s.status == "healthy" else ("away" if s.status == "away" else "healthy")
        if s.must_stay_in:
            style = "stay_in"
            who = "、".join(s.stay_in_names) if s.stay_in_names else s.name
            lines.insert(0, self.tr("%1: under isolation or observation. Must not go out (F9: green channel with "
                                    "a reason, F4: turned back).").replace("%1", who))
        if a.rule_others and self.direction == "out":
            style = "rule" if style != "stay_in" else style
            lines.insert(0, self.tr("Household rule: already out: %1. Enter again lets them out anyway; F4 turns "
                                    "them back.").replace("%1", "、".join(a.rule_others)))
        status = self._status_text(s)
        if is_fever(self.temperature):
            style = "fever"
            status = self.tr("FEVER %1 °C").replace("%1", f"{self.temperature:.1f}")
            lines.insert(0, self.tr("Type 1 allow, 2 turned back, 3 referred to the fever clinic, then Enter."))
        if message:
            lines.insert(0, message)
        self._show_card(style, s.name, status, s.address, "\n".join(lines))

    # -- the keys ----------------------------------------------------------------------------
    def flip_direction(self) -> None:
        self.direction = "in" if self.direction == "out" else "out"
        self._show_direction()
        if self.subject:
            self.awaiting = ""
            self._render()
        self.entry.setFocus()

    def enter(self) -> None:
        """The Enter key (the scanner's, or the guard's)."""
        text = self.entry.text().strip()
        self.entry.clear()
        if self.candidates and text.isdigit() and 1 <= int(text) <= len(self.candidates):
            self.choose(int(text) - 1)
            return
        if self.subject is not None:
            if self.awaiting == "outcome" and not (len(text) > 1 and _looks_like_temperature(text)):
                # A second temperature (a re-measure) replaces the first; 1, 2, 3 choose.
                outcome = {"1": "allowed", "2": "turned_back", "3": "referred"}.get(text)
                if outcome:
                    self.save(outcome=outcome)
                else:
                    self._render(message=self.tr("Choose the outcome: type 1, 2 or 3 and Enter."))
                return
            if not text:
                self.save(rule_confirmed=self.awaiting == "rule")
                return
            if _looks_like_temperature(text):
                try:
                    self.temperature = parse_temperature(text, shorthand=True)
                except InputError as e:
                    self._render(message=e.message)
                    return
                self.save(rule_confirmed=self.awaiting == "rule")
                return
            if looks_like_plate(text):
                self.plate = normalise_plate(text)
                self._render()
                return
            self.last_label.setText(self.tr("Not saved: %1 (a new search replaced it)").replace("%1", self.subject.name))
            self._last_colour("#c62828")
        if text:
            self.find(text)

    def find(self, text: str) -> None:
        self.subject, self.temperature, self.plate, self.awaiting = None, None, "", ""
        result = lookup(self.db, text)
        if result.refused:
            self.subject = None
            shown = result.subjects[0] if result.subjects else None
            self._show_card("refused", self.tr("REFUSED"), shown.name if shown else "",
                            shown.address if shown else "", result.refused)
            QApplication.beep()
            return
        if not result.subjects:
            self._show_card("idle", self.tr("Not found"), "", "",
                            self.tr("Nobody found for \"%1\". A visitor? Press F3.").replace("%1", text))
            return
        if len(result.subjects) > 1:
            self.candidates = list(result.subjects)
            self.choices.clear()
            for n, s in enumerate(self.candidates, 1):
                self.choices.addItem(f"{n}  {s.name}   {s.address}   {self._status_text(s)}")
            self.choices.show()
            self._show_card("idle", self.tr("Which one?"), "", "",
                            self.tr("%1 found: type the number and Enter.").replace("%1", str(len(self.candidates))))
            return
        s = result.subjects[0]
        if s.kind == "visitor":
            self.visitor(s)
            return
        self.scanned = result.scanned
        if result.temperature_text:
            try:
                self.temperature = parse_temperature(result.temperature_text, shorthand=True)
            except InputError as e:
                self.show_subject(s)
                self._render(message=e.message)
                return
        self.show_subject(s)
        if result.scanned:
            self.save(quiet=True)     # a scan saves at once when nothing needs the guard

    def choose(self, index: int) -> None:
        s = self.candidates[index]
        if s.kind == "visitor":
            self.candidates = []
            self.choices.hide()
            self.visitor(s)
            return
        self.show_subject(s)
        self.entry.setFocus()

    def save(self, outcome: str = "", override_reason: str = "", rule_confirmed: bool = False,
             quiet: bool = False) -> str | None:
        """Save the passage on the card; on a question for the guard, show it and wait."""
        s = self.subject
        if s is None:
            return None
        passage = gate_log.Passage(s, self.direction, self.temperature, outcome, override_reason, rule_confirmed,
                                   plate=self.plate, source="scan" if self.scanned else "screen")
        try:
            row_id = gate_log.record_passage(self.db, passage, self.checkpoint, datetime.now())
        except InputError as e:
            self.awaiting = e.field
            if e.field == "temperature":
                self._render(message=self.tr("Coming in: type the temperature (365 or 36.5) and Enter."))
            else:
                # The card already says it for a fever, a red card and the household rule.
                self._render(message="" if e.field in ("outcome", "override", "rule") else e.message)
            return None
        word = self.tr("IN") if self.direction == "in" else self.tr("OUT")
        result = {"allowed": "", "turned_back": self.tr(" - turned back"),
                  "referred": self.tr(" - referred to the fever clinic")}[outcome or "allowed"]
        self.last_label.setText(self.tr("Saved %1  %2  %3%4").replace("%1", datetime.now().strftime("%H:%M:%S"))
                                .replace("%2", s.name).replace("%3", word).replace("%4", result))
        self._last_colour("#2e7d32")
        name = s.name
        self.clear()
        self._show_card("saved", self.tr("Saved"), "", name, self.tr("Ready for the next person"))
        self.events.notify("gate")
        self.saved.emit(row_id)
        return row_id

    def _last_colour(self, colour: str) -> None:
        sheet = f"font-size: 15pt; font-weight: bold; color: {colour};"
        if sheet != self.last_label.styleSheet():
            self.last_label.setStyleSheet(sheet)

    def turn_back(self) -> None:
        if self.subject is not None:
            self.save(outcome="turned_back")

    def override(self) -> None:
        if self.subject is None:
            return
        from ui.gate.dialogs import OverrideDialog
        dialog = OverrideDialog(self.subject.name, self)
        if dialog.exec():
            self.save(override_reason=dialog.reason(), rule_confirmed=True)
        self.focus_entry()

    def visitor(self, known: Subject | None = None) -> None:
        from ui.gate.dialogs import VisitorDialog
        dialog = VisitorDialog(self.db, known, self, masked=self.masked)
        if dialog.exec() and dialog.subject is not None:
            self.show_subject(dialog.subject)
            self._render(message=self.tr("Type the temperature and Enter."))
        self.focus_entry()

    def refresh_recent(self) -> None:
        self.recent.clear()
        for e in gate_log.day_entries(self.db, datetime.now().date().isoformat(),
                                      self.checkpoint.id if self.checkpoint else None, limit=RECENT):
            word = self.tr("IN") if e.direction == "in" else self.tr("OUT")
            temp = f"{e.temperature:.1f}°C" if e.temperature is not None else ""
            outcome = "" if e.outcome == "allowed" else {"turned_back": self.tr("turned back"),
                                                          "referred": self.tr("referred")}.get(e.outcome, "")
            self.recent.addItem(f"{e.at[11:19]}  {word}  {e.holder_name}  {e.address}  {temp}  {outcome}"
                                + (self.tr("  [voided]") if e.void_reason else ""))

