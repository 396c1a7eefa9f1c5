"""Small hand-made communities for the aggregate tests (and bench/aggregate.py): each a real
Menshen database written through its capture triggers, some with a second machine (a gate
laptop) whose edits conflict with the office's, and their packages in one shared folder."""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from db.connection import Database
from db.sync.ids import uuid7
from desktop.idnumber import make_resident_id
from desktop.sync.exchange import export_package, import_packages

DAY = date(2026, 12, 3)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
STATUSES = ("healthy", "healthy", "healthy", "healthy", "home_isolation", "observation", "away")


@dataclass
class Community:
    id: str
    name: str
    passphrase: str
    office: Database
    gate: Database | None = None
    names: list = field(default_factory=list)
    id_numbers: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    person_ids: list = field(default_factory=list)


def _name(rnd) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))


def populate(db: Database, c: Community, rnd: random.Random, households: int, days: int = 2,
             passages_per_person: float = 1.0) -> None:
    """A community, one compound, households of 1-4 people (names, ID numbers, phones), some
    not healthy, key persons, one person removed, and ``days`` days of gate rows ending on DAY
    (some turned back, some fevers, one voided)."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name) VALUES (?, ?)", (c.id, c.name))
        compound = uuid7()
        conn.execute("INSERT INTO compound (id, community_id, name) VALUES (?, ?, ?)", (compound, c.id, c.name + "小区"))
        gate = uuid7()
        conn.execute("INSERT INTO checkpoint (id, compound_id, name) VALUES (?, ?, '东门')", (gate, compound))
        people = []
        for h in range(households):
            hid = uuid7()
            conn.execute("INSERT INTO household (id, compound_id, room, address_text, landlord_phone) VALUES (?, ?, ?, ?, ?)",
                         (hid, compound, f"{h + 1:03d}", f"{c.name}{h + 1}号", None))
            for k in range(rnd.randint(1, 4)):
                pid, name = uuid7(), _name(rnd)
                idno = make_resident_id("510104", date(1950, 1, 1) + timedelta(days=rnd.randrange(25000)),
                                        rnd.randrange(1, 999), rnd.random() < 0.5)
                phone = f"1{rnd.choice('3589')}{rnd.randrange(10**9):09d}"
                conn.execute("INSERT INTO person (id, full_name, id_number, phone, status, is_key_person, note)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (pid, name, idno, phone, rnd.choice(STATUSES), int(rnd.random() < 0.1),
                              f"{name}的备注，电话{phone}"))
                conn.execute("INSERT INTO membership (id, household_id, person_id, relation) VALUES (?, ?, ?, ?)",
                             (uuid7(), hid, pid, "head" if k == 0 else "other"))
                people.append((pid, hid, name))
                c.names.append(name)
                c.id_numbers.append(idno)
                c.phones.append(phone)
                c.person_ids.append(pid)
        conn.execute("UPDATE person SET is_deleted = 1 WHERE id = ?", (people[0][0],))
        first = None
        for d in range(days):
            day = DAY - timedelta(days=days - 1 - d)
            for _ in range(int(len(people) * passages_per_person)):
                pid, hid, name = rnd.choice(people)
                at = datetime.combine(day, datetime.min.time()) + timedelta(seconds=rnd.randrange(86400))
                gid = uuid7()
                first = first or gid
                conn.execute("INSERT INTO gate_log (id, kind, checkpoint_id, at, direction, person_id, household_id,"
                             " holder_name, outcome, fever, note) VALUES (?, 'pass', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (gid, gate, at.isoformat(timespec="seconds"), rnd.choice(("in", "out")), pid, hid,
                              name, "turned_back" if rnd.random() < 0.1 else "allowed", int(rnd.random() < 0.05),
                              f"{name}"))
        if first:
            conn.execute("INSERT INTO gate_log (id, kind, voids_id, at, void_reason) VALUES (?, 'void', ?, ?, '录错')",
                         (uuid7(), first, f"{DAY.isoformat()}T23:00:00"))


def build(root: Path, n: int, seed: int = 19, households=(4, 10), level: str | None = None,
          gate_every: int = 4) -> tuple[list[Community], Path]:
    """``n`` communities under ``root``, their packages in ``root/packages``. Every
    ``gate_every``-th community has a gate laptop: it takes the office's snapshot, both edit
    the same person's status at once (a conflict, settled by (HLC, site)) and add rows, the gate
    sends its package and the office imports it. Every package is made at ``level``."""
    rnd = random.Random(seed)
    packages = root / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        cid = f"c{i:03d}-{uuid7()[:8]}"
        folder = root / cid
        folder.mkdir()
        office = Database(folder / "office.db", config_file=folder / "office.json", user_name="王干事")
        c = Community(cid, f"第{i + 1}社区", f"社区{i} 同步 口令 {rnd.randrange(10**6)}", office)
        populate(office, c, rnd, rnd.randint(*households))
        export_package(office, packages, c.passphrase, level=level)
        if gate_every and i % gate_every == 0:
            gate_box = root / f"{cid}-stick"
            gate_box.mkdir()
            export_package(office, gate_box, c.passphrase)
            c.gate = Database(folder / "gate.db", config_file=folder / "gate.json", user_name="门岗")
            import_packages(c.gate, gate_box, c.passphrase)
            target = c.person_ids[1]
            with c.gate.transaction() as conn:
                conn.execute("UPDATE person SET status = 'observation' WHERE id = ?", (target,))
                conn.execute("UPDATE person SET is_key_person = 1 WHERE id = ?", (c.person_ids[-1],))
                conn.execute("INSERT INTO gate_log (id, kind, at, direction, person_id, outcome, fever)"
                             " VALUES (?, 'pass', ?, 'in', ?, 'allowed', 1)",
                             (uuid7(), f"{DAY.isoformat()}T09:30:00", target))
            with office.transaction() as conn:
                conn.execute("UPDATE person SET status = 'away' WHERE id = ?", (target,))
                conn.execute("UPDATE person SET is_deleted = 1 WHERE id = ?", (c.person_ids[2],))
            export_package(c.gate, packages, c.passphrase, level=level)
            export_package(office, packages, c.passphrase, level=level)
            export_package(c.gate, gate_box, c.passphrase)
            import_packages(office, gate_box, c.passphrase)
        out.append(c)
    return out, packages


def close(communities) -> None:
    for c in communities:
        c.office.close()
        if c.gate is not None:
            c.gate.close()
