"""A red line across the top while this PC's date is wrong (``machine_clock_warning``): a gate
laptop whose battery reset it to 2000 dates every passage 2000 until someone sees it. Checked
when shown and every minute, so it goes away once the date is put right."""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from desktop.app import App
from desktop.sync.clock import machine_clock_warning

CHECK_MS = 60_000


class ClockBanner(QLabel):
    def __init__(self, app: App, parent=None):
        super().__init__(parent)
        self.app = app
        self.setObjectName("clock_warning")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: #b71c1c; color: white; padding: 6px 10px; font-size: 12pt; }")
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)
        self.check()

    def check(self) -> None:
        if self.app.db.closed:                  # the window is closing
            return
        warning = machine_clock_warning(self.app.db)
        self.setText(warning.message if warning else "")
        self.setVisible(warning is not None)
