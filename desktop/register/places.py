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
from dataclasses import dataclass
from functools import lru_cache

from db.search_tokens import HOUSE_NUMBER, NUMBER_RUN, arabic_numbers, number_value
from db.sync.ids import natural_id, uuid7
from desktop.address import building_number, parse_place, room_number, unit_number
from desktop.records import Person
from desktop.register.queries import PERSON_ORDER, PERSON_SELECT, person_from_row
from desktop.register.rows import insert_row, update_row
from desktop.textnorm import clean

_SPACES = re.compile(r"\s+")

def place_order(name: str) -> tuple:
    """How a list of compounds or village groups is ordered as people count them: 一组, 二组 …
    十一组, 3栋 before 12栋 (by characters, 一组 三组 二组 五组 四组 came out). Numbers are read
    as the search reads an address's (db/search_tokens.NUMBER_RUN), wherever they stand."""
    key, at = [], 0
    for m in NUMBER_RUN.finditer(name or ""):
        value = number_value(m[0])
        if value is None:
            continue
        key += [(1, name[at:m.start()]), (0, value)]
        at = m.end()
    return (*key, (1, (name or "")[at:]))


def compound_order(conn, column: str = "c.id") -> str:
    """An SQL expression that orders rows by their compound (``column``: its id) as
    ``place_order`` does, for a query that sorts people or households in SQL (一组 二组 三组, not
    by character). A CASE of the few compounds (dozens at most), so that no row of 200,000
    calls Python; a row with no compound comes first, one added since it was built last."""
    rows = sorted(conn.execute("SELECT id, name FROM compound").fetchall(), key=lambda r: place_order(r[1]))
    if not rows:
        return "NULL"                   # not 0: ORDER BY 0 would name a column
    whens = " ".join("WHEN %s = '%s' THEN %d" % (column, r[0].replace("'", "''"), n) for n, r in enumerate(rows))
    return f"CASE WHEN {column} IS NULL THEN -1 {whens} ELSE {len(rows)} END"    # no place first, as by name


def person_order(conn) -> str:
    """``PERSON_ORDER`` with its compounds in ``place_order``: people as the paper ledger lists them."""
    return f" ORDER BY {compound_order(conn)}, " + PERSON_ORDER.removeprefix(" ORDER BY ")


# Traditional forms of the characters place names are made of. A ledger typed on a
# traditional-Chinese input method, or pasted from a Hong Kong or Taiwan system, writes
# 幸福里小區 for 幸福里小区; they are one place. Only place words: a person's name is never
# folded, and the name a clerk typed is kept as typed.
_SIMPLIFIED = str.maketrans(
    "區號樓單門園裡裏灣莊東陽華興鎮廣場橋條農豐龍鳳蘭嶺頭遠樂開國縣鄉組戶寶綠閣廈棟層鄰濱廠礦鐵電館貿邨",
    "区号楼单门园里里湾庄东阳华兴镇广场桥条农丰龙凤兰岭头远乐开国县乡组户宝绿阁厦栋层邻滨厂矿铁电馆贸村")

# The generic word a compound's or a group's name ends in: 王家湾村民小组 and 王家湾 are
# probably one place typed two ways, and an import asks before it makes the second.
_GENERIC_ENDING = re.compile(r"(村民小组|居民小组|村民组|小组|组|社区|小区|院落|院|村)$")


def place_name(name) -> str:
    """A place's name as its identity sees it: cleaned, full-width and traditional forms
    folded, no spaces or line breaks ('幸福里 小区', '幸福里小區' and '幸福里小区' are one
    compound).

    It makes natural ids: a change here changes the id a new place gets on this version, so
    only fold what is certainly the same name (names already stored are found by their
    folded name, whatever id they carry)."""
    return _SPACES.sub("", clean(name)).translate(_SIMPLIFIED)


def place_core(name) -> str:
    """The distinctive part of a place's name: 王家湾 for 王家湾村民小组, 幸福里 for 幸福里小区."""
    folded = place_name(name)
    return _GENERIC_ENDING.sub("", folded) or folded


def similar_place(name: str, names) -> str:
    """The first of ``names`` that is probably ``name`` typed another way (same distinctive
    part, different generic ending: 王家湾 and 王家湾村民小组), or ''. One character is too
    little to tell (一组 and 一村 are different places)."""
    key, core = place_name(name), place_core(name)
    if len(core) < 2:
        return ""
    return next((other for other in names if place_name(other) != key and place_core(other) == core), "")


VILLAGE_GROUP = "village_group"


