"""The register a restore replaced, kept beside it (恢复前的副本): listed under the name the restore
gave it, and with no -wal/-shm of its own or of another file left to pair with it later.

A WAL file names no database: SQLite applies the pages in ``X-wal`` to whatever file is called
``X`` when it opens. So a -wal left behind under a name another file may take (an aside's, or the
register's own when the register file itself went missing) is how a later open puts one
register's pages into another."""
import shutil
from datetime import datetime

import pytest

from desktop import backup
from desktop.app import open_app
from tests.backup.conftest import add_people, backed_up, names_in, restore_lines

BEFORE = ["张三", "李梅"]
AFTER = ["赵后来"]
NOW = datetime(2026, 12, 7, 5, 30, 0)


def _backed_up_then_more(path):
    return backed_up(path, BEFORE, later=AFTER)


def _new_computer(tmp_path):
    """A new computer's empty register (its first start) and the office's backup in its folder."""
    made = _backed_up_then_more(tmp_path / "旧电脑" / "register.db")
    new = tmp_path / "新电脑" / "register.db"
    new.parent.mkdir()
    open_app(new).close()
    backup.folder_of(new).mkdir()
    shutil.copy(made, backup.folder_of(new) / made.name)
    return new


def _sides(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal")))


def test_an_empty_register_set_aside_twice_in_one_second_is_listed_each_time_and_once_restored(tmp_path):
    """The names ``set_aside`` gives (``.empty``, ``-2``, ``.restored``) are the ones the list reads."""
    new = _new_computer(tmp_path)
    office = backup.list_backups(new)[0]
    first = backup.restore(new, office, now=NOW).aside
    open_app(new.with_name("空的.db")).close()              # the empty register again, restored again
    new.unlink()
    shutil.move(new.with_name("空的.db"), new)
    second = backup.restore(new, office, now=NOW).aside
    assert (first.name, second.name) == ("register.db.before-restore-20261207-053000.empty",
                                         "register.db.before-restore-20261207-053000-2.empty")
    listed = {b.path.name: b.label for b in backup.list_backups(new, asides=True) if b.aside}
    assert listed == {first.name: "恢复前的副本，空的数据文件（没有住户和人员）",
                      second.name: "恢复前的副本，空的数据文件（没有住户和人员）"}
    back = next(b for b in backup.list_backups(new, asides=True) if b.path == second)
    backup.restore(new, back, now=NOW)
    labels = {b.path.name: b.label for b in backup.list_backups(new, asides=True) if b.aside}
    assert labels[second.name + ".restored"] == "恢复前的副本，已恢复，空的数据文件（没有住户和人员）"


def test_a_register_closed_cleanly_is_set_aside_without_a_wal_or_shm_beside_it(tmp_path):
    """The restore's checks (which community, does it hold anything) looked at the register
    read-only, and a read-only look cannot tidy up after itself: an empty -wal and a -shm were
    left, then renamed with it (register.db.before-restore-…-wal, -shm) and stayed for good."""
    new = _new_computer(tmp_path)
    assert _sides(new.parent) == []                         # closed cleanly: the file alone
    done = backup.restore(new, backup.list_backups(new)[0], now=NOW)
    assert _sides(new.parent) == []
    assert names_in(done.aside) == set() and names_in(new) == set(BEFORE)
    assert _sides(new.parent) == []


def test_a_healthy_register_restored_over_leaves_its_aside_alone_and_whole(register_path):
    _backed_up_then_more(register_path)
    done = backup.restore(register_path, backup.list_backups(register_path)[0], now=NOW)
    assert _sides(register_path.parent) == []
    assert names_in(done.aside) == set(BEFORE + AFTER)


def _crashed_wal(path, names, start):
    """The -wal a register had when its program was cut off after ``names`` were added: the
    pages of the last writes, which SQLite lays over the file called ``path`` when it opens."""
    app = open_app(path)
    try:
        add_people(app, names, start=start)
        wal = path.with_name(path.name + "-wal").read_bytes()
    finally:
        app.close()
    assert len(wal) > 32
    return wal


def test_a_register_gone_with_its_wal_left_is_restored_without_that_wal(register_path):
    """The register file was quarantined by an antivirus after a power cut; its -wal stayed. The
    restore put the backup in its place, and the next open laid the old -wal's pages over it."""
    _backed_up_then_more(register_path)
    wal = _crashed_wal(register_path, ["孙断电"], 30)
    register_path.unlink()
    register_path.with_name(register_path.name + "-wal").write_bytes(wal)
    assert backup.missing_register(register_path) is not None
    backup.restore(register_path, backup.list_backups(register_path)[0], now=NOW)
    assert names_in(register_path) == set(BEFORE)
    app = open_app(register_path)
    try:
        with app.db.reading() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        app.close()
    # The old -wal is kept (it holds the last entries), under the aside's name, beside no file.
    kept = register_path.with_name("register.db.before-restore-20261207-053000-wal")
    assert kept.read_bytes() == wal and not kept.with_name(kept.name[:-4]).exists()


def test_a_wal_left_under_an_asides_name_never_pairs_with_the_next_aside(register_path, tmp_path):
    """A 恢复前的副本 deleted by hand with its -wal left behind: the next restore (in the same
    second) set the register aside under that very name, and the aside then opened with the
    other file's pages."""
    _backed_up_then_more(register_path)
    other = tmp_path / "别的" / "register.db"
    other.parent.mkdir()
    wal = _crashed_wal(other, ["周别处", "吴别处", "郑别处"], 40)
    left = register_path.with_name("register.db.before-restore-20261207-053000-wal")
    left.write_bytes(wal)
    done = backup.restore(register_path, backup.list_backups(register_path)[0], now=NOW)
    assert done.aside.name == "register.db.before-restore-20261207-053000-2"
    assert names_in(done.aside) == set(BEFORE + AFTER)
    assert left.read_bytes() == wal                         # the other file's WAL, untouched


KEPT_WAL = "register.db.before-restore-20261207-053000-wal"


def _gone_with_its_wal(path, wal_left: bool = True):
    """A register whose file went missing after a power cut (an antivirus took it), its -wal with
    the last entry (孙断电) left beside it, or not (``wal_left``)."""
    _backed_up_then_more(path)
    wal = _crashed_wal(path, ["孙断电"], 30)
    path.unlink()
    if wal_left:
        path.with_name(path.name + "-wal").write_bytes(wal)


def test_the_restores_audit_line_says_where_a_gone_registers_wal_was_kept(register_path):
    """The restore kept the -wal (it may hold the last entries), and said nothing of it: the
    audit line read "原来没有数据文件（不见了），没有要保留的", and nobody knew to look for it."""
    _gone_with_its_wal(register_path)
    done = backup.restore(register_path, backup.list_backups(register_path)[0], now=NOW)
    [line] = restore_lines(register_path)
    said = line[10]
    assert f"出事前最后录入的内容可能在保留下来的文件 {KEPT_WAL} 里（在数据文件旁边，{register_path.parent}）" in said, said
    assert "请把这个文件交给技术人员" in said and "没有要保留的" not in said
    assert done.aside is None and done.kept_wal == register_path.with_name(KEPT_WAL)


def test_the_restores_audit_line_says_nothing_of_a_wal_when_none_was_kept_alone(register_path, tmp_path):
    """The file gone with no -wal left; a register restored over with its -wal beside it (kept
    with it, paired): nothing to tell."""
    _gone_with_its_wal(register_path, wal_left=False)
    backup.restore(register_path, backup.list_backups(register_path)[0], now=NOW)
    [line] = restore_lines(register_path)
    assert "原来没有数据文件（不见了），没有要保留的" in line[10] and "-wal" not in line[10]
    assert "技术人员" not in line[10]

    crashed = tmp_path / "断电" / "register.db"
    crashed.parent.mkdir()
    _backed_up_then_more(crashed)
    wal = _crashed_wal(crashed, ["孙断电"], 30)
    crashed.with_name(crashed.name + "-wal").write_bytes(wal)       # the file and its -wal, both there
    done = backup.restore(crashed, backup.list_backups(crashed)[0], now=NOW)
    assert done.kept_wal is None and done.aside.with_name(done.aside.name + "-wal").exists()
    [line] = restore_lines(crashed)
    assert "改名保留为 register.db.before-restore-20261207-053000" in line[10]
    assert "技术人员" not in line[10] and "最后录入" not in line[10]


@pytest.mark.parametrize("wal_left", [True, False])
def test_menshen_backup_restore_says_where_a_gone_registers_wal_was_kept(register_path, capsys, wal_left):
    from desktop.cli import main
    _gone_with_its_wal(register_path, wal_left)
    assert main(["backup", "restore", "--db", str(register_path)]) == 0
    out = capsys.readouterr().out
    kept = [p.name for p in register_path.parent.glob("register.db.before-restore-*-wal")]
    assert len(kept) == int(wal_left)
    if wal_left:
        assert f"出事前最后录入的内容可能在保留下来的文件 {kept[0]} 里" in out and "交给技术人员" in out, out
    else:
        assert "已恢复备份" in out and "技术人员" not in out and "-wal" not in out, out
