"""The field form every dialog uses: each message is shown, even one with no field of its own."""
from PySide6.QtWidgets import QLineEdit

from ui.widgets.form import FieldForm


def test_a_message_without_its_field_is_still_shown(qtbot):
    form = FieldForm()
    qtbot.addWidget(form)
    form.add("reason", "原因", QLineEdit())
    form.set_errors({"reason": "", "rule": "超出规定：本户今天已出去1人"})
    assert form.error_text("") == "超出规定：本户今天已出去1人" and form.error_text("reason") == ""
    form.set_errors({"reason": "请填写原因"})             # the next try clears what no longer holds
    assert form.error_text("") == "" and form.error_text("reason") == "请填写原因"
