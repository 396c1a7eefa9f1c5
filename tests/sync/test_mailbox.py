"""The stick as a mailbox: what to import, what may be tidied away, joining a community."""
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db.sync.ids import uuid7
from desktop.sync import errors as e
from desktop.sync import mailbox as mb
from desktop.sync.envelope import PackageHeader, package_file_name

from .conftest import COMMUNITY, PASSPHRASE, SITE_A, SITE_B, make_payload, write

SITE_C = "33333333-3333-4333-8333-333333333333"


def posted(folder, *, sender=SITE_A, code="OFFICE", community=COMMUNITY, n=20):
    package_id = uuid7()
    path = folder / package_file_name(code, "incremental", package_id)
    write(path, make_payload(package_id, n), package_id, sender_site_id=sender, sender_code=code,
          community_id=community)
    return package_id, path


def test_mailbox_folder_is_ascii_with_a_chinese_readme(tmp_path):
    folder = mb.open_mailbox(tmp_path)
    assert folder.name == "menshen-sync" and folder.name.isascii()
    text = (folder / "README.txt").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "同步包".encode() in text
    assert mb.open_mailbox(tmp_path) == folder          # again: nothing breaks
    assert mb.open_mailbox(tmp_path / "other", create=False) == tmp_path / "other" / "menshen-sync"


def test_list_and_choose_what_to_import(tmp_path):
    folder = mb.open_mailbox(tmp_path)
    seen_id, _ = posted(folder)
    new_id, new_path = posted(folder, sender=SITE_B, code="GATE-1")
    own_id, _ = posted(folder, sender=SITE_C, code="GATE-2")
    foreign_id, _ = posted(folder, community="c-wangjiawan")
    (folder / (new_path.name + ".part")).write_bytes(b"CSYNCPK1 half")      # a cut-off write
    (folder / ".syncthing.x.cspkg.tmp").write_bytes(b"tmp")
    (folder / "GATE-1.sync-conflict-20261204.cspkg").write_bytes(new_path.read_bytes())
    (folder / "broken.cspkg").write_bytes(b"not a package")
    (folder / "copy of it.cspkg").write_bytes(new_path.read_bytes())        # copied twice
    packages, unreadable = mb.list_packages(folder)
    assert {p.package_id for p in packages} == {seen_id, new_id, own_id, foreign_id}
    assert [u.path.name for u in unreadable] == ["broken.cspkg"]
    assert isinstance(unreadable[0].error, e.NotAPackageError)
    chosen = mb.packages_to_import(packages, {seen_id}, COMMUNITY, own_site_id=SITE_C)
    assert [p.package_id for p in chosen] == [new_id]


def test_listing_a_stick_without_the_folder(tmp_path):
    assert mb.list_packages(tmp_path / "menshen-sync") == ([], [])


def _package(sender, covers, when, community=COMMUNITY, name=None):
    package_id = uuid7()
    header = PackageHeader(
        package_id=package_id, kind="incremental", community_id=community, sender_site_id=sender,
        sender_code=sender[:4], sender_name="", created_wall=when, app_version="0.1",
        change_format=1, recipient_hint=None, covers=covers, kdf={}, key_id="1",
        key_check=b"\0" * 8, chunk_size=4096, nonce_prefix=b"\0" * 8, raw=b"{}")
    return mb.StickPackage(Path(name or f"{package_id}.cspkg"), header)


