"""The two bundled Chinese faces, registered once with reportlab.

Song (宋体, AR PL UMing CN) sets body text, as an official notice's body is set in a Song/Fangsong
face; Hei (黑体, WenQuanYi Micro Hei) sets titles and headings. Both ship with the program
(resources/fonts/, licence files beside them), so a PDF looks the same on a PC without Chinese
fonts: reportlab embeds a subset of each TrueType face it uses. Its built-in STSong-Light is
never used: it is not embedded and turns to boxes on a machine without that font.
"""
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SONG_FILE = FONT_DIR / "uming.ttc"          # subfont 0: AR PL UMing CN (simplified forms)
HEI_FILE = FONT_DIR / "wqy-microhei.ttc"    # subfont 0: WenQuanYi Micro Hei

SONG = "MenshenSong"
HEI = "MenshenHei"


@lru_cache(maxsize=None)
def register_fonts() -> tuple[str, str]:
    """Register both faces (once per process); returns (SONG, HEI)."""
    pdfmetrics.registerFont(TTFont(SONG, str(SONG_FILE), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(HEI, str(HEI_FILE), subfontIndex=0))
    return SONG, HEI


# Characters a face has in its table but draws empty (WenQuanYi Micro Hei's ℃ has no outline),
# with what to set instead.
_EMPTY_GLYPHS = {HEI: str.maketrans({"℃": "°C"})}


def printable(text: str, font: str) -> str:
    """``text`` with the characters ``font`` would draw blank replaced by ones it draws."""
    table = _EMPTY_GLYPHS.get(font)
    return text.translate(table) if table else text
