"""The first run's set-up (issue 18, point 3): the community, its places with the ids a clerk's
entry gives them, the street office for the paper, the sync passphrase checked and kept as a check."""
import pytest

from desktop import first_run as fr
from desktop.errors import InputError, InputErrors
from desktop.place_words import committee_name
from desktop.register import places
from desktop.settings import get_setting


def test_places_a_clerk_writes():
    got = fr.parse_places("幸福里小区：1-3栋\n建设院 1、5、7号楼\n\n老街院落\n王家湾组\n", "community")
    assert got == [fr.PlannedPlace("幸福里小区", "compound", ("1", "2", "3")),
                   fr.PlannedPlace("建设院", "compound", ("1", "5", "7")),
                   fr.PlannedPlace("老街院落", "compound", ()),
                   fr.PlannedPlace("王家湾组", "village_group", ())]
    assert fr.parse_places("一组\n二组", "village") == [fr.PlannedPlace("一组", "village_group"),
                                                         fr.PlannedPlace("二组", "village_group")]


@pytest.mark.parametrize("typed", ["1栋-4栋", "1 - 4栋", "1—4栋", "1——4", "1–4号楼", "1 至 4 栋", "1号楼~4号楼"])
def test_a_range_is_read_however_the_clerk_types_its_dash(typed):
    """The Chinese input method types "——" for the dash key, and a clerk writes the 栋 twice."""
    assert fr.parse_places(f"幸福里小区：{typed}、东1栋") == [
        fr.PlannedPlace("幸福里小区", "compound", ("1", "2", "3", "4", "东1"))]


@pytest.mark.parametrize("typed, place", [
    ("王家湾 组", fr.PlannedPlace("王家湾组", "village_group")),
    ("王家湾村 3组", fr.PlannedPlace("王家湾村3组", "village_group")),
    ("幸福里 小区", fr.PlannedPlace("幸福里小区", "compound")),
    ("幸福里 小区：1-2栋", fr.PlannedPlace("幸福里小区", "compound", ("1", "2"))),
    ("建设 大院 1、3", fr.PlannedPlace("建设", "compound", ("大院", "1", "3")))])
def test_a_name_typed_with_a_space_before_its_end_is_one_name(typed, place):
    """"王家湾 组" made a compound 王家湾 with a building called 组; the end of a name stays on it.
    (A line with buildings after the space still splits at the space: ambiguous lines keep the
    old reading, shown on the wizard's last page.)"""
    assert fr.parse_places(typed) == [place]


@pytest.mark.parametrize("text, where, words", [
    ("幸福里小区：12-1", 1, "从小到大"),
    ("幸福里小区\n建设院：1-3,x#", 2, "不是楼栋号"),
    ("幸福里小区\n幸福里小区：1-2", 2, "写了两次"),
    ("王家湾组：1-3", 1, "不写楼栋"),
])
def test_a_wrong_line_is_named(text, where, words):
    with pytest.raises(InputError) as e:
        fr.parse_places(text)
    assert e.value.row == where and words in e.value.message and str(e.value).startswith(f"第{where}行")


def test_the_community_is_set_up_in_one_go(app_ctx):
    assert fr.needs_first_run(app_ctx)
    done = fr.set_up_community(app_ctx, fr.CommunityPlan("新民社区", "community", "积玉桥街道", "027-88886666",
                                                         "幸福里小区：1-3栋\n王家湾组"))
    assert (done.name, len(done.places), done.buildings) == ("新民社区", 2, 3)
    r = app_ctx.register
    compounds = {c.name: c for c in r.compounds()}
    assert compounds["幸福里小区"].id == places.compound_id(done.community_id, "幸福里小区")
    assert compounds["王家湾组"].kind == "village_group"
    assert [b.number for b in r.buildings(compounds["幸福里小区"].id)] == ["1", "2", "3"]
    assert committee_name(r.db) == "新民社区居民委员会"
    assert get_setting(app_ctx.db, "street_office") == "积玉桥街道"
    assert get_setting(app_ctx.db, "office_phone") == "027-88886666"
    assert not fr.needs_first_run(app_ctx)


def test_a_plan_with_faults_writes_nothing(app_ctx):
    with pytest.raises(InputErrors) as e:
        fr.set_up_community(app_ctx, fr.CommunityPlan("", "community", places_text="幸福里：9-1"))
    assert set(e.value.by_field()) == {"name", "places"}
    assert app_ctx.register.compounds() == []


def test_the_passphrase_is_kept_as_a_check_only(app_ctx):
    with pytest.raises(InputError) as e:
        fr.set_sync_passphrase(app_ctx.db, "123456", "123456")
    assert "太简单" in e.value.message
    with pytest.raises(InputError) as e:
        fr.set_sync_passphrase(app_ctx.db, "幸福里 三栋 二单元 门岗", "幸福里 三栋 二单元 门卫")
    assert e.value.field == "repeated"
    assert fr.passphrase_matches(app_ctx.db, "幸福里 三栋 二单元 门岗") is None
    fr.set_sync_passphrase(app_ctx.db, "幸福里 三栋 二单元 门岗", "幸福里 三栋 二单元 门岗")
    assert "门岗" not in get_setting(app_ctx.db, "sync_passphrase_check")
    assert fr.passphrase_matches(app_ctx.db, "幸福里 三栋 二单元 门岗") is True
    assert fr.passphrase_matches(app_ctx.db, "幸福里 三栋 二单元 门卫") is False


def test_the_name_shown_before_finish_is_the_name_kept():
    """The last page showed "新民　社区" as typed (a wide space) while "新民 社区" was kept."""
    plan = fr.CommunityPlan("  新民　　社区 ")
    assert plan.saved_name == "新民 社区"
