"""menshen aggregate into PostgreSQL (a throwaway cluster, tests/aggregate/pgcluster.py): twenty
communities' packages in random order, some twice, give each community's own figures and their
sum; ingesting again changes nothing; PostgreSQL and the street office's replicas agree row for
row on every replicated table."""
import random
import shutil


from desktop.aggregate import pg
from desktop.aggregate import schema as sc
from desktop.aggregate.street import FIGURES, Street, summed
from desktop.sync.mailbox import list_packages
from tests.aggregate.communities import DAY


def pg_figures(conn) -> dict[str, dict]:
    people, gates = pg.community_figures(conn), pg.gate_day(conn, DAY.isoformat())
    return {c: {k: int(people[c][k]) if k in people[c] else int(gates.get(c, {}).get(k, 0)) for k in FIGURES}
            for c in people}


def dump(conn) -> dict:
    out = {}
    for t in sc.tables():
        out[t.name] = conn.execute(f"SELECT * FROM {sc.qi(t.name)} ORDER BY community, id").fetchall()
    conn.commit()
    return out


def test_packages_in_random_order_some_twice_give_each_community_its_own_figures(world, pg_conn, tmp_path):
    communities, packages, own, passphrases = world
    conn = pg_conn
    files = [p.path for p in list_packages(packages)[0]]
    assert len(files) == 20 + 2 * 5                  # a package each, two more where a gate laptop works
    rnd = random.Random(7)
    order = files + rnd.sample(files, 8)             # eight of them a second time
    rnd.shuffle(order)
    for i, path in enumerate(order):
        one = tmp_path / f"in{i}"
        one.mkdir()
        shutil.copy(path, one / path.name)
        got = pg.ingest(conn, one, passphrases.get, again=True)
        assert (got.packages, got.refused) == (1, [])
    figures = pg_figures(conn)
    assert figures == own
    city = pg.city_daily(conn, DAY.isoformat())
    assert {k: city[k] for k in FIGURES} == summed(own)
    assert city["communities"] == 20
    assert city["people"] > 200 and city["gate_in"] > 0 and city["observation"] > 0


def test_ingesting_again_changes_nothing(world, world_ingested, pg_ingested):
    communities, packages, own, passphrases = world
    conn = pg_ingested                  # the thirty packages taken in once (world_ingested checks it)
    first = world_ingested.first
    assert (first.packages, first.already, first.refused) == (30, 0, [])
    before = world_ingested.dump
    assert dump(conn) == before
    assert len(before["person"]) > 200 and len(before["gate_log"]) > 200
    skipped = pg.ingest(conn, packages, passphrases.get)
    assert (skipped.packages, skipped.already) == (0, 30)
    forced = pg.ingest(conn, packages, passphrases.get, again=True)
    assert forced.packages == 30
    assert dump(conn) == before
    assert pg_figures(conn) == own


def test_the_street_replicas_and_postgresql_agree_row_for_row(world, pg_ingested, tmp_path):
    communities, packages, own, passphrases = world
    conn = pg_ingested                  # the thirty packages taken in once
    with Street(tmp_path / "street") as street:
        got = street.ingest(packages, passphrases.get)
        assert (got.packages, got.refused, got.no_passphrase) == (30, [], [])
        assert street.communities() == sorted(own)
        assert street.figures(DAY) == own
        compared = 0
        for cid in own:
            db = street.replica(cid)
            for t in sc.tables():
                names = ["id"] + [c.name for c in t.columns]
                cols = ", ".join(sc.qi(n) for n in names)
                with db.reading() as sq:
                    mine = sq.execute(f"SELECT {cols} FROM {sc.qi(t.name)} ORDER BY id").fetchall()
                theirs = conn.execute(f"SELECT {cols} FROM {sc.qi(t.name)} WHERE community = %s"
                                      ' ORDER BY id COLLATE "C"', (cid,)).fetchall()
                assert [tuple(r) for r in mine] == [tuple(r) for r in theirs], (cid, t.name)
                compared += len(mine)
        assert compared > 1000


def test_a_package_without_its_passphrase_or_with_a_wrong_one_is_refused_and_nothing_written(world, pg_conn):
    communities, packages, own, passphrases = world
    conn = pg_conn
    first = communities[0].id
    wrong = dict(passphrases, **{first: "不对的 口令 一二 三四"})
    del wrong[communities[1].id]
    got = pg.ingest(conn, packages, wrong.get)
    refused = dict(got.refused)
    assert len(refused) == 2 + 2            # the first community has a gate laptop: three packages
    assert any("口令" in m and "没有导入" in m for m in refused.values())
    assert any("口令不对" in m or "口令" in m for m in refused.values())
    assert first not in pg_figures(conn) and communities[1].id not in pg_figures(conn)
    assert conn.execute("SELECT count(*) FROM agg_package").fetchone()[0] == 30 - 4


