"""Forms typed wrong and put right by keyboard: a form grows when a save is refused (red lines under
fields) and stands still while the clerk types; the cursor goes where the typing can be done."""
from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget

from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from tests.care.conftest import TODAY
from tests.conftest import type_text
from tests.ui.test_register_form_keys import shown
from ui.dialogs.care_subject_dialog import CareSubjectDialog
from ui.dialogs.followup_dialog import FollowUpDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.widgets.screen_fit import FRAME

pytestmark = pytest.mark.gui


def layout_of(dialog) -> tuple:
    """The dialog's size and where each of its named fields is: what a clerk sees move."""
    fields = {w.objectName(): w.mapTo(dialog, w.rect().topLeft()) for w in dialog.findChildren(QWidget)
              if w.objectName() and not w.objectName().startswith(("qt_", "error_")) and w.isVisibleTo(dialog)}
    return dialog.size(), fields


def typed_key_by_key(qtbot, dialog, widget, text: str) -> list[str]:
    """Type ``text`` one key at a time; what moved or resized at each key (nothing, we hope)."""
    moved, before = [], layout_of(dialog)
    for ch in text:
        type_text(widget, ch)
        qtbot.wait(1)
        now = layout_of(dialog)
        moved += [f"{ch}: size {before[0]} -> {now[0]}"] if now[0] != before[0] else []
        moved += [f"{ch}: {name}" for name, at in now[1].items() if before[1].get(name, at) != at]
        before = now
    return moved


def test_a_refused_person_form_grows_once_and_stands_still_while_it_is_put_right(qtbot, qt_zh, app_ctx,
                                                                                 small_community):
    """No name and a phone two digits long, Enter: red lines under both and the form grows. The
    clerk types the name: its red line went at the first key and every field below jumped up
    (the phone under the cursor's eye with it), and down again at the next refusal."""
    dialog = shown(qtbot, PersonDialog(app_ctx.register, household_id=small_community["households"][0].id))
    opened = dialog.size()
    type_text(dialog.phone, "13")
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.form.error_text("full_name") and dialog.form.error_text("phone")
    assert dialog.height() > opened.height() and dialog.full_name.hasFocus()
    assert typed_key_by_key(qtbot, dialog, dialog.full_name, "赵六") == []
    assert dialog.form.error_text("full_name") == "" and dialog.form.error_text("phone")
    assert typed_key_by_key(qtbot, dialog, dialog.phone, "800138000") == []
    assert dialog.form.error_text("phone") == ""
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert not dialog.isVisible() and dialog.saved.full_name == "赵六"


def test_a_reading_read_back_as_it_is_typed_moves_nothing(qtbot, qt_zh, app_ctx, small_community):
    """'365' is read back as 将记为 36.5 °C under the field as it is typed; the line came and went
    with the keys (36: gone, 365: there) and the boxes below jumped at each one."""
    care, iso = CareBook(app_ctx.db, app_ctx.register), IsolationBook(app_ctx.db, app_ctx.register)
    iso.start(small_community["people"]["王租客"].id, "home_isolation", "密切接触者", TODAY - timedelta(days=2), TODAY)
    dialog = shown(qtbot, FollowUpDialog(iso, care, iso.today_list(TODAY)[0], TODAY))
    assert dialog.temperature.hasFocus()
    assert typed_key_by_key(qtbot, dialog, dialog.temperature, "365") == []
    assert dialog.read_back.text() == "将记为 36.5 °C"
    qtbot.keyClick(dialog.temperature, Qt.Key_Backspace)
    qtbot.keyClick(dialog.temperature, Qt.Key_Backspace)
    assert typed_key_by_key(qtbot, dialog, dialog.temperature, "x") == []
    qtbot.keyClick(dialog.temperature, Qt.Key_Return)               # 3x: refused, the form grows
    assert dialog.isVisible() and "36.5" in dialog.form.error_text("temperature")
    qtbot.keyClick(dialog.temperature, Qt.Key_Backspace)
    assert typed_key_by_key(qtbot, dialog, dialog.temperature, "65") == []
    qtbot.keyClick(dialog.temperature, Qt.Key_Return)
    assert not dialog.isVisible() and dialog.saved.temperature == 36.5


def test_the_care_form_grown_by_red_lines_keeps_save_on_a_1024_by_768_screen(qtbot, qt_zh, app_ctx, small_community,
                                                                           monkeypatch):
    """No category and a last visit typed wrong, Enter: two red lines grew 加入关爱名单 to 711
    pixels, taller than a 1024×768 screen above its taskbar, and 保存 went under the taskbar."""
    free = QRect(0, 0, 1024, 768 - 40)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: free)
    dialog = shown(qtbot, CareSubjectDialog(CareBook(app_ctx.db, app_ctx.register), TODAY))
    dialog.move(192, (free.height() - FRAME.height() - dialog.height()) // 2)    # centred, as it opens
    qtbot.keyClicks(dialog.picker.search, "wdy")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_L, Qt.AltModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "2099-99")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    qtbot.wait(1)
    assert dialog.isVisible() and dialog.form.error_text("categories") and dialog.form.error_text("last_visit_on")
    assert dialog.y() >= free.y() and dialog.y() + dialog.height() + FRAME.height() <= free.bottom() + 1
    save = dialog.buttons.button(QDialogButtonBox.Save)
    assert save.mapTo(dialog, save.rect().bottomLeft()).y() < dialog.height()
    for name in ("categories", "last_visit_on"):
        label = dialog.form.findChild(QLabel, f"error_{name}")
        assert label.height() >= label.heightForWidth(label.width()), name
