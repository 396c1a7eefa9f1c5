"""The city's figures are kept per community and per community and day (schema.ROLLUPS), brought
up to date by every ingest batch: they must always equal a count over the merged tables, in
whatever order packages come, including a correction (void) that arrives in another package
than the passage it voids, on another day; a database from before they were kept gets them
counted once. Packages opened in worker processes give the same rows as in one process."""
import shutil

from db.sync.ids import uuid7
from db.sync.log import CHANGE_FORMAT, canonical_json, content_hash
from desktop.aggregate import pg
from desktop.aggregate import schema as sc
from desktop.sync.mailbox import post_package
from desktop.sync.payload import build_payload
from tests.aggregate.test_pg import dump, pg_figures

COMMUNITY = "c-void-test"
SECRET = "虚 社区 上报 口令 2026"


class Site:
    """Changes of one site, numbered 1, 2, … with rising HLCs (the shape the capture makes)."""

    def __init__(self):
        self.site, self.seq, self.ms = uuid7(), 0, 1_764_000_000_000

    def change(self, tbl: str, row_id: str, kind: str, body: dict) -> tuple:
        self.seq += 1
        self.ms += 1
        hlc, cols = self.ms << 16, canonical_json(body)
        sha = content_hash("{}", cols, hlc, kind, row_id, CHANGE_FORMAT, self.seq, self.site, tbl)
        return (self.site, self.seq, hlc, tbl, row_id, kind, cols, "{}", sha, CHANGE_FORMAT,
                "2026-12-03T08:00:00Z", "干事")


def post(folder, site: Site, changes: list) -> None:
    package_id = uuid7()
    payload = build_payload({"package_id": package_id, "kind": "snapshot", "community_id": COMMUNITY,
                             "sender_site_id": site.site}, changes, {site.site: site.seq}, {},
                            [(site.site, "T0001", "测试社区办公室", "office")])
    post_package(folder, sender_code="T0001", kind="snapshot", package_id=package_id, community_id=COMMUNITY,
                 sender_site_id=site.site, sender_name="测试社区办公室", app_version="test",
                 change_format=CHANGE_FORMAT, payload=payload, passphrase=SECRET)


def passage(site: Site, gate: str, at: str, direction: str = "in") -> tuple:
    return site.change("gate_log", uuid7(), "insert", {"entry": {
        "kind": "pass", "checkpoint_id": gate, "at": at, "direction": direction, "outcome": "allowed",
        "fever": 0, "source": "screen"}})


def live_gate_counts(conn) -> dict:
    """(community, day) -> passages in, counted over gate_log itself (the rule the views keep)."""
    rows = conn.execute("SELECT g.community, left(g.at, 10), count(*) FROM gate_log g"
                        " WHERE g.kind = 'pass' AND g.outcome = 'allowed' AND g.direction = 'in'"
                        " AND NOT EXISTS (SELECT 1 FROM gate_log v WHERE v.community = g.community"
                        " AND v.voids_id = g.id) GROUP BY 1, 2").fetchall()
    conn.commit()
    return {(c, d): n for c, d, n in rows}


def kept_gate_counts(conn) -> dict:
    rows = conn.execute("SELECT community, day, gate_in FROM community_gate_daily WHERE gate_in > 0").fetchall()
    conn.commit()
    return {(c, d): n for c, d, n in rows}


def two_packages(tmp_path):
    """A first package with a community, a gate and three passages on 2 December; a second
    with a void (made on 3 December) of one of them and a passage of 3 December."""
    site = Site()
    gate = uuid7()
    first = [site.change("community", COMMUNITY, "patch", {"name": {"name": "测试社区"}}),
             site.change("checkpoint", gate, "patch", {"name": {"name": "东门"}}),
             passage(site, gate, "2026-12-02T08:00:00"), passage(site, gate, "2026-12-02T09:00:00"),
             passage(site, gate, "2026-12-02T10:00:00")]
    voided = first[2][4]
    second = [site.change("gate_log", uuid7(), "insert", {"entry": {
                  "kind": "void", "voids_id": voided, "at": "2026-12-03T07:00:00", "void_reason": "录错"}}),
              passage(site, gate, "2026-12-03T08:00:00")]
    folders = []
    for i, changes in enumerate((first, second)):
        folder = tmp_path / f"p{i}"
        folder.mkdir()
        post(folder, site, changes)
        folders.append(folder)
    return folders


