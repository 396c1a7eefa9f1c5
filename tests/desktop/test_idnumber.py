"""The resident ID check (GB 11643-1999) as a clerk meets it: typed, pasted, or mangled by Excel."""
import random
from datetime import date

import pytest

from desktop.errors import InputError
from desktop.idnumber import (CHECK_CHARS, check_digit, normalise, normalise_document,
                              parse_resident_id)


def valid(first17: str) -> str:
    return first17 + check_digit(first17)


# A widely published sample number (Beijing Chaoyang, born 1949-12-31, female, check digit X).
SAMPLE = "11010519491231002X"
WUHAN = valid("42010219900307123")        # 武汉市江岸区: python-stdnum 2.2 rejects it
QINGDAO = valid("37021219850615002")      # 青岛市市南区: python-stdnum 2.2 rejects it


def wrong_check(number: str) -> str:
    """The same number with a different (wrong) last character."""
    other = next(ch for ch in CHECK_CHARS if ch != number[17])
    return number[:17] + other


# -- check digit ----------------------------------------------------------------------------

def test_check_digit_of_published_sample_is_x():
    assert check_digit(SAMPLE[:17]) == "X"


@pytest.mark.parametrize("first17, expected", [
    ("11010519491231002", "X"),
    ("44052418800101001", "4"),
    ("11010119900307851", "5"),
])
def test_check_digit_known_values(first17, expected):
    assert check_digit(first17) == expected


def test_check_digit_is_the_standards_weighted_sum_for_every_digit_in_every_place():
    """check_digit reads the digits in base 13 (a shortcut): the same as GB 11643's weights,
    whatever digit stands where."""
    from desktop.idnumber import WEIGHTS

    def by_the_standard(first17: str) -> str:
        return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
    rnd = random.Random(11643)
    numbers = ["0" * 17, "9" * 17] + [f"{'0' * i}{d}{'0' * (16 - i)}" for i in range(17) for d in "19"]
    numbers += ["".join(rnd.choice("0123456789") for _ in range(17)) for _ in range(2000)]
    assert [check_digit(x) for x in numbers] == [by_the_standard(x) for x in numbers]


def test_every_wrong_last_character_is_rejected_for_random_numbers():
    rnd = random.Random(20200123)
    for _ in range(40):
        born = date(1900, 1, 1).toordinal() + rnd.randrange(0, 45000)
        d = date.fromordinal(born)
        first17 = f"{rnd.choice(['110105', '420102', '370212', '510104'])}{d:%Y%m%d}{rnd.randrange(1000):03d}"
        good = valid(first17)
        assert parse_resident_id(good).number == good
        for ch in CHECK_CHARS:
            if ch != good[17]:
                with pytest.raises(InputError, match="校验位"):
                    parse_resident_id(first17 + ch)


# -- accepted -------------------------------------------------------------------------------

def test_published_sample_is_accepted_with_sex_and_birth_date():
    rid = parse_resident_id(SAMPLE)
    assert rid.number == SAMPLE
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex == "F"                      # 17th digit 2: even is female
    assert rid.region == "110105"
    assert rid.warning == ""


@pytest.mark.parametrize("number, region", [(WUHAN, "420102"), (QINGDAO, "370212")])
def test_region_codes_missing_from_stdnum_tables_are_accepted(number, region):
    rid = parse_resident_id(number)
    assert rid.number == number
    assert rid.region == region
    assert rid.warning == ""


def test_sex_follows_the_17th_digit():
    assert parse_resident_id(WUHAN).sex == "M"       # ...123: 3 is odd
    assert parse_resident_id(QINGDAO).sex == "F"     # ...002: 2 is even
    assert parse_resident_id(WUHAN).birth_date == date(1990, 3, 7)
    assert parse_resident_id(QINGDAO).birth_date == date(1985, 6, 15)


@pytest.mark.parametrize("typed", [
    "11010519491231002x",                            # lower-case x
    "１１０１０５１９４９１２３１００２Ｘ",              # full-width digits and X
    "１１０１０５１９４９１２３１００２ｘ",              # full-width lower-case x
    "110105 19491231 002X",                          # spaces
    "110105-19491231-002X",                          # dashes
    "110105－19491231－002x",                         # full-width dashes
    "  11010519491231002X  ",                         # Excel trailing spaces
    "\u200b11010519491231002X\ufeff",                # zero-width characters pasted from WeChat
    "110105\u00a019491231\u3000002X",                # NBSP and ideographic space
    "1101 0519 4912 3100 2X",                        # grouped in fours
])
def test_typed_variants_normalise_to_the_same_number(typed):
    rid = parse_resident_id(typed)
    assert rid.number == SAMPLE
    assert rid.birth_date == date(1949, 12, 31)


def test_normalise_folds_case_width_and_separators():
    assert normalise("１１０１０５-1949 1231_002ｘ") == SAMPLE
    assert normalise(None) == ""


def test_birth_date_today_and_year_1900_are_accepted():
    today = date(2020, 2, 1)
    assert parse_resident_id(valid("11010520200201001"), today=today).birth_date == today
    assert parse_resident_id(valid("11010519000101001")).birth_date == date(1900, 1, 1)


def test_leap_day_in_a_leap_year_is_accepted():
    assert parse_resident_id(valid("11010520000229001")).birth_date == date(2000, 2, 29)


def test_unknown_province_prefix_is_accepted_with_a_warning():
    number = valid("99010519900307123")
    rid = parse_resident_id(number)
    assert rid.number == number
    assert "99" in rid.warning
    assert "省份" in rid.warning


