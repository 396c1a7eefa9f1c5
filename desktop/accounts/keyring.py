"""The login unlocks an encrypted register (issue 16 §5): the key file beside it.

An encrypted register (db/driver.py, SQLCipher) cannot be read before its key is known, yet the
accounts that check a login live inside it. So the key travels beside the file, locked once per
account: ``<register>.keys`` holds, for every account that may open the file on this machine,
the file's raw 256-bit key sealed with AES-256-GCM under a key that scrypt derives from that
account's password (its own salt per entry; the account's name and the file's salt bound in as
associated data, so an entry cannot be moved to another name or file). The file holds no
password, no hash and nothing of a resident; it is written owner-only under a temporary name.

An entry is written whenever the program holds both the file's key and an account's password:
a login that succeeded (so a password changed since is taken up), the first admin, a new
account, an admin's reset of another's password. Disabling an account removes its entry. The
data file's passphrase itself (the admin's, kept on paper; ``MENSHEN_DB_KEY`` for scripts)
still opens the file: that is the way back when the key file is lost, and the way an account
gets its first entry on a machine after ``menshen backup encrypt``.

A password changed on another machine reaches this one by sync, but its entry here is still
sealed under the old one: the login then asks for both (desktop/accounts/unlock.py), the old
one unlocks the file, the new one is checked against the register, and the entry is sealed
again under the new one. An old password alone never logs in.
"""
import base64
import hashlib
import json
import os
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from db import driver
from desktop.accounts import passwords
from desktop.files import atomic_write, owner_only

FORMAT = 1
SUFFIX = ".keys"
#: 32 MiB and about 0.1 s on the office PC per try: the same cost as the file key's own scrypt.
N, R, P = 1 << 15, 8, 1
# The least an entry may have been sealed with to be used is the accounts' own floor
# (passwords.MIN_N, MIN_R): an entry edited down to n=16 is refused before it is tried.


class WeakEntry(Exception):
    """An entry sealed below passwords.MIN_N/MIN_R: refused, never tried; ``message`` says so in Chinese
    (the caller adds what to do: the data file's passphrase opens the file)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def key_file(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _name(name: str) -> str:
    return unicodedata.normalize("NFKC", name or "").strip()


def _sealing_key(password: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(unicodedata.normalize("NFKC", password).encode("utf-8"), salt=salt,
                          n=n, r=r, p=p, maxmem=256 * n * r * p, dklen=32)


def _bound(name: str, file_salt: bytes) -> bytes:
    return f"menshen-keyring/{FORMAT}/{_name(name)}/{file_salt.hex()}".encode("utf-8")


def _load(path: Path) -> dict:
    """The key file's entries by account name; {} when there is none or it cannot be read (a
    damaged key file never stops the data file's passphrase from opening the register)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def _save(path: Path, entries: dict) -> None:
    with atomic_write(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            owner_only(tmp)
            json.dump({"format": FORMAT, "about": "门神：加密数据文件的钥匙（每个账号一份，用各自的密码锁住）",
                       "entries": entries}, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
    owner_only(path)


def names(db_path: Path | str) -> list[str]:
    """The accounts that can unlock ``db_path`` on this machine."""
    return sorted(_load(key_file(db_path)))


def seal(db_path: Path | str, key: "driver.DatabaseKey", name: str, password: str) -> None:
    """Seal ``key`` for ``name`` under ``password`` (replacing that name's entry)."""
    path = key_file(db_path)
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_sealing_key(password, salt)).encrypt(nonce, key.key, _bound(name, key.salt))
    entries = _load(path)
    entries[_name(name)] = {"kdf": "scrypt", "n": N, "r": R, "p": P, "salt": _b64(salt), "nonce": _b64(nonce),
                            "sealed": _b64(sealed)}
    _save(path, entries)


def forget(db_path: Path | str, name: str) -> None:
    """Remove ``name``'s entry: that account can no longer unlock the file here."""
    path = key_file(db_path)
    entries = _load(path)
    if entries.pop(_name(name), None) is not None:
        _save(path, entries)


def unlock(db_path: Path | str, name: str, password: str) -> "driver.DatabaseKey | None":
    """The file's key from ``name``'s entry opened with ``password``; None when there is no
    entry for that name, or the password does not open it (the caller says the same for both,
    as the login does). An entry sealed below the floor (passwords.MIN_N) raises WeakEntry."""
    db_path = Path(db_path)
    path = key_file(db_path)
    entry = _load(path).get(_name(name))
    file_salt = driver.file_salt(db_path)
    if not isinstance(entry, dict) or file_salt is None:
        return None
    try:
        n, r, p = int(entry["n"]), int(entry["r"]), int(entry["p"])
        if not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
            return None
        if passwords.below_floor(n, r):
            raise WeakEntry(f"账号“{_name(name)}”在这台电脑上的钥匙太弱：{passwords.floor_text(n, r)}"
                            "（太弱的被拷走，密码很快能试出），可能被人改过，没有用它。")
        sealing = _sealing_key(password, base64.b64decode(entry["salt"]), n, r, p)
        raw = AESGCM(sealing).decrypt(base64.b64decode(entry["nonce"]), base64.b64decode(entry["sealed"]),
                                      _bound(name, file_salt))
    except (InvalidTag, KeyError, TypeError, ValueError):
        return None
    return driver.DatabaseKey(raw, file_salt)


def remember(db, name: str, password: str) -> None:
    """After the program checked ``password`` for ``name`` on an open register: when the file
    is encrypted, seal its key for that account here. Nothing for a plain file."""
    key = getattr(db, "key", None)
    if key is None or getattr(db, "read_only", False):
        return
    try:
        seal(db.path, key, name, password)
    except OSError:
        pass                # a locked stick: the entry as it was still opens the file


def drop(db, name: str) -> None:
    if getattr(db, "key", None) is not None and not getattr(db, "read_only", False):
        try:
            forget(db.path, name)
        except OSError:
            pass
