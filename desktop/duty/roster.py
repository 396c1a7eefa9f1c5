"""Duty rosters (排班表): shifts of people on duty at gates and on care rounds, who is on duty at
a moment (the gate screen shows it), and hours served per person and per sending unit.

A shift is stored with its start and end as date and time; a night shift ends the next day
(typed as 22:00–06:00), so hours are the plain difference and a period's hours clip each shift
to the period: 22:00–06:00 gives 2 hours to the first day and 6 to the second. One person is
never on two shifts at once: an overlapping shift is refused with both shifts named, and the
overlaps two machines bring together by sync are listed (``overlaps``) for the page and the sheet
to mark, by the same rule.

Who may: the roster and hours are staff work (it names volunteers and their phones: reading
needs ``REGISTER_READ``, changing ``REGISTER_EDIT``); the gate sees who is on duty now, names
only (``on_duty`` with ``GATE``)."""
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from db.connection import Database
from db.sync.ids import uuid7
from desktop import vocab
from desktop.accounts.roles import Permission, can, require
from desktop.duty.records import KIND, POST_KIND, Hours, OnDuty, Overlap, Shift
from desktop.errors import InputError, InputErrors, NotFoundError
from desktop.register import now_text
from desktop.textnorm import clean

MAX_SHIFT_HOURS = 24
_SELECT = ("SELECT s.id, s.person_id, d.full_name, d.phone, d.unit_name, s.post_kind,"
           " coalesce(k.name, c.name, ''), s.checkpoint_id, s.compound_id, s.starts_at, s.ends_at, s.absent, s.note,"
           " d.kind FROM duty_shift s LEFT JOIN duty_person d ON d.id = s.person_id"
           " LEFT JOIN checkpoint k ON k.id = s.checkpoint_id LEFT JOIN compound c ON c.id = s.compound_id")


def _from_row(r) -> Shift:
    return Shift(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5], r[6] or "", r[7], r[8],
                 datetime.fromisoformat(r[9]), datetime.fromisoformat(r[10]), bool(r[11]), r[12] or "")


def parse_clock(text, field: str) -> time:
    """A time of day as people write it: 8:00, 08:30, 800, 2230, 8点, 8点半, 22时."""
    raw = clean(text).replace("：", ":").replace("时", "点")
    m = (re.fullmatch(r"(\d{1,2})[:.](\d{2})", raw) or re.fullmatch(r"(\d{1,2})(\d{2})", raw)
         or re.fullmatch(r"(\d{1,2})点(?:(\d{1,2})分?)?", raw))
    half = re.fullmatch(r"(\d{1,2})点半", raw)
    if half:
        hour, minute = int(half.group(1)), 30
    elif m:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
    else:
        raise InputError(field, f"时间格式不对，请写成 08:00 或 22:30：{clean(text)}")
    if hour == 24 and minute == 0:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise InputError(field, f"没有这个时间：{clean(text)}")
    return time(hour, minute)


def shift_times(day, start, end) -> tuple[datetime, datetime]:
    """(start, end) of a shift typed as a day and two clock times; an end at or before the start
    is on the next day (a night shift)."""
    errors, begin_at = [], None
    try:
        d = day if isinstance(day, date) else date.fromisoformat(clean(day).replace("/", "-"))
    except ValueError:
        raise InputErrors([InputError("day", f"日期格式不对，请写成 2020-02-10：{clean(day)}")]) from None
    t0 = t1 = None
    for field, text in (("start", start), ("end", end)):
        try:
            value = text if isinstance(text, time) else parse_clock(text, field)
            t0, t1 = (value, t1) if field == "start" else (t0, value)
        except InputError as e:
            errors.append(e)
    if errors:
        raise InputErrors(errors)
    begin_at = datetime.combine(d, t0)
    end_at = datetime.combine(d, t1)
    if end_at <= begin_at:
        end_at += timedelta(days=1)
    return begin_at, end_at


