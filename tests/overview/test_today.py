"""The Today figures on the hand-built community, where every answer is known."""
from datetime import date, datetime, timedelta

from desktop.care.records import VisitForm
from desktop.gate.log import Passage, record_passage
from desktop.gate.passes import issue_pass
from desktop.gate.subjects import person_subject
from desktop.overview.status import most_serious, status_counts_at
from desktop.overview.today import open_sync_conflicts_and_duplicates, today_figures
from tests.overview.conftest import NOW, TODAY


def test_people_by_status_and_the_change_since_yesterday(app_ctx, community, clock):
    r, p = app_ctx.register, community["people"]
    clock.at = "2020-02-19T15:00:00"              # yesterday: 张三 isolated
    r.set_status(p["张三"].id, "home_isolation", "密接")
    clock.at = "2020-02-20T08:00:00"              # this morning: 李梅 away, 张小明 observation
    r.set_status(p["李梅"].id, "away", "回老家")
    r.set_status(p["张小明"].id, "observation", "发热观察")
    f = today_figures(app_ctx, NOW)
    assert (f.households, f.people) == (5, 6)
    assert f.status == {"healthy": 3, "home_isolation": 1, "observation": 1, "away": 1}
    assert f.status_change == {"healthy": -2, "home_isolation": 0, "observation": 1, "away": 1}


def test_the_status_counts_of_a_past_moment_come_from_the_history(app_ctx, community, clock):
    r, p = app_ctx.register, community["people"]
    clock.at = "2020-02-19T23:59:00"
    r.set_status(p["张三"].id, "home_isolation", "密接")
    clock.at = "2020-02-20T00:01:00"
    r.set_status(p["张三"].id, "healthy", "解除")
    before, after, now = status_counts_at(app_ctx.db, [datetime(2020, 2, 19, 23, 58), datetime(2020, 2, 20, 0, 0),
                                                        datetime(2020, 2, 20, 0, 2)])
    assert before["home_isolation"] == 0 and after["home_isolation"] == 1 and now["home_isolation"] == 0
    assert before["healthy"] == now["healthy"] == 6 and after["healthy"] == 5


def test_a_village_registered_today_had_nobody_yesterday(app_ctx, clock):
    """A new village's first day: four people registered this morning, one of them isolated.
    Yesterday's figures count nobody (not four healthy people of whom one fell ill)."""
    from desktop.printing.daily_report import today_lines
    from desktop.register import HouseholdForm, PersonForm
    r = app_ctx.register
    clock.at = "2020-02-20T08:00:00"
    group = r.add_compound("王家湾组", kind="village_group")
    house = r.add_household(HouseholdForm(compound_id=group.id, address_text="1号"))
    people = [r.add_person(PersonForm(full_name=name), house.id, rel)
              for name, rel in (("王一", "head"), ("李二", "spouse"), ("王三", "child"), ("王四", "child"))]
    r.set_status(people[0].id, "home_isolation", "密接")
    f = today_figures(app_ctx, NOW)
    assert f.status["healthy"] == 3 and f.status_change == {"healthy": 3, "home_isolation": 1,
                                                             "observation": 0, "away": 0}
    assert "较昨日：健康+3人，居家隔离+1人" in today_lines(f)[0]


def test_a_change_stamped_later_today_is_today(app_ctx, community, clock):
    clock.at = "2020-02-20T16:54:00"          # a machine whose clock runs ahead
    app_ctx.register.set_status(community["people"]["张三"].id, "observation", "观察")
    f = today_figures(app_ctx, NOW)
    assert f.status["observation"] == 1 and f.status_change["observation"] == 1


def test_gate_traffic_today_starts_at_midnight(app_ctx, community):
    db, cp, p = app_ctx.db, community["checkpoint"], community["people"]
    s = person_subject(app_ctx.register.person(p["张三"].id))
    record_passage(db, Passage(s, "out"), cp, datetime(2020, 2, 19, 23, 59))      # yesterday
    record_passage(db, Passage(s, "in", 36.5), cp, datetime(2020, 2, 20, 0, 1))   # today
    t = person_subject(app_ctx.register.person(p["王租客"].id))
    record_passage(db, Passage(t, "out"), cp, datetime(2020, 2, 20, 7, 0))
    record_passage(db, Passage(t, "in", 38.2, outcome="referred"), cp, datetime(2020, 2, 20, 9, 0))
    f = today_figures(app_ctx, NOW)
    assert (f.gate_in, f.gate_out, f.gate_fevers) == (1, 1, 1)
    assert f.out_not_back == 1                    # 王租客 went out and was sent to the clinic
    [gate] = f.by_gate
    assert (gate.name, gate.went_in, gate.went_out, gate.fevers) == ("幸福里东门", 1, 1, 1)
    # The next morning, yesterday's 00:01 is yesterday's.
    g = today_figures(app_ctx, datetime(2020, 2, 21, 0, 0, 30))
    assert (g.gate_in, g.gate_out, g.gate_fevers) == (0, 0, 0)


