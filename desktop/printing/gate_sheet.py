"""Gate log sheets (出入登记表): blank ones for a paper day (the laptop is flat, the power is
out), and the day's log printed. Posted at the gate, so phone numbers are masked."""
from datetime import date
from pathlib import Path
from typing import Sequence

from desktop.masking import mask_phone
from desktop.place_words import PlaceWords
from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import GateLogEntry, Office
from desktop.printing.tables import Column, Table, TableStyle


def columns(words: PlaceWords) -> tuple[Column, ...]:
    """The blank sheet and the printed log in one shape, so a paper day files beside a screen day.

    A guard at a cold gate writes a resident's name and door (3-2-501, 张家畈组 12号): that is
    what finds them in the register, so the door has a column, headed in the place's words. No
    ID number column: nobody copies 18 digits for each of hundreds of passages (it was always
    left empty), the gate screen asks a visitor for a phone *or* an ID number and keeps the
    number in the visitor's record, never the log, and a whole number written on a sheet that
    hangs at the gate is read by everyone after. The phone stays: it is how the office reaches
    a visitor when a case turns up; printed from the log it is masked.

    A 日期 column, not a day line per page: a night watch goes past midnight in the middle of a
    page, and a slow gate fills one page over several days. The guard writes the day on a
    page's first row and again at the first passage after midnight; the rows between are left
    blank or 〃, which the import reads as the day above (desktop.excel.carry)."""
    return (Column("日期", 1.0, "center"), Column("时间", 0.9, "center"), Column("进/出", 0.7, "center"),
            Column("姓名", 1.3),
            Column(words.door, 2.4), Column("联系电话", 1.3, "center"), Column("体温℃", 1.0, "center"),
            Column("车牌", 1.2, "center"), Column("从何处来", 1.5), Column("事由/探访何人", 1.9),
            # 值守人: room for a typed-up sheet's 欧阳明（补录） on one line (feeds.gate_log)
            Column("处理", 1.1, "center"), Column("值守人", 1.4))


# The two papers of one form, named by what they hold (the print summary, the saved file's name):
# the list called both 出入登记表（空白）, and the day's log printed was said as blank.
BLANK_TITLE = "出入登记表（空白）"


def log_title(gate: str, day: str) -> str:
    return f"出入登记表（{gate} {day}的记录）"


# How the guard fills the 日期 column (see columns): said on every blank page.
DAY_RULE = "“日期”栏：每页第一行和过了半夜的第一行写上几月几日"


def print_blank_gate_sheets(path: Path | str, office: Office, gate: str = "", pages: int = 2,
                            progress: Progress | None = None, words: PlaceWords | None = None) -> Printed:
    """``pages`` blank sheets; the gate, year and days are written in by hand if not given.
    ``words``: the gate's place's (a village road's door is its 门牌); the office's if None."""
    with PdfDocument(path, FORM_A4_LANDSCAPE, "出入登记表", progress) as doc:
        def heading(d):
            return draw_heading(d, "出入人员车辆登记表", f"{office.name}    卡口：{gate or '____________'}",
                                f"年份：______年    {DAY_RULE}    体温≥37.3℃的请立即报告")
        for n in range(pages):
            table = Table(doc, columns(words or office.words), heading, TableStyle(size=9.5, min_row_height=22))
            table.fill_page()
            doc.step(n + 1, pages)
    return doc.printed(0, BLANK_TITLE, unit="")


def print_gate_log(path: Path | str, office: Office, gate: str, day: str,
                   entries: Sequence[GateLogEntry], progress: Progress | None = None, *,
                   masked: bool = True, words: PlaceWords | None = None) -> Printed:
    """The day's log of one gate as a sheet, in time order; ``masked``: phone numbers masked
    (always, from print_form: the sheet is posted, forms.FormInfo.numbers)."""
    with PdfDocument(path, FORM_A4_LANDSCAPE, "出入登记表", progress) as doc:
        fevers, kept = sum(1 for e in entries if e.fever), sum(1 for e in entries if e.kept)
        # A kept passage stands like any other (the gate saved it); the office is told it is not
        # in the data file yet, so a sheet printed again later is not taken for a different day.
        said = f"，其中暂存{kept}条（尚未写入数据文件）" if kept else ""

        def heading(d):
            return draw_heading(d, "出入人员车辆登记表", f"{office.name}    卡口：{gate}",
                                f"日期：{day}    共{len(entries)}条{said}" + (f"，发热{fevers}人次（灰底）" if fevers else ""))
        table = Table(doc, columns(words or office.words), heading, TableStyle(size=9, min_row_height=18))
        on = date.fromisoformat(day)
        shown_day = f"{on.month}月{on.day}日"       # as a guard writes it: a typed copy reads back
        for i, e in enumerate(entries):
            phone = mask_phone(e.phone) if masked and e.phone else e.phone
            table.add_row([shown_day, e.time, e.direction, e.name, e.door, phone,
                           f"{e.temperature}发热" if e.fever else e.temperature, e.plate, e.from_place,
                           e.reason, e.outcome, e.guard], marked=e.fever)
            if i % 200 == 0:
                doc.step(i, len(entries))
        if not entries:
            table.fill_page()
    return doc.printed(len(entries), log_title(gate, day), unit="条记录")
