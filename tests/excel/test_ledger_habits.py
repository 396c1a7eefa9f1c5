"""Ledgers as offices really keep them, beyond the sample files: hidden sheets, a column for
the household head beside each member's own, 户号, and "same as above" (blank, merged, 同上)."""
from datetime import date, timedelta

from openpyxl import Workbook

from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book


def _id(n: int) -> str:
    return make_resident_id("420106", date(1960, 1, 1) + timedelta(days=n * 97), n % 499, n % 2 == 0)


def _where(app):
    return {p.full_name: (p.address, p.relation) for p in app.register.people_in(None, limit=1000)}


def test_a_hidden_sheet_is_not_imported_and_the_preview_says_so(app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "在住人员"
    for row in (["姓名", "身份证号码", "住址", "与户主关系"], ["王芳", _id(1), "3-2-501", "户主"]):
        ws.append(row)
    moved = book.create_sheet("已迁出")
    for row in (["姓名", "身份证号码", "住址", "与户主关系"], ["赵强", _id(2), "3-2-502", "户主"]):
        moved.append(row)
    moved.sheet_state = "hidden"
    template = book.create_sheet("模板")
    template.append(["姓名", "身份证号码", "住址"])
    template.append(["张三", "", "1-1-101"])
    template.sheet_state = "veryHidden"
    book.save(tmp_path / "h.xlsx")
    plan = plan_import(app_ctx, tmp_path / "h.xlsx", "register", compound="幸福里小区")
    assert [r.draft.person["full_name"] for r in plan.rows] == ["王芳"]
    assert plan.hidden_sheets == ["已迁出", "模板"]


def test_a_head_column_beside_each_members_own_name_and_the_household_number(app_ctx, tmp_path):
    path = write_book(tmp_path / "m.xlsx", {"人口": [
        ["户号", "户主姓名", "成员姓名", "与户主关系", "身份证号码", "楼栋", "单元", "房间号"],
        ["A001", "王芳", "王芳", "户主", _id(1), "6", "1", "302"],
        ["A001", "王芳", "李强", "配偶", _id(2), "", "", ""],
        ["A002", "陈静", "陈静", "户主", _id(3), "6", "1", "402"],
        ["A002", "陈静", "陈小明", "子女", _id(4), "", "", ""],
        ["A001", "王芳", "王小丽", "子女", _id(5), "", "", ""],          # listed later, same household
    ]})
    apply_import(app_ctx, plan_import(app_ctx, path, "register", compound="幸福里小区"))
    assert _where(app_ctx) == {"王芳": ("幸福里小区 6栋1单元302", "head"), "李强": ("幸福里小区 6栋1单元302", "spouse"),
                               "王小丽": ("幸福里小区 6栋1单元302", "child"),
                               "陈静": ("幸福里小区 6栋1单元402", "head"), "陈小明": ("幸福里小区 6栋1单元402", "child")}


def test_a_head_column_alone_is_the_persons_name(app_ctx, tmp_path):
    path = write_book(tmp_path / "h.xlsx", {"户": [["户主姓名", "身份证号码", "住址"], ["王芳", _id(1), "6-1-302"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert [r.draft.person["full_name"] for r in plan.rows] == ["王芳"]


def test_members_under_their_households_address_blank_merged_or_ditto(app_ctx, tmp_path):
    path = write_book(tmp_path / "a.xlsx", {"台账": [
        ["姓名", "身份证号码", "与户主关系", "住址"],
        ["王芳", _id(1), "户主", "6-1-302"],
        ["李强", _id(2), "配偶", None],                  # under the merged address cell
        ["王小丽", _id(3), "子女", None],
        ["陈静", _id(4), "户主", "6栋1单元402"],
        ["陈小明", _id(5), "子女", "同上"],
        ["陈红", _id(6), "女儿", "〃"],
        ["赵亮", _id(7), "户主", None],                  # a head with no address: nothing carried
        ["赵小亮", _id(8), "子女", None],
    ]}, merged={"台账": ["D2:D4"]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert not plan.bad
    apply_import(app_ctx, plan)
    where = _where(app_ctx)
    assert {name: where[name][0] for name in where} == {
        "王芳": "幸福里小区 6栋1单元302", "李强": "幸福里小区 6栋1单元302", "王小丽": "幸福里小区 6栋1单元302",
        "陈静": "幸福里小区 6栋1单元402", "陈小明": "幸福里小区 6栋1单元402", "陈红": "幸福里小区 6栋1单元402",
        "赵亮": "", "赵小亮": ""}
