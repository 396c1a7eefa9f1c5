"""The register kind of import: who in the file is already registered, and the one-transaction write.

The register's rules (``desktop.register.rules``) apply to a file as to a clerk: a person with
the same ID number is updated, not duplicated (the preview lists the fields that change); two
rows for one person in a file are refused; a household has one head, so a second 户主 behind
one door starts a second household there (群租、合租), flagged for review; a rented household
with no landlord is kept and flagged. A row of a masked list (its ID number 4201**********1234)
is the one registered person with its name and the number's visible digits, else refused.
Households, buildings and units are created as the rows need them (``RegisterBatch``).
"""
import logging
from dataclasses import replace

from db import bulk, driver, search_index
from db.errors import StorageError
from desktop import vocab
from desktop.address import format_place
from desktop.errors import InputError
from desktop.excel.columns import REGISTER
from desktop.excel.plan import ImportCancelled, ImportResult, MaskedCell, PlanRow, as_refused
from desktop.masking import mask_id_number
from desktop.register import RegisterBatch, places, rules

_log = logging.getLogger(__name__)
IMPORT_REASON = "从台账导入"
WRITE_EVERY = 2000                    # rows between writes (and progress reports, and cancel checks)
_COMPARED = ("full_name", "id_type", "id_number", "sex", "birth_date", "phone", "residence_kind",
             "hukou_address", "is_key_person", "key_reason", "work_place", "note")
_EXISTING = ("SELECT p.id, p.full_name, p.id_type, p.id_number, p.sex, p.birth_date, p.phone,"
             " p.residence_kind, p.hukou_address, p.is_key_person, p.key_reason, p.work_place, p.note,"
             " p.status, m.relation, c.name, b.number, u.number, h.room, h.address_text, h.tenure,"
             " h.landlord_name, m.household_id FROM person p"
             " LEFT JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
             " LEFT JOIN household h ON h.id = m.household_id LEFT JOIN compound c ON c.id = h.compound_id"
             " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
             " WHERE p.is_deleted = 0")
# Every household with its door and head, oldest first (the first is the door's own).
_DOORS = ("SELECT h.id, c.name, b.number, u.number, h.room, h.address_text, hp.id, hp.full_name, h.tenure,"
          " h.landlord_name FROM household h LEFT JOIN compound c ON c.id = h.compound_id"
          " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
          " LEFT JOIN (SELECT m.household_id, p.id, p.full_name FROM membership m JOIN person p"
          "   ON p.id = m.person_id WHERE m.relation = 'head' AND m.is_deleted = 0 AND p.is_deleted = 0) hp"
          "   ON hp.household_id = h.id"
          " WHERE h.is_deleted = 0 ORDER BY h.created_wall, h.id")


def _place_key(compound, building, unit, room, address_text) -> tuple:
    return (compound or "", building or "", unit or "", room or "", address_text or "")


def _place_text(key: tuple) -> str:
    return format_place(*key) or "（无住址）"


def _existing(app):
    """Everyone in the register: by ID number, by (place, name) for those without one; the
    households behind each door, with their heads, in the order they were made; and the
    compounds by name, oldest first, each with its kind and community (``places.Village``;
    under None the office's, for a compound the file makes)."""
    by_number, by_place_name, doors = {}, {}, {}
    with app.db.reading() as conn:
        kinds = {}                         # name -> (kind, its community), the office's for a new one
        office, villages = places.office_village(conn), places.villages(conn)
        for cid, name, kind in conn.execute("SELECT id, name, kind FROM compound WHERE is_deleted = 0"
                                            " ORDER BY created_wall, id"):
            kinds.setdefault(name, (kind, villages.get(cid, office)))
        kinds[None] = ("", office)
        for r in conn.execute(_EXISTING):
            person = dict(zip(("id",) + _COMPARED, r[:13]))
            person.update(status=r[13], relation=r[14] or "", household_id=r[22])
            place = _house_key(kinds, *r[15:20]) if r[14] is not None else None
            person["place"] = place
            if r[3]:
                by_number[r[3]] = person
            elif place:
                by_place_name[(place, r[1])] = person
        for r in conn.execute(_DOORS):
            door = doors.setdefault(_house_key(kinds, *r[1:6]), {})
            door[r[0]] = {"head": (r[6], r[7]) if r[6] else None, "tenure": r[8], "landlord": r[9] or ""}
    return by_number, by_place_name, doors, kinds


