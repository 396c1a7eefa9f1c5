"""A big register's backup, step by step, and what checking its backups costs (desktop/backup.py).

    .venv/bin/python bench/backup_steps.py [--mb 324] [--keep DIR] [--db big.db]

Builds a register as bench/backup_memory.py does (``--mb`` MB of filler about as compressible
as a register's pages), then prints:

- a sealed backup (``backup_before`` with MENSHEN_BACKUP_PASSPHRASE set) by its steps as the
  window's bar says them (``backup_step``): SQLite's copy, the sealing, the read-back; and how
  soon Cancel pressed in the middle of the sealing ends it (nothing left of it);
- ``check_backup`` of a plain and of a sealed backup, the first time and again (a backup already
  found sound: ``_SOUND``), and ``newest_good`` as the start-up's offer of a damaged register
  calls it, with the newest backup damaged.

Asserts nothing; the times depend on the (shared) machine.

Measured (2026-12-08 02:42–02:48, a 345 MB register; helpers' tests beside the second run):
plain backup 1.0 / 1.9 s; sealed backup (193 MB) 16.5 s (copy 1.0, sealing 12.8, read-back 2.7)
and 69.3 s under load (2.5, 57.0, 9.9); Cancel halfway through the sealing ended it 0.18–0.24 s
after the press, no .part left. check_backup whole: sealed 2.9 / 5.9 s, plain 2.2 / 3.4 s (1.0 s
again from the page cache before the note); found sound before: 0.0 s (the sealed one's
passphrase tried on its first chunk; the key's derivation cached in the process). newest_good
with the newest damaged: 3.7–5.1 s, and 1.9–4.2 s again: the damaged one was checked whole at each
offer (a failure was not noted then; it is since: the second offer reads only the notes).
Measured after that (2026-12-08 03:16, --mb 120: 130 MB, a sealed backup of 72 MB): newest_good
with the newest (sealed) damaged 0.6 s, then 0.0 s at the next offer (its passphrase tried on
its first chunk, the good one's note read).
"""
import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASSPHRASE = "幸福里 备份 口令 2026"


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def sealed_by_steps(app) -> None:
    from desktop import backup
    steps, start = {}, time.perf_counter()

    def progress(done, total):
        steps.setdefault(backup.backup_step(done, total), time.perf_counter() - start)
    made, took = timed(lambda: backup.backup_before(app.db, "manual", progress=progress))
    ends = sorted(steps.items(), key=lambda kv: kv[1]) + [("end", took)]
    said = ", ".join(f"{a} {b - at:.1f} s" for (a, at), (_, b) in zip(ends, ends[1:]))
    print(f"sealed backup {made.stat().st_size / 1e6:.0f} MB in {took:.1f} s: {said}")
    pressed = threading.Event()

    def progress_then_cancel(done, total):
        if backup.backup_step(done, total) == "seal" and done * 2 > total // 2 and not pressed.is_set():
            pressed.set()
            pressed.at = time.perf_counter()
    made, took = timed(lambda: backup.backup_before(app.db, "manual", progress=progress_then_cancel,
                                                    cancelled=pressed.is_set))
    left = [p.name for p in backup.folder_of(app.db.path).glob("*.part")]
    print(f"Cancel halfway through the sealing: ended {time.perf_counter() - pressed.at:.2f} s after the press,"
          f" made {made}, .part files left {left}")


def checks(path: Path) -> None:
    from desktop import backup
    for item in backup.list_backups(path):
        kind = "sealed" if item.sealed else "plain"
        for n in ("first", "again"):
            why, took = timed(lambda: backup.check_backup(item))
            print(f"check_backup {kind} {item.size / 1e6:.0f} MB, {n}: {took:.1f} s {why or 'sound'}")


def main() -> None:
    import backup_memory
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=324)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    from desktop import backup
    from desktop.app import open_app
    with tempfile.TemporaryDirectory(prefix="menshen-backup-steps-") as tmp:
        home = args.keep or Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        os.environ["MENSHEN_HOME"] = str(home / "home")
        path = args.db or home / "big.db"
        if not path.exists():
            _, took = timed(lambda: backup_memory.build(path, args.mb))
            print(f"built {path.name}: {path.stat().st_size / 1e6:.0f} MB in {took:.0f} s")
        app = open_app(path)
        try:
            app.db.wait_for_check(lambda: False)
            _, took = timed(lambda: backup.backup_before(app.db, "manual"))
            print(f"plain backup {path.stat().st_size / 1e6:.0f} MB: {took:.1f} s")
            os.environ[backup.BACKUP_PASSPHRASE_ENV] = PASSPHRASE
            sealed_by_steps(app)
        finally:
            app.close()
        checks(path)
        newest = backup.list_backups(path)[0]
        with open(newest.path, "r+b") as f:
            f.seek(newest.size // 2)
            f.write(b"\xa5" * 4096)
        good, took = timed(lambda: backup.newest_good(path))
        print(f"newest_good, the newest damaged: {took:.1f} s -> {good.path.name if good else None}")
        _, took = timed(lambda: backup.newest_good(path))
        print(f"newest_good again (the next start's offer): {took:.1f} s")


if __name__ == "__main__":
    main()
