"""The gate screen under real X key events, as a USB scanner sends them (issue 13): the program
runs in its own process on an Xvfb display, ``xdotool type --delay 5`` types the ID number and
``xdotool key Return`` ends it; the test reads the database afterwards. Skipped (with the
reason) where Xvfb or xdotool is not installed."""
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.app import open_app
from desktop.gate.checkpoints import add_checkpoint
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm

pytestmark = [pytest.mark.gui,
              pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                                 reason="needs Xvfb and xdotool (apt-get install xvfb xdotool) for real key events")]
ROOT = Path(__file__).resolve().parents[2]


def _free_display() -> int:
    return next(n for n in range(140, 400) if not Path(f"/tmp/.X{n}-lock").exists()
                and not Path(f"/tmp/.X11-unix/X{n}").exists())


@pytest.fixture(scope="module")
def display():
    """One Xvfb for the module's tests (each starts and ends its own window on it)."""
    number = _free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    # Its socket comes before it answers: wait until it does (a window started earlier died
    # once at start-up with SIGSEGV inside Qt's xcb connection).
    while subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": f":{number}"},
                         capture_output=True, timeout=10).returncode != 0:
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.skip("Xvfb did not start")
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait(10)


def _community(path: Path) -> list[str]:
    app = open_app(path)
    try:
        r = app.register
        c = r.add_compound("幸福里小区")
        h = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="501"))
        numbers = []
        for n, (name, relation) in enumerate((("张三", "head"), ("李梅", "spouse")), 1):
            number = make_resident_id("420106", date(1960, 1, n), n, n == 1)
            r.add_person(PersonForm(full_name=name, id_number=number), h.id, relation)
            numbers.append(number)
        add_checkpoint(app.db, "幸福里东门", c.id)
        add_checkpoint(app.db, "幸福里西门", c.id)
    finally:
        app.close()
    return numbers


def _rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT g.holder_name, g.direction, g.temperature, k.name FROM gate_log g"
                            " LEFT JOIN checkpoint k ON k.id = g.checkpoint_id ORDER BY g.at, g.rowid").fetchall()
    finally:
        conn.close()


