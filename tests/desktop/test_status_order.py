"""Status history in the order the changes were made, even within one second (issue 13,
point 12): the order comes from the hybrid logical clock of each change, not from a
seconds-resolution time and a random id."""
from db.sync.versions import insert_hlcs
from desktop.register import usecases as register_module
from desktop.register import PersonForm


def test_two_changes_in_one_second_keep_their_order(reg, make_id, monkeypatch):
    p = reg.add_person(PersonForm(full_name="张三", id_number=make_id()))
    # Both changes in the same second, and the second one's id sorts first: what a random id
    # part does half the time.
    monkeypatch.setattr("desktop.register.rows.now_text", lambda: "2026-11-22T08:00:00")
    ids = iter(["01zzzzzz-later-id-sorts-last", "01aaaaaa-but-is-made-second"])
    monkeypatch.setattr(register_module, "uuid7", lambda: next(ids))
    reg.set_status(p.id, "home_isolation", "密接")
    reg.set_status(p.id, "healthy", "解除")
    history = reg.status_history(p.id)
    assert [(h.old_status, h.new_status) for h in history] == [
        ("healthy", "home_isolation"), ("home_isolation", "healthy")]


def test_insert_hlcs_gives_each_row_the_stamp_of_its_insert_change(reg, db, make_id):
    p = reg.add_person(PersonForm(full_name="李四", id_number=make_id()))
    reg.set_status(p.id, "home_isolation", "密接")
    reg.set_status(p.id, "healthy", "解除")
    with db.reading() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM status_change")]
        stamps = insert_hlcs(conn, "status_change", ids + ["no-such-row"])
        assert insert_hlcs(conn, "status_change", []) == {}
    assert set(stamps) == set(ids)
    assert len(set(stamps.values())) == 2
