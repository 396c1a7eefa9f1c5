"""Found by hand with extreme but real data: a committee's 35-character name, a 30-character
gate, a 40-character person's name, a 60-character address. Every word must stay on its paper
(inside the margin, the card, the red frame) and no two words may be drawn over each other.
Positions are read back from the PDF with ``pdftotext -bbox``."""
import re
import subprocess
from datetime import date

from reportlab.lib.units import mm

from desktop.printing import door_sign, gate_sheet, health_sheet, isolation_notice, notice, passes
from desktop.printing.pages import FORM_A4, FORM_A4_LANDSCAPE, NOTICE_A4, SIGN_A4
from desktop.printing.records import IsolationCase, NoticeTemplate, Office, PassCard
from tests.printing.conftest import squeeze, page_texts

LONG_OFFICE = Office("武汉市江岸区新民街道办事处新民社区第一网格第二网格联合临时居民委员会")
LONG_GATE = "阳光花园东区第三期经济适用住房安置小区北门临时防控卡口值守点"
LONG_NAME = "欧阳司马诸葛上官皇甫尉迟公羊澹台公冶宗政濮阳淳于单于太叔申屠公孙仲孙轩辕令狐钟离宇文长孙"
LONG_ADDRESS = "阳光花园东区第三期经济适用住房安置小区及配套商业综合楼院落 2栋1单元601"
CASE = IsolationCase(LONG_NAME, LONG_ADDRESS, date(2020, 2, 10), date(2020, 2, 23), reason="近14天从外地返回",
                     phone="13800138000", household_size=3)


