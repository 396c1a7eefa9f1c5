"""Every write to the register lands in the change log, in the right field groups, or not at all."""
import dataclasses
import hashlib
import json
import sqlite3

import pytest

from db.sync.capture import canonical_json
from db.sync.registry import APPEND, LWW, SYNC_TABLES
from db.sync.versions import row_versions
from desktop.register import HouseholdForm, PersonForm

NAME = {"full_name", "name_pinyin", "name_initials"}
ADDRESS = {"compound_id", "building_id", "unit_id", "room", "address_text"}
STATUS = {"status", "status_reason", "status_since", "status_by"}


@pytest.fixture
def place(reg):
    c = reg.add_compound("幸福里")
    hh = reg.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="501"))
    return c, hh


@pytest.fixture
def person(reg, place, make_id):
    return reg.add_person(PersonForm(full_name="张三", id_number=make_id(), phone="13800138000"),
                          place[1].id, "head")


def edit(reg, p, **changes):
    form = dataclasses.replace(PersonForm.from_person(p), **changes)
    return reg.update_person(p.id, form)


def of(rows, tbl, row_id=None):
    return [r for r in rows if r["tbl"] == tbl and (row_id is None or r["row_id"] == row_id)]


# -- inserts --------------------------------------------------------------------------------

def test_adding_a_compound_records_one_change_with_all_groups(reg, db, changes):
    c = reg.add_compound("幸福里", address="解放大道1号")
    rows = changes(db)
    assert len(rows) == 1
    row = rows[0]
    assert (row["tbl"], row["row_id"], row["kind"]) == ("compound", c.id, "patch")
    assert row["cols"]["name"] == {"name": "幸福里"}
    assert row["cols"]["address"] == {"address": "解放大道1号"}
    assert row["cols"]["created"]["created_site"] == db.site.site_id
    assert row["cols"]["is_deleted"] == {"is_deleted": 0}
    assert row["base"] == {}                  # no group had a version to replace
    assert row["site_id"] == db.site.site_id
    assert row["user_name"] == "tester"
    assert row["wall_time"]


def test_adding_a_household_records_building_unit_and_household(reg, db, changes):
    c = reg.add_compound("幸福里")
    seq = len(changes(db))
    hh = reg.add_household(HouseholdForm(compound_id=c.id, building="3号楼", unit="2单元", room="501室"))
    rows = changes(db, after=seq)
    assert [r["tbl"] for r in rows] == ["building", "unit", "household"]
    household = of(rows, "household", hh.id)[0]
    # A new row's change leaves NULLs out: no address text was typed, so it is not sent.
    assert set(household["cols"]["address"]) == ADDRESS - {"address_text"}
    assert household["cols"]["address"]["room"] == "501"
    assert household["cols"]["address"]["building_id"] == hh.building_id
    assert of(rows, "building")[0]["cols"]["number"] == {"number": "3"}
    assert of(rows, "unit")[0]["cols"]["number"] == {"number": "2"}


def test_adding_a_person_records_person_and_membership(reg, db, place, make_id, changes):
    seq = len(changes(db))
    p = reg.add_person(PersonForm(full_name="张 三", id_number=make_id().lower()), place[1].id, "head")
    rows = changes(db, after=seq)
    assert [r["tbl"] for r in rows] == ["person", "membership"]
    person_row, membership = rows
    assert person_row["row_id"] == p.id
    assert set(person_row["cols"]["name"]) == NAME
    assert person_row["cols"]["name"]["full_name"] == "张三"
    assert person_row["cols"]["name"]["name_initials"].split()[0] == "zs"
    assert person_row["cols"]["idno"]["id_number"] == make_id()
    assert set(person_row["cols"]["status"]) == {"status", "status_since"}        # reason, by: NULL
    assert "note" not in person_row["cols"] and "work_place" not in person_row["cols"]   # all NULL
    assert membership["cols"]["link"] == {"household_id": place[1].id, "person_id": p.id}
    assert membership["cols"]["relation"] == {"relation": "head"}


# -- edits ----------------------------------------------------------------------------------

