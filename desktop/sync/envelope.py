"""The sync package file (同步包, ``.cspkg``): an authenticated clear header and an encrypted,
compressed body, exactly as SYNC.md 9.10 lays it out (deviations in docs/sync.md, "Packages").

    0    8 bytes  magic b"CSYNCPK1"
    8    4 bytes  header length H, big-endian
    12   H bytes  header: canonical JSON, UTF-8 (authenticated, not encrypted)
    12+H ...      chunks: [4-byte length L][L bytes: AES-256-GCM ciphertext + 16-byte tag] …

Body = zlib(payload) cut into ``chunk_size`` pieces; chunk i is sealed with
nonce = nonce_prefix(8) || i(4) and aad = SHA-256(magic || header) || i(4) || last(1): the
STREAM construction, so an edited header, a swapped, repeated or dropped chunk and a file cut
short all fail. The key comes from the community's sync passphrase through Argon2id (scrypt
where this ``cryptography`` has no Argon2id), then HKDF gives the encryption key and an 8-byte
``key_check`` that tells a wrong passphrase from a damaged file. Every check runs on a copy in
memory and before anything is returned; plaintext is never written anywhere.
"""
import base64
import hashlib
import json
import os
import re
import secrets
import threading
import unicodedata
import zlib
from collections import OrderedDict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from db.fsync import fsync_path
from db.sync.log import CHANGE_FORMAT
from db.sync.site import machine_name
from desktop.files import os_reason
from desktop.sync import errors as e
from desktop.sync.payload import (SQLITE_MAGIC, Payload, PayloadReader, canonical_json, manifest_of,
                                  manifest_of_part, open_payload)

try:  # cryptography >= 44.0
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover - older cryptography: scrypt, as SYNC.md allows
    Argon2id = None

MAGIC = b"CSYNCPK1"
_MAGIC_STEM = b"CSYNCPK"
PACKAGE_FORMAT = 2            # 2: payload format 2 (parts, no per-change hash); 1 is refused
# The newest change format this program reads is the change log's own CHANGE_FORMAT (imported above).
KINDS = ("incremental", "snapshot", "request")
SUFFIX = ".cspkg"
PART_SUFFIX = ".part"

CHUNK_SIZE = 1 << 20
# zlib level 6 (it was 3): a snapshot of 200,000 people and a million gate rows is 10 % smaller
# (the 150 MB target); compressing is about 1.5x slower, decompressing the same speed.
COMPRESSION_LEVEL = 6
MAX_HEADER_BYTES = 64 << 10
MAX_FILE_BYTES = 500 << 20          # SYNC.md 9.11 step 1
MAX_PAYLOAD_BYTES = 2 << 30         # decompressed; a zlib bomb stops here, not at 8 GB
# The most a piece read back holds: a chunk of a register's empty pages (zeros, about 1000:1)
# inflated whole was hundreds of MB in one piece, at a backup's read-back and its restore.
PIECE_BYTES = 1 << 20

ARGON2 = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
SCRYPT = {"name": "scrypt", "n": 1 << 17, "r": 8, "p": 1}
# A forged header may not weaken the key (minimums), nor make us allocate gigabytes (ceilings).
_LIMITS = {
    "argon2id": {"memory_kib": (65536, 1 << 20), "iterations": (3, 20), "lanes": (1, 16)},
    "scrypt": {"n": (1 << 17, 1 << 20), "r": (8, 16), "p": (1, 4)},
}
_KDF_MEMORY_CEILING = 1 << 30       # bytes; scrypt uses 128·n·r

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")
_HEADER_KEYS = {"format", "package_id", "kind", "community_id", "sender_site_id", "sender_code",
                "sender_name", "created_wall", "app_version", "change_format", "recipient_hint",
                "covers", "kdf", "key_id", "key_check", "cipher", "chunk_size", "nonce_prefix",
                "compression", "header_check"}


