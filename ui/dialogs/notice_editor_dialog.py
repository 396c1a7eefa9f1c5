"""The notice editor: the template library on the left, the chosen template on the right.

Built-in templates are read as shipped; saving one keeps the office's own copy. Merge fields
({户主}, {地址} …) are inserted with a click so nobody has to type the braces right.
"""
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from desktop.errors import InputError, InputErrors
from desktop.printing.notice import MERGE_FIELDS
from desktop.printing.records import NoticeTemplate
from desktop.printing.templates import NoticeTemplates
from desktop import place_words
from ui import i18n
from ui.widgets.form import FieldForm

FIELDS_A_ROW = 5


class NoticeEditorDialog(QDialog):
    def __init__(self, library: NoticeTemplates, current_id: str = "", parent=None):
        super().__init__(parent)
        self.library = library
        self.changed = False
        self.current: NoticeTemplate | None = None
        self.setWindowTitle(self.tr("Notice templates"))
        self.resize(960, 640)

        self.list = QListWidget(self)
        self.list.setObjectName("template_list")
        self.list.setFixedWidth(240)
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))

        form = self.form = FieldForm(self)
        self.name = form.add("name", self.tr("Name *"), QLineEdit())
        self.kind = form.add("kind", self.tr("Kind"), QComboBox())
        self.kind.addItem(self.tr("Notice (one copy, to post)"), "notice")
        self.kind.addItem(self.tr("Letter (one per household, mail merge)"), "letter")
        self.issuer_mark = form.add("issuer_mark", self.tr("Red header"), QLineEdit())
        self.issuer_mark.setPlaceholderText(self.tr("Empty: no red header"))
        self.title = form.add("title", self.tr("Title *"), QLineEdit())
        self.salutation = form.add("salutation", self.tr("Addressed to"), QLineEdit())
        self.salutation.setPlaceholderText("尊敬的{户主}家庭：")
        self.body = form.add("body", self.tr("Body *"), QPlainTextEdit())
        self.body.setObjectName("template_body")
        self.body.setMinimumHeight(260)
        if i18n.song_family():
            font = QFont(i18n.song_family())
            font.setPointSize(12)
            self.body.setFont(font)
        self.signature = form.add("signature", self.tr("Signed by"), QLineEdit())
        # The name it signs with, a village's 村民委员会 too (a clerk in a village read 本社区名称).
        self.signature.setPlaceholderText(self.tr("Empty: signed %1").replace(
            "%1", place_words.committee_name(library.db)))

        fields = QWidget(self)
        grid = QGridLayout(fields)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Insert field:")), 0, 0)
        for i, name in enumerate(MERGE_FIELDS):
            button = QPushButton("{" + name + "}", fields)
            button.setObjectName(f"field_{name}")
            button.clicked.connect(lambda _c=False, n=name: self.body.insertPlainText("{" + n + "}"))
            # Two rows: nine fields in one made the dialog wider than a 1024-pixel screen.
            row, column = divmod(i, FIELDS_A_ROW)
            grid.addWidget(button, row, column + 1)

        self.new_button = QPushButton(self.tr("New template"), self)
        self.new_button.clicked.connect(self.new_template)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save_template")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete)
        self.note = QLabel(self)
        self.note.setStyleSheet("color: #555;")
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.accept)

        right = QVBoxLayout()
        right.addWidget(form, 1)
        right.addWidget(fields)
        right.addWidget(self.note)
        bar = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(close)
        right.addLayout(bar)
        outer = QHBoxLayout(self)
        outer.addWidget(self.list)
        outer.addLayout(right, 1)
        self.reload(current_id)

    def reload(self, select_id: str = "") -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.library.all():
            label = t.name + (self.tr(" (built in)") if self.library.is_built_in(t.id) else "")
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, t.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = [i for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole) == select_id]
        self.list.setCurrentRow(rows[0] if rows else 0)

    def _show(self, item) -> None:
        if item is None:
            return
        wanted = item.data(Qt.UserRole)    # saving below rebuilds the list (and this item)
        if not self._may_leave():          # back to the template being edited
            self._select(self.current.id if self.current else "")
            return
        self._select(wanted)
        self._fill(self.library.get(wanted))

    def _select(self, template_id: str) -> None:
        self.list.blockSignals(True)
        rows = [i for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole) == template_id]
        if rows:
            self.list.setCurrentRow(rows[0])
        else:
            self.list.clearSelection()
            self.list.setCurrentItem(None)
        self.list.blockSignals(False)

    def is_modified(self) -> bool:
        """Whether the form holds edits not yet saved."""
        if self.current is None:
            return False
        plain = lambda t: tuple(str(v or "").replace("\r\n", "\n") for v in (
            t.name, t.title, t.body, t.kind, t.issuer_mark, t.salutation, t.signature))
        return plain(self.edited()) != plain(self.current)

    def _may_leave(self) -> bool:
        """Before the form shows another template or the dialog closes: edits not saved are
        saved, dropped or kept on screen as the clerk answers; never lost without a word."""
        if not self.is_modified():
            return True
        name = self.name.text().strip() or self.tr("(new template)")
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The template “%1” has changes that are not saved. Save them?").replace("%1", name),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Discard:
            return True
        if answer == QMessageBox.Save:
            return self.save() is not None     # errors stay beside their fields
        return False

    def done(self, result: int) -> None:
        if self._may_leave():
            super().done(result)

    def _fill(self, t: NoticeTemplate) -> None:
        self.current = t
        self.name.setText(t.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.kind)))
        self.issuer_mark.setText(t.issuer_mark)
        self.title.setText(t.title)
        self.salutation.setText(t.salutation)
        self.body.setPlainText(t.body)
        self.signature.setText(t.signature)
        built_in = bool(t.id) and self.library.is_built_in(t.id)
        self.delete_button.setEnabled(bool(t.id) and not built_in)
        self.save_button.setText(self.tr("Save as our own copy") if built_in else self.tr("Save"))
        self.note.setText(self.tr("A built-in template stays as shipped; saving keeps your own copy.")
                          if built_in else "")
        self.form.set_errors({})

    def new_template(self) -> None:
        if not self._may_leave():
            return
        self._select("")
        self._fill(NoticeTemplate("", "", "", ""))
        self.name.setFocus()

    def edited(self) -> NoticeTemplate:
        return NoticeTemplate(self.current.id if self.current else "", self.name.text(), self.title.text(),
                              self.body.toPlainText(), self.kind.currentData(), self.issuer_mark.text(),
                              self.salutation.text(), self.signature.text())

    def save(self) -> NoticeTemplate | None:
        try:
            saved = self.library.save(self.edited())
        except InputErrors as e:
            self.form.set_errors(e.by_field())
            return None
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return None
        self.changed = True
        self.current = saved
        self.reload(saved.id)
        return saved

    def delete(self) -> None:
        if not self.current or not self.current.id:
            return
        answer = QMessageBox.question(self, self.tr("Delete template"),
                                      self.tr("Delete the template “%1”?").replace("%1", self.current.name))
        if answer != QMessageBox.Yes:
            return
        self.library.remove(self.current.id)
        self.changed = True
        self.current = None
        self.reload()
