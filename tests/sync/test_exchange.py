"""Export and import of packages between real databases (desktop/sync/exchange.py)."""
import json

from db.connection import Database
from db.sync.ids import uuid7
from db.sync.log import CHANGE_FORMAT, canonical_json, content_hash, iter_changes
from desktop.sync import errors as e
from desktop.sync.exchange import ImportRefusedError, community_id, export_package, import_packages
from desktop.sync.mailbox import post_package
from desktop.sync.payload import build_payload

from .conftest import file_hash, PASSPHRASE as PASS


def people(db):
    return db.conn.execute("SELECT id, full_name, phone, is_deleted FROM person ORDER BY id").fetchall()


def passages(db):
    return db.conn.execute("SELECT id, person_id, at, note FROM gate_log ORDER BY id").fetchall()


def add_people(db, n, start=0):
    with db.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        for i in range(start, start + n):
            conn.execute("INSERT INTO person (id, full_name, phone) VALUES (?, ?, ?)", (f"p{i}", f"居民{i}", f"1380000{i:04d}"))


def test_a_new_database_becomes_a_replica_and_changes_flow_back(machines, tmp_path):
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 5)
    first = export_package(office, stick, PASS)
    assert (first.kind, first.n_changes) == ("snapshot", 6)
    assert community_id(gate) is None
    got = import_packages(gate, stick, PASS)
    assert (got.packages, got.n_new, got.refused) == (1, 6, [])
    assert community_id(gate) == "c-xingfuli"
    assert people(gate) == people(office)
    # The gate records passages and edits a phone; its package carries only what the office lacks.
    with gate.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, person_id, at) VALUES ('g1', 'p1', '2026-12-04T08:00:00')")
        conn.execute("UPDATE person SET phone = '13900000000' WHERE id = 'p2'")
    back = export_package(gate, stick, PASS)
    assert (back.kind, back.n_changes) == ("incremental", 2)
    got = import_packages(office, stick, PASS)
    assert (got.packages, got.n_new, got.already) == (1, 2, 0)
    assert people(office) == people(gate)
    assert passages(office) == passages(gate) == [("g1", "p1", "2026-12-04T08:00:00", None)]
    # Each knows the other (not itself) as a peer, and what the other holds.
    assert [r[0] for r in office.conn.execute("SELECT site_id FROM sync_peer")] == [gate.site.site_id]
    assert [r[0] for r in gate.conn.execute("SELECT site_id FROM sync_peer")] == [office.site.site_id]
    assert dict(office.conn.execute("SELECT site_id, max_seq FROM sync_peer_knowledge WHERE peer_site = ?",
                                    (gate.site.site_id,)))[office.site.site_id] == 6
    # Importing again does nothing at all: the file stays byte for byte the same.
    before = file_hash(office), file_hash(gate)
    again_office, again_gate = import_packages(office, stick, PASS), import_packages(gate, stick, PASS)
    assert (again_office.packages, again_gate.packages) == (0, 0)
    assert (again_office.already, again_gate.already) == (1, 1)
    assert (file_hash(office), file_hash(gate)) == before
    # The office now knows what the gate holds: its next package for the gate is a small delta.
    add_people(office, 1, start=10)
    delta = export_package(office, stick, PASS, peer=gate.site.site_id)
    assert (delta.kind, delta.n_changes) == ("incremental", 1)
    assert import_packages(gate, stick, PASS).n_new == 1
    assert people(gate) == people(office)


def gate_holding_one_person(machines, tmp_path):
    """An office with one person, and a gate that has taken the office's snapshot of it."""
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 1)
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    return office, gate, stick


def test_concurrent_edits_on_two_machines_converge_with_an_open_conflict(machines, tmp_path):
    office, gate, stick = gate_holding_one_person(machines, tmp_path)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '张三' WHERE id = 'p0'")
    with gate.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '张珊' WHERE id = 'p0'")
    export_package(office, stick, PASS)
    export_package(gate, stick, PASS)
    a, b = import_packages(office, stick, PASS), import_packages(gate, stick, PASS)
    assert people(office) == people(gate)
    assert {c[:3] for c in a.conflicts} == {c[:3] for c in b.conflicts} == {("person", "p0", "name")}


def _refused_unchanged(db, stick, passphrase=PASS):
    before = file_hash(db)
    result = import_packages(db, stick, passphrase)
    assert result.packages == 0
    assert file_hash(db) == before
    return result.refused


