"""Visitors (访客): a short form, and recognising someone who came before by ID number, phone
or name, so the guard does not type them twice.

Everything here is gate work (``Permission.GATE``). What comes out is what the account may see:
a gate account gets a returning visitor's ID number and phone masked (``shown_to``), and when it
saves the form with those masked values untouched, the stored numbers are kept (``save_visitor``).

A visitor's car plate (optional) goes on the passage only (gate_log.plate), never into the vehicle
table: that table says a plate belongs to a household, and the gate shows that household's
address for it; a visitor's car (their own, a relative's, a taxi) belongs to no household here,
and one trip does not make it known. A visitor who comes back is offered the plate of their last
passage (``desktop.gate.log.last_plate``), and a plate typed at the gate finds the visitor whose
recent passages carry it (``came_by_plate``, through ``desktop.gate.subjects.plate_subjects``)."""
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from db.bulk import GATE_VALID
from db.connection import Database
from db.sync.ids import uuid7
from desktop import place_words
from desktop.accounts.roles import Permission, require, sees_whole_numbers
from desktop.errors import InputError, InputErrors
from desktop.gate.plates import normalise_plate
from desktop.gate.records import Visitor
from desktop.idnumber import parse_resident_id
from desktop.masking import mask_id_number, mask_phone, mask_text
from desktop.phone import normalise_phone
from desktop.address import parse_place
from desktop.pinyin import name_keys
from desktop.register import now_text
from desktop.search import search_people
from desktop.textnorm import clean, clean_name

_SELECT = "SELECT id, full_name, phone, id_number, from_place FROM visitor"
# How far back a plate on a visitor's passage still names them: a car that came last month
# is likely the same visitor's again; one from a year ago (a taxi, a sold car) says nothing.
PLATE_DAYS = 30


# A village house as a guard types it in 被访人/住址: '12号', '第12号', '王家湾12号'.
_HOUSE_WORD = re.compile(r".*?第?[0-9]+(?:-[0-9]+)?号")


def _visitor(r) -> Visitor:
    return Visitor(r[0], r[1], r[2] or "", r[3] or "", r[4] or "")


@dataclass(frozen=True)
class Host:
    """A household a visitor may have come to see, as the visitor form lists it: its address and
    the names the guard's words matched (张三, or the household's people for a door)."""
    household_id: str
    address: str
    names: str = ""

    @property
    def label(self) -> str:
        """What the form's 被访人/住址 box shows once it is chosen: 幸福里小区 3栋2单元501 张三."""
        return f"{self.address} {self.names}".strip()


@dataclass(frozen=True)
class VisitorForm:
    """What the guard typed about a visitor; reason, whom they visit and the car's plate go on
    the log row."""
    full_name: str = ""
    phone: str = ""
    id_number: str = ""
    from_place: str = ""
    reason: str = ""
    visiting: str = ""
    plate: str = ""                      # the car they came by, if any
    host: Host | None = None             # the household chosen for ``visiting`` (find_hosts)

    def missing(self) -> tuple[str, ...]:
        """The fields a visitor is never saved without that are still empty, in the form's order
        (the form's Enter goes on to them instead of refusing the form)."""
        return tuple(f for f in ("full_name", "reason", "visiting") if not clean(getattr(self, f)))

    def validate(self, keep_masked: bool = False, kind: str | None = None) -> dict:
        """The cleaned values, or InputErrors. ``keep_masked``: the form was filled from a
        returning visitor, so a masked number (with *) passes as it is, for ``save_visitor``
        to resolve to the stored one. ``kind``: the visited place's (``place_words``), whose
        door a missing household's example shows (12号 in a village)."""
        errors, out, empty = [], {}, self.missing()
        out["full_name"] = clean_name(self.full_name)
        if "full_name" in empty:
            errors.append(InputError("full_name", "请填写访客姓名。"))
        def masked(text: str) -> bool:
            return keep_masked and "*" in text
        try:
            out["phone"] = clean(self.phone) if masked(self.phone) else (normalise_phone(self.phone) or None)
        except InputError as e:
            out["phone"] = None
            errors.append(e)
        number = clean(self.id_number).upper()
        out["id_number"] = number
        if not masked(number):
            try:
                # Resident IDs are checked; other documents are kept as typed.
                out["id_number"] = parse_resident_id(number).number if len(number) == 18 else (number or None)
            except InputError as e:
                errors.append(e)
        out["from_place"] = clean(self.from_place) or None
        try:
            out["plate"] = normalise_plate(self.plate)      # the gate screen's: 鄂a 12345 is 鄂A12345
        except InputError as e:
            out["plate"] = ""
            errors.append(e)
        out["reason"] = clean(self.reason)
        if "reason" in empty:
            errors.append(InputError("reason", "请填写来访事由（例如：送药、探望老人、维修）。"))
        out["visiting"] = clean(self.visiting)
        # The household chosen stays linked while the box shows what it was chosen as; words
        # typed over it are the guard's own, kept as typed and linked to nobody.
        linked = self.host is not None and out["visiting"] == self.host.label
        out["host"] = self.host if linked else None
        if linked:
            out["visiting"] = self.host.names      # the address is the household's own (gate.log reads it)
        if "visiting" in empty:
            example = place_words.words(kind).visiting_example          # 3-2-501 张三 / 12号 王大爷
            errors.append(InputError("visiting", f"请填写拜访哪一户（例如：{example}）。"))
        if not (clean(self.phone) or out["id_number"]):      # a wrong phone has its own message
            errors.append(InputError("phone", "请至少填写电话或证件号码，以便追踪。"))
        if errors:
            raise InputErrors(errors)
        return out


