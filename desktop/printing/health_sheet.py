"""The 14-day health record sheet (健康监测记录表): one row per day of the isolation, morning
and evening temperature, symptoms to tick, who checked. Left at the door or filled by phone."""
from pathlib import Path
from typing import Sequence

from desktop.care.due import period_days
from desktop.masking import mask_phone
from desktop.printing.layout import break_fields
from desktop.printing.pages import FORM_A4, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import IsolationCase, Office
from desktop.printing.tables import Column, Table, TableStyle

COLUMNS = (Column("第几天", 0.7, "center"), Column("日期", 1.0, "center"), Column("上午体温℃", 1.1, "center"),
           Column("下午体温℃", 1.1, "center"), Column("症状（打√）", 3.6), Column("代买代办需求", 1.5),
           Column("记录人", 1.0, "center"))
SYMPTOMS = "□无 □发热 □咳嗽 □乏力 □腹泻 □其他"


def print_health_sheets(path: Path | str, cases: Sequence[IsolationCase], office: Office,
                        progress: Progress | None = None) -> Printed:
    with PdfDocument(path, FORM_A4, "健康监测记录表", progress) as doc:
        for i, case in enumerate(cases):
            def heading(d, case=case):
                y = draw_heading(d, f"{case.kind}人员健康监测记录表", office.name,
                                 f"隔离期：{case.start.isoformat()} 至 {case.planned_end.isoformat()}")
                c, t = d.canvas, d.template
                c.setFont(d.song, 11)
                fields = [f"姓名：{case.person_name}", f"住址：{case.address}"]
                fields += [f"电话：{mask_phone(case.phone)}"] if case.phone else []
                for line in break_fields(fields, d.song, 11, t.measure):    # a field moves whole
                    y -= 16
                    c.drawString(t.left, y, line)
                return y - 10
            table = Table(doc, COLUMNS, heading, TableStyle(size=10, min_row_height=38))
            for n, day in enumerate(period_days(case.start, case.planned_end)):
                table.add_row([str(n + 1), f"{day.month}月{day.day}日", "", "", SYMPTOMS, "", ""])
            c, t = doc.canvas, doc.template
            c.setFont(doc.song, 10)
            c.drawString(t.left, max(table.y - 22, t.bottom + 4),
                         f"体温≥37.3℃或出现症状，请立即电话报告{office.words.office}：" + (office.phone or "____________"))
            doc.step(i + 1, len(cases))
    return doc.printed(len(cases))