def test_refusals_leave_the_database_byte_for_byte_unchanged(machines, tmp_path):
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 3)
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    add_people(office, 2, start=5)
    package = export_package(office, stick, PASS).path

    [(name, err)] = _refused_unchanged(gate, stick, passphrase="别的 口令 不对 的")
    assert name == package.name and isinstance(err, e.WrongPassphraseError)

    data = bytearray(package.read_bytes())
    data[-40] ^= 0x01                                   # a flipped bit in the last chunk
    package.write_bytes(bytes(data))
    [(_, err)] = _refused_unchanged(gate, stick)
    assert isinstance(err, e.DamagedPackageError)
    assert "p5" not in {p[0] for p in people(gate)}


def test_a_package_that_rewrites_a_held_change_is_refused_whole(machines, tmp_path):
    office, gate = machines("office"), machines("gate")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 2)
    export_package(office, stick, PASS)
    import_packages(gate, stick, PASS)
    # A forged package: office's change 2 with another name, hash recomputed, plus a new change.
    changes = list(iter_changes(office.conn))
    c = changes[1]
    cols = canonical_json({**json.loads(c.cols), "name": {"full_name": "冒名"}})
    forged = c._replace(cols=cols, content_sha256=content_hash(c.base, cols, c.hlc, c.kind, c.row_id,
                                                               c.schema_version, c.seq, c.site_id, c.tbl))
    add_people(office, 1, start=7)
    fresh = list(iter_changes(office.conn))[-1]
    package_id = uuid7()
    payload = build_payload({"package_id": package_id, "kind": "incremental"}, [fresh, forged], {}, {}, [])
    post_package(stick, sender_code="EVIL", kind="incremental", package_id=package_id, community_id="c-xingfuli",
                 sender_site_id=office.site.site_id, sender_name="x", app_version="0.1.0",
                 change_format=CHANGE_FORMAT, payload=payload, passphrase=PASS)
    [(_, err)] = _refused_unchanged(gate, stick)
    assert isinstance(err, ImportRefusedError) and "内容不同" in err.message
    assert "p7" not in {p[0] for p in people(gate)}


def test_a_read_only_database_can_still_be_exported(machines, tmp_path):
    office = machines("office")
    add_people(office, 2)
    office.close()
    ro = Database(tmp_path / "office.db", config_file=tmp_path / "office.json", read_only=True)
    try:
        stick = tmp_path / "stick"
        stick.mkdir()
        out = export_package(ro, stick, PASS)
        assert (out.kind, out.n_changes) == ("snapshot", 3)
    finally:
        ro.close()
    gate = machines("gate")
    assert import_packages(gate, stick, PASS).n_new == 3
    assert [p[0] for p in people(gate)] == ["p0", "p1"]


def replicated_dump(db):
    from db.sync.knowledge import knowledge
    from db.sync.merge import open_conflicts
    conn = db.conn
    return (people(db), passages(db), sorted((c.site_id, c.seq, c.content_sha256) for c in iter_changes(conn)),
            knowledge(conn), open_conflicts(conn))


def test_packages_commute_and_a_stale_package_changes_nothing(machines, tmp_path):
    office, gate = machines("office"), machines("gate")
    folders = {name: tmp_path / name for name in ("p0", "p1", "p2")}
    for f in folders.values():
        f.mkdir()
    add_people(office, 3)
    export_package(office, folders["p0"], PASS)
    import_packages(gate, folders["p0"], PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '办公室改' WHERE id = 'p0'")
    with gate.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '门岗改', phone = '13900000000' WHERE id = 'p0'")
        conn.execute("INSERT INTO gate_log (id, person_id, at) VALUES ('g1', 'p1', '2026-12-04T08:00:00')")
    export_package(office, folders["p1"], PASS)
    export_package(gate, folders["p2"], PASS)
    one, two = machines("one"), machines("two")
    for db, order in ((one, ("p1", "p2")), (two, ("p2", "p1"))):
        for name in order:
            assert import_packages(db, folders[name], PASS).packages == 1
    assert replicated_dump(one) == replicated_dump(two)
    assert {c[:3] for c in replicated_dump(one)[4]} == {("person", "p0", "name")}
    # The first snapshot, met again after the newer packages: nothing visible changes.
    before = replicated_dump(one)
    assert import_packages(one, folders["p0"], PASS).n_new == 0
    assert replicated_dump(one) == before


def test_a_new_machine_synced_with_a_stick_joins_the_community_on_it(machines, tmp_path):
    """The sync page's one button on a new laptop (first run: "join from a stick"): it takes the
    office's community instead of minting its own, so the office accepts its package back."""
    from desktop.sync.exchange import sync_with_folder
    office, laptop = machines("office"), machines("laptop")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 3)
    export_package(office, stick, PASS)
    done = sync_with_folder(laptop, stick, PASS)
    assert done.got.packages == 1 and done.got.refused == []
    assert community_id(laptop) == community_id(office) == "c-xingfuli"
    assert people(laptop) == people(office)
    with laptop.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13700000000' WHERE id = 'p1'")
    sync_with_folder(laptop, stick, PASS)                 # the laptop's next round carries the edit
    back = sync_with_folder(office, stick, PASS)
    assert back.got.refused == [] and people(office) == people(laptop)


