"""The USB stick as a mailbox (U盘信箱): one folder on the stick holds every machine's packages.

``menshen-sync/`` (ASCII: FAT32 and exFAT take Chinese names, but a stick mounted with the wrong
code page on an old PC, or zipped and mailed, would mangle them) holds:

    README.txt                        what the folder is, in Chinese, for whoever opens it
    <SITE>_<YYYYMMDD-HHMM>_<kind>_<id8>.cspkg     packages of every machine (and community)
    join_<community_id>.json          what a machine needs to join the community (no passphrase)

A machine that syncs lists the packages of its community it has not seen (by package_id),
imports them, writes its own, and tidies away packages every known machine already holds.
``.part`` files (a write that did not finish) and the temporary names of copy tools are never
read.
"""
import base64
import hashlib
import json
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db.sync.site import machine_name
from desktop.files import os_reason
from desktop.sync import errors as e
from desktop.sync.envelope import (PART_SUFFIX, SUFFIX, PackageHeader, check_kdf, default_kdf,
                                   derive_master_key, key_check_of, package_file_name, peek_header,
                                   write_package)
from desktop.sync.payload import canonical_json

FOLDER_NAME = "menshen-sync"
README_NAME = "README.txt"
JOIN_PREFIX = "join_"
JOIN_FORMAT = 1

README_TEXT = (
    "社区门神 同步文件夹\r\n\r\n"
    "这个文件夹是社区门神在几台电脑之间传递数据用的“信箱”。里面以 .cspkg 结尾的是加密的同步包，"
    "没有本社区的同步口令打不开，U盘丢了也不会泄露居民信息。\r\n\r\n"
    "请不要改名、修改或删除这里的文件：门神会自己清理每台电脑都已经收到的同步包。\r\n"
    "以 .part 结尾的是没有写完的文件（写入时U盘被拔出），门神不会读取它们。\r\n"
    "join_ 开头的文件帮助新电脑加入社区，里面没有口令。\r\n"
)

# Temporary names of copy and sync tools (Syncthing, macOS resource forks): never packages.
_IGNORED_PREFIXES = (".syncthing.", "._", "~")


@dataclass(frozen=True)
class StickPackage:
    """A package file on the stick and its header as read, NOT yet authenticated."""
    path: Path
    header: PackageHeader

    @property
    def package_id(self) -> str:
        return self.header.package_id


@dataclass(frozen=True)
class Unreadable:
    """A file that looks like a package but whose header cannot be read (shown, never imported)."""
    path: Path
    error: e.SyncError


def open_mailbox(stick_root: str | os.PathLike, *, create: bool = True) -> Path:
    """The mailbox folder on a stick (made, with its README, when ``create``)."""
    folder = Path(stick_root) / FOLDER_NAME
    if create:
        try:
            folder.mkdir(exist_ok=True)
            readme = folder / README_NAME
            if not readme.exists():
                _write_small(readme, README_TEXT.encode("utf-8-sig"))   # BOM: old Notepad reads it
        except OSError as err:
            raise e.StickWriteError(os_reason(err), file=FOLDER_NAME, where=folder) from err
    return folder


def post_package(folder: str | os.PathLike, *, sender_code: str, kind: str, package_id: str,
                 when: datetime | None = None, **fields) -> Path:
    """Write a package into the mailbox under its FAT-safe name (write_package's fields and
    guarantees: .part, fsync, rename, read back). Returns the path once it is safe to remove
    the stick."""
    path = Path(folder) / package_file_name(sender_code, kind, package_id, when)
    write_package(path, sender_code=sender_code, kind=kind, package_id=package_id, **fields)
    return path


def is_package_name(name: str) -> bool:
    """A package whatever case its suffix shows (a stick formatted FAT, or a file renamed by
    hand, shows 建设社区.CSPKG): before, such a file was passed over without a word."""
    return (name.lower().endswith(SUFFIX) and not name.startswith(_IGNORED_PREFIXES)
            and ".sync-conflict-" not in name)


def list_packages(folder: str | os.PathLike) -> tuple[list[StickPackage], list[Unreadable]]:
    """Every package file in the mailbox with its (unauthenticated) header, in file-name order;
    and the files that look like packages but cannot be read."""
    folder = Path(folder)
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except FileNotFoundError:
        return [], []
    except OSError as err:
        # The folder read, by its own name: the street office's is any folder it chose.
        raise e.StickReadError(os_reason(err), file=folder.name or FOLDER_NAME, where=folder) from err
    found, bad = [], []
    for name in names:
        if not is_package_name(name):
            continue
        try:
            found.append(StickPackage(folder / name, peek_header(folder / name)))
        except e.StickReadError:
            raise
        except e.SyncError as err:
            bad.append(Unreadable(folder / name, err))
    return found, bad


