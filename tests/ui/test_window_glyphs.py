"""Every character the window shows is drawn by the window's face: WenQuanYi Micro Hei has ℃
in its table but no outline for it, so a temperature read '36.5' and a blank (Qt does not
fall back to another face for a character the face claims to have)."""
import html
import re
from types import SimpleNamespace

import pytest
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication

from ui.i18n import I18N_DIR
from ui.models.care_models import FollowUpListModel

pytestmark = pytest.mark.gui


def blank_characters(text: str) -> set[str]:
    """The characters of ``text`` the application font has no glyph or an empty one for."""
    raw = QRawFont.fromFont(QApplication.font())
    blank = set()
    for ch in set(text) - set(" \n\t\u3000"):
        glyphs = raw.glyphIndexesForString(ch)
        if not glyphs or glyphs[0] == 0 or raw.pathForGlyph(glyphs[0]).isEmpty():
            blank.add(ch)
    return blank


def test_the_window_font_draws_a_temperature_shown_in_the_isolation_list(qt_zh):
    check = FollowUpListModel._check(SimpleNamespace(temperature=37.8, symptoms=()))
    assert "37.8" in check
    assert not blank_characters(check), check


def test_the_window_font_draws_every_translation(qt_zh):
    ts = (I18N_DIR / "menshen_zh_CN.ts").read_text("utf-8")
    shown = html.unescape("".join(re.findall(r"<translation>(.*?)</translation>", ts, re.S)))
    assert not blank_characters(shown)
