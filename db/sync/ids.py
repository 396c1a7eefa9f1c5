"""Row identities for replicated tables (SYNC.md 9.2).

UUIDv7 (RFC 9562) as lowercase text: 48 bits of Unix milliseconds then random bits. The time
prefix only buys index locality; uniqueness comes from the 74 random bits, so a PC with a
wrong clock is harmless. Rows that two offices may create independently for the same fact
(a household membership) get a deterministic UUIDv5 so both creations merge into one row.
"""
import secrets
import time
import uuid

# Fixed namespace for Menshen's deterministic ids; never change it (ids already exist).
MENSHEN_NAMESPACE = uuid.UUID("6f1c2a3e-5b7d-4c59-9e0a-2d8b5f43a1c7")


def uuid7(unix_ms: int | None = None) -> str:
    ms = int(time.time() * 1000) if unix_ms is None else unix_ms
    rand = secrets.randbits(74)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76                      # version 7
    value |= (rand >> 62) << 64             # 12 bits rand_a
    value |= 0b10 << 62                     # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)         # 62 bits rand_b
    return str(uuid.UUID(int=value))


def natural_id(kind: str, *parts: str) -> str:
    """A deterministic id for a natural-key row, e.g. natural_id("membership", hh, person)."""
    return str(uuid.uuid5(MENSHEN_NAMESPACE, ":".join((kind, *parts))))
