"""Body temperature as typed at the gate: '36.5' or, quicker with gloves on, '365'.

The three-digit shorthand is for the normal readings typed all day (350 … 372). A fever
(37.3 °C and above) must be typed with its point ('37.8'): it sends someone back or to the
clinic, so it must never come from a slip such as '373' for '363'.
"""
import re

from desktop.errors import InputError
from desktop.textnorm import clean

FEVER = 37.3
LOWEST, HIGHEST = 34.0, 42.5


def parse_temperature(raw, field: str = "temperature") -> float | None:
    """36.5 from '36.5', '365', '36.5℃' or '３６．５'; None when nothing was typed."""
    text = clean(raw).replace("．", ".").replace("。", ".")
    text = re.sub(r"\s*(℃|°C|°c|度)$", "", text)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        raise InputError(field, f"体温要填数字，例如 36.5 或 365（不能写“{text}”）。", value=text)
    if "." not in text and len(text) == 3:
        value = int(text) / 10
        if value >= FEVER and value <= HIGHEST:
            raise InputError(field, f"体温“{text}”：37.3°C及以上（发热）请带小数点输入，例如 {value:.1f}，"
                                    "以免按错一个键就记成发热。", value=text)
    else:
        value = float(text)
    if not LOWEST <= value <= HIGHEST:
        raise InputError(field, f"体温 {text} 不可能，请重新测量，按 36.5 或 365 的格式输入。", value=text)
    return round(value, 1)


def is_fever(value: float | None) -> bool:
    return value is not None and value >= FEVER
