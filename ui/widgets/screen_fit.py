"""Windows that fit the screen they open on: at most the wanted size, never larger than the
screen's available area (the taskbar excluded), and maximised when the screen is no larger than
that, so the window manager fits it exactly (1366×768 and 1024×768 office screens)."""
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Borders and a title bar, before the window manager tells: Windows 10 and most Linux desktops
# stay within these.
FRAME = QSize(16, 40)


def fitted_geometry(available: QRect, wanted: QSize, frame: QSize = FRAME) -> tuple[QRect, bool]:
    """(the window's client geometry, whether to maximise) for a screen's available area."""
    width = min(wanted.width(), available.width() - frame.width())
    height = min(wanted.height(), available.height() - frame.height())
    left = available.x() + max(0, (available.width() - width - frame.width()) // 2)
    top = available.y() + max(0, (available.height() - height - frame.height()) // 2)
    return QRect(left, top, width, height), width < wanted.width() or height < wanted.height()


def screen_of(window: QWidget) -> QScreen | None:
    """The screen under ``window``'s centre, else the primary one (None: no screen at all).
    Not window.screen(): called at each refusal of a form, that crashed the next widget made
    (PySide6 6.11.3, QScreen::virtualSiblings), seen with the care dialogs one after another."""
    return QGuiApplication.screenAt(window.geometry().center()) or QGuiApplication.primaryScreen()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    screen = screen_of(window)
    if screen is None:
        window.resize(width, height)
        return
    geometry, maximise = fitted_geometry(screen.availableGeometry(), QSize(width, height))
    window.resize(geometry.size())
    window.move(geometry.topLeft())
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowMaximized)


def grow_on_screen(window: QWidget, height: int) -> None:
    """Grow ``window`` to ``height``, but no taller than its screen's free area with a title bar,
    moved up as far as it must be for its bottom (Save) to stay in sight: the care form grown by
    two red lines was taller than a 1024×768 screen above its taskbar and Save went below it."""
    screen = screen_of(window)
    if screen is None:
        window.resize(window.width(), height)
        return
    free = screen.availableGeometry()
    window.resize(window.width(), max(window.height(), min(height, free.height() - FRAME.height())))
    over = window.y() + window.height() + FRAME.height() - (free.y() + free.height())
    if over > 0:
        window.move(window.x(), max(free.y(), window.y() - over))


def show_at(window: QWidget, width: int, height: int) -> None:
    """A fixed size whatever the screen (screenshots, tests of a layout at a given size)."""
    window.setWindowState(window.windowState() & ~Qt.WindowMaximized)
    window.resize(width, height)
