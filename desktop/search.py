"""Search the way a busy clerk types: a name or part of one, pinyin initials ('zs' finds 张三),
part of an ID number or phone, an address ('3-2-501', '3栋2单元501', '幸福里3-2'), or the
name of a compound together with another word ('幸福里 张').

Several words separated by spaces must all match ('张 3-2'). Names are matched through an FTS5
index of single characters searched as a phrase (FTS5's trigram tokenizer cannot match the
2-character names most Chinese people have); digits through a trigram index, so any 3 or more
digits of an ID number or phone find it; addresses through the place indexes.
"""
import re

from db.connection import Database
from desktop.address import parse_place
from desktop.records import Person
from desktop.register import PERSON_SELECT, person_from_row
from desktop.textnorm import clean


def _phrase(chars: str) -> str:
    return '"' + " ".join(chars).replace('"', '""') + '"'


def _term_condition(term: str) -> tuple[str, list] | None:
    """SQL condition on person p (and its household h) for one typed word."""
    if _looks_like_phone(term):
        # Landlines are kept as typed ('027-88886666'), mobiles as bare digits: try both.
        dashed, bare = re.sub(r"[\s\uff0d]", "-", term), re.sub(r"\D", "", term)
        return ("p.rowid IN (SELECT rowid FROM person_digits_fts WHERE person_digits_fts MATCH ?)",
                [f"{_phrase_trigram(dashed)} OR {_phrase_trigram(bare)}"])
    place = parse_place(term)
    if place is not None:
        return _place_condition(place)
    if re.fullmatch(r"[0-9]+[xX]?", term):
        if len(term) < 3:
            return None                       # one or two digits match half the register
        return ("p.rowid IN (SELECT rowid FROM person_digits_fts WHERE person_digits_fts MATCH ?)",
                [_phrase_trigram(term.upper())])
    if re.fullmatch(r"[A-Za-z]+", term):
        return ("p.rowid IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?)",
                [f"pinyin : {term.lower()}*"])
    chars = "".join(ch for ch in term if not ch.isspace() and ch not in '"*^:()')
    if not chars:
        return None
    name = "SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?"
    if len(chars) < 2:
        return f"p.rowid IN ({name})", [f"chars : {_phrase(chars)}"]
    # Two or more characters may also name a compound or village group ('幸福里 张'). Person ids,
    # not rowids, come out of the compound side: that spares a lookup per resident of it.
    return (f"p.id IN (SELECT p4.id FROM person p4 WHERE p4.rowid IN ({name})"
            " UNION ALL SELECT m3.person_id FROM compound c3"
            " CROSS JOIN household h3 ON h3.compound_id = c3.id AND h3.is_deleted = 0"
            " CROSS JOIN membership m3 ON m3.household_id = h3.id AND m3.is_deleted = 0"
            " WHERE c3.is_deleted = 0 AND c3.name LIKE ?)",
            [f"chars : {_phrase(chars)}", f"%{chars}%"])


def _place_condition(place) -> tuple[str, list]:
    """People living at a place. Written as a subquery that starts from the building, so that
    SQLite walks the few households there instead of every person (CROSS JOIN fixes that
    order: without ANALYZE figures the planner would rather scan every household)."""
    joins, conds, args = "", ["b2.number = ?", "h2.is_deleted = 0"], [place.building]
    if place.unit:
        joins = " JOIN unit u2 ON u2.id = h2.unit_id AND u2.number = ?"
        args = [place.unit, *args]
    if place.room:
        conds.append("h2.room = ?")
        args.append(place.room)
    if place.compound:
        conds.append("b2.compound_id IN (SELECT id FROM compound WHERE name LIKE ?)")
        args.append(f"%{place.compound}%")
    return ("p.id IN (SELECT m2.person_id FROM building b2"
            " CROSS JOIN household h2 ON h2.building_id = b2.id" + joins +
            " JOIN membership m2 ON m2.household_id = h2.id AND m2.is_deleted = 0"
            " WHERE " + " AND ".join(conds) + ")", args)


def _looks_like_phone(term: str) -> bool:
    """'139-1234-5678' or '027-88886666': digits in dashed groups, too many for an address
    (building, unit and room together are at most about 8 digits)."""
    return (re.fullmatch(r"[0-9]+(?:[-\s\uff0d][0-9]+)+", term) is not None
            and sum(ch.isdigit() for ch in term) >= 9)


def _phrase_trigram(digits: str) -> str:
    return '"' + digits + '"'


def search_people(db: Database, text: str, limit: int = 100) -> list[Person]:
    """People matching every word of ``text``; exact names first. Empty text finds nobody."""
    terms = clean(text).split(" ") if clean(text) else []
    conds, args = [], []
    for term in terms:
        cond = _term_condition(term)
        if cond is None:
            continue
        conds.append(f"({cond[0]})")
        args += cond[1]
    if not conds:
        return []
    # Every condition is on the person alone, so the answers are chosen from the person table
    # first and only they are joined to their households. When there are more than ``limit``,
    # ranking them all would cost tens of ms in a street office ('浩然' finds thousands): the
    # exact names come first (by index), then the register's order, and the page says to type more.
    where = "p.is_deleted = 0 AND " + " AND ".join(conds)
    with db.reading() as conn:
        chosen = [r[0] for r in conn.execute(
            f"SELECT p.rowid FROM person p WHERE {where} LIMIT ?", (*args, limit + 1))]
        if len(chosen) > limit:
            exact = [r[0] for r in conn.execute(
                f"SELECT p.rowid FROM person p INDEXED BY person_full_name"
                f" WHERE p.full_name = ? AND {where} LIMIT ?", (clean(text), *args, limit))]
            chosen = list(dict.fromkeys(exact + chosen))[:limit]
        rows = conn.execute(
            PERSON_SELECT + f" WHERE p.rowid IN ({','.join('?' * len(chosen))})"
            " ORDER BY p.full_name <> ?, length(p.full_name), p.full_name, h.room, p.rowid",
            (*chosen, clean(text))).fetchall() if chosen else []
    return [person_from_row(r) for r in rows]
