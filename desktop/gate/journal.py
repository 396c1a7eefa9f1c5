"""The gate's journal (门岗暂存): a passage is kept at once, even while the database is busy.

The guard must never wait and a passage must never be lost. When the database cannot take a
passage at once — another Menshen process holds the write lock (a ``menshen import`` of a big
ledger), or this process's writer is busy with a long job — the passage, already checked by
the gate's rules against what is committed, is appended to a small file beside the database
(``<name>-gate-journal``: one JSON line per passage, flushed and fsync'ed before the screen
says "saved") and written to the database as soon as the lock frees: by a background thread
of this process that tries every quarter second, and otherwise at the next start (open_app).
A damaged register (found by the integrity check) or a read-only one takes no passage until it
is restored from a backup or can be written again (``waits_for``): the passages wait here, and
the first open that can write them does (a restore leaves this file where it is).

A line holds the INSERT the gate's own save would have run (statement and values), so the
journal writes exactly what the gate writes, through the same capture triggers. Replaying is
idempotent: a passage whose id is already in ``gate_log`` is skipped, so a crash between the
database commit and the journal's truncation adds nothing twice. An import stays one
transaction: the journal never writes into another process's transaction.
"""
import json
import logging
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import compress
from operator import itemgetter
import os
import threading
import time
import weakref
from pathlib import Path
from typing import Callable

from db.connection import Database, lock_file
from db.errors import StorageError, WriterBusyError, os_reason
from db.filelock import FileLock
from db.fsync import fsync_path
from desktop.collector import collector_paused

log = logging.getLogger(__name__)
_POLL_SECONDS = 0.25
_flushers: dict[int, threading.Thread] = {}
_flushers_lock = threading.Lock()
_thread_lock = threading.Lock()          # threads of this process; the FileLock does processes
# Who hears that kept passages were written (when_written), per register.
_listeners: "weakref.WeakKeyDictionary[Database, list[Callable[[int], None]]]" = weakref.WeakKeyDictionary()


def journal_path(db: Database) -> Path:
    return lock_file(db.path, "gate-journal")


def _lock(db: Database) -> FileLock:
    return FileLock(lock_file(db.path, "gate-journal-lock"))


# Why the register did not take the passage (waits_for; '' another writer holds it), and when
# the paper's passages can be typed in, as JournalUnwritable says them.
_REGISTER_STATE = {
    "damaged": ("数据文件已损坏", "用备份恢复数据文件后再补录"),
    "read-only": ("数据文件现在不能写入", "数据文件能写入后再补录"),
    "": ("数据文件正被另一项写入占用（例如正在导入台账）", "这项写入结束后再补录"),
}


class JournalUnwritable(StorageError):
    """Neither the register nor the journal beside it can take a passage (a write-protected
    stick, a full disk): nothing keeps it, the guard must write it on paper. ``why``: the
    register's state (waits_for); a register only busy is said busy, not unwritable."""

    def __init__(self, path: Path, exc: OSError, why: str = ""):
        state, then = _REGISTER_STATE[why]
        super().__init__(f"出入记录没有保存：{state}，它旁边的门岗暂存文件 {path} 也写不进去"
                         f"（{os_reason(exc)}）。请改用纸质登记表登记出入（姓名、进出、时间、体温），"
                         f"{then}。", str(exc))


def waits_for(db: Database) -> str:
    """Why passages kept now wait here until a later open: 'damaged' (until a backup is
    restored), 'read-only' (until the file can be written); '' when they are written as soon as
    the lock frees."""
    if db.damage is not None:
        return "damaged"
    return "read-only" if db.read_only else ""


class _Recorder:
    """Stands in for a connection: notes the one INSERT the gate's save runs."""

    def __init__(self):
        self.statements: list[tuple[str, list]] = []

    def execute(self, sql: str, params=()):
        self.statements.append((sql, list(params)))


def keep(db: Database, write: Callable[[object], str]) -> str:
    """Run the gate's ``write(conn)`` against a recorder and append what it would have written
    to the journal, durably; returns the row id ``write`` returned."""
    recorder = _Recorder()
    row_id = write(recorder)
    line = json.dumps({"v": 1, "id": row_id, "statements": recorder.statements}, ensure_ascii=False)
    path = journal_path(db)
    try:
        with _thread_lock, _lock(db):
            new = not path.exists()
            with open(path, "ab") as f:
                if f.tell() > 0:
                    # A line cut short by a power cut must not swallow this one.
                    with open(path, "rb") as tail:
                        tail.seek(-1, os.SEEK_END)
                        if tail.read(1) != b"\n":
                            f.write(b"\n")
                f.write(line.encode("utf-8") + b"\n")
                f.flush()
                os.fsync(f.fileno())
            if new:
                from desktop.files import owner_only
                owner_only(path)                # passages name people: the owner's alone
                fsync_path(path.parent)
    except OSError as exc:
        raise JournalUnwritable(path, exc, waits_for(db)) from exc
    if not waits_for(db):                       # else nothing this process could write them to
        _start_flusher(db)
    return row_id


