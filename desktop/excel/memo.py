"""Each distinct cell cleaned once per import (issue 14.8).

A ledger repeats its words on every page: 户主, 租住, 本地, a building, a landlord, a note.
A ``CellMemo`` remembers, for one import, what a pure function of a cell (and of fixed
arguments such as the field's name) gave for each distinct value, so the 100,000th 户主 costs
a dictionary lookup. The functions themselves stay where their rule is (``normalise``,
``kinds``): the memo only remembers their answers, and a row validated without one (a test, a
single row) gets the same answers, computed (``computed``).

Kept for one import only (it lives in the import's ``RowContext``), so an answer that depends
on the day (a birth date written '5月3日' takes this year) is never carried to another day,
and the memory goes with the plan.
"""
from typing import Callable

_MISSING = object()
_PLAIN = frozenset((str, type(None))).issuperset


class CellMemo:
    """Remembered readings of cells, for one import."""

    def __init__(self):
        self._readers: dict = {}

    def once(self, fn: Callable, *args) -> Callable:
        """``fn(cell, *args)`` as a function of the cell, remembered per distinct cell. A cell is
        told apart by its type as well (1, 1.0 and True are equal in Python, but are the cells
        '1', '1' and '是'); an unhashable cell is answered, not remembered."""
        reader = self._readers.get((fn, args))
        if reader is None:
            table: dict = {}

            def reader(cell):
                key = cell if cell.__class__ is str else (cell.__class__, cell)
                try:
                    value = table.get(key, _MISSING)
                except TypeError:
                    return fn(cell, *args)
                if value is _MISSING:
                    value = table[key] = fn(cell, *args)
                return value
            self._readers[(fn, args)] = reader
        return reader

    def many(self, fn: Callable) -> Callable:
        """``fn(*cells)`` remembered per distinct combination of cells (a row's place)."""
        reader = self._readers.get((fn, None))
        if reader is None:
            table: dict = {}

            def reader(*cells):
                # The types tell 1, 1.0 and True apart; cells of text or nothing (most groups)
                # are told apart by their values alone. Such a key, a tuple of str and None,
                # never equals one of the other shape (its items are tuples).
                key = cells if _PLAIN(map(type, cells)) else (cells, tuple(map(type, cells)))
                try:
                    value = table.get(key, _MISSING)
                except TypeError:
                    return fn(*cells)
                if value is _MISSING:
                    value = table[key] = fn(*cells)
                return value
            self._readers[(fn, None)] = reader
        return reader

    def readers(self, build: Callable) -> object:
        """The readers a kind of row uses, built once per import: ``build(memo)``."""
        found = self._readers.get(build)
        if found is None:
            found = self._readers[build] = build(self)
        return found


class _Computed:
    """The same interface, without remembering (a row validated on its own)."""

    @staticmethod
    def once(fn: Callable, *args) -> Callable:
        return lambda cell: fn(cell, *args)

    @staticmethod
    def many(fn: Callable) -> Callable:
        return fn


computed = _Computed()
