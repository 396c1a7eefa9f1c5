"""The sync page's review (issue 15): the same person entered on two machines is shown side by side
and merged by the record staff keep; a package from a machine whose clock is fast is held back
with a Chinese warning until "import anyway". Screenshots at 1366x768 and 1024x768."""
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.connection import Database
from db.sync.ids import natural_id
from db.sync.site import machine_name
from desktop.first_run import set_sync_passphrase
from desktop.sync.exchange import export_package, import_packages
from tests.conftest import type_text
from ui.events import DataEvents
from ui.pages.sync_page import SyncPage

PASS = "幸福里 门岗 同步 口令"
IDNO = "420106199001011234"
SHOTS = Path(os.environ.get("MENSHEN_SHOTS", "")) if os.environ.get("MENSHEN_SHOTS") else None


@pytest.fixture
def office_and_gate(app_ctx, tmp_path, quick_kdf):
    """The office and the gate each register 王小明 with the same ID number, and both change 王芳's
    phone; the gate's package waits in the shared folder. (Keys at the lowest cost: their
    strength is tested in tests/sync.)"""
    stick = tmp_path / "share"
    stick.mkdir()
    gate = Database(tmp_path / "gate.db", config_file=tmp_path / "gate.json", user_name="门岗")
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
        conn.execute("INSERT INTO compound (id, community_id, name) VALUES ('c1', 'c-xingfuli', '幸福里小区')")
        conn.execute("INSERT INTO building (id, compound_id, number) VALUES ('b4', 'c1', '4')")
        conn.execute("INSERT INTO household (id, compound_id, building_id, room) VALUES ('h1', 'c1', 'b4', '501')")
        conn.execute("INSERT INTO person (id, full_name, phone) VALUES ('p1', '王芳', '13800000001')")
    set_sync_passphrase(app_ctx.db, PASS, PASS)         # at the first run
    export_package(app_ctx.db, stick, PASS)
    import_packages(gate, stick, PASS)
    for db, pid, phone, sex in ((app_ctx.db, "p-office", "13911112222", "M"), (gate, "p-gate", "13733334444", "M")):
        with db.transaction() as conn:
            conn.execute("UPDATE person SET phone = ? WHERE id = 'p1'", (phone,))
            conn.execute("INSERT INTO person (id, full_name, id_number, sex, birth_date, phone, created_site,"
                         " created_wall) VALUES (?, '王小明', ?, ?, '1990-01-01', ?, ?, ?)",
                         (pid, IDNO, sex, phone, db.site.site_id, "2026-12-0%sT09:30:00" % (1 if db is gate else 2)))
            conn.execute("INSERT INTO membership (id, household_id, person_id) VALUES (?, 'h1', ?)",
                         (natural_id("membership", "h1", pid), pid))
    with gate.transaction() as conn:
        conn.execute("INSERT INTO gate_log (id, at, person_id, outcome) VALUES ('g1', '2026-12-04T08:00:00',"
                     " 'p-gate', 'allowed')")
    export_package(gate, stick, PASS)
    yield app_ctx, gate, stick
    gate.close()


def shown(model):
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def sync(qtbot, page, stick):
    page.add_folder(str(stick))
    type_text(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key_Return)


def shoot(page, name):
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    for w, h in ((1366, 768), (1024, 768)):
        page.resize(w, h)
        page.grab().save(str(SHOTS / f"{name}-{w}x{h}.png"))


