"""``menshen print FORM``: every register form from the command line, clear messages for what
has nothing to print, and a cancelled batch leaves no half-written file."""
from datetime import date

import pytest

from desktop import cli
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.printing.forms import FORMS
from desktop.printing.pages import Cancelled
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze

DAY = date(2020, 2, 20)           # the gate and care fixtures' day: nothing here reads the clock


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
    title = extra[1] if form == "notice" else FORMS[form].title        # a notice: its template's name
    assert len(summary) == 1 and summary[0].startswith(f"已打印 {title}") and f"{pages}页" in summary[0]
    if form == "gate-sheet":            # blank sheets are their pages (it said 出入登记表：0份)
        assert summary[0].startswith("已打印 出入登记表（空白）：2页 → "), summary[0]
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


def test_one_households_sheet_by_its_address_as_the_clerk_writes_it(tmp_path, app_ctx, small_community):
    """--household took an id no screen shows; it takes the address (the id still works)."""
    from desktop.errors import InputError
    from desktop.printing.sources import household_at
    from desktop.register import HouseholdForm
    out = tmp_path / "h.pdf"
    assert cli.main(["print", "household-sheet", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--household", "幸福里小区 3栋2单元501"]) == 0
    text = squeeze(page_texts(out)[0])
    assert "张三" in text and "李梅" in text and "王租客" not in text
    reg = app_ctx.register
    for typed, name in (("幸福里3-2-501", "张三"), ("3栋1单元101", "王租客"), ("王家湾 12号", "王大爷"),
                        ("王家湾组12号", "王大爷")):
        assert household_at(reg, typed).name == name, typed
    village = small_community["village"]
    reg.add_household(HouseholdForm(compound_id=village.id, address_text="12号"), shared_door=True)
    for typed, said in (("幸福小区 3-2-501", "没有名为“幸福小区”的小区（院落）或村民小组"),
                        ("幸福里小区 9栋1单元101", "幸福里小区没有登记在“9栋1单元101”的住户"),
                        ("幸福里小区", "请在“幸福里小区”后面写上门牌"),
                        ("王家湾组 12号", "王家湾组 12号登记了2户（王大爷、无人），分不清是哪一户")):
        with pytest.raises(InputError, match=said):
            household_at(reg, typed)


def test_a_name_two_places_share_is_not_taken_for_the_first_of_them(app_ctx, small_community):
    """王家湾组 and 王家湾村 both have a 12号: 王家湾 12号 printed the first one's household. It
    says the address is ambiguous; a door only one of them has, or the whole name, decides."""
    from desktop.errors import InputError
    from desktop.printing.sources import household_at
    from desktop.register import HouseholdForm
    reg = app_ctx.register
    village = reg.add_compound("王家湾村", kind="village_group")
    twelve = reg.add_household(HouseholdForm(compound_id=village.id, address_text="12号"))
    thirty = reg.add_household(HouseholdForm(compound_id=village.id, address_text="30号"))
    for typed in ("王家湾 12号", "王家湾12号"):
        # The two named in the order the register's tree and boxes list them (register.compounds).
        with pytest.raises(InputError, match="“12号”在王家湾村、王家湾组都有，请在门牌前写上名称，例如：王家湾村 12号"):
            household_at(reg, typed)
    assert household_at(reg, "王家湾村 12号").id == twelve.id
    assert household_at(reg, "王家湾村12号").id == twelve.id
    assert household_at(reg, "王家湾组 12号").name == "王大爷"
    assert household_at(reg, "王家湾 30号").id == thirty.id


@pytest.fixture
def gate_and_care(app_ctx, small_community):
    """A gate with a pass and two passages, a helper with someone due, an isolated person."""
    from datetime import datetime
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.passes import issue_pass
    from desktop.gate.subjects import person_subject
    db, register, people = app_ctx.db, app_ctx.register, small_community["people"]
    today = DAY
    gate = add_checkpoint(db, "幸福里东门", small_community["compound"].id)
    issue_pass(db, household_id=small_community["households"][0].id, today=today)
    for direction, hour in (("out", 8), ("in", 9)):
        record_passage(db, Passage(person_subject(register.person(people["张小明"].id)), direction,
                                   temperature=36.6), gate, when=datetime.combine(today, datetime.min.time())
                       .replace(hour=hour))
    care = CareBook(db, register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(people["王大爷"].id, SubjectForm(categories=("elder_alone",), needs=("groceries",),
                                                      frequency="weekly", helper_id=helper.id), today)
    IsolationBook(db, register).start(people["王租客"].id, "home_isolation", "外地返回", today, today)
    return app_ctx.db.path


@pytest.mark.parametrize("form, extra, words", [
    ("passes", ["--compound", "幸福里小区"], ["张三（全户）", "出入证"]),
    ("isolation-notice", [], ["王租客", "居家隔离"]),
    ("door-sign", [], ["居家隔离"]),
    ("health-sheet", [], ["王租客", "健康监测"]),
    ("visit-sheet", ["--helper", "刘楼长"], ["王大爷", "刘楼长"]),
    ("gate-sheet", ["--day-log", "--gate", "幸福里东门"], ["张小明", "幸福里东门"]),
])
def test_gate_and_care_forms_print_from_their_data(tmp_path, capsys, gate_and_care, form, extra, words):
    out = tmp_path / f"{form}.pdf"
    assert cli.main(["print", form, "--db", str(gate_and_care), "--to", str(out), "--date", DAY.isoformat(),
                     *extra]) == 0
    said = capsys.readouterr().out
    if form == "gate-sheet":
        # The day's two passages, not two copies (it said 出入登记表：2份), and not a blank sheet.
        assert said.startswith(f"已打印 出入登记表（幸福里东门 {DAY.isoformat()}的记录）：2条记录，1页"), said
    else:
        assert said.startswith(f"已打印 {FORMS[form].title}："), said
    text = squeeze(" ".join(page_texts(out)))
    for word in words:
        assert word in text, (form, word)
    assert_fonts_embedded(out)


def test_gate_and_care_forms_with_nothing_to_print_say_so(tmp_path, capsys, db_path):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", "passes", "--db", str(db_path), "--to", str(out)]) == 1
    assert "没有有效的出入证" in capsys.readouterr().err
    assert cli.main(["print", "isolation-notice", "--db", str(db_path), "--to", str(out)]) == 1
    assert "没有居家隔离" in capsys.readouterr().err
    assert cli.main(["print", "gate-sheet", "--day-log", "--gate", "北门", "--db", str(db_path),
                     "--to", str(out)]) == 1
    assert "没有名为“北门”的卡口。可选：" in capsys.readouterr().err      # and the gates there are
    assert not out.exists()


def test_bad_requests_get_clear_messages(tmp_path, capsys, db_path):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", "notice", "--db", str(db_path), "--to", str(out), "--template", "没有这个"]) == 1
    assert "没有找到名为“没有这个”的通知模板" in capsys.readouterr().err
    assert cli.main(["print", "canvass-sheet", "--db", str(db_path), "--to", str(out), "--compound", "别处"]) == 1
    assert "没有名为“别处”的小区" in capsys.readouterr().err
    assert cli.main(["print", "gate-sheet", "--db", str(db_path), "--to", str(out), "--date", "2020-13-01"]) == 2
    assert "日期不存在" in capsys.readouterr().err      # right shape, no 13th month: not "格式不对"
    assert not out.exists()


def test_a_cancelled_batch_leaves_no_file_and_keeps_the_old_one(tmp_path, app_ctx, small_community):
    out = tmp_path / "letters.pdf"
    out.write_bytes(b"%PDF- the last good file")

    def cancel(done, total):
        raise Cancelled()
    with pytest.raises(Cancelled):
        print_form(app_ctx.register, PrintRequest("household-sheet", compound="幸福里小区"), out, cancel)
    assert out.read_bytes() == b"%PDF- the last good file"
    assert not list(tmp_path.glob(".~*"))


def test_a_care_code_this_version_does_not_know_prints_as_it_is(tmp_path, capsys, app_ctx, gate_and_care):
    """A newer machine's need (or category, frequency) arriving by sync: the visit sheet and the
    care list still come out, the unknown code shown as it is. Before: a KeyError and nothing."""
    with app_ctx.db.transaction() as conn:
        conn.execute("UPDATE care_subject SET needs = 'groceries,drone_drop', categories = 'elder_alone,new_kind',"
                     " frequency = 'hourly'")
    out = tmp_path / "visit.pdf"
    assert cli.main(["print", "visit-sheet", "--db", str(gate_and_care), "--to", str(out), "--date",
                     DAY.isoformat(), "--helper", "刘楼长"]) == 0
    text = squeeze(" ".join(page_texts(out)))
    assert "王大爷" in text and "drone_drop" in text and "代买生活物资" in text and "new_kind" in text
    assert cli.main(["export", "care", "--db", str(gate_and_care), "--to", str(tmp_path / "care.xlsx"),
                     "--date", DAY.isoformat()]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_the_office_phone_prints_whole_on_masked_paper_and_residents_phones_do_not(tmp_path, app_ctx,
                                                                                   small_community):
    """Found by hand: an office whose phone is a mobile (the grid worker's 13907150000) saw it
    printed as 139****0000 on every posted notice, isolation notice and door sign: residents
    told to call the community could not. The office's own number stays whole; a resident's
    number typed into the same text is still masked."""
    from desktop.printing.records import NoticeTemplate
    from desktop.printing.templates import NoticeTemplates
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "office_phone", "139 0715 0000")
    NoticeTemplates(app_ctx.db).save(NoticeTemplate(
        "", "热线通知", "请拨打社区热线", "有事请拨打社区热线13907150000。租客王五（13812345678）请回电。"))
    out = tmp_path / "hotline.pdf"
    print_form(app_ctx.register, PrintRequest("notice", template="热线通知"), out)
    text = squeeze(page_texts(out)[0])
    assert "13907150000" in text
    assert "13812345678" not in text and "138****5678" in text


def test_a_not_seen_state_prints_short_and_whole_on_the_visit_sheet_and_the_export(tmp_path, capsys, app_ctx,
                                                                                    small_community):
    """Nobody answered the door of an old man last seen three weeks ago. The sheet's narrow
    到期 column broke 超过两个周期未走访，上次未见到本人（12月6日） over five lines and the care
    list said it another way; the sheet, the export and the list now say 21天未走访（上次未见到）."""
    from datetime import timedelta

    from openpyxl import load_workbook

    from desktop.care.care_book import CareBook
    from desktop.care.records import SubjectForm, VisitForm
    today = date.today()
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    alone = care.add_subject(small_community["people"]["王大爷"].id, SubjectForm(
        categories=("elder_alone",), frequency="weekly", helper_id=helper.id,
        listed_on=(today - timedelta(days=60)).isoformat()), today)
    care.record_visit(alone.id, VisitForm(visited_on=(today - timedelta(days=21)).isoformat(), found="身体好"), today)
    care.record_visit(alone.id, VisitForm(visited_on=today.isoformat(), mode="not_seen", found="敲门没人应"), today)
    said = "21天未走访（上次未见到）"
    out = tmp_path / "visit.pdf"
    assert cli.main(["print", "visit-sheet", "--db", str(app_ctx.db.path), "--to", str(out)]) == 0
    [page] = page_texts(out)
    assert said in squeeze(page) and "状态" in squeeze(page) and "上次未见到本人（" not in squeeze(page)
    book = tmp_path / "care.xlsx"
    assert cli.main(["export", "care", "--db", str(app_ctx.db.path), "--to", str(book)]) == 0
    sheet = load_workbook(book).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert next(r for r in rows if r[1] == "王大爷")[0] == said
    assert sheet.column_dimensions["A"].width >= 2 * len(said)       # a Chinese character is two widths
    assert "Traceback" not in capsys.readouterr().err
