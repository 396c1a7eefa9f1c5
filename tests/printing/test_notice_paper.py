"""Notices for the bulletin board as the person who prints them writes them: a title of 80
characters, a body of 3,000 characters in one paragraph, 60 short lines, a 60-letter word, a
web address, rare characters, tabs pasted from a table, emoji. Every character must reach the
paper (read back from the PDF) inside the text block, or the clerk is told in Chinese which
characters cannot be printed and where."""
from datetime import date

import pytest

from desktop.errors import InputError
from desktop.printing.notice import print_notices
from desktop.printing.pages import NOTICE_A3, NOTICE_A4
from desktop.printing.records import NoticeTemplate
from tests.printing.conftest import page_texts, squeeze
from tests.printing.test_long_names import words

DAY = date(2020, 2, 10)


def notice(title="关于做好疫情防控工作的通知", body="请各位居民配合。", **kw) -> NoticeTemplate:
    return NoticeTemplate("t1", "测试通知", title, body, **kw)


def test_tabs_pasted_from_a_table_print_as_spaces_not_boxes(tmp_path, office):
    """A tab was drawn as the face's empty-glyph box: 姓名□电话□地址 on the paper."""
    path = tmp_path / "tabs.pdf"
    print_notices(path, notice("关于\t防控的通知", "姓名\t电话\t地址\n张三\t13800138000\t3-2-501\n\t请按表登记。"),
                  None, office, DAY)
    text = page_texts(path)[0]
    assert "\x00" not in text                  # the .notdef glyph (a box) reads back as NUL
    assert "关于\u3000防控的通知" in text and "姓名\u3000电话\u3000地址" in text
    assert "张三\u300013800138000\u30003-2-501" in text and "请按表登记。" in text


def test_invisible_marks_pasted_with_text_leave_no_box(tmp_path, office):
    path = tmp_path / "marks.pdf"
    print_notices(path, notice(body="\ufeff请\u200b戴口罩\u2060。\x0b谢谢\r配合①\ufe0f。"), None, office, DAY)
    text = page_texts(path)[0]
    assert "\x00" not in text
    assert "请戴口罩。谢谢配合①。" in squeeze(text)


def test_an_emoji_no_face_has_is_named_with_its_place_and_nothing_is_printed(tmp_path, office):
    """😷 printed as an empty box in the body and as nothing in the title, without a word."""
    path = tmp_path / "emoji.pdf"
    with pytest.raises(InputError) as e:
        print_notices(path, notice("关于戴口罩的通知😷", "请配合。\n出门请😷戴口罩👍。"), None, office, DAY)
    message = e.value.message
    assert message.startswith("通知模板“测试通知”印不成：")
    assert "标题里的“😷”印不出来" in message and "正文第2段里的“😷”、“👍”印不出来" in message
    assert "编辑模板" in message
    assert not path.exists()


def test_rare_characters_and_circled_numbers_print_as_typed(tmp_path, office):
    path = tmp_path / "rare.pdf"
    print_notices(path, notice("关于吉𠮷䶮㊣①的通知", "生僻字：𠮷、䶮、㊣、①②③。张𠮷先生、王䶮女士。"), None, office, DAY)
    text = squeeze(page_texts(path)[0])
    assert "\x00" not in text
    assert "关于吉𠮷䶮㊣①的通知" in text and "生僻字：𠮷、䶮、㊣、①②③。张𠮷先生、王䶮女士。" in text


def test_an_empty_body_is_refused_in_chinese_naming_the_template(tmp_path, office):
    with pytest.raises(InputError, match="通知模板“测试通知”印不成：正文是空的。"):
        print_notices(tmp_path / "empty.pdf", notice(body=" \n "), None, office, DAY)


LONG = {
    "title of 80 characters": ("关于进一步加强" + "幸福里小区及周边区域" * 6 + "疫情防控排查工作的紧急通知", "请各位居民配合。"),
    "3,000 characters in one paragraph": ("关于防控的通知", ("为切实做好疫情防控工作保障广大居民群众身体健康和生命安全根据上级部署"
                                                   * 100)[:3000]),
    "60 short lines": ("关于防控的通知", "\n".join(f"第{i}条：请戴口罩。" for i in range(1, 61))),
    "a word of 60 letters": ("关于防控的通知", "请访问 " + "Pneumonoultramicroscopicsilicovolcanoconiosis"
                                                 + "x" * 15 + " 谢谢。"),
    "a web address": ("关于防控的通知", "详情请见 https://www.example.gov.cn/epidemic/notice/2020/02/10/"
                                          "very-long-path-segment-for-the-line-breaker.html?id=123456&from=community 。"),
}


