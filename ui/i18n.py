"""Language and fonts: Simplified Chinese by default, English available.

Strings in ui/ are English in code, wrapped in ``tr()``, translated in
resources/i18n/menshen_zh_CN.ts and compiled to .qm. Coded values (status, relation …) take
their labels from desktop/vocab.py, which holds both languages.
"""
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import vocab

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
I18N_DIR = RESOURCES / "i18n"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
# Rare characters in names (生僻字): CJK Extension A, then Extensions B–F (Hanazono subsets; the
# printed PDF falls back to the same two faces, desktop/printing/fonts.py).
RARE_FONT_FILES = (RESOURCES / "fonts" / "menshen-hanazono-a.ttf", RESOURCES / "fonts" / "menshen-hanazono-b.ttf")
LANGUAGES = ("zh_CN", "en")

_state = {"language": "zh_CN", "translators": []}


def language() -> str:
    return _state["language"]


def label(vocabulary: dict, code: str | None) -> str:
    """The label of a coded value in the window's language."""
    return vocab.zh(vocabulary, code) if language().startswith("zh") else vocab.en(vocabulary, code)


def install_font(app: QApplication) -> str:
    """Register the bundled Chinese font and make it the application font.

    A bare Windows XP/7 image or a Linux machine may have no CJK font at all: every label would
    be boxes. The font file ships with the program, so Chinese always renders.
    """
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else app.font().family()
    rare = rare_families()
    # A name like 𠮷 or 䶮 is drawn from the rare faces: through the application font's family
    # list, and through substitution for a widget that asks for the window's face by name.
    QFont.insertSubstitutions(family, rare)
    font = QFont(family)
    font.setFamilies([family, *rare])
    font.setPointSize(10)
    app.setFont(font)
    return family


def rare_families() -> list[str]:
    """The families of the rare-character faces, registered once."""
    if "rare" not in _state:
        found = []
        for path in RARE_FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
            found += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _state["rare"] = found
    return _state["rare"]


def song_family() -> str:
    """The Song face that prints notice bodies (AR PL UMing), registered on first use, so the
    notice editor shows the text in the face it will be printed in."""
    if "song" not in _state:
        from desktop.printing.fonts import SONG_FILE
        font_id = QFontDatabase.addApplicationFont(str(SONG_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _state["song"] = next((f for f in families if f.endswith("CN")), families[0] if families else "")
        if _state["song"]:
            QFont.insertSubstitutions(_state["song"], rare_families())
    return _state["song"]


def install_language(app: QApplication, lang: str) -> None:
    for old in _state["translators"]:
        app.removeTranslator(old)
    _state["translators"] = []
    _state["language"] = lang if lang in LANGUAGES else "zh_CN"
    if _state["language"] == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    for directory, name in ((qt_dir, "qtbase_zh_CN"), (str(I18N_DIR), "menshen_zh_CN")):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _state["translators"].append(translator)
