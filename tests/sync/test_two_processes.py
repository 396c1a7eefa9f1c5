"""Two real processes (issue 15, "what it must show"): the gate laptop keeps recording passages
while ``menshen sync export`` runs on its database in another process; the office takes the
package with ``menshen sync import``; the next round brings what was recorded meanwhile, and both
databases end with the same passages. And a package from a gate whose clock is days fast is held
back by the command line until ``--accept-clock``. The set-up and the rounds after run in this
process (``here``): the processes are the export beside the gate and the imports asserted."""
import os
import subprocess
import time
from datetime import datetime, timedelta

from db.connection import Database
from desktop.app import open_app
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
from desktop.gate.subjects import person_subject
from desktop.register import PersonForm
from desktop.sync.exchange import export_package
from tests.sync.test_exchange_cli import CHINESE, MENSHEN, PASS, here, menshen, ok, state


def test_the_gate_records_while_its_export_runs_and_the_office_gets_every_passage(tmp_path, menshen_home):
    home = menshen_home
    stick = tmp_path / "stick"
    stick.mkdir()
    here("demo", "--db", "office.db", "--households", "100", "--days", "2", cwd=tmp_path)
    here("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path)
    here("demo", "--db", "gate.db", "--households", "0", cwd=tmp_path)
    here("sync", "import", "--db", "gate.db", "--from", stick, cwd=tmp_path)

    app = open_app(tmp_path / "gate.db")
    exporter = None
    recorded = 0
    try:
        gate = add_checkpoint(app.db, "北门")
        serve_checkpoint(app.db, gate.id)
        guard = app.register.person(app.register.add_person(PersonForm(full_name="值班员"), None).id)
        env = {**os.environ, "MENSHEN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
               "MENSHEN_SYNC_PASSPHRASE": PASS}
        exporter = subprocess.Popen([str(MENSHEN), "sync", "export", "--db", "gate.db", "--to", str(stick)],
                                    cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, encoding="utf-8")
        deadline = time.monotonic() + 120
        while (exporter.poll() is None and time.monotonic() < deadline) or recorded < 4:
            gate_log.record_passage(app.db, gate_log.Passage(person_subject(guard), "out" if recorded % 2 == 0 else "in",
                                                             temperature=36.5),
                                    gate, datetime(2026, 12, 7, 8) + timedelta(seconds=recorded))
            recorded += 1
        out, err = exporter.communicate(timeout=120)
        assert exporter.returncode == 0, err
        assert out.startswith("同步导出：")
    finally:
        if exporter is not None and exporter.poll() is None:
            exporter.kill()
            exporter.communicate()
        app.close()

    line = ok(menshen("sync", "import", "--db", "office.db", "--from", stick, cwd=tmp_path, home=home))
    assert line.startswith("同步导入：收到1个同步包，")
    # What was recorded after the export began comes with the next round, nothing twice.
    here("sync", "export", "--db", "gate.db", "--to", stick, cwd=tmp_path)
    here("sync", "import", "--db", "office.db", "--from", stick, cwd=tmp_path)
    here("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path)
    here("sync", "import", "--db", "gate.db", "--from", stick, cwd=tmp_path)
    office, gate_state = state(tmp_path / "office.db"), state(tmp_path / "gate.db")
    assert office == gate_state
    assert len([p for p in office[1] if p[1] == guard.id]) == recorded
    # Backups were taken beside each database before its imports wrote.
    assert any(p.name.startswith("gate.") for p in (tmp_path / "backups").iterdir())
    assert any(p.name.startswith("office.") for p in (tmp_path / "backups").iterdir())


def test_the_command_line_holds_a_package_from_a_fast_clock_until_told(tmp_path, menshen_home):
    home = menshen_home
    stick = tmp_path / "stick"
    stick.mkdir()
    here("demo", "--db", "office.db", "--households", "2", "--days", "0", cwd=tmp_path)
    here("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path)
    gate = Database(tmp_path / "gate.db", config_file=tmp_path / "gate.json", user_name="门岗")
    try:
        fast = gate.clock.wall() + 3 * 24 * 3600 * 1000
        gate.clock._wall = lambda: fast                 # this laptop's date is three days ahead
        from desktop.sync.exchange import import_packages
        import_packages(gate, stick, PASS)
        with gate.transaction() as conn:
            conn.execute("INSERT INTO person (id, full_name) VALUES ('p-fast', '钱七')")
        export_package(gate, stick, PASS)
    finally:
        gate.close()
    done = menshen("sync", "import", "--db", "office.db", "--from", stick, cwd=tmp_path, home=home)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert CHINESE.search(done.stderr) and "日期" in done.stderr and "--accept-clock" in done.stderr
    assert "1个同步包因日期暂不导入" in done.stdout and "收到0个同步包" in done.stdout
    assert "p-fast" not in [p[0] for p in state(tmp_path / "office.db")[0]]
    done = menshen("sync", "import", "--db", "office.db", "--from", stick, "--accept-clock", cwd=tmp_path, home=home)
    assert done.returncode == 0, done.stderr
    assert "时钟慢了" in done.stderr                     # now this PC is behind what it has seen
    assert "p-fast" in [p[0] for p in state(tmp_path / "office.db")[0]]
