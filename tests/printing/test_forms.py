"""Every form read back from its PDF: what is printed, what is masked, fonts embedded."""
import re
from datetime import date

import pytest
import segno

from desktop.errors import InputError
from desktop.printing import (canvass_sheet, daily_report, door_sign, gate_sheet, health_sheet,
                              household_sheet, isolation_notice, passes, visit_sheet)
from desktop.printing.pages import FORM_A4, PdfDocument, draw_heading
from desktop.printing.qr import MASK, qr_runs
from desktop.printing.records import (DailyFigures, GateLogEntry, HouseholdSheet, MergeRecord,
                                      PassCard, VisitItem)
from desktop.printing.tables import Column, Table
from desktop.records import Person
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze

ID = "420106195803071234"
PHONE = "13800138000"


def cards(n):
    return [PassCard(f"XM{i:05d}", f"居民{i}", f"幸福里小区 3栋2单元{i}01", "2020-02-10", "2020-03-10",
                     f"MENSHEN:PASS:XM{i:05d}", "幸福里小区") for i in range(n)]


def test_a_table_over_three_pages_repeats_its_header_and_numbers_its_pages(tmp_path):
    path = tmp_path / "t.pdf"
    with PdfDocument(path, FORM_A4, "测试") as doc:
        table = Table(doc, [Column("序号", 1), Column("姓名", 2), Column("住址", 4)],
                      lambda d: draw_heading(d, "长表格"))
        table.add_rows([str(i), f"姓名{i}", f"幸福里小区 3栋2单元{i}号"] for i in range(1, 80))
    texts = page_texts(path)
    assert len(texts) == 3
    for n, text in enumerate(texts, 1):
        assert "长表格" in text and "序号" in text and "姓名" in text and "住址" in text
        assert f"第{n}页共3页" in squeeze(text)
    all_text = squeeze("".join(texts))
    positions = [all_text.index(f"姓名{i}幸福里") for i in range(1, 80)]
    assert positions == sorted(positions), "rows in order, none lost between pages"


def test_passes_eight_a_page_each_with_its_qr_as_one_path(tmp_path, office):
    path = tmp_path / "passes.pdf"
    printed = passes.print_passes(path, cards(10), office)
    assert (printed.pages, printed.items) == (2, 10)
    texts = page_texts(path)
    assert all(f"居民{i}" in texts[0] for i in range(8)) and "居民8" in texts[1]
    assert "XM00009" in texts[1] and "2020-03-10" in texts[0]
    assert_fonts_embedded(path)
    from pypdf import PdfReader
    content = PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin-1")
    # One filled path per code: 8 fills on a full page (the cut lines are strokes).
    assert len(re.findall(r"\sf\*?\s", content)) == 8


def test_a_long_address_on_a_pass_says_it_was_shortened(tmp_path, office):
    """Found by hand: a 60-character address was cut after three lines with no mark, so the
    guard read a door that was not the whole address."""
    address = "幸福里小区东侧平房区临街商铺后院第三排从左往右数第五间" * 2
    card = PassCard("XM00001", "王五", address, "2020-02-10", "2020-03-10", "MENSHEN:PASS:XM00001", "幸福里小区")
    path = tmp_path / "pass.pdf"
    passes.print_passes(path, [card], office)
    text = squeeze(page_texts(path)[0])
    assert "幸福里小区东侧平房区" in text and "…" in text and address not in text


def test_a_long_holder_name_stays_on_its_pass(tmp_path, office):
    """Found by hand: a 40-character name ran past its card and off the sheet."""
    import subprocess
    name = "阿卜杜热合曼·买买提依明·艾则孜·阿卜杜拉·吐尔逊（全户）"
    cards = [PassCard(f"XM0000{i}", name, "幸福里小区 3栋2单元501", "2020-02-10", "2020-03-10",
                      f"MENSHEN:PASS:XM0000{i}", "幸福里小区") for i in range(2)]
    path = tmp_path / "pass.pdf"
    passes.print_passes(path, cards, office)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([0-9.]+)"', boxes).group(1))
    assert max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes)) <= width - 10
    assert "阿卜杜热合曼" in squeeze(page_texts(path)[0])


