"""Filling the street office's own report template (街道报表模板) for today.

Two forms of template: a *figures* form (a daily report: 总户数 __, 居家隔离人数 __ …, the
cells to fill either named in Excel or standing right of their label) and a *list* form (a
header row, one person a row below it). A template is mapped once, automatically by its words
and corrected by the clerk; the mapping is kept in ``report_template`` (replicated, so every
machine of the office fills the same form the same way) under the template's *signature*: its
header words or its cell names. From then on, one call fills a copy of the form for a day.
"""
import json
import re
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop import place_words
from desktop.errors import InputError
from desktop.excel import header as hdr
from desktop.excel.columns import REGISTER, auto_mapping, fields_of, header_word, signature
from desktop.excel.lists import LISTS
from desktop.excel.normalise import other_phones, split_name
from desktop.files import atomic_write, refuse_same_file, require_suffix
from desktop.textnorm import clean
from desktop.accounts.roles import Permission, require

FIGURES_FORM, LIST_FORM = "figures", "list"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    synonyms: tuple[str, ...]


FIGURES = [Figure(k, label, (label, *syn)) for k, label, syn in (
    ("date", "日期", ("填报日期", "统计日期", "报送日期", "填表日期", "时间")),
    ("community", "社区名称", ("社区", "填报单位", "单位名称", "社区（村）", "村（社区）")),
    ("households", "总户数", ("户数", "登记户数", "摸排户数", "实有户数")),
    ("people", "总人数", ("人数", "登记人数", "实有人口", "常住人口", "人口数", "摸排人数")),
    ("key_persons", "重点人员数", ("重点人员", "重点人数", "重点人员人数")),
    ("home_isolation", "居家隔离人数", ("居家隔离", "居家观察人数", "居家隔离观察人数")),
    ("observation", "医学观察人数", ("医学观察", "集中隔离人数", "集中医学观察人数")),
    ("away", "外出人数", ("外出", "外出人员")),
    ("healthy", "健康人数", ("健康",)),
    ("gate_in", "进入人次", ("进入人数", "入口登记人次", "进入")),
    ("gate_out", "外出人次", ("外出人次数", "出口登记人次", "出门人次")),
    ("gate_fevers", "卡口发热人数", ("发热人数", "体温异常人数", "发热")),
    ("gate_turned_back", "劝返人数", ("劝返",)),
    ("care_subjects", "关爱对象人数", ("特殊群体人数", "关爱人数", "关爱对象")),
    ("care_visits_due", "今日应走访人数", ("应走访人数", "待走访人数")),
    ("care_neglected", "逾期未走访人数", ("超期未走访人数", "未走访人数")),
    ("isolation_fevers", "隔离人员发热人数", ("隔离发热人数",)),
)]
FIGURE_KEYS = {f.key for f in FIGURES}
# The register list's columns by the import's field names, so a list form maps with the same
# synonyms as an import (姓名 / 身份证号码 / 联系电话 …).
_LIST_FIELDS = {"compound": 0, "building": 1, "unit": 2, "room": 3, "address_text": 4, "full_name": 5,
                "relation": 6, "sex": 7, "birth_date": 8, "id_type": 9, "id_number": 10, "phone": 11,
                "residence_kind": 12, "hukou_address": 13, "tenure": 14, "landlord_name": 15,
                "landlord_phone": 16, "is_key_person": 17, "key_reason": 18, "status": 19,
                "work_place": 20, "note": 21}
_TEXT_FIELDS = {"id_number", "phone", "landlord_phone", "other_phone", "room", "building", "unit"}
# Columns made from the list's others: the address from its parts; 姓 and 名 from the name, for a
# form that keeps it in two columns (normalise.split_name); the person's other phones from the
# note the import keeps them in (normalise.other_phones); 户号 numbers the list's households 1, 2,
# 3… in the order written, a household's members sharing it (the register keeps households, not
# a ledger's own numbers: the import reads those only to group the rows).
_MADE_FIELDS = {"address", "surname", "given_name", "other_phone", "household_no"}


#: The key of a form's 序号 column: the filling numbers its rows 1, 2, 3… in the order written.
SEQ = "seq"


