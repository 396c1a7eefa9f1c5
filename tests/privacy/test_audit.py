"""The audit: every export and print of personal data, every change with its old and new value;
it syncs and nobody edits it."""
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop import cli
from desktop.audit import audit_trail, export_audit
from desktop.excel.lists import export_list
from desktop.printing.catalogue import PrintRequest, print_form

DAY = date(2020, 2, 20)


def test_exports_and_prints_are_noted_with_who_what_how_many(app_ctx, small_community, tmp_path):
    export_list(app_ctx, "register", tmp_path / "名单.xlsx", masked=True, on=DAY)
    export_list(app_ctx, "key-persons", tmp_path / "full.xlsx", on=DAY)
    print_form(app_ctx.register, PrintRequest("household-sheet", compound="幸福里小区"), tmp_path / "户.pdf")
    print_form(app_ctx.register, PrintRequest("canvass-sheet"), tmp_path / "摸排.pdf")
    outputs = [e for e in audit_trail(app_ctx.db) if e.action in ("export", "print")]
    assert [(e.action, e.what, e.people, e.masked, e.file_name, e.user_name) for e in outputs] == [
        ("export", "register", 5, True, "名单.xlsx", "测试员"),
        ("export", "key-persons", 0, False, "full.xlsx", "测试员"),
        ("print", "household-sheet", 2, False, "户.pdf", "测试员"),       # the office's own file
        ("print", "canvass-sheet", outputs[3].people, True, "摸排.pdf", "测试员"),   # public paper: masked
    ]
    assert str(tmp_path) not in repr(outputs)          # a folder can name a person: left out


def test_every_change_lands_with_old_and_new_value(app_ctx, small_community):
    from desktop.register import PersonForm
    p = small_community["people"]["王租客"]
    app_ctx.db.user_name = "李主任"
    app_ctx.register.update_person(p.id, PersonForm(full_name=p.full_name, id_number=p.id_number,
                                                    phone="13700007777", note="搬到3栋"))
    trail = audit_trail(app_ctx.db, person_id=p.id)
    phone = [e for e in trail if e.what == "person.phone"]
    from desktop.masking import mask_phone
    assert [(e.action, e.old, e.new) for e in phone] == [("insert", None, mask_phone(p.phone)),
                                                         ("patch", mask_phone(p.phone), "137****7777")]
    assert phone[-1].user_name == "李主任" and phone[0].user_name == "测试员"
    assert [(e.old, e.new) for e in trail if e.what == "person.note"] == [(None, "搬到3栋")]
    assert all(e.row_id == p.id for e in trail if e.what.startswith("person."))
    assert not [e for e in trail if e.row_id == small_community["people"]["张三"].id]   # only that person


def test_nobody_can_edit_the_audit(app_ctx, small_community, tmp_path):
    from db.sync.registry import APPEND, SYNC_TABLES
    assert SYNC_TABLES["audit_event"].kind == APPEND          # it syncs, as an append-only log
    export_list(app_ctx, "register", tmp_path / "r.xlsx")
    for sql in ("UPDATE audit_event SET user_name = '别人'", "DELETE FROM audit_event"):
        with pytest.raises(sqlite3.DatabaseError):
            with app_ctx.db.transaction() as conn:
                conn.execute(sql)
    assert [e.user_name for e in audit_trail(app_ctx.db) if e.action == "export"] == ["测试员"]