def test_isolations_ending_and_follow_ups_not_done(app_ctx, community):
    iso, p = community["iso"], community["people"]
    from desktop.care.records import FollowUpForm
    a = iso.start(p["张三"].id, "home_isolation", "密接", "2020-02-07", TODAY)        # day 14 today
    iso.start(p["李梅"].id, "observation", "同住", "2020-02-08", TODAY)               # ends tomorrow
    iso.start(p["王租客"].id, "home_isolation", "返汉", "2020-02-15", TODAY)
    iso.record_followup(a.id, TODAY, FollowUpForm("morning", "36.6"), TODAY)
    iso.record_followup(a.id, TODAY, FollowUpForm("evening", "36.7"), TODAY)
    f = today_figures(app_ctx, NOW)
    assert (f.isolation_open, f.isolation_ending_today, f.isolation_ending_tomorrow) == (3, 1, 1)
    assert f.followups_not_done == 2 and f.isolation_fevers == 0
    assert f.status["home_isolation"] == 2 and f.status["observation"] == 1


def test_care_visits_due_overdue_and_neglected(app_ctx, community):
    care, p = community["care"], community["people"]
    from desktop.care.records import SubjectForm
    # 刘奶奶: weekly, listed on the 10th, never visited: due on the 10th, 10 days overdue, not yet
    # twice the interval (14 days).
    f = today_figures(app_ctx, NOW)
    assert (f.care_due, f.care_overdue, f.care_neglected) == (0, 1, 0)
    s = care.add_subject(p["王大爷"].id, SubjectForm(("disabled",), frequency="daily", listed_on="2020-02-20"), TODAY)
    care.add_subject(p["张三"].id, SubjectForm(("disabled",), frequency="every_3_days", listed_on="2020-02-10"), TODAY)
    f = today_figures(app_ctx, NOW)
    assert (f.care_subjects, f.care_due, f.care_overdue, f.care_neglected, f.care_to_visit) == (3, 1, 1, 1, 3)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.record_visit(s.id, VisitForm("2020-02-20", helper.id, found="身体好"), TODAY)
    assert today_figures(app_ctx, NOW).care_due == 0


def test_passes_expiring_within_three_days(app_ctx, community):
    db, hs = app_ctx.db, community["households"]
    issue_pass(db, household_id=hs[0].id, valid_from="2020-02-01", valid_to="2020-02-22", today=TODAY)
    issue_pass(db, household_id=hs[1].id, valid_from="2020-02-01", valid_to="2020-03-31", today=TODAY)
    issue_pass(db, household_id=hs[2].id, valid_from="2020-02-01", valid_to="2020-02-20", today=TODAY)
    assert today_figures(app_ctx, NOW).passes_expiring == 2
    assert today_figures(app_ctx, NOW + timedelta(days=1)).passes_expiring == 1


def test_the_most_serious_status_wins():
    assert most_serious(["healthy", "away", "observation"]) == "observation"
    assert most_serious(["away", "home_isolation", "observation"]) == "home_isolation"
    assert most_serious(["healthy", "away"]) == "away"
    assert most_serious([]) is None


def test_sync_conflicts_and_duplicates_are_counted(app_ctx, community):
    from db.sync.log import canonical_json, content_hash
    from db.sync.merge import apply_changes
    db = app_ctx.db
    assert open_sync_conflicts_and_duplicates(db) == 0
    assert today_figures(app_ctx, NOW).sync_open == 0
    assert today_figures(app_ctx, NOW).day == date(2020, 2, 20)
    # Two other machines named one new person differently, neither knowing the other: a conflict.
    changes = []
    for n, (site, name) in enumerate((("a" * 8 + "-0000-4000-8000-" + "0" * 12, "张三"),
                                      ("b" * 8 + "-0000-4000-8000-" + "0" * 12, "张珊"))):
        cols = canonical_json({"name": {"full_name": name}})
        hlc = (1_600_000_000_000 + n) << 16
        changes.append((site, 1, hlc, "person", "p-new", "patch", cols, "{}",
                        content_hash("{}", cols, hlc, "patch", "p-new", 15, 1, site, "person"), 15, None, None))
    apply_changes(db, changes)
    assert open_sync_conflicts_and_duplicates(db) == 1
    # The same ID number registered on two machines: one more to review.
    with db.transaction() as conn:
        number = conn.execute("SELECT id_number FROM person WHERE id_number IS NOT NULL LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO person (id, full_name, id_number) VALUES ('p-twin', '孪生', ?)", (number,))
    assert today_figures(app_ctx, NOW).sync_open == 2
    # Merged (or removed) twins no longer wait for anyone.
    with db.transaction() as conn:
        conn.execute("UPDATE person SET merged_into = 'p-other' WHERE id = 'p-twin'")
    assert open_sync_conflicts_and_duplicates(db) == 1
    with db.transaction() as conn:
        conn.execute("UPDATE person SET merged_into = NULL, is_deleted = 1 WHERE id = 'p-twin'")
    assert open_sync_conflicts_and_duplicates(db) == 1