@dataclass(frozen=True)
class PackageHeader:
    """The clear header of a package. Only authenticated once read_package has returned it;
    ``peek_header`` gives the same record unauthenticated (for listing a stick)."""
    package_id: str
    kind: str
    community_id: str
    sender_site_id: str
    sender_code: str
    sender_name: str
    created_wall: str
    app_version: str
    change_format: int
    recipient_hint: str | None
    covers: dict          # {origin site_id: (lowest seq, highest seq)} of the changes inside
    kdf: dict
    key_id: str
    key_check: bytes
    chunk_size: int
    nonce_prefix: bytes
    raw: bytes = field(repr=False)      # the header bytes as in the file

    @property
    def aad_hash(self) -> bytes:
        return hashlib.sha256(MAGIC + self.raw).digest()


# ------------------------------------------------------------------ keys

def normalise_passphrase(passphrase: str) -> bytes:
    """Full-width letters from a Chinese IME fold to ASCII (NFKC), outer spaces go, inner runs of
    spaces become one: the same words typed on two machines give the same key."""
    text = unicodedata.normalize("NFKC", passphrase)
    return " ".join(text.split()).encode("utf-8")


def argon2_available() -> bool:
    if Argon2id is None:
        return False
    try:
        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
        return True
    except UnsupportedAlgorithm:  # pragma: no cover - an OpenSSL build without it
        return False


def default_kdf() -> dict:
    """Fresh KDF parameters with a new random salt (so a fresh key for every package)."""
    base = ARGON2 if argon2_available() else SCRYPT
    return {**base, "salt": _b64(secrets.token_bytes(16))}


_MASTER_CACHE: "OrderedDict[tuple, bytes]" = OrderedDict()
_MASTER_LOCK = threading.Lock()      # the sync runs off the UI thread; listing may not


def derive_master_key(passphrase: str, kdf: dict) -> bytes:
    """The KDF output for these parameters. The last few are kept in memory: listing, importing
    and the writer's read-back of one package derive once (the passphrase is in memory anyway)."""
    secret = normalise_passphrase(passphrase)
    cache_key = (hashlib.sha256(secret).digest(), canonical_json(kdf))
    with _MASTER_LOCK:
        if cache_key in _MASTER_CACHE:
            _MASTER_CACHE.move_to_end(cache_key)
            return _MASTER_CACHE[cache_key]
    salt = base64.b64decode(kdf["salt"])
    if kdf["name"] == "argon2id":
        master = Argon2id(salt=salt, length=32, iterations=kdf["iterations"], lanes=kdf["lanes"],
                          memory_cost=kdf["memory_kib"]).derive(secret)
    else:
        master = Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(secret)
    with _MASTER_LOCK:
        _MASTER_CACHE[cache_key] = master
        while len(_MASTER_CACHE) > 16:
            _MASTER_CACHE.popitem(last=False)
    return master


def _hkdf(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=info).derive(master)


def key_check_of(master: bytes) -> bytes:
    return _hkdf(master, b"csync keycheck v1")[:8]


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


