"""Rare characters in names (生僻字) show in the window (issue 13, point 10): 𠮷 (U+20BB7, CJK
Extension B) and 䶮 (U+4DAE, Extension A) are drawn from a face that has them, not as boxes."""
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontMetrics, QTextLayout
from PySide6.QtWidgets import QLabel

NAME = "吉𠮷䶮"


def faces_drawing(text: str, font) -> dict[str, tuple[str, bool]]:
    """For each character: the family Qt draws it with and whether that face has its glyph."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    out, pos = {}, 0
    for ch in text:
        units = 2 if ord(ch) > 0xFFFF else 1              # Qt counts UTF-16 code units
        [run] = layout.glyphRuns(pos, units)
        raw = run.rawFont()
        out[ch] = (raw.familyName(), raw.supportsCharacter(ord(ch)) and all(run.glyphIndexes()))
        pos += units
    return out


def test_a_label_shows_rare_name_characters_with_a_face_that_has_them(qtbot, qt_zh, tmp_path):
    label = QLabel(f"姓名：{NAME}")
    qtbot.addWidget(label)
    label.show()
    drawn = faces_drawing(NAME, label.font())
    for ch in "𠮷䶮":
        family, has_glyph = drawn[ch]
        assert has_glyph, f"{ch} drawn as a box ({family})"
    assert drawn["𠮷"][0] == "Menshen Hanazono B" and drawn["䶮"][0] == "Menshen Hanazono A"
    metrics = QFontMetrics(label.font())
    assert metrics.horizontalAdvance("𠮷") > 0
    label.resize(300, 60)
    label.grab().save(str(tmp_path / "rare.png"))


def test_a_widget_asking_for_the_window_face_by_name_falls_back_too(qtbot, qt_zh):
    from PySide6.QtGui import QFont
    label = QLabel(NAME)
    qtbot.addWidget(label)
    label.setFont(QFont(qt_zh.font().family(), 16))       # the gate card's large type does this
    drawn = faces_drawing(NAME, label.font())
    assert all(drawn[ch][1] for ch in "𠮷䶮"), drawn


# A fresh process (no face registered yet) whose folder holds the faces packed, as the built
# folder does: the window opens at once, and the rare face joins when it is unpacked.
FIRST_START = r"""
import json, lzma, sys, time
from pathlib import Path
from desktop import font_files
source, packed = font_files.FONT_DIR, Path(sys.argv[1])
packed.mkdir()
for name in (font_files.UI_FACE, "menshen-hanazono-a.ttf"):
    (packed / (name + ".xz")).write_bytes(lzma.compress((source / name).read_bytes(), preset=0))
font_files.FONT_DIR, font_files.RARE_FACES = packed, ("menshen-hanazono-a.ttf",)

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel
from tests.ui.test_rare_names import faces_drawing
from ui import i18n
from ui.workers.task import ThreadRunner, use_runner
app = QApplication([])
use_runner(ThreadRunner())
family = i18n.install_font(app)
at_once = list(i18n.rare_families())
if sys.argv[2:] == ["leave at once"]:       # a login given up while the faces unpack
    sys.exit(0)
big = QLabel("王䶮")
big.setFont(QFont(family, 16))              # made before the face arrived, asking for it by name
deadline = time.monotonic() + 60
while not i18n.rare_families() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
label = QLabel("王䶮")
print(json.dumps({"family": family, "at_once": at_once, "rare": i18n.rare_families(),
                  "app_families": app.font().families(), "drawn": faces_drawing("䶮", label.font())["䶮"],
                  "drawn_big": faces_drawing("䶮", big.font())["䶮"]}, ensure_ascii=False))
"""


ROOT = Path(__file__).resolve().parents[2]


def first_start(tmp_path, *args, script=FIRST_START) -> subprocess.CompletedProcess:
    """FIRST_START (or ``script``) run in a fresh process whose data folder is tmp_path/home."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MENSHEN_HOME": str(tmp_path / "home")}
    return subprocess.run([sys.executable, "-c", script, str(tmp_path / "packed"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_at_the_first_start_of_a_built_folder_the_rare_face_arrives_after_the_window(tmp_path):
    done = first_start(tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["family"] == "WenQuanYi Micro Hei"                  # the window's face, unpacked at once
    assert seen["at_once"] == []                                    # the rare face did not hold the window up
    assert seen["rare"] == ["Menshen Hanazono A"] and "Menshen Hanazono A" in seen["app_families"]
    assert seen["drawn"] == ["Menshen Hanazono A", True]
    assert seen["drawn_big"] == ["Menshen Hanazono A", True]
    cached = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "home" / "font-cache").iterdir())
    assert cached == ["menshen-hanazono-a", "wqy-microhei"]


def test_a_program_that_ends_while_the_rare_face_unpacks_ends_cleanly(tmp_path):
    done = first_start(tmp_path, "leave at once")
    assert done.returncode == 0 and "Destroyed while thread" not in done.stderr, done.stderr[-2000:]
    # It waited for the face, which is whole in the cache for the next start.
    [face] = [p for p in (tmp_path / "home" / "font-cache").iterdir() if p.name.startswith("menshen-hanazono-a")]
    assert face.stat().st_size == (ROOT / "resources" / "fonts" / "menshen-hanazono-a.ttf").stat().st_size


def test_with_no_folder_to_unpack_into_the_window_still_shows_chinese(tmp_path):
    """A full disk at the first start: the window's face comes from memory instead."""
    script = FIRST_START.replace("family = i18n.install_font(app)", (
        "import tempfile\n"
        "tempfile.gettempdir = lambda: sys.argv[1] + '-temp'\n"
        "Path(sys.argv[1] + '-temp').write_text('a file, not a folder')\n"
        "family = i18n.install_font(app)\n"
        "print(json.dumps({'family': family})); sys.exit(0)"))
    (tmp_path / "home").write_text("a file where the data folder should be")
    done = first_start(tmp_path, script=script)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1])["family"] == "WenQuanYi Micro Hei"
