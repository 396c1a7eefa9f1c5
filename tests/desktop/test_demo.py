"""The demo community: the same seed makes the same people; they look like a real old community."""
import inspect
from datetime import date

import pytest

from desktop.address import format_place
from desktop.demo import HOUSEHOLDS_PER_COMMUNITY, make_demo, make_demo_database
from desktop.idnumber import parse_resident_id
from desktop.register import Register, places
from desktop.search import search_people

TODAY = date(2026, 11, 23)


def people_rows(db):
    with db.reading() as conn:
        return conn.execute(
            "SELECT p.full_name, p.id_number, p.sex, p.birth_date, p.status, p.is_key_person,"
            " p.residence_kind, h.tenure, h.landlord_name, h.landlord_person_id IS NOT NULL, b.number, u.number, h.room"
            " FROM person p JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
            " JOIN household h ON h.id = m.household_id"
            " LEFT JOIN building b ON b.id = h.building_id LEFT JOIN unit u ON u.id = h.unit_id"
            " ORDER BY p.id_number").fetchall()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    from db.connection import Database
    folder = tmp_path_factory.mktemp("demo")
    db = Database(folder / "demo.db", config_file=folder / "site.json", user_name="tester")
    summary = make_demo(db, households=400, seed=11, today=TODAY)
    yield db, summary
    db.close()


def test_the_same_seed_makes_the_same_community(small_demo, tmp_path):
    from db.connection import Database
    db, _ = small_demo
    other = Database(tmp_path / "again.db", config_file=tmp_path / "site.json")
    try:
        make_demo(other, households=400, seed=11, today=TODAY)
        assert people_rows(other) == people_rows(db)
    finally:
        other.close()


def test_another_seed_makes_other_people(small_demo, tmp_path):
    from db.connection import Database
    db, _ = small_demo
    other = Database(tmp_path / "other.db", config_file=tmp_path / "site.json")
    try:
        make_demo(other, households=400, seed=12, today=TODAY)
        assert {r[1] for r in people_rows(other)} != {r[1] for r in people_rows(db)}
    finally:
        other.close()


def test_every_id_number_is_valid_unique_and_agrees_with_sex_and_birth_date(small_demo):
    db, summary = small_demo
    rows = people_rows(db)
    assert len(rows) == summary.people
    assert len({r[1] for r in rows}) == len(rows)
    for name, number, sex, born, *_ in rows:
        parsed = parse_resident_id(number, today=TODAY)
        assert (parsed.sex, parsed.birth_date.isoformat()) == (sex, born), name
        assert 2 <= len(name) <= 4, name


