"""Portable mode (issue 18, point 2): a ``portable`` marker beside the program keeps the data
folder beside it, so program and data live on a stick; a copied folder is told from the
original as a copied database is (a new site id, the machine's own choices asked again)."""
import shutil

import pytest

import desktop.app as app_module
from desktop.app import home_dir, open_app
from desktop.machine import machine_setting, set_machine_setting


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A program folder on a stick, found the way the frozen program finds its own."""
    folder = tmp_path / "U盘" / "menshen"
    folder.mkdir(parents=True)
    monkeypatch.delenv("MENSHEN_HOME")
    monkeypatch.setattr(app_module, "program_dir", lambda: folder)
    return folder


def _open_and_close(**settings):
    app = open_app()
    try:
        for key, value in settings.items():
            set_machine_setting(app.db, key, value)
        return app.db.path, app.db.site, {"gate": machine_setting(app.db, "gate")}
    finally:
        app.close()


@pytest.mark.parametrize("marker", ["portable", "portable.txt"])
def test_a_marker_keeps_the_data_beside_the_program(stick, marker):
    (stick / marker).write_text("")
    assert home_dir() == stick / "data"
    path, site, _ = _open_and_close()
    assert path == stick / "data" / "menshen.db"
    assert (stick / "data" / "site.json").exists()


def test_without_a_marker_the_data_is_not_on_the_stick(stick):
    assert home_dir() != stick / "data"
    assert not str(home_dir()).startswith(str(stick))


def test_the_same_stick_opened_again_is_the_same_site(stick):
    (stick / "portable").write_text("")
    _, first, _ = _open_and_close(gate="幸福里东门")
    _, again, mine = _open_and_close()
    assert again.site_id == first.site_id and again.minted_because == ""
    assert mine["gate"] == "幸福里东门"


def test_a_moved_stick_folder_is_still_the_original(stick, tmp_path):
    (stick / "portable").write_text("")
    _, first, _ = _open_and_close(gate="幸福里东门")
    moved = tmp_path / "U盘" / "门神程序"
    stick.rename(moved)
    app_module.program_dir = lambda: moved          # undone by the fixture's monkeypatch
    _, again, mine = _open_and_close()
    assert again.site_id == first.site_id and mine["gate"] == "幸福里东门"


def test_a_copied_stick_asks_again_and_the_original_does_not(stick, tmp_path, monkeypatch):
    (stick / "portable").write_text("")
    _, original, _ = _open_and_close(gate="幸福里东门")

    copy = tmp_path / "另一个U盘" / "menshen"
    shutil.copytree(stick, copy)                     # times of change are new, as on any copy
    monkeypatch.setattr(app_module, "program_dir", lambda: copy)
    path, copied, mine = _open_and_close()
    assert path == copy / "data" / "menshen.db"
    assert copied.site_id != original.site_id and copied.minted_because == "copied or restored"
    assert mine["gate"] == ""                        # which gate this is: asked again
    _, copied_again, _ = _open_and_close()
    assert copied_again.site_id == copied.site_id    # told once, then it is a stick of its own

    monkeypatch.setattr(app_module, "program_dir", lambda: stick)
    _, back, mine = _open_and_close()
    assert back.site_id == original.site_id and back.minted_because == ""
    assert mine["gate"] == "幸福里东门"
