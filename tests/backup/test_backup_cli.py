"""``menshen backup list/now/restore`` and what a command says about a damaged register."""
from desktop import backup
from desktop.app import open_app
from desktop.cli import main
from tests.backup.conftest import add_people, backed_up, damage, damage_schema, names_in, restore_lines


def _register(path):
    backed_up(path, reason=None)


def test_a_command_on_a_damaged_register_names_the_backup_and_the_restore(register_path, tmp_path, capsys):
    _register(register_path)
    assert main(["backup", "now", "--db", str(register_path)]) == 0
    assert "已备份 → " in capsys.readouterr().out
    damage(register_path)

    code = main(["export", "register", "--db", str(register_path), "--to", str(tmp_path / "out.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "已损坏" in err and "最新的完好备份" in err and "手动备份" in err
    assert f"menshen backup restore --db {register_path}" in err

    assert main(["backup", "list", "--db", str(register_path)]) == 0
    out = capsys.readouterr().out
    assert "手动备份" in out and "共有1个备份，在" in out

    assert main(["backup", "restore", "--db", str(register_path)]) == 0
    out = capsys.readouterr().out
    assert "已恢复备份" in out and "原来的文件另存为" in out and ".damaged-" in out
    assert names_in(register_path) == {"张三", "李梅"}
    kept = [p for p in register_path.parent.glob("register.db.damaged-*") if p.name[-4:] not in ("-wal", "-shm")]
    assert len(kept) == 1 and kept[0].stat().st_size > 0


def test_a_register_whose_table_definitions_are_damaged_is_restored(register_path, empty_register, capsys):
    """The restore read the register's community through SQLite's message quoting the damaged
    definition, which Python cannot decode: 意外的问题（UnicodeDecodeError）, nothing restored."""
    from tests.conftest import new_database_file
    app = open_app(new_database_file(empty_register, register_path))
    try:
        add_people(app, ["张三", "李梅"])
        backup.backup_before(app.db, "manual")
    finally:
        app.close()
    damage_schema(register_path)
    assert main(["backup", "restore", "--db", str(register_path)]) == 0
    out, err = capsys.readouterr()
    assert "已恢复备份" in out and "原来的文件另存为" in out and ".damaged-" in out and err == ""


def test_the_advice_on_a_damaged_register_says_where_the_restore_keeps_the_wal_left_beside_it(
        register_path, capsys):
    """A damaged register with a -wal beside it (what was not yet written into the file: the
    last entries may be there): the advice named the backup and the restore, and not that file,
    nor where the restore would put it. Now it does, and the restore keeps it there."""
    backed_up(register_path)
    app = open_app(register_path)
    try:
        add_people(app, ["孙断电"], start=30)
        wal = register_path.with_name("register.db-wal").read_bytes()     # as a power cut leaves it
    finally:
        app.close()
    damage(register_path, "care_subject")
    register_path.with_name("register.db-wal").write_bytes(wal)
    capsys.readouterr()
    assert main(["care", "--db", str(register_path)]) == 2
    err = capsys.readouterr().err
    assert "最新的完好备份" in err and "数据文件旁边留着一个 register.db-wal 文件" in err
    assert f"改名保留在数据文件旁边（{register_path.parent}，文件名 register.db.damaged-恢复时间-wal）" in err
    assert main(["backup", "restore", "--db", str(register_path)]) == 0
    assert len(list(register_path.parent.glob("register.db.damaged-*-wal"))) == 1


def test_a_damaged_register_on_a_write_protected_stick_is_not_told_its_backups_are_bad(tmp_path, capsys):
    """A damaged register and its good backup on a write-protected stick: the check of a backup
    copies it beside itself first, which the stick refused, so every backup was "not passing the
    integrity check, give the folder to a technician", and a command's advice ended in a Python
    traceback. Now both say the folder cannot be written, the backup is sound, and what to do."""
    import os
    import shutil
    import subprocess
    import pytest
    made = tmp_path / "made" / "register.db"
    made.parent.mkdir()
    backed_up(made, ["张三"])
    damage(made)
    stick = tmp_path / "stick"
    stick.mkdir()
    root = os.geteuid() == 0
    if root and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(stick)],
                               capture_output=True).returncode != 0:
        pytest.skip("no mount here")
    try:
        shutil.copytree(made.parent, stick, dirs_exist_ok=True)
        if root:
            subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
        else:
            for folder in (stick / "backups", stick):
                folder.chmod(0o555)
        capsys.readouterr()
        assert main(["care", "--db", str(stick / "register.db")]) == 2
        err = capsys.readouterr().err
        assert "已损坏" in err and "不能写入" in err and "备份本身没有问题" in err and "Traceback" not in err
        assert main(["backup", "restore", "--db", str(stick / "register.db")]) == 2
        err = capsys.readouterr().err
        assert "备份本身没有问题" in err and "完整性检查" not in err
    finally:
        if root:
            subprocess.run(["umount", str(stick)])
        else:
            for folder in (stick, stick / "backups"):
                folder.chmod(0o755)


def test_restore_without_a_good_backup_changes_nothing(register_path, capsys):
    _register(register_path)
    register_path.write_bytes(b"")
    assert main(["backup", "restore", "--db", str(register_path)]) == 1
    err = capsys.readouterr().err
    assert "没有" in err and "备份" in err and "Traceback" not in err
    assert register_path.exists() and register_path.stat().st_size == 0


def test_restore_of_a_named_backup_that_is_damaged_is_refused(register_path, capsys):
    _register(register_path)
    main(["backup", "now", "--db", str(register_path)])
    item = backup.list_backups(register_path)[0]
    damage(item.path)
    capsys.readouterr()
    assert main(["backup", "restore", "--db", str(register_path), "--file", item.path.name]) == 2
    assert "已损坏" in capsys.readouterr().err
    assert names_in(register_path) == {"张三", "李梅"}      # untouched


def _restore_over_a_later_person(register_path):
    """张三 and 李梅, a backup, then 赵后来 added, then the backup restored over him (a wrong restore)."""
    _register(register_path)
    assert main(["backup", "now", "--db", str(register_path)]) == 0
    app = open_app(register_path)
    try:
        add_people(app, ["赵后来"], start=10)
    finally:
        app.close()
    assert main(["backup", "restore", "--db", str(register_path)]) == 0


def test_a_wrong_restore_is_listed_and_undone_by_the_same_command(register_path, capsys):
    """The register a restore put aside is listed ("恢复前的副本") and restored like a backup."""
    _restore_over_a_later_person(register_path)
    assert names_in(register_path) == {"张三", "李梅"}
    capsys.readouterr()

    assert main(["backup", "list", "--db", str(register_path)]) == 0
    out = capsys.readouterr().out
    line = next(li for li in out.splitlines() if "恢复前的副本" in li)
    name = line.split()[-1]
    assert name.startswith("register.db.before-restore-")
    assert "共有1个备份，在" in out

    assert main(["backup", "restore", "--db", str(register_path), "--file", name]) == 0
    assert names_in(register_path) == {"张三", "李梅", "赵后来"}


def test_the_aside_a_restore_used_is_kept_and_listed_as_restored(register_path, capsys):
    """After the wrong restore is undone, the list offered the used aside again, unmarked, beside
    the new one: it is kept (never deleted) and listed as "恢复前的副本，已恢复"."""
    _restore_over_a_later_person(register_path)
    capsys.readouterr()
    assert main(["backup", "list", "--db", str(register_path)]) == 0
    used = next(li for li in capsys.readouterr().out.splitlines() if "恢复前的副本" in li).split()[-1]
    assert main(["backup", "restore", "--db", str(register_path), "--file", used]) == 0
    out = capsys.readouterr().out
    assert f"{used} 已改名为 {used}.restored（已恢复）" in out
    assert names_in(register_path) == {"张三", "李梅", "赵后来"}

    assert main(["backup", "list", "--db", str(register_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    asides = [li for li in lines if "恢复前的副本" in li and "register.db." in li]
    assert len(asides) == 2
    marked = [li for li in asides if "，已恢复" in li]
    assert len(marked) == 1 and marked[0].split()[-1] == f"{used}.restored"
    fresh = next(li for li in asides if "已恢复" not in li).split()[-1]
    assert names_in(register_path.parent / fresh) == {"张三", "李梅"}       # what the undo replaced
    assert names_in(register_path.parent / f"{used}.restored") == {"张三", "李梅", "赵后来"}
    assert not (register_path.parent / used).exists()


def test_an_empty_register_without_a_backup_gets_one_piece_of_advice(register_path, tmp_path, capsys):
    """A 0-byte file: its message says to find the original or delete it to start afresh; the
    backup line must not then say "do not delete it, give it to a technician"."""
    register_path.write_bytes(b"")
    code = main(["export", "register", "--db", str(register_path), "--to", str(tmp_path / "out.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "是空的（0 字节）" in err and "没有找到 register.db 的完好备份" in err
    assert "请不要删除" not in err
    assert register_path.read_bytes() == b"" and not (tmp_path / "out.xlsx").exists()


def test_only_an_admin_restores_a_register_with_accounts_from_the_command_line(register_path, capsys, monkeypatch):
    """As in the window (File ▸ Backups): a gate account, or no login at all, cannot put an old
    backup in place of a register that opens and has accounts; the admin can."""
    from desktop.accounts import create_account, create_first_admin, login
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        create_first_admin(app.db, "书记", "admin-pass")
        login(app.db, "书记", "admin-pass")
        create_account(app.db, "老李", "gate", "gate-pass")
        backup.backup_before(app.db, "daily")
        add_people(app, ["赵后来"], start=10)
    finally:
        app.close()
    assert main(["backup", "restore", "--db", str(register_path)]) == 3
    assert "恢复备份要用管理员账号" in capsys.readouterr().err
    monkeypatch.setenv("MENSHEN_PASSWORD", "gate-pass")
    assert main(["backup", "restore", "--db", str(register_path), "--user", "老李"]) == 1
    err = capsys.readouterr().err
    assert "没有“恢复备份”的权限" in err and "Traceback" not in err
    assert "赵后来" in names_in(register_path)                     # nothing was put aside
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    assert main(["backup", "restore", "--db", str(register_path), "--user", "书记"]) == 0
    assert "赵后来" not in names_in(register_path)


def _backup_named(register_path, day: str, data: bytes):
    """A file in the backups folder under a backup's name (copied there by hand, cut short…)."""
    path = backup.folder_of(register_path) / f"{register_path.name}.{day}-090000.daily.bak"
    path.write_bytes(data)
    return path


def test_an_empty_a_foreign_or_a_renamed_backup_is_refused_by_name_and_the_register_kept(register_path, capsys):
    """A 0-byte file, a workbook renamed .bak, and a SQLite file that is not a register pass
    SQLite's integrity check: restored, they took the register's place and it would not open."""
    import sqlite3
    _register(register_path)
    main(["backup", "now", "--db", str(register_path)])
    empty = _backup_named(register_path, "20261201", b"")
    workbook = _backup_named(register_path, "20261202", b"PK\x03\x04" + b"\0" * 4092)
    foreign = _backup_named(register_path, "20261203", b"")
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes(x)")
    conn.close()
    capsys.readouterr()
    for item, said in ((empty, "是空的"), (workbook, "Excel 工作簿"), (foreign, "不是门神的数据文件")):
        assert main(["backup", "restore", "--db", str(register_path), "--file", item.name]) == 2
        err = capsys.readouterr().err
        assert said in err and item.name in err and ".part" not in err and "Traceback" not in err
        assert names_in(register_path) == {"张三", "李梅"}
    assert not list(register_path.parent.glob("*.before-restore-*"))        # nothing was moved
    assert not list(backup.folder_of(register_path).glob("*.part"))


def test_a_backup_made_by_a_newer_menshen_is_refused_and_a_newer_register_can_be_restored_over(
        register_path, capsys):
    """Restored, a newer version's backup left a register this program refuses to open, and
    ``backup restore`` then stopped with the same refusal: the clerk could not go back."""
    import shutil
    import sqlite3
    from db.migrations import latest_version
    _register(register_path)
    main(["backup", "now", "--db", str(register_path)])
    good = backup.list_backups(register_path)[0]
    newer = _backup_named(register_path, "20991231", good.path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    capsys.readouterr()
    assert main(["backup", "restore", "--db", str(register_path), "--file", newer.name]) == 2
    err = capsys.readouterr().err
    assert "更新版本的门神" in err and newer.name in err and "Traceback" not in err
    assert names_in(register_path) == {"张三", "李梅"}
    assert backup.newest_good(register_path).path == good.path     # passed over, not offered

    shutil.copy(newer, register_path)           # the register itself from a newer Menshen
    assert main(["backup", "restore", "--db", str(register_path), "--file", good.path.name]) == 0
    assert "before-restore" in capsys.readouterr().out
    assert names_in(register_path) == {"张三", "李梅"}


def test_a_backup_of_another_community_is_refused_and_the_register_kept(register_path, tmp_path, capsys):
    """A backups folder copied from another office's PC: the restore put that community's
    people in place of this one's (this one only kept aside under another name)."""
    from desktop.first_run import CommunityPlan, set_up_community
    for path, name, people in ((register_path, "新民社区", ["张三"]), (tmp_path / "other.db", "东风社区", ["外社区人"])):
        app = open_app(path)
        try:
            set_up_community(app, CommunityPlan(name=name, places_text="幸福里小区"))
            add_people(app, people)
        finally:
            app.close()
    main(["backup", "now", "--db", str(register_path)])
    ours = backup.list_backups(register_path)[0]
    theirs = _backup_named(register_path, "20991231", b"")
    app = open_app(tmp_path / "other.db")
    try:
        copied = backup.backup_before(app.db, "manual")
    finally:
        app.close()
    theirs.write_bytes(copied.read_bytes())
    capsys.readouterr()

    assert main(["backup", "restore", "--db", str(register_path), "--file", theirs.name]) == 2
    err = capsys.readouterr().err
    assert "另一个社区（东风社区）" in err and "新民社区" in err and theirs.name in err and "Traceback" not in err
    assert names_in(register_path) == {"张三"}
    assert not list(register_path.parent.glob("*.before-restore-*")) and not list(tmp_path.glob("*.part"))
    assert main(["backup", "restore", "--db", str(register_path), "--file", ours.path.name]) == 0   # its own: as before


def test_menshen_backup_restore_is_in_the_audit_with_the_admin_or_no_login(register_path, capsys, monkeypatch):
    """``menshen backup restore`` put the register back a week without a line in its audit: the
    admin who logged in for it is named; a damaged register, restored before any login, says
    nobody logged in."""
    from desktop.accounts import create_first_admin, login
    app = open_app(register_path)
    try:
        add_people(app, ["张三"])
        create_first_admin(app.db, "书记", "admin-pass")
        login(app.db, "书记", "admin-pass")
        made = backup.backup_before(app.db, "daily")
        add_people(app, ["赵后来"], start=10)
    finally:
        app.close()
    monkeypatch.setenv("MENSHEN_PASSWORD", "admin-pass")
    assert main(["backup", "restore", "--db", str(register_path), "--user", "书记"]) == 0
    [line] = restore_lines(register_path, "书记", "admin-pass")
    assert line[1:4] == ("书记", "恢复备份", "整个数据文件") and line[9] == made.name
    assert "每日自动备份" in line[10] and ".before-restore-" in line[10]
    damage(register_path)
    assert main(["backup", "restore", "--db", str(register_path), "--file", made.name]) == 0
    capsys.readouterr()
    lines = restore_lines(register_path, "书记", "admin-pass")
    assert [line[1][:3] for line in lines] == ["未登录"] and ".damaged-" in lines[0][10]
