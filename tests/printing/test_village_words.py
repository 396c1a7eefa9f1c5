"""A village (村委会) set up as the first-run wizard does is spoken to in a village's words
(本村, 村民, 村委会, 村口), a city community in a compound's (本小区, 居民, 社区): chosen by the
place's kind through ``desktop.place_words``."""
from datetime import date

import pytest

from desktop import first_run as fr
from desktop.app import open_app
from desktop.printing.catalogue import PrintRequest, print_form
from tests.printing.conftest import page_texts, squeeze

PLANS = {
    "village": fr.CommunityPlan("王家湾村", "village", street_office="李集镇", places_text="王家湾组\n李家湾组"),
    "community": fr.CommunityPlan("新民社区", "community", street_office="徐家棚街道",
                                  places_text="幸福里小区：1-3栋"),
}


@pytest.fixture(params=sorted(PLANS))
def office_app(request, tmp_path):
    app = open_app(tmp_path / f"{request.param}.db", user_name="测试员")
    fr.set_up_community(app, PLANS[request.param])
    yield request.param, app
    app.close()


def test_the_closed_management_notice_speaks_of_the_village_or_the_compound(office_app, tmp_path):
    kind, app = office_app
    path = tmp_path / "notice.pdf"
    if kind != "village":              # the number to call when there is one ({电话}); said without it
        from desktop.settings import set_setting
        set_setting(app.db, "office_phone", "027-88886666")
    print_form(app.register, PrintRequest("notice", template="builtin:closed-management", day=date(2020, 2, 10)),
               path)
    text = squeeze("".join(page_texts(path)))
    if kind == "village":
        assert "各位村民：" in text and "本村实行封闭管理" in text and "请立即拨打村委会电话报告" in text
        assert "小区" not in text and "居民" not in text and "社区" not in text
    else:
        assert "各位居民：" in text and "本小区实行封闭管理" in text and "小区只保留一个出入口" in text
        assert "请立即拨打社区电话027-88886666报告" in text
        assert "村" not in text.replace("居民委员会", "")


def test_the_letter_to_each_household_of_a_village_group_names_its_villagers(office_app, tmp_path):
    from desktop.register import HouseholdForm
    kind, app = office_app
    place = app.register.compounds()[0]
    app.register.add_household(HouseholdForm(compound_id=place.id, building="" if kind == "village" else "1",
                                             room="12" if kind == "village" else "101"))
    path = tmp_path / "letters.pdf"
    print_form(app.register, PrintRequest("notice", template="builtin:letter-to-household",
                                          compound=place.name, day=date(2020, 2, 10)), path)
    text = squeeze("".join(page_texts(path)))
    if kind == "village":
        titled = place.name if place.name.startswith("王家湾") else f"王家湾村{place.name}"   # 李家湾组: of which village?
        assert f"致{titled}村民的一封信" in text and "请告诉村民小组长或拨打村委会电话" in text
        assert "楼栋长" not in text and "社区" not in text
    else:
        assert f"致{place.name}居民的一封信" in text and "请告诉楼栋长或拨打社区电话" in text


@pytest.fixture
def isolated(office_app):
    """One household with a person in home isolation and a household pass."""
    from desktop.care.isolation import IsolationBook
    from desktop.gate.passes import issue_pass
    from desktop.idnumber import make_resident_id
    from desktop.register import HouseholdForm, PersonForm
    kind, app = office_app
    r = app.register
    place = r.compounds()[0]
    door = dict(address_text="12号") if kind == "village" else dict(building="1", unit="1", room="101")
    h = r.add_household(HouseholdForm(compound_id=place.id, **door))
    p = r.add_person(PersonForm(full_name="王大爷", id_number=make_resident_id("420106", date(1950, 1, 1), 5, True)),
                     h.id, "head")
    today = date.today()
    IsolationBook(app.db, r).start(p.id, "home_isolation", "外地返回", today, today)
    issue_pass(app.db, household_id=h.id)
    return kind, app


@pytest.mark.parametrize("form", ["isolation-notice", "health-sheet", "passes", "daily-report"])
def test_care_gate_and_report_paper_names_the_village_committee_and_villagers(isolated, tmp_path, form):
    kind, app = isolated
    path = tmp_path / f"{form}.pdf"
    print_form(app.register, PrintRequest(form, day=date.today()), path)
    text = squeeze("".join(page_texts(path)))
    expected = {
        "isolation-notice": (["（村民留存联）", "（村委会存根联）", "立即报告村委会", "村委会工作人员签字"],
                             ["（居民留存联）", "（社区存根联）", "立即报告社区", "社区工作人员签字"]),
        "health-sheet": (["请立即电话报告村委会"], ["请立即电话报告社区"]),
        "passes": (["村民出入证"], ["居民出入证"]),
        "daily-report": (["村民小组户数"], ["小区（院落）/村民小组户数"]),
    }[form]
    for words in expected[0 if kind == "village" else 1]:
        assert words in text
    if kind == "village":
        assert "社区" not in text and "居民" not in text and "小区" not in text


