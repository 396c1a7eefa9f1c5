"""``menshen sync export`` / ``menshen sync import`` between two real databases, run as a user
runs them: the office registers people, the gate (an empty database) joins, records passages,
and the office gets them back."""
import os
import re
import subprocess
import time
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.app import open_app
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import checkpoints, serve_checkpoint
from desktop.gate.subjects import person_subject

MENSHEN = Path(sys.executable).with_name("menshen")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PASS = "幸福里 门岗 同步 口令"


def menshen(*args, cwd, home, passphrase=PASS):
    env = {**os.environ, "MENSHEN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MENSHEN_SYNC_PASSPHRASE", None)
    if passphrase is not None:
        env["MENSHEN_SYNC_PASSPHRASE"] = passphrase
    return subprocess.run([str(MENSHEN), *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=180)


def here(*args, cwd):
    """A command run in this process, for a test's set-up: the same main() as ``menshen`` without
    a process's start (about 0.5 s each); what is tested runs in a process of its own."""
    from desktop.cli import main
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(cwd)
        mp.setenv("MENSHEN_SYNC_PASSPHRASE", PASS)
        assert main([str(a) for a in args]) == 0


def ok(done):
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.strip()


def state(path):
    app = open_app(path)
    try:
        with app.db.reading() as conn:
            people = conn.execute("SELECT id, full_name, id_number, is_deleted FROM person ORDER BY id").fetchall()
            passages = conn.execute("SELECT id, person_id, at, direction FROM gate_log ORDER BY id").fetchall()
        return people, passages
    finally:
        app.close()


def test_office_and_gate_exchange_through_a_folder_with_the_command_line(tmp_path, menshen_home):
    home = menshen_home
    stick = tmp_path / "stick"
    stick.mkdir()
    here("demo", "--db", "office.db", "--households", "3", "--days", "3", cwd=tmp_path)
    here("demo", "--db", "gate.db", "--households", "0", cwd=tmp_path)
    line = ok(menshen("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path, home=home))
    assert re.fullmatch(r"同步导出：[\d,]+条更改（全量） → .*\.cspkg", line), line
    line = ok(menshen("sync", "import", "--db", "gate.db", "--from", stick, cwd=tmp_path, home=home))
    assert re.fullmatch(r"同步导入：收到1个同步包，新的更改[\d,]+条，冲突0处", line), line
    office_people, office_passages = state(tmp_path / "office.db")   # the demo's days before today: passages at any hour
    assert len(office_people) > 3 and office_passages
    assert state(tmp_path / "gate.db") == (office_people, office_passages)

    # The gate records two passages with the real gate code.
    app = open_app(tmp_path / "gate.db")
    try:
        gate = checkpoints(app.db)[0]
        serve_checkpoint(app.db, gate.id)
        with app.db.reading() as conn:
            healthy = conn.execute("SELECT id FROM person WHERE status = 'healthy' ORDER BY id").fetchone()[0]
        person = app.register.person(healthy)
        for hour, direction in ((9, "out"), (10, "in")):
            gate_log.record_passage(app.db, gate_log.Passage(person_subject(person), direction, temperature=36.5),
                                    gate, datetime(2026, 12, 5, hour))
    finally:
        app.close()
    line = ok(menshen("sync", "export", "--db", "gate.db", "--to", stick, cwd=tmp_path, home=home))
    assert re.fullmatch(r"同步导出：2条更改（增量） → .*\.cspkg", line), line
    line = ok(menshen("sync", "import", "--db", "office.db", "--from", stick, cwd=tmp_path, home=home))
    assert line == "同步导入：收到1个同步包，新的更改2条，冲突0处"
    office, gate_state = state(tmp_path / "office.db"), state(tmp_path / "gate.db")
    assert office == gate_state
    assert len(office[1]) == len(office_passages) + 2
    # Again: nothing new on either side.
    for db in ("office.db", "gate.db"):
        assert ok(menshen("sync", "import", "--db", db, "--from", stick, cwd=tmp_path, home=home)) == \
            "同步导入：收到0个同步包，新的更改0条，冲突0处"
    assert state(tmp_path / "office.db") == office


def test_mistakes_are_chinese_lines_on_stderr(tmp_path, menshen_home):
    home = menshen_home
    stick = tmp_path / "stick"
    stick.mkdir()
    here("demo", "--db", "office.db", "--households", "1", "--days", "0", cwd=tmp_path)
    here("demo", "--db", "gate.db", "--households", "0", cwd=tmp_path)
    for args, passphrase, words in (
            (("sync", "export", "--db", "office.db", "--to", stick), None, "口令"),
            (("sync", "export", "--db", "office.db", "--to", tmp_path / "none"), PASS, "文件夹不存在"),
            (("sync", "import", "--db", "missing.db", "--from", stick), PASS, "找不到数据库"),
            (("sync", "import", "--db", "gate.db", "--from", stick), PASS, "没有同步包"),
            (("sync",), PASS, "export")):
        done = menshen(*args, cwd=tmp_path, home=home, passphrase=passphrase)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert CHINESE.search(done.stderr) and words in done.stderr, done.stderr
    ok(menshen("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path, home=home))
    done = menshen("sync", "import", "--db", "gate.db", "--from", stick, cwd=tmp_path, home=home,
                   passphrase="不对的 口令 随便 写写")
    assert done.returncode == 1 and "口令不对" in done.stderr, done.stderr
    assert "收到0个同步包" in done.stdout and "1个同步包没有导入" in done.stdout


def test_the_gate_keeps_recording_while_another_process_imports(tmp_path, menshen_home):
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.register import PersonForm
    home = menshen_home
    stick = tmp_path / "stick"
    stick.mkdir()
    here("demo", "--db", "office.db", "--households", "300", "--days", "3", cwd=tmp_path)
    here("sync", "export", "--db", "office.db", "--to", stick, cwd=tmp_path)
    here("demo", "--db", "gate.db", "--households", "0", cwd=tmp_path)
    app = open_app(tmp_path / "gate.db")
    importer = None
    try:
        gate = add_checkpoint(app.db, "新门")
        serve_checkpoint(app.db, gate.id)
        guard = app.register.person(app.register.add_person(PersonForm(full_name="值班员"), None).id)
        env = {**os.environ, "MENSHEN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
               "MENSHEN_SYNC_PASSPHRASE": PASS}
        importer = subprocess.Popen([str(MENSHEN), "sync", "import", "--db", "gate.db", "--from", str(stick)],
                                    cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, encoding="utf-8")
        recorded, minute = 0, 0
        deadline = time.monotonic() + 120          # an import that hangs fails below, not forever
        while (importer.poll() is None and time.monotonic() < deadline) or recorded < 4:
            direction = "out" if recorded % 2 == 0 else "in"
            gate_log.record_passage(app.db, gate_log.Passage(person_subject(guard), direction, temperature=36.6),
                                    gate, datetime(2026, 12, 6, 8) + timedelta(seconds=minute))
            recorded, minute = recorded + 1, minute + 1
        out, err = importer.communicate(timeout=120)
        assert importer.returncode == 0, err
        assert out.startswith("同步导入：收到1个同步包，")
    finally:
        if importer is not None and importer.poll() is None:   # a failed loop leaves no import running
            importer.kill()
            importer.communicate()
        app.close()                     # writes what the journal kept while the import held the file
    people, passages = state(tmp_path / "gate.db")
    mine = [p for p in passages if p[1] == guard.id]
    assert len(mine) == recorded
    office_people, office_passages = state(tmp_path / "office.db")   # the demo's days before today: passages at any hour
    assert set(office_passages) <= set(passages) and set(office_people) <= set(people)


def test_export_to_a_file_says_it_is_a_file_not_a_folder(tmp_path, menshen_home, capsys):
    """It said "文件夹不存在" of a file that is there, and people went looking for the stick."""
    from desktop.cli import main
    db = tmp_path / "office.db"
    assert main(["demo", "--db", str(db), "--households", "0"]) == 0
    capsys.readouterr()
    a_file = tmp_path / "package.txt"
    a_file.write_text("x")
    assert main(["sync", "export", "--db", str(db), "--to", str(a_file)]) == 1
    err = capsys.readouterr().err
    assert "是一个文件，不是文件夹" in err and "文件夹不存在" not in err and "Traceback" not in err
    assert a_file.read_text() == "x"


def test_import_from_a_stick_of_another_community_says_so(tmp_path, menshen_home, capsys, monkeypatch):
    """A stick holding only a neighbour's packages said "0 packages" and nothing else: the clerk
    never learnt it was the wrong stick. Skipping them is right (one stick may carry several
    communities); saying so is what was missing."""
    from db.connection import Database
    from desktop.cli import main
    from desktop.sync.exchange import export_package
    from desktop.sync.mailbox import write_join_file
    stick = tmp_path / "stick"
    stick.mkdir()
    other = Database(tmp_path / "heping.db", config_file=tmp_path / "heping.json", user_name="和平里")
    try:
        with other.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-heping', '和平里社区')")
        export_package(other, stick, "和平里 社区 自己的 口令")
        export_package(other, stick, "和平里 社区 自己的 口令")
    finally:
        other.close()
    db = tmp_path / "office.db"
    assert main(["demo", "--db", str(db), "--households", "1", "--days", "1"]) == 0    # 新民社区
    capsys.readouterr()
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", PASS)
    assert main(["sync", "import", "--db", str(db), "--from", str(stick)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("同步导入：收到0个同步包，")
    assert f"这个文件夹（{stick}）里的2个同步包都不是本社区（新民社区）的" in err and "属于别的社区" in err
    assert "请确认选的是本社区的同步文件夹" in err and "U盘" not in err     # a folder on the disk, not a stick
    assert "写到这个文件夹里" not in err                                   # import writes nothing
    # The stick's join file names the neighbour without any key.
    write_join_file(stick, community_id="c-heping", community_name="和平里社区", passphrase="和平里 社区 自己的 口令")
    assert main(["sync", "import", "--db", str(db), "--from", str(stick)]) == 0
    assert "而是和平里社区的，没有导入" in capsys.readouterr().err
    assert len(list(stick.glob("*.cspkg"))) == 2
