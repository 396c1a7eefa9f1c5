"""Start an isolation episode for a person (sets their status), or release one (sets it back)."""
from datetime import date
from html import escape

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
                               QWidget)

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.due import period_end, period_length
from desktop.care.isolation import DEFAULT_DAYS, MAX_DAYS, IsolationBook
from desktop.care.records import IsolationEpisode
from ui import i18n
from ui.dialogs.visit_dialog import helper_combo
from ui.widgets.dates import date_edit, date_of, shown_date
from ui.widgets.form_dialog import FormDialog
from ui.widgets.person_picker import PersonPicker


def _episode_label(episode: IsolationEpisode, from_to: str) -> QLabel:
    """Who and since when, above a change to their episode; ``from_to`` is the translated
    "From %1, planned end %2" (each dialog's own tr, so lupdate finds it)."""
    return QLabel(f"<b>{escape(episode.full_name)}</b> &nbsp; {escape(episode.address)}<br>"
                  + escape(from_to.replace("%1", episode.start_on).replace("%2", episode.planned_end_on)))


class StartIsolationDialog(FormDialog):
    def __init__(self, iso: IsolationBook, care: CareBook, today: date, parent=None):
        super().__init__(parent, min_width=520)
        self.iso, self.today = iso, today
        self.setWindowTitle(self.tr("Start isolation"))
        form = self.form
        self.picker = form.add("person", self.tr("&Person *"), PersonPicker(iso.db))
        # The others of the chosen person's household, to isolate with them in the same save (a
        # close contact's family): one box each, ticked by the clerk, never by default.
        self.together_box = form.add("together", self.tr("Same &household"), QWidget())
        self.together_row = QHBoxLayout(self.together_box)
        self.together_row.setContentsMargins(0, 0, 0, 0)
        self.together_row.addStretch(1)
        self.together: list[tuple[QCheckBox, str]] = []
        self.picker.picked.connect(self._show_housemates)
        self.form.set_row_visible("together", False)
        self.kind = form.add("kind", self.tr("&Kind"), QComboBox())
        for code in cv.ISOLATION_KIND:
            self.kind.addItem(i18n.label(cv.ISOLATION_KIND, code), code)
        self.reason = form.add("reason", self.tr("&Reason *"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. close contact, notified by disease control"))
        self.start_on = form.add("start_on", self.tr("&First day"), date_edit(today, maximum=today))
        self.days = form.add("planned_days", self.tr("&Days"), QSpinBox())
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" days"))
        # The last day, worked out as it will be saved (the first day is day 1), so that the
        # clerk sees 12-20 before saving rather than counting on the calendar.
        self.last_day = form.add("last_day", self.tr("Last day"), QLabel())
        self.start_on.dateChanged.connect(lambda _d: self._show_last_day())
        self.days.valueChanged.connect(lambda _v: self._show_last_day())
        self._show_last_day()
        self.helper = form.add("helper_id", self.tr("&Groceries and errands by"),
                               helper_combo(care, None, self, empty=self.tr("(nobody yet)")))
        self.lay_out(QLabel(self.tr("The person's status changes with this reason, and goes back to "
                                    "healthy on release."), self))

    def _show_last_day(self) -> None:
        last = period_end(shown_date(self.start_on), self.days.value())
        self.last_day.setText(self.tr("%1 (day %2; release is due that day)")
                              .replace("%1", last.isoformat()).replace("%2", str(self.days.value())))

    def _show_housemates(self, person) -> None:
        for box, _pid in self.together:
            box.hide()                      # gone now: Alt+H is aimed at the new first box below
            box.deleteLater()
        self.together = []
        housemates = self.iso.housemates(person.id) if person is not None else []
        for other, episode in housemates:
            box = QCheckBox(other.full_name, self.together_box)
            box.setObjectName(f"together_{other.full_name}")
            if episode is not None:
                box.setText(self.tr("%1 (already %2)").replace("%1", other.full_name)
                            .replace("%2", i18n.label(cv.ISOLATION_KIND, episode.kind)))
                box.setEnabled(False)
            self.together_row.insertWidget(len(self.together), box)
            self.together.append((box, other.id))
        # Tab goes from the list of people to these boxes, then on to the kind (they were made
        # last and would otherwise come after Save).
        previous = self.picker.results
        for box, _pid in self.together:
            QWidget.setTabOrder(previous, box)
            previous = box
        QWidget.setTabOrder(previous, self.kind)
        self.form.set_row_visible("together", bool(housemates))
        self.form.aim_caption("together")           # Alt+H: the first of these boxes

    def chosen_people(self) -> list[str]:
        """The person, then the housemates ticked to go with them."""
        person = self.picker.person()
        return [person.id] + [pid for box, pid in self.together if box.isChecked() and box.isEnabled()]

    def save(self) -> None:
        person = self.picker.person()
        if person is None:
            self.form.set_errors({"person": self.tr("Find and choose the person first.")})
            return

        def start():
            episodes = self.iso.start_together(self.chosen_people(), self.kind.currentData(), self.reason.text(),
                                               date_of(self.start_on), self.today, self.days.value(),
                                               self.helper.currentData())
            self.all_saved = episodes
            return episodes[0]
        self.attempt(start)


class ReleaseDialog(FormDialog):
    """The release itself; the page asks "are you sure" before it opens."""

    def __init__(self, iso: IsolationBook, episode: IsolationEpisode, today: date, parent=None):
        super().__init__(parent, min_width=460)
        self.iso, self.episode, self.today = iso, episode, today
        self.setWindowTitle(self.tr("Release"))
        form = self.form
        form.add("person", self.tr("Person"), _episode_label(episode, self.tr("From %1, planned end %2")))
        self.released_on = form.add("released_on", self.tr("Released &on"), date_edit(today, maximum=today))
        self.note = form.add("release_note", self.tr("&Note"), QLineEdit())
        self.note.setPlaceholderText(self.tr("Required before the planned end: why (e.g. negative test)"))
        self.buttons.button(QDialogButtonBox.Save).setText(self.tr("&Release"))
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: self.iso.release(self.episode.id, date_of(self.released_on), self.today,
                                              self.note.text()))


class ChangePlanDialog(FormDialog):
    """Move the planned end of an open episode (a new exposure, a test result)."""

    def __init__(self, iso: IsolationBook, episode: IsolationEpisode, today: date, parent=None):
        super().__init__(parent, min_width=420)
        self.iso, self.episode, self.today = iso, episode, today
        self.setWindowTitle(self.tr("Change planned end"))
        form = self.form
        form.add("person", self.tr("Person"), _episode_label(episode, self.tr("From %1, planned end %2")))
        self.planned_end_on = form.add("planned_end_on", self.tr("New planned &end"),
                                       date_edit(date.fromisoformat(episode.planned_end_on)))
        # How long the isolation becomes, counted as the notice counts it (共17天), so that an
        # extension by three days is seen to be three days before it is saved.
        self.length = form.add("length", self.tr("Whole isolation"), QLabel())
        self.planned_end_on.dateChanged.connect(lambda _d: self._show_length())
        self._show_length()
        self.lay_out()

    def _show_length(self) -> None:
        days = period_length(self.episode.start_on, shown_date(self.planned_end_on))
        self.length.setText(self.tr("%1 days (was %2)").replace("%1", str(days)).replace(
            "%2", str(period_length(self.episode.start_on, self.episode.planned_end_on))))

    def save(self) -> None:
        self.attempt(lambda: self.iso.change_plan(self.episode.id, date_of(self.planned_end_on), self.today))
