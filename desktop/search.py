"""Search the way a busy clerk types: a name or part of one, pinyin initials ('zs' finds 张三),
part of an ID number or phone, an address ('3-2-501', '3栋2单元501', '幸福里3-2'), a village
house ('12号', '王家湾12号', '王家湾 12号', after the office's own name: '新民村王家湾组12号'), or the name of a compound or village group with
another word ('幸福里 张', '王家湾组 张': a group is also found by its name without 组 or
村民小组, and the other way round).

Several words separated by spaces must all match ('张 3-2'). Names and places live in one FTS5
index (db/search_tokens.py): names as single characters searched as phrases (FTS5's trigram
tokenizer cannot match the 2-character names most Chinese people have), places as the
compound's characters, 'b3 u2 r501' and a house's 'h12'. So the words of a search become one
FTS5 AND query, which merges its lists in C however common each word is. Digits (any 3 or more
of an ID number or phone) go through a trigram index of their own; one or two are a door's
number ('12': house 12号), and three a door's or digits ('501': room 501 and house 501号 first,
then the IDs and phones holding 501). Chinese numbers in an address ('三组十二号') are read as figures, as
the index reads them (db/search_tokens.py, ``arabic_numbers``).
"""
import re

from db.connection import Database
from desktop.accounts.roles import Permission, require
from db.search_index import scratch_index
from db.search_tokens import HOUSE_NUMBER, arabic_numbers, house_word, place_chars, place_words, spaced
from desktop.address import parse_place
from desktop.records import Person
from desktop.register import PERSON_SELECT, person_from_row
from desktop.register.places import (after_village, house_address, office_village, own_place, place_core,
                                     place_order, village_door, village_of)
from desktop.textnorm import clean


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# A village house as a clerk types it (its Chinese numbers in figures first: ``arabic_numbers``):
# '12号', '第12号', '12-1号', '王家湾12号', and after a place's name the number alone ('王家湾12').
_HOUSE = re.compile(f"(?P<place>.*?)第?(?P<n>{HOUSE_NUMBER})号"
                    f"|(?P<place2>.*[^\\s\\d第])(?P<n2>{HOUSE_NUMBER})")


def _core(name: str) -> str:
    """The distinctive part of a place's name typed in a search when it has another ('王家湾'
    for '王家湾组' and '王家湾村民小组', which are the group stored as either), else ''."""
    core = place_core(name)
    return core if core != name and len(core) >= 2 else ""


def _place_name(name: str) -> str:
    """FTS5 expression for a compound's or village group's name typed in a search."""
    return " OR ".join(_phrase(place_chars(n)) for n in (name, _core(name)) if n)


def _house(term: str, own: str = "") -> str | None:
    """FTS5 expression over the place column for a house typed as its number ('12号', '12'),
    with its place before it ('王家湾12号'); None when ``term`` is no house. ``own``: the place
    a number without one is in (``match_condition``: after the village's own name)."""
    if re.fullmatch(r"[0-9]{1,3}", term):
        number, place = term, ""           # '12': door 12, as a clerk means it (not an ID's digits)
    elif m := _HOUSE.fullmatch(arabic_numbers(term)):
        number, place = m["n"] or m["n2"], (m["place"] or m["place2"] or "").strip()
    else:
        return None
    parts = [f"place : {_phrase(house_word(number))}"]
    if place or own:
        parts.append(f"place : ({_place_name(place or own)})")
    return " AND ".join(parts)


