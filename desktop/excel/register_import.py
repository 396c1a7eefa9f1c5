"""The register kind of import: who in the file is already registered, and the one-transaction write.

The register's rules apply to a file as to a clerk: a person with the same ID number is updated,
not duplicated (the preview lists the fields that change); two rows for one person in a file are
flagged; a household has one head; a rented household names its landlord. Households, buildings
and units are created as the rows need them (``RegisterBatch``).
"""
from dataclasses import replace

from desktop.address import format_place
from desktop.errors import InputError
from desktop.excel.columns import REGISTER, fields_of
from desktop.excel.plan import ImportCancelled, ImportResult, PlanRow
from desktop.register import RegisterBatch

IMPORT_REASON = "从台账导入"
WRITE_EVERY = 2000                    # rows between writes (and progress reports, and cancel checks)
_COMPARED = ("full_name", "id_type", "id_number", "sex", "birth_date", "phone", "residence_kind",
             "hukou_address", "is_key_person", "key_reason", "work_place", "note")
_EXISTING = ("SELECT p.id, p.full_name, p.id_type, p.id_number, p.sex, p.birth_date, p.phone,"
             " p.residence_kind, p.hukou_address, p.is_key_person, p.key_reason, p.work_place, p.note,"
             " p.status, m.relation, c.name, b.number, u.number, h.room, h.address_text, h.tenure,"
             " h.landlord_name FROM person p"
             " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
             " LEFT JOIN household h ON h.id = m.household_id LEFT JOIN compound c ON c.id = h.compound_id"
             " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
             " WHERE p.is_deleted = 0")


def _place_key(compound, building, unit, room, address_text) -> tuple:
    return (compound or "", building or "", unit or "", room or "", address_text or "")


def _place_text(key: tuple) -> str:
    return format_place(*key) or "（无住址）"


def _label(key: str) -> str:
    return fields_of(REGISTER)[key].label


def _existing(app):
    """Everyone in the register: by ID number, by (place, name) for those without one; and the
    head of each household by place."""
    by_number, by_place_name, heads, tenures = {}, {}, {}, {}
    with app.db.reading() as conn:
        for r in conn.execute(_EXISTING):
            person = dict(zip(("id",) + _COMPARED, r[:13]))
            person.update(status=r[13], relation=r[14] or "")
            place = _place_key(*r[15:20]) if r[14] is not None else None
            person["place"] = place
            if r[3]:
                by_number[r[3]] = person
            elif place:
                by_place_name[(place, r[1])] = person
            if place and r[14] == "head":
                heads[place] = (r[0], r[1])
            if place:
                tenures[place] = (r[20], r[21] or "")
    return by_number, by_place_name, heads, tenures


def _differs(a, b) -> bool:
    return (a if a not in (None, "") else "") != (b if b not in (None, "") else "")


def _changes(draft, person: dict) -> tuple[str, ...]:
    out = [_label(k) for k in _COMPARED if k in draft.given and _differs(draft.person[k], person[k])]
    if draft.key_reason_missing and not person["key_reason"]:
        out.append(_label("key_reason"))
    if draft.household_key and draft.household_key != person["place"]:
        out.append("住址")
    if draft.relation and draft.relation != person["relation"]:
        out.append(_label("relation"))
    if draft.status and draft.status != person["status"]:
        out.append(_label("status"))
    return tuple(dict.fromkeys(out))


def _reject(row: PlanRow, field: str, message: str, cells_of) -> PlanRow:
    return replace(row, errors=row.errors + (InputError(field, message),), action="rejected",
                   cells=row.cells or cells_of(row))


