"""Every way a package is refused (SYNC.md 10.3): the reader returns nothing and raises the
error that names what is wrong, with a Chinese message that says what to do."""
import errno
import io
import tracemalloc
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.sync.ids import uuid7
from desktop.sync import envelope
from desktop.sync import errors as e
from desktop.sync.envelope import read_package
from desktop.sync.payload import open_payload

from tests.conftest import as_usb_stick

from .conftest import COMMUNITY, PASSPHRASE, SITE_A, edit_header, join, make_payload, split, write


def refused(tmp_path, data: bytes, error, name="x.cspkg", **kw):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_package(path, kw.pop("passphrase", PASSPHRASE), kw.pop("community", COMMUNITY), **kw)
    message = info.value.message
    assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert str(info.value).startswith(name)          # the message names the file
    return info.value


def test_the_good_package_reads(good):
    header, payload = read_package(good["path"], PASSPHRASE, COMMUNITY)
    assert bytes(payload) == good["payload"] and header.package_id == good["header"].package_id
    assert len(split(good["bytes"])[1]) >= 10        # the refusals below act on many chunks


def test_another_community(tmp_path, good, monkeypatch):
    err = refused(tmp_path, good["bytes"], e.OtherCommunityError, community="c-wangjiawan")
    assert "另一个社区" in err.message and "居委会办公室" in err.message
    assert "请确认选的是本社区的同步文件夹" in err.message and "U盘" not in err.message   # a folder on the disk
    as_usb_stick(monkeypatch, tmp_path)
    err = refused(tmp_path, good["bytes"], e.OtherCommunityError, community="c-wangjiawan")
    assert "请确认插的是本社区的U盘" in err.message


def test_wrong_passphrase(tmp_path, good):
    err = refused(tmp_path, good["bytes"], e.WrongPassphraseError, passphrase="幸福里 门岗 同步 口今")
    assert "口令不对" in err.message


@pytest.mark.parametrize("where", ["magic", "header", "mid-chunk", "chunk boundary", "before last"])
def test_truncated(tmp_path, good, where):
    data = good["bytes"]
    raw, chunks = split(data)
    cut = {"magic": 5, "header": 12 + len(raw) // 2,
           "mid-chunk": 12 + len(raw) + len(chunks[0]) + 100,
           "chunk boundary": 12 + len(raw) + sum(map(len, chunks[:3])),
           "before last": len(data) - len(chunks[-1])}[where]
    err = refused(tmp_path, data[:cut], e.TruncatedPackageError)
    assert "不完整" in err.message and "重新导出" in err.message


def test_bit_flipped_in_a_chunk(tmp_path, good):
    raw, chunks = split(good["bytes"])
    bad = bytearray(chunks[4])
    bad[100] ^= 0x08
    err = refused(tmp_path, join(raw, chunks[:4] + [bytes(bad)] + chunks[5:]), e.DamagedPackageError)
    assert type(err) is e.DamagedPackageError and "第 5 块" in err.message


@pytest.mark.parametrize("how", ["swapped", "duplicated", "dropped"])
def test_chunks_out_of_order(tmp_path, good, how):
    raw, chunks = split(good["bytes"])
    changed = {"swapped": chunks[:2] + [chunks[3], chunks[2]] + chunks[4:],
               "duplicated": chunks[:3] + [chunks[2]] + chunks[3:],
               "dropped": chunks[:2] + chunks[3:]}[how]
    err = refused(tmp_path, join(raw, changed), e.ChunkOrderError)
    assert "顺序" in err.message


def test_last_chunk_moved_earlier_or_garbage_appended(tmp_path, good):
    raw, chunks = split(good["bytes"])
    refused(tmp_path, join(raw, chunks + [b"\0\0\0\x20" + b"x" * 32]), e.DamagedPackageError)
    refused(tmp_path, good["bytes"] + b"\n", e.DamagedPackageError)


def test_header_edited_without_its_check(tmp_path, good):
    data = edit_header(good["bytes"], lambda f: f.update(kind="snapshot"), fix_check=False)
    err = refused(tmp_path, data, e.HeaderEditedError)
    assert "文件头" in err.message


@pytest.mark.parametrize("edit", [
    lambda f: f.update(kind="snapshot"),
    lambda f: f.update(sender_name="街道办"),
    lambda f: f.update(covers={}),
    lambda f: f.update(recipient_hint="33333333-3333-4333-8333-333333333333"),
], ids=["kind", "sender", "covers", "recipient"])
def test_header_edited_with_its_check_recomputed(tmp_path, good, edit):
    """Someone who knows the format fixes the header's own check: the chunks' tags, which cover
    the header's hash, still fail."""
    refused(tmp_path, edit_header(good["bytes"], edit), e.HeaderEditedError)


