"""Row ids: a membership id made on one machine must be the same on every other, forever."""
import os
import uuid

import pytest

from db.sync.ids import MENSHEN_NAMESPACE, natural_id, uuid7


def test_natural_id_is_the_uuid5_of_the_name_on_every_machine():
    household, person = "0190aaaa-0000-7000-8000-000000000001", "0190aaaa-0000-7000-8000-000000000002"
    expected = uuid.uuid5(MENSHEN_NAMESPACE, f"membership:{household}:{person}")
    assert natural_id("membership", household, person) == str(expected)
    # A value written down once: ids in existing databases must never change.
    assert natural_id("membership", "a", "b") == "36a2f5b6-fafe-58ee-9fbe-f837fa639f7f"
    assert natural_id("checkpoint", "幸福里", "东门") == str(uuid.uuid5(MENSHEN_NAMESPACE, "checkpoint:幸福里:东门"))


def test_uuid7_is_a_version_7_uuid_in_time_order():
    ids = [uuid7(unix_ms=1_700_000_000_000 + i) for i in range(50)]
    assert all(uuid.UUID(i).version == 7 and str(uuid.UUID(i)) == i for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == 50


def test_ids_made_in_one_millisecond_or_after_the_clock_stepped_back_keep_the_order_they_were_made(monkeypatch):
    # One import makes its households within a few milliseconds: the first behind a shared door
    # (the one a later import's members join) and the heads a message lists must follow the
    # ledger's rows, not the ids' random bits.
    import db.sync.ids as ids_module
    now = [1_700_000_000.0]
    monkeypatch.setattr(ids_module.time, "time", lambda: now[0])
    monkeypatch.setattr(ids_module, "_last", (0, 0))        # as in a process just started
    made = []
    for second, count in ((1_700_000_000.0, 400), (1_699_999_999.0, 100), (1_700_000_001.0, 100)):
        now[0] = second                                    # one millisecond; back a second; on
        made += [uuid7() for _ in range(count)]
    assert made == sorted(made) and len(set(made)) == 600
    parsed = [uuid.UUID(i) for i in made]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    # still the millisecond it was made in (not pushed far ahead by the counting)
    assert {u.int >> 80 for u in parsed[:500]} <= {1_700_000_000_000, 1_700_000_000_001}
    assert parsed[-1].int >> 80 == 1_700_000_001_000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_process_forked_from_this_one_makes_ids_of_its_own(monkeypatch):
    # Random bytes are read from the system a few thousand at a time: a child made by fork
    # must not hand out the ids its parent is about to make (same millisecond, same bytes).
    import db.sync.ids as ids_module
    monkeypatch.setattr(ids_module.time, "time", lambda: 1_700_000_000.0)
    uuid7()                                              # the pool holds bytes now
    read, write = os.pipe()
    child = os.fork()
    if child == 0:                                       # pragma: no cover - the child
        os.write(write, " ".join(uuid7() for _ in range(3)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    theirs = os.read(read, 4096).decode().split()
    os.close(read)
    mine = [uuid7() for _ in range(3)]
    assert len(theirs) == 3 and not set(theirs) & set(mine)
