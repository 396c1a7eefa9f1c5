"""``menshen care``: today's care and isolation figures in one line (for scripts and the daily
report), optionally the visit list of one helper.

    menshen care --db PATH [--today 2020-02-20] [--helper 刘楼长]
"""
import argparse
from datetime import date
from pathlib import Path

COMMANDS = ("care",)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("care", help="today's care visits and isolation checks")
    parser.add_argument("--db", type=Path, required=True, dest="sub_db")
    parser.add_argument("--today", type=date.fromisoformat, help="the day (default: today)")
    parser.add_argument("--helper", help="list this helper's visits due (name)")
    parser.set_defaults(command="care")


def run(args: argparse.Namespace) -> int:
    from desktop.app import open_app
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.paper import visit_sheet
    today = args.today or date.today()
    app = open_app(args.sub_db)
    try:
        care, iso = CareBook(app.db, app.register), IsolationBook(app.db, app.register)
        if args.helper:
            helpers = [h for h in care.helpers() if h.full_name == args.helper.strip()]
            if not helpers:
                print(f"错误：没有帮扶人“{args.helper}”。")
                return 1
            for helper in helpers:
                sheet = visit_sheet(care, helper.id, today, masked=True)
                for row in sheet.rows:
                    print(f"{row.state_label}\t{row.full_name}\t{row.address}\t{row.needs}\t上次 {row.last_visit or '无'}")
                print(f"care {today}: {sheet.helper_name} has {len(sheet.rows)} visits due")
            return 0
        c, i = care.counts(today), iso.counts(today)
        print(f"care {today}: {c['due'] + c['overdue'] + c['neglected']} visits due ({c['neglected']} neglected, "
              f"{c['overdue']} overdue), {i['open']} in isolation, {i['morning_unchecked']} not checked this "
              f"morning, {i['evening_unchecked']} this evening, {i['fever']} with fever")
        return 0
    finally:
        app.close()
