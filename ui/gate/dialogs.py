"""Dialogs of the gate: a visitor, a green-channel override, a correction of a log row."""
import time

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QDoubleSpinBox, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem)

from desktop import place_words
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import this_checkpoint
from desktop.gate.plates import format_plate
from desktop.gate.passes import looks_like_qr, split_trailing_qr
from desktop.gate.scanned import KeyTimes
from desktop.gate.subjects import (Subject, is_resident_id, scan_kind, split_scanned_tail, visitor_subject,
                                  whole_scan)
from desktop.gate.visitors import VisitorForm, find_returning, hosts_found, save_visitor, visitor
from ui.gate.screen import LINE_END_SECONDS
from ui.place_labels import place_labels
from ui.widgets.form_dialog import FormDialog


class GateForm(FormDialog):
    """A form opened on the gate screen. The next person's pass scanned while it has the keyboard
    is taken off the field it was typed into and handed to the gate (``scanned``), which shows it
    once this form is settled; the scanner's Enter does not save the form (it had saved a visitor
    visiting '3-2-501MS1:…' and a green channel for the reason 'tongjiMS1:…')."""
    scanned = Signal(str)

    def catch_scans(self, *fields: QLineEdit) -> QLabel:
        self._scans, self._moved_to, self._moved_at = 0, None, -1.0
        self._key_times: dict[QLineEdit, KeyTimes] = {}      # when each field's keys came
        self.scan_label = QLabel(self)
        self.scan_label.setObjectName("gate_form_next_scanned")
        self.scan_label.setWordWrap(True)
        self.scan_label.setStyleSheet("color: #e65100; font-weight: bold;")
        self.scan_label.hide()
        for field in fields:
            field.installEventFilter(self)
        return self.scan_label

    def eventFilter(self, obj, event) -> bool:
        if isinstance(obj, QLineEdit) and event.type() == QEvent.KeyPress and event.text().isprintable() \
                and event.text():
            self._key_times.setdefault(obj, KeyTimes()).key(time.monotonic(), obj.text())
        if (isinstance(obj, QLineEdit) and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab)):
            if (obj is self._moved_to and event.key() != Qt.Key_Tab
                    and time.monotonic() - self._moved_at < LINE_END_SECONDS):
                return True                 # a CR+LF scanner's second Enter, in the box moved to
            split = split_trailing_qr(obj.text())
            if split is None and (number := split_scanned_tail(obj.text())) and not looks_like_qr(number[1]):
                whose = self.whose_number(obj, *number)
                if whose == "kept":
                    return True             # the form's own: the scanner's Enter does not save it
                split = number if whose == "next" else None
            if split:
                obj.setText(split[0])
                self.scanned.emit(split[1])
                self._scans += 1
                # What was scanned, said as it is: an ID card is not a pass (出入证).
                said = (self.tr("The next person's ID number was scanned (%1 waiting): shown once this form "
                                "is saved or cancelled.") if scan_kind(split[1]) == "id_number" else
                        self.tr("The next person's pass was scanned (%1 waiting): shown once this form is "
                                "saved or cancelled."))
                self.say(said.replace("%1", str(self._scans)))
                self._key_times.pop(obj, None)
                return True
            end = self._key_times.pop(obj, KeyTimes()).scan_end(obj.text())
            if end and not whole_scan(end[1]):
                # Its first keys went to the gate screen as this form opened, and were lost: the
                # rest is no one's name, reason or number, and its Enter does not save the form.
                obj.setText(end[0])
                self.say(self.tr("Someone scanned as this form opened and only the end of it arrived: it was "
                                 "taken out of this box. Ask them to scan again once this form is saved or "
                                 "cancelled."))
                return True
        return super().eventFilter(obj, event)

    def say(self, text: str) -> None:
        """A line below the form about a scan."""
        self.show_line(self.scan_label, text)

    def show_line(self, label: QLabel, text: str) -> None:
        """``label``, below the form and hidden while it has nothing to say, says ``text``; the
        form grows to keep its fields whole (a window does not grow for a wrapped line shown
        later: the green channel's boxes were squeezed to slivers, the reason typed into a box
        16 pixels high), and no field moves under the guard's eyes."""
        label.setText(text)
        label.show()
        self.layout().activate()
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def whose_number(self, field: QLineEdit, before: str, number: str) -> str:
        """A whole ID number scanned onto the end of a field: 'next' (the next person at the
        gate), 'kept' (the form took it as its own) or '' (the field's own text)."""
        return "next"

    def move_to(self, field: QLineEdit) -> None:
        """The cursor goes on to ``field`` after a scan's Enter (a second Enter from the scanner,
        its line end, is not taken there as the guard's)."""
        field.setFocus(Qt.TabFocusReason)
        self._moved_to, self._moved_at = field, time.monotonic()


