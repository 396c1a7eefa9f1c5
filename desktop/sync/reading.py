"""A package's parts as the import applies them, and for a large package read ahead in a
second process.

The import (desktop/sync/exchange.py) holds the write lock while it applies a package part by
part. Each part is first read from the stick, decrypted, decompressed, checked
(desktop/sync/payload.py), checked for stamps from the future and for writers only some roles
may be (``watched``). For an ordinary package that happens in turn, in the import's thread: the
import keeps to one core, and a gate window on the same PC has the other.

A package bringing at least ``PROCESS_MIN`` new changes (a snapshot for a new laptop) is read in
a second process while the writer applies the part before, and each part's rows are typed
there for the writer (db/sync/incoming.py ``type_part``): a second core's worth of work. A
process, not a thread: SQLite's and Python's locks keep two threads of one process from using
two cores for SQL (measured here: two threads each building JSON in SQLite took 1.7 times as
long as one; two processes 1.1 times). The process reads the file again with the passphrase
(the key is derived again there), runs below normal priority, and hands each part over as its
SQLite image; a refusal it meets is raised here, so the caller's transaction rolls back.

Either way the parts come in the package's order, and what the reader learns at the end (the
payload's knowledge, peers and manifest, the writers met) is there once the last part is taken.
"""
import multiprocessing
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from db.sync import incoming
from db.sync.hlc import pack
from db.sync.registry import SYNC_TABLES
from desktop.sync import errors as e
from desktop.sync.clock import AHEAD_LIMIT_MS, ClockWarning, package_ahead

#: New changes a package brings before its parts are read in a second process: a snapshot or
#: a machine's first weeks. Starting it costs about half a second, and it takes the second core
#: from a gate window on the same PC (bench/gate.py --during-sync-import 50000: scan p95 72 ms
#: with it, 45 ms without), so a week of passages is read in turn in the import's thread.
PROCESS_MIN = 200_000

_SUMMARY = ("manifest", "knowledge", "assumed_base", "peers")


class HeldBack(Exception):
    """A change stamped too far ahead of this PC's clock: the package's transaction rolls back
    before the clock has learnt the stamp (SYNC.md 9.12, desktop/sync/clock.py)."""

    def __init__(self, warning: ClockWarning):
        super().__init__(warning.message)
        self.warning = warning

    def __reduce__(self):               # raised in the reading process, raised again here
        return HeldBack, (self.warning,)


@dataclass(frozen=True)
class Watch:
    """What each part is checked and prepared for on its way to the writer."""
    file: str
    sender: str                         # the sender's name or code, for the clock message
    now_ms: int                         # this PC's clock when the import began
    accept_clock_ahead: bool
    typing: dict                        # db/sync/incoming.py ``typing_of``


def watched(parts, watch: Watch, writers: set) -> Iterator[bytes]:
    """The package's parts as they stream in, each given as its SQLite image (and closed),
    checked on the way: a stamp more than a day ahead of this PC's clock stops the import
    (held, nothing written), and the (table, site) pairs of tables only some roles may write
    are collected into ``writers``; each part's rows are typed for the writer. It touches
    nothing but the parts: it runs in the import's thread or in the reading process."""
    limited = sorted(name for name, t in SYNC_TABLES.items() if t.writers)
    # No stamp below this one can be ahead (the warning is made only for one above it).
    fine = -1 if watch.accept_clock_ahead else pack(watch.now_ms + AHEAD_LIMIT_MS + 1, 0)
    for part in parts:
        try:
            if fine >= 0:
                high = part.execute("SELECT max(hlc) FROM change WHERE hlc >= ?", (fine,)).fetchone()[0]
                ahead = package_ahead(high, watch.sender, watch.file, now_ms=watch.now_ms)
                if ahead is not None:
                    raise HeldBack(ahead)
            if limited:
                writers.update(part.execute(f"SELECT DISTINCT tbl, site_id FROM change WHERE tbl IN"
                                            f" ({','.join('?' * len(limited))})", limited))
            incoming.type_part(part, watch.typing)
            image = part.serialize()
        finally:
            part.close()
        yield image


def parts(payload, watch: Watch, writers: set, *, new: int, source: tuple) -> Iterator[bytes]:
    """The images of ``payload``'s parts for the writer. ``source``: (path,
    passphrase, community, max_change_format), from which a reading process opens the package
    again when it brings at least PROCESS_MIN new changes. Close the iterator when done with it
    (``contextlib.closing``): leaving early stops the reader."""
    if new < PROCESS_MIN:
        # Read in turn, in this thread, from their JSON: the import keeps to one core, the
        # other stays the gate window's (a thread reading ahead took it: scan p95 40.6 -> 58.5 ms).
        return watched(payload.parts(), replace(watch, typing={}), writers)
    payload.close()                     # the process reads the file itself
    return _from_process(payload, watch, writers, source)


def _from_process(payload, watch: Watch, writers: set, source: tuple) -> Iterator[bytes]:
    context = multiprocessing.get_context("spawn")      # as on Windows, everywhere
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_read_in_process, args=(sending, payload.header, watch, source),
                              name="menshen-read-package", daemon=True)
    process.start()
    sending.close()
    try:
        while True:
            try:
                kind, value = receiving.recv()
                if kind == "part":
                    image = receiving.recv_bytes()
            except (EOFError, OSError):
                raise e.StickReadError("读取同步包的进程意外结束", file=watch.file,
                                       where=Path(source[0]).parent) from None
            if kind == "part":
                yield image
            elif kind == "error":
                raise value
            else:
                summary, met = value
                for name in _SUMMARY:
                    setattr(payload, name, summary[name])
                writers.update(met)
                return
    finally:
        receiving.close()
        if process.is_alive():
            process.kill()
        process.join()


def _read_in_process(sending, header, watch: Watch, source: tuple) -> None:
    """The reading process: every part's image sent in order, then ("end", (summary, writers)),
    or ("error", the refusal) at the first thing wrong."""
    from desktop.sync.envelope import package_stream
    from desktop.sync.payload import PayloadReader
    _below_normal()
    path, passphrase, community, max_change_format = source
    try:
        payload = PayloadReader(package_stream(path, passphrase, community, max_change_format=max_change_format),
                                header=header, file=Path(path).name)
        writers: set = set()
        for image in watched(payload.parts(), watch, writers):
            sending.send(("part", None))
            sending.send_bytes(image)
        sending.send(("end", ({name: getattr(payload, name) for name in _SUMMARY}, writers)))
    except (BrokenPipeError, EOFError):
        pass                            # the import stopped taking parts: nothing to tell it
    except BaseException as exc:        # noqa: BLE001 - raised again in the import
        try:
            sending.send(("error", exc))
        except Exception:               # noqa: BLE001 - not picklable: say so plainly
            sending.send(("error", e.PayloadInvalidError(f"读取时出错（{type(exc).__name__}）", file=watch.file)))
    finally:
        sending.close()


def _below_normal() -> None:
    """This process only reads ahead: a window on the same PC (the guard scanning) comes first."""
    try:
        if hasattr(os, "nice"):
            os.nice(10)
        else:                                               # Windows
            import ctypes
            kernel32 = ctypes.windll.kernel32
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), 0x4000)     # BELOW_NORMAL
    except (OSError, AttributeError):
        pass
