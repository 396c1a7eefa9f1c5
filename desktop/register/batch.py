"""Many register writes inside one open transaction: the write path of a ledger import (and,
later, of sync), under the same rules as a clerk's dialog."""
from __future__ import annotations

from contextlib import nullcontext
from typing import Collection

from db import bulk, search_index
from db.sync import capture
from db.sync.ids import uuid7
from desktop.register import places, rules
from desktop.register import rows as register_rows
from desktop.register.rows import update_row
from desktop.textnorm import clean


def tenure_values(tenure: str, landlord_name: str, landlord_phone: str, held_landlord: str | None = None) -> dict:
    """The household columns a ledger's tenure and landlord set (``RegisterBatch.set_tenure``).

    A cell the ledger leaves empty keeps what is registered, as every field of an import does
    (no such column, an empty cell, a masked 139****1111 read as blank): a rented household's
    landlord it does not name, the landlord's phone it does not give. What it says replaces: a
    household not rented has no landlord, and another landlord than ``held_landlord`` (the
    registered one's name) does not inherit the last one's phone."""
    values = {"tenure": tenure}
    if landlord_name or tenure != "rented":
        values["landlord_name"] = landlord_name or None
    if landlord_phone:
        values["landlord_phone"] = landlord_phone
    elif "landlord_name" in values and values["landlord_name"] != held_landlord:
        values["landlord_phone"] = None
    return values


