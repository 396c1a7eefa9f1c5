"""A full (unmasked) print shows whole numbers only on the paper that may ever carry them, and
the audit says what was printed: masked or not, as the paper is (catalogue.FormInfo.numbers).

`menshen print visit-sheet --full --reason …` printed 186****7762 while the audit noted an
unmasked copy: each form masked its phones in its own code, whatever the output was."""
import subprocess
from datetime import date, datetime

import pytest

from desktop import cli
from desktop.printing.catalogue import FORMS, PrintRequest, print_form

DAY = date(2020, 2, 20)
PERSON_PHONE = "13800130001"          # 张三's, from small_community
VOLUNTEER_PHONE = "13800000001"
RELATIVE_PHONE = "13912345678"        # typed into a passage's note at the gate


@pytest.fixture
def tiny(app_ctx, small_community):
    """张三 on 刘楼长's care list and through the east gate, 王租客 in home isolation, 张志愿 on
    the gate roster."""
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    db, register, people = app_ctx.db, app_ctx.register, small_community["people"]
    care = CareBook(db, register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(people["张三"].id, SubjectForm(categories=("elder_alone",), frequency="weekly",
                                                   helper_id=helper.id), DAY)
    IsolationBook(db, register).start(people["王租客"].id, "home_isolation", "外地返回", DAY, DAY)
    gate = add_checkpoint(db, "幸福里东门", small_community["compound"].id)
    volunteer = DutyBook(db).add_person("张志愿", VOLUNTEER_PHONE, "volunteer")
    Roster(db).add_shift(volunteer.id, "gate", DAY, "08:00", "12:00", checkpoint_id=gate.id)
    record_passage(db, Passage(person_subject(register.person(people["张三"].id)), "out", temperature=36.6,
                                       note=f"家属电话{RELATIVE_PHONE}"), gate, when=datetime(2020, 2, 20, 8, 0))
    return app_ctx


def pdf_text(path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(done.stdout.split())


def last_audit(db) -> tuple[str, int, str]:
    with db.reading() as conn:
        return conn.execute("SELECT target, masked, reason FROM audit_event ORDER BY at DESC, id DESC"
                            " LIMIT 1").fetchone()


def test_the_visit_sheet_printed_full_shows_the_phone_whole_and_the_audit_says_so(tiny, tmp_path):
    masked, full = tmp_path / "masked.pdf", tmp_path / "full.pdf"
    print_form(tiny.register, PrintRequest("visit-sheet", day=DAY), masked)
    assert PERSON_PHONE not in pdf_text(masked) and "138****0001" in pdf_text(masked)
    assert tuple(last_audit(tiny.db))[:2] == ("visit-sheet", 1)
    print_form(tiny.register, PrintRequest("visit-sheet", day=DAY, masked=False, reason="帮扶人电话回访"), full)
    assert PERSON_PHONE in pdf_text(full)
    assert tuple(last_audit(tiny.db)) == ("visit-sheet", 0, "帮扶人电话回访")


def test_the_roster_printed_full_shows_the_volunteers_phone(tiny, tmp_path):
    masked, full = tmp_path / "masked.pdf", tmp_path / "full.pdf"
    print_form(tiny.register, PrintRequest("roster", day=DAY), masked)
    assert VOLUNTEER_PHONE not in pdf_text(masked) and last_audit(tiny.db)[1] == 1
    print_form(tiny.register, PrintRequest("roster", day=DAY, masked=False, reason="值班室留底"), full)
    assert VOLUNTEER_PHONE in pdf_text(full) and last_audit(tiny.db)[1] == 0


@pytest.mark.parametrize("form", ["health-sheet", "isolation-notice"])
def test_the_isolated_persons_own_papers_show_the_phone_whole_when_full(tiny, tmp_path, form):
    out = tmp_path / f"{form}.pdf"
    print_form(tiny.register, PrintRequest(form, day=DAY, masked=False, reason="电话随访"), out)
    assert "13800130004" in pdf_text(out) and last_audit(tiny.db)[1] == 0


def test_a_public_paper_stays_masked_even_when_asked_full_and_the_audit_says_masked(tiny, tmp_path):
    out = tmp_path / "gate.pdf"
    print_form(tiny.register, PrintRequest("gate-sheet", gate="幸福里东门", gate_log=True, day=DAY, masked=False,
                                           reason="想要完整的"), out)
    text = pdf_text(out)
    assert "张三" in text and RELATIVE_PHONE not in text and "139****5678" in text
    assert tuple(last_audit(tiny.db))[:2] == ("gate-sheet", 1)
    from desktop.printing.catalogue import NEVER, ON_REQUEST    # the one decision, per paper
    assert FORMS["door-sign"].numbers == FORMS["gate-sheet"].numbers == FORMS["passes"].numbers == NEVER
    assert FORMS["visit-sheet"].numbers == FORMS["roster"].numbers == ON_REQUEST


def test_the_command_line_full_visit_sheet_prints_the_whole_phone(tiny, tmp_path, capsys):
    path = str(tiny.db.path)
    tiny.close()
    out = tmp_path / "走访.pdf"
    assert cli.main(["print", "visit-sheet", "--db", path, "--to", str(out), "--date", DAY.isoformat(),
                     "--full", "--reason", "电话回访"]) == 0, capsys.readouterr().err
    assert PERSON_PHONE in pdf_text(out)
    assert cli.main(["print", "gate-sheet", "--db", path, "--to", str(tmp_path / "门口.pdf"), "--date", DAY.isoformat(),
                     "--day-log", "--gate", "幸福里东门", "--full", "--reason", "电话回访"]) == 0
    said = capsys.readouterr().out
    assert "总是隐去" in said and "--full 对它不起作用" in said
    assert RELATIVE_PHONE not in pdf_text(tmp_path / "门口.pdf")