def test_editing_only_the_phone_records_exactly_the_phone_group(reg, db, person, changes):
    seq = len(changes(db))
    edit(reg, person, phone="139 0013 9000")
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert rows[0]["tbl"] == "person" and rows[0]["row_id"] == person.id
    assert rows[0]["kind"] == "patch"
    assert rows[0]["cols"] == {"phone": {"phone": "13900139000"}}


def test_editing_the_name_records_name_and_pinyin_together(reg, db, person, changes):
    seq = len(changes(db))
    edit(reg, person, full_name="李四")
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert set(rows[0]["cols"]) == {"name"}
    assert rows[0]["cols"]["name"]["full_name"] == "李四"
    assert rows[0]["cols"]["name"]["name_pinyin"] == "lisi"
    assert rows[0]["cols"]["name"]["name_initials"].split()[0] == "ls"
    assert set(rows[0]["cols"]["name"]) == NAME


def test_editing_two_groups_records_one_change_with_both(reg, db, person, changes):
    seq = len(changes(db))
    edit(reg, person, phone="13900139000", note="独居老人")
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert rows[0]["cols"] == {"phone": {"phone": "13900139000"}, "note": {"note": "独居老人"}}


def test_changing_building_and_room_records_the_whole_address_group(reg, db, place, changes):
    c, hh = place
    seq = len(changes(db))
    moved = reg.update_household(hh.id, HouseholdForm(compound_id=c.id, building="5", unit="1", room="302"))
    rows = changes(db, after=seq)
    household = of(rows, "household", hh.id)
    assert len(household) == 1
    assert set(household[0]["cols"]) == {"address"}
    address = household[0]["cols"]["address"]
    assert set(address) == ADDRESS
    assert address["building_id"] == moved.building_id != hh.building_id
    assert address["unit_id"] == moved.unit_id != hh.unit_id
    assert address["room"] == "302"
    assert address["compound_id"] == c.id          # unchanged, but travels with its group
    assert address["address_text"] is None
    assert {r["tbl"] for r in rows} == {"building", "unit", "household"}


def test_changing_only_the_room_records_the_whole_address_group(reg, db, place, changes):
    c, hh = place
    seq = len(changes(db))
    reg.update_household(hh.id, HouseholdForm(compound_id=c.id, building="3", unit="2", room="502"))
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert set(rows[0]["cols"]) == {"address"}
    assert rows[0]["cols"]["address"] == {"compound_id": c.id, "building_id": hh.building_id,
                                          "unit_id": hh.unit_id, "room": "502", "address_text": None}


def test_changing_tenure_records_the_tenure_group(reg, db, place, changes):
    c, hh = place
    seq = len(changes(db))
    reg.update_household(hh.id, HouseholdForm(compound_id=c.id, building="3", unit="2", room="501",
                                              tenure="rented", landlord_name="赵房东"))
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert set(rows[0]["cols"]) == {"tenure"}
    assert rows[0]["cols"]["tenure"] == {"tenure": "rented", "landlord_person_id": None,
                                         "landlord_name": "赵房东", "landlord_phone": None}


def test_an_update_that_changes_nothing_records_nothing(reg, db, place, person, changes):
    before = changes(db)
    edit(reg, person)
    c, hh = place
    reg.update_household(hh.id, HouseholdForm(compound_id=c.id, building="3号楼", unit="2", room="501室"))
    with db.transaction() as conn:
        conn.execute("UPDATE person SET phone = phone WHERE id = ?", (person.id,))
    assert changes(db) == before
    assert db.conn.execute("SELECT next_seq FROM sync_site WHERE is_current = 1").fetchone()[0] == len(before) + 1


# -- soft delete, status --------------------------------------------------------------------

def test_removing_a_person_records_is_deleted_on_person_and_membership(reg, db, person, changes):
    seq = len(changes(db))
    reg.remove_person(person.id)
    rows = changes(db, after=seq)
    assert [r["tbl"] for r in rows] == ["person", "membership"]
    assert rows[0]["cols"] == {"is_deleted": {"is_deleted": 1}}
    assert rows[0]["row_id"] == person.id
    assert rows[1]["cols"] == {"is_deleted": {"is_deleted": 1}}
    # The row is still in the table: a tombstone, not a delete.
    assert db.conn.execute("SELECT is_deleted FROM person WHERE id = ?", (person.id,)).fetchone() == (1,)


