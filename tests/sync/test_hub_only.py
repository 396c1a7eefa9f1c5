"""Tables only some roles may write (SYNC.md 9.6 ``writers``; issue 15): none is declared today
(see docs/sync.md); the import refuses such a change from another role, the database untouched."""
import dataclasses

from db.sync import registry
from desktop.sync.exchange import export_package, import_packages
from tests.sync.test_clock_skew import PASS, file_hash, machines  # noqa: F401 (fixture)



def test_a_table_only_the_hub_writes_refuses_a_gates_change(machines, tmp_path, monkeypatch):
    """SYNC.md 9.6: no table declares ``writers`` today; when one does, a change to it from a
    machine of another role refuses the whole package, the database untouched. The refusal names
    that machine as the sync page does; it said 来自社区办公室电脑 of a gate laptop (every machine's
    role is office: roles are no longer shown, docs/sync.md "Which computer is which")."""
    from desktop.sync.status import name_this_machine
    stick = tmp_path / "stick"
    stick.mkdir()
    gate = machines("gate")
    name_this_machine(gate, "村口卡口笔记本")
    with gate.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO checkpoint (id, name) VALUES ('k1', '北门')")
    export_package(gate, stick, PASS)
    office = machines("office")
    with office.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
    monkeypatch.setitem(registry.SYNC_TABLES, "checkpoint",
                        dataclasses.replace(registry.SYNC_TABLES["checkpoint"], writers=frozenset({"hub"})))
    before = file_hash(office)
    got = import_packages(office, stick, PASS)
    assert got.packages == 0 and len(got.refused) == 1
    said = got.refused[0][1].message
    assert "只能由街道汇总电脑修改" in said and "没有导入" in said
    assert f"电脑“村口卡口笔记本（{gate.site.site_code}）”对“卡口”的修改" in said and "办公室电脑" not in said
    assert file_hash(office) == before
    monkeypatch.undo()
    assert import_packages(office, stick, PASS).packages == 1
