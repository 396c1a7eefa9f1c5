"""Gate logs for the demo community (``menshen demo --days N``): a checkpoint per compound gate
or village road, a household pass for every household, and N days of realistic traffic —
about one resident in eight out and back each day, a few visitors, a few fevers and a few
people turned back. Rows are written with ``executemany`` in one transaction; the capture
triggers record them like any other write."""
import random
from datetime import date, datetime, time, timedelta

from db.connection import Database
from db.sync.ids import uuid7
from desktop.gate.passes import signing_secret, community_key
from desktop.temperature import FEVER

OUT_SHARE = 0.12                 # residents who go out on a given day
VISITORS_PER_GATE = 3            # a day
FEVERS_PER_DAY = 2               # over the whole community
_LOG_COLUMNS = ("id", "checkpoint_id", "at", "direction", "person_id", "household_id", "visitor_id", "pass_id",
                "holder_name", "temperature", "fever", "outcome", "override_reason", "visit_reason", "visiting",
                "note", "source", "recorded_by", "created_site", "created_wall", "visiting_household_id")
_INSERT_LOG = f"INSERT INTO gate_log ({', '.join(_LOG_COLUMNS)}) VALUES ({', '.join('?' * len(_LOG_COLUMNS))})"
VISIT_REASONS = ("送药", "送生活物资", "探望老人", "维修水电", "社区工作", "快递配送")
GUARDS = ("刘志强", "陈建国", "黄秀英", "周卫东", "吴丽华")


