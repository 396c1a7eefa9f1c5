"""Put a person on the care list, or change what is known: categories, needs, how often, who
visits, the green channel (treatment outside) and an emergency contact."""
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook, already_listed
from desktop.care.records import CareSubject, SubjectForm
from desktop.errors import InputError, InputErrors
from ui import i18n
from ui.dialogs.visit_dialog import helper_combo
from ui.widgets.code_checks import CodeChecks
from ui.widgets.form import FieldForm, set_errors_in
from ui.widgets.form_dialog import FormDialog
from ui.widgets.person_picker import PersonPicker


class _CarePicker(PersonPicker):
    """The picker of 加入关爱名单: people already on the list are greyed and say so as they are
    found (the clerk filled in the whole form and learnt it only at Save)."""

    def __init__(self, care: CareBook, parent=None):
        super().__init__(care.db, parent)
        self.care = care

    def refresh(self) -> None:
        super().refresh()
        items = [self.results.item(row) for row in range(self.results.count())]
        listed = self.care.listed_people([item.data(Qt.UserRole).id for item in items])
        self.results.blockSignals(True)         # marked, not changed by the clerk: the form's
        for item in items:                      # line under the field is not cleared for it
            if item.data(Qt.UserRole).id in listed:
                item.setText(item.text() + self.tr(" (already on the care list)"))
                item.setForeground(QColor("#9e9e9e"))
        self.results.blockSignals(False)


