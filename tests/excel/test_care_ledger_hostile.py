"""A care ledger as a street office hands it over: rhythms nobody planned for (必要时, 每季度,
半月) and the helper's own phone in a column of its own (责任人电话)."""
from dataclasses import replace
from datetime import date

import pytest

from desktop.care.care_book import CareBook
from desktop.care.records import SubjectForm
from desktop.excel.importer import apply_import, plan_import
from tests.excel.conftest import write_book

TODAY = date(2026, 3, 10)


def _care(app_ctx):
    return CareBook(app_ctx.db, app_ctx.register)


def _rhythms(tmp_path, people, zhang: str, wang: str, li: str):
    """A care ledger of 张三, 王大爷 and 李梅 with these words in its 走访频次 column."""
    return write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次"],
        ["张三", people["张三"].id_number, "独居老人", zhang],
        ["王大爷", people["王大爷"].id_number, "独居老人", wang],
        ["李梅", people["李梅"].id_number, "空巢老人", li],
    ]})


def test_a_rhythm_the_import_cannot_read_still_puts_the_person_on_the_care_list(app_ctx, small_community, tmp_path):
    """'必要时' or '每季度' rejected the whole row: an old person living alone was left off the
    list for a word in the frequency column. Now listed weekly, the word kept in the note.
    每季度 is read: it went in as 每周 through 看不懂 (four visits where the ledger said one in
    three months); rarer than any rhythm the list has, it goes in at the rarest, 每月 (the nearest
    that visits at least as often), said in yellow, the ledger's words in the note."""
    people = small_community["people"]
    path = _rhythms(tmp_path, people, "必要时", "每季度", "半月")
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.ok for r in plan.rows] == [True, True, True], [r.reason for r in plan.rows]
    said = " ".join(w.message for w in plan.rows[0].warnings)
    assert "“必要时”看不懂" in said and "每周一次" in said
    [quarterly] = [w.message for w in plan.rows[1].warnings]
    assert "“每季度”" in quarterly and "关爱名单里没有这个频次，先按每月" in quarterly and "看不懂" not in quarterly
    result = apply_import(app_ctx, plan)
    assert (result.created, result.rejected) == (3, 0)
    care = _care(app_ctx)
    zhang = care.subject_of_person(people["张三"].id)
    assert zhang.frequency == "weekly" and "台账走访频次：必要时" in zhang.note
    wang = care.subject_of_person(people["王大爷"].id)
    assert wang.frequency == "monthly" and "台账走访频次：每季度" in wang.note
    assert care.subject_of_person(people["李梅"].id).frequency == "fortnightly"     # 半月: every two weeks


def test_a_rhythm_the_care_list_has_not_is_listed_no_rarer_said_and_noted(app_ctx, small_community, tmp_path):
    """每十天 and 十天一次 silently became 每周: the office never knew the ledger said every ten
    days. Now listed weekly (the nearest no rarer) with a warning, the word in the note; 半月一次
    is the list's every two weeks, without a word. The preview's 走访频次 shows what the list
    gets (it showed 每10天一次 above a warning saying 每周)."""
    from desktop.excel.importer import display_fields, display_values
    people = small_community["people"]
    path = _rhythms(tmp_path, people, "每十天", "十天一次", "半月一次")
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    said = [" ".join(w.message for w in r.warnings) for r in plan.rows]
    assert "“每十天”（每10天）关爱名单里没有这个频次，先按每周" in said[0] and "“十天一次”" in said[1]
    assert "走访频次" not in said[2]
    fields = display_fields(plan)
    at = [key for key, _ in fields].index("frequency")
    assert [display_values(plan, row, fields)[at] for row in plan.rows] == ["每周", "每周", "每两周"]
    assert apply_import(app_ctx, plan).created == 3
    care = _care(app_ctx)
    zhang, wang = (care.subject_of_person(people[name].id) for name in ("张三", "王大爷"))
    assert zhang.frequency == "weekly" and "台账走访频次：每十天" in zhang.note
    assert wang.frequency == "weekly" and "台账走访频次：十天一次" in wang.note
    assert care.subject_of_person(people["李梅"].id).frequency == "fortnightly"


