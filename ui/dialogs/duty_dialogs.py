"""Add or change a person on duty (volunteer, grid worker, cadre sent down), put someone on a
shift at a gate or on a care round, and change a shift's day and hours (an overlapping shift is
refused by desktop/duty/roster.py), and join one person registered twice (on two machines,
come together by sync) into the entry the clerk keeps."""
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from desktop.duty.people import DutyBook
from desktop.duty.duplicates import merge_people
from desktop.duty.records import KIND, POST_KIND, DutyPerson, Shift, Twin
from desktop.duty.roster import Roster
from desktop.errors import InputError, NotFoundError
from desktop.failures import user_message
from desktop.gate.checkpoints import checkpoints
from desktop.register import Register
from ui import i18n
from ui.duty_words import twin_text
from ui.widgets.dates import date_edit, date_of
from ui.widgets.form_dialog import FormDialog
from ui.workers.task import run_and_wait


class DutyPersonDialog(FormDialog):
    def __init__(self, duty: DutyBook, register: Register, parent=None, person: DutyPerson | None = None):
        super().__init__(parent, min_width=420)
        self.duty, self.person = duty, person
        self.setWindowTitle(self.tr("Edit person on duty") if person else self.tr("Add person on duty"))
        f = self.form
        self.full_name = f.add("full_name", self.tr("Name *"), QLineEdit())
        self.phone = f.add("phone", self.tr("Phone *"), QLineEdit())
        self.kind = f.add("kind", self.tr("Kind"), QComboBox())
        for code in KIND:
            self.kind.addItem(i18n.label(KIND, code), code)
        self.unit_name = f.add("unit_name", self.tr("Unit they come from"), QLineEdit())
        self.skills = f.add("skills", self.tr("Skills"), QLineEdit())
        self.compound = f.add("compound_id", self.tr("Compound"), QComboBox())
        self.compound.addItem("", None)
        for c in register.compounds():
            self.compound.addItem(c.name, c.id)
        self.checkpoint = f.add("checkpoint_id", self.tr("Gate"), QComboBox())
        self.checkpoint.addItem("", None)
        for k in checkpoints(duty.db):
            self.checkpoint.addItem(k.name, k.id)
        self.available = f.add("available", self.tr("Available"), QLineEdit())
        self.available.setPlaceholderText(self.tr("e.g. weekday evenings, all weekend"))
        self.note = f.add("note", self.tr("Note"), QLineEdit())
        if person:
            self.full_name.setText(person.full_name)
            self.phone.setText(person.phone)
            self.kind.setCurrentIndex(self.kind.findData(person.kind))
            self.unit_name.setText(person.unit_name)
            self.skills.setText(person.skills)
            self.compound.setCurrentIndex(max(self.compound.findData(person.compound_id), 0))
            self.checkpoint.setCurrentIndex(max(self.checkpoint.findData(person.checkpoint_id), 0))
            self.available.setText(person.available)
            self.note.setText(person.note)
        self.lay_out()

    def save(self) -> None:
        values = (self.full_name.text(), self.phone.text(), self.kind.currentData(), self.unit_name.text(),
                  self.skills.text(), self.compound.currentData(), self.checkpoint.currentData(),
                  self.available.text(), self.note.text())
        self.attempt(lambda: self.duty.update_person(self.person.id, *values) if self.person
                     else self.duty.add_person(*values))


class ShiftDialog(FormDialog):
    def __init__(self, duty: DutyBook, roster: Roster, register: Register, day: date, parent=None):
        super().__init__(parent, min_width=420)
        self.roster = roster
        self.setWindowTitle(self.tr("Add shift"))
        f = self.form
        self.person = f.add("person", self.tr("Who *"), QComboBox())
        for p in duty.people():
            who = " ".join(x for x in (i18n.label(KIND, p.kind), p.unit_name) if x)
            self.person.addItem(self.tr("%1 (%2)").replace("%1", p.full_name).replace("%2", who), p.id)
        self.post_kind = f.add("post_kind", self.tr("Post"), QComboBox())
        for code in POST_KIND:
            self.post_kind.addItem(i18n.label(POST_KIND, code), code)
        self.checkpoint = f.add("checkpoint_id", self.tr("Gate"), QComboBox())
        for k in checkpoints(duty.db):
            self.checkpoint.addItem(k.name, k.id)
        self.compound = f.add("compound_id", self.tr("Compound"), QComboBox())
        for c in register.compounds():
            self.compound.addItem(c.name, c.id)
        self.day = f.add("day", self.tr("Day"), date_edit(day))
        self.start = f.add("start", self.tr("From"), QLineEdit("08:00"))
        self.end = f.add("end", self.tr("To"), QLineEdit("16:00"))
        self.end.setPlaceholderText(self.tr("before the start: the next day"))
        self.note = f.add("note", self.tr("Note"), QLineEdit())
        self.post_kind.currentIndexChanged.connect(lambda _i: self._post_changed())
        self._post_changed()
        self.lay_out()

    def _post_changed(self) -> None:
        gate = self.post_kind.currentData() == "gate"
        self.form.layout_.setRowVisible(self.checkpoint.parentWidget(), gate)
        self.form.layout_.setRowVisible(self.compound.parentWidget(), not gate)

    def save(self) -> None:
        if self.person.currentData() is None:
            self.form.set_errors({"person": "请先在左边名单里登记值守人员。"})
            return
        self.attempt(lambda: self.roster.add_shift(
            self.person.currentData(), self.post_kind.currentData(), date_of(self.day), self.start.text(),
            self.end.text(), checkpoint_id=self.checkpoint.currentData(), compound_id=self.compound.currentData(),
            note=self.note.text()))


