"""The backup an import takes first: only the last ten before an import are kept, so an import
that changes nothing (the same ledger imported again) takes none."""
from datetime import date, timedelta

from desktop import backup
from desktop.excel.importer import apply_import, plan_import
from desktop.idnumber import make_resident_id
from tests.excel.conftest import write_book


def _id(n: int) -> str:
    return make_resident_id("420106", date(1970, 1, 1) + timedelta(days=n), n, True)


def _ledger(path, zhao_tenure: str = "自有"):
    # 住房性质 and a landlord (set again for unchanged people) and a rented flat without one (flagged).
    return write_book(path, {"台账": [
        ["姓名", "身份证号码", "联系电话", "楼栋", "单元", "门牌号", "与户主关系", "住房性质", "房东姓名"],
        ["王芳", _id(1), "13800000001", "3", "2", "501", "户主", "租住", "周房东"],
        ["李强", _id(2), "13800000002", "3", "2", "601", "户主", "租住", ""],
        ["赵敏", _id(3), "13800000003", "3", "2", "602", "户主", zhao_tenure, ""]]})


def _import(app, path, kind=None, **kw):
    return apply_import(app, plan_import(app, path, kind, compound="幸福里小区", **kw))


def test_importing_the_same_ledger_again_keeps_the_backup_from_before_the_first_import(app_ctx, tmp_path):
    path = _ledger(tmp_path / "台账.xlsx")
    assert _import(app_ctx, path).created == 3
    first = backup.list_backups(app_ctx.db.path)
    assert [b.reason for b in first] == ["import"]
    for _ in range(11):                          # the clerk imports the same ledger again and again
        assert _import(app_ctx, path).unchanged == 3
    assert first[0] in backup.list_backups(app_ctx.db.path)
    assert backup.list_backups(app_ctx.db.path) == first
    # 赵敏's flat now rented: every person as registered, yet the household changes, so that
    # import backs up first (and the one from before the first import stays).
    assert _import(app_ctx, _ledger(tmp_path / "改过.xlsx", zhao_tenure="租住")).unchanged == 3
    zhao = next(p for p in app_ctx.register.people_in(None, limit=10) if p.full_name == "赵敏")
    assert app_ctx.register.household(zhao.household_id).tenure == "rented"
    after = backup.list_backups(app_ctx.db.path)
    assert len(after) == 2 and first[0] in after

def test_a_gate_log_imported_again_takes_no_backup(app_ctx, tmp_path):
    path = write_book(tmp_path / "卡口.xlsx", {"2月11日": [
        ["日期", "时间", "姓名", "进出", "体温"], ["2020/2/11", "8:30", "刘访客", "进", "36.5"]]})
    assert _import(app_ctx, path, "gate").created == 1
    first = backup.list_backups(app_ctx.db.path)
    assert _import(app_ctx, path, "gate").unchanged == 1
    assert backup.list_backups(app_ctx.db.path) == first


def test_a_care_list_imported_again_takes_no_backup(app_ctx, small_community, tmp_path):
    people = small_community["people"]
    path = write_book(tmp_path / "关爱.xlsx", {"关爱台账": [
        ["姓名", "身份证号", "类别", "走访频次"], ["张三", people["张三"].id_number, "独居老人", "每周一次"]]})
    assert _import(app_ctx, path, "care").created == 1
    first = backup.list_backups(app_ctx.db.path)
    assert _import(app_ctx, path, "care").unchanged == 1
    assert backup.list_backups(app_ctx.db.path) == first


def test_a_person_removed_after_the_preview_is_added_back_only_after_a_backup(app_ctx, tmp_path):
    """The same ledger checked again (every row 无变化), then 赵敏 removed from the register before
    Import was pressed: the import added her back, a change to the register, and took no backup
    first (the preview's 'no change' was taken for the writer's). Unnumbered people too."""
    path = _ledger(tmp_path / "台账.xlsx")
    book_rows = [["姓名", "身份证号码", "楼栋", "单元", "门牌号", "与户主关系"], ["钱老", "", "3", "2", "603", "户主"]]
    unnumbered = write_book(tmp_path / "无号.xlsx", {"台账": book_rows})
    _import(app_ctx, path), _import(app_ctx, unnumbered)
    people = {p.full_name: p for p in app_ctx.register.people_in(None, limit=10)}
    for name, ledger in (("赵敏", path), ("钱老", unnumbered)):
        plan = plan_import(app_ctx, ledger, compound="幸福里小区")
        assert all(row.action == "same" for row in plan.rows)
        app_ctx.register.remove_person(people[name].id)          # meanwhile, on the register page
        before = backup.list_backups(app_ctx.db.path)
        assert apply_import(app_ctx, plan).created == 1          # back in the register ...
        assert len(backup.list_backups(app_ctx.db.path)) == len(before) + 1      # ... after a backup
