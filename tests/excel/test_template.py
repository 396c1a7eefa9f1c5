"""The street office's template: mapped once (kept, replicated), then filled for a day."""
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from desktop.errors import InputError
from desktop.excel.template import FIGURES_FORM, LIST_FORM, fill_template, inspect_template, save_template


def _figures_form(path, named: bool):
    book = Workbook()
    ws = book.active
    ws.title = "日报"
    ws["A1"] = "社区疫情防控每日报表"
    for r, label in enumerate(["填报日期", "社区名称", "总户数", "总人数", "居家隔离人数", "医学观察人数", "重点人员数"], 2):
        ws.cell(r, 1, label)
    if named:
        for name, ref in (("总户数", "B4"), ("居家隔离人数", "B6"), ("日期", "B2")):
            book.defined_names[name] = DefinedName(name, attr_text=f"'日报'!${ref[0]}${ref[1:]}")
    book.save(path)
    return path


def test_a_figures_form_is_filled_beside_its_labels(small_community, app_ctx, tmp_path, monkeypatch):
    # The form is for today: the status changed this morning (a day's figures are that day's; the
    # community's people were registered today too, and people registered later are not counted).
    today = date.today()
    app_ctx.register.set_status(small_community["people"]["张三"].id, "home_isolation", "密接")
    template = _figures_form(tmp_path / "t.xlsx", named=False)
    plan = inspect_template(template)
    assert plan.form == FIGURES_FORM
    assert plan.mapping == {"B2": "date", "B3": "community", "B4": "households", "B5": "people",
                            "B6": "home_isolation", "B7": "observation", "B8": "key_persons"}
    out = tmp_path / "filled.xlsx"
    assert fill_template(app_ctx, template, out, on=today) == 7
    ws = load_workbook(out)["日报"]
    assert ws["B2"].value.date() == today
    assert (ws["B4"].value, ws["B5"].value, ws["B6"].value, ws["B7"].value) == (3, 5, 1, 0)
    assert ws["A1"].value == "社区疫情防控每日报表"                     # the form itself is untouched


def test_named_cells_are_used_and_a_corrected_mapping_is_kept_for_next_time(app_ctx, tmp_path):
    template = _figures_form(tmp_path / "n.xlsx", named=True)
    plan = inspect_template(template)
    assert plan.mapping == {"日报!B4": "households", "日报!B6": "home_isolation", "日报!B2": "date"}
    corrected = type(plan)(**{**plan.__dict__, "mapping": {**plan.mapping, "日报!B6": "people"}})
    save_template(app_ctx, "每日报表", corrected)
    out = tmp_path / "o.xlsx"
    fill_template(app_ctx, template, out)                            # one click: the kept mapping
    ws = load_workbook(out)["日报"]
    assert ws["B6"].value == app_ctx.register.totals()["people"]
    with app_ctx.db.reading() as conn:                                # replicated: in the change log
        assert conn.execute("SELECT count(*) FROM sync_change WHERE tbl = 'report_template'").fetchone()[0] == 1


def test_a_list_form_is_filled_below_its_header(small_community, app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["XX街道居民摸排名单"])
    ws.append(["序号", "姓名", "身份证号", "联系方式", "家庭住址", "备注"])
    book.save(tmp_path / "l.xlsx")
    plan = inspect_template(tmp_path / "l.xlsx")
    assert plan.form == LIST_FORM and plan.header_row == 2
    assert plan.mapping == {0: "seq", 1: "full_name", 2: "id_number", 3: "phone", 4: "address", 5: "note"}
    out = tmp_path / "lo.xlsx"
    assert fill_template(app_ctx, tmp_path / "l.xlsx", out, masked=True) == 5
    ws = load_workbook(out).active
    assert ws["A3"].value == 1 and ws["B3"].value and "****" in ws["C3"].value
    assert ws["A7"].value == 5 and ws["A8"].value is None


