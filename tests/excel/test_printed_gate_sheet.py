"""The printed blank gate sheet (出入登记表) round trip: the guard fills it on a day the PC was
down, a clerk types it up in Excel under the sheet's own headings, and it is imported. The
headings are read from the printing code, so the two cannot drift apart."""
from datetime import date

import pytest

from desktop.place_words import CITY
from desktop.printing.gate_sheet import columns
from tests.excel.conftest import write_book

# The heading line of a sheet printed before it had a 日期 column, as a clerk copies it above
# the columns; the day was written by hand on the paper (and often left as the blank line when typed).
BLANK_DAY = "日期：______年____月____日    体温≥37.3℃的请立即报告"
PRINTED = [c.title for c in columns(CITY)]
UNDATED = PRINTED[1:]                     # such an old sheet's columns: no 日期


def _typed_sheet(path, day_line: str, rows: list[list]):
    """A typed-up sheet: the heading, the printed columns, ``rows`` in the printed order
    (日期, 时间, 进/出, 姓名, 房号/地址, 联系电话, 体温, 车牌, 从何处来, 事由/探访何人, 处理, 值守人);
    rows without their first cell are of an old sheet, printed without the 日期 column."""
    headings = PRINTED if len(rows[0]) == len(PRINTED) else UNDATED
    assert all(len(r) == len(headings) for r in rows)
    return write_book(path, {"Sheet1": [["出入人员车辆登记表"], ["幸福里社区    卡口：东门"], [day_line], headings, *rows]})


GUARD_ROWS = [
    ["8:00", "出", "张三", "3-2-501", "", "36.5", "", "", "买菜", "放行", "老李"],
    # A visitor: home address in the door column, whom they came to see after the "/".
    ["9:00", "进", "刘访客", "武汉市洪山区珞喻路1号", "13912345678", "36.6", "", "武昌", "探亲/3-2-501 张三", "放行", "老李"],
    # A visitor the guard marked so, without a "/": the whole cell is whom they came to see.
    ["9:30", "访客", "周师傅", "汉口", "", "36.4", "", "", "3-1-101 王租客", "", "老李"],
    # A resident whose reason has a "/" too: still found at her door.
    ["10:00", "出", "李梅", "3-2-501", "", "36.3", "", "", "买菜/药", "", "老李"],
]


def test_a_typed_gate_sheet_without_a_day_is_refused_until_the_day_is_given(app_ctx, small_community, tmp_path,
                                                                           capsys):
    """The printed sheet has no 日期 column: every row was refused with "请填写日期" (the clerk
    could not add one). Now the command asks for --date, then imports the day's passages."""
    from desktop.cli import main
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import day_entries
    from desktop.printing.feeds import gate_log
    add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    path = _typed_sheet(tmp_path / "g.xlsx", BLANK_DAY, GUARD_ROWS)
    db = str(tmp_path / "register.db")
    assert main(["import", str(path), "--db", db, "--kind", "gate"]) == 1
    out, err = capsys.readouterr()
    assert "没有“日期”列" in err and "--date 2020-02-14" in err and "第5行" not in err and not out
    assert day_entries(app_ctx.db, "2020-02-14") == [] and day_entries(app_ctx.db, date.today().isoformat()) == []

    assert main(["import", str(path), "--db", db, "--kind", "gate", "--date", "2020-02-14"]) == 0
    assert "已导入4行，未导入0行" in capsys.readouterr().out
    got = {e.holder_name: e for e in day_entries(app_ctx.db, "2020-02-14")}
    zhang = small_community["people"]["张三"]
    assert (got["张三"].person_id, got["张三"].note) == (zhang.id, "事由：买菜；登记人：老李")
    # Visitors: not looked up as residents (no "户籍台账里没有…请核对"), their host kept as the
    # gate screen keeps it (the log's 住址/探访 column: the household at the door written, linked
    # as the visitor form links it), their home address kept in the note.
    assert got["刘访客"].address == "访：幸福里小区 3栋2单元501 张三" and got["刘访客"].person_id is None
    assert "住址：武汉市洪山区珞喻路1号" in got["刘访客"].note and "户籍台账" not in got["刘访客"].note
    assert "事由" not in got["刘访客"].note
    assert (got["周师傅"].address, got["周师傅"].direction) == ("访：幸福里小区 3栋1单元101 王租客", "in")
    assert "户籍台账" not in got["周师傅"].note
    assert got["李梅"].person_id == small_community["people"]["李梅"].id
    # Printed again, the day's sheet says what the guard wrote under 事由/探访何人.
    _, printed = gate_log(app_ctx.register, "幸福里东门", date(2020, 2, 14))
    said = {e.name: e.reason.split(" 电话")[0] for e in printed}
    assert said["刘访客"].startswith("探亲 探访张三") and said["周师傅"].startswith("王租客")
    doors = {e.name: e.door for e in printed}
    assert (doors["刘访客"], doors["周师傅"]) == ("访：幸福里小区 3栋2单元501", "访：幸福里小区 3栋1单元101")