class VisitorDialog(GateForm):
    """A short visitor form; a returning visitor (same ID number or phone) is filled in, as the
    account may see them (desktop.gate.visitors: masked for a gate account, and kept as stored
    when saved untouched)."""

    def __init__(self, db, known: Subject | None = None, parent=None, id_number: str = ""):
        """``id_number``: the number the gate just looked up and found nobody for (F3 after it)."""
        super().__init__(parent, min_width=520)
        self.db, self.subject, self._known = db, None, None
        self.setWindowTitle(self.tr("Visitor"))
        self.setStyleSheet("font-size: 14pt;")
        form = self.form
        self.name = form.add("full_name", self.tr("Name *"), QLineEdit())
        self.id_number = form.add("id_number", self.tr("ID number"), QLineEdit())
        self.phone = form.add("phone", self.tr("Phone"), QLineEdit())
        self.from_place = form.add("from_place", self.tr("Coming from"), QLineEdit())
        self.reason = form.add("reason", self.tr("Reason *"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. bringing medicine, visiting an old parent"))
        self.visiting = form.add("visiting", self.tr("Household visited *"), QLineEdit())
        gate = this_checkpoint(db)                    # a village's road checkpoint: 12号 王大爷
        self.gate_compound = gate.compound_id if gate else None       # its households listed first
        self.kind = place_words.place_kind(db, self.gate_compound)
        self.visiting.setPlaceholderText(place_labels(self.kind).visiting_example)
        self._hosts_ready()
        self.plate = form.add("plate", self.tr("Car plate"), QLineEdit())
        self.plate.setPlaceholderText(self.tr("only if they came by car, e.g. 鄂A12345"))
        self.known_label = QLabel(self)
        self.known_label.setObjectName("visitor_known")
        self.known_label.setStyleSheet("color: #2e7d32; font-weight: bold;")
        # Shown only when it says something (empty above 姓名, it took 28 pixels of a 1024×768
        # screen), and below the fields: shown above them, it would push every box down.
        self.known_label.hide()
        self.id_number.editingFinished.connect(self._recognise)
        self.phone.editingFinished.connect(self._recognise)
        below = self.catch_scans(self.name, self.id_number, self.phone, self.from_place, self.reason,
                                 self.visiting, self.plate)
        self.lay_out(below=(self.known_label, below))
        if known is not None:
            # Found by the car's plate: that plate, and the line saying whose car it is.
            self._fill(visitor(db, known.visitor_id) if known.visitor_id else None, known.name,
                       known.plate, known.found_by)
        elif id_number:
            # The ID card scanned at the gate: not typed again; a returning visitor is filled in.
            self.id_number.setText(id_number)
            self._recognise()

    # -- whom they visit: the household found as the register's search finds it ----------------
    def _hosts_ready(self) -> None:
        """The households the 被访人/住址 box names, listed under it as the guard types (over the
        boxes below, which do not move): Up and Down choose, Enter or Tab takes the highlighted
        row. One household found is highlighted; with several the highlighted row is the words
        as typed (the first row), linked to nobody: a passage is never held up by a host not found
        (a shop, a worker's client), and a guess among several 张 is never made for the guard."""
        self.host = None                                   # the household chosen (desktop Host)
        self._choosable = 0                                # the list's rows Up and Down reach
        self.hosts = QListWidget(self)
        self.hosts.setObjectName("visitor_hosts")
        self.hosts.setFocusPolicy(Qt.NoFocus)              # the keys stay in the box
        self.hosts.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.hosts.setTextElideMode(Qt.ElideRight)         # a long row keeps its door, loses names
        self.hosts.setStyleSheet("QListWidget { border: 1px solid #1565c0; background: white; }")
        self.hosts.hide()
        self.hosts.itemClicked.connect(lambda _item: self._take_host())
        self.host_line = self.form.add_below("visiting", QLabel(" ", self))
        self.host_line.setObjectName("visitor_host_line")
        self.host_line.setWordWrap(False)        # one line, kept: no box below moves as it changes
        self._grown = 0                          # pixels the form grew to hold the list
        self._host_timer = QTimer(self)
        self._host_timer.setSingleShot(True)
        self._host_timer.setInterval(150)
        self._host_timer.timeout.connect(self._find_hosts)
        self.visiting.textEdited.connect(self._host_typed)

    def _host_typed(self, _text: str) -> None:
        self.host = None                 # words typed over a chosen household are the guard's own
        self.host_line.setText(" ")
        self._host_timer.start()

    def _find_hosts(self) -> None:
        self._host_timer.stop()
        self.hosts.clear()
        typed = self.visiting.text().strip()
        counted = hosts_found(self.db, typed, near=self.gate_compound) if typed else None
        found = counted.hosts if counted else []
        if not found:
            self._hide_hosts()
            if typed:
                self.host_line.setText(self.tr("Not in the register: saved as typed"))
            return
        # The words as typed first: with several households it is highlighted, and Down goes
        # to the first of them.
        QListWidgetItem(self.tr("No household: keep “%1” as typed").replace("%1", typed), self.hosts)
        for host in found:
            QListWidgetItem(host.label, self.hosts).setData(Qt.UserRole, host)
        self._choosable = self.hosts.count()
        if counted.more:
            # The list is not the whole: said under its last row, where the guard looks for a
            # seventh 张; a row nobody can choose (the keys stop above it).
            more = (self.tr("%1 more households: type a few more characters") if counted.all_counted else
                    self.tr("over %1 more households: type a few more characters"))
            note = QListWidgetItem(more.replace("%1", str(counted.more)), self.hosts)
            note.setFlags(Qt.NoItemFlags)
        self.hosts.setCurrentRow(1 if len(found) == 1 else 0)
        self.host_line.setText(self.tr("↑↓ choose, Enter or Tab takes it"))
        # Under the line that says which keys choose, over the boxes below, never over Save: the
        # form grows downwards to hold it (no box moves; a child widget is cut at its edge).
        at = self.host_line.mapTo(self, QPoint(0, self.host_line.height()))
        left = self.visiting.mapTo(self, QPoint(0, 0)).x()
        height = self.hosts.count() * self.hosts.sizeHintForRow(0) + 2 * self.hosts.frameWidth()
        short = at.y() + height + 6 - self.buttons.y()
        if short > 0:
            self._grown += short
            self.resize(self.width(), self.height() + short)
        self.hosts.setGeometry(left, at.y(), self.visiting.width(), height)
        self.hosts.show()
        self.hosts.raise_()

    def _take_host(self) -> None:
        """The highlighted row taken: a household's address and names in the box, linked; the
        words as typed, linked to nobody."""
        if self._host_timer.isActive():
            self._find_hosts()          # Enter pressed at once: the rows of what was typed
        if not self.hosts.isVisible():
            return
        item = self.hosts.currentItem()
        self.host = item.data(Qt.UserRole) if item else None
        self._hide_hosts()
        if self.host is not None:
            self.visiting.setText(self.host.label)
            self.visiting.setCursorPosition(0)      # the address's start in sight, not the names' end
            self.host_line.setText(self.tr("Linked to this household of the register"))
        else:
            self.host_line.setText(self.tr("No household linked: saved as typed"))

    def _hide_hosts(self) -> None:
        """The list gone, and the form back to its height (its boxes laid out as before)."""
        self.hosts.hide()
        if self._grown:
            self.resize(self.width(), self.height() - self._grown)
            self._grown = 0

    def eventFilter(self, obj, event) -> bool:
        if obj is self.visiting and event.type() == QEvent.FocusOut:
            self._host_timer.stop()
            self._hide_hosts()                  # left by the mouse: the words as typed
        if obj is self.visiting and event.type() == QEvent.KeyPress:
            step = {Qt.Key_Down: 1, Qt.Key_Up: -1}.get(event.key())
            if step and (self._host_timer.isActive() or self.hosts.isVisible()):
                if self._host_timer.isActive():
                    self._find_hosts()
                if self.hosts.isVisible():
                    self.hosts.setCurrentRow(min(max(self.hosts.currentRow() + step, 0), self._choosable - 1))
                return True
            if event.key() == Qt.Key_Escape and self.hosts.isVisible():
                self.hosts.setCurrentRow(0)                        # Esc: the words as typed
                self._take_host()
                return True
        taken = super().eventFilter(obj, event)            # a scan typed into the box goes first
        if (not taken and obj is self.visiting and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab)):
            self._take_host()
        return taken

    def first_field(self):
        """A returning visitor's form (found by name or by the car's plate) opens at 原因: it
        opened in 姓名 with the name selected, and the reason the guard typed replaced it."""
        return self.reason if self._known is not None else super().first_field()

    def whose_number(self, field: QLineEdit, before: str, number: str) -> str:
        """In the ID number field a number is the visitor's; scanned into another field (the name
        had the keyboard) it goes to the empty ID number field, said below, unless it is a
        resident's: then it is the next person at the gate. It had been left in the name,
        'wang420106…', and the scanner's Enter tried to save the form."""
        if field is self.id_number:
            return "kept" if self._go_on() else ""
        if self.id_number.text().strip() or is_resident_id(self.db, number):
            return "next"
        field.setText(before)
        self.id_number.setText(number)
        self.say(self.tr("The scanned ID number was put in the ID number field: check it is this visitor's."))
        self._recognise()
        return "kept"

    def _go_on(self) -> bool:
        """Enter after the visitor's ID number (the scanner's): with a box the form needs still
        empty, the cursor goes on to the next empty box (as the guard fills the form on from
        there; the car's plate is only for a car, so never a stop), instead of refusing the whole
        form under every empty box. A returning visitor is filled in first. False: nothing the
        form needs is empty, and Enter saves."""
        self._recognise()
        if not self._form().missing():
            return False
        after = (self.phone, self.from_place, self.reason, self.visiting, self.name)
        self.move_to(next(f for f in after if not f.text().strip()))
        return True

    def _fill(self, known, name: str = "", plate: str = "", found_by: str = "") -> None:
        if known is None:
            self.name.setText(self.name.text() or name)
            return
        self._known = known
        self.name.setText(known.full_name)
        self.id_number.setText(known.id_number)
        self.phone.setText(known.phone)
        self.from_place.setText(known.from_place)
        if plate := plate or gate_log.last_plate(self.db, known.id):      # came by car last time
            self.plate.setText(format_plate(plate))
        if not self.visiting.text().strip() and (host := gate_log.last_host(self.db, known.id)):
            # Whom they saw last time, linked as if chosen; typed over, it is the guard's words.
            self.host = host
            self.visiting.setText(host.label)
            self.visiting.setCursorPosition(0)
            self.host_line.setText(self.tr("Last visit's household: change it if they visit another"))
        said = self.tr("Known visitor: came before. Check the details.")
        self.show_line(self.known_label, f"{found_by}\n{said}" if found_by else said)
        self.reason.setFocus()

    def _recognise(self) -> None:
        if self.known_label.text():
            return
        found = find_returning(self.db, self.id_number.text(), self.phone.text())
        if found:
            self._fill(found)

    def _form(self) -> VisitorForm:
        return VisitorForm(self.name.text(), self.phone.text(), self.id_number.text(), self.from_place.text(),
                           self.reason.text(), self.visiting.text(), self.plate.text(), self.host)

    def save(self) -> None:
        known_id = self._known.id if self._known else None
        form = self._form()

        def write() -> None:
            values = form.validate(keep_masked=known_id is not None, kind=self.kind)
            saved = save_visitor(self.db, values, known_id)
            self.subject = visitor_subject(saved, values["reason"], values["visiting"], values["plate"], values["host"])
        self.attempt(write)


class OverrideDialog(GateForm):
    """Let someone who must stay in go out: a green-channel reason is required and recorded
    (by the gate, when it saves the passage with it). It names who is under isolation and who
    is going out: on a household pass they may differ, and the guard picks the member."""

    def __init__(self, subject: Subject, going_out: tuple[Subject, ...] = (), parent=None):
        super().__init__(parent, min_width=460, accept_button=QDialogButtonBox.Ok)
        self.subject, self.choices = subject, tuple(going_out) or (subject,)
        self.setWindowTitle(self.tr("Let out with a reason"))
        self.setStyleSheet("font-size: 14pt;")
        form = self.form
        self.who = form.add("who", self.tr("Going out"), QComboBox())
        for s in self.choices:
            self.who.addItem(s.name)
        self.who.setEnabled(len(self.choices) > 1)
        self.kind = form.add("kind", self.tr("Green channel"), QComboBox())
        for text in (self.tr("Dialysis"), self.tr("Childbirth"), self.tr("Surgery"), self.tr("Emergency at hospital"),
                     self.tr("Chemotherapy"), self.tr("Other")):
            self.kind.addItem(text)
        self.detail = form.add("detail", self.tr("Details *"), QLineEdit())
        self.detail.setPlaceholderText(self.tr("hospital, escort, who approved"))
        self.question = QLabel(self)
        self.question.setObjectName("override_question")
        self.question.setWordWrap(True)
        self.who.currentIndexChanged.connect(self._say)
        self._say()
        self.lay_out(self.question, below=(self.catch_scans(self.detail),))

    def first_field(self):
        return self.detail          # the kind is set to the usual one: the guard types the details

    def _say(self) -> None:
        self.question.setText(gate_log.stay_in_text(self.subject, self.going_out().name)
                              + self.tr(" Record why they are let out:"))

    def going_out(self) -> Subject:
        return self.choices[max(0, self.who.currentIndex())]

    def reason(self) -> str:
        return f"{self.kind.currentText()}：{self.detail.text().strip()}"

    def save(self) -> None:
        if not self.detail.text().strip():
            self.form.set_errors({"detail": self.tr("Write the details (hospital, escort, who approved).")})
            return
        self.accept()


class CorrectionDialog(FormDialog):
    """Void a log row with a reason, and optionally write the corrected passage."""

    def __init__(self, db, entry, parent=None):
        super().__init__(parent, min_width=480)
        self.db, self.entry = db, entry
        self.setWindowTitle(self.tr("Correct a passage"))
        form = self.form
        self.action = form.add("action", self.tr("Correction"), QComboBox())
        self.action.addItem(self.tr("Void it (recorded by mistake)"), "void")
        self.action.addItem(self.tr("Flip the direction"), "flip")
        self.action.addItem(self.tr("Change the temperature"), "temperature")
        self.temperature = form.add("temperature", self.tr("Temperature"), QDoubleSpinBox())
        self.temperature.setRange(34.0, 42.5)
        self.temperature.setDecimals(1)
        self.temperature.setValue(entry.temperature or 36.5)
        self.outcome = form.add("outcome", self.tr("Outcome"), QComboBox())
        for code, text in (("allowed", self.tr("Allowed")), ("turned_back", self.tr("Turned back")),
                           ("referred", self.tr("Referred to the fever clinic"))):
            self.outcome.addItem(text, code)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(entry.outcome)))
        self.reason = form.add("reason", self.tr("Reason *"), QLineEdit())
        self.lay_out(QLabel(f"{entry.at.replace('T', ' ')}  {entry.holder_name}", self))

    def save(self) -> None:
        action = self.action.currentData()
        corrected = None
        if action == "flip":
            corrected = {"direction": "in" if self.entry.direction == "out" else "out"}
        elif action == "temperature":
            corrected = {"temperature": round(self.temperature.value(), 1), "outcome": self.outcome.currentData()}
        self.attempt(lambda: gate_log.void_entry(self.db, self.entry.id, self.reason.text(), corrected=corrected))
