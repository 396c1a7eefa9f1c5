"""The street's daily report in its own template (issue 19, point 1): a row per community with
each community's own figures, then the total; nothing typed at the street office."""
from openpyxl import Workbook, load_workbook
import pytest

from desktop.aggregate.street import Street, community_figures, summed
from desktop.aggregate.street_report import fill_street_report
from desktop.errors import InputError
from tests.aggregate.communities import DAY, build, close


@pytest.fixture
def street(small_street, street_copy):
    """Three communities taken in by the street (a copy of the session's), and each one's own
    figures by name."""
    own = {small_street.names[c]: f for c, f in small_street.own.items()}
    with Street(street_copy) as st:
        yield st, own


def street_template(path):
    """A street's form as offices make them: a title, a date line, then the header (its own
    order and wording)."""
    book = Workbook()
    ws = book.active
    ws.title = "日报"
    ws["A1"] = "积玉桥街道疫情防控每日报表"
    ws["A2"] = "填报日期："
    for c, label in enumerate(["序号", "社区", "居家隔离（人）", "户数", "实有人口", "进入人次", "备注"], 1):
        ws.cell(4, c, label)
    book.save(path)
    return path


def test_each_community_has_its_own_row_and_the_total_sums_them(street, tmp_path):
    st, own = street
    out = tmp_path / "街道日报.xlsx"
    assert fill_street_report(st, street_template(tmp_path / "t.xlsx"), out, on=DAY) == 3
    ws = load_workbook(out)["日报"]
    rows = [[ws.cell(r, c).value for c in range(1, 8)] for r in range(5, 9)]
    assert [r[1] for r in rows] == sorted(own) + ["合计"]
    for r in rows[:-1]:
        f = own[r[1]]
        assert r[2:6] == [f["home_isolation"], f["households"], f["people"], f["gate_in"]]
        assert r[6] is None                                 # columns it does not know stay as they were
    total = summed({n: f for n, f in own.items()})
    assert rows[-1][2:6] == [total["home_isolation"], total["households"], total["people"], total["gate_in"]]
    assert ws["A1"].value == "积玉桥街道疫情防控每日报表"    # the form itself is untouched



def test_the_communities_are_numbered_1_2_3_in_the_order_written_and_the_total_is_not(street, tmp_path):
    """The 序号 column was left empty on the street's report."""
    st, own = street
    template = street_template(tmp_path / "t.xlsx")
    book = load_workbook(template)
    book["日报"]["A4"] = "序 号"                          # as a form centres it
    book["日报"]["A8"] = 4                                # a number printed in advance where 合计 comes
    book.save(template)
    out = tmp_path / "街道日报.xlsx"
    assert fill_street_report(st, template, out, on=DAY) == 3
    ws = load_workbook(out)["日报"]
    rows = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(5, 9)]
    assert rows == [(1, sorted(own)[0]), (2, sorted(own)[1]), (3, sorted(own)[2]), (None, "合计")]
    assert ws["A4"].value == "序 号"


def test_a_form_of_only_a_number_and_the_name_is_not_a_street_form(street, tmp_path):
    st, _ = street
    book = Workbook()
    for c, label in enumerate(["序号", "社区名称"], 1):
        book.active.cell(3, c, label)
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError) as err:
        fill_street_report(st, tmp_path / "x.xlsx", tmp_path / "out.xlsx", on=DAY)
    assert "总户数" in err.value.message and not (tmp_path / "out.xlsx").exists()


def test_a_workbook_that_is_not_a_street_form_is_refused_in_chinese_and_nothing_is_written(street, tmp_path):
    st, _ = street
    book = Workbook()
    book.active["A1"] = "随便写的"
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError) as err:
        fill_street_report(st, tmp_path / "x.xlsx", tmp_path / "out.xlsx", on=DAY)
    assert "社区名称" in err.value.message and not (tmp_path / "out.xlsx").exists()


def test_a_refused_package_adds_no_empty_community_to_the_street(tmp_path):
    # A wrong passphrase: the street held a community of 0 households, named by its id, and
    # its report had a row of zeros for it.
    communities, packages = build(tmp_path / "world", 2)
    secrets = {communities[0].id: communities[0].passphrase, communities[1].id: "不是这个口令"}
    with Street(tmp_path / "street") as st:
        got = st.ingest(packages, secrets.get)
        assert len(got.refused) == 1 and "口令" in got.refused[0][1].message
        assert st.communities() == [communities[0].id]
        out = tmp_path / "街道日报.xlsx"
        assert fill_street_report(st, street_template(tmp_path / "t.xlsx"), out, on=DAY) == 1
        # the right passphrase later: the community comes in whole
        assert st.ingest(packages, {c.id: c.passphrase for c in communities}.get).refused == []
        assert st.communities() == sorted(c.id for c in communities)
        assert st.figures(DAY)[communities[1].id] == community_figures(communities[1].office, DAY)
    close(communities)


