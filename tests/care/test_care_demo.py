"""The demo's care side on a small demo register: every isolated key person has an episode."""
from datetime import date

from desktop.care.care_book import CareBook
from desktop.care.demo import make_care_demo
from desktop.care.isolation import IsolationBook
from desktop.demo import make_demo

TODAY = date(2020, 2, 20)


def test_care_demo_matches_the_register(app_ctx):
    make_demo(app_ctx.db, 400, seed=3, today=TODAY)
    summary = make_care_demo(app_ctx.db, seed=3, today=TODAY)
    counts = app_ctx.register.status_counts()
    iso = IsolationBook(app_ctx.db, app_ctx.register)
    assert summary.open_episodes == counts["home_isolation"] + counts["observation"]
    assert len(iso.today_list(TODAY)) == summary.open_episodes
    care = CareBook(app_ctx.db, app_ctx.register)
    assert summary.subjects > 5 and sum(care.counts(TODAY).values()) == summary.subjects
    assert all(i.subject.helper_name for i in care.care_list(TODAY, due="all"))
