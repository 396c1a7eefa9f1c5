"""One ledger cell to one clean value, or an InputError that says what is wrong with it.

Cells come typed (float, date, time) from Excel and as text from CSV; both are handled alike.
Nothing is repaired by guessing: an ID number that Excel turned into a float has lost its last
digits, and a temperature of 365 may be 36.5 or a typing slip, so both are refused with advice.
"""
import re
from datetime import date, datetime, time, timedelta

from db.search_tokens import number_value
from desktop import vocab
from desktop.address import address_in_figures
from desktop.days import COMPACT, YMD, DayError, full_year, typed_day
from desktop.errors import InputError
from desktop.idnumber import normalise as normalise_id
from desktop.phone import normalise_phone
from desktop.temperature import parse_temperature
from desktop.textnorm import NOTHING_SAID, clean, clean_name, list_words, no_name, says_nothing  # noqa: F401 (the words for nothing: shared with the person form)

EXCEL_EPOCH = date(1899, 12, 30)
FEVER = 37.3

FLOAT_ID_MESSAGE = (
    "身份证号码在Excel里被存成了数字（显示成{shown}这样），Excel只保留15位有效数字，"
    "后几位已经丢失，无法恢复，也不能猜。请找到原始号码重新录入。以后避免：先把这一列设置为"
    "“文本”格式（选中整列→右键→设置单元格格式→文本），再输入或粘贴号码；"
    "或在号码前先输入一个英文单引号'。")


# Said on each row when many rows have it: the long explanation is then the file's one notice
# (importer._lost_digits), naming the column.
FLOAT_ID_SHORT = "身份证号码在Excel里被存成了数字（{shown}），后几位已丢失：请把这一列设成“文本”后重新录入原始号码。"


class LostDigits(InputError):
    """An ID number Excel kept as a number (4.20106E+17): its last digits are gone."""

    def __init__(self, field: str, shown: str):
        super().__init__(field, FLOAT_ID_MESSAGE.format(shown=shown), value=shown)


def is_empty(cell) -> bool:
    return cell is None or cell == "" or (isinstance(cell, str) and not cell.strip())


def text(cell) -> str:
    """Any cell as the text a person sees: 4.0 -> '4', a date -> '2020-02-10'."""
    if type(cell) is str:                    # most cells
        return clean(cell)
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, (date, time)):
        return cell.isoformat()
    return clean(cell)


# How offices keep a long number as text, and remarks written after it.
_TEXT_KEEPING = re.compile(r'^=?"(.*)"$|^[\'‘’`](.*)$')
_REMARK = re.compile(r"\s*[（(][^）)]*[）)]\s*$")
# A number copied from another form with its label: '身份证：420106…', '证件号码: …'.
_ID_LABEL = re.compile(r"^\s*(?:公民)?(?:身份证件?|证件)?(?:号码|号)?\s*[:：]\s*(?=\S)")
_AROUND_ID = "“”\"《》「」，。；;,. "
_FLOAT_SHOWN = re.compile(r"\d(\.\d+)?E\+?\d+")          # 4.20106E+17: a number Excel shortened


