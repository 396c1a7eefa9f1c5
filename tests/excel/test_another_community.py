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

