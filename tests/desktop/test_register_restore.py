"""A person removed by mistake is put back (删除人员 says 可以恢复): in the household they were
taken out of, with their relation, found again by the search; never as a second person with
one ID number; never a person merged into another record; never by a gate account."""
import pytest

from desktop.accounts.roles import Actor, PermissionDenied
from desktop.errors import InputError
from desktop.records import TreeNode
from desktop.register import HouseholdForm, PersonForm
from desktop.search import search_people


@pytest.fixture
def flat(reg):
    compound = reg.add_compound("幸福里")
    return reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))


@pytest.fixture
def family(reg, flat, make_id):
    head = reg.add_person(PersonForm(full_name="张三", id_number=make_id(order=1)), flat.id, "head")
    wife = reg.add_person(PersonForm(full_name="李梅", id_number=make_id("19620501", 2)), flat.id, "spouse")
    return head, wife


def test_a_removed_person_is_listed_with_the_household_who_and_when_and_a_masked_number(reg, flat, family):
    _head, wife = family
    reg.remove_person(wife.id)
    [removed] = reg.removed_people()
    assert removed.full_name == "李梅" and removed.id == wife.id
    assert removed.address == "幸福里 3栋2单元501" and removed.relation == "spouse" and not removed.household_gone
    assert removed.removed_by == "tester" and removed.removed_at[:2] == "20" and len(removed.removed_at) == 16
    number = wife.id_number
    assert removed.id_number_masked == number[:4] + "*" * 10 + number[-4:]
    assert number not in repr(reg.removed_people())
    # Found by name, pinyin initials and ID digits; the living are not listed.
    for typed in ("李梅", "李", "lm", number[-6:]):
        assert [r.id for r in reg.removed_people(typed)] == [wife.id], typed
    assert reg.removed_people("张三") == []


def test_a_removed_person_is_found_by_the_old_address_as_the_register_search_finds_the_living(
        reg, flat, family, make_id):
    """The clerk remembers the door, not the spelling: 3栋 or 幸福里3栋2单元 finds who was taken
    out of it (the search index keeps a person's place only while they live there)."""
    head, wife = family
    other = reg.add_household(HouseholdForm(compound_id=flat.compound_id, building="4", room="101"))
    lodger = reg.add_person(PersonForm(full_name="王五", id_number=make_id(order=7)), other.id, "head")
    nowhere = reg.add_person(PersonForm(full_name="赵六", id_number=make_id(order=9)), None, "other")
    for person in (wife, lodger, nowhere):
        reg.remove_person(person.id)
    for typed in ("3栋", "幸福里3栋2单元", "幸福里3栋2单元501", "3-2-501", "3栋 李梅", "幸福里 lm", "幸福里"):
        found = [r.id for r in reg.removed_people(typed)]
        assert found == [wife.id] or (typed == "幸福里" and set(found) == {wife.id, lodger.id}), typed
    assert [r.id for r in reg.removed_people("4栋101")] == [lodger.id]
    assert reg.removed_people("5栋") == [] and reg.removed_people("3栋 王五") == []
    # Their household removed since: still found by its door, and said to be gone.
    reg.remove_person(head.id)
    reg.remove_household(flat.id)
    [found] = [r for r in reg.removed_people("3栋2单元") if r.id == wife.id]
    assert found.household_gone and found.address == "幸福里 3栋2单元501"
    assert {r.id for r in reg.removed_people("3栋2单元")} == {wife.id, head.id}


def test_the_scratch_index_for_removed_people_is_made_as_the_register_makes_its_own(db):
    from db.search_index import DIGITS_INDEX, NAME_INDEX
    with db.reading() as conn:
        made = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE 'person_%_fts'").fetchall())
    assert made["person_name_fts"].endswith(NAME_INDEX) and made["person_digits_fts"].endswith(DIGITS_INDEX)


def test_a_restored_person_is_back_in_the_household_with_the_relation_and_found_again(reg, flat, family):
    _head, wife = family
    reg.remove_person(wife.id)
    restored = reg.restore_person(wife.id)
    assert restored.person.household_id == flat.id and restored.person.relation == "spouse"
    assert "已恢复李梅" in restored.message and "幸福里 3栋2单元501" in restored.message and "配偶" in restored.message
    assert [p.full_name for p in reg.people_in(TreeNode("household", flat.id, ""))] == ["张三", "李梅"]
    assert [p.id for p in search_people(reg.db, "李梅")] == [wife.id]
    assert [p.id for p in search_people(reg.db, "lm")] == [wife.id]
    assert wife.id in [p.id for p in search_people(reg.db, "3-2-501")]
    assert [p.id for p in search_people(reg.db, wife.id_number[-8:])] == [wife.id]
    assert reg.household(flat.id).member_count == 2
    assert reg.removed_people() == []


