"""The notice editor: built-ins kept, the office's copy saved, merge fields by a click, errors
beside the field."""
import pytest

from desktop.printing.templates import NoticeTemplates
from tests.conftest import type_text
from ui.dialogs.notice_editor_dialog import NoticeEditorDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def editor(qtbot, qt_zh, app_ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    dialog = NoticeEditorDialog(NoticeTemplates(app_ctx.db))
    # Closing an editor with edits not saved asks first; at the end of a test they are dropped.
    qtbot.addWidget(dialog, before_close_func=lambda _d: monkeypatch.setattr(
        QMessageBox, "question", lambda *a: QMessageBox.Discard))
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
    # The office's phone is a field too ({电话}), and the editor still fits a 1024-pixel screen.
    editor.findChild(type(editor.save_button), "field_电话").click()
    assert editor.body.toPlainText() == "您好{户主}{电话}"
    assert editor.minimumSizeHint().width() <= 1000


def test_errors_show_beside_their_fields(editor):
    editor.new_template()
    editor.name.setText("新通知")
    editor.body.setPlainText("请{户名}配合。")
    assert editor.save() is None
    assert "请填写标题" in editor.form.error_text("title")
    assert "不认识的字段“{户名}”" in editor.form.error_text("body")
    assert editor.list.count() == 2


def _answer(monkeypatch, button):
    from PySide6.QtWidgets import QMessageBox
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or button)
    return asked


def test_edits_not_saved_are_not_lost_when_another_template_is_chosen_or_the_editor_closes(
        editor, app_ctx, monkeypatch):
    """Found by hand: a clerk typed a long notice (3,000 characters), clicked another template
    in the list (or Close) and the text was gone without a word. Now the editor asks: Cancel
    keeps the text on screen, Save keeps it in the library."""
    from PySide6.QtWidgets import QMessageBox
    body = ("请各位居民配合社区做好登记、测温工作，联系电话88886666。" * 120)[:3000]
    editor.new_template()
    editor.name.setText("长通知")
    editor.title.setText("关于做好疫情防控工作的通知")
    editor.body.setPlainText(body)
    asked = _answer(monkeypatch, QMessageBox.Cancel)
    editor.list.setCurrentRow(1)
    assert asked and "长通知" in asked[-1]
    assert editor.body.toPlainText() == body                # still there to finish
    editor.reject()                                          # Close / Esc: asked again, kept
    assert len(asked) == 2 and editor.isVisible()
    _answer(monkeypatch, QMessageBox.Save)
    editor.list.setCurrentRow(0)
    saved = NoticeTemplates(app_ctx.db).find("长通知")
    assert saved.body == body and editor.changed
    assert editor.list.currentRow() == 0 and editor.body.toPlainText() != body
    asked = _answer(monkeypatch, QMessageBox.Discard)
    editor.accept()                                          # nothing edited: closes without asking
    assert not asked and not editor.isVisible()


def test_an_unknown_field_typed_in_the_body_is_named_beside_it_and_nothing_is_saved(editor, app_ctx):
    editor.new_template()
    editor.name.setText("错字段")
    editor.title.setText("致{户主}")
    editor.body.setPlainText("请{户名}家庭配合登记。")
    assert editor.save() is None
    assert "{户名}" in editor.form.error_text("body") and "{户主}" in editor.form.error_text("body")
    assert "错字段" not in [t.name for t in NoticeTemplates(app_ctx.db).all()]


def test_an_emoji_typed_in_the_body_is_named_beside_it_and_nothing_is_saved(editor, app_ctx):
    """Saved, it printed as an empty box; the clerk learns it where the emoji was typed."""
    editor.new_template()
    editor.name.setText("戴口罩通知")
    editor.title.setText("关于戴口罩的通知")
    editor.body.setPlainText("请配合。\n出门请戴口罩😷。")
    assert editor.save() is None
    assert "正文第2段里的“😷”印不出来" in editor.form.error_text("body")
    assert "戴口罩通知" not in [t.name for t in NoticeTemplates(app_ctx.db).all()]
