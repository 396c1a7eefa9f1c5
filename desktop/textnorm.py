"""Normalising typed and pasted text: full-width characters, stray and invisible spaces.

Ledgers arrive typed with a Chinese input method (１３８…, ＡＢ), pasted from WeChat (NBSP,
zero-width spaces) or exported from Excel (trailing spaces). Everything is cleaned the same way.
"""
import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def _is_fullwidth_alnum(code: int) -> bool:
    return 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A


def halfwidth(text: str) -> str:
    """Full-width digits and letters (１３８, ＡＢ) and the ideographic space to half-width.

    Chinese punctuation (，。：（）) is left alone: in a reason or a note it is the right
    punctuation, not a typing slip. Fields that hold codes strip their own separators.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif _is_fullwidth_alnum(code):
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def clean(text) -> str:
    """Trim, drop invisible characters, fold full-width ASCII, collapse runs of spaces."""
    if text is None:
        return ""
    text = halfwidth(unicodedata.normalize("NFC", str(text))).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def clean_name(text) -> str:
    """A Chinese name has no inner spaces ('张 三' is 张三); a Latin name keeps single spaces;
    the middle dot of minority and foreign names is unified to '·'."""
    text = clean(text).replace("•", "·").replace("．", "·").replace("・", "·")
    if re.search(r"[A-Za-z]", text):
        return text
    return text.replace(" ", "")


def digits_only(text) -> str:
    return re.sub(r"\D", "", clean(text))
