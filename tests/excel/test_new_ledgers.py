"""Ledgers nobody had tried, made by hand the way offices keep them: a title with a line under
it, two header rows, columns in their own order, notes typed into the ID column."""
from datetime import date

from desktop.excel.importer import plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book

IDS = [make_resident_id("420106", date(1950 + i, 1 + i, 1 + i), 10 + i, i % 2 == 0) for i in range(4)]


def test_a_title_with_a_line_under_it_and_words_in_the_id_column(app_ctx, tmp_path):
    """The title named 桂花园小区, the line under it 填报单位：桂花园社区居委会: the compound was
    not found ("标题里都没有") because that line's 社区 cut the title off. And 外出 / 无 typed
    into the ID column refused the resident ("身份证号码应为18位，现在是2位"): the person is
    kept without a number, the word in the note, said to add the number. A slash is no number
    (kept silently, as a blank), and 身份证：420106… or “420106…”； is read without its label or
    quotes (it was "22位", "20位")."""
    path = write_book(tmp_path / "登记.xlsx", {"居民登记": [
        ["桂花园小区居民信息登记表"],
        ["填报单位：桂花园社区居委会", None, None, None, "填报日期：2020年2月5日"],
        ["联系电话", "姓名", "住址", None, None, "身份证号码", "与户主关系"],
        [None, None, "楼栋", "单元", "门牌", None, None],
        ["13800000001", "赵大山", 1, 1, 101, IDS[0], "户主"],
        ["13800000003", "孙强", 1, 1, 102, "外出", "户主"],
        ["13800000004", "李四", 1, 1, 102, "无", "子女"],
        ["13800000002", "钱小梅", 1, 1, 101, float(IDS[1]), "配偶"],
        ["13800000005", "周五", 1, 1, 103, "身份证：" + IDS[2], "户主"],     # copied with its label
        ["13800000006", "吴六", 1, 1, 103, "/", "配偶"],                      # a slash: no number, nothing to say
        ["13800000007", "郑七", 1, 2, 201, "“" + IDS[3] + "”；", "户主"],     # copied out of a document
        ["合计", "6人"]]}, merged={"居民登记": ["C3:E3", "A3:A4", "B3:B4", "F3:F4", "G3:G4"]})
    plan = plan_import(app_ctx, path, "register")
    assert plan.compound == "桂花园小区"
    kept = {r.draft.person["full_name"]: r for r in plan.good}
    assert sorted(kept) == ["吴六", "周五", "孙强", "李四", "赵大山", "郑七"]
    assert kept["郑七"].draft.person["id_number"] == IDS[3]
    assert kept["周五"].draft.person["id_number"] == IDS[2] and not kept["周五"].warnings
    assert kept["吴六"].draft.person["id_number"] is None and not kept["吴六"].warnings
    assert kept["孙强"].draft.person["id_number"] is None and "身份证号码栏：外出" in kept["孙强"].draft.person["note"]
    assert [w.message for w in kept["李四"].warnings] == [
        "身份证号码一栏写的是“无”，不是号码，按没有身份证号码登记（请补上号码）；“无”原样记在备注里，请核对。"]
    assert [(r.row, "被存成了数字" in r.reason) for r in plan.bad] == [(8, True)]


