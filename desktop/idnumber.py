"""The resident identity number (居民身份证号码, GB 11643-1999) and other documents.

Checked: 18 characters, 17 digits then a digit or X, the ISO 7064 MOD 11-2 check digit, a real
birth date not in the future nor before 1900. Not checked: the six-digit region code. Region
codes change over the years and every table of them is incomplete (python-stdnum 2.2 rejects
Wuhan's 420102 and Qingdao's 370212), so an unknown province only gives a warning.
"""
import re
from datetime import date
from typing import NamedTuple

from desktop.errors import InputError
from desktop.textnorm import clean

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# The first two digits: provinces as in GB/T 2260. Only used for a warning.
PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83", "91",
}

_SEPARATORS = re.compile(r"[\s\-－—_]")
_SCIENTIFIC = re.compile(r"\d+(\.\d+)?E\+\d+")
_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")     # ASCII digits: a regex \d also takes ٣ and ३

ID_TYPES = ("resident_id", "passport", "hk_macao", "taiwan", "foreign_permanent", "other")


EARLIEST_BIRTH = date(1900, 1, 1)


def birth_date_problem(born: date, today: date | None = None) -> str:
    """What is wrong with a birth date nobody in the register can have ("" when it is fine):
    after today, or before 1900. The one bound for a typed date and for an ID number's."""
    if born > (today or date.today()):
        return f"出生日期{born.isoformat()}在今天之后"
    if born < EARLIEST_BIRTH:
        return f"出生日期{born.isoformat()}早于{EARLIEST_BIRTH.year}年"
    return ""


def check_digit(first17: str) -> str:
    """The check character of 17 ASCII digits (every caller has matched [0-9]{17})."""
    # The weights are 2**(17-i) mod 11, and 13 = 2 (mod 11): the digits read as a base-13 number,
    # doubled, give the weighted sum mod 11, in one C call (a tenth of the time; once per row).
    return CHECK_CHARS[2 * int(first17, 13) % 11]


class ResidentId(NamedTuple):
    """A checked number and what it says (a tuple: a ledger import makes 100,000 of them)."""
    number: str
    birth_date: date
    sex: str                  # 'M' | 'F' (the 17th digit: odd is male)
    region: str
    warning: str = ""


def normalise(raw) -> str:
    """Full-width digits, spaces, dashes and a lower-case x folded away."""
    if raw.__class__ is str and raw.isascii() and raw.isalnum():
        return raw.upper()          # most: nothing to clean (an import normalises each number twice)
    text = clean(raw).upper()
    return text if text.isalnum() else _SEPARATORS.sub("", text)     # a separator is never alphanumeric


def parse_resident_id(raw, field: str = "id_number", today: date | None = None) -> ResidentId:
    """Validate an 18-digit resident ID; raises InputError with a message that says what is wrong."""
    number = normalise(raw)
    if not number:
        raise InputError(field, "请填写身份证号码。")
    if "E" in number and _SCIENTIFIC.fullmatch(number):
        raise InputError(field, f"身份证号码“{number}”已被Excel变成科学计数法，后几位已经丢失，无法恢复。"
                         "请在Excel中把该列设为“文本”格式后重新输入。", value=number)
    if len(number) == 15 and number.isdigit():
        raise InputError(field, _fifteen_digit_message(number, today), value=number)
    if len(number) != 18:
        raise InputError(field, f"身份证号码应为18位，现在是{len(number)}位：{number}", value=number)
    if not _RESIDENT_ID.fullmatch(number):
        raise InputError(field, f"身份证号码只能是数字，最后一位可以是X：{number}", value=number)
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InputError(field, f"身份证号码中的出生日期{number[6:10]}年{number[10:12]}月{number[12:14]}日不存在：{number}",
                         value=number) from None
    if birth_date_problem(born, today):
        when = "在未来" if born > (today or date.today()) else f"早于{EARLIEST_BIRTH.year}年"
        raise InputError(field, f"身份证号码中的出生日期{born:%Y年%m月%d日}{when}：{number}", value=number)
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise InputError(field, f"身份证号码校验位不对（最后一位应为{expected}，不是{number[17]}），"
                         f"请核对是否输错了某一位：{number}", value=number)
    warning = "" if number[:2] in PROVINCES else f"身份证号码的前两位{number[:2]}不是已知的省份代码，请核对。"
    return ResidentId(number, born, "M" if int(number[16]) % 2 else "F", number[:6], warning)


def _fifteen_digit_message(number: str, today: date | None) -> str:
    """A 15-digit first-generation number is refused (the register keeps 18), and the clerk is
    told the 18-digit number it became: an elderly resident's old card or hukou book may show
    only the 15 digits, and the upgrade is fixed by GB 11643-1999, not a guess."""
    try:
        born = date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        born = None
    if born is None or birth_date_problem(born, today):
        return (f"这是15位的旧身份证号码，其中的出生日期19{number[6:8]}年{number[8:10]}月{number[10:12]}日不存在，"
                f"请核对后填写18位的新号码：{number}")
    return (f"这是15位的旧身份证号码，请填写18位的新号码。按国家标准，它对应的18位号码是 {upgrade_15(number)}"
            "（出生年份前加“19”，末尾加一位校验码），请对照户口簿或新身份证核对后填写。")


def normalise_document(id_type: str, raw, field: str = "id_number") -> str:
    """Any document type: resident IDs are fully checked; others are cleaned and length-checked.
    An empty number is allowed (a newborn, a number nobody has to hand yet)."""
    if not clean(raw):
        return ""
    if id_type == "resident_id":
        return parse_resident_id(raw, field).number
    number = normalise(raw)
    if number and not re.fullmatch(r"[A-Z0-9]{5,20}", number):
        raise InputError(field, f"证件号码只能包含字母和数字（5到20位）：{number}", value=number)
    return number


def upgrade_15(number: str) -> str:
    """A 15-digit first-generation number as the 18-digit one it became (GB 11643-1999): the
    year gains its '19' and a check digit is added. Deterministic, so not a guess."""
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17)


def make_resident_id(region: str, born: date, sequence: int, male: bool) -> str:
    """Build a valid number (for the demo community and tests): sequence 0..499."""
    order = sequence * 2 + (1 if male else 0)
    first17 = f"{region}{born:%Y%m%d}{order % 1000:03d}"
    return first17 + check_digit(first17)