def test_the_list_behind_a_status_figure(app_ctx, community):
    from desktop.overview.lists import count_people_with_status, people_with_status
    p = community["people"]
    app_ctx.register.set_status(p["李梅"].id, "away", "回老家")
    app_ctx.register.set_status(p["王大爷"].id, "away", "走亲戚")
    assert count_people_with_status(app_ctx.db, "away") == today_figures(app_ctx, NOW).status["away"] == 2
    assert [x.full_name for x in people_with_status(app_ctx.db, "away")] == ["李梅", "王大爷"]
    assert count_people_with_status(app_ctx.db, "healthy") == 4


def test_the_gate_figures_are_the_gate_pages_own(app_ctx, community):
    """Today sums the checkpoints; the gate page's day summary counts the day whole: the same."""
    from desktop.gate.day import day_summary
    from desktop.gate.log import void_entry
    db, cp, p = app_ctx.db, community["checkpoint"], community["people"]
    for name, direction, temperature, hour in (("张三", "out", None, 7), ("张三", "in", 36.4, 8),
                                               ("李梅", "out", None, 8), ("王租客", "out", None, 9)):
        s = person_subject(app_ctx.register.person(p[name].id))
        last = record_passage(db, Passage(s, direction, temperature), cp, datetime(2020, 2, 20, hour, 0))
    record_passage(db, Passage(person_subject(app_ctx.register.person(p["张小明"].id)), "in", 38.0,
                               outcome="turned_back"), cp, datetime(2020, 2, 20, 9, 10))
    void_entry(db, last, "登记错了")
    f = today_figures(app_ctx, NOW)
    s = day_summary(db, datetime(2020, 2, 20), NOW)
    assert (f.gate_in, f.gate_out, f.gate_turned_back, f.gate_fevers, f.out_not_back) == \
        (s.went_in, s.went_out, s.turned_back, len(s.fevers), s.out_not_back_count) == (1, 2, 1, 1, 1)
    assert [(g.name, g.went_out, g.turned_back) for g in f.by_gate] == [("幸福里东门", 2, 1)]


def test_the_totals_are_the_registers(app_ctx, community):
    from desktop.overview.status import register_totals, status_counts
    app_ctx.register.remove_person(community["people"]["王大爷"].id)
    app_ctx.register.remove_household(community["empty"].id)
    assert register_totals(app_ctx.db) == app_ctx.register.totals()
    assert status_counts(app_ctx.db) == app_ctx.register.status_counts()


def test_the_isolation_figures_are_the_isolation_pages_own(app_ctx, community):
    """Today counts from the episodes without their addresses; the isolation page's list, with
    them, gives the same figures — also for someone linked to two households (sync)."""
    from db.sync.ids import uuid7
    from desktop.care.records import FollowUpForm
    iso, p = community["iso"], community["people"]
    a = iso.start(p["张三"].id, "home_isolation", "密接", "2020-02-07", TODAY)
    iso.start(p["李梅"].id, "observation", "同住", "2020-02-08", TODAY)
    iso.start(p["王租客"].id, "home_isolation", "返汉", "2020-02-15", TODAY)
    iso.record_followup(a.id, TODAY, FollowUpForm("morning", "37.8"), TODAY)
    with app_ctx.db.transaction() as conn:
        conn.execute("INSERT INTO membership (id, household_id, person_id) VALUES (?,?,?)",
                     (uuid7(), community["empty"].id, p["王租客"].id))
    page = iso.counts(TODAY)
    f = today_figures(app_ctx, NOW)
    assert (f.isolation_open, f.followups_not_done, f.isolation_fevers) == \
        (page["open"], page["unchecked"], page["fever"]) == (4, 4, 1)
