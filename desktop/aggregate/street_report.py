"""The street office's daily report in its own template: one row per community, then the total.

A street's form (街道疫情防控日报) is a table whose header names the figures (社区名称, 总户数,
居家隔离人数 …, in any order and with the synonyms the community form accepts,
``desktop.excel.template._match_figure``). Every community the street holds gets a row under
the header, in name order, numbered 1, 2, 3… in a 序号 column when the form has one, and a 合计
row (not numbered) sums them; the figures are each community's own
(``street.community_figures``: the Today page's functions on its replica), so the street's form
and each community's screen agree. Counts only: no person is named, so nothing is masked.
"""
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.errors import InputError
from desktop.files import atomic_write

TOTAL_LABEL = "合计"
_SCAN_ROWS = 30            # a header sits near the top; a title and a date line come first


@dataclass(frozen=True)
class StreetForm:
    sheet: str
    header_row: int                 # 1-based
    columns: dict[int, str]         # 1-based column -> figure key ('community' for the name, SEQ for 序号)


def inspect_street_template(path: Path | str) -> StreetForm:
    """The header row of the street's form: the first row (of the first sheet that has one)
    naming the community column and at least one figure. Refused in Chinese otherwise."""
    from openpyxl import load_workbook
    from desktop.excel.template import SEQ, _match_figure, is_seq_label
    try:
        book = load_workbook(path, read_only=True)
    except OSError as exc:          # held by Excel, a stick pulled: a file not read, never "not saved"
        raise _unread(exc, path) from None
    except Exception as exc:        # not a workbook, damaged: said, never a traceback
        raise InputError("template", f"模板 {Path(path).name} 打不开（{type(exc).__name__}），请确认它是 .xlsx 文件。") from None
    try:
        for ws in book.worksheets:
            for r, row in enumerate(ws.iter_rows(max_row=_SCAN_ROWS, values_only=True), 1):
                columns = {}
                for c, value in enumerate(row, 1):
                    key = SEQ if is_seq_label(value) else (
                        _match_figure(str(value)) if isinstance(value, str) else None)
                    if key and key != "date" and key not in columns.values():
                        columns[c] = key
                figures = [key for key in columns.values() if key != SEQ]
                if "community" in figures and len(figures) >= 2:
                    return StreetForm(ws.title, r, columns)
    except OSError as exc:          # read as it is looked through (read_only): the stick pulled
        raise _unread(exc, path) from None
    finally:
        book.close()
    raise InputError("template", f"模板 {Path(path).name} 里没有找到表头行：街道日报要有“社区名称”一列，"
                                 "和“总户数”“居家隔离人数”这样的填报项（每个社区一行）。")


def _unread(exc: OSError, path: Path | str) -> InputError:
    from desktop.excel.reading import unread         # the import's own words for a file not read
    return unread(exc, Path(path))


def fill_street_report(street, template: Path | str, out: Path | str, *, on: date | None = None, db=None) -> int:
    """Fill a copy of the street's form for ``on``: a row per community and the total. Returns
    the number of communities. ``db`` (the street machine's own register) records the output in
    its audit."""
    from openpyxl import load_workbook
    from desktop.aggregate.street import summed
    from desktop.excel.cells import put
    from desktop.excel.template import SEQ
    on = on or date.today()
    form = inspect_street_template(template)
    try:
        book = load_workbook(template)
    except OSError as exc:          # the template read again, whole (before the figures: said at once)
        raise _unread(exc, template) from None
    per_community = street.figures(on)
    if not per_community:
        raise InputError("street", "街道文件夹里还没有任何社区的数据：请先导入各社区的同步包。")
    names = street.community_names()
    rows = sorted(((names.get(c) or street.community_name(c), figures) for c, figures in per_community.items()),
                  key=lambda item: item[0])
    total = summed(per_community)
    ws = book[form.sheet]
    for n, (name, figures) in enumerate([*rows, (TOTAL_LABEL, total)], 1):
        r = form.header_row + n
        for col, key in form.columns.items():
            if key == SEQ:                  # the communities 1, 2, 3…; the total has no number
                put(ws.cell(r, col), n if n <= len(rows) else None)
            else:
                put(ws.cell(r, col), name if key == "community" else figures.get(key, ""))
    with atomic_write(out) as tmp:
        book.save(tmp)
    if db is not None:
        from desktop.audit import record_output
        record_output(db, "export", "street-report", len(rows), True, out)
    return len(rows)