class CareSubjectDialog(FormDialog):
    def __init__(self, care: CareBook, today: date, subject: CareSubject | None = None, parent=None):
        super().__init__(parent, min_width=640)
        self.care, self.today, self.subject = care, today, subject
        self.setWindowTitle(self.tr("Edit care subject") if subject else self.tr("Add to care list"))
        form = self.form
        self.picker = None
        if subject is None:
            self.picker = form.add("person", self.tr("&Person *"), _CarePicker(care))
            # Said as soon as the person is chosen (by the arrows too), not at Save: on the field's
            # own error line (a line of its own under it pushed Save off a 1024×768 screen once the
            # form's red lines were shown). After the form's own clearing of that line, which
            # follows the same change of row (connected before this).
            self.picker.results.currentRowChanged.connect(lambda _row: self._say_if_listed(self.picker.person()))
        else:
            form.add("person", self.tr("Person"), QLabel(f"<b>{escape(subject.full_name)}</b> &nbsp; {escape(subject.address)}"))
        self.categories = form.add("categories", self.tr("&Categories *"), CodeChecks(cv.CATEGORY, 3))
        # 低保, 独居, 残疾 in the person's note (a ledger's 备注): ticked as a suggestion, said here.
        self.suggested = QLabel(self)
        self.suggested.setObjectName("suggested_categories")
        self.suggested.setWordWrap(True)
        self.suggested.setStyleSheet("color: #607d8b;")
        self._suggestion: tuple[str, ...] = ()
        if self.picker is not None:
            form.add_below("categories", self.suggested)
            self.picker.picked.connect(self._suggest_categories)
        self.needs = form.add("needs", self.tr("N&eeds"), CodeChecks(cv.NEED, 4))
        self.frequency = QComboBox(self)
        self.frequency.setObjectName("frequency")
        for code in cv.FREQUENCY:
            self.frequency.addItem(i18n.label(cv.FREQUENCY, code), code)
        self.frequency.setCurrentIndex(self.frequency.findData("weekly"))
        form.add("frequency", self.tr("&Visit"), self.frequency)
        self.helper = form.add("helper_id", self.tr("&Helper"),
                               helper_combo(care, subject.helper_id if subject else None, self,
                                            empty=self.tr("(nobody yet)")))
        self.last_visit = form.add("last_visit_on", self.tr("&Last visit (from the old ledger)"), QLineEdit())
        self.last_visit.setPlaceholderText("2020-02-10")
        self.note = form.add("note", self.tr("&Note"), QLineEdit())

        green = QGroupBox(self.tr("Green channel (treatment outside)"), self)
        self.green_form = FieldForm(green)
        self.treatment = self.green_form.add("treatment", self.tr("&Treatment"), QLineEdit())
        self.treatment.setPlaceholderText(self.tr("e.g. dialysis"))
        self.hospital = self.green_form.add("hospital", self.tr("Hosp&ital"), QLineEdit())
        self.schedule = self.green_form.add("schedule", self.tr("Sche&dule"), QLineEdit())
        self.schedule.setPlaceholderText(self.tr("e.g. Mon, Wed, Fri mornings"))
        self.transport = self.green_form.add("transport", self.tr("T&ransport"), QLineEdit())
        QVBoxLayout(green).addWidget(self.green_form)

        contact = QGroupBox(self.tr("Emergency contacts (add one below)"), self)
        self.contact_form = FieldForm(contact)
        self.contact_name = self.contact_form.add("contact_name", self.tr("Na&me"), QLineEdit())
        self.contact_relation = self.contact_form.add("contact_relation", self.tr("Rel&ation"), QLineEdit())
        self.contact_phone = self.contact_form.add("contact_phone", self.tr("Ph&one"), QLineEdit())
        contact_box = QVBoxLayout(contact)
        # Contacts already known: one can be struck off (saved with the rest, on Save).
        self.contacts = QListWidget(contact)
        self.contacts.setObjectName("contacts")
        self.contacts.setMaximumHeight(70)
        self.remove_contact = QPushButton(self.tr("Remove selected contact"), contact)
        self.remove_contact.clicked.connect(self._strike_contact)
        self.removed_contacts: list[str] = []
        if subject is not None:
            for c in care.contacts(subject.id):
                item = QListWidgetItem(f"{c.full_name} {c.relation} {c.phone}", self.contacts)
                item.setData(Qt.UserRole, c.id)
        self.contacts.setVisible(self.contacts.count() > 0)
        self.remove_contact.setVisible(self.contacts.count() > 0)
        contact_box.addWidget(self.contacts)
        contact_box.addWidget(self.remove_contact)
        contact_box.addWidget(self.contact_form)

        if subject is not None:
            self.categories.set_codes(subject.categories)
            self.needs.set_codes(subject.needs)
            self.frequency.setCurrentIndex(self.frequency.findData(subject.frequency))
            self.last_visit.setText(subject.last_visit_on)
            self.note.setText(subject.note)
            channel = care.green_channel(subject.id)
            for edit, value in ((self.treatment, channel.treatment), (self.hospital, channel.hospital),
                                (self.schedule, channel.schedule), (self.transport, channel.transport)):
                edit.setText(value)

        pair = QWidget(self)
        side_by_side = QHBoxLayout(pair)
        side_by_side.setContentsMargins(0, 0, 0, 0)
        side_by_side.addWidget(green)
        side_by_side.addWidget(contact)
        self.lay_out(below=(pair,))

    def _suggest_categories(self, person) -> None:
        """Tick the categories the chosen person's note names. What the clerk ticked stays: only
        an untouched suggestion follows another person chosen."""
        if self.categories.codes() != self._suggestion:
            return
        note = person.note if person is not None else ""
        self._suggestion = tuple(c for c in cv.CATEGORY if c in cv.categories_in_note(note))
        self.categories.set_codes(self._suggestion)
        # The categories, not the note: a note may hold a phone or ID number.
        self.suggested.setText(self.tr("Ticked from the person's note: %1. Check before saving.").replace(
            "%1", "、".join(i18n.label(cv.CATEGORY, c) for c in self._suggestion)) if self._suggestion else "")

    def _say_if_listed(self, person) -> bool:
        """Say (or take away) the book's refusal for a person already listed; whether listed."""
        on_list = person is not None and person.id in self.care.listed_people([person.id])
        english = not i18n.language().startswith("zh")
        self.form.show_error("person", already_listed(person.full_name, english=english) if on_list else "")
        return on_list

    def _strike_contact(self) -> None:
        item = self.contacts.currentItem()
        if item is not None:
            self.removed_contacts.append(item.data(Qt.UserRole))
            self.contacts.takeItem(self.contacts.row(item))

    def form_values(self) -> SubjectForm:
        return SubjectForm(categories=self.categories.codes(), needs=self.needs.codes(),
                           frequency=self.frequency.currentData(), helper_id=self.helper.currentData(),
                           listed_on=self.subject.listed_on if self.subject else self.today.isoformat(),
                           last_visit_on=self.last_visit.text(), note=self.note.text())

    def save(self) -> None:
        """Subject, green channel and contact in one transaction: all saved, or nothing."""
        person = self.picker.person() if self.picker else None
        if self.subject is None and person is None:
            self.form.set_errors({"person": self.tr("Find and choose the person first.")})
            return
        if self.subject is None and self._say_if_listed(person):
            return                        # the book would refuse it alike, in Chinese only
        try:
            self.saved = self.care.save_subject(
                self.form_values(), self.today, person_id=person.id if person else None,
                subject_id=self.subject.id if self.subject else None,
                channel=(self.treatment.text(), self.hospital.text(), self.schedule.text(), self.transport.text()),
                contact=(self.contact_name.text(), self.contact_relation.text(), self.contact_phone.text()),
                removed_contacts=self.removed_contacts)
        except (InputErrors, InputError) as e:
            errors = e.by_field() if isinstance(e, InputErrors) else {e.field: e.message}
            set_errors_in([self.form, self.green_form, self.contact_form], errors)
            return
        self.accept()
