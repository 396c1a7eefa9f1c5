"""Rows written set-wise from the staged parts (db/sync/incoming.py): the same replica
as the checked path, and anything unusual left to the checked path's refusals."""
import json

import pytest

from db.sync import incoming
from db.sync.ids import uuid7
from db.sync.log import CHANGE_FORMAT, canonical_json, iter_changes
from db.sync.merge import MergeRefused, apply_changes
from desktop.sync.exchange import ImportRefusedError, export_package, import_packages, kept_note
from desktop.sync.mailbox import post_package
from desktop.sync.payload import build_payload

from .conftest import file_hash, PASSPHRASE as PASS


def fill_office(db):
    """People, passages of every kind (a void, NULLs, a float, Chinese names, defaults left
    out), a care visit: what a snapshot carries."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        for i in range(6):
            conn.execute("INSERT INTO person (id, full_name, phone) VALUES (?, ?, ?)", (f"p{i}", f"居民{i}", f"1380000{i:04d}"))
        for i in range(12):
            conn.execute("INSERT INTO gate_log (id, at, person_id, direction, outcome, temperature, holder_name, source)"
                         " VALUES (?, ?, ?, ?, 'allowed', ?, ?, 'scan')",
                         (f"g{i:02d}", f"2026-12-04T08:{i:02d}:00", f"p{i % 6}", "in" if i % 2 else "out",
                          36.5 if i % 3 else None, f"居民{i % 6}"))
        conn.execute("INSERT INTO gate_log (id, kind, at, voids_id, void_reason) VALUES"
                     " ('g-void', 'void', '2026-12-04T09:00:00', 'g11', '扫错了人')")
        conn.execute("INSERT INTO gate_log (id, at, plate, visit_reason) VALUES ('g-car', '2026-12-04T09:30:00',"
                     " '川A·12345', '送菜')")
        conn.execute("INSERT INTO care_subject (id, person_id, listed_on) VALUES ('s1', 'p1', '2026-12-01')")
        conn.execute("INSERT INTO care_visit (id, subject_id, person_id, visited_on, found) VALUES"
                     " ('v1', 's1', 'p1', '2026-12-04', '血压正常')")


def dump(db):
    conn = db.conn
    tables = ["person", "gate_log", "gate_person_last", "care_visit"]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    out["changes"] = conn.execute("SELECT site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256,"
                                  " schema_version, wall_time, user_name FROM sync_change ORDER BY site_id, seq").fetchall()
    return out


#: What fill_office's snapshot writes set-wise, per table.
SET_WISE = {"gate_log": 14, "care_visit": 1, "community": 1, "person": 6, "care_subject": 1}


def spy_set_wise(monkeypatch) -> list:
    """The tables (and their counts) each unit wrote set-wise, from now on."""
    written = []
    real = incoming.write_set_wise

    def spy(*args):
        got = real(*args)
        written.append({t: n for t, (n, *_) in got.items()})
        return got
    monkeypatch.setattr(incoming, "write_set_wise", spy)
    return written


def test_set_wise_rows_make_the_same_replica_as_the_checked_path(machines, tmp_path, monkeypatch):
    office, quick, checked = machines("office"), machines("quick"), machines("checked")
    fill_office(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)
    written = spy_set_wise(monkeypatch)
    assert import_packages(quick, stick, PASS).n_new == 23
    assert written == [SET_WISE]
    monkeypatch.setattr(incoming, "write_set_wise", lambda *args: {})
    assert import_packages(checked, stick, PASS).n_new == 23
    assert dump(quick) == dump(checked)
    # The office's own rows read the same on the laptop, and its passages' log refers to them.
    assert dump(quick)["gate_log"] == dump(office)["gate_log"]
    assert dump(quick)["changes"] == dump(office)["changes"]
    assert quick.conn.execute("SELECT count(*) FROM sync_log WHERE shape IS NULL AND kind = 1").fetchone()[0] == 0
    assert quick.conn.execute("SELECT person_id, log_id FROM gate_person_last WHERE person_id = 'p5'").fetchone() == (
        "p5", "g05")            # g11 was voided: the last one left


def _post(stick, office, changes):
    package_id = uuid7()
    payload = build_payload({"package_id": package_id, "kind": "incremental"}, changes, {}, {}, [])
    post_package(stick, sender_code="EVIL", kind="incremental", package_id=package_id, community_id="c-xingfuli",
                 sender_site_id=office.site.site_id, sender_name="x", app_version="0.1.0",
                 change_format=CHANGE_FORMAT, payload=payload, passphrase=PASS)


def _with_body(change, **entry):
    body = json.loads(change.cols)
    body["entry"].update(entry)
    return change._replace(cols=canonical_json(body), content_sha256=None)


def _refused(db, stick):
    before = file_hash(db)
    got = import_packages(db, stick, PASS)
    assert got.packages == 0 and file_hash(db) == before
    [(_, err)] = got.refused
    return err


def _replica(machines, tmp_path):
    office, gate = machines("office"), machines("gate")
    fill_office(office)
    first = tmp_path / "first"
    first.mkdir()
    export_package(office, first, PASS)
    import_packages(gate, first, PASS)
    with office.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, person_id) VALUES ('g-new', '2026-12-05T08:00:00', 'p1')")
    new = [c for c in iter_changes(office.conn) if c.row_id == "g-new"][0]
    stick = tmp_path / "stick"
    stick.mkdir()
    return office, gate, new, stick


def test_a_passage_with_a_column_of_a_newer_menshen_is_imported_and_the_column_kept(machines, tmp_path):
    """SYNC.md 9.16: a newer Menshen's passage with a column this laptop lacks no longer refuses
    the whole package: the passage is written, its change kept whole (passed on as it came),
    the clerk told calmly. The same changes again (another package) change nothing. What is not
    a newer version's plain field is still refused whole."""
    office, gate, new, stick = _replica(machines, tmp_path)
    newer = _with_body(new, visit_floor="3")
    _post(stick, office, [newer])
    got = import_packages(gate, stick, PASS)
    assert (got.packages, got.n_new, got.n_kept, got.refused) == (1, 1, 1, [])
    assert kept_note(got) == "对方的门神较新，有1条更改里的新字段这台电脑还用不上，已保留，升级后自动生效（其余内容已导入）。"
    assert gate.conn.execute("SELECT person_id, at FROM gate_log WHERE id = 'g-new'").fetchone() == (
        "p1", "2026-12-05T08:00:00")
    [kept] = [c for c in iter_changes(gate.conn) if c.row_id == "g-new"]
    assert kept.cols == newer.cols
    before = dump(gate)
    again = tmp_path / "again"
    again.mkdir()
    _post(again, office, [newer])
    got = import_packages(gate, again, PASS)
    assert (got.packages, got.n_new, got.n_kept, kept_note(got)) == (1, 0, 0, None)
    assert dump(gate) == before
    # What is kept must be nameable in SQL after the upgrade and storable in a column: else the
    # package is broken or hostile (SYNC.md 10.3), not newer. So is a kind of change no Menshen
    # of this version writes (it changes how changes merge: the advice is the upgrade), and kept
    # fields in a format above ours.
    for n, (bad, refusal, advice) in enumerate([
            (_with_body(new, **{"x) --": "1"}), "不合规的字段名", "请让对方重新导出"),
            (_with_body(new, visit_floor={"nested": "object"}), "visit_floor 的值不是文字或数字", "请让对方重新导出"),
            # json.loads reads NaN and Infinity (SQLite then stores NULL): damage, kept or known alike.
            (_with_body(new, visit_floor=float("nan"))._replace(seq=new.seq + 1, row_id="g-nan"), "不是正常的数字（NaN 或无穷大）",
             "请让对方重新导出"),
            (_with_body(new, temperature=float("-inf"))._replace(seq=new.seq + 1, row_id="g-nan"), "不是正常的数字（NaN 或无穷大）",
             "请让对方重新导出"),
            (new._replace(kind="replace"), "不接受 replace 类的更改", "升级")]):
        folder = tmp_path / f"bad{n}"
        folder.mkdir()
        _post(folder, office, [bad])
        err = _refused(gate, folder)
        assert isinstance(err, ImportRefusedError) and refusal in err.message and advice in err.message
    with pytest.raises(MergeRefused, match="更改的格式（99）比这台电脑能读的新"):
        apply_changes(gate, [_with_body(new, visit_floor="3")._replace(schema_version=99)])


