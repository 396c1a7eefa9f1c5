"""Opening a register with a login: one name and password open an encrypted file and log in.

The window's login before the file is open and the command line's ``--user`` both come here
(``open_with_login``), so the rules are one:

* a **plain** register opens and the password is checked as always (desktop/accounts/store.py);
* an **encrypted** one is unlocked by the account's entry in the key file
  (desktop/accounts/keyring.py), or by the data file's passphrase when given (the admin's, on
  paper; or ``MENSHEN_DB_KEY``); then the same password check runs inside, and a login that
  succeeds seals the key for that account on this machine;
* an entry that the typed password opens while the register refuses it means the password was
  changed on another machine and came here by sync: ``PasswordChangedElsewhere`` asks for the
  new one too; an old password alone never logs in.

Before the file is open its failure counts (table ``login_failure``) cannot be read, so the
tries that fail to open it slow down in this process the same way (``store.delay_after``):
a wrong password by the name typed, a wrong data file passphrase under one count of its own,
the login's and 忘记密码？'s together (``_open_by_file_passphrase``).
"""
import os
import time
from pathlib import Path
from typing import Callable

from db import driver
from db.errors import StorageError
from desktop.accounts import keyring
from desktop.accounts.session import login
from desktop.accounts.store import AccountDisabled, LoginRefused, WeakHash, delay_after, normalise_name, wait_text


class PassphraseNeeded(LoginRefused):
    """The key file here cannot open the file for this name and password: the data file's
    passphrase is needed (once; the login then seals the key for this account here)."""


class PasswordChangedElsewhere(LoginRefused):
    """The typed password opened this machine's entry, but the register holds a newer one."""


_failures: dict[str, tuple[int, float]] = {}


def login_opens(path: Path | str) -> bool:
    """Whether ``path`` is an encrypted register that only a login (or the data file's
    passphrase) opens: no ``MENSHEN_DB_KEY`` is set for it."""
    return driver.is_encrypted(path) and not os.environ.get(driver.KEY_ENV)


#: The wrong data file passphrases, typed at the login or at 忘记密码？, counted under a key no
#: account has (names are trimmed): the name typed beside them is free, and counted by it
#: every try could be a first one.
_FILE_PASSPHRASE_TRIES = " data file passphrase"


def _wait_left(key: str, now: float) -> float:
    """Seconds before a try for ``key`` is looked at (0: now)."""
    return max(0.0, _failures.get(key, (0, 0.0))[1] - now)


def _failed(key: str, now: float) -> float:
    """One more failure in a row for ``key``: the wait it earns (``store.delay_after``)."""
    count = _failures.get(key, (0, 0.0))[0] + 1
    wait = delay_after(count)
    _failures[key] = (count, now + wait)
    return wait


def _refuse(name: str, now: float, cls=LoginRefused, text: str = "") -> None:
    wait = _failed(name, now)
    later = f"请{wait_text(wait)}后再试。" if wait else ""
    raise cls((text or "账号名或密码不对。") + later, wait)


def _open_by_file_passphrase(path: Path, passphrase, now: float, refused: Callable[[str, float], Exception],
                             read_only: bool = False):
    """The App of ``path`` opened with the data file's passphrase (typed, or ``MENSHEN_DB_KEY``):
    the one place its wrong tries are counted and waited for, whoever typed them and under
    whatever name. A refusal is ``refused(message, wait)``, the caller's kind of error."""
    from desktop.app import open_app
    left = _wait_left(_FILE_PASSPHRASE_TRIES, now)
    if left:                        # refused without trying it: not counted either
        raise refused(f"数据文件的口令输错的次数太多，请{wait_text(left)}后再试。", left)
    try:
        app = open_app(path, read_only=read_only, key=passphrase)
    except driver.WrongKeyError:
        wait = _failed(_FILE_PASSPHRASE_TRIES, now)
        later = f"，{wait_text(wait)}后再试" if wait else ""
        raise refused(f"数据文件的口令不对，请核对写在纸上的口令{later}。", wait) from None
    _failures.pop(_FILE_PASSPHRASE_TRIES, None)
    return app


