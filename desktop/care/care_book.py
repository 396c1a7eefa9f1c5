"""The care list (特殊群体关爱台账): subjects, helpers, emergency contacts, the green channel,
visits, and the lists of who is due today.

Every write is one transaction (nested in a caller's when there is one, e.g. an import of many
rows). ``today`` is always a parameter: the due rules are in desktop/care/due.py.
"""
import json
from datetime import date

from db.connection import Database
from db.sync.ids import natural_id, uuid7
from desktop.address import format_place
from desktop.care import vocab as cv
from desktop.care.due import COUNTS_AS_VISIT, Due, attempt_after, classify, due_state, latest_counting
from desktop.care.notes import (contact_to_add, helper_to_add, lines as note_lines, without_helper_to_add,
                                without_line)
from desktop.care.vocab import interval_days
from desktop.care.records import (CareListItem, CareSubject, CareVisit, Contact, GreenChannel, Helper, PhoneToCall,
                                  SubjectForm, VisitForm)
from desktop.days import DayError, typed_day
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.phone import normalise_phone, reachable_person
from desktop.register import Register, now_text
from desktop.textnorm import clean, clean_name
from desktop.vocab import RELATION
from desktop.accounts.roles import Permission, require

_SUBJECT_SELECT = (
    "SELECT s.id, s.person_id, p.full_name, p.sex, p.birth_date, p.phone, c.name, b.number, u.number,"
    " h.room, h.address_text, s.categories, s.needs, s.frequency, s.helper_id, hp.full_name, hp.phone,"
    " s.listed_on, s.last_visit_on, s.note, h.compound_id, h.building_id"
    " FROM care_subject s JOIN person p ON p.id = s.person_id AND p.is_deleted = 0"
    " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
    " LEFT JOIN household h ON h.id = m.household_id"
    " LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id"
    " LEFT JOIN unit u ON u.id = h.unit_id"
    " LEFT JOIN care_helper hp ON hp.id = s.helper_id AND hp.is_deleted = 0")
# The latest visit that counts on a day: not voided, not replaced by a correction, not after it,
# and not a not-seen attempt (due.COUNTS_AS_VISIT); _LAST_ATTEMPT the latest such attempt.
_STANDING = (" v.subject_id = s.id AND v.visited_on <= ? AND v.is_void = 0"
             " AND NOT EXISTS (SELECT 1 FROM care_visit x WHERE x.corrects_id = v.id)")
_LAST_VISIT = f"(SELECT v.visited_on FROM care_visit v WHERE{_STANDING} AND {COUNTS_AS_VISIT} ORDER BY v.visited_on DESC LIMIT 1)"
_LAST_ATTEMPT = (f"(SELECT v.visited_on FROM care_visit v WHERE{_STANDING} AND NOT {COUNTS_AS_VISIT}"
                 " ORDER BY v.visited_on DESC LIMIT 1)")
_VISIT_COLUMNS = ("id, subject_id, person_id, visited_on, helper_id, helper_name, mode, found, needs_raised,"
                  " done, recorded_by, recorded_at, corrects_id, is_void")


def _subject_from_row(r) -> CareSubject:
    return CareSubject(
        id=r[0], person_id=r[1], full_name=r[2], sex=r[3] or "", birth_date=r[4] or "", phone=r[5] or "",
        address=format_place(r[6], r[7], r[8], r[9], r[10]), categories=cv.split_codes(r[11]),
        needs=cv.split_codes(r[12]), frequency=r[13], helper_id=r[14], helper_name=r[15] or "",
        helper_phone=r[16] or "", listed_on=r[17], last_visit_on=r[18] or "", note=r[19] or "",
        compound_id=r[20], building_id=r[21])


def _visit_from_row(r) -> CareVisit:
    return CareVisit(id=r[0], subject_id=r[1], person_id=r[2], visited_on=r[3], helper_id=r[4],
                     helper_name=r[5] or "", mode=r[6], found=r[7] or "", needs_raised=cv.split_codes(r[8]),
                     done=r[9] or "", recorded_by=r[10] or "", recorded_at=r[11], corrects_id=r[12],
                     is_void=bool(r[13]))