@dataclass(frozen=True)
class Village:
    """The community (村 or 社区) a place is in, as far as its doors need it: its name, which a
    village address may write before the group's ('新民村王家湾组12号'), and whether it is a
    village (kind 'village'), whose houses are village houses whatever kind their place was
    given. Unknown (no name, not a village) when the database cannot tell (``village_of``)."""
    name: str = ""
    is_village: bool = False


def office_village(conn) -> Village:
    """The office's community: the one the database holds; unknown when it holds none or several
    (a street office's), so that no address is read against the wrong village."""
    rows = conn.execute("SELECT name, kind FROM community WHERE is_deleted = 0 LIMIT 2").fetchall()
    return Village(clean(rows[0][0]), rows[0][1] == "village") if len(rows) == 1 else Village()


def villages(conn) -> dict[str, Village]:
    """The community of each place that names one (places a ledger import made name none: they
    are the office's, ``office_village``)."""
    return {r[0]: Village(clean(r[1]), r[2] == "village") for r in conn.execute(
        "SELECT c.id, m.name, m.kind FROM compound c JOIN community m ON m.id = c.community_id"
        " WHERE m.is_deleted = 0")}


def village_of(conn, compound_id: str | None) -> Village:
    """The community a place is in: its own, else the office's."""
    row = conn.execute("SELECT m.name, m.kind FROM compound c JOIN community m ON m.id = c.community_id"
                       " WHERE c.id = ? AND m.is_deleted = 0", (compound_id,)).fetchone() if compound_id else None
    return Village(clean(row[0]), row[1] == "village") if row else office_village(conn)


def compound_kind(name, village: Village = Village()) -> str:
    """The kind a new place gets from its name alone (a ledger names it, nobody chose it):
    王家湾组 and 李家村 are village groups, and in a village every place is (its ledger may
    write 王家湾 for the group); anything else a compound."""
    return VILLAGE_GROUP if village.is_village or re.search(r"(组|村)$", clean(name)) else "compound"


def is_village_house(kind: str, building, unit, village: Village = Village()) -> bool:
    """Whether a door is a village house, numbered by its 门牌地址 (``house_address``): a door
    with no building and no unit in a village group, or in any place of a village (a group
    added as a compound, or made so by an older version, is still the village's)."""
    return (kind == VILLAGE_GROUP or village.is_village) and not building and not unit


# A village house number: 12, 12号, 12-1号, 12之1号, 12A号, 第12号.
_HOUSE_NUMBER = re.compile(f"第?({HOUSE_NUMBER})号?")
_GROUP_ENDING = "(?:村民小组|居民小组|村民组|小组|组|村)?"
# What may follow a house's group in its address: its number (in figures: ``house_address``
# reads the Chinese ones first).
_HOUSE_REST = f"(?P<rest>第?{HOUSE_NUMBER}号?)"
# The word a village's (or community's) name ends in, in its register or in an address:
# 新民村, 新民村委会, 新民村村民委员会, 新民社区.
_VILLAGE_WORD = "(?:村民委员会|村委会|村委|社区居民委员会|社区居委会|居民委员会|居委会|社区|村)"
# The places above a village an address may begin with (湖北省武汉市XX区XX镇, XX街道): not
# checked against anything, the village's own name must follow them. No 村, 组 or 社 in them,
# so that they never swallow another village (李家村, 李家社区). One run, not a repeat of
# segments: 区区区…区 must not be split every possible way before it fails.
_ABOVE_VILLAGE = "(?:[^0-9村组社]{1,40}?(?:省|自治区|自治州|市|州|盟|地区|县|区|旗|镇|乡|街道办事处|街道办|街道))?"


def _village_core(name: str) -> str:
    """新民 for 新民村, 新民村委会, 新民村村民委员会 and 新民社区."""
    core = place_name(name)
    for _ in range(2):                                          # 新民村村委会: 村委会, then 村
        core = re.sub(_VILLAGE_WORD + "$", "", core) or core
    return core


@lru_cache(maxsize=1024)
def _house_in_group(group: str, village: str) -> re.Pattern:
    """A house address that names the group before its number: 王家湾12号, 王家湾村民小组12号,
    and, after the community's own name (and any places above it), 新民村王家湾组12号 or
    XX镇新民村王家湾12号. Only the community's own name: 李家村王家湾12号 is some other
    village's 王家湾. When the community's name is not known (a database holding several, or
    none set up), an address naming a village before the group is not read: the clerk matches
    it by hand rather than the register guessing which village it means. Chinese numbers in
    figures, as in the address it reads (三组 is 3组: ``house_address``)."""
    names = [re.escape(arabic_numbers(place_name(group)))]
    if len(core := place_core(group)) >= 2:                   # one character is too little (一组)
        names.append(re.escape(arabic_numbers(core)) + _GROUP_ENDING)
    # In one pattern with the group's, not cut off first (after_village): 新民村12号 is a house of
    # 新民组 (its name with the ending 村) in 新民村.
    before = f"(?:{_ABOVE_VILLAGE}{own})?" if (own := _own_name(village)) else ""
    return re.compile(f"{before}(?:{'|'.join(names)}){_HOUSE_REST}")


