"""A throwaway PostgreSQL cluster for tests and the benchmark: initdb + pg_ctl on a port and a
socket folder of its own under a temporary folder, stopped and removed at the end. No running
service is needed. The server refuses to run as root, so as root (CI) it runs as ``nobody``
through ``runuser``; the folder is made writable for it."""
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN_DIRS = [Path(p) for p in ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                              "/usr/lib/postgresql/15/bin")]


def find_bin() -> Path | None:
    for d in BIN_DIRS:
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="menshen-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            os.chmod(self.root, 0o777)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.root, timeout=120)

    def start(self) -> "Cluster":
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        opts = (f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"), "-w", "start")
        return self

    @property
    def url(self) -> str:
        return f"host={self.root} port={self.port} user=postgres dbname=postgres"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (subprocess.SubprocessError, OSError):
            pass
        shutil.rmtree(self.root, ignore_errors=True)