class RegisterBatch:
    """Many register writes inside one open transaction (a ledger import of thousands of rows).

    Places and people are looked up once into dictionaries instead of one query per row; the
    rules are the register's own (``rules``): a person in one household, one person per document
    number, the membership id derived from household and person, a further household at an
    occupied door flagged for review, status changes with their history. Places get the ids
    ``places`` gives them, as when a clerk types them.
    New rows are kept until ``write()`` (or the end of the ``with`` block) and then inserted
    table by table with ``executemany``: a 100,000-row import makes one call per table instead
    of 250,000. A new household's tenure and a new person's status go straight into the row.
    Anything that changes rows already in the database writes the kept rows first.
    A table's many new rows go in with its insert triggers set aside (``bulk.inserts_without_triggers``):
    the change log refers to them (``insert_referred``) and the search index notes their people
    (``search_index.note_inserted``) for all of them at once, as the triggers did row by row.
    """

    # Parents before children, so that a reader of the finished batch never sees a half.
    _ORDER = ("compound", "building", "unit", "household", "person", "membership", "status_change")
    # New rows of a table in one write before its triggers are set aside: setting them aside and
    # making them again costs what the triggers cost for about sixty rows.
    QUIET_FROM = 500

    def __init__(self, register: Register, conn):
        self.register, self.conn, self.db = register, conn, register.db
        self._wall = register_rows.now_text()
        self._stamp = register_rows.stamp(self.db.site.site_id, self._wall)
        # What every new person starts with (``add_person``): healthy since now.
        self._new_person = {"status": "healthy", "status_since": self._wall, "status_reason": None, "status_by": None}
        self._new: dict[str, dict[str, dict]] = {t: {} for t in self._ORDER}   # table -> id -> row
        q = conn.execute
        # By folded name (``places.place_name``): 幸福里 小区 in a ledger is the register's 幸福里小区.
        self.compounds: dict[str, str] = {}
        for name, cid in q("SELECT name, id FROM compound WHERE is_deleted = 0 ORDER BY created_wall, id"):
            self.compounds.setdefault(places.place_name(name), cid)
        # A village group's houses are keyed as ``places.village_door`` writes them (12 is 12号,
        # 新民村王家湾组12号 is 12号 in 新民村): each place with its community, or the office's.
        self.village = places.office_village(conn)
        villages = places.villages(conn)
        self.kinds: dict[str, tuple[str, str, places.Village]] = {
            r[0]: (r[1], r[2], villages.get(r[0], self.village)) for r in q("SELECT id, kind, name FROM compound")}
        self.buildings = {(r[0], r[1]): r[2] for r in q(
            "SELECT compound_id, number, id FROM building WHERE is_deleted = 0")}
        self.units = {(r[0], r[1]): r[2] for r in q("SELECT building_id, number, id FROM unit WHERE is_deleted = 0")}
        self.households: dict[tuple, str] = {}         # door -> its first household
        for r in q("SELECT compound_id, building_id, unit_id, room, address_text, id FROM household"
                   " WHERE is_deleted = 0 ORDER BY created_wall, id"):
            self.households.setdefault((r[0], r[1], r[2], *self._house(r[0], r[1], r[2], r[3], r[4])), r[5])
        # Every place id in use (removed ones too): a natural id is never given twice.
        self._place_rows = {t: {r[0]: tuple(r[1:]) for r in q(f"SELECT id, {', '.join(places._KEY[t])},"
                                                               f" is_deleted FROM {t}")}
                            for t in ("compound", "building", "unit")}
        self._null_by_default = {t: bulk.null_when_left_out(conn, t) for t in self._ORDER}
        self.people = {r[0]: (r[1], r[2]) for r in q(
            "SELECT p.id_number, p.id, m.household_id FROM person p LEFT JOIN membership m"
            " ON m.person_id = p.id AND m.is_deleted = 0 WHERE p.is_deleted = 0 AND p.id_number IS NOT NULL")}

    def __enter__(self) -> "RegisterBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.write()

    def _add(self, table: str, values: dict, row_id: str | None = None) -> str:
        """Keep a new row (``rows.new_row``, its stamp made once for the batch: a ledger makes
        a quarter of a million rows)."""
        row_id = row_id or uuid7()
        self._new[table][row_id] = {"id": row_id, **values, **self._stamp}
        return row_id

    def _place(self, table: str, natural: str, values: dict) -> str:
        """A new place under its natural id (``places.choose_id``): made, or revived."""
        parent, name = places._KEY[table]
        row_id, action = places.choose_id(natural, self._place_rows[table].get(natural),
                                          (values.get(parent), values[name]))
        if action == "insert":
            self._add(table, values, row_id)
        elif action == "revive":
            self.write()
            update_row(self.conn, table, row_id, {**values, "is_deleted": 0})
        self._place_rows[table][row_id] = (values.get(parent), values[name], 0)
        return row_id

    def write(self) -> None:
        """Insert every kept row, a table at a time (rows with the same columns in one call)."""
        people: Collection[str] = ()               # the new people this write has noted for the index
        for table in self._ORDER:
            rows = self._new[table]
            if not rows:
                continue
            # Rows of a table nearly always have the same columns: the loops in C (map), and
            # grouped by their columns row by row only when they differ.
            columns = list(map(tuple, rows.values()))
            values = list(map(tuple, map(dict.values, rows.values())))
            if columns.count(columns[0]) == len(columns):
                shapes = {columns[0]: values}
            else:
                shapes: dict[tuple, list[tuple]] = {}
                for cols, row in zip(columns, values):
                    shapes.setdefault(cols, []).append(row)
            triggers = (capture.insert_trigger(table), search_index.insert_trigger(table))
            with bulk.inserts_without_triggers(self.conn, table, triggers) if len(rows) >= self.QUIET_FROM \
                    else nullcontext(False) as quiet:
                for cols, values in shapes.items():
                    at = cols.index("id")
                    ids = [v[at] for v in values]
                    cols, values = bulk.without_null_columns(cols, values, self._null_by_default[table])
                    self.db.recorder.insert_referred(table, f"INSERT INTO {table} ({', '.join(cols)})"
                                                     f" VALUES ({', '.join('?' * len(cols))})", values, ids)
                if quiet:
                    noted = rows.values()
                    if table == "membership" and people and self.db.recorder.deferred:
                        # Their people went in just now, noted (by trigger or here); the index is
                        # built once everything is in (before or after COMMIT), not at each note.
                        noted = [row for row in noted if row["person_id"] not in people]
                    search_index.note_inserted(self.conn, table, noted)
            if table == "person":
                people = set(rows)
            rows.clear()

    def compound(self, name: str) -> str:
        name = clean(name)
        key = places.place_name(name)
        if key not in self.compounds:
            kind = places.compound_kind(name, self.village)
            self.compounds[key] = self._place("compound", places.compound_id(None, name),
                                              {"name": name, "kind": kind, "community_id": None})
            self.kinds[self.compounds[key]] = (kind, name, self.village)
        return self.compounds[key]

    def _house(self, compound_id: str, building, unit, room, address_text) -> tuple[str, str]:
        """(room, address text) of a door as the register keeps it (``places.village_door``)."""
        kind, name, village = self.kinds.get(compound_id, ("", "", self.village))
        return places.village_door(kind, name, building, unit, room, address_text, village)

    def door(self, compound_id: str, building: str, unit: str, room: str, address_text: str) -> tuple:
        """The door (门牌) a household lives behind, its building and unit made as needed."""
        building_id = unit_id = None
        if building:
            building_id = self.buildings.get((compound_id, building))
            if not building_id:
                building_id = self._place("building", places.building_id(compound_id, building),
                                          {"compound_id": compound_id, "number": building})
                self.buildings[(compound_id, building)] = building_id
        if unit and building_id:
            unit_id = self.units.get((building_id, unit))
            if not unit_id:
                unit_id = self._place("unit", places.unit_id(building_id, unit),
                                      {"building_id": building_id, "number": unit})
                self.units[(building_id, unit)] = unit_id
        return (compound_id, building_id, unit_id, *self._house(compound_id, building, unit, room, address_text))

    def household(self, compound_id: str, building: str, unit: str, room: str, address_text: str) -> str:
        """The (first) household behind this door, made when the door has none."""
        key = self.door(compound_id, building, unit, room, address_text)
        if key not in self.households:
            self.households[key] = self._new_household(key, None)
        return self.households[key]

    def another_household(self, compound_id: str, building: str, unit: str, room: str, address_text: str,
                          flag: str) -> str:
        """A further household behind an occupied door (群租、合租), with its review flag."""
        key = self.door(compound_id, building, unit, room, address_text)
        hid = self._new_household(key, flag)
        self.households.setdefault(key, hid)
        return hid

    def _new_household(self, key: tuple, note: str | None) -> str:
        compound_id, building_id, unit_id, room, address_text = key
        return self._add("household", {
            "compound_id": compound_id, "building_id": building_id, "unit_id": unit_id,
            "room": room or None, "address_text": address_text or None, "tenure": "owned",
            "landlord_name": None, "landlord_phone": None, "note": note})

    def _change(self, table: str, row_id: str, values: dict) -> None:
        """Change a row: a kept new row in memory (its first write has the values), else in SQL."""
        kept = self._new[table].get(row_id)
        if kept is not None:
            kept.update(values)
        elif values:
            self.write()
            update_row(self.conn, table, row_id, values)

    def set_tenure(self, household_id: str, tenure: str, landlord_name: str, landlord_phone: str) -> None:
        kept = self._new["household"].get(household_id)
        held = kept.get("landlord_name") if kept is not None else next(iter(self.conn.execute(
            "SELECT landlord_name FROM household WHERE id = ?", (household_id,)).fetchone() or ()), None)
        self._change("household", household_id, tenure_values(tenure, landlord_name, landlord_phone, held))

    def flag(self, household_id: str, flag: str) -> None:
        """Put a review flag in front of a household's note (``rules.with_flag``)."""
        kept = self._new["household"].get(household_id)
        if kept is not None:
            kept["note"] = rules.with_flag(kept.get("note"), flag)
            return
        self.write()
        note = self.conn.execute("SELECT note FROM household WHERE id = ?", (household_id,)).fetchone()
        if note is not None and flag not in (note[0] or ""):
            update_row(self.conn, "household", household_id, {"note": rules.with_flag(note[0], flag)})

    def person_by_id_number(self, id_number: str) -> tuple[str, str | None] | None:
        """(person id, household id) of the person with this number, if registered."""
        return self.people.get(id_number) if id_number else None

    def add_person(self, values: dict, household_id: str | None, relation: str) -> str:
        pid = uuid7()
        self._new["person"][pid] = {"id": pid, **values, **self._new_person, **self._stamp}
        if household_id:             # a new person has no membership yet: no lookup needed
            self._add("membership", {"household_id": household_id, "person_id": pid,
                                     "relation": relation or "other"}, row_id=rules.membership_id(household_id, pid))
        if values.get("id_number"):
            self.people[values["id_number"]] = (pid, household_id)
        return pid

    def update_person(self, person_id: str, values: dict) -> None:
        self._change("person", person_id, values)

    def place_person(self, person_id: str, current_household: str | None, household_id: str,
                     relation: str) -> None:
        """Put a person in a household (moving them out of another), with this relation."""
        self.write()
        rules.move_member(self.conn, self.db.site.site_id, person_id, current_household, household_id,
                          relation or "other", self._wall)

    def set_status(self, person_id: str, old: str, new: str, reason: str) -> None:
        self._change("person", person_id, {"status": new, "status_reason": reason, "status_since": self._wall,
                                           "status_by": self.db.user_name})
        change = uuid7()
        self._new["status_change"][change] = {
            "id": change, "person_id": person_id, "old_status": old, "new_status": new, "reason": reason,
            "changed_by": self.db.user_name, "changed_at": self._wall, "created_site": self.db.site.site_id}
