"""RegisterBatch: many writes in one transaction with the register's rules (a ledger import)."""
import json

from desktop.register import RegisterBatch


def test_batch_finds_existing_places_and_people_and_creates_the_rest(small_community, app_ctx):
    r = app_ctx.register
    zhang = small_community["people"]["张三"]
    with app_ctx.db.transaction() as conn, RegisterBatch(r, conn) as batch:
        cid = batch.compound("幸福里小区")
        assert cid == small_community["compound"].id
        same = batch.household(cid, "3", "2", "501", "")
        assert same == small_community["households"][0].id                    # one household per door
        new = batch.household(cid, "5", "1", "101", "")
        assert batch.household(cid, "5", "1", "101", "") == new
        assert batch.person_by_id_number(zhang.id_number) == (zhang.id, same)
        from desktop.register import PersonForm
        pid = batch.add_person(PersonForm(full_name="新人").validate(), new, "head")
        batch.place_person(zhang.id, same, new, "spouse")                    # moved, old link tombstoned
        batch.set_status(pid, "healthy", "home_isolation", "从台账导入")
        village = batch.compound("李家湾组")
    assert r.person(zhang.id).address == "幸福里小区 5栋1单元101"
    assert r.person(pid).relation == "head" and r.person(pid).status == "home_isolation"
    assert r.status_history(pid)[-1].reason == "从台账导入"
    assert {c.name: c.kind for c in r.compounds()}["李家湾组"] == "village_group"
    assert village


def test_new_rows_wait_for_the_end_of_the_batch_and_fold_tenure_and_status_in(small_community, app_ctx):
    """A new household's tenure and a new person's status go into their first write: one change
    each, as if a clerk had typed them in one go, and the history still records the status."""
    from desktop.register import PersonForm
    r, db = app_ctx.register, app_ctx.db
    before = db.conn.execute("SELECT count(*) FROM sync_change").fetchone()[0]
    with db.transaction() as conn, RegisterBatch(r, conn) as batch:
        hid = batch.household(small_community["compound"].id, "8", "1", "101", "")
        batch.set_tenure(hid, "rented", "赵房东", "13900001111")
        pid = batch.add_person(PersonForm(full_name="租客甲").validate(), hid, "tenant")
        batch.set_status(pid, "healthy", "observation", "从台账导入")
        assert conn.execute("SELECT count(*) FROM person WHERE id = ?", (pid,)).fetchone() == (0,)
    person = r.person(pid)
    assert (person.status, person.relation, person.address) == ("observation", "tenant", "幸福里小区 8栋1单元101")
    assert r.household(hid).landlord_name == "赵房东"
    assert [h.new_status for h in r.status_history(pid)] == ["observation"]
    rows = db.conn.execute("SELECT tbl, row_id, cols FROM sync_change LIMIT -1 OFFSET ?", (before,)).fetchall()
    person_changes = [json.loads(c) for t, rid, c in rows if t == "person"]
    assert len(person_changes) == 1 and person_changes[0]["status"]["status"] == "observation"
    assert sum(1 for t, rid, _ in rows if t == "household" and rid == hid) == 1
