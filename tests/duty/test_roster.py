"""People on duty and their rosters: overlapping shifts refused, who is on duty now, hours
served per person and per unit summed correctly across midnight."""
from datetime import date, datetime

import pytest

from desktop.duty.records import OnDuty
from desktop.duty.roster import on_duty_at, parse_clock
from desktop.errors import InputErrors

DAY = date(2020, 2, 10)


def test_people_on_duty_with_their_unit_and_checks(duty, crew):
    li = crew["李干部"]
    assert (li.kind, li.unit_name, li.compound_name) == ("sunk_cadre", "区财政局", "幸福里小区")
    with pytest.raises(InputErrors) as e:
        duty.add_person("钱干部", "138", "sunk_cadre")
    assert set(e.value.by_field()) == {"phone", "unit_name"}
    with pytest.raises(InputErrors, match="已经登记过了"):
        duty.add_person("张志愿", "138 0000 0001", "volunteer")
    assert [p.full_name for p in duty.people(kind="sunk_cadre")] == ["李干部", "王干部"]
    assert [p.full_name for p in duty.people(search="驾驶")] == ["张志愿"]


def test_overlapping_shifts_of_one_person_are_refused(roster, crew, gate, small_community):
    zhang = crew["张志愿"]
    roster.add_shift(zhang.id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)
    # 05:00 the next morning is still inside the night shift.
    with pytest.raises(InputErrors) as e:
        roster.add_shift(zhang.id, "care_round", date(2020, 2, 11), "05:00", "09:00",
                         compound_id=small_community["compound"].id)
    message = e.value.errors[0].message
    assert "张志愿在02月10日 22:00–次日06:00已经排了幸福里小区大门卡口值守" in message
    assert "时间重叠" in message
    # Back to back is fine, and another person may take the same hours.
    roster.add_shift(zhang.id, "gate", date(2020, 2, 11), "06:00", "08:00", checkpoint_id=gate.id)
    roster.add_shift(crew["李干部"].id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)
    assert len(roster.week(DAY)) == 3


def test_bad_shift_input_in_chinese(roster, crew, gate):
    with pytest.raises(InputErrors) as e:
        roster.add_shift(crew["张志愿"].id, "gate", DAY, "25:00", "8点半")
    assert e.value.by_field() == {"checkpoint_id": "卡口值守请选择哪个卡口。", "start": "没有这个时间：25:00"}
    assert parse_clock("8点半", "x").strftime("%H:%M") == "08:30"
    assert parse_clock("2230", "x").strftime("%H:%M") == "22:30"


