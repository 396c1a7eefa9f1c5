"""Search the way a busy clerk types: names, pinyin initials, digits, addresses."""
import os
import subprocess
import sys
import threading
import time

import pytest

from db import search_index
from db.connection import Database, lock_file
from db.sync import merge
from desktop.register import HouseholdForm, PersonForm, Register
from desktop.search import search_people
from tests.db.other_process import ROOT

# name, compound, building, unit, room, relation, birth date, order, phone
PEOPLE = [
    ("张三", "幸福里", "3", "2", "501", "head", "19580307", 101, "13800138001"),
    ("李四", "幸福里", "3", "2", "501", "spouse", "19600501", 102, "13800138002"),
    ("张三丰", "幸福里", "3", "1", "101", "head", "19400101", 103, "13912345678"),
    ("曾小明", "幸福里", "3", "2", "502", "head", "19880909", 105, "13700137003"),
    ("王小明", "幸福里", "4", "1", "201", "head", "19900101", 107, "13600136004"),
    ("王芳", "幸福里", "4", "1", "201", "spouse", "19910202", 108, "027-8888 6666"),
    ("刘洋", "春风苑", "3", "2", "501", "head", "19750505", 109, "13500135005"),
    ("陈静", "春风苑", "3", "2", "501", "spouse", "19760606", 110, "13500135006"),
    ("杨伟", "春风苑", "1", "1", "101", "head", "19800808", 111, "15800158007"),
    ("孙丽", "春风苑", "1", "1", "102", "head", "19820101", 112, "15800158008"),
    ("周杰", "春风苑", "2", "3", "301", "head", "19850707", 113, "18600186009"),
    ("欧阳娜娜", "春风苑", "2", "3", "302", "head", "20000101", 114, "18600186010"),
]
REGION = "420102"


@pytest.fixture
def community(reg, make_id):
    compounds = {name: reg.add_compound(name) for name in ("幸福里", "春风苑")}
    households = {}
    people = {}
    for name, cname, b, u, room, rel, born, order, phone in PEOPLE:
        key = (cname, b, u, room)
        if key not in households:
            households[key] = reg.add_household(
                HouseholdForm(compound_id=compounds[cname].id, building=b, unit=u, room=room))
        people[name] = reg.add_person(
            PersonForm(full_name=name, id_number=make_id(born, order, REGION), phone=phone),
            households[key].id, rel)
    return people


def names(db, text, limit=100):
    return [p.full_name for p in search_people(db, text, limit=limit)]


def found(db, text):
    return set(names(db, text))


# -- pinyin ---------------------------------------------------------------------------------

def test_initials_find_names(db, community):
    assert found(db, "zs") == {"张三", "张三丰"}
    assert "李四" not in found(db, "zs")
    assert found(db, "ls") == {"李四"}                     # 孙丽 is sl


def test_a_name_with_a_character_pypinyin_lacks_is_found_by_its_initials(db, reg, community):
    """𠮷 (U+20BB7, the 吉 of the 𠮷 family) has no reading in pypinyin: 𠮷大爷 was "dy"."""
    flat = reg.add_household(HouseholdForm(compound_id=reg.compounds()[0].id, building="9", room="101"))
    reg.add_person(PersonForm(full_name="𠮷大爷"), flat.id, "head")
    assert "𠮷大爷" in found(db, "jdy") and "𠮷大爷" in found(db, "jida")


def test_initials_are_case_insensitive(db, community):
    assert found(db, "ZS") == {"张三", "张三丰"}


@pytest.mark.parametrize("typed", ["zxm", "cxm"])
def test_both_readings_of_a_surname_find_the_person(db, community, typed):
    assert found(db, typed) == {"曾小明"}


def test_full_pinyin_prefix(db, community):
    assert found(db, "zhang") == {"张三", "张三丰"}
    assert found(db, "zhangsanf") == {"张三丰"}
    assert found(db, "wangxiao") == {"王小明"}
    assert found(db, "ouyang") == {"欧阳娜娜"}


def test_full_pinyin_of_the_surname_reading_zeng(db, community):
    assert found(db, "zeng") == {"曾小明"}


