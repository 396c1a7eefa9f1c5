"""This morning at a glance (今日概况): the figures of the Today page and the daily report.

``today_figures(app, now)`` gathers them; each part is its own function taking "now" (or
"today"), so the printed report and the street office's template use the very same numbers.
A day runs from 00:00:00 to 23:59:59 local time, the way ``gate_log.at`` is written.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from db.connection import Database
from desktop import vocab
from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.gate.day import _VALID, OUT_WINDOW_DAYS, _out_not_back, _with_kept, counted
from desktop.gate.log import kept_figures
from desktop.overview.status import register_totals, status_counts_at
from desktop.register.places import place_order
from desktop.accounts.roles import Permission, require

# A pass is "expiring" when its last valid day is today or within this many days after.
EXPIRING_DAYS = 3


@dataclass(frozen=True)
class GateCounts:
    """One checkpoint's passages today (valid rows only; corrections applied)."""
    checkpoint_id: str | None            # None: passages not tied to a checkpoint (imports)
    name: str
    went_in: int = 0
    went_out: int = 0
    turned_back: int = 0
    fevers: int = 0
    kept: int = 0                        # of them, still in the gate journal (暂存): counted all the same


@dataclass(frozen=True)
class TodayFigures:
    """Everything the Today page shows, as of ``now``."""
    now: datetime
    households: int
    people: int
    key_persons: int
    status: dict                          # status -> people now
    status_change: dict                   # status -> people now less people at the end of yesterday
    isolation_open: int                   # under isolation or observation follow-up today
    isolation_ending_today: int
    isolation_ending_tomorrow: int
    followups_not_done: int               # episodes with this morning's or evening's check missing
    isolation_fevers: int                 # episodes with a fever recorded (today or earlier)
    care_subjects: int
    care_due: int                         # due today (not yet overdue)
    care_overdue: int
    care_neglected: int                   # twice the interval without a visit
    gate_in: int
    gate_out: int
    gate_turned_back: int
    gate_fevers: int
    out_not_back: int
    passes_expiring: int
    by_gate: tuple = ()                   # GateCounts …
    sync_open: int | None = None          # open sync conflicts and duplicates
    community: str = ""
    duty_overlaps: tuple = ()             # the next two weeks' overlapping shifts (Overlap: ui phrases them)
    gate_kept: int = 0                    # of the gate figures, passages still in the gate journal (暂存)
    extra: dict = field(default_factory=dict)

    @property
    def day(self) -> date:
        return self.now.date()

    @property
    def care_to_visit(self) -> int:
        """Today's visits: due, overdue and neglected."""
        return self.care_due + self.care_overdue + self.care_neglected


def day_range(day: date) -> tuple[datetime, datetime]:
    """The first and last second of ``day``."""
    return datetime.combine(day, time.min), datetime.combine(day, time(23, 59, 59))


def status_today(db: Database, now: datetime, people: int | None = None) -> tuple[dict, dict]:
    """(people per status on ``now``'s day, the change since the end of the day before).

    The day's counts are those at its end: for today, the register as it is (a change stamped
    later today by a machine whose clock runs ahead is still today's)."""
    day_end, yesterday_end = day_range(now.date())[1], datetime.combine(now.date(), time.min) - timedelta(seconds=1)
    counts, before = status_counts_at(db, [day_end, yesterday_end], people)
    return counts, {s: counts[s] - before[s] for s in vocab.STATUS}


def isolation_today(app, today: date) -> dict[str, int]:
    """Isolation follow-up today (the isolation page's own list and counts)."""
    book = IsolationBook(app.db, app.register)
    items = book.today_list(today, places=False)       # counts need no addresses
    counts = book.counts(today, items)
    tomorrow = (today + timedelta(days=1)).isoformat()
    return {"open": counts["open"], "not_done": counts["unchecked"], "fever": counts["fever"],
            "ending_today": sum(1 for i in items if i.episode.planned_end_on == today.isoformat()),
            "ending_tomorrow": sum(1 for i in items if i.episode.planned_end_on == tomorrow)}


def care_today(app, today: date) -> dict[str, int]:
    """Care subjects per due state today (the care page's own rule, desktop/care/due.py)."""
    return CareBook(app.db, app.register).counts(today)


