"""Make the printed body face from Debian's fonts-arphic-uming (issue 18: the build's size).

Run by hand when the font is to be rebuilt (fontTools is needed only here, not by Menshen):

    apt-get download fonts-arphic-uming && dpkg-deb -x fonts-arphic-uming_*.deb um
    pip install fonttools
    python resources/fonts/make_uming_subset.py um/usr/share/fonts/truetype/arphic/uming.ttc

uming.ttc holds four faces (CN, HK, TW, TW MBE) over shared outlines, plus embedded bitmaps for
small screen sizes. Menshen prints with the CN face only, and a PDF embeds outlines, never the
bitmaps; so the CN face is kept whole (every character it maps, 24,232) and the rest is left
out: the HK/TW-only glyph forms (2,829), the bitmaps (EBDT/EBLC/BDF), hinting and vertical
metrics. Nothing printed changes. Measured 2026-12-04: uming.ttc 21.1 MB -> 17.2 MB.

The Arphic Public License asks that a modified font say so: the family is renamed (Menshen
UMing CN) and the name table's description says what was changed and when (uming.LICENSE.txt).
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FAMILY = "Menshen UMing CN"
NOTICE = ("Modified 2026-12-04 for Menshen: the CN face of AR PL UMing 0.2.20080216 (uming.ttc), "
          "without embedded bitmaps, hinting, vertical metrics and the HK/TW-only glyphs.")


def make(source: Path, target: Path) -> None:
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["BDF ", "EBDT", "EBLC", "FFTM", "VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    font = TTFont(source, fontNumber=0)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(FAMILY.replace(" ", ""), 6, record.platformID, record.platEncID, record.langID)
    names.setName(NOTICE, 10, 3, 1, 0x409)
    font.save(target)
    print(f"{source.name} -> {target.name}: {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    make(Path(sys.argv[1]), HERE / "menshen-uming-cn.ttf")
