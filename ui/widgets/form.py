"""A form whose fields each carry their own error line, so a message sits beside its field."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #c62828;"


class FieldForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def add(self, name: str, caption: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        error.hide()
        col.addWidget(error)
        self.layout_.addRow(caption, box)
        self._errors[name], self._widgets[name] = error, widget
        return widget

    def set_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field; the first wrong field takes the focus."""
        first = None
        for name, label in self._errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            if message and first is None:
                first = self._widgets[name]
        if first is not None:
            first.setFocus()

    def error_text(self, name: str) -> str:
        label = self._errors[name]
        return label.text() if not label.isHidden() else ""
