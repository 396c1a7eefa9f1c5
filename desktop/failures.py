"""What to tell the user when something fails, in one place for the window and the commands.

``user_message(exc)`` gives the Chinese message of a failure the user can act on (bad input,
disk full, a locked or read-only file, a pulled stick, a damaged database); None means it is a
bug. A bug gets ``bug_report``: a copyable report (what failed, where in the code) that holds
no personal data — the exception's text has its digit runs (ID numbers, phones) and Chinese
text (names, addresses) blanked — and is appended to ``logs/errors.log`` in the data folder.
A Python traceback never reaches the user as such.
"""
import logging
import platform
import re
import sys
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

from db.errors import StorageError
from desktop.errors import DuplicatePersonError, InputError, InputErrors, NotFoundError
from desktop.files import FileWriteError, describe_os_error, owner_only
from desktop.sync.errors import SyncError

_DIGITS = re.compile(r"\d{6,}")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_log = logging.getLogger("menshen")
# Without a handler (no log file could be made: a write-protected stick) Python's last-resort
# handler would print a report, traceback and all, on the console: say nothing there instead.
for _name in ("menshen", "desktop", "db"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


def user_message(exc: BaseException, path: Path | str = "", *, reading: bool = False) -> str | None:
    """The Chinese message for a failure the user can act on; None for a bug. ``path``: the file
    the caller was writing (or with ``reading``, reading), named when the system's error carries
    no file name."""
    if isinstance(exc, (StorageError, FileWriteError, InputError, NotFoundError, DuplicatePersonError)):
        return exc.message
    if isinstance(exc, InputErrors):
        return "；".join(e.message for e in exc.errors)
    if isinstance(exc, SyncError):
        # A package or the stick refused: it says itself whether the stick failed while being
        # read (StickReadError: nothing changed here) or written, and which file.
        return str(exc)
    if isinstance(exc, MemoryError):
        return "电脑内存不够，操作没有完成，已保存的数据没有改动。请关闭其他程序后重试。"
    if isinstance(exc, OSError) and exc.errno is not None:
        return describe_os_error(exc, getattr(exc, "filename", None) or path, reading=reading)
    return None


def scrub(text: str) -> str:
    """Blank what could be personal data in a line of text."""
    text = _DIGITS.sub(lambda m: "#" * len(m.group()), text)
    return _HAN.sub(lambda m: "〇" * len(m.group()), text)


def bug_report(exc_type, exc, tb) -> str:
    """A report of an unexpected failure, without personal data: the exception's kind, its
    text scrubbed, and the code path (file, line, function, the line of code)."""
    lines = [f"门神 Menshen 意外错误报告 {datetime.now():%Y-%m-%d %H:%M:%S}",
             f"Python {platform.python_version()} · {platform.system()} {platform.release()}",
             f"{exc_type.__name__}: {scrub(str(exc))}", "", "Traceback (most recent call last):"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {scrub(frame.line)}")
    cause = exc.__cause__ or exc.__context__ if exc is not None else None
    if cause is not None and cause is not exc:
        lines.append(f"caused by {type(cause).__name__}: {scrub(str(cause))}")
    return "\n".join(lines)


def _short(filename: str) -> str:
    """The file below the program's folder, not the user's home folder (it may hold a name)."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "menshen", "desktop", "ui", "db"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i:])
    return Path(filename).name


def log_file(home: Path) -> Path:
    return home / "logs" / "errors.log"


class _OwnerOnlyLog(RotatingFileHandler):
    """The error log, owner-only (issue 16) also after each rollover opens a new file."""

    def _open(self):
        stream = super()._open()
        owner_only(self.baseFilename)
        return stream


def setup_logging(home: Path) -> Path | None:
    """Append warnings and bug reports to logs/errors.log (at most 3 × 1 MB); None if the data
    folder cannot be written (a read-only stick: the report is still shown)."""
    path = log_file(home)
    if any(getattr(h, "baseFilename", None) == str(path) for h in _log.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _OwnerOnlyLog(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _log.addHandler(handler)
    _log.setLevel(logging.INFO)
    for name in ("desktop", "db"):
        logging.getLogger(name).addHandler(handler)
    return path


_crash_file = None          # kept open for the life of the process: faulthandler writes to it


def trace_crashes(home: Path) -> Path | None:
    """Where a crash Python cannot catch (Qt or SQLite failing in native code, the process killed
    by the system) leaves the stack of every thread: logs/crash.log. The window once closed with
    nothing in errors.log; the next time there is a trace to give the technician. Only file and
    function names are written, no data. None when the folder cannot be written."""
    import faulthandler
    global _crash_file
    if _crash_file is not None:
        return Path(_crash_file.name)
    path = home / "logs" / "crash.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > 1_000_000:      # an old trace is enough
            path.replace(path.with_name("crash.old.log"))
        _crash_file = open(path, "a", encoding="utf-8")
        owner_only(str(path))
    except OSError:
        return None
    faulthandler.enable(file=_crash_file, all_threads=True)
    return path


def quiet_unraisable() -> None:
    """An error Python cannot raise to anyone (a file's close during garbage collection: the
    Excel writer's zip on a full disk, after the save already failed with its own Chinese
    message) goes to the log by its kind, not to the console as an English traceback."""
    def hook(unraisable) -> None:
        try:
            from desktop.app import home_dir
            if setup_logging(home_dir()) is None:
                return                  # no log can be written (a read-only stick): say nothing
            where = getattr(unraisable.object, "__qualname__", type(unraisable.object).__name__)
            _log.warning("ignored during clean-up in %s: %s", where, type(unraisable.exc_value).__name__)
        except Exception:
            pass                        # a hook that fails would print its own traceback
    sys.unraisablehook = hook


def record(exc_type, exc, tb) -> str:
    """Log an unexpected failure and return the report to show."""
    report = bug_report(exc_type, exc, tb)
    _log.error("%s", report)
    return report


def command_failed(exc: BaseException) -> int:
    """For the command line: the message on stderr, never a traceback. Exit 1 for what the
    user can put right (bad input, a missing file), 2 for storage failures and bugs; a bug's
    report goes to the log, and the message says where."""
    message = user_message(exc)
    if message is not None:
        print(f"错误：{message}", file=sys.stderr)
        user_fixable = (InputError, InputErrors, NotFoundError, DuplicatePersonError)
        return 1 if isinstance(exc, user_fixable) else 2
    from desktop.app import home_dir
    log = setup_logging(home_dir())
    record(type(exc), exc, exc.__traceback__)
    where = f"详细情况（不含个人信息）已记在 {log}，请交给技术人员。" if log else "请把经过告诉技术人员。"
    print(f"错误：程序遇到了意外的问题（{type(exc).__name__}），操作没有完成，已经保存的数据没有改动。{where}",
          file=sys.stderr)
    return 2
