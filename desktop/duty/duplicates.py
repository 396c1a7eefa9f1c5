"""One person on duty registered twice: the office and the gate laptop each registered 张志愿,
and after USB sync the duty page listed him twice and counted his hours under two entries.

``duplicate_people(db)`` lists the likely duplicates (``is_twin`` is the rule: the same name and
the same phone, or the same name and one of the two without a phone; deleted entries never).
``merge_people(db, keep_id, other_id)`` joins them in one transaction: the entry kept has the
chosen entry's details, the other's filling what it lacks (an ordinary, recorded edit); its
row is the older of the two on every machine (so two machines merging the pair each way keep the
same one). The merge itself is a replicated ``duty_merge`` row (db/sync/duty_merge.py, as
``person_merge`` for residents; the change log records who merged): settled here at once and on
every other machine when the row reaches it, it points every shift and canvass result of the
other entry at the kept one and hides the other, including the shifts and results the gate
laptop makes on the other entry before it hears of the merge. A merge that would put the person
at two posts at once is refused, naming the two shifts.
"""
from db.sync.duty_merge import settle_duty_merges
from db.sync.ids import natural_id
from desktop.accounts.roles import Permission, require
from desktop.duty.people import DutyBook
from desktop.duty.records import Twin
from desktop.duty.roster import Roster, overlap_text
from desktop.errors import InputError, NotFoundError
from desktop.register import now_text

# Fields of the kept entry filled from the other when empty (the name is the same; the kind is
# never empty).
FILLED = ("phone", "unit_name", "skills", "compound_id", "checkpoint_id", "available", "note")


def is_twin(a_name: str, a_phone: str, b_name: str, b_phone: str) -> bool:
    """The rule of a likely duplicate: the same name, and the same phone or one of them empty."""
    return bool(a_name) and a_name == b_name and (not a_phone or not b_phone or a_phone == b_phone)


def duplicate_people(db) -> list[Twin]:
    """Entries registered twice, by name; each later entry is paired with the oldest earlier one
    it matches (three entries of one person make two pairs)."""
    require(db, Permission.REGISTER_READ)
    book = DutyBook(db)
    with db.reading() as conn:
        rows = conn.execute("SELECT id FROM duty_person WHERE is_deleted = 0 AND full_name IN"
                            " (SELECT full_name FROM duty_person WHERE is_deleted = 0 GROUP BY full_name"
                            "  HAVING count(*) > 1) ORDER BY full_name, coalesce(created_wall, ''), id").fetchall()
        counts = dict(conn.execute("SELECT person_id, count(*) FROM duty_shift WHERE is_deleted = 0"
                                   " GROUP BY person_id").fetchall())
    people = [book.person(r[0]) for r in rows]
    out = []
    for i, later in enumerate(people):
        earlier = next((p for p in people[:i] if is_twin(p.full_name, p.phone, later.full_name, later.phone)), None)
        if earlier is not None:
            out.append(Twin(earlier, later, counts.get(earlier.id, 0), counts.get(later.id, 0),
                            earlier.phone == later.phone))
    return out


def merge_people(db, keep_id: str, other_id: str, *, cancelled=lambda: False) -> int | None:
    """Join entry ``other_id`` into ``keep_id`` (see the module's docstring); returns how many
    shifts moved, None when ``cancelled()`` ended the backup's wait (nothing changed). InputError (Chinese) when they are not the same person or their shifts overlap;
    NotFoundError when one was deleted meanwhile (on another machine, come by sync)."""
    if keep_id == other_id:
        raise InputError("person", "不能把一个人合并到他自己。")
    require(db, Permission.REGISTER_EDIT)
    book, roster = DutyBook(db), Roster(db)
    keep, other = book.person(keep_id), book.person(other_id)
    if not is_twin(keep.full_name, keep.phone, other.full_name, other.phone):
        raise InputError("person", f"“{keep.full_name}”和“{other.full_name}”姓名或电话不同，不是同一个人，不能合并。")
    from desktop.backup import backup_before
    # A wrong merge can be undone from the copy, as for residents; Cancel pressed meanwhile: no merge.
    if backup_before(db, "merge", cancelled=cancelled) is None or cancelled():
        return None
    with db.transaction() as conn:
        live = conn.execute("SELECT count(*) FROM duty_person WHERE id IN (?, ?) AND is_deleted = 0",
                            (keep_id, other_id)).fetchone()[0]
        if live != 2:
            raise NotFoundError("这位值守人员")
        clash = roster.overlaps_between(conn, keep_id, other_id)
        if clash:
            raise InputError("person", f"两条登记的班次时间重叠，不能合并：{overlap_text(clash[0])}。"
                                       "请先在排班表里调整或删除其中一个班次，再合并。")
        # The row that stays is the older of the two on every machine, whichever the clerk
        # chose: two offices merging one pair each way before they sync would otherwise delete
        # both and he would vanish from the list. The chosen entry's details win; the other's
        # fill what it lacks.
        survivor, gone = sorted((keep, other), key=lambda person: person.id)
        wanted = {c: getattr(keep, c) or getattr(other, c) for c in FILLED}
        moved = conn.execute("SELECT count(*) FROM duty_shift WHERE person_id = ? AND is_deleted = 0",
                             (gone.id,)).fetchone()[0]
        fill = {c: v for c, v in wanted.items() if v and v != getattr(survivor, c)}
        if fill:
            conn.execute(f"UPDATE duty_person SET {', '.join(f'{c} = ?' for c in fill)} WHERE id = ?",
                         (*fill.values(), survivor.id))
        conn.execute("INSERT INTO duty_merge (id, loser_id, survivor_id, merged_by, created_site, created_wall)"
                     " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                     (merge_id(survivor.id, gone.id), gone.id, survivor.id, db.user_name or "", db.site.site_id,
                      now_text()))
        settle_duty_merges(conn, db.recorder)
    return moved


def merge_id(a: str, b: str) -> str:
    """The id of the merge of two entries, whichever direction and whoever merges."""
    return natural_id("duty_merge", *sorted((a, b)))
