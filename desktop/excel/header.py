"""Finding the header of a sheet wherever it is, and which rows below it are data.

Ledgers have title rows above the header ('幸福里小区居民信息台账（2020年2月）'), two-row headers
whose top cell is merged over the columns below (住址 over 楼栋/单元/门牌号), the header
repeated on every printed page, section rows ('3号楼') and a footer ('制表人：… 制表日期：…').
The header is the row among the first ones whose cells match the most field names.
"""
import re
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice
from operator import eq

from desktop.address import building_number
from desktop.excel.columns import FIELDS, KEY_FIELD, header_word, match_word
from desktop.textnorm import clean

SEARCH_ROWS = 40
# Searched only when the first SEARCH_ROWS hold no header: a ledger that opens with a long
# filling-in instruction (填表说明, one rule a row). Not always: a second table lower down
# (a summary by building) must not win over the ledger's own header at the top.
FURTHER_ROWS = 300
_FOOTER = re.compile(r"^(制表|填表|审核|负责人|统计人|统计日期|填报|报送|合计|总计|小计|共计|签字|签名|盖章|领导|单位负责|联系人[:：]|备注[:：])")
_SECTION_BUILDING = re.compile(r"^(第?[0-9A-Za-z一二三四五六七八九十]+)\s*(号楼|栋|幢|楼)$")


