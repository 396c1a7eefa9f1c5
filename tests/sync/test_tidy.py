"""Tidying the stick after a sync (issue 15 point 2): the packages every known machine holds leave
the mailbox; the newest of each machine stays, and so does any this machine has not imported."""
import os
import time

from desktop.sync.exchange import export_package, import_packages, tidy_mailbox, tidy_note
from desktop.sync.mailbox import list_packages
from tests.conftest import as_usb_stick

from .conftest import PASSPHRASE as PASS


def add_person(db, pid):
    with db.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO person (id, full_name) VALUES (?, '张三')", (pid,))


def names(stick):
    return sorted(p.path.name for p in list_packages(stick)[0])


def test_packages_every_machine_holds_leave_the_stick(machines, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    office, gate1, gate2 = machines("office"), machines("gate1"), machines("gate2")
    add_person(office, "p0")
    o1 = export_package(office, stick, PASS).path
    for gate, pid in ((gate1, "p1"), (gate2, "p2")):
        import_packages(gate, stick, PASS)
        add_person(gate, pid)
    g1a, g2a = export_package(gate1, stick, PASS).path, export_package(gate2, stick, PASS).path
    import_packages(office, stick, PASS)
    o2 = export_package(office, stick, PASS).path
    import_packages(gate1, stick, PASS)
    import_packages(gate2, stick, PASS)
    g1b, g2b = export_package(gate1, stick, PASS).path, export_package(gate2, stick, PASS).path
    cut = stick / "OLD_20261201-0800_incremental_deadbeef.cspkg.part"        # a write cut off days ago
    cut.write_bytes(b"cut off")
    os.utime(cut, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    import_packages(office, stick, PASS)
    assert len(names(stick)) == 6

    plan = tidy_mailbox(office, stick)
    assert sorted(plan.remove) == sorted([o1, g1a, g2a])
    assert names(stick) == sorted(p.name for p in (o2, g1b, g2b))          # the newest of each machine
    assert not cut.exists()
    assert tidy_mailbox(office, stick).remove == []                        # again: nothing more


def test_a_package_this_machine_has_not_imported_stays(machines, tmp_path, menshen_home, capsys, monkeypatch):
    """Also: a kept package's reason names machines as the sync page does (site_words: the clerk's
    name, the code in brackets); it said 还有电脑没有收到：704a0fb0-…, a raw site id. And the
    clerk is told why old packages stay (on the command line, after its summary; the sync page the
    same): they were kept and said nowhere, so a stick that never got tidied looked broken."""
    from desktop.cli import main
    from desktop.sync.status import name_this_machine
    stick = tmp_path / "stick"
    stick.mkdir()
    office, gate = machines("office"), machines("gate")
    name_this_machine(gate, "村口卡口笔记本")
    add_person(office, "p0")
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    add_person(gate, "p1")
    first = export_package(gate, stick, PASS).path
    import_packages(office, stick, PASS)
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    add_person(gate, "p2")
    export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    # The office holds the gate's first changes, but say they came by another road (another
    # machine relayed them): it never imported that file itself, so it does not remove it.
    with office.transaction() as conn:
        conn.execute("DELETE FROM sync_package_log WHERE file_name = ?", (first.name,))
    add_person(office, "p3")
    lacked = export_package(office, stick, PASS).path      # not the office's newest: the gate lacks it
    add_person(office, "p4")
    export_package(office, stick, PASS)
    plan = tidy_mailbox(office, stick)
    assert first not in plan.remove and first.exists()
    assert any(path == first and "还没有导入" in why for path, why in plan.keep)
    kept, gate_words = dict(plan.keep), f"村口卡口笔记本（{gate.site.site_code}）"
    assert kept[lacked] == f"还有电脑没有收到：{gate_words}"
    assert f"{gate_words} 最新的同步包" in kept.values()
    assert not any(gate.site.site_id in why for why in kept.values())
    said = f"U盘上还留着1个旧同步包，因为{gate_words}还没有收到：把这个U盘插到那台电脑上同步一次，之后会自动清理。"
    as_usb_stick(monkeypatch, stick)
    assert tidy_note(plan, stick) == said
    office.close()
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", PASS)
    capsys.readouterr()
    assert main(["sync", "import", "--db", str(office.path), "--from", str(stick)]) == 0
    summary, note = capsys.readouterr().out.strip().splitlines()
    assert summary.startswith("同步导入：") and note == said


def test_a_stick_that_cannot_be_written_keeps_its_packages_and_the_sync_stands(machines, tmp_path, monkeypatch):
    """A write-protected stick: the import is done, only the tidying cannot remove anything. It
    says so as a note, the packages stay, and nothing is reported as a failed sync."""
    from pathlib import Path
    stick = tmp_path / "stick"
    stick.mkdir()
    office, gate1, gate2 = machines("office"), machines("gate1"), machines("gate2")
    add_person(office, "p0")
    export_package(office, stick, PASS)
    for gate, pid in ((gate1, "p1"), (gate2, "p2")):
        import_packages(gate, stick, PASS)
        add_person(gate, pid)
        export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    export_package(office, stick, PASS)
    for gate in (gate1, gate2):
        import_packages(gate, stick, PASS)
        export_package(gate, stick, PASS)
    import_packages(office, stick, PASS)
    before = names(stick)

    def read_only(self, *a, **k):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(Path, "unlink", read_only)
    plan = tidy_mailbox(office, stick)                  # a folder on the disk is not called a stick
    assert any(reason == "同步文件夹不能写入，没有清理" for _, reason in plan.keep)
    as_usb_stick(monkeypatch, stick)
    plan = tidy_mailbox(office, stick)
    assert plan.remove == [] and "只读" in plan.failed
    assert any(reason == "U盘不能写入，没有清理" for _, reason in plan.keep)
    assert names(stick) == before

