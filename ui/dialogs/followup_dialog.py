"""Quick entry of a follow-up check (随访) from today's isolation list: morning or evening,
temperature, symptoms, and needs taken on by a named helper. A fever is said at once.

A reading is typed as at the gate ('365' is 36.5, desktop.temperature.typed_temperature), and
what will be saved is shown under the field as it is typed, before Enter saves it."""
from datetime import date
from html import escape

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QRadioButton, QWidget

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.due import period_length
from desktop.care.isolation import IsolationBook
from desktop.care.records import FollowUp, FollowUpForm, FollowUpListItem
from desktop.errors import InputError
from desktop.temperature import typed_temperature
from desktop.textnorm import clean
from ui import i18n
from ui.dialogs.visit_dialog import helper_combo
from ui.widgets.code_checks import CodeChecks
from ui.widgets.form_dialog import FormDialog


class FollowUpDialog(FormDialog):
    """A new check, or with ``correcting`` a corrected copy of one typed wrong (a new row that
    replaces it; "entered by mistake" voids it)."""

    def __init__(self, iso: IsolationBook, care: CareBook, item: FollowUpListItem, today: date, parent=None,
                 correcting: FollowUp | None = None):
        super().__init__(parent, min_width=520)
        self.iso, self.item, self.today, self.correcting = iso, item, today, correcting
        e = item.episode
        self.setWindowTitle(self.tr("Correct check") if correcting else self.tr("Record check"))
        header = QLabel(f"<b>{escape(e.full_name)}</b> &nbsp; {escape(e.address)}<br>"
                        + self.tr("%1, day %2 of %3").replace("%1", i18n.label(cv.ISOLATION_KIND, e.kind))
                        .replace("%2", str(item.day_number))
                        .replace("%3", str(period_length(e.start_on, e.planned_end_on))), self)
        form = self.form
        slots = QWidget(self)
        row = QHBoxLayout(slots)
        row.setContentsMargins(0, 0, 0, 0)
        self.slot_group = QButtonGroup(self)
        self.slots: dict[str, QRadioButton] = {}
        for code in cv.SLOT:
            radio = QRadioButton(i18n.label(cv.SLOT, code), slots)
            radio.setObjectName(f"slot_{code}")
            self.slot_group.addButton(radio)
            self.slots[code] = radio
            row.addWidget(radio)
        first_open = (item.unchecked_slots or ("evening",))[0]
        self.slots[first_open].setChecked(True)
        form.add("slot", self.tr("&Check"), slots)
        self.temperature = form.add("temperature", self.tr("&Temperature °C"), QLineEdit())
        self.temperature.setPlaceholderText("36.5")
        # Made with a reading in it: the line kept for it under the field is as tall as one.
        read_back = QLabel(self.tr("Saved as %1 °C").replace("%1", "36.5"), self)
        read_back.setObjectName("temperature_read_back")
        read_back.setStyleSheet("color: #1565c0; font-weight: bold;")
        self.read_back = form.add_below("temperature", read_back)
        self.read_back.clear()
        self.read_back.hide()
        self.temperature.textChanged.connect(self._read_back)
        self.symptoms = form.add("symptoms", self.tr("S&ymptoms"), CodeChecks(cv.SYMPTOM, 4))
        self.needs = form.add("needs", self.tr("N&eeds"), CodeChecks(cv.NEED, 4))
        self.helper = form.add("helper_id", self.tr("Taken on &by"),
                               helper_combo(care, e.helper_id, self, empty=self.tr("(nobody)")))
        # Alt+N: a reading missed is written here, and the note was a dozen Tabs past the boxes.
        self.note = form.add("note", self.tr("&Note"), QLineEdit())
        self.note.setPlaceholderText(self.tr("No reading: say why, e.g. not at home, phone not answered"))
        self.void = QCheckBox(self.tr("Entered by &mistake: remove this check"), self)
        self.void.setVisible(correcting is not None)
        if correcting is not None:
            self.slots[correcting.slot].setChecked(True)
            for radio in self.slots.values():
                radio.setEnabled(False)            # a correction keeps its day and slot
            if correcting.temperature is not None:
                self.temperature.setText(f"{correcting.temperature:.1f}")
            self.symptoms.set_codes(correcting.symptoms)
            self.needs.set_codes(correcting.needs)
            if correcting.helper_id and self.helper.findData(correcting.helper_id) >= 0:
                self.helper.setCurrentIndex(self.helper.findData(correcting.helper_id))
            self.note.setText(correcting.note)
        self.lay_out(header, below=(self.void,))
        self.temperature.setFocus()

    def first_field(self) -> QWidget:
        """The morning or evening is chosen already: the cursor starts in the temperature."""
        return self.temperature

    def _read_back(self, text: str) -> None:
        """'365' (or '36,5', '３６．５') is shown as the 36.5 it will be saved as."""
        try:
            value = typed_temperature(text)
        except InputError:
            value = None
        shown = "" if value is None else f"{value:.1f}"
        said = self.tr("Saved as %1 °C").replace("%1", shown) if shown and clean(text) != shown else ""
        self.read_back.setText(said)
        self.read_back.setVisible(bool(said))

    def form_values(self) -> FollowUpForm:
        slot = next(code for code, r in self.slots.items() if r.isChecked())
        return FollowUpForm(slot=slot, temperature=self.temperature.text(), symptoms=self.symptoms.codes(),
                            needs=self.needs.codes(), helper_id=self.helper.currentData(), note=self.note.text())

    def save(self) -> None:
        def write():
            if self.correcting is not None:
                form = None if self.void.isChecked() else self.form_values()
                return self.iso.correct_followup(self.correcting.id, form, self.today)
            return self.iso.record_followup(self.item.episode.id, self.today, self.form_values(), self.today)
        self.attempt(write)

    def accept(self) -> None:
        """A fever just saved is said at once, before the list is seen again."""
        if self.saved is not None and self.saved.has_fever and not self.void.isChecked():
            from desktop import place_words
            village = not place_words.community_words(self.iso.db).has_buildings     # who to tell: 村委会
            said = (self.tr("%1 has a temperature of %2 °C. Tell the village committee now: it is flagged at the "
                            "top of the list.") if village else
                    self.tr("%1 has a temperature of %2 °C. Tell the office now: it is flagged at the top of the list."))
            QMessageBox.warning(self, self.tr("Fever"), said.replace("%1", self.item.episode.full_name)
                                .replace("%2", f"{self.saved.temperature:.1f}"))
        super().accept()