def test_a_gate_page_with_words_in_the_id_column_keeps_every_passage(app_ctx, tmp_path):
    """A web system's gate log (.xls that is a page; title and date line over the header, dates
    typed three ways, a total row): 无 / 外出 in the ID column lost the passage. It is kept
    without a number, the word in its note, said; the total row is no passage."""
    from desktop.excel.importer import apply_import
    from desktop.gate.log import day_entries
    cells = [["值班人", "体温", "姓名", "进/出", "时间", "日期", "身份证号"],
             ["老王", "36.5", "赵大山", "出", "8:05", "2020.2.5", IDS[0]],
             ["老王", "36,8", "孙强", "出", "10:00", "20200205", "外出"],
             ["老王", "36.4", "李四", "进", "11:30", "2020年2月5日", "无"],
             ["合计", "", "3人次", "", "", "", ""]]
    page = ("<html><head><meta charset='utf-8'></head><body><table><tr><td colspan=7>卡口出入登记</td></tr>"
            "<tr><td colspan=7>登记日期：2020年2月5日</td></tr>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in cells) + "</table></body></html>")
    path = tmp_path / "出入登记.xls"
    path.write_text(page, encoding="utf-8")
    plan = plan_import(app_ctx, path, "gate")
    assert not plan.bad and [r.row for r in plan.good] == [4, 5, 6]
    assert [w.message for w in plan.good[2].warnings] == [
        "身份证号码一栏写的是“无”，不是号码，按没有身份证号码导入；“无”记在备注里，请核对。"]
    apply_import(app_ctx, plan)
    got = {e.holder_name: e for e in day_entries(app_ctx.db, "2020-02-05")}
    assert sorted(got) == ["孙强", "李四", "赵大山"] and "身份证号码栏：外出" in got["孙强"].note


def test_a_protected_sheet_named_for_its_group_with_merged_households(app_ctx, tmp_path):
    """A sheet 一组 (protected with a password, a formula column 年龄, 户号 and 住址 merged over
    each household's rows) whose addresses name 桂花园小区: the rows went to 桂花园小区 but the
    preview said 小区：一组. It says where the rows go."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = "一组"
    ws.append(["户号", "姓名", "身份证号", "年龄", "与户主关系", "住址"])
    for i, (no, name, rel, address) in enumerate([("1", "王大", "户主", "桂花园小区2栋1单元301"), (None, "王二", "配偶", None),
                                                  ("2", "陈一", "户主", "桂花园小区2栋1单元302")], start=2):
        ws.append([no, name, IDS[i - 2], f"=2020-MID(C{i},7,4)", rel, address])
    ws.merge_cells("A2:A3")
    ws.merge_cells("F2:F3")
    ws.protection.sheet, ws.protection.password = True, "123"
    book.save(path := tmp_path / "一组.xlsx")
    plan = plan_import(app_ctx, path, "register")
    assert plan.compound == "桂花园小区" and not plan.bad and not plan.notices
    assert [(r.draft.person["full_name"], r.draft.compound, r.draft.room) for r in plan.good] == [
        ("王大", "桂花园小区", "301"), ("王二", "桂花园小区", "301"), ("陈一", "桂花园小区", "302")]


def test_a_household_a_row_with_its_members_in_one_cell(app_ctx, tmp_path):
    """户主姓名, the head's number, 门牌号 1-1-101 and 家庭成员 '钱小梅（妻）、赵小山（子）': the
    head's number went to a person called 钱小梅（妻）、赵小山 (家庭成员 was taken for the name
    column) in a household of no building. The head is the row's person, the members are kept in
    the note and said once; the door is building 1, unit 1, room 101; each row's person is the
    household's head (names under 户主姓名, no 与户主关系 column)."""
    path = write_book(tmp_path / "住户.xlsx", {"住户": [
        ["门牌号", "户主姓名", "身份证号码", "家庭人口", "家庭成员"],
        ["1-1-101", "赵大山", IDS[0], 3, "钱小梅（妻）、赵小山（子）"],
        ["1-1-102", "孙强", IDS[1], 1, None]]})
    plan = plan_import(app_ctx, path, "register", compound="桂花园小区")
    assert [(r.draft.person["full_name"], r.draft.person["id_number"], r.draft.building, r.draft.unit, r.draft.room)
            for r in plan.good] == [("赵大山", IDS[0], "1", "1", "101"), ("孙强", IDS[1], "1", "1", "102")]
    assert plan.good[0].draft.person["note"] == "钱小梅（妻）、赵小山（子）" and not plan.bad
    assert [r.draft.relation for r in plan.good] == ["head", "head"]      # was 'other': households without a head
    from desktop.excel.importer import display_fields, display_values
    assert "1栋1单元101" in display_values(plan, plan.good[0], display_fields(plan))    # the preview: not 101 alone
    assert [x for x in plan.notices if "家庭成员" in x] == [
        "工作表“住户”E列“家庭成员”一格里写着一户的几个人，不能作为姓名：每行按B列“户主姓名”的户主导入，"
        "这一列原样记在户主的备注里。家庭成员要登记，请每人一行（姓名、身份证号码、与户主关系）补上后再导入。"]


