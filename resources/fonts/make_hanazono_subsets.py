"""Make the two fallback faces for rare characters (生僻字) from Debian's fonts-hanazono.

Run by hand when the fonts are to be rebuilt (fontTools is needed only here, not by Menshen):

    apt-get download fonts-hanazono && dpkg-deb -x fonts-hanazono_*.deb hana
    pip install fonttools
    python resources/fonts/make_hanazono_subsets.py hana/usr/share/fonts/truetype/hanazono

HanaMinA is cut to CJK Extension A and the Compatibility Ideographs Supplement (the unified
ideographs it also holds are in the bundled faces already); HanaMinB to Extensions B–F (all it
holds, less five duplicates). Hinting, vertical metrics and layout tables are dropped: the
faces only fill the characters the bundled ones lack. Sizes measured 2026-12-04:

    HanaMinA.ttf 22.8 MB -> menshen-hanazono-a.ttf  3.5 MB (Ext A + Compat Supplement, 7,124)
    HanaMinB.ttf 30.7 MB -> menshen-hanazono-b.ttf 30.6 MB (Ext B–F, 60,317; Ext B alone: 22.0 MB)

The family is renamed (Menshen Hanazono A/B): the subsets are modified fonts, shipped under the
Hanazono Font License (see hanazono.LICENSE.txt), and a renamed family never clashes with a
HanaMin installed on the PC.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FACES = {
    "HanaMinA.ttf": ("menshen-hanazono-a.ttf", "Menshen Hanazono A", "U+3400-4DBF,U+2F800-2FA1F"),
    "HanaMinB.ttf": ("menshen-hanazono-b.ttf", "Menshen Hanazono B", "U+20000-2A6DF,U+2A700-2EBEF"),
}


def make(source: Path, target: Path, family: str, unicodes: str) -> None:
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["BASE", "GDEF", "GSUB", "GPOS", "FFTM", "prop", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = TTFont(source)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=subset.parse_unicodes(unicodes))
    sub.subset(font)
    postscript = family.replace(" ", "")
    for record in font["name"].names:
        if record.nameID in (1, 4, 16, 18):
            record.string = family
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = postscript + "-subset"
    font.save(target)


def main(folder: str) -> None:
    for name, (target, family, unicodes) in FACES.items():
        make(Path(folder) / name, HERE / target, family, unicodes)
        print(f"{target}: {(HERE / target).stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
