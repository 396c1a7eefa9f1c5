"""The words a place is spoken of by (小区 or 村): a city community's compounds have gates,
buildings and residents (居民); a village's groups have road checkpoints, house numbers and
villagers (村民). Chosen here by the place's kind, once, so a notice, a gate and a label say the
same thing to the same office.
"""
from dataclasses import dataclass, replace

from db.connection import Database
from desktop.register.places import place_core, village_of

VILLAGE_KINDS = ("village", "village_group")     # a community's kind, a compound's kind


@dataclass(frozen=True)
class PlaceWords:
    place: str              # what a notice calls the place it closes: 小区 / 村
    residents: str          # who lives there: 居民 / 村民
    office: str             # who to tell: 社区 / 村委会
    block_head: str         # the volunteer nearest a household: 楼栋长 / 村民小组长
    entrances: str          # how people come and go under closed management
    drop_point: str         # where deliveries are left
    gate_kind: str          # a new checkpoint's kind (desktop.gate.checkpoints.KINDS)
    committee: str          # who signs, after the community's name: 居民委员会 / 村民委员会
    places: str             # what its compounds are called: 小区（院落） / 村民小组
    places_heading: str     # a table's column of them (a city community may have village groups)
    has_buildings: bool     # its doors are in buildings and units (a village house has a 门牌 only)
    door: str               # a list's column of a household's door: 房号/地址 / 门牌
    gate_example: str       # a checkpoint's name, for example
    visiting_example: str   # a visitor's household visited, for example: its door and a name
    whole: str = "全社区"   # the whole of it (a figure that counts every gate: 外出未归（全村）)


CITY = PlaceWords("小区", "居民", "社区", "楼栋长", "小区只保留一个出入口", "门口", "compound_gate",
                  "居民委员会", "小区（院落）", "小区（院落）/村民小组", True,
                  "房号/地址", "幸福里小区东门", "3-2-501 张三")
VILLAGE = PlaceWords("村", "村民", "村委会", "村民小组长", "进出村只走设卡口的路口", "村口", "village_road",
                     "村民委员会", "村民小组", "村民小组", False,
                     "门牌", "王家湾村口", "12号 王大爷", "全村")

#: A place named where either kind may be meant (a command's --compound: a street's community
#: or a village office reads the same help).
ANY_PLACE = f"{CITY.places}或{VILLAGE.places}"
ANY_OFFICE = "社区（村）"


def words(kind: str | None) -> PlaceWords:
    """The words for a community's kind (community | village) or a compound's
    (compound | village_group); anything else, or none, is a city compound's."""
    return VILLAGE if kind in VILLAGE_KINDS else CITY


def _office_community(db: Database) -> tuple[str | None, str | None]:
    """(name, kind) of the office's community: the one this register syncs as, its packages
    and backups are checked by and the street office names it by (``community_of``: the
    joined one, else the smallest id), so that a register holding a second community's row
    (a demo of two, a gate laptop's packages that carried one) is one name on the login, the
    paper and the lists. (None, None) when none is set up yet."""
    from desktop.sync.exchange import community_of
    with db.reading() as conn:
        found = community_of(conn)
        row = conn.execute("SELECT name, kind FROM community WHERE id = ? AND is_deleted = 0",
                           (found,)).fetchone() if found else None
    return (row[0], row[1]) if row else (None, None)


def community_kind(db: Database) -> str:
    """The kind of the office's community ('community' when none is set up yet)."""
    return _office_community(db)[1] or "community"


def community_name(db: Database) -> str:
    """What the office's register is called on its login, paper and lists: its community's
    (or village's) name; with none set up (a register an Excel import began), its only compound
    or village group's; else ''."""
    name = (_office_community(db)[0] or "").strip()
    if name:
        return name
    with db.reading() as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM compound WHERE is_deleted = 0 LIMIT 2")]
    return names[0].strip() if len(names) == 1 else ""


def committee_name(db: Database) -> str:
    """Who signs: '新民社区居民委员会', or a village's 村民委员会 (a compound signs as none)."""
    name, kind = _office_community(db)
    return (name or "社区") + words(kind).committee


def office_register(db: Database) -> tuple[str, bool]:
    """Which register the window and its login speak of: (its name, ``community_name``; whether
    the office is a village's, 村委会). Named, as an office with two registers (its own and the
    demo) or a gate laptop must see which one it opens; one rule for both, so a village's window
    no longer says 社区登记 under a login that said 村委会."""
    return community_name(db), _office_community(db)[1] in VILLAGE_KINDS


def community_words(db: Database) -> PlaceWords:
    return words(community_kind(db))


def place_kind(db: Database, compound_id: str | None) -> str:
    """The kind of a compound (compound | village_group), or with none, of the office's community."""
    with db.reading() as conn:
        row = conn.execute("SELECT kind FROM compound WHERE id = ?", (compound_id,)).fetchone() if compound_id else None
    return row[0] if row else community_kind(db)


def words_in(place_kind: str | None, office: PlaceWords) -> PlaceWords:
    """A place's words as its office speaks: its own (a village group of a city community is a
    village: 本村, 村民, 村民小组长, 村口), reported to and signed as the office (社区, 居民委员会:
    the office is still the community's). No place: the office's."""
    if not place_kind:
        return office
    return replace(words(place_kind), office=office.office, committee=office.committee,
                   places=office.places, places_heading=office.places_heading)


def scope_words(db: Database, compound_id: str | None) -> PlaceWords:
    """The words a paper for one place (a compound or village group) speaks in (``words_in``)."""
    with db.reading() as conn:
        row = conn.execute("SELECT kind FROM compound WHERE id = ?", (compound_id,)).fetchone() if compound_id else None
    return words_in(row[0] if row else None, community_words(db))


def titled_name(name: str, village: str) -> str:
    """A village group's name as a paper's title says it: after its village's (李家坪村三组), as
    三组 alone says nothing once the letter leaves the village; a name already beginning with
    the village's own (李家坪村三组, 李家坪三组) as it is. ``village``: the village's name, '' for a
    city community (its compounds keep their own names: 幸福里小区)."""
    return f"{village}{name}" if village and not name.startswith(place_core(village)) else name


def paper_place(db: Database, compound_id: str | None, name: str) -> str:
    """What a paper for one place calls it (the {小区} of a notice): ``titled_name`` with its
    village, when the place is a village's (``places.village_of``)."""
    with db.reading() as conn:
        village = village_of(conn, compound_id) if compound_id else None
    return titled_name(name, village.name if village and village.is_village else "")