def test_the_helpers_phone_column_adds_the_helper_with_that_phone(app_ctx, small_community, tmp_path):
    """'责任人电话' was taken for a second 责任人 column and not imported: every helper went to the
    note as '电话未登记', and the office typed each phone again by hand."""
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次", "责任人", "责任人电话"],
        ["张三", people["张三"].id_number, "独居老人", "每周", "刘楼长", "１３９１２３４００００"],
        ["王大爷", people["王大爷"].id_number, "独居老人", "每天", "刘楼长", ""],
    ]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert all(r.ok for r in plan.rows), [r.reason for r in plan.rows]
    assert not [w for r in plan.rows for w in r.warnings if "没有导入" in w.message]
    apply_import(app_ctx, plan)
    care = _care(app_ctx)
    assert [(h.full_name, h.phone) for h in care.helpers()] == [("刘楼长", "13912340000")]
    for name in ("张三", "王大爷"):
        subject = care.subject_of_person(people[name].id)
        assert subject.helper_name == "刘楼长" and "电话未登记" not in subject.note


def test_a_helper_assigned_at_the_next_import_no_longer_asks_for_a_phone(app_ctx, small_community, tmp_path):
    """The first import noted '台账责任人：刘楼长（电话未登记，请在关爱页补充）'; once the office had
    added 刘楼长 with a phone, the same ledger again assigned him, but the note still asked for
    the phone. That line goes; what the clerk wrote in the note stays."""
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次", "责任人"],
        ["张三", people["张三"].id_number, "独居老人", "每周", "刘楼长"]]})
    apply_import(app_ctx, plan_import(app_ctx, path, "care", today=TODAY))
    care = _care(app_ctx)
    subject = care.subject_of_person(people["张三"].id)
    assert subject.helper_name in ("", None) and "刘楼长（电话未登记" in subject.note
    care.update_subject(subject.id, replace(subject_form(subject), note="腿脚不便；" + subject.note), date.today())
    care.add_helper("刘楼长", "13912340000")
    apply_import(app_ctx, plan_import(app_ctx, path, "care", today=TODAY))
    subject = care.subject_of_person(people["张三"].id)
    assert subject.helper_name == "刘楼长" and subject.note == "腿脚不便"


def test_a_ledger_imported_again_keeps_the_clerks_own_lines_of_the_note(app_ctx, small_community, tmp_path):
    """After the first import the clerk wrote 腿脚不便，需上门 in 张三's note; the office's ledger
    came again (备注 独居 now 独居，女儿每周来, 必要时 now 每周) and the note became the ledger's
    备注 alone: the clerk's line was gone. The lines the import wrote (台账…) are replaced by the
    new ones, the clerk's kept; the same ledger once more changes nothing."""
    people = small_community["people"]

    def ledger(name, rhythm, remark):
        return write_book(tmp_path / name, {"关爱台账": [
            ["姓名", "身份证号", "类别", "走访频次", "备注"], ["张三", people["张三"].id_number, "独居老人", rhythm, remark]]})
    apply_import(app_ctx, plan_import(app_ctx, ledger("一月.xlsx", "必要时", "独居"), "care", today=TODAY))
    care = _care(app_ctx)
    subject = care.subject_of_person(people["张三"].id)
    assert "独居" in subject.note and "台账走访频次：必要时" in subject.note
    care.update_subject(subject.id, replace(subject_form(subject), note=subject.note + "；腿脚不便，需上门"),
                        date.today())
    second = ledger("二月.xlsx", "每周", "独居，女儿每周来")
    apply_import(app_ctx, plan_import(app_ctx, second, "care", today=TODAY))
    assert care.subject_of_person(people["张三"].id).note == "台账备注：独居，女儿每周来；腿脚不便，需上门"
    again = apply_import(app_ctx, plan_import(app_ctx, second, "care", today=TODAY))
    assert (again.updated, again.unchanged) == (0, 1)


def subject_form(subject):
    return SubjectForm(subject.categories, subject.needs, subject.frequency, subject.helper_id, subject.listed_on,
                       subject.last_visit_on, subject.note)


