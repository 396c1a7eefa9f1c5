"""A field's hint (its placeholder) read whole on a narrow screen: while the field is empty its
type is as large as fits, what is typed keeps the large type (the gate's entry, the canvass
page's result line)."""
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLineEdit


def _fitting(text: str, font: QFont, room: int, largest: int, smallest: int) -> int | None:
    """The largest point size from ``largest`` down to ``smallest`` at which ``text`` fits ``room``."""
    for points in range(largest, smallest - 1, -1):
        font.setPointSize(points)
        if QFontMetrics(font).horizontalAdvance(text) <= room:
            return points
    return None


def hint_points(field: QLineEdit, largest: int, smallest: int, margin: int, hints: tuple[str, ...] = ()) -> int:
    """The point size ``field`` is drawn in: ``largest`` once something is typed; while it is
    empty, the largest down to ``smallest`` at which its placeholder fits its width less
    ``margin`` (the field's own padding and frame). ``hints``: the placeholder and shorter ones
    after it, the first that fits at ``smallest`` or larger put in the field (the last if none
    does): the canvass line's four results in English did not fit at 1024."""
    if field.text():
        return largest
    room = field.contentsRect().width() - margin
    font = QFont(field.font())
    for hint in hints or (field.placeholderText(),):
        points = _fitting(hint, font, room, largest, smallest)
        if points is not None:
            break
    else:
        points = smallest           # none fits: the last, as small as it is drawn
    if field.placeholderText() != hint:
        field.setPlaceholderText(hint)
    return points
