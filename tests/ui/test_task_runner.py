"""The one runner's promises to a caller (ui/workers/task.py): a task's end is told on the UI
thread, its state says "done" only once its listeners have heard, nobody needs to hold it while it
runs, and a page gone before the end hears nothing."""
import gc
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from ui.workers.task import Task, ThreadRunner

pytestmark = pytest.mark.gui


def test_a_task_is_done_only_once_its_listeners_have_heard(qtbot):
    """The worker set "done" before the UI thread's callbacks ran: a caller that saw it (a wait
    on the state) went on before its on_done had drawn anything."""
    heard = []
    task = Task(lambda progress, cancelled: 5)
    task.done.connect(lambda result: heard.append((result, task.state, task.result)))
    runner = ThreadRunner()
    runner.start(task)
    runner.wait(task)                       # the job is over on its thread, not yet told here
    assert task.state == "running" and task.result is None and heard == []
    qtbot.waitUntil(lambda: task.state == "done", timeout=10_000)
    assert heard == [(5, "done", 5)]


def test_a_failure_is_told_with_its_state(qtbot):
    heard = []
    task = Task(lambda progress, cancelled: 1 / 0)
    task.failed.connect(lambda exc: heard.append((type(exc), task.state, task.error is exc)))
    runner = ThreadRunner()
    runner.start(task)
    runner.wait(task)
    assert task.state == "running" and task.error is None
    qtbot.waitUntil(lambda: bool(heard), timeout=10_000)
    assert heard == [(ZeroDivisionError, "failed", True)]


def test_a_task_nobody_holds_still_tells_its_end(qtbot):
    heard = []
    runner = ThreadRunner()
    task = Task(lambda progress, cancelled: "made")
    task.done.connect(heard.append)
    runner.start(task)
    del task
    gc.collect()
    qtbot.waitUntil(lambda: heard == ["made"], timeout=10_000)
    runner.wait()


def test_a_page_gone_before_the_end_hears_nothing(qtbot):
    heard, release = [], threading.Event()
    page = QWidget()
    task = Task(lambda progress, cancelled: release.wait(10), owner=page)
    task.done.connect(lambda result: heard.append(page.objectName()))   # would touch the gone page
    runner = ThreadRunner()
    runner.start(task)
    shiboken6.delete(page)
    release.set()
    runner.wait(task)
    qtbot.waitUntil(lambda: task.state == "done", timeout=10_000)
    assert heard == [] and task.result is True


def test_a_progress_whose_dialog_closes_meanwhile_says_nothing_more(qtbot):
    """A window-modal progress dialog's setValue lets events through, and the job's end could
    close the dialog right then: the label that follows the work was asked of a dialog gone
    (AttributeError in the event loop, seen when a copy to the stick was cancelled)."""
    from ui.workers.task import Job
    page = QWidget()
    qtbot.addWidget(page)
    job = Job(page, "t", lambda done, total: f"{done}/{total}", Task(lambda progress, cancelled: None),
              None, None, None)
    dialog = job.dialog
    dialog.setValue = lambda value: job._close_dialog()      # the end delivered inside setValue
    job._progress(1, 2)
    assert job.dialog is None and dialog.labelText() == "0/0"


def test_the_words_of_a_report_shown_meanwhile_are_not_put_back_by_an_older_one(qtbot):
    """The next report, let through by the window-modal dialog's setValue, was shown first; then
    the older report set its own words over it: 复制到U盘 said 正在加密备份…… again while the backup
    was read back."""
    from ui.workers.task import Job
    page = QWidget()
    qtbot.addWidget(page)
    job = Job(page, "t", lambda done, total: "读回" if done > 1 else "加密", Task(lambda progress, cancelled: None),
              None, None, None)
    real_set_value, nested = job.dialog.setValue, []

    def set_value(value):                           # the read-back's report delivered inside setValue
        real_set_value(value)
        if not nested:
            nested.append(value)
            job._progress(2, 3)
    job.dialog.setValue = set_value
    job._progress(1, 3)
    assert job.dialog.labelText() == "读回" and job.dialog.value() == 2
    job._close_dialog()
