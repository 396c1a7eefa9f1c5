"""A village address as a village's care ledger writes it: the village (and the town above it)
before the group, 村民小组 for 组, spaces, full-width or Chinese numbers. 「新民村王家湾组12号」
was not found at 王家湾组 12号, and the clerk matched every such row by hand; now it is that
house, and only that house: never 112号, never 李家湾, never another village's 王家湾."""
from datetime import date

import pytest

from db.search_tokens import chinese_number
from desktop import first_run as fr
from desktop.care.care_book import CareBook
from desktop.errors import InputErrors
from desktop.excel.importer import apply_import, plan_import
from desktop.register import HouseholdForm, PersonForm
from desktop.register.places import VILLAGE_GROUP, house_address
from tests.excel.conftest import write_book

TODAY = date(2026, 3, 10)

SAME_HOUSE = ["新民村王家湾组12号", "XX镇新民村王家湾12号", "湖北省XX县XX镇新民村王家湾组12号",
              "新民村委会王家湾12号", "新民村 王家湾组 12号", "王家湾村民小组12号", "王家湾组 12 号",
              "王家湾十二号", "新民村王家湾组十二号", "王家湾组１２号", "新民村王家湾组１２号"]
NOT_THIS_HOUSE = ["王家湾112号", "新民村王家湾112号", "王家湾一百一十二号", "李家湾12号", "新民村李家湾组12号",
                  "李家村王家湾12号", "XX镇李家村王家湾12号", "东新民村王家湾12号", "新民村12号"]


@pytest.mark.parametrize("typed", SAME_HOUSE)
def test_every_writing_of_the_house_with_the_village_is_its_house_address(typed):
    assert house_address("王家湾组", typed, "新民村") == "12号"


@pytest.mark.parametrize("typed", NOT_THIS_HOUSE)
def test_another_house_group_or_village_is_never_this_house(typed):
    assert house_address("王家湾组", typed, "新民村") != "12号"


@pytest.mark.parametrize("village", ["新民村", "新民村委会", "新民村村民委员会"])
def test_the_village_is_known_however_the_office_wrote_its_name(village):
    assert house_address("王家湾组", "新民村王家湾组12号", village) == "12号"
    assert house_address("王家湾组", "李家村王家湾组12号", village) == "李家村王家湾组12号"


def test_without_the_villages_name_a_village_before_the_group_is_not_guessed():
    """A database with no community (or several) cannot tell 新民村 from another village: the
    address is kept as typed, for the clerk; the forms without a village still read."""
    assert house_address("王家湾组", "新民村王家湾组12号") == "新民村王家湾组12号"
    assert house_address("王家湾组", "王家湾组 12 号") == "12号"


@pytest.mark.parametrize("text,number", [("十二", 12), ("一百", 100), ("一百零二", 102), ("一百一十二", 112),
                                         ("一百十二", 112), ("两百五十", 250), ("九百九十九", 999),
                                         ("一百〇五", 105)])
def test_chinese_numbers_are_read_up_to_999(text, number):
    assert chinese_number(text) == number
    assert house_address("王家湾组", f"王家湾{text}号", "新民村") == f"{number}号"


@pytest.mark.parametrize("text", ["一百五", "零", "百", "一二", "一百零十"])
def test_a_chinese_number_that_could_be_two_numbers_is_not_read(text):
    assert chinese_number(text) is None


@pytest.fixture
def village(app_ctx):
    """新民村 with 王家湾组 and 李家湾组. For each writing in SAME_HOUSE a person lives at 王家湾组
    12号, and a namesake of theirs at 王家湾组 112号 and one at 李家湾组 12号."""
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", places_text="王家湾组\n李家湾组"))
    groups = {c.name: c for c in app_ctx.register.compounds()}
    r = app_ctx.register
    houses = {(g, n): r.add_household(HouseholdForm(compound_id=groups[g].id, address_text=n))
              for g, n in (("王家湾组", "12号"), ("王家湾组", "112号"), ("李家湾组", "12号"))}
    people = {}
    for i in range(len(SAME_HOUSE) + len(NOT_THIS_HOUSE)):
        for (g, n), house in houses.items():
            people[(f"村民{i}", g + n)] = r.add_person(PersonForm(full_name=f"村民{i}"), house.id,
                                                      "head" if i == 0 else "other")
    return {"groups": groups, "people": people}


# Where each of NOT_THIS_HOUSE is, if anywhere the register has (None: refused, for the clerk).
ELSEWHERE = {"王家湾112号": "王家湾组112号", "新民村王家湾112号": "王家湾组112号", "王家湾一百一十二号": "王家湾组112号",
             "李家湾12号": "李家湾组12号", "新民村李家湾组12号": "李家湾组12号"}


