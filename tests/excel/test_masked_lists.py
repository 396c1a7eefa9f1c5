"""A masked list imported back (the clerk's "I edited the list in Excel and imported it"): a
number with stars in the middle (139****6915, 4201**********1234, 1958-**-**) is never stored,
as the number or in a note; the field keeps what is registered, the file is said once to be a
masked list, and a row whose only change would be a masked number is unchanged. The demo's
staff export of 299 care rows came back as 299 updates, each note holding
电话（原样）：139****6915, flagged 299行需要核对."""
from openpyxl import load_workbook

from desktop.care.records import SubjectForm
from desktop.excel.importer import apply_import, plan_import
from desktop.excel.lists import export_list
from tests.care.conftest import TODAY
from tests.conftest import logged_in_as
from tests.excel.conftest import write_book

MASKED_LIST = "这是一份脱敏的名单"


def _care(app) -> list:
    with app.db.reading() as conn:
        return conn.execute("SELECT * FROM care_subject ORDER BY id").fetchall()


def _people(app) -> dict:
    with app.db.reading() as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT full_name, id_number, phone, birth_date, note FROM person WHERE is_deleted = 0")}


def _households(app) -> list:
    with app.db.reading() as conn:
        return conn.execute("SELECT tenure, landlord_name, landlord_phone, note FROM household ORDER BY id").fetchall()


