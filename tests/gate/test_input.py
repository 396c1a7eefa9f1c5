"""Temperatures and plates as guards type them."""
import pytest

from desktop.errors import InputError
from desktop.gate.plates import format_plate, normalise_plate
from desktop.temperature import is_fever, parse_temperature


@pytest.mark.parametrize("typed, value", [("365", 36.5), ("36.5", 36.5), ("３６５", 36.5), ("36.5℃", 36.5),
                                          ("36", 36.0), ("372", 37.2), ("37.3", 37.3), ("38.25", 38.2), ("", None),
                                          ("36,5", 36.5), ("36．5", 36.5)])
def test_temperature_typed_either_way(typed, value):
    """At the gate three digits are a normal reading; a comma typed by the input method is a point."""
    assert parse_temperature(typed, shorthand=True) == value


@pytest.mark.parametrize("typed, words", [("3.65", "不可能"), ("373", "小数点"), ("正常", "数字"), ("3.7", "不可能"),
                                          ("50", "不可能"), ("36.5.1", "数字"),
                                          # no float past a reading's range enters (a change's JSON
                                          # cannot carry it: db/sync/log.py read_body)
                                          ("inf", "数字"), ("1e999", "数字"), ("NaN", "数字"), ("9" * 400, "不可能")])
def test_impossible_temperatures_get_a_chinese_message(typed, words):
    with pytest.raises(InputError) as e:
        parse_temperature(typed, shorthand=True)
    assert words in e.value.message and e.value.field == "temperature"


def test_fever_starts_at_37_3():
    assert not is_fever(37.2) and is_fever(37.3) and not is_fever(None)


@pytest.mark.parametrize("typed", ["鄂A·12345", "鄂A12345", "鄂a 12345", " 鄂Ａ１２３４５ ", "鄂A-12345"])
def test_one_plate_however_typed(typed):
    assert normalise_plate(typed) == "鄂A12345"
    assert format_plate(normalise_plate(typed)) == "鄂A·12345"


def test_new_energy_plate_and_bad_plate():
    assert normalise_plate("鄂AD12345") == "鄂AD12345"
    with pytest.raises(InputError) as e:
        normalise_plate("A12345")
    assert "车牌号不对" in e.value.message


def test_in_a_ledger_three_digits_are_a_missing_point():
    """In a ledger (read with nobody looking) '365' is a slip, not shorthand: say so rather than guess."""
    with pytest.raises(InputError) as e:
        parse_temperature("365")
    assert "小数点" in e.value.message and "36.5" in e.value.message
