"""Long work off the UI thread: ONE runner for every long job (import, export, template fill,
first-run demo, printing), with progress and cancel.

A job is ``fn(progress, cancelled)``: ``progress(done, total)`` reports (total 0: unknown),
``cancelled()`` asks whether to stop. A ``Task`` wraps it; ``shared_runner()`` is the runner of
the whole program: a ``ThreadRunner`` (each task in its own QThread, signals delivered on the UI
thread, queued) — or, in tests, an ``InlineRunner`` that runs the task at once (deterministic).
``run_job`` adds what every page wants: a progress dialog that appears only if the job takes
longer than a moment, its Cancel button, and the failure shown as a message (a report for a bug).
Database work in a task reads through its thread's own reader and writes through the one writer
(db/connection.py), so the window never waits on it.
"""
import atexit
import threading
import traceback

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

PROGRESS_DELAY_MS = 400


class JobCancelled(Exception):
    """Raised by a job's progress callback once the user asked to stop (see ``checked``)."""


def checked(progress, cancelled):
    """A progress callback for desktop code that has no ``cancelled`` of its own: it stops the
    job (raises JobCancelled) at its next report once cancel was pressed."""
    def report(done: int, total: int) -> None:
        if cancelled():
            raise JobCancelled()
        progress(done, total)
    return report


class Task(QObject):
    """``fn(progress, cancelled)``: progress(done, total) reports, cancelled() asks to stop.
    Ends with exactly one of done(result) / failed(exception) / was_cancelled(), then finished().
    Every signal is emitted on the thread that made the task (the UI thread), whatever runs the
    job: a lambda connected to one runs there too. A plain function or lambda has no thread of
    its own, and PySide ran it on the emitting worker thread: the audit page's failure line was
    set from there (widgets touched off the UI thread crash the program on Windows).

    ``state`` goes waiting -> running (the job has started) -> done | failed | cancelled. The end
    state, ``result`` and ``error`` are set on the UI thread just before the signals, so a
    caller that sees "done" knows its on_done has run (the worker once set them first).
    A task is kept alive from its start until its end is delivered, whoever else drops it; one
    made for a page (``owner``) says nothing once the page is gone."""
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)
    was_cancelled = Signal()
    finished = Signal()
    # From the worker to the task itself, which never leaves its thread: queued, so the public
    # signals above are emitted on the UI thread (_report, _end).
    _reported = Signal(int, int)
    _ended = Signal(str, object)

    def __init__(self, fn, parent=None, *, owner: QObject | None = None):
        super().__init__(parent)
        self.fn, self.owner = fn, owner
        self._cancel = threading.Event()
        self.result = None
        self.error: BaseException | None = None
        self.state = "waiting"          # waiting | running | done | failed | cancelled
        self._reported.connect(self._report)
        self._ended.connect(self._end)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        """The job, on whatever thread runs it; its end is handed to the task's own thread."""
        _live.add(self)                 # kept until its end is delivered, whoever else drops it
        self.state = "running"
        try:
            result = self.fn(lambda done, total: self._reported.emit(done, total), self.cancelled)
        except Exception as exc:            # handed to the UI thread, which shows it
            # After a cancel, what stops the job is the cancel (the importer's own exception,
            # the printer's Cancelled, JobCancelled), not a failure.
            if self.cancelled() or isinstance(exc, JobCancelled) or type(exc).__name__ in (
                    "Cancelled", "ImportCancelled"):
                self._ended.emit("cancelled", exc)
            else:
                exc.trace = traceback.format_exc()
                self._ended.emit("failed", exc)
        else:
            self._ended.emit("done", result)

    @Slot(int, int)
    def _report(self, done: int, total: int) -> None:
        if self._heard():
            self.progress.emit(done, total)

    @Slot(str, object)
    def _end(self, state: str, outcome) -> None:
        _live.discard(self)
        if state == "done":
            self.state, self.result = state, outcome
        else:
            self.state, self.error = state, outcome
        if not self._heard():
            return
        if state == "cancelled":
            self.was_cancelled.emit()
        elif state == "failed":
            self.failed.emit(outcome)
        else:
            self.done.emit(outcome)
        self.finished.emit()

    def _heard(self) -> bool:
        """Whether anyone is left to hear the task: its owner (a page) may be gone."""
        return self.owner is None or shiboken6.isValid(self.owner)


_live: set[Task] = set()        # tasks started and not yet ended on the UI thread


class _TaskThread(QThread):
    """One task's thread: it runs the job and ends with it (no event loop to quit, so a UI
    thread that waits for it, a page closing, never waits for a quit it would deliver itself)."""

    def __init__(self, task: Task):
        super().__init__()
        self.task = task                # a task collected while its thread runs takes the thread down

    def run(self) -> None:
        self.task.run()


class ThreadRunner:
    """Runs each task in its own QThread; its signals are emitted on the UI thread (Task)."""

    def __init__(self):
        self._threads: list[QThread] = []
        # A program that ends while a task still runs (a login given up while the fonts
        # unpack) waits for it: Qt aborts the process when a running thread is destroyed.
        atexit.register(self.wait)

    def start(self, task: Task) -> None:
        thread = _TaskThread(task)
        thread.finished.connect(lambda: self._threads.remove(thread) if thread in self._threads else None)
        self._threads.append(thread)
        task.thread_ = thread
        thread.start()

    def busy(self) -> bool:
        return any(t.isRunning() for t in self._threads)

    def wait(self, task: Task | None = None) -> None:
        """Wait for ``task``'s thread to end, or for every task's."""
        threads = [getattr(task, "thread_", None)] if task is not None else list(self._threads)
        for thread in threads:
            if thread is not None:
                thread.wait()


