"""Start an isolation episode for a person (sets their status), or release one (sets it back)."""
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QSpinBox

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.isolation import DEFAULT_DAYS, MAX_DAYS, IsolationBook
from desktop.care.records import IsolationEpisode
from ui import i18n
from ui.dialogs.visit_dialog import helper_combo
from ui.widgets.dates import date_edit, date_of
from ui.widgets.form_dialog import FormDialog
from ui.widgets.person_picker import PersonPicker


def _episode_label(episode: IsolationEpisode, from_to: str) -> QLabel:
    """Who and since when, above a change to their episode; ``from_to`` is the translated
    "From %1, planned end %2" (each dialog's own tr, so lupdate finds it)."""
    return QLabel(f"<b>{episode.full_name}</b> &nbsp; {episode.address}<br>"
                  + from_to.replace("%1", episode.start_on).replace("%2", episode.planned_end_on))


class StartIsolationDialog(FormDialog):
    def __init__(self, iso: IsolationBook, care: CareBook, today: date, parent=None):
        super().__init__(parent, min_width=520)
        self.iso, self.today = iso, today
        self.setWindowTitle(self.tr("Start isolation"))
        form = self.form
        self.picker = form.add("person", self.tr("Person *"), PersonPicker(iso.db))
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        for code in cv.ISOLATION_KIND:
            self.kind.addItem(i18n.label(cv.ISOLATION_KIND, code), code)
        self.reason = form.add("reason", self.tr("Reason *"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. close contact, notified by disease control"))
        self.start_on = form.add("start_on", self.tr("First day"), date_edit(today, maximum=today))
        self.days = form.add("planned_days", self.tr("Days"), QSpinBox())
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.helper = form.add("helper_id", self.tr("Groceries and errands by"),
                               helper_combo(care, None, self, empty=self.tr("(nobody yet)")))
        self.lay_out(QLabel(self.tr("The person's status changes with this reason, and goes back to "
                                    "healthy on release."), self))

    def save(self) -> None:
        person = self.picker.person()
        if person is None:
            self.form.set_errors({"person": self.tr("Find and choose the person first.")})
            return
        self.attempt(lambda: self.iso.start(person.id, self.kind.currentData(), self.reason.text(),
                                            date_of(self.start_on), self.today, self.days.value(),
                                            self.helper.currentData()))


class ReleaseDialog(FormDialog):
    """The release itself; the page asks "are you sure" before it opens."""

    def __init__(self, iso: IsolationBook, episode: IsolationEpisode, today: date, parent=None):
        super().__init__(parent, min_width=460)
        self.iso, self.episode, self.today = iso, episode, today
        self.setWindowTitle(self.tr("Release"))
        form = self.form
        form.add("person", self.tr("Person"), _episode_label(episode, self.tr("From %1, planned end %2")))
        self.released_on = form.add("released_on", self.tr("Released on"), date_edit(today, maximum=today))
        self.note = form.add("release_note", self.tr("Note"), QLineEdit())
        self.note.setPlaceholderText(self.tr("Required before the planned end: why (e.g. negative test)"))
        self.buttons.button(QDialogButtonBox.Save).setText(self.tr("Release"))
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
        self.planned_end_on = form.add("planned_end_on", self.tr("New planned end"),
                                       date_edit(date.fromisoformat(episode.planned_end_on)))
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: self.iso.change_plan(self.episode.id, date_of(self.planned_end_on), self.today))
