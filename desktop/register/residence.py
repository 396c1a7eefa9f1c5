"""Whether a person is 户籍人口 here: one rule for the ledger import and the person form.

Offices write 常住 / 常住人口 for "lives here" (as against 外出, 空挂, 人户分离), not for
"registered elsewhere": a ledger whose 居住情况 says 常住 for every ordinary resident made them
all 常住人口（非户籍）. So those words say nothing of the 户籍; an explicit word does (户籍,
非户籍, 外来, 流动, 暂住, 人户分离 …), else the 户籍地 when one is written: naming this office's
community, street, compounds or city (or 本地) it is 户籍人口, naming anywhere else 常住人口
（非户籍）(the person lives here). With neither, 户籍人口, as before.
"""
import re
from functools import lru_cache

from db.connection import Database
from desktop.textnorm import clean

#: Words that say only that the person lives here: the 户籍 is told by the 户籍地, if any.
LIVES_HERE = frozenset({"常住", "常住人口", "居住", "在住", "现住", "实住", "常住户", "常住居民"})
#: A 户籍地 written as "here" in the office's own words.
_LOCAL = ("本地", "本市", "本区", "本县", "本镇", "本乡", "本街", "本社区", "本村", "本小区", "本组")
#: 武汉市, 武昌区, 蔡甸县 inside a masthead or a street office's name (湖北省武汉市武昌区…).
_TOWN = re.compile(r"[^省市区县州\s]+?[市区县]")
_SUFFIX = re.compile(r"(?:社区居民委员会|居民委员会|村民委员会|居委会|村委会|街道办事处|街道办|街道|社区|镇|乡|村|市|区|县)$")


def kind_of(told: str, hukou_address: str, home: tuple[str, ...]) -> str:
    """The residence kind (desktop.vocab.RESIDENCE): ``told`` when a word said it ('' when the
    word was 常住, unknown or none), else from the 户籍地 as the module says."""
    if told:
        return told
    place = clean(hukou_address)
    return "resident" if place and not names_home(place, home) else "registered"


@lru_cache(maxsize=4096)
def names_home(place: str, home: tuple[str, ...]) -> bool:
    """Whether a 户籍地 names this office's place (``home``: ``home_names``) or says 本地."""
    return any(word in place for word in _LOCAL) or any(name in place for name in home)


def home_names(db: Database) -> tuple[str, ...]:
    """The names a 户籍地 here may hold: the community's, its street office's, its compounds',
    and the towns (市/区/县) its masthead or street office names; each also without its
    社区/街道/市 ending (新民, 积玉桥, 武汉)."""
    from desktop.settings import get_setting
    with db.reading() as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM community WHERE is_deleted = 0")]
        names += [r[0] for r in conn.execute("SELECT name FROM compound WHERE is_deleted = 0")]
    said = [get_setting(db, key) for key in ("street_office", "office_masthead")]
    names += said + [town for text in said for town in _TOWN.findall(text or "")]
    out: dict[str, None] = {}
    for name in (clean(x) for x in names if x):
        for word in (name, _SUFFIX.sub("", name)):
            if len(word) >= 2:          # one character (新) would name half the country
                out.setdefault(word)
    return tuple(out)
