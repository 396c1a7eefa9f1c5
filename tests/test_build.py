"""The one-folder build starts (issue 18): ``pyinstaller build.spec`` makes a folder whose
program makes a demo community, renders the window off screen and prints a form. A module
or resource missing from the spec breaks this test, not an office (the build once shipped
without ``desktop.care.cli`` and did not start)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("PyInstaller", reason="PyInstaller is a test dependency (pip install -e '.[test]')")


def test_the_built_folder_starts_renders_and_prints(tmp_path):
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(tmp_path / "dist"),
                            "--workpath", str(tmp_path / "work"), str(ROOT / "build.spec")],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    [folder] = (tmp_path / "dist").iterdir()
    program = folder / ("menshen.exe" if sys.platform == "win32" else "menshen")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MENSHEN_HOME": str(tmp_path / "home")}

    def run(*args):
        done = subprocess.run([str(program), *args], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stdout, done.stderr[-2000:])
        return done

    db = tmp_path / "demo.db"
    run("demo", "--db", str(db), "--households", "20")
    for page in ("today", "register", "gate", "battle_map"):
        shot = tmp_path / f"{page}.png"
        run("--db", str(db), "--screenshot", str(shot), "--page", page)
        assert shot.stat().st_size > 20_000          # a drawn window, not an empty image
    run("print", "door-sign", "--db", str(db), "--to", str(tmp_path / "sign.pdf"))
    assert (tmp_path / "sign.pdf").read_bytes().startswith(b"%PDF")

    # No PostgreSQL client in an office's folder: the city's command says what to use instead.
    (tmp_path / "box").mkdir()
    done = subprocess.run([str(program), "aggregate", "--packages", str(tmp_path / "box"), "--pg", "host=nowhere"],
                          env={**env, "MENSHEN_SYNC_PASSPHRASE": "城市 汇总 口令 2026"}, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode != 0 and "psycopg" in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]

    # Portable mode: a marker beside the executable keeps the data beside it (issue 18).
    (folder / "portable").write_text("")
    del env["MENSHEN_HOME"]
    env["HOME"] = env["XDG_DATA_HOME"] = str(tmp_path / "user profile")
    run("--screenshot", str(tmp_path / "portable.png"))
    assert (folder / "data" / "menshen.db").exists() and (folder / "data" / "site.json").exists()
    assert not (tmp_path / "user profile").exists() or not any((tmp_path / "user profile").rglob("*.db"))
