"""A field's hint (its placeholder) read whole on a narrow screen: while the field is empty its
type is as large as fits, what is typed keeps the large type (the gate's entry, the canvass
page's result line)."""
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLineEdit


def hint_points(field: QLineEdit, largest: int, smallest: int, margin: int) -> int:
    """The point size ``field`` is drawn in: ``largest`` once something is typed; while it is
    empty, the largest down to ``smallest`` at which its placeholder fits its width less
    ``margin`` (the field's own padding and frame)."""
    points = largest
    if not field.text():
        room = field.contentsRect().width() - margin
        font = QFont(field.font())
        while points > smallest:
            font.setPointSize(points)
            if QFontMetrics(font).horizontalAdvance(field.placeholderText()) <= room:
                break
            points -= 1
    return points
