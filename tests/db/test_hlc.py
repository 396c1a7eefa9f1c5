"""The hybrid logical clock: stamps never go backwards, whatever the PC's clock does."""
import time
import uuid

from db.sync import hlc
from db.sync.hlc import COUNTER_MAX, HybridClock, pack, unpack

HOUR = 3_600_000
T0 = 1_580_000_000_000          # 2020-01-26, in ms


class FakeWall:
    """A wall clock the test sets by hand (a volunteer fixing the date, a dead CMOS battery)."""

    def __init__(self, ms: int = T0):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def strictly_increasing(stamps: list[int]) -> bool:
    return all(a < b for a, b in zip(stamps, stamps[1:]))


def test_pack_and_unpack_round_trip():
    assert unpack(pack(T0, 0)) == (T0, 0)
    assert unpack(pack(T0, COUNTER_MAX)) == (T0, COUNTER_MAX)
    assert pack(T0, COUNTER_MAX) < pack(T0 + 1, 0)


def test_now_follows_the_wall_clock_when_it_moves_forward():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    first = clock.now()
    assert unpack(first) == (T0, 0)
    wall.ms += 5
    assert unpack(clock.now()) == (T0 + 5, 0)


def test_same_millisecond_uses_the_counter():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    stamps = [clock.now() for _ in range(5)]
    assert [unpack(s) for s in stamps] == [(T0, i) for i in range(5)]


def test_monotonic_when_the_wall_clock_jumps_back_an_hour():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    stamps = []
    for _ in range(200):
        wall.ms += 1
        stamps.append(clock.now())
    high = stamps[-1]
    wall.ms -= HOUR                             # someone sets the PC clock back
    for _ in range(2000):
        wall.ms += 1
        stamps.append(clock.now())
    assert strictly_increasing(stamps)
    # While the wall is behind, the millisecond part stays at the newest one seen.
    assert all(unpack(s)[0] == unpack(high)[0] for s in stamps[200:])
    assert clock.wall_behind_by_ms() > HOUR - 3000
    # Once the wall passes the old stamps again, stamps follow it with a fresh counter.
    wall.ms += HOUR
    after = clock.now()
    assert after > stamps[-1]
    assert unpack(after) == (wall.ms, 0)
    assert clock.wall_behind_by_ms() == 0


def test_monotonic_over_a_wall_clock_that_wobbles():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    stamps = []
    for i in range(3000):
        wall.ms += (7 if i % 3 else -20)        # back and forth
        stamps.append(clock.now())
    assert strictly_increasing(stamps)


def test_recv_of_a_stamp_far_in_the_future_orders_later_stamps_after_it():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    clock.now()
    remote = pack(T0 + 30 * 24 * HOUR, 17)      # a peer whose clock is a month ahead
    got = clock.recv(remote)
    assert got > remote
    assert unpack(got) == (T0 + 30 * 24 * HOUR, 18)
    later = [clock.now() for _ in range(100)]
    assert later[0] > got
    assert strictly_increasing([remote, got, *later])


def test_recv_of_an_old_stamp_still_moves_forward():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    before = clock.now()
    got = clock.recv(pack(T0 - HOUR, 999))
    assert got > before
    assert clock.now() > got


def test_recv_with_the_same_millisecond_takes_the_larger_counter():
    wall = FakeWall()
    clock = HybridClock(pack(T0 + 10, 4), wall=wall)   # our last stamp is ahead of the wall
    got = clock.recv(pack(T0 + 10, 9))
    assert unpack(got) == (T0 + 10, 10)
    clock2 = HybridClock(pack(T0 + 10, 12), wall=wall)
    assert unpack(clock2.recv(pack(T0 + 10, 9))) == (T0 + 10, 13)


def test_recv_when_the_wall_is_newest_resets_the_counter():
    wall = FakeWall(T0 + 100)
    clock = HybridClock(pack(T0, 50), wall=wall)
    assert unpack(clock.recv(pack(T0 + 50, 70))) == (T0 + 100, 0)


def test_counter_overflow_advances_the_millisecond():
    wall = FakeWall()
    clock = HybridClock(pack(T0, COUNTER_MAX), wall=wall)
    got = clock.now()
    assert got > pack(T0, COUNTER_MAX)
    assert unpack(got) == (T0 + 1, 0)
    assert clock.now() > got


