"""What to do, written inside an empty list or table (a blank pane never leaves a user guessing).

The hint is a label over the view's viewport, shown while the model has no rows; it lets mouse
clicks through and follows the view's size.
"""
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from shiboken6 import isValid


class EmptyHint(QObject):
    def __init__(self, view: QAbstractItemView, text: str = ""):
        super().__init__(view)
        self.view = view
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
        model = self.view.model()
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

    def update(self, *_args) -> None:
        if not isValid(self.view) or not isValid(self.label):     # a list clears itself as it closes
            return
        self._watch()
        model = self.view.model()
        empty = model is None or model.rowCount() == 0
        self.label.setVisible(empty and bool(self.label.text()))
        self.label.setGeometry(self.view.viewport().rect())

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Resize:
            self.label.setGeometry(self.view.viewport().rect())
        return False
