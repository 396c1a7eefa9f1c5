"""Print jobs off the UI thread: a form is drawn to PDF in a worker thread with progress and a
cancel that stops it between items; the window never freezes on 6,514 letters."""
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.printing.pages import Cancelled
from desktop.register import Register


class _Worker(QObject):
    progress = Signal(int, int)
    done = Signal(object)           # desktop.printing.pages.Printed
    failed = Signal(str)            # a message for the user, in Chinese
    cancelled = Signal()

    def __init__(self, register: Register, request: PrintRequest, path: Path):
        super().__init__()
        self.register, self.request, self.path = register, request, path
        self.cancel_requested = False

    def _progress(self, done: int, total: int) -> None:
        if self.cancel_requested:
            raise Cancelled()
        self.progress.emit(done, total)

    def run(self) -> None:
        try:
            printed = print_form(self.register, self.request, self.path, self._progress)
        except Cancelled:
            self.cancelled.emit()
        except InputErrors as e:
            self.failed.emit("；".join(err.message for err in e.errors))
        except (InputError, NotFoundError) as e:
            self.failed.emit(e.message)
        except OSError as e:        # disk full, a read-only stick, a file open in a viewer
            self.failed.emit(f"无法写入文件：{e.strerror or e}（{self.path}）")
        else:
            self.done.emit(printed)


class PrintTask(QObject):
    """One print job. Connect to its signals, then ``start()``; ``cancel()`` stops it."""
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()             # after any of done / failed / cancelled

    def __init__(self, register: Register, request: PrintRequest, path: Path, parent=None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _Worker(register, request, Path(path))
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        for signal, mine in ((self.worker.done, self.done), (self.worker.failed, self.failed),
                             (self.worker.cancelled, self.cancelled)):
            signal.connect(mine)
            signal.connect(self.thread.quit)
        self.thread.finished.connect(self.finished)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_requested = True

    def wait(self, ms: int = 60000) -> bool:
        return self.thread.wait(ms)
