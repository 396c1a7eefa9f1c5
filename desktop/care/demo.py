"""The care side of the demo community: care subjects, helpers, a few weeks of visits, and the
isolation episodes of the demo's key persons with their morning and evening checks.

Called once from desktop/demo.py ``make_demo_database`` after the register is made. Everything
follows from the seed and ``today``; rows are written with ``executemany`` in one transaction
(the change-capture triggers fire for them like for any write).
"""
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from db.connection import Database
from db.sync.ids import natural_id, uuid7
from desktop.temperature import FEVER as FEVER_AT
from desktop.care.due import period_end
from desktop.care.vocab import INTERVAL_DAYS
from desktop.demo_names import HOUSEHOLDS_PER_COMMUNITY, MOBILE_PREFIXES, Names

# Care subjects per category in one community of 6,514 households (scaled for other sizes).
SUBJECTS_PER_COMMUNITY = {
    "elder_alone": 110, "empty_nest": 60, "childless": 15, "disabled": 25, "bedridden": 15,
    "treatment": 20, "pregnant": 10, "child_alone": 6, "low_income": 20, "mental_illness": 8,
    "psych_support": 10,
}
FREQUENCY_BY_CATEGORY = {
    "elder_alone": ("every_3_days", "twice_weekly", "weekly"), "empty_nest": ("weekly", "fortnightly"),
    "childless": ("every_3_days", "twice_weekly"), "disabled": ("twice_weekly", "weekly"),
    "bedridden": ("daily", "every_2_days"), "treatment": ("every_3_days", "twice_weekly"),
    "pregnant": ("weekly",), "child_alone": ("daily",), "low_income": ("weekly", "fortnightly"),
    "mental_illness": ("twice_weekly", "weekly"), "psych_support": ("every_3_days", "weekly"),
}
NEEDS_BY_CATEGORY = {
    "elder_alone": ("groceries", "medicine", "talk"), "empty_nest": ("groceries", "talk"),
    "childless": ("groceries", "meals", "medicine"), "disabled": ("groceries", "escort"),
    "bedridden": ("meals", "medicine"), "treatment": ("escort", "medicine"), "pregnant": ("escort",),
    "child_alone": ("meals", "talk"), "low_income": ("groceries", "bills"),
    "mental_illness": ("medicine", "talk"), "psych_support": ("talk",),
}
HOSPITALS = ("武汉大学人民医院", "湖北省中医院", "武昌医院", "武汉市第三医院", "区人民医院")
FOUND = ("身体还好，精神不错", "菜还够吃三天", "血压有点高，已提醒按时吃药", "家里缺米和油", "情绪低落，陪聊了半小时",
         "一切正常", "药快吃完了", "腿脚不便，下不了楼", "子女在外地，电话联系过", "透析按时去了")
DONE = ("已代买蔬菜、米面", "已代购降压药", "陪聊，留了电话", "已联系社区医生上门", "已安排专车接送透析",
        "已帮忙缴电费", "已送餐", "")
VISIT_NEEDS = ("groceries", "medicine", "talk", "meals", "bills", "escort")
SYMPTOMS = ("cough", "sore_throat", "fatigue")
FIRST_VISIT_DAYS_AGO = (21, 35)


@dataclass(frozen=True)
class CareDemoSummary:
    helpers: int
    subjects: int
    visits: int
    episodes: int
    open_episodes: int
    followups: int


_COLUMNS = {
    "care_helper": ("id", "full_name", "phone", "kind", "person_id", "note", "is_deleted", "created_site",
                    "created_wall"),
    "care_subject": ("id", "person_id", "categories", "needs", "frequency", "helper_id", "listed_on",
                     "last_visit_on", "note", "is_deleted", "created_site", "created_wall"),
    "care_contact": ("id", "subject_id", "full_name", "relation", "phone", "is_deleted", "created_site",
                     "created_wall"),
    "care_green_channel": ("id", "subject_id", "treatment", "hospital", "schedule", "transport", "note",
                           "is_deleted", "created_site", "created_wall"),
    "care_visit": ("id", "subject_id", "person_id", "visited_on", "helper_id", "helper_name", "mode", "found",
                   "needs_raised", "done", "recorded_by", "recorded_at", "created_site"),
    "isolation_episode": ("id", "person_id", "kind", "reason", "start_on", "planned_end_on", "helper_id",
                          "released_on", "released_by", "released_at", "release_note", "note", "is_deleted",
                          "created_site", "created_wall"),
    "isolation_followup": ("id", "episode_id", "person_id", "day", "slot", "temperature", "symptoms", "needs",
                           "helper_id", "note", "checked_by", "checked_at", "created_site"),
}
INSERT = {t: f"INSERT INTO {t} ({', '.join(c)}) VALUES ({', '.join('?' * len(c))})" for t, c in _COLUMNS.items()}


