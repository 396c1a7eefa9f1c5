"""Body temperature as typed at a door: '36.5', '３６．８', '36,8', with a clear word when wrong."""
import re

from desktop.errors import InputError
from desktop.textnorm import clean

FEVER_AT = 37.3                   # ≥ 37.3 °C is a fever (the national screening threshold)
LOWEST, HIGHEST = 34.0, 42.5


def is_fever(value: float | None) -> bool:
    return value is not None and value >= FEVER_AT


def parse_temperature(text, field: str = "temperature") -> float | None:
    """°C with one decimal, or None for an empty field. 3.7 or 373 are refused with a hint."""
    raw = clean(text).replace("，", ".").replace(",", ".").replace("。", ".").replace("．", ".")
    raw = re.sub(r"\s*(°C|℃|度|c|C)$", "", raw)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(field, f"体温请填数字，例如 36.5：“{clean(text)}”", value=clean(text)) from None
    if 340 <= value <= 425:
        raise InputError(field, f"体温{raw}不对，是不是少了小数点（{value / 10:.1f}）？", value=raw)
    if 3.4 <= value <= 4.25:
        raise InputError(field, f"体温{raw}不对，是不是小数点点错了位置（{value * 10:.1f}）？", value=raw)
    if not LOWEST <= value <= HIGHEST:
        raise InputError(field, f"体温{raw}℃不可能，请重新测量（应在{LOWEST}到{HIGHEST}之间）。", value=raw)
    return round(value, 1)
