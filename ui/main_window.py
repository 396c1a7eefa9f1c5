"""The main window: navigation on the left, one page at a time, the four-colour counts on top."""
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from desktop import place_words, vocab
from desktop.accounts import Permission, actor_of, can
from desktop.accounts.session import idle_lock_minutes, login_required
from desktop.aggregate.street import show_street_page, street_page_shown
from desktop.app import App
from desktop.settings import set_setting
from ui import i18n
from ui.events import DataEvents
from ui.gate import GATE_AREAS
from ui.pages.register_page import RegisterPage
from ui.widgets.clock_banner import ClockBanner
from ui.widgets.damage_banner import DamageBanner
from ui.widgets.screen_fit import fit_to_screen


# The pages a role may open (the rule itself is in desktop/: a page opened anyway is refused there).
PAGE_PERMISSIONS = {
    "today": Permission.OVERVIEW, "register": Permission.REGISTER_READ, "battle_map": Permission.OVERVIEW,
    "gate": Permission.GATE, "care": Permission.CARE, "isolation": Permission.CARE, "paper": Permission.EXPORT,
    "excel": Permission.IMPORT, "canvass": Permission.REGISTER_READ, "duty": Permission.REGISTER_READ,
    "audit": Permission.AUDIT, "sync": Permission.SYNC, "accounts": Permission.ACCOUNTS,
    "street": Permission.REGISTER_READ,     # other communities' households, read from their packages
}
_ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.MouseMove}


