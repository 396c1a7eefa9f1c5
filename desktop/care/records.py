"""Frozen records of care and isolation that desktop/ hands to the window, paper and tests."""
from dataclasses import dataclass, field
from datetime import date

from desktop.care.due import Due
from desktop.temperature import is_fever


@dataclass(frozen=True)
class Helper:
    """A helper (帮扶人): staff, building head or volunteer, reachable by phone."""
    id: str
    full_name: str
    phone: str = ""
    kind: str = "volunteer"
    person_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Contact:
    """An emergency contact (紧急联系人) of a care subject."""
    id: str
    subject_id: str
    full_name: str
    relation: str = ""
    phone: str = ""


@dataclass(frozen=True)
class GreenChannel:
    """The green channel (绿色通道) for treatment outside: where, when, how they get there."""
    subject_id: str
    treatment: str = ""
    hospital: str = ""
    schedule: str = ""
    transport: str = ""
    note: str = ""

    def is_empty(self) -> bool:
        return not any((self.treatment, self.hospital, self.schedule, self.transport, self.note))


@dataclass(frozen=True)
class PhoneToCall:
    """The phone a visitor calls ahead for a care subject (CareBook.phones_to_call): the
    person's own, else someone of the household, else an emergency contact; ``whose`` says
    whose it is when it is not the person's own ('户主 任超子', '紧急联系人 女儿 王芳')."""
    phone: str = ""
    whose: str = ""

    def text(self, line_break: str = "") -> str:
        """'13800001234', '13800001234（户主 任超子）' or '' when nobody can be called."""
        if not self.phone:
            return ""
        return self.phone + (f"{line_break}（{self.whose}）" if self.whose else "")


@dataclass(frozen=True)
class CareSubject:
    """A person on the care list (关爱对象), with the place they live and their helper."""
    id: str
    person_id: str
    full_name: str
    sex: str
    birth_date: str
    phone: str
    address: str
    categories: tuple[str, ...]
    needs: tuple[str, ...]
    frequency: str
    helper_id: str | None
    helper_name: str
    helper_phone: str
    listed_on: str
    last_visit_on: str              # from the old ledger; visits here are in CareVisit
    note: str = ""
    compound_id: str | None = None
    building_id: str | None = None


@dataclass(frozen=True)
class CareListItem:
    """One row of a care list: the subject and their visit state on the list's day."""
    subject: CareSubject
    due: Due


@dataclass(frozen=True)
class CareVisit:
    """A visit (走访): when, who, how, what was found, what was asked for, what was done."""
    id: str
    subject_id: str
    person_id: str
    visited_on: str
    helper_id: str | None
    helper_name: str
    mode: str
    found: str
    needs_raised: tuple[str, ...]
    done: str
    recorded_by: str
    recorded_at: str
    corrects_id: str | None = None
    is_void: bool = False


@dataclass(frozen=True)
class VisitForm:
    """A visit as typed in the quick entry (raw text, checked by CareBook.record_visit)."""
    visited_on: str = ""
    helper_id: str | None = None
    mode: str = "in_person"
    found: str = ""
    needs_raised: tuple[str, ...] = ()
    done: str = ""


@dataclass(frozen=True)
class SubjectForm:
    """What is typed for a care subject; lists hold codes (desktop/care/vocab.py)."""
    categories: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    frequency: str = "weekly"
    helper_id: str | None = None
    listed_on: str = ""
    last_visit_on: str = ""
    note: str = ""


@dataclass(frozen=True)
class IsolationEpisode:
    """An isolation episode (居家隔离/居家医学观察) of one person, open until released."""
    id: str
    person_id: str
    full_name: str
    address: str
    phone: str
    kind: str
    reason: str
    start_on: str
    planned_end_on: str
    helper_id: str | None
    helper_name: str
    released_on: str = ""
    released_by: str = ""
    release_note: str = ""
    note: str = ""
    place_kind: str = ""           # the household's compound's: compound | village_group ('' for none)

    @property
    def is_open(self) -> bool:
        return not self.released_on

    def day_number(self, today: date) -> int:
        """Day 1 is the start date."""
        from desktop.care.due import day_of_period
        return day_of_period(self.start_on, today)


@dataclass(frozen=True)
class FollowUp:
    """One check (随访) of a person in isolation, morning or evening."""
    id: str
    episode_id: str
    person_id: str
    day: str
    slot: str
    temperature: float | None
    symptoms: tuple[str, ...]
    needs: tuple[str, ...]
    helper_id: str | None
    helper_name: str
    note: str
    checked_by: str
    checked_at: str

    @property
    def has_fever(self) -> bool:
        return is_fever(self.temperature)


@dataclass(frozen=True)
class FollowUpForm:
    """A check as typed: temperature as text (validated), codes for symptoms and needs."""
    slot: str = "morning"
    temperature: str = ""
    symptoms: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    helper_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class FollowUpListItem:
    """One row of today's follow-up list: the episode and today's checks so far."""
    episode: IsolationEpisode
    day_number: int
    morning: FollowUp | None
    evening: FollowUp | None
    fever_days: tuple[str, ...] = field(default=())   # days with a fever during this episode
    ends_today_or_past: bool = False                  # planned end reached: release is due

    @property
    def unchecked_slots(self) -> tuple[str, ...]:
        return tuple(s for s, f in (("morning", self.morning), ("evening", self.evening)) if f is None)

    @property
    def fever_today(self) -> bool:
        return any(f is not None and f.has_fever for f in (self.morning, self.evening))
