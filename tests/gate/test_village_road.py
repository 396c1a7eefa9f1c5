"""A village's road checkpoint (村口) serves the whole village, every group: set up with no
group, it lets every villager through, and the household rule the guard saved holds for each
household, whatever its group."""
from datetime import date, datetime, timedelta

import pytest

from desktop import first_run as fr
from desktop.errors import InputError
from desktop.gate import log as gate_log
from desktop.gate.checkpoints import add_checkpoint
from desktop.gate.rule import set_household_rule
from desktop.gate.subjects import lookup, person_subject
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm

T0 = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=8)


@pytest.fixture
def village(app_ctx):
    fr.set_up_community(app_ctx, fr.CommunityPlan("新民村", "village", street_office="五里镇",
                                                  places_text="王家湾组\n李家湾组"))
    groups = {c.name: c for c in app_ctx.register.compounds()}
    people = {}
    for n, (group, door, name, relation) in enumerate((
            ("王家湾组", "12号", "王德贵", "head"), ("王家湾组", "12号", "王小军", "child"),
            ("李家湾组", "7号", "李老汉", "head")), 1):
        house = next((h for h in app_ctx.register.households_in("compound", groups[group].id)
                      if h.address_text == door), None) or app_ctx.register.add_household(
            HouseholdForm(compound_id=groups[group].id, address_text=door))
        people[name] = app_ctx.register.add_person(PersonForm(full_name=name, id_number=make_resident_id(
            "420117", date(1950 + n, 3, 7), n, True)), house.id, relation)
    road = add_checkpoint(app_ctx.db, "新民村村口")               # no group: the whole village
    return app_ctx, road, people


def _villager(app, people, name):
    return person_subject(app.register.person(people[name].id))


def test_a_road_checkpoint_with_no_group_lets_every_group_s_villagers_through(village):
    app, road, people = village
    assert road.compound_id is None and road.kind == "village_road"
    for n, name in enumerate(("王德贵", "李老汉")):
        found = lookup(app.db, name).subjects
        assert [s.name for s in found] == [name]
        gate_log.record_passage(app.db, gate_log.Passage(found[0], "out"), road, T0 + timedelta(minutes=n))
        gate_log.record_passage(app.db, gate_log.Passage(found[0], "in", temperature=36.5), road,
                                T0 + timedelta(hours=1, minutes=n))
    entries = gate_log.day_entries(app.db, T0.date().isoformat(), road.id)
    assert sorted((e.holder_name, e.direction) for e in entries) == [
        ("李老汉", "in"), ("李老汉", "out"), ("王德贵", "in"), ("王德贵", "out")]


def test_the_household_rule_the_guard_saved_holds_at_the_village_road(village):
    """Saved in the gate settings (每户每2天1人外出): a village set up by the first-run wizard let
    a second member of the household out with no warning."""
    app, road, people = village
    set_household_rule(app.db, 1, 2)
    gate_log.record_passage(app.db, gate_log.Passage(_villager(app, people, "王德贵"), "out"), road, T0)
    son = _villager(app, people, "王小军")
    assert gate_log.assess(app.db, son, when=T0 + timedelta(minutes=5)).rule_others == ("王德贵",)
    with pytest.raises(InputError) as e:
        gate_log.record_passage(app.db, gate_log.Passage(son, "out"), road, T0 + timedelta(minutes=5))
    assert e.value.field == "rule" and "每户每2天1人外出" in e.value.message and "王德贵" in e.value.message
    # Another group's household is not held back by it.
    gate_log.record_passage(app.db, gate_log.Passage(_villager(app, people, "李老汉"), "out"), road,
                            T0 + timedelta(minutes=6))
