"""The canvass sheet per building (滚动摸排表): every household listed, blank columns for the
canvasser to fill at the door, the result boxes to tick. It goes round the building, so it
carries no ID or phone numbers."""
from pathlib import Path
from typing import Sequence

from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import MergeRecord, Office
from desktop.printing.tables import Column, Table, TableStyle

COLUMNS = (Column("序号", 0.6, "center"), Column("房号/地址", 2.6), Column("户主", 1.2),
           Column("登记人数", 0.9, "center"), Column("在家人数", 0.9), Column("近14天外地返回", 1.6),
           Column("发热/咳嗽", 1.1), Column("摸排结果", 2.4), Column("需要帮助", 1.8), Column("备注", 1.5))
RESULT_BOXES = "□已访 □无人 □拒绝"


def _building_key(r: MergeRecord) -> tuple[str, str]:
    return (r.compound, r.building)


def print_canvass_sheets(path: Path | str, households: Sequence[MergeRecord], office: Office,
                         round_name: str, printed_on: str, progress: Progress | None = None) -> Printed:
    """One sheet (one or more pages) per building, households in ledger order."""
    groups: dict[tuple[str, str], list[MergeRecord]] = {}
    for r in households:
        groups.setdefault(_building_key(r), []).append(r)
    with PdfDocument(path, FORM_A4_LANDSCAPE, "摸排表", progress) as doc:
        for n, ((compound, building), rows) in enumerate(groups.items()):
            place = f"{compound} {building}栋" if building else compound

            def heading(d, place=place):
                return draw_heading(d, f"滚动摸排表  {place}", f"{office.name}    摸排轮次：{round_name}",
                                    f"打印日期：{printed_on}    摸排人：__________")
            table = Table(doc, COLUMNS, heading, TableStyle(size=9.5, min_row_height=26))
            for i, r in enumerate(rows, 1):
                where = r.address.split(" ", 1)[-1] if r.building else r.address
                table.add_row([str(i), where, r.head_name, str(r.member_count), "", "", "", RESULT_BOXES, "", ""])
            doc.step(n + 1, len(groups))
    return doc.printed(len(households))
