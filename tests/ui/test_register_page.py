"""The register page: tree and table in step after every change, search as you type."""
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from tests.conftest import type_text
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.status_dialog import StatusDialog
from ui.events import DataEvents
from ui.models.register_tree import NODE_ROLE
from ui.pages.register_page import RegisterPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, qt_zh, app_ctx, small_community):
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def table_names(page) -> list[str]:
    model = page.people_model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def in_next_dialog(steps):
    """Run ``steps(dialog)`` in the dialog about to open; a failing step still closes it (the test
    fails instead of waiting for ever)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def run():
        dialog = QApplication.activeModalWidget()
        try:
            steps(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()
    QTimer.singleShot(0, run)


def open_path(page, *labels) -> QModelIndex:
    """Expand the tree along labels ('幸福里小区', '3栋', '2单元', '501 张三') and select the last."""
    parent = QModelIndex()
    for label in labels:
        model = page.tree_model
        index = next(model.index(r, 0, parent) for r in range(model.rowCount(parent))
                     if model.index(r, 0, parent).data() == label)
        page.tree.expand(index)
        parent = index
    page.tree.setCurrentIndex(parent)
    return parent


def test_tree_selection_filters_the_table(page):
    assert table_names(page) and page.people_model.total() == 5
    open_path(page, "幸福里小区", "3栋", "2单元")
    assert table_names(page) == ["张三", "李梅", "张小明"]       # head first
    open_path(page, "王家湾组")
    assert table_names(page) == ["王大爷"]
    assert "1" in page.count_label.text()


def test_search_as_you_type(page, qtbot):
    type_text(page.search, "zs")
    qtbot.waitUntil(lambda: table_names(page) == ["张三"], timeout=2000)
    page.search.clear()
    type_text(page.search, "3-2-501")
    qtbot.waitUntil(lambda: sorted(table_names(page)) == sorted(["张三", "李梅", "张小明"]), timeout=2000)
    page.search.clear()
    type_text(page.search, "王大")
    qtbot.waitUntil(lambda: table_names(page) == ["王大爷"], timeout=2000)


def test_a_village_house_is_found_by_its_door_typed_in_the_search(page, qtbot):
    """王大爷 lives at 12号 of 王家湾组. The clerk types the door as it is written on the house,
    or the group's full name and his surname; Enter: the cursor is on him (the search found
    nobody: the index held no house numbers, and 王家湾村民小组 is not 王家湾组 letter by letter)."""
    for typed in ("王家湾12号", "12号", "王家湾村民小组 王"):
        page.search.setFocus()
        page.search.selectAll()
        qtbot.keyClick(page.search, Qt.Key_Backspace)
        type_text(page.search, typed)
        qtbot.keyClick(page.search, Qt.Key_Return)
        assert table_names(page) == ["王大爷"], typed
        assert page.current_person().full_name == "王大爷"



def test_a_house_typed_without_its_group_says_that_several_groups_have_it(page, qtbot, app_ctx):
    """新民村12号 found the 12号 of two groups and the page said only '2 found': the clerk did not
    see why, nor what to type for one of them. The groups are named in the order the tree lists
    them: 三组 came before 二组 (by character code)."""
    from desktop.register import HouseholdForm, PersonForm
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name, kind) VALUES ('c1', '新民村', 'village')")
    for group, name in (("李家墩组", "李十二"), ("三组", "张三组"), ("二组", "张二组")):
        place = app_ctx.register.add_compound(group, kind="village_group")
        house = app_ctx.register.add_household(HouseholdForm(compound_id=place.id, address_text="12号"))
        app_ctx.register.add_person(PersonForm(full_name=name), house.id, "head")
    for typed, several in (("新民村12号", True), ("王家湾组12号", False)):
        page.search.setFocus()
        page.search.selectAll()
        type_text(page.search, typed)
        qtbot.keyClick(page.search, Qt.Key_Return)
        note = page.count_label.text()
        if several:
            assert sorted(table_names(page)) == ["张三组", "张二组", "李十二", "王大爷"]
            assert "二组、三组、李家墩组、王家湾组都有12号" in note and "写上组名" in note and "如 二组12号" in note, note
            listed = [c.name for c in app_ctx.register.compounds()]        # as the tree and the boxes list them
            assert [n for n in listed if n.endswith("组")] == ["二组", "三组", "李家墩组", "王家湾组"]
        else:
            assert table_names(page) == ["王大爷"] and "组名" not in note, note

def test_adding_a_person_updates_tree_and_table_and_selects_them(page, monkeypatch):
    def fill_and_save(dialog: PersonDialog):
        type_text(dialog.full_name, "张小红")
        dialog.relation.setCurrentIndex(dialog.relation.findData("grandchild"))
        dialog.save()
        return dialog.result()
    monkeypatch.setattr(PersonDialog, "exec", fill_and_save)
    household_id = open_path(page, "幸福里小区", "3栋", "2单元", "501 张三").data(NODE_ROLE).id
    page.buttons["add_person"].click()
    assert "张小红" in table_names(page)
    assert page.current_person().full_name == "张小红"
    # The tree kept its place: the household is still open and selected.
    node = page.tree_model.itemFromIndex(page.tree.currentIndex()).data(NODE_ROLE)
    assert node.kind == "household" and node.id == household_id
    assert "张小红" in page.detail.toPlainText()


def test_status_change_shows_in_table_and_card(page, monkeypatch):
    def choose(dialog: StatusDialog):
        dialog.radios["observation"].setChecked(True)
        type_text(dialog.reason, "发热门诊转回")
        dialog.save()
        return dialog.result()
    monkeypatch.setattr(StatusDialog, "exec", choose)
    open_path(page, "王家湾组")
    page.table.selectRow(0)
    page.buttons["change_status"].click()
    model = page.people_model
    assert model.data(model.index(0, model.COLUMNS.index("status"))) == "医学观察"
    assert "发热门诊转回" in page.detail.toPlainText()


def test_removing_the_head_removes_the_household_label(page, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    open_path(page, "王家湾组")
    page.table.selectRow(0)
    page.buttons["remove_person"].click()
    assert table_names(page) == []
    village = open_path(page, "王家湾组")
    labels = [page.tree_model.index(r, 0, village).data() for r in range(page.tree_model.rowCount(village))]
    assert labels == ["12号"]


def test_a_person_still_isolated_or_cared_for_is_not_removed_and_the_clerk_is_told_why(
        page, monkeypatch, app_ctx, small_community):
    """王大爷 was removed while in home isolation: his case stayed open on no list, with no
    follow-up due and never released. Now the clerk is told to release him first; after the
    release he is removed. The same for the care list."""
    from datetime import date
    from PySide6.QtWidgets import QMessageBox
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    today = date.today()
    people = small_community["people"]
    episode = IsolationBook(app_ctx.db, app_ctx.register).start(people["王大爷"].id, "home_isolation", "外地返回",
                                                                today, today)
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(people["王租客"].id, SubjectForm(categories=("elder_alone",), helper_id=helper.id,
                                                     listed_on=today.isoformat()), today)
    open_path(page, "王家湾组")
    page.table.selectRow(0)
    page.buttons["remove_person"].click()
    assert table_names(page) == ["王大爷"] and "正在隔离" in warned[-1] and "解除隔离" in warned[-1]
    IsolationBook(app_ctx.db, app_ctx.register).release(episode.id, today, today, note="核酸阴性，提前解除")
    page.buttons["remove_person"].click()
    assert table_names(page) == []
    from desktop.errors import InputError
    with pytest.raises(InputError) as refused:
        app_ctx.register.remove_person(people["王租客"].id)
    assert "特殊关爱名单" in refused.value.message
    assert app_ctx.register.person(people["王租客"].id).full_name == "王租客"

def test_people_table_passes_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.people_model)


def test_a_search_with_too_many_answers_says_so(page, qtbot, monkeypatch):
    import ui.pages.register_page as register_page
    monkeypatch.setattr(register_page, "SEARCH_SHOWN", 2)
    type_text(page.search, "幸福里")                        # the compound: three people live there
    qtbot.waitUntil(lambda: len(table_names(page)) == 2, timeout=2000)
    assert "2" in page.count_label.text() and "缩小" in page.count_label.text()


def test_a_status_this_version_does_not_know_shows_without_a_crash(qtbot, qt_zh, app_ctx, small_community, tmp_path):
    """A newer machine's status (come by sync): the table, the card and the battle map show the
    person, in a neutral grey, the status as it is written. Before: KeyError in the model."""
    from PySide6.QtCore import Qt
    from desktop.printing.catalogue import PrintRequest, print_form
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET status = 'hospitalised' WHERE full_name = '王大爷'")
    page = RegisterPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.show()
    open_path(page, "王家湾组")
    page.table.selectRow(0)
    model = page.people_model
    status = model.index(0, model.COLUMNS.index("status"))
    assert model.data(status) == "hospitalised"
    assert model.data(status, Qt.ForegroundRole).color().name() == "#616161"
    assert "王大爷" in page.detail.toPlainText()
    printed = print_form(app_ctx.register, PrintRequest("battle-map"), tmp_path / "map.pdf")
    assert printed.pages >= 1


def test_enter_in_the_search_goes_to_the_person_found_and_enter_opens_them(page, qtbot, monkeypatch):
    """Type zs, Enter: the cursor is on 张三 in the table (it stayed in the search box, nothing
    chosen); Enter again opens 张三 to edit, as a double click does."""
    from PySide6.QtCore import Qt
    page.window().activateWindow()
    type_text(page.search, "zs")
    qtbot.keyClick(page.search, Qt.Key_Return)                 # at once, not after the typing pause
    assert table_names(page) == ["张三"]
    assert page.current_person().full_name == "张三" and page.table.hasFocus()
    opened = []
    monkeypatch.setattr(PersonDialog, "exec", lambda d: opened.append(d.full_name.text()) or 0)
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert opened == ["张三"]
    page.search.clear()
    type_text(page.search, "3-2-501")
    qtbot.keyClick(page.search, Qt.Key_Down)                    # Down goes to the list as well
    assert page.table.hasFocus() and page.current_person().full_name in ("张三", "李梅", "张小明")


def test_a_person_added_while_searching_is_shown_chosen(page, qtbot, app_ctx, monkeypatch):
    """Search zs, add 赵六: the list shows 赵六 chosen (it stayed on 张三 alone, as if not saved)."""
    from desktop.register import PersonForm
    type_text(page.search, "zs")
    qtbot.waitUntil(lambda: table_names(page) == ["张三"], timeout=2000)

    def saved(dialog):
        dialog.saved = app_ctx.register.add_person(PersonForm(full_name="赵六"), page.current_household_id(), "other")
        return 1
    monkeypatch.setattr(PersonDialog, "exec", saved)
    page.buttons["add_person"].click()
    assert page.current_person().full_name == "赵六" and "赵六" in table_names(page)
    assert page.search.text() == ""


def test_a_tenant_is_moved_to_another_household_by_keys(page, qtbot, app_ctx, small_community):
    """王租客 moves from 3-1-101 to 3-2-501: 迁户, type the door, Enter. A door with no household
    is said beside 门牌号 and nothing moves; the table then shows him at his new door, chosen."""
    from PySide6.QtCore import Qt
    from ui.dialogs.move_dialog import MoveDialog
    type_text(page.search, "王租客")
    qtbot.keyClick(page.search, Qt.Key_Return)
    assert page.current_person().full_name == "王租客"
    seen = {}

    def in_dialog(dialog):
        assert isinstance(dialog, MoveDialog)
        assert dialog.focusWidget() is dialog.compound           # 幸福里小区, his own compound
        assert dialog.compound.currentText() == "幸福里小区"
        for widget, text in ((dialog.compound, None), (dialog.building, "3"), (dialog.unit, "2"),
                             (dialog.room, "999")):
            if text:
                type_text(widget, text)
            qtbot.keyClick(widget, Qt.Key_Tab)
        qtbot.keyClick(dialog.address_text, Qt.Key_Return)
        seen["error"] = dialog.form.error_text("room")
        dialog.room.clear()
        type_text(dialog.room, "501")
        qtbot.keyClick(dialog.room, Qt.Key_Return)
    in_next_dialog(in_dialog)
    page.buttons["move_person"].setFocus()
    qtbot.keyClick(page.buttons["move_person"], Qt.Key_Space)
    assert "3栋2单元999" in seen["error"] and "还没有登记住户" in seen["error"]
    moved = app_ctx.register.person(small_community["people"]["王租客"].id)
    assert moved.household_id == small_community["households"][0].id
    assert page.current_person().full_name == "王租客" and "501" in page.current_person().address


def test_moving_to_a_door_with_two_households_asks_which_and_joins_the_one_chosen(
        page, qtbot, app_ctx, small_community):
    """3-2-501 has 张三's household and a second one (群租, 刘合租 a tenant, nobody marked head).
    王租客 moves there: the first Enter shows both, by the head or by who lives there (it read 户主
    无户主), and moves nobody; Down picks 刘合租's, Enter moves him there. Typing another door
    hides the list, so a choice never goes to another door."""
    from PySide6.QtCore import Qt
    from desktop.idnumber import make_resident_id
    from desktop.register import HouseholdForm, PersonForm
    from ui.dialogs.move_dialog import MoveDialog
    r = app_ctx.register
    shared = r.add_household(HouseholdForm(compound_id=small_community["compound"].id, building="3", unit="2",
                                           room="501"), shared_door=True)
    r.add_person(PersonForm(full_name="刘合租", id_number=make_resident_id("420106", date(1990, 6, 1), 7, True)),
                 shared.id, "tenant")
    type_text(page.search, "王租客")
    qtbot.keyClick(page.search, Qt.Key_Return)
    seen = {}

    def in_dialog(dialog):
        assert isinstance(dialog, MoveDialog) and not dialog.which.isVisible()
        for widget, text in ((dialog.building, "3"), (dialog.unit, "2"), (dialog.room, "501")):
            type_text(widget, text)
        qtbot.keyClick(dialog.room, Qt.Key_Return)
        seen["error"] = dialog.form.error_text("household_id")
        seen["offered"] = [dialog.which.itemText(i) for i in range(dialog.which.count())]
        seen["unmoved"] = app_ctx.register.person(small_community["people"]["王租客"].id).household_id
        type_text(dialog.room, "2")                        # 5012: another door
        seen["hidden"] = not dialog.which.isVisible() and dialog.which.count() == 0
        qtbot.keyClick(dialog.room, Qt.Key_Backspace)
        qtbot.keyClick(dialog.room, Qt.Key_Return)        # shown again, for 501
        dialog.which.setFocus()
        qtbot.keyClick(dialog.which, Qt.Key_Down)
        qtbot.keyClick(dialog.which, Qt.Key_Return)
    in_next_dialog(in_dialog)
    page.buttons["move_person"].setFocus()
    qtbot.keyClick(page.buttons["move_person"], Qt.Key_Space)
    assert "2户" in seen["error"] and seen["offered"] == ["户主 张三，3人", "无户主，住户 刘合租，1人"], seen
    assert seen["unmoved"] == small_community["households"][1].id and seen["hidden"]
    assert app_ctx.register.person(small_community["people"]["王租客"].id).household_id == shared.id

def test_moving_to_a_door_with_no_household_is_refused_naming_it(app_ctx, small_community):
    from desktop.errors import InputErrors
    from desktop.register import HouseholdForm
    with pytest.raises(InputErrors) as refused:
        app_ctx.register.households_at_door(HouseholdForm(compound_id=small_community["compound"].id,
                                                          building="9", room="101"))
    assert refused.value.by_field()["room"].startswith("幸福里小区 9栋101")
    [found] = app_ctx.register.households_at_door(HouseholdForm(compound_id=small_community["village"].id,
                                                                address_text="12号"))
    assert found.id == small_community["households"][2].id


def test_after_adding_a_household_the_next_person_joins_it_and_says_so(page, qtbot, app_ctx, small_community):
    """With 张小明 (3-2-501) chosen, add household 3-2-601, then 新增人员: the dialog says 加入住户
    3栋2单元601 and the person is saved there, not silently into 张小明's household."""
    from PySide6.QtCore import Qt
    open_path(page, "幸福里小区", "3栋", "2单元")
    page.table.selectRow(table_names(page).index("张小明"))
    seen = {}

    def new_household(dialog):
        type_text(dialog.room, "601")
        qtbot.keyClick(dialog.room, Qt.Key_Return)
    in_next_dialog(new_household)
    page.buttons["add_household"].click()

    def new_person(dialog):
        seen["joins"] = dialog.joins.text()
        type_text(dialog.focusWidget(), "赵六")
        qtbot.keyClick(dialog.full_name, Qt.Key_Return)
    in_next_dialog(new_person)
    page.buttons["add_person"].click()
    assert "3栋2单元601" in seen["joins"]
    added = page.current_person()
    assert added.full_name == "赵六" and "601" in added.address


