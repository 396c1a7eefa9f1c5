"""Rare characters in names (生僻字) print (issue 13, point 10): 𠮷 (U+20BB7, CJK Extension B,
in neither bundled face) and 䶮 (U+4DAE, Extension A, missing from the Hei face) are drawn from
the Hanazono fallback faces, embedded as subsets, and read back from the PDF as typed."""
from datetime import date

import pytest

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


@pytest.fixture
def packed_faces_without_song(tmp_path, monkeypatch):
    """The faces as the built folder ships them (packed), with the Song face lost."""
    import lzma
    from desktop import font_files
    from desktop.printing import fonts
    from reportlab.pdfbase import pdfmetrics
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in (font_files.UI_FACE, "menshen-hanazono-a.ttf"):
        (folder / (name + ".xz")).write_bytes(lzma.compress((font_files.FONT_DIR / name).read_bytes(), preset=0))
    monkeypatch.setattr(font_files, "FONT_DIR", folder)
    monkeypatch.setattr(font_files, "RARE_FACES", ("menshen-hanazono-a.ttf",))
    # reportlab keeps the first font registered under a name: this test's faces go in fresh,
    # and the real ones come back after it.
    registered, faces = dict(pdfmetrics._fonts), dict(pdfmetrics._dynFaceNames)
    for table in (pdfmetrics._fonts, pdfmetrics._dynFaceNames):
        for key in [k for k, font in table.items() if font.fontName.startswith("Menshen")]:
            del table[key]
    fonts.register_fonts.cache_clear()
    fonts._fallback_faces.cache_clear()
    yield folder
    pdfmetrics._fonts.clear()
    pdfmetrics._fonts.update(registered)
    pdfmetrics._dynFaceNames.clear()
    pdfmetrics._dynFaceNames.update(faces)
    fonts.register_fonts.cache_clear()
    fonts._fallback_faces.cache_clear()


def test_packed_faces_print_and_a_lost_song_face_sets_the_body_in_hei(packed_faces_without_song, tmp_path):
    members = (Person("p0", "王䶮", relation="head"),)
    path = tmp_path / "sheet.pdf"
    household_sheet.print_household_sheets(path, [HouseholdSheet("幸福里小区 3栋2单元501", "自有", "", members)],
                                           OFFICE, "2020-02-10")
    assert "王䶮" in squeeze(page_texts(path)[0])
    faces = _embedded_faces(path)
    assert "MenshenHanazonoA" in faces and "MenshenUMingCN" not in faces
    assert any(face.startswith("WenQuanYiMicroHei") for face in faces)


def test_without_its_chinese_face_printing_says_what_to_do(packed_faces_without_song, tmp_path):
    from desktop.errors import InputError
    (packed_faces_without_song / "wqy-microhei.ttc.xz").unlink()
    with pytest.raises(InputError, match="重新复制"):
        household_sheet.print_household_sheets(tmp_path / "sheet.pdf", [HouseholdSheet("3栋", "自有", "", ())],
                                               OFFICE, "2020-02-10")
    assert not (tmp_path / "sheet.pdf").exists()
