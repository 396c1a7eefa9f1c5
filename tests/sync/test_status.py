"""What the sync page shows (desktop/sync/status.py), on two databases exchanging through a
folder with a concurrent edit."""
import pytest

from db.sync.merge import open_conflicts
from desktop.sync.exchange import export_package, import_packages
from desktop.sync.status import conflict_list, duplicates, keep_current, machines, sync_log, use_value

PASS = "幸福里 门岗 同步 口令"


def two_with_a_conflict(machines, tmp_path):
    """The office registers 王芳 and a household; the gate takes a copy; both change her phone
    and the household's room at the same time; then they exchange both ways."""
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    with office.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO compound (id, community_id, name) VALUES ('cp1', 'c-xingfuli', '幸福里小区')")
        conn.execute("INSERT INTO building (id, compound_id, number) VALUES ('b4', 'cp1', '4')")
        conn.execute("INSERT INTO unit (id, building_id, number) VALUES ('u2', 'b4', '2')")
        conn.execute("INSERT INTO household (id, compound_id, building_id, unit_id, room) VALUES ('h1', 'cp1', 'b4', 'u2', '501')")
        conn.execute("INSERT INTO person (id, full_name, phone) VALUES ('p1', '王芳', '13800000001')")
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13911112222' WHERE id = 'p1'")
    with gate.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13733334444' WHERE id = 'p1'")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    return office, gate, stick


@pytest.fixture
def pair(machines, tmp_path):
    office, gate, stick = two_with_a_conflict(machines, tmp_path)
    yield office, gate, stick
    office.close()
    gate.close()


def test_machines_show_the_last_package_and_what_each_still_misses(pair):
    office, gate, stick = pair
    (seen,) = machines(office)
    assert seen.site_id == gate.site.site_id
    assert seen.last_package_at is not None
    # The gate holds everything the office had at the first exchange, not its phone edit.
    assert seen.missing == 1
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    (office_seen,) = machines(gate)
    assert office_seen.missing == 0         # the office's package said it holds the gate's edit too
    # The office still believes the gate misses its edit until the gate's next package says so.
    assert machines(office)[0].missing == 1
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    assert machines(office)[0].missing == 0


def test_the_log_counts_each_export_and_import(pair):
    office, gate, _ = pair
    log = sync_log(office)
    assert [(e.direction, e.kind) for e in log] == [("import", "增量"), ("export", "全量")]
    imported = log[0]
    assert imported.peer == gate.site.site_name
    assert (imported.n_changes, imported.n_new, imported.n_conflicts) == (1, 1, 1)


def test_a_conflict_reads_as_the_persons_name_the_field_and_both_values(pair):
    office, gate, _ = pair
    (conflict,) = conflict_list(office)
    assert (conflict.record, conflict.field) == ("王芳", "电话")
    assert {h.value for h in conflict.heads} == {"13911112222", "13733334444"}
    # Which value was typed here: this machine is said as 本机 beside its code.
    assert {h.device for h in conflict.heads} == {"本机", gate.site.site_name}
    assert all(h.wall_time and h.user in ("office", "gate") for h in conflict.heads)
    assert conflict.heads[0].current and not conflict.heads[1].current
    shown = office.conn.execute("SELECT phone FROM person WHERE id = 'p1'").fetchone()[0]
    assert conflict.heads[0].value == shown


def test_a_status_conflict_reads_in_chinese_and_use_this_value_writes_the_code(pair):
    """Both machines changed 王芳's status: the values read 居家隔离 and 医学观察, not the
    stored codes; the value used is written as its code."""
    office, gate, stick = pair
    with office.transaction() as conn:
        conn.execute("UPDATE person SET status = 'home_isolation' WHERE id = 'p1'")
    with gate.transaction() as conn:
        conn.execute("UPDATE person SET status = 'observation' WHERE id = 'p1'")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    status = next(c for c in conflict_list(office) if c.field == "在册状态")
    assert {h.value for h in status.heads} == {"居家隔离", "医学观察"}
    use_value(office, status, next(h for h in status.heads if h.value == "医学观察"))
    assert office.conn.execute("SELECT status FROM person WHERE id = 'p1'").fetchone()[0] == "observation"


