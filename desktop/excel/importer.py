"""Importing a ledger: a preview of every row first, then one transaction for the good rows.

``plan_import`` reads the file, finds each sheet's header, maps the columns and validates every
row without writing anything: the preview. ``apply_import`` writes the good rows of a plan in
one ``db.transaction()`` through the kind's writer, so a crash or a cancel leaves the database
as it was. ``write_rejects`` hands the bad rows back as an .xlsx with the original cells, the
reason in a comment on each wrong cell and in an extra column, ready to fix and import again.
"""
import os
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Callable, Collection

from desktop.care import vocab as care_vocab
from desktop.collector import collector_paused
from desktop.errors import InputError, InputErrors
from desktop.excel import header as hdr
from desktop.excel import normalise as n
from desktop.excel.canvass_kind import write_canvass
from desktop.excel.carry import CarryDown
from desktop.excel.columns import (CANVASS, CARE, GATE, IGNORED, KIND_LABELS, KINDS, REGISTER, about_the_head,
                                   auto_mapping, field_label, fields_of, header_word, match_word,
                                   remember_mapping, remembered_mapping)
from desktop.excel.gate_care_import import (gate_writes_nothing, listed_frequency, mark_already_imported, write_care,
                                            write_gate)
from desktop.excel.kinds import NO_DAY, ROW_VALIDATORS, RowContext, unmasked
from desktop.excel.memo import CellMemo
from desktop.excel.plan import (ImportCancelled, ImportedAs, ImportPlan, ImportResult, Notice, PlanRow,  # noqa: F401 (re-exported)
                                Progress, SheetChoice, SheetPlan, TwoSteps, as_refused,
                                said_when_refused)
from desktop.excel.reading import Sheet, open_elsewhere, read_sheets, unseen
from desktop.excel.register_import import check_register_rows, register_writes_nothing, write_register
from desktop.files import atomic_write, refuse_same_file
from desktop import place_words
from desktop.register.places import place_core
from desktop.register.residence import LIVES_HERE, home_names
from desktop.textnorm import clean
from desktop.accounts.roles import Permission, require

NOT_SHOWN = {"household_no",         # read to group households; the address column shows the result
             "given_name"}           # joined to the 姓 it follows: the 姓名 column shows the name
REASON_HEADER = "错误原因"
# Header words whose meaning depends on the values below them: 居住类型 is 自有/租住 in one
# office (tenure) and 户籍/流动 in another (residence kind).
AMBIGUOUS = {"居住类型": ("tenure", "residence_kind"), "居住性质": ("tenure", "residence_kind"),
             "居住情况": ("tenure", "residence_kind"), "类型": ("tenure", "residence_kind"),
             "性质": ("tenure", "residence_kind")}
_VALUE_VOCAB = {"tenure": "tenure", "residence_kind": "residence"}


def guess_kind(sheets: list[Sheet]) -> str:
    """The kind whose telling columns (与户主关系 / 体温 / 走访频次 …) the headers have most."""
    total = Counter()
    for s in sheets:
        total.update(hdr.kind_scores(s.rows, s.merged))
    return max(KINDS, key=lambda k: (total[k], k == REGISTER))


def _resolve_ambiguous(labels: list[str], mapping: dict[int, str], rows: list[list], start: int) -> None:
    """Map a '居住类型' column to tenure or residence kind by the values it holds."""
    taken = set(mapping.values())
    for i, label in enumerate(labels):
        options = AMBIGUOUS.get(header_word(label))
        if i in mapping or not options:
            continue
        values = [r[i] for r in rows[start:start + 200] if i < len(r) and not n.is_empty(r[i])]
        for key in options:
            if key not in taken and values and sum(_says(v, key) for v in values) * 2 > len(values):
                mapping[i] = key
                taken.add(key)
                break


def _members_in_one_cell(labels: list[str], mapping: dict[int, str], rows: list[list], start: int) -> str:
    """A register kept a household a row: 户主姓名, the head's number, and 家庭成员 holding the
    others ('李梅（妻）、张小明（子）'). The name column went to 家庭成员 and the head's number
    was given to a person called 李梅（妻）、张小明. The row's person is the head; the members'
    cell is kept in the head's note (each member needs a row of their own). What was done, for
    the preview; '' when the sheet is no such ledger."""
    from openpyxl.utils import get_column_letter as letter
    name = next((i for i, k in mapping.items() if k == "full_name"), None)
    head = next((i for i, label in enumerate(labels) if i not in mapping and about_the_head(word := header_word(label))
                 and (match_word(word, REGISTER) or ("",))[0] == "full_name"), None)
    if name is None or head is None:
        return ""
    values = [r[name] for r in rows[start:start + 200] if name < len(r) and not n.is_empty(r[name])]
    if not values or 3 * sum(bool(n.several_names(v)) for v in values) < len(values):
        return ""
    del mapping[name]
    mapping[head] = "full_name"
    kept = "note" not in mapping.values()
    if kept:
        mapping[name] = "note"
    ordered = sorted(mapping.items())           # in the sheet's order, as auto_mapping gives it
    mapping.clear()
    mapping.update(ordered)
    said = (f"{letter(name + 1)}列“{n.text(labels[name])}”一格里写着一户的几个人，不能作为姓名：每行按"
            f"{letter(head + 1)}列“{n.text(labels[head])}”的户主导入，")
    return said + ("这一列原样记在户主的备注里。" if kept else "这一列没有导入。") + \
        "家庭成员要登记，请每人一行（姓名、身份证号码、与户主关系）补上后再导入。"


# How many of a column's filled cells (of the first rows) must look like a surname, or a given
# name, for 姓名 over two columns to be read as 姓 | 名: a section row (3号楼) or a stray note
# may be among them, a column of whole names (曾用名) or of 户主 | 家庭成员 is not.
_SPLIT_NAME_SHARE = 0.9


def _name_in_two_columns(labels: list[str], mapping: dict[int, str], rows: list[list], start: int) -> None:
    """姓名 merged over two columns with no 姓 | 名 row under it (or the second column's header
    left blank): the second column mapped to the given name when the rows say so, a surname
    (张, 欧阳) in the first and one or two characters (三, 小明) in the second. Only 张 was
    imported, and a notice said the second column was not. Left out (and said so, as before)
    when the rows do not say it: the join could make one person of two names."""
    name = next((i for i, k in mapping.items() if k == "full_name"), None)
    given = None if name is None else name + 1
    if given is None or given >= len(labels) or given in mapping or "given_name" in mapping.values() \
            or header_word(labels[given]) not in ("", header_word(labels[name])):
        return
    surnames = givens = both = either = 0
    filled_surnames = filled_givens = 0
    for row in rows[start:start + 200]:
        first = row[name] if name < len(row) else None
        second = row[given] if given < len(row) else None
        a, b = not n.is_empty(first), not n.is_empty(second)
        either += a or b
        both += a and b
        if a:
            filled_surnames += 1
            surnames += n.is_surname(first)
        if b:
            filled_givens += 1
            givens += n.is_given_name(second)
    if both and both * 2 >= either and surnames >= _SPLIT_NAME_SHARE * filled_surnames \
            and givens >= _SPLIT_NAME_SHARE * filled_givens:
        mapping[given] = "given_name"
        ordered = sorted(mapping.items())       # in the sheet's order, as auto_mapping gives it
        mapping.clear()
        mapping.update(ordered)


def _one_name(cells: dict, name_at: int, given_at: int, r: int, whole: bool = False) -> ImportedAs | None:
    """The row's 姓 and 名 (two columns) joined into its one name (``cells``' full_name), and
    what to check when only one of them is filled: kept, flagged. Neither: no name, as a blank
    姓名 is. ``whole``: the row's two cells are merged into one, the whole name typed in it."""
    name, missing = n.joined_name(cells.get("full_name"), cells.pop("given_name", None))
    cells["full_name"] = name
    if not missing or whole:
        return None
    has, filled_at, empty_at = ("姓", name_at, given_at) if missing == "名" else ("名", given_at, name_at)
    if (n.is_surname if missing == "名" else n.is_given_name)(name):
        said = f"姓名只有{has}“{name}”，没有{missing}（{_cell_name(empty_at, r)}格是空的）"
        return ImportedAs("full_name", f"{said}，按“{name}”导入，请核对并补上{missing}。",
                          when_refused=f"{said}，请补上{missing}。")
    # '张小明' in one of the two cells: the whole name typed there, not a part to complete.
    return ImportedAs("full_name", f"姓名“{name}”整个写在了{has}一格（{_cell_name(filled_at, r)}格）里，"
                                   f"{missing}（{_cell_name(empty_at, r)}格）是空的，按“{name}”导入，请核对。")


def _says(value, key: str) -> bool:
    """Whether a cell is a word of a tenure or residence-kind column (常住: one of the latter,
    though it leaves the 户籍 to the 户籍地)."""
    return n.matches_code(value, _VALUE_VOCAB[key]) or (key == "residence_kind" and n.text(value) in LIVES_HERE)


