"""When a visit falls due: intervals, an early visit, a missed week, a neglected person first."""
from datetime import date, timedelta

import pytest

from desktop.care.due import due_state
from desktop.care.records import SubjectForm, VisitForm
from desktop.errors import InputErrors
from tests.care.conftest import TODAY

D = TODAY


def days(n: int) -> date:
    return D + timedelta(days=n)


@pytest.mark.parametrize("frequency, interval", [("daily", 1), ("every_3_days", 3), ("twice_weekly", 4),
                                                 ("weekly", 7), ("fortnightly", 14)])
def test_next_visit_falls_due_one_interval_after_the_last(frequency, interval):
    last = days(-interval)
    assert due_state(frequency, days(-60), last, D).state == "due"
    assert due_state(frequency, days(-60), last, days(-1)).state == "not_due"
    assert due_state(frequency, days(-60), last, D).due_on == D
    late = due_state(frequency, days(-60), last, days(1))
    assert (late.days_overdue, late.state) == (1, "overdue" if interval > 1 else "neglected")


def test_never_visited_is_due_the_day_they_are_listed_and_neglected_after_two_intervals():
    assert due_state("weekly", D, None, D).state == "due"
    assert due_state("weekly", days(-13), None, D).state == "overdue"
    assert due_state("weekly", days(-14), None, D).state == "neglected"


def test_an_early_visit_moves_the_next_due_date_from_that_visit():
    # Weekly, visited on day -7 (due today), but someone went early on day -2.
    state = due_state("weekly", days(-30), days(-2), D)
    assert state.state == "not_due" and state.due_on == days(5)


def test_a_missed_week_makes_a_weekly_visit_neglected():
    state = due_state("weekly", days(-60), days(-14), D)
    assert state.state == "neglected" and state.days_overdue == 7 and state.days_since == 14
    assert due_state("weekly", days(-60), days(-13), D).state == "overdue"


def test_a_visit_dated_after_today_does_not_hide_a_person():
    assert due_state("weekly", days(-60), days(3), D).state == "neglected"


def test_the_ledger_last_visit_counts_until_a_later_visit_is_recorded():
    assert due_state("weekly", days(-60), None, D, ledger_last_visit=days(-3)).state == "not_due"
    assert due_state("weekly", days(-60), days(-10), D, ledger_last_visit=days(-3)).due_on == days(4)


def subject_for(care, person, frequency, helper, listed=-60):
    return care.add_subject(person.id, SubjectForm(categories=("elder_alone",), needs=("groceries",),
                                                   frequency=frequency, helper_id=helper.id,
                                                   listed_on=days(listed).isoformat()), D)


def visit(care, subject, on: date, helper=None):
    return care.record_visit(subject.id, VisitForm(visited_on=on.isoformat(), found="身体好"), D)


def test_today_list_puts_the_neglected_first_and_leaves_out_who_is_not_due(care, helper, small_community):
    people = small_community["people"]
    weekly_missed = subject_for(care, people["王大爷"], "weekly", helper)
    daily_done = subject_for(care, people["张三"], "daily", helper)
    three_days = subject_for(care, people["李梅"], "every_3_days", helper)
    visit(care, weekly_missed, days(-15))
    visit(care, daily_done, D)
    visit(care, three_days, days(-3))
    items = care.care_list(D)
    assert [(i.subject.full_name, i.due.state) for i in items] == [("王大爷", "neglected"), ("李梅", "due")]
    assert [i.subject.full_name for i in care.today_by_helper(D)[helper.id]] == ["王大爷", "李梅"]
    # Tomorrow the daily visit is due again, 李梅 (not visited) is overdue; the visit to 王大爷
    # today takes him off the list for a week.
    visit(care, weekly_missed, D)
    tomorrow = care.care_list(days(1))
    assert [(i.subject.full_name, i.due.state) for i in tomorrow] == [("李梅", "overdue"), ("张三", "due")]
    assert care.counts(days(1)) == {"neglected": 0, "overdue": 1, "due": 1, "not_due": 1}


def test_a_voided_visit_does_not_count(care, helper, small_community):
    subject = subject_for(care, small_community["people"]["王大爷"], "weekly", helper)
    wrong = visit(care, subject, D)
    assert care.care_list(D) == []
    care.correct_visit(wrong.id, None, D)
    assert [i.subject.full_name for i in care.care_list(D)] == ["王大爷"]
    assert care.visits(subject.id) == []


def test_a_visit_needs_a_date_not_in_the_future_and_a_word_on_what_was_found(care, helper, small_community):
    subject = subject_for(care, small_community["people"]["王大爷"], "weekly", helper)
    with pytest.raises(InputErrors) as e:
        care.record_visit(subject.id, VisitForm(visited_on=days(1).isoformat()), D)
    fields = e.value.by_field()
    assert "之后" in fields["visited_on"] and "走访情况" in fields["found"]