def id_number(cell, field: str = "id_number") -> str:
    """The cell as an ID-number text; a number cell is refused with the Excel explanation.
    ="420106…" (a CSV kept as text), a leading apostrophe and a remark after the number
    ('…（本人）') are taken off."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 1e14 <= cell < 1e15 and float(cell).is_integer():
            # An old 15-digit number stored as a number keeps every digit (Excel holds 15
            # significant digits; it only shows 4.20106E+14): read whole, not refused as lost.
            return str(int(cell))
        shown = f"{cell:.5E}".replace("E+", "E+") if cell >= 1e11 else text(cell)
        if cell >= 1e11:
            raise LostDigits(field, shown)
        return text(cell)
    if isinstance(cell, str) and (kept := _TEXT_KEEPING.match(cell.strip())):
        cell = kept.group(1) if kept.group(1) is not None else kept.group(2)
    if isinstance(cell, str) and ("（" in cell or "(" in cell):
        cell = _REMARK.sub("", cell)
    if isinstance(cell, str) and ("：" in cell or ":" in cell):
        cell = _ID_LABEL.sub("", cell)
    if isinstance(cell, str) and cell and (cell[-1] in _AROUND_ID or cell[0] in _AROUND_ID):
        cell = cell.strip(_AROUND_ID)     # “420106…”, 420106…； copied out of a document
    raw = normalise_id(cell)
    if "E" in raw and _FLOAT_SHOWN.fullmatch(raw):
        raise LostDigits(field, raw)
    return raw


def id_words(cell) -> str | None:
    """What an ID-number cell says when it holds no number at all: the clerk's words that the
    number is not there ('外出', '无', '不详'), kept for the note; '' for a dash or a slash (no
    number, nothing to keep); None for an empty cell or one with any digit (a number, however
    mistyped, is checked as a number)."""
    if cell.__class__ is not str or not cell or cell[0].isdigit():     # most cells: a number
        return None
    t = clean(cell)
    if not t or any(ch.isdigit() for ch in t):
        return None
    return t if any(ch.isalpha() for ch in t) else ""


def name_and_remark(cell) -> tuple[str, str]:
    """(the name, what a bracket after it says) of a name cell: '张三（已故）' -> ('张三', '已故'),
    '李四(已迁出)' -> ('李四', '已迁出'). A name never holds brackets; the remark is no part of it."""
    t = text(cell)
    if "（" in t or "(" in t:
        m = _REMARK.search(t)
        remark = m.group(0).strip().lstrip("（(").rstrip("）)").strip() if m else ""
        # Words only ('已故', '户主之母'): a bracket of quotes and commas is no remark but text to
        # keep as typed (=HYPERLINK("…","…") typed as a name comes back as typed).
        if m and m.start() > 0 and _REMARK_WORDS.fullmatch(remark):
            return t[:m.start()].strip(), remark
    return t, ""


_REMARK_WORDS = re.compile(r"[\u3400-\u9fff0-9、，, ]{1,20}")
# Between two people typed into one name cell: a line break (Alt+Enter) or a list separator.
_NAME_SEPARATOR = re.compile(r"\s*(?:\n|[、，,/;；])\s*")
_CHINESE_NAME = re.compile(r"[\u3400-\u9fff·]{2,6}")


# Surnames of two characters (复姓): a surname column holds one character or one of these.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 司空 夏侯 轩辕 端木 南宫 独孤 西门 "
    "呼延 百里 东郭 闻人 澹台 公羊 赫连 申屠 钟离 太史 万俟 鲜于 闾丘 拓跋 第五 左丘 梁丘 乐正 漆雕 "
    "公冶 宗政 濮阳 单于 仲孙 太叔 巫马 亓官 司寇 谷梁 段干".split())
_HAN = re.compile(r"[\u3400-\u9fff]{1,2}")


def is_surname(cell) -> bool:
    """'张', '欧阳': what a surname column (姓) holds; '张三' is a whole name."""
    t = text(cell)
    return len(t) == 1 and bool(_HAN.fullmatch(t)) or t in COMPOUND_SURNAMES


def is_given_name(cell) -> bool:
    """'三', '小明': what a given-name column (名) holds; not a sex (男, 女) or a whole name."""
    t = text(cell)
    return bool(_HAN.fullmatch(t)) and t not in ("男", "女")


def joined_name(surname, given) -> tuple[str, str]:
    """A name kept in two cells (姓 | 名) as the one name: surname then given name, no space
    between (a Chinese name), and the part that is missing: '姓', '名' or ''."""
    s, g = text(surname), text(given)
    return s + g, ("名" if s and not g else "姓" if g and not s else "")


# A Chinese name, each character Han (the rarer ones of names too: 𠮷, beyond \u9fff).
_HAN_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]{2,}")


def split_name(name) -> tuple[str, str]:
    """The one name as a form's 姓 | 名 want it (joined_name's inverse): the surname is a compound
    one (欧阳) when the name starts with one, else its first character; the given name the rest.
    A name that cannot be split honestly is ('the whole name', ''): one character or a compound
    surname alone (a surname imported from a row without its 名: 欧阳 is no 欧 named 阳), or not
    a Chinese name (阿依古丽·买买提, John Smith). 姓 then holds the name as it is: nothing guessed,
    nothing lost. A space typed between 姓 and 名 ('张 三', '张　三') is read as the register
    reads a name (clean_name: 张三), so it splits as 张 | 三."""
    t = clean_name(text(name))
    if not _HAN_NAME.fullmatch(t) or t in COMPOUND_SURNAMES:
        return t, ""
    surname = t[:2] if t[:2] in COMPOUND_SURNAMES else t[0]
    return surname, t[len(surname):]


def several_names(cell) -> list[str]:
    """The names of two or more people typed into one name cell ('李四、王五', '李四' Alt+Enter
    '王五'), else []. Read as one, they would become one person called 李四王五."""
    raw = cell if isinstance(cell, str) else ""
    if not raw or not _NAME_SEPARATOR.search(raw.strip()):
        return []
    parts = [p for p in _NAME_SEPARATOR.split(raw.strip()) if p]
    # Each may say who it is: 李梅（妻）、张小明（子）.
    return parts if len(parts) > 1 and all(_CHINESE_NAME.fullmatch(name_and_remark(p)[0]) for p in parts) else []


def phone(cell, field: str = "phone") -> str:
    return normalise_phone(text(cell), field)


# A person's phones beyond the one the register keeps (a second phone column, more numbers in the
# phone cell): kept in the person's note after this label, the numbers separated by spaces, each
# with its remark as typed ('其他电话：13987654321（女儿） 027-88886666').
OTHER_PHONES = "其他电话："


def with_other_phones(note: str, numbers: str) -> str:
    """``note`` with ``numbers`` (space-separated) kept after it as the person's other phones."""
    return f"{note} {OTHER_PHONES}{numbers}".strip()


