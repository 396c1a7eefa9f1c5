"""A round over a hand-built community: every kind of result, progress that adds up, a fever
that becomes an isolation episode with the canvass as its reason, a second round over the
first's nobody-home households."""
from datetime import date

import pytest

from desktop.canvass.rounds import CanvassBook
from desktop.care.isolation import IsolationBook
from desktop.errors import InputError, InputErrors
from tests.canvass.conftest import TODAY


def _by_address(book, round_id):
    return {row.address: row for row in book.roll(round_id)}


def test_round_rolls_every_household_in_building_order_with_codes(canvass, community):
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    roll = canvass.roll(rnd.id)
    assert [r.address for r in roll] == ["幸福里小区 3栋1单元101", "幸福里小区 3栋2单元501",
                                         "幸福里小区 4栋102", "王家湾组 12号"]
    assert [r.code_text() for r in roll] == ["001", "002", "003", "004"]
    assert rnd.households == 4 and all(r.outcome is None for r in roll)


def test_every_result_kind_and_progress_adds_up(canvass, community):
    c = community["compound"]
    rnd = canvass.create_round("第一轮摸排", TODAY, scope_kind="compound", scope_ids=[c.id], starts_on="2020-02-18")
    rows = _by_address(canvass, rnd.id)
    zhang = community["people"]["张小明"]
    canvass.record_result(rnd.id, rows["幸福里小区 3栋2单元501"].household_id, "visited", TODAY,
                          answers={zhang.id: {"fever": True}}, canvasser_name="刘网格")
    canvass.record_result(rnd.id, rows["幸福里小区 3栋1单元101"].household_id, "refused", TODAY,
                          canvasser_name="刘网格", visited_on="2020-02-19")
    canvass.record_result(rnd.id, rows["幸福里小区 4栋102"].household_id, "nobody_home", TODAY,
                          canvasser_name="王志愿")
    assert rnd.households == 3         # the village house is outside the compound's scope

    overall = canvass.overall(rnd.id, TODAY)
    assert (overall.total, overall.visited, overall.refused, overall.nobody_home, overall.not_reached) == (3, 1, 1, 1, 0)
    assert overall.reached == 2 and overall.percent == 67 and overall.done_today == 2
    by_building = {p.label: p for p in canvass.progress(rnd.id, "building", TODAY)}
    assert by_building["幸福里小区 3栋"].total == 2 and by_building["幸福里小区 3栋"].reached == 2
    assert by_building["幸福里小区 4栋"].nobody_home == 1
    for by in ("building", "grid"):
        rows_ = canvass.progress(rnd.id, by, TODAY)
        assert sum(p.total for p in rows_) == overall.total
        for p in rows_:
            assert p.visited + p.nobody_home + p.refused + p.moved_out + p.not_reached == p.total
    by_canvasser = {p.label: p for p in canvass.progress(rnd.id, "canvasser", TODAY)}
    assert sum(p.total for p in by_canvasser.values()) == overall.total - overall.not_reached
    assert by_canvasser["刘网格"].total == 2 and by_canvasser["刘网格"].done_today == 1
    assert by_canvasser["王志愿"].nobody_home == 1

    # The household that moved out: the result is corrected by a later entry (one row per household).
    canvass.record_result(rnd.id, rows["幸福里小区 4栋102"].household_id, "moved_out", TODAY, canvasser_name="王志愿")
    again = canvass.result(rnd.id, rows["幸福里小区 4栋102"].household_id)
    assert again.outcome == "moved_out" and again.attempts == 2
    assert canvass.overall(rnd.id, TODAY).moved_out == 1
    assert canvass.overall(rnd.id, TODAY).total == 3

    visited = canvass.result(rnd.id, rows["幸福里小区 3栋2单元501"].household_id)
    # Every member has answers; those not named answered no.
    assert set(visited.answers) == {p.id for n, p in community["people"].items() if n in ("张三", "李梅", "张小明")}
    assert visited.answers[zhang.id]["fever"] is True and visited.answers[zhang.id]["cough"] is False


