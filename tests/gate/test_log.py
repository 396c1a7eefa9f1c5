"""The gate log: direction guessed, isolation, fevers, the household rule, corrections,
visitors, vehicles, the day summary and historical rows for the Excel import."""
from datetime import date, datetime, timedelta

import pytest

from desktop.errors import InputError
from desktop.gate import log as gate_log
from desktop.gate.day import day_summary
from desktop.gate.rule import set_household_rule
from desktop.gate.subjects import lookup, person_subject, vehicle_subject, visitor_subject
from desktop.gate.vehicles import add_vehicle
from desktop.gate.visitors import VisitorForm, find_returning, save_visitor

# The tests' moment. Each call that would read the clock is given it (when=, today=): before
# 08:00 T0 is still to come, and a test run after midnight has the day it was collected.
T0 = datetime.combine(date.today(), datetime.min.time()) + timedelta(hours=8)


def subject(gate, name):
    return person_subject(gate["app"].register.person(gate["people"][name].id))


def record(gate, s, direction=None, at=T0, **kw):
    direction = direction or gate_log.assess(gate["db"], s, when=at).direction
    return gate_log.record_passage(gate["db"], gate_log.Passage(s, direction, **kw), gate["checkpoint"], at)


def test_direction_alternates_from_the_last_passage(gate):
    s = subject(gate, "张三")
    assert gate_log.assess(gate["db"], s, when=T0).direction == "out"        # a resident starts inside
    record(gate, s)
    assert gate_log.assess(gate["db"], s, when=T0 + timedelta(minutes=30)).direction == "in"
    record(gate, s, temperature=36.5, at=T0 + timedelta(hours=1))
    assert gate_log.assess(gate["db"], s, when=T0 + timedelta(hours=2)).direction == "out"


def test_coming_in_needs_a_temperature_at_this_gate(gate):
    s = subject(gate, "张三")
    with pytest.raises(InputError) as e:
        record(gate, s, "in")
    assert e.value.field == "temperature" and "体温" in e.value.message


def test_isolation_refused_without_an_override(gate):
    reg = gate["app"].register
    reg.set_status(gate["people"]["张小明"].id, "home_isolation", "密接")
    s = subject(gate, "张小明")
    assert s.must_stay_in
    with pytest.raises(InputError) as e:
        record(gate, s, "out")
    assert e.value.field == "override" and "不得外出" in e.value.message
    row = record(gate, s, "out", override_reason="透析：区人民医院")
    assert gate_log.entry(gate["db"], row).override_reason == "透析：区人民医院"


def test_fever_needs_an_outcome(gate):
    s = subject(gate, "李梅")
    with pytest.raises(InputError) as e:
        record(gate, s, "in", temperature=37.8)
    assert e.value.field == "outcome"
    row = record(gate, s, "in", temperature=37.8, outcome="referred")
    e = gate_log.entry(gate["db"], row)
    assert e.fever and e.outcome == "referred"
    # Referred is not a passage: she is still outside, so "in" is guessed again.
    assert gate_log.assess(gate["db"], s, when=T0 + timedelta(minutes=1)).direction == "in"