# Stronger endings first: '幸福里小区' is the compound, not '幸福里'.
_COMPOUND_ENDINGS = ("小区", "花园", "家园", "新村", "公寓", "大厦", "院落", "苑", "院", "里", "村")


def compound_from_title(title: str) -> str:
    """'通济街道幸福里小区居民信息台账（2020年2月）' -> '幸福里小区'. The text above a header is
    read a cell at a time first: a line under the title (填报单位：桂花园社区居委会) cut the
    title's compound off at its 社区."""
    for part in title.split():
        if found := _compound_in(part):
            return found
    return _compound_in(title)


def _compound_in(title: str) -> str:
    title = re.sub(r"^.*?(街道办事处|街道|社区居委会|社区|镇|乡)", "", title.split("（")[0].split("(")[0])
    for ending in _COMPOUND_ENDINGS:
        m = re.search(r"([^\s，,]{1,10}?" + ending + ")", title)
        if m:
            return m.group(1)
    return ""


# Where a place's name ends in an address: a street (新民主路) or a compound (幸福里小区).
_PLACE_NAME = re.compile(r"^(.*(?:大街|大道|胡同|路|街|巷|弄|小区|花园|家园|新村|公寓|大厦|社区|苑|院|里|村|组))")


def shared_place_name(sheets: list[Sheet], plans: list[SheetPlan], sample: int = 500) -> str:
    """The place name the address cells all start with ('新民主路3号1单元…' -> '新民主路'), to
    suggest as the compound when the file names none; '' when they share none."""
    texts = []
    for s, p in zip(sheets, plans):
        cols = [i for i, k in p.mapping.items() if k in ("address", "address_text")]
        for row in s.rows[p.header.data_start:p.header.data_start + sample]:
            texts += [n.text(row[i]) for i in cols if i < len(row) and not n.is_empty(row[i])]
    if not texts:
        return ""
    m = _PLACE_NAME.match(os.path.commonprefix(texts))
    return m.group(1) if m and len(m.group(1)) >= 2 else ""


def _file_year(sheets: list[Sheet], plans: list[SheetPlan], title: str) -> int | None:
    years = Counter()
    for s, p in zip(sheets, plans):
        cols = [i for i, k in p.mapping.items() if k in ("date", "last_visit")]
        for row in s.rows[p.header.data_start:]:
            for i in cols:
                if i < len(row) and (y := n.year_of(row[i])):
                    years[y] += 1
    if years:
        return years.most_common(1)[0][0]
    m = re.search(r"(20\d\d)年", title)
    return int(m.group(1)) if m else None


def _flag_repeats(rows: list[PlanRow], kind: str, cells_of) -> list[PlanRow]:
    """A gate pass typed twice (same time, person, direction), a person twice on a care list."""
    seen: dict = {}
    out = []
    for row in rows:
        if row.ok:
            d = row.draft
            key = (d.at, d.full_name or d.plate, d.direction) if kind == GATE else (
                d.id_number or (d.full_name, place_core(d.compound), d.building, d.unit, d.room, d.address_text))
            if key in seen:
                what = "同一时间、同一人、同一方向" if kind == GATE else "同一个人"
                row = as_refused(row, (InputError("full_name", f"与{seen[key].where()}重复（{what}），只导入一次。"),),
                                 cells_of(row))
            else:
                seen[key] = row
        out.append(row)
    return out


def _lost_digits(rows: list[PlanRow], plans: list[SheetPlan]) -> tuple[list[PlanRow], list[str]]:
    """An ID column Excel kept as numbers (4.20106E+17) refuses its rows alike: the long
    explanation (how to fix it in Excel) is said once for the file, naming each sheet's column and
    how many rows, and each row says it short. One such row keeps the long message."""
    from openpyxl.utils import get_column_letter as letter
    lost: dict[str, list] = {}
    for row in rows:
        for e in row.errors:
            if isinstance(e, n.LostDigits):
                lost.setdefault(row.sheet, []).append(e)
    if sum(map(len, lost.values())) < 2:
        return rows, []
    short = lambda e: InputError(e.field, n.FLOAT_ID_SHORT.format(shown=e.value), value=e.value)  # noqa: E731
    rows = [replace(r, errors=tuple(short(e) if isinstance(e, n.LostDigits) else e for e in r.errors))
            if r.sheet in lost and not r.ok else r for r in rows]
    places: dict[str, list[str]] = {}            # the column(s) -> the sheets that have them
    for p in plans:
        if p.name not in lost:
            continue
        columns = "、".join(f"“{p.labels[i]}”（{letter(i + 1)}列）" for i, k in sorted(p.mapping.items())
                           if k == "id_number")
        places.setdefault(columns, []).append(p.name)
    # Said once for the file: ten sheets (一组 … 十组) said it ten times, a page of red that
    # pushed the counts and the Import button below a 768-pixel screen.
    count = {columns: sum(len(lost[name]) for name in names) for columns, names in places.items()}
    where = ["工作表" + "、".join(f"“{name}”" for name in names) + f"的{columns}" for columns, names in places.items()]
    where = (f"{where[0]}有{count[next(iter(places))]}个" if len(where) == 1 else
             "、".join(f"{w}{c}个" for w, c in zip(where, count.values())) + f"，共{sum(count.values())}个")
    notices = [f"{where}身份证号码在Excel里被存成了数字（显示成{next(iter(lost.values()))[0].value}这样）：Excel只保留15位"
               f"有效数字，后几位已经丢失，无法恢复，也不能猜，这些行没有导入。请在Excel里选中这一列→右键→设置单元格格式→"
               f"“文本”，再重新录入原始号码（或从原来的系统重新导出，身份证号码一列导出为文本），然后再导入。"]
    return rows, notices


# The column without which every row of a kind is refused (a gate pass needs its direction, a
# care subject a category).
_DEFINING = {GATE: ("direction", "进/出"), CARE: ("categories", "关爱类别")}


def _choose_kind(kind: str) -> Notice:
    """How to import the file as ``kind`` instead: the window's kind box, or --kind. The box
    offers no 摸排结果: its 按表头自动识别 reads a filled canvass sheet as one (the window at hand;
    the canvass page's own import is a second way, not needed here)."""
    choice = "按表头自动识别" if kind == CANVASS else KIND_LABELS[kind]
    return Notice(f"请在上方“台账类型”里改选“{choice}”，再点“检查文件”", f"请改用 --kind {kind}")


# The window's columns pane and its button, as the clerk reads them (ui/dialogs/import_wizard.py).
MAPPING_PANE, CHECK_MAPPING = "左边“列对应”", "“按此对应重新检查”"


def _name_the_column(label: str) -> Notice:
    """How to say which column is ``label``: in the window's columns pane; at the command line,
    which has none, by the column's header in Excel."""
    return Notice(f"请在{MAPPING_PANE}里指定哪一列是“{label}”，再点{CHECK_MAPPING}",
                  f"请在Excel里把那一列的表头改成“{label}”（没有这一列就加上），保存后再导入")


def _still_open(path: Path) -> list[Notice]:
    """The file may be open in Excel or WPS (its owner file beside it): changes not yet saved
    there are not in what was read; the clerk who typed them expects them imported."""
    if not (owner := open_elsewhere(path)):
        return []
    said = (f"“{path.name}”可能正在Excel或WPS里打开（旁边有它打开时生成的“{owner}”）：这里读到的是上次保存的内容，"
            "还没保存的修改不会导入。请先在Excel或WPS里保存并关闭它，再")
    return [Notice(said + "点“检查文件”。", said + "导入。")]


def _masked_list(masked: dict, rows: list[PlanRow]) -> bool:
    """Whether the file is a masked export (or a copy of one): at least half its rows have a
    masked number. Then it is said once for the file, not on every row (299 yellow rows, each
    saying the same, buried the rows that had something to check)."""
    return bool(masked) and len(masked) * 2 >= len(rows)


def file_notices(kind: str, guessed: str, plans: list[SheetPlan], masked: int = 0) -> list[Notice]:
    """What is wrong with the whole file, said once instead of once per row: the kind chosen is
    not what the file is, or the file is a masked export (``masked``: its rows with a masked
    number; ``kinds.unmasked``)."""
    notices = []
    needed, label = _DEFINING.get(kind, ("", ""))
    if needed and guessed != kind and not any(needed in p.mapping.values() for p in plans):
        notices.append(Notice.saying(
            lambda kind_how, column_how: f"这个文件看起来是{KIND_LABELS[guessed]}，不是{KIND_LABELS[kind]}：没有“{label}”"
                                         f"这一列，所以每一行都导入不了。如果选错了台账类型，{kind_how}；如果确实是"
                                         f"{KIND_LABELS[kind]}，{column_how}。",
            _choose_kind(guessed), _name_the_column(label)))
    notices += _second_columns(kind, plans)
    if masked:
        # The guide's words (docs/使用说明.md). Only an admin may export whole numbers
        # (roles.output_masking): the export's check box in the window, --full at the command line.
        notices.append(Notice.saying(
            lambda how: f"这是一份脱敏的名单（{masked}行的身份证号码或电话中间用*遮住了）：遮住的号码不能导入，"
                        f"已登记的号码保持不变，其余各列照常导入。要导入号码，请用管理员账号{how}"
                        f"导出的名单，或者在这份名单里填上完整的号码。",
            Notice("不勾选“隐去身份证号码和电话号码”", "加 --full（不隐去号码）")))
    return notices


