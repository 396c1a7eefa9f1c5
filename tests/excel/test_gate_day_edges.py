"""A gate ledger's day where the sheet leaves it to be worked out: a time going backwards under
a day written above, a day written without its year near New Year, a 日期 cell carried down
with a time in it."""
from datetime import date, datetime

from tests.excel.conftest import write_book

HEADER = ["日期", "时间", "姓名", "进出"]


def _plan(app_ctx, path, **kw):
    from desktop.excel.importer import plan_import
    return plan_import(app_ctx, path, "gate", **kw)


def _said(plan):
    return {r.draft.full_name: (r.draft.at, [w.message for w in r.warnings]) for r in plan.good}


def test_a_row_typed_out_of_order_keeps_its_day_and_a_night_watch_goes_past_midnight(app_ctx, tmp_path):
    """20:00 then 05:30 under one day written above, and the log goes on in the evening: the
    05:30 row was typed late, not after midnight; it stays on its day, said to check. A night
    watch whose small hours go on forward is on the next day, as before."""
    typed_late = write_book(tmp_path / "late.xlsx", {"出入": [
        HEADER, ["2020/2/10", "08:00", "张一", "出"], ["", "20:00", "张二", "进"],
        ["", "05:30", "张三", "出"], ["", "20:30", "张四", "进"]]})
    got = _said(_plan(app_ctx, typed_late))
    assert got["张三"][0] == datetime(2020, 2, 10, 5, 30)
    assert got["张三"][1] == ["这一行的时间（05:30）早于上一行（20:00），时间顺序不对；日期仍按2月10日导入，请核对。"]
    assert got["张四"] == (datetime(2020, 2, 10, 20, 30), [])
    # A time earlier than the row above in the day: the same warning, the same day.
    day_late = write_book(tmp_path / "day.xlsx", {"出入": [
        HEADER, ["2020/2/10", "14:00", "张一", "出"], ["", "09:15", "张二", "进"], ["", "15:00", "张三", "进"]]})
    got = _said(_plan(app_ctx, day_late))
    assert got["张二"] == (datetime(2020, 2, 10, 9, 15),
                          ["这一行的时间（09:15）早于上一行（14:00），时间顺序不对；日期仍按2月10日导入，请核对。"])
    assert got["张三"] == (datetime(2020, 2, 10, 15, 0), [])
    night = write_book(tmp_path / "night.xlsx", {"出入": [
        HEADER, ["2020/2/10", "22:30", "张一", "进"], ["", "23:50", "张二", "出"],
        ["", "0:20", "张三", "进"], ["", "06:10", "张四", "出"]]})
    got = _said(_plan(app_ctx, night))
    assert got["张三"] == (datetime(2020, 2, 11, 0, 20), ["这一行的时间早于上一行，日期却没有换，按过了半夜、2月11日导入，请核对。"])
    assert got["张四"] == (datetime(2020, 2, 11, 6, 10), [])


def test_a_night_watch_under_a_merged_day_goes_past_midnight_as_under_a_blank_one(app_ctx, tmp_path):
    """日期 written once and merged over the night's rows: 0:20 after 23:50 stayed on 2月10日 (only
    a blank or 〃 below a written day went through the midnight rule). The same rule for both."""
    night = write_book(tmp_path / "merged.xlsx", {"出入": [
        HEADER, ["2020/2/10", "22:30", "张一", "进"], [None, "23:50", "张二", "出"],
        [None, "0:20", "张三", "进"], [None, "06:10", "张四", "出"]]}, merged={"出入": ["A2:A5"]})
    got = _said(_plan(app_ctx, night))
    assert got["张二"] == (datetime(2020, 2, 10, 23, 50), [])
    assert got["张三"] == (datetime(2020, 2, 11, 0, 20), ["这一行的时间早于上一行，日期却没有换，按过了半夜、2月11日导入，请核对。"])
    assert got["张四"] == (datetime(2020, 2, 11, 6, 10), [])


def test_a_day_without_its_year_near_new_year_is_the_closest_to_the_logs_day(app_ctx, tmp_path):
    """A log of 2020-12-31 (--date) going on to 1月1日: 2021-01-01, not 2020-01-01 a year back."""
    path = write_book(tmp_path / "ny.xlsx", {"出入": [
        HEADER, ["12月31日", "23:00", "张一", "进"], ["1月1日", "00:30", "张二", "出"]]})
    got = _said(_plan(app_ctx, path, day=date(2020, 12, 31)))
    assert got["张一"] == (datetime(2020, 12, 31, 23, 0), [])
    assert got["张二"] == (datetime(2021, 1, 1, 0, 30),
                          ["日期没有写年份，按离这份登记的日期（2020-12-31）最近的2021年导入，请核对。"])