class InlineRunner:
    """Runs a task at once on the calling thread (tests)."""

    def start(self, task: Task) -> None:
        task.run()

    def busy(self) -> bool:
        return False

    def wait(self, task: Task | None = None) -> None:
        pass


_shared = None


def shared_runner():
    """The one runner of the program."""
    global _shared
    if _shared is None:
        _shared = ThreadRunner()
    return _shared


def use_runner(runner):
    """Replace the program's runner (tests use an InlineRunner); returns the one it replaced."""
    global _shared
    old, _shared = _shared, runner
    return old


class Job(QObject):
    """The UI side of one task: its progress dialog and what happens when it ends, on the UI
    thread (where the task's signals are emitted)."""

    def __init__(self, parent: QWidget | None, title: str, label: str, task: Task, on_done, on_failed,
                 on_cancelled):
        super().__init__()
        self.parent_widget, self.title, self.task = parent, title, task
        self.on_done, self.on_failed, self.on_cancelled = on_done, on_failed, on_cancelled
        # A label may follow the work: a function of (done, total) (a copy, then its read-back).
        self.label_for = label if callable(label) else None
        self.reports = 0                # how many reports were shown (``_progress``)
        self.dialog = QProgressDialog(label(0, 0) if self.label_for else label, QProgressDialog.tr("Cancel"),
                                      0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        # Shown after the delay even by a job that reports no progress (a backup waiting for the
        # integrity check): Qt arms that only at a value equal to the minimum, so its Cancel was never seen.
        self.dialog.setValue(0)
        # Direct: the job asks ``cancelled()`` from its worker thread; nothing queued may stand
        # between the press and the flag (a queued cancel once arrived after the job ended).
        self.dialog.canceled.connect(task.cancel, Qt.DirectConnection)
        task.progress.connect(self._progress)
        task.done.connect(self._done)
        task.failed.connect(self._failed)
        task.was_cancelled.connect(self._cancelled)
        task.finished.connect(self._finished)

    def _progress(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is not None:
            self.reports += 1
            mine = self.reports
            dialog.setMaximum(max(total, 0))
            # A window-modal dialog's setValue lets events through: the job's end may close the
            # dialog meanwhile (self.dialog None; its label was then asked of None), and the next
            # reports be shown: this one's words, set after theirs, named a step already over
            # (正在加密备份 again during the read-back).
            dialog.setValue(min(done, total) if total else 0)
            if self.dialog is dialog and self.reports == mine and self.label_for is not None \
                    and (text := self.label_for(done, total)) != dialog.labelText():
                dialog.setLabelText(text)

    def _done(self, result) -> None:
        self._close_dialog()
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, exc) -> None:
        self._close_dialog()
        if self.on_failed is not None:
            self.on_failed(exc)
        else:
            from ui.failures import show_failure
            show_failure(exc, self.parent_widget, self.title)

    def _cancelled(self) -> None:
        self._close_dialog()
        if self.on_cancelled is not None:
            self.on_cancelled()

    def _finished(self) -> None:
        self._close_dialog()
        _running.discard(self)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.canceled.disconnect(self.task.cancel)
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()


_running: set[Job] = set()      # a job outlives the page that started it, until it ends


_background: set[Task] = set()  # tasks with no progress dialog (the day's backup), until they end


def start_background(task: Task) -> None:
    """Run ``task`` on the shared runner with no dialog; ``cancel_all`` stops it as it does a job."""
    _background.add(task)
    task.finished.connect(lambda: _background.discard(task))
    shared_runner().start(task)


def cancel_all() -> None:
    """Ask every running job and background task to stop (the window is closing)."""
    for job in list(_running):
        job.task.cancel()
    for task in list(_background):
        task.cancel()


def run_job(parent: QWidget | None, title: str, label, fn, on_done=None, *, on_failed=None,
            on_cancelled=None, runner=None) -> Task:
    """Run ``fn`` on the shared runner with a progress dialog (shown after a moment; Cancel
    stops the job at its next report) saying ``label`` (or ``label(done, total)`` as it goes).
    ``on_done(result)`` runs on the UI thread; a failure is shown as a message (``on_failed(exc)``
    instead, if given)."""
    task = Task(fn)
    job = Job(parent, title, label, task, on_done, on_failed, on_cancelled)
    _running.add(job)
    (runner or shared_runner()).start(task)
    return task


def run_and_wait(parent: QWidget | None, title: str, label, fn):
    """Run ``fn`` as a job and wait for it while the window keeps processing events (the
    first-run demo, before the window exists); returns its result or raises its failure."""
    loop = QEventLoop()
    task = run_job(parent, title, label, fn, on_failed=lambda exc: None)
    # The state ends on this thread, with the signals: an end not seen here is still to come.
    if task.state in ("waiting", "running"):
        task.finished.connect(loop.quit)
        loop.exec()
    if task.state == "failed":
        raise task.error
    return task.result


def wait_for(condition, seconds: float) -> bool:
    """Process events until ``condition()`` holds or ``seconds`` pass (a page that counts in the
    background, waited for by a screenshot or a test)."""
    import time
    from PySide6.QtCore import QCoreApplication
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return condition()
