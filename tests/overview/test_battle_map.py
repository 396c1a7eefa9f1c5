"""The battle map of the hand-built community: colours, floors, counts, filters, public."""
from datetime import date, datetime

import pytest

from desktop.errors import InputError
from desktop.overview.battle_map import EMPTY, battle_map, compound_by_name, floor_of, matches
from desktop.overview.charts import gate_by_day, gate_by_hour, status_over_time, visits_against_due
from tests.overview.conftest import TODAY


def _households(m):
    out = {}
    for c in m.compounds:
        for b in c.buildings:
            for h in b.households:
                out[h.address] = h
        for h in c.loose:
            out[h.label] = h
    return out


def test_a_household_takes_the_colour_of_its_most_serious_member(app_ctx, community):
    r, p = app_ctx.register, community["people"]
    r.set_status(p["李梅"].id, "away", "回老家")
    r.set_status(p["张小明"].id, "observation", "观察")
    hs = _households(battle_map(app_ctx.db, TODAY))
    assert hs["3栋2单元501"].status == "observation"         # healthy + away + observation
    r.set_status(p["张三"].id, "home_isolation", "密接")
    m = battle_map(app_ctx.db, TODAY)
    hs = _households(m)
    assert hs["3栋2单元501"].status == "home_isolation"
    assert hs["3栋1单元102"].status == EMPTY and hs["3栋1单元101"].status == "healthy"
    [c, v] = m.compounds
    assert c.name == "幸福里小区" and v.name == "王家湾组"
    assert c.households == {"home_isolation": 1, "observation": 0, "away": 0, "healthy": 1, EMPTY: 1}
    assert c.people == {"healthy": 1, "home_isolation": 1, "observation": 1, "away": 1}
    assert m.households["healthy"] == 3 and m.people["healthy"] == 3


def test_buildings_are_blocks_of_units_and_floors_top_floor_first(app_ctx, community):
    from desktop.register import HouseholdForm
    c = community["compound"]
    app_ctx.register.add_household(HouseholdForm(compound_id=c.id, building="3", unit="1", room="1201"))
    m = battle_map(app_ctx.db, TODAY, compound_by_name(app_ctx.db, "幸福里小区"))
    [compound] = m.compounds
    [building] = compound.buildings
    assert building.number == "3"
    assert [u.number for u in building.units] == ["1", "2"]
    unit1 = building.units[0]
    assert [f.number for f in unit1.floors] == [12, 1]
    assert [h.label for h in unit1.floors[1].households] == ["101", "102"]
    assert compound.loose == ()


def test_village_groups_are_a_grid_of_houses(app_ctx, community):
    m = battle_map(app_ctx.db, TODAY, community["village"].id)
    [v] = m.compounds
    assert v.buildings == () and [h.label for h in v.loose] == ["12号", "13号"]
    assert v.loose[0].head == "王大爷"


def test_filters_pick_out_key_persons_tenants_the_over_80s_and_care_subjects(app_ctx, community):
    p = community["people"]
    app_ctx.register.update_person(p["张三"].id, _key_form(p["张三"]))
    hs = _households(battle_map(app_ctx.db, TODAY))
    assert hs["3栋2单元501"].flags == {"key_person"}
    assert hs["3栋1单元101"].flags == {"tenant"}
    assert hs["13号"].flags == {"over_80", "care"}         # 刘奶奶, born 1935
    assert hs["12号"].flags == frozenset()                 # 王大爷 is 79 on 20 February 2020
    assert "over_80" in _households(battle_map(app_ctx.db, date(2020, 12, 1)))["12号"].flags
    assert matches(hs["13号"], ["over_80", "care"]) and not matches(hs["13号"], ["tenant"])
    assert matches(hs["12号"], [])


def _key_form(person):
    from dataclasses import replace
    from desktop.register import PersonForm
    return replace(PersonForm.from_person(person), is_key_person=True, key_reason="返汉人员")


def test_a_public_map_has_no_names(app_ctx, community):
    m = battle_map(app_ctx.db, TODAY, public=True)
    assert m.public and all(h.head == "" for h in _households(m).values())
    assert _households(battle_map(app_ctx.db, TODAY))["3栋2单元501"].head == "张三"


def test_an_unknown_compound_is_named_in_the_message(app_ctx, community):
    with pytest.raises(InputError) as e:
        compound_by_name(app_ctx.db, "不存在小区")
    assert "不存在小区" in e.value.message and "幸福里小区" in e.value.message


def test_a_compound_named_with_a_space_or_traditional_forms_is_found(app_ctx, community):
    wanted = compound_by_name(app_ctx.db, "幸福里小区")
    assert compound_by_name(app_ctx.db, " 幸福里 小區 ") == wanted


@pytest.mark.parametrize("room, floor", [("501", 5), ("1203", 12), ("101", 1), ("0302", 3), ("B201", 2),
                                         ("5", 1), ("", 1), ("阁楼", 1)])
def test_floor_of_a_room(room, floor):
    assert floor_of(room) == floor


