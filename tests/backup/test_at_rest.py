"""The register encrypted at rest (SQLCipher through sqlcipher3-wheels), its backups, and turning
a plain register into an encrypted one (issue 16, point 5)."""
import pytest

from db import driver
from db.errors import NotADatabaseError
from desktop import backup
from desktop.app import open_app
from desktop.search import search_people
from tests.backup.conftest import add_people, backed_up, damage, names_in

PASSPHRASE = "幸福里 社区 2026"


@pytest.fixture
def keyed(register_path, monkeypatch):
    """The register is made encrypted with PASSPHRASE (by Database: not the plain copy)."""
    register_path.unlink()
    monkeypatch.setenv(driver.KEY_ENV, PASSPHRASE)


def test_a_new_register_with_a_key_holds_no_readable_personal_data(register_path, keyed):
    app = open_app(register_path)
    try:
        assert app.db.encrypted
        add_people(app, ["张三", "李梅"])
        # The search (FTS5, trigram and unicode61) and the JSON of the change log work on it.
        assert [p.full_name for p in search_people(app.db, "张三")] == ["张三"]
        with app.db.reading() as conn:      # the change capture (JSON bodies) ran
            assert conn.execute("SELECT count(*) FROM sync_change").fetchone()[0] > 0
    finally:
        app.close()
    raw = register_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "张三".encode() not in raw and b"420106" not in raw and b"13800130001" not in raw
    assert names_in(register_path) == {"张三", "李梅"}


def test_a_new_encrypted_registers_key_costs_scrypt_at_full_strength_with_its_own_salt(
        register_path, keyed, monkeypatch):
    """Guessing the passphrase of a stolen data file costs 32 MiB of scrypt a try (n=2**15, r=8,
    p=1), salted with the 16 bytes at the file's start: nothing else records the strength, so a
    lowered SCRYPT_N would quietly make every new register cheaper to break. One derivation."""
    import hashlib
    real, made = hashlib.scrypt, []
    monkeypatch.setattr(hashlib, "scrypt", lambda secret, **kw: made.append((kw, real(secret, **kw))) or made[-1][1])
    open_app(register_path).close()
    assert made and all((kw["n"], kw["r"], kw["p"]) == (1 << 15, 8, 1) for kw, _raw in made)
    salt = register_path.read_bytes()[:16]
    assert all(kw["salt"] == salt for kw, _raw in made)
    # That derivation is the file's key: SQLCipher opens the file with it, not with a cheaper one.
    conn = driver.connect(str(register_path), driver.DatabaseKey(made[-1][1], salt))
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        conn.close()


def test_an_encrypted_register_is_refused_without_the_key_or_with_a_wrong_one(register_path, keyed, monkeypatch):
    open_app(register_path).close()
    monkeypatch.delenv(driver.KEY_ENV)
    with pytest.raises(NotADatabaseError) as info:
        open_app(register_path)
    assert driver.KEY_ENV in info.value.message and "口令" in info.value.message
    monkeypatch.setenv(driver.KEY_ENV, "不对的口令")
    with pytest.raises(driver.WrongKeyError) as info:
        open_app(register_path)
    assert "口令不对" in info.value.message


def test_a_plain_register_opens_as_it_is_and_demo_paths_stay_plain(register_path):
    app = open_app(register_path)
    try:
        assert not app.db.encrypted
    finally:
        app.close()
    assert register_path.read_bytes().startswith(b"SQLite format 3")


def test_the_backup_of_an_encrypted_register_is_encrypted_and_restores(register_path, keyed):
    kept = backed_up(register_path, reason="daily", later=["赵后来"])
    raw = kept.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and "张三".encode() not in raw
    damage_encrypted(register_path)
    good = backup.newest_good(register_path)
    assert good is not None and good.path == kept
    backup.restore(register_path, good, damaged=True)
    assert names_in(register_path) == {"张三", "李梅"}


