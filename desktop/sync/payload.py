"""The inside of a sync package (同步包的内容): a small SQLite database built in memory and handed
over as bytes (``sqlite3.Connection.serialize``), so personal data never touches a disk in
plain text (SYNC.md 9.10).

This layer knows nothing about the register's own tables: it takes plain rows and gives plain
rows back. Tables of the payload:

    manifest(key, value)            -- value is canonical JSON; package_id, kind, counts, covers …
    change(site_id, seq, hlc, tbl, row_id, kind, cols, base, content_sha256, format_version,
           wall_time, user_name)    -- in the order given (the exporter sorts by hlc, site, seq)
    knowledge(site_id, max_seq)     -- the sender's knowledge after the export
    assumed_base(site_id, max_seq)  -- what the sender assumed the receiver holds
    peer(site_id, site_code, site_name, role)   -- the devices the sender knows

``open_payload`` treats the bytes as hostile: exact schema, ``PRAGMA integrity_check``, types,
counts, no (site_id, seq) twice, and ``changes_sha256`` over the canonical change rows.
"""
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from desktop.sync.errors import PayloadInvalidError

PAYLOAD_FORMAT = 1
SQLITE_MAGIC = b"SQLite format 3\x00"

CHANGE_COLUMNS = ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base",
                  "content_sha256", "format_version", "wall_time", "user_name")


class Change(NamedTuple):
    """One change as it travels (a row of ``sync_change`` in its generic form)."""
    site_id: str
    seq: int
    hlc: int
    tbl: str
    row_id: str
    kind: str
    cols: str                 # canonical JSON, opaque here
    base: str                 # canonical JSON, opaque here
    content_sha256: str
    format_version: int
    wall_time: str | None
    user_name: str | None


class Peer(NamedTuple):
    site_id: str
    site_code: str | None
    site_name: str | None
    role: str | None


# The exact statements: open_payload compares sqlite_master with them, so a payload with a
# trigger, a view or an extra column is refused before anything is read from it.
SCHEMA = {
    "manifest": "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "change": ("CREATE TABLE change (site_id TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
               " tbl TEXT NOT NULL, row_id TEXT NOT NULL, kind TEXT NOT NULL, cols TEXT NOT NULL,"
               " base TEXT NOT NULL, content_sha256 TEXT NOT NULL, format_version INTEGER NOT NULL,"
               " wall_time TEXT, user_name TEXT) STRICT"),
    "knowledge": "CREATE TABLE knowledge (site_id TEXT PRIMARY KEY, max_seq INTEGER NOT NULL) STRICT",
    "assumed_base": "CREATE TABLE assumed_base (site_id TEXT PRIMARY KEY, max_seq INTEGER NOT NULL) STRICT",
    "peer": ("CREATE TABLE peer (site_id TEXT PRIMARY KEY, site_code TEXT, site_name TEXT, role TEXT)"
             " STRICT"),
}
_EXPECTED_MASTER = ({("table", name, name, sql) for name, sql in SCHEMA.items()}
                    | {("index", f"sqlite_autoindex_{name}_1", name, None)
                       for name in ("manifest", "knowledge", "assumed_base", "peer")})

# Keys build_payload works out itself; a caller may not set them.
COMPUTED_KEYS = ("payload_format", "n_changes", "n_knowledge", "n_assumed_base", "n_peers",
                 "min_hlc", "max_hlc", "max_format_version", "covers", "changes_sha256")
REQUIRED_KEYS = ("package_id", "kind") + COMPUTED_KEYS


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _memory_connection() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    # Sorting and GROUP BY spill to temporary files unless told otherwise: plaintext on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def build_payload(manifest: Mapping[str, object], changes: Iterable, knowledge: Mapping[str, int],
                  assumed_base: Mapping[str, int], peers: Iterable) -> bytes:
    """The payload bytes. ``changes`` yields 12-value rows in CHANGE_COLUMNS order (a ``Change``,
    a tuple straight from a query); ``peers`` yields (site_id, site_code, site_name, role).
    ``manifest`` must name package_id and kind; counts, covers and hashes are added here."""
    clash = set(manifest) & set(COMPUTED_KEYS)
    if clash:
        raise ValueError(f"manifest keys computed by build_payload: {sorted(clash)}")
    if not isinstance(manifest.get("package_id"), str) or not isinstance(manifest.get("kind"), str):
        raise ValueError("manifest needs package_id and kind")
    conn = _memory_connection()
    try:
        for sql in SCHEMA.values():
            conn.execute(sql)
        conn.execute("BEGIN")
        insert = f"INSERT INTO change VALUES ({', '.join('?' * len(CHANGE_COLUMNS))})"
        batch: list[tuple] = []
        for row in changes:
            row = tuple(row)
            if len(row) != len(CHANGE_COLUMNS):
                raise ValueError(f"a change has {len(row)} values, not {len(CHANGE_COLUMNS)}")
            batch.append(row)
            if len(batch) >= 5000:
                conn.executemany(insert, batch)
                batch.clear()
        conn.executemany(insert, batch)
        conn.executemany("INSERT INTO knowledge VALUES (?, ?)", sorted(knowledge.items()))
        conn.executemany("INSERT INTO assumed_base VALUES (?, ?)", sorted(assumed_base.items()))
        conn.executemany("INSERT INTO peer VALUES (?, ?, ?, ?)", sorted(tuple(p) for p in peers))
        # Worked out from what was stored, by the same code open_payload uses, so both agree
        # whatever Python types the caller handed in.
        full = dict(manifest)
        full.update(_computed(conn), payload_format=PAYLOAD_FORMAT)
        conn.executemany("INSERT INTO manifest VALUES (?, ?)",
                         sorted((k, canonical_json(v)) for k, v in full.items()))
        conn.execute("COMMIT")
        return conn.serialize()
    finally:
        conn.close()


