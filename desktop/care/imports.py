"""Adding or updating care subjects from ledger rows (for the Excel import).

The importer reads a row into a ``CareImportRow`` and calls ``import_care_row`` for it, many
rows inside one outer ``db.transaction()``: every write here joins that transaction, so a
cancelled import leaves nothing behind. A bad row raises ``InputErrors`` whose errors carry the
row number and the field (column) at fault; nothing of that row is written.

The person must already be in the register: found by ID number, or by name and address
('3-2-501', '幸福里3栋2单元501室', '王家湾12号') when the ledger has no ID number.
"""
from dataclasses import dataclass, replace
from datetime import date

from desktop.address import format_place
from desktop.care import vocab as cv
from desktop.care.care_book import CareBook, parse_day
from desktop.care.notes import SEP, contact_to_add, merged_note
from desktop.care.records import SubjectForm
from desktop.errors import InputError, InputErrors
from desktop.idnumber import parse_resident_id
from desktop.phone import normalise_phone
from desktop.records import Person
from desktop.register import places
from desktop.textnorm import clean, clean_name


@dataclass(frozen=True)
class CareImportRow:
    """One ledger row as text. Lists may be one text ('独居、透析') or a list of words; words are
    codes, Chinese or English labels, or common ledger words (vocab.SYNONYMS)."""
    full_name: str = ""
    id_number: str = ""
    address: str = ""
    categories: object = ()
    needs: object = ()
    frequency: str = ""
    helper_name: str = ""
    helper_phone: str = ""
    last_visit: str = ""
    note: str = ""
    contact_name: str = ""
    contact_relation: str = ""
    contact_phone: str = ""
    row: int | None = None
    # The address as the ledger's cells were read (compound, building, unit, room, address
    # text), when it has them; else ``address`` is read.
    place: tuple = ()


@dataclass(frozen=True)
class ImportOutcome:
    subject_id: str
    person_id: str
    created: bool                    # False: an existing subject was updated (or left as it was)
    unchanged: bool = False          # the row says what the care list already holds: nothing written
    contact_to_add: str = ""         # a new emergency contact named without a phone: kept in the note


def _err(row: CareImportRow, field: str, message: str) -> InputError:
    return InputError(field, message, row=row.row)


def _typed_place(row: CareImportRow) -> tuple[str, str, str, str, str]:
    """The row's address as (compound, building, unit, room, address text): as the ledger's
    cells were read (``place``), else read from the one address text."""
    if row.place and any(clean(x) for x in row.place):
        return tuple(clean(x) for x in row.place)
    return places.typed_door(row.address)


def _shown(place: tuple, address: str) -> str:
    """The ledger's address as a clerk typed it, for a message."""
    return clean(address) or format_place(*place[:4], place[4]).replace(" ", "")


def _listed(people: list[Person]) -> str:
    """Where each of them lives, for a message: '王家湾组12号、王家湾组112号'."""
    shown = [p.address.replace(" ", "") or "没有登记住址" for p in people[:5]]
    return "、".join(shown) + (f"等{len(people)}处" if len(people) > 5 else "")


def find_person(book: CareBook, row: CareImportRow) -> Person:
    """The person in the register this row means, or InputError saying why none (or several).

    Without an ID number the person is the one of that name whose door is the address given
    (``places.door_named``: the register's own reading of '3-2-501', '幸福里3栋2单元501室',
    '王家湾12号', never a part of a number). When none or several of that name fit, nobody is
    guessed: the message names each one of that name and where they live."""
    number = clean(row.id_number).upper()
    with book.db.reading() as conn:
        if not conn.execute("SELECT 1 FROM person WHERE is_deleted = 0 LIMIT 1").fetchone():
            # A new office's first import, the care ledger before the register: every row said
            # 请先登记这个人, as if each of 120 people were to be typed in by hand.
            raise _err(row, "full_name", "户籍台账里还没有任何人：关爱名单上的人要先在户籍台账里。"
                                         "请先导入户籍台账（或在“户籍登记”页逐户录入），再导入关爱名单。")
        if number:
            try:
                number = parse_resident_id(number).number
            except InputError:
                pass                          # a passport or a typo: look it up as written
            found = book.register.find_by_id_number(conn, number)
            if found:
                return found
            # Who, as the ledger names them: a list of refusals said only 身份证号110105… and a row.
            who = f"{clean_name(row.full_name)}（身份证号{number[:6]}…）" if clean_name(row.full_name) else \
                f"身份证号{number[:6]}…"
            raise _err(row, "id_number", f"{who}在户籍台账里找不到：请核对身份证号，或先在户籍登记里登记这个人。")
        name = clean_name(row.full_name)
        if not name:
            raise _err(row, "full_name", "没有姓名也没有身份证号，无法找到这个人。")
        typed = _typed_place(row)
        people, matches = places.people_at_door(conn, name, typed)
    given = any(typed)
    shown = _shown(typed, row.address)
    if not people:
        where = f"（{shown}）" if given else ""
        raise _err(row, "full_name", f"户籍台账里没有{name}{where}，请先登记这个人，或补上身份证号。")
    if len(matches) == 1:
        return matches[0]
    if not matches:
        listed = _listed(people)
        raise _err(row, "address", f"住址“{shown}”对不上：户籍台账里的{name}住在{listed}。"
                                   "请核对住址，或补上身份证号；没有核实前不放进关爱名单。")
    listed = _listed(matches)
    why = f"住址“{shown}”对得上{len(matches)}个人" if given else "台账没有写住址"
    raise _err(row, "address", f"户籍台账里有{len(matches)}个{name}（{listed}），{why}，"
                               "不知道是哪一个。请补上身份证号，或写完整住址（楼栋、单元、门牌号）。")


