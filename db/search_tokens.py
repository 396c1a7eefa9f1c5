"""How names and places are written into the full-text search index, shared by the SQL
functions the index's triggers call (db/connection.py) and the queries (desktop/search.py).

FTS5's unicode61 tokenizer takes a run of Chinese characters as one word, so characters are
spaced out ('张 三'); building, unit and room become words of their own ('b3 u2 r501'), and
the number of a house without building or unit (a village's 12号) the word 'h12'."""
import re
from functools import lru_cache

# The number of a village house (门牌): 12, 12-1, 12之1, 12A (before 号, maybe after 第). The one
# writing of it for the register's doors (desktop/register/places.py), the index and the search.
HOUSE_NUMBER = "[0-9]+(?:[-之][0-9]+)?[A-Za-z]?"
# A 门牌地址 with a number: what comes before it (王家湾, in an address stored before village
# doors were kept as '12号') and after it ('旁') is indexed as characters.
_HOUSE = re.compile(f"(?P<before>.*?)第?(?P<n>{HOUSE_NUMBER})号?(?P<after>[^0-9]*)")


def spaced(text: str | None) -> str:
    """'张三' -> '张 三': lets FTS5's unicode61 tokenizer see each character as a token."""
    return " ".join(ch for ch in (text or "") if not ch.isspace())


def place_words(building: str | None, unit: str | None, room: str | None) -> list[str]:
    """('3', '2', '501') -> ['b3', 'u2', 'r501']; missing parts are left out."""
    out = []
    for mark, value in (("b", building), ("u", unit), ("r", room)):
        value = "".join(ch for ch in (value or "") if ch.isalnum())
        if value:
            out.append(mark + value)
    return out


def house_word(number: str) -> str:
    """'12' -> 'h12', '12-1' and '12之1' -> 'h12z1' (one token: '-' would split it, and
    '121' is another house), '12a' -> 'h12A'."""
    return "h" + re.sub("[-之]", "z", number.upper())


def house_text(text: str | None) -> str:
    """A door's 门牌地址 as index words: '17号' -> 'h17', '王家湾2号' -> '王 家 湾 h2',
    '村委会旁' -> '村 委 会 旁'."""
    text = "".join((text or "").split())
    m = _HOUSE.fullmatch(text)
    if not m:
        return spaced(text)
    return " ".join(filter(None, (spaced(m["before"]), house_word(m["n"]), spaced(m["after"]))))


# Cached: the people of one household share their place, and an import indexes 100,000 at once.
@lru_cache(maxsize=4096)
def place(compound: str | None, building: str | None, unit: str | None, room: str | None,
          address_text: str | None = None) -> str:
    """'幸 福 里 小 区 b3 u2 r501': the compound's characters, then the building, unit and room;
    a door without building or unit is a house: its number also 'h12' ('12号' finds it),
    and its address text ('王 家 湾 h12')."""
    words = [spaced(compound), *place_words(building, unit, room)]
    if not (building or unit) and room and re.fullmatch(HOUSE_NUMBER, room):
        words.append(house_word(room))
    words.append(house_text(address_text))
    return " ".join(filter(None, words))
