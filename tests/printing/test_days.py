"""An isolation counts both ends, on screen and on paper alike (issue 13, point 7): 11-22 to
12-05 is 14 days; the notice says 共14天 and the health sheet has 14 rows, 12-05 included."""
from datetime import date

from desktop.care.due import day_of_period, period_days, period_end, period_length
from desktop.care.isolation import IsolationBook
from desktop.printing import feeds, health_sheet, isolation_notice
from desktop.printing.records import IsolationCase, Office
from tests.printing.conftest import page_texts, squeeze

START, END = date(2026, 11, 22), date(2026, 12, 5)


def test_a_period_counts_both_ends():
    days = period_days(START, END)
    assert len(days) == period_length(START, END) == 14
    assert (days[0], days[-1]) == (START, END)
    assert period_end(START, 14) == END
    assert day_of_period(START, START) == 1 and day_of_period(START, END) == 14
    assert period_length("2026-12-05", "2026-12-05") == 1


def _case():
    return IsolationCase("李四", "幸福里小区 1栋101", START, END)


def test_the_notice_says_fourteen_days_for_11_22_to_12_05(tmp_path):
    path = tmp_path / "notice.pdf"
    isolation_notice.print_isolation_notices(path, [_case()], Office("幸福里社区居民委员会"))
    text = squeeze(page_texts(path)[0])
    assert "2026年11月22日起至2026年12月5日止（共14天）" in text


def test_the_health_sheet_has_fourteen_rows_the_last_day_included(tmp_path):
    path = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(path, [_case()], Office("幸福里社区居民委员会"))
    text = squeeze("".join(page_texts(path)))
    rows = text.split("2026-12-05")[-1]                # after the heading's period
    assert "1411月22日" not in rows
    assert "112月5日" not in rows
    assert "111月22日" in rows and "1412月5日" in rows
    assert "15" + "12月6日" not in rows and "12月6日" not in rows


def test_screen_and_paper_agree_on_an_episode_started_in_the_window(app_ctx, small_community, tmp_path):
    person = small_community["people"]["张小明"]
    book = IsolationBook(app_ctx.db, app_ctx.register)
    episode = book.start(person.id, "home_isolation", "密切接触者", START.isoformat(), START, planned_days=14)
    assert episode.planned_end_on == END.isoformat()
    [item] = book.today_list(END)
    assert item.day_number == 14                        # the screen: day 14 of 14
    [case] = feeds.isolation_cases(app_ctx.register, today=END)
    path = tmp_path / "notice.pdf"
    isolation_notice.print_isolation_notices(path, [case], Office())
    assert "（共14天）" in squeeze(page_texts(path)[0])
