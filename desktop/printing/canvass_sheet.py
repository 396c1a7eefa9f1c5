"""The canvass sheet per building (滚动摸排表): every household listed, blank columns for the
canvasser to fill at the door, the result boxes to tick. It goes round the building, so it
carries no ID or phone numbers.

Printed for a canvass round, each household carries its code in the round (at least three
digits, in building order): the clerk types results back in that order with the keyboard alone
(desktop/canvass/entry.py), and types a code only to jump."""
from pathlib import Path
from typing import Mapping, Sequence

from desktop import place_words
from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import MergeRecord, Office
from desktop.printing.tables import Column, Table, TableStyle

# The name column holds the name to address (the head, else the first member: tenants with
# nobody marked 户主); headed 户主 it named a tenant the household's head.
COLUMNS = (Column("序号", 0.6, "center"), Column("房号/地址", 2.6), Column("户主/住户", 1.2),
           Column("登记人数", 0.9, "center"), Column("在家人数", 0.9), Column("近14天外地返回", 1.6),
           Column("发热/咳嗽", 1.1), Column("摸排结果", 2.4), Column("需要帮助", 1.8), Column("备注", 1.5))
RESULT_BOXES = "□已访 □无人 □拒绝"
ROUND_RESULT_BOXES = "□1已访 □2无人 □3拒绝 □4搬离"
KEY_LEGEND = "录入：代码 结果（1已访 2无人在家 3拒绝 4已搬离），有情况的人写序号加字母："


def _building_key(r: MergeRecord) -> tuple[str, str]:
    return (r.compound, r.building)


def _columns(door: str, codes: bool) -> tuple[Column, ...]:
    """The sheet's columns, the door's headed as its place calls it (房号/地址, a village's 门牌);
    a round's sheet has the code first, and room for the four result boxes on one line."""
    if codes:
        return (Column("代码", 0.6, "center"), Column(door, 2.1), *COLUMNS[2:7], Column("摸排结果", 3.3),
                Column("需要帮助", 1.6), Column("备注", 1.0))
    return (COLUMNS[0], Column(door, COLUMNS[1].weight), *COLUMNS[2:])


def print_canvass_sheets(path: Path | str, households: Sequence[MergeRecord], office: Office,
                         round_name: str, printed_on: str, progress: Progress | None = None,
                         codes: Mapping[str, int] | None = None, legend: str = KEY_LEGEND) -> Printed:
    """One sheet (one or more pages) per building, households in ledger order; ``codes``
    (household id → code in the round) puts the round's code in the first column."""
    groups: dict[tuple[str, str], list[MergeRecord]] = {}
    for r in households:
        groups.setdefault(_building_key(r), []).append(r)
    with PdfDocument(path, FORM_A4_LANDSCAPE, "摸排表", progress) as doc:
        for n, ((compound, building), rows) in enumerate(groups.items()):
            doc.begin_part()                # each building's sheet numbered on its own
            place = f"{compound} {building}栋" if building else compound

            def heading(d, place=place):
                y = draw_heading(d, f"滚动摸排表  {place}", f"{office.name}    摸排轮次：{round_name}",
                                 f"打印日期：{printed_on}    摸排人：__________")
                if codes:
                    from desktop.printing.fonts import SONG
                    d.canvas.setFont(SONG, 8)
                    d.canvas.drawString(d.template.left, y, legend)
                    y -= 12
                return y
            columns = _columns(place_words.words(rows[0].compound_kind).door, bool(codes))
            table = Table(doc, columns, heading, TableStyle(size=9.5, min_row_height=26))
            for i, r in enumerate(rows, 1):
                where = r.address.split(" ", 1)[-1] if r.building else r.address
                first = f"{codes[r.household_id]:03d}" if codes else str(i)
                table.add_row([first, where, r.head_name, str(r.member_count), "", "", "",
                               ROUND_RESULT_BOXES if codes else RESULT_BOXES, "", ""])
            doc.step(n + 1, len(groups))
    return doc.printed(len(households))


def round_legend(register, round_name: str) -> str:
    """The keys of the round's questions, for the line under the sheet's title."""
    from desktop.canvass.rounds import CanvassBook
    book = CanvassBook(register.db, register)
    rnd = book.round_named(round_name)
    return KEY_LEGEND + " ".join(f"{q.key}{q.label.split('（')[0]}" for q in book.questions_of(rnd) if q.key)


def round_records(register, round_name: str, compound: str | None = None,
                  building: str | None = None) -> tuple[list[MergeRecord], dict[str, int]] | None:
    """The households of the canvass round called ``round_name`` (within a compound or building
    when named) in code order, with their codes; None when no round has that name."""
    from desktop.canvass.rounds import CanvassBook
    from desktop.printing import sources
    book = CanvassBook(register.db, register)
    match = [r for r in book.rounds() if r.name == (round_name or "").strip()]
    if not match:
        return None
    in_scope = {r.household_id: r for r in sources.merge_records(register, compound, building)}
    roll = [x for x in book.roll(match[0].id) if x.household_id in in_scope]
    return [in_scope[x.household_id] for x in roll], {x.household_id: x.code for x in roll}