def _list_fills() -> dict[str, str]:
    """What a list form's column can be filled with, by key, with the header a clerk knows it by,
    in the order the mapping dialog offers it: 序号, 住址, the register's fields as an import maps
    them (姓 before 名), 小区 last. A ledger's field the list cannot fill is not offered."""
    fills = {SEQ: "序号", "address": "住址"}
    for key, f in fields_of(REGISTER).items():
        if key == "given_name":
            fills["surname"] = "姓"
        if key not in ("address", "compound") and (key in _LIST_FIELDS or key in _MADE_FIELDS):
            fills[key] = f.label
    return {**fills, "compound": fields_of(REGISTER)["compound"].label}


#: The one list of what a list form can be filled with: the dialog offers it, saving and the
#: automatic mapping keep only what is in it, the filling fills each.
LIST_FILLS = _list_fills()


@dataclass(frozen=True)
class TemplatePlan:
    """How a template is filled: which cells get which figure, or which column which field."""
    form: str
    sheet: str
    signature: str
    mapping: dict = field(default_factory=dict)     # figures {'B3': key}; list {column: field}
    header_row: int = 0                              # list form: 1-based
    list_name: str = "register"
    labels: dict = field(default_factory=dict)       # cell or column -> the template's words
    name: str = ""                                   # what the clerk called it, once kept


def is_seq_label(label) -> bool:
    """A form's 序号 column (a row number, never a figure nor a field), for a list form and a
    street's report alike."""
    return isinstance(label, str) and header_word(label) == "序号"


def _match_figure(text: str) -> str | None:
    word = header_word(text)
    if not word:
        return None
    for f in FIGURES:
        if any(header_word(s) == word for s in f.synonyms):
            return f.key
    best = None
    for f in FIGURES:
        for s in f.synonyms:
            s = header_word(s)
            # Containment only when the words are most of the label: '居家隔离人数（人）' is the
            # figure, the title '社区疫情防控每日报表' is not the community's name.
            if len(s) >= 2 and s in word and len(s) * 2 >= len(word) and (best is None or len(s) > best[1]):
                best = (f.key, len(s))
    return best[0] if best else None


def open_template(path: Path | str):
    """The template as an openpyxl workbook (it is filled and saved with its own formatting), after
    the checks an import makes of a ledger: it exists, is an .xlsx inside, declares no more than a
    ledger could hold (a "zip bomb" is refused before reading), and is not damaged."""
    import zipfile
    from openpyxl import load_workbook
    from desktop.excel import guard, reading
    path = Path(path)
    if not path.is_file():
        raise InputError("template", f"找不到模板文件：{path}")
    guard.check_package(path, template=True)    # 0 bytes (never saved whole), a "zip bomb": said first
    reading.check_not_program_file(path, template=True)     # a register or sync package renamed .xlsx
    kind, suffix = reading._content_kind(path), path.suffix.lower()
    # A password to open, a web page or another program's file under a workbook's name: said for
    # what it is, as the import says it (resaving in Excel keeps a password, a PDF opens in no Excel).
    if reading._has_password(path, None) or (kind == "other" and suffix not in {".csv", ".txt"}):
        raise reading._unopened(path, None, template=True)
    if suffix not in {".xlsx", ".xlsm"} or kind != "zip":
        raise InputError("template", f"“{path.name}”不是.xlsx格式的Excel工作簿，不能作为报表模板填写。"
                                     "如果是.xls、.csv或WPS表格，请在Excel（或WPS）中打开，"
                                     "另存为“Excel工作簿（*.xlsx）”后再选。")
    try:
        return load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        # openpyxl's own "invalid file" errors are ValueError/KeyError kinds; a cut file is a bad
        # zip; a Word file renamed .xlsx has no workbook in it: each said as the import says it.
        if isinstance(exc, OSError) and (exc.errno in reading.NOT_READ or reading._is_locked(exc)):
            raise guard.as_template(reading.unread(exc, path)) from exc      # a stick pulled, Excel holding it
        raise reading._unopened(path, exc, template=True) from exc


