"""常住 in a 居住情况 column says "lives here", not "registered elsewhere": whether a person is
户籍人口 comes from an explicit word or from the 户籍地 (desktop/register/residence.py)."""
from datetime import date, timedelta

from desktop import vocab
from desktop.excel.importer import plan_import
from desktop.idnumber import make_resident_id
from desktop.settings import set_setting
from tests.excel.conftest import write_book


def _id(n: int) -> str:
    return make_resident_id("420106", date(1970, 1, 1) + timedelta(days=n * 131), n, n % 2 == 0)


def _kinds(plan):
    """Each row's 人口类型 as the preview shows it, and the rows' warnings about it."""
    shown = {r.draft.person["full_name"]: vocab.zh(vocab.RESIDENCE, r.draft.person["residence_kind"])
             for r in plan.rows}
    return shown, [w.message for r in plan.rows for w in r.warnings if w.field == "residence_kind"]


def test_chang_zhu_locals_are_registered_and_a_tenant_from_elsewhere_is_not(app_ctx, tmp_path):
    """All 160 of a ledger's ordinary residents (居住情况 常住) became 常住人口（非户籍）, and
    tenants from 孝感 (租住, 独居: words no list knows) 户籍人口. Now the 户籍地 decides."""
    set_setting(app_ctx.db, "street_office", "武昌区积玉桥街道")
    head = ["姓名", "身份证号码", "楼栋", "单元", "房号", "与户主关系", "居住情况", "户籍地"]
    path = write_book(tmp_path / "台账.xlsx", {"居民台账": [
        head,
        ["王芳", _id(1), "3", "2", "501", "户主", "常住", "湖北省武汉市武昌区积玉桥街道幸福里3栋"],
        ["李强", _id(2), "3", "2", "501", "配偶", "常住人口", "本地"],
        ["张小明", _id(3), "3", "2", "501", "子女", "常住", ""],
        ["赵租客", _id(4), "3", "1", "101", "户主", "常住", "湖北省孝感市孝南区"],
        ["钱独居", _id(5), "3", "1", "102", "户主", "独居", "湖北省孝感市"],
        ["孙流动", _id(6), "3", "1", "103", "户主", "流动", "湖北省武汉市武昌区积玉桥街道"],
        ["周分离", _id(7), "3", "1", "104", "户主", "人户分离", "湖北省孝感市"]]})
    shown, warned = _kinds(plan_import(app_ctx, path, "register", compound="幸福里小区"))
    assert shown == {"王芳": "户籍人口", "李强": "户籍人口", "张小明": "户籍人口",
                     "赵租客": "常住人口（非户籍）", "钱独居": "常住人口（非户籍）",
                     "孙流动": "流动人口", "周分离": "人户分离（户在人不在）"}   # a word that says it wins
    assert len(warned) == 1 and "独居" in warned[0]          # 常住 is no unknown word


def test_without_a_hukou_column_chang_zhu_is_registered_and_not_warned(app_ctx, tmp_path):
    path = write_book(tmp_path / "台账.xlsx", {"居民台账": [
        ["姓名", "身份证号码", "楼栋", "单元", "房号", "与户主关系", "居住情况"],
        ["王芳", _id(1), "3", "2", "501", "户主", "常住"],
        ["李强", _id(2), "3", "2", "501", "配偶", "常住人口"],
        ["赵外来", _id(4), "3", "1", "101", "户主", "外来"],
        ["钱非户籍", _id(5), "3", "1", "102", "户主", "非户籍常住"]]})
    shown, warned = _kinds(plan_import(app_ctx, path, "register", compound="幸福里小区"))
    assert shown == {"王芳": "户籍人口", "李强": "户籍人口", "赵外来": "流动人口", "钱非户籍": "常住人口（非户籍）"}
    assert warned == []