def test_using_a_value_closes_the_conflict_and_writes_it(pair):
    office, _, _ = pair
    (conflict,) = conflict_list(office)
    other = conflict.heads[1]
    use_value(office, conflict, other)
    assert conflict_list(office) == []
    assert open_conflicts(office.conn) == set()
    assert office.conn.execute("SELECT phone FROM person WHERE id = 'p1'").fetchone()[0] == other.value


def test_keeping_the_current_value_closes_the_conflict_on_the_other_machine_too(pair):
    office, gate, stick = pair
    (conflict,) = conflict_list(office)
    keep_current(office, conflict)
    assert conflict_list(office) == []
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    assert conflict_list(gate) == []
    assert gate.conn.execute("SELECT phone FROM person WHERE id = 'p1'").fetchone()[0] == conflict.heads[0].value


def test_a_household_conflict_reads_as_its_address(pair):
    office, gate, stick = pair
    with office.transaction() as conn:
        conn.execute("UPDATE household SET room = '502' WHERE id = 'h1'")
    with gate.transaction() as conn:
        conn.execute("UPDATE household SET room = '503' WHERE id = 'h1'")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    found = {c.field: c for c in conflict_list(office)}
    address = found["地址"]
    assert address.record.startswith("幸福里小区4栋2单元50")
    assert {h.value for h in address.heads} == {"幸福里小区4栋2单元502室", "幸福里小区4栋2单元503室"}
    assert duplicates(office) == 0


def test_two_machines_merging_one_pair_opposite_ways_read_as_people_not_ids(machines, tmp_path):
    """The office keeps 李四's first record, the gate (before any sync) the second: the open
    conflict on the sync page names 李四 and which record each kept, never a raw record id, and
    which machine made the merge row first is not a conflict to decide."""
    import re
    from desktop.sync.duplicates import merge_persons
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    try:
        with office.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.execute("INSERT INTO person (id, full_name, id_number, phone) VALUES"
                         " ('p1', '李四', '420106199002021239', '13700000001'),"
                         " ('p2', '李四', '420106199002021239', '13700000002')")
        export_package(office, stick, PASS)
        import_packages(gate, stick, PASS)
        merge_persons(office, "p1", "p2")
        merge_persons(gate, "p2", "p1")
        export_package(gate, stick, PASS)
        import_packages(office, stick, PASS)
        found = conflict_list(office)
        assert found
        uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|\bp[12]\b|person_merge|pair")
        for c in found:
            words = [c.record, c.field] + [h.value for h in c.heads]
            assert not any(uuid.search(w) for w in words), words
        merge = next(c for c in found if c.field == "合并")
        assert "李四" in merge.record
        assert {h.value for h in merge.heads} == {
            "合并：李四（保留，证件尾号1239，电话尾号0001）← 李四（另一条，证件尾号1239，电话尾号0002）",
            "合并：李四（保留，证件尾号1239，电话尾号0002）← 李四（另一条，证件尾号1239，电话尾号0001）"}
        # Which machine made the merge row first is nobody's decision (db/sync/merge.NOT_CONFLICTS).
        assert [c.field for c in found] == ["合并"]
    finally:
        office.close()
        gate.close()


def test_a_duty_merge_in_conflict_reads_as_the_people_on_duty_not_ids(machines, tmp_path):
    """Two machines each wrote the merge of 张志愿's two entries the other way round (an older
    version, or a hand-made row): the conflict names 张志愿, his phone's last four and unit, and
    which entry each kept, never a raw record id."""
    import re
    from db.sync.ids import uuid7
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    first, second, merge = uuid7(), uuid7(), uuid7()
    try:
        with office.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.execute("INSERT INTO duty_person (id, full_name, phone, kind, unit_name) VALUES"
                         " (?, '张志愿', '13800000001', 'volunteer', NULL),"
                         " (?, '张志愿', '13800000001', 'sunk_cadre', '区财政局')", (first, second))
        export_package(office, stick, PASS)
        import_packages(gate, stick, PASS)
        for db, kept, gone in ((office, first, second), (gate, second, first)):
            with db.transaction() as conn:
                conn.execute("INSERT INTO duty_merge (id, loser_id, survivor_id) VALUES (?, ?, ?)", (merge, gone, kept))
        export_package(gate, stick, PASS)
        import_packages(office, stick, PASS)
        (c,) = conflict_list(office)
        assert (c.record, c.field) == ("张志愿（值守人员，重复登记）", "合并")
        assert {h.value for h in c.heads} == {"合并：张志愿（保留，电话尾号0001）← 张志愿（另一条，电话尾号0001，区财政局）",
                                              "合并：张志愿（保留，电话尾号0001，区财政局）← 张志愿（另一条，电话尾号0001）"}
        uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{8}\b")
        assert not [w for w in (c.record, c.field, *(h.value for h in c.heads)) if uuid.search(w)]
    finally:
        office.close()
        gate.close()


