"""Normalising typed and pasted text: full-width characters, stray and invisible spaces.

Ledgers arrive typed with a Chinese input method (１３８…, ＡＢ), pasted from WeChat (NBSP,
zero-width spaces) or exported from Excel (trailing spaces). Everything is cleaned the same way.
"""
import re
import unicodedata
from functools import lru_cache

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Control characters that are no space (a NUL or \x01 from a CSV or a web page, direction marks
# copied from a web form): invisible, they would make 冯三 and 冯三\x00 two people, and a
# workbook cannot hold them. Tabs and line breaks are spaces (collapsed below).
_CONTROL = dict.fromkeys([c for c in range(32) if not chr(c).isspace()] + [0x7F], None)
_INVISIBLE.update(_CONTROL)
_INVISIBLE.update(dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None))
_LATIN = re.compile(r"[A-Za-z]")


# Full-width digits and letters and the ideographic space, as one translation table (a ledger
# import cleans millions of cells; a per-character loop was most of its time).
_HALFWIDTH = {0x3000: " ", **{c: chr(c - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                             for c in range(r[0], r[1] + 1)}}


def halfwidth(text: str) -> str:
    """Full-width digits and letters (１３８, ＡＢ) and the ideographic space to half-width.

    Chinese punctuation (，。：（）) is left alone: in a reason or a note it is the right
    punctuation, not a typing slip. Fields that hold codes strip their own separators.
    """
    return text.translate(_HALFWIDTH)


_FULL_WIDTH_LETTER = re.compile("[\uff21-\uff3a\uff41-\uff5a]").search


def clean(text) -> str:
    """Trim, drop invisible characters, fold full-width ASCII, collapse runs of spaces."""
    if text is None or text == "":
        return ""
    if type(text) is not str:
        text = str(text)
    if text.isascii():                                # most cells: nothing to fold or drop
        if not text.isprintable():                    # one fast C test: a tab, a line break, a NUL
            text = text.translate(_CONTROL)
        # str.split() splits on exactly what the regex \s matches; join+split is 3x faster.
        return " ".join(text.split())
    if text.isalpha() and not _FULL_WIDTH_LETTER(text) and unicodedata.is_normalized("NFC", text):
        # Letters only (a name, 租住): no space, no invisible or control character and no
        # full-width letter to fold: already clean. A register's names are mostly distinct,
        # and the cache's misses cost more than these three C tests.
        return text
    return _clean_unicode(text)


# Full-width to half-width and invisible characters dropped, in one pass (the first gives only
# ASCII, which the second never drops).
_FOLD = {**_HALFWIDTH, **_INVISIBLE}


@lru_cache(maxsize=1 << 14)
def _clean_unicode(text: str) -> str:
    """Cached: a ledger repeats its Chinese words (租住, 户主, 本地, a landlord) on every page."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.translate(_FOLD).split())


def clean_name(text) -> str:
    """A Chinese name has no inner spaces ('张 三' is 张三); a Latin name keeps single spaces;
    the middle dot of minority and foreign names is unified to '·'."""
    text = clean(text)
    if text.isalpha():              # most names (张三): no spaces, no dots, nothing to change
        return text
    text = text.replace("•", "·").replace("．", "·").replace("・", "·")
    if _LATIN.search(text):
        return text
    return text.replace(" ", "")


# Unicode categories no name is written in: other symbols (emoji 😷, ☆, ♥), surrogates, private
# use and unassigned code points. Printed, each is a box or nothing on every form the name is on.
# Signs the fonts draw (=, +, ¥) are kept as typed: an export writes them as text.
_NOT_NAME_CATEGORIES = {"So", "Cs", "Co", "Cn"}


def name_symbols(name: str) -> str:
    """The characters of ``name`` that are no writing (an emoji pasted from a chat, a ☆), each
    once, in order; '' for a name of letters, the middle dot and spaces."""
    if name.isalpha():
        return ""
    import unicodedata
    found = ""
    for ch in name:
        if ch not in found and (unicodedata.category(ch) in _NOT_NAME_CATEGORIES or ch in "\ufe0e\ufe0f\u200d"):
            found += ch
    return found


def without_name_symbols(name: str) -> str:
    """``name`` with its ``name_symbols`` taken out (a ledger's 张三😷 is 张三)."""
    symbols = name_symbols(name)
    return "".join(ch for ch in name if ch not in symbols).strip() if symbols else name


def digits_only(text) -> str:
    return re.sub(r"\D", "", clean(text))


_LIST_SEPARATOR = re.compile(r"[、，,/;；|\s]+")
_BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]"}


def list_words(text) -> list[str]:
    """'独居老人、低保户', '送餐/代买药' -> the words, in order. A separator inside brackets is
    part of its word: '院外治疗（透析、放化疗）' is one word (the care list's own label, as its
    export writes it), not '院外治疗（透析' and '放化疗）'."""
    words, word, closing = [], [], []
    for part in re.split(r"(%s)" % _LIST_SEPARATOR.pattern, str(text or "")):
        if not part:
            continue
        if closing or not _LIST_SEPARATOR.fullmatch(part):
            word.append(part)
            for ch in part:
                if ch in _BRACKETS:
                    closing.append(_BRACKETS[ch])
                elif closing and ch == closing[-1]:
                    closing.pop()
        else:
            words.append("".join(word))
            word = []
    words.append("".join(word))
    if closing:                      # a bracket never closed ('独居(女、低保'): each word alone
        words = _LIST_SEPARATOR.split(str(text or ""))
    return [w.strip() for w in words if w.strip()]


# A cell that says there is nothing there (无, 暂无, a slash, a dash): such a word is no name, no
# day, no value. The one list, for every field where it means the cell is empty (``says_nothing``).
NOTHING_SAID = frozenset({"无", "没有", "暂无", "空", "不详", "无房东", "null", "none",
                          "/", "／", "\\", "-", "－", "--", "—", "——", "_", "…", "..."})


def says_nothing(text_: str) -> bool:
    """Whether a cell's text (``text``) only says the cell is empty."""
    return text_.lower() in NOTHING_SAID


def no_name(said: str, ask: str = "请填写姓名。") -> str:
    """Why a row whose own 姓名 is empty or only ``said`` there is nobody (/, 无, 暂无:
    ``says_nothing``) is refused, as a row without a name is: such a word is no name (a row's ID
    number would rename the registered person to it)."""
    return f"姓名写的是“{said}”，不是姓名，{ask}" if said else ask
