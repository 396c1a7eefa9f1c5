"""The household register (一院一档、一房一户): compounds, buildings, units, households, people.

Every write goes through ``Register`` in one transaction, so the change log, the search index
and the status history move together with the row. Rows are never deleted: removing sets the
``is_deleted`` tombstone that sync carries to the other machines.
"""
import re
from dataclasses import dataclass, fields
from datetime import date, datetime

from db.connection import Database
from db.sync import hlc
from db.sync.ids import natural_id, uuid7
from db.sync.versions import insert_hlcs
from desktop import vocab
from desktop.address import building_number, format_place, room_number, unit_number
from desktop.errors import DuplicatePersonError, InputError, InputErrors, NotFoundError
from desktop.idnumber import normalise_document, parse_resident_id
from desktop.phone import normalise_phone
from desktop.pinyin import name_keys
from desktop.records import (Building, Compound, Household, Person, StatusChange, TravelRecord,
                             TreeNode, Unit)
from desktop.textnorm import clean, clean_name


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True)
class PersonForm:
    """What a clerk typed (or a ledger row held): raw text, validated by ``validate()``."""
    full_name: str = ""
    id_type: str = "resident_id"
    id_number: str = ""
    sex: str = ""
    birth_date: str = ""
    phone: str = ""
    residence_kind: str = "registered"
    hukou_address: str = ""
    is_key_person: bool = False
    key_reason: str = ""
    work_place: str = ""
    note: str = ""

    def validate(self, today: date | None = None) -> dict:
        """Clean every field; raise InputErrors naming each wrong field, all at once."""
        errors: list[InputError] = []
        out: dict = {}
        name = clean_name(self.full_name)
        if not name:
            errors.append(InputError("full_name", "请填写姓名。"))
        elif len(name) > 40:
            errors.append(InputError("full_name", "姓名太长（最多40个字）。"))
        out["full_name"] = name
        if self.id_type not in vocab.ID_TYPE:
            errors.append(InputError("id_type", "请选择证件类型。"))
        out["id_type"] = self.id_type
        out["sex"] = self.sex if self.sex in vocab.SEX else None
        out["birth_date"] = clean(self.birth_date) or None
        number = clean(self.id_number)
        try:
            if number and self.id_type == "resident_id":
                parsed = parse_resident_id(number, today=today)
                out["id_number"] = parsed.number
                # Sex and birth date come from the number: one source of truth.
                out["sex"], out["birth_date"] = parsed.sex, parsed.birth_date.isoformat()
            else:
                out["id_number"] = normalise_document(self.id_type, number) or None
        except InputError as e:
            errors.append(e)
            out["id_number"] = number
        if out["birth_date"] and not out["id_number"]:
            try:
                out["birth_date"] = date.fromisoformat(out["birth_date"].replace("/", "-")).isoformat()
            except ValueError:
                errors.append(InputError("birth_date", f"出生日期格式不对，请写成 1960-05-01：{out['birth_date']}"))
        try:
            out["phone"] = normalise_phone(self.phone) or None
        except InputError as e:
            errors.append(e)
        if self.residence_kind not in vocab.RESIDENCE:
            errors.append(InputError("residence_kind", "请选择居住类型。"))
        out["residence_kind"] = self.residence_kind
        out["hukou_address"] = clean(self.hukou_address) or None
        out["is_key_person"] = 1 if self.is_key_person else 0
        out["key_reason"] = clean(self.key_reason) or None
        if self.is_key_person and not out["key_reason"]:
            errors.append(InputError("key_reason", "重点人员请填写原因（例如：近14天从外地返回）。"))
        out["work_place"] = clean(self.work_place) or None
        out["note"] = clean(self.note) or None
        if errors:
            raise InputErrors(errors)
        out["name_initials"], out["name_pinyin"] = name_keys(name)
        return out

    @classmethod
    def from_person(cls, p: Person) -> "PersonForm":
        names = {f.name for f in fields(cls)}
        return cls(**{k: getattr(p, k) for k in names if hasattr(p, k)})


