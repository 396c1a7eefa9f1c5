"""Shared test set-up. Qt runs off screen; every test has its own data folder and database.

Typing Chinese in pytest-qt: ``qtbot.keyClicks`` / ``QTest.keyClicks`` abort the process on
non-ASCII text in PySide6, so ``type_text`` sends key events that carry the text instead.

A new database runs every migration when it is made (most of a test's set-up); the fixtures'
databases start instead as a copy of one file migrated once per session (``empty_register``,
``new_database_file``), the state Database brings a new file to before it mints the site.
tests/db/test_empty_register.py checks the two are the same.

A blocking dialog nobody answers (a QMessageBox, a dialog's exec, show_failure's report) would
hang a test until CI's limit: ``unanswered_dialogs_fail`` closes it and fails the test instead.
"""
import functools
import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _compiled_once_for_the_programs_tests_start():
    """Where PYTHONDONTWRITEBYTECODE is set (this workplace's machines set it), every `menshen`
    a test starts compiled the program's ~260 modules from source again: 0.3-0.4 s of each
    start. The programs the tests start keep their compiled modules in one folder of this run
    instead (PYTHONPYCACHEPREFIX: nothing is written beside the sources), removed at the end."""
    import atexit
    import tempfile
    if not os.environ.pop("PYTHONDONTWRITEBYTECODE", None) or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    folder = tempfile.mkdtemp(prefix="menshen-test-pyc-")
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    atexit.register(shutil.rmtree, folder, True)


_compiled_once_for_the_programs_tests_start()

# Where a run's folders go: most tests open and close a register, and each close syncs the
# file to disk (synchronous FULL, the WAL checkpoint): on the 2-core CI machines that was a
# fifth of the suite's time. In memory (tmpfs) the same writes and syncs run, without the disk.
# Only where /dev/shm has room: a whole run keeps up to ~1.5 GB there if every folder is kept,
# so a passed test's folder is removed at once (tmp_path_retention_policy) and the run's
# folder at the end; a failed test's folder stays until the run ends, then the whole run's
# folder stays too (read it; the next run clears folders of runs no longer alive).
TESTS_IN_MEMORY_ROOM = 4 * 1024 ** 3


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if config.option.basetemp is not None:
        return
    shm = Path("/dev/shm")
    try:
        if not os.access(shm, os.W_OK) or shutil.disk_usage(shm).free < TESTS_IN_MEMORY_ROOM:
            return
        for old in shm.glob("menshen-tests-*"):
            if not Path("/proc", old.name.rsplit("-", 1)[-1]).exists():
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return
    config.option.basetemp = str(shm / f"menshen-tests-{os.getpid()}")
    config._menshen_basetemp_in_memory = True


def pytest_sessionfinish(session, exitstatus):
    if getattr(session.config, "_menshen_basetemp_in_memory", False) and exitstatus == 0:
        shutil.rmtree(session.config.option.basetemp, ignore_errors=True)


# A test reads the clock and the program reads it again (a scan, a day tab, a sheet, today's
# log): a test running across midnight compared one day with the next. No test takes this long,
# so one that would start this close to midnight waits for the new day (once a run, if ever),
# and its first seconds: a passage dated 00:00:01, the start of today, is not yet in the past.
MIDNIGHT_CLEARANCE = 20.0
NEW_DAY_SETTLED = 2.0


@pytest.fixture(autouse=True)
def clear_of_midnight():
    now = datetime.now()
    into_day = (now - datetime.combine(now.date(), datetime.min.time())).total_seconds()
    if into_day > 86_400 - MIDNIGHT_CLEARANCE:
        time.sleep(86_400 - into_day + NEW_DAY_SETTLED)
    elif into_day < NEW_DAY_SETTLED:
        time.sleep(NEW_DAY_SETTLED - into_day)