def test_the_audit_exports_from_the_command_line(app_ctx, small_community, tmp_path, capsys):
    export_list(app_ctx, "register", tmp_path / "r.xlsx", masked=True)
    path = app_ctx.db.path
    app_ctx.close()
    out = tmp_path / "audit.xlsx"
    assert cli.main(["audit", "--db", str(path), "--to", str(out), "--since", "2000-01-01"]) == 0
    assert capsys.readouterr().out.startswith("已导出审计记录")
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    # What each line is about, in the words of the office (was 'register', 'person.full_name').
    assert any(r[2] == "导出" and r[3] == "居民台账" and r[8] == "号码已隐去" and r[9] == "r.xlsx" for r in rows)
    assert any(r[2] == "新增" and r[3] == "居民·姓名" and r[6] == "张三" for r in rows)
    assert not any(c.data_type == "f" for r in ws.iter_rows() for c in r)
    assert cli.main(["audit", "--db", str(tmp_path / "none.db"), "--to", str(out)]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_error_workbook_and_a_saved_preview_are_noted(app_ctx, small_community, tmp_path):
    from openpyxl import Workbook
    from desktop.excel.importer import plan_import, write_rejects
    from desktop.printing.catalogue import note_saved_copy
    ledger = tmp_path / "ledger.xlsx"
    book = Workbook()
    book.active.append(["姓名", "身份证号", "楼栋", "单元", "门牌号"])
    book.active.append(["赵六", "123", "1", "1", "101"])
    book.save(ledger)
    plan = plan_import(app_ctx, ledger, "register", compound="幸福里小区")
    write_rejects(plan, tmp_path / "错误行.xlsx", app_ctx.db)
    note_saved_copy(app_ctx.db, PrintRequest("visit-sheet"), tmp_path / "走访.pdf")
    outputs = [(e.action, e.what, e.people, e.masked, e.file_name) for e in audit_trail(app_ctx.db)
               if e.action in ("export", "print")]
    assert outputs == [("export", "import-errors", 1, False, "错误行.xlsx"), ("print", "visit-sheet", 0, True, "走访.pdf")]


def test_the_canvass_round_sheet_is_noted(app_ctx, small_community, tmp_path):
    from desktop.canvass.rounds import CanvassBook
    from desktop.excel.canvass_kind import write_round_sheet
    rnd = CanvassBook(app_ctx.db, app_ctx.register).create_round("第一轮摸排", DAY, starts_on="2020-02-18")
    count = write_round_sheet(app_ctx, rnd.id, tmp_path / "摸排录入.xlsx")
    assert [(e.what, e.people, e.file_name) for e in audit_trail(app_ctx.db, outputs=True, changes=False)] == [
        ("canvass-round", count, "摸排录入.xlsx")]


def test_the_page_reads_the_newest_entries_and_counts_them_all(app_ctx, small_community, tmp_path):
    from desktop.audit import newest_entries
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        export_list(app_ctx, "register", tmp_path / name)
    total, newest = newest_entries(app_ctx.db, None, 2, changes=False)
    assert total == 3 and [e.file_name for e in newest] == ["c.xlsx", "b.xlsx"]
    total, newest = newest_entries(app_ctx.db, "2000-01-01", 10)
    assert total > 50 and len(newest) == 10 and newest[0].file_name == "c.xlsx"


def test_the_audit_workbook_holds_no_whole_id_number_phone_or_password_hash(app_ctx, small_community, tmp_path):
    """The audit is read on screen and handed on as a workbook: it says that an ID number, a
    phone or a password changed, never the whole number or the hash; a full export's purpose
    (asked for, "会记入审计") is in it."""
    import re
    from desktop.accounts import create_account, create_first_admin, login, reset_password
    from desktop.register import PersonForm
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    login(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "老李", "gate", "gate-pass")
    reset_password(app_ctx.db, "老李", "new-gate-pass")
    p = small_community["people"]["王租客"]
    app_ctx.register.update_person(p.id, PersonForm(full_name=p.full_name, id_number=p.id_number,
                                                    phone="13700007777", note="新号 13900001111"))
    export_list(app_ctx, "register", tmp_path / "全.xlsx", masked=False, reason="区里核对", on=DAY)
    out = tmp_path / "audit.xlsx"
    export_audit(app_ctx.db, out)
    cells = [str(c.value) for r in load_workbook(out).active.iter_rows() for c in r if c.value is not None]
    text = "\n".join(cells)
    assert p.id_number not in text and p.phone not in text
    assert "13700007777" not in text and "13900001111" not in text and "137****7777" in text
    assert not re.search(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])", text)
    assert "scrypt$" not in text
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows(min_row=3)]
    hashes = [r for r in rows if r[3] == "账号·密码"]
    assert len(hashes) == 3 and all(r[6] == "（已更改，不显示）" for r in hashes)    # 2 made, 1 reset
    assert any(r[3] == "居民台账" and r[8] == "号码未隐去" and r[10] == "区里核对" for r in rows)


