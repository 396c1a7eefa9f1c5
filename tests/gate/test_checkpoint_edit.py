"""A checkpoint (卡口) is changed in place: renamed (a typo 东们), moved to another place or to the
whole community, its kind or temperature rule changed. The same checks as a new one; the same
row, so its passages keep it, and the edit is an ordinary change that syncs to other machines."""
from datetime import date

import pytest

from db.connection import Database
from db.sync.log import iter_changes
from desktop.errors import InputError
from desktop.gate.checkpoints import add_checkpoint, change_checkpoint, checkpoints, this_checkpoint
from desktop.gate.log import Passage, record_passage
from desktop.gate.subjects import person_subject
from desktop.printing.feeds import gate_log
from desktop.sync.exchange import export_package, import_packages
from tests.conftest import new_database_file


def test_a_renamed_checkpoint_keeps_its_passages_under_the_new_name(gate):
    db, cp = gate["db"], gate["checkpoint"]
    record_passage(db, Passage(person_subject(gate["app"].register.person(gate["people"]["张三"].id)), "out"), cp)
    changed = change_checkpoint(db, cp.id, "  幸福里南门 ", None, "village_road", False)
    assert changed == checkpoints(db)[0] == this_checkpoint(db)
    assert (changed.name, changed.compound_id, changed.kind, changed.temperature_on_entry) == (
        "幸福里南门", None, "village_road", False)
    assert len(checkpoints(db)) == 1                            # not a second checkpoint
    name, rows = gate_log(gate["app"].register, "幸福里南门", date.today())     # the printed sheet
    assert name == "幸福里南门" and [r.name for r in rows] == ["张三"]


def test_a_change_is_checked_as_a_new_checkpoint_is(gate):
    db, cp = gate["db"], gate["checkpoint"]
    add_checkpoint(db, "王家湾路口", gate["village"].id)
    with pytest.raises(InputError) as taken:
        change_checkpoint(db, cp.id, "王家湾路口", cp.compound_id, cp.kind, True)
    assert (taken.value.field, taken.value.message) == ("name", "卡口“王家湾路口”已经存在。")
    with pytest.raises(InputError) as empty:
        change_checkpoint(db, cp.id, "  ", cp.compound_id, cp.kind, True)
    assert empty.value.field == "name" and "请填写卡口名称" in empty.value.message
    with pytest.raises(InputError) as kind:
        change_checkpoint(db, cp.id, "幸福里东门", cp.compound_id, "tower", True)
    assert kind.value.field == "kind"
    assert change_checkpoint(db, cp.id, "幸福里东门", cp.compound_id, cp.kind, False).name == "幸福里东门"  # its own name
    assert sorted(c.name for c in checkpoints(db)) == ["幸福里东门", "王家湾路口"]


def test_the_change_is_in_the_change_log_and_reaches_another_machine(gate, tmp_path, empty_register):
    db, cp = gate["db"], gate["checkpoint"]
    stick = tmp_path / "stick"
    stick.mkdir()
    other = Database(new_database_file(empty_register, tmp_path / "gate.db"), config_file=tmp_path / "gate.json",
                     user_name="门岗")
    try:
        export_package(db, stick, "幸福里 门岗 同步 口令")
        import_packages(other, stick, "幸福里 门岗 同步 口令")
        with db.reading() as conn:
            before = max(c.seq for c in iter_changes(conn) if c.site_id == db.site.site_id)
        change_checkpoint(db, cp.id, "幸福里南门", cp.compound_id, cp.kind, False)
        with db.reading() as conn:
            made = [c for c in iter_changes(conn, {db.site.site_id: before})]
        assert [(c.tbl, c.row_id) for c in made] == [("checkpoint", cp.id)] and "幸福里南门" in made[0].cols
        export_package(db, stick, "幸福里 门岗 同步 口令")
        import_packages(other, stick, "幸福里 门岗 同步 口令")
        row = other.conn.execute("SELECT name, temperature_on_entry FROM checkpoint WHERE id = ?", (cp.id,)).fetchall()
        assert row == [("幸福里南门", 0)] and other.conn.execute("SELECT count(*) FROM checkpoint").fetchone()[0] == 1
    finally:
        other.close()


def test_a_removed_checkpoint_is_hidden_and_its_passages_keep_its_name(gate):
    from datetime import datetime
    from desktop.gate.checkpoints import passages_at, remove_checkpoint
    from desktop.gate.log import day_entries
    from desktop.overview.today import gates_today
    db, cp = gate["db"], gate["checkpoint"]
    other = add_checkpoint(db, "王家湾路口", gate["village"].id)
    record_passage(db, Passage(person_subject(gate["app"].register.person(gate["people"]["张三"].id)), "out"), cp)
    assert passages_at(db, cp.id) == 1
    remove_checkpoint(db, cp.id)
    assert checkpoints(db) == [other] and this_checkpoint(db) == other       # off the lists
    with db.reading() as conn:                                               # hidden, not deleted
        assert conn.execute("SELECT name, is_deleted FROM checkpoint WHERE id = ?", (cp.id,)).fetchall() == [
            ("幸福里东门", 1)]
    assert [e.checkpoint for e in day_entries(db, date.today().isoformat())] == ["幸福里东门"]
    name, rows = gate_log(gate["app"].register, "幸福里东门", date.today())      # its sheet still prints
    assert name == "幸福里东门" and [r.name for r in rows] == ["张三"]
    counted, _ = gates_today(db, datetime.now())
    assert [(g.name, g.went_out) for g in counted if g.checkpoint_id == cp.id] == [("幸福里东门", 1)]
    with pytest.raises(InputError) as twice:
        remove_checkpoint(db, cp.id)
    assert "没有找到这个卡口" in twice.value.message


def test_a_removed_gates_old_paper_ledger_imports_under_its_name(gate, tmp_path):
    """A gate closed (removed) last week, its paper ledger found in a drawer: `menshen import
    --gate 幸福里东门` said 没有名为“幸福里东门”的卡口 while the day's log and its printed sheet
    still show that gate (the import looked at the gates in use only, by its own check). The
    one lookup, checkpoint_called: its passages come in under its name; a gate never named
    there is said as printing says it, with the gates there are."""
    from dataclasses import replace
    from desktop.excel.importer import apply_import, plan_import
    from desktop.gate.checkpoints import remove_checkpoint
    from desktop.gate.log import day_entries
    from tests.excel.conftest import write_book
    db, cp = gate["db"], gate["checkpoint"]
    add_checkpoint(db, "王家湾路口", gate["village"].id)
    remove_checkpoint(db, cp.id)
    ledger = write_book(tmp_path / "东门.xlsx", {"出入": [["日期", "时间", "姓名", "进出"],
                                                       ["2020/2/10", "08:00", "张一", "出"]]})
    plan = plan_import(gate["app"], ledger, "gate")
    with pytest.raises(InputError) as unknown:
        apply_import(gate["app"], replace(plan, gate="北门"))
    assert unknown.value.message == "没有名为“北门”的卡口。可选：王家湾路口"
    assert apply_import(gate["app"], replace(plan, gate=" 幸福里东门 ")).imported == 1
    assert [(e.holder_name, e.checkpoint) for e in day_entries(db, "2020-02-10")] == [("张一", "幸福里东门")]