def _aad(header_hash: bytes, index: int, last: bool) -> bytes:
    return header_hash + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _seal_chunk(aead: AESGCM, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    """One chunk sealed (its own function so a test can stop a write in the middle)."""
    return aead.encrypt(nonce, data, aad)


# ------------------------------------------------------------------ the header

def _header_check(fields: dict) -> str:
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def _parse_header(raw: bytes, file: str) -> PackageHeader:
    """The header record, after its own check (a damaged header is told apart from a wrong
    passphrase) and strict validation of every field."""
    def edited(detail: str):
        return e.HeaderEditedError(f"文件头{detail}", file=file)

    try:
        fields = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):        # UnicodeDecodeError is a ValueError
        raise edited("不是有效的文字") from None
    if not isinstance(fields, dict) or canonical_json(fields).encode("utf-8") != raw:
        raise edited("的写法被改动")
    check = fields.pop("header_check", None)
    if not isinstance(check, str) or check != _header_check(fields):
        raise edited("的校验码不符")
    fmt = fields.get("format")
    if type(fmt) is int and fmt > PACKAGE_FORMAT:
        raise e.NewerPackageError(f"同步包格式 {fmt}", file=file)
    if type(fmt) is not int or fmt != PACKAGE_FORMAT or set(fields) | {"header_check"} != _HEADER_KEYS:
        raise edited("的项目不对")

    def text(key, pattern=None, max_len=200, may_be_empty=False):
        value = fields[key]
        if not isinstance(value, str) or not (value or may_be_empty) or len(value) > max_len:
            raise edited(f"的 {key} 不对")
        if pattern is not None and not pattern.fullmatch(value):
            raise edited(f"的 {key} 不对")
        return value

    def integer(value, key):
        if type(value) is not int:
            raise edited(f"的 {key} 不对")
        return value

    def raw_bytes(key, length):
        try:
            value = base64.b64decode(text(key), validate=True)
        except ValueError:
            raise edited(f"的 {key} 不对") from None
        if len(value) != length:
            raise edited(f"的 {key} 不对")
        return value

    kind = text("kind")
    if kind not in KINDS:
        raise edited("的种类不对")
    if fields["cipher"] != "AES-256-GCM-chunked" or fields["compression"] != "zlib":
        raise e.NewerPackageError(f"加密方式 {fields['cipher']}/{fields['compression']}", file=file)
    hint = fields["recipient_hint"]
    if hint is not None:
        text("recipient_hint", _TOKEN)
    covers_in = fields["covers"]
    if not isinstance(covers_in, dict):
        raise edited("的 covers 不对")
    covers = {}
    for site, span in covers_in.items():
        if (not _TOKEN.fullmatch(site) or not isinstance(span, list) or len(span) != 2 or any(type(n) is not int for n in span)
                or not 1 <= span[0] <= span[1]):
            raise edited("的 covers 不对")
        covers[site] = (span[0], span[1])
    kdf = fields["kdf"]
    if not isinstance(kdf, dict) or not isinstance(kdf.get("name"), str):
        raise edited("的 kdf 不对")
    chunk_size = integer(fields["chunk_size"], "chunk_size")
    if not 4096 <= chunk_size <= 16 << 20:
        raise edited("的 chunk_size 不对")
    return PackageHeader(
        package_id=text("package_id", _UUID), kind=kind,
        community_id=text("community_id", _TOKEN), sender_site_id=text("sender_site_id", _TOKEN),
        sender_code=text("sender_code", max_len=40), sender_name=text("sender_name", may_be_empty=True),
        created_wall=text("created_wall", max_len=40), app_version=text("app_version", max_len=40),
        change_format=integer(fields["change_format"], "change_format"), recipient_hint=hint,
        covers=covers, kdf=kdf, key_id=text("key_id", _TOKEN, 64),
        key_check=raw_bytes("key_check", 8), chunk_size=chunk_size,
        nonce_prefix=raw_bytes("nonce_prefix", 8), raw=raw)


def check_kdf(kdf: dict, file: str = "") -> None:
    """Refuse KDF parameters weaker than this program writes (a downgraded header) or so large
    that deriving the key would exhaust the machine."""
    limits = _LIMITS.get(kdf.get("name"))
    if limits is None:
        raise e.NewerPackageError(f"密钥算法 {kdf.get('name')}", file=file)
    if kdf["name"] == "argon2id" and Argon2id is None:  # pragma: no cover
        raise e.NewerPackageError("密钥算法 argon2id", file=file)
    if set(kdf) != set(limits) | {"name", "salt"}:
        raise e.HeaderEditedError("文件头的 kdf 项目不对", file=file)
    try:
        salt = base64.b64decode(kdf["salt"], validate=True) if isinstance(kdf["salt"], str) else b""
    except ValueError:
        salt = b""
    if len(salt) < 16:
        raise e.KdfDowngradeError("盐值太短", file=file)
    for key, (low, high) in limits.items():
        value = kdf[key]
        if type(value) is not int:
            raise e.HeaderEditedError(f"文件头的 kdf.{key} 不对", file=file)
        if value < low:
            raise e.KdfDowngradeError(f"{kdf['name']} 的 {key} = {value}，至少应为 {low}", file=file)
        if value > high:
            raise e.NewerPackageError(f"{kdf['name']} 的 {key} = {value}", file=file)
    if kdf["name"] == "scrypt" and (kdf["n"] & (kdf["n"] - 1) or 128 * kdf["n"] * kdf["r"] > _KDF_MEMORY_CEILING):
        raise e.NewerPackageError(f"scrypt n={kdf['n']} r={kdf['r']}", file=file)


