"""RegisterBatch: many writes in one transaction with the register's rules (a ledger import)."""
from desktop.register import RegisterBatch


def test_batch_finds_existing_places_and_people_and_creates_the_rest(small_community, app_ctx):
    r = app_ctx.register
    zhang = small_community["people"]["张三"]
    with app_ctx.db.transaction() as conn:
        batch = RegisterBatch(r, conn)
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
