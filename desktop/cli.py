"""The ``menshen`` command (DESIGN.md, a contract): thin wrappers that parse arguments, call
desktop/ and print one summary line a script can read.

Errors never end in a traceback: a command raises ``CommandError`` or a desktop error with a
Chinese message, printed on stderr with a non-zero exit; anything unexpected is caught once,
here in ``main``, reported in one Chinese line and written to a log file (exit code 2).
"""
import importlib
import os
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from desktop.cliargs import ChineseArgumentParser, CommandError, count, existing_db

# Modules that add subcommands: each has COMMANDS, add_parser(subparsers) and run(args) -> int,
# and its parser sets ``command`` to its own name (``parser.set_defaults(command=...)``).
COMMAND_MODULES = ["desktop.care.cli", "desktop.printing.command", "desktop.excel.commands"]


def _parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(prog="menshen", description="社区门神 Menshen：社区疫情防控登记、卡口、关爱与打印")
    parser.add_argument("--db", type=Path, help="数据库文件（默认：本机用户数据文件夹里的 menshen.db）")
    parser.add_argument("--demo", action="store_true", help="在新生成的演示社区上打开窗口")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="在后台画出窗口，存为图片后退出")
    parser.add_argument("--page", help="打开时显示的页面（例如 register、gate）")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="窗口语言")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    demo = sub.add_parser("demo", help="生成演示社区（--households 0：一个空社区，可导入台账或同步）")
    demo.add_argument("--db", type=Path, required=True, dest="sub_db", metavar="PATH", help="新数据库文件")
    demo.add_argument("--households", type=count(0, 200_000, "户数"), default=6514, help="户数（默认 6514）")
    demo.add_argument("--days", type=count(0, 366, "天数"), default=14, help="卡口记录的天数（默认 14）")
    demo.add_argument("--seed", type=int, default=7, help="随机数种子")
    for module in _command_modules():
        module.add_parser(sub)
    return parser


def _command_modules() -> list:
    return [importlib.import_module(n) for n in COMMAND_MODULES]


def cmd_demo(path: Path, households: int, seed: int, days: int = 14) -> int:
    from desktop.demo import make_demo_database
    from desktop.cliargs import output_file
    output_file(path, "--db")
    start = time.perf_counter()
    summary = make_demo_database(path, households=households, seed=seed, days=days)
    if households == 0:
        print(f"demo: 0 households, an empty register ready for an import or a sync -> {path}")
        return 0
    print(f"demo: {summary.households} households, {summary.people} people in "
          f"{time.perf_counter() - start:.1f} s -> {path}")
    return 0


def _run(args) -> int:
    if args.command == "demo":
        return cmd_demo(args.sub_db, args.households, args.seed, args.days)
    for module in _command_modules():
        if args.command in getattr(module, "COMMANDS", ()):
            return module.run(args)
    from desktop.app import default_db_path, open_app
    from ui.startup import show_window        # the start-up hand-over to ui/
    if args.demo:
        path = Path(tempfile.mkdtemp(prefix="menshen-demo-")) / "demo.db"
        print(f"正在生成演示社区 … {path}", flush=True)
        cmd_demo(path, 6514, 7)
        app = open_app(path)
        return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang)
    # The window's first run (no --db) makes the user's own register; a --db given must exist.
    path = existing_db(args) if args.db else default_db_path()
    app = open_app(path)
    return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang,
                       offer_demo=args.db is None)


def main(argv: list[str] | None = None) -> int:
    """Parse, run, and turn every failure into a Chinese line on stderr and an exit code:
    1 for what the user can put right, 2 for storage failures and anything unexpected."""
    from db.errors import StorageError
    from desktop.errors import DuplicatePersonError, InputError, InputErrors, NotFoundError
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:                     # --help, or a usage error already printed
        return e.code if isinstance(e.code, int) else 2
    try:
        return _run(args)
    except CommandError as e:
        return _fail(e.message, e.code)
    except InputErrors as e:
        return _fail("；".join(str(err) for err in e.errors), 1)
    except (InputError, NotFoundError, DuplicatePersonError) as e:
        return _fail(str(e), 1)
    except StorageError as e:
        return _fail(e.message, 2)
    except KeyboardInterrupt:
        return _fail("已取消。", 130)
    except OSError as e:
        return _fail(_os_message(e), 2)
    except Exception as e:                       # a bug: a short message and a log, never a traceback
        log = _write_crash_log(e)
        where = f"详细情况已记在 {log}，请交给技术人员。" if log else ""
        return _fail(f"程序出错了（{type(e).__name__}），这次操作没有完成。{where}", 2)


def _fail(message: str, code: int) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def _os_message(e: OSError) -> str:
    """A file-system failure in words (the path is the user's own; nothing personal in it)."""
    import errno
    where = f"：{e.filename}" if e.filename else ""
    reasons = {errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有权限读写", errno.EPERM: "没有权限读写",
               errno.ENOSPC: "磁盘已满", errno.EROFS: "磁盘是只读的（U盘的写保护开关？）",
               errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一段不是文件夹"}
    return reasons.get(e.errno, "读写文件失败") + where


def _write_crash_log(e: Exception) -> Path | None:
    """The exception's type and where it happened, with no message and no values: a message
    may quote an ID number or a name from the register. Kept in the data folder's logs/."""
    try:
        from desktop.app import home_dir
        folder = home_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"menshen-error-{datetime.now():%Y%m%d-%H%M%S}.log"
        frames = traceback.extract_tb(e.__traceback__)
        lines = [f"menshen {' '.join(sys.argv[1:2])} {datetime.now().isoformat(timespec='seconds')}",
                 f"{type(e).__module__}.{type(e).__qualname__}"]
        lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
        part = path.with_name(path.name + ".part")
        part.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(part, path)
        return path
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main())
