""""Same as above" in a ledger: what a row leaves blank because the row above already says it.

Paper habits survive in Excel: a household's address is written (or merged) once over all its
members' rows, a gate log writes the date once per block, and a cell says 同上 or 〃. Before a
row is validated, such cells take the value the row above had, so the preview shows each row
complete. Nothing is carried across a household head: a blank address on a 户主 row stays blank.
"""
import re
from datetime import date, datetime

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


# Keys a gate row's cells get when its day is carried down (read by kinds.gate_row): how many
# midnights have passed since the day written above, whether this row passed one, and the time
# of the row above when this row's is earlier without passing midnight (typed out of order).
DAYS_AFTER, PAST_MIDNIGHT, OUT_OF_ORDER = "days_after_written", "past_midnight", "time_before"
# Set when a gate row's 日期 is the cell above's (left blank, 〃, or merged over it): a time in
# that cell is the first row's passage, never this row's.
DAY_ABOVE = "day_above"


def _is_ditto(cell) -> bool:
    # A ditto is short and holds a ditto's character: tested before cleaning.
    return (cell.__class__ is str and len(cell) <= 6 and not _DITTO_CHARS.isdisjoint(cell)
            and clean(cell) in DITTO)


# A gate log's day typed as a number (2.20 for 2月20日): Excel keeps 2.2, so a day of one
# decimal (2.1, 2.2, 2.3) may have lost its 0 (2月10日, 20日, 30日). Read as the reading nearer
# the rows around it, said (kinds.gate_row): the key holds both readings.
NUMBER_DAY = "number_day"
_ONE_DECIMAL = re.compile(r"^(\d{1,2})\.([123])$")


def _day_of(cell) -> date | None:
    """The month and day a gate date cell reads as (in 2020, a leap year, to compare), or None."""
    if n.is_empty(cell):
        return None
    try:
        day = n.date_value(cell, "date", 2020)
    except InputError:
        return None
    return day.replace(year=2020) if day else None


def _time(cell):
    if isinstance(cell, datetime):      # a time with its own day: nothing to carry
        return None
    try:
        return n.time_value(cell)
    except InputError:
        return None


