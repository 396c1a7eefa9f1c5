"""The battle map on A3 and the daily report, printed and filled from the overview's figures."""
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from desktop import cli
from desktop.excel.template import fill_template
from desktop.gate.log import Passage, record_passage
from desktop.gate.subjects import person_subject
from desktop.idnumber import make_resident_id
from desktop.overview.today import today_figures
from desktop.printing.catalogue import PrintRequest, print_form
from desktop.register import HouseholdForm, PersonForm
from tests.overview.conftest import TODAY
from tests.printing.conftest import assert_fonts_embedded, page_texts, squeeze


def test_the_battle_map_prints_on_a3_with_colours_counts_and_names(tmp_path, capsys, app_ctx, community):
    app_ctx.register.set_status(community["people"]["张三"].id, "home_isolation", "密接")
    out = tmp_path / "map.pdf"
    assert cli.main(["print", "battle-map", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--date", "2020-02-20"]) == 0
    assert capsys.readouterr().out.startswith("已打印 疫情防控作战图（A3）：2份，2页")
    reader = PdfReader(str(out))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [1191, 842]      # A3 landscape
    first, village = (squeeze(t) for t in page_texts(out))
    assert "幸福里小区疫情防控作战图" in first and "截至2020年2月20日" in first
    assert "居家隔离1户，1人" in first and "无人登记1户" in first and "3栋" in first
    assert "501张三" in first
    assert "王家湾组" in village and "12号王大爷" in village
    assert_fonts_embedded(out)


def test_the_public_map_has_counts_but_no_names(tmp_path, capsys, app_ctx, community):
    out = tmp_path / "public.pdf"
    assert cli.main(["print", "battle-map", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--compound", "幸福里小区", "--public"]) == 0
    [text] = [squeeze(t) for t in page_texts(out)]
    assert "公示版" in text and "健康2户，4人" in text and "无人登记1户" in text and "501" in text
    for name in ("张三", "李梅", "王租客"):
        assert name not in text


def test_an_unknown_compound_is_refused_with_the_names_there_are(tmp_path, capsys, app_ctx, community):
    out = tmp_path / "x.pdf"
    assert cli.main(["print", "battle-map", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--compound", "别处"]) == 1
    err = capsys.readouterr().err
    assert "没有名为“别处”的小区" in err and "幸福里小区" in err and "Traceback" not in err
    assert not out.exists()


def _day_with_traffic(app_ctx, community):
    db, cp, p = app_ctx.db, community["checkpoint"], community["people"]
    s = person_subject(app_ctx.register.person(p["张三"].id))
    record_passage(db, Passage(s, "out"), cp, datetime(2020, 2, 19, 23, 59))
    record_passage(db, Passage(s, "in", 36.5), cp, datetime(2020, 2, 20, 0, 1))
    record_passage(db, Passage(s, "out"), cp, datetime(2020, 2, 20, 10, 0))


def test_the_daily_report_prints_the_today_figures(tmp_path, app_ctx, community):
    _day_with_traffic(app_ctx, community)
    out = tmp_path / "daily.pdf"
    print_form(app_ctx.register, PrintRequest("daily-report", day=TODAY), out)
    text = squeeze(page_texts(out)[0])
    f = today_figures(app_ctx, datetime(2020, 2, 20, 23, 59, 59))
    assert (f.gate_in, f.gate_out, f.out_not_back, f.care_to_visit) == (1, 1, 1, 1)
    assert "辖区共5户、6人" in text
    assert "卡口放行进入1人次、外出1人次" in text and "外出未归1人" in text
    assert "关爱对象1人，今日应走访1人" in text
    assert_fonts_embedded(out)


def test_the_street_office_template_gets_the_same_figures(tmp_path, app_ctx, community):
    _day_with_traffic(app_ctx, community)
    book = Workbook()
    ws = book.active
    for r, label in enumerate(["总户数", "总人数", "进入人次", "外出人次", "今日应走访人数", "居家隔离人数"], 1):
        ws.cell(r, 1, label)
    book.save(tmp_path / "t.xlsx")
    assert fill_template(app_ctx, tmp_path / "t.xlsx", tmp_path / "f.xlsx", on=TODAY) == 6
    filled = load_workbook(tmp_path / "f.xlsx").active
    f = today_figures(app_ctx, datetime(2020, 2, 20, 23, 59, 59))
    assert [filled.cell(r, 2).value for r in range(1, 7)] == [
        f.households, f.people, f.gate_in, f.gate_out, f.care_to_visit, f.status["home_isolation"]] \
        == [5, 6, 1, 1, 1, 0]


def test_a_report_for_an_earlier_day_counts_that_day(tmp_path, app_ctx, community):
    _day_with_traffic(app_ctx, community)
    f = today_figures(app_ctx, datetime(2020, 2, 19, 23, 59, 59))
    assert (f.gate_in, f.gate_out) == (0, 1)
    assert f.day == date(2020, 2, 19)


def test_printing_onto_a_write_protected_stick_names_the_file_asked_for(tmp_path, capsys, app_ctx, community,
                                                                         monkeypatch):
    """On a read-only stick even removing the missing temporary file fails; the message must
    still name map.pdf, not the temporary name the clerk never chose."""
    import errno
    from pathlib import Path

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr("desktop.printing.pages.replace_with", read_only)
    monkeypatch.setattr(Path, "unlink", read_only)
    out = tmp_path / "map.pdf"
    assert cli.main(["print", "battle-map", "--db", str(app_ctx.db.path), "--to", str(out)]) != 0
    err = capsys.readouterr().err
    assert "写保护" in err and "map.pdf" in err and ".tmp" not in err


def test_a_village_house_s_head_is_printed_whole_on_the_map_not_cut_short(tmp_path, app_ctx, community):
    """A village house's cell printed what its width held of 128号 热依拉·买买提 and dropped the
    rest without a sign (the demo's 王家湾17号 钟爱琴 came out as 钟爱): a cut name reads as
    someone else. The cell's text is shrunk to fit before anything is cut."""
    from desktop.register import HouseholdForm, PersonForm
    r = app_ctx.register
    village = next(c for c in r.compounds() if c.name == "王家湾组")
    house = r.add_household(HouseholdForm(compound_id=village.id, address_text="128号"))
    r.add_person(PersonForm(full_name="热依拉·买买提"), house.id, "head")
    out = tmp_path / "map.pdf"
    print_form(r, PrintRequest("battle-map", compound="王家湾组", day=date(2020, 2, 20)), out)
    assert "128号热依拉·买买提" in squeeze(page_texts(out)[0])


def test_a_buildings_map_shows_that_building_and_its_own_counts(tmp_path, app_ctx, community):
    """The clerk chose 幸福里小区 ▸ 4栋 on the paper page: the map was the whole compound's,
    under the compound's title, 3栋's isolated household and all."""
    r, c = app_ctx.register, community["compound"]
    app_ctx.register.set_status(community["people"]["张三"].id, "home_isolation", "密接")
    h = r.add_household(HouseholdForm(compound_id=c.id, building="4", room="201"))
    r.add_person(PersonForm(full_name="赵四", id_number=make_resident_id("420106", date(1970, 1, 1), 9, True)),
                 h.id, "head")
    out = tmp_path / "map.pdf"
    print_form(r, PrintRequest("battle-map", compound="幸福里小区", building="4", day=TODAY), out)
    [text] = [squeeze(t) for t in page_texts(out)]
    assert "幸福里小区4栋疫情防控作战图" in text and "201赵四" in text
    assert "健康1户，1人" in text and "居家隔离0户，0人" in text
    assert "张三" not in text and "3栋" not in text
