"""The SQLite driver under a database file: the standard ``sqlite3``, or SQLCipher (the
``sqlcipher3-wheels`` package: SQLite 3.51 with FTS5, JSON, WAL and the online backup API,
encrypted page by page with AES-256) when the file is encrypted at rest (issue 16).

The key comes from a passphrase through scrypt (the standard library's ``hashlib.scrypt``), salted
with the 16 random bytes SQLCipher keeps at the start of an encrypted file, so no file beside the
database is needed to open it: the raw key is handed to SQLCipher with that salt
(``PRAGMA key = "x'<key><salt>'"``), and every connection of a process reuses the one derivation.
Until the login (accounts) supplies the passphrase, it comes from the caller or from the
environment variable ``MENSHEN_DB_KEY``; a file that is not encrypted opens as before.

``online_backup`` is the one copy of a live database (migrations and desktop/backup.py use it):
SQLite's online backup to a temporary name in the target's folder, owner-only, flushed, renamed.
"""
import codecs
import hashlib
import os
import secrets
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from db.errors import DamagedDatabaseError, NotADatabaseError, StorageError, classify, os_reason
from db.fsync import fsync_path

try:                                    # optional until a key is asked for
    from sqlcipher3 import dbapi2 as sqlcipher
except ImportError:                     # pragma: no cover - the wheel is a dependency
    sqlcipher = None

# None and bytes are the two values the sqlite3 module binds only after asking its adapter
# registry and then failing two attribute lookups (an AttributeError with its formatted message
# made and dropped each time, Python 3.11): 9 % of a ledger import's write, whose rows and change
# log are full of NULLs and 16-byte row ids. An adapter that hands the value back unchanged is
# found at once and binds the same NULL or BLOB. Other types are untouched.
for _driver in (sqlite3, sqlcipher):
    if _driver is not None:
        _driver.register_adapter(type(None), lambda value: value)
        _driver.register_adapter(bytes, lambda value: value)

#: Environment variable with the passphrase of an encrypted register (until the login gives it).
KEY_ENV = "MENSHEN_DB_KEY"
SQLITE_MAGIC = b"SQLite format 3\0"
#: scrypt: 32 MiB and ≈0.1 s on the office PC, once per process and file.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1

# The exceptions of either driver: SQLCipher's are classes of their own, not sqlite3's.
ERRORS: tuple = (sqlite3.Error,) + ((sqlcipher.Error,) if sqlcipher else ())
DATABASE_ERRORS: tuple = (sqlite3.DatabaseError,) + ((sqlcipher.DatabaseError,) if sqlcipher else ())
OPERATIONAL_ERRORS: tuple = (sqlite3.OperationalError,) + ((sqlcipher.OperationalError,) if sqlcipher else ())
INTEGRITY_ERRORS: tuple = (sqlite3.IntegrityError,) + ((sqlcipher.IntegrityError,) if sqlcipher else ())
#: Every failure of a SQLite call on a file that may be damaged: a damaged table definition
#: comes out as a UnicodeDecodeError (``db.errors.sqlite_message`` reads it; ``classify``: damage).
FAILURES: tuple = ERRORS + (UnicodeDecodeError,)
#: A Python value no SQLite column can take (a dict bound as a parameter).
BINDING_ERRORS: tuple = (sqlite3.ProgrammingError, sqlite3.InterfaceError) + (
    (sqlcipher.ProgrammingError, sqlcipher.InterfaceError) if sqlcipher else ())


class KeyRequiredError(NotADatabaseError):
    """A file that is no plain SQLite file, opened without a key: encrypted, or not ours."""

    def __init__(self, path: str):
        StorageError.__init__(
            self, f"文件 {path} 不是门神的数据文件，或者是加密的数据文件，需要口令才能打开"
            f"（请登录，或设置环境变量 {KEY_ENV} 为它的口令）；也可能它已经损坏。",
            detail="no SQLite header, no key")


class WrongKeyError(StorageError):
    def __init__(self, path: str):
        super().__init__(
            f"口令不对，打不开加密的数据文件 {path}（也可能这个文件不是门神的数据文件或已经损坏）。请检查口令后重试。",
            detail="wrong key or not a database")


class NoCipherError(StorageError):
    def __init__(self):
        super().__init__("本机的门神缺少加密组件（sqlcipher3），无法打开或生成加密的数据文件。请重新安装门神。",
                         detail="sqlcipher3 not importable")


@dataclass(frozen=True)
class DatabaseKey:
    """A raw 256-bit SQLCipher key and the file's 16-byte salt."""
    key: bytes
    salt: bytes

    @property
    def pragma(self) -> str:
        return f"x'{self.key.hex()}{self.salt.hex()}'"

    def __repr__(self) -> str:           # never in a log or a traceback
        return "DatabaseKey(…)"


def normalise(passphrase: str) -> bytes:
    """Full-width letters from a Chinese IME fold to ASCII (NFKC); outer spaces go."""
    return " ".join(unicodedata.normalize("NFKC", passphrase).split()).encode("utf-8")


