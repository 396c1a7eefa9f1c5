"""Closing the database while another thread is still reading (the window closed while the
Today page's figures load in the background) must not crash the process: a reader in use is
closed by its own thread when it is done, never under it (that was a segmentation fault)."""
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys, threading, time
    sys.path.insert(0, {root!r})
    from db.connection import Database
    from db.errors import StorageError
    from pathlib import Path
    db = Database(Path({path!r}), config_file=Path({config!r}), user_name="t")
    started, outcome = threading.Event(), []

    def long_read():
        try:
            with db.reading() as conn:
                started.set()
                # the Today page's figures: many small queries, one after another
                n = sum(conn.execute("SELECT count(*) FROM person WHERE id_number = ?", (str(i),)).fetchone()[0]
                        for i in range(30000))
                outcome.append(n)
        except StorageError as exc:
            outcome.append(exc.message)

    for _ in range(3):
        reader = threading.Thread(target=long_read)
        reader.start()
        started.wait()
        time.sleep(0.05)
        db.close()
        reader.join()
        db = Database(Path({path!r}), config_file=Path({config!r}), user_name="t")
        started.clear()
    db.close()
    print("outcome", outcome)
""")


def test_closing_while_a_background_read_runs_does_not_crash(tmp_path):
    script = SCRIPT.format(root=str(ROOT), path=str(tmp_path / "r.db"), config=str(tmp_path / "r.json"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "outcome [0, 0, 0]" in done.stdout                      # the reads finished, whole