def test_equal_stamps_from_two_machines_go_to_the_greater_machine_id_in_any_order(pg_conn, tmp_path):
    """As on the communities' machines (tests/sync/test_merge.py, equal stamps; SYNC.md 9.3): a
    tie of HLC stamps goes to the greater site id, never to the package that came last, the
    greater number or the greater value. Rows p and q come one change a package (the first
    package copied in, the second upserted), r and s two changes in one package (_merged_line); the
    smaller id has the greater number and value on p and r, the smaller on q and s. Every row
    twice: the greater id's change first (rows 1), and last (rows 2)."""
    from db.sync.ids import uuid7
    from tests.aggregate.test_pg_figures import COMMUNITY, SECRET, Site, post
    hi, lo = sorted((Site(), Site()), key=lambda x: x.site, reverse=True)
    rows = {k: uuid7() for k in ("p1", "q1", "r1", "s1", "p2", "q2", "r2", "s2")}

    def names(site, n, values, seqs):
        out = []
        for row, value, seq in zip("pqrs", values, seqs):
            site.seq, site.ms = seq - 1, 1_764_000_000_000      # every change at one stamp
            out.append(site.change("person", rows[f"{row}{n}"], "patch", {"name": {"full_name": value}}))
        return out
    his = {n: names(hi, n, ("Ab", "Zz", "Ab", "Zz"), (1, 6, 3, 8)) for n in (1, 2)}
    los = {n: names(lo, n, ("Zz", "Ab", "Zz", "Ab"), (5, 2, 7, 4)) for n in (1, 2)}
    first = his[1][:2] + los[2][:2] + his[1][2:] + los[1][2:]
    second = los[1][:2] + his[2][:2] + los[2][2:] + his[2][2:]
    for i, (site, changes) in enumerate([(hi, first), (lo, second)]):
        folder = tmp_path / f"p{i}"
        folder.mkdir()
        site.seq = 8
        post(folder, site, changes)
        got = pg.ingest(pg_conn, folder, {COMMUNITY: SECRET}.get, workers=0)
        assert (got.packages, got.refused) == (1, [])
    shown = dict(pg_conn.execute("SELECT id, full_name FROM person").fetchall())
    pg_conn.commit()
    assert {k: shown[v] for k, v in rows.items()} == {
        "p1": "Ab", "q1": "Zz", "r1": "Ab", "s1": "Zz", "p2": "Ab", "q2": "Zz", "r2": "Ab", "s2": "Zz"}


def name_change(site, row_id: str, ms: int, values: dict, base=None) -> tuple:
    """A change of the name group of person ``row_id`` by ``site`` at ``ms``; with ``base`` (the
    change it edits) an edit, else a new row's change."""
    from db.sync.log import canonical_json, content_hash
    site.ms = ms - 1
    c = list(site.change("person", row_id, "patch", {"name": values}))
    if base is not None:
        c[7] = canonical_json({"name": [[base[0], base[1]]]})
        c[8] = content_hash(c[7], c[6], c[2], "patch", c[4], c[9], c[1], c[0], "person")
    return tuple(c)


def test_an_older_laptops_edit_keeps_a_newer_column_whichever_package_comes_first(pg_conn, tmp_path):
    """docs/sync.md, "An older Menshen's edit", at the district: the office (a newer release) typed
    a column the gate laptop's release lacks (here name_initials); the laptop's later rename
    names the office's version as its base and carries no initials: it says nothing of them, so
    the district keeps the office's, as the communities' machines do. Row a: the office's package
    first; b: the laptop's first (the office's change, losing the name, still gives the
    initials); c: both changes in one package; d: the office's second edit, earlier than the
    rename, arrives last and still sets them; e: a new row's change leaving them out (a row
    made on the laptop) still empties them. Every package again changes nothing."""
    from db.sync.ids import uuid7
    from tests.aggregate.test_pg_figures import COMMUNITY, SECRET, Site, post
    office, laptop = Site(), Site()
    rows = {k: uuid7() for k in "abcde"}

    def name(site, row, ms, values, base=None):
        return name_change(site, rows[row], ms, values, base)
    made = {r: name(office, r, 1_000, {"full_name": "王叁", "name_initials": "WS"}) for r in "abcde"}
    renamed = {r: name(laptop, r, 3_000, {"full_name": "王仨", "name_pinyin": "wang san"}, made[r])
               for r in "abcd"}
    again = name(office, "d", 2_000, {"full_name": "王叁", "name_initials": "W3"}, made["d"])
    on_laptop = name(laptop, "e", 3_000, {"full_name": "王仨"})
    packages = [(office, [made["a"], made["d"]]),
                (laptop, [renamed["a"], renamed["b"], renamed["d"], on_laptop]),
                (office, [made["b"], again, made["e"]]),
                (office, [made["c"], renamed["c"]])]
    for i, (site, changes) in enumerate(packages):
        folder = tmp_path / f"p{i}"
        folder.mkdir()
        post(folder, site, changes)
        got = pg.ingest(pg_conn, folder, {COMMUNITY: SECRET}.get, workers=0)
        assert (got.packages, got.refused) == (1, [])

    def shown():
        out = {r: pg_conn.execute("SELECT full_name, name_pinyin, name_initials FROM person WHERE id = %s",
                                  (rows[r],)).fetchone() for r in rows}
        pg_conn.commit()
        return out
    assert shown() == {"a": ("王仨", "wang san", "WS"), "b": ("王仨", "wang san", "WS"),
                       "c": ("王仨", "wang san", "WS"), "d": ("王仨", "wang san", "W3"),
                       "e": ("王仨", None, None)}
    before = dump(pg_conn)
    for i in reversed(range(len(packages))):
        assert pg.ingest(pg_conn, tmp_path / f"p{i}", {COMMUNITY: SECRET}.get, again=True, workers=0).packages == 1
    assert dump(pg_conn) == before