def file_salt(path: Path) -> bytes | None:
    """The salt of an encrypted file (its first 16 bytes); None for a plain, empty or missing
    file, and for a file that is plainly no database (``other_kind``)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if len(head) < 16 or head == SQLITE_MAGIC or other_kind(path) is not None:
        return None
    return head


#: The first bytes of the files that get renamed to (or picked as) a data file by mistake.
_OTHER_KINDS = ((b"PK\x03\x04", "一个 Excel 工作簿（.xlsx）或压缩包（.zip）"),
                (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "一个旧版 Excel 工作簿（.xls）或 Word 文档"),
                (b"%PDF", "一个 PDF 文件"), (b"Rar!", "一个压缩包（.rar）"), (b"7z\xbc\xaf\x27\x1c", "一个压缩包（.7z）"))


def other_kind(path: Path | str) -> str | None:
    """What ``path`` is when it is plainly no database, plain or encrypted: a workbook, a PDF, a
    text file renamed .db (its kind in Chinese), or '' for a file of no known kind whose size
    no database has (every database file is a whole number of pages of 512 bytes or more).
    None when it may be a database (or is missing, or empty: the callers say so themselves).
    An encrypted file starts with 16 random bytes: every sign looked for is long enough (4 bytes
    and more, or 16 printable characters) that its salt is not taken for one."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if size == 0 or head == SQLITE_MAGIC:
        return None
    for magic, kind in _OTHER_KINDS:
        if head.startswith(magic):
            return kind
    try:        # the 16 bytes may end inside a character: the incremental decoder waits for it
        text = codecs.getincrementaldecoder("utf-8")().decode(head.removeprefix(b"\xef\xbb\xbf"), final=False)
    except UnicodeDecodeError:
        text = None
    if text is not None and all(c.isprintable() or c in "\t\r\n" for c in text):
        return "一个文本文件"
    if size % 512:
        return ""
    return None


def is_encrypted(path: Path | str) -> bool:
    return file_salt(Path(path)) is not None


def derive_key(passphrase: str, salt: bytes | None = None) -> DatabaseKey:
    """scrypt(passphrase, salt) → a raw key; a fresh random salt for a new file."""
    salt = salt or secrets.token_bytes(16)
    raw = hashlib.scrypt(normalise(passphrase), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                         maxmem=64 << 20, dklen=32)
    return DatabaseKey(raw, salt)


def key_for(path: Path, key) -> DatabaseKey | None:
    """The key to open ``path`` with: ``key`` is a DatabaseKey, a passphrase, or None. A
    passphrase is salted with the file's own salt, or a new one for a file not yet made. A plain
    file (not encrypted) opens without one, whatever was given: turning it into an encrypted one
    is asked for explicitly (``encrypt_file``)."""
    if key is None or key == "":
        return None
    salt = file_salt(path)
    exists = path.exists() and path.stat().st_size > 0
    if exists and salt is None:
        return None                      # a plain file stays plain until encrypt_file
    if isinstance(key, DatabaseKey):
        return key if salt is None or salt == key.salt else DatabaseKey(key.key, salt)
    return derive_key(str(key), salt)


