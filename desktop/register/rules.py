"""The household rules, each in one function (一条规则一个地方).

One head per household (一户一个户主); a person lives in one household (一人一户); a household is
removed only when nobody lives in it; a rented household names its landlord (房东、租客两清楚);
several households behind one door (群租、合租) are allowed but flagged for review. The dialogs'
use cases (``Register``), a ledger import (``RegisterBatch`` and
``desktop/excel/register_import.py``) and, later, sync all call these functions, so a rule
cannot say one thing in a dialog and another in an import.

The pure functions take the facts and return the refusal (an ``InputError``) or the flag; the
few that need the register take a connection.
"""
import json
from datetime import datetime

from db.sync import hlc
from db.sync.ids import natural_id
from db.sync.log import iter_row_changes
from db.sync.versions import lww_order
from desktop import vocab
from desktop.errors import InputError, InputErrors
from desktop.register import places
from desktop.register.rows import insert_row, update_row

# What a household's note starts its review flag with: searchable, and plain to a clerk.
REVIEW_MARK = "【待核实】"


# -- a rented household names its landlord ----------------------------------------------------
def landlord_missing(tenure: str, landlord_name: str) -> InputError | None:
    """The refusal when a rented household has no landlord (房东、租客两清楚)."""
    if tenure == "rented" and not landlord_name:
        return InputError("landlord_name", "租住的户请填写房东姓名（房东、租客两清楚）。")
    return None


def tenure_of_landlord(landlord_name: str, landlord_phone: str, registered: str) -> str:
    """The tenure a record that names a landlord but no tenure says: rented ('' when it names
    none). A landlord is only kept for a rented home; a household registered as 其他 (a
    dormitory, a relative's flat) with a landlord keeps its tenure."""
    if not (landlord_name or landlord_phone):
        return ""
    return registered if registered == "other" else "rented"


# -- one head per household -------------------------------------------------------------------
def head_conflict(relation: str, current_head: tuple[str, str] | None,
                  person_id: str | None = None) -> InputError | None:
    """The refusal when ``relation`` would give a household whose head is ``current_head``
    (id, name) a second head. Nothing when the person is that head already."""
    if relation != "head" or not current_head or current_head[0] == person_id:
        return None
    return InputError("relation", f"这一户已有户主（{current_head[1]}）。请先修改原户主的关系。")


def household_head(conn, household_id: str, person_id: str | None = None) -> tuple[str, str] | None:
    """(id, name) of the household's head other than ``person_id``, if it has one."""
    return conn.execute("SELECT p.id, p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
                        " WHERE m.household_id = ? AND m.relation = 'head' AND m.is_deleted = 0"
                        " AND p.is_deleted = 0 AND p.id IS NOT ? LIMIT 1", (household_id, person_id)).fetchone()


def relation_offered(member_count: int) -> str:
    """The relation a new member's form starts with: the first person of an empty household is
    its head (户主), anyone after is 其他 until the clerk says (a newborn added to a ledger's
    household without a marked head is not its head). Offered 其他 every time, a household typed
    in by hand had no head and its printed sheet (一户一档) none to sign."""
    return "other" if member_count else "head"


def check_single_head(conn, household_id: str, relation: str, person_id: str | None) -> None:
    if relation != "head":
        return
    if error := head_conflict(relation, household_head(conn, household_id, person_id), person_id):
        raise InputErrors([error])


# -- a person lives in one household ----------------------------------------------------------
def membership_id(household_id: str, person_id: str) -> str:
    """The membership's id follows from household and person (SYNC.md 9.2): two machines that
    put the same person in the same household make one row."""
    return natural_id("membership", household_id, person_id)


def link_member(conn, site_id: str, household_id: str, person_id: str, relation: str,
                wall: str | None = None) -> None:
    """Put a person in a household with this relation (a tombstoned link is revived)."""
    mid = membership_id(household_id, person_id)
    if conn.execute("SELECT 1 FROM membership WHERE id = ?", (mid,)).fetchone():
        update_row(conn, "membership", mid, {"relation": relation, "is_deleted": 0})
    else:
        insert_row(conn, site_id, "membership", {"household_id": household_id, "person_id": person_id,
                                                 "relation": relation}, row_id=mid, wall=wall)


def unlink_member(conn, household_id: str, person_id: str) -> None:
    update_row(conn, "membership", membership_id(household_id, person_id), {"is_deleted": 1})