@pytest.mark.parametrize("written, frequency", [
    ("2次/周", "twice_weekly"), ("1次/周", "weekly"), ("每周1-2次", "twice_weekly"), ("每周一、四", "twice_weekly"),
    ("周一周四", "twice_weekly"), ("每日电话", "daily"), ("每天上门", "daily"), ("每日一访", "daily"),
    ("每周上门1次", "weekly"), ("每周走访一次", "weekly"), ("每周至少一次", "weekly"), ("周访", "weekly"),
    ("2次/月", "fortnightly"), ("每周三", "weekly"), ("每周三次", "every_2_days")])
def test_rhythms_as_ledgers_write_them_keep_their_frequency(app_ctx, small_community, tmp_path, written, frequency):
    """'每日电话' (a daily call) went to the note and the person was listed weekly: called six
    days late. The words around a rhythm are read past; a range takes the more often."""
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次"], ["张三", people["张三"].id_number, "独居老人", written]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    (row,) = plan.rows
    assert row.ok and not [w for w in row.warnings if w.field == "frequency"], [w.message for w in row.warnings]
    apply_import(app_ctx, plan)
    subject = _care(app_ctx).subject_of_person(people["张三"].id)
    assert subject.frequency == frequency and "台账走访频次" not in subject.note


def test_a_row_with_two_faults_reads_as_one_sentence(app_ctx, small_community, tmp_path):
    """A second contact on a row of its own (the name merged from the row above) was refused
    as '请填写姓名。；请填写关爱类别…': a full stop before every semicolon in the error workbook."""
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "紧急联系人", "紧急联系电话"],
        ["张三", small_community["people"]["张三"].id_number, "独居老人", "儿子", "13800000002"],
        ["", "", "", "女儿", "13800000003"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    second = plan.rows[1]
    assert not second.ok
    assert second.reason == "请填写姓名；请填写关爱类别（例如：独居老人、低保户）。"


def test_a_refused_row_says_only_why_it_is_refused(app_ctx, small_community, tmp_path):
    """外出 in the ID column of a person the register lacks: refused (户籍台账里没有…), yet it also
    said 按没有身份证号码导入, as if it were imported. A refused row says only why; a cell to
    check (a short phone) is still said beside."""
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "联系电话"],
        ["陌生人", "外出", "独居老人", ""], ["", "无", "独居老人", "1380000"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [([e.message for e in r.errors], [w.message for w in r.warnings]) for r in plan.rows] == [
        (["户籍台账里没有陌生人，请先登记这个人，或补上身份证号。"], []),
        (["请填写姓名。"], ["手机号码应为11位，现在是7位：1380000，请核对后改正。"])]       # no note to keep it in


def test_a_csv_care_list_with_the_last_visit_as_excel_serial_text(app_ctx, small_community, tmp_path):
    """A ledger saved from Excel as CSV writes an unformatted date as its serial number, 46086:
    in a workbook it was read as 2026-03-05, in the CSV kept in the note as 'cannot read'."""
    people = small_community["people"]
    path = tmp_path / "关爱.csv"
    path.write_text("姓名,身份证号,类别,走访频次,上次走访\n"
                    f"张三,{people['张三'].id_number},独居老人,每周,46086\n", encoding="gbk")
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    (row,) = plan.rows
    assert row.ok and row.draft.last_visit == date(2026, 3, 5), [w.message for w in row.warnings]


def test_a_category_merged_down_over_its_group_lists_every_person_of_the_group(app_ctx, small_community, tmp_path):
    """独居老人 written once in a cell merged over its three rows: the two rows under it were
    refused for a missing category, and two old people were left off the care list."""
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["类别", "姓名", "身份证号", "走访频次"],
        ["独居老人", "张三", people["张三"].id_number, "每天"],
        [None, "王大爷", people["王大爷"].id_number, None],
        [None, "李梅", people["李梅"].id_number, None],
        ["低保户", "王租客", people["王租客"].id_number, "每周"]]}, merged={"关爱台账": ["A2:A4", "D2:D4"]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.ok for r in plan.rows] == [True] * 4, [r.reason for r in plan.rows]
    apply_import(app_ctx, plan)
    care = _care(app_ctx)
    for name in ("张三", "王大爷", "李梅"):
        subject = care.subject_of_person(people[name].id)
        assert (subject.categories, subject.frequency) == (("elder_alone",), "daily"), name
    assert care.subject_of_person(people["王租客"].id).categories == ("low_income",)


