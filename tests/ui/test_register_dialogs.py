"""Register edits through the dialogs, as a clerk makes them."""
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.idnumber import make_resident_id
from tests.conftest import type_text
from ui.dialogs.household_dialog import HouseholdDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.status_dialog import StatusDialog

pytestmark = pytest.mark.gui


def click_save(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)


def test_add_person_with_fullwidth_input_is_saved_normalised(qtbot, qt_zh, app_ctx, small_community):
    household = small_community["households"][0]
    dialog = PersonDialog(app_ctx.register, household_id=household.id)
    qtbot.addWidget(dialog)
    number = make_resident_id("420102", date(1979, 6, 30), 7, False)
    type_text(dialog.full_name, " 赵 六 ")
    type_text(dialog.id_number, number.translate(str.maketrans("0123456789", "０１２３４５６７８９")))
    dialog.id_number.editingFinished.emit()
    type_text(dialog.phone, "１３９-１２３４-５６７８")
    dialog.relation.setCurrentIndex(dialog.relation.findData("child_in_law"))
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    saved = app_ctx.register.person(dialog.saved.id)
    assert (saved.full_name, saved.id_number, saved.phone) == ("赵六", number, "13912345678")
    assert (saved.sex, saved.birth_date) == ("F", "1979-06-30")       # read from the ID number
    assert saved.household_id == household.id and saved.relation == "child_in_law"


def test_wrong_check_digit_is_shown_beside_the_field_and_nothing_saved(qtbot, qt_zh, app_ctx, small_community):
    before = app_ctx.register.totals()["people"]
    dialog = PersonDialog(app_ctx.register, household_id=small_community["households"][0].id)
    qtbot.addWidget(dialog)
    good = make_resident_id("420106", date(1990, 1, 1), 9, True)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    type_text(dialog.full_name, "钱七")
    type_text(dialog.id_number, bad)
    type_text(dialog.phone, "1380013800")           # one digit short
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.Accepted
    assert "校验位" in dialog.form.error_text("id_number")
    assert "11位" in dialog.form.error_text("phone")
    assert app_ctx.register.totals()["people"] == before


def test_second_person_with_same_id_number_is_refused(qtbot, qt_zh, app_ctx, small_community):
    existing = small_community["people"]["张三"]
    dialog = PersonDialog(app_ctx.register, household_id=small_community["households"][1].id)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "张叁")
    type_text(dialog.id_number, existing.id_number.lower())
    dialog.id_number.editingFinished.emit()
    assert dialog.hint.isVisibleTo(dialog) and "张三" in dialog.hint.text()   # found before saving
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.Accepted
    assert "已登记" in dialog.form.error_text("id_number")
    assert [p.full_name for p in app_ctx.register.people_in(None)].count("张叁") == 0


def test_edit_person_keeps_id_and_changes_phone(qtbot, qt_zh, app_ctx, small_community):
    person = small_community["people"]["李梅"]
    dialog = PersonDialog(app_ctx.register, person=person)
    qtbot.addWidget(dialog)
    assert dialog.full_name.text() == "李梅"
    dialog.phone.clear()
    type_text(dialog.phone, "027-8765 4321")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert app_ctx.register.person(person.id).phone == "027-87654321"


def test_status_change_needs_a_reason_and_is_kept_in_history(qtbot, qt_zh, app_ctx, small_community):
    person = small_community["people"]["张小明"]
    dialog = StatusDialog(app_ctx.register, person)
    qtbot.addWidget(dialog)
    assert not dialog.radios["healthy"].isEnabled()          # the current status
    dialog.radios["home_isolation"].setChecked(True)
    click_save(qtbot, dialog)
    assert "原因" in dialog.form.error_text("reason")
    type_text(dialog.reason, "密切接触者，街道通知")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    history = app_ctx.register.status_history(person.id)
    assert [(h.old_status, h.new_status, h.reason, h.changed_by) for h in history] == [
        ("healthy", "home_isolation", "密切接触者，街道通知", "测试员")]


def test_rented_household_needs_its_landlord(qtbot, qt_zh, app_ctx, small_community):
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["compound"].id)
    qtbot.addWidget(dialog)
    type_text(dialog.building, "4号楼")
    type_text(dialog.room, "302室")
    dialog.tenure.setCurrentIndex(dialog.tenure.findData("rented"))
    click_save(qtbot, dialog)
    assert "房东" in dialog.form.error_text("landlord_name")
    type_text(dialog.landlord_name, "孙房东")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert (dialog.saved.building, dialog.saved.room, dialog.saved.landlord_name) == ("4", "302", "孙房东")


