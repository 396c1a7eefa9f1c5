"""The lists of the window that export as workbooks, each as columns + rows for ``write_list``:
the register, key persons, the care list, isolation follow-up and a gate log of a day or range.
"""
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from desktop import place_words, vocab
from desktop.vocab import zh
from desktop.accounts.roles import output_masking
from desktop.errors import InputError
from desktop.excel.export import Column, birth_date_column, id_column, phone_column, write_list
from desktop.files import refuse_in_use
from desktop.register import places

_PEOPLE_WHERE = "p.is_deleted = 0"
_PEOPLE = (
    "SELECT c.name, b.number, u.number, h.room, h.address_text, p.full_name, m.relation, p.sex,"
    " p.birth_date, p.id_type, p.id_number, p.phone, p.residence_kind, p.hukou_address, h.tenure,"
    " h.landlord_name, h.landlord_phone, p.is_key_person, p.key_reason, p.status, p.work_place, p.note, h.id"
    " FROM person p LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
    " LEFT JOIN household h ON h.id = m.household_id LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
    f" WHERE {_PEOPLE_WHERE} {{where}}"
    " ORDER BY {compound_order}, c.name, CAST(b.number AS INTEGER), b.number, CAST(u.number AS INTEGER), u.number,"
    " CAST(h.room AS INTEGER), h.room, h.address_text, h.id, m.relation <> 'head', p.birth_date, p.id")

# The register's columns carry the same words the import maps, so export -> import round-trips.
REGISTER_COLUMNS = [
    Column("小区", 12), Column("楼栋", 6), Column("单元", 6), Column("门牌号", 8), Column("门牌地址", 12),
    Column("姓名", 9), Column("与户主关系", 10), Column("性别", 5), birth_date_column(),
    Column("证件类型", 10), id_column(), phone_column(), Column("人口类型", 12), Column("户籍地", 12),
    Column("住房性质", 9), Column("房东姓名", 9), phone_column("房东电话"), Column("重点人员", 8),
    Column("重点人员原因", 18), Column("状态", 9), Column("工作单位", 14), Column("备注", 18),
]


def _register_rows(app, where: str = "", households: bool = False) -> Iterator[tuple]:
    """The register's people, a household's members together; ``households``: each row ends
    with the person's household id (None without one), for a form's 户号 (template.fill_template)."""
    with app.db.reading() as conn:
        rows = conn.execute(_PEOPLE.format(where=where, compound_order=places.compound_order(conn))).fetchall()
    for r in rows:
        row = (r[0], r[1], r[2], r[3], r[4], r[5], vocab.zh(vocab.RELATION, r[6]) if r[6] else None,
               vocab.zh(vocab.SEX, r[7]) if r[7] else None, r[8], vocab.zh(vocab.ID_TYPE, r[9]),
               r[10], r[11], vocab.zh(vocab.RESIDENCE, r[12]), r[13],
               vocab.zh(vocab.TENURE, r[14]) if r[14] else None, r[15], r[16], "是" if r[17] else None,
               r[18], vocab.zh(vocab.STATUS, r[19]), r[20], r[21])
        yield (*row, r[22]) if households else row


def _register_count(app, where: str = "") -> int:
    """The people ``_register_rows`` lists (one row each at least: the household is a LEFT JOIN)."""
    with app.db.reading() as conn:
        return conn.execute(f"SELECT count(*) FROM person p WHERE {_PEOPLE_WHERE} {where}").fetchone()[0]


def village_register(rows) -> tuple[list[Column], list[tuple]]:
    """A village's register as its own ledger keeps it, columns and rows: its villagers by
    村民小组, each house by its 门牌号 (12号), no empty 楼栋 and 单元 columns. The village import
    reads these headers back (村民小组 is its group, 门牌号 its house: ``places.village_door``),
    so the file re-imports unchanged. Nothing is dropped: 楼栋 and 单元 stay when a household of
    the village is in a building (a resettlement block), and 门牌地址 when a house has a 门牌号
    and a different address beside it."""
    rows = [list(r) for r in rows]
    for r in rows:
        building, unit, room, address = r[1:5]
        if not building and not unit and not (room and address):
            r[3], r[4] = room or address, None            # a village house: its one door
    keep = [any(r[i] for r in rows) for i in range(1, 5)]
    drop = {i for i, shown in zip(range(1, 5), keep) if not shown and i != 3}
    columns = [replace(c, header="村民小组") if c.header == "小区" else
               replace(c, width=12) if c.header == "门牌号" else c
               for i, c in enumerate(REGISTER_COLUMNS) if i not in drop]
    return columns, [tuple(v for i, v in enumerate(r) if i not in drop) for r in rows]


