"""The command line's window modes: --screenshot renders the register off screen and exits."""
import pytest
from PySide6.QtGui import QImage

from desktop.cli import main

pytestmark = pytest.mark.gui


def test_screenshot_of_the_register(qapp, tmp_path, small_community, app_ctx):
    out = tmp_path / "shot.png"
    db_path = app_ctx.db.path
    app_ctx.close()
    assert main(["--db", str(db_path), "--screenshot", str(out), "--page", "register"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_a_database_from_a_newer_version_is_refused_with_a_message(tmp_path, capsys):
    import sqlite3
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    assert main(["--db", str(path), "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "更新版本" in capsys.readouterr().err


def test_qt_speaking_while_the_program_ends_does_not_crash_it(tmp_path, small_community, app_ctx):
    """Qt logs while the process ends (here: plugins unloading, with QT_DEBUG_PLUGINS); the
    screenshot mode's message filter, a Python function, must not be called by then (it was:
    a segmentation fault after the message about a page that does not exist)."""
    import os
    import subprocess
    import sys
    db_path = app_ctx.db.path
    app_ctx.close()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db_path), "--screenshot",
                           str(tmp_path / "x.png"), "--page", "nosuch"], env={**env, "QT_DEBUG_PLUGINS": "1"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-1500:])
    assert "没有“nosuch”这个页面" in done.stderr and "Traceback" not in done.stderr


def test_a_screenshot_that_cannot_be_saved_says_so(qapp, tmp_path, small_community, app_ctx, monkeypatch, capsys):
    """Qt's save returning False ended with exit 1 and no word."""
    from PySide6.QtGui import QPixmap
    db_path = app_ctx.db.path
    app_ctx.close()
    monkeypatch.setattr(QPixmap, "save", lambda *a, **k: False)
    assert main(["--db", str(db_path), "--screenshot", str(tmp_path / "shot.png")]) == 1
    err = capsys.readouterr().err
    assert "截图没有存成" in err and "Traceback" not in err