def move_member(conn, site_id: str, person_id: str, current_household: str | None, household_id: str,
                relation: str, wall: str | None = None) -> None:
    """A person lives in one household: moving them tombstones the old link and makes the new."""
    if current_household and current_household != household_id:
        unlink_member(conn, current_household, person_id)
    link_member(conn, site_id, household_id, person_id, relation, wall)


# -- a household is removed only when empty ---------------------------------------------------
def deleted_with_members(conn) -> dict[str, list[tuple[str, str]]]:
    """Households deleted while people still live in them: {household id: [(person id, name)]}.
    The register never deletes a household with members (``removal_refusal``), so this happens
    only through sync: one machine deleted an empty household while another put someone in it.
    The person is kept but the household is hidden; staff restore it or take the people out."""
    out: dict[str, list[tuple[str, str]]] = {}
    for hid, pid, name in conn.execute(
            "SELECT h.id, p.id, p.full_name FROM household h"
            " JOIN membership m ON m.household_id = h.id AND m.is_deleted = 0"
            " JOIN person p ON p.id = m.person_id AND p.is_deleted = 0"
            " WHERE h.is_deleted = 1 ORDER BY h.id, p.full_name, p.id"):
        out.setdefault(hid, []).append((pid, name))
    return out


def removal_refusal(member_count: int) -> InputError | None:
    if member_count:
        return InputError("household", f"这一户还有{member_count}个人，请先把人员迁出或删除，再删除这一户。")
    return None


def person_removal_refusal(conn, person_id: str, name: str) -> InputError | None:
    """A person still isolated or on the care list is not removed from the register: the case
    would stay open where no list shows it (no follow-up due, no visit, never released)."""
    isolated = conn.execute("SELECT start_on FROM isolation_episode WHERE person_id = ? AND released_on IS NULL"
                            " AND is_deleted = 0 ORDER BY start_on LIMIT 1", (person_id,)).fetchone()
    if isolated:
        return InputError("person", f"{name}正在隔离（{isolated[0]}起），请先在“隔离随访”页解除隔离，再删除。")
    if conn.execute("SELECT 1 FROM care_subject WHERE person_id = ? AND is_deleted = 0 LIMIT 1",
                    (person_id,)).fetchone():
        return InputError("person", f"{name}在特殊关爱名单上，请先在“特殊关爱”页把他移出名单，再删除。")
    return None


# -- a removed person is restored where they were (删除的人员可以恢复) ---------------------------
# Removed: tombstoned by a clerk, not merged into another record (person_merge hides the loser
# with merged_into set: that person lives on as the survivor and is never "restored").
REMOVED = "p.is_deleted = 1 AND p.merged_into IS NULL"


def removal_change(conn, table: str, row_id: str):
    """The change of the log (``db.sync.log.Change``) that tombstoned a row last, wherever it
    was made (here or on another machine, come by sync): its HLC says when, its user who.
    None when the log holds no such change."""
    found = None
    for change in iter_row_changes(conn, table, row_id):
        values: dict = {}
        for group in json.loads(change.cols or "{}").values():
            if isinstance(group, dict):
                values.update(group)
        if values.get("is_deleted") == 1 and (
                found is None or lww_order(change.hlc, change.site_id) > lww_order(found.hlc, found.site_id)):
            found = change
    return found


def change_time(change) -> str:
    """When a change was made, by its hybrid logical clock, as this PC's local time."""
    ms, _counter = hlc.unpack(change.hlc)
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M")


def household_left(conn, person_id: str) -> tuple[str, str] | None:
    """(household id, relation) of the household a removed person was taken out of: the link
    still live (sync may have left one), else the link tombstoned last (a person who moved
    before keeps the older household's tombstoned link too). None when they were in none."""
    live = conn.execute("SELECT household_id, relation FROM membership WHERE person_id = ? AND is_deleted = 0"
                        " LIMIT 1", (person_id,)).fetchone()
    if live:
        return live[0], live[1] or "other"
    best, best_key = None, None
    for mid, household_id, relation in conn.execute(
            "SELECT id, household_id, relation FROM membership WHERE person_id = ? AND is_deleted = 1"
            " ORDER BY created_wall, id", (person_id,)).fetchall():
        change = removal_change(conn, "membership", mid)
        key = lww_order(change.hlc, change.site_id) if change else (0, "")
        if best_key is None or key >= best_key:
            best, best_key = (household_id, relation or "other"), key
    return best


