"""Package envelope benchmark: key derivation, encrypt/decrypt speed, the size of a package of
200,000 person-sized changes, and the peak memory of writing and reading it.

    .venv/bin/python bench/sync_envelope.py [--changes 200000] [--keep DIR]

Prints figures; asserts nothing. The payload is synthetic (random names, ID-like numbers,
phones, addresses in canonical JSON, about the size of a new person's change); the real change
log's rows will compress differently.
"""
import argparse
import hashlib
import io
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # noqa: E402
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: E402

from db.sync.ids import uuid7  # noqa: E402
from desktop.sync import envelope  # noqa: E402
from desktop.sync.payload import build_payload, canonical_json, open_payload  # noqa: E402

PASSPHRASE = "幸福里 门岗 同步 口令"
SITES = [str(uuid7()) for _ in range(5)]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def person_changes(n: int, seed: int = 7, pool_size: int = 5000):
    """n changes whose bodies come from a pool of 5,000 distinct people (3 MB: far beyond zlib's
    32 KB window, so the pool does not flatter the compression); ids, hlc and hash differ."""
    rnd = random.Random(seed)
    pool = []
    for _ in range(pool_size):
        pool.append(canonical_json({
            "identity": {"full_name": rnd.choice(SURNAMES) + "".join(chr(0x4E00 + rnd.randrange(8000))
                                                                    for _ in range(rnd.choice((1, 2)))),
                         "id_number": f"420106{rnd.randrange(1940, 2020)}{rnd.randrange(1, 13):02d}"
                                      f"{rnd.randrange(1, 29):02d}{rnd.randrange(1000):03d}{rnd.randrange(10)}",
                         "sex": rnd.choice(("M", "F")), "birth_date": f"{rnd.randrange(1940, 2020)}-05-01",
                         "ethnicity": "汉族"},
            "contact": {"phone": f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}"},
            "status": {"status": "resident", "status_note": None},
            "household": {"household_id": str(uuid7()), "relation": rnd.choice(("head", "spouse", "child"))},
            "note": {"note": rnd.choice(("", "独居", "慢性病", "外出务工", "幸福里3栋2单元"))},
            "is_deleted": {"is_deleted": 0}}))
    for i in range(n):
        site = SITES[i % len(SITES)]
        cols = pool[i % pool_size]
        seq = i // len(SITES) + 1
        row_id = str(uuid7())
        hlc = (1_764_000_000_000 + i * 37) << 16
        digest = hashlib.sha256(f"{site}{seq}{hlc}{row_id}{cols}".encode()).hexdigest()
        yield (site, seq, hlc, "person", row_id, "patch", cols, "{}", digest, 1,
               "2026-12-04T08:00:00Z", "录入员")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=200_000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="sync-envelope-"))
    folder.mkdir(parents=True, exist_ok=True)

    times = []
    for _ in range(3):
        t = time.perf_counter()
        Argon2id(salt=os.urandom(16), length=32, iterations=3, lanes=4, memory_cost=65536).derive(b"x")
        times.append(time.perf_counter() - t)
    print(f"KDF Argon2id 64 MiB t=3 p=4: median {statistics.median(times) * 1000:.0f} ms of 3")
    t = time.perf_counter()
    Scrypt(salt=os.urandom(16), length=32, n=1 << 17, r=8, p=1).derive(b"x")
    print(f"KDF scrypt n=2^17 r=8 (fallback): {(time.perf_counter() - t) * 1000:.0f} ms")

    rows = list(person_changes(args.changes))
    before = rss_mb()
    package_id = uuid7()
    t = time.perf_counter()
    payload = build_payload({"package_id": package_id, "kind": "snapshot"}, rows,
                            {s: args.changes // len(SITES) for s in SITES}, {},
                            [(s, f"S{i}", f"电脑{i}", "office") for i, s in enumerate(SITES)])
    build_s = time.perf_counter() - t
    mb = len(payload) / 2**20
    print(f"payload: {args.changes:,} changes, {mb:.1f} MB SQLite ({len(payload) / args.changes:.0f} B "
          f"a change), built in {build_s:.2f} s; RSS {before:.0f} MB with the rows in a list, "
          f"peak {rss_mb():.0f} MB after the build")
    del rows

    key = os.urandom(32)
    aead = AESGCM(key)
    view = memoryview(payload)
    t = time.perf_counter()
    for i, start in enumerate(range(0, len(view), 1 << 20)):
        aead.encrypt(i.to_bytes(12, "big"), view[start:start + (1 << 20)], b"")
    print(f"bare AES-256-GCM over the payload in 1 MiB chunks: {mb / (time.perf_counter() - t):.0f} MB/s")

    buffer = io.BytesIO()
    fields_kdf = envelope.default_kdf()
    master = envelope.derive_master_key(PASSPHRASE, fields_kdf)
    path = folder / envelope.package_file_name("OFFICE", "snapshot", package_id)
    t = time.perf_counter()
    header = envelope.write_package(path, package_id=package_id, kind="snapshot", community_id="c-bench",
                                    sender_site_id=SITES[0], sender_code="OFFICE", sender_name="办公室",
                                    app_version="0.1.0", change_format=1, payload=payload,
                                    passphrase=PASSPHRASE, kdf=fields_kdf)
    write_s = time.perf_counter() - t
    size = path.stat().st_size
    print(f"package: {size / 2**20:.1f} MB on disk ({size / args.changes:.0f} B a change, "
          f"{len(payload) / size:.1f}x smaller than the payload)")
    # Compress + encrypt alone (no disk, KDF cached), for MB/s of payload.
    t = time.perf_counter()
    envelope._write_body(buffer, header, envelope._hkdf(master, b"csync enc v1"), payload)
    enc_s = time.perf_counter() - t
    print(f"compress + encrypt: {enc_s:.2f} s = {mb / enc_s:.0f} MB/s of payload")
    print(f"write_package (KDF cached, compress, encrypt, fsync, rename, read back and verify): "
          f"{write_s:.2f} s   [peak RSS {rss_mb():.0f} MB]")
    del buffer

    t = time.perf_counter()
    got_header, got = envelope.read_package(path, PASSPHRASE, "c-bench")
    read_s = time.perf_counter() - t
    print(f"read_package (KDF cached, decrypt + decompress): {read_s:.2f} s = {mb / read_s:.0f} MB/s of payload")
    t = time.perf_counter()
    with open_payload(got, header=got_header) as p:
        open_s = time.perf_counter() - t
        n = sum(1 for _ in p.changes())
    print(f"open_payload (deserialize, integrity_check, counts, changes_sha256): {open_s:.2f} s; "
          f"{n:,} changes read back")
    print(f"peak RSS of the whole run: {rss_mb():.0f} MB (the payload alone is {mb:.0f} MB; "
          "timings are noisy: 2 cores shared with other work)")
    if not args.keep:
        path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