def packages_to_import(packages: Iterable[StickPackage], seen_ids: set[str] | frozenset[str],
                       community_id: str, own_site_id: str | None = None) -> list[StickPackage]:
    """Packages of this community this machine has not seen, oldest first, each package_id once
    (a file copied twice is one package). Our own packages are not imported again."""
    chosen: dict[str, StickPackage] = {}
    for package in packages:
        h = package.header
        if (h.community_id != community_id or h.package_id in seen_ids
                or h.sender_site_id == own_site_id or h.package_id in chosen):
            continue
        chosen[h.package_id] = package
    return sorted(chosen.values(), key=lambda p: (p.header.created_wall, p.header.package_id))


@dataclass(frozen=True)
class TidyPlan:
    remove: list[Path]
    keep: list[tuple[Path, str]]        # with the reason, for the sync page
    failed: str = ""                    # why nothing could be removed (a read-only stick): a note
    waiting: tuple[str, ...] = ()       # the machines (named) that lack a package kept for them
    n_waiting: int = 0                  # how many packages are kept for them


def tidy_plan(packages: Iterable[StickPackage], community_id: str,
              knowledge: Mapping[str, Mapping[str, int]], names: Mapping[str, str] | None = None,
              me: str = "") -> TidyPlan:
    """Which packages of this community may leave the stick, as a pure function of the packages
    and what each known machine holds (``knowledge[machine_site_id][origin_site_id] = max_seq``,
    this machine included; learned only from packages received, never from exports).

    A package may go when every known machine holds every change in it: for each origin site
    its highest seq is within that machine's knowledge. Otherwise it stays, since it may be the
    only copy of changes someone lacks. The newest package of each sender also stays: it brings
    that machine's latest knowledge (its acknowledgements) to the others. A second copy of the
    same package goes. Other communities' packages are never touched. A kept package's reason
    names machines as a clerk reads them: ``names`` by site id (exchange.tidy_mailbox gives
    site_words), else machine_name of what the package says (never a bare site id). ``waiting``:
    the other machines (not ``me``, this one: what it lacks was refused or held, and said so) that
    lack a kept package, for the clerk to take the stick to."""
    names = names or {}

    def named(site_id: str, name: str | None = None, code: str | None = None) -> str:
        return names.get(site_id) or machine_name(name, code, site_id)

    mine = [p for p in packages if p.header.community_id == community_id]
    newest: dict[str, StickPackage] = {}
    for p in mine:
        best = newest.get(p.header.sender_site_id)
        if best is None or _age_key(p) > _age_key(best):
            newest[p.header.sender_site_id] = p
    remove, keep, seen, waiting, n_waiting = [], [], set(), set(), 0
    for p in sorted(mine, key=_age_key, reverse=True):
        h = p.header
        if h.package_id in seen:
            remove.append(p.path)
            continue
        seen.add(h.package_id)
        if newest[h.sender_site_id] is p:
            keep.append((p.path, f"{named(h.sender_site_id, h.sender_name, h.sender_code)} 最新的同步包"))
            continue
        lacking = sorted(machine for machine, know in knowledge.items()
                         if any(know.get(origin, 0) < hi for origin, (_, hi) in h.covers.items()))
        if not knowledge:       # knowing no machine is not knowing that all have it
            keep.append((p.path, "还不知道其他电脑收到了什么"))
        elif lacking:
            keep.append((p.path, "还有电脑没有收到：" + "、".join(named(m) for m in lacking)))
            others = [named(m) for m in lacking if m != me]
            waiting.update(others)
            n_waiting += bool(others)
        else:
            remove.append(p.path)
    return TidyPlan(sorted(remove), sorted(keep), waiting=tuple(sorted(waiting)), n_waiting=n_waiting)


def _age_key(p: StickPackage) -> tuple:
    return (p.header.created_wall, p.header.package_id, p.path.name)


def stale_parts(folder: str | os.PathLike, now: datetime, older_than: timedelta = timedelta(hours=1)) -> list[Path]:
    """``.part`` files left by writes that were cut off, old enough that no write is still going."""
    out = []
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(PART_SUFFIX) and entry.is_file():
                if datetime.fromtimestamp(entry.stat().st_mtime) < now - older_than:
                    out.append(Path(entry.path))
    except OSError as err:      # the folder is read: a pulled stick is no failed write
        raise e.StickReadError(os_reason(err), file=Path(folder).name or FOLDER_NAME, where=folder) from err
    return sorted(out)


def remove_files(paths: Iterable[Path]) -> int:
    """Carry out a tidy plan; a file already gone is fine."""
    n = 0
    for path in paths:
        try:
            path.unlink()
            n += 1
        except FileNotFoundError:
            pass
        except OSError as err:
            raise e.StickWriteError(os_reason(err), file=path.name, where=path.parent) from err
    return n


# ------------------------------------------------------------------ joining a community