def test_a_pass_without_qr_content_is_refused_before_drawing(tmp_path, office):
    bad = [*cards(2), PassCard("XM9", "王五", "幸福里", "2020-02-10", "2020-03-10", "")]
    with pytest.raises(InputError, match="XM9（王五）的二维码内容为空或太长"):
        passes.print_passes(tmp_path / "p.pdf", bad, office)
    assert not (tmp_path / "p.pdf").exists()


def test_qr_runs_rebuild_segnos_matrix():
    n, runs = qr_runs("MENSHEN:PASS:XM00001")
    matrix = segno.make("MENSHEN:PASS:XM00001", error="m", micro=False, boost_error=False, mask=MASK).matrix
    rebuilt = [[0] * n for _ in range(n)]
    for r, c, length in runs:
        for k in range(length):
            rebuilt[r][c + k] = 1
    assert rebuilt == [list(row) for row in matrix]


def test_isolation_notice_two_copies_with_signature_lines_and_masked_numbers(tmp_path, office, isolation_case):
    path = tmp_path / "iso.pdf"
    isolation_notice.print_isolation_notices(path, [isolation_case], office)
    text = squeeze(page_texts(path)[0])
    assert text.count("居家隔离告知书") == 2
    assert "居民留存联" in text and "社区存根联" in text
    assert text.count("被隔离人（或监护人）签字") == 2
    assert "2020年2月10日起至2020年2月23日止（共14天）" in text
    assert ID not in text and "4201**********1234" in text
    assert PHONE not in text and "138****8000" in text
    assert_fonts_embedded(path)


def test_door_sign_names_the_place_and_dates_not_the_person(tmp_path, office, isolation_case):
    path = tmp_path / "sign.pdf"
    door_sign.print_door_signs(path, [isolation_case], office)
    text = squeeze(page_texts(path)[0])
    assert "居家隔离" in text and "请勿打扰" in text and "3栋2单元501" in text and "2月23日" in text
    assert "张三" not in text


def test_a_family_isolated_behind_one_door_gets_one_door_sign(tmp_path, office, isolation_case):
    """张三 and his wife isolated (she till later), their son under observation: three signs for
    one door, with two different periods. One sign, 居家隔离, until the last of them is released."""
    from dataclasses import replace
    wife = replace(isolation_case, person_name="李梅", planned_end=date(2020, 2, 26))
    son = replace(isolation_case, person_name="张小明", kind="医学观察", start=date(2020, 2, 12))
    neighbour = replace(isolation_case, address="幸福里小区 3栋2单元502", kind="医学观察")
    path = tmp_path / "sign.pdf"
    printed = door_sign.print_door_signs(path, [son, isolation_case, wife, neighbour], office)
    pages = [squeeze(t) for t in page_texts(path)]
    assert printed.items == printed.pages == len(pages) == 2
    assert "居家隔离" in pages[0] and "3栋2单元501" in pages[0] and "2月10日至2月26日" in pages[0]
    assert "医学观察" in pages[1] and "3栋2单元502" in pages[1]


def test_health_sheet_has_a_row_for_each_of_the_fourteen_days(tmp_path, office, isolation_case):
    path = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(path, [isolation_case], office)
    text = squeeze(page_texts(path)[0])
    assert "上午体温" in text and "下午体温" in text
    rows = text.split("2020-02-23")[-1]
    for n, day in enumerate(range(10, 24), 1):            # both ends: the 23rd has its row
        assert f"{n}2月{day}日" in rows
    assert "2月24日" not in rows
    assert PHONE not in text


