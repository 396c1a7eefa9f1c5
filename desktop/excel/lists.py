"""The lists of the window that export as workbooks, each as columns + rows for ``write_list``.

Register and key persons now; the care, isolation and gate-log lists plug in the same way
(a ``ListSpec`` in ``LISTS``) when their tables arrive.
"""
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from desktop import vocab
from desktop.errors import InputError
from desktop.excel.export import Column, id_column, phone_column, write_list

_PEOPLE = (
    "SELECT c.name, b.number, u.number, h.room, h.address_text, p.full_name, m.relation, p.sex,"
    " p.birth_date, p.id_type, p.id_number, p.phone, p.residence_kind, p.hukou_address, h.tenure,"
    " h.landlord_name, h.landlord_phone, p.is_key_person, p.key_reason, p.status, p.work_place, p.note"
    " FROM person p LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
    " LEFT JOIN household h ON h.id = m.household_id LEFT JOIN compound c ON c.id = h.compound_id"
    " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
    " WHERE p.is_deleted = 0 {where}"
    " ORDER BY c.name, CAST(b.number AS INTEGER), b.number, CAST(u.number AS INTEGER), u.number,"
    " CAST(h.room AS INTEGER), h.room, h.address_text, m.relation <> 'head', p.birth_date, p.id")

# The register's columns carry the same words the import maps, so export -> import round-trips.
REGISTER_COLUMNS = [
    Column("小区", 12), Column("楼栋", 6), Column("单元", 6), Column("门牌号", 8), Column("门牌地址", 12),
    Column("姓名", 9), Column("与户主关系", 10), Column("性别", 5), Column("出生日期", 11),
    Column("证件类型", 10), id_column(), phone_column(), Column("人口类型", 12), Column("户籍地", 12),
    Column("住房性质", 9), Column("房东姓名", 9), phone_column("房东电话"), Column("重点人员", 8),
    Column("重点人员原因", 18), Column("状态", 9), Column("工作单位", 14), Column("备注", 18),
]


def _register_rows(app, where: str = "") -> Iterator[tuple]:
    with app.db.reading() as conn:
        rows = conn.execute(_PEOPLE.format(where=where)).fetchall()
    for r in rows:
        yield (r[0], r[1], r[2], r[3], r[4], r[5], vocab.zh(vocab.RELATION, r[6]) if r[6] else None,
               vocab.zh(vocab.SEX, r[7]) if r[7] else None, r[8], vocab.zh(vocab.ID_TYPE, r[9]),
               r[10], r[11], vocab.zh(vocab.RESIDENCE, r[12]), r[13],
               vocab.zh(vocab.TENURE, r[14]) if r[14] else None, r[15], r[16], "是" if r[17] else None,
               r[18], vocab.zh(vocab.STATUS, r[19]), r[20], r[21])


@dataclass(frozen=True)
class ListSpec:
    title: str
    columns: list[Column]
    rows: Callable[..., Iterator[tuple]]


LISTS: dict[str, ListSpec] = {
    "register": ListSpec("居民台账", REGISTER_COLUMNS, _register_rows),
    "key-persons": ListSpec("重点人员名单", REGISTER_COLUMNS,
                            lambda app: _register_rows(app, "AND p.is_key_person = 1")),
}
# Lists whose data arrives with other modules: named here so the command says so plainly.
LATER = {"care": "关爱", "isolation": "居家隔离", "gate-log": "门岗"}


def community_name(app) -> str:
    with app.db.reading() as conn:
        row = conn.execute("SELECT name FROM community WHERE is_deleted = 0 ORDER BY created_wall LIMIT 1").fetchone()
        if row:
            return row[0]
        names = [r[0] for r in conn.execute("SELECT name FROM compound WHERE is_deleted = 0 ORDER BY name")]
    return names[0] if len(names) == 1 else ""


def export_list(app, name: str, path: Path | str, *, masked: bool = False, on: date | None = None) -> int:
    """Export one of the window's lists; returns the number of rows written."""
    if name in LATER:
        raise InputError("list", f"“{name}”名单的导出将在{LATER[name]}模块合并后提供。")
    spec = LISTS.get(name)
    if spec is None:
        raise InputError("list", f"没有名为“{name}”的名单。可选：{'、'.join([*LISTS, *LATER])}。")
    return write_list(path, spec.title, spec.columns, spec.rows(app), community=community_name(app),
                      on=on, masked=masked)
