"""The daily report (日报): the Today figures of a day, and the four colours per compound, as
one record for the printed report; and the figures a street office's template may ask for.
Both come from ``today.today_figures`` and ``battle_map.battle_map``: the report, the Today
page and the filled template cannot disagree."""
from dataclasses import dataclass
from datetime import date, datetime

from desktop.overview.battle_map import battle_map
from desktop.overview.status import entered_on
from desktop.overview.today import TodayFigures, end_of, today_figures
from desktop.accounts.roles import Permission, require


@dataclass(frozen=True)
class DailyReport:
    """A day's report: the Today figures at the end of the day (or now, for today), the people
    who entered each status that day, and per compound (name, households, people, {status: n})."""
    today: TodayFigures
    entered: dict
    by_compound: tuple


def daily_report(app, day: date, now: datetime | None = None) -> DailyReport:
    require(app, Permission.OVERVIEW)
    figures = today_figures(app, end_of(day, now or datetime.now()))
    m = battle_map(app.db, day, public=True)
    rows = tuple((c.name, sum(c.households.values()), sum(c.people.values()), dict(c.people))
                 for c in m.compounds)
    return DailyReport(figures, entered_on(app.db, day), rows)


def template_values(app, day: date, now: datetime | None = None) -> dict:
    """Every figure a street office's daily form may ask for (desktop/excel/template.FIGURES)."""
    f = today_figures(app, end_of(day, now or datetime.now()))
    return {"date": day, "community": f.community, "households": f.households, "people": f.people,
            "key_persons": f.key_persons, **f.status,
            "gate_in": f.gate_in, "gate_out": f.gate_out, "gate_fevers": f.gate_fevers,
            "gate_turned_back": f.gate_turned_back, "care_subjects": f.care_subjects,
            "care_visits_due": f.care_to_visit, "care_neglected": f.care_neglected,
            "isolation_fevers": f.isolation_fevers}
