"""Isolation paper as the household gets it: the 14-day health sheet carries the checks already
recorded (a fever marked, a correction as corrected, a voided check not at all), each person's
sheet is numbered on its own, and a medical observation's paper speaks of 观察, not 隔离."""
import re
from datetime import date, timedelta

from desktop.care.isolation import IsolationBook
from desktop.care.records import FollowUpForm
from desktop.printing import door_sign, health_sheet, isolation_notice
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.printing.forms import FORMS
from desktop.printing.records import IsolationCase, Office
from desktop.printing.tables import Table
from tests.printing.conftest import page_texts, squeeze

START = date(2026, 11, 22)


def _row(text: str, day: date) -> str:
    """The extracted line of a day's row (its number and date first)."""
    n = (day - START).days + 1
    [line] = [x for x in text.splitlines() if x.startswith(f"{n} {day.month}月{day.day}日")]
    return line


def test_the_health_sheet_prints_the_checks_recorded_in_the_program(app_ctx, small_community, tmp_path,
                                                                    monkeypatch):
    book = IsolationBook(app_ctx.db, app_ctx.register)
    person = small_community["people"]["张小明"]
    today = START + timedelta(days=3)
    e = book.start(person.id, "home_isolation", "密切接触者", START, today)
    day1, day2, day3 = START, START + timedelta(days=1), START + timedelta(days=2)
    book.record_followup(e.id, day1, FollowUpForm("morning", "36.5"), today)
    book.record_followup(e.id, day1, FollowUpForm("evening", "36.7", ("cough",)), today)
    book.record_followup(e.id, day2, FollowUpForm("morning", "38.1", ("fatigue",), note="乏力"), today)
    typo = book.record_followup(e.id, day2, FollowUpForm("evening", "39.9"), today)
    book.correct_followup(typo.id, FollowUpForm("evening", "37.0"), today)          # typed wrong
    wrong = book.record_followup(e.id, day3, FollowUpForm("morning", "36.2"), today)
    book.correct_followup(wrong.id, None, today)                                    # entered by mistake
    marked = []
    add_row = Table.add_row

    def noting(self, values, marked_=False, **kw):
        marked.append((values[1], kw.get("marked", marked_)))
        return add_row(self, values, kw.pop("marked", marked_), **kw)
    monkeypatch.setattr(Table, "add_row", noting)

    path = tmp_path / "health.pdf"
    print_form(app_ctx.register, PrintRequest("health-sheet", day=today), path)
    text = page_texts(path)[0]
    assert _row(text, day1) == "1 11月22日 36.5 36.7 咳嗽 测试员"
    assert "38.1 37.0 发热、乏力 测试员" in _row(text, day2)           # the fever named, the correction shown
    assert "39.9" not in text and "36.2" not in text                   # the typo and the voided check: gone
    assert "□无 □发热" in _row(text, day3) + text.split(_row(text, day3))[1].split("\n4 ")[0]   # left to fill in
    assert _row(text, START + timedelta(days=13)).endswith("□其他")    # a day to come: blank, boxes to tick
    assert ("11月23日", True) in marked and ("11月22日", False) in marked   # the fever's row shaded
    assert "灰底为发热" in squeeze(text)


def test_a_day_with_one_check_keeps_the_other_half_for_the_paper_round(tmp_path):
    from desktop.care.paper import HealthRecordRow
    case = IsolationCase("李四", "幸福里小区 1栋101", START, START + timedelta(days=13),
                         readings=(HealthRecordRow(1, START.isoformat(), "36.4", "", False, "无", "代买生活物资", "王芳"),))
    path = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(path, [case], Office("新民社区居民委员会"))
    text = squeeze(page_texts(path)[0])
    assert "112月22日" not in text and "111月22日36.4上午：无□无□发热□咳嗽□乏力□腹泻□其他代买生活物资王芳" in text
    assert "灰底为发热" not in text


