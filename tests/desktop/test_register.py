"""The household register as a clerk uses it: places, households, people, status."""
import dataclasses

import pytest

from desktop.errors import DuplicatePersonError, InputError, InputErrors, NotFoundError
from desktop.records import TreeNode
from desktop.register import HouseholdForm, PersonForm
from desktop.search import search_people

FULLWIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@pytest.fixture
def compound(reg):
    return reg.add_compound("幸福里", address="解放大道1号")


@pytest.fixture
def flat(reg, compound):
    return reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))


def person_form(name, number="", **kw):
    return PersonForm(full_name=name, id_number=number, **kw)


# -- places and households ------------------------------------------------------------------

def test_add_compound_and_list(reg):
    reg.add_compound("幸福里")
    reg.add_compound(" 王家湾组 ", kind="village_group")
    assert [(c.name, c.kind) for c in reg.compounds()] == [("幸福里", "compound"), ("王家湾组", "village_group")]


def test_compound_needs_a_name_and_a_known_kind(reg):
    with pytest.raises(InputError) as info:
        reg.add_compound("  ")
    assert info.value.field == "name"
    with pytest.raises(InputError) as info:
        reg.add_compound("幸福里", kind="castle")
    assert info.value.field == "kind"


def test_same_compound_name_twice_is_refused(reg, compound):
    with pytest.raises(InputError, match="已经存在"):
        reg.add_compound("幸福里")
    assert len(reg.compounds()) == 1


def test_a_compound_typed_again_with_a_space_or_traditional_forms_is_refused_as_the_same(reg, compound):
    for typed in ("幸福 里", "幸福里\n", "幸福裡"):
        with pytest.raises(InputError, match="已经存在|就是已有的“幸福里”"):
            reg.add_compound(typed)
    reg.add_compound("幸福里二期")                            # a different name is a different compound
    assert sorted(c.name for c in reg.compounds()) == ["幸福里", "幸福里二期"]


def test_add_household_normalises_the_place(reg, compound):
    hh = reg.add_household(HouseholdForm(compound_id=compound.id, building="３号楼", unit="二单元", room="501室"))
    assert (hh.building, hh.unit, hh.room) == ("3", "2", "501")
    assert hh.address == "幸福里 3栋2单元501"
    assert hh.member_count == 0 and hh.head_name == ""
    assert [b.number for b in reg.buildings(compound.id)] == ["3"]
    assert [u.number for u in reg.units(hh.building_id)] == ["2"]


def test_households_in_the_same_building_share_building_and_unit(reg, compound):
    a = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    b = reg.add_household(HouseholdForm(compound_id=compound.id, building="3栋", unit="2", room="502"))
    assert a.building_id == b.building_id and a.unit_id == b.unit_id
    assert len(reg.buildings(compound.id)) == 1


def test_same_room_twice_is_asked_about_however_it_is_typed(reg, compound, flat):
    with pytest.raises(InputErrors) as info:
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3号楼", unit="2单元", room="501室"))
    assert "room" in info.value.by_field()
    assert "已经登记了1户" in info.value.by_field()["room"]
    assert len(reg.households_in("compound", compound.id)) == 1


def test_a_second_household_at_a_door_is_kept_and_flagged_when_the_clerk_says_so(reg, compound, flat):
    """群租: another family behind the same door is a household of its own, flagged for review."""
    second = reg.add_household(HouseholdForm(compound_id=compound.id, building="3号楼", unit="2单元",
                                             room="501室", note="北卧"), shared_door=True)
    assert second.id != flat.id and (second.building_id, second.unit_id) == (flat.building_id, flat.unit_id)
    assert second.note.startswith("【待核实】同一门牌（幸福里 3栋2单元501）还有1户")
    assert second.note.endswith("北卧")
    assert reg.household(flat.id).note == ""
    assert len(reg.households_in("compound", compound.id)) == 2
    # Editing either household without moving it is not asked again, and the flag is not doubled.
    kept = reg.update_household(second.id, HouseholdForm(compound_id=compound.id, building="3", unit="2",
                                                         room="501", note=second.note, tenure="rented",
                                                         landlord_name="孙房东"))
    assert kept.note == second.note and kept.tenure == "rented"
    assert reg.update_household(flat.id, HouseholdForm(compound_id=compound.id, building="3", unit="2",
                                                       room="501", note="一楼")).note == "一楼"


def test_same_room_number_in_another_unit_is_allowed(reg, compound, flat):
    other = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="1", room="501"))
    assert other.id != flat.id


