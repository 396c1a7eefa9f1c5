"""A day (日期) as people write it, and what to say when it is wrong: one rule for the command
line's ``--date``, ``--until``, ``--day``, ``--today`` and ``--since`` (``iso_day``, strictly
2020-02-20), and for a day typed into a form or found in a ledger (``typed_day``: 2020/2/3,
2020.02.03, 20200203, 2020年2月3日, 2月3日, 85年3月12日). A day in the right shape that the
calendar does not have (2026-02-30) is not a format mistake: saying "格式不对" of it sent people
checking the dashes, so both say which day does not exist and why (the month's length)."""
import calendar
import re
from datetime import date

_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEKDAY = r"\s*(?:[（(]?(?:星期|周|礼拜)[一二三四五六日天][）)]?)?"
YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?" + _WEEKDAY + r"(?:\s.*)?$")
MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?" + _WEEKDAY + "$")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# A year written with two digits and 年, as a village ledger writes a birth date: 17年5月3日.
SHORT_YEAR = re.compile(r"^(\d{2})\s*年")
_SHORT_YMD = re.compile(r"^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")


class DayError(ValueError):
    """``message``: what is wrong with the day, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def iso_day(text: str) -> date:
    """The day written as 2020-02-20; DayError says whether the shape is wrong or the day
    does not exist (and why: the month's length)."""
    text = (text or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = _SHAPE.match(text)
    if not m or int(m.group(1)) < 1:
        raise DayError(f"日期格式不对，请写成 2020-02-20：{text}")
    return _day(*(int(g) for g in m.groups()), text)


def typed_day(text: str, year: int | None = None) -> date:
    """The day in ``text`` written any of the usual ways; a day without its year (2月3日) is in
    ``year`` (the rest of the ledger's), else this year. DayError says what is wrong."""
    text = (text or "").strip()
    if m := YMD.match(text) or COMPACT.match(text):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    if m := _SHORT_YMD.match(text):
        return _day(full_year(int(m.group(1))), int(m.group(2)), int(m.group(3)), text)
    if m := MONTH_DAY.match(text):
        return _day(year or date.today().year, int(m.group(1)), int(m.group(2)), text)
    raise DayError(f"日期看不懂：“{text}”。请写成 2020-02-10 或 2020/2/10。")


def full_year(two_digits: int, today: date | None = None) -> int:
    """The year a two-digit year means (17年 2017, 85年 1985): this century's unless that is in
    the future, then the last's. A guess: whoever reads it asks the clerk to check it."""
    this_year = (today or date.today()).year
    year = this_year // 100 * 100 + two_digits
    return year if year <= this_year else year - 100


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise DayError(f"日期不存在：{text}，月份只有 1 到 12。")
    if year < 1:
        raise DayError(f"日期不存在：{text}，没有第{year}年。")
    last = calendar.monthrange(year, month)[1]
    raise DayError(f"日期不存在：{text} 这一天没有，{year}年{month}月只有{last}天。")