def test_the_same_person_from_two_machines_is_shown_side_by_side_and_merged(qtbot, qt_zh, office_and_gate,
                                                                              monkeypatch):
    app, gate, stick = office_and_gate
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.pair_model.rowCount() == 0 and not page.keep_first.isEnabled()
    sync(qtbot, page, stick)
    assert page.conflict_model.rowCount() == 2                  # the phone, edited on both
    assert page.pair_choice.count() == 1 and IDNO in page.pair_choice.currentText()
    rows = {r[0]: r[1:] for r in shown(page.pair_model)}
    assert rows["姓名"] == ("王小明", "王小明")
    assert rows["住址"] == ("幸福里小区4栋501室", "幸福里小区4栋501室")
    named = [machine_name(db.site.site_name, db.site.site_code) for db in (gate, app.db)]   # 名字（代码）, or the code
    assert rows["登记于"] == (f"{named[0]} 2026-12-01 09:30", f"{named[1]} 2026-12-02 09:30")
    assert sorted(rows["电话"]) == ["13733334444", "13911112222"]
    assert sorted(rows["记录"]) == ["出入 0 次，走访 0 次", "出入 1 次，走访 0 次"]
    assert "重复登记" in page.duplicates.text()
    shoot(page, "sync-review")
    page.resize(880, 660)                 # beside the page list of a 1024×768 window: record 2 in sight
    table = page.pair_table
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    assert table.horizontalHeader().sectionViewportPosition(2) + table.columnWidth(2) <= table.viewport().width()

    asked = []
    monkeypatch.setattr(page, "_confirm", lambda text: asked.append(text) or True)
    first = page.pairs[0].a
    qtbot.mouseClick(page.keep_first, Qt.LeftButton)
    assert asked and first.full_name in asked[0] and "不能撤销" in asked[0]
    assert "已合并" in page.status.text()
    assert page.pair_model.rowCount() == 0 and "没有重复登记" in page.duplicates.text()
    other = "p-gate" if first.person_id == "p-office" else "p-office"
    assert app.db.conn.execute("SELECT is_deleted, merged_into FROM person WHERE id = ?",
                               (other,)).fetchone() == (1, first.person_id)
    # The gate takes the merge at its next sync.
    export_package(app.db, stick, PASS)
    import_packages(gate, stick, PASS)
    assert gate.conn.execute("SELECT is_deleted, merged_into FROM person WHERE id = ?",
                             (other,)).fetchone() == (1, first.person_id)


def test_refusing_the_merge_question_changes_nothing(qtbot, qt_zh, office_and_gate, monkeypatch):
    app, _gate, stick = office_and_gate
    page = SyncPage(app, DataEvents())
    qtbot.addWidget(page)
    sync(qtbot, page, stick)
    monkeypatch.setattr(page, "_confirm", lambda text: False)
    qtbot.mouseClick(page.keep_second, Qt.LeftButton)
    assert page.pair_model.rowCount() == 8
    assert app.db.conn.execute("SELECT count(*) FROM person_merge").fetchone()[0] == 0


def test_a_package_from_a_fast_clock_is_held_with_a_warning_until_import_anyway(qtbot, qt_zh, app_ctx, tmp_path,
                                                                                quick_kdf):
    stick = tmp_path / "share"
    stick.mkdir()
    gate = Database(tmp_path / "gate.db", config_file=tmp_path / "gate.json", user_name="门岗")
    try:
        fast = gate.clock.wall() + 5 * 24 * 3600 * 1000          # the gate's date is five days ahead
        gate.clock._wall = lambda: fast
        with gate.transaction() as conn:
            conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
            conn.execute("INSERT INTO person (id, full_name) VALUES ('p-gate', '赵六')")
        export_package(gate, stick, PASS)
    finally:
        gate.close()
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES ('c-xingfuli', '幸福里社区')")
    page = SyncPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    assert not page.import_anyway.isVisible()
    type_text(page.repeat, PASS)            # its first exchange: the passphrase is set, typed twice
    sync(qtbot, page, stick)
    assert page.import_anyway.isVisible() and "日期不对" in page.clock.text() and "没有导入" in page.clock.text()
    assert app_ctx.db.conn.execute("SELECT count(*) FROM person WHERE id = 'p-gate'").fetchone()[0] == 0
    shoot(page, "sync-clock")
    qtbot.mouseClick(page.import_anyway, Qt.LeftButton)
    assert app_ctx.db.conn.execute("SELECT count(*) FROM person WHERE id = 'p-gate'").fetchone()[0] == 1
    assert not page.import_anyway.isVisible()
    assert "时钟慢了" in page.clock.text()          # now this PC is behind what it has seen
