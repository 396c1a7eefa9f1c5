"""Asking where to save a file the program writes."""
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """The save dialog; '' when cancelled. A name typed without an extension gets the one of
    the kind chosen below it: a clerk types 通知, not 通知.pdf, and a file without one opens in
    nothing on the office PC (and the writers refuse it)."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    if path and not Path(path).suffix:
        if found := re.search(r"\(\*(\.\w+)", chosen or filters):
            path += found.group(1)
    return path
