"""Writing the program's files safely: one helper for every writer.

``atomic_write(path)`` hands out a temporary name in the same folder; the caller writes the
whole file there; only when that worked is the file flushed to disk and renamed over ``path``
(``os.replace``, atomic on Windows and POSIX within one folder). A failure (disk full, a pulled
stick, a cancel, a bug) leaves the previous file exactly as it was and removes the temporary
one, so no half-written file with personal data is left behind. Used by the Excel export,
the error workbook, the filled template and every PDF.

``describe_os_error`` turns what the system says about a file into a Chinese message that says
what to do.
"""
import errno
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from db.errors import os_reason


class FileWriteError(OSError):
    """A file could not be written; ``message`` says what to do, in Chinese."""

    def __init__(self, message: str, path: Path, cause: OSError | None = None):
        super().__init__(cause.errno if cause else errno.EIO, message)
        self.message = message
        self.path = path


def describe_os_error(exc: OSError, path: Path | str, *, reading: bool = False) -> str:
    """What to tell the clerk of a file the system failed on. ``reading``: the file was being
    read (a ledger to import, a template, a package on a stick), not saved: a pulled stick or a
    file Excel holds is said as a file that could not be read, never as one not saved."""
    if isinstance(exc, FileWriteError):
        return exc.message
    if reading:
        return _read_failure(exc, path)
    if not str(path):       # the failure carries no file name and the caller knew none: no blank name
        return _nameless(exc)
    path = Path(path)
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return f"磁盘空间已满，文件 {path.name} 没有保存{_kept_note(path, '（', '）')}。请清理磁盘空间或换一个位置后重试。"
    if code in (errno.EROFS,):
        return f"{path.parent} 所在的磁盘是只读的（可能U盘打开了写保护），文件 {path.name} 没有保存。请换一个位置保存。"
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (f"无法写入 {path}：没有写入权限，或者这个文件正在被其他程序（例如 Excel、PDF 阅读器）打开。"
                "请关闭那个程序，或换一个位置后重试。")
    if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO) or isinstance(exc, FileNotFoundError):
        return (f"找不到文件夹 {path.parent}，或者无法读写它（可能U盘被拔出了）。文件 {path.name} 没有保存。"
                "请插好U盘或换一个位置后重试。")
    return f"无法写入文件 {path}（{os_reason(exc)}）。{_kept_note(path, '', '，')}请换一个位置后重试。"


def _read_failure(exc: OSError, path: Path | str) -> str:
    """``describe_os_error`` of a file being read: nothing was saved or changed by it."""
    code = getattr(exc, "errno", None)
    name = f"“{Path(path).name}”" if str(path) else "文件"
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (f"打不开{name}：它正被别的程序（例如 WPS 或 Excel）打开着，或者这台电脑的账号没有读取它的权限。"
                "请先在 WPS 或 Excel 里关掉这个文件，再重试。")
    if code == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return (f"找不到{name}{f'（{path}）' if str(path) else ''}：可能U盘被拔出了，或者文件被移走、改了名字。"
                "请插好U盘，或重新选择这个文件。")
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO):
        return (f"读取{name}时出错，没有读完（可能U盘被拔出了或接触不良）。请插好U盘后重试；"
                "如果还是不行，先把文件复制到电脑上再选它。已经保存的数据没有改动。")
    return (f"无法读取{name}（{os_reason(exc)}）。请检查U盘是否插好，或先把文件复制到电脑上再选它。"
            "已经保存的数据没有改动。")


