"""Finding the header and mapping the columns of ledgers that differ from the samples."""
import pytest

from desktop.errors import InputError
from desktop.excel import header as hdr
from desktop.excel.columns import auto_mapping
from desktop.excel.importer import apply_import, plan_import
from desktop.excel.reading import decode_text, read_sheets
from tests.excel.conftest import write_book

ID1, ID2, ID3 = "420106195803070011", "42010619600501002X", "420106198809090035"


def _valid(n):
    from datetime import date
    from desktop.idnumber import make_resident_id
    return make_resident_id("420106", date(1960, 1, 1 + n), n, n % 2 == 0)


def test_title_rows_two_row_header_and_footer(tmp_path, app_ctx):
    path = write_book(tmp_path / "a.xlsx", {"台账": [
        ["红旗社区居民花名册"], ["填报单位：红旗社区"],
        ["姓名", "公民身份号码", "手机", "住址", None, None, "关系"],
        [None, None, None, "楼号", "单元", "房号", None],
        ["张三", _valid(1), "13800138000", "2", "1", "101", "户主"],
        [None] * 7,
        ["李四", _valid(2), "13800138001", "2", "1", "101", "配偶"],
        ["制表人：王五", None, "审核人：赵六"]]}, merged={"台账": ["A1:G1", "D3:F3", "A3:A4", "G3:G4"]})
    plan = plan_import(app_ctx, path, compound="红旗小区")
    sheet = plan.sheets[0]
    assert (sheet.header.first_row, sheet.header.last_row) == (2, 3)
    assert sheet.mapping == {0: "full_name", 1: "id_number", 2: "phone", 3: "building", 4: "unit",
                             5: "room", 6: "relation"}
    assert [r.row for r in plan.rows] == [5, 7]
    assert plan.counts() == {"new": 2}


def test_a_header_below_a_long_filling_in_instruction_is_found(tmp_path, app_ctx):
    """45 rows of 填表说明 (one rule a row) before the header: the people below are imported."""
    instruction = [[f"{i}. 填表说明：请按户填写，每人一行，身份证号码按文本格式填写。"] for i in range(1, 46)]
    path = write_book(tmp_path / "long.xlsx", {"台账": [
        *instruction,
        ["姓名", "身份证号码", "楼栋", "单元", "门牌号"],
        ["张三", _valid(1), "2", "1", "101"],
        ["李四", _valid(2), "2", "1", "102"]]})
    plan = plan_import(app_ctx, path, compound="红旗小区")
    assert plan.sheets[0].header.first_row == 45
    assert [r.draft.person["full_name"] for r in plan.rows] == ["张三", "李四"]


def test_a_second_table_lower_down_does_not_take_the_place_of_the_header_at_the_top(tmp_path, app_ctx):
    """A summary by building further down, with more columns, is no header: the top one is."""
    path = write_book(tmp_path / "two.xlsx", {"台账": [
        ["姓名", "身份证号码", "门牌号"],
        *[[f"张{i}", _valid(i % 28 + 1), f"{100 + i}"] for i in range(1, 50)],
        ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "备注"]]})
    plan = plan_import(app_ctx, path, compound="红旗小区")
    assert plan.sheets[0].header.first_row == 0

