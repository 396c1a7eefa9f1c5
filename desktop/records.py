"""Frozen records that desktop/ hands to the window, the command line and tests."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Compound:
    """A compound (小区/院落) or a village group (村民小组)."""
    id: str
    name: str
    kind: str = "compound"
    address: str = ""


@dataclass(frozen=True)
class Building:
    id: str
    compound_id: str
    number: str


@dataclass(frozen=True)
class Unit:
    id: str
    building_id: str
    number: str


@dataclass(frozen=True)
class Household:
    """A household (户): one flat or house, its tenure and landlord."""
    id: str
    compound_id: str
    building_id: str | None
    unit_id: str | None
    room: str
    address_text: str
    tenure: str
    landlord_person_id: str | None
    landlord_name: str
    landlord_phone: str
    note: str
    address: str                     # for display: '幸福里 3栋2单元501'
    building: str = ""
    unit: str = ""
    head_name: str = ""              # the head (户主) only; '' when nobody is marked head
    member_count: int = 0
    name: str = ""                   # the name to address: the head, else the first member


@dataclass(frozen=True)
class Person:
    """A person (人员) in the register, with the household they live in (if any)."""
    id: str
    full_name: str
    id_type: str = "resident_id"
    id_number: str = ""
    sex: str = ""
    birth_date: str = ""
    phone: str = ""
    residence_kind: str = "registered"
    hukou_address: str = ""
    is_key_person: bool = False
    key_reason: str = ""
    status: str = "healthy"
    status_reason: str = ""
    status_since: str = ""
    work_place: str = ""
    note: str = ""
    household_id: str | None = None
    relation: str = ""
    address: str = ""


@dataclass(frozen=True)
class RemovedPerson:
    """A person removed from the register (删除的人员), as the list to restore them from shows
    them: not someone merged into another record (that is no removal)."""
    id: str
    full_name: str
    id_number_masked: str            # '4201**********123X', '' without a number
    household_id: str | None         # the household they were removed from (their last link)
    address: str                     # its place, '' when they were in none
    relation: str                    # their relation there (vocab.RELATION), '' when none
    household_gone: bool             # that household has been removed since
    removed_at: str                  # local time, 'YYYY-MM-DD HH:MM'
    removed_by: str                  # the account that removed them ('' when unknown)


@dataclass(frozen=True)
class RestoredPerson:
    """A person put back in the register, and what the clerk is told: where they went back to."""
    person: Person
    message: str


@dataclass(frozen=True)
class StatusChange:
    """One step in a person's four-colour history: who changed it, when, why."""
    person_id: str
    old_status: str
    new_status: str
    reason: str
    changed_by: str
    changed_at: str


@dataclass(frozen=True)
class TravelRecord:
    """Where a person arrived from, and when (行程)."""
    id: str
    person_id: str
    from_place: str
    arrived_on: str
    transport: str = ""
    note: str = ""


@dataclass(frozen=True)
class TreeNode:
    """One node of the compound → building → unit → household tree."""
    kind: str                        # compound | building | unit | household
    id: str
    label: str
    has_children: bool = True
    extra: dict = field(default_factory=dict, compare=False, hash=False)
