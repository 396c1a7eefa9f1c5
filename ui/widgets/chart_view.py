"""A chart drawn with QPainter: grouped bars or lines over labelled days or hours, with a
legend; saved as PNG the same way it is drawn on the page.

QPainter rather than Qt Charts: these charts are a few bars and lines, and Qt Charts would add
its library, its Python module and Qt's OpenGL libraries (about 4 MB) to the one-folder build."""
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.files import atomic_write
from desktop.overview.charts import Series


class ChartView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.series: Series | None = None
        self.title = ""
        self.legend: dict[str, tuple[str, str]] = {}     # series name -> (label, colour)
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def set_series(self, series: Series, title: str, legend: dict[str, tuple[str, str]]) -> None:
        self.series, self.title, self.legend = series, title, legend
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def save_png(self, path: str | Path, size: QSize = QSize(900, 500)) -> Path:
        """Draw the chart on a white image and save it (to a temporary name, then renamed)."""
        path = Path(path)
        image = QImage(size, QImage.Format_ARGB32)
        image.fill(Qt.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setFont(self.font())
        self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        # Python writes the file, so a full or pulled stick says why (FileWriteError, in Chinese).
        with atomic_write(path) as tmp:
            tmp.write_bytes(bytes(data))
        return path

    # -- drawing ---------------------------------------------------------------------------
    def paint(self, p: QPainter, rect: QRectF) -> None:
        p.fillRect(rect, QColor("#ffffff"))
        s = self.series
        font = QFont(p.font())
        metrics_h = p.fontMetrics().height()
        title_font = QFont(font)
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor("#212121"))
        p.drawText(QRectF(rect.left() + 8, rect.top() + 4, rect.width() - 16, metrics_h + 4),
                   Qt.AlignLeft | Qt.AlignVCenter, self.title)
        p.setFont(font)
        if s is None or not s.labels:
            return
        # Legend on the title line, right-aligned.
        x = rect.right() - 8
        for name in reversed(list(s.series)):
            label, colour = self.legend.get(name, (name, "#607d8b"))
            w = p.fontMetrics().horizontalAdvance(label)
            x -= w
            p.setPen(QColor("#424242"))
            p.drawText(QRectF(x, rect.top() + 4, w + 2, metrics_h + 4), Qt.AlignLeft | Qt.AlignVCenter, label)
            x -= 14
            p.fillRect(QRectF(x, rect.top() + 4 + (metrics_h + 4) / 2 - 5, 10, 10), QColor(colour))
            x -= 12
        top = rect.top() + metrics_h + 14
        peak = max([v for values in s.series.values() for v in values] + [1])
        step = _nice_step(peak)
        peak = step * -(-peak // step)
        left = rect.left() + 8 + p.fontMetrics().horizontalAdvance(str(int(peak))) + 6
        bottom = rect.bottom() - metrics_h - 6
        plot = QRectF(left, top, rect.right() - 10 - left, bottom - top)
        # Grid and the value axis.
        p.setPen(QPen(QColor("#e0e0e0"), 1))
        value = 0
        while value <= peak:
            y = plot.bottom() - plot.height() * value / peak
            p.setPen(QPen(QColor("#e0e0e0"), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#616161"))
            p.drawText(QRectF(rect.left(), y - metrics_h / 2, left - rect.left() - 4, metrics_h),
                       Qt.AlignRight | Qt.AlignVCenter, str(int(value)))
            value += step
        n = len(s.labels)
        slot = plot.width() / n
        # Labels along the bottom, thinned so they never overlap.
        widest = max(p.fontMetrics().horizontalAdvance(str(lb)) for lb in s.labels) + 6
        every = max(1, int(-(-widest // slot)))
        p.setPen(QColor("#616161"))
        for i, lb in enumerate(s.labels):
            if i % every == 0:
                p.drawText(QRectF(plot.left() + i * slot - 20, plot.bottom() + 2, slot + 40, metrics_h),
                           Qt.AlignHCenter | Qt.AlignTop, str(lb))
        names = list(s.series)
        if s.kind == "lines":
            for name in names:
                colour = QColor(self.legend.get(name, (name, "#607d8b"))[1])
                path = QPainterPath()
                for i, v in enumerate(s.series[name]):
                    point = QPointF(plot.left() + (i + 0.5) * slot, plot.bottom() - plot.height() * v / peak)
                    path.moveTo(point) if i == 0 else path.lineTo(point)
                    p.setBrush(colour)
                    p.setPen(Qt.NoPen)
                    p.drawEllipse(point, 2.5, 2.5)
                p.setBrush(Qt.NoBrush)
                p.setPen(QPen(colour, 2))
                p.drawPath(path)
        else:
            width = slot * 0.8 / max(len(names), 1)
            for k, name in enumerate(names):
                colour = QColor(self.legend.get(name, (name, "#607d8b"))[1])
                for i, v in enumerate(s.series[name]):
                    h = plot.height() * v / peak
                    p.fillRect(QRectF(plot.left() + i * slot + slot * 0.1 + k * width, plot.bottom() - h,
                                      max(width - 1, 1), h), colour)
        p.setPen(QPen(QColor("#9e9e9e"), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())


def _nice_step(peak: float) -> int:
    """A round grid step giving four or five lines: 1, 2, 5, 10, 20, 50 …"""
    raw = max(peak / 4, 1)
    base = 1
    while base * 10 <= raw:
        base *= 10
    for m in (1, 2, 5, 10):
        if base * m >= raw:
            return base * m
    return base * 10