# ------------------------------------------------------------------ writing

def package_file_name(sender_code: str, kind: str, package_id: str, when: datetime | None = None) -> str:
    """``<SITECODE>_<YYYYMMDD-HHMM>_<kind>_<pkgid8>.cspkg``, ASCII only (FAT32/exFAT-safe). The
    8 hex digits are the END of the package id: a UUIDv7 begins with its clock, which repeats
    within a minute."""
    code = re.sub(r"[^A-Z0-9-]", "", sender_code.upper())[:20] or "SITE"
    when = when or datetime.now()
    tail = package_id.replace("-", "")[-8:]
    return f"{code}_{when:%Y%m%d-%H%M}_{kind}_{tail}{SUFFIX}"


def _is_menshen_payload(payload) -> bool:
    return bytes(payload[8:24]) == SQLITE_MAGIC


def write_package(path: str | os.PathLike, *, package_id: str, kind: str, community_id: str,
                  sender_site_id: str, sender_code: str, sender_name: str, app_version: str,
                  change_format: int, payload, passphrase: str,
                  recipient_hint: str | None = None, key_id: str = "1", covers: dict | None = None,
                  created_wall: datetime | None = None, chunk_size: int = CHUNK_SIZE,
                  kdf: dict | None = None, cancelled=lambda: False, read_back=lambda done: None,
                  where=None) -> PackageHeader:
    """Write a package to ``path``: to ``path.part`` first, flushed and fsync'ed, renamed, then
    read back and fully verified. Returns only when the file on the stick is known good (then
    the stick is safe to remove). ``cancelled()`` is asked between the chunks read back (as long
    as the write): once true, the file is removed and WriteCancelled raised (a payload given as
    pieces stops the write itself by raising from its iterator: the ``.part`` is removed);
    ``read_back(n)`` is told 0 as the read-back begins and after each piece the payload's bytes
    read back so far, for a progress bar. ``payload`` is bytes, or an iterable of bytes (the parts of
    ``payload.iter_payload``: then only one part is in memory at a time, and ``covers`` must be
    given, since the header goes first). ``covers`` comes from a bytes payload's manifest
    unless given. Raises StickWriteError (disk full, stick pulled, read-only) or
    WriteVerifyError, worded for ``where`` (the folder's words, a drives.Place judged before the
    write; None: judged at the failure); ValueError when the header would not announce the
    payload it carries."""
    path = Path(path)
    where = path.parent if where is None else where
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}")
    if path.exists():
        raise FileExistsError(path)
    stated = None
    if isinstance(payload, (bytes, bytearray, memoryview)):
        if _is_menshen_payload(payload):
            # The header must announce the payload it carries, or every reader would refuse it:
            # catch an exporter's slip here, before anything reaches the stick.
            manifest = manifest_of(payload)
            covers = manifest["covers"] if covers is None else covers
            _check_announced(manifest, package_id, kind, covers)
        elif covers is None:
            raise ValueError("covers must be given for a payload that is not a Menshen payload")
        pieces = [payload]
    else:
        if covers is None:
            raise ValueError("covers must be given for a payload written as it is made")
        pieces, stated = payload, (package_id, kind, covers)
    kdf = kdf or default_kdf()
    master = derive_master_key(passphrase, kdf)
    fields = {
        "format": PACKAGE_FORMAT, "package_id": package_id, "kind": kind,
        "community_id": community_id, "sender_site_id": sender_site_id,
        "sender_code": sender_code, "sender_name": sender_name,
        "created_wall": (created_wall or datetime.now(timezone.utc)).astimezone(timezone.utc)
        .strftime("%Y-%m-%dT%H:%M:%SZ"),
        "app_version": app_version, "change_format": change_format,
        "recipient_hint": recipient_hint,
        "covers": {site: [int(lo), int(hi)] for site, (lo, hi) in sorted(covers.items())},
        "kdf": kdf, "key_id": key_id, "key_check": _b64(key_check_of(master)),
        "cipher": "AES-256-GCM-chunked", "chunk_size": chunk_size,
        "nonce_prefix": _b64(secrets.token_bytes(8)), "compression": "zlib",
    }
    fields["header_check"] = _header_check(fields)
    raw = canonical_json(fields).encode("utf-8")
    header = _parse_header(raw, path.name)      # the writer obeys its own reader's rules
    part = path.with_name(path.name + PART_SUFFIX)
    try:
        with open(part, "wb") as f:
            f.write(MAGIC + len(raw).to_bytes(4, "big") + raw)
            written, last_piece = _write_body(f, header, _hkdf(master, b"csync enc v1"), pieces)
            if stated is not None and _is_menshen_payload(last_piece):
                _check_announced(manifest_of_part(bytes(last_piece[8:])), *stated)
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
        fsync_path(path.parent)      # the rename itself must reach the stick
    except OSError as err:
        _remove_quietly(part)
        raise e.StickWriteError(os_reason(err), file=path.name, where=where) from err
    except BaseException:
        _remove_quietly(part)
        raise
    _forget_cached_pages(path)
    try:
        read_back(0)        # begun: the first piece comes only once a whole chunk is read off the stick
        again = hashlib.sha256()
        with closing(package_stream(path, passphrase, community_id, max_change_format=change_format)) as back:
            done = 0
            for piece in back:
                if cancelled():
                    raise WriteCancelled(path.name)
                again.update(piece)
                done += len(piece)
                read_back(done)
        same, why = again.digest() == written, None
        detail = "" if same else "内容与写入的不同"
    except e.SyncError as err:
        same, detail, why = False, err.message, err.__cause__
    except WriteCancelled:          # not verified: no file on the stick that looks whole
        _remove_quietly(path)
        raise
    if not same:
        _remove_quietly(path)
        # A stick pulled during the read-back keeps its OSError: the caller says the stick, not bad blocks.
        raise e.WriteVerifyError(detail[:80], file=path.name, where=where) from (
            why if isinstance(why, OSError) else None)
    return header


