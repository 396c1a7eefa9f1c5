"""An isolation episode from start to release: status with history, daily checks, fever flag."""
from datetime import timedelta

import pytest

from desktop.care.paper import health_record_rows, isolation_notice
from desktop.care.records import FollowUpForm
from desktop.temperature import parse_temperature
from desktop.errors import InputError, InputErrors
from tests.care.conftest import TODAY


def test_lifecycle_start_daily_checks_release(app_ctx, iso, helper, small_community):
    person = small_community["people"]["张小明"]
    start = TODAY - timedelta(days=13)
    episode = iso.start(person.id, "home_isolation", "密切接触者，疾控通知", start.isoformat(), TODAY,
                        helper_id=helper.id)
    assert episode.planned_end_on == TODAY.isoformat()                 # 14 days, start is day 1
    assert app_ctx.register.person(person.id).status == "home_isolation"

    for n in range(13):
        day = start + timedelta(days=n)
        iso.record_followup(episode.id, day, FollowUpForm("morning", "36.5"), TODAY)
        iso.record_followup(episode.id, day, FollowUpForm("evening", "36.7"), TODAY)
    [item] = iso.today_list(TODAY)
    assert item.day_number == 14 and item.unchecked_slots == ("morning", "evening")
    assert item.ends_today_or_past and not item.fever_days
    iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "３６．６"), TODAY)
    assert iso.today_list(TODAY, unchecked_only=True)[0].unchecked_slots == ("evening",)

    released = iso.release(episode.id, TODAY, TODAY)
    assert released.released_on == TODAY.isoformat() and released.released_by == "测试员"
    assert app_ctx.register.person(person.id).status == "healthy"
    history = app_ctx.register.status_history(person.id)
    assert [(h.old_status, h.new_status) for h in history] == [("healthy", "home_isolation"),
                                                              ("home_isolation", "healthy")]
    assert history[0].reason == "密切接触者，疾控通知" and "解除" in history[1].reason
    assert iso.today_list(TODAY) == []
    rows = health_record_rows(iso, episode.id)
    assert len(rows) == 14 and rows[0].morning == "36.5" and rows[13].evening == ""


def test_a_fever_is_flagged_first_on_the_list(iso, small_community):
    a = iso.start(small_community["people"]["张三"].id, "observation", "发热门诊排除", TODAY, TODAY)
    b = iso.start(small_community["people"]["王租客"].id, "home_isolation", "外地返回", TODAY, TODAY)
    iso.record_followup(b.id, TODAY, FollowUpForm("morning", "37.8", symptoms=("cough",)), TODAY)
    iso.record_followup(a.id, TODAY, FollowUpForm("morning", "36.4"), TODAY)
    items = iso.today_list(TODAY)
    assert [i.episode.full_name for i in items] == ["王租客", "张三"]
    assert items[0].fever_today and items[0].fever_days == (TODAY.isoformat(),)
    assert iso.counts(TODAY) == {"open": 2, "unchecked": 2, "morning_unchecked": 0,
                                 "evening_unchecked": 2, "fever": 1, "release_due": 0}


def test_early_release_needs_a_reason_and_a_second_start_is_refused(iso, small_community):
    person = small_community["people"]["李梅"]
    episode = iso.start(person.id, "home_isolation", "外地返回", TODAY - timedelta(days=3), TODAY)
    with pytest.raises(InputErrors) as e:
        iso.start(person.id, "observation", "再次", TODAY, TODAY)
    assert "不能重复开始" in e.value.by_field()["person"]
    with pytest.raises(InputError) as e2:
        iso.release(episode.id, TODAY, TODAY)
    assert "提前解除" in e2.value.message
    assert iso.release(episode.id, TODAY, TODAY, note="核酸阴性，疾控同意").release_note == "核酸阴性，疾控同意"


def test_a_slot_is_checked_once_and_a_wrong_check_is_corrected_by_a_new_row(iso, small_community):
    episode = iso.start(small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    wrong = iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "38.5"), TODAY)
    with pytest.raises(InputErrors):
        iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "36.5"), TODAY)
    iso.correct_followup(wrong.id, FollowUpForm("morning", "36.5"), TODAY)
    [check] = iso.followups(episode.id)
    assert check.temperature == 36.5 and not iso.today_list(TODAY)[0].fever_days


@pytest.mark.parametrize("typed, hint", [("373", "小数点"), ("3.7", "体温"), ("45", "不可能"), ("abc", "数字")])
def test_impossible_temperatures_are_refused_with_a_hint(typed, hint):
    with pytest.raises(InputError) as e:
        parse_temperature(typed)
    assert hint in e.value.message


def test_needs_are_taken_on_by_a_named_helper(iso, care, small_community):
    episode = iso.start(small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    with pytest.raises(InputErrors) as e:
        iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "36.5", needs=("groceries",)), TODAY)
    assert "帮扶人" in e.value.by_field()["helper_id"]
    volunteer = care.add_helper("志愿者小陈", "13700001111")
    check = iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "36.5", needs=("groceries",),
                                                                helper_id=volunteer.id), TODAY)
    assert check.helper_name == "志愿者小陈"


def test_isolation_notice_masks_the_phone_for_public_paper(iso, small_community):
    person = small_community["people"]["张三"]
    episode = iso.start(person.id, "home_isolation", "外地返回", TODAY, TODAY, planned_days=7)
    notice = isolation_notice(iso, episode.id)
    assert (notice.full_name, notice.start_on, notice.planned_end_on, notice.days) == (
        "张三", TODAY.isoformat(), (TODAY + timedelta(days=6)).isoformat(), 7)
    assert "3栋2单元501" in notice.address and "****" in notice.phone


def test_people_marked_isolated_on_the_register_page_are_not_forgotten(app_ctx, iso, small_community):
    person = small_community["people"]["王租客"]
    app_ctx.register.set_status(person.id, "observation", "发热门诊排除，居家观察")
    assert [p.full_name for p in iso.untracked()] == ["王租客"]
    [episode] = iso.start_untracked(TODAY)
    assert (episode.kind, episode.reason) == ("observation", "发热门诊排除，居家观察")
    assert iso.untracked() == [] and len(iso.today_list(TODAY)) == 1
    # Starting did not add a second "observation" line to the history.
    assert len(app_ctx.register.status_history(person.id)) == 1


def test_visits_and_checks_are_captured_as_whole_append_rows(app_ctx, iso, small_community):
    episode = iso.start(small_community["people"]["张三"].id, "home_isolation", "外地返回", TODAY, TODAY)
    check = iso.record_followup(episode.id, TODAY, FollowUpForm("morning", "36.6"), TODAY)
    with app_ctx.db.reading() as conn:
        kind, cols = conn.execute("SELECT kind, cols FROM sync_change WHERE tbl = 'isolation_followup'"
                                  " AND row_id = ?", (check.id,)).fetchone()
        with pytest.raises(Exception):
            conn.execute("UPDATE isolation_followup SET temperature = 38 WHERE id = ?", (check.id,))
    assert kind == "insert" and '"entry"' in cols and "36.6" in cols