def merged_twice(app_ctx):
    """李四 registered twice (the same ID number, two phones) and 张志愿 on duty registered twice
    (the gate laptop's entry, the older, with his unit, come by sync), each pair merged here.
    Returns the record ids, which no line about a merge may show."""
    from db.sync.ids import uuid7
    from desktop.duty.duplicates import merge_people
    from desktop.duty.people import DutyBook
    from desktop.sync.duplicates import merge_persons
    first, second, laptops = uuid7(), uuid7(), uuid7()
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name, id_number, phone) VALUES (?, '李四', '420106199002021239',"
                     " '13700000001'), (?, '李四', '420106199002021239', '13700000002')", (first, second))
    merge_persons(app_ctx.db, first, second)
    office = DutyBook(app_ctx.db).add_person("张志愿", "13800000001", "volunteer")
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO duty_person (id, full_name, phone, kind, unit_name)"
                     " VALUES (?, '张志愿', '13800000001', 'volunteer', '区财政局')", (laptops,))
    merge_people(app_ctx.db, office.id, laptops)
    return first, second, office.id, laptops


def test_a_merge_reads_as_the_two_people_kept_and_merged_not_record_ids(app_ctx, small_community):
    """A merge of a resident or a person on duty registered twice is one audit line naming both
    records, told apart (the ID number's and the phone's last four, the unit), not lines of
    0193ab… ids; who merged and when are the line's own."""
    import re
    from desktop.audit import audit_rows
    ids = merged_twice(app_ctx)
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    merges = [r for r in rows if r[3].startswith(("重复登记的合并", "值守人员重复登记的合并"))]
    assert [r[1:7] for r in merges] == [
        ("测试员", "新增", "重复登记的合并·合并的两条", "李四（重复登记）", None,
         "合并：李四（保留，证件尾号1239，电话尾号0001）← 李四（另一条，证件尾号1239，电话尾号0002）"),
        ("测试员", "新增", "值守人员重复登记的合并·合并的两条", "张志愿（值守人员，重复登记）", None,
         "合并：张志愿（保留，电话尾号0001，区财政局）← 张志愿（另一条，电话尾号0001）")]
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    assert not [c for r in merges for c in r if uuid.search(str(c))]
    assert not [r for r in merges if set(ids) & {r[4], r[5], r[6]}]


def test_a_restore_line_names_the_backup_from_the_stick_and_the_kept_files_whole(tmp_path):
    """The restore lines read in Chinese: a copy brought in from a USB stick says so (从U盘带入),
    an empty register set aside says it was empty, and a file kept aside a second time in the
    same second (…-052920-2) keeps its name whole: its time stamp was masked as an old
    15-digit ID number (before-restore-2026*******9202), naming no file there is."""
    from datetime import datetime
    from desktop import backup
    from desktop.app import open_app
    from tests.backup.conftest import add_people, restore_lines
    office, new = tmp_path / "办公室" / "register.db", tmp_path / "新电脑" / "register.db"
    office.parent.mkdir()
    new.parent.mkdir()
    app = open_app(office)
    add_people(app, ["张三"])
    made = backup.backup_before(app.db, "manual")
    add_people(app, ["李四"], start=5)
    app.close()
    open_app(new).close()                                   # a new computer's empty register
    brought = backup.bring_in(new, made)
    assert backup.describe(brought).endswith("手动备份，从U盘带入（%.1f MB）" % (brought.size / (1 << 20)))
    backup.restore(new, brought, by="书记")
    [line] = restore_lines(new)
    assert "的备份（手动备份，从U盘带入）" in line[10] and "（它是空的，没有住户和人员）" in line[10]
    at = datetime(2026, 12, 7, 5, 29, 20)
    backup.restore(office, backup.list_backups(office)[0], by="书记", now=at)
    first = next(b for b in backup.list_backups(office, asides=True) if b.aside)
    done = backup.restore(office, first, by="书记", now=at)
    assert done.aside.name.endswith("-20261207-052920-2")
    said = restore_lines(office)[-1][10]
    assert f"被替换的数据文件改名保留为 {done.aside.name}；" in said and "*" not in said


def test_coded_values_read_in_chinese_not_as_stored_codes(app_ctx, small_community):
    """A status changed, a person on duty added: the audit says 健康 → 居家隔离, 志愿者, 否, not
    healthy, home_isolation, volunteer, 0 as they are stored."""
    from desktop.audit import audit_rows
    from desktop.duty.people import DutyBook
    p = small_community["people"]["王租客"]
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET status = 'home_isolation', is_key_person = 1 WHERE id = ?", (p.id,))
    DutyBook(app_ctx.db).add_person("张志愿", "13800000001", "volunteer")
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    assert ("修改", "居民·状态", "健康", "居家隔离") in [(r[2], r[3], r[5], r[6]) for r in rows]
    assert ("修改", "否", "是") in [(r[2], r[5], r[6]) for r in rows if r[3].startswith("居民·") and r[4] == "王租客"]
    duty = {r[3]: r[6] for r in rows if r[3].startswith("值守人员·")}
    assert duty["值守人员·类别"] == "志愿者" and "值守人员·删除" not in duty      # a new row: not 删除 否
    assert not [r for r in rows if {r[5], r[6]} & {"healthy", "home_isolation", "volunteer", "registered"}]


