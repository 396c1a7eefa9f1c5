"""Find the USB sticks plugged into this computer (可移动磁盘), to offer them on the sync page,
and tell a register on another computer's disk (a network drive, a shared folder).

Windows: the drive letters from ``GetLogicalDrives`` whose ``GetDriveTypeW`` is
DRIVE_REMOVABLE. Linux: what udisks mounts under ``/media/$USER`` or ``/run/media/$USER``, and
any mount in ``/proc/mounts`` whose disk says ``removable`` = 1 in ``/sys/block``. Every lookup
can be handed in, so tests run anywhere.
"""
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.settings import get_setting, set_setting
from desktop.sync.mailbox import FOLDER_NAME

DRIVE_REMOVABLE = 2
DRIVE_REMOTE = 4
# File systems on another computer: SQLite's write-ahead log needs memory shared by every
# process that opens the file, which two PCs opening one file on a share do not have.
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.sshfs",
               "fuse.rclone", "davfs", "fuse.davfs2"}
_PSEUDO_FS = {"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "overlay",
              "squashfs", "autofs", "mqueue", "debugfs", "tracefs", "securityfs", "pstore",
              "bpf", "fusectl", "configfs", "hugetlbfs", "binfmt_misc", "ramfs", "nsfs",
              "iso9660", "udf"}     # read-only discs: nothing can be posted there


@dataclass(frozen=True)
class Drive:
    root: Path
    label: str
    has_mailbox: bool       # a menshen-sync folder is already there


@dataclass(frozen=True)
class WindowsApi:
    """The two kernel32 calls, replaceable in tests."""
    get_logical_drives: Callable[[], int]
    get_drive_type: Callable[[str], int]


def _kernel32() -> WindowsApi:  # pragma: no cover - Windows only
    import ctypes
    k32 = ctypes.windll.kernel32
    k32.GetDriveTypeW.argtypes = [ctypes.c_wchar_p]
    return WindowsApi(lambda: k32.GetLogicalDrives(), lambda root: k32.GetDriveTypeW(root))


def windows_drives(api: WindowsApi | None = None) -> list[Path]:
    api = api or _kernel32()
    mask = api.get_logical_drives()
    roots = []
    for i in range(26):
        if mask & (1 << i):
            root = f"{chr(ord('A') + i)}:\\"
            if api.get_drive_type(root) == DRIVE_REMOVABLE:
                roots.append(Path(root))
    return roots


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040 (and tab, newline, backslash likewise)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _disk_of(device: str) -> str | None:
    """/dev/sdb1 → sdb, /dev/mmcblk0p1 → mmcblk0, /dev/nvme0n1p2 → nvme0n1."""
    name = os.path.basename(device)
    m = (re.fullmatch(r"((?:sd|vd|hd|xvd)[a-z]+)\d*", name)
         or re.fullmatch(r"((?:mmcblk|nvme\d+n)\d+)(?:p\d+)?", name))
    return m.group(1) if m else None


def linux_drives(*, mounts_text: str | None = None, sys_block: Path = Path("/sys/block"),
                 user: str | None = None) -> list[Path]:
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text()
        except OSError:
            return []
    user = user if user is not None else (os.environ.get("USER") or os.environ.get("LOGNAME") or "")
    media_roots = [f"/media/{user}/", f"/run/media/{user}/"] if user else []
    media_roots.append("/media/")
    roots: list[Path] = []
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[2] in _PSEUDO_FS:
            continue
        device, mount = parts[0], _unescape(parts[1])
        removable = any(mount.startswith(prefix) for prefix in media_roots)
        disk = _disk_of(device) if device.startswith("/dev/") else None
        if not removable and disk:
            try:
                removable = (sys_block / disk / "removable").read_text().strip() == "1"
            except OSError:
                removable = False
        if removable and mount != "/" and Path(mount) not in roots:
            roots.append(Path(mount))
    return roots


def removable_drives(*, platform: str | None = None, windows_api: WindowsApi | None = None,
                     mounts_text: str | None = None, sys_block: Path = Path("/sys/block"),
                     user: str | None = None, exists: Callable[[Path], bool] = Path.is_dir) -> list[Drive]:
    """The removable drives to offer, the ones that already hold a mailbox first."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        roots = windows_drives(windows_api)
    elif platform.startswith("linux"):
        roots = linux_drives(mounts_text=mounts_text, sys_block=sys_block, user=user)
    else:
        roots = []
    drives = [Drive(root, str(root) if platform.startswith("win") else (root.name or str(root)),
                    exists(root / FOLDER_NAME)) for root in roots]
    return sorted(drives, key=lambda d: (not d.has_mailbox, str(d.root)))


# -- the folder the sync page used last on this machine (local_setting: never synced) --------------

FOLDER_SETTING = "sync_folder"


def remember_folder(db, kind: str, path: str) -> None:
    """Keep the sync page's choice: ("drive", its root) or ("folder", a shared folder)."""
    set_setting(db, FOLDER_SETTING, json.dumps([kind, str(path)], ensure_ascii=False))