def inspect_template(path: Path | str) -> TemplatePlan:
    """Read a template and map it automatically (the clerk can correct the mapping)."""
    return _inspect(open_template(path))


def _inspect(book) -> TemplatePlan:
    named = _named_plan(book)
    if named is not None and named.mapping:
        return named
    # The form is on the first sheet the clerk can see that has one: a hidden sheet (lists for
    # drop-downs) or a sheet of instructions before the form is passed over, never filled.
    for ws in book.worksheets:
        if ws.sheet_state == "visible" and (plan := _list_plan(ws) or _cells_plan(ws)):
            return plan
    if named is not None:                     # cell names none of which says a figure: the clerk maps them
        return named
    raise InputError("template", "这个模板里既没有表头行，也没有“总户数”“居家隔离人数”这样的填报项，"
                     "无法自动对应。请确认选择的是街道下发的报表模板。")


def _named_plan(book) -> TemplatePlan | None:
    """The form by its cell names (a name for a range stands for its first cell)."""
    names = {}
    for name, defined in book.defined_names.items():
        try:
            destinations = list(defined.destinations)
        except (ValueError, KeyError, TypeError):           # a name for a constant or another workbook
            continue
        for sheet, ref in destinations:
            if sheet in book.sheetnames:
                names[name] = (sheet, ref.replace("$", "").split(":")[0])
    if not names:
        return None
    sheet = next(iter(names.values()))[0]
    mapping = {f"{s}!{ref}": _match_figure(n) for n, (s, ref) in names.items()}
    labels = {f"{s}!{ref}": n for n, (s, ref) in names.items()}
    return TemplatePlan(FIGURES_FORM, sheet, "names:" + "|".join(sorted(names)),
                        {k: v for k, v in mapping.items() if v}, labels=labels)


def _list_plan(ws) -> TemplatePlan | None:
    rows = [[c.value for c in row] for row in ws.iter_rows(max_row=min(ws.max_row, 60))]
    header = hdr.find_header(rows, REGISTER)
    if header is None or header.score < 3:
        return None
    mapping = {i: k for i, k in auto_mapping(list(header.labels), REGISTER).items() if k in LIST_FILLS}
    if "given_name" in mapping.values():            # 姓 | 名: the name column (姓) is the surname's
        mapping = {i: "surname" if k == "full_name" else k for i, k in mapping.items()}
    title = " ".join(hdr.title_text(rows, header).split())
    labels = {i: x for i, x in enumerate(header.labels)}
    for i, label in labels.items():
        if is_seq_label(label):
            mapping[i] = SEQ
    return TemplatePlan(LIST_FORM, ws.title, "list:" + signature(list(header.labels)), mapping,
                        header_row=header.last_row + 1,
                        list_name="key-persons" if "重点" in title else "register", labels=labels)


# A blank a form leaves for the figure: '____', '（    ）', spaces.
_BLANK = re.compile(r"[\s_＿()（）\[\]【】]*")


def _cells_plan(ws) -> TemplatePlan | None:
    """A figures form without names: a label cell with a blank cell to its right (right of the
    label's merged range, when the label spans several cells)."""
    from openpyxl.cell.cell import MergedCell
    spans = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges}
    mapping, labels, words = {}, {}, []
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and (key := _match_figure(cell.value)) and key not in mapping.values():
                target = ws.cell(cell.row, spans.get((cell.row, cell.column), cell.column) + 1)
                if isinstance(target, MergedCell):   # inside a merged range that starts elsewhere
                    continue
                if target.value is None or isinstance(target.value, str) and _BLANK.fullmatch(target.value):
                    mapping[target.coordinate] = key
                    labels[target.coordinate] = clean(cell.value)
                    words.append(header_word(cell.value))
    if not mapping:
        return None
    return TemplatePlan(FIGURES_FORM, ws.title, "cells:" + "|".join(words), mapping, labels=labels)


def _target_cell(ws, ref: str):
    """The cell a figure goes in: a range's first cell, a merged range's top-left cell (the
    only one Excel shows and keeps)."""
    from openpyxl.cell.cell import MergedCell
    cell = ws[ref.split(":")[0]]
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if cell.coordinate in merged:
                return ws.cell(merged.min_row, merged.min_col)
    return cell


