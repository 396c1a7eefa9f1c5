"""Writing and reading packages: round trips, the file name, the header, and a write cut off
half-way (an exception in the chunk loop, and a real process killed) that leaves the last good
package intact and only a ``.part`` that readers ignore."""
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from db.sync.ids import uuid7
from desktop.sync import envelope
from desktop.sync import errors as e
from desktop.sync.envelope import package_file_name, peek_header, read_package
from desktop.sync.mailbox import list_packages
from desktop.sync.payload import open_payload
from tests.conftest import as_usb_stick

from .conftest import (COMMUNITY, PASSPHRASE, SITE_A, SITE_B, make_payload, on_the_wire, split, synthetic_changes,
                       write)

ROOT = Path(__file__).resolve().parents[2]


def test_round_trip_of_10000_changes(tmp_path):
    package_id = uuid7()
    payload = make_payload(package_id, 10_000, kind="snapshot")
    path = tmp_path / package_file_name("OFFICE", "snapshot", package_id)
    written = write(path, payload, package_id, kind="snapshot", recipient_hint=SITE_B)
    header, again = read_package(path, PASSPHRASE, COMMUNITY)
    assert header == written
    assert (header.package_id, header.kind, header.sender_code, header.recipient_hint) == (
        package_id, "snapshot", "OFFICE", SITE_B)
    assert header.covers == {SITE_A: (1, 10_000)}
    with open_payload(again, header=header) as p:
        assert p.n_changes == 10_000
        assert list(p.changes()) == on_the_wire(synthetic_changes(10_000))
        assert p.knowledge == {SITE_A: 10_000, SITE_B: 7} and p.assumed_base == {SITE_B: 7}


def test_the_changes_come_back_exactly(tmp_path):
    package_id = uuid7()
    payload = make_payload(package_id, 300)
    path = tmp_path / "p.cspkg"
    write(path, payload, package_id)
    header, again = read_package(path, PASSPHRASE, COMMUNITY)
    with open_payload(again, header=header) as p:
        got = list(p.changes())
    sent = on_the_wire(synthetic_changes(300))
    assert got == sent


def test_reading_twice_gives_the_same_package_id(good):
    """The "already imported" check rests on this."""
    first, _ = read_package(good["path"], PASSPHRASE, COMMUNITY)
    second, _ = read_package(good["path"], PASSPHRASE, COMMUNITY)
    assert first.package_id == second.package_id == peek_header(good["path"]).package_id


def test_plaintext_is_not_in_the_file(tmp_path):
    package_id = uuid7()
    payload = make_payload(package_id, 200)
    path = tmp_path / "p.cspkg"
    write(path, payload, package_id)
    data = path.read_bytes()
    body = data[12 + int.from_bytes(data[8:12], "big"):]
    assert b"420106" not in body and "幸福里".encode() not in body and b"person" not in body


def test_header_is_canonical_json_with_what_the_design_names(good):
    raw, chunks = split(good["bytes"])
    fields = json.loads(raw)
    assert good["bytes"][:8] == b"CSYNCPK1"
    assert json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() == raw
    assert fields["kdf"]["name"] == "argon2id" and fields["kdf"]["memory_kib"] >= 65536
    assert fields["cipher"] == "AES-256-GCM-chunked" and fields["compression"] == "zlib"
    assert fields["community_id"] == COMMUNITY and fields["change_format"] == 1
    assert PASSPHRASE.encode() not in good["bytes"]


def test_file_name_is_fat_safe_ascii():
    package_id = "0192f0a1-2b3c-7d4e-8f50-61728394a5b6"
    name = package_file_name("gate-2 幸福里", "incremental", package_id, datetime(2026, 12, 4, 9, 5))
    assert name == "GATE-2_20261204-0905_incremental_8394a5b6.cspkg"
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", package_file_name("门岗", "snapshot", package_id))


def test_scrypt_fallback_round_trip(tmp_path):
    package_id = uuid7()
    path = tmp_path / "s.cspkg"
    kdf = {**envelope.SCRYPT, "salt": "AAAAAAAAAAAAAAAAAAAAAA=="}
    write(path, make_payload(package_id), package_id, kdf=kdf)
    header, _ = read_package(path, PASSPHRASE, COMMUNITY)
    assert header.kdf["name"] == "scrypt"


def test_passphrase_typed_with_a_full_width_ime(tmp_path, good):
    """Full-width letters and spaces from a Chinese IME open the package typed half-width."""
    package_id = uuid7()
    path = tmp_path / "w.cspkg"
    write(path, make_payload(package_id), package_id, passphrase="Ｍｅｎｓｈｅｎ　2026  gate four")
    read_package(path, " Menshen 2026 gate four", COMMUNITY)


