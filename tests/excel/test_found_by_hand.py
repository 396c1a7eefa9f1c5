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
    assert capsys.readouterr().out.startswith("exported 5 rows")
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
