"""Every printable form by its command-line name, and one entry point that prints it from the
program's data: the window and ``menshen print FORM`` both go through ``print_form``.

Each form is drawn from plain records (``desktop/printing/<form>.py``); the register's come
from ``sources``, the gate's and the care lists' from ``feeds``.
"""
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop import place_words
from desktop.accounts.roles import Permission, output_masking, require
from desktop.errors import InputError
from desktop.files import copy_into_place, require_suffix
from desktop.printing import (canvass_sheet, daily_report, door_sign, feeds, gate_sheet, health_sheet,
                              household_sheet, isolation_notice, notice, passes, roster, sources, visit_sheet)
from desktop.printing.fonts import SONG, unprintable
from desktop.printing.forms import FORMS, NAMES_ONLY, NEVER, OFFICE, ON_REQUEST
from desktop.printing.pages import Printed, Progress
from desktop.printing.records import MergeRecord, Office
from desktop.printing.templates import NoticeTemplates, in_place_words
from desktop.register import Register
from desktop.settings import get_setting
from desktop.textnorm import clean

# What a printed form may be saved as.
PDF_KINDS = {".pdf": "PDF文件，可直接打印"}


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
    helper: str = ""                   # visit-sheet: one helper by name; empty: every helper
    reason: str = ""                   # why a full (unmasked) copy is printed: asked of an admin, audited


def office_of(register: Register) -> Office:
    # As typed on the paper page (pasted, perhaps from a workbook): a tab or a zero-width mark in
    # the phone printed as a box beside 值班室电话 on every form.
    return Office(place_words.committee_name(register.db), clean(get_setting(register.db, "office_phone")),
                  clean(get_setting(register.db, "office_masthead")), place_words.community_words(register.db))


def is_masked(request: "PrintRequest") -> bool:
    """Whether ``request`` prints its ID and phone numbers masked, as its form's ``numbers``
    decides: an office copy when asked, an on-request form unless asked full, any other always."""
    numbers = FORMS[request.form].numbers
    if numbers == OFFICE:
        return bool(request.masked)
    if numbers == ON_REQUEST:
        return request.masked is not False
    return True


def print_form(register: Register, request: PrintRequest, path: Path | str,
               progress: Progress | None = None) -> Printed:
    """Print ``request`` to ``path``, masked as its form's ``numbers`` decide (``is_masked``),
    and note it in the audit as printed. Raises InputError (in Chinese) for a bad request."""
    from desktop.audit import record_output
    from desktop.masking import masked_output
    info = FORMS.get(request.form)
    if info is None:
        raise InputError("form", f"没有“{request.form}”这种表格。可以打印：" + "、".join(FORMS))
    require_suffix(path, PDF_KINDS)
    _check_typed(request)
    if request.form in NAMES_ONLY:      # no ID number or phone on it; masked there means "no names"
        require(register, Permission.EXPORT)
        reason = request.reason
    else:                               # who may print what, masked or not: the one rule, asked
        asked = True if info.numbers == NEVER else request.masked       # of what the paper can show
        masked, reason = output_masking(register, asked, request.reason,
                                        default_masked=is_masked(replace(request, masked=None)))
        request = replace(request, masked=masked)
    masked = is_masked(request)
    with masked_output(masked, keep=(office_of(register).phone,)):     # the office's own phone stays whole
        printed = _print_form(register, request, path, progress)
    # The audit notes what the paper left out: a names-only form's names (desktop.audit.masked_words)
    noted = bool(request.masked) if request.form in NAMES_ONLY else masked
    record_output(register.db, "print", request.form, printed.items, noted, path, reason=reason)
    return printed


# What the clerk types on the paper page that a form prints as typed: (field, the page's label).
_TYPED = {"gate-sheet": ("gate", "卡口名称"), "canvass-sheet": ("round_name", "摸排轮次")}


def _check_typed(request: "PrintRequest") -> None:
    """A gate's name or a round's typed with an emoji is named, not printed as an empty box."""
    if request.form in _TYPED and not request.gate_log:      # a day's log names a gate that exists
        field, label = _TYPED[request.form]
        problem = unprintable(label, getattr(request, field), SONG)
        if problem:
            raise InputError(field, problem)


def save_preview_copy(db, request: "PrintRequest", preview: Path, path: Path | str) -> None:
    """A previewed form saved under a name of the clerk's choosing: the preview's file copied
    (to a temporary name, then renamed, so a full stick never leaves half a PDF) and noted."""
    require_suffix(path, PDF_KINDS)
    copy_into_place(preview, path)
    note_saved_copy(db, request, path)


def note_saved_copy(db, request: "PrintRequest", path: Path | str) -> None:
    """A previewed form saved under a name of the clerk's choosing (a copy of the preview's
    file, which was audited as drawn): note the copy too."""
    from desktop.audit import record_output
    record_output(db, "print", request.form, 0, is_masked(request), path, reason="保存预览的副本")