@dataclass(frozen=True)
class HouseholdForm:
    """A household's place and tenure as typed. ``compound_id`` picks the compound."""
    compound_id: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    address_text: str = ""
    tenure: str = "owned"
    landlord_name: str = ""
    landlord_phone: str = ""
    note: str = ""


_PERSON_COLUMNS = ("p.id, p.full_name, p.id_type, p.id_number, p.sex, p.birth_date, p.phone,"
                   " p.residence_kind, p.hukou_address, p.is_key_person, p.key_reason, p.status,"
                   " p.status_reason, p.status_since, p.work_place, p.note, m.household_id,"
                   " m.relation, c.name, b.number, u.number, h.room, h.address_text")
# Membership → household → place, for listing people with their address in one query.
PERSON_FROM = (" FROM person p"
               " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
               " LEFT JOIN household h ON h.id = m.household_id"
               " LEFT JOIN compound c ON c.id = h.compound_id"
               " LEFT JOIN building b ON b.id = h.building_id"
               " LEFT JOIN unit u ON u.id = h.unit_id")
PERSON_SELECT = "SELECT " + _PERSON_COLUMNS + PERSON_FROM
# People in building/unit/room order, the head of household first: the order of the paper ledger.
PERSON_ORDER = (" ORDER BY c.name, CAST(b.number AS INTEGER), b.number, CAST(u.number AS INTEGER),"
                " CAST(h.room AS INTEGER), h.room, h.address_text, m.relation <> 'head', p.birth_date")


def person_from_row(r) -> Person:
    return Person(
        id=r[0], full_name=r[1], id_type=r[2] or "resident_id", id_number=r[3] or "",
        sex=r[4] or "", birth_date=r[5] or "", phone=r[6] or "", residence_kind=r[7] or "registered",
        hukou_address=r[8] or "", is_key_person=bool(r[9]), key_reason=r[10] or "",
        status=r[11] or "healthy", status_reason=r[12] or "", status_since=r[13] or "",
        work_place=r[14] or "", note=r[15] or "", household_id=r[16], relation=r[17] or "",
        address=format_place(r[18], r[19], r[20], r[21], r[22]) if r[16] else "")


_HOUSEHOLD_SELECT = (
    "SELECT h.id, h.compound_id, h.building_id, h.unit_id, h.room, h.address_text, h.tenure,"
    " h.landlord_person_id, h.landlord_name, h.landlord_phone, h.note, c.name, b.number, u.number,"
    " (SELECT p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
    "   WHERE m.household_id = h.id AND m.is_deleted = 0 AND p.is_deleted = 0 AND m.relation = 'head' LIMIT 1),"
    " (SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id"
    "   WHERE m.household_id = h.id AND m.is_deleted = 0 AND p.is_deleted = 0)"
    " FROM household h LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id")


def _household_from_row(r) -> Household:
    return Household(
        id=r[0], compound_id=r[1], building_id=r[2], unit_id=r[3], room=r[4] or "",
        address_text=r[5] or "", tenure=r[6] or "owned", landlord_person_id=r[7],
        landlord_name=r[8] or "", landlord_phone=r[9] or "", note=r[10] or "",
        address=format_place(r[11], r[12], r[13], r[4], r[5]), building=r[12] or "",
        unit=r[13] or "", head_name=r[14] or "", member_count=r[15] or 0)


