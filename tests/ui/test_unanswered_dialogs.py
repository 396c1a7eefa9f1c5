"""A blocking dialog a test neither patches nor answers fails the test with its text at once
(tests/conftest.py, ``unanswered_dialogs_fail``), where it used to hang CI until its limit."""
import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests import conftest

pytestmark = pytest.mark.gui


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(conftest, "MODAL_GRACE", 0.05)


def test_an_unanswered_message_box_is_closed_and_noted_with_its_text(qtbot, quick):
    QMessageBox.warning(None, "门神", "U盘是只读的，请换一个U盘。")      # returns: no hang
    assert conftest.unanswered == ["门神 | U盘是只读的，请换一个U盘。"]
    assert QApplication.activeModalWidget() is None
    conftest.unanswered.clear()                  # noted on purpose here: this test passes


def test_an_unanswered_report_of_a_bug_is_closed_and_noted(qtbot, quick):
    from ui.failures import show_failure
    show_failure(ZeroDivisionError("division by zero"))
    [report] = conftest.unanswered
    assert "ZeroDivisionError" in report
    conftest.unanswered.clear()


def test_a_test_that_left_a_dialog_unanswered_fails_with_its_text(qtbot, quick):
    QMessageBox.warning(None, "门神", "磁盘空间已满")
    call = conftest.pytest_runtest_call(None)          # the test's call, as pytest runs it
    next(call)
    with pytest.raises(pytest.fail.Exception, match="nobody answered(?s:.*)" + re.escape("门神 | 磁盘空间已满")):
        call.send(None)
    assert conftest.unanswered == []


def test_a_dialog_the_test_answers_is_no_failure(qtbot, quick):
    box = QMessageBox(QMessageBox.Question, "门神", "删除这一户？", QMessageBox.Yes | QMessageBox.No)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().done(QMessageBox.Yes))
    assert box.exec() == QMessageBox.Yes
    assert conftest.unanswered == [] and QDialog.exec.__wrapped__      # the guard was on