def test_pinyin_that_matches_nobody(db, community):
    assert names(db, "qqq") == []


# -- characters -----------------------------------------------------------------------------

def test_two_character_name(db, community):
    assert found(db, "张三") == {"张三", "张三丰"}
    assert found(db, "小明") == {"曾小明", "王小明"}
    assert found(db, "李四") == {"李四"}


def test_one_character(db, community):
    assert found(db, "明") == {"曾小明", "王小明"}
    assert found(db, "王") == {"王小明", "王芳"}
    assert found(db, "娜") == {"欧阳娜娜"}


def test_characters_must_be_adjacent(db, community):
    assert names(db, "张丰") == []          # 张三丰 has 张 and 丰, but not side by side


def test_name_typed_with_spaces_inside_a_word_is_split_into_words(db, community):
    # '张 三' is two words: both 张 and 三 must match.
    assert found(db, "张 三") == {"张三", "张三丰"}


def test_exact_name_sorts_first(db, community):
    assert names(db, "张三")[0] == "张三"
    assert names(db, "张三丰") == ["张三丰"]


def test_full_width_and_invisible_characters_in_the_query(db, community):
    assert found(db, "\u200b张三\u3000") == {"张三", "张三丰"}
    assert found(db, "ｚｓ") == {"张三", "张三丰"}


# -- digits ---------------------------------------------------------------------------------

def test_fragment_of_an_id_number(db, community):
    number = community["曾小明"].id_number
    assert found(db, number[10:16]) == {"曾小明"}           # month, day and order
    assert found(db, number) == {"曾小明"}
    assert found(db, number[-4:]) == {"曾小明"}


def test_fragment_of_an_id_number_ending_in_x_typed_lower_case(db, reg, community, make_id):
    x_number = next(make_id("19950101", n, REGION) for n in range(200, 400)
                    if make_id("19950101", n, REGION).endswith("X"))
    reg.add_person(PersonForm(full_name="赵敏", id_number=x_number))
    assert found(db, x_number[-5:].lower()) == {"赵敏"}


def test_fragment_of_a_phone(db, community):
    assert found(db, "2345678") == {"张三丰"}
    assert found(db, "1234") == {"张三丰"}
    assert found(db, "0186") == {"周杰", "欧阳娜娜"}
    assert found(db, "１２３４") == {"张三丰"}


def test_fragment_of_a_landline(db, community):
    assert community["王芳"].phone == "027-88886666"
    assert found(db, "88886666") == {"王芳"}


def test_landline_typed_as_shown(db, community):
    assert found(db, "027-88886666") == {"王芳"}


def test_mobile_typed_with_dashes(db, community):
    assert found(db, "139-1234-5678") == {"张三丰"}


def test_one_or_two_digits_are_no_id_or_phone_digits(db, community):
    """'12' is in most ID numbers and phones: it finds no door here (the flats are 3-2-501 …),
    and a flat is found by its door, typed with figures or in Chinese."""
    assert names(db, "12") == [] and names(db, "01") == [] and names(db, "1x") == []
    assert found(db, "1x 张三") == {"张三", "张三丰"}                # a word too short is left out
    assert found(db, "三栋二单元501") == found(db, "3-2-501") == {"张三", "李四", "刘洋", "陈静"}


def test_birth_year_fragment_finds_everyone_born_that_year(db, community):
    assert found(db, "1958") == {"张三"}


# -- addresses ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["3-2-501", "3栋2单元501", "3栋2单元501室", "3号楼2单元501"])
def test_address_in_both_compounds(db, community, typed):
    assert found(db, typed) == {"张三", "李四", "刘洋", "陈静"}


@pytest.mark.parametrize("typed", ["幸福里3-2-501", "幸福里3栋2单元501室"])
def test_address_with_compound_name(db, community, typed):
    assert found(db, typed) == {"张三", "李四"}


def test_compound_and_building_unit(db, community):
    assert found(db, "幸福里3-2") == {"张三", "李四", "曾小明"}
    assert found(db, "春风苑3-2") == {"刘洋", "陈静"}


