"""The people on duty (值守人员) and the week's roster: who they are and where they come from,
the shifts at the gates and on care rounds, who is on duty now, hours served per person and
per sending unit; the roster printed for the noticeboard and the hours exported. Shifts of one
person at the same time (rostered on two machines, come together by sync) are marked in red and
named above the roster, with the way to change or remove one; so is one person registered twice
(on two machines, come together by sync), with the way to merge the two entries."""
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout,
                               QWidget)

from desktop import place_words
from desktop.app import App
from desktop.duty.duplicates import duplicate_people
from desktop.duty.people import DutyBook
from desktop.duty.records import KIND
from desktop.duty.roster import Roster
from desktop.errors import NotFoundError
from ui import i18n
from ui.duty_words import days_text, next_day, overlap_text, post_text, twin_text
from ui.events import DataEvents
from ui.failures import show_failure
from ui.models.rows_model import RowsModel
from ui.widgets.button_bar import button_bar
from ui.widgets.dates import date_edit, shown_date
from ui.widgets.empty_hint import EmptyHint
from ui.widgets.full_output import follow_role, full_output_reason, mask_box, set_for_form
from ui.widgets.list_table import ColumnFitter, list_table
from ui.widgets.save_as import ask_save_path
from ui.widgets.unbroken import unbroken


def day_text(day) -> str:
    """A shift's day as the roster lists it, in the window's language: 12-06 周日, 12-06 Sun."""
    return f"{day:%m-%d} {QLocale().dayName(day.isoweekday(), QLocale.ShortFormat)}"


OVERLAP_COLOUR = "#c62828"