def shown_to(db, v: Visitor) -> Visitor:
    """``v`` as the logged-in account may see it: numbers masked for an account that may not
    read the register's (the gate), a phone or ID number written into the name too (a hurried
    guard's 张三13812345678, as the log shows it: gate.log.as_seen). Saved untouched, the masked
    values are the stored ones (``save_visitor``, gate.log.record_passage)."""
    if sees_whole_numbers(db):
        return v
    return replace(v, full_name=mask_text(v.full_name), phone=mask_phone(v.phone) if v.phone else "",
                   id_number=mask_id_number(v.id_number) if v.id_number else "")


def stored_name(conn, visitor_id: str | None, shown: str) -> str:
    """A visitor's name as stored when ``shown`` is the masked name the gate was shown of it
    (``shown_to``); else ``shown`` as it is."""
    if not visitor_id or "*" not in shown:
        return shown
    r = conn.execute("SELECT full_name FROM visitor WHERE id = ?", (visitor_id,)).fetchone()
    return _as_stored(shown, r[0] if r else "", mask_text)


def find_returning(db: Database, id_number: str = "", phone: str = "") -> Visitor | None:
    """The visitor who came before with this ID number (or else this phone), as the account
    may see them."""
    require(db, Permission.GATE)
    known = _returning(db, id_number, phone)
    return shown_to(db, known) if known else None


def _returning(db: Database, id_number: str = "", phone: str = "") -> Visitor | None:
    with db.reading() as conn:
        for column, value in (("id_number", clean(id_number).upper()), ("phone", clean(phone))):
            if value:
                r = conn.execute(_SELECT + f" WHERE {column} = ? AND is_deleted = 0 ORDER BY id DESC LIMIT 1",
                                 (value,)).fetchone()
                if r:
                    return _visitor(r)
    return None


def _as_stored(typed, stored: str, mask) -> str | None:
    """A masked number shown to the gate and saved untouched means the number stored."""
    return stored if typed and stored and typed == mask(stored) else typed