def _computed(conn: sqlite3.Connection) -> dict:
    n_changes, min_hlc, max_hlc, max_format = conn.execute(
        "SELECT count(*), min(hlc), max(hlc), max(format_version) FROM change").fetchone()
    covers = {site: [lo, hi] for site, lo, hi in conn.execute(
        "SELECT site_id, min(seq), max(seq) FROM change GROUP BY site_id ORDER BY site_id")}
    return {
        "n_changes": n_changes, "min_hlc": min_hlc, "max_hlc": max_hlc,
        "max_format_version": max_format, "covers": covers,
        "n_knowledge": conn.execute("SELECT count(*) FROM knowledge").fetchone()[0],
        "n_assumed_base": conn.execute("SELECT count(*) FROM assumed_base").fetchone()[0],
        "n_peers": conn.execute("SELECT count(*) FROM peer").fetchone()[0],
        "changes_sha256": changes_digest(conn),
    }


def changes_digest(conn: sqlite3.Connection) -> str:
    """SHA-256 over the change rows in stored order, each the canonical JSON array of its 12
    values and a newline."""
    h = hashlib.sha256()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    cursor = conn.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change ORDER BY rowid")
    while rows := cursor.fetchmany(2000):
        h.update("".join(dumps(row) + "\n" for row in rows).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class Payload:
    """An opened payload. ``changes()`` reads the change rows in the order the sender wrote them;
    close() frees the in-memory database."""
    manifest: dict
    knowledge: dict[str, int]
    assumed_base: dict[str, int]
    peers: list[Peer]
    n_changes: int
    _conn: sqlite3.Connection

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def covers(self) -> dict[str, tuple[int, int]]:
        return {site: (lo, hi) for site, (lo, hi) in self.manifest["covers"].items()}

    def changes(self, batch: int = 2000) -> Iterator[Change]:
        cursor = self._conn.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change ORDER BY rowid")
        while rows := cursor.fetchmany(batch):
            yield from (Change._make(r) for r in rows)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_payload(data: bytes | bytearray, *, header=None, file: str = "") -> Payload:
    """Open payload bytes and verify them; with ``header`` (a PackageHeader) also check that the
    manifest is the one the authenticated header announced. Raises PayloadInvalidError."""
    def bad(detail: str):
        return PayloadInvalidError(detail, file=file)

    if not bytes(data[:16]) == SQLITE_MAGIC:
        raise bad("内容不是数据库")
    conn = _memory_connection()
    try:
        return _verified(conn, data, header, bad)
    except PayloadInvalidError:
        conn.close()
        raise
    except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError, MemoryError,
            RecursionError) as e:
        conn.close()
        raise bad("数据库无法读取") from e
    except BaseException:
        conn.close()
        raise


def _verified(conn: sqlite3.Connection, data, header, bad) -> Payload:
    conn.deserialize(data)
    conn.execute("PRAGMA query_only = ON")
    master = {tuple(r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}
    if master != _EXPECTED_MASTER:
        raise bad("表结构不对")
    if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
        raise bad("数据库校验未通过")
    manifest = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM manifest")}
    missing = [k for k in REQUIRED_KEYS if k not in manifest]
    if missing:
        raise bad("清单缺少 " + "、".join(missing))
    if manifest["payload_format"] != PAYLOAD_FORMAT:
        raise bad("内容格式版本不对")
    out_of_range = conn.execute(
        "SELECT (SELECT count(*) FROM change WHERE seq < 1 OR hlc < 0 OR format_version < 1"
        "        OR length(content_sha256) != 64)"
        " + (SELECT count(*) FROM knowledge WHERE max_seq < 0)"
        " + (SELECT count(*) FROM assumed_base WHERE max_seq < 0)").fetchone()[0]
    if out_of_range:
        raise bad(f"{out_of_range} 行的值超出范围")
    twice = conn.execute("SELECT count(*) FROM (SELECT 1 FROM change GROUP BY site_id, seq"
                         " HAVING count(*) > 1)").fetchone()[0]
    if twice:
        raise bad(f"{twice} 条更改重复出现")
    try:
        computed = _computed(conn)
    except UnicodeError as e:
        raise bad("文字编码不对") from e
    for key, value in computed.items():
        if manifest[key] != value:
            raise bad(f"清单的 {key} 与内容不符")
    if header is not None:
        expected = {"package_id": header.package_id, "kind": header.kind,
                    "covers": {s: list(r) for s, r in header.covers.items()}}
        for key, value in expected.items():
            if manifest[key] != value:
                raise bad(f"清单的 {key} 与文件头不符")
        if (manifest["max_format_version"] or 0) > header.change_format:
            raise bad("更改的格式版本高于文件头所写")
    return Payload(
        manifest=manifest,
        knowledge=dict(conn.execute("SELECT site_id, max_seq FROM knowledge")),
        assumed_base=dict(conn.execute("SELECT site_id, max_seq FROM assumed_base")),
        peers=[Peer._make(r) for r in conn.execute("SELECT * FROM peer ORDER BY site_id")],
        n_changes=manifest["n_changes"], _conn=conn)


def manifest_of(data: bytes | bytearray) -> dict:
    """The manifest alone, without the checks (the writer's own payload: to put covers in the
    header)."""
    conn = _memory_connection()
    try:
        conn.deserialize(data)
        return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM manifest")}
    finally:
        conn.close()
