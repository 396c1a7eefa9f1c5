"""A clerk adds a household to 王家湾组, where 王大爷's household is at 12号, typing the house
the way people write it: the dialog asks whether it is another household at that door."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.conftest import type_text
from ui.dialogs.household_dialog import HouseholdDialog

pytestmark = pytest.mark.gui


def click_save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


@pytest.mark.parametrize("field, typed", [
    ("address_text", "12号"), ("address_text", "12"), ("address_text", "１２号"),
    ("address_text", "王家湾12号"), ("address_text", "王家湾组12号"), ("room", "12")])
def test_each_writing_of_the_house_asks_the_shared_door_question(qtbot, qt_zh, app_ctx, small_community,
                                                                 field, typed):
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["village"].id)
    qtbot.addWidget(dialog)
    type_text(getattr(dialog, field), typed)
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.Accepted
    asked = dialog.form.error_text(field)         # beside the box the house was typed in
    assert "王家湾组 12号" in asked and "已经登记了1户，户主：王大爷" in asked and "再按一次" in asked
    assert ("否则请改门牌地址" if field == "address_text" else "否则请改门牌号") in asked
    click_save(qtbot, dialog)                     # the clerk says: another household there
    assert dialog.result() == QDialog.Accepted
    assert (dialog.saved.room, dialog.saved.address_text) == ("", "12号")
    assert dialog.saved.note.startswith("【待核实】同一门牌（王家湾组 12号）")


def test_another_house_of_the_village_is_saved_without_a_question(qtbot, qt_zh, app_ctx, small_community):
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["village"].id)
    qtbot.addWidget(dialog)
    type_text(dialog.address_text, "王家湾13号")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert (dialog.saved.address, dialog.saved.note) == ("王家湾组 13号", "")


def test_a_flat_numbered_12_in_a_compound_stays_a_flat(qtbot, qt_zh, app_ctx, small_community):
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["compound"].id)
    qtbot.addWidget(dialog)
    type_text(dialog.building, "3")
    type_text(dialog.unit, "2")
    type_text(dialog.room, "12")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert (dialog.saved.room, dialog.saved.address_text, dialog.saved.note) == ("12", "", "")


def test_a_house_kept_with_its_village_address_still_shows_it(qtbot, qt_zh, app_ctx, small_community):
    from desktop.register import HouseholdForm
    old = app_ctx.register.add_household(HouseholdForm(compound_id=small_community["village"].id,
                                                       address_text="王家湾13号"))
    dialog = HouseholdDialog(app_ctx.register, old)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.address_text.isVisible() and dialog.address_text.text()
