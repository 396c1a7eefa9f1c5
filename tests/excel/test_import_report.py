"""What ``menshen import`` says of the rows refused as they are written: each with its sheet
and row, the first 20, then how many more."""
from openpyxl import Workbook

from desktop import cli


def test_rows_refused_when_written_name_their_sheet_and_how_many_more(app_ctx, tmp_path, capsys):
    book = Workbook()
    ws = book.active
    ws.title = "2月10日"
    ws.append(["日期", "时间", "姓名", "进/出", "体温", "处理结果"])
    # Words the gate log has no outcome for, each its own (the same word in every row is one line).
    for minute in range(25):
        ws.append(["2020-02-10", f"08:{minute:02d}", "张三", "进", 36.5, f"隔离{minute}"])
    book.save(tmp_path / "出入登记.xlsx")
    assert cli.main(["import", str(tmp_path / "出入登记.xlsx"), "--db", str(app_ctx.db.path), "--kind", "gate"]) == 0
    said = capsys.readouterr()
    assert "已导入0行，未导入25行" in said.out
    lines = said.err.splitlines()
    assert lines[0] == "“2月10日”第2行：处理结果只能是放行、劝返或送发热门诊：隔离0"
    assert len(lines) == 21 and lines[-1] == "……还有5行有错误；加 --errors 文件名.xlsx 可保存全部错误行。"


def test_rows_refused_when_written_go_to_the_errors_workbook(app_ctx, tmp_path, capsys):
    """A gate log is not rehearsed in the preview: a passage its rules refuse only as it is
    written (an outcome word the log has no code for) still goes to --errors with the others."""
    from openpyxl import load_workbook
    book = Workbook()
    ws = book.active
    ws.title = "2月10日"
    header = ["日期", "时间", "姓名", "进/出", "体温", "处理结果"]
    ws.append(header)
    ws.append(["2020-02-10", "08:00", "张三", "进", 36.5, "放行"])
    ws.append(["2020-02-10", "08:05", "李四", "进", 36.6, "隔离"])
    ws.append(["2020-02-10", "08:09", "", "进", 36.6, "放行"])         # refused by the preview
    book.save(tmp_path / "出入登记.xlsx")
    errors = tmp_path / "错误行.xlsx"
    assert cli.main(["import", str(tmp_path / "出入登记.xlsx"), "--db", str(app_ctx.db.path), "--kind", "gate",
                     "--errors", str(errors)]) == 0
    assert "已导入1行，未导入2行" in capsys.readouterr().out
    rows = [[c.value for c in r] for r in load_workbook(errors)["2月10日"].iter_rows()]
    first = rows.index(header + ["错误原因", "原行号"]) + 1
    assert sorted((r[-1], r[2]) for r in rows[first:]) == [(3, "李四"), (4, None)]
    assert "处理结果只能是放行、劝返或送发热门诊：隔离" in next(r[-2] for r in rows[first:] if r[2] == "李四")
