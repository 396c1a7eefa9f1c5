"""The notice editor: built-ins kept, the office's copy saved, merge fields by a click, errors
beside the field."""
import pytest

from desktop.printing.templates import NoticeTemplates
from tests.conftest import type_text
from ui.dialogs.notice_editor_dialog import NoticeEditorDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, qt_zh, app_ctx):
    dialog = NoticeEditorDialog(NoticeTemplates(app_ctx.db))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_saving_a_built_in_keeps_it_and_makes_our_copy(editor, app_ctx):
    assert editor.list.count() == 2
    assert not editor.delete_button.isEnabled()
    editor.name.setText("我们的封闭通知")
    editor.body.setPlainText(editor.body.toPlainText() + "\n门卫电话：88886666。")
    saved = editor.save()
    assert saved is not None and editor.changed
    library = NoticeTemplates(app_ctx.db)
    assert [t.name for t in library.all()][-1] == "我们的封闭通知"
    assert "门卫电话" in library.find("我们的封闭通知").body
    assert "门卫电话" not in library.all()[0].body
    assert editor.list.currentItem().text() == "我们的封闭通知"
    assert editor.delete_button.isEnabled()


def test_merge_field_buttons_insert_the_field(editor, qtbot):
    editor.new_template()
    editor.body.setFocus()
    type_text(editor.body, "您好")
    editor.findChild(type(editor.save_button), "field_户主").click()
    assert editor.body.toPlainText() == "您好{户主}"


def test_errors_show_beside_their_fields(editor):
    editor.new_template()
    editor.name.setText("新通知")
    editor.body.setPlainText("请{户名}配合。")
    assert editor.save() is None
    assert "请填写标题" in editor.form.error_text("title")
    assert "不认识的字段“{户名}”" in editor.form.error_text("body")
    assert editor.list.count() == 2
