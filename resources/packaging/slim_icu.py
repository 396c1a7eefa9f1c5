"""A smaller ICU data library for the Linux folder (build.spec; issue 18's 150 MB).

Qt's Core library on Linux is linked to ICU, whose data library (``libicudata.so.73``, 32 MB)
holds every language's locale data, break dictionaries, transliterators and ~230 converters.
Qt calls ICU for four things only (``nm -D --undefined-only libQt6Core.so.6``): collation
(``ucol_*``, e.g. sorting file names in a file dialog), time-zone names (``ucal_*``), text
converters (``ucnv_*``) and case mapping (``u_strToUpper``; its data is compiled into
``libicuuc``). Nothing else in the folder calls ICU. So the folder's data library keeps:

- every item that is not one locale's data (supplemental data, time zones, normalisation),
- every converter (an encoding a file may carry is not ours to guess),
- the collation, time-zone and region trees, and the main tree, for the root, English and
  Chinese locales, the languages the program is written in.

It drops what Qt never asks for: break iteration and its dictionaries (Qt has its own),
transliteration, spell-out rules, unit, currency and language display names, character
names, IDNA and stringprep profiles, the spoof checker's confusables, and the locale data of
other languages. A locale whose data is gone falls back to root, as ICU does for any locale
it lacks: a Uyghur-language system sorts file names in root (code point-like) order.

This is ICU's own data filtering (its data build tool does it from a filters.json), done on the
prebuilt package of the Qt wheel: the package's table of contents is rewritten with the kept
items, and the ELF library around it is rewritten with the smaller data. Windows needs none
of this: Qt uses Windows' own ICU there.
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

SYMBOL = re.compile(rb"^icudt\d+_dat$")
LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
KEPT_LANGUAGES = {"en", "zh"}
DROPPED_TREES = {"brkitr", "translit", "rbnf", "unit", "curr", "lang"}
DROPPED_NAMES = {"unames.icu", "uts46.nrm", "confusables.cfu"}
DROPPED_SUFFIXES = (".spp",)            # stringprep profiles
ALIGN = 16                              # ICU packages align each item to 16 bytes
PAGE = 0x1000


def kept(item: str) -> bool:
    """Whether the folder's ICU keeps an item named like ``icudt73l/coll/zh.res``."""
    parts = item.split("/")[1:]
    name = parts[-1]
    tree = parts[0] if len(parts) > 1 else ""
    if tree in DROPPED_TREES or name in DROPPED_NAMES or name.endswith(DROPPED_SUFFIXES):
        return False
    stem = name.rsplit(".", 1)[0]
    return not LOCALE_ID.match(stem) or stem.split("_")[0] in KEPT_LANGUAGES