def subject_form_from_row(book: CareBook, row: CareImportRow, today: date, existing=None) -> SubjectForm:
    """The row's fields checked and turned into codes; unknown words are errors, not dropped."""
    errors = []
    categories, unknown = cv.codes_from_text(cv.CATEGORY, row.categories)
    if unknown:
        errors.append(_err(row, "categories", f"看不懂的关爱类别：{'、'.join(unknown)}"))
    elif not categories and not existing:
        errors.append(_err(row, "categories", "请填写关爱类别（例如：独居老人）。"))
    needs, unknown = cv.codes_from_text(cv.NEED, row.needs)
    if unknown:
        errors.append(_err(row, "needs", f"看不懂的需求：{'、'.join(unknown)}"))
    frequency = cv.code_of(cv.FREQUENCY, row.frequency) if clean(row.frequency) else None
    if clean(row.frequency) and not frequency:
        errors.append(_err(row, "frequency", f"看不懂的走访频次：{clean(row.frequency)}（可写：每天、每3天、每周两次、每周）"))
    last = None
    try:
        last = parse_day(str(row.last_visit)[:10] if row.last_visit else "", "last_visit", today, required=False)
    except InputError as e:
        errors.append(_err(row, "last_visit", e.message))
    helper_id = existing.helper_id if existing else None
    if clean(row.helper_name):
        try:
            helper_id = book.find_or_add_helper(row.helper_name, row.helper_phone).id
        except InputErrors as e:
            errors += [_err(row, "helper_" + x.field.replace("full_name", "name"), x.message) for x in e.errors]
        except InputError as e:
            errors.append(_err(row, "helper_phone", e.message))
    if errors:
        raise InputErrors(errors)
    if existing:
        # The list's own export writes the last visit it knows of (a visit recorded here, or
        # the old ledger's): a date no later than that is no news, and left as it is, so a list
        # exported and imported back is unchanged.
        known = book.due_of(existing, today).last_visit
        if last and known and last <= known:
            last = None
        return SubjectForm(categories=tuple(categories) or existing.categories, needs=tuple(needs) or existing.needs,
                           frequency=frequency or existing.frequency, helper_id=helper_id,
                           listed_on=existing.listed_on,
                           last_visit_on=last.isoformat() if last else existing.last_visit_on,
                           note=merged_note(existing.note, row.note))
    return SubjectForm(categories=tuple(categories), needs=tuple(needs), frequency=frequency or "weekly",
                       helper_id=helper_id, listed_on=today.isoformat(),
                       last_visit_on=last.isoformat() if last else "", note=clean(row.note))


def _contact_of_row(book: CareBook, row: CareImportRow, existing) -> tuple[str, object]:
    """What the row's emergency contact does: ("", None) nothing, ("add", (name, relation,
    phone)), ("phone", (contact id, phone)) or ("note", name).

    A contact already stored is the one meant: one with the row's phone, or one of that name when
    either has no phone (a masked list's 136****1234 is read as none): their phone kept, or, kept
    without one, given the row's. A new one without a phone is not added (nobody to call) and
    does not cost the row its care update: the name goes to the note, for the office to add."""
    name = clean_name(row.contact_name)
    if not name and not clean(row.contact_phone):
        return "", None
    phone = normalise_phone(row.contact_phone, "contact_phone")
    contacts = book.contacts(existing.id) if existing else []
    if (phone in {c.phone for c in contacts}) if phone else (name in {c.full_name for c in contacts}):
        return "", None
    if phoneless := [c for c in contacts if phone and not c.phone and c.full_name == name]:
        return "phone", (phoneless[0].id, phone)
    if name and not phone:
        return "note", name
    return "add", (row.contact_name, row.contact_relation, row.contact_phone)


def import_care_row(book: CareBook, row: CareImportRow, today: date) -> ImportOutcome:
    """Add the row's person to the care list, or update them when already on it.

    Empty cells keep what is there (a ledger without a helper column does not unassign
    helpers). An emergency contact is added as ``_contact_of_row`` says.
    Call it inside the importer's ``db.transaction()``; a bad row raises ``InputErrors``
    with the row number and writes nothing of that row."""
    with book.db.transaction() as conn:
        # A savepoint: a row that fails half-way (a new helper written, then a bad contact)
        # leaves nothing behind, while the importer's outer transaction goes on with the next row.
        conn.execute("SAVEPOINT care_import_row")
        try:
            person = find_person(book, row)
            existing = book.subject_of_person(person.id)
            what, contact = _contact_of_row(book, row, existing)
            if what == "note":
                row = replace(row, note=SEP.join(x for x in (row.note, contact_to_add(contact)) if x))
            form = subject_form_from_row(book, row, today, existing)
            unchanged = existing is not None and book.holds(existing, form, today)
            subject = (existing if unchanged else book.update_subject(existing.id, form, today) if existing
                       else book.add_subject(person.id, form, today))
            if what == "add":
                book.add_contact(subject.id, *contact)
            elif what == "phone":
                book.set_contact_phone(*contact)
            unchanged = unchanged and what in ("", "note")
        except (InputError, InputErrors) as e:
            conn.execute("ROLLBACK TO care_import_row")
            conn.execute("RELEASE care_import_row")
            errors = e.errors if isinstance(e, InputErrors) else [e]
            raise InputErrors([x if x.row is not None else _err(row, x.field, x.message) for x in errors]) from None
        except BaseException:
            conn.execute("ROLLBACK TO care_import_row")
            conn.execute("RELEASE care_import_row")
            raise
        conn.execute("RELEASE care_import_row")
    return ImportOutcome(subject.id, person.id, existing is None, unchanged, contact if what == "note" else "")
