"""The frame every editing dialog shares: a FieldForm, Save and Cancel, and a save that shows
each validation message beside its field and keeps the dialog open until the write succeeds."""
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.errors import InputError, InputErrors
from ui.widgets.form import FieldForm


class FormDialog(QDialog):
    def __init__(self, parent=None, min_width: int = 400, accept_button=QDialogButtonBox.Save):
        super().__init__(parent)
        self.saved = None
        self._shown_once = False
        self.setMinimumWidth(min_width)
        self.form = FieldForm(self)
        self.buttons = QDialogButtonBox(accept_button | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *above: QWidget, below: tuple[QWidget, ...] = ()) -> None:
        """Stack the widgets above the form, the form, the widgets below it, then the buttons."""
        layout = QVBoxLayout(self)
        for widget in (*above, self.form, *below, self.buttons):
            layout.addWidget(widget)

    def showEvent(self, event) -> None:
        """The dialog opens with the cursor in its first field, ready to type: the Save button,
        made first, took the focus, and a clerk had to Tab past Save and Cancel to begin."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            first = self.first_field()
            if first is not None:
                first.setFocus(Qt.TabFocusReason)

    def first_field(self) -> QWidget | None:
        """Where the cursor starts; a dialog that fills some fields itself may start further on."""
        return self.form.first_field()

    def save(self) -> None:
        raise NotImplementedError

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
