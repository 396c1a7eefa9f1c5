"""The inside of a sync package (同步包的内容): small SQLite databases built in memory and handed
over as bytes (``sqlite3.Connection.serialize``), so personal data never touches a disk in
plain text (SYNC.md 9.10).

This layer knows nothing about the register's own tables: it takes plain rows and gives plain
rows back. **Payload format 2** is a stream of *parts*, each an 8-byte big-endian length and a
SQLite image with the same tables:

    manifest(key, value)            -- value is canonical JSON; package_id, kind, counts, covers …
    change(site_id, seq, hlc, tbl, row_id, kind, cols, base, format_version, wall_time,
           user_name)               -- in the order given (the exporter sorts by hlc, site, seq)
    knowledge(site_id, max_seq)     -- the sender's knowledge after the export
    assumed_base(site_id, max_seq)  -- what the sender assumed the receiver holds
    peer(site_id, site_code, site_name, role)   -- the devices the sender knows

Every part but the last holds up to ``PART_CHANGES`` changes and nothing else; the last holds
the manifest, knowledge, assumed base and peers and no change. So a snapshot of a million gate
rows is written and read one part at a time, never whole in memory. A change carries no
``content_sha256`` (format 1 did: 27 % of a package): the AEAD tags authenticate every byte, and
``changes_sha256`` (over the bytes of the change parts) ties the parts to the manifest; the
receiver makes a change's hash from its body when it needs it (db/sync/log.py).

``open_payload`` / ``PayloadReader`` treat the bytes as hostile: exact schema and
``PRAGMA integrity_check`` of each part, types, counts, no (site_id, seq) twice, and the manifest
against what was read.
"""
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from desktop.sync.errors import PayloadInvalidError

PAYLOAD_FORMAT = 2
SQLITE_MAGIC = b"SQLite format 3\x00"
PART_CHANGES = 20_000           # changes in one part: about 10 MB of SQLite image
MAX_PART_BYTES = 256 << 20      # a part announcing more is refused before it is read

# The 12 values of a change as the change log gives them (a query row, db.sync.log.Change);
# ``content_sha256`` is not carried (WIRE_COLUMNS) and reads back as None.
CHANGE_COLUMNS = ("site_id", "seq", "hlc", "tbl", "row_id", "kind", "cols", "base",
                  "content_sha256", "format_version", "wall_time", "user_name")
WIRE_COLUMNS = tuple(c for c in CHANGE_COLUMNS if c != "content_sha256")


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
    content_sha256: str | None    # None: not carried (payload format 2)
    format_version: int
    wall_time: str | None
    user_name: str | None


class Peer(NamedTuple):
    site_id: str
    site_code: str | None
    site_name: str | None
    role: str | None


