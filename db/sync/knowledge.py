"""Knowledge: what this database holds, as a version vector (SYNC.md 9.8), and what we believe
each peer holds (learned only from the peer's own packages: an export may be lost on its way).

``sync_knowledge[site]`` is the largest n such that changes site:1..n are all in the log,
raised from ``sync_knowledge_floor`` (a snapshot's claim, SYNC.md 9.9) where that is higher.
Capture keeps our own site's entry; ``advance`` moves received sites' entries over whatever
contiguous run of numbers is now present.
"""
import sqlite3
from datetime import datetime, timezone
from typing import Iterable, Mapping


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def knowledge(conn: sqlite3.Connection) -> dict[str, int]:
    """This database's version vector {origin site_id: max contiguous seq}."""
    out = dict(conn.execute("SELECT site_id, max_seq FROM sync_knowledge"))
    for site, floor in conn.execute("SELECT site_id, max_seq FROM sync_knowledge_floor"):
        out[site] = max(out.get(site, 0), floor)
    return {s: n for s, n in out.items() if n > 0}


def advance(conn: sqlite3.Connection, site_ids: Iterable[str]) -> dict[str, int]:
    """Move the knowledge of these origin sites over the contiguous numbers now held; returns
    the new values."""
    out = {}
    for site in set(site_ids):
        known = conn.execute(
            "SELECT max(coalesce((SELECT max_seq FROM sync_knowledge WHERE site_id = :s), 0),"
            " coalesce((SELECT max_seq FROM sync_knowledge_floor WHERE site_id = :s), 0))", {"s": site}).fetchone()[0]
        no = conn.execute("SELECT no FROM sync_site_no WHERE site_id = ?", (site,)).fetchone()
        if no is not None:
            for (seq,) in conn.execute("SELECT seq FROM sync_log WHERE site = ? AND seq > ? ORDER BY seq",
                                       (no[0], known)):
                if seq != known + 1:
                    break
                known = seq
        conn.execute("INSERT INTO sync_knowledge VALUES (?, ?) ON CONFLICT(site_id)"
                     " DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)", (site, known))
        out[site] = known
    return out


def raise_floor(conn: sqlite3.Connection, claimed: Mapping[str, int]) -> None:
    """A snapshot's knowledge: everything up to these numbers is represented (SYNC.md 9.9)."""
    conn.executemany("INSERT INTO sync_knowledge_floor VALUES (?, ?) ON CONFLICT(site_id)"
                     " DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)", sorted(claimed.items()))


def peer_knowledge(conn: sqlite3.Connection, peer_site: str) -> dict[str, int]:
    """What we know ``peer_site`` holds (from its packages); {} for a peer never heard from."""
    return dict(conn.execute("SELECT site_id, max_seq FROM sync_peer_knowledge WHERE peer_site = ?", (peer_site,)))


def learn_peer_knowledge(conn: sqlite3.Connection, peer_site: str, known: Mapping[str, int],
                         package_id: str, at: str | None = None) -> None:
    """The peer's knowledge from its package (an ack): pointwise max with what we had."""
    at = at or now_text()
    conn.executemany(
        "INSERT INTO sync_peer_knowledge (peer_site, site_id, max_seq, learned_from, learned_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(peer_site, site_id) DO UPDATE SET"
        " max_seq = max(max_seq, excluded.max_seq), learned_from = excluded.learned_from,"
        " learned_at = excluded.learned_at WHERE excluded.max_seq > max_seq",
        [(peer_site, s, int(n), package_id, at) for s, n in sorted(known.items())])
