"""A new user from another community (a village, 红旗村) imports ledgers unlike the samples:
a care list whose last visit is written to the month (2026年11月) or in the future, and a
register whose birth dates are written 58年3月."""
from datetime import date

from desktop.care.care_book import CareBook
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book


def test_a_care_row_whose_last_visit_cannot_be_read_is_kept_with_the_text_in_the_note(
        app_ctx, small_community, tmp_path):
    """The last visit only says when the next one is due: '2026年11月' or a day in the future is
    no reason to leave an old person off the care list."""
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱名单": [
        ["姓名", "身份证号码", "住址", "关爱类别", "走访频次", "最近走访"],
        ["张三", people["张三"].id_number, "3栋2单元501", "独居老人", "每周", "2026年11月"],
        ["张三2", "", "3栋2单元501", "独居老人", "每周", "2099-01-01"],
    ]})
    plan = plan_import(app_ctx, path, "care")
    first = plan.rows[0]
    assert first.ok, first.reason
    assert [w.field for w in first.warnings] == ["last_visit"]
    assert "2026年11月" in first.warnings[0].message and "原样记在备注里" in first.warnings[0].message
    future = plan.rows[1]
    assert not [e for e in future.errors if e.field == "last_visit"]
    assert "在未来" in " ".join(w.message for w in future.warnings)
    result = apply_import(app_ctx, plan)
    assert result.created == 1
    subject = CareBook(app_ctx.db, app_ctx.register).subject_of_person(people["张三"].id)
    assert subject.last_visit_on in ("", None)
    assert "台账上次走访：2026年11月" in subject.note


def test_a_birth_month_with_a_two_digit_year_that_agrees_with_the_id_number_is_not_flagged(
        app_ctx, tmp_path):
    number = make_resident_id("420106", date(1958, 3, 7), 12, True)
    other = make_resident_id("420106", date(1985, 3, 15), 14, True)
    path = write_book(tmp_path / "村.xlsx", {"三组": [
        ["姓名", "公民身份号码", "出生日期", "现住址", "与户主关系"],
        ["王建国", number, "58年3月", "红旗村三组12号", "本人"],
        ["王志强", other, "58年3月", "", "之子"],           # a slip: the son's own month is 85年3月
    ]})
    plan = plan_import(app_ctx, path, "register", compound="红旗村")
    assert not plan.bad, [r.reason for r in plan.bad]
    assert [w.field for w in plan.rows[0].warnings] == []
    assert [w.field for w in plan.rows[1].warnings] == ["birth_date"]


def test_a_gate_log_keeps_the_phone_and_a_mistyped_phone_never_refuses_the_passage(app_ctx, tmp_path):
    """A village gate's log has a 手机 column: the number was read and then dropped, and a
    number a digit short refused the whole passage."""
    path = tmp_path / "卡口.csv"
    path.write_text("日期,时间,姓名,手机,进出,体温\n2026-12-05,8点半,王芳,1381234567,进,36.5度\n"
                    "2026-12-05,下午3点,李强,13812345678,出,36.6\n", encoding="utf-8-sig")
    plan = plan_import(app_ctx, path, "gate")
    assert not plan.bad, [r.reason for r in plan.bad]
    assert [w.field for w in plan.rows[0].warnings] == ["phone"]
    apply_import(app_ctx, plan)
    with app_ctx.db.reading() as conn:
        rows = [tuple(r) for r in conn.execute(
            "SELECT holder_name, substr(at, 12, 5), note FROM gate_log ORDER BY holder_name")]
    assert rows == [("李强", "15:00", "电话：13812345678"), ("王芳", "08:30", "电话：1381234567（原样）")]