def test_a_fever_earlier_today_needs_an_outcome_at_the_next_passage(gate):
    """李梅 measured 37.8 coming in at 08:00, let through; going out at 08:12 she was saved with
    no word of it (her isolation, started at the office, reaches the gate after two syncs)."""
    li, zhang = subject(gate, "李梅"), subject(gate, "张三")
    record(gate, li, "in", temperature=37.8, outcome="allowed")
    later = T0 + timedelta(minutes=12)
    assert gate_log.assess(gate["db"], li, when=later).fever_today == "今天 08:00 在幸福里东门测得 37.8°C，请按发热流程处理"
    with pytest.raises(InputError) as e:
        record(gate, li, "out", at=later)
    assert e.value.field == "outcome" and e.value.message.startswith("今天 08:00 在幸福里东门测得 37.8°C，请按发热流程处理")
    assert gate_log.entry(gate["db"], record(gate, li, "out", at=later, outcome="allowed")).outcome == "allowed"
    # A reading typed wrong and corrected, and a fever of yesterday, stop nobody.
    record(gate, zhang, "in", temperature=38.5, outcome="allowed", at=T0 - timedelta(days=1))
    record(gate, zhang, "out", at=T0)
    wrong = record(gate, zhang, "in", temperature=38.5, outcome="allowed", at=T0 + timedelta(minutes=1))
    gate_log.void_entry(gate["db"], wrong, "体温输错了", corrected={"temperature": 36.5})
    assert gate_log.assess(gate["db"], zhang, when=later).fever_today == ""
    record(gate, zhang, "out", at=later)
    # A fever on a household pass (any member) was filed under the pass: a member's own scan
    # said nothing of it, and a member's own fever said nothing at the household pass's scan.
    # It may or may not be the one at the gate now: the card says whose it was and the guard asks
    # ('fever_check'); the subject's own fever stays a fever (李梅's, above), and another known
    # member's own fever stops nobody.
    from desktop.gate.passes import issue_pass
    from desktop.gate.subjects import pass_subject
    db, (h1, h2, _h3) = gate["db"], gate["households"]
    home = pass_subject(db, issue_pass(db, household_id=h1.id))
    record(gate, home, "in", temperature=37.9, outcome="allowed", at=T0 + timedelta(minutes=20))
    later = T0 + timedelta(hours=1)
    assert gate_log.assess(db, li, when=later).fever_whose == ""                # her own comes first
    zhang_now = gate_log.assess(db, zhang, when=later)
    assert zhang_now.fever_today == "本户出入证今天 08:20 在幸福里东门测得 37.9°C，没有登记是本户哪一位：请问清是不是此人"
    with pytest.raises(InputError) as e:
        record(gate, zhang, "in", at=later, temperature=36.5)
    assert e.value.field == "fever_check" and "回车放行，2 劝返，3 送发热门诊" in e.value.message
    row = record(gate, zhang, "in", at=later, temperature=36.5, outcome="allowed")
    assert gate_log.entry(db, row).note == "本户出入证今日发热（08:20 37.9°C）后放行"
    assert gate_log.assess(db, home, when=later).fever_whose == "本户出入证"   # the pass: asked, not a fever card
    tenant = subject(gate, "王租客")                 # a member's own fever, at the household pass's scan
    record(gate, tenant, "in", temperature=38.2, outcome="allowed")
    theirs = pass_subject(db, issue_pass(db, household_id=h2.id))
    assert gate_log.assess(db, theirs, when=later).fever_today == (
        "本户王租客今天 08:00 在幸福里东门测得 38.2°C：请问清持证的是不是王租客")


def test_a_passage_after_a_fever_today_says_the_guard_saw_it_on_the_row_the_sheet_and_the_export(gate):
    """李梅 let through (1 放行) at 08:12 after her 37.8 at 08:00 was an ordinary 放行 on the
    row, the printed day log and the export: nothing said the guard saw the fever and chose."""
    from desktop.excel.lists import LISTS
    from desktop.printing import feeds
    li, zhang = subject(gate, "李梅"), subject(gate, "张三")
    record(gate, li, "in", temperature=37.8, outcome="allowed")
    out = record(gate, li, "out", at=T0 + timedelta(minutes=12), outcome="allowed", note="去药店")
    back = record(gate, li, "in", at=T0 + timedelta(minutes=30), temperature=38.1, outcome="turned_back")
    plain = record(gate, zhang, "out", at=T0 + timedelta(minutes=40))
    said = "今日发热（08:00 37.8°C）后放行；去药店"
    assert [gate_log.entry(gate["db"], r).note for r in (out, back, plain)] == [
        said, "今日发热（08:00 37.8°C）后劝返", ""]
    _, rows = feeds.gate_log(gate["app"].register, "幸福里东门", T0.date())
    assert [(r.time, r.reason, r.outcome) for r in rows][1] == ("08:12", said, "放行")
    exported = list(LISTS["gate-log"].rows(gate["app"], T0.date(), None))
    assert [r[8] for r in exported] == [None, said, "今日发热（08:00 37.8°C）后劝返", None]


