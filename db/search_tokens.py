"""How names and places are written into the full-text search index, shared by the SQL
functions the index's triggers call (db/connection.py) and the queries (desktop/search.py).

FTS5's unicode61 tokenizer takes a run of Chinese characters as one word, so characters are
spaced out ('张 三'); building, unit and room become words of their own ('b3 u2 r501')."""
from functools import lru_cache


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


# Cached: the people of one household share their place, and an import indexes 100,000 at once.
@lru_cache(maxsize=4096)
def place(compound: str | None, building: str | None, unit: str | None, room: str | None) -> str:
    """'幸 福 里 小 区 b3 u2 r501': the compound's characters, then the building, unit and room."""
    return " ".join(filter(None, (spaced(compound), *place_words(building, unit, room))))
