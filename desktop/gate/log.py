"""The gate log (出入登记): one row per passage, append-only.

Saving a passage is one transaction with a durable commit (WAL, synchronous=FULL): when the
screen says "saved", a laptop whose battery dies a second later still has it. A row is never
edited: a correction is a new row of kind 'void' that names the old row and gives a reason
(and, for a changed value, a corrected copy written in the same transaction).
"""
import re
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from collections import Counter
from operator import itemgetter

from db.connection import Database
from db.errors import DamagedDatabaseError, ReadOnlyDatabaseError, WriterBusyError
from db.sync.ids import uuid7
from desktop.address import format_place
from desktop.errors import InputError, NotFoundError
from desktop.gate import journal, rule as household_rules
from desktop.gate.passes import community_key
from desktop.gate.plates import normalise_plate
from desktop.gate.records import Checkpoint, HouseholdVisit, LogEntry
from desktop.gate.subjects import Subject, shown_name
from desktop.temperature import is_fever, parse_temperature
from desktop.gate.visitors import Host, find_returning, save_visitor, stored_name, written_host
from desktop.register import now_text, places
from desktop.register.queries import household_place
from desktop.textnorm import clean, clean_name
from desktop.accounts.roles import Permission, require, sees_whole_numbers
from desktop.masking import mask_text

DIRECTIONS = {"in": "进", "out": "出"}
OUTCOMES = {"allowed": "放行", "turned_back": "劝返", "referred": "送发热门诊"}
# How a row came to be (gate_log.source) and what it is (gate_log.kind), as the audit and the
# sync page read them (desktop.sync.status.CODED).
SOURCES = {"scan": "扫码登记", "screen": "门岗手工登记", "import": "旧台账导入"}
ENTRY_KINDS = {"pass": "出入", "void": "更正作废"}
_NOT_VOIDED = "NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.voids_id = g.id)"
# A typed-up paper sheet's cells the log has no field for, kept in the passage's note as
# 电话：…；来自：…；登记人：老李. recorded_by stays the account that imported it (the audit's
# "who entered it"); the sheet's guard is who stood at the gate.
SHEET_PHONE, SHEET_FROM, SHEET_GUARD = "电话", "来自", "登记人"


def note_part(note: str, label: str, source: str) -> tuple[str, str]:
    """(the value of the note's ``label：`` part, the note without that part) of a passage the
    typed-sheet import wrote (``source`` 'import'). Any other note is what a clerk typed at the
    screen, kept whole: a note 登记人：王五 typed there is no guard of a paper sheet. No typed
    note is ever saved with the source 'import' (a corrected copy of an imported passage keeps it
    only with the sheet's note unchanged, void_entry): gate_log is append-only and replicated,
    and the row's own source is the mark no typing can fake, with no schema change; within it, a
    cell's text cannot make a part of its own (sheet_note)."""
    if source != "import":
        return "", note
    head = label + "："
    parts = note.split("；") if note else []
    named = [p[len(head):] for p in parts if p.startswith(head)]
    return (named[0] if named else ""), "；".join(p for p in parts if not p.startswith(head))


def sheet_note(*parts: tuple[str, str]) -> str:
    """An imported passage's note from a typed sheet's cells: ``(label, value)`` parts written
    ``label：value`` (a value alone without a label), joined by ``；`` for note_part to read. A
    cell's own ``；`` is written ``;``: a 事由 of 买菜；登记人：王五 stays one part, so only the
    sheet's own columns can name a guard, a phone or where from (no schema change)."""
    return "；".join(f"{label}：{value}" if label else value
                    for label, value in ((label, value.replace("；", ";")) for label, value in parts) if value)


def guard_of(note: str, recorded_by: str | None, source: str) -> str:
    """Who stood at the gate (值守人) as the paper and the day view say it: the guard the
    paper sheet named, marked as entered afterwards; else the account that recorded it."""
    written = note_part(note, SHEET_GUARD, source)[0]
    return f"{written}（补录）" if written else recorded_by or ""


@dataclass(frozen=True)
class Passage:
    """One passage as the guard settled it on the screen."""
    subject: Subject
    direction: str
    temperature: float | None = None
    outcome: str = ""                  # '' = not chosen: allowed, unless there is a fever
    override_reason: str = ""          # someone who must stay in, let out (green channel)
    rule_confirmed: bool = False       # the guard saw the household-rule warning and let them out
    plate: str = ""
    note: str = ""
    source: str = "screen"             # scan | screen | import


@dataclass(frozen=True)
class Assessment:
    """What the card shows before saving: the guessed direction and what needs the guard."""
    direction: str
    last_at: str                       # the subject's last passage, '' if none
    rule_others: tuple[str, ...]       # others of the household already out within the rule
    fever_today: str = ""              # 今天 08:12 在东门测得 37.8°C，请按发热流程处理 ('' if none)
    fever_whose: str = ""              # EarlierFever.whose: '' the subject's own, else the guard asks who
    visited: str = ""                  # a visitor going out: the address of the household today's way in chose


def _now(when: datetime | None) -> datetime:
    return (when or datetime.now()).replace(microsecond=0)


def last_passage(conn, subject: Subject, when: datetime) -> tuple[str, str, str] | None:
    """(direction, at, outcome) of the subject's last row at any gate up to ``when`` (the scan's
    time) that was not voided. Bounded by the scan, as _fevers_today: a row dated later (synced
    from a machine whose clock runs ahead) has not happened yet here, and taken as the last it
    turned the in/out guess round."""
    column, value = subject.key
    if not value:
        return None
    return conn.execute(f"SELECT direction, at, outcome FROM gate_log g WHERE {column} = ? AND at <= ?"
                        f" AND kind = 'pass' AND {_NOT_VOIDED} ORDER BY at DESC, id DESC LIMIT 1",
                        (value, when.isoformat(timespec="seconds"))).fetchone()


def last_plate(db: Database, visitor_id: str) -> str:
    """The plate of a visitor's last passage that had one ('' if none): a visitor who came by
    car is offered it again when they come back (desktop.gate.visitors says why it is kept on
    the passage only)."""
    require(db, Permission.GATE)
    kept = next((e.plate for e in _kept_of_visitor(db, visitor_id) if e.plate), "")
    if kept:                                    # came by car while the register was busy
        return kept
    with db.reading() as conn:
        r = conn.execute(f"SELECT plate FROM gate_log g WHERE visitor_id = ? AND kind = 'pass' AND plate IS NOT NULL"
                         f" AND {_NOT_VOIDED} ORDER BY at DESC, id DESC LIMIT 1", (visitor_id,)).fetchone()
    return r[0] if r else ""


def _kept_of_visitor(db: Database, visitor_id: str) -> list[LogEntry]:
    """A visitor's passages still in the gate journal, newest first, whole (the caller decides
    what the account sees), read as kept_between reads them: his own rows alone (every kept one
    was 0.2-0.3 s at 50,000 when the visitor form offered a returning visitor's plate and host)."""
    if not journal.journal_path(db).exists():
        return []
    rows = journal.waiting_of(db, "visitor_id", visitor_id)
    pairs = _kept_as_read(db, rows).pairs
    return sorted((pair[0] for pair in filter(None, map(pairs.get, map(itemgetter("id"), rows)))),
                  key=_newest_first, reverse=True)