def test_the_canvass_sheet_heads_a_village_house_s_door_its_men_pai_a_flat_s_its_room(office_app, tmp_path):
    from desktop.register import HouseholdForm
    kind, app = office_app
    place = app.register.compounds()[0]
    door = dict(address_text="12号") if kind == "village" else dict(building="1", unit="1", room="101")
    app.register.add_household(HouseholdForm(compound_id=place.id, **door))
    path = tmp_path / "canvass.pdf"
    print_form(app.register, PrintRequest("canvass-sheet", compound=place.name, day=date(2020, 2, 10)), path)
    text = squeeze("".join(page_texts(path)))
    if kind == "village":
        assert "门牌" in text and "12号" in text
        assert "房号" not in text and "地址" not in text
    else:
        assert "房号/地址" in text and "门牌" not in text


def test_the_letter_is_found_by_the_name_the_list_shows_and_by_the_other_office_s_name(office_app, tmp_path):
    """A village's list offers 致村民的一封信; a clerk following the guide's 致住户的一封信 still
    gets the same letter, in the village's words."""
    from desktop.printing.templates import NoticeTemplates, letter_name
    kind, app = office_app
    library = NoticeTemplates(app.db)
    assert letter_name(kind) == ("致村民的一封信（每户一封）" if kind == "village" else "致住户的一封信（每户一封）")
    assert [t.name for t in library.all() if t.kind == "letter"] == [letter_name(kind)]
    for typed in ("致村民的一封信", "致住户的一封信", "致村民的一封信（每户一封）", "致住户的一封信（每户一封）"):
        found = library.find(typed)
        assert found.id == "builtin:letter-to-household" and found.name == letter_name(kind)


def test_a_village_group_of_a_city_community_is_written_to_as_villagers_signed_by_the_community(
        app_ctx, small_community, tmp_path):
    """The demo's 王家湾村民小组 (a village group of 新民社区) got 本小区实行封闭管理, 各位居民 and
    请告诉楼栋长: built-in notices for one place now speak in its words, the community still signs."""
    texts = {}
    for template in ("builtin:closed-management", "builtin:letter-to-household"):
        for place in ("王家湾组", "幸福里小区"):
            path = tmp_path / f"{place}-{template[8:]}.pdf"
            print_form(app_ctx.register, PrintRequest("notice", template=template, compound=place,
                                                      day=date(2020, 2, 10)), path)
            texts[place, template[8:]] = squeeze("".join(page_texts(path)))
    notice, letter = texts["王家湾组", "closed-management"], texts["王家湾组", "letter-to-household"]
    assert "各位村民：" in notice and "本村实行封闭管理" in notice and "拨打社区电话报告" in notice
    assert "致王家湾组村民的一封信" in letter and "请告诉村民小组长或拨打社区电话" in letter
    assert "小区" not in notice + letter and "楼栋长" not in letter
    assert "居民委员会" in notice and "居民委员会" in letter
    assert "本小区实行封闭管理" in texts["幸福里小区", "closed-management"]
    assert "请告诉楼栋长" in texts["幸福里小区", "letter-to-household"]


def test_a_letter_to_every_household_speaks_to_each_in_its_place_s_words(app_ctx, small_community, tmp_path):
    """Letters to the whole community: the village group's house is written to as villagers, the
    compound's flats as residents, in one batch."""
    path = tmp_path / "letters.pdf"
    print_form(app_ctx.register, PrintRequest("notice", template="builtin:letter-to-household", day=date(2020, 2, 10)),
               path)
    letters = {text[:text.index("的一封信")]: text for text in map(squeeze, page_texts(path))}
    assert set(letters) == {"致幸福里小区居民", "致王家湾组村民"}
    assert "请告诉村民小组长或拨打社区电话" in letters["致王家湾组村民"]
    assert "请告诉楼栋长或拨打社区电话" in letters["致幸福里小区居民"]


def test_a_village_group_s_notice_and_letter_name_the_village_before_the_group(tmp_path):
    """李家坪村's 三组 got 关于三组实行封闭管理的通知 and 致三组村民的一封信: 三组 of which village?
    The title names the village now; a group named after its village keeps its name (above)."""
    from desktop.register import HouseholdForm
    app = open_app(tmp_path / "v.db", user_name="测试员")
    try:
        fr.set_up_community(app, fr.CommunityPlan("李家坪村", "village", street_office="李集镇",
                                                  places_text="一组\n二组\n三组"))
        group = next(c for c in app.register.compounds() if c.name == "三组")
        app.register.add_household(HouseholdForm(compound_id=group.id, address_text="12号"))
        texts = {}
        for template in ("builtin:closed-management", "builtin:letter-to-household"):
            path = tmp_path / f"{template[8:]}.pdf"
            print_form(app.register, PrintRequest("notice", template=template, compound="三组",
                                                  day=date(2020, 2, 10)), path)
            texts[template[8:]] = squeeze("".join(page_texts(path)))
    finally:
        app.close()
    assert "关于李家坪村三组实行封闭管理的通知" in texts["closed-management"]
    assert "致李家坪村三组村民的一封信" in texts["letter-to-household"]