def test_a_passage_after_a_fever_of_another_day_says_its_day_and_every_one_is_handed_over(gate, qt_zh):
    """李梅's 37.8 at 23:50, her card of 23:59:58 answered 放行 at 00:00:03: her row, dated the
    next day, said 今日发热（23:50 …） and read the next morning pointed to that day. It says the
    fever's day now. The night handover finds those let through after a fever by the row, not
    by its words: hers, one written before (今日发热 alone says it) and one whose note was
    corrected since: that one said 发热后放行 alone, it says the fever's time the row keeps."""
    from ui.gate.day_words import handover_text
    db, li, zhang, ming = gate["db"], subject(gate, "李梅"), subject(gate, "张三"), subject(gate, "张小明")
    eve = T0 - timedelta(hours=8, minutes=10)              # the day before, 23:50
    midnight = T0 - timedelta(hours=8)
    record(gate, li, "in", at=eve, temperature=37.8, outcome="allowed")
    row = gate_log.record_passage(db, gate_log.Passage(li, "out", outcome="allowed"), gate["checkpoint"],
                                  midnight + timedelta(seconds=3), judged_at=midnight - timedelta(seconds=2))
    said = f"发热（{eve.month}月{eve.day}日23:50 37.8°C）后放行"
    assert gate_log.entry(db, row).note == said
    with db.transaction() as conn:                         # as an older version wrote it (no after_fever_at)
        conn.execute("INSERT INTO gate_log (id, at, direction, person_id, household_id, holder_name, outcome,"
                     " note, checkpoint_id) VALUES ('old', ?, 'out', ?, ?, '张三', 'allowed', ?, ?)",
                     ((midnight + timedelta(minutes=10)).isoformat(), zhang.person_id, zhang.household_id,
                      "今日发热（00:01 38.0°C）后放行", gate["checkpoint"].id))
    record(gate, ming, "in", at=midnight + timedelta(minutes=20), temperature=38.3, outcome="allowed")
    out = record(gate, ming, "out", at=midnight + timedelta(minutes=30), outcome="allowed")
    gate_log.void_entry(db, out, "备注写错了", corrected={"note": "去医院"})
    night = day_summary(db, midnight - timedelta(hours=2), midnight + timedelta(hours=6))
    assert [e.holder_name for e in night.after_fever] == ["李梅", "张三", "张小明"]
    text = handover_text(night, "幸福里东门")
    assert f"00:00 李梅 出 {said}" in text and "00:10 张三 出 今日发热（00:01 38.0°C）后放行" in text
    assert "00:30 张小明 出 今日发热（00:20）后放行" in text               # was 发热后放行: when?
    gate_log.void_entry(db, row, "备注写错了", corrected={"note": "买药"})         # another day's: its day
    text = handover_text(day_summary(db, midnight - timedelta(hours=2), midnight + timedelta(hours=6)), "幸福里东门")
    assert f"00:00 李梅 出 发热（{eve.month}月{eve.day}日23:50）后放行" in text


def test_household_rule_warns_and_the_guard_confirms(gate):
    set_household_rule(gate["db"], 1, 2)
    record(gate, subject(gate, "张三"), "out")
    wife = subject(gate, "李梅")
    assert gate_log.assess(gate["db"], wife, when=T0).rule_others == ("张三",)
    with pytest.raises(InputError) as e:
        record(gate, wife, "out", at=T0 + timedelta(minutes=5))
    assert e.value.field == "rule" and "张三" in e.value.message
    row = record(gate, wife, "out", at=T0 + timedelta(minutes=6), rule_confirmed=True)
    assert gate_log.entry(gate["db"], row).rule_exceeded
    # Zhang San himself may come back and go out again; the other household is not affected.
    record(gate, subject(gate, "王租客"), "out")
    # Three days later the window has passed.
    assert gate_log.assess(gate["db"], wife, "out", when=T0 + timedelta(days=2)).rule_others == ()