def test_gate_care_and_isolation_codes_read_in_the_words_their_pages_use(app_ctx):
    """A passage turned back, a care visit that did not see the person, a care subject with three
    categories, an isolation and its follow-up: the audit says 劝返, 出, 扫码登记, 未见到本人,
    独居老人、低保困难、院外治疗（透析、放化疗）, 每周两次, 医学观察, 下午, 咳嗽、咽痛, not the stored
    codes (turned_back, out, scan, not_seen, elder_alone,low_income,treatment …)."""
    from desktop.audit import audit_rows
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name) VALUES ('p1', '王芳')")
        conn.execute("INSERT INTO gate_log (id, at, direction, person_id, holder_name, outcome, source)"
                     " VALUES ('g1', '2020-02-20T08:00:00', 'out', 'p1', '王芳', 'turned_back', 'scan')")
        conn.execute("INSERT INTO care_subject (id, person_id, categories, needs, frequency, listed_on) VALUES"
                     " ('cs1', 'p1', 'elder_alone,low_income,treatment', 'groceries,medicine', 'twice_weekly',"
                     " '2020-02-01')")
        conn.execute("INSERT INTO care_visit (id, subject_id, person_id, visited_on, mode, needs_raised, recorded_at)"
                     " VALUES ('v1', 'cs1', 'p1', '2020-02-20', 'not_seen', 'meals', '2020-02-20T09:00:00')")
        conn.execute("INSERT INTO isolation_episode (id, person_id, kind, reason, start_on, planned_end_on)"
                     " VALUES ('e1', 'p1', 'observation', '密接', '2020-02-20', '2020-03-05')")
        conn.execute("INSERT INTO isolation_followup (id, episode_id, person_id, day, slot, symptoms, checked_at)"
                     " VALUES ('f1', 'e1', 'p1', '2020-02-20', 'evening', 'cough,sore_throat', '2020-02-20T18:00')")
    for trail in (audit_trail(app_ctx.db), audit_trail(app_ctx.db, person_id="p1")):
        new = {r[3]: r[6] for r in audit_rows(app_ctx.db, trail)}
        assert {k: new[k] for k in ("出入登记·结果", "出入登记·进/出", "出入登记·来源", "出入登记·类别")} == {
            "出入登记·结果": "劝返", "出入登记·进/出": "出", "出入登记·来源": "扫码登记", "出入登记·类别": "出入"}
        # 关爱类别, not 类别: the word 居家隔离·类别 (医学观察) and 出入登记·类别 (出入) use too
        assert new["关爱对象·关爱类别"] == "独居老人、低保困难、院外治疗（透析、放化疗）"
        assert (new["关爱对象·需求"], new["关爱对象·走访频次"]) == ("代买生活物资、代购药品", "每周两次")
        assert (new["关爱走访·方式"], new["关爱走访·提出的需求"]) == ("未见到本人", "送餐")
        assert new["居家隔离·类别"] == "医学观察"
        assert (new["隔离随访·时段"], new["隔离随访·症状"]) == ("下午", "咳嗽、咽痛")


def test_a_persons_own_trail_holds_the_merges_of_that_person(app_ctx, small_community):
    """李四 registered twice, merged: the trail of either record holds the merge line (合并：李四
    （保留…）← 李四（另一条…）), who merged and when; another person's trail does not."""
    from desktop.audit import audit_rows
    first, second, _, _ = merged_twice(app_ctx)
    for pid in (first, second):
        merges = [r for r in audit_rows(app_ctx.db, audit_trail(app_ctx.db, person_id=pid)) if r[3].startswith("重复登记的合并")]
        assert [(r[1], r[2], r[4], r[6]) for r in merges] == [
            ("测试员", "新增", "李四（重复登记）",
             "合并：李四（保留，证件尾号1239，电话尾号0001）← 李四（另一条，证件尾号1239，电话尾号0002）")]
    other = small_community["people"]["张三"].id
    assert not [r for r in audit_rows(app_ctx.db, audit_trail(app_ctx.db, person_id=other)) if "合并" in r[3]]


