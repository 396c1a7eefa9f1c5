"""Addresses as people write them: '3-2-501', '3栋2单元501', '4号楼', '幸福里3-2-501室'."""
import re
from dataclasses import dataclass
from functools import lru_cache

# Chinese numbers are read by the search index's functions: one reading for doors and search.
from db.search_tokens import NUMBER_RUN, arabic_numbers, number_value
from desktop.textnorm import clean


@dataclass(frozen=True)
class Place:
    """A place in the register: any part may be missing ('3栋' has only a building)."""
    compound: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""


@lru_cache(maxsize=4096, typed=True)          # a ledger repeats the same few on every row
def building_number(raw) -> str:
    """'4号楼', '4栋', '4幢', 'B4', '４' -> '4'; anything else is kept as cleaned text."""
    text = clean(raw)
    text = re.sub(r"\.0$", "", text)             # 4.0 from a numeric Excel cell
    m = re.fullmatch(r"(?:第)?([0-9A-Za-z]+)\s*(?:号楼|号|栋|幢|楼|#|座)?", text)
    if m:
        return m.group(1).upper()
    value = _counted(text, "号楼|号|栋|幢|楼")
    return str(value) if value is not None else text


@lru_cache(maxsize=4096, typed=True)
def unit_number(raw) -> str:
    text = clean(raw)
    text = re.sub(r"\.0$", "", text)
    m = re.fullmatch(r"(?:第)?([0-9A-Za-z]+)\s*(?:单元|门|号)?", text)
    if m:
        return m.group(1).upper()
    value = _counted(text, "单元")
    return str(value) if value is not None else text


def _counted(text: str, words: str) -> int | None:
    """The number of '第三栋', '三号楼', '二单元' (第 before it, one of ``words`` after it), read as
    places and the search read numbers (``NUMBER_RUN``, ``number_value``); None when the text
    is anything else."""
    m = re.fullmatch(f"第?({NUMBER_RUN.pattern})(?:{words})?", text)
    return number_value(m.group(1)) if m else None


@lru_cache(maxsize=4096, typed=True)
def room_number(raw) -> str:
    text = clean(raw)
    text = re.sub(r"\.0$", "", text)
    m = re.fullmatch(r"([0-9A-Za-z\-]+)\s*(?:室|号|房)?", text)
    return m.group(1).upper() if m else text


_PLACE = re.compile(
    r"^(?P<compound>.*?[^\d\s-])??\s*"
    r"(?P<b>[0-9]+[A-Za-z]?)\s*(?:栋|幢|号楼|#|-|—|/)\s*"
    r"(?:(?P<u>[0-9]+)\s*(?:单元|-|—|/)\s*)?"
    r"(?P<r>[0-9]+[A-Za-z]?)?\s*(?:室|号)?$")


# A room read out digit by digit, as old ledgers write it (四零一, 六〇二): two or more plain Chinese
# digits after the building or unit, ending the address or before 室/号/房. Never a counted number
# (十二 and 一百零五 have 十 or 百) nor a name (九九花园 is not after a building).
_ROOM_DIGITS = re.compile("(?:(?<=单元)|(?<=[栋幢楼#-]))[零〇一二三四五六七八九]{2,}(?=[室号房]?$)")
_FIGURES = str.maketrans("零〇一二三四五六七八九", "00123456789")


def address_in_figures(text: str) -> str:
    """'三号楼二单元四零一' -> '3号楼2单元401': the one reading of an address's Chinese numbers
    for the import (desktop/excel/normalise.address) and a typed address (``parse_place``)."""
    text = arabic_numbers(text)
    return _ROOM_DIGITS.sub(lambda m: m.group(0).translate(_FIGURES), text) if text else text


# What an input method or Excel types for a dash: full-width, en and em dashes, the minus sign.
_DASHES = re.compile("[\uff0d\u2013\u2014\u2015\u2212]")


def parse_place(text: str) -> Place | None:
    """A typed address, or None when the text is not one.

    Two numbers with a dash are building and unit when the second is small ('3-2'), building
    and room when it looks like a room ('3-501').
    """
    text = address_in_figures(_DASHES.sub("-", clean(text)))
    m = _PLACE.match(text)
    if not m or not re.search(r"\d", text):
        return None
    b, u, r = m.group("b"), m.group("u") or "", m.group("r") or ""
    separator_is_dash = not re.search(r"栋|幢|号楼|单元|#|室", text)
    if separator_is_dash and not u and r and len(r) <= 2:
        u, r = r, ""              # '3-2' is building 3, unit 2
    return Place(compound=(m.group("compound") or "").strip(), building=b.upper(), unit=u, room=r.upper())


def format_place(compound: str | None, building: str | None, unit: str | None, room: str | None,
                 address_text: str | None = None) -> str:
    parts = [compound or ""]
    if building:
        parts.append(f"{building}栋")
    if unit:
        parts.append(f"{unit}单元")
    if room:
        parts.append(room)
    if address_text:
        parts.append(address_text)
    return " ".join(p for p in [parts[0], "".join(parts[1:])] if p)
