"""A page's row of action buttons, each findable by its key (tests and enabling use the key)."""
from typing import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from ui.widgets.flow_layout import FlowLayout


def button_bar(parent: QWidget, actions: tuple[tuple[str, str, Callable], ...],
               main: str | None = None) -> tuple[FlowLayout, dict[str, QPushButton]]:
    """(layout, buttons by key) for (key, text, slot) actions, left-aligned; ``main`` in bold.
    Where the width runs out (1024 pixels, English) the buttons go on to a second line, never
    wider than the window nor cut."""
    bar, buttons = FlowLayout(), {}
    for key, text, slot in actions:
        button = QPushButton(text, parent)
        button.setObjectName(key)
        button.clicked.connect(slot)
        bar.addWidget(button)
        buttons[key] = button
    if main:
        buttons[main].setStyleSheet("font-weight: bold;")
    return bar, buttons
