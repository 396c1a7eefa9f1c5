"""What the printing issue needs from care and isolation, as frozen records (no layout here).

* ``isolation_notice``: the notice on the door of an episode (居家隔离告知书).
* ``health_record_rows``: the 14-day health record sheet of an episode (健康监测记录表), one row
  a day from the start to the planned end (longer when extended), blank where not yet checked.
* ``visit_sheet``: today's visit list for one helper (走访单), most urgent first.

Phones are masked unless ``masked=False`` (the office's own copy): this is paper.
"""
from dataclasses import dataclass
from datetime import date

from desktop.care import vocab as cv
from desktop.vocab import zh
from desktop.care.care_book import CareBook
from desktop.care.due import period_days, period_length, state_words
from desktop.care.isolation import IsolationBook
from desktop.masking import mask_phone


def _phone(phone: str, masked: bool) -> str:
    return mask_phone(phone) if masked and phone else phone


@dataclass(frozen=True)
class IsolationNotice:
    episode_id: str
    full_name: str
    address: str
    phone: str
    kind: str                       # code
    kind_label: str                 # 居家隔离 | 居家医学观察
    reason: str
    start_on: str
    planned_end_on: str
    days: int
    helper_name: str
    helper_phone: str


def isolation_notice(book: IsolationBook, episode_id: str, masked: bool = True) -> IsolationNotice:
    e = book.episode(episode_id)
    helper_phone = ""
    if e.helper_id:
        helper_phone = CareBook(book.db, book.register).helper(e.helper_id).phone
    days = period_length(e.start_on, e.planned_end_on)
    return IsolationNotice(e.id, e.full_name, e.address, _phone(e.phone, masked), e.kind,
                           zh(cv.ISOLATION_KIND, e.kind), e.reason, e.start_on, e.planned_end_on, days,
                           e.helper_name, helper_phone)


@dataclass(frozen=True)
class HealthRecordRow:
    day_number: int                 # 1 … planned days
    day: str                        # ISO date
    morning: str                    # '36.5', '' when not checked, '未测' when checked without one
    evening: str
    fever: bool
    symptoms: str                   # Chinese labels, '、' separated; '无' when checked and none
    needs: str
    checked_by: str


def health_record_rows(book: IsolationBook, episode_id: str) -> list[HealthRecordRow]:
    e = book.episode(episode_id)
    checks: dict[tuple[str, str], object] = {(f.day, f.slot): f for f in book.followups(episode_id)}
    rows = []
    for n, on in enumerate(period_days(e.start_on, e.planned_end_on)):
        day = on.isoformat()
        today = [checks.get((day, s)) for s in ("morning", "evening")]
        done = [f for f in today if f is not None]

        def temp(f) -> str:
            return "" if f is None else ("未测" if f.temperature is None else f"{f.temperature:.1f}")
        symptoms = sorted({s for f in done for s in f.symptoms})
        needs = sorted({x for f in done for x in f.needs})
        rows.append(HealthRecordRow(
            n + 1, day, temp(today[0]), temp(today[1]), any(f.has_fever for f in done),
            "、".join(zh(cv.SYMPTOM, s) for s in symptoms) or ("无" if done else ""),
            "、".join(zh(cv.NEED, x) for x in needs),
            "、".join(sorted({f.checked_by for f in done if f.checked_by}))))
    return rows


@dataclass(frozen=True)
class VisitSheetRow:
    full_name: str
    age: str
    address: str
    phone: str                      # the phone to call (CareBook.phones_to_call), '' when none
    categories: str                 # Chinese labels
    needs: str
    frequency: str
    last_visit: str                 # ISO date or ''
    due_on: str
    state: str                      # code: neglected | overdue | due
    state_label: str
    green_channel: str              # '区人民医院 血液透析 每周一、三、五' or ''
    phone_whose: str = ""           # '' for the person's own phone; '户主 任超子', '紧急联系人 女儿 王芳'


@dataclass(frozen=True)
class VisitSheet:
    helper_name: str
    helper_phone: str
    day: str
    rows: tuple[VisitSheetRow, ...]


def visit_sheet(book: CareBook, helper_id: str | None, today: date, masked: bool = False) -> VisitSheet:
    """The visits of ``today`` for one helper (None: those nobody is assigned to): today's, or
    another day's (tomorrow's round, printed the evening before: its due are 当天应访, not
    今天应访). Phones are shown in full by default: the helper needs to call ahead; pass
    ``masked=True`` for a copy that is posted up."""
    helper = book.helper(helper_id) if helper_id else None
    rows = []
    items = book.care_list(today, helper_id=helper_id, unassigned=helper is None)
    phones = book.phones_to_call(item.subject for item in items)
    for item in items:
        s, d = item.subject, item.due
        call = phones[s.id]
        green = book.green_channel(s.id)
        age = ""
        if s.birth_date:
            born = date.fromisoformat(s.birth_date)
            age = str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))
        rows.append(VisitSheetRow(
            s.full_name, age, s.address, _phone(call.phone, masked),
            "、".join(zh(cv.CATEGORY, c) for c in s.categories), "、".join(zh(cv.NEED, n) for n in s.needs),
            zh(cv.FREQUENCY, s.frequency), d.last_visit.isoformat() if d.last_visit else "",
            d.due_on.isoformat(), d.state, state_words(d, another_day=today != date.today()),
            " ".join(x for x in (green.hospital, green.treatment, green.schedule) if x), call.whose))
    return VisitSheet(helper.full_name if helper else "", helper.phone if helper else "", today.isoformat(),
                      tuple(rows))