def test_not_reached_listed_first(canvass, community):
    rnd = canvass.create_round("第一轮摸排", TODAY)
    roll = canvass.roll(rnd.id)
    canvass.record_result(rnd.id, roll[0].household_id, "visited", TODAY, canvasser_name="刘网格")
    canvass.record_result(rnd.id, roll[1].household_id, "nobody_home", TODAY, canvasser_name="刘网格")
    order = [r.code for r in canvass.roll(rnd.id, unreached_first=True)]
    assert order == [3, 4, 2, 1]


def test_fever_answer_becomes_isolation_episode_with_canvass_as_reason(app_ctx, canvass, community):
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    hh = community["households"][0]
    zhang = community["people"]["张小明"]
    canvass.record_result(rnd.id, hh.id, "visited", TODAY, answers={zhang.id: {"fever": True}}, canvasser_name="刘网格")
    flagged = canvass.flagged(rnd.id)
    assert [(f.full_name, f.questions, f.suggested, f.taken) for f in flagged] == [
        ("张小明", ("fever",), "isolation", ())]

    episode_id = canvass.take_step(rnd.id, hh.id, zhang.id, "isolation", TODAY)
    episode = IsolationBook(app_ctx.db, app_ctx.register).episode(episode_id)
    assert episode.person_id == zhang.id and episode.start_on == TODAY.isoformat()
    assert episode.reason.startswith("滚动摸排（第一轮摸排，2020-02-20）：发热")
    person = app_ctx.register.person(zhang.id)
    assert person.status == "home_isolation" and "第一轮摸排" in person.status_reason
    assert canvass.flagged(rnd.id)[0].taken == ("isolation",)
    # The isolation book's own rule still holds: no second open episode.
    with pytest.raises(InputErrors, match="不能重复开始"):
        canvass.take_step(rnd.id, hh.id, zhang.id, "isolation", TODAY)


def test_need_becomes_care_need_and_status_step(app_ctx, canvass, community):
    from desktop.care.care_book import CareBook
    rnd = canvass.create_round("第一轮摸排", TODAY)
    chen = community["people"]["陈独居"]
    hh = community["households"][3]
    canvass.record_result(rnd.id, hh.id, "visited", TODAY, answers={chen.id: {"needs": "买药", "arrived": "武汉"}},
                          canvasser_name="刘网格")
    subject_id = canvass.take_step(rnd.id, hh.id, chen.id, "care", TODAY, categories=("elder_alone",),
                                   needs=("medicine",))
    subject = CareBook(app_ctx.db, app_ctx.register).subject(subject_id)
    assert subject.needs == ("medicine",) and "滚动摸排" in subject.note
    canvass.take_step(rnd.id, hh.id, chen.id, "status", TODAY, status="observation")
    assert app_ctx.register.person(chen.id).status == "observation"
    assert "近14天从外地返回：武汉" in app_ctx.register.person(chen.id).status_reason
    # Nobody without a yes answer gets a step.
    with pytest.raises(InputError, match="没有回答记录"):
        canvass.take_step(rnd.id, community["households"][0].id, community["people"]["张三"].id, "status", TODAY)


def test_second_round_starts_from_first_rounds_nobody_home(canvass, community):
    first = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-15")
    roll = canvass.roll(first.id)
    canvass.record_result(first.id, roll[0].household_id, "visited", TODAY, canvasser_name="甲")
    canvass.record_result(first.id, roll[1].household_id, "nobody_home", TODAY, canvasser_name="甲")
    canvass.record_result(first.id, roll[2].household_id, "refused", TODAY, canvasser_name="甲")
    canvass.record_result(first.id, roll[3].household_id, "nobody_home", TODAY, canvasser_name="甲")
    second = canvass.create_round("第二轮（无人在家再访）", TODAY, from_round_id=first.id,
                                  from_outcomes=("nobody_home",))
    again = canvass.roll(second.id)
    assert [r.household_id for r in again] == [roll[1].household_id, roll[3].household_id]
    assert [r.code for r in again] == [1, 2] and all(r.outcome is None for r in again)
    assert canvass.overall(second.id, TODAY).not_reached == 2
    # The first round's results stand as they were.
    assert canvass.result(first.id, roll[1].household_id).outcome == "nobody_home"


