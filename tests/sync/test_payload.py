"""The payload database: built from plain rows, opened as hostile input. A payload that decrypts
but does not add up (someone with the passphrase, or a faulty sender) is refused whole."""
import sqlite3

import pytest

from db.sync.ids import uuid7
from desktop.sync.errors import PayloadInvalidError
from desktop.sync.payload import CHANGE_COLUMNS, build_payload, join_parts, open_payload, split_parts

from .conftest import COMMUNITY, SITE_A, SITE_B, make_payload, on_the_wire, synthetic_changes


def altered(payload: bytes, *statements: str) -> bytes:
    """The payload with some SQL run on each of its parts: what a forger with the passphrase
    could send."""
    images = []
    for image in split_parts(payload):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.deserialize(image)
        for sql in statements:
            conn.execute(sql)
        images.append(conn.serialize())
        conn.close()
    return join_parts(images)


def test_open_gives_back_what_was_built():
    package_id = uuid7()
    with open_payload(make_payload(package_id, 120)) as p:
        assert p.package_id == package_id and p.n_changes == 120
        assert list(p.changes()) == on_the_wire(synthetic_changes(120))
        assert p.covers == {SITE_A: (1, 120)}
        assert [peer.site_code for peer in p.peers] == ["OFFICE", "GATE-1"]
        assert p.manifest["min_hlc"] < p.manifest["max_hlc"]


def test_changes_from_a_query_row_and_the_order_kept():
    rows = [(SITE_B, 3, 30, "gate_log", "r3", "insert", "{}", "{}", "c" * 64, 1, None, None),
            (SITE_A, 9, 10, "person", "r1", "patch", '{"a":{"x":1}}', "{}", "a" * 64, 2, "t", "u")]
    with open_payload(build_payload({"package_id": "p", "kind": "incremental"}, rows, {}, {}, [])) as p:
        assert [tuple(c) for c in p.changes()] == [r[:8] + (None,) + r[9:] for r in rows]
        assert p.covers == {SITE_A: (9, 9), SITE_B: (3, 3)} and p.manifest["max_format_version"] == 2


def test_computed_keys_cannot_be_supplied():
    with pytest.raises(ValueError):
        build_payload({"package_id": "p", "kind": "x", "n_changes": 5}, [], {}, {}, [])


@pytest.mark.parametrize("statements, detail", [
    (["UPDATE change SET cols = '{\"identity\":{\"full_name\":\"李四\"}}' WHERE seq = 5"], "changes_sha256"),
    (["DELETE FROM change WHERE seq = 7"], "n_changes"),
    (["INSERT INTO change SELECT * FROM change WHERE seq = 3"], "重复"),
    (["UPDATE manifest SET value = '999' WHERE key = 'n_changes'"], "n_changes"),
    (["UPDATE manifest SET value = '\"\"' WHERE key = 'changes_sha256'"], "changes_sha256"),
    (["DELETE FROM manifest WHERE key = 'covers'"], "covers"),
    (["UPDATE change SET seq = -1 WHERE seq = 2"], "超出范围"),
    (["CREATE TRIGGER t AFTER INSERT ON peer BEGIN SELECT 1; END"], "表结构"),
    (["CREATE VIEW v AS SELECT 1"], "表结构"),
    (["CREATE TABLE extra (x)"], "表结构"),
    (["CREATE INDEX i ON change(tbl)"], "表结构"),
])
def test_inconsistent_payloads_are_refused(statements, detail):
    payload = altered(make_payload(uuid7(), 20), *statements)
    with pytest.raises(PayloadInvalidError, match=detail) as info:
        open_payload(payload)
    assert "没有导入任何内容" in info.value.message


def test_a_different_table_definition_is_refused():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)")   # not STRICT
    with pytest.raises(PayloadInvalidError, match="表结构"):
        open_payload(join_parts([conn.serialize()]))


@pytest.mark.parametrize("data", [b"", b"SQLite format 3\x00" + bytes(50), b"\x00" * 4096,
                                  b"SQLite format 3\x00" + bytes(range(256)) * 40])
def test_not_a_database(data):
    with pytest.raises(PayloadInvalidError):
        open_payload(data)


def test_a_damaged_database_page_is_refused():
    payload = bytearray(make_payload(uuid7(), 2000))
    for at in range(len(payload) // 2, len(payload) // 2 + 64):
        payload[at] ^= 0x5A
    with pytest.raises(PayloadInvalidError):
        open_payload(bytes(payload))


def test_every_change_column_travels():
    assert CHANGE_COLUMNS == ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base",
                              "content_sha256", "format_version", "wall_time", "user_name")


def multi_part(n: int = 250, per_part: int = 100) -> bytes:
    return build_payload({"package_id": "p", "kind": "snapshot", "community_id": COMMUNITY},
                         synthetic_changes(n), {SITE_A: n}, {}, [], part_changes=per_part)


def test_a_large_payload_travels_in_parts_and_comes_back_whole():
    payload = multi_part()
    assert len(split_parts(payload)) == 4          # 100 + 100 + 50 changes, then the manifest
    with open_payload(payload) as p:
        assert p.manifest["n_parts"] == 4 and p.n_changes == 250
        assert list(p.changes()) == on_the_wire(synthetic_changes(250))


@pytest.mark.parametrize("how, detail", [
    (lambda parts: parts[:1] + parts[2:], "n_parts"),                 # a part dropped
    (lambda parts: [parts[1], parts[0]] + parts[2:], "changes_sha256"),  # two parts swapped
    (lambda parts: parts[:-1], "清单"),                               # the manifest cut off
    (lambda parts: parts[-1:] + parts[:-1], "清单"),                  # the manifest first
])
def test_parts_dropped_swapped_or_moved_are_refused(how, detail):
    parts = split_parts(multi_part())
    with pytest.raises(PayloadInvalidError, match=detail):
        open_payload(join_parts(how(parts)))


def test_a_change_carries_no_hash_on_the_wire():
    conn = sqlite3.connect(":memory:")
    conn.deserialize(split_parts(multi_part(10))[0])
    assert "content_sha256" not in [r[1] for r in conn.execute("PRAGMA table_info(change)")]
    conn.close()


@pytest.mark.parametrize("seqs", [
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 5],              # a run, and one of it again in the last part
    [2, 4, 6, 8, 10, 12, 7, 9, 11, 4],               # broken runs, the last part repeats 4
    [1000, 1001, 1002, 1003, 1004, 1005, 1, 2, 1003],
])
def test_a_change_repeated_in_another_part_is_refused(seqs):
    """Parts of 3 changes: the repeat is found across parts, whether the numbers a part holds
    are one run or not."""
    rows = [(SITE_A, seq, 10 + i, "person", f"r{i}", "patch", '{"a":{"x":1}}', "{}", None, 2, "t", "u")
            for i, seq in enumerate(seqs)]
    payload = build_payload({"package_id": "p", "kind": "incremental"}, rows, {}, {}, [], part_changes=3)
    with pytest.raises(PayloadInvalidError, match="重复"):
        open_payload(payload).read_all()
    unique = build_payload({"package_id": "p", "kind": "incremental"}, rows[:-1], {}, {}, [], part_changes=3)
    assert len(list(open_payload(unique).changes())) == len(seqs) - 1
