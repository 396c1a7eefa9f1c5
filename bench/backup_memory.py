"""Sealed backup benchmark: the peak memory of a plain register's backup sealed with the backup
passphrase (desktop/backup._seal), on a register of the street office's size.

    .venv/bin/python bench/backup_memory.py [--mb 1024] [--keep DIR]
    .venv/bin/python bench/backup_memory.py --db big.db      # an existing plain register

Builds a register (the migrated schema, a household, then a filler table of text rows about as
compressible as a register's pages, to ``--mb`` MB), then in a fresh process each: our sealed
backup (``backup.backup_before``, MENSHEN_BACKUP_PASSPHRASE set), its restore's first step
(``backup.check_backup``: unsealed beside the register and checked), and the bare library's way of
holding a copy in memory (SQLite's backup into ``:memory:`` and ``serialize()``: what _seal did
until it streamed). Prints the file size, each one's peak resident memory above the process's
before it (ru_maxrss, Linux: KiB), and its time. The target: an old 4 GB PC backs up a 1 GB
register, so the peak stays far below the file's size. Most of what is left is fixed: the key's
derivation (Argon2id with 64 MiB, the sync package's strength) and the reader's page cache
(16 MB); the pieces themselves are a few MB. Asserts nothing; the times depend on the (shared)
machine, the memory does not much.

Measured (this machine, a 324 MB register): before the streaming, 949 MB above the process for
the backup and 299 MB for its restore's check; after, 63 MB and 46 MB. The demo register (58 MB):
82 MB and 65 MB, against 188 MB for the bare in-memory copy.
"""
import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSPHRASE = "幸福里 备份 口令 2026"


def build(path: Path, mb: int) -> None:
    """A register of about ``mb`` MB: the migrated schema with one household, then filler rows
    (random hex text: about 2:1 under zlib, as a register's pages roughly are)."""
    from desktop.app import open_app
    from desktop.register import HouseholdForm, PersonForm
    app = open_app(path)
    try:
        r = app.register
        c = r.add_compound("幸福里小区")
        hh = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="1", room="101"))
        r.add_person(PersonForm(full_name="张三"), hh.id, "head")
    finally:
        app.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE bench_filler (t TEXT)")
        row = 4000
        rows = (mb << 20) // row
        with conn:
            for start in range(0, rows, 1000):
                conn.executemany("INSERT INTO bench_filler VALUES (?)",
                                 [(os.urandom(row // 2).hex(),) for _ in range(min(1000, rows - start))])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def measure(path: Path, how: str) -> None:
    """In this (fresh) process: the peak memory of one sealed backup, or the bare in-memory copy."""
    from desktop import backup
    from desktop.app import open_app
    os.environ[backup.BACKUP_PASSPHRASE_ENV] = PASSPHRASE
    app = open_app(path)
    try:
        app.db.wait_for_check(lambda: False)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        if how == "ours":
            made = backup.backup_before(app.db, "manual")
            size = made.stat().st_size
        elif how == "check":        # what a restore does first: unsealed beside the register, checked
            newest = next(b for b in backup.list_backups(path) if b.sealed)
            assert backup.check_backup(newest) == ""
            size = newest.size
        else:
            with app.db.reading() as conn:
                mem = sqlite3.connect(":memory:")
                conn.backup(mem)
                size = len(mem.serialize())
                mem.close()
        took = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    finally:
        app.close()
    print(f"{how}\t{(peak - before) / 1024:.0f}\t{took:.1f}\t{size / 1e6:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--measure", choices=("ours", "check", "bare"))
    args = parser.parse_args()
    if args.measure:
        measure(args.db, args.measure)
        return
    with tempfile.TemporaryDirectory(prefix="menshen-backup-bench-") as tmp:
        home = args.keep or Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        path = args.db
        if path is None:
            path = home / "big.db"
            start = time.perf_counter()
            build(path, args.mb)
            print(f"built {path.name}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s")
        else:
            print(f"register {path}: {path.stat().st_size / 1e6:.0f} MB")
        env = {**os.environ, "MENSHEN_HOME": str(home / "home")}
        print(f"{'what':<34} {'peak MB above before':>20} {'s':>6} {'copy MB':>8}")
        for how, said in (("ours", "sealed backup (backup_before)"), ("check", "its restore's check (check_backup)"),
                          ("bare", "bare: SQLite copy in memory")):
            out = subprocess.run([sys.executable, __file__, "--measure", how, "--db", str(path)], env=env,
                                 capture_output=True, text=True, check=True).stdout.split()
            print(f"{said:<34} {out[1]:>20} {out[2]:>6} {out[3]:>8}")


if __name__ == "__main__":
    main()
