"""The fixtures' databases start as a copy of one file migrated once per session
(tests/conftest.py ``empty_register``): opened, such a copy must be what Database makes of a new
file, or every test on it would test another database than an office gets."""
import shutil

from db.connection import Database

# Made at random when a file is opened the first time: compared by their presence only.
RANDOM = {"local_meta": ("value",), "sync_site": ("site_id", "site_code", "site_name", "created_at")}


def contents(db: Database) -> dict:
    conn = db.conn
    out = {"schema": sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())}
    for pragma in ("user_version", "journal_mode", "page_size", "auto_vacuum", "encoding", "application_id"):
        out[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                         " AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        cur = conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cur.description]
        hidden = RANDOM.get(table, ())
        out[table] = sorted(tuple(None if n in hidden else v for n, v in zip(names, row)) for row in cur)
    return out


def test_a_copy_of_the_empty_register_opens_as_a_new_file_does(tmp_path, empty_register):
    new = Database(tmp_path / "new.db", config_file=tmp_path / "new.json", user_name="tester")
    shutil.copy(empty_register, tmp_path / "copy.db")
    copy = Database(tmp_path / "copy.db", config_file=tmp_path / "copy.json", user_name="tester")
    try:
        assert copy.site.minted_because == new.site.minted_because == "new"
        made, copied = contents(new), contents(copy)
        assert made.keys() == copied.keys()
        for key in made:
            assert copied[key] == made[key], key
        assert len(made["schema"]) > 50 and made["user_version"][0] > 20
    finally:
        new.close()
        copy.close()
