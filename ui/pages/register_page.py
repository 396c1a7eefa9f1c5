"""The register page: the tree of places beside the people of the selection, search as you type,
and the dialogs that change the register. After every change the tree and the table reload and
keep what was open and selected, so the clerk never loses their place."""
import functools
from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QSplitter, QTextBrowser,
                               QVBoxLayout, QWidget)

from desktop import vocab
from desktop.accounts.roles import Permission, can
from desktop.app import App
from desktop.errors import InputError
from desktop.gate.log import VISIT_DAYS, household_visits
from desktop.overview.lists import count_people_with_status, people_with_status
from desktop.records import Person, TreeNode
from desktop.search import groups_sharing_house, search_people
from ui import i18n
from ui.dialogs.compound_dialog import CompoundDialog
from ui.dialogs.household_dialog import HouseholdDialog
from ui.dialogs.move_dialog import MoveDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.removed_people_dialog import RemovedPeopleDialog
from ui.dialogs.status_dialog import StatusDialog
from ui.dialogs.travel_dialog import TravelDialog
from ui.events import DataEvents
from ui.models.people_model import PeopleModel
from ui.models.register_tree import RegisterTreeModel
from ui.place_labels import community_labels
from ui.widgets.button_bar import button_bar
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import NAME_SAMPLE, ColumnFitter, ElideLeft, down_goes_to, list_table, open_row_with
from ui.widgets.place_tree import PlaceTree

SEARCH_DELAY_MS = 150
# A search shows at most this many people: more than that is a sign to type more.
SEARCH_SHOWN = 100
# The widest an ID is drawn: 17 digits and a check letter (a masked one has as many characters).
ID_SAMPLE = "0" * 17 + "X"
PHONE_SAMPLE = "0" * 11       # a mobile number: "155…" is no number to call


def _then_back_to_list(action):
    """After the dialog of ``action`` the cursor is on the person's row again, not on the button
    reached by Tab and pressed to open it: Down and Enter go on in the list."""
    @functools.wraps(action)
    def run(page: "RegisterPage") -> None:
        try:
            action(page)
        finally:
            if page.current_person() is not None:
                page.table.setFocus(Qt.OtherFocusReason)
    return run