class WriteCancelled(Exception):
    """Cancel pressed while ``write_package`` read its package back; the file is removed."""


def _check_announced(manifest: dict, package_id: str, kind: str, covers: dict) -> None:
    stated = {"package_id": package_id, "kind": kind,
              "covers": {s: [int(lo), int(hi)] for s, (lo, hi) in covers.items()}}
    wrong = [k for k, v in stated.items() if manifest.get(k) != v]
    if wrong:
        raise ValueError(f"header and payload disagree on {wrong}")


def _write_body(f, header: PackageHeader, enc_key: bytes, pieces) -> tuple[bytes, bytes]:
    """Compress, cut, seal and write the payload pieces; returns the payload's SHA-256 and the
    last piece (the summary part of a Menshen payload)."""
    aead = AESGCM(enc_key)
    header_hash, size = header.aad_hash, header.chunk_size
    compressor = zlib.compressobj(COMPRESSION_LEVEL)
    digest = hashlib.sha256()
    pending = bytearray()
    index = 0
    last_piece = b""

    def emit(chunk: bytes, last: bool) -> None:
        nonlocal index
        sealed = _seal_chunk(aead, _nonce(header.nonce_prefix, index), chunk, _aad(header_hash, index, last))
        f.write(len(sealed).to_bytes(4, "big"))
        f.write(sealed)
        index += 1

    for piece in pieces:
        last_piece = piece
        view = memoryview(piece)
        digest.update(view)
        for start in range(0, len(view), 4 << 20):
            pending += compressor.compress(view[start:start + (4 << 20)])
            while len(pending) > size:
                emit(bytes(pending[:size]), False)
                del pending[:size]
    pending += compressor.flush()
    while len(pending) > size:
        emit(bytes(pending[:size]), False)
        del pending[:size]
    emit(bytes(pending), True)       # the last chunk, possibly empty, carries the flag
    return digest.digest(), last_piece