def test_correction_is_a_new_row_voiding_the_old(gate):
    db = gate["db"]
    s = subject(gate, "张三")
    row = record(gate, s, "in", temperature=36.6)
    with pytest.raises(InputError):
        gate_log.void_entry(db, row, "  ")
    fixed = gate_log.void_entry(db, row, "方向点错了", corrected={"direction": "out"}, when=T0 + timedelta(minutes=5))
    assert gate_log.entry(db, row).void_reason == "方向点错了"
    assert gate_log.entry(db, fixed).direction == "out"
    shown = {e.id: e.void_reason for e in gate_log.day_entries(db, T0.date().isoformat())}
    assert shown == {row: "方向点错了", fixed: ""}             # the voided row stays visible
    with db.transaction() as conn:         # (a reader would refuse any write: query_only)
        with pytest.raises(Exception, match="append-only"):
            conn.execute("UPDATE gate_log SET direction = 'in' WHERE id = ?", (row,))
    with pytest.raises(InputError):
        gate_log.void_entry(db, row, "again")
    assert gate_log.assess(db, s, when=T0 + timedelta(minutes=10)).direction == "in"    # the corrected row counts


def test_returning_visitor_is_recognised(gate):
    db = gate["db"]
    values = VisitorForm("刘师傅", "13900001234", "", "青山区", "维修水电", "3-2-501").validate()
    first = save_visitor(db, values)
    assert find_returning(db, phone="139 0000 1234".replace(" ", "")) == first
    again = save_visitor(db, VisitorForm("刘师傅", "13900001234", "", "洪山区", "送药", "3-1-101").validate())
    assert again.id == first.id and again.from_place == "洪山区"
    s = lookup(db, "lsf").subjects[0]
    assert s.kind == "visitor" and s.visitor_id == first.id
    with pytest.raises(Exception) as e:
        VisitorForm("", "", "", "", "", "").validate()
    assert set(e.value.by_field()) >= {"full_name", "reason", "visiting", "phone"}
    row = record(gate, visitor_subject(first, "维修水电", "3-2-501"), temperature=36.4)
    assert gate_log.entry(db, row).direction == "in"


def test_vehicle_by_plate_however_typed(gate):
    db = gate["db"]
    add_vehicle(db, "鄂A·12345", gate["households"][0].id)
    [s] = lookup(db, "鄂a 12345").subjects
    assert s.kind == "vehicle" and s.address == "幸福里小区 3栋2单元501"
    assert gate_log.assess(db, s, when=T0).direction == "out"
    record(gate, s, "out")
    assert gate_log.assess(db, vehicle_subject("鄂A12345"), when=T0 + timedelta(minutes=1)).direction == "in"
    assert lookup(db, "12345").subjects[-1].plate == "鄂A12345"


def test_day_summary_and_handover(gate, qt_zh):
    from ui.gate.day_words import handover_text
    db = gate["db"]
    record(gate, subject(gate, "张三"), "out")
    record(gate, subject(gate, "李梅"), "in", temperature=38.1, outcome="turned_back", at=T0 + timedelta(minutes=1))
    record(gate, subject(gate, "王租客"), "out", at=T0 + timedelta(minutes=2))
    record(gate, subject(gate, "王租客"), "in", temperature=36.2, at=T0 + timedelta(minutes=3))
    s = day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert (s.went_in, s.went_out, s.turned_back) == (1, 2, 1)
    assert [e.holder_name for e in s.out_not_back] == ["张三"]
    assert [e.holder_name for e in s.fevers] == ["李梅"]
    text = handover_text(s, "幸福里东门")
    assert "外出未归 1 人：张三" in text and "李梅 38.1°C 劝返" in text


def test_the_handover_note_for_the_chat_group_masks_a_phone_typed_in_a_reason(gate, qt_zh):
    """The handover note is copied into the chat group: a phone or ID number the volunteer
    typed into a green-channel reason must not go there whole."""
    from ui.gate.day_words import handover_text
    record(gate, subject(gate, "张三"), "out", override_reason="就医，家属电话 139 1234 5678")
    text = handover_text(day_summary(gate["db"], T0 - timedelta(hours=1), T0 + timedelta(hours=1)), "幸福里东门")
    assert "张三（就医，家属电话 139****5678）" in text and "1234 5678" not in text


