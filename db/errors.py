"""Storage failures a user can act on, each with a plain Chinese message."""
import errno
import os


def os_reason(exc: BaseException) -> str:
    """What the system said about a file, in a few Chinese words for inside a message (the
    system's own text is English on many machines, and a clerk cannot act on "[Errno 30]")."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return "磁盘空间已满"
    if code == errno.EROFS:
        return "磁盘是只读的，可能U盘打开了写保护"
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return "没有读写权限，或文件正被其他程序打开"
    if code == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return "找不到这个文件或文件夹"
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO):
        return "读写出错"
    if code == errno.ENAMETOOLONG:
        return "文件路径太长"
    text = str(exc).lower()                      # SQLite's own words, for its errors
    if "readonly" in text or "read-only" in text:
        return "磁盘是只读的，可能U盘打开了写保护"
    if "unable to open" in text:
        return "文件夹不能写入，或U盘被拔出"
    return f"系统错误代码 {code}" if code else "读写出错"


class StorageError(Exception):
    """A known storage problem (disk full, read-only stick, database locked, newer version)."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


class NewerDatabaseError(StorageError):
    def __init__(self, found: int, supported: int, path: str):
        super().__init__(
            f"这个数据文件（{path}）是由更新版本的门神创建的（数据版本 {found}，本程序只支持到 {supported}）。"
            "为了不损坏数据，本程序不会打开它。请安装最新版本的门神后再打开。",
            detail=f"user_version {found} > {supported}")
        self.found, self.supported = found, supported


class MigrationError(StorageError):
    def __init__(self, path: str, have: int, target: int, backup: str, detail: str):
        kept = f"升级前的备份在 {backup}。" if backup else ""
        super().__init__(
            f"数据文件 {path} 从数据版本 {have} 升级到 {target} 时出错，升级已撤回，数据没有改动。{kept}"
            "请把这个文件和这段话交给技术人员。", detail=detail)


class NotADatabaseError(StorageError):
    def __init__(self, path: str, kind: str = ""):
        """``kind``: what the file is instead, when known (a workbook renamed .db)."""
        if kind:
            super().__init__(f"文件 {path} 是{kind}，不是门神的数据文件，门神没有改动它。请检查选择的文件"
                             "（门神的数据文件一般叫 menshen.db）；如果是别的文件被改成了这个名字，请把名字改回去。",
                             detail=f"not a database: {kind}")
        else:
            super().__init__(f"文件 {path} 不是门神的数据文件，或者已经损坏。请检查选择的文件。")


class DamagedDatabaseError(StorageError):
    """The file failed the integrity check at open: it is never written to."""

    def __init__(self, path: str, detail: str = "", wal: bool = False):
        # With a -wal beside it, the damage may be that file's alone (another copy's log, left
        # when a backup was copied over the register by hand): both were left untouched.
        beside = (f"数据文件旁边有一个 {path}-wal 文件（还没写进数据文件的修改），它可能不是这个数据文件的"
                  "（例如手工复制备份时留下的旧文件）；门神没有改动这两个文件，请技术人员先检查它。") if wal else ""
        super().__init__(
            f"数据文件 {path} 已损坏（完整性检查没有通过）。为了不让损坏扩大，门神不会写入它。{beside}"
            "请不要删除这个文件：用最近的备份恢复（数据文件旁边 backups 文件夹中以 .bak 或 .mbak 结尾的文件；"
            "门神的窗口启动时会提供恢复，窗口里也可以用菜单“文件 → 备份”，命令行用 menshen backup restore），"
            "或把这个文件交给技术人员。", detail=detail)


class EmptyDatabaseFileError(StorageError):
    """A 0-byte file where a database should be (a copy cut short): never taken for a new one."""

    def __init__(self, path: str):
        super().__init__(
            f"数据文件 {path} 是空的（0 字节），可能是复制时中断了或磁盘出了错。门神不会把它当作新的数据文件。"
            "请找回原来的文件或备份；如果确实要从头开始，请先把这个空文件删除或改名。")


class NewFileError(StorageError):
    """A new database file could not be made (a read-only folder or stick, a full disk)."""

    def __init__(self, path: str, why: str, cause: StorageError):
        folder = os.path.dirname(path) or "."
        if why == "full":
            where, fix = "所在的磁盘空间已满", "请清理磁盘空间，或换一个有空余空间的文件夹"
        elif why == "read-only":
            where, fix = "不能写入（磁盘是只读的、U盘打开了写保护，或没有写入权限）", "请关闭U盘写保护，或换一个能写入的文件夹"
        else:
            super().__init__(cause.message, cause.detail)
            return
        left = "" if os.path.exists(path) else "没有留下任何文件。"
        super().__init__(f"无法新建数据文件 {path}：文件夹 {folder} {where}。{left}{fix}后重试。",
                         detail=cause.detail)