def _forget_cached_pages(path: Path) -> None:
    """Drop the file's pages from the OS cache so the read-back comes from the stick itself, not
    from memory (Linux; elsewhere the read-back may be served from the cache, which still
    proves the data reached the operating system whole)."""
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def gone_after_all(path: Path) -> bool:
    """After a read-back the stick cut short (``WriteVerifyError`` with an OSError as its cause):
    the file ``write_package`` wrote is whole (renamed only once flushed) but unchecked, and its
    removal may not have reached a stick that went away. Removed once more if it can be; True when
    it is gone, False when it may still be on the stick (its folder cannot be seen: pulled out)."""
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        try:
            return path.parent.is_dir()         # its folder is there: the file is gone; else the stick is
        except OSError:
            return False
    except OSError:
        return False


# ------------------------------------------------------------------ reading

def _read_bytes(path: Path, limit: int, header_only: bool = False) -> bytes:
    """The file's bytes (or just enough for the header), at most ``limit``; a stick pulled
    during the read becomes StickReadError."""
    try:
        with open(path, "rb") as f:
            if header_only:
                head = f.read(12)
                if len(head) == 12 and head[:8] == MAGIC:
                    size = int.from_bytes(head[8:12], "big")
                    return head + f.read(min(size, MAX_HEADER_BYTES + 1))
                return head
            blocks, total = [], 0
            while block := f.read(1 << 20):
                blocks.append(block)
                total += len(block)
                if total > limit:
                    raise e.PackageTooLargeError(f"超过 {limit >> 20} MB", file=path.name)
            return b"".join(blocks)
    except OSError as err:
        raise e.StickReadError(os_reason(err), file=path.name, where=path.parent) from err


def _split_header(data: bytes, file: str) -> tuple[bytes, int]:
    if len(data) < len(MAGIC) or data[:len(MAGIC)] != MAGIC:
        if data[:len(_MAGIC_STEM)] == _MAGIC_STEM and data[7:8].isdigit():
            raise e.NewerPackageError(f"文件格式 {data[7:8].decode()}", file=file)
        if len(data) < len(MAGIC) and MAGIC.startswith(data) and data:
            raise e.TruncatedPackageError("只有文件开头", file=file)
        raise e.NotAPackageError(file=file)
    if len(data) < 12:
        raise e.TruncatedPackageError("文件头不全", file=file)
    size = int.from_bytes(data[8:12], "big")
    if size > MAX_HEADER_BYTES or size < 2:
        raise e.HeaderEditedError("文件头长度不对", file=file)
    if len(data) < 12 + size:
        raise e.TruncatedPackageError("文件头不全", file=file)
    return data[12:12 + size], 12 + size


def peek_header(path: str | os.PathLike) -> PackageHeader:
    """The header alone, NOT authenticated (anyone with the stick could edit it): for listing
    and choosing, never for trusting. Raises the same refusals as read_package for the header."""
    path = Path(path)
    data = _read_bytes(path, MAX_HEADER_BYTES + 12, header_only=True)
    raw, _ = _split_header(data, path.name)
    return _parse_header(raw, path.name)


def _opened(path: Path, passphrase: str, expected_community: str, max_change_format: int,
            max_file_bytes: int) -> tuple[PackageHeader, AESGCM, int]:
    """Steps 1-3: the header read, checked and its key derived; (header, aead, body offset)."""
    name = path.name
    if name.endswith(PART_SUFFIX):
        raise e.TruncatedPackageError("这是没有写完的 .part 文件", file=name)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise e.StickReadError(os_reason(err), file=name, where=path.parent) from err
    if size > max_file_bytes:
        raise e.PackageTooLargeError(f"超过 {max_file_bytes >> 20} MB", file=name)
    data = _read_bytes(path, MAX_HEADER_BYTES + 12, header_only=True)
    raw, pos = _split_header(data, name)
    header = _parse_header(raw, name)
    if header.change_format > max_change_format:
        raise e.NewerPackageError(f"更改格式 {header.change_format}", file=name)
    if header.community_id != expected_community:
        raise e.OtherCommunityError(machine_name(header.sender_name, header.sender_code), file=name,
                                    where=path.parent)
    check_kdf(header.kdf, name)
    master = derive_master_key(passphrase, header.kdf)
    if not secrets.compare_digest(key_check_of(master), header.key_check):
        raise e.WrongPassphraseError(file=name)
    return header, AESGCM(_hkdf(master, b"csync enc v1")), pos