def test_a_date_cell_with_a_time_carried_down_leaves_each_row_its_own_time(app_ctx, tmp_path):
    """'2020/2/10 8:00' written once over the day's rows (left blank below, or merged): each row
    is at its own 时间, not all at 8:00. A row below that left its 时间 blank took 8:00 without a
    word: it has no time, said, and is handed back with its day to be filled in."""
    path = write_book(tmp_path / "dt.xlsx", {"出入": [
        HEADER, ["2020/2/10 8:00", "08:00", "张一", "出"], ["", "09:40", "张二", "进"], ["", "", "王二", "进"],
        [datetime(2020, 2, 11, 7, 0), "07:05", "张三", "出"], [None, "10:20", "张四", "进"], [None, None, "王四", "出"]]},
        merged={"出入": ["A5:A7"]})
    plan = _plan(app_ctx, path)
    got = _said(plan)
    assert {k: v[0] for k, v in got.items()} == {
        "张一": datetime(2020, 2, 10, 8, 0), "张二": datetime(2020, 2, 10, 9, 40),
        "张三": datetime(2020, 2, 11, 7, 5), "张四": datetime(2020, 2, 11, 10, 20)}
    assert {r.cells[2]: [e.message for e in r.errors] for r in plan.bad} == {
        "王二": ["这一行没有写时间（上面日期格里的08:00是第一行的时间，不是这一行的），请填写这一行的时间。"],
        "王四": ["这一行没有写时间（上面日期格里的07:00是第一行的时间，不是这一行的），请填写这一行的时间。"]}


def test_a_sheet_a_day_kept_past_midnight_goes_on_the_next_day(app_ctx, tmp_path):
    """A sheet per day (2.5, 2.6) with no 日期 column: the night watch's 0:20 and 5:40 after
    23:50 were put on the sheet's own day, before the evening they followed. Past midnight they
    are on the next day (said once, as under a day written above); a sheet-day row typed out of
    order keeps its day, said."""
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for name, rows in (("2.5", [("20:10", "张一"), ("23:50", "张二"), ("0:20", "张三"), ("5:40", "张四")]),
                       ("2.6", [("9:00", "张五"), ("8:30", "张六")])):
        ws = book.create_sheet(name)
        ws.append(["卡口出入登记表（2020年）"])
        ws.append(["时间", "姓名", "进出"])
        for at, who in rows:
            ws.append([at, who, "进"])
    book.save(path := tmp_path / "每天一张.xlsx")
    plan = _plan(app_ctx, path)
    got = _said(plan)
    assert {k: v[0] for k, v in got.items()} == {
        "张一": datetime(2020, 2, 5, 20, 10), "张二": datetime(2020, 2, 5, 23, 50), "张三": datetime(2020, 2, 6, 0, 20),
        "张四": datetime(2020, 2, 6, 5, 40), "张五": datetime(2020, 2, 6, 9, 0), "张六": datetime(2020, 2, 6, 8, 30)}
    assert got["张三"][1] == ["这一行的时间早于上一行，日期却没有换，按过了半夜、2月6日导入，请核对。"]
    assert got["张六"][1] == ["这一行的时间（08:30）早于上一行（09:00），时间顺序不对；日期仍按2月6日导入，请核对。"]
    # The preview shows each passage's day, though the sheet has no 日期 column: 5:40 under 2.5 is
    # on 2月6日 (it showed the time alone).
    from desktop.excel.importer import display_fields, display_values
    fields = display_fields(plan)
    assert fields[0] == ("date", "日期")
    assert [display_values(plan, r, fields)[0] for r in plan.good][2:4] == ["2020-02-06", "2020-02-06"]


