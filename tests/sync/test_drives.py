"""Finding USB sticks, with the operating system's answers handed in."""
from pathlib import Path, PureWindowsPath

from desktop.sync import drives


def test_windows_removable_letters_only():
    types = {"A:\\": 2, "C:\\": 3, "D:\\": 5, "E:\\": 2, "F:\\": 4}
    mask = sum(1 << (ord(root[0]) - ord("A")) for root in types)
    api = drives.WindowsApi(lambda: mask, lambda root: types[root])
    found = drives.removable_drives(platform="win32", windows_api=api,
                                    exists=lambda p: str(p).startswith("E:"))
    assert [str(d.root) for d in found] == ["E:\\", "A:\\"]       # the stick with a mailbox first
    assert found[0].has_mailbox and not found[1].has_mailbox
    assert PureWindowsPath(str(found[0].root)).drive == "E:"


MOUNTS = "\n".join([
    "/dev/sda2 / ext4 rw,relatime 0 0",
    "proc /proc proc rw 0 0",
    "tmpfs /run tmpfs rw 0 0",
    "/dev/sdb1 /media/clerk/KINGSTON vfat rw,uid=1000 0 0",
    "/dev/sdc1 /run/media/clerk/U\\040DISK exfat rw 0 0",
    "/dev/sdd1 /mnt/stick vfat rw 0 0",
    "/dev/sde1 /mnt/backup ext4 rw 0 0",
    "/dev/mmcblk0p1 /mnt/sd vfat rw 0 0",
    "/dev/nvme0n1p1 /boot/efi vfat rw 0 0",
    "server:/share /mnt/nfs nfs rw 0 0",
    "/dev/sr0 /media/clerk/CDROM iso9660 ro 0 0",
])


def test_linux_media_mounts_and_removable_disks(tmp_path):
    for disk, flag in {"sda": "0", "sdb": "1", "sdc": "0", "sdd": "1", "sde": "0", "mmcblk0": "1",
                       "nvme0n1": "0"}.items():
        (tmp_path / disk).mkdir()
        (tmp_path / disk / "removable").write_text(flag + "\n")
    found = drives.removable_drives(platform="linux", mounts_text=MOUNTS, sys_block=tmp_path,
                                    user="clerk", exists=lambda p: "KINGSTON" in str(p))
    assert [str(d.root) for d in found] == ["/media/clerk/KINGSTON", "/mnt/sd", "/mnt/stick",
                                            "/run/media/clerk/U DISK"]
    assert found[0].has_mailbox and found[0].label == "KINGSTON"


def test_linux_without_proc_or_another_system():
    assert drives.linux_drives(mounts_text="", sys_block=Path("/nonexistent"), user="x") == []
    assert drives.removable_drives(platform="darwin") == []


def test_disk_of_partition():
    assert [drives._disk_of(d) for d in ("/dev/sdb1", "/dev/sdb", "/dev/mmcblk0p1", "/dev/nvme0n1p2",
                                         "/dev/loop0")] == ["sdb", "sdb", "mmcblk0", "nvme0n1", None]


def test_a_register_on_another_computers_disk_is_told_apart():
    types = {"C:\\": 3, "Z:\\": 4}
    api = drives.WindowsApi(lambda: 0, lambda root: types.get(root, 3))
    on_windows = lambda path: drives.network_location(path, platform="win32", windows_api=api)   # noqa: E731
    assert on_windows(r"\\办公室电脑\共享\门神\menshen.db") == r"\\办公室电脑\共享"
    assert on_windows(r"\\?\UNC\server\share\menshen.db") == r"\\server\share"
    assert on_windows(r"Z:\门神\data\menshen.db") == "Z:\\"          # a mapped network drive
    assert on_windows(r"C:\Users\clerk\AppData\Local\Menshen\menshen.db") is None
    assert on_windows(r"\\?\C:\门神\menshen.db") is None
    mounts = MOUNTS + "\n//office/share /home/clerk/共享 cifs rw 0 0"
    on_linux = lambda path: drives.network_location(path, platform="linux", mounts_text=mounts)  # noqa: E731
    assert on_linux("/mnt/nfs/menshen/menshen.db") == "server:/share"
    assert on_linux("/home/clerk/共享/menshen.db") == "//office/share"
    assert on_linux("/home/clerk/共享2/menshen.db") is None             # only inside the mount
    assert on_linux("/mnt/backup/menshen.db") is None


