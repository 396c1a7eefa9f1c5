"""The bundled Chinese faces, registered once with reportlab, with a fallback for rare
characters (生僻字).

Song (宋体, AR PL UMing CN) sets body text, as an official notice's body is set in a Song/Fangsong
face; Hei (黑体, WenQuanYi Micro Hei) sets titles and headings. Both ship with the program
(resources/fonts/, licence files beside them), so a PDF looks the same on a PC without Chinese
fonts: reportlab embeds a subset of each TrueType face it uses. Its built-in STSong-Light is
never used: it is not embedded and turns to boxes on a machine without that font.

Neither face has every character a name may hold: 𠮷 (U+20BB7, CJK Extension B) is in neither,
and the Hei face lacks most of Extension A (䶮). Each face therefore falls back, character by
character, to two subsets of Hanazono Mincho (花园明朝) cut to the CJK extension blocks
(``menshen-hanazono-a.ttf``: Extension A; ``-b``: Extensions B–F). The fallback lives in the
font object itself (``FallbackFont``), so every way text is drawn or measured (set lines,
tables, ``drawString``, a centred title) goes through the one rule, ``FallbackFont.runs``, and
the fallback faces are read only when a text first needs them.
"""
from functools import lru_cache
from pathlib import Path

from desktop import font_files
from desktop.errors import InputError
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

# The faces' files come from desktop/font_files.py (in the built folder they ship packed):
# Song is AR PL UMing CN, its outlines only (make_uming_subset.py); Hei is subfont 0 of
# WenQuanYi Micro Hei; the rare faces hold CJK Extension A (and the compatibility supplement),
# then Extensions B–F.

SONG = "MenshenSong"
HEI = "MenshenHei"

_SUBSET_STRIDE = 1 << 20        # subset numbers of the k-th fallback face: k * stride + n


@lru_cache(maxsize=None)
def _fallback_faces() -> tuple[TTFont, ...]:
    faces = []
    for n, name in enumerate(font_files.RARE_FACES):
        path = font_files.font_file(name)
        if path is not None:
            face = TTFont(f"MenshenRare{n}", str(path))
            pdfmetrics.registerFont(face)
            faces.append(face)
    return tuple(faces)


class FallbackFont(TTFont):
    """A TrueType face that draws what it lacks in the rare-character faces.

    reportlab asks a TrueType font to split a text into runs of its subsets (``splitString``)
    and names each run's PDF font by subset number (``getSubsetInternalName``); this font
    answers for the fallback faces too, numbering their subsets past ``_SUBSET_STRIDE``. So
    a text object switches face mid-string with no help from the caller, and each face is
    embedded as a subset of the characters used.
    """

    def __init__(self, name: str, path: Path, subfont: int = 0):
        super().__init__(name, str(path), subfontIndex=subfont)
        self._covered: set[str] = set()         # characters seen that this face has

    def _all_here(self, text: str) -> bool:
        if self._covered.issuperset(text):       # the common case, at C speed
            return True
        cmap = self.face.charToGlyph
        missing = False
        for ch in set(text).difference(self._covered):
            if ord(ch) in cmap or ch in "\n\r\t\xa0":
                self._covered.add(ch)
            else:
                missing = True
        return not missing

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut into (face, text) runs: face 0 is this font, k the k-th fallback face.
        A character no face has stays with this font (it draws its empty glyph)."""
        if self._all_here(text):
            return [(0, text)]
        cmap, faces = self.face.charToGlyph, _fallback_faces()
        out: list[tuple[int, str]] = []
        for ch in text:
            k = 0
            if ch not in self._covered and ord(ch) not in cmap:
                k = next((i + 1 for i, f in enumerate(faces) if ord(ch) in f.face.charToGlyph), 0)
            if out and out[-1][0] == k:
                out[-1] = (k, out[-1][1] + ch)
            else:
                out.append((k, ch))
        return out

    def _face(self, k: int) -> TTFont:
        return self if k == 0 else _fallback_faces()[k - 1]

    def splitString(self, text, doc, encoding="utf-8"):
        if not isinstance(text, str):
            text = text.decode(encoding)
        parts = self.runs(text)
        if len(parts) == 1 and parts[0][0] == 0:
            return super().splitString(text, doc, encoding)
        out = []
        for k, run in parts:
            if k == 0:
                out.extend(super().splitString(run, doc, encoding))
            else:
                out.extend((k * _SUBSET_STRIDE + n, b)
                           for n, b in self._face(k).splitString(run, doc, encoding))
        return out

    def getSubsetInternalName(self, subset, doc):
        if subset >= _SUBSET_STRIDE:
            k, n = divmod(subset, _SUBSET_STRIDE)
            return self._face(k).getSubsetInternalName(n, doc)
        return super().getSubsetInternalName(subset, doc)

    def stringWidth(self, text, size, encoding="utf8"):
        if not isinstance(text, str):
            text = text.decode(encoding)
        if self._all_here(text):
            return super().stringWidth(text, size, encoding)
        return sum(TTFont.stringWidth(self._face(k), run, size) for k, run in self.runs(text))


def _to_unicode_cmap(fontname, subset):
    """reportlab's ToUnicode map, with characters beyond the BMP (𠮷) written as UTF-16
    surrogate pairs as the PDF standard asks: reportlab writes <20BB7>, which no reader maps
    back, so such a name could not be searched or copied from the PDF."""
    text = _plain_to_unicode_cmap(fontname, subset)
    for v in subset:
        if v > 0xFFFF:
            high, low = 0xD800 + ((v - 0x10000) >> 10), 0xDC00 + ((v - 0x10000) & 0x3FF)
            text = text.replace(f"> <{v:04X}>", f"> <{high:04X}{low:04X}>")
    return text


_plain_to_unicode_cmap = ttfonts.makeToUnicodeCMap


@lru_cache(maxsize=None)
def register_fonts() -> tuple[str, str]:
    """Register both faces (once per process); returns (SONG, HEI)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    hei_file = font_files.font_file(font_files.UI_FACE)
    if hei_file is None:
        raise InputError("font", "程序文件夹里的中文字体（文泉驿微米黑）缺失或已损坏，无法打印。"
                                 "请从U盘把程序文件夹重新复制一份。")
    pdfmetrics.registerFont(FallbackFont(HEI, hei_file, 0))
    # Without its Song face (a damaged folder, a disk too full to unpack it) a page still
    # prints: its body text in Hei.
    song_file = font_files.font_file(font_files.SONG_FACE) or hei_file
    pdfmetrics.registerFont(FallbackFont(SONG, song_file, 0))
    return SONG, HEI


