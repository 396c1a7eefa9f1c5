"""Passes: issuing, the QR check code, forged and revoked passes, the list the paper issue prints."""
from datetime import date, timedelta

import pytest

from desktop.errors import InputError
from desktop.gate import passes
from desktop.gate.subjects import lookup

TODAY = date(2026, 12, 4)        # the day these tests issue, print and check passes on


def test_qr_of_an_issued_pass_finds_its_holder(gate):
    db, zhang = gate["db"], gate["people"]["张三"]
    p = passes.issue_pass(db, person_id=zhang.id)
    assert p.pass_no.startswith(db.site.site_code + "-") and p.holder_name == "张三"
    [printable] = passes.passes_to_print(db)
    assert printable.qr_text.startswith(f"MS1:{p.pass_no}:")
    assert passes.verify_qr(db, printable.qr_text) == p
    # A scanner with caps lock, or a Chinese input method's full-width colon, still reads.
    assert passes.verify_qr(db, printable.qr_text.lower().replace(":", "：", 1)) == p


def test_hand_made_or_edited_codes_are_refused(gate):
    db = gate["db"]
    passes.issue_pass(db, person_id=gate["people"]["张三"].id)
    other = passes.issue_pass(db, person_id=gate["people"]["李梅"].id)
    qr = passes.passes_to_print(db)[0].qr_text
    number, code = qr.split(":")[1], qr.split(":")[2]
    edited = f"MS1:{other.pass_no}:{code}"                  # photocopied, then the number changed
    hand_made = f"MS1:{number}:{'A' * len(code)}"
    for text in (edited, hand_made, f"MS1:{number[:-1]}9:{code}"):
        with pytest.raises(passes.PassRefused) as e:
            passes.verify_qr(db, text)
        assert "伪造" in e.value.message or "没有这张证" in e.value.message


def test_a_pass_issued_at_the_office_after_the_laptops_last_sync_is_not_called_forged(gate):
    """The office issued and printed a pass after the gate laptop's last sync (its first pass
    made the community's secret too): the laptop called the resident's pass 'not ours, maybe
    forged'. It says where the pass is from and to register by name and sync."""
    db = gate["db"]
    with db.transaction() as conn:           # the office's laptop, as the last sync recorded it
        conn.execute("INSERT INTO sync_peer (site_id, site_code, site_name, role, first_seen)"
                     " VALUES ('office-site', 'S7777', 'S7777', 'office', '2026-12-07T08:00:00')")
    with pytest.raises(passes.PassRefused) as e:
        passes.verify_qr(db, passes.qr_text(bytes(range(32)), "S7777-0001"))
    said = e.value.message
    # Named as the sync page lists the machines (machine_name, the one rule): a machine never
    # named by its code alone. It was 另一台电脑（S7777）, a name no list of machines shows.
    assert "是S7777这台电脑发的" in said and "还没有收到" in said and "同步" in said
    assert "另一台电脑" not in said and "伪造" not in said and "姓名" in said
    # Named there, said by its name (not 社区办公室电脑, said of every machine, the gate's too).
    with db.transaction() as conn:
        conn.execute("UPDATE sync_peer SET site_name = '村委会办公室' WHERE site_id = 'office-site'")
    with pytest.raises(passes.PassRefused) as e:
        passes.verify_qr(db, passes.qr_text(bytes(range(32)), "S7777-0001"))
    assert "是村委会办公室（S7777）这台电脑发的" in e.value.message


def test_code_keyed_with_another_communitys_secret_is_refused(gate, tmp_path):
    from desktop.app import open_app
    other = open_app(tmp_path / "other.db")
    try:
        secret = bytes(32)
        forged = passes.qr_text(secret, "S0000-0001")
        with pytest.raises(passes.PassRefused) as e:
            passes.verify_qr(gate["db"], forged)
        # A neighbouring community's pass is said as such (it was 'forged or edited').
        assert "不是本社区发的" in e.value.message and "访客" in e.value.message
    finally:
        other.close()


def test_revoked_and_expired_passes_are_refused(gate):
    db = gate["db"]
    p = passes.issue_pass(db, household_id=gate["households"][0].id, today=TODAY)
    qr = passes.passes_to_print(db, today=TODAY)[0].qr_text
    passes.revoke_pass(db, p.id, "遗失补办")
    with pytest.raises(passes.PassRefused) as e:
        passes.verify_qr(db, qr, today=TODAY)
    assert "已作废" in e.value.message and "遗失补办" in e.value.message
    assert passes.passes_to_print(db, today=TODAY) == []
    later = TODAY + timedelta(days=40)
    q = passes.issue_pass(db, household_id=gate["households"][0].id, today=TODAY)
    with pytest.raises(passes.PassRefused) as e:
        passes.verify_qr(db, passes.passes_to_print(db, today=TODAY)[0].qr_text, today=later)
    assert "过期" in e.value.message and q.valid_to in e.value.message


