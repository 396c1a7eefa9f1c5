"""Duplicates merged on a community's machines (person_merge, duty_merge) are settled in
PostgreSQL too (desktop/aggregate/pg_merges.py): the district counts a merged resident once, a
merged volunteer's shifts are on the survivor, whichever package comes first; a database
ingested before this was settled gets it when its schema is brought up to date."""
from db.sync.ids import natural_id, uuid7
from desktop.aggregate import pg
from tests.aggregate.test_pg_figures import COMMUNITY, SECRET, Site, post


def _packages(tmp_path):
    """A first package: a community, two entries of 李明 (the older A, the newer B), two of the
    volunteer 张志愿 (D1 older, D2) each with a shift, and 王芳. A second: A merged into B
    (the older is the loser here), D2 merged into D1."""
    site = Site()
    a, b, other, d1, d2 = uuid7(), uuid7(), uuid7(), uuid7(), uuid7()

    def person(pid, name):
        return site.change("person", pid, "patch", {"name": {"full_name": name},
                                                    "status": {"status": "healthy"}})

    def shift(who, starts):
        return site.change("duty_shift", uuid7(), "patch", {"time": {"person_id": who, "starts_at": starts,
                                                                      "ends_at": starts[:11] + "20:00"}})
    first = [site.change("community", COMMUNITY, "patch", {"name": {"name": "测试社区"}}),
             person(a, "李明"), person(b, "李明"), person(other, "王芳"),
             site.change("duty_person", d1, "patch", {"name": {"full_name": "张志愿"}}),
             site.change("duty_person", d2, "patch", {"name": {"full_name": "张志愿"}}),
             shift(d1, "2026-12-02T08:00"), shift(d2, "2026-12-03T08:00")]
    second = [site.change("person_merge", natural_id("person_merge", *sorted((a, b))), "patch",
                          {"pair": {"loser_id": a, "survivor_id": b, "merged_by": "干事"}}),
              site.change("duty_merge", natural_id("duty_merge", d1, d2), "patch",
                          {"pair": {"loser_id": d2, "survivor_id": d1}})]
    folders = []
    for i, changes in enumerate((first, second)):
        folder = tmp_path / f"p{i}"
        folder.mkdir()
        post(folder, site, changes)
        folders.append(folder)
    return folders, a, d1, d2


def _state(conn) -> tuple:
    people = pg.community_figures(conn)[COMMUNITY]["people"]
    city = pg.city_daily(conn, "2026-12-02")["people"]
    shifts = sorted(r[0] for r in conn.execute("SELECT person_id FROM duty_shift WHERE community = %s", (COMMUNITY,)))
    hidden = sorted(r[0] for r in conn.execute("SELECT id FROM duty_person WHERE community = %s AND is_deleted = 1",
                                               (COMMUNITY,)))
    conn.commit()
    return people, city, shifts, hidden


def test_a_merged_resident_counts_once_and_a_merged_volunteers_shifts_are_on_one_entry(pg_url, tmp_path):
    (first, second), loser, d1, d2 = _packages(tmp_path)
    for order in ((first, second), (second, first)):
        conn = pg.connect(pg_url)
        conn.execute("DROP SCHEMA IF EXISTS menshen CASCADE")
        conn.commit()
        pg.ensure_schema(conn)
        for folder in order:
            got = pg.ingest(conn, folder, {COMMUNITY: SECRET}.get)
            assert (got.packages, got.refused) == (1, [])
        # 李明 once and 王芳: two people in the community and in the city, not three.
        assert _state(conn) == (2, 2, [d1, d1], [d2])
        assert conn.execute("SELECT id FROM agg_person_alias").fetchall() == [(loser,)]
        conn.commit()
        conn.close()
    # A database whose merges were ingested before they were settled here gets them settled.
    conn = pg.connect(pg_url)
    conn.execute("TRUNCATE agg_person_alias, agg_duty_alias, agg_community_figures")
    conn.execute("UPDATE duty_shift SET person_id = %s WHERE starts_at LIKE '2026-12-03%%'", (d2,))
    conn.execute("UPDATE duty_person SET is_deleted = 0")
    conn.commit()
    pg.ensure_schema(conn)
    assert _state(conn) == (2, 2, [d1, d1], [d2])
    conn.close()
