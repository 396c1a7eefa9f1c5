"""Every cell Menshen writes to a workbook goes through ``put``: text that Excel will not run.

A name or note typed as ``=HYPERLINK("http://x","点我")`` or ``=cmd|' /C calc'!A0`` would
otherwise be written as a live formula (CWE-1236) and run when a clerk opens the list. Text
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is stored as a string
cell (never a formula) with Excel's "quote prefix" style, the same as typing ``'`` before it:
Excel shows it as typed and keeps it text when the cell is edited. No character is added, so
our importer (and anyone's) reads back exactly the text that was typed.
"""
from typing import Any, Iterable

#: The first characters that make Excel (or LibreOffice) read a value as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def storable(value: Any) -> Any:
    """``value`` without the control characters a workbook cannot hold (\\x00, \\x01 … from a CSV
    or a pasted web page): openpyxl refuses the whole file for one of them. Tab, line feed and
    carriage return stay."""
    if isinstance(value, str) and not value.isprintable():       # isprintable: one fast C test
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(cell, value: Any):
    """Set ``cell`` (an openpyxl cell, write-only or not) to ``value``, never a formula.
    Returns the cell."""
    value = storable(value)
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"          # openpyxl made it 'f' for a leading '='
        cell.quotePrefix = True
    return cell


def safe_row(ws, values: Iterable[Any]) -> list:
    """A row for ``ws.append`` (write-only or not): plain values stay plain (fast), text that
    looks like a formula becomes a text cell through ``put``."""
    from openpyxl.cell import WriteOnlyCell
    return [put(WriteOnlyCell(ws), v) if looks_like_formula(v) else storable(v) for v in values]
