"""Sending a PDF to a printer: each page rendered at the printer's resolution and painted onto
it, fitted to the paper, honouring the page range chosen in the print dialog."""
from typing import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300         # enough for text on an office laser; more only makes the spool huge


def print_pdf(document: QPdfDocument, printer: QPrinter,
              progress: Callable[[int, int], bool] | None = None) -> int:
    """Print the chosen pages; ``progress(done, total)`` returning False stops. Returns pages sent."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    pages = list(range(first - 1, last)) if first > 0 and last >= first else list(range(count))
    pages = [p for p in pages if 0 <= p < count]
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return 0
    sent = 0
    try:
        for i, page in enumerate(pages):
            if progress and not progress(i, len(pages)):
                break
            if i:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            image = document.render(page, QSize(round(size_pt.width() * dpi / 72),
                                                round(size_pt.height() * dpi / 72)))
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
            painter.setViewport(QRect(target.x(), target.y(), scaled.width(), scaled.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            painter.setWindow(QRect(0, 0, target.width(), target.height()))
            sent += 1
    finally:
        painter.end()
    return sent
