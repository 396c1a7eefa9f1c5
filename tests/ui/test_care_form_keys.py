"""The care and isolation forms by Alt keys, as the register's forms (姓名(&N)): every caption of a
field one can type into or choose in has its letter, once in the dialog, and Alt and the letter
put the cursor in that field (in the search line of 人员, on the first box of 关爱类别)."""
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QFormLayout, QWidget

from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.care.records import SubjectForm
from tests.care.conftest import TODAY
from tests.conftest import type_text
from tests.ui.test_register_form_keys import alt, shown
from ui.dialogs.care_subject_dialog import CareSubjectDialog
from ui.dialogs.followup_dialog import FollowUpDialog
from ui.dialogs.isolation_dialog import ChangePlanDialog, ReleaseDialog, StartIsolationDialog
from ui.dialogs.visit_dialog import VisitDialog
from ui.widgets.form import FieldForm

pytestmark = pytest.mark.gui


def the_dialog(which: str, app_ctx, community):
    care, iso = CareBook(app_ctx.db, app_ctx.register), IsolationBook(app_ctx.db, app_ctx.register)
    people = community["people"]
    if which == "start isolation":
        return StartIsolationDialog(iso, care, TODAY)
    if which == "add to care":
        return CareSubjectDialog(care, TODAY)
    if which in ("edit care subject", "record visit"):
        subject = care.add_subject(people["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
        care.add_contact(subject.id, "王小", "侄子", "13600001234")       # the list and its button shown
        subject = care.subject(subject.id)
        return CareSubjectDialog(care, TODAY, subject) if which == "edit care subject" else \
            VisitDialog(care, subject, TODAY)
    episode = iso.start(people["王租客"].id, "home_isolation", "密切接触者", TODAY - timedelta(days=2), TODAY)
    if which == "follow-up check":
        return FollowUpDialog(iso, care, iso.today_list(TODAY)[0], TODAY)
    return ReleaseDialog(iso, episode, TODAY) if which == "release" else ChangePlanDialog(iso, episode, TODAY)


def caption_rows(dialog):
    """(caption, the box of its field) of each row shown, in every form of the dialog."""
    for form in dialog.findChildren(FieldForm):
        layout: QFormLayout = form.layout_
        for row in range(layout.rowCount()):
            label, box = layout.itemAt(row, QFormLayout.LabelRole), layout.itemAt(row, QFormLayout.FieldRole)
            if label and box and box.widget().isVisibleTo(dialog):
                yield label.widget(), box.widget()


def takes_typing(box) -> bool:
    """A field one types into or chooses in (not a line the dialog writes, 人员 张三 or 最后一天)."""
    return any(part.isEnabled() and part.focusPolicy() & Qt.TabFocus and part.isVisibleTo(box)
               for part in box.findChildren(QWidget))


@pytest.mark.parametrize("which", ["start isolation", "add to care", "edit care subject", "record visit",
                                   "follow-up check", "release", "change plan"])
def test_each_caption_of_a_care_or_isolation_form_has_an_alt_key_that_puts_the_cursor_in_its_field(
        qtbot, qt_zh, app_ctx, small_community, which):
    dialog = shown(qtbot, the_dialog(which, app_ctx, small_community))
    if which == "start isolation":              # 张三's household: 同户一起隔离 with its boxes
        type_text(dialog.picker.search, "张")   # 张三 or 张小明 chosen first, then 张三: boxes made anew
        qtbot.waitUntil(lambda: dialog.picker.person() is not None)
        type_text(dialog.picker.search, "三")
        assert dialog.picker.person().full_name == "张三"          # searched at once for 张三
        assert [box.text() for box, _ in dialog.together] == ["李梅", "张小明"]
    keys = []
    for label, box in caption_rows(dialog):
        if not takes_typing(box):
            continue
        key = QKeySequence.mnemonic(label.text())
        assert not key.isEmpty(), (which, label.text())
        keys.append(key.toString())
        dialog.buttons.button(QDialogButtonBox.Cancel).setFocus()      # from outside every field
        alt(qtbot, dialog, key[0].key())
        focus = QApplication.focusWidget()
        assert focus is not None and box.isAncestorOf(focus) or focus is box, (which, label.text())
    keys += [QKeySequence.mnemonic(b.text()).toString() for b in dialog.findChildren(QAbstractButton)
             if b.isVisibleTo(dialog) and not QKeySequence.mnemonic(b.text()).isEmpty()]
    assert len(keys) == len(set(keys)), (which, sorted(keys))
    dialog.reject()


def test_choose_the_person_first_puts_the_cursor_in_the_search(qtbot, qt_zh, app_ctx, small_community):
    """Enter before anyone was chosen: 请先查找并选中这个人。 The cursor was put on the picker
    around the search line, and the name the clerk typed next went nowhere."""
    care, iso = CareBook(app_ctx.db, app_ctx.register), IsolationBook(app_ctx.db, app_ctx.register)
    dialog = shown(qtbot, StartIsolationDialog(iso, care, TODAY))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)           # on to the kind, then Enter
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert dialog.form.error_text("person") == "请先查找并选中这个人。"
    qtbot.keyClicks(QApplication.focusWidget(), "wzk")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    assert dialog.picker.person().full_name == "王租客" and dialog.form.error_text("person") == ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_R, Qt.AltModifier)
    type_text(QApplication.focusWidget(), "密切接触者")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert not dialog.isVisible() and dialog.saved.full_name == "王租客"


def test_alt_on_the_categories_puts_the_cursor_there_and_leaves_every_box_as_it_was(
        qtbot, qt_zh, app_ctx, small_community):
    """Alt+C (关爱类别) and Alt+E (需求) on 王大爷's form: the cursor on 独居老人 and 代买生活物资,
    both still ticked. Qt's caption key also clicked the first box: both were unticked unseen
    (saved so, 王大爷 lost a category), and the clerk's Space then ticked them back."""
    care = CareBook(app_ctx.db, app_ctx.register)
    subject = care.add_subject(small_community["people"]["王大爷"].id,
                               SubjectForm(categories=("elder_alone", "low_income"), needs=("groceries",)), TODAY)
    dialog = shown(qtbot, CareSubjectDialog(care, TODAY, care.subject(subject.id)))
    for key, box in ((Qt.Key_C, dialog.categories.boxes["elder_alone"]), (Qt.Key_E, dialog.needs.boxes["groceries"])):
        alt(qtbot, dialog, key)
        qtbot.wait(120)                   # Qt's click of a button comes a moment after the key
        assert QApplication.focusWidget() is box
    assert (dialog.categories.codes(), dialog.needs.codes()) == (("elder_alone", "low_income"), ("groceries",))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)      # Space ticks what has the cursor
    assert dialog.needs.codes() == ()
    dialog.reject()


def test_alt_on_how_goes_to_the_way_chosen_and_keeps_it(qtbot, qt_zh, app_ctx, small_community):
    """电话 chosen (Alt+P), then Alt+H (方式) to come back to it: Qt's caption key clicked 上门,
    the visit went down as made in person. The cursor goes to 电话, still chosen."""
    dialog = the_dialog("record visit", app_ctx, small_community)
    dialog = shown(qtbot, dialog)
    alt(qtbot, dialog, Qt.Key_P)
    qtbot.waitUntil(lambda: dialog.modes["phone"].isChecked())
    alt(qtbot, dialog, Qt.Key_H)
    qtbot.wait(120)                       # Qt's click of a button comes a moment after the key
    assert QApplication.focusWidget() is dialog.modes["phone"] and dialog.form_values().mode == "phone"
    dialog.reject()
