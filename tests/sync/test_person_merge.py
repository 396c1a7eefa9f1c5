"""Duplicate persons merged (SYNC.md 9.13; issue 15): the same ID number created on two machines,
merged on one, the merge carried by packages in any order; every machine ends with the same tables,
the loser hidden and its records read as the survivor's."""
import pytest

from db.sync.ids import natural_id
from db.sync.person_merge import canonical_map
from desktop.errors import InputError
from desktop.sync.duplicates import duplicate_pairs, history_ids, merge_persons
from desktop.sync.exchange import export_package, import_packages

from .conftest import PASSPHRASE as PASS

IDNO = "420106199001011234"
HH = "h-1"


def send(src, dst, folder):
    """src's package for everyone, written into its own folder and imported by dst."""
    folder.mkdir(exist_ok=True)
    export_package(src, folder, PASS)
    got = import_packages(dst, folder, PASS)
    assert got.refused == []
    return got


def add_person(db, pid, name, birth="1990-01-01"):
    with db.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name, id_number, birth_date, created_site) VALUES (?, ?, ?, ?, ?)",
                     (pid, name, IDNO, birth, db.site.site_id))
        conn.execute("INSERT INTO membership (id, household_id, person_id, relation) VALUES (?, ?, ?, 'child')",
                     (natural_id("membership", HH, pid), HH, pid))


def gate_row(db, row_id, pid):
    with db.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, person_id, outcome) VALUES (?, '2026-12-04T08:00:00', ?, 'allowed')",
                     (row_id, pid))


def state(db):
    c = db.conn
    return {
        "person": c.execute("SELECT id, full_name, id_number, is_deleted, merged_into FROM person ORDER BY id").fetchall(),
        "membership": c.execute("SELECT id, household_id, person_id, is_deleted FROM membership ORDER BY id").fetchall(),
        "gate_log": c.execute("SELECT id, person_id FROM gate_log ORDER BY id").fetchall(),
        "isolation": c.execute("SELECT id, person_id FROM isolation_episode ORDER BY id").fetchall(),
        "merge": c.execute("SELECT id, loser_id, survivor_id FROM person_merge ORDER BY id").fetchall(),
        "alias": c.execute("SELECT id, canonical_id FROM person_alias ORDER BY id").fetchall(),
    }


def two_offices(machines, tmp_path):
    """The office and a gate laptop sharing one household, each registering the same ID number."""
    office, gate = machines("office"), machines("gate")
    with office.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO household (id, room) VALUES (?, '501')", (HH,))
    send(office, gate, tmp_path / "o0")
    add_person(office, "p-office", "王小明")
    add_person(gate, "p-gate", "王小明")
    gate_row(gate, "g1", "p-gate")
    with gate.transaction() as conn:
        conn.execute("INSERT INTO isolation_episode (id, person_id, reason, start_on, planned_end_on)"
                     " VALUES ('iso-1', 'p-gate', '密接', '2026-12-01', '2026-12-14')")
    return office, gate


def test_a_person_created_twice_is_offered_merged_and_every_machine_agrees(machines, tmp_path):
    from desktop.sync.status import name_this_machine
    office, gate = two_offices(machines, tmp_path)
    name_this_machine(gate, "村口卡口笔记本")
    send(gate, office, tmp_path / "g1")
    [pair] = duplicate_pairs(office)
    assert pair.id_number == IDNO and pair.same_birth
    # Where each was entered: the gate by the name given there (the code for the technician).
    made = {pair.a.person_id: pair.a.made_at, pair.b.person_id: pair.b.made_at}
    assert made == {"p-gate": f"村口卡口笔记本（{gate.site.site_code}）", "p-office": office.site.site_code}
    assert {pair.a.person_id, pair.b.person_id} == {"p-office", "p-gate"}
    assert {pair.a.gate_rows, pair.b.gate_rows} == {0, 1}

    merge_persons(office, "p-office", "p-gate")
    assert duplicate_pairs(office) == []
    # The gate has not heard of the merge and records the loser again.
    gate_row(gate, "g2", "p-gate")

    send(office, gate, tmp_path / "o2")
    send(gate, office, tmp_path / "g2")
    assert state(office) == state(gate)
    s = state(office)
    assert ("p-gate", "王小明", IDNO, 1, "p-office") in s["person"]
    assert s["isolation"] == [("iso-1", "p-office")]          # an editable record moves to the survivor
    assert s["alias"] == [("p-gate", "p-office")]
    assert duplicate_pairs(gate) == []
    # The gate log is never rewritten, and both passages read as the survivor's.
    assert s["gate_log"] == [("g1", "p-gate"), ("g2", "p-gate")]
    with office.reading() as conn:
        ids = history_ids(conn, "p-office")
        assert conn.execute("SELECT count(*) FROM gate_log WHERE person_id IN (SELECT value FROM json_each(?))",
                            (__import__("json").dumps(ids),)).fetchone()[0] == 2
    # The survivor already lives in the household: the loser's membership stays the loser's (hidden).
    live = [m for m in s["membership"] if m[3] == 0 and m[2] == "p-office"]
    assert len(live) == 1