def test_removing_a_household_records_is_deleted(reg, db, place, changes):
    seq = len(changes(db))
    reg.remove_household(place[1].id)
    rows = changes(db, after=seq)
    assert len(rows) == 1
    assert (rows[0]["tbl"], rows[0]["cols"]) == ("household", {"is_deleted": {"is_deleted": 1}})


def test_moving_a_person_tombstones_the_old_link_and_records_the_new(reg, db, place, person, changes):
    c, _ = place
    other = reg.add_household(HouseholdForm(compound_id=c.id, building="4", room="101"))
    seq = len(changes(db))
    reg.move_person(person.id, other.id, "tenant")
    rows = of(changes(db, after=seq), "membership")
    assert len(rows) == 2
    old, new = rows
    assert old["cols"] == {"is_deleted": {"is_deleted": 1}}
    assert new["cols"]["link"] == {"household_id": other.id, "person_id": person.id}
    assert new["cols"]["relation"] == {"relation": "tenant"}


def test_set_status_records_status_group_and_an_insert_into_the_history(reg, db, person, changes):
    seq = len(changes(db))
    reg.set_status(person.id, "home_isolation", "密接，社区通知居家隔离")
    rows = changes(db, after=seq)
    assert [(r["tbl"], r["kind"]) for r in rows] == [("person", "patch"), ("status_change", "insert")]
    status = rows[0]["cols"]
    assert set(status) == {"status"}
    assert set(status["status"]) == STATUS
    assert status["status"]["status"] == "home_isolation"
    assert status["status"]["status_reason"] == "密接，社区通知居家隔离"
    assert status["status"]["status_by"] == "tester"
    history = rows[1]["cols"]
    assert history["person_id"] == {"person_id": person.id}
    assert history["old_status"] == {"old_status": "healthy"}
    assert history["new_status"] == {"new_status": "home_isolation"}
    assert history["changed_by"] == {"changed_by": "tester"}


def test_add_travel_records_an_insert(reg, db, person, changes):
    seq = len(changes(db))
    reg.add_travel(person.id, "武汉", "2020-01-20", "火车")
    rows = changes(db, after=seq)
    assert [(r["tbl"], r["kind"]) for r in rows] == [("travel_record", "insert")]
    assert rows[0]["cols"]["from_place"] == {"from_place": "武汉"}


# -- sequence, base, hash -------------------------------------------------------------------

def _busy(reg, place, person):
    c, hh = place
    p = edit(reg, person, phone="13900139000")
    p = edit(reg, p, phone="13700137000")
    edit(reg, p, full_name="张三丰")
    reg.set_status(person.id, "observation", "发热")
    reg.add_household(HouseholdForm(compound_id=c.id, building="4", room="101"))
    reg.update_household(hh.id, HouseholdForm(compound_id=c.id, building="3", unit="2", room="502"))
    reg.remove_person(person.id)


def test_seq_is_contiguous_from_one_for_the_site(reg, db, place, person, changes):
    _busy(reg, place, person)
    rows = changes(db)
    seqs = sorted(r["seq"] for r in rows)
    assert seqs == list(range(1, len(rows) + 1))
    assert {r["site_id"] for r in rows} == {db.site.site_id}
    # Seq order and stamp order agree.
    assert [r["seq"] for r in rows] == seqs
    site = db.conn.execute("SELECT next_seq FROM sync_site WHERE site_id = ?", (db.site.site_id,)).fetchone()
    assert site == (len(rows) + 1,)
    known = db.conn.execute("SELECT max_seq FROM sync_knowledge WHERE site_id = ?", (db.site.site_id,)).fetchone()
    assert known == (len(rows),)


def test_base_of_an_edit_points_at_the_previous_change_of_that_group(reg, db, person, changes):
    site = db.site.site_id
    insert = of(changes(db), "person", person.id)[0]
    p = edit(reg, person, phone="13900139000")
    first = of(changes(db), "person", person.id)[-1]
    assert first["base"] == {"phone": [[site, insert["seq"]]]}
    p = edit(reg, p, phone="13700137000")
    second = of(changes(db), "person", person.id)[-1]
    assert second["base"] == {"phone": [[site, first["seq"]]]}
    edit(reg, p, full_name="张三丰")
    renamed = of(changes(db), "person", person.id)[-1]
    assert renamed["base"] == {"name": [[site, insert["seq"]]]}      # not the phone edits
    cells, heads = row_versions(db.conn, "person", person.id)
    assert cells["phone"][1:] == (site, second["seq"])
    assert cells["name"][1:] == (site, renamed["seq"])
    assert heads["phone"] == {(site, second["seq"])}     # the earlier phones are superseded
    assert heads["idno"] == {(site, insert["seq"])}


