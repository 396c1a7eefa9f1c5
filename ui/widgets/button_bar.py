"""A page's row of action buttons, each findable by its key (tests and enabling use the key)."""
from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def button_bar(parent: QWidget, actions: tuple[tuple[str, str, Callable], ...],
               main: str | None = None) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """(layout, buttons by key) for (key, text, slot) actions, left-aligned; ``main`` in bold."""
    bar, buttons = QHBoxLayout(), {}
    for key, text, slot in actions:
        button = QPushButton(text, parent)
        button.setObjectName(key)
        button.clicked.connect(slot)
        bar.addWidget(button)
        buttons[key] = button
    if main:
        buttons[main].setStyleSheet("font-weight: bold;")
    bar.addStretch(1)
    return bar, buttons
