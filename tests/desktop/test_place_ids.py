"""Places have one identity wherever they are entered (issue 14 point 3): the compound, building
and unit ids follow from their normalised names, so two databases that each enter "幸福里 3栋"
make the same rows, whether by the dialogs, a ledger import or the demo."""
from datetime import date

from db.connection import Database
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from desktop.register import HouseholdForm, PersonForm, Register, places
from tests.excel.conftest import write_book


def _open(tmp_path, name):
    return Database(tmp_path / f"{name}.db", config_file=tmp_path / f"{name}.json", user_name="tester")


def _places(db):
    with db.reading() as conn:
        return {t: sorted(conn.execute(f"SELECT id FROM {t} WHERE is_deleted = 0").fetchall())
                for t in ("compound", "building", "unit")}


def test_the_same_place_typed_on_two_databases_gets_the_same_ids(tmp_path):
    office, gate = _open(tmp_path, "office"), _open(tmp_path, "gate")
    try:
        made = []
        for db, typed in ((office, ("幸福里", "3", "2", "501")), (gate, (" 幸福里 ", "3号楼", "2单元", "502室"))):
            reg = Register(db)
            compound = reg.add_compound(typed[0])
            made.append(reg.add_household(HouseholdForm(compound_id=compound.id, building=typed[1],
                                                        unit=typed[2], room=typed[3])))
        a, b = made
        assert (a.compound_id, a.building_id, a.unit_id) == (b.compound_id, b.building_id, b.unit_id)
        assert a.id != b.id                                   # households stay random
        assert _places(office) == _places(gate)
        assert a.building_id == places.building_id(a.compound_id, "3")
    finally:
        office.close()
        gate.close()


def test_a_compound_typed_in_traditional_forms_on_another_machine_is_the_same_compound(tmp_path):
    office, gate = _open(tmp_path, "office"), _open(tmp_path, "gate")
    try:
        a = Register(office).add_compound("幸福里小区")
        b = Register(gate).add_compound("幸福里小區")
        assert a.id == b.id
        assert b.name == "幸福里小區"                         # the name is kept as typed
    finally:
        office.close()
        gate.close()


def test_a_ledger_import_makes_the_ids_a_clerk_would(tmp_path):
    from desktop.app import open_app
    path = write_book(tmp_path / "l.xlsx", {"台账": [
        ["姓名", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"],
        ["王芳", make_resident_id("420106", date(1960, 1, 1), 1, False), "3", "2", "501", "户主"]]})
    typed, imported = _open(tmp_path, "typed"), open_app(tmp_path / "imported.db")
    try:
        reg = Register(typed)
        compound = reg.add_compound("幸福里小区")
        reg.add_household(HouseholdForm(compound_id=compound.id, building="3", unit="2", room="501"))
        apply_import(imported, plan_import(imported, path, "register", compound="幸福里小区"))
        assert _places(imported.db) == _places(typed)
    finally:
        typed.close()
        imported.close()


def test_the_demo_places_have_natural_ids(tmp_path):
    from desktop.demo import make_demo
    one, two = _open(tmp_path, "one"), _open(tmp_path, "two")
    try:
        for db in (one, two):
            make_demo(db, 60, seed=3, today=date(2020, 2, 10))
        assert _places(one) == _places(two)
        reg = Register(one)
        first = reg.compounds()[0]
        building = reg.buildings(first.id)[0]
        assert building.id == places.building_id(first.id, building.number)
    finally:
        one.close()
        two.close()


def test_a_removed_place_comes_back_under_its_id_and_a_renamed_one_keeps_its_own(tmp_path):
    db = _open(tmp_path, "r")
    try:
        reg = Register(db)
        first = reg.add_compound("幸福里")
        with db.transaction() as conn:                       # the compound renamed after it was made
            conn.execute("UPDATE compound SET name = '幸福里小区' WHERE id = ?", (first.id,))
        again = reg.add_compound("幸福里")                   # a new compound under the old name
        assert again.id != first.id
        hh = reg.add_household(HouseholdForm(compound_id=first.id, building="5", room="101"))
        with db.transaction() as conn:
            conn.execute("UPDATE building SET is_deleted = 1 WHERE id = ?", (hh.building_id,))
        back = reg.add_household(HouseholdForm(compound_id=first.id, building="5", room="102"))
        assert back.building_id == hh.building_id == places.building_id(first.id, "5")
        person = reg.add_person(PersonForm(full_name="王芳"), back.id, "head")
        assert person.address.startswith("幸福里小区 5栋")
    finally:
        db.close()
