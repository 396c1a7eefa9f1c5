"""Passes (出入证): find a person, see their household's passes, issue and revoke; register a
household's car plate; issue household passes to a whole compound at once."""
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QListView, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.app import App
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.gate import passes as gate_passes
from desktop import place_words
from desktop.gate.vehicles import add_vehicle
from desktop.search import search_people
from ui.events import DataEvents
from ui.place_labels import community_labels
from ui.widgets.dates import date_edit, date_of
from ui.widgets.empty_hint import EmptyHint


class PassesView(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.db, self.events = app, app.db, events
        self.search = QLineEdit(self)
        self.search.setObjectName("passes_search")
        self.search.setClearButtonEnabled(True)
        self._find_soon = QTimer(self)          # search as you type, once the keys pause
        self._find_soon.setSingleShot(True)
        self._find_soon.setInterval(150)
        self._find_soon.timeout.connect(self.find)
        self.search.textChanged.connect(lambda _t: self._find_soon.start())
        self.people = QListWidget(self)
        self.people.setObjectName("passes_people")
        self.people.currentRowChanged.connect(lambda _r: self.show_passes())
        self.passes = QListWidget(self)
        self.passes.setObjectName("passes_list")
        self.passes.setSelectionMode(QAbstractItemView.SingleSelection)
        # A long line wraps onto the next rather than running off the right edge: at 1024×768 an
        # expiring pass's end date (至 2026-…) and a revoked pass's reason were out of sight.
        self.passes.setWordWrap(True)
        self.passes.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.passes.setResizeMode(QListView.Adjust)
        self.people_hint = EmptyHint(self.people)
        self.passes_hint = EmptyHint(self.passes, self.tr("Choose a person on the left: the passes of their "
                                                          "household show here."))
        self.valid_to = date_edit(date.today() + timedelta(days=30), self)
        self.valid_to.setObjectName("passes_valid_to")
        self.message = QLabel(self)
        self.message.setObjectName("passes_message")
        self.message.setWordWrap(True)
        self.buttons = {}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Valid until"), self))
        bar.addWidget(self.valid_to)
        for key, text, slot in (("household", self.tr("Issue household pass"), self.issue_household),
                                ("person", self.tr("Issue personal pass"), self.issue_person),
                                ("revoke", self.tr("Revoke selected pass…"), self.revoke),
                                ("plate", self.tr("Register a car plate…"), self.plate)):
            button = QPushButton(text, self)
            button.setObjectName(f"passes_{key}")
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.compound = QComboBox(self)
        self.compound.setObjectName("passes_compound")
        bulk = QPushButton(self.tr("Issue household passes to every household without one"), self)
        bulk.setObjectName("passes_bulk")
        bulk.clicked.connect(self.issue_all)
        bulk_row = QHBoxLayout()
        bulk_row.addWidget(self.compound)
        bulk_row.addWidget(bulk)
        bulk_row.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self.people, 1)
        lists.addWidget(self.passes, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(lists, 1)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addLayout(bulk_row)
        events.changed.connect(lambda areas: self._register_changed() if "register" in areas else None)
        self._register_changed()

    def _register_changed(self) -> None:
        self.refresh_words()
        self.refresh_compounds()

    def _door(self, text: str) -> str:
        """A text naming a door (%1) as this community's people write one (%2): 3-2-501 or 12号."""
        labels = community_labels(self.db)
        return text.replace("%1", labels.door).replace("%2", labels.door_example)

    def refresh_words(self) -> None:
        """The search box's example and the list's hint, in the words of a village or a city community."""
        self.search.setPlaceholderText(self._door(self.tr("Find a person: name, initials, %1 (%2)")))
        self._people_hint()

    def _people_hint(self) -> None:
        """What the empty list says: how to start, or, after a search, that it found no one."""
        typed = self.search.text()
        if typed.strip():
            self.people_hint.set_text(self._door(self.tr("Nobody found for \"%3\". Check the spelling, or try "
                                                         "the initials or the %1 (%2).")).replace("%3", typed))
            return
        self.people_hint.set_text(self._door(self.tr(
            "Passes start here.\n1. Type a name, pinyin initials or the %1 above (张三, zs, %2).\n"
            "2. Choose the person in this list.\n3. Their household's passes show on the right; issue, revoke "
            "or register a car plate with the buttons below.\nOr issue a pass to every household at once "
            "with the button at the bottom.")))

    def refresh_compounds(self) -> None:
        self.compound.clear()
        village = not place_words.community_words(self.db).has_buildings
        self.compound.addItem(community_labels(self.db).whole if village else self.tr("All compounds"), None)
        for c in self.app.register.compounds():
            self.compound.addItem(c.name, c.id)

    def find(self) -> None:
        self.people.clear()
        self._people_hint()
        for p in search_people(self.db, self.search.text(), limit=50):
            item = QListWidgetItem(f"{p.full_name}   {p.address}")
            item.setData(Qt.UserRole, p)
            self.people.addItem(item)
        if self.people.count():
            self.people.setCurrentRow(0)

    def person(self):
        item = self.people.currentItem()
        return item.data(Qt.UserRole) if item else None

    def show_passes(self) -> None:
        self.passes.clear()
        p = self.person()
        if p is None or not p.household_id:
            self.passes_hint.set_text(self.tr("Choose a person on the left: the passes of their household "
                                              "show here.") if p is None else
                                      self.tr("%1 belongs to no household: issue a personal pass.")
                                      .replace("%1", p.full_name))
            return
        self.passes_hint.set_text(self.tr("%1's household has no pass yet: choose \"Issue household pass\" "
                                          "below (any member may use it) or a personal pass.")
                                  .replace("%1", p.full_name))
        for gp in gate_passes.passes(self.db, household_id=p.household_id):
            state = (self.tr("revoked: %1").replace("%1", gp.revoked_reason) if gp.revoked_at
                     else self.tr("valid %1 to %2").replace("%1", gp.valid_from).replace("%2", gp.valid_to))
            kind = self.tr("household") if gp.person_id is None else gp.holder_name
            item = QListWidgetItem(f"{gp.pass_no}   {kind}   {state}")
            item.setData(Qt.UserRole, gp)
            self.passes.addItem(item)

    def show_expiring(self, today) -> None:
        """The passes in force that end within the next three days, soonest first: revoke or
        renew them from here (renewing: find the person above and issue a new pass)."""
        from desktop.overview.today import EXPIRING_DAYS
        # A name left in the search box is not what this list shows: kept, the empty people list
        # said 没有找到“张” beside the passes, and a search still due from the last keys replaced
        # the list with that person's passes.
        self.search.clear()
        self._find_soon.stop()                  # also the search the clearing itself asked for
        self.people.clear()
        self._people_hint()
        self.passes.clear()
        found = gate_passes.expiring_passes(self.db, today, EXPIRING_DAYS)
        for gp in found:
            kind = self.tr("household") if gp.person_id is None else gp.holder_name
            item = QListWidgetItem(f"{gp.pass_no}   {kind}   {gp.address}   "
                                   + self.tr("valid %1 to %2").replace("%1", gp.valid_from).replace("%2", gp.valid_to))
            item.setData(Qt.UserRole, gp)
            self.passes.addItem(item)
        self.passes_hint.set_text(self.tr("No pass ends within three days."))
        self._say(self.tr("%1 passes end within three days (soonest first). To renew one, find its "
                          "holder above and issue a new pass.").replace("%1", str(len(found))))

    def _say(self, text: str, kind: str = "") -> None:
        """The line under the lists: red for a refusal, green for something done, plain else
        (a colour left from the last message made a refusal look like a success)."""
        self.message.setText(text)
        self.message.setStyleSheet({"error": "color: #c62828;", "done": "color: #2e7d32;"}.get(kind, ""))

    def _issue(self, **holder) -> None:
        try:
            gp = gate_passes.issue_pass(self.db, valid_to=date_of(self.valid_to).isoformat(), **holder)
        except (InputError, NotFoundError) as e:
            self._say(e.message, "error")
            return
        self._say(self.tr("Issued pass %1 to %2.").replace("%1", gp.pass_no).replace("%2", gp.holder_name), "done")
        self.events.notify("gate_passes")
        self.show_passes()

    def issue_household(self) -> None:
        p = self.person()
        if p and p.household_id:
            self._issue(household_id=p.household_id)

    def issue_person(self) -> None:
        p = self.person()
        if p:
            self._issue(person_id=p.id)

    def revoke(self) -> None:
        item = self.passes.currentItem()
        if item is None:
            return
        gp = item.data(Qt.UserRole)
        reason, ok = QInputDialog.getText(self, self.tr("Revoke pass"),
                                          self.tr("Why is pass %1 revoked?").replace("%1", gp.pass_no))
        if not ok:
            return
        try:
            gate_passes.revoke_pass(self.db, gp.id, reason)
        except InputError as e:
            self._say(e.message, "error")
            return
        self.events.notify("gate_passes")
        self.show_passes()

    def plate(self) -> None:
        p = self.person()
        if p is None:
            return
        plate, ok = QInputDialog.getText(self, self.tr("Car plate"), self.tr("Plate of %1's household:")
                                         .replace("%1", p.full_name))
        if not ok:
            return
        try:
            v = add_vehicle(self.db, plate, p.household_id, p.id)
        except InputError as e:
            self._say(e.message, "error")
            return
        self._say(self.tr("Plate %1 registered.").replace("%1", v.plate), "done")

    def issue_all(self) -> None:
        compound_id = self.compound.currentData()
        # One reading for the list and the issue: across midnight, a household whose pass ended
        # the day before was left off the list and issued none.
        today = date.today()
        holders = [(h, None) for h in gate_passes.households_without_pass(self.db, compound_id, today)]
        if not holders:
            self._say(self.tr("Every household already has a valid pass."))
            return
        try:
            issued = gate_passes.issue_passes(self.db, holders, valid_to=date_of(self.valid_to).isoformat(),
                                              today=today)
        except InputErrors as e:
            self._say("；".join(err.message for err in e.errors), "error")
            return
        except InputError as e:
            self._say(e.message, "error")
            return
        self._say(self.tr("Issued %1 household passes.").replace("%1", str(len(issued))), "done")
        self.events.notify("gate_passes")
