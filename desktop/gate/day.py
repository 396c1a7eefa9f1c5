"""The day at the gate: counts in and out, who went out and is not back, visitors still
inside, fevers, people turned back: the facts of the shift handover note (交接班小结), which
ui.gate.day_words words in the window's language."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from operator import attrgetter, itemgetter

from db.bulk import GATE_VALID, last_passages, rebuild_gate_person_last
from db.connection import Database
from desktop.gate.checkpoints import checkpoint, checkpoints
from desktop.gate.log import (_ENTRY_SELECT, AFTER_A_FEVER_SQL, after_a_fever, as_seen, entry_from_row,
                              kept_figures, kept_last, kept_noted, kept_read)
from desktop.gate.records import LogEntry
from desktop.accounts.roles import Permission, require

# How far back "went out and is not back" looks: older trips belong to the register's 'away'.
OUT_WINDOW_DAYS = 3
LIST_LIMIT = 200                 # names listed; the counts are always whole
_VALID = GATE_VALID


@dataclass(frozen=True)
class DaySummary:
    since: str
    until: str
    went_in: int
    went_out: int
    turned_back: int
    referred: int
    corrections: int
    fevers: tuple[LogEntry, ...]
    overrides: tuple[LogEntry, ...]
    out_not_back: tuple[LogEntry, ...]       # residents whose last passage was out (newest LIST_LIMIT)
    visitors_inside: tuple[LogEntry, ...]    # visitors whose last passage was in
    out_not_back_count: int = 0
    visitors_inside_count: int = 0
    # Let through after a fever earlier today (its row has none: the note says so): the next
    # shift must know who is inside, or out, after a fever.
    after_fever: tuple[LogEntry, ...] = ()
    kept: int = 0                            # of the passages counted, still in the gate journal (暂存)


def _latest(conn, key: str, since: str, until: str, direction: str) -> tuple[int, list[LogEntry]]:
    """(how many, the newest LIST_LIMIT) of those whose last passage in the window went
    ``direction`` (db.bulk.last_passages: which is last of two in one second), oldest first.
    Every list here is in (at, id) order, as that rule: by the time alone, people who went out
    in one second were listed (and a long list cut) in the order each machine got its rows."""
    # Visitors are a few rows among thousands a day: their own (partial) index is the short way.
    hint = " INDEXED BY gate_log_visitor" if key == "visitor_id" else ""
    rows = conn.execute(
        last_passages(key, hint, " AND g.at >= ? AND g.at <= ?") + " WHERE direction = ? ORDER BY at DESC, id DESC",
        (since, until, direction)).fetchall()
    ids = [r[3] for r in rows[:LIST_LIMIT]]
    details = conn.execute(_ENTRY_SELECT + f" WHERE g.id IN ({', '.join('?' * len(ids))}) ORDER BY g.at, g.id",
                           ids).fetchall() if ids else []
    return len(rows), [entry_from_row(r) for r in details]


# More people than this with a passage after the window: group the window's rows instead.
_FEW_LATER = 2000


def _out_not_back(conn, since: str, until: str, listed: bool = True) -> tuple[int, list[LogEntry]]:
    """What ``_latest(conn, "person_id", since, until, "out")`` gives, read from each person's
    last passage (gate_person_last) instead of grouping the window's rows by person.

    A person whose last passage is inside the window counts when it went out (one covering-index
    range). The few whose last passage is after ``until`` (a past day's summary, a clock running
    ahead) get the rule on the log itself: their last passage in the window, through the
    (person_id, at) index. ``listed``: False for the count alone (the Today page)."""
    args = {"since": since, "until": until}
    kept = conn.execute("SELECT count(*) = 2 FROM sqlite_master WHERE type = 'trigger'"
                        " AND name IN ('gate_person_last_ins', 'gate_person_last_void')")
    many_later = conn.execute("SELECT count(*) FROM (SELECT 1 FROM gate_person_last WHERE at > :until LIMIT :n)",
                              {**args, "n": _FEW_LATER}).fetchone()[0] >= _FEW_LATER
    if not kept.fetchone()[0] or many_later:
        # A day long past (or a table rebuilt without its triggers): group the window's rows.
        return _latest(conn, "person_id", since, until, "out")
    later = conn.execute(
        last_passages(where=" AND g.person_id IN (SELECT person_id FROM gate_person_last WHERE at > :until)"
                      " AND g.at >= :since AND g.at <= :until") + " WHERE direction = 'out'", args).fetchall()
    count = len(later) + conn.execute(
        "SELECT count(*) FROM gate_person_last WHERE at >= :since AND at <= :until AND direction = 'out'",
        args).fetchone()[0]
    if not listed:
        return count, []
    newest = conn.execute(
        "SELECT person_id, at, direction, log_id FROM gate_person_last WHERE at >= :since AND at <= :until"
        f" AND direction = 'out' ORDER BY at DESC, log_id DESC LIMIT {LIST_LIMIT}", args).fetchall()
    ids = [r[3] for r in sorted(newest + later, key=lambda r: (r[1], r[3]), reverse=True)[:LIST_LIMIT]]
    details = conn.execute(_ENTRY_SELECT + f" WHERE g.id IN ({', '.join('?' * len(ids))}) ORDER BY g.at, g.id",
                           ids).fetchall() if ids else []
    return count, [entry_from_row(r) for r in details]


def rebuild_last_passages(db: Database) -> None:
    """Rebuild gate_person_last from the log (it is derived: nothing is lost)."""
    with db.transaction() as conn:
        rebuild_gate_person_last(conn)


def check_last_passages(db: Database) -> int:
    """How many persons' rows in gate_person_last differ from the log (0 when it is right)."""
    with db.reading() as conn:
        return conn.execute(
            f"WITH truth AS ({last_passages()})"
            " SELECT count(DISTINCT person_id) FROM ("
            "SELECT * FROM (SELECT * FROM truth EXCEPT SELECT * FROM gate_person_last) UNION ALL"
            " SELECT * FROM (SELECT * FROM gate_person_last EXCEPT SELECT * FROM truth))").fetchone()[0]