def test_a_void_counts_on_the_day_of_the_passage_it_voids_whichever_package_comes_first(pg_url, tmp_path):
    first, second = two_packages(tmp_path)
    for order in ((first, second), (second, first)):
        conn = pg.connect(pg_url)
        conn.execute("DROP SCHEMA IF EXISTS menshen CASCADE")
        conn.commit()
        pg.ensure_schema(conn)
        for folder in order:
            got = pg.ingest(conn, folder, {COMMUNITY: SECRET}.get)
            assert (got.packages, got.refused) == (1, [])
            assert kept_gate_counts(conn) == live_gate_counts(conn)
        # Three passages on the 2nd, one voided on the 3rd; one passage on the 3rd.
        assert kept_gate_counts(conn) == {(COMMUNITY, "2026-12-02"): 2, (COMMUNITY, "2026-12-03"): 1}
        assert pg.city_daily(conn, "2026-12-02")["gate_in"] == 2
        conn.close()


def test_a_database_from_before_the_figures_were_kept_gets_them_counted(world_packages, pg_ingested):
    packages, passphrases, own = world_packages
    pg_conn = pg_ingested               # the thirty packages taken in once
    assert pg_figures(pg_conn) == own
    pg_conn.execute("TRUNCATE agg_community_figures, agg_gate_daily")
    pg_conn.commit()
    assert pg_figures(pg_conn) == {}
    pg.ensure_schema(pg_conn)
    assert pg_figures(pg_conn) == own


def test_packages_opened_in_worker_processes_give_the_same_rows(world_packages, world_ingested, pg_ingested,
                                                              pg_conn):
    packages, passphrases, own = world_packages
    other = pg_ingested                 # the thirty packages taken in once in this process (workers=0)
    alone = world_ingested.first
    pooled = pg.ingest(pg_conn, packages, passphrases.get, workers=2)
    assert (alone.packages, pooled.packages, alone.refused, pooled.refused) == (30, 30, [], [])
    assert dump(pg_conn) == dump(other)
    assert pg_figures(pg_conn) == pg_figures(other) == own
    assert set(t.name for t in sc.tables()) <= set(dump(pg_conn))


def test_a_package_refused_in_a_worker_process_leaves_the_others_ingested(world_packages, pg_conn, tmp_path):
    packages, passphrases, own = world_packages
    folder = tmp_path / "box"
    shutil.copytree(packages, folder)
    victim = sorted(folder.glob("*.cspkg"))[3]
    data = bytearray(victim.read_bytes())
    data[-40] ^= 0x5A                                       # one flipped bit near the end
    victim.write_bytes(bytes(data))
    got = pg.ingest(pg_conn, folder, passphrases.get, workers=2)
    assert got.packages == 29 and [name for name, _ in got.refused] == [victim.name]
    assert got.refused[0][1].startswith("同步包已损坏或被改动")
    assert pg_conn.execute("SELECT count(*) FROM agg_package WHERE file_name = %s", (victim.name,)).fetchone()[0] == 0


def test_a_value_no_column_can_take_refuses_its_package_alone(world_packages, pg_conn, tmp_path):
    """A new community's first rows go straight into the tables (no staging); a package whose
    passage has a text where the number of fevers goes is refused with the server's reason, and
    the other packages of its batch are ingested and counted all the same."""
    packages, passphrases, own = world_packages
    folder = tmp_path / "box"
    shutil.copytree(packages, folder)
    site, gate = Site(), uuid7()
    body = {"entry": {"kind": "pass", "checkpoint_id": gate, "at": "2026-12-02T08:00:00", "direction": "in",
                      "outcome": "allowed", "fever": "很高", "source": "screen"}}
    post(folder, site, [site.change("community", COMMUNITY, "patch", {"name": {"name": "测试社区"}}),
                        site.change("gate_log", uuid7(), "insert", body)])
    got = pg.ingest(pg_conn, folder, {**passphrases, COMMUNITY: SECRET}.get, workers=0)
    assert got.packages == 30 and len(got.refused) == 1
    assert "放不进汇总库" in got.refused[0][1] and "没有导入" in got.refused[0][1]
    assert pg_conn.execute("SELECT count(*) FROM community WHERE community = %s", (COMMUNITY,)).fetchone()[0] == 0
    pg_conn.commit()
    assert pg_figures(pg_conn) == own
