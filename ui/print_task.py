"""Print jobs on the program's one runner (ui/workers/task.py): a form is drawn to PDF off the
UI thread with progress and a cancel that stops it between items; the window never freezes on
6,514 letters."""
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.failures import user_message
from desktop.files import describe_scratch_error
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.printing.pages import Cancelled
from desktop.register import Register
from ui.workers.task import Task, shared_runner


class PrintTask(QObject):
    """One print job. Connect to its signals, then ``start()``; ``cancel()`` stops it."""
    progress = Signal(int, int)
    done = Signal(object)           # desktop.printing.pages.Printed
    failed = Signal(str)            # a message for the user, in Chinese
    cancelled = Signal()
    finished = Signal()             # after any of done / failed / cancelled

    def __init__(self, register: Register, request: PrintRequest, path: Path, parent=None, runner=None,
                 preview: bool = False):
        super().__init__(parent)
        self.path, self.preview = Path(path), preview
        self.runner = runner

        def draw(progress, cancelled):
            def step(done: int, total: int) -> None:
                if cancelled():
                    raise Cancelled()
                progress(done, total)
            return print_form(register, request, self.path, step)
        self.task = Task(draw)
        self.task.progress.connect(self.progress)
        self.task.done.connect(self.done)
        self.task.failed.connect(self._failed)
        self.task.was_cancelled.connect(self.cancelled)
        self.task.finished.connect(self.finished)

    def _failed(self, exc) -> None:
        if self.preview and isinstance(exc, OSError):   # a file of the program's own, not one the clerk named
            self.failed.emit(describe_scratch_error(exc, self.path.parent))
            return
        message = user_message(exc, self.path)
        if message is None:             # a bug: the report, logged, then the page's own line
            from ui.failures import show_failure
            show_failure(exc, None)
            message = self.tr("The pages could not be drawn (see the report).")
        self.failed.emit(message)

    def start(self) -> None:
        (self.runner or shared_runner()).start(self.task)

    def cancel(self) -> None:
        self.task.cancel()

    def wait(self, ms: int = 60000) -> bool:
        (self.runner or shared_runner()).wait(self.task)
        return True
