"""Dates a care worker types wrong that the lists would have kept for good: a visit dated
before the person was put on the list (2027 for 2028), and an isolation extended to 2099."""
from datetime import date

import pytest

from desktop.care.records import SubjectForm, VisitForm
from desktop.errors import InputError, InputErrors

LEAP_DAY = date(2028, 2, 29)


def test_a_visit_dated_before_the_listing_is_refused_and_says_where_such_a_visit_goes(care, helper, small_community):
    """A visit typed 2027-12-31 for someone listed on 2028-01-30 was kept: "correct last visit"
    reaches only the newest visit, so the wrong one stayed in the history for good."""
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(
        categories=("elder_alone",), frequency="monthly", helper_id=helper.id, listed_on="2028-01-30"), LEAP_DAY)
    with pytest.raises(InputErrors) as caught:
        care.record_visit(subject.id, VisitForm(visited_on="2027-12-31", found="身体好"), LEAP_DAY)
    (error,) = caught.value.errors
    assert error.field == "visited_on"
    assert "2028-01-30列入关爱名单" in error.message and "2027-12-31" in error.message
    assert "上次走访（原台账）" in error.message
    assert care.visits(subject.id) == []
    # The day of the listing and after are visits like any other, two on one day too.
    for found in ("上午送菜", "下午送药"):
        care.record_visit(subject.id, VisitForm(visited_on="2028-02-29", found=found), LEAP_DAY)
    care.record_visit(subject.id, VisitForm(visited_on="2028-01-30", found="列入当天"), LEAP_DAY)
    assert [v.found for v in care.visits(subject.id)] == ["下午送药", "上午送菜", "列入当天"]
    assert care.due_of(care.subject(subject.id), LEAP_DAY).due_on == date(2028, 3, 30)


def test_an_isolation_cannot_be_extended_past_the_longest_period(iso, small_community):
    """2099 typed for 2029 kept a person 'in isolation' for seventy years; the start allows at
    most MAX_DAYS, and so does an extension."""
    episode = iso.start(small_community["people"]["张小明"].id, "home_isolation", "密接", "2028-02-20", LEAP_DAY)
    with pytest.raises(InputError) as caught:
        iso.change_plan(episode.id, "2099-12-31", LEAP_DAY)
    assert caught.value.field == "planned_end_on"
    assert "最长60天" in caught.value.message and "2028-04-19" in caught.value.message
    assert iso.episode(episode.id).planned_end_on == "2028-03-04"
    assert iso.change_plan(episode.id, "2028-04-19", LEAP_DAY).planned_end_on == "2028-04-19"    # day 60
