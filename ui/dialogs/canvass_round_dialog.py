"""Start a canvass round (滚动摸排): name, scope, dates, questions; or a follow-up round over the
households an earlier round did not reach. And add a question to the office's list."""
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QListWidgetItem

from desktop.canvass import questions as qs
from desktop.canvass.records import NOT_REACHED, SCOPE_KINDS
from desktop.canvass.rounds import CanvassBook
from ui import i18n
from ui.widgets.dates import date_edit, date_of
from ui.widgets.form_dialog import FormDialog


def _checked(widget: QListWidget) -> list:
    return [widget.item(i).data(Qt.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.Checked]


def _check_list(parent, items: list[tuple[str, object]], checked: bool, name: str) -> QListWidget:
    widget = QListWidget(parent)
    widget.setObjectName(name)
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


class CanvassRoundDialog(FormDialog):
    def __init__(self, book: CanvassBook, today: date, parent=None):
        super().__init__(parent, min_width=460)
        self.book, self.today = book, today
        self.setWindowTitle(self.tr("New canvass round"))
        f = self.form
        self.name = f.add("name", self.tr("Name *"), QLineEdit())
        self.name.setPlaceholderText(self.tr("e.g. First round"))
        self.follows = f.add("from_outcomes", self.tr("Visit again from"), QComboBox())
        self.follows.addItem(self.tr("(a new round over a scope)"), None)
        for r in book.rounds():
            self.follows.addItem(r.name, r.id)
        self.again = QCheckBox(self.tr("also households not reached at all"), self)
        self.again.setChecked(True)
        f.add("again", "", self.again)
        self.scope_kind = f.add("scope_kind", self.tr("Scope"), QComboBox())
        for code in SCOPE_KINDS:
            self.scope_kind.addItem(i18n.label(SCOPE_KINDS, code), code)
        self.scope = f.add("scope_ids", self.tr("Compounds or buildings"), QListWidget())
        self.scope.setObjectName("scope_list")
        self.scope.setMaximumHeight(110)
        self.starts_on = f.add("starts_on", self.tr("Starts on"), date_edit(today))
        self.ends_on = f.add("ends_on", self.tr("Ends on"), date_edit(today))
        self.questions = f.add("questions", self.tr("Questions"), _check_list(
            self, [(q.label_en if i18n.language() == "en" and q.builtin else q.label, q.code)
                   for q in qs.all_questions(book.db)], True, "question_list"))
        self.scope_kind.currentIndexChanged.connect(lambda _i: self._fill_scope())
        self.follows.currentIndexChanged.connect(lambda _i: self._follow_changed())
        self._fill_scope()
        self._follow_changed()
        self.lay_out()

    def _fill_scope(self) -> None:
        self.scope.clear()
        kind = self.scope_kind.currentData()
        register = self.book.register
        items = []
        if kind == "compound":
            items = [(c.name, c.id) for c in register.compounds()]
        elif kind == "building":
            items = [(f"{c.name} {b.number}栋", b.id) for c in register.compounds() for b in register.buildings(c.id)]
        for text, data in items:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.scope.addItem(item)
        self.scope.setEnabled(kind != "community" and self.follows.currentData() is None)

    def _follow_changed(self) -> None:
        following = self.follows.currentData() is not None
        self.again.setEnabled(following)
        self.scope_kind.setEnabled(not following)
        self.scope.setEnabled(not following and self.scope_kind.currentData() != "community")

    def save(self) -> None:
        following = self.follows.currentData()
        outcomes = ("nobody_home", NOT_REACHED) if self.again.isChecked() else ("nobody_home",)
        self.attempt(lambda: self.book.create_round(
            self.name.text(), self.today, scope_kind="community" if following else self.scope_kind.currentData(),
            scope_ids=_checked(self.scope), starts_on=date_of(self.starts_on), ends_on=date_of(self.ends_on),
            questions=_checked(self.questions), from_round_id=following, from_outcomes=outcomes))


class QuestionDialog(FormDialog):
    """Add a question to the office's list: its words, the letter typed for a yes, whether a yes matters."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Add a question"))
        self.label = self.form.add("label", self.tr("Question *"), QLineEdit())
        self.key = self.form.add("key", self.tr("Key for a yes"), QLineEdit())
        self.key.setMaxLength(1)
        self.key.setPlaceholderText(self.tr("a free letter is taken when empty"))
        self.flags = QCheckBox(self.tr("A yes needs a next step"), self)
        self.form.add("flags", "", self.flags)
        self.lay_out()

    def save(self) -> None:
        self.attempt(lambda: qs.add_question(self.db, self.label.text(), self.key.text(), self.flags.isChecked()))