# Who a row is: a formula without its result here would import a person with no name or no ID
# number (and a later file with the values would add them again), so the row is refused.
# Elsewhere the row is kept, the cell taken as blank, with a warning.
WHO_FIELDS = frozenset({"full_name", "given_name", "id_number"})
SAVE_IN_EXCEL = "请在 Excel（或 WPS）中打开此文件并保存后再导入"


def _second_columns(kind: str, plans: list[SheetPlan]) -> list[Notice]:
    """A column whose header names a field another column already fills (a second 电话, a
    手机号 beside 联系电话) is not imported: said once, so a landline or a second number is
    not dropped without a word. A column the clerk's own mapping left out is their choice."""
    fields = fields_of(kind)
    # The same column on every sheet (一组 … 十组 alike) is said once, naming the sheets: said
    # once a sheet, ten notices buried the others.
    sheets: dict[tuple, list[str]] = {}
    for p in plans:
        if p.corrected:
            continue
        filled = {key: col for col, key in p.mapping.items()}
        for col, label in enumerate(p.labels):
            word = header_word(label)
            found = match_word(word, kind) if col not in p.mapping and word not in IGNORED else None
            if found and found[0] in filled and not about_the_head(word):
                used = filled[found[0]]
                sheets.setdefault((col, n.text(label), found[0], used, n.text(p.labels[used])), []).append(p.name)
    if not sheets:
        return []
    # here only: openpyxl is a tenth of a second to load, in every preview (issue 14.8)
    from openpyxl.utils import get_column_letter as letter
    return [Notice.saying(
        lambda how: f"{'、'.join(f'“{name}”' for name in names)}的{letter(col + 1)}列“{label}”也像是“{fields[key].label}”，"
                    f"这一项已经用了{letter(used + 1)}列“{used_label}”，{letter(col + 1)}列没有导入。如果要用这一列，{how}。",
        Notice(f"请在{MAPPING_PANE}里改，再点{CHECK_MAPPING}",
               f"请在Excel里删掉{letter(used + 1)}列或清空它的表头，保存后再导入"))
        for (col, label, key, used, used_label), names in sheets.items()]


def _hidden_columns(kind: str, plans: list[SheetPlan], hidden: dict) -> list[Notice]:
    """A column the clerk hid in Excel is imported as its header says (nothing dropped unseen),
    and said once: a hidden column is often an old number or a helper column."""
    fields = fields_of(kind)
    # The same hidden column on every sheet (一组 … 十组) is said once, naming the sheets, as
    # _second_columns does: said once a sheet, ten notices buried the others.
    sheets: dict[str, list[str]] = {}
    for p in plans:
        cols = sorted(c for c in hidden.get(p.name, ()) if c in p.mapping)
        if cols:
            from openpyxl.utils import get_column_letter as letter    # as in _second_columns
            named = "、".join(f"{letter(c + 1)}列“{fields[p.mapping[c]].label}”" for c in cols)
            sheets.setdefault(named, []).append(p.name)
    return [Notice.saying(
        lambda how: f"{'、'.join(f'“{name}”' for name in names)}的{named}在Excel里是隐藏的，照样导入了，"
                    f"请核对这一列是不是要用的。不要的话{how}。",
        Notice(f"请在{MAPPING_PANE}里把它改成“（不导入）”，再点{CHECK_MAPPING}",
               "请在Excel里删掉这一列，保存后再导入"))
        for named, names in sheets.items()]


def _cell_name(col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(col + 1)}{row + 1}"


def _column_label(labels, col: int) -> str:
    return labels[col] if col < len(labels) and labels[col] else f"第{col + 1}列"


def _formula_refusal(gaps: dict, sheets: list[Sheet]) -> InputError:
    """One message for a file whose formulas all came without results (written by a program)."""
    count = sum(len(cols) for rows in gaps.values() for cols in rows.values())
    sheet = next(s for s in sheets if s.name in gaps)
    row = min(gaps[sheet.name])
    col = min(gaps[sheet.name][row])
    return InputError("file", f"这个文件里有{count}个格子是公式，但文件里没有保存公式的结果（例如工作表“{sheet.name}”"
                              f"的{_cell_name(col, row)}格），读出来是空的，没有导入。这样的文件通常是由程序生成、"
                              f"还没有在 Excel 中打开过的：公式没有保存结果，{SAVE_IN_EXCEL}。")


def _formula_gaps(unreadable: dict) -> dict:
    """Of ``unreadable_cells``, the formulas without a saved result only (no error values)."""
    out = {}
    for sheet, rows in unreadable.items():
        found = {r: {c: w for c, w in cols.items() if not w} for r, cols in rows.items()}
        if found := {r: cols for r, cols in found.items() if cols}:
            out[sheet] = found
    return out


def _unreadable_errors(row_gaps: dict, mapping: dict, labels, r: int) -> tuple[list[InputError], list[InputError]]:
    """(errors, warnings) for a row's cells read as empty though something is there, in mapped
    columns: a formula without its result, or an Excel error value (#REF!, #N/A). A name or an
    ID number that cannot be read refuses the row; another field is taken as blank, warned."""
    errors, warnings = [], []
    for col, what in row_gaps.items():
        key = mapping.get(col)
        if key is None:
            continue
        cell = f"“{_column_label(labels, col)}”列（{_cell_name(col, r)}格）"
        if what:
            problem = (f"{cell}是Excel的错误值{what}（公式出错，例如它引用的格子被删除了，或者查找没有找到），"
                       "里面没有内容")
            if key in WHO_FIELDS:
                errors.append(InputError(key, f"{problem}，这一行没有导入：请在Excel中把这一格改成正确的内容后再导入。"))
            else:               # a refused row says what to correct, not how it would have been kept
                warnings.append(ImportedAs(key, f"{problem}，按空白导入，请在Excel中改正后核对。",
                                           when_refused=f"{problem}，请在Excel中改正。"))
            continue
        where = f"{cell}是公式，文件里没有保存公式的结果"
        if key in WHO_FIELDS:
            errors.append(InputError(key, f"{where}，读不出来：{SAVE_IN_EXCEL}。"))
        else:
            warnings.append(ImportedAs(key, f"{where}，按空白导入；要导入这一列，{SAVE_IN_EXCEL}。",
                                       when_refused=f"{where}，读不出来：{SAVE_IN_EXCEL}。"))
    return errors, warnings


def _nothing_below_header(plans: list[SheetPlan], hidden: list[str]) -> InputError:
    """A file whose header has no row under it: said, rather than 'imported 0, rejected 0'."""
    where = "、".join(f"工作表“{p.name}”第{p.header.last_row + 1}行" for p in plans)
    message = (f"文件里只有表头（{where}），下面没有要导入的行。请确认选择了正确的文件"
               "（台账是否另存到了别的文件里），或者人员是否在别的工作表里。")
    if hidden:
        message += f"隐藏的工作表（{'、'.join(hidden)}）不导入；如果人员在那里，请在Excel中取消隐藏，保存后再导入。"
    return InputError("file", message)


def _hidden_row_warning(r: int) -> InputError:
    """A row the clerk hid in Excel is imported (nothing is dropped unseen), and flagged: a
    hidden row is often how a ledger puts away who moved out or died."""
    return InputError("full_name", f"第{r + 1}行在Excel里是隐藏的（常用来藏起已迁出、已故或作废的行），照样导入，"
                                   "请核对这一行是否还有效。")


def _is_content(row, header) -> bool:
    """A row below the header that is neither blank, a footer, nor the header printed again."""
    return not (hdr.is_blank(row) or hdr.is_footer(row) or hdr.is_repeated_header(row, header))


def _title_compound(app, title: str) -> str:
    """The compound or village group a file's title names; not the village itself: the title of
    '新民村村民户籍台账' names the whole village, whose rows say their own 组 (taken as a group,
    the preview said 村民小组：新民村 and rows without a 组 made a group named after the village)."""
    found = compound_from_title(title)
    if found:
        with app.db.reading() as conn:
            if conn.execute("SELECT 1 FROM community WHERE is_deleted = 0 AND name = ?", (found,)).fetchone():
                return ""
    return found