class DutyPage(QWidget):
    AREAS = {"duty"}

    def __init__(self, app: App, events: DataEvents, parent=None):
        super().__init__(parent)
        self.app, self.events = app, events
        self.duty, self.roster = DutyBook(app.db), Roster(app.db)
        self._now: datetime | None = None
        today = date.today()
        self.week = date_edit(today - timedelta(days=today.weekday()), self)
        self.week.setObjectName("week")
        self.week.dateChanged.connect(lambda _d: self.reload())
        bar, self.buttons = button_bar(self, (
            ("add_person", self.tr("Add person..."), self.add_person),
            ("edit_person", self.tr("Edit person..."), self.edit_person),
            ("remove_person", self.tr("Remove person..."), self.remove_person),
            ("add_shift", self.tr("Add shift..."), self.add_shift),
            ("absent", self.tr("Did not come"), self.mark_absent),
            ("remove_shift", self.tr("Remove shift"), self.remove_shift),
            ("print_roster", self.tr("Print roster..."), self.print_roster),
            ("export_hours", self.tr("Export hours..."), self.export_hours),
        ))
        # The week beside "on duty now", not in the button row: the buttons alone fill 1024 pixels.
        week_row = QHBoxLayout()
        week_row.addWidget(QLabel(self.tr("Week from"), self))
        week_row.addWidget(self.week)
        # The phones of the printed roster and of the exported hours: masked, or whole for an admin
        # who says why (as on the paper page). One box for both outputs; its label says so.
        self.masked = mask_box(self)
        set_for_form(self.masked, "roster", app)
        self.now_label = QLabel(self)
        self.now_label.setObjectName("on_duty_now")
        self.now_label.setWordWrap(True)
        self.now_label.setStyleSheet("font-size: 11pt; padding: 2px;")

        self.people = RowsModel([self.tr("Name"), self.tr("Kind"), self.tr("Unit"), self.tr("Phone"),
                                 self.tr("Skills"), self.tr("Where"), self.tr("Available")], self)
        self.people_table = list_table(self, self.people, "duty_people")
        # Who, what kind, from where and the phone to call stay whole (at 1024×768 the phone was
        # cut to 1397117449); skills, place and hours give way first, read whole on hover.
        # The kind whole in the window's language (in English it was sized for 下沉干部: "Grid …").
        self.people_columns = ColumnFitter(self.people_table, (70, 70, 100, 100, 100, 110, 150), stretch=2,
                                           stretch_min=80, whole={0: "欧阳明月", 3: "13912345678",
                                                                  1: tuple(i18n.label(KIND, k) for k in KIND)})
        self.shifts = RowsModel([self.tr("Day"), self.tr("Time"), self.tr("Post"), self.tr("Name"), self.tr("Unit"),
                                 self.tr("Note")], self)
        self.shift_table = list_table(self, self.shifts, "duty_shifts")
        # The day, the hours, the post and who: the unit and the note give way first.
        self.shift_columns = ColumnFitter(self.shift_table, (90, 120, 190, 70, 100, 100), stretch=2, stretch_min=120,
                                          whole={0: tuple(day_text(date(2020, 12, d)) for d in range(7, 14)),
                                                 1: self._time_text_sample(), 3: "欧阳明月"})
        self.shift_table.doubleClicked.connect(lambda _i: self.change_shift())
        # Empty lists say what to press (on the first day nobody is on duty and nothing is rostered).
        self.people_hint = EmptyHint(self.people_table,
                                     self.tr("Nobody on duty is registered yet. Press Add person... to add them."))
        self.shifts_hint = EmptyHint(self.shift_table)
        self.hours = RowsModel([self.tr("Name"), self.tr("Kind"), self.tr("Unit"), self.tr("Shifts"),
                                self.tr("Hours")], self)
        self.unit_hours = RowsModel([self.tr("Unit"), self.tr("Shifts"), self.tr("Hours")], self)
        tabs = QTabWidget(self)
        tabs.addTab(self.shift_table, self.tr("Roster of the week"))
        self.hours_table = list_table(self, self.hours, "duty_hours", (80, 80, 120, 60, 60))
        self.unit_hours_table = list_table(self, self.unit_hours, "duty_unit_hours", (160, 60, 60))
        for table in (self.hours_table, self.unit_hours_table):
            table.horizontalHeader().setStretchLastSection(True)    # 时长（小时） whole, not "长（小时"
        self.hours_hint = EmptyHint(self.hours_table)
        self.unit_hours_hint = EmptyHint(self.unit_hours_table)
        tabs.addTab(self.hours_table, self.tr("Hours per person"))
        tabs.addTab(self.unit_hours_table, self.tr("Hours per unit"))
        self.splitter = splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self.people_table)
        splitter.addWidget(tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.tabs = tabs
        self.message = QLabel(self)
        # Overlapping shifts of one person: a dialog refuses them, but two machines each rostering
        # 张三 for the same hours merged by sync without anyone noticing.
        self.overlap_box, self.overlap_label = self._warning_box("overlap_box", "overlaps", (
            ("change_shift", self.tr("Change time..."), self.change_shift),
            ("remove_overlapping_shift", self.tr("Remove shift"), self.remove_shift)))
        # One person registered on two machines: two entries after sync, his hours split in two.
        self.twin_box, self.twin_label = self._warning_box("twin_box", "twins", (
            ("merge_people", self.tr("Merge..."), self.merge_people),))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        week_row.addWidget(self.now_label, 1)
        # The box is not about the lists here: it governs what 打印值班表 and 导出值守时长 write.
        printed = QLabel(self.tr("Printed roster and exported hours:"), self)
        printed.setWordWrap(True)           # in English it made the page 911 pixels wide (1024×768)
        week_row.addWidget(printed)
        week_row.addWidget(self.masked)
        layout.addLayout(week_row)
        layout.addWidget(self.overlap_box)
        layout.addWidget(self.twin_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        events.changed.connect(lambda areas: self.reload() if not areas or areas & self.AREAS else None)
        self.reload()

    def _time_text_sample(self) -> str:
        return "22:00–" + next_day().replace("%1", "08:00")

    def _warning_box(self, name: str, label_name: str, actions) -> tuple[QWidget, QLabel]:
        """A red box above the roster saying what sync brought together, with the buttons that
        mend it (``actions``: object name, text, slot); hidden until there is something to say."""
        box = QWidget(self)
        box.setObjectName(name)
        box.setStyleSheet(f"#{name} {{ background: #fdecea; border: 1px solid #c62828; }}")
        label = QLabel(box)
        label.setObjectName(label_name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {OVERLAP_COLOUR}; font-size: 11pt;")
        row = QHBoxLayout(box)
        row.addWidget(label, 1)
        for object_name, text, slot in actions:
            button = QPushButton(text, box)
            button.setObjectName(object_name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[object_name] = button
        box.hide()
        return box, label

    def showEvent(self, event) -> None:
        follow_role(self.masked, self.app)      # the account may have changed at the idle lock
        super().showEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """The people list beside the roster when both fit whole, above it when not: at
        1024×768 side by side, the people's 特长, 小区 and 可值守时间 were scrolled out of sight
        (and the roster's 备注). Beside it, the list is never narrower than all its columns whole
        (left to the size hints it had 333 pixels and cut the phone to 1397117449)."""
        people, roster = self.people_columns.narrowest(), self.shift_columns.narrowest()
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        beside = room >= people + self.splitter.handleWidth() + roster
        self.people_table.setMinimumWidth(people if beside else 0)
        wanted = Qt.Horizontal if beside else Qt.Vertical
        if self.splitter.orientation() == wanted:
            return
        self.splitter.setOrientation(wanted)
        if not beside:                          # most of the height for the week's roster
            height = self.splitter.height()
            self.splitter.setSizes([height * 2 // 5, height - height * 2 // 5])

    def set_now(self, now: datetime | None) -> None:
        """Fix the clock (tests); None: the computer's time."""
        self._now = now
        if now:
            self.week.setDate(self.week.date().fromString((now.date() - timedelta(days=now.weekday())).isoformat(),
                                                          "yyyy-MM-dd"))
        self.reload()

    def reload(self) -> None:
        # Where a village's people serve: a group or a checkpoint (it said 小区/卡口 to a village).
        village = not place_words.community_words(self.app.db).has_buildings
        self.people.headers[5] = self.tr("Group or checkpoint") if village else self.tr("Where")
        self.people.headerDataChanged.emit(Qt.Horizontal, 5, 5)
        first = shown_date(self.week)
        people = self.duty.people()
        self.people.set_rows([(p.full_name, i18n.label(KIND, p.kind), p.unit_name, p.phone, p.skills,
                               " ".join(x for x in (p.compound_name, p.checkpoint_name) if x), p.available)
                              for p in people], people)
        shifts = self.roster.week(first)
        overlaps = self.roster.week_overlaps(first)
        clashing = {x.id for o in overlaps for x in (o.first, o.second)}
        self.shifts_hint.set_text(
            self.tr("No shift this week. Press Add shift... to put someone on duty.") if people else
            self.tr("No shift this week. First press Add person..., then Add shift..."))
        self.shifts.set_rows([(day_text(s.starts_at), s.time_text(next_day()),
                               post_text(s), s.full_name, s.unit_name,
                               self._note(s, s.id in clashing)) for s in shifts], shifts,
                             [OVERLAP_COLOUR if s.id in clashing else "#9e9e9e" if s.absent else None
                              for s in shifts])
        self._show_overlaps(overlaps, first)
        self.twins = duplicate_people(self.app.db)
        self.twin_box.setVisible(bool(self.twins))
        self.twin_label.setText("\n".join(
            [twin_text(t) for t in self.twins]
            + [self.tr("Perhaps registered on two computers and brought together by sync: their shifts and hours "
                       "are split in two. Press Merge... to keep one entry.")] if self.twins else []))
        hours_text = self._no_hours_text(bool(people), bool(shifts))
        self.hours_hint.set_text(hours_text)
        self.unit_hours_hint.set_text(hours_text)
        begin_at = datetime.combine(first, time())
        end_at = begin_at + timedelta(days=7)
        self.hours.set_rows([(h.label, i18n.label(KIND, h.kind), h.unit_name, h.shifts, f"{h.hours:g}")
                             for h in self.roster.hours(begin_at, end_at)])
        self.unit_hours.set_rows([(h.label, h.shifts, f"{h.hours:g}")
                                  for h in self.roster.hours(begin_at, end_at, by="unit")])
        now = self._now or datetime.now()
        on_duty = self.roster.on_duty(now)
        # Each entry whole on its line: at 1024 the line broke 「吴海燕 / （08:00–16:00）」.
        # Brackets and separators are the window's language's too: "；" and "（）" in English read odd.
        entry = self.tr("%1 %2 (%3)")
        self.now_label.setText(self.tr("On duty now: %1").replace("%1", self.tr("; ").join(
            unbroken(entry.replace("%1", s.post_name).replace("%2", s.full_name)
                     .replace("%3", s.time_text(next_day()))) for s in on_duty)
            or self.tr("nobody rostered")))
        for key in ("edit_person", "remove_person"):
            self.buttons[key].setEnabled(bool(people))

    def _note(self, shift, overlapping: bool) -> str:
        note = self.tr("did not come") if shift.absent else shift.note
        if overlapping:
            return self.tr("; ").join(x for x in (self.tr("overlaps another shift of the same person"), note) if x)
        return note

    def _show_overlaps(self, overlaps, first: date) -> None:
        """Each overlap of the week in one line and what to press; the days of overlaps still to
        come in other weeks (a package brings next week's roster too)."""
        now = self._now or datetime.now()
        shown = {frozenset((o.first.id, o.second.id)) for o in overlaps}
        days = sorted({o.first.starts_at.date() for o in self.roster.overlaps(now, now + timedelta(days=366))
                       if frozenset((o.first.id, o.second.id)) not in shown
                       and not first <= o.first.starts_at.date() < first + timedelta(days=7)})
        lines = []
        if overlaps:
            lines += ([self.tr("These shifts overlap: one person is rostered at two posts at once "
                               "(perhaps rostered on two computers and brought together by sync).")]
                      + [overlap_text(o) for o in overlaps]
                      + [self.tr("Choose one of them in the roster below, then press Change time... or Remove shift.")])
        if days:
            lines.append(self.tr("Shifts on other days overlap too: %1. Set Week from to those days to see them.")
                         .replace("%1", days_text(days)))
        self.overlap_box.setVisible(bool(lines))
        for key in ("change_shift", "remove_overlapping_shift"):
            self.overlap_box.findChild(QPushButton, key).setVisible(bool(overlaps))
        self.overlap_label.setText("\n".join(lines))

    def _no_hours_text(self, has_people: bool, has_shifts: bool) -> str:
        """Why the hours of the week are empty, and what to press (the same on both hours tabs)."""
        if has_shifts:          # rostered, but every shift was marked missed: missed shifts count nothing
            return self.tr("Every shift this week is marked Did not come, so there are no hours to count. "
                           "If someone did come, choose the shift in Roster of the week and press Did not come again.")
        if has_people:
            return self.tr("No shift this week, so there are no hours to count. "
                           "Press Add shift... to put someone on duty.")
        return self.tr("No shift this week, so there are no hours to count. "
                       "First press Add person..., then Add shift...")

    def _shift(self):
        return self.shifts.item(self.shift_table.currentIndex().row())

    def add_person(self) -> None:
        from ui.dialogs.duty_dialogs import DutyPersonDialog
        if DutyPersonDialog(self.duty, self.app.register, self).exec():
            self.events.notify("duty")

    def edit_person(self) -> None:
        from ui.dialogs.duty_dialogs import DutyPersonDialog
        person = self.people.item(self.people_table.currentIndex().row())
        if person is None:
            QMessageBox.information(self, self.tr("Edit person"), self.tr("Choose a person in the list first."))
            return
        if DutyPersonDialog(self.duty, self.app.register, self, person).exec():
            self.events.notify("duty")

    def remove_person(self) -> None:
        """Someone who no longer serves: off the list, and their shifts still to come off the
        roster after a question that says how many (the hours they served stay)."""
        person = self.people.item(self.people_table.currentIndex().row())
        if person is None:
            QMessageBox.information(self, self.tr("Remove person"), self.tr("Choose a person in the list first."))
            return
        now = self._now or datetime.now()
        upcoming = self.duty.upcoming_shifts(person.id, now)
        question = self.tr("Remove %1 from the people on duty?").replace("%1", person.full_name)
        if upcoming:
            question += "\n" + self.tr("Their %1 shifts still to come are taken off the roster; find someone else "
                                       "for them.").replace("%1", str(upcoming))
        question += "\n" + self.tr("The hours they have served keep counting.")
        if QMessageBox.question(self, self.tr("Remove person"), question) != QMessageBox.Yes:
            return
        try:
            gone = self.duty.remove_person(person.id, now)
        except NotFoundError as e:
            QMessageBox.information(self, self.tr("Remove person"), e.message)
            gone = 0
        self.message.setText(self.tr("%1 removed; %2 shifts taken off the roster.")
                             .replace("%1", person.full_name).replace("%2", str(gone)))
        self.events.notify("duty")

    def merge_people(self) -> None:
        """Join a person registered twice into the entry the clerk keeps."""
        from ui.dialogs.duty_dialogs import MergeDutyPeopleDialog
        if not self.twins:
            return
        dialog = MergeDutyPeopleDialog(self.app.db, self.twins, self)
        if dialog.exec():
            self.message.setText(self.tr("Merged; %1 shifts moved. The other computers take it at the next sync.")
                                 .replace("%1", str(dialog.saved)))
            self.events.notify("duty")

    def add_shift(self) -> None:
        from ui.dialogs.duty_dialogs import ShiftDialog
        if ShiftDialog(self.duty, self.roster, self.app.register, shown_date(self.week), self).exec():
            self.events.notify("duty")

    def change_shift(self) -> None:
        """Another day or other hours for the chosen shift (also a double click on it)."""
        from ui.dialogs.duty_dialogs import ShiftTimeDialog
        shift = self._shift()
        if shift is None:
            QMessageBox.information(self, self.tr("Shift"), self.tr("Choose a shift in the roster first."))
            return
        if ShiftTimeDialog(self.roster, shift, self).exec():
            self.events.notify("duty")

    def mark_absent(self) -> None:
        shift = self._shift()
        if shift is None:
            QMessageBox.information(self, self.tr("Shift"), self.tr("Choose a shift in the roster first."))
            return
        self.roster.set_absent(shift.id, not shift.absent)
        self.events.notify("duty")

    def remove_shift(self) -> None:
        shift = self._shift()
        if shift is None:
            QMessageBox.information(self, self.tr("Shift"), self.tr("Choose a shift in the roster first."))
            return
        if QMessageBox.question(self, self.tr("Remove shift"), self.tr("Remove the shift of %1 on %2 (%3)?")
                                .replace("%1", shift.full_name).replace("%2", f"{shift.starts_at:%m-%d}")
                                .replace("%3", f"{shift.post_name} {shift.time_text(next_day())}")
                                ) != QMessageBox.Yes:
            return
        try:
            self.roster.remove_shift(shift.id)
        except NotFoundError as e:          # taken off on another machine, come in by sync
            QMessageBox.information(self, self.tr("Remove shift"), e.message)
        self.events.notify("duty")

    def print_roster(self) -> None:
        from desktop.printing.catalogue import PrintRequest, print_form
        first = shown_date(self.week)
        path = ask_save_path(self, self.tr("Save the roster"), str(Path.home() / f"值班表-{first}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        masked = self.masked.isChecked()
        reason = "" if masked else full_output_reason(self, self.app)
        if reason is None:
            self.message.setText(self.tr("Cancelled. Nothing was printed."))
            return
        try:
            print_form(self.app.register, PrintRequest("roster", day=first, masked=masked, reason=reason), path)
        except Exception as e:             # a full or pulled stick, a file open in another program
            show_failure(e, self, self.tr("Print roster"), path)
            return
        self.message.setText((self.tr("Saved to %1, phone numbers masked.") if masked else
                              self.tr("Saved to %1, with whole phone numbers.")).replace("%1", path))

    def export_hours(self) -> None:
        """The week's hours for the street office: the phones masked or whole as the box beside
        the week says (the same box, rule and reason question as the printed roster)."""
        from desktop.excel.lists import export_list
        first = shown_date(self.week)
        path = ask_save_path(self, self.tr("Export hours"), str(Path.home() / f"值守时长-{first}.xlsx"),
                                              "Excel (*.xlsx)")
        if not path:
            return
        masked = self.masked.isChecked()
        reason = "" if masked else full_output_reason(self, self.app)
        if reason is None:
            self.message.setText(self.tr("Cancelled. Nothing was exported."))
            return
        try:
            count = export_list(self.app, "duty-hours", path, masked=masked, reason=reason,
                                on=first, until=first + timedelta(days=6))
        except Exception as e:
            show_failure(e, self, self.tr("Export hours"), path)
            return
        self.message.setText((self.tr("%1 rows saved to %2, phone numbers masked.") if masked else
                              self.tr("%1 rows saved to %2, with whole phone numbers."))
                             .replace("%1", str(count)).replace("%2", path))
