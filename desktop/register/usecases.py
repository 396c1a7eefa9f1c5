"""The register's use cases (登记的各项操作): what the dialogs and the command line ask of it.

Every write goes through ``Register`` in one transaction, so the change log, the search index
and the status history move together with the row. Rows are never deleted: removing sets the
``is_deleted`` tombstone that sync carries to the other machines. The household rules are in
``rules``; the ids of places in ``places``.
"""
from datetime import date, datetime

from db.connection import Database
from db.sync import hlc
from db.sync.ids import uuid7
from db.sync.person_merge import PERSON_AND_ALIASES
from db.sync.versions import insert_hlcs
from desktop import vocab
from desktop.accounts.roles import Permission, require
from desktop.address import format_place
from desktop.errors import DuplicatePersonError, InputError, InputErrors, NotFoundError
from desktop.masking import mask_id_number
from desktop.records import (Building, Compound, Household, Person, RemovedPerson, RestoredPerson, StatusChange,
                             TravelRecord, TreeNode, Unit)
from desktop.register import places, rules
from desktop.register.forms import HouseholdForm, PersonForm
from desktop.register.queries import (HOUSEHOLD_SELECT, PERSON_FROM, PERSON_SELECT,
                                      household_from_row, household_place, household_search_place,
                                      person_from_row)
from desktop.register import rows as register_rows
from desktop.register.rows import insert_row, new_row, update_row
from desktop.textnorm import clean


