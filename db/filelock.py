"""An operating-system lock on a small file beside the database, across processes.

``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows: both are released by the system
when the process ends, however it ends (a crash or a pulled plug leaves no stale lock to clean
up, unlike a "pid file"). The lock file itself holds nothing and is never deleted (deleting it
while another process waits on it would let two processes hold "the" lock at once).
"""
import os
import sys
import time

_POLL = 0.02


class FileLock:
    """An exclusive lock on ``path``; ``acquire(timeout)`` with None waits as long as it takes,
    0 tries once. Not re-entrant: the caller keeps its own count."""

    def __init__(self, path):
        self.path = str(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _open(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if sys.platform == "win32":
            # msvcrt.locking locks bytes from the current position: make sure byte 0 exists.
            if os.fstat(fd).st_size == 0:
                os.write(fd, b"\0")
            os.lseek(fd, 0, os.SEEK_SET)
        return fd

    @staticmethod
    def _try(fd: int) -> bool:
        if sys.platform == "win32":
            import msvcrt
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                return False
        import fcntl
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def acquire(self, timeout: float | None = None) -> bool:
        if self._fd is not None:
            raise RuntimeError("FileLock is not re-entrant")
        fd = self._open()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while not self._try(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(_POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
