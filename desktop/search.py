"""Search the way a busy clerk types: a name or part of one, pinyin initials ('zs' finds 张三),
part of an ID number or phone, or an address ('3-2-501', '3栋2单元501', '幸福里3-2').

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
        conds, args = [], []
        if place.compound:
            conds.append("h.compound_id IN (SELECT id FROM compound WHERE name LIKE ?)")
            args.append(f"%{place.compound}%")
        conds.append("b.number = ?")
        args.append(place.building)
        if place.unit:
            conds.append("u.number = ?")
            args.append(place.unit)
        if place.room:
            conds.append("h.room = ?")
            args.append(place.room)
        return " AND ".join(conds), args
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
    return ("p.rowid IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?)",
            [f"chars : {_phrase(chars)}"])


def _looks_like_phone(term: str) -> bool:
    """'139-1234-5678' or '027-88886666': digits in dashed groups, too many for an address
    (building, unit and room together are at most about 8 digits)."""
    return (re.fullmatch(r"[0-9]+(?:[-\s\uff0d][0-9]+)+", term) is not None
            and sum(ch.isdigit() for ch in term) >= 9)


def _phrase_trigram(digits: str) -> str:
    return '"' + digits + '"'


def search_people(db: Database, text: str, limit: int = 200) -> list[Person]:
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
    sql = (PERSON_SELECT + " WHERE p.is_deleted = 0 AND " + " AND ".join(conds)
           + " ORDER BY p.full_name <> ?, length(p.full_name), p.full_name, h.room LIMIT ?")
    with db.reading() as conn:
        rows = conn.execute(sql, (*args, clean(text), limit)).fetchall()
    return [person_from_row(r) for r in rows]