def test_a_newer_menshens_passages_go_set_wise_with_their_bodies_kept(machines, tmp_path, monkeypatch):
    """A newer office's passages, some with a column this laptop lacks, used to send their whole
    unit row by row (a snapshot at the old speed): now every one is written set-wise, a plain
    one referring to its row, a kept one with its body whole; a new person with a newer column
    too. A kept body whose known columns are not the row it makes still goes the checked way."""
    office, gate, new, stick = _replica(machines, tmp_path)
    with office.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, person_id, temperature) VALUES ('g-plain', '2026-12-05T08:01:00',"
                     " 'p2', 36.6)")
        conn.execute("INSERT INTO person (id, full_name) VALUES ('p-new', '新居民')")
    plain, person = ([c for c in iter_changes(office.conn) if c.row_id == r][0] for r in ("g-plain", "p-new"))
    newer = _with_body(new, visit_floor="3")
    body = json.loads(person.cols)
    body["name"]["nickname"] = "小新"
    newer_person = person._replace(cols=canonical_json(body), content_sha256=None)
    _post(stick, office, [newer, plain, newer_person])
    written = spy_set_wise(monkeypatch)
    got = import_packages(gate, stick, PASS)
    assert (got.packages, got.n_new, got.n_kept, got.refused) == (1, 3, 2, [])
    assert written == [{"gate_log": 2, "person": 1}]
    assert gate.conn.execute("SELECT id, person_id, temperature FROM gate_log WHERE id IN ('g-new', 'g-plain')"
                             " ORDER BY id").fetchall() == [("g-new", "p1", None), ("g-plain", "p2", 36.6)]
    assert gate.conn.execute("SELECT full_name FROM person WHERE id = 'p-new'").fetchone() == ("新居民",)
    assert {c.row_id: c.cols for c in iter_changes(gate.conn) if c.row_id in ("g-new", "g-plain", "p-new")} == {
        "g-new": newer.cols, "g-plain": plain.cols, "p-new": newer_person.cols}
    assert gate.conn.execute("SELECT count(*) FROM sync_log WHERE cols IS NOT NULL AND kind = 1").fetchone()[0] == 1
    # Its known columns not the row (a temperature as text, a REAL column makes it a number).
    odd = tmp_path / "odd"
    odd.mkdir()
    with office.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, person_id) VALUES ('g-odd', '2026-12-05T08:02:00', 'p3')")
    [change] = [c for c in iter_changes(office.conn) if c.row_id == "g-odd"]
    # A new person whose change has nothing but a newer group: no row here (docs/sync.md), as the checked way.
    ghost = person._replace(row_id="p-ghost", seq=person.seq + 10, cols=canonical_json({"vaccination": {"doses": 3}}))
    _post(odd, office, [_with_body(change, visit_floor="4", temperature="36.8"), ghost])
    got = import_packages(gate, odd, PASS)
    assert (got.n_new, got.n_kept, written[-1]) == (2, 2, {})
    assert gate.conn.execute("SELECT temperature FROM gate_log WHERE id = 'g-odd'").fetchone() == (36.8,)
    assert gate.conn.execute("SELECT count(*) FROM person WHERE id = 'p-ghost'").fetchone() == (0,)
    assert [c.cols for c in iter_changes(gate.conn) if c.row_id == "p-ghost"] == [ghost.cols]