def test_same_room_twice_is_asked_then_kept_as_a_second_household_flagged(qtbot, qt_zh, app_ctx, small_community):
    """群租: the dialog asks first (a slip of the finger is likelier); Save again keeps the second
    household behind the door, flagged for review, the rule a ledger import follows."""
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["compound"].id)
    qtbot.addWidget(dialog)
    type_text(dialog.building, "3")
    type_text(dialog.unit, "2")
    type_text(dialog.room, "501")
    click_save(qtbot, dialog)
    assert dialog.result() != QDialog.Accepted
    assert "已经登记了1户" in dialog.form.error_text("room") and "再按一次" in dialog.form.error_text("room")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    assert dialog.saved.note.startswith("【待核实】同一门牌")
    assert len(app_ctx.register.households_in("unit", dialog.saved.unit_id)) >= 2


def test_a_door_changed_after_the_question_is_saved_without_a_flag(qtbot, qt_zh, app_ctx, small_community):
    dialog = HouseholdDialog(app_ctx.register, compound_id=small_community["compound"].id)
    qtbot.addWidget(dialog)
    type_text(dialog.building, "3")
    type_text(dialog.unit, "2")
    type_text(dialog.room, "501")
    click_save(qtbot, dialog)
    dialog.room.clear()
    type_text(dialog.room, "502")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted           # 502 is free: saved, with no flag
    assert (dialog.saved.room, dialog.saved.note) == ("502", "")


def test_travel_record_rejects_a_future_date_and_saves_a_good_one(qtbot, qt_zh, app_ctx, small_community):
    from ui.dialogs.travel_dialog import TravelDialog
    person = small_community["people"]["王租客"]
    dialog = TravelDialog(app_ctx.register, person)
    qtbot.addWidget(dialog)
    type_text(dialog.from_place, "湖北省孝感市")
    dialog.arrived_on.setText("2099-01-01")
    click_save(qtbot, dialog)
    assert "未来" in dialog.form.error_text("arrived_on")
    assert app_ctx.register.travel_history(person.id) == []
    dialog.arrived_on.setText("2020/02/03")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.Accepted
    [record] = app_ctx.register.travel_history(person.id)
    assert (record.from_place, record.arrived_on) == ("湖北省孝感市", "2020-02-03")


def _caption(dialog, field) -> str:
    """The text of the form row's label beside ``field``."""
    from PySide6.QtWidgets import QFormLayout
    layout: QFormLayout = dialog.form.layout_
    for row in range(layout.rowCount()):
        box = layout.itemAt(row, QFormLayout.FieldRole)
        label = layout.itemAt(row, QFormLayout.LabelRole)
        if box and label and box.widget().isAncestorOf(field):
            return label.widget().text()
    return ""


def test_the_compound_dialog_asks_for_a_compound_name_not_a_persons(qtbot, qt_zh, app_ctx, small_community):
    from ui.dialogs.compound_dialog import CompoundDialog
    dialog = CompoundDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    assert _caption(dialog, dialog.name) == "小区/小组名称 *"
    person = PersonDialog(app_ctx.register, household_id=small_community["households"][0].id)
    qtbot.addWidget(person)
    assert _caption(person, person.full_name) == "姓名(&N) *"      # a person's stays 姓名


def test_the_duty_person_dialog_asks_for_a_person_s_name(qtbot, qt_zh, app_ctx):
    """A person on duty has a 姓名, not a 名称 (the label a list or a template has)."""
    from desktop.duty.people import DutyBook
    from ui.dialogs.duty_dialogs import DutyPersonDialog
    dialog = DutyPersonDialog(DutyBook(app_ctx.db), app_ctx.register)
    qtbot.addWidget(dialog)
    assert _caption(dialog, dialog.full_name) == "姓名 *"


def typed_into_focus(dialog, text: str):
    """Type where the cursor is, as a clerk does, without clicking a field first."""
    widget = dialog.focusWidget()
    type_text(widget, text)
    return widget


