"""Per-machine settings kept in the database (local, never synced): language, first run."""
from db.connection import Database


def get_setting(db: Database, key: str, default: str = "") -> str:
    with db.reading() as conn:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] is not None else default


def set_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key)"
                     " DO UPDATE SET value = excluded.value", (key, value))