def test_content_sha256_is_the_hash_of_the_canonical_change(reg, db, place, person, changes):
    _busy(reg, place, person)
    rows = changes(db)
    assert rows
    for r in rows:
        body = {k: r[k] for k in ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base",
                                  "schema_version")}
        expected = hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
        assert r["content_sha256"] == expected
        # The stored cols/base are already canonical JSON.
        stored = db.conn.execute("SELECT cols, base FROM sync_change WHERE site_id = ? AND seq = ?",
                                 (r["site_id"], r["seq"])).fetchone()
        assert stored == (canonical_json(r["cols"]), canonical_json(r["base"]))


def test_tampering_with_a_change_breaks_its_hash(reg, db, person, changes):
    r = changes(db)[0]
    body = {k: r[k] for k in ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base",
                              "schema_version")}
    body["cols"] = json.loads(json.dumps(body["cols"]))
    body["cols"]["is_deleted"] = {"is_deleted": 1}
    assert hashlib.sha256(canonical_json(body).encode()).hexdigest() != r["content_sha256"]


# -- guards ---------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["person", "household", "compound", "membership"])
def test_raw_delete_of_a_register_row_is_refused(db, place, person, table):
    before = db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        with db.transaction() as conn:
            conn.execute(f"DELETE FROM {table}")
    assert db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before > 0


def test_changing_a_row_id_is_refused(db, person):
    with pytest.raises(sqlite3.DatabaseError, match="never changes"):
        with db.transaction() as conn:
            conn.execute("UPDATE person SET id = 'other' WHERE id = ?", (person.id,))


def test_status_history_is_append_only(reg, db, person, changes):
    reg.set_status(person.id, "home_isolation", "密接")
    before = changes(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with db.transaction() as conn:
            conn.execute("UPDATE status_change SET reason = '改过了'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with db.transaction() as conn:
            conn.execute("DELETE FROM status_change")
    assert [h.reason for h in reg.status_history(person.id)] == ["密接"]
    assert changes(db) == before


def test_failed_transaction_leaves_no_change_and_no_gap(reg, db, place, make_id, changes):
    before = changes(db)
    with pytest.raises(RuntimeError):
        with db.transaction():
            reg.add_person(PersonForm(full_name="王五", id_number=make_id(order=5)), place[1].id, "spouse")
            reg.add_compound("半途而废")
            raise RuntimeError("power cut")
    assert changes(db) == before
    assert reg.people_in(None) == []
    assert [c.name for c in reg.compounds()] == ["幸福里"]
    reg.add_compound("真的保存")
    after = changes(db)
    assert [r["seq"] for r in after] == list(range(1, len(before) + 2))


def test_a_refused_write_leaves_no_change(reg, db, person, make_id, changes):
    from desktop.errors import DuplicatePersonError
    before = changes(db)
    with pytest.raises(DuplicatePersonError):
        reg.add_person(PersonForm(full_name="张三的替身", id_number=make_id()))
    assert changes(db) == before


def test_writes_without_menshen_functions_fail(db, person, tmp_path):
    db.close()
    plain = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            plain.execute("UPDATE person SET phone = '13900000000' WHERE id = ?", (person.id,))
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            plain.execute("INSERT INTO compound (id, name) VALUES ('x', '偷偷加的')")
        with pytest.raises(sqlite3.OperationalError, match="no such function"):
            plain.execute("UPDATE household SET note = '偷偷改的'")
        assert plain.execute("SELECT phone FROM person WHERE id = ?", (person.id,)).fetchone() == ("13800138000",)
        assert plain.execute("SELECT count(*) FROM compound WHERE id = 'x'").fetchone() == (0,)
    finally:
        plain.close()


def test_writes_by_the_sync_importer_are_not_recorded(reg, db, person, changes):
    before = changes(db)
    db.recorder.applying = 1
    try:
        with db.transaction() as conn:
            conn.execute("UPDATE person SET phone = '13900139000' WHERE id = ?", (person.id,))
    finally:
        db.recorder.applying = 0
    assert changes(db) == before
    assert reg.person(person.id).phone == "13900139000"


def test_capture_triggers_exist_for_every_registered_table(db):
    conn = db.conn
    schema_tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    covered = [t for t in SYNC_TABLES.values() if t.name in schema_tables]
    assert {t.name for t in covered} >= {"community", "grid", "compound", "building", "unit", "household",
                                         "person", "membership", "status_change", "travel_record"}
    for table in covered:
        expected = {f"sync_{table.name}_ins", f"sync_{table.name}_upd", f"sync_{table.name}_del"}
        if table.kind == LWW:
            expected.add(f"sync_{table.name}_key")
        else:
            assert table.kind == APPEND
        assert expected <= triggers, table.name


def test_every_register_table_with_tombstones_is_registered(db):
    """A new data table that forgets the registry would silently never sync."""
    conn = db.conn
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                        " AND name NOT LIKE 'sqlite_%'")]
    for name in names:
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({name})")}
        if "created_site" in cols:
            assert name in SYNC_TABLES, name


