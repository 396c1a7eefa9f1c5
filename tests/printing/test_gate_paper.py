"""Gate paper says what the gate stored (issue 13, point 9): the printed log names who was on
duty (值守人) and marks fever rows; a household's pass is for the household, not one person."""
from datetime import date, datetime

from pypdf import PdfReader

from desktop.printing import passes
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.printing.records import Office, PassCard
from tests.printing.conftest import page_texts, squeeze

DAY = date(2020, 2, 10)


def test_the_printed_gate_log_names_the_guard_and_marks_the_fever_row(app_ctx, small_community, tmp_path):
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    register, people = app_ctx.register, small_community["people"]
    gate = add_checkpoint(app_ctx.db, "幸福里东门", small_community["compound"].id)
    app_ctx.db.user_name = "王值守"
    record_passage(app_ctx.db, Passage(person_subject(register.person(people["张小明"].id)), "in",
                                       temperature=36.6), gate, when=datetime(2020, 2, 10, 8, 5))
    app_ctx.db.user_name = "李值守"
    record_passage(app_ctx.db, Passage(person_subject(register.person(people["王租客"].id)), "in",
                                       temperature=38.2, outcome="referred"), gate, when=datetime(2020, 2, 10, 9, 30))
    out = tmp_path / "log.pdf"
    print_form(register, PrintRequest("gate-sheet", gate="幸福里东门", day=DAY, gate_log=True), out)
    text = squeeze(page_texts(out)[0])
    assert "王值守" in text and "李值守" in text
    assert "发热1人次" in text
    assert "38.2发热" in text and "36.6发热" not in text
    # The fever row is shaded darker than the header (0.9 grey): one such fill on the page.
    content = PdfReader(str(out)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(".75 g") == 1


def test_the_gate_sheet_has_the_resident_s_door_and_phone_in_the_place_s_words_and_no_id_column(
        app_ctx, small_community, tmp_path):
    """The sheet's 身份证号 and 联系电话 columns were never filled, and no column said whose door a
    passage was: the blank sheet and the printed log now give the door (房号/地址, a village road's
    门牌) and the phone kept with the resident, masked (the sheet is posted), and no ID column."""
    from desktop.gate.checkpoints import add_checkpoint
    from desktop.gate.log import Passage, record_passage
    from desktop.gate.subjects import person_subject
    register, people = app_ctx.register, small_community["people"]
    gates = {"幸福里东门": (small_community["compound"], "张三"), "王家湾路口": (small_community["village"], "王大爷")}
    texts = {}
    for name, (place, who) in gates.items():
        gate = add_checkpoint(app_ctx.db, name, place.id)
        record_passage(app_ctx.db, Passage(person_subject(register.person(people[who].id)), "in", temperature=36.6),
                       gate, when=datetime(2020, 2, 10, 8, 5))
        log, blank = tmp_path / f"{name}.pdf", tmp_path / f"{name}-blank.pdf"
        print_form(register, PrintRequest("gate-sheet", gate=name, day=DAY, gate_log=True), log)
        print_form(register, PrintRequest("gate-sheet", gate=name, day=DAY, pages=1), blank)
        texts[name] = squeeze(page_texts(log)[0]), squeeze(page_texts(blank)[0])
    city, village = texts["幸福里东门"], texts["王家湾路口"]
    assert "幸福里小区3栋2单元501" in city[0] and "138****0001" in city[0] and "13800130001" not in city[0]
    assert "王家湾组12号" in village[0] and "138****0005" in village[0]
    for log, blank in (city, village):
        assert "联系电话" in log and "联系电话" in blank
        assert "身份证号" not in log and "身份证号" not in blank
    assert "房号/地址" in city[0] and "房号/地址" in city[1]
    assert "门牌" in village[0] and "门牌" in village[1] and "房号" not in village[0] + village[1]


def _card(for_household: bool) -> PassCard:
    return PassCard("XM00001", "张三（全户）" if for_household else "张三", "幸福里小区 3栋2单元501",
                    "2020-02-10", "2020-03-10", "MENSHEN:PASS:XM00001", "幸福里小区", for_household=for_household)


def test_a_household_pass_is_for_the_household_and_a_personal_one_for_its_holder(tmp_path):
    office = Office("幸福里社区居民委员会")
    household, personal = tmp_path / "h.pdf", tmp_path / "p.pdf"
    passes.print_passes(household, [_card(True)], office)
    passes.print_passes(personal, [_card(False)], office)
    assert "本证限本户使用" in squeeze(page_texts(household)[0])
    assert "本人" not in squeeze(page_texts(household)[0])
    assert "本证限本人使用" in squeeze(page_texts(personal)[0])


def test_a_household_pass_issued_at_the_gate_prints_for_the_household(app_ctx, small_community, tmp_path):
    from desktop.gate.passes import issue_pass
    issue_pass(app_ctx.db, household_id=small_community["households"][0].id, today=DAY)
    out = tmp_path / "passes.pdf"
    print_form(app_ctx.register, PrintRequest("passes", compound="幸福里小区", day=DAY), out)
    text = squeeze(page_texts(out)[0])
    assert "张三（全户）" in text and "本证限本户使用" in text and "本人" not in text


def test_a_village_group_s_passes_in_a_city_community_are_villagers_passes(app_ctx, small_community, tmp_path):
    """The demo's 王家湾村民小组 (of 新民社区) printed 居民出入证 for its village houses."""
    from desktop.gate.passes import issue_pass
    for household in small_community["households"]:
        issue_pass(app_ctx.db, household_id=household.id, today=DAY)
    out = tmp_path / "passes.pdf"
    print_form(app_ctx.register, PrintRequest("passes", day=DAY), out)
    text = squeeze("".join(page_texts(out)))
    assert text.count("居民出入证") == 2 and text.count("村民出入证") == 1
    assert text.index("村民出入证") < text.index("王家湾组12号")