def test_kdf_downgraded(tmp_path, good):
    def weaker(fields):
        fields["kdf"] = {**fields["kdf"], "memory_kib": 1024, "iterations": 1}
    err = refused(tmp_path, edit_header(good["bytes"], weaker), e.KdfDowngradeError)
    assert "最低强度" in err.message
    scrypt = {"name": "scrypt", "salt": good["header"].kdf["salt"], "n": 1 << 10, "r": 8, "p": 1}
    refused(tmp_path, edit_header(good["bytes"], lambda f: f.update(kdf=scrypt)), e.KdfDowngradeError)


def test_kdf_so_costly_it_would_exhaust_the_machine(tmp_path, good):
    def huge(fields):
        fields["kdf"] = {**fields["kdf"], "memory_kib": 64 << 20}
    refused(tmp_path, edit_header(good["bytes"], huge), e.NewerPackageError)


@pytest.mark.parametrize("newer", ["magic", "format", "change format"])
def test_package_from_a_newer_program(tmp_path, good, newer):
    raw, chunks = split(good["bytes"])
    if newer == "magic":
        data = join(raw, chunks, magic=b"CSYNCPK2")
    elif newer == "format":
        data = edit_header(good["bytes"], lambda f: f.update(format=envelope.PACKAGE_FORMAT + 1))
    else:
        package_id = uuid7()
        path = tmp_path / "newer.cspkg"
        write(path, make_payload(package_id), package_id, change_format=envelope.CHANGE_FORMAT + 1)
        data = path.read_bytes()
    err = refused(tmp_path, data, e.NewerPackageError)
    assert "升级" in err.message


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 an xlsx", b"SQLite format 3\x00" + bytes(100),
                                     "户籍台账".encode() * 50])
def test_not_a_package(tmp_path, content):
    refused(tmp_path, content, e.NotAPackageError)


def test_a_part_file_is_refused_even_when_forced(tmp_path, good):
    refused(tmp_path, good["bytes"], e.TruncatedPackageError, name="x.cspkg.part")