def other_phones(note) -> list[str]:
    """The other phones ``with_other_phones`` kept in a note, in order: each number after the
    label up to the next labelled part of the note (电话备注：…) or a word with no digit in it
    (what a clerk typed after). Another person's (房东其他电话：…) are not the person's."""
    found, taking = [], False
    for word in text(note).split(" "):
        if word.startswith(OTHER_PHONES):
            taking, word = True, word[len(OTHER_PHONES):]
        elif "：" in word or not any(c.isdigit() for c in word):
            taking = False
        if taking and word:
            found.append(word)
    return found


# Where one number of a cell ends: a separator, a wide space, a space before a mobile, or the
# bracket of a remark with the next number right after it ('13812345678（儿子）13987654321').
_PHONE_SPLIT = re.compile(r"\s*[/、,，;；]\s*|\s{2,}|\s+(?=1\d{10})|(?<=[）)])\s*(?=[0-9+])")
# A remark written before the number instead of after it: '女儿13987654321', '女儿：139…'.
_REMARK_BEFORE = re.compile(r"([\u4e00-\u9fff]{1,6})\s*[:：]?\s*(?=[0-9+])")


def phones(cell, field: str = "phone") -> tuple[str, str, str]:
    """(the first number, the other numbers, the remark after the first) for
    '13812345678/13987654321' or '13812345678（儿子）': the rest goes to the note, not lost. A
    bracket after a number (or a word before it: '女儿13987654321') is a remark (儿子, 微信同号,
    空号), never another phone; one that only says the number is the person's own
    ('18615988940（本人）') says nothing to keep. The other numbers keep their remarks as typed."""
    t = text(cell)
    if not t:
        return "", "", ""
    if t.isdigit() and t.isascii():              # one number, nothing else: most cells
        return normalise_phone(t, field), "", ""
    parts = [p for p in _PHONE_SPLIT.split(t) if p]
    if not parts or says_nothing(t):             # '/', '无', '、': no number, as an empty cell
        return "", "", ""
    first, others, remarks = parts[0], parts[1:], []
    if m := _REMARK_BEFORE.match(first):
        remarks.append(m.group(1))
        first = first[m.end():]
    if m := _REMARK.search(first):
        remarks.append(m.group(0).strip().strip("（）() "))
        first = first[:m.start()]
    remark = " ".join(r for r in remarks if r not in ("本人", "自己", "手机", "电话"))
    number = normalise_phone(first, field)
    rest = []
    for other in others:
        try:
            rest.append(normalise_phone(other, field))
        except InputError:
            rest.append(other)
    return number, " ".join(rest), remark


DAY_ONLY = re.compile(r"^(\d{1,2})\s*[日号]$")
_YM = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$")
_SHORT_YM = re.compile(r"^(\d{2})\s*年\s*(\d{1,2})\s*月$")          # 58年3月: a village ledger's way


def month_value(cell) -> tuple[int, int] | None:
    """(year, month) of a date written to the month only: 1980.04, 196606, 2014年6月, 1980-4,
    58年3月 (a two-digit year: ``full_year``). 1958.1 is January, typed as text or as a number
    (``month_lost_zero`` says when it may be October)."""
    t = text(cell)
    if m := _SHORT_YM.match(t):
        return (full_year(int(m.group(1))), int(m.group(2))) if 1 <= int(m.group(2)) <= 12 else None
    m = _YM.match(t)
    if not m:
        return None
    month = int(m.group(2) or m.group(3))
    return (int(m.group(1)), month) if 1 <= month <= 12 else None