def test_one_valid_pass_at_a_time_and_dates_checked(gate):
    db, hh = gate["db"], gate["households"][0]
    passes.issue_pass(db, household_id=hh.id)
    with pytest.raises(InputError) as e:
        passes.issue_pass(db, household_id=hh.id)
    assert "已经有有效的出入证" in e.value.message
    with pytest.raises(InputError) as e:
        passes.issue_pass(db, person_id=gate["people"]["张三"].id, valid_from="2020-02-10", valid_to="2020-02-01")
    assert "不能早于" in e.value.message
    with pytest.raises(InputError):
        passes.issue_pass(db, household_id=hh.id, person_id=gate["people"]["张三"].id)


def test_passes_to_print_in_ledger_order_with_household_and_address(gate):
    db = gate["db"]
    holders = [(h, None) for h in passes.households_without_pass(db, today=TODAY)]
    assert len(holders) == 3
    passes.issue_passes(db, holders, valid_from=TODAY.isoformat(), valid_to="2099-01-01", today=TODAY)
    printed = passes.passes_to_print(db, compound_id=gate["compound"].id, today=TODAY)
    assert [(p.holder_name, p.address, p.for_household) for p in printed] == [
        ("王租客", "幸福里小区 3栋1单元101", True), ("张三", "幸福里小区 3栋2单元501", True)]
    assert all(p.valid_to == "2099-01-01" and p.qr_text.startswith("MS1:") for p in printed)
    assert passes.households_without_pass(db, today=TODAY) == []


def test_secret_is_a_replicated_row_so_sync_carries_it(gate):
    db = gate["db"]
    passes.issue_pass(db, person_id=gate["people"]["张三"].id)
    with db.reading() as conn:
        tables = {r[0] for r in conn.execute("SELECT tbl FROM sync_change")}
    assert {"gate_secret", "gate_pass"} <= tables


def test_typed_pass_number_finds_the_pass_and_checks_it(gate):
    db = gate["db"]
    p = passes.issue_pass(db, household_id=gate["households"][0].id)
    found = lookup(db, p.pass_no.lower())
    assert found.subjects[0].kind == "household" and not found.refused and not found.scanned
    passes.revoke_pass(db, p.id, "户内有人隔离")
    assert "已作废" in lookup(db, p.pass_no).refused


def test_a_scanners_aim_identifier_is_no_part_of_the_code_nor_of_the_field_it_ran_into():
    """']Q1' (QR) before the pass: a visitor form's name field kept 'wang]Q1'."""
    assert passes.split_trailing_qr("wang]Q1MS1:S0001-0001:ABCDEFGHIJ") == ("wang", "MS1:S0001-0001:ABCDEFGHIJ")
    assert passes.parse_qr(" ]Q1MS1:S0001-0001:ABCDEFGHIJ ") == ("S0001-0001", "ABCDEFGHIJ")


def test_a_phone_in_a_revoked_pass_s_reason_is_masked_for_the_gate(gate):
    """An office revoked a pass 遗失补办，失主电话13912345678; a guard scanning it (or typing its
    number) read the phone whole on the card's refusal, while the gate sees every other phone
    masked. Now 139****5678 for the gate account; the office still reads it whole."""
    from desktop.accounts import create_account, create_first_admin, login
    db = gate["db"]
    p = passes.issue_pass(db, person_id=gate["people"]["张三"].id)
    [printable] = passes.passes_to_print(db)
    passes.revoke_pass(db, p.id, "遗失补办，失主电话13912345678")
    create_first_admin(db, "书记", "admin-pass")
    login(db, "书记", "admin-pass")
    create_account(db, "老李", "gate", "gate-pass")
    assert "失主电话13912345678" in lookup(db, printable.qr_text).refused
    login(db, "老李", "gate-pass")
    for typed in (printable.qr_text, p.pass_no):
        refused = lookup(db, typed).refused
        assert "已作废：遗失补办，失主电话139****5678" in refused and "13912345678" not in refused


def test_a_pass_issued_at_midnight_starts_on_the_day_it_was_issued(gate, monkeypatch):
    """The first day of a pass and its issue's time were two readings of the clock: issued at
    midnight, it was stamped issued on the new day and valid from the one before."""
    monkeypatch.setattr(passes, "now_text", lambda: "2026-12-05T00:00:00")
    p = passes.issue_pass(gate["db"], household_id=gate["households"][0].id)
    with gate["db"].reading() as conn:
        issued = conn.execute("SELECT issued_at FROM gate_pass WHERE pass_no = ?", (p.pass_no,)).fetchone()[0]
    assert (p.valid_from, p.valid_to, issued) == ("2026-12-05", "2027-01-04", "2026-12-05T00:00:00")