def test_building_and_room(db, community):
    assert found(db, "4-201") == {"王小明", "王芳"}


def test_address_of_nobody(db, community):
    assert names(db, "9-9-909") == []


# -- combining, deleted, empty --------------------------------------------------------------

def test_words_are_anded(db, community):
    assert found(db, "张三 3-2") == {"张三"}
    assert found(db, "张 幸福里3-1") == {"张三丰"}
    assert found(db, "wxm 4-201") == {"王小明"}
    assert found(db, "zs 8001") == {"张三"}
    assert names(db, "李四 春风苑3-2") == []


def test_deleted_people_are_not_found(db, reg, community):
    reg.remove_person(community["张三"].id)
    assert found(db, "张三") == {"张三丰"}
    assert found(db, "zs") == {"张三丰"}
    assert names(db, "138001380") == ["李四"]
    assert found(db, "幸福里3-2-501") == {"李四"}


def test_renamed_person_is_found_by_the_new_name_only(db, reg, community):
    import dataclasses
    p = community["李四"]
    reg.update_person(p.id, dataclasses.replace(PersonForm.from_person(p), full_name="李思思"))
    assert names(db, "李四") == []
    assert found(db, "lss") == {"李思思"}
    assert found(db, "思思") == {"李思思"}


def test_the_person_indexed_last_renamed_is_found_by_the_new_name_only(db, reg, community):
    """The index looks for entries to replace only up to the last one it holds (an import's new
    people come after it): the last one itself is replaced."""
    import dataclasses
    p = reg.add_person(PersonForm(full_name="司马新来"))
    reg.update_person(p.id, dataclasses.replace(PersonForm.from_person(p), full_name="司马改名"))
    assert names(db, "司马新来") == [] and names(db, "司马改名") == ["司马改名"]


def test_changed_phone_is_found_by_the_new_number_only(db, reg, community):
    import dataclasses
    p = community["杨伟"]
    reg.update_person(p.id, dataclasses.replace(PersonForm.from_person(p), phone="13312349876"))
    assert names(db, "0158007") == []
    assert found(db, "49876") == {"杨伟"}


@pytest.mark.parametrize("empty", ["", "   ", "\u200b", "\u3000"])
def test_empty_text_finds_nobody(db, community, empty):
    assert search_people(db, empty) == []


def test_search_characters_fts_cannot_misread(db, community):
    for odd in ['"', "*", "张\"三", "(", "NEAR", "AND"]:
        search_people(db, odd)                    # no FTS5 syntax error
    assert found(db, '张"三') == {"张三", "张三丰"}


def test_limit(db, community):
    assert len(search_people(db, "幸福里3-2", limit=2)) == 2


def test_results_carry_the_address(db, community):
    hit = search_people(db, "曾小明")[0]
    assert hit.address == "幸福里 3栋2单元502"
    assert hit.relation == "head"



def test_a_bare_three_digit_number_finds_the_room_and_the_house_first_then_ids_and_phones(db, reg, make_id, community):
    """'501' searched only ID and phone digits: a clerk in a compound typing it for room 501
    saw whoever's phone held 501, and with more answers than shown maybe no one of room 501.
    The doors (room 501, a village's 501号) come first, then the digits, even with a limit."""
    flat = reg.add_household(HouseholdForm(compound_id=reg.compounds()[0].id, building="9", room="101"))
    reg.add_person(PersonForm(full_name="马六", phone="13950100000"), flat.id, "head")
    group = reg.add_compound("王家湾组", kind="village_group")
    house = reg.add_household(HouseholdForm(compound_id=group.id, address_text="105号"))
    reg.add_person(PersonForm(full_name="何老伯"), house.id, "head")
    room = {"张三", "李四", "刘洋", "陈静"}
    assert set(names(db, "501")[:4]) == room and found(db, "501") == room | {"马六"}
    assert set(names(db, "501", limit=2)) < room                 # the LIMIT keeps the doors
    assert names(db, "105") == ["何老伯", "曾小明"]                  # house 105号, then the ID's 105
    assert found(db, "501 马") == {"马六"} and found(db, "幸福里 501") == {"张三", "李四", "马六"}

