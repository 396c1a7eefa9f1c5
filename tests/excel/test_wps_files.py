"""A ledger saved by WPS 表格 under its own name (.et), as many office PCs save by default:
read by what is inside, and where it cannot be read the clerk is told how to re-save it."""
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.errors import InputError
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from ui.dialogs.import_wizard import FILE_FILTER

OLD_LEDGER = Path(__file__).parent / "fixtures" / "old_ledger.xls"


def test_an_et_file_holding_the_old_excel_layout_imports_like_the_xls(app_ctx, tmp_path):
    et = tmp_path / "幸福里台账.et"
    shutil.copy(OLD_LEDGER, et)
    plan = plan_import(app_ctx, et)
    assert plan.kind == "register" and [(r.row, r.action) for r in plan.rows][:3] == [(4, "new"), (5, "new"), (6, "new")]
    assert apply_import(app_ctx, plan).created == 3


def test_an_et_file_holding_the_new_layout_imports(app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"])
    ws.append(["张三", "男", make_resident_id("420106", date(1958, 1, 1), 5, True), "3", "2", "501", "户主"])
    et = tmp_path / "台账.et"
    book.save(et)
    result = apply_import(app_ctx, plan_import(app_ctx, et, "register", compound="幸福里小区"))
    assert result.created == 1
    assert [p.full_name for p in app_ctx.register.people_in(None)] == ["张三"]


def test_an_et_file_that_cannot_be_read_says_how_to_resave_it_in_wps(app_ctx, tmp_path):
    et = tmp_path / "台账.et"
    et.write_bytes(b"\x00WPS proprietary" + bytes(range(256)) * 40)
    with pytest.raises(InputError) as caught:
        plan_import(app_ctx, et)
    message = caught.value.message
    assert "台账.et" in message and "WPS" in message and "另存为" in message and ".xlsx" in message


def test_the_file_choosers_show_et_files():
    assert "*.et" in FILE_FILTER
