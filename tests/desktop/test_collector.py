import gc
import threading

from desktop.collector import collector_paused


def _overlapping() -> tuple[bool, bool, bool]:
    """The journal's first read (this thread, the UI's) paused the collector; an import (a worker
    thread) starts under it and pauses it too; the read ends while the import goes on. (enabled
    in the import after the read ended, in the import at its end, after both)."""
    importing, read_done = threading.Event(), threading.Event()
    seen = []

    def import_rows():
        with collector_paused():
            importing.set()
            read_done.wait(10)
            seen.append(gc.isenabled())
    worker = threading.Thread(target=import_rows)
    try:
        with collector_paused():
            worker.start()
            assert importing.wait(10)
        during = gc.isenabled()
    finally:
        read_done.set()
        worker.join(10)
    return during, *seen, gc.isenabled()


def test_a_read_ending_during_an_import_leaves_the_collector_off_until_the_import_ends():
    """The collector's switch is the process's: the journal's read ending under an import turned
    it back on while the import still built its rows (its pause undone: the speed lost)."""
    assert gc.isenabled()
    assert _overlapping() == (False, False, True)


def test_a_collector_off_before_the_first_pause_stays_off_after_the_last():
    gc.disable()
    try:
        assert _overlapping() == (False, False, False)
    finally:
        gc.enable()
