"""Where the bundled faces' files are.

In the source tree the faces sit in resources/fonts as they are. The built folder carries them
packed with xz instead (``<face>.xz``; build.spec), which takes the folder from 175 to under
150 MB (issue 18): 57 MB of faces become 22. A packed face is unpacked once, on first need,
into the machine's cache folder (``_cache_folders``), and opened from there ever after, as a
plain file: the window and the PDF writer read a face from its file, on demand, so an
unpacked copy costs no memory and no start-up time after the first (unpacking all four takes
about 1.3 s here, the UI face 0.1 s of it; ui/i18n.py unpacks the rare-character faces in the
background).

A cached copy is named by a digest of its packed file, so a new program version's faces are
unpacked anew and the old copies removed. Unpacking writes a temporary file and renames it,
so a cut power or a full disk never leaves a half face to be opened; xz checks the content
as it unpacks, so a damaged packed face is refused, not drawn from.
"""
from __future__ import annotations

import hashlib
import logging
import lzma
import os
import tempfile
import threading
from pathlib import Path

from desktop.app import APP_NAME, home_dir

FONT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
PACKED_SUFFIX = ".xz"

UI_FACE = "wqy-microhei.ttc"                # WenQuanYi Micro Hei: the window, and printed headings
SONG_FACE = "menshen-uming-cn.ttf"          # AR PL UMing CN: printed body text
# Rare characters in names (生僻字): CJK Extension A, then Extensions B–F (Hanazono subsets).
RARE_FACES = ("menshen-hanazono-a.ttf", "menshen-hanazono-b.ttf")

CHUNK = 1 << 20
TAIL = 1 << 16
log = logging.getLogger(__name__)
_lock = threading.Lock()


def font_file(name: str) -> Path | None:
    """The file of the bundled face ``name``, unpacking it first if it ships packed; None when
    it is missing or cannot be unpacked (a damaged folder, no disk space anywhere): the caller
    goes on without it."""
    raw, packed = _sources(name)
    if raw.exists():
        return raw
    if not packed.exists():
        return None
    with _lock:                                 # two threads asking at once unpack once
        cached = _cached_copy(name, packed)
        if cached.exists():
            return cached
        for folder in _cache_folders():
            try:
                return _unpack(packed, folder / cached.name)
            except lzma.LZMAError:
                log.error("the packed face %s is damaged: %s", name, packed)
                return None
            except OSError as exc:              # a full or read-only disk: the next folder
                log.warning("could not unpack %s into %s: %s", name, folder, exc.strerror or exc)
    return None


def font_data(name: str) -> bytes | None:
    """The face ``name`` unpacked in memory: the window's last resort when no folder can take
    its copy (a full disk at the first start), so Chinese still shows. None when it is
    missing or damaged."""
    raw, packed = _sources(name)
    try:
        return raw.read_bytes() if raw.exists() else lzma.decompress(packed.read_bytes()) if packed.exists() else None
    except (OSError, lzma.LZMAError) as exc:
        log.error("could not read the face %s: %s", name, exc)
        return None


def ready(name: str) -> bool:
    """Whether ``font_file(name)`` answers at once, with nothing to unpack."""
    raw, packed = _sources(name)
    if raw.exists() or not packed.exists():
        return True
    return _cached_copy(name, packed).exists()


def _sources(name: str) -> tuple[Path, Path]:
    """The face as the source tree has it, and as the built folder ships it."""
    return FONT_DIR / name, FONT_DIR / (name + PACKED_SUFFIX)


def _cache_folders() -> list[Path]:
    """Where unpacked faces go, in the order tried: the machine's cache folder for the user
    (a program on a stick unpacks onto the PC's own disk, quicker than onto the stick and
    leaving the stick 57 MB lighter; MENSHEN_HOME, a data folder chosen on purpose, keeps its
    own), then the data folder, then the system's temporary folder."""
    data = home_dir() / "font-cache"
    temporary = Path(tempfile.gettempdir()) / f"menshen-font-cache-{_user()}"
    if os.environ.get("MENSHEN_HOME"):
        return [data, temporary]
    import platformdirs
    return [Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "fonts", data, temporary]


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:                      # Windows: the temporary folder is the user's own
        return "user"


def _digest(packed: Path) -> str:
    """A name for the packed file's content, read from its end: xz closes the (single) block
    with a CRC-64 of the whole unpacked face, then its index and footer, so the last bytes
    change whenever the face does. Hashing the whole file cost 25 ms at every start."""
    size = packed.stat().st_size
    with packed.open("rb") as f:
        f.seek(max(0, size - TAIL))
        tail = f.read()
    return hashlib.blake2b(size.to_bytes(8, "little") + tail, digest_size=8).hexdigest()


def _cached_copy(name: str, packed: Path) -> Path:
    """Where the unpacked copy of ``packed`` is, in the first cache folder that has it (or
    the first one, when none has it yet)."""
    stem, dot, suffix = name.rpartition(".")
    file_name = f"{stem}-{_digest(packed)}{dot}{suffix}"
    folders = _cache_folders()
    return next((f / file_name for f in folders if (f / file_name).exists()), folders[0] / file_name)


def _unpack(packed: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        with lzma.open(packed) as src, part.open("wb") as dst:
            while block := src.read(CHUNK):
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    _remove_old_copies(target)
    return target


def _remove_old_copies(current: Path) -> None:
    """Copies of the same face from an earlier version of the program."""
    stem = current.name.rsplit("-", 1)[0]
    for old in current.parent.glob(f"{stem}-*"):
        if old != current and old.name.rsplit("-", 1)[0] == stem and not old.name.endswith(".part"):
            try:
                old.unlink()
            except OSError:                     # open in another running copy: next time
                pass
