"""Issue 13 point 11: importing keeps people and flags secondary faults.

Hand-made ledgers the way offices keep them: 10-digit and mistyped phones, several tenant
households behind one door (群租) each with its 户主, a 人员类别 column of 租户/常住/words no list
knows, one sheet per building. Only what cannot be kept is refused: no usable ID number, no
name, a person twice in the file."""
from datetime import date, timedelta

import pytest

from desktop.errors import InputError
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book


def _id(n: int) -> str:
    return make_resident_id("420106", date(1975, 1, 1) + timedelta(days=n * 41), n % 499, n % 2 == 1)


def _people(app):
    return {p.full_name: p for p in app.register.people_in(None, limit=1000)}


def _household(app, person):
    return app.register.household(person.household_id)


def test_a_bad_phone_is_kept_as_typed_in_the_note_and_the_person_imported(app_ctx, tmp_path):
    path = write_book(tmp_path / "p.xlsx", {"台账": [
        ["姓名", "身份证号码", "联系电话", "住址", "与户主关系", "备注"],
        ["王芳", _id(1), "1588933340", "3-2-501", "户主", "独居"],          # a digit short
        ["李强", _id(2), 1392345678.0, "3-2-502", "户主", ""],              # a number cell, 10 digits
        ["赵敏", _id(3), "1380013800a", "3-2-601", "户主", ""],             # a slip of the key
        ["孙丽", _id(4), "027-88886666", "3-2-602", "户主", ""],            # a landline: fine as it is
    ]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert plan.bad == []
    assert [w.field for w in plan.rows[0].warnings] == ["phone"]
    assert "手机号码应为11位，现在是10位" in plan.rows[0].warnings[0].message
    assert "原样记在备注里" in plan.rows[0].warnings[0].message
    assert plan.rows[3].warnings == ()
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    assert (people["王芳"].phone, people["王芳"].note) == ("", "独居 电话（原样）：1588933340")
    assert (people["李强"].phone, people["李强"].note) == ("", "电话（原样）：1392345678")
    assert (people["赵敏"].phone, people["赵敏"].note) == ("", "电话（原样）：1380013800a")
    assert (people["孙丽"].phone, people["孙丽"].note) == ("027-88886666", "")


def test_two_households_behind_one_door_each_with_its_head(app_ctx, tmp_path):
    """群租: three tenant households in one flat; each 户主 starts a household at that door, the
    second and third flagged for review, their members with them. Importing again changes nothing."""
    path = write_book(tmp_path / "q.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系", "住房性质", "房东姓名"],
        ["张三", _id(11), "5-1-302", "户主", "租住", "周房东"],
        ["李梅", _id(12), "5-1-302", "配偶", "租住", "周房东"],
        ["李四", _id(13), "5-1-302", "户主", "租住", "周房东"],
        ["王五", _id(14), "5-1-302", "租客", "租住", "周房东"],
        ["赵六", _id(15), "5-1-302", "户主", "租住", "周房东"],
        ["钱七", _id(16), "5-1-301", "户主", "自有", ""],
    ]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert plan.bad == [] and plan.counts() == {"new": 6}
    flags = {r.draft.person["full_name"]: [w.message for w in r.warnings] for r in plan.rows}
    assert flags["张三"] == [] and flags["李梅"] == [] and flags["王五"] == [] and flags["钱七"] == []
    assert flags["李四"] == ["【待核实】同一门牌（幸福里小区 5栋1单元302）还有1户，户主：张三；"
                             "这一户作为另外一户登记（群租、合租？），请上门核实。"]
    assert "还有2户，户主：张三、李四" in flags["赵六"][0]
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    zhang, li, zhao = (people[x].household_id for x in ("张三", "李四", "赵六"))
    assert len({zhang, li, zhao}) == 3
    assert people["李梅"].household_id == zhang and people["王五"].household_id == li
    assert {people[x].address for x in ("张三", "李四", "赵六")} == {"幸福里小区 5栋1单元302"}
    assert [(people[x].relation) for x in ("张三", "李四", "赵六", "王五")] == ["head", "head", "head", "tenant"]
    households = [_household(app_ctx, people[x]) for x in ("张三", "李四", "赵六")]
    assert [(h.head_name, h.member_count, h.tenure, h.landlord_name) for h in households] == [
        ("张三", 2, "rented", "周房东"), ("李四", 2, "rented", "周房东"), ("赵六", 1, "rented", "周房东")]
    assert [h.note[:12] for h in households] == ["", "【待核实】同一门牌（幸福", "【待核实】同一门牌（幸福"]
    assert _household(app_ctx, people["钱七"]).note == ""
    again = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert again.counts() == {"same": 6}
    assert all(not r.warnings for r in again.rows)            # the register already has all three
    apply_import(app_ctx, again)
    assert app_ctx.register.totals()["households"] == 4


def test_a_second_head_at_a_door_the_register_has_starts_a_household_there(small_community, app_ctx, tmp_path):
    """The register's 3-2-501 has 张三 as head; a ledger's other 户主 there is another household."""
    path = write_book(tmp_path / "r.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系"],
        ["张三", small_community["people"]["张三"].id_number, "3-2-501", "户主"],
        ["周租客", _id(21), "3-2-501", "户主"], ["周小妹", _id(22), "3-2-501", "子女"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert [r.action for r in plan.rows] == ["same", "new", "new"]
    assert "还有1户，户主：张三" in plan.rows[1].warnings[0].message
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    assert people["周租客"].household_id == people["周小妹"].household_id != people["张三"].household_id
    assert _household(app_ctx, people["张三"]).member_count == 3              # 张三, 李梅, 张小明 stay


def test_the_category_column_is_read_for_what_its_words_plainly_say(app_ctx, tmp_path):
    """人员类别: 租户 says the household rents (tenure); 常住 says only "lives here" (with no
    户籍地, 户籍人口); a word no list knows is kept in the note with a warning. The person is
    imported in every case."""
    path = write_book(tmp_path / "c.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系", "人员类别"],
        ["王租", _id(31), "2-1-101", "户主", "租户"],
        ["李常", _id(32), "2-1-102", "户主", "常住"],
        ["赵常", _id(33), "2-1-201", "户主", "常住人口"],
        ["钱外", _id(34), "2-1-202", "户主", "外来务工"],
        ["孙户", _id(35), "2-1-301", "户主", "户籍"],
        ["周干", _id(36), "2-1-301", "干女儿", ""],
    ]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert plan.bad == []
    warned = {r.draft.person["full_name"]: [w.field for w in r.warnings] for r in plan.rows}
    assert warned == {"王租": ["residence_kind", "tenure"], "李常": [], "赵常": [], "钱外": ["residence_kind"],
                      "孙户": [], "周干": ["relation"]}
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    stored = {k: (p.residence_kind, p.relation, p.note) for k, p in people.items()}
    assert stored == {
        "王租": ("registered", "head", "人员类别：租户"),
        "李常": ("registered", "head", ""), "赵常": ("registered", "head", ""),
        "钱外": ("registered", "head", "人员类别：外来务工"),
        "孙户": ("registered", "head", ""),
        "周干": ("registered", "other", "与户主关系：干女儿"),
    }
    rented = _household(app_ctx, people["王租"])
    assert (rented.tenure, rented.landlord_name) == ("rented", "")
    assert rented.note.startswith("【待核实】租住，台账没有写房东")
    assert _household(app_ctx, people["李常"]).tenure == "owned"


def test_one_sheet_per_building(app_ctx, tmp_path):
    header = ["姓名", "身份证号码", "联系电话", "单元", "门牌号", "与户主关系", "人员类别"]
    path = write_book(tmp_path / "b.xlsx", {
        "1栋": [["幸福里小区1栋居民登记表"], header,
               ["王一", _id(41), "1391234567", "1", "101", "户主", "常住"],
               ["王二", _id(42), "", "1", "101", "户主", "租户"]],
        "2号楼": [["幸福里小区2号楼居民登记表"], header,
                ["李一", _id(43), "13912345678", "2", "301", "户主", "租户"],
                ["李二", _id(44), "13912345679", "2", "301", "之子", "租户"]]})
    plan = plan_import(app_ctx, path, "register")
    assert plan.compound == "幸福里小区" and plan.bad == []
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    assert {k: p.address for k, p in people.items()} == {
        "王一": "幸福里小区 1栋1单元101", "王二": "幸福里小区 1栋1单元101",
        "李一": "幸福里小区 2栋2单元301", "李二": "幸福里小区 2栋2单元301"}
    assert people["王一"].household_id != people["王二"].household_id          # two heads: two households
    assert (people["王一"].phone, people["王一"].note) == ("", "电话（原样）：1391234567")
    assert people["李二"].household_id == people["李一"].household_id and people["李二"].relation == "child"
    assert _household(app_ctx, people["李一"]).tenure == "rented"
    assert _household(app_ctx, people["王一"]).tenure == "owned"
    assert _household(app_ctx, people["王二"]).tenure == "rented"


def test_only_what_cannot_be_kept_is_refused(app_ctx, tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"台账": [
        ["姓名", "身份证号码", "联系电话", "住址", "与户主关系"],
        ["王芳", "4201061980", "1588933340", "3-2-501", "户主"],                # no usable ID number
        ["", _id(51), "", "3-2-502", "户主"],                                  # no name
        ["李强", _id(52), "13912345678", "3-2-601", "户主"],
        ["李强", _id(52), "13912345678", "3-2-601", "户主"],                    # the same person twice
        ["新生儿", "", "", "3-2-601", "子女"],                                   # no card yet: kept
    ]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    refused = {r.row: r.reason for r in plan.bad}
    assert set(refused) == {2, 3, 5}
    assert "身份证号码应为18位" in refused[2]
    assert "姓名" in refused[3]
    assert "第4行是同一个人" in refused[5]
    assert "手机号码应为11位" in " ".join(w.message for w in plan.bad[0].warnings)   # said too, beside
    assert apply_import(app_ctx, plan).created == 2


def test_a_refused_register_row_says_why_and_what_to_fix_not_what_an_import_would_keep(app_ctx, tmp_path):
    """外出 in the ID column and a short phone on a row refused for its blank name: it said
    按没有身份证号码登记 and 号码原样记在备注里 (a refused row has no note). It says why it is
    refused and the phone to correct; the same cells on an imported row still say both."""
    path = write_book(tmp_path / "r.xlsx", {"台账": [
        ["姓名", "身份证号码", "联系电话", "住址", "与户主关系"],
        ["", "外出", "1380000", "3-2-501", "户主"],
        ["王芳", "外出", "1380000", "3-2-502", "户主"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    refused, kept = plan.rows
    assert [e.message for e in refused.errors] == ["请填写姓名。"]
    assert [w.message for w in refused.warnings] == ["手机号码应为11位，现在是7位：1380000，请核对后改正。"]
    said = " ".join(w.message for w in kept.warnings)
    assert kept.ok and "按没有身份证号码登记" in said and "号码原样记在备注里" in said


def test_a_refused_register_row_never_says_its_cells_were_kept(app_ctx, tmp_path):
    """The other warnings beside a refused row said 原样记在备注里 (姓名后注, 人员类别, 重点人员 not
    是/否, 证件类型, 出生日期, 其他电话, the 15-digit number, a key person without reason, an
    incomplete address) although nothing of the row was kept. Refused at the checks (two names
    in one cell) or after them (the person twice in the file), each says what the row says and
    that it is kept once the row is fixed (the preview shows them beside the row's errors)."""
    wang = _id(81)
    header = ["姓名", "证件类型", "身份证号码", "性别", "出生日期", "联系电话", "其他电话", "人员类别", "重点人员",
              "楼栋", "单元", "门牌号", "与户主关系"]
    path = write_book(tmp_path / "x.xlsx", {"台账": [
        header,
        ["王芳", "", wang, "", "", "13800000001", "", "", "", "3", "2", "501", "户主"],
        # the same person again, every secondary cell odd
        ["王芳（已故）😷", "护照本", wang, "", "1961-01-01", "13800000001、13900000002", "13700000003", "临时", "待定",
         "3", "2", "501", "户主"],
        # two names in the cell: a 15-digit number, 租户, a key person without reason, no door
        ["李强、李梅", "", "420106800405113", "女", "", "", "", "租户", "是", "3", "2", "", "户主"],
        ["赵敏、赵刚", "", "", "2", "1980.04", "", "", "", "", "3", "2", "601", "户主"],
        ["钱七、钱八", "", "", "", "80-3-4", "", "", "", "", "3", "2", "602", "户主"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert [r.row for r in plan.bad] == [3, 4, 5, 6]
    said = {(r.row, w.field): w.message for r in plan.bad for w in r.warnings}
    assert {f for _, f in said} >= {"full_name", "id_type", "birth_date", "phone", "residence_kind", "id_number",
                                    "key_reason", "room", "sex"}
    kept = [m for m in said.values() if any(w in m for w in ("记在备注", "已保存", "已记下", "已按", "按身份证号码记录"))]
    assert kept == []
    assert said[(3, "id_type")] == "证件类型“护照本”不是可选的值，请核对（这一行改好再导入时，它会原样保留在备注里）。"
    assert said[(4, "id_number")].startswith("15位旧身份证号码420106800405113，这一行改好再导入时会按国家标准升为18位")
    # The same cells on a row that is imported still say where they went.
    ok = plan_import(app_ctx, write_book(tmp_path / "y.xlsx", {"台账": [header, [
        "王芳（已故）", "护照本", wang, "", "", "13800000001", "", "临时", "待定", "3", "2", "501", "户主"]]}),
        "register", compound="幸福里小区").rows[0]
    assert ok.ok and all("原样记在备注里" in w.message for w in ok.warnings)


def test_a_file_naming_no_compound_is_told_the_name_its_addresses_share(app_ctx, tmp_path):
    path = write_book(tmp_path / "n.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系"],
        ["王芳", _id(61), "新民主路3号1单元501", "户主"],
        ["李强", _id(62), "新民主路3号2单元302", "户主"],
        ["赵敏", _id(63), "新民主路5号1单元101", "户主"]]})
    with pytest.raises(InputError) as info:
        plan_import(app_ctx, path, "register")
    assert "没有写是哪个小区" in info.value.message
    assert "住址都以“新民主路”开头" in info.value.message and "“小区”框里填写“新民主路”" in info.value.message
    assert "--compound" not in info.value.message and "--compound 新民主路" in info.value.command
    plan = plan_import(app_ctx, path, "register", compound="新民主路")
    assert plan.bad == [] and plan.rows[0].draft.building == "新民主路3号"


def test_a_landlord_phone_and_a_care_phone_that_are_no_numbers_are_kept_as_typed(small_community, app_ctx, tmp_path):
    path = write_book(tmp_path / "l.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系", "住房性质", "房东姓名", "房东电话"],
        ["吴租", _id(71), "7-1-101", "户主", "租住", "郑房东", "1390000111"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert plan.bad == [] and [w.field for w in plan.rows[0].warnings] == ["landlord_phone"]
    apply_import(app_ctx, plan)
    wu = _people(app_ctx)["吴租"]
    flat = _household(app_ctx, wu)
    assert (flat.landlord_name, flat.landlord_phone, flat.note) == ("郑房东", "", "房东电话（原样）：1390000111")
    zhang = small_community["people"]["张三"]
    care = write_book(tmp_path / "c.xlsx", {"关爱名单": [
        ["姓名", "身份证号码", "联系电话", "关爱类别", "走访频次"],
        ["张三", zhang.id_number, "1380013800", "独居老人", "每周一次"]]})
    plan = plan_import(app_ctx, care, "care")
    assert plan.bad == [] and "原样记在备注里" in plan.rows[0].warnings[0].message
    assert plan.rows[0].draft.note == "台账电话（原样）：1380013800"      # a line of the import's (台账…)


def test_an_incomplete_address_keeps_the_person_outside_any_household_with_the_address_in_the_note(app_ctx, tmp_path):
    path = write_book(tmp_path / "a.xlsx", {"台账": [
        ["姓名", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"],
        ["王缺", _id(81), "3", "2", "", "户主"],                 # no room
        ["李全", _id(82), "3", "2", "501", "户主"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert plan.bad == [] and [w.field for w in plan.rows[0].warnings] == ["room"]
    apply_import(app_ctx, plan)
    people = _people(app_ctx)
    assert (people["王缺"].household_id, people["王缺"].address, people["王缺"].note) == (None, "", "住址（原样）：楼栋3 单元2")
    assert people["李全"].address == "幸福里小区 3栋2单元501"


def test_a_ledger_without_the_landlord_phone_keeps_the_registered_one(small_community, app_ctx, tmp_path):
    # 赵房东 13900001111 is registered for 王租客's flat; ledgers name the landlord, not the phone.
    tenant = small_community["people"]["王租客"]
    header = ["姓名", "身份证号码", "住址", "与户主关系", "住房性质", "房东姓名"]
    for name, sheet in (("赵房东", [header, ["王租客", tenant.id_number, "3-1-101", "户主", "租住", "赵房东"]]),
                        ("赵房东", [header + ["房东电话"],
                                    ["王租客", tenant.id_number, "3-1-101", "户主", "租住", "赵 房东", ""]])):
        path = write_book(tmp_path / "l.xlsx", {"台账": sheet})
        apply_import(app_ctx, plan_import(app_ctx, path, "register", compound="幸福里小区"))
        flat = _household(app_ctx, _people(app_ctx)["王租客"])
        assert (flat.tenure, flat.landlord_name, flat.landlord_phone) == ("rented", name, "13900001111")
    # Another landlord named without a phone does not get 赵房东's.
    path = write_book(tmp_path / "l.xlsx", {"台账": [
        header, ["王租客", tenant.id_number, "3-1-101", "户主", "租住", "钱房东"]]})
    apply_import(app_ctx, plan_import(app_ctx, path, "register", compound="幸福里小区"))
    flat = _household(app_ctx, _people(app_ctx)["王租客"])
    assert (flat.landlord_name, flat.landlord_phone) == ("钱房东", "")
    # A phone the ledger gives without the landlord's name is the registered landlord's, not dropped.
    path = write_book(tmp_path / "l.xlsx", {"台账": [
        header + ["房东电话"], ["王租客", tenant.id_number, "3-1-101", "户主", "租住", "", "13700002222"]]})
    apply_import(app_ctx, plan_import(app_ctx, path, "register", compound="幸福里小区"))
    flat = _household(app_ctx, _people(app_ctx)["王租客"])
    assert (flat.landlord_name, flat.landlord_phone) == ("钱房东", "13700002222")


def test_a_slash_or_a_word_for_nobody_as_a_persons_name_is_no_name(small_community, app_ctx, tmp_path):
    # /, 无, —, 暂无 under 姓名 were a name: 张三's number with 姓名 “/” renamed him “/”, a care
    # row put “无” on the care list, a gate row logged a passage by “—”. Refused now as a blank
    # name is, saying what the cell said; a vehicle with “/” for a name is a vehicle.
    zhang = small_community["people"]["张三"]
    path = write_book(tmp_path / "r.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址", "与户主关系"],
        ["/", zhang.id_number, "3-2-501", "户主"], ["", _id(40), "3-2-601", "户主"],
        ["暂无", _id(41), "3-2-602", "户主"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert [[e.message for e in r.errors] for r in plan.rows] == [
        ["姓名写的是“/”，不是姓名，请填写姓名。"], ["请填写姓名。"], ["姓名写的是“暂无”，不是姓名，请填写姓名。"]]
    apply_import(app_ctx, plan)
    assert app_ctx.register.person(zhang.id).full_name == "张三"
    care = write_book(tmp_path / "c.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别"], ["无", zhang.id_number, "独居老人"]]})
    assert [e.message for e in plan_import(app_ctx, care, "care").rows[0].errors] == [
        "姓名写的是“无”，不是姓名，请填写姓名。"]
    gate = write_book(tmp_path / "g.xlsx", {"s": [
        ["日期", "时间", "姓名", "进出", "车牌号"], ["2020-02-11", "8:30", "—", "出", ""],
        ["2020-02-11", "9:00", "/", "进", "鄂A12345"], ["2020-02-11", "9:30", "王芳", "进", "/"]]})
    plan = plan_import(app_ctx, gate, "gate")
    assert [[e.message for e in r.errors] for r in plan.rows] == [
        ["姓名写的是“—”，不是姓名，请填写姓名（车辆请填写车牌号）。"], [], []]
    assert [(r.draft.full_name, r.draft.plate) for r in plan.rows[1:]] == [("", "鄂A12345"), ("王芳", "")]
