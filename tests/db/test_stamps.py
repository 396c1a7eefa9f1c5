"""Stamps are unique per site whatever writes to the file (issue 14 point 2): two processes, or
two Database objects, writing at once never issue the same (HLC, site) or the same seq."""
import subprocess
import sys
from collections import Counter
from pathlib import Path

from db.sync.log import iter_changes
from tests.db.conftest import open_db

ROOT = Path(__file__).resolve().parents[2]
STUCK_WALL = 1_800_000_000_000          # a PC clock that does not move: only the counter orders

WRITER = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from db.connection import Database
from db.sync.ids import uuid7
folder, name = Path(sys.argv[1]), sys.argv[2]
db = Database(folder / "t.db", config_file=folder / "site.json", user_name=name)
db.recorder.clock._wall = lambda: {wall}
print("ready", flush=True)
while not (folder / "go").exists():
    time.sleep(0.01)
for i in range({rounds}):
    with db.transaction() as conn:
        for j in range(3):
            conn.execute("INSERT INTO compound (id, name) VALUES (?, ?)", (uuid7(), f"{{name}}-{{i}}-{{j}}"))
    if i % 5 == 0:    # and some writes outside a transaction, flushed at once
        db.conn.execute("INSERT INTO compound (id, name) VALUES (?, ?)", (uuid7(), f"{{name}}-{{i}}-x"))
db.close()
print("done", flush=True)
"""


def test_two_processes_writing_one_file_never_repeat_a_stamp(tmp_path):
    open_db(tmp_path).close()               # the file and its site exist before both writers
    script = WRITER.format(root=str(ROOT), wall=STUCK_WALL, rounds=40)
    procs = []
    for name in ("甲", "乙"):            # opened one after the other: both write as the same site
        p = subprocess.Popen([sys.executable, "-c", script, str(tmp_path), name], stdout=subprocess.PIPE, text=True)
        assert p.stdout.readline().strip() == "ready"
        procs.append(p)
    (tmp_path / "go").touch()
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "done"
    database = open_db(tmp_path)
    try:
        changes = list(iter_changes(database.conn))
    finally:
        database.close()
    assert len(changes) == 2 * (40 * 3 + 8)           # 3 per round and one every 5th round
    by_stamp = Counter((c.hlc, c.site_id) for c in changes)
    by_seq = Counter((c.site_id, c.seq) for c in changes)
    assert [k for k, n in by_stamp.items() if n > 1] == []
    assert [k for k, n in by_seq.items() if n > 1] == []
    assert len({c.site_id for c in changes}) == 1
    assert {c.user_name for c in changes} == {"甲", "乙"}
    # Numbers stay contiguous, and stamp order is number order.
    ordered = sorted(changes, key=lambda c: c.seq)
    assert [c.seq for c in ordered] == list(range(1, len(changes) + 1))
    assert [c.hlc for c in ordered] == sorted(c.hlc for c in ordered)


def test_two_database_objects_on_one_file_take_turns_with_the_numbers(tmp_path):
    first = open_db(tmp_path)
    second = open_db(tmp_path)              # same config: the same site
    try:
        assert first.site.site_id == second.site.site_id
        for d in (first, second):
            d.recorder.clock._wall = lambda: STUCK_WALL
        for i in range(6):
            d = (first, second)[i % 2]
            with d.transaction() as conn:
                conn.execute("INSERT INTO compound (id, name) VALUES (?, ?)", (f"c{i}", f"第{i}"))
        changes = sorted(iter_changes(first.conn), key=lambda c: c.seq)
        assert [c.seq for c in changes] == [1, 2, 3, 4, 5, 6]
        assert len({c.hlc for c in changes}) == 6
        assert [c.hlc for c in changes] == sorted(c.hlc for c in changes)
        last = first.conn.execute("SELECT hlc_last FROM sync_site WHERE site_id = ?", (first.site.site_id,)).fetchone()
        assert last == (changes[-1].hlc,)
    finally:
        first.close()
        second.close()
