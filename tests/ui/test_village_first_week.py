"""A village clerk's (村委会) first week, from an empty data folder: the first-run wizard and the
first import of the village's own ledger speak of the village and its groups (村民小组), never of
a community's compounds (小区), and say what to do next."""
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWizard

from desktop import first_run as fr
from desktop.idnumber import make_resident_id
from tests.conftest import type_text
from tests.excel.conftest import write_book
from ui.dialogs.import_wizard import ImportWizard
from ui.events import DataEvents
from ui.first_run import FirstRunWizard
from ui.workers.task import InlineRunner

pytestmark = pytest.mark.gui


def _press_next(qtbot, wizard):
    button = wizard.button(QWizard.NextButton)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)


def _community_page(qtbot, app_ctx):
    """The first-run wizard on an empty register, past its first page (导入我们的Excel台账) to
    the page that asks for the community or village: (the wizard, that page)."""
    w = FirstRunWizard(app_ctx)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    _press_next(qtbot, w)
    return w, w.community_page


def test_a_village_is_asked_for_its_groups_and_its_secretary_not_a_communitys(qtbot, qt_zh, app_ctx):
    w, page = _community_page(qtbot, app_ctx)
    type_text(page.name, "新民村")
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key_Down)               # 村（村委会）
    assert page.kind.currentData() == "village"
    captions = {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert "村民小组" in captions
    assert not any("小区" in text for text in captions)
    type_text(page.places, "王家湾组")
    _press_next(qtbot, w)
    assert w.currentPage() is w.passphrase_page
    said = w.passphrase_page.subTitle()
    assert "村委会的每台电脑" in said and "社区" not in said
    _press_next(qtbot, w)                                # the passphrase can wait
    admin = w.extra_pages[0]
    assert w.currentPage() is admin
    assert "村书记" in admin.subTitle() and "社区" not in admin.subTitle()


def test_a_community_is_still_asked_for_its_compounds_and_its_secretary(qtbot, qt_zh, app_ctx):
    w, page = _community_page(qtbot, app_ctx)
    type_text(page.name, "新民社区")
    captions = {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert "小区和楼栋，\n或村民小组" in captions
    type_text(page.places, "幸福里小区：1-3栋")
    _press_next(qtbot, w)
    assert "本社区的每台电脑" in w.passphrase_page.subTitle()
    _press_next(qtbot, w)
    assert "社区书记" in w.extra_pages[0].subTitle()


@pytest.fixture
def village(app_ctx):
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", street_office="五里镇",
                                                  places_text="王家湾组\n李家湾组\n村部"))
    return app_ctx


def _village_ledger(tmp_path):
    """As a village keeps it: a title naming the village, the 组 merged down its rows, doors as
    王家湾12号 or 12, an ID number Excel turned into 4.20117E+17, a 合计 footer."""
    rows = [["新民村村民户籍台账（2026年12月）"],
            ["序号", "组别", "户主姓名", "姓名", "与户主关系", "身份证号", "联系电话", "门牌号"],
            [1, "王家湾组", "王德贵", "王德贵", "户主", make_resident_id("420117", date(1950, 3, 7), 11, True),
             "138 7100 1234", "王家湾12号"],
            [2, None, "王德贵", "王小军", "子", 4.20117197809e+17, "139 0710 5678", "王家湾12号"],
            [3, "李家湾组", "李老汉", "李老汉", "户主", make_resident_id("420117", date(1938, 8, 8), 25, True), "", "7"],
            ["合计", "", "共3人"]]
    return write_book(tmp_path / "新民村户籍台账.xlsx", {"户籍台账": rows}, merged={"户籍台账": ["A1:H1", "B3:B4"]})


@pytest.fixture
def village_import(qtbot, qt_zh, village, tmp_path):
    w = ImportWizard(village, DataEvents(), None, path=_village_ledger(tmp_path))
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    w.check()
    return w


def test_a_village_ledger_is_previewed_with_its_groups_and_doors(village_import):
    w = village_import
    chosen = {w.mapping_table.cellWidget(r, 0).text(): w.mapping_table.cellWidget(r, 1).currentText()
              for r in range(w.mapping_table.rowCount())}
    assert chosen["组别"] == "村民小组"
    assert "小区" not in [w.mapping_table.cellWidget(0, 1).itemText(i)
                        for i in range(w.mapping_table.cellWidget(0, 1).count())]
    model = w.model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert "村民小组" in headers and "小区" not in headers
    door = headers.index("门牌号")
    shown = {model.index(r, headers.index("姓名")).data(): model.index(r, door).data() for r in range(model.rowCount())}
    assert shown["王德贵"] == "12号" and shown["李老汉"] == "7号"
    # The title names the village itself, not one of its groups: the rows say their own group.
    assert "新民村" not in w.summary.text()
    assert isinstance(w.mapping_table.cellWidget(0, 1), QComboBox)


def test_after_the_import_the_clerk_is_told_how_to_fix_the_rows_left_out(village_import, village, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    village_import.start_import()
    assert village.register.totals()["people"] == 2
    assert {c.name for c in village.register.compounds()} == {"王家湾组", "李家湾组", "村部"}
    assert "1行有错误" in told[0] and "保存错误行" in told[0] and "改好后再导入" in told[0]


def _captions(widget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)}