def pending(db: Database) -> int:
    """How many passages wait in the journal."""
    seen = _current(journal_path(db))
    return seen.lines + seen.tail_lines if seen else 0


def _parse(data: bytes) -> list[dict]:
    entries = []
    for raw in data.splitlines():
        try:
            entry = json.loads(raw)
        except ValueError:
            continue            # the torn end of a line the power cut interrupted: never confirmed
        if isinstance(entry, dict) and entry.get("id") and entry.get("statements"):
            entries.append(entry)
    return entries


def _read(path: Path) -> list[dict]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return _parse(data)


class _Filling:
    """What is parsed of one filling of the journal (the same first line, only grown): the
    gate's passages of its whole lines in the order kept (``kept``) and the sorted and by-subject
    readings of them. Shared by every reading of the filling and only appended to (under
    _read_lock): each new line copied the whole lists before (1-5 ms a scan at 50,000); a reading
    holds how many were there when it was made (_Seen.kept)."""

    def __init__(self, head: bytes):
        self.head = head
        self.lines = 0                      # whole lines parsed
        self.kept: list[dict] = []
        # Those passages sorted (waiting_passages) and by subject (waiting_of).
        self.passages = _Sorted()
        self.subjects = _BySubject()


class _Seen:
    """A journal file as last read: its filling, how many of its whole lines (``lines``, the bytes
    up to ``end``) and passages (``kept``) there were, the passages of what followed them (a line
    still being written: ``tail``), and its (size, mtime_ns) then."""

    def __init__(self, filling: _Filling, end: int, tail: list[dict], tail_lines: int, stamp: tuple):
        self.filling, self.end, self.tail, self.tail_lines, self.stamp = filling, end, tail, tail_lines, stamp
        self.head, self.lines, self.kept = filling.head, filling.lines, len(filling.kept)


class _Sorted:
    """The gate's passages of the first ``done`` rows of _Filling.kept sorted by (time, id), every
    gate's (None) and each gate's: {gate id: (their (at, id) keys, their rows)}; grown in place
    under _sorted_lock, and read under it (_sorted)."""

    def __init__(self):
        self.done = 0
        # {gate: [keys, rows, figures or None, noted or None]} (_sorted)
        self.by_gate: dict[str | None, list] = {}


class _BySubject:
    """The kept passages of each (column, value) of SUBJECT_COLUMNS, in the order kept, of the
    first ``done`` rows of _Filling.kept; grown under _subjects_lock, its lists only appended to."""

    def __init__(self):
        self.done = 0
        self.index: dict[tuple[str, str], list[dict]] = {}


_seen: dict[Path, _Seen] = {}
_seen_lock = threading.Lock()
_read_lock = threading.Lock()           # one reader parses and appends to a filling at a time
_subjects_lock = threading.Lock()
_sorted_lock = threading.Lock()


def _forget(path: Path) -> None:
    with _seen_lock:
        _seen.pop(path, None)


# The lines read make objects that all live on (five a line: 250,000 at 50,000): the cycle
# collector walked them again and again as they were made, and found nothing (0.2 of 0.7 s).
@collector_paused()
def _current(path: Path) -> _Seen | None:
    """The journal as it is now, parsed once: each reader of a day's passages (the recent list
    after every scan, the day tab, its figures, the Today page, the paper) re-read and re-parsed
    the whole file (bench/gate_journal.py: 50,000 kept, 1.6 s each). Read again only when its
    (size, mtime_ns) changed, and then from where the last read ended when the file only grew
    (keep appends); whole when it was emptied (replay, here or in another process) or replaced."""
    with _read_lock:
        try:
            with open(path, "rb") as f:
                st = os.fstat(f.fileno())
                stamp = (st.st_size, st.st_mtime_ns)
                with _seen_lock:
                    seen = _seen.get(path)
                same = seen is not None and st.st_size >= seen.end and f.read(len(seen.head)) == seen.head
                if same and stamp == seen.stamp:
                    return seen
                start = seen.end if same else 0
                f.seek(start)
                data = f.read()
        except FileNotFoundError:
            _forget(path)
            return None
        whole = data.rfind(b"\n") + 1              # a line without its end may still be being written
        # A filling is known by its first whole line: none yet (start 0), it is known now.
        filling = seen.filling if same and seen.head else _Filling(data[:data.find(b"\n") + 1])
        entries = _parse(data[:whole])
        filling.kept += _passages(entries)
        filling.lines += len(entries)
        tail = _parse(data[whole:])
        fresh = _Seen(filling, start + whole, _passages(tail), len(tail), stamp)
        with _seen_lock:
            _seen[path] = fresh
        return fresh