def make_gate_demo(db: Database, days: int = 14, seed: int = 7, today: date | None = None) -> int:
    """Add checkpoints, passes and ``days`` days of gate log; returns the number of log rows."""
    rng = random.Random(seed * 7919 + 5)
    now = datetime.now()
    today = today or now.date()     # one reading: the last day's passages stop at its now
    site, wall = db.site.site_id, now.isoformat(timespec="seconds")
    with db.transaction() as conn:
        compounds = conn.execute("SELECT id, name, kind FROM compound WHERE is_deleted = 0 ORDER BY name, id").fetchall()
        gates = {}
        for cid, name, kind in compounds:
            gid = uuid7()
            conn.execute("INSERT INTO checkpoint (id, compound_id, name, kind, created_site, created_wall)"
                         " VALUES (?,?,?,?,?,?)", (gid, cid, name + ("路口" if kind == "village_group" else "大门"),
                                                  "village_road" if kind == "village_group" else "compound_gate",
                                                  site, wall))
            gates[cid] = gid
        people = conn.execute(
            "SELECT p.id, p.full_name, p.status, p.birth_date, m.household_id, h.compound_id FROM person p"
            " JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0 JOIN household h ON h.id = m.household_id"
            " WHERE p.is_deleted = 0 ORDER BY p.id_number, p.full_name").fetchall()   # same seed, same traffic
        households = sorted({p[4]: p[5] for p in people}.items())
        keys = {}
        for hid, _ in households:
            key = community_key(conn, hid)
            if key not in keys:
                keys[key] = signing_secret(db, conn, key)
            keys[hid] = key
        valid_from, valid_to = (today - timedelta(days=days)).isoformat(), (today + timedelta(days=30)).isoformat()
        pass_ids, pass_rows = {}, []
        for n, (hid, _) in enumerate(households, 1):
            pass_ids[hid] = uuid7()
            pass_rows.append((pass_ids[hid], f"{db.site.site_code}-{n:04d}", keys[hid], hid, valid_from, valid_to,
                              "社区", wall, site, wall))
        conn.executemany("INSERT INTO gate_pass (id, pass_no, community_key, household_id, valid_from, valid_to,"
                         " issued_by, issued_at, created_site, created_wall) VALUES (?,?,?,?,?,?,?,?,?,?)", pass_rows)

        def moment(day: date, lo: float, hi: float) -> datetime:
            return datetime.combine(day, time()) + timedelta(hours=rng.uniform(lo, hi))

        def normal() -> float:
            return min(round(rng.gauss(36.5, 0.2), 1), 37.1)

        adults = [p for p in people if p[3] and 18 <= today.year - int(p[3][:4]) <= 75]
        movers = [p for p in adults if p[2] in ("healthy",)]
        stay_in = [p for p in adults if p[2] in ("home_isolation", "observation")]
        rows = []
        outside: set = set()            # stayed out overnight, or sent to the fever clinic

        def passage(p, at: datetime, direction: str, temp, outcome: str, note, guard: str) -> None:
            rows.append((uuid7(), gates[p[5]], at.isoformat(timespec="seconds"), direction, p[0], p[4], None,
                         pass_ids[p[4]], p[1], temp, int(temp is not None and temp >= FEVER), outcome, None, None,
                         None, note, "scan", guard, site, wall, None))

        for back in range(days - 1, -1, -1):
            day = today - timedelta(days=back)
            guard = GUARDS[back % len(GUARDS)]
            fever_left = FEVERS_PER_DAY
            for p in sorted(outside):           # back in the morning
                at = moment(day, 6.5, 9)
                if at <= now:
                    passage(p, at, "in", normal(), "allowed", None, guard)
                    outside.discard(p)
            home = [p for p in movers if p not in outside]
            for p in rng.sample(home, int(len(home) * OUT_SHARE)):
                out_at = moment(day, 7, 17)
                back_at = out_at + timedelta(hours=rng.uniform(0.5, 4))
                if out_at > now:
                    continue
                passage(p, out_at, "out", None, "allowed", None, guard)
                if back_at > now or rng.random() < 0.02:
                    outside.add(p)              # still out
                    continue
                temp, outcome, note = normal(), "allowed", None
                if fever_left and rng.random() < 0.01:
                    temp, fever_left = round(rng.uniform(FEVER, 38.6), 1), fever_left - 1
                    outcome = "referred" if rng.random() < 0.7 else "allowed"
                    note = "已通知社区医生上门复测" if outcome == "allowed" else "送区发热门诊"
                passage(p, back_at, "in", temp, outcome, note, guard)
                if outcome != "allowed":
                    outside.add(p)
            for p in rng.sample(stay_in, min(len(stay_in), rng.randint(0, 2))):   # tried to leave
                at = moment(day, 8, 18)
                if at <= now:
                    passage(p, at, "out", None, "turned_back", "居家隔离期间，劝返回家", guard)
            for cid, gate in gates.items():
                for _ in range(rng.randint(0, VISITORS_PER_GATE)):
                    at = moment(day, 8, 17)
                    if at > now:
                        continue
                    vid = uuid7()
                    name = rng.choice(people)[1][0] + rng.choice(("师傅", "女士", "先生"))
                    conn.execute("INSERT INTO visitor (id, full_name, from_place, created_site, created_wall)"
                                 " VALUES (?,?,?,?,?)", (vid, name, "武昌区", site, wall))
                    host = rng.choice(people)
                    rows.append((uuid7(), gate, at.isoformat(timespec="seconds"), "in", None, None, vid, None, name,
                                 normal(), 0, "allowed", None, rng.choice(VISIT_REASONS), host[1], None, "screen",
                                 guard, site, wall, host[4]))       # the household chosen in the form
                    left = at + timedelta(minutes=rng.randint(10, 90))
                    if left <= now:
                        rows.append((uuid7(), gate, left.isoformat(timespec="seconds"), "out", None, None, vid, None,
                                     name, None, 0, "allowed", None, None, None, None, "screen", guard, site, wall,
                                     None))
        rows.sort(key=lambda r: r[2])
        conn.executemany(_INSERT_LOG, rows)
    if gates:       # the machine that makes the demo stands at the first gate (a gate screen never
        # saves without one); the choice is this machine's, not the file's (desktop/machine.py)
        from desktop.gate.checkpoints import serve_checkpoint
        serve_checkpoint(db, next(iter(gates.values())))
    return len(rows)