def deleted_here_moved_in_there(machines, tmp_path):
    """The office deletes the empty household 601 while the gate, before any sync, puts 赵六 in
    it; both exchange. Returns (office, gate, stick)."""
    from desktop.register.rules import membership_id
    office, gate, stick = two_with_a_conflict(machines, tmp_path)
    with office.transaction() as conn:
        conn.execute("INSERT INTO household (id, compound_id, building_id, unit_id, room)"
                     " VALUES ('h2', 'cp1', 'b4', 'u2', '601')")
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE household SET is_deleted = 1 WHERE id = 'h2'")
    with gate.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name) VALUES ('p6', '赵六')")
        conn.execute("INSERT INTO membership (id, household_id, person_id, relation) VALUES (?, 'h2', 'p6', 'head')",
                     (membership_id("h2", "p6"),))
    for a, b in ((office, gate), (gate, office)):
        export_package(a, stick, PASS)
        import_packages(b, stick, PASS)
    return office, gate, stick


def hidden_household(db):
    return db.conn.execute("SELECT h.is_deleted, m.is_deleted, p.is_deleted FROM household h"
                           " JOIN membership m ON m.household_id = h.id JOIN person p ON p.id = m.person_id"
                           " WHERE h.id = 'h2'").fetchall()


def test_a_household_deleted_while_someone_moved_in_is_listed_and_restored(machines, tmp_path):
    from desktop.sync.exchange import open_conflicts_and_duplicates
    office, gate, stick = deleted_here_moved_in_there(machines, tmp_path)
    try:
        # Without a word the household was hidden on both, 赵六 in it.
        assert hidden_household(office) == hidden_household(gate) == [(1, 0, 0)]
        for db in (office, gate):
            (found,) = [c for c in conflict_list(db) if c.row_id == "h2"]
            assert found.record == "幸福里小区4栋2单元601室" and found.field == "删除"
            assert [h.value for h in found.heads] == ["删除这一户（赵六将不再属于任何一户）", "保留这一户：赵六还登记在这一户"]
            assert [h.device for h in found.heads] == [
                "本机" if db is office else office.site.site_name, "本机" if db is gate else gate.site.site_name]
        before = open_conflicts_and_duplicates(office)
        use_value(office, found, found.heads[1])
        assert hidden_household(office) == [(0, 0, 0)]
        assert open_conflicts_and_duplicates(office) == before - 1
        export_package(office, stick, PASS)
        import_packages(gate, stick, PASS)
        assert hidden_household(gate) == [(0, 0, 0)]
        assert [c for c in conflict_list(gate) if c.row_id == "h2"] == []
    finally:
        office.close()
        gate.close()


def test_keeping_the_deletion_takes_the_people_out_and_keeps_them(machines, tmp_path):
    office, gate, stick = deleted_here_moved_in_there(machines, tmp_path)
    try:
        (found,) = [c for c in conflict_list(gate) if c.row_id == "h2"]
        keep_current(gate, found)
        export_package(gate, stick, PASS)
        import_packages(office, stick, PASS)
        for db in (office, gate):
            assert hidden_household(db) == [(1, 1, 0)]          # 赵六 is still in the register
            assert [c for c in conflict_list(db) if c.row_id == "h2"] == []
    finally:
        office.close()
        gate.close()


