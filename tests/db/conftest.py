"""Fixtures for the storage tests: a fresh database per test, and helpers to read the change log."""
import json

import pytest

from db.connection import Database
from db.sync.log import iter_changes
from desktop.idnumber import check_digit
from tests.conftest import new_database_file


def open_db(tmp_path, name="t.db", config="site.json", user_name="tester"):
    return Database(tmp_path / name, config_file=tmp_path / config, user_name=user_name)


@pytest.fixture
def opener(tmp_path):
    """open(name, config): a Database in tmp_path; whatever is still open is closed at the end."""
    opened = []

    def open_(name="t.db", config="site.json", user_name="tester"):
        database = open_db(tmp_path, name, config, user_name)
        opened.append(database)
        return database
    yield open_
    for database in opened:
        database.close()


@pytest.fixture
def db(tmp_path, empty_register):
    new_database_file(empty_register, tmp_path / "t.db")
    database = open_db(tmp_path)
    yield database
    database.close()


@pytest.fixture
def reg(db):
    from desktop.register import Register
    return Register(db)


@pytest.fixture
def make_id():
    """A valid resident ID for a birth date 'YYYYMMDD' and a three-digit order."""
    def make(born: str = "19900307", order: int = 123, region: str = "110105") -> str:
        first17 = f"{region}{born}{order:03d}"
        return first17 + check_digit(first17)
    return make


@pytest.fixture
def changes():
    """All changes (optionally after a seq) as an export reads them, decoded, oldest first."""
    def read(database, after: int = 0) -> list[dict]:
        out = []
        for change in sorted(iter_changes(database.conn), key=lambda c: (c.hlc, c.site_id)):
            if change.seq > after:
                d = change._asdict()
                d["cols"], d["base"] = json.loads(d["cols"]), json.loads(d["base"])
                out.append(d)
        return out
    return read


@pytest.fixture
def last_seq():
    def read(database) -> int:
        return database.conn.execute("SELECT coalesce(max(seq), 0) FROM sync_change WHERE site_id = ?",
                                     (database.site.site_id,)).fetchone()[0]
    return read