def _body(path: Path, pos: int, header: PackageHeader, aead: AESGCM, cap: int, decompress: bool):
    """Step 4 as a stream: every chunk read from the file, authenticated in order and (with
    ``decompress``) inflated; yields the payload's pieces. A failing chunk is diagnosed from the
    whole file (the failure path only)."""
    name = path.name
    header_hash, size = header.aad_hash, header.chunk_size
    decompressor = zlib.decompressobj()
    total, index = 0, 0
    try:
        f = open(path, "rb")
    except OSError as err:
        raise e.StickReadError(os_reason(err), file=name, where=path.parent) from err
    with f:
        try:
            end = path.stat().st_size
            f.read(pos)                 # past the header (read, not seek: any file object)
        except OSError as err:
            raise e.StickReadError(os_reason(err), file=name, where=path.parent) from err

        def read(n: int) -> bytes:
            try:
                return f.read(n)
            except OSError as err:
                raise e.StickReadError(os_reason(err), file=name, where=path.parent) from err

        while True:
            if pos == end:
                raise e.TruncatedPackageError("缺少最后一块", file=name)
            if pos + 4 > end:
                raise e.TruncatedPackageError(f"第 {index + 1} 块不全", file=name)
            length = int.from_bytes(read(4), "big")
            if not 16 <= length <= size + 16:
                raise e.DamagedPackageError(f"第 {index + 1} 块的长度不对", file=name)
            if pos + 4 + length > end:
                raise e.TruncatedPackageError(f"第 {index + 1} 块不全", file=name)
            sealed = read(length)
            if len(sealed) != length:
                raise e.StickReadError("读取中断", file=name, where=path.parent)
            pos += 4 + length
            last = pos == end
            try:
                chunk = aead.decrypt(_nonce(header.nonce_prefix, index), sealed, _aad(header_hash, index, last))
            except InvalidTag:
                data = _read_bytes(path, MAX_FILE_BYTES)
                raise _diagnose(data, pos, header, aead, index, sealed, last, name) from None
            if not last and len(chunk) != size:
                raise e.PayloadInvalidError(f"第 {index + 1} 块的大小不对", file=name)
            while decompress:       # the chunk inflated a PIECE_BYTES at most at a time
                limit = min(PIECE_BYTES, cap - total + 1)
                try:
                    out = decompressor.decompress(chunk, limit)
                except zlib.error:
                    raise e.PayloadInvalidError("压缩数据无法解开", file=name) from None
                total += len(out)
                if total > cap:
                    raise e.PackageTooLargeError(f"解压后超过 {cap >> 20} MB，可能是恶意构造的文件", file=name)
                if out:
                    yield out
                chunk = decompressor.unconsumed_tail
                if not chunk and len(out) < limit:      # all of it taken, nothing held back
                    break
            if last:
                break
            index += 1
    if decompress and (not decompressor.eof or decompressor.unused_data):
        raise e.PayloadInvalidError("压缩数据不完整", file=name)


def verify_package(path: str | os.PathLike, passphrase: str, expected_community: str, *,
                   max_change_format: int = CHANGE_FORMAT, max_file_bytes: int = MAX_FILE_BYTES) -> PackageHeader:
    """Steps 1-4 without keeping anything: every chunk authenticated (read from the file a
    chunk at a time). Returns the authenticated header; every refusal raises a SyncError. The
    import runs this before its transaction, so a damaged, cut or edited file is refused
    before anything is written, then reads the package again with ``package_stream``."""
    path = Path(path)
    header, aead, pos = _opened(path, passphrase, expected_community, max_change_format, max_file_bytes)
    for _ in _body(path, pos, header, aead, 0, decompress=False):
        pass
    return header


def package_stream(path: str | os.PathLike, passphrase: str, expected_community: str, *,
                   max_change_format: int = CHANGE_FORMAT, max_file_bytes: int = MAX_FILE_BYTES,
                   max_payload_bytes: int = MAX_PAYLOAD_BYTES):
    """The payload's bytes, piece by piece, each chunk authenticated before its bytes are
    given (steps 1-4 as a stream: a refusal may come after some pieces)."""
    path = Path(path)
    header, aead, pos = _opened(path, passphrase, expected_community, max_change_format, max_file_bytes)
    yield from _body(path, pos, header, aead, max_payload_bytes, decompress=True)


