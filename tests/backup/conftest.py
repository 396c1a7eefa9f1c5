"""A small register to back up, damage and restore."""
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm


def add_people(app, names: list[str], start: int = 1) -> None:
    r = app.register
    compounds = [c for c in r.compounds() if c.name == "幸福里小区"]
    c = compounds[0] if compounds else r.add_compound("幸福里小区")
    for i, name in enumerate(names, start):
        hh = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="1", room=f"{100 + i}"))
        r.add_person(PersonForm(full_name=name, id_number=make_resident_id("420106", date(1960, 1, 1), i, True),
                                phone=f"1380013{i:04d}"), hh.id, "head")


def register_and_stick(tmp_path: Path, register_path: Path, names=("张三",)):
    """(stick, app): an empty USB stick (the folder tmp_path / U盘) and the register at
    ``register_path`` open with ``names`` in it. The caller closes the app."""
    from desktop.app import open_app
    stick = tmp_path / "U盘"
    stick.mkdir()
    app = open_app(register_path)
    try:
        add_people(app, list(names))
    except BaseException:
        app.close()
        raise
    return stick, app


def backed_up(path: Path, names=("张三", "李梅"), reason: str | None = "manual", later=(), **when) -> Path | None:
    """The register at ``path`` (made when there is none) with ``names`` in it, backed up for
    ``reason`` (``when``: the backup's other arguments; None: no backup), then ``later`` added
    (ID numbers of their own): the backup holds ``names``, the register both. Returns the backup."""
    from desktop import backup
    from desktop.app import open_app
    app = open_app(path)
    try:
        add_people(app, list(names))
        kept = backup.backup_before(app.db, reason, **when) if reason else None
        if later:
            add_people(app, list(later), start=10)
    finally:
        app.close()
    return kept


def names_in(path: Path) -> set[str]:
    from desktop.app import open_app
    app = open_app(path)
    try:
        with app.db.reading() as conn:
            return {r[0] for r in conn.execute("SELECT full_name FROM person WHERE is_deleted = 0")}
    finally:
        app.close()


def damage(path: Path, table: str = "person") -> bytes:
    """Overwrite the b-tree header of ``table``'s root page and the next pages: the kind of
    damage a failing disk or a pulled stick leaves. Returns the damaged file's bytes."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in range(root, root + 3):
        at = (page - 1) * size
        data[at:at + 12] = b"\xa5" * 12
    path.write_bytes(bytes(data))
    return bytes(data)


def damage_schema(path: Path, table: str = "person") -> bytes:
    """Flip bytes of ``table``'s definition in the schema's page (its name, and the name in its
    CREATE TABLE): SQLite then calls the schema malformed and quotes the bytes, which Python
    cannot decode (a UnicodeDecodeError out of sqlite3). Returns the damaged file's bytes."""
    data = bytearray(path.read_bytes())
    name = table.encode()
    sql = data.find(b"CREATE TABLE " + name)
    row = data.rfind(b"table" + name + name, 0, sql)
    assert sql > 0 and row > 0
    bad = bytes(range(0xff, 0xff - len(name), -1))
    data[row + 5:row + 5 + len(name)] = bad
    data[sql + 13:sql + 13 + len(name)] = bad
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture(autouse=True)
def quick_seals(monkeypatch):
    """Sealed backups and stick copies derive their key at a test's strength (Argon2id with 8 KiB
    and one pass, not 64 MiB and three: 0.2 s of CPU each, dozens here): these tests are about
    what is sealed, restored and said. tests/sync/test_envelope.py checks the program's strength
    and tests/sync/test_refusals.py that a weaker header is refused."""
    from desktop.sync import envelope
    monkeypatch.setattr(envelope, "ARGON2", {**envelope.ARGON2, "memory_kib": 8, "iterations": 1, "lanes": 1})
    monkeypatch.setitem(envelope._LIMITS, "argon2id",
                        {**envelope._LIMITS["argon2id"], "memory_kib": (8, 1 << 20), "iterations": (1, 20)})


@pytest.fixture
def register_path(tmp_path, empty_register):
    """A new plain register, not opened yet: a copy of the migrated empty one (a register made
    encrypted starts without it: ``register_path.unlink()``, then MENSHEN_DB_KEY)."""
    from tests.conftest import new_database_file
    return new_database_file(empty_register, tmp_path / "register.db")


def restore_lines(path: Path, user: str = "", password: str = "") -> list[tuple]:
    """The audit's lines for restores of the register at ``path``, as the audit page and
    ``menshen audit`` show them (time, 操作人, 操作, what, …); ``user`` logs in to read it."""
    from desktop.accounts import login
    from desktop.app import open_app
    from desktop.audit import audit_rows, audit_trail
    app = open_app(path)
    try:
        if user:
            login(app.db, user, password)
        return [row for row in audit_rows(app.db, audit_trail(app.db, changes=False)) if row[2] == "恢复备份"]
    finally:
        app.close()