def test_a_package_from_a_newer_menshen_waits_for_the_upgrade_then_keeps_its_column_under_an_older_edit(
        pg_conn, tmp_path, monkeypatch):
    """docs/aggregate.md, "A package from a newer Menshen": the district's aggregate is older than
    the office. The office's package with the new column (here name_initials) is refused whole,
    saying which column and to upgrade, nothing of it written nor recorded; the gate laptop's
    later rename (older still, no such column) is merged. After the upgrade the next run reads
    the office's package again: the rename, the name's version, said nothing of the column, so
    the office's value is shown, not the empty one the upgrade added."""
    from db.sync.ids import uuid7
    from tests.aggregate.test_pg_figures import COMMUNITY, SECRET, Site, post
    office, laptop = Site(), Site()
    row = uuid7()
    made = name_change(office, row, 1_000, {"full_name": "王叁"})       # before the office's upgrade
    typed = name_change(office, row, 2_000, {"full_name": "王叁", "name_initials": "WS"}, made)
    renamed = name_change(laptop, row, 3_000, {"full_name": "王仨"}, typed)
    for name, (site, changes) in {"made": (office, [made]), "renamed": (laptop, [renamed]),
                                  "typed": (office, [typed])}.items():
        (tmp_path / name).mkdir()
        post(tmp_path / name, site, changes)
    for name in ("made", "renamed"):
        assert pg.ingest(pg_conn, tmp_path / name, {COMMUNITY: SECRET}.get, workers=0).refused == []
    # The database as yesterday's aggregate left it (no such column, nothing said of it), and
    # yesterday's aggregate reading the office's package.
    pg_conn.execute("ALTER TABLE person DROP COLUMN name_initials CASCADE")     # its views come back
    pg_conn.execute('UPDATE person SET "_src:name" = NULL')
    pg_conn.commit()
    yesterday = {t: dict(groups) for t, groups in pg._groups().items()}
    yesterday["person"]["name"] = yesterday["person"]["name"] - {"name_initials"}
    monkeypatch.setattr(pg, "_GROUPS", yesterday)
    got = pg.ingest(pg_conn, tmp_path / "typed", {COMMUNITY: SECRET}.get, workers=0)
    [(_, message)] = got.refused
    assert "较新版本的门神" in message and "表 person 的字段 name_initials" in message
    assert "没有导入，仍留在文件夹里" in message and "请先升级汇总程序，再运行一次汇总" in message
    assert "更改不对" not in message
    assert pg_conn.execute("SELECT count(*) FROM agg_package").fetchone()[0] == 2
    pg_conn.commit()

    monkeypatch.undo()
    pg.ensure_schema(pg_conn)                   # the upgrade
    assert pg.ingest(pg_conn, tmp_path / "typed", {COMMUNITY: SECRET}.get, workers=0).packages == 1
    assert pg_conn.execute("SELECT full_name, name_initials FROM person").fetchall() == [("王仨", "WS")]
    pg_conn.commit()


def test_a_passage_with_a_temperature_that_is_not_a_number_is_refused_and_nothing_written(pg_conn, tmp_path):
    """A body with NaN or Infinity (no JSON has them, no Menshen writes them; Python's json reads
    them) is damage: refused with the communities' merge's words (the one reader,
    db/sync/log.py ``read_body``), where it was taken and PostgreSQL kept the NaN as a temperature."""
    from tests.aggregate.test_pg_figures import COMMUNITY, SECRET, Site, passage, post
    site = Site()
    for n, bad in enumerate(("NaN", "Infinity")):
        good = passage(site, "gate-A", "2026-12-03T08:00:00")
        c = list(passage(site, "gate-A", "2026-12-03T08:01:00"))
        c[6] = c[6].replace('"fever":0', f'"fever":0,"temperature":{bad}')
        c[8] = None
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        post(folder, site, [good, tuple(c)])
        got = pg.ingest(pg_conn, folder, {COMMUNITY: SECRET}.get, workers=0)
        [(_, message)] = got.refused
        assert "不是正常的数字（NaN 或无穷大）" in message and "没有导入" in message
    assert pg_conn.execute("SELECT count(*) FROM gate_log").fetchone() == (0,)
    pg_conn.commit()
