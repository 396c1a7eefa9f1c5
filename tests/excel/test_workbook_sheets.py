"""A workbook of several sheets: one per 小区 (each sheet's rows to its own compound), a care
list kept beside the register (left out, with the reason), and the command line's --sheet."""
import pytest

from desktop.cli import main
from desktop.errors import InputError
from desktop.excel.importer import plan_import
from tests.excel.conftest import write_book
from tests.excel.test_web_exports import LI, ZHANG


def test_a_workbook_of_one_sheet_per_compound_is_imported_sheet_by_sheet_from_the_command_line(
        app_ctx, tmp_path, capsys):
    """Each sheet's rows went into the first sheet's compound; a care list kept beside the
    register was imported as residents; the command line could not take one sheet only."""
    head = ["姓名", "身份证号码", "与户主关系", "楼栋", "单元", "房号"]
    path = write_book(tmp_path / "各小区.xlsx", {
        "幸福里小区": [["幸福里小区居民台账"], head, ["王一", ZHANG, "户主", "3", "1", "101"]],
        "和平里小区": [["和平里小区居民台账"], head, ["赵二", LI, "户主", "5", "1", "201"]],
        "独居老人": [["姓名", "关爱类别", "走访频次", "联系人电话"], ["王一", "独居老人", "每周", "13800138000"]],
        "旧表 (停用)": [head, ["钱三", LI, "户主", "5", "1", "202"]], "二号楼": [head, ["孙四", LI, "户主", "2", "1", "101"]]})
    from openpyxl import load_workbook
    book = load_workbook(path)
    book["旧表 (停用)"].sheet_state = book["二号楼"].sheet_state = "hidden"
    book.save(path)
    plan = plan_import(app_ctx, path, "register")
    assert [(r.draft.person["full_name"], r.draft.compound) for r in plan.good] == [("王一", "幸福里小区"),
                                                                                   ("赵二", "和平里小区")]
    care = plan.sheet_choices[2]
    assert (care.name, care.chosen, care.rows, care.reason) == ("独居老人", False, 1, "看起来是关爱名单，不是户籍台账")
    assert "工作表“独居老人”没有导入：它看起来是关爱名单，不是户籍台账。" in plan.notices[0]
    # A village's: a sheet per 村民小组, named so, the village's title above ('…（一组）').
    head = ["姓名", "身份证号码", "与户主关系", "门牌号"]
    groups = write_book(tmp_path / "村.xlsx", {"一组": [["新民村村民户籍台账（一组）"], head, ["王一", ZHANG, "户主", "12号"]],
                                              "二组": [head, ["赵二", LI, "户主", "3号"]]})
    assert [r.draft.compound for r in plan_import(app_ctx, groups, "register").good] == ["一组", "二组"]
    with pytest.raises(InputError) as e:
        plan_import(app_ctx, path, "register", sheets=["和平"])
    assert e.value.message.startswith("文件里没有工作表“和平”。这个文件的工作表有：“幸福里小区”、“和平里小区”")
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(path), "--db", str(db), "--sheet", "和平里小区"]) == 0
    out, err = capsys.readouterr()
    # The hidden sheets named as the command takes them (it said '加 --sheet 工作表名称'), quoted for the shell.
    assert "已导入1行，未导入0行" in out
    assert "隐藏的工作表没有导入：旧表 (停用)、二号楼（如需导入，加 --sheet '旧表 (停用)' --sheet 二号楼，连同" in err


def test_a_sheet_named_for_the_command_line_is_quoted_as_the_shell_needs(monkeypatch):
    """'--sheet 3号楼 (新)' typed as said would hand the shell three words: quoted, in the way
    of the clerk's shell (Windows: cmd and PowerShell take double quotes)."""
    import os
    from desktop.excel.importer import sheet_options
    names = ["二号楼", "3号楼 (新)", "王's"]
    assert sheet_options(names) == "--sheet 二号楼 --sheet '3号楼 (新)' --sheet '王'\"'\"'s'"
    with monkeypatch.context() as m:
        m.setattr(os, "name", "nt")
        windows = sheet_options(names)
    assert windows == "--sheet 二号楼 --sheet \"3号楼 (新)\" --sheet \"王's\""