class ShiftTimeDialog(FormDialog):
    """Another day or other hours for one shift (the way out of an overlap come in by sync);
    who and where stay, and the new hours are checked against the person's other shifts."""

    def __init__(self, roster: Roster, shift: Shift, parent=None):
        super().__init__(parent, min_width=420)
        self.roster, self.shift = roster, shift
        self.setWindowTitle(self.tr("Change shift time"))
        f = self.form
        f.add("who", self.tr("Who"), QLabel(shift.full_name))
        f.add("post", self.tr("Post"), QLabel(f"{shift.post_name} {i18n.label(POST_KIND, shift.post_kind)}".strip()))
        self.day = f.add("day", self.tr("Day"), date_edit(shift.starts_at.date()))
        self.start = f.add("start", self.tr("From"), QLineEdit(f"{shift.starts_at:%H:%M}"))
        self.end = f.add("end", self.tr("To"), QLineEdit(f"{shift.ends_at:%H:%M}"))
        self.end.setPlaceholderText(self.tr("before the start: the next day"))
        self.lay_out()

    def first_field(self):
        return self.start

    def save(self) -> None:
        self.attempt(lambda: self.roster.move_shift(self.shift.id, date_of(self.day), self.start.text(),
                                                    self.end.text()),
                     lambda e: {"day": e.message} if isinstance(e, NotFoundError) else None)


class MergeDutyPeopleDialog(FormDialog):
    """Which of the two entries of one person to keep: each shown with its unit, skills and
    number of shifts; the other's shifts move to it (desktop/duty/duplicates.py)."""

    def __init__(self, db, twins: list[Twin], parent=None):
        super().__init__(parent, min_width=520, accept_button=QDialogButtonBox.Ok)
        self.db, self.twins = db, twins
        self.setWindowTitle(self.tr("Merge a person registered twice"))
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("&Merge"))
        f = self.form
        self.twin = f.add("twin", self.tr("Who"), QComboBox())
        for twin in twins:
            self.twin.addItem(twin_text(twin))
        f.set_row_visible("twin", len(twins) > 1)
        choice = QWidget()
        column = QVBoxLayout(choice)
        column.setContentsMargins(0, 0, 0, 0)
        self.keep_first, self.keep_second = QRadioButton(choice), QRadioButton(choice)
        self.keep_first.setObjectName("keep_first")
        self.keep_second.setObjectName("keep_second")
        for button in (self.keep_first, self.keep_second):
            column.addWidget(button)
        self.keep = f.add("person", self.tr("Keep"), choice)   # the refusals name "person"
        what = f.add("what", "", QLabel(self.tr("The other entry's shifts move to the one kept, and its unit, "
                                                "skills and other details fill what the kept one lacks. The other "
                                                "computers take the merge at the next sync.")))
        what.setWordWrap(True)
        self.twin.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        self.lay_out()

    def _entry(self, person: DutyPerson, shifts: int) -> str:
        parts = [f"{person.full_name} {person.phone}".strip(),
                 self.tr("unit: %1").replace("%1", person.unit_name or self.tr("none")),
                 self.tr("skills: %1").replace("%1", person.skills or self.tr("none")),
                 self.tr("%1 shifts").replace("%1", str(shifts))]
        return self.tr(", ").join(parts)

    def _show(self) -> None:
        twin = self.twins[self.twin.currentIndex()]
        self.keep_first.setText(self._entry(twin.first, twin.first_shifts))
        self.keep_second.setText(self._entry(twin.second, twin.second_shifts))
        self.keep_first.setChecked(True)

    def first_field(self):
        return self.keep_first

    def save(self) -> None:
        twin = self.twins[self.twin.currentIndex()]
        keep, other = (twin.first, twin.second) if self.keep_first.isChecked() else (twin.second, twin.first)
        def merge() -> int:
            # Off the UI thread: the backup first waits for a big register's check and copies it.
            self.buttons.setEnabled(False)          # no second merge started under the first
            try:
                moved = run_and_wait(self, self.tr("Merge"), self.tr("Backing up the register, then merging..."),
                                     lambda progress, cancelled: merge_people(self.db, keep.id, other.id,
                                                                              cancelled=cancelled))
            finally:
                self.buttons.setEnabled(True)
            if moved is None:
                raise InputError("person", self.tr("Not merged: cancelled. Nothing was changed."))
            return moved
        # Deleted meanwhile (by sync), or the backup made first could not be written (a full disk).
        self.attempt(merge, lambda e: {"person": user_message(e)} if user_message(e) else None)
