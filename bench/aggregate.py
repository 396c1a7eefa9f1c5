"""Street and city benchmark (issue 19): ingest rate into PostgreSQL and into the street office's
SQLite replicas, for N communities x 2,000 people with their gate days, and the time to the
city's daily figures.

    .venv/bin/python bench/aggregate.py [--communities 10] [--people 2000] [--days 7]
                                        [--passages 0.5] [--street 5] [--pg URL] [--keep DIR]

Targets (issue 19): at least 50,000 rows/s into PostgreSQL; the city's figures under 2 s at
2,000,000 people (``--communities 1000``). Without ``--pg`` a throwaway cluster is started
(tests/aggregate/pgcluster.py). Prints figures; asserts nothing.

Each community's package is made the way a community's machine makes a snapshot (the sync
layer's build_payload and post_package, its own passphrase and Argon2id), from synthetic
changes shaped like the capture's: a community, a compound and checkpoint, households of
about three, people with names, ID numbers, phones and statuses, memberships, and gate rows
(``--passages`` per person per day for ``--days`` days). A "row" below is one change.
"""
import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.sync.ids import uuid7  # noqa: E402
from db.sync.log import CHANGE_FORMAT, canonical_json, content_hash  # noqa: E402
from desktop.sync.mailbox import post_package  # noqa: E402
from desktop.sync.payload import build_payload  # noqa: E402

DAY = date(2026, 12, 3)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


class Maker:
    """Changes of one site, numbered 1, 2, … with rising HLCs."""

    def __init__(self, site: str, start_ms: int):
        self.site, self.seq, self.ms = site, 0, start_ms
        self.rows: list[tuple] = []

    def add(self, tbl: str, row_id: str, kind: str, body: dict) -> None:
        self.seq += 1
        self.ms += 1
        hlc = self.ms << 16
        cols = canonical_json(body)
        sha = content_hash("{}", cols, hlc, kind, row_id, CHANGE_FORMAT, self.seq, self.site, tbl)
        self.rows.append((self.site, self.seq, hlc, tbl, row_id, kind, cols, "{}", sha, CHANGE_FORMAT,
                          "2026-12-03T08:00:00Z", "干事"))


def community_changes(cid: str, name: str, people: int, days: int, passages: float, rnd: random.Random):
    site = uuid7()
    m = Maker(site, 1_764_000_000_000 + rnd.randrange(10**6))
    created = {"created": {"created_site": site, "created_wall": "2026-12-01T08:00:00Z"}}
    live = {"is_deleted": {"is_deleted": 0}}
    m.add("community", cid, "patch", {**created, **live, "name": {"name": name}, "kind": {"kind": "community"}})
    compound, gate = uuid7(), uuid7()
    m.add("compound", compound, "patch", {**created, **live, "community_id": {"community_id": cid},
                                          "name": {"name": name + "小区"}, "kind": {"kind": "compound"}})
    m.add("checkpoint", gate, "patch", {**created, **live, "compound_id": {"compound_id": compound},
                                        "name": {"name": "东门"}, "kind": {"kind": "compound_gate"}})
    persons = []
    household = None
    for i in range(people):
        if household is None or rnd.random() < 0.35:
            household = uuid7()
            m.add("household", household, "patch", {**created, **live, "tenure": {"tenure": "owned"},
                                                    "address": {"compound_id": compound, "room": f"{i:04d}"}})
        pid = uuid7()
        status = rnd.choices(("healthy", "home_isolation", "observation", "away"), (90, 3, 4, 3))[0]
        m.add("person", pid, "patch", {
            **created, **live,
            "name": {"full_name": rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)},
            "idno": {"id_type": "resident_id", "id_number": f"510104{rnd.randrange(10**12):012d}"},
            "phone": {"phone": f"138{rnd.randrange(10**8):08d}"},
            "status": {"status": status}, "key_person": {"is_key_person": int(rnd.random() < 0.05)},
            "residence": {"residence_kind": "registered"}})
        m.add("membership", uuid7(), "patch", {**created, **live, "link": {"household_id": household, "person_id": pid},
                                              "relation": {"relation": "other"}})
        persons.append((pid, household))
    for d in range(days):
        day = DAY - timedelta(days=days - 1 - d)
        start = datetime.combine(day, datetime.min.time())
        for _ in range(int(people * passages)):
            pid, hid = persons[rnd.randrange(len(persons))]
            at = (start + timedelta(seconds=rnd.randrange(86400))).isoformat(timespec="seconds")
            m.add("gate_log", uuid7(), "insert", {"entry": {
                "kind": "pass", "checkpoint_id": gate, "at": at, "direction": rnd.choice(("in", "out")),
                "person_id": pid, "household_id": hid, "outcome": "allowed" if rnd.random() < 0.95 else "turned_back",
                "fever": int(rnd.random() < 0.01), "rule_exceeded": 0, "source": "screen",
                "created_site": site, "created_wall": at + "Z"}})
    return site, m.rows