# -- a compound's name with another word ----------------------------------------------------
def test_compound_name_and_a_surname_finds_only_that_compound(db, community):
    assert found(db, "春风苑 周") == {"周杰"}
    assert found(db, "幸福里 王") == {"王小明", "王芳"}
    assert found(db, "春风 3-2") == {"刘洋", "陈静"}


def test_a_compound_name_alone_lists_its_people(db, community):
    assert found(db, "春风苑") == {"刘洋", "陈静", "杨伟", "孙丽", "周杰", "欧阳娜娜"}


def test_with_more_answers_than_shown_the_exact_name_comes_first(db, reg, make_id, community):
    reg.add_person(PersonForm(full_name="周", id_number=make_id("19990101", 301, REGION)))
    assert names(db, "周", limit=1) == ["周"]                     # not 周杰, registered earlier
    assert len(names(db, "幸福里", limit=3)) == 3


# -- the place index follows every change of where people live -------------------------------
def test_a_move_a_new_room_and_a_renamed_compound_are_found_at_once(db, reg, community):
    from desktop.register import HouseholdForm
    liu = community["刘洋"]
    assert "刘洋" in found(db, "春风苑 3-2-501")
    target = reg.add_household(HouseholdForm(compound_id=reg.compounds()[0].id, building="9", unit="1", room="101"))
    reg.move_person(liu.id, target.id, "head")
    assert "刘洋" in found(db, "9-1-101") and "刘洋" not in found(db, "春风苑 3-2-501")
    household = reg.household(target.id)
    reg.update_household(target.id, HouseholdForm(compound_id=household.compound_id, building="9", unit="1",
                                                  room="102"))
    assert found(db, "9-1-102") == {"刘洋"} and not found(db, "9-1-101")
    assert found(db, "幸福里 刘") == {"刘洋"}


def test_a_renamed_compound_and_links_arriving_before_their_household_are_found(db, reg, community):
    with db.transaction() as conn:
        conn.execute("UPDATE compound SET name = '春风花园' WHERE name = '春风苑'")
    assert "周杰" in found(db, "春风花园 周") and not found(db, "春风苑 周")
    # Sync may bring a person and their link before the household they link to.
    from db.sync.ids import uuid7
    person, household = reg.add_person(PersonForm(full_name="后到", id_number="")), uuid7()
    with db.transaction() as conn:
        conn.execute("INSERT INTO membership (id, household_id, person_id, relation) VALUES (?, ?, ?, 'head')",
                     (uuid7(), household, person.id))
        assert not found(db, "7-7-707")
        building = conn.execute("SELECT building_id FROM household LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO unit (id, building_id, number) VALUES (?, ?, '7')", (unit := uuid7(), building))
        conn.execute("UPDATE building SET number = '7' WHERE id = ?", (building,))
        conn.execute("INSERT INTO household (id, compound_id, building_id, unit_id, room)"
                     " SELECT ?, compound_id, ?, ?, '707' FROM building WHERE id = ?",
                     (household, building, unit, building))
    assert "后到" in found(db, "7-7-707")


def test_one_transaction_that_adds_moves_and_renames_indexes_each_person_once(db, reg, community):
    """Inside a transaction the search entries wait for COMMIT; after it they are all right,
    each person has exactly one entry, and a rollback leaves the old ones."""
    zhou, yang = community["周杰"], community["杨伟"]
    with db.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '周杰伦', phone = '13111112222' WHERE id = ?", (zhou.id,))
        conn.execute("UPDATE building SET number = '8' WHERE id = (SELECT building_id FROM household h"
                     " JOIN membership m ON m.household_id = h.id WHERE m.person_id = ?)", (yang.id,))
        assert conn.execute("SELECT count(*) FROM search_dirty").fetchone()[0] >= 2
    assert found(db, "周杰伦") == {"周杰伦"} and found(db, "1111222") == {"周杰伦"}
    assert "杨伟" in found(db, "春风苑 8-1-101")
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM search_dirty").fetchone() == (0,)
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM person_name_fts").fetchone() == (people,)
        assert conn.execute("SELECT count(*) FROM person_digits_fts").fetchone() == (people,)
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("UPDATE person SET full_name = '半途' WHERE id = ?", (yang.id,))
        raise RuntimeError("power cut")
    assert found(db, "杨伟") == {"杨伟"} and not found(db, "半途")