def save_template(app, name: str, plan: TemplatePlan) -> str:
    """Keep (or update) the mapping under the template's signature; it travels with sync."""
    require(app, Permission.SETTINGS)
    fills = LIST_FILLS if plan.form == LIST_FORM else FIGURE_KEYS
    if bad := [_where(plan, target) for target, k in plan.mapping.items() if k not in fills]:
        raise InputError("mapping", f"模板里{'、'.join(bad)}选的填报项这个程序填不了。"
                                    "请给它重新选择要填的内容，或选“（不填）”。")
    if not plan.mapping:
        raise InputError("mapping", "还没有给任何一个空格或一列选择要填的内容，请至少选一项。")
    if not clean(name):
        raise InputError("name", "请给这个模板起个名字（例如：每日疫情防控报表）。")
    values = {"name": clean(name), "form": plan.form, "signature": plan.signature, "sheet": plan.sheet,
              "header_row": plan.header_row or None, "list_name": plan.list_name,
              "mapping": json.dumps({str(k): v for k, v in plan.mapping.items()}, ensure_ascii=False, sort_keys=True)}
    with app.db.transaction() as conn:
        row = conn.execute("SELECT id FROM report_template WHERE signature = ? AND is_deleted = 0"
                           " ORDER BY created_wall DESC LIMIT 1", (plan.signature,)).fetchone()
        if row:
            app.register._update(conn, "report_template", row[0], values)
            return row[0]
        return app.register._insert(conn, "report_template", values)


def _where(plan: TemplatePlan, target) -> str:
    """A blank or a column as the clerk sees it on the form: its header or label, never a key."""
    from openpyxl.utils import get_column_letter
    label = clean(plan.labels.get(target))
    if plan.form == LIST_FORM:
        return f"“{label}”一列" if label else f"{get_column_letter(int(target) + 1)}列"
    return f"“{label}”一格" if label else f"{str(target).rpartition('!')[2]}格"


def saved_plan(app, plan: TemplatePlan) -> TemplatePlan | None:
    """The kept mapping of a template with the same signature, if it was mapped before."""
    with app.db.reading() as conn:
        row = conn.execute("SELECT form, sheet, mapping, header_row, list_name, name FROM report_template"
                           " WHERE signature = ? AND is_deleted = 0 ORDER BY created_wall DESC LIMIT 1",
                           (plan.signature,)).fetchone()
    if not row:
        return None
    mapping = {(int(k) if row[0] == LIST_FORM else k): v for k, v in json.loads(row[2]).items()}
    if row[0] == LIST_FORM:
        mapping = _split_name_kept_whole(mapping, plan.mapping)
    return TemplatePlan(row[0], row[1], plan.signature, mapping, row[3] or 0, row[4] or "register", plan.labels,
                        row[5])


def _split_name_kept_whole(kept: dict, auto: dict) -> dict:
    """A kept mapping of a form with 姓 | 名 columns, from before they could be filled (the
    mapping dialog refused 名): the whole name under 姓, 名 empty. Every form filled once in the
    window was kept so: its two columns are mapped here as the automatic mapping has them, unless
    the clerk gave the 名 column something else."""
    surname = next((c for c, k in auto.items() if k == "surname"), None)
    given = next((c for c, k in auto.items() if k == "given_name"), None)
    if surname is None or given is None or kept.get(surname) != "full_name" or given in kept:
        return kept
    return dict(sorted({**kept, surname: "surname", given: "given_name"}.items()))


def figures(app, on: date) -> dict:
    """Every figure a daily form may ask for, as of ``on``: the Today page's own figures
    (desktop/overview), so the filled form and the screen agree."""
    from desktop.overview.report import template_values
    return {**template_values(app, on), "community": place_words.community_name(app.db)}