def _add_people(app_ctx, small_community, *where_names):
    """People put in the small community: (name, compound key, HouseholdForm fields, or the
    index of one of its households: 2 is 王家湾组12号, 0 is 幸福里小区3栋2单元501)."""
    from desktop.register import HouseholdForm, PersonForm
    r = app_ctx.register
    added, made = {}, {}
    for name, compound, door in where_names:
        place = small_community[compound]
        if isinstance(door, int):
            household, relation = small_community["households"][door], "other"
        elif (key := (compound, *sorted(door.items()))) in made:
            household, relation = made[key], "other"
        else:
            household, relation = r.add_household(HouseholdForm(compound_id=place.id, **door)), "head"
            made[key] = household
        added[(name, household.address.replace(" ", ""))] = r.add_person(
            PersonForm(full_name=name), household.id, relation)
    return added


def test_a_village_house_number_is_not_read_inside_another(app_ctx, small_community, tmp_path):
    """'12号' also matched 112号: 赵敏 of 王家湾112号 went on the care list for a 赵敏 at 12号,
    and of two 王芳 (12号, 112号) neither could be found. Now a house is its 门牌 however it
    is written (12, 十二号, 王家湾12号), never a part of a longer number."""
    added = _add_people(app_ctx, small_community,
                        ("王芳", "village", 2), ("王芳", "village", {"address_text": "112号"}),
                        ("赵敏", "village", {"address_text": "112号"}))
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"],
        ["王芳", "十二号", "独居老人"],
        ["王芳", "王家湾112号", "独居老人"],
        ["赵敏", "12号", "独居老人"],
        ["王芳", 12, "独居老人"],
    ]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["new", "new", "rejected", "same"], [r.reason for r in plan.rows]
    assert "住址“12号”对不上" in plan.rows[2].reason and "王家湾组112号" in plan.rows[2].reason
    apply_import(app_ctx, plan)
    care = _care(app_ctx)
    listed = {k for k, p in added.items() if care.subject_of_person(p.id)}
    assert listed == {("王芳", "王家湾组12号"), ("王芳", "王家湾组112号")}


def test_a_flat_is_its_building_unit_and_room_never_a_longer_number(app_ctx, small_community, tmp_path):
    """'3-2-501' is 3栋2单元501 however it is written, and neither 3-2-5011 nor 13-2-501."""
    added = _add_people(app_ctx, small_community,
                        ("李强", "compound", {"building": "3", "unit": "2", "room": "5011"}),
                        ("李强", "compound", {"building": "13", "unit": "2", "room": "501"}),
                        ("李强", "compound", 1),
                        ("陈红", "compound", {"building": "3", "unit": "2", "room": "5011"}))
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"],
        ["李强", "3-2-5011", "独居老人"],
        ["李强", "幸福里13栋2单元501室", "独居老人"],
        ["陈红", "3-2-501", "独居老人"],
        ["李强", "3栋1单元101", "独居老人"],
    ]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["new", "new", "rejected", "new"], [r.reason for r in plan.rows]
    assert "住址“3栋2单元501”对不上" in plan.rows[2].reason and "幸福里小区3栋2单元5011" in plan.rows[2].reason
    apply_import(app_ctx, plan)
    care = _care(app_ctx)
    assert {k for k, p in added.items() if care.subject_of_person(p.id)} == {
        ("李强", "幸福里小区3栋2单元5011"), ("李强", "幸福里小区13栋2单元501"), ("李强", "幸福里小区3栋1单元101")}


def test_two_of_a_name_at_the_address_given_are_named_not_guessed(app_ctx, small_community, tmp_path):
    """Without an address (or with one that fits both) the preview says which two and why."""
    _add_people(app_ctx, small_community, ("王芳", "village", 2),
                ("王芳", "village", {"address_text": "112号"}))
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "住址", "类别"], ["王芳", "", "独居老人"], ["王芳", "王家湾组", "低保户"]]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["rejected", "rejected"]
    for row in plan.rows:
        assert "户籍台账里有2个王芳" in row.reason and "王家湾组12号" in row.reason and "王家湾组112号" in row.reason
    assert "台账没有写住址" in plan.rows[0].reason and "对得上2个人" in plan.rows[1].reason