def test_the_care_import_finds_the_house_however_the_village_address_is_written(app_ctx, village, tmp_path):
    typed = SAME_HOUSE + NOT_THIS_HOUSE
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"], *[[f"村民{i}", text, "独居老人"] for i, text in enumerate(typed)]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    expected = ["王家湾组12号"] * len(SAME_HOUSE) + [ELSEWHERE.get(text) for text in NOT_THIS_HOUSE]
    assert [r.action for r in plan.rows] == ["new" if door else "rejected" for door in expected], \
        [r.reason for r in plan.rows]
    wrong = plan.rows[typed.index("李家村王家湾12号")]
    assert "住址“李家村王家湾12号”对不上" in wrong.reason and "王家湾组12号" in wrong.reason
    apply_import(app_ctx, plan)
    care = CareBook(app_ctx.db, app_ctx.register)
    listed = {k for k, p in village["people"].items() if care.subject_of_person(p.id)}
    assert listed == {(f"村民{i}", door) for i, door in enumerate(expected) if door}


def test_the_care_import_without_the_villages_name_leaves_a_village_address_to_the_clerk(
        app_ctx, small_community, tmp_path):
    """No community set up: 新民村 cannot be checked, so nobody is put on the list for it."""
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"], ["王大爷", "新民村王家湾组12号", "独居老人"], ["王大爷", "王家湾组 12 号", "独居老人"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["rejected", "new"], [r.reason for r in plan.rows]
    assert "住址“新民村王家湾组12号”对不上" in plan.rows[0].reason


def test_a_group_added_as_a_compound_in_a_village_has_village_houses(app_ctx, village, tmp_path):
    """A village's group added with the dialog's first choice (小区/院落), or named 王家湾坝 in an
    older ledger, was a compound: 12, 12号 and 王家湾坝12号 were three doors, and the care
    import found nobody at 新民村王家湾坝12号. In a village every place's houses are houses."""
    r = app_ctx.register
    group = r.add_compound("王家湾坝")
    assert group.kind == "compound"
    house = r.add_household(HouseholdForm(compound_id=group.id, room="12"))
    assert (house.room, house.address_text) == ("", "12号")
    with pytest.raises(InputErrors, match="已经登记了1户"):
        r.add_household(HouseholdForm(compound_id=group.id, address_text="新民村王家湾坝12号"))
    r.add_person(PersonForm(full_name="刘奶奶"), house.id, "head")
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"], ["刘奶奶", "XX镇新民村王家湾坝 12 号", "独居老人"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["new"], [r.reason for r in plan.rows]


def test_a_village_ledger_makes_its_groups_village_groups_whatever_their_names(app_ctx, village, tmp_path):
    """村民小组 王家湾坝 (no 组 in its name) in the village's register ledger was made a compound,
    and its 12 and 王家湾坝12号 two households."""
    path = write_book(tmp_path / "户籍.xlsx", {"户籍": [
        ["姓名", "村民小组", "门牌地址", "与户主关系"],
        ["张大山", "王家湾坝", "12", "户主"], ["张小山", "王家湾坝", "新民村王家湾坝12号", "子女"]]})
    plan = plan_import(app_ctx, path)
    assert not plan.bad, [r.reason for r in plan.rows]
    apply_import(app_ctx, plan)
    group = next(c for c in app_ctx.register.compounds() if c.name == "王家湾坝")
    assert group.kind == VILLAGE_GROUP
    houses = app_ctx.register.households_in("compound", group.id)
    assert [h.address_text for h in houses] == ["12号"]


def test_a_group_named_after_another_village_in_its_own_column_is_not_this_group(app_ctx, village, tmp_path):
    """村民小组「李家村王家湾组」, 门牌号 12 put 村民1 of 新民村's 王家湾组 12号 on the care list:
    any text before the group's name was taken for the street or community it is in."""
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "村民小组", "门牌号", "类别"],
        ["村民0", "新民村王家湾组", 12, "独居老人"],
        ["村民1", "李家村王家湾组", 12, "独居老人"],
        ["村民2", "XX镇新民村王家湾", "十二号", "独居老人"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["new", "rejected", "new"], [r.reason for r in plan.rows]
    assert "对不上" in plan.rows[1].reason


def test_a_compound_named_inside_another_name_is_not_this_compound(app_ctx, small_community, tmp_path):
    """阳光幸福里3栋2单元501 found 张三 of 幸福里小区 3栋2单元501: 阳光幸福里 is another compound.
    The street before the name (通济街道幸福里小区) still finds him."""
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"], ["张三", "阳光幸福里3栋2单元501", "独居老人"],
        ["张三", "通济街道幸福里小区3-2-501", "独居老人"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["rejected", "new"], [r.reason for r in plan.rows]
    assert "住址“阳光幸福里3栋2单元501”对不上" in plan.rows[0].reason


def test_a_long_address_that_names_no_house_is_answered_at_once():
    """The places before a village were read every way they could be split: 34 区 before a
    name that does not fit held the import for seconds, a few more for minutes."""
    import time
    started = time.monotonic()
    assert house_address("王家湾组", "区" * 34 + "新民村王家湾组12号X", "新民村").endswith("X")
    assert time.monotonic() - started < 0.5
