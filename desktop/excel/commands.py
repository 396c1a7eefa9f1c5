"""``menshen import`` and ``menshen export``: parse, call desktop/excel, print one summary line."""
import sys
from pathlib import Path

from desktop import summaries
from desktop.cliargs import existing_db, input_file, output_file
from desktop.errors import InputError
from desktop.place_words import ANY_PLACE

COMMANDS = ("import", "export", "template")


def add_parser(sub) -> None:
    p = sub.add_parser("import", help="导入台账（.xlsx、.xls、.csv，或Excel另存的Unicode文本 .txt）")
    p.add_argument("file", type=Path, metavar="台账文件")
    p.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    p.add_argument("--kind", choices=["register", "gate", "care", "canvass"], help="台账种类；默认按表头判断（canvass：摸排结果）")
    p.add_argument("--errors", type=Path, metavar="OUT.xlsx", help="把有错误的行写到这个文件")
    p.add_argument("--compound", default="", metavar="名称", help=f"台账没写{ANY_PLACE}时，这些行属于哪一个（写它的名称）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    p.add_argument("--sheet", action="append", metavar="工作表", help="只导入这张工作表（可以写几次：--sheet 一组 --sheet 二组）；"
                   "默认导入所有像台账的工作表")
    p.add_argument("--gate", default="", help="出入登记台账：记录所在的卡口")
    p.add_argument("--date", help="出入登记台账没有“日期”列（旧的打印登记表）或开头几行没写日期时，这是哪一天的登记，2020-02-14")
    p.set_defaults(command="import")
    e = sub.add_parser("export", help="导出名单为可打印的工作簿")
    e.add_argument("list", metavar="名单", help="register、key-persons、care、isolation、gate-log、duty-hours")
    e.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    e.add_argument("--to", type=Path, required=True, metavar="OUT.xlsx", help="写到这个文件（.xlsx 工作簿，或 .csv）")
    _masking_options(e)
    e.add_argument("--date", help="名单的日期（出入记录：第一天），2020-02-20")
    e.add_argument("--until", help="gate-log：最后一天，2020-02-22")
    e.add_argument("--gate", help="gate-log：只导出这个卡口的出入记录（默认所有卡口）")
    e.set_defaults(command="export")
    t = sub.add_parser("template", help="按街道的日报模板填一天的数字")
    t.add_argument("file", type=Path, metavar="模板文件", help="空白模板（.xlsx）")
    t.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    t.add_argument("--to", type=Path, required=True, metavar="OUT.xlsx", help="写到这个文件")
    t.add_argument("--date", help="填哪一天（默认今天），2020-02-20")
    t.add_argument("--save-as", metavar="NAME", help="把自动对应的结果存为这个名字")
    _masking_options(t)
    t.set_defaults(command="template")


def _masking_options(p) -> None:
    p.add_argument("--masked", action="store_true", help="隐去身份证号和电话的中间几位（登录的账号默认如此）")
    p.add_argument("--full", action="store_true", help="不隐去号码（仅管理员，要用 --reason 写明用途，记入审计）")
    p.add_argument("--reason", default="", help="不隐去号码的用途")


def masking_asked(args) -> bool | None:
    """--masked: True; --full: False; neither: None (the role's default, see output_masking)."""
    if args.masked and args.full:
        raise InputError("masked", "--masked 和 --full 只能选一个。")
    return True if args.masked else (False if args.full else None)


def run(args) -> int:
    from desktop.cliargs import open_command_app
    db_path = existing_db(args)
    if args.command in ("import", "template"):
        input_file(args.file, "台账文件" if args.command == "import" else "模板文件")
    for option, path in (("--to", getattr(args, "to", None)), ("--errors", getattr(args, "errors", None))):
        if path is not None:
            output_file(path, option)
    app = open_command_app(args)
    try:
        if args.command == "import":
            return _import(app, args)
        if args.command == "template":
            return _template(app, args)
        return _export(app, args)
    except InputError as e:
        print(f"错误：{e.command or e.message}", file=sys.stderr)
        return 1
    finally:
        app.close()


SHOWN_REJECTS = 20
SHOWN_RUNS = 10                 # row numbers named in one line before "等N行"


def _rows_text(rows) -> str:
    """'第3–122行', '第3、5、7–9行': a sheet's row numbers, runs of consecutive ones as one."""
    rows = sorted(set(rows))
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    shown = "、".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs[:SHOWN_RUNS])
    return f"第{shown}行" + (f"等{len(rows)}行" if len(runs) > SHOWN_RUNS else "")


def _grouped(entries) -> list[tuple[str, set]]:
    """(sheet, row, reason) entries as lines ('“关爱名单”第3–122行：…'), each reason once per sheet
    with all its rows (an empty register refused 120 rows alike: 120 identical lines), in the
    order first met; each line with the (sheet, row) it names."""
    groups: dict[tuple[str, str], list[int]] = {}
    for sheet, row, reason in entries:
        groups.setdefault((sheet, reason), []).append(row)
    lines = []
    for (sheet, reason), rows in groups.items():
        numbered = [r for r in rows if r is not None]
        where = (f"“{sheet}”" if sheet else "") + _rows_text(numbered) + "：" if numbered else ""
        lines.append((where + reason, {(sheet, r) for r in numbered}))
    return lines