def _case(name: str, days: int, kind: str = "居家隔离") -> IsolationCase:
    return IsolationCase(name, "幸福里小区 1栋101", START, START + timedelta(days=days - 1), kind=kind)


def test_each_persons_health_sheet_is_numbered_on_its_own(tmp_path):
    path = tmp_path / "health.pdf"
    cases = [_case("甲", 14), _case("乙", 30), _case("丙", 14)]       # 乙's isolation extended: two pages
    printed = health_sheet.print_health_sheets(path, cases, Office("新民社区居民委员会"))
    numbers = [squeeze(t).split("居家隔离人员")[0] for t in page_texts(path)]
    assert numbers == ["第1页共1页", "第1页共2页", "第2页共2页", "第1页共1页"]
    # Named by its own days (the list called every one 14天健康监测记录表).
    assert [re.findall(r"（共(\d+)天）", squeeze(t)) for t in page_texts(path)] == [["14"], ["30"], ["30"], ["14"]]
    assert FORMS["health-sheet"].title == "健康监测记录表"
    assert printed.pages == 4


def test_a_medical_observations_paper_speaks_of_observation(tmp_path):
    office = Office("新民社区居民委员会", "027-88886666")
    observed, isolated = _case("王观察", 14, "医学观察"), _case("李隔离", 14)
    notices = tmp_path / "notice.pdf"
    isolation_notice.print_isolation_notices(notices, [observed, isolated], office)
    first, second = (squeeze(t) for t in page_texts(notices))
    assert first.count("医学观察告知书") == 2 and first.count("观察期间请做到") == 2
    assert first.count("被观察人（或监护人）签字") == 2 and "隔离" not in first
    assert second.count("隔离期间请做到") == 2 and second.count("被隔离人（或监护人）签字") == 2

    sheets = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(sheets, [observed], office)
    text = squeeze(page_texts(sheets)[0])
    assert "医学观察人员健康监测记录表" in text and "观察期：2026-11-22至2026-12-05" in text
    assert "隔离" not in text

    signs = tmp_path / "sign.pdf"
    door_sign.print_door_signs(signs, [observed], office)
    text = squeeze(page_texts(signs)[0])
    assert "医学观察" in text and "观察期：11月22日至12月5日" in text and "隔离" not in text


def test_an_observation_started_in_the_program_is_printed_as_one(app_ctx, small_community, tmp_path):
    book = IsolationBook(app_ctx.db, app_ctx.register)
    book.start(small_community["people"]["王租客"].id, "observation", "入境", START, START)
    for form in ("isolation-notice", "health-sheet", "door-sign"):
        path = tmp_path / f"{form}.pdf"
        print_form(app_ctx.register, PrintRequest(form, day=START), path)
        text = squeeze("".join(page_texts(path)))
        assert "观察期" in text and "隔离" not in text, form


def test_a_village_group_s_isolated_household_in_a_city_community_keeps_a_villager_s_copy(
        app_ctx, small_community, tmp_path):
    """The notice for 王家湾组 12号 (a village group of the city community) said 居民留存联:
    the household's copy is in its place's words, the stub still the community's."""
    book = IsolationBook(app_ctx.db, app_ctx.register)
    for name in ("王大爷", "张三"):
        book.start(small_community["people"][name].id, "home_isolation", "密切接触者", START, START)
    path = tmp_path / "notice.pdf"
    print_form(app_ctx.register, PrintRequest("isolation-notice", day=START), path)
    pages = {("王大爷" if "王大爷" in t else "张三"): t for t in map(squeeze, page_texts(path))}
    assert "（村民留存联）" in pages["王大爷"] and "（居民留存联）" not in pages["王大爷"]
    assert "（居民留存联）" in pages["张三"] and "村民" not in pages["张三"]
    for text in pages.values():
        assert "（社区存根联）" in text and "立即报告社区" in text and "社区工作人员签字" in text