def test_visit_sheet_one_sheet_per_helper_with_masked_phones(tmp_path, office):
    path = tmp_path / "visit.pdf"
    items = [VisitItem("孤老甲", "幸福里小区 1栋101", "独居老人", "代买药品", PHONE, "2020-02-08", "今天")]
    visit_sheet.print_visit_sheets(path, [("刘楼栋长", items), ("陈网格员", [])], office, "2020年2月10日")
    texts = [squeeze(t) for t in page_texts(path)]
    assert len(texts) == 2
    assert "帮扶人：刘楼栋长" in texts[0] and "孤老甲" in texts[0] and "代买药品" in texts[0]
    assert PHONE not in texts[0] and "138****8000" in texts[0]
    assert "陈网格员" in texts[1] and "今天没有需要走访的对象" in texts[1]


def test_gate_sheets_blank_and_filled(tmp_path, office):
    blank = tmp_path / "blank.pdf"
    printed = gate_sheet.print_blank_gate_sheets(blank, office, "南门", pages=3)
    assert printed.pages == 3
    assert all("出入人员车辆登记表" in t and "卡口：南门" in squeeze(t) for t in page_texts(blank))
    log = tmp_path / "log.pdf"
    entries = [GateLogEntry("08:01", "进", "李四", "3栋2单元501", PHONE, "36.5", from_place="武昌", outcome="放行")]
    gate_sheet.print_gate_log(log, office, "南门", "2020-02-10", entries)
    text = squeeze(page_texts(log)[0])
    assert "李四" in text and "36.5" in text and "3栋2单元501" in text and PHONE not in text
    assert "体温°C" in text, "the Hei face draws ℃ blank: headings set °C"


def test_household_sheet_full_numbers_for_the_office_masked_when_asked(tmp_path, office):
    members = (Person("p1", "张三", id_number=ID, sex="M", birth_date="1958-03-07", phone=PHONE, relation="head"),)
    sheet = HouseholdSheet("幸福里小区 3栋2单元501", "租住", "赵房东", members)
    full, masked = tmp_path / "full.pdf", tmp_path / "masked.pdf"
    household_sheet.print_household_sheets(full, [sheet], office, "2020-02-10")
    household_sheet.print_household_sheets(masked, [sheet], office, "2020-02-10", masked=True)
    assert ID in squeeze(page_texts(full)[0]) and "户主" in page_texts(full)[0]
    assert ID not in squeeze(page_texts(masked)[0]) and PHONE not in squeeze(page_texts(masked)[0])


def test_a_long_household_note_wraps_inside_the_page_and_its_numbers_are_masked(tmp_path, office):
    """Found by hand: a 群租 household's long note ran off the right edge of the sheet, and a
    phone in it printed whole on a masked sheet."""
    import subprocess
    note = "群租房，房东电话13912345678，" + "租客较多，" * 120
    members = (Person("p1", "张三", id_number=ID, sex="M", birth_date="1958-03-07", phone=PHONE, relation="head"),)
    sheet = HouseholdSheet("幸福里小区 3栋2单元501", "租住", "赵房东", members, note=note)
    path = tmp_path / "masked.pdf"
    household_sheet.print_household_sheets(path, [sheet], office, "2020-02-10", masked=True)
    boxes = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right <= FORM_A4.width - FORM_A4.right + 1, right                # nothing past the margin
    text = squeeze(page_texts(path)[0])
    assert "13912345678" not in text and "139****5678" in text
    assert "租客较多" in text and "…" in text                               # cut after four lines
    assert "张三" in text                                                   # the table still has its room


def test_canvass_sheet_one_sheet_per_building_with_result_boxes(tmp_path, office):
    records = [MergeRecord(f"h{i}", f"户主{i}", f"幸福里小区 {b}栋1单元{i}01", "幸福里小区", b, "1", f"{i}01", 2)
               for b in ("3", "4") for i in range(1, 4)]
    path = tmp_path / "canvass.pdf"
    canvass_sheet.print_canvass_sheets(path, records, office, "第2轮", "2020-02-10")
    texts = [squeeze(t) for t in page_texts(path)]
    assert len(texts) == 2
    assert "幸福里小区3栋" in texts[0] and "幸福里小区4栋" in texts[1]
    assert "户主1" in texts[0] and "□已访□无人□拒绝" in texts[0]
    # The name is the head's, else the first member's (tenants): the column headed 户主 said
    # a tenant was the head.
    assert "户主/住户" in texts[0]