@dataclass(frozen=True)
class JoinInfo:
    """What a new machine reads from the stick to join: the community and a way to check the
    passphrase it is given. The passphrase itself is never on the stick; ``key_check`` is an
    8-byte HKDF of the Argon2id key, as in every package header, so the stick lets an attacker
    test guesses no faster than any package on it already does."""
    path: Path
    community_id: str
    community_name: str
    key_id: str
    kdf: dict
    key_check: bytes


def write_join_file(folder: str | os.PathLike, *, community_id: str, community_name: str,
                    passphrase: str, key_id: str = "1") -> Path:
    """Put the join file on the stick (the admin's machine does this once, or again after the
    passphrase changes). Refuses a passphrase that is too simple."""
    check_passphrase_strength(passphrase)
    kdf = default_kdf()
    key_check = key_check_of(derive_master_key(passphrase, kdf))
    fields = {"format": JOIN_FORMAT, "community_id": community_id, "community_name": community_name,
              "key_id": key_id, "kdf": kdf, "key_check": base64.b64encode(key_check).decode("ascii")}
    fields["check"] = hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()
    path = Path(folder) / f"{JOIN_PREFIX}{community_id}.json"
    try:
        _write_small(path, json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    except OSError as err:
        raise e.StickWriteError(os_reason(err), file=path.name, where=path.parent) from err
    return path


def read_join_files(folder: str | os.PathLike) -> list[JoinInfo]:
    """The communities a machine could join from this stick (damaged join files are left out)."""
    out = []
    for path in sorted(Path(folder).glob(f"{JOIN_PREFIX}*.json")):
        try:
            fields = json.loads(path.read_text("utf-8"))
            check = fields.pop("check")
            if check != hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest():
                continue
            if fields["format"] != JOIN_FORMAT:
                continue
            key_check = base64.b64decode(fields["key_check"], validate=True)
            if not (isinstance(fields["kdf"], dict) and all(isinstance(fields[k], str) for k in
                                                            ("community_id", "community_name", "key_id"))):
                continue
            out.append(JoinInfo(path, fields["community_id"], fields["community_name"],
                                fields["key_id"], fields["kdf"], key_check))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue
    return out


def join_community(info: JoinInfo, passphrase: str) -> None:
    """Check the passphrase a person typed against the join file: returns when it is the
    community's, raises WrongPassphraseError otherwise (or KdfDowngradeError for a forged file).
    The machine then keeps the passphrase in its own settings, never on the stick."""
    check_kdf(info.kdf, info.path.name)
    if not secrets.compare_digest(key_check_of(derive_master_key(passphrase, info.kdf)), info.key_check):
        raise e.WrongPassphraseError(file=info.path.name)


def check_passphrase_strength(passphrase: str) -> None:
    """SYNC.md 9.14: the passphrase matters more than the KDF. At least 12 characters with some
    variety, or at least 4 different words of two characters or more."""
    text = " ".join(passphrase.split())
    words = text.split(" ")
    if len(words) >= 4 and len(set(words)) >= 4 and all(len(w) >= 2 for w in words):
        return
    compact = text.replace(" ", "")
    if len(compact) >= 12 and len(set(compact)) >= 6 and not compact.isdigit() and not _run_or_number(compact):
        return
    raise e.WeakPassphraseError()


def check_new_passphrase(passphrase: str, repeated: str, what: str, weak: str = "") -> None:
    """A passphrase being set (the sync's, the data file's, a stick copy's): typed twice the
    same (nothing keeps it: a slip in a hidden field leaves data nobody opens) and strong enough
    (``check_passphrase_strength``). InputError naming the field; ``what`` names the passphrase
    in the message, ``weak`` adds what the clerk should know when it is refused as too simple."""
    from desktop.errors import InputError
    if passphrase != repeated:
        raise InputError("repeated", f"两次输入的{what}不一样，请重新输入。")
    try:
        check_passphrase_strength(passphrase)
    except e.WeakPassphraseError:
        raise InputError("passphrase", f"{what}太简单：请用至少12个字符，或至少4个不相同的词（用空格隔开），"
                                       f"不要用生日、电话或“123456”这类口令。{weak}") from None


# What a hand runs along: the alphabet, the keyboard's rows, the digits (either way).
_RUNS = tuple(run + run[::-1] for run in ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm",
                                          "1234567890" * 3))


def _run_or_number(compact: str) -> bool:
    """'abcdefghijkl', 'qwertyuiopas' or an ID number (17 digits and X): twelve characters,
    six different, and the first a guesser tries."""
    from desktop.gate.subjects import looks_scanned      # an ID number or a pass code
    text = compact.lower()
    return any(text in run for run in _RUNS) or looks_scanned(compact)


def _write_small(path: Path, data: bytes) -> None:
    """A small file written whole: temporary name in the same folder, fsync, rename."""
    tmp = path.with_name(path.name + PART_SUFFIX)
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
