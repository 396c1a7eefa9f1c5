"""Canvass tests run on the small hand-built community of tests/conftest.py, with one more
household in building 4 so that a round has a door for every kind of result."""
from datetime import date

import pytest

from desktop.canvass.rounds import CanvassBook

TODAY = date(2020, 2, 20)


@pytest.fixture
def canvass(app_ctx):
    return CanvassBook(app_ctx.db, app_ctx.register)


@pytest.fixture
def community(app_ctx, small_community):
    from desktop.idnumber import make_resident_id
    from desktop.register import HouseholdForm, PersonForm
    r = app_ctx.register
    h4 = r.add_household(HouseholdForm(compound_id=small_community["compound"].id, building="4", room="102"))
    small_community["people"]["陈独居"] = r.add_person(
        PersonForm(full_name="陈独居", id_number=make_resident_id("420106", date(1938, 4, 4), 9, False)), h4.id, "head")
    small_community["households"].append(h4)
    return small_community
