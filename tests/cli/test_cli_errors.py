"""The real ``menshen`` entry point, run as a user runs it, on everything that used to end in
a traceback (issue 13, point 14): each gets a Chinese message on stderr and a non-zero exit."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MENSHEN = Path(sys.executable).with_name("menshen")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def menshen(*args, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MENSHEN_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(MENSHEN), *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A folder with a three-household demo register, and the data folder of the run."""
    folder = tmp_path_factory.mktemp("cli")
    done = menshen("demo", "--db", "small.db", "--households", "3", "--days", "1",
                   cwd=folder, home=folder / "home")
    assert done.returncode == 0, done.stderr
    return folder


def assert_refused(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert CHINESE.search(done.stderr), done.stderr
    for word in words:
        assert word in done.stderr, (word, done.stderr)


CASES = {
    "print into a missing folder": (["print", "passes", "--db", "small.db", "--to", "nofolder/x.pdf"],
                                    ["文件夹不存在"]),
    "export into a missing folder": (["export", "register", "--db", "small.db", "--to", "nofolder/x.xlsx"],
                                     ["文件夹不存在"]),
    "template with a missing file": (["template", "nosuch.xlsx", "--db", "small.db", "--to", "o.xlsx"],
                                     ["找不到模板文件", "nosuch.xlsx"]),
    "import a missing file": (["import", "nosuch.xlsx", "--db", "small.db"], ["找不到台账文件"]),
    "demo into a register with people": (["demo", "--db", "small.db", "--households", "3"], ["已经登记了"]),
    "demo with -5 households": (["demo", "--db", "neg.db", "--households", "-5"], ["户数", "-5"]),
    "demo into a missing folder": (["demo", "--db", "nofolder/d.db", "--households", "2"], ["文件夹不存在"]),
    "a page that does not exist": (["--db", "small.db", "--screenshot", "s.png", "--page", "nosuchpage"],
                                   ["没有“nosuchpage”这个页面", "register"]),
    "care for an unknown helper": (["care", "--db", "small.db", "--helper", "没有这人"], ["没有帮扶人“没有这人”"]),
    "export from a missing database": (["export", "register", "--db", "missing/none.db", "--to", "x.xlsx"],
                                       ["找不到数据库文件"]),
    "print from a missing database": (["print", "passes", "--db", "none.db", "--to", "x.pdf"], ["找不到数据库文件"]),
    "care on a missing database": (["care", "--db", "none.db"], ["找不到数据库文件"]),
    "import into a missing database": (["import", "small.db", "--db", "none.db"], ["找不到数据库文件"]),
    "the window on a missing database": (["--db", "none.db", "--screenshot", "s.png"], ["找不到数据库文件"]),
    "an unknown form": (["print", "nosuch", "--db", "small.db", "--to", "x.pdf"], ["没有“nosuch”这一项", "passes"]),
    "a bad date": (["print", "gate-sheet", "--db", "small.db", "--to", "x.pdf", "--date", "2020-13-01"],
                   ["日期不存在"]),
    "a bad date shape": (["print", "gate-sheet", "--db", "small.db", "--to", "x.pdf", "--date", "2020/13"],
                         ["日期格式不对"]),
    "a missing required option": (["export", "register", "--db", "small.db"], ["缺少必需的参数", "--to"]),
    "an unknown option": (["care", "--db", "small.db", "--nosuch"], ["不认识的参数"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_mistake_is_a_chinese_message_and_a_failing_exit(place, case):
    args, words = CASES[case]
    done = menshen(*args, cwd=place, home=place / "home")
    assert_refused(done, *words)
    assert not (place / "none.db").exists() and not (place / "missing").exists()


def test_print_notice_without_a_template_lists_the_templates(place):
    done = menshen("print", "notice", "--db", "small.db", "--to", "n.pdf", cwd=place, home=place / "home")
    assert_refused(done, "--template", "1. 封闭管理通知（张贴）", "2. 致住户的一封信（每户一封）")
    assert not (place / "n.pdf").exists()
    # The help says 名称或编号: the number listed prints that template (it was 'no template named 2').
    done = menshen("print", "notice", "--db", "small.db", "--to", "n.pdf", "--template", "2", cwd=place,
                   home=place / "home")
    assert done.returncode == 0 and (place / "n.pdf").exists(), done.stderr


def test_demo_with_no_households_makes_an_empty_register_ready_to_import(tmp_path):
    done = menshen("demo", "--db", "empty.db", "--households", "0", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "已建好空白的数据文件：0户" in done.stdout
    care = menshen("care", "--db", "empty.db", "--today", "2020-02-20", cwd=tmp_path, home=tmp_path / "home")
    assert care.returncode == 0 and "隔离0人" in care.stdout, care.stderr
    ledger = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
    sample = next(iter(sorted(ledger.glob("*.xlsx"))), None) if ledger.is_dir() else None
    if sample is not None:
        imported = menshen("import", sample, "--db", "empty.db", "--compound", "幸福里小区", "--kind", "register",
                           cwd=tmp_path, home=tmp_path / "home")
        assert "Traceback" not in imported.stderr


def test_help_is_in_chinese(tmp_path):
    done = menshen("--help", cwd=tmp_path, home=tmp_path / "home")
    assert done.returncode == 0
    assert "用法：" in done.stdout and "显示这段帮助并退出" in done.stdout and "选项" in done.stdout


def test_an_unexpected_failure_is_one_chinese_line_and_a_log_without_personal_data(tmp_path):
    """A bug deep inside (here: a database file that is not a database but a text with an ID
    number in it) never shows a traceback; the log names where, not what."""
    from desktop import cli
    log_home = tmp_path / "home"
    os.environ["MENSHEN_HOME"] = str(log_home)
    try:
        def broken(_args):
            raise RuntimeError("张三 420106195803071234")
        original = cli._run
        cli._run = broken
        try:
            code = cli.main(["care", "--db", "x.db"])
        finally:
            cli._run = original
    finally:
        del os.environ["MENSHEN_HOME"]
    assert code == 2
    [log] = list((log_home / "logs").glob("*.log"))
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "test_cli_errors.py" in text
    assert "420106195803071234" not in text and "张三" not in text


def test_no_output_is_saved_over_the_register_or_the_file_being_read(place, tmp_path):
    """`--to` naming the register itself (or its -wal), `--errors` naming the ledger being
    imported, a template filled over its blank: refused before anything is written, with a
    message naming the file; the register, the ledger and the template stay as they were."""
    home = tmp_path / "home"
    shutil.copy(place / "small.db", tmp_path / "r.db")       # the module's demo register (closed: no -wal)
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["姓名", "身份证号码", "楼栋", "门牌号"])
    book.active.append(["错号码", "1234", "1", "101"])
    book.active.append(["周七", "420106195803070016", "1", "102"])
    book.save(tmp_path / "台账.xlsx")
    blank = Workbook()
    blank.active.append(["日期", "", "总人数", ""])
    blank.save(tmp_path / "模板.xlsx")
    kept = {name: (tmp_path / name).read_bytes() for name in ("台账.xlsx", "模板.xlsx")}
    done = menshen("export", "register", "--db", "r.db", "--to", "r.db", cwd=tmp_path, home=home)
    assert_refused(done, "r.db", "正在使用的数据文件")
    assert (tmp_path / "r.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert_refused(menshen("export", "register", "--db", "r.db", "--to", "r.db-wal", cwd=tmp_path, home=home),
                   "r.db-wal")
    done = menshen("import", "台账.xlsx", "--db", "r.db", "--compound", "幸福里", "--errors", "台账.xlsx",
                   cwd=tmp_path, home=home)
    assert_refused(done, "台账.xlsx", "正在导入的台账")
    done = menshen("template", "模板.xlsx", "--db", "r.db", "--to", "模板.xlsx", cwd=tmp_path, home=home)
    assert_refused(done, "模板.xlsx", "空白模板")
    assert {name: (tmp_path / name).read_bytes() for name in kept} == kept
    assert menshen("care", "--db", "r.db", cwd=tmp_path, home=home).returncode == 0      # still a register


def test_a_screenshot_not_ending_in_png_is_refused_with_a_message(tmp_path, capsys):
    """It exited 1 and said nothing (Qt saved nothing for an unknown ending)."""
    from desktop.cli import main
    code = main(["--db", str(tmp_path / "none.db"), "--screenshot", str(tmp_path / "shot")])
    err = capsys.readouterr().err
    assert code != 0 and ".png" in err and "截图" in err and "Traceback" not in err
    assert not (tmp_path / "shot").exists()


def test_a_day_the_calendar_does_not_have_is_not_called_a_format_mistake(tmp_path, capsys):
    """--date 2026-02-30 said "日期格式不对"; every --date parser now says the day does not exist."""
    from desktop.cli import main
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--households", "1", "--days", "0"]) == 0
    capsys.readouterr()
    for args in (["print", "--db", str(db), "--to", str(tmp_path / "a.pdf"), "--date", "2026-02-30"],
                 ["export", "gate-log", "--db", str(db), "--to", str(tmp_path / "a.xlsx"), "--date", "2026-02-30"],
                 ["audit", "--db", str(db), "--to", str(tmp_path / "b.xlsx"), "--since", "2026-02-30"]):
        assert main(args) != 0
        err = capsys.readouterr().err
        assert "日期不存在" in err and "2月只有28天" in err, (args, err)
        assert "格式不对" not in err and "Traceback" not in err
    assert main(["print", "--db", str(db), "--to", str(tmp_path / "a.pdf"), "--date", "2026-13-01"]) != 0
    assert "月份只有 1 到 12" in capsys.readouterr().err
    assert main(["print", "--db", str(db), "--to", str(tmp_path / "a.pdf"), "--date", "30.2.2026"]) != 0
    assert "格式不对" in capsys.readouterr().err


def test_a_bug_when_the_data_folder_cannot_be_written_is_still_one_chinese_line(tmp_path):
    """No log can be written (MENSHEN_HOME on a write-protected stick): the report must not
    fall through to the console (Python's last-resort log handler) as an English traceback
    beside the Chinese line. A process of its own: pytest's log capture would hide it."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code = ("import sys\nfrom desktop import cli\n"
            "def broken(_args):\n    raise RuntimeError('something deep inside')\n"
            "cli._run = broken\nsys.exit(cli.main(['care', '--db', 'x.db']))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "MENSHEN_HOME": str(blocker / "home")},
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "something deep inside" not in done.stderr
    assert done.stderr.startswith("错误：程序遇到了意外的问题（RuntimeError）") and done.stderr.count("\n") == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a session without a screen is a Linux case")
def test_the_window_without_a_screen_is_a_chinese_line_not_a_qt_abort(place):
    """menshen over a remote shell: Qt printed English lines and aborted with a core dump (134)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([str(MENSHEN), "--db", "small.db"], cwd=place, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env={**env, "MENSHEN_HOME": str(place / "home")})
    assert done.returncode == 2
    assert_refused(done, "图形界面", "menshen --help")
    assert "qt.qpa" not in done.stderr


def test_a_letter_named_without_its_bracketed_note_prints_and_a_wrong_name_lists_the_templates(tmp_path, capsys):
    """A village clerk typed --template 致住户的一封信 (the guide's name; a village's list says
    致村民的一封信（每户一封）): it said only that no such template was found and that it might have been deleted."""
    from desktop import first_run as fr
    from desktop.app import open_app
    from desktop.cli import main
    from desktop.register import HouseholdForm, PersonForm
    db = tmp_path / "village.db"
    app = open_app(db, user_name="测试员")
    fr.set_up_community(app, fr.CommunityPlan("新民村", "village", places_text="王家湾组\n李家湾组"))
    group = next(c for c in app.register.compounds() if c.name == "王家湾组")
    house = app.register.add_household(HouseholdForm(compound_id=group.id, address_text="12号"))
    app.register.add_person(PersonForm(full_name="王德贵"), house.id, "head")
    app.close()
    assert main(["print", "notice", "--db", str(db), "--compound", "王家湾组", "--template", "致住户的一封信",
                 "--to", str(tmp_path / "letter.pdf")]) == 0
    # The summary names the template printed, not the catalogue's 通知 / 致住户的信 (nor the name typed).
    assert "已打印 致村民的一封信（每户一封）：1份，" in capsys.readouterr().out and (tmp_path / "letter.pdf").exists()
    assert main(["print", "notice", "--db", str(db), "--template", "致村民的信",
                 "--to", str(tmp_path / "other.pdf")]) != 0
    err = capsys.readouterr().err
    assert "没有找到名为“致村民的信”的通知模板" in err and "2.“致村民的一封信（每户一封）”" in err
    assert "可能已被删除" not in err and "Traceback" not in err