def last_host(db: Database, visitor_id: str) -> Host | None:
    """The household a visitor's last passage was linked to (chosen in the visitor form), while
    it is still in the register: a visitor who comes back is offered it, as their plate
    (last_plate); the guard changes it if they visit someone else. The names are the passage's,
    left out when they hold a number the account may not see (as_seen)."""
    require(db, Permission.GATE)
    # A visit kept in the gate journal (the register was busy) is the newest: it is offered first.
    kept = next(((e.visiting_household_id, e.visiting) for e in _kept_of_visitor(db, visitor_id)
                 if e.visiting_household_id), None)
    with db.reading() as conn:
        r = kept or conn.execute(
            "SELECT visiting_household_id, visiting FROM gate_log g WHERE visitor_id = ? AND kind = 'pass'"
            f" AND visiting_household_id IS NOT NULL AND {_NOT_VOIDED} ORDER BY at DESC, id DESC LIMIT 1",
            (visitor_id,)).fetchone()
        if r is None:
            return None
        address, removed = household_place(conn, r[0])
    if removed:
        return None
    names = r[1] or ""
    return Host(r[0], address, names if sees_whole_numbers(db) or mask_text(names) == names else "")


def _waiting(db: Database, column: str, value: str, since: str, until: str) -> list[dict]:
    """The passages of ``column = value`` dated from ``since`` to ``until`` still in the gate
    journal (saved while another process held the database): the gate's guesses see them as
    the log's own rows."""
    if not journal.journal_path(db).exists():
        return []
    return [r for r in journal.waiting_of(db, column, value) if since <= r["at"] <= until]


def _waiting_passage(db: Database, subject: Subject, when: datetime) -> tuple[str, str, str] | None:
    """The subject's newest passage up to ``when`` still in the gate journal: the next scan of
    the same person guesses from it, not from the row before (bounded as last_passage)."""
    column, value = subject.key
    if not value:
        return None
    rows = _waiting(db, column, value, "", when.isoformat(timespec="seconds"))
    # Last by (at, id), as db.bulk.last_passages: of two scans in one second (in, then out at
    # once), max(at) kept the first one written, and the next scan's guess went the wrong way.
    newest = max(rows, key=lambda r: (r["at"], r["id"]), default=None)
    return (newest["direction"], newest["at"], newest["outcome"]) if newest else None


@dataclass(frozen=True)
class EarlierFever:
    """A fever recorded earlier today that the guard must see at this passage."""
    at: str
    temperature: float
    checkpoint_id: str | None
    # '' when it was this subject's own; else whose it was, when it may or may not have been the
    # one at the gate now: 本户出入证 (a household pass: any member), 本户李梅 (a member's own, at
    # the household pass's scan), 本户车辆 鄂A12345 (the household's car).
    whose: str = ""
    member: str = ""                   # the member whose own fever it was (李梅), '' if not known


def _fevers_today(db: Database, conn, column: str, value: str, when: datetime) -> list[tuple]:
    """The fever rows (at, temperature, checkpoint_id, person_id, pass_id, plate, holder_name)
    of ``column = value`` today up to ``when`` (the scan's time) at any gate of this machine's
    log, not voided, a row still in the journal included. One range of the (column, at) index.
    Bounded by the scan: a row dated later (synced from a machine whose clock runs ahead) is no
    fever "earlier today"."""
    day, until = when.date().isoformat(), when.isoformat(timespec="seconds")
    rows = conn.execute(f"SELECT at, temperature, checkpoint_id, person_id, pass_id, plate, holder_name"
                        f" FROM gate_log g WHERE {column} = ? AND at >= ? AND at <= ? AND fever = 1"
                        f" AND kind = 'pass' AND {_NOT_VOIDED}", (value, day, until)).fetchall()
    rows += [tuple(r.get(c) for c in ("at", "temperature", "checkpoint_id", "person_id", "pass_id", "plate",
                                      "holder_name"))
             for r in _waiting(db, column, value, day, until) if r.get("fever")]
    return rows


def _whose(db: Database, row: tuple) -> tuple[str, str]:
    """(whose a household's fever was, the member's name or '') as the card and the row's note
    say it, of a _fevers_today row."""
    if row[3]:
        name = shown_name(db, row[6] or "")
        return "本户" + name, name
    if row[4]:
        return "本户出入证", ""
    return (f"本户车辆 {row[5]}" if row[5] else "本户"), ""


def any_member(subject: Subject) -> bool:
    """Whether whoever passes on ``subject`` may be any member of its household: a household pass,
    or a household's car on its own card (scanned or its plate typed: who sits in it is not
    known). Such a subject is asked about every fever of the household today, as the pass is;
    a member's own card only about those filed under no member."""
    return subject.kind == "household" or (subject.kind == "vehicle" and bool(subject.household_id))


def _fever_earlier(db: Database, conn, subject: Subject, when: datetime) -> EarlierFever | None:
    """The fever earlier today the guard must see at this subject's passage; None if none.

    The subject's own (its ID, its pass, its car) comes first: a fever now, asked 1/2/3. A
    household pass is any member: a fever recorded on it may or may not be the member at the gate
    now, and a member's own fever may or may not be the one holding the household's pass. Stopping
    each member for one unknown member's fever is too much, saying nothing too little: such a
    fever (``whose``) is shown, and the guard asks who it was (Enter lets through, 2 and 3 as for
    a fever; _check). A member's fever is not another known member's business at the gate.
    The office's isolation reaches a gate laptop only after syncs: the gate's own fever is what
    it knows at once."""
    column, value = subject.key
    if value and subject.kind != "household":
        own = _fevers_today(db, conn, column, value, when)
        if own:
            at, temperature, checkpoint_id = max(own, key=lambda r: r[0])[:3]
            return EarlierFever(at, temperature, checkpoint_id)
    if not subject.household_id or subject.kind not in ("person", "household", "vehicle"):
        return None
    # A member at the gate sees the household's pass's or car's fevers (no person on the row); a
    # household pass or car, any member, sees every fever of the household, its members' own too.
    rows = [r for r in _fevers_today(db, conn, "household_id", subject.household_id, when)
            if any_member(subject) or not r[3]]
    if not rows:
        return None
    newest = max(rows, key=lambda r: r[0])
    return EarlierFever(newest[0], newest[1], newest[2], *_whose(db, newest))


def _fever_words(conn, earlier: EarlierFever, subject: Subject) -> str:
    """'今天 08:12 在幸福里东门测得 37.8°C，请按发热流程处理' (the subject's own), or for a fever
    that may be another member's, whose it was and what to ask (of a car: who sits in it)."""
    gate = conn.execute("SELECT name FROM checkpoint WHERE id = ?", (earlier.checkpoint_id,)).fetchone()
    measured = f"今天 {earlier.at[11:16]} " + (f"在{gate[0]}" if gate else "") + f"测得 {earlier.temperature:.1f}°C"
    car = subject.kind == "vehicle"
    if not earlier.whose:
        return measured + "，请按发热流程处理"
    if earlier.member:
        return f"{earlier.whose}{measured}：请问清{'车上有没有' if car else '持证的是不是'}{earlier.member}"
    return f"{earlier.whose}{measured}，没有登记是本户哪一位：请问清{'是不是车上的人' if car else '是不是此人'}"


# What a passage after a fever said of it before after_fever_at was kept (0030): every such row
# written before, and each one since of a fever the same day, has these words in its note.
AFTER_FEVER = "今日发热（"
# A passage let through after a fever (after_a_fever), as SQL on gate_log g: the column, or for a
# row written before it, its note's words. The handover and the day's lists read it so.
AFTER_A_FEVER_SQL = (f"g.outcome = 'allowed' AND g.fever = 0"
                     f" AND (g.after_fever_at IS NOT NULL OR instr(g.note, '{AFTER_FEVER}') > 0)")


def after_a_fever(e: LogEntry) -> bool:
    """Whether a passage was let through after a fever recorded before it (the guard saw the
    card and chose 放行; its own row has no fever): AFTER_A_FEVER_SQL on a read entry (a kept
    one's). Not by the note's words alone: a card answered after midnight names the fever's day
    (发热（12月7日23:50 …）), and a note may be corrected."""
    return e.outcome == "allowed" and not e.fever and bool(e.after_fever_at or AFTER_FEVER in e.note)


