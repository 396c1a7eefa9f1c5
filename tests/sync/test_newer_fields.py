"""A newer Menshen's fields (SYNC.md 9.16): a laptop one version behind imports what it knows,
keeps the rest in the change log, passes it on unchanged, and applies it after its upgrade,
by the merge's rule (db/sync/merge.py: ``_kept_columns``, ``apply_kept``)."""
import pytest

from db import migrations
from db.connection import Database
from db.sync import registry
from db.sync.log import iter_changes
from db.sync.merge import open_conflicts, resolve_conflict
from desktop.sync.exchange import export_package, import_packages, kept_note
from desktop.sync.status import conflict_list, use_value

from .conftest import PASSPHRASE as PASS

#: The newer version: one migration more, its columns in the registry's groups, as 0028 added
#: gate_log.visiting_household_id to the passage's one group.
NEWER = ("ALTER TABLE gate_log ADD COLUMN visit_floor TEXT;\n"
         "ALTER TABLE person ADD COLUMN nickname TEXT;\n"
         "ALTER TABLE person ADD COLUMN shoe_size INTEGER;\n")      # a group of its own


@pytest.fixture
def newer(tmp_path, monkeypatch):
    """Makes the program "newer" from when it is called: machines opened after have the columns."""
    def upgrade():
        step = tmp_path / f"{migrations.latest_version() + 1:04d}_newer_fields.sql"
        step.write_text(NEWER, "utf-8")
        known = migrations.available()
        monkeypatch.setattr(migrations, "available", lambda: known + [(len(known) + 1, step)])
        tables = dict(registry.SYNC_TABLES)
        gate, person = tables["gate_log"], tables["person"]
        monkeypatch.setitem(registry.SYNC_TABLES, "gate_log", registry.SyncTable(
            "gate_log", gate.kind, {"entry": gate.groups["entry"] + ("visit_floor",)}))
        monkeypatch.setitem(registry.SYNC_TABLES, "person", registry.SyncTable(
            "person", person.kind, {**person.groups, "name": person.groups["name"] + ("nickname",)}))
    return upgrade


def rows(db):
    return (db.conn.execute("SELECT id, full_name, nickname, shoe_size FROM person ORDER BY id").fetchall(),
            db.conn.execute("SELECT id, person_id, visit_floor FROM gate_log ORDER BY id").fetchall())


def test_a_newer_machines_fields_pass_through_an_older_one_and_apply_after_its_upgrade(machines, newer, tmp_path):
    old = machines("old")                   # yesterday's version
    newer()
    new, third = machines("new"), machines("third")
    with new.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.executemany("INSERT INTO person (id, full_name, nickname, shoe_size) VALUES (?, ?, ?, ?)",
                         [("p0", "张零", "小零", None), ("p1", "张一", "小一", 42)])
        conn.execute("INSERT INTO gate_log (id, at, person_id, direction, outcome, visit_floor)"
                     " VALUES ('g1', '2026-12-05T08:00:00', 'p1', 'in', 'allowed', '3')")
    from_new, from_old = tmp_path / "from_new", tmp_path / "from_old"
    from_new.mkdir()
    from_old.mkdir()
    export_package(new, from_new, PASS)

    # The old laptop imports it: what it knows is applied, the three changes with new fields kept.
    got = import_packages(old, from_new, PASS)
    assert (got.packages, got.n_new, got.n_kept, got.refused) == (1, 4, 3, [])
    assert "已保留，升级后自动生效" in kept_note(got)
    assert old.conn.execute("SELECT id, full_name FROM person ORDER BY id").fetchall() == [("p0", "张零"), ("p1", "张一")]
    assert old.conn.execute("SELECT id, person_id FROM gate_log").fetchall() == [("g1", "p1")]
    # Then the old laptop renames p0, later than the newer machine's version of the name.
    with old.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '张灵' WHERE id = 'p0'")

    # It passes the newer machine's changes on unchanged: a third (new) machine gets the fields.
    assert export_package(old, from_old, PASS, peer=third.site.site_id).kind == "snapshot"
    sent = {(c.site_id, c.seq): c.cols for c in iter_changes(new.conn)}
    assert {k: c.cols for c in iter_changes(old.conn) if (k := (c.site_id, c.seq)) in sent} == sent
    assert import_packages(third, from_old, PASS).refused == []
    # p0's later name wins its group; made without the field, it says nothing of the nickname.
    expected = ([("p0", "张灵", "小零", None), ("p1", "张一", "小一", 42)], [("g1", "p1", "3")])
    assert rows(third) == expected

    # The old laptop is upgraded: at its next open the kept fields are applied by the same rule.
    old.close()
    old = Database(old.path, config_file=tmp_path / "old.json", user_name="old")
    try:
        assert rows(old) == expected
        last = "SELECT person_id, at, direction, log_id FROM gate_person_last ORDER BY person_id"
        assert old.conn.execute(last).fetchall() == third.conn.execute(last).fetchall() != []
        assert old.conn.execute("SELECT value FROM local_setting WHERE key = 'sync_kept_pending'").fetchone() is None
        # Applying them made no change of the old laptop's own.
        assert [c.tbl for c in iter_changes(old.conn) if c.site_id == old.site.site_id] == ["person"]
    finally:
        old.close()