def test_many_stamps_in_one_millisecond_stay_monotonic_across_overflow():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    stamps = [clock.now() for _ in range(COUNTER_MAX + 1 + 500)]
    assert strictly_increasing(stamps)
    assert len(set(stamps)) == len(stamps)
    assert unpack(stamps[COUNTER_MAX]) == (T0, COUNTER_MAX)
    assert unpack(stamps[COUNTER_MAX + 1]) == (T0 + 1, 0)


def test_recv_of_a_stamp_with_a_full_counter_does_not_overflow_into_garbage():
    wall = FakeWall()
    clock = HybridClock(wall=wall)
    remote = pack(T0 + HOUR, COUNTER_MAX)
    got = clock.recv(remote)
    assert got > remote
    assert unpack(got) == (T0 + HOUR + 1, 0)
    assert clock.now() > got


def test_starting_from_a_persisted_stamp_never_repeats_it():
    last = pack(T0 + HOUR, 3)
    clock = HybridClock(last, wall=FakeWall(T0))      # the wall is an hour behind
    assert clock.last == last
    assert clock.now() > last


# -- persistence through the database ---------------------------------------------------------

def _write_some(database, n: int) -> None:
    from desktop.register import Register
    reg = Register(database)
    for i in range(n):
        reg.add_compound(f"小区{uuid.uuid4().hex[:10]}")


def _max_hlc(database) -> int:
    return database.conn.execute("SELECT max(hlc) FROM sync_change").fetchone()[0]


def test_stamps_after_reopening_are_newer_even_if_the_clock_was_set_back(opener, monkeypatch):
    first = opener()
    _write_some(first, 5)
    before = _max_hlc(first)
    first.close()

    real = time.time()
    # The PC's clock is set back by a day before the program starts again.
    monkeypatch.setattr(hlc.time, "time", lambda: real - 24 * 3600)
    monkeypatch.setattr(hlc, "wall_ms", lambda: int((real - 24 * 3600) * 1000))
    again = opener()
    assert again.clock.last >= before
    assert again.clock.wall_behind_by_ms() > 23 * HOUR     # the clock does see the wall behind
    rows_before = again.conn.execute("SELECT count(*) FROM sync_change").fetchone()[0]
    _write_some(again, 5)
    new = [r[0] for r in again.conn.execute(
        "SELECT hlc FROM sync_change ORDER BY seq").fetchall()[rows_before:]]
    assert len(new) == 5
    assert min(new) > before
    assert strictly_increasing(new)
    # The site's remembered stamp moved on with the writes.
    hlc_last = again.conn.execute("SELECT hlc_last FROM sync_site WHERE is_current = 1").fetchone()[0]
    assert hlc_last == max(new)


def test_reopening_starts_from_the_larger_of_hlc_last_and_the_change_log(opener):
    first = opener()
    _write_some(first, 2)
    ahead = pack(unpack(_max_hlc(first))[0] + 10 * HOUR, 0)
    # hlc_last may be ahead of the log (a stamp received from a peer with a fast clock).
    first.conn.execute("UPDATE sync_site SET hlc_last = ? WHERE is_current = 1", (ahead,))
    first.close()
    again = opener()
    assert again.clock.last >= ahead
    _write_some(again, 1)
    assert _max_hlc(again) > ahead


def test_every_change_in_the_log_has_a_unique_increasing_stamp(db):
    _write_some(db, 30)
    rows = db.conn.execute("SELECT seq, hlc FROM sync_change ORDER BY seq").fetchall()
    assert len(rows) == 30
    assert strictly_increasing([h for _, h in rows])


def test_a_batch_of_stamps_is_consecutive_and_the_clock_moves_past_it():
    wall = [1_000]
    clock = HybridClock(wall=lambda: wall[0])
    first = clock.take(70_000)                      # more than one millisecond's counter
    assert unpack(first) == (1_000, 0)
    last = first + 70_000 - 1
    assert unpack(last)[0] == 1_001                 # the counter carried into the millisecond
    assert clock.now() == last + 1
    assert clock.take(3) == last + 2 and clock.now() == last + 5