def read_package(path: str | os.PathLike, passphrase: str, expected_community: str, *,
                 max_change_format: int = CHANGE_FORMAT, max_file_bytes: int = MAX_FILE_BYTES,
                 max_payload_bytes: int = MAX_PAYLOAD_BYTES) -> tuple[PackageHeader, bytearray]:
    """Verify a package completely and return its header and payload bytes (a bytearray, to
    avoid a second copy of a large payload). Every refusal raises a SyncError subclass; nothing
    is returned unless every chunk authenticated and the body decompressed whole."""
    path = Path(path)
    header, aead, pos = _opened(path, passphrase, expected_community, max_change_format, max_file_bytes)
    payload = bytearray()
    for piece in _body(path, pos, header, aead, max_payload_bytes, decompress=True):
        payload += piece
    return header, payload


def _opens(aead: AESGCM, header: PackageHeader, index: int, sealed: bytes, last: bool) -> bool:
    try:
        aead.decrypt(_nonce(header.nonce_prefix, index), sealed, _aad(header.aad_hash, index, last))
        return True
    except InvalidTag:
        return False


def _diagnose(data: bytes, pos: int, header: PackageHeader, aead: AESGCM, index: int,
              sealed: bytes, last: bool, name: str) -> e.PackageError:
    """Chunk ``index`` failed: say why, for the message (each try is one GCM over ≤ 1 chunk)."""
    if _opens(aead, header, index, sealed, not last):
        if last:
            return e.TruncatedPackageError(f"在第 {index + 1} 块之后被截断", file=name)
        return e.DamagedPackageError("最后一块之后还有多余的数据", file=name)
    most = min(len(data) // header.chunk_size + 2, 4096)
    for other in range(most):
        if other != index and (_opens(aead, header, other, sealed, False)
                               or _opens(aead, header, other, sealed, True)):
            how = "重复出现" if other < index else "位置提前（中间缺块）"
            return e.ChunkOrderError(f"第 {other + 1} 块{how}在第 {index + 1} 块的位置，块的顺序被打乱",
                                     file=name)
    if index == 0 and pos < len(data):
        # The first chunk and the next both failing with the right key: the header they were
        # sealed with is not this one.
        length = int.from_bytes(data[pos:pos + 4], "big")
        following = data[pos + 4:pos + 4 + length]
        next_last = pos + 4 + length == len(data)
        if len(following) == length and not _opens(aead, header, 1, following, next_last):
            return e.HeaderEditedError("文件头与加密内容不符", file=name)
    return e.DamagedPackageError(f"第 {index + 1} 块校验失败", file=name)


def open_package(path: str | os.PathLike, passphrase: str, expected_community: str,
                 **limits) -> tuple[PackageHeader, Payload]:
    """SYNC.md 9.11 steps 1-4 in one call: read_package, then open_payload checked against the
    authenticated header. The caller closes the Payload. Keeps the whole payload in memory:
    the import reads large packages with ``verify_package`` and ``open_package_reader``."""
    header, data = read_package(path, passphrase, expected_community, **limits)
    payload = open_payload(data, header=header, file=Path(path).name)
    del data
    return header, payload


def open_package_reader(path: str | os.PathLike, passphrase: str, expected_community: str,
                        **limits) -> tuple[PackageHeader, PayloadReader]:
    """``verify_package`` (every refusal of the file itself, before anything is returned), then
    a PayloadReader over a second, streamed read of it: changes come part by part, checked as
    they come, and the manifest is checked after the last (a refusal then raises while the
    caller's transaction is open: it rolls back)."""
    header = verify_package(path, passphrase, expected_community,
                            **{k: v for k, v in limits.items() if k != "max_payload_bytes"})
    reader = PayloadReader(package_stream(path, passphrase, expected_community, **limits), header=header,
                           file=Path(path).name)
    return header, reader
