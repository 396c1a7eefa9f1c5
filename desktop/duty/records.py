"""Frozen records of the people on duty and their shifts."""
from dataclasses import dataclass
from datetime import datetime

KIND = {                          # who they are
    "volunteer": ("Volunteer", "志愿者"),
    "grid_worker": ("Grid worker", "网格员"),
    "sunk_cadre": ("Cadre sent down", "下沉干部"),
    "staff": ("Community staff", "社区工作者"),
}
POST_KIND = {                     # what a shift is for
    "gate": ("Gate", "卡口值守"),
    "care_round": ("Care round", "关爱走访"),
}


@dataclass(frozen=True)
class DutyPerson:
    """Someone on duty: name, phone, the unit they come from, skills, where and when they serve."""
    id: str
    full_name: str
    phone: str = ""
    kind: str = "volunteer"
    unit_name: str = ""
    skills: str = ""
    compound_id: str | None = None
    compound_name: str = ""
    checkpoint_id: str | None = None
    checkpoint_name: str = ""
    available: str = ""
    note: str = ""


@dataclass(frozen=True)
class Shift:
    """One person on one post from ``starts_at`` to ``ends_at`` (the next day for a night shift)."""
    id: str
    person_id: str
    full_name: str
    phone: str
    unit_name: str
    post_kind: str
    post_name: str                # the gate's or the compound's name
    checkpoint_id: str | None
    compound_id: str | None
    starts_at: datetime
    ends_at: datetime
    absent: bool = False
    note: str = ""

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    def time_text(self, next_day: str = "次日%1") -> str:
        """'08:00–16:00', '22:00–次日06:00'; ``next_day`` ("%1" the end) says the end is the next
        day in the window's language ('22:00–06:00 next day')."""
        end = self.ends_at.strftime("%H:%M")
        if self.ends_at.date() > self.starts_at.date():
            end = next_day.replace("%1", end)
        return f"{self.starts_at:%H:%M}–{end}"


@dataclass(frozen=True)
class OnDuty:
    """Who the roster has at a gate at a moment (the gate screen's line): their names, each once,
    in the roster's order, and when the first of their shifts ends (the line changes then). The
    window words it in its language (ui/duty_words.py)."""
    names: tuple[str, ...]
    until: datetime


@dataclass(frozen=True)
class Overlap:
    """Two shifts of one person at the same time, the earlier first: made on two machines and
    come together by sync (on one machine the second is refused)."""
    first: Shift
    second: Shift


@dataclass(frozen=True)
class Hours:
    """Hours served by one person (or one unit) over a period, and the shifts they came to."""
    key: str
    label: str
    unit_name: str
    kind: str
    shifts: int
    hours: float


@dataclass(frozen=True)
class Twin:
    """One person registered twice (on two machines, come together by sync): the older entry
    first, how many live shifts each has, and whether the phones are the same (else one of the
    two has none)."""
    first: DutyPerson
    second: DutyPerson
    first_shifts: int
    second_shifts: int
    same_phone: bool
