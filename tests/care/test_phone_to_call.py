"""The phone a visitor calls ahead: the person's own, else the household's, else an emergency
contact, and whose it is. The demo's 刘爱兰 (living alone, no phone of her own, a daughter as
emergency contact) had an empty 电话 on the printed visit sheet."""
from datetime import timedelta

import openpyxl
import pytest

from desktop.care.records import SubjectForm
from desktop.excel.lists import export_list
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.register import HouseholdForm, PersonForm
from tests.care.conftest import TODAY
from tests.printing.conftest import page_texts, squeeze


@pytest.fixture
def no_phones(app_ctx, small_community, care, helper):
    """张奶奶 lives with 张三 (户主, 13800130001) and has no phone; 刘爱兰 lives alone without
    one, her daughter is her emergency contact; 王大爷 has his own."""
    r = app_ctx.register
    h1 = small_community["households"][0]
    grandma = r.add_person(PersonForm(full_name="张奶奶"), h1.id, "parent")
    alone = r.add_household(HouseholdForm(compound_id=small_community["compound"].id, building="4", room="202"))
    liu = r.add_person(PersonForm(full_name="刘爱兰"), alone.id, "head")
    listed = (TODAY - timedelta(days=10)).isoformat()
    subjects = {}
    for name, person in (("张奶奶", grandma), ("刘爱兰", liu), ("王大爷", small_community["people"]["王大爷"])):
        subjects[name] = care.add_subject(person.id, SubjectForm(categories=("elder_alone",), helper_id=helper.id,
                                                                 listed_on=listed), TODAY)
    care.add_contact(subjects["刘爱兰"].id, "高丽华", "女儿", "13600001234")
    return subjects


def test_visit_sheet_prints_the_household_or_contact_phone_and_whose(tmp_path, app_ctx, no_phones):
    out = tmp_path / "visit.pdf"
    print_form(app_ctx.register, PrintRequest("visit-sheet", day=TODAY), out)
    text = squeeze(" ".join(page_texts(out)))
    assert "138****0001（户主张三）" in text                 # 张奶奶: her household's head
    assert "136****1234（紧急联系人女儿高丽华）" in text      # 刘爱兰: nobody else at home
    assert "138****0005" in text and "（户主王大爷）" not in text  # his own: no one named


def test_care_export_has_the_same_phone_and_says_whose(tmp_path, app_ctx, no_phones):
    out = tmp_path / "care.xlsx"
    export_list(app_ctx, "care", out, on=TODAY)
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if "联系电话" in r)
    name, phone, whose = header.index("姓名"), header.index("联系电话"), header.index("接听人")
    got = {r[name]: (str(r[phone]).strip(), r[whose]) for r in rows if r[name] in no_phones}
    assert got == {"张奶奶": ("13800130001", "户主 张三"), "刘爱兰": ("13600001234", "紧急联系人 女儿 高丽华"),
                   "王大爷": ("13800130005", "本人")}


def test_the_care_card_shows_the_phone_the_sheet_prints(qtbot, qt_zh, app_ctx, no_phones):
    from ui.events import DataEvents
    from ui.pages.care_page import CarePage
    page = CarePage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    names = [page.model.item(r).subject.full_name for r in range(page.model.rowCount())]
    page.table.selectRow(names.index("刘爱兰"))
    assert "13600001234（紧急联系人 女儿 高丽华）" in page.card.toPlainText()


def test_the_rule_head_first_then_others_then_a_contact_with_a_phone():
    from desktop.care.care_book import phone_to_call
    others = [("张小明", "child", "13800000003"), ("李梅", "spouse", "13800000002")]
    assert phone_to_call("", others, []).text() == "13800000002（同户 李梅）"   # said as 同户, not 配偶
    assert phone_to_call("", [("张三", "head", "13800000001")] + others, []).whose == "户主 张三"
    contacts = [("高丽华", "女儿", ""), ("高明", "", "13600001234")]
    assert phone_to_call("", [], contacts).text() == "13600001234（紧急联系人 高明）"
    assert phone_to_call(" 13900000000 ", others, contacts).text() == "13900000000"
    assert phone_to_call("", [], []).text() == ""


def test_the_isolation_card_shows_the_phone_to_call_and_whose(qtbot, qt_zh, app_ctx, no_phones, iso):
    # The isolation card showed only the person's own phone: for 张奶奶 and 刘爱兰 (none of
    # their own) nothing at all, though the care card had 张三's and the daughter's.
    from ui.events import DataEvents
    from ui.pages.isolation_page import IsolationPage
    for name in no_phones:
        iso.start(no_phones[name].person_id, "home_isolation", "密切接触者", TODAY, TODAY)
    page = IsolationPage(app_ctx, DataEvents())
    qtbot.addWidget(page)
    page.set_today(TODAY)
    names = [page.model.item(r).episode.full_name for r in range(page.model.rowCount())]
    cards = {}
    for name in no_phones:
        page.table.selectRow(names.index(name))
        cards[name] = page.card.toPlainText()
    assert "13800130001（户主 张三）" in cards["张奶奶"]
    assert "13600001234（紧急联系人 女儿 高丽华）" in cards["刘爱兰"]
    assert "13800130005" in cards["王大爷"] and "（户主" not in cards["王大爷"]



def test_the_visit_sheets_of_every_helper_end_with_those_nobody_is_assigned_to(app_ctx, small_community, no_phones,
                                                                               care):
    """A care ledger imported without its helpers' phones leaves its people unassigned (their
    helper kept in the note). Printed for every helper, the sheets left them off: 李梅, due today,
    was on no paper. Now a last sheet lists them, and says to assign a helper on the care page."""
    from desktop.printing.feeds import visit_lists      # what the sheets print, one a helper (no PDF: time)
    care.add_subject(small_community["people"]["李梅"].id, SubjectForm(categories=("treatment",)), TODAY)
    sheets = [(helper, [item.person_name for item in items]) for helper, items in
              visit_lists(app_ctx.register, today=TODAY)]
    assert sheets == [("刘楼长", ["张奶奶", "刘爱兰", "王大爷"]), ("未安排（请在关爱页指定帮扶人）", ["李梅"])]
