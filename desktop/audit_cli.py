"""``menshen audit --db PATH [--since D] --to OUT.xlsx``: the audit as a workbook."""
from pathlib import Path

from desktop import summaries
from desktop.cliargs import existing_db, iso_date, output_file

COMMANDS = ("audit",)


def add_parser(sub) -> None:
    p = sub.add_parser("audit", help="导出审计记录（导出、打印和修改记录）")
    p.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    p.add_argument("--to", type=Path, required=True, metavar="OUT.xlsx", help="写到这个文件")
    p.add_argument("--since", type=iso_date, default=None, help="从这一天起（2020-02-20）；默认全部")
    p.set_defaults(command="audit")


def run(args) -> int:
    from desktop.cliargs import open_command_app
    from desktop.audit import export_audit
    db_path = existing_db(args)
    output_file(args.to)
    app = open_command_app(args)
    try:
        count = export_audit(app.db, args.to, since=args.since)
    finally:
        app.close()
    print(summaries.audit(count, args.to))
    return 0
