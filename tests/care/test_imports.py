"""Rows of a care ledger added through the plain functions the Excel import calls."""
import pytest

from desktop.care.imports import CareImportRow, import_care_row
from desktop.errors import InputErrors
from tests.care.conftest import TODAY


def test_rows_found_by_id_number_or_name_and_address_in_one_transaction(app_ctx, care, small_community):
    people = small_community["people"]
    rows = [CareImportRow(id_number=people["王大爷"].id_number, categories="独居、孤寡老人", needs="买菜/买药",
                          frequency="每周两次", helper_name="刘楼长", helper_phone="13912340000",
                          last_visit="2020-02-18", contact_name="王小", contact_relation="侄子",
                          contact_phone="13600001234", row=2),
            CareImportRow(full_name="张三", address="3-2-501", categories=["透析"], frequency="每周",
                          helper_name="刘楼长", helper_phone="13912340000", row=3)]
    with app_ctx.db.transaction():
        outcomes = [import_care_row(care, r, TODAY) for r in rows]
    assert [o.created for o in outcomes] == [True, True]
    wang = care.subject(outcomes[0].subject_id)
    assert wang.categories == ("childless", "elder_alone") and wang.needs == ("groceries", "medicine")
    assert (wang.frequency, wang.last_visit_on, wang.helper_name) == ("twice_weekly", "2020-02-18", "刘楼长")
    assert [c.full_name for c in care.contacts(wang.id)] == ["王小"]
    assert len(care.helpers()) == 1                       # the same helper, not two
    assert care.subject(outcomes[1].subject_id).person_id == people["张三"].id
    # Importing the ledger again updates, adds nothing twice.
    again = import_care_row(care, rows[0], TODAY)
    assert not again.created and len(care.contacts(wang.id)) == 1


def test_a_bad_row_names_its_row_and_column_and_writes_nothing(app_ctx, care, small_community):
    row = CareImportRow(full_name="王大爷", categories="独居、外星人", helper_name="新志愿者",
                        helper_phone="13700002222", frequency="偶尔", row=7)
    with app_ctx.db.transaction():
        with pytest.raises(InputErrors) as e:
            import_care_row(care, row, TODAY)
        assert care.helpers() == []                       # the new helper was rolled back with the row
    fields = {x.field: (x.row, x.message) for x in e.value.errors}
    assert fields["categories"][0] == 7 and "外星人" in fields["categories"][1]
    assert "偶尔" in fields["frequency"][1]


def test_a_person_not_in_the_register_is_reported(care, small_community):
    with pytest.raises(InputErrors) as e:
        import_care_row(care, CareImportRow(full_name="不存在", address="9-1-101", categories="独居", row=4), TODAY)
    assert "户籍台账里没有不存在" in str(e.value)



def test_a_care_ledger_before_any_register_says_to_import_the_register_first(care):
    """A new office imports its care ledger first: every row said 身份证号…在户籍台账里找不到，
    请先登记这个人, as if each person were to be typed in by hand. It says the register is empty."""
    with pytest.raises(InputErrors) as e:
        import_care_row(care, CareImportRow(full_name="王大爷", id_number="420106194501011237", categories="独居",
                                            row=2), TODAY)
    assert "户籍台账里还没有任何人" in str(e.value) and "请先导入户籍台账" in str(e.value)
    assert e.value.errors[0].row == 2


@pytest.mark.parametrize("name, address, found", [
    ("张三", "3-2-501", True), ("张三", "3栋2单元501", True), ("张三", "幸福里3栋2单元501室", True),
    ("张三", "3-2-5011", False), ("张三", "13-2-501", False), ("张三", "阳光小区3-2-501", False),
    ("王大爷", "王家湾12号", True), ("王大爷", "12号", True), ("王大爷", "12", True),
    ("王大爷", "112号", False), ("王大爷", "2号", False)])
def test_an_address_names_the_door_in_the_registers_own_writing(care, small_community, name, address, found):
    """A ledger's address is the person's door as the register reads it, never a part of a
    longer number: '12' is not 112号, '3-2-501' is not 3-2-5011 or 13-2-501."""
    row = CareImportRow(full_name=name, address=address, categories="独居", row=5)
    if found:
        outcome = import_care_row(care, row, TODAY)
        assert outcome.person_id == small_community["people"][name].id
    else:
        with pytest.raises(InputErrors) as e:
            import_care_row(care, row, TODAY)
        where = small_community["people"][name].address.replace(" ", "")
        assert f"住址“{address}”对不上" in str(e.value) and where in str(e.value)


def test_an_address_may_name_the_street_office_before_the_compound(care, small_community):
    """'通济街道幸福里小区3-2-501' is 张三's flat, as it was before addresses were read exactly."""
    outcome = import_care_row(care, CareImportRow(full_name="张三", address="通济街道幸福里小区3-2-501",
                                                  categories="独居", row=3), TODAY)
    assert outcome.person_id == small_community["people"]["张三"].id


@pytest.mark.parametrize("note, codes", [
    ("低保户，独居", ["elder_alone", "low_income"]), ("残疾人（肢体）", ["disabled"]), ("独居", ["elder_alone"]),
    ("非低保", []), ("行动困难", []), ("精神很好", []), ("行动不便", []), ("2月3日从武汉返回", []), ("", [])])
def test_a_persons_note_names_care_categories_only_where_it_says_them(note, codes):
    """What the 加入关爱名单 form ticks from a ledger's 备注: 行动困难 is not 低保困难, 精神很好 not
    精神障碍, 非低保 not 低保."""
    from desktop.care.vocab import categories_in_note
    assert categories_in_note(note) == codes


def test_an_id_number_the_register_lacks_is_said_with_the_name(care, small_community):
    """The refusals listed 身份证号110105…在户籍台账里找不到 with only a row number: the clerk
    could not tell whom from the list. The name comes first, and a typo is the first thing to check."""
    with pytest.raises(InputErrors) as e:
        import_care_row(care, CareImportRow(full_name="赵　六", id_number="110105194501011234", categories="独居",
                                            row=9), TODAY)
    assert str(e.value) == "赵六（身份证号110105…）在户籍台账里找不到：请核对身份证号，或先在户籍登记里登记这个人。"


def test_a_stale_line_asking_for_a_helper_goes_at_the_import_counted_as_an_update(app_ctx, care, helper,
                                                                                 small_community):
    """王大爷 has 刘楼长 as helper but his note still asked for one (台账责任人：王书记（电话未登记…）,
    kept by an older version or brought by a sync). The ledger imported again, saying what the list
    holds, counted him unchanged and the line stayed until someone saved him in 修改. It goes at
    that import, counted as an update; imported once more he is unchanged."""
    from desktop.care.notes import helper_to_add
    from desktop.care.records import SubjectForm
    wang = small_community["people"]["王大爷"]
    subject = care.add_subject(wang.id, SubjectForm(categories=("elder_alone",), note=helper_to_add("王书记")), TODAY)
    with app_ctx.db.transaction() as conn:        # as an older version left it: helper and line both
        conn.execute("UPDATE care_subject SET helper_id = ? WHERE id = ?", (helper.id, subject.id))
    row = CareImportRow(id_number=wang.id_number, categories="独居老人", frequency="每周", row=2)
    with app_ctx.db.transaction():
        first, again = import_care_row(care, row, TODAY), import_care_row(care, row, TODAY)
    assert (first.unchanged, again.unchanged) == (False, True)
    held = care.subject(subject.id)
    assert (held.helper_name, held.note) == ("刘楼长", "")