def test_one_sheet_per_building_takes_the_building_from_the_sheet_name(tmp_path, app_ctx):
    rows = lambda a, b: [["姓名", "身份证号", "单元", "门牌号"], [a, _valid(b), "1", "101"]]
    path = write_book(tmp_path / "b.xlsx", {"3号楼": rows("张三", 3), "4栋": rows("李四", 4), "说明": [["本表由社区填写"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert plan.counts() == {"new": 2}
    assert plan.skipped_sheets == ["说明"]
    apply_import(app_ctx, plan)
    addresses = sorted(p.address for p in app_ctx.register.people_in(None))
    assert addresses == ["幸福里 3栋1单元101", "幸福里 4栋1单元101"]


def test_section_rows_name_the_building_of_the_rows_below(tmp_path, app_ctx):
    path = write_book(tmp_path / "c.xlsx", {"全部": [
        ["姓名", "身份证号", "单元", "门牌号"], ["5号楼"], ["张三", _valid(5), "1", "101"],
        ["6号楼"], ["李四", _valid(6), "2", "202"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [(r.draft.building, r.draft.unit, r.draft.room) for r in plan.rows] == [("5", "1", "101"), ("6", "2", "202")]


def test_a_door_in_the_room_column_under_a_building_is_its_unit_and_room(tmp_path, app_ctx):
    """On the sheet of building 3 (3栋), a 门牌号 2-501 stayed room '2-501' of no unit, a
    household apart from 3栋2单元501: it is unit 2, room 501, as 3-2-501 reads anywhere; so
    under a 楼栋 column. A whole door (3-2-502) is read whole; 501-1 names no unit; 3-501 in
    building 3 may be unit 3 or the building again: kept as typed."""
    path = write_book(tmp_path / "d.xlsx", {
        "3栋": [["姓名", "身份证号", "门牌号"], ["张三", _valid(3), "2-501"], ["张四", _valid(4), "2单元501室"],
               ["张五", _valid(5), "3-2-502"], ["张六", _valid(6), "501-1"], ["张七", _valid(8), "3-501"]],
        "全部": [["姓名", "身份证号", "楼栋", "门牌号"], ["李四", _valid(7), "5", "1-101"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [(r.draft.building, r.draft.unit, r.draft.room) for r in plan.rows] == [
        ("3", "2", "501"), ("3", "2", "501"), ("3", "2", "502"), ("3", "", "501-1"), ("3", "", "3-501"),
        ("5", "1", "101")]


def test_a_door_naming_another_building_than_its_sheet_is_kept_and_said(tmp_path, app_ctx):
    """门牌号 4-1-101 on the 3栋 sheet was taken as building 4 without a word: a row pasted into
    the wrong building's sheet looks the same. What the row writes is kept, and said."""
    path = write_book(tmp_path / "o.xlsx", {
        "3栋": [["姓名", "身份证号", "门牌号"], ["张三", _valid(3), "4-1-101"], ["张四", _valid(4), "2-501"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    other, own = plan.rows
    assert (other.draft.building, other.draft.unit, other.draft.room) == ("4", "1", "101")
    assert [w.message for w in other.warnings] == [
        "这一行的住址是4栋，这张表（或它上面的分段标题）是3栋；按这一行写的记在4栋，请核对。"]
    assert own.draft.building == "3" and not own.warnings


def test_a_name_merged_over_surname_and_given_name_columns_without_a_second_row_is_joined(tmp_path, app_ctx):
    """姓名 merged over two columns, the surname in the first and the given name in the second,
    no 姓 | 名 row: only 张 was imported, and a notice said the second column was not."""
    from desktop.excel.importer import display_fields, display_values
    path = write_book(tmp_path / "a.xlsx", {"台账": [
        ["姓名", None, "身份证号码", "楼栋", "单元", "门牌号"],
        ["张", "三", _valid(1), "2", "1", "101"], ["欧阳", "娜娜", _valid(2), "2", "1", "102"],
        ["王", None, _valid(3), "2", "1", "103"]]}, merged={"台账": ["A1:B1"]})
    plan = plan_import(app_ctx, path, compound="红旗小区")
    fields = display_fields(plan)
    assert [label for _, label in fields][:2] == ["姓名", "身份证号码"]       # one name column
    assert [display_values(plan, r, fields)[0] for r in plan.rows] == ["张三", "欧阳娜娜", "王"]
    assert [w.message for w in plan.rows[2].warnings] == ["姓名只有姓“王”，没有名（B4格是空的），按“王”导入，请核对并补上名。"]
    assert not plan.notices
    apply_import(app_ctx, plan)
    assert sorted(p.full_name for p in app_ctx.register.people_in(None)) == sorted(["张三", "欧阳娜娜", "王"])


def test_two_whole_names_under_a_merged_name_are_not_joined_and_still_said(tmp_path, app_ctx):
    """姓名 merged over a name and a former name (李华 | 李花): no surname | given name, so not one
    name 李华李花; the second column is said not imported, as before."""
    path = write_book(tmp_path / "a.xlsx", {"台账": [
        ["姓名", None, "身份证号码", "门牌号"], ["李华", "李花", _valid(1), "101"], ["王芳", None, _valid(2), "102"]]},
        merged={"台账": ["A1:B1"]})
    plan = plan_import(app_ctx, path, compound="红旗小区")
    assert [r.draft.person["full_name"] for r in plan.rows] == ["李华", "王芳"]
    assert any("B列“姓名”也像是“姓名”" in said and "B列没有导入" in said for said in plan.notices)


def test_header_words_map_by_synonym_and_containment():
    labels = ["序号", "姓 名", "公民身份号码", "联系电话（手机）", "楼栋号", "房间号", "备注", "不知道的列"]
    assert auto_mapping(labels, "register") == {1: "full_name", 2: "id_number", 3: "phone", 4: "building",
                                                5: "room", 6: "note"}


def test_a_residence_type_column_is_read_by_its_values(tmp_path, app_ctx):
    path = write_book(tmp_path / "d.xlsx", {"s": [
        ["姓名", "身份证号", "楼栋", "单元", "门牌号", "居住类型"],
        ["张三", _valid(7), "1", "1", "101", "流动"], ["李四", _valid(8), "1", "1", "102", "户籍"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert plan.sheets[0].mapping[5] == "residence_kind"


def test_a_corrected_mapping_is_remembered_for_the_next_file_with_the_same_headers(tmp_path, app_ctx):
    rows = [["名字", "号码", "楼栋", "单元", "门牌号"], ["张三", _valid(9), "1", "1", "101"]]
    path = write_book(tmp_path / "e.xlsx", {"s": rows})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert 1 not in plan.sheets[0].mapping                 # '号码' alone says nothing
    corrected = {**plan.sheets[0].mapping, 1: "id_number"}
    plan = plan_import(app_ctx, path, compound="幸福里", mappings={"s": corrected})
    apply_import(app_ctx, plan)
    again = plan_import(app_ctx, write_book(tmp_path / "f.xlsx", {"other": rows}), compound="幸福里")
    assert again.sheets[0].mapping[1] == "id_number"


def test_csv_in_gbk_and_utf8_is_detected(tmp_path):
    text = "姓名,身份证号\n张三,%s\n" % ID1
    for encoding in ("gbk", "utf-8", "utf-8-sig"):
        p = tmp_path / f"x-{encoding}.csv"
        p.write_bytes(text.encode(encoding))
        assert read_sheets(p)[0].rows[1][0] == "张三"
    assert decode_text("张三".encode("gb18030")) == "张三"


def test_excel_unicode_text_in_utf16_is_read_and_imported(app_ctx, tmp_path):
    """Excel's 另存为 → "Unicode 文本 (*.txt)": UTF-16 with a byte-order mark, tabs between cells.
    Without the mark (another program's export) the zero bytes tell the byte order."""
    valid = "420106195803070016"
    text = "姓名\t身份证号\t联系电话\t楼栋\t门牌号\r\n张三\t%s\t13800138000\t3\t101\r\n" % valid
    for name, encoding in (("unicode.txt", "utf-16"), ("le.csv", "utf-16-le"), ("be.csv", "utf-16-be")):
        p = tmp_path / name
        p.write_bytes(text.encode(encoding))
        rows = read_sheets(p)[0].rows
        assert rows[1] == ["张三", valid, "13800138000", "3", "101"], name
    plan = plan_import(app_ctx, tmp_path / "unicode.txt", "register", compound="幸福里")
    apply_import(app_ctx, plan)
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT full_name, phone FROM person WHERE id_number = ?", (valid,)).fetchall() == [
            ("张三", "13800138000")]


def test_a_file_whose_name_lies_about_its_kind_is_read_by_its_content(tmp_path):
    """Web systems save CSV text as .xls or .xlsx, and a workbook gets renamed .xls: Excel opens
    them all, so the import does too. A file without an extension is named in the message."""
    from openpyxl import Workbook
    text = "姓名,身份证号\r\n张三,%s\r\n" % ID1
    for name in ("csv.xlsx", "csv.xls"):
        (tmp_path / name).write_bytes(text.encode("gbk"))
        assert read_sheets(tmp_path / name)[0].rows[1] == ["张三", ID1], name
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["李四", ID2])
    book.save(tmp_path / "book.xls")                       # an .xlsx under the old name
    assert read_sheets(tmp_path / "book.xls")[0].rows[1] == ["李四", ID2]
    (tmp_path / "台账").write_bytes(text.encode("utf-8"))
    with pytest.raises(InputError) as e:
        read_sheets(tmp_path / "台账")
    assert "没有扩展名的文件“台账”" in e.value.message
    (tmp_path / "名单.numbers").write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as e:              # what to do, not only what not: save as .xlsx
        read_sheets(tmp_path / "名单.numbers")
    assert "“.numbers”文件" in e.value.message and "另存为" in e.value.message and "(*.xlsx)" in e.value.message


def test_footer_and_repeated_header_rows_are_not_people():
    header = hdr.Header(0, 0, ("姓名", "身份证号", "电话"), 3)
    assert hdr.is_footer(["制表人：张敏", "", "制表日期：", "2020-02-20"])
    assert hdr.is_footer(["合计：120人"])
    assert not hdr.is_footer(["张敏", "420106195803070011", ""])
    assert hdr.is_repeated_header(["姓名", "身份证号", "电话"], header)


def test_a_total_row_spaced_out_to_fill_its_cell_is_not_a_person(tmp_path, app_ctx):
    """'合  计' under 序号 and the count 5 under 姓名: the row was imported as a resident named
    '5', put behind the door of the row above (3-1-101). Spaced or not, 合计/共计 ends the table."""
    path = write_book(tmp_path / "g.xlsx", {"s": [
        ["序号", "姓名", "身份证号", "楼栋", "单元", "门牌号"], [1, "张三", _valid(11), "3", "1", "101"],
        ["合  计", 5, None, None, None, "5户"], ["共　计", "1人"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [r.row for r in plan.rows] == [2]
    assert [r.draft.person["full_name"] for r in plan.good] == ["张三"]


def test_the_column_numbers_under_a_forms_header_are_not_a_person(tmp_path, app_ctx):
    """A ledger copied from a printed form keeps its column numbers (栏次: 1 2 3 …, or 甲 乙 1 2)
    under the header. Without an ID column the row was imported as a resident named '2' behind
    door 5-6-7; with one it was a red row to fix. Neither now; a person's row still counts."""
    path = write_book(tmp_path / "g.xlsx", {"s": [
        ["序号", "姓名", "性别", "联系电话", "楼栋", "单元", "门牌号"], [1, 2, 3, 4, 5, 6, 7],
        [1, "王五", "男", "13900000001", 3, 1, 101]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [(r.row, r.ok) for r in plan.rows] == [(3, True)]
    path = write_book(tmp_path / "h.xlsx", {"s": [
        ["序号", "姓名", "身份证号", "楼栋", "单元", "门牌号"], ["甲", "乙", "1", "2", "3", "4"],
        [1, "张三", _valid(11), "1", "1", "101"]]})
    assert [(r.row, r.ok) for r in plan_import(app_ctx, path, compound="幸福里").rows] == [(3, True)]


def test_pre_numbered_empty_lines_of_a_form_are_not_people(tmp_path, app_ctx):
    path = write_book(tmp_path / "g.xlsx", {"s": [
        ["序号", "姓名", "身份证号", "楼栋", "单元", "门牌号"], [1, "张三", _valid(11), "1", "1", "101"],
        [2, None, None, None, None, None], [3, None, None, None, None, None]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [r.row for r in plan.rows] == [2]


def test_a_gate_pass_typed_twice_and_a_person_twice_on_a_care_list_are_flagged(tmp_path, app_ctx):
    from desktop.excel.importer import write_rejects
    gate = write_book(tmp_path / "gate.xlsx", {"s": [
        ["日期", "时间", "姓名", "进/出", "体温"], ["2020-02-10", "08:00", "张三", "进", 36.5],
        ["2020-02-10", "08:00", "张三", "进", 36.5], ["2020-02-10", "09:00", "张三", "出", 36.6]]})
    plan = plan_import(app_ctx, gate)
    assert plan.kind == "gate" and [r.row for r in plan.bad] == [3]
    assert "第2行重复" in plan.bad[0].reason
    assert write_rejects(plan, tmp_path / "e.xlsx") == 1
    care = write_book(tmp_path / "care.xlsx", {"s": [
        ["姓名", "身份证号", "住址", "类别", "走访频次"], ["李奶奶", _valid(12), "1栋1单元101", "独居老人", "每天"],
        ["李奶奶", _valid(12), "1栋1单元101", "低保户", "每天"]]})
    plan = plan_import(app_ctx, care)
    # Row 2 is refused too: 李奶奶 is not in this test's (empty) register, and the preview knows it.
    assert plan.kind == "care" and [r.row for r in plan.bad] == [2, 3]
    assert "重复" in plan.bad[1].reason and "户籍台账里还没有任何人" in plan.bad[0].reason