def damage_encrypted(path) -> None:
    """Encrypted pages cannot be aimed at: cut the file short after page 2 (a copy cut off)."""
    data = path.read_bytes()
    path.write_bytes(data[:4096 * 2])


def test_a_plain_register_is_encrypted_on_request_with_nothing_lost(register_path, monkeypatch):
    app = open_app(register_path)
    try:
        add_people(app, ["张三", "李梅", "王大爷"])
    finally:
        app.close()
    driver.encrypt_file(register_path, PASSPHRASE)
    raw = register_path.read_bytes()
    assert "张三".encode() not in raw
    monkeypatch.setenv(driver.KEY_ENV, PASSPHRASE)
    assert names_in(register_path) == {"张三", "李梅", "王大爷"}
    app = open_app(register_path)
    try:
        assert app.db.encrypted
        assert [p.full_name for p in search_people(app.db, "王大爷")] == ["王大爷"]
    finally:
        app.close()


def test_the_command_line_encrypts_the_register_and_its_plain_backups(register_path, monkeypatch, capsys):
    from desktop.cli import main
    plain = backed_up(register_path, ["张三"])               # no backup passphrase: a plain copy
    assert plain.read_bytes().startswith(b"SQLite format 3")
    assert main(["backup", "encrypt", "--db", str(register_path)]) == 1
    assert driver.KEY_ENV in capsys.readouterr().err
    monkeypatch.setenv(driver.KEY_ENV, "口令")                 # too weak: refused, nothing changed
    assert main(["backup", "encrypt", "--db", str(register_path)]) == 1
    assert "太简单" in capsys.readouterr().err and not driver.is_encrypted(register_path)
    strong = "幸福里 社区 数据 口令"
    monkeypatch.setenv(driver.KEY_ENV, strong)
    assert main(["backup", "encrypt", "--db", str(register_path)]) == 0
    assert "它的1个未加密的备份也用同一个口令加密了" in capsys.readouterr().out
    assert driver.is_encrypted(register_path) and driver.is_encrypted(plain)
    # No readable copy is left beside it; the encrypted backup still restores with the key.
    assert all(driver.is_encrypted(b.path) for b in backup.list_backups(register_path))
    assert b"\xe5\xbc\xa0\xe4\xb8\x89" not in plain.read_bytes()          # 张三
    assert backup.check_backup(backup.list_backups(register_path)[0]) == ""
    assert names_in(register_path) == {"张三"}


def test_damage_in_an_encrypted_register_is_found_at_open(register_path, keyed):
    from db.errors import DamagedDatabaseError
    backed_up(register_path, reason="daily")
    data = bytearray(register_path.read_bytes())
    data[4096 * 3 + 100: 4096 * 3 + 140] = b"\0" * 40       # a page whose HMAC no longer holds
    register_path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError):       # its page no longer authenticates
        open_app(register_path)
    assert backup.newest_good(register_path) is not None


def test_the_wal_and_search_work_on_an_encrypted_register(register_path, keyed):
    app = open_app(register_path)
    try:
        with app.db.reading() as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        add_people(app, ["欧阳娜娜"])
        assert [p.full_name for p in search_people(app.db, "oyn")] == ["欧阳娜娜"]
    finally:
        app.close()