def test_a_checkpoints_kind_reads_as_its_words_not_its_code(app_ctx, small_community):
    """A checkpoint added as a compound's gate, then made a road checkpoint: the audit said
    compound_gate → village_road; it says 小区大门 → 村道路口, as the gate settings do."""
    from desktop.audit import audit_rows
    from desktop.gate.checkpoints import add_checkpoint, change_checkpoint
    cp = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id, "compound_gate")
    change_checkpoint(app_ctx.db, cp.id, cp.name, None, "village_road", True)
    kinds = [(r[2], r[5], r[6]) for r in audit_rows(app_ctx.db, audit_trail(app_ctx.db)) if r[3] == "卡口·类别"]
    assert kinds == [("新增", None, "小区大门"), ("修改", "小区大门", "村道路口")]


def test_a_battle_map_print_says_whether_it_holds_names_not_that_numbers_were_hidden(app_ctx, small_community,
                                                                                    tmp_path):
    """The battle map never carries an ID number or a phone: its public copy leaves the names
    out. The audit said 是（隐去号码） for every map, the one with names too; it says 含姓名 for
    the office's map and 不含姓名 for the public one, a list 号码已隐去, all under 个人信息."""
    from desktop.audit import audit_rows
    print_form(app_ctx.register, PrintRequest("battle-map", day=DAY), tmp_path / "作战图.pdf")
    print_form(app_ctx.register, PrintRequest("battle-map", masked=True, day=DAY), tmp_path / "公示.pdf")
    print_form(app_ctx.register, PrintRequest("canvass-sheet"), tmp_path / "摸排.pdf")
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db, changes=False))
    assert [(r[3], r[8], r[9]) for r in rows] == [("疫情防控作战图（A3）", "含姓名", "作战图.pdf"),
                                                 ("疫情防控作战图（A3）", "不含姓名", "公示.pdf"),
                                                 ("滚动摸排表（按楼栋）", "号码已隐去", "摸排.pdf")]
    from desktop.audit import COLUMNS
    assert COLUMNS[8] == "个人信息"


def test_a_new_row_says_nothing_of_deletion_a_deletion_and_a_restore_do(app_ctx, small_community):
    """Every new row said 删除 否 (is_deleted = 0), household, person and membership alike: noise
    on every line of a new record. A new row says nothing of it; removing a person and taking
    them back (an edit of is_deleted) still say 否 → 是 and 是 → 否."""
    from desktop.audit import audit_rows
    p = small_community["people"]["王租客"]
    app_ctx.register.remove_person(p.id)
    app_ctx.register.restore_person(p.id)
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    assert [r for r in rows if r[2] == "新增"], "new rows are in the audit"
    assert not [r for r in rows if r[2] == "新增" and r[3].endswith("·删除")]
    assert [(r[2], r[5], r[6]) for r in rows if r[3] == "居民·删除" and r[4] == "王租客"] == [
        ("修改", "否", "是"), ("修改", "是", "否")]


def test_a_persons_or_households_record_reads_as_the_name_or_the_address_not_an_id(app_ctx, small_community):
    """户成员·所属户 = 0193ab…, 户成员·居民 = <id>, 关爱对象·居民 = <id>: a clerk cannot tell whose.
    The audit says the household's address and the person's name (a record this machine does not
    hold: the kind of record and the id's end, which, unlike its start, the time it was made,
    tells records apart); no line shows a whole record id."""
    import re
    from desktop.audit import audit_rows
    p = small_community["people"]["王租客"]
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO care_subject (id, person_id, listed_on) VALUES ('cs1', ?, '2020-02-01')", (p.id,))
        conn.execute("INSERT INTO care_visit (id, subject_id, person_id, visited_on, mode)"
                     " VALUES ('v1', 'cs1', '0193ab12-0000-7000-8000-000000000001', '2020-02-20', 'seen')")
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    members = [(r[5], r[6]) for r in rows if r[3] in ("户成员·所属户", "户成员·居民")]
    assert (None, "幸福里小区3栋1单元101室") in members and (None, "王租客") in members
    assert (None, "王家湾组12号") in members and (None, "王大爷") in members
    assert [r[6] for r in rows if r[3] == "关爱对象·居民"] == ["王租客"]
    assert [r[6] for r in rows if r[3] == "关爱走访·居民"] == ["居民（编号尾号00000001，本机没有这条记录）"]
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    refs = ("·所属户", "·居民", "·房东", "·合并到")
    assert [r for r in rows if r[3].endswith(refs)]
    assert not [r for r in rows if r[3].endswith(refs) and uuid.search(f"{r[5]} {r[6]}")]