def test_a_day_typed_as_a_number_that_lost_its_zero(app_ctx, tmp_path):
    """2.20 typed into a number cell is kept by Excel as 2.2: the passages of 2月20日 went on
    2月2日 without a word. A day of one decimal is read as the reading nearer the rows around
    it (the row above, else the row below), said with both readings; 2.3 has no 2月30日."""
    path = write_book(tmp_path / "数字日期.xlsx", {"出入": [
        ["出入登记（2020年）"], HEADER,
        [2.2, "08:00", "张一", "进"], [2.21, "09:00", "张二", "进"], [2.2, "10:00", "张三", "进"],
        [2.3, "11:00", "张四", "进"]]})
    got = _said(_plan(app_ctx, path))
    assert {k: v[0].date() for k, v in got.items()} == {
        "张一": date(2020, 2, 20), "张二": date(2020, 2, 21), "张三": date(2020, 2, 20), "张四": date(2020, 2, 3)}
    assert got["张三"][1] == ["日期写成了数字“2.2”（Excel把2.20存成2.2），可能是2月2日，也可能是2月20日：按前后几行的"
                             "日期导入为2月20日，请核对。日期一列请设成文本格式，或写成2020-02-20。"]
    assert got["张二"][1] == got["张四"][1] == []


def test_a_log_not_in_time_order_moves_no_row_past_midnight(app_ctx, tmp_path):
    """A log sorted by name: one evening-to-small-hours step (20:00, 0:30, 7:00) read as midnight
    moved every later row of the day to the next day, only the crossing row warned. A step back
    after a crossing, or many steps back, say the sheet is not in time order: no row is moved,
    and one notice for the sheet says so instead of a warning on every other row."""
    path = write_book(tmp_path / "按姓名排序.xlsx", {
        "2月10日": [HEADER, ["2020/2/10", "20:00", "陈一", "进"], ["", "0:30", "陈二", "出"],
                  ["", "07:00", "李三", "进"], ["", "06:30", "王四", "出"], ["", "15:00", "张五", "进"]],
        "2月12日": [HEADER, ["2020/2/12", "09:00", "赵一", "进"], ["", "08:00", "赵二", "进"],
                  ["", "10:00", "赵三", "进"], ["", "07:00", "赵四", "进"], ["", "11:00", "赵五", "进"],
                  ["", "06:00", "赵六", "进"]],
        # A night watch writing each day once, every night past midnight: in time order.
        "夜班": [HEADER, *[row for d in (20, 21, 22, 23) for row in (
            [f"2020/2/{d}", "22:00", f"夜{d}", "进"], ["", "0:30", f"凌{d}", "出"], ["", "06:00", f"早{d}", "进"])]]})
    plan = _plan(app_ctx, path)
    got = _said(plan)
    assert {k: v[0].date() for k, v in got.items() if k[0] in "陈李王张赵"} == {
        **{k: date(2020, 2, 10) for k in ("陈一", "陈二", "李三", "王四", "张五")},
        **{k: date(2020, 2, 12) for k in ("赵一", "赵二", "赵三", "赵四", "赵五", "赵六")}}
    assert [w for k, (_, w) in got.items() if w and k[0] in "陈李王张赵"] == []
    assert [got[f"凌{d}"][0] for d in (20, 21, 22, 23)] == [datetime(2020, 2, d + 1, 0, 30) for d in (20, 21, 22, 23)]
    assert [x for x in plan.notices if "先后顺序" in x] == [
        "工作表“2月10日”的时间不是按先后顺序排的（有2处时间比上一行早，可能按姓名等排过序），所以没有把任何一行当作"
        "过了半夜而改到第二天：每一行都按它所在的日期导入。如果有半夜12点以后的记录，请在那些行写上日期，"
        "或按日期、时间排好序后再导入。",
        "工作表“2月12日”的时间不是按先后顺序排的（有3处时间比上一行早，可能按姓名等排过序），所以没有把任何一行当作"
        "过了半夜而改到第二天：每一行都按它所在的日期导入。如果有半夜12点以后的记录，请在那些行写上日期，"
        "或按日期、时间排好序后再导入。"]


def test_a_refused_passage_does_not_say_on_which_day_it_was_imported(app_ctx, tmp_path):
    """A passage refused (no 进/出) under a day without its year, out of order, its temperature a
    word: its warnings said 按…年导入 / 日期仍按…导入 / 不带体温导入. It was not imported: they say
    what to check."""
    path = write_book(tmp_path / "r.xlsx", {"出入": [
        HEADER + ["体温"], ["2月10日", "20:00", "张一", "出", "36.5"], ["", "05:30", "张二", "", "正常"]]})
    refused = _plan(app_ctx, path).bad
    assert [r.draft is None and r.row for r in refused] == [3]
    said = [w.message for w in refused[0].warnings]
    assert said and not [m for m in said if "导入" in m], said
