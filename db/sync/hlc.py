"""Hybrid logical clock (SYNC.md 9.3): wall clocks are for humans, HLCs are for ordering.

A stamp is one integer, ``(unix_ms << 16) | counter``. It never goes backwards, even when the
PC's clock does (a dead CMOS battery, a volunteer fixing the date by hand): the counter moves
on instead. When the counter would overflow, the millisecond part advances by one, which is
still monotonic and avoids an exception when a skewed peer has pushed us ahead of the wall.
"""
import time
from typing import Callable

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MAX


def wall_ms() -> int:
    return int(time.time() * 1000)


class HybridClock:
    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_ms):
        self._wall = wall
        self.l, self.c = unpack(last)

    @property
    def last(self) -> int:
        return pack(self.l, self.c)

    def _set(self, l: int, c: int) -> int:
        if c > COUNTER_MAX:
            l, c = l + 1, 0
        self.l, self.c = l, c
        return pack(l, c)

    def now(self) -> int:
        """A new stamp for a local event, greater than every stamp issued or seen before."""
        pt = self._wall()
        if pt > self.l:
            return self._set(pt, 0)
        return self._set(self.l, self.c + 1)

    def catch_up(self, stamp: int) -> None:
        """Make the next stamp greater than ``stamp`` (one issued by another writer of this file)."""
        if stamp > self.last:
            self.l, self.c = unpack(stamp)

    def take(self, count: int) -> int:
        """The first of ``count`` consecutive new stamps (a batch of changes); the clock moves
        past the last. Adding to the packed stamp carries a full counter into the millisecond,
        which is the overflow rule of ``now``."""
        first = self.now()
        self.l, self.c = unpack(first + count - 1)
        return first

    def recv(self, remote: int) -> int:
        """Take in a stamp from another machine so our next stamp orders after it."""
        pt = self._wall()
        rl, rc = unpack(remote)
        l = max(self.l, pt, rl)
        if l == self.l == rl:
            c = max(self.c, rc) + 1
        elif l == self.l:
            c = self.c + 1
        elif l == rl:
            c = rc + 1
        else:
            c = 0
        return self._set(l, c)

    def wall(self) -> int:
        """This PC's wall clock in ms (the one the clock reads; tests hand in their own)."""
        return self._wall()

    def wall_behind_by_ms(self) -> int:
        """How far the wall clock is behind the newest stamp (0 when it is not)."""
        return max(0, self.l - self._wall())