def test_a_write_outside_a_transaction_is_indexed_at_once(db, community):
    db.conn.execute("UPDATE person SET full_name = '孙俪' WHERE id = ?", (community["孙丽"].id,))
    assert found(db, "孙俪") == {"孙俪"} and not found(db, "孙丽")
    assert db.conn.execute("SELECT count(*) FROM search_dirty").fetchone() == (0,)


def _reopened(db):
    db.close()
    return Database(db.path, config_file=db.path.with_name("site.json"), user_name="tester")


def test_people_an_import_committed_before_a_crash_are_found_at_the_next_open(db, reg):
    """An import commits its people, then writes their search entries in a transaction of its
    own (search_index.after_commit); a crash between the two left them not found by the search
    until some later write, which may be days at a gate laptop. The open writes them."""
    with search_index.after_commit(db.conn):
        reg.add_person(PersonForm(full_name="李四"))
    assert not found(db, "李四")              # the crash: the entries' own transaction never ran
    again = _reopened(db)
    try:
        assert found(again, "李四") == {"李四"}
    finally:
        again.close()


# Another Menshen process's write (a command-line import): Menshen's write lock and SQLite's.
_IMPORTING = """import sqlite3, sys
from db.filelock import FileLock
lock = FileLock(sys.argv[2])
assert lock.acquire(0)
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("writing", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def test_an_open_while_another_process_writes_neither_waits_for_it_nor_fails(db, reg, monkeypatch):
    """The entries a crash left are written at the open only if the write lock is free: another
    process (an import) that took it as the window opened kept the window waiting until the end
    of its import. The window opens at once, and its first write indexes them."""
    with search_index.after_commit(db.conn):
        reg.add_person(PersonForm(full_name="李四"))
    other, began = [], []
    ends = threading.Timer(5, lambda: other[0].stdin.close())     # the import's end, if the open waits

    def an_import_begins(database):     # just after the open's upgrade step, which waits its turn
        other.append(subprocess.Popen([sys.executable, "-c", _IMPORTING, str(database.path),
                                       str(lock_file(database.path, "writer"))], cwd=ROOT,
                                      env={**os.environ, "PYTHONPATH": str(ROOT)},
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        assert other[0].stdout.readline() == "writing\n"
        began.append(time.monotonic())
        ends.start()
        return 0
    monkeypatch.setattr(merge, "apply_kept", an_import_begins)
    try:
        again = _reopened(db)
        waited = time.monotonic() - began[0]
    finally:
        ends.cancel()
        other[0].stdin.close()                  # the import's end (a second close does nothing)
        other[0].stdout.close()
        other[0].wait(30)
    try:
        assert waited < 2, f"the open waited {waited:.1f} s for the other process's import"
        assert not again.read_only
        Register(again).add_person(PersonForm(full_name="王五"))    # its first write, the import done
        assert found(again, "李四") == {"李四"} and found(again, "王五") == {"王五"}
    finally:
        again.close()


# -- a village: groups and house numbers (门牌), as a clerk types them ------------------------
@pytest.fixture
def village(reg, make_id):
    """Two village groups: 王家湾村民小组 (houses 2号, 12号, 17号, and 5号 stored as 王家湾5号,
    typed before village doors were kept as a number) and 李家墩组 (its own 2号, stored by an
    older version as a room number '2')."""
    wang = reg.add_compound("王家湾村民小组", kind="village_group")
    li = reg.add_compound("李家墩组", kind="village_group")
    houses = {door: reg.add_household(HouseholdForm(compound_id=group.id, address_text=door))
              for group, door in ((wang, "王家湾2号"), (wang, "12号"), (wang, "17"), (wang, "5号"), (li, "2号"))}
    people = {}
    for order, (name, door) in enumerate((("王大爷", "王家湾2号"), ("张桂英", "王家湾2号"), ("张建国", "12号"),
                                          ("李红", "17"), ("赵老汉", "5号"), ("李二", "2号")), start=301):
        people[name] = reg.add_person(PersonForm(full_name=name, id_number=make_id("19500101", order, REGION),
                                                 phone=f"1390000{order:04d}"), houses[door].id,
                                      "spouse" if name == "张桂英" else "head")
    with reg.db.transaction() as conn:
        conn.execute("UPDATE household SET address_text = '王家湾5号' WHERE id = ?", (houses["5号"].id,))
        # and 李家墩's 2号 as its 门牌号 (room), no building, no unit
        conn.execute("UPDATE household SET room = '2', address_text = NULL WHERE id = ?", (houses["2号"].id,))
    return people


def test_a_village_house_is_found_by_its_door_as_a_clerk_types_it(db, village):
    """The search found nobody by a house's 门牌 ('王家湾2号', '2号', '王家湾 2号'): the index
    held the group's name and no house number."""
    assert found(db, "王家湾2号") == found(db, "王家湾 2号") == found(db, "王家湾村民小组2号") == {"王大爷", "张桂英"}
    assert found(db, "2号") == {"王大爷", "张桂英", "李二"}              # 12号 is another house
    assert found(db, "李家墩 2号") == {"李二"}
    assert found(db, "12号") == found(db, "十二号") == found(db, "王家湾12") == {"张建国"}
    assert found(db, "17号 李") == {"李红"}
    assert found(db, "王家湾5号") == found(db, "5号") == {"赵老汉"}       # stored as 王家湾5号
    assert names(db, "王家湾3号") == []