def _house_key(kinds: dict, compound, building, unit, room, address_text) -> tuple:
    """The place key of a door, a village house's as ``places.village_door`` writes it (12,
    王家湾12号 and 12号 under 王家湾组 are one house); a compound the register does not have
    yet is a village group by its name, or in a village (``places.compound_kind``), as the
    write will make it."""
    kind, village = kinds.get(compound) or (None, kinds[None][1])
    kind = kind or places.compound_kind(compound or "", village)
    return _place_key(compound, building, unit, *places.village_door(kind, compound or "", building, unit,
                                                                     room, address_text, village))


def _village_houses(rows: list[PlanRow], kinds: dict) -> list[PlanRow]:
    """Each row's village house in one writing (``_house_key``), so that the people of one
    house, however each row wrote it, are one household; other places are left as they are."""
    out = []
    for row in rows:
        d = row.draft
        if row.ok and d.household_key and not d.building:
            key = _house_key(kinds, *d.household_key)
            if key[3:] != (d.room, d.address_text):
                row = replace(row, draft=replace(d, room=key[3], address_text=key[4]))
        out.append(row)
    return out


def _one_name_per_compound(rows: list[PlanRow], registered: list[str]) -> list[PlanRow]:
    """Each compound under one name, so its doors and people are found: a name that differs
    from a registered compound's (or an earlier row's) only by spaces, a line break or
    traditional forms (幸福里 小区, 幸福里小區) becomes that name, as the write will file it
    (``RegisterBatch.compound``). A new compound whose name is close to another (王家湾 and
    王家湾村民小组) is made as the file says, and each of its rows is flagged, so the clerk
    sees it in the preview before a second 王家湾 exists."""
    by_key = {}
    for name in registered:
        by_key.setdefault(places.place_name(name), name)
    typed = {}                                 # each distinct name in the file -> its key
    for row in rows:
        if row.ok and row.draft.compound and row.draft.compound not in typed:
            typed[row.draft.compound] = key = places.place_name(row.draft.compound)
            by_key.setdefault(key, row.draft.compound)
    new = {key: by_key[key] for key in dict.fromkeys(typed.values()) if by_key[key] not in registered}
    notes = {}
    for key, name in new.items():
        if other := places.similar_place(name, registered + [n for k, n in new.items() if k != key]):
            where = "登记册里已有" if other in registered else "文件里另有"
            notes[key] = InputError("compound", f"小区（村民小组）“{name}”登记册里还没有，{where}名称相近的“{other}”："
                                                f"如果是同一个地方，请在台账里改成“{other}”后再导入；否则将新建“{name}”。")
    if not notes and all(by_key[key] == name for name, key in typed.items()):
        return rows                            # the usual file: nothing to rename or flag
    out = []
    for row in rows:
        if row.ok and row.draft.compound:
            key = typed[row.draft.compound]
            if by_key[key] != row.draft.compound:
                row = replace(row, draft=replace(row.draft, compound=by_key[key]))
            if key in notes:
                row = replace(row, warnings=row.warnings + (notes[key],))
        out.append(row)
    return out


def _differs(a, b) -> bool:
    return (a if a not in (None, "") else "") != (b if b not in (None, "") else "")


def _changes(draft, person: dict, ref: str = "") -> tuple[str, ...]:
    """The fields an update changes, by their keys (the window names them in its language):
    ``address`` a move to another door, ``household`` to another household behind the same one."""
    mine = draft.person
    out = [k for k in _COMPARED if k in draft.given and _differs(mine[k], person[k])]
    if draft.key_reason_missing and not person["key_reason"]:
        out.append("key_reason")
    if draft.household_key and draft.household_key != person["place"]:
        out.append("address")
    elif ref.startswith("new:") or (ref.startswith("db:") and ref[3:] != person["household_id"]):
        out.append("household")
    if draft.relation and draft.relation != person["relation"]:
        out.append("relation")
    if draft.status and draft.status != person["status"]:
        out.append("status")
    return tuple(dict.fromkeys(out))


