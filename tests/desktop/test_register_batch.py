"""RegisterBatch: many writes in one transaction with the register's rules (a ledger import)."""
import json

import pytest

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


def _triggers(conn) -> list:
    return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())


def _changes_since(db, before: int) -> list:
    return db.conn.execute("SELECT tbl, row_id FROM sync_change LIMIT -1 OFFSET ?", (before,)).fetchall()


def test_many_new_rows_go_in_without_their_triggers_and_are_found_and_recorded_as_one_by_one(
        small_community, app_ctx, monkeypatch):
    """A write of many new rows sets their tables' insert triggers aside and does their work for
    all the rows at once (a sixth of a big import's write): the people are found by name and by
    their door, every new row has its change for sync, and the triggers are back afterwards, in
    place for the rules' own writes in the same batch (a person moved in)."""
    from desktop.register import PersonForm, rules
    from desktop.search import search_people
    monkeypatch.setattr(RegisterBatch, "QUIET_FROM", 2, raising=False)            # a few rows are "many" here
    r, db = app_ctx.register, app_ctx.db
    triggers = _triggers(db.conn)
    before = db.conn.execute("SELECT count(*) FROM sync_change").fetchone()[0]
    zhang = small_community["people"]["张三"]
    with db.transaction() as conn, RegisterBatch(r, conn) as batch:
        cid = batch.compound("和平里小区")
        doors = [batch.household(cid, "7", "1", room, "") for room in ("101", "102")]
        people = [batch.add_person(PersonForm(full_name=name).validate(), hid, relation)
                  for name, hid, relation in (("欧阳娜娜", doors[0], "head"), ("欧阳明", doors[0], "child"),
                                              ("司马光", doors[1], "head"))]
        batch.write()
        assert conn.execute("SELECT count(*) FROM search_dirty").fetchone() == (3,)    # noted for the index
        batch.place_person(zhang.id, small_community["households"][0].id, doors[1], "other")
    assert _triggers(db.conn) == triggers
    assert [p.full_name for p in search_people(db, "欧阳娜娜")] == ["欧阳娜娜"]
    assert {p.full_name for p in search_people(db, "和平里 7-1-102")} == {"司马光", "张三"}
    recorded = _changes_since(db, before)
    for table, ids in (("person", people), ("household", doors),
                       ("membership", [rules.membership_id(h, p) for h, p in zip(doors[:1] * 2 + doors[1:], people)]
                        + [rules.membership_id(doors[1], zhang.id)])):
        assert {i for t, i in recorded if t == table} >= set(ids), table
    assert {t for t, _ in recorded} >= {"compound", "building", "unit"}


def test_many_new_people_written_outside_a_deferred_transaction_are_found_by_their_door(app_ctx, monkeypatch):
    """A bulk write notes each new person once for the index, not again for their membership,
    only where the index is built after all the rows are in (``Database.transaction``). In a
    transaction of another kind every note is indexed at once: a person noted before their
    membership went in would be indexed without their door."""
    from desktop.register import PersonForm
    from desktop.search import search_people
    monkeypatch.setattr(RegisterBatch, "QUIET_FROM", 2, raising=False)
    r, db = app_ctx.register, app_ctx.db
    db.conn.execute("BEGIN IMMEDIATE")
    with RegisterBatch(r, db.conn) as batch:
        hid = batch.household(batch.compound("和平里小区"), "9", "1", "101", "")
        for name in ("甲一", "乙二", "丙三"):
            batch.add_person(PersonForm(full_name=name).validate(), hid, "other")
    db.conn.execute("COMMIT")
    assert {p.full_name for p in search_people(db, "和平里 9-1-101")} == {"甲一", "乙二", "丙三"}


def test_a_table_with_an_insert_trigger_the_batch_does_not_know_keeps_all_its_triggers(
        small_community, app_ctx, monkeypatch):
    from desktop.register import PersonForm
    monkeypatch.setattr(RegisterBatch, "QUIET_FROM", 2, raising=False)
    r, db = app_ctx.register, app_ctx.db
    db.conn.execute("CREATE TABLE seen (id TEXT)")          # a later migration's trigger, say
    db.conn.execute("CREATE TRIGGER seen_person AFTER INSERT ON person BEGIN INSERT INTO seen VALUES (NEW.id); END")
    with db.transaction() as conn, RegisterBatch(r, conn) as batch:
        hid = batch.household(small_community["compound"].id, "9", "1", "101", "")
        people = {batch.add_person(PersonForm(full_name=name).validate(), hid, "other") for name in ("甲", "乙", "丙")}
    assert {row[0] for row in db.conn.execute("SELECT id FROM seen")} == people


def test_a_bulk_write_that_fails_leaves_the_triggers_as_they_were(small_community, app_ctx, monkeypatch):
    from desktop.register import PersonForm
    from desktop.search import search_people
    monkeypatch.setattr(RegisterBatch, "QUIET_FROM", 2, raising=False)
    r, db = app_ctx.register, app_ctx.db
    triggers = _triggers(db.conn)
    taken = small_community["people"]["李梅"].id
    with pytest.raises(Exception):
        with db.transaction() as conn, RegisterBatch(r, conn) as batch:
            hid = batch.household(small_community["compound"].id, "9", "1", "101", "")
            batch.add_person(PersonForm(full_name="新来的").validate(), hid, "head")
            batch.add_person({**PersonForm(full_name="重号").validate(), "id": taken}, hid, "other")  # its id is taken
    assert _triggers(db.conn) == triggers
    assert search_people(db, "新来的") == []
    r.add_person(PersonForm(full_name="后来的"))             # one by one, as before: found
    assert [p.full_name for p in search_people(db, "后来的")] == ["后来的"]
