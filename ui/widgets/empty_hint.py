"""What to do, written inside an empty list or table (a blank pane never leaves a user guessing).

The hint is a label over the view's viewport, shown while the view is empty; it lets mouse
clicks through and follows the view's size. An item view is empty when its model has no rows;
any other scroll area (a drawing in a QScrollArea) says when it is empty with ``empty`` and
calls ``update()`` after each change of what it shows.
"""
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel
from shiboken6 import isValid


class EmptyHint(QObject):
    def __init__(self, view: QAbstractScrollArea, text: str = "", empty: Callable[[], bool] | None = None):
        super().__init__(view)
        self.view = view
        self._empty = empty
        self.label = QLabel(text, view.viewport())
        self.label.setObjectName(f"{view.objectName() or 'view'}_hint")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignCenter)
        self.label.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.label.setStyleSheet("color: #607d8b; font-size: 12pt; padding: 16px;")
        view.viewport().installEventFilter(self)
        self._model = None
        self._watch()
        self.update()

    def _watch(self) -> None:
        model = self.view.model() if self._empty is None else None
        if model is self._model or model is None:
            return
        self._model = model
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.update()

    def text(self) -> str:
        return self.label.text()

    def shown(self) -> bool:
        """The hint is what the user sees in the pane (it is empty and has a hint)."""
        return not self.label.isHidden()

    def is_empty(self) -> bool:
        if self._empty is not None:
            return self._empty()
        model = self.view.model()
        return model is None or model.rowCount() == 0

    def update(self, *_args) -> None:
        if not isValid(self.view) or not isValid(self.label):     # a list clears itself as it closes
            return
        self._watch()
        self.label.setVisible(self.is_empty() and bool(self.label.text()))
        self.label.setGeometry(self.view.viewport().rect())
        self.label.raise_()                  # over a scroll area's widget, added before or after

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Resize:
            self.label.setGeometry(self.view.viewport().rect())
        return False
