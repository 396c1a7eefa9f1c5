"""The field form every dialog uses: each message is shown, even one with no field of its own."""
from PySide6.QtWidgets import QLabel, QLineEdit

from ui.widgets.form import FieldForm


def test_a_message_without_its_field_is_still_shown(qtbot):
    form = FieldForm()
    qtbot.addWidget(form)
    form.add("reason", "原因", QLineEdit())
    form.set_errors({"reason": "", "rule": "超出规定：本户今天已出去1人"})
    assert form.error_text("") == "超出规定：本户今天已出去1人" and form.error_text("reason") == ""
    form.set_errors({"reason": "请填写原因"})             # the next try clears what no longer holds
    assert form.error_text("") == "" and form.error_text("reason") == "请填写原因"


def test_a_message_that_wraps_is_shown_whole_in_its_dialog(qtbot):
    from ui.widgets.form_dialog import FormDialog
    dialog = FormDialog(min_width=360)
    qtbot.addWidget(dialog)
    dialog.form.add("reason", "原因 *", QLineEdit())
    dialog.lay_out()
    with qtbot.waitExposed(dialog):
        dialog.show()
    long = "请填写来访事由（例如：送药、探望老人、维修水电、快递外卖），以便追踪来访人员的去向。"
    dialog.form.set_errors({"reason": long})
    qtbot.wait(10)
    label = dialog.form.findChild(QLabel, "error_reason")
    assert label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().height()
