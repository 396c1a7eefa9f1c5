"""Masked outputs hold no full ID or mobile number anywhere: not in their columns, not in a
note, not on a landlord's line. Every export list and every printed form is scanned."""
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop import cli
from desktop.excel.lists import LISTS
from desktop.idnumber import make_resident_id
from desktop.masking import mask_text
from desktop.printing.catalogue import FORMS

DAY = date(2020, 2, 20)
NOTE_ID = make_resident_id("420106", date(1990, 1, 1), 77, True)
SPACED_ID = " ".join(NOTE_ID[i:i + 4] for i in range(0, 18, 4))          # 4201 0619 …
NOTES = f"其他电话：13912345678；身份证{NOTE_ID}；老伴 139 2345 6789，女儿 139-3456-7890，户口本 {SPACED_ID}"
# A plain run of 11 or more digits (an ID's X included).
LONG_NUMBER = re.compile(r"\d{10,}[\dXx]")
PLANTED = ["13912345678", NOTE_ID, "13923456789", "13934567890"]


def full_numbers(text: str, known=()) -> list[str]:
    """Plain runs of 11+ digits, and any known number written with spaces or dashes inside
    (a generic scan across separators would take a date beside a masked ID for a number)."""
    joined = re.sub(r"(?<=\d)[ \-](?=[\dXx])", "", text)
    return LONG_NUMBER.findall(text) + [n for n in {*PLANTED, *known} if n in joined]


def known_numbers(db_path) -> set[str]:
    """Every ID and phone number the community holds."""
    import sqlite3
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT id_number, phone FROM person UNION ALL SELECT landlord_phone, NULL FROM household"
                            " UNION ALL SELECT phone, NULL FROM care_helper UNION ALL SELECT phone, NULL"
                            " FROM duty_person").fetchall()
    finally:
        conn.close()
    return {v for r in rows for v in r if v and len(v) >= 11}


def test_mask_text_masks_numbers_inside_free_text():
    masked = mask_text(NOTES)
    assert full_numbers(masked) == []
    assert "139****5678" in masked and "其他电话：" in masked and NOTE_ID[:4] + "*" * 10 + NOTE_ID[-4:] in masked
    assert mask_text("2020-02-03 08:30 体温36.5") == "2020-02-03 08:30 体温36.5"
    assert mask_text("办公室 027-88886666") == "办公室 027-88886666"      # a landline is the office's own
    # A backup's time stamp in a file name is no ID number (no province code starts 19 or 20).
    assert mask_text("register.db.before-restore-20261207-052920-2") == "register.db.before-restore-20261207-052920-2"
    assert mask_text("旧证 420106-900101-123") == "旧证 4201*******1123"
    assert mask_text("+8613912345678 或 86 139 1234 5678") == "+86139****5678 或 86 139****5678"


