"""Phone numbers: mobiles (11 digits from 1) and landlines with area code; typed any way."""
import re

from desktop.errors import InputError
from desktop.textnorm import clean

_EXCEL_FLOAT_TAIL = re.compile(r"\.0+$")
_SEPARATORS = re.compile(r"[\s\-－—()（）]")
# China's code: +86, 0086, or a bare 86 before a whole mobile number ('(86)138…', '86-138…') or
# a whole landline whose area code lost its 0 ('86-27-88888888', '86 755 1234 5678'); not before
# a local number that merely starts with 86 ('8612 3456').
_COUNTRY = re.compile(r"^(?:\+86|＋86|0086|86(?=1[3-9]\d{9}$|(?:10|2\d)\d{7,8}$|[3-9]\d{9,10}$))")


def normalise_phone(raw, field: str = "phone") -> str:
    """Return the number in a canonical form, or raise InputError saying what is wrong.

    Accepts full-width digits, spaces, dashes, +86/0086/a bare 86 (a landline written the
    international way, '+86 27 8888 8888', '86-27-88888888', gets its area code's 0 back) and numbers
    that Excel stored as floats (13800138000.0). An empty value is allowed (returns '').
    """
    # Digits only: nothing to clean (an import normalises each phone twice, cell and form)
    text = raw if raw.__class__ is str and raw.isdigit() and raw.isascii() else clean(raw)
    if not text:
        return ""
    if text.isdigit() and text.isascii() and not text.startswith(("0086", "86")):
        compact = text                          # most cells: nothing to take off (an import reads 100,000)
    else:
        text = _EXCEL_FLOAT_TAIL.sub("", text)     # 13800138000.0 from a numeric Excel cell
        compact = _SEPARATORS.sub("", text)
        if country := _COUNTRY.match(compact):
            compact = compact[country.end():]
            if compact[:1] not in ("0", "1") or compact.startswith("10") and len(compact) == 10:
                compact = "0" + compact         # '+86 27 8888 8888', '+86 10 …': the area code without its 0
    if not compact.isdigit():
        raise InputError(field, f"电话号码只能包含数字：{text}", value=text)
    if compact.startswith("1"):
        if len(compact) != 11:
            raise InputError(field, f"手机号码应为11位，现在是{len(compact)}位：{text}", value=text)
        if compact[1] not in "3456789":
            raise InputError(field, f"手机号码第二位不对：{text}", value=text)
        return compact
    if compact.startswith("0") and 10 <= len(compact) <= 12:
        # landline with area code: 027-8888 8888 -> 027-88888888
        area = 3 if compact[1] in "12" else 4
        return compact[:area] + "-" + compact[area:]
    if 7 <= len(compact) <= 8 and not compact.startswith("0"):
        return compact                          # local landline without area code
    raise InputError(field, f"电话号码位数不对（手机11位，座机请带区号）：{text}", value=text)



def reachable_person(full_name, phone, *, name_missing: str, phone_missing: str) -> tuple[str, str, list]:
    """(name, phone, errors) of someone who must be reachable (a care helper, a person on duty):
    a name and a phone are both required; the messages say why for the form at hand."""
    from desktop.textnorm import clean_name
    errors, name = [], clean_name(full_name)
    if not name:
        errors.append(InputError("full_name", name_missing))
    number = ""
    try:
        number = normalise_phone(phone)
    except InputError as e:
        errors.append(e)
    if not number and not errors:
        errors.append(InputError("phone", phone_missing))
    return name, number, errors
