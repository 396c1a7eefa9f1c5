"""Typing a round's results from the printed sheet, keyboard alone, in building order.

The sheet lists the households in code order. The clerk types one line per household and
presses Enter; the next household in code order is then the current one:

    1            visited, nobody answered yes to anything          (2 keys with Enter)
    2            nobody home (visit again)
    3            refused
    4            moved out
    1 2f         visited; member 2 (as numbered on screen) has a fever
    1 f          visited; the only member has a fever
    1 2fa 3n     member 2: fever and arrived from elsewhere; member 3 needs help
    057 2        jump to the household coded 057 on the sheet, nobody home
    057          jump to 057 without entering anything

A code has at least three digits (the sheet prints 001), so it is never read as a result.
Question letters are the questions' keys (desktop/canvass/questions.py). Full-width digits and
letters are folded, spaces are optional between a member's number and letters after the result.
"""
import re
from dataclasses import dataclass
from datetime import date

from desktop.canvass.records import Entry, ResultRow
from desktop.canvass.rounds import CanvassBook
from desktop.errors import InputError
from desktop.textnorm import clean

RESULT_KEYS = {"1": "visited", "2": "nobody_home", "3": "refused", "4": "moved_out"}
_LINE = re.compile(r"^(?:(\d{3,})\s*)?(?:([1-4])(.*))?$")
_FLAG = re.compile(r"(\d*)([a-z]+)")


def parse_entry(text: str, keys: dict[str, str]) -> Entry:
    """One typed line to an Entry; ``keys`` maps a question's letter to its code. Raises
    InputError with a Chinese message saying what in the line is wrong."""
    line = clean(text).lower()
    m = _LINE.match(line)
    if not line or not m:
        raise InputError("entry", f"看不懂“{clean(text)}”：结果请按 1 已访、2 无人在家、3 拒绝、4 已搬离；"
                                  "跳到某户请先打摸排表上的代码（至少三位数，例如 057）。")
    code = int(m.group(1)) if m.group(1) else None
    outcome = RESULT_KEYS[m.group(2)] if m.group(2) else None
    rest = (m.group(3) or "").replace(" ", "")
    flags: list[tuple[int | None, str]] = []
    pos = 0
    while pos < len(rest):
        f = _FLAG.match(rest, pos)
        if not f:
            raise InputError("entry", f"“{rest[pos:]}”看不懂：回答请写人的序号加问题字母，例如 2f。")
        member = int(f.group(1)) if f.group(1) else None
        for letter in f.group(2):
            if letter not in keys:
                known = "、".join(f"{k}" for k in keys)
                raise InputError("entry", f"没有字母“{letter}”对应的问题；本轮可用：{known}。")
            flags.append((member, keys[letter]))
        pos = f.end()
    if flags and outcome != "visited":
        raise InputError("entry", "只有“已访”（1）的住户才能记回答。")
    if code is None and outcome is None:
        raise InputError("entry", "请先打结果：1 已访、2 无人在家、3 拒绝、4 已搬离。")
    return Entry(code, outcome, tuple(flags), len(line) + 1)


@dataclass
class KeyEntry:
    """A clerk's sitting at the keyboard with one round's sheets: who canvassed, on which day,
    and the current household (the next one in code order after each line)."""
    book: CanvassBook
    round_id: str
    today: date
    canvasser_name: str = ""
    canvasser_id: str | None = None
    visited_on: object = None
    current: ResultRow | None = None
    keys: int = 0
    entered: int = 0

    def __post_init__(self):
        rnd = self.book.round(self.round_id)
        self.letters = {q.key: q.code for q in self.book.questions_of(rnd) if q.key}
        if self.current is None:
            first = self.book.roll(self.round_id, unreached_first=True, limit=1)
            self.current = first[0] if first else None

    def jump(self, code: int) -> ResultRow:
        self.current = self.book.result_by_code(self.round_id, code)
        return self.current

    def type_line(self, text: str) -> ResultRow | None:
        """Apply one typed line; returns the household it recorded (None for a jump alone)."""
        entry = parse_entry(text, self.letters)
        self.keys += entry.keys
        if entry.code is not None:
            self.jump(entry.code)
        if entry.outcome is None:
            return None
        if self.current is None:
            raise InputError("entry", "本轮的住户已经录完了；要改某一户请先打它的代码。")
        answers = self._answers(entry)
        done = self.book.record_result(self.round_id, self.current.household_id, entry.outcome, self.today,
                                       answers=answers, canvasser_id=self.canvasser_id,
                                       canvasser_name=self.canvasser_name, visited_on=self.visited_on)
        self.entered += 1
        following = self.book.roll(self.round_id, limit=1, offset=0, after_code=done.code)
        self.current = following[0] if following else None
        return done

    def _answers(self, entry: Entry) -> dict:
        if not entry.flags:
            return {}
        members = self.book.members(self.current.household_id)
        out: dict[str, dict] = {}
        for number, question in entry.flags:
            if number is None:
                if len(members) != 1:
                    raise InputError("entry", f"这一户登记了{len(members)}人，请在字母前写人的序号，例如 2f。")
                number = 1
            if not 1 <= number <= len(members):
                raise InputError("entry", f"这一户只登记了{len(members)}人，没有第{number}个人。")
            out.setdefault(members[number - 1].person_id, {})[question] = True
        return out