@dataclass(frozen=True)
class Header:
    """Where the header of a sheet is (0-based rows) and each column's label."""
    first_row: int
    last_row: int                    # equals first_row for a one-row header
    labels: tuple[str, ...]
    score: int

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    @cached_property
    def repeat_threshold(self) -> int:
        """How many labels a row must repeat to be the header printed again on a new page."""
        return max(2, sum(1 for x in self.labels if x) // 2)

    @cached_property
    def compared_labels(self) -> tuple:
        """The labels, a blank one as a value no cell equals (a blank label repeats nothing)."""
        return tuple(x if x else _NOTHING for x in self.labels)


class _Nothing:
    def __eq__(self, other) -> bool:
        return False

    __hash__ = object.__hash__


_NOTHING = _Nothing()


def _text(cell) -> str:
    return clean(cell) if isinstance(cell, str) else ""


def _row_fields(row, kind: str) -> set[str]:
    found = set()
    for cell in row:
        text = _text(cell)
        if text and len(text) <= 24:
            m = match_word(header_word(text), kind)
            if m:
                found.add(m[0])
    return found


def _merged_parents(row: list, r: int, merged) -> list[str]:
    """The row's labels with a merged cell's text spread over every column it covers."""
    labels = [_text(c) for c in row]
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1 and c0 < len(labels):
            text = labels[c0] if r == r0 else ""
            for c in range(c0, min(c1 + 1, len(labels))):
                labels[c] = labels[c] or text
    return labels


def find_header(rows: list[list], kind: str, merged=()) -> Header | None:
    """The best header of ``kind`` in the first rows, or None when the sheet has none."""
    best: Header | None = None
    key = KEY_FIELD[kind]
    for r, row in enumerate(rows[:FURTHER_ROWS]):
        if r == SEARCH_ROWS and best is not None:
            break
        found = _row_fields(row, kind)
        if len(found) < 2 or key not in found and not _lower_has(rows, r, kind, key):
            continue
        parents = _merged_parents(row, r, merged)
        last, labels = r, parents
        below = rows[r + 1] if r + 1 < len(rows) else []
        below_fields = _row_fields(below, kind)
        # A second header row: its words sit under blank or merged cells of the first. Under a
        # 姓名 merged over two columns (现用名 | 曾用名, 户主 | 家庭成员) they are labels, not a person.
        if below_fields and not _looks_like_data(below) and (
                _key_over_columns(row, r, merged, below_fields, kind, key)
                or not _names_someone(row, below, kind, key)):
            children = [_text(c) for c in below] + [""] * max(0, len(parents) - len(below))
            labels = [_label(children[i], parents[i], kind) for i in range(max(len(parents), len(children)))
                      ] if len(children) >= len(parents) else parents
            found |= below_fields
            last = r + 1
        score = len(found)
        if best is None or score > best.score:
            best = Header(r, last, tuple(labels), score)
    if best is not None:
        best = replace(best, labels=_used_columns(best.labels, rows[best.data_start:best.data_start + 50]))
    return best


# Columns of nothing (no label, no data below) that end the table: a label beyond them is a
# stray cell (XFD1 typed by mistake), not a column of the ledger.
TABLE_GAP = 20


def _used_columns(labels: tuple, below: list[list]) -> tuple:
    """The labels up to the table's last column: the last column with a label or data before
    TABLE_GAP columns of nothing. A stray cell far to the right (XFD1 or XFD2, typed by mistake
    or left by formatting) makes every row 16,384 cells wide: its columns are no part of the
    table, and a mapping table of 16,384 choices froze the wizard for minutes."""
    end = 0
    for i, label in enumerate(labels):
        if end and i - end >= TABLE_GAP:
            break
        if label or any(i < len(row) and not (row[i] is None or row[i] == "" or (
                isinstance(row[i], str) and not row[i].strip())) for row in below):
            end = i + 1
    return labels[:end]


def _lower_has(rows, r, kind, key) -> bool:
    return r + 1 < len(rows) and key in _row_fields(rows[r + 1], kind)


def _names_someone(row, below, kind: str, key: str) -> bool:
    """Whether ``below`` has, under the header's name column (姓名), a text that is no header
    word: a person ('王芳'), so a data row, however few numbers it holds (a first resident with
    no ID number whose note says '电话打不通'). A second header row has nothing there (the 姓名
    cell is merged over both rows) or a header word."""
    for i, cell in enumerate(row):
        text = _text(cell)
        if text and len(text) <= 24 and (m := match_word(header_word(text), kind)) and m[0] == key:
            under = _text(below[i]) if i < len(below) else ""
            return bool(under) and match_word(header_word(under), kind) is None
    return False


def _key_over_columns(row, r: int, merged, below_fields: set, kind: str, key: str) -> bool:
    """Whether the header's name cell (姓名) is merged across columns of its own row and the row
    below holds two field words more (楼栋, 单元 under 住址): that row is the header's second,
    whatever stands under 姓名. Its '现用名' was taken for a resident, imported at '楼栋', and the
    ledger's residents were "updated" to an address without building or room."""
    if len(below_fields - {key}) < 2:
        return False
    for (r0, c0), (r1, c1) in merged:
        if r0 == r1 == r and c1 > c0 and c0 < len(row):
            text = _text(row[c0])
            if text and (m := match_word(header_word(text), kind)) and m[0] == key:
                return True
    return False


def _label(child: str, parent: str, kind: str) -> str:
    """A column's label from a two-row header: the lower word, or the upper one above a blank;
    a lower word that names no field under one that does keeps both ('姓名（现用名）'): the
    column is still the 姓名, not a column of nothing."""
    if child and parent and match_word(header_word(child), kind) is None and match_word(header_word(parent), kind):
        return f"{parent}（{child}）"
    return child or parent


def _looks_like_data(row) -> bool:
    """A data row has numbers or long texts; a header row has short words only."""
    for cell in row:
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            return True
        text = _text(cell)
        if len(text) > 12 or sum(ch.isdigit() for ch in text) >= 5:
            return True
    return False


def is_blank(row) -> bool:
    return all(c is None or c == "" or (isinstance(c, str) and not c.strip()) for c in row)


_FOOTER_FIRST = frozenset("制填审负统报合总小共签盖领单联备")


def is_footer(row) -> bool:
    """'制表人：张敏  制表日期：2020-02-20', '合计：…': a line under the table, not a person."""
    firsts = list(islice((c for c in row if not (c is None or c == "")), 2))
    if not any(isinstance(c, str) and c.strip()[:1] in _FOOTER_FIRST for c in firsts):
        return False                      # the cheap test first: this runs on every row
    texts = [_text(c) for c in row if not (c is None or c == "")]
    # '合  计': spaced out to fill the cell, as offices type it (a spaced word is no name either)
    return bool(texts) and len(texts) <= 6 and any(_FOOTER.match(t.replace(" ", "")) for t in texts[:2])


_COLUMN_MARKS = frozenset(("甲", "乙", "丙", "丁", "戊", "栏次", "列次"))


def is_column_numbers(row) -> bool:
    """'1 2 3 4 …' (or '甲 乙 1 2 …') under the header: the column numbers (栏次) of a form the
    ledger was copied from, not a person (with no ID column it became a resident named '2')."""
    numbers = []
    for cell in row:
        if cell is None or cell == "" or (isinstance(cell, str) and cell.strip() in _COLUMN_MARKS):
            continue
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
            numbers.append(int(cell))
        elif isinstance(cell, str) and cell.strip().isdigit() and cell.strip().isascii():
            numbers.append(int(cell))
        else:
            return False
    return len(numbers) >= 3 and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def is_plain_data(row) -> bool:
    """A row whose first two filled cells say it is none of the rows a sheet has besides data:
    not blank (the first has text), no footer (neither starts as one), no section title (a
    title is alone on its row). Most rows; the others are told by ``is_blank``, ``is_footer``,
    ``section_building`` and ``section_category``. Not the header printed again."""
    if len(row) > 1 and not (row[0] is None or row[0] == "" or row[1] is None or row[1] == ""):
        firsts = row[:2]                  # the first two cells filled: most rows, no generator
    else:
        firsts = list(islice((c for c in row if not (c is None or c == "")), 2))     # as is_footer and _sole_text
    if len(firsts) < 2:
        return False
    for c in firsts:
        if isinstance(c, str) and (not c.strip() or c.strip()[:1] in _FOOTER_FIRST):
            return False
    return True


def is_repeated_header(row, header: Header) -> bool:
    """The header printed again on each page of a ledger that was typed from paper."""
    # map(eq): compared in C, this runs on every row
    return sum(map(eq, row, header.compared_labels)) >= header.repeat_threshold


def _sole_text(row) -> str:
    """The text of a row's only filled cell ('3号楼', '一、独居老人'), else ''."""
    filled = list(islice((c for c in row if not (c is None or c == "")), 2))    # two tell: this runs on every row
    return _text(filled[0]) if len(filled) == 1 else ""


def section_building(row) -> str:
    """'3号楼' alone on a row (a sheet listing several buildings) -> '3', else ''; numbered as a
    section ('一、1栋', '（二）2号楼') or with a count after it ('3栋（共12户）', '3栋：') too: those
    were read as no building, and every person under them had an incomplete address."""
    text = _sole_text(row)
    if text and not _SECTION_BUILDING.match(text):
        text = _BUILDING_TAIL.sub("", _SECTION_NUMBER.sub("", text)).strip()
        text = text if _SECTION_BUILDING.match(text) else ""
    return building_number(text) if text else ""


_SECTION_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、．])\s*")
_BUILDING_TAIL = re.compile(r"\s*(?:[（(][^）)]{0,12}[)）]|[:：])$")
_SECTION_TAIL = re.compile(r"\s*[（(]\s*\d+\s*人?[)）]$|[:：]$")


