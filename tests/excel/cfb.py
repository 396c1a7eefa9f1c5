"""A compound file (the container of an old .xls, and of any Excel workbook with a password to
open), written by hand for tests: no library here writes one."""
import struct


def compound_file(streams: dict) -> bytes:
    """A compound file holding ``streams`` (name -> bytes, each padded to 4096 bytes so that
    none goes to the mini stream): the container of an Excel file with a password to open."""
    END, FREE, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    names = list(streams)
    fat, sectors, starts, sizes, data = [0xFFFFFFFD, END], 2, [], [], b""
    for name in names:
        body = streams[name].ljust(4096, b"\0")
        sizes.append(len(body))
        n = len(body) // 512
        starts.append(sectors)
        fat += list(range(sectors + 1, sectors + n)) + [END]
        sectors += n
        data += body
    fat += [FREE] * (128 - len(fat))
    # version 3, 512-byte sectors: the FAT in sector 0, the directory in sector 1, no mini stream
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)

    def entry(name, kind, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1) + struct.pack("<III", left, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))
    # the names sorted as the format wants (shorter first), each the right sibling of the one before
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    directory = entry("Root Entry", 5, NOSTREAM, NOSTREAM, order[0] + 1, END, 0)
    for i, name in enumerate(names):
        at = order.index(i)
        right = order[at + 1] + 1 if at + 1 < len(order) else NOSTREAM
        directory += entry(name, 2, NOSTREAM, right, NOSTREAM, starts[i], sizes[i])
    directory = directory.ljust(512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + data
