"""The battle map of one compound on screen: blocks of units and floors, a cell per household
in the colour of its most serious status (desktop/overview/battle_map.py lays them out, the
same layout as the A3 print). Hover shows the household; a click opens it in the register."""
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop import vocab
from desktop.overview.battle_map import EMPTY, FILTERS, MapCompound, MapHousehold, layout, matches
from ui import i18n

EMPTY_COLOUR = "#bdbdbd"
CELL_W, CELL_H, GAP, HEADER, UNIT_GAP, MARGIN = 44, 22, 14, 20, 4, 8


def colour_of(status: str) -> str:
    return EMPTY_COLOUR if status == EMPTY else vocab.status_colour(status)


class BattleMapView(QWidget):
    household_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.compound: MapCompound | None = None
        self.public = False
        self.filters: set[str] = set()
        self._layout = None
        self._cells: list[tuple[QRectF, MapHousehold]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)

    def set_compound(self, compound: MapCompound | None, public: bool = False) -> None:
        self.compound, self.public = compound, public
        self._relayout()

    def set_filters(self, filters: set[str]) -> None:
        self.filters = set(filters)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, self.minimumHeight() or 400)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout()

    def _relayout(self) -> None:
        self._cells = []
        if self.compound is None:
            self._layout = None
            self.setMinimumHeight(0)
            self.update()
            return
        width = max(self.width() - 2 * MARGIN, CELL_W * 4)
        self._layout = layout(self.compound, CELL_W, CELL_H, width, gap=GAP, header=HEADER, unit_gap=UNIT_GAP)
        self._cells = [(QRectF(MARGIN + c.x, MARGIN + c.y, CELL_W, CELL_H), c.household)
                       for b in self._layout.blocks for c in b.cells]
        self.setMinimumHeight(int(self._layout.height) + 2 * MARGIN)
        self.update()

    def household_at(self, x: float, y: float) -> MapHousehold | None:
        for rect, h in self._cells:
            if rect.contains(x, y):
                return h
        return None

    def cell_rect(self, household_id: str) -> QRectF | None:
        return next((r for r, h in self._cells if h.id == household_id), None)

    def describe(self, h: MapHousehold) -> str:
        status = self.tr("Nobody registered") if h.status == EMPTY else i18n.label(vocab.STATUS, h.status)
        lines = [f"{self.compound.name} {h.address}", status,
                 self.tr("%1 people").replace("%1", str(h.members))]
        if h.head and not self.public:
            # 户主 for the head; tenants with nobody marked head are named by one of them (住户).
            lines.insert(1, (self.tr("Head: %1") if h.has_head else self.tr("Lives here: %1")).replace("%1", h.head))
        if h.flags:
            lines.append("、".join(i18n.label(FILTERS, f) for f in FILTERS if f in h.flags))
        return "\n".join(lines)

    def cell_text(self, h: MapHousehold, metrics: QFontMetrics) -> str:
        """The cell's label as it fits, cut from the left: a house outside buildings is known by
        the end of its address (红旗路平房4号 as …平房4号); cut both sides, every cell of a
        street's houses read 旗路平房 and none could be told apart."""
        return metrics.elidedText(h.label, Qt.ElideLeft, CELL_W - 2)

    def cell_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 7))
        return small

    def mouseMoveEvent(self, event) -> None:
        h = self.household_at(event.position().x(), event.position().y())
        if h is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(h), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:
        h = self.household_at(event.position().x(), event.position().y())
        if h is not None and event.button() == Qt.LeftButton:
            self.household_clicked.emit(h.id)
        super().mousePressEvent(event)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if self._layout is None:
            p.end()
            return
        title = QFont(self.font())
        title.setBold(True)
        small = self.cell_font()
        for b in self._layout.blocks:
            p.setFont(title)
            p.setPen(QColor("#212121"))
            p.drawText(QRectF(MARGIN + b.x, MARGIN + b.y, max(b.width, 60), HEADER - 2),
                       Qt.AlignLeft | Qt.AlignVCenter, b.title)
            if b.is_building:
                p.setPen(QPen(QColor("#616161"), 1))
                p.drawRect(QRectF(MARGIN + b.x - 1, MARGIN + b.y + HEADER - 1, b.width + 2, b.rows * CELL_H + 2))
        p.setFont(small)
        metrics = p.fontMetrics()
        for rect, h in self._cells:
            colour = QColor(colour_of(h.status))
            faded = bool(self.filters) and not matches(h, self.filters)
            if faded:
                colour.setAlpha(45)
            p.fillRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), colour)
            p.setPen(QColor("#9e9e9e") if faded else (QColor("#212121") if h.status == EMPTY else QColor("#ffffff")))
            p.drawText(rect, Qt.AlignCenter, self.cell_text(h, metrics))
        p.end()