def phone_to_call(own: str, household: list[tuple[str, str, str]],
                  contacts: list[tuple[str, str, str]]) -> PhoneToCall:
    """The one rule for the phone a visitor calls ahead (the care card, the export, the visit
    sheet): the person's own; else someone living in the same household (户主 first, then by
    relation: they answer at that door); else the first emergency contact with a phone; else
    none. Whose it is is said when it is not the person's own: 户主 张三, 同户 李梅, 紧急联系人 女儿 高丽华.
    ``household``: (name, relation code, phone) of the others of the household; ``contacts``:
    (name, relation as typed, phone) in the order they were added."""
    if clean(own):
        return PhoneToCall(clean(own))
    order = list(RELATION)
    people = sorted((m for m in household if clean(m[2])),
                    key=lambda m: (order.index(m[1]) if m[1] in order else len(order), m[0]))
    if people:
        name, relation, phone = people[0]
        # 户主 or 同户: a relation is to the head, not to the subject (the head's 子女 is her grandson).
        return PhoneToCall(clean(phone), f"{'户主' if relation == 'head' else '同户'} {name}")
    for name, relation, phone in contacts:
        if clean(phone):
            return PhoneToCall(clean(phone), " ".join(x for x in ("紧急联系人", clean(relation), name) if x))
    return PhoneToCall()


def phones_to_call_of(db: Database, people) -> dict[str, PhoneToCall]:
    """The phone to call (``phone_to_call``) for each of ``people``, (person id, own phone)
    pairs, by person id: the care list's, and the isolation card's. The household is the
    person's; the emergency contacts are those kept for the person on the care list (none when
    the person is not on it). Only people without a phone of their own cost a lookup: two
    queries for all of them."""
    people = list(people)
    lacking = sorted({pid for pid, own in people if not clean(own)})
    household: dict[str, list] = {i: [] for i in lacking}
    contacts: dict[str, list] = {i: [] for i in lacking}
    if lacking:
        ids = json.dumps(lacking)
        with db.reading() as conn:
            for r in conn.execute(
                    "SELECT m.person_id, p.full_name, o.relation, p.phone FROM membership m"
                    " JOIN membership o ON o.household_id = m.household_id AND o.is_deleted = 0"
                    "  AND o.person_id <> m.person_id"
                    " JOIN person p ON p.id = o.person_id AND p.is_deleted = 0 AND p.merged_into IS NULL"
                    " WHERE m.person_id IN (SELECT value FROM json_each(?)) AND m.is_deleted = 0"
                    "  AND coalesce(p.phone, '') <> ''", (ids,)):
                household[r[0]].append((r[1], r[2], r[3]))
            subject_of = {natural_id("care_subject", pid): pid for pid in lacking}     # one subject per person
            for r in conn.execute(
                    "SELECT subject_id, full_name, relation, phone FROM care_contact"
                    " WHERE subject_id IN (SELECT value FROM json_each(?)) AND is_deleted = 0"
                    " ORDER BY created_wall, id", (json.dumps(list(subject_of)),)):
                contacts[subject_of[r[0]]].append((r[1], r[2] or "", r[3] or ""))
    return {pid: phone_to_call(own, household.get(pid, []), contacts.get(pid, [])) for pid, own in people}


def parse_day(text, field: str, today: date, *, allow_future: bool = False, required: bool = True) -> date | None:
    """A date typed any usual way (``desktop.days.typed_day``); never after ``today`` unless allowed."""
    raw = clean(text) if not isinstance(text, date) else text
    if isinstance(raw, date):
        day = raw
    elif not raw:
        if required:
            raise InputError(field, "请填写日期。")
        return None
    else:
        try:
            day = typed_day(raw, today.year)
        except DayError as e:
            raise InputError(field, e.message, value=raw) from None
    if not allow_future and day > today:
        raise InputError(field, f"日期{day.isoformat()}在今天之后，请检查。", value=str(day))
    return day


def already_listed(name: str, english: bool = False) -> str:
    """What the clerk reads who puts someone already on the care list there again: the book's
    refusal, and the add form's line as the person is chosen (in the window's language, as
    due.state_words). What to do, not only what is wrong: the clerk may have filled in the form."""
    if english:
        return f"{name} is already on the care list: cancel, choose them on the list and press Edit."
    return f"{name}已经在关爱名单上了：请取消，在名单上选中{name}后按“修改”。"


