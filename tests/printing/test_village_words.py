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
    print_form(app.register, PrintRequest("notice", template="builtin:closed-management", day=date(2020, 2, 10)),
               path)
    text = squeeze("".join(page_texts(path)))
    if kind == "village":
        assert "各位村民：" in text and "本村实行封闭管理" in text and "告知村委会" in text
        assert "小区" not in text and "居民" not in text and "社区" not in text
    else:
        assert "各位居民：" in text and "本小区实行封闭管理" in text and "小区只保留一个出入口" in text
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
        assert f"致{place.name}村民的一封信" in text and "请告诉村民小组长或拨打村委会电话" in text
        assert "楼栋长" not in text and "社区" not in text
    else:
        assert f"致{place.name}居民的一封信" in text and "请告诉楼栋长或拨打社区电话" in text