def _after_fever_note(note: str, earlier: EarlierFever | None, outcome: str, at: str) -> str:
    """The passage's note, dated ``at``, with '今日发热（08:12 37.8°C）后放行' first (本户出入证今日
    发热… for a household's fever): the guard saw the earlier fever and chose; the row itself has
    no fever (no reading, or a normal one), so without it the day log, the printed sheet and the
    export read as an ordinary passage. A fever of another day says its day (发热（12月7日23:50
    37.8°C）后放行): a card of 23:59 answered after midnight is dated the next day, where 今日 read
    the next morning pointed to the wrong day."""
    if not earlier:
        return note
    fever_day, hhmm = earlier.at[:10], earlier.at[11:16]
    when = f"今日发热（{hhmm}" if fever_day == at[:10] else f"发热（{int(fever_day[5:7])}月{int(fever_day[8:10])}日{hhmm}"
    said = f"{earlier.whose}{when} {earlier.temperature:.1f}°C）后{OUTCOMES[outcome]}"
    return "；".join(x for x in (said, clean(note)) if x)


# _after_fever_note's words read back, for a window in another language: (whose, month, day
# (both '' for 今日), HH:MM, °C, outcome).
_AFTER_FEVER_PARTS = re.compile(r"^(.*?)(?:今日发热（|发热（(\d{1,2})月(\d{1,2})日)(\d\d:\d\d) (\d+(?:\.\d)?)°C）后(.+)$")
_AFTER_FEVER_SAID = re.compile(r"今日发热（|发热（\d{1,2}月\d{1,2}日\d\d:\d\d ")


def after_fever_parts(note: str) -> tuple[str, tuple[int, int] | None, str, float, str] | None:
    """(whose: '' or 本户出入证 …, the fever's (month, day) or None for the row's own day, its HH:MM,
    its °C, the outcome's code) of the part of a passage's note that says it came after a fever;
    None if none."""
    m = _AFTER_FEVER_PARTS.match(after_fever_said(note))
    codes = {said: code for code, said in OUTCOMES.items()}
    if not m or m[6] not in codes:
        return None
    return m[1], ((int(m[2]), int(m[3])) if m[2] else None), m[4], float(m[5]), codes[m[6]]


def after_fever_said(note: str) -> str:
    """The part of a passage's note that says it came after a fever ('' if none)."""
    return next((part for part in (note or "").split("；") if _AFTER_FEVER_SAID.search(part)), "")


def _newest(*passages):
    found = [p for p in passages if p]
    return max(found, key=lambda p: p[1]) if found else None


def _default_direction(subject: Subject) -> str:
    """Without any history: residents are inside and go out; visitors and strange cars come in."""
    if subject.kind in ("person", "household") or (subject.kind == "vehicle" and subject.household_id):
        return "out"
    return "in"


def assess(db: Database, subject: Subject, direction: str | None = None,
           when: datetime | None = None) -> Assessment:
    when = _now(when)
    with db.reading() as conn:
        last = _newest(last_passage(conn, subject, when), _waiting_passage(db, subject, when))
        if direction:
            guessed = direction
        elif last is None:
            guessed = _default_direction(subject)
        elif last[2] in ("turned_back", "referred"):
            guessed = last[0]           # stopped at the gate: still on the same side, trying again
        else:
            guessed = {"in": "out", "out": "in"}[last[0]]
        others = _over_the_rule(db, conn, subject, when)[1] if guessed == "out" else []
        earlier = _fever_earlier(db, conn, subject, when)
        fever = _fever_words(conn, earlier, subject) if earlier else ""
        visited = _household_visited_today(db, conn, subject, guessed, when)
        visited_address = household_place(conn, visited)[0] if visited else ""
    return Assessment(guessed, last[1] if last else "", tuple(others), fever, earlier.whose if earlier else "",
                      visited_address)


def _over_the_rule(db: Database, conn, s: Subject, when: datetime) -> tuple[str, list[str]]:
    """(the household rule's words, the others of the household already out within it) when
    ``s`` going out exceeds the rule; else ('', []). The names are what was written on their
    passages (a typed ledger's 张三13912345678), so the gate sees them as its log (as_seen)."""
    if not s.household_id or s.kind == "visitor":
        return "", []
    rule = household_rules.household_rule(db, community_key(conn, s.household_id))
    if not rule.active:
        return "", []
    others = household_rules.others_out(conn, s.household_id, s.person_id, rule, when,
                                        lambda since, until: _waiting(db, "household_id", s.household_id, since, until))
    if len(others) < rule.people_per_household:
        return "", []
    return household_rules.rule_text(rule), [shown_name(db, n) for n in others]


def stay_in_text(subject: Subject, going_out: str = "") -> str:
    """Who must not go out, and who is going out: '张国江正在居家隔离，不得外出。外出的人：张磊华。'
    On a household pass the two differ (the pass is red because one member is isolated); the
    card, the refusal and the green-channel dialog all say it with these words."""
    who = "、".join(subject.stay_in_names) if subject.stay_in_names else subject.name
    text = f"{who}正在{'居家隔离' if subject.status == 'home_isolation' else '医学观察'}，不得外出。"
    return text + (f"外出的人：{going_out}。" if going_out else "")


def _check(db: Database, conn, p: Passage, checkpoint: Checkpoint | None,
           when: datetime) -> tuple[str, EarlierFever | None]:
    """Raise the InputError that stops this passage; returns (the outcome to store, the fever
    earlier it was judged after or None: _judged)."""
    if checkpoint is None:
        # A row without a gate appears on no gate's day log and no printed sheet.
        raise InputError("checkpoint", "这台电脑还没有选择卡口，不能登记。请先选择本机所在的卡口。")
    if p.direction not in DIRECTIONS:
        raise InputError("direction", "请选择方向：进 或 出。")
    outcome = p.outcome or ("" if is_fever(p.temperature) else "allowed")
    if outcome and outcome not in OUTCOMES:
        raise InputError("outcome", "处理结果只能是：放行、劝返、送发热门诊。")
    if not outcome:
        raise InputError("outcome", f"体温 {p.temperature:.1f}°C，发热！请选择处理结果：放行、劝返 或 送发热门诊。")
    s = p.subject
    earlier = _fever_earlier(db, conn, s, when)
    if outcome != "allowed":
        return outcome, earlier
    if (p.direction == "in" and p.temperature is None and checkpoint is not None
            and checkpoint.temperature_on_entry and p.source != "import"):
        raise InputError("temperature", f"{s.name}进入，请先测体温并输入（例如 365）。")
    # A fever earlier today is handled as a fever now: the guard chooses 放行, 劝返 or 送发热门诊
    # (one key), not a hard stop like isolation: she may be on her way to the fever clinic, or
    # coming home from it, and the reading may have been wrong; but nobody who had a fever an hour
    # ago passes on a bare scan. Asked after the reading, so a guard measures before deciding.
    # A household's fever that may be another member's is asked too ('fever_check'), the guard's
    # Enter (or 1) letting them through once asked (_fever_earlier says why).
    if not p.outcome and earlier and earlier.whose:
        raise InputError("fever_check", f"{_fever_words(conn, earlier, s)}。回车放行，2 劝返，3 送发热门诊。")
    if not p.outcome and earlier:
        raise InputError("outcome", f"{_fever_words(conn, earlier, s)}：放行、劝返 或 送发热门诊。")
    if p.direction == "out" and s.must_stay_in and not clean(p.override_reason):
        raise InputError("override", stay_in_text(s) + "确需外出（透析、分娩、手术等绿色通道）请填写原因后放行。")
    if p.direction == "out" and not p.rule_confirmed:
        rule, others = _over_the_rule(db, conn, s, when)
        if others:
            raise InputError("rule", f"超出规定（{rule}）：本户已有{'、'.join(others)}外出。确认仍要放行吗？")
    return outcome, earlier


