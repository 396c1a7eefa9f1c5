"""Phones, masking, text cleaning and addresses as clerks type and paste them."""
import pytest

from desktop.address import (Place, building_number, format_place, parse_place, room_number,
                             unit_number)
from desktop.errors import InputError
from desktop.masking import mask_id_number, mask_phone
from desktop.phone import normalise_phone
from desktop.textnorm import clean, clean_name, digits_only, halfwidth


# -- phones ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "13800138000",
    "１３８００１３８０００",             # full-width digits from a Chinese input method
    "138-0013-8000",
    "138 0013 8000",
    "１３８－００１３－８０００",
    "+86 138 0013 8000",
    "+8613800138000",
    "0086-13800138000",
    "13800138000.0",                   # a numeric Excel cell
    " 13800138000\u200b ",
    "(86)13800138000",                 # the country code in brackets, without its + (a ledger's habit)
    "（+86）138 0013 8000",
    "86-138-0013-8000",
])
def test_mobile_numbers_typed_any_way(typed):
    assert normalise_phone(typed) == "13800138000"


@pytest.mark.parametrize("short", ["1380013800", "138001380001", "138-0013-800"])
def test_mobile_with_wrong_length_says_11_digits(short):
    with pytest.raises(InputError) as info:
        normalise_phone(short)
    assert "11位" in info.value.message
    assert info.value.field == "phone"


def test_mobile_with_impossible_second_digit_is_refused():
    with pytest.raises(InputError, match="第二位"):
        normalise_phone("12800138000")


@pytest.mark.parametrize("typed, expected", [
    ("027-8888 8888", "027-88888888"),
    ("02788888888", "027-88888888"),
    ("(010)12345678", "010-12345678"),
    ("（010）12345678", "010-12345678"),
    ("0755-12345678", "0755-12345678"),
    ("0532 8888888", "0532-8888888"),
    ("+86 27 8888 8888", "027-88888888"),    # the international way: the area code without its 0
    ("+86-10-12345678", "010-12345678"),
    ("+86 (0)755 1234 5678", "0755-12345678"),
    ("86-27-88888888", "027-88888888"),      # a bare 86, as before a mobile: was kept as a wrong number
    ("86 27 8888 8888", "027-88888888"),
    ("(86)10-12345678", "010-12345678"),
    ("86 755 1234 5678", "0755-12345678"),
])
def test_landline_with_area_code(typed, expected):
    assert normalise_phone(typed) == expected


def test_local_landline_without_area_code_is_kept():
    assert normalise_phone("8888 8888") == "88888888"
    assert normalise_phone("8612 3456") == "86123456"      # starts with 86: a local number, not China's code


@pytest.mark.parametrize("empty", ["", None, "   "])
def test_empty_phone_is_allowed(empty):
    assert normalise_phone(empty) == ""


@pytest.mark.parametrize("bad", ["138abc00000", "电话13800138000"])
def test_phone_with_letters_is_refused(bad):
    with pytest.raises(InputError, match="只能包含数字"):
        normalise_phone(bad)


@pytest.mark.parametrize("bad", ["23456", "027-123", "0271234567890"])
def test_phone_with_too_few_digits_is_refused(bad):
    with pytest.raises(InputError, match="位数"):
        normalise_phone(bad)


def test_phone_error_carries_the_field_it_belongs_to():
    with pytest.raises(InputError) as info:
        normalise_phone("1380013800", field="landlord_phone")
    assert info.value.field == "landlord_phone"


# -- masking --------------------------------------------------------------------------------

def test_mask_mobile_keeps_first_three_and_last_four():
    masked = mask_phone("13800138000")
    assert masked == "138****8000"
    assert "0013" not in masked


def test_mask_landline_hides_the_last_four():
    assert mask_phone("027-88881234") == "027-8888****"
    assert "1234" not in mask_phone("027-88881234")


def test_mask_short_phone_hides_everything():
    assert mask_phone("1234") == "****"
    assert mask_phone("") == "****"


def test_mask_id_number_never_shows_the_birth_date():
    masked = mask_id_number("11010519491231002X")
    assert masked == "1101**********002X"
    assert "19491231" not in masked
    assert len(masked) == 18


def test_mask_short_document_number_hides_everything():
    assert mask_id_number("E1234") == "*****"