def test_a_new_person_is_typed_from_the_first_field_and_saved_with_enter(qtbot, qt_zh, app_ctx, small_community):
    """The dialog opens with the cursor in 姓名 (not on Save): type, Tab, type, Enter."""
    household = small_community["households"][0]
    dialog = PersonDialog(app_ctx.register, household_id=household.id)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert typed_into_focus(dialog, "赵六") is dialog.full_name
    qtbot.keyClick(dialog.full_name, Qt.Key_Tab)                 # 证件类型
    qtbot.keyClick(dialog.id_type, Qt.Key_Tab)
    number = make_resident_id("420102", date(1979, 6, 30), 7, False)
    assert typed_into_focus(dialog, number) is dialog.id_number
    qtbot.keyClick(dialog.id_number, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert app_ctx.register.person(dialog.saved.id).full_name == "赵六"


@pytest.mark.parametrize("make, first", [
    (lambda r, sc: HouseholdDialog(r, compound_id=sc["compound"].id), "compound"),
    (lambda r, sc: StatusDialog(r, sc["people"]["张三"]), "radios"),
])
def test_every_form_dialog_opens_in_its_first_field(qtbot, qt_zh, app_ctx, small_community, make, first):
    dialog = make(app_ctx.register, small_community)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    focused = dialog.focusWidget()
    expected = getattr(dialog, first)
    assert focused in (expected.values() if isinstance(expected, dict) else (expected,))
    qtbot.keyClick(dialog, Qt.Key_Escape)                          # Esc: closed, nothing written
    assert dialog.result() == QDialog.Rejected and not dialog.isVisible()


def test_a_village_office_adds_a_village_group_unless_it_says_otherwise(qtbot, qt_zh, app_ctx):
    """In a village the dialog offered 小区/院落 first: a clerk who typed 王家湾 and pressed OK
    made a compound, and its houses were not read as 门牌 on the village's lists."""
    from desktop import first_run as fr
    from ui.dialogs.compound_dialog import CompoundDialog
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", places_text="李家湾组"))
    dialog = CompoundDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentText() == "村民小组"
    type_text(dialog.name, "王家湾")
    dialog.save()
    assert [c.kind for c in app_ctx.register.compounds() if c.name == "王家湾"] == ["village_group"]


def test_a_city_office_still_adds_a_compound_first(qtbot, qt_zh, app_ctx):
    from desktop import first_run as fr
    from ui.dialogs.compound_dialog import CompoundDialog
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民社区", "community", places_text="幸福里小区"))
    dialog = CompoundDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentText() == "小区/院落"


def test_the_hukou_address_typed_tells_registered_from_resident_unless_the_clerk_chose(
        qtbot, qt_zh, app_ctx):
    """A tenant whose 户籍地 is 孝感 was saved 户籍人口 (the form's default) unless the clerk
    also changed the kind; the import's rule now applies as the 户籍地 is typed."""
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "street_office", "武昌区积玉桥街道")
    dialog = PersonDialog(app_ctx.register)
    qtbot.addWidget(dialog)
    kinds = []
    for typed in ("湖北省孝感市孝南区", "武汉市武昌区积玉桥街道幸福里小区"):
        dialog.hukou_address.clear()
        type_text(dialog.hukou_address, typed)
        dialog.hukou_address.editingFinished.emit()          # the cursor leaves the field
        kinds.append(dialog.residence_kind.currentText())
    assert kinds == ["常住人口（非户籍）", "户籍人口"]
    dialog.residence_kind.setFocus()
    qtbot.keyClick(dialog.residence_kind, Qt.Key_Down)        # the clerk chooses 常住人口（非户籍）
    type_text(dialog.hukou_address, "3栋")
    dialog.hukou_address.editingFinished.emit()
    assert dialog.residence_kind.currentText() == "常住人口（非户籍）"    # their choice stands


def test_the_first_person_of_a_new_household_is_its_head_the_next_one_is_not(qtbot, qt_zh, app_ctx, small_community):
    """A household added by hand got no 户主: the form offered 其他 for its first person too, and
    the printed 一户一档 had nobody to sign as 户主. The first person typed is now its head; the
    second is offered 其他 (a household keeps one head)."""
    from desktop.register import HouseholdForm
    household = app_ctx.register.add_household(HouseholdForm(compound_id=small_community["village"].id,
                                                             address_text="15号"))
    saved = []
    for name, seq in (("李大山", 8), ("王秀英", 9)):
        dialog = PersonDialog(app_ctx.register, household_id=household.id)
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        typed_into_focus(dialog, name)
        qtbot.keyClick(dialog.full_name, Qt.Key_Tab)
        qtbot.keyClick(dialog.id_type, Qt.Key_Tab)
        typed_into_focus(dialog, make_resident_id("420102", date(1965, 3, 12), seq, seq % 2 == 0))
        qtbot.keyClick(dialog.id_number, Qt.Key_Return)
        assert dialog.result() == QDialog.Accepted
        saved.append(app_ctx.register.person(dialog.saved.id))
    assert [(p.full_name, p.relation) for p in saved] == [("李大山", "head"), ("王秀英", "other")]
