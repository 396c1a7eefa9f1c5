"""A village (村委会) set up as the first-run wizard does sees a village's words on screen, a
city community a compound's (``desktop.place_words``)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop import first_run as fr
from desktop.gate.checkpoints import checkpoints
from tests.conftest import type_text
from ui.events import DataEvents

pytestmark = pytest.mark.gui

PLANS = {
    "village": fr.CommunityPlan("王家湾村", "village", street_office="李集镇", places_text="王家湾组\n李家湾组"),
    "community": fr.CommunityPlan("新民社区", "community", street_office="徐家棚街道",
                                  places_text="幸福里小区：1-3栋"),
}


@pytest.fixture(params=sorted(PLANS))
def office(request, app_ctx):
    fr.set_up_community(app_ctx, PLANS[request.param])
    return request.param, app_ctx


def test_a_new_checkpoint_of_a_village_group_is_a_road_checkpoint_of_a_compound_its_gate(qtbot, qt_zh, office):
    from ui.pages.gate_page import GatePage
    kind, app = office
    page = GatePage(app, DataEvents())
    qtbot.addWidget(page)
    view = page.settings_view
    # A village's road checkpoint serves the whole village (every group); a compound's gate its compound.
    place = view.compound.currentText()
    assert place == ("全村" if kind == "village" else "幸福里小区")
    assert view.kind.currentText() == ("村道路口" if kind == "village" else "小区大门")
    type_text(view.name, place + "卡口")
    view.findChild(QPushButton, "checkpoint_add").click()
    assert "已添加" in view.message.text()
    assert [(c.kind, c.compound_id) for c in checkpoints(app.db)] == (
        [("village_road", None)] if kind == "village" else [("compound_gate", app.register.compounds()[0].id)])


def test_a_village_checkpoint_may_serve_one_group_or_all_of_them(qtbot, qt_zh, office):
    """The place box offers the whole village (全村) beside each group, and keeps the clerk's
    choice when the register changes."""
    from ui.pages.gate_page import GatePage
    kind, app = office
    events = DataEvents()
    view = GatePage(app, events).settings_view
    qtbot.addWidget(view)
    offered = [view.compound.itemText(i) for i in range(view.compound.count())]
    assert offered == (["全村", "李家湾组", "王家湾组"] if kind == "village" else ["全社区", "幸福里小区"])
    view.compound.setCurrentIndex(1)
    events.notify("register")
    assert view.compound.currentText() == offered[1]
    type_text(view.name, "一号卡口")
    view.findChild(QPushButton, "checkpoint_add").click()
    view.compound.setCurrentIndex(0)
    assert view.kind.currentText() == ("村道路口" if kind == "village" else "小区大门")
    type_text(view.name, "二号卡口")
    view.findChild(QPushButton, "checkpoint_add").click()
    group = app.register.compounds()[0].id
    assert sorted((c.name, c.compound_id) for c in checkpoints(app.db)) == [("一号卡口", group), ("二号卡口", None)]


def test_a_village_house_is_not_asked_its_building_and_unit_a_flat_is(qtbot, qt_zh, office):
    from ui.dialogs.household_dialog import HouseholdDialog
    kind, app = office
    dialog = HouseholdDialog(app.register, compound_id=app.register.compounds()[0].id)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    shown = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible()}
    assert ("楼栋(&B)" in shown and "单元(&U)" in shown) == (kind == "community")
    assert dialog.building.isVisible() == dialog.unit.isVisible() == (kind == "community")
    # A village house has one door field (12, 12号 and 王家湾12号 are one door), not 门牌号 and
    # 门牌地址 side by side; a city compound keeps 门牌地址 for its one-storey houses.
    assert dialog.room.isVisible() and dialog.address_text.isVisible() == (kind == "community")
    assert dialog.room.placeholderText() == ("501" if kind == "community" else "12号")


def _labels(widget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


def test_the_pages_call_a_village_s_places_village_groups_and_a_city_s_compounds(qtbot, qt_zh, office):
    from PySide6.QtWidgets import QFormLayout
    from ui.dialogs.import_wizard import ImportWizard
    from ui.pages.battle_map_page import BattleMapPage
    from ui.pages.paper_page import PaperPage
    from ui.pages.register_page import RegisterPage
    from ui.workers.task import InlineRunner
    kind, app = office
    village = kind == "village"
    register = RegisterPage(app, DataEvents())
    qtbot.addWidget(register)
    assert register.buttons["add_compound"].text() == ("新增村民小组" if village else "新增小区")
    assert register.tree_model.index(0, 0).data() == ("全村" if village else "全社区")
    paper = PaperPage(app, DataEvents())
    qtbot.addWidget(paper)
    assert paper.compound.itemText(0) == ("全村" if village else "全社区")
    caption = paper.options_form.labelForField(paper.compound).text()
    assert caption == ("村民小组" if village else "小区/院落")
    battle_map = BattleMapPage(app, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(battle_map)
    assert ("村民小组" if village else "小区/院落") in _labels(battle_map)
    wizard = ImportWizard(app, DataEvents(), None)
    qtbot.addWidget(wizard)
    assert ("村民小组：" if village else "小区：") in _labels(wizard)
    assert not village or not any("小区" in text for text in _labels(battle_map) | _labels(wizard))


def test_the_gate_s_example_name_is_a_village_s_road_checkpoint_or_a_compound_s_gate(qtbot, qt_zh, office):
    from ui.pages.gate_page import GatePage
    kind, app = office
    view = GatePage(app, DataEvents()).settings_view
    qtbot.addWidget(view)
    example = "王家湾村口" if kind == "village" else "幸福里小区东门"
    assert view.name.placeholderText() == "例如：" + example
    view.findChild(QPushButton, "checkpoint_add").click()          # no name typed
    assert view.message.text() == f"请填写卡口名称，例如：{example}。"


def test_the_register_s_search_example_is_a_village_house_s_door_number_or_a_flat(qtbot, qt_zh, office):
    from ui.pages.register_page import RegisterPage
    kind, app = office
    page = RegisterPage(app, DataEvents())
    qtbot.addWidget(page)
    text = page.search.placeholderText()
    assert ("门牌(12号)" in text and "3-2-501" not in text) if kind == "village" else "地址(3-2-501)" in text
    type_text(page.search, "查无此人")
    qtbot.waitUntil(lambda: page.table_hint.text().startswith("没有找到"), timeout=2000)
    hint = page.table_hint.text()
    assert ("门牌如12号" in hint and "3-2-501" not in hint) if kind == "village" else "地址如3-2-501" in hint


def test_the_import_summary_names_the_village_group_or_the_compound(qtbot, qt_zh, office, tmp_path):
    from datetime import date
    from desktop.idnumber import make_resident_id
    from tests.excel.conftest import write_book
    from ui.dialogs.import_wizard import ImportWizard
    from ui.workers.task import InlineRunner
    kind, app = office
    village = kind == "village"
    place = app.register.compounds()[0].name
    rows = [["姓名", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"],
            ["王大爷", make_resident_id("420106", date(1950, 1, 1), 5, True), "" if village else "1",
             "" if village else "1", "12" if village else "101", "户主"]]
    wizard = ImportWizard(app, DataEvents(), None, path=write_book(tmp_path / "ledger.xlsx", {"台账": rows}))
    qtbot.addWidget(wizard)
    wizard.runner = InlineRunner()
    wizard.compound_combo.setEditText(place)
    wizard.check()
    summary = wizard.summary.text()
    assert (f"村民小组：{place}。" if village else f"小区：{place}。") in summary
    assert not village or "小区" not in summary


def test_the_battle_map_of_a_register_with_no_places_says_village_group_or_compound(qtbot, qt_zh, app_ctx, kind):
    from ui.pages.battle_map_page import BattleMapPage
    from ui.workers.task import InlineRunner
    plan = PLANS[kind]
    fr.set_up_community(app_ctx, fr.CommunityPlan(plan.name, plan.kind, street_office=plan.street_office))
    assert app_ctx.register.compounds() == []
    page = BattleMapPage(app_ctx, DataEvents(), runner=InlineRunner())
    qtbot.addWidget(page)
    page._draw()
    assert page.legend.text() == ("户籍登记里还没有村民小组。" if kind == "village" else "户籍登记里还没有小区（院落）。")
    assert page.map_hint.text() == ("还没有村民小组。先在“户籍登记”按“新增村民小组”登记。" if kind == "village"
                                    else "还没有小区或村组。先在“户籍登记”按“新增小区”登记。")


@pytest.fixture(params=sorted(PLANS))
def kind(request):
    return request.param


def test_the_gate_s_pass_search_gives_a_village_house_s_door_number_or_a_flat(qtbot, qt_zh, office):
    from ui.pages.gate_page import GatePage
    kind, app = office
    view = GatePage(app, DataEvents()).passes_view
    qtbot.addWidget(view)
    door = "门牌（12号）" if kind == "village" else "地址（3-2-501）"
    assert view.search.placeholderText() == "查找人员：姓名、拼音首字母、" + door
    guide = view.people_hint.text()
    assert "或门牌（张三、zs、12号）" in guide if kind == "village" else "或地址（张三、zs、3-2-501）" in guide
    type_text(view.search, "查无此人")
    qtbot.waitUntil(lambda: view.people_hint.text().startswith("没有找到"), timeout=2000)
    assert view.people_hint.text() == f"没有找到“查无此人”。请检查输入，或改用拼音首字母、{door}查找。"
    texts = view.search.placeholderText() + guide + view.people_hint.text()
    assert kind != "village" or "3-2-501" not in texts


def test_the_visitor_s_household_example_is_a_village_house_or_a_flat(qtbot, qt_zh, office):
    from ui.gate.dialogs import VisitorDialog
    kind, app = office
    dialog = VisitorDialog(app.db, None)
    qtbot.addWidget(dialog)
    example = "12号 王大爷" if kind == "village" else "3-2-501 张三"
    assert dialog.visiting.placeholderText() == "例如：" + example
    dialog.name.setText("刘师傅")
    dialog.phone.setText("13900001234")
    dialog.reason.setText("送药")
    dialog.save()                                 # no household visited typed
    assert dialog.form.error_text("visiting") == f"请填写拜访哪一户（例如：{example}）。"
    assert dialog.subject is None


def test_the_login_and_the_window_name_the_village_or_the_community(qtbot, qt_zh, office):
    """An office with two registers (its own and the demo) or a gate laptop saw 请登录社区登记系统。
    whichever it opened: the login names the community (or village) and the data file, and the
    window's title the same register."""
    from ui.dialogs.login_dialog import LoginDialog
    kind, app = office
    dialog = LoginDialog(app.db)
    qtbot.addWidget(dialog)
    said = {label.text() for label in dialog.findChildren(QLabel)}
    assert f"请登录“{PLANS[kind].name}”的登记系统。" in said
    data_file = dialog.findChild(QLabel, "login_data_file")
    assert data_file.text().startswith("数据文件：") and data_file.text().endswith(app.db.path.name)
    assert data_file.toolTip() == str(app.db.path)
    dialog.show()
    assert data_file.width() <= dialog.width()
    # The window behind it says the same register (a village's said 社区门神 - 社区登记).
    from ui.main_window import MainWindow
    window = MainWindow(app)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"社区门神 - {PLANS[kind].name}"