@pytest.fixture(autouse=True)
def menshen_home(tmp_path, monkeypatch):
    """Keep site.json and default databases inside the test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("MENSHEN_HOME", str(home))
    return home


# How long a blocking dialog may stay up before the test counts it as unanswered. A test that
# answers its dialogs (a timer polling activeModalWidget, a patched exec) does so in well under
# a second; only a dialog nobody answers lasts this long.
MODAL_GRACE = 3.0
# The blocking calls the program makes (the static ones build their dialog in C++, out of reach
# of a patched exec); a test that patches one of them replaces the guarded version.
_STATIC_MODALS = {"QMessageBox": ("warning", "question", "information", "critical", "about"),
                  "QFileDialog": ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                                  "getExistingDirectory"),
                  "QInputDialog": ("getText", "getItem", "getInt", "getDouble", "getMultiLineText")}


# What the unanswered dialogs of the running test said (``_guarded``), for its failure.
unanswered: list[str] = []


def dialog_text(widget) -> str:
    """What a dialog says: its title, labels and text boxes (a report's text), for the failure."""
    from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QTextEdit
    parts = [widget.windowTitle()]
    if isinstance(widget, QMessageBox):
        parts += [widget.text(), widget.informativeText()]
    else:
        parts += [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
        parts += [w.toPlainText() for kind in (QTextEdit, QPlainTextEdit) for w in widget.findChildren(kind)]
    return " | ".join(p.strip() for p in parts if p and p.strip())[:2000]


def _guarded(blocking):
    """``blocking`` (an exec or a static dialog call) watched while it runs: the dialog on top
    for MODAL_GRACE seconds is noted in ``unanswered`` and closed, so the test goes on to its
    end and fails there (``pytest_runtest_call``). Noted, not raised: an exception escaping the
    event loop would reach the program's own sys.excepthook when it installed it (the window's
    tests), which shows it in one more dialog."""
    @functools.wraps(blocking)
    def run(*args, **kwargs):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog
        seen = {"widget": None, "since": time.monotonic()}

        def look():
            widget, now = QApplication.activeModalWidget(), time.monotonic()
            if widget is None or widget is not seen["widget"]:
                seen.update(widget=widget, since=now)
            elif now - seen["since"] > MODAL_GRACE:
                try:
                    unanswered.append(dialog_text(widget))
                finally:            # closed whatever happens, or the test hangs after all
                    widget.done(QDialog.Rejected) if isinstance(widget, QDialog) else widget.close()

        watch = QTimer()
        watch.timeout.connect(look)
        watch.start(50)
        try:
            return blocking(*args, **kwargs)
        finally:
            watch.stop()
    return run


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The test fails with the text of each blocking dialog it left unanswered (``_guarded``)."""
    __tracebackhide__ = True
    try:
        return (yield)
    finally:
        if unanswered:
            said = "\n".join(f"  {text}" for text in unanswered)
            unanswered.clear()
            pytest.fail(f"a blocking dialog nobody answered (patch it, or answer it from a timer):\n{said}")


@pytest.fixture(autouse=True)
def unanswered_dialogs_fail(request, monkeypatch):
    """For the tests that use Qt: a blocking dialog left unanswered is closed after MODAL_GRACE
    and fails the test with its text (``_guarded``), rather than waiting forever for a click."""
    unanswered.clear()
    if not ("qapp" in request.fixturenames or request.node.get_closest_marker("gui")
            or "PySide6.QtWidgets" in sys.modules):
        return
    from PySide6 import QtPrintSupport, QtWidgets
    for cls in (QtWidgets.QDialog, QtPrintSupport.QPrintDialog, QtPrintSupport.QPageSetupDialog):
        monkeypatch.setattr(cls, "exec", _guarded(cls.exec))
    for name, calls in _STATIC_MODALS.items():
        cls = getattr(QtWidgets, name)
        for call in calls:
            monkeypatch.setattr(cls, call, staticmethod(_guarded(getattr(cls, call))))


@pytest.fixture(scope="session")
def empty_register(tmp_path_factory) -> Path:
    """A database file with every migration applied and nothing else: no database id, no site,
    no rows. Made once per session, through the writer connection Database itself opens."""
    from db import migrations
    from db.connection import _open_writer
    path = tmp_path_factory.mktemp("empty_register") / "empty.db"
    conn, _ = _open_writer(path)
    try:
        migrations.migrate(conn, path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def new_database_file(empty_register: Path, path: Path) -> Path:
    """``path`` made as a new register (a copy of ``empty_register``) unless it is there already;
    an encrypted one (MENSHEN_DB_KEY set) is left for Database to make."""
    from db.driver import KEY_ENV
    if not path.exists() and not os.environ.get(KEY_ENV):
        shutil.copy(empty_register, path)
    return path


def made_once(folder: Path, make, **env: str) -> Path:
    """``make(folder / "register.db")`` run once (a session fixture's work) with ``folder / "home"``
    as the data folder and ``env`` set: a register whose making costs what a test should not pay
    each time (a data file's and its accounts' key derivations). ``copy_made`` gives each test
    its own copy."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENSHEN_HOME", str(folder / "home"))
        for name, value in env.items():
            patch.setenv(name, value)
        make(folder / "register.db")
    return folder


def copy_made(made: Path, folder: Path, home: Path) -> Path:
    """A copy of what ``made_once`` made: the register and what lies beside it (its key file,
    its backups) into ``folder``, the data folder into ``home`` (site.json: the copy opens as this
    installation's own file, not as one copied from elsewhere). Returns the register's path."""
    for item in made.iterdir():
        if item.name == "home":
            shutil.copytree(item, home, dirs_exist_ok=True)
        elif item.is_dir():
            shutil.copytree(item, folder / item.name)
        else:
            shutil.copy2(item, folder / item.name)
    return folder / "register.db"


@pytest.fixture
def app_ctx(tmp_path, empty_register):
    from desktop.app import open_app
    app = open_app(new_database_file(empty_register, tmp_path / "register.db"), user_name="测试员")
    yield app
    app.close()


@pytest.fixture
def small_community(app_ctx):
    """A hand-built compound: building 3 (units 1, 2), building 4 (no units), a village house."""
    from desktop.idnumber import make_resident_id
    from desktop.register import HouseholdForm, PersonForm
    r = app_ctx.register
    c = r.add_compound("幸福里小区")
    village = r.add_compound("王家湾组", kind="village_group")
    h1 = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="501"))
    h2 = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="1", room="101",
                                       tenure="rented", landlord_name="赵房东", landlord_phone="13900001111"))
    h3 = r.add_household(HouseholdForm(compound_id=village.id, address_text="12号"))
    people = {}
    for name, hh, rel, born, seq, male in (
            ("张三", h1, "head", date(1958, 3, 7), 1, True), ("李梅", h1, "spouse", date(1960, 5, 1), 2, False),
            ("张小明", h1, "child", date(1988, 9, 9), 3, True), ("王租客", h2, "tenant", date(1995, 1, 2), 4, True),
            ("王大爷", h3, "head", date(1940, 12, 1), 5, True)):
        people[name] = r.add_person(PersonForm(full_name=name, id_number=make_resident_id("420106", born, seq, male),
                                               phone=f"1380013{seq:04d}"), hh.id, rel)
    return {"compound": c, "village": village, "households": [h1, h2, h3], "people": people}


