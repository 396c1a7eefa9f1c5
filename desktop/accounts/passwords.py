"""Password hashes: scrypt from the standard library, a salt of its own for every password,
and the parameters kept with the hash, so they can be raised later without breaking old ones."""
import base64
import hashlib
import hmac
import os

# 16 MiB of memory and about 50 ms on an old office PC: slow enough that a stolen file's hashes
# are costly to guess, quick enough for a login. Kept in every hash, so they can change.
N, R, P = 2 ** 14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' for ``password``."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES,
                            maxmem=256 * n * r * p)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str | None) -> bool:
    """True when ``password`` gives ``stored``; a stored text that is no scrypt hash never matches."""
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        if kind != "scrypt":
            return False
        n, r, p = int(n), int(r), int(p)
        expected = base64.b64decode(digest)
        if not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=n, r=r, p=p,
                             dklen=len(expected), maxmem=256 * n * r * p)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


_NOBODY: dict[tuple, str] = {}


def check_nobody(password: str) -> bool:
    """The work of checking a password, for a name that has no account: a login with an unknown
    name answers no sooner than one with a wrong password, so account names cannot be found out
    by timing logins. The stand-in hash is made once, at the strength new passwords get (never
    a password anyone can type: random bytes); always False."""
    strength = (hash_password.__kwdefaults__["n"], hash_password.__kwdefaults__["r"],
                hash_password.__kwdefaults__["p"])
    if strength not in _NOBODY:
        _NOBODY[strength] = hash_password(os.urandom(16).hex())
    check_password(password, _NOBODY[strength])
    return False
