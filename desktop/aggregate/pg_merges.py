"""Merged duplicates in the PostgreSQL aggregate: the rules of db/sync/person_merge.py and
db/sync/duty_merge.py, set-based, per community (SYNC.md 9.13).

A community's machines settle a merge (``person_merge``, ``duty_merge``: replicated rows)
without recording a change, so the packages bring the merge and both persons' rows unchanged:
without this, a resident merged on the community's machines is two ``person`` rows here,
counted twice in the district's figures, and a merged volunteer's shifts stay on two entries.
``settle(conn, communities)`` runs after every ingest batch for the batch's communities, in its
transaction, before the figures are counted (pg.py ``_merge``), and for every community when
all figures are counted again:

* **Who a merged person (entry on duty) now is**: ``agg_person_alias`` / ``agg_duty_alias``
  (community, id, canonical_id), every merged-away id, made again from the merges held with
  ``canonical_map``'s rule: the merges join ids into groups; in a group the id no merge names
  as loser survives (the smallest when none or several; ids compared byte-wise, as Python does).
* **A merged-away person is left out of the figures** through the view ``person_now`` (the
  person rows no alias names), rather than written ``is_deleted = 1``: which of two persons
  survives may change (a later merge of the pair the other way), and the aggregate keeps no
  change log to restore the raw values from, as the community's machines do.
* **Editable records** naming a merged-away id (person_merge.REFS, duty_merge.REFS) are pointed
  at the survivor, as on the community's machines; a later change bringing the old id back is
  pointed again after its batch. Rows one per person (membership, care_subject) and the
  append-only logs are not rewritten (read through the alias on the machines; no figure here
  reads them).
* **A merged-away entry on duty** is hidden (``is_deleted = 1``), as on the machines: the older
  entry always survives, so it never comes back.
"""
from db.sync import duty_merge, person_merge


def _qi(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


ALIASES = {"person_merge": "agg_person_alias", "duty_merge": "agg_duty_alias"}

TABLES = [f"""CREATE TABLE IF NOT EXISTS {alias} (community text COLLATE "C", id text COLLATE "C",
      canonical_id text COLLATE "C" NOT NULL, PRIMARY KEY (community, id))""" for alias in ALIASES.values()]

# The person rows the figures count: every row but the merged-away (see the module docstring).
VIEWS = ["""CREATE OR REPLACE VIEW person_now AS
    SELECT p.* FROM person p
    WHERE NOT EXISTS (SELECT 1 FROM agg_person_alias a WHERE a.community = p.community AND a.id = p.id)"""]


def alias_sql(merges: str) -> str:
    """The statement filling the alias table of ``merges`` for the communities
    %(communities)s (deleted first): canonical_map's groups by a closure over the merges."""
    return f"""INSERT INTO {ALIASES[merges]} (community, id, canonical_id)
    WITH RECURSIVE
      e AS (SELECT community, loser_id COLLATE "C" AS a, survivor_id COLLATE "C" AS b FROM {_qi(merges)}
            WHERE community = ANY(%(communities)s) AND loser_id IS NOT NULL AND survivor_id IS NOT NULL
              AND loser_id <> survivor_id),
      u AS (SELECT community, a AS x, b AS y FROM e UNION SELECT community, b, a FROM e),
      r (community, x, y) AS (SELECT community, x, x FROM u
                              UNION SELECT r.community, r.x, u.y FROM r JOIN u ON u.community = r.community AND u.x = r.y),
      g AS (SELECT community, x, min(y) AS grp FROM r GROUP BY community, x),
      l AS (SELECT DISTINCT community, a FROM e),
      c AS (SELECT g.community, g.grp, coalesce(min(g.x) FILTER (WHERE l.a IS NULL), min(g.x)) AS canon
            FROM g LEFT JOIN l ON l.community = g.community AND l.a = g.x GROUP BY g.community, g.grp)
    SELECT g.community, g.x, c.canon FROM g JOIN c ON c.community = g.community AND c.grp = g.grp
    WHERE g.x <> c.canon"""


def repoint_sql(alias: str, table: str, col: str) -> str:
    """Point ``table.col`` naming a merged-away id at the survivor, for %(communities)s."""
    return (f"UPDATE {_qi(table)} x SET {_qi(col)} = a.canonical_id FROM {alias} a"
            f" WHERE x.community = ANY(%(communities)s) AND a.community = x.community"
            f" AND a.id = x.{_qi(col)} COLLATE \"C\"")


HIDE_DUTY = ("UPDATE duty_person x SET is_deleted = 1 FROM agg_duty_alias a WHERE x.community = ANY(%(communities)s)"
             " AND a.community = x.community AND a.id = x.id AND x.is_deleted IS DISTINCT FROM 1")


def settle(conn, communities: list[str]) -> None:
    """Settle the merges of ``communities`` in the caller's transaction (see the module
    docstring)."""
    params = {"communities": list(communities)}
    for merges, refs in (("person_merge", person_merge.REFS), ("duty_merge", duty_merge.REFS)):
        alias = ALIASES[merges]
        conn.execute(f"DELETE FROM {alias} WHERE community = ANY(%(communities)s)", params)
        if not conn.execute(alias_sql(merges), params).rowcount:
            continue                    # nothing merged in these communities: no table is read
        for table, col in refs:
            conn.execute(repoint_sql(alias, table, col), params)
        if merges == "duty_merge":
            conn.execute(HIDE_DUTY, params)