def test_the_community_is_old_rented_and_lived_in_by_families(small_demo):
    db, summary = small_demo
    rows = people_rows(db)
    ages = [(TODAY - date.fromisoformat(r[3])).days // 365 for r in rows]
    elderly = sum(a >= 60 for a in ages) / len(ages)
    assert 0.22 <= elderly <= 0.45                 # an old compound: many elderly
    assert any(a < 6 for a in ages) and any(a >= 85 for a in ages)
    assert 1.8 <= summary.people / summary.households <= 2.8
    rented = {r for r in rows if r[7] == "rented"}
    assert 0.1 <= summary.rented_households / summary.households <= 0.35
    assert all(r[8] or r[9] for r in rented)     # every rented flat names its landlord
    assert len({r[6] for r in rows}) >= 2              # registered here and living here from elsewhere
    assert summary.elderly == sum(a >= 60 for a in ages)


def test_key_persons_in_every_status_with_history(small_demo):
    db, summary = small_demo
    reg = Register(db)
    counts = reg.status_counts()
    for status in ("home_isolation", "observation", "away"):
        assert counts[status] >= 1
    assert counts == summary.status_counts()
    rows = people_rows(db)
    assert sum(r[5] for r in rows) == summary.key_persons >= sum(
        counts[s] for s in ("home_isolation", "observation", "away"))
    isolated = [p for p in reg.people_in(None, limit=5000) if p.status == "home_isolation"]
    assert isolated
    history = reg.status_history(isolated[0].id)
    assert history and history[-1].new_status == "home_isolation" and history[-1].reason
    assert summary.travel_records >= 1


def test_addresses_can_be_searched_like_typed(small_demo):
    db, _ = small_demo
    name, _, _, _, _, _, _, _, _, _, building, unit, room = next(
        r for r in people_rows(db) if r[11] and r[12])
    found = search_people(db, f"{building}-{unit}-{room}")
    assert name in {p.full_name for p in found}


def test_a_village_house_is_kept_as_a_clerk_typing_it_would_keep_it(small_demo):
    """Papers printed the demo's village houses as 王家湾村民小组 王家湾17号: the house was kept
    as 王家湾17号 where a clerk typing the same house under 王家湾村民小组 gets 17号."""
    db, _ = small_demo
    with db.reading() as conn:
        rows = conn.execute("SELECT c.name, c.address, h.room, h.address_text FROM household h"
                            " JOIN compound c ON c.id = h.compound_id WHERE c.kind = 'village_group'").fetchall()
    assert rows
    for group, place, room, text in rows:
        number = text.removesuffix("号")
        assert number.isdigit() and not room, text
        assert format_place(group, None, None, room, text) == f"{group} {number}号"
        assert places.village_door("village_group", group, None, None, None, f"{place}{number}号") == ("", text)


def test_a_demo_is_never_mixed_into_a_real_register(app_ctx, small_community):
    before = app_ctx.register.totals()
    with pytest.raises(ValueError, match="已经登记"):
        make_demo_database(app_ctx.db.path, households=10)
    assert app_ctx.register.totals() == before


def test_default_size_is_the_seed_community(tmp_path):
    """6,514 households and about 14,411 people, a few dozen key persons in each status: what
    ``menshen demo`` and ``menshen --demo`` make when not told a size. The people are made
    alone: the gate logs, care lists, duty and canvass made around them took two thirds of the
    time and count in none of these figures."""
    from db.connection import Database
    from desktop import cli
    assert cli._parser().parse_args(["demo", "--db", "demo.db"]).households == HOUSEHOLDS_PER_COMMUNITY
    assert all(inspect.signature(f).parameters["households"].default == HOUSEHOLDS_PER_COMMUNITY
               for f in (cli.cmd_demo, make_demo_database, make_demo))
    db = Database(tmp_path / "full.db", config_file=tmp_path / "site.json", user_name="tester")
    try:
        summary = make_demo(db)
    finally:
        db.close()
    assert summary.households == 6514
    assert abs(summary.people - 14411) / 14411 < 0.02
    for status, count in summary.status_counts().items():
        assert count >= (24 if status != "healthy" else 10000), status


def test_a_demo_cut_off_or_cancelled_leaves_no_half_demo_behind(tmp_path, monkeypatch):
    """A full disk (or a kill, or Cancel) after the people were written: the file stayed with
    people but no gate logs or accounts, the next start opened it as the demo, and ``menshen
    demo`` refused to fill it again ("已经登记了…个人员")."""
    import desktop.demo as demo
    from db.errors import StorageError
    from desktop.app import open_app
    (tmp_path / "office").mkdir()
    path = tmp_path / "office" / "demo.db"

    def full(*a, **k):
        raise StorageError("磁盘空间已满，刚才的操作没有保存，已保存的数据没有改动。")
    real = demo.make_gate_demo
    monkeypatch.setattr(demo, "make_gate_demo", full)
    with pytest.raises(StorageError):
        make_demo_database(path, households=20, days=1)
    assert sorted(p.name for p in path.parent.iterdir()) == []          # nothing half-made, no .part

    def cancel(done, total):
        raise KeyboardInterrupt
    monkeypatch.setattr(demo, "make_gate_demo", real)
    with pytest.raises(KeyboardInterrupt):
        make_demo_database(path, households=20, days=1, progress=cancel)
    assert sorted(p.name for p in path.parent.iterdir()) == []

    summary = make_demo_database(path, households=20, days=1)           # the next try makes it whole
    app = open_app(path)
    try:
        with app.db.reading() as conn:
            assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == summary.people > 0
            assert conn.execute("SELECT count(*) FROM account").fetchone()[0] > 0      # made last
    finally:
        app.close()