def test_the_restore_is_in_the_audit_under_the_name_of_who_did_it(reg, flat, family):
    from desktop.audit import audit_trail
    _head, wife = family
    reg.remove_person(wife.id)
    reg.db.user_name = "小王"
    reg.restore_person(wife.id)
    changes = [(e.user_name, e.old, e.new) for e in audit_trail(reg.db, wife.id) if e.what == "person.is_deleted"]
    assert changes[-2:] == [("tester", "0", "1"), ("小王", "1", "0")]


def test_a_person_who_moved_goes_back_to_the_household_removed_from_last(reg, flat, family, make_id):
    head, _wife = family
    other = reg.add_household(HouseholdForm(compound_id=flat.compound_id, building="4", room="101"))
    reg.move_person(head.id, other.id, "head")
    reg.remove_person(head.id)
    [removed] = reg.removed_people()
    assert removed.household_id == other.id and removed.address == "幸福里 4栋101"
    assert reg.restore_person(head.id).person.household_id == other.id
    assert reg.household(flat.id).head_name == ""


def test_a_head_whose_household_has_a_new_head_comes_back_as_other_and_is_told(reg, flat, family, make_id):
    head, _wife = family
    reg.remove_person(head.id)
    reg.add_person(PersonForm(full_name="张大", id_number=make_id("19800101", 5)), flat.id, "head")
    restored = reg.restore_person(head.id)
    assert restored.person.household_id == flat.id and restored.person.relation == "other"
    assert "张三原来是户主" in restored.message and "张大" in restored.message
    assert reg.household(flat.id).head_name == "张大"


def test_a_person_whose_household_was_removed_meanwhile_comes_back_in_none_and_is_told(reg, flat, family):
    head, wife = family
    reg.remove_person(wife.id)
    reg.remove_person(head.id)
    reg.remove_household(flat.id)
    [removed] = reg.removed_people("李梅")
    assert removed.household_gone and removed.address == "幸福里 3栋2单元501"
    restored = reg.restore_person(wife.id)
    assert restored.person.household_id is None and restored.person.address == ""
    assert "已经删除" in restored.message and "幸福里 3栋2单元501" in restored.message and "迁户" in restored.message
    assert [p.id for p in search_people(reg.db, "李梅")] == [wife.id]
    assert [p.full_name for p in reg.people_in(None)] == ["李梅"]


def test_a_restore_that_would_make_a_second_person_with_the_number_is_refused_naming_the_first(
        reg, flat, family):
    _head, wife = family
    reg.remove_person(wife.id)
    again = reg.add_person(PersonForm(full_name="李梅梅", id_number=wife.id_number), flat.id, "spouse")
    with pytest.raises(InputError) as refused:
        reg.restore_person(wife.id)
    assert "不能恢复李梅" in refused.value.message and "李梅梅" in refused.value.message
    assert "幸福里 3栋2单元501" in refused.value.message and "两个同号" in refused.value.message
    assert [p.id for p in reg.people_in(None) if p.full_name.startswith("李")] == [again.id]
    assert [r.id for r in reg.removed_people()] == [wife.id]        # nothing changed


def test_a_person_merged_into_another_is_not_listed_nor_restored(reg, flat, family, make_id):
    from desktop.sync.duplicates import merge_persons
    head, _wife = family
    twin = reg.add_person(PersonForm(full_name="张三"), flat.id, "other")
    with reg.db.transaction() as conn:      # the same person typed on another machine, come by sync
        conn.execute("UPDATE person SET id_number = ? WHERE id = ?", (head.id_number, twin.id))
    merge_persons(reg.db, head.id, twin.id)
    assert reg.removed_people() == [] and reg.removed_people("张三") == []
    with pytest.raises(InputError, match="合并"):
        reg.restore_person(twin.id)


def test_a_person_still_in_the_register_is_not_restored(reg, family):
    head, _wife = family
    with pytest.raises(InputError, match="没有被删除"):
        reg.restore_person(head.id)


def test_a_gate_account_can_neither_list_nor_restore(reg, family):
    _head, wife = family
    reg.remove_person(wife.id)
    reg.db.actor = Actor("老李", "gate")
    with pytest.raises(PermissionDenied, match="老李.*卡口值守"):
        reg.removed_people()
    with pytest.raises(PermissionDenied, match="修改户籍登记"):
        reg.restore_person(wife.id)
    reg.db.actor = Actor("小王", "staff")
    assert reg.restore_person(wife.id).person.household_id is not None
