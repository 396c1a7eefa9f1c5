"""Search the way a busy clerk types: a name or part of one, pinyin initials ('zs' finds 张三),
part of an ID number or phone, an address ('3-2-501', '3栋2单元501', '幸福里3-2'), or the
name of a compound together with another word ('幸福里 张').

Several words separated by spaces must all match ('张 3-2'). Names are matched through an FTS5
index of single characters searched as a phrase (FTS5's trigram tokenizer cannot match the
2-character names most Chinese people have); digits through a trigram index, so any 3 or more
digits of an ID number or phone find it; addresses through the place indexes.

Each word becomes a query for the rowids of the people it matches, read from an index without
touching the person table. One word is answered in SQL. With several, the word likely to match
fewest people is read first and the others narrow it down: left to itself SQLite would walk the
larger list ('陈' is one person in twenty in a street office) and look each one up, or run a
full-text query once per candidate.
"""
import json
import re

from db.connection import Database
from desktop.address import Place, parse_place
from desktop.records import Person
from desktop.register import PERSON_SELECT, person_from_row
from desktop.textnorm import clean

_NAME_FTS = "SELECT rowid AS r FROM person_name_fts WHERE person_name_fts MATCH ?"
_DIGITS_FTS = "SELECT rowid AS r FROM person_digits_fts WHERE person_digits_fts MATCH ?"
# Person ids to rowids through the primary-key index alone.
_ROWIDS_OF = "SELECT p5.rowid AS r FROM person p5 WHERE p5.id IN ({})"


def _phrase(chars: str) -> str:
    return '"' + " ".join(chars).replace('"', '""') + '"'


def _quoted(digits: str) -> str:
    return '"' + digits + '"'


def _word_rowids(term: str) -> tuple[int, str, list] | None:
    """(how many people the word likely matches: 0 few … 3 many, a SELECT of their rowids, its
    arguments); None to ignore the word."""
    if _looks_like_phone(term):
        # Landlines are kept as typed ('027-88886666'), mobiles as bare digits: try both.
        dashed, bare = re.sub(r"[\s\uff0d]", "-", term), re.sub(r"\D", "", term)
        return 0, _DIGITS_FTS, [f"{_quoted(dashed)} OR {_quoted(bare)}"]
    place = parse_place(term)
    if place is not None:
        sql, args = _living_at(place)
        return (0 if place.room else 2), _ROWIDS_OF.format(sql), args
    if re.fullmatch(r"[0-9]+[xX]?", term):
        if len(term) < 3:
            return None                       # one or two digits match half the register
        return (1 if len(term) >= 5 else 2), _DIGITS_FTS, [_quoted(term.upper())]
    if re.fullmatch(r"[A-Za-z]+", term):
        return (2 if len(term) >= 3 else 3), _NAME_FTS, [f"pinyin : {term.lower()}*"]
    chars = "".join(ch for ch in term if not ch.isspace() and ch not in '"*^:()')
    if not chars:
        return None
    if len(chars) < 2:
        return 3, _NAME_FTS, [f"chars : {_phrase(chars)}"]
    # Two or more characters may also name a compound or village group ('幸福里 张').
    in_compound = _ROWIDS_OF.format(
        "SELECT m3.person_id FROM compound c3"
        " CROSS JOIN household h3 ON h3.compound_id = c3.id AND h3.is_deleted = 0"
        " CROSS JOIN membership m3 ON m3.household_id = h3.id AND m3.is_deleted = 0"
        " WHERE c3.is_deleted = 0 AND c3.name LIKE ?")
    return 1, f"{_NAME_FTS} UNION {in_compound}", [f"chars : {_phrase(chars)}", f"%{chars}%"]


def _living_at(place: Place) -> tuple[str, list]:
    """Ids of the people living at a place, starting from the building, so that SQLite walks
    the few households there (CROSS JOIN fixes that order: without ANALYZE figures the planner
    would rather scan every household)."""
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
    return ("SELECT m2.person_id FROM building b2 CROSS JOIN household h2 ON h2.building_id = b2.id"
            + joins + " JOIN membership m2 ON m2.household_id = h2.id AND m2.is_deleted = 0"
            " WHERE " + " AND ".join(conds), args)


def _looks_like_phone(term: str) -> bool:
    """'139-1234-5678' or '027-88886666': digits in dashed groups, too many for an address
    (building, unit and room together are at most about 8 digits)."""
    return (re.fullmatch(r"[0-9]+(?:[-\s\uff0d][0-9]+)+", term) is not None
            and sum(ch.isdigit() for ch in term) >= 9)


def search_people(db: Database, text: str, limit: int = 100) -> list[Person]:
    """People matching every word of ``text``; exact names first. Empty text finds nobody."""
    words = [w for w in (_word_rowids(t) for t in (clean(text).split(" ") if clean(text) else [])) if w]
    if not words:
        return []
    with db.reading() as conn:
        if len(words) == 1:
            candidates, args = f"p.rowid IN ({words[0][1]})", list(words[0][2])
        else:
            # The likely smallest set is read here; each other word only narrows it, in SQL
            # ('SELECT value FROM json_each … WHERE value IN (word)' reads the word's index once).
            first, *others = sorted(words, key=lambda w: w[0])
            common = [r[0] for r in conn.execute(first[1], first[2])]
            for _, sql, word_args in others:
                if not common:
                    break
                common = [r[0] for r in conn.execute(
                    f"SELECT value FROM json_each(?) WHERE value IN ({sql})", (json.dumps(common), *word_args))]
            candidates, args = "p.rowid IN (SELECT value FROM json_each(?))", [json.dumps(common)]
        where = f"p.is_deleted = 0 AND {candidates}"
        # The answers are chosen from the person table first and only they are joined to their
        # households. With more than ``limit`` of them, ranking them all would cost tens of ms
        # in a street office ('浩然' finds thousands): the exact names come first (by index),
        # then the register's order, and the page says to type more.
        chosen = [r[0] for r in conn.execute(f"SELECT p.rowid FROM person p WHERE {where} LIMIT ?",
                                             (*args, limit + 1))]
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
