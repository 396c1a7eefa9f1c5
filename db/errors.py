"""Storage failures a user can act on, each with a plain Chinese message."""


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
    def __init__(self, path: str):
        super().__init__(f"文件 {path} 不是门神的数据文件，或者已经损坏。请检查选择的文件。")


def classify(exc: Exception, path: str = "") -> StorageError | None:
    """Turn a known sqlite3 failure into a StorageError; None means it is a bug."""
    text = str(exc).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("磁盘空间已满，数据没有保存。请清理磁盘空间后重试。", str(exc))
    if "readonly" in text or "read-only" in text:
        return StorageError(f"数据文件 {path} 是只读的（可能是U盘写保护），数据没有保存。", str(exc))
    if "locked" in text or "busy" in text:
        return StorageError("数据文件正被另一个程序使用，请稍后再试。", str(exc))
    if "file is not a database" in text or "malformed" in text:
        return NotADatabaseError(path)
    return None
