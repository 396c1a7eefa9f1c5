"""``menshen print FORM --db PATH --to OUT.pdf [filters]`` (DESIGN.md): prints one form or
notice to a PDF and says what it made in one line.

The forms are those of ``desktop.printing.forms.FORMS``: a form added there is a choice here.
"""
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError, count, existing_db, iso_date, output_file
from desktop.place_words import ANY_OFFICE, ANY_PLACE

COMMANDS = ("print",)


def add_parser(subparsers) -> None:
    from desktop.printing.forms import FORMS
    p = subparsers.add_parser("print", help="把表格或通知打印成 PDF",
                              description="可以打印：" + "；".join(f"{f.name}（{f.title}）" for f in FORMS.values()))
    p.set_defaults(command="print")
    p.add_argument("form", choices=list(FORMS), metavar="表格", help="、".join(FORMS))
    p.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help="数据库文件")
    p.add_argument("--to", type=Path, required=True, metavar="OUT.pdf", help="写到这个 PDF 文件")
    # Each value named in the clerk's words (the help showed --building BUILDING, --round ROUND_NAME).
    p.add_argument("--compound", default="", metavar="名称", help=f"{ANY_PLACE}的名称；默认：整个{ANY_OFFICE}")
    p.add_argument("--building", default="", metavar="楼栋号", help="--compound 里的楼栋号")
    p.add_argument("--household", default="", metavar="地址",
                   help="一户的地址，如“幸福里小区 3栋2单元501”“王家湾组 12号”（household-sheet）")
    p.add_argument("--template", default="", metavar="模板", help="通知模板的名称或编号（notice）；不写则列出所有模板")
    p.add_argument("--masked", action="store_true", default=None, help="隐去身份证号和电话的中间几位")
    p.add_argument("--public", action="store_true", dest="masked", default=None,
                   help="battle-map：张贴用的公开版，只有颜色和户数，没有姓名")
    p.add_argument("--full", action="store_false", dest="masked", default=None,
                   help="不隐去号码（仅管理员，要用 --reason 写明用途，记入审计）；"
                        "张贴或给人看的表格（通知、门贴、出入证、出入登记表等）总是隐去")
    p.add_argument("--reason", default="", metavar="用途", help="不隐去号码的用途")
    p.add_argument("--gate", default="", metavar="卡口", help="卡口名称（gate-sheet）")
    p.add_argument("--pages", type=count(1, 200, "页数"), default=2, metavar="页数", help="空白出入登记表的页数（1–200）")
    p.add_argument("--day-log", action="store_true", help="gate-sheet：打印当天的出入记录，不是空白表")
    p.add_argument("--a3", action="store_true", help="通知印成 A3 张贴")
    p.add_argument("--date", type=iso_date, default=None, metavar="日期", help="表格上的日期（2020-02-10）；默认今天")
    p.add_argument("--round", default="", dest="round_name", metavar="轮次", help="摸排轮次（canvass-sheet）")
    p.add_argument("--helper", default="", metavar="姓名", help="帮扶人姓名（visit-sheet）；默认：所有帮扶人")


def run(args) -> int:
    from desktop.cliargs import open_command_app
    from desktop.printing import sources
    from desktop.printing.catalogue import PrintRequest, print_form
    from desktop.printing.forms import FORMS, NAMES_ONLY, NEVER
    db_path = existing_db(args)
    output_file(args.to)
    app = open_command_app(args)
    try:
        if args.form == "notice" and not args.template.strip():
            from desktop.printing.templates import NoticeTemplates
            raise CommandError("请用 --template 指定通知模板（名称或编号）。可以用的模板：\n"
                               + NoticeTemplates(app.register.db).numbered())
        # The household as the clerk writes its address (no screen shows its id).
        household = sources.household_at(app.register, args.household).id if args.household.strip() else ""
        request = PrintRequest(args.form, args.compound, args.building, household, args.template,
                               args.masked, args.gate, args.pages, args.a3, args.date, args.day_log,
                               args.round_name, args.helper, args.reason)
        printed = print_form(app.register, request, args.to)
    finally:
        app.close()
    info = FORMS[args.form]
    print(summaries.printed(printed.title or info.title, printed.items, printed.pages, printed.path, printed.unit))
    if args.masked is False and info.numbers == NEVER and args.form not in NAMES_ONLY:
        print(f"注意：{info.title}会张贴或交给别人看，身份证号和电话总是隐去中间几位，--full 对它不起作用（审计记为隐去）。")
    return 0