@dataclass(frozen=True)
class ListSpec:
    title: str
    columns: list[Column]
    rows: Callable[..., Iterator[tuple]]
    # The last day the list covers, from the days asked (the heading names the period).
    last_day: Callable[[date, date | None], date] = lambda on, until: until or on
    # Its numbers masked unless asked whole (``output_masking``'s default): a list that leaves
    # the office. The others are the office's own files, whole unless a masked copy is asked.
    masked_first: bool = False
    # Rows the list is sure to hold (never more than it has), counted before the first is read:
    # a long list on a stick too small for it is said at once (``write_list(at_least=)``).
    at_least: Callable[[object, date, date | None], int] = lambda app, on, until: 0


# 联系电话 is the phone a visitor calls (CareBook.phones_to_call), 接听人 whose it is (本人 …).
CARE_COLUMNS = [
    Column("状态", 26), Column("姓名", 9), Column("年龄", 5), Column("住址", 24), phone_column(),
    Column("接听人", 16), Column("类别", 18), Column("需求", 18), Column("走访频次", 9), Column("帮扶人", 9),
    phone_column("帮扶人电话"), Column("上次走访", 11), Column("应访日期", 11), Column("备注", 18),
]


def _care_rows(app, on: date) -> Iterator[tuple]:
    from desktop.care import vocab as cv
    from desktop.care.care_book import CareBook
    from desktop.care.due import state_words
    book = CareBook(app.db, app.register)
    items = book.care_list(on, due="all")
    phones = book.phones_to_call(item.subject for item in items)     # as the card and the visit sheet
    for item in items:
        s, d, call = item.subject, item.due, phones[item.subject.id]
        age = None
        if s.birth_date:
            born = date.fromisoformat(s.birth_date)
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        # 联系电话 is the phone to call; 接听人 says whose it is (本人 when it is the person's own).
        yield (state_words(d, another_day=on != date.today()), s.full_name, age, s.address, call.phone or None,
               (call.whose or "本人") if call.phone else None,
               "、".join(zh(cv.CATEGORY, c) for c in s.categories), "、".join(zh(cv.NEED, n) for n in s.needs),
               zh(cv.FREQUENCY, s.frequency), s.helper_name, s.helper_phone,
               d.last_visit.isoformat() if d.last_visit else None, d.due_on.isoformat(), s.note)


ISOLATION_COLUMNS = [
    Column("提示", 14), Column("姓名", 9), Column("住址", 24), phone_column(), Column("类型", 10),
    Column("第几天", 7), Column("开始日期", 11), Column("计划解除", 11), Column("上午体温", 8),
    Column("下午体温", 8), Column("代买代办", 9), Column("原因", 20),
]


def _isolation_rows(app, on: date) -> Iterator[tuple]:
    from desktop.care import vocab as cv
    from desktop.care.isolation import IsolationBook

    def temperature(check) -> str | None:
        if check is None:
            return "未随访"
        return "未测" if check.temperature is None else f"{check.temperature:.1f}"
    for item in IsolationBook(app.db, app.register).today_list(on):
        e = item.episode
        hint = "发热" if item.fever_days else ("待解除" if item.ends_today_or_past else "")
        yield (hint or None, e.full_name, e.address, e.phone, zh(cv.ISOLATION_KIND, e.kind),
               item.day_number, e.start_on, e.planned_end_on, temperature(item.morning),
               temperature(item.evening), e.helper_name, e.reason)


GATE_COLUMNS = [
    Column("时间", 17), Column("卡口", 12), Column("进/出", 6), Column("姓名", 9), Column("住址", 24),
    Column("体温", 6), Column("车牌", 10), Column("处理", 10), Column("备注", 20), Column("值守人", 14),
]


def _gate_count(app, on: date, until: date | None = None, gate_id: str | None = None) -> int:
    from desktop.gate.log import count_standing
    return count_standing(app.db, on.isoformat(), (until or on).isoformat(), gate_id)