def test_the_first_machine_with_an_empty_stick_only_writes(machines, tmp_path):
    from desktop.sync.exchange import sync_with_folder
    office = machines("office")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 2)
    done = sync_with_folder(office, stick, PASS)
    assert done.got.packages == 0 and done.sent.kind == "snapshot" and community_id(office) is not None


def test_a_backup_is_taken_before_a_package_that_brings_something_and_not_before_one_that_does_not(
        machines, tmp_path):
    from desktop.backup import list_backups
    office, gate = machines("office"), machines("gate")
    first, again = tmp_path / "first", tmp_path / "again"
    first.mkdir()
    again.mkdir()
    add_people(office, 3)
    export_package(office, first, PASS)
    got = import_packages(gate, first, PASS)
    assert got.n_new == 4 and got.backup is not None
    kept = list_backups(gate.path)
    export_package(office, again, PASS)          # a new package, with nothing the gate lacks
    got = import_packages(gate, again, PASS)
    assert (got.packages, got.n_new, got.backup) == (1, 0, None)
    assert list_backups(gate.path) == kept
    with office.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13900000009' WHERE id = 'p1'")
    for p in again.iterdir():
        p.unlink()
    export_package(office, again, PASS)
    got = import_packages(gate, again, PASS)
    assert got.n_new == 1 and got.backup is not None


def resend(src, dst, stick):
    """The stick emptied, src's package for everyone written on it and imported by dst."""
    for p in stick.iterdir():
        p.unlink()
    export_package(src, stick, PASS)
    return import_packages(dst, stick, PASS)


def test_a_small_package_into_a_large_file_takes_no_backup_but_a_large_one_does(machines, tmp_path, monkeypatch):
    """The 1.4 GB file of 200,000 people is not copied before a gate-day; a package bringing
    1 % of the file is. (The file here is small: the size below which a copy is always taken
    is set to nothing.)"""
    from desktop import backup
    from desktop.backup import list_backups
    monkeypatch.setattr(backup, "CHEAP_COPY_BYTES", 0)
    office, gate = machines("office"), machines("gate")
    add_people(office, 300)
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)
    got = import_packages(gate, stick, PASS)        # the first package: everything, backed up
    assert got.n_new == 301 and got.backup is not None
    kept = list_backups(gate.path)
    with office.transaction() as conn:               # two edits: under 1 % of 301
        conn.execute("UPDATE person SET phone = '13900000009' WHERE id = 'p1'")
        conn.execute("UPDATE person SET phone = '13900000008' WHERE id = 'p2'")
    got = resend(office, gate, stick)
    assert (got.n_new, got.backup) == (2, None)
    assert list_backups(gate.path) == kept
    assert people(gate) == people(office)
    add_people(office, 4, start=300)                 # four new people: over 1 % of 303
    got = resend(office, gate, stick)
    assert got.n_new == 4 and got.backup is not None and got.backup.exists()


