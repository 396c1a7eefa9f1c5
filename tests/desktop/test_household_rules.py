"""One place per rule (issue 14 point 9): the household rules say the same thing whether a clerk
types in a dialog (``Register``) or a ledger is imported (``RegisterBatch`` and the import's
checks). Each test drives both paths over the same facts."""
from datetime import date, timedelta

import pytest

from desktop.errors import InputError, InputErrors
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm, rules
from tests.excel.conftest import write_book


def _id(n: int) -> str:
    return make_resident_id("420106", date(1970, 1, 1) + timedelta(days=n * 37), n % 499, True)


def _import(app, tmp_path, rows, name="l.xlsx"):
    plan = plan_import(app, write_book(tmp_path / name, {"台账": rows}), "register", compound="幸福里小区")
    apply_import(app, plan)
    return plan


def _live_memberships(app, person_id):
    with app.db.reading() as conn:
        return conn.execute("SELECT household_id, relation FROM membership WHERE person_id = ?"
                            " AND is_deleted = 0", (person_id,)).fetchall()


def _heads_per_household(app):
    with app.db.reading() as conn:
        return conn.execute("SELECT max(n) FROM (SELECT count(*) n FROM membership WHERE relation = 'head'"
                            " AND is_deleted = 0 GROUP BY household_id)").fetchone()[0]


def test_a_second_household_behind_a_door_carries_the_same_flag_by_dialog_and_by_import(app_ctx, tmp_path):
    reg = app_ctx.register
    compound = reg.add_compound("幸福里小区")
    first = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    reg.add_person(PersonForm(full_name="张三", id_number=_id(1)), first.id, "head")
    # The dialog: asked first, then kept as another household with the flag.
    with pytest.raises(InputErrors) as asked:
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    assert isinstance(asked.value.errors[0], rules.SharedDoorQuestion)
    by_dialog = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"),
                                  shared_door=True)
    # The import: another 户主 at the same door, in a door with the same households.
    reg.add_person(PersonForm(full_name="李四", id_number=_id(2)), by_dialog.id, "head")
    _import(app_ctx, tmp_path, [["姓名", "身份证号码", "住址", "与户主关系"], ["王五", _id(3), "3-2-501", "户主"]])
    wang = next(p for p in reg.people_in(None) if p.full_name == "王五")
    by_import = reg.household(wang.household_id)
    door = "幸福里小区 3栋2单元501"
    assert by_dialog.note == rules.shared_door_flag(door, ["张三"])
    assert by_import.note == rules.shared_door_flag(door, ["张三", "李四"])
    assert len({first.id, by_dialog.id, by_import.id}) == 3


def test_one_head_per_household_by_dialog_and_by_import(app_ctx, tmp_path):
    reg = app_ctx.register
    compound = reg.add_compound("幸福里小区")
    flat = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    zhang = reg.add_person(PersonForm(full_name="张三", id_number=_id(1)), flat.id, "head")
    with pytest.raises(InputErrors) as refused:
        reg.add_person(PersonForm(full_name="李四", id_number=_id(2)), flat.id, "head")
    expected = rules.head_conflict("head", (zhang.id, "张三"), None)
    assert refused.value.by_field()["relation"] == expected.message == "这一户已有户主（张三）。请先修改原户主的关系。"
    # The import never puts a second head into a household: the rule sends 李四 to one of his own.
    _import(app_ctx, tmp_path, [["姓名", "身份证号码", "住址", "与户主关系"], ["李四", _id(2), "3-2-501", "户主"]])
    li = next(p for p in reg.people_in(None) if p.full_name == "李四")
    assert li.household_id != flat.id and li.relation == "head"
    assert _heads_per_household(app_ctx) == 1
    # And 张三 named head again by a ledger is the same head, not a new household.
    _import(app_ctx, tmp_path, [["姓名", "身份证号码", "住址", "与户主关系"], ["张三", _id(1), "3-2-501", "户主"]],
            "again.xlsx")
    assert reg.person(zhang.id).household_id == flat.id and _heads_per_household(app_ctx) == 1


def test_a_person_lives_in_one_household_by_dialog_and_by_import(app_ctx, tmp_path):
    reg = app_ctx.register
    compound = reg.add_compound("幸福里小区")
    a = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    b = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="502"))
    wang = reg.add_person(PersonForm(full_name="王租客", id_number=_id(5)), a.id, "tenant")
    reg.move_person(wang.id, b.id, "tenant")
    assert _live_memberships(app_ctx, wang.id) == [(b.id, "tenant")]
    _import(app_ctx, tmp_path, [["姓名", "身份证号码", "住址", "与户主关系"], ["王租客", _id(5), "3-2-601", "租客"]])
    moved = reg.person(wang.id)
    assert moved.address == "幸福里小区 3栋2单元601"
    assert _live_memberships(app_ctx, wang.id) == [(moved.household_id, "tenant")]


def test_a_rented_household_without_a_landlord_is_the_same_fault_by_dialog_and_by_import(app_ctx, tmp_path):
    """The dialog refuses it (the clerk is there to type the landlord); the import keeps the
    person and flags the household, saying the same thing."""
    reg = app_ctx.register
    compound = reg.add_compound("幸福里小区")
    with pytest.raises(InputErrors) as refused:
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501", tenure="rented"))
    message = rules.landlord_missing("rented", "").message
    assert refused.value.by_field()["landlord_name"] == message
    plan = _import(app_ctx, tmp_path, [["姓名", "身份证号码", "住址", "与户主关系", "住房性质"],
                                       ["王芳", _id(7), "3-2-501", "户主", "租住"]])
    assert plan.rows[0].warnings[-1].message.startswith(message.rstrip("。"))


def test_a_household_is_removed_only_when_empty(app_ctx):
    reg = app_ctx.register
    compound = reg.add_compound("幸福里小区")
    flat = reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
    person = reg.add_person(PersonForm(full_name="张三"), flat.id, "head")
    with pytest.raises(InputError) as refused:
        reg.remove_household(flat.id)
    assert refused.value.message == rules.removal_refusal(1).message
    reg.remove_person(person.id)
    reg.remove_household(flat.id)
    assert reg.households_in("compound", compound.id) == []