def _reject(row: PlanRow, field: str, message: str, cells_of) -> PlanRow:
    return as_refused(row, (InputError(field, message),), row.cells or cells_of(row))


class _Doors:
    """Which household behind each door a row joins, as the file is read top to bottom.

    A door's rows join the household of the last head above them. A head where the household
    already has one (in the file or the register) starts another household at that door (群租、
    合租): ``rules.head_conflict`` decides it, as it refuses a second head in the dialog, and
    ``rules.shared_door_flag`` is the review flag the new household carries."""

    def __init__(self, doors: dict):
        self.db = doors                                    # door -> {household id: facts}
        self.current: dict = {}                            # door -> ref of the household being read
        self.heads: dict = {}                              # ref -> (person key, name) of its head
        self.made: dict = {}                               # door -> refs the file starts there
        for households in doors.values():
            for hid, facts in households.items():
                if facts["head"]:
                    self.heads[f"db:{hid}"] = facts["head"]

    def refs(self, door) -> list[str]:
        return [f"db:{h}" for h in self.db.get(door, {})] + self.made.get(door, [])

    def _new(self, door, row: PlanRow) -> str:
        ref = f"new:{row.sheet}:{row.row}"
        self.made.setdefault(door, []).append(ref)
        return ref

    def place(self, row: PlanRow, existing: dict | None, door: tuple, name: str) -> tuple[str, str]:
        """(household ref, review flag or '') of a good row with a door (its household key) and
        the person's name."""
        d = row.draft
        mine = f"db:{existing['household_id']}" if existing and existing.get("household_id") else ""
        refs = self.refs(door)
        if d.relation != "head":
            # Someone registered behind this door stays in their household (a file without a
            # 与户主关系 column cannot tell two households at one door apart).
            ref = (mine if mine in refs else "") or self.current.get(door) or (refs[0] if refs else "")
            if not ref:
                ref = self._new(door, row)
            self.current.setdefault(door, ref)
            return ref, ""
        # A head: their own household at this door, the household being read, or a new one.
        who = existing["id"] if existing else f"row:{row.sheet}:{row.row}"
        for ref in (mine if mine in refs else "", self.current.get(door, ""),
                    *(r for r in refs if r not in self.heads)):
            if ref and not rules.head_conflict("head", self.heads.get(ref), who):
                break
        else:
            ref = ""
        flag = ""
        if not ref:
            if refs:
                heads = [self.heads[r][1] if r in self.heads else "" for r in refs]
                flag = rules.shared_door_flag(_place_text(door), heads)
            ref = self._new(door, row)
        self.heads[ref] = (who, name)
        self.current[door] = ref
        return ref, flag


