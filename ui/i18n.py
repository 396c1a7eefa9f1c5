"""Language and fonts: Simplified Chinese by default, English available.

Strings in ui/ are English in code, wrapped in ``tr()``, translated in
resources/i18n/menshen_zh_CN.ts and compiled to .qm. Coded values (status, relation …) take
their labels from desktop/vocab.py, which holds both languages.
"""
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import font_files, vocab

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
I18N_DIR = RESOURCES / "i18n"
LANGUAGES = ("zh_CN", "en")

_state = {"language": "zh_CN", "translators": []}

# Qt's own labels that its Chinese catalogue (qtbase_zh_CN.qm, shipped with PySide6) knows only
# under their older spelling, without the shortcut mark: in a Chinese window the file chooser
# said "Look in:" and "Files of type:", the print dialog "Page Set:", its page settings "Page
# order:". They are translated in the program's catalogue, which Qt asks first (installed last).
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:"),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:"),
    QT_TRANSLATE_NOOP("QCupsJobWidget", "Job &priority:"),
    QT_TRANSLATE_NOOP("QCupsJobWidget", "Scheduled &printing:"),
    QT_TRANSLATE_NOOP("QCupsJobWidget", "&Billing information:"),
    QT_TRANSLATE_NOOP("QCupsJobWidget", "&Start:"),
    QT_TRANSLATE_NOOP("QCupsJobWidget", "&End:"),
    # The file chooser's 类型 column on Linux (Qt 6 moved these to a context its catalogue does
    # not have): every folder said "Folder".
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)
# The same with the disambiguation Qt looks them up by: lupdate reads these calls (it does not
# read QT_TRANSLATE_NOOP3, and Python's QT_TRANSLATE_NOOP takes no third argument); never called.
QT_CATALOGUE_GAPS_DISAMBIGUATED = (
    lambda: QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
    lambda: QCoreApplication.translate("QAbstractFileIconProvider", "File", "All other platforms"),
    lambda: QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
)


def language() -> str:
    return _state["language"]


def label(vocabulary: dict, code: str | None) -> str:
    """The label of a coded value in the window's language."""
    return vocab.zh(vocabulary, code) if language().startswith("zh") else vocab.en(vocabulary, code)


def install_font(app: QApplication, *, wait: bool = False) -> str:
    """Register the bundled Chinese font and make it the application font.

    A bare Windows XP/7 image or a Linux machine may have no CJK font at all: every label would
    be boxes. The font file ships with the program, so Chinese always renders.

    The rare-character faces join at once, except at the first start of a built folder, which
    unpacks them first (desktop/font_files.py, about a second): then the window opens without
    waiting and takes them when they arrive. ``wait`` unpacks them first (a screenshot).
    """
    if "family" not in _state:
        path = font_files.font_file(font_files.UI_FACE)
        if path is not None:
            families = _register(path)
        else:   # no folder could take its copy (a full disk): from memory, so Chinese still shows
            data = font_files.font_data(font_files.UI_FACE)
            families = _families(QFontDatabase.addApplicationFontFromData(data) if data else -1)
        _state["family"] = families[0] if families else app.font().family()
    if "rare" in _state:
        _apply_fonts(app)
    elif wait or all(font_files.ready(n) for n in font_files.RARE_FACES):
        _take_rare_faces(app, [font_files.font_file(n) for n in font_files.RARE_FACES])
    else:
        _apply_fonts(app)
        if "rare_task" not in _state:
            _unpack_rare_faces_in_background(app)
    return _state["family"]


def _unpack_rare_faces_in_background(app: QApplication) -> None:
    from ui.workers.task import Task, shared_runner
    task = Task(lambda progress, cancelled: [font_files.font_file(n) for n in font_files.RARE_FACES])
    # Delivered on the UI thread (fonts are registered there); a failure leaves the window
    # without them, as a missing face does.
    task.done.connect(lambda paths: _take_rare_faces(app, paths))
    task.failed.connect(lambda _exc: _take_rare_faces(app, []))
    _state["rare_task"] = task
    shared_runner().start(task)


def _take_rare_faces(app: QApplication, paths: list) -> None:
    """Register the rare faces (once) and let the window's face and the Song face fall back on
    them: through the application font's family list, and through substitution for a widget
    that asks for a face by name (a name like 𠮷 or 䶮)."""
    if "rare" not in _state:
        _state["rare"] = [family for path in paths for family in _register(path)]
    _apply_fonts(app)


def _apply_fonts(app: QApplication) -> None:
    family, rare = _state["family"], _state.get("rare", [])
    for face in (family, _state.get("song")):
        if face and rare:
            QFont.insertSubstitutions(face, rare)
    font = QFont(family)
    font.setFamilies([family, *rare])
    font.setPointSize(10)
    app.setFont(font)


def _register(path) -> list[str]:
    """The families of the face file at ``path`` once registered; none for a missing face."""
    return _families(QFontDatabase.addApplicationFont(str(path)) if path else -1)


def _families(font_id: int) -> list[str]:
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def rare_families() -> list[str]:
    """The families of the rare-character faces registered so far."""
    return _state.get("rare", [])


def song_family() -> str:
    """The Song face that prints notice bodies (AR PL UMing), registered on first use, so the
    notice editor shows the text in the face it will be printed in."""
    if "song" not in _state:
        families = _register(font_files.font_file(font_files.SONG_FACE))
        _state["song"] = next((f for f in families if f.endswith("CN")), families[0] if families else "")
        if _state["song"]:
            QFont.insertSubstitutions(_state["song"], rare_families())
    return _state["song"]


def install_language(app: QApplication, lang: str) -> None:
    for _data, old in _state["translators"]:
        app.removeTranslator(old)
    _state["translators"] = []
    _state["language"] = lang if lang in LANGUAGES else "zh_CN"
    if _state["language"] == "en":
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    # Qt's dialogs (file chooser, message box buttons, print dialog) from Qt's catalogue, then
    # the program's, which Qt asks first: it also fills the gaps above.
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath))
    for path in (qt_dir / "qtbase_zh_CN.qm", I18N_DIR / "menshen_zh_CN.qm"):
        loaded = _translator(path)
        if loaded is not None:
            app.installTranslator(loaded[1])
            _state["translators"].append(loaded)


def _translator(path: Path) -> tuple[bytes, QTranslator] | None:
    """A copy in memory of the catalogue at ``path`` and a translator reading it, kept together
    (Qt reads the copy in place, it does not take one; a tuple lets go of its last item first,
    so the translator goes before its copy); None when the catalogue is missing.

    Loaded from the file, Qt maps it and reads it at each lookup: when the file was rewritten
    in place while the window was open (resources/i18n/update.py, a newer version copied over
    the program's folder), every window, page and dialog made after that came up in English."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    translator = QTranslator()
    return (data, translator) if translator.load(data) else None