# What no face draws but every text may hold: a tab (typed or pasted from a table) is set as a
# full-width space, other control characters as a space; invisible marks (zero-width space,
# byte-order mark, the emoji variation selector) are dropped. Drawn as they were, each was a box
# (the face's .notdef glyph) in the printed line: 姓名□电话□地址.
_LAYOUT = {"\t": "\u3000", **{chr(c): " " for c in range(32) if chr(c) not in "\t\n"},
           "\x7f": None, "\u200b": None, "\u2060": None, "\ufeff": None, "\ufe0e": None, "\ufe0f": None}
# Characters a face has in its table but draws empty (WenQuanYi Micro Hei's ℃ has no outline),
# with what to set instead.
_PRINTABLE = {HEI: str.maketrans({**_LAYOUT, "℃": "°C"})}
_PLAIN = str.maketrans(_LAYOUT)


def printable(text: str, font: str) -> str:
    """``text`` with what ``font`` would draw as a box or blank replaced by what it draws (a tab
    by a full-width space, Hei's ℃ by °C) and the invisible marks dropped."""
    if text.isprintable():                   # the common case: no tab, no invisible mark
        return text.translate(_PRINTABLE[font]) if font in _PRINTABLE else text
    return text.translate(_PRINTABLE.get(font, _PLAIN))


def missing_characters(text: str, font: str) -> str:
    """The characters of ``text`` that neither ``font`` nor a rare-character face has (an emoji
    😷, a symbol from outside the CJK blocks), each once, in order: printed, each would be an
    empty box or nothing at all."""
    register_fonts()
    face = pdfmetrics.getFont(font)
    missing = ""
    for k, run in face.runs(printable(text, font).replace("\n", "")):
        for ch in run if k == 0 else "":
            if ord(ch) not in face.face.charToGlyph and ch not in missing:
                missing += ch
    return missing


def unprintable(label: str, text: str, font: str) -> str:
    """What the clerk is told when ``text`` holds characters no bundled face draws (an emoji):
    which ones, and where (the paragraph of a body), or '' when every character prints."""
    missing = missing_characters(text, font)
    if not missing:
        return ""
    where = label
    paragraphs = text.split("\n")
    if len(paragraphs) > 1:             # the editor shows a body's paragraphs, not numbered lines
        found = [str(n) for n, p in enumerate(paragraphs, 1) if missing_characters(p, font)]
        where = f"{label}第{'、'.join(found[:5])}{'等' if len(found) > 5 else ''}段"
    shown = "、".join(f"“{ch}”" for ch in missing[:5]) + ("等" if len(missing) > 5 else "")
    return f"{where}里的{shown}印不出来（字库里没有这样的字符，如表情符号，纸上会是空白或方框），请删去或改成文字。"
