"""When a care subject's next visit falls due (走访到期规则). Pure date arithmetic, no database.

The rules, with ``today`` always given by the caller (tests fix it; the window passes the
office's date):

* The **interval** is the subject's frequency in days (vocab.INTERVAL_DAYS: every day 1,
  every 3 days 3, twice a week 4, weekly 7 …).
* The **last visit** is the latest date of a visit recorded here (corrected and voided rows
  left out) or, when later, the last visit date carried over from the old ledger. Visits dated
  after ``today`` do not count (a date typed wrong must not hide a person from the list).
* A visit whose mode is **not seen** (未见到本人: nobody answered the door, the phone was not
  picked up) is kept and shown but is not a visit: the person stays due, maybe they fell. The
  latest such attempt after the last visit is the subject's **last attempt**, named beside the
  state (21天未走访（上次未见到）, ``state_words``).
* The next visit is **due on** last visit + interval. A visit made early therefore moves the
  next due date from that visit, not from the old due date. Someone never visited is due on
  the day they were put on the list.
* On ``today`` the subject is **not due** before the due date, **due** on it, and **overdue**
  after it (``days_overdue`` days).
* A subject is **neglected** when ``today`` is at least twice the interval after the last
  visit (or, never visited, after listing): a weekly visit missed for a whole week. Neglected
  subjects come first in every list, the longest-waiting first.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.care.vocab import NOT_SEEN, NOT_SEEN_LAST_TIME, STATE_WORDS, interval_days

# The one rule of which recorded visit counts, for SQL over ``care_visit v`` (the lists, the
# Today page, the charts): a not-seen attempt does not.
COUNTS_AS_VISIT = f"v.mode <> '{NOT_SEEN}'"


def counts_as_visit(mode: str | None) -> bool:
    """Whether a visit of this mode takes the person off the due list (not seen: no)."""
    return mode != NOT_SEEN

def period_days(start, end) -> list[date]:
    """Every day of a period (an isolation, 隔离期) as an office counts it: both ends included,
    so 11-22 to 12-05 is 14 days and a 14-day health sheet has 14 rows, the last day too.

    The one rule for a period's days: the screen's "day 3 of 14", the notice's 共14天 and the
    health sheet's rows all come from here (``period_length``, ``period_end`` and
    ``day_of_period`` are the same count read the other ways). An end before the start: no days.
    """
    first, last = as_date(start), as_date(end)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def period_length(start, end) -> int:
    """How many days the period from ``start`` to ``end`` holds, both ends included."""
    return len(period_days(start, end))


def period_end(start, days: int) -> date:
    """The last day of a period of ``days`` days from ``start`` (14 days from 11-22: 12-05)."""
    return as_date(start) + timedelta(days=days - 1)


def day_of_period(start, today) -> int:
    """Which day of its period ``today`` is: the start is day 1."""
    return (as_date(today) - as_date(start)).days + 1


# Order of the states in a list: the most urgent first.
STATE_RANK = {"neglected": 0, "overdue": 1, "due": 2, "not_due": 3}


@dataclass(frozen=True)
class Due:
    state: str                      # neglected | overdue | due | not_due
    due_on: date
    last_visit: date | None
    days_overdue: int               # 0 unless overdue or neglected
    days_since: int                 # since the last visit (or listing when never visited)
    last_attempt: date | None = None  # the latest not-seen attempt after the last visit

    @property
    def is_due(self) -> bool:
        """On today's list: due, overdue or neglected."""
        return self.state != "not_due"

    def sort_key(self) -> tuple:
        return (STATE_RANK[self.state], -self.days_since, self.due_on)


def as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def classify(interval: int, listed: int, last: int | None, today: int) -> tuple[str, int, int, int]:
    """The rule on day ordinals (date.toordinal): (state, due ordinal, days overdue, days since).
    ``last`` is the last visit that counts (None: never visited); ``listed`` the listing day."""
    start = last if last is not None else listed
    due_on = start + interval if last is not None else start
    days_since = today - start
    if today < due_on:
        return "not_due", due_on, 0, days_since
    overdue = today - due_on
    if days_since >= 2 * interval:
        return "neglected", due_on, overdue, days_since
    return ("overdue" if overdue else "due"), due_on, overdue, days_since


def latest_counting(day: str, *visits: str | None) -> str | None:
    """The latest ISO date among ``visits`` that is not after ``day`` (ISO dates compare as text)."""
    counting = [v[:10] for v in visits if v and v[:10] <= day]
    return max(counting) if counting else None


def attempt_after(day: str, last: str | None, attempt: str | None) -> date | None:
    """The not-seen ``attempt`` when it is after the last visit that counts and not after ``day``."""
    attempt = latest_counting(day, attempt)
    return date.fromisoformat(attempt) if attempt and (last is None or attempt > last) else None


def due_state(frequency: str, listed_on, last_visit, today: date, ledger_last_visit=None,
              last_attempt=None) -> Due:
    """The visit state on ``today`` of a subject visited at ``frequency`` (see the module doc).
    ``last_visit`` is the latest visit that counts; ``last_attempt`` the latest not-seen one."""
    iso = [d.isoformat() if isinstance(d, date) else d for d in (last_visit, ledger_last_visit, last_attempt)]
    latest = latest_counting(today.isoformat(), *iso[:2])
    last = date.fromisoformat(latest).toordinal() if latest else None
    listed = as_date(listed_on) or today
    state, due_on, overdue, days_since = classify(interval_days(frequency), listed.toordinal(), last,
                                                  today.toordinal())
    return Due(state, date.fromordinal(due_on), date.fromordinal(last) if last is not None else None,
               overdue, days_since, attempt_after(today.isoformat(), latest, iso[2]))


def state_words(due: Due, another_day: bool = False, english: bool = False) -> str:
    """The state in a few words, as the care list, its card, paper, exports and the command line
    all write it (in English for an English window): 21天未走访, 逾期3天, 今天应访 (当天应访 on
    the list of another day: tomorrow's round), 未到期; a not-seen attempt since the last visit
    adds （上次未见到）: 21天未走访（上次未见到）. Short, so a list's column and a sheet's
    narrow column show it whole; the attempt's day stays in the person's visits."""
    code = "due_that_day" if due.state == "due" and another_day else due.state
    pick = 0 if english else 1
    words = STATE_WORDS[code][pick].format(days=due.days_since if due.state == "neglected" else due.days_overdue)
    return words if due.last_attempt is None else NOT_SEEN_LAST_TIME[pick].format(state=words)
