"""Canvass rounds (滚动摸排): a round's roll of households, one result per household, progress,
and the next steps an answer that matters offers.

A round's roll is made when the round is made: one ``canvass_result`` row per household of its
scope, in building order, each with the code printed on the sheet. The row's id is natural
(round, household), so two canvassers entering the same door make one row. A follow-up round
takes the households of an earlier round whose result there was "nobody home" (or any outcome
asked). The next steps go through the register's, the isolation book's and the care book's own
functions, with the canvass named as the reason; this module holds none of their rules.
"""
import json
from datetime import date

from db.connection import Database
from db.sync.ids import natural_id, uuid7
from desktop import vocab
from desktop.address import format_place
from desktop.canvass import questions as qs
from desktop.canvass.records import (NOT_REACHED, OUTCOMES, SCOPE_KINDS, STEPS, Flagged, Member,
                                     ProgressRow, ResultRow, Round)
from desktop.care.care_book import CareBook, parse_day
from desktop.care.isolation import IsolationBook
from desktop.care.records import SubjectForm
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.register import Register, now_text, places
from desktop.register.queries import household_name_sql
from desktop.textnorm import clean
from desktop.accounts.roles import Permission, require

_ROUND_SELECT = ("SELECT r.id, r.name, r.scope_kind, r.scope_ids, r.starts_on, r.ends_on, r.questions,"
                 " r.from_round_id, r.from_outcomes, r.note,"
                 " (SELECT count(*) FROM canvass_result x WHERE x.round_id = r.id AND x.is_deleted = 0)"
                 " FROM canvass_round r")
# A household's place, joined from a result row ``x``.
_PLACE_FROM = (" FROM canvass_result x JOIN household h ON h.id = x.household_id"
               " LEFT JOIN compound c ON c.id = h.compound_id"
               " LEFT JOIN building b ON b.id = h.building_id"
               " LEFT JOIN unit u ON u.id = h.unit_id")
_RESULT_SELECT = (
    "SELECT x.id, x.round_id, x.household_id, x.code, c.name, b.number, u.number, h.room, h.address_text,"
    f" {household_name_sql('h.id')},"
    " (SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id AND p.is_deleted = 0"
    "  WHERE m.household_id = h.id AND m.is_deleted = 0),"
    " h.building_id, x.outcome, x.answers, x.canvasser_id, x.canvasser_name, x.visited_on, x.attempts, x.note"
    + _PLACE_FROM)
# Building order, the order of the paper ledger and of the printed sheet (after the compounds'
# own order, places.compound_order).
_HOUSEHOLD_ORDER = (" c.name, CAST(b.number AS INTEGER), b.number, CAST(u.number AS INTEGER), u.number,"
                    " CAST(h.room AS INTEGER), h.room, h.address_text, h.id")


def _round_from_row(r) -> Round:
    split = lambda text: tuple(x for x in (text or "").split(",") if x)   # noqa: E731
    return Round(r[0], r[1] or "", r[2], split(r[3]), r[4] or "", r[5] or "", split(r[6]), r[7], split(r[8]),
                 r[9] or "", r[10])


def _result_from_row(r) -> ResultRow:
    return ResultRow(id=r[0], round_id=r[1], household_id=r[2], code=r[3] or 0,
                     address=format_place(r[4], r[5], r[6], r[7], r[8]), head_name=r[9] or "",
                     member_count=r[10] or 0, building_id=r[11], outcome=r[12],
                     answers=json.loads(r[13]) if r[13] else {}, canvasser_id=r[14], canvasser_name=r[15] or "",
                     visited_on=r[16] or "", attempts=r[17] or 0, note=r[18] or "")


def answer_is_yes(value) -> bool:
    """An answer that says yes: True, or words (from where, what need); False/''/None say no."""
    return value is True or (isinstance(value, str) and bool(clean(value)) and clean(value) not in ("否", "无", "没有"))