def fill_template(app, template: Path | str, out: Path | str, *, on: date | None = None,
                  plan: TemplatePlan | None = None, masked: bool | None = None, progress=None,
                  reason: str = "") -> int:
    """Fill a copy of the template for the day; returns how many cells or rows were filled.
    Uses the kept mapping when the template was mapped before, else the automatic one. Masked
    or not, and who may: ``desktop.accounts.roles.output_masking`` (as for every export)."""
    from desktop.accounts.roles import output_masking
    masked, reason = output_masking(app, masked, reason, default_masked=False)
    from desktop.excel.cells import put
    refuse_same_file(out, template, "要填写的空白模板")
    require_suffix(out, {".xlsx": "Excel工作簿"})    # openpyxl writes no macros: never .xlsm
    on = on or date.today()
    book = open_template(template)
    auto = _inspect(book)                     # reads the blank form; the filling below writes it
    plan = plan or saved_plan(app, auto) or auto
    if not plan.mapping:
        raise InputError("mapping", f"模板“{Path(template).name}”里还没有对应任何要填的格子，没有填写。"
                                    "请用“修改模板的对应”给要填的格子选择填报项后再填。")
    if plan.form == FIGURES_FORM:
        from openpyxl.styles.numbers import is_date_format
        values = figures(app, on)
        for target, key in plan.mapping.items():
            sheet, _, ref = target.rpartition("!")
            cell = _target_cell(book[sheet] if sheet else book[plan.sheet], ref)
            put(cell, values[key])
            if key == "date" and not is_date_format(cell.number_format):
                cell.number_format = "yyyy-mm-dd"      # the form's own date format ('2020年2月20日') is kept
        count = len(plan.mapping)
    else:
        ws = book[plan.sheet]
        rows = list(LISTS[plan.list_name].rows(app, on, None, households=True))
        footer, shift = _make_room(ws, plan, len(rows))
        _stretch_print_area(ws, plan, len(rows), footer, shift)
        count, numbers = 0, {}                      # household id -> its 户号 on this form
        for count, (*row, household) in enumerate(rows, 1):
            if progress is not None and count % 1000 == 0:
                progress(count, 0)          # may raise to stop: nothing is written
            r = plan.header_row + count
            for col, key in plan.mapping.items():
                cell = ws.cell(r, int(col) + 1)
                if key == SEQ:
                    value = count
                elif key == "household_no":           # a person without a household: none
                    value = numbers.setdefault(household, len(numbers) + 1) if household else None
                else:
                    value = _list_value(row, key, masked)
                put(cell, value)
                if key in _TEXT_FIELDS:
                    cell.number_format = "@"
    with atomic_write(out) as tmp:
        book.save(tmp)
    from desktop.audit import record_output
    record_output(app.db, "export", f"template:{plan.list_name if plan.form != FIGURES_FORM else 'figures'}",
                  count, masked, out, reason=reason)
    return count


def _footer_row(ws, plan: TemplatePlan) -> int | None:
    """The first row below a list form's blank rows that the form itself fills ('合计',
    '填表人：    审核人：'); None when the form ends with its header or its blank rows. Row
    numbers printed in advance in the 序号 column are blank rows, not a footer, nor is an example row."""
    seq = {int(c) + 1 for c, key in plan.mapping.items() if key == "seq"}
    for row in ws.iter_rows(min_row=plan.header_row + 1):
        if any(isinstance(c.value, str) and (c.value.strip().startswith("例") or "示例" in c.value) for c in row):
            continue                    # a filled-in example ('示例', '例：张三') is written over
        for cell in row:
            value = cell.value
            if value is None or isinstance(value, str) and _BLANK.fullmatch(value):
                continue
            if cell.column in seq and isinstance(value, (int, float)):
                continue
            return cell.row
    return None


_REF = re.compile(r"(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?$")


def _moved_formula(formula: str, first: int, footer: int, shift: int, last: int) -> str:
    """A footer formula moved ``shift`` rows down: its references to the footer move with it,
    a range over the list's blank rows (first .. footer-1, '=COUNTA(B3:B23)') grows to the
    list's last row ``last``; references elsewhere (another sheet) stay."""
    from openpyxl.formula.tokenizer import Token, Tokenizer
    tokens = Tokenizer(formula)
    for token in tokens.items:
        if token.type != Token.OPERAND or token.subtype != Token.RANGE or "!" in token.value:
            continue
        m = _REF.match(token.value)
        if not m:
            continue
        c1, r1, c2, r2 = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        r2 = int(r2) if r2 else None
        if r2 is not None and first <= r1 < footer and r2 == footer - 1:
            r2 = last
        r1 = r1 + shift if r1 >= footer else r1
        if r2 is not None and r2 >= footer and r2 != last:
            r2 += shift
        token.value = f"{c1}{r1}" + (f":{c2}{r2}" if c2 else "")
    return tokens.render()


