"""The printable forms by their command-line name, with what each may show (``FormInfo``): a
table without the drawing code, so ``menshen``'s parser (every command's start) and the audit
read it without loading reportlab and every form (desktop/printing/catalogue.py prints them).
"""
from dataclasses import dataclass

# Which ID and phone numbers a paper may ever show whole: the one decision per form (its
# ``numbers``), that ``is_masked`` reads and each form's drawing follows (it is handed
# ``masked``), so the audit says what was printed.
OFFICE = "office"          # the office's own file: whole unless a masked copy is asked for
ON_REQUEST = "on-request"  # carried round or kept by one household (a helper's visit sheet, the
                           # roster's volunteers, a person's own notice and health sheet): masked,
                           # whole when the output is full (an admin, with a reason, audited)
NEVER = "never"            # posted or shown to anyone (a notice, a door sign, a pass, the gate's
                           # sheet): masked whatever is asked


@dataclass(frozen=True)
class FormInfo:
    name: str                # the command-line name
    title: str               # as the office calls it
    source: str              # register | gate | care
    scoped: bool = True      # takes a compound / building scope
    numbers: str = NEVER     # OFFICE | ON_REQUEST | NEVER: when its numbers are printed whole
    office_phone: bool = False   # tells people to call the office: a blank line without its phone


FORMS = {f.name: f for f in (
    FormInfo("notice", "通知 / 致住户的信", "register", office_phone=True),
    FormInfo("household-sheet", "住户登记表（一户一档）", "register", numbers=OFFICE),
    FormInfo("canvass-sheet", "滚动摸排表（按楼栋）", "register"),
    FormInfo("gate-sheet", "出入登记表", "register", scoped=False),
    FormInfo("daily-report", "疫情防控工作日报", "register", scoped=False, office_phone=True),
    FormInfo("battle-map", "疫情防控作战图（A3）", "register"),
    FormInfo("passes", "出入证（每页8张）", "gate"),
    FormInfo("isolation-notice", "居家隔离/医学观察告知书", "care", numbers=ON_REQUEST, office_phone=True),
    FormInfo("door-sign", "居家隔离/医学观察门贴", "care", office_phone=True),
    # One row a day of the period, 14 or 28 (two pages): not named by one length.
    FormInfo("health-sheet", "健康监测记录表", "care", numbers=ON_REQUEST, office_phone=True),
    FormInfo("visit-sheet", "关爱走访表（按帮扶人）", "care", scoped=False, numbers=ON_REQUEST),
    FormInfo("roster", "值班表（一周，卡口和关爱走访）", "duty", scoped=False, numbers=ON_REQUEST),
)}

# Forms that carry no ID number or phone: their "masked" is the public version without names.
NAMES_ONLY = {"battle-map"}
