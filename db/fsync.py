"""Push a file's or a folder's entry to the disk (a renamed file must survive a power cut).

One helper for every writer: the database's own copies (db/driver.py), the gate journal and
the sync packages. Folders cannot be opened on Windows, and some file systems refuse: both are
skipped silently, since the data itself has already been flushed by its writer."""
import os
from pathlib import Path


def fsync_path(path: Path | str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
