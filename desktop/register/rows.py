"""Writing register rows: a new row's id and where and when it was made, and a plain update.

Shared by the use cases (``Register``), the batch of a ledger import (``RegisterBatch``) and the
rules, so a row is stamped the same way whoever writes it.
"""
from datetime import datetime

from db.sync.ids import uuid7


def now_text() -> str:
    """The register's clock, read at each call (tests fix it by patching this one name:
    ``desktop.register.rows.now_text``)."""
    return datetime.now().isoformat(timespec="seconds")


def stamp(site_id: str, wall: str | None = None) -> dict:
    """Where and when a new row was made: its last columns."""
    return {"created_site": site_id, "created_wall": wall or now_text()}


def new_row(site_id: str, values: dict, row_id: str | None = None, wall: str | None = None) -> dict:
    """A new row's values with its id and where and when it was made."""
    return {"id": row_id or uuid7(), **values, **stamp(site_id, wall)}


def insert_row(conn, site_id: str, table: str, values: dict, row_id: str | None = None,
               wall: str | None = None) -> str:
    values = new_row(site_id, values, row_id, wall)
    cols = ", ".join(values)
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(values))})",
                 tuple(values.values()))
    return values["id"]


def update_row(conn, table: str, row_id: str, values: dict) -> None:
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))
