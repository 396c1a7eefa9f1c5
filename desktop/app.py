"""The composition root: where the data lives and how the program's parts are put together.

Data lives in the user's data folder (platformdirs), or, in portable mode, in a ``data`` folder
next to the program (when a file ``portable`` or ``portable.txt`` is there: program and data on
a USB stick), or wherever MENSHEN_HOME points.
"""
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from db.connection import Database
from db.errors import StorageError, WriterBusyError
from desktop.backup import migration_backup
from desktop.files import describe_os_error, in_use, not_in_use, sweep_scratch
from desktop.gate import journal as gate_journal
from desktop.register import Register

APP_NAME = "Menshen"


#: A file of either name beside the program turns portable mode on (Windows hides the ``.txt``
#: of a file made in Explorer, so both are read).
PORTABLE_MARKERS = ("portable", "portable.txt")


def program_dir() -> Path:
    """The folder of the program: the built folder's executable, or the source tree (the folder
    that holds ``desktop/``, the entry point's package) when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def portable_data_dir() -> Path | None:
    """``data/`` beside the program in portable mode, else None."""
    folder = program_dir()
    if any((folder / name).is_file() for name in PORTABLE_MARKERS):
        return folder / "data"
    return None


def home_dir() -> Path:
    if os.environ.get("MENSHEN_HOME"):
        return Path(os.environ["MENSHEN_HOME"])
    portable = portable_data_dir()
    if portable is not None:
        return portable
    import platformdirs
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


#: In portable mode site.json and machine.json travel with the database (the stick is the
#: machine), so their token check cannot tell a copied folder from the original. A marker file
#: made once and never written again can: a copy is a new file with a new creation (Windows,
#: FAT) or inode-change (Linux) time, a move keeps it.
FOLDER_MARKER = "folder-id"
FOLDER_RECORD = "folder.json"


def _marker_time(path: Path) -> int:
    st = path.stat()
    birth = getattr(st, "st_birthtime_ns", None) or getattr(st, "st_birthtime", None)
    return int(birth * 1e9) if isinstance(birth, float) else int(birth or st.st_ctime_ns)


def settle_portable_copy(data_dir: Path) -> bool:
    """Tell a copied portable folder from the original; True when it is a copy.

    A copy forgets this folder's site.json and machine.json, so its databases are opened as
    copied ones are (a new site id; sync never reuses a change number) and the machine's own
    choices (which gate this laptop is) are asked again. The original keeps both."""
    data_dir.mkdir(parents=True, exist_ok=True)
    marker, record = data_dir / FOLDER_MARKER, data_dir / FOLDER_RECORD
    try:
        known = json.loads(record.read_text("utf-8")).get("marker_time")
    except (OSError, ValueError, AttributeError):
        known = None
    if not marker.exists():
        marker.write_text("这个文件标明这个数据文件夹；请不要删除或修改。\n", "utf-8")
    now = _marker_time(marker)
    if known == now:
        return False
    copied = known is not None or (data_dir / "site.json").exists()
    if copied:
        for name in ("site.json", "machine.json"):
            (data_dir / name).unlink(missing_ok=True)
    tmp = record.with_name(record.name + ".tmp")
    tmp.write_text(json.dumps({"marker_time": now}), "utf-8")
    os.replace(tmp, record)
    return copied


def default_db_path() -> Path:
    return home_dir() / "menshen.db"


def site_config_file() -> Path:
    """Per-machine file that tells a copied or restored database apart (db/sync/site.py)."""
    return home_dir() / "site.json"


#: How long a write from the window's UI thread waits for another Menshen process (a command
#: line import) before it says so plainly; a gate passage does not wait at all (its journal).
WINDOW_WRITE_WAIT_SECONDS = 5.0


@dataclass
class App:
    """Everything a window or a command needs, built once over one database."""
    db: Database
    register: Register

    def claim_window(self) -> None:
        """This process shows the file in a window: a second window on it is refused with a
        Chinese message (AlreadyOpenError), and the UI thread never waits long for a write."""
        self.db.hold_window_lock()
        self.db.ui_write_timeout = WINDOW_WRITE_WAIT_SECONDS

    def close(self) -> None:
        """Write what the gate journal still holds if the lock is free (else the next start
        does), then checkpoint and close the database. Safe to call twice."""
        if self.db.closed:
            return
        try:
            gate_journal.replay(self.db, wait=0)
        except StorageError:
            pass                # the journal keeps the passages for the next start
        self.db.close()
        not_in_use(self.db.path)


def refuse_network_share(path: Path) -> None:
    """A register on another computer's disk (a shared folder, a network drive) is not opened:
    two PCs opening one file there do not share SQLite's write-ahead index, and the file is
    damaged. The offices' way between PCs is sync (a USB stick or a shared folder of packages)."""
    from desktop.sync.drives import network_location
    try:
        share = network_location(path) or network_location(path.resolve())
    except OSError:
        share = None
    if share:
        raise StorageError(f"门神的数据文件在网络共享的位置（{share}）上，不能在那里打开：两台电脑同时打开同一个文件会损坏数据。"
                           "请把数据文件（或整个门神文件夹）复制到这台电脑自己的磁盘上（例如 D:\\门神）再打开；"
                           "两台电脑之间请用“同步”交换数据（U盘，或共享文件夹里的同步包）。", "network share")


def open_app(db_path: Path | str | None = None, user_name: str = "admin", *,
             read_only: bool = False, actor=None, key=None) -> App:
    """Open the database at ``db_path`` with its session: ``actor`` when given (a login made
    already), else ``desktop.accounts.initial_actor``: an implicit admin on the demo or a
    register without accounts, nobody (no rights until a login) on any other. ``key``: an
    encrypted register's key (``driver.DatabaseKey``) or passphrase; by default the
    environment's ``MENSHEN_DB_KEY`` (a login unlocks it: desktop/accounts/unlock.py)."""
    path = Path(db_path) if db_path else default_db_path()
    refuse_network_share(path)
    try:
        portable = None if os.environ.get("MENSHEN_HOME") else portable_data_dir()
        if portable is not None:
            settle_portable_copy(portable)
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, path), str(exc)) from exc
    keyed = {} if key is None else {"key": key}
    try:
        db = Database(path, config_file=site_config_file(), user_name=user_name, read_only=read_only, wait=1.0,
                      before_migrate=migration_backup, **keyed)
    except WriterBusyError:
        # Another Menshen process is writing (a command-line import): wait for it, and say so.
        print("正在等待另一个门神程序写完这个数据文件（例如命令行导入）……", file=sys.stderr, flush=True)
        db = Database(path, config_file=site_config_file(), user_name=user_name, read_only=read_only,
                      before_migrate=migration_backup, **keyed)
    sweep_scratch()                     # an export killed half-way left its rows there
    in_use(path, "门神正在使用的数据文件")    # no export, PDF or error list is saved over it
    if not db.read_only:
        try:
            gate_journal.resume(db)     # passages an earlier run kept while the lock was busy
        except StorageError:
            pass
    from desktop.accounts.session import initial_actor, start_session
    actor = actor or initial_actor(db)
    if actor.implicit:
        db.actor = actor                # the name the caller gave stays the audit's name
    else:
        start_session(db, actor)
    return App(db=db, register=Register(db))