class _PulledStick(io.RawIOBase):
    """A file whose stick is pulled out after the first megabyte."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.pos >= 1 << 20:
            raise OSError(errno.EIO, "Input/output error")
        n = min(len(buffer), len(self.data) - self.pos, (1 << 20) - self.pos)
        buffer[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n


def test_stick_pulled_mid_read(tmp_path, good, monkeypatch):
    big = good["bytes"] + bytes(3 << 20)
    monkeypatch.setattr(envelope, "open", lambda path, mode: io.BufferedReader(_PulledStick(big)),
                        raising=False)
    as_usb_stick(monkeypatch, tmp_path)
    err = refused(tmp_path, big, e.StickReadError)
    assert "U盘" in err.message and "读写出错" in err.message and "Input/output" not in err.message


def test_stick_gone_before_the_read(tmp_path):
    with pytest.raises(e.StickReadError):
        read_package(tmp_path / "gone.cspkg", PASSPHRASE, COMMUNITY)


def test_file_larger_than_the_cap(tmp_path, good):
    refused(tmp_path, good["bytes"], e.PackageTooLargeError, max_file_bytes=len(good["bytes"]) // 2)


def test_zlib_bomb_is_refused_without_inflating_it(tmp_path):
    """64 MB of zeros compress to 64 KB; with a 4 MB cap the reader stops at 4 MB."""
    path = tmp_path / "bomb.cspkg"
    package_id = uuid7()
    write(path, bytes(64 << 20), package_id, covers={})
    tracemalloc.start()
    try:
        with pytest.raises(e.PackageTooLargeError) as info:
            read_package(path, PASSPHRASE, COMMUNITY, max_payload_bytes=4 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "解压后超过" in info.value.message
    assert peak < 16 << 20


def test_valid_crypto_inconsistent_payload(tmp_path, monkeypatch):
    """Someone with the passphrase (or a faulty sender) puts another package's payload, or no
    database at all, under a header: the payload check refuses it."""
    package_id = uuid7()
    path = tmp_path / "a.cspkg"
    other = make_payload(uuid7())                           # its manifest names another package
    with pytest.raises(ValueError, match="package_id"):    # our own writer will not do it …
        write(path, other, package_id)
    claimed = {"package_id": package_id, "kind": "incremental", "covers": {SITE_A: [1, 50]}}
    monkeypatch.setattr(envelope, "manifest_of", lambda data: claimed)     # … a forger's would
    write(path, other, package_id)
    header, payload = read_package(path, PASSPHRASE, COMMUNITY)
    with pytest.raises(e.PayloadInvalidError, match="package_id"):
        open_payload(payload, header=header)
    with pytest.raises(e.PayloadInvalidError, match="package_id"):
        envelope.open_package(path, PASSPHRASE, COMMUNITY)
    path2 = tmp_path / "b.cspkg"
    write(path2, b"not a database" * 100, package_id, covers={})
    header, payload = read_package(path2, PASSPHRASE, COMMUNITY)
    with pytest.raises(e.PayloadInvalidError):
        open_payload(payload, header=header)


def test_compressed_stream_cut_inside_a_valid_package(tmp_path, monkeypatch):
    """The sealed body is not a whole zlib stream (a faulty writer): refused, not half-read."""
    real = zlib.compressobj

    class Cut:
        def __init__(self, level):
            self.inner = real(level)

        def compress(self, data):
            return self.inner.compress(data)

        def flush(self):
            return self.inner.flush()[:-6]
    monkeypatch.setattr(envelope.zlib, "compressobj", Cut)
    package_id = uuid7()
    with pytest.raises(e.WriteVerifyError, match="压缩数据不完整"):
        write(tmp_path / "c.cspkg", make_payload(package_id), package_id)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ random damage

_SETTINGS = settings(max_examples=200, derandomize=True, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_refused(path, data):
    path.write_bytes(data)
    with pytest.raises(e.PackageError):
        read_package(path, PASSPHRASE, COMMUNITY)


@_SETTINGS
@given(st.data())
def test_random_bit_flips_are_refused(good, tmp_path_factory, data):
    original = good["bytes"]
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(original) - 1), label="byte")
        damaged[at] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    if bytes(damaged) == original:
        return
    _read_refused(tmp_path_factory.mktemp("flip") / "p.cspkg", bytes(damaged))


@_SETTINGS
@given(cut=st.integers(0, 10**9), garbage=st.binary(max_size=40))
def test_random_truncations_and_appendages_are_refused(good, tmp_path_factory, cut, garbage):
    original = good["bytes"]
    data = original[:cut % len(original)] + garbage
    if data == original:
        return
    _read_refused(tmp_path_factory.mktemp("cut") / "p.cspkg", data)


@settings(max_examples=60, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["kind", "sender_code", "sender_name", "created_wall", "app_version",
                              "key_id", "nonce_prefix", "chunk_size", "covers", "package_id"]),
       seed=st.integers(0, 1000))
def test_random_header_edits_with_the_check_recomputed_are_refused(good, tmp_path_factory, field, seed):
    values = {"kind": ["snapshot", "request"], "sender_code": ["GATE-9", "X"],
              "sender_name": ["街道办", ""], "created_wall": ["2020-01-01T00:00:00Z"],
              "app_version": ["9.9.9"], "key_id": ["2025-B"], "nonce_prefix": ["AAAAAAAAAAA="],
              "chunk_size": [8192, 1 << 20], "covers": [{}, {"x": [1, 2]}],
              "package_id": [uuid7()]}[field]
    data = edit_header(good["bytes"], lambda f: f.update({field: values[seed % len(values)]}))
    _read_refused(tmp_path_factory.mktemp("hdr") / "p.cspkg", data)


def test_a_deeply_nested_header_is_refused_not_a_crash(tmp_path):
    raw = b"[" * 30000 + b"]" * 30000
    refused(tmp_path, join(raw, []), e.HeaderEditedError)


def test_a_header_number_written_as_a_fraction_is_refused(tmp_path, good):
    refused(tmp_path, edit_header(good["bytes"], lambda f: f.update(format=1.0)), e.HeaderEditedError)


def test_a_program_without_argon2id_writes_scrypt_and_says_so_for_argon2id(tmp_path, good, monkeypatch):
    monkeypatch.setattr(envelope, "Argon2id", None)
    assert envelope.default_kdf()["name"] == "scrypt"
    envelope._MASTER_CACHE.clear()
    err = refused(tmp_path, good["bytes"], e.NewerPackageError)
    assert "argon2id" in err.message


@_SETTINGS
@given(st.data())
def test_random_chunk_drops_repeats_and_swaps_are_refused(good, tmp_path_factory, data):
    raw, chunks = split(good["bytes"])
    changed = list(chunks)
    for _ in range(data.draw(st.integers(1, 3), label="operations")):
        op = data.draw(st.sampled_from(["drop", "repeat", "swap"]), label="op")
        i = data.draw(st.integers(0, len(changed) - 1), label="i")
        j = data.draw(st.integers(0, len(changed) - 1), label="j")
        if op == "drop" and len(changed) > 1:
            del changed[i]
        elif op == "repeat":
            changed.insert(j, changed[i])
        else:
            changed[i], changed[j] = changed[j], changed[i]
    if changed == chunks:
        return
    _read_refused(tmp_path_factory.mktemp("chunks") / "p.cspkg", join(raw, changed))


def test_a_payload_of_zeros_is_read_back_a_mebibyte_at_a_time(tmp_path, quick_kdf):
    """Closing note: a chunk inflated whole was one piece: a register's emptied pages (zeros, about
    1000:1) made hundreds of MB of one piece at a backup's read-back and its restore, which
    otherwise go a chunk at a time. A piece is now 1 MiB at most (PIECE_BYTES), and the payload
    comes back whole."""
    path = tmp_path / "zeros.cspkg"
    write(path, bytes(16 << 20), uuid7(), covers={})
    tracemalloc.start()
    try:
        sizes = [len(piece) for piece in envelope.package_stream(path, PASSPHRASE, COMMUNITY)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(sizes) == 16 << 20 and max(sizes) <= 1 << 20, sizes
    assert peak < 8 << 20, peak
