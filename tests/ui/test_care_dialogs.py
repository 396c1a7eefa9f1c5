"""Putting a person on the care list through the dialog: all of it saved together, or nothing."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desktop.care.care_book import CareBook
from desktop.care.paper import visit_sheet
from tests.care.conftest import TODAY
from tests.conftest import type_text
from ui.dialogs.care_subject_dialog import CareSubjectDialog

pytestmark = pytest.mark.gui


def test_add_subject_with_green_channel_and_contact(qtbot, qt_zh, app_ctx, small_community):
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    dialog = CareSubjectDialog(care, TODAY)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.Save)
    qtbot.mouseClick(save, Qt.LeftButton)
    assert "选中" in dialog.form.error_text("person")
    type_text(dialog.picker.search, "王大")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    dialog.categories.boxes["treatment"].setChecked(True)
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("twice_weekly"))
    dialog.helper.setCurrentIndex(dialog.helper.findData(helper.id))
    type_text(dialog.treatment, "血液透析")
    type_text(dialog.hospital, "武昌医院")
    type_text(dialog.schedule, "每周一、三、五上午")
    type_text(dialog.contact_name, "王小")
    type_text(dialog.contact_phone, "1360000")                     # too short
    qtbot.mouseClick(save, Qt.LeftButton)
    assert dialog.result() != QDialog.Accepted
    assert dialog.contact_form.error_text("contact_phone")
    assert care.care_list(TODAY, due="all") == []                  # nothing half-saved
    dialog.contact_phone.clear()
    type_text(dialog.contact_phone, "13600001234")
    qtbot.mouseClick(save, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    subject = dialog.saved
    assert (subject.full_name, subject.categories, subject.frequency) == ("王大爷", ("treatment",), "twice_weekly")
    assert care.green_channel(subject.id).hospital == "武昌医院"
    assert [c.phone for c in care.contacts(subject.id)] == ["13600001234"]
    sheet = visit_sheet(care, helper.id, TODAY)
    assert [(r.full_name, r.state, r.green_channel) for r in sheet.rows] == [
        ("王大爷", "due", "武昌医院 血液透析 每周一、三、五上午")]


def test_edit_subject_strikes_a_contact_and_a_helper_gets_a_new_phone(qtbot, qt_zh, app_ctx, small_community):
    from desktop.care.records import SubjectForm
    from ui.dialogs.helper_dialog import HelperDialog
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    subject = care.add_subject(small_community["people"]["王大爷"].id,
                               SubjectForm(categories=("elder_alone",), helper_id=helper.id), TODAY)
    care.add_contact(subject.id, "王小", "侄子", "13600001234")
    dialog = CareSubjectDialog(care, TODAY, care.subject(subject.id))
    qtbot.addWidget(dialog)
    dialog.contacts.setCurrentRow(0)
    dialog.remove_contact.click()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and care.contacts(subject.id) == []
    edit = HelperDialog(care, helper=helper)
    qtbot.addWidget(edit)
    edit.phone.clear()
    type_text(edit.phone, "13812345678")
    qtbot.mouseClick(edit.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert care.helper(helper.id).phone == "13812345678"


def test_a_wrong_contact_phone_is_shown_once(qtbot, qt_zh, app_ctx, small_community):
    from PySide6.QtWidgets import QLabel
    care = CareBook(app_ctx.db, app_ctx.register)
    dialog = CareSubjectDialog(care, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.picker.search, "王大")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    dialog.categories.boxes["treatment"].setChecked(True)
    type_text(dialog.contact_name, "王小")
    type_text(dialog.contact_phone, "1360000")                     # too short
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    message = dialog.contact_form.error_text("contact_phone")
    assert message
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    assert sum(text.count(message) for text in shown) == 1, shown
    assert dialog.form.error_text("") == "" and dialog.green_form.error_text("") == ""


def test_tab_leaves_what_was_found_for_the_next_field(qtbot, qt_zh, app_ctx, small_community):
    """A care worker typing a visit with the keyboard pressed Tab after 身体好: it typed a tab
    into the box and the cursor never left it (a keyboard trap); now Tab goes on to the needs
    and Enter saves."""
    from desktop.care.records import SubjectForm
    from ui.dialogs.visit_dialog import VisitDialog
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    subject = care.add_subject(small_community["people"]["王大爷"].id,
                               SubjectForm(categories=("elder_alone",), helper_id=helper.id), TODAY)
    dialog = VisitDialog(care, subject, TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    type_text(dialog.found, "身体好")
    qtbot.keyClick(dialog.found, Qt.Key_Tab)
    assert dialog.found.toPlainText() == "身体好"
    after = dialog.focusWidget()
    assert after is not None and after is not dialog.found and dialog.isAncestorOf(after)
    qtbot.keyClick(after, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert [v.found for v in care.visits(subject.id)] == ["身体好"]


def test_every_message_of_the_care_form_comes_at_the_first_save(qtbot, qt_zh, app_ctx, small_community):
    """No category, a treatment time without its hospital, a contact's phone too short: Enter
    said only 请至少选择一个关爱类别; put right and saved again, the hospital's and the phone's
    messages came then, a second refusal. Now all three at once, the cursor on the first."""
    care = CareBook(app_ctx.db, app_ctx.register)
    dialog = CareSubjectDialog(care, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.picker.search, "wdy")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    type_text(dialog.schedule, "每周一、三、五上午")
    type_text(dialog.contact_name, "王小")
    type_text(dialog.contact_phone, "1360000")
    qtbot.keyClick(dialog.contact_phone, Qt.Key_Return)
    assert dialog.isVisible() and care.care_list(TODAY, due="all") == []
    assert (dialog.form.error_text("categories"), dialog.green_form.error_text("hospital"),
            bool(dialog.contact_form.error_text("contact_phone"))) == (
        "请至少选择一个关爱类别（例如：独居老人）。", "填写了治疗时间，请同时填写医院。", True)
    assert dialog.focusWidget() is dialog.categories.boxes["elder_alone"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)
    type_text(dialog.hospital, "武昌医院")
    dialog.contact_phone.clear()
    type_text(dialog.contact_phone, "13600001234")
    qtbot.keyClick(dialog.contact_phone, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and dialog.saved.categories == ("elder_alone",)
    assert care.green_channel(dialog.saved.id).hospital == "武昌医院"
    assert [c.phone for c in care.contacts(dialog.saved.id)] == ["13600001234"]


def test_a_name_and_address_with_angle_brackets_and_ampersand_head_the_visit_form_as_written(
        qtbot, qt_zh, app_ctx, small_community):
    """The visit form's header is rich text: an address like 'A&B座<东>' showed as 'A&B座'
    (the rest read as a tag), so the visitor could not tell which door. The person's own words
    are shown as written, in bold name and plain address."""
    from dataclasses import replace

    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QLabel

    from desktop.care.records import SubjectForm
    from ui.dialogs.visit_dialog import VisitDialog
    care = CareBook(app_ctx.db, app_ctx.register)
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    subject = replace(care.subject(subject.id), full_name="王<大>爷", address="幸福里 A&B座<东>101")
    dialog = VisitDialog(care, subject, TODAY)
    qtbot.addWidget(dialog)
    shown = []
    for label in dialog.findChildren(QLabel):
        doc = QTextDocument()
        doc.setHtml(label.text())
        shown.append(doc.toPlainText())
    assert any("王<大>爷" in text and "幸福里 A&B座<东>101" in text for text in shown), shown


def test_the_persons_note_suggests_the_care_categories_and_the_clerk_decides(qtbot, qt_zh, app_ctx, small_community):
    """A ledger's 备注 said 低保户，独居 (imported into the person's note); the 加入关爱名单 form
    ticked nothing and the clerk typed the categories again. Now they come ticked, said to come
    from the note; the clerk can change them, and nothing is saved before Save."""
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET note = '低保户，独居' WHERE full_name = '王大爷'")
        conn.execute("UPDATE person SET note = '非低保，腿脚不便' WHERE full_name = '张三'")
    care = CareBook(app_ctx.db, app_ctx.register)
    dialog = CareSubjectDialog(care, TODAY)
    qtbot.addWidget(dialog)
    type_text(dialog.picker.search, "王大爷")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None, timeout=2000)
    assert dialog.categories.codes() == ("elder_alone", "low_income")
    assert dialog.suggested.text() == "已按此人的备注勾选：独居老人、低保困难，请核对后再保存。"
    assert care.care_list(TODAY, due="all") == []
    # Another person chosen: the untouched suggestion follows (张三's note denies 低保).
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "张三")
    qtbot.waitUntil(lambda: dialog.picker.person() is not None and dialog.picker.person().full_name == "张三",
                    timeout=2000)
    assert dialog.categories.codes() == () and dialog.suggested.text() == ""
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "王大爷")
    qtbot.waitUntil(lambda: dialog.categories.codes() == ("elder_alone", "low_income"), timeout=2000)
    qtbot.mouseClick(dialog.categories.boxes["low_income"], Qt.LeftButton)      # the clerk knows better
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted and dialog.saved.categories == ("elder_alone",)


def test_a_visit_to_someone_without_a_helper_asks_who_visited(qtbot, qt_zh, app_ctx, small_community):
    """王大爷 came from a ledger without his helper's phone: nobody assigned. The visit form chose
    the first helper of the list (刘楼长) for the clerk, and Enter saved the visit as his unseen.
    Nobody is chosen now; Enter asks who visited, Down chooses 刘楼长, Enter saves."""
    from desktop.care.records import SubjectForm
    from ui.dialogs.visit_dialog import VisitDialog
    from tests.ui.test_register_form_keys import shown
    care = CareBook(app_ctx.db, app_ctx.register)
    care.add_helper("刘楼长", "13912340000", "building_head")
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    dialog = shown(qtbot, VisitDialog(care, care.subject(subject.id), TODAY))
    assert dialog.helper.currentText() == "（请选择走访人）"
    type_text(dialog.found, "身体好")
    qtbot.keyClick(dialog.found, Qt.Key_Return)
    assert dialog.isVisible() and dialog.form.error_text("helper_id") == "请选择是谁走访的。"
    assert care.visits(subject.id) == []
    qtbot.keyClick(dialog.helper, Qt.Key_Down)
    qtbot.keyClick(dialog.helper, Qt.Key_Return)
    assert not dialog.isVisible() and [v.helper_name for v in care.visits(subject.id)] == ["刘楼长"]



def test_the_picker_marks_people_already_on_the_care_list(qtbot, qt_zh, app_ctx, small_community):
    """张三 was already on the list; the add form found him like anyone else and the clerk learnt
    it only at Save, the whole form filled in. Now he is greyed, says （已在名单上）, and choosing
    him by the arrows says what to do; 张小明, not listed, is offered as before."""
    from desktop.care.records import SubjectForm
    care = CareBook(app_ctx.db, app_ctx.register)
    care.add_subject(small_community["people"]["张三"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    dialog = CareSubjectDialog(care, TODAY)
    qtbot.addWidget(dialog)
    type_text(dialog.picker.search, "张")
    qtbot.keyClick(dialog.picker.search, Qt.Key_Down)
    qtbot.keyClick(dialog.picker.search, Qt.Key_Up)
    found = {dialog.picker.results.item(i).data(Qt.UserRole).full_name: dialog.picker.results.item(i)
             for i in range(dialog.picker.results.count())}
    assert found["张三"].text().endswith("（已在名单上）") and not found["张小明"].text().endswith("（已在名单上）")
    assert found["张三"].foreground().color() != found["张小明"].foreground().color()
    assert dialog.picker.person().full_name == "张三"
    assert dialog.form.error_text("person") == "张三已经在关爱名单上了：请取消，在名单上选中张三后按“修改”。"
    for _ in range(dialog.picker.results.count()):
        if dialog.picker.person().full_name != "张小明":
            qtbot.keyClick(dialog.picker.search, Qt.Key_Down)
    assert dialog.picker.person().full_name == "张小明" and dialog.form.error_text("person") == ""
    # His whole name: found alone, chosen at once, said too (the marking cleared the line as a change).
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "张三")
    assert dialog.picker.person().full_name == "张三"
    assert dialog.form.error_text("person") == "张三已经在关爱名单上了：请取消，在名单上选中张三后按“修改”。"


def test_someone_already_listed_is_said_in_one_wording_when_chosen_and_at_save(qtbot, qt_zh, app_ctx,
                                                                               small_community):
    """张三, already listed, chosen again: the line under 人员 said …请取消，在名单上选中后按“修改”。
    and Save said it again in other words (…要改类别、频次或帮扶人…, the book's own); in the
    English window Save said it in Chinese. One wording (the book's), in the window's language."""
    from desktop.care.records import SubjectForm
    from ui import i18n
    care = CareBook(app_ctx.db, app_ctx.register)
    care.add_subject(small_community["people"]["张三"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    for language, said in (("zh_CN", "张三已经在关爱名单上了：请取消，在名单上选中张三后按“修改”。"),
                           ("en", "张三 is already on the care list: cancel, choose them on the list and press Edit.")):
        i18n.install_language(qt_zh, language)
        dialog = CareSubjectDialog(care, TODAY)
        qtbot.addWidget(dialog)
        type_text(dialog.picker.search, "张三")
        assert dialog.picker.person().full_name == "张三" and dialog.form.error_text("person") == said
        dialog.categories.boxes["elder_alone"].setChecked(True)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        assert dialog.result() != QDialog.Accepted and dialog.form.error_text("person") == said, language


def test_a_helper_assigned_by_hand_takes_away_the_line_asking_for_one(qtbot, qt_zh, app_ctx, small_community):
    """An import left 台账责任人：刘楼长（电话未登记，请在关爱页补充） in 王大爷's note; the office added
    刘楼长 with his phone and chose him as 帮扶人 in 修改, but the note still asked for his phone.
    A helper assigned, that line goes (as at a later import); the clerk's own line stays."""
    from desktop.care.notes import helper_to_add
    from desktop.care.records import SubjectForm
    care = CareBook(app_ctx.db, app_ctx.register)
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(
        categories=("elder_alone",), note="腿脚不便；" + helper_to_add("刘楼长")), TODAY)
    care.add_helper("刘楼长", "13912340000", "building_head")
    dialog = CareSubjectDialog(care, TODAY, care.subject(subject.id))
    qtbot.addWidget(dialog)
    dialog.helper.setFocus()
    qtbot.keyClick(dialog.helper, Qt.Key_Down)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    saved = care.subject(subject.id)
    assert (saved.helper_name, saved.note) == ("刘楼长", "腿脚不便")


def test_a_helper_the_ledger_named_without_a_phone_takes_their_people_once_added(qtbot, qt_zh, app_ctx,
                                                                                 small_community):
    """A care ledger named 刘楼长 责任人 of 王大爷 and 李梅, without his phone: each note asked for
    it, and once the office had added 刘楼长 with his phone each of them was still to be opened in
    修改 (or the ledger imported again). The helper form says, as the name is typed, whom the
    ledger named him for; saved with his phone, he is their helper and the lines go. 张三's
    王书记 still waits."""
    from desktop.care.notes import helper_to_add
    from desktop.care.records import SubjectForm
    from ui.dialogs.helper_dialog import HelperDialog
    care = CareBook(app_ctx.db, app_ctx.register)
    people = small_community["people"]
    for name, named in (("王大爷", "刘楼长"), ("李梅", "刘楼长"), ("张三", "王书记")):
        care.add_subject(people[name].id, SubjectForm(categories=("elder_alone",), note=helper_to_add(named)), TODAY)
    dialog = HelperDialog(care)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "刘楼长")
    assert dialog.waiting.text() == "台账里刘楼长是2人的责任人，但没有电话：填上电话保存后，刘楼长就是这2人的帮扶人。"
    type_text(dialog.phone, "13912340000")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    listed = {i.subject.full_name: (i.subject.helper_name or "", i.subject.note)
              for i in care.care_list(TODAY, due="all")}
    assert listed == {"王大爷": ("刘楼长", ""), "李梅": ("刘楼长", ""), "张三": ("", helper_to_add("王书记"))}


