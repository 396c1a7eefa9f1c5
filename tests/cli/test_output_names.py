"""An output file's name ends as what is written into it. Found by hand: `menshen print notice
--to 通知.xlsx` wrote a PDF named .xlsx, `--to 通知` one with no extension (it opens in nothing
on the office PC), and `menshen template … --to 日报.pdf` a workbook named .pdf."""
import pytest

from desktop import cli


@pytest.fixture
def db(app_ctx, small_community):
    return str(app_ctx.db.path)


def _template(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    for row, label in enumerate(("填报日期", "社区名称", "总户数", "总人数"), start=1):
        ws.cell(row, 1, label)
    path = tmp_path / "日报模板.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("name, shown, example", [
    ("通知.xlsx", "不能保存为“.xlsx”文件", "例如 通知.pdf"),
    ("通知", "不能保存为没有扩展名的文件“通知”", "例如 通知.pdf"),
])
def test_a_printed_form_must_be_saved_as_pdf(tmp_path, capsys, db, name, shown, example):
    out = tmp_path / name
    assert cli.main(["print", "notice", "--db", db, "--to", str(out), "--template", "封闭管理通知（张贴）"]) == 1
    err = capsys.readouterr().err
    assert shown in err and example in err and ".pdf" in err and "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".~*"))
    assert cli.main(["print", "notice", "--db", db, "--to", str(tmp_path / "通知.PDF"),
                     "--template", "封闭管理通知（张贴）"]) == 0          # any case of .pdf will do
    assert (tmp_path / "通知.PDF").read_bytes().startswith(b"%PDF")


def test_a_filled_template_must_be_saved_as_xlsx(tmp_path, capsys, db):
    template = _template(tmp_path)
    for name in ("日报.pdf", "日报.xlsm", "日报"):
        assert cli.main(["template", str(template), "--db", db, "--to", str(tmp_path / name)]) == 1
        err = capsys.readouterr().err
        assert "不能保存为" in err and ".xlsx" in err and "Traceback" not in err
        assert not (tmp_path / name).exists()
    assert cli.main(["template", str(template), "--db", db, "--to", str(tmp_path / "日报.xlsx")]) == 0
    assert (tmp_path / "日报.xlsx").read_bytes().startswith(b"PK")


def test_the_audit_is_exported_only_as_a_workbook_or_csv(tmp_path, capsys, db):
    assert cli.main(["audit", "--db", db, "--to", str(tmp_path / "审计.pdf")]) == 1
    err = capsys.readouterr().err
    assert "不能导出为“.pdf”文件" in err and ".xlsx" in err and ".csv" in err
    assert not (tmp_path / "审计.pdf").exists()
    assert cli.main(["audit", "--db", db, "--to", str(tmp_path / "审计.xlsx")]) == 0