def _named_place(app, text: str) -> str:
    """The one registered compound or village group that a sheet's name or title names, as a
    village keeps its ledger: a sheet per group, named 一组 or titled 李家坪村一组村民花名册 (the
    title's 村 is the village itself, so nothing else told the group). '' when it names none or
    two ('十一组' names 十一组, not also 一组)."""
    text = clean(text)
    named = [c.name for c in app.register.compounds() if c.name and c.name in text]
    named = [a for a in named if not any(a != b and a in b for b in named)]
    return named[0] if len(named) == 1 else ""


# A sheet named for a village group ('三组', '王家湾组', '第二村民小组'): its rows are that group's.
_GROUP_SHEET = re.compile(r"^\s*(\S{1,8}?(?:村民小组|小组|组))\s*$")


def _sheet_place(app, sheet, plan: SheetPlan) -> str:
    """The compound or village group one sheet of a register names by its name or its title
    (a sheet per 小区 or per 村民小组); '' when it names none."""
    name = clean(sheet.name)
    if m := _GROUP_SHEET.match(name):          # before the title: '新民村村民台账（一组）' names the village
        return m.group(1)
    title = hdr.title_text(sheet.rows, plan.header)
    return (_title_compound(app, title) or _named_place(app, title) or _named_place(app, name)
            or _title_compound(app, name))


def _sole_compound(app) -> str:
    names = [c.name for c in app.register.compounds()]
    return names[0] if len(names) == 1 else ""


def _merged_down(sheet, data_start: int) -> dict[int, dict[int, object]]:
    """{row: {column: value}} for the data cells under a cell merged down over several rows
    (独居老人 once over its group, one helper over a building): each row it covers has its value,
    as the sheet shows it. Rows of the header are left alone."""
    spread: dict[int, dict[int, object]] = {}
    for (r0, c0), (r1, _c1) in sheet.merged:
        if r1 <= r0 or r0 < data_start or r0 >= len(sheet.rows):
            continue
        top = sheet.rows[r0][c0] if c0 < len(sheet.rows[r0]) else ""
        for r in range(r0 + 1, min(r1, len(sheet.rows) - 1) + 1):
            spread.setdefault(r, {})[c0] = top
    return spread


def _with_cells(row, cells: dict[int, object]) -> list:
    out = list(row) + [""] * max(0, max(cells) + 1 - len(row))
    for column, value in cells.items():
        if out[column] in ("", None):
            out[column] = value
    return out


# Names of the office's other lists kept in the register's workbook, a sheet each: its building
# heads (楼长, 楼栋长), grid workers, volunteers, a phone list. Not '网格' alone: a register
# split by grid has sheets named 第一网格, 第二网格.
_OTHER_LIST = re.compile(r"楼长|栋长|单元长|网格员|网格长|联系|通讯录|志愿者")
# A column that says what a person does or covers: a list of staff and helpers (楼长, 网格员,
# 志愿者, a phone list with 职务), not of residents or of people cared for, whatever its sheet is
# named and even with ID numbers. Whole header words only: a register's 工作单位及职务 is a job.
_ROLE_WORDS = ("职务", "岗位", "担任职务", "现任职务", "职责", "分工", "负责区域", "负责片区", "负责范围",
               "负责楼栋", "责任区域", "包保区域", "服务区域")
# The columns that make a sheet the kind's own list whatever else it has: a household's (户号,
# 房号, 与户主关系, 住房性质, any header beginning with 户) or a care list's (类别, 需求, 走访频次). A job (工作单位) makes 职务
# the resident's own.
_OWN_COLUMNS = {REGISTER: ({"household_no", "room", "relation", "tenure", "work_place"}, "房号、与户主关系、户号"),
                CARE: ({"categories", "needs", "frequency", "last_visit"}, "类别、需求、走访频次")}
_LIST_WORDS = {REGISTER: ("户籍台账", "登记为居民"), CARE: ("关爱名单", "列入关爱名单")}


def _off_kind(off_kind: dict, reasons: dict[str, str]) -> list[Notice]:
    """The sheets left out for looking like another list, said once for each reason, naming the
    sheets: ten 楼长 sheets were ten notices."""
    sheets: dict[str, list[str]] = {}
    for name in off_kind:
        sheets.setdefault(reasons[name], []).append(name)
    return [Notice.saying(
        lambda how: f"工作表{'、'.join(f'“{name}”' for name in names)}没有导入：{it}{reason}。如果{it}也要导入，{how}。",
        _choose_it(names, it))
        for reason, names in sheets.items() for it in ["它" if len(names) == 1 else "它们"]]


def _choose_it(sheets: list[str], it: str = "它") -> Notice:
    """How to import ``sheets`` (``it``: or 它们) left out all the same: checked in the window's
    list of sheets on the left, or named with --sheet."""
    return Notice(f"请在左边的工作表列表里勾选{it}，再点“按勾选的工作表重新检查”",
                  f"请加 {sheet_options(sheets)}（连同要导入的其他工作表）")


def sheet_options(sheets: list[str]) -> str:
    """'--sheet 二号楼 --sheet '3号楼 (新)'': these sheets named on the command line."""
    from desktop.cliargs import shell_word
    return " ".join(f"--sheet {shell_word(sheet)}" for sheet in sheets)


def _other_lists(kind: str, plans: list[SheetPlan]) -> dict[str, tuple[str, str, str]]:
    """The sheets of a register's or care list's workbook that are another list (楼长, 网格员,
    志愿者, 通讯录), each with (why, how to import it all the same, what it looks like in the
    sheet chooser): a column saying what each
    person does (职务, 负责区域) and none of the kind's own; or, named as one, no ID number column
    (a register) or none of the care list's columns (a care list) while another sheet of the
    file has it. The clerk expects residents or people cared for; a 楼长's name and phone would
    become a resident (and a care list's volunteers were red rows, each without a category)."""
    if kind not in _OWN_COLUMNS:
        return {}
    own, own_label = _OWN_COLUMNS[kind]
    # A care list's people need a category, however the sheet came to be left out.
    category = "请在表中加上“类别”列，填写每个人的关爱类别（如独居老人），保存后再导入"
    found = {}
    for p in plans:
        words = [header_word(label) for label in p.labels]
        role = next((word for word in words if word in _ROLE_WORDS), "")
        # any column about the household (户主姓名, 户籍地) makes it the register's, mapped or not
        household = kind == REGISTER and any(word.startswith("户") for word in words)
        if role and not set(p.mapping.values()) & own and not household:
            found[p.name] = (f"它有“{role}”列，没有{own_label}这样的列，看起来是工作人员或志愿者的名单",
                             _choose_it([p.name]) if kind == REGISTER else category, "工作人员名单")
    telling = {"id_number"} if kind == REGISTER else own
    with_it = {p.name for p in plans if set(p.mapping.values()) & telling}
    for p in plans:
        if with_it and p.name not in with_it and p.name not in found and _OTHER_LIST.search(p.name):
            found[p.name] = (f"它没有{'身份证号码' if kind == REGISTER else own_label}列，表名看起来是另一份名单",
                             _choose_it([p.name]) if kind == REGISTER else category, "另一份名单")
    return {p.name: found[p.name] for p in plans if p.name in found}


def _other_lists_notices(kind: str, other_lists: dict[str, tuple[str, str, str]], plans: list[SheetPlan]) -> list[Notice]:
    """What the preview and the command line say of each sheet ``_other_lists`` left out.
    ``plans``: the sheets imported (none: the whole file is such a list)."""
    if not other_lists:
        return []
    name_of_list, to_import = _LIST_WORDS[kind]
    imported = f"（{name_of_list}是工作表{'、'.join(f'“{p.name}”' for p in plans)}）" if plans else ""
    return [Notice.saying(lambda how: f"工作表“{name}”没有导入：{why}，不是{name_of_list}{imported}。"
                                      f"如果这张表里的人也要{to_import}，{how}。", anyway)
            for name, (why, anyway, _) in other_lists.items()]


def _sheet_kinds(sheets: list[Sheet], kind: str) -> dict[str, str]:
    """Sheet -> the kind it looks like, for the sheets of a workbook that look like another
    kind than ``kind`` while another of its sheets looks like ``kind`` (a care list kept beside
    the register): not imported unless the clerk chooses them."""
    if len(sheets) < 2:
        return {}
    own = {s.name: guess_kind([s]) for s in sheets}
    if kind not in own.values():
        return {}
    return {name: k for name, k in own.items() if k != kind}


