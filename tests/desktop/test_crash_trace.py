"""A crash in native code (Qt, SQLite) or a kill ends the window with nothing in errors.log;
logs/crash.log then holds the stack of every thread, names only, for the technician."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CRASH = """
import sys, faulthandler
from pathlib import Path
from desktop.failures import trace_crashes
print(trace_crashes(Path(sys.argv[1])))
def open_person_dialog():
    faulthandler._sigsegv()          # what a Qt object used after deletion does
open_person_dialog()
"""


def test_a_native_crash_leaves_its_stack_in_the_data_folders_crash_log(tmp_path):
    run = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert run.returncode != 0 and run.stderr == ""            # nothing on the console
    log = (tmp_path / "logs" / "crash.log").read_text("utf-8")
    assert "Segmentation fault" in log and "open_person_dialog" in log
    assert oct((tmp_path / "logs" / "crash.log").stat().st_mode & 0o777) == "0o600"
