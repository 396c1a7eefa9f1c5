"""'Went out and is not back' read from each person's last passage (gate_person_last, kept by
triggers on the gate log) gives what grouping the window's rows gives, whatever order the rows
come in: a void before the row it voids (sync), a passage stamped after the window, a gate that
turned someone back. Hand-made rows as sync writes them (a straight INSERT into gate_log)."""
from datetime import datetime, timedelta

import pytest

from db.sync.ids import uuid7
from desktop.gate import day as gate_day
from desktop.gate.day import _latest, _out_not_back, check_last_passages, day_summary, rebuild_last_passages

NOW = datetime(2020, 2, 20, 9, 30)


def put(db, person, at, direction, outcome="allowed", voids=None):
    """One gate_log row, written as sync writes it; returns its id."""
    rid = uuid7()
    with db.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, kind, at, direction, person_id, outcome, voids_id)"
                     " VALUES (?,?,?,?,?,?,?)", (rid, "void" if voids else "pass", at, direction,
                                                  person, None if voids else outcome, voids))
    return rid


def figures(db, until):
    """(the new reading, the grouping rule) of the three days up to ``until``: count and names."""
    a = (until - timedelta(days=gate_day.OUT_WINDOW_DAYS)).isoformat(timespec="seconds")
    b = until.isoformat(timespec="seconds")
    with db.reading() as conn:
        new, old = _out_not_back(conn, a, b), _latest(conn, "person_id", a, b, "out")
    return (new[0], sorted(e.person_id for e in new[1])), (old[0], sorted(e.person_id for e in old[1]))


@pytest.fixture
def log(app_ctx):
    db = app_ctx.db
    put(db, "A", "2020-02-19T08:00:00", "out")
    put(db, "A", "2020-02-19T18:00:00", "in")
    put(db, "A", "2020-02-20T07:00:00", "out")                    # A: out this morning
    b_void = uuid7()
    put(db, "B", "2020-02-20T08:05:00", None, voids=b_void)        # the void comes first (sync) …
    with db.transaction() as conn:                                  # … then the row it voids
        conn.execute("INSERT INTO gate_log (id, at, direction, person_id, outcome) VALUES (?,?,?,?,?)",
                     (b_void, "2020-02-20T08:00:00", "out", "B", "allowed"))
    put(db, "C", "2020-02-20T08:00:00", "out")
    put(db, "C", "2020-02-20T09:00:00", "in", outcome="turned_back")  # C: sent away, still out
    put(db, "D", "2020-02-20T08:00:00", "out")
    put(db, "D", "2020-02-20T12:00:00", "in")                     # D: back after 09:30 (a clock ahead)
    put(db, "E", "2020-02-16T08:00:00", "out")                    # E: gone too long: the register's 'away'
    put(db, "F", "2020-02-20T07:00:00", "in")
    f_out = put(db, "F", "2020-02-20T08:00:00", "out")
    put(db, "F", "2020-02-20T08:01:00", None, voids=f_out)        # F: the 'out' was typed wrong
    put(db, "G", "2020-02-20T08:00:00", "in")
    put(db, "G", "2020-02-20T08:00:00", "out")                    # G: two scans in one second: the later is last
    h_out = put(db, "H", "2020-02-20T07:00:00", "out")
    put(db, "H", "2020-02-20T08:00:00", "in")
    put(db, "H", "2020-02-20T08:30:00", None, voids=h_out)        # H: an earlier passage voided
    return db


def test_out_not_back_is_the_grouping_rule_whatever_order_rows_come_in(log):
    new, old = figures(log, NOW)
    assert new == old == (4, ["A", "C", "D", "G"])
    assert check_last_passages(log) == 0


def test_a_later_passage_and_a_past_day(log, monkeypatch):
    """At noon D is back; the evening before, only A (out at 08:00 on the 19th, back at 18:00) was."""
    assert figures(log, datetime(2020, 2, 20, 12, 0))[0] == (3, ["A", "C", "G"])
    assert figures(log, datetime(2020, 2, 19, 12, 0)) == ((1, ["A"]), (1, ["A"]))
    monkeypatch.setattr(gate_day, "_FEW_LATER", 1)     # many later passages: the window's rows
    assert figures(log, NOW)[0] == (4, ["A", "C", "D", "G"])


def test_the_day_summary_reads_it_and_a_rebuild_puts_it_right(log):
    assert day_summary(log, datetime(2020, 2, 20), NOW).out_not_back_count == 4
    with log.transaction() as conn:
        conn.execute("DELETE FROM gate_person_last WHERE person_id = 'A'")
        conn.execute("UPDATE gate_person_last SET direction = 'in' WHERE person_id = 'C'")
    assert check_last_passages(log) == 2
    rebuild_last_passages(log)
    assert check_last_passages(log) == 0
    assert day_summary(log, datetime(2020, 2, 20), NOW).out_not_back_count == 4


def test_without_its_trigger_the_table_is_not_trusted(log):
    """A later migration that rebuilt gate_log without the trigger: the log itself is read."""
    with log.transaction() as conn:
        conn.execute("DROP TRIGGER gate_person_last_ins")
    put(log, "C", "2020-02-20T09:10:00", "in")                    # C comes back; the table misses it
    assert check_last_passages(log) == 1
    assert figures(log, NOW)[0] == (3, ["A", "D", "G"])
