"""How names and places are written into the full-text search index, shared by the SQL
functions the index's triggers call (db/connection.py) and the queries (desktop/search.py).

FTS5's unicode61 tokenizer takes a run of Chinese characters as one word, so characters are
spaced out ('张 三'); building, unit and room become words of their own ('b3 u2 r501'), and
the number of a house without building or unit (a village's 12号) the word 'h12'. Numbers an
address writes in Chinese (十二号, 三组) are read as figures on both sides (``arabic_numbers``)."""
import re
from functools import lru_cache

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A Chinese number up to 999 as written: 三, 十二, 二十三, 一百, 一百零五, 一百一十二, 两百五十 (and
# the spoken 一百十二). 一百五 (spoken for 150) is not read: it could be 105 typed short.
_CN_NUMBER = re.compile("(?:(?P<h>[一二两三四五六七八九])百)?(?P<zero>[零〇])?"
                        "(?:(?P<t>[一二三四五六七八九])?(?P<ten>十))?(?P<o>[一二三四五六七八九])?")


def chinese_number(text: str) -> int | None:
    """'三' 3, '十二' 12, '二十三' 23, '一百零五' 105, '两百' 200, '九百九十九' 999; None when it is
    not a Chinese number below 1000 written in full."""
    m = _CN_NUMBER.fullmatch(text or "")
    if not m or not text:
        return None
    hundreds, zero, tens, ten, ones = m.group("h", "zero", "t", "ten", "o")
    if zero and not (hundreds and ones and not ten):      # 零 only between 百 and a digit: 一百零五
        return None
    if hundreds and ones and not ten and not zero:        # 一百五: 150 spoken, or 105 typed short
        return None
    value = (_CN_DIGITS["二" if hundreds == "两" else hundreds] * 100 if hundreds else 0)
    value += (_CN_DIGITS[tens] if tens else 1) * 10 if ten else 0
    return value + (_CN_DIGITS[ones] if ones else 0)


# A number as a place writes it: a run of figures or of Chinese numerals (``number_value`` reads
# it). The one reading of numbers in places: their order (desktop/register/places.place_order)
# and an address's figures (``arabic_numbers``).
NUMBER_RUN = re.compile("[0-9]+|[零〇一二两三四五六七八九十百]+")


def number_value(run: str) -> int | None:
    """A run of ``NUMBER_RUN`` as a value: '12' 12, '十二' 12; None for a run that is no number
    (一百五, 三三)."""
    return int(run) if run.isdigit() else chinese_number(run)


# A number that counts a part of an address: before 号, 组, 栋, 单元 … Only there: 三里屯,
# 一品苑 and a name (王二) keep their characters.
# 第 before it says nothing more: 第三组 is 3组.
_CN_IN_ADDRESS = re.compile(f"第?({NUMBER_RUN.pattern})(?=号|组|小组|村民小组|队|栋|幢|单元|楼|室|层|排)")


@lru_cache(maxsize=4096)
def arabic_numbers(text: str) -> str:
    """An address with its Chinese numbers in figures: '三组十二号' -> '3组12号', '第十二号' ->
    '12号'; a run that is no number (一百五) is kept. The one reading of them for the index
    (``place``) and the search (desktop/search.py), so an old 十二号 is found by '12号' and the
    other way round."""
    return _CN_IN_ADDRESS.sub(_in_figures, text) if text else text


def _in_figures(m: re.Match) -> str:
    number = m.group(1)
    if number.isdigit():
        return number                   # figures as written
    return str(value) if (value := number_value(number)) is not None else m.group(0)

# The number of a village house (门牌): 12, 12-1, 12之1, 12A (before 号, maybe after 第). The one
# writing of it for the register's doors (desktop/register/places.py), the index and the search.
HOUSE_NUMBER = "[0-9]+(?:[-之][0-9]+)?[A-Za-z]?"
# A 门牌地址 with a number: what comes before it (王家湾, in an address stored before village
# doors were kept as '12号') and after it ('旁') is indexed as characters. Without 号 the number
# ends the address ('17'): in '新民村3组' it counts a group, not a house.
_HOUSE = re.compile(f"(?P<before>.*?)第?(?P<n>{HOUSE_NUMBER})(?:号(?P<after>[^0-9]*))?")


def spaced(text: str | None) -> str:
    """'张三' -> '张 三': lets FTS5's unicode61 tokenizer see each character as a token.
    (``str.split`` drops what ``str.isspace`` calls space, in C: the index calls this for every person.)"""
    return " ".join("".join((text or "").split()))


# Cached, as ``house_text``: the index asks for the same compound names and addresses for
# every household (``place`` itself is cached by the whole door, which differs from one to the next).
@lru_cache(maxsize=4096)
def place_chars(text: str | None) -> str:
    """A place's name or address text as index words: each character a word, as ``spaced``,
    but a run of figures one word ('3组' '3 组', '12组' '12 组'), so that 2组 is not found in
    12组; Chinese numbers first in figures (``arabic_numbers``: '三组' is '3 组')."""
    return " ".join(re.findall(r"[0-9]+|\S", arabic_numbers(text or "")))


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


@lru_cache(maxsize=4096)
def house_text(text: str | None) -> str:
    """A door's 门牌地址 as index words: '17号' and '十七号' -> 'h17', '王家湾2号' -> '王 家 湾 h2',
    '三组5号' -> '3 组 h5', '村委会旁' -> '村 委 会 旁'."""
    text = arabic_numbers("".join((text or "").split()))
    m = _HOUSE.fullmatch(text)
    if not m:
        return place_chars(text)
    return " ".join(filter(None, (place_chars(m["before"]), house_word(m["n"]), place_chars(m["after"]))))


# Cached: the people of one household share their place, and an import indexes 100,000 at once.
@lru_cache(maxsize=4096)
def place(compound: str | None, building: str | None, unit: str | None, room: str | None,
          address_text: str | None = None) -> str:
    """'幸 福 里 小 区 b3 u2 r501': the compound's characters, then the building, unit and room;
    a door without building or unit is a house: its number also 'h12' ('12号' finds it),
    and its address text ('王 家 湾 h12')."""
    words = [place_chars(compound), *place_words(building, unit, room)]
    if not (building or unit) and room and re.fullmatch(HOUSE_NUMBER, room):
        words.append(house_word(room))
    words.append(house_text(address_text))
    return " ".join(filter(None, words))