def month_lost_zero(cell) -> bool:
    """Whether a month written as a number may have lost its 0: 1958.10 typed into a number cell
    is kept by Excel as 1958.1, read as January (what 1958.1 far more often means). A text cell
    keeps what was typed: 1958.1 there is January, nothing lost."""
    return isinstance(cell, float) and text(cell).endswith(".1") and month_value(cell) is not None


_YEAR_ONLY = re.compile(r"^((?:19|20)\d{2})年?$")


def year_value(cell) -> int | None:
    """The year of a date written to the year only (出生年份 1956, '1956年'), or None."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    m = _YEAR_ONLY.match(text(cell))
    return int(m.group(1)) if m and 1900 <= int(m.group(1)) <= date.today().year else None


_SERIAL_TEXT = re.compile(r"^\d{5}(?:\.0+)?$")


def date_value(cell, field: str = "date", year: int | None = None) -> date | None:
    """Excel dates, serial numbers, '2020/2/3', '2020.02.03', '20200203', '2020年2月3日', and
    '2月3日' (the year from the rest of the file); empty -> None."""
    if is_empty(cell):
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str) and _SERIAL_TEXT.match(cell.strip()):
        cell = float(cell.strip())            # a CSV saved from Excel writes the serial number as text
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 20000 <= cell <= 80000:            # an Excel serial day number (1954 .. 2118)
            return EXCEL_EPOCH + timedelta(days=int(cell))
        if float(cell).is_integer() and COMPACT.match(str(int(cell))):
            cell = str(int(cell))
    t = clean(cell)
    try:
        return typed_day(t, year)
    except DayError as e:
        raise InputError(field, e.message, value=t) from None


def year_of(cell) -> int | None:
    """The year a cell names, if it names one (to date '2月10日' rows of the same file)."""
    if isinstance(cell, (date, datetime)):
        return cell.year
    if isinstance(cell, str) and (m := YMD.match(clean(cell)) or COMPACT.match(clean(cell))):
        return int(m.group(1))
    return None


_TIME = re.compile(r"^(\d{1,2})\s*[:：点时.]\s*(\d{1,2}|半)?\s*(?:[:：分]\s*(\d{1,2})?\s*秒?)?$")
_TIME_RANGE = re.compile(r"\s*(?:-|~|～|—|至|到)\s*\d.*$")
# 下午3点 is 15:00; 中午12点 stays 12:00, 中午1点 is 13:00.
_AFTERNOON = ("下午", "晚上", "傍晚", "夜里", "夜间", "晚")
_MORNING = ("上午", "早上", "早晨", "清晨", "凌晨", "早", "中午")


def time_value(cell, field: str = "time") -> time | None:
    """08:30, 8:30:00, 8点半, 上午8点, 下午3点 (15:00), 9.30, 0830, 830 (a number cell), an
    Excel time; a range '12:00-12:30' is its start."""
    if is_empty(cell):
        return None
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, time):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if 0 <= cell < 1:
            seconds = round(cell * 86400)
            return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
        if float(cell).is_integer() and 1 <= cell <= 23:
            # 8 is 8点 to a guard who writes hours, 00:08 to one who types 0008 as 830 for 8:30
            raise InputError(field, f"时间只写了“{int(cell)}”，看不出是{int(cell)}点整还是0点{int(cell):02d}分。"
                                    f"请写成 {int(cell):02d}:00 或 00:{int(cell):02d}。", value=str(int(cell)))
        if float(cell).is_integer() and 0 <= cell <= 2359 and cell % 100 < 60:
            return time(int(cell) // 100, int(cell) % 100)        # 830 typed into a number cell
        if 1 <= cell < 24 and round(cell % 1 * 100) < 60:
            return time(int(cell), round(cell % 1 * 100))         # 9.30 typed, kept as the number 9.3
    t = clean(cell)
    body = _TIME_RANGE.sub("", t)
    later = body.startswith(_AFTERNOON) or (body.startswith("中午") and not body[2:].startswith(("12", "十二")))
    for word in _AFTERNOON + _MORNING:
        if body.startswith(word):
            body = body[len(word):].strip()
            break
    m = _TIME.match(body) or re.match(r"^(\d{1,2})(\d{2})$", body)
    if m:
        groups = list(m.groups()) + [None, None]
        hour = int(groups[0])
        minute = 30 if groups[1] == "半" else int(groups[1] or 0)
        if later and hour < 12:
            hour += 12
        try:
            return time(hour, minute, int(groups[2] or 0))
        except ValueError:
            pass
    raise InputError(field, f"时间看不懂：“{t}”。请写成 08:30。", value=t)


def datetime_value(cell) -> datetime | None:
    """A date and a time in one cell ('2020/2/10 8:30', an Excel date-time); None otherwise."""
    if isinstance(cell, datetime):
        return cell if cell.time() != time(0) else None
    if not isinstance(cell, str):
        return None
    parts = re.split(r"\s+|(?<=\d)T(?=\d)", clean(cell), maxsplit=1)
    if len(parts) != 2:
        return None
    try:
        day = date_value(parts[0])
        at = time_value(parts[1])
    except InputError:
        return None
    return datetime.combine(day, at) if day and at else None


_DAY_IN_TEXT = re.compile(r"(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*[日号]?")


def day_in_text(text_: str, year: int | None, today: date | None = None) -> date | None:
    """The day a sheet name or a title names ('2月13日', '2020年2月13日出入登记', '2.13'). With
    ``today``, a day that names no year (nor does the file) is a past one: ``latest_past``."""
    m = _DAY_IN_TEXT.search(text_ or "")
    if not m:
        return None
    try:
        day = date(int(m.group(1) or year or (today or date.today()).year), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return latest_past(day, today) if today and not (m.group(1) or year) else day


def latest_past(day: date, today: date) -> date:
    """A day of a log written without its year is the last such day up to ``today``: a ledger
    of 12月28日 imported on 3 January is last December's, not a day still to come."""
    if day <= today:
        return day
    try:
        return day.replace(year=day.year - 1)
    except ValueError:                  # 2月29日
        return day


