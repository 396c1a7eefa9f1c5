"""Rare characters in names (生僻字) print (issue 13, point 10): 𠮷 (U+20BB7, CJK Extension B,
in neither bundled face) and 䶮 (U+4DAE, Extension A, missing from the Hei face) are drawn from
the Hanazono fallback faces, embedded as subsets, and read back from the PDF as typed."""
from datetime import date

from desktop.printing import health_sheet, household_sheet, passes
from desktop.printing.fonts import HEI, SONG, register_fonts
from desktop.printing.records import HouseholdSheet, IsolationCase, Office, PassCard
from desktop.records import Person
from tests.printing.conftest import assert_fonts_embedded, page_texts, pdf_fonts, squeeze

OFFICE = Office("幸福里社区居民委员会")
NAMES = ("吉𠮷祥", "王䶮")


def _embedded_faces(path) -> set[str]:
    return {str(f.get("/BaseFont")).split("+")[-1] for f in pdf_fonts(path)}


def test_rare_names_on_a_household_sheet_read_back_as_typed(tmp_path):
    members = tuple(Person(f"p{i}", name, relation="head" if i == 0 else "spouse") for i, name in enumerate(NAMES))
    path = tmp_path / "sheet.pdf"
    household_sheet.print_household_sheets(path, [HouseholdSheet("幸福里小区 3栋2单元501", "自有", "", members)],
                                           OFFICE, "2020-02-10")
    text = squeeze(page_texts(path)[0])
    for name in NAMES:
        assert name in text
    assert_fonts_embedded(path)
    # 𠮷 from Extension B's face; the Song face has 䶮 itself.
    assert "MenshenHanazonoB" in _embedded_faces(path)


def test_rare_names_in_titles_set_in_the_hei_face_and_on_a_pass(tmp_path):
    case = IsolationCase("吉𠮷", "幸福里小区 1栋101", date(2020, 2, 10), date(2020, 2, 23), kind="居家隔离")
    sheet, card = tmp_path / "health.pdf", tmp_path / "pass.pdf"
    health_sheet.print_health_sheets(sheet, [case], OFFICE)
    assert "吉𠮷" in squeeze(page_texts(sheet)[0])
    passes.print_passes(card, [PassCard("XM1", "王䶮", "幸福里小区", "2020-02-10", "2020-03-10", "MS:XM1")], OFFICE)
    assert "王䶮" in squeeze(page_texts(card)[0])             # the holder is set in the Hei face
    assert "MenshenHanazonoA" in _embedded_faces(card)      # which lacks 䶮


def test_width_of_a_rare_character_is_its_fallback_face_width():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    register_fonts()
    for font in (SONG, HEI):
        assert stringWidth("𠮷", font, 10) == stringWidth("吉", font, 10) == 10.0
        assert stringWidth("王䶮", font, 10) == 20.0
