"""Site identity: a copied or restored database file must never write under the old site id."""
import json
import re
import shutil

from desktop.register import Register


def sites(database) -> list[tuple]:
    return database.conn.execute(
        "SELECT site_id, site_code, is_current, next_seq, retired_reason FROM sync_site ORDER BY rowid").fetchall()


def change_keys(database) -> list[tuple]:
    return database.conn.execute("SELECT site_id, seq FROM sync_change ORDER BY hlc").fetchall()


def test_a_new_database_mints_a_site(db, tmp_path):
    assert db.site.minted_because == "new"
    assert re.fullmatch(r"S[0-9A-F]{4}", db.site.site_code)
    assert db.site.role == "office"
    rows = sites(db)
    assert len(rows) == 1 and rows[0][0] == db.site.site_id and rows[0][2] == 1
    config = json.loads((tmp_path / "site.json").read_text("utf-8"))
    assert db.site.site_id in [v["site_id"] for v in config["databases"].values()]


def test_reopening_with_the_same_config_keeps_the_site(opener):
    first = opener()
    Register(first).add_compound("幸福里")
    site = first.site
    first.close()
    for _ in range(3):
        again = opener()
        assert again.site.site_id == site.site_id
        assert again.site.site_code == site.site_code
        assert again.site.minted_because == ""
        assert len(sites(again)) == 1
        again.close()
    again = opener()
    Register(again).add_compound("王家湾组")
    assert change_keys(again) == [(site.site_id, 1), (site.site_id, 2)]


def test_a_copy_opened_on_another_pc_mints_a_new_site(opener, tmp_path):
    pc1 = opener()
    Register(pc1).add_compound("幸福里")
    Register(pc1).add_compound("王家湾组")
    old = pc1.site
    pc1.close()
    shutil.copy(tmp_path / "t.db", tmp_path / "copy.db")

    pc2 = opener("copy.db", config="pc2-site.json")
    new = pc2.site
    assert new.minted_because == "copied or restored"
    assert new.site_id != old.site_id
    assert new.site_code != old.site_code
    rows = {r[0]: r for r in sites(pc2)}
    assert rows[old.site_id][2] == 0                      # retired
    assert "copied or restored" in rows[old.site_id][4]
    assert rows[new.site_id][2] == 1
    assert sum(r[2] for r in rows.values()) == 1          # exactly one current site
    # The new site numbers its own changes from 1; the old site's changes are kept as they were.
    Register(pc2).add_compound("新小区")
    assert change_keys(pc2) == [(old.site_id, 1), (old.site_id, 2), (new.site_id, 1)]
    assert rows[new.site_id][3] == 1
    # The copy keeps its new site on the next start on PC2.
    pc2.close()
    pc2_again = opener("copy.db", config="pc2-site.json")
    assert pc2_again.site.site_id == new.site_id
    assert pc2_again.site.minted_because == ""

    # The original on PC1 still writes as the old site.
    pc1_again = opener()
    assert pc1_again.site.site_id == old.site_id
    assert pc1_again.site.minted_because == ""
    Register(pc1_again).add_compound("老小区")
    assert change_keys(pc1_again)[-1] == (old.site_id, 3)


def test_the_same_file_copied_to_a_second_folder_on_the_same_pc_is_a_new_site(opener, tmp_path):
    """Two live copies on one PC (a USB stick and the hard disk) must not share a site either."""
    first = opener()
    Register(first).add_compound("幸福里")
    old = first.site.site_id
    first.close()
    shutil.copy(tmp_path / "t.db", tmp_path / "stick.db")
    original = opener()
    assert original.site.site_id == old
    original.close()
    stick = opener("stick.db")
    assert stick.site.site_id != old


def test_restoring_an_old_backup_on_the_same_pc_mints_a_new_site(opener, tmp_path):
    first = opener()
    reg = Register(first)
    reg.add_compound("幸福里")
    old = first.site
    first.close()
    shutil.copy(tmp_path / "t.db", tmp_path / "backup.db")          # a backup taken now

    later = opener()                                                 # work goes on
    assert later.site.site_id == old.site_id
    Register(later).add_compound("王家湾组")
    Register(later).add_compound("春风小区")
    assert change_keys(later)[-1] == (old.site_id, 3)
    later.close()

    shutil.copy(tmp_path / "backup.db", tmp_path / "t.db")          # the backup is restored
    restored = opener()
    assert restored.site.minted_because == "copied or restored"
    assert restored.site.site_id != old.site_id
    assert restored.site.site_code != old.site_code
    Register(restored).add_compound("恢复后新建")
    # Without a new site this would be (old, 2): a number other PCs already saw for 王家湾组.
    assert change_keys(restored) == [(old.site_id, 1), (restored.site.site_id, 1)]


def test_a_lost_config_file_mints_a_new_site(opener, tmp_path):
    first = opener()
    old = first.site.site_id
    first.close()
    (tmp_path / "site.json").unlink()
    again = opener()
    assert again.site.site_id != old
    assert again.site.minted_because == "copied or restored"


def test_role_and_name_survive_a_new_site(opener, tmp_path):
    from db.sync.site import name_site
    first = opener()
    old = first.site
    shutil.copy(tmp_path / "t.db", tmp_path / "unnamed.db")
    with first.transaction() as conn:
        name_site(conn, "村委会办公室")
    first.close()
    shutil.copy(tmp_path / "t.db", tmp_path / "copy.db")
    copy = opener("copy.db", config="other.json")
    assert copy.site.role == old.role
    assert copy.site.site_name == "村委会办公室"
    copy.close()
    # A machine never named goes by its new code, not the old one's (it read as a name: S1EDC（S949A）).
    unnamed = opener("unnamed.db", config="third.json")
    assert unnamed.site.site_name == unnamed.site.site_code != old.site_code
