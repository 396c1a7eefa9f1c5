"""Hours served exported for the street office (街道), which supervises the cadres sent down:
a row per person with their unit, then a row per sending unit, through desktop/excel's list
writer (``menshen export duty-hours --date D [--until D]``)."""
from datetime import date, datetime, time, timedelta
from typing import Iterator

from desktop.duty.records import KIND
from desktop.duty.roster import Roster
from desktop.excel.export import Column, phone_column

HOURS_COLUMNS = [Column("统计", 8), Column("姓名/单位", 14), Column("人员类型", 10), Column("派出单位", 18),
                 phone_column(), Column("班次数", 8), Column("时长（小时）", 12)]


def last_day(on: date, until: date | None) -> date:
    """``until``, or the seventh day from ``on`` when no end is given (a week)."""
    return until or on + timedelta(days=6)


def period(on: date, until: date | None) -> tuple[datetime, datetime]:
    """[on 00:00, the day after ``until`` 00:00); a week from ``on`` when no end is given."""
    last = last_day(on, until)
    return datetime.combine(on, time()), datetime.combine(last + timedelta(days=1), time())


def hours_rows(app, on: date, until: date | None) -> Iterator[tuple]:
    roster = Roster(app.db)
    begin_at, end_at = period(on, until)
    phones = {}
    with app.db.reading() as conn:
        phones = dict(conn.execute("SELECT id, phone FROM duty_person").fetchall())
    people = roster.hours(begin_at, end_at, by="person")
    for h in people:
        yield ("个人", h.label, KIND.get(h.kind, ("", ""))[1], h.unit_name, phones.get(h.key), h.shifts, h.hours)
    for h in roster.hours(begin_at, end_at, by="unit"):
        yield ("单位合计", h.label, None, h.label, None, h.shifts, h.hours)
    if people:
        yield ("总计", None, None, None, None, sum(h.shifts for h in people), round(sum(h.hours for h in people), 2))
