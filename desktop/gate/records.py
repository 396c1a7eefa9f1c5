"""Frozen records of the gate, handed to the window, the command line, printing and tests."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint (卡口): a compound gate or a village road."""
    id: str
    name: str
    compound_id: str | None = None
    kind: str = "compound_gate"
    temperature_on_entry: bool = True


@dataclass(frozen=True)
class GatePass:
    """A pass (出入证) for a household (any member) or for one person."""
    id: str
    pass_no: str
    household_id: str | None
    person_id: str | None
    holder_name: str
    address: str
    valid_from: str
    valid_to: str
    revoked_at: str = ""
    revoked_reason: str = ""


@dataclass(frozen=True)
class PrintablePass:
    """What the paper issue prints on one pass card (8 a page)."""
    pass_no: str
    holder_name: str               # the person, or the head of household for a household pass
    for_household: bool
    address: str
    valid_from: str
    valid_to: str
    qr_text: str
    place_kind: str = ""           # the household's compound's: compound | village_group ('' for none)


@dataclass(frozen=True)
class HouseholdRule:
    """'one person per household out every two days'; people_per_household 0 means no rule."""
    people_per_household: int = 0
    every_days: int = 1

    @property
    def active(self) -> bool:
        return self.people_per_household > 0


@dataclass(frozen=True)
class Visitor:
    """A visitor (访客), kept so that they are recognised when they come back."""
    id: str
    full_name: str
    phone: str = ""
    id_number: str = ""
    from_place: str = ""


@dataclass(frozen=True)
class Vehicle:
    id: str
    plate: str
    household_id: str | None = None
    person_id: str | None = None
    address: str = ""
    note: str = ""
    household_name: str = ""       # its head's (else first member's) name: whose car it is


@dataclass(frozen=True)
class LogEntry:
    """One row of the gate log as the day view shows it."""
    id: str
    at: str
    direction: str
    holder_name: str
    address: str
    plate: str
    temperature: float | None
    fever: bool
    outcome: str
    note: str
    checkpoint: str
    person_id: str | None = None
    visitor_id: str | None = None
    override_reason: str = ""
    rule_exceeded: bool = False
    void_reason: str = ""          # non-empty: a correction voided this row
    source: str = "screen"
    guard: str = ""                # 值守人: log.guard_of
    household_pass: bool = False   # on a household pass: holder_name is the pass's, any member's
    visited: str = ""              # a visitor's: the address of the household chosen as visited
    kept: bool = False             # still in the gate journal (暂存), not yet in the register
    checkpoint_id: str | None = None
    visit_reason: str = ""         # a visitor's, as typed at the gate (the printed sheet's 事由)
    visiting: str = ""             # whom a visitor said they visit, as typed (探访何人)
    visiting_household_id: str | None = None   # a visitor's: the household chosen as visited
    after_fever_at: str | None = None   # judged after the fever of this time (log.after_a_fever)


@dataclass(frozen=True)
class HouseholdVisit:
    """A visitor's passage to a household chosen at the gate, as the household's card lists it."""
    at: str
    direction: str
    visitor_name: str
    reason: str
    checkpoint: str
    phone: str = ""                # the visitor's, to call them (masked for the gate)
