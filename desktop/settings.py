"""Per-machine settings kept in the database (local, never synced): language, first run."""
from db.connection import Database


def get_setting(db: Database, key: str, default: str = "") -> str:
    with db.reading() as conn:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row and row[0] is not None else default


#: This machine's own preferences, which whoever sits at it may change; every other setting is
#: the office's (its phone and masthead on paper …) and needs Permission.SETTINGS (admin).
PREFERENCES = {"language", "first_run_done", "sync_folder", "street_page"}


def set_setting(db: Database, key: str, value: str) -> None:
    if key not in PREFERENCES:
        from desktop.accounts.roles import Permission, require
        require(db, Permission.SETTINGS)
    with db.transaction() as conn:
        conn.execute("INSERT INTO local_setting VALUES (?, ?) ON CONFLICT(key)"
                     " DO UPDATE SET value = excluded.value", (key, value))
