"""What every ``menshen`` subcommand shares: an argument parser that speaks Chinese, the
checks a command makes before it touches anything (the database exists, the folder to write
into exists, the file to read exists), and the one error type they raise.

A command module (``desktop/care/cli.py``, ``desktop/printing/command.py`` …) has
``COMMANDS``, ``add_parser(subparsers)`` and ``run(args) -> int``; it raises ``CommandError``
(or a desktop ``InputError``) for anything the user can put right, and ``desktop.cli.main``
prints it on stderr in Chinese and exits non-zero. Register a new module in
``desktop.cli.COMMAND_MODULES``.
"""
import argparse
import contextlib
import os
import re
import sys
from datetime import date
from pathlib import Path


class CommandError(Exception):
    """A command cannot go on; ``message`` says why in Chinese. Exit code 1 unless told."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code


# argparse's own messages (Python 3.11's gettext ids) in Chinese.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示这段帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有“%(value)s”这一项，可以选：%(choices)s",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能和参数 %s 一起使用",
    "ignored explicit argument %r": "参数 %r 多余",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "one of the arguments %s is required": "参数 %s 必须给出一个",
}
_TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径"}


def _zh(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


def _zh_n(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


@contextlib.contextmanager
def _chinese():
    """argparse's messages come from its module's gettext functions: while one of our parsers
    is at work they answer in Chinese (nothing else in the process is affected after)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _zh, _zh_n
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are in Chinese; errors go to stderr with
    exit code 2, as argparse's do. Subparsers made from it are of the same class."""

    def __init__(self, *args, **kwargs):
        with _chinese():                        # the -h help and the group titles are made here
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with _chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            return super().format_help()

    def error(self, message: str):
        message = re.sub(r"“(\w+)”不是有效的(int|float|Path)",
                         lambda m: f"“{m.group(1)}”不是有效的{_TYPE_NAMES[m.group(2)]}", message)
        if "可以选：" in message:                  # argparse quotes each choice: 'a', 'b'
            head, _, choices = message.partition("可以选：")
            message = head + "可以选：" + "、".join(c.strip(" '") for c in choices.split(","))
        for english, chinese in _TYPE_NAMES.items():
            message = message.replace(f"不是有效的{english}", f"不是有效的{chinese}")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


# A word the shell passes on as typed: letters (二号楼 too), digits and a few marks.
_PLAIN_WORD = re.compile(r"[\w.,:+=/-]+")


def shell_word(word: str) -> str:
    """``word`` as typed after an option so the shell hands it over whole: '二号楼' as it is,
    '3号楼 (新)' quoted; double quotes on Windows (cmd and PowerShell take them), single
    quotes elsewhere (nothing inside is expanded)."""
    if _PLAIN_WORD.fullmatch(word):
        return word
    if os.name == "nt":
        return '"' + word.replace('"', '\\"') + '"'
    return "'" + word.replace("'", "'\"'\"'") + "'"


# -- argument types -----------------------------------------------------------------------
def iso_date(text: str) -> date:
    """A day as 2020-02-20 (argparse type)."""
    from desktop.days import DayError, iso_day
    try:
        return iso_day(text)
    except DayError as e:
        raise argparse.ArgumentTypeError(e.message) from None


def png_file(text: str) -> Path:
    """A picture to write (argparse type): only PNG is written, so the name must say so
    (Qt picks the format from the ending; any other ending saved nothing, silently)."""
    path = Path(text)
    if path.suffix.lower() != ".png":
        raise argparse.ArgumentTypeError(f"截图文件名要以 .png 结尾（截图只存成 PNG 图片）：{text}。"
                                         f"例如 {path.with_suffix('.png').name}")
    return path


