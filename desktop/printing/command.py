"""``menshen print FORM --db PATH --to OUT.pdf [filters]`` (DESIGN.md): prints one form or
notice to a PDF and says what it made in one line."""
import sys
from datetime import date
from pathlib import Path

from desktop.errors import InputError, InputErrors, NotFoundError

COMMANDS = ("print",)


def add_parser(subparsers) -> None:
    from desktop.printing.catalogue import FORMS
    p = subparsers.add_parser("print", help="print a form or notice to PDF")
    p.set_defaults(command="print")
    p.add_argument("form", choices=list(FORMS), help="which form")
    p.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help="database file")
    p.add_argument("--to", type=Path, required=True, metavar="OUT.pdf")
    p.add_argument("--compound", default="", help="compound (小区) name; default: the whole community")
    p.add_argument("--building", default="", help="building number within --compound")
    p.add_argument("--household", default="", help="household id (household-sheet)")
    p.add_argument("--template", default="", help="notice template name or id")
    p.add_argument("--masked", action="store_true", default=None, help="mask ID and phone numbers")
    p.add_argument("--public", action="store_true", dest="masked", default=None, help="battle-map: the public version, no names")
    p.add_argument("--gate", default="", help="gate name (gate-sheet)")
    p.add_argument("--pages", type=int, default=2, help="blank gate sheets to print")
    p.add_argument("--day-log", action="store_true", help="gate-sheet: the day's log, not blank sheets")
    p.add_argument("--a3", action="store_true", help="notice as an A3 poster")
    p.add_argument("--date", default="", help="date printed on the form (YYYY-MM-DD); default today")
    p.add_argument("--round", default="", dest="round_name", help="canvass round (canvass-sheet)")
    p.add_argument("--helper", default="", help="helper's name (visit-sheet); default: every helper")


def run(args) -> int:
    from desktop.app import default_db_path, open_app
    from desktop.printing.catalogue import PrintRequest, print_form
    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"错误：日期格式不对，请写成 2020-02-10：{args.date}", file=sys.stderr)
        return 2
    db_path = args.sub_db or args.db or default_db_path()
    if not Path(db_path).exists():
        print(f"错误：找不到数据库文件 {db_path}", file=sys.stderr)
        return 2
    app = open_app(db_path)
    try:
        request = PrintRequest(args.form, args.compound, args.building, args.household, args.template,
                               args.masked, args.gate, args.pages, args.a3, day, args.day_log,
                               args.round_name, args.helper)
        printed = print_form(app.register, request, args.to)
    except InputErrors as e:
        print("错误：" + "；".join(err.message for err in e.errors), file=sys.stderr)
        return 2
    except (InputError, NotFoundError) as e:
        print(f"错误：{getattr(e, 'message', e)}", file=sys.stderr)
        return 2
    finally:
        app.close()
    print(f"printed {args.form}: {printed.items} items, {printed.pages} pages -> {printed.path}")
    return 0