def _word(term: str, own: str = "") -> tuple[str, str | tuple[str, str]] | None:
    """('name', FTS5 expression over the name index), ('digits', one over the digit index) or
    ('door', (one over the name index, one over the digit index)): a bare number that is a door
    or digits, the door meant first; None to ignore the word. ``own``: the place a house number
    typed alone is in (``_house``)."""
    if _looks_like_phone(term):
        # Landlines are kept as typed ('027-88886666'), mobiles as bare digits: try both.
        dashed, bare = re.sub(r"[\s\uff0d]", "-", term), re.sub(r"\D", "", term)
        return "digits", f"{_phrase(dashed)} OR {_phrase(bare)}"
    place = parse_place(arabic_numbers(term))
    if place is not None:
        words = place_words(place.building, place.unit, place.room)
        # '3-501' has no unit: building and room are separate words of the same place.
        parts = [f"place : {_phrase(' '.join(words))}"] if place.unit or not place.room else \
            [f"place : {_phrase(w)}" for w in words]
        if place.compound:
            parts.append(f"place : ({_place_name(place.compound)})")
        return "name", " AND ".join(parts)
    if re.fullmatch(r"[0-9]+[xX]?", term):
        if len(term) < 3:
            # One or two digits are in half the register's ID numbers and phones: a door's number
            # ('12'); an ID's end ('1X') is too short to look for.
            return ("name", house) if (house := _house(term, own)) else None
        if len(term) == 3 and term.isdigit():
            # In a compound '501' is room 501 most of the time (in a village house 501号), and
            # also the digits of many IDs and phones: both are found, the doors shown first.
            return "door", (f"({_house(term, own)}) OR place : {_phrase('r' + term)}", _phrase(term))
        return "digits", _phrase(term.upper())
    if re.fullmatch(r"[A-Za-z]+", term):
        return "name", f"pinyin : {term.lower()}*"
    chars = "".join(ch for ch in term if not ch.isspace() and ch not in '"*^:(){}')
    if not chars:
        return None
    if len(chars) < 2:
        return "name", f"chars : {_phrase(chars)}"
    # Two or more characters may also name a compound or village group ('幸福里 张', '王家湾组',
    # '三组' stored as 3组) or a house ('12号', '王家湾12'); a name may end in a digit too
    # ('张三2', for namesakes). A name is never read for numbers: 王二 is no 2.
    readings = [f"chars : {_phrase(spaced(chars))}", f"place : {_phrase(place_chars(chars))}"]
    if core := _core(chars):
        readings.append(f"place : {_phrase(place_chars(core))}")
    if (house := _house(term, own)) is not None:
        readings.append(f"({house})")
    return "name", " OR ".join(readings)


def _looks_like_phone(term: str) -> bool:
    """'139-1234-5678' or '027-88886666': digits in dashed groups, too many for an address
    (building, unit and room together are at most about 8 digits)."""
    return (re.fullmatch(r"[0-9]+(?:[-\s\uff0d][0-9]+)+", term) is not None
            and sum(ch.isdigit() for ch in term) >= 9)


def match_condition(text: str, village: str = "", own: str = "") -> tuple[str, list] | None:
    """(SQL condition on ``person p``, its arguments) that every word of ``text`` matches,
    through the search indexes; None when no word is a search (empty text). The one reading of
    what a clerk typed, for the register's search and the list of removed people.

    ``village``: the office's community's name (``places.office_village``), or ''. An address
    may begin with it (新民村王家湾组12号): the index holds no community's name, so it is left
    out, as the register leaves it out of a door (``places.after_village``). ``own``: the place
    named after the village itself (``places.own_place``), or ''. A house number right after the
    village's name with no group between (新民村12号, 新民村 12) is that place's: a clerk writes
    the group when the houses are numbered group by group, and leaves it out for the houses the
    village numbers as its own. Without such a place every group's 12号 is found, each shown
    with its group: the clerk sees there are several and which."""
    return _condition(_words(text, village, own))


def _words(text: str, village: str, own: str) -> list[tuple]:
    """The words of ``text`` as ``_word`` reads them, past the village's own name."""
    words, after_name = [], False
    for term in clean(text).split(" ") if clean(text) else []:
        rest = after_village(term, village)
        after_name = after_name or rest != term
        if rest and (word := _word(rest, own if after_name else "")):
            words.append(word)
    return words


def _condition(words: list[tuple], doors_only: bool = False) -> tuple[str, list] | None:
    """``match_condition`` of ``words``. ``doors_only``: a bare number that may be a door or
    digits ('501') read as the door alone, for the answers shown first (``search_people``);
    None when no word is such a number."""
    if not words or (doors_only and not any(kind == "door" for kind, _ in words)):
        return None
    if doors_only:
        words = [("name", expr[0]) if kind == "door" else (kind, expr) for kind, expr in words]
    names = [expr for kind, expr in words if kind == "name"]
    conds, args = [], []
    if names:
        conds.append(_NAME_MATCH)
        args.append(" AND ".join(f"({e})" for e in names))
    for kind, expr in words:
        if kind == "digits":
            conds.append(_DIGITS_MATCH)
            args.append(expr)
        elif kind == "door":
            conds.append(f"({_NAME_MATCH} OR {_DIGITS_MATCH})")
            args += expr
    return " AND ".join(conds), args


_NAME_MATCH = "p.rowid IN (SELECT rowid FROM person_name_fts WHERE person_name_fts MATCH ?)"
_DIGITS_MATCH = "p.rowid IN (SELECT rowid FROM person_digits_fts WHERE person_digits_fts MATCH ?)"


def office_words(conn) -> tuple[str, str]:
    """(the office's village's name, its own place's name) that ``match_condition`` reads an
    address against: read from the register each search (a place may be added meanwhile)."""
    village = office_village(conn).name
    return village, own_place(conn, village)


