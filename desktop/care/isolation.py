"""Isolation episodes (居家隔离/居家医学观察) and their daily follow-up (随访).

Starting an episode sets the person's four-colour status through ``Register.set_status`` (so
the status history shows who, when and why), in the same transaction as the episode; release
sets it back to healthy the same way. Follow-ups are append-only: morning and evening, a
temperature, symptoms, and needs (groceries, errands) taken on by a named helper. A temperature
of 37.3 °C or more is a fever and is flagged to the office on today's list.
"""
from datetime import date

from db.connection import Database
from db.sync.ids import uuid7
from desktop.address import format_place
from desktop.care import vocab as cv
from desktop.care.care_book import parse_day, phones_to_call_of
from desktop.care.due import period_end, period_length
from desktop.care.records import FollowUp, FollowUpForm, FollowUpListItem, IsolationEpisode, PhoneToCall
from desktop.temperature import FEVER as FEVER_AT, typed_temperature
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.records import Person, TreeNode
from desktop.register import PERSON_SELECT, Register, now_text, person_from_row, person_order
from desktop.textnorm import clean
from desktop.accounts.roles import Permission, require

DEFAULT_DAYS = 14
MAX_DAYS = 60

_EPISODE_SELECT = (
    "SELECT e.id, e.person_id, p.full_name, c.name, b.number, u.number, h.room, h.address_text, p.phone,"
    " e.kind, e.reason, e.start_on, e.planned_end_on, e.helper_id, hp.full_name, e.released_on,"
    " e.released_by, e.release_note, e.note, c.kind"
    " FROM isolation_episode e JOIN person p ON p.id = e.person_id"
    " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
    " LEFT JOIN household h ON h.id = m.household_id"
    " LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id"
    " LEFT JOIN unit u ON u.id = h.unit_id"
    " LEFT JOIN care_helper hp ON hp.id = e.helper_id")
# The same rows without places and helpers' names, for figures: counts need neither, and the
# five lookups per episode are most of the time at a street office's scale. The membership join
# stays so that an episode is counted as many times as in the full list.
_EPISODE_BARE = (
    "SELECT e.id, e.person_id, p.full_name, NULL, NULL, NULL, NULL, NULL, p.phone,"
    " e.kind, e.reason, e.start_on, e.planned_end_on, e.helper_id, NULL, e.released_on,"
    " e.released_by, e.release_note, e.note, NULL"
    " FROM isolation_episode e JOIN person p ON p.id = e.person_id"
    " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0")
_FOLLOWUP_SELECT = (
    "SELECT f.id, f.episode_id, f.person_id, f.day, f.slot, f.temperature, f.symptoms, f.needs, f.helper_id,"
    " hp.full_name, f.note, f.checked_by, f.checked_at FROM isolation_followup f"
    " LEFT JOIN care_helper hp ON hp.id = f.helper_id")
# Checks that count: not voided and not replaced by a correction.
_COUNTS = ("f.is_void = 0 AND NOT EXISTS (SELECT 1 FROM isolation_followup x WHERE x.corrects_id = f.id)")

# An episode under way on a day (two parameters: the day twice).
_UNDER_WAY = "(e.is_deleted = 0 AND e.start_on <= ? AND (e.released_on IS NULL OR e.released_on > ?))"


def _episode_from_row(r) -> IsolationEpisode:
    return IsolationEpisode(
        id=r[0], person_id=r[1], full_name=r[2], address=format_place(r[3], r[4], r[5], r[6], r[7]),
        phone=r[8] or "", kind=r[9], reason=r[10], start_on=r[11], planned_end_on=r[12], helper_id=r[13],
        helper_name=r[14] or "", released_on=r[15] or "", released_by=r[16] or "", release_note=r[17] or "",
        note=r[18] or "", place_kind=r[19] or "")


def _followup_from_row(r) -> FollowUp:
    return FollowUp(id=r[0], episode_id=r[1], person_id=r[2], day=r[3], slot=r[4], temperature=r[5],
                    symptoms=cv.split_codes(r[6]), needs=cv.split_codes(r[7]), helper_id=r[8],
                    helper_name=r[9] or "", note=r[10] or "", checked_by=r[11] or "", checked_at=r[12])


