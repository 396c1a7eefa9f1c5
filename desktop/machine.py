"""Settings of this machine (本机设置) for one database, such as the gate this laptop stands at.

They live in the user's data folder beside ``site.json`` (db/sync/site.py), keyed by the
database's id, never in the database file: a database copied to another laptop (the usual way
to set up a gate laptop) must not bring the first machine's gate with it, and sync never
carries them. ``desktop/settings.py`` keeps what may travel with the file (language, first run).
"""
import json
import logging
import os
from pathlib import Path

from db.connection import Database
from desktop.files import owner_only, remove_quietly

log = logging.getLogger(__name__)


def _file() -> Path:
    from desktop.app import home_dir          # the composition root knows where data lives
    return home_dir() / "machine.json"


def _database_id(db: Database) -> str:
    with db.reading() as conn:
        row = conn.execute("SELECT value FROM local_meta WHERE key = 'database_id'").fetchone()
    return row[0] if row else str(db.path.resolve())


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


#: Settings this process could not write (the data folder on a write-protected stick, a full
#: disk): they hold until the program ends, so the gate keeps working; the next start asks again.
_UNSAVED: dict[tuple[str, str], str] = {}


def machine_setting(db: Database, key: str, default: str = "") -> str:
    database_id = _database_id(db)
    if (database_id, key) in _UNSAVED:
        return _UNSAVED[(database_id, key)]
    value = _read(_file()).get("databases", {}).get(database_id, {}).get(key)
    return value if isinstance(value, str) else default


def set_machine_setting(db: Database, key: str, value: str) -> None:
    """Written to a temporary name in the same folder and renamed: a power cut leaves the old file.
    A data folder that cannot be written keeps the setting for this run only (logged)."""
    path = _file()
    database_id = _database_id(db)
    data = _read(path)
    data.setdefault("databases", {}).setdefault(database_id, {})[key] = value
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        owner_only(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        remove_quietly(tmp)
        _UNSAVED[(database_id, key)] = value
        log.warning("machine setting %s kept for this run only: %s cannot be written (%s)",
                    key, path.parent, type(exc).__name__)
        return
    _UNSAVED.pop((database_id, key), None)
