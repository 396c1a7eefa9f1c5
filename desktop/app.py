"""The composition root: where the data lives and how the program's parts are put together.

Data lives in the user's data folder (platformdirs), or, in portable mode, in a ``data`` folder
next to the program (when a file ``portable.txt`` is there), or wherever MENSHEN_HOME points.
"""
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from db.connection import Database
from db.errors import StorageError, WriterBusyError
from desktop.backup import migration_backup
from desktop.files import describe_os_error, sweep_scratch
from desktop.gate import journal as gate_journal
from desktop.register import Register

APP_NAME = "Menshen"


def home_dir() -> Path:
    if os.environ.get("MENSHEN_HOME"):
        return Path(os.environ["MENSHEN_HOME"])
    program_dir = Path(sys.executable if getattr(sys, "frozen", False) else __file__).resolve().parent
    if (program_dir / "portable.txt").exists():
        return program_dir / "data"
    import platformdirs
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


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


def open_app(db_path: Path | str | None = None, user_name: str = "admin", *,
             read_only: bool = False, actor=None) -> App:
    """Open the database at ``db_path`` with its session: ``actor`` when given (a login made
    already), else ``desktop.accounts.initial_actor``: an implicit admin on the demo or a
    register without accounts, nobody (no rights until a login) on any other."""
    path = Path(db_path) if db_path else default_db_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, path), str(exc)) from exc
    try:
        db = Database(path, config_file=site_config_file(), user_name=user_name, read_only=read_only, wait=1.0,
                      before_migrate=migration_backup)
    except WriterBusyError:
        # Another Menshen process is writing (a command-line import): wait for it, and say so.
        print("正在等待另一个门神程序写完这个数据文件（例如命令行导入）……", file=sys.stderr, flush=True)
        db = Database(path, config_file=site_config_file(), user_name=user_name, read_only=read_only,
                      before_migrate=migration_backup)
    sweep_scratch()                     # an export killed half-way left its rows there
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
