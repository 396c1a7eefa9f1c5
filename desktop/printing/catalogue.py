"""Every printable form by its command-line name, and one entry point that prints it from the
program's data: the window and ``menshen print FORM`` both go through ``print_form``.

Forms drawn from the register are wired here. Passes come from the gate module, and the
isolation notice, door sign, health sheet and visit sheet from the care module: their drawing
is done (``desktop/printing/<form>.py`` takes plain records), and until those modules hand
over their records ``print_form`` says so in a clear message instead of printing an empty form.
"""
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.errors import InputError
from desktop.printing import (canvass_sheet, daily_report, gate_sheet, household_sheet, notice,
                              sources)
from desktop.printing.pages import Printed, Progress
from desktop.printing.records import MergeRecord, Office
from desktop.printing.templates import NoticeTemplates
from desktop.register import Register
from desktop.settings import get_setting


@dataclass(frozen=True)
class FormInfo:
    name: str                # the command-line name
    title: str               # as the office calls it
    source: str              # register | gate | care
    scoped: bool = True      # takes a compound / building scope


FORMS = {f.name: f for f in (
    FormInfo("notice", "通知 / 致住户的信", "register"),
    FormInfo("household-sheet", "住户登记表（一户一档）", "register"),
    FormInfo("canvass-sheet", "滚动摸排表（按楼栋）", "register"),
    FormInfo("gate-sheet", "出入登记表", "register", scoped=False),
    FormInfo("daily-report", "疫情防控工作日报", "register", scoped=False),
    FormInfo("passes", "出入证（每页8张）", "gate"),
    FormInfo("isolation-notice", "居家隔离告知书", "care"),
    FormInfo("door-sign", "居家隔离门贴", "care"),
    FormInfo("health-sheet", "14天健康监测记录表", "care"),
    FormInfo("visit-sheet", "关爱走访表（按帮扶人）", "care"),
)}

_WAITING = {"gate": "门岗（出入证与出入登记）", "care": "特殊群体关爱与居家隔离"}


class DataSourceMissing(InputError):
    """The form is drawn, but the module that holds its data is not in this build yet."""

    def __init__(self, form: FormInfo):
        super().__init__("form", f"“{form.title}”的数据来自“{_WAITING[form.source]}”功能，"
                                 "该功能接入后即可打印。现在可以打印登记册里的表格和通知。")


@dataclass(frozen=True)
class PrintRequest:
    """What to print and for whom. Empty scope: the whole community."""
    form: str
    compound: str = ""
    building: str = ""
    household_id: str = ""
    template: str = ""                 # a template's id or name (notice)
    masked: bool | None = None         # None: the form's own rule (public paper is always masked)
    gate: str = ""
    pages: int = 2                     # blank gate sheets
    poster: bool = False               # notice on A3
    day: date | None = None            # None: today
    gate_log: bool = False             # gate-sheet: the day's log instead of blank sheets
    round_name: str = ""


def office_of(register: Register) -> Office:
    return Office(sources.committee_name(register), get_setting(register.db, "office_phone"))


def print_form(register: Register, request: PrintRequest, path: Path | str,
               progress: Progress | None = None) -> Printed:
    """Print ``request`` to ``path``. Raises InputError (in Chinese) for a bad request."""
    info = FORMS.get(request.form)
    if info is None:
        raise InputError("form", f"没有“{request.form}”这种表格。可以打印：" + "、".join(FORMS))
    if info.source != "register" or (request.form == "gate-sheet" and request.gate_log):
        raise DataSourceMissing(FormInfo("gate-sheet", "当天的出入登记表", "gate")
                                if request.form == "gate-sheet" else info)
    day = request.day or date.today()
    office = office_of(register)
    if request.form == "notice":
        templates = NoticeTemplates(register.db)
        if not request.template:
            raise InputError("template", "请选择通知模板（--template 模板名称）。")
        try:
            template = templates.get(request.template)
        except LookupError:
            template = templates.find(request.template)
        if template.kind == "letter":
            records = sources.merge_records(register, request.compound or None, request.building or None)
        elif request.compound:          # a notice for one compound: {小区} {楼栋} say which
            records = [MergeRecord("", "", "", request.compound, request.building)]
        else:
            records = None
        return notice.print_notices(path, template, records, office, day, request.poster, progress)
    if request.form == "household-sheet":
        if request.household_id:
            ids = [request.household_id]
        else:
            ids = [h.id for h, _ in sources.scope_households(register, request.compound or None,
                                                             request.building or None)]
        if not ids:
            raise InputError("scope", "所选范围里没有住户。")
        sheets = [sources.household_sheet(register, i) for i in ids]
        return household_sheet.print_household_sheets(path, sheets, office, day.isoformat(),
                                                       bool(request.masked), progress)
    if request.form == "canvass-sheet":
        records = sources.merge_records(register, request.compound or None, request.building or None)
        if not records:
            raise InputError("scope", "所选范围里没有住户。")
        return canvass_sheet.print_canvass_sheets(path, records, office, request.round_name or "______",
                                                  day.isoformat(), progress)
    if request.form == "gate-sheet":
        if not 1 <= request.pages <= 200:
            raise InputError("pages", "空白登记表的页数请填1到200之间的数。")
        return gate_sheet.print_blank_gate_sheets(path, office, request.gate, request.pages, progress)
    figures = sources.daily_figures(register, sources.community_name(register) or office.name, day)
    return daily_report.print_daily_report(path, figures, office, progress)
