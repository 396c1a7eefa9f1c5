"""The care page (特殊群体关爱): today's visits, the most urgent first, filtered by helper,
category, place and due state; the person's card with their visits; quick entry of a visit.

"Today" is the page's ``today`` (the office's date; tests set it). The list can be looked at
for another day (``day``: tomorrow's round, planned the evening before); a visit is still
recorded for today or before. Care and health details are
shown here only: the gate role never opens this page (a later issue adds the role check)."""
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTextBrowser, QVBoxLayout)

from desktop.app import App
from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.records import CareListItem
from ui import i18n
from ui.dialogs.care_subject_dialog import CareSubjectDialog
from ui.dialogs.helper_dialog import HelperDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.events import DataEvents
from ui.pages.dated_list_page import DatedListPage
from ui.models.care_models import STATE_COLOURS, CareListModel, labels
from ui.widgets.button_bar import button_bar
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.dates import date_edit, shown_date
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import NAME_SAMPLE, ColumnFitter, ElideLeft, list_table, open_row_with
from ui.widgets.place_filter import PlaceFilter

UNASSIGNED = "__unassigned__"


class CarePage(DatedListPage):
    AREAS = {"care", "register"}

    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.care = CareBook(app.db, app.register)

        self.title = QLabel(self)
        self.title.setObjectName("care_title")
        self.title.setTextFormat(Qt.RichText)
        self.title.setStyleSheet("font-size: 12pt; padding: 2px;")
        self.title.setWordWrap(True)     # beside the day field at 1024 pixels: wraps, never widens the window
        # The day the list is for: today, or another looked at (who falls due tomorrow).
        self._day: date | None = None
        self.day_edit = date_edit(self.today, self)
        self.day_edit.setObjectName("care_day")
        self.day_edit.dateChanged.connect(lambda _d: self._day_chosen())
        self.back_to_today = QPushButton(self.tr("Today"), self)
        self.back_to_today.setObjectName("care_back_to_today")
        self.back_to_today.clicked.connect(lambda: self.show_day(None))
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(QLabel(self.tr("Day"), self))
        title_row.addWidget(self.day_edit)
        title_row.addWidget(self.back_to_today)

        self.helper_filter = QComboBox(self)
        self.helper_filter.setObjectName("filter_helper")
        self.category_filter = QComboBox(self)
        self.category_filter.setObjectName("filter_category")
        self.category_filter.addItem(self.tr("All categories"), None)
        for code in cv.CATEGORY:
            self.category_filter.addItem(i18n.label(cv.CATEGORY, code), code)
        self.place_filter = PlaceFilter(app.register, self)
        self.due_filter = QComboBox(self)
        self.due_filter.setObjectName("filter_due")
        for code, text in (("due", self.tr("Due today and overdue")), ("overdue", self.tr("Overdue only")),
                           ("neglected", self.tr("Not visited for twice the interval")),
                           ("all", self.tr("Everyone on the list"))):
            self.due_filter.addItem(text, code)
        self.search = QLineEdit(self)
        self.search.setObjectName("care_search")
        self.search.setPlaceholderText(self.tr("Name or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        # Its hint and no more: at 1024 pixels the filters beside it need the room.
        self.search.setMinimumWidth(QFontMetrics(self.search.font()).horizontalAdvance(
            self.search.placeholderText()) + 28)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.helper_filter.currentIndexChanged.connect(lambda _i: self._helper_changed())
        for combo in (self.helper_filter, self.category_filter, self.due_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.place_filter.changed.connect(self.reload)
        # On a second line where the width runs out: in English the five were 1066 pixels.
        filters = FlowLayout()
        for w in (self.helper_filter, self.category_filter, self.place_filter, self.due_filter, self.search):
            filters.addWidget(w)

        # Each with its Alt key, as on the register page (Enter on the list records a visit);
        # none of F, V, H: the menus' (文件, 视图, 帮助).
        bar, self.buttons = button_bar(self, (
            ("record_visit", self.tr("&Record visit"), self.record_visit),
            ("correct_visit", self.tr("&Correct last visit"), self.correct_visit),
            ("add_subject", self.tr("&Add to care list"), self.add_subject),
            ("edit_subject", self.tr("&Edit"), self.edit_subject),
            ("remove_subject", self.tr("Remove from &list"), self.remove_subject),
            ("add_helper", self.tr("Add hel&per"), self.add_helper),
            ("edit_helper", self.tr("Edi&t helper"), self.edit_helper)), main="record_visit")

        self.model = CareListModel(self)
        self.table = list_table(self, self.model, "care_table")
        # Ctrl+5/6 (and any focus given the page) lands on the list, where Enter records a visit
        # or a check: the round from paper starts at once (it landed on the date field).
        self.setFocusProxy(self.table)
        self.table_hint = EmptyHint(self.table)       # an empty list says why and what to press
        # The due date before the categories and needs: on a narrow screen those elide first.
        # The state whole, 21天未走访（上次未见到） too (bold: the neglected's rows are). At 1024×768
        # a category of four characters (独居老人, 空巢老人 …: most are) and the dates stay whole:
        # 类别 showed 独… while the address had room; a second category elides, whole on hover.
        # The samples are in the window's language: in English 独居老人's width cut "Elderly …",
        # and the visit, sized for its header, said "Ev…" (Every day, Weekly, Monthly now whole;
        # a longer one elides, whole on hover and in the card).
        # Last, the address gives way from its start, down to a door ("…14栋2单元201"): in English
        # (its states are longer) the last column (Needs) scrolled out of sight at 1024.
        self.columns = ColumnFitter(self.table, (130, 70, 40, 210, 150, 150, 95, 80, 90, 90), stretch=3,
                                    stretch_min=180, stretch_least=110, order=(0, 1, 2, 3, 9, 8, 7, 6, 4, 5),
                                    whole={0: self.model.widest_state(), 1: NAME_SAMPLE,
                                           4: i18n.label(cv.CATEGORY, "elder_alone"),
                                           6: i18n.label(cv.FREQUENCY, "daily"),
                                           8: "2020-02-20", 9: "2020-02-20"}, bold=(0, 1))
        self.table.setItemDelegateForColumn(self.model.COLUMNS.index("address"), ElideLeft(self.table))
        open_row_with(self.table, self.record_visit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())

        self.card = QTextBrowser(self)
        self.card.setObjectName("care_card")
        splitter = self.table_over_card(self.table, self.card)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(title_row)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        events.changed.connect(self._data_changed)
        self.reload_helpers()
        self._helper_changed()
        self.reload()

    # -- the day ---------------------------------------------------------------------------
    @property
    def day(self) -> date:
        """The day the list is shown for: today unless another was chosen."""
        return self._day or self.today

    def show_day(self, day: date | None) -> None:
        """Show the list for ``day`` (None: today, following the computer's date)."""
        self._day = None if day is None or day == self.today else day
        self.reload()

    def _day_chosen(self) -> None:
        if shown_date(self.day_edit) != self.day:
            self.show_day(shown_date(self.day_edit))

    # -- loading ---------------------------------------------------------------------------
    def reload_helpers(self) -> None:
        self.fill_helpers(self.helper_filter,
                          [(self.tr("All helpers"), None), (self.tr("Nobody assigned"), UNASSIGNED)],
                          [(f"{h.full_name}（{i18n.label(cv.HELPER_KIND, h.kind)}）", h.id)
                           for h in self.care.helpers()])

    def reload(self, keep: str | None = None) -> None:
        keep = keep or (self.current().subject.id if self.current() else None)
        helper = self.helper_filter.currentData()
        day = self.day
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(day.year, day.month, day.day))
        self.day_edit.blockSignals(False)
        self.back_to_today.setEnabled(day != self.today)
        items = self.care.care_list(
            day, helper_id=helper if helper != UNASSIGNED else None, unassigned=helper == UNASSIGNED,
            category=self.category_filter.currentData(), compound_id=self.place_filter.compound_id(),
            building_id=self.place_filter.building_id(), due=self.due_filter.currentData(),
            search=self.search.text())
        another_day = day != self.today
        due_word = i18n.label(cv.STATE_WORDS, "due_that_day") if another_day else ""
        self.model.set_items(items, day, another_day)
        counts = self.care.counts(day)
        parts = [self.tr("Care list on %1").replace("%1", day.isoformat())]
        parts += [f"<span style='color:{STATE_COLOURS[s]};font-weight:bold'>"
                  f"{escape(s == 'due' and due_word or i18n.label(cv.DUE_STATE, s))} {counts[s]}</span>"
                  for s in cv.DUE_STATE]
        parts.append(self.tr("%1 shown").replace("%1", str(len(items))))
        self.title.setText(" &nbsp;·&nbsp; ".join(parts))
        self.table_hint.set_text(self._empty_hint(sum(counts.values()), not items))
        row = next((i for i, item in enumerate(items) if item.subject.id == keep), 0 if items else -1)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self._current_changed()

    def _empty_hint(self, on_list: int, empty: bool = True) -> str:
        """Why the list shows nobody: nobody on it yet, nobody due today, or the filters."""
        if not on_list and not sum(self.app.register.status_counts().values()):
            # The first day: Add to care list would find nobody, and a care ledger's every row is
            # refused (这个人不在户籍台账里): people come from the register, so it comes first.
            return self.tr("Nobody is on the care list yet, and nobody is in the register: import the household "
                           "register ledger first on the Excel page (or add households on the Register page), "
                           "then import the care ledger or press Add to care list.")
        if not on_list:
            return self.tr("Nobody is on the care list yet. Press Add to care list to choose people from the register.")
        others = (self.helper_filter.currentData(), self.category_filter.currentData(),
                  self.place_filter.compound_id(), self.search.text().strip())
        if self.due_filter.currentData() == "due" and not any(others) and self.day != self.today:
            return self.tr("Nobody is due for a visit on %1 (%2 on the care list). Choose Everyone on the list "
                           "above to see them all.").replace("%1", self.day.isoformat()).replace("%2", str(on_list))
        if self.due_filter.currentData() == "due" and not any(others):
            return self.tr("Nobody is due for a visit today (%1 on the care list). Choose Everyone on the list "
                           "above to see them all.").replace("%1", str(on_list))
        search = self.search.text().strip()
        if empty and search and self.due_filter.currentData() != "all":
            # A name typed for someone who rang in: they are on the list, only not due. "None of
            # the 399 fits the filters" read as if they were not on it at all.
            found = len(self.care.care_list(self.day, due="all", search=search, details=False))
            if found:
                return self.tr("%1 on the care list found by “%2”, but not among “%3”. Choose Everyone on the "
                               "list above to see them.").replace("%1", str(found)).replace(
                    "%2", search).replace("%3", self.due_filter.currentText())
        return self.tr("None of the %1 people on the care list fits the filters above. Choose Everyone on the "
                       "list, or clear the other filters, to see them.").replace("%1", str(on_list))

    def show_due(self, due: str) -> None:
        """The list narrowed to a due state ("due", "overdue", "neglected"): the Today page's links."""
        for combo in (self.helper_filter, self.category_filter):
            combo.setCurrentIndex(0)
        self.search.clear()
        self._day = None                 # the Today page's numbers are today's
        self.due_filter.setCurrentIndex(max(self.due_filter.findData(due), 0))
        self.reload()

    def current(self) -> CareListItem | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _current_changed(self) -> None:
        item = self.current()
        for key in ("record_visit", "edit_subject", "remove_subject"):
            self.buttons[key].setEnabled(item is not None)
        # A visit recorded here, not the old ledger's last visit (nothing to correct: the button did nothing).
        self.buttons["correct_visit"].setEnabled(item is not None and bool(self.care.visits(item.subject.id, limit=1)))
        self.card.setHtml(self._card(item) if item else "")

    def _card(self, item: CareListItem) -> str:
        s, d, e = item.subject, item.due, escape
        # lupdate cannot read tr() inside f-strings: the words are taken out first.
        words = {"categories": self.tr("Categories"), "needs": self.tr("Needs"), "visit": self.tr("Visit"),
                 "helper": self.tr("Helper"), "nobody": self.tr("(nobody)"), "green": self.tr("Green channel"),
                 "contacts": self.tr("Emergency contacts"), "visits": self.tr("Visits"),
                 "none": self.tr("none yet"), "raised": self.tr("needs")}
        w = {k: e(v) for k, v in words.items()}
        call = self.care.phone_to_call(s)          # the phone the visit sheet prints, and whose it is
        lines = [f"<b style='font-size:13pt'>{e(s.full_name)}</b> &nbsp; {e(s.address)} &nbsp; {e(call.text())}"
                 f" &nbsp; <span style='color:{STATE_COLOURS[d.state]};font-weight:bold'>"
                 f"{e(self.model.state_text(item))}</span>",
                 f"{w['categories']}: {e(labels(cv.CATEGORY, s.categories))} &nbsp; "
                 f"{w['needs']}: {e(labels(cv.NEED, s.needs) or '-')} &nbsp; "
                 f"{w['visit']}: {e(i18n.label(cv.FREQUENCY, s.frequency))} &nbsp; "
                 f"{w['helper']}: {e(s.helper_name) or w['nobody']} {e(s.helper_phone)}"]
        channel = self.care.green_channel(s.id)
        if not channel.is_empty():
            lines.append(f"<b>{w['green']}</b>: {e(channel.treatment)} {e(channel.hospital)} "
                         f"{e(channel.schedule)} {e(channel.transport)}")
        contacts = self.care.contacts(s.id)
        if contacts:
            lines.append(f"<b>{w['contacts']}</b>: " + "; ".join(
                f"{e(c.full_name)} {e(c.relation)} {e(c.phone)}" for c in contacts))
        if s.note:
            lines.append(e(s.note))
        visits = self.care.visits(s.id, limit=8)
        lines.append(f"<b>{w['visits']}</b>" + ("" if visits else f": {w['none']}"))
        for v in visits:
            needs = labels(cv.NEED, v.needs_raised)
            lines.append(f"{e(v.visited_on)} {e(v.helper_name)} ({e(i18n.label(cv.VISIT_MODE, v.mode))}): "
                         f"{e(v.found)}" + (f" — {w['raised']}: {e(needs)}" if needs else "")
                         + (f" — {e(v.done)}" if v.done else ""))
        return "<br>".join(lines)

    def _data_changed(self, areas) -> None:
        if areas & self.AREAS:
            if "register" in areas:
                self.place_filter.reload()
            self.reload_helpers()
            self.reload(getattr(self, "_keep", None))
            self._keep = None

    def _changed(self, keep: str | None = None) -> None:
        self._keep = keep
        self.events.notify("care")

    # -- actions ---------------------------------------------------------------------------
    def record_visit(self) -> None:
        item = self.current()
        if item is None:
            return
        # The next person on the list comes up after the save, as on the helper's paper round:
        # the one visited stayed chosen when the list shows everyone (or the visit was an old one).
        after = self.model.item(self.table.selectionModel().currentIndex().row() + 1)
        dialog = VisitDialog(self.care, item.subject, self.today, self)
        if dialog.exec():
            self._changed(after.subject.id if after else item.subject.id)

    def correct_visit(self) -> None:
        item = self.current()
        visits = self.care.visits(item.subject.id, limit=1) if item else []
        if not visits:
            return
        dialog = VisitDialog(self.care, item.subject, self.today, self, correcting=visits[0])
        if dialog.exec():
            self._changed(item.subject.id)

    def add_subject(self) -> None:
        dialog = CareSubjectDialog(self.care, self.today, parent=self)
        if dialog.exec():
            self._changed(dialog.saved.id)
            self._reveal(dialog.saved.id)

    def _reveal(self, subject_id: str) -> None:
        """Choose the person just put on the list. Not due today (last visited two days ago),
        or of another helper than the one chosen, they were saved but not shown, and the list
        chose its first row: the clerk looked for them in vain. The list then shows everyone."""
        current = self.current()
        if current is not None and current.subject.id == subject_id:
            return
        self.place_filter.compound.setCurrentIndex(0)
        self.show_due("all")
        self.reload(subject_id)

    def edit_subject(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = CareSubjectDialog(self.care, self.today, self.care.subject(item.subject.id), self)
        if dialog.exec():
            self._changed(item.subject.id)

    def remove_subject(self) -> None:
        item = self.current()
        if item is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove from list"), self.tr(
            "Take %1 off the care list? Their visits stay in the history.").replace("%1", item.subject.full_name))
        if answer == QMessageBox.Yes:
            self.care.remove_subject(item.subject.id)
            self._changed()

    def _helper_changed(self) -> None:
        helper = self.helper_filter.currentData()
        self.buttons["edit_helper"].setEnabled(bool(helper) and helper != UNASSIGNED)

    def edit_helper(self) -> None:
        """Change the helper chosen in the helper filter (a new phone, another kind)."""
        helper = self.helper_filter.currentData()
        if not helper or helper == UNASSIGNED:
            return
        dialog = HelperDialog(self.care, self, helper=self.care.helper(helper))
        if dialog.exec():
            self._changed()

    def add_helper(self) -> None:
        dialog = HelperDialog(self.care, self)
        if dialog.exec():
            self._changed()
