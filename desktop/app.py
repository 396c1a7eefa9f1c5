"""The composition root: where the data lives and how the program's parts are put together.

Data lives in the user's data folder (platformdirs), or, in portable mode, in a ``data`` folder
next to the program (when a file ``portable.txt`` is there), or wherever MENSHEN_HOME points.
"""
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from db.connection import Database
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


@dataclass
class App:
    """Everything a window or a command needs, built once over one database."""
    db: Database
    register: Register

    def close(self) -> None:
        self.db.close()


def open_app(db_path: Path | str | None = None, user_name: str = "admin") -> App:
    path = Path(db_path) if db_path else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path, config_file=site_config_file(), user_name=user_name)
    return App(db=db, register=Register(db))
