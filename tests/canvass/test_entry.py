"""Typing results from the printed sheet: one line per household, in code order."""
import pytest

from desktop.canvass.entry import KeyEntry, parse_entry
from desktop.errors import InputError
from tests.canvass.conftest import TODAY

def _t(e):
    return (e.code, e.outcome, e.flags)


KEYS = {"f": "fever", "c": "cough", "a": "arrived", "k": "contact", "n": "needs"}


def test_parse_lines():
    assert _t(parse_entry("1", KEYS)) == (None, "visited", ())
    assert parse_entry("2", KEYS).keys == 2
    assert _t(parse_entry("057 4", KEYS)) == (57, "moved_out", ())
    assert _t(parse_entry("０５７", KEYS)) == (57, None, ())             # full-width digits folded
    assert parse_entry("1 2fa 3n", KEYS).flags == ((2, "fever"), (2, "arrived"), (3, "needs"))
    assert parse_entry("1f", KEYS).flags == ((None, "fever"),)
    for bad, says in (("5", "看不懂"), ("1 2z", "没有字母“z”"), ("2 f", "只有“已访”"), ("1 2?", "看不懂")):
        with pytest.raises(InputError, match=says):
            parse_entry(bad, KEYS)


def test_a_sheet_typed_in_order_records_each_household_and_moves_on(canvass, community):
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    entry = KeyEntry(canvass, rnd.id, TODAY, canvasser_name="刘网格")
    assert entry.current.code == 1
    for line in ("3", "1 3f", "2", "1 n"):
        entry.type_line(line)
    assert entry.current is None and entry.entered == 4
    assert entry.keys == 2 + 5 + 2 + 4
    roll = canvass.roll(rnd.id)
    assert [r.outcome for r in roll] == ["refused", "visited", "nobody_home", "visited"]
    # Member 3 of 3栋2单元501 as numbered on screen: head, then by age.
    members = canvass.members(roll[1].household_id)
    assert [m.full_name for m in members] == ["张三", "李梅", "张小明"]
    assert roll[1].answers[members[2].person_id]["fever"] is True
    assert [f.full_name for f in canvass.flagged(rnd.id)] == ["张小明", "王大爷"]
    # A code jumps back to correct one household; the roll stays one row per household.
    entry.type_line("003 4")
    assert canvass.result_by_code(rnd.id, 3).outcome == "moved_out"
    assert entry.current.code == 4
    with pytest.raises(InputError, match="没有第4个人"):
        entry.type_line("002 1 4f")
    with pytest.raises(InputError, match="请在字母前写人的序号"):
        entry.type_line("002 1 f")
    with pytest.raises(InputError, match="代码为099"):
        entry.type_line("099 1")
