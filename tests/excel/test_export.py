"""Exported lists: a workbook a clerk can print, ID numbers as text, masking on request."""
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.errors import InputError
from desktop.excel.export import Column, id_column, phone_column, write_list
from desktop.excel.lists import export_list


def test_register_export_is_ready_to_print(small_community, app_ctx, tmp_path):
    out = tmp_path / "r.xlsx"
    assert export_list(app_ctx, "register", out, on=date(2020, 2, 20)) == 5
    ws = load_workbook(out).active
    assert "2020年2月20日" in ws["A1"].value
    header = [c.value for c in ws[2]]
    assert header[:6] == ["小区", "楼栋", "单元", "门牌号", "门牌地址", "姓名"]
    assert all(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:V7"
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    id_col = header.index("身份证号码") + 1
    ids = [ws.cell(r, id_col).value for r in range(3, 8)]
    assert all(isinstance(v, str) and len(v) == 18 for v in ids)   # text, never 4.2E+17
    assert ws.column_dimensions["K"].width >= 20
    people = {ws.cell(r, 6).value: [c.value for c in ws[r]] for r in range(3, 8)}
    assert people["张三"][6] == "户主" and people["王大爷"][4] == "12号"


def test_masked_export_hides_id_numbers_and_phones(small_community, app_ctx, tmp_path):
    out = tmp_path / "m.xlsx"
    export_list(app_ctx, "register", out, masked=True)
    ws = load_workbook(out).active
    header = [c.value for c in ws[2]]
    ids = {ws.cell(r, header.index("身份证号码") + 1).value for r in range(3, 8)}
    phones = {ws.cell(r, header.index("联系电话") + 1).value for r in range(3, 8)}
    assert all("*" in v and v[6:10] == "****" for v in ids)
    assert all("****" in v for v in phones)
    assert "已隐去" in ws["A1"].value


def test_a_masked_export_imported_back_changes_nothing_and_says_so_once(small_community, app_ctx, tmp_path, capsys):
    from desktop.cli import main
    out = tmp_path / "masked.xlsx"
    export_list(app_ctx, "register", out, masked=True)
    app_ctx.close()
    assert main(["import", str(out), "--db", str(tmp_path / "register.db"), "--kind", "register"]) == 0
    captured = capsys.readouterr()
    # the masked numbers are not taken: each person as registered (tests/excel/test_masked_lists.py)
    assert captured.err.count("这是一份脱敏的名单（5行") == 1 and "未变5）" in captured.out
    # the export's option, not the window's check box
    assert "请用管理员账号加 --full（不隐去号码）导出的名单" in captured.err and "勾选" not in captured.err


def test_key_persons_list_holds_only_key_persons(small_community, app_ctx, tmp_path):
    from desktop.register import PersonForm
    p = small_community["people"]["王租客"]
    app_ctx.register.update_person(p.id, PersonForm(full_name=p.full_name, id_number=p.id_number,
                                                    is_key_person=True, key_reason="武汉返回"))
    assert export_list(app_ctx, "key-persons", tmp_path / "k.xlsx") == 1


def test_care_isolation_and_gate_lists_export(app_ctx, small_community, tmp_path):
    from datetime import datetime
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    day, people = date(2020, 2, 20), small_community["people"]
    care = CareBook(app_ctx.db, app_ctx.register)
    care.add_subject(people["王大爷"].id, SubjectForm(categories=("elder_alone",), frequency="weekly"), day)
    IsolationBook(app_ctx.db, app_ctx.register).start(people["王租客"].id, "home_isolation", "外地返回", day, day)
    gate = add_checkpoint(app_ctx.db, "东门", small_community["compound"].id)
    for d in (20, 21):
        record_passage(app_ctx.db, Passage(person_subject(app_ctx.register.person(people["张三"].id)), "out"),
                       gate, when=datetime(2020, 2, d, 8, 0))
    assert export_list(app_ctx, "care", tmp_path / "c.xlsx", on=day) == 1
    assert "独居老人" in [c.value for c in load_workbook(tmp_path / "c.xlsx").active[3]]
    assert export_list(app_ctx, "isolation", tmp_path / "i.xlsx", on=day, masked=True) == 1
    assert export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=day) == 1
    assert export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=day, until=date(2020, 2, 21)) == 2
    other = add_checkpoint(app_ctx.db, "西门", small_community["compound"].id)     # the day log's gate chosen
    assert export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=day, gate_id=other.id) == 0
    assert export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=day, gate_id=gate.id) == 1
    with pytest.raises(InputError, match="只有出入登记可以按卡口导出"):
        export_list(app_ctx, "care", tmp_path / "c.xlsx", on=day, gate_id=gate.id)
    with pytest.raises(InputError, match="早于"):
        export_list(app_ctx, "gate-log", tmp_path / "g.xlsx", on=day, until=date(2020, 2, 19))
    with pytest.raises(InputError, match="没有名为"):
        export_list(app_ctx, "nonsense", tmp_path / "c.xlsx")


def test_any_columns_and_rows_export_the_same_way(tmp_path):
    out = tmp_path / "g.xlsx"
    cols = [Column("时间", 16), Column("姓名", 8), id_column(), phone_column(), Column("体温", 6)]
    rows = [("2020-02-10 08:00", "张三", "420106195803070011", "13800138000", 36.5)]
    assert write_list(out, "出入登记", cols, rows, community="王家湾村", masked=True) == 1
    ws = load_workbook(out).active
    assert [c.value for c in ws[3]] == ["2020-02-10 08:00", "张三", "4201**********0011", "138****8000", 36.5]
    assert ws.page_setup.orientation == "portrait"