def test_a_villages_forms_ask_for_its_group_not_a_compound(qtbot, qt_zh, village):
    from desktop.register import HouseholdForm, PersonForm
    from ui.dialogs.compound_dialog import CompoundDialog
    from ui.dialogs.household_dialog import HouseholdDialog
    from ui.dialogs.move_dialog import MoveDialog
    from ui.pages.gate_page import GatePage
    group = village.register.compounds()[0]
    house = village.register.add_household(HouseholdForm(compound_id=group.id, address_text="12号"))
    person = village.register.add_person(PersonForm(full_name="王德贵"), house.id, "head")
    gate = GatePage(village, DataEvents())
    move = MoveDialog(village.register, person)
    household = HouseholdDialog(village.register, compound_id=group.id)
    added = CompoundDialog(village.register)
    for widget in (gate, move, household, added):
        qtbot.addWidget(widget)
    assert "村民小组" in _captions(gate.settings_view)
    assert "村民小组(&G) *" in _captions(move) and "村民小组(&G) *" in _captions(household)
    for widget in (gate.settings_view, move, household):
        assert not any("小区" in text for text in _captions(widget)), _captions(widget)
    # Moving a villager to another house asks its 门牌, not a building and a unit.
    assert not {"楼栋", "单元"} & _captions(move)
    assert added.windowTitle() == "新增村民小组"


def test_a_city_communitys_forms_still_ask_for_a_compound_or_group(qtbot, qt_zh, small_community, app_ctx):
    from ui.dialogs.move_dialog import MoveDialog
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民社区", "community", places_text="幸福里小区：1-3栋"))
    move = MoveDialog(app_ctx.register, small_community["people"]["张三"])
    qtbot.addWidget(move)
    assert {"小区/村民小组(&C) *", "楼栋", "单元"} <= _captions(move)


def test_the_first_checkpoint_added_makes_the_gate_screen_ready_not_still_asking(qtbot, qt_zh, village):
    """The road checkpoint (村道路口) added in 卡口设置: back on the gate screen, the card no
    longer says there is no checkpoint and nothing can be logged."""
    from PySide6.QtWidgets import QPushButton
    from ui.pages.gate_page import GatePage
    page = GatePage(village, DataEvents())
    qtbot.addWidget(page)
    screen = page.screen
    assert "还没有卡口" in screen.message_label.text() and "不能登记" in screen.prompt.text()
    type_text(page.settings_view.name, "新民村村道路口")
    page.settings_view.findChild(QPushButton, "checkpoint_add").click()
    assert "新民村村道路口" in screen.gate_label.text()
    assert "卡口" not in screen.message_label.text() + screen.name_label.text()
    assert "不能登记" not in screen.prompt.text()


def test_a_villages_print_page_offers_its_letters_and_groups_without_buildings(qtbot, qt_zh, village):
    from PySide6.QtWidgets import QListWidget
    from ui.pages.paper_page import PaperPage
    page = PaperPage(village, DataEvents())
    qtbot.addWidget(page)
    page.resize(1024, 700)
    with qtbot.waitExposed(page):
        page.show()
    forms = page.findChild(QListWidget, "form_list")
    titles = [forms.item(i).text() for i in range(forms.count())]
    assert "通知 / 致村民的信" in titles and "滚动摸排表（按村民小组）" in titles
    assert not any("楼栋" in t for t in titles)
    page.select_form("notice")
    shown = _captions(page)
    assert "村民小组" in shown and "村委会电话" in shown
    assert not page.building.isVisible()             # a village group has no buildings to choose
    page.select_form("canvass-sheet")
    assert not page.building.isVisible()


def test_a_villages_register_exports_as_its_villagers_by_group_and_imports_back(village, tmp_path):
    from openpyxl import load_workbook
    from desktop.excel.importer import plan_import
    from desktop.excel.lists import export_list
    from desktop.register import HouseholdForm, PersonForm
    group = next(c for c in village.register.compounds() if c.name == "王家湾组")
    house = village.register.add_household(HouseholdForm(compound_id=group.id, address_text="12号"))
    village.register.add_person(PersonForm(full_name="王德贵", id_number=make_resident_id(
        "420117", date(1950, 3, 7), 11, True)), house.id, "head")
    out = tmp_path / "村民台账.xlsx"
    export_list(village, "register", out)
    rows = list(load_workbook(out).active.iter_rows(max_row=3, values_only=True))
    assert "村民台账" in rows[0][0] and "居民" not in rows[0][0]
    assert rows[1][0] == "村民小组" and "小区" not in rows[1]
    assert rows[2][0] == "王家湾组"
    plan = plan_import(village, out)
    assert [r.action for r in plan.rows] == ["same"]


def test_a_name_ending_in_village_chooses_the_village_unless_the_clerk_chose(qtbot, qt_zh, app_ctx):
    """李家坪村 typed and Next pressed with the kind left at 社区（居委会）: the village was set up
    as a community, and every page spoke of 小区."""
    _wizard, page = _community_page(qtbot, app_ctx)
    type_text(page.name, "李家坪村")
    assert page.kind.currentData() == "village"
    assert "村民小组" in {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    page.name.clear()
    type_text(page.name, "新民社区")
    assert page.kind.currentData() == "community"
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key_Down)               # the clerk's own choice stays
    page.name.clear()
    type_text(page.name, "新民社区居委会")
    assert page.kind.currentData() == "village"