def check_register_rows(app, rows: list[PlanRow], cells_of=lambda row: row.cells,
                        households: dict | None = None) -> list[PlanRow]:
    """Rules across rows and against the register: a person twice in the file is refused; a
    second head at a door starts a second household there, flagged; a rented household with
    no landlord in any of its rows is kept, flagged (each household at a shared door by its
    own rows); a person already registered is an update. ``households``
    receives the household each row joins ((sheet, row) -> (ref, flag), see ``ImportPlan``)."""
    households = {} if households is None else households
    by_number, by_place_name, doors, kinds = _existing(app)
    masked = None                          # _by_masked_number, made when a row needs it
    rows = _village_houses(_one_name_per_compound(rows, [name for name in kinds if name is not None]), kinds)
    places = _Doors(doors)
    seen: dict = {}
    placed = []                            # (row, registered person, household ref, flag); a refused row alone
    for row in rows:
        if not row.ok:
            placed.append((row,))
            continue
        d = row.draft
        name, number, key = d.full_name, d.id_number, d.household_key     # each made per call: once a row
        if d.id_masked and not number:
            masked = masked if masked is not None else _by_masked_number(by_number)
            found = masked.get((name, d.id_masked.replace("＊", "*").upper()), ())
            if len(found) != 1:
                # The refusal says it of the number: the cell's own warning would say it again.
                row = replace(row, warnings=tuple(w for w in row.warnings
                                                  if not (isinstance(w, MaskedCell) and w.field == "id_number")))
                placed.append((_reject(row, "id_number", _unknown_masked(len(found)), cells_of),))
                continue
            number = found[0]
            row = replace(row, draft=(d := replace(d, known_number=number)))
        who = ("id", number) if number else ("name", key, name)
        if who in seen:
            first = seen[who]
            what = "身份证号码相同" if number else "同一户中姓名相同"
            placed.append((_reject(row, "id_number" if number else "full_name",
                                   f"与{first.where()}是同一个人（{what}），同一人只导入一次。"
                                   "如果这一行的信息才是对的，请改好后单独再导入这一行。", cells_of),))
            continue
        seen[who] = row
        existing = by_number.get(number) if number else by_place_name.get((key, name))
        ref, flag = places.place(row, existing, key, name) if key else ("", "")
        if key:
            households[(row.sheet, row.row)] = (ref, flag)
        placed.append((row, existing, ref, flag))
    # The tenure and landlord any row of a household gives, by household, not by door: the
    # households sharing a door (群租) each hold their flat in their own way.
    landlord: dict = {}                    # household ref -> landlord name given in the file
    landlord_phone: dict = {}              # household ref -> (landlord name, phone) of its first row with a phone
    tenure: dict = {}                      # household ref -> (tenure, its row) first given in the file
    other_tenure: dict = {}                # (sheet, row) -> the household's first (tenure, row) it contradicts
    for row, *rest in placed:
        ref = rest[1] if rest else ""
        if ref and row.draft.landlord_name:
            landlord.setdefault(ref, row.draft.landlord_name)
        if ref and row.draft.landlord_phone:
            landlord_phone.setdefault(ref, (row.draft.landlord_name, row.draft.landlord_phone))
        if ref and row.draft.tenure and tenure.setdefault(ref, (row.draft.tenure, row))[0] != row.draft.tenure:
            other_tenure[(row.sheet, row.row)] = tenure[ref]
    tenure_row: set = set()                # households whose row that sets the tenure is passed
    out = []
    for row, *rest in placed:
        if not rest:
            out.append(row)
            continue
        existing, ref, flag = rest
        d = row.draft
        key = d.household_key
        if key:
            warnings, household_note = row.warnings, d.household_note
            if flag:
                warnings += (InputError("relation", flag),)
            in_db = doors.get(key, {}).get(ref[3:], {}) if ref.startswith("db:") else {}
            if not d.tenure and not tenure.get(ref) and (said := rules.tenure_of_landlord(
                    d.landlord_name, d.landlord_phone, in_db.get("tenure") or "")):
                # No 住房性质 (no column, an empty cell, a word not read): a landlord named means
                # the household rents; written as the tenure cells are (set_tenure), never dropped.
                d = replace(d, tenure=said)
                if in_db.get("tenure") != said:
                    what = "房东" if d.landlord_name else "房东电话"
                    why = "住房性质看不懂" if any(w.field == "tenure" for w in row.warnings) else "台账没有写住房性质"
                    warnings += (InputError("tenure", f"{why}，但写了{what}，这一户按租住登记，请核对。"),)
            if d.tenure == "rented" and not landlord.get(ref) and not in_db.get("landlord") and (
                    missing := rules.landlord_missing(d.tenure, "")):
                note = f"{rules.REVIEW_MARK}租住，台账没有写房东，请补充房东姓名（房东、租客两清楚）。"
                household_note = rules.with_flag(household_note, note)
                warnings += (InputError("tenure", f"{missing.message.rstrip('。')}：台账没有写房东，这一户先按租住导入，"
                                                  "标为待核实。"),)
            if d.tenure and ref not in tenure_row:
                # The writer sets the tenure from the household's first row that gives one
                # (set_tenure): the landlord another of its rows names (户主 租住, 配偶 房东…) goes with it.
                tenure_row.add(ref)
                name = d.landlord_name or landlord.get(ref, "")
                whose, phone = landlord_phone.get(ref, ("", ""))
                phone = d.landlord_phone or (phone if whose in ("", name) else "")   # not another landlord's
                if (name, phone) != (d.landlord_name, d.landlord_phone):
                    d = replace(d, landlord_name=name, landlord_phone=phone)
            if first := other_tenure.get((row.sheet, row.row)):
                # Rows read into one household say two tenures: two families behind one door
                # (the 户主 row missing or far below), or a slip. The first is written; both are said.
                said, where = vocab.zh(vocab.TENURE, first[0]), first[1].where()
                mine = vocab.zh(vocab.TENURE, d.tenure)
                household_note = rules.with_flag(household_note, f"{rules.REVIEW_MARK}台账里这一户的住房性质不一致"
                                                                 f"（{said}、{mine}），是否两户人？请上门核实。")
                warnings += (InputError("tenure", f"这一户在{where}写的住房性质是“{said}”，这一行写的是“{mine}”，"
                                                  f"按“{said}”登记，标为待核实。如果不是一户人，请在台账里给每户写上户主后再导入。"),)
            if warnings is not row.warnings or d is not row.draft:   # flagged rows only: replacing every row costs
                d = replace(d, household_note=household_note) if household_note != d.household_note else d
                row = replace(row, draft=d, warnings=warnings)
        if existing:
            changes = _changes(d, existing, ref)
            out.append(replace(row, action="update" if changes else "same", changes=changes))
        else:
            out.append(row if row.action == "new" else replace(row, action="new"))
    return out