def test_cli_import_and_export(tmp_path, capsys, sample):
    from tests.excel.conftest import write_book
    from desktop.idnumber import make_resident_id
    db = tmp_path / "c.db"
    assert main(["demo", "--db", str(db), "--households", "0"]) == 0       # a new, empty register
    capsys.readouterr()
    good = make_resident_id("420106", date(1958, 3, 7), 1, True)
    ledger = write_book(tmp_path / "l.xlsx", {"s": [["姓名", "身份证号", "楼栋", "单元", "门牌号"],
                                                    ["张三", good, "1", "1", "101"],
                                                    ["李四", float(good), "1", "1", "102"]]})
    errors = tmp_path / "errors.xlsx"
    assert main(["import", str(ledger), "--db", str(db), "--compound", "幸福里", "--errors", str(errors)]) == 0
    assert capsys.readouterr().out.startswith("已导入1行，未导入1行")
    assert errors.exists()
    assert main(["export", "register", "--db", str(db), "--to", str(tmp_path / "out.xlsx")]) == 0
    assert capsys.readouterr().out.startswith("已导出1行")
    assert main(["import", str(sample("gate_log_village.xlsx")), "--db", str(db), "--gate", "村口"]) == 1
    assert "没有名为“村口”的卡口" in capsys.readouterr().err            # nothing written
    from desktop.app import open_app
    from desktop.gate.checkpoints import add_checkpoint
    app = open_app(db)
    add_checkpoint(app.db, "村口", None)
    app.close()
    assert main(["import", str(sample("gate_log_village.xlsx")), "--db", str(db), "--gate", "村口"]) == 0
    assert capsys.readouterr().out.startswith("已导入528行，未导入22行")
    app = open_app(db)
    from desktop.gate.log import day_entries
    assert {e.checkpoint for e in day_entries(app.db, "2020-02-10")} == {"村口"}
    app.close()
    out = str(tmp_path / "gate.xlsx")                # one gate's day, as the day log exports it
    assert main(["export", "gate-log", "--db", str(db), "--to", out, "--date", "2020-02-10", "--gate", "村口"]) == 0
    assert capsys.readouterr().out.startswith("已导出")
    assert "出入登记（村口）" in str(load_workbook(out).active["A1"].value)


def test_cli_fills_a_template(small_community, tmp_path, capsys):
    from tests.excel.test_template import _figures_form
    template = _figures_form(tmp_path / "t.xlsx", named=False)
    db = small_community["compound"] and tmp_path / "register.db"
    assert main(["template", str(template), "--db", str(db), "--to", str(tmp_path / "o.xlsx"),
                 "--date", "2020-02-20", "--save-as", "每日报表"]) == 0
    assert capsys.readouterr().out.startswith("已按模板填好7处")


def test_cli_says_where_and_why_each_row_was_refused_and_that_an_empty_file_is_empty(tmp_path, capsys):
    """At the command line there is no preview: the reasons are printed, and nothing is written
    from an empty file."""
    from openpyxl import Workbook

    from tests.excel.conftest import write_book
    db = tmp_path / "c.db"
    assert main(["demo", "--db", str(db), "--households", "0"]) == 0       # a new, empty register
    capsys.readouterr()
    ledger = write_book(tmp_path / "l.xlsx", {"台账": [["姓名", "身份证号码", "楼栋", "单元", "门牌号"],
                                                     ["张三", "420106195803071018", "1", "1", "101"],
                                                     ["李四", "４２０１０６１９６００５０１１０２４", "1", "1", "102"]]})
    assert main(["import", str(ledger), "--db", str(db), "--compound", "幸福里"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("已导入1行，未导入1行")                   # full-width digits are fine
    assert "“台账”第2行" in out.err and "校验位不对（最后一位应为9，不是8）" in out.err
    Workbook().save(tmp_path / "empty.xlsx")
    (tmp_path / "empty.csv").write_bytes(b"")
    for empty in ("empty.xlsx", "empty.csv"):
        assert main(["import", str(tmp_path / empty), "--db", str(db)]) == 1
        assert f"文件“{empty}”是空的" in capsys.readouterr().err


def test_cli_says_a_ledger_of_zero_bytes_is_empty_not_damaged(tmp_path, capsys):
    """A copy cut short leaves a 0-byte .xlsx: "无法打开这个Excel文件（ZipError）……已损坏" sent
    the clerk to Excel with a file that holds nothing. It is called empty, with the likely why."""
    db = tmp_path / "c.db"
    assert main(["demo", "--db", str(db), "--households", "0"]) == 0
    capsys.readouterr()
    for name in ("台账.xlsx", "台账.xls", "台账.csv"):
        (tmp_path / name).write_bytes(b"")
        assert main(["import", str(tmp_path / name), "--db", str(db)]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith(f"错误：文件“{name}”是空的（0字节）")
        assert "没有保存完" in captured.err and "没有复制完整" in captured.err
        assert "无法打开" not in captured.err and "Error" not in captured.err and "Traceback" not in captured.err
