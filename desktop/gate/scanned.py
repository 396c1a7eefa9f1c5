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
