"""Reading printed PDFs back: the text of each page, and every font the file uses."""
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.printing.records import IsolationCase, Office


def page_texts(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squeeze(text: str) -> str:
    """Text without the spaces an extractor guesses from justified letter spacing."""
    return "".join(text.split())


def pdf_fonts(path) -> list[dict]:
    """Every font dictionary on every page (descendant fonts of composite fonts included)."""
    found = []
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        forms = (resources.get("/XObject") or {}).values()
        dicts = [f.get_object() for f in fonts.values()]
        for form in forms:
            fres = form.get_object().get("/Resources") or {}
            dicts += [f.get_object() for f in (fres.get("/Font") or {}).values()]
        for font in dicts:
            found.append(font)
            found += [d.get_object() for d in font.get("/DescendantFonts", [])]
    return found


def assert_fonts_embedded(path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, "the PDF names no font"
    for font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue                   # its descendant carries the descriptor
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{font.get('/BaseFont')} has no descriptor: not embedded"
        descriptor = descriptor.get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
            f"{font.get('/BaseFont')} is not embedded"


@pytest.fixture
def office():
    return Office("幸福里社区居民委员会", "027-88886666")


@pytest.fixture
def isolation_case():
    return IsolationCase("张三", "幸福里小区 3栋2单元501", date(2020, 2, 10), date(2020, 2, 23),
                         reason="近14天从外地返回", id_number="420106195803071234",
                         phone="13800138000", household_size=3)
