"""Gate settings: a checkpoint is changed in place (修改…, Enter or a double click on it in the
list), by keys: a typo in its name, another place, kind, temperature rule. Before, a checkpoint
once added could not be changed; the clerk added another and the gate logs split over two names."""
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.gate.checkpoints import add_checkpoint, checkpoints, serve_checkpoint, this_checkpoint
from tests.conftest import type_text
from ui.events import DataEvents
from ui.gate.checkpoint_dialog import CheckpointDialog
from ui.pages.gate_page import GatePage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community):
    cp = add_checkpoint(app_ctx.db, "幸福里东们", small_community["compound"].id)     # the typo
    add_checkpoint(app_ctx.db, "王家湾路口", small_community["village"].id)
    serve_checkpoint(app_ctx.db, cp.id)
    p = GatePage(app_ctx, DataEvents())
    qtbot.addWidget(p)
    p.resize(1024, 700)
    with qtbot.waitExposed(p):
        p.show()
    p.tabs.setCurrentWidget(p.settings_view)
    return p


def in_the_dialog(qtbot, act):
    """When the checkpoint dialog opens (modal), ``act`` gets it; what it saw is returned."""
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckpointDialog):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog)
        act(dialog)
        if dialog.isVisible():
            dialog.reject()
    QTimer.singleShot(0, look)
    return seen


def rows(view):
    return [view.list.item(r).text() for r in range(view.list.count())]


def test_a_typo_in_a_checkpoint_is_put_right_by_keys_and_the_gate_screen_shows_it(qtbot, page, app_ctx):
    view = page.settings_view
    assert [r.split()[0] for r in rows(view)] == ["幸福里东们", "王家湾路口"]
    filled = {}

    def rename(dialog):
        filled.update(name=dialog.name.text(), place=dialog.compound.currentText(),
                      kind=dialog.kind.currentText(), temperature=dialog.temperature.isChecked(),
                      focus=dialog.focusWidget() is dialog.name)
        dialog.name.selectAll()
        type_text(dialog.name, "幸福里东门")
        qtbot.keyClick(dialog.name, Qt.Key_Return)          # Enter saves
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key_Home)                  # the first checkpoint
    seen = in_the_dialog(qtbot, rename)
    qtbot.keyClick(view.list, Qt.Key_Return)                # Enter on it: 修改…
    assert seen and filled == {"name": "幸福里东们", "place": "幸福里小区", "kind": "小区大门",
                               "temperature": True, "focus": True}
    assert not seen[0].isVisible()
    assert [c.name for c in checkpoints(app_ctx.db)] == ["幸福里东门", "王家湾路口"]     # no third one
    assert rows(view)[0].startswith("幸福里东门") and "已保存" in view.message.text()
    assert view.serving.currentText() == "幸福里东门"
    assert "幸福里东门" in page.screen.gate_label.text() and "东们" not in page.screen.gate_label.text()


def test_a_checkpoint_moves_to_the_whole_community_changes_kind_and_temperature(qtbot, page, app_ctx):
    view = page.settings_view

    def move(dialog):
        assert (dialog.compound.currentText(), dialog.kind.currentText()) == ("王家湾组", "村道路口")
        dialog.compound.setFocus()
        qtbot.keyClick(dialog.compound, Qt.Key_Home)        # 全社区: no place of its own
        dialog.kind.setFocus()
        qtbot.keyClick(dialog.kind, Qt.Key_Home)            # 小区大门
        dialog.temperature.setFocus()
        qtbot.keyClick(dialog.temperature, Qt.Key_Space)    # no temperature needed any more
        qtbot.keyClick(dialog.temperature, Qt.Key_Return)   # Enter saves
    seen = in_the_dialog(qtbot, move)
    at = view.list.visualItemRect(view.list.item(1)).center()
    qtbot.mouseClick(view.list.viewport(), Qt.LeftButton, pos=at)      # a double click: press, release,
    qtbot.mouseDClick(view.list.viewport(), Qt.LeftButton, pos=at)     # then the second press
    assert seen and not seen[0].isVisible()
    moved = next(c for c in checkpoints(app_ctx.db) if c.name == "王家湾路口")
    assert (moved.compound_id, moved.kind, moved.temperature_on_entry) == (None, "compound_gate", False)
    assert "全社区" in rows(view)[1] and "不测体温" in rows(view)[1]


def test_a_name_taken_or_empty_is_said_beside_the_name_and_nothing_changes(qtbot, page, app_ctx):
    view = page.settings_view
    view.list.setCurrentRow(0)
    said = []

    def clash(dialog):
        dialog.name.selectAll()
        type_text(dialog.name, "王家湾路口")
        qtbot.keyClick(dialog.name, Qt.Key_Return)
        said.append((dialog.isVisible(), dialog.form.error_text("name")))
        dialog.name.clear()
        qtbot.keyClick(dialog.name, Qt.Key_Return)
        said.append((dialog.isVisible(), dialog.form.error_text("name")))
    in_the_dialog(qtbot, clash)
    view.findChild(type(view.change_button), "checkpoint_change").click()
    assert said[0] == (True, "卡口“王家湾路口”已经存在。")
    assert said[1][0] and "请填写卡口名称" in said[1][1]
    assert [c.name for c in checkpoints(app_ctx.db)] == ["幸福里东们", "王家湾路口"]
    assert this_checkpoint(app_ctx.db).name == "幸福里东们"


def test_a_checkpoint_is_removed_only_when_the_clerk_says_yes(qtbot, page, app_ctx):
    from PySide6.QtWidgets import QMessageBox
    view = page.settings_view
    view.list.setCurrentRow(1)                              # 王家湾路口
    asked = []

    def answer(key):
        def look():
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, look)
                return
            asked.append(box.text())
            qtbot.keyClick(box, key)
        QTimer.singleShot(0, look)
    answer(Qt.Key_Return)                                   # Enter: the default, No
    view.remove_button.click()
    assert asked == ["删除卡口“王家湾路口”吗？这个卡口还没有出入记录。"]
    assert [c.name for c in checkpoints(app_ctx.db)] == ["幸福里东们", "王家湾路口"]
    answer(Qt.Key_Y)                                        # 是(Y)
    view.remove_button.click()
    assert [c.name for c in checkpoints(app_ctx.db)] == ["幸福里东们"]
    assert [r.split()[0] for r in rows(view)] == ["幸福里东们"] and "已删除" in view.message.text()
    assert view.serving.findText("王家湾路口") < 0