def _by_masked_number(by_number: dict) -> dict[tuple[str, str], list[str]]:
    """The registered ID numbers by (name, the number as a masked list shows it): a masked
    list's row is the one registered person with its name and the visible digits of its number."""
    index: dict = {}
    for number, person in by_number.items():
        index.setdefault((person["full_name"], mask_id_number(number)), []).append(number)
    return index


def _unknown_masked(count: int) -> str:
    """Why a row whose ID number is masked is refused: who it is cannot be told. (Found, the
    person is updated by the row's other cells, the number kept as registered.)"""
    found = ("登记册里找不到姓名和号码前后四位都对得上的人" if not count else
             f"登记册里有{count}个人姓名和号码前后四位都对得上")
    return (f"身份证号码中间被*遮住了（脱敏导出的号码），{found}，无法确认是谁，这一行没有导入。"
            "请填上完整的身份证号码再导入。")


def write_register(app, plan, progress=None, cancelled=None) -> ImportResult:
    """Every good row in one transaction: a cancel or an error rolls all of it back. A big
    import's WAL is copied into the file after it, in the background (``bulk.checkpoint_later``)."""
    with bulk.checkpoint_later(app.db, len(plan.good)):
        return _write_register(app, plan, progress, cancelled)


def _write_register(app, plan, progress, cancelled) -> ImportResult:
    good = plan.good
    created = updated = same = 0
    tenure_done: set[str] = set()
    made: dict[str, str] = {}                # household ref of the plan -> household id
    noted: set = set()
    # The search index is built in a transaction of its own right after the commit (issue 14.8):
    # the people are noted for it in the same commit, so a crash in between loses nothing.
    with search_index.after_commit(app.db.conn), app.db.transaction() as conn, \
            RegisterBatch(app.register, conn) as batch:
        unnumbered = _unnumbered(conn)
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
            values = d.person                # a dict of its own
            hid = None
            if d.household_key:
                ref, flag = plan.households.get((row.sheet, row.row), ("", ""))
                hid = made.get(ref) or _household(batch, d, ref, flag)
                if ref:
                    made[ref] = hid
                if d.tenure and hid not in tenure_done:
                    batch.set_tenure(hid, d.tenure, d.landlord_name, d.landlord_phone)
                    tenure_done.add(hid)
                if d.household_note and (hid, d.household_note) not in noted:
                    batch.flag(hid, d.household_note)
                    noted.add((hid, d.household_note))
            found = batch.person_by_id_number(d.number) if d.number else (
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
    try:
        with app.db.transaction():
            pass                             # settles the search index of the people just written
    except (StorageError, *driver.ERRORS) as exc:
        # The import is committed; only its search entries could not be written (a disk that
        # filled up in between). Its people stay noted in search_dirty, committed with them, and
        # the next transaction that can write indexes them. Saying "not saved" here would be wrong.
        _log.warning("search index after a register import left for later: %s", type(exc).__name__)
    return ImportResult(REGISTER, created + updated, created, updated, same, len(plan.bad))


def _household(batch: RegisterBatch, d, ref: str, flag: str) -> str:
    """The household a row's ref names: one in the register, the door's own, or another behind it."""
    if ref.startswith("db:"):
        return ref[3:]
    place = (batch.compound(d.compound), d.building, d.unit, d.room, d.address_text)
    if flag:
        return batch.another_household(*place, flag)
    return batch.household(*place)


def _relation_of(conn, household_id, person_id) -> str:
    if not household_id:
        return "other"
    row = conn.execute("SELECT relation FROM membership WHERE household_id = ? AND person_id = ?"
                       " AND is_deleted = 0", (household_id, person_id)).fetchone()
    return row[0] if row else "other"


def register_writes_nothing(app, plan) -> bool:
    """Whether ``write_register`` would change nothing (the same ledger imported again): every
    good row is a person the register already holds as the row has them (the preview's 'same',
    which the writer leaves alone), and each of their households already has the tenure and
    landlord (``batch.tenure_values``) and the flags (``RegisterBatch.flag``) the writer gives it
    for an unchanged person too. Asked before the import's backup (``importer.apply_import``)."""
    from desktop.register.batch import tenure_values
    good = plan.good
    if any(row.action != "same" for row in good) or not _still_registered(app, plan):
        return False
    wanted: dict[str, tuple] = {}            # household id -> its (tenure, landlord, phone) in the file
    flags: list[tuple[str, str]] = []
    for row in good:
        d = row.draft
        if not d.household_key or not (d.tenure or d.household_note):
            continue
        ref = plan.households.get((row.sheet, row.row), ("", ""))[0]
        if not ref.startswith("db:"):
            return False
        if d.tenure:
            wanted.setdefault(ref[3:], (d.tenure, d.landlord_name, d.landlord_phone))
        if d.household_note:
            flags.append((ref[3:], d.household_note))
    if not wanted and not flags:
        return True
    with app.db.reading() as conn:
        held = {r[0]: {"tenure": r[1], "landlord_name": r[2], "landlord_phone": r[3], "note": r[4] or ""}
                for r in conn.execute("SELECT id, tenure, landlord_name, landlord_phone, note FROM household")}
    return (all(hid in held and all(held[hid][k] == v for k, v in tenure_values(
                *given, held[hid]["landlord_name"]).items()) for hid, given in wanted.items())
            and all(hid in held and flag in held[hid]["note"] for hid, flag in flags))


def _unnumbered(conn) -> dict[tuple[str, str], str]:
    """(household id, name) -> person id of everyone registered without an ID number: how the
    writer finds them, and so how the preview's check that they are still there must."""
    return {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT m.household_id, p.full_name, p.id FROM person p JOIN membership m ON m.person_id = p.id"
        " AND m.is_deleted = 0 WHERE p.is_deleted = 0 AND p.id_number IS NULL")}


def _still_registered(app, plan) -> bool:
    """Whether everyone the preview found registered (its 'same' rows) still is, as the writer
    looks them up: by ID number, else by name in the household the preview placed them in. One
    removed between the preview and the import is added back by the writer: a change, which
    must not go without the import's backup."""
    with app.db.reading() as conn:
        numbers = {r[0] for r in conn.execute("SELECT id_number FROM person WHERE is_deleted = 0"
                                              " AND id_number IS NOT NULL")}
        unnumbered = _unnumbered(conn)
    for row in plan.good:
        values = row.draft.person
        if row.draft.number:
            if row.draft.number not in numbers:
                return False
        elif (plan.households.get((row.sheet, row.row), ("",))[0].removeprefix("db:"),
              values["full_name"]) not in unnumbered:
            return False
    return True