# -- text cleaning --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("  张三  ", "张三"),
    ("张三\u200b", "张三"),
    ("\ufeff张三", "张三"),
    ("张\u00ad三", "张三"),
    ("ＡＢＣ１２３", "ABC123"),
    ("幸福里\u3000３栋", "幸福里 3栋"),
    ("a  \t b\n c", "a b c"),
    ("138\u00a00013", "138 0013"),
    (None, ""),
    (12, "12"),
])
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_a_word_of_letters_taken_as_clean_is_what_the_full_cleaning_makes_of_it():
    """clean() returns a word of letters as it is (a shortcut): never where the full cleaning
    would change it (a full-width letter, a compatibility ideograph 豈, a decomposed accent)."""
    from desktop.textnorm import _clean_unicode
    assert clean("张Ａ") == "张A" and clean("\uf900") == "\u8c48" and clean("e\u0301张") == "\u00e9张"
    for cp in range(0x80, 0x10000):
        if not 0xD800 <= cp <= 0xDFFF:
            word = f"张{chr(cp)}三"
            assert clean(word) == _clean_unicode.__wrapped__(word), hex(cp)


def test_halfwidth_folds_digits_and_letters_and_leaves_chinese_punctuation_alone():
    assert halfwidth("张三（男）１号ＡＢｃ，。") == "张三（男）1号ABc，。"


@pytest.mark.parametrize("raw, expected", [
    ("张 三", "张三"),
    ("张\u3000三", "张三"),
    ("张\u200b三", "张三"),
    (" 欧阳  娜娜 ", "欧阳娜娜"),
    ("John   Smith", "John Smith"),
    ("Ｊｏｈｎ Ｓｍｉｔｈ", "John Smith"),
    ("阿依古丽•买买提", "阿依古丽·买买提"),
    ("阿依古丽・买买提", "阿依古丽·买买提"),
    ("阿依古丽·买买提", "阿依古丽·买买提"),
])
def test_clean_name(raw, expected):
    assert clean_name(raw) == expected


def test_clean_name_full_width_stop_becomes_middle_dot():
    assert clean_name("阿依古丽．买买提") == "阿依古丽·买买提"


def test_digits_only():
    assert digits_only("电话：１３８-0013 8000") == "13800138000"


# -- addresses ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, place", [
    ("3-2-501", Place("", "3", "2", "501")),
    ("3栋2单元501", Place("", "3", "2", "501")),
    ("3栋2单元501室", Place("", "3", "2", "501")),
    ("12号楼3单元1202", Place("", "12", "3", "1202")),
    ("幸福里3-2-501", Place("幸福里", "3", "2", "501")),
    ("幸福里小区3栋2单元501室", Place("幸福里小区", "3", "2", "501")),
    ("3-2", Place("", "3", "2", "")),
    ("3-501", Place("", "3", "", "501")),
    ("3栋501", Place("", "3", "", "501")),
    ("3栋", Place("", "3", "", "")),
    ("幸福里3-2", Place("幸福里", "3", "2", "")),
])
def test_parse_place(typed, place):
    assert parse_place(typed) == place


def test_parse_place_full_width_digits():
    assert parse_place("３栋２单元５０１室") == Place("", "3", "2", "501")


def test_parse_place_full_width_dashes():
    assert parse_place("３－２－５０１") == Place("", "3", "2", "501")


@pytest.mark.parametrize("not_a_place", ["张三", "501", "", "zs", "13800138000"])
def test_parse_place_rejects_text_that_is_not_an_address(not_a_place):
    assert parse_place(not_a_place) is None


@pytest.mark.parametrize("typed, number", [
    ("4号楼", "4"), ("4栋", "4"), ("4幢", "4"), ("第4栋", "4"), ("4#", "4"), ("４", "4"),
    ("4.0", "4"), ("b4", "B4"), ("B4座", "B4"),
    ("二十三栋", "23"), ("三号楼", "3"), ("第十二栋", "12"), ("十栋", "10"), ("二十", "20"),
])
def test_building_number(typed, number):
    assert building_number(typed) == number


def test_building_number_keeps_unknown_text():
    assert building_number("东楼") == "东楼"
    assert building_number("") == ""


@pytest.mark.parametrize("typed, number", [("2单元", "2"), ("二单元", "2"), ("第2单元", "2"), ("2.0", "2"),
                                           ("2门", "2")])
def test_unit_number(typed, number):
    assert unit_number(typed) == number


@pytest.mark.parametrize("typed, number", [("501室", "501"), ("501", "501"), ("501.0", "501"),
                                           ("１２０２", "1202"), ("a101", "A101")])
def test_room_number(typed, number):
    assert room_number(typed) == number


def test_format_place():
    assert format_place("幸福里", "3", "2", "501") == "幸福里 3栋2单元501"
    assert format_place("王家湾组", None, None, None, "12号") == "王家湾组 12号"
    assert format_place(None, "3", None, "501") == "3栋501"