def test_a_sheet_kept_over_midnight_is_typed_back_with_its_days(app_ctx, small_community, tmp_path):
    """The blank sheet had one day line for the page, so a night watch's page (22:30 on the
    14th, 0:20 on the 15th) could not be typed back: the import took every row as of one day.
    The sheet has a 日期 column now, filled on a page's first row and after midnight, the rows
    between left blank or 〃; the typed sheet imports each passage on its own day (past
    midnight under the day above if the guard forgot to write the new one, said to check)."""
    from desktop.excel.importer import apply_import, missing_day, plan_import
    from desktop.gate.log import day_entries
    from desktop.printing.gate_sheet import print_blank_gate_sheets
    from desktop.printing.records import Office
    from tests.printing.conftest import page_texts, squeeze
    blank = tmp_path / "blank.pdf"
    print_blank_gate_sheets(blank, Office("幸福里社区居民委员会"), "幸福里东门", pages=1)
    printed = squeeze(page_texts(blank)[0])
    assert "日期时间进/出姓名" in printed and "过了半夜的第一行写上几月几日" in printed

    def names_on(day: str) -> list[str]:
        return [e.holder_name for e in sorted(day_entries(app_ctx.db, day), key=lambda e: e.at)]
    night = _typed_sheet(tmp_path / "night.xlsx", "年份：2020年    “日期”栏：…", [
        ["2月14日", "22:30", "进", "张三", "3-2-501", "", "36.5", "", "", "", "放行", "老李"],
        ["", "23:50", "出", "李梅", "3-2-501", "", "36.3", "", "", "买药", "放行", "老李"],
        ["", "0:20", "进", "李梅", "3-2-501", "", "36.4", "", "", "", "放行", "老李"],     # 2月15日 forgotten
        ["〃", "6:10", "出", "张三", "3-2-501", "", "36.6", "", "", "上班", "放行", "小王"]])
    plan = plan_import(app_ctx, night, "gate")
    assert missing_day(plan) is None and len(plan.good) == 4 and not plan.bad
    assert [[w.message for w in r.warnings] for r in plan.good] == [
        [], [], ["这一行的时间早于上一行，日期却没有换，按过了半夜、2月15日导入，请核对。"], []]
    apply_import(app_ctx, plan)
    assert (names_on("2020-02-14"), names_on("2020-02-15")) == (["张三", "李梅"], ["李梅", "张三"])
    # The 日期 column left blank at the top: the day is asked (--date, the window's day field),
    # and a later row's 2月17日 without a year is of that day's year, not the year it is typed in.
    late = _typed_sheet(tmp_path / "late.xlsx", "年份：______年", [
        ["", "23:40", "进", "张三", "3-2-501", "", "36.5", "", "", "", "放行", "老李"],
        ["2月17日", "0:15", "出", "李梅", "3-2-501", "", "36.3", "", "", "", "放行", "老李"]])
    asked = missing_day(plan_import(app_ctx, late, "gate"))
    assert "开头几行的日期空着" in asked.message
    # each where it is read: the window's day field (it said "（命令行用 --date …）"), --date
    assert asked.message.endswith("（在上方“登记日期”里填写，例如2020-02-14）。") and "--date" not in asked.message
    assert asked.command.endswith("（加 --date 2020-02-14 这样的日期）。")
    apply_import(app_ctx, plan_import(app_ctx, late, "gate", day=date(2020, 2, 16)))
    assert (names_on("2020-02-16"), names_on("2020-02-17")) == (["张三"], ["李梅"])


