"""The office merges the two entries of 张志愿 (the laptop registered him too); before the merge
reaches the laptop, the laptop rosters him on its own entry and records a door he canvassed.
After USB sync both ways, both machines list him once, with every shift and hour and every
canvass result under the one entry: the merge is a replicated duty_merge row that every machine
settles whenever the rows naming the merged-away entry arrive (db/sync/duty_merge.py)."""
from datetime import date

from db.sync.merge import open_conflicts
from desktop.canvass.rounds import CanvassBook
from desktop.duty.duplicates import merge_people
from desktop.duty.people import DutyBook
from desktop.duty.roster import Roster
from desktop.register import Register
from tests.duty.test_duplicate_people import WEEK, _zhangs
from tests.duty.test_overlaps_after_sync import exchange, laptop  # noqa: F401 (a fixture)

DAY = date(2020, 2, 10)


def test_what_the_laptop_does_on_the_merged_away_entry_counts_for_the_one_kept(
        app_ctx, laptop, tmp_path, crew, gate, small_community):  # noqa: F811
    stick = tmp_path / "stick"
    stick.mkdir()
    office = crew["张志愿"]
    rnd = CanvassBook(app_ctx.db, app_ctx.register).create_round("第一轮摸排", DAY)
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    exchange(app_ctx.db, laptop, stick)
    exchange(laptop, app_ctx.db, stick)                       # both machines hold both entries
    first, second = [r.household_id for r in CanvassBook(laptop, Register(laptop)).roll(rnd.id)][:2]

    Roster(app_ctx.db).add_shift(office.id, "gate", DAY, "08:00", "16:00", checkpoint_id=gate.id)
    CanvassBook(app_ctx.db, app_ctx.register).record_result(rnd.id, first, "visited", DAY, canvasser_id=office.id)
    merge_people(app_ctx.db, office.id, own.id)
    # Meanwhile the laptop, not knowing, rosters and canvasses on its own entry.
    Roster(laptop).add_shift(own.id, "care_round", date(2020, 2, 11), "08:00", "12:00",
                             compound_id=small_community["compound"].id)
    CanvassBook(laptop, Register(laptop)).record_result(rnd.id, second, "nobody_home", DAY, canvasser_id=own.id)
    exchange(laptop, app_ctx.db, stick)
    exchange(app_ctx.db, laptop, stick)

    for db in (app_ctx.db, laptop):
        (kept,) = _zhangs(db)
        assert kept.id == office.id
        (hours,) = [h for h in Roster(db).hours(*WEEK) if h.label == "张志愿"]     # one line, not two
        assert (hours.shifts, hours.hours) == (2, 12)
        book = CanvassBook(db, Register(db))
        assert [book.result(rnd.id, h).canvasser_id for h in (first, second)] == [office.id, office.id]
        (line,) = book.progress(rnd.id, "canvasser", DAY)
        assert (line.label, line.visited, line.nobody_home) == ("张志愿", 1, 1)


def test_two_machines_merging_the_pair_each_way_leave_nothing_to_decide(
        app_ctx, laptop, tmp_path, crew):  # noqa: F811
    stick = tmp_path / "stick"
    stick.mkdir()
    office = crew["张志愿"]
    own = DutyBook(laptop).add_person("张志愿", "13800000001", "volunteer")
    exchange(app_ctx.db, laptop, stick)
    exchange(laptop, app_ctx.db, stick)
    merge_people(app_ctx.db, office.id, own.id)
    merge_people(laptop, own.id, office.id)
    exchange(laptop, app_ctx.db, stick)
    exchange(app_ctx.db, laptop, stick)
    for db in (app_ctx.db, laptop):
        assert [p.id for p in _zhangs(db)] == [office.id]
        with db.reading() as conn:
            assert open_conflicts(conn) == set()
