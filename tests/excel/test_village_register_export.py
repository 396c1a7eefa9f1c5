"""A village's register exports as its own ledger keeps it (村民小组, 门牌号; no empty 楼栋 and
单元 columns) and imports back unchanged (无变化)."""
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop import first_run as fr
from desktop.excel.importer import plan_import
from desktop.excel.lists import export_list
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm


@pytest.fixture
def village(app_ctx):
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", street_office="五里镇",
                                                  places_text="王家湾组\n李家湾组"))
    groups = {c.name: c for c in app_ctx.register.compounds()}
    for n, (group, door, name, relation) in enumerate((
            ("王家湾组", "12号", "王德贵", "head"), ("王家湾组", "12号", "王小军", "child"),
            ("李家湾组", "7", "李老汉", "head")), 1):
        house = next((h for h in app_ctx.register.households_in("compound", groups[group].id)
                      if h.address_text == ("7号" if door == "7" else door)), None)
        if house is None:
            house = app_ctx.register.add_household(HouseholdForm(compound_id=groups[group].id, room=door))
        app_ctx.register.add_person(PersonForm(full_name=name, id_number=make_resident_id(
            "420117", date(1950 + n, 3, 7), n, True)), house.id, relation)
    return app_ctx


def _sheet(path):
    return list(load_workbook(path).active.iter_rows(values_only=True))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_village_register_has_its_groups_and_houses_and_no_empty_building_columns(village, tmp_path, suffix):
    out = tmp_path / ("村民台账" + suffix)
    assert export_list(village, "register", out) == 3
    if suffix == ".csv":
        rows = [line.split(",") for line in out.read_text(encoding="utf-8-sig").splitlines()]
        header, body = rows[0], rows[1:]
    else:
        rows = _sheet(out)
        header, body = list(rows[1]), rows[2:]
    assert header[:3] == ["村民小组", "门牌号", "姓名"]
    assert not {"楼栋", "单元", "门牌地址", "小区"} & set(header)
    assert sorted((r[0], r[1], r[2]) for r in body) == [
        ("李家湾组", "7号", "李老汉"), ("王家湾组", "12号", "王小军"), ("王家湾组", "12号", "王德贵")]
    plan = plan_import(village, out)
    assert not plan.bad and [r.action for r in plan.rows] == ["same"] * 3


def test_a_village_block_and_a_house_with_a_second_address_keep_their_columns(village, tmp_path):
    """Nothing is dropped: a resettlement block's flat keeps 楼栋 and 单元, a house with a 门牌号
    and another address beside it keeps 门牌地址."""
    group = next(c for c in village.register.compounds() if c.name == "李家湾组")
    flat = village.register.add_household(HouseholdForm(compound_id=group.id, building="1", unit="2", room="301"))
    village.register.add_person(PersonForm(full_name="刘安置", id_number=make_resident_id(
        "420117", date(1980, 1, 1), 40, True)), flat.id, "head")
    house = village.register.add_household(HouseholdForm(compound_id=group.id, room="3", address_text="村委会旁"))
    village.register.add_person(PersonForm(full_name="陈守门", id_number=make_resident_id(
        "420117", date(1970, 1, 1), 41, True)), house.id, "head")
    out = tmp_path / "村民台账.xlsx"
    export_list(village, "register", out)
    rows = _sheet(out)
    assert list(rows[1][:5]) == ["村民小组", "楼栋", "单元", "门牌号", "门牌地址"]
    doors = {r[5]: r[1:5] for r in rows[2:]}
    assert doors["刘安置"] == ("1", "2", "301", None)
    assert doors["陈守门"] == (None, None, "3", "村委会旁")
    assert doors["王德贵"] == (None, None, "12号", None)
    plan = plan_import(village, out)
    assert not plan.bad and {r.action for r in plan.rows} == {"same"}
