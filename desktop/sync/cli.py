"""``menshen sync``: exchange packages through a folder (a USB stick's ``menshen-sync`` folder,
or a shared or Syncthing folder) from the command line.

    menshen sync export --db PATH --to DIR [--for SITE] [--passphrase-file FILE] [--level full|lists|counts]
    menshen sync import --db PATH --from DIR [--passphrase-file FILE] [--accept-clock]
    menshen sync name NAME --db PATH      # what the other machines call this one (the sync page's 这台电脑叫)

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
    export.add_argument("--for", dest="peer", metavar="SITE", help="只为这台电脑（名字、代码或站点 id）导出增量")
    export.add_argument("--passphrase-file", type=Path, metavar="FILE", help=f"同步口令文件（或环境变量 {PASSPHRASE_ENV}）")
    export.add_argument("--level", choices=("full", "lists", "counts"),
                        help="上报用：full 全部数据，lists 名单（不含身份证号、电话），counts 只报数字；导出时就删去，并记入审计")
    imp = actions.add_parser("import", help="导入文件夹里本机还没有导入过的同步包")
    imp.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    imp.add_argument("--from", type=Path, required=True, dest="source", metavar="DIR", help="放同步包的文件夹")
    imp.add_argument("--passphrase-file", type=Path, metavar="FILE", help=f"同步口令文件（或环境变量 {PASSPHRASE_ENV}）")
    imp.add_argument("--accept-clock", action="store_true",
                     help="对方电脑的时间比本机晚一天以上时仍然导入（请先核对两台电脑的日期）")
    name = actions.add_parser("name", help="给这台电脑起名字（别的电脑从下次同步起这样称呼它，同“同步”页的“这台电脑叫”）")
    name.add_argument("machine_name", metavar="NAME", help="名字，例如 村委会办公室、村口卡口笔记本")
    name.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")


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
    """The machine ``--for`` means: its site id, its code, or the name its clerk gave it (as the
    sync page lists it, machine_name); a name two machines share is refused, with their codes."""
    from db.sync.site import given_name, machine_name
    with db.reading() as conn:
        peers = conn.execute("SELECT site_id, site_code, site_name FROM sync_peer ORDER BY site_code, site_id").fetchall()
    wanted = " ".join(text.split())
    found = ([p for p in peers if p[0] == wanted or (p[1] or "").upper() == wanted.upper()]
             or [p for p in peers if given_name(p[2], p[1]) and " ".join(p[2].split()) == wanted])
    if len(found) > 1:
        raise CommandError(f"有{len(found)}台电脑都叫“{wanted}”：{'、'.join(machine_name(n, c, i) for i, c, n in found)}。"
                           f"请在 --for 后面写括号里的代码，例如 --for {found[0][1]}")
    if not found:
        known = "、".join(machine_name(n, c, i) for i, c, n in peers)
        raise CommandError(f"不认识电脑“{text}”。认识的电脑：{known or '（还没有收到过别的电脑的同步包）'}")
    return found[0][0]


def run(args: argparse.Namespace) -> int:
    from desktop.cliargs import open_command_app
    from desktop.sync.drives import place_of
    from desktop.sync.errors import SyncError
    from desktop.sync.clock import local_clock_warning
    from desktop.sync.exchange import (export_package, foreign_folder_note, import_packages, kept_note, tidy_mailbox,
                                       tidy_note)
    if args.sync_action is None:
        raise CommandError("请写明 export（导出）、import（导入）还是 name（给这台电脑起名字），"
                           "例如：menshen sync import --db 门神.db --from U盘文件夹")
    if args.sync_action == "name":
        return _name(args)
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
        note = foreign_folder_note(got, folder)     # only other communities' packages: the wrong stick?
        if note is not None:
            print(f"注意：{note}", file=sys.stderr)
        if tidied.failed:
            print(f"注意：导入已完成，但{place_of(folder).on}已经用不到的旧同步包没能清理：{tidied.failed}",
                  file=sys.stderr)
        print(summaries.sync_import(got.packages, got.n_new, len(got.conflicts), len(got.refused), len(got.held),
                                    len(tidied.remove)))
        kept = kept_note(got)       # a newer Menshen's fields, kept for the upgrade: nothing wrong
        if kept is not None:
            print(kept)
        waiting = tidy_note(tidied, folder)     # old packages a machine has not received yet stay there
        if waiting is not None:
            print(waiting)
        return 1 if got.refused or got.held else 0
    finally:
        app.close()


def _name(args) -> int:
    """``menshen sync name NAME``: the sync page's 这台电脑叫, through the same function."""
    from db.sync.site import machine_name
    from desktop.cliargs import open_command_app
    from desktop.sync.status import name_this_machine
    app = open_command_app(args)
    try:
        name = name_this_machine(app.db, args.machine_name)
        print(summaries.machine_named(machine_name(name, app.db.site.site_code)))
    finally:
        app.close()
    return 0