def test_a_passage_that_rewrites_one_we_hold_is_refused_whole(machines, tmp_path):
    office, gate, new, stick = _replica(machines, tmp_path)
    held = [c for c in iter_changes(office.conn) if c.row_id == "g03"][0]
    forged = _with_body(held, holder_name="冒名")._replace(seq=new.seq + 1, site_id=held.site_id)
    _post(stick, office, [new, forged])
    err = _refused(gate, stick)
    assert isinstance(err, ImportRefusedError) and "内容不同" in err.message


def test_a_value_no_column_can_take_refuses_the_package_with_a_message(machines, tmp_path):
    office, gate, new, stick = _replica(machines, tmp_path)
    _post(stick, office, [_with_body(new, note={"nested": "object"})])
    err = _refused(gate, stick)
    assert isinstance(err, ImportRefusedError) and "不是文字或数字" in err.message


def test_text_that_is_not_utf8_is_refused_before_anything_is_written(machines, tmp_path):
    """The part is read by SQL alone now, so its text is checked at once over the part."""
    from desktop.sync import errors as e
    office, gate, new, stick = _replica(machines, tmp_path)
    marked = _with_body(new, note="MARKMARK")
    package_id = uuid7()
    payload = bytearray(build_payload({"package_id": package_id, "kind": "incremental"}, [marked], {}, {}, []))
    at = payload.find(b"MARKMARK")
    assert at > 0
    payload[at:at + 2] = b"\xff\xfe"                # not UTF-8 (the manifest's digest will not match either)
    post_package(stick, sender_code="EVIL", kind="incremental", package_id=package_id, community_id="c-xingfuli",
                 sender_site_id=office.site.site_id, sender_name="x", app_version="0.1.0",
                 change_format=CHANGE_FORMAT, payload=bytes(payload), passphrase=PASS)
    err = _refused(gate, stick)
    assert isinstance(err, e.PayloadInvalidError) and "文字编码不对" in str(err.message)


def test_an_encrypted_register_takes_the_same_snapshot_through_its_temp_table(machines, tmp_path, monkeypatch):
    """SQLCipher's connection cannot deserialize a part: its rows are staged in a TEMP table
    (in memory), and the set-wise way still writes the passages."""
    from db import driver
    office, plain = machines("office"), machines("plain")
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    locked = machines("locked")
    monkeypatch.delenv(driver.KEY_ENV)
    assert locked.encrypted and not hasattr(locked.conn, "deserialize")
    fill_office(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)
    assert import_packages(plain, stick, PASS).n_new == 23
    written = spy_set_wise(monkeypatch)
    assert import_packages(locked, stick, PASS).n_new == 23
    assert written == [SET_WISE]
    assert dump(locked) == dump(plain)
    assert locked.conn.execute("SELECT count(*) FROM sync_log WHERE shape IS NOT NULL AND kind = 1").fetchone()[0] == 15
    locked.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert "居民".encode() not in locked.path.read_bytes()       # the names reached the file encrypted