def test_the_red_header_example_is_the_offices_own_committee(qtbot, qt_zh, office):
    from ui.pages.paper_page import PaperPage
    kind, app = office
    page = PaperPage(app, DataEvents())
    qtbot.addWidget(page)
    example = page.office_masthead.placeholderText()
    committee = PLANS[kind].name + ("村民委员会" if kind == "village" else "居民委员会")
    assert example.startswith(f"例如：{committee}文件")
    assert "幸福里社区" not in example


def test_a_fever_in_a_follow_up_is_reported_to_the_village_committee_or_the_office(qtbot, qt_zh, office,
                                                                                   monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.idnumber import make_resident_id
    from desktop.register import HouseholdForm, PersonForm
    from ui.dialogs.followup_dialog import FollowUpDialog
    kind, app = office
    register, today = app.register, date.today()
    household = register.add_household(HouseholdForm(compound_id=register.compounds()[0].id, room="12",
                                                     building="1" if kind == "community" else ""))
    person = register.add_person(PersonForm(full_name="吴涛", id_number=make_resident_id(
        "420106", date(1960, 3, 1), 7, True)), household.id, "head")
    iso = IsolationBook(app.db, register)
    iso.start(person.id, "home_isolation", "密接", today, today)
    [item] = iso.today_list(today)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    dialog = FollowUpDialog(iso, CareBook(app.db, register), item, today)
    qtbot.addWidget(dialog)
    type_text(dialog.temperature, "38.2")
    dialog.save()
    assert said == [f"吴涛体温38.2 °C，请立即报告{'村委会' if kind == 'village' else '社区办公室'}。名单上已置顶标红。"]


def test_a_village_s_template_list_and_print_page_offer_the_letter_to_its_villagers(qtbot, qt_zh, office):
    """The printed letter says 致王家湾组村民的一封信; the list it is chosen from said
    致住户的一封信 to a village clerk."""
    from desktop.printing.templates import NoticeTemplates
    from ui.dialogs.notice_editor_dialog import NoticeEditorDialog
    from ui.pages.paper_page import PaperPage
    kind, app = office
    letter = "致村民的一封信（每户一封）" if kind == "village" else "致住户的一封信（每户一封）"
    paper = PaperPage(app, DataEvents())
    qtbot.addWidget(paper)
    paper.select_form("notice")
    offered = [paper.template.itemText(i) for i in range(paper.template.count())]
    assert letter in offered and not any(("住户" if kind == "village" else "村民") in t for t in offered)
    editor = NoticeEditorDialog(NoticeTemplates(app.db), "builtin:letter-to-household")
    qtbot.addWidget(editor)
    listed = [editor.list.item(i).text() for i in range(editor.list.count())]
    assert any(t.startswith(letter) for t in listed)
    assert editor.name.text() == letter
    # The editor's own words: 致住户的信, 不填则用本社区名称 and 另存为本社区模板 to a village clerk.
    said = [editor.kind.itemText(i) for i in range(editor.kind.count())] + [
        editor.signature.placeholderText(), editor.save_button.text(), editor.note.text()]
    office_words = ("社区", "住户") if kind == "village" else ("村",)
    assert not any(word in t for t in said for word in office_words)
    assert ("王家湾村村民委员会" if kind == "village" else "新民社区居民委员会") in editor.signature.placeholderText()




def test_a_village_sees_its_groups_on_every_list_also_when_it_joined_from_the_stick(qtbot, qt_zh, app_ctx):
    """李家坪村, on a PC that joined it from the stick (the Register and Sync pages made on the
    empty register): the tree's root said 全社区 beside 新增村民小组, the Sync page asked for
    本社区的同步口令, the care, isolation and pass lists offered 全部小区 and a greyed 全部楼栋, the
    canvass page 按楼栋 over its groups, the duty page 小区/卡口."""
    from ui.gate.passes_view import PassesView
    from ui.pages.canvass_page import CanvassPage
    from ui.pages.care_page import CarePage
    from ui.pages.duty_page import DutyPage
    from ui.pages.isolation_page import IsolationPage
    from ui.pages.register_page import RegisterPage
    from ui.pages.sync_page import SyncPage
    events = DataEvents()
    register, sync = RegisterPage(app_ctx, events), SyncPage(app_ctx, events)
    for page in (register, sync):
        qtbot.addWidget(page)
    fr.set_up_community(app_ctx, PLANS["village"])       # what the first sync brings
    events.notify("register")
    sync.refresh()
    assert register.tree_model.item(0).text() == "全村"
    assert sync.passphrase.placeholderText() == "本村的同步口令"
    for page in (CarePage(app_ctx, events), IsolationPage(app_ctx, events)):
        qtbot.addWidget(page)
        page.show()
        assert page.place_filter.compound.itemText(0) == "全村"
        assert not page.place_filter.building.isVisible()
    passes = PassesView(app_ctx, events)
    qtbot.addWidget(passes)
    assert passes.compound.itemText(0) == "全村"
    canvass, duty = CanvassPage(app_ctx, events), DutyPage(app_ctx, events)
    for page in (canvass, duty):
        qtbot.addWidget(page)
    assert canvass.tabs.tabText(1) == "按村民小组"
    assert canvass.progress_models["building"].headerData(0, Qt.Horizontal) == "村民小组"
    assert duty.people.headerData(5, Qt.Horizontal) == "村民小组/卡口"
