"""Start an isolation episode for a person (sets their status), or release one (sets it back)."""
from datetime import date

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout)

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.isolation import DEFAULT_DAYS, MAX_DAYS, IsolationBook
from desktop.care.records import IsolationEpisode
from desktop.errors import InputError, InputErrors
from ui import i18n
from ui.dialogs.visit_dialog import helper_combo
from ui.widgets.dates import date_edit, date_of
from ui.widgets.form import FieldForm
from ui.widgets.person_picker import PersonPicker


def _show(form: FieldForm, error: Exception) -> None:
    form.set_errors(error.by_field() if isinstance(error, InputErrors) else {error.field: error.message})


class StartIsolationDialog(QDialog):
    def __init__(self, iso: IsolationBook, care: CareBook, today: date, parent=None):
        super().__init__(parent)
        self.iso, self.today, self.saved = iso, today, None
        self.setWindowTitle(self.tr("Start isolation"))
        self.setMinimumWidth(520)
        form = self.form = FieldForm(self)
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The person's status changes with this reason, and goes back to "
                                        "healthy on release."), self))
        layout.addWidget(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        person = self.picker.person()
        if person is None:
            self.form.set_errors({"person": self.tr("Find and choose the person first.")})
            return
        try:
            self.saved = self.iso.start(person.id, self.kind.currentData(), self.reason.text(),
                                        date_of(self.start_on), self.today, self.days.value(),
                                        self.helper.currentData())
        except (InputErrors, InputError) as e:
            _show(self.form, e)
            return
        self.accept()


class ReleaseDialog(QDialog):
    """The release itself; the page asks "are you sure" before it opens."""

    def __init__(self, iso: IsolationBook, episode: IsolationEpisode, today: date, parent=None):
        super().__init__(parent)
        self.iso, self.episode, self.today, self.saved = iso, episode, today, None
        self.setWindowTitle(self.tr("Release"))
        self.setMinimumWidth(460)
        form = self.form = FieldForm(self)
        form.add("person", self.tr("Person"), QLabel(
            f"<b>{episode.full_name}</b> &nbsp; {episode.address}<br>"
            + self.tr("From %1, planned end %2").replace("%1", episode.start_on).replace("%2", episode.planned_end_on)))
        self.released_on = form.add("released_on", self.tr("Released on"), date_edit(today, maximum=today))
        self.note = form.add("release_note", self.tr("Note"), QLineEdit())
        self.note.setPlaceholderText(self.tr("Required before the planned end: why (e.g. negative test)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Save).setText(self.tr("Release"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        try:
            self.saved = self.iso.release(self.episode.id, date_of(self.released_on), self.today, self.note.text())
        except (InputErrors, InputError) as e:
            _show(self.form, e)
            return
        self.accept()


class ChangePlanDialog(QDialog):
    """Move the planned end of an open episode (a new exposure, a test result)."""

    def __init__(self, iso: IsolationBook, episode: IsolationEpisode, today: date, parent=None):
        super().__init__(parent)
        self.iso, self.episode, self.today, self.saved = iso, episode, today, None
        self.setWindowTitle(self.tr("Change planned end"))
        self.setMinimumWidth(420)
        form = self.form = FieldForm(self)
        form.add("person", self.tr("Person"), QLabel(
            f"<b>{episode.full_name}</b> &nbsp; {episode.address}<br>"
            + self.tr("From %1, planned end %2").replace("%1", episode.start_on).replace("%2", episode.planned_end_on)))
        self.planned_end_on = form.add("planned_end_on", self.tr("New planned end"),
                                       date_edit(date.fromisoformat(episode.planned_end_on)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        try:
            self.saved = self.iso.change_plan(self.episode.id, date_of(self.planned_end_on), self.today)
        except (InputErrors, InputError) as e:
            _show(self.form, e)
            return
        self.accept()