def test_a_village_group_is_found_by_its_name_typed_short_or_long(db, village):
    """'王家湾组 张' found nobody: the group is 王家湾村民小组."""
    assert found(db, "王家湾组 张") == {"张桂英", "张建国"}
    assert found(db, "王家湾组") == found(db, "王家湾") == found(db, "王家湾村民小组") == {
        "王大爷", "张桂英", "张建国", "李红", "赵老汉"}
    assert found(db, "李家墩村民小组") == found(db, "李家墩") == {"李二"}
    # and a villager by name, initials, ID and phone digits, as anyone
    assert found(db, "张建国") == found(db, "zjg") == {"张建国"}
    assert found(db, village["李红"].id_number[-6:]) == {"李红"}
    assert found(db, "00304") == {"李红"}


def test_a_new_house_number_and_a_removed_villager_s_old_door(db, reg, village):
    """A house renumbered is found by its new number at once; a villager removed is found among
    the removed by the house they were taken out of, and no more in the register."""
    house = reg.household(village["李红"].household_id)
    reg.update_household(house.id, HouseholdForm(compound_id=house.compound_id, address_text="18号"))
    assert found(db, "18号") == {"李红"} and names(db, "17号") == []
    reg.remove_person(village["张建国"].id)
    assert names(db, "12号") == []
    assert [p.full_name for p in reg.removed_people("王家湾12号")] == ["张建国"]


