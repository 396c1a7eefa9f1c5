"""Reading a package's next parts while the one before is written: the second core.

Opening a part (decrypting, decompressing, hashing, SQLite's integrity and change checks) and
writing the part before (SQLite statements over the database) both run mostly outside Python's
GIL, so a thread reading ahead makes them overlap: a snapshot's 88 parts take about 11 s to
open, which no longer adds to the time the import holds the write lock (bench/sync.py).

The thread runs the whole iteration of the items, so whatever they check on the way (the
payload's refusals, the clock ahead) is raised in the consumer, in order, as without it.
"""
import queue
import threading
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

_DONE = object()


def read_ahead(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """``items`` as they come, made at most ``depth`` ahead by a thread. An exception raised
    while making one is raised here in its place. Leaving early (an exception in the consumer,
    ``close()``) stops the thread after the item it is making and closes ``items``."""
    handed: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand(entry) -> bool:
        while not stop.is_set():
            try:
                handed.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def make() -> None:
        source = iter(items)
        try:
            for item in source:
                if not hand((item, None)):
                    return
            hand((_DONE, None))
        except BaseException as exc:        # noqa: BLE001 - given to the consumer to raise
            hand((_DONE, exc))
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=make, name="menshen-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, exc = handed.get()
            if exc is not None:
                raise exc
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        thread.join()