def test_a_staff_care_export_imported_back_changes_nothing_and_is_said_once(app_ctx, small_community, tmp_path):
    from desktop.care.care_book import CareBook
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    people = small_community["people"]
    for name in ("王大爷", "张三"):
        care.add_subject(people[name].id, SubjectForm(categories=("elder_alone",), helper_id=helper.id,
                                                      note="腿脚不便"), TODAY)
    logged_in_as(app_ctx.db, "小王", "staff", "staff-pass")
    out = tmp_path / "关爱名单.xlsx"
    export_list(app_ctx, "care", out, on=TODAY)              # a staff export: masked, as its role has it
    assert "139****0000" in [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    before = (_people(app_ctx), _care(app_ctx))

    plan = plan_import(app_ctx, out, "care", today=TODAY)
    assert [row.action for row in plan.rows] == ["same", "same"]
    assert not any(row.warnings for row in plan.rows)         # nothing to check row by row
    assert sum(MASKED_LIST in notice for notice in plan.notices) == 1
    result = apply_import(app_ctx, plan)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert (_people(app_ctx), _care(app_ctx)) == before


def test_a_staff_register_export_imported_back_keeps_the_numbers_and_takes_the_edits(app_ctx, small_community,
                                                                                   tmp_path):
    logged_in_as(app_ctx.db, "小王", "staff", "staff-pass")
    out = tmp_path / "居民台账.xlsx"
    export_list(app_ctx, "register", out)
    book = load_workbook(out)
    sheet = book.active
    header = [c.value for c in sheet[2]]
    rows = {sheet.cell(r, header.index("姓名") + 1).value: r for r in range(3, sheet.max_row + 1)}
    assert sheet.cell(rows["张三"], header.index("身份证号码") + 1).value.count("*") == 10
    # The clerk's edits in Excel: 张三's new phone typed whole, 李梅 renamed (no longer anyone's).
    sheet.cell(rows["张三"], header.index("联系电话") + 1).value = "13912345678"
    sheet.cell(rows["李梅"], header.index("姓名") + 1).value = "李美"
    book.save(out)
    before, households = _people(app_ctx), _households(app_ctx)

    plan = plan_import(app_ctx, out, "register")
    actions = {row.draft.full_name: row.action for row in plan.good}
    assert actions == {"张三": "update", "张小明": "same", "王租客": "same", "王大爷": "same"}
    assert next(row.changes for row in plan.good if row.draft.full_name == "张三") == ("phone",)
    refused = " ".join(e.message for row in plan.bad for e in row.errors)
    assert len(plan.bad) == 1 and "身份证号码中间被*遮住了" in refused and "无法确认是谁" in refused
    assert sum(MASKED_LIST in notice for notice in plan.notices) == 1
    assert not any(row.warnings for row in plan.good)
    apply_import(app_ctx, plan)
    after = _people(app_ctx)
    assert after["张三"] == (before["张三"][0], "13912345678", *before["张三"][2:])
    assert {k: v for k, v in after.items() if k != "张三"} == {k: v for k, v in before.items() if k != "张三"}
    assert "*" not in repr(after)
    assert _households(app_ctx) == households        # 赵房东's phone (139****1111 in the list) kept


def test_one_masked_phone_in_a_ledger_keeps_the_registered_phone_and_says_so_on_its_row(app_ctx, small_community,
                                                                                       tmp_path):
    people = small_community["people"]
    ledger = write_book(tmp_path / "台账.xlsx", {"三栋": [
        ["小区", "楼栋", "单元", "门牌号", "姓名", "与户主关系", "身份证号码", "联系电话", "备注"],
        *[["幸福里小区", "3", "2", "501", name, relation, people[name].id_number, phone, ""]
          for name, relation, phone in (("张三", "户主", "138****0001"), ("李梅", "配偶", "13911112222"),
                                        ("张小明", "子女", "13800130003"))]]})
    before = _people(app_ctx)
    plan = plan_import(app_ctx, ledger, "register")
    zhang, li, ming = plan.rows
    assert (zhang.action, li.action, ming.action) == ("same", "update", "same")
    said = " ".join(map(str, zhang.warnings))
    assert "电话中间被*遮住了" in said and "没有导入" in said and "138****0001" not in said
    assert not li.warnings and not ming.warnings
    assert not any(MASKED_LIST in notice for notice in plan.notices)     # a ledger, not a masked list
    apply_import(app_ctx, plan)
    after = _people(app_ctx)
    assert after["张三"] == before["张三"]                      # the phone as registered, no note
    assert after["李梅"][1] == "13911112222"
    assert "*" not in repr(after) and "原样" not in repr(after)


def test_a_masked_emergency_phone_adds_no_second_contact(app_ctx, small_community, tmp_path):
    from desktop.care.care_book import CareBook
    care = CareBook(app_ctx.db, app_ctx.register)
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), TODAY)
    care.add_contact(subject.id, "王丽", "女儿", "13600001234")
    ledger = write_book(tmp_path / "关爱台账.xlsx", {"关爱": [
        ["姓名", "住址", "类别", "紧急联系人", "紧急联系电话"],
        ["王大爷", "王家湾组12号", "独居老人", "王丽", "136****1234"]]})
    plan = plan_import(app_ctx, ledger, "care", today=TODAY)
    assert [e.message for row in plan.rows for e in row.errors] == []
    assert [row.action for row in plan.rows] == ["same"]
    apply_import(app_ctx, plan)
    assert [(c.full_name, c.phone) for c in care.contacts(subject.id)] == [("王丽", "13600001234")]


def test_a_masked_id_number_nobody_registered_has_is_refused_saying_why_once(app_ctx, small_community, tmp_path):
    ledger = write_book(tmp_path / "台账.xlsx", {"三栋": [
        ["小区", "楼栋", "单元", "门牌号", "姓名", "与户主关系", "身份证号码"],
        *[["幸福里小区", "3", "2", "501", name, relation, small_community["people"][name].id_number]
          for name, relation in (("张三", "户主"), ("李梅", "配偶"))],
        ["幸福里小区", "3", "2", "501", "张大", "子女", "4201**********1234"]]})
    plan = plan_import(app_ctx, ledger, "register")
    assert [row.action for row in plan.rows] == ["same", "same", "rejected"]
    said = [e.message for e in (*plan.bad[0].errors, *plan.bad[0].warnings)]
    assert len(said) == 1 and "无法确认是谁" in said[0] and "请填上完整的身份证号码" in said[0]
