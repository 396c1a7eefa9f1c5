"""Rare characters in names (生僻字) show in the window (issue 13, point 10): 𠮷 (U+20BB7, CJK
Extension B) and 䶮 (U+4DAE, Extension A) are drawn from a face that has them, not as boxes."""
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