def test_charts_count_by_hour_and_day_and_status_over_time(app_ctx, community, clock):
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    db, cp, p = app_ctx.db, community["checkpoint"], community["people"]
    s = person_subject(app_ctx.register.person(p["张三"].id))
    record_passage(db, Passage(s, "out"), cp, datetime(2020, 2, 19, 23, 59))
    record_passage(db, Passage(s, "in", 36.5), cp, datetime(2020, 2, 20, 0, 1))
    hours = gate_by_hour(db, TODAY)
    assert hours.series["in"][0] == 1 and sum(hours.series["out"]) == 0
    traffic, fevers = gate_by_day(db, TODAY, days=3)
    assert traffic.labels == ("02-18", "02-19", "02-20")
    assert traffic.series["out"] == (0, 1, 0) and traffic.series["in"] == (0, 0, 1)
    assert fevers.series["gate"] == (0, 0, 0)
    clock.at = "2020-02-19T12:00:00"
    app_ctx.register.set_status(p["张三"].id, "home_isolation", "密接")
    status = status_over_time(db, datetime(2020, 2, 20, 9, 0), days=3)
    assert status.series["home_isolation"] == (0, 1, 1)
    visits = visits_against_due(app_ctx, TODAY, days=2)
    assert visits.series == {"due": (1, 1), "made": (0, 0)}


def test_two_households_in_one_flat_are_two_cells_not_one_over_the_other(app_ctx, community):
    """A 90-year-old registered as her own household in a flat where another family is also
    registered (一房多户): her cell was drawn under theirs and she was not on the map."""
    from desktop.overview.battle_map import layout
    from desktop.register import HouseholdForm
    c = community["compound"]
    app_ctx.register.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="501"),
                                  shared_door=True)
    [compound] = battle_map(app_ctx.db, TODAY, compound_by_name(app_ctx.db, "幸福里小区")).compounds
    placed = [cell for b in layout(compound, 40, 20, 800, gap=10, header=20, unit_gap=4).blocks for cell in b.cells]
    at_501 = [(cell.x, cell.y) for cell in placed if cell.household.address == "3栋2单元501"]
    assert len(at_501) == 2 and len(set(at_501)) == 2                  # side by side, both seen
    assert len({(cell.x, cell.y) for cell in placed}) == len(placed)    # no cell hides another



def test_the_map_names_each_household_by_the_register_rule_in_its_one_pass(app_ctx, small_community):
    """The map takes each household's name from its own grouped pass over the members (no second
    read of 6,500 households' members) by a text per member that sorts as household_name_sql's
    ORDER BY does. Where that text could go wrong: a head younger than the spouse, two heads
    (made on two machines before a sync), no head with no, an empty and a real birth date, the
    same birth date (the id decides), a removed person or membership, nobody at all."""
    from desktop.register import HouseholdForm, PersonForm
    from desktop.register.queries import household_name_sql
    r, c = app_ctx.register, small_community["compound"]
    born, made = {}, {}
    for room, members in (
            ("101", [("长子", "child", "1990-01-01"), ("年轻户主", "head", "2000-01-01")]),
            ("102", [("新户主", "head", "1970-01-01"), ("老户主", "spouse", "1950-01-01")]),
            ("103", [("早生", "tenant", "1940-01-01"), ("空生日", "tenant", ""), ("无生日", "tenant", None)]),
            ("104", [("早生乙", "tenant", "1940-01-01"), ("空生日乙", "tenant", "")]),
            ("105", [("同日甲", "tenant", "1980-05-05"), ("同日乙", "tenant", "1980-05-05")]),
            ("106", [("已删户主", "head", "1950-01-01"), ("搬走的", "spouse", "1930-01-01"),
                     ("配偶", "spouse", "1960-01-01")]),
            ("107", [])):
        h = r.add_household(HouseholdForm(compound_id=c.id, building="4", room=room))
        for name, relation, day in members:
            made[name] = r.add_person(PersonForm(full_name=name), h.id, relation).id
            born[made[name]] = day
    with app_ctx.db.transaction() as conn:
        conn.executemany("UPDATE person SET birth_date = ? WHERE id = ?", [(d, i) for i, d in born.items()])
        conn.execute("UPDATE membership SET relation = 'head' WHERE person_id = ?", (made["老户主"],))  # a sync's
        conn.execute("UPDATE person SET is_deleted = 1 WHERE id = ?", (made["已删户主"],))
        conn.execute("UPDATE membership SET is_deleted = 1 WHERE person_id = ?", (made["搬走的"],))
        ruled = dict(conn.execute(f"SELECT h.room, {household_name_sql('h.id')} FROM household h"
                                  " JOIN building b ON b.id = h.building_id WHERE b.number = '4'"))
    first_made = min(("同日甲", "同日乙"), key=made.get)
    named = {a.removeprefix("4栋"): h.head for a, h in _households(battle_map(app_ctx.db, TODAY)).items()
             if a.startswith("4栋")}
    assert named == {"101": "年轻户主", "102": "老户主", "103": "无生日", "104": "空生日乙", "105": first_made,
                     "106": "配偶", "107": ""}
    assert named == {room: name or "" for room, name in ruled.items()}          # one rule, both ways