# The exact statements: the reader compares sqlite_master with them, so a payload with a
# trigger, a view or an extra column is refused before anything is read from it.
SCHEMA = {
    "manifest": "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "change": ("CREATE TABLE change (site_id TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,"
               " tbl TEXT NOT NULL, row_id TEXT NOT NULL, kind TEXT NOT NULL, cols TEXT NOT NULL,"
               " base TEXT NOT NULL, format_version INTEGER NOT NULL,"
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
COMPUTED_KEYS = ("payload_format", "n_parts", "n_changes", "n_knowledge", "n_assumed_base", "n_peers",
                 "min_hlc", "max_hlc", "max_format_version", "covers", "changes_sha256")
REQUIRED_KEYS = ("package_id", "kind") + COMPUTED_KEYS
# The order the manifest is compared in: counts before the digest, so a dropped change says so.
_CHECK_ORDER = ("payload_format", "n_parts", "n_changes", "n_knowledge", "n_assumed_base", "n_peers",
                "min_hlc", "max_hlc", "max_format_version", "covers", "changes_sha256")


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _memory_connection() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    # Sorting and GROUP BY spill to temporary files unless told otherwise: plaintext on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _frame(image: bytes) -> bytes:
    return len(image).to_bytes(8, "big") + image


class _Totals:
    """What the change parts held, worked out the same way by the writer and the reader."""

    def __init__(self):
        self.n_parts = self.n_changes = 0
        self.min_hlc = self.max_hlc = self.max_format = None
        self.covers: dict[str, list[int]] = {}
        self.digest = hashlib.sha256()

    def add_part(self, framed: bytes | memoryview, conn: sqlite3.Connection) -> None:
        self.n_parts += 1
        self.digest.update(framed)
        n, lo, hi, fmt = conn.execute(
            "SELECT count(*), min(hlc), max(hlc), max(format_version) FROM change").fetchone()
        self.n_changes += n
        if n:
            self.min_hlc = lo if self.min_hlc is None else min(self.min_hlc, lo)
            self.max_hlc = hi if self.max_hlc is None else max(self.max_hlc, hi)
            self.max_format = fmt if self.max_format is None else max(self.max_format, fmt)
        for site, lo, hi in conn.execute("SELECT site_id, min(seq), max(seq) FROM change GROUP BY site_id"):
            span = self.covers.get(site)
            self.covers[site] = [lo, hi] if span is None else [min(span[0], lo), max(span[1], hi)]

    def computed(self, summary: sqlite3.Connection) -> dict:
        count = lambda t: summary.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
        return {
            "payload_format": PAYLOAD_FORMAT, "n_parts": self.n_parts + 1, "n_changes": self.n_changes,
            "min_hlc": self.min_hlc, "max_hlc": self.max_hlc, "max_format_version": self.max_format,
            "covers": dict(sorted(self.covers.items())), "n_knowledge": count("knowledge"),
            "n_assumed_base": count("assumed_base"), "n_peers": count("peer"),
            "changes_sha256": self.digest.hexdigest(),
        }


def _new_part() -> sqlite3.Connection:
    conn = _memory_connection()
    for sql in SCHEMA.values():
        conn.execute(sql)
    conn.execute("BEGIN")
    return conn


_INSERT_CHANGE = f"INSERT INTO change VALUES ({', '.join('?' * len(WIRE_COLUMNS))})"


def _wire(row) -> tuple:
    row = tuple(row)
    if len(row) != len(CHANGE_COLUMNS):
        raise ValueError(f"a change has {len(row)} values, not {len(CHANGE_COLUMNS)}")
    return row[:8] + row[9:]


def iter_payload(manifest: Mapping[str, object], changes: Iterable, knowledge: Mapping[str, int],
                 assumed_base: Mapping[str, int], peers: Iterable,
                 part_changes: int = PART_CHANGES) -> Iterator[bytes]:
    """The payload, part by part (each framed): what ``build_payload`` joins. ``changes`` yields
    12-value rows in CHANGE_COLUMNS order (a ``Change``, a tuple straight from a query; the
    hash, if any, is left out); ``peers`` yields (site_id, site_code, site_name, role).
    ``manifest`` must name package_id and kind; counts, covers and digests are added here.
    Only one part is in memory at a time; ``peers`` and the knowledge are read at the end."""
    clash = set(manifest) & set(COMPUTED_KEYS)
    if clash:
        raise ValueError(f"manifest keys computed by build_payload: {sorted(clash)}")
    if not isinstance(manifest.get("package_id"), str) or not isinstance(manifest.get("kind"), str):
        raise ValueError("manifest needs package_id and kind")
    totals = _Totals()
    batch: list[tuple] = []

    def part(rows: list[tuple]) -> bytes:
        conn = _new_part()
        try:
            conn.executemany(_INSERT_CHANGE, rows)
            conn.execute("COMMIT")
            framed = _frame(conn.serialize())
            totals.add_part(framed, conn)
            return framed
        finally:
            conn.close()

    for row in changes:
        batch.append(_wire(row))
        if len(batch) >= part_changes:
            yield part(batch)
            batch = []
    if batch:
        yield part(batch)
    del batch
    conn = _new_part()
    try:
        conn.executemany("INSERT INTO knowledge VALUES (?, ?)", sorted(knowledge.items()))
        conn.executemany("INSERT INTO assumed_base VALUES (?, ?)", sorted(assumed_base.items()))
        conn.executemany("INSERT INTO peer VALUES (?, ?, ?, ?)", sorted(tuple(p) for p in peers))
        full = dict(manifest)
        full.update(totals.computed(conn))
        conn.executemany("INSERT INTO manifest VALUES (?, ?)",
                         sorted((k, canonical_json(v)) for k, v in full.items()))
        conn.execute("COMMIT")
        yield _frame(conn.serialize())
    finally:
        conn.close()


def build_payload(manifest: Mapping[str, object], changes: Iterable, knowledge: Mapping[str, int],
                  assumed_base: Mapping[str, int], peers: Iterable, part_changes: int = PART_CHANGES) -> bytes:
    """The whole payload as bytes (small packages, tests); see ``iter_payload``."""
    return b"".join(iter_payload(manifest, changes, knowledge, assumed_base, peers, part_changes))


def split_parts(data: bytes | bytearray) -> list[bytes]:
    """The SQLite images of a payload, unframed (for tests and tools)."""
    out, pos = [], 0
    while pos < len(data):
        size = int.from_bytes(data[pos:pos + 8], "big")
        out.append(bytes(data[pos + 8:pos + 8 + size]))
        pos += 8 + size
    return out


def join_parts(images: Iterable[bytes]) -> bytes:
    return b"".join(_frame(bytes(i)) for i in images)


@dataclass
class Payload:
    """An opened payload (all its parts checked). ``changes()`` reads the change rows in the
    order the sender wrote them; close() frees the in-memory databases."""
    manifest: dict
    knowledge: dict[str, int]
    assumed_base: dict[str, int]
    peers: list[Peer]
    n_changes: int
    _parts: list = field(default_factory=list, repr=False)

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def covers(self) -> dict[str, tuple[int, int]]:
        return {site: (lo, hi) for site, (lo, hi) in self.manifest["covers"].items()}

    def changes(self, batch: int = 2000) -> Iterator[Change]:
        for conn in self._parts:
            yield from _part_changes(conn, batch)

    def close(self) -> None:
        for conn in self._parts:
            conn.close()
        self._parts = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _part_changes(conn: sqlite3.Connection, batch: int = 2000) -> Iterator[Change]:
    cursor = conn.execute(f"SELECT {', '.join(WIRE_COLUMNS)} FROM change ORDER BY rowid")
    while rows := cursor.fetchmany(batch):
        yield from (Change(*r[:8], None, *r[8:]) for r in rows)


def _mark(bits: bytearray, first: int, last: int) -> bool:
    """Set the bits of numbers first..last; False when one of them was set already."""
    lo, hi = first >> 3, last >> 3
    mask = ((1 << (last - first + 1)) - 1) << (first & 7)
    held = int.from_bytes(bits[lo:hi + 1], "little")
    if held & mask:
        return False
    bits[lo:hi + 1] = (held | mask).to_bytes(hi - lo + 1, "little")
    return True


class PayloadReader:
    """Reads a payload from its bytes as they come (``pieces``: an iterable of bytes, e.g. the
    decompressed body of a package) and checks it part by part. ``changes()`` yields every
    change of every part and, at the end, checks the summary part (the manifest against what
    was read, and against the authenticated ``header``); only then are ``manifest``,
    ``knowledge``, ``assumed_base`` and ``peers`` set. Every refusal is a PayloadInvalidError,
    raised as soon as it is seen: a caller applying the changes as they come rolls back."""

    def __init__(self, pieces: Iterable[bytes], *, header=None, file: str = ""):
        self._pieces, self.header, self.file = iter(pieces), header, file
        self._buffer = bytearray()
        self._ended = False
        self.manifest: dict | None = None
        self.knowledge: dict[str, int] = {}
        self.assumed_base: dict[str, int] = {}
        self.peers: list[Peer] = []
        self._seen: dict[str, bytearray] = {}       # seq bitmaps per origin: no change twice

    def bad(self, detail: str) -> PayloadInvalidError:
        return PayloadInvalidError(detail, file=self.file)

    def close(self) -> None:
        """Stop reading the file (parts not taken are not read)."""
        close = getattr(self._pieces, "close", None)
        if close is not None:
            close()

    def _fill(self, size: int) -> bool:
        while len(self._buffer) < size and not self._ended:
            piece = next(self._pieces, None)
            if piece is None:
                self._ended = True
            else:
                self._buffer += piece
        return len(self._buffer) >= size

    def _next_part(self) -> tuple[bytes, bool] | None:
        """(framed part, last) or None at the end of the stream."""
        if not self._fill(8):
            if self._buffer:
                raise self.bad("内容不完整")
            return None
        size = int.from_bytes(self._buffer[:8], "big")
        if not 512 <= size <= MAX_PART_BYTES:
            raise self.bad("内容不是数据库")
        if not self._fill(8 + size):
            raise self.bad("内容不完整")
        framed = bytes(self._buffer[:8 + size])
        del self._buffer[:8 + size]
        last = not self._fill(1)
        return framed, last

    def _open_part(self, framed: bytes) -> sqlite3.Connection:
        image = framed[8:]
        if image[:16] != SQLITE_MAGIC:
            raise self.bad("内容不是数据库")
        conn = _memory_connection()
        try:
            try:
                conn.deserialize(image)
                conn.execute("PRAGMA query_only = ON")
                master = {tuple(r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}
                if master != _EXPECTED_MASTER:
                    raise self.bad("表结构不对")
                if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    raise self.bad("数据库校验未通过")
            except (sqlite3.Error, ValueError, TypeError, MemoryError, RecursionError) as err:
                raise self.bad("数据库无法读取") from err
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_changes(self, conn: sqlite3.Connection) -> None:
        out_of_range = conn.execute(
            "SELECT count(*) FROM change WHERE seq < 1 OR hlc < 0 OR format_version < 1").fetchone()[0]
        if out_of_range:
            raise self.bad(f"{out_of_range} 行的值超出范围")
        # Every text value is UTF-8 (the merge reads some of them with SQL only, never
        # decoding them in Python): checked at once over the part, not row by row.
        joined = conn.execute("SELECT CAST(group_concat(site_id || tbl || row_id || kind || cols || base"
                              " || coalesce(wall_time, '') || coalesce(user_name, ''), '') AS BLOB)"
                              " FROM change").fetchone()[0]
        try:
            (joined or b"").decode("utf-8")
        except UnicodeDecodeError:
            raise self.bad("文字编码不对") from None
        del joined
        # No (site, seq) twice in the whole payload: a bitmap of the numbers seen per origin. A
        # site's numbers in one part are mostly one unbroken run (the exporter sorts by stamp),
        # marked at once; any other part's numbers are marked one by one.
        for site, low, high, n, distinct in conn.execute(
                "SELECT site_id, min(seq), max(seq), count(*), count(DISTINCT seq) FROM change GROUP BY site_id"):
            if distinct != n:
                raise self.bad("有更改重复出现")
            if high >> 3 > 1 << 24:
                raise self.bad("更改编号超出范围")
            bits = self._seen.setdefault(site, bytearray())
            if high >> 3 >= len(bits):
                bits.extend(bytes((high >> 3) + 1 - len(bits)))
            runs = [(low, high)] if high - low + 1 == n else \
                [(q, q) for (q,) in conn.execute("SELECT seq FROM change WHERE site_id = ?", (site,))]
            for first, last in runs:
                if not _mark(bits, first, last):
                    raise self.bad("有更改重复出现")

    def parts(self) -> Iterator[sqlite3.Connection]:
        """Every change part, opened and checked (the caller closes each), then the summary
        part checked; a refusal raises as soon as it is seen."""
        totals = _Totals()
        while True:
            got = self._next_part()
            if got is None:
                raise self.bad("缺少清单")
            framed, last = got
            conn = self._open_part(framed)
            if last:
                try:
                    self._finish(conn, totals)
                finally:
                    conn.close()
                return
            try:
                if conn.execute("SELECT (SELECT count(*) FROM manifest) + (SELECT count(*) FROM knowledge)"
                                " + (SELECT count(*) FROM assumed_base) + (SELECT count(*) FROM peer)").fetchone()[0]:
                    raise self.bad("清单不在最后")
                self._check_changes(conn)
                totals.add_part(framed, conn)
            except (sqlite3.Error, UnicodeError) as err:
                conn.close()
                raise self.bad("文字编码不对") from err
            except BaseException:
                conn.close()
                raise
            del framed
            yield conn

    def changes(self, batch: int = 2000) -> Iterator[Change]:
        """Every change of every part, in the sender's order; the summary is checked after the
        last one (then ``manifest`` and the rest are set)."""
        for conn in self.parts():
            try:
                yield from _part_changes(conn, batch)
            except (sqlite3.Error, UnicodeError) as err:
                raise self.bad("文字编码不对") from err
            finally:
                conn.close()

    def _finish(self, conn: sqlite3.Connection, totals: _Totals) -> None:
        try:
            if conn.execute("SELECT count(*) FROM change").fetchone()[0]:
                raise self.bad("清单所在的部分不能有更改")
            manifest = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM manifest")}
            missing = [k for k in REQUIRED_KEYS if k not in manifest]
            if missing:
                raise self.bad("清单缺少 " + "、".join(missing))
            if manifest["payload_format"] != PAYLOAD_FORMAT:
                raise self.bad("内容格式版本不对")
            negative = conn.execute("SELECT (SELECT count(*) FROM knowledge WHERE max_seq < 0)"
                                    " + (SELECT count(*) FROM assumed_base WHERE max_seq < 0)").fetchone()[0]
            if negative:
                raise self.bad(f"{negative} 行的值超出范围")
            computed = totals.computed(conn)
            for key in _CHECK_ORDER:
                if manifest[key] != computed[key]:
                    raise self.bad(f"清单的 {key} 与内容不符")
            header = self.header
            if header is not None:
                expected = {"package_id": header.package_id, "kind": header.kind,
                            "covers": {s: list(r) for s, r in header.covers.items()}}
                for key, value in expected.items():
                    if manifest[key] != value:
                        raise self.bad(f"清单的 {key} 与文件头不符")
                if (manifest["max_format_version"] or 0) > header.change_format:
                    raise self.bad("更改的格式版本高于文件头所写")
            self.knowledge = dict(conn.execute("SELECT site_id, max_seq FROM knowledge"))
            self.assumed_base = dict(conn.execute("SELECT site_id, max_seq FROM assumed_base"))
            self.peers = [Peer._make(r) for r in conn.execute("SELECT * FROM peer ORDER BY site_id")]
            self.manifest = manifest
        except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError, UnicodeError) as err:
            if isinstance(err, PayloadInvalidError):
                raise
            raise self.bad("清单无法读取") from err

    def read_all(self) -> None:
        """Read and check to the end, keeping nothing (a first pass)."""
        for _ in self.changes(batch=5000):
            pass


def open_payload(data: bytes | bytearray, *, header=None, file: str = "") -> Payload:
    """Open payload bytes and verify them whole; with ``header`` (a PackageHeader) also check
    that the manifest is the one the authenticated header announced. Raises
    PayloadInvalidError. Keeps every part in memory: for small packages and tests (the import
    reads a package with PayloadReader, part by part)."""
    reader = PayloadReader([bytes(data)], header=header, file=file)
    parts: list[sqlite3.Connection] = []
    try:
        for conn in reader.parts():
            parts.append(conn)
    except BaseException:
        for conn in parts:
            conn.close()
        raise
    return Payload(manifest=reader.manifest, knowledge=reader.knowledge, assumed_base=reader.assumed_base,
                   peers=reader.peers, n_changes=reader.manifest["n_changes"], _parts=parts)


def manifest_of(data: bytes | bytearray) -> dict:
    """The manifest alone, without the checks (the writer's own payload: to put covers in the
    header): read from the last part."""
    last = split_parts(data)[-1] if data else b""
    return manifest_of_part(last)


def manifest_of_part(image: bytes) -> dict:
    conn = _memory_connection()
    try:
        conn.deserialize(image)
        return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM manifest")}
    finally:
        conn.close()