def test_gate_and_care_figures_fill_a_daily_form(small_community, app_ctx, tmp_path):
    from datetime import datetime
    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    day, people = date(2020, 2, 20), small_community["people"]
    gate = add_checkpoint(app_ctx.db, "东门", small_community["compound"].id)
    zhang = person_subject(app_ctx.register.person(people["张三"].id))
    record_passage(app_ctx.db, Passage(zhang, "out"), gate, when=datetime(2020, 2, 20, 8, 0))
    record_passage(app_ctx.db, Passage(zhang, "in", temperature=38.2, outcome="referred"), gate,
                   when=datetime(2020, 2, 20, 9, 0))
    CareBook(app_ctx.db, app_ctx.register).add_subject(
        people["王大爷"].id, SubjectForm(categories=("elder_alone",), frequency="weekly"), day)
    book = Workbook()
    ws = book.active
    ws.title = "日报"
    for r, label in enumerate(["填报日期", "进入人次", "外出人次", "卡口发热人数", "关爱对象人数", "今日应走访人数"], 1):
        ws.cell(r, 1, label)
    book.save(tmp_path / "t.xlsx")
    assert fill_template(app_ctx, tmp_path / "t.xlsx", tmp_path / "f.xlsx", on=day) == 6
    filled = load_workbook(tmp_path / "f.xlsx")["日报"]
    # Sent to the fever clinic at the gate is not counted as having come in.
    assert [filled.cell(r, 2).value for r in range(2, 7)] == [0, 1, 1, 1, 1]


