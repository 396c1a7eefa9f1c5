"""``menshen care``: today's care and isolation figures in one line (for scripts and the daily
report), optionally the visit list of one helper.

    menshen care --db PATH [--today 2020-02-20] [--helper 刘楼长]
"""
import argparse
from datetime import date
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError, iso_date

COMMANDS = ("care",)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("care", help="今天要走访的关爱对象和隔离随访的数字")
    parser.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    parser.add_argument("--today", type=iso_date, help="哪一天（2020-02-20）；默认今天")
    parser.add_argument("--helper", help="列出这位帮扶人今天要走访的人（姓名）")
    parser.set_defaults(command="care")


def run(args: argparse.Namespace) -> int:
    from desktop.cliargs import open_command_app
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.paper import visit_sheet
    today = args.today or date.today()
    app = open_command_app(args)
    try:
        care, iso = CareBook(app.db, app.register), IsolationBook(app.db, app.register)
        if args.helper:
            helpers = [h for h in care.helpers() if h.full_name == args.helper.strip()]
            if not helpers:
                names = "、".join(h.full_name for h in care.helpers()) or "（还没有登记帮扶人）"
                raise CommandError(f"没有帮扶人“{args.helper}”。登记的帮扶人：{names}")
            for helper in helpers:
                sheet = visit_sheet(care, helper.id, today, masked=True)
                for row in sheet.rows:
                    print(f"{row.state_label}\t{row.full_name}\t{row.address}\t{row.needs}\t上次 {row.last_visit or '无'}")
                print(summaries.care_helper(today, sheet.helper_name, len(sheet.rows)))
            return 0
        print(summaries.care_day(today, care.counts(today), iso.counts(today)))
        return 0
    finally:
        app.close()
