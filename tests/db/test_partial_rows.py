"""Replicated tables accept a partial row (issue 14 point 4): a patch that arrives before its
row's insert can be applied, and a privacy purge can write NULL to personal data; the register
still requires what a clerk must type."""
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from db import migrations
from db.connection import Database
from db.sync.log import iter_changes
from db.sync.registry import SYNC_TABLES
from db.sync.versions import row_versions
from desktop.register import PersonForm, Register

FIXTURES = Path(__file__).parent / "fixtures"
OTHER = "0190aaaa-0000-7000-8000-000000000000"
PID = "0190aaaa-0000-7000-8000-0000000000ff"


def _partial_rows_module():
    path = next(p for _, p in migrations.available() if p.name.endswith("_partial_rows.py"))
    spec = importlib.util.spec_from_file_location("partial_rows", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _required(conn, table):
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[3] and r[4] is None and not r[5]]


def test_no_replicated_column_is_required_beyond_the_key(db):
    assert {t: _required(db.conn, t) for t in SYNC_TABLES if _required(db.conn, t)} == {}


def _receive(db, seq, hlc, cols, base="{}", kind="patch", tbl="person", row=PID):
    """What the sync importer will do with one change from another site: keep it in the log."""
    db.conn.execute("INSERT INTO sync_change (site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256,"
                    " schema_version, wall_time, user_name) VALUES (?,?,?,?,?,?,?,?,NULL,15,NULL,'别处')",
                    (OTHER, seq, hlc, tbl, row, kind, cols, base))


def test_a_patch_applied_before_its_insert_makes_a_partial_row_completed_later(db):
    reg = Register(db)
    with db.transaction() as conn:
        db.recorder.applying = 1           # the importer writes merged rows without capture
        try:
            # The edit of the phone arrives first: the row exists with nothing but its phone.
            _receive(db, 2, 200 << 16, '{"phone":{"phone":"13900139000"}}', f'{{"phone":[["{OTHER}",1]]}}')
            conn.execute("INSERT INTO person (id, phone) VALUES (?, '13900139000')", (PID,))
        finally:
            db.recorder.applying = 0
    assert conn.execute("SELECT full_name, phone FROM person WHERE id = ?", (PID,)).fetchone() == (None, "13900139000")
    with db.transaction() as conn:
        db.recorder.applying = 1           # then the insert: only the groups it still wins are written
        try:
            _receive(db, 1, 100 << 16, '{"is_deleted":{"is_deleted":0},"name":{"full_name":"张三",'
                                       '"name_initials":"zs","name_pinyin":"zhang san"},"phone":{"phone":"13800138000"}}')
            conn.execute("UPDATE person SET full_name = '张三', name_initials = 'zs', name_pinyin = 'zhang san'"
                         " WHERE id = ?", (PID,))
        finally:
            db.recorder.applying = 0
    person = reg.person(PID)
    assert (person.full_name, person.phone) == ("张三", "13900139000")
    # Nothing local was logged by the merge; a local edit then builds on both received versions.
    assert {c.site_id for c in iter_changes(db.conn)} == {OTHER}
    with db.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13700137000', full_name = '张三丰' WHERE id = ?", (PID,))
    mine = [c for c in iter_changes(db.conn) if c.site_id == db.site.site_id]
    assert json.loads(mine[0].base) == {"name": [[OTHER, 1]], "phone": [[OTHER, 2]]}
    cells, heads = row_versions(db.conn, "person", PID)
    assert heads["phone"] == {(db.site.site_id, mine[0].seq)}