class Register:
    """Use cases of the household register over one database."""

    def __init__(self, db: Database):
        self.db = db

    # -- writing helpers -------------------------------------------------------------------
    def _new_row(self, values: dict, row_id: str | None = None, wall: str | None = None) -> dict:
        """A new row's values with its id and where and when it was made."""
        return {"id": row_id or uuid7(), **values, "created_site": self.db.site.site_id,
                "created_wall": wall or now_text()}

    def _insert(self, conn, table: str, values: dict, row_id: str | None = None) -> str:
        values = self._new_row(values, row_id)
        cols = ", ".join(values)
        conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(values))})",
                     tuple(values.values()))
        return values["id"]

    @staticmethod
    def _update(conn, table: str, row_id: str, values: dict) -> None:
        sets = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))

    # -- places ----------------------------------------------------------------------------
    def add_compound(self, name: str, kind: str = "compound", address: str = "",
                     community_id: str | None = None) -> Compound:
        name = clean(name)
        if not name:
            raise InputError("name", "请填写小区（院落）或村民小组的名称。")
        if kind not in vocab.COMPOUND_KIND:
            raise InputError("kind", "请选择类型：小区/院落 或 村民小组。")
        with self.db.transaction() as conn:
            existing = conn.execute("SELECT id FROM compound WHERE name = ? AND is_deleted = 0",
                                    (name,)).fetchone()
            if existing:
                raise InputError("name", f"“{name}”已经存在。")
            cid = self._insert(conn, "compound", {"name": name, "kind": kind,
                                                  "address": clean(address) or None,
                                                  "community_id": community_id})
        return Compound(cid, name, kind, clean(address))

    def compounds(self) -> list[Compound]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, name, kind, address FROM compound WHERE is_deleted = 0"
                                " ORDER BY name").fetchall()
        return [Compound(r[0], r[1], r[2], r[3] or "") for r in rows]

    def _ensure_building(self, conn, compound_id: str, number: str) -> str:
        row = conn.execute("SELECT id FROM building WHERE compound_id = ? AND number = ? AND is_deleted = 0",
                           (compound_id, number)).fetchone()
        return row[0] if row else self._insert(conn, "building", {"compound_id": compound_id, "number": number})

    def _ensure_unit(self, conn, building_id: str, number: str) -> str:
        row = conn.execute("SELECT id FROM unit WHERE building_id = ? AND number = ? AND is_deleted = 0",
                           (building_id, number)).fetchone()
        return row[0] if row else self._insert(conn, "unit", {"building_id": building_id, "number": number})

    def buildings(self, compound_id: str) -> list[Building]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, compound_id, number FROM building WHERE compound_id = ?"
                                " AND is_deleted = 0 ORDER BY CAST(number AS INTEGER), number",
                                (compound_id,)).fetchall()
        return [Building(*r) for r in rows]

    def units(self, building_id: str) -> list[Unit]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, building_id, number FROM unit WHERE building_id = ?"
                                " AND is_deleted = 0 ORDER BY CAST(number AS INTEGER), number",
                                (building_id,)).fetchall()
        return [Unit(*r) for r in rows]

    # -- the tree --------------------------------------------------------------------------
    def tree_children(self, node: TreeNode | None) -> list[TreeNode]:
        """Children of a tree node; None gives the compounds. Households sit under their unit,
        under their building when it has no units, or under the compound (village houses)."""
        with self.db.reading() as conn:
            if node is None:
                rows = conn.execute(
                    "SELECT c.id, c.name, c.kind, (SELECT count(*) FROM household h WHERE"
                    " h.compound_id = c.id AND h.is_deleted = 0) FROM compound c"
                    " WHERE c.is_deleted = 0 ORDER BY c.name").fetchall()
                return [TreeNode("compound", r[0], r[1], True, {"kind": r[2], "households": r[3]})
                        for r in rows]
            if node.kind == "compound":
                out = [TreeNode("building", r[0], f"{r[1]}栋", True) for r in conn.execute(
                    "SELECT id, number FROM building WHERE compound_id = ? AND is_deleted = 0"
                    " ORDER BY CAST(number AS INTEGER), number", (node.id,))]
                return out + self._household_nodes(conn, "h.compound_id = ? AND h.building_id IS NULL", node.id)
            if node.kind == "building":
                out = [TreeNode("unit", r[0], f"{r[1]}单元", True) for r in conn.execute(
                    "SELECT id, number FROM unit WHERE building_id = ? AND is_deleted = 0"
                    " ORDER BY CAST(number AS INTEGER), number", (node.id,))]
                return out + self._household_nodes(conn, "h.building_id = ? AND h.unit_id IS NULL", node.id)
            if node.kind == "unit":
                return self._household_nodes(conn, "h.unit_id = ?", node.id)
        return []

    @staticmethod
    def _household_nodes(conn, where: str, value: str) -> list[TreeNode]:
        rows = conn.execute(
            "SELECT h.id, h.room, h.address_text, (SELECT p.full_name FROM membership m JOIN person p"
            " ON p.id = m.person_id WHERE m.household_id = h.id AND m.is_deleted = 0 AND p.is_deleted = 0"
            " ORDER BY m.relation <> 'head' LIMIT 1) FROM household h"
            f" WHERE {where} AND h.is_deleted = 0"
            " ORDER BY CAST(h.room AS INTEGER), h.room, h.address_text", (value,)).fetchall()
        return [TreeNode("household", r[0], " ".join(x for x in (r[1] or r[2] or "", r[3] or "") if x), False)
                for r in rows]

    # -- households ------------------------------------------------------------------------
    def _household_values(self, conn, form: HouseholdForm, exclude_id: str | None = None) -> dict:
        errors = []
        compound = conn.execute("SELECT id FROM compound WHERE id = ? AND is_deleted = 0",
                                (form.compound_id,)).fetchone()
        if not compound:
            errors.append(InputError("compound_id", "请选择小区（院落）或村民小组。"))
        building, unit, room = building_number(form.building), unit_number(form.unit), room_number(form.room)
        address_text = clean(form.address_text)
        if unit and not building:
            errors.append(InputError("building", "填写了单元，请同时填写楼栋。"))
        if not room and not address_text:
            errors.append(InputError("room", "请填写门牌号（房号），或者填写门牌地址。"))
        if form.tenure not in vocab.TENURE:
            errors.append(InputError("tenure", "请选择住房性质。"))
        landlord_phone = ""
        try:
            landlord_phone = normalise_phone(form.landlord_phone, "landlord_phone")
        except InputError as e:
            errors.append(e)
        if form.tenure == "rented" and not clean(form.landlord_name):
            errors.append(InputError("landlord_name", "租住的户请填写房东姓名（房东、租客两清楚）。"))
        if errors:
            raise InputErrors(errors)
        building_id = self._ensure_building(conn, form.compound_id, building) if building else None
        unit_id = self._ensure_unit(conn, building_id, unit) if unit else None
        same = conn.execute(
            "SELECT id FROM household WHERE compound_id = ? AND building_id IS ? AND unit_id IS ?"
            " AND coalesce(room, '') = ? AND coalesce(address_text, '') = ? AND is_deleted = 0 AND id IS NOT ?",
            (form.compound_id, building_id, unit_id, room, address_text, exclude_id)).fetchone()
        if same:
            raise InputErrors([InputError("room", "这个门牌已经有一户登记了（一房一户）。租客请加到这一户里。")])
        return {"compound_id": form.compound_id, "building_id": building_id, "unit_id": unit_id,
                "room": room or None, "address_text": address_text or None, "tenure": form.tenure,
                "landlord_name": clean_name(form.landlord_name) or None,
                "landlord_phone": landlord_phone or None, "note": clean(form.note) or None}

    def add_household(self, form: HouseholdForm) -> Household:
        with self.db.transaction() as conn:
            hid = self._insert(conn, "household", self._household_values(conn, form))
        return self.household(hid)

    def update_household(self, household_id: str, form: HouseholdForm) -> Household:
        with self.db.transaction() as conn:
            self.household(household_id)
            self._update(conn, "household", household_id, self._household_values(conn, form, household_id))
        return self.household(household_id)

    def remove_household(self, household_id: str) -> None:
        hh = self.household(household_id)
        if hh.member_count:
            raise InputError("household", f"这一户还有{hh.member_count}个人，请先把人员迁出或删除，再删除这一户。")
        with self.db.transaction() as conn:
            self._update(conn, "household", household_id, {"is_deleted": 1})

    def household(self, household_id: str) -> Household:
        with self.db.reading() as conn:
            r = conn.execute(_HOUSEHOLD_SELECT + " WHERE h.id = ? AND h.is_deleted = 0",
                             (household_id,)).fetchone()
        if not r:
            raise NotFoundError("这一户")
        return _household_from_row(r)

    def households_in(self, kind: str, node_id: str) -> list[Household]:
        column = {"compound": "h.compound_id", "building": "h.building_id", "unit": "h.unit_id"}[kind]
        with self.db.reading() as conn:
            rows = conn.execute(_HOUSEHOLD_SELECT + f" WHERE {column} = ? AND h.is_deleted = 0"
                                " ORDER BY CAST(b.number AS INTEGER), CAST(u.number AS INTEGER),"
                                " CAST(h.room AS INTEGER), h.room", (node_id,)).fetchall()
        return [_household_from_row(r) for r in rows]

    # -- people ----------------------------------------------------------------------------
    def find_by_id_number(self, conn, id_number: str, exclude_id: str | None = None) -> Person | None:
        """The existing person with this document number, so a second is never created."""
        if not id_number:
            return None
        r = conn.execute(PERSON_SELECT + " WHERE p.id_number = ? AND p.is_deleted = 0 AND p.id IS NOT ?"
                         " LIMIT 1", (id_number, exclude_id)).fetchone()
        return person_from_row(r) if r else None

    def existing_person(self, id_number: str) -> Person | None:
        """The person already registered with this (normalised) document number, if any."""
        with self.db.reading() as conn:
            return self.find_by_id_number(conn, id_number)

    def add_person(self, form: PersonForm, household_id: str | None = None,
                   relation: str = "other") -> Person:
        values = form.validate()
        if relation not in vocab.RELATION:
            raise InputErrors([InputError("relation", "请选择与户主关系。")])
        with self.db.transaction() as conn:
            existing = self.find_by_id_number(conn, values["id_number"])
            if existing:
                raise DuplicatePersonError(existing.id, existing.full_name, existing.address)
            if household_id:
                self.household(household_id)
                self._check_single_head(conn, household_id, relation, None)
            pid = self._insert(conn, "person", {**values, "status": "healthy", "status_since": now_text()})
            if household_id:
                self._link(conn, household_id, pid, relation)
        return self.person(pid)

    def update_person(self, person_id: str, form: PersonForm, relation: str | None = None) -> Person:
        values = form.validate()
        with self.db.transaction() as conn:
            current = self.person(person_id)
            existing = self.find_by_id_number(conn, values["id_number"], exclude_id=person_id)
            if existing:
                raise DuplicatePersonError(existing.id, existing.full_name, existing.address)
            self._update(conn, "person", person_id, values)
            if relation and current.household_id and relation != current.relation:
                if relation not in vocab.RELATION:
                    raise InputErrors([InputError("relation", "请选择与户主关系。")])
                self._check_single_head(conn, current.household_id, relation, person_id)
                conn.execute("UPDATE membership SET relation = ? WHERE id = ?",
                             (relation, natural_id("membership", current.household_id, person_id)))
        return self.person(person_id)

    @staticmethod
    def _check_single_head(conn, household_id: str, relation: str, person_id: str | None) -> None:
        if relation != "head":
            return
        head = conn.execute("SELECT p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
                            " WHERE m.household_id = ? AND m.relation = 'head' AND m.is_deleted = 0"
                            " AND p.is_deleted = 0 AND p.id IS NOT ?", (household_id, person_id)).fetchone()
        if head:
            raise InputErrors([InputError("relation", f"这一户已有户主（{head[0]}）。请先修改原户主的关系。")])

    def _link(self, conn, household_id: str, person_id: str, relation: str) -> None:
        mid = natural_id("membership", household_id, person_id)
        if conn.execute("SELECT 1 FROM membership WHERE id = ?", (mid,)).fetchone():
            self._update(conn, "membership", mid, {"relation": relation, "is_deleted": 0})
        else:
            self._insert(conn, "membership", {"household_id": household_id, "person_id": person_id,
                                              "relation": relation}, row_id=mid)

    def move_person(self, person_id: str, household_id: str, relation: str) -> Person:
        """Move someone to another household (a tenant moving flats): old link tombstoned."""
        with self.db.transaction() as conn:
            current = self.person(person_id)
            self.household(household_id)
            self._check_single_head(conn, household_id, relation, person_id)
            if current.household_id and current.household_id != household_id:
                self._update(conn, "membership", natural_id("membership", current.household_id, person_id),
                             {"is_deleted": 1})
            self._link(conn, household_id, person_id, relation)
        return self.person(person_id)

    def remove_person(self, person_id: str) -> None:
        with self.db.transaction() as conn:
            current = self.person(person_id)
            self._update(conn, "person", person_id, {"is_deleted": 1})
            if current.household_id:
                self._update(conn, "membership", natural_id("membership", current.household_id, person_id),
                             {"is_deleted": 1})

    def person(self, person_id: str) -> Person:
        with self.db.reading() as conn:
            r = conn.execute(PERSON_SELECT + " WHERE p.id = ? AND p.is_deleted = 0", (person_id,)).fetchone()
        if not r:
            raise NotFoundError("这个人")
        return person_from_row(r)

    def people_in(self, node: TreeNode | None, limit: int = 500, offset: int = 0) -> list[Person]:
        """People of a tree node (None: everyone), in the order of the paper ledger."""
        where, args = self._scope(node)
        with self.db.reading() as conn:
            rows = conn.execute(PERSON_SELECT + f" WHERE p.is_deleted = 0 {where}" + PERSON_ORDER
                                + " LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return [person_from_row(r) for r in rows]

    def count_people_in(self, node: TreeNode | None) -> int:
        where, args = self._scope(node)
        with self.db.reading() as conn:
            return conn.execute("SELECT count(*)" + PERSON_FROM + f" WHERE p.is_deleted = 0 {where}",
                                args).fetchone()[0]

    @staticmethod
    def _scope(node: TreeNode | None) -> tuple[str, tuple]:
        if node is None:
            return "", ()
        column = {"compound": "h.compound_id", "building": "h.building_id", "unit": "h.unit_id",
                  "household": "h.id"}[node.kind]
        return f"AND {column} = ?", (node.id,)

    # -- status (four colours) -------------------------------------------------------------
    def set_status(self, person_id: str, status: str, reason: str) -> Person:
        if status not in vocab.STATUS:
            raise InputError("status", "请选择状态。")
        reason = clean(reason)
        if not reason:
            raise InputError("reason", "请填写变更原因（例如：密接，社区通知居家隔离）。")
        with self.db.transaction() as conn:
            current = self.person(person_id)
            if current.status == status:
                raise InputError("status", f"{current.full_name}的状态已经是“{vocab.zh(vocab.STATUS, status)}”。")
            at = now_text()
            self._update(conn, "person", person_id, {"status": status, "status_reason": reason,
                                                     "status_since": at, "status_by": self.db.user_name})
            conn.execute("INSERT INTO status_change (id, person_id, old_status, new_status, reason,"
                         " changed_by, changed_at, created_site) VALUES (?,?,?,?,?,?,?,?)",
                         (uuid7(), person_id, current.status, status, reason, self.db.user_name, at,
                          self.db.site.site_id))
        return self.person(person_id)

    def status_history(self, person_id: str) -> list[StatusChange]:
        """Every status change of a person, oldest first, in the order they were made: by the
        hybrid logical clock of each change (two changes in one second keep their order, and a
        change synced from another office falls where it happened)."""
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, person_id, old_status, new_status, reason, changed_by, changed_at"
                                " FROM status_change WHERE person_id = ?", (person_id,)).fetchall()
            stamps = insert_hlcs(conn, "status_change", [r[0] for r in rows])

        def order(r) -> tuple[int, str]:
            if r[0] in stamps:
                return stamps[r[0]], r[0]
            # Not in the log (cannot happen with capture on): its wall time as a clock stamp.
            return hlc.pack(int(datetime.fromisoformat(r[6]).timestamp() * 1000), 0), r[0]
        return [StatusChange(r[1], r[2] or "", r[3], r[4] or "", r[5] or "", r[6]) for r in sorted(rows, key=order)]

    def status_counts(self) -> dict[str, int]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT status, count(*) FROM person WHERE is_deleted = 0 GROUP BY status")
            counts = dict(rows.fetchall())
        return {s: counts.get(s, 0) for s in vocab.STATUS}

    # -- travel ----------------------------------------------------------------------------
    def add_travel(self, person_id: str, from_place: str, arrived_on: str, transport: str = "",
                   note: str = "") -> TravelRecord:
        place = clean(from_place)
        if not place:
            raise InputError("from_place", "请填写从哪里来。")
        try:
            arrived = date.fromisoformat(clean(arrived_on).replace("/", "-")) if clean(arrived_on) else None
        except ValueError:
            raise InputError("arrived_on", f"到达日期格式不对，请写成 2020-02-10：{arrived_on}") from None
        if arrived and arrived > date.today():
            raise InputError("arrived_on", "到达日期不能在未来。")
        record = TravelRecord(uuid7(), person_id, place, arrived.isoformat() if arrived else "",
                              clean(transport), clean(note))
        with self.db.transaction() as conn:
            self.person(person_id)
            conn.execute("INSERT INTO travel_record (id, person_id, from_place, arrived_on, transport, note,"
                         " recorded_by, recorded_at, created_site) VALUES (?,?,?,?,?,?,?,?,?)",
                         (record.id, person_id, record.from_place, record.arrived_on or None,
                          record.transport or None, record.note or None, self.db.user_name, now_text(),
                          self.db.site.site_id))
        return record

    def travel_history(self, person_id: str) -> list[TravelRecord]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, person_id, from_place, arrived_on, transport, note FROM"
                                " travel_record WHERE person_id = ? ORDER BY arrived_on DESC, recorded_at DESC",
                                (person_id,)).fetchall()
        return [TravelRecord(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "") for r in rows]

    def totals(self) -> dict[str, int]:
        with self.db.reading() as conn:
            return {
                "households": conn.execute("SELECT count(*) FROM household WHERE is_deleted = 0").fetchone()[0],
                "people": conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0").fetchone()[0],
                "key_persons": conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0"
                                            " AND is_key_person = 1").fetchone()[0],
            }



