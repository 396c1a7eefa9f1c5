"""Copies of the database taken before something large writes to it (SYNC.md 9.11 step 8: a
sync import), with SQLite's online backup: the copy is consistent even while the gate keeps
recording, and nobody has to close the program.

``backup_before(db, reason)`` writes ``<db folder>/backups/<db name>-<yyyymmdd-hhmmss>-<reason>.db``
(under a temporary name in the same folder, renamed when complete; owner-only like the register)
and keeps the newest ``KEEP`` copies made for that database, removing older ones.
"""
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

KEEP = 10
FOLDER = "backups"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "backup"


def backup_before(db, reason: str, *, now: datetime | None = None, keep: int = KEEP) -> Path:
    """Copy ``db`` (a db.connection.Database) into its backups folder before ``reason``; returns
    the copy's path. Raises OSError when the folder cannot be written (the caller decides
    whether to go on)."""
    src = Path(db.path)
    folder = src.parent / FOLDER
    folder.mkdir(exist_ok=True)
    stem = _safe(src.stem)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stem}-{stamp}-{_safe(reason)}.db"
    n = 1
    while target.exists():                      # two in one second: never overwrite a copy
        n += 1
        target = folder / f"{stem}-{stamp}-{_safe(reason)}-{n}.db"
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(tmp)
    try:
        if os.name != "nt":
            os.chmod(tmp, 0o600)
        with db.reading() as conn:
            conn.backup(dest)
        dest.close()
        os.replace(tmp, target)
    except BaseException:
        dest.close()
        tmp.unlink(missing_ok=True)
        raise
    _prune(folder, stem, keep)
    return target


def _prune(folder: Path, stem: str, keep: int) -> None:
    mine = re.compile(re.escape(stem) + r"-\d{8}-\d{6}-.*\.db$")
    copies = sorted((p for p in folder.iterdir() if mine.match(p.name)), key=lambda p: (p.stat().st_mtime, p.name))
    for old in copies[:-keep] if keep > 0 else copies:
        try:
            old.unlink()
        except OSError:
            pass                                # in use or read-only: left for next time