def test_the_day_written_in_the_typed_heading_is_the_day_offered(app_ctx, tmp_path):
    """A heading whose day line was filled in gives the day (the window offers it to change);
    a day the clerk gives wins over it."""
    from desktop.excel.importer import missing_day, plan_import
    path = _typed_sheet(tmp_path / "g.xlsx", "日期：2020年2月13日    体温≥37.3℃的请立即报告", GUARD_ROWS[:1])
    plan = plan_import(app_ctx, path, "gate")
    assert (plan.day_asked, plan.day, missing_day(plan)) == (True, date(2020, 2, 13), None)
    assert plan.good[0].draft.at.isoformat() == "2020-02-13T08:00:00"
    given = plan_import(app_ctx, path, "gate", day=date(2020, 2, 12))
    assert given.good[0].draft.at.isoformat() == "2020-02-12T08:00:00"


def test_a_visitor_book_with_a_home_address_is_not_looked_up_in_the_register(app_ctx, small_community, tmp_path):
    """A visitor book (来访人员, in and out times) with the visitor's home in 住址: each row got
    "户籍台账里没有X，没有关联到户籍，请核对" — a visitor is not in the register."""
    from desktop.excel.importer import apply_import, plan_import
    from desktop.gate.log import day_entries
    path = write_book(tmp_path / "v.xlsx", {"访客": [
        ["日期", "来访人员", "住址", "进入时间", "离开时间", "探访对象"],
        ["2020/2/14", "钱七", "青山区和平大道8号", "9:00", "9:40", "3-2-501 张三"],
    ]})
    apply_import(app_ctx, plan_import(app_ctx, path, "gate"))
    came, left = sorted(day_entries(app_ctx.db, "2020-02-14"), key=lambda e: e.at)
    assert (came.direction, came.address, came.note) == ("in", "访：幸福里小区 3栋2单元501 张三", "住址：青山区和平大道8号")
    assert left.direction == "out" and left.note == "住址：青山区和平大道8号"


def test_every_printed_heading_is_read_as_its_own_column():
    """A city's sheet and a village's (门牌): no printed column is left unread, and the one for
    reason and host is read as both (it was read as 事由 only)."""
    from desktop.excel.columns import auto_mapping
    from desktop.place_words import VILLAGE
    for words in (CITY, VILLAGE):
        headings = [c.title for c in columns(words)]
        mapping = auto_mapping(headings, "gate")
        assert len(mapping) == len(headings) and {"door", "reason_visiting"} <= set(mapping.values())


def test_a_visitors_phone_kept_in_the_note_is_masked_for_the_gate(app_ctx, tmp_path, qtbot, qt_zh):
    """A visitor without an ID number has no visitor record: the ledger's phone is kept in the
    passage's note (电话：13912345678). The day view (门岗 › 出入记录) showed it whole to a gate
    account, which sees every other phone masked; now 139****5678 there, whole for the office."""
    from PySide6.QtCore import QDate
    from desktop.accounts import login
    from tests.conftest import logged_in_as
    from desktop.excel.importer import apply_import, plan_import
    from ui.events import DataEvents
    from ui.gate.day_view import DayView
    path = _typed_sheet(tmp_path / "g.xlsx", BLANK_DAY, GUARD_ROWS[1:2])
    apply_import(app_ctx, plan_import(app_ctx, path, "gate", day=date(2020, 2, 14)))
    logged_in_as(app_ctx.db, "老李", "gate", "gate-pass")
    view = DayView(app_ctx, DataEvents())
    qtbot.addWidget(view)
    view.this_gate_only.setChecked(False)
    view.day.setDate(QDate(2020, 2, 14))

    def note() -> str:
        return view.model.data(view.model.index(0, view.model.COLUMNS.index("note")))
    assert "电话：139****5678" in note() and "13912345678" not in note() and "来自：武昌" in note()
    login(app_ctx.db, "书记", "admin-pass")
    view.reload()
    assert "电话：13912345678" in note()


