"""``menshen backup …``: the register's backups from the command line (desktop/backup.py).

    menshen backup list    --db PATH                 # newest first: time, reason, size, file
    menshen backup now     --db PATH                 # a backup now ("manual")
    menshen backup restore --db PATH [--file NAME]   # the newest good backup (or NAME) in place;
                                                     # NAME may be a 恢复前的副本 (undo a restore)
    menshen backup encrypt --db PATH [--user ADMIN]  # encrypt a plain register at rest

Passphrases never come as arguments (other users could read them in the process list): the
register's from ``MENSHEN_DB_KEY``, the backups' from ``MENSHEN_BACKUP_PASSPHRASE`` or, for a
sealed backup (a stick copy), typed at the prompt.
"""
import os
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError, existing_db
from desktop.errors import InputError

COMMANDS = ("backup",)


def add_parser(sub) -> None:
    p = sub.add_parser("backup", help="数据文件的备份：列出、立即备份、恢复、加密")
    p.add_argument("action", choices=["list", "now", "restore", "encrypt"],
                   help="list 列出备份；now 立即备份；restore 恢复备份；encrypt 给数据文件加密")
    p.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    p.add_argument("--file", default=None, metavar="NAME", help="restore：要恢复的备份文件名（默认：最新的完好备份）")
    p.set_defaults(command="backup")


def _db_path(args) -> Path:
    from desktop.app import default_db_path
    return Path(getattr(args, "sub_db", None) or getattr(args, "db", None) or default_db_path())


def run(args) -> int:
    from desktop import backup
    if args.action == "list":
        path = _db_path(args)
        items = backup.list_backups(path, asides=True)
        for item in items:
            print(f"{backup.describe(item)}  {item.path.name}")
        asides = sum(item.aside for item in items)
        print(summaries.backup_list(len(items) - asides, backup.folder_of(path)))
        if asides:      # a wrong restore is undone with --file and the aside's name
            print(summaries.backup_asides(asides, path))
        return 0
    if args.action == "now":
        from desktop.app import open_app
        app = open_app(existing_db(args))
        try:
            target = backup.backup_before(app.db, "manual")
        finally:
            app.close()
        print(summaries.backup_made(target))
        return 0
    if args.action == "restore":
        return _restore(args)
    return _encrypt(args)


def _restore_key(path: Path, args):
    """An encrypted register's key for a restore: ``MENSHEN_DB_KEY``, or the login of
    ``--user`` through the key file beside it (desktop/accounts/keyring.py); None for a plain
    one. The file itself may be damaged: the key is found without opening it."""
    from db import driver
    from desktop.accounts import keyring
    from desktop.cliargs import command_password, command_user
    if not driver.is_encrypted(path) or os.environ.get(driver.KEY_ENV):
        return None
    user = command_user(args)
    if not user:
        raise CommandError(f"数据文件 {path} 是加密的：请用 --user 账号名 登录（或设置环境变量 {driver.KEY_ENV}）后再恢复。", 3)
    try:
        key = keyring.unlock(path, user, command_password(user))
    except keyring.WeakEntry as weak:
        raise CommandError(f"{weak.message}请设置环境变量 {driver.KEY_ENV} 为数据文件的口令后再恢复。", 3) from None
    if key is None:
        raise CommandError("账号名或密码不对（或者这个账号在这台电脑上还没有数据文件的钥匙：请设置环境变量 "
                           f"{driver.KEY_ENV} 为数据文件的口令）。", 3)
    return key


def _other_passphrase(path: Path, item, key) -> str | None:
    """The passphrase of a backup locked with another one than the register's (a stick copy made
    on another computer: sealed with the passphrase set for the copy, or encrypted with that
    computer's data file passphrase): the environment's for a sealed one, else typed on the
    terminal, never an argument; None for a backup the register's own key or nothing opens."""
    from db import driver
    from desktop import backup
    from desktop.cliargs import ask_secret
    if item not in backup.locked_backups(path, key=key or os.environ.get(driver.KEY_ENV)):
        return None
    if item.sealed:
        if os.environ.get(backup.BACKUP_PASSPHRASE_ENV):
            return None
        prompt = f"备份 {item.path.name} 的口令（复制到U盘时设的口令）："
    else:
        prompt = (f"备份 {item.path.name} 是用另一个口令加密的，不是这个数据文件的口令。请输入那个口令"
                  "（做这个备份的那台电脑上数据文件的口令）：")
    try:
        return ask_secret(prompt) or None
    except (EOFError, OSError):
        raise CommandError(f"备份 {item.path.name} 要口令才能打开：请在终端里运行并输入口令，"
                           f"或在环境变量 {backup.BACKUP_PASSPHRASE_ENV} 里给出。数据文件没有改动。", 3) from None


def _locked_refused(item) -> CommandError:
    """No backup opened, and one is locked with another passphrase: said so, not "none passes the
    integrity check" (it is sound, only shut)."""
    return CommandError(
        f"备份 {item.path.name} 是用另一个口令加密的（复制到U盘时设的口令，或做这个备份的那台电脑上数据文件的口令），"
        "口令没有给出或不对，所以没有恢复，数据文件没有改动。备份本身没有损坏：请找到那个口令"
        "（记在纸上或U盘的标签上，区分大小写），在终端里再运行一次本命令并输入它。", 2)


