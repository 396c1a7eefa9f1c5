"""The demo community shows a canvass under way and a roster with someone on duty now, so a new
office sees what the canvass and duty pages are for (made through their own use cases)."""
from datetime import date, datetime, timedelta

from desktop.app import open_app
from desktop.canvass.rounds import CanvassBook
from desktop.demo import make_demo_database
from desktop.duty.roster import Roster, on_duty_at


def test_the_demo_has_a_round_under_way_and_people_on_duty(tmp_path):
    make_demo_database(tmp_path / "demo.db", households=80, days=1)
    app = open_app(tmp_path / "demo.db")
    try:
        book = CanvassBook(app.db, app.register)
        [rnd] = book.rounds()
        overall = book.overall(rnd.id, date.today())
        assert overall.total == 80
        assert 0 < overall.visited + overall.nobody_home + overall.refused + overall.moved_out < overall.total
        assert overall.not_reached == overall.total - (overall.visited + overall.nobody_home + overall.refused
                                                       + overall.moved_out)
        roster = Roster(app.db)
        now = datetime.now()
        assert roster.on_duty(now)                      # the gates are staffed round the clock
        gate_id = roster.on_duty(now)[0].checkpoint_id
        assert on_duty_at(app.db, gate_id, now).names
        by_unit = {h.label: h.hours for h in roster.hours(now - timedelta(days=3), now + timedelta(days=3), by="unit")}
        assert by_unit.get("区财政局", 0) > 0
    finally:
        app.close()
