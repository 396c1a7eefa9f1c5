"""What hand-testing of the import and export found: full-width temperatures at the gate,
Excel's 'sep=' line in a CSV, formulas saved without their results, a list exported to .csv."""
import pytest

from desktop.cli import main
from desktop.excel.importer import apply_import, plan_import
from tests.excel.conftest import write_book


def _temperatures(app):
    with app.db.reading() as conn:
        return [tuple(r) for r in conn.execute("SELECT holder_name, temperature FROM gate_log ORDER BY holder_name")]


def test_a_gate_log_with_full_width_temperatures_is_imported(app_ctx, tmp_path):
    """An input method left in full-width mode types '３６．６'; '36。6' is the Chinese full stop."""
    path = tmp_path / "gate.csv"
    path.write_text("日期,时间,姓名,进出,体温\n2020-02-11,08:30,王芳,出,３６．６\n"
                    "2020-02-11,09:00,李强,进,36。6\n2020-02-11,09:10,赵亮,进,３７．８℃\n", encoding="utf-8")
    plan = plan_import(app_ctx, path, "gate")
    assert not plan.bad, [r.reason for r in plan.bad]
    apply_import(app_ctx, plan)
    assert _temperatures(app_ctx) == [("李强", 36.6), ("王芳", 36.6), ("赵亮", 37.8)]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_excels_sep_line_in_a_csv_names_the_separator_and_is_not_a_row(app_ctx, tmp_path, sep):
    """Excel writes 'sep=;' as a CSV's first line (and reads it): it is the separator, not data.
    The addresses hold commas and semicolons, which only the named separator splits right."""
    from desktop.idnumber import make_resident_id
    from datetime import date
    rows = [["姓名", "身份证号码", "住址", "备注"],
            ["王芳", make_resident_id("420106", date(1960, 1, 1), 1, False), "3-2-501", "独居;行动不便,需送药"],
            ["李强", make_resident_id("420106", date(1961, 1, 1), 2, True), "3-2-502", ""]]
    path = tmp_path / "people.csv"
    path.write_bytes(("\ufeffsep=" + sep + "\r\n" + "".join(
        sep.join(f'"{c}"' if c and (";" in c or "," in c) else c for c in r) + "\r\n" for r in rows)).encode("utf-8"))
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert not plan.bad, [r.reason for r in plan.bad]
    assert sorted(r.draft.person["full_name"] for r in plan.rows) == ["李强", "王芳"]
    assert plan.rows[0].draft.person["note"].startswith("独居;行动不便,需送药")


def test_export_to_a_csv_name_writes_a_csv_excel_opens(small_community, app_ctx, tmp_path, capsys):
    """'--to 名单.csv' was a workbook under a .csv name; it is a CSV (UTF-8 with the mark Excel
    needs for Chinese), and a name Menshen cannot write is refused, naming the ones it can."""
    import csv
    db = tmp_path / "register.db"
    out = tmp_path / "名单.csv"
    assert main(["export", "register", "--db", str(db), "--to", str(out)]) == 0
    assert capsys.readouterr().out.startswith("已导出5行")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbfPK")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:6] == ["小区", "楼栋", "单元", "门牌号", "门牌地址", "姓名"] and len(rows) == 6
    ids = [r[rows[0].index("身份证号码")] for r in rows[1:]]
    assert all(len(i.strip()) == 18 for i in ids)                     # whole, never 4.2E+17
    assert not list(tmp_path.glob(".~*"))                              # no temporary left behind
    # Read back by our own import: the same people.
    from desktop.excel.reading import read_sheets
    assert [r[5] for r in read_sheets(out)[0].rows[1:]] == [r[5] for r in rows[1:]]
    assert main(["export", "register", "--db", str(db), "--to", str(tmp_path / "名单.pdf")]) == 1
    err = capsys.readouterr().err
    assert "不能导出为“.pdf”文件" in err and ".xlsx" in err and ".csv" in err and "Traceback" not in err
    assert not (tmp_path / "名单.pdf").exists()


def test_a_csv_export_never_hands_excel_a_formula(tmp_path):
    import csv
    from desktop.excel.export import Column, id_column, write_list
    out = tmp_path / "x.csv"
    write_list(out, "名单", [Column("姓名"), id_column(), Column("备注")],
               [["=HYPERLINK(\"http://x\",\"点我\")", "420106195803071018", "-2+3"]])
    row = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[1]
    assert row == ["'=HYPERLINK(\"http://x\",\"点我\")", "420106195803071018\t", "'-2+3"]


def _ids(n: int) -> list[str]:
    from datetime import date, timedelta
    from desktop.idnumber import make_resident_id
    return [make_resident_id("420106", date(1960, 1, 1) + timedelta(days=97 * i), i, i % 2 == 0) for i in range(n)]


