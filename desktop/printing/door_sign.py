"""The door sign for a household in home isolation (居家隔离 请勿打扰), A4 landscape, large
enough to read from the stairs. It names the place and the dates, never the people."""
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from desktop.care.vocab import ISOLATION_KIND, code_of, period_word
from desktop.overview.status import RANK
from desktop.printing.fonts import HEI, SONG
from desktop.printing.layout import fit_text
from desktop.printing.pages import SIGN_A4, PdfDocument, Printed, Progress
from desktop.printing.records import IsolationCase, Office

RED = (0.78, 0.16, 0.16)
FRAME_PAD = 12               # text keeps this far inside the red frame (points)


def doors(cases: Sequence[IsolationCase]) -> list[IsolationCase]:
    """One sign a door (a family isolated together had one sign each, the same door three
    times): the cases at one address as one, in the most serious kind there (居家隔离 before
    医学观察), from the earliest start to the latest planned end, as the door stays closed until
    the last one behind it is released. A case without an address keeps a sign of its own."""
    by_door: dict = {}
    for case in cases:
        by_door.setdefault(case.address or object(), []).append(case)
    signs = []
    for group in by_door.values():
        first = min(group, key=lambda c: RANK.get(code_of(ISOLATION_KIND, c.kind) or "", len(RANK)))
        signs.append(replace(first, start=min(c.start for c in group),
                             planned_end=max(c.planned_end for c in group)))
    return signs


def print_door_signs(path: Path | str, cases: Sequence[IsolationCase], office: Office,
                     progress: Progress | None = None) -> Printed:
    cases = doors(cases)
    with PdfDocument(path, SIGN_A4, "居家隔离/医学观察门贴", progress) as doc:
        t, c = doc.template, doc.canvas
        cx = t.width / 2
        for i, case in enumerate(cases):
            doc.new_page()
            c.setStrokeColorRGB(*RED)
            c.setLineWidth(4)
            c.rect(t.left, t.bottom, t.measure, t.height - t.top - t.bottom)
            c.setFillColorRGB(*RED)
            c.setFont(HEI, 96)
            c.drawCentredString(cx, t.height - t.top - 130, case.kind)
            c.setFont(HEI, 54)
            c.drawCentredString(cx, t.height - t.top - 215, "请勿打扰  请勿接触")
            c.setFillGray(0)
            # A long address or committee name is shrunk (then wrapped) inside the red frame.
            inside = t.measure - 2 * FRAME_PAD
            size, lines = fit_text(case.address, SONG, 22, inside, 14)
            for n, line in enumerate(lines[:2]):
                c.setFont(SONG, size)
                c.drawCentredString(cx, t.bottom + 120 + (size + 2) * (len(lines[:2]) - 1 - n), line)
            c.setFont(SONG, 22)
            c.drawCentredString(cx, t.bottom + 85, f"{period_word(case.kind)}期：{case.start.month}月{case.start.day}日"
                                f" 至 {case.planned_end.month}月{case.planned_end.day}日")
            size, lines = fit_text(f"{office.name}  电话：{office.phone or '____________'}", SONG, 16,
                                   inside, 10)
            for n, line in enumerate(lines[:2]):
                c.setFont(SONG, size)
                c.drawCentredString(cx, t.bottom + 45 - (size + 2) * n, line)
            c.setStrokeGray(0)
            doc.step(i + 1, len(cases))
    return doc.printed(len(cases))
