"""``menshen aggregate``: many communities' packages into one picture, nothing re-typed.

    menshen aggregate --packages DIR --pg URL      [--passphrase-file FILE] [--again] [--day D]
    menshen aggregate --packages DIR --street DIR  [--passphrase-file FILE] [--day D]
                      [--report 街道日报模板.xlsx --to 日报.xlsx]

``--pg``: a district's or city's PostgreSQL (desktop/aggregate/pg.py); the URL is libpq's
(``postgresql://user@host:5432/db`` or ``host=… dbname=…``); keep its password in
``~/.pgpass`` or ``PGPASSWORD``, not in the URL (the process list is readable). Without
``--pg``, ``MENSHEN_PG_URL``. ``--street``: a street office's folder of community replicas
(desktop/aggregate/street.py). Passphrases: desktop/aggregate/passphrases.py. One summary line,
then the day's figures summed; refused packages are listed on stderr in Chinese (exit code 1).
"""
import os
import sys
from datetime import date
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError, iso_date

COMMANDS = ("aggregate",)
PG_ENV = "MENSHEN_PG_URL"


def add_parser(sub) -> None:
    p = sub.add_parser("aggregate", help="街道、区、市：把各社区的同步包汇总（PostgreSQL 或街道的社区副本）")
    p.add_argument("--packages", type=Path, required=True, metavar="DIR", help="放各社区同步包的文件夹")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--pg", metavar="URL", help=f"PostgreSQL 地址（或环境变量 {PG_ENV}）；口令放在 ~/.pgpass")
    where.add_argument("--street", type=Path, metavar="DIR", help="街道模式：各社区副本所在的文件夹")
    p.add_argument("--passphrase-file", type=Path, metavar="FILE",
                   help="口令文件：每行“社区编号 口令”（或环境变量 MENSHEN_SYNC_PASSPHRASE：各社区共用）")
    p.add_argument("--again", action="store_true", help="已经汇总过的同步包也再合并一次（结果不变）")
    p.add_argument("--day", type=iso_date, default=None, help="显示这一天的数字（默认今天）")
    p.add_argument("--report", type=Path, metavar="TEMPLATE.xlsx",
                   help="街道模式：用街道自己的日报模板填一份（每个社区一行，最后一行合计）")
    p.add_argument("--to", type=Path, metavar="OUT.xlsx", help="--report 填好的日报写到这里")
    p.set_defaults(command="aggregate")


FIGURE_NAMES = (("people", "人"), ("households", "户"), ("home_isolation", "居家隔离"), ("observation", "观察"),
                ("away", "外出"), ("gate_in", "进"), ("gate_out", "出"), ("gate_fevers", "发热"))


def _line(day, figures: dict, communities: int) -> str:
    return f"{day.isoformat()}：{communities} 个社区，" + "，".join(f"{name} {int(figures.get(k, 0)):,}"
                                                               for k, name in FIGURE_NAMES)


def run(args) -> int:
    from desktop.aggregate import passphrases as pp
    if not args.packages.is_dir():
        raise CommandError(f"文件夹不存在：{args.packages}（--packages）。")
    try:
        secrets = pp.lookup(pp.read(args.passphrase_file))
    except pp.PassphraseFileError as err:
        raise CommandError(err.message) from None
    day = args.day or date.today()
    if args.street:
        return _street(args, secrets, day)
    url = args.pg or os.environ.get(PG_ENV, "")
    if not url:
        raise CommandError(f"请用 --pg 给出 PostgreSQL 地址（或设置环境变量 {PG_ENV}），或用 --street 汇总到街道的社区副本。")
    return _pg(args, url, secrets, day)


def _report_refused(refused) -> None:
    for name, message in refused:
        print(f"错误：{name}：{message}", file=sys.stderr)


def _pg(args, url: str, secrets, day) -> int:
    from desktop.aggregate import pg
    try:
        conn = pg.connect(url)
    except pg.IngestError as err:
        raise CommandError(err.message) from None
    try:
        pg.ensure_schema(conn)
        got = pg.ingest(conn, args.packages, secrets, again=args.again)
        city = pg.city_daily(conn, day.isoformat())
    finally:
        conn.close()
    _report_refused(got.refused)
    print(summaries.aggregate_pg(got.packages, got.n_changes, got.already, len(got.refused)))
    print(_line(day, city, city.get("communities", 0)))
    return 1 if got.refused else 0


def _street(args, secrets, day) -> int:
    from desktop.aggregate.street import Street, summed
    if args.report is not None:
        from desktop.cliargs import input_file, output_file
        if args.to is None:
            raise CommandError("用 --report 填街道日报时，要用 --to 给出写到哪个文件。")
        input_file(args.report, "日报模板")
        output_file(args.to)
    with Street(args.street) as street:
        got = street.ingest(args.packages, secrets)
        figures = street.figures(day)
        if args.report is not None:
            from desktop.aggregate.street_report import fill_street_report
            filled = fill_street_report(street, args.report, args.to, on=day)
            print(summaries.street_report(filled, args.to))
    refused = got.refused
    _report_refused([(n, err.message) for n, err in refused])
    for community in got.no_passphrase:
        print(f"错误：没有社区 {community} 的同步口令，它的同步包没有导入（见 --passphrase-file）。", file=sys.stderr)
    print(summaries.aggregate_street(got.packages, got.n_new, len(figures), len(refused) + len(got.no_passphrase)))
    print(_line(day, summed(figures), len(figures)))
    return 1 if refused or got.no_passphrase else 0
