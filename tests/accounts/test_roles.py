"""What each role may do, enforced in desktop/ (not by hiding buttons)."""
from datetime import date

import pytest

from desktop.accounts import PermissionDenied, login
from desktop.errors import InputError


def as_user(app, name):
    login(app.db, name, {"书记": "admin-pass", "小王": "staff-pass", "老李": "gate-pass"}[name])
    return app


def test_gate_sees_name_address_masked_id_and_may_go_out_only(accounts, small_community):
    from desktop.gate.subjects import lookup
    as_user(accounts, "老李")
    found = lookup(accounts.db, "张三")
    subject = found.subjects[0]
    number = small_community["people"]["张三"].id_number
    assert subject.name == "张三" and "3" in subject.address
    assert subject.id_masked == number[:4] + "**********" + number[-4:]
    assert number not in repr(found) and "13800130001" not in repr(found)   # no full ID, no phone
    assert subject.must_stay_in is False


def test_gate_cannot_read_people_phones_care_or_isolation(accounts, small_community):
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.search import search_people
    as_user(accounts, "老李")
    person = small_community["people"]["张三"]
    for attempt in (lambda: accounts.register.person(person.id),           # phone, ID, notes
                    lambda: search_people(accounts.db, "张三"),
                    lambda: accounts.register.people_in(None),
                    lambda: CareBook(accounts.db, accounts.register),         # care categories
                    lambda: IsolationBook(accounts.db, accounts.register)):   # isolation details
        with pytest.raises(PermissionDenied, match="老李.*卡口值守"):
            attempt()


def test_gate_cannot_export_or_print_any_list(accounts, tmp_path):
    from desktop.excel.lists import LISTS, export_list
    from desktop.printing.catalogue import FORMS, PrintRequest, print_form
    as_user(accounts, "老李")
    for name in LISTS:
        with pytest.raises(PermissionDenied, match="导出或打印"):
            export_list(accounts, name, tmp_path / f"{name}.xlsx", masked=True)
    for form in FORMS:
        with pytest.raises(PermissionDenied, match="导出或打印"):
            print_form(accounts.register, PrintRequest(form, masked=True), tmp_path / f"{form}.pdf")
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.pdf"))


def test_gate_cannot_change_the_register_settings_or_read_the_audit(accounts, small_community):
    from desktop.audit import audit_trail
    from desktop.settings import set_setting
    as_user(accounts, "老李")
    with pytest.raises(PermissionDenied):
        accounts.register.set_status(small_community["people"]["张三"].id, "away", "外出")
    with pytest.raises(PermissionDenied):
        set_setting(accounts.db, "office_phone", "110")
    with pytest.raises(PermissionDenied):
        audit_trail(accounts.db)
    set_setting(accounts.db, "language", "en")              # the machine's own preference


def test_gate_cannot_add_change_or_remove_checkpoints_or_set_the_household_rule(accounts):
    from desktop.gate import checkpoints, rule
    gate = checkpoints.add_checkpoint(accounts.db, "东门")       # the demo's implicit admin
    as_user(accounts, "老李")
    for attempt in (lambda: checkpoints.add_checkpoint(accounts.db, "西门"),
                    lambda: checkpoints.change_checkpoint(accounts.db, gate.id, "东们", None, gate.kind, True),
                    lambda: checkpoints.remove_checkpoint(accounts.db, gate.id),
                    lambda: rule.set_household_rule(accounts.db, 1, 2)):
        with pytest.raises(PermissionDenied, match="老李.*修改户籍登记"):
            attempt()
    assert [(c.name, c.kind) for c in checkpoints.checkpoints(accounts.db)] == [("东门", gate.kind)]
    assert rule.household_rule(accounts.db).people_per_household == 0


def test_staff_use_the_register_and_export_masked_only(accounts, small_community, tmp_path):
    import openpyxl
    from desktop.audit import audit_trail
    from desktop.excel.lists import export_list
    from desktop.sync.exchange import export_package
    as_user(accounts, "小王")
    person = small_community["people"]["张三"]
    assert accounts.register.person(person.id).phone == "13800130001"
    accounts.register.set_status(person.id, "away", "外出务工")
    export_list(accounts, "register", tmp_path / "r.xlsx")             # masked by default
    cells = [c for row in openpyxl.load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True)
             for c in row if c]
    assert person.id_number not in cells and "13800130001" not in cells
    with pytest.raises(PermissionDenied, match="不隐去号码"):
        export_list(accounts, "register", tmp_path / "full.xlsx", masked=False, reason="上级要")
    for attempt in (lambda: audit_trail(accounts.db), lambda: export_package(accounts.db, tmp_path, "口令口令口令")):
        with pytest.raises(PermissionDenied):
            attempt()


