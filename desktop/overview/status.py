"""The four colours (作战图) as figures: the most serious status of a household, and how many
people were in each status at a moment of the past (from the status history)."""
from datetime import datetime

from db.connection import Database
from desktop import vocab

# The most serious first: a household is drawn in the colour of its most serious member.
SEVERITY = ("home_isolation", "observation", "away", "healthy")
RANK = {s: i for i, s in enumerate(SEVERITY)}
assert set(SEVERITY) == set(vocab.STATUS)


def most_serious(statuses) -> str | None:
    """The status a household is coloured by: home isolation > observation > away > healthy.
    None for a household with nobody in it."""
    ranked = [RANK[s] for s in statuses if s in RANK]
    return SEVERITY[min(ranked)] if ranked else None


def severity_sql(column: str) -> str:
    """The same order in SQL (for min() over a household's members)."""
    return "CASE " + column + " " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(SEVERITY)) + " END"


def register_totals(db: Database) -> dict[str, int]:
    """Households, people and key persons in the register (removed ones left out): what
    Register.totals counts, read from small indexes (a street office's 200,000 people are not
    read one by one: the table's count, less the few removed)."""
    with db.reading() as conn:
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "households": q("SELECT count(*) FROM household") - q("SELECT count(*) FROM household WHERE is_deleted = 1"),
            "people": q("SELECT count(*) FROM person") - q("SELECT count(*) FROM person WHERE is_deleted = 1"),
            "key_persons": q("SELECT count(*) FROM person WHERE is_key_person = 1 AND is_deleted = 0"),
        }


def status_counts(db: Database, people: int | None = None) -> dict[str, int]:
    """People in each status now (removed people left out). Everyone not in another status is
    healthy: the other three come from the index of the few who are not (person_status).
    ``people``: register_totals' count when the caller has it already."""
    people = register_totals(db)["people"] if people is None else people
    with db.reading() as conn:
        counts = dict(conn.execute("SELECT status, count(*) FROM person WHERE status <> 'healthy' AND is_deleted = 0"
                                   " GROUP BY status"))
    out = {s: counts.get(s, 0) for s in vocab.STATUS}
    out["healthy"] = people - sum(v for s, v in out.items() if s != "healthy")
    return out


def status_counts_at(db: Database, moments: list[datetime], people: int | None = None) -> list[dict[str, int]]:
    """People in each status at each of ``moments``, worked back from today's counts.

    Every status change is in ``status_change``, whoever made it, so the counts at a moment are
    today's with the changes made after it undone, less the people registered after it (their
    ``created_wall``): a village that registered its 13 people today had nobody yesterday, not
    13 healthy people of whom 3 fell ill. Removed people are left out throughout."""
    now_counts = status_counts(db, people)
    stamps = [m.isoformat(timespec="seconds") for m in moments]
    first = min(stamps) if stamps else ""
    with db.reading() as conn:
        changes = conn.execute(
            "SELECT c.changed_at, c.old_status, c.new_status, p.created_wall FROM status_change c"
            " LEFT JOIN person p ON p.id = c.person_id"
            " WHERE c.changed_at > ? AND c.person_id NOT IN (SELECT id FROM person WHERE is_deleted = 1)",
            (first,)).fetchall()
        # Grouped by moment: an import or the demo writes its thousands of people with one wall.
        newcomers = conn.execute(
            "SELECT created_wall, status, count(*) FROM person WHERE is_deleted = 0 AND created_wall > ?"
            " GROUP BY created_wall, status", (first,)).fetchall()
    out = []
    for stamp in stamps:
        counts = dict(now_counts)
        for wall, status, n in newcomers:
            if wall > stamp:
                counts[status] = counts.get(status, 0) - n
        for at, old, new, wall in changes:
            if at > stamp and not (wall and wall > stamp):
                counts[new] = counts.get(new, 0) - 1
                counts[old or "healthy"] = counts.get(old or "healthy", 0) + 1
        out.append({s: counts.get(s, 0) for s in vocab.STATUS})
    return out


def entered_on(db: Database, day) -> dict[str, int]:
    """People who entered each status during ``day`` (from the status history): 今日新增."""
    with db.reading() as conn:
        changes = dict(conn.execute(
            "SELECT new_status, count(DISTINCT person_id) FROM status_change"
            " WHERE changed_at >= ? AND changed_at <= ? GROUP BY new_status",
            (day.isoformat(), day.isoformat() + "T23:59:59")).fetchall())
    return {s: changes.get(s, 0) for s in vocab.STATUS}