def _make_room(ws, plan: TemplatePlan, count: int) -> tuple[int | None, int]:
    """Move a list form's footer (合计, 填表人, 审核人) below the ``count`` rows it will hold, so
    the list never writes over it; its merged cells, row heights and formulas move with it.
    Returns (the footer's first row as it was, how many rows it moved down)."""
    from openpyxl.utils import get_column_letter
    footer = _footer_row(ws, plan)
    if footer is None:
        return None, 0
    shift = plan.header_row + count + 1 - footer
    if shift <= 0:
        return footer, 0
    last_row, last_col = ws.max_row, ws.max_column
    for row in ws.iter_rows(min_row=footer, max_row=last_row):
        for cell in row:
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.value = _moved_formula(cell.value, plan.header_row + 1, footer, shift, plan.header_row + count)
    merged = [r for r in ws.merged_cells.ranges if r.min_row >= footer]
    for r in merged:
        ws.unmerge_cells(r.coord)
    ws.move_range(f"A{footer}:{get_column_letter(last_col)}{last_row}", rows=shift)
    for r in merged:
        r.shift(0, shift)
        ws.merge_cells(r.coord)
    model = footer - 1                  # the form's last blank row: its borders for the rows added
    if model > plan.header_row:
        for col in range(1, last_col + 1):
            if ws.cell(model, col).has_style:
                style = copy(ws.cell(model, col)._style)
                for n in range(footer, footer + shift):
                    ws.cell(n, col)._style = copy(style)
    heights = {n: ws.row_dimensions[n].height for n in range(footer, last_row + 1) if ws.row_dimensions[n].height}
    for n in heights:
        ws.row_dimensions[n].height = None
    for n, height in heights.items():
        ws.row_dimensions[n + shift].height = height
    return footer, shift


def _stretch_print_area(ws, plan: TemplatePlan, count: int, footer: int | None, shift: int) -> None:
    """A print area over the form's header and blank rows grows to the whole list (and the
    moved footer): it printed the first 20 people of 600 and nothing said so."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries
    if not ws.print_area:
        return
    areas = []
    for area in ws.print_area.split(","):
        ref = area.rpartition("!")[2].replace("$", "")
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            return                              # a print area openpyxl cannot read: left as it is
        if None in (min_col, min_row, max_col, max_row):     # whole columns or rows: already all of it
            areas.append(ref)
            continue
        if min_row <= plan.header_row <= max_row:
            if footer is not None and max_row >= footer:
                max_row += shift
            max_row = max(max_row, plan.header_row + count)
        areas.append(f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}")
    ws.print_area = areas


def _list_value(row: tuple, key: str, masked: bool):
    from desktop.address import format_place
    from desktop.masking import mask_id_number, mask_phone, mask_text
    if key == "address":
        value = format_place(row[0], row[1], row[2], row[3], row[4]) or None
    elif key in ("surname", "given_name"):           # a name it cannot split: whole under 姓, 名 empty
        value = split_name(row[_LIST_FIELDS["full_name"]])[key == "given_name"] or None
    elif key == "other_phone":
        found = other_phones(row[_LIST_FIELDS["note"]])
        if masked:                                   # each as the 联系电话 column masks its one
            found = [re.sub(r"[0-9][0-9-]{5,}[0-9]", lambda m: mask_phone(m.group()), x) for x in found]
        return "、".join(found) or None
    else:
        value = row[_LIST_FIELDS[key]]
    if masked and value and key == "id_number":
        return mask_id_number(value)
    if masked and value and key in ("phone", "landlord_phone"):
        return mask_phone(value)
    return mask_text(value) if masked else value
