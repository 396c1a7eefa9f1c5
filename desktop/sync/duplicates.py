"""Duplicate persons: the same ID number entered on two machines (SYNC.md 9.13; issue 15).

``duplicate_pairs(db)`` lists the pairs to review (two live persons with the same ID number),
each person with what a clerk compares: name, sex, birth date, phone, address, where and when
the record was made, and how many gate passages and visits name it. ``merge_persons(db,
survivor_id, loser_id)`` is the one place a merge is made: it writes the replicated
``person_merge`` row (one per pair, whoever merges it: db/sync/person_merge.py) and settles the
merge here at once; every other machine settles it when the row reaches it. The same
``settle_merges`` runs in the import, so there is one rule for both.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from db.sync.ids import natural_id
from db.sync.person_merge import settle_merges
from db.sync.site import site_words
from desktop.accounts.roles import Permission, require
from desktop.errors import InputError


@dataclass(frozen=True)
class Side:
    person_id: str
    full_name: str
    sex: str
    birth_date: str
    phone: str
    address: str
    made_at: str                # where and when the record was made (machine, wall time)
    made_on: str
    gate_rows: int
    visits: int


@dataclass(frozen=True)
class Pair:
    id_number: str
    a: Side                     # the older record first
    b: Side
    same_birth: bool            # False: "ID collision, check the documents"


def merge_id(a: str, b: str) -> str:
    """The id of the merge of two persons, whichever direction and whoever merges."""
    return natural_id("person_merge", *sorted((a, b)))


_SIDE = ("SELECT p.id, p.full_name, coalesce(p.sex, ''), coalesce(p.birth_date, ''), coalesce(p.phone, ''),"
         " coalesce((SELECT coalesce(c.name, '') || coalesce(b.number || '栋', '') || coalesce(u.number || '单元', '')"
         "   || coalesce(h.room || '室', '') || coalesce(h.address_text, '')"
         "   FROM membership m JOIN household h ON h.id = m.household_id LEFT JOIN compound c ON c.id = h.compound_id"
         "   LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
         "   WHERE m.person_id = p.id AND m.is_deleted = 0 ORDER BY m.id LIMIT 1), ''),"
         " p.created_site,"
         " coalesce(p.created_wall, ''),"
         " (SELECT count(*) FROM gate_log g WHERE g.person_id = p.id),"
         " (SELECT count(*) FROM care_visit v WHERE v.person_id = p.id)"
         " FROM person p WHERE p.id = ?")


def _side(conn, person_id: str) -> Side:
    row = conn.execute(_SIDE, (person_id,)).fetchone()
    return Side(*row[:6], site_words(conn, row[6]), *row[7:])


def duplicate_pairs(db) -> list[Pair]:
    """Pairs of live persons holding the same ID number, by ID number; in a group of three or
    more, the oldest record is paired with each of the others."""
    with db.reading() as conn:
        groups: dict[str, list] = {}
        for number, pid, made in conn.execute(
                "SELECT id_number, id, coalesce(created_wall, '') FROM person WHERE is_deleted = 0"
                " AND merged_into IS NULL AND id_number IS NOT NULL AND id_number <> '' AND id_number IN"
                " (SELECT id_number FROM person WHERE is_deleted = 0 AND merged_into IS NULL"
                "  AND id_number IS NOT NULL AND id_number <> '' GROUP BY id_number HAVING count(*) > 1)"
                " ORDER BY id_number, created_wall, id"):
            groups.setdefault(number, []).append(pid)
        out = []
        for number, ids in sorted(groups.items()):
            first = _side(conn, ids[0])
            for other in ids[1:]:
                second = _side(conn, other)
                out.append(Pair(number, first, second, first.birth_date == second.birth_date))
    return out


def merge_persons(db, survivor_id: str, loser_id: str, *, cancelled=lambda: False) -> str | None:
    """Merge ``loser_id`` into ``survivor_id``: one transaction writing the replicated merge row
    and settling it here (records pointed at the survivor, the loser hidden). Returns the merge
    row's id; None when ``cancelled()`` ended the backup's wait (nothing changed). Refuses
    (InputError, in Chinese) two records that are not live duplicates."""
    if survivor_id == loser_id:
        raise InputError("person", "不能把一个人合并到他自己。")
    require(db, Permission.REGISTER_EDIT)
    from desktop.backup import backup_before
    # A wrong merge can be undone from the copy (issue 16, point 6). Cancel pressed while the
    # copy was made (seconds on a big register) still means no merge; the copy stays.
    if backup_before(db, "merge", cancelled=cancelled) is None or cancelled():
        return None
    with db.transaction() as conn:
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, id_number, is_deleted, merged_into FROM person WHERE id IN (?, ?)", (survivor_id, loser_id))}
        if len(rows) != 2:
            raise InputError("person", "要合并的人员记录不存在（可能已被删除），请刷新后再试。")
        if any(deleted or merged for _, deleted, merged in rows.values()):
            raise InputError("person", "其中一条人员记录已被删除或已合并，请刷新后再看。")
        if not rows[survivor_id][0] or rows[survivor_id][0] != rows[loser_id][0]:
            raise InputError("person", "两条记录的证件号码不同，不能合并；请先核对证件。")
        mid = merge_id(survivor_id, loser_id)
        wall = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO person_merge (id, loser_id, survivor_id, merged_by, merged_wall, created_site, created_wall)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET loser_id = excluded.loser_id,"
            " survivor_id = excluded.survivor_id, merged_by = excluded.merged_by, merged_wall = excluded.merged_wall",
            (mid, loser_id, survivor_id, db.user_name or "", wall, db.site.site_id, wall))
        settle_merges(conn, db.recorder)
    return mid


def history_ids(conn, person_id: str) -> list[str]:
    """The person and everyone merged into it: whose gate passages, visits and history are its."""
    return [person_id] + [r[0] for r in conn.execute(
        "SELECT id FROM person_alias WHERE canonical_id = ? ORDER BY id", (person_id,))]
