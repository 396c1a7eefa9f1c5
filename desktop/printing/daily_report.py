"""The daily report (日报) from the register's figures: totals, the four colours overall and
per compound, and today's changes, ready to sign and send upward."""
from pathlib import Path

from desktop import vocab
from desktop.printing.pages import FORM_A4, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import DailyFigures, Office
from desktop.printing.tables import Column, Table, TableStyle

STATUSES = tuple(vocab.STATUS)


def today_lines(today) -> list[str]:
    """The rest of the day's work in sentences, from the Today page's figures
    (desktop/overview/today.TodayFigures): the change since yesterday, isolation follow-up,
    care visits and the gates."""
    change = "，".join(f"{vocab.zh(vocab.STATUS, s)}{today.status_change.get(s, 0):+d}人" for s in STATUSES)
    return [
        f"较昨日：{change}。",
        f"居家隔离/医学观察随访{today.isolation_open}人，今日期满{today.isolation_ending_today}人、"
        f"明日期满{today.isolation_ending_tomorrow}人，今日未完成随访{today.followups_not_done}人，"
        f"隔离期间发热{today.isolation_fevers}人。",
        f"关爱对象{today.care_subjects}人，今日应走访{today.care_to_visit}人（其中逾期{today.care_overdue}人、"
        f"超过两个周期未走访{today.care_neglected}人）。",
        f"卡口放行进入{today.gate_in}人次、外出{today.gate_out}人次，劝返{today.gate_turned_back}人次，"
        f"体温异常{today.gate_fevers}人次，外出未归{today.out_not_back}人；出入证{today.passes_expiring}张将在三日内到期。",
    ]


def print_daily_report(path: Path | str, figures: DailyFigures, office: Office,
                       progress: Progress | None = None, today=None) -> Printed:
    day = f"{figures.day.year}年{figures.day.month}月{figures.day.day}日"
    columns = ([Column(office.words.places_heading, 2.6), Column("户数", 0.9, "right"), Column("人数", 0.9, "right")]
               + [Column(vocab.zh(vocab.STATUS, s), 1.0, "right") for s in STATUSES])
    with PdfDocument(path, FORM_A4, "日报", progress) as doc:
        summary_drawn = []

        def heading(d):
            y = draw_heading(d, f"{figures.community}疫情防控工作日报", f"填报单位：{office.name}", f"日期：{day}")
            if summary_drawn:
                return y
            summary_drawn.append(True)
            c, t = d.canvas, d.template
            c.setFont(d.song, 11)
            lines = [f"辖区共{figures.households}户、{figures.people}人，其中重点人员{figures.key_persons}人。",
                     "当前：" + "，".join(f"{vocab.zh(vocab.STATUS, s)}{figures.status_counts.get(s, 0)}人"
                                        for s in STATUSES) + "。",
                     "今日新增：" + "，".join(f"{vocab.zh(vocab.STATUS, s)}{figures.new_changes.get(s, 0)}人"
                                          for s in STATUSES) + "。"]
            for line in lines:
                y -= 18
                c.drawString(t.left, y, line)
            return y - 14
        table = Table(doc, columns, heading, TableStyle(size=10, min_row_height=18))
        for name, households, people, counts in figures.by_compound:
            table.add_row([name, str(households), str(people)] + [str(counts.get(s, 0)) for s in STATUSES])
        table.add_row(["合计", str(figures.households), str(figures.people)]
                      + [str(figures.status_counts.get(s, 0)) for s in STATUSES])
        c, t = doc.canvas, doc.template
        y = table.y - 10
        if today is not None:
            c.setFont(doc.song, 11)
            for line in today_lines(today):
                for part in _wrap(c, line, doc.song, 11, t.measure):
                    if y - 18 < t.bottom + 20:
                        doc.new_page()
                        y = t.block_top - 10
                    y -= 18
                    c.drawString(t.left, y, part)
        y -= 26
        if y < t.bottom + 20:
            doc.new_page()
            y = t.block_top - 30
        c.setFont(doc.song, 11)
        c.drawString(t.left, y, "填报人：______________    审核人：______________    联系电话："
                     + (office.phone or "______________"))
        doc.step(1, 1)
    return doc.printed(1)


def _wrap(c, text: str, font: str, size: float, width: float) -> list[str]:
    """Split a Chinese sentence into lines that fit ``width`` (any character may end a line)."""
    lines, line = [], ""
    for ch in text:
        if line and c.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + ([line] if line else [])
