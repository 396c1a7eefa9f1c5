"""A notice never leaves the date, or the signature and date, alone on a page (issue 13,
point 8): with a red masthead (红头), on A4 and on an A3 poster, whatever the body's length.
Read back from the PDF: what each page holds."""
from datetime import date

import pytest

from desktop.printing.notice import print_notices
from desktop.printing.records import NoticeTemplate, Office
from desktop.printing.templates import BUILT_IN
from tests.printing.conftest import page_texts, squeeze

OFFICE = Office("幸福里社区居民委员会", "027-88886666")
DAY = date(2020, 2, 10)
CLOSING = "幸福里社区居民委员会2020年2月10日"
SENTENCE = "请各位居民配合社区做好防控工作，如实报告行程和身体状况。"          # 28 characters: one line


def _pages(path) -> list[str]:
    """Each page's text without its page number (— n —)."""
    out = []
    for text in page_texts(path):
        lines = [ln for ln in text.splitlines() if not squeeze(ln).strip("—").isdigit()]
        out.append(squeeze("".join(lines)))
    return out


def _lonely_closing(pages: list[str]) -> list[int]:
    """Pages that hold only the closing (or a part of it)."""
    return [n for n, text in enumerate(pages, 1) if text and CLOSING.find(text) >= 0 or text == "2020年2月10日"]


@pytest.mark.parametrize("poster", [False, True], ids=["A4", "A3"])
def test_no_page_holds_only_the_date_or_the_signature_block(tmp_path, poster):
    bad = {}
    for lines in range(8, 52):
        body = "\n".join(SENTENCE[: 27 + (lines % 2)] for _ in range(lines))
        t = NoticeTemplate("", "通知", "关于做好疫情防控工作的通知", body, issuer_mark="幸福里社区居民委员会文件")
        path = tmp_path / f"n{lines}.pdf"
        print_notices(path, t, None, OFFICE, DAY, poster=poster)
        pages = _pages(path)
        assert pages[-1].endswith(CLOSING), (lines, pages[-1][-40:])
        assert "".join(pages).count(SENTENCE[:20]) == lines, "no body line lost"
        if _lonely_closing(pages):
            bad[lines] = pages[-1]
    assert not bad, f"pages with only the closing for bodies of {sorted(bad)} lines"


def test_a_notice_that_just_overflows_is_fitted_onto_its_page_not_split(tmp_path):
    """One line too many for the standard layout: tightened to one page, not two."""
    for lines in range(8, 30):
        t = NoticeTemplate("", "通知", "关于做好疫情防控工作的通知", "\n".join([SENTENCE] * lines),
                           issuer_mark="幸福里社区居民委员会文件")
        path = tmp_path / "n.pdf"
        if print_notices(path, t, None, OFFICE, DAY).pages == 2:
            break
    two_pages = lines
    t1 = NoticeTemplate("", "通知", "关于做好疫情防控工作的通知", "\n".join([SENTENCE] * (two_pages - 1)),
                        issuer_mark="幸福里社区居民委员会文件")
    printed = print_notices(tmp_path / "fit.pdf", t1, None, OFFICE, DAY)
    assert printed.pages == 1 and _pages(tmp_path / "fit.pdf")[0].endswith(CLOSING)


def test_built_in_notices_print_with_the_offices_masthead(tmp_path):
    notice = next(t for t in BUILT_IN if t.kind == "notice")
    with_mark, without = tmp_path / "m.pdf", tmp_path / "p.pdf"
    print_notices(with_mark, notice, None, Office("幸福里社区居民委员会", masthead="幸福里社区居民委员会文件"), DAY)
    print_notices(without, notice, None, Office("幸福里社区居民委员会"), DAY)
    assert squeeze(page_texts(with_mark)[0]).startswith("幸福里社区居民委员会文件关于")
    assert not squeeze(page_texts(without)[0]).startswith("幸福里社区居民委员会文件")
    # An office's own template without a red header keeps none.
    own = NoticeTemplate("x1", "本社区通知", "通知", "请配合。")
    print_notices(tmp_path / "o.pdf", own, None, Office("幸福里社区居民委员会", masthead="幸福里社区居民委员会文件"), DAY)
    assert "文件" not in squeeze(page_texts(tmp_path / "o.pdf")[0])


def test_the_office_masthead_setting_reaches_the_printed_notice(app_ctx, small_community, tmp_path):
    from desktop.printing.catalogue import PrintRequest, print_form
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "office_masthead", "幸福里社区居民委员会文件")
    out = tmp_path / "n.pdf"
    print_form(app_ctx.register, PrintRequest("notice", template="封闭管理通知（张贴）", day=DAY), out)
    assert squeeze(page_texts(out)[0]).startswith("幸福里社区居民委员会文件")
