"""Vehicle plates (车牌): '鄂A·12345', '鄂A12345' and '鄂a 12345' are one plate."""
import re

from desktop.errors import InputError
from desktop.textnorm import clean

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE = re.compile(rf"[{PROVINCES}][A-Z][A-Z0-9]{{4,5}}[A-Z0-9挂学警港澳领]?")


def normalise_plate(raw, field: str = "plate") -> str:
    """'鄂a · 12345' -> '鄂A12345'; '' when empty; InputError when it is not a plate."""
    text = clean(raw).upper()
    text = re.sub(r"[\s·•．.\-－_]", "", text)
    if not text:
        return ""
    if not _PLATE.fullmatch(text):
        raise InputError(field, f"车牌号不对：“{clean(raw)}”。请写成 鄂A12345 的样子（省简称+字母+5位）。",
                         value=clean(raw))
    return text


def looks_like_plate(raw) -> bool:
    try:
        return bool(normalise_plate(raw))
    except InputError:
        return False


def format_plate(plate: str) -> str:
    """'鄂A12345' -> '鄂A·12345', the way it is painted on the car."""
    return f"{plate[:2]}·{plate[2:]}" if len(plate) > 2 else plate