def _unchosen_sheet(s: Sheet, kind: str, reason: str, looks: str = "") -> SheetChoice:
    """A sheet left out, as the chooser shows it: its rows below its header (or filled rows),
    what it looks like (``looks``: known already, e.g. a staff list) and why it is left out."""
    if all(hdr.is_blank(row) for row in s.rows):
        return SheetChoice(s.name, 0, "空白", False, "空白的工作表，没有内容", choosable=False)
    h = hdr.find_header(s.rows, kind, s.merged)
    if h is None:
        return SheetChoice(s.name, sum(1 for row in s.rows if not hdr.is_blank(row)), "不是台账", False,
                           "没有找到表头（例如“姓名”“身份证号码”这一行），可能是说明或汇总", choosable=False)
    rows = sum(1 for row in s.rows[h.data_start:] if _is_content(row, h))
    return SheetChoice(s.name, rows, looks or KIND_LABELS[guess_kind([s])], False, reason)


def _sheet_choices(kind: str, sheets: list[Sheet], plans: list[SheetPlan], rows: list[PlanRow],
                   compounds: dict[str, str], reasons: dict[str, str],
                   other_lists: dict[str, tuple[str, str, str]]) -> list[SheetChoice]:
    """Every sheet of the file for the chooser: those imported with their rows and place, the
    others with why not (``reasons``); a sheet left out as another list looks like one
    (guess_kind, knowing only the four kinds, called a contact list a 户籍台账)."""
    counted = Counter(r.sheet for r in rows)
    planned = {p.name for p in plans}
    out = []
    for s in sheets:
        if s.name in planned:
            place = compounds.get(s.name, "") if kind == REGISTER else ""
            out.append(SheetChoice(s.name, counted[s.name], KIND_LABELS[kind] + (f"（{place}）" if place else ""), True))
        else:
            out.append(_unchosen_sheet(s, kind, reasons.get(s.name, ""), other_lists.get(s.name, ("", "", ""))[2]))
    return out


