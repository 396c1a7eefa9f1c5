"""Which gate this machine is (issue 13, point 2): asked, remembered per machine (not in the
database file, not synced), and no passage is ever saved without one."""
import shutil
from datetime import date, datetime

import pytest

from desktop.app import open_app
from desktop.demo import make_demo
from desktop.errors import InputError
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint, this_checkpoint
from desktop.gate.demo import make_gate_demo
from desktop.gate.subjects import person_subject


def test_no_gate_no_passage(app_ctx, small_community):
    db = app_ctx.db
    add_checkpoint(db, "幸福里东门", small_community["compound"].id)
    add_checkpoint(db, "幸福里西门", small_community["compound"].id)
    assert this_checkpoint(db) is None
    zhang = person_subject(small_community["people"]["张三"])
    with pytest.raises(InputError) as e:
        gate_log.record_passage(db, gate_log.Passage(zhang, "out"), None, datetime(2020, 2, 20, 8))
    assert e.value.field == "checkpoint" and "卡口" in e.value.message
    assert gate_log.day_entries(db, "2020-02-20") == []


def test_the_choice_belongs_to_the_machine_not_the_file(tmp_path, monkeypatch, app_ctx, small_community):
    db = app_ctx.db
    east = add_checkpoint(db, "幸福里东门", small_community["compound"].id)
    add_checkpoint(db, "幸福里西门", small_community["compound"].id)
    serve_checkpoint(db, east.id)
    assert this_checkpoint(db) == east
    with db.reading() as conn:       # nothing in the file: a copy does not carry it, sync never sees it
        assert conn.execute("SELECT count(*) FROM local_setting WHERE key LIKE 'gate%'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sync_change WHERE tbl = 'local_setting'").fetchone()[0] == 0
    copy = tmp_path / "laptop" / "register.db"
    copy.parent.mkdir()
    app_ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(app_ctx.db.path, copy)
    monkeypatch.setenv("MENSHEN_HOME", str(tmp_path / "another machine"))
    laptop = open_app(copy)
    try:
        assert this_checkpoint(laptop.db) is None       # the gate laptop asks for its own gate
    finally:
        laptop.close()


def test_the_demo_picks_a_gate_for_its_machine(app_ctx):
    make_demo(app_ctx.db, households=30, seed=3, today=date(2020, 2, 20))
    make_gate_demo(app_ctx.db, days=1, seed=3, today=date(2020, 2, 20))
    assert this_checkpoint(app_ctx.db) is not None
