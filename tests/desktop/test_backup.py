"""desktop/backup.py: an online copy of the database before a large write, the last ten kept."""
import sqlite3
from datetime import datetime, timedelta

from db.connection import Database
from desktop.backup import backup_before


def test_a_copy_beside_the_database_holds_what_was_committed_and_only_ten_are_kept(tmp_path):
    db = Database(tmp_path / "门神.db", config_file=tmp_path / "c.json")
    try:
        with db.transaction() as conn:
            conn.execute("INSERT INTO person (id, full_name) VALUES ('p1', '张三')")
        start = datetime(2026, 12, 4, 8, 0, 0)
        made = [backup_before(db, "sync", now=start + timedelta(seconds=i)) for i in range(12)]
    finally:
        db.close()
    folder = tmp_path / "backups"
    assert made[0].parent == folder and made[-1].name.endswith("-20261204-080011-sync.db")
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 10 and made[0].name not in left and made[-1].name in left
    assert not any(name.endswith(".part") for name in left)
    copy = sqlite3.connect(made[-1])
    try:
        assert copy.execute("SELECT full_name FROM person").fetchall() == [("张三",)]
    finally:
        copy.close()


def test_two_copies_in_one_second_do_not_overwrite_each_other(tmp_path):
    db = Database(tmp_path / "a.db", config_file=tmp_path / "c.json")
    try:
        when = datetime(2026, 12, 4, 8, 0, 0)
        first, second = backup_before(db, "sync", now=when), backup_before(db, "sync", now=when)
    finally:
        db.close()
    assert first != second and first.exists() and second.exists()