def _wait_rows(path: Path, count: int) -> list[tuple]:
    deadline = time.monotonic() + 20
    while len(rows := _rows(path)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return rows


# Keys the window must not save nor count (a scan into the lock) are looked for this long after
# they were sent: the window acts on a key within milliseconds.
QUIET_SECONDS = 0.5


def _start(tmp_path: Path, db: Path, display: str, *args: str, **env_more: str):
    """The program on ``display`` at the gate page, its own data folder (what this machine
    remembers, its gate and its site, starts empty); (process, env, its stderr file)."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "MENSHEN_HOME": str(tmp_path / "home"),
           **env_more}
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        window = subprocess.Popen([sys.executable, "-c", "from desktop.cli import main; raise SystemExit(main())",
                                   "--db", str(db), "--page", "gate", *args], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=stderr)
    return window, env, errors


def _xdo(env, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, check=True, capture_output=True, text=True,
                          timeout=30).stdout


def _scan(env, text: str) -> None:
    """What a USB scanner does: the text typed fast, then Return."""
    _xdo(env, "type", "--delay", "5", text)
    _xdo(env, "key", "Return")


def _window_id(window, env, errors) -> str:
    # Poll rather than `search --sync`: a window that never comes (a crash at start-up) must
    # fail with what the program printed, not with xdotool's timeout.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "门神|Menshen"], env=env,
                               capture_output=True, text=True, timeout=30).stdout.split()
        if found:
            return found[0]
        assert window.poll() is None, f"the window ended at start-up: {errors.read_text('utf-8', 'replace')}"
        time.sleep(0.2)
    shown = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."], env=env, capture_output=True,
                           text=True, timeout=30).stdout.split()
    titles = [subprocess.run(["xdotool", "getwindowname", w], env=env, capture_output=True, text=True,
                             timeout=30).stdout.strip() for w in shown]
    raise AssertionError(f"no window after 90 s; windows shown: {titles}; "
                         f"the program printed: {errors.read_text('utf-8', 'replace')}")


def _stop(window) -> None:
    window.terminate()
    try:
        window.wait(10)
    except subprocess.TimeoutExpired:
        window.kill()


def test_scanner_keys_on_the_gate_screen(tmp_path, display):
    db = tmp_path / "gate.db"
    zhang, li = _community(db)
    window, env, errors = _start(tmp_path, db, display)

    def xdo(*args: str) -> str:
        return _xdo(env, *args)

    def scan(text: str) -> None:
        _scan(env, text)

    def window_id() -> str:
        return _window_id(window, env, errors)
    try:
        wid = window_id()
        xdo("windowfocus", "--sync", wid)
        # No gate chosen on this machine: the scan is held, nothing saved, until the gate is typed.
        scan(zhang)
        scan("1")                                   # 1 幸福里东门
        assert _wait_rows(db, 1) == [("张三", "out", None, "幸福里东门")]
        # F2 before the scan: 李梅 comes in (the guess was out), waits for her temperature;
        # 张三 scans behind her and is held, not dropped.
        xdo("key", "F2")
        scan(li)
        scan(zhang)
        scan("365")
        rows = _wait_rows(db, 2)
        assert rows[1] == ("李梅", "in", 36.5, "幸福里东门")
        scan("366")                                 # 张三, back in, measured
        assert _wait_rows(db, 3)[2] == ("张三", "in", 36.6, "幸福里东门")
        scan(zhang)                                 # one scan and one Enter: out again
        assert _wait_rows(db, 4)[3] == ("张三", "out", None, "幸福里东门")
        assert len(_rows(db)) == 4
        # 李梅 has a fever; the guard types 2 (turned back) by hand and 张三 scans before the
        # guard's Enter: the 2 was dropped, the question asked again and 张三's scan lost.
        xdo("key", "F2")
        scan(li)
        scan("37.8")
        xdo("type", "--delay", "120", "2")
        scan(zhang)
        assert _wait_rows(db, 5)[4] == ("李梅", "in", 37.8, "幸福里东门")
        scan("365")                                 # 张三 was shown next: back in, measured
        assert _wait_rows(db, 6)[5] == ("张三", "in", 36.5, "幸福里东门")
    finally:
        _stop(window)
    assert "Traceback" not in errors.read_text("utf-8", "replace")


def _shown(env, title: str) -> bool:
    """Whether a window of this title is on the screen."""
    return bool(subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=env,
                               capture_output=True, text=True, timeout=30).stdout.split())


def _focused(env) -> str:
    """The title of the window that has the keyboard ('' for none)."""
    return subprocess.run(["xdotool", "getwindowfocus", "getwindowname"], env=env, capture_output=True,
                          text=True, timeout=30).stdout.strip()


def _wait_shown(env, title: str, shown: bool = True) -> bool:
    """Whether a window of this title comes on the screen and has the keyboard (or, ``shown=False``,
    leaves the screen and the keyboard is in another window of the program) within 20 s: keys
    typed before that went to the window before."""
    deadline = time.monotonic() + 20
    while True:
        focused = _focused(env)
        if _shown(env, title) == shown and focused.startswith("社区门神") and (focused == title) == shown:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _failures(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT name, failures FROM login_failure WHERE failures > 0").fetchall()
    finally:
        conn.close()


def test_a_scan_into_the_locked_window_and_the_gate_after_unlocking(tmp_path, display):
    """The guard locks the gate laptop (Ctrl+L, the focus in the scan field) and steps away; a
    resident scans: the scanner's keys land in the lock, not counted as a wrong password and not
    saved as a passage. The guard types the password; the next scan goes to the gate at once."""
    from desktop.accounts import create_account, create_first_admin, login
    db = tmp_path / "gate.db"
    zhang, li = _community(db)
    app = open_app(db)
    try:
        create_first_admin(app.db, "admin", "admin-pass")
        login(app.db, "admin", "admin-pass")
        create_account(app.db, "guard", "gate", "gate-pass")
    finally:
        app.close()
    window, env, errors = _start(tmp_path, db, display, "--user", "guard", MENSHEN_PASSWORD="gate-pass")
    try:
        _xdo(env, "windowfocus", "--sync", _window_id(window, env, errors))
        _scan(env, zhang)
        _scan(env, "1")                                     # 1 幸福里东门
        assert _wait_rows(db, 1) == [("张三", "out", None, "幸福里东门")]
        _xdo(env, "key", "ctrl+l")
        assert _wait_shown(env, "社区门神 - 解锁")
        _scan(env, li)                                      # into the lock's password field
        _scan(env, "MS1:S0000-1:20261207:NOTAREALPASS")
        time.sleep(QUIET_SECONDS)
        assert _failures(db) == [] and len(_rows(db)) == 1
        _xdo(env, "type", "--delay", "40", "gate-pass")     # the guard, back
        _xdo(env, "key", "Return")
        assert _wait_shown(env, "社区门神 - 解锁", False)
        _scan(env, li)                                      # the gate has the keys again
        assert _wait_rows(db, 2)[1] == ("李梅", "out", None, "幸福里东门")
        assert _failures(db) == []
        # The gate screen alone (F11): Ctrl+L locks there too, the scan is dropped, and after the
        # password the screen is back with the keys.
        _xdo(env, "key", "F11")
        assert _wait_shown(env, "社区门神 - 门岗")
        _xdo(env, "key", "ctrl+l")
        assert _wait_shown(env, "社区门神 - 解锁") and _wait_shown(env, "社区门神 - 门岗", False)
        _scan(env, zhang)
        time.sleep(QUIET_SECONDS)
        assert _failures(db) == [] and len(_rows(db)) == 2
        _xdo(env, "type", "--delay", "40", "gate-pass")
        _xdo(env, "key", "Return")
        assert _wait_shown(env, "社区门神 - 解锁", False) and _wait_shown(env, "社区门神 - 门岗")
        _scan(env, zhang)                                   # back in: the temperature is asked
        _scan(env, "365")
        assert _wait_rows(db, 3)[2] == ("张三", "in", 36.5, "幸福里东门")
        assert _failures(db) == [] and len(_rows(db)) == 3
    finally:
        _stop(window)
    assert "Traceback" not in errors.read_text("utf-8", "replace")


def test_scanners_set_to_tab_nothing_or_an_aim_prefix_and_a_click_on_the_log(tmp_path, display):
    """Scanners as they come configured (seen on a real gate laptop under Xvfb): a code ended
    with Tab stayed in the field and the next ran into it, both refused; a code ended with nothing
    waited forever; ']Q1' before the pass made it 'not found'; a scan after a click on the log's
    table went into the table's search and the person was lost."""
    from desktop.gate import passes
    db = tmp_path / "gate.db"
    zhang, li = _community(db)
    app = open_app(db)
    try:
        from desktop.search import search_people
        person = search_people(app.db, li)[0]
        issued = passes.issue_pass(app.db, person_id=person.id)
        qr_li = next(p.qr_text for p in passes.passes_to_print(app.db) if p.pass_no == issued.pass_no)
    finally:
        app.close()
    window, env, errors = _start(tmp_path, db, display)
    try:
        wid = _window_id(window, env, errors)
        _xdo(env, "windowfocus", "--sync", wid)
        _xdo(env, "type", "--delay", "5", zhang)
        _xdo(env, "key", "Tab")                         # held: the gate is not chosen yet
        _xdo(env, "type", "--delay", "5", "1")
        _xdo(env, "key", "Tab")                         # 1 幸福里东门
        assert _wait_rows(db, 1) == [("张三", "out", None, "幸福里东门")]
        _xdo(env, "type", "--delay", "5", "]Q1" + qr_li)
        _xdo(env, "key", "KP_Enter")
        assert _wait_rows(db, 2)[1] == ("李梅", "out", None, "幸福里东门")
        _xdo(env, "type", "--delay", "5", zhang.lower())   # nothing after it: back in, measured
        time.sleep(1)
        _scan(env, "366")
        assert _wait_rows(db, 3)[2] == ("张三", "in", 36.6, "幸福里东门")
        _xdo(env, "key", "ctrl+Tab")                    # 出入记录; the guard clicks a row
        time.sleep(0.3)                                 # (the window takes its events in order)
        _xdo(env, "mousemove", "--window", wid, "500", "200", "click", "1")
        time.sleep(0.2)
        _scan(env, zhang)
        assert _wait_rows(db, 4)[3] == ("张三", "out", None, "幸福里东门")
        assert len(_rows(db)) == 4
    finally:
        _stop(window)
    assert "Traceback" not in errors.read_text("utf-8", "replace")


def test_a_scan_with_nothing_after_it_running_into_a_half_typed_name(tmp_path, display):
    """The guard had typed 'zh' when a resident scanned an ID card on a scanner that sends nothing
    after the code: the field held 'zh4201…' and waited for an Enter nobody pressed."""
    db = tmp_path / "gate.db"
    zhang, li = _community(db)
    window, env, errors = _start(tmp_path, db, display)
    try:
        _xdo(env, "windowfocus", "--sync", _window_id(window, env, errors))
        _scan(env, "1")                                 # 1 幸福里东门
        time.sleep(0.5)
        _xdo(env, "type", "--delay", "150", "zh")       # the guard
        _xdo(env, "type", "--delay", "5", zhang)         # the scanner, nothing after it
        assert _wait_rows(db, 1) == [("张三", "out", None, "幸福里东门")]
    finally:
        _stop(window)
    assert "Traceback" not in errors.read_text("utf-8", "replace")
