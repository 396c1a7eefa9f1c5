"""The compact change log (issue 14 points 1 and 5): a new row's change refers to the row, yet
every change exports with exactly the body and hash the landed format gave it, before and after
later edits, across migrations, and for a database written by the landed version."""
import json
import shutil
import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import db.sync.capture as capture
import tests.db.landed.capture as landed
from db import migrations, search_index
from db.connection import Database, _open_writer
from db.sync.hlc import HybridClock, pack
from db.sync.log import CHANGE_FORMAT, change_body, iter_changes
from db.sync.versions import insert_hlcs

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTED = ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base", "content_sha256", "schema_version")
T0 = 1_800_000_000_000                    # the fake wall clock of both writers, in ms


def exported(conn) -> list[tuple]:
    return sorted(tuple(getattr(c, k) for k in EXPORTED) for c in iter_changes(conn))


class Landed:
    """A copy of the landed fixture written through the LANDED capture code (the reference)."""

    def __init__(self, path: Path, site_id: str, last_hlc: int):
        self.conn, _ = _open_writer(path)
        self.recorder = landed.ChangeRecorder(self.conn, site_id, HybridClock(last_hlc, wall=lambda: T0),
                                              CHANGE_FORMAT, "tester")
        self.recorder.register()
        self.conn.create_function("menshen_deferred", 0, lambda: self.recorder.deferred)
        self.conn.execute("INSERT INTO sync_site (site_id, site_code, site_name, role, is_current)"
                          " VALUES (?, 'REF', 'REF', 'office', 0)", (site_id,))

    @contextmanager
    def transaction(self):
        self.conn.execute("BEGIN IMMEDIATE")
        self.recorder.deferred = True
        yield self.conn
        search_index.settle(self.conn)
        self.recorder.flush()
        self.recorder.deferred = False
        self.conn.execute("COMMIT")

    def exported(self) -> list[tuple]:
        return sorted(self.conn.execute(f"SELECT {', '.join(EXPORTED)} FROM sync_change"))


@pytest.fixture
def pair(tmp_path):
    """(new, reference): the landed fixture opened by this version, and a second copy written
    by the landed capture code with the same site, numbers and clock."""
    shutil.copy(FIXTURES / "landed.db", tmp_path / "new.db")
    shutil.copy(FIXTURES / "landed.db", tmp_path / "ref.db")
    last = sqlite3.connect(tmp_path / "ref.db").execute("SELECT max(hlc) FROM sync_change").fetchone()[0]
    new = Database(tmp_path / "new.db", config_file=tmp_path / "site.json", user_name="tester")
    new.recorder.clock = HybridClock(last, wall=lambda: T0)
    ref = Landed(tmp_path / "ref.db", new.site.site_id, last)
    yield new, ref
    new.close()
    ref.conn.close()


