"""Another Menshen process on the same file, for tests: it opens the database and holds a write
transaction until told to let go (a ``menshen import`` in the middle of a big ledger)."""
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_HOLDER = r"""
import sys, time
from pathlib import Path
from db.connection import Database
path, home, ready, release = map(Path, sys.argv[1:5])
db = Database(path, config_file=home / "site.json")
with db.transaction() as conn:
    conn.execute("INSERT INTO local_meta VALUES ('other process', 'was here')"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    ready.write_text("ready")
    while not release.exists():
        time.sleep(0.01)
db.close()
"""


class WriterElsewhere:
    """``with WriterElsewhere(db_path, home) as other: ...`` — inside, another process holds the
    write lock; ``other.release()`` lets it commit and exit."""

    def __init__(self, db_path: Path, home: Path):
        self.db_path, self.home = Path(db_path), Path(home)
        folder = self.db_path.parent
        self.ready, self.release_file = folder / "other.ready", folder / "other.release"

    def __enter__(self) -> "WriterElsewhere":
        for f in (self.ready, self.release_file):
            f.unlink(missing_ok=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(self.db_path), str(self.home),
                                      str(self.ready), str(self.release_file)], cwd=ROOT, env=env,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not self.ready.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.communicate()[1].decode())
            if time.monotonic() > deadline:
                raise TimeoutError("the other process did not start")
            time.sleep(0.01)
        return self

    def release(self) -> None:
        self.release_file.write_text("go")
        _, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err.decode()

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.release()
