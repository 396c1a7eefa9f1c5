"""Turning encryption at rest on for a register (issue 16 §5): the one way the window's
File ▸ Encrypt the data file… and ``menshen backup encrypt`` both take.

``encrypt_register`` checks the data file's passphrase (typed twice, as strong as a sync
passphrase: it is the way back when the key file is lost, kept on paper by the admin) and the
admin's own login on the plain register, then:

1. encrypts the file in place (``driver.encrypt_file``: a checked copy renamed over it; when it
   fails the file is as it was);
2. encrypts every plain backup of it with the same key, so no readable copy of the register is
   left beside it (backups sealed with ``MENSHEN_BACKUP_PASSPHRASE`` already are encrypted);
3. seals the key for the admin in the key file (desktop/accounts/keyring.py): the admin's next
   login opens it; every other account is asked once for the data file's passphrase, or gets
   its key when the admin sets its password.

The register must be closed by every program (the window closes first); a register without
accounts is refused (nobody could log in to open it).
"""
from dataclasses import dataclass
from pathlib import Path

from db import driver
from desktop.errors import InputError


@dataclass(frozen=True)
class Encrypted:
    key: "driver.DatabaseKey"
    backups: int                    # plain backups encrypted with it


def check_new_file_passphrase(passphrase: str, repeated: str) -> None:
    from desktop.sync.mailbox import check_new_passphrase
    check_new_passphrase(passphrase, repeated, "数据文件口令")


def check_admin(path: Path, name: str | None, password: str | None) -> None:
    """``name`` logs in on the plain register and may change its settings (the admin). A
    register without accounts (a technician's script, with ``MENSHEN_DB_KEY`` to open it
    afterwards) takes no name."""
    from desktop.accounts import Permission, has_accounts, login, require
    from desktop.app import open_app
    app = open_app(path)
    try:
        if not has_accounts(app.db):
            if name:
                raise InputError("name", "这个数据文件还没有账号：请先在“账号管理”里设置管理员账号，再加密"
                                         "（加密以后要靠登录才能打开）。")
            return
        if not name:
            raise InputError("name", "这个数据文件设有账号：加密要由管理员登录后进行。")
        login(app.db, name, password or "")
        require(app.db, Permission.SETTINGS)
    finally:
        app.close()


def encrypt_register(path: Path | str, passphrase: str, repeated: str, admin_name: str | None,
                     admin_password: str | None) -> Encrypted:
    """See the module's text. InputError / LoginRefused / PermissionDenied (Chinese) before
    anything is changed; StorageError if the file cannot be encrypted (then it is as it was)."""
    from desktop import backup
    from desktop.accounts import keyring
    path = Path(path)
    if driver.is_encrypted(path):
        raise InputError("db", f"数据文件 {path} 已经是加密的。")
    check_new_file_passphrase(passphrase, repeated)
    check_admin(path, admin_name, admin_password)
    key = driver.encrypt_file(path, passphrase)
    converted = 0
    for item in backup.list_backups(path):
        if item.sealed or driver.is_encrypted(item.path):
            continue
        driver.encrypt_file(item.path, key)
        converted += 1
    if admin_name:
        keyring.seal(path, key, admin_name, admin_password or "")
    return Encrypted(key, converted)


def can_encrypt(db) -> bool:
    """Whether the window offers File ▸ Encrypt the data file…: a plain register, and an admin
    logged in with a password (that login will open it afterwards)."""
    from desktop.accounts import Permission, actor_of, can
    actor = actor_of(db)
    return getattr(db, "key", None) is None and not db.read_only and bool(actor.name) \
        and not actor.implicit and can(db, Permission.SETTINGS)