def test_a_package_the_street_cannot_read_is_said_once(tmp_path, monkeypatch):
    # A package of a newer Menshen alone in the folder was passed over without a word ("no new
    # packages"); beside other communities' packages it was listed once per community.
    import shutil
    from desktop.sync import envelope
    from desktop.sync.exchange import export_package
    communities, packages = build(tmp_path / "world", 2)
    newer = tmp_path / "newer"
    newer.mkdir()
    monkeypatch.setattr(envelope, "PACKAGE_FORMAT", envelope.PACKAGE_FORMAT + 1)
    made = export_package(communities[0].office, newer, communities[0].passphrase).path
    monkeypatch.undo()
    secrets = {c.id: c.passphrase for c in communities}.get
    with Street(tmp_path / "street") as st:
        got = st.ingest(newer, secrets)
        assert [name for name, _ in got.refused] == [made.name]
        assert "更新版本的门神" in got.refused[0][1].message      # said by the page (test_street_page)
        shutil.copy(made, packages)
        got = st.ingest(packages, secrets)
        assert [name for name, _ in got.refused] == [made.name] and got.packages > 0
    close(communities)


def _wizard_community(path, name, rooms):
    """A community set up as an office does (the first-run wizard's plan, the register's forms)."""
    from desktop.app import open_app
    from desktop.first_run import CommunityPlan, set_up_community
    from desktop.register import HouseholdForm, PersonForm
    app = open_app(path)
    made = set_up_community(app, CommunityPlan(name, places_text="幸福里小区 1-2栋"))
    compound = app.register.compounds()[0]
    for n, (building, room) in enumerate(rooms):
        h = app.register.add_household(HouseholdForm(compound_id=compound.id, building=building, room=room))
        app.register.add_person(PersonForm(full_name=f"住户{n}"), h.id, "head")
    return app, made.community_id


def test_the_drill_down_names_the_building_of_each_household(tmp_path):
    # Before, a household was its room alone: '101' twice, no compound, no building.
    from desktop.aggregate.privacy import LISTS
    from desktop.aggregate.street import households
    from desktop.sync.exchange import export_package
    app, cid = _wizard_community(tmp_path / "office.db", "新民社区", [("2", "101"), ("1", "101"), ("1", "302")])
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(app.db, stick, "街道 上报 口令 2020", level=LISTS)
    app.close()
    with Street(tmp_path / "street") as st:
        assert st.ingest(stick, lambda _c: "街道 上报 口令 2020").refused == []
        assert [h.address for h in households(st, cid)] == ["幸福里小区 1栋101", "幸福里小区 1栋302",
                                                            "幸福里小区 2栋101"]


def test_two_communities_of_one_name_are_told_apart(tmp_path):
    # Two 新民社区 with their own ids: two rows '新民社区' on the page and in the report, and no
    # way to tell which figures were whose.
    from desktop.aggregate.street import households
    from desktop.sync.exchange import export_package
    stick = tmp_path / "stick"
    stick.mkdir()
    ids = []
    for n, name in enumerate(("新民社区", "demo", "和平社区")):
        if name == "demo":              # the demo's 新民社区 has a code, and its id is the code's
            from desktop.app import open_app
            from desktop.demo import make_demo_database
            from desktop.sync.exchange import community_id
            make_demo_database(tmp_path / "demo.db", households=3)
            app = open_app(tmp_path / "demo.db")
            cid = community_id(app.db)
        else:
            app, cid = _wizard_community(tmp_path / f"office{n}.db", name, [("1", f"{n + 1}01")])
        export_package(app.db, stick, "街道 上报 口令 2020")
        app.close()
        ids.append(cid)
    assert ids[0] != ids[1]
    with Street(tmp_path / "street") as st:
        assert st.ingest(stick, lambda _c: "街道 上报 口令 2020").refused == []
        assert [st.community_name(c) for c in ids] == [f"新民社区（编号 {ids[0][:8]}）", "新民社区（编号 420106002001）",
                                                       "和平社区"]
        out = tmp_path / "街道日报.xlsx"
        assert fill_street_report(st, street_template(tmp_path / "t.xlsx"), out, on=DAY) == 3
        ws = load_workbook(out)["日报"]
        assert sorted(ws.cell(r, 2).value for r in (5, 6, 7)) == sorted(st.community_name(c) for c in ids)
        assert len(households(st, ids[1])) == 3


def test_a_template_that_could_not_be_read_is_said_as_a_read_not_as_the_report_unsaved(tmp_path, monkeypatch):
    """The street's form held by Excel said 打不开（PermissionError），请确认它是 .xlsx 文件; a stick
    pulled as the form was read again said 无法写入 日报.xlsx (the street page words the failure
    for the report it saves). Both say the form could not be read, and what to do."""
    import errno
    import openpyxl
    from desktop.failures import user_message
    st = Street(tmp_path / "street")            # the form is read before any figure is asked
    template, out = street_template(tmp_path / "街道日报模板.xlsx"), tmp_path / "日报.xlsx"
    real = openpyxl.load_workbook

    def held(path, **kw):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(openpyxl, "load_workbook", held)
    with pytest.raises(InputError) as err:
        fill_street_report(st, template, out, on=DAY)
    said = user_message(err.value, out)
    assert "打不开“街道日报模板.xlsx”" in said and "关掉这个文件" in said and "PermissionError" not in said

    def pulled(path, **kw):               # read once to find the header, then the stick went away
        if kw.get("read_only"):
            return real(path, **kw)
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(openpyxl, "load_workbook", pulled)
    with pytest.raises(InputError) as err:
        fill_street_report(st, template, out, on=DAY)
    said = user_message(err.value, out)
    assert "读取“街道日报模板.xlsx”时出错" in said and "无法写入" not in said and not out.exists()