def test_the_names_of_a_page_of_lines_are_read_with_one_query_per_table(app_ctx, small_community):
    """200,000 lines name households, people, places: read a page of lines at a time, one query
    per table a line is about or names (person, household, compound …), not one per line."""
    from desktop.audit import _refers_to, audit_rows
    entries = audit_trail(app_ctx.db)
    queries = []
    with app_ctx.db.reading() as conn:
        conn.set_trace_callback(queries.append)
        try:
            audit_rows(app_ctx.db, entries)
        finally:
            conn.set_trace_callback(None)
    named = [q for q in queries if q.lstrip().upper().startswith("SELECT")]
    assert len([e for e in entries if e.what in ("membership.person_id", "membership.household_id")]) == 10
    tables = {e.what.partition(".")[0] for e in entries} | {_refers_to(e.what) for e in entries} - {None}
    assert {"person", "household", "compound", "building", "unit", "membership"} <= tables
    assert len(named) <= len(tables), named


def places_gates_passes_and_episodes(app_ctx, small_community):
    """王租客 with a pass through 幸福里东门, an isolation from 2020-02-20 with a follow-up, a care
    listing from 2020-02-01 with a visit, and 张志愿 on a shift at the gate: records whose lines
    name places, a checkpoint, a pass and episodes by their ids. Returns the pass."""
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.passes import issue_pass
    p = small_community["people"]["王租客"]
    gate = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id, "compound_gate")
    gate_pass = issue_pass(app_ctx.db, person_id=p.id, today=DAY)
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, checkpoint_id, direction, person_id, pass_id, outcome, source)"
                     " VALUES ('g1', '2020-02-20T08:00:00', ?, 'out', ?, ?, 'allowed', 'scan')",
                     (gate.id, p.id, gate_pass.id))
        conn.execute("INSERT INTO isolation_episode (id, person_id, kind, start_on, planned_end_on)"
                     " VALUES ('e1', ?, 'observation', '2020-02-20', '2020-03-05')", (p.id,))
        conn.execute("INSERT INTO isolation_followup (id, episode_id, person_id, day, slot, checked_at)"
                     " VALUES ('f1', 'e1', ?, '2020-02-21', 'morning', '2020-02-21T08:00')", (p.id,))
        conn.execute("INSERT INTO care_subject (id, person_id, listed_on) VALUES ('cs1', ?, '2020-02-01')", (p.id,))
        conn.execute("INSERT INTO care_visit (id, subject_id, person_id, visited_on, mode)"
                     " VALUES ('v1', 'cs1', ?, '2020-02-20', 'seen')", (p.id,))
    zhang = DutyBook(app_ctx.db).add_person("张志愿", "13800000001", "volunteer")
    Roster(app_ctx.db).add_shift(zhang.id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    return gate_pass


# What an inspector reads where the audit showed ids: (field, new value) of a line, and the record.
WORDS = {
    "户·小区": "幸福里小区", "户·楼栋": "幸福里小区3栋", "户·单元": "幸福里小区3栋2单元", "卡口·小区": "幸福里小区",
    "出入登记·卡口": "幸福里东门", "出入登记·出入证": "王租客（出入证 {no}）",
    "隔离随访·隔离记录": "王租客（居家隔离，2020-02-20起）", "关爱走访·关爱对象": "王租客（关爱对象，2020-02-01列入）",
    "值班·值守人员": "张志愿", "值班·卡口": "幸福里东门", "值班·开始时间": "2020-02-20 08:00",
    "出入登记·时间": "2020-02-20 08:00:00"}
RECORDS = {"卡口·名称": "幸福里东门", "出入证·证号": "王租客（出入证 {no}）", "居家隔离·开始日期": "王租客（居家隔离，2020-02-20起）",
           "出入登记·进/出": "王租客（出入登记，2020-02-20 08:00）", "值班·岗位": "张志愿（值班，2020-02-20 08:00）",
           "户成员·居民": "张三（户成员，幸福里小区3栋2单元501室）", "单元·编号": "幸福里小区3栋2单元"}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def first_lines(rows, column: int, fields: dict) -> dict:
    """{field: ``column`` of the field's first line} for the fields asked about."""
    found = {}
    for r in rows:
        found.setdefault(r[3], r[column])
    return {k: found.get(k) for k in fields}


def test_places_gates_passes_and_episodes_read_as_words_not_ids(app_ctx, small_community, tmp_path):
    """户·楼栋, 卡口·小区, 出入登记·卡口, 出入登记·出入证, 隔离随访·隔离记录, 关爱走访·关爱对象 showed
    0193ab… ids, and the 记录编号 column every line's id: an inspector can neither read nor quote
    them. They read as the place's address, the checkpoint's name, the pass's holder and number,
    the episode's person and day; the column 记录 names the record the same way; a shift's person
    is 值班·值守人员 (was 值班·居民); a time reads as the line's own time does (2020-02-20 08:00, was
    2020-02-20T08:00). On the page and in the workbook alike."""
    import re
    from desktop.audit import audit_rows
    no = places_gates_passes_and_episodes(app_ctx, small_community).pass_no
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    assert first_lines(rows, 6, WORDS) == {k: v.format(no=no) for k, v in WORDS.items()}
    assert first_lines(rows, 4, RECORDS) == {k: v.format(no=no) for k, v in RECORDS.items()}
    assert "值班·居民" not in {r[3] for r in rows}
    assert not [r for r in rows if re.search(UUID, " ".join(str(c) for c in r))]
    out = tmp_path / "审计.xlsx"
    export_audit(app_ctx.db, out)
    sheet = [[c.value for c in r] for r in load_workbook(out).active.iter_rows(min_row=2)]
    assert sheet[0][4] == "记录" and sheet[0][8] == "个人信息"
    assert first_lines(sheet[1:], 6, WORDS) == {k: v.format(no=no) for k, v in WORDS.items()}
    assert first_lines(sheet[1:], 4, RECORDS) == {k: v.format(no=no) for k, v in RECORDS.items()}
    assert not [r for r in sheet if re.search(UUID, " ".join(str(c) for c in r))]


def test_every_field_a_change_can_touch_has_a_chinese_name(app_ctx):
    """出入证·revoked_reason, 出入登记·voids_id, 通知模板·body, 摸排轮次·from_round_id: fields without
    a label showed as the stored column's English name. Every column of every synced table a
    change line can show reads in Chinese, each field of a record by a name of its own."""
    import re
    from db.sync.registry import SYNC_TABLES
    from desktop.audit import _QUIET, what_label
    with app_ctx.db.reading() as conn:
        fields = [f"{t}.{r[1]}" for t in SYNC_TABLES if t != "audit_event"       # outputs, not changes
                  for r in conn.execute(f'PRAGMA table_info("{t}")') if r[1] not in _QUIET | {"id"}]
    assert len(fields) > 200
    assert [(f, what_label(f)) for f in fields if re.search(r"[A-Za-z_]", what_label(f))] == []
    # and no two fields of one record share a name (关爱走访·帮扶人 twice: the helper, and the name
    # as it was that day)
    labels = [what_label(f) for f in fields]
    assert sorted({label for label in labels if labels.count(label) > 1}) == []


def test_a_canvass_results_answers_read_as_the_people_and_their_yes_answers(app_ctx, small_community):
    """排查结果·回答 showed the stored {"0193ab…": {"fever": true, "arrived": "武汉", …}}: person ids
    and question codes. It reads as each person and what they said yes (or words) to; a household
    where nobody said yes reads 都没有. A round's questions read as the questions (was fever,
    arrived), the round it follows by its name, the results it takes on in words (was
    nobody_home,refused), its buildings by their addresses (was their ids)."""
    import re
    from desktop.audit import audit_rows
    from desktop.canvass.rounds import CanvassBook
    people, [h1, h2, h3] = small_community["people"], small_community["households"]
    book = CanvassBook(app_ctx.db, app_ctx.register)
    rnd = book.create_round("第一轮摸排", DAY, starts_on="2020-02-18")
    book.record_result(rnd.id, h1.id, "visited", DAY, answers={
        people["张三"].id: {"fever": True, "cough": False}, people["李梅"].id: {"arrived": "武汉"}}, canvasser_name="刘大姐")
    book.record_result(rnd.id, h2.id, "visited", DAY, answers={people["王租客"].id: {"fever": False}},
                       canvasser_name="刘大姐")
    book.record_result(rnd.id, h3.id, "nobody_home", DAY, canvasser_name="刘大姐")
    book.create_round("第二轮摸排", DAY, starts_on="2020-02-19", questions=["fever", "arrived"],
                      from_round_id=rnd.id, from_outcomes=("nobody_home", "refused"))
    building = app_ctx.db.conn.execute("SELECT building_id FROM household WHERE id = ?", (h1.id,)).fetchone()[0]
    book.create_round("三栋复查", DAY, starts_on="2020-02-19", scope_kind="building", scope_ids=[building])
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    said = {(r[4], r[3]): r[6] for r in rows if r[3].startswith("摸排轮次·")}
    assert said[("第二轮摸排", "摸排轮次·问题")] == "发热（37.3°C及以上）、近14天从外地返回"
    assert said[("第二轮摸排", "摸排轮次·上一轮")] == "第一轮摸排"
    assert said[("第二轮摸排", "摸排轮次·上一轮结果")] == "无人在家、拒绝"
    assert (said[("三栋复查", "摸排轮次·范围类别")], said[("三栋复查", "摸排轮次·范围")]) == ("楼栋", "幸福里小区3栋")
    answers = [(r[4], r[6]) for r in rows if r[3] == "排查结果·回答"]
    assert answers == [("第一轮摸排 幸福里小区3栋2单元501室", "张三：发热（37.3°C及以上）；李梅：近14天从外地返回：武汉"),
                       ("第一轮摸排 幸福里小区3栋1单元101室", "都没有")]
    assert not [r for r in rows if re.search(UUID, " ".join(str(c) for c in r))]


def test_an_offices_kind_and_an_accounts_role_read_as_their_words(app_ctx):
    """社区·类别 said village, 账号·角色 said gate → staff: the stored codes. They read as the
    words the first run and the accounts page use: 村, 卡口值守 → 工作人员."""
    from desktop.accounts import create_account, create_first_admin, login
    from desktop.accounts.store import set_role
    from desktop.audit import audit_rows
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name, kind) VALUES ('c1', '新民村', 'village')")
    create_first_admin(app_ctx.db, "书记", "admin-pass")
    login(app_ctx.db, "书记", "admin-pass")
    create_account(app_ctx.db, "老李", "gate", "gate-pass")
    set_role(app_ctx.db, "老李", "staff")
    rows = [(r[3], r[5], r[6]) for r in audit_rows(app_ctx.db, audit_trail(app_ctx.db))]
    assert ("社区·类别", None, "村") in rows and ("账号·角色", None, "管理员") in rows
    assert ("账号·角色", "卡口值守", "工作人员") in rows


