"""QR codes drawn as one vector path from segno's module matrix.

One filled path per code is sharp at any printer resolution and fast: each code's path is
written once as PDF operators in module units (a rectangle per run of dark modules in a row)
and placed with a scale, so drawing costs a string append, not a formatted number per module.

The mask pattern is fixed. Choosing the "best" of the eight masks is 80% of segno's time
(measured 2.7 ms against 0.5 ms per code): 14,411 passes would spend 38 s on it alone. The
mask only evens out dark and light areas; every mask is a valid code (its number travels in
the format information), and printed passes scan with any of them.
"""
import re
from functools import lru_cache

import segno

MASK = 2          # a fixed mask pattern; see the module note
_DARK_RUN = re.compile(rb"\x01+")


def _matrix(text: str) -> tuple[bytearray, ...]:
    """The code's modules, a row per bytearray, 1 dark. Error correction M: a pass in a pocket
    gets creased and still scans."""
    return segno.make(text, error="m", micro=False, boost_error=False, mask=MASK).matrix


def qr_runs(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side, dark runs as (row, first column, length)) of the code for ``text``."""
    matrix = _matrix(text)
    return len(matrix), tuple((r, m.start(), m.end() - m.start())
                              for r, row in enumerate(matrix) for m in _DARK_RUN.finditer(row))


@lru_cache(maxsize=256)
def qr_operators(text: str) -> tuple[int, str]:
    """(modules per side, the PDF operators filling the dark modules as one path, y up)."""
    matrix = _matrix(text)
    n = len(matrix)
    ops = []
    for r, row in enumerate(matrix):
        y = n - 1 - r
        ops += [f"{m.start()} {y} {m.end() - m.start()} 1 re" for m in _DARK_RUN.finditer(row)]
    ops.append("f")
    return n, " ".join(ops)


def draw_qr(canvas, text: str, x: float, y: float, size: float) -> None:
    """The code for ``text`` as one path filling the square (x, y)–(x+size, y+size).
    The caller leaves the quiet zone (four modules) clear around it."""
    n, operators = qr_operators(text)
    m = size / n
    canvas.saveState()
    canvas.transform(m, 0, 0, m, x, y)
    canvas.addLiteral(operators)
    canvas.restoreState()
