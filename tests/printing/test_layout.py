"""Chinese line breaking: what a reader of a printed notice would notice."""
import re

from hypothesis import given, settings, strategies as st

from desktop.printing.fonts import SONG, register_fonts
from desktop.printing.layout import NO_LINE_END, NO_LINE_START, break_text

register_fonts()
SIZE = 12
CHARS = "社区居民通知防控疫情工作请您配合谢谢" + "，。、；：？！）」”" + "（「“" + "0123456789"


def lines_of(text: str, chars_per_line: int = 10):
    return [line.text for line in break_text(text, SONG, SIZE, SIZE * chars_per_line)]


def test_closing_punctuation_never_starts_a_line():
    # Ten characters a line: the comma would fall at the start of the second line.
    lines = lines_of("为做好疫情防控工作各，请配合社区")
    assert lines[0] == "为做好疫情防控工作"
    assert lines[1].startswith("各，")


def test_opening_bracket_never_ends_a_line():
    lines = lines_of("一二三四五六七八九（十）一二三")
    assert not lines[0].endswith("（")
    assert lines[1].startswith("九（") or lines[1].startswith("（")


def test_numbers_and_dates_are_not_split():
    lines = lines_of("请拨打电话02788886666或者于2020-02-10前来", 12)
    joined = "|".join(lines)
    assert "02788886666" in joined and "2020-02-10" in joined


def test_tick_boxes_keep_their_label():
    lines = lines_of("□无 □发热 □咳嗽 □乏力 □腹泻 □其他", 9)
    for line in lines:
        assert not line.endswith("□")
    assert all(not line.startswith(("热", "嗽", "力", "泻", "他")) for line in lines)


def test_paragraphs_indent_two_characters():
    first = break_text("第一段文字。\n第二段文字。", SONG, SIZE, SIZE * 20, indent_chars=2)
    assert [line.indent for line in first] == [2 * SIZE, 2 * SIZE]
    assert all(line.last for line in first)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=CHARS, min_size=1, max_size=120), st.integers(min_value=4, max_value=20))
def test_no_line_breaks_the_rules_and_no_text_is_lost(text, per_line):
    lines = lines_of(text, per_line)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        assert line, "no empty line inside a paragraph"
        if i > 0:
            # Only a run of punctuation longer than a line leaves nothing to carry down: the
            # line before is then down to one unit (a character or a run of digits).
            assert line[0] not in NO_LINE_START or re.fullmatch(r"[0-9]+|.", lines[i - 1])
        if i < len(lines) - 1:
            assert line[-1] not in NO_LINE_END or re.fullmatch(r"[0-9]+|.", line)
