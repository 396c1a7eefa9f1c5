"""Masking personal data: the one place for every output (exports, printed lists, the gate).

``mask_text`` is what every masked output calls on every piece of text it writes: it finds
ID numbers (18 characters, or the old 15 digits) and mobile numbers (11 digits starting 13–19)
anywhere in the text, also written with spaces or dashes inside (``139 1234 5678``,
``其他电话：139-1234-5678``), and masks them. ``mask_id_number`` and ``mask_phone`` mask a
value known to be one; both keep only what identifies nobody on its own.
"""
import re

_SEP = r"[ \-\u2010-\u2015\u00a0]?"          # one space or dash between digits
# A time stamp in a file's name (a backup's 20261207-052920, a second one that second's -2) is
# no ID number: no province code starts 19 or 20.
_STAMP = r"(?!(?:19|20)[0-9]{6}-[0-9]{6}(?:-[0-9]+)?(?![0-9]))"
_ID = re.compile(rf"(?<![0-9A-Za-z]){_STAMP}(?:[0-9]{_SEP}){{17}}[0-9Xx](?![0-9A-Za-z])"
                 rf"|(?<![0-9A-Za-z]){_STAMP}(?:[0-9]{_SEP}){{14}}[0-9](?![0-9A-Za-z])")
_MOBILE = re.compile(rf"(?<![0-9])(\+?86{_SEP})?(1{_SEP}[3-9](?:{_SEP}[0-9]){{9}})(?![0-9])")
_DIGITS = re.compile(r"[^0-9Xx]")


def mask_phone(phone: str) -> str:
    """138****8000 for printed public lists and the gate role."""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[7:]
    return phone[:-4] + "****" if len(phone) > 4 else "****"


def mask_id_number(number: str) -> str:
    """4201**********123X (issue 16): the city and the last four; never the district or the
    birth date."""
    if len(number) >= 10:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    return "*" * len(number)


def mask_birth_date(day: str) -> str:
    """1958-**-** beside a masked ID number: the full date would give back the eight digits the
    ID's mask hides (and the district is that of most residents), so only the year is shown."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day or ""):
        return day[:4] + "-**-**"
    return day


# What the masks above write, read back (a masked list imported): stars where digits were, a
# date to its year. Such a cell holds no number: ``is_masked``.
_MASKED = re.compile(r"[0-9][*＊]{3,}[0-9Xx]|^[*＊]{3,}[0-9]|[0-9][*＊]{3,}$|^[0-9]{4}-[*＊]{2}-[*＊]{2}$")


def is_masked(text) -> bool:
    """Whether ``text`` holds a number masked as this module masks it (139****6915,
    4201**********123X, 1958-**-**), anywhere in it (a note's 其他电话：139****6915)."""
    return isinstance(text, str) and ("*" in text or "＊" in text) and _MASKED.search(text.strip()) is not None


def mask_text(text, keep: frozenset[str] = frozenset()):
    """``text`` with every ID number and mobile number in it masked; anything that is not
    text is returned as it is. ``keep``: numbers (digits only) that stay whole wherever they
    appear: the committee's own phone, which residents must be able to call."""
    if not isinstance(text, str) or len(text) < 11:
        return text
    text = _ID.sub(lambda m: mask_id_number(_DIGITS.sub("", m.group(0))), text)

    def mobile(m):
        digits = _DIGITS.sub("", m.group(2))
        return m.group(0) if digits in keep else (m.group(1) or "") + mask_phone(digits)
    return _MOBILE.sub(mobile, text)


# -- paper: a masked document masks every string it draws -----------------------------------
from contextlib import contextmanager as _contextmanager
from contextvars import ContextVar as _ContextVar

_OUTPUT_MASKED: _ContextVar[bool] = _ContextVar("menshen_output_masked", default=False)
_OUTPUT_KEEPS: _ContextVar[frozenset] = _ContextVar("menshen_output_keeps", default=frozenset())


@_contextmanager
def masked_output(on: bool, keep=()):
    """Within the block, every string a printed form draws goes through ``mask_text``
    (desktop/printing calls ``mask_if_masked`` where text is set and drawn), so nothing a form
    forgot to mask (a note, a landlord's phone, a reason) reaches masked paper.

    ``keep``: the office's own numbers (its phone on the isolation notice, the door sign, a
    notice's hotline), printed whole: a resident who cannot read them cannot call."""
    token = _OUTPUT_MASKED.set(bool(on))
    keeps = _OUTPUT_KEEPS.set(frozenset(d for d in (_DIGITS.sub("", k or "") for k in keep) if d))
    try:
        yield
    finally:
        _OUTPUT_KEEPS.reset(keeps)
        _OUTPUT_MASKED.reset(token)


def mask_if_masked(text):
    return mask_text(text, _OUTPUT_KEEPS.get()) if _OUTPUT_MASKED.get() else text