def _gate_rows(app, on: date, until: date | None = None, gate_id: str | None = None) -> Iterator[tuple]:
    """Passages from ``on`` to ``until`` (both included), oldest first, at every gate or at
    ``gate_id``'s; voided rows left out. The passages kept in the gate journal (an import held
    the register) too, as the day's log tab lists them (log.day_log), 备注 saying [暂存]."""
    from datetime import timedelta
    from desktop.gate.log import OUTCOMES, SHEET_GUARD, count_day_log, day_log, kept_said, note_part, passage_name
    day = on
    while day <= (until or on):
        when = day.isoformat()
        entries = day_log(app.db, when, gate_id, limit=count_day_log(app.db, when, gate_id) or 1)
        for e in reversed(entries):
            if not e.void_reason:
                # 值守人 as the reprinted day log says it (LogEntry.guard): a typed sheet's guard
                # there (老李（补录）), no longer in the note as 登记人：老李.
                note = kept_said(e, note_part(e.note, SHEET_GUARD, e.source)[1])
                yield (e.at.replace("T", " ")[:16], e.checkpoint, "进" if e.direction == "in" else "出",
                       passage_name(e), e.address, e.temperature, e.plate,
                       OUTCOMES.get(e.outcome, "处理结果未记录" if e.fever else None), note or None, e.guard or None)
        day += timedelta(days=1)


def _duty_columns():
    from desktop.duty.export import HOURS_COLUMNS
    return HOURS_COLUMNS


def _duty_last_day(on, until):
    from desktop.duty.export import last_day
    return last_day(on, until)


def _duty_rows(app, on, until):
    from desktop.duty.export import hours_rows
    return hours_rows(app, on, until)


_KEY_PERSONS = "AND p.is_key_person = 1"
LISTS: dict[str, ListSpec] = {
    "register": ListSpec("居民台账", REGISTER_COLUMNS,
                         lambda app, on, until, **households: _register_rows(app, "", **households),
                         at_least=lambda app, on, until: _register_count(app)),
    "key-persons": ListSpec("重点人员名单", REGISTER_COLUMNS,
                            lambda app, on, until, **households: _register_rows(app, _KEY_PERSONS, **households),
                            at_least=lambda app, on, until: _register_count(app, _KEY_PERSONS)),
    "care": ListSpec("特殊群体关爱名单", CARE_COLUMNS, lambda app, on, until: _care_rows(app, on)),
    "isolation": ListSpec("居家隔离随访名单", ISOLATION_COLUMNS, lambda app, on, until: _isolation_rows(app, on)),
    "gate-log": ListSpec("出入登记", GATE_COLUMNS, _gate_rows, at_least=_gate_count),
    "duty-hours": ListSpec("值守时长统计", _duty_columns(), lambda app, on, until: _duty_rows(app, on, until),
                           last_day=lambda on, until: _duty_last_day(on, until),
                           # sent to the street office: the volunteers' phones as on the roster
                           # (catalogue ON_REQUEST), which the duty page's box follows too
                           masked_first=True),
}


def export_list(app, name: str, path: Path | str, *, masked: bool | None = None, on: date | None = None,
                until: date | None = None, progress=None, reason: str = "", gate_id: str | None = None) -> int:
    """Export one of the window's lists as it stands ``on`` a day (the gate log: from ``on``
    to ``until``, of every gate or of ``gate_id``'s, as the day log shows it); returns the number
    of rows written. Who may export, masked or not, and the reason a full export needs:
    ``desktop.accounts.roles.output_masking``."""
    spec = LISTS.get(name)
    masked, reason = output_masking(app, masked, reason, default_masked=bool(spec and spec.masked_first))
    if spec is None:
        raise InputError("list", f"没有名为“{name}”的名单。可选：{'、'.join(LISTS)}。")
    refuse_in_use(path)                 # '--to' naming the register says so, not 'wrong suffix'
    day = on or date.today()
    if until is not None and until < day:
        raise InputError("until", f"结束日期{until.isoformat()}早于开始日期{day.isoformat()}。")
    from desktop.audit import record_output
    one_gate = {}
    if gate_id:
        if name != "gate-log":
            raise InputError("gate", f"只有出入登记可以按卡口导出，“{spec.title}”不分卡口。")
        one_gate = {"gate_id": gate_id}
    sure = spec.at_least(app, day, until, **one_gate)      # before the rows: a village's are read at once
    title, columns, rows = spec.title, spec.columns, spec.rows(app, day, until, **one_gate)
    if gate_id:                                 # whose passages: 出入登记（幸福里东门）
        from desktop.gate.day import gates_said
        title = f"{title}（{gates_said(app.db, gate_id)}）"
    if spec.columns is REGISTER_COLUMNS and not place_words.community_words(app.db).has_buildings:
        title = "村民台账" if name == "register" else title
        columns, rows = village_register(rows)
    count = write_list(path, title, columns, rows, community=place_words.community_name(app.db),
                       on=on, until=spec.last_day(day, until), masked=masked, progress=progress,
                       at_least=sure)
    record_output(app.db, "export", name, count, masked, path, reason=reason)
    return count
