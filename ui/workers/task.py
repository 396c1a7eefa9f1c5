"""Long work off the UI thread: a callable that reports progress and can be cancelled.

``ThreadRunner`` runs it in a QThread and delivers ``done``/``failed`` on the UI thread;
``InlineRunner`` runs it at once (tests: deterministic, no waiting).
"""
import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal


class Task(QObject):
    """``fn(progress, cancelled)``: progress(done, total) reports, cancelled() asks to stop."""
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn, parent=None):
        super().__init__(parent)
        self.fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.progress.emit(done, total), self.cancelled)
        except Exception as exc:            # handed to the UI thread, which shows it
            exc.trace = traceback.format_exc()
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class ThreadRunner:
    """Runs each task in its own QThread; the signals arrive on the UI thread (queued)."""

    def __init__(self):
        self._threads: list[QThread] = []

    def start(self, task: Task) -> None:
        thread = QThread()
        task.moveToThread(thread)
        thread.started.connect(task.run)
        task.done.connect(thread.quit)
        task.failed.connect(thread.quit)
        thread.finished.connect(lambda: self._threads.remove(thread) if thread in self._threads else None)
        self._threads.append(thread)
        thread.start()

    def wait(self) -> None:
        for thread in list(self._threads):
            thread.wait()


class InlineRunner:
    def start(self, task: Task) -> None:
        task.run()

    def wait(self) -> None:
        pass