def nearest_year(day: date, near: date) -> date:
    """A day of a log written without its year, on a log of the day ``near`` (the clerk's, the
    sheet's): the year that puts it closest, so 1月1日 on a log of 2020-12-31 is 2021's."""
    days = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            days.append(day.replace(year=year))
        except ValueError:              # 2月29日
            pass
    return min(days, key=lambda d: abs(d - near), default=day)


def temperature(cell, field: str = "temperature") -> float | None:
    """36.5, '36.5℃', '36.5度', '36.5°C', '36度5', '36,5', '３６．５', '36。5'; 3.65, 365 and '正常'
    are refused, never moved (a cell of ``no_reading`` is told apart by the caller). The one
    temperature rule (desktop/temperature.py) decides, as at the gate and in a follow-up."""
    if is_empty(cell):
        return None
    if isinstance(cell, bool):
        raise InputError(field, f"体温要填数字，例如 36.5（不能写“{text(cell)}”）。", value=text(cell))
    return parse_temperature(text(cell) if isinstance(cell, (int, float)) else cell, field)


# A temperature cell that says no reading was taken: the passage is kept without one. Any word
# for an empty cell (NOTHING_SAID: 暂无, --, /) says so too, and the words a gate uses for it.
NOT_A_READING = NOTHING_SAID | {"正常", "未测", "未测量", "不测", "没测", "免测"}


def no_reading(cell) -> bool:
    """Whether a temperature cell says no reading was taken (``NOT_A_READING``)."""
    return text(cell).lower() in NOT_A_READING
_IN = {"进", "入", "进村", "入村", "进入", "进小区", "入小区", "进门", "回", "返回", "来", "in", "回来", "来访",
       "返", "到达", "入内"}
_OUT = {"出", "出村", "出去", "外出", "离开", "出小区", "出门", "去", "out", "离", "出行", "离村"}
_PLACE_WORD = re.compile(r"(村|小区|社区|门|院|城)$")


# Words by which a gate ledger says a row is a visitor's (a 进/出 cell, a sheet's name or title,
# its name column's heading): such a row is never looked up in the register as a resident.
_VISITOR = re.compile(r"访客|来访|外来")


def says_visitor(text_: str) -> bool:
    return bool(_VISITOR.search(text_ or ""))


def visitor_direction(cell, field: str = "direction") -> tuple[str, bool]:
    """(in | out, whether the cell says a visitor): 访客 and 来访 are a visitor coming in,
    访客出 one leaving; otherwise ``direction``."""
    t = clean(cell)
    if not says_visitor(t):
        return direction(cell, field), False
    rest = _VISITOR.sub("", t)
    return (direction(rest, field) if rest else "in"), True


