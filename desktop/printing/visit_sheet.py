"""The care visit sheet per helper for today (关爱走访表): whom to visit, where, what they need,
with room to write what was done. A helper carries it round, so phone numbers are masked unless
an admin prints it full (forms.FormInfo.numbers)."""
from pathlib import Path
from typing import Sequence

from desktop.masking import mask_phone
from desktop.printing.pages import FORM_A4_LANDSCAPE, PdfDocument, Printed, Progress, draw_heading
from desktop.printing.records import Office, VisitItem
from desktop.printing.tables import Column, Table, TableStyle

# 电话 is wide enough for whose phone it is on one line (（户主 任超子）) under the number.
# 状态 is said in a few words (21天未走访（上次未见到）): two lines of this width, never five.
COLUMNS = (Column("序号", 0.5, "center"), Column("姓名", 1.0), Column("住址", 2.0), Column("类别", 1.4),
           Column("需求", 1.8), Column("电话", 1.6, "center"), Column("上次走访", 1.1, "center"),
           Column("状态", 1.4, "center"), Column("走访情况（本人签字）", 2.2))


def _phone(v: VisitItem, masked: bool = True) -> str:
    """The phone to call ahead (masked unless ``masked`` is False); whose it is on a line of its own when not the person's,
    a long one broken after its first word (（紧急联系人/邻居 陈浩亮）), never inside a name."""
    if not v.phone:
        return ""
    whose = v.phone_whose if len(v.phone_whose) <= 7 else v.phone_whose.replace(" ", "\n", 1)
    return (mask_phone(v.phone) if masked else v.phone) + (f"\n（{whose}）" if whose else "")


def print_visit_sheets(path: Path | str, helpers: Sequence[tuple[str, Sequence[VisitItem]]],
                       office: Office, day: str, progress: Progress | None = None, *,
                       masked: bool = True) -> Printed:
    """One sheet per helper: (helper name, today's visits); ``masked``: phones masked."""
    with PdfDocument(path, FORM_A4_LANDSCAPE, "关爱走访表", progress) as doc:
        for n, (helper, items) in enumerate(helpers):
            doc.begin_part()                # each helper's sheet numbered on its own
            def heading(d, helper=helper, count=len(items)):
                return draw_heading(d, "特殊群体关爱走访表", f"{office.name}    帮扶人：{helper}    共{count}人",
                                    f"日期：{day}")
            table = Table(doc, COLUMNS, heading, TableStyle(size=9.5, min_row_height=34))
            for i, v in enumerate(items, 1):
                table.add_row([str(i), v.person_name, v.address, v.groups, v.needs,
                               _phone(v, masked), v.last_visit,
                               v.due.replace("（", "\n（"), ""])      # （上次未见到） on a line of its own
            if not items:
                table.add_row(["", "今天没有需要走访的对象", "", "", "", "", "", "", ""])
            doc.step(n + 1, len(helpers))
    return doc.printed(sum(len(items) for _, items in helpers))
