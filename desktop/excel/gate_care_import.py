"""Writing checked gate-log and care-list rows through the gate's and the care list's own rules
(desktop/gate/log.py, desktop/care/imports.py), all in one transaction: a cancel or a crash
leaves everything as it was. A row those rules still refuse (a care subject who is not in the
register) is counted as rejected with its reason; the others go in."""
from dataclasses import replace
from datetime import date

from desktop.address import format_place
from desktop.care import vocab as care_vocab
from desktop.care.care_book import CareBook
from desktop.care.imports import CareImportRow, import_care_row
from desktop.care.notes import helper_to_add
from desktop.errors import InputError, InputErrors
from desktop.excel.plan import ImportCancelled, ImportedAs, ImportResult, refusal
from desktop.gate import checkpoints as gate_checkpoints
from desktop.gate.log import (HistoricalEntry, OUTCOMES, SHEET_FROM, SHEET_GUARD, SHEET_PHONE,
                              record_historical_entry, sheet_note)


def _steps(plan, progress, cancelled):
    good = plan.good
    for i, row in enumerate(good):
        if progress and i % 500 == 0:
            progress(i, len(good))
            if cancelled and cancelled():
                raise ImportCancelled()
        yield row


def _checkpoint_for(app, plan) -> str | None:
    """The gate a paper log came from: the one named (``checkpoint_called``: a gate since removed
    too, whose old ledgers still come in under its name), else the compound's only gate, else
    this computer's gate, else none (the passages are kept without a gate)."""
    if plan.gate:
        return gate_checkpoints.checkpoint_called(app.db, plan.gate).id
    every = gate_checkpoints.checkpoints(app.db)
    if plan.compound:
        compound_ids = {c.id for c in app.register.compounds() if c.name == plan.compound}
        of_compound = [c for c in every if c.compound_id in compound_ids]
        if len(of_compound) == 1:
            return of_compound[0].id
    mine = gate_checkpoints.this_checkpoint(app.db)
    return mine.id if mine else None


def mark_already_imported(app, plan):
    """The plan with each checked passage already in the log (the same ledger imported before,
    to the same gate) marked 'same', the others 'new': the preview and the dry run say what the
    import will add, as ``write_gate`` skips those rows. One indexed look-up a row, no writing."""
    checkpoint_id = _checkpoint_for(app, plan)
    with app.db.reading() as conn:
        logged = _logged(conn, checkpoint_id)
        rows = [replace(row, action="same" if logged(row.draft) else "new") if row.ok else row for row in plan.rows]
    return replace(plan, rows=rows)


def gate_writes_nothing(app, plan) -> bool:
    """Whether ``write_gate`` would add nothing: every checked passage is already in the gate's
    log (looked up as ``mark_already_imported`` does, as the writer does before it skips one)."""
    checkpoint_id = _checkpoint_for(app, plan)
    with app.db.reading() as conn:
        logged = _logged(conn, checkpoint_id)
        return all(logged(row.draft) for row in plan.good)


def _logged(conn, checkpoint_id):
    """Whether a checked row's passages (a visitor book's way out too) are already in the log."""
    from desktop.gate.plates import normalise_plate

    def logged(d) -> bool:
        try:
            holder = d.full_name or normalise_plate(d.plate)
        except InputError:
            holder = d.full_name or d.plate
        passages = [(d.at, d.direction)] + ([(d.left_at, "out")] if d.left_at else [])
        return all(conn.execute(
            "SELECT 1 FROM gate_log WHERE source = 'import' AND at = ? AND direction = ?"
            " AND holder_name = ? AND checkpoint_id IS ?",
            (at.isoformat(timespec="seconds"), direction, holder, checkpoint_id)).fetchone()
            for at, direction in passages)
    return logged


def write_gate(app, plan, progress=None, cancelled=None) -> ImportResult:
    """Append every checked passage; a passage already imported (same gate, time, direction and
    name) is left alone, so importing the same ledger twice adds nothing."""
    checkpoint_id = _checkpoint_for(app, plan)
    created = same = 0
    refused: list[InputError] = []
    with app.db.transaction():
        for row in _steps(plan, progress, cancelled):
            d = row.draft
            note = sheet_note((SHEET_PHONE, d.phone), (SHEET_FROM, d.from_place), (SHEET_GUARD, d.recorded_by),
                              ("身份证号码栏", d.id_said))
            entry = HistoricalEntry(d.full_name, d.id_number, d.at, d.direction,
                                    "" if d.temperature is None else f"{d.temperature:.1f}", d.plate, note,
                                    OUTCOMES.get(d.outcome, d.outcome), d.door, d.visitor, d.reason, d.visiting)
            entries = [entry]
            if d.left_at:                # a visitor book row: the visit's way out as well
                entries.append(replace(entry, at=d.left_at, direction="out", temperature=""))
            for one in entries:
                try:
                    written = record_historical_entry(app.db, one, checkpoint_id, row=row.row, skip_existing=True)
                except InputError as e:
                    refused.append(refusal(row, e))
                    continue
                created += written is not None
                same += written is None
    return ImportResult(plan.kind, created, created, 0, same, len(plan.bad) + len(refused), tuple(refused))