def shift_start(started: time, now: datetime) -> datetime:
    """When a shift that started at the clock time ``started`` began, seen at ``now``: today, or
    yesterday when that time is still to come today (a night shift handed over after midnight:
    22:00 read at 06:00 is last night's 22:00, not tonight's, which would count nothing)."""
    start = datetime.combine(now.date(), started)
    return start - timedelta(days=1) if start > now else start


_CORRECTIONS = "SELECT count(*) FROM gate_log g WHERE g.at >= ?1 AND g.at <= ?2 AND g.kind = 'void'"
# One gate's: those made at it, and a void that came from another machine without a gate, at
# the gate of the passage it voids (its note said 更正 0 条 while that passage was gone from its
# figures). The same rows of the days are read as for every gate's; the passage is looked up by
# its id for such a void only.
_AT_GATE = " AND coalesce(g.checkpoint_id, (SELECT p.checkpoint_id FROM gate_log p WHERE p.id = g.voids_id)) = ?3"


def day_summary(db: Database, since: datetime, until: datetime | None = None,
                checkpoint_id: str | None = None) -> DaySummary:
    """Figures for [since, until] (a day or a shift), at one checkpoint or all of them.
    'Out and not back' looks at every gate: people leave by one gate and return by another."""
    require(db, Permission.GATE)
    until = until or datetime.now()
    a, b = since.isoformat(timespec="seconds"), until.isoformat(timespec="seconds")
    gate = " AND g.checkpoint_id = ?" if checkpoint_id else ""
    args = (a, b, *([checkpoint_id] if checkpoint_id else []))
    with db.reading() as conn:
        counts = dict(conn.execute(
            f"SELECT coalesce(g.outcome, 'unknown') || ':' || g.direction, count(*) FROM gate_log g"
            f" WHERE g.at >= ? AND g.at <= ? AND {_VALID}{gate} GROUP BY 1", args).fetchall())
        fevers = conn.execute(_ENTRY_SELECT + f" WHERE g.at >= ? AND g.at <= ? AND g.fever = 1 AND {_VALID}{gate}"
                              " ORDER BY g.at", args).fetchall()
        after_fever = conn.execute(_ENTRY_SELECT + f" WHERE g.at >= ? AND g.at <= ? AND {AFTER_A_FEVER_SQL}"
                                   f" AND {_VALID}{gate} ORDER BY g.at, g.id", args).fetchall()
        overrides = conn.execute(_ENTRY_SELECT + f" WHERE g.at >= ? AND g.at <= ? AND g.override_reason IS NOT NULL"
                                 f" AND {_VALID}{gate} ORDER BY g.at", args).fetchall()
        corrections = conn.execute(_CORRECTIONS + (_AT_GATE if checkpoint_id else ""), args).fetchone()[0]
        window = (until - timedelta(days=OUT_WINDOW_DAYS)).isoformat(timespec="seconds")
        out_count, out_not_back = _out_not_back(conn, window, b)
        visitors_count, visitors = _latest(conn, "visitor_id", window, b, "in")

        # The passages still in the gate journal (an import holds the register, or it is damaged
        # or read-only) are the gate's as much as the log's: counted, listed, marked 暂存.
        # At 50,000 kept, they are counted in C (kept_figures) and only those listed by name are
        # read: a summary read each whole the first time (2-5 s) and went through each in Python
        # several times over after (0.1-0.4 s, bench/gate_journal.py).
        figures = kept_figures(db, a, b, checkpoint_id)
        for (_, outcome, direction, *_), many in figures.items():
            key = f"{outcome or 'unknown'}:{direction}"
            counts[key] = counts.get(key, 0) + many
        noted = kept_noted(db, a, b, checkpoint_id)
        out_count, out_not_back = _with_kept(db, conn, "person_id", window, b, "out", out_count, out_not_back)
        visitors_count, visitors = _with_kept(db, conn, "visitor_id", window, b, "in", visitors_count, visitors)

    def n(outcome, direction=None):
        return sum(v for k, v in counts.items() if k.startswith(outcome + ":") and (direction is None or k.endswith(direction)))

    def listed(rows, also):
        return tuple(sorted(as_seen(db, [entry_from_row(r) for r in rows]) + list(also),
                            key=lambda e: (e.at, e.id)))
    return DaySummary(a, b, n("allowed", "in"), n("allowed", "out"), n("turned_back"), n("referred"), corrections,
                      listed(fevers, filter(attrgetter("fever"), noted)),
                      listed(overrides, filter(attrgetter("override_reason"), noted)),
                      tuple(as_seen(db, out_not_back)), tuple(as_seen(db, visitors)), out_count, visitors_count,
                      listed(after_fever, filter(after_a_fever, noted)),
                      sum(figures.values()))


