"""The four-colour battle map (作战图): every household of a compound as a cell coloured by the
most serious status among its members (home isolation > observation > away > healthy), with
the counts of each colour. Buildings are drawn as blocks of units and floors; village groups
and houses outside buildings as a grid of households.

The screen and the A3 print both draw a ``BattleMap``; a public map (for the notice board)
carries no names, only places, colours and counts.
"""
import re
from dataclasses import dataclass
from datetime import date

from db.connection import Database
from desktop import vocab
from desktop.errors import InputError
from desktop.overview.status import SEVERITY, severity_sql
from desktop.accounts.roles import Permission, require
from desktop.register import places
from desktop.register.queries import household_name_key_sql, name_of_key

EMPTY = "empty"                       # a household with nobody registered in it (grey)
# What the map can pick out (the other households are drawn faded).
FILTERS = {
    "key_person": ("Key persons", "重点人员"),
    "tenant": ("Tenants", "租户"),
    "over_80": ("Over 80", "80岁以上"),
    "care": ("Care list", "关爱对象"),
}


@dataclass(frozen=True)
class MapHousehold:
    id: str
    label: str                        # the room ('501') or the house's address ('12号')
    status: str                       # the most serious status of its members, or EMPTY
    members: int
    head: str = ""                    # the name to address (the head, else the first member); empty on a public map
    flags: frozenset = frozenset()    # FILTERS codes that apply
    address: str = ""                 # '3栋2单元501' for the tooltip
    has_head: bool = True             # ``head`` is its 户主 (else tenants with nobody marked head)


@dataclass(frozen=True)
class MapFloor:
    number: int
    households: tuple                 # MapHousehold, by room

    def columns(self) -> list:
        """(door, k) of each household in turn: k counts the households before it at its door."""
        seen: dict = {}
        out = []
        for h in self.households:
            door = door_of(h.label)
            out.append((door, seen.get(door, 0)))
            seen[door] = seen.get(door, 0) + 1
        return out


@dataclass(frozen=True)
class MapUnit:
    number: str                       # '' for a building without units
    floors: tuple                     # MapFloor, the top floor first

    @property
    def doors(self) -> tuple:
        """The columns of the unit: (door, k) for the k-th household at that door on a floor
        ('501' is door 1), in order, so 501 stands above 401 even when 402 is missing, and two
        households registered in one flat (一房多户) are two cells side by side, not one drawn
        over the other (the other was lost from the map)."""
        return tuple(sorted({c for f in self.floors for c in f.columns()}, key=lambda c: (_natural(c[0]), c[1])))

    def column_of(self, household: "MapHousehold") -> int:
        floor = next(f for f in self.floors if household in f.households)
        return self.doors.index(floor.columns()[floor.households.index(household)])


@dataclass(frozen=True)
class MapBuilding:
    id: str
    number: str
    units: tuple                      # MapUnit, by number

    @property
    def households(self) -> list[MapHousehold]:
        return [h for u in self.units for f in u.floors for h in f.households]


@dataclass(frozen=True)
class MapCompound:
    id: str
    name: str
    kind: str                         # compound | village_group
    buildings: tuple                  # MapBuilding, by number
    loose: tuple                      # MapHousehold without a building: a grid (village houses)
    households: dict                  # colour -> households (EMPTY included)
    people: dict                      # status -> people


@dataclass(frozen=True)
class BattleMap:
    day: date
    public: bool
    compounds: tuple                  # MapCompound, by name

    @property
    def households(self) -> dict:
        return _sum(c.households for c in self.compounds)

    @property
    def people(self) -> dict:
        return _sum(c.people for c in self.compounds)


def _sum(dicts) -> dict:
    out: dict = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


def colour_order() -> tuple[str, ...]:
    """Legend order: the most serious first, then the empty households."""
    return (*SEVERITY, EMPTY)


def floor_of(room: str) -> int:
    """The floor a room is on, from its number as offices write it: '501' 5, '1203' 12,
    '101' 1, '0302' 3, 'B201' 2; a number under 100 or no number at all: the ground floor."""
    m = re.search(r"\d+", room or "")
    if not m:
        return 1
    n = int(m.group(0))
    return max(n // 100, 1) if n >= 100 else 1


def door_of(room: str) -> str:
    """The door on its floor: '501' '1', '1203' '3', 'B201' '1'; a room without a floor
    number is its own door."""
    m = re.search(r"\d+", room or "")
    if m and int(m.group(0)) >= 100:
        return str(int(m.group(0)) % 100)
    return room or ""


def _room_key(label: str) -> tuple:
    m = re.search(r"\d+", label or "")
    return (int(m.group(0)) if m else 10 ** 9, label or "")


def _natural(text: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or ""))


