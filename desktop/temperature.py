"""Body temperature as people type it: '36.5', '３６．５', '36,5', '36.5℃', '36.5度', and by
hand, quicker with gloves on or with a pile of paper sheets, '365'.

One parser for the gate, isolation follow-ups and imported ledgers, so that 37.3 means the
same fever everywhere and a mistyped reading gets the same plain message.

'365' is one rule wherever a person types a reading on a screen that reads it back before it
is kept: the gate (the card says 36.5) and the follow-up form (36.5 °C shown beside the
field). Clerks typing a paper sheet type it as the guards do; refused there, they retyped
each one. A ledger's cell is read with nobody looking, so there '365' stays a missing point.
"""
import re
import unicodedata

from desktop.errors import InputError
from desktop.textnorm import clean

FEVER = 37.3                      # ≥ 37.3 °C is a fever (the national screening threshold)
LOWEST, HIGHEST = 34.0, 42.5


def parse_temperature(raw, field: str = "temperature", *, shorthand: bool = False) -> float | None:
    """°C with one decimal, or None when nothing was typed.

    ``shorthand`` (typed by hand and read back: the gate screen, the follow-up form) reads three
    digits without a point as a normal reading ('365' is 36.5). A fever must still be typed
    with its point ('37.8'): it sends someone back, to the clinic or to the top of the office's
    list, so it must never come from a slip such as '373' for '363'. Without ``shorthand`` (a
    ledger) '365' is refused as a missing point; '3.65' always as a point in the wrong place.
    """
    text = clean(raw)
    # NFKC folds what Chinese input methods type in full width: '３６．６', '３６.６℃'.
    number = unicodedata.normalize("NFKC", text)
    number = re.sub(r"^([0-9]+)\s*度\s*([0-9])$", r"\1.\2", number)       # '36度5', as guards write it
    number = re.sub(r"\s*(℃|°C|°c|°|度|c|C)$", "", number)
    number = re.sub(r"\s*[．。，,]\s*", ".", number)
    if not number:
        return None
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", number):
        raise InputError(field, f"体温要填数字，例如 36.5（不能写“{text}”）。", value=text)
    value = float(number)
    if shorthand and "." not in number and len(number) == 3:
        value = int(number) / 10
        if FEVER <= value <= HIGHEST:
            raise InputError(field, f"体温“{text}”：37.3°C及以上（发热）请带小数点输入，例如 {value:.1f}，"
                                    "以免按错一个键就记成发热。", value=text)
    elif 340 <= value <= 425:
        raise InputError(field, f"体温{number}不可能，是不是少了小数点（{value / 10:.1f}）？", value=text)
    elif 3.4 <= value <= 4.25:
        raise InputError(field, f"体温{number}不可能，是不是小数点点错了位置（{value * 10:.1f}）？", value=text)
    if not LOWEST <= value <= HIGHEST:
        raise InputError(field, f"体温{number}不可能，请重新测量（应在{LOWEST}到{HIGHEST}°C之间）。", value=text)
    return round(value, 1)


def typed_temperature(raw, field: str = "temperature") -> float | None:
    """A reading typed by hand where it is read back before it is kept (the gate's card, the
    follow-up form): '365' is 36.5. The gate and the follow-up form both read it here."""
    return parse_temperature(raw, field, shorthand=True)


def is_fever(value: float | None) -> bool:
    return value is not None and value >= FEVER