def counted(outcome: str | None, direction: str | None, fever) -> tuple[int, int, int, int]:
    """(let in, let out, turned back, fever) of one passage, as the figures' SQL counts a log row:
    how Today's figures and charts count a passage kept in the gate journal."""
    allowed = outcome == "allowed"
    return (int(allowed and direction == "in"), int(allowed and direction == "out"), int(outcome == "turned_back"),
            int(fever))


def _with_kept(db: Database, conn, key: str, since: str, until: str, direction: str, count: int,
               entries: list[LogEntry], listed: bool = True) -> tuple[int, list[LogEntry]]:
    """(count, entries) of those whose last passage went ``direction`` (out and not back, visitors
    still inside), with the passages kept in the gate journal taken as the last: written while
    another writer held the register, they are the newest. Each kept subject's last passage in
    the log says whether the log's figure already counted them. Of the kept ones, those listed
    alone are read (``listed`` False: the count alone, the Today page)."""
    subject = attrgetter(key)
    last = kept_last(db, key, since, until)
    if not last:
        return count, entries
    ids = list(last)
    logged = dict((r[0], r[2]) for r in conn.execute(
        last_passages(key, where=f" AND g.{key} IN ({', '.join('?' * len(ids))}) AND g.at >= ? AND g.at <= ?"),
        (*ids, since, until)))
    entries = [e for e in entries if subject(e) not in last]
    went = [(at, row_id, row) for at, row_id, way, row in last.values() if way == direction]
    count += len(went) - sum(logged.get(who) == direction for who in last)
    if not listed:
        return count, entries
    newest = sorted([(e.at, e.id, e) for e in entries] + went, key=itemgetter(0, 1))[-LIST_LIMIT:]
    kept = [(row_id, x) for _, row_id, x in newest if isinstance(x, dict)]
    read = {e.id: e for e in kept_read(db, [x for _, x in kept], [row_id for row_id, _ in kept])}
    # A kept one read already in the log (gone meanwhile) is left out, as kept_between leaves it.
    return count, [read[row_id] if isinstance(x, dict) else x for _, row_id, x in newest
                   if not isinstance(x, dict) or row_id in read]


_GATES_NAMED = 4


def gates_covered(db: Database, checkpoint_id: str | None = None) -> tuple[tuple[str, ...], int]:
    """Which gate(s) a handover note or a gate export covers: (the names to say, how many gates).
    One gate's: its name; every gate's: each name, or none past _GATES_NAMED (fourteen names were
    three lines before the figures). The next shift must know whether a figure is one gate's or
    all of them. ui.gate.day_words and gates_said word it."""
    if checkpoint_id:
        one = checkpoint(db, checkpoint_id)
        return (one.name if one else "",), 1
    every = checkpoints(db)
    return (tuple(c.name for c in every) if len(every) <= _GATES_NAMED else ()), len(every)


def gates_said(db: Database, checkpoint_id: str | None = None) -> str:
    """gates_covered in Chinese (a workbook's title): the gate's name, 全部卡口（幸福里东门、幸福里西门）,
    or 全部14个卡口."""
    names, count = gates_covered(db, checkpoint_id)
    if count == 1:
        return names[0]
    return f"全部{count}个卡口" if not names and count else "全部卡口" + (f"（{'、'.join(names)}）" if names else "")