def test_an_address_in_the_registers_own_columns_finds_the_person(app_ctx, small_community, tmp_path):
    """小区、楼栋、单元、门牌号 columns (numbers as Excel keeps them) were not read on a care list:
    of two 李强 and two 王芳 none could be found ('no address'), and a 李强 of 阳光小区 was
    taken as a repeat of the one of 幸福里 instead of being refused."""
    added = _add_people(app_ctx, small_community,
                        ("李强", "compound", {"building": "3", "unit": "2", "room": "5011"}),
                        ("李强", "compound", {"building": "13", "unit": "2", "room": "501"}),
                        ("王芳", "village", 2), ("王芳", "village", {"address_text": "112号"}))
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "小区", "楼栋", "单元", "门牌号", "类别"],
        ["李强", "幸福里小区", 13, 2, 501, "独居老人"],
        ["李强", "阳光小区", 13, 2, 501, "独居老人"],
        ["王芳", "王家湾组", None, None, 12, "低保户"],
        ["李强", None, "3栋", "2单元", "5011室", "独居老人"],
    ]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    assert [r.action for r in plan.rows] == ["new", "rejected", "new", "new"], [r.reason for r in plan.rows]
    assert "对不上" in plan.rows[1].reason and "幸福里小区13栋2单元501" in plan.rows[1].reason
    apply_import(app_ctx, plan)
    care = _care(app_ctx)
    assert {k for k, p in added.items() if care.subject_of_person(p.id)} == {
        ("李强", "幸福里小区13栋2单元501"), ("李强", "幸福里小区3栋2单元5011"), ("王芳", "王家湾组12号")}


def test_a_care_ledger_with_surname_and_given_name_under_a_merged_name_finds_each_person(app_ctx, small_community,
                                                                                          tmp_path):
    """姓名 merged over 姓 | 名: the row 姓 | 名 was a person named 姓, and 张三 was looked for
    as 张. Now each row's two parts are the one name the register knows."""
    from desktop.excel.importer import display_fields, display_values
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", None, "身份证号", "类别", "走访频次"], ["姓", "名", None, None, None],
        ["张", "三", people["张三"].id_number, "独居老人", "每周一次"],
        ["王", "大爷", people["王大爷"].id_number, "独居老人", "每周一次"]]},
        merged={"关爱台账": ["A1:B1", "C1:C2", "D1:D2", "E1:E2"]})
    plan = plan_import(app_ctx, path, "care", today=TODAY)
    fields = display_fields(plan)
    assert [display_values(plan, r, fields)[0] for r in plan.rows] == ["张三", "王大爷"]
    assert [(r.ok, r.warnings) for r in plan.rows] == [(True, ()), (True, ())] and not plan.notices
    assert apply_import(app_ctx, plan).created == 2
    assert _care(app_ctx).subject_of_person(people["王大爷"].id) is not None


def test_a_new_emergency_contact_without_a_phone_keeps_the_rows_care_update(app_ctx, small_community, tmp_path):
    """A row naming a new emergency contact whose phone was missing (or masked) was refused
    whole (请填写紧急联系人的电话): 王大爷's new need was lost for want of his daughter's phone.
    Now the row goes in, no contact without a phone, her name in the note, the row in yellow."""
    care = _care(app_ctx)
    wang = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    ledger = write_book(tmp_path / "关爱台账.xlsx", {"关爱": [
        ["姓名", "住址", "类别", "需求", "紧急联系人", "紧急联系电话"],
        ["王大爷", "王家湾组12号", "独居老人", "送药", "王丽", ""]]})
    plan = plan_import(app_ctx, ledger, "care", today=TODAY)
    [row] = plan.rows
    assert (row.action, row.errors) == ("update", ())
    assert any("紧急联系人“王丽”没有电话" in w.message and "补上电话" in w.message for w in row.warnings)
    assert apply_import(app_ctx, plan).updated == 1
    wang = care.subject(wang.id)
    assert wang.needs == ("medicine",) and care.contacts(wang.id) == []
    assert "台账紧急联系人：王丽（电话未登记" in wang.note
    care.add_contact(wang.id, "王丽", "女儿", "13600001234")         # the office adds her with a phone
    assert "王丽" not in care.subject(wang.id).note