def direction(cell, field: str = "direction") -> str:
    """进/入/进村/回村/外出返回/来访/→进 -> 'in', 出/出村/外出/离开 -> 'out'."""
    t = clean(cell).lower()
    if t in _IN:
        return "in"
    if t in _OUT:
        return "out"
    core = _PLACE_WORD.sub("", re.sub(r"[→←↑↓>＞<＜\-—\s]", "", t))
    if core in _IN or core.endswith(("返回", "回来", "归来")):
        return "in"                                  # 外出返回: back from going out
    if core in _OUT:
        return "out"
    raise InputError(field, f"进出方向请填“进”或“出”，“{t}”看不懂。" if t else "请填写进出方向（进/出）。",
                     value=t)


_YES = {"是", "y", "yes", "√", "✓", "1", "true", "重点", "有"}
_NO = {"", "否", "n", "no", "×", "0", "false", "无", "不是"}


def yes_no(cell, field: str) -> bool:
    t = text(cell).lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    raise InputError(field, f"请填“是”或“否”，“{t}”看不懂。", value=t)


# How a household holds its flat, in the words of a 住房性质 cell; the same word in the column of
# how a person lives here (人员类别: 租户, 业主) says it too (kinds._residence_word).
TENURE_WORDS = {"租户": "rented", "租客": "rented", "房客": "rented", "租房户": "rented", "承租人": "rented",
                "承租户": "rented", "租住户": "rented", "租房": "rented", "租住": "rented", "出租户": "rented",
                "租赁": "rented", "出租": "rented", "租": "rented",
                "业主": "owned", "房主": "owned", "产权人": "owned", "自有住房": "owned", "自住": "owned",
                "自有": "owned", "自购": "owned", "产权房": "owned"}
# Words offices use for a coded value, beyond the vocabulary's own Chinese label.
CODE_WORDS = {
    # 1 and 2 are the national sex codes (GB/T 2261.1) many systems export.
    "sex": {"男性": "M", "女性": "F", "m": "M", "f": "F", "1": "M", "2": "F", "男士": "M", "女士": "F"},
    "relation": {"本人": "head", "户主本人": "head", "妻": "spouse", "夫": "spouse", "妻子": "spouse",
                 "丈夫": "spouse", "子": "child", "女": "child", "儿子": "child", "女儿": "child",
                 "长子": "child", "长女": "child", "次子": "child", "次女": "child", "儿媳": "child_in_law",
                 "女婿": "child_in_law", "孙子": "grandchild", "孙女": "grandchild", "外孙": "grandchild",
                 "外孙女": "grandchild", "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent",
                 "兄弟": "sibling", "姐妹": "sibling", "哥哥": "sibling", "弟弟": "sibling", "姐姐": "sibling",
                 "妹妹": "sibling", "租户": "tenant", "租房": "tenant", "房客": "tenant", "老伴": "spouse",
                 "爱人": "spouse", "孙": "grandchild", "外孙子": "grandchild", "儿媳妇": "child_in_law",
                 "媳": "child_in_law", "婿": "child_in_law", "兄": "sibling", "弟": "sibling", "姐": "sibling",
                 "妹": "sibling", "祖父": "grandparent", "祖母": "grandparent", "外祖父": "grandparent",
                 "外祖母": "grandparent", "爷爷": "grandparent", "奶奶": "grandparent", "外公": "grandparent",
                 "外婆": "grandparent", "户主之子": "child", "户主之女": "child",
                 # A 是否户主 column: 是 is the head (否 says only that the person is not: ``code``).
                 "是": "head", "√": "head", "✓": "head"},
    "tenure": TENURE_WORDS,
    # 常住 / 常住人口 say only "lives here" (desktop.register.residence): not words of this list.
    "residence": {"户籍": "registered", "本地户籍": "registered", "非户籍常住": "resident",
                  "非户籍常住人口": "resident", "非户籍人口": "resident", "非户籍": "resident", "外来人口": "floating", "暂住人口": "floating",
                  "本地": "registered", "本地人口": "registered",
                  "流动": "floating", "外来": "floating", "暂住": "floating", "人户分离": "registered_away",
                  "户在人不在": "registered_away", "人在户不在": "resident"},
    "status": {"正常": "healthy", "隔离": "home_isolation", "居家观察": "home_isolation",
               "集中隔离": "observation", "观察": "observation", "离开": "away", "外地": "away"},
    "id_type": {"身份证": "resident_id", "二代身份证": "resident_id", "居民身份证号码": "resident_id",
                "港澳通行证": "hk_macao", "港澳居民通行证": "hk_macao", "回乡证": "hk_macao",
                "港澳居民来往内地通行证": "hk_macao", "台胞证": "taiwan", "台湾通行证": "taiwan",
                "台湾居民通行证": "taiwan", "外国护照": "passport", "中国护照": "passport",
                "永居证": "foreign_permanent", "外国人永久居留证": "foreign_permanent"},
}
VOCABULARY = {"sex": vocab.SEX, "relation": vocab.RELATION, "tenure": vocab.TENURE,
              "residence": vocab.RESIDENCE, "status": vocab.STATUS, "id_type": vocab.ID_TYPE}