def test_numbering_continues_across_a_write_outside_a_transaction_and_a_reopen(
        reg, db, place, changes, opener):
    """Changes are numbered when their transaction commits; writes made without one, and a
    database opened again, must still number on without a gap or a reuse."""
    db.conn.execute("UPDATE compound SET name = '幸福里（东）' WHERE id = ?", (place[0].id,))
    reg.add_compound("第二个")
    seqs = [r["seq"] for r in changes(db)]
    assert seqs == list(range(1, len(seqs) + 1))
    db.close()
    again = opener()
    from desktop.register import Register
    Register(again).add_compound("第三个")
    seqs = [r["seq"] for r in changes(again)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_two_edits_of_a_group_in_one_transaction_chain_their_bases(reg, db, person, changes):
    """Changes are numbered when the transaction commits; the second edit's base is still the
    first edit, and only the last one is a head."""
    site = db.site.site_id
    insert = of(changes(db), "person", person.id)[0]
    count = "SELECT count(*) FROM sync_change WHERE row_id = ?"
    with db.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13900139000' WHERE id = ?", (person.id,))
        assert conn.execute(count, (person.id,)).fetchone() == (1,)        # numbered at COMMIT
        conn.execute("UPDATE person SET phone = '13700137000', note = '楼下' WHERE id = ?", (person.id,))
    first, second = of(changes(db), "person", person.id)[1:]
    assert first["cols"] == {"phone": {"phone": "13900139000"}}
    assert first["base"] == {"phone": [[site, insert["seq"]]]}
    assert second["cols"] == {"note": {"note": "楼下"}, "phone": {"phone": "13700137000"}}
    # The note was NULL when the person was added, so it had no version to replace.
    assert second["base"] == {"phone": [[site, first["seq"]]]}
    assert first["hlc"] < second["hlc"]
    cells, heads = row_versions(db.conn, "person", person.id)
    assert heads["phone"] == {(site, second["seq"])} and cells["phone"][2] == second["seq"]


def test_an_edit_after_another_sites_version_has_that_version_as_its_base(reg, db, person, changes):
    """The winner of a group is the latest (hlc, site) among all known versions, ours or not."""
    other = "0190aaaa-0000-7000-8000-000000000000"
    insert = of(changes(db), "person", person.id)[0]
    db.conn.execute(
        "INSERT INTO sync_change (site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256,"
        " schema_version) VALUES (?, 1, ?, 'person', ?, 'patch', ?, ?, 'x', 1)",
        (other, insert["hlc"] + 1, person.id, '{"phone":{"phone":"13600136000"}}',
         json.dumps({"phone": [[db.site.site_id, insert["seq"]]]})))
    edit(reg, reg.person(person.id), phone="13500135000")
    last = of(changes(db), "person", person.id)[-1]
    assert last["base"] == {"phone": [[other, 1]]}


def test_a_long_transaction_writes_its_changes_along_the_way_and_still_rolls_back_whole(
        reg, db, person, changes, monkeypatch):
    """Many writes in one transaction are numbered a few thousand at a time (an import would
    otherwise hold them all in memory); bases still chain across those rounds, and a rollback
    after some rounds leaves neither changes nor a gap."""
    import db.sync.capture as capture
    monkeypatch.setattr(capture, "FLUSH_CHUNK", 3)
    site, before = db.site.site_id, changes(db)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        for i in range(7):
            conn.execute("UPDATE person SET note = ? WHERE id = ?", (f"第{i}次", person.id))
        assert len(changes(db)) > len(before)                     # some rounds were written
        raise RuntimeError("power cut")
    assert changes(db) == before
    with db.transaction() as conn:
        for i in range(7):
            conn.execute("UPDATE person SET note = ? WHERE id = ?", (f"第{i}次", person.id))
    notes = of(changes(db), "person", person.id)[-7:]
    assert [r["cols"]["note"]["note"] for r in notes] == [f"第{i}次" for i in range(7)]
    assert [r["base"]["note"] for r in notes[1:]] == [[[site, r["seq"]]] for r in notes[:-1]]
    seqs = [r["seq"] for r in changes(db)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_failed_write_of_changes_undoes_the_transaction_even_if_the_caller_carries_on(
        reg, db, person, changes, monkeypatch):
    """If writing a round of changes fails (a full disk), those changes are gone: the
    transaction must not commit, or its edits would be missing from the log on other PCs."""
    import db.sync.capture as capture
    from db.sync.capture import CaptureFailed
    monkeypatch.setattr(capture, "FLUSH_CHUNK", 2)
    real, calls = capture.current_cells, []

    def failing_once(*a):
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*a)
    monkeypatch.setattr(capture, "current_cells", failing_once)
    before = changes(db)
    with pytest.raises(CaptureFailed, match="已撤销"), db.transaction() as conn:
        conn.execute("UPDATE person SET note = '一' WHERE id = ?", (person.id,))
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("UPDATE person SET note = '二' WHERE id = ?", (person.id,))
        conn.execute("UPDATE person SET note = '三' WHERE id = ?", (person.id,))   # carries on
    assert changes(db) == before and reg.person(person.id).note == ""
    reg.add_compound("之后照常")                                    # the next transaction works
    assert [r["cols"]["name"]["name"] for r in changes(db)[len(before):]] == ["之后照常"]


def test_a_new_rows_change_leaves_nulls_out_and_an_edit_to_null_is_sent(reg, db, person, changes):
    """What a receiving PC needs: a column missing from a new row's change is NULL; an edit that
    clears a value says so explicitly (null), or the old value would live on elsewhere."""
    insert = of(changes(db), "person", person.id)[0]
    assert "null" not in json.dumps(insert["cols"])
    stored = db.conn.execute("SELECT cols FROM sync_change WHERE site_id = ? AND seq = ?",
                             (insert["site_id"], insert["seq"])).fetchone()[0]
    assert stored == canonical_json(insert["cols"])                        # still canonical
    edit(reg, person, phone="")
    cleared = of(changes(db), "person", person.id)[-1]
    assert cleared["cols"] == {"phone": {"phone": None}}


def test_a_column_with_a_default_other_than_null_is_sent_even_when_null():
    """Left out, such a column would arrive as its default ('x'), not as the NULL it holds."""
    from db.sync.capture import _sorted_groups, new_row_sql
    from db.sync.registry import SyncTable
    table = SyncTable("sample", LWW, {"grp": ("a", "b")})
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE sample (id TEXT PRIMARY KEY, a TEXT DEFAULT 'x', b TEXT, c TEXT)")
    conn.execute("INSERT INTO sample VALUES ('1', NULL, NULL, 'v')")
    conn.execute("INSERT INTO sample VALUES ('2', 'y', NULL, NULL)")
    body = new_row_sql(_sorted_groups(table.column_groups(["id", "a", "b", "c"])), frozenset({"a"}), "r")
    captured = [json.loads(r[0]) for r in conn.execute(f"SELECT {body} FROM sample r ORDER BY id")]
    assert captured == [{"c": {"c": "v"}, "grp": {"a": None, "b": None}}, {"grp": {"a": "y", "b": None}}]