def test_a_household_added_under_a_unit_is_typed_from_its_room_number(page, qtbot, app_ctx):
    """From 3栋2单元 in the tree, 新增户: the cursor is in 门牌号 (小区, 楼栋, 单元 are filled in);
    type 602, Enter, and the household is there."""
    from PySide6.QtCore import Qt
    open_path(page, "幸福里小区", "3栋", "2单元")
    seen = {}

    def new_household(dialog):
        seen["start"] = dialog.focusWidget()
        type_text(dialog.focusWidget(), "602")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)
        seen["dialog"] = dialog
    in_next_dialog(new_household)
    page.buttons["add_household"].click()
    assert seen["start"] is seen["dialog"].room
    assert seen["dialog"].saved is not None and seen["dialog"].saved.room == "602"


def test_a_place_cut_by_the_narrow_tree_is_read_whole_on_hover(page):
    from PySide6.QtCore import Qt
    index = open_path(page, "幸福里小区", "3栋")
    assert index.data(Qt.ToolTipRole) == index.data() == "3栋"
    top = page.tree_model.index(1, 0)
    assert top.data(Qt.ToolTipRole) == top.data() and top.data()


def test_a_household_added_from_the_whole_register_is_opened_and_marked_in_the_tree(page, qtbot):
    """From 全村 (the tree closed), 新增户 in 王家湾组, door 15号: the table said 这一户还没有登记人员
    while the tree kept 全村 marked and the group closed, the new household nowhere to be seen.
    Now the tree opens the group and marks the new household, as the table shows it."""
    from PySide6.QtCore import Qt
    page.tree.setCurrentIndex(page.tree_model.index(0, 0))          # 全村

    def new_household(dialog):
        dialog.compound.setFocus()
        qtbot.keyClick(dialog.compound, Qt.Key_Down)                 # 幸福里小区 -> 王家湾组
        type_text(dialog.address_text, "15号")
        qtbot.keyClick(dialog.address_text, Qt.Key_Return)
    in_next_dialog(new_household)
    page.buttons["add_household"].click()
    assert "这一户还没有登记人员" in page.table_hint.text()
    marked = page.tree.currentIndex()
    assert marked.data() == "15号" and marked.parent().data() == "王家湾组"
    assert page.tree.isExpanded(marked.parent())
