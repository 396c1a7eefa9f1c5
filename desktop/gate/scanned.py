"""What a barcode scanner types besides the code it read.

A scanner set to send its AIM symbology identifier types it before the code: ']Q1' for a QR
code, ']C0' for Code 128, ']E0' for an EAN product barcode. It is never part of what the code
holds: left in, a pass was 'not found' and the identifier stuck to a visitor's name.
"""
import re

from desktop.textnorm import clean

# ']' then the symbology's letter and its modifier digit (ISO/IEC 15424).
_AIM = re.compile(r"\][A-Za-z][0-9]")


def without_symbology(raw) -> str:
    """The text with any AIM identifier a scanner put before a code taken out, cleaned."""
    text = clean(raw)
    return clean(_AIM.sub("", text)) if "]" in text else text


# A scanner types a key every few milliseconds; a person, even a quick one, 80 or more apart.
SCANNER_KEY_SECONDS = 0.04
# More keys in a row at a scanner's pace than a person ever types (two or three keys pressed
# together may come that close; '3-2-501' typed quickly, seven): the end of a scan whose first
# keys were lost (an ID number's end is ten or more).
SCAN_END_KEYS = 8
# What a scanner types for a pass QR ('MS1:S0A1B-12:…') or an ID number, and its AIM identifier.
_CODE_CHARACTERS = re.compile(r"[0-9A-Za-z:：\-\]]+")


class KeyTimes:
    """When the keys typed into one field came, to tell a scanner's burst from a person's keys.

    A scan may run into what a person had typed just before (a guard half way through a name, a
    clerk's search word): the whole text is then neither a code nor typed at a scanner's pace,
    and it was taken as typing. So each key that came after a person's pause marks where a burst
    may start; ``fast_tails`` offers, longest first, each part of the text from such a mark that
    was typed at a scanner's pace. Which of them is a code is the caller's to decide."""

    def __init__(self):
        self._starts: list[tuple[float, str]] = []     # (when, the text before that key)
        self._last = 0.0

    def clear(self) -> None:
        self._starts = []

    def key(self, now: float, before: str) -> None:
        """A key typed at ``now`` into a field that held ``before``."""
        if not before:
            self._starts = []           # an empty field: a new run of keys
        if not self._starts or now - self._last > SCANNER_KEY_SECONDS:
            self._starts.append((now, before))
        self._last = now

    def paused_at(self) -> list[str]:
        """What the field held when each key after a pause came."""
        return [before for _at, before in self._starts]

    def run_began(self) -> float:
        """When the keys since the last pause began (0.0 with no keys)."""
        return self._starts[-1][0] if self._starts else 0.0

    def scan_end(self, text: str) -> tuple[str, str] | None:
        """(what was there before, the keys since the last pause) when those are the end of a
        scan: too many at a scanner's pace for a person, all characters a code has. A form that
        opened as someone scanned (F9, then a scan at once) got the scan's end only, and the
        scanner's Enter saved it: the green channel's reason was a stranger's ID digits."""
        if not self._starts:
            return None
        before = self._starts[-1][1]
        tail = text[len(before):]
        if text.startswith(before) and len(tail) >= SCAN_END_KEYS and _CODE_CHARACTERS.fullmatch(tail):
            return before, tail
        return None

    def fast_tails(self, text: str):
        """(what was there before, the part typed at a scanner's pace after it), longest first."""
        for at, before in self._starts:
            tail = text[len(before):]
            if (text.startswith(before) and len(tail) > 1
                    and (self._last - at) / (len(tail) - 1) <= SCANNER_KEY_SECONDS):
                yield before, tail
