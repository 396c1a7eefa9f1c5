"""A scan that reaches a widget of the gate page other than the scan field (the log's table, a
button, the who-is-out list, the passes' search box, a gate setting: the clerk clicked there) is
handed to the gate, not lost: what a scanner types is never a table search, a button's key, a
search word nor a setting.

A key typed into a box of text shows at once; when the keys turn out to be a scan, the box gets
back what it held before them. Anywhere else a key acts (a list or a drop-down picks the row
starting with it: '4' chose the checkpoint 4号门 for this computer; a number box takes it): there
the keys are held until they are known to be no scan (the keys stopped, or another key came),
then given to the widget as they were typed.

A scan may come within moments of the clerk's own keys (a name typed into the search box, then
a resident at the window scans): the keys typed at a scanner's pace are the scan, the clerk's
before them stay theirs (the box keeps them; a list gets them)."""
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.gate.scanned import KeyTimes
from desktop.gate.subjects import scan_in
from ui.gate.screen import SCAN_PAUSE_MS

_ENDS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)
_KEYS = (QEvent.KeyPress, QEvent.KeyRelease)


class ScanCatcher(QObject):
    """Watches the keys of the widgets given to ``watch``; ``scanned`` carries a whole pass QR or
    ID number typed there, ended with Enter or Tab, or at a scanner's pace and then nothing."""
    scanned = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._keys, self._last = "", 0.0
        self._times = KeyTimes()        # when each of the keys came
        # Where each key began: how many keys were held then, and what the box held.
        self._marks: dict[int, tuple[int, str]] = {}
        self._target = None             # the widget the keys went to
        self._held: list[tuple] = []    # the keys kept from a widget where a key acts
        self._replaying = False
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SCAN_PAUSE_MS)
        self._pause.timeout.connect(self._stopped)

    def watch(self, *widgets) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if self._replaying or event.type() not in _KEYS:
            return super().eventFilter(obj, event)
        typed = bool(event.text()) and event.text().isprintable()
        if event.type() == QEvent.KeyRelease:
            if typed and self._held and obj is self._target:
                self._hold(event)               # its press is held: the release waits with it
                return True
            return super().eventFilter(obj, event)
        if event.key() in _ENDS:
            self._pause.stop()
            if self._take_scan():
                return True             # not the table's Enter, nor a step to the next button
            self._give_back()
        elif typed:
            now = time.monotonic()
            if now - self._last > SCAN_PAUSE_MS / 1000 or obj is not self._target:
                self._give_back()
                self._keys, self._target, self._marks = "", obj, {}
                self._times.clear()
            self._marks[len(self._keys)] = (len(self._held), obj.text() if isinstance(obj, QLineEdit) else "")
            self._times.key(now, self._keys)
            self._keys += event.text()
            self._last = now
            self._pause.start()
            if not isinstance(obj, QLineEdit):
                self._hold(event)
                return True
        else:
            self._give_back()           # an arrow, Backspace, Esc: after the keys before it
        return super().eventFilter(obj, event)

    def _hold(self, event) -> None:
        self._held.append((event.type(), event.key(), event.modifiers(), event.text()))

    def _give_back(self) -> None:
        """The held keys were no scan: the widget gets them, in the order they were typed."""
        held, self._held = self._held, []
        if not held or self._target is None or not shiboken6.isValid(self._target):
            return
        self._replaying = True
        try:
            for kind, key, modifiers, text in held:
                QApplication.sendEvent(self._target, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._replaying = False

    def _take_scan(self) -> bool:
        """Whether the keys end in a scan; if so it is sent to the gate, its keys are taken back
        (dropped while held; a box of text shows what it held before them) and the clerk's keys
        before it are theirs: given to the widget, or left in the box."""
        text, self._keys = self._keys, ""
        found = scan_in(text, self._times)
        marks, self._marks = self._marks, {}
        self._times.clear()
        if found is None:
            return False
        held_before, box_before = marks[len(found[0])]
        self._held = self._held[:held_before]
        self._give_back()
        target = self._target
        if isinstance(target, QLineEdit) and shiboken6.isValid(target) and target.text() != box_before:
            target.setText(box_before)
        self.scanned.emit(found[1])
        return True

    def _stopped(self) -> None:
        if not self._take_scan():
            self._give_back()
