"""db/driver.py hands None and bytes to the sqlite3 module through adapters that return them as
they are (a shortcut past the module's slow failed lookups): what is stored must not change."""
import pytest

from db import driver


@pytest.mark.parametrize("module", [m for m in (driver.sqlite3, driver.sqlcipher) if m is not None])
def test_none_and_bytes_are_stored_as_null_and_blob_as_before(module):
    conn = module.connect(":memory:")
    conn.execute("CREATE TABLE t (v)")
    key = bytes.fromhex("0192a3b4c5d67e8f9a0b1c2d3e4f5061")
    conn.executemany("INSERT INTO t VALUES (?)", [(None,), (key,), (b"",), (bytearray(b"ab"),), ("x",), (3,)])
    rows = conn.execute("SELECT typeof(v), v FROM t ORDER BY rowid").fetchall()
    assert rows == [("null", None), ("blob", key), ("blob", b""), ("blob", b"ab"), ("text", "x"), ("integer", 3)]
    # A lookup by a 16-byte key finds the row stored with it (sync_log's row ids).
    assert conn.execute("SELECT count(*) FROM t WHERE v = ?", (key,)).fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM t WHERE v IS ?", (None,)).fetchone() == (1,)
    conn.close()