class CanvassBook:
    """Use cases of canvass rounds over one database (the register gives the households)."""

    def __init__(self, db: Database, register: Register):
        require(db, Permission.REGISTER_READ)
        self.db, self.register = db, register

    # -- rounds ----------------------------------------------------------------------------
    def create_round(self, name: str, today: date, *, scope_kind: str = "community", scope_ids=(),
                     starts_on=None, ends_on=None, questions=None, from_round_id: str | None = None,
                     from_outcomes=("nobody_home",), note: str = "") -> Round:
        """Make a round and its roll (every household of the scope, in building order, coded 1…N).

        ``from_round_id``: a follow-up round over the households of that round whose result was
        one of ``from_outcomes`` ('nobody_home', 'refused', 'not_reached' …)."""
        errors = []
        name = clean(name)
        if not name:
            errors.append(InputError("name", "请填写这一轮摸排的名称，例如：第一轮摸排。"))
        elif any(r.name == name for r in self.rounds()):
            errors.append(InputError("name", f"已经有一轮叫“{name}”了，请换个名称（例如加上日期）。"))
        if scope_kind not in SCOPE_KINDS:
            errors.append(InputError("scope_kind", "请选择摸排范围：全社区、小区或楼栋。"))
        scope_ids = tuple(scope_ids or ())
        if scope_kind != "community" and not scope_ids and not from_round_id:
            errors.append(InputError("scope_ids", "请至少选择一个小区（村民小组）或楼栋。"))
        start = end = None
        try:
            start = parse_day(starts_on or today, "starts_on", today, allow_future=True)
        except InputError as e:
            errors.append(e)
        try:
            end = parse_day(ends_on, "ends_on", today, allow_future=True, required=False)
        except InputError as e:
            errors.append(e)
        if start and end and end < start:
            errors.append(InputError("ends_on", "结束日期不能早于开始日期。"))
        known = qs.questions_by_code(self.db)
        chosen = list(questions) if questions is not None else list(known)
        unknown = [c for c in chosen if c not in known]
        if unknown:
            errors.append(InputError("questions", f"问题清单里没有：{'、'.join(unknown)}"))
        if not chosen:
            errors.append(InputError("questions", "请至少选择一个要问的问题。"))
        outcomes = tuple(from_outcomes or ())
        if from_round_id:
            if any(o not in OUTCOMES and o != NOT_REACHED for o in outcomes) or not outcomes:
                errors.append(InputError("from_outcomes", "请选择上一轮哪些结果的住户再访（例如：无人在家）。"))
        if errors:
            raise InputErrors(errors)
        households = self._scope_households(scope_kind, scope_ids, from_round_id, outcomes)
        if not households:
            raise InputErrors([InputError("scope_ids", "所选范围里没有要摸排的住户。")])
        rid = uuid7()
        with self.db.transaction() as conn:
            self.register._insert(conn, "canvass_round", {
                "name": name, "scope_kind": scope_kind, "scope_ids": ",".join(scope_ids),
                "starts_on": start.isoformat(), "ends_on": end.isoformat() if end else None,
                "questions": ",".join(chosen), "from_round_id": from_round_id,
                "from_outcomes": ",".join(outcomes) if from_round_id else "", "note": clean(note) or None}, rid)
            self._add_to_roll(conn, rid, households, 1)
        return self.round(rid)

    def _add_to_roll(self, conn, round_id: str, household_ids: list[str], first_code: int) -> None:
        site, wall = self.db.site.site_id, now_text()
        conn.executemany(
            "INSERT INTO canvass_result (id, round_id, household_id, code, attempts, created_site, created_wall)"
            " VALUES (?,?,?,?,0,?,?)",
            [(natural_id("canvass_result", round_id, hid), round_id, hid, first_code + i, site, wall)
             for i, hid in enumerate(household_ids)])

    def _scope_households(self, scope_kind: str, scope_ids: tuple, from_round_id: str | None,
                          outcomes: tuple) -> list[str]:
        """Household ids of a scope in building order."""
        where, args = ["h.is_deleted = 0"], []
        if scope_kind == "compound" and scope_ids:
            where.append(f"h.compound_id IN ({','.join('?' * len(scope_ids))})")
            args += scope_ids
        elif scope_kind == "building" and scope_ids:
            where.append(f"h.building_id IN ({','.join('?' * len(scope_ids))})")
            args += scope_ids
        if from_round_id:
            self.round(from_round_id)
            said = [o for o in outcomes if o != NOT_REACHED]
            test = [f"x.outcome IN ({','.join('?' * len(said))})"] if said else []
            if NOT_REACHED in outcomes:
                test.append("x.outcome IS NULL")
            where.append("h.id IN (SELECT x.household_id FROM canvass_result x WHERE x.round_id = ?"
                         f" AND x.is_deleted = 0 AND ({' OR '.join(test)}))")
            args += [from_round_id, *said]
        sql = ("SELECT h.id FROM household h LEFT JOIN compound c ON c.id = h.compound_id"
               " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
               " WHERE " + " AND ".join(where) + " ORDER BY ")
        with self.db.reading() as conn:
            sql += places.compound_order(conn) + "," + _HOUSEHOLD_ORDER
            return [r[0] for r in conn.execute(sql, args).fetchall()]

    def add_new_households(self, round_id: str) -> int:
        """Households registered in the round's scope after it was made join its roll, coded after
        the last (the codes already printed stay as they are). Returns how many joined."""
        rnd = self.round(round_id)
        if rnd.from_round_id:
            return 0
        wanted = self._scope_households(rnd.scope_kind, rnd.scope_ids, None, ())
        with self.db.transaction() as conn:
            have = {r[0] for r in conn.execute("SELECT household_id FROM canvass_result WHERE round_id = ?",
                                               (round_id,)).fetchall()}
            new = [h for h in wanted if h not in have]
            last = conn.execute("SELECT max(code) FROM canvass_result WHERE round_id = ?", (round_id,)).fetchone()[0]
            if new:
                self._add_to_roll(conn, round_id, new, (last or 0) + 1)
        return len(new)

    def rounds(self) -> list[Round]:
        with self.db.reading() as conn:
            rows = conn.execute(_ROUND_SELECT + " WHERE r.is_deleted = 0 ORDER BY r.starts_on DESC, r.created_wall DESC"
                                ).fetchall()
        return [_round_from_row(r) for r in rows]

    def round(self, round_id: str) -> Round:
        with self.db.reading() as conn:
            r = conn.execute(_ROUND_SELECT + " WHERE r.id = ? AND r.is_deleted = 0", (round_id,)).fetchone()
        if not r:
            raise NotFoundError("这一轮摸排")
        return _round_from_row(r)

    def round_named(self, name: str) -> Round:
        for r in self.rounds():
            if r.name == clean(name):
                return r
        raise InputError("round", f"没有名为“{clean(name)}”的摸排轮次。")

    def questions_of(self, rnd: Round) -> list:
        known = qs.questions_by_code(self.db)
        return [known[c] for c in rnd.questions if c in known]

    # -- the roll --------------------------------------------------------------------------
    def roll(self, round_id: str, *, unreached_first: bool = False, building_id: str | None = None,
             outcome: str | None = None, after_code: int | None = None, limit: int = 100000,
             offset: int = 0, with_yes: bool = False) -> list[ResultRow]:
        """The round's households with their results: in code order (the sheet's), or with the
        households not yet reached first (no result, then nobody home), then the rest."""
        where, args = ["x.round_id = ?", "x.is_deleted = 0"], [round_id]
        if building_id:
            where.append("h.building_id = ?")
            args.append(building_id)
        if with_yes:       # some answer is true or words (answers are JSON written by record_result)
            where.append("(x.answers LIKE '%: true%' OR x.answers LIKE '%: \"%')")
        if after_code is not None:
            where.append("x.code > ?")
            args.append(after_code)
        if outcome == NOT_REACHED:
            where.append("x.outcome IS NULL")
        elif outcome:
            where.append("x.outcome = ?")
            args.append(outcome)
        order = (" ORDER BY x.outcome IS NOT NULL, coalesce(x.outcome, '') <> 'nobody_home', x.code"
                 if unreached_first else " ORDER BY x.code")
        with self.db.reading() as conn:
            rows = conn.execute(_RESULT_SELECT + " WHERE " + " AND ".join(where) + order + " LIMIT ? OFFSET ?",
                                (*args, limit, offset)).fetchall()
        return [_result_from_row(r) for r in rows]

    def result(self, round_id: str, household_id: str) -> ResultRow:
        with self.db.reading() as conn:
            r = conn.execute(_RESULT_SELECT + " WHERE x.id = ? AND x.is_deleted = 0",
                             (natural_id("canvass_result", round_id, household_id),)).fetchone()
        if not r:
            raise NotFoundError("这一户在本轮的摸排记录（这一户不在本轮范围里）")
        return _result_from_row(r)

    def result_by_code(self, round_id: str, code: int) -> ResultRow:
        with self.db.reading() as conn:
            rows = conn.execute(_RESULT_SELECT + " WHERE x.round_id = ? AND x.code = ? AND x.is_deleted = 0",
                                (round_id, code)).fetchall()
        if not rows:
            raise InputError("code", f"本轮没有代码为{code:03d}的住户，请对照摸排表上的代码。")
        return _result_from_row(rows[0])

    def members(self, household_id: str) -> list[Member]:
        """The household's people as numbered on screen at entry: the head first, then by age."""
        with self.db.reading() as conn:
            rows = conn.execute(
                "SELECT p.id, p.full_name, m.relation FROM membership m JOIN person p ON p.id = m.person_id"
                " WHERE m.household_id = ? AND m.is_deleted = 0 AND p.is_deleted = 0"
                " ORDER BY m.relation <> 'head', p.birth_date, p.full_name", (household_id,)).fetchall()
        return [Member(r[0], r[1], r[2] or "") for r in rows]

    # -- results ---------------------------------------------------------------------------
    def record_result(self, round_id: str, household_id: str, outcome: str, today: date, *,
                      answers: dict | None = None, canvasser_id: str | None = None, canvasser_name: str = "",
                      visited_on=None, note: str = "") -> ResultRow:
        """Record (or correct) a household's result in a round: one result per household per
        round, the latest entry standing. ``answers`` {person_id: {question: value}} only with
        'visited'; a member not named is taken as answering no to every question."""
        rnd = self.round(round_id)
        errors = []
        if outcome not in OUTCOMES:
            errors.append(InputError("outcome", "请选择摸排结果：已访、无人在家、拒绝或已搬离。"))
        day = None
        try:
            day = parse_day(visited_on or today, "visited_on", today)
            if rnd.starts_on and day.isoformat() < rnd.starts_on:
                errors.append(InputError("visited_on", f"这一轮从{rnd.starts_on}开始，走访日期{day.isoformat()}在那之前。"))
        except InputError as e:
            errors.append(e)
        answers = answers or {}
        if answers and outcome != "visited":
            errors.append(InputError("answers", "只有“已访”的住户才有问答记录。"))
        if errors:
            raise InputErrors(errors)
        members = self.members(household_id)
        names = {m.person_id: m.full_name for m in members}
        if outcome == "visited":
            strangers = [p for p in answers if p not in names]
            if strangers:
                raise InputErrors([InputError("answers", "回答里有不是这一户的人，请核对。")])
            asked = set(rnd.questions)
            stray = {q for a in answers.values() for q in a if q not in asked}
            if stray:
                raise InputErrors([InputError("answers", f"这一轮没有问这些问题：{'、'.join(sorted(stray))}")])
            full = {pid: {q: answers.get(pid, {}).get(q, False) for q in rnd.questions} for pid in names}
        else:
            full = {}
        from desktop.duty.people import DutyBook
        name = clean(canvasser_name)
        if canvasser_id and not name:
            name = DutyBook(self.db).person(canvasser_id).full_name
        elif name and not canvasser_id:
            # A canvasser on the duty list is linked by name (when the name is theirs alone), so
            # their canvassing counts under them whether typed, imported or picked.
            known = DutyBook(self.db).find_by_name(name)
            canvasser_id = known.id if known else None
        if not name:
            raise InputErrors([InputError("canvasser", "请填写摸排人（谁去敲的门）。")])
        rid = natural_id("canvass_result", round_id, household_id)
        with self.db.transaction() as conn:
            row = conn.execute("SELECT attempts FROM canvass_result WHERE id = ? AND is_deleted = 0", (rid,)).fetchone()
            if row is None:
                raise NotFoundError("这一户在本轮的摸排记录（这一户不在本轮范围里）")
            self.register._update(conn, "canvass_result", rid, {
                "outcome": outcome, "answers": json.dumps(full, ensure_ascii=False, sort_keys=True) if full else None,
                "canvasser_id": canvasser_id, "canvasser_name": name, "visited_on": day.isoformat(),
                "attempts": (row[0] or 0) + 1, "note": clean(note) or None, "entered_by": self.db.user_name,
                "entered_at": now_text()})
        return self.result(round_id, household_id)

    def clear_result(self, round_id: str, household_id: str) -> ResultRow:
        """Undo a result typed for the wrong household: it is not reached again."""
        rid = natural_id("canvass_result", round_id, household_id)
        with self.db.transaction() as conn:
            self.result(round_id, household_id)
            self.register._update(conn, "canvass_result", rid, {
                "outcome": None, "answers": None, "canvasser_id": None, "canvasser_name": None, "visited_on": None,
                "entered_by": self.db.user_name, "entered_at": now_text()})
        return self.result(round_id, household_id)

    # -- progress --------------------------------------------------------------------------
    def progress(self, round_id: str, by: str, today: date) -> list[ProgressRow]:
        """Progress by ``building``, ``grid`` or ``canvasser``: the least reached first. The
        rows add up to ``overall`` (a canvasser's total is the households they tried)."""
        key = {"building": "coalesce(h.building_id, 'c:' || h.compound_id)",
               "grid": "coalesce(b.grid_id, c.grid_id, '')",
               "canvasser": "coalesce(x.canvasser_id, x.canvasser_name, '')"}[by]
        label = {"building": "c.name || coalesce(' ' || b.number || '栋', '')",
                 "grid": "coalesce(g.name, '未划网格')",
                 "canvasser": "coalesce(x.canvasser_name, '')"}[by]
        where = "x.round_id = ? AND x.is_deleted = 0" + (" AND x.outcome IS NOT NULL" if by == "canvasser" else "")
        sql = (f"SELECT {key}, min({label}), count(*),"
               " sum(x.outcome = 'visited'), sum(x.outcome = 'nobody_home'), sum(x.outcome = 'refused'),"
               " sum(x.outcome = 'moved_out'), sum(x.outcome IS NULL), sum(x.visited_on = ?)"
               + _PLACE_FROM + " LEFT JOIN grid g ON g.id = coalesce(b.grid_id, c.grid_id)"
               f" WHERE {where} GROUP BY 1")
        with self.db.reading() as conn:
            rows = conn.execute(sql, (today.isoformat(), round_id)).fetchall()
        out = [ProgressRow(r[0], r[1] or "", *(v or 0 for v in r[2:])) for r in rows]
        out.sort(key=lambda p: (p.percent, p.label))
        return out

    def overall(self, round_id: str, today: date) -> ProgressRow:
        rows = self.progress(round_id, "building", today)
        return ProgressRow("", "合计", *(sum(getattr(p, f) for p in rows) for f in
                                        ("total", "visited", "nobody_home", "refused", "moved_out",
                                         "not_reached", "done_today")))

    # -- answers that matter and their next steps ------------------------------------------
    def flagged(self, round_id: str) -> list[Flagged]:
        """People who answered yes to a question that matters, with the step proposed first and
        the steps already taken for this round."""
        rnd = self.round(round_id)
        known = qs.questions_by_code(self.db)
        with self.db.reading() as conn:
            taken: dict[str, set] = {}
            for pid, step in conn.execute("SELECT person_id, step FROM canvass_step WHERE round_id = ?",
                                          (round_id,)).fetchall():
                taken.setdefault(pid, set()).add(step)
        visited = self.roll(round_id, outcome="visited", with_yes=True)
        names = self._names([pid for row in visited for pid in row.answers])
        out = []
        for row in visited:
            for pid, answers in row.answers.items():
                yes = [q for q in rnd.questions if q in known and known[q].flags and answer_is_yes(answers.get(q))]
                if not yes:
                    continue
                out.append(Flagged(round_id, row.household_id, row.address, pid, names.get(pid, ""), tuple(yes),
                                   answer_text(known, answers, yes), known[yes[0]].step or "status",
                                   tuple(sorted(taken.get(pid, ())))))
        return out

    def _names(self, person_ids: list[str]) -> dict[str, str]:
        out = {}
        with self.db.reading() as conn:
            for i in range(0, len(person_ids), 500):
                chunk = person_ids[i:i + 500]
                out.update(conn.execute(f"SELECT id, full_name FROM person WHERE id IN ({','.join('?' * len(chunk))})",
                                        chunk).fetchall())
        return out

    def _reason(self, rnd: Round, person_id: str, household_id: str) -> tuple[str, str]:
        row = self.result(rnd.id, household_id)
        known = qs.questions_by_code(self.db)
        answers = row.answers.get(person_id)
        if row.outcome != "visited" or answers is None:
            raise InputError("person", "这个人在本轮摸排中没有回答记录。")
        yes = [q for q in rnd.questions if q in known and answer_is_yes(answers.get(q))]
        if not yes:
            raise InputError("person", "这个人在本轮摸排中没有需要处理的回答。")
        text = answer_text(known, answers, yes)
        return f"滚动摸排（{rnd.name}，{row.visited_on}）：{text}", text

    def take_step(self, round_id: str, household_id: str, person_id: str, step: str, today: date, *,
                  status: str = "observation", isolation_kind: str = "home_isolation", planned_days: int = 14,
                  categories=(), needs=(), helper_id: str | None = None) -> str:
        """Take the next step for a person's answer, with the canvass as its reason, through the
        register (status), the isolation book (episode) or the care book (need); returns the id
        of what it made or changed. The step is noted for the round in the same transaction."""
        if step not in STEPS:
            raise InputError("step", "请选择下一步：状态变更、居家隔离或关爱需求。")
        rnd = self.round(round_id)
        reason, text = self._reason(rnd, person_id, household_id)
        with self.db.transaction() as conn:
            if step == "status":
                self.register.set_status(person_id, status, reason)
                target = person_id
            elif step == "isolation":
                episode = IsolationBook(self.db, self.register).start(
                    person_id, isolation_kind, reason, today, today, planned_days, helper_id)
                target = episode.id
            else:
                care = CareBook(self.db, self.register)
                subject = care.subject_of_person(person_id)
                if subject is None:
                    subject = care.add_subject(person_id, SubjectForm(
                        categories=tuple(categories), needs=tuple(needs), helper_id=helper_id, note=reason), today)
                else:
                    form = SubjectForm(categories=subject.categories, needs=tuple(sorted(set(subject.needs) | set(needs))),
                                       frequency=subject.frequency, helper_id=helper_id or subject.helper_id,
                                       listed_on=subject.listed_on, last_visit_on=subject.last_visit_on,
                                       note="；".join(x for x in (subject.note, reason) if x))
                    subject = care.update_subject(subject.id, form, today)
                target = subject.id
            conn.execute("INSERT INTO canvass_step (id, round_id, household_id, person_id, step, target_id, detail,"
                         " taken_by, taken_at, created_site) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (uuid7(), round_id, household_id, person_id, step, target, text, self.db.user_name,
                          now_text(), self.db.site.site_id))
        return target


def answer_text(known: dict, answers: dict, codes) -> str:
    """'发热；近14天从外地返回：武汉' — the yes answers in words."""
    parts = []
    for q in codes:
        value = answers.get(q)
        label = known[q].label if q in known else q
        parts.append(f"{label}：{clean(value)}" if isinstance(value, str) and clean(value) else label)
    return "；".join(parts)


def outcome_label(outcome: str | None) -> str:
    return vocab.zh(OUTCOMES, outcome) if outcome else "未走访"