@pytest.mark.parametrize("poster", [False, True], ids=["A4", "A3 poster"])
@pytest.mark.parametrize("case", sorted(LONG))
def test_a_long_notice_keeps_every_character_inside_the_text_block(tmp_path, office, case, poster):
    """Guard, tried by hand: nothing cut, nothing past the margins, the pages the text needs."""
    import re
    title, body = LONG[case]
    tpl = NOTICE_A3 if poster else NOTICE_A4
    path = tmp_path / "long.pdf"
    printed = print_notices(path, notice(title, body), None, office, DAY, poster=poster)
    texts = page_texts(path)
    assert len(texts) == printed.pages == {"3,000 characters in one paragraph": 6, "60 short lines": 3}.get(case, 1)
    text = re.sub(r"—\d+—", "", squeeze("".join(texts)))
    assert squeeze(title + body) in text and text.endswith("幸福里社区居民委员会2020年2月10日")
    for n in range(1, printed.pages + 1):
        for x0, y0, x1, y1, word in words(path, n):
            if re.fullmatch(r"—|\d+", word) and y0 > tpl.height - tpl.bottom:
                continue                                            # — n — under the block
            assert tpl.left - 1 <= x0 and x1 <= tpl.width - tpl.right + 1, (n, word)
            assert tpl.top - 1 <= y0 and y1 <= tpl.height - tpl.bottom + 1, (n, word)


# -- what the clerk types on the paper page itself ----------------------------------------------

def _print(app_ctx, tmp_path, request):
    from desktop.printing.catalogue import print_form
    return print_form(app_ctx.register, request, tmp_path / f"{request.form}.pdf")


@pytest.mark.parametrize("request_, said", [
    (dict(form="gate-sheet", gate="南门😷", pages=1), "卡口名称里的“😷”印不出来"),
    (dict(form="canvass-sheet", round_name="第三轮👍"), "摸排轮次里的“👍”印不出来"),
], ids=["gate", "round"])
def test_a_gate_or_round_typed_with_an_emoji_is_named_not_printed_as_a_box(app_ctx, small_community, tmp_path,
                                                                           request_, said):
    from desktop.printing.catalogue import PrintRequest
    with pytest.raises(InputError) as e:
        _print(app_ctx, tmp_path, PrintRequest(**request_))
    assert said in e.value.message and "请删去或改成文字" in e.value.message
    assert not (tmp_path / f"{request_['form']}.pdf").exists()


def test_an_office_red_header_with_an_emoji_is_named_with_its_field(app_ctx, tmp_path):
    from desktop.printing.catalogue import PrintRequest
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "office_masthead", "幸福里社区居民委员会😷")
    with pytest.raises(InputError) as e:
        _print(app_ctx, tmp_path, PrintRequest("notice", template="builtin:closed-management"))
    assert e.value.field == "office_masthead" and "“红头”一栏里的“😷”印不出来" in e.value.message


def test_an_office_phone_pasted_with_a_tab_prints_without_a_box(app_ctx, tmp_path):
    from desktop.printing.catalogue import PrintRequest
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "office_phone", "027-8888\t6666\u200b")
    printed = _print(app_ctx, tmp_path, PrintRequest("roster", day=DAY))
    text = page_texts(printed.path)[0]
    assert "\x00" not in text and "值班室电话：027-8888 6666" in text


def test_the_letter_that_says_call_the_office_gives_its_number(app_ctx, small_community, tmp_path):
    """The phone typed on the paper page reached the door sign and the isolation notice, but the
    letter to each household said 请……拨打社区电话 with no number to dial."""
    from desktop.printing.catalogue import PrintRequest
    from desktop.settings import set_setting
    set_setting(app_ctx.db, "office_phone", "027-88881234")
    printed = _print(app_ctx, tmp_path, PrintRequest("notice", template="builtin:letter-to-household",
                                                     compound="王家湾组"))
    [text] = [squeeze(t) for t in page_texts(printed.path)]
    assert "电话027-88881234，我们提供代买" in text


# -- a village and an empty community -----------------------------------------------------------

@pytest.fixture
def empty_community(tmp_path):
    from desktop import first_run as fr
    from desktop.app import open_app
    app = open_app(tmp_path / "empty.db", user_name="测试员")
    fr.set_up_community(app, fr.CommunityPlan("新民社区", "community", places_text="幸福里小区：1-3栋"))
    yield app
    app.close()


@pytest.mark.parametrize("form", ["household-sheet", "canvass-sheet", "passes", "isolation-notice", "door-sign",
                                  "health-sheet", "visit-sheet", "notice"])
def test_an_empty_community_is_told_in_chinese_why_a_form_has_nothing_to_print(empty_community, tmp_path, form):
    """Every form of the paper page on a community with no household yet: a sentence in
    Chinese, its date written as the office writes one (was '2020-02-10没有需要走访的关爱对象')."""
    import re
    from desktop.printing.catalogue import PrintRequest, print_form
    request = PrintRequest(form, day=DAY, template="builtin:letter-to-household" if form == "notice" else "")
    with pytest.raises(InputError) as e:
        print_form(empty_community.register, request, tmp_path / f"{form}.pdf")
    assert re.search(r"[\u4e00-\u9fff]", e.value.message)
    assert "2020-02-10" not in e.value.message
    assert not (tmp_path / f"{form}.pdf").exists()