def remembered_folder(db) -> tuple[str, str, bool] | None:
    """(kind, path, still there) of the folder the sync page used last here, or None. A stick's
    drive letter may be another today: its root gone is said, never guessed at."""
    try:
        kind, path = json.loads(get_setting(db, FOLDER_SETTING) or "null") or (None, None)
    except (ValueError, TypeError):         # written by hand or by a newer version: forgotten
        return None
    if kind not in ("drive", "folder") or not path:
        return None
    return kind, path, Path(path).is_dir()


def network_location(path: Path | str, *, platform: str | None = None, windows_api: WindowsApi | None = None,
                     mounts_text: str | None = None) -> str | None:
    """The share ``path`` lies on when that is another computer's disk (a UNC path, a mapped
    network drive, an NFS or SMB mount), else None."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        import ntpath
        drive = ntpath.splitdrive(str(path))[0]
        if drive.startswith(("\\\\?\\", "\\\\.\\")) and drive.endswith(":"):
            drive = drive[-2:]                     # \\?\C: is the local C:
        if drive.upper().startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
            return "\\\\" + drive[8:]              # \\?\UNC\server\share: the share
        if drive.startswith("\\\\") and not drive.startswith(("\\\\?\\", "\\\\.\\")):
            return drive                           # \\server\share
        if len(drive) == 2 and drive[1] == ":":
            root = drive + "\\"
            try:
                remote = (windows_api or _kernel32()).get_drive_type(root) == DRIVE_REMOTE
            except (OSError, AttributeError):     # pragma: no cover - no kernel32 to ask
                return None
            return root if remote else None
        return None
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text()
        except OSError:
            return None
    target = os.path.abspath(str(path))
    best, found = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = _unescape(parts[1])
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, found = mount, (parts[0] if parts[2] in _NETWORK_FS else None)
    return found


# -- a sync folder in a clerk's words ------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A sync folder (同步文件夹) as a clerk is told of it: on a USB stick (U盘), or a folder named
    by its path, shared from another computer or on this one's disk. Every message about the
    packages there takes its words from here (``place_of``): they said U盘上 of a shared folder."""
    stick: bool
    folder: str = ""
    shared: bool = False

    @property
    def on(self) -> str:
        """Where the packages lie: U盘上 / 这个文件夹（D:\\门神同步）里."""
        return "U盘上" if self.stick else f"这个{'共享' if self.shared else ''}文件夹（{self.folder}）里"

    @property
    def into(self) -> str:
        """Where a package was written: 这个U盘上 / 这个文件夹里 (named once already)."""
        return "这个U盘上" if self.stick else "这个文件夹里"

    @property
    def noun(self) -> str:
        """What it is: U盘 / 同步文件夹 (本社区的…)."""
        return "U盘" if self.stick else "同步文件夹"

    @property
    def kind(self) -> str:
        """What it is, whatever lies there (a backup's copy too): U盘 / 共享文件夹 / 文件夹."""
        return "U盘" if self.stick else "共享文件夹" if self.shared else "文件夹"

    @property
    def gone(self) -> str:
        """Why it could not be read all of a sudden."""
        if self.stick:
            return "U盘可能被拔出或接触不良"
        return "网络可能断了，或那台电脑关机了" if self.shared else "这个文件夹可能被移走或改了名"

    @property
    def write_trouble(self) -> str:
        """Why it could not be written."""
        if self.stick:
            return "U盘可能已满、被拔出或被设为只读"
        return ("共享文件夹可能没有写入权限、它所在的磁盘已满，或网络断了" if self.shared
                else "磁盘可能已满，或这个文件夹不能写入（只读或没有权限）")

    def make_sure(self, whose: str) -> str:
        """The clerk checks it is ``whose`` folder (plugged in, or chosen)."""
        return f"请确认{'插' if self.stick else '选'}的是{whose}的{self.noun}。"

    def sync_at(self, machine: str) -> str:
        """What to do so that ``machine`` takes the packages there."""
        return f"把这个U盘插到{machine}上同步一次" if self.stick else f"在{machine}上和这个文件夹同步一次"


def _removable_roots(platform: str) -> list[Path]:
    try:
        if platform.startswith("win"):
            return windows_drives()
        if platform.startswith("linux"):
            return linux_drives()
    except (OSError, AttributeError):       # pragma: no cover - no kernel32 to ask
        pass
    return []


def place_of(folder: Path | str, *, platform: str | None = None, removable_roots: list[Path] | None = None,
             mounts_text: str | None = None) -> Place:
    """The words for ``folder``: a stick's when it lies on a removable drive (the sync page's
    U盘 E: or a folder chosen on one), else the folder by its path, 共享 when another computer's.
    The lookups can be handed in, as ``removable_drives``' are."""
    platform = platform or sys.platform
    path = Path(os.path.abspath(folder))
    roots = _removable_roots(platform) if removable_roots is None else removable_roots
    if any(path == root or root in path.parents for root in map(Path, roots)):
        return Place(True)
    return Place(False, str(folder), network_location(path, platform=platform, mounts_text=mounts_text) is not None)


def same_disk(folder: Path | str, other: Path | str) -> bool:
    """Whether ``folder`` lies on the same disk (file system) as ``other``, the data file: a copy
    there is lost with it when that disk fails. Unknown (either not there) is not the same."""
    try:
        return os.stat(folder).st_dev == os.stat(other).st_dev
    except OSError:
        return False