def test_a_formula_saved_without_its_result_is_named_not_read_as_empty(app_ctx, tmp_path, capsys):
    """openpyxl writing '=…' leaves no result in the file; calamine reads such a cell as empty.
    In the ID column the person would come in without an ID number (and again, duplicated, from
    the next file with the values): the row is refused, naming the cell. In a phone column the
    person comes in, flagged."""
    ids = _ids(4)
    path = write_book(tmp_path / "生成的台账.xlsx", {"台账": [
        ["姓名", "身份证号码", "联系电话", "住址"],
        ["王芳", ids[0], "13800000001", "3-2-501"],
        ["李强", f'="{ids[1]}"', "13800000002", "3-2-502"],
        ["赵亮", ids[2], "=C2", "3-2-503"],
        ["刘洋", ids[3], "13800000004", "3-2-504"]]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    [bad] = plan.bad
    assert bad.row == 3 and "“身份证号码”列（B3格）是公式" in bad.reason and "保存后再导入" in bad.reason
    flagged = next(r for r in plan.good if r.row == 4)
    assert any("“联系电话”列（C4格）是公式" in w.message for w in flagged.warnings)
    from openpyxl import load_workbook
    from desktop.excel.importer import write_rejects
    assert write_rejects(plan, tmp_path / "错误行.xlsx") == 1              # handed back, the cell marked
    ws = load_workbook(tmp_path / "错误行.xlsx").active
    assert ws["A2"].value == "李强" and "是公式" in ws["B2"].comment.text
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(path), "--db", str(db), "--compound", "幸福里", "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "“台账”第3行：“身份证号码”列（B3格）是公式" in out.err and "Traceback" not in out.err
    assert out.out.startswith("已检查4行，数据没有改动：正式导入将导入3行，未导入1行")


def test_the_last_rows_made_of_formulas_without_results_are_named_not_dropped(app_ctx, tmp_path):
    """The last people of a generated list whose cells are all formulas without a saved result:
    the reader ends the sheet before them (it sees nothing there), and they were left out
    without a word (checked 1, as if the list had one person). Now each is refused, named."""
    ids = _ids(3)
    path = write_book(tmp_path / "生成的台账.xlsx", {"台账": [
        ["姓名", "身份证号码", "住址"], ["王芳", ids[0], "3-2-501"],
        ['="李强"', f'="{ids[1]}"', '="3-2-502"'], ['="赵亮"', f'="{ids[2]}"', '="3-2-503"']]})
    plan = plan_import(app_ctx, path, "register", compound="幸福里")
    assert [r.row for r in plan.good] == [2]
    assert [r.row for r in plan.bad] == [3, 4]
    assert "“姓名”列（A4格）是公式" in plan.bad[1].reason


def test_a_file_whose_formulas_all_lack_results_gets_one_message(app_ctx, tmp_path, capsys):
    ids = _ids(3)
    path = write_book(tmp_path / "脚本导出.xlsx", {"台账": [["姓名", "身份证号码", "住址"]] + [
        [f'="{name}"', f'="{i}"', "3-2-501"] for name, i in zip(("王芳", "李强", "赵亮"), ids)]})
    with pytest.raises(Exception) as e:
        plan_import(app_ctx, path, "register", compound="幸福里")
    assert "有6个格子是公式" in e.value.message and "A2格" in e.value.message and "保存后再导入" in e.value.message
    db = tmp_path / "register.db"
    app_ctx.close()
    assert main(["import", str(path), "--db", str(db), "--compound", "幸福里"]) == 1
    err = capsys.readouterr().err
    assert err.count("没有保存公式的结果") == 1 and "Traceback" not in err


def test_a_formula_with_its_saved_result_is_an_ordinary_cell(tmp_path):
    """Excel saves each formula's result (a '' result as t="str" with an empty <v>): nothing to say."""
    import zipfile
    from desktop.excel.reading import formulas_without_values
    plain = write_book(tmp_path / "a.xlsx", {"s": [["x", "=A1", "=B1", "=C1"], ["=1+1"]]})
    assert formulas_without_values(plain) == {"s": {0: [1, 2, 3], 1: [0]}}
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = (data.replace(b'<c r="B1"><f>A1</f><v /></c>', b'<c r="B1" t="str"><f>A1</f><v>x</v></c>')
                            .replace(b'<c r="C1"><f>B1</f><v /></c>', b'<c r="C1" t="str"><f>B1</f><v></v></c>')
                            .replace(b'<c r="A2"><f>1+1</f><v /></c>', b'<c r="A2"><f>1+1</f><v>2</v></c>'))
            dst.writestr(item, data)
    assert formulas_without_values(saved) == {"s": {0: [3]}}
    (tmp_path / "a.csv").write_text("姓名,公式\n王芳,=A1\n", encoding="utf-8")
    assert formulas_without_values(tmp_path / "a.csv") == {}            # a CSV holds text, never formulas
