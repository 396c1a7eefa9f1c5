"""Gate log sheets (出入登记表): blank ones for a paper day (the laptop is flat, the power is
out), and the day's log printed. Posted at the gate, so ID and phone numbers are masked."""
from pathlib import Path
from typing import Sequence

from desktop.masking import mask_id_number, mask_phone
from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import GateLogEntry, Office
from desktop.printing.tables import Column, Table, TableStyle

COLUMNS = (Column("时间", 1.0, "center"), Column("进/出", 0.7, "center"), Column("姓名", 1.2),
           Column("身份证号", 2.2, "center"), Column("联系电话", 1.5, "center"),
           Column("体温℃", 1.0, "center"), Column("车牌", 1.1, "center"), Column("从何处来", 1.4),
           Column("事由/探访何人", 1.8), Column("处理", 1.0, "center"), Column("值守人", 1.0))


def print_blank_gate_sheets(path: Path | str, office: Office, gate: str = "", pages: int = 2,
                            progress: Progress | None = None) -> Printed:
    """``pages`` blank sheets; the gate, date and watch are written in by hand if not given."""
    with PdfDocument(path, FORM_A4_LANDSCAPE, "出入登记表", progress) as doc:
        def heading(d):
            return draw_heading(d, "出入人员车辆登记表", f"{office.name}    卡口：{gate or '____________'}",
                                "日期：______年____月____日    体温≥37.3℃的请立即报告")
        for n in range(pages):
            table = Table(doc, COLUMNS, heading, TableStyle(size=9.5, min_row_height=22))
            table.fill_page()
            doc.step(n + 1, pages)
    return doc.printed(0)


def print_gate_log(path: Path | str, office: Office, gate: str, day: str,
                   entries: Sequence[GateLogEntry], progress: Progress | None = None, *,
                   masked: bool = True) -> Printed:
    """The day's log of one gate as a sheet, in time order; ``masked``: ID and phone numbers
    masked (always, from print_form: the sheet is posted, catalogue.FormInfo.numbers)."""
    with PdfDocument(path, FORM_A4_LANDSCAPE, "出入登记表", progress) as doc:
        fevers = sum(1 for e in entries if e.fever)
        def heading(d):
            return draw_heading(d, "出入人员车辆登记表", f"{office.name}    卡口：{gate}",
                                f"日期：{day}    共{len(entries)}条" + (f"，发热{fevers}人次（灰底）" if fevers else ""))
        table = Table(doc, COLUMNS, heading, TableStyle(size=9, min_row_height=18))
        for i, e in enumerate(entries):
            id_number, phone = (mask_id_number(e.id_number) if masked and e.id_number else e.id_number,
                                mask_phone(e.phone) if masked and e.phone else e.phone)
            table.add_row([e.time, e.direction, e.name, id_number, phone,
                           f"{e.temperature}发热" if e.fever else e.temperature, e.plate, e.from_place,
                           e.reason, e.outcome, e.guard], marked=e.fever)
            if i % 200 == 0:
                doc.step(i, len(entries))
        if not entries:
            table.fill_page()
    return doc.printed(len(entries))