def test_a_contact_kept_without_a_phone_gets_the_ledgers_phone_not_a_second_entry(app_ctx, small_community, tmp_path):
    """王丽 kept without a phone (another office's older program, by sync) and a ledger giving her
    phone: a second 王丽 was added beside her, the first still without a phone."""
    care = _care(app_ctx)
    wang = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    with app_ctx.db.transaction() as conn:
        care._insert(conn, "care_contact", {"subject_id": wang.id, "full_name": "王丽", "relation": "女儿",
                                            "phone": None})
    ledger = write_book(tmp_path / "关爱台账.xlsx", {"关爱": [
        ["姓名", "住址", "类别", "紧急联系人", "紧急联系电话"],
        ["王大爷", "王家湾组12号", "独居老人", "王丽", "13600001234"]]})
    plan = plan_import(app_ctx, ledger, "care", today=TODAY)
    assert [row.action for row in plan.rows] == ["update"]
    apply_import(app_ctx, plan)
    assert [(c.full_name, c.relation, c.phone) for c in care.contacts(wang.id)] == [("王丽", "女儿", "13600001234")]


def test_a_word_for_nobody_is_no_emergency_contact_nor_helper():
    # 紧急联系人 无 was kept as a contact named 无 (with the phone), 责任人 / as a helper named /.
    from desktop.excel.kinds import RowContext, care_row
    draft, warnings = care_row({"full_name": "张三", "categories": "独居老人", "emergency_contact": "无",
                                "emergency_phone": "13800001111", "helper": "/"}, RowContext(today=TODAY))
    assert (draft.emergency_contact, draft.emergency_phone, draft.helper) == ("", "", "")
    assert "紧急联系电话：13800001111" in draft.note
    assert [w.message for w in warnings] == ["有紧急联系电话但没有联系人姓名，电话记在备注里。"]


def test_people_of_an_earlier_ledger_a_new_helper_takes_are_counted_and_said(app_ctx, small_community, tmp_path):
    """An earlier ledger named 刘楼长 责任人 of 王大爷 and 李梅 without a phone; this one gives his
    phone (for 张三), adds him, and he takes both: the summary said 新增1 and nothing of 王大爷, and
    李梅 (her row, read after he took her, saying what she had then) 未变. 王大爷 is said, 李梅 updated."""
    from desktop import summaries
    people = small_community["people"]
    head = ["姓名", "身份证号", "类别", "走访频次", "责任人", "责任人电话"]
    earlier = write_book(tmp_path / "一月.xlsx", {"关爱台账": [
        head, ["王大爷", people["王大爷"].id_number, "独居老人", "每天", "刘楼长", ""],
        ["李梅", people["李梅"].id_number, "独居老人", "每天", "刘楼长", ""]]})
    apply_import(app_ctx, plan_import(app_ctx, earlier, "care", today=TODAY))
    path = write_book(tmp_path / "二月.xlsx", {"关爱台账": [
        head, ["张三", people["张三"].id_number, "独居老人", "每周", "刘楼长", "13912340000"],
        ["李梅", people["李梅"].id_number, "独居老人", "每天", "刘楼长", ""]]})
    result = apply_import(app_ctx, plan_import(app_ctx, path, "care", today=TODAY))
    assert (result.created, result.updated, result.helpers_took) == (1, 1, (("刘楼长", 1),))
    assert summaries.imported(result, 0) == ("已导入2行，未导入0行（新增1，更新1，未变0）；"
                                              "另有1人改由刘楼长帮扶（以前导入的台账写了刘楼长是责任人，当时没有电话）")
    assert {_care(app_ctx).subject_of_person(people[name].id).helper_name for name in ("王大爷", "李梅")} == {"刘楼长"}
