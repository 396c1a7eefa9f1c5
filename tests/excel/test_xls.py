"""An Excel 97-2003 (.xls) ledger imports like an .xlsx one (fixtures/old_ledger.xls, made by
fixtures/make_old_ledger_xls.py): merged two-row header, real date cells, a damaged ID, a footer."""
from pathlib import Path

from openpyxl import load_workbook

from desktop.excel.importer import apply_import, plan_import, write_rejects

OLD_LEDGER = Path(__file__).parent / "fixtures" / "old_ledger.xls"


def test_an_xls_ledger_imports_its_good_rows_and_refuses_the_damaged_id(app_ctx, tmp_path):
    plan = plan_import(app_ctx, OLD_LEDGER)
    assert plan.kind == "register" and plan.compound == "幸福里小区"          # from the title row
    assert set(plan.sheets[0].mapping.values()) >= {"building", "unit", "room", "birth_date"}
    assert [(r.row, r.action) for r in plan.rows] == [(4, "new"), (5, "new"), (6, "new"), (7, "rejected")]
    assert "Excel只保留15位" in plan.bad[0].reason and "4.20106E+17" in plan.bad[0].reason
    result = apply_import(app_ctx, plan)
    assert (result.created, result.rejected) == (3, 1)
    people = {p.full_name: p for p in app_ctx.register.people_in(None)}
    assert set(people) == {"张三", "李四", "曾小明"}
    assert people["李四"].birth_date == "1960-05-01" and people["李四"].relation == "spouse"
    assert people["曾小明"].address == "幸福里小区 3栋2单元502"
    assert write_rejects(plan, tmp_path / "待修改.xlsx") == 1
    sheet = load_workbook(tmp_path / "待修改.xlsx").active
    assert any(c.value == "王小红" for row in sheet.iter_rows() for c in row)
