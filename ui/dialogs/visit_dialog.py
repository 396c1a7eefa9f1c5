"""Quick entry of a visit (走访) from the care list: the date, who, how, what was found and done.

Keys, for a round typed from paper: the cursor starts in what was found; Enter saves there as in
every other field (Shift+Enter starts a new line), so do Ctrl+S and Alt+S; Esc cancels."""
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QWidget)

from desktop.care import vocab as cv
from desktop.care.care_book import CareBook
from desktop.care.records import CareSubject, CareVisit, VisitForm
from ui import i18n
from ui.widgets.code_checks import CodeChecks
from ui.widgets.dates import date_edit, date_of
from ui.widgets.form_dialog import FormDialog


def helper_combo(care: CareBook, current: str | None, parent=None, empty: str = "") -> QComboBox:
    combo = QComboBox(parent)
    if empty:
        combo.addItem(empty, None)
    for h in care.helpers():
        combo.addItem(f"{h.full_name}（{i18n.label(cv.HELPER_KIND, h.kind)}）", h.id)
    if current:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class VisitDialog(FormDialog):
    """A new visit, or with ``correcting`` a corrected copy of one typed wrong (a new row that
    replaces it; "entered by mistake" voids it)."""

    def __init__(self, care: CareBook, subject: CareSubject, today: date, parent=None,
                 correcting: CareVisit | None = None):
        super().__init__(parent, min_width=520)
        self.care, self.subject, self.today, self.correcting = care, subject, today, correcting
        self.setWindowTitle(self.tr("Correct visit") if correcting else self.tr("Record visit"))
        header = QLabel(f"<b>{escape(subject.full_name)}</b> &nbsp; {escape(subject.address)}", self)
        form = self.form
        self.visited_on = form.add("visited_on", self.tr("&Date"), date_edit(today, maximum=today))
        # Nobody assigned (a ledger imported without its helpers' phones): nobody is chosen for
        # the clerk. The first helper of the list was, and a visit went down as theirs unseen.
        self.helper = form.add("helper_id", self.tr("Visited &by"), helper_combo(
            care, subject.helper_id, empty="" if subject.helper_id else self.tr("(choose who visited)")))
        modes = QWidget(self)
        row = QHBoxLayout(modes)
        row.setContentsMargins(0, 0, 0, 0)
        self.mode_group = QButtonGroup(self)
        self.modes: dict[str, QRadioButton] = {}
        # Each way has its Alt key (未见到本人(&N)): a round typed from paper picks it without the mouse.
        # Not seen is kept and shown but is no visit: the person stays on the list (desktop/care/due.py).
        texts = {"in_person": self.tr("&In person"), "phone": self.tr("&Phone"), "wechat": self.tr("&WeChat"),
                 cv.NOT_SEEN: self.tr("&Not seen (no answer)")}
        for code in cv.VISIT_MODE:
            radio = QRadioButton(texts.get(code) or i18n.label(cv.VISIT_MODE, code), modes)
            radio.setObjectName(f"mode_{code}")
            self.mode_group.addButton(radio)
            self.modes[code] = radio
            row.addWidget(radio)
        self.modes["in_person"].setChecked(True)
        form.add("mode", self.tr("&How"), modes)
        self.found = form.add("found", self.tr("What was &found"), QPlainTextEdit())
        self._seen_hint = self.tr("e.g. in good health, food for three days")
        self.found.setPlaceholderText(self._seen_hint)
        self.found.setFixedHeight(60)
        self.found.setTabChangesFocus(True)      # Tab goes on to the needs, as in every other field
        self.found.installEventFilter(self)      # and Enter saves, as in every other field
        self.needs = form.add("needs_raised", self.tr("N&eeds raised"), CodeChecks(cv.NEED))
        self.done_text = form.add("done", self.tr("What was d&one"), QLineEdit())
        self.done_text.setPlaceholderText(self.tr("e.g. bought vegetables and rice"))
        self.mode_group.buttonClicked.connect(self._mode_chosen)
        self.void = QCheckBox(self.tr("Entered by &mistake: remove this visit"), self)
        self.void.setVisible(correcting is not None)
        if correcting is not None:
            self._fill(correcting)
        self.lay_out(header, below=(self.void,))

    def first_field(self) -> QWidget:
        """The date and the helper are filled in already: the cursor starts in what was found."""
        return self.found

    def _mode_chosen(self, radio: QRadioButton) -> None:
        """Not seen asks how the person was tried; the cursor goes back to what was found, so
        Alt+N and the words follow one another."""
        not_seen = radio is self.modes[cv.NOT_SEEN]
        self.found.setPlaceholderText(self.tr("How was the person tried? e.g. knocked, nobody answered; "
                                              "phone not picked up") if not_seen else self._seen_hint)
        self.found.setFocus(Qt.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.found and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ShiftModifier):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def _fill(self, visit: CareVisit) -> None:
        day = date.fromisoformat(visit.visited_on)
        self.visited_on.setDate(QDate(day.year, day.month, day.day))
        if visit.helper_id and self.helper.findData(visit.helper_id) >= 0:
            self.helper.setCurrentIndex(self.helper.findData(visit.helper_id))
        self._mode_chosen(self.modes.get(visit.mode, self.modes["in_person"]))
        self.modes.get(visit.mode, self.modes["in_person"]).setChecked(True)
        self.found.setPlainText(visit.found)
        self.needs.set_codes(visit.needs_raised)
        self.done_text.setText(visit.done)

    def form_values(self) -> VisitForm:
        mode = next(code for code, r in self.modes.items() if r.isChecked())
        return VisitForm(visited_on=date_of(self.visited_on).isoformat(), helper_id=self.helper.currentData(),
                         mode=mode, found=self.found.toPlainText(), needs_raised=self.needs.codes(),
                         done=self.done_text.text())

    def save(self) -> None:
        if self.correcting is not None:
            self.attempt(lambda: self.care.correct_visit(
                self.correcting.id, None if self.void.isChecked() else self.form_values(), self.today))
        else:
            self.attempt(lambda: self.care.record_visit(self.subject.id, self.form_values(), self.today))