def test_historical_rows_in_one_outer_transaction(gate):
    db = gate["db"]
    zhang = gate["people"]["张三"]
    rows = [gate_log.HistoricalEntry("张三", zhang.id_number, "2020/02/10 08:30", "出", "", "", ""),
            gate_log.HistoricalEntry("外卖小哥", "", "2020-02-10 09:00", "进", "36.5", "鄂A·12345", "送餐"),
            gate_log.HistoricalEntry("李四", "420106195803070016", "2020-02-10 10:00", "进", "38.2", "", ""),
            gate_log.HistoricalEntry("李四", "420106195803070016", "2020-02-10 11:00", "出", "", "", "")]
    with db.transaction():
        ids = [gate_log.record_historical_entry(db, r, gate["checkpoint"].id, row=n) for n, r in enumerate(rows, 2)]
    entries = [gate_log.entry(db, i) for i in ids]
    assert entries[0].person_id == zhang.id and entries[0].direction == "out"
    assert entries[1].plate == "鄂A12345" and entries[1].temperature == 36.5 and entries[1].note == "送餐"
    assert entries[2].fever and entries[2].outcome == ""        # paper had no outcome
    # Someone outside the register with an ID number becomes one visitor, recognised again;
    # the number is kept in the visitor record, never copied into the append-only log.
    assert entries[2].visitor_id and entries[3].visitor_id == entries[2].visitor_id
    with db.reading() as conn:
        assert "id_number" not in [r[1] for r in conn.execute("PRAGMA table_info(gate_log)")]
    with pytest.raises(InputError) as e:
        gate_log.record_historical_entry(db, gate_log.HistoricalEntry("王五", "", "昨天", "出", "373"), row=7)
    assert str(e.value).startswith("第7行") and "时间格式不对" in e.value.message and "小数点" in e.value.message


def test_entry_finds_by_id_digits_initials_and_address(gate):
    db, zhang = gate["db"], gate["people"]["张三"]
    assert "张三" in [s.name for s in lookup(db, zhang.id_number[-6:]).subjects]
    assert [s.name for s in lookup(db, "zs").subjects] == ["张三"]
    assert sorted(s.name for s in lookup(db, "3-2-501").subjects) == ["张三", "张小明", "李梅"]
    assert lookup(db, "nobody-here").subjects == ()


def test_a_plate_typed_at_the_gate_finds_the_visitor_who_came_by_that_car(gate):
    """王师傅 came by car on the 5th (the plate on his passage only). Typed at the gate when he
    came back, the plate said 「未登记车辆」: the lookup read the vehicle table (households' cars)
    alone. It finds him, says whose car it is, and a household's car is still the household's."""
    db = gate["db"]
    wang = save_visitor(db, VisitorForm("王师傅", "13900001234", "", "", "维修", "3-2-501").validate())
    earlier = T0 - timedelta(days=2)
    record(gate, visitor_subject(wang, "维修", "3-2-501"), "in", at=earlier, temperature=36.4,
           plate="鄂A88888")
    [s] = lookup(db, "鄂a·88888", today=T0.date()).subjects
    assert (s.kind, s.visitor_id, s.plate) == ("visitor", wang.id, "鄂A88888")
    assert s.found_by == f"访客 王师傅 的车（上次 {earlier.month}月{earlier.day}日）"
    with db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM vehicle").fetchone()[0] == 0
    # The plate's last digits, as a guard types an ID number's or a phone's end: him too.
    [s] = lookup(db, "88888", today=T0.date()).subjects
    assert (s.visitor_id, s.plate, s.found_by) == (wang.id, "鄂A88888", f"访客 王师傅 的车（上次 {earlier.month}月{earlier.day}日）")
    # Found by his phone's end and his plate's: listed once.
    record(gate, visitor_subject(wang), "out", at=earlier + timedelta(hours=1), plate="鄂A01234")
    assert [s.visitor_id for s in lookup(db, "01234", today=T0.date()).subjects] == [wang.id]
    # His son drove it today: both are offered, the latest first, each saying so.
    son = save_visitor(db, VisitorForm("王小军", "13900005555", "", "", "维修", "3-2-501").validate())
    record(gate, visitor_subject(son), "in", at=T0, temperature=36.4, plate="鄂A88888")
    assert [(s.name, s.found_by) for s in lookup(db, "鄂A88888", today=T0.date()).subjects] == [
        ("王小军", "访客 王小军 的车（上次 今天 08:00）"), ("王师傅", f"访客 王师傅 的车（上次 {earlier.month}月{earlier.day}日）")]
    # The same plate added as a household's car (they bought it): the household's, as before.
    add_vehicle(db, "鄂A88888", gate["households"][0].id)
    [s] = lookup(db, "鄂A88888", today=T0.date()).subjects
    assert s.kind == "vehicle" and s.address == "幸福里小区 3栋2单元501"
    # A plate nobody came by is still an unknown car.
    [s] = lookup(db, "鄂A77777", today=T0.date()).subjects
    assert s.kind == "vehicle" and not s.household_id and not s.visitor_id


