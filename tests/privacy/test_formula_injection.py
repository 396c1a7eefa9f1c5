"""No cell Menshen writes is a formula (CWE-1236), and what was typed reads back the same."""
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from desktop.excel.lists import LISTS, export_list

HYPERLINK = '=HYPERLINK("http://x","点我")'
DDE = "=cmd|' /C calc'!A0"
TRICKS = (HYPERLINK, DDE, "-5", "+1看看", "@SUM(A1)")


def formulas(path: Path) -> list[str]:
    """Every formula cell of the workbook (there must be none)."""
    book = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}={c.value!r}" for ws in book.worksheets
            for row in ws.iter_rows() for c in row if c.data_type == "f"]


def text_cells(path: Path) -> set[str]:
    book = load_workbook(path)
    return {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def tricky_people(app, small_community):
    """People whose name, work place and note were typed as formulas."""
    from desktop.idnumber import make_resident_id
    from desktop.register import PersonForm
    h = small_community["households"][0]
    people = {}
    for seq, trick in enumerate(TRICKS, 11):
        people[trick] = app.register.add_person(
            PersonForm(full_name=trick, id_number=make_resident_id("420106", date(1990, 1, 1), seq, True),
                       work_place=trick, note=f"{trick}"), h.id, "other")
    return people


def test_every_export_writes_typed_formulas_as_text(app_ctx, small_community, tmp_path):
    tricky_people(app_ctx, small_community)
    for name in LISTS:
        for masked in (False, True):
            out = tmp_path / f"{name}-{masked}.xlsx"
            export_list(app_ctx, name, out, masked=masked, on=date(2020, 2, 20))
            assert formulas(out) == [], name
    cells = text_cells(tmp_path / "register-False.xlsx")
    assert set(TRICKS) <= cells                       # shown as typed, nothing added
    ws = load_workbook(tmp_path / "register-True.xlsx").active
    trick_cells = [c for row in ws.iter_rows() for c in row if c.value == HYPERLINK]
    assert trick_cells and all(c.data_type == "s" and c.quotePrefix for c in trick_cells)


def test_export_then_import_reads_back_what_was_typed(app_ctx, small_community, tmp_path):
    from desktop.app import open_app
    from desktop.excel.importer import apply_import, plan_import
    tricky_people(app_ctx, small_community)
    out = tmp_path / "register.xlsx"
    export_list(app_ctx, "register", out)
    other = open_app(tmp_path / "other.db", user_name="另一台")
    try:
        plan = plan_import(other, out)
        assert not plan.bad, [r.reason for r in plan.bad]
        apply_import(other, plan)
        with other.db.reading() as conn:
            back = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT full_name, work_place, note FROM person")}
    finally:
        other.close()
    for trick in TRICKS:
        assert trick in back, trick
        assert back[trick][0] == trick
        assert trick in (back[trick][1] or "")


def test_error_workbook_and_template_write_no_formula(app_ctx, small_community, tmp_path):
    from openpyxl import Workbook
    from desktop.excel.importer import plan_import, write_rejects
    from desktop.excel.template import fill_template
    ledger = tmp_path / "ledger.xlsx"
    book = Workbook()
    ws = book.active
    ws.append([DDE])                                   # a title row
    ws.append(["姓名", "身份证号", "楼栋", "单元", "门牌号", "备注"])
    ws.append(["-5", "123", "1", "1", "101", HYPERLINK])     # refused: no usable ID number
    ws.append(["", "", "1", "1", "102", DDE])                # refused: no name
    for row in ws.iter_rows():                          # the ledger itself holds the text, not formulas
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"
    book.save(ledger)
    plan = plan_import(app_ctx, ledger, "register", compound="幸福里小区")
    errors = tmp_path / "errors.xlsx"
    assert write_rejects(plan, errors) >= 1
    assert formulas(errors) == []
    assert {HYPERLINK, "-5"} <= text_cells(errors)
    tricky_people(app_ctx, small_community)
    template = tmp_path / "template.xlsx"
    book = Workbook()
    book.active.append(["序号", "姓名", "身份证号码", "联系电话", "住址", "备注"])
    book.save(template)
    filled = tmp_path / "filled.xlsx"
    assert fill_template(app_ctx, template, filled, on=date(2020, 2, 20)) >= len(TRICKS)
    assert formulas(filled) == []
    assert HYPERLINK in text_cells(filled)
