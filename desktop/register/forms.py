"""What a clerk types (or a ledger row holds) for a person or a household, cleaned and checked
field by field. No database here: the rules that need the register are in ``rules``."""
from dataclasses import dataclass, fields
from datetime import date

from desktop import vocab
from desktop.address import building_number, room_number, unit_number
from desktop.days import DayError, typed_day
from desktop.errors import InputError, InputErrors
from desktop.idnumber import birth_date_problem, normalise_document, parse_resident_id
from desktop.phone import normalise_phone
from desktop.pinyin import name_keys
from desktop.records import Person
from desktop.register import rules
from desktop.textnorm import clean, clean_name, name_symbols, no_name, says_nothing


@dataclass(frozen=True)
class PersonForm:
    """What a clerk typed (or a ledger row held): raw text, validated by ``validate()``."""
    full_name: str = ""
    id_type: str = "resident_id"
    id_number: str = ""
    sex: str = ""
    birth_date: str = ""
    phone: str = ""
    residence_kind: str = "registered"
    hukou_address: str = ""
    is_key_person: bool = False
    key_reason: str = ""
    work_place: str = ""
    note: str = ""

    def validate(self, today: date | None = None) -> dict:
        """Clean every field; raise InputErrors naming each wrong field, all at once."""
        return validate_person(self.full_name, self.id_type, self.id_number, self.sex, self.birth_date, self.phone,
                               self.residence_kind, self.hukou_address, self.is_key_person, self.key_reason,
                               self.work_place, self.note, today)

    @classmethod
    def from_person(cls, p: Person) -> "PersonForm":
        names = {f.name for f in fields(cls)}
        return cls(**{k: getattr(p, k) for k in names if hasattr(p, k)})


@dataclass(frozen=True)
class HouseholdForm:
    """A household's place and tenure as typed. ``compound_id`` picks the compound."""
    compound_id: str = ""
    building: str = ""
    unit: str = ""
    room: str = ""
    address_text: str = ""
    tenure: str = "owned"
    landlord_name: str = ""
    landlord_phone: str = ""
    note: str = ""

    def validate(self) -> dict:
        """The household's place and tenure cleaned (building '3号楼' -> '3'); InputErrors naming
        every wrong field. Whether the compound exists is the use case's to check."""
        errors = []
        building, unit, room = building_number(self.building), unit_number(self.unit), room_number(self.room)
        address_text = clean(self.address_text)
        if unit and not building:
            errors.append(InputError("building", "填写了单元，请同时填写楼栋。"))
        if not room and not address_text:
            errors.append(InputError("room", "请填写门牌号（房号），或者填写门牌地址。"))
        if self.tenure not in vocab.TENURE:
            errors.append(InputError("tenure", "请选择住房性质。"))
        landlord_phone = ""
        try:
            landlord_phone = normalise_phone(self.landlord_phone, "landlord_phone")
        except InputError as e:
            errors.append(e)
        if missing := rules.landlord_missing(self.tenure, clean_name(self.landlord_name)):
            errors.append(missing)
        if errors:
            raise InputErrors(errors)
        return {"compound_id": self.compound_id, "building": building, "unit": unit, "room": room or None,
                "address_text": address_text or None, "tenure": self.tenure,
                "landlord_name": clean_name(self.landlord_name) or None,
                "landlord_phone": landlord_phone or None, "note": clean(self.note) or None}


def validate_person(full_name, id_type, id_number, sex, birth_date, phone, residence_kind, hukou_address,
                    is_key_person, key_reason, work_place, note, today: date | None = None) -> dict:
    """``PersonForm.validate`` of these fields: a ledger import checks 100,000 rows through it
    without making a form for each (a frozen dataclass costs as much as half the checks)."""
    errors: list[InputError] = []
    out: dict = {}
    name = clean_name(full_name)
    if not name or says_nothing(name):
        # / or 无 typed as the name (a ledger's habit) is no name: the person would be called "/"
        errors.append(InputError("full_name", no_name(name)))
    elif len(name) > 40:
        errors.append(InputError("full_name", "姓名太长（最多40个字）。"))
    elif symbols := name_symbols(name):
        errors.append(InputError("full_name", f"姓名里的{'、'.join(f'“{ch}”' for ch in symbols[:5])}不是文字"
                                              "（如表情符号，打印出来是空白或方框），请删去。"))
    out["full_name"] = name
    if id_type not in vocab.ID_TYPE:
        errors.append(InputError("id_type", "请选择证件类型。"))
    out["id_type"] = id_type
    out["sex"] = sex if sex in vocab.SEX else None
    out["birth_date"] = clean(birth_date) or None
    number = clean(id_number)
    try:
        if number and id_type == "resident_id":
            parsed = parse_resident_id(number, today=today)
            out["id_number"] = parsed.number
            # Sex and birth date come from the number: one source of truth.
            out["sex"], out["birth_date"] = parsed.sex, parsed.birth_date.isoformat()
        else:
            out["id_number"] = normalise_document(id_type, number) or None
    except InputError as e:
        errors.append(e)
        out["id_number"] = number
    if out["birth_date"] and not out["id_number"]:
        try:
            born = typed_day(out["birth_date"])
        except DayError as e:
            errors.append(InputError("birth_date", f"出生日期：{e.message}", value=out["birth_date"]))
        else:
            out["birth_date"] = born.isoformat()
            if problem := birth_date_problem(born, today):
                errors.append(InputError("birth_date", f"{problem}，请核对。", value=born.isoformat()))
    try:
        out["phone"] = normalise_phone(phone) or None
    except InputError as e:
        errors.append(e)
    if residence_kind not in vocab.RESIDENCE:
        errors.append(InputError("residence_kind", "请选择居住类型。"))
    out["residence_kind"] = residence_kind
    out["hukou_address"] = clean(hukou_address) or None
    out["is_key_person"] = 1 if is_key_person else 0
    out["key_reason"] = clean(key_reason) or None
    if is_key_person and not out["key_reason"]:
        errors.append(InputError("key_reason", "重点人员请填写原因（例如：近14天从外地返回）。"))
    out["work_place"] = clean(work_place) or None
    out["note"] = clean(note) or None
    if errors:
        raise InputErrors(errors)
    out["name_initials"], out["name_pinyin"] = name_keys(name)
    return out
