""""Same as above" in a ledger: what a row leaves blank because the row above already says it.

Paper habits survive in Excel: a household's address is written (or merged) once over all its
members' rows, a gate log writes the date once per block, and a cell says 同上 or 〃. Before a
row is validated, such cells take the value the row above had, so the preview shows each row
complete. Nothing is carried across a household head: a blank address on a 户主 row stays blank.
"""
from desktop.errors import InputError
from desktop.excel import normalise as n
from desktop.textnorm import clean

DITTO = {"同上", "〃", "″", "＂", '"', "''", "同前", "同上户"}
PLACE_FIELDS = ("compound", "building", "unit", "room", "address", "address_text")


_DITTO_CHARS = frozenset("".join(DITTO))      # cleaning never makes one of these: a cell without one is no ditto
# Every ditto holds one of these (not 上, 前, 户: a row with 户主 or 上官 need not be looked at
# cell by cell), so a row whose text cells together hold none has no ditto.
_DITTO_MARKS = frozenset("同〃″＂\"'")


def _has_place(cells: dict) -> bool:
    """Whether any place cell is filled: a loop, not any(): asked of every row."""
    get = cells.get
    for k in PLACE_FIELDS:
        if not n.is_empty(get(k)):
            return True
    return False


class CarryDown:
    """One per sheet: feed it each data row's cells ({field: raw cell}) in order."""

    def __init__(self, kind: str):
        self.kind = kind
        self.last: dict = {}
        self.place_of_household: dict = {}          # 户号 -> that household's place cells

    def fill(self, cells: dict) -> dict:
        last = self.last
        if not _DITTO_MARKS.isdisjoint("".join([c for c in cells.values() if c.__class__ is str])):
            for key, cell in cells.items():
                # A ditto is short and holds a ditto's character: tested before cleaning.
                if (cell.__class__ is str and len(cell) <= 6 and not _DITTO_CHARS.isdisjoint(cell)
                        and clean(cell) in DITTO):
                    cells[key] = last.get(key, "")
        if self.kind == "register":
            self._household(cells)
        elif self.kind == "gate" and n.is_empty(cells.get("date")) and "date" in cells:
            cells["date"] = last.get("date", "")
        self.last = cells
        return cells

    def _household(self, cells: dict) -> None:
        number = n.text(cells.get("household_no"))
        if not number and "household_no" in cells and not self._is_head(cells):
            number = n.text(self.last.get("household_no"))
            cells["household_no"] = number
        if _has_place(cells):
            if number:
                self.place_of_household.setdefault(number, {k: cells.get(k) for k in PLACE_FIELDS if k in cells})
            return
        if number and number in self.place_of_household:
            cells.update(self.place_of_household[number])
        elif not number and not self._is_head(cells) and "household_no" not in cells:
            # No 户号 column: a member row under its household's address (blank or merged).
            cells.update({k: self.last[k] for k in PLACE_FIELDS if k in self.last})

    @staticmethod
    def _is_head(cells: dict) -> bool:
        try:
            return n.code(cells.get("relation"), "relation", "relation") == "head"
        except InputError:
            return False