def generation(db: Database) -> bytes:
    """Which filling of the journal this is (its first line; b'' when empty): it changes when the
    journal is written out (emptied) and refilled, never while it only grows. What a reader
    worked out of its passages holds while this holds."""
    seen = _current(journal_path(db))
    return seen.head if seen else b""


# Each statement's table and columns, by its text: a journal holds the same INSERT on every line,
# and splitting it again for each was half the first read at 50,000 (0.5 s).
_statements: dict[str, tuple[str, list[str]]] = {}


def _columns(sql: str) -> tuple[str, list[str]]:
    known = _statements.get(sql)
    if known is None:
        head = sql.split("(", 1)
        table = head[0].split()[-1] if len(head) == 2 and head[0].split() else ""
        columns = [c.strip() for c in head[1].split(")", 1)[0].split(",")] if table else []
        known = _statements[sql] = (table, columns)
    return known


def _rows_of(entries: list[dict], table: str) -> list[dict]:
    rows = []
    for entry in entries:
        for sql, params in entry["statements"]:
            of, columns = _columns(sql)
            if of == table:
                rows.append(dict(zip(columns, params)))
    return rows


def _passages(entries: list[dict]) -> list[dict]:
    """The gate's passages (gate_log rows of kind 'pass') of journal lines, as {column: value}."""
    return [r for r in _rows_of(entries, "gate_log") if r.get("kind") == "pass"]


def _kept_rows(seen: _Seen) -> tuple[list[dict], int]:
    """(the gate's passages of the filling in the order kept, as {column: value}, how many of them
    this reading has): the list only grows, read its first ``n`` alone."""
    return seen.filling.kept, seen.kept


# The columns a subject's kept passages are looked up by (waiting_of): Subject.key's, and the
# household's (its fevers today).
SUBJECT_COLUMNS = ("person_id", "visitor_id", "pass_id", "plate", "household_id")


def waiting_of(db: Database, column: str, value: str) -> list[dict]:
    """The gate's passages waiting in the journal whose ``column`` (of SUBJECT_COLUMNS) is
    ``value``, in the order kept, as {column: value} (shared: read them, never change them): what
    the card's guesses must see as the log's own rows. Each scan's card looked at every kept row
    several times (the in/out guess, fevers today, the household a visitor leaves): 45 ms at
    50,000 kept (bench/gate_journal.py); the rows are grouped by subject once per filling."""
    seen = _current(journal_path(db))
    if seen is None:
        return []
    (rows, n), by = _kept_rows(seen), seen.filling.subjects
    with _subjects_lock:
        if by.done < n:
            for row in rows[by.done:n]:
                for c in SUBJECT_COLUMNS:
                    if row.get(c) is not None:
                        by.index.setdefault((c, row[c]), []).append(row)
            by.done = n
        found = by.index.get((column, value), [])[:]
    # A last line without its end (still being written, or cut by a power cut): never indexed.
    return found + [r for r in seen.tail if r.get(column) == value]


def _order(row: dict) -> tuple[str, str]:
    """A passage's place among the day's: by time, then id (db.bulk.last_passages' order)."""
    return row.get("at") or "", row.get("id") or ""


def _sorted(seen: _Seen, checkpoint_id: str | None, read: Callable, figures: bool = False):
    """``read(keys, rows, figures, noted)`` of the gate's passages of the journal sorted by (time,
    id), every gate's (None) or one gate's: sorted once per filling, a new scan's put in its place.
    Copied whole at each new scan (a reader on another thread might hold them), the lists cost the
    recent list 4-9 ms a scan at 50,000: they are changed in place, and read, under a lock.
    ``figures``: with each row's figure and _noted (else None), worked out at the first reader
    that counts: the recent list, the guard's first screen, does not wait for them."""
    (kept, n), sorted_ = _kept_rows(seen), seen.filling.passages
    with _sorted_lock:
        if sorted_.done < n:
            for row in sorted(kept[sorted_.done:n], key=_order):
                key = _order(row)
                for gate in {None, row.get("checkpoint_id")}:
                    lists = sorted_.by_gate.setdefault(gate, [[], [], None, None])
                    keys = lists[0]
                    at = bisect_right(keys, key) if keys and key < keys[-1] else len(keys)  # else at the end
                    keys.insert(at, key)
                    lists[1].insert(at, row)
                    if lists[2] is not None:
                        lists[2].insert(at, figure(row))
                        lists[3].insert(at, _noted(row))
            sorted_.done = n
        lists = sorted_.by_gate.get(checkpoint_id) or [[], [], None, None]
        if figures and lists[2] is None:
            lists[2:] = list(map(figure, lists[1])), list(map(_noted, lists[1]))
        return read(*lists)


