"""A long red header (红头) stays inside the text block: shrunk to fit, then set in two lines."""
from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import HEI
from desktop.printing.notice import print_notices
from desktop.printing.pages import NOTICE_A3, NOTICE_A4
from desktop.printing.records import NoticeTemplate, Office
from tests.printing.conftest import page_texts, squeeze

LONG = "某某市某某区某某街道某某社区居民委员会新冠肺炎疫情防控工作领导小组办公室"


def _masthead_lines(monkeypatch, tmp_path, mark, poster):
    """Every centred HEI string drawn above the title: (text, size, left x, right x)."""
    drawn = []
    real = Canvas.drawCentredString

    def record(self, x, y, text, *a, **kw):
        if self._fontname == HEI:
            w = stringWidth(text, HEI, self._fontsize)
            drawn.append((text, self._fontsize, x - w / 2, x + w / 2))
        return real(self, x, y, text, *a, **kw)

    monkeypatch.setattr(Canvas, "drawCentredString", record)
    t = NoticeTemplate("", "通知", "关于做好疫情防控工作的通知", "请配合。", issuer_mark=mark)
    path = tmp_path / "m.pdf"
    print_notices(path, t, None, Office("幸福里社区居民委员会"), date(2020, 2, 10), poster=poster)
    return drawn, path


@pytest.mark.parametrize("poster", [False, True], ids=["A4", "A3"])
def test_a_long_masthead_fits_the_text_block(monkeypatch, tmp_path, poster):
    tpl = NOTICE_A3 if poster else NOTICE_A4
    drawn, path = _masthead_lines(monkeypatch, tmp_path, LONG, poster)
    assert "".join(text for text, *_ in drawn) == LONG
    assert len(drawn) == 2
    for text, size, left, right in drawn:
        assert left >= tpl.left - 0.01 and right <= tpl.left + tpl.measure + 0.01, (text, size)
        assert size >= 22 * tpl.measure / NOTICE_A4.measure - 0.01      # not below 2号 (scaled)
    assert squeeze(page_texts(path)[0]).startswith(LONG + "关于")


def test_a_short_masthead_keeps_its_full_size_on_one_line(monkeypatch, tmp_path):
    drawn, _ = _masthead_lines(monkeypatch, tmp_path, "幸福里社区居民委员会文件", False)
    assert [(text, round(size, 1)) for text, size, *_ in drawn] == [("幸福里社区居民委员会文件", 35.2)]


def test_a_middling_masthead_is_shrunk_onto_one_line(monkeypatch, tmp_path):
    mark = "某某市某某区某某街道某某社区居民委员会"
    drawn, _ = _masthead_lines(monkeypatch, tmp_path, mark, False)
    assert len(drawn) == 1 and drawn[0][0] == mark
    assert 22 <= drawn[0][1] < 35.2 and drawn[0][3] - drawn[0][2] <= NOTICE_A4.measure + 0.01
