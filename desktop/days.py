"""A day (日期) typed as 2020-02-20 on the command line: one rule for every ``--date``,
``--until``, ``--day``, ``--today`` and ``--since``, so each says the same thing of the same
mistake. A day in the right shape that the calendar does not have (2026-02-30) is not a
format mistake: saying "格式不对" of it sent people checking the dashes."""
import calendar
import re
from datetime import date

_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


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
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise DayError(f"日期不存在：{text}，月份只有 1 到 12。")
    last = calendar.monthrange(year, month)[1]
    raise DayError(f"日期不存在：{text} 这一天没有，{year}年{month}月只有{last}天。")