def _code_lookup(which: str) -> tuple[dict, dict]:
    """(exact word -> key, lower-case word -> key) for one vocabulary, built once: a ledger
    import looks up seven coded cells a row."""
    found = _CODE_LOOKUPS.get(which)
    if found is None:
        exact: dict[str, str] = {}
        for key, (en_label, zh_label) in VOCABULARY[which].items():
            for word in (key, zh_label, en_label):
                exact.setdefault(word, key)
        lower = {key.lower(): key for key in VOCABULARY[which]}
        for word, key in CODE_WORDS.get(which, {}).items():
            lower.setdefault(word.lower(), key)
        found = _CODE_LOOKUPS[which] = (exact, lower)
    return found


_CODE_LOOKUPS: dict[str, tuple[dict, dict]] = {}


def code(cell, which: str, field: str) -> str:
    """A coded value from its Chinese (or English) label or a common word; '' when empty or
    when it only says so (``says_nothing``)."""
    t = text(cell)
    if not t:
        return ""
    exact, lower = _code_lookup(which)
    found = exact.get(t) or lower.get(t.lower())
    if not found and which == "relation" and t.startswith("之"):
        found = exact.get(t[1:]) or lower.get(t[1:].lower())        # 之子, 之女, 之妻: "the head's …"
    if found:
        return found
    if says_nothing(t):                   # /, —, 暂无: as an empty cell (looked at after the words: rarer)
        return ""
    if which == "relation" and t.lower() in _NO:
        return ""                         # 是否户主: 否, not the head, whoever the person is to them
    choices = "、".join(zh for _, zh in VOCABULARY[which].values())
    raise InputError(field, f"“{t}”不是可选的值。可填：{choices}。", value=t)


def matches_code(cell, which: str) -> bool:
    try:
        return bool(code(cell, which, which))
    except InputError:
        return False


def split_words(cell) -> tuple[str, ...]:
    """'独居老人、低保户', '心理疏导，就医陪同', '送餐/代买药' -> each word once, in order."""
    return tuple(dict.fromkeys(list_words(text(cell))))


_CN_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# 每季度, 每半年, 每年: rarer than any rhythm the care list has, read all the same, so the
# import lists the person at the list's rarest and says so (care_vocab.frequency_of_interval).
_PERIOD_DAYS = {"天": 1, "日": 1, "周": 7, "星期": 7, "礼拜": 7, "月": 30, "半月": 15, "季度": 90, "季": 90,
                "半年": 180, "年": 365}
_UNIT = "|".join(sorted(_PERIOD_DAYS, key=len, reverse=True))     # 半月 before 月, 季度 before 季


def _number(word: str) -> int | None:
    # 十五, 二十 as the search index reads them (db.search_tokens): 每十五天 was 看不懂.
    return _CN_NUM.get(word) or number_value(word)


# A rhythm that is no interval: the care list's default applies (the preview warns).
NO_RHYTHM = {"不定期", "随时", "按需", "需要时", "有需要时", "电话随访", "电话联系", "视情况"}


def visit_interval(cell, field: str = "frequency") -> float | None:
    """Days between visits: 每天 1, 每周两次 3.5, 一周两次 3.5, 三天一次 3, 每10天 10, 每两天一次 2,
    半月(一次) 15, 每月一次 30, 隔天 2; as ledgers also write them: 2次/周, 每周1-2次 (the more
    often), 每周一、四 (two days a week), 每日电话, 每周上门一次, 周访; empty (or 不定期) None."""
    t = text(cell).replace("每日", "每天").replace("一天一次", "每天").replace("个月", "月").replace("个季度", "季度")
    if not t or t in NO_RHYTHM:
        return None
    for reading in (t, _plain_rhythm(t)):
        days = _interval_in_words(reading)
        if days is not None:
            return days
    raise InputError(field, f"走访频次看不懂：“{t}”。请写成“每天”“每周两次”“三天一次”这样。", value=t)


_NUM = "[一两二三四五六七八九十\\d]"
_WEEKDAYS = re.compile(r"^每?(?:周|星期|礼拜)([一二三四五六日天](?:[、，,和及]?(?:周|星期|礼拜)?[一二三四五六日天])*)$")