def test_a_sync_backup_is_taken_when_the_newest_copy_is_a_day_old(tmp_path):
    from datetime import datetime, timedelta

    from desktop import backup
    big = tmp_path / "register.db"
    with open(big, "wb") as f:                       # a sparse file larger than a cheap copy
        f.truncate(backup.CHEAP_COPY_BYTES + 1)
    now = datetime(2026, 12, 6, 9, 0, 0)
    assert backup.sync_backup_needed(big, held=1_000_000, new=500, now=now)       # no copy at all
    folder = backup.folder_of(big)
    folder.mkdir()
    (folder / "register.db.20261205-100000.daily.bak").write_bytes(b"x")
    assert not backup.sync_backup_needed(big, held=1_000_000, new=500, now=now)   # 23 h old
    assert backup.sync_backup_needed(big, held=1_000_000, new=500, now=now + timedelta(hours=1))
    assert backup.sync_backup_needed(big, held=1_000_000, new=10_000, now=now)    # 1 % of the file
    assert not backup.sync_backup_needed(big, held=1_000_000, new=0, now=now + timedelta(days=3))


def test_a_value_a_small_package_overwrites_stays_in_the_change_log(machines, tmp_path):
    """Why a small package needs no copy: the value it overwrites on a row made here (whose
    insert change refers to the row) is still in this machine's log after the import."""
    office, gate, stick = gate_holding_one_person(machines, tmp_path)
    with gate.transaction() as conn:
        conn.execute("INSERT INTO person (id, full_name, phone) VALUES ('g-made', '门岗登记', '13700000001')")
    resend(gate, office, stick)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13700000002', full_name = '门岗登记改' WHERE id = 'g-made'")
    resend(office, gate, stick)
    assert gate.conn.execute("SELECT full_name, phone FROM person WHERE id = 'g-made'").fetchone() == (
        "门岗登记改", "13700000002")
    made_here = json.loads(gate.conn.execute(
        "SELECT cols FROM sync_change WHERE row_id = 'g-made' AND site_id = ? ORDER BY seq",
        (gate.site.site_id,)).fetchone()[0])
    assert made_here["phone"] == {"phone": "13700000001"}
    assert made_here["name"] == {"full_name": "门岗登记"}


def test_a_write_protected_stick_is_named_in_chinese_without_the_systems_english(machines, tmp_path, monkeypatch):
    from desktop.sync import envelope
    office = machines("office")
    add_people(office, 2)
    stick = tmp_path / "stick"
    stick.mkdir()

    def write_protected(*args, **kwargs):
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(envelope.os, "replace", write_protected)
    try:
        export_package(office, stick, PASS)
    except e.StickWriteError as err:
        message = err.message
    else:
        raise AssertionError("the export said it was written")
    monkeypatch.undo()
    assert "写保护" in message and "Read-only" not in message and "Errno" not in message
    assert not [p for p in stick.rglob("*") if p.is_file() and p.name.endswith(envelope.SUFFIX)]  # none half-written


def office_with_passphrase(machines, tmp_path):
    """An office of two people that set the community's passphrase at its first run and has
    synced once to a stick; a laptop that knows nothing yet."""
    from desktop.first_run import set_sync_passphrase
    from desktop.sync.exchange import sync_with_folder
    office, laptop = machines("office"), machines("laptop")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 2)
    set_sync_passphrase(office, PASS, PASS)
    sync_with_folder(office, stick, PASS)
    return office, laptop, stick


def test_a_mistyped_passphrase_writes_no_package_when_the_community_set_one(machines, tmp_path):
    """The office set the passphrase at the first run; a clerk mistypes it at the sync page.
    Nothing may reach the stick: a package sealed with the typo is one every other machine
    refuses as "wrong passphrase", while this one was told it had sent its changes."""
    import pytest
    from desktop.sync.exchange import sync_with_folder
    office, laptop, stick = office_with_passphrase(machines, tmp_path)
    sync_with_folder(laptop, stick, PASS)
    with office.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13700000000' WHERE id = 'p1'")
    before = sorted(p.name for p in stick.iterdir())
    for attempt in (lambda: sync_with_folder(office, stick, PASS + "x"),
                    lambda: export_package(office, stick, "幸福里 门岗 同步 口今")):
        with pytest.raises(e.PassphraseNotOursError) as refused:
            attempt()
        assert "没有写出同步包" in str(refused.value)
    assert sorted(p.name for p in stick.iterdir()) == before
    done = sync_with_folder(office, stick, "  幸福里  门岗 同步 口令 ")     # the same, spaced differently
    assert done.sent.n_changes >= 1
    assert sync_with_folder(laptop, stick, PASS).got.refused == [] and people(laptop) == people(office)


