"""A small hand-built community whose figures are known, on 20 February 2020.

幸福里小区: 3栋2单元501 (张三, 李梅, 张小明: three statuses in one household), 3栋1单元101
(王租客, rented), 3栋1单元102 (nobody yet); 王家湾组 12号 (王大爷), 13号 (刘奶奶, 85, on the
care list). A gate 幸福里东门. The register's clock is fixed per test with ``clock``.
"""
from datetime import date, datetime

import pytest

from desktop.care.care_book import CareBook
from desktop.care.isolation import IsolationBook
from desktop.care.records import SubjectForm
from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm

TODAY = date(2020, 2, 20)
NOW = datetime(2020, 2, 20, 9, 30)


class Clock:
    """The register stamps status changes with ``now_text``; tests set it."""
    def __init__(self):
        self.at = "2020-02-18T10:00:00"

    def __call__(self):
        return self.at


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr("desktop.register.rows.now_text", c)
    return c


@pytest.fixture
def community(clock, app_ctx, small_community):
    r = app_ctx.register
    village = small_community["village"]
    c = small_community["compound"]
    empty = r.add_household(HouseholdForm(compound_id=c.id, building="3", unit="1", room="102"))
    h5 = r.add_household(HouseholdForm(compound_id=village.id, address_text="13号"))
    old = r.add_person(PersonForm(full_name="刘奶奶", id_number=make_resident_id("420106", date(1935, 1, 1), 6, False),
                                  phone="13800130006"), h5.id, "head")
    people = {**small_community["people"], "刘奶奶": old}
    care = CareBook(app_ctx.db, r)
    care.add_subject(old.id, SubjectForm(categories=("elder_alone",), frequency="weekly",
                                         listed_on="2020-02-10"), TODAY)
    cp = add_checkpoint(app_ctx.db, "幸福里东门", c.id)
    serve_checkpoint(app_ctx.db, cp.id)
    return {**small_community, "people": people, "empty": empty, "h5": h5, "checkpoint": cp,
            "care": care, "iso": IsolationBook(app_ctx.db, r)}
