"""A village group's ledger writes one house several ways (15, 15号, １５号, 王家湾15号, a
门牌号 column): each house's people are one household, found with those already registered."""
from datetime import date, timedelta

from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book

HEADER = ["姓名", "身份证号码", "门牌号", "门牌地址", "住址", "与户主关系"]


def _id(n: int) -> str:
    return make_resident_id("420106", date(1975, 1, 1) + timedelta(days=n), n % 499, n % 2 == 1)


def _households(app, compound_id):
    """{house address: the names of its people}, one entry per household."""
    people = app.register.people_in(None, limit=1000)
    houses = app.register.households_in("compound", compound_id)
    assert len({h.address_text for h in houses}) == len(houses)
    return {h.address_text: sorted(p.full_name for p in people if p.household_id == h.id) for h in houses}


def test_a_village_ledger_with_mixed_writings_puts_each_house_in_one_household(small_community, app_ctx, tmp_path):
    village = small_community["village"]
    path = write_book(tmp_path / "village.xlsx", {"王家湾组": [
        HEADER,
        ["王大妈", _id(1), "", "王家湾12号", "", "配偶"],      # 王大爷's house, registered as 12号
        ["王小二", _id(2), "12", "", "", "子女"],
        ["李大山", _id(3), "", "15", "", "户主"],
        ["刘桂花", _id(4), "", "王家湾15号", "", "配偶"],
        ["李小山", _id(5), "", "１５号", "", "子女"],
        ["李老汉", _id(6), "15号", "", "", "父母"],
        ["李奶奶", _id(7), "", "", "王家湾组15号", "母亲"],
        ["陈守门", _id(8), "", "村委会旁", "", "户主"]]})
    plan = plan_import(app_ctx, path, compound="王家湾组")
    assert not plan.bad and not [r for r in plan.rows if r.warnings]
    apply_import(app_ctx, plan)
    assert _households(app_ctx, village.id) == {
        "12号": ["王大妈", "王大爷", "王小二"],
        "15号": ["刘桂花", "李大山", "李奶奶", "李小山", "李老汉"],
        "村委会旁": ["陈守门"]}


