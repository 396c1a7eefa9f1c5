"""``menshen account reset-admin``: the way back in when no admin can log in (the only admin's
password forgotten, or refused as too weak): the community's sync passphrase proves the right
to set an admin's password (desktop.accounts.store.reset_admin_by_sync_passphrase).

    menshen account reset-admin NAME --db PATH [--passphrase-file FILE]

The sync passphrase comes as ``menshen sync``'s does (``--passphrase-file`` or
``MENSHEN_SYNC_PASSPHRASE``), the new password from ``MENSHEN_NEW_PASSWORD`` or typed twice at
the prompt; neither is ever an argument (other users could read it in the process list). An
encrypted register opens with ``MENSHEN_DB_KEY`` (the data file's passphrase) for this.
"""
import argparse
import os
from pathlib import Path

from desktop import summaries
from desktop.cliargs import CommandError

COMMANDS = ("account",)
NEW_PASSWORD_ENV = "MENSHEN_NEW_PASSWORD"


def add_parser(subparsers) -> None:
    from desktop.sync.cli import PASSPHRASE_ENV
    parser = subparsers.add_parser("account", help="账号：没有管理员能登录时，用同步口令重设管理员的密码")
    parser.set_defaults(command="account")
    parser.add_argument("action", choices=["reset-admin"], help="reset-admin 用本社区的同步口令重设管理员的密码")
    parser.add_argument("name", metavar="NAME", help="管理员的账号名")
    parser.add_argument("--db", type=Path, dest="sub_db", help="数据库文件")
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help=f"同步口令文件（或环境变量 {PASSPHRASE_ENV}）")
    # No login here (that is the point): not the "--user NAME 以这个账号登录" every other command gets.
    parser.add_argument("--user", dest="sub_user", help=argparse.SUPPRESS)


def _new_password() -> tuple[str, str]:
    from desktop.cliargs import ask_secret
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given, given
    try:
        return ask_secret("新密码：") or "", ask_secret("再输入一次新密码：") or ""
    except (EOFError, OSError):
        raise CommandError(f"没有输入新密码。请在终端里运行并输入两次，或在环境变量 {NEW_PASSWORD_ENV} 里给出。", 3) from None


def run(args) -> int:
    from db import driver
    from desktop.accounts.store import no_way_back, reset_admin_by_sync_passphrase
    from desktop.app import open_app
    from desktop.cliargs import existing_db
    from desktop.errors import InputError
    from desktop.sync.cli import passphrase
    path = existing_db(args)
    if driver.is_encrypted(path) and not os.environ.get(driver.KEY_ENV):
        raise CommandError(f"数据文件 {path} 是加密的：请把数据文件的口令放进环境变量 {driver.KEY_ENV}"
                           "（管理员记在纸上的那个口令）后再运行。", 3)
    secret = passphrase(args)
    app = open_app(path)
    try:
        refused = no_way_back(app.db)       # said before two new passwords are typed for nothing
        if refused:
            raise CommandError(refused, 3)
        new, repeated = _new_password()
        re_enabled = reset_admin_by_sync_passphrase(app.db, args.name, secret, new, repeated)
    except InputError as e:
        raise CommandError(e.message, 3 if e.field in ("passphrase", "name") else 1) from None
    finally:
        app.close()
    print(summaries.admin_reset(args.name.strip(), re_enabled))
    return 0