def test_a_template_that_is_not_a_readable_xlsx_gets_a_message_saying_what_to_do(small_community, tmp_path,
                                                                                monkeypatch, capsys):
    """`menshen template` checks the form as an import checks a ledger: an .xls, a CSV, a cut
    file or a "zip bomb" gets a Chinese message (before: "unexpected problem", or a run without
    end), and no output is written. A form with a password to open, a web page or a Word file
    was "不是.xlsx格式" or "损坏…另存为.xlsx后再试" (resaving keeps the password); each is now
    said for what it is, in the import's words for a form to choose again. An empty form or a
    "zip bomb" was "没有导入…再导入", and the register's backup or a sync package renamed .xlsx
    "文件已损坏…另存为": now said as a form, the second named for what it is."""
    import zipfile
    from desktop.cli import main
    from tests.excel.cfb import compound_file
    from tests.excel.test_guard import make_workbook
    good = _figures_form(tmp_path / "good.xlsx", named=False).read_bytes()
    files = {"old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
             "list.csv": "姓名,身份证号码\n张三,1\n".encode("utf-8-sig"),
             "named-xls.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
             "cut.xlsx": good[:len(good) // 2], "empty.xlsx": b"",
             "locked.xlsx": compound_file({"EncryptionInfo": b"\x04\x00\x04\x00\x40", "EncryptedPackage": b"\x10"}),
             "page.xls": b"<html><body><table><tr><td>\xe6\x80\xbb\xe6\x88\xb7\xe6\x95\xb0</td></tr></table></body></html>"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "notice.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    make_workbook(tmp_path / "bomb.xlsx", 210, monkeypatch=monkeypatch)
    import sqlite3
    from desktop.sync.envelope import MAGIC
    sqlite3.connect(tmp_path / "备份.xlsx").execute("CREATE TABLE person (id)").connection.commit()
    (tmp_path / "同步.xlsx").write_bytes(MAGIC + bytes(range(256)) * 8)
    expected = {"old.xls": "不是.xlsx格式", "list.csv": "不是.xlsx格式", "named-xls.xlsx": "不是.xlsx格式",
                "cut.xlsx": "“cut.xlsx”：文件已损坏", "bomb.xlsx": "解压后有", "empty.xlsx": "是空的（0字节）",
                "locked.xlsx": "设置了打开密码", "page.xls": "网页（HTML）", "notice.xlsx": "Word文档",
                "备份.xlsx": "是一个数据库文件", "同步.xlsx": "是一个U盘同步用的同步包"}
    db = tmp_path / "register.db"
    for name, words in expected.items():
        out = tmp_path / f"filled-{name}.xlsx"
        assert main(["template", str(tmp_path / name), "--db", str(db), "--to", str(out)]) != 0, name
        err = capsys.readouterr().err
        assert words in err and "意外" not in err and "Traceback" not in err, (name, err)
        assert "没有导入" not in err and "再导入" not in err and "台账" not in err, (name, err)   # a form, not a ledger
        if name in {"cut.xlsx", "locked.xlsx", "page.xls", "notice.xlsx", "empty.xlsx", "bomb.xlsx",
                    "备份.xlsx", "同步.xlsx"}:
            assert "不能用作报表模板" in err or "再选另存的文件" in err, (name, err)
        if name in {"备份.xlsx", "同步.xlsx"}:
            assert "损坏" not in err and "另存为" not in err, (name, err)
        assert not out.exists()


def test_a_form_with_merged_cells_is_filled_in_the_cell_the_clerk_sees(app_ctx, tmp_path):
    """Merged cells around the blanks (a label over two columns, a blank over three) were "an
    unexpected problem (AttributeError)" and no form at all."""
    book = Workbook()
    ws = book.active
    ws.title = "日报"
    ws["A3"] = "总户数"
    ws.merge_cells("B3:C3")                       # the blank spans two cells
    ws["A4"] = "总人数"
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws["A6"] = "居家隔离人数"
    ws.merge_cells("A6:B6")                       # the label spans two cells: the blank is C6
    ws["A7"] = "填报日期"
    ws.merge_cells("A7:B7")
    ws.merge_cells("C7:E7")
    book.save(tmp_path / "m.xlsx")
    out = tmp_path / "mo.xlsx"
    assert fill_template(app_ctx, tmp_path / "m.xlsx", out, on=date(2020, 2, 20)) == 4
    ws = load_workbook(out)["日报"]
    totals = app_ctx.register.totals()
    assert (ws["B3"].value, ws["B4"].value) == (totals["households"], totals["people"])
    assert ws["C6"].value == 0 and ws["C7"].value.date() == date(2020, 2, 20)
    assert {str(r) for r in ws.merged_cells.ranges} >= {"B3:C3", "A6:B6", "C7:E7"}


def test_cell_names_for_ranges_or_for_nothing_on_the_form_still_fill_it(app_ctx, tmp_path):
    """A cell name for a range ('总户数' = B3:C3) was "an unexpected problem"; a name that is no
    figure (a print title, '单位') made the form come out blank with "filled 0"."""
    book = Workbook()
    ws = book.active
    ws.title = "日 报"
    ws["A3"], ws["A4"] = "总户数", "总人数"
    ws.merge_cells("B3:C3")
    book.defined_names["总户数"] = DefinedName("总户数", attr_text="'日 报'!$B$3:$C$3")
    book.save(tmp_path / "range.xlsx")
    assert fill_template(app_ctx, tmp_path / "range.xlsx", tmp_path / "r.xlsx") == 1
    assert load_workbook(tmp_path / "r.xlsx")["日 报"]["B3"].value == app_ctx.register.totals()["households"]

    del book.defined_names["总户数"]
    book.defined_names["单位"] = DefinedName("单位", attr_text="'日 报'!$A$1")
    book.save(tmp_path / "other.xlsx")
    assert fill_template(app_ctx, tmp_path / "other.xlsx", tmp_path / "o.xlsx") == 2
    ws = load_workbook(tmp_path / "o.xlsx")["日 报"]
    assert (ws["B3"].value, ws["B4"].value) == (app_ctx.register.totals()["households"], app_ctx.register.totals()["people"])


def test_a_name_that_points_at_nothing_to_fill_is_refused_not_a_blank_copy(app_ctx, tmp_path):
    book = Workbook()
    book.active.title = "表"
    book.defined_names["单位"] = DefinedName("单位", attr_text="表!$B$2")
    book.save(tmp_path / "n.xlsx")
    try:
        fill_template(app_ctx, tmp_path / "n.xlsx", tmp_path / "no.xlsx")
        raise AssertionError("filled a form with nothing to fill")
    except InputError as e:
        assert "还没有对应任何要填的格子" in e.message
    assert not (tmp_path / "no.xlsx").exists()


def test_the_form_sheet_is_found_behind_a_hidden_sheet_or_a_sheet_of_instructions(app_ctx, tmp_path):
    """The figures went into a hidden sheet (lists for drop-downs) and the form the clerk sees
    stayed blank; a sheet of instructions first made the form "not a template"."""
    for first in ("hidden", "instructions"):
        book = Workbook()
        ws = book.active
        ws.title = "数据源" if first == "hidden" else "填表说明"
        if first == "hidden":
            ws.sheet_state = "hidden"
            ws["A1"], ws["A2"] = "总户数", "总人数"
        else:
            ws["A1"] = "请各社区于每日17时前报送"
        form = book.create_sheet("日报")
        form["A3"], form["A4"] = "总户数", "总人数"
        book.active = 1
        book.save(tmp_path / f"{first}.xlsx")
        assert fill_template(app_ctx, tmp_path / f"{first}.xlsx", tmp_path / f"{first}-out.xlsx") == 2, first
        filled = load_workbook(tmp_path / f"{first}-out.xlsx")
        assert filled["日报"]["B3"].value == app_ctx.register.totals()["households"], first
        assert filled.worksheets[0]["B1"].value is None, first


def test_blanks_drawn_with_underscores_or_brackets_are_filled(app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws["A3"], ws["B3"], ws["C3"] = "总户数：", "________", "户"
    ws["A4"], ws["B4"] = "总人数", "（      ）"
    book.save(tmp_path / "u.xlsx")
    assert fill_template(app_ctx, tmp_path / "u.xlsx", tmp_path / "uo.xlsx") == 2
    ws = load_workbook(tmp_path / "uo.xlsx").active
    assert (ws["B3"].value, ws["B4"].value, ws["C3"].value) == (
        app_ctx.register.totals()["households"], app_ctx.register.totals()["people"], "户")


def test_a_list_longer_than_the_forms_blank_rows_moves_its_footer_down_never_over_it(small_community, app_ctx,
                                                                                      tmp_path):
    """A list form with 3 blank rows, then 合计 (=COUNTA over the blank rows) and 填表人/审核人
    (merged): the 5 people were written over the footer, the count and the signatures lost."""
    book = Workbook()
    ws = book.active
    ws.append(["社区人员排查名单"])
    ws.append(["序号", "姓名", "身份证号", "联系电话", "住址"])
    for r in (3, 4, 5):
        ws.cell(r, 1, r - 2)                           # row numbers printed in advance
    ws["A6"], ws["B6"], ws["C6"] = "合计", "=COUNTA(B3:B5)", "=B6&\"人\""
    ws["A8"], ws["D8"] = "填表人：", "审核人："
    ws.merge_cells("A8:C8")
    ws.row_dimensions[8].height = 30
    book.save(tmp_path / "f.xlsx")
    assert fill_template(app_ctx, tmp_path / "f.xlsx", tmp_path / "fo.xlsx", masked=True) == 5
    ws = load_workbook(tmp_path / "fo.xlsx").active
    assert [ws.cell(r, 1).value for r in range(3, 8)] == [1, 2, 3, 4, 5] and all(ws.cell(r, 2).value for r in range(3, 8))
    assert (ws["A8"].value, ws["B8"].value, ws["C8"].value) == ("合计", "=COUNTA(B3:B7)", "=B8&\"人\"")
    assert (ws["A10"].value, ws["D10"].value) == ("填表人：", "审核人：")
    assert "A10:C10" in {str(r) for r in ws.merged_cells.ranges} and ws.row_dimensions[10].height == 30


def test_an_example_row_under_the_header_is_written_over(small_community, app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "身份证号", "联系电话", "住址"])
    ws.append(["例", "某某某", "420106198001011234", "13800138000", "1栋1单元101"])
    book.save(tmp_path / "e.xlsx")
    fill_template(app_ctx, tmp_path / "e.xlsx", tmp_path / "eo.xlsx", masked=True)
    ws = load_workbook(tmp_path / "eo.xlsx").active
    assert ws["A2"].value == 1 and "某某某" not in [c.value for c in ws["B"]]


def test_the_print_area_of_a_list_form_grows_to_the_whole_list(small_community, app_ctx, tmp_path):
    """The form's print area (A1:E4, the header and two blank rows) was kept: the filled list of
    5 printed 2 people and nothing said the rest were left off."""
    book = Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "身份证号", "联系电话", "住址"])
    ws.print_area = "A1:E3"
    book.save(tmp_path / "p.xlsx")
    assert fill_template(app_ctx, tmp_path / "p.xlsx", tmp_path / "po.xlsx", masked=True) == 5
    filled = load_workbook(tmp_path / "po.xlsx")
    assert filled.active.print_area.endswith("$A$1:$E$6")