def _print_form(register: Register, request: PrintRequest, path: Path | str,
                progress: Progress | None = None) -> Printed:
    info = FORMS[request.form]
    day = request.day or date.today()
    office = office_of(register)
    if info.source == "duty":
        return roster.print_roster(path, roster.week_shifts(register.db, day), office, day, progress,
                                   roster.week_overlap_ids(register.db, day), masked=is_masked(request))
    if info.source != "register" or request.gate_log:
        return _print_gate_or_care(register, request, path, office, day, progress)
    if request.form == "notice":
        templates = NoticeTemplates(register.db)
        if not request.template:
            raise InputError("template", "请选择通知模板（--template 模板名称）。")
        try:
            template = templates.get(request.template)
        except LookupError:
            template = templates.find(request.template)
        # {小区} as a paper titles the place: a village's group after its village (李家坪村三组).
        titled = {c.name: place_words.paper_place(register.db, c.id, c.name)
                  for c, _ in sources.scope(register, request.compound or None)}
        if template.kind == "letter":
            records = [replace(r, compound=titled.get(r.compound, r.compound)) for r in
                       sources.merge_records(register, request.compound or None, request.building or None)]
            # Each household's letter in its place's words: a village group's houses of a city
            # community are written to as villagers, the community's flats as residents.
            letters = {k: in_place_words(template, place_words.words_in(k, office.words))
                       for k in {r.compound_kind for r in records}}
            return notice.print_notices(path, template, records, office, day, request.poster, progress,
                                        template_of=lambda r: letters[r.compound_kind])
        if request.compound:            # a notice for one compound: {小区} {楼栋} say which
            template = in_place_words(template, place_words.scope_words(
                register.db, sources.scope(register, request.compound)[0][0].id))
            records = [MergeRecord("", "", "", titled[request.compound.strip()], request.building)]
        else:
            records = None
        return notice.print_notices(path, template, records, office, day, request.poster, progress)
    if request.form == "household-sheet":
        if request.household_id:
            sheets = [sources.household_sheet(register, request.household_id)]
        else:
            sheets = sources.household_sheets(register, request.compound or None, request.building or None)
        if not sheets:
            raise InputError("scope", "所选范围里没有住户。")
        return household_sheet.print_household_sheets(path, sheets, office, day.isoformat(),
                                                       is_masked(request), progress)
    if request.form == "canvass-sheet":
        in_round = canvass_sheet.round_records(register, request.round_name, request.compound or None,
                                               request.building or None)
        records, codes = in_round or (sources.merge_records(register, request.compound or None,
                                                            request.building or None), None)
        if not records:
            raise InputError("scope", "所选范围里没有住户。")
        return canvass_sheet.print_canvass_sheets(path, records, office, request.round_name or "______",
                                                  day.isoformat(), progress, codes,
                                                  canvass_sheet.round_legend(register, request.round_name) if codes else "")
    if request.form == "gate-sheet":
        if not 1 <= request.pages <= 200:
            raise InputError("pages", "空白登记表的页数请填1到200之间的数。")
        return gate_sheet.print_blank_gate_sheets(path, office, request.gate, request.pages, progress,
                                                  feeds.gate_words(register, request.gate))
    if request.form == "battle-map":
        return _print_battle_map(register, request, path, office, day, progress)
    from desktop.app import App
    from desktop.overview.report import daily_report as report_of
    report = report_of(App(register.db, register), day)
    figures = sources.daily_figures(register, place_words.community_name(register.db) or office.name, day, report)
    return daily_report.print_daily_report(path, figures, office, progress, report.today)


def _print_battle_map(register: Register, request: PrintRequest, path: Path | str, office: Office, day: date,
                      progress: Progress | None) -> Printed:
    """The four-colour battle map on A3; ``masked`` (--public) leaves every name out."""
    from desktop.overview.battle_map import battle_map, compound_by_name
    from desktop.printing.battle_map import print_battle_map
    compound_id = compound_by_name(register.db, request.compound) if request.compound else None
    # One building chosen: that building's map, titled with it (幸福里小区3栋), not the compound's.
    building = sources.scope(register, request.compound, request.building)[0][1] if request.building else None
    m = battle_map(register.db, day, compound_id, public=bool(request.masked),
                   building_id=building.id if building else None)
    if not m.compounds:
        raise InputError("scope", "还没有登记任何小区（院落）或村民小组，作战图无从画起。")
    if building:
        m = replace(m, compounds=tuple(replace(c, name=f"{c.name}{building.number}栋") for c in m.compounds))
    return print_battle_map(path, m, office, place_words.community_name(register.db), progress)


def _print_gate_or_care(register: Register, request: PrintRequest, path: Path | str, office: Office,
                        day: date, progress: Progress | None) -> Printed:
    form, masked = request.form, is_masked(request)
    if form == "passes":
        cards = feeds.pass_cards(register, request.compound, request.building, day)
        if not cards:
            raise InputError("scope", "所选范围里没有有效的出入证。请先在门岗页的“出入证”里发放。")
        return passes.print_passes(path, cards, office, progress)
    if form == "visit-sheet":
        return visit_sheet.print_visit_sheets(path, feeds.visit_lists(register, request.helper, day), office,
                                              day.isoformat(), progress, masked=masked)
    if form == "gate-sheet":
        gate, entries = feeds.gate_log(register, request.gate, day)
        return gate_sheet.print_gate_log(path, office, gate, day.isoformat(), entries, progress, masked=masked,
                                         words=feeds.gate_words(register, gate))
    cases = feeds.isolation_cases(register, request.compound, request.building, day,
                                  readings=form == "health-sheet")
    if not cases:
        raise InputError("scope", "所选范围里今天没有居家隔离或医学观察的人员。")
    if form == "door-sign":                 # the place and the dates: no number of anyone's
        return door_sign.print_door_signs(path, cases, office, progress)
    draw = {"isolation-notice": isolation_notice.print_isolation_notices,
            "health-sheet": health_sheet.print_health_sheets}[form]
    return draw(path, cases, office, progress, masked=masked)
