"""Clock skew (SYNC.md 9.12; issue 15): a package from a machine whose clock is set ahead is held
back with a Chinese warning and the database untouched, until staff accept it; this machine's
clock never jumps further than that; a clock behind what the data has seen is warned about."""

import pytest

from db.connection import Database
from db.sync.hlc import unpack
from desktop.sync.clock import AHEAD_LIMIT_MS, local_behind, local_clock_warning, package_ahead
from desktop.sync.exchange import export_package, import_packages

from .conftest import file_hash, PASSPHRASE as PASS

NOW = 1_796_400_000_000                 # 2026-12-04, the tests' own "now"
DAY = 24 * 3600 * 1000


@pytest.fixture
def machines(tmp_path):
    opened = {}

    def open_(name, offset_ms=0):
        db = Database(tmp_path / f"{name}.db", config_file=tmp_path / f"{name}.json", user_name=name)
        db.clock._wall = lambda: NOW + offset_ms
        opened[name] = db
        return db
    yield open_
    for db in opened.values():
        db.close()


def add_person(db, pid):
    with db.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO person (id, full_name) VALUES (?, '张三')", (pid,))


def test_a_package_from_a_clock_set_ahead_is_held_until_accepted(machines, tmp_path):
    office = machines("office")
    add_person(office, "p-office")
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(office, stick, PASS)
    gate = machines("gate", offset_ms=3 * DAY)            # the gate's clock is three days fast
    import_packages(gate, stick, PASS)
    add_person(gate, "p-gate")
    export_package(gate, stick, PASS)

    before, stamp = file_hash(office), office.clock.last
    got = import_packages(office, stick, PASS)
    assert got.packages == 0 and len(got.held) == 1
    message = got.held[0].message
    assert gate.site.site_code in message and "日期" in message and "没有导入" in message
    assert file_hash(office) == before and office.clock.last == stamp     # nothing written, clock unmoved
    assert office.conn.execute("SELECT count(*) FROM person WHERE id = 'p-gate'").fetchone()[0] == 0
    # Held again at the next sync (not marked as imported).
    assert len(import_packages(office, stick, PASS).held) == 1

    got = import_packages(office, stick, PASS, accept_clock_ahead=True)
    assert got.packages == 1 and got.held == []
    assert office.conn.execute("SELECT count(*) FROM person WHERE id = 'p-gate'").fetchone()[0] == 1
    # Accepted: the clock follows the package (causally safe), and this PC is now told it is behind.
    assert unpack(office.clock.last)[0] >= NOW + 3 * DAY
    assert got.clock is not None and "时钟慢了" in got.clock.message


def test_within_a_day_the_package_is_imported_and_the_clock_follows(machines, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    gate = machines("gate", offset_ms=DAY - 60_000)
    add_person(gate, "p-gate")
    export_package(gate, stick, PASS)
    office = machines("office")
    got = import_packages(office, stick, PASS)
    assert got.packages == 1 and got.held == []
    assert unpack(office.clock.last)[0] >= NOW + DAY - 60_000


def test_the_rule_itself():
    stamp = (NOW + AHEAD_LIMIT_MS + 1) << 16
    assert package_ahead(stamp, "门岗", "x.cspkg", now_ms=NOW) is not None
    assert package_ahead((NOW + AHEAD_LIMIT_MS) << 16, "门岗", now_ms=NOW) is None
    assert package_ahead(None, "门岗", now_ms=NOW) is None
    assert local_behind((NOW + 2 * 3600_000) << 16, now_ms=NOW).kind == "local_behind"
    assert local_behind((NOW + 1800_000) << 16, now_ms=NOW) is None


def test_a_clock_reset_to_the_past_is_warned_about(machines):
    office = machines("office")
    add_person(office, "p1")
    assert local_clock_warning(office) is None
    office.clock._wall = lambda: NOW - 400 * DAY       # the CMOS battery died
    warning = local_clock_warning(office)
    assert warning is not None and "时钟慢了" in warning.message
    add_person(office, "p2")                            # editing still works, in order
    assert office.clock.last > 0


def test_a_date_before_any_menshen_existed_is_said_to_everyone(machines):
    from datetime import datetime

    from desktop.sync.clock import machine_clock_warning
    office = machines("office")
    assert machine_clock_warning(office) is None
    reset = int(datetime(2000, 1, 1, 8, 0).timestamp() * 1000)      # an empty register, a dead battery
    warning = machine_clock_warning(office, now_ms=reset)
    assert warning.kind == "local_wrong" and "2000年01月01日" in warning.message and "日期不对" in warning.message
    add_person(office, "p1")                    # records kept: a clock behind them is said too
    behind = machine_clock_warning(office, now_ms=NOW - 3 * DAY)
    assert behind.kind == "local_behind" and "时钟慢了" in behind.message and "出入" in behind.message