def test_an_address_beginning_with_the_villages_own_name_finds_the_house(db, reg, village):
    """'新民村王家湾组12号', a door as the village's own ledgers write it, found nobody: the index
    holds the groups, not the village. The office's own name (and the places above it) is read
    past, as the register reads it when a door is saved; another village's name is not."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name, kind) VALUES ('c1', '新民村', 'village')")
    assert found(db, "新民村王家湾组12号") == found(db, "五里镇新民村王家湾12号") == {"张建国"}
    assert found(db, "新民村 张建国") == found(db, "新民村委会 12号") == {"张建国"}
    assert names(db, "李家村王家湾组12号") == []
    reg.remove_person(village["张建国"].id)
    assert [p.full_name for p in reg.removed_people("新民村王家湾组12号")] == ["张建国"]


def test_a_bare_house_number_finds_the_door_not_every_phone_with_those_digits(db, reg, village):
    """'12' found nobody (one or two digits were ignored) though a clerk types it for 12号; it
    finds the houses numbered 12 (and a door numbered 12 without building), never someone
    whose ID or phone holds 12 (张建国's phone 13900000303 holds 03, 王大爷's ID 0101)."""
    assert found(db, "12") == found(db, "12号") == {"张建国"}
    assert found(db, "2") == {"王大爷", "张桂英", "李二"}
    assert found(db, "12 张") == {"张建国"} and names(db, "03") == [] and names(db, "17 张") == []


def test_an_old_door_written_in_chinese_numbers_is_found_by_figures_and_the_other_way(db, reg, make_id, village):
    """An address stored as 十二号 or 三组五号 was indexed as characters: '12号' did not find it."""
    group = reg.add_compound("三组", kind="village_group")
    old = reg.add_household(HouseholdForm(compound_id=group.id, address_text="9号"))
    reg.add_person(PersonForm(full_name="钱老太", id_number=make_id("19400101", 401, REGION)), old.id, "head")
    with db.transaction() as conn:       # as an older version (or sync from one) left it
        conn.execute("UPDATE household SET address_text = '十二号' WHERE id = ?", (old.id,))
    assert found(db, "12号") == found(db, "十二号") == found(db, "12") == {"张建国", "钱老太"}
    assert found(db, "3组12号") == found(db, "三组十二号") == found(db, "第三组 12") == {"钱老太"}
    assert found(db, "三组") == found(db, "3组") == {"钱老太"} and names(db, "13组") == []
    # only a number counting a part of an address: a name keeps its characters
    assert found(db, "李二") == {"李二"}
    # A register indexed by an older version is indexed again when the program is updated.
    from db import migrations
    [step] = migrations.SCHEMA_DIR.glob("*_search_numbers.sql")
    with db.transaction() as conn:
        conn.execute("UPDATE person_name_fts SET place = '三 组 十 二 号'"
                     " WHERE rowid = (SELECT rowid FROM person WHERE full_name = '钱老太')")
    assert "钱老太" not in found(db, "12号")
    body = "\n".join(line for line in step.read_text("utf-8").splitlines() if not line.startswith("--"))
    with db.transaction() as conn:
        for statement in filter(str.strip, body.split(";")):
            conn.execute(statement)
    assert found(db, "3组12号") == {"钱老太"}


def test_a_house_after_the_villages_own_name_is_the_house_the_village_numbers_itself(db, reg, make_id, village):
    """In 新民村, '新民村12号' found every group's 12号. A clerk who writes the group's houses writes
    the group (新民村王家湾组12号); without it, the house is one the village numbers as its own,
    kept under a place named after it (新民组). Without such a place every 12号 is listed, each
    with its group, so the clerk sees there are several."""
    with db.transaction() as conn:
        conn.execute("INSERT INTO community (id, name, kind) VALUES ('c1', '新民村', 'village')")
    li = next(c for c in reg.compounds() if c.name == "李家墩组")
    twelve = reg.add_household(HouseholdForm(compound_id=li.id, address_text="12号"))
    reg.add_person(PersonForm(full_name="李十二", id_number=make_id("19600101", 501, REGION)), twelve.id, "head")
    assert found(db, "新民村12号") == found(db, "12号") == {"张建国", "李十二"}       # several, each with its group
    assert {p.address for p in search_people(db, "新民村12号")} == {"王家湾村民小组 12号", "李家墩组 12号"}
    own = reg.add_compound("新民组", kind="village_group")
    house = reg.add_household(HouseholdForm(compound_id=own.id, address_text="12号"))
    reg.add_person(PersonForm(full_name="孙村长", id_number=make_id("19600101", 503, REGION)), house.id, "head")
    assert found(db, "新民村12号") == found(db, "新民村 12") == found(db, "新民村委会 十二号") == {"孙村长"}
    assert found(db, "新民村王家湾组12号") == {"张建国"} and found(db, "12号") == {"张建国", "李十二", "孙村长"}
    reg.remove_person(village["张建国"].id)
    assert [p.full_name for p in reg.removed_people("新民村王家湾12号")] == ["张建国"]
    assert reg.removed_people("新民村12号") == []