class IsolationBook:
    """Use cases of isolation follow-up over one database."""

    def __init__(self, db: Database, register: Register):
        require(db, Permission.CARE)
        self.db, self.register = db, register

    # -- episodes --------------------------------------------------------------------------
    def start(self, person_id: str, kind: str, reason: str, start_on, today: date,
              planned_days: int = DEFAULT_DAYS, helper_id: str | None = None, note: str = "") -> IsolationEpisode:
        """Open an episode and set the person's status to ``kind`` (with the reason, in history)."""
        errors = []
        if kind not in cv.ISOLATION_KIND:
            errors.append(InputError("kind", "请选择：居家隔离 或 居家医学观察。"))
        reason = clean(reason)
        if not reason:
            errors.append(InputError("reason", "请填写隔离原因（例如：密切接触者，疾控通知）。"))
        start = None
        try:
            start = parse_day(start_on, "start_on", today)
        except InputError as e:
            errors.append(e)
        if not isinstance(planned_days, int) or not 1 <= planned_days <= MAX_DAYS:
            errors.append(InputError("planned_days", f"隔离天数应在1到{MAX_DAYS}天之间。"))
        if errors:
            raise InputErrors(errors)
        end = period_end(start, planned_days)
        with self.db.transaction() as conn:
            person = self.register.person(person_id)
            open_one = self.open_episode_of(person_id)
            if open_one:
                raise InputErrors([InputError("person", f"{person.full_name}正在{cv.ISOLATION_KIND[open_one.kind][1]}"
                                                        f"（{open_one.start_on}起），不能重复开始。")])
            eid = self.register._insert(conn, "isolation_episode", {
                "person_id": person_id, "kind": kind, "reason": reason, "start_on": start.isoformat(),
                "planned_end_on": end.isoformat(), "helper_id": helper_id or None, "note": clean(note) or None})
            if person.status != kind:
                self.register.set_status(person_id, kind, reason)
        return self.episode(eid)

    def phone_to_call(self, episode: IsolationEpisode) -> PhoneToCall:
        """The phone whoever checks on the person calls (the card on the isolation page): the
        care list's one rule (``care_book.phone_to_call``): their own, else the household's,
        else the emergency contact kept on the care list, and whose it is."""
        return phones_to_call_of(self.db, [(episode.person_id, episode.phone)])[episode.person_id]

    def housemates(self, person_id: str) -> list[tuple[Person, IsolationEpisode | None]]:
        """The others of the person's household (同户人员), each with their open episode if any:
        a close contact's family is usually isolated with them, in one go."""
        person = self.register.person(person_id)
        if not person.household_id:
            return []
        others = [p for p in self.register.people_in(TreeNode("household", person.household_id, ""))
                  if p.id != person_id]
        return [(p, self.open_episode_of(p.id)) for p in others]

    def start_together(self, person_ids: list[str], kind: str, reason: str, start_on, today: date,
                       planned_days: int = DEFAULT_DAYS, helper_id: str | None = None) -> list[IsolationEpisode]:
        """Start the same episode for several people (a family): all of them or, when one
        cannot start, none, with the refusal naming who."""
        with self.db.transaction():
            return [self.start(pid, kind, reason, start_on, today, planned_days, helper_id) for pid in person_ids]

    def untracked(self) -> list[Person]:
        """People the register marks as isolated or under observation with no open episode:
        their status was set on the register page (or came by sync), and nobody follows them up."""
        with self.db.reading() as conn:
            rows = conn.execute(
                PERSON_SELECT + " WHERE p.is_deleted = 0 AND p.status IN ('home_isolation', 'observation')"
                " AND NOT EXISTS (SELECT 1 FROM isolation_episode e WHERE e.person_id = p.id"
                " AND e.is_deleted = 0 AND e.released_on IS NULL)" + person_order(conn)).fetchall()
        return [person_from_row(r) for r in rows]

    def start_untracked(self, today: date) -> list[IsolationEpisode]:
        """Open an episode for each untracked person, from the day and reason of their status
        (14 days; a status set more than 14 days ago starts today, so nobody is released unseen)."""
        out = []
        with self.db.transaction():
            for person in self.untracked():
                since = date.fromisoformat(person.status_since[:10]) if person.status_since else today
                if since > today or period_end(since, DEFAULT_DAYS) < today:     # its 14 days are over
                    since = today
                out.append(self.start(person.id, person.status, person.status_reason or "登记册中已标为隔离",
                                      since, today))
        return out

    def change_plan(self, episode_id: str, planned_end_on, today: date) -> IsolationEpisode:
        """Extend or shorten an open episode (a new close contact, a test result)."""
        episode = self.episode(episode_id)
        end = parse_day(planned_end_on, "planned_end_on", today, allow_future=True)
        if end < date.fromisoformat(episode.start_on):
            raise InputError("planned_end_on", "计划解除日期不能早于开始日期。")
        if period_length(episode.start_on, end) > MAX_DAYS:     # 2099 for 2029: isolated for decades
            raise InputError("planned_end_on", f"隔离最长{MAX_DAYS}天：从{episode.start_on}起，计划解除日期最晚是"
                                               f"{period_end(episode.start_on, MAX_DAYS).isoformat()}，"
                                               f"{end.isoformat()}请检查。", value=end.isoformat())
        if not episode.is_open:
            raise InputError("planned_end_on", "已经解除的隔离不能再修改计划。")
        with self.db.transaction() as conn:
            self.register._update(conn, "isolation_episode", episode_id, {"planned_end_on": end.isoformat()})
        return self.episode(episode_id)

    def set_helper(self, episode_id: str, helper_id: str | None) -> IsolationEpisode:
        with self.db.transaction() as conn:
            self.episode(episode_id)
            self.register._update(conn, "isolation_episode", episode_id, {"helper_id": helper_id})
        return self.episode(episode_id)

    def release(self, episode_id: str, released_on, today: date, note: str = "") -> IsolationEpisode:
        """End an episode (who and when recorded) and set the person back to healthy.

        The window asks for confirmation first; releasing before the planned end needs a note
        saying why (a negative test, a decision of the disease-control office)."""
        episode = self.episode(episode_id)
        if not episode.is_open:
            raise InputError("released_on", f"{episode.full_name}已经在{episode.released_on}解除了。")
        day = parse_day(released_on, "released_on", today)
        if day < date.fromisoformat(episode.start_on):
            raise InputError("released_on", "解除日期不能早于开始日期。")
        note = clean(note)
        if day < date.fromisoformat(episode.planned_end_on) and not note:
            raise InputError("release_note", f"还没到计划解除日期（{episode.planned_end_on}），提前解除请写明原因。")
        reason = f"{cv.ISOLATION_KIND[episode.kind][1]}解除" + (f"：{note}" if note else "，期满无异常")
        with self.db.transaction() as conn:
            self.register._update(conn, "isolation_episode", episode_id, {
                "released_on": day.isoformat(), "released_by": self.db.user_name, "released_at": now_text(),
                "release_note": note or None})
            if self.register.person(episode.person_id).status == episode.kind:
                self.register.set_status(episode.person_id, "healthy", reason)
        return self.episode(episode_id)

    def episode(self, episode_id: str) -> IsolationEpisode:
        with self.db.reading() as conn:
            r = conn.execute(_EPISODE_SELECT + " WHERE e.id = ? AND e.is_deleted = 0", (episode_id,)).fetchone()
        if not r:
            raise NotFoundError("这次隔离记录")
        return _episode_from_row(r)

    def open_episode_of(self, person_id: str) -> IsolationEpisode | None:
        with self.db.reading() as conn:
            r = conn.execute(_EPISODE_SELECT + " WHERE e.person_id = ? AND e.is_deleted = 0 AND e.released_on IS NULL"
                             " ORDER BY e.start_on DESC LIMIT 1", (person_id,)).fetchone()
        return _episode_from_row(r) if r else None

    def episodes_of(self, person_id: str) -> list[IsolationEpisode]:
        with self.db.reading() as conn:
            rows = conn.execute(_EPISODE_SELECT + " WHERE e.person_id = ? AND e.is_deleted = 0"
                                " ORDER BY e.start_on DESC", (person_id,)).fetchall()
        return [_episode_from_row(r) for r in rows]

    # -- follow-ups ------------------------------------------------------------------------
    def record_followup(self, episode_id: str, day, form: FollowUpForm, today: date) -> FollowUp:
        """Append one check. A second check of the same slot is refused: correct the first."""
        episode = self.episode(episode_id)
        errors = []
        check_day = None
        try:
            check_day = parse_day(day, "day", today)
            if check_day < date.fromisoformat(episode.start_on):
                errors.append(InputError("day", f"隔离从{episode.start_on}开始，这一天还没有开始隔离。"))
            elif episode.released_on and check_day >= date.fromisoformat(episode.released_on):
                errors.append(InputError("day", f"{episode.full_name}已经在{episode.released_on}解除了。"))
        except InputError as e:
            errors.append(e)
        if form.slot not in cv.SLOT:
            errors.append(InputError("slot", "请选择上午或下午。"))
        temperature = None
        try:
            temperature = typed_temperature(form.temperature)
        except InputError as e:
            errors.append(e)
        symptoms = [s for s in form.symptoms if s in cv.SYMPTOM]
        needs = [n for n in form.needs if n in cv.NEED]
        if temperature is None and not clean(form.note):
            errors.append(InputError("temperature", "请填写体温；量不了体温时请在备注里写明原因。"))
        if needs and not (form.helper_id or episode.helper_id):
            errors.append(InputError("helper_id", "提出了需求，请选择由哪位帮扶人负责。"))
        if errors:
            raise InputErrors(errors)
        with self.db.transaction() as conn:
            if self._checks(conn, episode_id, check_day.isoformat(), form.slot):
                raise InputErrors([InputError("slot", f"{check_day.isoformat()}{cv.SLOT[form.slot][1]}已经随访过了；"
                                                      "记错了请更正那一条。")])
            return self._write_followup(conn, episode, check_day.isoformat(), form.slot, temperature, symptoms,
                                        needs, form.helper_id or (episode.helper_id if needs else None), form.note)

    def correct_followup(self, followup_id: str, form: FollowUpForm | None, today: date) -> FollowUp:
        """Replace a check typed wrong (``form``), or void it (None): a new row, never an edit."""
        old = self.followup(followup_id)
        episode = self.episode(old.episode_id)
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM isolation_followup WHERE corrects_id = ?", (followup_id,)).fetchone():
                raise InputError("followup", "这条随访已经更正过了。")
            if form is None:
                return self._write_followup(conn, episode, old.day, old.slot, old.temperature, old.symptoms,
                                            old.needs, old.helper_id, old.note, corrects=followup_id, void=True)
            temperature = typed_temperature(form.temperature)
            if temperature is None and not clean(form.note):
                raise InputErrors([InputError("temperature", "请填写体温；量不了体温时请在备注里写明原因。")])
            return self._write_followup(
                conn, episode, old.day, old.slot, temperature, [s for s in form.symptoms if s in cv.SYMPTOM],
                [n for n in form.needs if n in cv.NEED], form.helper_id or old.helper_id, form.note,
                corrects=followup_id)

    def _write_followup(self, conn, episode: IsolationEpisode, day: str, slot: str, temperature, symptoms, needs,
                        helper_id, note, corrects: str | None = None, void: bool = False) -> FollowUp:
        fid = uuid7()
        conn.execute(
            "INSERT INTO isolation_followup (id, episode_id, person_id, day, slot, temperature, symptoms, needs,"
            " helper_id, note, corrects_id, is_void, checked_by, checked_at, created_site)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (fid, episode.id, episode.person_id, day, slot, temperature, cv.join_codes(symptoms),
             cv.join_codes(needs), helper_id, clean(note) or None, corrects, 1 if void else 0,
             self.db.user_name, now_text(), self.db.site.site_id))
        return self.followup(fid)

    @staticmethod
    def _checks(conn, episode_id: str, day: str, slot: str) -> list:
        return conn.execute(f"SELECT f.id FROM isolation_followup f WHERE f.episode_id = ? AND f.day = ?"
                            f" AND f.slot = ? AND {_COUNTS}", (episode_id, day, slot)).fetchall()

    def followup(self, followup_id: str) -> FollowUp:
        with self.db.reading() as conn:
            r = conn.execute(_FOLLOWUP_SELECT + " WHERE f.id = ?", (followup_id,)).fetchone()
        if not r:
            raise NotFoundError("这条随访记录")
        return _followup_from_row(r)

    def followups(self, episode_id: str) -> list[FollowUp]:
        """The checks that count, in day order, morning before evening."""
        with self.db.reading() as conn:
            rows = conn.execute(_FOLLOWUP_SELECT + f" WHERE f.episode_id = ? AND {_COUNTS}"
                                " ORDER BY f.day, f.slot = 'evening', f.checked_at", (episode_id,)).fetchall()
        return [_followup_from_row(r) for r in rows]

    # -- today's list ----------------------------------------------------------------------
    def open_episodes(self, today: date, compound_id: str | None = None, building_id: str | None = None,
                      helper_id: str | None = None, search: str = "", places: bool = True) -> list[IsolationEpisode]:
        """Episodes under way on ``today``: started, and not released by then. ``places``: False
        leaves addresses and helpers' names out (for figures; not with a compound or building)."""
        where, args = [_UNDER_WAY, "p.is_deleted = 0"], [today.isoformat(), today.isoformat()]
        for column, value in (("h.compound_id", compound_id), ("h.building_id", building_id),
                              ("e.helper_id", helper_id)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        if clean(search):
            where.append("(p.full_name LIKE ? OR p.name_initials LIKE ?)")
            args += [f"%{clean(search)}%", f"{clean(search).lower()}%"]
        with self.db.reading() as conn:
            select = _EPISODE_SELECT if places or compound_id or building_id else _EPISODE_BARE
            rows = conn.execute(select + " WHERE " + " AND ".join(where), args).fetchall()
        return [_episode_from_row(r) for r in rows]

    def today_list(self, today: date, *, unchecked_only: bool = False, **filters) -> list[FollowUpListItem]:
        """Everyone isolated on ``today`` with today's morning and evening checks.

        Order: a fever (today or earlier in the episode) first — it is the office's to act on —
        then those not yet checked, then those whose planned end has come (release due)."""
        episodes = self.open_episodes(today, **filters)
        day = today.isoformat()
        with self.db.reading() as conn:
            checks = conn.execute(
                _FOLLOWUP_SELECT + " JOIN isolation_episode e ON e.id = f.episode_id"
                f" WHERE f.day = ? AND {_UNDER_WAY} AND {_COUNTS} ORDER BY f.checked_at", (day, day, day)).fetchall()
            fevers = conn.execute(
                "SELECT f.episode_id, f.day FROM isolation_followup f JOIN isolation_episode e ON e.id = f.episode_id"
                f" WHERE {_UNDER_WAY} AND f.temperature >= ? AND f.day <= ? AND {_COUNTS}",
                (day, day, FEVER_AT, day)).fetchall()
        by_slot: dict[tuple[str, str], FollowUp] = {}
        for r in checks:
            f = _followup_from_row(r)
            by_slot[(f.episode_id, f.slot)] = f
        fever_days: dict[str, set[str]] = {}
        for episode_id, fever_day in fevers:
            fever_days.setdefault(episode_id, set()).add(fever_day)
        items = []
        for e in episodes:
            item = FollowUpListItem(
                e, e.day_number(today), by_slot.get((e.id, "morning")), by_slot.get((e.id, "evening")),
                tuple(sorted(fever_days.get(e.id, ()))), today >= date.fromisoformat(e.planned_end_on))
            if unchecked_only and not item.unchecked_slots:
                continue
            items.append(item)
        items.sort(key=lambda i: (not i.fever_days, not i.unchecked_slots, not i.ends_today_or_past,
                                  i.episode.address, i.episode.full_name))
        return items

    def counts(self, today: date, items: list[FollowUpListItem] | None = None) -> dict[str, int]:
        """Figures of today's list (``items``: an unfiltered today_list already built)."""
        items = self.today_list(today) if items is None else items
        return {"open": len(items),
                "unchecked": sum(1 for i in items if i.unchecked_slots),
                "morning_unchecked": sum(1 for i in items if i.morning is None),
                "evening_unchecked": sum(1 for i in items if i.evening is None),
                "fever": sum(1 for i in items if i.fever_days),
                "release_due": sum(1 for i in items if i.ends_today_or_past)}
