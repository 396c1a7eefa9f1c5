"""Results from an Excel sheet filled by canvassers, through the ledger import (kind canvass)."""
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.excel.canvass_kind import write_round_sheet
from desktop.excel.importer import apply_import, plan_import
from tests.canvass.conftest import TODAY


def _fill(path, values: dict):
    """Fill the handed-out sheet as a canvasser would: {name: {header: value}}."""
    book = load_workbook(path)
    ws = book.active
    headers = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        name = row[headers.index("姓名")].value
        for header, value in values.get(name, {}).items():
            row[headers.index(header)].value = value
    book.save(path)


def test_a_filled_sheet_imports_one_result_per_household(app_ctx, canvass, community, tmp_path):
    canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    canvass.create_round("第二轮摸排", TODAY, starts_on="2020-02-19")
    first = canvass.round_named("第一轮摸排")
    sheet = tmp_path / "摸排录入.xlsx"
    assert write_round_sheet(app_ctx, first.id, sheet) == 6         # one row per person
    _fill(sheet, {
        "张三": {"摸排结果": "已访", "摸排人": "刘网格", "走访日期": "2020-02-19"},
        "张小明": {"发热": "是", "外地返回": "武汉"},
        "王租客": {"摸排结果": "不在家", "摸排人": "刘网格"},
        "王大爷": {"摸排结果": "拒访", "摸排人": "王志愿"},
        "陈独居": {"摸排结果": "已访", "需要帮助": "买药", "摸排人": "王志愿", "走访日期": "2020-02-30"},
    })
    plan = plan_import(app_ctx, sheet, "canvass", today=TODAY)
    assert [r.reason for r in plan.bad] == ["日期不存在：2020-02-30 这一天没有，2020年2月只有29天。"]
    result = apply_import(app_ctx, plan)
    assert result.rejected == 1
    roll = {r.address: r for r in canvass.roll(first.id)}           # the title named the first round
    assert roll["幸福里小区 3栋2单元501"].outcome == "visited"
    assert roll["幸福里小区 3栋2单元501"].visited_on == "2020-02-19"
    zhang = community["people"]["张小明"].id
    assert roll["幸福里小区 3栋2单元501"].answers[zhang] == {
        "fever": True, "arrived": "武汉", "cough": False, "contact": False, "needs": False}
    assert roll["幸福里小区 3栋1单元101"].outcome == "nobody_home"
    assert roll["王家湾组 12号"].outcome == "refused"
    assert roll["幸福里小区 4栋102"].outcome is None                 # its only row was refused
    assert [f.full_name for f in canvass.flagged(first.id)] == ["张小明"]
    assert canvass.overall(canvass.round_named("第二轮摸排").id, TODAY).not_reached == 4


def test_command_line_import_of_canvass_kind(app_ctx, canvass, community, tmp_path, capsys):
    from desktop import cli
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, rnd.id, sheet)
    _fill(sheet, {"王大爷": {"摸排结果": "无人", "摸排人": "王志愿"}, "张三": {"摸排结果": "开会"}})
    assert cli.main(["import", str(sheet), "--db", str(app_ctx.db.path), "--kind", "canvass"]) == 0
    assert "已导入1行，未导入1行" in capsys.readouterr().out
    assert canvass.result_by_code(rnd.id, 4).outcome == "nobody_home"


def test_the_offices_own_question_travels_through_the_sheet(app_ctx, canvass, community, tmp_path):
    """A question the office added (是否接种疫苗) gets its column on the handed-out sheet, and the
    canvassers' answers in it come back with the result; a word that is no answer is refused
    with its row, the rest of the sheet imported."""
    from desktop.canvass.questions import BUILTIN_CODES, add_question
    vaccine = add_question(app_ctx.db, "是否接种疫苗")
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18",
                               questions=[*BUILTIN_CODES, vaccine.code])
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, rnd.id, sheet)
    headers = [c.value for c in load_workbook(sheet).active[2]]
    assert "是否接种疫苗" in headers
    _fill(sheet, {
        "张三": {"摸排结果": "已访", "是否接种疫苗": "是", "摸排人": "刘网格"},
        "张小明": {"是否接种疫苗": "否"},
        "陈独居": {"是否接种疫苗": "√", "摸排人": "王志愿"},   # no result written: the answer says visited
        "王大爷": {"摸排结果": "已访", "是否接种疫苗": "打了一针"},
    })
    plan = plan_import(app_ctx, sheet, "canvass", today=TODAY)
    result = apply_import(app_ctx, plan)
    roll = {r.address: r for r in canvass.roll(rnd.id)}
    people = community["people"]
    home = roll["幸福里小区 3栋2单元501"]
    assert home.outcome == "visited"
    assert home.answers[people["张三"].id][vaccine.code] is True
    assert home.answers[people["张小明"].id][vaccine.code] is False
    lone = [r for r in roll.values() if people["陈独居"].id in r.answers]
    assert lone and lone[0].outcome == "visited" and lone[0].answers[people["陈独居"].id][vaccine.code] is True
    assert roll["王家湾组 12号"].outcome is None                      # refused, not half-written
    # The preview knows the refused row already (the write is rehearsed), with its sheet and row.
    assert result.rejected == 1 and [r.where() for r in plan.bad] == [f"“{rnd.name}”第8行"]
    assert "打了一针" in plan.bad[0].reason