def test_filters_by_category_helper_and_building(care, helper, small_community):
    people = small_community["people"]
    other = care.add_helper("志愿者小陈", "13700001111")
    subject_for(care, people["王大爷"], "weekly", helper)
    care.add_subject(people["张三"].id, SubjectForm(categories=("treatment",), frequency="weekly",
                                                    helper_id=other.id, listed_on=D.isoformat()), D)
    assert [i.subject.full_name for i in care.care_list(D, category="treatment")] == ["张三"]
    assert [i.subject.full_name for i in care.care_list(D, helper_id=helper.id)] == ["王大爷"]
    building = small_community["households"][0].building_id
    assert [i.subject.full_name for i in care.care_list(D, building_id=building)] == ["张三"]


def test_a_person_is_listed_once(care, helper, small_community):
    person = small_community["people"]["王大爷"]
    subject_for(care, person, "weekly", helper)
    with pytest.raises(InputErrors) as e:
        subject_for(care, person, "daily", helper)
    assert e.value.by_field()["person"] == "王大爷已经在关爱名单上了：请取消，在名单上选中王大爷后按“修改”。"


def test_a_person_removed_from_the_register_leaves_the_lists_and_the_figures(app_ctx, care, helper, small_community):
    person = small_community["people"]["王大爷"]
    subject_for(care, person, "weekly", helper)
    subject_for(care, small_community["people"]["李梅"], "weekly", helper)
    # Here the register refuses it while he is on the list (rules.person_removal_refusal); a
    # removal made on another machine still arrives by sync, as this write does.
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE person SET is_deleted = 1 WHERE id = ?", (person.id,))
    assert [i.subject.full_name for i in care.care_list(D)] == ["李梅"]
    assert sum(care.counts(D).values()) == 1


def not_seen(care, subject, on: date, helper=None):
    return care.record_visit(subject.id, VisitForm(visited_on=on.isoformat(), mode="not_seen",
                                                   found="敲门没人应，电话没人接"), D)


def test_a_visit_where_the_person_was_not_seen_leaves_them_due_and_a_real_one_does_not(
        app_ctx, care, helper, small_community):
    """Nobody answered the door of an old man living alone: he stays on today's list (maybe he
    fell), the list says when he was not seen, his history keeps the attempt; the Today page's
    figure and the chart's visits made agree. Seeing him takes him off."""
    from datetime import datetime

    from desktop.care.due import state_words
    from desktop.overview.charts import visits_against_due
    from desktop.overview.today import today_figures
    alone = subject_for(care, small_community["people"]["王大爷"], "every_3_days", helper)
    visit(care, alone, days(-3))
    assert care.due_of(alone, D).state == "due"
    attempt = not_seen(care, alone, D)
    assert [(v.mode, v.found) for v in care.visits(alone.id)][0] == ("not_seen", "敲门没人应，电话没人接")
    [item] = care.care_list(D)
    assert item.due.state == "due" and item.due.last_visit == days(-3) and item.due.last_attempt == D
    assert care.due_of(alone, D) == item.due
    assert state_words(item.due) == "今天应访（上次未见到）"
    assert care.counts(D)["due"] == 1
    assert today_figures(app_ctx, datetime(2020, 2, 20, 18, 0)).care_to_visit == 1
    assert visits_against_due(app_ctx, D, days=1).series == {"due": (1,), "made": (0,)}
    # Two days on, still unseen: overdue, and the paper says both.
    assert state_words(care.due_of(alone, days(2))) == "逾期2天（上次未见到）"
    # Corrected rows take the exact path: the attempt is still not a visit.
    care.correct_visit(attempt.id, VisitForm(visited_on=D.isoformat(), mode="not_seen", found="电话没人接"), D)
    [item] = care.care_list(D)
    assert item.due.state == "due" and item.due.last_attempt == D
    visit(care, alone, D)
    assert care.care_list(D) == []
    assert care.due_of(alone, D).last_attempt is None and care.counts(D)["not_due"] == 1
    assert today_figures(app_ctx, datetime(2020, 2, 20, 18, 0)).care_to_visit == 0
    assert visits_against_due(app_ctx, D, days=1).series == {"due": (0,), "made": (1,)}


def test_a_not_seen_visit_says_how_the_person_was_tried(care, helper, small_community):
    subject = subject_for(care, small_community["people"]["王大爷"], "weekly", helper)
    with pytest.raises(InputErrors) as e:
        care.record_visit(subject.id, VisitForm(visited_on=D.isoformat(), mode="not_seen", done="留了纸条"), D)
    assert "怎么联系的" in e.value.by_field()["found"]


def test_a_visit_before_any_helper_is_registered_says_to_add_one_first(care, small_community):
    """A new office with no helper yet: the visit was refused with 请选择是谁走访的, from a list
    with nobody in it."""
    subject = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(categories=("elder_alone",)), D)
    with pytest.raises(InputErrors) as e:
        care.record_visit(subject.id, VisitForm(visited_on=D.isoformat(), found="身体好"), D)
    assert e.value.by_field()["helper_id"] == "还没有登记帮扶人：请先在关爱页按“添加帮扶人”登记走访的人，再登记这次走访。"
