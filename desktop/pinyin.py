"""Pinyin of names, computed once when a name is written, for search by initials ('zs' 张三).

pypinyin takes about a third of a second to load its dictionaries, so it is imported on first
use, not at start-up. Surnames with two readings (曾 zeng/ceng, 单 shan/dan) give every
reading's initials, so a clerk finds the person whichever way they say it.
"""
import sys
import types
from functools import lru_cache
from itertools import product
from operator import itemgetter

MAX_VARIANTS = 6
# Name characters pypinyin has no reading for (Unihan kMandarin): 𠮷 (U+20BB7, the 吉 of the
# 𠮷 family) is the one clerks meet; without it 𠮷大爷 was found by "dy" only.
_READINGS_MISSING = {"𠮷": ("ji",)}


@lru_cache(maxsize=1)
def _pinyin():
    # Only single characters are ever read here (and pypinyin is used nowhere else): its 47,000
    # phrases, none of one character, are a fifth of a second to load at an import's first name
    # (issue 14.8) and change no character's readings (all 41,931 compared), so not loaded.
    if "pypinyin" not in sys.modules:
        phrases = types.ModuleType("pypinyin.phrases_dict")
        phrases.phrases_dict = {}
        sys.modules.setdefault("pypinyin.phrases_dict", phrases)
    import pypinyin
    return pypinyin


@lru_cache(maxsize=30000)
def _readings(ch: str) -> tuple[str, ...]:
    """Every reading of one character, the usual one first; () for a character without pinyin."""
    if ch in _READINGS_MISSING:
        return _READINGS_MISSING[ch]
    p = _pinyin()
    usual = p.lazy_pinyin(ch, errors="ignore")
    if not usual or not usual[0].isascii() or not usual[0].isalpha():
        return ()
    every = p.pinyin(ch, style=p.Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys([usual[0].lower(), *(r.lower() for r in (every[0] if every else []))]))


@lru_cache(maxsize=30000)
def _initials(ch: str) -> tuple[str, ...]:
    """The first letters of a character's readings, sorted: 曾 -> ('c', 'z')."""
    return tuple(sorted({r[0] for r in _readings(ch)}))


class _PlainChars(dict):
    """ch -> (usual reading, its initial, every reading) of a character whose readings all
    begin alike (most name characters), else None (曾: c and z; a character without pinyin).
    Filled on first sight; then one lookup a character."""

    def __missing__(self, ch: str):
        readings, initials = _readings(ch), _initials(ch)
        found = self[ch] = (readings[0], initials[0], readings) if readings and len(initials) == 1 else None
        return found


_PLAIN = _PlainChars()
_USUAL, _INITIAL = itemgetter(0), itemgetter(1)


# Not cached: a register's names are mostly distinct (81,000 of 100,000 in the bench's ledger),
# and an lru_cache's misses cost more than the characters' lookups below (0.69 s against 0.41 s
# for those names); each character's readings are cached.
def name_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin), each a space-separated list of variants:
    曾三 -> ('cs zs', 'cengsan zengsan').

    Worked out character by character (cached): a name is not a phrase, and an import of
    100,000 people cannot wait for pypinyin's phrase segmentation of each name.
    """
    if not name:
        return "", ""
    if name.isascii():                       # a Latin name: 'John Smith' -> js, johnsmith
        words = [w for w in name.lower().replace("·", " ").split() if w.isalpha()]
        return "".join(w[0] for w in words), "".join(words)
    plain = list(map(_PLAIN.__getitem__, name))
    if None not in plain:                    # one initial a character (most names): one pass
        rest = "".join(map(_USUAL, plain[1:]))
        every = plain[0][2]
        return "".join(map(_INITIAL, plain)), (every[0] + rest if len(every) == 1 else
                                               " ".join([r + rest for r in every[:MAX_VARIANTS]]))
    chars = [r for r in map(_readings, name) if r]
    if not chars:
        return "", ""
    usual_initials = "".join([r[0][0] for r in chars])
    firsts = [i for i in map(_initials, name) if i]      # () exactly for a character without readings
    if max(map(len, firsts)) == 1:
        initials = usual_initials            # one initial a character (most names): the one combination
    else:
        variants = [usual_initials]
        for combo in product(*firsts):
            variants.append("".join(combo))
            if len(variants) > MAX_VARIANTS:
                break
        initials = " ".join(dict.fromkeys(variants))
    # Full pinyin once per reading of the surname (曾: ceng and zeng), the rest as usually read.
    rest = "".join([r[0] for r in chars[1:]])
    fulls = [reading + rest for reading in chars[0][:MAX_VARIANTS]]
    return initials, " ".join(fulls)