class CareBook:
    """Use cases of the care list over one database (the register gives the people)."""

    def __init__(self, db: Database, register: Register):
        require(db, Permission.CARE)
        self.db, self.register = db, register

    def _insert(self, conn, table: str, values: dict, row_id: str | None = None) -> str:
        return self.register._insert(conn, table, values, row_id)

    # -- helpers ---------------------------------------------------------------------------
    def helpers(self) -> list[Helper]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, full_name, phone, kind, person_id, note FROM care_helper"
                                " WHERE is_deleted = 0 ORDER BY kind <> 'staff', full_name").fetchall()
        return [Helper(r[0], r[1], r[2] or "", r[3], r[4], r[5] or "") for r in rows]

    def helper(self, helper_id: str) -> Helper:
        with self.db.reading() as conn:
            r = conn.execute("SELECT id, full_name, phone, kind, person_id, note FROM care_helper"
                             " WHERE id = ? AND is_deleted = 0", (helper_id,)).fetchone()
        if not r:
            raise NotFoundError("这个帮扶人")
        return Helper(r[0], r[1], r[2] or "", r[3], r[4], r[5] or "")

    def _helper_values(self, full_name: str, phone: str, kind: str, note: str) -> dict:
        name, number, errors = reachable_person(full_name, phone, name_missing="请填写帮扶人姓名。",
                                                phone_missing="请填写帮扶人的电话，有事要能找到人。")
        if kind not in cv.HELPER_KIND:
            errors.append(InputError("kind", "请选择帮扶人类型。"))
        if errors:
            raise InputErrors(errors)
        return {"full_name": name, "phone": number, "kind": kind, "note": clean(note) or None}

    def add_helper(self, full_name: str, phone: str, kind: str = "volunteer", note: str = "",
                   person_id: str | None = None) -> Helper:
        values = self._helper_values(full_name, phone, kind, note)
        with self.db.transaction() as conn:
            same = conn.execute("SELECT id FROM care_helper WHERE full_name = ? AND phone = ? AND is_deleted = 0",
                                (values["full_name"], values["phone"])).fetchone()
            if same:
                raise InputErrors([InputError("full_name", f"帮扶人“{values['full_name']}”已经登记过了。")])
            hid = self._insert(conn, "care_helper", {**values, "person_id": person_id})
            self._take_waiting(conn, hid, values["full_name"])
        return self.helper(hid)

    def _take_waiting(self, conn, helper_id: str, name: str) -> None:
        """A helper of this name now exists with a phone (added, or renamed to it): the people a
        ledger named them for without a phone to call (an import's helper_to_add line) are theirs
        now, as the ledger imported again would make them, the line dropped."""
        for sid, held in self._waiting_for(conn, name):
            self.register._update(conn, "care_subject", sid, {"helper_id": helper_id,
                                                              "note": without_helper_to_add(held) or None})

    def helped_by(self, names) -> list[tuple[str, str]]:
        """(subject id, helper name) of each person on the list whose helper has one of these names."""
        names = sorted(set(names))
        if not names:
            return []
        with self.db.reading() as conn:
            return [tuple(r) for r in conn.execute(
                "SELECT s.id, hp.full_name FROM care_subject s JOIN care_helper hp ON hp.id = s.helper_id"
                f" AND hp.is_deleted = 0 WHERE s.is_deleted = 0 AND hp.full_name IN ({','.join('?' * len(names))})",
                names)]

    def waiting_for_helper(self, full_name: str) -> int:
        """How many people on the list a ledger named ``full_name`` for as 责任人 without a phone,
        still with no helper: adding that helper assigns them (the helper form says so first)."""
        with self.db.reading() as conn:
            return len(self._waiting_for(conn, clean_name(full_name)))

    @staticmethod
    def _waiting_for(conn, name: str) -> list[tuple[str, str]]:
        line = helper_to_add(name)
        rows = conn.execute("SELECT s.id, s.note FROM care_subject s JOIN person p ON p.id = s.person_id"
                            " AND p.is_deleted = 0 WHERE s.is_deleted = 0 AND s.helper_id IS NULL"
                            " AND instr(s.note, ?) > 0", (line,)).fetchall() if name else []
        return [(sid, note) for sid, note in rows if line in note_lines(note)]

    def update_helper(self, helper_id: str, full_name: str, phone: str, kind: str, note: str = "") -> Helper:
        values = self._helper_values(full_name, phone, kind, note)
        with self.db.transaction() as conn:
            self.helper(helper_id)
            self.register._update(conn, "care_helper", helper_id, values)
            self._take_waiting(conn, helper_id, values["full_name"])
        return self.helper(helper_id)

    def find_or_add_helper(self, full_name: str, phone: str, kind: str = "volunteer") -> Helper:
        """The helper with this name (and phone, when given), added when new (for imports)."""
        name = clean_name(full_name)
        number = normalise_phone(phone) if clean(phone) else ""
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT id, phone FROM care_helper WHERE full_name = ? AND is_deleted = 0",
                                (name,)).fetchall()
            match = [r for r in rows if not number or (r[1] or "") == number]
            if len(match) == 1 or (match and not number):
                return self.helper(match[0][0])
            return self.add_helper(name, number, kind)

    # -- subjects --------------------------------------------------------------------------
    def _subject_values(self, form: SubjectForm, today: date) -> dict:
        errors = []
        categories = [c for c in form.categories if c in cv.CATEGORY]
        if not categories:
            errors.append(InputError("categories", "请至少选择一个关爱类别（例如：独居老人）。"))
        if form.frequency not in cv.FREQUENCY:
            errors.append(InputError("frequency", "请选择走访频次。"))
        needs = [n for n in form.needs if n in cv.NEED]
        listed = last = None
        try:
            listed = parse_day(form.listed_on, "listed_on", today, required=False) or today
        except InputError as e:
            errors.append(e)
        try:
            last = parse_day(form.last_visit_on, "last_visit_on", today, required=False)
        except InputError as e:
            errors.append(e)
        if errors:
            raise InputErrors(errors)
        if form.helper_id:
            self.helper(form.helper_id)
        return {"categories": cv.join_codes(categories), "needs": cv.join_codes(needs),
                "frequency": form.frequency, "helper_id": form.helper_id or None,
                "listed_on": listed.isoformat(), "last_visit_on": last.isoformat() if last else None,
                # A helper assigned (by hand or by an import): the line asking for one goes.
                "note": clean(without_helper_to_add(form.note) if form.helper_id else form.note) or None}

    def add_subject(self, person_id: str, form: SubjectForm, today: date) -> CareSubject:
        """Put a person on the care list. One row per person (a natural id): two offices
        listing the same person make one subject; a removed subject comes back."""
        values = self._subject_values(form, today)
        sid = natural_id("care_subject", person_id)
        with self.db.transaction() as conn:
            self.register.person(person_id)
            row = conn.execute("SELECT is_deleted FROM care_subject WHERE id = ?", (sid,)).fetchone()
            if row and not row[0]:
                raise InputErrors([InputError("person", already_listed(self.register.person(person_id).full_name))])
            if row:
                self.register._update(conn, "care_subject", sid, {**values, "is_deleted": 0})
            else:
                self._insert(conn, "care_subject", {"person_id": person_id, **values}, row_id=sid)
        return self.subject(sid)

    def save_subject(self, form: SubjectForm, today: date, *, person_id: str | None = None,
                     subject_id: str | None = None, channel: tuple[str, str, str, str] = ("", "", "", ""),
                     contact: tuple[str, str, str] = ("", "", ""), removed_contacts=()) -> CareSubject:
        """The care form's save: a new subject (``person_id``) or a change (``subject_id``), its
        green channel (treatment, hospital, schedule, transport), a new emergency contact (name,
        relation, phone: added when a name or a phone is typed) and contacts struck off. Every
        message comes at once (the green channel's and the contact's came only after the
        subject's were put right, a second refusal), then all is written or nothing."""
        new_contact = bool(clean(contact[0]) or clean(contact[2]))
        errors = []
        for check in (lambda: self._subject_values(form, today), lambda: _green_channel_values(*channel),
                      lambda: new_contact and _contact_values(contact[0], contact[2])):
            try:
                check()
            except InputErrors as e:
                errors += e.errors
        if errors:
            raise InputErrors(errors)
        with self.db.transaction():
            saved = (self.add_subject(person_id, form, today) if subject_id is None
                     else self.update_subject(subject_id, form, today))
            for contact_id in removed_contacts:
                self.remove_contact(contact_id)
            self.set_green_channel(saved.id, *channel)
            if new_contact:
                self.add_contact(saved.id, *contact)
        return self.subject(saved.id)

    def update_subject(self, subject_id: str, form: SubjectForm, today: date) -> CareSubject:
        values = self._subject_values(form, today)
        with self.db.transaction() as conn:
            self.subject(subject_id)
            self.register._update(conn, "care_subject", subject_id, values)
        return self.subject(subject_id)

    def holds(self, subject: CareSubject, form: SubjectForm, today: date) -> bool:
        """Whether ``form`` says what the care list already holds for ``subject`` (an import of
        the same list again: nothing to write, counted as unchanged)."""
        now = SubjectForm(subject.categories, subject.needs, subject.frequency, subject.helper_id,
                          subject.listed_on, subject.last_visit_on, subject.note)
        try:
            held = self._subject_values(now, today)
        except (InputError, InputErrors):
            return False                  # what is held would not pass today's rules: write it anew
        # The note as it is held: a line still asking for a helper the subject has would go as the
        # form is written, so the form that drops it is a change (compared after the drop, such a
        # line was counted unchanged and stayed until the next save in 修改).
        return self._subject_values(form, today) == {**held, "note": clean(subject.note) or None}

    def remove_subject(self, subject_id: str) -> None:
        """Off the list (moved away, passed away); visits stay in the history."""
        with self.db.transaction() as conn:
            self.subject(subject_id)
            self.register._update(conn, "care_subject", subject_id, {"is_deleted": 1})

    def subject(self, subject_id: str) -> CareSubject:
        with self.db.reading() as conn:
            r = conn.execute(_SUBJECT_SELECT + " WHERE s.id = ? AND s.is_deleted = 0", (subject_id,)).fetchone()
        if not r:
            raise NotFoundError("这个关爱对象")
        return _subject_from_row(r)

    def listed_people(self, person_ids) -> set[str]:
        """Which of ``person_ids`` are on the care list (the add form marks them as they are found)."""
        subject_of = {natural_id("care_subject", pid): pid for pid in person_ids}     # one subject per person
        with self.db.reading() as conn:
            return {subject_of[r[0]] for r in conn.execute(
                "SELECT id FROM care_subject WHERE id IN (SELECT value FROM json_each(?)) AND is_deleted = 0",
                (json.dumps(list(subject_of)),))}

    def subject_of_person(self, person_id: str) -> CareSubject | None:
        try:
            return self.subject(natural_id("care_subject", person_id))
        except NotFoundError:
            return None

    # -- emergency contacts and the green channel --------------------------------------------
    def contacts(self, subject_id: str) -> list[Contact]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, subject_id, full_name, relation, phone FROM care_contact"
                                " WHERE subject_id = ? AND is_deleted = 0 ORDER BY created_wall, id",
                                (subject_id,)).fetchall()
        return [Contact(r[0], r[1], r[2], r[3] or "", r[4] or "") for r in rows]

    def phones_to_call(self, subjects) -> dict[str, PhoneToCall]:
        """The phone to call for each subject, by subject id (``phones_to_call_of``)."""
        subjects = list(subjects)
        by_person = phones_to_call_of(self.db, [(s.person_id, s.phone) for s in subjects])
        return {s.id: by_person[s.person_id] for s in subjects}

    def phone_to_call(self, subject: CareSubject) -> PhoneToCall:
        return self.phones_to_call([subject])[subject.id]

    def add_contact(self, subject_id: str, full_name: str, relation: str, phone: str) -> Contact:
        name, number = _contact_values(full_name, phone)
        with self.db.transaction() as conn:
            note = self.subject(subject_id).note
            cid = self._insert(conn, "care_contact", {"subject_id": subject_id, "full_name": name,
                                                      "relation": clean(relation) or None, "phone": number})
            # A ledger named them without a phone (an import's contact_to_add line): added now.
            if contact_to_add(name) in note_lines(note):
                self.register._update(conn, "care_subject", subject_id,
                                      {"note": without_line(note, contact_to_add(name)) or None})
        return Contact(cid, subject_id, name, clean(relation), number)

    def set_contact_phone(self, contact_id: str, phone: str) -> None:
        """Give a contact kept without a phone (another office's older program) the one a ledger gives."""
        number = normalise_phone(phone, "contact_phone")
        with self.db.transaction() as conn:
            self.register._update(conn, "care_contact", contact_id, {"phone": number or None})

    def remove_contact(self, contact_id: str) -> None:
        with self.db.transaction() as conn:
            self.register._update(conn, "care_contact", contact_id, {"is_deleted": 1})

    def green_channel(self, subject_id: str) -> GreenChannel:
        with self.db.reading() as conn:
            r = conn.execute("SELECT treatment, hospital, schedule, transport, note FROM care_green_channel"
                             " WHERE id = ? AND is_deleted = 0",
                             (natural_id("care_green_channel", subject_id),)).fetchone()
        return GreenChannel(subject_id, *(x or "" for x in r)) if r else GreenChannel(subject_id)

    def set_green_channel(self, subject_id: str, treatment: str = "", hospital: str = "", schedule: str = "",
                          transport: str = "", note: str = "") -> GreenChannel:
        """Where and when the subject is treated outside and how they get there (one per subject)."""
        values = _green_channel_values(treatment, hospital, schedule, transport, note)
        gid = natural_id("care_green_channel", subject_id)
        with self.db.transaction() as conn:
            self.subject(subject_id)
            if conn.execute("SELECT 1 FROM care_green_channel WHERE id = ?", (gid,)).fetchone():
                self.register._update(conn, "care_green_channel", gid, {**values, "is_deleted": 0})
            else:
                self._insert(conn, "care_green_channel", {"subject_id": subject_id, **values}, row_id=gid)
        return self.green_channel(subject_id)

    # -- visits ----------------------------------------------------------------------------
    def _visit_values(self, subject: CareSubject, form: VisitForm, today: date) -> dict:
        errors = []
        day = None
        try:
            day = parse_day(form.visited_on, "visited_on", today)
            # A visit before the listing is a date typed wrong (2027 for 2028): it would stay in
            # the history, and "correct last visit" reaches only the newest one. A visit before
            # the listing belongs in the old ledger's last visit, on the subject.
            if subject.listed_on and day.isoformat() < subject.listed_on[:10]:
                errors.append(InputError("visited_on", f"{subject.full_name}是{subject.listed_on[:10]}列入关爱名单的，"
                                                       f"走访日期{day.isoformat()}在这之前，请检查日期。列入名单以前的走访，"
                                                       "请在“修改”里填“上次走访（原台账）”。", value=day.isoformat()))
        except InputError as e:
            errors.append(e)
        if form.mode not in cv.VISIT_MODE:
            errors.append(InputError("mode", "请选择走访方式：上门、电话、微信，或者未见到本人。"))
        helper_id = form.helper_id or subject.helper_id
        if not helper_id:
            errors.append(InputError("helper_id", "请选择是谁走访的。" if self.helpers() else
                                     "还没有登记帮扶人：请先在关爱页按“添加帮扶人”登记走访的人，再登记这次走访。"))
        found, done = clean(form.found), clean(form.done)
        needs = [n for n in form.needs_raised if n in cv.NEED]
        if form.mode == cv.NOT_SEEN and not found:
            errors.append(InputError("found", "没见到本人：请写一句怎么联系的（例如：敲门没人应，电话没人接）。"))
        elif not found and not done and not needs:
            errors.append(InputError("found", "请写一句走访情况（例如：身体好，菜够吃三天）。"))
        if errors:
            raise InputErrors(errors)
        helper = self.helper(helper_id)
        return {"subject_id": subject.id, "person_id": subject.person_id, "visited_on": day.isoformat(),
                "helper_id": helper.id, "helper_name": helper.full_name, "mode": form.mode,
                "found": found or None, "needs_raised": cv.join_codes(needs), "done": done or None}

    def _write_visit(self, conn, values: dict) -> CareVisit:
        vid = uuid7()
        row = {"id": vid, **values, "recorded_by": self.db.user_name, "recorded_at": now_text(),
               "created_site": self.db.site.site_id}
        conn.execute(f"INSERT INTO care_visit ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple(row.values()))
        return self.visit(vid)

    def record_visit(self, subject_id: str, form: VisitForm, today: date) -> CareVisit:
        """Append a visit; the next one falls due from its date (desktop/care/due.py), unless
        the person was not seen: then they stay due."""
        subject = self.subject(subject_id)
        values = self._visit_values(subject, form, today)
        with self.db.transaction() as conn:
            return self._write_visit(conn, values)

    def correct_visit(self, visit_id: str, form: VisitForm | None, today: date) -> CareVisit:
        """A visit entered wrong: a new row replaces it (``form``) or voids it (None)."""
        old = self.visit(visit_id)
        subject = self.subject(old.subject_id)
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM care_visit WHERE corrects_id = ?", (visit_id,)).fetchone():
                raise InputError("visit", "这条走访记录已经更正过了，请更正最新的那一条。")
            if form is None:
                values = {"subject_id": old.subject_id, "person_id": old.person_id, "visited_on": old.visited_on,
                          "helper_id": old.helper_id, "helper_name": old.helper_name, "mode": old.mode,
                          "found": old.found or None, "needs_raised": ",".join(old.needs_raised),
                          "done": old.done or None, "is_void": 1}
            else:
                values = self._visit_values(subject, form, today)
            return self._write_visit(conn, {**values, "corrects_id": visit_id})

    def visit(self, visit_id: str) -> CareVisit:
        with self.db.reading() as conn:
            r = conn.execute(f"SELECT {_VISIT_COLUMNS} FROM care_visit WHERE id = ?", (visit_id,)).fetchone()
        if not r:
            raise NotFoundError("这条走访记录")
        return _visit_from_row(r)

    def visits(self, subject_id: str, limit: int = 200) -> list[CareVisit]:
        """Visits that count, newest first (replaced and voided rows left out)."""
        with self.db.reading() as conn:
            rows = conn.execute(
                f"SELECT {_VISIT_COLUMNS} FROM care_visit v WHERE subject_id = ? AND is_void = 0"
                " AND NOT EXISTS (SELECT 1 FROM care_visit x WHERE x.corrects_id = v.id)"
                " ORDER BY visited_on DESC, recorded_at DESC LIMIT ?", (subject_id, limit)).fetchall()
        return [_visit_from_row(r) for r in rows]

    # -- the lists -------------------------------------------------------------------------
    @staticmethod
    def _last_of(conn, subject_id: str, day: str) -> tuple[str | None, str | None]:
        """(the latest visit that counts, the latest not-seen attempt) on ``day``, exactly."""
        return conn.execute(f"SELECT {_LAST_VISIT.replace('s.id', '?')}, {_LAST_ATTEMPT.replace('s.id', '?')}",
                            (subject_id, day, subject_id, day)).fetchone()

    def due_of(self, subject: CareSubject, today: date) -> Due:
        with self.db.reading() as conn:
            last, attempt = self._last_of(conn, subject.id, today.isoformat())
        return due_state(subject.frequency, subject.listed_on, last, today, subject.last_visit_on, attempt)

    def care_list(self, today: date, *, helper_id: str | None = None, unassigned: bool = False,
                  category: str | None = None, compound_id: str | None = None,
                  building_id: str | None = None, due: str = "due", search: str = "",
                  details: bool = True) -> list[CareListItem] | dict[str, Due]:
        """The care list on ``today``, the most urgent first (due.Due.sort_key).

        ``due``: "due" (due, overdue and neglected: today's work), "overdue" (overdue and
        neglected), "neglected", or "all". The other arguments narrow the list.
        """
        where = ["s.is_deleted = 0",
                 "s.person_id NOT IN (SELECT id FROM person WHERE is_deleted = 1)"]
        args = [today.isoformat(), today.isoformat()]
        if helper_id:
            where.append("s.helper_id = ?")
            args.append(helper_id)
        elif unassigned:
            where.append("(s.helper_id IS NULL OR hp.id IS NULL)")
        if category:
            where.append("(',' || s.categories || ',') LIKE ?")
            args.append(f"%,{category},%")
        if compound_id:
            where.append("h.compound_id = ?")
            args.append(compound_id)
        if building_id:
            where.append("h.building_id = ?")
            args.append(building_id)
        if clean(search):
            where.append("(p.full_name LIKE ? OR p.name_initials LIKE ?)")
            args += [f"%{clean(search)}%", f"{clean(search).lower()}%"]
        # Two steps keep a street office's 10,000 subjects fast: the due state needs only the
        # subject row and its last visit date (one covering-index seek each); the joins that
        # give names and addresses run only for the rows that will be shown.
        # The latest visit of any kind (the index alone) and the latest that counts (the newest
        # index entries, read until one is not a not-seen attempt: usually the first); a later
        # attempt than the visit is the subject's last attempt (due.attempt_after).
        sql = ("SELECT s.id, s.frequency, s.listed_on, s.last_visit_on, (SELECT max(v.visited_on) FROM care_visit v"
               " WHERE v.subject_id = s.id AND v.visited_on <= ?), (SELECT v.visited_on FROM care_visit v"
               f" WHERE v.subject_id = s.id AND v.visited_on <= ? AND {COUNTS_AS_VISIT}"
               " ORDER BY v.visited_on DESC LIMIT 1) FROM care_subject s")
        if unassigned and not helper_id:
            sql += " LEFT JOIN care_helper hp ON hp.id = s.helper_id AND hp.is_deleted = 0"
        if compound_id or building_id or clean(search):
            sql += (" JOIN person p ON p.id = s.person_id"
                    " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
                    " LEFT JOIN household h ON h.id = m.household_id")
        sql += " WHERE " + " AND ".join(where)
        wanted = {"due": ("neglected", "overdue", "due"), "overdue": ("neglected", "overdue"),
                  "neglected": ("neglected",), "all": tuple(cv.DUE_STATE)}[due]
        today_ord = today.toordinal()
        states: dict[str, Due] = {}
        with self.db.reading() as conn:
            rows = conn.execute(sql, args).fetchall()
            # Subjects with a corrected or voided visit (rare) get the exact rule, one by one.
            corrected = {r[0] for r in conn.execute(
                "SELECT subject_id FROM care_visit INDEXED BY care_visit_corrects WHERE corrects_id IS NOT NULL")}
            day = today.isoformat()
            for sid, frequency, listed_on, ledger_last, latest, last in rows:
                if sid in corrected:
                    last, attempt = self._last_of(conn, sid, day)
                else:
                    attempt = latest if latest != last else None
                last = latest_counting(day, last, ledger_last)
                tried = attempt_after(day, last, attempt)
                last_day = date.fromisoformat(last).toordinal() if last else None
                state, due_on, overdue, since = classify(
                    interval_days(frequency), date.fromisoformat(listed_on).toordinal() if listed_on else today_ord,
                    last_day, today_ord)
                if state in wanted:
                    states[sid] = Due(state, date.fromordinal(due_on),
                                      date.fromordinal(last_day) if last_day is not None else None, overdue, since,
                                      tried)
            if not details:
                return states
            found = self._list_rows(conn, list(states)) if states else []
        items = [CareListItem(s, states[s.id]) for s in found]
        items.sort(key=lambda i: (*i.due.sort_key(), i.subject.address, i.subject.full_name))
        return items

    @staticmethod
    def _list_rows(conn, subject_ids: list[str]) -> list[CareSubject]:
        """Subjects for a list: places and helpers come from small lookup tables read once,
        so each row costs three index searches instead of eight."""
        compounds = dict(conn.execute("SELECT id, name FROM compound"))
        buildings = dict(conn.execute("SELECT id, number FROM building"))
        units = dict(conn.execute("SELECT id, number FROM unit"))
        helpers = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT id, full_name, phone FROM care_helper WHERE is_deleted = 0")}
        rows = conn.execute(
            "SELECT s.id, s.person_id, p.full_name, p.sex, p.birth_date, p.phone, h.compound_id, h.building_id,"
            " h.unit_id, h.room, h.address_text, s.categories, s.needs, s.frequency, s.helper_id, s.listed_on,"
            " s.last_visit_on, s.note FROM care_subject s JOIN person p ON p.id = s.person_id AND p.is_deleted = 0"
            " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
            " LEFT JOIN household h ON h.id = m.household_id"
            " WHERE s.id IN (SELECT value FROM json_each(?))", (json.dumps(subject_ids),)).fetchall()
        out = []
        for r in rows:
            helper = helpers.get(r[14], ("", ""))
            out.append(_subject_from_row((
                r[0], r[1], r[2], r[3], r[4], r[5], compounds.get(r[6]), buildings.get(r[7]), units.get(r[8]),
                r[9], r[10], r[11], r[12], r[13], r[14], helper[0], helper[1], r[15], r[16], r[17], r[6], r[7])))
        return out

    def today_by_helper(self, today: date) -> dict[str | None, list[CareListItem]]:
        """Today's visits grouped by helper (None: nobody assigned yet), each most urgent first."""
        out: dict[str | None, list[CareListItem]] = {}
        for item in self.care_list(today):
            out.setdefault(item.subject.helper_id if item.subject.helper_name else None, []).append(item)
        return out

    def counts(self, today: date) -> dict[str, int]:
        """Subjects per due state on ``today`` (for the page header and the daily report)."""
        counts = dict.fromkeys(cv.DUE_STATE, 0)
        for state in self.care_list(today, due="all", details=False).values():
            counts[state.state] += 1
        return counts


def _green_channel_values(treatment: str = "", hospital: str = "", schedule: str = "", transport: str = "",
                          note: str = "") -> dict:
    values = {"treatment": clean(treatment) or None, "hospital": clean(hospital) or None,
              "schedule": clean(schedule) or None, "transport": clean(transport) or None,
              "note": clean(note) or None}
    if values["schedule"] and not values["hospital"]:
        raise InputErrors([InputError("hospital", "填写了治疗时间，请同时填写医院。")])
    return values


def _contact_values(full_name: str, phone: str) -> tuple[str, str]:
    """An emergency contact's name and phone as kept, or every message about them."""
    errors, name = [], clean_name(full_name)
    if not name:
        errors.append(InputError("contact_name", "请填写紧急联系人姓名。"))
    number = ""
    try:
        number = normalise_phone(phone, "contact_phone")
    except InputError as e:
        errors.append(e)
    if not number and not errors:
        errors.append(InputError("contact_phone", "请填写紧急联系人的电话。"))
    if errors:
        raise InputErrors(errors)
    return name, number
