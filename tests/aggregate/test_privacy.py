"""Privacy by level (desktop/aggregate/privacy.py): what goes upward is cut down while the
package is made; a counts-only package, decrypted, carries no name, ID number or phone, and
still gives the street the community's own figures."""
import random
import re

import pytest

from db.connection import Database
from desktop.aggregate.privacy import COUNTS, FULL, LISTS, set_upward_level, upward_level
from desktop.aggregate.street import Street, community_figures
from desktop.audit import audit_trail
from desktop.sync.envelope import read_package
from desktop.sync.exchange import export_package
from desktop.sync.mailbox import list_packages
from tests.aggregate.communities import DAY, Community, populate

ID_18 = re.compile(rb"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
PHONE_11 = re.compile(rb"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")


@pytest.fixture
def community(tmp_path):
    db = Database(tmp_path / "office.db", config_file=tmp_path / "office.json", user_name="王干事")
    c = Community("c-hexie", "和谐社区", "和谐 社区 上报 口令", db)
    populate(db, c, random.Random(3), households=12)
    yield c
    db.close()


def decrypted(folder, c) -> bytes:
    [package], _ = list_packages(folder)
    _, payload = read_package(package.path, c.passphrase, c.id)
    return bytes(payload)


def leaks(data: bytes, c) -> dict:
    return {"names": [n for n in c.names if n.encode() in data],
            "id_numbers": [i for i in c.id_numbers if i.encode() in data] + [m.decode() for m in ID_18.findall(data)],
            "phones": [p for p in c.phones if p.encode() in data] + [m.decode() for m in PHONE_11.findall(data)]}


def test_a_counts_only_package_carries_no_name_id_number_or_phone(community, tmp_path):
    c = community
    full, counts, lists = tmp_path / "full", tmp_path / "counts", tmp_path / "lists"
    for f in (full, counts, lists):
        f.mkdir()
    export_package(c.office, full, c.passphrase)
    export_package(c.office, counts, c.passphrase, level=COUNTS)
    export_package(c.office, lists, c.passphrase, level=LISTS)
    # The scan finds them in a full package (it can fail) ...
    found = leaks(decrypted(full, c), c)
    assert found["names"] and found["id_numbers"] and found["phones"]
    # ... and nothing at all in the counts-only one, nor the staff member's name.
    data = decrypted(counts, c)
    assert leaks(data, c) == {"names": [], "id_numbers": [], "phones": []}
    assert "王干事".encode() not in data
    # The lists level keeps names for the lists above, never ID numbers or phones.
    found = leaks(decrypted(lists, c), c)
    assert found["names"] and not found["id_numbers"] and not found["phones"]


def test_counts_only_still_gives_the_street_the_communitys_own_figures(community, tmp_path):
    c = community
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(c.office, stick, c.passphrase, level=COUNTS)
    with Street(tmp_path / "street") as street:
        got = street.ingest(stick, {c.id: c.passphrase}.get)
        assert (got.packages, got.refused) == (1, [])
        assert street.figures(DAY) == {c.id: community_figures(c.office, DAY)}
        with street.replica(c.id).reading() as conn:
            assert conn.execute("SELECT count(*) FROM person WHERE full_name IS NOT NULL OR id_number IS NOT NULL"
                                " OR phone IS NOT NULL").fetchone()[0] == 0


def test_the_admins_choice_is_kept_and_every_upward_package_is_audited(community, tmp_path):
    c = community
    assert upward_level(c.office) == COUNTS              # nothing chosen: the least
    set_upward_level(c.office, LISTS)
    assert upward_level(c.office) == LISTS
    with pytest.raises(ValueError):
        set_upward_level(c.office, "everything")
    export_package(c.office, tmp_path, c.passphrase, level=upward_level(c.office))
    export_package(c.office, tmp_path, c.passphrase, level=FULL)
    entries = [e for e in audit_trail(c.office, changes=False) if e.action == "export"]
    assert [(e.what, e.masked) for e in entries] == [("上报同步包：名单（不含身份证号、电话）", True),
                                                     ("上报同步包：全部数据", False)]
    assert entries[0].people == len(c.person_ids) and entries[0].user_name == "王干事"


def test_a_lists_package_is_taken_by_the_street_with_names_and_sex(community, tmp_path):
    # At the lists level a person's ID group keeps only the sex; the street refused every such
    # package ("NOT NULL constraint failed: person.id_type") and showed nothing of the community.
    c = community
    with c.office.transaction() as conn:
        conn.execute("UPDATE person SET sex = 'F' WHERE id = ?", (c.person_ids[1],))
    stick = tmp_path / "stick"
    stick.mkdir()
    export_package(c.office, stick, c.passphrase, level=LISTS)
    with Street(tmp_path / "street") as street:
        got = street.ingest(stick, {c.id: c.passphrase}.get)
        assert (got.packages, got.refused) == (1, [])
        assert street.figures(DAY) == {c.id: community_figures(c.office, DAY)}
        with street.replica(c.id).reading() as conn:
            assert conn.execute("SELECT full_name, sex, id_number FROM person WHERE id = ?",
                                (c.person_ids[1],)).fetchone() == (c.names[1], "F", None)
    assert not leaks(decrypted(stick, c), c)["id_numbers"]


def test_no_level_cuts_a_required_column_out_of_a_group_it_sends(tmp_path):
    """A group sent in part is written whole at the receiver, the columns left out as NULL."""
    from db.sync.registry import SYNC_TABLES
    from desktop.aggregate.privacy import allowed_columns
    db = Database(tmp_path / "x.db", config_file=tmp_path / "x.json")
    with db.reading() as conn:
        for level in (LISTS, COUNTS):
            allowed = allowed_columns(level)
            for t in SYNC_TABLES.values():
                keep = allowed.get(t.name)
                if not keep or t.kind != "lww":
                    continue
                info = {r[1]: r[3] for r in conn.execute(f"PRAGMA table_info({t.name})") if r[1] != "id"}
                for column, not_null in info.items():
                    group = [c for c in info if t.group_of(c) == t.group_of(column)]
                    if not_null and column not in keep and any(c in keep for c in group):
                        pytest.fail(f"{level}: {t.name}.{column} is cut from a group it sends")
    db.close()