class CarryDown:
    """One per sheet: feed it each data row's cells ({field: raw cell}) in order."""

    def __init__(self, kind: str, rows=(), mapping: dict | None = None, merged: dict | None = None):
        self.kind = kind
        self.merged = merged or {}                  # importer._merged_down: {row: {column: top value}}
        self.last: dict = {}
        self.place_of_household: dict = {}          # 户号 -> that household's place cells
        # The sheet's rows and the gate columns, to look at the row after a time going backwards.
        self.rows = rows
        columns = {k: i for i, k in (mapping or {}).items()}
        self.time_column, self.date_column = columns.get("time"), columns.get("date")
        # Backward steps in time when the sheet is not in time order (sorted by name), looked
        # at once on its first row: then no row is moved past midnight (``fill``). None: not yet.
        self.disorder: int | None = None
        self.first: int | None = None
        self.times: dict = {}

    def fill(self, cells: dict, r: int | None = None) -> dict:
        last = self.last
        if not last:
            self.first = r
        # A gate row on the day above: its 日期 blank, 〃 or merged with the cell above (it shows
        # the day above, but no day was written on it: the midnight rule is the same), or no 日期
        # column (the sheet's day).
        merged_day = self.kind == "gate" and self.date_column in self.merged.get(r, ())
        same_day = self.kind == "gate" and (merged_day or "date" not in cells or n.is_empty(cells["date"])
                                            or _is_ditto(cells["date"]))
        if not _DITTO_MARKS.isdisjoint("".join([c for c in cells.values() if c.__class__ is str])):
            for key, cell in cells.items():
                if _is_ditto(cell):
                    cells[key] = last.get(key, "")
        if self.kind == "register":
            self._household(cells)
        elif self.kind == "gate" and cells.get("date").__class__ is float and not merged_day:
            self._number_day(cells, r)
        elif same_day:
            if "date" in cells:
                cells["date"] = last.get("date", cells["date"])
                cells[DAY_ABOVE] = True
            if self.disorder is None:     # the sheet's rows from its first one
                self.disorder = self._disorder(self.first)
            if self.disorder:           # said once for the sheet (importer): every row on its day
                self.last = cells
                return cells
            # The day written above, and the midnights passed since under it: a guard who writes
            # no new day after midnight (23:50, then 0:20) is on the next day all the same.
            earlier, later = (self._time(last.get("time")), self._time(cells.get("time"))) if last else (None, None)
            backwards = bool(earlier and later) and later < earlier
            crossed = backwards and self._past_midnight(earlier, later, r)
            cells[DAYS_AFTER] = last.get(DAYS_AFTER, 0) + crossed
            cells[PAST_MIDNIGHT] = crossed
            if backwards and not crossed:
                cells[OUT_OF_ORDER] = earlier
        self.last = cells
        return cells

    def _past_midnight(self, earlier, later, r: int | None) -> bool:
        """A time going backwards under the day written above: past midnight when an evening
        passage (from 18:00) is followed by one in the small hours (before 6:00) and the row
        after goes on from there (0:20, then 6:10); back in the evening (20:00, 05:30, 20:30),
        the small-hours row was typed out of order and keeps its day."""
        if not (earlier.hour >= 18 and later.hour < 6):
            return False
        after = self._next_row(r)
        if after is None:
            return True
        day = after[self.date_column] if self.date_column is not None and self.date_column < len(after) else ""
        if not (n.is_empty(day) or _is_ditto(day)):
            return True                 # a new day written below: nothing says otherwise
        then = self._time(after[self.time_column]) if self.time_column < len(after) else None
        return then is None or later <= then < earlier

    def _disorder(self, start: int | None) -> int:
        """How many times go backwards under a day written above (or the sheet's day) when
        that says the sheet is not in time order, else 0. One crossing of midnight (23:50,
        0:20, 5:40) and a row or two typed late are a log in order; a step back after a
        crossing, or many steps back (a log sorted by name), are not: a crossing read there
        would move every later row to the next day."""
        if start is None or self.time_column is None:
            return 0
        dates, times = self.date_column, self.time_column
        earlier, crossed, backwards, late, steps = None, False, 0, 0, 0
        for r in range(start, len(self.rows)):
            row = self.rows[r]
            day = row[dates] if dates is not None and dates < len(row) else ""
            if not (n.is_empty(day) or _is_ditto(day)):
                earlier, crossed = None, False          # a new day written: its own block
            at = self._time(row[times]) if times < len(row) else None
            if at is None:
                continue
            if earlier is not None:
                steps += 1
                if at < earlier:
                    backwards += 1
                    if crossed:
                        return backwards
                    crossed = earlier.hour >= 18 and at.hour < 6 and self._past_midnight(earlier, at, r)
                    late += not crossed         # a night watch's crossing every day is no disorder
            earlier = at
        return backwards if late > max(2, steps // 10) else 0

    def _time(self, cell):
        """``_time`` of a cell, each distinct one read once (a log repeats its times)."""
        try:
            return self.times[cell]
        except KeyError:
            found = self.times[cell] = _time(cell)
            return found
        except TypeError:               # a cell that cannot be a key
            return _time(cell)

    def disorder_notice(self, sheet: str) -> str:
        """The sheet's one notice when it is not in time order ('' when it is)."""
        if not self.disorder:
            return ""
        return (f"工作表“{sheet}”的时间不是按先后顺序排的（有{self.disorder}处时间比上一行早，可能按姓名等排过序），"
                "所以没有把任何一行当作过了半夜而改到第二天：每一行都按它所在的日期导入。"
                "如果有半夜12点以后的记录，请在那些行写上日期，或按日期、时间排好序后再导入。")

    def _number_day(self, cells: dict, r: int | None) -> None:
        m = _ONE_DECIMAL.match(n.text(cells["date"]))
        if not m:
            return
        readings = []
        for day in (int(m.group(2)), int(m.group(2)) * 10):
            try:
                readings.append(date(2020, int(m.group(1)), day))
            except ValueError:          # 2.3: no 2月30日, the day is plain
                return
        near = _day_of(self.last.get("date")) if self.last else None
        if near is None and (after := self._next_row(r)) is not None and self.date_column < len(after):
            near = _day_of(after[self.date_column])
        chosen = min(readings, key=lambda d: abs(d - near)) if near else readings[0]
        cells[NUMBER_DAY] = (n.text(cells["date"]), *readings)
        cells["date"] = f"{chosen.month}月{chosen.day}日"

    def _next_row(self, r: int | None):
        """The next row with anything in it (the blank lines of a form passed over), or None."""
        if r is None or (self.time_column is None and self.date_column is None):
            return None
        for row in self.rows[r + 1:r + 6]:
            if any(not n.is_empty(c) for c in row):
                return row
        return None

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
