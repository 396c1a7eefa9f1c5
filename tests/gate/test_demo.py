"""The demo's gate: a checkpoint per compound gate or village road, a pass per household, days
of traffic in which everybody goes out before coming back."""
from datetime import date

from desktop.demo import make_demo
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import checkpoints
from desktop.gate.demo import make_gate_demo


def test_demo_gate_logs(app_ctx):
    db = app_ctx.db
    make_demo(db, households=80, seed=3, today=date(2020, 2, 20))
    rows = make_gate_demo(db, days=5, seed=3, today=date(2020, 2, 20))
    with db.reading() as conn:
        compounds = conn.execute("SELECT count(*) FROM compound").fetchone()[0]
        households = conn.execute("SELECT count(*) FROM household").fetchone()[0]
        passes = conn.execute("SELECT count(*) FROM gate_pass").fetchone()[0]
        days = conn.execute("SELECT count(DISTINCT substr(at, 1, 10)) FROM gate_log").fetchone()[0]
        per_person = conn.execute("SELECT person_id, group_concat(direction, '') FROM (SELECT person_id, direction"
                                  " FROM gate_log WHERE person_id IS NOT NULL AND outcome = 'allowed'"
                                  " ORDER BY person_id, at) GROUP BY person_id").fetchall()
        visitors = conn.execute("SELECT count(*) FROM gate_log WHERE visitor_id IS NOT NULL").fetchone()[0]
    assert len(checkpoints(db)) == compounds and passes == households
    assert rows > 50 and days == 5 and visitors
    # Nobody goes out twice without coming back, or comes in twice without going out.
    assert per_person and all("inin" not in seq and "outout" not in seq for _, seq in per_person)
    assert gate_log.count_day_entries(db, "2020-02-19") > 0