def make_packages(folder: Path, n: int, people: int, days: int, passages: float, seed: int = 19) -> tuple[dict, int]:
    rnd = random.Random(seed)
    secrets, rows = {}, 0
    for k in range(n):
        cid = f"c{k:05d}-{uuid7()[-8:]}"
        secrets[cid] = f"社区{k} 上报 口令 {rnd.randrange(10**6)}"
        site, changes = community_changes(cid, f"第{k + 1}社区", people, days, passages, rnd)
        package_id = uuid7()
        payload = build_payload({"package_id": package_id, "kind": "snapshot", "community_id": cid,
                                 "sender_site_id": site}, changes, {site: len(changes)}, {},
                                [(site, f"C{k:05d}", f"第{k + 1}社区办公室", "office")])
        post_package(folder, sender_code=f"C{k:05d}", kind="snapshot", package_id=package_id, community_id=cid,
                     sender_site_id=site, sender_name=f"第{k + 1}社区办公室", app_version="bench",
                     change_format=CHANGE_FORMAT, payload=payload, passphrase=secrets[cid])
        rows += len(changes)
    return secrets, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communities", type=int, default=10)
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--passages", type=float, default=0.5, help="gate rows per person per day")
    ap.add_argument("--street", type=int, default=5, help="communities also ingested into street replicas")
    ap.add_argument("--no-again", action="store_true", help="skip the second ingest (nothing changes)")
    ap.add_argument("--pg", help="a PostgreSQL URL (default: a throwaway cluster)")
    ap.add_argument("--keep", type=Path, help="keep the packages (and passphrases.txt) in this folder;"
                    " a folder that has them already is ingested as it is, nothing made again")
    args = ap.parse_args()

    from desktop.aggregate import pg
    from desktop.aggregate.street import Street, summed

    work = Path(tempfile.mkdtemp(prefix="menshen-aggbench-"))
    folder = args.keep or work / "packages"
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    kept = folder / "passphrases.txt"
    if kept.exists():
        from desktop.aggregate.passphrases import read
        secrets = read(kept)
        args.communities = len(secrets)
        print(f"packages: {len(secrets):,} communities kept in {folder}")
    else:
        secrets, rows = make_packages(folder, args.communities, args.people, args.days, args.passages)
        print(f"packages: {args.communities:,} communities x {args.people:,} people, {args.days} gate days: "
              f"{rows:,} changes made in {time.perf_counter() - t:.1f} s")
        if args.keep:
            kept.write_text("".join(f"{c} {s}\n" for c, s in secrets.items()), "utf-8")
    people = args.communities * args.people

    cluster = None
    if args.pg:
        url = args.pg
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.aggregate.pgcluster import Cluster, find_bin
        if find_bin() is None:
            sys.exit("PostgreSQL binaries not found (apt-get install postgresql), or give --pg URL")
        cluster = Cluster(find_bin()).start()
        url = cluster.url
    try:
        conn = pg.connect(url)
        pg.ensure_schema(conn)
        t = time.perf_counter()
        got = pg.ingest(conn, folder, lambda c: secrets.get(c))
        wall = time.perf_counter() - t
        assert not got.refused, got.refused[:3]
        print(f"PostgreSQL ingest: {got.n_changes:,} rows in {wall:.1f} s = {got.n_changes / wall:,.0f} rows/s end to end"
              f" (opening packages, Argon2id + decrypt + checks, summed over the worker processes: {got.seconds_open:.1f} s;"
              f" COPY + set-based merge: {got.seconds_merge:.1f} s = {got.n_changes / max(got.seconds_merge, 1e-9):,.0f} rows/s)")
        conn.execute("ANALYZE")
        conn.commit()
        times = []
        for _ in range(3):
            t = time.perf_counter()
            city = pg.city_daily(conn, DAY.isoformat())
            times.append(time.perf_counter() - t)
        print(f"city's daily figures at {int(city['people']):,} people ({city['communities']:,} communities):"
              f" best {min(times):.3f} s, worst {max(times):.3f} s of 3"
              f" (in {city['gate_in']:,}, out {city['gate_out']:,}, home isolation {city['home_isolation']:,})")
        if not args.no_again:
            t = time.perf_counter()
            again = pg.ingest(conn, folder, lambda c: secrets.get(c), again=True)
            print(f"PostgreSQL ingest again (nothing changes): {again.n_changes:,} rows in"
                  f" {time.perf_counter() - t:.1f} s")
        conn.close()

        if args.street:
            street_dir = work / "street-packages"
            street_dir.mkdir()
            chosen = sorted(secrets)[:args.street]
            for p in folder.glob("*.cspkg"):
                if any(f"C{int(c[1:6]):05d}_" in p.name for c in chosen):
                    shutil.copy(p, street_dir / p.name)
            t = time.perf_counter()
            with Street(work / "street") as street:
                done = street.ingest(street_dir, lambda c: secrets.get(c))
                wall = time.perf_counter() - t
                t = time.perf_counter()
                figures = street.figures(DAY)
                ft = time.perf_counter() - t
            total = summed(figures)
            print(f"street SQLite ingest ({len(chosen)} community replicas): {done.n_new:,} rows in {wall:.1f} s ="
                  f" {done.n_new / wall:,.0f} rows/s; the street's figures ({total['people']:,} people) in {ft:.2f} s")
    finally:
        if cluster:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"({people:,} people; 2 cores shared with other work: timings are noisy)")


if __name__ == "__main__":
    main()
