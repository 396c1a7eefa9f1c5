"""Pinyin of names, computed once when a name is written, for search by initials ('zs' 张三).

pypinyin takes about a third of a second to load its dictionaries, so it is imported on first
use, not at start-up. Surnames with two readings (曾 zeng/ceng, 单 shan/dan) give every
reading's initials, so a clerk finds the person whichever way they say it.
"""
from functools import lru_cache
from itertools import product

MAX_VARIANTS = 6


@lru_cache(maxsize=1)
def _pinyin():
    import pypinyin
    return pypinyin


def name_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin), each a space-separated list of variants:
    曾三 -> ('cs zs', 'cengsan zengsan')."""
    if not name:
        return "", ""
    if name.isascii():                       # a Latin name: 'John Smith' -> js, johnsmith
        words = [w for w in name.lower().replace("·", " ").split() if w.isalpha()]
        return "".join(w[0] for w in words), "".join(words)
    p = _pinyin()
    letters = p.pinyin(name, style=p.Style.FIRST_LETTER, heteronym=True, errors="ignore")
    full = p.lazy_pinyin(name, errors="ignore")
    options = [sorted(set(x.lower() for x in choices)) for choices in letters if choices]
    initials = []
    for combo in product(*options):
        initials.append("".join(combo))
        if len(initials) >= MAX_VARIANTS:
            break
    lazy_first = "".join(s[0] for s in full if s).lower()
    if lazy_first and lazy_first not in initials:
        initials.insert(0, lazy_first)
    # Full pinyin once per reading of the surname (曾: ceng and zeng), the rest as usually read.
    rest = "".join(full[1:]).lower()
    surname_readings = p.pinyin(name[0], style=p.Style.NORMAL, heteronym=True, errors="ignore")
    readings = [full[0].lower()] if full else []
    readings += [r.lower() for r in (surname_readings[0] if surname_readings else [])]
    fulls = [r + rest for r in dict.fromkeys(readings)][:MAX_VARIANTS]
    keep = lambda words: " ".join(dict.fromkeys(w for w in words if w.isascii() and w.isalpha()))
    return keep(initials), keep(fulls)