def matching_entries(entries, text: str, village: str = "", own: str = "") -> set[int]:
    """The rowids of ``entries`` (rowid, chars, pinyin, place, digits: what the search indexes
    hold of a person) that ``text`` matches, read as ``match_condition`` reads it: for people the
    index holds otherwise (a removed person, found by the door they were taken out of)."""
    matching = match_condition(text, village, own)
    if matching is None:
        return set()
    with scratch_index(entries) as conn:
        return {r[0] for r in conn.execute(f"SELECT p.rowid FROM person p WHERE {matching[0]}", matching[1])}


def search_people(db: Database, text: str, limit: int = 100, *,
                  permission: Permission = Permission.REGISTER_READ) -> list[Person]:
    """People matching every word of ``text``; exact names first. Empty text finds nobody.
    ``permission``: the gate's lookup asks with Permission.GATE and keeps only a gate's fields."""
    require(db, permission)
    with db.reading() as conn:
        words = _words(text, *office_words(conn))
        matching = _condition(words)
        if matching is None:
            return []
        # A bare number ('501') is a door or digits: the people at the door come first, chosen
        # before the rest (the LIMIT below picks rows in no order), and stay first.
        first = []
        if (doors := _condition(words, doors_only=True)) is not None:
            first = [r[0] for r in conn.execute(f"SELECT p.rowid FROM person p WHERE p.is_deleted = 0"
                                                f" AND {doors[0]} LIMIT ?", (*doors[1], limit + 1))]
        where, args = "p.is_deleted = 0 AND " + matching[0], matching[1]
        # The answers are chosen from the person table first and only they are joined to their
        # households. With more than ``limit`` of them, ranking them all would cost tens of ms
        # in a street office ('浩然' finds thousands): the exact names come first (by index),
        # then the register's order, and the page says to type more.
        chosen = first + ([r[0] for r in conn.execute(f"SELECT p.rowid FROM person p WHERE {where} LIMIT ?",
                                                      (*args, limit + 1))] if len(first) <= limit else [])
        chosen = list(dict.fromkeys(chosen))
        if len(chosen) > limit and not first:
            exact = [r[0] for r in conn.execute(
                f"SELECT p.rowid FROM person p INDEXED BY person_full_name"
                f" WHERE p.full_name = ? AND {where} LIMIT ?", (clean(text), *args, limit))]
            chosen = list(dict.fromkeys(exact + chosen))
        chosen = chosen[:limit]
        rows = conn.execute(
            PERSON_SELECT + f" WHERE p.rowid IN ({','.join('?' * len(chosen))})"
            f" ORDER BY p.rowid NOT IN ({','.join('?' * len(first))}), p.full_name <> ?,"
            " length(p.full_name), p.full_name, h.room, p.rowid",
            (*chosen, *first, clean(text))).fetchall() if chosen else []
    return [person_from_row(r) for r in rows]


def groups_sharing_house(db: Database, text: str, people: list[Person]) -> tuple[str, list[str]]:
    """('12号', ['李家墩组', '王家湾村民小组']) when ``text`` names a house by its number alone, no
    group ('12号', '12', '新民村12号', '新民村 12', read as ``match_condition`` reads them) and
    ``people`` (what it found) live at that house in several groups: the register page tells
    the clerk to add the group. ('', []) otherwise."""
    with db.reading() as conn:
        village = office_village(conn)
        typed = [rest for term in clean(text).split(" ") if (rest := after_village(term, village.name))]
        ids = list({p.household_id for p in people if p.household_id})
        if len(typed) != 1 or not re.fullmatch(f"第?{HOUSE_NUMBER}号?", arabic_numbers(typed[0])) or not ids:
            return "", []
        houses = {}
        for compound_id, name, kind, room, address_text in conn.execute(
                "SELECT c.id, c.name, c.kind, h.room, h.address_text FROM household h"
                " JOIN compound c ON c.id = h.compound_id WHERE h.building_id IS NULL AND h.unit_id IS NULL"
                f" AND h.id IN ({','.join('?' * len(ids))})", ids):
            of = village_of(conn, compound_id)
            house = house_address(name, typed[0], of.name)
            if village_door(kind, name, None, None, room, address_text, of)[1] == house:
                houses.setdefault(house, set()).add(name)
    # The groups in the order the tree and every list of them shows (一组 二组 三组, not by character code).
    return next(((house, sorted(names, key=place_order)) for house, names in houses.items() if len(names) > 1),
                ("", []))
