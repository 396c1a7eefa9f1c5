"""A large package into a small file loads its append tables in bulk (db/bulk.py): the laptop
that comes out is the one a row-by-row import makes, its indexes and triggers are back, and a
refusal late in the package leaves the file as it was."""
import hashlib
import json

import pytest

from db import bulk
from db.connection import Database
from db.sync import merge
from db.sync.log import CHANGE_FORMAT, iter_changes
from desktop.gate.day import check_last_passages
from desktop.sync.exchange import ImportRefusedError, export_package, import_packages
from desktop.sync.mailbox import post_package
from desktop.sync.payload import build_payload

PASS = "幸福里 门岗 同步 口令"


@pytest.fixture
def machines(tmp_path):
    opened = []

    def open_(name):
        db = Database(tmp_path / f"{name}.db", config_file=tmp_path / f"{name}.json", user_name=name)
        opened.append(db)
        return db
    yield open_
    for db in opened:
        db.close()


def _office_with_passages(db):
    """Five residents; passages in and out over two days, one of them voided (a wrong scan)."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        for i in range(5):
            conn.execute("INSERT INTO person (id, full_name) VALUES (?, ?)", (f"p{i}", f"居民{i}"))
        n = 0
        for day in (4, 5):
            for i in range(5):
                for hour, direction in ((8, "out"), (18, "in")):
                    if i == 3 and day == 5 and direction == "in":
                        continue                # p3 went out on the 5th and is not back
                    n += 1
                    conn.execute("INSERT INTO gate_log (id, person_id, at, direction, outcome) VALUES (?, ?, ?, ?,"
                                 " 'allowed')", (f"g{n:03d}", f"p{i}", f"2026-12-0{day}T{hour:02d}:0{i}:00", direction))
        # p4's evening return on the 5th was scanned for the wrong person: voided.
        conn.execute("INSERT INTO gate_log (id, kind, voids_id, void_reason, at) VALUES ('v1', 'void', ?, '扫错人',"
                     " '2026-12-05T18:30:00')", (f"g{n:03d}",))


def _schema(db):
    return db.conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                           " ORDER BY type, name").fetchall()


def _tables(db):
    return {t: db.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("gate_log", "gate_person_last", "person")}


def _file_hash(db):
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


@pytest.fixture
def bulk_begun(monkeypatch):
    """Tables the merge set aside for a bulk load, in order."""
    begun = []
    original = bulk.BulkLoad.begin

    def begin(self, table):
        begun.append(table)
        original(self, table)
    monkeypatch.setattr(bulk.BulkLoad, "begin", begin)
    return begun


def test_a_snapshot_loaded_in_bulk_makes_the_same_laptop_as_row_by_row(machines, tmp_path, monkeypatch, bulk_begun):
    office = machines("office")
    _office_with_passages(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)

    monkeypatch.setattr(merge, "BULK_MIN", 10 ** 9)
    slow = machines("slow")
    import_packages(slow, stick, PASS)
    assert bulk_begun == []

    monkeypatch.setattr(merge, "BULK_MIN", 1)
    monkeypatch.setattr(merge, "BATCH", 7)          # the gate rows come in several batches
    fast = machines("fast")
    got = import_packages(fast, stick, PASS)
    assert got.packages == 1 and not got.refused
    assert bulk_begun == ["gate_log"]

    assert _tables(fast) == _tables(slow)
    assert _schema(fast) == _schema(slow)           # every index and trigger made again
    assert check_last_passages(fast) == 0
    last = dict(fast.conn.execute("SELECT person_id, direction FROM gate_person_last"))
    assert last == {"p0": "in", "p1": "in", "p2": "in", "p3": "out", "p4": "out"}    # p4's return was voided
    plan = fast.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM gate_log WHERE person_id = 'p1' AND at > ''").fetchall()
    assert "gate_log_person" in str(plan)
    # The office's next package carries everything again (it has not heard from this laptop),
    # but only two changes are new here: row by row, no bulk load of the 61 rows held.
    with office.transaction() as conn:
        for n in (1, 2):
            conn.execute("INSERT INTO gate_log (id, person_id, at, direction, outcome) VALUES (?, 'p0',"
                         " ?, 'out', 'allowed')", (f"late{n}", f"2026-12-06T0{n}:00:00"))
    assert export_package(office, stick, PASS).kind == "snapshot"
    assert import_packages(fast, stick, PASS).n_new == 2
    assert bulk_begun == ["gate_log"]
    assert fast.conn.execute("SELECT log_id FROM gate_person_last WHERE person_id = 'p0'").fetchone() == ("late2",)
    # The gate screen's next passage is kept by the trigger again.
    with fast.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, person_id, at, direction, outcome) VALUES ('g900', 'p3',"
                     " '2026-12-05T21:00:00', 'in', 'allowed')")
    assert fast.conn.execute("SELECT direction FROM gate_person_last WHERE person_id = 'p3'").fetchone() == ("in",)


def test_a_bulk_load_refused_late_leaves_the_file_as_it_was(machines, tmp_path, monkeypatch, bulk_begun):
    office = machines("office")
    _office_with_passages(office)
    changes = list(iter_changes(office.conn))
    # The last change names a table this program does not have: refused after the gate rows went in.
    bad = changes[-1]._replace(seq=changes[-1].seq + 1, tbl="no_such_table", row_id="x1",
                               cols=json.dumps({"entry": {"a": 1}}), content_sha256=None)
    stick = tmp_path / "stick"
    stick.mkdir()
    from db.sync.ids import uuid7
    package_id = uuid7()
    site = office.site.site_id
    payload = build_payload({"package_id": package_id, "kind": "snapshot"}, changes + [bad],
                            {site: bad.seq}, {}, [])
    post_package(stick, sender_code="OFFICE", kind="snapshot", package_id=package_id, community_id="c-xingfuli",
                 sender_site_id=site, sender_name="居委会", app_version="0.1.0", change_format=CHANGE_FORMAT,
                 payload=payload, passphrase=PASS)

    monkeypatch.setattr(merge, "BULK_MIN", 1)
    monkeypatch.setattr(merge, "BATCH", 7)
    laptop = machines("laptop")
    schema, before = _schema(laptop), _file_hash(laptop)
    got = import_packages(laptop, stick, PASS, backup=False)
    assert bulk_begun == ["gate_log"]               # the load had begun when the refusal came
    [(_, err)] = got.refused
    assert isinstance(err, ImportRefusedError) and "no_such_table" in err.message
    assert _file_hash(laptop) == before
    assert _schema(laptop) == schema


def test_a_large_import_finds_its_open_conflicts_in_one_pass_over_the_log(machines, tmp_path, monkeypatch):
    """Above merge._FEW_ROWS touched rows the candidates come from one pass over the log's
    index: the same conflicts as looking each row up, and none of rows the import did not touch."""
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    _office_with_passages(office)
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    for db, name, who in ((office, "张三", "p0"), (gate, "张珊", "p0"), (office, "李四", "p1"), (gate, "李思", "p1")):
        with db.transaction() as conn:
            conn.execute("UPDATE person SET full_name = ? WHERE id = ?", (name, who))
    export_package(office, stick, PASS)
    export_package(gate, stick, PASS)
    monkeypatch.setattr(merge, "_FEW_ROWS", 0)
    got = import_packages(gate, stick, PASS)
    assert {c[:3] for c in got.conflicts} == {("person", "p0", "name"), ("person", "p1", "name")}
    only_p0 = {c for c in got.conflicts if c[1] == "p0"}
    assert merge.open_conflicts(gate.conn, {("person", "p0"), ("person", "p2")}) == only_p0
    monkeypatch.setattr(merge, "_FEW_ROWS", 10 ** 6)
    assert merge.open_conflicts(gate.conn, {("person", "p0"), ("person", "p1")}) == got.conflicts
    assert merge.open_conflicts(gate.conn, {("person", "p0"), ("person", "p2")}) == only_p0


def test_a_many_row_insert_without_its_all_null_columns_stores_the_same_rows():
    """bulk.without_null_columns leaves a column out only where every row has NULL and leaving
    it out gives NULL: a column with a default keeps its NULLs, and rows with nothing but NULLs
    are not lost with their columns."""
    import sqlite3
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a TEXT, b TEXT, c TEXT DEFAULT 'x', d INTEGER DEFAULT NULL)")
    nulls = bulk.null_when_left_out(conn, "t")
    assert nulls == {"a", "b", "d"}
    cols = ("a", "b", "c", "d")
    for rows, null_by_default in (([("1", None, None, None), ("2", None, None, 4)], nulls),
                                  ([(None, None, None, None)], nulls), ([(None, None, None, None)], set(cols))):
        narrow, kept = bulk.without_null_columns(cols, rows, null_by_default)
        conn.execute("DELETE FROM t")
        conn.executemany(f"INSERT INTO t ({', '.join(narrow)}) VALUES ({', '.join('?' * len(narrow))})", kept)
        assert conn.execute("SELECT a, b, c, d FROM t ORDER BY rowid").fetchall() == rows