def _judged(db: Database, conn, p: Passage, checkpoint: Checkpoint | None, judged: datetime,
            at: str) -> tuple[Passage, str, str | None]:
    """(the passage with its note, its outcome, the fever's time it was judged after or None) as
    _check judges it at ``judged``, for a row dated ``at``."""
    p = _visited_today(db, conn, _as_written(conn, p), judged)
    outcome, earlier = _check(db, conn, p, checkpoint, judged)
    return replace(p, note=_after_fever_note(p.note, earlier, outcome, at)), outcome, earlier.at if earlier else None


def _insert(db: Database, conn, p: Passage, outcome: str, checkpoint_id: str | None, at: str, **extra) -> str:
    s = p.subject
    row_id = uuid7()
    conn.execute(
        "INSERT INTO gate_log (id, kind, checkpoint_id, at, direction, person_id, household_id, visitor_id, pass_id,"
        " holder_name, plate, temperature, fever, outcome, override_reason, rule_exceeded, visit_reason,"
        " visiting, note, source, voids_id, void_reason, recorded_by, created_site, created_wall,"
        " visiting_household_id, after_fever_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row_id, extra.get("kind", "pass"), checkpoint_id, at, p.direction, s.person_id, s.household_id,
         s.visitor_id, s.pass_id, s.name, p.plate or s.plate or None, p.temperature,
         int(is_fever(p.temperature)), outcome, clean(p.override_reason) or None, int(p.rule_confirmed),
         s.visit_reason or None, s.visiting or None, clean(p.note) or None, p.source,
         extra.get("voids_id"), extra.get("void_reason"), db.user_name, db.site.site_id, now_text(),
         s.visiting_household_id, extra.get("after_fever_at")))
    return row_id


def _as_written(conn, p: Passage) -> Passage:
    """The passage with its visitor's name as stored: the gate is shown 张三138****5678 of a
    name typed with a phone in it (visitors.shown_to), and the log keeps what was written."""
    s = p.subject
    name = stored_name(conn, s.visitor_id, s.name)
    return p if name == s.name else replace(p, subject=replace(s, name=name))


def _household_visited_today(db: Database, conn, s: Subject, direction: str, when: datetime) -> str | None:
    """The household a visitor's passage out is linked to: the one household of their passages
    in today up to the scan (the journal's too). The gate asks whom they visit only coming in (a
    returning visitor scanned on the way out has no host), and the household's visitors showed
    them come and never leave. None or several households: nothing guessed (None). The card
    shows it before saving (assess), the save links it (record_passage)."""
    if direction != "out" or s.kind != "visitor" or not s.visitor_id or s.visiting_household_id:
        return None
    day, until = when.date().isoformat(), when.isoformat(timespec="seconds")
    visited = {r[0] for r in conn.execute(
        "SELECT visiting_household_id FROM gate_log g WHERE visitor_id = ? AND at >= ? AND at <= ?"
        f" AND direction = 'in' AND kind = 'pass' AND visiting_household_id IS NOT NULL AND {_NOT_VOIDED}",
        (s.visitor_id, day, until))}
    visited |= {r["visiting_household_id"] for r in _waiting(db, "visitor_id", s.visitor_id, day, until)
                if r.get("direction") == "in" and r.get("visiting_household_id")}
    return visited.pop() if len(visited) == 1 else None


def _visited_today(db: Database, conn, p: Passage, when: datetime) -> Passage:
    """The passage linked to the household visited (_household_visited_today), if one."""
    visited = _household_visited_today(db, conn, p.subject, p.direction, when)
    return replace(p, subject=replace(p.subject, visiting_household_id=visited)) if visited else p


def record_passage(db: Database, p: Passage, checkpoint: Checkpoint | None,
                   when: datetime | None = None, judged_at: datetime | None = None) -> str:
    """Check and save one passage in its own durable transaction; returns the row id.

    The row is dated ``when`` (the guard's key); it is checked as the card the guard answered
    was judged, at ``judged_at`` (the scan's moment; ``when`` if not given): a FEVER TODAY card
    of 23:59:58 answered 放行 at 00:00:03 was saved without its 今日发热…后放行 note (at the
    save's moment that fever was yesterday's), and the handover's list of those let through
    after a fever missed it.

    InputError.field says what the guard must settle first: 'outcome' (a fever), 'fever_check'
    (a household's fever today: who was it?), 'override' (someone who must stay in), 'rule'
    (the household rule), 'temperature' (coming in).
    """
    require(db, Permission.GATE)
    when = _now(when)
    judged = _now(judged_at or when)
    checkpoint_id, at = (checkpoint.id if checkpoint else None), when.isoformat(timespec="seconds")
    try:
        with db.transaction(wait=0) as conn:
            p, outcome, fever_at = _judged(db, conn, p, checkpoint, judged, at)
            return _insert(db, conn, p, outcome, checkpoint_id, at, after_fever_at=fever_at)
    except (WriterBusyError, DamagedDatabaseError, ReadOnlyDatabaseError) as exc:
        # Another writer (an import) holds the lock: the guard must not wait. A damaged or
        # read-only register takes nothing until it is restored or writable: the guard must not
        # lose the passage nor be stopped. Checked against what is committed, the passage is kept
        # in the journal (journal.waits_for says until when; JournalUnwritable: not even there).
        if isinstance(exc, DamagedDatabaseError) and db.damage is None:
            db.damage = exc             # found by this write, not by the check: no more writes
        with db.reading() as conn:
            p, outcome, fever_at = _judged(db, conn, p, checkpoint, judged, at)
        return journal.keep(db, lambda conn: _insert(db, conn, p, outcome, checkpoint_id, at,
                                                     after_fever_at=fever_at))


def _row(conn, entry_id: str):
    row = conn.execute("SELECT kind, checkpoint_id, direction, person_id, household_id, visitor_id, pass_id,"
                       " holder_name, plate, temperature, outcome, override_reason, rule_exceeded,"
                       " visit_reason, visiting, note, at, source, visiting_household_id, after_fever_at FROM gate_log g"
                       " WHERE id = ?",
                       (entry_id,)).fetchone()
    if not row or row[0] != "pass":
        raise NotFoundError("这条出入记录")
    if conn.execute("SELECT 1 FROM gate_log WHERE voids_id = ?", (entry_id,)).fetchone():
        raise InputError("reason", "这条记录已经更正（作废）过了。")
    return row


def void_entry(db: Database, entry_id: str, reason: str, *, corrected: dict | None = None,
               when: datetime | None = None) -> str | None:
    """Void a log row with a reason; with ``corrected`` (direction, temperature, outcome, note)
    also write the corrected passage, in the same transaction. Returns the corrected row's id."""
    require(db, Permission.GATE)
    reason = clean(reason)
    if not reason:
        raise InputError("reason", "请填写更正原因（例如：方向点错了、体温输错了）。")
    with db.transaction() as conn:
        r = _row(conn, entry_id)
        subject = Subject("person", r[7] or "", person_id=r[3], household_id=r[4], visitor_id=r[5], pass_id=r[6],
                          plate=r[8] or "", visit_reason=r[13] or "", visiting=r[14] or "",
                          visiting_household_id=r[18])
        original = Passage(subject, r[2], r[9], r[10] or "", r[11] or "", bool(r[12]), note=r[15] or "")
        _insert(db, conn, original, r[10], r[1], now_text(), kind="void", voids_id=entry_id, void_reason=reason,
                after_fever_at=r[19])
        if corrected is None:
            return None
        fixed = replace(original, direction=corrected.get("direction", original.direction),
                        temperature=corrected.get("temperature", original.temperature),
                        outcome=corrected.get("outcome", original.outcome),
                        note=corrected.get("note", original.note),
                        # A typed sheet's passage corrected is still the sheet's: its note's guard,
                        # phone and where-from stay read (note_part). A note typed in a correction
                        # is the screen's, never read so.
                        source="import" if r[17] == "import" and "note" not in corrected else "screen")
        if fixed.direction not in DIRECTIONS:
            raise InputError("direction", "请选择方向：进 或 出。")
        outcome = fixed.outcome or ("" if is_fever(fixed.temperature) else "allowed")
        if outcome not in OUTCOMES:
            raise InputError("outcome", "发热的记录请选择处理结果：放行、劝返 或 送发热门诊。")
        # Judged after the same fever whatever is corrected (after_a_fever reads it, not the note).
        return _insert(db, conn, fixed, outcome, r[1], r[16], after_fever_at=r[19])


