"""The health record sheet (健康监测记录表): one row per day of the isolation (14, 28…), morning
and evening temperature, symptoms to tick, who checked. Left at the door or filled by phone.

The checks already recorded in the program are printed in their day's row (a fever's row shaded
grey, 发热 in its symptoms), the rest left blank for the paper round. Each person's sheet is
numbered on its own (第1页 共1页): it is handed to one household."""
from pathlib import Path
from typing import Sequence

from desktop.care.due import period_days, period_length
from desktop.care.vocab import period_word
from desktop.masking import mask_phone
from desktop.printing.layout import break_fields
from desktop.printing.pages import FORM_A4, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import IsolationCase, Office
from desktop.printing.tables import Column, Table, TableStyle

COLUMNS = (Column("第几天", 0.7, "center"), Column("日期", 1.0, "center"), Column("上午体温℃", 1.1, "center"),
           Column("下午体温℃", 1.1, "center"), Column("症状（打√）", 3.6), Column("代买代办需求", 1.5),
           Column("记录人", 1.0, "center"))
SYMPTOMS = "□无 □发热 □咳嗽 □乏力 □腹泻 □其他"


def day_cells(reading) -> tuple[list[str], bool]:
    """(temperatures, symptoms, needs, who) of a day as recorded, and whether it had a fever;
    ``reading``: a desktop.care.paper.HealthRecordRow, or None. What is not yet checked stays
    blank, a slot still to check keeping the boxes to tick."""
    if reading is None or not (reading.morning or reading.evening):
        return ["", "", SYMPTOMS, "", ""], False
    said = [w for w in reading.symptoms.split("、") if w and w != "无"]
    said = (["发热"] if reading.fever else []) + said
    symptoms = "、".join(said) or "无"
    if not (reading.morning and reading.evening):       # the other half of the day is the paper's
        symptoms = ("上午：" if reading.morning else "下午：") + symptoms + "\n" + SYMPTOMS
    return [reading.morning, reading.evening, symptoms, reading.needs, reading.checked_by], reading.fever


def print_health_sheets(path: Path | str, cases: Sequence[IsolationCase], office: Office,
                        progress: Progress | None = None, *, masked: bool = True) -> Printed:
    """One sheet per person; ``masked``: the person's phone masked (not for an admin's full copy,
    whoever checks by phone then has the number)."""
    with PdfDocument(path, FORM_A4, "健康监测记录表", progress) as doc:
        for i, case in enumerate(cases):
            doc.begin_part()                            # 第1页 共N页 for this person's sheet
            def heading(d, case=case):
                y = draw_heading(d, f"{case.kind}人员健康监测记录表", office.name,
                                 f"{period_word(case.kind)}期：{case.start.isoformat()} 至 "
                                 f"{case.planned_end.isoformat()}（共{period_length(case.start, case.planned_end)}天）")
                c, t = d.canvas, d.template
                c.setFont(d.song, 11)
                fields = [f"姓名：{case.person_name}", f"住址：{case.address}"]
                fields += [f"电话：{mask_phone(case.phone) if masked else case.phone}"] if case.phone else []
                for line in break_fields(fields, d.song, 11, t.measure):    # a field moves whole
                    y -= 16
                    c.drawString(t.left, y, line)
                return y - 10
            table = Table(doc, COLUMNS, heading, TableStyle(size=10, min_row_height=38))
            readings = {r.day: r for r in case.readings}
            fevers = False
            for n, day in enumerate(period_days(case.start, case.planned_end)):
                cells, fever = day_cells(readings.get(day.isoformat()))
                fevers = fevers or fever
                table.add_row([str(n + 1), f"{day.month}月{day.day}日"] + cells, marked=fever)
            c, t = doc.canvas, doc.template
            c.setFont(doc.song, 10)
            c.drawString(t.left, max(table.y - 22, t.bottom + 4),
                         f"体温≥37.3℃或出现症状，请立即电话报告{office.words.office}：" + (office.phone or "____________")
                         + ("。灰底为发热。" if fevers else ""))
            doc.step(i + 1, len(cases))
    return doc.printed(len(cases))
