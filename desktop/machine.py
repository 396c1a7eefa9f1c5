"""Settings of this machine (本机设置) for one database, such as the gate this laptop stands at.

They live in the user's data folder beside ``site.json`` (db/sync/site.py), keyed by the
database's id, never in the database file: a database copied to another laptop (the usual way
to set up a gate laptop) must not bring the first machine's gate with it, and sync never
carries them. ``desktop/settings.py`` keeps what may travel with the file (language, first run).
"""
import json
import os
from pathlib import Path

from db.connection import Database
from desktop.files import owner_only


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


def machine_setting(db: Database, key: str, default: str = "") -> str:
    value = _read(_file()).get("databases", {}).get(_database_id(db), {}).get(key)
    return value if isinstance(value, str) else default


def set_machine_setting(db: Database, key: str, value: str) -> None:
    """Written to a temporary name in the same folder and renamed: a power cut leaves the old file."""
    path = _file()
    data = _read(path)
    data.setdefault("databases", {}).setdefault(_database_id(db), {})[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    owner_only(tmp)
    os.replace(tmp, path)