def read_only_kind(path) -> str:
    """'read-only-file' when the folder can be written but the file itself cannot (Windows's
    只读 attribute, kept by a file copied from a CD or a mail): its fix is in the file's
    properties, not the stick's switch; 'read-only' otherwise (a write-protected stick or folder)."""
    try:
        if path and os.path.exists(path) and os.access(os.path.dirname(os.path.abspath(path)), os.W_OK) \
                and not os.access(path, os.W_OK):
            return "read-only-file"
    except OSError:
        pass
    return "read-only"


def _read_only_words(why: str) -> tuple[str, str]:
    """(what cannot be written, what to do) after "数据文件 <path>", for ``read_only_kind``'s ``why``."""
    if why == "read-only-file":       # the folder can be written: the file's own attribute
        return ("本身是只读的（文件属性里勾了“只读”，例如从光盘或邮件里复制来的文件）",
                "请关闭门神，在这个文件上点右键 →“属性”，去掉“只读”前面的勾")
    return "所在的磁盘或文件夹是只读的（可能U盘打开了写保护）", "请关闭U盘写保护，或把文件复制到电脑上"


class ReadOnlyDatabaseError(StorageError):
    """A write to a database that could only be opened for reading."""

    def __init__(self, path: str, why: str = "read-only"):
        if why == "full":
            where, fix = "所在的磁盘空间已满", "请清理磁盘空间"
        else:
            where, fix = _read_only_words(why)
        super().__init__(
            f"数据文件 {path} {where}，只能查看和导出，不能保存修改。{fix}，然后重新打开门神。", detail=why)
        self.why = why


class WriterBusyError(StorageError):
    """Another Menshen process holds the write lock of this file longer than we may wait."""

    def __init__(self, path: str, here: bool = False):
        who = "本窗口中一项较长的工作（例如导入）" if here else "另一个门神程序（例如命令行导入）"
        super().__init__(f"{who}正在写入这个数据文件，刚才的操作没有保存。请等它完成后再试。",
                         detail=f"writer lock held ({'this process' if here else 'another process'}): {path}")


class AlreadyOpenError(StorageError):
    """A second window on one database file."""

    def __init__(self, path: str):
        super().__init__(
            f"数据文件 {path} 已经在另一个门神窗口中打开了。请切换到那个窗口（看任务栏）；"
            "同一个数据文件同时只能在一个窗口中打开。")


def sqlite_message(exc: BaseException) -> str:
    """The text of a SQLite failure. SQLite's "malformed database schema" quotes the bytes of a
    damaged table definition, which Python cannot decode: that failure comes out of sqlite3 as a
    UnicodeDecodeError (``driver.FAILURES``) holding the message's bytes, read here with the bad
    ones replaced, so it says "malformed" and is damage as any other (``classify``)."""
    if isinstance(exc, UnicodeDecodeError):
        raw = exc.object if isinstance(exc.object, bytes) else b""
        return raw.decode("utf-8", "replace") or "malformed database schema (undecodable)"
    return str(exc)


def classify(exc: Exception, path: str = "") -> StorageError | None:
    """Turn a known sqlite3 failure (``driver.FAILURES``) into a StorageError; None means it is a bug."""
    text = sqlite_message(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("磁盘空间已满，刚才的操作没有保存，已保存的数据没有改动。"
                            "请删除不需要的文件（或换一个空间更大的磁盘）后重试。", str(exc))
    if "readonly" in text or "read-only" in text:
        # The file's own 只读 attribute or a write-protected stick: each has its own fix.
        where, fix = _read_only_words(read_only_kind(path))
        return StorageError(f"数据文件 {path} {where}，刚才的操作没有保存。{fix}，然后重新打开门神。", str(exc))
    if "locked" in text or "busy" in text:
        return StorageError("数据文件正被另一个程序使用（可能是数据库工具、备份或杀毒软件），刚才的操作没有保存。"
                            "请关闭那个程序，稍后再试。", str(exc))
    if "disk i/o error" in text or "unable to open database file" in text:
        return StorageError(f"无法读写数据文件 {path}（可能U盘被拔出了或接触不良）。刚才的操作没有保存，"
                            "已经保存的数据不会丢失。请插好U盘，关闭门神后重新打开。", str(exc))
    if "malformed" in text:
        return DamagedDatabaseError(path, sqlite_message(exc))
    if "file is not a database" in text:
        return NotADatabaseError(path)
    return None
