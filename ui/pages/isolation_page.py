"""The isolation page (居家隔离随访): everyone isolated today, a fever first, then who has not
been checked; the person's card with every check; quick entry of a check; start and release.

"Today" is the page's ``today`` (tests set it). Health details are shown here only: the gate
role never opens this page (a later issue adds the role check)."""
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTextBrowser,
                               QVBoxLayout)

from desktop import vocab
from desktop.app import App
from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.care.records import FollowUpListItem
from ui import i18n
from ui.dialogs.followup_dialog import FollowUpDialog
from ui.dialogs.isolation_dialog import ChangePlanDialog, ReleaseDialog, StartIsolationDialog
from ui.events import DataEvents
from ui.pages.dated_list_page import DatedListPage
from ui.models.care_models import FollowUpListModel, labels
from ui.widgets.button_bar import button_bar
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.list_table import ColumnFitter, list_table, open_row_with
from ui.widgets.place_filter import PlaceFilter


class IsolationPage(DatedListPage):
    AREAS = {"isolation", "care", "register"}

    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.iso = IsolationBook(app.db, app.register)
        self.care = CareBook(app.db, app.register)

        self.title = QLabel(self)
        self.title.setObjectName("isolation_title")
        self.title.setTextFormat(Qt.RichText)
        self.title.setStyleSheet("font-size: 12pt; padding: 2px;")
        self.title.setWordWrap(True)     # as the care list's: in English one line was 1007 pixels
        self.place_filter = PlaceFilter(app.register, self)
        self.helper_filter = QComboBox(self)
        self.helper_filter.setObjectName("filter_helper")
        self.unchecked_only = QCheckBox(self.tr("Only those not yet checked"), self)
        self.unchecked_only.setObjectName("unchecked_only")
        self.search = QLineEdit(self)
        self.search.setObjectName("isolation_search")
        self.search.setPlaceholderText(self.tr("Name or pinyin initials"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.place_filter.changed.connect(lambda *_: self._filters_changed())
        self.helper_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.unchecked_only.toggled.connect(lambda _c: self._filters_changed())
        filters = QHBoxLayout()
        for w in (self.place_filter, self.helper_filter, self.unchecked_only, self.search):
            filters.addWidget(w)
        filters.addStretch(1)

        # People marked isolated on the register page without an episode: nobody checks them.
        self.untracked_label = QLabel(self)
        self.untracked_label.setObjectName("untracked")
        self.untracked_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.untracked_button = QPushButton(self.tr("Start follow-up for them"), self)
        self.untracked_button.setObjectName("start_untracked")
        self.untracked_button.clicked.connect(self.start_untracked)
        warning = QHBoxLayout()
        warning.addWidget(self.untracked_label)
        warning.addWidget(self.untracked_button)
        warning.addStretch(1)

        # Each with its Alt key, as on the care page (Enter on the list records a check); none
        # of F, V, H: the menus' (文件, 视图, 帮助).
        bar, self.buttons = button_bar(self, (
            ("record_check", self.tr("&Record check"), self.record_check),
            ("correct_check", self.tr("&Correct last check"), self.correct_check),
            ("start", self.tr("Start &isolation"), self.start),
            ("change_plan", self.tr("Change &planned end"), self.change_plan),
            ("release", self.tr("Re&lease"), self.release)), main="record_check")

        self.model = FollowUpListModel(self)
        self.table = list_table(self, self.model, "isolation_table")
        # Ctrl+5/6 (and any focus given the page) lands on the list, where Enter records a visit
        # or a check: the round from paper starts at once (it landed on the date field).
        self.setFocusProxy(self.table)
        self.table_hint = EmptyHint(self.table)       # an empty list says why and what to press
        self.columns = ColumnFitter(self.table, (110, 70, 220, 90, 50, 90, 90, 80, 90), stretch=2, stretch_min=180)
        open_row_with(self.table, self.record_check)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())

        self.card = QTextBrowser(self)
        self.card.setObjectName("isolation_card")
        splitter = self.table_over_card(self.table, self.card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addLayout(warning)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        events.changed.connect(self._data_changed)
        self.reload_helpers()
        self.reload()

    def _filters_changed(self) -> None:
        self.ending_on = None
        self.reload()

    def reload_helpers(self) -> None:
        self.fill_helpers(self.helper_filter, [(self.tr("All helpers"), None)],
                          [(h.full_name, h.id) for h in self.care.helpers()])

    def reload(self, keep: str | None = None) -> None:
        keep = keep or (self.current().episode.id if self.current() else None)
        filters = {"compound_id": self.place_filter.compound_id(), "building_id": self.place_filter.building_id(),
                   "helper_id": self.helper_filter.currentData(), "search": self.search.text()}
        everyone = self.iso.today_list(self.today)
        narrowed = any(filters.values()) or self.unchecked_only.isChecked()
        items = self.iso.today_list(self.today, unchecked_only=self.unchecked_only.isChecked(), **filters) \
            if narrowed else everyone
        ending = getattr(self, "ending_on", None)
        if ending:
            items = [i for i in items if i.episode.planned_end_on == ending.isoformat()]
        self.model.set_items(items, self.today)
        counts = self.iso.counts(self.today, everyone)
        fever = f"<span style='color:#b71c1c;font-weight:bold'>{escape(self.tr('Fever: %1'))}</span>" \
            if counts["fever"] else escape(self.tr("Fever: %1"))
        parts = [escape(self.tr("Isolation follow-up on %1").replace("%1", self.today.isoformat())),
                 escape(self.tr("Under isolation: %1")).replace("%1", str(counts["open"])),
                 escape(self.tr("Morning not checked: %1")).replace("%1", str(counts["morning_unchecked"])),
                 escape(self.tr("Evening not checked: %1")).replace("%1", str(counts["evening_unchecked"])),
                 fever.replace("%1", str(counts["fever"])),
                 escape(self.tr("Release due: %1")).replace("%1", str(counts["release_due"]))]
        self.title.setText(" &nbsp;·&nbsp; ".join(parts))
        self.table_hint.set_text(self._empty_hint(len(everyone), any(filters.values()) or bool(ending)))
        untracked = self.iso.untracked()
        self.untracked_label.setText(
            self.tr("%1 marked isolated in the register have no follow-up: %2")
            .replace("%1", str(len(untracked))).replace("%2", "、".join(p.full_name for p in untracked[:8])
                                                          + (" …" if len(untracked) > 8 else "")))
        self.untracked_label.setVisible(bool(untracked))
        self.untracked_button.setVisible(bool(untracked))
        row = next((i for i, item in enumerate(items) if item.episode.id == keep), 0 if items else -1)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self._current_changed()

    def _empty_hint(self, isolated: int, filtered: bool) -> str:
        """Why the list shows nobody: nobody isolated, everyone checked already, or the filters."""
        if not isolated:
            return self.tr("Nobody is isolated now. Press Start isolation to choose a person from the register.")
        if self.unchecked_only.isChecked() and not filtered:
            return self.tr("All %1 people isolated today have been checked.").replace("%1", str(isolated))
        return self.tr("None of the %1 people isolated today fits the filters above. Clear them to see everyone.")\
            .replace("%1", str(isolated))

    def show_filtered(self, *, unchecked_only: bool = False, ending_on=None) -> None:
        """The Today page's links: those not yet checked today, or those whose planned end is
        ``ending_on`` (a date; shown until another link or a change of the filters clears it)."""
        self.ending_on = ending_on
        for widget, reset in ((self.helper_filter, lambda: self.helper_filter.setCurrentIndex(0)),
                              (self.search, self.search.clear)):
            widget.blockSignals(True)
            reset()
            widget.blockSignals(False)
        self.unchecked_only.blockSignals(True)
        self.unchecked_only.setChecked(unchecked_only)
        self.unchecked_only.blockSignals(False)
        self.reload()
        if ending_on:
            self.title.setText(self.title.text() + " &nbsp;·&nbsp; " + escape(
                self.tr("Planned end on %1 only").replace("%1", ending_on.isoformat())))

    def current(self) -> FollowUpListItem | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _current_changed(self) -> None:
        item = self.current()
        self.buttons["record_check"].setEnabled(item is not None and bool(item.unchecked_slots))
        self.buttons["release"].setEnabled(item is not None)
        self.buttons["change_plan"].setEnabled(item is not None)
        self.buttons["correct_check"].setEnabled(item is not None and (item.morning or item.evening) is not None)
        self.card.setHtml(self._card(item) if item else "")

    def _card(self, item: FollowUpListItem) -> str:
        ep, e = item.episode, escape
        # lupdate cannot read tr() inside f-strings: the words are taken out first.
        reason, period = self.tr("Reason"), self.tr("From %1 to %2")
        groceries, nobody, fever_on = self.tr("Groceries by"), self.tr("(nobody)"), self.tr("Fever on: %1")
        history_label, earlier_label = self.tr("Status history"), self.tr("Earlier isolation: %1 to %2")
        headers = (self.tr("Date"), self.tr("Check"), self.tr("°C"), self.tr("Symptoms"), self.tr("Needs"),
                   self.tr("Note"), self.tr("Checked by"))
        call = self.iso.phone_to_call(ep)          # own, else the household's or the care contact's, said whose
        lines = [f"<b style='font-size:13pt'>{e(ep.full_name)}</b> &nbsp; {e(ep.address)} &nbsp; {e(call.text())}"
                 f" &nbsp; <span style='color:{vocab.status_colour(ep.kind)};font-weight:bold'>"
                 f"{e(i18n.label(cv.ISOLATION_KIND, ep.kind))}</span>",
                 f"{e(reason)}: {e(ep.reason)} &nbsp; "
                 + e(period.replace("%1", ep.start_on).replace("%2", ep.planned_end_on))
                 + f" &nbsp; {e(groceries)}: {e(ep.helper_name or nobody)}"]
        if item.fever_days:
            lines.append(f"<span style='color:#b71c1c;font-weight:bold'>"
                         f"{e(fever_on.replace('%1', ', '.join(item.fever_days)))}</span>")
        checks = self.iso.followups(ep.id)
        rows = "".join(
            f"<tr><td>{e(f.day)}</td><td>{e(i18n.label(cv.SLOT, f.slot))}</td>"
            f"<td style='color:{'#b71c1c' if f.has_fever else '#000'}'>"
            f"{e(f'{f.temperature:.1f}' if f.temperature is not None else '—')}</td>"
            f"<td>{e(labels(cv.SYMPTOM, f.symptoms))}</td><td>{e(labels(cv.NEED, f.needs))}"
            f"{e(' → ' + f.helper_name if f.needs and f.helper_name else '')}</td>"
            f"<td>{e(f.note)}</td><td>{e(f.checked_by)}</td></tr>" for f in reversed(checks[-14:]))
        head = "".join(f"<th align='left'>{e(h)}</th>" for h in headers)
        history = [f"<b>{e(history_label)}</b>"] + [
            f"{e(h.changed_at.replace('T', ' '))} {e(i18n.label(vocab.STATUS, h.old_status))} → "
            f"{e(i18n.label(vocab.STATUS, h.new_status))}: {e(h.reason)} ({e(h.changed_by)})"
            for h in reversed(self.app.register.status_history(ep.person_id)[-6:])]
        earlier = [x for x in self.iso.episodes_of(ep.person_id) if x.id != ep.id]
        history += [e(earlier_label.replace("%1", x.start_on).replace("%2", x.released_on or x.planned_end_on))
                    for x in earlier]
        return ("<br>".join(lines) + f"<table cellspacing='6'><tr>{head}</tr>{rows}</table>"
                + "<br>".join(history))

    def _data_changed(self, areas) -> None:
        if areas & self.AREAS:
            if "register" in areas:
                self.place_filter.reload()
            self.reload_helpers()
            self.reload(getattr(self, "_keep", None))
            self._keep = None

    def _changed(self, keep: str | None = None) -> None:
        self._keep = keep
        # The person's four-colour status changes with a start or a release: the register too.
        self.events.notify("isolation", "register")

    def record_check(self) -> None:
        """A check for the selected person; once saved the cursor is on the next person of the
        list, as on the paper sheet being typed in (Enter, reading, Enter, Enter …). It stayed
        with the person checked, who moves down among those done, and Down then led nowhere."""
        item = self.current()
        if item is None or not item.unchecked_slots:
            return
        row = self.table.selectionModel().currentIndex().row()
        following = self.model.item(row + 1) if row + 1 < self.model.rowCount() else None
        dialog = FollowUpDialog(self.iso, self.care, item, self.today, self)
        if dialog.exec():
            self._changed(following.episode.id if following else item.episode.id)

    def correct_check(self) -> None:
        """Today's latest check of the selected person, typed wrong: replaced or voided."""
        item = self.current()
        latest = item and (item.evening or item.morning)
        if not latest:
            return
        dialog = FollowUpDialog(self.iso, self.care, item, self.today, self, correcting=latest)
        if dialog.exec():
            self._changed(item.episode.id)

    def start(self) -> None:
        dialog = StartIsolationDialog(self.iso, self.care, self.today, self)
        if dialog.exec():
            self._changed(dialog.saved.id)

    def start_untracked(self) -> None:
        people = self.iso.untracked()
        if not people:
            return
        answer = QMessageBox.question(self, self.tr("Start follow-up"), self.tr(
            "Start daily follow-up for %1 people from the day their status was set (at most 14 days ago)?")
            .replace("%1", str(len(people))))
        if answer == QMessageBox.Yes:
            self.iso.start_untracked(self.today)
            self._changed()

    def change_plan(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = ChangePlanDialog(self.iso, item.episode, self.today, self)
        if dialog.exec():
            self._changed(item.episode.id)

    def release(self) -> None:
        item = self.current()
        if item is None:
            return
        answer = QMessageBox.question(self, self.tr("Release"), self.tr(
            "Release %1 from %2? Their status goes back to healthy.")
            .replace("%1", item.episode.full_name).replace("%2", i18n.label(cv.ISOLATION_KIND, item.episode.kind)))
        if answer != QMessageBox.Yes:
            return
        dialog = ReleaseDialog(self.iso, item.episode, self.today, self)
        if dialog.exec():
            self._changed()