def package_items(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """An ICU common-data package ("CmnD") split into its header and its named items."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        name_end = package.index(b"\0", toc + name_at)
        name = package[toc + name_at:name_end].decode("ascii")
        data_end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        items.append((name, package[toc + data_at:toc + data_end]))
    return package[:header_size], items


def build_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common-data package of ``items``, in the layout ICU's own packager writes: the
    table of contents (names sorted, as ICU looks them up by binary search), the names, then
    each item aligned to 16 bytes."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_at = -(-(toc_size + len(names)) // ALIGN) * ALIGN
    table, body, name_at = [struct.pack("<I", len(items))], [], toc_size
    for name, data in items:
        table.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = data + b"\0" * (-len(data) % ALIGN)
        body.append(padded)
        data_at += len(padded)
    toc = b"".join(table) + names
    toc += b"\0" * (-len(toc) % ALIGN)
    return header + toc + b"".join(body)


class _Elf:
    """The few parts of a 64-bit little-endian ELF shared library this rewrite touches."""

    def __init__(self, image: bytes):
        if image[:4] != b"\x7fELF" or image[4] != 2 or image[5] != 1:
            raise ValueError("not a 64-bit little-endian ELF file")
        (self.phoff, self.shoff, _, _, self.phentsize, self.phnum, self.shentsize, self.shnum,
         self.shstrndx) = struct.unpack_from("<QQIHHHHHH", image, 0x20)
        self.sections = [struct.unpack_from("<IIQQQQIIQQ", image, self.shoff + i * self.shentsize)
                         for i in range(self.shnum)]
        self.segments = [struct.unpack_from("<IIQQQQQQ", image, self.phoff + i * self.phentsize)
                         for i in range(self.phnum)]

    def symbols(self, image: bytes):
        """(section index of the table, entry offset, name, value, size) of every symbol."""
        for index, (_, kind, _, _, offset, size, link, _, _, entsize) in enumerate(self.sections):
            if kind not in (2, 11):                     # SHT_SYMTAB, SHT_DYNSYM
                continue
            strings = self.sections[link][4]
            for at in range(offset, offset + size, entsize):
                name_at, _, _, _, value, sym_size = struct.unpack_from("<IBBHQQ", image, at)
                name = image[strings + name_at:image.index(b"\0", strings + name_at)]
                yield index, at, name, value, sym_size


def slim_library(image: bytes, keep=kept) -> bytes:
    """``libicudata.so.NN`` rebuilt with only the data items ``keep`` accepts.

    The library is one read-only data section holding the package (symbol ``icudtNN_dat``),
    followed by its dynamic section. The package is replaced; what followed it moves down by
    whole pages (file offsets and addresses alike, so every segment keeps its alignment)."""
    elf = _Elf(image)
    found = {(value, size) for _, _, name, value, size in elf.symbols(image) if SYMBOL.match(name)}
    if len(found) != 1:
        raise ValueError("no ICU data symbol (icudtNN_dat) in this library")
    [(start, size)] = found
    [data_index] = [i for i, s in enumerate(elf.sections) if s[3] == start and s[5] == size]
    data_offset = elf.sections[data_index][4]
    if data_offset != start:
        raise ValueError("ICU data is not where this rewrite expects it")
    end = data_offset + size
    _check_dynamic(elf, image, end)
    header, items = package_items(image[data_offset:end])
    package = build_package(header, [(name, data) for name, data in items if keep(name)])
    shift = (size - len(package)) // PAGE * PAGE
    new_size = size - shift

    out = bytearray(image[:data_offset]) + package + b"\0" * (new_size - len(package)) + image[end:]

    def moved(value: int) -> int:
        return value - shift if value >= end else value

    for i, (kind, flags, offset, vaddr, paddr, filesz, memsz, align) in enumerate(elf.segments):
        if offset <= data_offset < offset + filesz:         # the segment holding the data
            filesz, memsz = filesz - shift, memsz - shift
        struct.pack_into("<IIQQQQQQ", out, elf.phoff + i * elf.phentsize,
                         kind, flags, moved(offset), moved(vaddr), moved(paddr), filesz, memsz, align)
    for i, (name, kind, flags, addr, offset, sec_size, link, info, align, entsize) in enumerate(elf.sections):
        if i == data_index:
            sec_size = new_size
        struct.pack_into("<IIQQQQIIQQ", out, moved(elf.shoff) + i * elf.shentsize, name, kind, flags,
                         moved(addr) if addr else 0, moved(offset), sec_size, link, info, align, entsize)
    struct.pack_into("<Q", out, 0x28, moved(elf.shoff))
    for _, at, name, value, sym_size in _Elf(bytes(out)).symbols(bytes(out)):
        if SYMBOL.match(name):
            struct.pack_into("<Q", out, at + 16, len(package))
    return bytes(out)


def _check_dynamic(elf: _Elf, image: bytes, end: int) -> None:
    """The rewrite moves the dynamic section but not the addresses written inside it: refuse a
    library whose dynamic entries point past the data (relocations, init code), which this
    rewrite was not made for."""
    for _, kind, _, _, offset, size, _, _, _, _ in elf.sections:
        if kind != 6:                                       # SHT_DYNAMIC
            continue
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", image, at)
            pointer_tags = {3, 4, 5, 6, 7, 12, 13, 17, 23, 25, 26, 0x6FFFFEF5}
            if tag in pointer_tags and value >= end:
                raise ValueError("the ICU data library has entries this rewrite does not move")


def slim_in_place(path: Path) -> tuple[int, int]:
    """Rewrite the ICU data library at ``path`` (written beside it, then renamed); returns its
    size before and after."""
    image = path.read_bytes()
    slim = slim_library(image)
    part = path.with_name(path.name + ".part")
    part.write_bytes(slim)
    part.chmod(path.stat().st_mode)
    part.replace(path)
    return len(image), len(slim)
