"""Schema migrations: a new file is set up, an old one upgraded safely, a newer one refused."""
import json
import os
import re
import shutil
import sqlite3

import pytest

from db import migrations
from db.connection import Database
from db.sync.log import CHANGE_FORMAT
from db.errors import MigrationError, NewerDatabaseError, NotADatabaseError, StorageError
from desktop.register import PersonForm, Register

REGISTER_TABLES = {"community", "grid", "compound", "building", "unit", "household", "person",
                   "membership", "status_change", "travel_record"}
SYNC_META = {"local_meta", "sync_site", "sync_log", "sync_site_no", "sync_table_no", "sync_shape",
             "sync_knowledge", "sync_peer", "sync_package_log"}
CJK = re.compile(r"[\u4e00-\u9fff]")
REAL_SCHEMA_DIR = migrations.SCHEMA_DIR


def raw(path):
    """A plain connection for looking at the file from outside Menshen."""
    return sqlite3.connect(path)


def tables(path) -> set[str]:
    conn = raw(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def user_version(path) -> int:
    conn = raw(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def columns(path, table) -> list[str]:
    conn = raw(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def backups(tmp_path) -> list:
    return sorted(tmp_path.glob("t.db.v*.bak"))


def copy_schema(tmp_path, extra_name: str | None = None, extra_sql: str = ""):
    """A copy of the real migrations, plus one more; returns the folder."""
    folder = tmp_path / "schema"
    folder.mkdir()
    for path in REAL_SCHEMA_DIR.glob("[0-9]*_*.*"):
        if path.suffix in (".sql", ".py"):
            shutil.copy(path, folder / path.name)
    if extra_name:
        (folder / extra_name).write_text(extra_sql, "utf-8")
    return folder


def old_register(tmp_path, monkeypatch, version: int) -> Database:
    """``t.db`` opened by a build whose schema ended at ``version`` (its first migrations only),
    for a test to write into as that build did; ``reopened`` then opens it at today's schema."""
    old = tmp_path / f"schema{version}"
    old.mkdir()
    for _number, path in migrations.available()[:version]:
        shutil.copy(path, old / path.name)
    monkeypatch.setattr(migrations, "SCHEMA_DIR", old)
    return Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")


def reopened(tmp_path, monkeypatch) -> Database:
    """``t.db`` opened by today's build: migrated to the latest schema."""
    monkeypatch.setattr(migrations, "SCHEMA_DIR", REAL_SCHEMA_DIR)
    return Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")


def make_db_with_data(tmp_path, make_id) -> str:
    """A current-version database holding one person; returns the person's id."""
    database = Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        person = Register(database).add_person(PersonForm(full_name="张三", id_number=make_id()))
        return person.id
    finally:
        database.close()


# -- a new file -----------------------------------------------------------------------------

def test_new_file_is_migrated_to_the_latest_version(db, tmp_path):
    assert migrations.latest_version() == len([p for p in migrations.SCHEMA_DIR.glob("[0-9][0-9][0-9][0-9]_*.*")
                                               if p.suffix in (".sql", ".py")])
    assert migrations.latest_version() >= 2
    assert migrations.current_version(db.conn) == migrations.latest_version()
    found = tables(tmp_path / "t.db")
    assert REGISTER_TABLES <= found
    assert SYNC_META <= found
    assert {"person_name_fts", "person_digits_fts"} <= found
    conn = raw(tmp_path / "t.db")
    try:       # SYNC.md's change log, as a view of the compact one, readable without Menshen
        assert conn.execute("SELECT type FROM sqlite_master WHERE name = 'sync_change'").fetchone() == ("view",)
        assert conn.execute("SELECT count(*) FROM sync_change").fetchone() == (0,)
    finally:
        conn.close()


def test_new_file_gets_no_backup(db, tmp_path):
    assert backups(tmp_path) == []


def test_new_file_is_usable_straight_away(db):
    reg = Register(db)
    c = reg.add_compound("幸福里")
    assert [x.name for x in reg.compounds()] == ["幸福里"]
    assert c.id


def test_migrations_are_numbered_without_gaps():
    numbers = [n for n, _ in migrations.available()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_gap_in_the_numbering_is_refused(tmp_path, monkeypatch):
    folder = copy_schema(tmp_path, "0004_gap.sql", "CREATE TABLE gap (id TEXT PRIMARY KEY);")
    monkeypatch.setattr(migrations, "SCHEMA_DIR", folder)
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.available()


# -- opening again --------------------------------------------------------------------------

def test_opening_twice_applies_nothing_the_second_time(tmp_path, monkeypatch, make_id):
    applied = []
    real_migrate = migrations.migrate

    def spy(conn, path, **kw):
        result = real_migrate(conn, path, **kw)
        applied.append(result)
        return result
    monkeypatch.setattr(migrations, "migrate", spy)

    pid = make_db_with_data(tmp_path, make_id)
    again = Database(tmp_path / "t.db", config_file=tmp_path / "site.json")
    try:
        assert applied[0] == list(range(1, migrations.latest_version() + 1))
        assert applied[1] == []
        assert Register(again).person(pid).full_name == "张三"
        assert migrations.current_version(again.conn) == migrations.latest_version()
    finally:
        again.close()
    assert backups(tmp_path) == []          # nothing migrated, so no backup either


# -- a newer file ---------------------------------------------------------------------------

def _newer_file(path, wal: bool) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.execute("CREATE TABLE person (id TEXT PRIMARY KEY, full_name TEXT, shiny_new TEXT)")
    conn.execute("INSERT INTO person VALUES ('p1', '张三', 'x')")
    conn.commit()
    conn.close()


def _refuse_newer(tmp_path, wal: bool):
    path = tmp_path / "t.db"
    _newer_file(path, wal)
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as info:
        Database(path, config_file=tmp_path / "site.json", user_name="tester")
    return path, before, info.value


def test_newer_file_is_refused_with_a_chinese_message(tmp_path):
    path, before, err = _refuse_newer(tmp_path, wal=True)
    assert isinstance(err, StorageError)
    assert "更新版本" in err.message
    assert CJK.search(err.message)
    assert err.found == migrations.latest_version() + 5
    assert err.supported == migrations.latest_version()
    assert str(path) in err.message


def test_newer_wal_file_is_left_byte_for_byte_unchanged(tmp_path):
    path, before, _ = _refuse_newer(tmp_path, wal=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.db"]   # no site.json, no backup
    assert user_version(path) == migrations.latest_version() + 5


def test_newer_rollback_journal_file_is_left_byte_for_byte_unchanged(tmp_path):
    path, before, _ = _refuse_newer(tmp_path, wal=False)
    assert path.read_bytes() == before


def test_refusing_a_newer_file_does_not_write_a_site(tmp_path):
    _refuse_newer(tmp_path, wal=True)
    assert not (tmp_path / "site.json").exists()


# -- a migration that fails -----------------------------------------------------------------

BROKEN = """
CREATE TABLE shiny (id TEXT PRIMARY KEY, label TEXT);
ALTER TABLE person ADD COLUMN email TEXT;
INSERT INTO shiny VALUES ('a', 'half done');
INSERT INTO no_such_table VALUES (1);
CREATE TABLE never_reached (id TEXT PRIMARY KEY);
"""


def test_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch, make_id):
    pid = make_db_with_data(tmp_path, make_id)
    version = user_version(tmp_path / "t.db")
    before_tables = tables(tmp_path / "t.db")
    before_columns = columns(tmp_path / "t.db", "person")

    monkeypatch.setattr(migrations, "SCHEMA_DIR", copy_schema(tmp_path, f"{version + 1:04d}_broken.sql", BROKEN))
    with pytest.raises(MigrationError) as refused:
        Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")
    # The clerk is told in Chinese that nothing changed and where the backup is.
    assert "升级已撤回，数据没有改动" in refused.value.message
    assert backups(tmp_path)[0].name in refused.value.message
    assert "no_such_table" in refused.value.detail

    assert user_version(tmp_path / "t.db") == version
    assert tables(tmp_path / "t.db") == before_tables
    assert "shiny" not in tables(tmp_path / "t.db")
    assert columns(tmp_path / "t.db", "person") == before_columns
    # The capture triggers are still there (they are dropped and recreated by a migration).
    conn = raw(tmp_path / "t.db")
    try:
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"sync_person_ins", "sync_person_upd", "sync_person_del"} <= triggers
        assert conn.execute("SELECT full_name FROM person WHERE id = ?", (pid,)).fetchone() == ("张三",)
    finally:
        conn.close()

    # With the broken migration gone, the file opens as before with its data and its site.
    again = reopened(tmp_path, monkeypatch)
    try:
        assert Register(again).person(pid).full_name == "张三"
        assert again.site.minted_because == ""
    finally:
        again.close()


def test_backup_is_made_before_migrating_a_file_with_data(tmp_path, monkeypatch, make_id):
    pid = make_db_with_data(tmp_path, make_id)
    version = user_version(tmp_path / "t.db")
    monkeypatch.setattr(migrations, "SCHEMA_DIR", copy_schema(tmp_path, f"{version + 1:04d}_broken.sql", BROKEN))
    with pytest.raises(MigrationError):
        Database(tmp_path / "t.db", config_file=tmp_path / "site.json")
    found = backups(tmp_path)
    assert len(found) == 1
    assert f".v{version}-" in found[0].name
    assert user_version(found[0]) == version
    conn = raw(found[0])
    try:
        assert conn.execute("SELECT full_name FROM person WHERE id = ?", (pid,)).fetchone() == ("张三",)
    finally:
        conn.close()


def test_successful_migration_backs_up_and_captures_new_columns(tmp_path, monkeypatch, make_id, changes):
    pid = make_db_with_data(tmp_path, make_id)
    version = user_version(tmp_path / "t.db")
    monkeypatch.setattr(migrations, "SCHEMA_DIR", copy_schema(
        tmp_path, f"{version + 1:04d}_email.sql", "ALTER TABLE person ADD COLUMN email TEXT;"))
    database = Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        assert migrations.current_version(database.conn) == version + 1
        assert len(backups(tmp_path)) == 1
        assert "email" in columns(tmp_path / "t.db", "person")
        # The regenerated triggers know the new column: editing it is recorded, alone.
        seq = database.conn.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
        with database.transaction() as conn:
            conn.execute("UPDATE person SET email = 'zs@example.cn' WHERE id = ?", (pid,))
        new = changes(database, after=seq)
        assert len(new) == 1
        assert new[0]["cols"] == {"email": {"email": "zs@example.cn"}}
        # The change format has its own version: a migration does not change it (issue 14).
        assert new[0]["schema_version"] == CHANGE_FORMAT
        assert {c["schema_version"] for c in changes(database)} == {CHANGE_FORMAT}
        assert Register(database).person(pid).full_name == "张三"
    finally:
        database.close()


def test_migrate_refuses_to_run_inside_an_open_transaction(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute("CREATE TABLE t (a)")
        with pytest.raises(RuntimeError):
            migrations.migrate(conn, None)
    finally:
        conn.close()


# -- a file that is not a database ----------------------------------------------------------

@pytest.mark.parametrize("content", [
    os.urandom(8192),
    ("姓名,身份证号,电话\n张三,11010519491231002X,13800138000\n" * 20).encode("utf-8"),
])
def test_a_file_that_is_not_a_database_is_refused_with_a_chinese_message(tmp_path, content):
    path = tmp_path / "t.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as info:
        Database(path, config_file=tmp_path / "site.json")
    err = info.value
    assert isinstance(err, StorageError)
    assert CJK.search(err.message)
    assert "不是门神的数据文件" in err.message
    assert path.read_bytes() == content
    assert not (tmp_path / "site.json").exists()


def _workbook(path):
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("make, kind", [
    (_workbook, "Excel 工作簿"),
    (lambda p: "姓名,电话\n张三,13800138000\n".encode("utf-8"), "文本文件"),
    (lambda p: b"%PDF-1.4\n" + b"x" * 3000, "PDF 文件"),
    (lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088), "旧版 Excel"),
])
def test_a_workbook_or_text_renamed_db_is_named_and_no_passphrase_is_asked_for(tmp_path, monkeypatch, make, kind):
    """A file of another kind given the data file's name is said to be what it is: never taken
    for an encrypted register (whose login and passphrase the clerk would then hunt for)."""
    from db import driver
    monkeypatch.delenv(driver.KEY_ENV, raising=False)
    path = tmp_path / "menshen.db"
    content = make(tmp_path / "book.xlsx")
    path.write_bytes(content)
    assert not driver.is_encrypted(path)
    for key in (None, "some passphrase"):
        with pytest.raises(NotADatabaseError) as info:
            Database(path, config_file=tmp_path / "site.json", key=key)
        assert kind in info.value.message and "口令" not in info.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["menshen.db"] + (["book.xlsx"] if kind == "Excel 工作簿" else []))


def test_a_database_from_before_the_capture_rework_keeps_its_log_and_search(tmp_path, monkeypatch, make_id):
    """A file made by the build with per-group version tables and a WITHOUT ROWID log (schema 9)
    is migrated with every change intact; the next edit's base is its last version."""
    database = old_register(tmp_path, monkeypatch, 9)
    try:
        # Written as that build left it: the row (its search entry by the old triggers) and its
        # changes. Today's capture code does not run on the old schema, so the log is by hand.
        conn, site, pid = database.conn, database.site.site_id, "0190aaaa-0000-7000-8000-0000000000aa"
        database.recorder.applying = 1
        conn.execute("INSERT INTO person (id, full_name, name_pinyin, name_initials, id_number, phone)"
                     " VALUES (?, '张三', 'zhangsan', 'zs', ?, '13900139000')", (pid, make_id()))
        for seq, cols, base in [(1, '{"name":{"full_name":"张三"},"phone":{"phone":"13800138000"}}',
                                 '{"name":[],"phone":[]}'),
                                (2, '{"phone":{"phone":"13900139000"}}', f'{{"phone":[["{site}",1]]}}')]:
            conn.execute("INSERT INTO sync_change VALUES (?, ?, ?, 'person', ?, 'patch', ?, ?, 'h', 9, NULL, NULL)",
                         (site, seq, seq << 16, pid, cols, base))
        conn.execute("UPDATE sync_site SET next_seq = 3 WHERE site_id = ?", (site,))
        log = conn.execute("SELECT site_id, seq, hlc, cols, base, content_sha256 FROM sync_change"
                           " ORDER BY seq").fetchall()
    finally:
        database.close()
    assert user_version(tmp_path / "t.db") == 9
    database = reopened(tmp_path, monkeypatch)
    try:
        conn = database.conn
        assert conn.execute("SELECT site_id, seq, hlc, cols, base, content_sha256 FROM sync_change"
                            " ORDER BY seq").fetchall() == log
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"sync_cell", "sync_head", "sync_base_ref", "sync_pending", "search_place_dirty"}
        from desktop.search import search_people
        assert [p.full_name for p in search_people(database, "zs")] == ["张三"]
        assert [p.full_name for p in search_people(database, "0139")] == ["张三"]
        with database.transaction():
            conn.execute("UPDATE person SET phone = '13700137000' WHERE id = ?", (pid,))
        base = conn.execute("SELECT base FROM sync_change ORDER BY seq DESC LIMIT 1").fetchone()[0]
        assert json.loads(base) == {"phone": [[site, 2]]}
        assert [p.full_name for p in search_people(database, "0137")] == ["张三"]
    finally:
        database.close()


def test_a_database_from_before_duty_merges_keeps_its_duty_list_and_can_merge(tmp_path, monkeypatch):
    """A file made before duty merges replicated (schema 23) opens with its people on duty, their
    shifts and their changes as they were, and the two entries of one volunteer can be merged."""
    from datetime import date

    from desktop.duty.duplicates import merge_people
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    database = old_register(tmp_path, monkeypatch, 23)
    try:
        compound = Register(database).add_compound("幸福里")
        first = DutyBook(database).add_person("张志愿", "13800000001")
        Roster(database).add_shift(first.id, "care_round", date(2020, 2, 10), "08:00", "16:00",
                                   compound_id=compound.id)
        with database.transaction() as conn:     # the laptop's entry, come by sync: no phone
            conn.execute("INSERT INTO duty_person (id, full_name) VALUES ('ffffffff-0000-7000-8000-000000000001',"
                         " '张志愿')")
        log = database.conn.execute("SELECT site_id, seq, content_sha256 FROM sync_change ORDER BY seq").fetchall()
    finally:
        database.close()
    assert user_version(tmp_path / "t.db") == 23 and "duty_merge" not in tables(tmp_path / "t.db")
    database = reopened(tmp_path, monkeypatch)
    try:
        assert migrations.current_version(database.conn) == migrations.latest_version()
        assert len(backups(tmp_path)) == 1
        assert database.conn.execute("SELECT site_id, seq, content_sha256 FROM sync_change"
                                     " ORDER BY seq").fetchall() == log
        assert sorted(p.phone for p in DutyBook(database).people()) == ["", "13800000001"]
        assert merge_people(database, first.id, "ffffffff-0000-7000-8000-000000000001") == 0
        (kept,) = DutyBook(database).people()
        assert kept.id == first.id and [s.full_name for s in Roster(database).week(date(2020, 2, 10))] == ["张志愿"]
    finally:
        database.close()


def test_a_register_from_before_house_numbers_were_searched_finds_its_village_houses(tmp_path, monkeypatch):
    """A file of schema 24 (its index held no house numbers) opens with each village house
    found by its door: '2号' and '王家湾2号' (as an older version stored it)."""
    from desktop.register import HouseholdForm
    from desktop.search import search_people
    database = old_register(tmp_path, monkeypatch, 24)
    try:
        register = Register(database)
        group = register.add_compound("王家湾村民小组", kind="village_group")
        house = register.add_household(HouseholdForm(compound_id=group.id, address_text="2号"))
        register.add_person(PersonForm(full_name="王大爷"), house.id, "head")
        with database.transaction() as conn:
            conn.execute("UPDATE household SET address_text = '王家湾2号' WHERE id = ?", (house.id,))
        assert search_people(database, "2号") == []
    finally:
        database.close()
    database = reopened(tmp_path, monkeypatch)
    try:
        assert [p.full_name for p in search_people(database, "2号")] == ["王大爷"]
        assert [p.full_name for p in search_people(database, "王家湾组 王")] == ["王大爷"]
    finally:
        database.close()


def test_a_register_from_before_ties_of_passages_opens_with_the_later_one_last(tmp_path, monkeypatch):
    """A file of schema 26 kept the first saved of a person's two passages in one second (0020's
    triggers); opened now (0027), the later one (the greater id: db.bulk.last_passages) is their
    last passage, 外出未归 counts them, the triggers keep that rule, and every change is exported."""
    from datetime import datetime

    from desktop.gate.day import check_last_passages, day_summary
    from desktop.sync.exchange import export_package
    from tests.conftest import quick_keys
    database = old_register(tmp_path, monkeypatch, 26)
    passage = ("INSERT INTO gate_log (id, checkpoint_id, at, direction, person_id, outcome)"
               " VALUES (?, ?, '2026-12-04T08:00:00', ?, ?, 'allowed')")
    try:
        with database.transaction() as conn:
            conn.execute(passage, ("g1", "gate-B", "in", "p"))
            conn.execute(passage, ("g2", "gate-A", "out", "p"))
        assert database.conn.execute("SELECT log_id FROM gate_person_last").fetchall() == [("g1",)]
        log = database.conn.execute("SELECT site_id, seq, content_sha256 FROM sync_change ORDER BY seq").fetchall()
    finally:
        database.close()
    database = reopened(tmp_path, monkeypatch)
    try:
        conn = database.conn
        assert conn.execute("SELECT log_id, direction FROM gate_person_last").fetchall() == [("g2", "out")]
        noon = day_summary(database, datetime(2026, 12, 4), datetime(2026, 12, 4, 12, 0))
        assert (noon.out_not_back_count, [e.person_id for e in noon.out_not_back]) == (1, ["p"])
        assert check_last_passages(database) == 0
        with database.transaction() as conn:      # a passage of that second from another gate, synced late
            conn.execute(passage, ("g0", "gate-C", "in", "p"))
            conn.execute(passage, ("g3", "gate-C", "in", "q"))
            conn.execute(passage, ("g4", "gate-A", "out", "q"))
        assert dict(conn.execute("SELECT person_id, log_id FROM gate_person_last")) == {"p": "g2", "q": "g4"}
        assert conn.execute("SELECT site_id, seq, content_sha256 FROM sync_change ORDER BY seq").fetchall()[:len(log)] == log
        stick = tmp_path / "stick"
        stick.mkdir()
        with quick_keys():
            sent = export_package(database, stick, "幸福里 门岗 同步 口令")
        assert sent.n_changes == len(log) + 3
    finally:
        database.close()