def _nameless(exc: OSError) -> str:
    """``describe_os_error`` of a file nobody named (the message said 「文件  没有保存」)."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return "磁盘空间已满，文件没有保存。请清理磁盘空间或换一个位置后重试。"
    return f"文件没有保存（{os_reason(exc)}）。请检查U盘是否插好、是否写保护，或换一个位置后重试。"


def require_room(path: Path | str, needed: int, *, ahead: bool = False) -> None:
    """Raise FileWriteError (the full-disk message) when the folder of ``path`` has fewer than
    ``needed`` bytes free. A workbook is put together elsewhere and written out at its end: on a
    full USB stick the write failed only then, minutes into a long export. Nothing is written
    here; the previous file stays as it was. A folder whose space cannot be read is let be (the
    write itself then says what is wrong). ``ahead``: ``needed`` is the least the whole file
    takes, known before its first row: the message says both sizes (the stick is not full, it
    is too small for this file)."""
    import shutil
    path = Path(path)
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return
    if free < needed:
        full = OSError(errno.ENOSPC, f"{free} bytes free, {needed} needed")
        if not ahead:
            raise FileWriteError(describe_os_error(full, path), path, full)
        raise FileWriteError(
            f"{path.parent} 所在的磁盘只剩 {_size(free)}，{path.name} 至少要 {_size(needed)}，放不下，"
            f"没有开始写{_kept_note(path, '，', '')}。请换一个空间更大的U盘，或清理出空间后重试。", path, full)


def _size(n: int) -> str:
    """A size as a clerk reads it on a stick's properties: KB under a megabyte, else MB."""
    return f"{max(n, 0) / 1024:.0f} KB" if n < 1 << 20 else f"{n / (1 << 20):.1f} MB"


def describe_scratch_error(exc: OSError, folder: Path | str, target: Path | None = None) -> str:
    """A working file the clerk never named (a print preview; with ``target``, the sheet of a
    workbook being exported there) could not be written in the program's own temporary
    ``folder``: what happened and what to do there, not "choose another place", which does not
    help (the export said "文件  没有保存", with no name, of a full disk that was not the stick's)."""
    if exc.errno == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        if target is not None:
            return (f"磁盘空间已满，文件 {target.name} 没有保存{_kept_note(target, '（', '）')}：导出时的临时文件放在 "
                    f"{folder}，这个磁盘没有空间了。请清理这个磁盘的空间后重试。")
        return f"磁盘空间已满，预览没有做成（预览放在 {folder}）。请清理这个磁盘的空间后重试。"
    if target is not None:
        return (f"文件 {target.name} 没有保存：程序的临时文件夹 {folder} 无法写入（{os_reason(exc)}）。"
                "请关闭门神后重新打开再试；仍然不行，请交给技术人员。")
    return (f"预览没有做成：程序的临时文件夹 {folder} 无法写入（{os_reason(exc)}）。"
            "请关闭门神后重新打开再试；仍然不行，请交给技术人员。")


def _kept_note(path: Path, before: str, after: str) -> str:
    """'原有的文件没有改动' only where there was one: a clerk saving a new file was told of an
    old one that never existed."""
    try:
        exists = path.is_file()
    except OSError:                     # a pulled stick: cannot tell
        exists = False
    return f"{before}原有的文件没有改动{after}" if exists else ""


# Files no writer may replace while the program uses them: the open register (and its -wal and
# -shm). An export told to save "to" the register's own name would otherwise put a workbook
# where the register was.
_IN_USE: dict[str, str] = {}


