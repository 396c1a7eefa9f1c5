"""The duty roster for the noticeboard (值班表): one week from a day, a row per post (each gate,
then each compound's care round), a column per day, in each cell the shifts with who keeps
them. It hangs in public, so phone numbers are masked (an admin's full copy for the duty room
keeps them whole); a missed shift is not listed; a shift of
someone rostered at two posts at once (come together by sync) says so, to be put right."""
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Collection, Sequence

from desktop.duty.records import Shift
from desktop.masking import mask_phone
from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import Office
from desktop.printing.tables import Column, Table, TableStyle

WEEKDAYS = "一二三四五六日"


def roster_cells(shifts: Sequence[Shift], first_day: date,
                 overlapping: Collection[str] = (), masked: bool = True) -> list[tuple[str, list[str]]]:
    """(post, seven cells) per post: gates first, then care rounds, each in name order. A shift
    is listed on the day it starts ('22:00–次日06:00'); one that began before the week and runs
    into its first day (Sunday's night shift) is listed on that first day with its start's date
    ('12月6日22:00–08:00'), or whoever guards the gate on Monday night was missing from the sheet.
    A shift whose id is in ``overlapping`` is marked （时间重叠）; ``masked``: phones masked."""
    posts: dict[tuple[int, str], list[list[str]]] = {}
    week_starts = datetime.combine(first_day, time())
    for s in sorted(shifts, key=lambda s: (s.starts_at, s.full_name)):
        if s.absent:
            continue
        index = (s.starts_at.date() - first_day).days
        when = s.time_text()
        if index < 0 and s.ends_at > week_starts:
            index, when = 0, f"{s.starts_at.month}月{s.starts_at.day}日{s.starts_at:%H:%M}–{s.ends_at:%H:%M}"
        if not 0 <= index < 7:
            continue
        kind = 0 if s.post_kind == "gate" else 1
        label = s.post_name + ("" if kind == 0 else "（关爱走访）")
        cells = posts.setdefault((kind, label), [[] for _ in range(7)])
        phone = f" {mask_phone(s.phone) if masked else s.phone}" if s.phone else ""
        clash = "\n（时间重叠）" if s.id in overlapping else ""
        cells[index].append(f"{when}\n{s.full_name}{phone}{clash}")
    return [(label, ["\n".join(c) for c in cells]) for (_, label), cells in sorted(posts.items())]


def print_roster(path: Path | str, shifts: Sequence[Shift], office: Office, first_day: date,
                 progress: Progress | None = None, overlapping: Collection[str] = (), *,
                 masked: bool = True) -> Printed:
    """The week's roster on A4 landscape; a page with '本周尚未排班' when nobody is rostered."""
    days = [first_day + timedelta(days=i) for i in range(7)]
    columns = [Column("岗位", 1.3)] + [Column(f"{d.month}月{d.day}日 周{WEEKDAYS[d.weekday()]}", 1.5)
                                      for d in days]
    last = days[-1]
    rows = roster_cells(shifts, first_day, overlapping, masked)
    with PdfDocument(path, FORM_A4_LANDSCAPE, "值班表", progress) as doc:
        def heading(d):
            return draw_heading(d, "疫情防控值班表", f"{office.name}    卡口值守和关爱走访",
                                f"{first_day.isoformat()} 至 {last.isoformat()}"
                                + (f"    值班室电话：{office.phone}" if office.phone else ""))
        table = Table(doc, columns, heading, TableStyle(size=8.5, header_size=9.5, min_row_height=40))
        for label, cells in rows:
            table.add_row([label, *cells])
        if not rows:
            table.add_row(["本周尚未排班", *[""] * 7])
        doc.step(1, 1)
    return doc.printed(sum(1 for s in shifts if not s.absent))


def week_shifts(db, first_day: date) -> list[Shift]:
    from desktop.duty.roster import Roster
    return Roster(db).week(first_day)




def week_overlap_ids(db, first_day: date) -> set[str]:
    """The shifts of the week that overlap another shift of the same person."""
    from desktop.duty.roster import Roster
    return {s.id for o in Roster(db).week_overlaps(first_day) for s in (o.first, o.second)}
