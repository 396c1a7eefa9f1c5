"""The register's forms by Alt keys, the Chinese-Windows way (姓名(&N)): Alt and the letter put
the cursor in the field, each letter once in a form, in Chinese as in English."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFormLayout, QLabel

from tests.conftest import type_text
from ui.dialogs.compound_dialog import CompoundDialog
from ui.dialogs.household_dialog import HouseholdDialog
from ui.dialogs.move_dialog import MoveDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.status_dialog import StatusDialog
from ui.dialogs.travel_dialog import TravelDialog

pytestmark = pytest.mark.gui


def shown(qtbot, dialog):
    dialog.ask_before_discarding = False        # a failing test closes it without a question
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def alt(qtbot, dialog, key) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, Qt.AltModifier)


def rows(dialog) -> list[tuple[QLabel, object]]:
    """(caption, the widget in its row's box) of each row of the dialog's form shown."""
    layout: QFormLayout = dialog.form.layout_
    out = []
    for row in range(layout.rowCount()):
        label, box = layout.itemAt(row, QFormLayout.LabelRole), layout.itemAt(row, QFormLayout.FieldRole)
        if label and box and box.widget().isVisibleTo(dialog):
            out.append((label.widget(), box.widget()))
    return out


def the_register_forms(register, community) -> list:
    household, person = community["households"][0], community["people"]["李梅"]
    return [PersonDialog(register, household_id=household.id), PersonDialog(register),
            PersonDialog(register, person=register.person(person.id)),
            HouseholdDialog(register), HouseholdDialog(register, register.household(household.id)),
            HouseholdDialog(register, register.household(community["households"][2].id)),    # a village house
            CompoundDialog(register), MoveDialog(register, person), StatusDialog(register, person),
            TravelDialog(register, person)]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_each_form_of_the_register_has_its_alt_keys_once_and_each_caption_its_field(
        qtbot, qt_zh, app_ctx, small_community, lang):
    from ui import i18n
    i18n.install_language(qt_zh, lang)
    for dialog in the_register_forms(app_ctx.register, small_community):
        qtbot.addWidget(dialog)
        name = type(dialog).__name__
        keys = []
        for label, box in rows(dialog):
            buddy = label.buddy()
            assert buddy is not None and (buddy is box or box.isAncestorOf(buddy)), (name, label.text())
            if QKeySequence.mnemonic(label.text()).isEmpty():
                continue
            assert buddy.focusPolicy() & Qt.TabFocus, (name, label.text())      # Alt+key lands in it
            keys.append(QKeySequence.mnemonic(label.text()).toString())
        keys += [QKeySequence.mnemonic(b.text()).toString() for b in dialog.findChildren(QAbstractButton)
                 if b.isVisibleTo(dialog) and not QKeySequence.mnemonic(b.text()).isEmpty()]
        assert len(keys) == len(set(keys)), (name, sorted(keys))
        if isinstance(dialog, (PersonDialog, HouseholdDialog)):     # every field of these two has one
            assert all(not QKeySequence.mnemonic(label.text()).isEmpty() for label, _ in rows(dialog)), name
    if lang == "zh_CN":
        person = PersonDialog(app_ctx.register)
        qtbot.addWidget(person)
        assert person.form.layout_.labelForField(person.full_name.parentWidget()).text() == "姓名(&N) *"


def test_alt_n_puts_the_cursor_in_the_name_and_alt_p_in_the_phone(qtbot, qt_zh, app_ctx, small_community):
    """Half-way down the person form, Alt+N goes back to 姓名 to correct it; Alt+P to 联系电话."""
    dialog = shown(qtbot, PersonDialog(app_ctx.register, household_id=small_community["households"][0].id))
    assert dialog.full_name.hasFocus()
    type_text(dialog.full_name, "赵六")
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert not dialog.full_name.hasFocus()
    alt(qtbot, dialog, Qt.Key_N)
    assert dialog.full_name.hasFocus()
    alt(qtbot, dialog, Qt.Key_P)
    assert dialog.phone.hasFocus()
    type_text(dialog.phone, "13800138000")
    assert dialog.phone.text() == "13800138000" and dialog.full_name.text() == "赵六"
    dialog.reject()


def test_alt_keys_of_the_household_form_go_to_the_compound_the_room_and_the_tenure(qtbot, qt_zh, app_ctx, small_community):
    dialog = shown(qtbot, HouseholdDialog(app_ctx.register, compound_id=small_community["compound"].id,
                                          building="3", unit="2"))
    assert dialog.room.hasFocus()
    alt(qtbot, dialog, Qt.Key_C)
    assert dialog.compound.hasFocus()
    alt(qtbot, dialog, Qt.Key_R)
    assert dialog.room.hasFocus()
    alt(qtbot, dialog, Qt.Key_T)
    assert dialog.tenure.hasFocus()
    dialog.reject()


def test_a_document_number_typed_again_loses_its_red_line_and_the_names_stays(qtbot, qt_zh, app_ctx,
                                                                              small_community):
    """No name and a number one digit short, Enter: a red line under each. The number's line
    stayed under the number typed again until the next save, and leaving the number took the
    name's 请填写姓名 away though the name was still empty. Now each line goes when its own
    field is typed in, and only then."""
    from datetime import date

    from desktop.idnumber import make_resident_id
    dialog = shown(qtbot, PersonDialog(app_ctx.register, household_id=small_community["households"][0].id))
    good = make_resident_id("420106", date(1961, 3, 4), 77, True)
    alt(qtbot, dialog, Qt.Key_D)
    type_text(dialog.id_number, good[:-1])
    qtbot.keyClick(dialog.id_number, Qt.Key_Return)
    name_error, number_error = dialog.form.error_text("full_name"), dialog.form.error_text("id_number")
    assert dialog.isVisible() and name_error and number_error
    qtbot.keyClick(dialog.id_number, Qt.Key_A, Qt.ControlModifier)
    type_text(dialog.id_number, good[:6])
    assert dialog.form.error_text("id_number") == "" and dialog.form.error_text("full_name") == name_error
    type_text(dialog.id_number, good[6:])
    qtbot.keyClick(dialog.id_number, Qt.Key_Tab)                  # the number is looked up as the cursor leaves
    assert dialog.form.error_text("full_name") == name_error and dialog.birth_date.text() == "1961-03-04"
    alt(qtbot, dialog, Qt.Key_N)
    type_text(dialog.full_name, "赵六")
    assert dialog.form.error_text("full_name") == ""
    qtbot.keyClick(dialog.full_name, Qt.Key_Return)
    assert not dialog.isVisible() and dialog.saved is not None


def test_alt_r_goes_to_the_reason_and_alt_n_back_to_the_new_status(qtbot, qt_zh, app_ctx, small_community):
    """新状态 and 原因 * had no Alt key: a clerk who had typed the reason had to Tab round the
    buttons to change the status chosen. Now 新状态(&N) and 原因(&R)."""
    person = small_community["people"]["李梅"]
    dialog = shown(qtbot, StatusDialog(app_ctx.register, person))
    alt(qtbot, dialog, Qt.Key_R)
    assert dialog.reason.hasFocus()
    type_text(dialog.reason, "密切接触者")
    alt(qtbot, dialog, Qt.Key_N)
    assert QApplication.focusWidget() in dialog.radios.values()
    assert dialog.reason.text() == "密切接触者"
    dialog.reject()
