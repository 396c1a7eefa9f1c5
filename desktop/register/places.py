"""Places (compound, building, unit) and their identities.

A place's id follows from its normalised name within its parent (SYNC.md 9.2, as memberships
do): the compound from the community and its name, a building from its compound and number, a
unit from its building and number. Two offices (or an office and its gate laptop) that each
enter "幸福里 3栋" make the same rows, and sync finds one building, not two. Households keep
random ids: several households can live behind one door (群租、合租).

A place is always looked up by its name first, so a database made before places had these ids
(its rows keep their random ids; they are not re-keyed) still finds its buildings. When the
natural id is already taken by another row (a compound renamed after it was made, then a new
one given the old name), the new place gets a random id: two different places never share one.
"""
import re

from db.sync.ids import natural_id, uuid7
from desktop.register.rows import insert_row, update_row
from desktop.textnorm import clean

_SPACES = re.compile(r"\s+")


def place_name(name) -> str:
    """A place's name as its identity sees it: cleaned, full-width folded, no spaces
    ('幸福里 小区' and '幸福里小区' are one compound)."""
    return _SPACES.sub("", clean(name))


def community_id(code_or_name: str) -> str:
    return natural_id("community", place_name(code_or_name))


def compound_id(community: str | None, name: str) -> str:
    return natural_id("compound", community or "", place_name(name))


def building_id(compound: str, number: str) -> str:
    return natural_id("building", compound, place_name(number))


def unit_id(building: str, number: str) -> str:
    return natural_id("unit", building, place_name(number))


# What identifies a place within its table: (parent column, name column).
_KEY = {"compound": ("community_id", "name"), "building": ("compound_id", "number"),
        "unit": ("building_id", "number")}


def choose_id(natural: str, found: tuple | None, key: tuple) -> tuple[str, str]:
    """(id, what to do) for a new place whose natural id is ``natural``; ``found`` is the row
    already holding that id as (parent, name, is_deleted), or None. 'insert' a new row, 'revive'
    the same place that was removed, or 'insert' under a random id when another place has it."""
    if found is None:
        return natural, "insert"
    if (found[0] or "", place_name(found[1])) == (key[0] or "", place_name(key[1])):
        return natural, "revive" if found[2] else "use"
    return uuid7(), "insert"


def ensure(conn, site_id: str, table: str, natural: str, values: dict, wall: str | None = None) -> str:
    """The id of the place with these values, made (or revived) under its natural id."""
    parent, name = _KEY[table]
    found = conn.execute(f"SELECT {parent}, {name}, is_deleted FROM {table} WHERE id = ?", (natural,)).fetchone()
    row_id, action = choose_id(natural, found, (values.get(parent), values[name]))
    if action == "insert":
        insert_row(conn, site_id, table, values, row_id=row_id, wall=wall)
    elif action == "revive":
        update_row(conn, table, row_id, {**values, "is_deleted": 0})
    return row_id


def ensure_building(conn, site_id: str, compound: str, number: str) -> str:
    row = conn.execute("SELECT id FROM building WHERE compound_id = ? AND number = ? AND is_deleted = 0",
                       (compound, number)).fetchone()
    return row[0] if row else ensure(conn, site_id, "building", building_id(compound, number),
                                     {"compound_id": compound, "number": number})


def ensure_unit(conn, site_id: str, building: str, number: str) -> str:
    row = conn.execute("SELECT id FROM unit WHERE building_id = ? AND number = ? AND is_deleted = 0",
                       (building, number)).fetchone()
    return row[0] if row else ensure(conn, site_id, "unit", unit_id(building, number),
                                     {"building_id": building, "number": number})