class Register:
    """Use cases of the household register over one database."""

    def __init__(self, db: Database):
        self.db = db

    # -- writing helpers -------------------------------------------------------------------
    def _new_row(self, values: dict, row_id: str | None = None, wall: str | None = None) -> dict:
        """A new row's values with its id and where and when it was made."""
        return new_row(self.db.site.site_id, values, row_id, wall)

    def _insert(self, conn, table: str, values: dict, row_id: str | None = None) -> str:
        return insert_row(conn, self.db.site.site_id, table, values, row_id)

    @staticmethod
    def _update(conn, table: str, row_id: str, values: dict) -> None:
        update_row(conn, table, row_id, values)

    # -- places ----------------------------------------------------------------------------
    def add_compound(self, name: str, kind: str = "compound", address: str = "",
                     community_id: str | None = None) -> Compound:
        name = clean(name)
        if not name:
            raise InputError("name", "请填写小区（院落）或村民小组的名称。")
        if kind not in vocab.COMPOUND_KIND:
            raise InputError("kind", "请选择类型：小区/院落 或 村民小组。")
        with self.db.transaction() as conn:
            key = places.place_name(name)
            existing = next((other for (other,) in conn.execute("SELECT name FROM compound WHERE is_deleted = 0")
                             if places.place_name(other) == key), None)
            if existing:
                raise InputError("name", f"“{name}”已经存在。" if existing == name else
                                 f"“{name}”就是已有的“{existing}”（只差空格或繁简写法），不必再添加。")
            cid = places.ensure(conn, self.db.site.site_id, "compound", places.compound_id(community_id, name),
                                {"name": name, "kind": kind, "address": clean(address) or None,
                                 "community_id": community_id})
        return Compound(cid, name, kind, clean(address))

    def compounds(self) -> list[Compound]:
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, name, kind, address FROM compound WHERE is_deleted = 0"
                                " ORDER BY name").fetchall()
        return sorted((Compound(r[0], r[1], r[2], r[3] or "") for r in rows), key=lambda c: places.place_order(c.name))

    def _ensure_building(self, conn, compound_id: str, number: str) -> str:
        return places.ensure_building(conn, self.db.site.site_id, compound_id, number)

    def _ensure_unit(self, conn, building_id: str, number: str) -> str:
        return places.ensure_unit(conn, self.db.site.site_id, building_id, number)

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
                        for r in sorted(rows, key=lambda r: places.place_order(r[1]))]
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
            " ORDER BY CAST(h.room AS INTEGER), h.room, CAST(h.address_text AS INTEGER), h.address_text",
            (value,)).fetchall()
        return [TreeNode("household", r[0], " ".join(x for x in (r[1] or r[2] or "", r[3] or "") if x), False)
                for r in rows]

    # -- households ------------------------------------------------------------------------
    def _household_values(self, conn, form: HouseholdForm, exclude_id: str | None = None,
                          shared_door: bool = False) -> dict:
        """The row of a household as typed. A door that already has a household is asked about
        first (``rules.shared_door_question``); with ``shared_door`` the clerk has said it is
        another household there (群租、合租), and the new one carries the review flag."""
        errors = []
        compound = conn.execute("SELECT name, kind FROM compound WHERE id = ? AND is_deleted = 0",
                                (form.compound_id,)).fetchone()
        if not compound:
            errors.append(InputError("compound_id", "请选择小区（院落）或村民小组。"))
        try:
            values = form.validate()
        except InputErrors as e:
            raise InputErrors(errors + e.errors) from None
        if errors:
            raise InputErrors(errors)
        building, unit = values.pop("building"), values.pop("unit")
        typed = self._house_door(compound, building, unit, values, places.village_of(conn, form.compound_id))
        building_id = self._ensure_building(conn, form.compound_id, building) if building else None
        unit_id = self._ensure_unit(conn, building_id, unit) if unit else None
        values.update(building_id=building_id, unit_id=unit_id)
        door = (form.compound_id, building_id, unit_id, values["room"] or "", values["address_text"] or "")
        others = rules.households_at_door(conn, *door, exclude_id)
        if others and door != self._door_of(conn, exclude_id):     # an edit that keeps its door is not asked
            place = format_place(compound[0], building, unit, values["room"], values["address_text"])
            heads = [h for _, h in others]
            if not shared_door:
                field = "room" if values["room"] or not form.address_text.strip() else "address_text"
                asked = f"{place}，填写的是“{typed}”" if typed else place
                raise InputErrors([rules.shared_door_question(asked, heads, field)])
            values["note"] = rules.with_flag(values["note"], rules.shared_door_flag(place, heads))
        return values

    @staticmethod
    def _house_door(compound, building: str, unit: str, values: dict, village: places.Village) -> str:
        """Put a village house's door in ``values`` as the register keeps it
        (``places.village_door``: 王家湾12号 under 王家湾组 is 12号); what the clerk typed, in
        words for the messages ('王家湾12号'), or '' when it reads the same."""
        room, address_text = values["room"] or "", values["address_text"] or ""
        door = places.village_door(compound[1], compound[0], building, unit, room, address_text, village)
        values.update(room=door[0] or None, address_text=door[1] or None)
        if door == (room, address_text):
            return ""
        return " ".join(x for x in (room, address_text) if x)

    @staticmethod
    def _door_of(conn, household_id: str | None) -> tuple | None:
        """The door a household is at, a village house's as ``places.village_door`` writes it."""
        if not household_id:
            return None
        row = conn.execute("SELECT h.compound_id, h.building_id, h.unit_id, h.room, h.address_text, c.name, c.kind"
                           " FROM household h LEFT JOIN compound c ON c.id = h.compound_id WHERE h.id = ?",
                           (household_id,)).fetchone()
        if not row:
            return None
        return (*row[:3], *places.village_door(row[6], row[5], row[1], row[2], row[3], row[4],
                                               places.village_of(conn, row[0])))

    def add_household(self, form: HouseholdForm, shared_door: bool = False) -> Household:
        require(self, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            hid = self._insert(conn, "household", self._household_values(conn, form, shared_door=shared_door))
        return self.household(hid)

    def update_household(self, household_id: str, form: HouseholdForm, shared_door: bool = False) -> Household:
        require(self, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            self.household(household_id)
            self._update(conn, "household", household_id,
                         self._household_values(conn, form, household_id, shared_door))
        return self.household(household_id)

    def remove_household(self, household_id: str) -> None:
        require(self, Permission.REGISTER_EDIT)
        hh = self.household(household_id)
        if refusal := rules.removal_refusal(hh.member_count):
            raise refusal
        with self.db.transaction() as conn:
            self._update(conn, "household", household_id, {"is_deleted": 1})

    def household(self, household_id: str) -> Household:
        require(self, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            r = conn.execute(HOUSEHOLD_SELECT + " WHERE h.id = ? AND h.is_deleted = 0",
                             (household_id,)).fetchone()
        if not r:
            raise NotFoundError("这一户")
        return household_from_row(r)

    def households_at_door(self, form: HouseholdForm) -> list[Household]:
        """The households registered at the door typed (compound, building, unit, room or house
        address), oldest first, to move someone into; nothing is made. Several at one door
        (群租) are the clerk's to choose from. InputErrors naming the field when the door has
        no household yet."""
        require(self, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            compound = conn.execute("SELECT name, kind FROM compound WHERE id = ? AND is_deleted = 0",
                                    (form.compound_id,)).fetchone()
            if not compound:
                raise InputErrors([InputError("compound_id", "请选择小区（院落）或村民小组。")])
            values = form.validate()
            building, unit = values["building"], values["unit"]
            typed = self._house_door(compound, building, unit, values, places.village_of(conn, form.compound_id))
            building_id = unit_id = None
            if building:
                row = conn.execute("SELECT id FROM building WHERE compound_id = ? AND number = ? AND is_deleted = 0",
                                   (form.compound_id, building)).fetchone()
                building_id = row[0] if row else ""
            if unit and building_id:
                row = conn.execute("SELECT id FROM unit WHERE building_id = ? AND number = ? AND is_deleted = 0",
                                   (building_id, unit)).fetchone()
                unit_id = row[0] if row else ""
            found = rules.households_at_door(conn, form.compound_id, building_id, unit_id,
                                             values["room"] or "", values["address_text"] or "")
        if not found:
            place = format_place(compound[0], building, unit, values["room"], values["address_text"])
            place += f"（填写的是“{typed}”）" if typed else ""
            field = "room" if values["room"] or not form.address_text.strip() else "address_text"
            raise InputErrors([InputError(field, f"{place}还没有登记住户。请先用“新增住户”登记这一户，再迁入。")])
        return [self.household(household_id) for household_id, _ in found]

    def households_in(self, kind: str, node_id: str) -> list[Household]:
        require(self, Permission.REGISTER_READ)
        column = {"compound": "h.compound_id", "building": "h.building_id", "unit": "h.unit_id"}[kind]
        with self.db.reading() as conn:
            rows = conn.execute(HOUSEHOLD_SELECT + f" WHERE {column} = ? AND h.is_deleted = 0"
                                " ORDER BY CAST(b.number AS INTEGER), CAST(u.number AS INTEGER),"
                                " CAST(h.room AS INTEGER), h.room", (node_id,)).fetchall()
        return [household_from_row(r) for r in rows]

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
        require(self, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            return self.find_by_id_number(conn, id_number)

    def relation_offered(self, household_id: str) -> str:
        """The relation a new member of this household is offered (rules.relation_offered)."""
        return rules.relation_offered(self.household(household_id).member_count)

    def add_person(self, form: PersonForm, household_id: str | None = None,
                   relation: str = "other") -> Person:
        require(self, Permission.REGISTER_EDIT)
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
            pid = self._insert(conn, "person", {**values, "status": "healthy", "status_since": register_rows.now_text()})
            if household_id:
                self._link(conn, household_id, pid, relation)
        return self.person(pid)

    def update_person(self, person_id: str, form: PersonForm, relation: str | None = None) -> Person:
        require(self, Permission.REGISTER_EDIT)
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
                             (relation, rules.membership_id(current.household_id, person_id)))
        return self.person(person_id)

    @staticmethod
    def _check_single_head(conn, household_id: str, relation: str, person_id: str | None) -> None:
        rules.check_single_head(conn, household_id, relation, person_id)

    def _link(self, conn, household_id: str, person_id: str, relation: str) -> None:
        rules.link_member(conn, self.db.site.site_id, household_id, person_id, relation)

    def move_person(self, person_id: str, household_id: str, relation: str) -> Person:
        """Move someone to another household (a tenant moving flats): old link tombstoned."""
        require(self, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            current = self.person(person_id)
            self.household(household_id)
            self._check_single_head(conn, household_id, relation, person_id)
            rules.move_member(conn, self.db.site.site_id, person_id, current.household_id, household_id, relation)
        return self.person(person_id)

    def remove_person(self, person_id: str) -> None:
        require(self, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            current = self.person(person_id)
            if refusal := rules.person_removal_refusal(conn, person_id, current.full_name):
                raise refusal
            self._update(conn, "person", person_id, {"is_deleted": 1})
            if current.household_id:
                rules.unlink_member(conn, current.household_id, person_id)

    # -- removed people, and putting one back (删除的人员、恢复) ------------------------------
    def removed_people(self, search: str = "", limit: int = 200) -> list[RemovedPerson]:
        """People removed from the register, the last removed first: each with the household
        they were taken out of and when and by whom (the change log's record of the removal,
        also one made on another machine). ``search``: a name, pinyin initials, digits of the
        ID number or the old address ('3栋', '幸福里3-2'), as in the register's search. ID numbers
        are masked: a name, the old door and the last four digits tell people apart, and the
        list holds nobody's whole number."""
        require(self, Permission.REGISTER_READ)
        where = rules.REMOVED
        with self.db.reading() as conn:
            if search.strip():
                from desktop.search import matching_entries, office_words   # desktop.search imports the register
                found = matching_entries(self._removed_entries(conn), search, *office_words(conn))
                if not found:
                    return []
                where += f" AND p.rowid IN ({','.join(str(int(rowid)) for rowid in found)})"
            rows = conn.execute(
                "SELECT p.id, p.full_name, p.id_number, (SELECT max(l.hlc) FROM sync_log l"
                "  WHERE l.tbl = (SELECT no FROM sync_table_no WHERE name = 'person')"
                "  AND l.row_id = sync_row_key(p.id)) AS last"
                f" FROM person p WHERE {where} ORDER BY last IS NULL, last DESC, p.full_name, p.id LIMIT ?",
                (limit,)).fetchall()
            return [self._removed(conn, *r[:3]) for r in rows]

    @staticmethod
    def _removed_entries(conn) -> list[tuple]:
        """The search entries of the removed people, each with the place of the household they
        were taken out of (the index holds a person's place only while they live there). Most
        were only ever in that one household: the change log is read for those who moved."""
        entries, places = [], {}
        for rowid, person_id, chars, pinyin, digits, links, household_id in conn.execute(
                "SELECT e.person_rowid, e.person_id, e.chars, e.pinyin, e.digits,"
                " (SELECT count(*) FROM membership m WHERE m.person_id = e.person_id),"
                " (SELECT m.household_id FROM membership m WHERE m.person_id = e.person_id LIMIT 1)"
                f" FROM person_search_entry e JOIN person p ON p.rowid = e.person_rowid WHERE {rules.REMOVED}"
                ).fetchall():
            if links > 1:
                household_id = rules.household_left(conn, person_id)[0]
            if household_id and household_id not in places:
                places[household_id] = household_search_place(conn, household_id)
            entries.append((rowid, chars, pinyin, places.get(household_id, ""), digits))
        return entries

    @staticmethod
    def _removed(conn, person_id: str, name: str, id_number: str | None) -> RemovedPerson:
        change = rules.removal_change(conn, "person", person_id)
        left = rules.household_left(conn, person_id)
        address, gone = household_place(conn, left[0]) if left else ("", False)
        return RemovedPerson(person_id, name or "", mask_id_number(id_number) if id_number else "",
                             left[0] if left else None, address, left[1] if left else "", gone,
                             rules.change_time(change) if change else "", (change.user_name or "") if change else "")

    def restore_person(self, person_id: str) -> RestoredPerson:
        """Put a removed person back in the register, in the household they were taken out of
        with their relation (its tombstoned link revived) when that household is still there;
        otherwise in no household, and the message says so. Refused when someone in the
        register now has their ID number. One transaction: the change log records who put them
        back and when, as it did their removal (the audit reads it there)."""
        require(self, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            row = conn.execute("SELECT p.full_name, p.id_number, p.is_deleted, s.full_name FROM person p"
                               " LEFT JOIN person s ON s.id = p.merged_into WHERE p.id = ?", (person_id,)).fetchone()
            if not row:
                raise NotFoundError("这个人")
            name, id_number, deleted, survivor = row
            if not deleted:
                raise InputError("person", f"{name}没有被删除，已经在户籍中。")
            if survivor is not None:
                raise InputError("person", f"{name}是重复登记，已经合并到{survivor}的登记里，不用恢复。")
            if refusal := rules.restore_duplicate(name, self.find_by_id_number(conn, id_number, exclude_id=person_id)):
                raise refusal
            left = rules.household_left(conn, person_id)
            address, gone = household_place(conn, left[0]) if left else ("", False)
            self._update(conn, "person", person_id, {"is_deleted": 0})
            if not left:
                message = f"已恢复{name}。删除前不属于任何一户，现在也不在任何一户：请用“迁户”把{name}放进现在住的那一户。"
            elif gone:
                message = (f"已恢复{name}。原来所在的那一户（{address}）已经删除，所以现在不在任何一户："
                           f"请用“迁户”把{name}放进现在住的那一户。")
            else:
                household_id, relation = left
                back = rules.restored_relation(conn, household_id, relation, person_id)
                rules.link_member(conn, self.db.site.site_id, household_id, person_id, back)
                message = f"已恢复{name}，回到{address}，与户主关系：{vocab.zh(vocab.RELATION, back)}。"
                if back != relation:
                    head = rules.household_head(conn, household_id, person_id)
                    message += (f"{name}原来是户主，这一户现在的户主是{head[1] if head else '别人'}，"
                                "所以关系记为“其他”：请核实后用“修改人员”改正。")
        return RestoredPerson(self.person(person_id), message)

    def person(self, person_id: str, *, permission: Permission = Permission.REGISTER_READ) -> Person:
        """One person; ``permission``: what the caller does with it (the gate screen asks for a
        pass holder with Permission.GATE and shows only what a gate may see)."""
        require(self, permission)
        with self.db.reading() as conn:
            r = conn.execute(PERSON_SELECT + " WHERE p.id = ? AND p.is_deleted = 0", (person_id,)).fetchone()
        if not r:
            raise NotFoundError("这个人")
        return person_from_row(r)

    def people_in(self, node: TreeNode | None, limit: int = 500, offset: int = 0) -> list[Person]:
        """People of a tree node (None: everyone), in the order of the paper ledger."""
        require(self, Permission.REGISTER_READ)
        where, args = self._scope(node)
        with self.db.reading() as conn:
            rows = conn.execute(PERSON_SELECT + f" WHERE p.is_deleted = 0 {where}" + places.person_order(conn)
                                + " LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return [person_from_row(r) for r in rows]

    def count_people_in(self, node: TreeNode | None) -> int:
        require(self, Permission.REGISTER_READ)
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
        require(self, Permission.REGISTER_EDIT)
        if status not in vocab.STATUS:
            raise InputError("status", "请选择状态。")
        reason = clean(reason)
        if not reason:
            raise InputError("reason", "请填写变更原因（例如：密接，社区通知居家隔离）。")
        with self.db.transaction() as conn:
            current = self.person(person_id)
            if current.status == status:
                raise InputError("status", f"{current.full_name}的状态已经是“{vocab.zh(vocab.STATUS, status)}”。")
            at = register_rows.now_text()
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
        require(self, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, person_id, old_status, new_status, reason, changed_by, changed_at"
                                f" FROM status_change WHERE person_id IN {PERSON_AND_ALIASES}",
                                (person_id, person_id)).fetchall()
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
        require(self, Permission.REGISTER_EDIT)
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
                          record.transport or None, record.note or None, self.db.user_name, register_rows.now_text(),
                          self.db.site.site_id))
        return record

    def travel_history(self, person_id: str) -> list[TravelRecord]:
        require(self, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            rows = conn.execute("SELECT id, person_id, from_place, arrived_on, transport, note FROM"
                                f" travel_record WHERE person_id IN {PERSON_AND_ALIASES}"
                                " ORDER BY arrived_on DESC, recorded_at DESC", (person_id, person_id)).fetchall()
        return [TravelRecord(r[0], r[1], r[2], r[3] or "", r[4] or "", r[5] or "") for r in rows]

    def totals(self) -> dict[str, int]:
        with self.db.reading() as conn:
            return {
                "households": conn.execute("SELECT count(*) FROM household WHERE is_deleted = 0").fetchone()[0],
                "people": conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0").fetchone()[0],
                "key_persons": conn.execute("SELECT count(*) FROM person WHERE is_deleted = 0"
                                            " AND is_key_person = 1").fetchone()[0],
            }
