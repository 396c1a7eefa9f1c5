"""The ``menshen`` command (DESIGN.md, a contract): thin wrappers that parse arguments, call
desktop/ and print one summary line a script can read, in Chinese (desktop/summaries.py).

Errors never end in a traceback: a command raises ``CommandError`` or a desktop error with a
Chinese message, printed on stderr with a non-zero exit; anything unexpected is caught once,
here in ``main``, reported in one Chinese line and written to a log file (exit code 2).
"""
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

from desktop import summaries
from desktop.cliargs import ChineseArgumentParser, CommandError, count, existing_db, png_file
from desktop.demo_names import HOUSEHOLDS_PER_COMMUNITY

# Modules that add subcommands: each has COMMANDS, add_parser(subparsers) and run(args) -> int,
# and its parser sets ``command`` to its own name (``parser.set_defaults(command=...)``).
COMMAND_MODULES = ["desktop.care.cli", "desktop.printing.command", "desktop.excel.commands", "desktop.audit_cli",
                   "desktop.sync.cli", "desktop.backup_cli", "desktop.aggregate_cli", "desktop.accounts.cli"]


def _parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="menshen", description="社区门神 Menshen：社区疫情防控登记、卡口、关爱与打印")
    parser.add_argument("--db", type=Path, help="数据库文件（默认：本机用户数据文件夹里的 menshen.db）")
    parser.add_argument("--demo", action="store_true", help="在新生成的演示社区上打开窗口")
    parser.add_argument("--screenshot", type=png_file, metavar="OUT.png", help="在后台画出窗口，存为图片后退出")
    parser.add_argument("--page", help="打开时显示的页面（例如 register、gate）")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="窗口语言")
    parser.add_argument("--user", metavar="NAME", help="以这个账号登录（密码：环境变量 MENSHEN_PASSWORD，或按提示输入）")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    demo = sub.add_parser("demo", help="生成演示社区（--households 0：一个空社区，可导入台账或同步）")
    demo.add_argument("--db", type=Path, required=True, dest="sub_db", metavar="PATH", help="新数据库文件")
    demo.add_argument("--households", type=count(0, 200_000, "户数"), default=HOUSEHOLDS_PER_COMMUNITY,
                      help=f"户数（默认 {HOUSEHOLDS_PER_COMMUNITY}）")
    demo.add_argument("--days", type=count(0, 366, "天数"), default=14, help="卡口记录的天数（默认 14）")
    demo.add_argument("--seed", type=int, default=7, help="随机数种子")
    for module in _command_modules():
        module.add_parser(sub)
    _add_user_option(sub)
    return parser


def _add_user_option(sub) -> None:
    """``--user NAME`` after any command too (``menshen export … --user anna``)."""
    import argparse
    for command in set(sub.choices.values()):
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _add_user_option(nested[0])
        elif "--user" not in command._option_string_actions:
            command.add_argument("--user", dest="sub_user", metavar="NAME", help="以这个账号登录")


def _command_modules() -> list:
    return [importlib.import_module(n) for n in COMMAND_MODULES]


def cmd_demo(path: Path, households: int = HOUSEHOLDS_PER_COMMUNITY, seed: int = 7, days: int = 14) -> int:
    from desktop.demo import make_demo_database
    from desktop.cliargs import output_file
    output_file(path, "--db")
    start = time.perf_counter()
    summary = make_demo_database(path, households=households, seed=seed, days=days)
    print(summaries.demo(summary.households, summary.people, time.perf_counter() - start, path))
    return 0


def _no_display() -> bool:
    """A Linux session without a screen (a remote shell): Qt would abort with English lines and
    a core dump. Windows always has its desktop; a platform chosen by QT_QPA_PLATFORM is Qt's."""
    return sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _run(args) -> int:
    if args.command == "demo":
        return cmd_demo(args.sub_db, args.households, args.seed, args.days)
    for module in _command_modules():
        if args.command in getattr(module, "COMMANDS", ()):
            return module.run(args)
    if args.screenshot is None and _no_display():
        raise CommandError("这台电脑现在没有可用的图形界面（显示器），窗口打不开。"
                           "命令行可以照常使用：menshen --help 列出能做的事。", code=2)
    from desktop.app import default_db_path
    from desktop.cliargs import command_user, open_logged_in
    from ui.startup import show_window        # the start-up hand-over to ui/
    if args.demo:
        path = Path(tempfile.mkdtemp(prefix="menshen-demo-")) / "demo.db"
        print(f"正在生成演示社区 … {path}", flush=True)
        cmd_demo(path)
        app = open_logged_in(path, args)
        return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang)
    # The window's first run (no --db) makes the user's own register; a --db given must exist.
    path = existing_db(args) if args.db else default_db_path()
    if args.screenshot is None and not command_user(args):
        # The login dialog (an encrypted file: before it opens); a damaged file: the newest
        # good backup is offered.
        from ui.startup import open_for_window
        app = open_for_window(path)
        if app is None:
            return 2
    else:
        # ``--user`` logs the window in as a command does (no login dialog then); a screenshot
        # never shows a dialog: it runs as ``--user`` or, on the demo or a register without
        # accounts, as the implicit admin, and is refused on any other register.
        app = open_logged_in(path, args)
    return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang,
                       offer_demo=args.db is None)


def _offer_backup(args, exc: Exception) -> None:
    """A damaged or empty database: say which backup would restore it, and how."""
    from db.errors import DamagedDatabaseError, EmptyDatabaseFileError
    if not isinstance(exc, (DamagedDatabaseError, EmptyDatabaseFileError)):
        return
    from desktop.app import default_db_path
    from desktop.backup import offer_text
    path = Path(getattr(args, "sub_db", None) or args.db or default_db_path())
    print(offer_text(path), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Parse, run, and turn every failure into a Chinese line on stderr and an exit code:
    1 for what the user can put right, 2 for storage failures and anything unexpected (whose
    report, without personal data, goes to the data folder's logs/errors.log)."""
    from desktop.failures import quiet_unraisable
    quiet_unraisable()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:                     # --help, or a usage error already printed
        return e.code if isinstance(e.code, int) else 2
    try:
        return _run(args)
    except CommandError as e:
        print(f"错误：{e.message}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:                   # Ctrl+C: a write in progress is rolled back whole
        print("已取消，未完成的修改没有保存。", file=sys.stderr)
        return 130
    except Exception as e:                      # one handler for commands and the window's start
        from desktop.failures import command_failed
        code = command_failed(e)
        _offer_backup(args, e)
        if args.command is None and args.screenshot is None:
            from ui.startup import show_failure     # started from an icon: there is no console
            show_failure(e)
        return code


if __name__ == "__main__":
    # The built program: a worker process (menshen aggregate opens packages in some) starts
    # the executable again, which must run the worker, not the program.
    import multiprocessing
    multiprocessing.freeze_support()
    sys.exit(main())