def restore_duplicate(name: str, existing) -> InputError | None:
    """The refusal to restore ``name`` when ``existing`` (a Person in the register now) has the
    same ID number: the register would hold two people with one number."""
    if existing is None:
        return None
    where = existing.address or "不属于任何一户"
    return InputError("person", f"不能恢复{name}：同一个身份证号现在登记的是{existing.full_name}（{where}），"
                      f"恢复会出现两个同号的人。如果是同一个人，请直接使用或修改{existing.full_name}的登记。")


def restored_relation(conn, household_id: str, relation: str, person_id: str) -> str:
    """The relation a restored person goes back with: their own, unless they were the head and
    the household has another head now (one head per household): then 其他, and said so."""
    if relation not in vocab.RELATION:
        return "other"
    if head_conflict(relation, household_head(conn, household_id, person_id), person_id):
        return "other"
    return relation


# -- several households behind one door (群租、合租) ------------------------------------------
_AT_DOOR = ("SELECT h.id, coalesce((SELECT p.full_name FROM membership m JOIN person p ON p.id = m.person_id"
            " WHERE m.household_id = h.id AND m.relation = 'head' AND m.is_deleted = 0 AND p.is_deleted = 0"
            " LIMIT 1), ''), h.room, h.address_text FROM household h WHERE h.compound_id = ? AND h.building_id IS ?"
            " AND h.unit_id IS ? AND h.is_deleted = 0 AND h.id IS NOT ?")


def households_at_door(conn, compound_id: str, building_id: str | None, unit_id: str | None, room: str,
                       address_text: str, exclude_id: str | None = None) -> list[tuple[str, str]]:
    """(id, head's name or '') of the households already registered at this door, oldest first.
    A village house is found however it was written, in the query and in the rows
    (``places.village_door``: 12号 is 王家湾12号 and a 门牌号 of 12); other doors are as typed."""
    group = conn.execute("SELECT name, kind FROM compound WHERE id = ?", (compound_id,)).fetchone()
    village = places.village_of(conn, compound_id) if group else None
    if group and places.is_village_house(group[1], building_id, unit_id, village):
        door = places.village_door(group[1], group[0], None, None, room, address_text, village)
        return [(r[0], r[1]) for r in conn.execute(
            _AT_DOOR + " ORDER BY h.created_wall, h.id", (compound_id, building_id, unit_id, exclude_id))
            if places.village_door(group[1], group[0], None, None, r[2], r[3], village) == door]
    return [(r[0], r[1]) for r in conn.execute(
        _AT_DOOR + " AND coalesce(h.room, '') = ? AND coalesce(h.address_text, '') = ?"
        " ORDER BY h.created_wall, h.id", (compound_id, building_id, unit_id, exclude_id, room or "",
                                           address_text or ""))]


def _heads_text(heads: list[str]) -> str:
    named = [h for h in heads if h]
    return f"，户主：{'、'.join(named)}" if named else ""


class SharedDoorQuestion(InputError):
    """Not a refusal but a question: the door has a household already; is this another one?"""


def shared_door_question(door: str, heads: list[str], field: str = "room") -> InputError:
    """What a clerk is asked before a second household is registered at a door: it may be a
    typing slip (the flat of another floor), or another family renting a room there. Shown
    beside ``field``, the box the door was typed in (门牌地址 for a village house)."""
    box = "门牌地址" if field == "address_text" else "门牌号"
    return SharedDoorQuestion(field, f"这个门牌（{door}）已经登记了{len(heads)}户{_heads_text(heads)}。"
                              "如果是另一户人家（群租、合租），再按一次“保存”作为同一门牌的又一户登记，"
                              f"这一户会标为待核实；否则请改{box}，或把人员加到已有的那一户。")


def shared_door_flag(door: str, heads: list[str]) -> str:
    """The review flag a further household at an occupied door carries (in its note, and as the
    import's warning): kept, never refused, and found again by searching 待核实."""
    return (f"{REVIEW_MARK}同一门牌（{door}）还有{len(heads)}户{_heads_text(heads)}；"
            "这一户作为另外一户登记（群租、合租？），请上门核实。")


def with_flag(note: str | None, flag: str) -> str:
    """A note with a review flag in front (once)."""
    note = note or ""
    return note if flag in note else f"{flag} {note}".strip()
