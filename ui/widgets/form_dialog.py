"""The frame every editing dialog shares: a FieldForm, Save and Cancel, and a save that shows
each validation message beside its field and keeps the dialog open until the write succeeds.
Keys: Enter, Alt+S (保存(&S)) and Ctrl+S save; Esc cancels, asking first in a form that says so
(``ask_before_discarding``) when something was typed."""
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox,
                               QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget)

from desktop.errors import InputError, InputErrors
from ui.widgets.form import FieldForm


class FormDialog(QDialog):
    # A form half typed is not lost to one Esc (or Cancel, or the window's cross) pressed by
    # mistake: the clerk is asked first. Off unless a form turns it on (the register's do).
    ask_before_discarding = False

    def __init__(self, parent=None, min_width: int = 400, accept_button=QDialogButtonBox.Save):
        super().__init__(parent)
        self.saved = None
        self._shown_once = False
        self._as_opened: list | None = None          # what the fields held when the form opened
        self.setMinimumWidth(min_width)
        self.form = FieldForm(self)
        self.buttons = QDialogButtonBox(accept_button | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        save = self.buttons.button(QDialogButtonBox.Save)
        if save is not None:
            # 保存(&S): Alt+S, as Windows programs write it, and Ctrl+S from any field. translate()
            # names this class: self.tr() would look among the subclass's strings (PersonDialog).
            save.setText(QCoreApplication.translate("FormDialog", "&Save"))
            by_key = QShortcut(QKeySequence.Save, self)
            by_key.activated.connect(save.click)

    def lay_out(self, *above: QWidget, below: tuple[QWidget, ...] = ()) -> None:
        """Stack the widgets above the form, the form, the widgets below it, then the buttons.
        Room the dialog has beyond what they need goes to a part that can use it (a table, a
        text box) or else under them: a dialog grown by red lines, then given fewer, spread it
        over its rows and its empty line on top, and every field moved down under the guard's
        eyes (the gate's visitor form)."""
        layout = QVBoxLayout(self)
        for widget in (*above, self.form, *below):
            layout.addWidget(widget)
        if not layout.expandingDirections() & Qt.Vertical:
            layout.addStretch(1)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        """The dialog opens with the cursor in its first field, ready to type: the Save button,
        made first, took the focus, and a clerk had to Tab past Save and Cancel to begin."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._as_opened = self._field_values()
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.TabFocusReason)

    def first_field(self) -> QWidget | None:
        """Where the cursor starts; a dialog that fills some fields itself may start further on."""
        return self.form.first_field()

    def save(self) -> None:
        raise NotImplementedError

    # -- leaving without saving --------------------------------------------------------------
    def _field_values(self) -> list:
        values = []
        for widget in self.findChildren(QWidget):
            if isinstance(widget, QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QComboBox):
                values.append((widget.currentIndex(), widget.currentText()))
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                values.append(widget.toPlainText())
            elif isinstance(widget, QAbstractSpinBox):
                values.append(widget.text())
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                values.append(widget.isChecked())
        return values

    def is_dirty(self) -> bool:
        """Something was typed or chosen since the form opened."""
        return self._as_opened is not None and self._field_values() != self._as_opened

    def may_discard(self) -> bool:
        """True to close: nothing typed, or the clerk says to throw it away. Keep typing is the
        default button and Esc's answer, so a second Esc pressed in haste loses nothing."""
        if not self.ask_before_discarding or not self.is_dirty():
            return True
        box = QMessageBox(QMessageBox.Question, self.windowTitle(), QCoreApplication.translate(
            "FormDialog", "What was typed in this form is not saved."), parent=self)
        box.setInformativeText(QCoreApplication.translate("FormDialog", "Close it and lose what was typed?"))
        keep = box.addButton(QCoreApplication.translate("FormDialog", "Keep typing"), QMessageBox.RejectRole)
        discard = box.addButton(QCoreApplication.translate("FormDialog", "&Discard and close"),
                                QMessageBox.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def cancel(self) -> None:
        """Cancel, Esc and the window's cross: closed when nothing typed is lost (reject() itself
        closes at once, for the program's own use)."""
        if self.may_discard():
            self.reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self.isVisible() and self.result() != QDialog.Accepted and not self.may_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def attempt(self, write: Callable[[], object],
                errors_for: Callable[[Exception], dict[str, str] | None] = lambda e: None) -> bool:
        """Run ``write``; on bad input show the messages beside their fields and stay open.
        ``errors_for`` maps other refusals (a duplicate person) to field messages."""
        try:
            self.saved = write()
        except InputErrors as e:
            self.form.set_errors(e.by_field())
            return False
        except InputError as e:
            self.form.set_errors({e.field: e.message})
            return False
        except Exception as e:
            shown = errors_for(e)
            if shown is None:
                raise
            self.form.set_errors(shown)
            return False
        self.accept()
        return True
