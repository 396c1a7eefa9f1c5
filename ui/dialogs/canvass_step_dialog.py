"""The next step for an answer that matters: an isolation episode, a status change or a care
need, with the canvass as its reason (desktop/canvass/rounds.py take_step; the rules stay in the
isolation book, the register and the care book)."""
from datetime import date
from html import escape

from PySide6.QtWidgets import QComboBox, QLabel

from desktop import vocab
from desktop.app import App
from desktop.canvass.records import STEPS, Flagged
from desktop.canvass.rounds import CanvassBook
from desktop.care import vocab as cv
from ui import i18n
from ui.widgets.form_dialog import FormDialog


class CanvassStepDialog(FormDialog):
    def __init__(self, app: App, book: CanvassBook, item: Flagged, today: date, parent=None):
        super().__init__(parent, min_width=440)
        self.app, self.book, self.item, self.today = app, book, item, today
        self.setWindowTitle(self.tr("Next step"))
        f = self.form
        who = QLabel(f"<b>{escape(item.full_name)}</b>  {escape(item.address)}<br>{escape(item.answer_text)}", self)
        who.setWordWrap(True)
        f.add("person", self.tr("Answer"), who)
        self.step = f.add("step", self.tr("Step"), QComboBox())
        for code in STEPS:
            self.step.addItem(i18n.label(STEPS, code), code)
        self.step.setCurrentIndex(self.step.findData(item.suggested))
        self.kind = f.add("kind", self.tr("Isolation kind"), QComboBox())
        for code in cv.ISOLATION_KIND:
            self.kind.addItem(i18n.label(cv.ISOLATION_KIND, code), code)
        self.status = f.add("status", self.tr("New status"), QComboBox())
        for code in vocab.STATUS:
            self.status.addItem(i18n.label(vocab.STATUS, code), code)
        self.status.setCurrentIndex(self.status.findData("observation"))
        self.category = f.add("categories", self.tr("Care category"), QComboBox())
        for code in cv.CATEGORY:
            self.category.addItem(i18n.label(cv.CATEGORY, code), code)
        self.need = f.add("needs", self.tr("Need"), QComboBox())
        for code in cv.NEED:
            self.need.addItem(i18n.label(cv.NEED, code), code)
        self.step.currentIndexChanged.connect(lambda _i: self._step_changed())
        self._step_changed()
        self.lay_out()

    def _step_changed(self) -> None:
        step = self.step.currentData()
        for widget, shown in ((self.kind, step == "isolation"), (self.status, step == "status"),
                              (self.category, step == "care"), (self.need, step == "care")):
            self.form.layout_.setRowVisible(widget.parentWidget(), shown)

    def save(self) -> None:
        i = self.item
        self.attempt(lambda: self.book.take_step(
            i.round_id, i.household_id, i.person_id, self.step.currentData(), self.today,
            status=self.status.currentData(), isolation_kind=self.kind.currentData(),
            categories=(self.category.currentData(),), needs=(self.need.currentData(),)))