def test_bad_input_is_refused_in_chinese(canvass, community):
    with pytest.raises(InputErrors) as e:
        canvass.create_round("", TODAY, scope_kind="compound")
    assert set(e.value.by_field()) == {"name", "scope_ids"}
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    hh = community["households"][0]
    with pytest.raises(InputErrors, match="在今天之后"):
        canvass.record_result(rnd.id, hh.id, "visited", TODAY, visited_on="2020-02-21", canvasser_name="甲")
    with pytest.raises(InputErrors, match="在那之前"):
        canvass.record_result(rnd.id, hh.id, "visited", TODAY, visited_on="2020-02-17", canvasser_name="甲")
    with pytest.raises(InputErrors, match="摸排人"):
        canvass.record_result(rnd.id, hh.id, "visited", TODAY)
    with pytest.raises(InputErrors, match="只有“已访”"):
        canvass.record_result(rnd.id, hh.id, "refused", TODAY, canvasser_name="甲",
                              answers={community["people"]["张三"].id: {"fever": True}})
    with pytest.raises(InputErrors, match="已经有一轮"):
        canvass.create_round("第一轮摸排", TODAY)


def test_added_question_is_asked_and_keyed(app_ctx, canvass, community):
    from desktop.canvass import questions
    q = questions.add_question(app_ctx.db, "是否接种疫苗", flags=False)
    assert q.key == "b" and not q.flags
    with pytest.raises(InputErrors, match="已经用于"):
        questions.add_question(app_ctx.db, "家里有无宠物", key="f")
    rnd = canvass.create_round("第一轮摸排", TODAY)
    assert q.code in rnd.questions


def test_households_registered_later_join_the_roll_after_the_last_code(app_ctx, canvass, community):
    from desktop.register import HouseholdForm
    rnd = canvass.create_round("第一轮摸排", TODAY)
    app_ctx.register.add_household(HouseholdForm(compound_id=community["compound"].id, building="3", unit="1",
                                                 room="102"))
    assert canvass.add_new_households(rnd.id) == 1
    roll = canvass.roll(rnd.id)
    assert roll[-1].code == 5 and roll[-1].address == "幸福里小区 3栋1单元102"
    assert canvass.add_new_households(rnd.id) == 0


def test_a_canvasser_on_the_duty_list_is_linked_by_name(app_ctx, canvass, community):
    from desktop.duty.people import DutyBook
    liu = DutyBook(app_ctx.db).add_person("刘网格", "13800000009", "grid_worker", unit_name="幸福里社区")
    rnd = canvass.create_round("第一轮摸排", TODAY)
    done = canvass.record_result(rnd.id, community["households"][0].id, "visited", TODAY, canvasser_name="刘网格")
    assert done.canvasser_id == liu.id
    other = canvass.record_result(rnd.id, community["households"][1].id, "visited", TODAY, canvasser_name="陌生人")
    assert other.canvasser_id is None
    assert {p.label: p.total for p in canvass.progress(rnd.id, "canvasser", TODAY)} == {"刘网格": 1, "陌生人": 1}


def test_a_result_typed_for_the_wrong_household_is_cleared(canvass, community):
    rnd = canvass.create_round("第一轮摸排", TODAY)
    hh = community["households"][0].id
    canvass.record_result(rnd.id, hh, "refused", TODAY, canvasser_name="甲")
    cleared = canvass.clear_result(rnd.id, hh)
    assert cleared.outcome is None and cleared.canvasser_name == ""
    assert canvass.overall(rnd.id, TODAY).not_reached == 4
