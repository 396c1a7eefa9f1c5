"""The demo community's people on duty and their roster (值守排班): volunteers, grid workers and
cadres sent down, with this week's shifts at three gates and on care rounds, so a new
office sees the roster, the hours and the gate's "on duty now" filled in. Made through the same
use cases as the duty page (desktop/duty/people.py, roster.py)."""
import random
from datetime import date, timedelta

from db.connection import Database
from desktop.duty.people import DutyBook
from desktop.duty.roster import Roster
from desktop.errors import InputErrors
from desktop.gate.checkpoints import checkpoints

# (name, kind, sending unit, skills)
CREW = (
    ("王丽华", "volunteer", "", "驾驶"), ("陈建国", "volunteer", "", "电工"), ("刘芳", "volunteer", "", "护理"),
    ("赵志强", "volunteer", "", ""), ("孙秀英", "volunteer", "", "心理疏导"), ("周凯", "volunteer", "", "驾驶"),
    ("吴海燕", "grid_worker", "新民社区", ""), ("郑小军", "grid_worker", "新民社区", ""),
    ("冯雪梅", "grid_worker", "新民社区", ""),
    ("何卫东", "sunk_cadre", "区财政局", ""), ("韩静", "sunk_cadre", "区教育局", ""),
    ("曹明", "sunk_cadre", "区财政局", ""),
)
GATE_SHIFTS = (("08:00", "16:00"), ("16:00", "22:00"), ("22:00", "08:00"))


def make_duty_demo(db: Database, register, seed: int = 7, today: date | None = None) -> int:
    """Add the crew and a roster for the seven days around ``today``; returns the shifts made."""
    rng = random.Random(seed * 31 + 11)
    today = today or date.today()
    book, roster = DutyBook(db), Roster(db)
    gates = checkpoints(db)[:3]
    compounds = register.compounds()
    phones = rng.sample(range(10_000_000, 99_999_999), len(CREW))
    people = []
    for (name, kind, unit, skills), number in zip(CREW, phones):
        home = rng.choice(compounds).id if compounds and kind != "sunk_cadre" else None
        people.append(book.add_person(name, f"139{number}", kind, unit_name=unit, skills=skills,
                                      compound_id=home, available="全天" if kind != "volunteer" else "工作日晚上、周末"))
    made = 0
    turn = 0
    for offset in range(-3, 4):
        day = today + timedelta(days=offset)
        for gate in gates:
            for start, end in GATE_SHIFTS:
                made += _shift(roster, people[turn % len(people)], "gate", day, start, end, checkpoint_id=gate.id)
                turn += 1
        if compounds:
            made += _shift(roster, people[turn % len(people)], "care_round", day, "09:00", "12:00",
                           compound_id=compounds[offset % len(compounds)].id)
            turn += 1
    return made


def _shift(roster: Roster, person, post: str, day, start: str, end: str, **where) -> int:
    """1 when the shift was made; 0 when it would overlap the person's own (the next one takes it)."""
    try:
        roster.add_shift(person.id, post, day, start, end, **where)
    except InputErrors:
        return 0
    return 1
