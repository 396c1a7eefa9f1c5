"""Row identities for replicated tables (SYNC.md 9.2).

UUIDv7 (RFC 9562) as lowercase text: 48 bits of Unix milliseconds then random bits. The time
prefix only buys index locality; uniqueness comes from the 74 random bits, so a PC with a
wrong clock is harmless. Ids made by one process only ever grow (RFC 9562 6.2, method 2: within
the same millisecond the random bits count on from the last id by a random step), so rows made
in one import sort in the order they were made, on every machine: "ORDER BY created_wall, id"
(the first household behind a shared door, the heads a message lists) follows the ledger's
rows instead of chance, and is the same wherever the rows arrive. Rows that two offices may create independently for the same fact
(a household membership) get a deterministic UUIDv5 so both creations merge into one row.
"""
import hashlib
import os
import threading
import time
import uuid

# Fixed namespace for Menshen's deterministic ids; never change it (ids already exist).
MENSHEN_NAMESPACE = uuid.UUID("6f1c2a3e-5b7d-4c59-9e0a-2d8b5f43a1c7")


_RAND_BITS = 74
_last = (0, 0)                  # (ms, rand) of the last id this process made from the clock
_last_lock = threading.Lock()
# Random bytes are read from the system a few thousand at a time (a ledger import makes 140,000
# ids: a read for each was a tenth of their cost) and each used once. A child process made by
# fork starts without them: it must not hand out the ids its parent is about to make.
_POOL_BYTES = 4096
_pool, _pool_at = b"", 0


def _forget_pool() -> None:
    global _pool, _pool_at, _last
    _pool, _pool_at, _last = b"", 0, (0, 0)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def _random(nbytes: int) -> int:
    """``nbytes`` random bytes as an integer, from the pool (under ``_last_lock``)."""
    global _pool, _pool_at
    at = _pool_at
    if at + nbytes > len(_pool):
        _pool, at = os.urandom(_POOL_BYTES), 0
    _pool_at = at + nbytes
    return int.from_bytes(_pool[at:at + nbytes], "big")


def uuid7(unix_ms: int | None = None) -> str:
    global _last
    with _last_lock:
        if unix_ms is None:
            ms = int(time.time() * 1000)
            last_ms, last_rand = _last
            if ms <= last_ms:       # the same millisecond, or the clock stepped back: count on
                ms, rand = last_ms, last_rand + 1 + _random(4)          # by a random step, 32 bits
                if rand >> _RAND_BITS:                                  # the bits ran out
                    ms, rand = last_ms + 1, _random(10) >> 7            # 73 bits
            else:
                rand = _random(10) >> 6                                 # 74 bits
            _last = (ms, rand)
        else:
            ms, rand = unix_ms, _random(10) >> 6
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76                      # version 7
    value |= (rand >> 62) << 64             # 12 bits rand_a
    value |= 0b10 << 62                     # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)         # 62 bits rand_b
    return _text(value)


def _text(value: int) -> str:
    """The 8-4-4-4-12 form of a 128-bit value, as str(uuid.UUID(int=value)) writes it (a ledger
    import makes a quarter of a million ids: the UUID object cost more than the rest; the hex of
    its bytes in three pieces costs half of formatting the integer and cutting that in five)."""
    b = value.to_bytes(16, "big")
    return "-".join((b[:4].hex(), b[4:10].hex("-", 2), b[10:].hex()))


_NAMESPACE_BYTES = MENSHEN_NAMESPACE.bytes


def natural_id(kind: str, *parts: str) -> str:
    """A deterministic id for a natural-key row, e.g. natural_id("membership", hh, person):
    the UUIDv5 of the name (RFC 9562 5.5), the same as uuid.uuid5 gives."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + ":".join((kind, *parts)).encode()).digest()
    value = int.from_bytes(digest[:16], "big")
    value = (value & ~(0xF << 76)) | (0x5 << 76)                # version 5
    value = (value & ~(0x3 << 62)) | (0b10 << 62)               # RFC 4122 variant
    return _text(value)