def test_household_needs_compound_and_room(reg):
    with pytest.raises(InputErrors) as info:
        reg.add_household(HouseholdForm(compound_id="nope", unit="2"))
    fields = info.value.by_field()
    assert {"compound_id", "room", "building"} <= set(fields)


def test_rented_household_needs_a_landlord(reg, compound):
    with pytest.raises(InputErrors) as info:
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3", room="101", tenure="rented"))
    assert "landlord_name" in info.value.by_field()
    assert "房东" in info.value.by_field()["landlord_name"]
    hh = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", room="101", tenure="rented",
                                         landlord_name="赵 房东", landlord_phone="139-0000-1111"))
    assert (hh.tenure, hh.landlord_name, hh.landlord_phone) == ("rented", "赵房东", "13900001111")


def test_bad_landlord_phone_is_named(reg, compound):
    with pytest.raises(InputErrors) as info:
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3", room="101", tenure="rented",
                                        landlord_name="赵房东", landlord_phone="1390000111"))
    assert "11位" in info.value.by_field()["landlord_phone"]


def test_update_household_to_its_own_place_is_not_a_duplicate(reg, compound, flat):
    same = reg.update_household(flat.id, HouseholdForm(compound_id=compound.id, building="3", unit="2",
                                                       room="501", note="一楼有狗"))
    assert same.note == "一楼有狗"


def test_update_household_onto_an_occupied_room_is_refused(reg, compound, flat):
    other = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="502"))
    with pytest.raises(InputErrors, match="已经登记了1户"):
        reg.update_household(other.id, HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    assert reg.household(other.id).room == "502"


def test_household_with_people_cannot_be_removed(reg, flat, make_id):
    reg.add_person(person_form("张三", make_id()), flat.id, "head")
    with pytest.raises(InputError, match="1个人"):
        reg.remove_household(flat.id)
    assert reg.household(flat.id).member_count == 1


def test_empty_household_can_be_removed(reg, compound, flat):
    reg.remove_household(flat.id)
    with pytest.raises(NotFoundError):
        reg.household(flat.id)
    assert reg.households_in("compound", compound.id) == []
    # The room is free again.
    reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))


def test_village_group_households_have_an_address_and_no_building(reg):
    village = reg.add_compound("王家湾组", kind="village_group")
    hh = reg.add_household(HouseholdForm(compound_id=village.id, address_text="王家湾12号"))
    assert hh.building_id is None and hh.unit_id is None
    assert hh.address == "王家湾组 12号"          # the group's own name in front says nothing more
    with pytest.raises(InputErrors, match="已经登记了1户"):
        reg.add_household(HouseholdForm(compound_id=village.id, address_text=" 王家湾12号 "))
    nodes = reg.tree_children(TreeNode("compound", village.id, "王家湾组"))
    assert [(n.kind, n.id) for n in nodes] == [("household", hh.id)]


# -- people ---------------------------------------------------------------------------------

def test_add_person_derives_sex_and_birth_date_from_the_id(reg, flat, make_id):
    p = reg.add_person(person_form("张三", make_id("19580307", 123), sex="F", birth_date="2000-01-01",
                                   phone="１３８ ００１３ ８０００"), flat.id, "head")
    assert (p.sex, p.birth_date) == ("M", "1958-03-07")
    assert p.phone == "13800138000"
    assert p.household_id == flat.id and p.relation == "head"
    assert p.address == "幸福里 3栋2单元501"
    assert p.status == "healthy"
    assert reg.household(flat.id).head_name == "张三"


def test_person_without_id_keeps_the_typed_birth_date(reg, flat):
    p = reg.add_person(person_form("新生儿", birth_date="2020/01/05", sex="F"), flat.id, "child")
    assert (p.id_number, p.birth_date, p.sex) == ("", "2020-01-05", "F")


@pytest.mark.parametrize("typed", [
    lambda n: n,
    lambda n: n.translate(FULLWIDTH),
    lambda n: n.lower(),
    lambda n: f"{n[:6]} {n[6:14]} {n[14:]}",
    lambda n: f"{n[:6]}-{n[6:14]}-{n[14:]}",
])
def test_second_person_with_the_same_id_is_refused_naming_the_first(reg, flat, typed):
    number = "11010519491231002X"
    first = reg.add_person(person_form("张三", number), flat.id, "head")
    with pytest.raises(DuplicatePersonError) as info:
        reg.add_person(person_form("张叁", typed(number)))
    err = info.value
    assert err.existing_id == first.id
    assert err.existing_name == "张三"
    assert "张三" in err.message
    assert "3栋2单元501" in err.message
    assert len(reg.people_in(None)) == 1