@pytest.fixture
def qt_zh(qapp):
    """The application as a Chinese user sees it: bundled font and zh_CN translation."""
    from ui import i18n
    i18n.install_font(qapp)
    i18n.install_language(qapp, "zh_CN")
    yield qapp
    i18n.install_language(qapp, "zh_CN")


def type_text(widget, text: str) -> None:
    """Type text the way a keyboard (or input method) does, one key event per character."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch))


# The lowest cost Argon2id (and scrypt) allows, and the reading limits that let it be read.
QUICK_KDF = {"ARGON2": {"name": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1},
             "SCRYPT": {"name": "scrypt", "n": 1 << 4, "r": 8, "p": 1},
             "_LIMITS": {"argon2id": {"memory_kib": (8, 1 << 20), "iterations": (1, 20), "lanes": (1, 16)},
                         "scrypt": {"n": (1 << 4, 1 << 20), "r": (8, 16), "p": (1, 4)}}}


@contextmanager
def quick_keys():
    """Sync passphrases turned into keys at the lowest cost Argon2id allows (QUICK_KDF), for
    tests where the key's strength is not what is tested: each package still gets a fresh salt
    and a key derived from its passphrase through the same function, and a wrong passphrase is
    still refused; only the memory and passes are small (about 1 ms instead of 0.2 s of CPU).
    The strength a package is written and read with is tested at full cost
    (tests/sync/test_envelope.py, test_refusals.py, test_mailbox.py)."""
    from desktop.sync import envelope
    with pytest.MonkeyPatch.context() as mp:
        for name, value in QUICK_KDF.items():
            mp.setattr(envelope, name, value)
        yield


def quick_keys_for_good() -> None:
    """``quick_keys`` in a worker process a test starts (its pool's initializer)."""
    from desktop.sync import envelope
    for name, value in QUICK_KDF.items():
        setattr(envelope, name, value)


@pytest.fixture
def quick_kdf():
    """``quick_keys`` for one test (``pytestmark = pytest.mark.usefixtures("quick_kdf")``)."""
    with quick_keys():
        yield


def logged_in_as(db, name: str, role: str, password: str, admin=("书记", "admin-pass")) -> None:
    """The first admin made and logged in, an account of ``role`` made by them, and that account
    logged in: the set-up of a test about what one role sees."""
    from desktop.accounts import create_account, create_first_admin, login
    create_first_admin(db, *admin)
    login(db, *admin)
    create_account(db, name, role, password)
    login(db, name, password)


def as_usb_stick(monkeypatch, *roots: Path) -> None:
    """``roots`` taken for plugged-in USB sticks (U盘) by the words a sync folder is told in
    (desktop.sync.drives.place_of): a test's folder is otherwise a folder on this disk."""
    from desktop.sync import drives
    monkeypatch.setattr(drives, "_removable_roots", lambda _platform: list(roots))
