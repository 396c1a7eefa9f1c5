"""What ``menshen import`` says of the rows refused as they are written: each with its sheet
and row, the first 20, then how many more."""
from openpyxl import Workbook

from desktop import cli


def test_rows_refused_when_written_name_their_sheet_and_how_many_more(app_ctx, tmp_path, capsys):
    book = Workbook()
    ws = book.active
    ws.title = "2月10日"
    ws.append(["日期", "时间", "姓名", "进/出", "体温", "处理结果"])
    for minute in range(25):                 # a word the gate log has no outcome for
        ws.append(["2020-02-10", f"08:{minute:02d}", "张三", "进", 36.5, "隔离"])
    book.save(tmp_path / "出入登记.xlsx")
    assert cli.main(["import", str(tmp_path / "出入登记.xlsx"), "--db", str(app_ctx.db.path), "--kind", "gate"]) == 0
    said = capsys.readouterr()
    assert "imported 0, rejected 25" in said.out
    lines = said.err.splitlines()
    assert lines[0] == "“2月10日”第2行：处理结果只能是放行、劝返或送发热门诊：隔离"
    assert len(lines) == 21 and lines[-1] == "……还有5行有错误。"