def gates_today(db: Database, now: datetime) -> tuple[tuple[GateCounts, ...], int]:
    """Each checkpoint's passages from midnight to ``now`` (the gate page's counting: valid rows,
    in and out when let through, turned back, fevers), and how many people went out and are not
    back (the gate page's own rule, desktop/gate/day.py, over every gate). The passages kept in
    the gate journal (an import holds the register) are counted as the gate page counts them."""
    since = datetime.combine(now.date(), time.min)
    a, b = since.isoformat(timespec="seconds"), now.isoformat(timespec="seconds")
    window = (now - timedelta(days=OUT_WINDOW_DAYS)).isoformat(timespec="seconds")
    with db.reading() as conn:
        out_not_back, _ = _out_not_back(conn, window, b, listed=False)
        out_not_back, _ = _with_kept(db, conn, "person_id", window, b, "out", out_not_back, [], listed=False)
        names = dict(conn.execute("SELECT id, name FROM checkpoint WHERE is_deleted = 0"))
        # A removed checkpoint's passages of today are still counted under its name.
        hidden = dict(conn.execute("SELECT id, name FROM checkpoint WHERE is_deleted = 1"))
        rows = conn.execute(
            "SELECT g.checkpoint_id, sum(g.outcome = 'allowed' AND g.direction = 'in'),"
            " sum(g.outcome = 'allowed' AND g.direction = 'out'), sum(g.outcome = 'turned_back'), sum(g.fever)"
            f" FROM gate_log g WHERE g.at >= ? AND g.at <= ? AND {_VALID} GROUP BY g.checkpoint_id", (a, b)).fetchall()
    seen = {r[0]: [int(x or 0) for x in r[1:]] + [0] for r in rows}
    # Counted by kind, not one by one: 0.3-0.4 s at 50,000 kept (bench/gate_journal.py).
    for (cid, outcome, direction, fever, *_), many in kept_figures(db, a, b).items():
        seen[cid] = [x + many * y for x, y in zip(seen.get(cid, [0] * 5), (*counted(outcome, direction, fever), 1))]
    out = [GateCounts(cid, name, *seen.get(cid, (0, 0, 0, 0, 0)))
           for cid, name in sorted(names.items(), key=lambda kv: place_order(kv[1]))]   # 3号门 before 12号门, as the gate list
    for cid, r in seen.items():
        if cid not in names:
            out.append(GateCounts(cid, hidden.get(cid, ""), *r))
    return tuple(out), out_not_back


def passes_expiring(db: Database, today: date, within_days: int = EXPIRING_DAYS) -> int:
    """Passes in force today whose last valid day is within ``within_days`` days (the list
    behind it: ``desktop.gate.passes.expiring_passes``, the same rule)."""
    from desktop.gate.passes import count_expiring
    return count_expiring(db, today, within_days)


def open_sync_conflicts_and_duplicates(db: Database) -> int | None:
    """How many open sync conflicts and possible duplicate persons wait for staff (the rule:
    desktop/sync/exchange.py)."""
    from desktop.sync.exchange import open_conflicts_and_duplicates
    return open_conflicts_and_duplicates(db)


DUTY_AHEAD_DAYS = 14


def duty_overlaps_ahead(db: Database, now: datetime, days: int = DUTY_AHEAD_DAYS) -> tuple:
    """Shifts of one person at the same time from today on (two machines each rostered them and
    sync brought both together), as Overlap records for the window to say in its language; what
    the duty page lists and fixes."""
    from desktop.accounts import can
    from desktop.duty.roster import Roster
    if not can(db, Permission.REGISTER_READ):
        return ()
    begin = datetime.combine(now.date(), time.min)
    return tuple(Roster(db).overlaps(begin, begin + timedelta(days=days)))


def today_figures(app, now: datetime) -> TodayFigures:
    """Every figure of the Today page as of ``now`` (the page passes the clock; tests fix it)."""
    require(app, Permission.OVERVIEW)
    from desktop.place_words import community_name
    today = now.date()
    totals = register_totals(app.db)
    counts, change = status_today(app.db, now, totals["people"])    # the register counted once
    iso = isolation_today(app, today)
    care = care_today(app, today)
    by_gate, out_not_back = gates_today(app.db, now)
    return TodayFigures(
        now, totals["households"], totals["people"], totals["key_persons"], counts, change,
        iso["open"], iso["ending_today"], iso["ending_tomorrow"], iso["not_done"], iso["fever"],
        sum(care.values()), care["due"], care["overdue"], care["neglected"],
        sum(g.went_in for g in by_gate), sum(g.went_out for g in by_gate),
        sum(g.turned_back for g in by_gate), sum(g.fevers for g in by_gate), out_not_back,
        passes_expiring(app.db, today), by_gate, open_sync_conflicts_and_duplicates(app.db),
        community_name(app.db), duty_overlaps_ahead(app.db, now), sum(g.kept for g in by_gate))


def end_of(day: date, now: datetime | None = None) -> datetime:
    """The moment a day's report is made for: ``now`` when it is that day, else its last second."""
    if now is not None and now.date() == day:
        return now
    return day_range(day)[1]