def save_visitor(db: Database, values: dict, known_id: str | None = None) -> Visitor:
    """The returning visitor (details refreshed when they changed) or a new one. ``known_id``:
    the visitor the form was filled from; its masked numbers, saved untouched, stay as stored."""
    require(db, Permission.GATE)
    with db.transaction() as conn:
        filled = visitor_row(conn, known_id) if known_id else None
        if filled is not None:
            values = dict(values, phone=_as_stored(values.get("phone"), filled.phone, mask_phone),
                          id_number=_as_stored(values.get("id_number"), filled.id_number, mask_id_number),
                          full_name=_as_stored(values.get("full_name"), filled.full_name, mask_text))
        for field, what in (("full_name", "姓名"), ("phone", "电话"), ("id_number", "证件号码")):
            if "*" in (values.get(field) or ""):
                raise InputError(field, f"{what}里有 * 号：请保持原样不改，或者重新输入完整的{what}。")
        known = _returning(db, values.get("id_number") or "", values.get("phone") or "") or filled
        fields = {k: values.get(k) for k in ("full_name", "phone", "id_number", "from_place")}
        if known:
            changed = {k: v for k, v in fields.items() if v and v != getattr(known, k)}
            if changed:
                if "full_name" in changed:
                    changed["name_initials"] = name_keys(changed["full_name"])[0]
                conn.execute(f"UPDATE visitor SET {', '.join(f'{k} = ?' for k in changed)} WHERE id = ?",
                             (*changed.values(), known.id))
            vid = known.id
        else:
            vid = uuid7()
            conn.execute("INSERT INTO visitor (id, full_name, name_initials, phone, id_number, from_place,"
                         " created_site, created_wall) VALUES (?,?,?,?,?,?,?,?)",
                         (vid, fields["full_name"], name_keys(fields["full_name"])[0], fields["phone"],
                          fields["id_number"], fields["from_place"], db.site.site_id, now_text()))
        return shown_to(db, visitor_row(conn, vid))


def visitor_row(conn, visitor_id: str) -> Visitor | None:
    r = conn.execute(_SELECT + " WHERE id = ?", (visitor_id,)).fetchone()
    return _visitor(r) if r else None


def search_visitors(db: Database, text: str, limit: int = 10) -> list[Visitor]:
    """Visitors by name, pinyin initials, or the end of their ID number or phone."""
    require(db, Permission.GATE)
    term = clean(text)
    if not term:
        return []
    with db.reading() as conn:
        if term.isdigit() or term[:-1].isdigit():
            if len(term) < 4:
                return []
            rows = conn.execute(_SELECT + " WHERE is_deleted = 0 AND (id_number LIKE ? OR phone LIKE ?) LIMIT ?",
                                (f"%{term.upper()}", f"%{term}", limit)).fetchall()
        elif term.isascii() and term.isalpha():
            rows = conn.execute(_SELECT + " WHERE is_deleted = 0 AND (' ' || name_initials || ' ') LIKE ? LIMIT ?",
                                (f"% {term.lower()}%", limit)).fetchall()
        else:
            rows = conn.execute(_SELECT + " WHERE is_deleted = 0 AND full_name = ? LIMIT ?",
                                (clean_name(term), limit)).fetchall()
    return [shown_to(db, _visitor(r)) for r in rows]


def visitor(db: Database, visitor_id: str) -> Visitor | None:
    require(db, Permission.GATE)
    with db.reading() as conn:
        found = visitor_row(conn, visitor_id)
    return shown_to(db, found) if found else None


def came_by_plate(db: Database, plate: str, today: date | None = None, limit: int = 9,
                  ending: bool = False) -> list[tuple[Visitor, str, str]]:
    """(visitor, the plate, time of their last passage with it) for the visitors whose passages
    in the last PLATE_DAYS days carried this plate (already normalised; with ``ending``, a plate
    ending in these digits), newest first, as the account may see them. The plate stays on the
    passages: it is no household's car."""
    require(db, Permission.GATE)
    since = ((today or date.today()) - timedelta(days=PLATE_DAYS)).isoformat()
    match = ("g.plate LIKE ?", f"%{plate.upper()}") if ending else ("g.plate = ?", plate)
    with db.reading() as conn:
        rows = conn.execute(
            "SELECT g.visitor_id, g.plate, max(g.at) AS last_at FROM gate_log g INDEXED BY gate_log_plate"
            " JOIN visitor v ON v.id = g.visitor_id AND v.is_deleted = 0"
            f" WHERE g.plate IS NOT NULL AND {match[0]} AND g.at >= ? AND {GATE_VALID}"
            " GROUP BY g.visitor_id, g.plate ORDER BY last_at DESC LIMIT ?", (match[1], since, limit)).fetchall()
        found = [(visitor_row(conn, vid), number, at) for vid, number, at in rows]
    return [(shown_to(db, v), number, at) for v, number, at in found if v is not None]