def test_packages_in_either_order_give_identical_tables(machines, tmp_path):
    office, gate = two_offices(machines, tmp_path)
    send(gate, office, tmp_path / "g1")
    merge_persons(office, "p-office", "p-gate")
    gate_row(gate, "g2", "p-gate")
    office_pkg, gate_pkg = tmp_path / "from-office", tmp_path / "from-gate"
    office_pkg.mkdir()
    gate_pkg.mkdir()
    export_package(office, office_pkg, PASS)
    export_package(gate, gate_pkg, PASS)
    first, second = machines("street1"), machines("street2")
    for folder in (office_pkg, gate_pkg):          # the merge first, the loser's late gate row after
        assert import_packages(first, folder, PASS).refused == []
    for folder in (gate_pkg, office_pkg):          # the late gate row first, the merge after
        assert import_packages(second, folder, PASS).refused == []
    assert state(first) == state(second)
    assert state(first)["alias"] == [("p-gate", "p-office")]
    assert ("p-gate", "王小明", IDNO, 1, "p-office") in state(second)["person"]
    assert state(second)["isolation"] == [("iso-1", "p-office")]
    # Importing again changes nothing.
    before = state(first)
    for folder in (gate_pkg, office_pkg):
        import_packages(first, folder, PASS)
    assert state(first) == before


def test_two_machines_merging_one_pair_both_ways_make_one_merge_and_keep_one_person(machines, tmp_path):
    office, gate = two_offices(machines, tmp_path)
    send(gate, office, tmp_path / "g1")
    send(office, gate, tmp_path / "o1")
    merge_persons(office, "p-office", "p-gate")
    merge_persons(gate, "p-gate", "p-office")
    send(office, gate, tmp_path / "o2")
    send(gate, office, tmp_path / "g2")
    assert state(office) == state(gate)
    s = state(office)
    assert len(s["merge"]) == 1
    live = [p for p in s["person"] if p[3] == 0]
    assert len(live) == 1                                  # one survives, whichever merge won
    [(loser, survivor)] = s["alias"]
    assert {loser, survivor} == {"p-office", "p-gate"} and live[0][0] == survivor
    assert s["isolation"] == [("iso-1", survivor)]


def test_no_cycle_when_merges_go_round():
    class Conn:
        def execute(self, *_):
            return [("a", "b"), ("b", "c"), ("c", "a")]
    assert canonical_map(Conn()) == {"b": "a", "c": "a"}


def test_merging_what_is_not_a_duplicate_is_refused_in_chinese(machines, tmp_path):
    office, gate = two_offices(machines, tmp_path)
    with office.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name, id_number) VALUES ('p-other', '李四', '110101199001011237')")
    with pytest.raises(InputError, match="证件号码不同"):
        merge_persons(office, "p-office", "p-other")
    with pytest.raises(InputError, match="自己"):
        merge_persons(office, "p-office", "p-office")


def test_the_survivors_history_includes_the_losers(machines, tmp_path):
    """Append-only history (status changes, travel) of the merged-away record reads as the survivor's."""
    from desktop.app import open_app
    office, gate = two_offices(machines, tmp_path)
    with gate.transaction() as conn:
        conn.execute("INSERT INTO status_change (id, person_id, old_status, new_status, reason, changed_at)"
                     " VALUES ('s1', 'p-gate', 'healthy', 'home_isolation', '密接', '2026-12-01T09:00:00')")
        conn.execute("INSERT INTO travel_record (id, person_id, from_place, arrived_on, recorded_at)"
                     " VALUES ('t1', 'p-gate', '武汉', '2026-11-30', '2026-12-01T09:00:00')")
    send(gate, office, tmp_path / "g1")
    merge_persons(office, "p-office", "p-gate")
    path = office.path
    office.close()
    app = open_app(path)
    try:
        assert [c.reason for c in app.register.status_history("p-office")] == ["密接"]
        assert [t.from_place for t in app.register.travel_history("p-office")] == ["武汉"]
    finally:
        app.close()


def test_a_merge_first_copies_the_database_so_a_wrong_choice_can_be_undone(machines, tmp_path):
    from desktop.backup import list_backups
    office, gate = two_offices(machines, tmp_path)
    send(gate, office, tmp_path / "g1")
    before = {b.path for b in list_backups(office.path)}
    merge_persons(office, "p-office", "p-gate")
    made = [b for b in list_backups(office.path) if b.path not in before]
    assert [b.reason for b in made] == ["merge"]