class RegisterPage(QWidget):
    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.register, self.events = app, app.register, events
        self.scope: TreeNode | None = None
        self.status_filter: str | None = None    # the Today page's link: people in one status

        self.tree_model = RegisterTreeModel(self.register.tree_children, community_labels(self.register.db).whole, self)
        self.tree = PlaceTree(self)           # a long compound name wraps at 1024, never cut
        self.tree.setObjectName("register_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.expanded.connect(self._expand)
        self.tree.selectionModel().currentChanged.connect(self._scope_changed)
        self.tree.clicked.connect(lambda _i: self._leave_status_filter())
        # Enter on a place goes to its people, as Enter in the search goes to what was found (a
        # double click too, as in the table). The view's own signal, no shortcut: a shortcut on
        # the tree took the Enter of a dialog opened over the page before it was active.
        self.tree.activated.connect(lambda _index: self._tree_to_people())

        self.search = QLineEdit(self)
        self.search.setObjectName("register_search")
        self.search.setPlaceholderText(community_labels(app.db).search_example)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload_people)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

        # Each button has its Alt key (新增人员(&P)), none of the menu bar's (Alt+F, V, H): the day's
        # work is done from the keyboard, and after each dialog the cursor is back in the list.
        bar, self.buttons = button_bar(self, (
            ("add_compound", community_labels(app.db).add_compound, self.add_compound),
            ("add_household", self.tr("&Add household"), self.add_household),
            ("edit_household", self.tr("Edit h&ousehold"), self.edit_household),
            ("add_person", self.tr("Add &person"), self.add_person),
            ("edit_person", self.tr("&Edit person"), self.edit_person),
            ("move_person", self.tr("&Move household"), self.move_person),
            ("change_status", self.tr("Change &status"), self.change_status),
            ("add_travel", self.tr("Record &travel"), self.add_travel),
            ("remove_person", self.tr("&Remove person"), self.remove_person)))
        # Under 删除人员 at the row's end, beside the count: the bar above has no room left at 1024 pixels.
        removed = self.buttons["removed_people"] = QPushButton(self.tr("Removed people..."), self)
        removed.setObjectName("removed_people")
        removed.clicked.connect(self.show_removed)
        # One household's register sheet (the command line wanted an id no screen shows): beside
        # it, for whoever may print (the paper page's permission).
        sheet = self.buttons["household_sheet"] = QPushButton(self.tr("Pr&int household sheet..."), self)
        sheet.setObjectName("household_sheet")
        sheet.clicked.connect(lambda: self.print_household())
        sheet.setVisible(can(app.db, Permission.EXPORT))

        self.people_model = PeopleModel(self)
        self.table = list_table(self, self.people_model, "people_table")
        self.table_hint = EmptyHint(self.table)        # an empty register says what to press first
        # Name, status (its colour) and address first: on a 1024-pixel screen the rest elide, but
        # a name, a status and an ID (18 characters, masked or not) are read whole or not at all.
        column = PeopleModel.COLUMNS.index

        def labels(vocabulary: dict) -> tuple[str, ...]:      # as the window's language draws them
            return tuple(i18n.label(vocabulary, code) for code in vocabulary)
        # The address gives way from the left ("…1栋1单元101"): its compound is in the tree beside it,
        # so on a 1024-pixel screen the door and the whole phone number stay in sight. The sex and
        # the relation as wide as their words in the window's language (English: "Fe…", "H…").
        self.columns = ColumnFitter(self.table, (80, 40, 44, 170, 110, 220, 90, 90, 70), stretch=5,
                                    stretch_min=110, min_width=36, order=(0, 7, 5, 2, 1, 4, 3, 6, 8),
                                    whole={column("name"): NAME_SAMPLE, column("status"): labels(vocab.STATUS),
                                           column("id_number"): ID_SAMPLE, column("phone"): PHONE_SAMPLE,
                                           column("sex"): labels(vocab.SEX)},
                                    room_for={column("relation"): labels(vocab.RELATION)})
        self.table.setItemDelegateForColumn(column("address"), ElideLeft(self.table))
        # Keys as a clerk uses them: from the search, Enter or Down goes to what was found; in the
        # table, Enter opens the person, as a double click does. Signals and a shortcut, not event
        # filters: a Python filter on a busy widget's every event made the window crash at start.
        open_row_with(self.table, self.edit_person)
        self.search.returnPressed.connect(self._go_to_results)
        down_goes_to(self.search, self._go_to_results)
        # Tab leaves the table for the next widget, as everywhere else; it walked the cells of the
        # row (nine columns, then the next person's) and never got out.
        self.table.setTabKeyNavigation(False)
        # Ctrl+F anywhere on the page, and the page opened with Ctrl+2: the cursor is in the search,
        # what was typed before selected, so the next name replaces it.
        self.setFocusProxy(self.search)
        find = QShortcut(QKeySequence.Find, self, self._to_search)
        find.setContext(Qt.WidgetWithChildrenShortcut)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._person_changed())

        self.count_label = QLabel(self)
        self.count_label.setObjectName("people_count")
        self.count_label.setWordWrap(True)        # a search's note may be longer than the list is wide
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("person_detail")
        self.detail.setOpenLinks(False)
        self.detail.setFocusPolicy(Qt.ClickFocus)     # a card to read, no stop on the way with Tab

        right = QWidget(self)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addLayout(bar)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(sheet)
        count_row.addWidget(removed)
        col.addLayout(count_row)
        inner = QSplitter(Qt.Vertical, right)
        inner.addWidget(self.table)
        inner.addWidget(self.detail)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 1)
        col.addWidget(inner, 1)

        self._bar = bar
        self.splitter = splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        # The tree needs little (places are short, deep ones scroll): at 1024 pixels its width is
        # what lets the table show every column's header and a whole ID.
        splitter.setSizes([130, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        events.changed.connect(self._data_changed)
        self.tree.setCurrentIndex(self.tree_model.index(0, 0))
        self.reload_people()

    # The tree's width: TREE_WIDTH, or down to its narrowest (its names wrap) where that keeps the
    # buttons on one line (Chinese at 1024×768); where they wrap anyway (English), where that
    # keeps the table's columns from scrolling (English words are wider: "Relation", "Female").
    TREE_WIDTH = 130

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._share_the_width(event.size().width())

    def _share_the_width(self, width: int) -> None:
        margins = self.layout().contentsMargins()      # the splitter is laid out after this event
        total = width - margins.left() - margins.right() - self.splitter.handleWidth()
        one_line = self._bar.sizeHint().width()
        narrowest = self.tree.minimumSizeHint().width()
        needs = one_line if total - narrowest >= one_line else self.columns.narrowest()
        tree = max(narrowest, min(self.TREE_WIDTH, total - needs))
        self.splitter.setSizes([tree, total - tree])

    # -- tree ------------------------------------------------------------------------------
    def _expand(self, index: QModelIndex) -> None:
        self.tree_model.ensure_loaded(self.tree_model.itemFromIndex(index))

    def _scope_changed(self, current: QModelIndex, _previous=None) -> None:
        self.scope = RegisterTreeModel.node_of(self.tree_model.itemFromIndex(current))
        self.status_filter = None
        if self.search.text():
            self.search.clear()       # choosing a place means "show me this place"
        self.reload_people()

    def _expanded_ids(self) -> list[str]:
        out: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.tree_model.rowCount(parent)):
                index = self.tree_model.index(row, 0, parent)
                node = self.tree_model.itemFromIndex(index).data(Qt.UserRole + 1)
                if node is not None and self.tree.isExpanded(index):
                    out.append(node.id)
                    walk(index)
        walk(QModelIndex())
        return out

    def _find_index(self, node_id: str, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        for row in range(self.tree_model.rowCount(parent)):
            index = self.tree_model.index(row, 0, parent)
            node = self.tree_model.itemFromIndex(index).data(Qt.UserRole + 1)
            if node is not None and node.id == node_id:
                return index
        return QModelIndex()

    def _reveal(self, *ids: str | None) -> None:
        """Open the tree down to the last of ``ids`` (compound, building, unit, household) and mark
        it: a household just added stayed hidden in its closed group while 全村 stayed marked, and
        the table said 这一户 of a household the tree did not show."""
        index, chain = QModelIndex(), []
        for node_id in filter(None, ids):
            index = self._find_index(node_id, index)
            if not index.isValid():
                return
            self.tree_model.ensure_loaded(self.tree_model.itemFromIndex(index))
            chain.append(index)
        for parent in chain[:-1]:
            self.tree.expand(parent)
        # The scope is set by the caller: marking the household must not reload the people again.
        self.tree.selectionModel().currentChanged.disconnect(self._scope_changed)
        self.tree.setCurrentIndex(chain[-1])
        self.tree.scrollTo(chain[-1])
        self.tree.selectionModel().currentChanged.connect(self._scope_changed)

    def reload_tree(self) -> None:
        """Rebuild the tree, re-open what was open and re-select the current place."""
        labels = community_labels(self.register.db)
        self.buttons["add_compound"].setText(labels.add_compound)
        self.search.setPlaceholderText(labels.search_example)
        expanded, current = self._expanded_ids(), self.scope.id if self.scope else None
        self.tree.selectionModel().currentChanged.disconnect(self._scope_changed)
        self.tree_model.reload(labels.whole)
        for node_id in expanded:
            # Expanded ids come parent-first, so each is searched among loaded children.
            index = self._find_in_loaded(node_id)
            if index.isValid():
                self.tree_model.ensure_loaded(self.tree_model.itemFromIndex(index))
                self.tree.expand(index)
        target = self._find_in_loaded(current) if current else self.tree_model.index(0, 0)
        if not target.isValid():
            target, self.scope = self.tree_model.index(0, 0), None
        self.tree.setCurrentIndex(target)
        self.tree.selectionModel().currentChanged.connect(self._scope_changed)

    def _find_in_loaded(self, node_id: str) -> QModelIndex:
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            found = self._find_index(node_id, parent)
            if found.isValid():
                return found
            stack += [self.tree_model.index(r, 0, parent) for r in range(self.tree_model.rowCount(parent))]
        return QModelIndex()

    def _tree_to_people(self) -> None:
        """The cursor goes from the place chosen in the tree to the first of its people; what
        the search or a Today figure showed gives way to the place. A place with nobody keeps
        the cursor in the tree, where its hint says what to press."""
        if self.search.text() or self.status_filter:
            self.status_filter = None
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.reload_people()
        self._go_to_results()

    def search_pending(self) -> bool:
        """Whether a search typed still waits for its pause (SEARCH_DELAY_MS) to run: whoever
        closes the register under the page (a test's end) waits for it, not a fixed time."""
        return self._search_timer.isActive()

    def _to_search(self) -> None:
        self.search.setFocus(Qt.ShortcutFocusReason)
        self.search.selectAll()

    def _go_to_results(self) -> None:
        """Search now (not after the typing pause) and put the cursor on the first person found."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.reload_people()
        if self.people_model.rowCount() == 0:
            return
        if not self.table.selectionModel().currentIndex().isValid():
            self.table.selectionModel().setCurrentIndex(
                self.people_model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.setFocus(Qt.OtherFocusReason)

    # -- people ----------------------------------------------------------------------------
    def reload_people(self, keep_person: str | None = None) -> None:
        keep_person = keep_person or (self.current_person().id if self.current_person() else None)
        text = self.search.text().strip()
        if text:
            self.status_filter = None
        if self.status_filter and not text:
            status = self.status_filter
            total = count_people_with_status(self.app.db, status)
            self.people_model.set_source(
                lambda offset, limit: people_with_status(self.app.db, status, limit, offset), total)
            self.count_label.setText(self.tr("%1 people in status %2 (choose a place in the tree to see everyone)")
                                     .replace("%1", str(total)).replace("%2", i18n.label(vocab.STATUS, status)))
            self.table_hint.set_text(self.tr("Nobody is in this status now."))
        elif text:
            results = search_people(self.app.db, text, limit=SEARCH_SHOWN + 1)
            more = len(results) > SEARCH_SHOWN
            results = results[:SEARCH_SHOWN]
            self.people_model.set_source(lambda offset, limit: results[offset:offset + limit], len(results))
            house, groups = groups_sharing_house(self.app.db, text, results)
            self.count_label.setText(
                self.tr("More than %1 found; the first %1 are shown. Type more to narrow the search.")
                .replace("%1", str(SEARCH_SHOWN)) if more else
                # 新民村12号 with no group: the clerk may mean the house of one of them
                self.tr("%1 found. %2 each have a house %3: to find one, add its group, as in %4%3.")
                .replace("%1", str(len(results))).replace("%2", self.tr(", ").join(groups)).replace("%3", house)
                .replace("%4", groups[0]) if groups else
                self.tr("%1 found").replace("%1", str(len(results))))
            self.table_hint.set_text(community_labels(self.app.db).nobody_found)
        else:
            scope = self.scope
            total = self.register.count_people_in(scope)
            self.people_model.set_source(lambda offset, limit: self.register.people_in(scope, limit, offset), total)
            self.count_label.setText(self.tr("%1 people").replace("%1", str(total)))
            self.table_hint.set_text(self._empty_place_hint(scope))
        row = self.people_model.row_of(keep_person) if keep_person else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.people_model.index(row, 0),
                QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self._person_changed()

    def _empty_place_hint(self, scope: TreeNode | None) -> str:
        """What to press when the place chosen in the tree has nobody yet (the first day's
        register has no compound, then no household)."""
        if not self.register.compounds():
            return community_labels(self.register.db).empty_register
        if scope is not None and scope.kind == "household":
            return self.tr("Nobody is registered in this household yet. Press Add person to add its people.")
        return self.tr("Nobody is registered here yet. Press Add household to add a flat or village house "
                       "(its door number), then Add person for each of its people.")

    def _leave_status_filter(self) -> None:
        """A click on the place already chosen also shows everyone there again."""
        if self.status_filter:
            self.status_filter = None
            self.reload_people()

    def show_status(self, status: str) -> None:
        """The people now in ``status`` (the Today page's figures link here)."""
        self.status_filter = status
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload_people()

    def show_household(self, household_id: str) -> None:
        """One household's people (a click on the battle map opens it here)."""
        h = self.register.household(household_id)
        self.status_filter = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.scope = TreeNode("household", h.id, h.address)
        self._reveal(h.compound_id, h.building_id, h.unit_id, h.id)
        self.reload_people()
        if self.people_model.rowCount() > 0:
            self.table.selectionModel().setCurrentIndex(
                self.people_model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def current_person(self) -> Person | None:
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else QModelIndex()
        return self.people_model.person(index.row()) if index.isValid() else None

    def current_household_id(self) -> str | None:
        if self.scope is not None and self.scope.kind == "household":
            return self.scope.id
        person = self.current_person()
        return person.household_id if person else None

    def _person_changed(self) -> None:
        person = self.current_person()
        has_person = person is not None
        for key in ("edit_person", "move_person", "change_status", "add_travel", "remove_person"):
            self.buttons[key].setEnabled(has_person)
        self.buttons["edit_household"].setEnabled(self.current_household_id() is not None)
        self.buttons["household_sheet"].setEnabled(self.current_household_id() is not None)
        self.buttons["add_household"].setEnabled(bool(self.register.compounds()))
        self.detail.setHtml(self._person_card(person) if person else
                            "<p style='color:#777'>" + self.tr(
                                "Select a person in the table to see their card: household, "
                                "status history and travel.") + "</p>")

    def _person_card(self, p: Person) -> str:
        colour = vocab.status_colour(p.status)
        key_label, address_label = self.tr("Key person"), self.tr("Address")
        residence_label, history_label = self.tr("Residence"), self.tr("Status history")
        travel_label, from_label = self.tr("Travel"), self.tr("from")
        status = escape(i18n.label(vocab.STATUS, p.status))
        lines = [f"<b style='font-size:14pt'>{escape(p.full_name)}</b> &nbsp; "
                 f"<span style='color:{colour};font-weight:bold'>{status}</span>"]
        if p.is_key_person:
            lines[0] += f" &nbsp; <span style='color:#c62828'>{escape(key_label)}: {escape(p.key_reason)}</span>"
        lines.append(f"{escape(address_label)}: {escape(p.address or '-')} &nbsp; "
                     f"{escape(residence_label)}: {escape(i18n.label(vocab.RESIDENCE, p.residence_kind))}")
        history = self.register.status_history(p.id)
        if history:
            lines.append(f"<b>{escape(history_label)}</b>")
            for h in reversed(history[-5:]):
                lines.append(f"{escape(h.changed_at.replace('T', ' '))} "
                             f"{escape(i18n.label(vocab.STATUS, h.old_status))} → "
                             f"{escape(i18n.label(vocab.STATUS, h.new_status))}: {escape(h.reason)}"
                             f" ({escape(h.changed_by)})")
        travel = self.register.travel_history(p.id)
        if travel:
            lines.append(f"<b>{escape(travel_label)}</b>")
            for t in travel[:3]:
                lines.append(f"{escape(t.arrived_on)} {escape(from_label)} {escape(t.from_place)} {escape(t.transport)}")
        return "<br>".join(lines + self._visits_lines(p))

    def _visits_lines(self, p: Person) -> list[str]:
        """The household's visitors of the last two weeks, as the gate linked them: whom to tell
        when a visitor later has a fever."""
        visits = household_visits(self.app.db, p.household_id) if p.household_id else []
        if not visits:
            return []
        title = self.tr("Visitors to this household (last %1 days)").replace("%1", str(VISIT_DAYS))
        lines = [f"<b>{escape(title)}</b>"]
        words = {"in": self.tr("in"), "out": self.tr("out")}
        for v in visits:
            lines.append(" ".join(escape(x) for x in (v.at[5:16].replace("T", " "), words.get(v.direction, ""),
                                                       v.visitor_name, v.phone, v.reason, v.checkpoint) if x))
        return lines

    # -- actions ---------------------------------------------------------------------------
    def _changed(self, keep_person: str | None = None) -> None:
        self._keep_person = keep_person
        self.events.notify("register")

    def _data_changed(self, areas) -> None:
        if "gate" in areas and "register" not in areas:
            self._person_changed()          # a visitor to the household shown, saved at the gate
        if "register" in areas:
            keep = getattr(self, "_keep_person", None)
            self._keep_person = None
            self.reload_tree()
            self.reload_people(keep)
            if keep and self.people_model.row_of(keep) < 0 and (self.search.text() or self.status_filter):
                # The person just saved is not among those searched for (a new 赵六 while the
                # search says zs): show the place again with them chosen, never an unchanged list.
                self.status_filter = None
                self.search.blockSignals(True)
                self.search.clear()
                self.search.blockSignals(False)
                self.reload_people(keep)

    def add_compound(self) -> None:
        dialog = CompoundDialog(self.register, self)
        if dialog.exec():
            self._changed()

    @_then_back_to_list
    def add_household(self) -> None:
        compound_id, building, unit = None, "", ""
        person = self.current_person()
        node = self.scope
        if node is not None and node.kind != "household":
            compound_id, building, unit = self._place_of(node)
        elif person and person.household_id:
            hh = self.register.household(person.household_id)
            compound_id, building, unit = hh.compound_id, hh.building, hh.unit
        dialog = HouseholdDialog(self.register, compound_id=compound_id, building=building, unit=unit, parent=self)
        if dialog.exec():
            self._changed()
            # The new household is the one shown: 新增人员 next adds its people there, not to the
            # household of whoever was chosen in the table before.
            self.show_household(dialog.saved.id)

    def _place_of(self, node: TreeNode) -> tuple[str | None, str, str]:
        """Compound id, building and unit numbers of a tree node, to pre-fill a new household."""
        index = self._find_in_loaded(node.id)
        chain = []
        while index.isValid():
            chain.append(self.tree_model.itemFromIndex(index).data(Qt.UserRole + 1))
            index = index.parent()
        by_kind = {n.kind: n for n in chain if n is not None}
        compound = by_kind.get("compound")
        building = by_kind.get("building")
        unit = by_kind.get("unit")
        return (compound.id if compound else None,
                building.label.removesuffix("栋") if building else "",
                unit.label.removesuffix("单元") if unit else "")

    @_then_back_to_list
    def print_household(self) -> None:
        """打印本户登记表: the chosen household's sheet on the paper page, previewed there (then
        printed or saved as any form is)."""
        household_id = self.current_household_id()
        window = self.window()
        if household_id is None or "paper" not in getattr(window, "page_names", ()):
            return
        household = self.register.household(household_id)
        window.show_page("paper")
        window.pages.currentWidget().print_household(household.id, household.address)

    def edit_household(self) -> None:
        household_id = self.current_household_id()
        if not household_id:
            return
        dialog = HouseholdDialog(self.register, self.register.household(household_id), parent=self)
        if dialog.exec():
            self._changed()

    @_then_back_to_list
    def add_person(self) -> None:
        household_id = self.current_household_id()
        dialog = PersonDialog(self.register, household_id=household_id, parent=self)
        if dialog.exec():
            self._changed(dialog.saved.id)

    @_then_back_to_list
    def edit_person(self) -> None:
        person = self.current_person()
        if not person:
            return
        dialog = PersonDialog(self.register, person=person, parent=self)
        if dialog.exec():
            self._changed(person.id)

    @_then_back_to_list
    def move_person(self) -> None:
        person = self.current_person()
        if not person:
            return
        dialog = MoveDialog(self.register, person, self)
        if dialog.exec():
            self._changed(person.id)

    @_then_back_to_list
    def change_status(self) -> None:
        person = self.current_person()
        if not person:
            return
        dialog = StatusDialog(self.register, person, self)
        if dialog.exec():
            self._changed(person.id)

    @_then_back_to_list
    def add_travel(self) -> None:
        person = self.current_person()
        if not person:
            return
        dialog = TravelDialog(self.register, person, self)
        if dialog.exec():
            self._changed(person.id)

    @_then_back_to_list
    def remove_person(self) -> None:
        person = self.current_person()
        if not person:
            return
        # 否 is the default: an Enter pressed out of habit (after Alt+R for Alt+T) removes nobody.
        answer = QMessageBox.question(
            self, self.tr("Remove person"),
            self.tr("Remove %1 from the register? The record is kept in the history and can be restored.")
            .replace("%1", person.full_name), QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            try:
                self.register.remove_person(person.id)
            except InputError as e:           # still isolated or cared for: said, nothing removed
                QMessageBox.warning(self, self.tr("Remove person"), e.message)
                return
            self._changed()

    def show_removed(self) -> None:
        """The people removed from the register, to put one back (删除人员 says it can be undone)."""
        dialog = RemovedPeopleDialog(self.register, self)
        dialog.restored.connect(self._restored)
        dialog.exec()

    def _restored(self, restored) -> None:
        """A person put back is shown chosen: in the place shown, or else in their household, or
        (back in no household) found by their name."""
        person = restored.person
        self._changed(person.id)
        if self.people_model.row_of(person.id) >= 0:
            return
        if person.household_id:
            self.show_household(person.household_id)
        else:
            self.search.blockSignals(True)
            self.search.setText(person.full_name)
            self.search.blockSignals(False)
        self.reload_people(person.id)