def _plain_rhythm(t: str) -> str:
    """The rhythm with the words around it taken off: 每日电话 -> 每天, 每周上门1次 -> 每周1次,
    2次/周 -> 每周2次, 每周1-2次 -> 每周2次 (the more often: nobody is visited too rarely),
    每周一、四 -> 每周2次, 周访 -> 每周."""
    t = re.sub(r"至少|不少于|最少|左右|大约|约", "", t)
    t = re.sub(r"上门|入户|走访|探访|探视|看望|随访|访视|巡访|电话|联系", "", t)
    t = re.sub(rf"^每?(天|日|周|月)访$", r"每\1", t)
    t = re.sub(rf"({_NUM})访$", r"\1次", t)
    t = re.sub(rf"{_NUM}+\s*[-~～到至]\s*({_NUM}+)次", r"\1次", t)
    if m := re.fullmatch(rf"({_NUM}+)次\s*[/每]\s*({_UNIT})", t):
        t = f"每{m.group(2)}{m.group(1)}次"
    if m := _WEEKDAYS.match(t):
        days = set(m.group(1).replace("天", "日")) & set("一二三四五六日")
        t = f"每周{len(days)}次"
    return t


def _interval_in_words(t: str) -> float | None:
    """The interval of a rhythm in the usual words, None when it is not one of them."""
    if m := re.fullmatch(r"(半月|半年)(?:一次|1次)?", t):
        return float(_PERIOD_DAYS[m.group(1)])
    if m := re.fullmatch(rf"(?:每|一)?({_UNIT})([一两二三四五六七八九十\d]+)次", t):
        times = _number(m.group(2))          # 一周两次, 每月2次
        if times:
            return round(_PERIOD_DAYS[m.group(1)] / times, 2)
    if m := re.fullmatch(rf"每([一两二三四五六七八九十\d]+)({_UNIT})(?:一次|1次)?", t):
        if _number(m.group(1)):              # 每10天, 每两天一次
            return float(_number(m.group(1)) * _PERIOD_DAYS[m.group(2)])
    if t in {"每天", "天天", "每天一次"}:
        return 1.0
    if t in {"隔天", "隔日", "隔天一次"}:
        return 2.0
    m = re.fullmatch(rf"每({_UNIT})(?:([一两二三四五六七八九十\d]+)次)?", t)
    if m:
        times = _number(m.group(2)) if m.group(2) else 1
        if times:
            return round(_PERIOD_DAYS[m.group(1)] / times, 2)
    m = re.fullmatch(rf"([一两二三四五六七八九十\d]+)({_UNIT})(?:一次|1次)", t)
    if m and _number(m.group(1)):
        return float(_number(m.group(1)) * _PERIOD_DAYS[m.group(2)])
    return None


_ADDRESS = re.compile(
    r"^(?P<prefix>.*?)\s*(?P<b>[东南西北中]?[0-9]+[A-Za-z]?)\s*(?P<bs>栋|幢|号楼|号|#|座|-)\s*"
    r"(?:(?P<u>[0-9]+)\s*(?:单元|-)\s*)?(?P<r>[0-9]+[A-Za-z]?)\s*(?:室|号|房)?$")
_STREET = re.compile(r"(路|街|道|巷|弄|大街|胡同)$")
_COMPOUND = re.compile(r"(小区|花园|家园|苑|院|里|村|公寓|大厦|新村|社区|组)$")


def address(cell) -> tuple[str, str, str, str, str]:
    """(compound, building, unit, room, address_text) from one address cell:
    '3栋2单元501', '东1栋2单元401', '3-2-501', '幸福里4号楼1单元302室',
    '新民主路3号2单元501室' (a street number is the building: '新民主路3号').
    Anything else ('王家湾12号', a village house) is kept whole as the address text."""
    t = text(cell).replace("－", "-").replace("—", "-").replace("–", "-")
    if not t:
        return "", "", "", "", ""
    m = _ADDRESS.match(address_in_figures(t))      # 三号楼二单元四零一 is 3-2-401; anything else kept as typed
    if m and (m.group("u") or m.group("bs") != "号"):
        prefix, building = m.group("prefix").strip(" -"), m.group("b").upper()
        compound = ""
        if prefix and _STREET.search(prefix) and m.group("bs") == "号":
            building = f"{prefix}{building}号"
        elif prefix and _COMPOUND.search(prefix):
            compound = prefix
        elif prefix:
            return "", "", "", "", t
        return compound, building, m.group("u") or "", m.group("r").upper(), ""
    return "", "", "", "", t
