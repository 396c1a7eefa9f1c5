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
#: The least strength a stored secret is tried at: a register account's hash here, and a key
#: file's entry (keyring.py). Both record their own n, r and p, so one written down to n=16 by
#: someone with write access would be accepted and, copied away, give its password up to a
#: guesser a thousand times faster. Its own constant, not N (raising N later must lock out no
#: hash made before), and no higher than the hashes the program has always written (n=2**14).
MIN_N, MIN_R = 2 ** 14, 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' for ``password``."""
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES,
                            maxmem=256 * n * r * p)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def below_floor(n: int, r: int) -> bool:
    """Whether a secret stored at scrypt ``n`` and ``r`` is too weak to be tried (MIN_N, MIN_R)."""
    return n < MIN_N or r < MIN_R


def floor_text(n: int, r: int) -> str:
    """What is too weak about ``n`` and ``r``, in Chinese: 'n=16，至少要 n=16384'."""
    low_r = r < MIN_R
    return f"n={n}{f'、r={r}' if low_r else ''}，至少要 n={MIN_N}{f'、r={MIN_R}' if low_r else ''}"


def _parts(stored: str | None) -> tuple[int, int, int, bytes, bytes] | None:
    """(n, r, p, salt, digest) of a stored 'scrypt$n$r$p$salt$hash'; None for anything else."""
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        n, r, p = int(n), int(r), int(p)
        if kind != "scrypt" or not (2 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
            return None
        return n, r, p, base64.b64decode(salt), base64.b64decode(digest)
    except (ValueError, TypeError):
        return None


def too_weak(stored: str | None) -> str:
    """floor_text() of a stored hash below the floor, else "" (also for no hash at all)."""
    parts = _parts(stored)
    return floor_text(parts[0], parts[1]) if parts and below_floor(parts[0], parts[1]) else ""


def check_password(password: str, stored: str | None) -> bool:
    """True when ``password`` gives ``stored``; a stored text that is no scrypt hash, or one below
    the floor (too_weak: never tried), never matches."""
    parts = _parts(stored)
    if parts is None or below_floor(parts[0], parts[1]):
        return False
    n, r, p, salt, expected = parts
    try:
        got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
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