def test_group_headers_over_the_header_and_a_yes_no_head_column(app_ctx, tmp_path):
    """基本信息 / 联系方式 merged over the header row, and 是否户主 (是/否) instead of 与户主关系:
    the column was not imported and every person became 'other', households without a head."""
    path = write_book(tmp_path / "台账.xlsx", {"台账": [
        ["基本信息", None, None, "联系方式", None, "居住情况"],
        ["姓名", "身份证号", "手机", "住址", "是否户主", "户籍所在地"],
        ["赵大山", IDS[0], "13800000001", "桂花园小区1栋1单元101", "是", "湖北省武汉市"],
        ["钱小梅", IDS[1], "13800000002", "桂花园小区1栋1单元101", "否", "湖北省武汉市"]]},
        merged={"台账": ["A1:C1", "D1:E1"]})
    plan = plan_import(app_ctx, path, "register", compound="桂花园小区")
    assert [(r.draft.person["full_name"], r.draft.relation, r.draft.room) for r in plan.good] == [
        ("赵大山", "head", "101"), ("钱小梅", "", "101")] and not plan.bad
    assert not any(r.warnings for r in plan.good)


def test_numbered_building_sections_and_subtotal_rows(app_ctx, tmp_path):
    """'一、1栋' and '二、2栋（共1户）' over each building's rows, 小计 rows between: the sections
    were not read as buildings ('3栋' alone was), and every person had 住址不完整 (a unit, no
    building) and no household. Each is now in its building; the 小计 and 总计 rows are no people."""
    path = write_book(tmp_path / "台账.xlsx", {"台账": [
        ["序号", "姓名", "身份证号", "单元", "房号", "与户主关系"],
        ["一、1栋"],
        [1, "赵大山", IDS[0], 1, 101, "户主"],
        [None, "小计", None, None, None, "1户1人"],
        ["二、2栋（共1户）"],
        [2, "孙强", IDS[1], 1, 102, "户主"],
        ["总计", "2人"]]})
    plan = plan_import(app_ctx, path, "register", compound="桂花园小区")
    assert [(r.row, r.draft.building, r.draft.unit, r.draft.room, r.warnings) for r in plan.good] == [
        (3, "1", "1", "101", ()), (6, "2", "1", "102", ())] and not plan.bad


def test_an_id_column_of_numbers_is_said_once_for_the_file(app_ctx, tmp_path):
    """A whole 身份证号 column typed as numbers (4.20106E+17, the last digits lost): each row said
    the same long paragraph. One notice names the column, how many, and the fix in Excel; each
    row says it short."""
    path = write_book(tmp_path / "数字号码.xlsx", {"居民": [
        ["姓名", "身份证号码", "楼栋", "单元", "门牌号"],
        *[[f"张{i}", 420106195001011000.0 + i * 1000, 1, 1, 101 + i] for i in range(3)]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert [r.reason for r in plan.bad] == [
        "身份证号码在Excel里被存成了数字（4.20106E+17），后几位已丢失：请把这一列设成“文本”后重新录入原始号码。"] * 3
    assert [x for x in plan.notices if "存成了数字" in x] == [
        "工作表“居民”的“身份证号码”（B列）有3个身份证号码在Excel里被存成了数字（显示成4.20106E+17这样）：Excel只保留"
        "15位有效数字，后几位已经丢失，无法恢复，也不能猜，这些行没有导入。请在Excel里选中这一列→右键→设置单元格格式→"
        "“文本”，再重新录入原始号码（或从原来的系统重新导出，身份证号码一列导出为文本），然后再导入。"]
