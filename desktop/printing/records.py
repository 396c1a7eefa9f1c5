"""What forms are drawn from: plain frozen records, so a form never reads the database itself.

The register's forms get theirs from ``desktop.printing.sources``; the gate's and care's forms
take these records from whatever holds the data (the gate and care modules fill them), and
tests build them by hand.
"""
from dataclasses import dataclass, field
from datetime import date

from desktop.place_words import CITY, PlaceWords


@dataclass(frozen=True)
class Office:
    """Who issues the paper: printed in signatures, headers and contact lines."""
    name: str = "社区居民委员会"
    phone: str = ""
    masthead: str = ""                   # 发文机关标志 for the built-in notices (红头); empty: none
    words: PlaceWords = CITY             # a village's paper says 村委会 and 村民 (desktop.place_words)


@dataclass(frozen=True)
class NoticeTemplate:
    """A notice or letter template (通知/致住户的信) from the office's library."""
    id: str
    name: str
    title: str
    body: str
    kind: str = "notice"                 # notice | letter (one per household, mail merge)
    issuer_mark: str = ""                # red header text (发文机关标志); empty: none
    salutation: str = ""                 # 主送: '尊敬的{户主}家庭：'
    signature: str = ""                  # 署名; empty: the office's name


@dataclass(frozen=True)
class MergeRecord:
    """One letter's merge fields: a household (户) with its head (户主) and address."""
    household_id: str
    head_name: str                   # the name to address (the head, else the first member)
    address: str
    compound: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    member_count: int = 0
    compound_kind: str = "compound"      # compound | village_group: a village house's door is its 门牌


@dataclass(frozen=True)
class PassCard:
    """A pass (出入证) as printed: the QR carries ``qr_text``, which the gate scanner reads."""
    pass_no: str
    holder: str
    address: str
    valid_from: str
    valid_to: str
    qr_text: str
    compound: str = ""
    kind: str = "resident"               # resident (居民) | vehicle (车辆) | worker (工作人员)
    for_household: bool = False          # a household's pass (全户): any member may use it
    residents: str = ""                  # who live at its place (a village group's: 村民); '': the office's


@dataclass(frozen=True)
class IsolationCase:
    """One home isolation or medical observation (``kind``: its label, 居家隔离 | 医学观察) to
    notify: for the notice, the door sign and the 14-day sheet."""
    person_name: str
    address: str
    start: date
    planned_end: date
    kind: str = "居家隔离"
    reason: str = ""
    id_number: str = ""                  # printed masked
    phone: str = ""                      # printed masked
    household_size: int = 1
    # The checks already recorded (desktop.care.paper.HealthRecordRow, one a day of the period,
    # blank where not checked): the health sheet prints them; none: every row left to fill in.
    readings: tuple = ()
    place_kind: str = ""                 # the household's compound's: compound | village_group ('' for none)


@dataclass(frozen=True)
class GateLogEntry:
    """One row of a gate's log (出入登记) for the day's printed sheet."""
    time: str
    direction: str                       # 进 | 出
    name: str
    door: str = ""                       # a resident's household (3栋2单元501 / 张家畈组 12号)
    phone: str = ""                      # the resident's or visitor's, as kept with them
    temperature: str = ""
    plate: str = ""
    from_place: str = ""
    reason: str = ""
    outcome: str = ""
    guard: str = ""                      # 值守人: who stood at the gate (gate.log.guard_of)
    fever: bool = False                  # 37.3 °C or more: the row is marked
    kept: bool = False                   # still in the gate journal: 事由 says [暂存] (gate.log.KEPT_MARK)


@dataclass(frozen=True)
class VisitItem:
    """One person a helper (帮扶人) should visit today, and what they need."""
    person_name: str
    address: str
    groups: str = ""                     # 独居老人、慢性病 …
    needs: str = ""                      # 代买药品、送餐 …
    phone: str = ""
    last_visit: str = ""
    due: str = ""                        # 今天 | 已逾期3天
    emergency_contact: str = ""
    phone_whose: str = ""                # whose phone it is when not the person's own: 户主 任超子


@dataclass(frozen=True)
class HouseholdSheet:
    """One household for its register sheet (一户一档): place, tenure and members."""
    address: str
    tenure: str
    landlord: str
    members: tuple = field(default_factory=tuple)   # desktop.records.Person, head first
    note: str = ""


@dataclass(frozen=True)
class DailyFigures:
    """The day's figures for the daily report (日报), overall and per compound."""
    community: str
    day: date
    households: int
    people: int
    key_persons: int
    status_counts: dict
    new_changes: dict                    # status -> people who entered it today
    by_compound: tuple = ()              # (compound, households, people, {status: n}) …