def test_a_helper_renamed_to_the_name_the_ledger_gave_takes_their_people(qtbot, qt_zh, app_ctx, small_community):
    """The office had added its building head as 刘楼; the care ledger named 刘楼长 责任人 of 王大爷
    and 李梅, without a phone. Putting his name right in 修改帮扶人 left both waiting (only a helper
    added anew took them): the form says it as the name is typed, and saved, he is their helper."""
    from desktop.care.notes import helper_to_add
    from desktop.care.records import SubjectForm
    from ui.dialogs.helper_dialog import HelperDialog
    care = CareBook(app_ctx.db, app_ctx.register)
    people = small_community["people"]
    helper = care.add_helper("刘楼", "13912340000", "building_head")
    for name in ("王大爷", "李梅"):
        care.add_subject(people[name].id, SubjectForm(categories=("elder_alone",), note=helper_to_add("刘楼长")), TODAY)
    dialog = HelperDialog(care, helper=helper)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "长")
    assert dialog.waiting.text() == "台账里刘楼长是2人的责任人，但没有电话：填上电话保存后，刘楼长就是这2人的帮扶人。"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    listed = {i.subject.full_name: (i.subject.helper_name, i.subject.note) for i in care.care_list(TODAY, due="all")}
    assert listed == {"王大爷": ("刘楼长", ""), "李梅": ("刘楼长", "")}
