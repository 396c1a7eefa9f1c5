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