def test_existing_person_finds_by_the_normalised_number(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    assert reg.existing_person(make_id()).id == p.id
    assert reg.existing_person("110105199001011234") is None


def test_editing_a_person_onto_someone_elses_id_is_refused(reg, make_id):
    a = reg.add_person(person_form("张三", make_id(order=1)))
    b = reg.add_person(person_form("李四", make_id(order=2)))
    with pytest.raises(DuplicatePersonError) as info:
        reg.update_person(b.id, dataclasses.replace(PersonForm.from_person(b), id_number=make_id(order=1)))
    assert info.value.existing_id == a.id
    assert reg.person(b.id).id_number == make_id(order=2)


def test_people_without_id_numbers_are_not_duplicates(reg):
    reg.add_person(person_form("张三"))
    reg.add_person(person_form("张三"))
    assert len(reg.people_in(None)) == 2


def test_a_removed_persons_id_can_be_registered_again(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    reg.remove_person(p.id)
    again = reg.add_person(person_form("张三", make_id()))
    assert again.id != p.id


def test_several_wrong_fields_are_reported_at_once(reg, flat):
    form = PersonForm(full_name="  ", id_number="110105194912310021", phone="1380013800",
                      is_key_person=True, residence_kind="somewhere")
    with pytest.raises(InputErrors) as info:
        reg.add_person(form, flat.id, "head")
    fields = info.value.by_field()
    assert set(fields) == {"full_name", "id_number", "phone", "key_reason", "residence_kind"}
    assert "校验位" in fields["id_number"]
    assert "11位" in fields["phone"]
    assert "姓名" in fields["full_name"]
    assert reg.people_in(None) == []


def test_bad_birth_date_without_id_is_named(reg):
    with pytest.raises(InputErrors) as info:
        reg.add_person(person_form("新生儿", birth_date="2020年1月"))
    assert set(info.value.by_field()) == {"birth_date"}


def test_too_long_name_is_refused(reg):
    with pytest.raises(InputErrors) as info:
        reg.add_person(person_form("张" * 41))
    assert "full_name" in info.value.by_field()


def test_unknown_relation_is_refused(reg, flat, make_id):
    with pytest.raises(InputErrors) as info:
        reg.add_person(person_form("张三", make_id()), flat.id, "boss")
    assert "relation" in info.value.by_field()
    assert reg.people_in(None) == []


def test_adding_to_a_missing_household_is_refused(reg, make_id):
    with pytest.raises(NotFoundError):
        reg.add_person(person_form("张三", make_id()), "no-such-household", "head")
    assert reg.people_in(None) == []


def test_one_head_per_household(reg, flat, make_id):
    reg.add_person(person_form("张三", make_id(order=1)), flat.id, "head")
    with pytest.raises(InputErrors) as info:
        reg.add_person(person_form("李梅", make_id(order=2)), flat.id, "head")
    assert "张三" in info.value.by_field()["relation"]
    spouse = reg.add_person(person_form("李梅", make_id(order=2)), flat.id, "spouse")
    # Promoting the spouse to head is refused too while the head is there.
    with pytest.raises(InputErrors):
        reg.update_person(spouse.id, PersonForm.from_person(spouse), relation="head")
    assert reg.person(spouse.id).relation == "spouse"


def test_the_head_may_be_edited_and_stay_head(reg, flat, make_id):
    head = reg.add_person(person_form("张三", make_id()), flat.id, "head")
    again = reg.update_person(head.id, dataclasses.replace(PersonForm.from_person(head), phone="13800138000"),
                              relation="head")
    assert again.relation == "head" and again.phone == "13800138000"


def test_a_removed_head_frees_the_place(reg, flat, make_id):
    head = reg.add_person(person_form("张三", make_id(order=1)), flat.id, "head")
    reg.remove_person(head.id)
    new_head = reg.add_person(person_form("李梅", make_id(order=2)), flat.id, "head")
    assert reg.household(flat.id).head_name == "李梅"
    assert new_head.relation == "head"


def test_update_person_changes_the_relation(reg, flat, make_id):
    p = reg.add_person(person_form("张小明", make_id()), flat.id, "other")
    p = reg.update_person(p.id, PersonForm.from_person(p), relation="child")
    assert p.relation == "child"


def test_move_person_to_another_household(reg, compound, flat, make_id):
    other = reg.add_household(HouseholdForm(compound_id=compound.id, building="4", room="101"))
    p = reg.add_person(person_form("王租客", make_id()), flat.id, "tenant")
    moved = reg.move_person(p.id, other.id, "head")
    assert moved.household_id == other.id and moved.relation == "head"
    assert moved.address == "幸福里 4栋101"
    assert reg.people_in(TreeNode("household", flat.id, "")) == []
    assert [x.id for x in reg.people_in(TreeNode("household", other.id, ""))] == [p.id]
    assert reg.household(flat.id).member_count == 0
    assert reg.household(other.id).head_name == "王租客"
    # Moving back re-uses the old link instead of making a second one.
    back = reg.move_person(p.id, flat.id, "tenant")
    assert back.household_id == flat.id
    assert len(reg.people_in(None)) == 1


def test_move_person_into_a_household_that_has_a_head_as_head_is_refused(reg, compound, flat, make_id):
    reg.add_person(person_form("张三", make_id(order=1)), flat.id, "head")
    other = reg.add_household(HouseholdForm(compound_id=compound.id, building="4", room="101"))
    p = reg.add_person(person_form("王五", make_id(order=2)), other.id, "head")
    with pytest.raises(InputErrors):
        reg.move_person(p.id, flat.id, "head")
    assert reg.person(p.id).household_id == other.id


def test_remove_person_hides_them_everywhere(reg, flat, make_id):
    p = reg.add_person(person_form("张三", make_id(), phone="13800138000"), flat.id, "head")
    keep = reg.add_person(person_form("张三丰", make_id(order=2)), flat.id, "spouse")
    reg.remove_person(p.id)
    assert [x.id for x in reg.people_in(None)] == [keep.id]
    assert [x.id for x in reg.people_in(TreeNode("household", flat.id, ""))] == [keep.id]
    assert [x.id for x in search_people(reg.db, "张三")] == [keep.id]
    assert search_people(reg.db, "8000") == []
    with pytest.raises(NotFoundError):
        reg.person(p.id)
    assert reg.household(flat.id).member_count == 1
    assert reg.totals()["people"] == 1
    assert reg.count_people_in(None) == 1


def test_missing_person_is_not_found(reg):
    with pytest.raises(NotFoundError, match="没有找到"):
        reg.person("nobody")
    with pytest.raises(NotFoundError):
        reg.remove_person("nobody")


# -- status ---------------------------------------------------------------------------------

def test_set_status_requires_a_reason(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    for blank in ("", "   ", "\u200b"):
        with pytest.raises(InputError) as info:
            reg.set_status(p.id, "home_isolation", blank)
        assert info.value.field == "reason"
    assert reg.person(p.id).status == "healthy"
    assert reg.status_history(p.id) == []


def test_set_status_to_an_unknown_status_is_refused(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    with pytest.raises(InputError) as info:
        reg.set_status(p.id, "purple", "原因")
    assert info.value.field == "status"


def test_set_status_to_the_same_status_is_refused(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    with pytest.raises(InputError, match="已经是"):
        reg.set_status(p.id, "healthy", "没事")


def test_set_status_records_who_when_and_why(reg, db, make_id, monkeypatch):
    import desktop.register.usecases
    p = reg.add_person(person_form("张三", make_id()))
    monkeypatch.setattr("desktop.register.rows.now_text", lambda: "2020-02-10T09:30:00")
    after = reg.set_status(p.id, "home_isolation", " 密接，社区通知居家隔离 ")
    assert after.status == "home_isolation"
    assert after.status_reason == "密接，社区通知居家隔离"
    db.user_name = "李网格员"
    reg.set_status(p.id, "healthy", "隔离期满")
    history = reg.status_history(p.id)
    assert [(h.old_status, h.new_status, h.reason, h.changed_by) for h in history] == [
        ("healthy", "home_isolation", "密接，社区通知居家隔离", "tester"),
        ("home_isolation", "healthy", "隔离期满", "李网格员"),
    ]
    assert [h.changed_at for h in history] == ["2020-02-10T09:30:00"] * 2
    assert reg.status_counts() == {"healthy": 1, "home_isolation": 0, "observation": 0, "away": 0}


def test_status_counts(reg, make_id):
    a = reg.add_person(person_form("张三", make_id(order=1)))
    reg.add_person(person_form("李四", make_id(order=2)))
    reg.set_status(a.id, "observation", "发热")
    assert reg.status_counts() == {"healthy": 1, "home_isolation": 0, "observation": 1, "away": 0}


# -- tree and ledger order ------------------------------------------------------------------

def test_tree_compound_building_unit_household(reg, make_id):
    c = reg.add_compound("幸福里")
    v = reg.add_compound("王家湾组", kind="village_group")
    h501 = reg.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="501"))
    h1201 = reg.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="1201"))
    h101 = reg.add_household(HouseholdForm(compound_id=c.id, building="3", unit="10", room="101"))
    h4 = reg.add_household(HouseholdForm(compound_id=c.id, building="12", room="201"))  # no units
    reg.add_household(HouseholdForm(compound_id=v.id, address_text="12号"))
    reg.add_person(person_form("张三", make_id()), h501.id, "head")

    top = reg.tree_children(None)
    assert [(n.kind, n.label, n.extra["households"]) for n in top] == [
        ("compound", "幸福里", 4), ("compound", "王家湾组", 1)]
    buildings = reg.tree_children(top[0])
    assert [(n.kind, n.label) for n in buildings] == [("building", "3栋"), ("building", "12栋")]
    units = reg.tree_children(buildings[0])
    assert [(n.kind, n.label) for n in units] == [("unit", "2单元"), ("unit", "10单元")]
    households = reg.tree_children(units[0])
    assert [(n.kind, n.id) for n in households] == [("household", h501.id), ("household", h1201.id)]
    assert households[0].label == "501 张三"
    assert households[0].has_children is False
    assert [n.id for n in reg.tree_children(units[1])] == [h101.id]
    assert [n.id for n in reg.tree_children(buildings[1])] == [h4.id]
    assert reg.tree_children(households[0]) == []


def test_people_in_follows_the_paper_ledger(reg, compound, make_id):
    h502 = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="502"))
    h501 = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    h1101 = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="1101"))
    # Added out of order: child before head, later rooms first.
    reg.add_person(person_form("王一", make_id("19800101", 1)), h1101.id, "head")
    reg.add_person(person_form("张小明", make_id("19880909", 3)), h501.id, "child")
    reg.add_person(person_form("李梅", make_id("19600501", 2)), h501.id, "spouse")
    reg.add_person(person_form("张三", make_id("19580307", 5)), h501.id, "head")
    reg.add_person(person_form("赵五", make_id("19700101", 7)), h502.id, "head")

    names = [p.full_name for p in reg.people_in(TreeNode("compound", compound.id, ""))]
    assert names == ["张三", "李梅", "张小明", "赵五", "王一"]
    household = [p.full_name for p in reg.people_in(TreeNode("household", h501.id, ""))]
    assert household == ["张三", "李梅", "张小明"]
    assert reg.count_people_in(TreeNode("household", h501.id, "")) == 3
    assert [p.full_name for p in reg.people_in(None, limit=2, offset=1)] == ["李梅", "张小明"]