def _torn(seen: _Seen, since: str, until: str, checkpoint_id: str | None) -> list[dict]:
    """The gate's passages of a last line without its end (still being written, or cut by a
    power cut) dated ``since`` to ``until``: never cached."""
    return [r for r in seen.tail if within(r, since, until, checkpoint_id)]


def within(row: dict, since: str, until: str, checkpoint_id: str | None = None) -> bool:
    """Whether a kept passage is one of waiting_passages' of ``since`` to ``until`` (ISO text,
    both included) at ``checkpoint_id`` (None: every gate)."""
    return (since <= (row.get("at") or "") <= until
            and (checkpoint_id is None or row.get("checkpoint_id") == checkpoint_id))


def _bounds(keys: list, since: str, until: str) -> tuple[int, int]:
    return bisect_left(keys, (since,)), bisect_right(keys, (until, "\U0010ffff"))


def waiting_passages(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> list[dict]:
    """The gate's passages waiting in the journal dated ``since`` to ``until`` (ISO text, both
    included), of one gate or (None) every gate, newest first, as {column: value} (shared: read
    them, never change them). At 50,000 kept, filtering and sorting every row again after each
    scan cost the recent list 0.1-0.25 s (bench/gate_journal.py): they are sorted once per
    filling (_sorted) and the days found by bisection."""
    seen = _current(journal_path(db))
    if seen is None:
        return []
    found = _sorted(seen, checkpoint_id, lambda keys, rows, *_: rows[slice(*_bounds(keys, since, until))])[::-1]
    torn = _torn(seen, since, until, checkpoint_id)
    return sorted(found + torn, key=_order, reverse=True) if torn else found


def waiting_ids(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> list[str]:
    """The ids of waiting_passages' passages, in its order, from the sorted keys alone: a reader
    of every kept passage of a day (log._kept_pairs) looks each up by its id in what it read of
    them before, and a look at each row's dict cost 60-100 ms at 50,000 on a busy machine."""
    seen = _current(journal_path(db))
    if seen is None:
        return []
    keys = _sorted(seen, checkpoint_id, lambda keys, *_: keys[slice(*_bounds(keys, since, until))])
    torn = _torn(seen, since, until, checkpoint_id)
    found = sorted(keys + [_order(r) for r in torn], reverse=True) if torn else keys[::-1]
    return list(map(itemgetter(1), found))


def count_waiting(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> int:
    """How many passages waiting_passages gives, without a look at each (a day's count at
    50,000 kept: the bisection alone)."""
    seen = _current(journal_path(db))
    if seen is None:
        return 0
    lo, hi = _sorted(seen, checkpoint_id, lambda keys, *_: _bounds(keys, since, until))
    return hi - lo + len(_torn(seen, since, until, checkpoint_id))


def figure(row: dict) -> tuple:
    """What the day's figures count of a kept passage: (its gate, outcome, direction, fever, an
    override reason written?, a note written?)."""
    return (row.get("checkpoint_id"), row.get("outcome"), row.get("direction"), bool(row.get("fever")),
            bool(row.get("override_reason")), bool(row.get("note")))


def _noted(row: dict) -> bool:
    """A passage a summary may list by name: a fever, an override, a note, after a fever."""
    return bool(row.get("fever") or row.get("override_reason") or row.get("note") or row.get("after_fever_at"))


def waiting_figures(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> Counter:
    """How many of waiting_passages' passages there are of each ``figure``: counted in C from the
    sorted figures, not one Python step per passage (day figures and Today's: 0.2-0.4 s at 50,000)."""
    seen = _current(journal_path(db))
    if seen is None:
        return Counter()
    found = _sorted(seen, checkpoint_id, lambda keys, rows, figures, noted: Counter(
        figures[slice(*_bounds(keys, since, until))]), figures=True)
    found.update(map(figure, _torn(seen, since, until, checkpoint_id)))
    return found


def waiting_noted(db: Database, since: str, until: str, checkpoint_id: str | None = None) -> list[dict]:
    """Those of waiting_passages' passages with a fever, an override reason or a note (the few a
    day's summary lists by name), oldest first (shared: read them, never change them)."""
    seen = _current(journal_path(db))
    if seen is None:
        return []

    def read(keys, rows, figures, noted):
        lo, hi = _bounds(keys, since, until)
        return list(compress(rows[lo:hi], noted[lo:hi]))
    found = _sorted(seen, checkpoint_id, read, figures=True)
    torn = [r for r in _torn(seen, since, until, checkpoint_id) if _noted(r)]
    return sorted(found + torn, key=_order) if torn else found


def waiting_in_order(db: Database) -> tuple[bytes, list[dict], int, list[dict]]:
    """(the filling (generation), the gate's passages waiting in the journal in the order kept,
    how many of them are there now, those of a last line without its end): a new scan's is
    appended to the second (shared: read its first ones, never change them) until the journal is
    written out."""
    seen = _current(journal_path(db))
    if seen is None:
        return b"", [], 0, []
    return (seen.head, *_kept_rows(seen), seen.tail)


def replay(db: Database, wait: float | None = 0) -> int:
    """Write the journal's passages to the database in one transaction and empty it; returns
    how many were added. Returns 0 (the journal kept) while another writer holds the lock."""
    path = journal_path(db)
    try:
        if path.stat().st_size == 0:
            return 0
    except FileNotFoundError:
        return 0
    # Not into a damaged register, nor before its check has ended (a big one's goes on in the
    # background): the restored register takes them.
    if waits_for(db) or db.closed or not db.checked.is_set():
        return 0
    with _thread_lock, _lock(db):
        entries = _read(path)
        added = 0
        if entries:
            try:
                with db.transaction(wait=wait) as conn:
                    for entry in entries:
                        if conn.execute("SELECT 1 FROM gate_log WHERE id = ?", (entry["id"],)).fetchone():
                            continue
                        for sql, params in entry["statements"]:
                            conn.execute(sql, params)
                        added += 1
            except WriterBusyError:
                return 0
        with open(path, "r+b") as f:
            f.truncate(0)
            f.flush()
            os.fsync(f.fileno())
        _forget(path)                       # written out: no reader may see them as kept
    if added:
        log.info("gate journal: %d passage(s) written to the database", added)
        _tell_written(db, added)
    return added


def when_written(db: Database, heard: Callable[[int], None]) -> Callable[[], None]:
    """Call ``heard(added)`` each time kept passages are written to this register: the screens
    that list them as 暂存 must hear it (a quarter second after the import ends, mostly on the
    journal's own thread: ``heard`` must hand it to its own). Returns what stops it."""
    with _flushers_lock:
        _listeners.setdefault(db, []).append(heard)

    def stop() -> None:
        with _flushers_lock:
            if heard in _listeners.get(db, []):
                _listeners[db].remove(heard)
    return stop


def _tell_written(db: Database, added: int) -> None:
    with _flushers_lock:
        listeners = list(_listeners.get(db, []))
    for heard in listeners:
        try:
            heard(added)
        except Exception:                   # a listener's bug: the passages are written all the same
            log.exception("gate journal: a listener failed")


def resume(db: Database) -> int:
    """At open: write what an earlier run kept; if the lock is busy, keep trying in the background."""
    added = replay(db, wait=0)
    if pending(db):
        _start_flusher(db)
    return added


def _start_flusher(db: Database) -> None:
    with _flushers_lock:
        thread = _flushers.get(id(db))
        if thread is not None and thread.is_alive():
            return
        thread = threading.Thread(target=_flush_until_empty, args=(db,), name="gate-journal", daemon=True)
        _flushers[id(db)] = thread
        thread.start()


def _flush_until_empty(db: Database) -> None:
    pause = _POLL_SECONDS
    while not db.closed:
        time.sleep(pause)
        try:
            replay(db, wait=0)
            pause = _POLL_SECONDS
        except StorageError as exc:         # a full disk: the journal keeps the passages
            log.warning("gate journal not written yet: %s", exc.detail or exc.message)
            pause = 5.0
        except Exception:                   # a bug: keep the journal, say so in the log
            log.exception("gate journal replay failed; the journal is kept")
            pause = 5.0
        try:
            if journal_path(db).stat().st_size == 0:
                break
        except FileNotFoundError:
            break
    with _flushers_lock:
        if _flushers.get(id(db)) is threading.current_thread():
            del _flushers[id(db)]


def wait_until_written(db: Database, timeout: float) -> bool:
    """For closing and for tests: True once the journal is empty (it was written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pending(db):
            return True
        try:
            replay(db, wait=0)
        except StorageError:
            pass
        time.sleep(0.05)
    return not pending(db)