def connect(target: str, key: DatabaseKey | None, **kwargs):
    """A connection through the driver the key asks for (SQLCipher, keyed, or sqlite3)."""
    if key is None:
        return sqlite3.connect(target, **kwargs)
    if sqlcipher is None:
        raise NoCipherError()
    conn = sqlcipher.connect(target, **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")     # a wrong key is our message, not its log
    conn.execute(f'PRAGMA key = "{key.pragma}"')
    return conn


def _owner_only(path: Path) -> None:
    if os.name != "nt":
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            p.unlink()
        except OSError:
            pass


def full_disk_message(folder: Path) -> str:
    return (f"磁盘空间不够，备份没有做成（{folder}）。数据文件本身没有改动。"
            "请删除不需要的文件，或把旧的备份移到别的磁盘，然后重试。")


def online_backup(conn, target: Path, key: DatabaseKey | None = None, *, durable: bool = True) -> Path:
    """Copy the live database behind ``conn`` to ``target`` with SQLite's online backup (readers
    and the writer carry on), encrypted with ``key`` when the source is: first to a temporary
    name in the same folder (owner-only), flushed, then renamed. A full disk or an unwritable
    folder raises StorageError with a Chinese message; the database is never touched.
    ``durable=False``: not flushed (a copy read once and removed: a sealed backup's source)."""
    target = Path(target)
    part = target.with_name(target.name + ".part")
    _remove(part)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = connect(str(part), key)
        try:
            _owner_only(part)
            conn.backup(dest)
        finally:
            dest.close()
        _owner_only(part)
        if durable:
            fsync_path(part)
        os.replace(part, target)
    except (OSError, *ERRORS) as exc:
        _remove(part)
        raise copy_failure(exc, target, conn) from exc
    return target


#: SQLite's extended codes for pages of the live database that could not be read during a copy
#: (SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ) and its primary ones for a file it cannot read
#: as a database (SQLITE_CORRUPT, SQLITE_NOTADB); the copy's own file fails with others
#: (SQLITE_IOERR_WRITE, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY …). SQLITE_NOMEM: memory.
_READ_CODES, _READ_PRIMARY, _NOMEM = {266, 522}, {11, 26}, 7


def _main_file(conn) -> str:
    """The file behind ``conn``, '' when it cannot be said: a connection closed, or a database
    in memory. ``PRAGMA database_list`` reads no page, so it names a damaged or truncated file
    and an encrypted one opened with a wrong key as well. (``copy_failure`` without a connection
    is a write of the backups folder, whose words name the folder.)"""
    try:
        return next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    except (AttributeError, *ERRORS):
        return ""


def copy_failure(exc: BaseException, target: Path, conn=None) -> StorageError:
    """A backup of the live database behind ``conn`` to ``target`` that failed, said as what
    failed: memory; the register could not be read (SQLite's code says so, or without one its
    words for a damaged file), which is the disk under the register and nothing the backups
    folder can mend; the disk full; the backups folder not written. A "disk I/O error" without
    its code (SQLCipher's driver gives none) names both sides."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if isinstance(exc, MemoryError) or code == _NOMEM or "out of memory" in text:
        return StorageError("备份没有做成：这台电脑的内存不够。数据文件本身没有改动。请关闭其他程序后再备份一次。", str(exc))
    where = _main_file(conn) if conn is not None else ""
    source = f"数据文件 {where}" if where else "数据文件"
    if code is not None:
        unreadable = code in _READ_CODES or code & 0xFF in _READ_PRIMARY
    else:       # SQLCipher's driver gives SQLite's words without the code: its words for damage
        unreadable = isinstance(exc, DATABASE_ERRORS) and isinstance(
            classify(exc, where), (DamagedDatabaseError, NotADatabaseError))
    if unreadable:
        return StorageError(f"备份没有做成：无法读取{source}（读取出错：它所在的磁盘可能有坏块，或U盘被拔出、"
                            "接触不良）。数据文件本身没有改动。请插好U盘后再备份一次；如果还是出错，"
                            "请把电脑交给技术人员检查磁盘。", str(exc))
    if "full" in text or getattr(exc, "errno", None) == 28:
        return StorageError(full_disk_message(target.parent), str(exc))
    if code is None and "disk i/o error" in text:
        return StorageError(f"备份没有做成：磁盘读写出错（读{source}，或写入备份文件夹 {target.parent}）。数据文件本身没有改动。"
                            "请检查U盘是否插好，再备份一次；如果还是出错，请把电脑交给技术人员检查磁盘。", str(exc))
    return StorageError(f"备份没有做成：无法写入 {target.parent}（{os_reason(exc)}）。数据文件本身没有改动。", str(exc))


def encrypt_file(path: Path, secret: "str | DatabaseKey") -> DatabaseKey:
    """Turn a plain database file into an encrypted one (``sqlcipher_export`` into a temporary
    file beside it, checked, then renamed over it). The file must be closed by every program.
    ``secret``: a passphrase (a new salt), or the key of another file (its backups are
    encrypted with the register's own key and salt). Returns the key it is now opened with."""
    path = Path(path)
    if sqlcipher is None:
        raise NoCipherError()
    if is_encrypted(path):
        raise StorageError(f"数据文件 {path} 已经是加密的。", "already encrypted")
    key = secret if isinstance(secret, DatabaseKey) else derive_key(secret)
    part = path.with_name(path.name + ".encrypt.part")
    _remove(part)
    try:
        src = sqlcipher.connect(str(path), isolation_level=None)
        try:
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            src.execute("ATTACH DATABASE ? AS enc KEY \"" + key.pragma + "\"", (str(part),))
            _owner_only(part)
            src.execute("SELECT sqlcipher_export('enc')")
            version = src.execute("PRAGMA user_version").fetchone()[0]
            src.execute(f"PRAGMA enc.user_version = {int(version)}")
            src.execute("DETACH DATABASE enc")
        finally:
            src.close()
        check = connect(str(part), key, isolation_level=None)
        try:
            if check.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise StorageError(f"加密后的副本没有通过检查，原文件 {path} 没有改动。", "integrity")
        finally:
            check.close()
        fsync_path(part)
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # Another program still has the file open: its pages in the -wal would be laid
            # over the encrypted file.
            raise StorageError(f"数据文件 {path} 正被另一个程序使用，请关闭门神的窗口和其他程序后再加密。"
                               "原文件没有改动。", "wal in use")
        for side in (wal, Path(f"{path}-shm")):
            try:
                side.unlink()
            except FileNotFoundError:
                pass
        os.replace(part, path)
    except StorageError:
        _remove(part)
        raise
    except (OSError, *ERRORS) as exc:
        _remove(part)
        if "full" in str(exc).lower():
            raise StorageError(full_disk_message(path.parent), str(exc)) from exc
        raise StorageError(f"加密没有做成，原文件 {path} 没有改动（{exc}）。", str(exc)) from exc
    except BaseException:
        _remove(part)
        raise
    return key