def test_the_same_building_typed_on_two_machines_is_not_a_conflict_to_decide(pair):
    """Places have ids made from their names: the office and the gate each add building 5 before a
    sync and get one row. Which machine made it first is no one's decision: nothing to review."""
    office, gate, stick = pair
    for db, site in ((office, "office"), (gate, "gate")):
        with db.transaction() as conn:
            conn.execute("INSERT INTO building (id, compound_id, number, created_site, created_wall)"
                         " VALUES ('b5', 'cp1', '5', ?, ?)", (db.site.site_id, f"2026-12-06T08:0{len(site)}:00"))
    for a, b in ((office, gate), (gate, office)):
        export_package(a, stick, PASS)
        import_packages(b, stick, PASS)
    for db in (office, gate):
        assert [c.record for c in conflict_list(db)] == ["王芳"]      # the phone conflict only
    assert office.conn.execute("SELECT created_site FROM building WHERE id = 'b5'").fetchone() == \
        gate.conn.execute("SELECT created_site FROM building WHERE id = 'b5'").fetchone()


def test_a_place_in_conflict_is_named_by_its_place_not_its_id(pair):
    """Found by hand: a building whose number two machines changed apart was listed as
    '楼栋 b5……', an id no clerk can find. It reads as its place: the compound and the building."""
    office, gate, stick = pair
    with office.transaction() as conn:
        conn.execute("INSERT INTO building (id, compound_id, number, created_site, created_wall)"
                     " VALUES ('b5', 'cp1', '5', ?, '2026-12-06T08:00:00')", (office.site.site_id,))
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    for db, number in ((office, "5A"), (gate, "5B")):
        with db.transaction() as conn:
            conn.execute("UPDATE building SET number = ? WHERE id = 'b5'", (number,))
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    compound = office.conn.execute("SELECT name FROM compound WHERE id = 'cp1'").fetchone()[0]
    [building] = [c.record for c in conflict_list(office) if c.record != "王芳"]
    assert building.startswith(compound) and building.endswith("栋") and "b5" not in building, building


def test_care_and_isolation_conflicts_read_in_the_words_the_care_page_uses(pair):
    """Both machines changed 王芳's visit frequency and care categories: the values read 每周两次
    / 每3天 and 独居老人、低保困难 / 残疾人, not twice_weekly, elder_alone,low_income as they
    are stored; the record is 王芳（关爱对象，2020-02-01列入）, the fields 关爱类别 (not the 类别 other kinds
    are called by) and 走访频次, not cs1, categories."""
    office, gate, stick = pair
    with office.transaction() as conn:
        conn.execute("INSERT INTO care_subject (id, person_id, categories, frequency, listed_on)"
                     " VALUES ('cs1', 'p1', 'elder_alone', 'weekly', '2020-02-01')")
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE care_subject SET frequency = 'twice_weekly', categories = 'elder_alone,low_income'")
    with gate.transaction() as conn:
        conn.execute("UPDATE care_subject SET frequency = 'every_3_days', categories = 'disabled'")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    values = {(c.table, c.group): {h.value for h in c.heads} for c in conflict_list(office)}
    assert values[("care_subject", "frequency")] == {"每周两次", "每3天"}
    assert values[("care_subject", "categories")] == {"独居老人、低保困难", "残疾人"}
    care = [(c.record, c.field) for c in conflict_list(office) if c.table == "care_subject"]
    assert care == [("王芳（关爱对象，2020-02-01列入）", "关爱类别"), ("王芳（关爱对象，2020-02-01列入）", "走访频次")]


def test_a_checkpoints_kind_in_conflict_reads_as_its_words_not_its_code(pair):
    """The office made its gate a road checkpoint while the gate machine set it back: the
    values read 村道路口 and 小区大门, the words the gate settings use, not village_road and
    compound_gate as they are stored."""
    office, gate, stick = pair
    with office.transaction() as conn:
        conn.execute("INSERT INTO checkpoint (id, compound_id, name, kind) VALUES ('k1', 'cp1', '幸福里东门',"
                     " 'compound_gate')")
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE checkpoint SET kind = 'village_road' WHERE id = 'k1'")
    with gate.transaction() as conn:
        conn.execute("UPDATE checkpoint SET kind = 'village_road' WHERE id = 'k1'")
        conn.execute("UPDATE checkpoint SET kind = 'compound_gate' WHERE id = 'k1'")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    (kind,) = [c for c in conflict_list(office) if c.table == "checkpoint"]
    assert (kind.record, kind.field) == ("幸福里东门", "类别")
    assert {h.value for h in kind.heads} == {"村道路口", "小区大门"}
