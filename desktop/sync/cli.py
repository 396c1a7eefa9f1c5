"""``menshen sync``: exchange packages through a folder (a USB stick's ``menshen-sync`` folder,
or a shared or Syncthing folder) from the command line.

    menshen sync export --db PATH --to DIR [--for SITE] [--passphrase-file FILE] [--level full|lists|counts]
    menshen sync import --db PATH --from DIR [--passphrase-file FILE] [--accept-clock]

The passphrase comes from ``--passphrase-file`` (its first line) or the environment variable
``MENSHEN_SYNC_PASSPHRASE``; it is never an argument (other users could read it in the process
list). Each prints one summary line; refused packages are listed on stderr in Chinese and the
exit code is then 1 (the packages that were fine are imported all the same). A package more than a
day ahead of this PC's clock is held back (exit code 1, the reason on stderr) unless
``--accept-clock``; a clock behind what the data has seen is warned about on stderr. After an
import the folder is tidied (packages every known machine holds; desktop/sync/exchange.py).
"""
import argparse
import os
import sys
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError
from desktop.files import os_reason

COMMANDS = ("sync",)
PASSPHRASE_ENV = "MENSHEN_SYNC_PASSPHRASE"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sync", help="通过U盘或共享文件夹同步：导出或导入同步包")
    parser.set_defaults(command="sync", sync_action=None)
    actions = parser.add_subparsers(dest="sync_action", title="操作", metavar="操作")
    export = actions.add_parser("export", help="把本机的更改写成一个同步包，放进文件夹")
    export.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    export.add_argument("--to", type=Path, required=True, metavar="DIR", help="放同步包的文件夹")
    export.add_argument("--for", dest="peer", metavar="SITE", help="只为这台电脑（编号或站点 id）导出增量")
    export.add_argument("--passphrase-file", type=Path, metavar="FILE", help=f"同步口令文件（或环境变量 {PASSPHRASE_ENV}）")
    export.add_argument("--level", choices=("full", "lists", "counts"),
                        help="上报用：full 全部数据，lists 名单（不含身份证号、电话），counts 只报数字；导出时就删去，并记入审计")
    imp = actions.add_parser("import", help="导入文件夹里本机还没有导入过的同步包")
    imp.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    imp.add_argument("--from", type=Path, required=True, dest="source", metavar="DIR", help="放同步包的文件夹")
    imp.add_argument("--passphrase-file", type=Path, metavar="FILE", help=f"同步口令文件（或环境变量 {PASSPHRASE_ENV}）")
    imp.add_argument("--accept-clock", action="store_true",
                     help="对方电脑的时间比本机晚一天以上时仍然导入（请先核对两台电脑的日期）")


def passphrase(args) -> str:
    if args.passphrase_file:
        try:
            text = args.passphrase_file.read_text("utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"找不到口令文件 {args.passphrase_file}。") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"读不了口令文件 {args.passphrase_file}（{os_reason(exc) if isinstance(exc, OSError) else '不是文本文件'}）。") from None
        lines = text.splitlines()
        value = lines[0].strip() if lines else ""
    else:
        value = os.environ.get(PASSPHRASE_ENV, "").strip()
    if not value:
        raise CommandError(f"需要本社区的同步口令：用 --passphrase-file 指定口令文件，或设置环境变量 {PASSPHRASE_ENV}。")
    return value


def _folder(path: Path, option: str) -> Path:
    if path.exists() and not path.is_dir():     # "does not exist" sent people looking for a stick
        raise CommandError(f"{path} 是一个文件，不是文件夹（{option}）。{option} 要写文件夹，"
                           f"例如U盘上放同步包的文件夹：{path.parent}")
    if not path.is_dir():
        raise CommandError(f"文件夹不存在：{path}（{option}）。请插好U盘或先建好这个文件夹。")
    return path


def _peer_site(db, text: str) -> str:
    with db.reading() as conn:
        row = conn.execute("SELECT site_id FROM sync_peer WHERE site_id = ? OR upper(site_code) = upper(?)",
                           (text, text)).fetchone()
        known = [r[0] for r in conn.execute("SELECT site_code FROM sync_peer WHERE site_code IS NOT NULL ORDER BY 1")]
    if row is None:
        raise CommandError(f"不认识电脑“{text}”。认识的电脑：{'、'.join(known) or '（还没有收到过别的电脑的同步包）'}")
    return row[0]


def run(args: argparse.Namespace) -> int:
    from desktop.cliargs import open_command_app
    from desktop.sync.errors import SyncError
    from desktop.sync.clock import local_clock_warning
    from desktop.sync.exchange import export_package, foreign_folder_note, import_packages, kept_note, tidy_mailbox
    if args.sync_action is None:
        raise CommandError("请写明 export（导出）还是 import（导入），例如：menshen sync import --db 门神.db --from U盘文件夹")
    folder = _folder(args.to if args.sync_action == "export" else args.source,
                     "--to" if args.sync_action == "export" else "--from")
    secret = passphrase(args)
    app = open_command_app(args)
    try:
        if args.sync_action == "export":
            peer = _peer_site(app.db, args.peer) if args.peer else None
            try:
                out = export_package(app.db, folder, secret, peer=peer, level=args.level)
            except SyncError as err:
                raise CommandError(str(err)) from None
            warning = local_clock_warning(app.db)
            if warning is not None:
                print(f"注意：{warning.message}", file=sys.stderr)
            print(summaries.sync_export(out.n_changes, out.kind, out.path))
            return 0
        try:
            got = import_packages(app.db, folder, secret, accept_clock_ahead=args.accept_clock)
            tidied = tidy_mailbox(app.db, folder)
        except SyncError as err:
            raise CommandError(str(err)) from None
        for name, err in got.refused:
            print(f"错误：{name}：{err.message}", file=sys.stderr)
        for held in got.held:
            print(f"错误：{held.message}（确认日期无误后可加 --accept-clock 仍然导入）", file=sys.stderr)
        if got.clock is not None:
            print(f"注意：{got.clock.message}", file=sys.stderr)
        note = foreign_folder_note(got)     # only other communities' packages: the wrong stick?
        if note is not None:
            print(f"注意：{note}", file=sys.stderr)
        if tidied.failed:
            print(f"注意：导入已完成，但U盘上已经用不到的旧同步包没能清理：{tidied.failed}", file=sys.stderr)
        print(summaries.sync_import(got.packages, got.n_new, len(got.conflicts), len(got.refused), len(got.held),
                                    len(tidied.remove)))
        kept = kept_note(got)       # a newer Menshen's fields, kept for the upgrade: nothing wrong
        if kept is not None:
            print(kept)
        return 1 if got.refused or got.held else 0
    finally:
        app.close()
