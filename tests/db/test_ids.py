"""Row ids: a membership id made on one machine must be the same on every other, forever."""
import uuid

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