class _CareDemo:
    def __init__(self, db: Database, seed: int, today: date):
        self.db, self.today, self.rng = db, today, random.Random(seed * 31 + 6)
        self.site = db.site.site_id
        self.wall = datetime.now().isoformat(timespec="seconds")
        self.rows: dict[str, list[tuple]] = {t: [] for t in _COLUMNS}
        # Names from the register's own generator, so helpers look like the residents.
        self.names = Names(random.Random(seed + 1))

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(100_000_000):08d}"

    def at(self, day: date, lo: int = 8, hi: int = 19) -> str:
        return datetime.combine(day, time(self.rng.randrange(lo, hi), self.rng.randrange(60))).isoformat(
            timespec="seconds")

    def helper(self, name: str, phone: str, kind: str) -> tuple[str, str]:
        hid = uuid7()
        self.rows["care_helper"].append((hid, name, phone, kind, None, None, 0, self.site, self.wall))
        return hid, name


def make_care_demo(db: Database, seed: int = 7, today: date | None = None) -> CareDemoSummary:
    """Add the care lists and isolation follow-up to a database holding the demo register."""
    today = today or date.today()
    demo = _CareDemo(db, seed, today)
    rng, rows = demo.rng, demo.rows
    with db.transaction() as conn:
        people = conn.execute(
            "SELECT p.id, p.sex, p.birth_date, p.status, p.status_reason, p.status_since, h.id, h.compound_id,"
            " (SELECT count(*) FROM membership x WHERE x.household_id = h.id AND x.is_deleted = 0), p.full_name"
            " FROM person p JOIN membership m ON m.person_id = p.id AND m.is_deleted = 0"
            " JOIN household h ON h.id = m.household_id WHERE p.is_deleted = 0 ORDER BY p.rowid").fetchall()
        grids = conn.execute("SELECT c.id, g.worker_name, g.worker_phone FROM compound c"
                             " JOIN grid g ON g.id = c.grid_id ORDER BY c.rowid").fetchall()
        households = conn.execute("SELECT count(*) FROM household WHERE is_deleted = 0").fetchone()[0]
        released = conn.execute(
            "SELECT a.person_id, a.reason, a.changed_at, b.changed_at FROM status_change a JOIN status_change b"
            " ON b.person_id = a.person_id AND b.old_status = a.new_status AND b.new_status = 'healthy'"
            " WHERE a.new_status IN ('home_isolation', 'observation')").fetchall()

        # Helpers: the grid worker (staff), a building head and two volunteers per compound.
        staff: dict[str, tuple[str, str]] = {}
        by_compound: dict[str, list[tuple[str, str]]] = {}
        for compound_id, worker, worker_phone in grids:
            key = worker + (worker_phone or "")
            if key not in staff:
                staff[key] = demo.helper(worker, worker_phone or demo.phone(), "staff")
            year = today.year - rng.randint(45, 68)
            head = demo.helper(demo.names.full_name(rng.choice("MF"), year), demo.phone(), "building_head")
            volunteers = [demo.helper(demo.names.full_name(rng.choice("MF"), today.year - rng.randint(20, 45)),
                                      demo.phone(), "volunteer") for _ in range(2)]
            by_compound[compound_id] = [staff[key], head, *volunteers]

        # Care subjects: people who fit each category, a fixed number per community.
        scale = max(households / HOUSEHOLDS_PER_COMMUNITY, 0.02)

        def age(born: str) -> int:
            b = date.fromisoformat(born)
            return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
        fits = {
            "elder_alone": lambda p, a: a >= 65 and p[8] == 1,
            "empty_nest": lambda p, a: a >= 62 and p[8] == 2,
            "childless": lambda p, a: a >= 75 and p[8] == 1,
            "disabled": lambda p, a: a >= 30,
            "bedridden": lambda p, a: a >= 78,
            "treatment": lambda p, a: 40 <= a <= 80,
            "pregnant": lambda p, a: p[1] == "F" and 23 <= a <= 38,
            "child_alone": lambda p, a: a < 14,
            "low_income": lambda p, a: a >= 40,
            "mental_illness": lambda p, a: 20 <= a <= 65,
            "psych_support": lambda p, a: a >= 18,
        }
        ages = {p[0]: age(p[2]) for p in people}
        chosen: dict[str, tuple] = {}
        categories: dict[str, list[str]] = {}
        isolated_households = {p[6] for p in people if p[3] in ("home_isolation", "observation")}
        for category, per_community in SUBJECTS_PER_COMMUNITY.items():
            pool = [p for p in people if p[0] not in chosen and fits[category](p, ages[p[0]])]
            if category in ("child_alone", "psych_support"):
                # Children and families of people taken into isolation (the seed's accounts).
                pool = [p for p in pool if p[6] in isolated_households] or pool
            for p in rng.sample(pool, min(len(pool), max(1, round(per_community * scale)))):
                chosen[p[0]] = p
                categories[p[0]] = [category]
                if category == "elder_alone" and rng.random() < 0.2:
                    categories[p[0]].append("low_income")
                if category in ("elder_alone", "childless") and rng.random() < 0.1:
                    categories[p[0]].append("treatment")

        visits = 0
        for pid, p in chosen.items():
            cats = sorted(set(categories[pid]))
            frequency = rng.choice(FREQUENCY_BY_CATEGORY[cats[0]])
            interval = INTERVAL_DAYS[frequency]
            needs = sorted({n for c in cats for n in NEEDS_BY_CATEGORY[c] if rng.random() < 0.7})
            helper_id, helper_name = rng.choice(by_compound.get(p[7]) or list(staff.values()))
            listed = today - timedelta(days=rng.randint(*FIRST_VISIT_DAYS_AGO))
            sid = natural_id("care_subject", pid)
            rows["care_subject"].append((sid, pid, ",".join(cats), ",".join(needs), frequency, helper_id,
                                         listed.isoformat(), None, None, 0, demo.site, demo.wall))
            if rng.random() < 0.6:
                relation = rng.choice(("儿子", "女儿", "侄子", "外甥女", "邻居"))
                rows["care_contact"].append((uuid7(), sid, demo.names.full_name(rng.choice("MF"), today.year - 40),
                                             relation, demo.phone(), 0, demo.site, demo.wall))
            if "treatment" in cats:
                treatment = rng.choice(("血液透析", "血液透析", "化疗", "放疗"))
                schedule = "每周一、三、五上午" if treatment == "血液透析" else "每三周一次"
                rows["care_green_channel"].append((natural_id("care_green_channel", sid), sid, treatment,
                                                   rng.choice(HOSPITALS), schedule,
                                                   rng.choice(("社区专车接送", "志愿者车辆", "120转运")),
                                                   None, 0, demo.site, demo.wall))
            # Visits roughly on time, sometimes early or late, now and then a missed round;
            # a few subjects whose helper stopped coming (they rise to the top of the list).
            stop = today - timedelta(days=interval * 2 + rng.randint(0, 3)) if rng.random() < 0.04 else today
            day = listed
            while day <= stop:
                if rng.random() > 0.06 and (day < today or rng.random() < 0.5):
                    needs_raised = ",".join(sorted({rng.choice(VISIT_NEEDS)})) if rng.random() < 0.3 else ""
                    rows["care_visit"].append((
                        uuid7(), sid, pid, day.isoformat(), helper_id, helper_name,
                        rng.choices(("in_person", "phone", "wechat"), (6, 3, 1))[0], rng.choice(FOUND),
                        needs_raised, rng.choice(DONE) or None, helper_name, demo.at(day), demo.site))
                    visits += 1
                day += timedelta(days=max(1, interval + rng.choice((-1, 0, 0, 0, 1, 2)) if interval > 2 else interval))

        # Isolation episodes: the key persons under isolation or observation now, and those released.
        followups = episodes = open_episodes = 0
        compound_of = {p[0]: p[7] for p in people}
        current = [(p[0], p[3], p[4], p[5][:10], None) for p in people if p[3] in ("home_isolation", "observation")]
        past = [(pid, "home_isolation", reason, start[:10], end[:10]) for pid, reason, start, end in released]
        for pid, kind, reason, start_text, released_on in current + past:
            start = date.fromisoformat(start_text)
            eid = uuid7()
            helpers = by_compound.get(compound_of.get(pid)) or list(staff.values())
            helper_id = helpers[-1][0]
            end = period_end(start, 14)
            checker = helpers[0][1]
            rows["isolation_episode"].append((
                eid, pid, kind, reason or "社区通知居家隔离", start.isoformat(), end.isoformat(), helper_id,
                released_on, checker if released_on else None,
                f"{released_on}T10:00:00" if released_on else None, None, None, 0, demo.site, demo.wall))
            episodes += 1
            open_episodes += released_on is None
            last = date.fromisoformat(released_on) - timedelta(days=1) if released_on else today
            feverish = rng.random() < 0.05
            day = start
            while day <= last:
                for slot, hour in (("morning", 8), ("evening", 17)):
                    if day == today and (slot == "evening" or rng.random() < 0.4):
                        continue                       # today's checks are still to do
                    if rng.random() < 0.02:
                        continue
                    temperature = round(rng.uniform(36.0, 36.9), 1)
                    symptoms = ""
                    if feverish and day >= last - timedelta(days=1):
                        temperature, symptoms = round(rng.uniform(FEVER_AT, 38.4), 1), rng.choice(SYMPTOMS)
                    needs = "groceries" if rng.random() < 0.15 else ""
                    rows["isolation_followup"].append((
                        uuid7(), eid, pid, day.isoformat(), slot, temperature, symptoms, needs,
                        helper_id if needs else None, None, checker, demo.at(day, hour, hour + 2), demo.site))
                    followups += 1
                day += timedelta(days=1)
        for table, values in rows.items():
            conn.executemany(INSERT[table], values)
    return CareDemoSummary(len(rows["care_helper"]), len(chosen), visits, episodes, open_episodes, followups)