class RegisterBatch:
    """Many register writes inside one open transaction (a ledger import of thousands of rows).

    Places and people are looked up once into dictionaries instead of one query per row; the
    rules stay Register's: one household per door (一房一户), one person per document number,
    the membership id derived from household and person, status changes with their history.
    New rows are kept until ``write()`` (or the end of the ``with`` block) and then inserted
    table by table with ``executemany``: a 100,000-row import makes one call per table instead
    of 250,000. A new household's tenure and a new person's status go straight into the row.
    Anything that changes rows already in the database writes the kept rows first.
    """

    # Parents before children, so that a reader of the finished batch never sees a half.
    _ORDER = ("compound", "building", "unit", "household", "person", "membership", "status_change")

    def __init__(self, register: Register, conn):
        self.register, self.conn, self.db = register, conn, register.db
        self._wall = now_text()
        self._new: dict[str, dict[str, dict]] = {t: {} for t in self._ORDER}   # table -> id -> row
        q = conn.execute
        self.compounds = {r[0]: r[1] for r in q("SELECT name, id FROM compound WHERE is_deleted = 0")}
        self.buildings = {(r[0], r[1]): r[2] for r in q(
            "SELECT compound_id, number, id FROM building WHERE is_deleted = 0")}
        self.units = {(r[0], r[1]): r[2] for r in q("SELECT building_id, number, id FROM unit WHERE is_deleted = 0")}
        self.households = {(r[0], r[1], r[2], r[3] or "", r[4] or ""): r[5] for r in q(
            "SELECT compound_id, building_id, unit_id, room, address_text, id FROM household WHERE is_deleted = 0")}
        self.people = {r[0]: (r[1], r[2]) for r in q(
            "SELECT p.id_number, p.id, m.household_id FROM person p LEFT JOIN membership m"
            " ON m.person_id = p.id AND m.is_deleted = 0 WHERE p.is_deleted = 0 AND p.id_number IS NOT NULL")}

    def __enter__(self) -> "RegisterBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.write()

    def _add(self, table: str, values: dict, row_id: str | None = None) -> str:
        row = self.register._new_row(values, row_id, self._wall)
        self._new[table][row["id"]] = row
        return row["id"]

    def write(self) -> None:
        """Insert every kept row, a table at a time (rows with the same columns in one call)."""
        for table in self._ORDER:
            rows = self._new[table]
            if not rows:
                continue
            shapes: dict[tuple, list[tuple]] = {}
            for row in rows.values():
                shapes.setdefault(tuple(row), []).append(tuple(row.values()))
            for cols, values in shapes.items():
                self.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)})"
                                      f" VALUES ({', '.join('?' * len(cols))})", values)
            rows.clear()

    def compound(self, name: str) -> str:
        name = clean(name)
        if name not in self.compounds:
            kind = "village_group" if re.search(r"(组|村)$", name) else "compound"
            self.compounds[name] = self._add("compound", {"name": name, "kind": kind})
        return self.compounds[name]

    def household(self, compound_id: str, building: str, unit: str, room: str, address_text: str) -> str:
        building_id = unit_id = None
        if building:
            building_id = self.buildings.get((compound_id, building))
            if not building_id:
                building_id = self._add("building", {"compound_id": compound_id, "number": building})
                self.buildings[(compound_id, building)] = building_id
        if unit and building_id:
            unit_id = self.units.get((building_id, unit))
            if not unit_id:
                unit_id = self._add("unit", {"building_id": building_id, "number": unit})
                self.units[(building_id, unit)] = unit_id
        key = (compound_id, building_id, unit_id, room, address_text)
        if key not in self.households:
            self.households[key] = self._add("household", {
                "compound_id": compound_id, "building_id": building_id, "unit_id": unit_id,
                "room": room or None, "address_text": address_text or None, "tenure": "owned",
                "landlord_name": None, "landlord_phone": None})
        return self.households[key]

    def _change(self, table: str, row_id: str, values: dict) -> None:
        """Change a row: a kept new row in memory (its first write has the values), else in SQL."""
        kept = self._new[table].get(row_id)
        if kept is not None:
            kept.update(values)
        elif values:
            self.write()
            self.register._update(self.conn, table, row_id, values)

    def set_tenure(self, household_id: str, tenure: str, landlord_name: str, landlord_phone: str) -> None:
        self._change("household", household_id, {
            "tenure": tenure, "landlord_name": landlord_name or None, "landlord_phone": landlord_phone or None})

    def person_by_id_number(self, id_number: str) -> tuple[str, str | None] | None:
        """(person id, household id) of the person with this number, if registered."""
        return self.people.get(id_number) if id_number else None

    def add_person(self, values: dict, household_id: str | None, relation: str) -> str:
        pid = self._add("person", {**values, "status": "healthy", "status_since": self._wall,
                                   "status_reason": None, "status_by": None})
        if household_id:             # a new person has no membership yet: no lookup needed
            self._add("membership", {"household_id": household_id, "person_id": pid,
                                     "relation": relation or "other"}, row_id=natural_id("membership", household_id, pid))
        if values.get("id_number"):
            self.people[values["id_number"]] = (pid, household_id)
        return pid

    def update_person(self, person_id: str, values: dict) -> None:
        self._change("person", person_id, values)

    def place_person(self, person_id: str, current_household: str | None, household_id: str,
                     relation: str) -> None:
        """Put a person in a household (moving them out of another), with this relation."""
        self.write()
        if current_household and current_household != household_id:
            self.register._update(self.conn, "membership",
                                  natural_id("membership", current_household, person_id), {"is_deleted": 1})
        self.register._link(self.conn, household_id, person_id, relation or "other")

    def set_status(self, person_id: str, old: str, new: str, reason: str) -> None:
        self._change("person", person_id, {"status": new, "status_reason": reason, "status_since": self._wall,
                                           "status_by": self.db.user_name})
        change = uuid7()
        self._new["status_change"][change] = {
            "id": change, "person_id": person_id, "old_status": old, "new_status": new, "reason": reason,
            "changed_by": self.db.user_name, "changed_at": self._wall, "created_site": self.db.site.site_id}