class _Activity(QObject):
    """Any key, click or move in the program restarts the idle timer."""

    def __init__(self, timer: QTimer, parent=None):
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    def __init__(self, app: App, parent=None):
        super().__init__(parent)
        self.app = app
        self.events = DataEvents(self)
        # The register named as the login names it (place_words.office_register): a village's
        # window said 社区登记.
        name, village = place_words.office_register(app.db)
        self.setWindowTitle(self.tr("Menshen - %1").replace("%1", name) if name
                            else self.tr("Menshen - village register") if village
                            else self.tr("Menshen - community register"))
        # The common screen of an old office laptop, or less: never larger than the screen's
        # free area (a taskbar takes ~40 px), maximised when the screen is that small.
        fit_to_screen(self, 1366, 768)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(120)
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 10px; }")
        self.pages = QStackedWidget(self)
        self.page_names: list[str] = []
        # Pages after the register are built when first opened: the window comes up sooner,
        # and a page built later reads the data as it is then.
        self._unbuilt: dict[int, Callable[[], QWidget]] = {}
        # The window opens on Today (this morning at a glance); its figures link to the pages after it.
        # Only the pages the logged-in role may use (a gate account: the gate alone).
        from ui.pages.today_page import TodayPage
        self.today_page = self.register_page = None
        if self.may("today"):
            self.today_page = TodayPage(app, self.events, self)
            self._add_page("today", self.tr("Today"), self.today_page)
        if self.may("register"):
            self.register_page = RegisterPage(app, self.events, self)
            self._add_page("register", self.tr("Register"), self.register_page)
        for name, title, page_class in self._more_pages():
            if self.may(name):
                self._add_page(name, title, None, lambda c=page_class: c(app, self.events, self))
        self.nav.currentRowChanged.connect(self._open_page)
        self.nav.setCurrentRow(0)
        self._street_in_nav(street_page_shown(app.db))
        self._page_keys()

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setStyleSheet("padding: 4px 8px; font-size: 11pt;")
        self.summary.setWordWrap(True)     # English, a street office's figures: never wider than the screen
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        self.clock_banner = ClockBanner(app, self)      # every role: a passage takes this PC's date
        outer.addWidget(self.clock_banner)
        self.damage_banner = DamageBanner(app, self._backups, self, self.events)     # every role: no save goes through
        outer.addWidget(self.damage_banner)
        outer.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)
        self._build_menu()
        # A gate passage changes none of these counts; skipping them keeps a scan under 50 ms.
        self.events.changed.connect(lambda areas: None if areas and areas <= GATE_AREAS else self.refresh_summary())
        self.events.changed.connect(self._login_when_accounts_arrive)
        self.summary.setVisible(self.may("today"))
        self.refresh_summary()
        self.locked = False
        self.lock_dialog = None
        self._hidden_by_lock, self._lock_covers = [], []     # what the lock hid or covered
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self._activity = _Activity(self.idle_timer, self)
        from PySide6.QtWidgets import QApplication
        QApplication.instance().installEventFilter(self._activity)
        self.set_idle_minutes(idle_lock_minutes(self.app.db))     # the admin's setting, per machine

    def may(self, page: str) -> bool:
        return can(self.app.db, PAGE_PERMISSIONS.get(page, Permission.SETTINGS))

    def _login_when_accounts_arrive(self, areas) -> None:
        """A register opened without accounts (a new laptop joining from the stick) runs without
        a login; once a sync brings the community's accounts, whoever sits here must log in. Left
        open, the window let anyone reset the admin's password, and the next sync took it to the
        office. After the sync page has shown its result: then the window ends at the login."""
        if not actor_of(self.app.db).implicit or (areas and "sync" not in areas) or not login_required(self.app.db):
            return
        from desktop.accounts import NOBODY
        from desktop.accounts.session import start_session
        start_session(self.app.db, NOBODY)             # nothing more is done without a login
        QTimer.singleShot(0, self._ask_login_after_sync)

    def _ask_login_after_sync(self) -> None:
        # The register is named as its title and login name it (place_words.office_register):
        # the sync has just told it whose it is, and a village read 本社区（村）.
        name, village = place_words.office_register(self.app.db)
        if name:
            said = self.tr("The accounts of %1 came with the sync. Log in with your own account to go on "
                           "(the office's administrator gives the accounts).").replace("%1", name)
        elif village:
            said = self.tr("This village's accounts came with the sync. Log in with your own account to go on "
                           "(the office's administrator gives the accounts).")
        else:
            said = self.tr("This community's accounts came with the sync. Log in with your own account to go on "
                           "(the office's administrator gives the accounts).")
        QMessageBox.information(self, self.tr("Please log in"), said)
        self.switch_request = True                      # ui/startup.py opens the register at its login
        self.close()

    # -- idle lock --------------------------------------------------------------------------
    def set_idle_minutes(self, minutes: float) -> None:
        """Lock after ``minutes`` without a key or a click; only a logged-in account can be
        asked its password again (the demo opened without a login, or a register without
        accounts, never locks)."""
        actor = actor_of(self.app.db)
        self.idle_timer.stop()
        if actor.name and not actor.implicit and minutes > 0:
            self.idle_timer.setInterval(int(minutes * 60_000))
            self.idle_timer.start()

    def lock(self, by_hand: bool = False) -> None:
        """Hide the window's content and ask the same account's password again; what was being
        typed stays in its fields and comes back with the focus. The gate screen opened alone
        (F11) is hidden too, and a form open over the window (a visitor's, half filled) is covered,
        not closed: the lock blocks every window of the program, not this one alone."""
        from PySide6.QtWidgets import QApplication
        from ui.dialogs.login_dialog import LoginDialog
        if self.locked:
            return
        self.locked = True
        self._focus_before_lock = QApplication.focusWidget() or self.focusWidget()
        self.centralWidget().setVisible(False)
        self.menuBar().setEnabled(False)
        self._hidden_by_lock, self._lock_covers = [], []
        for other in QApplication.topLevelWidgets():
            if other is self or not other.isVisible():
                continue
            if other.windowType() == Qt.Window:          # the gate screen alone (F11)
                self._hidden_by_lock.append((other, other.windowState()))
                other.hide()
            elif other.windowType() == Qt.Dialog:        # a form waiting in exec(): kept, covered
                cover = QLabel(self.tr("The window is locked."), other)
                cover.setObjectName("lock_cover")
                cover.setAlignment(Qt.AlignCenter)
                cover.setAutoFillBackground(True)
                cover.setStyleSheet("background: #eceff1; font-size: 14pt;")
                cover.setGeometry(other.rect())
                cover.show()
                cover.raise_()
                self._lock_covers.append(cover)
        self.lock_dialog = LoginDialog(self.app.db, self, unlock_name=actor_of(self.app.db).name, by_hand=by_hand)
        self.lock_dialog.accepted.connect(self._unlock)
        self.lock_dialog.finished.connect(self._switch_account)
        # Application modal (open() would block this window only): the forms and the gate
        # screen of the program take no key and no click until the password is typed.
        self.lock_dialog.setWindowModality(Qt.ApplicationModal)
        self.lock_dialog.show()
        self.lock_dialog.raise_()
        self.lock_dialog.activateWindow()

    def _switch_account(self, result: int) -> None:
        """换人登录: the window ends and the start-up opens the register again at its login
        (ui/startup.py), so the pages are those of the next person's role."""
        from ui.dialogs.login_dialog import LoginDialog
        if result == LoginDialog.SWITCH:
            from shiboken6 import isValid
            from PySide6.QtWidgets import QDialog
            # The last person's gate screen alone (F11) and forms left open go with the window.
            for other, _ in self._hidden_by_lock:
                if isValid(other):
                    other.close()
            for cover in self._lock_covers:
                if isValid(cover) and isinstance(cover.parentWidget(), QDialog):
                    cover.parentWidget().reject()
            self._hidden_by_lock, self._lock_covers = [], []
            self.switch_request = True
            self.close()

    def _unlock(self) -> None:
        from shiboken6 import isValid
        self.locked = False
        self.centralWidget().setVisible(True)
        self.menuBar().setEnabled(True)
        self.lock_dialog.deleteLater()
        self.lock_dialog = None
        for other, state in self._hidden_by_lock:
            if isValid(other):
                other.setWindowState(state)
                other.show()
        for cover in self._lock_covers:
            if isValid(cover):
                cover.parentWidget().raise_()            # above the gate screen shown again
                cover.hide()
                cover.deleteLater()
        self._hidden_by_lock, self._lock_covers = [], []
        # Ready for the next scan: the window that had the keys has them again, and its field.
        focus = self._focus_before_lock
        if focus is not None and isValid(focus):
            focus.window().raise_()
            focus.window().activateWindow()
            focus.setFocus()
        else:
            self.activateWindow()
        self.idle_timer.start()

    def closeEvent(self, event) -> None:
        from PySide6.QtWidgets import QApplication
        self.idle_timer.stop()
        QApplication.instance().removeEventFilter(self._activity)
        super().closeEvent(event)

    def _more_pages(self) -> list:
        """(name, title, page class) of every page after the register, in navigation order.
        Each page class takes (App, DataEvents, parent) and refreshes itself on events.changed."""
        from ui.pages.accounts_page import AccountsPage
        from ui.pages.audit_page import AuditPage
        from ui.pages.battle_map_page import BattleMapPage
        from ui.pages.canvass_page import CanvassPage
        from ui.pages.care_page import CarePage
        from ui.pages.duty_page import DutyPage
        from ui.pages.excel_page import ExcelPage
        from ui.pages.gate_page import GatePage
        from ui.pages.isolation_page import IsolationPage
        from ui.pages.paper_page import PaperPage
        from ui.pages.street_page import StreetPage
        from ui.pages.sync_page import SyncPage
        return [("battle_map", self.tr("Battle map"), BattleMapPage),
                ("gate", self.tr("Gate"), GatePage), ("care", self.tr("Care"), CarePage),
                ("isolation", self.tr("Isolation"), IsolationPage), ("paper", self.tr("Paper"), PaperPage),
                ("excel", self.tr("Excel"), ExcelPage),
                ("canvass", self.tr("Canvass"), CanvassPage),
                ("duty", self.tr("On duty"), DutyPage), ("audit", self.tr("Audit"), AuditPage),
                ("sync", self.tr("Sync"), SyncPage), ("street", self.tr("Street"), StreetPage),
                ("accounts", self.tr("Accounts"), AccountsPage)]

    def _add_page(self, name: str, title: str, widget: QWidget | None,
                  build: Callable[[], QWidget] | None = None) -> None:
        self.page_names.append(name)
        self.nav.addItem(title)
        index = self.pages.addWidget(widget or QWidget(self.pages))
        if build is not None:
            self._unbuilt[index] = build

    def _open_page(self, index: int) -> None:
        build = self._unbuilt.pop(index, None)
        if build is not None:
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, build())
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
        self.pages.setCurrentIndex(index)

    def _page_keys(self) -> None:
        """Ctrl+1 … Ctrl+9 open the pages in the order of the list, with the cursor in the page
        (the register's search): without them a clerk who keeps to the keyboard had to Tab to the
        list of pages, arrow to the page and Tab again through it. Each page's key is in its tip."""
        for row in range(min(9, self.nav.count())):
            keys = QKeySequence(f"Ctrl+{row + 1}")
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.WindowShortcut)
            shortcut.activated.connect(lambda r=row: self._jump_to(r))
            self.nav.item(row).setToolTip(keys.toString(QKeySequence.NativeText))

    def _street_in_nav(self, shown: bool) -> None:
        """The street office's page (街道) is listed on a street office's machine only
        (desktop.aggregate.street.street_page_shown): on a community's or a village's it was a
        page nobody there uses. 视图 ▸ 街道汇总页 lists it, or puts it away."""
        if "street" not in self.page_names:
            return
        row = self.page_names.index("street")
        item = self.nav.item(row)
        item.setToolTip(self.tr("For a street office: its communities' figures, from the packages they send"))
        item.setHidden(not shown)
        if not shown and self.nav.currentRow() == row:
            self.nav.setCurrentRow(0)

    def _choose_street_page(self, shown: bool) -> None:
        show_street_page(self.app.db, shown)
        self._street_in_nav(shown)
        if shown:
            self.show_page("street")

    def _jump_to(self, row: int) -> None:
        self.nav.setCurrentRow(row)
        self.focus_page()

    def present(self) -> None:
        """Show the window with the keys in it: raised, made the active window, the cursor in the
        page's first field. Under X with no window manager (Xvfb, a kiosk) nobody else gives a
        new window the keys: after the login, Ctrl+5 did nothing until a click."""
        self.show()
        if QGuiApplication.platformName() != "offscreen":      # off screen (a screenshot) it has
            self.raise_()                                       # no windows to raise, and says so
            self.activateWindow()                               # on stderr
        self.focus_page()

    def focus_page(self) -> None:
        """The cursor in the page shown: its own choice (the register's search), else its first
        widget taking Tab."""
        page = self.pages.currentWidget()
        if page.focusProxy() is not None:
            page.setFocus(Qt.ShortcutFocusReason)
            return
        widget = page.nextInFocusChain()              # else the page's first widget taking Tab
        while widget is not page and widget is not None:
            if (page.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(page)
                    and widget.focusPolicy() & Qt.TabFocus):
                widget.setFocus(Qt.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.page_names.index(name))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        backups = QAction(self.tr("&Backups..."), self)
        backups.triggered.connect(self._backups)
        file_menu.addAction(backups)
        from desktop.at_rest import can_encrypt
        if can_encrypt(self.app.db):
            encrypt = QAction(self.tr("&Encrypt the data file..."), self)
            encrypt.setObjectName("encrypt_action")
            encrypt.triggered.connect(self._encrypt)
            file_menu.addAction(encrypt)
        if actor_of(self.app.db).account_id and not actor_of(self.app.db).implicit:
            own = QAction(self.tr("Change my &password..."), self)
            own.setObjectName("change_password_action")
            own.triggered.connect(self.change_own_password)
            file_menu.addAction(own)
            # Leaving the desk or handing over the shift: locked at once, not after the idle
            # minutes; the next person presses 换人登录 on the lock.
            lock = QAction(self.tr("&Lock the window"), self)
            lock.setObjectName("lock_action")
            lock.setShortcut("Ctrl+L")
            lock.triggered.connect(lambda: self.lock(by_hand=True))
            file_menu.addAction(lock)
            self.addAction(lock)            # the shortcut works wherever the focus is in the window
            self.lock_action = lock         # and in the gate screen alone (F11), ui/pages/gate_page.py
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        language_menu = view_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        for code, title in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(title, self, checkable=True)
            action.setChecked(i18n.language() == code)
            action.triggered.connect(lambda _checked, c=code: self._choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
        if "street" in self.page_names:
            street = QAction(self.tr("&Street office page"), self, checkable=True)
            street.setObjectName("street_page_action")
            street.setChecked(street_page_shown(self.app.db))
            street.setToolTip(self.tr("For a street office's computer: lists the page that sums its communities' "
                                      "packages. A community or village office does not need it."))
            street.toggled.connect(self._choose_street_page)
            view_menu.addAction(street)
            view_menu.setToolTipsVisible(True)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About Menshen"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def change_own_password(self) -> None:
        """File ▸ Change my password: every role, the gate volunteer too (an admin's reset was
        the only way, and it put the new password in the admin's hands)."""
        from desktop.accounts import change_own_password
        from ui.dialogs.password_dialog import PasswordDialog
        name = actor_of(self.app.db).name
        dialog = PasswordDialog(self.tr("Change the password of %1").replace("%1", name),
                                lambda current, new, repeated: change_own_password(self.app.db, current, new, repeated),
                                self, ask_current=True)
        dialog.setObjectName("own_password_dialog")
        if dialog.exec() == PasswordDialog.Accepted:
            QMessageBox.information(self, self.tr("Password"),
                                    self.tr("The password is changed. Use the new one from the next login."))
        dialog.deleteLater()

    def _backups(self) -> None:
        """File ▸ Backups: a restore closes the window; ui/startup.py restores and reopens."""
        from ui.dialogs.backup_dialogs import BackupsDialog
        self._ask_then_close(BackupsDialog(self.app.db, self), "to_restore", "restore_request")

    def _encrypt(self) -> None:
        """File ▸ Encrypt the data file…: the window closes; ui/startup.py encrypts and reopens."""
        from ui.dialogs.encrypt_dialog import EncryptDialog
        self._ask_then_close(EncryptDialog(self.app.db, self), "request", "encrypt_request")

    def _ask_then_close(self, dialog, answer: str, request: str) -> None:
        """Show ``dialog``; what it leaves in ``answer`` is kept as this window's ``request``
        for ui/startup.py, which needs the file closed: the window then closes."""
        dialog.exec()
        value = getattr(dialog, answer)
        setattr(self, request, value)
        dialog.deleteLater()
        if value is not None:
            self.close()

    def _choose_language(self, code: str) -> None:
        set_setting(self.app.db, "language", code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language is used from the next start of the program."))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Menshen"),
                          self.tr("Menshen keeps the household register, gate logs and care lists of a "
                                  "community office, offline.") + f"\n\n{self.app.db.path}")

    def refresh_summary(self) -> None:
        if not self.may("today"):
            return
        totals = self.app.register.totals()
        counts = self.app.register.status_counts()
        parts = [self.tr("Households: %1").replace("%1", str(totals["households"])),
                 self.tr("People: %1").replace("%1", str(totals["people"])),
                 self.tr("Key persons: %1").replace("%1", str(totals["key_persons"]))]
        parts += [f"<span style='color:{vocab.STATUS_COLOURS[s]};font-weight:bold'>"
                  f"■ {i18n.label(vocab.STATUS, s)} {counts[s]}</span>" for s in vocab.STATUS]
        self.summary.setText(" &nbsp;&nbsp; ".join(parts))