def _own_name(village: str) -> str:
    """The community's own name as an address writes it (新民村, 新民村委会, 新民社区): a pattern,
    '' when the name is not known."""
    core = _village_core(village) if village else ""
    return f"{re.escape(core)}{_VILLAGE_WORD}" if core else ""


def own_place(conn, village: str) -> str:
    """The place of the office's village named after the village itself (新民村's 新民村, 新民组 or
    新民村民小组): where a village that numbers its houses as a whole, not group by group, keeps
    them; '' when it has none or the village is not known."""
    core = _village_core(village) if village else ""
    if not core:
        return ""
    return next((r[0] for r in conn.execute("SELECT name FROM compound WHERE is_deleted = 0 ORDER BY name")
                 if place_core(r[0]) == core), "")


@lru_cache(maxsize=64)
def _begins_with_village(village: str) -> re.Pattern | None:
    return re.compile(_ABOVE_VILLAGE + own) if (own := _own_name(village)) else None


def after_village(text: str, village: str) -> str:
    """``text`` without the community's own name it begins with, and whatever places above it
    come first (新民村王家湾组12号, XX镇新民村王家湾组12号: 王家湾组12号; '' for 新民村 alone), as
    ``_house_in_group`` reads a door's address: they say nothing about which door of the office's
    own register. Anything else, and any text when the name is not known, is kept whole."""
    found = pattern.match(text) if (pattern := _begins_with_village(village)) else None
    return text[found.end():] if found else text


@lru_cache(maxsize=4096)
def house_address(group: str, typed, village: str = "") -> str:
    """The house address (门牌地址) of a village door in one writing, so that one house is one
    door however it was typed: under 王家湾组, '12号', '12', '１２号', '十二号', '王家湾12号',
    '王家湾组 12 号' and '王家湾组12号' are all '12号'. The group's own name (or its distinctive
    part, 王家湾) in front of the number is dropped, and so is the community's (``village``:
    '新民村王家湾组12号', 'XX镇新民村王家湾12号' in 新民村), with whatever places above it the
    address begins with: they say nothing the group does not (``_house_in_group``). Any other
    text ('村委会旁', '王家湾小学后面', '李家村12号', '李家村王家湾12号') is kept as typed, only
    cleaned. Numbers in Chinese are read up to 999 (一百零二号 is 102号)."""
    text = re.sub(r"(?<=\d)\.0$", "", clean(typed))        # 12.0 from a numeric Excel cell
    # Chinese numbers in figures by the search's one reading of them (arabic_numbers); a number
    # ending the address is its house's as one before 号 is (王家湾十二 is 王家湾12): hence the 号
    # added for the reading and taken off after it.
    folded = arabic_numbers(place_name(text) + "号")[:-1]
    named = _house_in_group(group, village).fullmatch(folded)
    for rest in (folded, named["rest"] if named else None):
        if rest is not None and (m := _HOUSE_NUMBER.fullmatch(rest)):
            return f"{m.group(1).upper().replace('之', '-')}号"
    return text


def village_door(kind: str, group: str, building: str | None, unit: str | None, room: str | None,
                 address_text: str | None, village: Village = Village()) -> tuple[str, str]:
    """(room, address text) of a door as the register keeps and compares it. A village house
    (``is_village_house``: no building, no unit, in a village group or a village) is its house
    address (``house_address``); a number typed as its 门牌号 instead ('12') is that house
    address ('12号'), unless a different house address is given too. Doors of other compounds,
    and doors in a building, are as typed.

    The one rule for the dialogs, the ledger import and the batch writes; rows stored before it
    are compared through it (``rules.households_at_door``), never rewritten."""
    room, address_text = room or "", address_text or ""
    if not is_village_house(kind, building, unit, village):
        return room, address_text
    address = house_address(group, address_text, village.name) if address_text else ""
    if room:
        as_address = house_address(group, room, village.name)
        if not address or as_address == address:
            return "", as_address
    return room, address


def typed_door(text) -> tuple[str, str, str, str, str]:
    """(compound, building, unit, room, address text) of an address typed as one text:
    '3-2-501', '3栋2单元501', '幸福里3栋2单元501室' are building, unit and room (``parse_place``);
    anything else ('王家湾12号', '12') is kept as the address text, for ``door_named``."""
    text = _SPACES.sub("", clean(text))
    place = parse_place(text) if text else None
    if place is not None and place.building:
        return place.compound, place.building, place.unit, place.room, ""
    return "", "", "", "", text


