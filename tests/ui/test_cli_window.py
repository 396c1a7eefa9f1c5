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
    # Nothing said on the command line (run as a user runs it: pytest-qt would catch Qt's own
    # lines): off screen, raising the window had printed "This plugin does not support raise()".
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db_path), "--screenshot",
                           str(tmp_path / "gate.png"), "--page", "gate"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")


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


START_FAILS = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QMessageBox
seen = {}
def warning(parent, title, text, *a, **k):
    app = QApplication.instance()
    seen.update(title=title, text=text, family=app.font().family())
    return QMessageBox.Ok
QMessageBox.warning = warning
from desktop.cli import main
code = main([])
print(json.dumps({"code": code, **seen}, ensure_ascii=False))
"""


def test_a_data_folder_that_cannot_take_the_register_is_said_in_the_bundled_chinese_font(tmp_path):
    """Started from its icon with a data folder that cannot take a new register (a full disk;
    here a file where the folder should be), the program's only message came before the
    bundled font was loaded: boxes on a PC without a CJK font, under an English title."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path
    (tmp_path / "blocked").write_text("a file where the data folder's parent should be")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MENSHEN_HOME": str(tmp_path / "blocked" / "home")}
    done = subprocess.run([sys.executable, "-c", START_FAILS], cwd=Path(__file__).resolve().parents[2], env=env,
                          capture_output=True, text=True, timeout=120)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] != 0 and "Traceback" not in done.stderr
    assert "menshen.db" in seen["text"]
    assert seen["title"] == "门神"
    assert seen["family"] == "WenQuanYi Micro Hei"          # the face shipped with the program