def over_80_cutoff(today: date) -> str:
    """The latest birth date of someone 80 or older on ``today`` (29 February: the 28th)."""
    try:
        return today.replace(year=today.year - 80).isoformat()
    except ValueError:
        return today.replace(year=today.year - 80, day=28).isoformat()


def compound_by_name(db: Database, name: str) -> str:
    """The id of a compound (or village group) by its name; a clear message when none."""
    with db.reading() as conn:
        compounds = sorted(conn.execute("SELECT name, id FROM compound WHERE is_deleted = 0").fetchall(),
                           key=lambda r: places.place_order(r[0]))
    key = places.place_name(name)                    # '幸福里 小区' on a command line is 幸福里小区
    for exact in (True, False):
        for other, cid in compounds:
            if (other == name.strip()) if exact else (places.place_name(other) == key):
                return cid
    raise InputError("compound", f"没有名为“{name}”的小区（院落）或村民小组。现有：" + "、".join(n for n, _ in compounds[:12]))


def battle_map(db: Database, today: date, compound_id: str | None = None, public: bool = False,
               building_id: str | None = None) -> BattleMap:
    """The battle map of one compound (or of every compound) on ``today``; ``building_id``:
    that building of the compound only, its counts its own."""
    require(db, Permission.OVERVIEW)
    statuses = tuple(vocab.STATUS)
    where, args = "h.is_deleted = 0", [over_80_cutoff(today)]
    if compound_id:
        where += " AND h.compound_id = ?"
        args.append(compound_id)
    if building_id:
        where += " AND h.building_id = ?"
        args.append(building_id)
    with db.reading() as conn:
        compounds = conn.execute("SELECT id, name, kind FROM compound WHERE is_deleted = 0"
                                 + (" AND id = ?" if compound_id else ""),
                                 (compound_id,) if compound_id else ()).fetchall()
        buildings = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, compound_id, number FROM building WHERE is_deleted = 0")}
        units = dict(conn.execute("SELECT id, number FROM unit WHERE is_deleted = 0"))
        rows = conn.execute(
            "SELECT h.id, h.compound_id, h.building_id, h.unit_id, h.room, h.address_text, h.tenure = 'rented',"
            f" min({severity_sql('p.status')}), count(p.id), "
            + ", ".join(f"sum(p.status = '{s}')" for s in statuses) +
            ", max(p.is_key_person), max(m.relation = 'tenant' AND p.id IS NOT NULL), max(p.birth_date <= ?),"
            " max(p.id IN (SELECT person_id FROM care_subject WHERE is_deleted = 0)),"
            f" min({household_name_key_sql()}), max(m.relation = 'head' AND p.id IS NOT NULL)"
            " FROM household h LEFT JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0"
            " LEFT JOIN person p ON p.id = m.person_id AND p.is_deleted = 0"
            f" WHERE {where} GROUP BY h.id", args).fetchall()
    # compound -> building -> unit -> floor -> [household]
    tree: dict = {}
    loose: dict = {}
    households: dict = {}
    people: dict = {}
    n = len(statuses)
    for r in rows:
        hid, cid, bid, uid, room, address_text, rented, sev, members = r[:9]
        counts = r[9:9 + n]
        key, tenant, old, care, name_key, has_head = r[9 + n:]
        head = name_of_key(name_key)
        status = SEVERITY[sev] if sev is not None else EMPTY
        flags = frozenset(f for f, on in (("key_person", key), ("tenant", rented or tenant), ("over_80", old),
                                           ("care", care)) if on)
        b = buildings.get(bid) if bid else None
        unit = units.get(uid, "") if uid else ""
        label = room or address_text or ""
        address = (f"{b[1]}栋" if b else "") + (f"{unit}单元" if unit else "") + (room or "") + (address_text or "")
        h = MapHousehold(hid, label, status, members, "" if public else (head or ""), flags, address, bool(has_head))
        households.setdefault(cid, {}).setdefault(status, 0)
        households[cid][status] += 1
        pc = people.setdefault(cid, {})
        for s, c in zip(statuses, counts):
            pc[s] = pc.get(s, 0) + (c or 0)
        if b:
            tree.setdefault(cid, {}).setdefault(bid, {}).setdefault(unit, {}).setdefault(
                floor_of(room), []).append(h)
        else:
            loose.setdefault(cid, []).append(h)
    out = []
    for cid, name, kind in sorted(compounds, key=lambda c: places.place_order(c[1])):
        blocks = []
        for bid, by_unit in tree.get(cid, {}).items():
            unit_list = tuple(
                MapUnit(u, tuple(MapFloor(f, tuple(sorted(hs, key=lambda h: _room_key(h.label))))
                                 for f, hs in sorted(by_floor.items(), reverse=True)))
                for u, by_floor in sorted(by_unit.items(), key=lambda kv: _natural(kv[0])))
            blocks.append(MapBuilding(bid, buildings[bid][1], unit_list))
        blocks.sort(key=lambda b: _natural(b.number))
        grid = tuple(sorted(loose.get(cid, []), key=lambda h: _natural(h.label)))
        counts = {c: households.get(cid, {}).get(c, 0) for c in colour_order()}
        out.append(MapCompound(cid, name, kind, tuple(blocks), grid, counts,
                               {s: people.get(cid, {}).get(s, 0) for s in statuses}))
    return BattleMap(today, public, tuple(out))


