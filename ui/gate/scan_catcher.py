"""A scan that reaches a widget of the gate page other than the scan field (the log's table, a
button, the who-is-out list: the guard clicked there) is handed to the gate, not lost: what a
scanner types is never a table search nor a button's key."""
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

from desktop.gate.subjects import whole_scan
from ui.gate.screen import SCAN_PAUSE_MS, SCANNER_KEY_SECONDS

_ENDS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)


class ScanCatcher(QObject):
    """Watches the keys of the widgets given to ``watch``; ``scanned`` carries a whole pass QR or
    ID number typed there, ended with Enter or Tab, or at a scanner's pace and then nothing."""
    scanned = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._keys, self._first, self._last = "", 0.0, 0.0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SCAN_PAUSE_MS)
        self._pause.timeout.connect(self._stopped)

    def watch(self, *widgets) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.KeyPress:
            if event.key() in _ENDS:
                text, self._keys = self._keys, ""
                self._pause.stop()
                if whole_scan(text):
                    self.scanned.emit(text)
                    return True             # not the table's Enter, nor a step to the next button
            elif event.text() and event.text().isprintable():
                now = time.monotonic()
                if now - self._last > SCAN_PAUSE_MS / 1000:
                    self._keys, self._first = "", now
                self._keys += event.text()
                self._last = now
                self._pause.start()
        return super().eventFilter(obj, event)

    def _stopped(self) -> None:
        text, self._keys = self._keys, ""
        if (len(text) > 1 and (self._last - self._first) / (len(text) - 1) <= SCANNER_KEY_SECONDS
                and whole_scan(text)):
            self.scanned.emit(text)
