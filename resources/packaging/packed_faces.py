"""The Chinese faces packed with xz for the built folder (build.spec; issue 18's 150 MB).

desktop/font_files.py unpacks each face once, on first need. An office's folder carries them
packed at xz's smallest preset, 9: 57 MB of faces in 22 MB, at some 50 s of processor time
(the two largest take 31 and 13 s; no cheaper setting of xz came within a megabyte of it).
A build may ask for another preset (``MENSHEN_FACES_PRESET``): tests/test_build.py packs at 0
(7 s, 29 MB), which the program unpacks and draws from exactly as it does preset 9, and counts
the folder's size with each face at its size at preset 9, recorded in RECORD.

RECORD is made by running this file (``.venv/bin/python resources/packaging/packed_faces.py``,
a minute) after a face changes; it names each face by a digest of its content, so the build
test refuses a record that no longer matches the faces rather than trusting it.
"""
from __future__ import annotations

import hashlib
import lzma
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

FONTS = Path(__file__).resolve().parents[1] / "fonts"
RECORD = FONTS / "packed-sizes.txt"
RELEASE_PRESET = 9
SUFFIXES = (".ttf", ".ttc", ".otf")


def faces(fonts: Path = FONTS) -> list[Path]:
    """The faces to pack, largest first (so the two threads finish together)."""
    found = [f for f in fonts.iterdir() if f.suffix in SUFFIXES]
    return sorted(found, key=lambda f: (-f.stat().st_size, f.name))


def preset_asked() -> int:
    return int(os.environ.get("MENSHEN_FACES_PRESET", RELEASE_PRESET))


def start_packing(out: Path, preset: int, fonts: Path = FONTS) -> Callable[[], list[Path]]:
    """Start packing each face into ``out`` as ``<face>.xz`` (again only when the face or the
    preset changed), two side by side; xz lets go of Python's lock while it works, so the
    build's analysis goes on meanwhile. The function returned waits for them."""
    out.mkdir(parents=True, exist_ok=True)

    def pack(face: Path) -> Path:
        target, stamp = out / (face.name + ".xz"), out / (face.name + ".stamp")
        made_from = f"{face.stat().st_size} {face.stat().st_mtime_ns} {preset}"
        if not (target.exists() and stamp.exists() and stamp.read_text() == made_from):
            part = target.with_suffix(".part")
            part.write_bytes(lzma.compress(face.read_bytes(), preset=preset))
            part.replace(target)
            stamp.write_text(made_from)
        return target

    pool = ThreadPoolExecutor(2)
    packing = [pool.submit(pack, face) for face in faces(fonts)]
    pool.shutdown(wait=False)
    return lambda: [done.result() for done in packing]


def digest(face: Path) -> str:
    return hashlib.blake2b(face.read_bytes(), digest_size=16).hexdigest()


def read_record(record: Path = RECORD) -> dict[str, tuple[str, int]]:
    """Face name -> (digest of the face, its size packed at the release preset)."""
    rows = [line.split() for line in record.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    return {name: (face_digest, int(size)) for name, face_digest, size in rows}


def write_record(fonts: Path = FONTS, record: Path = RECORD) -> None:
    import tempfile
    with tempfile.TemporaryDirectory() as work:
        packed = start_packing(Path(work), RELEASE_PRESET, fonts)()
        lines = [f"{p.name.removesuffix('.xz')} {digest(fonts / p.name.removesuffix('.xz'))} {p.stat().st_size}"
                 for p in sorted(packed)]
    part = record.with_name(record.name + ".part")
    part.write_text(f"# face, blake2b-128 of the face, its size packed with xz at preset {RELEASE_PRESET}"
                    " (resources/packaging/packed_faces.py)\n" + "\n".join(lines) + "\n", "utf-8")
    part.replace(record)


if __name__ == "__main__":
    write_record()
    print(RECORD.read_text("utf-8"), end="")
