"""Clock skew on cheap PCs (SYNC.md 9.12; issue 15): warnings in Chinese, and the rule for how far
a received package may move this machine's clock.

* **A package from the future**: its newest stamp is more than ``AHEAD_LIMIT`` (24 hours) ahead
  of this PC's wall clock, so the sender's clock (or this one's) is wrong. Importing it would
  carry our hybrid clock forward with it and every later edit here would bear that future time.
  The import holds such a package back, writing nothing (``package_ahead``), until staff fix the
  clock or say "import anyway" (``accept_clock_ahead``). Within the limit the clock follows the
  package as the HLC rules say.
* **This PC's clock is behind** what it has already seen (a dead CMOS battery reset it): the wall
  clock is more than ``BEHIND_LIMIT`` (1 hour) behind the newest stamp (``local_behind``).
  Editing still works (the HLC carries on from the newest stamp); the sync page and the command
  line say so, with both dates.
* **This PC's date cannot be today** (before ``EARLIEST_PLAUSIBLE``, when no Menshen existed: a
  dead battery resets an old PC to 2000 or 2009 at every start) or is behind the data: the window
  and the gate screen say so to everyone (``machine_clock_warning``), since a passage, a visit or
  an isolation day is dated by this PC's clock.
"""
from dataclasses import dataclass
from datetime import datetime

from db.sync.hlc import unpack, wall_ms

AHEAD_LIMIT_MS = 24 * 3600 * 1000
BEHIND_LIMIT_MS = 3600 * 1000
EARLIEST_PLAUSIBLE = datetime(2026, 1, 1)        # no register of this program is older


@dataclass(frozen=True)
class ClockWarning:
    kind: str                   # 'package_ahead' | 'local_behind'
    message: str                # Chinese, for the page and the command line
    file: str = ""              # the package, for 'package_ahead'


def _when(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%Y年%m月%d日 %H:%M")


def package_ahead(max_hlc: int | None, sender: str, file: str = "", now_ms: int | None = None) -> ClockWarning | None:
    """The warning for a package whose newest stamp is too far ahead of this PC's clock."""
    if not max_hlc:
        return None
    now_ms = wall_ms() if now_ms is None else now_ms
    newest = unpack(int(max_hlc))[0]
    if newest <= now_ms + AHEAD_LIMIT_MS:
        return None
    return ClockWarning(
        "package_ahead",
        f"同步包 {file} 来自“{sender}”，里面的更改时间是 {_when(newest)}，比这台电脑的时间（{_when(now_ms)}）"
        "晚了一天以上：对方或这台电脑的日期不对。这个包暂时没有导入，数据库没有改动。请先核对两台电脑的日期和时间"
        "并改正；确认无误后可以选择“仍然导入”（之后在这台电脑上的修改会带上那个较晚的时间）。", file)


def behind_by(hlc_last: int, now_ms: int | None = None) -> int:
    now_ms = wall_ms() if now_ms is None else now_ms
    return max(0, unpack(hlc_last)[0] - now_ms)


def local_behind(hlc_last: int, now_ms: int | None = None) -> ClockWarning | None:
    """The warning when this PC's wall clock is far behind the newest stamp it has seen."""
    now_ms = wall_ms() if now_ms is None else now_ms
    if behind_by(hlc_last, now_ms) <= BEHIND_LIMIT_MS:
        return None
    return ClockWarning(
        "local_behind",
        f"这台电脑的时钟慢了：现在显示 {_when(now_ms)}，而数据里已有 {_when(unpack(hlc_last)[0])} 的记录。"
        "请把电脑的日期和时间改正确（可能是主板电池没电了）。在改正之前仍可以登记，顺序不会乱。")


def newest_stamp(db) -> int:
    """The newest stamp this database has issued or seen (its clock's last, or the stored one)."""
    last = db.clock.last if getattr(db, "clock", None) else 0
    with db.reading() as conn:
        row = conn.execute("SELECT max(hlc_last) FROM sync_site").fetchone()
    return max(last, row[0] or 0)


def local_clock_warning(db, now_ms: int | None = None) -> ClockWarning | None:
    """This machine's clock check (the sync page, the start of an import or an export)."""
    if now_ms is None and getattr(db, "clock", None) is not None:
        now_ms = db.clock.wall()
    return local_behind(newest_stamp(db), now_ms)


def machine_clock_warning(db, now_ms: int | None = None) -> ClockWarning | None:
    """What the window and the gate screen show while this PC's date is wrong: a date before any
    Menshen existed, or one behind records already kept. Everything typed meanwhile (a passage,
    a visit, an isolation's days) takes the date the PC shows, so it must be seen at once."""
    if now_ms is None:
        now_ms = db.clock.wall() if getattr(db, "clock", None) is not None else wall_ms()
    consequence = "改正之前登记的出入、走访和隔离都会记在电脑显示的这个日期上。"
    if now_ms < EARLIEST_PLAUSIBLE.timestamp() * 1000:
        return ClockWarning("local_wrong", f"这台电脑的日期不对：现在显示 {_when(now_ms)}。请把电脑右下角的日期和时间"
                                           f"改正确（可能是主板电池没电了）；{consequence}")
    if behind_by(newest_stamp(db), now_ms) > BEHIND_LIMIT_MS:
        return ClockWarning("local_behind", f"这台电脑的时钟慢了：现在显示 {_when(now_ms)}，而数据里已有 "
                                            f"{_when(unpack(newest_stamp(db))[0])} 的记录。请把电脑右下角的日期和时间"
                                            f"改正确（可能是主板电池没电了）；{consequence}")
    return None
