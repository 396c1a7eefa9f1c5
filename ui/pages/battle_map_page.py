"""The battle map page (作战图): one compound at a time, its households in the four colours,
the legend with counts, filters that pick out key persons, tenants, the over-80s and care
subjects; hover shows a household and a click opens it in the register. Printing goes to the
paper engine (A3, with or without names). The map is computed off the UI thread."""
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from desktop import vocab
from desktop.app import App
from desktop.errors import InputError, NotFoundError
from desktop.overview.battle_map import EMPTY, FILTERS, BattleMap, battle_map, colour_order
from desktop.printing.catalogue import PrintRequest, print_form
from ui import i18n
from ui.events import DataEvents
from ui.place_labels import community_labels
from ui.widgets.battle_map_view import BattleMapView, colour_of
from ui.widgets.empty_hint import EmptyHint
from ui.workers.task import Task, shared_runner, wait_for
from ui.widgets.save_as import ask_save_path


class BattleMapPage(QWidget):
    AREAS = {"register", "care", "isolation"}
    map_shown = Signal(object)               # BattleMap, once drawn

    def __init__(self, app: App, events: DataEvents, parent=None, runner=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.runner = runner or shared_runner()
        self.map: BattleMap | None = None
        self._today: date | None = None
        self._generation = 0
        self._running: set = set()
        self._stale = False

        self.compound = QComboBox(self)
        self.compound.setObjectName("map_compound")
        self.compound.setMinimumWidth(160)
        self.compound.currentIndexChanged.connect(lambda _i: self.refresh())
        self.public = QCheckBox(self.tr("Public version (no names)"), self)
        self.public.setObjectName("map_public")
        self.public.toggled.connect(lambda _c: self._draw())
        self.filters: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(community_labels(self.app.db).compound, self))
        bar.addWidget(self.compound)
        for code in FILTERS:
            box = QCheckBox(i18n.label(FILTERS, code), self)
            box.setObjectName(f"map_filter_{code}")
            box.toggled.connect(lambda _c: self.view.set_filters(self.chosen_filters()))
            self.filters[code] = box
            bar.addWidget(box)
        bar.addWidget(self.public)
        bar.addStretch(1)
        print_button = QPushButton(self.tr("Save A3 PDF…"), self)
        print_button.setObjectName("map_print")
        print_button.clicked.connect(self.ask_print)
        bar.addWidget(print_button)

        self.legend = QLabel(self)
        self.legend.setObjectName("map_legend")
        self.legend.setTextFormat(Qt.RichText)
        self.legend.setWordWrap(True)
        self.view = BattleMapView(self)
        self.view.setObjectName("battle_map")
        self.view.household_clicked.connect(self.open_household)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        # A compound with no household draws nothing: the white area says where households are added.
        self.map_hint = EmptyHint(scroll, empty=lambda: not self._households())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.legend)
        layout.addWidget(scroll, 1)
        events.changed.connect(self._data_changed)
        self.legend.setText(escape(self.tr("Drawing the map…")))
        self.fill_compounds()
        self.refresh()

    def fill_compounds(self) -> None:
        """The compounds and village groups to choose from; the map is drawn for one at a time,
        so a street office's 90,000 households are never counted for one screen."""
        current = self.compound.currentData()
        self.compound.blockSignals(True)
        self.compound.clear()
        for c in self.app.register.compounds():
            self.compound.addItem(c.name, c.id)
        self.compound.setCurrentIndex(max(self.compound.findData(current), 0) if current else 0)
        self.compound.blockSignals(False)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def set_today(self, today: date | None) -> None:
        self._today = today
        self.refresh()

    def chosen_filters(self) -> set[str]:
        return {code for code, box in self.filters.items() if box.isChecked()}

    def _data_changed(self, areas) -> None:
        if areas and not areas & self.AREAS:
            return
        if self.isVisible():
            self.fill_compounds()
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.fill_compounds()
            self.refresh()

    def refresh(self) -> None:
        db, today, compound_id = self.app.db, self.today, self.compound.currentData()
        if compound_id is None:
            self.map = None
            self._draw()
            return
        self._generation += 1
        generation = self._generation
        task = Task(lambda _p, _c: battle_map(db, today, compound_id), owner=self)
        task.done.connect(lambda result: self._finished(generation, result, True))
        task.failed.connect(lambda exc: self._finished(generation, exc, False))
        task.finished.connect(lambda: self._running.discard(task))
        self._running.add(task)
        self.runner.start(task)

    def wait(self, seconds: float = 30) -> None:
        """Let a running computation end and its map be drawn (see TodayPage.wait)."""
        wait_for(lambda: not self._running, seconds)

    def _finished(self, generation: int, result, ok: bool) -> None:
        if generation != self._generation:
            return
        if not ok:
            self.legend.setText(escape(self.tr("The map could not be drawn: %1")
                                       .replace("%1", getattr(result, "message", None) or str(result))))
            return
        self.show_map(result)

    def show_map(self, m: BattleMap) -> None:
        self.map = m
        self._draw()
        self.map_shown.emit(m)

    def current_compound(self):
        if self.map is None or not self.map.compounds:
            return None
        return self.map.compounds[0]

    def _households(self) -> int:
        c = self.current_compound()
        return sum(c.households.values()) if c else 0

    def _draw(self) -> None:
        c = self.current_compound()
        self.view.set_compound(c, self.public.isChecked())
        self.view.set_filters(self.chosen_filters())
        self._show_hint(c)
        if c is None:
            self.legend.setText(escape(community_labels(self.app.db).no_compounds))
            return
        parts = []
        for status in colour_order():
            label = self.tr("Nobody registered") if status == EMPTY else i18n.label(vocab.STATUS, status)
            people = "" if status == EMPTY else self.tr(", %1 people").replace("%1", str(c.people.get(status, 0)))
            parts.append(f"<span style='background:{colour_of(status)};color:{colour_of(status)}'>■■</span> "
                         + escape(label + " " + self.tr("%1 households").replace("%1", str(c.households.get(status, 0)))
                                  + people))
        total = self.tr("%1: %2 households, %3 people; each household in the colour of its most serious status")\
            .replace("%1", c.name).replace("%2", str(sum(c.households.values())))\
            .replace("%3", str(sum(c.people.values())))
        self.legend.setText(" &nbsp; ".join(parts) + "<br>" + escape(total))

    def _show_hint(self, c) -> None:
        """Over an empty map (no compound, or one without households), where to register them;
        nothing while the first map is being drawn."""
        if c is None:
            self.map_hint.set_text(community_labels(self.app.db).first_compound if self.map is not None
                                   or self.compound.count() == 0 else "")
        else:
            self.map_hint.set_text(self.tr("%1 has no household yet. Register them first: on the Register page "
                                           "press Add household, then Add person.").replace("%1", c.name))

    def open_household(self, household_id: str) -> None:
        window = self.window()
        if hasattr(window, "show_page") and "register" in getattr(window, "page_names", ()):
            window.show_page("register")
            window.pages.currentWidget().show_household(household_id)

    def print_to(self, path: str, public: bool | None = None) -> object:
        """The A3 map of the compound shown (public: without names) through the paper engine."""
        c = self.current_compound()
        request = PrintRequest("battle-map", compound=c.name if c else "",
                               masked=self.public.isChecked() if public is None else public, day=self.today)
        return print_form(self.app.register, request, path)

    def ask_print(self) -> None:
        path = ask_save_path(self, self.tr("Save A3 PDF"), "作战图.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            printed = self.print_to(path)
        except (InputError, NotFoundError, OSError) as e:
            QMessageBox.warning(self, self.tr("Save A3 PDF"), getattr(e, "message", None) or str(e))
            return
        QMessageBox.information(self, self.tr("Save A3 PDF"),
                                self.tr("%1 pages saved to %2").replace("%1", str(printed.pages)).replace("%2", path))