def check_register_rows(app, rows: list[PlanRow], cells_of=lambda row: row.cells) -> list[PlanRow]:
    """Rules across rows and against the register: duplicates, heads, landlords, updates."""
    by_number, by_place_name, heads, tenures = _existing(app)
    seen: dict = {}
    head_rows: dict = {}
    landlord: dict = {}                    # household place -> landlord name given in the file
    for row in rows:
        d = row.draft
        if row.ok and d.household_key and d.landlord_name:
            landlord.setdefault(d.household_key, d.landlord_name)
    out = []
    for row in rows:
        if not row.ok:
            out.append(row)
            continue
        d = row.draft
        number = d.person["id_number"]
        who = ("id", number) if number else ("name", d.household_key, d.person["full_name"])
        if who in seen:
            first = seen[who]
            what = "身份证号码相同" if number else "同一户中姓名相同"
            out.append(_reject(row, "id_number" if number else "full_name",
                               f"与{first.where()}是同一个人（{what}），同一人只导入一次。"
                               "如果这一行的信息才是对的，请改好后单独再导入这一行。", cells_of))
            continue
        existing = by_number.get(number) if number else by_place_name.get((d.household_key, d.person["full_name"]))
        key = d.household_key
        if d.relation == "head" and key:
            first_head = head_rows.get(key)
            db_head = heads.get(key)
            if first_head or (db_head and (not existing or db_head[0] != existing["id"])):
                name = first_head.draft.person["full_name"] if first_head else db_head[1]
                where = f"，{first_head.where()}" if first_head else "，已在系统中登记"
                out.append(_reject(row, "relation",
                                   f"这一户（{_place_text(key)}）已有户主{name}{where}。一户只能有一个户主；"
                                   "如果是另一家人或租客，请把“与户主关系”改为“租客”等。", cells_of))
                continue
            head_rows[key] = row
        if d.tenure == "rented" and key and not landlord.get(key) and not (tenures.get(key) or ("", ""))[1]:
            out.append(_reject(row, "tenure", "租住的户请填写房东姓名（房东、租客两清楚）。", cells_of))
            continue
        seen[who] = row
        if existing:
            changes = _changes(d, existing)
            out.append(replace(row, action="update" if changes else "same", changes=changes))
        else:
            out.append(row if row.action == "new" else replace(row, action="new"))
    return out


def write_register(app, plan, progress=None, cancelled=None) -> ImportResult:
    """Every good row in one transaction: a cancel or an error rolls all of it back."""
    good = plan.good
    created = updated = same = 0
    tenure_done: set[str] = set()
    with app.db.transaction() as conn, RegisterBatch(app.register, conn) as batch:
        unnumbered = {(r[0], r[1]): r[2] for r in conn.execute(
            "SELECT m.household_id, p.full_name, p.id FROM person p JOIN membership m ON m.person_id = p.id"
            " AND m.is_deleted = 0 WHERE p.is_deleted = 0 AND p.id_number IS NULL")}
        current_status = {}
        for i, row in enumerate(good):
            if i % WRITE_EVERY == 0:
                # Written as it goes, so the progress bar tells the truth and memory stays flat.
                batch.write()
                if progress:
                    progress(i, len(good))
                if cancelled and cancelled():
                    raise ImportCancelled()
            d = row.draft
            values = dict(d.person)
            hid = None
            if d.household_key:
                hid = batch.household(batch.compound(d.compound), d.building, d.unit, d.room, d.address_text)
                if d.tenure and hid not in tenure_done:
                    batch.set_tenure(hid, d.tenure, d.landlord_name, d.landlord_phone)
                    tenure_done.add(hid)
            found = batch.person_by_id_number(values["id_number"]) if values["id_number"] else (
                (unnumbered[(hid, values["full_name"])], hid) if (hid, values["full_name"]) in unnumbered else None)
            if found:
                pid, current_household = found
                if row.action == "same":
                    same += 1
                    continue
                batch.write()            # what follows reads and changes rows already written
                batch.update_person(pid, {k: v for k, v in values.items() if k in d.given})
                if d.key_reason_missing:
                    conn.execute("UPDATE person SET key_reason = ? WHERE id = ? AND coalesce(key_reason, '') = ''",
                                 (values["key_reason"], pid))
                if hid and (hid != current_household or d.relation):
                    relation = d.relation or _relation_of(conn, current_household, pid)
                    batch.place_person(pid, current_household, hid, relation)
                if d.status:
                    old = current_status.get(pid) or conn.execute(
                        "SELECT status FROM person WHERE id = ?", (pid,)).fetchone()[0]
                    if old != d.status:
                        batch.set_status(pid, old, d.status, IMPORT_REASON)
                        current_status[pid] = d.status
                updated += 1
            else:
                pid = batch.add_person(values, hid, d.relation or "other")
                if not values["id_number"] and hid:
                    unnumbered[(hid, values["full_name"])] = pid
                if d.status and d.status != "healthy":
                    batch.set_status(pid, "healthy", d.status, IMPORT_REASON)
                created += 1
        if progress:
            progress(len(good), len(good))
    return ImportResult(REGISTER, created + updated, created, updated, same, len(plan.bad))


def _relation_of(conn, household_id, person_id) -> str:
    if not household_id:
        return "other"
    row = conn.execute("SELECT relation FROM membership WHERE household_id = ? AND person_id = ?"
                       " AND is_deleted = 0", (household_id, person_id)).fetchone()
    return row[0] if row else "other"