def _list_refused(entries, where_all: str = "。") -> None:
    """The refused rows on stderr, (sheet, row, reason) each: the first SHOWN_REJECTS reasons
    with their rows ('“Sheet1”第5、8行：…'), then how many rows more (``where_all``: where to
    find them all)."""
    lines = _grouped(entries)
    for line, _ in lines[:SHOWN_REJECTS]:
        print(line, file=sys.stderr)
    if len(lines) > SHOWN_REJECTS:
        shown = set().union(*(rows for _, rows in lines[:SHOWN_REJECTS]))
        more = set().union(*(rows for _, rows in lines[SHOWN_REJECTS:])) - shown
        print(f"……还有{len(more)}行有错误{where_all}", file=sys.stderr)


# Where a row imported with something to check keeps it, as each kind's rows are kept: a care
# row's doubts are in the care subject's note, not a household's (no 【待核实】 household).
_KEPT_FOR_CHECKING = {"care": "原样记在关爱对象的备注里，请在“关爱”页核对",
                      "register": "原样记在备注里，或户的备注标为【待核实】"}


def _write_errors(write, what_happened: str) -> None:
    """Write the errors workbook; when it cannot be saved (a full disk) the message also says
    whether the ledger was imported, which the clerk cannot tell otherwise."""
    from desktop.files import FileWriteError
    try:
        write()
    except FileWriteError as exc:
        exc.message += what_happened
        raise


def _import(app, args) -> int:
    from desktop.excel.importer import apply_import, missing_day, plan_import, sheet_options, with_refusals, write_rejects
    plan = plan_import(app, args.file, args.kind, compound=args.compound, day=_day(args.date, "date"),
                       sheets=args.sheet)
    if refused := missing_day(plan):     # before any row is listed as refused for it
        raise refused
    if args.gate:
        from dataclasses import replace
        from desktop.excel.gate_care_import import mark_already_imported
        plan = mark_already_imported(app, replace(plan, gate=args.gate))   # already in that gate's log
    if plan.hidden_sheets:
        print(f"隐藏的工作表没有导入：{'、'.join(plan.hidden_sheets)}（如需导入，加 {sheet_options(plan.hidden_sheets)}，"
              "连同要导入的其他工作表）。",
              file=sys.stderr)
    for notice in plan.notices:          # in the command line's words (--sheet, not the window's list)
        print(f"注意：{notice.command}", file=sys.stderr)
    if args.errors and plan.bad:
        _write_errors(lambda: write_rejects(plan, args.errors, app.db),
                      "台账还没有导入，数据没有改动；请换一个位置保存错误行文件后重新导入。")
    # Each rejected row with where and why (a clerk at the command line has no preview).
    _list_refused([(row.sheet, row.row, row.reason) for row in plan.bad],
                  "，全部在错误行文件里。" if args.errors else "；加 --errors 文件名.xlsx 可保存全部错误行。")
    if args.dry_run:
        # The counts the real run will print: a row that changes nothing is not imported.
        counts = plan.counts()
        print(summaries.checked(len(plan.rows), len(plan.good) - counts["same"], len(plan.bad), counts))
        return 0
    result = apply_import(app, plan)
    # Rows the module refused only as they were written (the preview rehearses the care list and
    # canvass results, so for those these are rare): where and why, like the rows above, and in
    # the errors workbook with the rest.
    if args.errors and result.refused:
        _write_errors(lambda: write_rejects(with_refusals(plan, result.refused), args.errors, app.db),
                      f"台账已经导入（{result.imported}行）；没有导入的行在下面列出。")
    _list_refused([(problem.sheet, problem.row, problem.message) for problem in result.refused],
                  "，全部在错误行文件里。" if args.errors else "；加 --errors 文件名.xlsx 可保存全部错误行。")
    if result.unchanged and plan.kind != "canvass":
        print(f"{result.unchanged}行与已有记录相同，未改动。", file=sys.stderr)
    refused = {(e.sheet, e.row) for e in result.refused}        # refused when written: not imported
    flagged = [row for row in plan.good if row.warnings and row.action != "same" and (row.sheet, row.row) not in refused]
    if flagged:
        # Kept, with something to check: a phone kept as typed in the note, a word no list knows,
        # a further household behind a door (【待核实】 in its note). Named by row: the clerk
        # goes back to the ledger to check them.
        kept = _KEPT_FOR_CHECKING.get(plan.kind, _KEPT_FOR_CHECKING["register"])
        sheets = dict.fromkeys(row.sheet for row in flagged)
        where = "；".join(f"“{sheet}”{_rows_text(row.row for row in flagged if row.sheet == sheet)}" for sheet in sheets)
        print(f"{len(flagged)}行已导入，但有需要核对的地方（{kept}）：{where}。", file=sys.stderr)
    print(summaries.imported(result, len(flagged)))
    return 0


def _export(app, args) -> int:
    from desktop.excel.lists import export_list
    from desktop.gate.checkpoints import checkpoint_called
    on, until = _day(args.date, "date"), _day(args.until, "until")
    gate_id = checkpoint_called(app.db, args.gate).id if args.gate else None
    count = export_list(app, args.list, args.to, masked=masking_asked(args), on=on, until=until,
                        reason=args.reason, gate_id=gate_id)
    print(summaries.exported(count, args.to))
    return 0


def _day(text: str | None, field: str):
    from desktop.days import DayError, iso_day
    try:
        return iso_day(text) if text else None
    except DayError as e:
        raise InputError(field, e.message) from None


def _template(app, args) -> int:
    from desktop.excel.template import fill_template, inspect_template, save_template
    on = _day(args.date, "date")
    if args.save_as:
        save_template(app, args.save_as, inspect_template(args.file))
    count = fill_template(app, args.file, args.to, on=on, masked=masking_asked(args), reason=args.reason)
    print(summaries.filled(count, args.to))
    return 0