@pytest.mark.gui
def test_a_typed_sheet_s_guard_is_the_guard_on_the_reprinted_log_and_in_the_day_view(
        app_ctx, small_community, tmp_path, qtbot, qt_zh):
    """The day's log printed again from a typed-up sheet said 值守人 admin (the clerk's account
    that imported it) and 老李, who stood at the gate, was only in the note (登记人：老李). Now
    the paper and the day view say 老李（补录）; the audit's recorded_by stays the account."""
    from PySide6.QtCore import QDate
    from desktop.excel.importer import apply_import, plan_import
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
    from desktop.printing.catalogue import PrintRequest, print_form
    from tests.printing.conftest import page_texts, squeeze
    from ui.events import DataEvents
    from ui.gate.day_view import DayView
    gate = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    serve_checkpoint(app_ctx.db, gate.id)
    app_ctx.db.user_name = "admin"
    path = _typed_sheet(tmp_path / "g.xlsx", "日期：2020年2月14日", [
        ["8:00", "出", "张三", "3-2-501", "", "36.5", "", "", "买菜", "放行", "老李"],
        ["9:00", "进", "刘访客", "武汉市洪山区珞喻路1号", "", "36.6", "", "武昌", "探亲/3-2-501 张三", "放行", "老李"],
        ["20:00", "进", "李梅", "3-2-501", "", "36.3", "", "", "", "", "小王"]])
    apply_import(app_ctx, plan_import(app_ctx, path, "gate"))
    with app_ctx.db.reading() as conn:
        assert {r[0] for r in conn.execute("SELECT recorded_by FROM gate_log")} == {"admin"}
    out = tmp_path / "log.pdf"
    print_form(app_ctx.register, PrintRequest("gate-sheet", gate="幸福里东门", day=date(2020, 2, 14), gate_log=True),
               out)
    text = page_texts(out)[0]
    # On one line each (the column is wide enough: not "老李（补" over "录）").
    assert text.count("老李（补录）") == 2 and text.count("小王（补录）") == 1
    assert "admin" not in text and "登记人" not in squeeze(text)     # not in 值守人, nor again in 事由
    day = DayView(app_ctx, DataEvents())
    qtbot.addWidget(day)
    day.day.setDate(QDate(2020, 2, 14))
    model, name, note = day.model, day.model.COLUMNS.index("name"), day.model.COLUMNS.index("note")
    shown = {model.data(model.index(r, name)): model.data(model.index(r, note)) for r in range(model.rowCount())}
    assert shown["张三"] == "值守人：老李（补录） 事由：买菜"          # the guard first, before the note gives way
    assert shown["刘访客"].startswith("值守人：老李（补录）") and shown["李梅"] == "值守人：小王（补录）"
    assert not any("登记人" in text for text in shown.values())


def test_a_typed_sheet_s_phone_and_where_from_are_printed_in_their_columns(app_ctx, small_community, tmp_path):
    """A visitor typed up without an ID number: the reprinted log left 联系电话 and 从何处来
    empty and put 电话：139****5678；来自：武昌 into 事由. Now each is in its column (masked)."""
    from desktop.excel.importer import apply_import, plan_import
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
    from desktop.printing.catalogue import PrintRequest, print_form
    from desktop.printing.feeds import gate_log
    from tests.printing.conftest import page_texts, squeeze
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id).id)
    path = _typed_sheet(tmp_path / "g.xlsx", "日期：2020年2月14日", [
        ["9:00", "进", "刘访客", "武汉市洪山区珞喻路1号", "13912345678", "36.6", "", "武昌", "探亲/3-2-501 张三",
         "放行", "老李"]])
    apply_import(app_ctx, plan_import(app_ctx, path, "gate"))
    (row,) = gate_log(app_ctx.register, "幸福里东门", date(2020, 2, 14))[1]
    assert (row.phone, row.from_place, row.guard) == ("13912345678", "武昌", "老李（补录）")
    # The host's door found in the register is in 房号/地址 (linked as the visitor form links it).
    assert (row.door, row.reason) == ("访：幸福里小区 3栋2单元501", "探亲 探访张三 住址：武汉市洪山区珞喻路1号")
    out = tmp_path / "log.pdf"
    print_form(app_ctx.register, PrintRequest("gate-sheet", gate="幸福里东门", day=date(2020, 2, 14), gate_log=True),
               out)
    text = squeeze(page_texts(out)[0])
    assert "139****5678" in text and "13912345678" not in text and "电话：" not in text and "来自" not in text