def listed_frequency(days: float | None) -> str:
    """The care list's visit frequency for the ledger's interval in days ('' for none): what
    the list gets, as written and as the preview shows it."""
    return "" if days is None else care_vocab.frequency_of_interval(days)[0]


def _known(vocabulary: dict, words) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the words the care list knows, the others)."""
    known = tuple(w for w in words if care_vocab.code_of(vocabulary, w))
    return known, tuple(w for w in words if w not in known)


def write_care(app, plan, progress=None, cancelled=None, today: date | None = None) -> ImportResult:
    """Add or update each row's person on the care list. A helper the care list does not know
    yet and whose phone the ledger lacks is kept in the note, for the office to add with a phone."""
    day = today or date.today()
    book = CareBook(app.db, app.register)
    known_helpers = {h.full_name for h in book.helpers()}
    helpers_before = set(known_helpers)
    refused: list[InputError] = []
    warned: dict = {}
    actions: dict = {}
    row_of: dict = {}                  # subject id -> (sheet, row) of this ledger
    with app.db.transaction():
        for row in _steps(plan, progress, cancelled):
            d = row.draft
            helper, helper_phone, notes = d.helper, "", [d.note]
            if helper and helper not in known_helpers:
                if d.helper_phone:       # the ledger gives the phone: the helper is added with it
                    helper_phone = d.helper_phone
                else:
                    notes.append(helper_to_add(helper))
                    helper = ""
            # Words the care list has no code for are kept in the note, never dropped.
            categories, other = _known(care_vocab.CATEGORY, d.categories)
            # The office's own words are kept when a code says less ('残疾人（肢体二级）').
            loose = [w for w in d.categories if w not in other and care_vocab.code_of(care_vocab.CATEGORY, w)
                     and w not in {label for _, label in care_vocab.CATEGORY.values()}]
            if other or loose:
                notes.append("台账类别：" + "、".join(other + tuple(loose)))
            categories = categories or ("other",)      # only words the list lacks: 其他, see the note
            needs, other = _known(care_vocab.NEED, d.needs)
            if other:
                notes.append("台账需求：" + "、".join(other))
            note = "；".join(x for x in notes if x)
            address = format_place(d.compound, d.building, d.unit, d.room, d.address_text).replace(" ", "")
            item = CareImportRow(d.full_name, d.id_number, address, categories, needs,
                                 care_vocab.FREQUENCY[code][1] if (code := listed_frequency(d.visit_interval_days)) else "",
                                 helper, helper_phone, d.last_visit.isoformat() if d.last_visit else "", note,
                                 d.emergency_contact, "", d.emergency_phone, row=row.row,
                                 place=(d.compound, d.building, d.unit, d.room, d.address_text))
            try:
                outcome = import_care_row(book, item, day)
            except InputErrors as e:
                # One refusal per row, all its reasons (the errors workbook marks each cell).
                refused += [refusal(row, x) for x in e.errors]
                continue
            except InputError as e:
                refused.append(refusal(row, e))
                continue
            if helper:
                known_helpers.add(helper)
            if name := outcome.contact_to_add:
                warned[(row.sheet, row.row)] = (_contact_without_phone(name),)
            action = "new" if outcome.created else "same" if outcome.unchanged else "update"
            actions[(row.sheet, row.row)] = action
            row_of[outcome.subject_id] = (row.sheet, row.row)
        # A helper this ledger added with his phone took the people an earlier ledger named him for
        # without one (CareBook._take_waiting): said, those of this ledger's rows as updated.
        took: dict = {}
        for sid, name in book.helped_by(known_helpers - helpers_before):
            if sid not in row_of:
                took[name] = took.get(name, 0) + 1
            elif actions[row_of[sid]] == "same":
                actions[row_of[sid]] = "update"
        created, updated, unchanged = (sum(a == x for a in actions.values()) for x in ("new", "update", "same"))
    rejected = len(plan.bad) + len({(e.sheet, e.row) for e in refused})
    return ImportResult(plan.kind, created + updated, created, updated, unchanged, rejected, tuple(refused),
                        actions, warned, tuple(took.items()))


def _contact_without_phone(name: str) -> ImportedAs:
    """The warning on a care row naming a new emergency contact without a phone (``import_care_row``
    keeps the name in the note and adds no contact)."""
    return ImportedAs("emergency_phone", f"紧急联系人“{name}”没有电话，先不登记这个联系人，姓名记在备注里。"
                                         f"请在关爱页给{name}补上电话，或在台账里填上电话再导入。",
                      when_refused=f"紧急联系人“{name}”没有电话，请填上电话。")