def test_a_household_refused_when_written_is_in_the_dry_run_and_the_errors_workbook(
        app_ctx, canvass, community, tmp_path, capsys):
    from desktop import cli
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, rnd.id, sheet)
    _fill(sheet, {"张三": {"摸排结果": "已访", "摸排人": "刘网格", "走访日期": "2020-02-19"},
                  # Before the round began: the canvass book refuses it, not the sheet's checks.
                  "王大爷": {"摸排结果": "已访", "摸排人": "王志愿", "走访日期": "2020-02-10"}})
    command = ["import", str(sheet), "--db", str(app_ctx.db.path), "--kind", "canvass"]
    assert cli.main(command + ["--dry-run"]) == 0
    dry = capsys.readouterr()
    assert "正式导入将导入3行，未导入1行（新增3，更新0，未变2）" in dry.out
    assert "“第一轮摸排”第8行：这一轮从2020-02-18开始" in dry.err
    assert canvass.result_by_code(rnd.id, 1).outcome is None            # the dry run wrote nothing
    errors = tmp_path / "错误行.xlsx"
    assert cli.main(command + ["--errors", str(errors)]) == 0
    real = capsys.readouterr()
    assert "已导入3行，未导入1行（新增3，更新0，未变2）" in real.out
    assert "“第一轮摸排”第8行：这一轮从2020-02-18开始" in real.err
    rows = [[c.value for c in r] for r in load_workbook(errors).active.iter_rows()]
    assert [(r[2], r[-1]) for r in rows if r[-1] == 8] == [("王大爷", 8)]
    assert "这一轮从2020-02-18开始" in rows[-1][-2]


@pytest.mark.gui
def test_a_filled_sheet_chosen_in_the_import_window_is_previewed_and_imported_as_canvass_results(
        qtbot, qt_zh, app_ctx, canvass, community, tmp_path, monkeypatch):
    """The import window left on 按表头自动识别 and a filled canvass sheet chosen: it is read as
    canvass results. Its preview showed 摸排结果 as visited / nobody_home and the answers (发热
    是) blank; after the import the canvass page was not told (the window said 'register').
    Checked first as 关爱名单, the notice sent the clerk to the 滚动摸排 page's own import, though
    this window reads the sheet: it names the kind box's 按表头自动识别 (the box has no 摸排结果)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox
    from ui.dialogs.import_wizard import ImportWizard
    from ui.events import DataEvents
    from ui.workers.task import InlineRunner
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, rnd.id, sheet)
    _fill(sheet, {"张三": {"摸排结果": "已访", "摸排人": "刘网格", "走访日期": "2020-02-19"},
                  "张小明": {"发热": "是", "外地返回": "武汉"},
                  "王大爷": {"摸排结果": "无人", "摸排人": "王志愿"}})
    events, told = DataEvents(), []
    events.changed.connect(told.append)
    w = ImportWizard(app_ctx, events, None, path=sheet)
    w.runner = InlineRunner()
    qtbot.addWidget(w)
    assert w.kind_combo.currentText() == "按表头自动识别"
    w.kind_combo.setCurrentIndex(w.kind_combo.findData("care"))         # the clerk's slip
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    said = w.summary.text()
    assert "看起来是摸排结果" in said and "请在上方“台账类型”里改选“按表头自动识别”，再点“检查文件”" in said
    assert "滚动摸排" not in said
    w.kind_combo.setCurrentIndex(0)                                     # as it says
    qtbot.mouseClick(w.check_button, Qt.LeftButton)
    model = w.model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert w.plan.kind == "canvass" and not w.plan.bad and "摸排结果" in headers
    shown = {row[headers.index("姓名")]: row for row in
             ([model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount()))}
    assert shown["张三"][headers.index("摸排结果")] == "已访" and shown["王大爷"][headers.index("摸排结果")] == "无人在家"
    assert (shown["张小明"][headers.index("发热")], shown["张小明"][headers.index("外地返回")]) == ("是", "武汉")
    qtbot.mouseClick(w.import_button, Qt.LeftButton)
    assert canvass.result_by_code(rnd.id, 4).outcome == "nobody_home"
    assert canvass.result_by_code(rnd.id, 2).answers[community["people"]["张小明"].id]["fever"] is True
    assert told == [frozenset({"canvass"})]                     # the canvass page reloads



def test_a_sheet_with_the_name_in_surname_and_given_name_columns_finds_each_person(app_ctx, canvass, community,
                                                                                   tmp_path):
    """A canvass sheet kept the name as 姓 | 名 (two columns, or 姓名 merged over both): only 姓
    was read, so 张小明's fever came back as '张不是这一户登记的人' and the row was refused. The
    two are joined into the name, as a register import joins them."""
    rnd = canvass.create_round("第一轮摸排", TODAY, starts_on="2020-02-18")
    sheet = tmp_path / "摸排录入.xlsx"
    write_round_sheet(app_ctx, rnd.id, sheet)
    _fill(sheet, {"张三": {"摸排结果": "已访", "摸排人": "刘网格"}, "张小明": {"发热": "是"}})
    for merged in (False, True):
        book = load_workbook(sheet)
        ws = book.active
        ws.insert_cols(4)
        for row in ws.iter_rows(min_row=3):
            row[2].value, row[3].value = row[2].value[:1], row[2].value[1:]
        if merged:                                  # 姓名 over both, no 姓 | 名 row under it
            ws.merge_cells("C2:D2")
        else:
            ws["C2"], ws["D2"] = "姓", "名"
        book.save(tmp_path / "split.xlsx")
        plan = plan_import(app_ctx, tmp_path / "split.xlsx", "canvass", today=TODAY)
        assert not plan.bad, [r.reason for r in plan.bad]
        assert {r.draft.full_name for r in plan.good} == {"张三", "李梅", "张小明", "王租客", "王大爷", "陈独居"}
    apply_import(app_ctx, plan)
    home = {r.address: r for r in canvass.roll(rnd.id)}["幸福里小区 3栋2单元501"]
    assert home.outcome == "visited" and home.answers[community["people"]["张小明"].id]["fever"] is True
