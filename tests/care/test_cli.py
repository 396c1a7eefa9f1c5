"""``menshen care`` prints today's figures in one line, or one helper's visit list."""
from desktop.care.care_book import CareBook
from desktop.care.records import SubjectForm
from desktop.cli import main
from tests.care.conftest import TODAY


def test_care_command_prints_one_summary_line(app_ctx, small_community, capsys):
    care = CareBook(app_ctx.db, app_ctx.register)
    helper = care.add_helper("刘楼长", "13912340000", "building_head")
    care.add_subject(small_community["people"]["王大爷"].id,
                     SubjectForm(categories=("elder_alone",), helper_id=helper.id, listed_on="2020-02-01"), TODAY)
    path = app_ctx.db.path
    app_ctx.close()
    assert main(["care", "--db", str(path), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.strip() == (
        "2020-02-20 关爱走访：应访1人（其中超过两个周期未走访1人，逾期0人）；隔离0人，上午未随访0人，下午未随访0人，发热0人")
    assert main(["care", "--db", str(path), "--today", TODAY.isoformat(), "--helper", "刘楼长"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "王大爷" in out[0] and out[-1] == "2020-02-20 关爱走访：刘楼长应访1人"
