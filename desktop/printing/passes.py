"""Passes (出入证), eight to an A4 sheet with dashed cut lines, each with its QR code.

The QR carries the pass's ``qr_text`` exactly as the gate issue makes it; the gate's scanner
reads it back. The holder's name and address are printed, never an ID or phone number: a pass
is shown to anyone at the gate.
"""
from pathlib import Path
from typing import Sequence

from reportlab.lib.units import mm

from desktop.errors import InputError
from desktop.printing.fonts import HEI, SONG
from desktop.printing.layout import fit_text, lines_at_most, text_width
from desktop.printing.pages import CARDS_A4, PdfDocument, Printed, Progress
from desktop.printing.qr import draw_qr
from desktop.printing.records import Office, PassCard

COLS, ROWS = 2, 4
MAX_QR_BYTES = 120        # version 7 at level M: still scans from 32 mm on a laser print
PER_PAGE = COLS * ROWS
KIND_TITLE = {"resident": "居民出入证", "vehicle": "车辆通行证", "worker": "工作人员通行证"}


def kind_title(card: PassCard, office: Office) -> str:
    """居民出入证 (a village's, or a village group's of a city community, 村民出入证), 车辆通行证,
    工作人员通行证."""
    if card.kind == "resident":
        return f"{card.residents or office.words.residents}出入证"
    return KIND_TITLE.get(card.kind, "出入证")


def _cut_lines(canvas, t) -> None:
    w, h = t.measure / COLS, (t.height - t.top - t.bottom) / ROWS
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.4)
    canvas.setStrokeGray(0.45)
    lines = [(t.left + i * w, t.bottom, t.left + i * w, t.height - t.top) for i in range(COLS + 1)]
    lines += [(t.left, t.bottom + j * h, t.left + t.measure, t.bottom + j * h) for j in range(ROWS + 1)]
    canvas.lines(lines)
    canvas.restoreState()


def _card(canvas, card: PassCard, office: Office, x: float, y: float, w: float, h: float) -> None:
    """One pass in the cell whose lower left corner is (x, y). All its text goes into one text
    object (a batch of 14,000 passes spends most of its time on text otherwise)."""
    pad = 5 * mm
    qr = 32 * mm
    top = y + h - pad
    left = x + pad
    number = f"No. {card.pass_no}"
    # The committee's name and the rule under the QR code: shrunk, then in two lines, to stay
    # inside the card (a long name ran on into the next pass and off the sheet).
    foot = f"{office.name}（盖章）  " + ("本证限本户使用" if card.for_household else "本证限本人使用")
    foot_size, foot_lines = fit_text(foot, SONG, 9, w - 2 * pad, 6)
    # The holder's name, shrunk to the card's width (a 40-character name ran off the sheet); a
    # name too long even then is cut, with "…".
    holder_size, _ = fit_text(card.holder, HEI, 15, w - 2 * pad, 10)
    holder = lines_at_most(card.holder, HEI, holder_size, w - 2 * pad, 1)[0]
    text = canvas.beginText()
    for font, size, tx, ty, line in (
            (HEI, 17, left, top - 17, kind_title(card, office)),
            (SONG, 9, x + w - pad - text_width(number, SONG, 9), top - 14, number),
            (SONG, 10, left, top - 33, card.compound),
            (HEI, holder_size, left, top - 52, holder),
            *((SONG, 10, left, top - 69 - 13 * i, line)
              for i, line in enumerate(lines_at_most(card.address, SONG, 10, w - 3 * pad - qr, 3))),
            (SONG, 9, left, y + pad + 12, f"有效期 {card.valid_from} 至 {card.valid_to}"),
            *((SONG, foot_size, left, y + pad - (foot_size + 1) * i, line)
              for i, line in enumerate(foot_lines[:2]))):
        if line:
            text.setFont(font, size)
            text.setTextOrigin(tx, ty)
            text.textOut(line)
    canvas.drawText(text)
    draw_qr(canvas, card.qr_text, x + w - pad - qr, y + pad + 7 * mm, qr)


def _check(cards: Sequence[PassCard]) -> None:
    """A pass without QR content, or with more than a pocket-sized code holds, is refused
    before any page is drawn."""
    for card in cards:
        if not card.qr_text or len(card.qr_text.encode("utf-8")) > MAX_QR_BYTES:
            raise InputError("qr_text", f"出入证 {card.pass_no}（{card.holder}）的二维码内容为空或太长"
                                        f"（最多{MAX_QR_BYTES}个字节），无法打印。")


def print_passes(path: Path | str, cards: Sequence[PassCard], office: Office,
                 progress: Progress | None = None) -> Printed:
    _check(cards)
    with PdfDocument(path, CARDS_A4, "出入证", progress) as doc:
        t, c = doc.template, doc.canvas
        w, h = t.measure / COLS, (t.height - t.top - t.bottom) / ROWS
        for i, card in enumerate(cards):
            slot = i % PER_PAGE
            if slot == 0:
                doc.new_page()
                _cut_lines(c, t)
                doc.step(i, len(cards))
            col, row = slot % COLS, slot // COLS
            _card(c, card, office, t.left + col * w, t.height - t.top - (row + 1) * h, w, h)
        doc.step(len(cards), len(cards))
    return doc.printed(len(cards))