def _restore(args) -> int:
    from db import driver
    from desktop import backup
    from desktop.cliargs import command_user
    path = _db_path(args)
    key = _restore_key(path, args)
    items = backup.list_backups(path, asides=True)
    if not items:
        raise CommandError(f"{backup.folder_of(path)} 里没有 {path.name} 的备份，无法恢复。")
    passphrase = None
    if args.file:
        chosen = next((b for b in items if b.path.name == args.file), None)
        if chosen is None:
            raise CommandError(f"没有名为 {args.file} 的备份。用 menshen backup list --db {path} 查看有哪些。")
        passphrase = _other_passphrase(path, chosen, key)
        why = backup.check_backup(chosen, key=_opening_key(chosen, key, passphrase), passphrase=passphrase)
        if why:
            raise CommandError(why, 2)
    else:
        chosen = backup.newest_good(path, key=key)
        if chosen is None and (locked := backup.locked_backups(path, key=key or os.environ.get(driver.KEY_ENV))):
            passphrase = _other_passphrase(path, locked[0], key)     # asked once, for the newest
            if passphrase:
                chosen = backup.newest_good(path, key=passphrase, passphrase=passphrase)
            if chosen is None:
                raise _locked_refused(locked[0])
        if chosen is None:
            raise CommandError(f"{path.name} 的备份都打不开或没有通过完整性检查，无法恢复。"
                               "数据文件没有改动。请把备份文件夹交给技术人员。", 2)
    damaged = damage_of(path, key) is not None
    # Who the audit names: the admin logged in below, or the account whose login unlocked an
    # encrypted register; nobody (said as not logged in) when no login was asked.
    by = command_user(args) if key is not None else None
    if not damaged and path.exists():        # a register gone with its disk has no accounts to ask
        by = _check_may_restore(path, args, key) or by
    done = backup.restore(path, chosen, damaged=damaged, key=_opening_key(chosen, key, passphrase), register_key=key,
                          by=by, passphrase=passphrase)
    print(summaries.restored(chosen, done, path))
    if note := backup.lone_wal_note(done):       # the gone register's -wal, kept: where to look
        print(note)
    return 0


def _opening_key(item, key, passphrase):
    """The key a restore of ``item`` opens it with: the passphrase typed for a backup encrypted
    with another data file passphrase; else the register's (a sealed one opens with ``passphrase``)."""
    return passphrase if passphrase and not item.sealed else key


def _check_may_restore(path: Path, args, key) -> str | None:
    """A register that opens and has real accounts is restored by an admin only (as File ▸
    Backups in the window): a restore puts everything entered since the backup aside. A damaged
    one, or one a newer Menshen made, is restored by whoever is there, as the window's start-up
    offers it before any login. Returns the admin's name; None when no login was asked."""
    from db.errors import NewerDatabaseError
    from desktop.accounts import LoginRefused, Permission, login, login_required, require
    from desktop.app import open_app
    from desktop.cliargs import PASSWORD_ENV, command_password, command_user
    try:
        app = open_app(path, read_only=True, key=key)
    except NewerDatabaseError:
        # A newer Menshen's register cannot be read here, its accounts neither: as a damaged
        # one, whoever is there may put a backup in its place (the file itself is kept aside).
        return None
    try:
        if not login_required(app.db):
            return None
        user = command_user(args)
        if not user:
            raise CommandError("这个数据库设有账号，恢复备份要用管理员账号：请加 --user 账号名（密码放在环境变量 "
                               f"{PASSWORD_ENV} 里，或按提示输入）。", 3)
        try:
            login(app.db, user, command_password(user), seal=False)
        except LoginRefused as e:
            raise CommandError(e.message, 3) from None
        require(app.db, Permission.RESTORE)
        return user
    finally:
        app.close()


def damage_of(path: Path, key=None):
    """The StorageError that says ``path`` is damaged or empty, or None when it opens (or when
    a newer Menshen made it: not damaged, and a backup may still be put in its place)."""
    from db.errors import DamagedDatabaseError, EmptyDatabaseFileError, NewerDatabaseError, NotADatabaseError
    from desktop.app import open_app
    if not path.exists():
        return None
    try:
        app = open_app(path, read_only=True, key=key)
    except (DamagedDatabaseError, EmptyDatabaseFileError, NotADatabaseError) as exc:
        return exc
    except NewerDatabaseError:
        return None
    app.close()
    return None


def _encrypt(args) -> int:
    """Encrypt a plain register with the passphrase in MENSHEN_DB_KEY (desktop/at_rest.py, as
    the window's File menu does). A register with accounts needs an admin's ``--user``; that
    account's login then opens the file on this machine, the others' once the data file's
    passphrase is typed with it (or an admin sets their password)."""
    from db import driver
    from desktop.accounts import LoginRefused
    from desktop.at_rest import encrypt_register
    from desktop.cliargs import command_password, command_user
    path = existing_db(args)
    secret = os.environ.get(driver.KEY_ENV)
    if not secret:
        raise CommandError(f"请先把口令放进环境变量 {driver.KEY_ENV}（不要写在命令行上），再运行加密。")
    user = command_user(args)
    try:
        done = encrypt_register(path, secret, secret, user or None, command_password(user) if user else None)
    except LoginRefused as e:
        raise CommandError(e.message, 3) from None
    except InputError as e:
        raise CommandError(e.message, 3 if e.field == "name" else 1) from None
    print(summaries.encrypted(path, done.backups))
    return 0