def test_a_plate_from_long_ago_or_a_voided_passage_names_no_visitor(gate):
    db = gate["db"]
    wang = save_visitor(db, VisitorForm("王师傅", "13900001234", "", "", "维修", "3-2-501").validate())
    record(gate, visitor_subject(wang), "in", at=T0 - timedelta(days=60), temperature=36.4, plate="鄂A88888")
    row = record(gate, visitor_subject(wang), "in", at=T0, temperature=36.4, plate="鄂A66666")
    gate_log.void_entry(db, row, "登记错了人")
    assert [s.kind for s in lookup(db, "鄂A88888").subjects] == ["vehicle"]
    assert [s.kind for s in lookup(db, "鄂A66666").subjects] == ["vehicle"]


def test_the_handover_and_the_printed_sheet_give_a_visitor_s_plate(gate, tmp_path, qt_zh):
    """The handover note listed 访客尚未离开 without the car: the next shift did not know which
    car in the yard was a visitor's, nor (as the fever lines say it) whom each came to see."""
    from desktop.printing import feeds
    from ui.gate.day_words import handover_text
    db = gate["db"]
    wang = save_visitor(db, VisitorForm("王师傅", "13900001234", "", "", "维修", "3-2-501").validate())
    liu = save_visitor(db, VisitorForm("刘阿姨", "13900005678", "", "", "探望", "3-1-101").validate())
    record(gate, visitor_subject(wang, "维修", "3-2-501"), "in", temperature=36.4, plate="鄂A88888")
    record(gate, visitor_subject(liu, "探望", "3-1-101"), "in", at=T0 + timedelta(minutes=5), temperature=36.5)
    text = handover_text(day_summary(db, T0 - timedelta(hours=1), T0 + timedelta(hours=1)), "幸福里东门")
    assert "访客尚未离开 2 人：王师傅（08:00进，访：3-2-501，车牌 鄂A·88888）、刘阿姨（08:05进，访：3-1-101）" in text
    _, rows = feeds.gate_log(gate["app"].register, "幸福里东门", T0.date())
    assert [(r.name, r.plate) for r in rows] == [("王师傅", "鄂A88888"), ("刘阿姨", "")]
    from desktop.printing import gate_sheet
    from desktop.printing.records import Office
    from tests.printing.conftest import page_texts, squeeze
    gate_sheet.print_gate_log(tmp_path / "log.pdf", Office("幸福里社区居民委员会"), "幸福里东门", "2026-12-07", rows)
    assert "王师傅" in (printed := squeeze(page_texts(tmp_path / "log.pdf")[0])) and "鄂A88888" in printed


def test_the_printed_sheet_says_where_a_visitor_came_from_why_and_whom_they_visited(gate, tmp_path):
    """The paper log's 从何处来 and 事由/探访何人 columns were empty for every visitor."""
    from desktop.printing import feeds, gate_sheet
    from desktop.printing.records import Office
    from tests.printing.conftest import page_texts, squeeze
    db = gate["db"]
    wang = save_visitor(db, VisitorForm("王师傅", "13900001234", "", "青山区", "维修", "3-2-501").validate())
    record(gate, visitor_subject(wang, "维修", "3-2-501"), "in", temperature=36.4)
    _, rows = feeds.gate_log(gate["app"].register, "幸福里东门", T0.date())
    assert [(r.name, r.from_place, r.reason) for r in rows] == [("王师傅", "青山区", "维修 探访3-2-501")]
    gate_sheet.print_gate_log(tmp_path / "log.pdf", Office("幸福里社区居民委员会"), "幸福里东门", "2026-12-07", rows)
    printed = squeeze(page_texts(tmp_path / "log.pdf")[0])
    assert "青山区" in printed and "维修探访3-2-501" in printed


