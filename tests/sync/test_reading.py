"""A package's parts as the import reads them (desktop/sync/reading.py): in a second process for
a large package, each part's rows typed there (db/sync/incoming.py ``type_part``), in turn in
the import's thread otherwise. The same replica either way, the same refusals, and the triggers a large
import sets aside are back after it."""
import pickle

from db.sync import incoming, merge
from db.sync.ids import uuid7
from db.sync.log import CHANGE_FORMAT
from desktop.sync import reading
from desktop.sync.clock import ClockWarning
from desktop.sync.exchange import export_package, import_packages
from desktop.sync.mailbox import post_package
from desktop.sync.payload import build_payload

from .conftest import PASSPHRASE as PASS
from .test_incoming import SET_WISE, _refused, _replica, _with_body, dump, fill_office, spy_set_wise


def _snapshot(office, tmp_path):
    fill_office(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)
    return stick


def _processes(monkeypatch) -> list:
    """Read every package in a second process from now on; the list fills with each one read so."""
    read = []
    real = reading._from_process

    def spy(*args):
        read.append(args[1].file)
        return real(*args)
    monkeypatch.setattr(reading, "PROCESS_MIN", 0)
    monkeypatch.setattr(reading, "_from_process", spy)
    return read


def test_a_package_read_and_typed_in_a_second_process_makes_the_same_replica(machines, tmp_path, monkeypatch):
    office, in_turn, in_process = machines("office"), machines("in_turn"), machines("process")
    stick = _snapshot(office, tmp_path)
    staged = []
    real_stage = incoming.stage_part
    monkeypatch.setattr(incoming, "stage_part", lambda conn, image: staged.append(real_stage(conn, image)) or staged[-1])
    assert import_packages(in_turn, stick, PASS).n_new == 23
    assert staged and not any(source.typed for source in staged)        # read from their JSON
    staged.clear()
    read = _processes(monkeypatch)
    written = spy_set_wise(monkeypatch)
    got = import_packages(in_process, stick, PASS)
    assert got.n_new == 23 and got.refused == [] and len(read) == 1
    assert staged and all(source.typed for source in staged)            # typed in the process
    assert written == [SET_WISE]
    assert dump(in_process) == dump(in_turn)
    # What the reading process learnt at the end reached the import: the office is a known peer.
    assert in_process.conn.execute("SELECT count(*) FROM sync_peer WHERE site_id = ?",
                                   (office.site.site_id,)).fetchone()[0] == 1


def test_a_refusal_met_in_the_reading_process_is_raised_in_the_import(machines, tmp_path, monkeypatch):
    from desktop.sync import errors as e
    office, gate, new, stick = _replica(machines, tmp_path)
    marked = _with_body(new, note="MARKMARK")
    package_id = uuid7()
    payload = bytearray(build_payload({"package_id": package_id, "kind": "incremental"}, [marked], {}, {}, []))
    at = payload.find(b"MARKMARK")
    payload[at:at + 2] = b"\xff\xfe"                # not UTF-8: the reading process refuses the part
    post_package(stick, sender_code="EVIL", kind="incremental", package_id=package_id, community_id="c-xingfuli",
                 sender_site_id=office.site.site_id, sender_name="x", app_version="0.1.0",
                 change_format=CHANGE_FORMAT, payload=bytes(payload), passphrase=PASS)
    read = _processes(monkeypatch)
    err = _refused(gate, stick)                     # nothing written, the file byte for byte as before
    assert read and isinstance(err, e.PayloadInvalidError)
    assert str(err).count("文字编码不对") == 1     # worded once, as in the process


def test_a_package_held_for_the_clock_comes_back_from_the_reading_process_as_it_was():
    warning = ClockWarning("package_ahead", "门岗 2 的电脑日期比这台快了 3 天，这个同步包没有导入。", "x.cspkg")
    again = pickle.loads(pickle.dumps(reading.HeldBack(warning)))
    assert isinstance(again, reading.HeldBack) and again.warning == warning and str(again) == warning.message


def test_a_large_import_puts_back_the_triggers_it_set_aside(machines, tmp_path, monkeypatch):
    office, gate = machines("office"), machines("gate")
    stick = _snapshot(office, tmp_path)
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    before = gate.conn.execute(triggers).fetchall()
    quieted = []
    real_quiet = merge.BulkLoad.quiet
    monkeypatch.setattr(merge.BulkLoad, "quiet", lambda self, names: quieted.append(names) or real_quiet(self, names))
    monkeypatch.setattr(merge, "BULK_MIN", 0)      # every package counts as large
    assert import_packages(gate, stick, PASS).n_new == 23
    assert quieted and "sync_person_ins" in quieted[0]
    assert gate.conn.execute(triggers).fetchall() == before
    # A person entered at the gate afterwards is captured for sync and found by search.
    with gate.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name) VALUES ('p-gate', '门岗新登记')")
    assert gate.conn.execute("SELECT count(*) FROM sync_change WHERE row_id = 'p-gate'").fetchone()[0] == 1
    assert gate.conn.execute("SELECT count(*) FROM person_name_fts WHERE person_name_fts MATCH '门 岗'"
                             ).fetchone()[0] == 1


def test_a_large_import_refused_late_leaves_the_file_and_its_triggers_as_they_were(machines, tmp_path, monkeypatch):
    office, gate, new, stick = _replica(machines, tmp_path)
    monkeypatch.setattr(merge, "BULK_MIN", 0)
    from .test_incoming import _post
    _post(stick, office, [new, _with_body(new, secret_column="x")._replace(seq=new.seq + 1)])
    before = gate.conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    _refused(gate, stick)                           # byte for byte as before
    assert gate.conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == before
