"""The ``menshen`` command (DESIGN.md, a contract): thin wrappers that parse arguments, call
desktop/ and print one summary line a script can read."""
import argparse
import sys
import tempfile
import time
from pathlib import Path

from desktop.app import default_db_path, open_app


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="menshen", description="社区门神 Menshen")
    parser.add_argument("--db", type=Path, help="database file (default: the user's data folder)")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh demo community")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="render the window off screen and exit")
    parser.add_argument("--page", help="page to show (register)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="window language")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="make a demo community")
    demo.add_argument("--db", type=Path, required=True, dest="sub_db")
    demo.add_argument("--households", type=int, default=6514)
    demo.add_argument("--days", type=int, default=14, help="days of gate logs (when the gate exists)")
    demo.add_argument("--seed", type=int, default=7)
    for module in _command_modules():
        module.add_parser(sub)
    return parser


def _command_modules() -> list:
    """Modules that add subcommands: each has add_parser(subparsers) and run(args) -> int, and
    its parser sets ``command`` to its own name (``parser.set_defaults(command=...)``)."""
    import importlib
    names: list[str] = ["desktop.care.cli", "desktop.printing.command", "desktop.excel.commands"]
    return [importlib.import_module(n) for n in names]


def cmd_demo(path: Path, households: int, seed: int, days: int = 14) -> int:
    from desktop.demo import make_demo_database
    start = time.perf_counter()
    summary = make_demo_database(path, households=households, seed=seed, days=days)
    print(f"demo: {summary.households} households, {summary.people} people in "
          f"{time.perf_counter() - start:.1f} s -> {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return cmd_demo(args.sub_db, args.households, args.seed, args.days)
        for module in _command_modules():
            if args.command in getattr(module, "COMMANDS", ()):
                return module.run(args)
        from ui.startup import show_window        # the start-up hand-over to ui/
        if args.demo:
            path = Path(tempfile.mkdtemp(prefix="menshen-demo-")) / "demo.db"
            print(f"正在生成演示社区 … {path}", flush=True)
            cmd_demo(path, 6514, 7)
            app = open_app(path)
            return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang)
        path = args.db or default_db_path()
        app = open_app(path)
        return show_window(app, screenshot=args.screenshot, page=args.page, lang=args.lang,
                           offer_demo=args.db is None)
    except KeyboardInterrupt:       # Ctrl+C: a write in progress is rolled back whole
        print("已取消，未完成的修改没有保存。", file=sys.stderr)
        return 130
    except Exception as e:          # a Chinese message on stderr (a report for a bug), never a traceback
        from desktop.failures import command_failed
        code = command_failed(e)
        if args.command is None and args.screenshot is None:
            from ui.startup import show_failure     # started from an icon: there is no console
            show_failure(e)
        return code


if __name__ == "__main__":
    sys.exit(main())
