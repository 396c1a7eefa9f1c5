"""Python's cycle collector paused while many objects that all live on are built (an import's
rows, the gate journal's passages): each of its passes walked them all and found nothing."""
import gc
import threading
from contextlib import contextmanager

# The collector's switch is one for the whole process, and the journal's read (the UI thread) may
# overlap an import (a worker): the pauses are counted, and the last one out turns it back on,
# only when it was on before the first (the first one out turned it on under the other's work).
_lock = threading.Lock()
_paused = 0
_was_on = False


@contextmanager
def collector_paused():
    """Python's cycle collector off while an import builds or writes its rows, or the gate journal
    reads its passages (also a decorator). The rows, drafts and cells all live to the end, so each
    pass found nothing and walked more: about a tenth of a 100,000-row preview. Back on when the
    last pause of any thread ends, as it was before the first."""
    global _paused, _was_on
    with _lock:
        if not _paused:
            _was_on = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if not _paused and _was_on:
                gc.enable()