@lru_cache(maxsize=256)
def _before_place(village: str) -> re.Pattern:
    """What an address may write before a place's name: the places above (通济街道, XX镇), then
    the community's own name (新民村, 新民社区) when it is known (``_house_in_group``)."""
    own = f"(?:{own})?" if (own := _own_name(village)) else ""
    return re.compile(_ABOVE_VILLAGE + own)


def _names_place(typed: str, name: str, village: str = "") -> bool:
    """Whether a compound typed in an address is this one: 幸福里 or 幸福里小区 for 幸福里小区, also
    after the street or community it is in (通济街道幸福里小区, 新民村王家湾组), never after
    anything else: 阳光幸福里 is another compound, 李家村王家湾组 another village's group."""
    typed, core = place_core(typed), place_core(name)
    return typed == core or (len(core) >= 2 and typed.endswith(core)
                             and bool(_before_place(village).fullmatch(typed[:-len(core)])))


def door_named(kind: str, group: str, building: str | None, unit: str | None, room: str | None,
               address_text: str | None, typed: tuple, village: Village = Village()) -> bool:
    """Whether an address a ledger gives (``typed``: compound, building, unit, room, address
    text, any of them blank) names this registered door of ``group`` (its compound or village
    group, of ``kind``). Each part typed must be the door's own, both read in one writing
    (building_number, unit_number, room_number; a village house through ``village_door``, so
    '12', '12号', '十二号' and '王家湾12号' are its 12号); a part not typed is not compared
    ('3-501' names 3栋2单元501). Never a part of a number: '12' is not 112号, '3-2-501' is not
    3-2-5011 or 13-2-501. A compound typed ('幸福里' or '幸福里小区') must be this one.
    ``village`` is the community the door's place is in (``village_of``): a village's houses,
    and its name before a group's (新民村王家湾组12号), are read by ``village_door``."""
    t_compound, t_building, t_unit, t_room, t_text = (clean(x) for x in typed)
    building, unit, room, address_text = building or "", unit or "", room or "", address_text or ""
    if t_text and not (t_building or t_unit or t_room):
        if _names_place(t_text, group, village.name):         # only the compound or the group: '王家湾'
            t_compound, t_text = t_text, ""
        elif (place := typed_door(t_text))[1]:                # '3栋2单元' read from an address cell
            t_compound, t_building, t_unit, t_room, t_text = (t_compound or place[0],) + place[1:]
    if t_compound and not _names_place(t_compound, group, village.name):
        return False
    if not (t_building or t_unit or t_room or t_text):
        return bool(t_compound)
    if t_building or t_unit:
        if t_building and place_name(building_number(t_building)) != place_name(building_number(building)):
            return False
        if t_unit and place_name(unit_number(t_unit)) != place_name(unit_number(unit)):
            return False
        return not t_room or room_number(t_room) == room_number(room)
    if building or unit:                  # a door in a building, only its room typed ('501')
        return bool(t_room) and not t_text and room_number(t_room) == room_number(room)
    if is_village_house(kind, None, None, village):
        return village_door(kind, group, None, None, t_room, t_text, village) == village_door(
            kind, group, None, None, room, address_text, village)
    return ((not t_room or room_number(t_room) == room_number(room))
            and (not t_text or place_name(t_text) == place_name(address_text)))


def people_at_door(conn, name: str, typed: tuple) -> tuple[list[Person], list[Person]]:
    """(everyone in the register called ``name``, those of them whose door is the address a
    ledger gives: ``typed``, as for ``door_named``; nothing typed: all of them). How a ledger row
    without an ID number finds its person (a care list, a gate log): the caller takes the one
    match and guesses nothing when there are none or several."""
    people = [person_from_row(r) for r in conn.execute(
        PERSON_SELECT + " WHERE p.full_name = ? AND p.is_deleted = 0", (name,)).fetchall()]
    if not any(clean(x) for x in typed) or not people:
        return people, people
    # Each door with its place's community (村 or 社区), which a village address may name.
    doors = {r[0]: (*r[1:7], village_of(conn, r[7])) for r in conn.execute(
        "SELECT h.id, c.name, c.kind, b.number, u.number, h.room, h.address_text, c.id FROM household h"
        " JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
        " LEFT JOIN unit u ON u.id = h.unit_id WHERE h.is_deleted = 0 AND h.id IN (%s)"
        % ",".join("?" * len(people)), [p.household_id for p in people]).fetchall()}
    return people, [p for p in people if p.household_id in doors and door_named(
        doors[p.household_id][1], doors[p.household_id][0], *doors[p.household_id][2:6], typed,
        doors[p.household_id][6])]


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