@collector_paused()
def plan_import(app, path: Path | str, kind: str | None = None, *, compound: str = "",
                mappings: dict[str, dict[int, str]] | None = None, today: date | None = None,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                day: date | None = None, sheets: Collection[str] | None = None) -> ImportPlan:
    """Read and check a ledger without writing anything. ``mappings`` (sheet -> column -> field)
    are the user's corrections; otherwise a remembered or automatic mapping is used. ``day``: a
    gate log's day, given by the clerk, for the sheets that have no 日期 column and whose name
    names no day (the printed sheet has its day in the heading: ``ImportPlan.day_asked``).
    ``sheets``: the sheets to import as the clerk chose them (the window's sheet chooser, the
    command line's --sheet), hidden ones and other lists included if chosen; None: every sheet
    that looks like the ledger. A sheet naming its own compound or village group in its title
    or name (one sheet per 小区) has its rows there, unless ``compound`` is given."""
    require(app, Permission.IMPORT)
    path = Path(path)
    chosen = None if sheets is None else list(dict.fromkeys(sheets))
    if progress:
        steps = TwoSteps(progress)
        progress = steps.rows
    sheets = read_sheets(path, steps.reading if progress else None, cancelled)
    if chosen is not None:
        names = [s.name for s in sheets]
        if missing := [name for name in chosen if name not in names]:
            raise InputError("sheet", f"文件里没有工作表{'、'.join(f'“{m}”' for m in missing)}。这个文件的工作表有："
                                      f"{'、'.join(f'“{name}”' for name in names)}。")
        if not chosen:
            raise InputError("sheet", "没有选择要导入的工作表：请至少勾选一张。")
    # Looked for once per sheet, in the file's XML: calamine reads such a cell as ''.
    marks = unseen(path, sheets)
    unreadable = marks.cells
    gaps = _formula_gaps(unreadable)
    if gaps and all(hdr.is_blank(row) for s in sheets for row in s.rows):
        raise _formula_refusal(gaps, sheets)
    if all(hdr.is_blank(row) for s in sheets for row in s.rows):
        raise InputError("file", f"文件“{path.name}”是空的，里面没有任何内容。请确认选择了正确的文件"
                         "（台账是否另存到了别的文件里）。")
    guessed = guess_kind([s for s in sheets if chosen is None or s.name in chosen])
    kind = kind or guessed
    if kind not in KINDS:
        raise InputError("kind", f"不认识的台账类型：{kind}。可选：register（户籍）、gate（出入登记）、care（关爱名单）。")
    used_sheets, plans, skipped, members = [], [], [], []
    # A hidden sheet is what the clerk put out of sight (已迁出, an old copy, a template row of
    # 张三): never imported as residents unless chosen. The preview names it, so nothing goes
    # missing unseen.
    hidden = [s.name for s in sheets if s.hidden and (chosen is None or s.name not in chosen)
              and not all(hdr.is_blank(row) for row in s.rows)]
    reasons = {name: "在Excel里是隐藏的（常用来放已迁出的人、旧的副本或模板）" for name in hidden}
    # Only a register's: a gate log's sheet per day is never left out by its look.
    off_kind = {} if chosen is not None or kind != REGISTER else _sheet_kinds([s for s in sheets if not s.hidden], kind)
    for name, own in off_kind.items():
        reasons[name] = f"看起来是{KIND_LABELS[own]}，不是{KIND_LABELS[kind]}"
    for s in sheets:
        if (s.name not in chosen) if chosen is not None else (s.hidden or s.name in off_kind):
            reasons.setdefault(s.name, "没有勾选")
            continue
        h = hdr.find_header(s.rows, kind, s.merged)
        if h is None:
            if any(not hdr.is_blank(r) for r in s.rows):
                skipped.append(s.name)
            continue
        labels = list(h.labels)
        mapping = (mappings or {}).get(s.name)
        if mapping is None:
            with app.db.reading() as conn:
                mapping = remembered_mapping(conn, kind, labels)
        corrected = mapping is not None
        if mapping is None:
            mapping = auto_mapping(labels, kind)
            if kind == REGISTER:
                _resolve_ambiguous(labels, mapping, s.rows, h.data_start)
                if said := _members_in_one_cell(labels, mapping, s.rows, h.data_start):
                    members.append(f"工作表“{s.name}”{said}")
            if "given_name" in fields_of(kind):
                _name_in_two_columns(labels, mapping, s.rows, h.data_start)
        used_sheets.append(s)
        titles = tuple(tuple(row) for row in s.rows[:h.first_row] if not hdr.is_blank(row))
        top, bottom = h.first_row, h.last_row
        header_rows = tuple(tuple(row) for row in s.rows[top:bottom + 1]) if bottom > top else ()
        header_merged = tuple(((r0 - top, c0), (r1 - top, c1)) for (r0, c0), (r1, c1) in s.merged
                              if header_rows and top <= r0 and r1 <= bottom)
        plans.append(SheetPlan(s.name, h, dict(mapping), corrected, titles, header_rows, header_merged))
    other_lists = _other_lists(kind, plans) if chosen is None else {}
    for name, (why, _, _) in other_lists.items():
        reasons[name] = why
    if other_lists:
        used_sheets = [s for s in used_sheets if s.name not in other_lists]
        plans = [p for p in plans if p.name not in other_lists]
        if not plans:
            said = _other_lists_notices(kind, other_lists, plans)
            error = InputError("file", "".join(said), command="".join(n.command for n in said))
            error.sheet_choices = _sheet_choices(kind, sheets, [], [], {}, reasons, other_lists)
            raise error
    if not plans and hidden:
        found = f"只在隐藏的工作表（{'、'.join(hidden)}）里找到内容。隐藏的工作表默认不导入；如果要导入，"
        how = _choose_it(hidden, "它" if len(hidden) == 1 else "它们")
        error = InputError("file", f"{found}{how}。", command=f"{found}{how.command}。")
        # The window shows the sheets with the refusal, so the clerk can check the hidden one.
        error.sheet_choices = _sheet_choices(kind, sheets, [], [], {}, reasons, other_lists)
        raise error
    if not plans and gaps:
        raise _formula_refusal(gaps, sheets)
    if not plans:
        raise InputError("file", f"在文件中没有找到{KIND_LABELS[kind]}的表头（例如“姓名”“身份证号码”这一行）。"
                         "请确认选择了正确的文件和台账类型。")
    for p in plans:
        if "full_name" not in p.mapping.values():
            missing, how = f"工作表“{p.name}”中没有找到“姓名”列，", _name_the_column("姓名")
            raise InputError("mapping", f"{missing}{how}。", command=f"{missing}{how.command}。")
    if not gaps and not any(_is_content(row, p.header) for s, p in zip(used_sheets, plans)
                            for row in s.rows[p.header.data_start:]):
        raise _nothing_below_header(plans, hidden)       # before asking which compound
    title = " ".join(hdr.title_text(s.rows, p.header) for s, p in zip(used_sheets, plans))
    # A register's sheet that names its own group or compound (a workbook of one sheet per 小区 or
    # 村民小组) holds that place's households: every sheet's rows went into the first sheet's, and
    # a village's workbook naming only its groups was refused.
    own = ({s.name: found for s, p in zip(used_sheets, plans) if (found := _sheet_place(app, s, p))}
           if kind == REGISTER and not compound else {})
    compound = (compound or _title_compound(app, title) or _named_place(app, title)
                or ("" if own else _sole_compound(app)))
    if (kind == REGISTER and not all(compound or p.name in own for p in plans)
            and not any("compound" in p.mapping.values() for p in plans)):
        # In the office's own words, and each where it is read: the window names its box above
        # the preview (it said "（命令行用 --compound 名称）" too), the command line its option.
        words = place_words.community_words(app.db)
        place, box = (("小区（院落）或村民小组", "小区") if words.has_buildings else ("村民小组", "村民小组"))
        missing = f"文件里没有写是哪个{place}（工作表名和标题里都没有）。"
        window, command = f"请在上方“{box}”框里选择或填写，再点“检查文件”。", "请用 --compound 名称 指定。"
        if shared := shared_place_name(used_sheets, plans):
            window += f"住址都以“{shared}”开头，如果这就是{place}的名称，可以在“{box}”框里填写“{shared}”。"
            command += f"住址都以“{shared}”开头，如果这就是{place}的名称，可以指定 --compound {shared}。"
        raise InputError("compound", missing + window, command=missing + command)
    ctx = RowContext(year=_file_year(used_sheets, plans, title), compound=compound, today=today or date.today(),
                     home=home_names(app.db) + ((compound,) if compound else ()) if kind == REGISTER else (),
                     memo=CellMemo())
    validate = ROW_VALIDATORS[kind]
    labels = {f.key: f.label for f in fields_of(kind).values()}
    masked: dict[tuple[str, int], tuple] = {}        # (sheet, row) -> what its masked cells say
    total = sum(len(s.rows) - p.header.data_start for s, p in zip(used_sheets, plans))
    rows: list[PlanRow] = []
    done = formula_rows = 0
    title_day = None                      # the first day a title names: the day asked, prefilled
    disordered: list[str] = []            # a gate sheet not in time order: said once for it
    for s, p in zip(used_sheets, plans):
        sheet_ctx = replace(ctx, building=hdr.sheet_building(s.name), compound=own.get(s.name, compound))
        if kind == REGISTER and "relation" not in p.mapping.values():
            # The names are under 户主姓名 (a household a row): each row's person is its head.
            sheet_ctx = replace(sheet_ctx, heads=any(k == "full_name" and about_the_head(header_word(p.labels[i]))
                                                     for i, k in p.mapping.items()))
        if kind == GATE:                  # one sheet per day: '2月13日', or a title naming the day
            named = n.day_in_text(s.name, ctx.year, ctx.today)
            in_title = None if named else n.day_in_text(hdr.title_text(s.rows, p.header), ctx.year, ctx.today)
            title_day = title_day or in_title
            # A name column headed 来访人员 / 访客姓名: every row is a visitor's.
            visitors = any(n.says_visitor(p.labels[i]) for i, k in p.mapping.items() if k == "full_name")
            sheet_ctx = replace(sheet_ctx, day=named or day or in_title, day_asked=not named, visitor_book=visitors)
        section = ""
        items = list(p.mapping.items())
        # A row as long as its mapped columns (most rows): its cells taken in one call.
        keys, columns = [k for _, k in items], [i for i, _ in items]
        taken = itemgetter(*columns) if len(columns) > 1 else (lambda row, i=columns[0]: (row[i],))
        widest = max(columns)
        spread = _merged_down(s, p.header.data_start)
        carry = CarryDown(kind, s.rows, p.mapping, spread)
        sheet_gaps = unreadable.get(s.name)
        if sheet_gaps and (beyond := max(sheet_gaps) + 1 - len(s.rows)) > 0:
            # Rows of formulas only, with no saved result, at the end: the reader stops before
            # them (it sees nothing there), and those people went missing without a word.
            s.rows.extend([] for _ in range(beyond))
        hidden_rows = marks.hidden_rows.get(s.name)
        # 姓 | 名 in two columns: joined into the one name before the row is checked.
        given_at = next((i for i, k in items if k == "given_name"), None)
        name_at = next((i for i, k in items if k == "full_name"), None)
        # A row whose 姓 and 名 cells are merged into one holds the whole name: nothing missing.
        whole_name = {r for (r0, c0), (r1, c1) in s.merged if c0 <= name_at < given_at <= c1
                      for r in range(r0, r1 + 1)} if given_at is not None and name_at is not None else set()
        for r in range(p.header.data_start, len(s.rows)):
            done += 1
            if progress and done % 2000 == 0:
                progress(done, total)
                if cancelled and cancelled():
                    raise ImportCancelled()
            row = s.rows[r]
            if r in spread:
                row = _with_cells(row, spread[r])
            row_gaps = sheet_gaps.get(r) if sheet_gaps else None
            if hdr.is_repeated_header(row, p.header) or (r == p.header.data_start and hdr.is_column_numbers(row)):
                continue
            if not hdr.is_plain_data(row):        # a blank, a footer, a section's title: few rows
                if (hdr.is_blank(row) and not row_gaps) or hdr.is_footer(row):
                    continue
                if found := hdr.section_building(row):
                    section = found
                    continue
                if kind == CARE and (found := hdr.section_category(row)):
                    sheet_ctx = replace(sheet_ctx, category=found)
                    continue
            cells = (dict(zip(keys, taken(row))) if len(row) > widest
                     else {k: row[i] for i, k in items if i < len(row)})
            formula_errors, formula_warnings = (_unreadable_errors(row_gaps, p.mapping, p.labels, r) if row_gaps
                                                else ((), ()))
            # Counted for the file's one message: formulas without results, not error values.
            formula_row = bool(row_gaps) and any(not w and c in p.mapping for c, w in row_gaps.items())
            if all(map(n.is_empty, cells.values())) and not (formula_errors or formula_warnings):
                continue                  # a pre-numbered empty line of the form (only 序号 filled)
            if hidden_rows and r in hidden_rows:
                formula_warnings = (*formula_warnings, _hidden_row_warning(r))
            if formula_errors:            # who the row is cannot be read: never a person without a name or ID
                rows.append(PlanRow(s.name, r + 1, tuple(row), errors=tuple(formula_errors),
                                    warnings=said_when_refused(formula_warnings), action="rejected"))
                formula_rows += formula_row
                continue
            cells = carry.fill(cells, r)
            cells, masked_said = unmasked(cells, labels)
            if masked_said:
                masked[(s.name, r + 1)] = masked_said
            if given_at is not None and name_at is not None and (
                    said := _one_name(cells, name_at, given_at, r, r in whole_name)):
                formula_warnings = (*formula_warnings, said)
            row_ctx = replace(sheet_ctx, building=section) if section else sheet_ctx
            try:
                draft, warnings = validate(cells, row_ctx)
                # A good row keeps its draft only: the original cells are needed for bad rows.
                # (A canvass sheet's good rows keep theirs: the office's own questions are
                # columns no fixed field knows, read by the canvass writer.)
                kept = tuple(row) if kind == CANVASS else ()
                rows.append(PlanRow(s.name, r + 1, kept, draft, warnings=tuple(formula_warnings) + tuple(warnings)))
            except InputErrors as e:
                rows.append(PlanRow(s.name, r + 1, tuple(row), errors=tuple(e.errors),
                                    warnings=said_when_refused(formula_warnings) + tuple(getattr(e, "warnings", ())),
                                    action="rejected"))
            formula_rows += formula_row
        if said := carry.disorder_notice(s.name):
            disordered.append(said)
    if not rows:                          # a footer or a repeated header only
        raise _nothing_below_header(plans, hidden)
    masked_list = _masked_list(masked, rows)
    if masked and not masked_list:
        # A few masked cells in a ledger: said on their rows (a masked list says it once, below).
        rows = [replace(row, warnings=row.warnings + (said if row.ok else said_when_refused(said)))
                if (said := masked.get((row.sheet, row.row))) else row for row in rows]
    rows, lost_digits = _lost_digits(rows, plans)
    if rows and formula_rows == len(rows):
        # Every row has a formula without its result: one message for the file, not one per row.
        raise _formula_refusal(gaps, used_sheets)
    by_name = {s.name: s for s in used_sheets}
    cells_of = lambda row: tuple(by_name[row.sheet].rows[row.row - 1])  # noqa: E731
    if kind in (GATE, CARE):
        rows = _flag_repeats(rows, kind, cells_of)
    if kind == REGISTER:
        households: dict = {}
        rows = check_register_rows(app, rows, cells_of, households)
    places = {p.name: own.get(p.name, compound) for p in plans}
    # The preview says where the rows go: the compound, or each sheet's when they differ.
    shown = "、".join(dict.fromkeys(c for c in places.values() if c)) if own else compound
    if kind == REGISTER:
        # Where the good rows go: an address that names its compound wins over the sheet's name
        # (a sheet 一组 of 桂花园小区's rows said 小区：一组).
        shown = "、".join(dict.fromkeys(r.draft.compound for r in rows if r.draft is not None and r.draft.compound)
                         ) or shown
    plan = ImportPlan(path, kind, plans, rows, shown, skipped, hidden, other_lists=list(other_lists),
                      households=households if kind == REGISTER else {},
                      village=not place_words.community_words(app.db).has_buildings,
                      sheet_choices=_sheet_choices(kind, sheets, plans, rows, places, reasons, other_lists))
    if kind == GATE:
        plan.day_asked = any(r.draft.day_asked for r in plan.good) or any(
            e.field == "day" for r in plan.bad for e in r.errors)
        plan.day = day or title_day
    if kind in REHEARSED:
        plan = rehearse(app, plan, cells_of)
    elif kind == GATE:
        plan = mark_already_imported(app, plan)
    plan.notices = [Notice(said) for said in (
        # Said once for the sheets chosen without a header, naming them, like the notices below.
        ([f"工作表{'、'.join(f'“{name}”' for name in skipped)}里没有找到{KIND_LABELS[kind]}的表头"
          "（例如“姓名”这一行），没有导入。"] if skipped and chosen is not None else [])
        + _off_kind(off_kind, reasons)
        + _other_lists_notices(kind, other_lists, plans) + members
        + file_notices(kind, guessed, plans, len(masked) if masked_list else 0) + lost_digits + disordered
        + _hidden_columns(kind, plans, marks.hidden_columns) + _still_open(path))]
    if progress:
        progress(total, total)
    return plan