def test_the_program_does_not_open_a_register_on_a_share(tmp_path, monkeypatch):
    import pytest

    from db.errors import StorageError
    from desktop.app import open_app
    shared = tmp_path / "share"
    monkeypatch.setattr(drives, "network_location",
                        lambda path, **_: r"\\办公室电脑\共享" if str(path).startswith(str(shared)) else None)
    with pytest.raises(StorageError) as refused:
        open_app(shared / "menshen.db")
    assert "网络共享" in refused.value.message and r"\\办公室电脑\共享" in refused.value.message
    assert "同步" in refused.value.message and not (shared / "menshen.db").exists()
    open_app(tmp_path / "local.db").close()                              # this computer's own disk opens


def test_a_sync_folder_is_said_as_a_stick_only_on_a_removable_drive():
    """The sync page and the command line said U盘上 of every folder: a shared one on another
    computer, a plain one on this disk. A folder on a removable drive (its mailbox, or one chosen
    by hand on it) is a stick's; any other is named by its path, 共享 when another computer's."""
    stick = drives.place_of("/media/clerk/STICK/menshen-sync", platform="linux",
                            removable_roots=[Path("/media/clerk/STICK")])
    assert stick.stick and stick.on == "U盘上" and stick.make_sure("本社区") == "请确认插的是本社区的U盘。"
    assert drives.place_of("/media/clerk/STICK", platform="linux", removable_roots=[Path("/media/clerk/STICK")]).stick
    mounts = "//office/share /mnt/share cifs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    shared = drives.place_of("/mnt/share/门神同步", platform="linux", removable_roots=[], mounts_text=mounts)
    assert shared.on == "这个共享文件夹（/mnt/share/门神同步）里" and shared.into == "这个文件夹里"
    assert shared.make_sure("本社区") == "请确认选的是本社区的同步文件夹。"
    assert shared.sync_at("那台电脑") == "在那台电脑上和这个文件夹同步一次" and "网络" in shared.gone
    local = drives.place_of("/home/clerk/同步", platform="linux", removable_roots=[Path("/media/clerk/STICK")],
                            mounts_text=mounts)
    assert local.on == "这个文件夹（/home/clerk/同步）里" and not local.stick and "U盘" not in local.gone


def test_a_write_or_read_that_fails_in_a_folder_on_the_disk_does_not_blame_a_usb_stick(tmp_path, monkeypatch):
    """A full disk, a bad read-back, a read-back cut off, a read that fails, in a folder on this
    disk: the words said a USB stick was full, pulled out or had bad blocks. They name the
    folder now; a stick is still a stick."""
    import errno

    from desktop.sync import errors as e
    from desktop.sync.exchange import _read_back_cut
    from tests.conftest import as_usb_stick
    folder = tmp_path / "同步"
    folder.mkdir()
    cut = folder / "S0001_x.cspkg"
    cut.write_bytes(b"unchecked")
    said = [e.StickWriteError("磁盘已满", file=cut.name, where=folder).message,
            e.WriteVerifyError("内容与写入的不同", file=cut.name, where=folder).message,
            _read_back_cut(cut, OSError(errno.EIO, "Input/output error"), drives.place_of(folder)).message]
    for text in said:
        assert f"这个文件夹（{folder}）里" in text and "U盘" not in text.replace("或用U盘", ""), text
    read = e.StickReadError("读写出错", file=cut.name, where=folder).retold("import").message
    assert read.startswith("读取同步文件夹时出错（读写出错）：这个文件夹可能被移走或改了名") and "U盘" not in read
    assert "再导入一次" in read
    assert "磁盘可能已满" in said[0] and "读回检查时同步文件夹读不出来了" in said[2]
    as_usb_stick(monkeypatch, folder)
    assert e.StickWriteError("磁盘已满", where=folder).message.startswith("写入U盘时出错（磁盘已满）：U盘可能已满")
    assert e.StickReadError("读写出错", where=folder).message.startswith("读取U盘时出错（读写出错）：U盘可能被拔出或接触不良")