# -- reading the log ---------------------------------------------------------------------------
_ENTRY_COLUMNS = (
    "SELECT g.id, g.at, g.direction, g.holder_name, c.name, b.number, u.number, h.room, h.address_text,"
    " g.plate, g.temperature, g.fever, g.outcome, g.note, k.name, g.person_id, g.visitor_id, g.override_reason,"
    " g.rule_exceeded, (SELECT v.void_reason FROM gate_log v WHERE v.voids_id = g.id LIMIT 1), g.source,"
    " g.household_id, g.visiting, g.recorded_by, g.pass_id, g.visiting_household_id, g.checkpoint_id,"
    " g.visit_reason, g.after_fever_at")
# A passage's own household (a resident's), else the one a visitor came to see.
_ENTRY_JOINS = (
    " LEFT JOIN household h ON h.id = coalesce(g.household_id, g.visiting_household_id)"
    " LEFT JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
    " LEFT JOIN unit u ON u.id = h.unit_id LEFT JOIN checkpoint k ON k.id = g.checkpoint_id")
_ENTRY_SELECT = _ENTRY_COLUMNS + " FROM gate_log g" + _ENTRY_JOINS
# The gate_log columns _ENTRY_COLUMNS reads, for a journal's waiting rows read the same way.
_WAITING_COLUMNS = ("id", "at", "direction", "holder_name", "plate", "temperature", "fever", "outcome", "note",
                    "person_id", "visitor_id", "override_reason", "rule_exceeded", "source", "household_id",
                    "visiting", "recorded_by", "pass_id", "visiting_household_id", "checkpoint_id", "visit_reason",
                    "after_fever_at")


VISITED = "访："


def visited_words(address: str, visiting: str) -> str:
    """What the log's 住址 says for a visitor: '访：幸福里小区 3栋2单元501 张三' (the household
    chosen in the form, its address as the register has it, and the host's name), or the words
    the guard typed ('访：超市 老板'); '' when nothing was written."""
    said = " ".join(x for x in (address, visiting) if x)
    return f"{VISITED}{said}" if said else ""


def visit_of(e: LogEntry) -> str:
    """A visitor's passage's '访：…' (visited_words), '' for a resident's."""
    return e.address if e.address.startswith(VISITED) else ""


def entry_from_row(r) -> LogEntry:
    place = format_place(r[4], r[5], r[6], r[7], r[8]) if r[21] or r[25] else ""
    address = place if r[21] else visited_words(place, r[22] or "")
    return LogEntry(id=r[0], at=r[1], direction=r[2] or "", holder_name=r[3] or "", address=address,
                    plate=r[9] or "", temperature=r[10], fever=bool(r[11]), outcome=r[12] or "", note=r[13] or "",
                    checkpoint=r[14] or "", person_id=r[15], visitor_id=r[16], override_reason=r[17] or "",
                    rule_exceeded=bool(r[18]), void_reason=r[19] or "", source=r[20] or "",
                    guard=guard_of(r[13] or "", r[23], r[20] or ""), visited="" if r[21] else place,
                    household_pass=bool(r[24] and r[21] and not r[15]), checkpoint_id=r[26],
                    visit_reason=r[27] or "", visiting=r[22] or "", visiting_household_id=r[25],
                    after_fever_at=r[28])


def passage_name(e: LogEntry) -> str:
    """Who passed, as every list, sheet and export of the log names a passage: a household pass's
    row carries the pass holder's name, but any member may have used it ('张三户（户出入证）', not
    张三: a fever on it read as 张三's own)."""
    return f"{e.holder_name}户（户出入证）" if e.household_pass else e.holder_name


def _day_where(day: str, checkpoint_id: str | None, until: str | None = None) -> tuple[str, list]:
    """The passages of ``day`` (ISO date; to ``until``, both included)."""
    where, args = "g.at >= ? AND g.at < ? AND g.kind = 'pass'", [day, (until or day) + "T99"]
    if checkpoint_id:
        where += " AND g.checkpoint_id = ?"
        args.append(checkpoint_id)
    return where, args


def day_entries(db: Database, day: str, checkpoint_id: str | None = None, limit: int = 200,
                offset: int = 0) -> list[LogEntry]:
    """The passages of one day (ISO date), newest first, a page at a time."""
    require(db, Permission.GATE)
    where, args = _day_where(day, checkpoint_id)
    with db.reading() as conn:
        rows = conn.execute(_ENTRY_SELECT + f" WHERE {where} ORDER BY g.at DESC, g.id DESC LIMIT ? OFFSET ?",
                            (*args, limit, offset)).fetchall()
    return as_seen(db, [entry_from_row(r) for r in rows])


def waiting_entries(db: Database, day: str, checkpoint_id: str | None = None, limit: int | None = 200) -> list[LogEntry]:
    """The passages of one day still in the gate journal (kept while another writer held the
    register, or while it is damaged or read-only), newest first, marked ``kept``."""
    return kept_between(db, day, day + "T99", checkpoint_id, limit)


# Rows of the journal read in one statement: 21 values each, under SQLite's 32,766.
_KEPT_CHUNK = 500


def kept_between(db: Database, since: str, until: str, checkpoint_id: str | None = None,
                 limit: int | None = None) -> list[LogEntry]:
    """The passages dated ``since`` to ``until`` still in the gate journal, newest first, marked
    ``kept``: read as day_entries reads the log's (the same address, name and masking), one
    already written to the log left to it. ``checkpoint_id`` None: every gate's."""
    require(db, Permission.GATE)
    which = itemgetter(0 if sees_whole_numbers(db) else 1)
    return list(map(which, _kept_pairs(db, since, until, checkpoint_id, limit)))


