"""The gate page: the gate screen, the day's log, passes and gate settings as tabs.
F11 opens the gate screen alone, full window, for the gate laptop."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QTabWidget, QVBoxLayout, QWidget

from desktop.accounts import Permission, can
from desktop.app import App
from desktop.gate.subjects import scanned_tail
from ui.events import DataEvents
from ui.gate.day_view import DayView
from ui.gate.passes_view import PassesView
from ui.gate.scan_catcher import ScanCatcher
from ui.gate.screen import GateScreen
from ui.gate.settings_view import SettingsView


class GatePage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.screen = GateScreen(app, events, self)
        self.day_view = DayView(app, events, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("gate_tabs")
        self.tabs.addTab(self.screen, self.tr("Gate (F11: full window)"))
        self.tabs.addTab(self.day_view, self.tr("Today's log"))
        self.passes_view = self.settings_view = None
        if can(app.db, Permission.REGISTER_READ):      # passes and settings name the register's people
            self.passes_view = PassesView(app, events, self)
            self.settings_view = SettingsView(app, events, self)
            self.tabs.addTab(self.passes_view, self.tr("Passes"))
            self.tabs.addTab(self.settings_view, self.tr("Gate settings"))
        self.tabs.currentChanged.connect(lambda i: self.screen.focus_entry() if i == 0 else None)
        # The log tab's date field has the keyboard when that tab is opened: a pass scanned there
        # was a wrong date, and the person was lost. It goes to the gate, shown at once.
        self.day_view.day.returnPressed.connect(self._scanned_into_the_log)
        # The other tabs' widgets (the log's table, a button, the passes' search box, a gate
        # setting) had the keyboard after a click: the scan went into a table's search, a search
        # box or a setting and was lost, the gate screen none the wiser.
        self.catcher = ScanCatcher(self)
        self.catcher.scanned.connect(self._to_the_gate)
        self._scans_go_to_the_gate(self.day_view, self.day_view.day)
        for view in (self.passes_view, self.settings_view):
            if view is not None:
                self._scans_go_to_the_gate(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.full: GateScreen | None = None
        shortcut = QShortcut(QKeySequence(Qt.Key_F11), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.full_window)

    def _scans_go_to_the_gate(self, view: QWidget, *own: QWidget) -> None:
        """A scan typed into any widget of the tab ``view`` goes to the gate (the ScanCatcher);
        ``own``: fields that hand it over themselves (the log's day). The parts inside a
        drop-down or a number box pass their keys on to it: it is watched, they are not."""
        def watched(w: QWidget) -> bool:
            if w.focusPolicy() == Qt.NoFocus or any(o is w or o.isAncestorOf(w) for o in own):
                return False
            parent = w.parentWidget()
            while parent is not None and parent is not view:
                if isinstance(parent, (QComboBox, QAbstractSpinBox)):
                    return False
                parent = parent.parentWidget()
            return True
        self.catcher.watch(*(w for w in view.findChildren(QWidget) if watched(w)))

    def _scanned_into_the_log(self) -> None:
        field = self.day_view.day
        scanned = scanned_tail(field.text())
        if scanned is None:
            return
        field.setDate(field.date())             # the day the log shows, as it was
        self._to_the_gate(scanned)

    def _to_the_gate(self, scanned: str) -> None:
        """A scan typed into the log tab: the gate is shown, and the scan with it."""
        self.tabs.setCurrentWidget(self.screen)
        self.screen.entry.setText(scanned)
        self.screen.enter()

    def show_day_log(self, day) -> None:
        """The day's log at every gate, with its fevers and who is out (the Today page's links)."""
        from PySide6.QtCore import QDate
        self.tabs.setCurrentWidget(self.day_view)
        self.day_view.show_every_gate()
        self.day_view.day.setDate(QDate(day.year, day.month, day.day))

    def show_passes(self, expiring_from=None) -> None:
        """The passes tab; given a day, it lists the passes that end within three days of it
        (the Today page's figure)."""
        self.tabs.setCurrentWidget(self.passes_view)
        if expiring_from is not None:
            self.passes_view.show_expiring(expiring_from)

    def _backups_from_full(self) -> None:
        """The lone screen's red line (a damaged register): back to the window, whose own red
        line opens File ▸ Backups."""
        if self.full is not None:
            self.full.close()
        banner = getattr(self.window(), "damage_banner", None)
        if banner is not None:
            banner.restore_button.click()

    def full_window(self) -> None:
        """The gate screen alone on the whole screen; F11 again (or closing it) returns."""
        if self.full is not None:
            self.full.close()
            return
        self.full = GateScreen(self.app, self.events, open_backups=self._backups_from_full)
        self.full.setAttribute(Qt.WA_DeleteOnClose)
        self.full.setWindowTitle(self.tr("Menshen - gate"))
        self.full.destroyed.connect(lambda: setattr(self, "full", None))
        back = QShortcut(QKeySequence(Qt.Key_F11), self.full)
        back.activated.connect(self.full.close)
        lock = getattr(self.window(), "lock_action", None)
        if lock is not None:                    # Ctrl+L locks from here too (ui/main_window.py)
            self.full.addAction(lock)
        self.full.showFullScreen()
        self.full.focus_entry()
