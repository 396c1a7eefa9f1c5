"""One rule for a day however it reaches the program (a form, a ledger, the command line): the
usual ways of writing it are read, and a day the calendar does not have is said to be missing,
with the month's length, never called a format mistake."""
from datetime import date

import pytest

from desktop.care.care_book import parse_day
from desktop.days import DayError, iso_day, typed_day
from desktop.errors import InputError, InputErrors
from desktop.gate import passes as gate_passes
from desktop.register import PersonForm


@pytest.mark.parametrize("text", ["2020-02-03", "2020/2/3", "2020.02.03", "20200203", "2020年2月3日",
                                  "2020年2月3日（星期一）", " 2020 - 2 - 3 "])
def test_the_usual_ways_of_writing_a_day(text):
    assert typed_day(text) == date(2020, 2, 3)


def test_a_day_without_its_year_takes_the_given_one():
    assert typed_day("2月3日", 2019) == date(2019, 2, 3)


@pytest.mark.parametrize("text, said", [("2026-02-30", "2026年2月只有28天"), ("2024/2/30", "2024年2月只有29天"),
                                        ("2026-13-01", "月份只有 1 到 12"), ("20260431", "2026年4月只有30天")])
def test_a_missing_day_is_named_with_the_month_s_length(text, said):
    for read in (typed_day, iso_day) if "-" in text and len(text) == 10 else (typed_day,):
        with pytest.raises(DayError) as e:
            read(text)
        assert e.value.message.startswith(f"日期不存在：{text}") and said in e.value.message


def test_a_text_that_is_no_day_is_called_unreadable():
    with pytest.raises(DayError) as e:
        typed_day("上周三")
    assert "看不懂" in e.value.message


def test_forms_say_the_same_of_a_missing_day():
    """The person form (birth date without an ID), the care book and the gate pass all use it."""
    with pytest.raises(InputErrors) as e:
        PersonForm(full_name="新生儿", birth_date="2020-02-30").validate()
    assert "2020年2月只有29天" in e.value.by_field()["birth_date"]
    with pytest.raises(InputError) as e:
        parse_day("2019-02-29", "visited_on", date(2020, 1, 1))
    assert "2019年2月只有28天" in e.value.message
    assert parse_day("2019年12月5日", "visited_on", date(2020, 1, 1)) == date(2019, 12, 5)
    with pytest.raises(InputError) as e:
        gate_passes._date("2026-04-31", "valid_to", "有效期至")
    assert e.value.message.startswith("有效期至：日期不存在") and "30天" in e.value.message


def test_a_two_digit_year_with_nian_is_this_century_unless_that_is_in_the_future():
    from desktop.days import full_year
    assert typed_day("17年5月3日") == date(2017, 5, 3) and typed_day("85年3月12日") == date(1985, 3, 12)
    assert full_year(17, date(2026, 1, 1)) == 2017 and full_year(26, date(2026, 1, 1)) == 2026
    assert full_year(27, date(2026, 12, 31)) == 1927 and full_year(85, date(2026, 1, 1)) == 1985
