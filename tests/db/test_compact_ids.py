"""The change log keeps row ids as 16 bytes (issue 14's 500 MB target; db/sync/log.py): what
leaves it (the view, exports, the audit of one row) still has SYNC.md's text ids."""
import shutil
import sqlite3
from pathlib import Path

from db.connection import Database
from db.sync.log import change_body, iter_changes, iter_row_changes, row_key, row_text

FIXTURES = Path(__file__).parent / "fixtures"
GATE = ("INSERT INTO gate_log (id, at, direction, person_id, holder_name, outcome, source) VALUES (?,?,?,?,?,?,?)")


def test_a_uuid_is_stored_as_its_16_bytes_and_read_back_as_its_text():
    uid = "01a241de-4f57-7eb1-a921-0123456789ab"
    assert row_key(uid) == bytes.fromhex("01a241de4f577eb1a9210123456789ab")
    assert row_text(row_key(uid)) == uid
    # Anything that is not a canonical UUID stays text, so it reads back exactly as written.
    for other in ("g-1", uid.upper(), uid[:-1], "幸福里", "01a241de4f577eb1a9210123456789ab"):
        assert row_key(other) == other and row_text(row_key(other)) == other


def test_only_what_the_canonical_pattern_matches_is_stored_as_bytes():
    """``row_key`` checks the form without the regular expression: it agrees with it on ids
    near the canonical form (case, spaces, hyphens moved, non-hex and non-ASCII characters)."""
    import random
    from db.sync.log import _UUID
    rng = random.Random(14)
    uid = "01a241de-4f57-7eb1-a921-0123456789ab"
    alphabet = "0123456789abcdefABCDEF- g\t\n０é"
    tried = [uid, uid.upper(), " " + uid[1:], uid[:35] + " ", uid[:8] + " " + uid[9:], uid.replace("-", "", 1) + "-"]
    for _ in range(3000):
        chars = list(uid)
        for _ in range(rng.choice((1, 1, 2))):
            chars[rng.randrange(36)] = rng.choice(alphabet)
        tried.append("".join(chars))
    for text in tried:
        expected = bytes.fromhex(text.replace("-", "")) if _UUID.fullmatch(text) else text
        assert row_key(text) == expected, text
    assert sum(isinstance(row_key(t), bytes) for t in tried) > 100      # both kinds were tried


def test_new_rows_changes_store_16_byte_ids_and_export_text_ids(db):
    uid = "01a241de-4f57-7eb1-a921-0123456789ab"
    with db.transaction() as conn:
        conn.execute(GATE, (uid, "2026-11-20T08:01:00", "in", None, "张三", "allowed", "scan"))
        conn.execute(GATE, ("g-1", "2026-11-20T08:02:00", "out", None, "李四", "allowed", "scan"))
    stored = dict(db.conn.execute("SELECT row_id, typeof(row_id) FROM sync_log l JOIN sync_table_no t"
                                  " ON t.no = l.tbl WHERE t.name = 'gate_log'").fetchall())
    assert stored == {bytes.fromhex(uid.replace("-", "")): "blob", "g-1": "text"}
    changes = [c for c in iter_changes(db.conn) if c.tbl == "gate_log"]
    assert sorted(c.row_id for c in changes) == sorted([uid, "g-1"])
    assert all('"holder_name"' in c.cols for c in changes)            # the row's body, found by its id
    # The view, and through it change_body and the audit of one row, show the text id.
    assert db.conn.execute("SELECT row_id FROM sync_change WHERE tbl = 'gate_log' ORDER BY seq").fetchall() == [
        (uid,), ("g-1",)]
    [one] = list(iter_row_changes(db.conn, "gate_log", uid))
    assert one.row_id == uid and one.cols == change_body(db.conn, one.site_id, one.seq)[0]


def test_an_edit_of_a_person_freezes_the_change_that_refers_to_it(db, reg):
    from desktop.register import Register
    c = Register(db).add_compound("幸福里", address="解放大道1号")
    [insert] = list(iter_row_changes(db.conn, "compound", c.id))
    with db.transaction() as conn:
        conn.execute("UPDATE compound SET name = '幸福里小区' WHERE id = ?", (c.id,))
    # The freeze trigger found the referring change by its stored (16-byte) id.
    frozen = db.conn.execute("SELECT cols FROM sync_log WHERE row_id = sync_row_key(?) AND seq = ?",
                             (c.id, insert.seq)).fetchone()[0]
    assert frozen == insert.cols
    assert [ch.cols for ch in iter_row_changes(db.conn, "compound", c.id)][0] == insert.cols


def test_the_migration_converts_a_landed_database_and_every_change_exports_as_before(tmp_path):
    shutil.copy(FIXTURES / "landed.db", tmp_path / "landed.db")
    old = sqlite3.connect(tmp_path / "landed.db")
    before = sorted(old.execute("SELECT site_id, seq, row_id, cols, content_sha256 FROM sync_change"))
    old.close()
    db = Database(tmp_path / "landed.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        kinds = dict(db.conn.execute("SELECT typeof(row_id), count(*) FROM sync_log GROUP BY 1"))
        assert kinds.get("blob", 0) == len(before) and "text" not in kinds      # the fixture's ids are UUIDs
        after = sorted((c.site_id, c.seq, c.row_id, c.cols, c.content_sha256) for c in iter_changes(db.conn))
        assert [r[:4] for r in after] == [r[:4] for r in before]
        assert [a[4] for a, b in zip(after, before) if b[4] is not None] == [b[4] for b in before if b[4] is not None]
        # The index was made again over the stored ids.
        plan = " ".join(r[3] for r in db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT seq FROM sync_log WHERE tbl = 1 AND row_id = sync_row_key(?)", ("x",)))
        assert "sync_log_row" in plan
    finally:
        db.close()


def test_the_household_rule_reads_its_partial_index(db):
    """The household rule's query (desktop/gate/rule.py) is the only reader of the household
    index, which holds only passages out that were allowed: it still reads that index, and
    finds the passage out and not the one in or the one turned back."""
    from datetime import datetime
    from desktop.gate.rule import HouseholdRule, others_out
    with db.transaction() as conn:
        for gid, direction, outcome, name in (("g-1", "out", "allowed", "张三"), ("g-2", "in", "allowed", "李四"),
                                              ("g-3", "out", "turned_back", "王五")):
            conn.execute("INSERT INTO gate_log (id, at, direction, person_id, household_id, holder_name, outcome)"
                         " VALUES (?, '2026-11-20T08:00:00', ?, ?, 'h-1', ?, ?)", (gid, direction, "p" + gid, name, outcome))
    seen = []
    db.conn.set_trace_callback(seen.append)
    try:
        names = others_out(db.conn, "h-1", "p-9", HouseholdRule(2, 1), datetime(2026, 11, 20, 9))
    finally:
        db.conn.set_trace_callback(None)
    assert names == ["张三"]
    [sql] = [s for s in seen if "household_id" in s]
    plan = " ".join(r[3] for r in db.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "USING INDEX gate_log_household" in plan and "SCAN g " not in plan + " "