def login_wait(name: str, *, db=None, file_passphrase: bool = False,
               clock: Callable[[], float] = time.time) -> float:
    """Seconds before a login try for ``name`` is looked at (0: now), as ``login`` (``db``, an
    open register: its counts are in it) or ``open_with_login`` (None: the encrypted file the
    login opens) will judge it. Wrong passwords are counted per account name, so another name
    typed waits for nothing of the last one's; the data file passphrase's wait holds whoever
    types one (``file_passphrase``: one is typed with this try)."""
    from desktop.accounts.store import failures
    now, name = clock(), normalise_name(name)
    if db is not None:
        return max(0.0, failures(db, name)[1] - now) if name else 0.0
    left = _wait_left(name, now) if name else 0.0
    return max(left, _wait_left(_FILE_PASSPHRASE_TRIES, now)) if file_passphrase else left


def open_with_login(path: Path | str, name: str, password: str, *, new_password: str | None = None,
                    file_passphrase: str | None = None, read_only: bool = False,
                    clock: Callable[[], float] = time.time):
    """The App of ``path`` with ``name`` logged in, or LoginRefused (or one of its kinds above)
    with a Chinese message; storage failures (a damaged file…) come out as they are."""
    from desktop.app import open_app
    path, name = Path(path), normalise_name(name)
    if not name:
        raise LoginRefused("请填写账号名。")
    key = None
    from_entry = False
    if driver.is_encrypted(path):
        now = clock()
        left = _wait_left(name, now)
        if left:
            raise LoginRefused(f"密码错误次数太多，请{wait_text(left)}后再试。", left)
        weak = None
        try:
            key = keyring.unlock(path, name, password)
        except keyring.WeakEntry as refused:    # never tried: the passphrase opens, the login re-seals
            key, weak = None, refused
        from_entry = key is not None
        if key is None:
            key = file_passphrase or os.environ.get(driver.KEY_ENV) or None
        if key is None and weak is not None:
            raise PassphraseNeeded(weak.message + "请输入数据文件的口令（找管理员）。")
        if key is None:
            _refuse(name, now, PassphraseNeeded,
                    "账号名或密码不对；如果这个账号还没有在这台电脑上打开过这个加密的数据文件，"
                    "请同时输入数据文件的口令（找管理员）。")
    try:
        if key is None or from_entry:
            app = open_app(path, read_only=read_only, key=key)
        else:
            app = _open_by_file_passphrase(path, key, clock(), PassphraseNeeded, read_only)
    except driver.WrongKeyError:        # this machine's entry holds a key the file no longer has
        _refuse(name, clock(), PassphraseNeeded, "数据文件的口令不对。")
    except StorageError as damage:
        damage.key = key                # a damaged file's backups open with the same key
        raise
    try:
        # The entry that opened the file already holds this password: no second sealing.
        login(app.db, name, new_password or password, seal=not from_entry or new_password is not None,
              clock=clock)
    except AccountDisabled:
        keyring.drop(app.db, name)      # disabled elsewhere: its entry here opens nothing more
        app.close()
        raise
    except LoginRefused as refused:
        app.close()
        if from_entry and new_password is None and not refused.wait and not isinstance(refused, WeakHash):
            raise PasswordChangedElsewhere(
                f"账号“{name}”的密码已经在别的电脑上改过（同步带来的）。请在下面再输入新密码；"
                "旧密码只用来打开这台电脑上的数据文件。") from None
        raise
    except BaseException:
        app.close()
        raise
    _failures.pop(name, None)
    return app


def reset_admin_in_file(path: Path | str, file_passphrase: str, name: str, sync_passphrase: str,
                        new_password: str, repeated: str | None = None,
                        clock: Callable[[], float] = time.time) -> bool:
    """The login's 忘记密码？ on an encrypted register not open yet: the data file's passphrase
    (the admin's, on paper) opens it, then the sync passphrase sets the admin's password as on a
    plain one (``store.reset_admin_by_sync_passphrase``, which seals the file's key for the new
    password here, so the login then opens it with the new password alone). Wrong data file
    passphrases count together with the login's (SecretRefused with its ``wait``)."""
    from desktop.accounts.store import SecretRefused, reset_admin_by_sync_passphrase
    from desktop.errors import InputError
    if not (file_passphrase or "").strip():
        raise InputError("file_passphrase", "这个数据文件是加密的：请先输入数据文件的口令（管理员记在纸上的那个）。")
    app = _open_by_file_passphrase(Path(path), file_passphrase, clock(),
                                   lambda text, wait: SecretRefused("file_passphrase", text, wait))
    try:
        return reset_admin_by_sync_passphrase(app.db, name, sync_passphrase, new_password, repeated, clock=clock)
    finally:
        app.close()
