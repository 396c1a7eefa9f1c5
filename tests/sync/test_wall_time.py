"""A received change keeps its wall time as a change made here does (db/sync/log.py
``stored_wall_sql``): an integer, not 29 bytes of text (29 MB a million received passages), and
exports with the very text it came with; migration 0029 converts those received before."""
from db import migrations
from db.connection import Database
from db.sync import incoming
from db.sync.log import CHANGE_FORMAT, canonical_json, iter_changes, iter_changes_in_order, wall_text_sql
from db.sync.merge import apply_changes

from .test_incoming import fill_office

OTHER = "44444444-4444-4444-8444-444444444444"


def odd_walls():
    """Changes of another program whose wall times are not in the form this one writes: kept as text."""
    hlc = 1_765_000_000_000 << 16
    return [(OTHER, n + 1, hlc + n, "person", f"p-odd{n}", "patch", canonical_json({"name": {"full_name": "外来"}}),
             "{}", None, CHANGE_FORMAT, wall, "x")
            for n, wall in enumerate(["2026-12-04T08:00:00Z", "2026-12-04T08:00:00.123+08:00",
                                      "2026-12-04T24:00:00.000+00:00", None])]


def walls(db, site_id):
    return db.conn.execute("SELECT l.seq, l.wall FROM sync_log l JOIN sync_site_no s ON s.no = l.site"
                           " WHERE s.site_id = ? ORDER BY l.seq", (site_id,)).fetchall()


def office_with_an_edit(machines):
    office = machines("office")
    fill_office(office)
    with office.transaction() as conn:       # an edit: the merge's checked path, not set-wise
        conn.execute("UPDATE person SET full_name = '居民零' WHERE id = 'p0'")
    return office


def test_a_received_change_keeps_its_wall_time_as_one_made_here(machines, monkeypatch):
    office = office_with_an_edit(machines)
    sent = list(iter_changes(office.conn)) + [tuple(c) for c in odd_walls()]
    quick, checked = machines("quick"), machines("checked")
    apply_changes(quick, sent)
    monkeypatch.setattr(incoming, "write_set_wise", lambda *args: {})
    apply_changes(checked, sent)
    mine = walls(office, office.site.site_id)
    assert all(isinstance(w, int) for _, w in mine)
    for db in (quick, checked):
        # Stored as the office stores them itself (1 or 2 bytes each); the odd forms as they came.
        assert walls(db, office.site.site_id) == mine
        assert [w for _, w in walls(db, OTHER)] == [c[10] for c in odd_walls()]
        # Exported as they came, wall time and hash alike.
        assert [c for c in iter_changes(db.conn) if c.site_id == office.site.site_id] == list(iter_changes(office.conn))
        assert [c.wall_time for c in iter_changes(db.conn) if c.site_id == OTHER] == [c[10] for c in odd_walls()]


def test_a_register_of_schema_28_keeps_its_received_wall_times_as_numbers_and_exports_the_same(machines, tmp_path,
                                                                                              monkeypatch):
    office, laptop = office_with_an_edit(machines), machines("laptop")
    apply_changes(laptop, list(iter_changes(office.conn)) + odd_walls())
    with laptop.transaction() as conn:
        # As schema 28's importer stored them: the text received (0029 changes no table, so
        # this file is schema 28's but for its number).
        conn.execute(f"UPDATE sync_log SET wall = {wall_text_sql('hlc', 'wall')}")
        conn.execute("UPDATE person SET full_name = '居民壹' WHERE id = 'p1'")      # one of its own
    laptop.conn.execute("PRAGMA user_version = 28")
    # Reopened up to 0029 only: the file has the columns later steps add (0030's after_fever_at).
    steps = migrations.available()[:29]
    monkeypatch.setattr(migrations, "available", lambda: steps)
    assert laptop.conn.execute("SELECT count(*) FROM sync_log WHERE typeof(wall) = 'text'").fetchone() == (27,)
    before = list(iter_changes_in_order(laptop.conn, with_hash=True))
    laptop.close()
    laptop = Database(tmp_path / "laptop.db", config_file=tmp_path / "laptop.json", user_name="laptop")
    try:
        assert laptop.conn.execute("PRAGMA user_version").fetchone()[0] >= 29
        assert walls(laptop, office.site.site_id) == walls(office, office.site.site_id)
        assert laptop.conn.execute("SELECT count(*) FROM sync_log WHERE typeof(wall) = 'text'").fetchone() == (3,)
        assert list(iter_changes_in_order(laptop.conn, with_hash=True)) == before
    finally:
        laptop.close()
