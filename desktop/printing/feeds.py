"""The gate's and the care lists' data for paper: passes, isolation cases, today's visits per
helper and a gate's log of one day, turned into the frozen records the forms draw from.
Reading only. The register's own forms get theirs from ``desktop.printing.sources``."""
from datetime import date

from desktop import place_words
from desktop.care import vocab as care_vocab
from desktop.vocab import zh
from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.care.paper import health_record_rows, visit_sheet
from desktop.errors import InputError
from desktop.gate import checkpoints as gate_checkpoints
from desktop.gate.log import (OUTCOMES, SHEET_FROM, SHEET_GUARD, SHEET_PHONE, day_log, kept_said, note_part,
                              passage_name)
from desktop.gate.passes import passes_to_print
from desktop.place_words import PlaceWords
from desktop.printing.notice import chinese_date
from desktop.printing.records import GateLogEntry, IsolationCase, PassCard, VisitItem
from desktop.printing.sources import scope
from desktop.register import Register

GATE_LOG_LIMIT = 100_000           # more than any gate logs in a day


def pass_cards(register: Register, compound: str = "", building: str = "",
               today: date | None = None) -> list[PassCard]:
    """Every valid pass of the scope, in ledger order, with the QR the gate screen checks."""
    cards = []
    office = place_words.community_words(register.db)      # a village group's card: 村民出入证
    places = scope(register, compound, building) if compound or building else [(None, None)]
    for c, b in places:
        for p in passes_to_print(register.db, compound_id=c.id if c else None,
                                 building_id=b.id if b else None, today=today):
            cards.append(PassCard(p.pass_no, p.holder_name + ("（全户）" if p.for_household else ""),
                                  p.address, p.valid_from, p.valid_to, p.qr_text,
                                  compound=c.name if c else "", for_household=p.for_household,
                                  residents=place_words.words_in(p.place_kind, office).residents))
    return cards


def isolation_cases(register: Register, compound: str = "", building: str = "",
                    today: date | None = None, readings: bool = False) -> list[IsolationCase]:
    """Everyone under home isolation or observation on ``today`` in the scope; ``readings``:
    with the checks recorded so far (corrections as corrected, voided checks left out), for the
    health sheet."""
    day = today or date.today()
    book = IsolationBook(register.db, register)
    places = scope(register, compound, building) if compound or building else [(None, None)]
    cases = []
    for c, b in places:
        for e in book.open_episodes(day, compound_id=c.id if c else None, building_id=b.id if b else None):
            person = register.person(e.person_id)
            size = register.household(person.household_id).member_count if person.household_id else 1
            cases.append(IsolationCase(
                e.full_name, e.address, date.fromisoformat(e.start_on), date.fromisoformat(e.planned_end_on),
                zh(care_vocab.ISOLATION_KIND, e.kind), e.reason, person.id_number, e.phone, size,
                tuple(health_record_rows(book, e.id)) if readings else (), e.place_kind))
    return cases


# The sheet of those due whom no helper is assigned to, as its heading says it (帮扶人：…).
UNASSIGNED = "未安排（请在关爱页指定帮扶人）"


def visit_lists(register: Register, helper: str = "",
                today: date | None = None) -> list[tuple[str, list[VisitItem]]]:
    """(helper's name, whom to visit today) for one helper by name, or for every helper who
    has someone due, and then those due whom nobody is assigned to (a ledger imported without
    its helpers' phones): they were left off, and a register of only those printed nothing at
    all. Most urgent first, as on the care page."""
    day = today or date.today()
    book = CareBook(register.db, register)
    helpers = book.helpers()
    if helper:
        helpers = [h for h in helpers if h.full_name == helper.strip()]
        if not helpers:
            raise InputError("helper", f"没有名为“{helper}”的帮扶人。")
    out = []
    for h in helpers + ([] if helper else [None]):
        sheet = visit_sheet(book, h.id if h else None, day)
        items = [VisitItem(r.full_name, r.address, r.categories, r.needs, r.phone, r.last_visit,
                           r.state_label, phone_whose=r.phone_whose) for r in sheet.rows]
        if items or helper:
            out.append((h.full_name if h else UNASSIGNED, items))
    if not out:
        raise InputError("helper", f"{chinese_date(day)}没有需要走访的关爱对象。")
    return out