def test_an_infinite_temperature_of_an_encrypted_register_is_refused_whole_by_a_plain_one(machines, tmp_path, monkeypatch):
    """No Menshen writes one (desktop/temperature.py refuses 'inf', '1e999' and every reading
    outside 34-42.5 °C), but a row another program wrote: SQLCipher's SQLite keeps it as a REAL
    and puts it in the change's JSON as a number past a float's range (9.0e+999), which
    ``log.read_body`` refuses like NaN, so a plain register refuses the package whole with a
    message, never a traceback. A huge finite number passes through as it was."""
    from db import driver
    plain = machines("plain")
    monkeypatch.setenv(driver.KEY_ENV, "幸福里 社区 2026")
    locked = machines("locked")
    monkeypatch.delenv(driver.KEY_ENV)
    passage = ("INSERT INTO gate_log (id, at, direction, outcome, temperature, holder_name)"
               " VALUES (?, '2026-12-04T08:00:00', 'in', 'allowed', ?, '居民')")
    with locked.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute(passage, ("g-huge", 1e308))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    export_package(locked, first, PASS)
    assert import_packages(plain, first, PASS).refused == []
    huge = "SELECT temperature, typeof(temperature) FROM gate_log WHERE id = 'g-huge'"
    assert plain.conn.execute(huge).fetchone() == locked.conn.execute(huge).fetchone() == (1e308, "real")
    with locked.transaction() as conn:
        conn.execute(passage, ("g-inf", float("inf")))
    assert locked.conn.execute("SELECT temperature FROM gate_log WHERE id = 'g-inf'").fetchone() == (float("inf"),)
    export_package(locked, second, PASS)
    err = _refused(plain, second)
    assert isinstance(err, ImportRefusedError) and "不是正常的数字（NaN 或无穷大）" in err.message
    assert "没有导入" in err.message and plain.conn.execute("SELECT count(*) FROM gate_log").fetchone() == (1,)


def test_a_new_person_with_a_group_this_database_lacks_is_imported_with_the_group_kept(machines, tmp_path):
    """A newer Menshen's new row (a field group we do not have) is not taken with the group
    dropped: the row is made from what we know and the change kept whole."""
    office, gate, new, stick = _replica(machines, tmp_path)
    with office.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name) VALUES ('p-new', '新居民')")
    person = [c for c in iter_changes(office.conn) if c.row_id == "p-new"][0]
    body = json.loads(person.cols)
    body["vaccination"] = {"doses": 3}
    newer = person._replace(cols=canonical_json(body), content_sha256=None)
    _post(stick, office, [new, newer])
    got = import_packages(gate, stick, PASS)
    assert (got.packages, got.n_new, got.n_kept, got.refused) == (1, 2, 1, [])
    assert gate.conn.execute("SELECT full_name FROM person WHERE id = 'p-new'").fetchone() == ("新居民",)
    assert [c.cols for c in iter_changes(gate.conn) if c.row_id == "p-new"] == [newer.cols]


def test_sync_import_on_the_command_line_says_calmly_that_newer_fields_are_kept(
        machines, empty_register, tmp_path, menshen_home, capsys, monkeypatch):
    """``menshen sync import`` of a newer office's package (desktop/cli.py's main, in this
    process): the summary, then one calm line that the new fields wait for the upgrade; nothing
    on stderr, exit 0."""
    from desktop.cli import main
    from tests.conftest import new_database_file
    office = machines("office")
    with office.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO gate_log (id, at) VALUES ('g1', '2026-12-05T08:00:00')")
    *others, passage = iter_changes(office.conn)
    stick = tmp_path / "stick"
    stick.mkdir()
    _post(stick, office, [*others, _with_body(passage, visit_floor="3")])
    gate = new_database_file(empty_register, tmp_path / "gate.db")        # a laptop one version behind
    monkeypatch.setenv("MENSHEN_SYNC_PASSPHRASE", PASS)
    capsys.readouterr()
    assert main(["sync", "import", "--db", str(gate), "--from", str(stick)]) == 0
    out, err = capsys.readouterr()
    summary, kept = out.strip().splitlines()
    assert summary.startswith("同步导入：收到1个同步包，")
    assert kept == "对方的门神较新，有1条更改里的新字段这台电脑还用不上，已保留，升级后自动生效（其余内容已导入）。"
    assert err == ""
