"""What the demo modules share: the demo community's size, the mobile prefixes, and names
drawn the way Chinese names are given in each era (from resources/names). A module of its own
so that the register's demo (desktop/demo.py) and the care demo (desktop/care/demo.py) need not
import each other."""
from functools import lru_cache
from pathlib import Path

NAMES_DIR = Path(__file__).resolve().parent.parent / "resources" / "names"
# The seed documents' community; other sizes scale from it.
HOUSEHOLDS_PER_COMMUNITY = 6514
MOBILE_PREFIXES = ("130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "177",
                   "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191",
                   "198", "199")


def _data_lines(file_name: str) -> list[list[str]]:
    lines = (NAMES_DIR / file_name).read_text("utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _surnames() -> tuple[tuple[str, ...], tuple[int, ...]]:
    rows = _data_lines("surnames.txt")
    return tuple(r[0] for r in rows), _cumulative(int(r[1]) for r in rows)


@lru_cache(maxsize=1)
def _given() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(era, sex) -> (pool of characters, whole names)."""
    out: dict = {}
    for era, sex, kind, *items in _data_lines("given.txt"):
        chars, names = out.get((era, sex), ("", ()))
        out[(era, sex)] = (items[0], names) if kind == "chars" else (chars, tuple(items))
    return out


def _cumulative(weights) -> tuple[int, ...]:
    total, out = 0, []
    for w in weights:
        total += w
        out.append(total)
    return tuple(out)


def _era(year: int) -> str:
    if year < 1950:
        return "old"
    if year < 1970:
        return "elder"
    if year < 1990:
        return "middle"
    return "young" if year < 2005 else "child"


# Share of one-character given names by era (they were commonest in the 1970s–80s).
_SINGLE_CHAR = {"old": 0.12, "elder": 0.15, "middle": 0.3, "young": 0.15, "child": 0.05}


class Names:
    """Draws surnames and given names from ``self.rng`` (a ``random.Random``)."""

    def __init__(self, rng):
        self.rng = rng
        self.surnames, self.surname_weights = _surnames()
        self.given = _given()

    def surname(self) -> str:
        return self.rng.choices(self.surnames, cum_weights=self.surname_weights)[0]

    def given_name(self, sex: str, year: int, surname: str) -> str:
        era = _era(year)
        chars, names = self.given[(era, sex)]
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(names)
        if rng.random() < _SINGLE_CHAR[era]:
            return rng.choice(chars)
        first, second = rng.choice(chars), rng.choice(chars)
        while second == first or second == surname[-1]:
            second = rng.choice(chars)
        return first + second

    def full_name(self, sex: str, year: int, surname: str | None = None) -> str:
        surname = surname or self.surname()
        return surname + self.given_name(sex, year, surname)