def test_an_admin_full_export_asks_a_reason_which_is_audited(accounts, small_community, tmp_path):
    import openpyxl
    from desktop.audit import audit_trail
    from desktop.excel.lists import export_list
    person = small_community["people"]["张三"]
    with pytest.raises(InputError, match="写明用途"):
        export_list(accounts, "register", tmp_path / "full.xlsx", masked=False)
    assert not (tmp_path / "full.xlsx").exists()
    export_list(accounts, "register", tmp_path / "full.xlsx", masked=False, reason="街道核对名单")
    cells = [c for row in openpyxl.load_workbook(tmp_path / "full.xlsx").active.iter_rows(values_only=True)
             for c in row]
    assert person.id_number in cells
    with accounts.db.reading() as conn:
        row = conn.execute("SELECT user_name, masked, reason FROM audit_event WHERE target = 'register'").fetchone()
    assert row == ("书记", 0, "街道核对名单")
    assert any(e.action == "export" and e.user_name == "书记" for e in audit_trail(accounts.db))


def test_an_admin_print_of_a_full_household_sheet_asks_a_reason(accounts, small_community, tmp_path):
    from desktop.printing.catalogue import PrintRequest, print_form
    with pytest.raises(InputError, match="写明用途"):
        print_form(accounts.register, PrintRequest("household-sheet", masked=False), tmp_path / "h.pdf")
    print_form(accounts.register, PrintRequest("household-sheet", masked=False, reason="入户核查"), tmp_path / "h.pdf")
    with accounts.db.reading() as conn:
        assert conn.execute("SELECT masked, reason FROM audit_event").fetchall() == [(0, "入户核查")]


def test_changes_are_audited_under_the_logged_in_name(accounts, small_community):
    from desktop.audit import audit_trail
    as_user(accounts, "小王")
    person = small_community["people"]["张三"]
    accounts.register.set_status(person.id, "away", "外出务工")
    as_user(accounts, "书记")
    changes = [e for e in audit_trail(accounts.db, person_id=person.id) if e.what == "person.status"]
    assert changes[-1].user_name == "小王" and (changes[-1].old, changes[-1].new) == ("healthy", "away")


def test_gate_sees_returning_visitors_masked_and_keeps_their_numbers(accounts):
    from desktop.gate.visitors import VisitorForm, find_returning, save_visitor, search_visitors, visitor
    first = save_visitor(accounts.db, VisitorForm("刘师傅", "13900001234", "420106195803070016", "青山区",
                                                  "维修", "3-2-501").validate())
    as_user(accounts, "老李")
    shown = find_returning(accounts.db, phone="13900001234")
    assert shown.phone == "139****1234" and shown.id_number == "4201**********0016"
    assert [v.phone for v in search_visitors(accounts.db, "刘师傅")] == ["139****1234"]
    # The guard saves the filled form untouched: the stored numbers stay, nothing masked is stored.
    form = VisitorForm(shown.full_name, shown.phone, shown.id_number, shown.from_place, "送药", "3-1-101")
    again = save_visitor(accounts.db, form.validate(keep_masked=True), shown.id)
    assert again.id == first.id
    half = VisitorForm(shown.full_name, "139****12", shown.id_number, "", "送药", "3-1-101")
    with pytest.raises(InputError, match="电话里有 \\* 号"):
        save_visitor(accounts.db, half.validate(keep_masked=True), shown.id)
    as_user(accounts, "小王")
    stored = visitor(accounts.db, first.id)
    assert (stored.phone, stored.id_number) == ("13900001234", "420106195803070016")


def test_gate_sees_who_is_on_duty_by_name_but_not_the_roster(accounts, small_community):
    from datetime import datetime, timedelta
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster, on_duty_at
    from desktop.gate.checkpoints import add_checkpoint
    gate = add_checkpoint(accounts.db, "幸福里小区大门", small_community["compound"].id)
    helper = DutyBook(accounts.db).add_person("张志愿", "13800000001", "volunteer")
    now = datetime.now()
    Roster(accounts.db).add_shift(helper.id, "gate", now.date(), "00:00", "23:59", checkpoint_id=gate.id)
    as_user(accounts, "老李")
    at = now.replace(hour=12, minute=0)
    assert on_duty_at(accounts.db, gate.id, at).names == ("张志愿",)
    assert [s.phone for s in Roster(accounts.db).on_duty(at, gate.id)] == [""]
    for attempt in (lambda: Roster(accounts.db).week(now.date()),
                    lambda: Roster(accounts.db).hours(at - timedelta(days=1), at),
                    lambda: Roster(accounts.db).add_shift(helper.id, "gate", now.date(), "08:00", "09:00",
                                                          checkpoint_id=gate.id),
                    lambda: DutyBook(accounts.db)):
        with pytest.raises(PermissionDenied):
            attempt()
    as_user(accounts, "小王")
    assert [s.phone for s in Roster(accounts.db).week(now.date())] == ["13800000001"]


def test_the_roles_described_are_named_as_the_program_names_them():
    """roles.py's description said 社区工作者 and 社区书记 where the login, the accounts page and
    the audit say 工作人员 and 管理员: each role is described under the name users see."""
    from desktop.accounts import roles
    for role, name in roles.ROLE_NAMES.items():
        assert f"**{role}** ({name}" in roles.__doc__