def test_a_typed_sheet_s_guard_is_in_the_export_and_a_note_typed_at_the_screen_names_no_guard(
        app_ctx, small_community, tmp_path):
    """The exported 出入登记 workbook had no 值守人 column (the reprinted day log has had one): a
    typed sheet's guard was only in 备注 as 登记人：老李, and who recorded a screen passage was
    nowhere. And a note 登记人：王五 saved with a passage at the screen made the reprinted log say
    值守人 王五（补录）, a guard who never stood there. Now the export's 值守人 is the log's
    (老李（补录）, or the account); only an imported passage's note names a guard (its source,
    which the screen never writes), also once corrected (体温输错了)."""
    from datetime import datetime
    from openpyxl import load_workbook
    from desktop.excel.lists import export_list
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import HistoricalEntry, Passage, record_historical_entry, record_passage, void_entry
    from desktop.gate.subjects import person_subject
    from desktop.printing.feeds import gate_log
    gate = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    app_ctx.db.user_name = "小王"
    # What the typed sheet's import writes for a row whose 值守人 is 老李 (write_gate).
    typed = record_historical_entry(app_ctx.db, HistoricalEntry("张三", at="2020-02-14 08:00", direction="出",
                                                                note="登记人：老李", door="3-2-501", reason="买菜"),
                                    gate.id)
    li = person_subject(app_ctx.register.person(small_community["people"]["李梅"].id))
    record_passage(app_ctx.db, Passage(li, "out", note="登记人：王五"), gate, when=datetime(2020, 2, 14, 9, 0))
    void_entry(app_ctx.db, typed, "体温输错了", corrected={"temperature": 36.8, "outcome": "allowed"})
    # A note typed in a correction is the screen's too, even on an imported passage.
    wang = record_historical_entry(app_ctx.db, HistoricalEntry("王大爷", at="2020-02-14 10:00", direction="出",
                                                               note="登记人：老李", door="12号"), gate.id)
    void_entry(app_ctx.db, wang, "值守人写错了", corrected={"note": "登记人：王五"})
    printed = {e.name: e for e in gate_log(app_ctx.register, "幸福里东门", date(2020, 2, 14))[1]}
    assert (printed["李梅"].guard, printed["李梅"].reason) == ("小王", "登记人：王五")
    assert (printed["张三"].guard, printed["张三"].temperature) == ("老李（补录）", "36.8")
    assert (printed["王大爷"].guard, printed["王大爷"].reason) == ("小王", "登记人：王五")
    assert export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=date(2020, 2, 14)) == 3
    ws = load_workbook(tmp_path / "g.xlsx").active
    header = [c.value for c in ws[2]]
    rows = {r[3]: dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert (rows["张三"]["值守人"], rows["张三"]["备注"]) == ("老李（补录）", "事由：买菜")
    assert (rows["李梅"]["值守人"], rows["李梅"]["备注"]) == ("小王", "登记人：王五")


def test_a_guard_written_inside_a_typed_reason_is_no_guard(app_ctx, small_community, tmp_path):
    """A typed sheet's 事由 cell 买菜；登记人：王五 (the guard column empty) made the reprinted
    log and the export say 值守人 王五（补录）: the import joined the cells with ；and read
    the note's 登记人： part back as the sheet's guard. Now only the 值守人 column names a guard
    (and only 从何处来 where from); the cell's text is kept in 事由/备注."""
    from openpyxl import load_workbook
    from desktop.excel.importer import apply_import, plan_import
    from desktop.excel.lists import export_list
    from desktop.gate.checkpoints import add_checkpoint, serve_checkpoint
    from desktop.printing.feeds import gate_log
    serve_checkpoint(app_ctx.db, add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id).id)
    app_ctx.db.user_name = "admin"
    path = _typed_sheet(tmp_path / "g.xlsx", "日期：2020年2月14日", [
        ["8:00", "出", "张三", "3-2-501", "", "36.5", "", "", "买菜；登记人：王五", "放行", ""],
        ["9:00", "出", "李梅", "3-2-501", "", "36.3", "", "", "买菜；来自：武昌", "放行", "老李"]])
    apply_import(app_ctx, plan_import(app_ctx, path, "gate"))
    printed = {e.name: e for e in gate_log(app_ctx.register, "幸福里东门", date(2020, 2, 14))[1]}
    assert printed["张三"].guard == "admin" and "王五" in printed["张三"].reason
    assert (printed["李梅"].guard, printed["李梅"].from_place) == ("老李（补录）", "")
    assert export_list(app_ctx, "gate-log", tmp_path / "x.xlsx", on=date(2020, 2, 14)) == 2
    ws = load_workbook(tmp_path / "x.xlsx").active
    header = [c.value for c in ws[2]]
    rows = {r[3]: dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["张三"]["值守人"] == "admin" and "登记人：王五" in rows["张三"]["备注"]
    assert rows["李梅"]["值守人"] == "老李（补录）"
