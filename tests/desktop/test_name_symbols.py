"""A name with an emoji or a symbol pasted from a chat (张三😷, ☆李四) would print as a box on every
letter, pass and household sheet: the form refuses it naming the character; a ledger's row is
kept under the name without it, the cell as written in the note."""
from datetime import date

import pytest
from openpyxl import Workbook

from desktop.errors import InputErrors
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from desktop.register import PersonForm


def test_the_person_form_names_the_symbol_and_keeps_rare_characters_and_the_dot():
    with pytest.raises(InputErrors) as refused:
        PersonForm(full_name="张三😷").validate()
    [error] = refused.value.errors
    assert error.field == "full_name" and "“😷”" in error.message and "表情符号" in error.message
    with pytest.raises(InputErrors):
        PersonForm(full_name="☆李四").validate()
    for name in ("𠮷大爷", "阿依古丽·买买提", "John Smith", "䶮"):   # real names pass
        assert PersonForm(full_name=name).validate()["full_name"] == name


def test_a_ledger_row_with_an_emoji_in_the_name_is_kept_without_it(app_ctx, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"])
    ws.append(["张三😷", "男", make_resident_id("420106", date(1958, 1, 1), 5, True), "3", "2", "501", "户主"])
    ws.append(["👍", "女", make_resident_id("420106", date(1960, 5, 1), 6, False), "3", "2", "501", "配偶"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    plan = plan_import(app_ctx, path, "register", compound="幸福里小区")
    assert [r.action for r in plan.rows] == ["new", "rejected"]             # a name of nothing but a symbol
    assert any("😷" in w.message and "按“张三”登记" in w.message for w in plan.rows[0].warnings)
    assert "“👍”" in plan.bad[0].reason
    apply_import(app_ctx, plan)
    [person] = app_ctx.register.people_in(None)
    assert person.full_name == "张三" and "原姓名：张三😷" in person.note
