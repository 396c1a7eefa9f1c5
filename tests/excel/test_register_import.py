"""The register kind: updates instead of duplicates, one transaction, and the round trip."""
from datetime import date, timedelta

import pytest

from desktop.excel.importer import ImportCancelled, apply_import, plan_import
from desktop.excel.lists import export_list
from desktop.idnumber import make_resident_id
from desktop.register import PersonForm
from tests.excel.conftest import write_book

HEADER = ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系"]


def _id(n: int) -> str:
    return make_resident_id("420106", date(1970, 1, 1) + timedelta(days=n), n % 499, True)


def _snapshot(app):
    people = app.register.people_in(None, limit=10_000)
    return sorted((p.full_name, p.id_number, p.sex, p.birth_date, p.phone, p.address, p.relation,
                   p.residence_kind, p.hukou_address, p.is_key_person, p.key_reason, p.status,
                   p.work_place, p.note) for p in people)


def test_a_registered_person_is_updated_not_duplicated_and_the_preview_names_the_changes(
        small_community, app_ctx, tmp_path):
    zhang = small_community["people"]["张三"]
    path = write_book(tmp_path / "u.xlsx", {"s": [
        HEADER, ["张三", zhang.id_number, "13912345678", "3", "2", "501", "户主"],
        ["李梅", small_community["people"]["李梅"].id_number, "13800130002", "3", "2", "501", "配偶"]]})
    plan = plan_import(app_ctx, path, compound="幸福里小区")
    assert [(r.action, r.changes) for r in plan.rows] == [("update", ("phone",)), ("same", ())]
    before = app_ctx.register.totals()["people"]
    result = apply_import(app_ctx, plan)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert app_ctx.register.totals()["people"] == before
    assert app_ctx.register.person(zhang.id).phone == "13912345678"


def test_a_person_moving_flat_is_moved(small_community, app_ctx, tmp_path):
    wang = small_community["people"]["王租客"]
    path = write_book(tmp_path / "m.xlsx", {"s": [HEADER, ["王租客", wang.id_number, "", "3", "2", "502", "户主"]]})
    plan = plan_import(app_ctx, path, compound="幸福里小区")
    assert plan.rows[0].changes == ("address", "relation")
    apply_import(app_ctx, plan)
    moved = app_ctx.register.person(wang.id)
    assert moved.address == "幸福里小区 3栋2单元502" and moved.relation == "head"


def test_a_compound_typed_with_spaces_a_line_break_or_traditional_forms_is_the_registered_one(
        small_community, app_ctx, tmp_path):
    zhang = small_community["people"]["张三"]
    path = write_book(tmp_path / "v.xlsx", {"s": [
        ["姓名", "身份证号码", "小区", "楼栋", "单元", "门牌号", "与户主关系"],
        ["张三", zhang.id_number, "幸福里 小区", "3", "2", "501", "户主"],
        ["赵一", _id(1), "幸福里\n小区", "3", "2", "601", "户主"],
        ["钱二", _id(2), "幸福里小區", "3", "2", "701", "户主"]]})
    plan = plan_import(app_ctx, path)
    assert plan.rows[0].action == "same"                       # not "moved" to another compound
    assert not any(r.warnings for r in plan.rows)
    apply_import(app_ctx, plan)
    assert sorted(c.name for c in app_ctx.register.compounds()) == ["幸福里小区", "王家湾组"]
    people = {p.full_name: p.address for p in app_ctx.register.people_in(None, limit=100)}
    assert people["赵一"] == "幸福里小区 3栋2单元601" and people["钱二"] == "幸福里小区 3栋2单元701"


def test_a_new_compound_close_to_a_registered_one_is_flagged_in_the_preview(small_community, app_ctx, tmp_path):
    path = write_book(tmp_path / "n.xlsx", {"s": [
        ["姓名", "身份证号码", "小区", "住址", "与户主关系"],
        ["孙三", _id(3), "王家湾", "15号", "户主"],
        ["周四", _id(4), "王家湾", "16号", "户主"],
        ["吴五", _id(5), "光明小区", "1-1-101", "户主"]]})
    plan = plan_import(app_ctx, path)
    flagged = {r.draft.person["full_name"]: [w.message for w in r.warnings] for r in plan.rows}
    assert all("已有名称相近的“王家湾组”" in m[0] and "将新建“王家湾”" in m[0] for m in (flagged["孙三"], flagged["周四"]))
    assert flagged["吴五"] == []
    apply_import(app_ctx, plan)                                # made as the file says: the clerk was told
    assert sorted(c.name for c in app_ctx.register.compounds()) == ["光明小区", "幸福里小区", "王家湾", "王家湾组"]