def gate_log(register: Register, gate: str = "", day: date | None = None) -> tuple[str, list[GateLogEntry]]:
    """(the gate's name, its passages of the day in time order). Voided rows are left out:
    the sheet shows what stands after corrections. Without a name: this computer's gate."""
    when = (day or date.today()).isoformat()
    if gate:
        checkpoint = gate_checkpoints.checkpoint_called(register.db, gate)
    else:
        checkpoint = gate_checkpoints.this_checkpoint(register.db)
        if checkpoint is None:
            raise InputError("gate", "请指定卡口名称（--gate），或先在门岗页选择本机值守的卡口。")
    # The gate's day as its log tab lists it (log.day_log): the passages kept in the gate journal
    # too (an import held the register), marked 暂存: the evening's paper had lost them.
    entries = [e for e in day_log(register.db, when, checkpoint.id, limit=GATE_LOG_LIMIT) if not e.void_reason]
    from_places = _from_places(register, {e.visitor_id for e in entries if e.visitor_id})
    phones = _phones(register, entries)
    rows = []
    for e in reversed(entries):
        # A passage not a resident's: one imported from a typed sheet has a host, no visitor record.
        reason, visiting = ("", "") if e.person_id else (e.visit_reason, e.visiting)
        from_place = from_places.get(e.visitor_id, "")
        # A typed sheet's 值守人, and its 联系电话 and 从何处来 where the log had none, back in
        # their columns (the phone masked there); they were in 事由, the two columns left empty.
        phone, note = phones.get(e.id, ""), note_part(e.note, SHEET_GUARD, e.source)[1]
        if not phone:
            phone, note = note_part(note, SHEET_PHONE, e.source)
        if not from_place:
            from_place, note = note_part(note, SHEET_FROM, e.source)
        # A host without a reason is a typed sheet's 事由/探访何人 cell as the guard wrote it.
        said = kept_said(e, " ".join(x for x in (reason, f"探访{visiting}" if visiting and reason else visiting,
                                                 note) if x))
        rows.append(GateLogEntry(e.at[11:16], "进" if e.direction == "in" else "出", passage_name(e),
                                 door=_door(e, visiting), phone=phone,
                                 temperature="" if e.temperature is None else f"{e.temperature:.1f}",
                                 plate=e.plate, from_place=from_place, reason=said,
                                 outcome=OUTCOMES.get(e.outcome, ""), guard=e.guard, fever=e.fever, kept=e.kept))
    return checkpoint.name, rows


def _door(e, visiting: str) -> str:
    """The sheet's 房号/地址: a resident's own door; for a visitor, the household they came to
    see when the guard chose it in the form (访：幸福里小区 3栋2单元501), else nothing (whom they
    saw, as typed, is in 事由/探访何人)."""
    if e.visitor_id or visiting:
        return f"访：{e.visited}" if e.visited else ""
    return e.address


def _from_places(register: Register, visitor_ids: set[str]) -> dict[str, str]:
    """Where each visitor came from, for the sheet's 从何处来 (it was empty for every visitor)."""
    import json
    with register.db.reading() as conn:
        return {r[0]: r[1] for r in conn.execute(
            "SELECT v.id, v.from_place FROM json_each(?) j CROSS JOIN visitor v ON v.id = j.value"
            " WHERE v.from_place IS NOT NULL", (json.dumps(sorted(visitor_ids)),))}


def gate_words(register: Register, gate: str = "") -> PlaceWords:
    """The words of a gate's place, which head its sheet's door column (a village road's 门牌);
    a gate typed on a blank sheet that is not set up here speaks as the office does."""
    found = (gate_checkpoints.checkpoint_named(register.db, gate) if gate
             else gate_checkpoints.this_checkpoint(register.db))
    return place_words.scope_words(register.db, found.compound_id if found else None)


def _phones(register: Register, entries) -> dict[str, str]:
    """The phone kept with each passage's resident (read through a merge) or visitor, for the
    sheet's 联系电话 column (it was empty on every printed log); a kept passage's (暂存) too."""
    import json
    whose = [[e.id, e.person_id, e.visitor_id] for e in entries if e.person_id or e.visitor_id]
    with register.db.reading() as conn:
        return {r[0]: r[1] for r in conn.execute(
            "SELECT json_extract(j.value, '$[0]'), coalesce(p.phone, v.phone) FROM json_each(?) j"
            " LEFT JOIN person_alias a ON a.id = json_extract(j.value, '$[1]')"
            " LEFT JOIN person p ON p.id = coalesce(a.canonical_id, json_extract(j.value, '$[1]'))"
            " LEFT JOIN visitor v ON v.id = json_extract(j.value, '$[2]')"
            " WHERE coalesce(p.phone, v.phone) IS NOT NULL", (json.dumps(whose),))}