class Roster:
    """Use cases of the duty roster over one database."""

    def __init__(self, db: Database):
        self.db = db

    def add_shift(self, person_id: str, post_kind: str, day, start, end, *, checkpoint_id: str | None = None,
                  compound_id: str | None = None, note: str = "") -> Shift:
        """Put a person on a post for a shift. Refused: no gate for a gate shift, a shift longer
        than a day, or a shift overlapping another of the same person."""
        require(self.db, Permission.REGISTER_EDIT)
        errors = []
        if post_kind not in POST_KIND:
            errors.append(InputError("post_kind", "请选择岗位：卡口值守或关爱走访。"))
        if post_kind == "gate" and not checkpoint_id:
            errors.append(InputError("checkpoint_id", "卡口值守请选择哪个卡口。"))
        if post_kind == "care_round" and not compound_id:
            errors.append(InputError("compound_id", "关爱走访请选择哪个小区（村民小组）。"))
        try:
            begin_at, end_at = shift_times(day, start, end)
        except InputErrors as e:
            errors += e.errors
            begin_at = end_at = None
        if errors:
            raise InputErrors(errors)
        with self.db.transaction() as conn:
            person = conn.execute("SELECT full_name FROM duty_person WHERE id = ? AND is_deleted = 0",
                                  (person_id,)).fetchone()
            if not person:
                raise NotFoundError("这位值守人员")
            self._refuse_overlap(conn, person_id, person[0], begin_at, end_at, None)
            sid = uuid7()
            conn.execute(
                "INSERT INTO duty_shift (id, person_id, post_kind, checkpoint_id, compound_id, starts_at, ends_at,"
                " note, created_site, created_wall) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (sid, person_id, post_kind, checkpoint_id if post_kind == "gate" else None,
                 compound_id if post_kind == "care_round" else None, begin_at.isoformat(timespec="minutes"),
                 end_at.isoformat(timespec="minutes"), clean(note) or None, self.db.site.site_id, now_text()))
        return self.shift(sid)

    def _overlapping(self, conn, person_id: str, begin_at: datetime, end_at: datetime,
                     except_id: str | None) -> list[Shift]:
        """The one rule of overlap: the shifts of this person that share a minute with
        [begin_at, end_at) (back to back is fine). The same person is the same entry or, come
        from another machine by sync, an entry of the same name and phone. Both the refusal of a
        new shift and the listing of overlaps after sync ask this."""
        rows = conn.execute(
            _SELECT + " WHERE s.person_id IN (SELECT o.id FROM duty_person o, duty_person p WHERE p.id = ?"
            " AND (o.id = p.id OR (o.full_name = p.full_name AND o.phone = p.phone)))"
            " AND s.is_deleted = 0 AND s.starts_at < ? AND s.ends_at > ? AND s.id IS NOT ? ORDER BY s.starts_at",
            (person_id, end_at.isoformat(timespec="minutes"), begin_at.isoformat(timespec="minutes"),
             except_id)).fetchall()
        return [_from_row(r) for r in rows]

    def overlaps_between(self, conn, a_id: str, b_id: str) -> list[Overlap]:
        """Shifts of entry ``a_id`` and entry ``b_id`` at the same time, by the one rule of overlap
        (what merging the two entries would leave as one person at two posts at once)."""
        out = []
        for r in conn.execute(_SELECT + " WHERE s.person_id = ? AND s.is_deleted = 0 ORDER BY s.starts_at",
                              (b_id,)).fetchall():
            theirs = _from_row(r)
            for mine in self._overlapping(conn, a_id, theirs.starts_at, theirs.ends_at, theirs.id):
                if mine.person_id == a_id:
                    first, second = sorted((mine, theirs), key=lambda x: (x.starts_at, x.ends_at, x.id))
                    out.append(Overlap(first, second))
        return out

    def _refuse_overlap(self, conn, person_id: str, name: str, begin_at: datetime, end_at: datetime,
                        except_id: str | None) -> None:
        clash = self._overlapping(conn, person_id, begin_at, end_at, except_id)
        if clash:
            other = clash[0]
            new = Shift("", person_id, name, "", "", "", "", None, None, begin_at, end_at)
            raise InputErrors([InputError(
                "start", f"{name}在{other.starts_at:%m月%d日} {other.time_text()}已经排了"
                         f"{other.post_name}{vocab.zh(POST_KIND, other.post_kind)}，"
                         f"和这个班次（{begin_at:%m月%d日} {new.time_text()}）时间重叠；"
                         "一个人不能同时在两个岗位，请换人或调整时间。")])

    def overlaps(self, begin_at: datetime, end_at: datetime) -> list[Overlap]:
        """Pairs of shifts of one person at the same time among the shifts of [begin_at, end_at),
        earlier first, each pair once. A new shift is refused when it overlaps, but two machines
        that each roster someone for the same hours bring both shifts together by sync."""
        require(self.db, Permission.REGISTER_READ)
        pairs: dict[frozenset, Overlap] = {}
        shifts = self._between(begin_at, end_at)
        with self.db.reading() as conn:
            for s in shifts:
                for other in self._overlapping(conn, s.person_id, s.starts_at, s.ends_at, s.id):
                    first, second = sorted((s, other), key=lambda x: (x.starts_at, x.ends_at, x.id))
                    pairs.setdefault(frozenset((s.id, other.id)), Overlap(first, second))
        return sorted(pairs.values(), key=lambda o: (o.first.starts_at, o.first.full_name, o.second.starts_at))

    def move_shift(self, shift_id: str, day, start, end) -> Shift:
        require(self.db, Permission.REGISTER_EDIT)
        begin_at, end_at = shift_times(day, start, end)
        old = self.shift(shift_id)
        with self.db.transaction() as conn:
            self._refuse_overlap(conn, old.person_id, old.full_name, begin_at, end_at, shift_id)
            conn.execute("UPDATE duty_shift SET starts_at = ?, ends_at = ? WHERE id = ?",
                         (begin_at.isoformat(timespec="minutes"), end_at.isoformat(timespec="minutes"), shift_id))
        return self.shift(shift_id)

    def set_absent(self, shift_id: str, absent: bool = True) -> Shift:
        """Mark that the person did not come: the shift stays on the roster and counts no hours."""
        require(self.db, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            self.shift(shift_id)
            conn.execute("UPDATE duty_shift SET absent = ? WHERE id = ?", (1 if absent else 0, shift_id))
        return self.shift(shift_id)

    def remove_shift(self, shift_id: str) -> None:
        require(self.db, Permission.REGISTER_EDIT)
        with self.db.transaction() as conn:
            self.shift(shift_id)
            conn.execute("UPDATE duty_shift SET is_deleted = 1 WHERE id = ?", (shift_id,))

    def shift(self, shift_id: str) -> Shift:
        require(self.db, Permission.REGISTER_READ)
        with self.db.reading() as conn:
            r = conn.execute(_SELECT + " WHERE s.id = ? AND s.is_deleted = 0", (shift_id,)).fetchone()
        if not r:
            raise NotFoundError("这个班次")
        return _from_row(r)

    def shifts_between(self, begin_at: datetime, end_at: datetime, post_kind: str | None = None,
                       person_id: str | None = None) -> list[Shift]:
        """Shifts that overlap [begin_at, end_at), by start then post."""
        require(self.db, Permission.REGISTER_READ)
        return self._between(begin_at, end_at, post_kind, person_id)

    def _between(self, begin_at: datetime, end_at: datetime, post_kind: str | None = None,
                 person_id: str | None = None) -> list[Shift]:
        where = ["s.is_deleted = 0", "s.starts_at < ?", "s.ends_at > ?"]
        # Shifts are kept to the minute: the end is rounded up, or a shift that starts at 16:00
        # would be missing from 16:00:00 to 16:00:59 (the gate screen showed nobody on duty).
        if end_at.second or end_at.microsecond:
            end_at = end_at.replace(second=0, microsecond=0) + timedelta(minutes=1)
        args: list = [end_at.isoformat(timespec="minutes"), begin_at.isoformat(timespec="minutes")]
        if post_kind:
            where.append("s.post_kind = ?")
            args.append(post_kind)
        if person_id:
            where.append("s.person_id = ?")
            args.append(person_id)
        with self.db.reading() as conn:
            rows = conn.execute(_SELECT + " WHERE " + " AND ".join(where)
                                + " ORDER BY s.starts_at, s.post_kind, 7, d.full_name", args).fetchall()
        return [_from_row(r) for r in rows]

    def week(self, first_day: date) -> list[Shift]:
        """The roster of seven days from ``first_day`` (what the noticeboard sheet shows)."""
        begin_at = datetime.combine(first_day, time())
        return self.shifts_between(begin_at, begin_at + timedelta(days=7))

    def week_overlaps(self, first_day: date) -> list[Overlap]:
        begin_at = datetime.combine(first_day, time())
        return self.overlaps(begin_at, begin_at + timedelta(days=7))

    def on_duty(self, at: datetime, checkpoint_id: str | None = None) -> list[Shift]:
        """Who is on duty at ``at`` (at a gate when one is named): the gate screen shows their
        names; an account that may not read the register gets no phone."""
        require(self.db, Permission.GATE)
        shifts = [s for s in self._between(at, at + timedelta(seconds=1)) if not s.absent]
        if checkpoint_id:
            shifts = [s for s in shifts if s.checkpoint_id == checkpoint_id]
        if not can(self.db, Permission.REGISTER_READ):
            shifts = [replace(s, phone="") for s in shifts]
        return shifts

    def hours(self, begin_at: datetime, end_at: datetime, by: str = "person") -> list[Hours]:
        """Hours served in [begin_at, end_at) by ``person`` or by sending ``unit``: each shift is
        clipped to the period (a night shift gives each day its own hours); missed shifts count
        nothing. Most hours first."""
        totals: dict[str, list] = {}
        for s in self.shifts_between(begin_at, end_at):
            if s.absent:
                continue
            served = (min(s.ends_at, end_at) - max(s.starts_at, begin_at)).total_seconds() / 3600
            if by == "unit":
                key = s.unit_name or "（未填单位）"
                label, unit, kind = key, s.unit_name, ""
            else:
                key, label, unit, kind = s.person_id, s.full_name, s.unit_name, self._kind(s.person_id)
            t = totals.setdefault(key, [label, unit, kind, 0, 0.0])
            t[3] += 1
            t[4] += served
        out = [Hours(k, v[0], v[1], v[2], v[3], round(v[4], 2)) for k, v in totals.items()]
        out.sort(key=lambda h: (-h.hours, h.label))
        return out

    def _kind(self, person_id: str) -> str:
        with self.db.reading() as conn:
            r = conn.execute("SELECT kind FROM duty_person WHERE id = ?", (person_id,)).fetchone()
        return r[0] if r else ""


def on_duty_at(db: Database, checkpoint_id: str | None, at: datetime | None = None) -> OnDuty | None:
    """Who the gate screen names as on duty now (张三、李四 until 16:00), or None when nobody is
    rostered. The facts only: the screen says them in the window's language."""
    shifts = Roster(db).on_duty(at or datetime.now(), checkpoint_id)
    if not shifts:
        return None
    return OnDuty(tuple(dict.fromkeys(s.full_name for s in shifts)), min(s.ends_at for s in shifts))


def overlap_text(overlap: Overlap) -> str:
    """'张三 12月8日 08:00–16:00（幸福里小区大门 卡口值守）与 12:00–20:00（王家湾组 关爱走访）重叠';
    the second shift's day is named when it starts on another day. In Chinese, for a refusal; the
    window says it in its own language (ui/duty_words.py, held alike by a test)."""
    a, b = overlap.first, overlap.second
    day = "" if b.starts_at.date() == a.starts_at.date() else f"{b.starts_at.month}月{b.starts_at.day}日 "
    return (f"{a.full_name} {a.starts_at.month}月{a.starts_at.day}日 {a.time_text()}（{_post_text(a)}）"
            f"与 {day}{b.time_text()}（{_post_text(b)}）重叠")


def _post_text(s: Shift) -> str:
    return " ".join(x for x in (s.post_name, vocab.zh(POST_KIND, s.post_kind)) if x)


def kind_label(kind: str) -> str:
    return vocab.zh(KIND, kind)
