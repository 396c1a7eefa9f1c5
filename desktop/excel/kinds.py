"""One ledger row to one frozen draft per kind, or the list of what is wrong with it.

A row arrives as {field: raw cell} (the mapping already applied) with its context (the year
the file speaks of, the building its sheet or section names). Validation is the same as when a
clerk types the record: the register row goes through ``PersonForm.validate``.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter

from desktop import days, vocab
from desktop.care import notes as care_notes, vocab as care_vocab
from desktop.address import building_number, room_number, unit_number
from desktop.errors import InputError, InputErrors
from desktop.excel import normalise as n
from desktop.excel.canvass_kind import canvass_row
from desktop.excel.carry import DAY_ABOVE, DAYS_AFTER, NUMBER_DAY, OUT_OF_ORDER, PAST_MIDNIGHT
from desktop.excel.memo import CellMemo, computed
from desktop.excel.plan import ImportedAs, MaskedCell, said_when_refused
from desktop.idnumber import PROVINCES, birth_date_problem, parse_resident_id, upgrade_15
from desktop.masking import is_masked
from desktop.register.forms import validate_person
from desktop.register.residence import LIVES_HERE, kind_of as residence_kind
from desktop.textnorm import clean, clean_name, without_name_symbols


@dataclass(frozen=True)
class RowContext:
    """What a row cannot say by itself: the file's year, its sheet's or section's building,
    the compound chosen for the import, and today (for birth dates in the future)."""
    year: int | None = None
    building: str = ""
    compound: str = ""
    today: date | None = None
    category: str = ""                   # a care list's section row ('一、独居老人')
    day: date | None = None              # a gate log's sheet or title names its day ('2月13日')
    day_asked: bool = False              # ... or the clerk does: ``day`` is not the sheet name's
    visitor_book: bool = False           # a gate log of visitors only (访客登记, 来访人员姓名)
    home: tuple[str, ...] = ()           # the office's place names a 户籍地 here holds (residence.home_names)
    heads: bool = False                  # a register of households, its names under 户主姓名: each row a head
    # Each distinct cell cleaned once for the whole import (``CellMemo``); None: computed each time.
    memo: CellMemo | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class RegisterDraft:
    """A person of the register as the row has them, validated; place parts already normalised."""
    person_values: tuple                 # PersonForm.validate() output, in PERSON_KEYS order
    compound: str
    building: str
    unit: str
    room: str
    address_text: str
    relation: str                        # '' when the file has no relation column
    tenure: str                          # '' when not given
    landlord_name: str
    landlord_phone: str                  # '' when not given (or masked): the registered one kept
    status: str                          # '' when not given
    given: frozenset                     # person fields the row actually filled
    key_reason_missing: bool = False     # marked key person, no reason: a placeholder is used
    household_note: str = ""             # what the household's note keeps (a landlord phone as typed)
    id_masked: str = ""                  # the ID number as a masked list shows it (MASKED): to find who
    known_number: str = ""               # ... the registered person's number it was found to be

    @property
    def number(self) -> str:
        """The ID number the register knows the person by: the row's, or the one its masked
        number was found to be (``register_import``)."""
        return self.person_values[_ID_NUMBER] or self.known_number

    @property
    def person(self) -> dict:
        return dict(zip(PERSON_KEYS, self.person_values))

    @property
    def full_name(self) -> str:
        return self.person_values[_FULL_NAME]

    @property
    def id_number(self) -> str | None:
        return self.person_values[_ID_NUMBER]

    @property
    def household_key(self) -> tuple | None:
        if not (self.building or self.room or self.address_text):
            return None
        return (self.compound, self.building, self.unit, self.room, self.address_text)


@dataclass(frozen=True)
class GateDraft:
    """One pass through a gate (出入登记) as the paper log has it."""
    at: datetime
    direction: str                       # in | out
    full_name: str
    id_number: str
    phone: str
    temperature: float | None
    fever: bool
    plate: str
    reason: str
    from_place: str
    visiting: str
    outcome: str
    recorded_by: str
    left_at: datetime | None = None      # a visitor book's time out: a second passage, out
    door: str = ""                       # the resident's door (房号/地址, 门牌) as written
    day_asked: bool = False              # no 日期 column: the day is the title's or the clerk's
    visitor: bool = False                # the ledger says a visitor: not looked up as a resident
    id_said: str = ""                    # a word in the ID column instead of a number (无, 外出)


@dataclass(frozen=True)
class CareDraft:
    """A person on the special-care list (特殊群体关爱) with needs and visit rhythm."""
    full_name: str
    id_number: str
    phone: str
    building: str
    unit: str
    room: str
    address_text: str
    categories: tuple[str, ...]          # the office's words: 独居老人, 低保户 …
    needs: tuple[str, ...]               # 送餐, 代买菜, 就医陪同 …
    visit_interval_days: float | None    # 每周两次 -> 3.5
    helper: str
    emergency_contact: str
    emergency_phone: str
    last_visit: date | None
    note: str
    helper_phone: str = ""               # the helper's own phone (责任人电话)
    compound: str = ""                   # as the row names it (a 小区 column, '幸福里3-2-501'), not the file's


# The masked cells of a row, {field: text}, set aside while their cells are taken as blank
# (``unmasked``): a register row's masked ID number finds who the row is (``register_import``).
# Never stored.
MASKED = "masked_cells"
# The fields that hold a number; a masked one in any other cell (a note) is a number within text.
_NUMBER_FIELDS = frozenset({"id_number", "phone", "other_phone", "landlord_phone", "emergency_phone",
                            "helper_phone"})


def unmasked(cells: dict, labels: dict[str, str]) -> tuple[dict, tuple[MaskedCell, ...]]:
    """``cells`` with each cell that holds a masked number (``is_masked``: 139****6915,
    4201**********123X, 1958-**-** of a masked export, a note with one) taken as blank, and a
    warning for each. Such a number is no number: stored, it would replace a whole one, or stand
    in a note as a typing slip; blank, the field keeps what is registered (a blank cell changes
    nothing). The one rule for every kind. ``labels``: field -> the caption the clerk reads."""
    masked = [k for k, v in cells.items() if v.__class__ is str and ("*" in v or "＊" in v) and is_masked(v)]
    if not masked:
        return cells, ()
    out = {**cells, **dict.fromkeys(masked), MASKED: {k: clean(cells[k]) for k in masked}}
    said = []
    for key in masked:
        label = labels.get(key, key)
        what = (f"{label}中间被*遮住了（脱敏导出的号码，不是完整号码）" if key in _NUMBER_FIELDS else
                f"{label}被*遮住了，只剩年份（脱敏导出的）" if key == "birth_date" else
                f"“{label}”里有中间被*遮住的号码（脱敏导出的）")
        whole = "完整的出生日期" if key == "birth_date" else "完整的号码"
        said.append(MaskedCell(key, f"{what}，这一格没有导入，已登记的{label}不变；要改，请填上{whole}再导入。",
                               when_refused=f"{what}，这一格不会导入，请填上{whole}。"))
    return out, tuple(said)


NOT_VISITED = n.NOTHING_SAID | {"未走访", "未访", "未"}
# The fields PersonForm.validate() returns, in its order (a tuple per row is lighter than a dict).
PERSON_KEYS = ("full_name", "id_type", "sex", "birth_date", "id_number", "phone", "residence_kind",
               "hukou_address", "is_key_person", "key_reason", "work_place", "note", "name_initials",
               "name_pinyin")
_PERSON_VALUES = itemgetter(*PERSON_KEYS)
_FULL_NAME, _ID_NUMBER = PERSON_KEYS.index("full_name"), PERSON_KEYS.index("id_number")
_PERSON_FIELDS = frozenset(PERSON_KEYS)
_GIVEN: dict[tuple, frozenset] = {}
# Written only where the register has no reason yet, never over a reason a clerk entered.
PLACEHOLDER_REASON = "台账中标为重点人员，原因未填写"


class _Errors:
    """Collects a row's errors field by field, so every problem is reported at once."""

    def __init__(self):
        self.errors: list[InputError] = []
        self.warnings: list[InputError] = []

    def take(self, fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except InputErrors as e:
            self.errors.extend(e.errors)
        except InputError as e:
            self.errors.append(e)
        return None

    def fail(self, field: str, message: str) -> None:
        self.errors.append(InputError(field, message))

    def check(self) -> None:
        if self.errors:
            refusal = InputErrors(self.errors)
            refusal.warnings = said_when_refused(self.warnings)      # shown beside the errors of a refused row
            raise refusal


def _place_of(compound_cell, building_cell, unit_cell, room_cell, address_cell, address_text_cell,
              sheet_building: str) -> tuple[str, str, str, str, str, InputError | None, InputError | None]:
    """(compound, building, unit, room, address text, what is missing, a warning) of a row's
    place cells. The warning: the row names another building than its sheet or section (4-1-101
    on the 3栋 sheet): what the row writes is kept (a whole door says more than a sheet's name),
    said, since a row pasted into the wrong building's sheet looks the same."""
    compound = clean(compound_cell) or ""
    building = building_number(n.text(building_cell))
    unit = unit_number(n.text(unit_cell))
    room = room_number(n.text(room_cell))
    address_text = clean(address_text_cell)
    if not (building or unit or room) and not n.is_empty(address_cell):
        a_compound, building, unit, room, address_text = n.address(address_cell)
        compound = compound or a_compound
    elif room and not unit and not room.isdigit() and (door := _door(room_cell, building, sheet_building)):
        # A 门牌号 column holding more than the room (1-1-101, 2-501 on the 3栋 sheet): kept as
        # a room of no building or unit, the household lost its place (the battle map lost it).
        a_compound, building, unit, room = door
        compound = compound or a_compound
    elif not n.is_empty(address_cell) and not room and not address_text:
        address_text = n.text(address_cell)
    other = None
    if not building and (unit or room) and sheet_building:
        building = sheet_building
    elif building and sheet_building and building != sheet_building:
        differs = f"这一行的住址是{building}栋，这张表（或它上面的分段标题）是{sheet_building}栋"
        other = ImportedAs("building", f"{differs}；按这一行写的记在{building}栋，请核对。",
                           when_refused=f"{differs}，请核对。")
    problem = None
    if unit and not building:
        problem = InputError("building", "填写了单元，请同时填写楼栋。")
    elif (building or unit) and not room and not address_text:
        problem = InputError("room", "请填写门牌号（房号）。")
    return compound, building, unit, room, address_text, problem, other


def _door(room_cell, building: str, sheet_building: str) -> tuple[str, str, str, str] | None:
    """(compound, building, unit, room) of a 门牌号 cell holding more than a room: the whole door
    (1-1-101, 3栋2单元501), or, in a building the row's 楼栋 or its sheet (3栋) names, the unit
    and the room (2-501, 2单元501) read as that building's door. None when the cell reads as
    neither, or names another building than the row's 楼栋 (or than its sheet's, but for a whole
    door 4-1-101): kept as typed, nothing guessed."""
    door = n.address(room_cell)
    known = building or sheet_building
    if known and not door[2]:
        within = n.address(f"{known}栋{n.text(room_cell)}")
        # A unit of one or two figures and a flat of three or more: 501-1 and a village's 12-1 are no door.
        if within[1] and len(within[2]) <= 2 and len(within[3]) >= 3:
            if door[1] == known:
                return None             # 3-501 in building 3: unit 3, or the building again? as typed
            door = within
    a_compound, a_building, a_unit, a_room, _ = door
    if not (a_building and a_room) or (known and a_building != known and (building or not a_unit)):
        return None
    return a_compound, a_building, a_unit, a_room


def _place(cells: dict, ctx: RowContext, err: _Errors, default: bool = True) -> tuple[str, str, str, str, str]:
    """The row's place; an incomplete one (a unit with no building, a building with no room) is
    refused (the register keeps it: ``_place_kept``). Without a compound of its own the row has
    the file's (its title's, or --compound), unless ``default`` is False."""
    get = cells.get
    place = (get("compound"), get("building"), get("unit"), get("room"), get("address"), get("address_text"),
             ctx.building)
    compound, building, unit, room, address_text, problem, other = (
        ctx.memo.many(_place_of)(*place) if ctx.memo else _place_of(*place))
    if problem:
        err.errors.append(problem)
    if other:
        err.warnings.append(other)
    return compound or (ctx.compound if default else ""), building, unit, room, address_text


def _place_kept(compound_cell, building_cell, unit_cell, room_cell, address_cell, address_text_cell,
                sheet_building: str, default_compound: str) -> tuple:
    """The register's place of a row: (compound, building, unit, room, address text, kept words,
    warnings). An incomplete one (a unit with no building, a building with no room) is kept as
    typed in the note, with the person registered without a household."""
    compound, building, unit, room, address_text, problem, other = _place_of(
        compound_cell, building_cell, unit_cell, room_cell, address_cell, address_text_cell, sheet_building)
    if problem:
        typed = " ".join(f"{label}{n.text(cell)}" for cell, label in (
            (compound_cell, "小区"), (building_cell, "楼栋"), (unit_cell, "单元"), (room_cell, "门牌号"), (address_cell, ""))
            if not n.is_empty(cell))
        return (compound or default_compound, "", "", "", "", (f"住址（原样）：{typed}",),
                (ImportedAs(problem.field, f"住址不完整（{problem.message.rstrip('。')}），这个人先登记，"
                                           "不放进任何一户，住址原样记在备注里，请核对后放进他的户。",
                            when_refused=f"住址不完整（{problem.message.rstrip('。')}），改这一行时请一并补全"
                                         "（不补全，这个人导入后不放进任何一户，住址原样保留在备注里）。"),))
    return compound or default_compound, building, unit, room, address_text, (), (other,) if other else ()


def _tolerant(fn, *args):
    """(value, None) or (None, the InputError): for cells a resident ID number can stand in for."""
    try:
        return fn(*args), None
    except InputError as e:
        return None, e


_SECONDARY_LABEL = {"full_name": "姓名后注", "relation": "与户主关系", "tenure": "住房性质", "residence_kind": "人员类别", "status": "状态",
                    "sex": "性别", "birth_date": "出生日期", "is_key_person": "重点人员", "id_type": "证件类型",
                    "id_number": "身份证号码栏"}


def _coded(cell, which: str) -> tuple[str, str]:
    """(code, '') of a coded cell ('' when empty), or ('', the text) when its list lacks the word."""
    try:
        return n.code(cell, which, which), ""
    except InputError:
        return "", n.text(cell)


def _born(cell) -> tuple[date | None, bool, tuple[int, int | None] | None]:
    """(date, unreadable, (year, month) when written to the month only, (year, None) to the
    year only) of a birth-date cell."""
    try:
        return n.date_value(cell, "birth_date"), False, None
    except InputError:
        month = n.month_value(cell)
        if month is None and (year := n.year_value(cell)):
            return None, True, (year, None)
        return None, True, month


def _agrees(month: tuple[int, int | None] | None, birth_date: str) -> bool:
    """Whether a birth date written to the month or the year only agrees with an ISO date."""
    if month is None:
        return False
    year, month_no = month
    return year == int(birth_date[:4]) and month_no in (None, int(birth_date[5:7]))


def _yes_no(cell, field: str) -> tuple[bool, str]:
    """(yes, '') of a yes/no cell, or (False, the text) when it says neither; one that only
    says it is empty (/, —, 暂无: ``says_nothing``) is no, as an empty cell."""
    try:
        return n.yes_no(cell, field), ""
    except InputError:
        t = n.text(cell)
        return False, "" if n.says_nothing(t) else t


def _phone_parts(cell, field: str) -> tuple[str, str, str, str]:
    """(phone, other numbers, remark, '') of a phone cell, or ('', '', '', what is wrong)."""
    try:
        return (*n.phones(cell, field), "")
    except InputError as e:
        return "", "", "", e.message


def _name_text(cell) -> str:
    """A name cell other than the person's own (房东, 紧急联系人, 责任人, 登记人): '' when it only
    says there is nobody (无, 暂无, /): such a word stored as a name would pass for one."""
    name = clean_name(n.text(cell))
    return "" if n.says_nothing(name) else name


def _keep(words: list, warnings: list, field: str, shown: str, why: str, said: str | None = None) -> None:
    """A secondary cell no field can hold, kept for the note with its warning, ``why`` it is kept
    and how the row is imported. A refused row keeps nothing (``ImportedAs``): it says ``said``
    (by default ``why``: what the cell says, without what an import does with it) and that the
    cell will be kept once the row is fixed; ``said`` '': nothing."""
    words.append(f"{_SECONDARY_LABEL.get(field, field)}：{shown}")
    said = why if said is None else said
    warnings.append(ImportedAs(field, f"{why}原样记在备注里，请核对。",
                               when_refused=f"{said}请核对{KEPT_ONCE_FIXED}" if said else ""))


#: What a refused row's warning says of a cell an imported row keeps in its note (in brackets: a
#: row's messages are shown one after another, joined by "；").
KEPT_ONCE_FIXED = "（这一行改好再导入时，它会原样保留在备注里）。"


class _Kept:
    """What a row's secondary cells said that no field could hold: kept for the note, each with
    its warning, so the person is imported and nothing typed is lost."""

    def __init__(self, err: _Errors):
        self.err, self.words = err, []

    def keep(self, field: str, shown: str, why: str, said: str | None = None) -> None:
        _keep(self.words, self.err.warnings, field, shown, why, said)

    def code(self, cell, field: str) -> str:
        """A coded secondary value (``_coded`` for its list); a word the list does not know is
        kept in the note."""
        found, shown = _coded(cell, field)
        if shown:
            self.keep(field, shown, f"{_SECONDARY_LABEL.get(field, field)}“{shown}”不是可选的值，")
        return found

    def said(self) -> tuple[tuple, tuple]:
        """(kept words, warnings), to be remembered with a reading."""
        return tuple(self.words), tuple(self.err.warnings)


def _phone_kept(cell, field: str, err: _Errors, kept: list[str], label: str,
                remarks: list[str] | None = None) -> tuple[str, str]:
    """(phone, other numbers) of a phone cell; one that is no phone number (10 digits, a slip) is
    kept as typed for the note, with a warning: never a reason to lose the person. A remark after
    the number (（儿子）) is kept for the note as 电话备注：儿子, or in ``remarks`` when given.
    A masked number (139****6915) never comes here: its cell is blank (``unmasked``)."""
    number, more, remark, problem = _phone_parts(cell, field)
    if remark and remarks is not None:
        remarks.append(remark)
    elif remark:
        kept.append(f"{label}备注：{remark}")
    if problem:
        shown = n.text(cell)
        kept.append(f"{label}（原样）：{shown}")
        err.warnings.append(ImportedAs(field, f"{problem}。号码原样记在备注里，请核对后改正。",
                                       when_refused=f"{problem}，请核对后改正。"))
    return number, more


# What a register row's secondary cells say, in groups of cells read together, each group a
# function of its cells alone: (the values, the words kept for the note, the warnings), so that
# a group seen before (户主 租住 否 …, a household's door) costs one lookup (``CellMemo.many``).
# The warnings of a row are its groups' in the row's order, with the row's own between them.

def _id_type_read(cell) -> tuple[str, tuple, tuple]:
    """(id type, kept words, warnings) of the 证件类型 cell."""
    kept = _Kept(_Errors())
    return kept.code(cell, "id_type") or "resident_id", *kept.said()


def _sex_born_read(sex_cell, born_cell, by_number: bool, today: date | None) -> tuple:
    """(sex, the sex cell's unreadable text, birth date, unreadable, (year, month) when written to
    the month only, kept words, warnings). Sex and birth date come from a resident ID number
    when there is one (``by_number``): a cell the import cannot read (性别 '2', 出生年月 '1980.04')
    is then only a warning, never a lost person."""
    kept = _Kept(_Errors())
    sex, sex_shown = _coded(sex_cell, "sex")
    born, born_error, month = _born(born_cell)
    if sex_shown and not by_number:
        kept.keep("sex", sex_shown, f"性别“{sex_shown}”看不懂，")
    shown = n.text(born_cell)
    if born_error and month and month[1] and not by_number:
        # 17年5月, 1980.04 and no ID number: the month's first day, to be checked (as a day with
        # no year gets the file's), rather than no birth date at all; the cell stays in the note.
        born = date(month[0], month[1], 1)
        if n.month_lost_zero(born_cell):
            lost = f"出生日期写成了数字“{shown}”，可能是{month[0]}年1月，也可能是10月（Excel把{shown}0存成{shown}）"
            kept.keep("birth_date", shown, f"{lost}，按{born.isoformat()}登记（出生日期一列请设成文本格式），",
                      f"{lost}，出生日期一列请设成文本格式，")
        else:
            kept.keep("birth_date", shown, f"出生日期只写到了月份（{shown}），按{born.isoformat()}登记，",
                      f"出生日期只写到了月份（{shown}），")
        born_error = False
    elif born and not by_number and days.SHORT_YEAR.match(shown):
        kept.err.warnings.append(ImportedAs("birth_date", f"出生日期“{shown}”的年份只写了两位，按{born.year}年登记，请核对。",
                                            when_refused=f"出生日期“{shown}”的年份只写了两位，请写全四位年份。"))
    if born and not by_number and (problem := birth_date_problem(born, today)):
        # a slip (2099, 1800) in a secondary field: the person is kept, the date in the note
        kept.keep("birth_date", born.isoformat(), f"{problem}，")
        born = None
    if born_error and not by_number:
        kept.keep("birth_date", shown, f"出生日期只写到了年份（{shown}），没有身份证号码可以推出，" if month
                  else f"出生日期“{shown}”看不懂，也没有身份证号码可以代替，")
    return sex, sex_shown, born, born_error, month, *kept.said()


def _standing_read(residence_cell, key_cell, key_reason: str, relation_cell, tenure_cell, status_cell) -> tuple:
    """(residence kind, key person, key reason, relation, tenure, status, kept words, warnings)
    of how a person stands in the register. ``key_reason``: the reason's text."""
    err = _Errors()
    kept = _Kept(err)
    residence, plain_tenure = _residence(_residence_word(residence_cell), kept, err)
    key, key_shown = _yes_no(key_cell, "is_key_person")
    if key_shown:
        kept.keep("is_key_person", key_shown, f"重点人员一栏写的是“{key_shown}”，不是“是/否”，")
    if key and not key_reason:
        # A ledger that marks key persons without a reason column: the person is imported (a
        # key person missing from the register is worse), with a note the preview shows.
        key_reason = PLACEHOLDER_REASON
        err.warnings.append(ImportedAs("key_reason", "标为重点人员但没有填写原因，请导入后补充原因。",
                                       when_refused="标为重点人员但没有填写原因，请补上原因。"))
    relation = kept.code(relation_cell, "relation")
    tenure = kept.code(tenure_cell, "tenure") or plain_tenure
    status = kept.code(status_cell, "status")
    return residence, key, key_reason, relation, tenure, status, *kept.said()


# A landlord's name that says the household lives in its own home: no landlord. It does not set
# the tenure (no 住房性质 column): a new household is 自有 already, and a household registered as
# rented keeps its tenure and landlord, as for an empty cell; a word in the landlord column, which
# ledgers fill loosely, is not enough to erase what a clerk registered.
OWN_HOME = frozenset({"本人", "自己", "自有", "自住", "自家", "户主", "户主本人", "房主本人", "业主本人", "自有住房"})


def _landlord_read(phone_cell, name_cell) -> tuple[str, str, str, tuple]:
    """(landlord's name, phone, what the household's note keeps, warnings)."""
    err, words = _Errors(), []
    phone, more = _phone_kept(phone_cell, "landlord_phone", err, words, "房东电话")
    if more:
        words.append(f"房东其他电话：{more}")
    name = _name_text(name_cell)
    return "" if name in OWN_HOME else name, phone, " ".join(words), tuple(err.warnings)


class _RegisterReaders:
    """The readings of a register row's cells, each remembered per distinct cell or group of
    cells for the import (``CellMemo``), or computed (``computed``). The ID number, the name
    and the phone, different on every row, are read directly."""

    def __init__(self, memo):
        self.text, self.id_type = memo.once(n.text), memo.once(_id_type_read)
        self.sex_born, self.standing = memo.many(_sex_born_read), memo.many(_standing_read)
        self.landlord, self.place = memo.many(_landlord_read), memo.many(_place_kept)


def register_row(cells: dict, ctx: RowContext) -> tuple[RegisterDraft, list[InputError]]:
    """Validate one register row; returns (draft, warnings) or raises InputErrors.

    Only what cannot be kept refuses the row: no name, an ID number that is no usable number
    (a resident whose identity is unsure must not become a second person). A secondary cell the
    import cannot read (a 10-digit phone, a word no list knows) is kept in the note with a
    warning; a word whose meaning is plain goes where it belongs (人员类别 租户: a rented flat).
    Each distinct secondary cell, or group of them, is read once per import (``ctx.memo``)."""
    read = ctx.memo.readers(_RegisterReaders) if ctx.memo else _COMPUTED
    text = read.text
    get = cells.get
    err = _Errors()
    warnings = err.warnings
    id_cell = get("id_number")
    id_said = n.id_words(id_cell)
    id_number = (err.take(n.id_number, id_cell) or "") if id_said is None and not n.is_empty(id_cell) else ""
    id_type, words, said = read.id_type(get("id_type"))
    words = list(words)
    warnings += said
    if id_said:                          # 外出, 无: a resident whose number is not to hand, kept
        _keep(words, warnings, "id_number", id_said, f"身份证号码一栏写的是“{id_said}”，不是号码，"
                                                     f"按没有身份证号码登记（请补上号码）；“{id_said}”", "")
    if id_type == "resident_id" and len(id_number) == 15 and id_number.isdigit():
        upgraded = upgrade_15(id_number)
        warnings.append(ImportedAs("id_number", f"15位旧身份证号码{id_number}已按国家标准升为18位：{upgraded}，"
                                                "请对照身份证核对。",
                                   when_refused=f"15位旧身份证号码{id_number}，这一行改好再导入时会按国家标准升为18位："
                                                f"{upgraded}，请对照身份证核对。"))
        id_number = upgraded
    by_number = bool(id_number) and id_type == "resident_id"
    sex, sex_shown, born, born_error, month, kept, said = read.sex_born(get("sex"), get("birth_date"), by_number,
                                                                        ctx.today)
    words += kept
    warnings += said
    if born and by_number and len(id_number) == 18 and born.isoformat().replace("-", "") != id_number[6:14]:
        # The ID number decides, and the row's own date is kept: a slip in either is found later.
        differs = (f"出生日期“{born.isoformat()}”与身份证号码里的{id_number[6:10]}-{id_number[10:12]}-"
                   f"{id_number[12:14]}不一致")
        _keep(words, warnings, "birth_date", born.isoformat(), f"{differs}，按身份证号码记录；出生日期", f"{differs}，")
    if names := n.several_names(get("full_name")):
        err.fail("full_name", f"姓名一格里写了{len(names)}个人（{'、'.join(names)}），一格只能写一个人。"
                              "请把每个人分成一行后再导入这一行。")
    full_name, name_remark = n.name_and_remark(get("full_name"))
    if name_remark:                      # 张三（已故）, 李四(已迁出): the clerk must see it
        remark = f"姓名后面的“（{name_remark}）”不是姓名的一部分"
        _keep(words, warnings, "full_name", name_remark, f"{remark}，按“{full_name}”登记，说明", f"{remark}，")
    if (plain := without_name_symbols(full_name)) != full_name and plain:
        # 张三😷 pasted from a chat: the person is kept as 张三, the cell as it was in the note.
        words.append(f"原姓名：{full_name}")
        symbols = f"姓名“{full_name}”里有不是文字的符号（如表情符号，打印出来是空白或方框）"
        warnings.append(ImportedAs("full_name", f"{symbols}，按“{plain}”登记，原来写的记在备注里，请核对。",
                                   when_refused=f"{symbols}，请核对（这一行改好再导入时按“{plain}”登记，"
                                                "原来写的保留在备注里）。"))
        full_name = plain
    # A name that says nothing (/, 无) is refused by validate_person, as a blank name is.
    phone_words: list[str] = []
    phone_text, more_phones = _phone_kept(get("phone"), "phone", err, phone_words, "电话")
    note = text(get("note"))
    if more_phones:
        note = n.with_other_phones(note, more_phones)
        warnings.append(ImportedAs("phone", f"一格里有多个电话，第一个作为本人电话，其余记在备注：{more_phones}",
                                   when_refused=f"一格里有多个电话，这一行改好再导入时第一个作为本人电话，"
                                                f"其余（{more_phones}）保留在备注里。"))
    phone_from_other = False
    if not n.is_empty(other := get("other_phone")):
        # A second phone column (手机号 beside 联系电话): the person's phone when the first is
        # empty; else its numbers go to the note, as a second number in one cell does.
        number, more = _phone_kept(other, "phone", err, phone_words, "其他电话")
        if number and not phone_text:
            phone_text, number, phone_from_other = number, "", True
        if kept_numbers := " ".join(x for x in (number, more) if x):
            note = n.with_other_phones(note, kept_numbers)
            warnings.append(ImportedAs("phone", f"另一列的电话记在备注：{kept_numbers}",
                                       when_refused=f"另一列还有电话{kept_numbers}，这一行改好再导入时会保留在备注里。"))
    told, key, key_reason, relation, tenure, status, kept, said = read.standing(
        get("residence_kind"), get("is_key_person"), text(get("key_reason")), get("relation"), get("tenure"),
        get("status"))
    if ctx.heads and not relation:
        relation = "head"
    hukou = text(get("hukou_address"))
    residence = residence_kind(told, hukou, ctx.home)
    words += kept
    warnings += said
    landlord_name, landlord_phone, household_note, said = read.landlord(get("landlord_phone"), get("landlord_name"))
    masked = get(MASKED) or {}
    warnings += said
    compound, building, unit, room, address_text, kept, said = read.place(
        get("compound"), get("building"), get("unit"), get("room"), get("address"), get("address_text"),
        ctx.building, ctx.compound)
    words += kept
    warnings += said
    if phone_words or words:
        note = " ".join(x for x in (note, *phone_words, *words) if x)
    # PersonForm.validate's checks, without a form per row
    values = err.take(validate_person, full_name, id_type, id_number, sex or "", born.isoformat() if born else "",
                      phone_text, residence, hukou, key, key_reason, text(get("work_place")),
                      note, ctx.today)
    if values and values["id_number"] and id_type == "resident_id":
        if values["id_number"][:2] not in PROVINCES:
            warnings.append(InputError("id_number", f"身份证号码的前两位{values['id_number'][:2]}"
                                                    "不是已知的省份代码，请核对。"))
        if sex and sex != values["sex"]:
            warnings.append(_by_number("sex", f"性别“{vocab.zh(vocab.SEX, sex)}”与身份证号码不一致"))
        if sex_shown:
            warnings.append(_by_number("sex", f"性别“{sex_shown}”看不懂"))
        if born_error and not _agrees(month, values["birth_date"]):
            warnings.append(_by_number("birth_date", f"出生日期“{text(get('birth_date'))}”与身份证号码不一致或看不懂"))
    err.check()
    if id_said is not None:              # no number given: an existing person's is not cleared
        cells = {**cells, "id_number": None}
    # n.is_empty inline: asked of every cell of every row. The filled fields in the row's order
    # (a sheet's rows share it): a tuple is quicker to make and look up than a set.
    shape = (tuple([k for k, v in cells.items() if k in _PERSON_FIELDS and not (
                    v is None or v == "" or (isinstance(v, str) and v.isspace()))]),
             phone_from_other, bool(note), key and key_reason != PLACEHOLDER_REASON)
    given = _GIVEN.get(shape)
    if given is None:
        filled, from_other, noted, reasoned = shape
        given = set(filled) | ({"phone"} if from_other else set())
        if "id_number" in given:
            given |= {"sex", "birth_date"}
        if "full_name" in given:
            given |= {"name_initials", "name_pinyin"}
        if noted:
            given |= {"note"}
        if reasoned:
            given |= {"key_reason"}
        given = _GIVEN[shape] = frozenset(given)           # one shared set per shape
    draft = RegisterDraft(_PERSON_VALUES(values), compound, building, unit, room, address_text,
                          relation, tenure, landlord_name, landlord_phone, status, given,
                          key_reason == PLACEHOLDER_REASON, household_note, masked.get("id_number", ""))
    return draft, warnings


def _by_number(field: str, problem: str) -> ImportedAs:
    """A cell the resident ID number decides instead (性别, 出生日期): said as such on an imported row."""
    return ImportedAs(field, f"{problem}，按身份证号码记录。", when_refused=f"{problem}，请核对。")


def _residence_word(cell) -> tuple[str, str, str]:
    """(residence kind, the tenure a word plainly says, the word when it is no residence kind);
    the kind '' when the word does not say it (常住, none, a word no list knows): the 户籍地
    decides (desktop.register.residence)."""
    if n.text(cell) in LIVES_HERE:
        return "", "", ""
    try:
        return n.code(cell, "residence", "residence_kind"), "", ""
    except InputError:
        pass
    word = n.text(cell)
    # 租户, 业主: a word of how the household holds its flat, the 住房性质 column's words.
    return "", n.TENURE_WORDS.get(word, ""), word


def _residence(reading: tuple[str, str, str], kept: _Kept, err: _Errors) -> tuple[str, str]:
    """(residence kind or '', tenure the word plainly says) of a 人员类别 cell (its
    ``_residence_word``): 租户 says the household rents (the person's residence kind is then the
    户籍地's, warned)."""
    residence, tenure, word = reading
    if not word:
        return residence, ""
    if tenure:
        kept.words.append(f"人员类别：{word}")
        housing = f"人员类别“{word}”说的是住房（{vocab.zh(vocab.TENURE, tenure)}）"
        err.warnings.append(ImportedAs("residence_kind", f"{housing}，记为这一户的住房性质；人口类型{_BY_HUKOU}，请核对。",
                                       when_refused=f"{housing}，这一行改好再导入时记为这一户的住房性质，请核对。"))
        return "", tenure
    choices = f"人员类别“{word}”不是可选的值（户籍人口、常住人口、流动人口、人户分离），"
    kept.keep("residence_kind", word, f"{choices}人口类型{_BY_HUKOU}，", choices)
    return "", ""


_BY_HUKOU = "按户籍地记录（户籍地在本地或没有写的为户籍人口）"


_COMPUTED = _RegisterReaders(computed)


def gate_row(cells: dict, ctx: RowContext) -> tuple[GateDraft, list[InputError]]:
    err = _Errors()
    name = clean_name(n.text(cells.get("full_name")))
    said, name = (name, "") if n.says_nothing(name) else ("", name)
    # A plate of '/' or 无 is no vehicle: the row needs a name as one with an empty plate does.
    plate = clean(cells.get("plate")).upper().replace("·", "").replace("•", "").replace(" ", "")
    plate = "" if n.says_nothing(plate) else plate
    if not name and not plate:
        err.fail("full_name", n.no_name(said, "请填写姓名（车辆请填写车牌号）。"))
    timed = n.datetime_value(cells.get("time"))          # '2020/2/10 8:30': a day of its own
    both = timed or n.datetime_value(cells.get("date"))
    day_only = n.DAY_ONLY.match(n.text(cells.get("date")))
    if both:                             # '2020/2/10 8:30' in one column
        day, at_time = both.date(), both.time()
        if not timed and not n.is_empty(cells.get("time")):
            # A 日期 cell with a time, carried down (or merged) over rows with their own 时间:
            # the row's own time is its passage's.
            at_time = err.take(n.time_value, cells.get("time"), "time")
        elif not timed and cells.get(DAY_ABOVE):
            # ... and a row without one has no time: the cell's is the first row's passage.
            at_time = None
            err.fail("time", f"这一行没有写时间（上面日期格里的{both:%H:%M}是第一行的时间，不是这一行的），"
                             "请填写这一行的时间。")
    elif "date" not in cells and (only_day := _tolerant(n.date_value, cells.get("time"), "time", ctx.year)[0]):
        day, at_time = only_day, None    # a date-and-time column holding only the date
        err.fail("time", f"这一格只有日期（{n.text(cells.get('time'))}），没有时间，请补上时间。")
    elif day_only and ctx.day:           # '11日' on the sheet of 2月11日
        day = err.take(n.date_value, f"{ctx.day.month}月{day_only.group(1)}日", "date", ctx.day.year)
        at_time = err.take(n.time_value, cells.get("time"), "time")
    else:
        # A day without its year (2月15日 on a typed sheet): the file's year, else the year of the
        # day the sheet or the clerk gave (a 2020 sheet typed up later is not of this year).
        year = ctx.year or (ctx.day and ctx.day.year) or (ctx.today and ctx.today.year)
        day = err.take(n.date_value, cells.get("date"), "date", year)
        at_time = err.take(n.time_value, cells.get("time"), "time")
    if (isinstance(cells.get("date"), datetime) and at_time is None and n.is_empty(cells.get("time"))
            and not cells.get(DAY_ABOVE)):
        at_time = cells["date"].time()
    sheet_day = day is None and ("date" not in cells or n.is_empty(cells.get("date")))
    day = ctx.day if sheet_day else day
    yearless = day and ctx.year is None and n.year_of(cells.get("date")) is None and not both
    if yearless and ctx.day and not sheet_day:
        # Near New Year the log's day and a row's differ in year: the closest one is meant.
        day = n.nearest_year(day, ctx.day)
        if day.year != ctx.day.year:
            err.warnings.append(ImportedAs("date", f"日期没有写年份，按离这份登记的日期（{ctx.day:%Y-%m-%d}）"
                                                   f"最近的{day.year}年导入，请核对。",
                                           when_refused=f"日期没有写年份（离这份登记的日期（{ctx.day:%Y-%m-%d}）"
                                                        f"最近的是{day.year}年），请核对。"))
    elif yearless and not ctx.day:
        # '2月11日' and nothing in the file names a year: the year is a guess the clerk must see.
        day = n.latest_past(day, ctx.today or date.today())
        err.warnings.append(ImportedAs("date", f"日期没有写年份，文件里也找不到年份，按{day.year}年导入，请核对。",
                                       when_refused="日期没有写年份，文件里也找不到年份，请写上年份。"))
    if day and cells.get(DAYS_AFTER) and not timed:   # past midnight under the day written above
        day += timedelta(days=cells[DAYS_AFTER])
        if cells.get(PAST_MIDNIGHT):
            err.warnings.append(ImportedAs("date", f"这一行的时间早于上一行，日期却没有换，按过了半夜、"
                                                   f"{day.month}月{day.day}日导入，请核对。",
                                           when_refused="这一行的时间早于上一行，日期却没有换（过了半夜？），请核对。"))
    if day and (number := cells.get(NUMBER_DAY)):
        typed, short, long = number
        either = (f"日期写成了数字“{typed}”（Excel把2.20存成2.2），可能是{short.month}月{short.day}日，"
                  f"也可能是{long.month}月{long.day}日")
        err.warnings.append(ImportedAs("date", f"{either}：按前后几行的日期导入为{day.month}月{day.day}日，请核对。"
                                               "日期一列请设成文本格式，或写成2020-02-20。",
                                       when_refused=f"{either}，请核对。日期一列请设成文本格式，或写成2020-02-20。"))
    if day and (before := cells.get(OUT_OF_ORDER)) and at_time and not timed:
        disorder = f"这一行的时间（{at_time:%H:%M}）早于上一行（{before:%H:%M}），时间顺序不对"
        err.warnings.append(ImportedAs("time", f"{disorder}；日期仍按{day.month}月{day.day}日导入，请核对。",
                                       when_refused=f"{disorder}，请核对。"))
    time_in = err.take(n.time_value, cells.get("time_in"), "time_in")
    time_out = err.take(n.time_value, cells.get("time_out"), "time_out")
    visit_book = "time_in" in cells or "time_out" in cells
    if visit_book and at_time is None:
        at_time = time_in or time_out
    if day is None and not any(e.field == "date" for e in err.errors):
        # An old printed sheet (its day in the heading only), or a 日期 column blank down to here
        # (the carry-down found no day above): the clerk is asked the day, never today taken.
        err.fail("day", NO_DAY)
    if at_time is None and not any(e.field in ("time", "time_in", "time_out") for e in err.errors):
        err.fail("time", "请填写时间。")
    # A separate 探访对象 column filled says a visitor; a host split out of the printed sheet's
    # 事由/探访何人 does not (a resident's 买菜/药 has a '/' too): gate.log decides on the door.
    visitor = visit_book or ctx.visitor_book or not n.is_empty(cells.get("visiting"))
    if visit_book and n.is_empty(cells.get("direction")):
        direction = "in" if time_in else "out"
    else:
        direction, said = err.take(n.visitor_direction, cells.get("direction")) or (None, False)
        visitor = visitor or said
    left_at = None
    if visit_book and time_in and time_out and day:
        left_at = datetime.combine(day, time_out)
        if time_out < time_in and time_in.hour >= 18 and time_out.hour < 6:
            # In late in the evening, out early in the morning: the visit went past midnight.
            left_at += timedelta(days=1)
            earlier = f"离开时间{time_out:%H:%M}早于进入时间{time_in:%H:%M}"
            err.warnings.append(ImportedAs("time_out", f"{earlier}，按第二天（{left_at:%m月%d日}）{time_out:%H:%M}离开导入，请核对。",
                                           when_refused=f"{earlier}（第二天离开？），请核对。"))
        elif time_out < time_in:
            err.fail("time_out", f"离开时间{time_out:%H:%M}早于进入时间{time_in:%H:%M}，请核对。")
    temp = None
    if n.no_reading(cells.get("temperature")):
        not_read = f"体温写的是“{n.text(cells.get('temperature'))}”，不是读数"
        err.warnings.append(ImportedAs("temperature", f"{not_read}，这条记录不带体温导入。",
                                       when_refused=f"{not_read}，请核对。"))
    else:
        temp = err.take(n.temperature, cells.get("temperature"))
    id_number, id_said = _optional_id(cells.get("id_number"), err, ctx.today, "备注")
    # The phone is kept in the passage's note; a mistyped one as typed, never a lost passage.
    kept: list[str] = []
    remarks: list[str] = []              # 13812345678（儿子）: the note says 电话：13812345678（儿子）
    number, more = _phone_kept(cells.get("phone"), "phone", err, kept, "电话", remarks)
    phone = (" ".join(x for x in (number, more) if x) + "".join(f"（{r}）" for r in remarks)
             or (f"{n.text(cells.get('phone'))}（原样）" if kept else ""))
    err.check()
    reason, visiting = _reason_and_host(n.text(cells.get("reason")), n.text(cells.get("visiting")),
                                        n.text(cells.get("reason_visiting")), visitor)
    return GateDraft(datetime.combine(day, at_time), direction, name, id_number, phone, temp,
                     temp is not None and temp >= n.FEVER, plate, reason,
                     n.text(cells.get("from_place")), visiting,
                     n.text(cells.get("outcome")), _name_text(cells.get("recorded_by")),
                     left_at, n.text(cells.get("door")), sheet_day and ctx.day_asked, visitor, id_said), err.warnings


# A gate sheet without a 日期 column (an old printed one has the day in its heading), or whose
# 日期 column is blank at the top, whose title names no day either: the clerk is asked, never
# today guessed.
NO_DAY = "表里没有“日期”列（或开头几行的日期空着），标题里也没有写是哪一天：请指定这是哪一天的登记。"


def _reason_and_host(reason: str, visiting: str, both: str, visitor: bool) -> tuple[str, str]:
    """(事由, 探访何人) of a row. The printed sheet's 事由/探访何人 cell is split at its '/'
    (探亲/3-2-501 张三); undivided, it is whom a visitor came to see (kept where the gate screen
    keeps a visitor's host) or a resident's reason for going out."""
    if not both:
        return reason, visiting
    first, divided, second = both.replace("／", "/").partition("/")
    if divided and first.strip() and second.strip():
        return reason or first.strip(), visiting or second.strip()
    if visitor:
        return reason, visiting or both
    return reason or both, visiting


def _optional_id(cell, err: "_Errors", today, kept_in: str) -> tuple[str, str]:
    """(ID number, word) of a gate passage's or a care row's ID cell, where the number may be
    left out: a number is checked; a word typed instead (无, 外出, n.id_words) keeps the row
    without a number, the word kept in ``kept_in`` and said."""
    said = n.id_words(cell)
    if said is not None:
        if said:
            err.warnings.append(ImportedAs("id_number", f"身份证号码一栏写的是“{said}”，不是号码，按没有身份证号码导入；"
                                                        f"“{said}”记在{kept_in}里，请核对。"))
        return "", said
    raw = err.take(n.id_number, cell) if not n.is_empty(cell) else ""
    parsed = err.take(parse_resident_id, raw, today=today) if raw else None
    return (parsed.number if parsed else ""), ""


def care_row(cells: dict, ctx: RowContext) -> tuple[CareDraft, list[InputError]]:
    err = _Errors()
    name, name_remark = n.name_and_remark(cells.get("full_name"))
    name = clean_name(name)
    if names := n.several_names(cells.get("full_name")):     # 王大爷、王大妈: a couple in one row
        err.fail("full_name", f"姓名一格里写了{len(names)}个人（{'、'.join(names)}），一格只能写一个人。"
                              "请把每个人分成一行后再导入这一行。")
    elif not name or n.says_nothing(name):
        err.fail("full_name", n.no_name(name))
    elif name_remark:                    # 陈奶奶（独居）: found in the register as 陈奶奶
        remark = f"姓名后面的“（{name_remark}）”不是姓名的一部分"
        err.warnings.append(ImportedAs("full_name", f"{remark}，按“{name}”导入，说明原样记在备注里，请核对。",
                                       when_refused=f"{remark}，请核对{KEPT_ONCE_FIXED}"))
    id_number, id_said = _optional_id(cells.get("id_number"), err, ctx.today, "备注")
    kept_phones: list[str] = []          # a phone that is no number is kept as typed, never a lost person
    phone, more = _phone_kept(cells.get("phone"), "phone", err, kept_phones, "电话")
    emergency_phone, more_emergency = _phone_kept(cells.get("emergency_phone"), "emergency_phone", err,
                                                  kept_phones, "紧急联系电话")
    helper_phone, more_helper = _phone_kept(cells.get("helper_phone"), "helper_phone", err, kept_phones, "责任人电话")
    notes = (([f"姓名后注：{name_remark}"] if name_remark else [])
             + [f"{label}：{x}" for label, x in (("其他电话", more), ("紧急联系人其他电话", more_emergency)) if x]
             + ([f"责任人其他电话：{more_helper}"] if more_helper else []) + kept_phones
             + ([f"身份证号码栏：{id_said}"] if id_said else []))
    contact = _name_text(cells.get("emergency_contact"))
    if emergency_phone and not contact:
        # The care list keeps a contact by name; a phone alone stays in the note, not lost.
        notes.append(f"紧急联系电话：{emergency_phone}")
        err.warnings.append(ImportedAs("emergency_phone", "有紧急联系电话但没有联系人姓名，电话记在备注里。",
                                       when_refused="有紧急联系电话但没有联系人姓名，请补上联系人姓名。"))
        emergency_phone = ""
    # A rhythm the import cannot read (必要时, 看情况) is no reason to leave a person off the care
    # list: listed weekly, the ledger's word kept in the note, like 不定期.
    frequency_text = n.text(cells.get("frequency"))
    try:
        interval = n.visit_interval(cells.get("frequency"))
    except InputError:
        interval = None
        notes.append(f"台账走访频次：{frequency_text}")
        err.warnings.append(ImportedAs("frequency", f"走访频次“{frequency_text}”看不懂，先按每周一次，原词记在备注里，"
                                                    "导入后请在关爱页修改。",
                                       when_refused=f"走访频次“{frequency_text}”看不懂，请核对{KEPT_ONCE_FIXED}",
                                       value=frequency_text))
    if frequency_text in n.NO_RHYTHM:
        notes.append(f"台账走访频次：{frequency_text}")
        err.warnings.append(ImportedAs("frequency", f"走访频次“{frequency_text}”不是固定间隔，"
                                                    "先按每周一次，导入后可在关爱页修改。",
                                       when_refused=f"走访频次“{frequency_text}”不是固定间隔，"
                                                    "这一行改好再导入时先按每周一次。"))
    if interval is not None and not (fits := care_vocab.frequency_of_interval(interval))[1]:
        # 每十天 is read (10 days) but the care list has no such rhythm: listed at the nearest
        # no rarer, said, the ledger's word kept in the note.
        listed = care_vocab.FREQUENCY[fits[0]][1]
        notes.append(f"台账走访频次：{frequency_text}")
        err.warnings.append(ImportedAs("frequency", f"走访频次“{frequency_text}”（每{interval:g}天）关爱名单里没有这个频次，"
                                                    f"先按{listed}，原词记在备注里，导入后请在关爱页修改。",
                                       when_refused=f"走访频次“{frequency_text}”关爱名单里没有这个频次，"
                                                    f"这一行改好再导入时先按{listed}。",
                                       value=frequency_text))
    last_cell = cells.get("last_visit")
    if n.text(last_cell) in NOT_VISITED:
        last_cell = None
    # The last visit only sets when the next one is due: a day the import cannot read ('2026年11月',
    # '上周') or one in the future is kept as typed in the note, and the person is listed (due now).
    try:
        last_visit = n.date_value(last_cell, "last_visit", ctx.year)
        if last_visit and ctx.today and last_visit > ctx.today:
            raise InputError("last_visit", f"上次走访日期{last_visit.isoformat()}在未来，")
    except InputError as e:
        last_visit, shown = None, n.text(last_cell)
        why = e.message if e.message.endswith("，") else f"上次走访日期“{shown}”看不懂，"
        notes.append(f"台账上次走访：{shown}")
        err.warnings.append(ImportedAs("last_visit", f"{why}原样记在备注里，按未走访过导入，请核对。",
                                       when_refused=f"{why}请核对{KEPT_ONCE_FIXED}", value=shown))
    categories = n.split_words(cells.get("categories")) or ((ctx.category,) if ctx.category else ())
    if not categories:
        err.fail("categories", "请填写关爱类别（例如：独居老人、低保户）。")
    elif not any(care_vocab.code_of(care_vocab.CATEGORY, w) for w in categories):
        # Listed as 其他, the words in the note (write_care): the person is not lost for a word.
        unknown = f"关爱类别“{'、'.join(categories)}”不在可选的类别里"
        err.warnings.append(ImportedAs("categories", f"{unknown}，先记为“其他”，原词记在备注里，请核对。",
                                       when_refused=f"{unknown}，请核对（这一行改好再导入时先记为“其他”，"
                                                    "原词保留在备注里）。"))
    # The row's own compound only: a title's 幸福里社区 may cover several compounds and groups.
    compound, building, unit, room, address_text = _place(cells, ctx, err, default=False)
    err.check()
    return CareDraft(name, id_number, phone, building, unit, room, address_text, categories,
                     n.split_words(cells.get("needs")), interval, _name_text(cells.get("helper")),
                     contact, emergency_phone, last_visit, care_notes.ledger_note(n.text(cells.get("note")), *notes),
                     helper_phone,
                     compound), err.warnings


ROW_VALIDATORS = {"register": register_row, "gate": gate_row, "care": care_row, "canvass": canvass_row}
