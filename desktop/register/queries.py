"""How the register is read: the SQL that lists people and households with their place, and
the rows it returns turned into records (``Person``, ``Household``)."""
from db.search_tokens import place as place_tokens
from desktop.address import format_place
from desktop.records import Household, Person

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
                " CAST(h.room AS INTEGER), h.room, CAST(h.address_text AS INTEGER), h.address_text,"
                " m.relation <> 'head', p.birth_date")     # a village's 2号 before its 10号


def person_from_row(r) -> Person:
    return Person(
        id=r[0], full_name=r[1], id_type=r[2] or "resident_id", id_number=r[3] or "",
        sex=r[4] or "", birth_date=r[5] or "", phone=r[6] or "", residence_kind=r[7] or "registered",
        hukou_address=r[8] or "", is_key_person=bool(r[9]), key_reason=r[10] or "",
        status=r[11] or "healthy", status_reason=r[12] or "", status_since=r[13] or "",
        work_place=r[14] or "", note=r[15] or "", household_id=r[16], relation=r[17] or "",
        address=format_place(r[18], r[19], r[20], r[21], r[22]) if r[16] else "")


# A household is addressed by its head, else its first member by birth date, then by id so two
# machines agree (PERSON_ORDER's order): household_name_sql and household_name_key_sql follow these.
_NAME_ORDER = ("{m}.relation <> 'head'", "{p}.birth_date", "{p}.id")
_KEY_SEP = "\x01"


def household_name_sql(household_id: str) -> str:
    """SQL for the name a household is addressed by (a letter's 尊敬的…家庭, a sheet's 户主 column,
    a pass, the battle map): its head, else its first member in the register's order (PERSON_ORDER:
    by birth date, then by id so two machines agree). Tenants with nobody marked 户主 still have a
    name; NULL for a household with no one in it. ``household_id``: the outer query's column."""
    order = ", ".join(term.format(m="nm", p="np") for term in _NAME_ORDER)
    return ("(SELECT np.full_name FROM membership nm JOIN person np ON np.id = nm.person_id"
            f" WHERE nm.household_id = {household_id} AND nm.is_deleted = 0 AND np.is_deleted = 0"
            f" ORDER BY {order} LIMIT 1)")


def household_name_key_sql(m: str = "m", p: str = "p") -> str:
    """A member's place in household_name_sql's order, as one text that ends in the member's name,
    for a query grouped by household over its memberships ``m`` and their people ``p`` (LEFT
    JOINs; NULL where ``p`` is none): name_of_key(min(it)) is household_name_sql's name, found in
    the pass the query makes anyway (the battle map: no second read of 6,500 households' members).
    Each term is written '0' for NULL, else '1' and its text, then a separator below any
    character a date or an id holds: the texts sort as SQL sorts the terms (NULL first, a text
    before a longer one it begins); the head term's 0 and 1 are one digit."""
    terms = ", ".join(f"ifnull('1' || ({term.format(m=m, p=p)}), '0')" for term in _NAME_ORDER)
    pattern = _KEY_SEP.join(["%s"] * (len(_NAME_ORDER) + 1))
    return f"CASE WHEN {p}.id IS NOT NULL THEN printf('{pattern}', {terms}, {p}.full_name) END"


def name_of_key(key: str | None) -> str | None:
    """The name at the end of the least household_name_key_sql of a household (None: no one)."""
    return None if key is None else key.split(_KEY_SEP, len(_NAME_ORDER))[-1]


# The head (户主) is the head only: the move dialog offers "户主 X" and a restored head is told
# who heads the household now; the name to address is household_name_sql's.
HOUSEHOLD_SELECT = (
    "SELECT h.id, h.compound_id, h.building_id, h.unit_id, h.room, h.address_text, h.tenure,"
    " h.landlord_person_id, h.landlord_name, h.landlord_phone, h.note, c.name, b.number, u.number,"
    " (SELECT p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
    "   WHERE m.household_id = h.id AND m.is_deleted = 0 AND p.is_deleted = 0 AND m.relation = 'head' LIMIT 1),"
    " (SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id"
    "   WHERE m.household_id = h.id AND m.is_deleted = 0 AND p.is_deleted = 0), "
    + household_name_sql("h.id") +
    " FROM household h LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id")


def household_from_row(r) -> Household:
    return Household(
        id=r[0], compound_id=r[1], building_id=r[2], unit_id=r[3], room=r[4] or "",
        address_text=r[5] or "", tenure=r[6] or "owned", landlord_person_id=r[7],
        landlord_name=r[8] or "", landlord_phone=r[9] or "", note=r[10] or "",
        address=format_place(r[11], r[12], r[13], r[4], r[5]), building=r[12] or "",
        unit=r[13] or "", head_name=r[14] or "", member_count=r[15] or 0,
        name=r[16] or "")


# A household's place whether or not it has been removed since (a removed person's old door).
HOUSEHOLD_PLACE = ("SELECT c.name, b.number, u.number, h.room, h.address_text, h.is_deleted FROM household h"
                   " LEFT JOIN compound c ON c.id = h.compound_id LEFT JOIN building b ON b.id = h.building_id"
                   " LEFT JOIN unit u ON u.id = h.unit_id WHERE h.id = ?")


def household_place(conn, household_id: str) -> tuple[str, bool]:
    """(the household's address, whether it is removed); ('', True) for a household not held."""
    r = conn.execute(HOUSEHOLD_PLACE, (household_id,)).fetchone()
    if not r:
        return "", True
    return format_place(r[0], r[1], r[2], r[3], r[4]), bool(r[5])


def household_search_place(conn, household_id: str) -> str:
    """The household's place as the search index writes it ('幸 福 里 b3 u2 r501'), removed or not."""
    r = conn.execute(HOUSEHOLD_PLACE, (household_id,)).fetchone()
    return place_tokens(r[0], r[1], r[2], r[3], r[4]) if r else ""
