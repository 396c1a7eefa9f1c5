"""The four-colour battle map (作战图) on A3 landscape, for the office wall: one page per
compound (more when a large compound does not fit), each building a block of units and floors,
each household a cell in the colour of its most serious status, a legend with the counts.
A public map (for the notice board) prints rooms and colours, never names."""
from pathlib import Path

from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm

from desktop import vocab
from desktop.overview.battle_map import EMPTY, BattleMap, MapCompound, MapHousehold, colour_order, layout
from desktop.printing.fonts import HEI, SONG
from desktop.printing.layout import fit_text, lines_at_most
from desktop.printing.pages import PageTemplate, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import Office

MAP_A3 = PageTemplate(landscape(A3), 12 * mm, 12 * mm, 14 * mm, 12 * mm)
EMPTY_COLOUR = "#bdbdbd"
EMPTY_LABEL = "无人登记"
# Cell sizes tried, largest first: the largest that puts the whole compound on one page wins.
CELL_SIZES = ((24 * mm, 10 * mm), (18 * mm, 8 * mm), (14 * mm, 6.5 * mm), (11 * mm, 5 * mm), (9 * mm, 4.2 * mm))
GAP = 5 * mm
HEADER = 6 * mm                       # building number above its block
MIN_CELL_TEXT = 5.5                   # pt: still read on the office wall from a step away


def colour_of(status: str) -> str:
    return EMPTY_COLOUR if status == EMPTY else vocab.status_colour(status)


def label_of(status: str) -> str:
    return EMPTY_LABEL if status == EMPTY else vocab.zh(vocab.STATUS, status)


def _hex(c, colour: str, fill: bool = True) -> None:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    (c.setFillColorRGB if fill else c.setStrokeColorRGB)(r, g, b)


def _cell(c, h: MapHousehold, x: float, y: float, cw: float, ch: float, public: bool) -> None:
    _hex(c, colour_of(h.status))
    c.rect(x, y, cw, ch, stroke=1, fill=1)
    c.setFillGray(0.1 if h.status == EMPTY else 1)
    text = h.label
    if not public and h.head and cw >= 17 * mm:
        text = f"{h.label} {h.head}"
    # Shrunk to the cell before anything is cut: a village house's door (王家湾17号) left room
    # for one character of the name, and 钟爱琴 printed as 钟爱 reads as someone else; what is
    # still too long ends in "…", so a shortened name says so.
    room = cw - 4                       # 2 pt either side: the text never touches the cell's line
    size, _ = fit_text(text, HEI, min(ch * 0.55, 9), room, MIN_CELL_TEXT)
    text = lines_at_most(text, HEI, size, room, 1)[0]
    c.setFont(HEI, size)
    c.drawCentredString(x + cw / 2, y + (ch - size) / 2 + size * 0.15, text)


def _draw_layout(c, lay, x0: float, top: float, public: bool) -> None:
    """Draw a layout whose top-left corner is at (x0, top); layout y runs down the page."""
    cw, ch = lay.cell_w, lay.cell_h
    for block in lay.blocks:
        c.setFillGray(0)
        c.setFont(HEI, 10)
        c.drawString(x0 + block.x, top - block.y - HEADER + 2 * mm, block.title)
        c.setLineWidth(0.4)
        c.setStrokeGray(1)
        for cell in block.cells:
            _cell(c, cell.household, x0 + cell.x, top - cell.y - ch, cw, ch, public)
        if block.is_building:
            c.setStrokeGray(0.3)
            c.setLineWidth(0.8)
            y = top - block.y - HEADER - block.rows * ch
            c.rect(x0 + block.x - 0.8, y - 0.8, block.width + 1.6, block.rows * ch + 1.6, stroke=1, fill=0)


def _legend(doc: PdfDocument, compound: MapCompound, y: float) -> float:
    c, t = doc.canvas, doc.template
    x = t.left
    c.setFont(SONG, 11)
    for status in colour_order():
        _hex(c, colour_of(status))
        c.rect(x, y - 1, 10 * mm, 4.5 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        people = f"，{compound.people.get(status, 0)}人" if status != EMPTY else ""
        text = f"{label_of(status)} {compound.households.get(status, 0)}户{people}"
        c.drawString(x + 12 * mm, y, text)
        x += 12 * mm + c.stringWidth(text, SONG, 11) + 9 * mm
    total = sum(compound.households.values())
    c.setFont(SONG, 9)
    c.drawString(t.left, y - 6 * mm, f"共{total}户、{sum(compound.people.values())}人。"
                 "每户按户内最严重的状态着色：居家隔离 > 医学观察 > 外出 > 健康。")
    return y - 13 * mm


def _layout(compound: MapCompound, cw: float, ch: float, width: float):
    return layout(compound, cw, ch, width, gap=GAP, header=HEADER, unit_gap=1.5 * mm)


def _rows(lay) -> list[list]:
    rows: dict = {}
    for b in lay.blocks:
        rows.setdefault(b.y, []).append(b)
    return [rows[y] for y in sorted(rows)]


def _layout_of(row: list, lay):
    """One row of blocks as a layout of its own, starting at its top."""
    from dataclasses import replace
    top = row[0].y
    blocks = tuple(replace(b, y=b.y - top, cells=tuple(replace(cell, y=cell.y - top) for cell in b.cells))
                   for b in row)
    height = max(HEADER + b.rows * lay.cell_h for b in row)
    return replace(lay, blocks=blocks, height=height)


def print_battle_map(path: Path | str, m: BattleMap, office: Office, community: str = "",
                     progress: Progress | None = None) -> Printed:
    day = f"{m.day.year}年{m.day.month}月{m.day.day}日"
    kind = "（公示版）" if m.public else ""
    with PdfDocument(path, MAP_A3, "疫情防控作战图", progress) as doc:
        t, c = doc.template, doc.canvas
        for i, compound in enumerate(m.compounds):
            def start_page():
                doc.new_page()
                y = draw_heading(doc, f"{community}{compound.name}疫情防控作战图{kind}", office.name, f"截至{day}",
                                 size=20)
                return _legend(doc, compound, y - 4 * mm)
            top = start_page()
            available = top - t.bottom
            lay = None
            for cw, ch in CELL_SIZES:
                lay = _layout(compound, cw, ch, t.measure)
                if lay.height <= available:
                    break
            if lay.height <= available:
                _draw_layout(c, lay, t.left, top, m.public)
            else:                      # a very large compound: row by row over more pages
                y = top
                for row in _rows(lay):
                    part = _layout_of(row, lay)
                    if y - part.height < t.bottom and y < top:
                        y = start_page()
                    _draw_layout(c, part, t.left, y, m.public)
                    y -= part.height + GAP
            if not compound.buildings and not compound.loose:
                c.setFont(SONG, 12)
                c.setFillGray(0)
                c.drawString(t.left, top - 10 * mm, "这里还没有登记住户。")
            doc.step(i + 1, len(m.compounds))
    return doc.printed(len(m.compounds))
