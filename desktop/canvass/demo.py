"""The demo community's canvass (滚动摸排): a first round over the whole community begun four
days ago, with the results of its first compounds entered (most visited with nothing to report,
some nobody home, a few refusals and moves, a handful of answers that matter), so a new office
sees progress by building and canvasser, the households not yet reached and the answers that
need a next step. Made through the canvass page's own use case (desktop/canvass/rounds.py)."""
import random
from datetime import date, timedelta

from db.connection import Database
from desktop.canvass.rounds import CanvassBook

ROUND_NAME = "第一轮摸排（演示）"
#: Households whose results are entered: the first compounds of the roll, about a tenth (at
#: most a thousand: a street office's demo of 90,000 households need not wait for 9,000).
ENTERED_SHARE, ENTERED_MAX = 0.1, 1000


def make_canvass_demo(db: Database, register, seed: int = 7, today: date | None = None) -> int:
    """Start the round and enter results; returns the households with a result."""
    rng = random.Random(seed * 53 + 3)
    today = today or date.today()
    book = CanvassBook(db, register)
    from desktop.duty.people import DutyBook
    canvassers = [p.full_name for p in DutyBook(db).people() if p.kind in ("grid_worker", "volunteer")]
    canvassers = canvassers or ["网格员"]
    started = today - timedelta(days=4)
    rnd = book.create_round(ROUND_NAME, today, starts_on=started)
    roll = book.roll(rnd.id)
    entered = 0
    for row in roll[:max(1, min(ENTERED_MAX, int(len(roll) * ENTERED_SHARE)))]:
        p = rng.random()
        outcome = ("visited" if p < 0.82 else "nobody_home" if p < 0.94 else "refused" if p < 0.98 else "moved_out")
        answers = {}
        if outcome == "visited" and rng.random() < 0.03:
            members = book.members(row.household_id)
            if members:
                question = rng.choice(("fever", "arrived", "needs"))
                value = {"arrived": "武汉", "needs": "买药"}.get(question, True)
                answers = {rng.choice(members).person_id: {question: value}}
        visited = started + timedelta(days=min(4, entered * 5 // max(1, len(roll) // 10)))
        book.record_result(rnd.id, row.household_id, outcome, today, answers=answers,
                           canvasser_name=canvassers[entered // 40 % len(canvassers)], visited_on=visited)
        entered += 1
    return entered