def _identity(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def in_use(path: Path | str, what: str) -> None:
    """No ``atomic_write`` replaces ``path`` (nor its -wal and -shm) from now on: ``what`` it is."""
    for p in (str(path), f"{path}-wal", f"{path}-shm"):
        _IN_USE[_identity(p)] = what


def not_in_use(path: Path | str) -> None:
    for p in (str(path), f"{path}-wal", f"{path}-shm"):
        _IN_USE.pop(_identity(p), None)


def refuse_in_use(path: Path | str) -> None:
    """Raise FileWriteError if ``path`` is a file the program uses (the open register)."""
    what = _IN_USE.get(_identity(path))
    if what:
        raise _would_replace(Path(path), what)


def refuse_same_file(out: Path | str, source: Path | str, what: str) -> None:
    """Refuse to write ``out`` over ``source``, the file being read (a ledger's error rows saved
    over the ledger itself, a filled template over the blank one)."""
    if _identity(out) == _identity(source):
        raise _would_replace(Path(out), what)


def _would_replace(path: Path, what: str) -> "FileWriteError":
    return FileWriteError(f"不能保存为 {path.name}：这是{what}，保存会把它覆盖。原来的文件没有改动；"
                          "请换一个文件名或位置。", path)


def require_suffix(path: Path | str, kinds: dict[str, str], verb: str = "保存为") -> None:
    """An output's name ends as what is written into it: a PDF saved as 名单.xlsx, or as 名单
    with no extension, opens in nothing on the office PC. ``kinds``: {suffix: what it is}, in
    the order offered (the first is the example)."""
    from desktop.errors import InputError
    path = Path(path)
    if path.suffix.lower() in kinds:
        return
    shown = f"“{path.suffix}”文件" if path.suffix else f"没有扩展名的文件“{path.name}”"
    offered = "或".join(f" {suffix}（{what}）" for suffix, what in kinds.items())
    example = (path.stem if path.suffix else path.name) + next(iter(kinds))
    raise InputError("file", f"不能{verb}{shown}。请把文件名写成以{offered} 结尾，例如 {example}。")


def temporary_name(path: Path) -> Path:
    """A name beside ``path`` that no one else uses; its extension stays last, since some
    writers look at it."""
    return path.with_name(f".~{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")


@contextmanager
def atomic_write(path: Path | str) -> Iterator[Path]:
    """``with atomic_write(target) as tmp: write(tmp)``: ``target`` is replaced only when the
    block ends normally. OSErrors come out as FileWriteError with a Chinese message."""
    path = Path(path)
    refuse_in_use(path)
    tmp = temporary_name(path)
    try:
        yield tmp
        replace_with(tmp, path)
    except OSError as exc:
        remove_quietly(tmp)
        if isinstance(exc, FileWriteError):
            raise
        raise FileWriteError(describe_os_error(exc, path), path, exc) from exc
    except BaseException:
        remove_quietly(tmp)
        raise


def copy_into_place(source: Path | str, target: Path | str) -> None:
    """Copy the finished file ``source`` (a print preview) to ``target`` as ``atomic_write``
    writes: the previous ``target`` stays whole when the copy fails (a full disk, a pulled stick)."""
    import shutil
    with atomic_write(target) as tmp:
        shutil.copyfile(source, tmp)


def owner_only(path: Path | str) -> None:
    """Readable and writable by the owner only (0600) on POSIX: exports, PDFs and the register
    hold personal data, and an office PC is shared. On Windows a file in the user's folders is
    already the user's; ``chmod`` there only sets the read-only flag, so it is left alone."""
    if os.name != "nt":
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass            # a FAT stick has no owners: nothing to narrow


def replace_with(tmp: Path, path: Path) -> None:
    """Put the finished temporary file ``tmp`` in the place of ``path``: owner-only, on disk
    first, then renamed (a power cut leaves the old file or the new one, never a mix)."""
    owner_only(tmp)
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def remove_quietly(tmp: Path) -> None:
    """Remove a temporary file if it is there; a stick that cannot be written (or was pulled)
    raises on the removal itself, which must not hide the failure being reported."""
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass        # a pulled stick: nothing can be removed, and nothing was left on the PC


def discard_openpyxl_temporaries(book) -> None:
    """A write-only openpyxl workbook keeps each sheet in a file of the system's temporary
    folder until it is saved; after a failed export remove them now (they hold the list's
    personal data), not at the program's exit."""
    try:
        from openpyxl.worksheet._writer import ALL_TEMP_FILES
    except ImportError:
        return
    for ws in getattr(book, "worksheets", []):
        writer = getattr(ws, "_writer", None)
        out = getattr(writer, "out", None)
        if not isinstance(out, str):
            continue
        try:
            if not ws.closed:
                ws.close()          # ends openpyxl's row generator and its temporary file
        except Exception:
            pass
        remove_quietly(Path(out))
        if out in ALL_TEMP_FILES:
            ALL_TEMP_FILES.remove(out)


# -- openpyxl's scratch files ------------------------------------------------------------------
# A write-only sheet streams its rows to a scratch file until the workbook is saved. openpyxl
# puts it in the system's temporary folder and removes it at a normal exit; an export killed
# half-way (the window closed from the task manager, a power cut) would leave the list there,
# full ID numbers included, for anyone on the PC. Ours go to the data folder's ``tmp`` (owner
# only), named with the writing process's id, and the next start removes any left by a process
# that is gone.

def scratch_folder() -> Path:
    """The data folder's ``tmp``; when the data folder cannot be written (the portable program
    on a write-protected stick, a data folder without write rights) a folder of this process's
    own in the system's temporary folder, owner only and removed at exit: an export or a print
    preview must not fail for want of a scratch file."""
    from desktop.app import home_dir
    folder = home_dir() / "tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable = os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        writable = False
    if not writable:
        return _fallback_scratch()
    owner_only_folder(folder)
    return folder


_FALLBACK: list[Path] = []


def _fallback_scratch() -> Path:
    if not _FALLBACK or not _FALLBACK[0].is_dir():
        import atexit
        import shutil
        import tempfile
        folder = Path(tempfile.mkdtemp(prefix="menshen-"))          # 0700, a name no one else has
        atexit.register(shutil.rmtree, folder, True)
        _FALLBACK[:] = [folder]
    return _FALLBACK[0]


def owner_only_folder(folder: Path) -> None:
    if os.name != "nt":
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass


def start_private_sheet(ws) -> None:
    """Give the write-only sheet ``ws`` its scratch file in ``scratch_folder`` (call it after the
    sheet's columns and page setup are set, before its first row)."""
    import tempfile
    from openpyxl.worksheet._writer import ALL_TEMP_FILES, WorksheetWriter
    fd, name = tempfile.mkstemp(prefix=f"export.{os.getpid()}.", suffix=".xml", dir=scratch_folder())
    os.close(fd)                                    # mkstemp made it 0600
    ALL_TEMP_FILES.append(name)                     # openpyxl removes it when saved or at exit
    ws._writer = WorksheetWriter(ws, out=name)
    ws._writer.write_top()


def private_temp_folder(kind: str) -> Path:
    """A folder of this process's own in ``scratch_folder`` (owner only) for files that hold
    personal data while the program runs (print previews); the next start removes one left by
    a process that is gone (``sweep_scratch``), so no exit path leaves them in the system's
    temporary folder."""
    folder = scratch_folder() / f"{kind}.{os.getpid()}.{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    owner_only_folder(folder)
    return folder


def _process_alive(pid: int) -> bool:
    if os.name == "nt":
        return True                                 # cannot tell cheaply: the age rule decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep_scratch(max_age_s: float = 86400.0) -> int:
    """Remove scratch files left by exports that did not finish (their process is gone, or
    they are a day old); returns how many."""
    import time
    try:
        folder = scratch_folder()
        entries = list(folder.glob("export.*.xml")) + [d for d in folder.glob("print.*") if d.is_dir()]
    except OSError:
        return 0
    removed = 0
    for f in entries:
        try:
            pid = int(f.name.split(".")[1])
        except (IndexError, ValueError):
            pid = -1
        try:
            old = time.time() - f.stat().st_mtime > max_age_s
        except OSError:
            continue
        if pid == os.getpid() and not old:
            continue
        if old or pid <= 0 or not _process_alive(pid):
            if f.is_dir():
                import shutil
                shutil.rmtree(f, ignore_errors=True)
            else:
                remove_quietly(f)
            removed += 1
    return removed