def count(low: int, high: int | None = None, what: str = "数量"):
    """An integer from ``low`` to ``high`` (argparse type), with the range in the message."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what}要写整数：{text}") from None
        if value < low or (high is not None and value > high):
            limit = f"{low}到{high}之间" if high is not None else f"不小于{low}"
            raise argparse.ArgumentTypeError(f"{what}应在{limit}，不能是 {value}")
        return value
    return parse


# -- checks before a command runs --------------------------------------------------------
def existing_db(args) -> Path:
    """The database a command reads: ``--db`` after the command or before it, else the user's
    own. A path that does not exist is an error (a mistyped path must not silently make an
    empty database and report 0 rows)."""
    from desktop.app import default_db_path
    path = Path(getattr(args, "sub_db", None) or getattr(args, "db", None) or default_db_path())
    if not path.is_file():
        if path.exists():
            raise CommandError(f"--db 指向的是一个文件夹，不是数据库文件：{path}", 2)
        raise CommandError(f"找不到数据库文件 {path}。请检查路径；要新建一个空的社区，"
                           f"用 menshen demo --db {path} --households 0", 2)
    return path


PASSWORD_ENV = "MENSHEN_PASSWORD"


def command_user(args) -> str:
    """``--user NAME`` given before or after the command."""
    return (getattr(args, "sub_user", None) or getattr(args, "user", None) or "").strip()


def command_password(user: str) -> str:
    """The password of ``--user``: from MENSHEN_PASSWORD, else asked on the terminal."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    try:
        return ask_secret(f"账号“{user}”的密码：")
    except (EOFError, OSError):
        raise CommandError(f"没有输入密码。请在环境变量 {PASSWORD_ENV} 里给出密码，或在终端里运行。", 3) from None


def ask_secret(prompt: str) -> str:
    """A password or passphrase typed on the terminal, not echoed. Without a terminal (a script
    feeding stdin) the line is read from stdin: getpass would do the same but first print an
    English GetPassWarning. EOFError when nothing comes."""
    stdin = sys.stdin
    if stdin is None:                           # started without a console
        raise EOFError
    try:
        tty = stdin.isatty()
    except (ValueError, OSError):               # closed
        raise EOFError from None
    if tty:
        import getpass
        return getpass.getpass(prompt)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = stdin.readline()
    if not line:
        raise EOFError
    sys.stderr.write("\n")
    return line.rstrip("\r\n")


def log_in(app, args, password: str | None = None) -> None:
    """The session of a command (desktop.accounts.session): ``--user NAME`` logs in with the
    password from MENSHEN_PASSWORD or a prompt; without it, the demo community and a register
    with no account yet run as an implicit admin, any other register is refused plainly."""
    from desktop.accounts import LoginRefused, login, login_required
    user = command_user(args)
    if not user:
        if login_required(app.db):
            raise CommandError("这个数据库设有账号，请用 --user 账号名 登录（密码放在环境变量 "
                               f"{PASSWORD_ENV} 里，或按提示输入）。", 3)
        return
    try:
        login(app.db, user, password if password is not None else command_password(user))
    except LoginRefused as e:
        raise CommandError(e.message, 3) from None


def open_logged_in(path: Path, args, password: str | None = None, **kw):
    """``path`` opened with the command's session. With ``--user`` the login also unlocks an
    encrypted register (desktop/accounts/unlock.py: its key file, or MENSHEN_DB_KEY)."""
    from desktop.accounts import LoginRefused
    from desktop.app import open_app
    user = command_user(args)
    if user:
        from desktop.accounts.unlock import open_with_login
        try:
            return open_with_login(path, user, password if password is not None else command_password(user), **kw)
        except LoginRefused as e:
            raise CommandError(e.message, 3) from None
    app = open_app(path, **kw)
    try:
        log_in(app, args, password)
    except BaseException:
        app.close()
        raise
    return app


def open_command_app(args, **kw):
    """The database of a command (``--db``, which must exist) with its session."""
    return open_logged_in(existing_db(args), args, **kw)


def output_file(path: Path | str, option: str = "--to") -> Path:
    """A file a command will write: its folder must exist (nothing is created by surprise)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(f"{option} 要写文件名，不是文件夹：{path}")
    if not folder.is_dir():
        raise CommandError(f"文件夹不存在：{folder.resolve() if folder != Path('.') else folder}"
                           f"（{option} {path}）。请先建好这个文件夹，或换一个位置。")
    return path


def input_file(path: Path | str, what: str = "文件") -> Path:
    """A file a command reads: it must exist and be a file."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"找不到{what}：{path}" if not path.exists() else f"{path} 不是文件。")
    return path