def test_hours_summed_across_midnight_by_person_and_unit(roster, crew, gate, small_community):
    li, wang = crew["李干部"], crew["王干部"]
    roster.add_shift(li.id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)           # 8 h over midnight
    roster.add_shift(li.id, "gate", date(2020, 2, 11), "14:00", "18:30", checkpoint_id=gate.id)   # 4.5 h
    roster.add_shift(wang.id, "care_round", date(2020, 2, 11), "23:30", "00:30",
                     compound_id=small_community["compound"].id)                           # 1 h over midnight
    missed = roster.add_shift(crew["赵网格"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    roster.set_absent(missed.id)

    week = roster.hours(datetime(2020, 2, 10), datetime(2020, 2, 17))
    assert [(h.label, h.shifts, h.hours) for h in week] == [("李干部", 2, 12.5), ("王干部", 1, 1.0)]
    by_unit = roster.hours(datetime(2020, 2, 10), datetime(2020, 2, 17), by="unit")
    assert [(h.label, h.hours) for h in by_unit] == [("区财政局", 13.5)]
    # One day at a time, the night shift splits at midnight: 2 h on the 10th, 6 h on the 11th.
    assert [(h.label, h.hours) for h in roster.hours(datetime(2020, 2, 10), datetime(2020, 2, 11))] == [("李干部", 2.0)]
    day11 = roster.hours(datetime(2020, 2, 11), datetime(2020, 2, 12))
    assert [(h.label, h.hours) for h in day11] == [("李干部", 10.5), ("王干部", 0.5)]


def test_who_is_on_duty_at_the_gate_now(app_ctx, roster, crew, gate):
    roster.add_shift(crew["张志愿"].id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)
    roster.add_shift(crew["李干部"].id, "gate", DAY, "20:00", "23:00", checkpoint_id=gate.id)
    assert on_duty_at(app_ctx.db, gate.id, datetime(2020, 2, 10, 22, 30)) == OnDuty(("李干部", "张志愿"),
                                                                                   datetime(2020, 2, 10, 23, 0))
    assert on_duty_at(app_ctx.db, gate.id, datetime(2020, 2, 11, 5, 59)) == OnDuty(("张志愿",),
                                                                                  datetime(2020, 2, 11, 6, 0))
    assert on_duty_at(app_ctx.db, gate.id, datetime(2020, 2, 11, 6, 0)) is None


def test_the_next_shift_is_on_duty_from_its_first_second(app_ctx, roster, crew, gate):
    roster.add_shift(crew["李干部"].id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    roster.add_shift(crew["王干部"].id, "gate", DAY, "16:00", "22:00", checkpoint_id=gate.id)
    for second in (0, 1, 30, 59):
        at = datetime(2020, 2, 10, 16, 0, second, 500_000)
        assert on_duty_at(app_ctx.db, gate.id, at) == OnDuty(("王干部",), datetime(2020, 2, 10, 22, 0)), at
    assert on_duty_at(app_ctx.db, gate.id, datetime(2020, 2, 10, 15, 59, 59)) == OnDuty(("李干部",),
                                                                                      datetime(2020, 2, 10, 16, 0))


def test_hours_exported_for_the_street_office(app_ctx, roster, crew, gate, tmp_path, capsys):
    from openpyxl import load_workbook
    from desktop import cli
    roster.add_shift(crew["李干部"].id, "gate", DAY, "22:00", "06:00", checkpoint_id=gate.id)
    roster.add_shift(crew["王干部"].id, "gate", date(2020, 2, 16), "20:00", "02:00", checkpoint_id=gate.id)
    out = tmp_path / "时长.xlsx"
    assert cli.main(["export", "duty-hours", "--db", str(app_ctx.db.path), "--to", str(out),
                     "--date", "2020-02-10", "--until", "2020-02-16"]) == 0
    assert "已导出4行" in capsys.readouterr().out
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows(min_row=3)]
    # 王干部's shift runs past the period's end at midnight of the 16th: 4 of its 6 hours count.
    # Without a login (the command's default) the phones were whole: the sheet goes to the
    # street office, masked as the duty page's box starts it, whole only with --full.
    assert rows == [["个人", "李干部", "下沉干部", "区财政局", "138****0002", 1, 8],
                    ["个人", "王干部", "下沉干部", "区财政局", "138****0003", 1, 4],
                    ["单位合计", "区财政局", None, "区财政局", None, 2, 12],
                    ["总计", None, None, None, None, 2, 12]]
    # The heading names the whole period, not its first day alone (the street read a week's
    # hours as one day's); without --until the period is the week from --date.
    assert load_workbook(out).active["A1"].value.endswith("值守时长统计（2020年2月10日至2020年2月16日）（已隐去证件号码和电话）")
    assert cli.main(["export", "duty-hours", "--db", str(app_ctx.db.path), "--to", str(tmp_path / "周.xlsx"),
                     "--date", "2020-02-10"]) == 0
    assert "（2020年2月10日至2020年2月16日）" in load_workbook(tmp_path / "周.xlsx").active["A1"].value
    assert cli.main(["export", "duty-hours", "--db", str(app_ctx.db.path), "--to", str(out), "--date", "2020-02-10",
                     "--full", "--reason", "报街道核对"]) == 0
    assert [c.value for c in load_workbook(out).active[3]][4] == "13800000002"