# -- refused --------------------------------------------------------------------------------

def test_wrong_check_digit_message_names_the_check_digit_and_the_expected_value():
    with pytest.raises(InputError) as info:
        parse_resident_id("110105194912310021")
    err = info.value
    assert "校验位" in err.message
    assert "应为X" in err.message
    assert err.field == "id_number"
    assert err.value == "110105194912310021"


def test_wrong_check_digit_typed_in_lower_case_is_still_refused():
    number = wrong_check(WUHAN).lower()
    with pytest.raises(InputError, match="校验位"):
        parse_resident_id(number)


@pytest.mark.parametrize("number, length", [
    ("11010519491231002", 17),
    ("1101051949123100211", 19),
    ("1101051949", 10),
])
def test_wrong_length_says_18_digits(number, length):
    with pytest.raises(InputError) as info:
        parse_resident_id(number)
    assert "18位" in info.value.message
    assert f"{length}位" in info.value.message


def test_impossible_date_is_refused_even_with_a_valid_check_digit():
    number = valid("11010519900230123")             # 30 February 1990
    with pytest.raises(InputError) as info:
        parse_resident_id(number)
    assert "出生日期" in info.value.message
    assert "不存在" in info.value.message
    assert "校验位" not in info.value.message


def test_29_february_in_a_common_year_is_refused():
    with pytest.raises(InputError, match="不存在"):
        parse_resident_id(valid("11010519010229123"))


@pytest.mark.parametrize("month_day", ["1301", "0001", "0132", "0100"])
def test_impossible_month_or_day_is_refused(month_day):
    with pytest.raises(InputError, match="不存在"):
        parse_resident_id(valid(f"1101051990{month_day}123"))


def test_future_birth_date_is_refused():
    with pytest.raises(InputError) as info:
        parse_resident_id(valid("11010520990101123"))
    assert "未来" in info.value.message


def test_future_is_relative_to_today_argument():
    number = valid("11010520200202001")
    with pytest.raises(InputError, match="未来"):
        parse_resident_id(number, today=date(2020, 2, 1))
    assert parse_resident_id(number, today=date(2020, 2, 2)).birth_date == date(2020, 2, 2)


def test_year_before_1900_is_refused():
    with pytest.raises(InputError) as info:
        parse_resident_id(valid("11010518991231123"))
    assert "1900" in info.value.message
    assert "1899" in info.value.message


@pytest.mark.parametrize("excel", ["1.10101199003078E+17", "1.10101199003078e+17", "1.1E+17"])
def test_excel_scientific_notation_is_explained(excel):
    with pytest.raises(InputError) as info:
        parse_resident_id(excel)
    assert "Excel" in info.value.message
    assert "科学计数法" in info.value.message


def test_fifteen_digit_old_number_is_refused_and_asks_for_18_digits():
    with pytest.raises(InputError) as info:
        parse_resident_id("110105491231002")
    assert "15位" in info.value.message
    assert "18位" in info.value.message


@pytest.mark.parametrize("number", ["1101051949123100X2", "11010519491231002Y", "A1010519491231002X",
                                    "٤٢٠106193504270019"])    # Arabic-Indic digits pasted in
def test_letters_other_than_a_final_x_are_refused(number):
    with pytest.raises(InputError, match="数字"):
        parse_resident_id(number)


@pytest.mark.parametrize("blank", ["", "   ", None, "\u200b"])
def test_empty_number_asks_for_one(blank):
    with pytest.raises(InputError, match="请填写"):
        parse_resident_id(blank)


def test_field_name_is_carried_for_ledger_columns():
    with pytest.raises(InputError) as info:
        parse_resident_id("123", field="身份证号")
    assert info.value.field == "身份证号"


# -- other documents ------------------------------------------------------------------------

@pytest.mark.parametrize("id_type, typed, expected", [
    ("passport", " e1234 5678 ", "E12345678"),
    ("passport", "Ｇ１２３４５６７８", "G12345678"),
    ("hk_macao", "h-1234-5678", "H12345678"),
    ("taiwan", "12345678", "12345678"),
    ("foreign_permanent", "usa123456789012", "USA123456789012"),
])
def test_other_documents_are_normalised(id_type, typed, expected):
    assert normalise_document(id_type, typed) == expected


def test_other_document_may_be_empty():
    assert normalise_document("passport", "  ") == ""


@pytest.mark.parametrize("bad", ["护照E123456", "E12#456", "AB1", "A" * 21])
def test_other_document_with_bad_characters_or_length_is_refused(bad):
    with pytest.raises(InputError, match="证件号码"):
        normalise_document("passport", bad)


def test_resident_id_through_normalise_document_is_fully_checked():
    assert normalise_document("resident_id", "11010519491231002x") == SAMPLE
    with pytest.raises(InputError, match="校验位"):
        normalise_document("resident_id", "110105194912310021")


def test_fifteen_digit_number_is_answered_with_the_18_digit_number_it_became():
    """An old villager's hukou book shows 15 digits: the clerk is told the 18 to type."""
    with pytest.raises(InputError) as info:
        parse_resident_id("110105491231002")
    assert "11010519491231002X" in info.value.message
    assert parse_resident_id("11010519491231002X").number == "11010519491231002X"


def test_fifteen_digit_number_with_an_impossible_date_says_the_date():
    with pytest.raises(InputError) as info:
        parse_resident_id("420106581307001")
    assert "1958年13月07日不存在" in info.value.message