def test_totals(reg, flat, make_id):
    reg.add_person(person_form("张三", make_id(order=1)), flat.id, "head")
    reg.add_person(PersonForm(full_name="李四", id_number=make_id(order=2), is_key_person=True,
                              key_reason="近14天从武汉返回"), flat.id, "spouse")
    assert reg.totals() == {"households": 1, "people": 2, "key_persons": 1}


def test_travel_history(reg, make_id):
    p = reg.add_person(person_form("张三", make_id()))
    reg.add_travel(p.id, "武汉", "2020-01-20", "火车")
    reg.add_travel(p.id, "孝感", "2020/01/22")
    assert [(t.from_place, t.arrived_on) for t in reg.travel_history(p.id)] == [
        ("孝感", "2020-01-22"), ("武汉", "2020-01-20")]
    with pytest.raises(InputError, match="未来"):
        reg.add_travel(p.id, "黄冈", "2999-01-01")
    with pytest.raises(InputError) as info:
        reg.add_travel(p.id, "  ", "2020-01-01")
    assert info.value.field == "from_place"


@pytest.mark.parametrize("typed, said", [("2099-03-08", "在今天之后"), ("1800-05-01", "早于1900年")])
def test_a_birth_date_nobody_can_have_is_refused_at_its_field(reg, flat, typed, said):
    """Typed in the dialog without an ID number: the clerk is told at the birth date, the
    same bounds as an ID number's; nobody is added."""
    with pytest.raises(InputErrors) as e:
        reg.add_person(person_form("新生儿", birth_date=typed), flat.id, "child")
    assert said in e.value.by_field()["birth_date"]
    assert [p.full_name for p in reg.people_in(None)] == []


def test_a_slash_or_a_word_for_nobody_typed_as_a_name_is_no_name(app_ctx):
    """The person form took / or 无 as a name (a ledger's habit, typed by hand too): the
    person was called "/". Refused as a blank name is, saying what was typed."""
    from desktop.errors import InputErrors
    from desktop.register.forms import validate_person
    for typed in ("/", "无", "暂无", "—"):
        with pytest.raises(InputErrors) as refused:
            validate_person(typed, "resident_id", "", "", "", "", "", "", False, "", "", "")
        assert [e.message for e in refused.value.errors if e.field == "full_name"] == \
            [f"姓名写的是“{typed}”，不是姓名，请填写姓名。"]