def test_a_machine_that_joined_from_a_stick_refuses_a_mistyped_passphrase_too(machines, tmp_path):
    """A laptop joined from the stick never set the passphrase, so a typo there still sealed a
    package nobody could open. Joining proves the passphrase (the package opened): the laptop
    keeps the same check as the office, and a typo is refused before anything is written."""
    import pytest
    from desktop.first_run import passphrase_matches
    from desktop.sync.exchange import sync_with_folder
    office, laptop, stick = office_with_passphrase(machines, tmp_path)
    assert passphrase_matches(laptop, PASS) is None          # a new machine knows nothing yet
    joined = import_packages(laptop, stick, PASS)
    assert joined.packages == 1 and community_id(laptop) == community_id(office)
    assert passphrase_matches(laptop, PASS) is True
    with laptop.transaction() as conn:
        conn.execute("UPDATE person SET phone = '13700000000' WHERE id = 'p1'")
    before, laptop_file = sorted(p.name for p in stick.iterdir()), file_hash(laptop)
    for attempt in (lambda: export_package(laptop, stick, PASS + "x"),
                    lambda: sync_with_folder(laptop, stick, "幸福里 门岗 同步 口今")):
        with pytest.raises(e.PassphraseNotOursError) as refused:
            attempt()
        assert str(refused.value).startswith("这不是本社区设定的同步口令") and "没有写出同步包" in str(refused.value)
    assert sorted(p.name for p in stick.iterdir()) == before and file_hash(laptop) == laptop_file
    sent = export_package(laptop, stick, PASS)
    assert sent.n_changes >= 1
    got = import_packages(office, stick, PASS)
    assert got.refused == [] and people(office) == people(laptop)


def test_a_new_machine_synced_with_an_empty_stick_writes_nothing_and_joins_later(machines, tmp_path):
    """The first run's "join from a stick" on a gate laptop, pressed before the office has put
    anything on the stick: no package of a community of its own (which the office would refuse
    as another community's, and the laptop the office's, for good), a Chinese message saying
    what to do; once the office has synced to the stick, the laptop joins the office's community."""
    from desktop.sync.exchange import sync_with_folder
    office, laptop = machines("office"), machines("laptop")
    stick = tmp_path / "stick"
    stick.mkdir()
    try:
        sync_with_folder(laptop, stick, PASS)
        raise AssertionError("a new machine wrote to an empty stick")
    except e.NothingToJoinError as err:
        assert "办公室的电脑上同步" in err.message and "没有写出同步包" in err.message
    assert list(stick.iterdir()) == [] and community_id(laptop) is None
    add_people(office, 2)
    sync_with_folder(office, stick, PASS)
    done = sync_with_folder(laptop, stick, PASS)
    assert done.got.packages == 1 and community_id(laptop) == "c-xingfuli"
    back = sync_with_folder(office, stick, PASS)
    assert back.got.refused == [] and back.got.foreign == 0 and back.got.packages == 1
    assert people(laptop) == people(office)


def test_a_new_machine_joins_from_a_street_office_stick_with_two_communities(machines, tmp_path):
    """The street office's stick carries 幸福里's and 和平里's packages: a new laptop of 幸福里
    joins the community its passphrase opens, imports its package and skips the other; a
    passphrase that opens neither is told so."""
    from desktop.sync.exchange import sync_with_folder
    office, other, laptop, wrong = machines("office"), machines("other"), machines("laptop"), machines("wrong")
    stick = tmp_path / "stick"
    stick.mkdir()
    add_people(office, 2)
    with other.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-hepingli', '和平里社区')")
        conn.execute("INSERT INTO person (id, full_name) VALUES ('q1', '和平里居民')")
    export_package(office, stick, PASS)
    export_package(other, stick, "和平里 另外 一个 口令")
    try:
        sync_with_folder(wrong, stick, "谁的 口令 都 不是")
        raise AssertionError("joined with a passphrase that opens nothing")
    except e.SyncError as err:
        assert "2 个社区" in err.message and "口令打不开" in err.message
    assert community_id(wrong) is None
    done = sync_with_folder(laptop, stick, PASS)
    assert (done.got.packages, done.got.refused) == (1, [])
    assert community_id(laptop) == "c-xingfuli" and people(laptop) == people(office)