HOST_NAMES = 3                           # names listed for a household found by its door


def _door_word(word: str) -> bool:
    return parse_place(word) is not None or bool(_HOUSE_WORD.fullmatch(word))


def written_host(db: Database, text: str) -> Host | None:
    """The household a typed-up ledger's 探访何人 cell names ('3-2-501 张三', '12号 王大爷'), when
    it writes a door and exactly that one household is found (``find_hosts``); else None, the
    cell kept as written. Nobody checks an import row by row, so a name alone ('张三': the
    register's 张三, or the visitor's acquaintance of that name?) is never linked."""
    if not any(_door_word(w) for w in clean(text).split(" ")):
        return None
    hosts = find_hosts(db, text, limit=2)
    return hosts[0] if len(hosts) == 1 else None


# People read to count the households past those listed (about 7 ms in 14,000 people).
HOSTS_COUNTED = 100


@dataclass(frozen=True)
class HostsFound:
    """The households the visitor form lists (at most ``limit``) and how many more the words name:
    six 张 listed of forty, the guard took the list for the whole and looked for a seventh in
    vain. ``all_counted`` False: more than HOSTS_COUNTED people matched, ``more`` is the least."""
    hosts: list[Host]
    more: int = 0
    all_counted: bool = True


def find_hosts(db: Database, text: str, limit: int = 6) -> list[Host]:
    """The households ``text`` (the visitor form's 被访人/住址) names, read as the register's
    search reads it (``desktop.search``: a name, pinyin initials 'zs', a door '3-2-501', a bare
    door number '501' or '12号', several words together '3-2-501 张三'); the door's households
    only for a bare number (not everyone whose phone holds 501). A door with a name the register
    does not hold there ('3-2-501 王师傅': a guest, a worker) finds the door's households, with
    the name as typed. Nothing found is no refusal: the form keeps the words as typed."""
    return hosts_found(db, text, limit, counted=0).hosts


def hosts_found(db: Database, text: str, limit: int = 6, counted: int = HOSTS_COUNTED,
                near: str | None = None) -> HostsFound:
    """find_hosts's households, with how many more there are among ``counted`` people; those of
    the compound ``near`` (the gate's own) first."""
    require(db, Permission.GATE)
    words = clean(text).split(" ") if clean(text) else []
    found = _hosts(db, " ".join(words), limit, counted, near)
    doors = [w for w in words if _door_word(w)]
    if not found.hosts and doors and len(doors) < len(words):
        typed = " ".join(w for w in words if w not in doors)
        found = _hosts(db, " ".join(doors), limit, counted, near)
        found = replace(found, hosts=[replace(h, names=typed) for h in found.hosts])
    return found


def _hosts(db: Database, text: str, limit: int, counted: int, near: str | None = None) -> HostsFound:
    if not text:
        return HostsFound([])
    read = max(limit * 4, counted)
    people = search_people(db, text, limit=read, permission=Permission.GATE)
    all_counted = len(people) < read
    if text.isdigit() and len(text) <= 4:
        people = [p for p in people if text in (p.address or "")]      # a door's number, no ID's digits
    found: dict[str, list] = {}
    for p in people:
        if p.household_id:
            found.setdefault(p.household_id, [p.address or ""]).append(p.full_name)
    if near and found:
        # A visitor at 幸福里's gate who says 1-1-101 means 幸福里's 1栋1单元101: listed first, not
        # behind every other compound's 1-1-101 (it was beyond the six shown).
        with db.reading() as conn:
            here = {r[0] for r in conn.execute(
                f"SELECT id FROM household WHERE compound_id = ? AND id IN ({', '.join('?' * len(found))})",
                (near, *found))}
        found = dict(sorted(found.items(), key=lambda item: item[0] not in here))
    hosts = []
    for household_id, (address, *names) in list(found.items())[:limit]:
        more = "等" if len(names) > HOST_NAMES else ""
        hosts.append(Host(household_id, address, "、".join(names[:HOST_NAMES]) + more))
    return HostsFound(hosts, len(found) - len(hosts), all_counted)
