"""Who is at the gate, found from whatever the guard typed or the scanner sent: a pass QR, a
pass number, a plate, a name, pinyin initials, the last digits of an ID number or a phone."""
import re
from dataclasses import dataclass, replace
from datetime import date

from db.connection import Database
from desktop.gate import passes as gate_passes
from desktop.gate.plates import format_plate, looks_like_plate, normalise_plate
from desktop.gate.scanned import KeyTimes, without_symbology
from desktop.gate.records import GatePass, Vehicle, Visitor
from desktop.gate.vehicles import find_vehicle, vehicles_ending
from desktop.gate.visitors import Host, came_by_plate, search_visitors
from desktop.accounts.roles import Permission, require, sees_whole_numbers
from desktop.idnumber import check_digit, normalise as normalise_id, upgrade_15
from desktop.masking import mask_id_number, mask_text
from desktop.records import Person
from desktop.register import Register
from desktop.search import search_people

# Someone under these statuses must not go out (red card, 不得外出) without an override.
STAY_IN = ("home_isolation", "observation")
_SEVERITY = {"home_isolation": 3, "observation": 2, "away": 1, "healthy": 0}
_PASS_NO = re.compile(r"S[0-9A-F]{4}-[0-9]+")
# What a scanner types: a pass QR or a whole ID number.
_SCAN = r"MS1[:：].*|[0-9]{17}[0-9X]"
_WHOLE_ID = re.compile(r"[0-9]{17}[0-9X]", re.IGNORECASE)
# A first-generation (15-digit) number, typed from an old card or an old ledger: never a scan
# (those cards have no code to scan), but the person is found by it (lookup).
_OLD_ID = re.compile(r"[0-9]{15}")
# '365' typed, then a scan sent before anyone pressed Enter; or a reading the scan cut short
# ('3', '36', '36.'): dropped, the scanned person went out without the reading being typed.
_READING = r"[0-9]{1,3}(?:[.．][0-9]?)?"
_READING_THEN_SCAN = re.compile(rf"({_READING})\s*({_SCAN})", re.IGNORECASE)
# A reading as a guard finishes it: '365' or '36.5'.
_WHOLE_READING = re.compile(r"[0-9]{3}|[0-9]{2}[.．][0-9]")
# A scan at the end of a field that held something else (the log's day).
_SCANNED_TAIL = re.compile(rf"({_SCAN})$", re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    """A resident, a household pass (any member), a visitor or a vehicle at the gate."""
    kind: str                            # person | household | visitor | vehicle
    name: str
    address: str = ""
    status: str = "healthy"              # for a household: its most serious member's status
    person_id: str | None = None
    household_id: str | None = None
    visitor_id: str | None = None
    pass_id: str | None = None
    pass_no: str = ""
    plate: str = ""
    stay_in_names: tuple[str, ...] = ()  # people of a household pass who must not go out
    visit_reason: str = ""
    visiting: str = ""
    visiting_household_id: str | None = None   # the household a visitor came to see, when chosen
    visited_address: str = ""            # its address, for the card (the log reads it from the register)
    household_name: str = ""             # a car's household as the card names it (张三家): whose car
    id_masked: str = ""                  # 4201**********123X: all a gate is shown of an ID number
    found_by: str = ""                   # how a lookup found them, when it was not by their name:
                                         # 访客 王师傅 的车（上次 12月5日）

    @property
    def must_stay_in(self) -> bool:
        return self.status in STAY_IN

    @property
    def key(self) -> tuple[str, str]:
        """The column and value that identify this subject's earlier passes."""
        if self.person_id:
            return "person_id", self.person_id
        if self.visitor_id:
            return "visitor_id", self.visitor_id
        if self.pass_id:
            return "pass_id", self.pass_id
        return "plate", self.plate


@dataclass(frozen=True)
class Lookup:
    """What the entry field found: one subject to show, several to choose from, or a refusal."""
    subjects: tuple[Subject, ...] = ()
    refused: str = ""                    # a scanned pass that must not let anyone through
    scanned: bool = False                # came from a pass QR (the scanner)
    temperature_text: str = ""           # typed before the scan: '365' + QR
    exact: bool = False                  # a QR, a pass number or a whole ID number: no doubt who it is

    @property
    def saves_at_once(self) -> bool:
        """One scan (or one typed ID number) and one Enter save when nothing else is needed; a
        name or initials only show the card, since the guard must see it is the right person."""
        return (len(self.subjects) == 1 and not self.refused and (self.scanned or self.exact)
                and not reading_cut_short(self.temperature_text))


def person_subject(p: Person, gate_pass: GatePass | None = None) -> Subject:
    """What the gate is shown of a resident: name, address, masked ID number, may go out or not;
    never phones, care or isolation details (the Person it is made from stays in desktop/)."""
    return Subject("person", p.full_name, p.address, p.status, person_id=p.id, household_id=p.household_id,
                   pass_id=gate_pass.id if gate_pass else None, pass_no=gate_pass.pass_no if gate_pass else "",
                   id_masked=mask_id_number(p.id_number) if p.id_number else "")


def visitor_subject(v: Visitor, reason: str = "", visiting: str = "", plate: str = "",
                    host: Host | None = None) -> Subject:
    """A visitor at the gate; ``host``: the household chosen in the form as the one visited."""
    return Subject("visitor", v.full_name, v.from_place, "healthy", visitor_id=v.id,
                   visit_reason=reason, visiting=visiting, plate=plate,
                   visiting_household_id=host.household_id if host else None,
                   visited_address=host.address if host else "")


def shown_name(db: Database, name: str) -> str:
    """A register's name as the logged-in account is shown it at the gate: whole, but a number
    typed into it (张三13912345678) masked for the gate account, as on the rest of its screen."""
    return name if sees_whole_numbers(db) else mask_text(name)


def vehicle_subject(plate: str, vehicle: Vehicle | None = None) -> Subject:
    """A car at the gate: the plate and the household it is registered to, never a person, even
    for a car registered to one (the passes tab's): the owner or any of the family may drive it,
    so its passages are the car's (their in/out guess its own, the owner's not turned round by a
    trip) and the household's (log.any_member: asked about each member's fever today, the
    owner's too, not stopped by it as the car's own). Who is in it is scanned as themselves.
    The card names the household (its address, 张三家: _cars) so the guard sees whose car it is."""
    return Subject("vehicle", format_plate(plate), vehicle.address if vehicle else "", "healthy",
                   household_id=vehicle.household_id if vehicle else None, plate=plate,
                   household_name=f"{vehicle.household_name}家" if vehicle and vehicle.household_name else "")


def _cars(db: Database, vehicles) -> tuple[Subject, ...]:
    """The households' cars as the gate is shown them: the household's name as it sees names."""
    return tuple(vehicle_subject(v.plate, replace(v, household_name=shown_name(db, v.household_name)))
                 for v in vehicles)


def _last_time(at: str, today: date) -> str:
    """'2026-12-05T09:10:00' -> '12月5日' ('今天 09:10' today)."""
    day = date.fromisoformat(at[:10])
    return f"今天 {at[11:16]}" if day == today else f"{day.month}月{day.day}日"


def plate_subjects(db: Database, raw: str, today: date | None = None, limit: int = 9) -> tuple[Subject, ...]:
    """Whose car this plate is, the one plate lookup of the gate: a household's car (the vehicle
    table); else the visitors whose recent passages carry it (the plate stays on the passages,
    desktop.gate.visitors says why), each saying so (访客 王师傅 的车（上次 12月5日）); else a car
    nobody knows (未登记车辆 on the card)."""
    require(db, Permission.GATE)
    plate = normalise_plate(raw)
    vehicle = find_vehicle(db, plate)
    if vehicle:
        return _cars(db, [replace(vehicle, plate=plate)])
    return _visitors_by_plate(db, plate, today, limit) or (vehicle_subject(plate),)


def plates_ending(db: Database, digits: str, today: date | None = None, limit: int = 9) -> tuple[Subject, ...]:
    """The cars whose plates end in the typed digits ('88888' finds 鄂A88888): households' cars,
    then the visitors who came by one lately, as ``plate_subjects`` finds a whole plate."""
    require(db, Permission.GATE)
    return (_cars(db, vehicles_ending(db, digits, limit))
            + _visitors_by_plate(db, digits, today, limit, ending=True))[:limit]


def _visitors_by_plate(db: Database, plate: str, today: date | None, limit: int,
                       ending: bool = False) -> tuple[Subject, ...]:
    today = today or date.today()
    return tuple(replace(visitor_subject(v, plate=number),
                         found_by=f"访客 {v.full_name} 的车（上次 {_last_time(at, today)}）")
                 for v, number, at in came_by_plate(db, plate, today, limit, ending))


def pass_subject(db: Database, p: GatePass) -> Subject:
    if p.person_id:
        return person_subject(Register(db).person(p.person_id, permission=Permission.GATE), p)
    with db.reading() as conn:
        members = conn.execute("SELECT p.full_name, p.status FROM membership m JOIN person p ON p.id = m.person_id"
                               " WHERE m.household_id = ? AND m.is_deleted = 0 AND p.is_deleted = 0",
                               (p.household_id,)).fetchall()
    status = max((s for _, s in members), key=lambda s: _SEVERITY.get(s, 0), default="healthy")
    return Subject("household", p.holder_name, p.address, status, household_id=p.household_id, pass_id=p.id,
                   pass_no=p.pass_no, stay_in_names=tuple(n for n, s in members if s in STAY_IN))


def scanned_tail(raw: str) -> str | None:
    """The pass QR or whole ID number a scanner typed at the end of a field, after what the field
    held (the log's day: '2026-12-06MS1:…'), or None: what a scanner types is never a date, a
    name or a filter word, so the gate's other fields hand it to the gate instead of losing it."""
    m = _SCANNED_TAIL.search(without_symbology(raw))
    return m.group(1) if m else None


def split_scanned_tail(raw: str) -> tuple[str, str] | None:
    """(what the field held before, the scan) when a pass QR or a whole ID number was scanned onto
    the end of a form's field; None otherwise."""
    text = without_symbology(raw)
    m = _SCANNED_TAIL.search(text)
    return (text[:m.start()].strip(), m.group(1)) if m else None


def scan_kind(raw: str) -> str:
    """What a scanner sent: 'pass' (a pass QR), 'id_number' (a whole ID number) or ''; the gate's
    forms say which, so the guard knows what the waiting person showed."""
    text = without_symbology(raw)
    if gate_passes.looks_like_qr(text):
        return "pass"
    return "id_number" if _WHOLE_ID.fullmatch(text) else ""


def is_resident_id(db: Database, raw: str) -> bool:
    """Whether the text is the whole ID number of someone in the register (a resident at the
    gate, not a visitor whose number is being written down)."""
    found = lookup(db, raw)
    return found.exact and len(found.subjects) == 1 and found.subjects[0].kind == "person"


def looks_scanned(raw: str) -> bool:
    """Whether a field's text ends in what a scanner types (a pass QR or a whole ID number): the
    lock's password field and a new password take it for a resident's scan, never a password."""
    return scanned_tail(raw) is not None


def _a_code(raw: str) -> bool:
    """Whether the text is one code a scanner reads: a pass QR or a whole ID number."""
    text = without_symbology(raw)
    return bool(gate_passes.parse_qr(text) or _WHOLE_ID.fullmatch(text))


def whole_scan(raw: str) -> bool:
    """Whether the text is all a scanner types for one code: a pass QR or a whole ID number, or a
    reading then one of them. A scanner set to end its code with nothing never presses Enter; the
    gate takes such a text once the keys stop."""
    return _a_code(raw) or bool(reading_then_scan(raw))


def scan_in(text: str, keys: KeyTimes) -> tuple[str, str] | None:
    """(what a person had typed, the scan) when the text ends in a whole pass QR or ID number
    typed at a scanner's pace (``before`` is '' when the scanner typed it all); None when no
    scan ends it. A scan that ran into a person's keys was refused whole, or waited for an Enter
    a scanner set to send nothing never presses. The code alone is preferred: a reading the
    guard typed ('365') stays in ``before``, never split as '36' and a reading '5'; a reading
    and a code come as one tail only when they were all typed at a scanner's pace."""
    tails = list(keys.fast_tails(text))
    for before, tail in tails:
        if _a_code(tail):
            return before, tail
    for before, tail in tails:
        if whole_scan(tail):
            return before, tail
    return None


def reading_then_scan(raw: str) -> tuple[str, str] | None:
    """('365', the scan) when a temperature typed into the field ran into a scan (a pass QR or a
    whole ID number) before Enter, finished or not ('3', '36.'); None for anything else."""
    m = _READING_THEN_SCAN.fullmatch(without_symbology(raw))
    return (m.group(1), m.group(2)) if m else None


def scan_then_reading(text: str, keys: KeyTimes) -> str | None:
    """'365' + the scan when the guard typed a reading after a scan the gate had not yet taken (a
    scanner set to send nothing after its code, taken once its keys stop): the field held
    '4201…365' and Enter answered 'not found', the whole ID number on the card. None otherwise."""
    # Where the guard's keys began: after a pause ('365' + an ID number is as many digits), or
    # one key before it (the guard's first key came within moments of the scanner's last).
    for paused in keys.paused_at():
        for before in (paused, paused[:-1]):
            reading = text[len(before):].strip()
            if before and text.startswith(before) and _a_code(before) and re.fullmatch(_READING, reading):
                return reading + before
    # A pass QR ends where its fixed-length check code does: the guard's first key came within
    # moments of the scanner's last and no pause followed ('MS1…X' '3', Enter).
    split = gate_passes.qr_then_rest(text) or id_then_rest(text)
    if split and re.fullmatch(_READING, split[1].strip()):
        return split[1].strip() + split[0]
    return None


def _checked_id(text: str) -> bool:
    number = text.upper()
    return bool(_WHOLE_ID.fullmatch(number)) and check_digit(number[:17]) == number[17]


def id_then_rest(raw: str) -> tuple[str, str] | None:
    """(the ID number, what follows it) when the text starts with a whole 18-character ID number
    whose check digit is right: its length is fixed, as a pass QR's check code is, so a key typed
    on after it ('4201…0018' '3') is no part of it. Digits alone have no mark where the number
    starts: when the last 18 characters are a checked number too, '36' + an ID number is as
    likely (one in eleven), and it is left as reading_then_scan reads it. A 15-digit old number
    is never a scan, and a wrong check digit leaves unknown where the number ends: not split."""
    text = without_symbology(raw)
    if len(text) > 18 and _checked_id(text[:18]) and not _checked_id(text[-18:]):
        return text[:18], text[18:]
    return None


def reading_cut_short(reading: str) -> bool:
    """Whether a reading a scan ran into may be unfinished ('36' of '365' is 36.0): the card then
    shows it and waits for the guard's Enter, never saved at once with a reading nobody meant."""
    return bool(reading) and not _WHOLE_READING.fullmatch(reading)


def lookup(db: Database, raw: str, today: date | None = None, limit: int = 9) -> Lookup:
    require(db, Permission.GATE)
    text = without_symbology(raw)
    if not text:
        return Lookup()
    temperature, text = reading_then_scan(text) or ("", text)
    if gate_passes.looks_like_qr(text):
        try:
            p = gate_passes.verify_qr(db, text, today)
        except gate_passes.PassRefused as e:
            shown = (pass_subject(db, e.gate_pass),) if e.gate_pass else ()
            return Lookup(shown, refused=e.message, scanned=True)
        return Lookup((pass_subject(db, p),), scanned=True, temperature_text=temperature)
    if _PASS_NO.fullmatch(text.upper()):
        p = gate_passes.find_pass_by_number(db, text)
        if p:
            try:
                gate_passes.check_valid(p, today or date.today())
            except gate_passes.PassRefused as e:
                return Lookup((pass_subject(db, p),), refused=e.message)
            return Lookup((pass_subject(db, p),), exact=True)
    if looks_like_plate(text):
        return Lookup(plate_subjects(db, text, today, limit))
    number = normalise_id(text)
    if _OLD_ID.fullmatch(number):
        # The register keeps the 18-digit number the old one became (GB 11643-1999, fixed, not a
        # guess: desktop.idnumber.upgrade_15); searched as typed, it found nobody (查无此人).
        number = text = upgrade_15(number)
    people = search_people(db, text, limit=limit, permission=Permission.GATE)
    if len(number) == 18 and len(people) == 1 and normalise_id(people[0].id_number) == number:
        return Lookup((person_subject(people[0]),), exact=True, temperature_text=temperature)
    found = [person_subject(p) for p in people]
    found += [visitor_subject(v) for v in search_visitors(db, text, limit=limit)]
    if text.isdigit() and len(text) >= 4:
        # A visitor found by a phone's end and by their car's plate is listed once.
        known = {s.visitor_id for s in found if s.visitor_id}
        found += [s for s in plates_ending(db, text, today, limit) if not (s.visitor_id and s.visitor_id in known)]
    return Lookup(tuple(found[:limit]))


def going_out_choices(db: Database, subject: Subject) -> tuple[Subject, ...]:
    """Who may be going out on this subject's pass: the person of a personal pass; each member of
    a household pass (the holder first), so the green channel records the one who went out."""
    if subject.kind != "household" or not subject.household_id:
        return (subject,)
    with db.reading() as conn:
        members = conn.execute("SELECT p.id, p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
                               " WHERE m.household_id = ? AND m.is_deleted = 0 AND p.is_deleted = 0"
                               " ORDER BY p.full_name <> ?, p.birth_date, p.full_name",
                               (subject.household_id, subject.name)).fetchall()
    return tuple(replace(subject, name=name, person_id=pid) for pid, name in members) or (subject,)