def test_two_rows_for_one_person_are_refused_and_a_second_head_makes_a_second_household(app_ctx, tmp_path):
    path = write_book(tmp_path / "d.xlsx", {"s": [
        HEADER, ["张三", _id(1), "", "1", "1", "101", "户主"], ["张三", _id(1), "", "1", "1", "101", "户主"],
        ["李四", _id(2), "", "1", "1", "101", "户主"], ["无证人", "", "", "1", "1", "102", "户主"],
        ["无证人", "", "", "1", "1", "102", "户主"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    bad = {r.row: r.reason for r in plan.bad}
    assert set(bad) == {3, 6}
    assert "第2行是同一个人" in bad[3]
    assert "同一户中姓名相同" in bad[6]
    li = next(r for r in plan.rows if r.row == 4)
    assert li.ok and "同一门牌（幸福里 1栋1单元101）还有1户，户主：张三" in li.warnings[-1].message
    assert apply_import(app_ctx, plan).created == 3
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    assert people["张三"].household_id != people["李四"].household_id
    assert people["张三"].address == people["李四"].address == "幸福里 1栋1单元101"
    assert people["李四"].relation == "head"
    second = app_ctx.register.household(people["李四"].household_id)
    assert second.note.startswith("【待核实】同一门牌（幸福里 1栋1单元101）还有1户，户主：张三")
    assert app_ctx.register.household(people["张三"].household_id).note == ""


def test_a_rented_household_without_a_landlord_is_kept_and_flagged(app_ctx, tmp_path):
    path = write_book(tmp_path / "r.xlsx", {"s": [
        HEADER + ["住房性质", "房东姓名"], ["张三", _id(3), "", "1", "1", "101", "户主", "租住", ""],
        ["李四", _id(4), "", "1", "1", "102", "户主", "租住", "赵房东"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert plan.bad == []
    assert "房东" in plan.rows[0].warnings[-1].message and not plan.rows[1].warnings
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    zhang, li = (app_ctx.register.household(people[x].household_id) for x in ("张三", "李四"))
    assert (zhang.tenure, zhang.landlord_name) == ("rented", "")
    assert zhang.note.startswith("【待核实】租住，台账没有写房东")
    assert (li.tenure, li.landlord_name, li.note) == ("rented", "赵房东", "")


def test_households_sharing_a_door_each_keep_their_own_tenure_and_landlord(app_ctx, tmp_path):
    # 群租: the tenure and landlord were gathered per door. A tenant whose row named a landlord
    # but no 住房性质 behind the same door as an owner was registered 自有, the landlord dropped;
    # a tenant with no landlord was not flagged because another household at the door had one.
    path = write_book(tmp_path / "q.xlsx", {"s": [
        HEADER + ["住房性质", "房东姓名"], ["业主甲", _id(40), "", "9", "1", "101", "户主", "自有", ""],
        ["甲妻", _id(41), "", "9", "1", "101", "配偶", "", ""],
        ["租客乙", _id(42), "", "9", "1", "101", "户主", "", "赵房东"],
        ["租客丙", _id(43), "", "9", "1", "101", "户主", "租住", ""]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    said = {r.draft.full_name: [w.message for w in r.warnings] for r in plan.rows}
    assert "台账没有写住房性质，但写了房东，这一户按租住登记，请核对。" in said["租客乙"]
    assert "台账没有写房东" in said["租客丙"][-1]
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    flats = [app_ctx.register.household(people[x].household_id) for x in ("甲妻", "租客乙", "租客丙")]
    assert [(h.tenure, h.landlord_name) for h in flats] == [("owned", ""), ("rented", "赵房东"), ("rented", "")]
    assert "租住，台账没有写房东" in flats[2].note


def test_a_landlord_on_another_row_of_the_household_than_its_tenure_is_kept(app_ctx, tmp_path):
    # 户主 租住 with the 房东 written on the spouse's row: the household was registered rented
    # with no landlord, the name dropped and nothing said.
    path = write_book(tmp_path / "l.xlsx", {"s": [
        HEADER + ["住房性质", "房东姓名", "房东电话"], ["租客甲", _id(45), "", "9", "2", "101", "户主", "租住", "", ""],
        ["甲妻", _id(46), "", "9", "2", "101", "配偶", "", "周房东", "13700003333"]]})
    apply_import(app_ctx, plan_import(app_ctx, path, compound="幸福里"))
    person = next(p for p in app_ctx.register.people_in(None) if p.full_name == "甲妻")
    flat = app_ctx.register.household(person.household_id)
    assert (flat.tenure, flat.landlord_name, flat.landlord_phone, flat.note) == ("rented", "周房东", "13700003333", "")


def test_rows_of_one_household_saying_two_tenures_are_flagged(app_ctx, tmp_path):
    # As in the old compound's sample: a tenant family's rows with no 户主 row, then the owner
    # family below at the same door, were read as one household, registered 租住 with the
    # tenants' landlord, the owner's 自有 dropped and nothing said.
    path = write_book(tmp_path / "t.xlsx", {"s": [
        HEADER + ["住房性质", "房东姓名"], ["租客子", _id(47), "", "9", "3", "501", "子女", "租住", "杨房东"],
        ["业主丁", _id(48), "", "9", "3", "501", "户主", "自有", ""]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert "这一户在“s”第2行写的住房性质是“租住”，这一行写的是“自有住房”" in plan.rows[1].warnings[-1].message
    apply_import(app_ctx, plan)
    person = next(p for p in app_ctx.register.people_in(None) if p.full_name == "业主丁")
    flat = app_ctx.register.household(person.household_id)
    assert flat.note.startswith("【待核实】台账里这一户的住房性质不一致（租住、自有住房）")


def test_cancel_leaves_the_register_as_it_was(small_community, app_ctx, tmp_path):
    rows = [HEADER] + [[f"新人{i}", _id(10 + i), "", "7", "1", str(100 + i), "户主"] for i in range(2500)]
    plan = plan_import(app_ctx, write_book(tmp_path / "c.xlsx", {"s": rows}), compound="幸福里小区")
    before = _snapshot(app_ctx), app_ctx.register.totals()
    calls = []
    with pytest.raises(ImportCancelled):
        apply_import(app_ctx, plan, progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 1)
    assert (_snapshot(app_ctx), app_ctx.register.totals()) == before
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM building WHERE number = '7'").fetchone()[0] == 0


def test_a_crash_in_the_middle_leaves_the_register_as_it_was(small_community, app_ctx, tmp_path, monkeypatch):
    from desktop import register
    rows = [HEADER] + [[f"新人{i}", _id(40 + i), "", "8", "1", str(100 + i), "户主"] for i in range(20)]
    plan = plan_import(app_ctx, write_book(tmp_path / "x.xlsx", {"s": rows}), compound="幸福里小区")
    before = _snapshot(app_ctx)
    real, count = register.RegisterBatch.add_person, []

    def failing(self, *a):
        count.append(1)
        if len(count) == 10:
            raise OSError("disk full")
        return real(self, *a)
    monkeypatch.setattr(register.RegisterBatch, "add_person", failing)
    with pytest.raises(OSError):
        apply_import(app_ctx, plan)
    assert _snapshot(app_ctx) == before


def test_a_disk_that_fills_up_after_the_commit_does_not_call_a_saved_import_unsaved(
        small_community, app_ctx, tmp_path, monkeypatch):
    """The search entries are written after the import's commit. A full disk there leaves the
    import saved, so it reports what it imported; the next transaction that can write indexes
    the people (they were noted with the import)."""
    import sqlite3
    from db import search_index
    from desktop.search import search_people
    rows = [HEADER] + [[f"满盘{i}", _id(60 + i), "", "8", "1", str(300 + i), "户主"] for i in range(5)]
    plan = plan_import(app_ctx, write_book(tmp_path / "x.xlsx", {"s": rows}), compound="幸福里小区")
    real = search_index.settle

    def full(conn):
        if (id(conn), search_index.threading.get_ident()) in search_index._AFTER_COMMIT:
            return real(conn)                  # inside the import: left for after its commit
        if conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone():
            raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(search_index, "settle", full)
    result = apply_import(app_ctx, plan)
    assert result.created == 5
    assert sum(1 for p in _snapshot(app_ctx) if p[0].startswith("满盘")) == 5
    monkeypatch.setattr(search_index, "settle", real)
    with app_ctx.db.transaction():             # the disk has room again: any write indexes them
        pass
    assert [p.full_name for p in search_people(app_ctx.db, "满盘3")] == ["满盘3"]


def test_round_trip_export_then_import_gives_the_same_register(small_community, app_ctx, tmp_path):
    from desktop.app import open_app
    r = app_ctx.register
    r.set_status(small_community["people"]["张小明"].id, "home_isolation", "密接")
    r.update_person(small_community["people"]["李梅"].id, PersonForm(
        full_name="李梅", id_number=small_community["people"]["李梅"].id_number, phone="13800130002",
        is_key_person=True, key_reason="近14天从外地返回", work_place="区医院", note="行动不便"))
    r.add_person(PersonForm(full_name="小宝", sex="F", birth_date="2020-01-05"),
                 small_community["households"][0].id, "grandchild")
    out = tmp_path / "register.xlsx"
    assert export_list(app_ctx, "register", out) == 6
    other = open_app(tmp_path / "other.db")
    try:
        plan = plan_import(other, out)
        assert plan.counts() == {"new": 6}
        apply_import(other, plan)
        assert _snapshot(other) == _snapshot(app_ctx)
        again = plan_import(other, out)                   # and importing it again changes nothing
        assert again.counts() == {"same": 6}
    finally:
        other.close()


def test_a_key_person_mark_without_reason_never_overwrites_a_reason_a_clerk_entered(
        small_community, app_ctx, tmp_path):
    zhang = small_community["people"]["张三"]
    app_ctx.register.update_person(zhang.id, PersonForm(full_name="张三", id_number=zhang.id_number,
                                                        is_key_person=True, key_reason="武汉返回"))
    li = small_community["people"]["李梅"]
    path = write_book(tmp_path / "k.xlsx", {"s": [
        HEADER + ["是否重点人员"], ["张三", zhang.id_number, "", "3", "2", "501", "户主", "是"],
        ["李梅", li.id_number, "", "3", "2", "501", "配偶", "是"]]})
    plan = plan_import(app_ctx, path, compound="幸福里小区")
    assert [r.changes for r in plan.rows] == [(), ("is_key_person", "key_reason")]
    assert all(r.warnings for r in plan.rows)
    apply_import(app_ctx, plan)
    assert app_ctx.register.person(zhang.id).key_reason == "武汉返回"
    assert app_ctx.register.person(li.id).key_reason == "台账中标为重点人员，原因未填写"


def test_a_word_for_nobody_in_the_landlord_column_is_no_landlord_and_a_rented_household_is_flagged(
        app_ctx, tmp_path):
    # 无, /, 暂无, 本人 under 房东姓名 were stored as the landlord: a rented flat "named" its
    # landlord 无 and the clerk was never asked for the real one.
    header = HEADER + ["住房性质", "房东姓名"]
    words = ["无", "/", "暂无", "本人", "—"]
    rows = [header] + [[f"租客{i}", _id(60 + i), "", "5", "1", str(101 + i), "户主", "租住", w]
                       for i, w in enumerate(words)]
    rows.append(["业主甲", _id(70), "", "5", "1", "201", "户主", "自有", "自己"])
    plan = plan_import(app_ctx, write_book(tmp_path / "p.xlsx", {"s": rows}), compound="幸福里")
    assert plan.bad == []
    assert all("台账没有写房东" in r.warnings[-1].message for r in plan.rows[:5]) and not plan.rows[5].warnings
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    flats = [app_ctx.register.household(people[f"租客{i}"].household_id) for i in range(len(words))]
    assert [(h.tenure, h.landlord_name) for h in flats] == [("rented", "")] * len(words)
    assert all(h.note.startswith("【待核实】租住，台账没有写房东") for h in flats)
    owner = app_ctx.register.household(people["业主甲"].household_id)
    assert (owner.tenure, owner.landlord_name, owner.note) == ("owned", "", "")


def test_the_words_for_a_tenant_or_an_owner_say_the_tenure_in_either_column(app_ctx, tmp_path):
    # 租户 under 住房性质 said “租户”不是可选的值 and the household stayed 自有, its word in the
    # note; the same word under 人员类别 made the household rented. One list now, both columns.
    header = HEADER + ["住房性质", "人员类别", "房东姓名"]
    path = write_book(tmp_path / "w.xlsx", {"s": [
        header, ["租甲", _id(95), "", "8", "1", "101", "户主", "租户", "", "赵房东"],
        ["租乙", _id(96), "", "8", "1", "102", "户主", "房客", "", "钱房东"],
        ["业丙", _id(97), "", "8", "1", "103", "户主", "业主", "", ""],
        ["租丁", _id(98), "", "8", "1", "104", "户主", "", "租赁", "孙房东"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [[w.message for w in r.warnings] for r in plan.rows[:3]] == [[]] * 3
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    flats = [app_ctx.register.household(people[x].household_id) for x in ("租甲", "租乙", "业丙", "租丁")]
    assert [(h.tenure, h.landlord_name) for h in flats] == [
        ("rented", "赵房东"), ("rented", "钱房东"), ("owned", ""), ("rented", "孙房东")]
    assert [people[x].note for x in ("租甲", "租乙", "业丙")] == ["", "", ""]


def test_a_landlord_named_in_a_ledger_without_a_tenure_column_means_the_household_rents(app_ctx, tmp_path):
    # The landlord was dropped: the household stayed 自有 with no landlord, said nowhere.
    first = write_book(tmp_path / "a.xlsx", {"s": [HEADER, ["老住户", _id(80), "", "6", "1", "101", "户主"]]})
    apply_import(app_ctx, plan_import(app_ctx, first, compound="幸福里"))
    header = HEADER + ["房东姓名", "房东电话"]
    path = write_book(tmp_path / "b.xlsx", {"s": [
        header, ["新租客", _id(81), "", "6", "1", "102", "户主", "钱房东", "13700002222"],
        ["同住人", _id(82), "", "6", "1", "102", "配偶", "", ""],
        ["老住户", _id(80), "", "6", "1", "101", "户主", "孙房东", ""],
        ["自住户", _id(83), "", "6", "1", "103", "户主", "无", ""]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    said = [[w.message for w in r.warnings] for r in plan.rows]
    assert said == [["台账没有写住房性质，但写了房东，这一户按租住登记，请核对。"], [],
                    ["台账没有写住房性质，但写了房东，这一户按租住登记，请核对。"], []]
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    flat = {x: app_ctx.register.household(people[x].household_id) for x in ("新租客", "老住户", "自住户")}
    assert [(h.tenure, h.landlord_name, h.landlord_phone) for h in flat.values()] == [
        ("rented", "钱房东", "13700002222"), ("rented", "孙房东", ""), ("owned", "", "")]
    # The same ledger again changes nothing and says nothing more.
    again = plan_import(app_ctx, path, compound="幸福里")
    assert [r.action for r in again.rows] == ["same"] * 4 and not any(r.warnings for r in again.rows)
    from desktop.excel.register_import import register_writes_nothing
    assert register_writes_nothing(app_ctx, again)           # so no backup is taken for it


def test_a_slash_or_a_word_for_nobody_in_a_phone_column_is_an_empty_cell(app_ctx, tmp_path):
    # A 联系电话 or 房东电话 of "/" stopped the whole import with a Python error; 无 was kept in
    # the note as a mistyped number, with a warning to correct it.
    header = HEADER + ["住房性质", "房东姓名", "房东电话"]
    path = write_book(tmp_path / "t.xlsx", {"s": [
        header, ["甲", _id(90), "/", "7", "1", "101", "户主", "租住", "赵房东", "/"],
        ["乙", _id(91), "无", "7", "1", "102", "户主", "租住", "钱房东", "、"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [(r.ok, r.warnings) for r in plan.rows] == [(True, ())] * 2
    apply_import(app_ctx, plan)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    assert [(p.phone, p.note) for p in (people["甲"], people["乙"])] == [("", "")] * 2
    assert app_ctx.register.household(people["甲"].household_id).landlord_phone == ""


def test_a_slash_or_a_word_for_nobody_in_a_coded_column_is_an_empty_cell(app_ctx, tmp_path):
    # 性别 “/”, 与户主关系 “—”, 住房性质 “暂无”, 重点人员 “/” were each “不是可选的值” (or not
    # 是/否): kept in the person's note (性别：/ 与户主关系：— …) with a warning to check.
    path = write_book(tmp_path / "c.xlsx", {"s": [
        ["姓名", "身份证号码", "性别", "楼栋", "单元", "门牌号", "与户主关系", "住房性质", "是否重点人员", "人员类别"],
        ["甲", _id(92), "/", "7", "2", "101", "—", "暂无", "/", "/"]]})
    plan = plan_import(app_ctx, path, compound="幸福里")
    assert [(r.ok, r.warnings) for r in plan.rows] == [(True, ())]
    apply_import(app_ctx, plan)
    (person,) = app_ctx.register.people_in(None)
    assert (person.full_name, person.note, person.is_key_person) == ("甲", "", False)
