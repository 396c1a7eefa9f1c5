"""Frozen records of canvass rounds that desktop/ hands to the window, paper and tests."""
from dataclasses import dataclass, field

# The result of one household in one round. "Reached" means the door answered: visited,
# refused or moved out. Nobody home is not reached (visit again), like a household not yet tried.
OUTCOMES = {
    "visited": ("Visited", "已访"),
    "nobody_home": ("Nobody home", "无人在家"),
    "refused": ("Refused", "拒绝"),
    "moved_out": ("Moved out", "已搬离"),
}
NOT_REACHED = "not_reached"          # no result yet (a token for a follow-up round's from_outcomes)
REACHED = ("visited", "refused", "moved_out")
STEPS = {
    "isolation": ("Isolation episode", "居家隔离/医学观察"),
    "status": ("Status change", "状态变更"),
    "care": ("Care need", "关爱需求"),
}
SCOPE_KINDS = {
    "community": ("Whole community", "全社区"),
    "compound": ("Compounds or village groups", "小区/村民小组"),
    "building": ("Buildings", "楼栋"),
}


@dataclass(frozen=True)
class Question:
    """A question asked at the door. ``key`` is the letter a clerk types for a yes; ``flags``: a
    yes matters and offers ``step`` (the next step proposed first)."""
    code: str
    label: str                       # Chinese, as printed and asked
    label_en: str
    key: str
    flags: bool = True
    step: str = ""
    kind: str = "yes_no"             # yes_no | text (a yes may carry words: from where, what need)
    builtin: bool = True
    id: str = ""


@dataclass(frozen=True)
class Round:
    """A canvass round (一轮摸排): its name, scope, dates and questions."""
    id: str
    name: str
    scope_kind: str
    scope_ids: tuple[str, ...]
    starts_on: str
    ends_on: str
    questions: tuple[str, ...]
    from_round_id: str | None = None
    from_outcomes: tuple[str, ...] = ()
    note: str = ""
    households: int = 0


@dataclass(frozen=True)
class Member:
    person_id: str
    full_name: str
    relation: str = ""


@dataclass(frozen=True)
class ResultRow:
    """One household's line of a round: its code on the sheet, where it is, and its result."""
    id: str
    round_id: str
    household_id: str
    code: int
    address: str
    head_name: str                   # the name to address (the head, else the first member)
    member_count: int
    building_id: str | None
    outcome: str | None                      # None: not reached yet
    answers: dict = field(default_factory=dict, compare=True, hash=False)   # {person_id: {code: value}}
    canvasser_id: str | None = None
    canvasser_name: str = ""
    visited_on: str = ""
    attempts: int = 0
    note: str = ""

    @property
    def reached(self) -> bool:
        return self.outcome in REACHED

    def code_text(self) -> str:
        return code_text(self.code)


def code_text(code: int) -> str:
    """The code as printed: at least three digits, so a code is never read as a result key."""
    return f"{code:03d}"


@dataclass(frozen=True)
class ProgressRow:
    """Progress of a round over a building, grid or canvasser (or overall): figures add up,
    total = visited + nobody_home + refused + moved_out + not_reached."""
    key: str
    label: str
    total: int = 0
    visited: int = 0
    nobody_home: int = 0
    refused: int = 0
    moved_out: int = 0
    not_reached: int = 0
    done_today: int = 0              # results entered for a visit on the day asked

    @property
    def reached(self) -> int:
        return self.visited + self.refused + self.moved_out

    @property
    def percent(self) -> int:
        return round(100 * self.reached / self.total) if self.total else 0


@dataclass(frozen=True)
class Flagged:
    """A person whose answer matters (fever, arrival from elsewhere, contact, a need), with the
    next steps on offer and those already taken."""
    round_id: str
    household_id: str
    address: str
    person_id: str
    full_name: str
    questions: tuple[str, ...]       # codes answered yes
    answer_text: str                 # '发热；近14天从外地返回：武汉'
    suggested: str                   # the step proposed first
    taken: tuple[str, ...] = ()      # steps already taken


@dataclass(frozen=True)
class Entry:
    """What one typed line says (desktop/canvass/entry.py): jump to ``code`` (None: the current
    household), the outcome (None: only jump), and yes answers as (member number, question)."""
    code: int | None
    outcome: str | None
    flags: tuple[tuple[int | None, str], ...] = ()
    keys: int = 0                    # keys pressed, Enter included