def test_the_forms_own_date_format_is_kept(app_ctx, tmp_path):
    """The form shows its date as 2020年2月20日; the filled copy showed 2020-02-20."""
    book = Workbook()
    ws = book.active
    ws["A2"], ws["A3"] = "填报日期", "总户数"
    ws["B2"].number_format = 'yyyy"年"m"月"d"日"'
    book.save(tmp_path / "d.xlsx")
    fill_template(app_ctx, tmp_path / "d.xlsx", tmp_path / "do.xlsx", on=date(2020, 2, 20))
    cell = load_workbook(tmp_path / "do.xlsx").active["B2"]
    assert cell.value.date() == date(2020, 2, 20) and cell.number_format == 'yyyy"年"m"月"d"日"'


def _split_name_form(path):
    """A list form heading 姓名 over 姓 | 名."""
    book = Workbook()
    ws = book.active
    ws.append(["社区人员排查名单"])
    ws.append(["序号", "姓名", None, "身份证号", "联系电话"])
    ws.append([None, "姓", "名", None, None])
    ws.merge_cells("B2:C2")
    for column in "ADE":
        ws.merge_cells(f"{column}2:{column}3")
    book.save(path)
    return path


def test_a_list_form_with_surname_and_given_name_columns_gets_the_name_split_back(small_community, app_ctx, tmp_path):
    """A form heading 姓名 over 姓 | 名 got the whole name under 姓 and nothing under 名. The name
    is split back (a compound surname kept whole); a name that cannot be split honestly (one
    character, a Uyghur or a foreign name) goes whole under 姓, 名 left empty, nothing guessed.
    A mapping kept before 名 could be filled (the window keeps every form it fills) splits too."""
    from dataclasses import replace
    from desktop.register import PersonForm
    household = small_community["households"][2]
    for name in ("欧阳明", "阿依古丽·买买提", "John Smith", "欧阳"):
        app_ctx.register.add_person(PersonForm(full_name=name), household.id, "other")
    plan = inspect_template(_split_name_form(tmp_path / "s.xlsx"))
    assert plan.mapping == {0: "seq", 1: "surname", 2: "given_name", 3: "id_number", 4: "phone"}

    def names(out):
        ws = load_workbook(out).active
        return {(ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}
    expected = {("张", "三"), ("李", "梅"), ("张", "小明"), ("王", "租客"), ("王", "大爷"), ("欧阳", "明"),
                ("阿依古丽·买买提", None), ("John Smith", None), ("欧阳", None)}
    assert fill_template(app_ctx, tmp_path / "s.xlsx", tmp_path / "auto.xlsx", masked=True) == 9
    assert names(tmp_path / "auto.xlsx") == expected
    # Kept as the mapping dialog kept it before: 名 left empty (given_name was refused).
    save_template(app_ctx, "排查名单", replace(plan, mapping={0: "seq", 1: "full_name", 3: "id_number", 4: "phone"}))
    fill_template(app_ctx, tmp_path / "s.xlsx", tmp_path / "kept.xlsx", masked=True)
    assert names(tmp_path / "kept.xlsx") == expected


def _household_form(path):
    """A street's list form asking each person's 户号 and 其他电话."""
    from tests.excel.conftest import write_book
    return write_book(path, {"名单": [["社区居民排查名单"], ["序号", "户号", "姓名", "联系电话", "其他电话"]]})


def test_a_list_forms_household_number_and_other_phones_are_filled_from_the_register(app_ctx, tmp_path):
    """A form with 户号 and 其他电话 columns: the mapping dialog offered both, and saving the
    mapping was refused with an English key (不认识的填报项：household_no), the columns left
    empty. The register has them: its households (户号 numbers them 1, 2… down the form, a
    household's members sharing one) and the other phones an import keeps in the note."""
    from dataclasses import replace
    from desktop.excel.importer import apply_import, plan_import
    from tests.excel.conftest import write_book
    ledger = write_book(tmp_path / "台账.xlsx", {"人员": [
        ["户号", "姓名", "与户主关系", "住址", "联系电话", "其他电话"],
        ["A001", "张\u3000三", "户主", "6-1-302", "13812345678", "027-85551234"],     # 姓 名 spaced
        ["A001", "李梅", "配偶", None, "13812345679", "13912345670/13912345671（女儿）"],
        ["A002", "王芳", "户主", "6-1-402", "17701651144", None]]})
    apply_import(app_ctx, plan_import(app_ctx, ledger, "register", compound="幸福里小区"))
    plan = inspect_template(_household_form(tmp_path / "f.xlsx"))
    assert plan.mapping == {0: "seq", 1: "household_no", 2: "full_name", 3: "phone", 4: "other_phone"}
    save_template(app_ctx, "排查名单", plan)

    def filled(masked):
        out = tmp_path / f"{masked}.xlsx"
        assert fill_template(app_ctx, tmp_path / "f.xlsx", out, masked=masked) == 3
        ws = load_workbook(out)["名单"]
        return [[c.value for c in row] for row in ws.iter_rows(min_row=3, min_col=2, max_col=5)]
    assert filled(False) == [[1, "张三", "13812345678", "027-85551234"],
                             [1, "李梅", "13812345679", "13912345670、13912345671（女儿）"],
                             [2, "王芳", "17701651144", None]]
    assert [row[3] for row in filled(True)] == ["027-8555****", "139****5670、139****5671（女儿）", None]
    # A mapping no dialog makes (a daily figure for a list's column): named by its header, refused.
    with pytest.raises(InputError) as refused:
        save_template(app_ctx, "排查名单", replace(plan, mapping={**plan.mapping, 4: "households"}))
    assert "“其他电话”一列" in refused.value.message and "households" not in refused.value.message
