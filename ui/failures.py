"""Failures in the window: a message the user can act on, or a copyable report for a bug.

``install_handlers()`` makes ``sys.excepthook`` and ``threading.excepthook`` (and so every
exception that escapes a Qt slot, which PySide6 hands to sys.excepthook) end here: the window
stays alive, a known failure (disk full, a locked or read-only file, bad input) is shown as its
Chinese message, and anything else as a report without personal data that is also written to
the log (desktop/failures.py). A traceback is never shown as such.
"""
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from desktop.failures import record, user_message


class ReportDialog(QDialog):
    """An unexpected failure: what to do, and the report to copy for the technician."""

    def __init__(self, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("failure_report")
        self.setWindowTitle(self.tr("Unexpected problem"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Menshen met an unexpected problem. What was saved before is safe; the last action may "
            "not have been completed. Please copy this report and give it to your technician. It "
            "holds no names, ID numbers or phone numbers."), self, wordWrap=True))
        self.text = QPlainTextEdit(report, self)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 220)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        copy = buttons.addButton(self.tr("Copy the report"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_failure(exc: BaseException, parent: QWidget | None = None, title: str = "", path: Path | str = "",
                 *, reading: bool = False) -> None:
    """Show what went wrong: the Chinese message of a known failure, else a report (logged).
    ``path``: the file the clerk chose, named when the system's error names none (a full stick);
    ``reading``: it was being read (a template, a ledger), not saved."""
    if QApplication.instance() is None:
        # A failure before the window (a full or read-only data folder): the bundled font, or a
        # PC without a CJK font shows the message as boxes; the settings could not be read.
        from ui.startup import chinese_qt_app
        chinese_qt_app()
    message = user_message(exc, path, reading=reading)
    title = title or QApplication.translate("Failures", "Menshen")
    if message is not None:
        QMessageBox.warning(parent, title, message)
        return
    _show_report(record(type(exc), exc, exc.__traceback__), parent)


def _show_report(report: str, parent: QWidget | None) -> None:
    global _showing
    if _showing:            # a failure while the report is open: logged, not stacked
        return
    _showing = True
    try:
        dialog = ReportDialog(report, parent or QApplication.activeWindow())
        dialog.exec()
        dialog.deleteLater()
    finally:
        _showing = False


_showing = False


class _Relay(QObject):
    """Carries a failure of another thread to the UI thread (it lives there)."""
    failed = Signal(object)

    def __init__(self):
        super().__init__()
        self.failed.connect(self.show)

    def show(self, exc) -> None:
        show_failure(exc)


_relay: _Relay | None = None


def _hook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is None:
        exc = exc_type()
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    if _relay is not None and threading.current_thread() is not threading.main_thread():
        # PySide hands what escapes a worker thread's Python code (a QThread's run) to this hook
        # on that thread: the report is shown from the UI thread, as a thread's (_thread_hook).
        _relay.failed.emit(exc)
        return
    try:
        show_failure(exc)
    except Exception:           # never let the handler itself take the window down
        record(exc_type, exc, tb)


def _thread_hook(args) -> None:
    if args.exc_type is SystemExit:
        return
    exc = args.exc_value or args.exc_type()
    if _relay is not None:
        _relay.failed.emit(exc)
    else:
        record(args.exc_type, exc, args.exc_traceback)


def install_handlers() -> None:
    """Route every unexpected exception of the window to ``show_failure``."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    sys.excepthook = _hook
    threading.excepthook = _thread_hook