def test_request_package_without_changes(tmp_path):
    from desktop.sync.payload import build_payload
    package_id = uuid7()
    payload = build_payload({"package_id": package_id, "kind": "request"}, [], {SITE_B: 40}, {}, [])
    path = tmp_path / "r.cspkg"
    write(path, payload, package_id, kind="request", sender_site_id=SITE_B)
    header, again = read_package(path, PASSPHRASE, COMMUNITY)
    with open_payload(again, header=header) as p:
        assert header.covers == {} and p.n_changes == 0 and p.knowledge == {SITE_B: 40}


def _previous(tmp_path):
    package_id = uuid7()
    path = tmp_path / package_file_name("OFFICE", "incremental", package_id)
    write(path, make_payload(package_id), package_id)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_write_that_fails_in_the_chunk_loop_leaves_the_last_good_package(tmp_path, monkeypatch):
    previous, digest = _previous(tmp_path)
    real, sealed = envelope._seal_chunk, []

    def failing(*args):
        if len(sealed) == 3:
            raise OSError(28, "No space left on device")
        sealed.append(1)
        return real(*args)
    monkeypatch.setattr(envelope, "_seal_chunk", failing)
    package_id = uuid7()
    target = tmp_path / package_file_name("OFFICE", "incremental", package_id)
    with pytest.raises(e.StickWriteError) as info:
        write(target, make_payload(package_id, 2000), package_id, chunk_size=4096)
    assert "磁盘空间已满" in info.value.message and "没有改动" in info.value.message
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [previous.name]   # its .part was removed
    assert hashlib.sha256(previous.read_bytes()).hexdigest() == digest
    read_package(previous, PASSPHRASE, COMMUNITY)


_KILLED_WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from desktop.sync import envelope
    real, count = envelope._seal_chunk, [0]
    def slow(*args):
        count[0] += 1
        if count[0] == 4:
            print("half-way", flush=True)
            time.sleep(120)
        return real(*args)
    envelope._seal_chunk = slow
    sys.path.insert(0, {tests!r})
    from conftest import make_payload, write
    write({target!r}, make_payload({package_id!r}, 2000), {package_id!r}, chunk_size=4096)
""")


def test_a_writer_killed_half_way_leaves_only_a_part(tmp_path):
    previous, digest = _previous(tmp_path)
    package_id = uuid7()
    target = tmp_path / package_file_name("GATE-1", "incremental", package_id)
    script = _KILLED_WRITER.format(root=str(ROOT), tests=str(ROOT / "tests" / "sync"),
                                   target=str(target), package_id=package_id)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "half-way"
        proc.kill()                     # SIGKILL / TerminateProcess: no clean-up runs
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
    part = target.with_name(target.name + ".part")
    assert part.exists() and not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([previous.name, part.name])
    packages, unreadable = list_packages(tmp_path)
    assert [p.path for p in packages] == [previous] and unreadable == []
    assert hashlib.sha256(previous.read_bytes()).hexdigest() == digest
    read_package(previous, PASSPHRASE, COMMUNITY)
    with pytest.raises(e.TruncatedPackageError):             # forced: refused
        read_package(part, PASSPHRASE, COMMUNITY)
    renamed = tmp_path / "forced.cspkg"
    part.rename(renamed)
    with pytest.raises(e.TruncatedPackageError):
        read_package(renamed, PASSPHRASE, COMMUNITY)


def test_read_back_catches_a_stick_that_corrupts_what_it_stores(tmp_path, monkeypatch):
    """A cheap stick acknowledges the write and stores something else: the read-back refuses,
    the bad file is removed, and the stick is not called safe to remove."""
    real_replace = os.replace

    def corrupting(src, dst):
        real_replace(src, dst)
        data = bytearray(Path(dst).read_bytes())
        data[-40] ^= 0xFF
        Path(dst).write_bytes(bytes(data))
    monkeypatch.setattr(envelope.os, "replace", corrupting)
    package_id = uuid7()
    target = tmp_path / "p.cspkg"
    as_usb_stick(monkeypatch, tmp_path)
    with pytest.raises(e.WriteVerifyError) as info:
        write(target, make_payload(package_id), package_id)
    assert "换一个U盘" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_never_overwrites_an_existing_package(good):
    with pytest.raises(FileExistsError):
        write(good["path"], good["payload"], good["header"].package_id)
