"""Two passages of one person in the same second (out at one gate, in at another, on two
machines): every machine keeps the same one as the person's last passage, the greater id
(db.bulk.last_passages), whatever order they reach it in, row by row or in bulk, so 外出未归 is
the same everywhere (the first to arrive was kept before: machines disagreed)."""
from datetime import datetime

from db.sync import merge
from db.sync.log import iter_changes
from db.sync.merge import apply_changes, apply_in
from desktop.gate.day import check_last_passages, day_summary

AT = "2026-12-04T08:00:00"


def passage(db, rid, person, direction, gate, at=AT):
    with db.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, checkpoint_id, at, direction, person_id, outcome)"
                     " VALUES (?, ?, ?, ?, ?, 'allowed')", (rid, gate, at, direction, person))


def void(db, rid, voids):
    with db.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, kind, at, voids_id, void_reason) VALUES (?, 'void', ?, ?, '扫错')",
                     (rid, "2026-12-04T08:30:00", voids))


def own(db) -> list:
    return [c for c in iter_changes(db.conn) if c.site_id == db.site.site_id]


def out_not_back(db) -> tuple[int, list[str]]:
    """外出未归 on the gate's day summary at noon: how many, and who."""
    day = day_summary(db, datetime(2026, 12, 4), datetime(2026, 12, 4, 12, 0))
    return day.out_not_back_count, sorted(e.person_id for e in day.out_not_back)


def bulk(db, changes) -> None:
    """The changes as a large package into a new laptop brings them: gate rows in bulk, the
    table of last passages rebuilt whole (db/bulk.py)."""
    with db.transaction() as conn:
        apply_in(conn, db.recorder, changes, expected=len(changes))


def test_passages_in_one_second_leave_the_same_person_out_on_every_machine(machines, monkeypatch):
    a, b = machines("a"), machines("b")
    # p: a's 'out' has the greater id; q: b's 'in' has. Whichever machine's row comes first,
    # keeping the first is wrong for one of them.
    passage(a, "g2", "p", "out", "gate-A")
    passage(b, "g1", "p", "in", "gate-B")
    passage(a, "h1", "q", "out", "gate-A")
    passage(b, "h2", "q", "in", "gate-B")
    # r: in and out in one second, then a later 'out' that a voids once both are there: the
    # void's recompute chooses between the two.
    passage(a, "k1", "r", "out", "gate-A")
    passage(a, "k3", "r", "out", "gate-A", at="2026-12-04T08:01:00")
    passage(b, "k2", "r", "in", "gate-B")
    from_a, from_b = own(a), own(b)
    apply_changes(a, from_b)                    # a: its own first
    apply_changes(b, from_a)                    # b: the other's first
    void(a, "v1", "k3")
    apply_changes(b, own(a)[len(from_a):])

    monkeypatch.setattr(merge, "BULK_MIN", 1)   # two new laptops from one package, in bulk
    c, d = machines("c"), machines("d")
    bulk(c, own(a) + own(b))
    bulk(d, own(b) + own(a))
    assert c.conn.execute("SELECT count(*) FROM gate_log").fetchone() == (8,)

    for db in (a, b, c, d):
        assert dict(db.conn.execute("SELECT person_id, log_id FROM gate_person_last")) == \
            {"p": "g2", "q": "h2", "r": "k2"}, db.path.name
        assert out_not_back(db) == (1, ["p"]), db.path.name
        assert check_last_passages(db) == 0
    # The check holds the table to the same rule: the other passage of the second is a fault.
    with a.transaction() as conn:
        conn.execute("UPDATE gate_person_last SET at = ?, direction = 'in', log_id = 'g1' WHERE person_id = 'p'",
                     (AT,))
    assert check_last_passages(a) == 1