def test_an_older_machines_edit_never_wipes_a_newer_field_whatever_comes_first(machines, newer, tmp_path):
    """SYNC.md 9.16 the other way: the office updated today, the gate laptop did not. The
    laptop's edits of the name group (a rename, a concurrent equal rename, a conflict it resolves)
    carry no nickname: they say nothing of it, so the nickname typed at the office stays on every
    machine, whichever package arrives first, and when the office takes the laptop's value; the
    laptop lists no conflict it cannot see."""
    gate = machines("gate")                 # yesterday's version
    newer()
    office, third = machines("office"), machines("third")
    folders = iter(tmp_path / f"stick{i}" for i in range(9))

    def export(db):
        folder = next(folders)
        folder.mkdir()
        export_package(db, folder, PASS)
        return folder

    def names(db, cols="full_name, nickname"):
        return db.conn.execute(f"SELECT id, {cols} FROM person ORDER BY id").fetchall()

    with office.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.executemany("INSERT INTO person (id, full_name, nickname) VALUES (?, ?, ?)",
                         [("p1", "张一", "小一"), ("p2", "李二", None), ("p3", "王三", None)])
    made = export(office)
    import_packages(gate, made, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '李贰', nickname = '二二' WHERE id = 'p2'")
        conn.execute("UPDATE person SET full_name = '王叁', nickname = '三三' WHERE id = 'p3'")
    edited = export(office)
    with gate.transaction() as conn:        # later than the office's edits: these win the group
        conn.execute("UPDATE person SET full_name = '张壹' WHERE id = 'p1'")
        conn.execute("UPDATE person SET full_name = '李贰' WHERE id = 'p2'")    # the same name
        conn.execute("UPDATE person SET full_name = '王仨' WHERE id = 'p3'")
    renamed = export(gate)
    import_packages(gate, edited, PASS)
    # p2's two versions differ only in the nickname the laptop has no column for: nothing to decide there.
    assert {row for _, row, _, _ in open_conflicts(gate.conn)} == {"p3"}
    assert {h.value for h in conflict_list(gate)[0].heads} == {"王叁", "王仨"}     # no nickname shown
    resolve_conflict(gate, "person", "p3", "name")          # keeps what it shows: 王仨
    resolved = export(gate)

    # The office sees p3's conflict first and takes the laptop's name: the nickname stays.
    import_packages(office, renamed, PASS)
    [p3] = conflict_list(office)
    [laptops] = [h for h in p3.heads if h.site_id == gate.site.site_id]
    assert dict(laptops.values)["nickname"] == "三三"
    use_value(office, p3, laptops)
    import_packages(office, resolved, PASS)     # the laptop's own resolution: the same name
    for folder in (renamed, resolved, made, edited):    # the third: the laptop's first
        import_packages(third, folder, PASS)
    # A new machine taking everything at once (one snapshot) reaches the same.
    fourth = machines("fourth")
    folder = next(folders)
    folder.mkdir()
    assert export_package(office, folder, PASS, peer=fourth.site.site_id).kind == "snapshot"
    import_packages(fourth, folder, PASS)
    want = [("p1", "张壹", "小一"), ("p2", "李贰", "二二"), ("p3", "王仨", "三三")]
    assert names(office) == want
    assert names(office, "*") == names(third, "*") == names(fourth, "*")   # every column alike
    assert names(gate, "full_name") == [(p, name) for p, name, _ in want]
    assert open_conflicts(office.conn) == open_conflicts(third.conn) == open_conflicts(fourth.conn) \
        == open_conflicts(gate.conn) == set()


def test_a_passage_carrying_only_a_newer_group_makes_no_blank_row_until_the_upgrade(machines, tmp_path, monkeypatch):
    """A newer Menshen's passage whose change carries nothing but a group this laptop lacks (a
    release adds a column outside the passage's group) was written as a gate-log row holding its
    id alone: a blank passage in the log, and then never filled in (the upgrade only updated
    the columns it added). It is kept, as a new person with only a newer group is, and the
    upgrade makes the row from the change."""
    from db.sync.log import CHANGE_FORMAT, canonical_json
    from db.sync.merge import apply_changes
    laptop = machines("laptop")
    body = canonical_json({"photo": {"photo": "g1.jpg"}})
    change = ("33333333-3333-4333-8333-333333333333", 1, 1_800_000_000_000 << 16, "gate_log", "g1", "insert",
              body, "{}", None, CHANGE_FORMAT, "2027-01-15T08:00:00.000+00:00", "newer")
    got = apply_changes(laptop, [change])
    assert (got.n_new, got.n_kept) == (1, 1)
    assert laptop.conn.execute("SELECT count(*) FROM gate_log").fetchone() == (0,)
    assert [c.cols for c in iter_changes(laptop.conn) if c.row_id == "g1"] == [body]

    step = tmp_path / f"{migrations.latest_version() + 1:04d}_photo.sql"
    step.write_text("ALTER TABLE gate_log ADD COLUMN photo TEXT;\n", "utf-8")
    known = migrations.available()
    monkeypatch.setattr(migrations, "available", lambda: known + [(len(known) + 1, step)])
    path = laptop.path
    laptop.close()
    laptop = Database(path, config_file=tmp_path / "laptop.json", user_name="laptop")
    try:
        assert laptop.conn.execute("SELECT id, photo, kind FROM gate_log").fetchall() == [("g1", "g1.jpg", "pass")]
    finally:
        laptop.close()
