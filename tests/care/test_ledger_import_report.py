"""The care list's Excel import as a clerk runs it at the command line (``menshen import --kind
care``): a row refused only when written (its person is not in the register) is counted and
named like any other bad row, in the dry run and the real run alike, and goes to the errors
workbook; importing the same list again changes nothing and says so."""
from openpyxl import Workbook, load_workbook

from desktop import cli

HEADER = ["姓名", "身份证号码", "住址", "关爱类别", "走访频次", "备注"]


def _ledger(path, rows, sheet="关爱名单"):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["幸福里小区特殊群体关爱名单"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _rows(people):
    return [["张三", people["张三"].id_number, "3栋2单元501", "独居老人", "每周", "腿脚不便"],
            ["王大爷", "", "王家湾组12号", "低保户", "每3天", ""],
            ["赵无名", "", "3栋1单元101", "独居老人", "每周", ""]]      # not in the register


def _import(app_ctx, ledger, *more):
    return cli.main(["import", str(ledger), "--db", str(app_ctx.db.path), "--kind", "care", *more])


def test_a_row_refused_when_written_is_counted_alike_in_the_dry_run_and_the_real_run(
        app_ctx, care, small_community, tmp_path, capsys):
    ledger = _ledger(tmp_path / "关爱.xlsx", _rows(small_community["people"]))
    assert _import(app_ctx, ledger, "--dry-run") == 0
    dry = capsys.readouterr()
    assert "正式导入将导入2行，未导入1行（新增2，更新0，未变0）" in dry.out
    assert "“关爱名单”第5行" in dry.err and "赵无名" in dry.err
    errors = tmp_path / "错误行.xlsx"
    assert _import(app_ctx, ledger, "--errors", str(errors)) == 0
    real = capsys.readouterr()
    assert "已导入2行，未导入1行" in real.out
    assert "“关爱名单”第5行" in real.err and "户籍台账里没有赵无名" in real.err
    ws = load_workbook(errors)["关爱名单"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    header = rows.index(HEADER + ["错误原因", "原行号"])
    assert [(r[0], r[-1]) for r in rows[header + 1:]] == [("赵无名", 5)]
    assert "户籍台账里没有赵无名" in rows[header + 1][-2]


def test_importing_the_same_list_again_changes_nothing_and_says_so(app_ctx, care, small_community, tmp_path, capsys):
    ledger = _ledger(tmp_path / "关爱.xlsx", _rows(small_community["people"])[:2])
    assert _import(app_ctx, ledger) == 0
    assert "已导入2行，未导入0行（新增2，更新0，未变0）" in capsys.readouterr().out
    with app_ctx.db.reading() as conn:
        changes = conn.execute("SELECT count(*) FROM sync_log").fetchone()[0]
    assert _import(app_ctx, ledger, "--dry-run") == 0
    assert "正式导入将导入0行，未导入0行（新增0，更新0，未变2）" in capsys.readouterr().out
    assert _import(app_ctx, ledger) == 0
    said = capsys.readouterr()
    assert "已导入0行，未导入0行（新增0，更新0，未变2）" in said.out
    assert "2行与已有记录相同，未改动" in said.err
    with app_ctx.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM sync_log").fetchone()[0] == changes


def test_a_changed_row_is_counted_as_updated_and_the_others_as_unchanged(app_ctx, care, small_community, tmp_path,
                                                                          capsys):
    rows = _rows(small_community["people"])[:2]
    assert _import(app_ctx, _ledger(tmp_path / "关爱.xlsx", rows)) == 0
    rows[1][4] = "每天"                                   # 王大爷 is visited daily now
    assert _import(app_ctx, _ledger(tmp_path / "关爱2.xlsx", rows)) == 0
    assert "已导入1行，未导入0行（新增0，更新1，未变1）" in capsys.readouterr().out


def test_the_care_list_exported_and_imported_back_is_unchanged(app_ctx, care, helper, small_community, tmp_path,
                                                                capsys):
    """The list's own export read back: its 院外治疗（透析、放化疗） is one category, not two words
    and a note, its last visit (one recorded here) is no news, and its 备注 (the clerk's line and
    an earlier import's) the note as it is. Nothing changes."""
    from datetime import date, timedelta

    from desktop.care.records import SubjectForm, VisitForm
    today = date.today()
    people = small_community["people"]
    listed = (today - timedelta(days=30)).isoformat()
    dialysis = care.add_subject(people["张三"].id, SubjectForm(
        categories=("elder_alone", "treatment"), needs=("medicine", "escort"), frequency="twice_weekly",
        helper_id=helper.id, listed_on=listed, note="腿脚不便；台账备注：透析前一天少喝水"), today)
    care.record_visit(dialysis.id, VisitForm(visited_on=(today - timedelta(days=2)).isoformat(),
                                             helper_id=helper.id, mode="in_person", found="按时透析"), today)
    care.add_subject(people["王大爷"].id, SubjectForm(categories=("low_income",), frequency="every_3_days",
                                                   listed_on=listed, last_visit_on=listed), today)
    out = tmp_path / "关爱名单.xlsx"
    assert cli.main(["export", "care", "--db", str(app_ctx.db.path), "--to", str(out)]) == 0
    capsys.readouterr()
    assert _import(app_ctx, out) == 0
    said = capsys.readouterr()
    assert "（新增0，更新0，未变2）" in said.out
    assert "2行与已有记录相同，未改动" in said.err
    kept = care.subject(dialysis.id)
    assert kept.categories == ("elder_alone", "treatment") and kept.last_visit_on == ""
    assert kept.note == "腿脚不便；台账备注：透析前一天少喝水"        # the clerk's line not doubled


def test_a_not_seen_attempt_exported_and_imported_back_stays_an_attempt(app_ctx, care, helper, small_community,
                                                                        tmp_path, capsys):
    """The list's export names the attempt in its state and keeps the last real visit as 上次走访;
    read back, nothing changes: the attempt does not become a visit and the person stays due."""
    from datetime import date, timedelta

    from desktop.care.records import SubjectForm, VisitForm
    today = date.today()
    alone = care.add_subject(small_community["people"]["张三"].id, SubjectForm(
        categories=("elder_alone",), frequency="every_3_days", helper_id=helper.id,
        listed_on=(today - timedelta(days=30)).isoformat()), today)
    seen = (today - timedelta(days=3)).isoformat()
    care.record_visit(alone.id, VisitForm(visited_on=seen, helper_id=helper.id, found="身体好"), today)
    care.record_visit(alone.id, VisitForm(visited_on=today.isoformat(), helper_id=helper.id, mode="not_seen",
                                          found="敲门没人应"), today)
    out = tmp_path / "关爱名单.xlsx"
    assert cli.main(["export", "care", "--db", str(app_ctx.db.path), "--to", str(out)]) == 0
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
    header = next(r for r in rows if r and r[0] == "状态")
    row = next(r for r in rows if r and r[1] == "张三")
    said = "今天应访（上次未见到）"
    assert row[0] == said and row[header.index("上次走访")] == seen
    capsys.readouterr()
    assert _import(app_ctx, out) == 0
    assert "（新增0，更新0，未变1）" in capsys.readouterr().out
    assert care.subject(alone.id).last_visit_on == ""
    assert [v.mode for v in care.visits(alone.id)] == ["not_seen", "in_person"]
    due = care.due_of(care.subject(alone.id), today)
    assert due.state == "due" and due.last_attempt == today


def test_an_empty_register_refuses_the_care_list_in_one_line_naming_its_rows(app_ctx, care, tmp_path, capsys):
    """A new office imports its care list before the register: every row is refused for the
    same reason. It was said once a row (20 identical lines and "还有100行"); now once, with
    the rows it is said of."""
    rows = [[f"张{i}", "", f"3栋2单元{i}01", "独居老人", "每周", ""] for i in range(1, 7)]
    ledger = _ledger(tmp_path / "关爱.xlsx", rows)
    for more in (("--dry-run",), ()):
        assert _import(app_ctx, ledger, *more) == 0
        err = capsys.readouterr().err
        assert err.count("户籍台账里还没有任何人") == 1, err
        assert "“关爱名单”第3–8行：户籍台账里还没有任何人" in err, err


def test_care_rows_imported_with_something_to_check_are_named_in_care_words(
        app_ctx, care, small_community, tmp_path, capsys):
    """A care row kept with a doubt (a visit rhythm no list knows, kept in the note) was
    reported in the register's words (户的备注标为【待核实】) and without its row."""
    rows = _rows(small_community["people"])[:2]
    rows[1][4] = "必要时"
    assert _import(app_ctx, _ledger(tmp_path / "关爱.xlsx", rows)) == 0
    err = capsys.readouterr().err
    assert "1行已导入，但有需要核对的地方（原样记在关爱对象的备注里，请在“关爱”页核对）：“关爱名单”第4行。" in err, err
    assert "待核实" not in err
