"""A red line across the window once the integrity check a big register finishes in the
background (``Database.checked``) has found it damaged. A writable register's damage was said
only by the day's backup or the first save, a read-only one's by a message box over the login:
now it is said when found, once, in the words of a damaged register at start-up (restore from a
backup: File ▸ Backups), with a button that opens the backups for whoever may restore. A line,
not a message box: the gate screen keeps its cursor and its scans (a box took the scanner's Enter).
Damage first met by a write (a gate passage: desktop.gate.log.record_passage notes it on
``db.damage``) is heard with the data event that write sends."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.accounts import Permission, can
from desktop.app import App


class DamageBanner(QFrame):
    def __init__(self, app: App, open_backups, parent=None, events=None):
        super().__init__(parent)
        self.app = app
        self.setObjectName("damage_warning")
        self.setStyleSheet("#damage_warning { background: #b71c1c; } "
                           "#damage_warning QLabel { color: white; font-size: 12pt; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)     # the path, copied for the technician
        row.addWidget(self.text, 1)
        self.restore_button = QPushButton(self.tr("Restore a backup..."), self)
        self.restore_button.setObjectName("damage_restore")
        self.restore_button.setFocusPolicy(Qt.NoFocus)      # never takes the cursor from a scan
        self.restore_button.clicked.connect(open_backups)
        row.addWidget(self.restore_button, 0, Qt.AlignVCenter)
        self.setVisible(False)
        self.said = False
        db = app.db
        if events is not None:
            events.changed.connect(self._data_changed)
        if db.checked.is_set():
            self.found(db.damage, True)
            return
        from ui.workers.task import Task, start_background
        # Off the UI thread; the window's end cancels the wait (cancel_all). A check that could not
        # run at all (``unchecked``) is the backups' to say: they refuse to copy what is not known.
        task = Task(lambda progress, cancelled: db.damage if db.wait_for_check(cancelled) else None,
                    owner=self)
        task.done.connect(lambda damage: self.found(damage, True))
        start_background(task)

    def _data_changed(self, _areas) -> None:
        self.found(self.app.db.damage, True)

    def found(self, damage, ok: bool) -> None:
        if not ok or damage is None or self.said:
            return
        self.said = True
        may_restore = can(self.app.db, Permission.RESTORE)
        self.restore_button.setVisible(may_restore)
        told = "" if may_restore else self.tr(
            "Only an administrator can restore a backup: tell the office's administrator at once.")
        self.text.setText(damage.message + told)
        self.setVisible(True)