def test_tidy_removes_what_every_machine_holds_and_keeps_the_only_copies():
    old_a = _package(SITE_A, {SITE_A: (1, 50)}, "2026-12-01T08:00:00Z")
    mid_a = _package(SITE_A, {SITE_A: (51, 90), SITE_B: (1, 10)}, "2026-12-02T08:00:00Z")
    new_a = _package(SITE_A, {SITE_A: (91, 95)}, "2026-12-03T08:00:00Z")
    old_b = _package(SITE_B, {SITE_B: (1, 30)}, "2026-12-01T09:00:00Z")
    new_b = _package(SITE_B, {SITE_B: (31, 40)}, "2026-12-03T09:00:00Z")
    foreign = _package(SITE_C, {SITE_C: (1, 5)}, "2026-11-01T00:00:00Z", community="c-other")
    knowledge = {SITE_A: {SITE_A: 95, SITE_B: 40},
                 SITE_B: {SITE_A: 60, SITE_B: 40},      # GATE-1 lacks OFFICE's 61..95
                 SITE_C: {SITE_A: 95, SITE_B: 30}}
    plan = mb.tidy_plan([old_a, mid_a, new_a, old_b, new_b, foreign], COMMUNITY, knowledge,
                        {SITE_B: "村口卡口笔记本（S2222）"})
    assert set(plan.remove) == {old_a.path, old_b.path}
    kept = dict(plan.keep)
    # the only copy GATE-1 still needs, said by its name (it read 还有电脑没有收到：2222…-…, a raw site id)
    assert kept[mid_a.path] == "还有电脑没有收到：村口卡口笔记本（S2222）" and SITE_B not in kept[mid_a.path]
    assert kept[new_b.path] == "村口卡口笔记本（S2222） 最新的同步包"
    assert "最新" in kept[new_a.path] and "最新" in kept[new_b.path]
    assert foreign.path not in plan.remove and foreign.path not in kept


def test_tidy_never_removes_changes_an_unheard_origin_sent_to_nobody_yet():
    lonely = _package(SITE_B, {SITE_B: (1, 5)}, "2026-12-01T00:00:00Z")
    newer = _package(SITE_B, {SITE_B: (6, 9)}, "2026-12-02T00:00:00Z")
    plan = mb.tidy_plan([lonely, newer], COMMUNITY, {SITE_A: {}, SITE_B: {SITE_B: 9}})
    assert plan.remove == []


def test_tidy_with_no_knowledge_removes_nothing():
    packages = [_package(SITE_A, {SITE_A: (1, 5)}, "2026-12-01T00:00:00Z"),
                _package(SITE_A, {SITE_A: (6, 9)}, "2026-12-02T00:00:00Z")]
    assert mb.tidy_plan(packages, COMMUNITY, {}).remove == []


def test_tidy_removes_a_second_copy_of_the_same_package():
    first = _package(SITE_A, {SITE_A: (1, 5)}, "2026-12-01T00:00:00Z", name="a.cspkg")
    copy = mb.StickPackage(Path("copy.cspkg"), first.header)
    plan = mb.tidy_plan([first, copy], COMMUNITY, {SITE_A: {}})
    assert len(plan.remove) == 1 and len(plan.keep) == 1


def test_stale_parts_and_removing_files(tmp_path):
    old, fresh = tmp_path / "a.cspkg.part", tmp_path / "b.cspkg.part"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    now = datetime(2026, 12, 4, 12, 0)
    os.utime(old, (0, (now - timedelta(days=2)).timestamp()))
    os.utime(fresh, (0, (now - timedelta(minutes=5)).timestamp()))
    assert mb.stale_parts(tmp_path, now) == [old]
    assert mb.remove_files([old, tmp_path / "gone.cspkg"]) == 1 and not old.exists()


def test_join_file_holds_no_passphrase_and_checks_the_typed_one(tmp_path):
    folder = mb.open_mailbox(tmp_path)
    path = mb.write_join_file(folder, community_id=COMMUNITY, community_name="幸福里社区",
                              passphrase=PASSPHRASE)
    text = path.read_text("utf-8")
    assert PASSPHRASE not in text and "门岗" not in text and "幸福里社区" in text
    [info] = mb.read_join_files(folder)
    assert (info.community_id, info.community_name) == (COMMUNITY, "幸福里社区")
    mb.join_community(info, PASSPHRASE)
    mb.join_community(info, "  幸福里  门岗 同步 口令 ")      # the same words, spaced otherwise
    with pytest.raises(e.WrongPassphraseError):
        mb.join_community(info, "幸福里 门岗 同步 口另")


