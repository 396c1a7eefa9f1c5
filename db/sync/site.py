"""Which installation is writing (SYNC.md 9.2).

Each installation numbers its changes 1, 2, 3 … under a random site id. If a database file is
copied to another PC, or an old backup is restored, two files would go on writing with the same
site id and overlapping numbers, and other machines would ignore the new changes as "already
seen": silent loss. So the site id and a token that changes at every open are kept both in the
database and in a per-machine file; when they disagree, the file was copied or restored, and a
new site id is minted (the old one is retired and never written with again).
"""
import json
import os
import re
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from db.sync.ids import uuid7


@dataclass(frozen=True)
class Site:
    site_id: str
    site_code: str
    site_name: str
    role: str
    minted_because: str = ""      # '' | 'new' | 'copied or restored'


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO local_meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))


def _read_config(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _write_config(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    if os.name != "nt":
        os.chmod(tmp, 0o600)            # owner only (issue 16), like every file Menshen writes
    os.replace(tmp, path)


def _new_code() -> str:
    return "S" + secrets.token_hex(2).upper()


def current_site(conn: sqlite3.Connection) -> Site:
    """The site this file was last written as, read without writing (a read-only open)."""
    row = conn.execute("SELECT site_id, site_code, site_name, role FROM sync_site"
                       " WHERE is_current = 1").fetchone()
    return Site(*row) if row else Site("", "", "", "office")


_CODE = re.compile(r"S[0-9A-F]{4}")


def given_name(name: str | None, code: str | None) -> str:
    """The name a clerk gave a machine; '' when it has none. A site is made with its code as its
    name, and a copied file's new site took over the old one's code as its name."""
    return name if name and name != code and not _CODE.fullmatch(name) else ""


def machine_name(name: str | None, code: str | None, site_id: str = "") -> str:
    """A machine as a clerk reads it: the name its own clerk gave it, its code in brackets for
    the technician (村口卡口笔记本（S8918）); a machine never named, its code alone."""
    given = given_name(name, code)
    return f"{given}（{code}）" if given and code else given or code or site_id[:8]


def site_words(conn: sqlite3.Connection, site_id: str | None) -> str:
    """``machine_name`` of a site by its id: a machine heard of, else one of this file's own
    (current or retired); '' when unknown."""
    row = conn.execute("SELECT site_name, site_code FROM sync_peer WHERE site_id = ?"
                       " UNION ALL SELECT site_name, site_code FROM sync_site WHERE site_id = ? LIMIT 1",
                       (site_id, site_id)).fetchone() if site_id else None
    return machine_name(*row) if row else ""


def name_site(conn: sqlite3.Connection, name: str) -> None:
    """Give this installation the name other machines list it by. No migration and no change
    record: the name travels in every package (the header's sender and the directory of
    machines), which the receiver keeps in ``sync_peer`` (docs/sync.md, "Which computer is which")."""
    conn.execute("UPDATE sync_site SET site_name = ? WHERE is_current = 1", (name,))


def ensure_site(conn: sqlite3.Connection, config_file: Path, *, role: str = "office",
                site_name: str = "") -> Site:
    """Return the site this process writes as, minting one when the file is new or copied."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        db_id = _meta(conn, "database_id")
        if db_id is None:
            db_id = uuid7()
            _set_meta(conn, "database_id", db_id)
        row = conn.execute("SELECT site_id, site_code, site_name, role FROM sync_site"
                           " WHERE is_current = 1").fetchone()
        config = _read_config(config_file)
        known = config.get("databases", {}).get(db_id, {})
        reason = ""
        if row is None:
            reason = "new"
        elif known.get("site_id") != row[0] or known.get("open_token") != _meta(conn, "open_token"):
            reason = "copied or restored"
            conn.execute("UPDATE sync_site SET is_current = 0, retired_reason = ? WHERE is_current = 1",
                         (f"retired {datetime.now(timezone.utc).isoformat(timespec='seconds')}: "
                          "database file was copied or restored",))
        if reason:
            code = _new_code()          # codes prefix human-readable numbers: never share one
            name = (given_name(row[2], row[1]) or code) if row else (site_name or code)
            role = row[3] if row else role
            site_id = str(uuid.uuid4())
            conn.execute("INSERT INTO sync_site (site_id, site_code, site_name, role) VALUES (?,?,?,?)",
                         (site_id, code, name, role))
            row = (site_id, code, name, role)
        token = secrets.token_hex(8)
        _set_meta(conn, "open_token", token)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    # After the commit: a crash between the two writes only causes one more harmless new site.
    config.setdefault("databases", {})[db_id] = {"site_id": row[0], "open_token": token}
    try:
        _write_config(config_file, config)
    except OSError:
        pass    # a read-only profile: the next start mints a new site, which is safe
    return Site(row[0], row[1], row[2], row[3], reason)