def missing_day(plan: ImportPlan) -> InputError | None:
    """Why a gate log cannot be imported yet: rows whose day neither the sheet nor its title
    says, and the clerk has not given it (the command line's --date, the window's date field).
    The import never takes today for them: a day's passages would land on the wrong day."""
    if not plan.day_asked or plan.day is not None:
        return None
    asked = NO_DAY.removesuffix("。")
    return InputError("day", f"{asked}（在上方“登记日期”里填写，例如2020-02-14）。",
                      command=f"{asked}（加 --date 2020-02-14 这样的日期）。")


def remember(app, plan: ImportPlan) -> None:
    """Keep each corrected mapping for the next file with the same headers (an automatic one is
    not pinned: it improves with the synonym table)."""
    with app.db.transaction() as conn:
        for p in plan.sheets:
            if p.corrected:
                remember_mapping(conn, plan.kind, p.labels, p.mapping)


# The seam where each kind's rows reach the database, through each module's own rules.
WRITERS: dict[str, Callable] = {
    REGISTER: write_register,
    GATE: write_gate,
    CARE: write_care,
    CANVASS: write_canvass,
}


# The kinds whose module refuses some rows only when they are written (a care subject who is
# not in the register, a canvass row naming someone not of the household): the preview writes
# them in a transaction it rolls back, so the preview, the dry run and the errors workbook know
# those rows as the real run will. (Their lists are short; a gate log of 100,000 rows is not
# written twice.)
REHEARSED = (CARE, CANVASS)


class _Rehearsed(Exception):
    """Raised inside the rehearsal's transaction so that it is rolled back."""


def rehearse(app, plan: ImportPlan, cells_of) -> ImportPlan:
    """The plan with each row the kind's writer refuses marked rejected with its reasons, and
    the writer's new/update/same for the others. Nothing is written: the writer runs inside a
    transaction that is rolled back (with the change log it captured). A register that cannot
    be written (read-only) is not rehearsed: the real import could not run either."""
    if getattr(app.db, "read_only", False) or not plan.good:
        return plan
    result = _rehearsal(app, plan)
    return _marked(plan, result.refused, cells_of, result.actions, result.warned)


def _rehearsal(app, plan: ImportPlan) -> ImportResult:
    """What the kind's writer does with the plan, written in a transaction that is rolled back."""
    done = {}
    try:
        with app.db.transaction():
            done["result"] = WRITERS[plan.kind](app, plan)
            raise _Rehearsed
    except _Rehearsed:
        pass
    return done["result"]


def _rehearsal_writes_nothing(app, plan: ImportPlan) -> bool:
    """Whether a rehearsed kind's writer (a care list, canvass results: short) adds or changes
    nothing: its rehearsal imports no row (a refused row's writes are rolled back). A row the
    preview's rehearsal found new or changed is written: not rehearsed again."""
    if any(row.action != "same" for row in plan.good):
        return False
    return not plan.good or _rehearsal(app, plan).imported == 0


# Whether the kind's writer would change nothing (the same ledger imported again), each asked
# of the kind's own writer, as it treats a row already there: a register row may still set its
# household's tenure or flag, a gate passage is skipped when logged, a care row is rehearsed.
WRITES_NOTHING: dict[str, Callable] = {
    REGISTER: register_writes_nothing,
    GATE: gate_writes_nothing,
    CARE: _rehearsal_writes_nothing,
    CANVASS: _rehearsal_writes_nothing,
}


def _marked(plan: ImportPlan, refusals, cells_of, actions: dict | None = None, warned: dict | None = None
            ) -> ImportPlan:
    """The plan with the good rows among ``refusals`` (InputErrors naming sheet and row) marked
    rejected with their reasons and original cells, and the others given ``actions`` and the
    writer's ``warned`` warnings."""
    refused: dict[tuple, list] = {}
    for e in refusals:
        refused.setdefault((e.sheet, e.row), []).append(e)
    rows = []
    for row in plan.rows:
        key = (row.sheet, row.row)
        if row.ok and key in refused:
            row = as_refused(row, refused[key], cells_of(row))
        elif row.ok and actions and key in actions:
            row = replace(row, action=actions[key], warnings=row.warnings + (warned or {}).get(key, ()))
        rows.append(row)
    return replace(plan, rows=rows)


def with_refusals(plan: ImportPlan, refusals) -> ImportPlan:
    """The plan with the rows its writer refused as they were written (``ImportResult.refused``)
    marked rejected, for the errors workbook. Their cells are read from the file again: a good
    row keeps only its checked values (a 100,000-row plan does not hold every cell twice), and
    refusals at write time are rare."""
    if not refusals:
        return plan
    by_name = {s.name: s for s in read_sheets(plan.path)}
    return _marked(plan, refusals, lambda row: tuple(by_name[row.sheet].rows[row.row - 1]))


@collector_paused()
def apply_import(app, plan: ImportPlan, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Remember a corrected mapping, then write the plan's good rows in one transaction (all or
    nothing). The mapping is kept even when the write is cancelled: the clerk chose it. A backup
    is taken first (desktop/backup.py); without it the import does not run. An import that
    would change nothing (``WRITES_NOTHING``) takes none: only so many backups before an import
    are kept, and a ledger imported again a few times as it was pushed out the one from before
    the import that mattered."""
    require(app, Permission.IMPORT)
    if refused := missing_day(plan):
        raise refused
    from desktop.backup import backup_before
    # Cancel ends the backup's wait for a big register's integrity check, or is pressed while
    # the copy is made: nothing written (the copy stays).
    cancelled = cancelled or (lambda: False)
    if not WRITES_NOTHING[plan.kind](app, plan) and backup_before(app.db, "import", cancelled=cancelled) is None:
        raise ImportCancelled()
    if cancelled():
        raise ImportCancelled()
    remember(app, plan)
    return WRITERS[plan.kind](app, plan, progress, cancelled)


# Characters a sheet's name may not hold, as their full-width look-alikes: a CSV's sheet is
# named after its file ('居民信息[2020-02-10].csv'), and openpyxl refused the errors workbook.
_NOT_IN_SHEET_NAMES = str.maketrans({"[": "【", "]": "】", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})
_LAST_COLUMN = 16384                  # XFD


def _sheet_title(name: str) -> str:
    return (name.translate(_NOT_IN_SHEET_NAMES).strip("'") or "错误行")[:31]


def _filled_length(cells) -> int:
    """How many of a row's cells there are up to the last one filled."""
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return end