def test_a_tampered_join_file_is_ignored(tmp_path):
    folder = mb.open_mailbox(tmp_path)
    path = mb.write_join_file(folder, community_id=COMMUNITY, community_name="幸福里社区",
                              passphrase=PASSPHRASE)
    path.write_text(path.read_text("utf-8").replace('"memory_kib": 65536', '"memory_kib": 8'), "utf-8")
    (folder / "join_bad.json").write_text("{", "utf-8")
    assert mb.read_join_files(folder) == []


@pytest.mark.parametrize("weak", ["123456", "password", "123456789012345", "aaaaaaaaaaaaaaaa",
                                  "a b c d", "门神口令"])
def test_weak_passphrases_are_refused(weak):
    with pytest.raises(e.WeakPassphraseError) as info:
        mb.check_passphrase_strength(weak)
    assert "至少12个字符" in info.value.message


@pytest.mark.parametrize("strong", [PASSPHRASE, "correct horse battery staple", "Xingfuli-Gate#2026"])
def test_strong_passphrases_pass(strong):
    mb.check_passphrase_strength(strong)


def test_join_file_refuses_a_weak_passphrase(tmp_path):
    with pytest.raises(e.WeakPassphraseError):
        mb.write_join_file(tmp_path, community_id=COMMUNITY, community_name="x", passphrase="123456")
    assert list(tmp_path.iterdir()) == []


def test_a_join_file_of_the_wrong_shape_is_ignored(tmp_path):
    (tmp_path / "join_x.json").write_text('{"format": 1, "kdf": "x", "community_id": 1, "community_name": "",'
                                          ' "key_id": "1", "key_check": "AAAAAAAAAAA=", "check": ""}', "utf-8")
    (tmp_path / "join_y.json").write_text("[" * 5000 + "]" * 5000, "utf-8")
    assert mb.read_join_files(tmp_path) == []


def test_post_package_names_it_and_open_package_verifies_it_whole(tmp_path):
    from desktop.sync.envelope import open_package
    folder = mb.open_mailbox(tmp_path)
    package_id = uuid7()
    path = mb.post_package(folder, sender_code="GATE-1", kind="incremental", package_id=package_id,
                           when=datetime(2026, 12, 4, 17, 30), community_id=COMMUNITY,
                           sender_site_id=SITE_B, sender_name="大门", app_version="0.1.0",
                           change_format=1, payload=make_payload(package_id, 30), passphrase=PASSPHRASE)
    assert path.name == f"GATE-1_20261204-1730_incremental_{package_id.replace('-', '')[-8:]}.cspkg"
    header, payload = open_package(path, PASSPHRASE, COMMUNITY)
    with payload:
        assert header.sender_code == "GATE-1" and payload.n_changes == 30


def test_a_package_renamed_by_hand_or_in_capitals_is_still_a_package(tmp_path):
    folder = mb.open_mailbox(tmp_path)
    package_id, path = posted(folder)
    path.rename(folder / "建设社区12月7日.CSPKG")
    packages, unreadable = mb.list_packages(folder)
    assert [p.package_id for p in packages] == [package_id] and unreadable == []


@pytest.mark.parametrize("guessed", ["abcdefghijkl", "qwertyuiopas", "lkjhgfdsapoi", "123456789012",
                                     "42010619580101001X"])
def test_a_run_along_the_keyboard_or_an_id_number_is_no_passphrase(guessed):
    # Twelve characters and six different: the length rule let each through, yet each is what
    # a guesser tries first (a hand along a row, the secretary's own ID number).
    with pytest.raises(e.WeakPassphraseError):
        mb.check_passphrase_strength(guessed)
    mb.check_passphrase_strength("xingfuli-menshen-2026")            # a real one still passes