def test_a_number_in_a_name_of_the_household_rule_warning_is_masked_for_the_gate(gate):
    """A typed ledger's name cell 张三13912345678 (found by his ID number) went out; his wife
    going out was warned 超出规定…本户已有张三13912345678外出, the phone whole on a gate
    account's card and refusal. Now 张三139****5678 there, whole for the office."""
    from desktop.accounts import create_account, create_first_admin, login
    db, zhang, wife = gate["db"], gate["people"]["张三"], subject(gate, "李梅")
    set_household_rule(db, 1, 2)
    now = datetime.now().replace(microsecond=0)
    gate_log.record_historical_entry(db, gate_log.HistoricalEntry("张三13912345678", zhang.id_number,
                                                                  now - timedelta(minutes=5), "出"),
                                     gate["checkpoint"].id)
    create_first_admin(db, "书记", "admin-pass")
    login(db, "书记", "admin-pass")
    create_account(db, "老李", "gate", "gate-pass")
    assert gate_log.assess(db, wife, when=now).rule_others == ("张三13912345678",)
    login(db, "老李", "gate-pass")
    assert gate_log.assess(db, wife, when=now).rule_others == ("张三139****5678",)
    with pytest.raises(InputError) as e:
        record(gate, wife, "out", at=now)
    assert "本户已有张三139****5678外出" in e.value.message and "13912345678" not in e.value.message


def test_out_and_not_back_in_one_second_is_listed_in_one_order_on_every_machine(gate, monkeypatch, qt_zh):
    """Three went out in one second: the handover's 外出未归 and the day's list ordered them by the
    time alone, so each machine listed them in the order its rows came (and cut a long list at
    200 or 30 differently). They are ordered by (at, id), as the last passage is
    (db.bulk.last_passages); the ids here are not in the order the rows were written."""
    from ui.gate.day_words import handover_text
    ids = iter(["0190aaaa-0000-7000-8000-00000000000m", "0190aaaa-0000-7000-8000-00000000000z",
                "0190aaaa-0000-7000-8000-00000000000a"])
    monkeypatch.setattr(gate_log, "uuid7", lambda: next(ids))
    for name in ("张三", "李梅", "王租客"):
        record(gate, subject(gate, name), "out")
    s = day_summary(gate["db"], T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert [e.holder_name for e in s.out_not_back] == ["王租客", "张三", "李梅"]      # oldest first
    assert "外出未归 3 人：李梅（" in handover_text(s) and handover_text(s).index("张三（") < handover_text(s).index("王租客（")


def test_a_passage_dated_after_the_scan_does_not_turn_the_in_out_guess(gate, monkeypatch):
    """张三 went out at 8:00; a laptop whose clock runs three hours ahead synced his 11:00 进 in.
    Back at 9:00 he was guessed 出 (the 11:00 row read as his last): the guard's Enter would save
    him going out as he came in. The guess reads the passages up to the scan, the log's and the
    gate journal's alike (李梅's, kept while an import held the lock)."""
    from db.errors import WriterBusyError
    from desktop.gate import journal
    db, ahead, back = gate["db"], T0 + timedelta(hours=3), T0 + timedelta(hours=1)
    zhang, li = subject(gate, "张三"), subject(gate, "李梅")
    record(gate, zhang, "out", T0)
    record(gate, zhang, "in", ahead, temperature=36.5)
    record(gate, li, "out", T0)

    def busy(*, wait=None):
        raise WriterBusyError(str(db.path))
    monkeypatch.setattr(db, "transaction", busy)
    monkeypatch.setattr(journal, "_start_flusher", lambda db: None)
    record(gate, li, "in", ahead, temperature=36.5)
    assert journal.pending(db) == 1
    for s in (zhang, li):
        a = gate_log.assess(db, s, when=back)
        assert a.direction == "in" and a.last_at == T0.isoformat(timespec="seconds")
