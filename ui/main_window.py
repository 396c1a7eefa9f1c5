"""The main window: navigation on the left, one page at a time, the four-colour counts on top."""
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from desktop import vocab
from desktop.app import App
from desktop.settings import set_setting
from ui import i18n
from ui.events import DataEvents
from ui.gate import GATE_AREAS
from ui.pages.register_page import RegisterPage
from ui.widgets.screen_fit import fit_to_screen


class MainWindow(QMainWindow):
    def __init__(self, app: App, parent=None):
        super().__init__(parent)
        self.app = app
        self.events = DataEvents(self)
        self.setWindowTitle(self.tr("Menshen - community register"))
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
        from ui.pages.today_page import TodayPage
        self.today_page = TodayPage(app, self.events, self)
        self._add_page("today", self.tr("Today"), self.today_page)
        self.register_page = RegisterPage(app, self.events, self)
        self._add_page("register", self.tr("Register"), self.register_page)
        for name, title, page_class in self._more_pages():
            self._add_page(name, title, None, lambda c=page_class: c(app, self.events, self))
        self.nav.currentRowChanged.connect(self._open_page)
        self.nav.setCurrentRow(0)

        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setStyleSheet("padding: 4px 8px; font-size: 11pt;")
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)
        self._build_menu()
        # A gate passage changes none of these counts; skipping them keeps a scan under 50 ms.
        self.events.changed.connect(lambda areas: None if areas and areas <= GATE_AREAS else self.refresh_summary())
        self.refresh_summary()

    def _more_pages(self) -> list:
        """(name, title, page class) of every page after the register, in navigation order.
        Each page class takes (App, DataEvents, parent) and refreshes itself on events.changed."""
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
                ("sync", self.tr("Sync"), SyncPage), ("street", self.tr("Street"), StreetPage)]

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

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(self.page_names.index(name))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
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
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About Menshen"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _choose_language(self, code: str) -> None:
        set_setting(self.app.db, "language", code)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language is used from the next start of the program."))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Menshen"),
                          self.tr("Menshen keeps the household register, gate logs and care lists of a "
                                  "community office, offline.") + f"\n\n{self.app.db.path}")

    def refresh_summary(self) -> None:
        totals = self.app.register.totals()
        counts = self.app.register.status_counts()
        parts = [self.tr("Households: %1").replace("%1", str(totals["households"])),
                 self.tr("People: %1").replace("%1", str(totals["people"])),
                 self.tr("Key persons: %1").replace("%1", str(totals["key_persons"]))]
        parts += [f"<span style='color:{vocab.STATUS_COLOURS[s]};font-weight:bold'>"
                  f"■ {i18n.label(vocab.STATUS, s)} {counts[s]}</span>" for s in vocab.STATUS]
        self.summary.setText(" &nbsp;&nbsp; ".join(parts))