def test_daily_report_figures(tmp_path, office):
    figures = DailyFigures("幸福里社区", date(2020, 2, 10), 3, 5, 1,
                           {"healthy": 4, "home_isolation": 1, "observation": 0, "away": 0},
                           {"healthy": 0, "home_isolation": 1, "observation": 0, "away": 0},
                           (("幸福里小区", 2, 4, {"healthy": 3, "home_isolation": 1}),))
    path = tmp_path / "daily.pdf"
    daily_report.print_daily_report(path, figures, office)
    text = squeeze(page_texts(path)[0])
    assert "幸福里社区疫情防控工作日报" in text and "2020年2月10日" in text
    assert "辖区共3户、5人，其中重点人员1人" in text and "今日新增：健康0人，居家隔离1人" in text


@pytest.mark.parametrize("form", ["passes", "isolation", "sign", "health", "visit", "gate", "canvass"])
def test_every_font_in_every_form_is_embedded(tmp_path, office, isolation_case, form):
    path = tmp_path / f"{form}.pdf"
    {"passes": lambda: passes.print_passes(path, cards(3), office),
     "isolation": lambda: isolation_notice.print_isolation_notices(path, [isolation_case], office),
     "sign": lambda: door_sign.print_door_signs(path, [isolation_case], office),
     "health": lambda: health_sheet.print_health_sheets(path, [isolation_case], office),
     "visit": lambda: visit_sheet.print_visit_sheets(path, [("刘", [])], office, "今天"),
     "gate": lambda: gate_sheet.print_blank_gate_sheets(path, office, pages=1),
     "canvass": lambda: canvass_sheet.print_canvass_sheets(
         path, [MergeRecord("h", "户主", "幸福里 3栋101", "幸福里", "3")], office, "1", "2020-02-10")}[form]()
    assert_fonts_embedded(path)
    names = {str(f.get("/BaseFont")) for f in pdf_fonts_of(path)}
    assert not names & {"/Helvetica", "/STSong-Light", "/Times-Roman"}


def pdf_fonts_of(path):
    from tests.printing.conftest import pdf_fonts
    return pdf_fonts(path)


def test_each_household_and_each_helper_has_its_own_page_numbers(tmp_path, office):
    """6,514 household sheets said 第1页 共6514页 …: each is handed to one household, as each
    helper takes their own visit sheet, so each is 第1页 共1页 (共2页 when it runs over)."""
    import re
    members = (Person("p1", "张三", id_number=ID, sex="M", birth_date="1958-03-07", phone=PHONE, relation="head"),)
    many = tuple(Person(f"p{i}", f"成员{i}", relation="other") for i in range(40))       # a 群租 of 40
    sheets = [HouseholdSheet("幸福里小区 3栋2单元501", "自有", "", members),
              HouseholdSheet("幸福里小区 3栋2单元502", "租住", "赵房东", many),
              HouseholdSheet("幸福里小区 3栋2单元601", "自有", "", members)]
    path = tmp_path / "households.pdf"
    household_sheet.print_household_sheets(path, sheets, office, "2020-02-10")
    numbers = [re.search(r"第(\d+)页共(\d+)页", squeeze(t)).groups() for t in page_texts(path)]
    assert numbers == [("1", "1"), ("1", "2"), ("2", "2"), ("1", "1")]
    items = [VisitItem("孤老甲", "幸福里小区 1栋101", "独居老人", "代买药品", PHONE, "2020-02-08", "今天")]
    visits = tmp_path / "visits.pdf"
    visit_sheet.print_visit_sheets(visits, [("刘楼栋长", items), ("陈网格员", items)], office, "2020年2月10日")
    assert [re.search(r"第(\d+)页共(\d+)页", squeeze(t)).groups() for t in page_texts(visits)] == [("1", "1")] * 2
