"""The data of the overview's charts: people by status over time, gate traffic by hour and by
day, fevers, and care visits made against visits due. Plain lists; ui/widgets/charts.py draws
them (on the page and as PNG)."""
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from db.connection import Database
from desktop.care.care_book import CareBook
from desktop.care.due import COUNTS_AS_VISIT
from desktop.gate.day import _VALID, counted
from desktop.gate.log import kept_rows
from desktop.overview.status import status_counts_at
from desktop.temperature import FEVER as FEVER_AT
from desktop.accounts.roles import Permission, require

CHART_DAYS = 14


@dataclass(frozen=True)
class Series:
    """One chart: labels along the bottom and named series of values (one per label)."""
    title: str                          # Chinese, for the saved PNG and the report
    labels: tuple
    series: dict                        # name -> tuple of numbers
    kind: str = "bars"                  # bars | lines | stacked


def _days(today: date, days: int) -> list[date]:
    return [today - timedelta(days=n) for n in range(days - 1, -1, -1)]


def status_over_time(db: Database, now: datetime, days: int = CHART_DAYS) -> Series:
    """People in each status at the end of each of the last ``days`` days (as the Today page
    counts a day: today's point is the register as it is)."""
    days_list = _days(now.date(), days)
    moments = [datetime.combine(d, time(23, 59, 59)) for d in days_list]
    counts = status_counts_at(db, moments)
    from desktop import vocab
    return Series("人员状态变化", tuple(d.strftime("%m-%d") for d in days_list),
                  {s: tuple(c[s] for c in counts) for s in vocab.STATUS if s != "healthy"}, "lines")


def gate_by_hour(db: Database, day: date) -> Series:
    """Valid passages let in and out in each hour of ``day``."""
    a, b = day.isoformat(), day.isoformat() + "T23:59:59"
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT CAST(substr(g.at, 12, 2) AS INTEGER), sum(g.direction = 'in'), sum(g.direction = 'out')"
            f" FROM gate_log g WHERE g.at >= ? AND g.at <= ? AND g.outcome = 'allowed' AND {_VALID}"
            " GROUP BY 1", (a, b)).fetchall()
    by = _with_kept(db, {r[0]: r[1:] for r in rows}, a, b, lambda at: int(at[11:13]), fevers=False)
    return Series("分时段出入人次", tuple(f"{h}" for h in range(24)),
                  {"in": tuple(int(by.get(h, (0, 0))[0] or 0) for h in range(24)),
                   "out": tuple(int(by.get(h, (0, 0))[1] or 0) for h in range(24))})


def _with_kept(db: Database, by: dict, since: str, until: str, key, fevers: bool = True) -> dict:
    """``by`` ({key: (in, out[, fevers])}) with the passages still in the gate journal (暂存) added,
    as the Today page's figures count them (overview.today.gates_today): the charts beside them
    told another day. ``key``: the bar a passage goes in, of its time (its hour, its day)."""
    out = {k: [int(x or 0) for x in v] for k, v in by.items()}
    # Counted by kind from the journal's rows: each read whole the first time was 2-5 s at 50,000.
    kinds = Counter((key(r["at"]), r.get("outcome"), r.get("direction"), r.get("fever"))
                    for r in kept_rows(db, since, until))
    for (which, outcome, direction, fever), many in kinds.items():
        let_in, let_out, _, fever = counted(outcome, direction, fever)
        bar = out.setdefault(which, [0, 0, 0] if fevers else [0, 0])
        for i, n in enumerate((let_in, let_out, fever)[:len(bar)]):
            bar[i] += n * many
    return out


def gate_by_day(db: Database, today: date, days: int = CHART_DAYS) -> tuple[Series, Series]:
    """(passages in and out per day, fevers per day at the gates and in isolation checks)."""
    days_list = _days(today, days)
    a, b = days_list[0].isoformat(), today.isoformat() + "T23:59:59"
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT substr(g.at, 1, 10), sum(g.outcome = 'allowed' AND g.direction = 'in'),"
            " sum(g.outcome = 'allowed' AND g.direction = 'out'), sum(g.fever)"
            f" FROM gate_log g WHERE g.at >= ? AND g.at <= ? AND {_VALID} GROUP BY 1", (a, b)).fetchall()
        checks = dict(conn.execute(
            "SELECT f.day, count(DISTINCT f.episode_id) FROM isolation_followup f WHERE f.day >= ? AND f.day <= ?"
            " AND f.temperature >= ? AND f.is_void = 0"
            " AND NOT EXISTS (SELECT 1 FROM isolation_followup x WHERE x.corrects_id = f.id) GROUP BY f.day",
            (a, today.isoformat(), FEVER_AT)).fetchall())
    by = _with_kept(db, {r[0]: r[1:] for r in rows}, a, b, lambda at: at[:10])
    labels = tuple(d.strftime("%m-%d") for d in days_list)
    keys = [d.isoformat() for d in days_list]
    traffic = Series("每日出入人次", labels, {"in": tuple(int(by.get(k, (0, 0, 0))[0] or 0) for k in keys),
                                          "out": tuple(int(by.get(k, (0, 0, 0))[1] or 0) for k in keys)})
    fevers = Series("发热人数", labels, {"gate": tuple(int(by.get(k, (0, 0, 0))[2] or 0) for k in keys),
                                      "isolation": tuple(int(checks.get(k, 0)) for k in keys)})
    return traffic, fevers


def visits_against_due(app, today: date, days: int = 7) -> Series:
    """Care visits made each day against the subjects on that day's list (due, overdue or
    neglected: the care page's rule). A not-seen attempt is not a visit made (due.COUNTS_AS_VISIT)."""
    days_list = _days(today, days)
    book = CareBook(app.db, app.register)
    due = []
    for d in days_list:
        counts = book.counts(d)
        due.append(counts["due"] + counts["overdue"] + counts["neglected"])
    with app.db.reading() as conn:
        made = dict(conn.execute(
            "SELECT v.visited_on, count(DISTINCT v.subject_id) FROM care_visit v WHERE v.visited_on >= ?"
            f" AND v.visited_on <= ? AND v.is_void = 0 AND {COUNTS_AS_VISIT}"
            " AND NOT EXISTS (SELECT 1 FROM care_visit x WHERE x.corrects_id = v.id) GROUP BY v.visited_on",
            (days_list[0].isoformat(), today.isoformat())).fetchall())
    return Series("走访完成与应访", tuple(d.strftime("%m-%d") for d in days_list),
                  {"due": tuple(due), "made": tuple(int(made.get(d.isoformat(), 0)) for d in days_list)})


def all_charts(app, now: datetime) -> dict[str, Series]:
    require(app, Permission.OVERVIEW)
    traffic, fevers = gate_by_day(app.db, now.date())
    return {"status": status_over_time(app.db, now), "hours": gate_by_hour(app.db, now.date()),
            "days": traffic, "fevers": fevers, "visits": visits_against_due(app, now.date())}
