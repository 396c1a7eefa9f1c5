"""The duty roster's sentences in the window's language. desktop/duty gives the facts (an
``Overlap``'s two shifts, a ``Twin``'s name and phones) and ui phrases them here, once for the
duty page, its merge dialog and the Today page: in English the overlap and the person registered
twice were said in Chinese. The Chinese reads as desktop's ``overlap_text`` (the refusal of a merge,
the command line): a test holds the two alike."""
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from desktop.duty.records import POST_KIND, OnDuty, Overlap, Shift, Twin
from ui import i18n
from ui.widgets.unbroken import unbroken


def next_day() -> str:
    """How a shift's end on the next day reads ("%1" the end): 次日08:00, 08:00 next day."""
    return QCoreApplication.translate("DutyWords", "%1 next day")


def day_of_month(day: date) -> str:
    """A shift's day in a sentence: 2月10日, Feb 10."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QCoreApplication.translate("DutyWords", "MMM d"))


def days_text(days: list[date], most: int = 5) -> str:
    """Days named in a line, at most ``most`` of them: 2月18日、2月20日等; Feb 18, Feb 20 and more."""
    named = QCoreApplication.translate("DutyWords", ", ").join(day_of_month(d) for d in days[:most])
    return QCoreApplication.translate("DutyWords", "%1 and more").replace("%1", named) if len(days) > most else named


def post_text(shift: Shift) -> str:
    """Where and what for: 幸福里小区大门 卡口值守, 幸福里小区大门 Gate."""
    return " ".join(x for x in (shift.post_name, i18n.label(POST_KIND, shift.post_kind)) if x)


def overlap_text(overlap: Overlap) -> str:
    """'张三 12月8日 08:00–16:00（幸福里小区大门 卡口值守）与 12:00–20:00（王家湾组 关爱走访）重叠';
    the second shift's day is named when it starts on another day."""
    a, b = overlap.first, overlap.second
    other_day = "" if b.starts_at.date() == a.starts_at.date() else day_of_month(b.starts_at.date()) + " "
    return (QCoreApplication.translate("DutyWords", "%1 %2 %3 (%4) overlaps %5%6 (%7)").replace("%1", a.full_name)
            .replace("%2", day_of_month(a.starts_at.date())).replace("%3", a.time_text(next_day()))
            .replace("%4", post_text(a)).replace("%5", other_day).replace("%6", b.time_text(next_day()))
            .replace("%7", post_text(b)))


def on_duty_line(on_duty: OnDuty | None) -> str:
    """The gate screen's line of who is on duty: 值班：张三、李四（至16:00）, On shift: 张三, 李四
    (until 16:00); '' when nobody is rostered. Each guard's entry is whole on its line (the last
    one's with the time): a long roster at 1024 broke inside （至23:59） and inside names."""
    if on_duty is None:
        return ""
    *first, last = on_duty.names
    until = QCoreApplication.translate("DutyWords", "%1 (until %2)").replace("%1", last).replace(
        "%2", f"{on_duty.until:%H:%M}")
    return QCoreApplication.translate("DutyWords", "On shift: %1").replace(
        "%1", QCoreApplication.translate("DutyWords", ", ").join(unbroken(x) for x in (*first, until)))


def twin_text(twin: Twin) -> str:
    """'张志愿 登记了两次（电话相同）': one person registered twice, and why we think so."""
    why = (QCoreApplication.translate("DutyWords", "%1 registered twice (same phone)") if twin.same_phone
           else QCoreApplication.translate("DutyWords", "%1 registered twice (one of them has no phone)"))
    return why.replace("%1", twin.first.full_name)