def _ids(conn, table):
    return [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY rowid")]


PERSON = ("INSERT INTO person (id, full_name, name_pinyin, name_initials, id_number, sex, birth_date, phone, note,"
          " created_site, created_wall) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
GATE = ("INSERT INTO gate_log (id, at, direction, person_id, holder_name, temperature, fever, outcome, source)"
        " VALUES (?,?,?,?,?,?,?,?,?)")


def write_script(dbx, monkeypatch) -> None:
    """The same inserts and edits, whatever writes them (``dbx`` has transaction() and conn)."""
    conn = dbx.conn
    people, households = _ids(conn, "person"), _ids(conn, "household")
    compound = _ids(conn, "compound")[0]
    with dbx.transaction() as c:           # new rows of several tables, NULLs, a REAL given as text
        c.execute("INSERT INTO household (id, compound_id, room, address_text, note) VALUES"
                  " ('h-1', ?, '101', '幸福里 101', NULL)", (compound,))
        c.execute(PERSON, ("p-1", "张三", "zhang san", "zs", "11010519900307123X", "M", "1990-03-07", None, None,
                           "site", "2026-11-20T08:00:00"))
        c.execute(PERSON, ("p-2", "李\"四\\", None, None, None, None, None, "13800138000", "带引号", None, None))
        c.execute("INSERT INTO membership (id, household_id, person_id, relation) VALUES ('m-1', 'h-1', 'p-1', 'head')")
        c.execute(GATE, ("g-1", "2026-11-20T08:01:00", "in", "p-1", "张三", "36.5", 0, "allowed", "scan"))
        c.execute(GATE, ("g-2", "2026-11-20T08:02:00", "out", "p-2", None, None, 0, "allowed", "screen"))
        c.execute("INSERT INTO status_change (id, person_id, old_status, new_status, changed_at)"
                  " VALUES ('s-1', 'p-1', 'healthy', 'observation', '2026-11-20T08:03:00')")
    with dbx.transaction() as c:           # edits of rows made in an earlier transaction
        c.execute("UPDATE person SET phone = '13900139000' WHERE id = 'p-1'")
        c.execute("UPDATE household SET note = '新来的' WHERE id = 'h-1'")
        c.execute("UPDATE person SET full_name = '改名', name_pinyin = NULL WHERE id = ?", (people[4],))
        c.execute("UPDATE household SET note = NULL WHERE id = ?", (households[1],))
    with dbx.transaction() as c:           # a new row edited twice in its own transaction
        c.execute(PERSON, ("p-3", "王五", None, None, None, None, None, None, None, None, None))
        c.execute("UPDATE person SET phone = '13700137000' WHERE id = 'p-3'")
        c.execute("UPDATE person SET phone = NULL, note = '又改' WHERE id = 'p-3'")
    monkeypatch.setattr(capture, "FLUSH_CHUNK", 3)
    monkeypatch.setattr(landed, "FLUSH_CHUNK", 3)
    with dbx.transaction() as c:           # written along the way: some new rows already in the log
        for i in range(5):
            c.execute(PERSON, (f"p-b{i}", f"批{i}", None, None, None, None, None, None, None, None, None))
        c.execute("UPDATE person SET note = '第一个' WHERE id = 'p-b0'")
        c.execute("UPDATE person SET note = '最后一个' WHERE id = 'p-b4'")
        c.execute("UPDATE person SET note = '再改' WHERE id = 'p-b0'")
    monkeypatch.setattr(capture, "FLUSH_CHUNK", 5000)
    monkeypatch.setattr(landed, "FLUSH_CHUNK", 5000)
    with dbx.transaction() as c:           # later edits of rows that were referred to
        c.execute("UPDATE person SET is_deleted = 1 WHERE id = 'p-2'")
        c.execute("UPDATE person SET full_name = '张三丰' WHERE id IN ('p-1', 'p-b1')")
        c.execute("UPDATE membership SET relation = 'spouse' WHERE id = 'm-1'")


def test_the_compact_log_exports_what_the_landed_format_did(pair, monkeypatch):
    new, ref = pair
    write_script(new, monkeypatch)
    write_script(ref, monkeypatch)
    mine, theirs = exported(new.conn), ref.exported()
    assert len(mine) == len(theirs) > 61 + 20
    assert mine == theirs
    # Same rows, same data, and the new log refers to its rows instead of copying them.
    for table in ("person", "household", "gate_log", "membership", "status_change"):
        cols = ", ".join(r[1] for r in ref.conn.execute(f"PRAGMA table_info({table})"))   # the landed columns
        assert (new.conn.execute(f"SELECT {cols} FROM {table} ORDER BY id").fetchall()
                == ref.conn.execute(f"SELECT {cols} FROM {table} ORDER BY id").fetchall())
    refs = dict(new.conn.execute(
        "SELECT l.row_id, l.cols IS NULL FROM sync_log l JOIN sync_site_no s ON s.no = l.site"
        " WHERE s.site_id = ? AND l.row_id IN ('g-1', 'g-2', 's-1', 'p-b2', 'p-b3', 'p-b4', 'p-1', 'p-3')",
        (new.site.site_id,)).fetchall())
    assert refs == {"g-1": 1, "g-2": 1, "s-1": 1, "p-b2": 1, "p-b3": 1, "p-b4": 0, "p-1": 0, "p-3": 0}


def test_an_insert_exported_before_an_edit_exports_the_same_after_it(db):
    from desktop.register import Register
    reg = Register(db)
    c = reg.add_compound("幸福里", address="解放大道1号")
    seq = db.conn.execute("SELECT seq FROM sync_change WHERE row_id = ?", (c.id,)).fetchone()[0]
    stored = db.conn.execute("SELECT cols, content_sha256 FROM sync_log WHERE row_id = sync_row_key(?)", (c.id,)).fetchone()
    assert stored == (None, None)                          # refers to the row: no body kept
    before = change_body(db.conn, db.site.site_id, seq)
    assert json.loads(before[0])["name"] == {"name": "幸福里"}
    with db.transaction() as conn:
        conn.execute("UPDATE compound SET name = '幸福里小区', address = NULL WHERE id = ?", (c.id,))
    assert change_body(db.conn, db.site.site_id, seq) == before
    assert db.conn.execute("SELECT cols FROM sync_log WHERE row_id = sync_row_key(?) AND seq = ?", (c.id, seq)).fetchone()[0]


def test_a_log_row_for_a_new_row_is_a_few_dozen_bytes(db):
    with db.transaction() as conn:
        for i in range(200):
            conn.execute(GATE, (f"01a241de-4f57-7eb1-a921-{i:012d}", "2026-11-20T08:01:00", "in", None,
                                "张三", 36.5, 0, "allowed", "scan"))
    size = db.conn.execute(
        "SELECT avg(length(CAST(site AS TEXT)) + length(row_id) + 8 + coalesce(length(cols), 0)"
        " + coalesce(length(base), 0) + coalesce(length(content_sha256), 0) + length(CAST(wall AS TEXT))) FROM sync_log"
        " WHERE cols IS NULL").fetchone()[0]
    assert size < 64


def test_a_column_added_later_does_not_enter_an_older_insert(tmp_path, monkeypatch, db):
    from desktop.register import Register
    c = Register(db).add_compound("幸福里")
    before = exported(db.conn)
    db.close()
    folder = tmp_path / "schema"
    shutil.copytree(migrations.SCHEMA_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / f"{migrations.latest_version() + 1:04d}_more.sql").write_text(
        "ALTER TABLE compound ADD COLUMN colour TEXT DEFAULT 'red';", "utf-8")
    monkeypatch.setattr(migrations, "SCHEMA_DIR", folder)
    again = Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        assert exported(again.conn) == before
        with again.transaction() as conn:
            conn.execute("UPDATE compound SET name = '幸福里二期' WHERE id = ?", (c.id,))
        assert exported(again.conn)[:len(before)] == before
        new = Register(again).add_compound("新小区")
        body = json.loads(change_body(again.conn, again.site.site_id, len(before) + 2)[0])
        assert body["colour"] == {"colour": "red"} and body["name"] == {"name": new.name}
    finally:
        again.close()


def test_a_migration_that_drops_a_referred_column_freezes_those_changes_first(tmp_path, monkeypatch, db):
    from desktop.register import Register
    Register(db).add_compound("幸福里", address="解放大道1号")
    before = exported(db.conn)
    db.close()
    folder = tmp_path / "schema"
    shutil.copytree(migrations.SCHEMA_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / f"{migrations.latest_version() + 1:04d}_drop.sql").write_text(
        # The capture triggers and the log's view name the column; they are made again after.
        "DROP TRIGGER sync_compound_upd; DROP TRIGGER sync_compound_freeze; DROP VIEW sync_change;"
        " ALTER TABLE compound DROP COLUMN address;", "utf-8")
    monkeypatch.setattr(migrations, "SCHEMA_DIR", folder)
    again = Database(tmp_path / "t.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        assert "address" not in {r[1] for r in again.conn.execute("PRAGMA table_info(compound)")}
        assert exported(again.conn) == before
    finally:
        again.close()


# -- a database made by the landed version ---------------------------------------------------

def test_a_database_from_the_landed_version_exports_every_change_as_before(tmp_path):
    expected = json.loads((FIXTURES / "landed.json").read_text("utf-8"))
    shutil.copy(FIXTURES / "landed.db", tmp_path / "old.db")
    database = Database(tmp_path / "old.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        assert migrations.current_version(database.conn) == migrations.latest_version()
        want = sorted(tuple(c[k] for k in EXPORTED) for c in expected)
        assert exported(database.conn) == want
        # Wall times and user names are kept as they were.
        kept = {(c.site_id, c.seq): (c.wall_time, c.user_name) for c in iter_changes(database.conn)}
        assert all(kept[(c["site_id"], c["seq"])] == (c["wall_time"], c["user_name"]) for c in expected)
        # Editing the old rows adds changes; the old ones still export the same, and the edit's
        # base is the landed change it replaces.
        person = expected[[c["tbl"] for c in expected].index("person")]
        from desktop.register import Register
        reg = Register(database)
        reg.set_status(person["row_id"], "observation", "发热")
        assert exported(database.conn)[:0] == [] and set(want) <= set(exported(database.conn))
        status = [c for c in iter_changes(database.conn) if c.site_id == database.site.site_id and c.tbl == "person"]
        assert json.loads(status[0].base)["status"][0][0] == person["site_id"]
        assert status[0].schema_version == CHANGE_FORMAT
    finally:
        database.close()


def test_insert_hlcs_orders_rows_by_their_insert(db):
    from desktop.register import Register
    reg = Register(db)
    a, b = reg.add_compound("甲"), reg.add_compound("乙")
    reg.add_compound("丙")
    with db.transaction() as conn:
        conn.execute("UPDATE compound SET name = '甲甲' WHERE id = ?", (a.id,))
    hlcs = insert_hlcs(db.conn, "compound", [b.id, a.id, "no-such-row"])
    assert set(hlcs) == {a.id, b.id}
    assert hlcs[a.id] < hlcs[b.id]
    first = db.conn.execute("SELECT min(hlc) FROM sync_change WHERE row_id = ?", (a.id,)).fetchone()[0]
    assert hlcs[a.id] == first
    assert insert_hlcs(db.conn, "no_such_table", [a.id]) == {}


def test_the_change_format_is_not_the_migration_count():
    assert CHANGE_FORMAT == 15          # changes only when the canonical body or hash rules change
    assert pack(0, 0) == 0


def test_a_merge_onto_a_row_still_referred_to_freezes_its_change_first(db):
    """The sync importer writes merged groups with capture off; the row's insert change must
    still export the row as it was inserted."""
    from desktop.register import Register
    c = Register(db).add_compound("幸福里")
    before = exported(db.conn)
    with db.transaction() as conn:
        db.recorder.applying = 1
        try:
            conn.execute("UPDATE compound SET name = '别处改的名字' WHERE id = ?", (c.id,))
        finally:
            db.recorder.applying = 0
    assert exported(db.conn) == before
    assert db.conn.execute("SELECT name FROM compound WHERE id = ?", (c.id,)).fetchone() == ("别处改的名字",)


def test_freeze_table_keeps_every_body_for_a_migration_that_rewrites_rows(db):
    from db.sync.log import freeze_table
    from desktop.register import Register
    Register(db).add_compound("幸福里")
    before = exported(db.conn)
    with db.transaction() as conn:
        assert freeze_table(conn, "compound") == 1
        assert freeze_table(conn, "compound") == 0
    assert db.conn.execute("SELECT count(*) FROM sync_log WHERE cols IS NULL AND tbl ="
                           " (SELECT no FROM sync_table_no WHERE name = 'compound')").fetchone() == (0,)
    assert exported(db.conn) == before


def test_wall_time_and_user_read_back_as_the_landed_log_wrote_them(db):
    from datetime import datetime, timedelta
    from desktop.register import Register
    db.user_name = "值守员"
    Register(db).add_compound("幸福里")
    change = next(iter_changes(db.conn))
    wall = datetime.fromisoformat(change.wall_time)
    assert wall.utcoffset() == timedelta(0) and len(change.wall_time) == len("2026-11-20T08:00:00.123+00:00")
    assert abs(wall.timestamp() * 1000 - (change.hlc >> 16)) < 60_000     # the HLC is the wall time here
    assert change.user_name == "值守员"
    assert db.conn.execute("SELECT typeof(user_no), typeof(wall) FROM sync_log").fetchone() == ("integer", "integer")


# -- any sequence of writes ---------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

VALUES = st.one_of(st.none(), st.sampled_from(["张三", "13800138000", "", "a\"b\\c", "36.5"]), st.integers(0, 3))
OPS = st.lists(st.one_of(
    st.tuples(st.just("person"), st.integers(0, 3), VALUES, VALUES),
    st.tuples(st.just("edit"), st.integers(0, 3), st.sampled_from(["full_name", "phone", "note", "is_deleted",
                                                                   "sex", "status"]), VALUES),
    st.tuples(st.just("gate"), st.integers(0, 5), st.one_of(st.none(), st.just("36.5"), st.floats(35, 42)),
              VALUES),
    st.tuples(st.just("commit"), st.just(0), st.just(None), st.just(None)),
), max_size=25)


def _apply(dbx, ops) -> None:
    made: set = set()
    batches, current = [], []
    for op in ops:
        if op[0] == "commit":
            batches.append(current)
            current = []
        else:
            current.append(op)
    batches.append(current)
    for batch in batches:
        with dbx.transaction() as c:
            for kind, i, a, b in batch:
                if kind == "person" and ("p", i) not in made:
                    made.add(("p", i))
                    # (the landed schema still requires a name)
                    c.execute("INSERT INTO person (id, full_name, phone) VALUES (?, ?, ?)",
                              (f"hp-{i}", "无名" if a is None else a, b))
                elif kind == "edit" and ("p", i) in made:
                    value = b if a not in ("is_deleted",) else (b if isinstance(b, int) else 1)
                    if value is None and a in ("status", "full_name"):
                        value = "healthy"
                    c.execute(f"UPDATE person SET {a} = ? WHERE id = ?", (value, f"hp-{i}"))
                elif kind == "gate" and ("g", i) not in made:
                    made.add(("g", i))
                    c.execute(GATE, (f"hg-{i}", "2026-11-20T08:01:00", "in", f"hp-{i % 4}", b, a, 0, "allowed", "scan"))


@pytest.fixture(scope="module")
def landed_opened(tmp_path_factory):
    """The landed fixture opened (migrated) once by this version, with its site file: each
    example copies it rather than migrating the landed file again (the migration is the
    same every time; test_the_compact_log_exports_what_the_landed_format_did and the
    migration tests above open the landed file itself)."""
    folder = tmp_path_factory.mktemp("landed_opened")
    shutil.copy(FIXTURES / "landed.db", folder / "new.db")
    Database(folder / "new.db", config_file=folder / "site.json", user_name="tester").close()
    assert not (folder / "new.db-wal").exists() or (folder / "new.db-wal").stat().st_size == 0
    return folder


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=OPS, chunk=st.sampled_from([2, 5000]))
def test_any_writes_export_as_the_landed_format_did(tmp_path_factory, monkeypatch, landed_opened, ops, chunk):
    folder = tmp_path_factory.mktemp("any")
    shutil.copy(landed_opened / "new.db", folder / "new.db")
    shutil.copy(landed_opened / "site.json", folder / "site.json")
    shutil.copy(FIXTURES / "landed.db", folder / "ref.db")
    with closing(sqlite3.connect(folder / "ref.db")) as c:
        last = c.execute("SELECT max(hlc) FROM sync_change").fetchone()[0]
    new = Database(folder / "new.db", config_file=folder / "site.json", user_name="tester")
    new.recorder.clock = HybridClock(last, wall=lambda: T0)
    ref = Landed(folder / "ref.db", new.site.site_id, last)
    monkeypatch.setattr(capture, "FLUSH_CHUNK", chunk)
    monkeypatch.setattr(landed, "FLUSH_CHUNK", chunk)
    try:
        _apply(new, ops)
        _apply(ref, ops)
        assert exported(new.conn) == ref.exported()
    finally:
        new.close()
        ref.conn.close()


def test_rows_inserted_many_at_once_are_referred_to_as_the_trigger_would(pair, monkeypatch):
    """A ledger import inserts its new rows with ``insert_referred`` (the trigger silent, the
    references kept in one go): the log is the one the insert trigger makes, row for row, also
    when it is written along the way and when a row is edited later in the transaction."""
    new, ref = pair
    people = [(f"p-m{i}", f"多{i}", None, None, None, None, None, f"1380013800{i}", None, None, None)
              for i in range(7)]
    gates = [(f"g-m{i}", f"2026-11-20T08:0{i}:00", "in", f"p-m{i}", None, 36.5, 0, "allowed", "scan")
             for i in range(3)]
    monkeypatch.setattr(capture, "FLUSH_CHUNK", 4)
    monkeypatch.setattr(landed, "FLUSH_CHUNK", 4)
    with new.transaction() as c:
        new.recorder.insert_referred("person", PERSON, people, [p[0] for p in people])
        new.recorder.insert_referred("gate_log", GATE, gates, [g[0] for g in gates])
        c.execute("UPDATE person SET note = '改过' WHERE id IN ('p-m0', 'p-m6')")
    with ref.transaction() as c:
        c.executemany(PERSON, people)
        c.executemany(GATE, gates)
        c.execute("UPDATE person SET note = '改过' WHERE id IN ('p-m0', 'p-m6')")
    mine, theirs = exported(new.conn), ref.exported()
    assert sum(1 for c in mine if c[4].startswith(("p-m", "g-m"))) == 7 + 3 + 2
    assert mine == theirs


def test_rows_written_by_the_sync_importer_are_not_referred_to(db):
    before = db.conn.execute("SELECT count(*) FROM sync_log").fetchone()[0]
    with db.transaction():
        db.recorder.applying = 1
        try:
            db.recorder.insert_referred("gate_log", GATE, [("g-s", "2026-11-20T08:01:00", "in", None, None, None, 0,
                                                             "allowed", "scan")], ["g-s"])
        finally:
            db.recorder.applying = 0
    assert db.conn.execute("SELECT count(*) FROM gate_log WHERE id = 'g-s'").fetchone()[0] == 1
    assert db.conn.execute("SELECT count(*) FROM sync_log").fetchone()[0] == before


def test_a_failure_in_the_middle_of_many_rows_lets_nothing_commit(db):
    """The rows before a failing one would be in the file without their changes: the
    transaction cannot commit even when its caller carries on after the error."""
    import sqlite3 as sqlite
    from db.sync.capture import CaptureFailed
    gates = [(f"g-f{i}", "2026-11-20T08:00:00", "in", None, None, None, 0, "allowed", "scan") for i in range(3)]
    before = db.conn.execute("SELECT count(*) FROM gate_log").fetchone()[0]
    with pytest.raises(CaptureFailed):
        with db.transaction():
            try:
                db.recorder.insert_referred("gate_log", GATE, [*gates, gates[0]], [g[0] for g in gates] + ["g-f0"])
            except sqlite.IntegrityError:
                pass                      # a careless caller goes on
    assert db.conn.execute("SELECT count(*) FROM gate_log").fetchone()[0] == before
    with db.transaction():                # the next transaction is not refused
        db.recorder.insert_referred("gate_log", GATE, gates, [g[0] for g in gates])
    assert db.conn.execute("SELECT count(*) FROM sync_change WHERE row_id LIKE 'g-f%'").fetchone()[0] == 3
