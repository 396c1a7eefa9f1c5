"""The street office's template: mapped once (kept, replicated), then filled for a day."""
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

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
    # The form is for 20 February: the status changed that morning (a day's figures are that day's).
    monkeypatch.setattr("desktop.register.rows.now_text", lambda: "2020-02-20T08:00:00")
    app_ctx.register.set_status(small_community["people"]["张三"].id, "home_isolation", "密接")
    template = _figures_form(tmp_path / "t.xlsx", named=False)
    plan = inspect_template(template)
    assert plan.form == FIGURES_FORM
    assert plan.mapping == {"B2": "date", "B3": "community", "B4": "households", "B5": "people",
                            "B6": "home_isolation", "B7": "observation", "B8": "key_persons"}
    out = tmp_path / "filled.xlsx"
    assert fill_template(app_ctx, template, out, on=date(2020, 2, 20)) == 7
    ws = load_workbook(out)["日报"]
    assert ws["B2"].value.date() == date(2020, 2, 20)
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
    end), and no output is written."""
    from desktop.cli import main
    from tests.excel.test_guard import make_workbook
    good = _figures_form(tmp_path / "good.xlsx", named=False).read_bytes()
    files = {"old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
             "list.csv": "姓名,身份证号码\n张三,1\n".encode("utf-8-sig"),
             "named-xls.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
             "cut.xlsx": good[:len(good) // 2], "empty.xlsx": b""}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    make_workbook(tmp_path / "bomb.xlsx", 210, monkeypatch=monkeypatch)
    expected = {"old.xls": "不是.xlsx格式", "list.csv": "不是.xlsx格式", "named-xls.xlsx": "不是.xlsx格式",
                "cut.xlsx": "已损坏或不完整", "bomb.xlsx": "解压后有", "empty.xlsx": "是空的（0字节）"}
    db = tmp_path / "register.db"
    for name, words in expected.items():
        out = tmp_path / f"filled-{name}.xlsx"
        assert main(["template", str(tmp_path / name), "--db", str(db), "--to", str(out)]) != 0, name
        err = capsys.readouterr().err
        assert words in err and "意外" not in err and "Traceback" not in err, (name, err)
        assert not out.exists()
