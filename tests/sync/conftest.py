"""Fixtures for the sync tests: real databases on one "machine" each (``machines``), synthetic
changes, one good multi-chunk package written once per session (the key derivation is the slow
part), and helpers that take a package apart."""
import hashlib
import json
import random

import pytest

from db.connection import Database
from db.sync.ids import uuid7
from desktop.sync import envelope
from desktop.sync.payload import Change, build_payload, canonical_json
from tests.conftest import new_database_file, quick_keys

PASSPHRASE = "幸福里 门岗 同步 口令"
COMMUNITY = "c-xingfuli"
SITE_A = "11111111-1111-4111-8111-111111111111"
SITE_B = "22222222-2222-4222-8222-222222222222"


# Modules that test the key's strength itself, or hand a package to another process (``menshen``,
# or test_reading's reading process: a new process reads keys at full strength only), make their
# keys at full cost; the others quickly (tests/conftest.py's quick_keys).
FULL_STRENGTH = {"test_envelope", "test_refusals", "test_mailbox", "test_exchange_cli", "test_two_processes",
                 "test_reading"}


@pytest.fixture(autouse=True)
def _keys(request):
    if request.module.__name__.rsplit(".", 1)[-1] in FULL_STRENGTH:
        yield
    else:
        with quick_keys():
            yield


@pytest.fixture
def machines(tmp_path, empty_register):
    """``machines(name)`` opens ``<name>.db`` in tmp_path with a site file of its own (another
    machine); all are closed at the end."""
    opened = {}

    def open_(name):
        path = new_database_file(empty_register, tmp_path / f"{name}.db")
        opened[name] = Database(path, config_file=tmp_path / f"{name}.json", user_name=name)
        return opened[name]
    yield open_
    for db in opened.values():
        db.close()


def file_hash(db) -> str:
    """The database file's bytes after a checkpoint: "byte for byte as before"."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def synthetic_changes(n: int, site: str = SITE_A, start_seq: int = 1, seed: int = 1):
    """Person-sized changes: a name, an ID-like number, a phone, an address, a note."""
    rnd = random.Random(seed)
    for i in range(n):
        seq = start_seq + i
        cols = canonical_json({"identity": {"full_name": "张" + chr(0x4E00 + rnd.randrange(20000)),
                                            "id_number": f"420106{rnd.randrange(10**12):012d}",
                                            "phone": f"138{rnd.randrange(10**8):08d}"},
                               "address": {"note": "幸福里" + str(rnd.randrange(1000))}})
        h = f"{rnd.getrandbits(128):032x}"
        row_id = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        hlc = (1_700_000_000_000 + i) << 16
        body = canonical_json([site, seq, hlc, "person", row_id, "patch", cols, "{}"])
        yield Change(site, seq, hlc, "person", row_id, "patch", cols, "{}",
                     hashlib.sha256(body.encode()).hexdigest(), 1, "2026-12-04T08:00:00Z", "测试员")


def on_the_wire(changes) -> list:
    """The changes as a package of payload format 2 gives them back: without their hash (the
    package's AEAD tags and digest authenticate them; the receiver makes the hash itself)."""
    return [c._replace(content_sha256=None) for c in changes]


def make_payload(package_id: str, n: int = 50, kind: str = "incremental", **extra) -> bytes:
    return build_payload({"package_id": package_id, "kind": kind, "community_id": COMMUNITY, **extra},
                         synthetic_changes(n), {SITE_A: n, SITE_B: 7}, {SITE_B: 7},
                         [(SITE_A, "OFFICE", "居委会办公室", "office"), (SITE_B, "GATE-1", "大门", "gate")])


def write(path, payload: bytes, package_id: str, **overrides):
    args = dict(package_id=package_id, kind="incremental", community_id=COMMUNITY,
                sender_site_id=SITE_A, sender_code="OFFICE", sender_name="居委会办公室",
                app_version="0.1.0", change_format=1, payload=payload, passphrase=PASSPHRASE)
    args.update(overrides)
    return envelope.write_package(path, **args)


@pytest.fixture(scope="session")
def good(tmp_path_factory):
    """A valid package of 800 changes in 4 KiB chunks (about 20 chunks): its path and bytes."""
    folder = tmp_path_factory.mktemp("good")
    package_id = uuid7()
    payload = make_payload(package_id, 800)
    path = folder / envelope.package_file_name("OFFICE", "incremental", package_id)
    header = write(path, payload, package_id, chunk_size=4096)
    return {"path": path, "bytes": path.read_bytes(), "header": header, "payload": payload}


# ------------------------------------------------------------------ taking a package apart

def split(data: bytes) -> tuple[bytes, list[bytes]]:
    """(header bytes, [each chunk with its 4-byte length])."""
    size = int.from_bytes(data[8:12], "big")
    raw, pos, chunks = data[12:12 + size], 12 + size, []
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        chunks.append(data[pos:pos + 4 + length])
        pos += 4 + length
    return raw, chunks


def join(raw: bytes, chunks: list[bytes], magic: bytes = envelope.MAGIC) -> bytes:
    return magic + len(raw).to_bytes(4, "big") + raw + b"".join(chunks)


def edit_header(data: bytes, edit, fix_check: bool = True) -> bytes:
    """The package with its header fields changed by ``edit(fields)``; with ``fix_check`` the
    header's own check is recomputed, as someone who knows the format would."""
    raw, chunks = split(data)
    fields = json.loads(raw)
    fields.pop("header_check")
    edit(fields)
    if fix_check:
        fields["header_check"] = hashlib.sha256(canonical_json(fields).encode()).hexdigest()
    else:
        fields["header_check"] = json.loads(raw)["header_check"]
    return join(canonical_json(fields).encode(), chunks)