def test_a_privacy_purge_writes_null_to_personal_data(db, make_id):
    reg = Register(db)
    p = reg.add_person(PersonForm(full_name="张三", id_number=make_id(), phone="13800138000"))
    with db.transaction() as conn:
        conn.execute("UPDATE person SET full_name = NULL, name_pinyin = NULL, name_initials = NULL,"
                     " id_number = NULL, phone = NULL, is_deleted = 2 WHERE id = ?", (p.id,))
        conn.execute("UPDATE membership SET household_id = NULL WHERE person_id = ?", (p.id,))
    purge = [c for c in iter_changes(db.conn) if c.row_id == p.id][-1]
    cols = json.loads(purge.cols)
    assert cols["name"] == {"full_name": None, "name_initials": None, "name_pinyin": None}
    assert cols["phone"] == {"phone": None} and cols["is_deleted"] == {"is_deleted": 2}
    assert db.conn.execute("SELECT full_name, id_number, phone FROM person WHERE id = ?", (p.id,)).fetchone() \
        == (None, None, None)


def test_the_register_still_requires_a_name(db):
    from desktop.errors import InputError, InputErrors
    with pytest.raises((InputError, InputErrors)):
        Register(db).add_person(PersonForm(full_name=""))
    assert db.conn.execute("SELECT count(*) FROM person").fetchone() == (0,)


def test_the_landed_file_keeps_its_rows_indexes_triggers_and_search(tmp_path):
    shutil.copy(FIXTURES / "landed.db", tmp_path / "old.db")
    raw = sqlite3.connect(tmp_path / "old.db")
    # The landed file's tables (tables added since are made empty by the migrations).
    landed = [t for t in SYNC_TABLES if raw.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t,)).fetchone()]
    # Its columns: a column added since (gate_log.visiting_household_id) is new and empty.
    kept = {t: ", ".join(r[1] for r in raw.execute(f"PRAGMA table_info({t})")) for t in landed}
    before = {t: raw.execute(f"SELECT rowid, {kept[t]} FROM {t} ORDER BY rowid").fetchall() for t in landed}
    objects = set(raw.execute("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
                              " AND tbl_name NOT LIKE 'sync\\_%' ESCAPE '\\' AND name NOT LIKE 'sync\\_%' ESCAPE '\\'"))
    name = raw.execute("SELECT full_name FROM person WHERE is_deleted = 0 ORDER BY rowid LIMIT 1 OFFSET 2").fetchone()[0]
    raw.close()
    database = Database(tmp_path / "old.db", config_file=tmp_path / "site.json")
    try:
        conn = database.conn
        assert {t: conn.execute(f"SELECT rowid, {kept[t]} FROM {t} ORDER BY rowid").fetchall() for t in landed} == before
        after = set(conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"))
        assert objects <= after
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert {t: _required(conn, t) for t in SYNC_TABLES if _required(conn, t)} == {}
        from desktop.search import search_people
        assert name in [p.full_name for p in search_people(database, name)]
    finally:
        database.close()


def test_the_twelve_step_rebuild_keeps_rows_rowids_indexes_and_triggers(tmp_path):
    """The path taken where the definition cannot be edited in place."""
    module = _partial_rows_module()
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL DEFAULT 3, c REAL)")
    conn.execute("CREATE INDEX t_a ON t(a)")
    conn.execute("CREATE TABLE seen (x)")
    conn.execute("CREATE TRIGGER t_seen AFTER INSERT ON t BEGIN INSERT INTO seen VALUES (NEW.id); END")
    conn.executemany("INSERT INTO t (rowid, id, a, c) VALUES (?, ?, ?, ?)", [(10, "x", "1", 1.5), (20, "y", "2", None)])
    conn.execute("PRAGMA legacy_alter_table = ON")
    assert module.rebuild(conn, "t")
    assert conn.execute("SELECT rowid, * FROM t ORDER BY rowid").fetchall() == [(10, "x", "1", 3, 1.5), (20, "y", "2", 3, None)]
    assert [r[3] for r in conn.execute("PRAGMA table_info(t)")] == [0, 0, 1, 0]
    conn.execute("INSERT INTO t (id, a) VALUES ('z', NULL)")
    assert conn.execute("SELECT x FROM seen").fetchall() == [("x",), ("y",), ("z",)]
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {"t_a"}
    conn.close()
