"""Notices and letters: GB/T 9704 layout, mail merge from the register, the template library."""
import re
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.errors import InputError
from desktop.printing import sources
from desktop.printing.layout import NO_LINE_END, NO_LINE_START
from desktop.printing.notice import print_notices
from desktop.printing.records import NoticeTemplate
from desktop.printing.templates import BUILT_IN, NoticeTemplates
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze

LONG_BODY = "\n".join(["为切实做好疫情防控工作，保障广大居民群众身体健康和生命安全，根据上级部署，"
                       "现将有关事项通知如下：请您（及家人）配合社区开展“滚动摸排”，如实报告行程；"
                       "如有发热（体温≥37.3℃）、咳嗽等症状，请立即联系社区！谢谢配合。"] * 6)


def notice(**kw) -> NoticeTemplate:
    base = dict(id="", name="测试通知", title="关于做好疫情防控工作的通知", body=LONG_BODY)
    return NoticeTemplate(**{**base, **kw})


def test_no_printed_line_starts_with_closing_or_ends_with_opening_punctuation(tmp_path, office):
    path = tmp_path / "n.pdf"
    printed = print_notices(path, notice(), None, office, date(2020, 2, 10))
    assert printed.pages >= 2
    lines = [line.strip() for text in page_texts(path) for line in text.splitlines()
             if line.strip() and not re.fullmatch(r"— \d+ —", line.strip())]     # page numbers
    assert len(lines) > 30
    for line in lines:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line


def test_notice_layout_after_gbt_9704(tmp_path, office):
    path = tmp_path / "n.pdf"
    print_notices(path, notice(issuer_mark="幸福里社区居民委员会"), None, office, date(2020, 2, 10))
    texts = page_texts(path)
    first = squeeze(texts[0])
    assert first.startswith("幸福里社区居民委员会关于做好疫情防控工作的通知")   # red header, then title
    last = squeeze(texts[-1])
    assert last.endswith("2020年2月10日") or "幸福里社区居民委员会2020年2月10日" in last
    # Multi-page notices carry — n — page numbers.
    assert "—1—" in squeeze(texts[0]) and "—2—" in squeeze(texts[1])
    page = PdfReader(str(path)).pages[0]
    assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]          # A4
    assert_fonts_embedded(path)


def test_a_one_page_letter_has_no_page_number(tmp_path, office):
    path = tmp_path / "n.pdf"
    print_notices(path, notice(body="请配合。"), None, office, date(2020, 2, 10))
    assert "—1—" not in squeeze(page_texts(path)[0])


def test_mail_merge_one_letter_per_household_with_head_and_address(tmp_path, office, app_ctx, small_community):
    letter = next(t for t in BUILT_IN if t.kind == "letter")
    records = sources.merge_records(app_ctx.register, "幸福里小区")
    assert len(records) == 2
    path = tmp_path / "letters.pdf"
    printed = print_notices(path, letter, records, office, date(2020, 2, 10))
    assert printed.items == 2
    texts = [squeeze(t) for t in page_texts(path)]
    assert len(texts) == 2
    joined = "".join(texts)
    assert "尊敬的张三家庭：" in joined and "3栋2单元501" in joined and "登记3人" in joined
    # Tenants with nobody marked 户主 are greeted by name (the first member), never with an empty name.
    assert "尊敬的家庭" not in joined and "尊敬的王租客家庭" in joined


def test_a_household_without_a_head_is_named_by_its_first_member_everywhere(tmp_path, office, app_ctx,
                                                                            small_community):
    """One rule (register.queries.household_name_sql): the letter, the canvass sheet, a round's
    roll and the battle map name the tenants' household 王租客; only an empty household is 住户."""
    from desktop.canvass.rounds import CanvassBook
    from desktop.overview.battle_map import battle_map
    from desktop.printing import canvass_sheet
    from desktop.register import HouseholdForm
    reg = app_ctx.register
    reg.add_household(HouseholdForm(compound_id=small_community["compound"].id, building="4", room="101"))
    records = sources.merge_records(reg, "幸福里小区")
    assert [r.head_name for r in records] == ["王租客", "张三", ""]
    letters, sheet = tmp_path / "letters.pdf", tmp_path / "canvass.pdf"
    print_notices(letters, next(t for t in BUILT_IN if t.kind == "letter"), records[2:], office, date(2020, 2, 10))
    assert "尊敬的住户家庭" in squeeze(page_texts(letters)[0])
    canvass_sheet.print_canvass_sheets(sheet, records, office, "第1轮", "2020-02-10")
    assert "1单元101王租客1" in squeeze(page_texts(sheet)[0])
    book = CanvassBook(app_ctx.db, reg)
    rnd = book.create_round("第1轮", date(2020, 2, 10))
    assert {r.address.split(" ")[-1]: r.head_name for r in book.roll(rnd.id)}["3栋1单元101"] == "王租客"
    [flats] = [c for c in battle_map(app_ctx.db, date(2020, 2, 10)).compounds if c.buildings]
    assert {h.address: h.head for b in flats.buildings for h in b.households}["3栋1单元101"] == "王租客"


def test_mail_merge_scope_by_building_and_clear_messages(app_ctx, small_community):
    records = sources.merge_records(app_ctx.register, "幸福里小区", "3")
    assert len(records) == 2 and all(r.building == "3" for r in records)
    with pytest.raises(InputError, match="没有名为“幸福小区”的小区"):
        sources.merge_records(app_ctx.register, "幸福小区")
    with pytest.raises(InputError, match="没有9栋"):
        sources.merge_records(app_ctx.register, "幸福里小区", "9")


def test_unknown_merge_field_is_named(tmp_path, office):
    with pytest.raises(InputError) as e:
        print_notices(tmp_path / "x.pdf", notice(body="请{户名}配合"), None, office, date(2020, 2, 10))
    assert e.value.field == "body"
    assert "通知模板“测试通知”印不成：不认识的字段“{户名}”" in e.value.message
    assert not (tmp_path / "x.pdf").exists()


def test_template_library_saves_edits_and_keeps_built_ins(app_ctx):
    library = NoticeTemplates(app_ctx.db)
    built_in = library.all()[0]
    copy = library.save(NoticeTemplate(built_in.id, "我们的封闭通知", built_in.title, built_in.body + "\n补充一条。"))
    assert copy.id != built_in.id and not library.is_built_in(copy.id)
    assert library.get(built_in.id) == built_in, "the built-in stays as shipped"
    edited = library.save(NoticeTemplate(copy.id, copy.name, "新标题", copy.body, signature="幸福里社区"))
    assert edited.id == copy.id and edited.title == "新标题"
    assert library.find("我们的封闭通知").title == "新标题"
    library.remove(copy.id)
    assert all(t.id != copy.id for t in library.all())
    with pytest.raises(InputError):
        library.remove(built_in.id)


def test_templates_replicate_through_the_change_log(app_ctx):
    library = NoticeTemplates(app_ctx.db)
    saved = library.save(NoticeTemplate("", "通知A", "标题", "正文"))
    with app_ctx.db.reading() as conn:
        rows = conn.execute("SELECT tbl, row_id FROM sync_change WHERE tbl = 'notice_template'").fetchall()
    assert ("notice_template", saved.id) in [tuple(r) for r in rows]