def test_the_command_asks_for_the_other_passphrase_of_a_backup_from_another_computer(
        register_path, tmp_path, keyed, monkeypatch, capsys):
    """A damaged encrypted register, its key known (MENSHEN_DB_KEY), and only the old computer's
    backup, encrypted with that computer's passphrase: ``menshen backup restore`` said "none of
    the backups opens or passes the integrity check, give the folder to a technician" and asked
    nothing. Now it asks for that passphrase; a wrong one is said as such, the right one restores."""
    import io
    from desktop.cli import main
    monkeypatch.setattr(driver, "SCRYPT_N", 1 << 10)      # a dozen key derivations: the words are tested here
    old = tmp_path / "old" / register_path.name
    old.parent.mkdir()
    monkeypatch.setenv(driver.KEY_ENV, "旧电脑 数据 口令 2026")
    app = open_app(old)
    try:
        add_people(app, ["旧电脑"], start=40)
        copy = backup.backup_before(app.db, "manual")
    finally:
        app.close()
    monkeypatch.setenv(driver.KEY_ENV, PASSPHRASE)
    app = open_app(register_path)
    app.close()
    brought = backup.bring_in(register_path, copy)
    damage_encrypted(register_path)
    damaged = register_path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("不对的口令\n"))
    assert main(["backup", "restore", "--db", str(register_path)]) == 2
    err = capsys.readouterr().err
    assert "是用另一个口令加密的，不是这个数据文件的口令" in err            # the question
    assert "口令没有给出或不对，所以没有恢复" in err and "完整性检查" not in err and "Traceback" not in err
    assert register_path.read_bytes() == damaged
    monkeypatch.setattr("sys.stdin", io.StringIO("旧电脑 数据 口令 2026\n"))
    assert main(["backup", "restore", "--db", str(register_path)]) == 0
    assert f"已恢复备份 {brought.path.name}" in capsys.readouterr().out
    assert register_path.read_bytes()[:16] == copy.read_bytes()[:16]      # the old computer's, in place


def test_another_communitys_backup_under_another_passphrase_is_refused_over_an_encrypted_register(
        register_path, tmp_path, monkeypatch, capsys):
    """A backups folder copied from another office: its backup is encrypted with that office's
    data file passphrase, typed to open it. The register here was then read with the typed
    passphrase, did not open, and the check of the community was skipped: the other community's
    people took this one's place. Now it is refused as over a plain register: from the command
    line (the register's key from MENSHEN_DB_KEY) and from File ▸ Backups (the login's key)."""
    import io
    import ui.startup as startup
    from desktop.cli import main
    from desktop.first_run import CommunityPlan, set_up_community
    monkeypatch.setattr(driver, "SCRYPT_N", 1 << 10)      # a few key derivations: the check is tested here
    theirs = tmp_path / "东风" / register_path.name
    theirs.parent.mkdir()
    register_path.unlink()                                 # made encrypted below
    for path, secret, name in ((theirs, "东风 数据 口令 2026", "东风社区"), (register_path, PASSPHRASE, "新民社区")):
        monkeypatch.setenv(driver.KEY_ENV, secret)
        app = open_app(path)
        try:
            set_up_community(app, CommunityPlan(name=name, places_text="幸福里小区"))
            copy = backup.backup_before(app.db, "manual")
        finally:
            app.close()
    other = backup.bring_in(register_path, theirs.parent / "backups" / next(
        p.name for p in (theirs.parent / "backups").iterdir()))
    kept = register_path.read_bytes()

    monkeypatch.setattr("sys.stdin", io.StringIO("东风 数据 口令 2026\n"))
    assert main(["backup", "restore", "--db", str(register_path), "--file", other.path.name]) == 2
    err = capsys.readouterr().err
    assert "另一个社区（东风社区）" in err and "新民社区" in err and "Traceback" not in err
    assert register_path.read_bytes() == kept and not list(register_path.parent.glob("*.before-restore-*"))

    monkeypatch.delenv(driver.KEY_ENV)              # the window: the login found the key
    login_key = driver.key_for(register_path, PASSPHRASE)
    failed, reopened = [], []
    monkeypatch.setattr(startup, "show_failure", failed.append)
    monkeypatch.setattr(startup, "show_window", lambda app_ctx, **kw: reopened.append(app_ctx) or 0)
    assert startup._restore_and_reopen(register_path, other, None, login_key,
                                       ask_passphrase=lambda retry: "东风 数据 口令 2026") == 0
    reopened[0].close()
    [refused] = failed
    assert "另一个社区（东风社区）" in refused.message and "新民社区" in refused.message
    assert not list(register_path.parent.glob("*.before-restore-*"))
    assert copy.exists()                            # this register's own backup: still the way back