def matches(household: MapHousehold, filters) -> bool:
    """Whether a household is picked out by the chosen filters (all must hold; none: every one)."""
    return all(f in household.flags for f in filters)


# -- where each cell goes: the same layout on screen and on paper ---------------------------
@dataclass(frozen=True)
class PlacedCell:
    x: float                          # from the left of the drawing, y down from its top
    y: float
    household: MapHousehold


@dataclass(frozen=True)
class PlacedBlock:
    title: str                        # '3栋', or the village group's name for its houses
    x: float
    y: float                          # the top of the title line
    width: float                      # of the cells (the frame)
    rows: int
    cells: tuple                      # PlacedCell
    is_building: bool = True


@dataclass(frozen=True)
class MapLayout:
    blocks: tuple
    height: float
    cell_w: float
    cell_h: float


def layout(compound: MapCompound, cell_w: float, cell_h: float, width: float, *, gap: float,
           header: float, unit_gap: float) -> MapLayout:
    """Blocks flowed left to right in rows that fit ``width``: each building's units side by
    side, floors top first (aligned to the ground floor), each door in its own column so that 501
    stands above 401; houses outside buildings as a grid as wide as fits."""
    shapes = []                        # (title, width, rows, cells relative to the block's cell area, building)
    for b in compound.buildings:
        rows = max((len(u.floors) for u in b.units), default=1)
        cells, x = [], 0.0
        for u in b.units:
            doors = {d: k for k, d in enumerate(u.doors)}
            offset = rows - len(u.floors)
            for r, floor in enumerate(u.floors):
                for h, column in zip(floor.households, floor.columns()):
                    cells.append((x + doors[column] * cell_w, (offset + r) * cell_h, h))
            x += max(len(doors), 1) * cell_w + unit_gap
        shapes.append((f"{b.number}栋", x - unit_gap, rows, cells, True))
    if compound.loose:
        per_row = max(1, int(width // cell_w))
        cells = [((i % per_row) * cell_w, (i // per_row) * cell_h, h) for i, h in enumerate(compound.loose)]
        title = "散居住户" if compound.kind == "compound" else compound.name
        shapes.append((title, min(len(compound.loose), per_row) * cell_w, -(-len(compound.loose) // per_row),
                       cells, False))
    blocks, x, y, row_height = [], 0.0, 0.0, 0.0
    for title, w, rows, cells, building in shapes:
        h = header + rows * cell_h
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        blocks.append(PlacedBlock(title, x, y, w, rows, tuple(PlacedCell(x + cx, y + header + cy, hh)
                                                               for cx, cy, hh in cells), building))
        x += w + gap
        row_height = max(row_height, h)
    return MapLayout(tuple(blocks), y + row_height, cell_w, cell_h)
