"""Temporary files that hold personal data never land in the system's temporary folder and do
not outlive a program that was killed (issue 16, point 5): print previews."""
import os

from desktop.app import open_app
from desktop.files import private_temp_folder


def test_print_previews_live_in_the_data_folder_and_a_killed_programs_are_removed(tmp_path, menshen_home):
    mine = private_temp_folder("print")
    assert mine.parent == menshen_home / "tmp"
    if os.name != "nt":
        assert mine.stat().st_mode & 0o777 == 0o700
    (mine / "preview-1.pdf").write_bytes(b"%PDF 420106196001010011")
    dead = menshen_home / "tmp" / "print.999999999.abcd1234"      # no such process
    dead.mkdir()
    (dead / "preview-3.pdf").write_bytes(b"%PDF 420106196001010011")
    open_app(tmp_path / "a.db").close()                              # the next start
    assert not dead.exists()
    assert (mine / "preview-1.pdf").exists()                         # this process's own stays


def test_the_paper_page_previews_into_the_private_folder(qtbot, tmp_path, menshen_home):
    from ui.events import DataEvents
    from ui.pages.paper_page import PaperPage
    app = open_app(tmp_path / "a.db")
    try:
        page = PaperPage(app, DataEvents())
        qtbot.addWidget(page)
        assert os.path.dirname(page._tmp_dir) == str(menshen_home / "tmp")
    finally:
        app.close()


def _home_that_cannot_be_written(tmp_path, monkeypatch):
    """MENSHEN_HOME below a plain file: no folder can be made there (as on a write-protected
    stick with the portable program), whoever runs the test, root included."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("MENSHEN_HOME", str(blocker / "home"))


def test_an_export_works_when_the_data_folder_cannot_be_written(tmp_path, monkeypatch, capsys):
    from desktop.cli import main
    db = tmp_path / "a.db"
    assert main(["demo", "--db", str(db), "--households", "5", "--days", "0"]) == 0
    _home_that_cannot_be_written(tmp_path, monkeypatch)
    capsys.readouterr()
    out = tmp_path / "名单.xlsx"
    assert main(["export", "register", "--db", str(db), "--to", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    assert main(["audit", "--db", str(db), "--to", str(tmp_path / "audit.xlsx")]) == 0
    assert capsys.readouterr().err == ""


def test_the_paper_page_opens_when_the_data_folder_cannot_be_written(qtbot, tmp_path, monkeypatch):
    from ui.events import DataEvents
    from ui.pages.paper_page import PaperPage
    app = open_app(tmp_path / "a.db")
    _home_that_cannot_be_written(tmp_path, monkeypatch)
    try:
        page = PaperPage(app, DataEvents())
        qtbot.addWidget(page)
        assert os.path.isdir(page._tmp_dir)
        if os.name != "nt":
            assert os.stat(os.path.dirname(page._tmp_dir)).st_mode & 0o777 == 0o700
    finally:
        app.close()