@pytest.fixture
def noisy_community(app_ctx, small_community):
    """The small community, with numbers typed into every free-text field a list or form shows."""
    from desktop.canvass.rounds import CanvassBook
    from desktop.care.care_book import CareBook
    from desktop.care.isolation import IsolationBook
    from desktop.care.records import SubjectForm
    from desktop.duty.people import DutyBook
    from desktop.duty.roster import Roster
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.passes import issue_pass
    from desktop.gate.subjects import person_subject
    from desktop.register import HouseholdForm, PersonForm
    db, register, people = app_ctx.db, app_ctx.register, small_community["people"]
    c = small_community["compound"]
    h = register.add_household(HouseholdForm(compound_id=c.id, building="3", unit="2", room="502", tenure="rented",
                                             landlord_name="钱房东", landlord_phone="13700001234", note=NOTES))
    noisy = register.add_person(PersonForm(full_name="孙多事", id_number=make_resident_id("420106", date(1970, 1, 1), 8, True),
                                           phone="13600001234", is_key_person=True, key_reason=NOTES,
                                           work_place=NOTES, note=NOTES), h.id, "head")
    gate = add_checkpoint(db, "幸福里东门", c.id)
    issue_pass(db, household_id=h.id, today=DAY)
    record_passage(db, Passage(person_subject(register.person(noisy.id)), "out", temperature=36.6, note=NOTES),
                   gate, when=datetime(2020, 2, 20, 8, 0))
    care = CareBook(db, register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(noisy.id, SubjectForm(categories=("elder_alone",), frequency="weekly", helper_id=helper.id,
                                           note=NOTES), DAY)
    IsolationBook(db, register).start(people["王租客"].id, "home_isolation", "外地返回 " + NOTES, DAY, DAY, note=NOTES)
    duty = DutyBook(db).add_person("张志愿", "13800000001", "volunteer", note=NOTES, available=NOTES)
    Roster(db).add_shift(duty.id, "gate", DAY, "08:00", "12:00", checkpoint_id=gate.id, note=NOTES)
    CanvassBook(db, register).create_round("第一轮摸排", DAY, starts_on="2020-02-18")
    return app_ctx.db.path


def workbook_text(path) -> str:
    book = load_workbook(path)
    return "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                     if c.value is not None)


def test_every_masked_export_holds_no_full_number(noisy_community, tmp_path, capsys):
    known = known_numbers(noisy_community)
    assert len(known) >= 8
    for name in LISTS:
        out = tmp_path / f"{name}.xlsx"
        assert cli.main(["export", name, "--db", str(noisy_community), "--to", str(out), "--masked",
                         "--date", DAY.isoformat()]) == 0, capsys.readouterr().err
        text = workbook_text(out)
        assert full_numbers(text, known) == [], name
    full = tmp_path / "full.xlsx"             # the office's own copy keeps them: the scan finds numbers
    assert cli.main(["export", "register", "--db", str(noisy_community), "--to", str(full)]) == 0
    assert "13912345678" in workbook_text(full)


# Every form, as the office prints it; the household sheet is the office's own file and is
# masked when asked (--masked).
FORM_ARGS = {
    "notice": ["--template", "致住户的一封信（每户一封）"],
    "household-sheet": ["--masked"],
    "canvass-sheet": ["--round", "第一轮摸排"],
    "gate-sheet": ["--day-log", "--gate", "幸福里东门"],
    "daily-report": [],
    "battle-map": ["--public"],
    "passes": [],
    "isolation-notice": [],
    "door-sign": [],
    "health-sheet": [],
    "visit-sheet": [],
    "roster": [],
}


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_every_masked_printed_form_holds_no_full_number(noisy_community, tmp_path, capsys):
    assert set(FORM_ARGS) == set(FORMS)            # a new form must join this scan
    known = known_numbers(noisy_community)
    for form, extra in FORM_ARGS.items():
        out = tmp_path / f"{form}.pdf"
        assert cli.main(["print", form, "--db", str(noisy_community), "--to", str(out), "--date", DAY.isoformat(),
                         *extra]) == 0, (form, capsys.readouterr().err)
        text = pdf_text(out)
        assert full_numbers(text, known) == [], form
    office = tmp_path / "office.pdf"
    assert cli.main(["print", "household-sheet", "--db", str(noisy_community), "--to", str(office)]) == 0
    assert "13700001234" in "".join(pdf_text(office).split())        # the office's own sheet shows it


def test_a_masked_list_or_sheet_never_gives_back_the_birth_date_the_id_number_hides(noisy_community, tmp_path):
    """4201**********0011 hides the district and the birth date; a 出生日期 column beside it
    printed 1958-03-07 whole, and with the district of most residents the number was whole
    again. Masked, the birth date keeps its year only; the office's own copy keeps it all."""
    import sqlite3
    conn = sqlite3.connect(noisy_community)
    try:
        births = {r[0] for r in conn.execute(
            "SELECT birth_date FROM person WHERE birth_date IS NOT NULL AND id_number IS NOT NULL")}
    finally:
        conn.close()
    assert len(births) >= 5
    masked_list, masked_sheet = tmp_path / "register.xlsx", tmp_path / "sheet.pdf"
    assert cli.main(["export", "register", "--db", str(noisy_community), "--to", str(masked_list), "--masked"]) == 0
    assert cli.main(["print", "household-sheet", "--db", str(noisy_community), "--to", str(masked_sheet),
                     "--masked"]) == 0
    for text in (workbook_text(masked_list), "".join(pdf_text(masked_sheet).split())):
        assert [b for b in births if b in text] == []
        assert "1958-**-**" in text
    full = tmp_path / "full.xlsx"
    assert cli.main(["export", "register", "--db", str(noisy_community), "--to", str(full)]) == 0
    assert births <= set(workbook_text(full).split("\n"))
