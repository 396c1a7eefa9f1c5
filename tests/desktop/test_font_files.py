"""The bundled faces' files (desktop/font_files.py, issue 18): in the built folder a face ships
packed and is unpacked once into the data folder's font cache; a new version's face replaces
the old copy; a damaged packed face or a disk that cannot take the copy leaves the program
running without that face, never with half of it."""
import lzma
import os
import threading

import pytest

from desktop import font_files

FACE = "menshen-test-face.ttf"
CONTENT = b"\x00\x01\x00\x00" + bytes(range(256)) * 4000        # a face's bytes, as far as this module cares


@pytest.fixture
def fonts(tmp_path, monkeypatch):
    folder = tmp_path / "program" / "resources" / "fonts"
    folder.mkdir(parents=True)
    monkeypatch.setattr(font_files, "FONT_DIR", folder)
    monkeypatch.setattr(font_files.tempfile, "gettempdir", lambda: str(tmp_path / "system-temp"))
    return folder


def pack(folder, content=CONTENT, name=FACE):
    (folder / (name + ".xz")).write_bytes(lzma.compress(content, preset=0))


def cache(menshen_home):
    return sorted(p.name for p in (menshen_home / "font-cache").iterdir())


def test_a_packed_face_is_unpacked_once_into_the_font_cache(fonts, menshen_home):
    pack(fonts)
    assert not font_files.ready(FACE)
    path = font_files.font_file(FACE)
    assert path.parent == menshen_home / "font-cache" and path.read_bytes() == CONTENT
    assert font_files.ready(FACE)
    written = path.stat().st_mtime_ns
    assert font_files.font_file(FACE) == path and path.stat().st_mtime_ns == written
    assert cache(menshen_home) == [path.name]                 # no temporary file left


def test_a_face_in_the_source_tree_is_used_as_it_is(fonts, menshen_home):
    (fonts / FACE).write_bytes(CONTENT)
    assert font_files.ready(FACE) and font_files.font_file(FACE) == fonts / FACE
    assert not (menshen_home / "font-cache").exists()


def test_a_missing_face_is_none(fonts):
    assert font_files.font_file("menshen-nowhere.ttf") is None


def test_a_new_version_of_a_face_replaces_the_old_copy(fonts, menshen_home):
    pack(fonts)
    old = font_files.font_file(FACE)
    pack(fonts, CONTENT[::-1])
    os.utime(fonts / (FACE + ".xz"), ns=(1, 1))               # a copied folder's time says nothing
    new = font_files.font_file(FACE)
    assert new != old and new.read_bytes() == CONTENT[::-1]
    assert cache(menshen_home) == [new.name]


def test_a_damaged_packed_face_is_refused_and_leaves_nothing(fonts, menshen_home, caplog):
    data = bytearray(lzma.compress(CONTENT, preset=0))
    data[len(data) // 2] ^= 0xFF
    (fonts / (FACE + ".xz")).write_bytes(bytes(data))
    assert font_files.font_file(FACE) is None
    assert "damaged" in caplog.text
    assert not (menshen_home / "font-cache").exists() or cache(menshen_home) == []


def test_a_data_folder_that_cannot_take_the_copy_sends_it_to_the_temporary_folder(fonts, menshen_home, tmp_path):
    pack(fonts)
    menshen_home.mkdir(parents=True, exist_ok=True)
    (menshen_home / "font-cache").write_text("a file where the folder should be")   # cannot be made
    path = font_files.font_file(FACE)
    assert path.read_bytes() == CONTENT and path.is_relative_to(tmp_path / "system-temp")
    assert font_files.ready(FACE) and font_files.font_file(FACE) == path


def test_two_threads_asking_at_once_get_one_whole_copy(fonts, menshen_home):
    pack(fonts)
    got = []
    threads = [threading.Thread(target=lambda: got.append(font_files.font_file(FACE))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(got)) == 1 and got[0].read_bytes() == CONTENT
    assert cache(menshen_home) == [got[0].name]


def test_in_memory_a_packed_face_is_whole_or_none(fonts):
    pack(fonts)
    assert font_files.font_data(FACE) == CONTENT
    (fonts / (FACE + ".xz")).write_bytes(lzma.compress(CONTENT, preset=0)[:-20])     # cut short
    assert font_files.font_data(FACE) is None
    assert font_files.font_data("menshen-nowhere.ttf") is None


def test_a_program_on_a_stick_unpacks_onto_the_machine_not_the_stick(fonts, tmp_path, monkeypatch):
    import platformdirs
    stick_data = tmp_path / "stick" / "data"
    monkeypatch.delenv("MENSHEN_HOME")
    monkeypatch.setattr(font_files, "home_dir", lambda: stick_data)
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(tmp_path / "pc" / "cache" / "Menshen"))
    pack(fonts)
    path = font_files.font_file(FACE)
    assert path.parent == tmp_path / "pc" / "cache" / "Menshen" / "fonts" and path.read_bytes() == CONTENT
    assert not (stick_data / "font-cache").exists()
    # A machine whose cache folder cannot be written: onto the stick's data folder then.
    pack(fonts, CONTENT[::-1])
    os.utime(fonts / (FACE + ".xz"), ns=(2, 2))
    (tmp_path / "pc" / "cache" / "Menshen" / "fonts").rename(tmp_path / "pc" / "moved")
    (tmp_path / "pc" / "cache" / "Menshen" / "fonts").write_text("not a folder")
    assert font_files.font_file(FACE).parent == stick_data / "font-cache"
