"""A grid of check boxes over a coded vocabulary (categories, needs, symptoms): codes in, codes out."""
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from ui import i18n


class CodeChecks(QWidget):
    def __init__(self, vocabulary: dict, columns: int = 3, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for n, code in enumerate(vocabulary):
            box = QCheckBox(i18n.label(vocabulary, code), self)
            box.setObjectName(f"check_{code}")
            grid.addWidget(box, n // columns, n % columns)
            self.boxes[code] = box

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_codes(self, codes) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)