def count_kept(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> int:
    """How many passages kept_between gives, without reading each: at 50,000 kept, a day's
    count built every one of the day's (1-2 s the first time, then 80 ms each time the day tab
    counted its rows)."""
    require(db, Permission.GATE)
    if not journal.journal_path(db).exists():
        return 0
    gone = _check_every(db).gone.values()
    return journal.count_waiting(db, since, until, checkpoint_id) - sum(
        1 for r in gone if journal.within(r, since, until, checkpoint_id))


def kept_figures(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> Counter:
    """How many of kept_between's passages there are of each journal.figure (gate, outcome,
    direction, fever, …), without reading each: the day's figures and Today's counted every kept
    passage in Python (0.2-0.4 s at 50,000), and read each whole the first time (2-5 s)."""
    require(db, Permission.GATE)
    if not journal.journal_path(db).exists():
        return Counter()
    gone = _check_every(db).gone.values()
    found = journal.waiting_figures(db, since, until, checkpoint_id)
    found.subtract(journal.figure(r) for r in gone if journal.within(r, since, until, checkpoint_id))
    return +found


def kept_rows(db: Database, since: str, until: str) -> list[dict]:
    """kept_between's passages of every gate as the journal has them ({column: value}, shared:
    read them, never change them), newest first: for a count by what journal.figure does not
    keep (the charts' hour or day), none read whole (every one was, the first time: 2-5 s)."""
    require(db, Permission.GATE)
    if not journal.journal_path(db).exists():
        return []
    gone = _check_every(db).gone
    rows = journal.waiting_passages(db, since, until)
    return [r for r in rows if r["id"] not in gone] if gone else rows


def kept_noted(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> list[LogEntry]:
    """Those of kept_between's passages with a fever, an override reason or a note (what a day's
    summary lists by name), oldest first, read as kept_between reads them: those alone."""
    require(db, Permission.GATE)
    if not journal.journal_path(db).exists():
        return []
    return kept_read(db, journal.waiting_noted(db, since, until, checkpoint_id))


def kept_read(db: Database, rows: list[dict], ids: list[str] | None = None) -> list[LogEntry]:
    """Kept passages (the journal's rows; their ``ids`` when known) read as kept_between reads
    them, in their order; one already written to the log left to it. One read before is looked
    up by its id alone."""
    which = itemgetter(0 if sees_whole_numbers(db) else 1)
    ids = list(map(itemgetter("id"), rows)) if ids is None else ids
    known = _filling(db).pairs
    pairs = _kept_as_read(db, [r for i, r in zip(ids, rows) if i not in known]).pairs
    return [which(pair) for pair in map(pairs.get, ids) if pair]


def kept_last(db: Database, key: str, since: str, until: str) -> dict[str, tuple[str, str, str, dict]]:
    """Of each person (``key`` 'person_id') or visitor ('visitor_id') with a passage let through
    kept in the journal dated ``since`` to ``until``: (at, id, direction, row) of the newest by
    (time, id), one already in the log left to it (out and not back, visitors inside). Worked out
    once per filling, a new scan's alone after it: the day's figures went through every kept
    passage of three days each time (50,000: 0.1-0.2 s)."""
    require(db, Permission.GATE)
    if not journal.journal_path(db).exists():
        return {}
    read = _check_every(db)
    generation, rows, n, torn = journal.waiting_in_order(db)
    if read.generation != generation:           # written out meanwhile: nothing known of the new filling
        read = _filling(db, generation)
    found = {}
    with _kept_lock:
        newest = read.last.setdefault(key, {})
        done = read.last_done.get(key, 0)
        for row in rows[done:n]:
            _newer(newest, key, row)
        read.last_done[key] = max(done, n)
        # Whose newest is after ``until`` (a past day, a clock running ahead) or already in the log:
        # their newest in the window is looked for among their own rows, or the window's when many.
        again = set()
        for who, last in newest.items():
            if last[0] > until or last[1] in read.gone:
                again.add(who)
            elif last[0] >= since:
                found[who] = last
    if len(again) > _FEW_AGAIN:
        rows = [r for r in journal.waiting_passages(db, since, until) if r.get(key) in again]
    else:
        rows = [r for who in again for r in journal.waiting_of(db, key, who) if since <= (r.get("at") or "") <= until]
    for row in rows + torn:                     # torn: a line still being written, never in ``newest``
        if since <= (row.get("at") or "") <= until and row.get("id") not in read.gone:
            _newer(found, key, row)
    return found


# More subjects than this to look for again (kept_last): through the window's passages at once.
_FEW_AGAIN = 20


def _newer(newest: dict, key: str, row: dict) -> None:
    """Note ``row`` in ``newest`` ({subject: (at, id, direction, row)}) when it is its subject's
    newest passage let through."""
    who = row.get(key)
    if who and row.get("outcome") == "allowed":
        mine = (row.get("at") or "", row["id"], row.get("direction"), row)
        if who not in newest or mine[:2] > newest[who][:2]:
            newest[who] = mine


def _kept_pairs(db: Database, since: str, until: str, checkpoint_id: str | None = None,
                limit: int | None = None) -> list[tuple[LogEntry, LogEntry]]:
    """kept_between's passages as (whole, as the gate account sees it); with a ``limit`` only
    the newest are read (the recent list after a scan: 8 of 50,000)."""
    if not journal.journal_path(db).exists():
        return []
    if limit is None:       # every one: each read once (_read_every), then looked up by its id alone
        return list(filter(None, map(_read_every(db).pairs.get, journal.waiting_ids(db, since, until, checkpoint_id))))
    rows = journal.waiting_passages(db, since, until, checkpoint_id)
    pairs = []
    for start in range(0, len(rows), max(limit, 1)):    # a passage already in the log is no pair
        chunk = rows[start:start + max(limit, 1)]
        seen = _kept_as_read(db, chunk).pairs
        pairs += [pair for pair in (seen.get(r["id"]) for r in chunk) if pair is not None]
        if len(pairs) >= limit:
            break
    return pairs[:limit]


class _KeptRead:
    """The kept passages of one filling of the journal read so far (_kept_as_read)."""

    def __init__(self, generation: bytes):
        self.generation = generation
        # Each as (whole, as the gate account sees it), or None when found already in the log.
        self.pairs: dict[str, tuple[LogEntry, LogEntry] | None] = {}
        self.gone: dict[str, dict] = {}         # those found in the log, as the journal has them
        self.done = 0                           # the first rows in the order kept, all read
        self.checked = 0                        # the first rows in the order kept, all in pairs or not gone
        # kept_last's: {key: {subject: (at, id, direction, row) of the newest let through}} of the
        # first last_done[key] rows in the order kept.
        self.last: dict[str, dict[str, tuple]] = {}
        self.last_done: dict[str, int] = {}


# Each kept passage as the log reads it, per filling of the journal (journal.generation): read
# once, not at every reader (the recent list after each scan, the day tab, its figures, Today, the
# paper: bench/gate_journal.py). Its address and gate are those of when it was first read: it
# waits only while the register cannot be written, and is read from the log once written out (a
# new filling).
_kept_read: dict[str, _KeptRead] = {}
_kept_lock = threading.Lock()


def _filling(db: Database, generation: bytes | None = None) -> _KeptRead:
    """What was read of the filling ``generation`` (the journal's now when None)."""
    key = str(journal.journal_path(db))
    generation = journal.generation(db) if generation is None else generation
    with _kept_lock:
        read = _kept_read.get(key)
        if read is None or read.generation != generation:
            read = _kept_read[key] = _KeptRead(generation)
    return read


def _kept_as_read(db: Database, rows: list[dict], generation: bytes | None = None) -> _KeptRead:
    """The filling's passages read so far, ``rows`` among them (of the filling ``generation``,
    the journal's now when None)."""
    read = _filling(db, generation)
    seen = read.pairs
    new = [r for r in rows if r["id"] not in seen]
    found = []
    if new:
        with db.reading() as conn:
            for start in range(0, len(new), _KEPT_CHUNK):
                chunk = new[start:start + _KEPT_CHUNK]
                one = "(" + ", ".join("?" * len(_WAITING_COLUMNS)) + ")"
                sql = (f"WITH waiting({', '.join(_WAITING_COLUMNS)}) AS (VALUES {', '.join([one] * len(chunk))}) "
                       + _ENTRY_COLUMNS + " FROM waiting g" + _ENTRY_JOINS
                       + " WHERE NOT EXISTS (SELECT 1 FROM gate_log x WHERE x.id = g.id)")
                found += conn.execute(sql, [r.get(c) for r in chunk for c in _WAITING_COLUMNS]).fetchall()
        entries = [replace(entry_from_row(r), kept=True) for r in found]
        masked = [_masked(e) for e in entries]
        with _kept_lock:
            seen.update((r["id"], None) for r in new)          # not found: already in the log
            seen.update((e.id, pair) for e, pair in zip(entries, zip(entries, masked)))
            read.gone.update((r["id"], r) for r in new if seen[r["id"]] is None)
    return read


def _read_every(db: Database) -> _KeptRead:
    """The filling's passages, every one read: those kept since the last call alone looked at."""
    generation, rows, n, torn = journal.waiting_in_order(db)
    read = _filling(db, generation)
    read = _kept_as_read(db, rows[read.done:n] + torn, generation)
    with _kept_lock:
        read.done = max(read.done, n)
    return read


def _check_every(db: Database) -> _KeptRead:
    """The filling's passages, each known to be in the log already (``gone``, its pair None) or
    not, by its id alone: those kept since the last call alone looked up. A count needs no more."""
    generation, rows, n, torn = journal.waiting_in_order(db)
    read = _filling(db, generation)
    new = [r for r in rows[read.checked:n] + torn if r["id"] not in read.pairs]
    gone = set()
    if new:
        with db.reading() as conn:
            for start in range(0, len(new), _KEPT_CHUNK):
                ids = [r["id"] for r in new[start:start + _KEPT_CHUNK]]
                gone.update(r[0] for r in conn.execute(
                    f"SELECT id FROM gate_log WHERE id IN ({', '.join('?' * len(ids))})", ids))
    with _kept_lock:
        for r in new:
            if r["id"] in gone:
                read.pairs[r["id"]], read.gone[r["id"]] = None, r
        read.checked = max(read.checked, n)
    return read


# What paper and exports write beside a passage still in the gate journal, as the screen's
# [暂存]: it was saved at the gate (the guard saw it so) and stands like any other row, but is
# not in the data file yet; it is, once the register can be written (then reprinted unmarked).
KEPT_MARK = "[暂存]"


def kept_said(e: LogEntry, note: str) -> str:
    """``note`` as paper and exports write it: marked KEPT_MARK first for a kept passage."""
    return " ".join(x for x in (KEPT_MARK if e.kept else "", note) if x)


def _newest_first(e: LogEntry) -> tuple[str, str]:
    return e.at, e.id


def day_log(db: Database, day: str, checkpoint_id: str | None = None, limit: int = 200,
            offset: int = 0) -> list[LogEntry]:
    """The day's passages as the gate lists them (its recent lines, the day's log), newest first,
    a page at a time: the log's and the journal's, the kept ones marked 暂存. A passage kept in
    the journal is the guard's as much as a saved one: left out, it was gone from sight."""
    # The first page needs only its newest ``limit`` kept ones; a later page places the log's by
    # how many kept ones there are.
    kept = waiting_entries(db, day, checkpoint_id, limit=None if offset else limit)
    if not kept:
        return day_entries(db, day, checkpoint_id, limit, offset)
    # Of the merged list's rows offset… the log's are its rows offset-len(kept)…: read those,
    # and place them by how many kept ones come before the first of them.
    start = max(0, offset - len(kept))
    saved = day_entries(db, day, checkpoint_id, offset + limit - start, start)
    if start:
        if not saved:
            return []
        first = _newest_first(saved[0])
        before = sum(1 for e in kept if _newest_first(e) > first)
        kept, start = [e for e in kept if _newest_first(e) < first], start + before
    merged = sorted(saved + kept, key=_newest_first, reverse=True)
    return merged[offset - start:offset - start + limit]


def count_day_log(db: Database, day: str, checkpoint_id: str | None = None) -> int:
    """How many rows day_log lists: the log's and the journal's."""
    return count_day_entries(db, day, checkpoint_id) + count_kept(db, day, day + "T99", checkpoint_id)


def recent_entries(db: Database, day: str, checkpoint_id: str | None = None, limit: int = 8) -> list[LogEntry]:
    """The gate screen's latest passages of the day: the log's and the journal's (day_log)."""
    return day_log(db, day, checkpoint_id, limit)


# What a guard, a visitor or a typed ledger wrote freely on a passage: a phone or an ID number
# may be in any of them (a name cell 刘访客13912345678, 透析 家属电话…, 身份证…输错了 as a reason;
# an imported ledger keeps a visitor's phone in the note, 电话：…; the host in the address, 访：…).
_WRITTEN = ("holder_name", "address", "note", "override_reason", "void_reason", "guard", "visit_reason", "visiting")


def as_seen(db: Database, entries):
    """The entries as the logged-in account may see them: for the gate, every phone or ID
    number in what was written on a passage masked; the stored row is untouched."""
    if sees_whole_numbers(db):
        return list(entries)
    return [_masked(e) for e in entries]


def _masked(e: LogEntry) -> LogEntry:
    return replace(e, **{f: mask_text(getattr(e, f)) for f in _WRITTEN})


VISIT_DAYS = 14                 # a household's visitors listed: an incubation period back


def household_visits(db: Database, household_id: str, today: datetime | None = None,
                     limit: int = 30) -> list[HouseholdVisit]:
    """The visitors who came to see this household (chosen in the gate's visitor form) in the
    last VISIT_DAYS days, newest first, voided passages left out: whom to tell when a visitor
    later turns out ill, and "who came to 3栋2单元401 this week". What was written as the
    account may see it (a name 张三13812345678 or a reason with a phone masked for the gate, as
    ``as_seen``)."""
    require(db, Permission.GATE)
    since = ((today or datetime.now()) - timedelta(days=VISIT_DAYS)).date().isoformat()
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT g.at, g.direction, g.holder_name, g.visit_reason, k.name, v.phone"
            " FROM gate_log g INDEXED BY gate_log_visiting LEFT JOIN checkpoint k ON k.id = g.checkpoint_id"
            " LEFT JOIN visitor v ON v.id = g.visitor_id WHERE g.visiting_household_id = ? AND g.at >= ?"
            f" AND g.kind = 'pass' AND {_NOT_VOIDED} ORDER BY g.at DESC, g.id DESC LIMIT ?",
            (household_id, since, limit)).fetchall()
    seen = (lambda text: text) if sees_whole_numbers(db) else mask_text
    return [HouseholdVisit(at, direction or "", seen(name or ""), seen(reason or ""), gate or "", seen(phone or ""))
            for at, direction, name, reason, gate, phone in rows]


def count_day_entries(db: Database, day: str, checkpoint_id: str | None = None) -> int:
    require(db, Permission.GATE)
    where, args = _day_where(day, checkpoint_id)
    with db.reading() as conn:
        return conn.execute(f"SELECT count(*) FROM gate_log g WHERE {where}", args).fetchone()[0]


# Every row of those days from the index of times alone, less the voids among them (each names
# the row it voids: void_entry) and the passages voided, both found through the index of voids
# (a few corrections): "+" keeps the index of times out of those two. Read row by row, a season's
# million passages took 0.5-1.8 s; from the index, about 0.1 s (bench/gate.py).
_STANDING = ("SELECT (SELECT count(*) FROM gate_log WHERE at >= ?1 AND at < ?2{gate})"
             " - (SELECT count(*) FROM gate_log WHERE voids_id IS NOT NULL AND kind <> 'pass'"
             " AND +at >= ?1 AND +at < ?2{gate})"
             " - (SELECT count(DISTINCT v.voids_id) FROM gate_log v CROSS JOIN gate_log g ON g.id = v.voids_id"
             " WHERE v.voids_id IS NOT NULL AND g.kind = 'pass' AND +g.at >= ?1 AND +g.at < ?2{voided_gate})")


def count_standing(db: Database, day: str, until: str | None = None, checkpoint_id: str | None = None) -> int:
    """The passages from ``day`` to ``until`` (ISO dates, both included) not voided, the
    journal's (暂存) too, at every gate or at ``checkpoint_id``'s: the rows of the gate log's
    export, counted before it reads them (the stick's room said up front).

    A row that is neither a passage nor a void naming its passage (kind 'void' without voids_id,
    or a kind this version does not know, from another machine's package) is counted though the
    export leaves it out: only reading every row's kind finds it (4 times this count's time on
    the demo's log), and each costs the room check one row's bytes. One gate's are found by the
    same index of times, each row's gate read beside it (a void carries its passage's gate); every
    gate's count reads no row, so it asks for no gate."""
    require(db, Permission.GATE)
    _, args = _day_where(day, None, until)      # the days' bounds, as every day's query has them
    one = " AND checkpoint_id = ?3" if checkpoint_id else ""
    sql = _STANDING.format(gate=one, voided_gate=one and " AND g.checkpoint_id = ?3")
    with db.reading() as conn:
        saved = conn.execute(sql, [*args, checkpoint_id] if checkpoint_id else args).fetchone()[0]
    return saved + len(kept_between(db, day, (until or day) + "T99", checkpoint_id))


def entry(db: Database, entry_id: str) -> LogEntry:
    with db.reading() as conn:
        r = conn.execute(_ENTRY_SELECT + " WHERE g.id = ?", (entry_id,)).fetchone()
    if not r:
        raise NotFoundError("这条出入记录")
    return as_seen(db, [entry_from_row(r)])[0]


# -- history from paper and Excel ledgers ------------------------------------------------------
@dataclass(frozen=True)
class HistoricalEntry:
    """One row of an old gate ledger (the Excel issue imports these)."""
    name: str = ""
    id_number: str = ""
    at: str | datetime = ""
    direction: str = ""
    temperature: str = ""
    plate: str = ""
    note: str = ""              # the sheet's labelled parts (sheet_note)
    outcome: str = ""
    door: str = ""              # the resident's door as the ledger wrote it (3-2-501, 王家湾组 12号)
    visitor: bool = False       # the ledger says a visitor's (访客, a visitor book): no resident sought
    reason: str = ""            # 事由
    visiting: str = ""          # whom a visitor came to see (探访何人)


_DIRECTION_WORDS = {"进": "in", "入": "in", "进入": "in", "返回": "in", "in": "in",
                    "出": "out", "外出": "out", "离开": "out", "out": "out"}
_OUTCOME_WORDS = {"放行": "allowed", "通过": "allowed", "劝返": "turned_back", "返回": "turned_back",
                  "送医": "referred", "送发热门诊": "referred", "发热门诊": "referred"}


def _parse_time(raw) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(microsecond=0)
    text = clean(raw).replace("/", "-").replace("年", "-").replace("月", "-").replace("日", " ").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S.%f"):
        try:
            return datetime.strptime(" ".join(text.split()), fmt)
        except ValueError:
            continue
    raise InputError("at", f"时间格式不对，请写成 2020-02-10 08:30：{clean(raw)}", value=clean(raw))


def record_historical_entry(db: Database, e: HistoricalEntry, checkpoint_id: str | None = None,
                            row: int | None = None, skip_existing: bool = False) -> str | None:
    """Validate and append one historical passage; joins an outer ``db.transaction()``, so an
    importer can write many rows atomically. Errors carry ``row`` for the error workbook.

    The person is linked by ID number when the register knows it; anyone else with an ID
    number becomes (or is recognised as) a visitor, so the number lives in one purgeable
    record and never in the append-only log; without a number, by name and door
    (``_resident_at_door``) unless the ledger says a visitor, else the written name is kept. A
    visitor's reason and host go where the gate screen keeps them (visit_reason, visiting); a
    resident's are kept in the note. A
    fever without a recorded outcome is accepted (paper ledgers often lack it) and shown as
    'outcome not recorded'; the screen itself always asks for one. With ``skip_existing`` a
    passage already imported (same gate, time, direction and name) is not added again and
    None is returned: importing the same ledger twice adds nothing.
    """
    errors = []
    name = clean_name(e.name)
    try:
        plate = normalise_plate(e.plate)
    except InputError as err:
        errors.append(err)
        plate = ""
    if not name and not plate:
        errors.append(InputError("name", "请填写姓名（或车牌）。"))
    try:
        when = _parse_time(e.at)
        if when > datetime.now():
            errors.append(InputError("at", f"时间在未来：{when:%Y-%m-%d %H:%M}"))
    except InputError as err:
        errors.append(err)
        when = None
    direction = _DIRECTION_WORDS.get(clean(e.direction).lower())
    if not direction:
        errors.append(InputError("direction", f"方向只能是“进”或“出”：{clean(e.direction) or '（空）'}"))
    try:
        temperature = parse_temperature(e.temperature)
    except InputError as err:
        errors.append(err)
        temperature = None
    outcome = _OUTCOME_WORDS.get(clean(e.outcome), "allowed" if not clean(e.outcome) else None)
    if outcome is None:
        errors.append(InputError("outcome", f"处理结果只能是放行、劝返或送发热门诊：{clean(e.outcome)}"))
    if errors:
        first = errors[0]
        raise InputError(first.field, "；".join(x.message for x in errors), row=row, value=first.value)
    if is_fever(temperature) and not clean(e.outcome):
        outcome = None
    number = clean(e.id_number).upper()
    at = when.isoformat(timespec="seconds")
    with db.transaction() as conn:
        if skip_existing and conn.execute(
                "SELECT 1 FROM gate_log WHERE source = 'import' AND at = ? AND direction = ?"
                " AND holder_name = ? AND checkpoint_id IS ?", (at, direction, name or plate, checkpoint_id)).fetchone():
            return None
        person = conn.execute("SELECT p.id, m.household_id FROM person p LEFT JOIN membership m ON m.person_id = p.id"
                              " AND m.is_deleted = 0 WHERE p.id_number = ? AND p.is_deleted = 0 LIMIT 1",
                              (number,)).fetchone() if number else None
        door, flag = clean(e.door), ""
        if not number and name and door and not e.visitor:
            person, flag = _resident_at_door(conn, name, door)
            if not person and e.visiting:           # came to see someone: a visitor, nothing to check
                flag = ""
        if door and not person and not flag:        # a visitor's door is kept, never dropped
            flag = f"住址：{door}"
        visitor_id = None
        if number and not person:
            known = find_returning(db, number)
            visitor_id = known.id if known else save_visitor(db, {"full_name": name or plate, "id_number": number}).id
        reason, visiting = clean(e.reason), clean(e.visiting)
        # A visitor book's host at a door the register holds is linked, as the gate's form links it.
        host = written_host(db, visiting) if visiting and not person else None
        subject = Subject("person" if person else "visitor", name or plate, person_id=person[0] if person else None,
                          household_id=person[1] if person else None, visitor_id=visitor_id, plate=plate,
                          visit_reason="" if person else reason,
                          visiting="" if person else (host.names if host else visiting),
                          visiting_household_id=host.household_id if host else None)
        said = sheet_note(("事由", reason), ("探访", visiting)) if person else ""
        # e.note is the sheet's labelled parts, already a sheet_note (write_gate).
        note = "；".join(x for x in (said, e.note, sheet_note(("", flag))) if x)
        p = Passage(subject, direction, temperature, outcome or "", plate=plate, note=note, source="import")
        return _insert(db, conn, p, outcome, checkpoint_id, at)


def _resident_at_door(conn, name: str, door: str) -> tuple[tuple[str, str] | None, str]:
    """(person id, household id) of the one resident called ``name`` whose door is the one the
    ledger wrote (``places.people_at_door``, the care list's rule), and ''; when none or several
    fit, nobody is guessed: None and a note keeping the door and saying why."""
    people, matches = places.people_at_door(conn, name, places.typed_door(door))
    if len(matches) == 1:
        return (matches[0].id, matches[0].household_id), ""
    if len(matches) > 1:
        why = f"户籍台账里有{len(matches)}个{name}对得上这个住址，不知道是哪一个"
    elif people:
        why = f"户籍台账里的{name}不住这里"
    else:
        why = f"户籍台账里没有{name}"
    return None, f"住址：{door}（{why}，没有关联到户籍，请核对）"
