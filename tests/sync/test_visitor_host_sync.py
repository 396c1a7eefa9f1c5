"""The household a visitor came to see (gate_log.visiting_household_id, migration 0028) travels
with the passage, one by one and in bulk; a passage from a package written before the column
(no such key in its body) is taken as it was, with no household."""
import json

from db.sync import merge
from db.sync.log import iter_changes
from db.sync.merge import apply_changes, apply_in

AT = "2026-12-04T09:00:00"


def test_the_visited_household_travels_and_a_package_without_it_is_taken(machines, monkeypatch):
    a, b, c = machines("a"), machines("b"), machines("c")
    with a.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, direction, visitor_id, holder_name, visiting,"
                     " visiting_household_id) VALUES ('g1', ?, 'in', 'v1', '刘师傅', '张三', 'h1')", (AT,))
        conn.execute("INSERT INTO gate_log (id, at, direction, visitor_id, holder_name, visiting)"
                     " VALUES ('g2', ?, 'in', 'v2', '快递员', '楼下超市')", (AT,))
    changes = [ch for ch in iter_changes(a.conn) if ch.tbl == "gate_log"]
    bodies = {ch.row_id: json.loads(ch.cols)["entry"] for ch in changes}
    assert bodies["g1"]["visiting_household_id"] == "h1"
    assert "visiting_household_id" not in bodies["g2"]        # as every change written before 0028
    apply_changes(b, changes)
    monkeypatch.setattr(merge, "BULK_MIN", 1)                   # a new laptop's snapshot, in bulk
    with c.transaction() as conn:
        apply_in(conn, c.recorder, changes, expected=len(changes))
    for db in (b, c):
        assert db.conn.execute("SELECT id, visiting_household_id FROM gate_log ORDER BY id").fetchall() == \
            [("g1", "h1"), ("g2", None)]
