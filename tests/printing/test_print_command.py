"""``menshen print FORM``: every register form from the command line, clear messages for what
cannot print yet, and a cancelled batch leaves no half-written file."""
import pytest

from desktop import cli
from desktop.printing.catalogue import FORMS, PrintRequest, print_form
from desktop.printing.pages import Cancelled
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze


@pytest.fixture
def db_path(app_ctx, small_community):
    return app_ctx.db.path


@pytest.mark.parametrize("form, extra, pages", [
    ("notice", ["--template", "致住户的一封信（每户一封）"], 3),
    ("notice", ["--template", "封闭管理通知（张贴）", "--a3", "--compound", "幸福里小区"], 1),
    ("household-sheet", ["--compound", "幸福里小区"], 2),
    ("canvass-sheet", ["--compound", "幸福里小区", "--building", "3"], 1),
    ("gate-sheet", ["--gate", "南门", "--pages", "2"], 2),
    ("daily-report", [], 1),
])
def test_register_forms_print_from_the_command_line(tmp_path, capsys, db_path, form, extra, pages):
    out = tmp_path / f"{form}.pdf"
    assert cli.main(["print", form, "--db", str(db_path), "--to", str(out), "--date", "2020-02-10", *extra]) == 0
    summary = capsys.readouterr().out.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith(f"printed {form}:") and f"{pages} pages" in summary[0]
    assert len(page_texts(out)) == pages
    assert_fonts_embedded(out)


def test_a_posted_notice_names_its_compound_and_a3_is_a3(tmp_path, app_ctx, small_community):
    out = tmp_path / "n.pdf"
    print_form(app_ctx.register, PrintRequest("notice", compound="幸福里小区", template="封闭管理通知（张贴）",
                                              poster=True), out)
    assert "关于幸福里小区实行封闭管理的通知" in squeeze(page_texts(out)[0])
    from pypdf import PdfReader
    assert [round(float(v)) for v in PdfReader(str(out)).pages[0].mediabox[2:]] == [842, 1191]


def test_household_sheet_of_one_household(tmp_path, app_ctx, small_community):
    h1 = small_community["households"][0]
    out = tmp_path / "h.pdf"
    print_form(app_ctx.register, PrintRequest("household-sheet", household_id=h1.id), out)
    text = squeeze(page_texts(out)[0])
    assert "张三" in text and "李梅" in text and "张小明" in text and "王租客" not in text


@pytest.mark.parametrize("form", [f for f, info in FORMS.items() if info.source != "register"])
def test_forms_waiting_for_their_data_say_so(tmp_path, capsys, db_path, form):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", form, "--db", str(db_path), "--to", str(out)]) == 3
    err = capsys.readouterr().err
    assert "功能接入后即可打印" in err
    assert not out.exists()


def test_the_days_gate_log_waits_for_the_gate_module(tmp_path, capsys, db_path):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", "gate-sheet", "--day-log", "--db", str(db_path), "--to", str(out)]) == 3
    assert "“当天的出入登记表”的数据来自“门岗" in capsys.readouterr().err


def test_bad_requests_get_clear_messages(tmp_path, capsys, db_path):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", "notice", "--db", str(db_path), "--to", str(out), "--template", "没有这个"]) == 2
    assert "没有找到名为“没有这个”的通知模板" in capsys.readouterr().err
    assert cli.main(["print", "canvass-sheet", "--db", str(db_path), "--to", str(out), "--compound", "别处"]) == 2
    assert "没有名为“别处”的小区" in capsys.readouterr().err
    assert cli.main(["print", "gate-sheet", "--db", str(db_path), "--to", str(out), "--date", "2020-13-01"]) == 2
    assert "日期格式不对" in capsys.readouterr().err
    assert not out.exists()


def test_a_cancelled_batch_leaves_no_file_and_keeps_the_old_one(tmp_path, app_ctx, small_community):
    out = tmp_path / "letters.pdf"
    out.write_bytes(b"%PDF- the last good file")

    def cancel(done, total):
        raise Cancelled()
    with pytest.raises(Cancelled):
        print_form(app_ctx.register, PrintRequest("household-sheet", compound="幸福里小区"), out, cancel)
    assert out.read_bytes() == b"%PDF- the last good file"
    assert not list(tmp_path.glob("*.part"))