def test_a_compound_ledger_is_unaffected(small_community, app_ctx, tmp_path):
    compound = small_community["compound"]
    path = write_book(tmp_path / "flats.xlsx", {"s": [
        ["姓名", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"],
        ["赵一", _id(11), "3", "2", "12", "户主"],
        ["赵二", _id(12), "3", "2", "12号", "配偶"]]})
    plan = plan_import(app_ctx, path, compound="幸福里小区")
    apply_import(app_ctx, plan)
    flats = [h for h in app_ctx.register.households_in("compound", compound.id) if h.room == "12"]
    assert [(h.building, h.unit, h.room, h.address_text) for h in flats] == [("3", "2", "12", "")]


def test_a_landline_column_beside_the_mobile_is_kept(app_ctx, tmp_path):
    """联系方式 over 手机 and 座机 (a header in two rows): the 座机 column was not imported, and an
    old person's only number was lost."""
    path = write_book(tmp_path / "花名册.xlsx", {"一组": [
        ["姓名", "身份证号码", "门牌号", "与户主关系", "联系方式", None],
        [None, None, None, None, "手机", "座机"],
        ["李建国", _id(41), "1号", "户主", "139 0017 7001", "0712-8123456"],
        ["王秀英", _id(42), "2号", "户主", None, "0712-8123457"]]},
        merged={"一组": ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"]})
    plan = plan_import(app_ctx, path, compound="一组")
    assert not plan.bad
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None, limit=10)}
    assert people["王秀英"].phone == "0712-8123457"
    assert people["李建国"].phone == "13900177001" and "0712-8123456" in people["李建国"].note



def test_a_village_ledger_kept_as_a_sheet_per_group(app_ctx, tmp_path):
    """李家坪村 keeps a sheet per group, each titled 李家坪村X组村民花名册: the title's 村 is the
    village itself, so the file was refused ('请指定导入到哪个小区（命令行用 --compound 名称）': a
    小区 the village has not, an option where the window has a box) though every sheet says its
    group; both groups have a house 1号. Then its groups came as 一组 三组 二组 … (by character
    code) and its houses as 1号 10号 2号."""
    import pytest
    from desktop import first_run as fr
    from desktop.errors import InputError
    fr.set_up_community(app_ctx, fr.CommunityPlan("李家坪村", "village", places_text="四组\n十一组\n一组\n三组\n二组"))
    nameless = write_book(tmp_path / "无组.xlsx", {"Sheet1": [HEADER, ["李建国", _id(51), "1号", "", "", "户主"]]})
    with pytest.raises(InputError) as info:
        plan_import(app_ctx, nameless)
    assert "小区" not in info.value.message and "请在上方“村民小组”框里选择" in info.value.message
    head = ["序号", "门牌号", "姓名", "与户主关系", "身份证号码"]
    path = write_book(tmp_path / "花名册.xlsx", {
        "一组": [["李家坪村一组村民花名册"], head, [1, "10号", "李建国", "户主", _id(21)], [2, "10号", "王秀英", "妻", _id(22)],
                 [3, "2号", "赵永福", "户主", _id(25)], [4, "1号", "陈金山", "户主", _id(26)]],
        "二组": [["李家坪村二组村民花名册"], head, [1, "1号", "黄德明", "户主", _id(23)]],
        "十一组": [head, [1, "1号", "周红军", "户主", _id(24)]]})
    plan = plan_import(app_ctx, path)
    assert not plan.bad
    apply_import(app_ctx, plan)
    r = app_ctx.register
    groups = {c.name: c.id for c in r.compounds()}
    assert list(groups) == ["一组", "二组", "三组", "四组", "十一组"]
    assert _households(app_ctx, groups["一组"]) == {"1号": ["陈金山"], "2号": ["赵永福"], "10号": ["李建国", "王秀英"]}
    assert _households(app_ctx, groups["二组"]) == {"1号": ["黄德明"]}
    assert _households(app_ctx, groups["十一组"]) == {"1号": ["周红军"]}
    tree = r.tree_children(None)
    assert [g.label for g in tree] == ["一组", "二组", "三组", "四组", "十一组"]
    assert [h.label for h in r.tree_children(tree[0])] == ["1号 陈金山", "2号 赵永福", "10号 李建国"]
    assert [p.full_name for p in r.people_in(tree[0], limit=10)] == ["陈金山", "赵永福", "李建国", "王秀英"]


def test_the_village_s_people_list_export_and_checkpoints_follow_the_groups_count(app_ctx, tmp_path):
    """李家坪村's 全村 people list, its exported register and its checkpoints came as 一组 三组 二组
    五组 四组 (the SQL sorted group names by character); they follow 一组 … 五组 now, as its tree."""
    from openpyxl import load_workbook
    from desktop import first_run as fr
    from desktop.excel.lists import export_list
    from desktop.gate.checkpoints import add_checkpoint, checkpoints
    from desktop.register import HouseholdForm, PersonForm
    fr.set_up_community(app_ctx, fr.CommunityPlan("李家坪村", "village", places_text="三组\n五组\n一组\n四组\n二组"))
    r = app_ctx.register
    for n, group in enumerate(r.compounds()):
        h = r.add_household(HouseholdForm(compound_id=group.id, address_text="1号"))
        r.add_person(PersonForm(full_name=f"{group.name}村民", id_number=_id(n)), h.id, "head")
        add_checkpoint(app_ctx.db, f"{group.name}路口", group.id)
    counted = ["一组", "二组", "三组", "四组", "五组"]
    assert [p.full_name for p in r.people_in(None, limit=10)] == [f"{g}村民" for g in counted]
    export_list(app_ctx, "register", tmp_path / "台账.xlsx", masked=True)
    names = [row[0] for row in load_workbook(tmp_path / "台账.xlsx").active.iter_rows(values_only=True)
             if row[0] in counted]
    assert names == counted
    assert [c.name for c in checkpoints(app_ctx.db) if c.name.endswith("组路口")] == [f"{g}路口" for g in counted]
