"""One cell to one value: what offices type, and what is refused with a reason."""
from datetime import date, datetime, time

import pytest

from desktop.errors import InputError
from desktop.excel import normalise as n
from desktop.textnorm import clean_name


@pytest.mark.parametrize("cell, expected", [
    (datetime(2020, 2, 3, 8, 0), date(2020, 2, 3)), (date(2020, 2, 3), date(2020, 2, 3)),
    ("2020/2/3", date(2020, 2, 3)), ("2020.02.03", date(2020, 2, 3)), ("2020-02-03", date(2020, 2, 3)),
    ("2020年2月3日", date(2020, 2, 3)), ("20200203", date(2020, 2, 3)), (43864.0, date(2020, 2, 3)),
    ("2月3日", date(2020, 2, 3)), ("", None)])
def test_dates_as_offices_write_them(cell, expected):
    assert n.date_value(cell, year=2020) == expected


def test_a_date_that_does_not_exist_or_cannot_be_read_is_refused():
    with pytest.raises(InputError, match="不存在"):
        n.date_value("2020/2/30")
    with pytest.raises(InputError, match="看不懂"):
        n.date_value("上周三")


@pytest.mark.parametrize("cell, expected", [
    ("08:30", time(8, 30)), ("8:30:15", time(8, 30, 15)), ("8点30分", time(8, 30)), (time(7, 5), time(7, 5)),
    (0.5, time(12, 0))])
def test_times(cell, expected):
    assert n.time_value(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    (36.5, 36.5), ("36.5", 36.5), ("36.5℃", 36.5), ("36.5度", 36.5), ("３６.５", 36.5), ("", None)])
def test_temperatures(cell, expected):
    assert n.temperature(cell) == expected


@pytest.mark.parametrize("cell, words", [("3.65", "小数点"), (365, "小数点"), ("正常", "数字"), ("45", "不可能")])
def test_impossible_temperatures_are_refused_not_moved(cell, words):
    with pytest.raises(InputError, match=words):
        n.temperature(cell)


@pytest.mark.parametrize("cell, expected", [("进", "in"), ("入", "in"), ("进村", "in"), ("出", "out"),
                                            ("出村", "out"), ("外出", "out")])
def test_directions(cell, expected):
    assert n.direction(cell) == expected


def test_an_unknown_direction_is_refused():
    with pytest.raises(InputError, match="进.*出"):
        n.direction("路过")


def test_an_id_number_excel_turned_into_a_float_is_refused_with_the_excel_explanation():
    with pytest.raises(InputError) as info:
        n.id_number(5.101242009092127e+17)
    message = info.value.message
    assert "Excel" in message and "15位" in message and "无法恢复" in message
    assert "文本" in message                       # how to avoid it next time
    with pytest.raises(InputError, match="Excel"):
        n.id_number("5.10124E+17")                 # the same, typed as Excel showed it


def test_id_numbers_are_cleaned_not_guessed():
    assert n.id_number("５１０１２４ １９９２０１２３ ３７６５") == "510124199201233765"
    assert n.id_number("42010620040505134x") == "42010620040505134X"
    assert n.id_number("420106-1948-1109-9551") == "420106194811099551"


@pytest.mark.parametrize("cell, expected", [(13800138000.0, "13800138000"), ("138-0013-8000", "13800138000"),
                                            ("１３８００１３８０００", "13800138000"), ("027-8888 8888", "027-88888888")])
def test_phones(cell, expected):
    assert n.phone(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("3-2-501", ("", "3", "2", "501", "")), ("3栋2单元501", ("", "3", "2", "501", "")),
    ("东1栋2单元401", ("", "东1", "2", "401", "")), ("幸福里4号楼1单元302室", ("幸福里", "4", "1", "302", "")),
    ("新民主路3号2单元501室", ("", "新民主路3号", "2", "501", "")), ("王家湾12号", ("", "", "", "", "王家湾12号"))])
def test_addresses(cell, expected):
    assert n.address(cell) == expected


@pytest.mark.parametrize("cell, days", [("每天", 1), ("每日", 1), ("每周两次", 3.5), ("每周一次", 7),
                                        ("三天一次", 3), ("每月一次", 30), ("隔天", 2), ("", None),
                                        # a counted number as ledgers write it: 十五, 二十 (每十五天 was 看不懂)
                                        ("每十天", 10), ("每十五天", 15), ("二十天一次", 20), ("半月一次", 15),
                                        # rarer than the care list's rhythms (were 看不懂, listed weekly)
                                        ("每季度", 90), ("每季度一次", 90), ("每半年", 180), ("半年一次", 180),
                                        ("每年", 365), ("三个月一次", 90)])
def test_visit_frequency_in_words(cell, days):
    assert n.visit_interval(cell) == days


def test_coded_values_from_their_chinese_words():
    assert n.code("租住", "tenure", "tenure") == "rented"
    assert n.code("自有住房", "tenure", "tenure") == "owned"
    assert n.code("孙子女", "relation", "relation") == "grandchild"
    assert n.code("妻子", "relation", "relation") == "spouse"
    with pytest.raises(InputError, match="可填"):
        n.code("邻居", "relation", "relation")


def test_list_words_split_on_any_separator():
    assert n.split_words("独居老人、低保户，卧床/独居老人") == ("独居老人", "低保户", "卧床")


@pytest.mark.parametrize("name, parts", [
    ("张三", ("张", "三")), ("张小明", ("张", "小明")), ("欧阳明", ("欧阳", "明")), ("司马相如", ("司马", "相如")),
    (" 𠮷野家 ", ("𠮷", "野家")),
    # Not split honestly: whole under 姓.
    ("张", ("张", "")), ("欧阳", ("欧阳", "")), ("阿依古丽·买买提", ("阿依古丽·买买提", "")),
    ("John Smith", ("John Smith", "")), (None, ("", ""))])
def test_a_name_split_back_into_surname_and_given_name(name, parts):
    assert n.split_name(name) == parts
    assert n.joined_name(*parts)[0] == n.text(name)       # the inverse of joining 姓 | 名


@pytest.mark.parametrize("name, parts", [("张 三", ("张", "三")), ("欧阳\u3000娜娜", ("欧阳", "娜娜")),
                                         ("张 小 明", ("张", "小明")), ("John  Smith", ("John Smith", ""))])
def test_a_name_typed_with_a_space_splits_as_the_register_keeps_it(name, parts):
    """'张 三' (a space typed between 姓 and 名, half- or full-width, as old ledgers have it)
    went whole under 姓, 名 empty. The register imports and saves it as 张三 (clean_name), so it
    splits as 张三 does; a Latin name keeps its one space and is not split."""
    assert n.split_name(name) == parts
    assert n.joined_name(*parts)[0] == clean_name(name)