def words(path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of every word on a page, y from the top."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="(-?[0-9.]+)" yMin="(-?[0-9.]+)" xMax="(-?[0-9.]+)" yMax="(-?[0-9.]+)">([^<]*)</word>', out)]


def overlapping(found) -> list:
    """Pairs of words drawn over each other."""
    pairs = []
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1:
                pairs.append((a[4], b[4]))
    return pairs


def test_a_long_committee_name_signs_a_notice_inside_the_left_margin(tmp_path):
    """The 署名 ran out past the left edge of the paper: '武' was cut off."""
    t = NoticeTemplate("t1", "通知", "关于做好疫情防控工作的通知", "请各位居民配合社区做好登记、测温工作。")
    path = tmp_path / "notice.pdf"
    notice.print_notices(path, t, None, LONG_OFFICE, date(2020, 2, 10))
    found = words(path)
    assert min(w[0] for w in found) >= NOTICE_A4.left - 1
    assert max(w[2] for w in found) <= NOTICE_A4.width - NOTICE_A4.right + 1
    assert LONG_OFFICE.name in squeeze(page_texts(path)[0])          # all of it, in two lines
    assert not overlapping(found)


def test_a_long_gate_name_on_the_gate_sheet_wraps_beside_the_date(tmp_path):
    """The gate's name ran under the date at the top right, both unreadable."""
    path = tmp_path / "gate.pdf"
    gate_sheet.print_blank_gate_sheets(path, LONG_OFFICE, LONG_GATE, 1)
    found = words(path)
    assert not overlapping(found)
    assert max(w[2] for w in found) <= FORM_A4_LANDSCAPE.width - FORM_A4_LANDSCAPE.right + 1
    assert LONG_GATE in squeeze(page_texts(path)[0])


def test_a_long_committee_name_stays_on_its_pass(tmp_path):
    """The name under the QR code ran on into the next pass and off the sheet."""
    cards = [PassCard(f"S-{i:04d}", "张三", LONG_ADDRESS, "2020-02-10", "2020-03-10", f"MS1:{i}",
                      for_household=True) for i in range(2)]
    path = tmp_path / "passes.pdf"
    passes.print_passes(path, cards, LONG_OFFICE)
    t = passes.CARDS_A4
    middle = t.left + t.measure / 2
    found = words(path)
    assert all(w[2] <= middle + 1 for w in found if w[0] < middle), \
        [w[4] for w in found if w[0] < middle < w[2] - 1]
    assert max(w[2] for w in found) <= t.width - t.right + 1
    assert "本证限本户使用" in squeeze(page_texts(path)[0])


def test_a_long_address_and_committee_name_stay_inside_the_door_sign_frame(tmp_path):
    """The address ran over the red frame to the edge of the sheet."""
    path = tmp_path / "door.pdf"
    door_sign.print_door_signs(path, [CASE], LONG_OFFICE)
    found = words(path)
    assert min(w[0] for w in found) >= SIGN_A4.left + 4
    assert max(w[2] for w in found) <= SIGN_A4.width - SIGN_A4.right - 4
    assert LONG_ADDRESS.replace(" ", "") in squeeze(page_texts(path)[0])


def test_the_committee_stamp_line_of_the_isolation_notice_leaves_the_date_line_free(tmp_path):
    """The committee's name was drawn over '签收日期：____年__月__日'."""
    path = tmp_path / "iso.pdf"
    isolation_notice.print_isolation_notices(path, [CASE], LONG_OFFICE)
    found = words(path)
    assert not overlapping(found)
    assert max(w[2] for w in found) <= isolation_notice.TWO_COPIES.width - isolation_notice.TWO_COPIES.right + 1


def test_a_long_name_on_the_health_sheet_wraps_inside_the_page(tmp_path):
    """姓名 and 住址 ran off the right edge in one line."""
    path = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(path, [CASE], LONG_OFFICE)
    found = words(path)
    assert max(w[2] for w in found) <= FORM_A4.width - FORM_A4.right + 1
    assert LONG_ADDRESS.replace(" ", "") in squeeze(page_texts(path)[0])
    assert 12 * mm < min(w[0] for w in found) + 1


def test_the_health_sheet_moves_an_address_to_the_next_line_whole_instead_of_cutting_it(tmp_path):
    """姓名 and 住址 on one line ran out of room in the middle of the address: '…2栋1单元' at
    the end of one line, '601' on the next. The address moves whole to its own line."""
    address = "阳光花园东区第三期经济适用住房安置小区及配套商业院落 2栋1单元601"
    case = IsolationCase("欧阳司马诸葛上官", address, date(2020, 2, 10), date(2020, 2, 23),
                         reason="近14天从外地返回", phone="13800138000", household_size=3)
    path = tmp_path / "health.pdf"
    health_sheet.print_health_sheets(path, [case], Office("新民社区"))
    lines = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    [line] = [x for x in lines if "住址：" in x]
    assert address.replace(" ", "") in line.replace(" ", ""), line
    assert any("电话：138****8000" in x.replace(" ", "") for x in lines)

def test_a_big_household_keeps_its_signature_line_above_the_page_number(tmp_path):
    """With 22 members (or fewer and a long note) the sheet drew '户主签字' under the bottom
    margin, over '第 1 页 共 1 页'. Now the signatures stay inside the page, with a blank row
    above them; a sheet whose members fill the page carries the blank rows to the next."""
    from desktop.printing import household_sheet
    from desktop.printing.records import HouseholdSheet
    from desktop.records import Person
    for count in (21, 22, 23):
        members = tuple(Person(f"p{i}", f"成员{i}", relation="child") for i in range(count))
        path = tmp_path / f"sheet{count}.pdf"
        printed = household_sheet.print_household_sheets(
            path, [HouseholdSheet("幸福里小区 3栋2单元501", "租住", "", members)], LONG_OFFICE, "2020-02-10")
        last = words(path, printed.pages)
        signature = [w for w in last if w[4].startswith("户主签字")]
        assert signature and signature[0][3] <= FORM_A4.height - FORM_A4.bottom + 3, (count, signature)
        assert not overlapping(last), count
        assert f"成员{count - 1}" in squeeze("".join(page_texts(path)))