def test_a_canvass_steps_target_reads_as_the_isolation_care_subject_or_person(app_ctx, small_community):
    """摸排后续处理·处理的记录 showed the id of what a step made or changed (0193ab…). It reads as
    the record in words, whichever of the three it is: the isolation begun (张三（居家隔离，…起）),
    the care subject listed (李梅（关爱对象，…列入）), the person whose status changed (王租客)."""
    import re
    from desktop.audit import audit_rows
    from desktop.canvass.rounds import CanvassBook
    people, [h1, h2, _] = small_community["people"], small_community["households"]
    book = CanvassBook(app_ctx.db, app_ctx.register)
    rnd = book.create_round("第一轮摸排", DAY, starts_on="2020-02-18")
    book.record_result(rnd.id, h1.id, "visited", DAY, answers={
        people["张三"].id: {"fever": True}, people["李梅"].id: {"arrived": "武汉"}}, canvasser_name="刘大姐")
    book.record_result(rnd.id, h2.id, "visited", DAY, answers={people["王租客"].id: {"fever": True}},
                       canvasser_name="刘大姐")
    book.take_step(rnd.id, h1.id, people["张三"].id, "isolation", DAY)
    book.take_step(rnd.id, h1.id, people["李梅"].id, "care", DAY, categories=("elder_alone",))
    book.take_step(rnd.id, h2.id, people["王租客"].id, "status", DAY, status="observation")
    rows = audit_rows(app_ctx.db, audit_trail(app_ctx.db))
    targets = [r[6] for r in rows if r[3] == "摸排后续处理·处理的记录"]
    assert targets == ["张三（居家隔离，2020-02-20起）", "李梅（关爱对象，2020-02-20列入）", "王租客"]
    assert not [r for r in rows if re.search(UUID, " ".join(str(c) for c in r))]