def section_category(row) -> str:
    """A care list grouped by category: '一、独居老人' or '（三）退役军人' alone on a row, or a
    bare category word ('独居老人：') -> the category, else ''."""
    from desktop.care import vocab as care_vocab
    text = _sole_text(row)
    numbered = _SECTION_NUMBER.match(text)
    text = _SECTION_TAIL.sub("", _SECTION_NUMBER.sub("", text)).strip()
    if not text or len(text) > 12:
        return ""
    return text if numbered or care_vocab.code_of(care_vocab.CATEGORY, text) else ""


def sheet_building(name: str) -> str:
    """A sheet named '3号楼' or '3栋' holds building 3."""
    text = clean(name)
    return building_number(text) if _SECTION_BUILDING.match(text) else ""


def title_text(rows: list[list], header: Header) -> str:
    """The text above the header (the ledger's title), for a compound name and a year."""
    parts = []
    for row in rows[:header.first_row]:
        parts += [_text(c) for c in row if _text(c)]
    return " ".join(parts)


def kind_scores(rows: list[list], merged=()) -> dict[str, int]:
    """How strongly the sheet's header speaks for each kind (to guess an unnamed kind)."""
    from desktop.excel.columns import TELLING
    out = {}
    for kind in FIELDS:
        h = find_header(rows, kind, merged)
        if h is None:
            out[kind] = 0
            continue
        found = set()
        for label in h.labels:
            m = match_word(header_word(label), kind)
            if m and m[1] >= 3:
                found.add(m[0])
        out[kind] = len(found & TELLING[kind]) * 10 + len(found)
    return out