def write_rejects(plan: ImportPlan, out: Path | str, db=None) -> int:
    """The bad rows as a workbook to fix and import again; returns how many rows it holds.
    ``db``: the register whose audit notes the file (it holds the ledger's personal data)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from desktop.excel.cells import safe_row
    refuse_same_file(out, plan.path, "正在导入的台账")
    bad = plan.bad
    book = Workbook()
    book.remove(book.active)
    red = PatternFill("solid", fgColor="FFC7CE")
    bold = Font(bold=True)
    for p in plan.sheets:
        rows = [r for r in bad if r.sheet == p.name]
        if not rows:
            continue
        ws = book.create_sheet(_sheet_title(p.name))
        # The title goes back too: it names the compound and the year that '2月3日' rows need
        # when the fixed rows are imported again.
        for title in p.title_rows:
            ws.append(safe_row(ws, [None if c == "" else c for c in title]))
        labels = [x if x else f"第{i + 1}列" for i, x in enumerate(p.labels)]
        # A stray cell far to the right (XFD1) makes every row 16,384 cells long: the cells up to
        # the last one filled, or the workbook went past Excel's last column (XFF) with the reason.
        width = min(max([len(labels)] + [_filled_length(r.cells) for r in rows]), _LAST_COLUMN - 2)
        labels += [""] * (width - len(labels))
        if p.header_rows:
            # Two header rows (住址 over 楼栋/单元/门牌号) handed back as they were, merges and
            # all: the clerk fixes the rows and imports this file as it is.
            first = len(p.title_rows) + 1          # (an empty sheet's max_row is 1, not 0)
            for i, cells in enumerate(p.header_rows):
                cells = list(cells[:width]) + [""] * (width - len(cells))
                tail = [REASON_HEADER, "原行号"] if i == 0 else ["", ""]
                ws.append(safe_row(ws, [None if c == "" else c for c in cells] + tail))
            header_row = ws.max_row
            for (r0, c0), (r1, c1) in p.header_merged:
                if c0 < width and (r1 > r0 or min(c1, width - 1) > c0):
                    ws.merge_cells(start_row=first + r0, start_column=c0 + 1, end_row=first + r1,
                                   end_column=min(c1, width - 1) + 1)
            for column in (width + 1, width + 2):
                ws.merge_cells(start_row=first, start_column=column, end_row=header_row, end_column=column)
        else:
            ws.append(safe_row(ws, labels + [REASON_HEADER, "原行号"]))
            first = header_row = ws.max_row
        for row in ws.iter_rows(min_row=first, max_row=header_row):
            for cell in row:
                cell.font = bold
        column_of = {k: i for i, k in p.mapping.items()}
        text_columns = {column_of[k] for k in ("id_number", "phone", "landlord_phone", "emergency_phone", "helper_phone")
                        if k in column_of}
        for r in rows:
            cells = list(r.cells[:width]) + [""] * (width - len(r.cells))
            ws.append(safe_row(ws, [None if c == "" else c for c in cells] + [r.reason, r.row]))
            excel_row = ws.max_row
            for i in text_columns:
                ws.cell(excel_row, i + 1).number_format = "@"
            for e in r.errors:
                col = column_of.get(e.field)
                if col is None:
                    continue
                cell = ws.cell(excel_row, col + 1)
                cell.fill = red
                note = (cell.comment.text + "\n" if cell.comment else "") + e.message
                cell.comment = Comment(note, "社区门神", width=320, height=140)
            ws.cell(excel_row, width + 1).alignment = Alignment(wrap_text=True)
        ws.freeze_panes = f"A{header_row + 1}"
        ws.column_dimensions[get_column_letter(width + 1)].width = 60
    if not book.sheetnames:
        book.create_sheet("没有错误行")
    with atomic_write(out) as tmp:
        book.save(tmp)
    if db is not None:
        from desktop.audit import record_output
        record_output(db, "export", "import-errors", len(bad), False, out)
    return len(bad)


# -- what the preview shows --------------------------------------------------------------------

def display_fields(plan: ImportPlan) -> list[tuple[str, str]]:
    """(field, Chinese label) of the preview's columns: every mapped field, in file order."""
    known = fields_of(plan.kind)
    seen: dict[str, str] = {}
    if plan.kind == GATE and not any("date" in p.mapping.values() for p in plan.sheets):
        # The day is the sheet's, the title's or the clerk's (and the next one past midnight):
        # shown, so the clerk sees the day each passage goes on.
        seen["date"] = known["date"].label
    for p in plan.sheets:
        for _, key in sorted(p.mapping.items()):
            if key not in NOT_SHOWN:
                seen.setdefault(key, field_label(known[key], plan.village))
    return list(seen.items())


# Coded values the preview shows, (English, Chinese) as desktop/vocab.py keeps the register's.
_YES_NO = {"yes": ("Yes", "是"), "no": ("No", "否")}
_DIRECTION = {"in": ("In", "进"), "out": ("Out", "出")}
# Words around a value (str.format), so a composed cell reads in the window's language too.
_REASON_VISITING = {"reason": ("Reason: {}", "事由：{}"), "visiting": ("Visiting: {}", "探访：{}"), "and": ("; ", "；")}
# A label of a coded value: (vocabulary, code) -> the words shown (vocab.zh; the window passes
# its language's, ui.i18n.label).
Label = Callable[[dict, str | None], str]


def _draft_value(draft, key: str, label: Label) -> str:
    from desktop import vocab
    if hasattr(draft, "person_values"):               # the register
        person = draft.person
        if key in person:
            value = person[key]
            if key == "sex":
                return label(vocab.SEX, value)
            if key == "id_type":
                return label(vocab.ID_TYPE, value)
            if key == "residence_kind":
                return label(vocab.RESIDENCE, value)
            if key == "is_key_person":
                return label(_YES_NO, "yes") if value else ""
            if key == "id_number" and not value and draft.id_masked:
                return draft.id_masked           # as the masked list shows it: the row is found by it
            return "" if value is None else str(value)
        if key == "room" and not draft.room and not draft.building:
            return draft.address_text or ""     # a village house's 门牌 (王家湾12号 -> 12号)
        if key == "address":
            from desktop.address import format_place
            return format_place(draft.compound, draft.building, draft.unit, draft.room, draft.address_text)
        if key == "relation":
            return label(vocab.RELATION, draft.relation) if draft.relation else ""
        if key == "tenure":
            return label(vocab.TENURE, draft.tenure) if draft.tenure else ""
        if key == "status":
            return label(vocab.STATUS, draft.status) if draft.status else ""
    if hasattr(draft, "answers"):                     # a canvass row: its result and its answers
        if key == "outcome":
            from desktop.canvass.records import OUTCOMES
            return label(OUTCOMES, draft.outcome) if draft.outcome else ""
        answers = dict(draft.answers)
        if key in answers:
            value = answers[key]
            return value if isinstance(value, str) else label(_YES_NO, "yes" if value else "no")
    if key == "date" and hasattr(draft, "at"):
        return draft.at.date().isoformat()
    if key == "time" and hasattr(draft, "at"):
        return draft.at.strftime("%H:%M")
    if key in ("time_in", "time_out") and hasattr(draft, "at"):
        if key == "time_out" and draft.left_at:
            return draft.left_at.strftime("%H:%M")
        return draft.at.strftime("%H:%M") if (draft.direction == "in") == (key == "time_in") else ""
    if key == "direction":
        return label(_DIRECTION, draft.direction) if draft.direction else ""
    if key == "reason_visiting":                      # how the one cell was read: which part is whom
        return label(_REASON_VISITING, "and").join(
            label(_REASON_VISITING, part).format(value)
            for part, value in (("reason", draft.reason), ("visiting", draft.visiting)) if value)
    if key == "frequency":
        # What the list gets (每10天 is listed weekly); the ledger's words are in the warning and the note.
        code = listed_frequency(draft.visit_interval_days)
        return label(care_vocab.FREQUENCY, code) if code else ""
    if key == "address" and hasattr(draft, "building"):
        from desktop.address import format_place
        return format_place("", draft.building, draft.unit, draft.room, draft.address_text)
    value = getattr(draft, key, "")
    if isinstance(value, tuple):
        return "、".join(value)
    return "" if value is None else str(value)


def display_values(plan: ImportPlan, row: PlanRow, fields: list[tuple[str, str]], label: Label | None = None
                   ) -> list[str]:
    """A good row as it will be imported (normalised), its coded values (男, 户主, 已访) by
    ``label``: Chinese unless the window gives its language's; a bad row as the file has it."""
    if row.ok:
        if label is None:
            from desktop.vocab import zh as label
        shown = [_draft_value(row.draft, key, label) for key, _ in fields]
        keys = [key for key, _ in fields]
        if "room" in keys and "building" not in keys and getattr(row.draft, "building", ""):
            # No 楼栋 column: the building came from the 门牌号 (1-1-101) or a section row (一、1栋),
            # shown with the room, not 101 alone as if it were lost.
            from desktop.address import format_place
            d = row.draft
            shown[keys.index("room")] = format_place("", d.building, d.unit, d.room, "")
        return shown
    column_of = {k: i for i, k in plan.sheet(row.sheet).mapping.items()}

    def cell(key: str):
        return row.cells[column_of[key]] if key in column_of and column_of[key] < len(row.cells) else ""
    # 姓 | 名 in two columns: the 姓名 column shows both, as a good row's does.
    return [n.joined_name(cell(key), cell("given_name"))[0] if key == "full_name" and "given_name" in column_of
            else _as_shown(cell(key)) for key, _ in fields]


def _as_shown(cell) -> str:
    """A cell as Excel shows it: a huge float (a damaged ID number) as 5.10124E+17, never as
    digits that look like a real number."""
    if isinstance(cell, float) and abs(cell) >= 1e11:
        return f"{cell:.5E}".replace("E+", "E+")
    return n.text(cell)
