"""The read-ahead thread a package's parts come through (desktop/sync/ahead.py)."""
import threading

import pytest

from desktop.sync.ahead import read_ahead


def test_items_come_in_order_and_all_of_them():
    assert list(read_ahead(iter(range(50)), depth=2)) == list(range(50))


def test_a_refusal_while_reading_comes_after_the_items_before_it():
    def parts():
        yield "part 1"
        yield "part 2"
        raise ValueError("第 3 部分损坏")

    got = []
    with pytest.raises(ValueError, match="第 3 部分损坏"):
        for item in read_ahead(parts()):
            got.append(item)
    assert got == ["part 1", "part 2"]


def test_leaving_early_stops_the_reader_and_closes_the_source():
    made, closed = [], threading.Event()

    def parts():
        try:
            for n in range(1000):
                made.append(n)
                yield n
        finally:
            closed.set()

    ahead = read_ahead(parts(), depth=2)
    assert next(ahead) == 0
    ahead.close()                       # the merge refused the package: stop reading it
    assert closed.is_set()
    assert len(made) <= 4               # the one taken, two waiting, the one being made
    assert not any(t.name == "menshen-read-ahead" and t.is_alive() for t in threading.enumerate())


def test_the_next_part_is_made_while_the_consumer_works_on_one():
    second_made = threading.Event()

    def parts():
        yield 1
        second_made.set()
        yield 2

    for item in read_ahead(parts()):
        if item == 1:
            # Read one by one, part 2 would be made only after this one is written.
            assert second_made.wait(timeout=10)
